//! TOML front matter between `+++` lines, parsed by the `toml` crate after a depth pre-scan.

use std::fmt;

use rustdocs_span::Span;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::{Map, Number, Value};
use toml::Spanned;

use crate::lines::{self, Fenced};
use crate::scan::{self, Located};
use crate::{Ctx, ErrorKind, Format, FrontMatter, FrontMatterError, Limits};

pub(crate) fn parse(ctx: &Ctx<'_>, limits: &Limits) -> Result<FrontMatter, FrontMatterError> {
    let source = ctx.source;
    let block = lines::fenced(source, lines::bom_len(source), &["+++"]).map_err(|opener| {
        ctx.error(
            ErrorKind::Unterminated,
            opener,
            "TOML front matter opened with `+++` is never closed: add a line `+++` after it",
        )
    })?;
    crate::yaml::check_size(ctx, &block, limits)?;
    let content = &source[block.content.range()];
    if let Some(at) = too_deep_at(content, limits.max_depth) {
        let at = block.content.start + at;
        return Err(ctx.error(
            ErrorKind::TooDeep,
            Span::new(at, crate::next_char_end(source, at, block.content.end)),
            format!(
                "tables and arrays nest deeper than the limit of {} levels",
                limits.max_depth
            ),
        ));
    }
    let top = toml::from_str::<TopLevel>(content).map_err(|e| map_error(ctx, &block, &e))?;
    let mut data = Map::new();
    let mut located = Vec::with_capacity(top.0.len());
    for (key, value) in top.0 {
        let key_span = Span::from(key.span()).shift(block.content.start);
        let raw_span = Span::from(value.span()).shift(block.content.start);
        let value_span = section_extent(source, &block, key.get_ref(), key_span, raw_span);
        let json = match value.get_ref() {
            // Top-level datetimes keep their spelling (`1979-05-27 07:32:00Z` stays as written).
            toml::Value::Datetime(_) => Value::String(source[raw_span.range()].to_owned()),
            other => to_json(other),
        };
        data.insert(key.get_ref().clone(), json);
        located.push(Located {
            key: key.into_inner(),
            key_span,
            value_span,
            text_candidate: scan::scalar_candidate(source, raw_span, false),
        });
    }
    let entries = crate::build_entries(source, &data, &located, block.content);
    Ok(FrontMatter {
        format: Format::Toml,
        span: block.span,
        content_span: block.content,
        body_start: block.span.end,
        data,
        entries,
    })
}

/// For a `[table]` header, the header through the end of its section (directly following
/// sub-tables such as `[key.sub]` included); for `key = value`, the value as the parser spanned it.
fn section_extent(source: &str, block: &Fenced, key: &str, key_span: Span, raw: Span) -> Span {
    // The header line holding the key: `[key]` itself, or `[key.sub]` for a table that only
    // exists implicitly through its sub-tables.
    let line_start = source[..key_span.start]
        .rfind('\n')
        .map_or(block.content.start, |nl| nl + 1);
    let header = lines::first_line(source, line_start.max(block.content.start));
    if !header.text.trim_start().starts_with('[') || raw.start > key_span.start {
        return raw;
    }
    let raw = Span::new(header.start, raw.end.max(key_span.end));
    let mut end = raw.end;
    for line in lines::lines_in(source, header.start, block.content.end) {
        let text = line.text.trim();
        // Stop at the first table of another key, which keeps the scan linear overall; a
        // sub-table written after other tables is not included.
        if text.starts_with('[') && header_root(text) != Some(key) {
            break;
        }
        if !text.is_empty() && !text.starts_with('#') {
            end = line.start + line.text.trim_end().len();
        }
    }
    Span::new(raw.start, end.max(raw.start))
}

