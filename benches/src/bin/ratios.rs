//! Measures the pipeline against the bare pulldown-cmark walk in one run and prints a
//! Markdown table: `cargo run --profile bench -p rustdocs-benches --bin ratios -- [MB] [RUNS]`.
//!
//! Every figure is the median of RUNS timed calls (after one warm-up) on the report seed
//! repeated to MB megabytes (default 20), on one tenth of that (the scaling check), and on
//! English lorem-ipsum Markdown of the same size (no candidate characters). The walk and the
//! pipeline are timed in alternating pairs, and the ratio is the median of the pairs'
//! ratios. Then the large report's ratio taken apart: the pipeline on a pool of one thread
//! against the walk, and what the second thread gains it; and what two threads gain on
//! this machine for a compute loop and for the walk. A per-stage breakdown follows.

use std::time::Duration;

use rustdocs_benches::{
    compute_loop, lorem, median, on_one_thread, paired, pipeline, repeat_to, report, stages,
    two_thread_throughput, walk, walk_pieces,
};

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn mb_per_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mb: f64 = args.next().map_or(Ok(20.0), |a| a.parse())?;
    let runs: usize = args.next().map_or(Ok(5), |a| a.parse())?;
    let big = (mb * 1e6) as usize;

    let unit = report()?;
    let large = repeat_to(&unit, big);
    let small = repeat_to(&unit, big / 10);
    let plain = lorem(big);

    println!("| input | bytes | walk ms | pipeline ms | pipeline MB/s | pipeline / walk |");
    println!("|---|---:|---:|---:|---:|---:|");
    let mut pipeline_times = Vec::new();
    for (name, text) in [
        ("report ×N", &large),
        ("report ×N/10", &small),
        ("lorem ipsum", &plain),
    ] {
        pipeline(text)?;
        let (w, p, ratio) = paired(
            runs,
            || walk(text),
            || pipeline(text).map_err(|e| e.to_string()),
        );
        pipeline_times.push(p);
        println!(
            "| {name} | {} | {:.1} | {:.1} | {:.1} | {ratio:.2} |",
            text.len(),
            ms(w),
            ms(p),
            mb_per_s(text.len(), p),
        );
    }
    println!(
        "\nscaling: time(report ×N) / time(report ×N/10) = {:.2} (bytes ratio {:.2})",
        pipeline_times[0].as_secs_f64() / pipeline_times[1].as_secs_f64(),
        large.len() as f64 / small.len() as f64
    );

    // The ratio on two threads is about the pipeline's work on one thread over the walk,
    // divided by what the second thread gains it (medians of separate pairs, so the two
    // agree only roughly): the lines below say which of them stands in the way, and
    // whether the machine's cores or the pipeline limit the gain.
    let one_thread = |text: &str| on_one_thread(|| pipeline(text).map_err(|e| e.to_string()));
    let (w, p1, one_ratio) = paired(runs, || walk(&large), || one_thread(&large));
    let (p2, _, gain) = paired(
        runs,
        || pipeline(&large).map_err(|e| e.to_string()),
        || one_thread(&large),
    );
    println!(
        "one thread: pipeline {:.1} ms, {one_ratio:.2}× the walk ({:.1} ms); two threads \
         ({:.1} ms) are {gain:.2}× as fast, so about {one_ratio:.2} / {gain:.2} = {:.2}× the walk",
        ms(p1),
        ms(w),
        ms(p2),
        one_ratio / gain,
    );
    let cached = &small.as_bytes()[..small.len().min(1 << 16)];
    println!(
        "the machine: two threads at once get {:.2}× one thread's throughput on a compute \
         loop (about 2 on two whole cores) and {:.2}× walking report ×N/10 in pieces",
        two_thread_throughput(runs, || compute_loop(cached, 400)),
        two_thread_throughput(runs, || walk_pieces(&small)),
    );

    let prepared = stages::Prepared::new(&large)?;
    println!("\n| stage on report ×N | ms |\n|---|---:|");
    let rows: [(&str, Duration); 11] = [
        ("pulldown walk (floor)", median(runs, || walk(&large))),
        (
            "pulldown walk in pieces, one thread",
            median(runs, || walk_pieces(&large)),
        ),
        (
            "front matter",
            median(runs, || stages::front_matter(&large).is_ok()),
        ),
        (
            "document walk",
            median(runs, || rustdocs_document::parse(&large, 0)),
        ),
        (
            "datetime recognize",
            median(runs, || stages::datetimes(&prepared)),
        ),
        (
            "venue recognize",
            median(runs, || stages::venues(&prepared)),
        ),
        ("loc recognize", median(runs, || stages::locs(&prepared))),
        (
            "release recognize",
            median(runs, || stages::releases(&prepared)),
        ),
        (
            "extract (all recognizers, context)",
            median(runs, || stages::extract(&large, &prepared.document)),
        ),
        ("validate", median(runs, || stages::validate(&prepared))),
        (
            "serialize JSON",
            median(runs, || {
                stages::serialize(&prepared).map_err(|e| e.to_string())
            }),
        ),
    ];
    for (name, d) in rows {
        println!("| {name} | {:.1} |", ms(d));
    }
    Ok(())
}
