//! Times the pipeline's two large phases apart, on the pool as configured
//! (`RAYON_NUM_THREADS=1` for one thread): the walk with the recognizers that run during it
//! (`walk_and_recognize`), then the cross-run pass that resolves the datetimes and builds the
//! entities (`extract_found`), each the median of ITERATIONS calls on the report repeated to
//! MB megabytes: `target/release/phases 20 7`.
//!
//! Beside each wall time it prints the CPU time the process's threads spent in the phase
//! (from `/proc/self/task/*/schedstat`, on Linux) and so how many cores the phase kept busy:
//! whether two threads lose time waiting or doing more work. A worker that spins a moment
//! before it sleeps counts that as CPU time, so the busy cores are an upper bound.
//!
//! Together with `ratios`, this shows which phase a change moved and how well each keeps
//! the cores busy (one thread's time against two threads').

use std::time::{Duration, Instant};

use rustdocs_benches::{repeat_to, report};

/// CPU time run so far by every thread of this process, where Linux reports it. A thread
/// that ends while it is read is left out (the pool's threads live as long as the process).
fn cpu_time() -> Option<Duration> {
    let ran = |task: std::fs::DirEntry| -> Option<u64> {
        let stat = std::fs::read_to_string(task.path().join("schedstat")).ok()?;
        stat.split_whitespace().next()?.parse().ok()
    };
    let tasks = std::fs::read_dir("/proc/self/task").ok()?;
    Some(Duration::from_nanos(
        tasks.filter_map(Result::ok).filter_map(ran).sum(),
    ))
}

/// The wall times of a phase's calls, and their CPU times where the system reports them.
struct Samples {
    wall: Vec<f64>,
    cpu: Option<Vec<f64>>,
}

impl Samples {
    fn new() -> Self {
        Self {
            wall: Vec::new(),
            cpu: Some(Vec::new()),
        }
    }

    /// Times one call of `f` and returns its result.
    fn time<T>(&mut self, f: impl FnOnce() -> T) -> T {
        let cpu = cpu_time();
        let start = Instant::now();
        let out = f();
        self.wall.push(start.elapsed().as_secs_f64() * 1e3);
        let spent = cpu
            .zip(cpu_time())
            .map(|(before, after)| after.saturating_sub(before));
        self.cpu = self.cpu.take().zip(spent).map(|(mut times, spent)| {
            times.push(spent.as_secs_f64() * 1e3);
            times
        });
        out
    }

    /// "W ms (C ms of CPU, K cores)", medians of the calls.
    fn describe(self) -> String {
        let wall = median(self.wall);
        match self.cpu.map(median) {
            Some(cpu) => format!("{wall:.1} ms ({cpu:.1} ms of CPU, {:.2} cores)", cpu / wall),
            None => format!("{wall:.1} ms"),
        }
    }
}

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

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
    let (mut walking, mut extracting) = (Samples::new(), Samples::new());
    for _ in 0..iterations.max(1) {
        let (document, found) =
            walking.time(|| rustdocs_extract::walk_and_recognize(&text, 0, kinds));
        let extraction = extracting.time(|| {
            rustdocs_extract::extract_found(&text, &index, &document, &[], found, &options)
        });
        std::hint::black_box(extraction);
    }
    println!(
        "threads {}: walk_and_recognize {}, extract_found {} (medians of {})",
        rayon::current_num_threads(),
        walking.describe(),
        extracting.describe(),
        iterations.max(1)
    );
    Ok(())
}