/// The first key segment of a `[a.b]` or `[[a.b]]` header, unquoted when simply quoted.
fn header_root(text: &str) -> Option<&str> {
    let inner = text.trim_start_matches('[').trim_start();
    let end = inner.find(['.', ']'])?;
    let seg = inner[..end].trim();
    Some(
        seg.strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .or_else(|| seg.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')))
            .unwrap_or(seg),
    )
}

fn map_error(ctx: &Ctx<'_>, block: &Fenced, err: &toml::de::Error) -> FrontMatterError {
    let span = err.span().map_or(Span::empty(block.content.start), |r| {
        let start = crate::floor_boundary(
            ctx.source,
            (block.content.start + r.start).min(block.content.end),
        );
        let end = crate::floor_boundary(
            ctx.source,
            (block.content.start + r.end).min(block.content.end),
        );
        Span::new(start, end.max(start))
    });
    let message = err.message().trim();
    if message.starts_with("duplicate key") {
        let key = ctx.source[span.range()].trim();
        let message = if key.is_empty() {
            "duplicate key: it is already defined in this table".to_owned()
        } else {
            format!("duplicate key `{key}`: it is already defined in this table")
        };
        return ctx.error(ErrorKind::DuplicateKey, span, message);
    }
    ctx.error(ErrorKind::Syntax, span, format!("invalid TOML: {message}"))
}

/// Converts a parsed TOML value to JSON; nesting is bounded by the pre-scan.
fn to_json(value: &toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s.clone()),
        toml::Value::Integer(i) => Value::Number((*i).into()),
        toml::Value::Float(f) => {
            Number::from_f64(*f).map_or_else(|| Value::String(f.to_string()), Value::Number)
        }
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.iter().map(to_json).collect()),
        toml::Value::Table(table) => {
            Value::Object(table.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}

/// The root table's entries with their spans, in source order.
struct TopLevel(Vec<(Spanned<String>, Spanned<toml::Value>)>);

impl<'de> Deserialize<'de> for TopLevel {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(TopVisitor)
    }
}

struct TopVisitor;

impl<'de> Visitor<'de> for TopVisitor {
    type Value = TopLevel;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a TOML table")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TopLevel, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(TopLevel(entries))
    }
}

/// Offset of the first place where nesting exceeds `max_depth`, found without recursion.
///
/// Counts table headers (`[a.b]` is two levels under the root), dotted keys, arrays and
/// inline tables, so neither `[[[[…` nor `a.a.a.… = 1` nor `a = {a = {…` can push the
/// recursive TOML parser past the limit. The root table is depth 1.
fn too_deep_at(content: &str, max_depth: usize) -> Option<usize> {
    let bytes = content.as_bytes();
    // Saved (level_base, key_dots) for each open `[` or `{` value, with its kind.
    let mut stack: Vec<(u8, usize, usize)> = Vec::new();
    let mut level_base = 1usize;
    let mut key_dots = 0usize;
    let mut in_key = true;
    let mut header: Option<(usize, bool)> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'"' | b'\'' => {
                i = skip_toml_string(bytes, i);
                continue;
            }
            b'\n' if stack.is_empty() => {
                in_key = true;
                key_dots = 0;
            }
            b'[' if stack.is_empty() && in_key && header.is_none() => {
                let double = bytes.get(i + 1) == Some(&b'[');
                header = Some((0, double));
                if double {
                    i += 1;
                }
            }
            b']' if header.is_some() => {
                if let Some((dots, double)) = header.take() {
                    level_base = 2 + dots + usize::from(double);
                    if double {
                        i += 1;
                    }
                    if level_base > max_depth {
                        return Some(i);
                    }
                }
            }
            b'.' if header.is_some() => {
                if let Some((dots, _)) = header.as_mut() {
                    *dots += 1;
                    if 2 + *dots > max_depth {
                        return Some(i);
                    }
                }
            }
            b'.' if in_key => {
                key_dots += 1;
                if level_base + key_dots + 1 > max_depth {
                    return Some(i);
                }
            }
            b'=' if in_key => in_key = false,
            b'[' | b'{' => {
                stack.push((b, level_base, key_dots));
                level_base += key_dots + 1;
                key_dots = 0;
                in_key = b == b'{';
                if level_base > max_depth {
                    return Some(i);
                }
            }
            b']' | b'}' => {
                if let Some((_, base, dots)) = stack.pop() {
                    level_base = base;
                    key_dots = dots;
                    in_key = false;
                }
            }
            b',' if stack.last().is_some_and(|(kind, _, _)| *kind == b'{') => {
                in_key = true;
                key_dots = 0;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Offset just past the TOML string (basic, literal, or either multi-line form) at `at`.
fn skip_toml_string(bytes: &[u8], at: usize) -> usize {
    let quote = bytes[at];
    let escapes = quote == b'"';
    let triple = bytes.get(at + 1) == Some(&quote) && bytes.get(at + 2) == Some(&quote);
    let mut i = if triple { at + 3 } else { at + 1 };
    while i < bytes.len() {
        let b = bytes[i];
        if escapes && b == b'\\' {
            i += 2;
            continue;
        }
        if b == quote {
            if !triple {
                return i + 1;
            }
            if bytes.get(i + 1) == Some(&quote) && bytes.get(i + 2) == Some(&quote) {
                return i + 3;
            }
        }
        if b == b'\n' && !triple {
            // An unclosed one-line string: let the parser report it.
            return i;
        }
        i += 1;
    }
    bytes.len()
}
