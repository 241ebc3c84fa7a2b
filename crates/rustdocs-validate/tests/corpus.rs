//! The rules over the real documents in `shared/seeds` and `shared/corpus`.
//!
//! Seed 000 ships `location: 中国香港` for a meetup in 北京市西城区: that must be reported,
//! pointing at both places. Everything reported over the corpus is kept in a snapshot, so a
//! change in what fires is reviewed like code.

mod common;

use std::fmt::Write as _;
use std::path::Path;

use rustdocs_validate::{Config, codes};

fn read(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

#[test]
fn seed_000_location_mismatch_points_at_both_places() {
    let path = common::shared_dir().join("seeds/000_22672fd967c890d3.md");
    let Some(src) = read(&path) else {
        eprintln!("skipping: {} not found", path.display());
        return;
    };
    let found = common::check(&src, None, None, &Config::default());
    assert_eq!(found.len(), 1, "{}", common::summary(&src, &found));
    let d = &found[0];
    assert_eq!(d.code, codes::LOCATION_MISMATCH);
    assert_eq!(d.span.slice(&src), "中国香港");
    let line_of = |offset: usize| src[..offset].matches('\n').count() + 1;
    assert!(
        src.lines()
            .nth(line_of(d.span.start) - 1)
            .unwrap()
            .starts_with("location:")
    );
    assert_eq!(d.related.len(), 1);
    assert_eq!(
        d.related[0].span.slice(&src),
        "环球财讯中心 M 层 北京市西城区宣武门外大街甲 1 号"
    );
    assert!(
        src.lines()
            .nth(line_of(d.related[0].span.start) - 1)
            .unwrap()
            .starts_with("**地点：**")
    );
    assert_eq!(
        d.message,
        "the front-matter `location` is 中国香港 (中国香港特别行政区), but the venue in the body is in 北京市西城区"
    );
}

#[test]
fn seed_003_report_is_clean() {
    let path = common::shared_dir().join("seeds");
    let Some(file) = common::markdown_files(&path)
        .into_iter()
        .find(|p| p.to_string_lossy().contains("003_"))
    else {
        eprintln!("skipping: seed 003 not found");
        return;
    };
    let src = read(&file).unwrap();
    let found = common::check(&src, Some(&file), None, &Config::default());
    assert!(found.is_empty(), "{}", common::summary(&src, &found));
}

/// Runs every corpus document as `rustdocs check` would (with its path, so path dates count)
/// and snapshots what fires.
#[test]
fn corpus_diagnostics() {
    let root = common::shared_dir();
    let files = common::markdown_files(&root.join("corpus"));
    if files.is_empty() {
        eprintln!("skipping: no corpus");
        return;
    }
    let mut report = String::new();
    for file in &files {
        let src = read(file).unwrap();
        let found = common::check(&src, Some(file), None, &Config::default());
        // The corpus holds the Markdown files only, not their images: covers are checked in
        // the rules tests, not here.
        let found: Vec<_> = found
            .into_iter()
            .filter(|d| d.code != codes::MISSING_COVER_IMAGE)
            .collect();
        if found.is_empty() {
            continue;
        }
        let rel = file
            .strip_prefix(&root)
            .unwrap_or(file)
            .display()
            .to_string();
        writeln!(report, "{rel}\n{}", common::summary(&src, &found)).unwrap();
    }
    insta::assert_snapshot!(report);
}
