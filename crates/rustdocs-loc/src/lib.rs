//! Lines-of-code figures and software release statements in Chinese report prose,
//! attributed to the project they are about.
//!
//! Industry reports state each project's size (`代码量大约 18 万行 Rust 代码`) and its release
//! timeline (`2020-09-23，发布 0.1.0 版本`, `目前版本为 1.6.342`). This crate reads one prose
//! run at a time (a paragraph, list item, table cell or heading, emphasis already removed)
//! together with its [`Context`]: the enclosing headings, which name the section's project,
//! and the datetimes another recognizer found in the same text.
//!
//! ```
//! use rustdocs_loc::{recognize_loc, recognize_releases, Bound, Context, DateRef};
//!
//! let ctx = Context { heading_path: vec!["数据服务", "TiKV（国内/开源/分布式数据库）"], ..Context::default() };
//! let found = recognize_loc("TiKV 项目 包含 Rust 代码行数大约 30 万行（包含测试代码）。", &ctx);
//! let loc = &found[0].1;
//! assert_eq!((loc.subject.as_deref(), loc.lines, loc.bound), (Some("TiKV"), 300_000, Bound::About));
//! assert_eq!(loc.language.as_deref(), Some("Rust"));
//! assert!(loc.includes_tests);
//!
//! let text = "2017 年 10 月 16 日，TiDB 发布 GA 版（TiDB 1.0）， TiKV 发布 1.0 。";
//! let date = DateRef { range: 0..text.find('，').unwrap(), start: Some("2017-10-16".into()) };
//! let ctx = Context { dates: vec![date], ..ctx };
//! let releases = recognize_releases(text, &ctx);
//! let got: Vec<_> = releases.iter().map(|(_, r)| (r.subject.as_deref(), r.version.as_deref())).collect();
//! assert_eq!(got, [(Some("TiDB"), Some("1.0")), (Some("TiKV"), Some("1.0"))]);
//! assert_eq!(releases[1].1.date.as_deref(), Some("2017-10-16"));
//! ```
//!
//! Ranges are byte ranges into the text given, always on character boundaries. Scanning is
//! linear in the text: every pattern is compiled once, and each match is examined within
//! its own sentence.
#![forbid(unsafe_code)]

mod loc;
mod release;
mod subject;
mod text;

use std::ops::Range;

pub use loc::{UNIT_CHAR, UNIT_LETTERS, recognize_loc};
pub use release::{may_hold_release, parse_version, recognize_releases};
pub use subject::subject_from_heading;

/// A datetime mention in the same text, found and resolved by the datetime recognizer.
#[derive(Debug, Clone)]
pub struct DateRef {
    /// Byte range of the mention in the text.
    pub range: Range<usize>,
    /// The resolved ISO-8601 prefix (`2019-03-22`, `2016-04`, `2010`), or `None` if unresolved.
    pub start: Option<String>,
}

/// What the recognizers know about the text beyond the text itself.
#[derive(Debug, Clone, Default)]
pub struct Context<'a> {
    /// Titles of the enclosing headings, outermost first; empty before the first heading.
    pub heading_path: Vec<&'a str>,
    /// Datetime mentions in this text, sorted by position.
    pub dates: Vec<DateRef>,
}

/// A lines-of-code figure.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Loc {
    /// The project the figure measures, if known.
    pub subject: Option<String>,
    /// Other names the text uses for the subject.
    pub aliases: Vec<String>,
    /// The number of lines.
    pub lines: u64,
    /// How the text qualifies the number.
    pub bound: Bound,
    /// The programming language counted, where named.
    pub language: Option<String>,
    /// Whether the text says test (or generated) code is counted.
    pub includes_tests: bool,
}

/// How a figure is qualified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// No qualifier: `54000 行`.
    Exact,
    /// 大约 / 约 / 左右 / 据说: `大约 30 万行`.
    About,
    /// 多 / 余 / 以上 after the number: `54000 多行`.
    AtLeast,
    /// 超过 / 逾 / 已超 before the number: `超过 55 万行`.
    Over,
}

/// A statement that a project put out a version (or its first public release).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Release {
    /// The project released, if known.
    pub subject: Option<String>,
    /// Other names the text uses for the subject.
    pub aliases: Vec<String>,
    /// The release date as the datetime recognizer resolved it, if the text dates it.
    pub date: Option<String>,
    /// The version as written without a leading `v`/`V`; `None` for an unnumbered first release.
    pub version: Option<String>,
    /// [`parse_version`] of `version`, for ordering releases.
    pub version_key: Option<Vec<u64>>,
    /// Whether the text states this as the current version (目前 / 现在 …).
    pub current: bool,
}
