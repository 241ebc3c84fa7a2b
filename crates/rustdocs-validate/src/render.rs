//! Renderings of one diagnostic model: rustc-style text, JSON, GitHub workflow commands and
//! SARIF 2.1.0.
//!
//! Every renderer takes the path as it should be shown, the whole source (to turn byte spans
//! into 1-based lines and character columns) and the diagnostics of that file.

use std::fmt::Write as _;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use rustdocs_span::{LineIndex, Position};
use serde_json::{Value, json};

use crate::{Diagnostic, RULES, Severity, Span};

/// rustc-style text without colour: `error[code]: message`, `--> path:line:col`, the source
/// lines with carets (aligned under double-width CJK characters) and labelled related spans.
#[must_use]
pub fn human(path: &str, source: &str, diagnostics: &[Diagnostic]) -> String {
    human_with(path, source, diagnostics, false)
}

/// [`human`] with ANSI colours when `color` is true, for terminals.
#[must_use]
pub fn human_with(path: &str, source: &str, diagnostics: &[Diagnostic], color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let lines = LineIndex::new(source);
    let mut out = String::new();
    for d in diagnostics {
        let excerpt = Excerpt::new(source, &lines, d);
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        let primary = AnnotationKind::Primary
            .span(excerpt.shift(d.span))
            .label(d.label.as_deref());
        let related = d.related.iter().map(|r| {
            AnnotationKind::Context
                .span(excerpt.shift(r.span))
                .label(r.message.as_str())
        });
        let snippet = Snippet::source(excerpt.text)
            .line_start(excerpt.first_line)
            .path(path)
            .fold(true)
            .annotation(primary)
            .annotations(related);
        let report: [Group; 1] = [level
            .primary_title(d.message.as_str())
            .id(d.code)
            .element(snippet)];
        out.push_str(&renderer.render(&report));
        out.push_str("\n\n");
    }
    out
}

/// The whole lines of `source` that a diagnostic's spans touch, so rendering one diagnostic
/// costs the size of its lines, not of the file.
struct Excerpt<'a> {
    text: &'a str,
    offset: usize,
    first_line: usize,
}

impl<'a> Excerpt<'a> {
    fn new(source: &'a str, lines: &LineIndex, d: &Diagnostic) -> Self {
        let spans = std::iter::once(d.span).chain(d.related.iter().map(|r| r.span));
        let (lo, hi) = spans.fold((usize::MAX, 0), |(lo, hi), s| {
            (lo.min(s.start), hi.max(s.end))
        });
        let lo = rustdocs_span::floor_char_boundary(source, lo.min(source.len()));
        let hi = rustdocs_span::floor_char_boundary(source, hi.min(source.len())).max(lo);
        let first_line = lines.position(source, lo).line;
        let start = lines.line_start(first_line).unwrap_or(0).min(lo);
        let end = source[hi..].find('\n').map_or(source.len(), |i| hi + i);
        Self {
            text: &source[start..end],
            offset: start,
            first_line,
        }
    }

    /// A span relative to the excerpt, inside it and on character boundaries: the renderer
    /// slices by these offsets.
    fn shift(&self, span: Span) -> std::ops::Range<usize> {
        let clamp = |offset: usize| {
            rustdocs_span::floor_char_boundary(self.text, offset.saturating_sub(self.offset))
        };
        let s = clamp(span.start);
        s..clamp(span.end).max(s)
    }
}

/// `{start, end, line, column}` of a span; line and column are 1-based, column in characters.
fn span_json(source: &str, lines: &LineIndex, span: Span) -> Value {
    let p = lines.position(source, span.start);
    json!({ "start": span.start, "end": span.end, "line": p.line, "column": p.column })
}

