//! Median time of one `rustdocs::analyze` call on a seed, the Rust side of the Python
//! overhead figure: `cargo run --profile bench -p rustdocs-benches --bin per_call -- meetup 2000`.
//!
//! Prints one line of JSON, `{"document": …, "bytes": …, "calls": …, "analyze_us": …}`, which
//! `benches/python_overhead.py` reads to compare with `rustdocs.parse` timed in Python.

use rustdocs_benches::{median, meetup, report, stages};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let name = args.next().unwrap_or_else(|| "meetup".to_owned());
    let calls: usize = args.next().map_or(Ok(2000), |a| a.parse())?;
    let text = match name.as_str() {
        "meetup" => meetup()?,
        "report" => report()?,
        other => return Err(format!("unknown document `{other}` (meetup or report)").into()),
    };
    let options = stages::options();
    let one = median(calls, || {
        rustdocs::analyze(&text, &options).map(|a| a.entities.len())
    });
    println!(
        "{{\"document\": \"{name}\", \"bytes\": {}, \"calls\": {calls}, \"analyze_us\": {:.2}}}",
        text.len(),
        one.as_secs_f64() * 1e6
    );
    Ok(())
}
