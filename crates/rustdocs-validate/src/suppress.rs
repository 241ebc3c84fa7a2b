//! Inline suppression comments.
//!
//! `<!-- rustdocs-disable-next-line weekday-mismatch -->` on a line of its own silences the
//! listed codes (all codes when none is listed) for diagnostics starting on the next non-blank
//! line; `<!-- rustdocs-disable weekday-mismatch -->` silences them for the whole file. Codes
//! may be separated by spaces or commas. HTML comments are invisible on the rendered page, so
//! this is the one place an author can leave a note for the linter.

use crate::Diagnostic;

const NEXT_LINE: &str = "rustdocs-disable-next-line";
const FILE: &str = "rustdocs-disable";

/// Which codes are silenced where; an empty code list means every code.
#[derive(Debug, Default)]
pub(crate) struct Suppressions {
    file: Vec<Vec<String>>,
    /// Byte range of a silenced line and its codes.
    lines: Vec<(usize, usize, Vec<String>)>,
}

impl Suppressions {
    /// Finds every suppression comment in `source`, in one pass.
    pub fn scan(source: &str) -> Self {
        let mut out = Suppressions::default();
        if !source.contains(FILE) {
            return out;
        }
        // (start, end) of each line without its terminator.
        let mut lines = Vec::new();
        let mut start = 0;
        for piece in source.split_inclusive('\n') {
            let body = piece.trim_end_matches(['\n', '\r']);
            lines.push((start, start + body.len()));
            start += piece.len();
        }
        let mut waiting: Option<Vec<String>> = None;
        for &(s, e) in &lines {
            let text = source[s..e].trim();
            if let Some(codes) = directive(text, NEXT_LINE) {
                waiting = Some(codes);
                continue;
            }
            if let Some(codes) = directive(text, FILE) {
                out.file.push(codes);
                continue;
            }
            if text.is_empty() {
                continue;
            }
            if let Some(codes) = waiting.take() {
                out.lines.push((s, e, codes));
            }
        }
        out
    }

    /// Whether `d` is silenced, judged by where its primary span starts.
    pub fn suppresses(&self, d: &Diagnostic) -> bool {
        let covers = |codes: &[String]| codes.is_empty() || codes.iter().any(|c| c == d.code);
        self.file.iter().any(|codes| covers(codes))
            || self
                .lines
                .iter()
                .any(|(s, e, codes)| (*s..=*e).contains(&d.span.start) && covers(codes))
    }
}

/// The codes of a `<!-- {name} codes… -->` comment that fills its whole line.
fn directive(line: &str, name: &str) -> Option<Vec<String>> {
    let inner = line.strip_prefix("<!--")?.strip_suffix("-->")?.trim();
    let rest = inner.strip_prefix(name)?;
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    Some(
        rest.split(|c: char| c.is_whitespace() || c == ',')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Severity, Span};

    fn diag(code: &'static str, start: usize) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: String::new(),
            span: Span::new(start, start + 1),
            label: None,
            related: Vec::new(),
        }
    }

    #[test]
    fn next_line_skips_blank_lines_and_lists_codes() {
        let src = "a\n<!-- rustdocs-disable-next-line weekday-mismatch, invalid-date -->\n\n  \nb line\nc line\n";
        let s = Suppressions::scan(src);
        let b = src.find("b line").unwrap();
        let c = src.find("c line").unwrap();
        assert!(s.suppresses(&diag("weekday-mismatch", b)));
        assert!(s.suppresses(&diag("invalid-date", b + 3)));
        assert!(!s.suppresses(&diag("location-mismatch", b)));
        assert!(!s.suppresses(&diag("weekday-mismatch", c)));
        assert!(!s.suppresses(&diag("weekday-mismatch", 0)));
    }

    #[test]
    fn bare_directives_cover_every_code() {
        let src = "<!-- rustdocs-disable-next-line -->\nx\ny\n";
        let s = Suppressions::scan(src);
        assert!(s.suppresses(&diag("anything", 36)));
        assert!(!s.suppresses(&diag("anything", 38)));

        let src = "x\n<!--rustdocs-disable location-mismatch-->\n";
        let s = Suppressions::scan(src);
        assert!(s.suppresses(&diag("location-mismatch", 0)));
        assert!(!s.suppresses(&diag("weekday-mismatch", 0)));
    }

    #[test]
    fn look_alikes_are_not_directives() {
        for src in [
            "<!-- rustdocs-disabled weekday-mismatch -->\nx\n",
            "text <!-- rustdocs-disable -->\nx\n",
            "<!-- rustdocs-disable-next-line\nx -->\n",
            "rustdocs-disable\n",
        ] {
            let s = Suppressions::scan(src);
            assert!(
                !s.suppresses(&diag("weekday-mismatch", src.len() - 2)),
                "{src:?}"
            );
        }
    }
}
