//! Cutting a body into pieces that each walk alone exactly as they walk within the whole.
//!
//! A cut goes before an ATX heading (`# `) at the start of a line that follows a blank line.
//! Whatever was open there, the whole walk has closed it, with two exceptions: a fenced code
//! block and an HTML block of the kinds that run past blank lines (`<pre>`, `<!--`) keep
//! going, and the heading is their text. A piece whose walk ends inside such a block says so
//! ([`Piece::ends_open`]) and [`settle`] walks it again together with what follows.
//! Link reference definitions reach across the whole document: [`walk_all`] walks each
//! piece knowing the labels every piece defines, so a reference link resolves in a piece
//! exactly when it resolves in the whole. Footnotes have no such hook (pulldown-cmark reads
//! `[^1]` as a reference only when the note is defined somewhere), so a body that may hold
//! a footnote definition, one with both `[^` and `]:`, is not cut at all.
//!
//! ```
//! use rustdocs_document::{assemble, cuts, parse, settle, walk_piece};
//!
//! let source = "# 一\n\n2021 年\n\n## 二\n\n```\n\n# 仍是代码\n```\n\n# 三\n\n结束\n";
//! let ranges = cuts(source, 0, 8);
//! assert_eq!(ranges.len(), 4);
//! let walked = ranges.into_iter().map(|r| (walk_piece(source, r), ())).collect();
//! let settled = settle(walked, |r| (walk_piece(source, r), ()));
//! // The piece that starts at `# 仍是代码` is code: it was walked again with the one before.
//! assert_eq!(settled.len(), 3);
//! let doc = assemble(settled.into_iter().map(|(p, ())| p));
//! let whole = parse(source, 0);
//! assert_eq!(doc.sections, whole.sections);
//! assert_eq!(doc.runs.len(), whole.runs.len());
//! ```

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{Parser, RefDefs};
use rayon::prelude::*;
use unicase::UniCase;

use crate::flat::Tagged;
use crate::{Document, OPTIONS, ProseRun, Section, body_range, link_parents, walk_range_at_once};

/// A stretch of the body walked as a document of its own.
#[derive(Debug, Clone, Default)]
pub struct Piece {
    /// The source range walked.
    pub range: Range<usize>,
    /// Its prose runs; their section indices count from the piece's first heading.
    pub runs: Vec<ProseRun>,
    /// Its headings, parents unset (they may lie in earlier pieces).
    pub sections: Vec<Section>,
    /// Whether the walk ended inside a block the text after the piece could continue.
    ends_open: bool,
    /// The link reference labels the piece defines, with their expansion costs.
    defined: Vec<(String, usize)>,
}

impl Piece {
    /// Whether the walk ended inside a fenced code block or an HTML block that reaches the
    /// end of the piece, which the next piece's first lines may belong to.
    #[must_use]
    pub fn ends_open(&self) -> bool {
        self.ends_open
    }
}

/// Source ranges covering the body of `source` after `body_start` (as [`crate::parse`]
/// reads it), each about `about` bytes or more, cut only where a line starts an ATX heading
/// after a blank line.
///
/// One range when the body is under twice `about`, has no such line, or holds both `[^`
/// and `]:` (a footnote definition, which text anywhere may use).
#[must_use]
pub fn cuts(source: &str, body_start: usize, about: usize) -> Vec<Range<usize>> {
    cut(source, body_start, about).ranges
}

/// The ranges [`cuts`] gives, with what finding them learned about the body: whether it
/// holds `]:` at all, without which no line defines a link and [`walk_cut`] need not look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cuts {
    /// The ranges, as [`cuts`] gives them.
    pub ranges: Vec<Range<usize>>,
    /// Whether the body may hold `]:` (`true` where it was not looked for).
    may_hold_definitions: bool,
}

