//! `rustdocs.toml`: per-rule severity, required front-matter keys per glob, reference date.
//!
//! ```toml
//! reference-date = "2023-04-05"       # optional: resolve relative dates against this day
//!
//! [rules]
//! weekday-mismatch = "warning"        # "off" | "note" | "warning" | "error"
//! missing-cover-image = "off"
//!
//! [[require]]
//! glob = "events/**/*.md"             # relative to the directory of rustdocs.toml
//! keys = ["title", "date"]
//! ```

use std::borrow::Cow;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use jiff::civil::Date;
use regex::Regex;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::Severity;
use crate::rules::rule;

/// The file [`Config::discover`] looks for.
pub const FILE_NAME: &str = "rustdocs.toml";

/// Validation settings, usually read from `rustdocs.toml`; the default runs every rule at
/// its default severity and requires no keys.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Overrides by rule code; `None` turns the rule off.
    severities: Vec<(&'static str, Option<Severity>)>,
    require: Vec<Requirement>,
    reference_date: Option<Date>,
    /// The directory `rustdocs.toml` was found in; globs are relative to it.
    root: Option<PathBuf>,
}

/// One `[[require]]` table.
#[derive(Debug, Clone)]
struct Requirement {
    glob: String,
    pattern: Regex,
    keys: Vec<String>,
}

/// What kind of fault a [`ConfigError`] is.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigErrorKind {
    /// The file could not be read.
    Io,
    /// The file is not valid TOML.
    Syntax,
    /// A rule name under `[rules]` is not one of [`crate::RULES`].
    UnknownRule,
    /// A key rustdocs does not know.
    UnknownKey,
    /// A value of the wrong type or out of range.
    InvalidValue,
}

/// A `rustdocs.toml` that could not be read or understood, with where.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}: {message}", location(self.path.as_deref(), *.line, *.column))]
pub struct ConfigError {
    /// What kind of fault this is.
    pub kind: ConfigErrorKind,
    /// The configuration file, when it was read from one.
    pub path: Option<PathBuf>,
    /// 1-based line of the fault; 0 when the fault has no place (an unreadable file).
    pub line: usize,
    /// 1-based column of the fault in characters; 0 when the fault has no place.
    pub column: usize,
    /// What is wrong, in plain language.
    pub message: String,
}

fn location(path: Option<&Path>, line: usize, column: usize) -> String {
    let path = path.map_or_else(|| FILE_NAME.to_owned(), |p| p.display().to_string());
    if line == 0 {
        path
    } else {
        format!("{path}:{line}:{column}")
    }
}

impl Config {
    /// Parses the text of a `rustdocs.toml`. Globs are matched against paths as given until
    /// the configuration is tied to a directory by [`Config::discover`] or [`Config::load`].
    pub fn from_toml_str(s: &str) -> Result<Config, ConfigError> {
        let err = |kind, span: Range<usize>, message: String| {
            let (line, column) = line_column(s, span.start);
            ConfigError {
                kind,
                path: None,
                line,
                column,
                message,
            }
        };
        let table = DeTable::parse(s).map_err(|e| {
            err(
                ConfigErrorKind::Syntax,
                e.span().unwrap_or(0..0),
                e.message().trim_end().to_owned(),
            )
        })?;
        let mut config = Config::default();
        for (key, value) in table.get_ref() {
            match key.get_ref().as_ref() {
                "rules" => {
                    let DeValue::Table(rules) = value.get_ref() else {
                        return Err(err(
                            ConfigErrorKind::InvalidValue,
                            value.span(),
                            "`rules` must be a table".into(),
                        ));
                    };
                    for (name, level) in rules {
                        let Some(known) = rule(name.get_ref()) else {
                            return Err(err(
                                ConfigErrorKind::UnknownRule,
                                name.span(),
                                format!(
                                    "unknown rule `{}` (see docs/rules.md for the list)",
                                    name.get_ref()
                                ),
                            ));
                        };
                        let severity = match level.get_ref().as_str() {
                            Some("off") => None,
                            Some(other) if Severity::from_name(other).is_some() => {
                                Severity::from_name(other)
                            }
                            _ => {
                                return Err(err(
                                    ConfigErrorKind::InvalidValue,
                                    level.span(),
                                    format!(
                                        "`{}` must be \"off\", \"note\", \"warning\" or \"error\"",
                                        known.code
                                    ),
                                ));
                            }
                        };
                        config.set_severity(known.code, severity);
                    }
                }
                "require" => {
                    let DeValue::Array(items) = value.get_ref() else {
                        return Err(err(
                            ConfigErrorKind::InvalidValue,
                            value.span(),
                            "`require` must be an array of tables: [[require]]".into(),
                        ));
                    };
                    for item in items {
                        config
                            .require
                            .push(requirement(item).map_err(|(span, m)| {
                                err(ConfigErrorKind::InvalidValue, span, m)
                            })?);
                    }
                }
                "reference-date" => {
                    let text = match value.get_ref() {
                        DeValue::String(s) => Cow::Borrowed(s.as_ref()),
                        DeValue::Datetime(d) => Cow::Owned(d.to_string()),
                        _ => Cow::Borrowed(""),
                    };
                    let date = text.parse::<Date>().map_err(|_| {
                        err(
                            ConfigErrorKind::InvalidValue,
                            value.span(),
                            "`reference-date` must be a date such as \"2023-04-05\"".into(),
                        )
                    })?;
                    config.reference_date = Some(date);
                }
                other => {
                    return Err(err(
                        ConfigErrorKind::UnknownKey,
                        key.span(),
                        format!(
                            "unknown key `{other}` (expected `rules`, `require` or `reference-date`)"
                        ),
                    ));
                }
            }
        }
        Ok(config)
    }

