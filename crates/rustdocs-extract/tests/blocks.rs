//! A large document is resolved a block of runs at a time, beside the recognition of the
//! block before: the datetimes are those of one resolver reading every run in order.

use std::fmt::Write;

use jiff::civil::date;
use rustdocs_datetime::{Datetime, Resolver};
use rustdocs_extract::{
    EntityKind, EntityValue, Kinds, Options, Reference, ReferenceSource, extract, recognize_runs,
};

/// Sections with relative and partial dates whose reading depends on the runs before them
/// (the context year, the day of a bare clock time), past several blocks of runs.
fn large_document() -> String {
    let mut source = String::new();
    for i in 0..3_000 {
        let year = 2015 + i % 9;
        let _ = write!(
            source,
            "## 第 {i} 节\n\n{year} 年 3 月 5 日发布 1.{i} 版本。\n\n4 月 8 日 14:00 再次上线。\n\n\
             - 下午 3 点\n- 上个月\n\n本周六下午见。\n\n"
        );
    }
    source
}

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
}

#[test]
fn block_resolution_reads_every_run_in_order() {
    let source = large_document();
    let doc = rustdocs_document::parse(&source, 0);
    assert!(doc.runs.len() > 3 * 4096, "{} runs", doc.runs.len());
    let reference = Reference::day(date(2023, 4, 1), ReferenceSource::Caller);
    let options = Options {
        reference: Some(reference),
        kinds: Kinds::none().with(EntityKind::Datetime),
    };

    // One resolver over every run, in order.
    let found = recognize_runs(&doc.runs, options.kinds);
    let mut resolver = Resolver::new(Some(reference.date));
    let mut expected: Vec<(usize, Datetime)> = Vec::new();
    for (i, run) in doc.runs.iter().enumerate() {
        resolver.set_section(run.section());
        resolver.set_quoted(run.quote_depth > 0);
        for c in found.candidates(i) {
            let start = run.source_span(c.range.clone()).start;
            expected.push((start, resolver.resolve(c)));
        }
    }
    assert!(expected.len() > 10_000, "{} datetimes", expected.len());

    for threads in [1, 2, 3] {
        let got: Vec<(usize, Datetime)> = pool(threads).install(|| {
            extract(&source, &doc, &[], &options)
                .entities
                .into_iter()
                .filter_map(|e| match e.value {
                    EntityValue::Datetime(dt) => Some((e.span.start, dt)),
                    _ => None,
                })
                .collect()
        });
        assert!(got == expected, "{threads} threads");
    }
}
