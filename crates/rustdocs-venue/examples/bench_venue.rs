//! Runs the recognizer (or, with `--gazetteer`, the gazetteer scan alone) over every
//! paragraph of the report seed 20 times, for callgrind:
//! `valgrind --tool=callgrind --toggle-collect='bench_venue::measured' target/release/examples/bench_venue [--gazetteer] [FILE]`.
//!
//! The statics are warmed up before the measured loop (`measured` in the profile), so the
//! one-time gazetteer and regex builds can be told apart from steady-state scanning; the
//! gazetteer alone shows which share of venue time is its scan.

use rustdocs_venue::{gazetteer, recognize};

#[inline(never)]
fn measured(paragraphs: &[&str], count: impl Fn(&str) -> usize) -> usize {
    let mut n = 0;
    for _ in 0..20 {
        for p in paragraphs {
            n += count(std::hint::black_box(p));
        }
    }
    n
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let gazetteer_only = args.iter().any(|a| a == "--gazetteer");
    args.retain(|a| a != "--gazetteer");
    let path = args.pop().unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/003_0bd08050aac06db2.md"
        )
        .to_owned()
    });
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    // Warm-up: builds the gazetteer and every regex.
    let _ = recognize("地点：北京市海淀区中关村大街 27 号，线上直播 zoom 观看");
    if gazetteer_only {
        let names = measured(&paragraphs, |p| gazetteer::find_all(p).count());
        println!("{names} names");
    } else {
        let venues = measured(&paragraphs, |p| recognize(p).len());
        println!("{venues} venues");
    }
}
