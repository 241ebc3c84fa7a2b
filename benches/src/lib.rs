//! Shared pieces of the rustdocs benchmarks: the documents they run on and the floor they
//! are measured against.
//!
//! The whole pipeline is judged against a bare pulldown-cmark offset-iterator walk of the same
//! text with the options `rustdocs-document` uses ([`walk`]): that walk is the least any
//! Markdown-aware extractor has to do. [`report`] and [`meetup`] load the two seed archetypes
//! (from `shared/seeds/` beside the checkout, else the identical copies in `examples/`),
//! [`repeat_to`] grows a document to a target size, and [`lorem`] builds English Markdown
//! without a single candidate character.
//!
//! ```
//! use rustdocs_benches::{lorem, pipeline, repeat_to, walk};
//!
//! let text = repeat_to("## 标题\n\n2021 年 4 月，TiKV 发布 5.0 版本。\n", 4096);
//! assert!(text.len() >= 4096);
//! assert!(walk(&text) > 0);
//! assert!(pipeline(&text).unwrap() > 0);
//! assert!(!lorem(1000).chars().any(|c| !c.is_ascii()));
//! ```
#![forbid(unsafe_code)]

use std::hint::black_box;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use pulldown_cmark::Parser;

pub mod stages;

/// File name of the industry-report seed (125 KB of dense Chinese prose).
pub const REPORT: &str = "003_0bd08050aac06db2.md";

/// File name of the meetup-announcement seed (5 KB with YAML front matter).
pub const MEETUP: &str = "000_22672fd967c890d3.md";

/// Where the seed documents are: `shared/seeds/` beside the checkout, else `examples/`.
#[must_use]
pub fn seeds_dir() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../../shared/seeds");
    if shared.join(REPORT).is_file() {
        shared
    } else {
        root.join("../examples")
    }
}

/// Reads one seed by file name.
pub fn seed(name: &str) -> io::Result<String> {
    std::fs::read_to_string(seeds_dir().join(name))
}

/// The industry-report seed.
pub fn report() -> io::Result<String> {
    seed(REPORT)
}

/// The meetup-announcement seed.
pub fn meetup() -> io::Result<String> {
    seed(MEETUP)
}

/// `unit` repeated, separated by blank lines, until the text is at least `bytes` long.
///
/// A blank line between copies keeps each copy's blocks intact, so the Markdown structure of
/// the repeated text is the structure of the unit.
#[must_use]
pub fn repeat_to(unit: &str, bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + unit.len() + 2);
    while out.len() < bytes {
        out.push_str(unit);
        out.push_str("\n\n");
    }
    out
}

/// English Markdown (headings, paragraphs, lists, emphasis, links) of at least `bytes` bytes
/// with no CJK character and no digit, so no recognizer has a trigger to look at.
#[must_use]
pub fn lorem(bytes: usize) -> String {
    const UNIT: &str = "## Lorem ipsum dolor\n\n\
        Lorem ipsum dolor sit amet, *consectetur* adipiscing elit, sed do eiusmod tempor \
        incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud \
        exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure \
        dolor in [reprehenderit](https://example.org/lorem) in voluptate velit esse cillum \
        dolore eu fugiat nulla pariatur.\n\n\
        - Excepteur sint occaecat cupidatat non proident\n\
        - sunt in culpa qui officia deserunt mollit anim id est laborum\n\n\
        Sed ut perspiciatis unde omnis iste natus error sit voluptatem accusantium doloremque \
        laudantium, totam rem aperiam, eaque ipsa quae ab illo **inventore veritatis** et quasi \
        architecto beatae vitae dicta sunt explicabo.\n";
    repeat_to(UNIT, bytes)
}

/// The floor: a bare pulldown-cmark offset-iterator walk with `rustdocs-document`'s options.
///
/// Returns the summed range lengths so the walk cannot be optimized away.
#[must_use]
pub fn walk(source: &str) -> usize {
    let mut n = 0usize;
    for (event, range) in Parser::new_ext(source, rustdocs_document::OPTIONS).into_offset_iter() {
        black_box(&event);
        n += range.len();
    }
    n
}

/// The bare walk in the pieces rustdocs cuts a large body into
/// ([`rustdocs_document::cuts`]), one after the other on this thread: the floor of the
/// document walk as rustdocs does it, for comparison with [`walk`] of the whole file.
#[must_use]
pub fn walk_pieces(source: &str) -> usize {
    rustdocs_document::cuts(source, 0, rustdocs_document::PIECE_BYTES)
        .into_iter()
        .map(|piece| walk(&source[piece]))
        .sum()
}

/// A writer that discards bytes and counts them, standing in for a file or pipe.
#[derive(Debug, Default)]
pub struct CountingSink(pub usize);