    /// Reads and parses the configuration file at `path`; its globs are relative to the
    /// file's directory.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            kind: ConfigErrorKind::Io,
            path: Some(path.to_owned()),
            line: 0,
            column: 0,
            message: format!("cannot read: {e}"),
        })?;
        let mut config = Config::from_toml_str(&text).map_err(|e| ConfigError {
            path: Some(path.to_owned()),
            ..e
        })?;
        config.root = path.parent().map(Path::to_owned);
        Ok(config)
    }

    /// Finds `rustdocs.toml` in `start` (a file's directory, or a directory) or the nearest
    /// ancestor that has one, and loads it.
    pub fn discover(start: &Path) -> Result<Option<(PathBuf, Config)>, ConfigError> {
        let start = std::fs::canonicalize(start).unwrap_or_else(|_| start.to_owned());
        let first = if start.is_file() {
            start.parent().map(Path::to_owned)
        } else {
            Some(start)
        };
        let Some(first) = first else { return Ok(None) };
        for dir in first.ancestors() {
            let candidate = dir.join(FILE_NAME);
            if candidate.is_file() {
                let config = Config::load(&candidate)?;
                return Ok(Some((candidate, config)));
            }
        }
        Ok(None)
    }

    /// The reference date `rustdocs.toml` sets for relative expressions, if any.
    #[must_use]
    pub fn reference_date(&self) -> Option<Date> {
        self.reference_date
    }

    /// The severity rule `code` runs at under this configuration; `None` when it is off.
    #[must_use]
    pub fn severity(&self, code: &str) -> Option<Severity> {
        if let Some((_, s)) = self.severities.iter().find(|(c, _)| *c == code) {
            return *s;
        }
        rule(code).map(|r| r.default_severity)
    }

    /// Sets the severity of rule `code` (`None` turns it off); unknown codes are ignored.
    pub fn set_severity(&mut self, code: &str, severity: Option<Severity>) {
        let Some(known) = rule(code) else { return };
        self.severities.retain(|(c, _)| *c != known.code);
        self.severities.push((known.code, severity));
    }

    /// The directory globs are relative to, when the configuration came from a file.
    #[must_use]
    pub fn root(&self) -> Option<&Path> {
        self.root.as_deref()
    }

    /// Front-matter keys required for `path`, each with the glob that requires it.
    #[must_use]
    pub fn required_keys(&self, path: &Path) -> Vec<(&str, &str)> {
        if self.require.is_empty() {
            return Vec::new();
        }
        let candidates = self.relative_forms(path);
        let mut keys: Vec<(&str, &str)> = Vec::new();
        for req in &self.require {
            if candidates.iter().any(|p| req.pattern.is_match(p)) {
                for k in &req.keys {
                    if !keys.iter().any(|(_, have)| have == k) {
                        keys.push((req.glob.as_str(), k.as_str()));
                    }
                }
            }
        }
        keys
    }

    /// `path` as globs see it: relative to the root when it lies inside it, else as given.
    fn relative_forms(&self, path: &Path) -> Vec<String> {
        let mut forms = Vec::new();
        if let Some(root) = &self.root {
            let absolute = std::fs::canonicalize(path).ok();
            for p in [Some(path), absolute.as_deref()].into_iter().flatten() {
                if let Ok(rel) = p.strip_prefix(root) {
                    forms.push(slash_path(rel));
                }
            }
        }
        forms.push(slash_path(path));
        forms
    }
}

