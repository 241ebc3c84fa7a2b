//! A deliberately small Markdown-to-prose-runs splitter for this crate's tests and examples.
//!
//! The real walk lives in the document crate; this one only has to be faithful enough to
//! score the recognizer on real files: front matter strings, one run per line (table cells
//! apart), fenced code skipped, emphasis removed, URLs and images replaced by U+FFFC, inline
//! code kept as text but listed as ranges to ignore.

use std::ops::Range;

/// One prose run as the facade would hand it to the recognizer.
#[derive(Debug, Clone)]
pub struct Run {
    pub text: String,
    pub ignore: Vec<Range<usize>>,
    pub section: usize,
    pub quoted: bool,
    pub dotted: bool,
}

/// The runs of `source`, in document order.
pub fn runs(source: &str) -> Vec<Run> {
    let mut out = Vec::new();
    let mut lines = source.lines().peekable();
    let mut section = 0;
    if lines.peek() == Some(&"---") {
        lines.next();
        for line in lines.by_ref() {
            if line == "---" {
                break;
            }
            if let Some((key, value)) = line.split_once(':') {
                let key = key.trim();
                if ["title", "label", "description"].contains(&key) {
                    let value = value.trim().trim_matches('"');
                    let (text, ignore) = clean(value);
                    out.push(Run {
                        text,
                        ignore,
                        section,
                        quoted: false,
                        dotted: key != "description",
                    });
                }
            }
        }
    }
    let mut in_code = false;
    for line in lines {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_code = !in_code;
            continue;
        }
        if in_code || trimmed.is_empty() || trimmed.starts_with('<') && trimmed.ends_with('>') {
            continue;
        }
        if trimmed.starts_with('#') {
            section += 1;
        }
        let quoted = trimmed.starts_with('>');
        let body = trimmed.trim_start_matches(['>', '#', ' ']);
        let cells: Vec<&str> = if body.starts_with('|') {
            body.split('|')
                .filter(|c| !c.trim().is_empty() && !c.trim().starts_with("--"))
                .collect()
        } else {
            vec![body]
        };
        for cell in cells {
            let (text, ignore) = clean(cell);
            if !text.trim().is_empty() {
                out.push(Run {
                    text,
                    ignore,
                    section,
                    quoted,
                    dotted: false,
                });
            }
        }
    }
    out
}

/// Removes emphasis, replaces URLs and images by U+FFFC, and lists inline code ranges.
fn clean(line: &str) -> (String, Vec<Range<usize>>) {
    let mut text = String::with_capacity(line.len());
    let mut ignore = Vec::new();
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("**") || rest.starts_with("__") {
            rest = &rest[2..];
        } else if c == '`' {
            let inner = &rest[1..];
            if let Some(close) = inner.find('`') {
                let start = text.len();
                text.push_str(&inner[..close]);
                ignore.push(start..text.len());
                rest = &inner[close + 1..];
            } else {
                text.push(c);
                rest = &rest[1..];
            }
        } else if (rest.starts_with("![") || rest.starts_with("](")) && rest.contains(')') {
            // An image or a link target becomes one object replacement character.
            let close = rest.find(')').unwrap_or(0);
            text.push('\u{FFFC}');
            rest = &rest[close + 1..];
        } else if rest.starts_with("http://") || rest.starts_with("https://") {
            let end = rest
                .find(|ch: char| ch.is_whitespace() || ch == ')' || ch == '）' || (!ch.is_ascii()))
                .unwrap_or(rest.len());
            text.push('\u{FFFC}');
            rest = &rest[end..];
        } else {
            if c != '[' && c != ']' && !(c == '*' && rest[1..].starts_with(|n: char| n != ' ')) {
                text.push(c);
            }
            rest = &rest[c.len_utf8()..];
        }
    }
    (text, ignore)
}

/// Every datetime mention of a document, resolved in document order as the facade does:
/// the matched text and its value.
pub fn mentions(
    source: &str,
    reference: Option<jiff::civil::Date>,
) -> Vec<(String, rustdocs_datetime::Datetime)> {
    let mut resolver = rustdocs_datetime::Resolver::new(reference);
    let mut out = Vec::new();
    for run in runs(source) {
        resolver.set_section(Some(run.section));
        resolver.set_quoted(run.quoted);
        let options = rustdocs_datetime::Options {
            dotted_month_day: run.dotted,
            ignore: run.ignore.clone(),
        };
        for c in rustdocs_datetime::recognize(&run.text, &options) {
            let dt = resolver.resolve(&c);
            out.push((run.text[c.range].to_owned(), dt));
        }
    }
    out
}
