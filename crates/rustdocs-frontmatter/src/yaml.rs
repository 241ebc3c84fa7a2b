//! YAML front matter between `---` lines, parsed by serde-saphyr under a tight budget.

use std::fmt;

use rustdocs_span::Span;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use serde_saphyr::Error as YamlError;
use serde_saphyr::budget::BudgetBreach;

use crate::lines::{self, Fenced};
use crate::scan::{self, Located};
use crate::{Ctx, ErrorKind, Format, FrontMatter, FrontMatterError, Limits};

/// Replayed alias events allowed per permitted alias: generous for real anchors (a shared
/// list of tags), far below what an exponential "billion laughs" needs.
const REPLAY_PER_ALIAS: usize = 256;

pub(crate) fn parse(ctx: &Ctx<'_>, limits: &Limits) -> Result<FrontMatter, FrontMatterError> {
    let source = ctx.source;
    let block =
        lines::fenced(source, lines::bom_len(source), &["---", "..."]).map_err(|opener| {
            ctx.error(
                ErrorKind::Unterminated,
                opener,
                "YAML front matter opened with `---` is never closed: add a line `---` after it",
            )
        })?;
    check_size(ctx, &block, limits)?;
    let data = parse_mapping(ctx, &block, limits)?;
    let located = locate_keys(source, block.content);
    let entries = crate::build_entries(source, &data, &located, block.content);
    Ok(FrontMatter {
        format: Format::Yaml,
        span: block.span,
        content_span: block.content,
        body_start: block.span.end,
        data,
        entries,
    })
}

/// Rejects blocks over `limits.max_bytes` before any parser sees them.
pub(crate) fn check_size(
    ctx: &Ctx<'_>,
    block: &Fenced,
    limits: &Limits,
) -> Result<(), FrontMatterError> {
    let len = block.content.len();
    if len > limits.max_bytes {
        return Err(ctx.error(
            ErrorKind::TooLarge,
            block.opener,
            format!(
                "front matter is {len} bytes, over the limit of {} bytes",
                limits.max_bytes
            ),
        ));
    }
    Ok(())
}

fn parse_mapping(
    ctx: &Ctx<'_>,
    block: &Fenced,
    limits: &Limits,
) -> Result<Map<String, Value>, FrontMatterError> {
    let content = &ctx.source[block.content.range()];
    let budget = serde_saphyr::budget! {
        max_depth: limits.max_depth,
        flow_nesting_limit: limits.max_depth.saturating_add(1),
        max_aliases: limits.max_aliases,
        max_anchors: limits.max_aliases.max(1),
        max_recorded_anchor_events: limits.max_aliases.saturating_mul(REPLAY_PER_ALIAS).max(1),
        max_inclusion_depth: 0,
        max_documents: 1,
    };
    let options = serde_saphyr::options! {
        budget: budget,
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: limits.max_aliases.saturating_mul(REPLAY_PER_ALIAS),
        },
        // JSON has no YAML 1.1 booleans: `yes`/`on` stay strings.
        strict_booleans: true,
        with_snippet: false,
    };
    let root = serde_saphyr::from_str_with_options::<Node>(content, options)
        .map_err(|e| map_error(ctx, block, limits, &e))?;
    match root.0 {
        Value::Object(map) => Ok(map),
        Value::Null if is_blank_or_comments(content) => Ok(Map::new()),
        other => Err(ctx.error(
            ErrorKind::NotAMapping,
            lines_trimmed(ctx.source, block.content, block.opener),
            format!(
                "front matter must be a mapping of keys to values, but this YAML is {}",
                describe(&other)
            ),
        )),
    }
}

/// The content span without surrounding whitespace, or `fallback` when it is blank.
fn lines_trimmed(source: &str, content: Span, fallback: Span) -> Span {
    let trimmed = scan::trim_span(source, content);
    if trimmed.is_empty() {
        fallback
    } else {
        trimmed
    }
}

fn is_blank_or_comments(content: &str) -> bool {
    content.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#')
    })
}

/// A plain-language name for a JSON value's type, for "not a mapping" messages.
pub(crate) fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

