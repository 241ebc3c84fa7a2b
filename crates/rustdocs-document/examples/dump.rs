//! Prints the prose runs and sections of a Markdown file, for checking the walk by eye.
//!
//! `cargo run -p rustdocs-document --example dump -- path/to/file.md`

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: dump FILE.md");
        return ExitCode::from(2);
    };
    let source = match std::fs::read_to_string(&path) {
        Ok(source) => source,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    let doc = rustdocs_document::parse(&source, body_start(&source));
    // A closed pipe (`| head`) ends the listing quietly.
    let _ = write_runs(&doc, &mut std::io::stdout().lock());
    ExitCode::SUCCESS
}

fn write_runs(doc: &rustdocs_document::Document, out: &mut impl Write) -> std::io::Result<()> {
    for run in &doc.runs {
        let span = run.span();
        writeln!(
            out,
            "{:?} {}..{} quote={} {:?}",
            run.kind,
            span.start,
            span.end,
            run.quote_depth,
            doc.section_path(run.section())
        )?;
        writeln!(out, "    {:?}", run.text())?;
        for code in run.code_ranges() {
            writeln!(out, "    code {:?}", &run.text()[code.clone()])?;
        }
    }
    Ok(())
}

/// Byte after a `---` or `+++` front-matter block, or 0; the real detection lives in the
/// front-matter crate, this is only good enough for eyeballing.
fn body_start(source: &str) -> usize {
    for fence in ["---\n", "+++\n"] {
        if let Some(rest) = source.strip_prefix(fence)
            && let Some(end) = rest.find(&format!("\n{fence}"))
        {
            return fence.len() + end + 1 + fence.len();
        }
    }
    0
}