/// A path with `/` separators and no `.` components, as globs are written.
fn slash_path(p: &Path) -> String {
    p.components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            Component::ParentDir => Some("..".to_owned()),
            Component::RootDir => Some(String::new()),
            Component::CurDir | Component::Prefix(_) => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn requirement(item: &Spanned<DeValue>) -> Result<Requirement, (Range<usize>, String)> {
    let DeValue::Table(t) = item.get_ref() else {
        return Err((
            item.span(),
            "each [[require]] must be a table with `glob` and `keys`".into(),
        ));
    };
    let mut glob = None;
    let mut keys = None;
    for (k, v) in t {
        match k.get_ref().as_ref() {
            "glob" => match v.get_ref() {
                DeValue::String(s) => glob = Some(s.to_string()),
                _ => {
                    return Err((
                        v.span(),
                        "`glob` must be a string such as \"events/**/*.md\"".into(),
                    ));
                }
            },
            "keys" => {
                let DeValue::Array(a) = v.get_ref() else {
                    return Err((v.span(), "`keys` must be an array of strings".into()));
                };
                let mut list = Vec::new();
                for x in a {
                    match x.get_ref() {
                        DeValue::String(s) => list.push(s.to_string()),
                        _ => return Err((x.span(), "`keys` must be an array of strings".into())),
                    }
                }
                keys = Some(list);
            }
            other => {
                return Err((
                    k.span(),
                    format!("unknown key `{other}` in [[require]] (expected `glob` and `keys`)"),
                ));
            }
        }
    }
    let (Some(glob), Some(keys)) = (glob, keys) else {
        return Err((
            item.span(),
            "[[require]] needs both `glob` and `keys`".into(),
        ));
    };
    let pattern = glob_regex(&glob).map_err(|m| (item.span(), m))?;
    Ok(Requirement {
        glob,
        pattern,
        keys,
    })
}

/// Compiles a glob (`*` within a path segment, `**` across segments, `?` one character) to
/// an anchored regex, once per configuration.
fn glob_regex(glob: &str) -> Result<Regex, String> {
    let mut re = String::from("^");
    let mut chars = glob.trim_start_matches("./").chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
                if chars.peek() == Some(&'/') {
                    chars.next();
                    re.push_str("(?:.*/)?");
                } else {
                    re.push_str(".*");
                }
            }
            '*' => re.push_str("[^/]*"),
            '?' => re.push_str("[^/]"),
            c => re.push_str(&regex::escape(c.encode_utf8(&mut [0; 4]))),
        }
    }
    re.push('$');
    Regex::new(&re).map_err(|e| format!("glob `{glob}` cannot be compiled: {e}"))
}

