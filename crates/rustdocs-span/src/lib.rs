//! Byte spans into the original file, and the line index that turns them into positions.
//!
//! Every stage of rustdocs reports locations the same way: a half-open range of UTF-8 byte
//! offsets into the *whole original file* (front matter included). A [`LineIndex`] converts an
//! offset into a 1-based line and a 1-based column counted in characters (Unicode scalar
//! values), which is what editors and `rustc`-style diagnostics show, and into a code-point
//! offset, which is what Python's `str` indexing uses.
//!
//! ```
//! use rustdocs_span::{LineIndex, Span};
//!
//! let src = "标题\n时间：2023 年\n";
//! let index = LineIndex::new(src);
//! let start = src.find("2023").unwrap();
//! let span = Span::new(start, start + 4);
//! assert_eq!(span.slice(src), "2023");
//! let pos = index.position(src, span.start);
//! assert_eq!((pos.line, pos.column), (2, 4));
//! assert_eq!(index.char_offset(src, span.start), 6);
//! ```
#![forbid(unsafe_code)]

pub mod chars;
pub mod spare;

use std::ops::Range;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// A half-open range of UTF-8 byte offsets into the original source.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// Builds a span; `start` must not exceed `end`.
    #[must_use]
    pub const fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Self { start, end }
    }

    /// An empty span at `offset`, for faults that sit between characters (end of input).
    #[must_use]
    pub const fn empty(offset: usize) -> Self {
        Self {
            start: offset,
            end: offset,
        }
    }

    /// Length in bytes.
    #[must_use]
    pub const fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// Whether `other` lies entirely within this span.
    #[must_use]
    pub const fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest span covering both.
    #[must_use]
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Moves the span right by `delta` bytes (for spans found in a slice of the source).
    #[must_use]
    pub const fn shift(self, delta: usize) -> Span {
        Span::new(self.start + delta, self.end + delta)
    }

    /// The source text the span covers.
    ///
    /// # Panics
    /// When the span is out of bounds or not on character boundaries, which would be a bug in
    /// the stage that produced it.
    #[must_use]
    pub fn slice(self, source: &str) -> &str {
        &source[self.start..self.end]
    }

    /// The span as a `Range`, for slicing.
    #[must_use]
    pub const fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// A 1-based line and character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in Unicode scalar values from the start of the line.
    pub column: usize,
}

/// Offsets of line starts, built once per file, for offset → line/column conversion.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`, so positions agree with what editors show for
/// files with any of the three conventions.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// Whether the whole source is ASCII, so columns and char offsets are plain byte arithmetic.
    ascii: bool,
    /// For non-ASCII sources: chars before the char boundary at or below each multiple of
    /// [`CHECKPOINT`], so a column on a very long line costs at most one stride to count.
    /// Made on first need: a source whose lines are all shorter than [`LONG_LINE`] gets its
    /// columns without them (counting a whole 20 MB source was a third of the index's cost).
    checkpoints: OnceLock<Vec<usize>>,
}

/// Bytes between char-count checkpoints: a lookup counts at most this many bytes.
const CHECKPOINT: usize = 256;

/// Lines up to this long have columns counted from the line start; past it, from the nearest
/// checkpoint. A Chinese paragraph is one line of a few hundred bytes to a few kilobytes.
const LONG_LINE: usize = 4096;

