//! Runs the whole pipeline in a loop for a profiler to sample:
//! `perf record -g target/release/profile report 20 3` (input `report` or `lorem`, size in
//! MB, iterations). Input `walk` runs only the bare pulldown-cmark walk over the report, so
//! `/usr/bin/time -v` of `walk` against `report` shows what the pipeline adds to peak memory.

use rustdocs_benches::{lorem, pipeline, repeat_to, report, walk};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let input = args.next().unwrap_or_else(|| "report".to_owned());
    let mb: f64 = args.next().map_or(Ok(20.0), |a| a.parse())?;
    let iterations: usize = args.next().map_or(Ok(3), |a| a.parse())?;
    let bytes = (mb * 1e6) as usize;
    let text = match input.as_str() {
        "lorem" => lorem(bytes),
        "report" | "walk" => repeat_to(&report()?, bytes),
        other => {
            return Err(format!("unknown input `{other}` (expected report, lorem or walk)").into());
        }
    };
    if input == "walk" {
        let walked: usize = (0..iterations).map(|_| walk(&text)).sum();
        println!("{walked} bytes walked");
        return Ok(());
    }
    let mut written = 0;
    for _ in 0..iterations {
        written += pipeline(&text)?;
    }
    println!("{written} JSON bytes");
    Ok(())
}
