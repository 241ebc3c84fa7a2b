//! Pieces shared by the per-format key scanners.

use rustdocs_span::Span;

/// A top-level key found by scanning the source text.
#[derive(Debug, Clone)]
pub(crate) struct Located {
    /// The key as the parser will report it (quotes removed, simple escapes decoded).
    pub(crate) key: String,
    /// The key as written.
    pub(crate) key_span: Span,
    /// The value as written.
    pub(crate) value_span: Span,
    /// Where a string value would appear verbatim, if the value is a one-line scalar; the
    /// caller keeps it only when the slice equals the parsed string.
    pub(crate) text_candidate: Option<Span>,
}

/// `span` with surrounding whitespace (line endings included) removed.
pub(crate) fn trim_span(source: &str, span: Span) -> Span {
    let text = &source[span.range()];
    let start = span.start + (text.len() - text.trim_start().len());
    let end = span.start + text.trim_end().len();
    Span::new(start, end.max(start))
}

/// The verbatim text of a one-line quoted or plain scalar written at `span`.
///
/// `comment` says whether ` #` starts a comment after a plain value (YAML, TOML) or not (JSON).
pub(crate) fn scalar_candidate(source: &str, span: Span, comment: bool) -> Option<Span> {
    let text = &source[span.range()];
    if text.contains(['\n', '\r']) {
        return None;
    }
    for quote in ['"', '\''] {
        if let Some(rest) = text.strip_prefix(quote) {
            if rest.starts_with(quote) && rest[1..].starts_with(quote) {
                // Triple-quoted TOML strings may trim a leading newline; not verbatim.
                return None;
            }
            let close = rest.find(quote)?;
            let start = span.start + quote.len_utf8();
            return Some(Span::new(start, start + close));
        }
    }
    let plain = if comment {
        text.find(" #")
            .or_else(|| text.find("\t#"))
            .map_or(text, |at| &text[..at])
    } else {
        text
    };
    let plain = plain.trim_end();
    Some(Span::new(span.start, span.start + plain.len()))
}

/// Decodes a one-line quoted key: double quotes as JSON escapes, single quotes with `''`.
pub(crate) fn unquote_key(text: &str) -> String {
    if let Some(inner) = text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')) {
        return inner.replace("''", "'");
    }
    if text.starts_with('"') {
        if let Ok(s) = serde_json::from_str::<String>(text) {
            return s;
        }
        if let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
            return inner.to_owned();
        }
    }
    text.to_owned()
}

/// End of a quoted string starting at byte `at` of `bytes` (which holds `quote`): the offset
/// just past the closing quote, or `None` if the line ends first. Backslash escapes apply
/// when `escapes` is set; a doubled quote escapes when `doubled` is set (YAML single quotes).
pub(crate) fn quoted_end(bytes: &[u8], at: usize, escapes: bool, doubled: bool) -> Option<usize> {
    let quote = bytes[at];
    let mut i = at + 1;
    while i < bytes.len() {
        let b = bytes[i];
        if escapes && b == b'\\' {
            i += 2;
            continue;
        }
        if b == quote {
            if doubled && bytes.get(i + 1) == Some(&quote) {
                i += 2;
                continue;
            }
            return Some(i + 1);
        }
        if b == b'\n' {
            return None;
        }
        i += 1;
    }
    None
}
