//! Runs the recognizer over every paragraph of the report seed 20 times, for callgrind.
//!
//! The statics are warmed up before the measured loop (`measured` in the profile), so the
//! one-time gazetteer and regex builds can be told apart from steady-state scanning.

use rustdocs_venue::recognize;

#[inline(never)]
fn measured(paragraphs: &[&str]) -> usize {
    let mut n = 0;
    for _ in 0..20 {
        for p in paragraphs {
            n += recognize(std::hint::black_box(p)).len();
        }
    }
    n
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/work/shared/seeds/003_0bd08050aac06db2.md".to_owned());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    // Warm-up: builds the gazetteer and every regex.
    let _ = recognize("地点：北京市海淀区中关村大街 27 号，线上直播 zoom 观看");
    println!("{} venues", measured(&paragraphs));
}
