//! The error type: what went wrong and where in the whole file.

use rustdocs_span::Span;

/// Front matter that could not be parsed, with the place of the fault in the whole file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct FrontMatterError {
    /// What kind of fault this is.
    pub kind: ErrorKind,
    /// What is wrong, in plain language.
    pub message: String,
    /// The bytes of the whole file the fault points at (may be empty at end of input).
    pub span: Span,
    /// 1-based line of `span.start` in the whole file.
    pub line: usize,
    /// 1-based column of `span.start`, counted in characters.
    pub column: usize,
}

/// The kinds of front-matter faults.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The opening delimiter has no closing delimiter (or a JSON object never closes).
    Unterminated,
    /// The YAML, TOML or JSON inside the block does not parse.
    Syntax,
    /// A key occurs twice in the same mapping.
    DuplicateKey,
    /// The block parses, but its root is a list or a scalar rather than a mapping.
    NotAMapping,
    /// The block is larger than [`Limits::max_bytes`](crate::Limits::max_bytes) or exhausts a
    /// parser budget.
    TooLarge,
    /// Mappings and sequences nest deeper than [`Limits::max_depth`](crate::Limits::max_depth).
    TooDeep,
    /// YAML aliases are used or expanded more than
    /// [`Limits::max_aliases`](crate::Limits::max_aliases) allows.
    TooManyAliases,
}

impl ErrorKind {
    /// A stable kebab-case code for the kind, for machine-readable output.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            ErrorKind::Unterminated => "unterminated",
            ErrorKind::Syntax => "syntax",
            ErrorKind::DuplicateKey => "duplicate-key",
            ErrorKind::NotAMapping => "not-a-mapping",
            ErrorKind::TooLarge => "too-large",
            ErrorKind::TooDeep => "too-deep",
            ErrorKind::TooManyAliases => "too-many-aliases",
        }
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}
