//! Prints everything the walk produces for a set of files, so a change can be diffed against
//! the output before it.
//!
//! `cargo run --release -p rustdocs-document --example same_output -- DIR_OR_FILE...`
//!
//! Directories are searched recursively for `.md` files; files given by name are read
//! whatever their extension and skipped unless valid UTF-8. Each is walked from byte 0.

use std::io::Write;
use std::path::{Path, PathBuf};

fn main() -> std::io::Result<()> {
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        collect(Path::new(&arg), true, &mut files)?;
    }
    files.sort();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for path in files {
        let Ok(source) = String::from_utf8(std::fs::read(&path)?) else {
            continue;
        };
        writeln!(out, "== {}", path.display())?;
        let doc = rustdocs_document::parse(&source, 0);
        writeln!(out, "{doc:#?}")?;
        for (i, run) in doc.runs.iter().enumerate() {
            let full = run.source_span(0..run.text().len());
            writeln!(
                out,
                "run {i} span {:?} full {:?} code {:?} section {:?}",
                run.span(),
                full,
                run.code_ranges(),
                run.section()
            )?;
        }
        // The batched walk must hand over exactly the same runs and sections.
        for batch in [1, 7] {
            let mut runs = Vec::new();
            let sections = rustdocs_document::parse_in_batches(&source, 0, batch, |b| {
                runs.extend(b);
            });
            let batched = rustdocs_document::Document { runs, sections };
            if format!("{batched:?}") != format!("{doc:?}") {
                writeln!(out, "BATCH {batch} DIFFERS")?;
            }
        }
    }
    Ok(())
}

fn collect(path: &Path, named: bool, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        for entry in std::fs::read_dir(path)? {
            collect(&entry?.path(), false, files)?;
        }
    } else if named || path.extension().is_some_and(|e| e == "md") {
        files.push(path.to_path_buf());
    }
    Ok(())
}
