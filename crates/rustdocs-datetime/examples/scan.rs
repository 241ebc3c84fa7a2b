//! Prints every datetime mention of Markdown files, for reading the recognizer's output
//! over real documents: `cargo run --example scan -- [--reference YYYY-MM-DD] FILE...`.

#[path = "../tests/support/runs.rs"]
mod support;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut reference = None;
    if let Some(pos) = args.iter().position(|a| a == "--reference") {
        reference = args.get(pos + 1).and_then(|d| d.parse().ok());
        args.drain(pos..=(pos + 1).min(args.len() - 1));
    }
    for path in args {
        let Ok(source) = std::fs::read_to_string(&path) else {
            eprintln!("{path}: cannot read");
            continue;
        };
        println!("== {path}");
        for (text, dt) in support::mentions(&source, reference) {
            println!(
                "  {:<34} {:?}..{:?} {:?}{}{}{}",
                format!("«{text}»"),
                dt.start,
                dt.end,
                dt.resolution,
                dt.part_of_day
                    .map(|p| format!(" {p:?}"))
                    .unwrap_or_default(),
                dt.weekday.map(|w| format!(" [{w}]")).unwrap_or_default(),
                dt.invalid
                    .map(|w| format!(" INVALID {w}"))
                    .unwrap_or_default(),
            );
        }
    }
}