/// [`cuts`], keeping whether the body holds `]:` so that [`walk_cut`] does not read the
/// whole body for it again (a pass over 20 MB took about 2 ms).
#[must_use]
pub fn cut(source: &str, body_start: usize, about: usize) -> Cuts {
    let body = body_range(source, body_start);
    let about = about.max(1);
    let bytes = source.as_bytes();
    let text = &bytes[body.clone()];
    let whole = |may_hold_definitions| Cuts {
        ranges: vec![body.clone()],
        may_hold_definitions,
    };
    if body.len() < about.saturating_mul(2) {
        return whole(true);
    }
    let may_hold_definitions = memchr::memmem::find(text, b"]:").is_some();
    if may_hold_definitions && memchr::memmem::find(text, b"[^").is_some() {
        return whole(true);
    }
    let line_hash = memchr::memmem::Finder::new(b"\n#");
    let mut ranges = Vec::new();
    let mut start = body.start;
    let mut from = body.start + about;
    while from < body.end {
        let Some(found) = line_hash.find(&bytes[from..body.end]) else {
            break;
        };
        let at = from + found + 1;
        if starts_heading(&bytes[at..body.end]) && follows_blank_line(&bytes[body.start..at]) {
            ranges.push(start..at);
            start = at;
            from = at + about;
        } else {
            from = at;
        }
    }
    ranges.push(start..body.end);
    Cuts {
        ranges,
        may_hold_definitions,
    }
}

/// Whether `line` opens with an ATX heading marker: one to six `#` and then a space, a tab
/// or the end of the line.
fn starts_heading(line: &[u8]) -> bool {
    let hashes = line.iter().take_while(|&&b| b == b'#').count();
    (1..=6).contains(&hashes)
        && matches!(line.get(hashes), None | Some(b' ' | b'\t' | b'\r' | b'\n'))
}

/// Whether `before`, which ends with a line feed, ends with a whole blank line: spaces and
/// tabs only, after a line feed, with CRLF allowed.
fn follows_blank_line(before: &[u8]) -> bool {
    let Some((b'\n', rest)) = before.split_last() else {
        return false;
    };
    let rest = rest.strip_suffix(b"\r").unwrap_or(rest);
    let blank = rest
        .iter()
        .rev()
        .take_while(|&&b| matches!(b, b' ' | b'\t'))
        .count();
    rest[..rest.len() - blank].ends_with(b"\n")
}

/// Walks `source[range]` as a Markdown document of its own; offsets are into `source`.
#[must_use]
pub fn walk_piece(source: &str, range: Range<usize>) -> Piece {
    walk_piece_knowing(source, range, None)
}

/// [`walk_piece`], with reference links to the labels `known` holds read as links: the
/// labels that other pieces of the body define.
#[must_use]
pub fn walk_piece_knowing(source: &str, range: Range<usize>, known: Option<&Definitions>) -> Piece {
    let (runs, walked) = walk_range_at_once(source, range.clone(), known);
    Piece {
        range,
        runs,
        sections: walked.sections,
        ends_open: walked.ends_open,
        defined: walked.defined,
    }
}

/// The link reference labels a body defines, compared as pulldown-cmark compares them
/// (Unicode case folding), and the most one expansion of a definition costs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Definitions {
    labels: HashSet<UniCase<String>>,
    /// Bytes of the longest destination and title together: pulldown-cmark stops expanding
    /// reference links once their destinations and titles exceed the text's length (or
    /// 100 000 bytes), a limit a piece reaches sooner than the whole.
    longest: usize,
}

impl Definitions {
    /// Whether `label` (as pulldown-cmark hands a broken link's label over) is defined.
    #[must_use]
    pub fn contains(&self, label: &str) -> bool {
        self.labels.contains(&UniCase::new(label.to_owned()))
    }

    /// Whether no label is defined.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    fn add(&mut self, defined: &[(String, usize)]) {
        for (label, cost) in defined {
            self.labels.insert(UniCase::new(label.clone()));
            self.longest = self.longest.max(*cost);
        }
    }

    /// The labels of the definitions that the lines holding `]:` in `ranges` make when
    /// pulldown-cmark reads those lines alone, each as its own block: a guess, made before
    /// the pieces are walked, that the walks confirm or correct. It costs a scan for `]:`
    /// and the parse of a few lines, where parsing each piece that holds one would cost
    /// most of a walk; it misses only a label broken over lines or a destination on the
    /// next line, and takes in a definition-like line in a code block, and either way the
    /// walks' own definitions correct it.
    fn guess(source: &str, ranges: &[Range<usize>]) -> Self {
        let (Some(first), Some(last)) = (ranges.first(), ranges.last()) else {
            return Definitions::default();
        };
        let text = &source[first.start..last.end];
        let mut lines = String::new();
        let mut taken = 0;
        for at in memchr::memmem::find_iter(text.as_bytes(), b"]:") {
            if at < taken {
                continue;
            }
            let start = memchr::memrchr(b'\n', &text.as_bytes()[..at]).map_or(0, |i| i + 1);
            let end = memchr::memchr(b'\n', &text.as_bytes()[at..]).map_or(text.len(), |i| at + i);
            lines.push_str(&text[start..end]);
            lines.push_str("\n\n");
            taken = end;
        }
        let mut found = Definitions::default();
        if !lines.is_empty() {
            found.add(&defined_in(
                Parser::new_ext(&lines, OPTIONS).reference_definitions(),
            ));
        }
        found
    }

    /// Whether no walk, of the whole body or of any of `pieces`, can reach pulldown-cmark's
    /// expansion limit: every expansion needs its own `]`, and costs at most `longest`.
    fn within_limits(&self, source: &str, pieces: &[Range<usize>]) -> bool {
        let fits =
            |brackets: usize, len: usize| brackets.saturating_mul(self.longest) < len.max(100_000);
        // The pieces are contiguous: the whole body's brackets are theirs summed.
        let (mut brackets, mut len) = (0, 0);
        for piece in pieces {
            let own = memchr::memchr_iter(b']', &source.as_bytes()[piece.clone()]).count();
            if !fits(own, piece.len()) {
                return false;
            }
            brackets += own;
            len += piece.len();
        }
        fits(brackets, len)
    }
}

