//! Criterion benches for every pipeline stage and the whole pipeline:
//! `cargo bench -p rustdocs-benches` (a few minutes on 2 cores).
//!
//! Stages run on the report seed (125 KB, dense with entities); front matter runs on the
//! meetup seed, the only archetype with front matter. `whole` compares the pipeline with the
//! bare pulldown-cmark walk on the report and on English text with no candidate characters.

use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main};
use rustdocs_benches::{lorem, meetup, pipeline, report, stages, walk};

fn group<'c>(c: &'c mut Criterion, name: &str, bytes: usize) -> BenchmarkGroup<'c, WallTime> {
    let mut g = c.benchmark_group(name);
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .throughput(Throughput::Bytes(bytes as u64));
    g
}

fn stage_benches(c: &mut Criterion) {
    let Ok(report) = report() else {
        eprintln!("report seed not found; skipping stage benches");
        return;
    };
    let Ok(prepared) = stages::Prepared::new(&report) else {
        eprintln!("report seed does not analyze; skipping stage benches");
        return;
    };

    if let Ok(meetup) = meetup() {
        let mut g = group(c, "front_matter", meetup.len());
        g.bench_function("meetup", |b| {
            b.iter(|| stages::front_matter(black_box(&meetup)).is_ok());
        });
        g.finish();
    }

    let mut g = group(c, "stages", report.len());
    g.bench_function("pulldown_walk", |b| b.iter(|| walk(black_box(&report))));
    g.bench_function("document", |b| {
        b.iter(|| rustdocs_document::parse(black_box(&report), 0));
    });
    g.bench_function("datetime", |b| b.iter(|| stages::datetimes(&prepared)));
    g.bench_function("venue", |b| b.iter(|| stages::venues(&prepared)));
    g.bench_function("loc", |b| b.iter(|| stages::locs(&prepared)));
    g.bench_function("release", |b| b.iter(|| stages::releases(&prepared)));
    g.bench_function("extract", |b| {
        b.iter(|| stages::extract(black_box(&report), &prepared.document));
    });
    g.bench_function("validate", |b| b.iter(|| stages::validate(&prepared)));
    g.bench_function("serialize", |b| {
        b.iter(|| stages::serialize(&prepared).is_ok());
    });
    g.finish();
}

fn whole_benches(c: &mut Criterion) {
    let Ok(report) = report() else {
        return;
    };
    let plain = lorem(report.len());
    for (name, text) in [("whole_report", &report), ("whole_lorem", &plain)] {
        let mut g = group(c, name, text.len());
        g.bench_function("pulldown_walk", |b| b.iter(|| walk(black_box(text))));
        g.bench_function("pipeline", |b| b.iter(|| pipeline(black_box(text)).is_ok()));
        g.finish();
    }
}

criterion_group!(benches, stage_benches, whole_benches);
criterion_main!(benches);
