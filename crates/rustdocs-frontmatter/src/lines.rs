//! Line splitting that keeps byte offsets, and the fenced-block finder for `---` and `+++`.

use rustdocs_span::Span;

/// Byte length of a leading UTF-8 byte-order mark.
pub(crate) fn bom_len(source: &str) -> usize {
    if source.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    }
}

/// One line of the source: its text without the line ending, and where the next line starts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    /// Byte offset of the first character.
    pub(crate) start: usize,
    /// The text without `\n` or `\r\n`.
    pub(crate) text: &'a str,
    /// Byte offset just past the line ending (the next line's start).
    pub(crate) end: usize,
}

/// The line starting at `start`.
pub(crate) fn first_line(source: &str, start: usize) -> Line<'_> {
    let rest = source.get(start..).unwrap_or("");
    let (text, end) = match rest.find('\n') {
        Some(nl) => (&rest[..nl], start + nl + 1),
        None => (rest, source.len()),
    };
    Line {
        start,
        text: text.strip_suffix('\r').unwrap_or(text),
        end,
    }
}

/// The lines of `source` from byte `start` (a line start) up to `end`.
pub(crate) fn lines_in(source: &str, start: usize, end: usize) -> impl Iterator<Item = Line<'_>> {
    let region = source.get(..end).unwrap_or(source);
    let mut at = start;
    std::iter::from_fn(move || {
        if at >= region.len() {
            return None;
        }
        let line = first_line(region, at);
        at = line.end;
        Some(line)
    })
}

/// `s` without trailing spaces and tabs.
pub(crate) fn trim_trailing_blanks(s: &str) -> &str {
    s.trim_end_matches([' ', '\t'])
}

/// A fenced block: the whole block and the content between its delimiter lines.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fenced {
    /// From the opening delimiter through the closing delimiter's line ending.
    pub(crate) span: Span,
    /// The lines between the delimiters.
    pub(crate) content: Span,
    /// The opening delimiter itself, for errors about the block as a whole.
    pub(crate) opener: Span,
}

/// Finds the block opened by the delimiter line at `start` and closed by a line that is one of
/// `closers`. `Err` carries the opening delimiter's span when no closing line exists.
pub(crate) fn fenced(source: &str, start: usize, closers: &[&str]) -> Result<Fenced, Span> {
    let open = first_line(source, start);
    let opener = Span::new(
        open.start,
        open.start + trim_trailing_blanks(open.text).len(),
    );
    if open.end == source.len() && !source[open.start..].ends_with('\n') {
        return Err(opener);
    }
    for line in lines_in(source, open.end, source.len()) {
        if closers.contains(&trim_trailing_blanks(line.text)) {
            return Ok(Fenced {
                span: Span::new(open.start, line.end),
                content: Span::new(open.end, line.start),
                opener,
            });
        }
    }
    Err(opener)
}