/// The labels of `defs`, each with what expanding a reference to it takes off
/// pulldown-cmark's expansion limit.
pub(crate) fn defined_in(defs: &RefDefs<'_>) -> Vec<(String, usize)> {
    defs.iter()
        .map(|(label, def)| {
            let cost = def.dest.len() + def.title.as_ref().map_or(0, |t| t.len());
            (label.to_owned(), cost)
        })
        .collect()
}

/// Walks the pieces `ranges` of a body (from [`cuts`]) so that together they are the whole
/// walk: open blocks [settled](settle), and every piece walked knowing the link reference
/// labels the whole body defines. `walk_each` walks the ranges it is given, with
/// [`walk_piece_knowing`] and whatever else the caller derives from a piece, on as many
/// threads as it likes, and returns them in order.
///
/// `None` when reference links could reach pulldown-cmark's expansion limit (hundreds of
/// references per long definition): a piece would then stop expanding at another point than
/// the whole walk, and the body must be walked whole.
pub fn walk_all<T>(
    source: &str,
    ranges: Vec<Range<usize>>,
    walk_each: impl Fn(Vec<Range<usize>>, Option<&Definitions>) -> Vec<(Piece, T)>,
) -> Option<Vec<(Piece, T)>> {
    let cuts = Cuts {
        ranges,
        may_hold_definitions: true,
    };
    walk_cut(source, cuts, walk_each)
}

/// [`walk_all`] of the ranges of [`cut`], which skips the search for link reference
/// definitions in a body that holds no `]:`.
pub fn walk_cut<T>(
    source: &str,
    cuts: Cuts,
    walk_each: impl Fn(Vec<Range<usize>>, Option<&Definitions>) -> Vec<(Piece, T)>,
) -> Option<Vec<(Piece, T)>> {
    let Cuts {
        ranges,
        may_hold_definitions,
    } = cuts;
    // One piece is the whole body: its own definitions are all there are.
    if ranges.len() <= 1 {
        return Some(walk_each(ranges, None));
    }
    let guess = may_hold_definitions
        .then(|| Definitions::guess(source, &ranges))
        .filter(|g| !g.is_empty());
    let walk_one = |range: Range<usize>| match walk_each(vec![range], guess.as_ref()).pop() {
        Some(walked) => walked,
        None => unreachable!("walk_each walks every range it is given"),
    };
    let settled = settle(walk_each(ranges, guess.as_ref()), walk_one);
    let mut exact = Definitions::default();
    for (piece, _) in &settled {
        exact.add(&piece.defined);
    }
    if exact.is_empty() && guess.is_none() {
        return Some(settled);
    }
    let ranges: Vec<Range<usize>> = settled.iter().map(|(p, _)| p.range.clone()).collect();
    // One settled piece is the whole body, walked by the same parser input as the whole.
    if ranges.len() > 1 && !exact.within_limits(source, &ranges) {
        return None;
    }
    if guess.as_ref() == Some(&exact) {
        return Some(settled);
    }
    // The guess read a definition-like line inside a block that a settled piece shows to
    // be code or HTML (or missed one): walk again knowing what the pieces define.
    drop(settled);
    let known = (!exact.is_empty()).then_some(&exact);
    Some(walk_each(ranges, known))
}

