//! The whole pipeline, as the `rustdocs` facade and CLI run it, for tests over real text.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rustdocs_validate::{Config, Diagnostic, Input, front_matter_syntax, validate};

/// `shared/` next to the repository, or `$RUSTDOCS_SHARED`.
pub fn shared_dir() -> PathBuf {
    std::env::var_os("RUSTDOCS_SHARED").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
        PathBuf::from,
    )
}

/// Every `*.md` under `dir`, sorted.
pub fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, &mut out);
    out.sort();
    out
}

/// Analyzes `source` and validates it, as `rustdocs check` does.
pub fn check(
    source: &str,
    path: Option<&Path>,
    reference_date: Option<&str>,
    config: &Config,
) -> Vec<Diagnostic> {
    let options = rustdocs::Options {
        reference_date: reference_date.map(|d| d.parse().expect("reference date in a test case")),
        path: path.map(|p| p.to_string_lossy().into_owned()),
        ..rustdocs::Options::default()
    };
    match rustdocs::analyze(source, &options) {
        Ok(a) => {
            let input = Input {
                source,
                path,
                front_matter: a.front_matter.as_ref(),
                document: &a.document,
                entities: &a.entities,
                reference: a.reference,
                countdowns: &a.countdowns,
            };
            validate(&input, config)
        }
        Err(rustdocs::Error::FrontMatter(e)) => vec![front_matter_syntax(&e)],
        Err(e) => panic!("analysis failed: {e}"),
    }
}

/// One line per diagnostic: `line:column severity[code] message`, related spans indented.
pub fn summary(source: &str, diagnostics: &[Diagnostic]) -> String {
    let index = rustdocs_span::LineIndex::new(source);
    let mut out = String::new();
    for d in diagnostics {
        let p = index.position(source, d.span.start);
        let _ = writeln!(
            out,
            "{}:{} {}[{}] {}",
            p.line, p.column, d.severity, d.code, d.message
        );
        for r in &d.related {
            let p = index.position(source, r.span.start);
            let _ = writeln!(out, "    {}:{} {}", p.line, p.column, r.message);
        }
    }
    out
}
