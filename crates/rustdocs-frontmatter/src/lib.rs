//! Front matter of Markdown files: detection, parsing into JSON values, exact source spans.
//!
//! A Markdown file may open with a metadata block: YAML between `---` lines, TOML between
//! `+++` lines, or a JSON object. This crate finds that block, parses it into a
//! [`serde_json::Map`] (keys in source order), and records where every top-level key and value
//! sits in the *whole file*, so later stages can point diagnostics at the exact bytes.
//! Hostile input is bounded: size, nesting depth and YAML alias expansion all have hard
//! [`Limits`], and every failure is a [`FrontMatterError`] naming the line and column.
//!
//! ```
//! let src = "---\ntitle: Rust Meetup\ndate: 2023-04-08\n---\n# Body\n";
//! let fm = rustdocs_frontmatter::parse(src).unwrap().unwrap();
//! assert_eq!(fm.format, rustdocs_frontmatter::Format::Yaml);
//! assert_eq!(fm.data["date"], "2023-04-08");
//! let title = fm.get("title").unwrap();
//! assert_eq!(title.text_span.unwrap().slice(src), "Rust Meetup");
//! assert_eq!(&src[fm.body_start..], "# Body\n");
//! ```
//!
//! # Where a block starts and ends
//!
//! * An optional UTF-8 byte-order mark (U+FEFF) may precede everything; it counts in offsets.
//! * YAML: the first line is exactly `---` (trailing spaces or tabs allowed); the block closes at
//!   the next line that is exactly `---` or `...`.
//! * TOML: `+++` opens and closes the block the same way.
//! * JSON: the first line starts with `{` followed (after optional whitespace) by `"` or `}`,
//!   as Hugo writes it. No leading blank lines or spaces are skipped, and `{{<` (a Hugo
//!   shortcode) is not mistaken for JSON. The object ends at its matching `}` (found by a
//!   string-aware scan); the rest of that line must be blank.
//!
//! A `---` anywhere but the first line is a thematic break, never front matter.
//!
//! # Values
//!
//! * YAML and TOML dates and datetimes become strings as written (`2019-03-11T12:10:00+08:00`);
//!   nested TOML datetimes use TOML's canonical spelling.
//! * YAML follows the JSON-compatible core schema: only `true`/`false` are booleans (`yes`
//!   stays a string); non-string keys are stringified (`1: x` gives key `"1"`); `.inf`/`.nan`
//!   and integers beyond 64 bits become strings; tags are data only, nothing is constructed.
//! * An empty or comment-only block is an empty mapping; any other non-mapping root is
//!   [`ErrorKind::NotAMapping`].
//! * A key defined twice in one mapping is [`ErrorKind::DuplicateKey`], in all three formats.
//!
//! # Spans
//!
//! All spans are byte ranges into the whole file (BOM included). Top-level YAML keys are found
//! on unindented `key:` lines; TOML keys come from the parser, with a `[table]` entry's value
//! running from its header through its last sub-table; JSON keys from a scan of the object.
#![forbid(unsafe_code)]

mod error;
mod json;
mod lines;
mod scan;
mod toml_fm;
mod yaml;

pub use error::{ErrorKind, FrontMatterError};
pub use rustdocs_span::Span;

use std::collections::{HashMap, VecDeque};

use rustdocs_span::LineIndex;
use serde_json::{Map, Value};

/// Hard resource limits applied while parsing front matter.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest accepted front-matter block, in bytes of content between the delimiters.
    pub max_bytes: usize,
    /// Deepest accepted nesting of mappings and sequences (the root mapping is depth 1).
    pub max_depth: usize,
    /// Most YAML alias (`*name`) uses accepted; also bounds how much aliases may expand.
    pub max_aliases: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_bytes: 256 * 1024,
            max_depth: 64,
            max_aliases: 64,
        }
    }
}

/// The syntax of a front-matter block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// YAML between `---` lines.
    Yaml,
    /// TOML between `+++` lines.
    Toml,
    /// A JSON object at the start of the file.
    Json,
}

impl Format {
    /// The lowercase name used in JSON output and messages.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Format::Yaml => "yaml",
            Format::Toml => "toml",
            Format::Json => "json",
        }
    }
}

/// A parsed front-matter block and where each of its parts sits in the file.
#[derive(Debug, Clone)]
pub struct FrontMatter {
    /// Which syntax the block uses.
    pub format: Format,
    /// The whole block, delimiters and the closing delimiter's line ending included.
    pub span: Span,
    /// The text between the delimiters (for JSON: the object itself, braces included).
    pub content_span: Span,
    /// Byte offset where the Markdown body begins; equals `span.end`.
    pub body_start: usize,
    /// The parsed mapping, keys in source order.
    pub data: Map<String, Value>,
    /// One entry per top-level key, in source order.
    pub entries: Vec<Entry>,
}

