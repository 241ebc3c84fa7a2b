//! `parse` against the floor it is measured by: a bare pulldown-cmark offset walk.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pulldown_cmark::Parser;
use rustdocs_document::{OPTIONS, parse};

fn documents() -> Vec<(&'static str, String)> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    [
        ("seed_003", "seeds/003_0bd08050aac06db2.md"),
        (
            "report_2022",
            "corpus/RustMagazine__Rust-Ecosystem-Annual-Report/2022/report.md",
        ),
    ]
    .into_iter()
    .filter_map(|(name, path)| Some((name, std::fs::read_to_string(shared.join(path)).ok()?)))
    .collect()
}

fn bench(c: &mut Criterion) {
    for (name, source) in documents() {
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(source.len() as u64));
        group.bench_function("pulldown_offset_walk", |b| {
            b.iter(|| {
                let mut n = 0usize;
                for (event, range) in
                    Parser::new_ext(black_box(&source), OPTIONS).into_offset_iter()
                {
                    black_box(&event);
                    n += range.len();
                }
                n
            });
        });
        group.bench_function("parse", |b| b.iter(|| parse(black_box(&source), 0)));
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
