//! Datetime extraction over the report seed, one run per line: `cargo bench -p rustdocs-datetime`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rustdocs_datetime::{Options, Resolver, recognize};

fn report() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seeds/003_0bd08050aac06db2.md"
    );
    std::fs::read_to_string(path).unwrap_or_else(|_| {
        // Without the shared seeds, a synthetic report of similar density.
        "2021 年 4 月 07 日，TiDB 发布 5.0 GA 版本，迭代周期为每两周一个小版本，代码大约 30 万行。\n".repeat(1500)
    })
}

fn bench(c: &mut Criterion) {
    let text = report();
    let mut group = c.benchmark_group("datetime");
    group.throughput(Throughput::Bytes(text.len() as u64));
    let options = Options::default();
    group.bench_function("report seed", |b| {
        b.iter(|| {
            let mut resolver = Resolver::new(None);
            let mut n = 0;
            for line in text.lines() {
                for candidate in recognize(line, &options) {
                    n += usize::from(resolver.resolve(&candidate).start.is_some());
                }
            }
            n
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