/// 1-based line and character column of a byte offset.
fn line_column(s: &str, offset: usize) -> (usize, usize) {
    let offset = rustdocs_span::floor_char_boundary(s, offset.min(s.len()));
    let before = &s[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(glob: &str, path: &str) -> bool {
        glob_regex(glob).unwrap().is_match(path)
    }

    #[test]
    fn globs() {
        assert!(matches("events/**/*.md", "events/2023/meetup.md"));
        assert!(matches("events/**/*.md", "events/meetup.md"));
        assert!(matches("events/**/*.md", "events/a/b/c/index.md"));
        assert!(!matches("events/**/*.md", "blog/events/meetup.md"));
        assert!(!matches("events/*.md", "events/2023/meetup.md"));
        assert!(matches("**/*.md", "a/b.md"));
        assert!(matches("**/*.md", "b.md"));
        assert!(matches("events/202?/*.md", "events/2023/x.md"));
        assert!(!matches("events/202?/*.md", "events/20234/x.md"));
        assert!(matches("./docs/*.md", "docs/a.md"));
        assert!(!matches("a.md", "xa.md"));
        assert!(matches("活动/*.md", "活动/北京.md"));
        assert!(matches("[x].md", "[x].md"));
    }

    #[test]
    fn parses_a_full_config() {
        let c = Config::from_toml_str(
            "reference-date = \"2023-04-05\"\n[rules]\nweekday-mismatch = \"warning\"\nmissing-cover-image = \"off\"\n\n[[require]]\nglob = \"events/**/*.md\"\nkeys = [\"title\", \"date\"]\n",
        )
        .unwrap();
        assert_eq!(c.reference_date(), Some(jiff::civil::date(2023, 4, 5)));
        assert_eq!(c.severity("weekday-mismatch"), Some(Severity::Warning));
        assert_eq!(c.severity("missing-cover-image"), None);
        assert_eq!(c.severity("location-mismatch"), Some(Severity::Warning));
        assert_eq!(c.severity("invalid-date"), Some(Severity::Error));
        assert_eq!(c.severity("no-such-rule"), None);
        let keys = c.required_keys(Path::new("events/2023/a.md"));
        assert_eq!(
            keys,
            [("events/**/*.md", "title"), ("events/**/*.md", "date")]
        );
        assert!(c.required_keys(Path::new("blog/a.md")).is_empty());
    }

    #[test]
    fn native_toml_dates_work_too() {
        let c = Config::from_toml_str("reference-date = 2023-04-05\n").unwrap();
        assert_eq!(c.reference_date(), Some(jiff::civil::date(2023, 4, 5)));
    }

    #[test]
    fn errors_name_the_line() {
        let e = Config::from_toml_str(
            "[rules]\nweekday-mismatch = \"off\"\nweekday-mismatc = \"off\"\n",
        )
        .unwrap_err();
        assert_eq!(e.kind, ConfigErrorKind::UnknownRule);
        assert_eq!((e.line, e.column), (3, 1));
        assert!(
            e.to_string()
                .starts_with("rustdocs.toml:3:1: unknown rule `weekday-mismatc`"),
            "{e}"
        );

        let e = Config::from_toml_str("[rules]\ninvalid-date = \"fatal\"\n").unwrap_err();
        assert_eq!((e.kind, e.line), (ConfigErrorKind::InvalidValue, 2));
        let e = Config::from_toml_str("reference_date = \"2023-04-05\"\n").unwrap_err();
        assert_eq!((e.kind, e.line), (ConfigErrorKind::UnknownKey, 1));
        let e = Config::from_toml_str("reference-date = \"2023-02-30\"\n").unwrap_err();
        assert_eq!(e.kind, ConfigErrorKind::InvalidValue);
        let e = Config::from_toml_str("\n\n[rules\n").unwrap_err();
        assert_eq!((e.kind, e.line), (ConfigErrorKind::Syntax, 3));
        let e = Config::from_toml_str("[[require]]\nglob = \"a/*.md\"\n").unwrap_err();
        assert_eq!((e.kind, e.line), (ConfigErrorKind::InvalidValue, 1));
        let e = Config::from_toml_str("[[require]]\nglob = \"a/*.md\"\nkeys = [1]\n").unwrap_err();
        assert_eq!((e.kind, e.line), (ConfigErrorKind::InvalidValue, 3));
    }

    #[test]
    fn discover_walks_up_and_globs_are_relative_to_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("events/2023")).unwrap();
        std::fs::write(
            root.join(FILE_NAME),
            "[[require]]\nglob = \"events/**/*.md\"\nkeys = [\"date\"]\n",
        )
        .unwrap();
        let page = root.join("events/2023/meetup.md");
        std::fs::write(&page, "# hi\n").unwrap();
        let (found, config) = Config::discover(&page).unwrap().unwrap();
        assert_eq!(found, std::fs::canonicalize(root.join(FILE_NAME)).unwrap());
        assert_eq!(config.required_keys(&page).len(), 1);
        assert_eq!(
            config
                .required_keys(&std::fs::canonicalize(&page).unwrap())
                .len(),
            1
        );
        assert!(config.required_keys(&root.join("blog/x.md")).is_empty());

        std::fs::write(root.join(FILE_NAME), "[rules]\nnope = \"off\"\n").unwrap();
        let e = Config::discover(&root.join("events")).unwrap_err();
        assert_eq!(
            e.path.as_deref(),
            Some(
                std::fs::canonicalize(root.join(FILE_NAME))
                    .unwrap()
                    .as_path()
            )
        );
        assert!(e.to_string().contains(":2:1: unknown rule `nope`"), "{e}");
    }
}
