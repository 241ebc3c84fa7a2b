//! rustdocs turns Chinese technical Markdown into structured, validated data.
//!
//! [`analyze`] runs the whole pipeline over one file: it parses the front matter
//! (`rustdocs-frontmatter`), walks the Markdown body into prose runs and a section tree
//! (`rustdocs-document`), and extracts datetimes, venues, lines-of-code figures and releases
//! (`rustdocs-extract`). Every entity carries the exact source slice it came from and a span
//! of byte offsets into the whole file, with 1-based line and character column.
//!
//! ```
//! use rustdocs::{analyze, EntityKind, Options};
//!
//! let source = "---\ntitle: 北京 Meetup\ndate: 2023-04-05\n---\n\n**时间：** 本周六下午 14:00\n";
//! let analysis = analyze(source, &Options::default()).unwrap();
//! assert_eq!(analysis.front_matter.as_ref().unwrap().data["title"], "北京 Meetup");
//! let dates: Vec<_> = analysis.entities.iter().filter(|e| e.kind == EntityKind::Datetime).collect();
//! assert!(!dates.is_empty());
//! assert_eq!(&source[dates[0].span.start..dates[0].span.end], dates[0].text);
//! let json = analysis.to_json();
//! assert_eq!(json["front_matter"]["format"], "yaml");
//! ```
#![forbid(unsafe_code)]

mod output;
mod reference;

use std::borrow::Cow;

use jiff::civil::Date;
use rustdocs_document::{Document, ProseRun, RunKind};
use rustdocs_span::LineIndex;

pub use rustdocs_datetime as datetime;
pub use rustdocs_document as document;
pub use rustdocs_extract::{
    Datetime, Entity, EntityKind, EntityValue, Kinds, Loc, Reference, ReferenceSource, Release,
    Venue,
};
pub use rustdocs_frontmatter::{
    ErrorKind as FrontMatterErrorKind, FrontMatter, FrontMatterError, Limits,
};
pub use rustdocs_loc as loc;
pub use rustdocs_span::{Position, Span};
pub use rustdocs_validate as validate;
pub use rustdocs_validate::{Config, ConfigError, Diagnostic, Related, Severity};
pub use rustdocs_venue as venue;

/// How to analyze a document.
#[derive(Debug, Clone)]
pub struct Options {
    /// The day relative expressions resolve against; when `None` the front matter's `date`,
    /// then a date in `path`, then a countdown in the text are tried, never the clock.
    pub reference_date: Option<Date>,
    /// The file's path, reported in output and used for a path date (`2023-04-05-meetup/`).
    pub path: Option<String>,
    /// Which entity kinds to extract.
    pub kinds: Kinds,
    /// Limits on front-matter size, depth and aliases.
    pub limits: Limits,
    /// Largest document accepted, in bytes.
    pub max_bytes: usize,
    /// Validation rules and their severities (`rustdocs.toml`); `None` runs no validation.
    pub config: Option<std::sync::Arc<Config>>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            reference_date: None,
            path: None,
            kinds: Kinds::default(),
            limits: Limits::default(),
            max_bytes: DEFAULT_MAX_BYTES,
            config: Some(std::sync::Arc::new(Config::default())),
        }
    }
}

/// Default for [`Options::max_bytes`]: far above any real page, low enough to refuse a
/// runaway input before it costs memory.
pub const DEFAULT_MAX_BYTES: usize = 64 * 1024 * 1024;

/// Why a document could not be analyzed.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The front matter does not parse; carries line and column in the file.
    #[error("front matter: {0}")]
    FrontMatter(#[from] FrontMatterError),
    /// The document exceeds [`Options::max_bytes`].
    #[error("document is {size} bytes, more than the limit of {limit} bytes")]
    TooLarge {
        /// Size of the document.
        size: usize,
        /// The configured limit.
        limit: usize,
    },
}

