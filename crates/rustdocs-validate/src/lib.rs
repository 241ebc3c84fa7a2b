//! Content-linter rules over an analyzed Chinese technical Markdown document.
//!
//! Extraction makes a document's facts checkable; this crate checks them. Given the parsed
//! front matter, prose, entities and reference date of one file (an [`Input`], which the
//! `rustdocs` facade builds), [`validate`] runs every rule in [`RULES`] and returns
//! [`Diagnostic`]s: a severity, a stable kebab-case code, a plain-language message that says
//! what was expected, the span it points at and related spans. A [`Config`] (read from
//! `rustdocs.toml`) turns rules off or changes their severity and names front-matter keys that
//! files must carry; HTML comments in the document suppress diagnostics inline. The [`render`]
//! module prints diagnostics the way rustc does, or as JSON, GitHub workflow annotations and
//! SARIF.
//!
//! ```
//! use rustdocs_validate::{validate, render, Config, Input};
//!
//! let source = "---\nlocation: 中国香港\n---\n\n**地点：** 环球财讯中心 M 层 北京市西城区宣武门外大街甲 1 号\n";
//! let front_matter = rustdocs_frontmatter::parse(source).unwrap();
//! let fm = front_matter.as_ref().unwrap();
//! let document = rustdocs_document::parse(source, fm.body_start);
//! let extraction = rustdocs_extract::extract(source, &document, &[], &Default::default());
//! let input = Input {
//!     source,
//!     path: None,
//!     front_matter: Some(fm),
//!     document: &document,
//!     entities: &extraction.entities,
//!     reference: extraction.reference,
//!     countdowns: &extraction.countdowns,
//! };
//! let diagnostics = validate(&input, &Config::default());
//! assert_eq!(diagnostics[0].code, "location-mismatch");
//! assert_eq!(diagnostics[0].span.slice(source), "中国香港");
//! let text = render::human("meetup.md", source, &diagnostics);
//! assert!(text.contains("warning[location-mismatch]"));
//! assert!(text.contains("--> meetup.md:2:11"));
//! ```
#![forbid(unsafe_code)]

mod config;
mod context;
pub mod render;
mod rules;
mod suppress;

use std::fmt;
use std::path::Path;

use rustdocs_document::Document;
use rustdocs_extract::{Entity, Reference};
use rustdocs_frontmatter::{FrontMatter, FrontMatterError};

pub use config::{Config, ConfigError, ConfigErrorKind};
pub use rules::{RULES, Rule, codes, rule, rules_markdown};
pub use rustdocs_span::Span;

/// How serious a diagnostic is; ordered from least to most serious.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; never fails a check.
    Note,
    /// Probably wrong; fails a check under `--deny warnings`.
    Warning,
    /// Wrong; fails a check.
    Error,
}

impl Severity {
    /// The lowercase name used in output and in `rustdocs.toml`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Note => "note",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }

    /// Parses a name as [`Severity::as_str`] writes it.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        [Self::Note, Self::Warning, Self::Error]
            .into_iter()
            .find(|s| s.as_str() == name)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary place a diagnostic refers to, with what it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// Byte span into the whole file.
    pub span: Span,
    /// What this place contributes (`the venue is in 北京市西城区`).
    pub message: String,
}

/// One finding of one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious it is, after configuration.
    pub severity: Severity,
    /// The rule's stable kebab-case code, one of [`RULES`].
    pub code: &'static str,
    /// What is wrong and what was expected, in plain language.
    pub message: String,
    /// The primary place, a byte span into the whole file.
    pub span: Span,
    /// A short note shown under the primary span.
    pub label: Option<String>,
    /// Other places that explain the finding.
    pub related: Vec<Related>,
}

/// Everything the rules look at for one document; the facade's `Analysis` provides each part.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The whole file.
    pub source: &'a str,
    /// The file's path, for path-relative checks (cover images, required keys by glob).
    pub path: Option<&'a Path>,
    /// The parsed front matter, if any.
    pub front_matter: Option<&'a FrontMatter>,
    /// Prose runs and sections of the body.
    pub document: &'a Document,
    /// Extracted entities, in source order.
    pub entities: &'a [Entity],
    /// The reference date relative expressions were resolved against, and its origin.
    pub reference: Option<Reference>,
    /// Countdowns (`倒计时3天`) with their span and day count.
    pub countdowns: &'a [(Span, u32)],
}

/// Runs every enabled rule over `input`, applies configuration and inline suppressions, and
/// returns the diagnostics sorted by position.
#[must_use]
pub fn validate(input: &Input, config: &Config) -> Vec<Diagnostic> {
    let ctx = context::Context::new(input, config);
    let mut found = rules::run_all(&ctx);
    found.retain_mut(|d| match config.severity(d.code) {
        Some(severity) => {
            d.severity = severity;
            true
        }
        None => false,
    });
    if found.is_empty() {
        // Nothing to silence: a clean document is not read again for comments (on a large
        // one that scan was a third of validation).
        return found;
    }
    let suppressions = suppress::Suppressions::scan(input.source);
    found.retain(|d| !suppressions.suppresses(d));
    for d in &mut found {
        clamp_spans(input.source, d);
    }
    found.sort_by(|a, b| {
        (a.span.start, a.span.end, a.code).cmp(&(b.span.start, b.span.end, b.code))
    });
    found.dedup();
    found
}

/// The diagnostic for front matter that does not parse, for callers whose analysis stopped
/// there. It carries the rule's default severity; pass it through [`Config::severity`] to
/// honour configuration.
#[must_use]
pub fn front_matter_syntax(err: &FrontMatterError) -> Diagnostic {
    Diagnostic {
        severity: rules::FRONT_MATTER_SYNTAX.default_severity,
        code: codes::FRONT_MATTER_SYNTAX,
        message: format!("front matter does not parse: {}", err.message),
        span: err.span,
        label: Some(describe_front_matter_fault(err.kind).to_owned()),
        related: Vec::new(),
    }
}

fn describe_front_matter_fault(kind: rustdocs_frontmatter::ErrorKind) -> &'static str {
    use rustdocs_frontmatter::ErrorKind as K;
    match kind {
        K::Unterminated => "the front matter never closes",
        K::Syntax => "syntax error here",
        K::DuplicateKey => "this key is already defined",
        K::NotAMapping => "front matter must be a mapping of keys to values",
        K::TooLarge => "front matter is too large",
        K::TooDeep => "nested too deeply",
        K::TooManyAliases => "too many aliases",
        _ => "here",
    }
}

/// Spans from other stages are trusted, but a renderer must never slice off a char boundary.
fn clamp_spans(source: &str, d: &mut Diagnostic) {
    let fix = |span: Span| {
        let start = rustdocs_span::floor_char_boundary(source, span.start.min(source.len()));
        let end = rustdocs_span::floor_char_boundary(source, span.end.min(source.len())).max(start);
        Span::new(start, end)
    };
    d.span = fix(d.span);
    for r in &mut d.related {
        r.span = fix(r.span);
    }
}