impl LineIndex {
    /// Indexes `source`.
    #[must_use]
    pub fn new(source: &str) -> Self {
        let bytes = source.as_bytes();
        let mut line_starts = vec![0];
        if memchr::memchr(b'\r', bytes).is_none() {
            // The common case: a search for one byte is about half the work of two.
            line_starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        } else {
            // memchr finds the breaks a block at a time; CRLF is one break, so the LF of a
            // pair is skipped (it is the only hit at or before the last recorded start).
            for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
                if line_starts.last().is_some_and(|&last| i < last) {
                    continue;
                }
                let end = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    i + 2
                } else {
                    i + 1
                };
                line_starts.push(end);
            }
        }
        Self {
            line_starts,
            ascii: source.is_ascii(),
            checkpoints: OnceLock::new(),
        }
    }

    /// Chars before byte `offset`, a char boundary, in a non-ASCII source.
    fn chars_before(&self, source: &str, offset: usize) -> usize {
        let checkpoints = self.checkpoints.get_or_init(|| {
            let (mut byte, mut chars) = (0, 0);
            (0..=source.len() / CHECKPOINT)
                .map(|k| {
                    let at = floor_char_boundary(source, k * CHECKPOINT);
                    chars += source[byte..at].chars().count();
                    byte = at;
                    chars
                })
                .collect()
        });
        let k = offset / CHECKPOINT;
        let at = floor_char_boundary(source, k * CHECKPOINT);
        checkpoints.get(k).copied().unwrap_or(0) + source[at..offset].chars().count()
    }

    /// Number of lines (a trailing newline opens a last, empty line).
    #[must_use]
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The 0-based line holding byte `offset` (clamped to the source).
    fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte offset where 1-based `line` starts, if the line exists.
    #[must_use]
    pub fn line_start(&self, line: usize) -> Option<usize> {
        line.checked_sub(1)
            .and_then(|l| self.line_starts.get(l).copied())
    }

    /// Line and character column of byte `offset`; offsets past the end clamp to the end and
    /// offsets inside a character count as that character.
    #[must_use]
    pub fn position(&self, source: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        self.position_on(source, offset, self.line_of(offset))
    }

    /// [`LineIndex::position`], looking for the line from `near` (the 0-based line of an
    /// earlier call, which this one updates) before searching them all: offsets asked in
    /// ascending order cost a step or two each instead of a binary search over every line
    /// start (most of `position`'s time on a large document, in cache misses).
    ///
    /// ```
    /// let src = "第一行\n二〇二三年 4 月\n第三行";
    /// let idx = rustdocs_span::LineIndex::new(src);
    /// let mut near = 0;
    /// for (offset, _) in src.char_indices() {
    ///     assert_eq!(idx.position_near(src, offset, &mut near), idx.position(src, offset));
    /// }
    /// assert_eq!(near, 2);
    /// ```
    #[must_use]
    pub fn position_near(&self, source: &str, offset: usize, near: &mut usize) -> Position {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let starts = &self.line_starts;
        let line = match starts.get(*near) {
            Some(&start) if start <= offset => {
                // Gallop forward from the known line, then search the last stride.
                let (mut low, mut step) = (*near, 1);
                while starts.get(low + step).is_some_and(|&s| s <= offset) {
                    low += step;
                    step *= 2;
                }
                let high = (low + step).min(starts.len());
                low + starts[low..high].partition_point(|&s| s <= offset) - 1
            }
            _ => self.line_of(offset),
        };
        *near = line;
        self.position_on(source, offset, line)
    }

    /// The position of char boundary `offset`, which is on 0-based `line`.
    fn position_on(&self, source: &str, offset: usize, line: usize) -> Position {
        let start = self.line_starts[line];
        let column = if self.ascii {
            offset - start
        } else if offset - start <= LONG_LINE {
            source[start..offset].chars().count()
        } else {
            self.chars_before(source, offset) - self.chars_before(source, start)
        };
        Position {
            line: line + 1,
            column: column + 1,
        }
    }

    /// Code-point offset of byte `offset`: the index Python's `str` uses for the same place.
    #[must_use]
    pub fn char_offset(&self, source: &str, offset: usize) -> usize {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        if self.ascii {
            return offset;
        }
        self.chars_before(source, offset)
    }

    /// The text of the 1-based `line` without its line ending, for rendering diagnostics.
    #[must_use]
    pub fn line_text<'a>(&self, source: &'a str, line: usize) -> Option<&'a str> {
        let start = self.line_start(line)?;
        let end = self.line_starts.get(line).copied().unwrap_or(source.len());
        Some(source[start..end].trim_end_matches(['\n', '\r']))
    }
}

/// Converts many byte offsets of one source to code-point offsets in a single forward pass.
///
/// Entities arrive sorted by start, so a batch conversion is linear in the file size rather
/// than quadratic; use this when converting every span of a document.
#[derive(Debug)]
pub struct CharOffsets<'a> {
    source: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharOffsets<'a> {
    /// Starts at the beginning of `source`.
    #[must_use]
    pub fn new(source: &'a str) -> Self {
        Self {
            source,
            byte: 0,
            chars: 0,
        }
    }

    /// Code-point offset of byte `offset`; cheap when offsets are non-decreasing.
    #[must_use]
    pub fn get(&mut self, offset: usize) -> usize {
        let offset = floor_char_boundary(self.source, offset.min(self.source.len()));
        if offset < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.source[self.byte..offset].chars().count();
        self.byte = offset;
        self.chars
    }
}