/// Everything rustdocs knows about one document.
///
/// It borrows the source it was made from ([`analyze`]) or owns it ([`analyze_owned`]);
/// [`Analysis::into_owned`] turns the first into the second.
#[derive(Debug, Clone)]
pub struct Analysis<'a> {
    /// The path given in [`Options::path`].
    pub path: Option<String>,
    /// The parsed front matter, if the document has one.
    pub front_matter: Option<FrontMatter>,
    /// Prose runs and the section tree of the body.
    pub document: Document,
    /// Extracted entities, sorted by position.
    pub entities: Vec<Entity>,
    /// The reference date relative expressions were resolved against.
    pub reference: Option<Reference>,
    /// Countdowns (`倒计时3天`) with their span and day count.
    pub countdowns: Vec<(Span, u32)>,
    /// What the validator found, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    source: Cow<'a, str>,
    line_index: LineIndex,
}

impl Analysis<'_> {
    /// The analyzed source text.
    #[must_use]
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The same analysis owning its source, to keep past the text it borrowed: a borrowed
    /// source is copied, an owned one moved.
    ///
    /// ```
    /// let options = rustdocs::Options::default();
    /// let kept = {
    ///     let text = String::from("2021 年 4 月，TiKV 发布 5.0 版本。\n");
    ///     rustdocs::analyze(&text, &options).unwrap().into_owned()
    /// };
    /// assert_eq!(kept.source(), "2021 年 4 月，TiKV 发布 5.0 版本。\n");
    /// assert_eq!(kept.entities[0].text, "2021 年 4 月");
    /// ```
    #[must_use]
    pub fn into_owned(self) -> Analysis<'static> {
        Analysis {
            source: Cow::Owned(self.source.into_owned()),
            path: self.path,
            front_matter: self.front_matter,
            document: self.document,
            entities: self.entities,
            reference: self.reference,
            countdowns: self.countdowns,
            diagnostics: self.diagnostics,
            line_index: self.line_index,
        }
    }

    /// The line index of the source, for turning spans into positions.
    #[must_use]
    pub fn line_index(&self) -> &LineIndex {
        &self.line_index
    }

    /// Line and column of a byte offset.
    #[must_use]
    pub fn position(&self, offset: usize) -> Position {
        self.line_index.position(&self.source, offset)
    }

    /// Heading titles from the outermost to `section`.
    #[must_use]
    pub fn section_path(&self, section: Option<usize>) -> Vec<&str> {
        self.document.section_path(section)
    }

    /// Entities of one kind.
    pub fn entities_of(&self, kind: EntityKind) -> impl Iterator<Item = &Entity> {
        self.entities.iter().filter(move |e| e.kind == kind)
    }
}

/// Front-matter keys that hold metadata, not prose: paths, links, dates, taxonomy.
const NON_PROSE_KEYS: [&str; 22] = [
    "cover",
    "image",
    "images",
    "thumbnail",
    "url",
    "link",
    "slug",
    "aliases",
    "path",
    "permalink",
    "layout",
    "type",
    "draft",
    "weight",
    "tags",
    "categories",
    "keywords",
    "date",
    "lastmod",
    "pub_date",
    "location",
    "author",
];

/// Where a byte sequence stops being UTF-8, for an error that says where.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("invalid UTF-8 at byte {offset} (line {line}, column {column})")]
pub struct InvalidUtf8 {
    /// Offset of the first byte that is not UTF-8.
    pub offset: usize,
    /// 1-based line of that byte.
    pub line: usize,
    /// 1-based character column of that byte.
    pub column: usize,
}

/// Decodes a document read as bytes, naming the first invalid byte's offset, line and column.
pub fn decode_utf8(bytes: Vec<u8>) -> Result<String, InvalidUtf8> {
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        // Everything before `offset` is valid, so it can be indexed as text.
        let valid = std::str::from_utf8(&e.as_bytes()[..offset]).unwrap_or_default();
        let index = LineIndex::new(valid);
        let Position { line, column } = index.position(valid, offset);
        InvalidUtf8 {
            offset,
            line,
            column,
        }
    })
}

/// Analyzes one Markdown document; the analysis borrows `source` (see [`analyze_owned`] and
/// [`Analysis::into_owned`] for one that owns it).
pub fn analyze<'a>(source: &'a str, options: &Options) -> Result<Analysis<'a>, Error> {
    analyze_cow(Cow::Borrowed(source), options)
}

