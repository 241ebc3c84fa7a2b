//! JSON front matter: an object at the very start of the file, as Hugo writes it.

use std::collections::HashSet;

use rustdocs_span::Span;
use serde_json::{Map, Value};

use crate::lines;
use crate::scan::{self, Located};
use crate::{Ctx, ErrorKind, Format, FrontMatter, FrontMatterError, Limits};

/// Whether a first line opens a JSON object: `{` then a key, `}` or nothing on that line.
///
/// Requiring `"` or `}` after the brace keeps Hugo shortcodes (`{{< … >}}`) and other
/// brace-led prose out.
pub(crate) fn opens_object(first_line: &str) -> bool {
    first_line.strip_prefix('{').is_some_and(|rest| {
        let rest = rest.trim_start();
        rest.is_empty() || rest.starts_with(['"', '}'])
    })
}

pub(crate) fn parse(ctx: &Ctx<'_>, limits: &Limits) -> Result<FrontMatter, FrontMatterError> {
    let source = ctx.source;
    let start = lines::bom_len(source);
    let end = object_end(ctx, start, limits)?;
    let content = Span::new(start, end);
    let after = lines::first_line(source, end);
    if !after.text.trim().is_empty() {
        let at = end + (after.text.len() - after.text.trim_start().len());
        return Err(ctx.error(
            ErrorKind::Syntax,
            Span::new(at, at + after.text.trim().len()),
            "unexpected text after the closing `}` of the JSON front matter; the body must start on the next line",
        ));
    }
    let text = &source[content.range()];
    let data: Map<String, Value> =
        serde_json::from_str(text).map_err(|e| map_error(ctx, content, limits, &e))?;
    let located = locate_keys(source, content);
    let mut seen = HashSet::new();
    for l in &located {
        if !seen.insert(l.key.as_str()) {
            return Err(ctx.error(
                ErrorKind::DuplicateKey,
                l.key_span,
                format!(
                    "duplicate key `{}`: it is already defined in this object",
                    l.key
                ),
            ));
        }
    }
    let entries = crate::build_entries(source, &data, &located, content);
    Ok(FrontMatter {
        format: Format::Json,
        span: Span::new(start, after.end),
        content_span: content,
        body_start: after.end,
        data,
        entries,
    })
}

/// Offset just past the `}` that closes the object opened at `start`, with size and depth
/// enforced during the scan so a hostile file is rejected without reading it all twice.
fn object_end(ctx: &Ctx<'_>, start: usize, limits: &Limits) -> Result<usize, FrontMatterError> {
    let bytes = ctx.source.as_bytes();
    let mut depth = 0usize;
    let mut i = start;
    while i < bytes.len() {
        if i - start > limits.max_bytes {
            return Err(ctx.error(
                ErrorKind::TooLarge,
                Span::new(start, start + 1),
                format!(
                    "JSON front matter is over the limit of {} bytes",
                    limits.max_bytes
                ),
            ));
        }
        match bytes[i] {
            b'"' => {
                i = string_end(bytes, i);
                continue;
            }
            b'{' | b'[' => {
                depth += 1;
                if depth > limits.max_depth {
                    return Err(ctx.error(
                        ErrorKind::TooDeep,
                        Span::new(i, i + 1),
                        format!(
                            "objects and arrays nest deeper than the limit of {} levels",
                            limits.max_depth
                        ),
                    ));
                }
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Ok(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    Err(ctx.error(
        ErrorKind::Unterminated,
        Span::new(start, start + 1),
        "JSON front matter opened with `{` is never closed",
    ))
}

/// Offset just past the JSON string starting at `at` (or the end of input).
fn string_end(bytes: &[u8], at: usize) -> usize {
    let mut i = at + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn map_error(
    ctx: &Ctx<'_>,
    content: Span,
    limits: &Limits,
    err: &serde_json::Error,
) -> FrontMatterError {
    let text = err.to_string();
    let message = text
        .rfind(" at line ")
        .map_or(text.as_str(), |at| &text[..at]);
    let first_line = ctx.line_of(content.start);
    // serde_json reports the position of the last byte it read (1-based, in bytes); column 0
    // means that byte was the line ending of the previous line.
    let line_start = ctx.offset_of(first_line + err.line().saturating_sub(1), 1, content);
    let at = match err.column() {
        0 => {
            let nl = line_start.saturating_sub(1);
            // Point at the whole `\r\n`, not between its two bytes.
            if nl > 0 && ctx.source.as_bytes().get(nl - 1) == Some(&b'\r') {
                nl - 1
            } else {
                nl
            }
        }
        column => line_start.saturating_add(column - 1),
    };
    let at = crate::floor_boundary(ctx.source, at.clamp(content.start, content.end));
    let span = Span::new(at, crate::next_char_end(ctx.source, at, content.end));
    if message.contains("recursion limit") {
        return ctx.error(
            ErrorKind::TooDeep,
            span,
            format!(
                "objects and arrays nest deeper than the limit of {} levels",
                limits.max_depth
            ),
        );
    }
    ctx.error(ErrorKind::Syntax, span, format!("invalid JSON: {message}"))
}

/// The object's top-level keys with their value extents; the object is already known valid.
fn locate_keys(source: &str, content: Span) -> Vec<Located> {
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    let mut i = content.start + 1;
    loop {
        i = skip_ws(bytes, i, content.end);
        if i >= content.end || bytes[i] != b'"' {
            break;
        }
        let key_end = string_end(bytes, i);
        let key_span = Span::new(i, key_end);
        i = skip_ws(bytes, key_end, content.end);
        if bytes.get(i) != Some(&b':') {
            break;
        }
        let value_start = skip_ws(bytes, i + 1, content.end);
        let value_end = value_end(bytes, value_start, content.end);
        let value_span = scan::trim_span(source, Span::new(value_start, value_end));
        out.push(Located {
            key: scan::unquote_key(&source[key_span.range()]),
            key_span,
            value_span,
            text_candidate: scan::scalar_candidate(source, value_span, false),
        });
        i = value_end;
        if bytes.get(i) == Some(&b',') {
            i += 1;
        } else {
            break;
        }
    }
    out
}

fn skip_ws(bytes: &[u8], mut i: usize, end: usize) -> usize {
    while i < end && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// Offset of the `,` or `}` that ends the value starting at `i` at the object's top level.
fn value_end(bytes: &[u8], mut i: usize, end: usize) -> usize {
    let mut depth = 0usize;
    while i < end {
        match bytes[i] {
            b'"' => {
                i = string_end(bytes, i);
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' | b',' if depth == 0 => return i,
            b'}' | b']' => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    end
}