/// The largest char boundary not after `offset`.
#[must_use]
pub fn floor_char_boundary(s: &str, mut offset: usize) -> usize {
    if offset >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let src = "第一行\n二〇二三年 4 月\n";
        let idx = LineIndex::new(src);
        let at = src.find('4').unwrap();
        assert_eq!(idx.position(src, at), Position { line: 2, column: 7 });
        assert_eq!(idx.position(src, 0), Position { line: 1, column: 1 });
    }

    /// Columns on one very long line of mixed-width text, across many checkpoints, match a
    /// plain count; before checkpoints each lookup counted from the line start, which made a
    /// one-line file with many entities quadratic.
    #[test]
    fn columns_on_a_long_mixed_line_cross_checkpoints() {
        let src = format!("标题\n{}\r\n尾", "a年é𝄞2023".repeat(400));
        let idx = LineIndex::new(&src);
        for (offset, _) in src.char_indices().step_by(7) {
            let before = &src[..offset];
            let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
            let expected = Position {
                line: before.matches('\n').count() + 1,
                column: before[line_start..].chars().count() + 1,
            };
            assert_eq!(idx.position(&src, offset), expected, "at {offset}");
            assert_eq!(idx.char_offset(&src, offset), before.chars().count());
        }
    }

    /// Checkpoints cost a count of the whole source: only a long line or a char offset makes
    /// them.
    #[test]
    fn checkpoints_are_made_on_first_need() {
        let src = format!("{}\n{}", "中文，".repeat(100), "中".repeat(2000));
        let idx = LineIndex::new(&src);
        let short_line = src.find('，').unwrap();
        assert_eq!(idx.position(&src, short_line).column, 3);
        assert!(idx.checkpoints.get().is_none());
        let far = src.len() - 3;
        assert_eq!(
            idx.position(&src, far),
            Position {
                line: 2,
                column: 2000
            }
        );
        assert!(idx.checkpoints.get().is_some());
        assert_eq!(LineIndex::new(&src).char_offset(&src, far), 2300);
    }

    proptest! {
        /// Any offsets in any order, each looked up from the line of the one before (or from
        /// any line at first), give the plain lookup's position.
        #[test]
        fn positions_near_a_line_are_positions(
            lines in proptest::collection::vec("[a年é\r]{0,12}", 0..12),
            offsets in proptest::collection::vec(0usize..200, 0..24),
            first in 0usize..16,
        ) {
            let src = lines.join("\n");
            let idx = LineIndex::new(&src);
            let mut near = first;
            for offset in offsets {
                let got = idx.position_near(&src, offset, &mut near);
                prop_assert_eq!(got, idx.position(&src, offset));
                prop_assert_eq!(near + 1, got.line);
            }
        }
    }

    #[test]
    fn crlf_and_lone_cr_both_end_lines() {
        let src = "a\r\nb\rc\nd";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.position(src, src.find('b').unwrap()).line, 2);
        assert_eq!(idx.position(src, src.find('c').unwrap()).line, 3);
        assert_eq!(idx.position(src, src.find('d').unwrap()).line, 4);
        assert_eq!(idx.line_text(src, 1), Some("a"));
        assert_eq!(idx.line_text(src, 4), Some("d"));
        assert_eq!(idx.line_text(src, 5), None);
    }

    #[test]
    fn char_offsets_match_python_indexing() {
        let src = "😀 emoji\n中文 2023";
        let idx = LineIndex::new(src);
        let at = src.find("2023").unwrap();
        assert_eq!(idx.char_offset(src, at), src[..at].chars().count());
        let mut batch = CharOffsets::new(src);
        assert_eq!(batch.get(at), 11);
        assert_eq!(batch.get(0), 0);
    }

    #[test]
    fn offsets_past_end_or_mid_char_clamp() {
        let src = "年月";
        let idx = LineIndex::new(src);
        assert_eq!(idx.position(src, 100), Position { line: 1, column: 3 });
        assert_eq!(idx.position(src, 1), Position { line: 1, column: 1 });
    }

    #[test]
    fn span_serializes_as_start_end() {
        let json = serde_json::to_string(&Span::new(3, 9)).unwrap();
        assert_eq!(json, r#"{"start":3,"end":9}"#);
    }

    proptest! {
        #[test]
        fn position_agrees_with_naive_count(s in "\\PC{0,64}", pick in 0usize..200) {
            let idx = LineIndex::new(&s);
            let offset = floor_char_boundary(&s, pick.min(s.len()));
            let before = &s[..offset];
            let line = before.replace("\r\n", "\n").replace('\r', "\n").matches('\n').count() + 1;
            let last_break = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
            let column = before[last_break..].chars().count() + 1;
            prop_assert_eq!(idx.position(&s, offset), Position { line, column });
            prop_assert_eq!(idx.char_offset(&s, offset), before.chars().count());
        }

        /// Lines shorter and longer than a checkpoint stride, in CJK, ASCII and line breaks.
        #[test]
        fn position_agrees_with_naive_count_on_long_lines(
            s in "[a 中文，]{0,1600}(\n[a 中文，]{0,200}){0,3}",
            pick in 0usize..6000,
        ) {
            let idx = LineIndex::new(&s);
            let offset = floor_char_boundary(&s, pick.min(s.len()));
            let before = &s[..offset];
            let line = before.matches('\n').count() + 1;
            let last_break = before.rfind('\n').map_or(0, |i| i + 1);
            let column = before[last_break..].chars().count() + 1;
            prop_assert_eq!(idx.position(&s, offset), Position { line, column });
        }
    }
}
