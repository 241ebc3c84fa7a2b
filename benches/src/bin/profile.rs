//! Runs the whole pipeline in a loop for a profiler to sample:
//! `perf record -g target/release/profile report 20 3` (input `report` or `lorem`, size in
//! MB, iterations).

use rustdocs_benches::{lorem, pipeline, repeat_to, report};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let input = args.next().unwrap_or_else(|| "report".to_owned());
    let mb: f64 = args.next().map_or(Ok(20.0), |a| a.parse())?;
    let iterations: usize = args.next().map_or(Ok(3), |a| a.parse())?;
    let bytes = (mb * 1e6) as usize;
    let text = match input.as_str() {
        "lorem" => lorem(bytes),
        "report" => repeat_to(&report()?, bytes),
        other => return Err(format!("unknown input `{other}` (expected report or lorem)").into()),
    };
    let mut written = 0;
    for _ in 0..iterations {
        written += pipeline(&text)?;
    }
    println!("{written} JSON bytes");
    Ok(())
}