fn map_error(ctx: &Ctx<'_>, block: &Fenced, limits: &Limits, err: &YamlError) -> FrontMatterError {
    let (kind, message) = classify(err, limits);
    let at = err
        .location()
        .filter(|loc| loc.line() > 0)
        .map_or(block.content.start, |loc| {
            if let Some(byte) = loc.span().byte_offset() {
                let offset = block.content.start.saturating_add(byte as usize);
                crate::floor_boundary(ctx.source, offset.min(block.content.end))
            } else {
                let first_line = ctx.line_of(block.content.start);
                ctx.offset_of(
                    first_line + loc.line() as usize - 1,
                    loc.column() as usize,
                    block.content,
                )
            }
        });
    let end = crate::next_char_end(ctx.source, at, block.content.end);
    ctx.error(kind, Span::new(at, end), message)
}

fn classify(err: &YamlError, limits: &Limits) -> (ErrorKind, String) {
    let inner = err.without_snippet();
    match inner {
        YamlError::AliasError { error, .. } => return classify(error, limits),
        YamlError::DuplicateMappingKey { key, .. } => {
            let message = match key {
                Some(k) => format!("duplicate key `{k}`: it is already defined in this mapping"),
                None => "duplicate key: it is already defined in this mapping".to_owned(),
            };
            return (ErrorKind::DuplicateKey, message);
        }
        YamlError::Budget { breach, .. } => return classify_breach(breach, limits),
        YamlError::AliasReplayLimitExceeded { .. }
        | YamlError::AliasReplayStackDepthExceeded { .. }
        | YamlError::AliasReplayCounterOverflow { .. } => {
            return (ErrorKind::TooManyAliases, aliases_message(limits));
        }
        _ => {}
    }
    let rendered = inner.to_string();
    let text = strip_location(&rendered);
    if let Some(key) = text.strip_prefix(DUPLICATE_PREFIX) {
        return (
            ErrorKind::DuplicateKey,
            format!("duplicate key `{key}`: it is already defined in this mapping"),
        );
    }
    if text.contains("nesting limit") || text.contains("recursion limit") {
        return (ErrorKind::TooDeep, depth_message(limits));
    }
    (ErrorKind::Syntax, format!("invalid YAML: {text}"))
}

fn classify_breach(breach: &BudgetBreach, limits: &Limits) -> (ErrorKind, String) {
    match breach {
        BudgetBreach::Depth { .. } => (ErrorKind::TooDeep, depth_message(limits)),
        BudgetBreach::Aliases { .. }
        | BudgetBreach::Anchors { .. }
        | BudgetBreach::AliasAnchorRatio { .. }
        | BudgetBreach::RecordedAnchorEvents { .. }
        | BudgetBreach::RecordedAnchorBytes { .. } => {
            (ErrorKind::TooManyAliases, aliases_message(limits))
        }
        BudgetBreach::Documents { .. } => (
            ErrorKind::Syntax,
            "invalid YAML: front matter must hold a single YAML document".to_owned(),
        ),
        other => (
            ErrorKind::TooLarge,
            format!("front matter exceeds the YAML parser's resource budget ({other:?})"),
        ),
    }
}

fn depth_message(limits: &Limits) -> String {
    format!(
        "mappings and lists nest deeper than the limit of {} levels",
        limits.max_depth
    )
}

fn aliases_message(limits: &Limits) -> String {
    format!(
        "YAML aliases (`*name`) are used or expanded too much: the limit is {} aliases",
        limits.max_aliases
    )
}

/// Drops the trailing " at line L, column C" the YAML library appends: our own error carries
/// the position in the whole file instead of the block.
fn strip_location(message: &str) -> &str {
    message
        .rfind(" at line ")
        .filter(|at| message[*at..].contains(", column "))
        .map_or(message, |at| &message[..at])
}

const DUPLICATE_PREFIX: &str = "duplicate key after stringifying: ";

/// Top-level `key:` lines at column 0 of the content, with the extent of their values.
fn locate_keys(source: &str, content: Span) -> Vec<Located> {
    struct KeyLine {
        key: String,
        key_span: Span,
        value_start: usize,
        line_start: usize,
    }
    let mut starts: Vec<KeyLine> = Vec::new();
    for line in lines::lines_in(source, content.start, content.end) {
        if let Some((key, key_len, value_at)) = key_of_line(line.text) {
            starts.push(KeyLine {
                key,
                key_span: Span::new(line.start, line.start + key_len),
                value_start: line.start + value_at,
                line_start: line.start,
            });
        }
    }
    let ends: Vec<usize> = starts
        .iter()
        .skip(1)
        .map(|s| s.line_start)
        .chain(std::iter::once(content.end))
        .collect();
    starts
        .into_iter()
        .zip(ends)
        .map(|(start, region_end)| {
            let value_span = value_extent(source, start.value_start, region_end);
            Located {
                key: start.key,
                key_span: start.key_span,
                value_span,
                text_candidate: scan::scalar_candidate(source, value_span, true),
            }
        })
        .collect()
}

