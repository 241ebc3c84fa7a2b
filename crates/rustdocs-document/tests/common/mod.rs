//! Helpers shared by the integration tests.

#![allow(dead_code)]

use rustdocs_document::{Document, OBJECT_REPLACEMENT, ProseRun};

/// Byte just after a closing `---`/`+++` front-matter fence, or 0 without front matter.
pub fn body_start(source: &str) -> usize {
    let text = source.strip_prefix('\u{FEFF}').unwrap_or(source);
    let bom = source.len() - text.len();
    for fence in ["---", "+++"] {
        let Some(rest) = text.strip_prefix(fence) else {
            continue;
        };
        if !(rest.starts_with('\n') || rest.starts_with("\r\n")) {
            continue;
        }
        let mut at = bom + fence.len();
        // The first piece is the fence line's own ending, which never equals the fence.
        for line in source[at..].split_inclusive('\n') {
            at += line.len();
            if line.trim_end() == fence {
                return at;
            }
        }
    }
    0
}

/// Checks the offset-map invariants of every run against `source`; returns the first failure.
pub fn check_runs(source: &str, doc: &Document) -> Result<(), String> {
    for run in &doc.runs {
        check_run(source, run)?;
    }
    Ok(())
}

/// Checks one run: monotonic map on char boundaries, and every verbatim char equal to the
/// source char it maps to.
pub fn check_run(source: &str, run: &ProseRun) -> Result<(), String> {
    let span = run.span();
    if !(span.start <= span.end
        && span.end <= source.len()
        && source.is_char_boundary(span.start)
        && source.is_char_boundary(span.end))
    {
        return Err(format!("run span {span:?} invalid for {:?}", run.text()));
    }
    let mut prev = 0;
    for (i, c) in run.text().char_indices() {
        let at = run.source_offset(i);
        if at < prev || at < span.start || at > span.end || !source.is_char_boundary(at) {
            return Err(format!(
                "offset {i} → {at} breaks the map of {:?}",
                run.text()
            ));
        }
        prev = at;
        let one = run.source_span(i..i + c.len_utf8());
        if !source.is_char_boundary(one.start) || !source.is_char_boundary(one.end) {
            return Err(format!(
                "char span {one:?} off boundary in {:?}",
                run.text()
            ));
        }
        if run.is_verbatim(i) {
            if !source[at..].starts_with(c) {
                return Err(format!(
                    "text char {c:?} at {i} maps to {:?} in {:?}",
                    source[at..].chars().next(),
                    run.text()
                ));
            }
        } else if !(c == OBJECT_REPLACEMENT
            || c == ' '
            || c == '\n'
            || source[at..].starts_with(['&', '\\']))
        {
            return Err(format!(
                "unexpected replacement {c:?} at {i} in {:?}",
                run.text()
            ));
        }
    }
    let end = run.source_offset(run.text().len());
    if end != span.end || end < prev {
        return Err(format!("end offset {end} != span end {}", span.end));
    }
    Ok(())
}

/// The run whose text contains `needle`.
pub fn run_with<'d>(doc: &'d Document, needle: &str) -> &'d ProseRun {
    doc.runs
        .iter()
        .find(|r| r.text().contains(needle))
        .unwrap_or_else(|| panic!("no run contains {needle:?}: {:#?}", texts(doc)))
}

/// All run texts, for assertion messages.
pub fn texts(doc: &Document) -> Vec<&str> {
    doc.runs.iter().map(ProseRun::text).collect()
}

/// The source slice a text substring maps to.
pub fn slice_of<'s>(source: &'s str, run: &ProseRun, needle: &str) -> &'s str {
    let at = run.text().find(needle).expect("needle in run");
    run.source_span(at..at + needle.len()).slice(source)
}