impl Write for CountingSink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Why the whole pipeline failed in a benchmark.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PipelineError {
    /// `rustdocs::analyze` refused the document.
    #[error("analyze: {0}")]
    Analyze(#[from] rustdocs::Error),
    /// Serialization failed.
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
}

/// The whole pipeline as the CLI runs it for `extract --format json`: `rustdocs::analyze`
/// with default options (every recognizer, validation on) and JSON written to a sink.
///
/// Returns the number of JSON bytes written.
pub fn pipeline(source: &str) -> Result<usize, PipelineError> {
    let analysis = rustdocs::analyze(source, &stages::options())?;
    let mut sink = CountingSink::default();
    analysis.write_json(&mut sink)?;
    Ok(sink.0)
}

/// Runs `f` `runs` times (after one warm-up call) and returns the median wall time.
pub fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    black_box(f());
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// The medians of `a` and `b` and of the ratio b / a, timed in `runs` alternating pairs
/// (after one warm-up call of each).
///
/// A shared machine speeds up and slows down over seconds; timing the two in turn, and
/// taking the ratio within each pair, keeps that drift out of the ratio.
pub fn paired<T, U>(
    runs: usize,
    mut a: impl FnMut() -> T,
    mut b: impl FnMut() -> U,
) -> (Duration, Duration, f64) {
    black_box(a());
    black_box(b());
    let mut pairs: Vec<(Duration, Duration)> = (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            black_box(a());
            let first = start.elapsed();
            let start = Instant::now();
            black_box(b());
            (first, start.elapsed())
        })
        .collect();
    let mid = pairs.len() / 2;
    let mut ratios: Vec<f64> = pairs
        .iter()
        .map(|(x, y)| y.as_secs_f64() / x.as_secs_f64())
        .collect();
    ratios.sort_by(f64::total_cmp);
    pairs.sort_by_key(|p| p.0);
    let a_median = pairs[mid].0;
    pairs.sort_by_key(|p| p.1);
    (a_median, pairs[mid].1, ratios[mid])
}

/// Two threads' throughput over one's on this machine, each thread calling `f` on its own:
/// 2 × (one call alone) / (two calls at once, one per thread), the median of `runs`
/// alternating pairs.
///
/// Two whole cores give about 2 to work that shares nothing (a [`compute_loop`]); two
/// hardware threads of one core, or a virtual machine's cores that share their host's, give
/// less, and so does work that allocates and faults in fresh pages on both at once (a walk
/// builds a tree of events).
pub fn two_thread_throughput<T>(runs: usize, f: impl Fn() -> T + Sync) -> f64 {
    let (_, _, ratio) = paired(runs, &f, || {
        std::thread::scope(|s| {
            let other = s.spawn(|| {
                black_box(f());
            });
            black_box(f());
            let _ = other.join();
        });
    });
    2.0 / ratio
}

/// FNV-1a of `bytes`, `rounds` times over: a probe of the cores alone.
///
/// It reads nothing but `bytes`, which the caller keeps small enough to stay in each core's
/// own caches, and allocates nothing: what two threads of it gain over one is what this
/// machine's cores give to work that shares neither memory nor allocator.
#[must_use]
pub fn compute_loop(bytes: &[u8], rounds: usize) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    for _ in 0..rounds {
        for &b in black_box(bytes) {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// Runs `f` on a rayon pool of one thread: the pipeline's whole work on one core.
///
/// Everything the pipeline hands to the pool runs on that thread, and the steps that ask
/// how many threads there are take their one-thread path (JSON written straight, as it is
/// on one core).
///
/// # Errors
/// When the pool's thread cannot be started.
pub fn on_one_thread<T: Send>(
    f: impl FnOnce() -> T + Send,
) -> Result<T, rayon::ThreadPoolBuildError> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build()?;
    Ok(pool.install(f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeat_to_reaches_the_size_with_whole_copies() {
        let text = repeat_to("甲乙", 100);
        assert!(text.len() >= 100);
        assert_eq!(text.len() % "甲乙\n\n".len(), 0);
    }

    #[test]
    fn lorem_has_no_candidate_characters() {
        let text = lorem(10_000);
        assert!(text.len() >= 10_000);
        assert!(text.bytes().all(|b| b.is_ascii() && !b.is_ascii_digit()));
    }

    #[test]
    fn the_compute_loop_depends_on_every_byte_and_round() {
        assert_ne!(compute_loop(b"ab", 1), compute_loop(b"ba", 1));
        assert_ne!(compute_loop(b"ab", 1), compute_loop(b"ab", 2));
        assert_eq!(compute_loop(b"", 3), 0xcbf2_9ce4_8422_2325);
    }

    #[test]
    fn one_thread_runs_the_pipeline_on_a_pool_of_one() {
        let threads = on_one_thread(rayon::current_num_threads).unwrap_or_default();
        assert_eq!(threads, 1);
        let text = repeat_to("## 标题\n\n2021 年 4 月，TiKV 发布 5.0 版本。\n", 1 << 20);
        let pooled = pipeline(&text).ok();
        assert!(pooled.is_some_and(|bytes| bytes > text.len()));
        let alone = on_one_thread(|| pipeline(&text).map_err(|e| e.to_string()));
        assert_eq!(alone.ok().and_then(Result::ok), pooled);
    }

    #[test]
    fn seeds_are_found() {
        assert!(report().is_ok_and(|r| r.len() > 100_000));
        assert!(meetup().is_ok_and(|m| m.starts_with("---")));
    }

    #[test]
    fn the_walk_in_pieces_covers_what_the_whole_walk_does() {
        let report = report().unwrap_or_default();
        let large = repeat_to(&report, 4 * rustdocs_document::PIECE_BYTES);
        assert!(rustdocs_document::cuts(&large, 0, rustdocs_document::PIECE_BYTES).len() > 2);
        assert_eq!(walk_pieces(&large), walk(&large));
    }

    #[test]
    fn pipeline_writes_entities_of_the_report() {
        let report = report().unwrap_or_default();
        let written = pipeline(&report).unwrap_or(0);
        assert!(written > report.len() / 10, "wrote {written} bytes");
    }
}