/// Analyzes one Markdown document, keeping `source` in the [`Analysis`].
///
/// The same as [`analyze`], for callers that read the file into a `String` anyway (the CLI)
/// and keep the analysis longer than they would keep a borrow of it.
///
/// ```
/// let text = "# 报告\n\n2021 年 4 月，TiKV 发布 5.0 版本，代码大约 30 万行。\n".to_owned();
/// let options = rustdocs::Options::default();
/// let borrowed = rustdocs::analyze(&text, &options).unwrap().to_json();
/// let owned = rustdocs::analyze_owned(text.clone(), &options).unwrap();
/// assert_eq!(owned.to_json(), borrowed);
/// assert_eq!(owned.source(), text);
/// ```
pub fn analyze_owned(source: String, options: &Options) -> Result<Analysis<'static>, Error> {
    analyze_cow(Cow::Owned(source), options)
}

fn analyze_cow<'a>(text: Cow<'a, str>, options: &Options) -> Result<Analysis<'a>, Error> {
    let source: &str = &text;
    if source.len() > options.max_bytes {
        return Err(Error::TooLarge {
            size: source.len(),
            limit: options.max_bytes,
        });
    }
    let front_matter = rustdocs_frontmatter::parse_with_limits(source, &options.limits)?;
    let body_start = front_matter.as_ref().map_or(0, |fm| fm.body_start);
    // The walk and the recognizers that need no other run overlap on a large body, and the
    // line index is made beside them rather than after.
    let walk = || rustdocs_extract::walk_and_recognize(source, body_start, options.kinds);
    let ((document, found), line_index) = if source.len() >= INDEX_BESIDE_ABOVE {
        rayon::join(walk, || LineIndex::new(source))
    } else {
        (walk(), LineIndex::new(source))
    };
    let front_runs = front_matter
        .as_ref()
        .map(|fm| front_matter_runs(source, fm))
        .unwrap_or_default();

    let reference = reference::determine(options, front_matter.as_ref());
    let extract_options = rustdocs_extract::Options {
        reference,
        kinds: options.kinds,
    };
    let extraction = rustdocs_extract::extract_found(
        source,
        &line_index,
        &document,
        &front_runs,
        found,
        &extract_options,
    );

    let diagnostics = options.config.as_deref().map_or_else(Vec::new, |config| {
        let input = rustdocs_validate::Input {
            source,
            path: options.path.as_deref().map(std::path::Path::new),
            front_matter: front_matter.as_ref(),
            document: &document,
            entities: &extraction.entities,
            reference: extraction.reference,
            countdowns: &extraction.countdowns,
        };
        rustdocs_validate::validate(&input, config)
    });

    Ok(Analysis {
        path: options.path.clone(),
        front_matter,
        document,
        entities: extraction.entities,
        reference: extraction.reference,
        countdowns: extraction.countdowns,
        diagnostics,
        line_index,
        source: text,
    })
}

/// Sources from this size up get their line index made on the pool beside the
/// walk: on a small one, handing a task to the pool and waiting for it costs more than that.
const INDEX_BESIDE_ABOVE: usize = 512 * 1024;

/// String values of the front matter that are prose (title, label, description…) and appear
/// verbatim in the source, so entities found there point at exact bytes.
fn front_matter_runs(source: &str, fm: &FrontMatter) -> Vec<ProseRun> {
    fm.entries
        .iter()
        .filter(|e| {
            !NON_PROSE_KEYS
                .iter()
                .any(|k| k.eq_ignore_ascii_case(&e.key))
                && !is_date_key(&e.key)
        })
        .filter_map(|e| {
            let span = e.text_span?;
            Some(ProseRun::verbatim(
                RunKind::FrontMatter,
                Some(e.key.clone()),
                source,
                span,
                None,
            ))
        })
        .collect()
}

/// Keys such as `publishDate` or `expiryDate` are dates, not prose.
fn is_date_key(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    lower.ends_with("date") || lower.ends_with("_at") || lower == "time"
}
