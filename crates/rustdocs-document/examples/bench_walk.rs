//! Walks one file many times, for instruction counts under callgrind.
//!
//! `valgrind --tool=callgrind target/release/examples/bench_walk [FILE] [ROUNDS] [bare]`
//!
//! With `bare`, it runs only pulldown-cmark's offset iterator with the walk's options: the
//! floor the walk is measured against.

use std::hint::black_box;

use pulldown_cmark::Parser;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/003_0bd08050aac06db2.md"
        )
        .to_owned()
    });
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(20);
    let bare = args.next().is_some_and(|a| a == "bare");
    let source = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let mut total = 0usize;
    for _ in 0..rounds {
        if bare {
            for (event, range) in
                Parser::new_ext(black_box(&source), rustdocs_document::OPTIONS).into_offset_iter()
            {
                black_box(&event);
                total += range.len();
            }
        } else {
            let doc = rustdocs_document::parse(black_box(&source), 0);
            total += doc.runs.len() + doc.sections.len();
            black_box(doc);
        }
    }
    println!("{total}");
}