/// The key of a top-level mapping line: decoded key, key length in bytes, value offset.
fn key_of_line(text: &str) -> Option<(String, usize, usize)> {
    let bytes = text.as_bytes();
    let first = *bytes.first()?;
    if matches!(
        first,
        b' ' | b'\t'
            | b'#'
            | b'?'
            | b'{'
            | b'['
            | b'%'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'@'
            | b'`'
    ) || text.starts_with("- ")
        || text == "-"
        || text.starts_with("---")
        || text.starts_with("...")
    {
        return None;
    }
    let (key_len, colon) = if first == b'"' || first == b'\'' {
        let end = scan::quoted_end(bytes, 0, first == b'"', first == b'\'')?;
        let after = text[end..].trim_start_matches([' ', '\t']);
        if !after.starts_with(':') {
            return None;
        }
        (end, text.len() - after.len())
    } else {
        let colon = find_mapping_colon(bytes)?;
        (text[..colon].trim_end_matches([' ', '\t']).len(), colon)
    };
    if key_len == 0 {
        // `: value` after an explicit `? key`: the key is not on this line.
        return None;
    }
    let key_text = &text[..key_len];
    let rest = &text[colon + 1..];
    let value_at = colon + 1 + (rest.len() - rest.trim_start_matches([' ', '\t']).len());
    Some((scan::unquote_key(key_text), key_len, value_at))
}

/// The first `:` followed by a blank or the end of the line (a plain key's terminator),
/// unless a comment starts first.
fn find_mapping_colon(bytes: &[u8]) -> Option<usize> {
    for i in 0..bytes.len() {
        match bytes[i] {
            b':' if matches!(bytes.get(i + 1), None | Some(b' ' | b'\t')) => return Some(i),
            b'#' if i > 0 && matches!(bytes[i - 1], b' ' | b'\t') => return None,
            _ => {}
        }
    }
    None
}

/// From `start` to the last line of the value before `region_end`, skipping trailing blank
/// lines and column-0 comments that sit between this value and the next key.
fn value_extent(source: &str, start: usize, region_end: usize) -> Span {
    let first = lines::first_line(source, start);
    let mut end = start + first.text.trim_end().len();
    if first.end < region_end {
        for line in lines::lines_in(source, first.end, region_end) {
            let trimmed = line.text.trim_end();
            if !trimmed.is_empty() && !line.text.starts_with('#') {
                end = line.start + trimmed.len();
            }
        }
    }
    scan::trim_span(source, Span::new(start, end.max(start)))
}

/// A YAML node converted to JSON: non-string keys stringified, non-finite floats as strings.
struct Node(Value);

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
        Ok(Node(Value::Bool(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
        Ok(Node(Value::Number(v.into())))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        Ok(Node(Value::Number(v.into())))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Node, E> {
        // Beyond 64 bits JSON numbers lose precision; keep the digits as a string.
        Ok(Node(i64::try_from(v).map_or_else(
            |_| Value::String(v.to_string()),
            |n| Value::Number(n.into()),
        )))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Node, E> {
        Ok(Node(u64::try_from(v).map_or_else(
            |_| Value::String(v.to_string()),
            |n| Value::Number(n.into()),
        )))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        // JSON cannot hold .inf/.nan; keep them readable as strings.
        Ok(Node(Number::from_f64(v).map_or_else(
            || Value::String(v.to_string()),
            Value::Number,
        )))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        Ok(Node(Value::String(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Node, E> {
        Ok(Node(Value::String(v)))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Node, E> {
        Ok(Node(Value::String(String::from_utf8_lossy(v).into_owned())))
    }

    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node(Value::Null))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node(Value::Null))
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        Node::deserialize(d)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        Node::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(Node(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node(Value::Array(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut out = Map::new();
        while let Some(Node(key)) = map.next_key()? {
            let key = match key {
                Value::String(s) => s,
                Value::Null => "null".to_owned(),
                other => other.to_string(),
            };
            let Node(value) = map.next_value()?;
            if out.contains_key(&key) {
                return Err(de::Error::custom(format_args!("{DUPLICATE_PREFIX}{key}")));
            }
            out.insert(key, value);
        }
        Ok(Node(Value::Object(out)))
    }
}