/// A JSON array with one object per diagnostic:
/// `{path, severity, code, message, span: {start, end, line, column}, label, related: [{span, message}]}`.
#[must_use]
pub fn json(path: &str, source: &str, diagnostics: &[Diagnostic]) -> Value {
    let lines = LineIndex::new(source);
    Value::Array(
        diagnostics
            .iter()
            .map(|d| {
                json!({
                    "path": path,
                    "severity": d.severity,
                    "code": d.code,
                    "message": d.message,
                    "span": span_json(source, &lines, d.span),
                    "label": d.label,
                    "related": d.related.iter().map(|r| json!({
                        "span": span_json(source, &lines, r.span),
                        "message": r.message,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}

/// Escapes a workflow command's message: `%`, `\r` and `\n` would end or forge the command.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command property, where `:` and `,` also delimit.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions workflow commands, one line per diagnostic:
/// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`. Notes become
/// `::notice`. Related spans are appended to the message as `path:line:col: text` lines.
/// Everything taken from the document is escaped, so no text in a page can end the command
/// early or start another.
#[must_use]
pub fn github(path: &str, source: &str, diagnostics: &[Diagnostic]) -> String {
    let lines = LineIndex::new(source);
    let mut out = String::new();
    for d in diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let start = lines.position(source, d.span.start);
        let end = end_position(source, &lines, d.span);
        let mut message = d.message.clone();
        for r in &d.related {
            let p = lines.position(source, r.span.start);
            let _ = write!(message, "\n{path}:{}:{}: {}", p.line, p.column, r.message);
        }
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(path),
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(&format!("{} [{}]", d.severity, d.code)),
            escape_data(&message),
        );
    }
    out
}

/// Line and column of the last character of a span (the start of an empty one).
fn end_position(source: &str, lines: &LineIndex, span: Span) -> Position {
    if span.end <= span.start {
        return lines.position(source, span.start);
    }
    let last = source
        .get(..span.end)
        .and_then(|s| s.char_indices().next_back())
        .map_or(span.start, |(i, _)| i);
    lines.position(source, last.max(span.start))
}

/// A SARIF 2.1.0 log of several files' diagnostics: `(path, source, diagnostics)` per file.
/// Columns count Unicode code points (`columnKind: unicodeCodePoints`); the tool's rules
/// carry their summaries and documentation.
#[must_use]
pub fn sarif(files: &[(String, String, Vec<Diagnostic>)]) -> Value {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.what },
                "help": { "text": format!("{}\n\nWhy: {}\n\nExample:\n{}", r.what, r.why, r.example) },
                "defaultConfiguration": { "level": sarif_level(r.default_severity) },
            })
        })
        .collect();
    let mut results = Vec::new();
    for (path, source, diagnostics) in files {
        let lines = LineIndex::new(source);
        let location = |span: Span| {
            let start = lines.position(source, span.start);
            let end = lines.position(source, span.end.max(span.start));
            json!({
                "physicalLocation": {
                    "artifactLocation": { "uri": path },
                    "region": {
                        "startLine": start.line,
                        "startColumn": start.column,
                        "endLine": end.line,
                        "endColumn": end.column,
                        "byteOffset": span.start,
                        "byteLength": span.end.saturating_sub(span.start),
                    }
                }
            })
        };
        for d in diagnostics {
            let related: Vec<Value> = d
                .related
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let mut loc = location(r.span);
                    loc["id"] = json!(i);
                    loc["message"] = json!({ "text": r.message });
                    loc
                })
                .collect();
            results.push(json!({
                "ruleId": d.code,
                "ruleIndex": RULES.iter().position(|r| r.code == d.code),
                "level": sarif_level(d.severity),
                "message": { "text": d.message },
                "locations": [location(d.span)],
                "relatedLocations": related,
            }));
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "rustdocs",
                "informationUri": "https://github.com/rustdocs/rustdocs",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

const fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Related;

    fn diag(source: &str, needle: &str, message: &str) -> Diagnostic {
        let start = source.find(needle).unwrap();
        Diagnostic {
            severity: Severity::Error,
            code: "weekday-mismatch",
            message: message.to_owned(),
            span: Span::new(start, start + needle.len()),
            label: Some("here".to_owned()),
            related: Vec::new(),
        }
    }

    #[test]
    fn github_output_cannot_be_injected() {
        let src = "x\n";
        let mut d = diag(src, "x", "bad%0A\n::error::pwned\r");
        d.related.push(Related {
            span: Span::new(0, 1),
            message: "rel\n::warning::x".into(),
        });
        let out = github("a,b:c%.md", src, &[d]);
        assert_eq!(out.lines().count(), 1, "{out}");
        assert!(out.starts_with("::error file=a%2Cb%3Ac%25.md,line=1,col=1,endLine=1,endColumn=1,title=error [weekday-mismatch]::"));
        assert!(out.contains("bad%250A%0A::error::pwned%0D"));
        assert!(out.contains("%0Aa,b:c%25.md:1:1: rel%0A::warning::x"));
    }

    #[test]
    fn carets_line_up_under_wide_characters() {
        let src = "标题\n**时间：** 2024 年 3 月 15 日（周六）\n";
        let d = diag(
            src,
            "2024 年 3 月 15 日（周六）",
            "2024-03-15 is a Friday, but the text says 周六",
        );
        let out = human("a.md", src, &[d]);
        assert!(
            out.contains("error[weekday-mismatch]: 2024-03-15 is a Friday"),
            "{out}"
        );
        assert!(out.contains("--> a.md:2:9"), "{out}");
        let source_line = out.lines().find(|l| l.contains("**时间：**")).unwrap();
        let caret_line = out.lines().find(|l| l.contains('^')).unwrap();
        // `**时间：** ` is 6 narrow + 3 wide characters: 12 display columns before the date.
        let width = |s: &str| {
            s.chars()
                .map(|c| if c.is_ascii() { 1 } else { 2 })
                .sum::<usize>()
        };
        let date_at = width(&source_line[..source_line.find("2024").unwrap()]);
        let caret_at = width(&caret_line[..caret_line.find('^').unwrap()]);
        assert_eq!(caret_at, date_at, "\n{out}");
    }

    #[test]
    fn renderers_survive_odd_spans() {
        let src = "日本\n";
        let d = Diagnostic {
            severity: Severity::Note,
            code: "missing-event-time",
            message: "m".into(),
            span: Span::new(0, 0),
            label: None,
            related: vec![Related {
                span: Span::new(3, 6),
                message: "r".into(),
            }],
        };
        for s in [src, ""] {
            let _ = human("p", s, std::slice::from_ref(&d));
            let _ = github("p", s, std::slice::from_ref(&d));
            let _ = json("p", s, std::slice::from_ref(&d));
        }
        assert!(
            github("p", src, std::slice::from_ref(&d))
                .starts_with("::notice file=p,line=1,col=1,endLine=1,endColumn=1,")
        );
        let v = json("p", src, &[d]);
        assert_eq!(
            v[0]["related"][0]["span"],
            json!({"start": 3, "end": 6, "line": 1, "column": 2})
        );
    }
}