/// Walks again, with `walk`, every piece that [ends open](Piece::ends_open) together with
/// the pieces after it, until only the last piece may end open; `T` is whatever the caller
/// derived from each piece (findings in its runs), derived again with it.
///
/// A piece that still ends open takes in twice as many following pieces the next time, so
/// an unclosed code fence near the start costs a few walks of the document, not one per
/// piece.
pub fn settle<T>(
    walked: Vec<(Piece, T)>,
    mut walk: impl FnMut(Range<usize>) -> (Piece, T),
) -> Vec<(Piece, T)> {
    let mut out: Vec<(Piece, T)> = Vec::with_capacity(walked.len());
    let mut rest = walked.into_iter().peekable();
    while let Some(mut current) = rest.next() {
        let mut take = 1;
        while current.0.ends_open && rest.peek().is_some() {
            let mut end = current.0.range.end;
            for _ in 0..take {
                match rest.next() {
                    Some((piece, _)) => end = piece.range.end,
                    None => break,
                }
            }
            current = walk(current.0.range.start..end);
            take *= 2;
        }
        out.push(current);
    }
    out
}

/// Joins pieces walked in order into the document the whole walk gives: section indices
/// moved past the earlier pieces' headings, parents linked across pieces.
///
/// Many runs are moved into the joined list on the rayon pool, each thread writing its
/// stretch: on one thread this was the last serial step of a large walk (about 3 ms for the
/// 173 000 runs of 20 MB of the report, most of it the joined list's fresh pages).
#[must_use]
pub fn assemble(pieces: impl IntoIterator<Item = Piece>) -> Document {
    // Each piece's runs with the number of headings before the piece, by which their
    // section indices move; and the pieces' sections, in order.
    let mut parts = Vec::new();
    let mut piece_sections = Vec::new();
    let mut headings = 0;
    for piece in pieces {
        parts.push((headings, piece.runs));
        headings += piece.sections.len();
        piece_sections.push(piece.sections);
    }
    let join_sections = move || {
        let mut pieces = piece_sections.into_iter();
        let mut sections = pieces.next().unwrap_or_default();
        sections.reserve_exact(headings - sections.len());
        for mut more in pieces {
            sections.append(&mut more);
        }
        link_parents(&mut sections);
        sections
    };
    let shifted = |(by, mut run): (usize, ProseRun)| {
        run.shift_section(by);
        run
    };
    let more_runs: usize = parts.iter().skip(1).map(|(_, runs)| runs.len()).sum();
    if more_runs >= PARALLEL_RUNS_ABOVE && rayon::current_num_threads() > 1 {
        // The sections are joined beside the runs: before them, one thread joined them
        // (0.5-1.6 ms for the 18 720 headings of 20 MB of the report) while the other waited.
        let (sections, runs) =
            rayon::join(join_sections, || Tagged::new(parts).map(shifted).collect());
        return Document { runs, sections };
    }
    let mut parts = parts.into_iter();
    let mut runs = parts.next().map(|(_, runs)| runs).unwrap_or_default();
    runs.reserve_exact(more_runs);
    for (by, more) in parts {
        runs.extend(more.into_iter().map(|run| shifted((by, run))));
    }
    Document {
        runs,
        sections: join_sections(),
    }
}

/// Runs after the first piece's from which [`assemble`] moves them on the pool: below it,
/// handing the copy to the pool costs more than it saves (the report has 1 100 runs per
/// 125 KB, so a body cut in pieces has several thousand).
const PARALLEL_RUNS_ABOVE: usize = 8192;

#[cfg(test)]
mod tests {
    use super::{follows_blank_line, starts_heading};

    #[test]
    fn heading_markers() {
        assert!(starts_heading(b"# x"));
        assert!(starts_heading(b"###### x"));
        assert!(starts_heading(b"##\n"));
        assert!(starts_heading(b"#"));
        assert!(starts_heading(b"#\tx"));
        assert!(!starts_heading(b"####### x"));
        assert!(!starts_heading(b"#x"));
        assert!(!starts_heading("#标签".as_bytes()));
    }

    #[test]
    fn blank_lines() {
        assert!(follows_blank_line(b"a\n\n"));
        assert!(follows_blank_line(b"a\r\n\r\n"));
        assert!(follows_blank_line(b"a\n \t \n"));
        assert!(!follows_blank_line(b"a\nb\n"));
        assert!(!follows_blank_line(b"\n"));
        assert!(!follows_blank_line(b"a\n"));
        assert!(!follows_blank_line(b"a\n\r\r\n"));
        assert!(!follows_blank_line(b""));
    }
}
