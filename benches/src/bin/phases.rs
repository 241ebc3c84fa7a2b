//! Times the pipeline's two large phases apart, on the pool as configured
//! (`RAYON_NUM_THREADS=1` for one thread): the walk with the recognizers that run during it
//! (`walk_and_recognize`), then the cross-run pass that resolves the datetimes and builds the
//! entities (`extract_found`), each the median of ITERATIONS calls on the report repeated to
//! MB megabytes: `target/release/phases 20 7`.
//!
//! Together with `ratios`, this shows which phase a change moved and how well each keeps
//! the cores busy (one thread's time against two threads').

use std::time::Instant;

use rustdocs_benches::{repeat_to, report};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mb: f64 = args.next().map_or(Ok(20.0), |a| a.parse())?;
    let iterations: usize = args.next().map_or(Ok(7), |a| a.parse())?;
    let text = repeat_to(&report()?, (mb * 1e6) as usize);
    let index = rustdocs_span::LineIndex::new(&text);
    let kinds = rustdocs_extract::Kinds::default();
    let options = rustdocs_extract::Options {
        reference: None,
        kinds,
    };
    // One call untimed: the first builds the gazetteer and the regexes and starts the pool.
    let (document, found) = rustdocs_extract::walk_and_recognize(&text, 0, kinds);
    let first = rustdocs_extract::extract_found(&text, &index, &document, &[], found, &options);
    std::hint::black_box(first);
    let (mut walk, mut extract) = (Vec::new(), Vec::new());
    for _ in 0..iterations.max(1) {
        let start = Instant::now();
        let (document, found) = rustdocs_extract::walk_and_recognize(&text, 0, kinds);
        walk.push(start.elapsed().as_secs_f64() * 1e3);
        let start = Instant::now();
        let extraction =
            rustdocs_extract::extract_found(&text, &index, &document, &[], found, &options);
        extract.push(start.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box(extraction);
    }
    let median = |mut times: Vec<f64>| {
        times.sort_by(f64::total_cmp);
        times[times.len() / 2]
    };
    println!(
        "threads {}: walk_and_recognize {:.1} ms, extract_found {:.1} ms (medians of {})",
        rayon::current_num_threads(),
        median(walk),
        median(extract),
        iterations.max(1)
    );
    Ok(())
}
