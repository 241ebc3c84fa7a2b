//! Runs one pipeline stage in a loop over the report repeated to MB megabytes, for a profiler:
//! `target/release/stage release 20 5` (stage: datetime, venue, loc, release, extract, pipeline,
//! walk, walk-pieces, document, walk-recognize (the walk with the recognizers that run
//! during it), validate, json; size in MB; iterations; `lorem` as a fourth
//! argument for English lorem ipsum instead of the report).

use rustdocs_benches::{lorem, pipeline, repeat_to, report, stages, walk, walk_pieces};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let stage = args.next().unwrap_or_else(|| "release".to_owned());
    let mb: f64 = args.next().map_or(Ok(20.0), |a| a.parse())?;
    let iterations: usize = args.next().map_or(Ok(5), |a| a.parse())?;
    let bytes = (mb * 1e6) as usize;
    let text = match args.next().as_deref() {
        Some("lorem") => lorem(bytes),
        _ => repeat_to(&report()?, bytes),
    };
    let prepared = stages::Prepared::new(&text)?;
    let start = std::time::Instant::now();
    let mut n = 0usize;
    for _ in 0..iterations {
        n += match stage.as_str() {
            "datetime" => stages::datetimes(&prepared),
            "venue" => stages::venues(&prepared),
            "loc" => stages::locs(&prepared),
            "release" => stages::releases(&prepared),
            "extract" => stages::extract(&text, &prepared.document).entities.len(),
            "pipeline" => pipeline(&text)?,
            "walk" => walk(&text),
            "walk-pieces" => walk_pieces(&text),
            "document" => rustdocs_document::parse(&text, 0).runs.len(),
            "walk-recognize" => {
                let kinds = rustdocs_extract::Kinds::default();
                rustdocs_extract::walk_and_recognize(&text, 0, kinds)
                    .0
                    .runs
                    .len()
            }
            "validate" => stages::validate(&prepared),
            "json" => stages::serialize(&prepared)?,
            other => return Err(format!("unknown stage `{other}`").into()),
        };
    }
    let per = start.elapsed().as_secs_f64() * 1000.0 / iterations as f64;
    eprintln!("{stage}: {per:.1} ms per iteration ({n} items)");
    Ok(())
}