impl FrontMatter {
    /// The entry for top-level `key`, if present.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }
}

/// One top-level key of the front matter with its value and source spans.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The key as parsed (non-string YAML keys are stringified).
    pub key: String,
    /// The key as written, quotes included. Falls back to the content span when the key's
    /// position cannot be recovered (flow-style roots, merge keys).
    pub key_span: Span,
    /// The value as written; for block values the whole block, trailing blank and comment
    /// lines excluded.
    pub value_span: Span,
    /// The parsed value.
    pub value: Value,
    /// Where the string value appears verbatim: `Some` only when `value` is a string and
    /// `source[text_span] == value`.
    pub text_span: Option<Span>,
}

/// Which front-matter syntax, if any, `source` opens with; only the opening line is read.
#[must_use]
pub fn detect(source: &str) -> Option<Format> {
    let start = lines::bom_len(source);
    let first = lines::first_line(source, start);
    match lines::trim_trailing_blanks(first.text) {
        "---" => Some(Format::Yaml),
        "+++" => Some(Format::Toml),
        _ if json::opens_object(first.text) => Some(Format::Json),
        _ => None,
    }
}

/// Parses the front matter of `source` with default [`Limits`]; `Ok(None)` when there is none.
pub fn parse(source: &str) -> Result<Option<FrontMatter>, FrontMatterError> {
    parse_with_limits(source, &Limits::default())
}

/// Parses the front matter of `source` under `limits`; `Ok(None)` when there is none.
pub fn parse_with_limits(
    source: &str,
    limits: &Limits,
) -> Result<Option<FrontMatter>, FrontMatterError> {
    let Some(format) = detect(source) else {
        return Ok(None);
    };
    let ctx = Ctx::new(source);
    let fm = match format {
        Format::Yaml => yaml::parse(&ctx, limits)?,
        Format::Toml => toml_fm::parse(&ctx, limits)?,
        Format::Json => json::parse(&ctx, limits)?,
    };
    Ok(Some(fm))
}

/// The source with its line index, shared by the per-format parsers to build errors.
pub(crate) struct Ctx<'a> {
    pub(crate) source: &'a str,
    index: LineIndex,
}

impl<'a> Ctx<'a> {
    fn new(source: &'a str) -> Self {
        Self {
            source,
            index: LineIndex::new(source),
        }
    }

    /// An error of `kind` at `span` of the whole file.
    pub(crate) fn error(
        &self,
        kind: ErrorKind,
        span: Span,
        message: impl Into<String>,
    ) -> FrontMatterError {
        let start = span.start.min(self.source.len());
        let span = Span::new(start, span.end.clamp(start, self.source.len()));
        let pos = self.index.position(self.source, span.start);
        FrontMatterError {
            kind,
            message: message.into(),
            span,
            line: pos.line,
            column: pos.column,
        }
    }

    /// Byte offset of 1-based `line` and character `column` inside `within`, clamped to it.
    pub(crate) fn offset_of(&self, line: usize, column: usize, within: Span) -> usize {
        let Some(line_start) = self.index.line_start(line) else {
            return within.end;
        };
        if line_start < within.start {
            return within.start;
        }
        if line_start >= within.end {
            return within.end;
        }
        let rest = &self.source[line_start..within.end];
        let mut offset = line_start;
        for (n, (i, ch)) in rest.char_indices().enumerate() {
            if n + 1 >= column || ch == '\n' || ch == '\r' {
                return line_start + i;
            }
            offset = line_start + i + ch.len_utf8();
        }
        offset
    }

    /// The 1-based line holding byte `offset`.
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        self.index.position(self.source, offset).line
    }
}

/// Builds the entries shared by all formats from located keys, matching by key text first
/// and by position when the key texts differ (escaped or non-string keys).
pub(crate) fn build_entries(
    source: &str,
    data: &Map<String, Value>,
    located: &[scan::Located],
    fallback: Span,
) -> Vec<Entry> {
    let mut used = vec![false; located.len()];
    let same_count = located.len() == data.len();
    // Key text -> located indices, earliest first, so matching stays linear in the key count.
    let mut by_key: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for (j, l) in located.iter().enumerate() {
        by_key.entry(l.key.as_str()).or_default().push_back(j);
    }
    data.iter()
        .enumerate()
        .map(|(i, (key, value))| {
            let by_name = by_key.get_mut(key.as_str()).and_then(|queue| {
                while let Some(j) = queue.pop_front() {
                    if !used[j] {
                        return Some(j);
                    }
                }
                None
            });
            let found = by_name.or_else(|| (same_count && !used[i]).then_some(i));
            let (key_span, value_span) = match found {
                Some(j) => {
                    used[j] = true;
                    (located[j].key_span, located[j].value_span)
                }
                None => (fallback, fallback),
            };
            Entry {
                key: key.clone(),
                key_span,
                value_span,
                value: value.clone(),
                text_span: found.and_then(|j| text_span(source, value, &located[j])),
            }
        })
        .collect()
}

