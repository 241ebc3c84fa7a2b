//! A fixed workload for instruction counts under callgrind: `recognize` and `countdowns` over
//! every blank-line paragraph of the report seed, 20 times, after one warm-up pass so the
//! lazily built statics are not counted as steady state.
//!
//! `valgrind --tool=callgrind --callgrind-out-file=/tmp/dt.cg target/release/examples/bench_scan [FILE]`

use rustdocs_datetime::{Options, countdowns, recognize};

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/003_0bd08050aac06db2.md"
        )
        .to_owned()
    });
    let source = std::fs::read_to_string(&path).expect("the seed is readable");
    let paragraphs: Vec<&str> = source.split("\n\n").collect();
    let options = Options::default();
    let mut total = 0usize;
    total += paragraphs
        .iter()
        .map(|p| recognize(p, &options).len() + countdowns(p).len())
        .sum::<usize>();
    for _ in 0..20 {
        for p in &paragraphs {
            total += recognize(p, &options).len() + countdowns(p).len();
        }
    }
    println!("{total}");
}