/// The verbatim span of a string value, checked against the parsed string.
fn text_span(source: &str, value: &Value, located: &scan::Located) -> Option<Span> {
    let Value::String(s) = value else {
        return None;
    };
    let candidate = located.text_candidate?;
    (source.get(candidate.range()) == Some(s.as_str())).then_some(candidate)
}

/// The largest char boundary of `s` not after `offset`.
pub(crate) fn floor_boundary(s: &str, offset: usize) -> usize {
    rustdocs_span::floor_char_boundary(s, offset)
}

/// The end of the character starting at `at`, not past `limit`; `at` when there is none.
pub(crate) fn next_char_end(s: &str, at: usize, limit: usize) -> usize {
    s.get(at..limit.min(s.len()))
        .and_then(|rest| rest.chars().next())
        .map_or(at, |c| at + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detect_reads_only_the_opening_line() {
        assert_eq!(detect("---\nnever closed"), Some(Format::Yaml));
        assert_eq!(detect("\u{feff}+++\r\n"), Some(Format::Toml));
        assert_eq!(detect("{\"title\": 1"), Some(Format::Json));
        assert_eq!(detect("{\n"), Some(Format::Json));
        assert_eq!(detect("{{< figure >}}"), None);
        assert_eq!(detect("# 标题\n---\n"), None);
        assert_eq!(detect("--- x\n"), None);
        assert_eq!(detect(""), None);
    }

    #[test]
    fn error_codes_are_stable_kebab_case() {
        let kinds = [
            (ErrorKind::Unterminated, "unterminated"),
            (ErrorKind::Syntax, "syntax"),
            (ErrorKind::DuplicateKey, "duplicate-key"),
            (ErrorKind::NotAMapping, "not-a-mapping"),
            (ErrorKind::TooLarge, "too-large"),
            (ErrorKind::TooDeep, "too-deep"),
            (ErrorKind::TooManyAliases, "too-many-aliases"),
        ];
        for (kind, code) in kinds {
            assert_eq!(kind.code(), code);
            assert_eq!(kind.to_string(), code);
        }
    }

    #[test]
    fn error_display_names_the_position() {
        let err = parse("---\na: [\n---\n").unwrap_err();
        assert_eq!(err.kind, ErrorKind::Syntax);
        assert!(
            err.to_string()
                .starts_with(&format!("line {}, column {}: ", err.line, err.column))
        );
    }

    #[test]
    fn format_serializes_lowercase() {
        assert_eq!(serde_json::to_string(&Format::Toml).unwrap(), "\"toml\"");
        assert_eq!(Format::Json.as_str(), "json");
    }

    #[test]
    fn get_finds_entries_by_key() {
        let src = "+++\ntitle = \"Hi\"\n+++\n";
        let fm = parse(src).unwrap().unwrap();
        assert_eq!(fm.get("title").map(|e| e.value.clone()), Some("Hi".into()));
        assert!(fm.get("missing").is_none());
    }

    #[test]
    fn yaml_keys_found_by_the_line_scanner() {
        let src =
            "---\ntitle: a:b\nurl: http://x.y/z\n\"q\": 1\n# c: not a key\nlist:\n  - a: 1\n---\n";
        let fm = parse(src).unwrap().unwrap();
        let keys: Vec<&str> = fm.entries.iter().map(|e| e.key_span.slice(src)).collect();
        assert_eq!(keys, ["title", "url", "\"q\"", "list"]);
        assert_eq!(fm.get("title").unwrap().value, "a:b");
        assert_eq!(
            fm.get("url").unwrap().text_span.unwrap().slice(src),
            "http://x.y/z"
        );
    }

    #[test]
    fn flow_root_falls_back_to_content_span() {
        let src = "---\n{a: 1, b: x}\n---\n";
        let fm = parse(src).unwrap().unwrap();
        assert_eq!(fm.entries.len(), 2);
        assert_eq!(fm.entries[1].key_span, fm.content_span);
        assert_eq!(fm.entries[1].text_span, None);
    }
}
