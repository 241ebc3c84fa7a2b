//! Prose runs and the offset map that ties their text back to source bytes.

use std::ops::Range;
use std::sync::Arc;

use rustdocs_span::Span;
use serde::Serialize;

/// The block a prose run comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RunKind {
    /// A paragraph outside any list.
    Paragraph,
    /// A heading's title.
    Heading,
    /// A list item's own text (tight items) or one of its paragraphs (loose items).
    ListItem,
    /// One table cell, header cells included.
    TableCell,
    /// A front-matter string value, built by the caller with [`ProseRun::verbatim`].
    FrontMatter,
}

/// How a stretch of run text relates to the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SegmentKind {
    /// Text bytes equal source bytes one for one.
    Verbatim,
    /// The text (usually one char) stands for a different source range: an entity, an escape,
    /// a line break, or an excluded element shown as U+FFFC.
    Replacement,
}

/// One piece of the offset map; pieces are sorted and cover the text without gaps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Segment {
    pub(crate) text_start: usize,
    pub(crate) text_len: usize,
    pub(crate) src_start: usize,
    pub(crate) src_end: usize,
    pub(crate) kind: SegmentKind,
}

impl Segment {
    pub(crate) const fn text_end(&self) -> usize {
        self.text_start + self.text_len
    }
}

/// A stretch of prose text from one block, with a map from text bytes back to source bytes.
///
/// Recognizers match on [`ProseRun::text`] and report with [`ProseRun::source_span`], so
/// every entity points at the exact bytes of the original file.
///
/// The text lives in a buffer shared by the runs walked with it (one per piece of a large
/// document): a run kept after its document is dropped keeps that buffer, a few hundred
/// kilobytes at most, alive with it.
#[derive(Debug, Clone)]
pub struct ProseRun {
    /// The block this text comes from.
    pub kind: RunKind,
    /// The flattened text ([`ProseRun::text`]).
    text: Text,
    /// The innermost section holding the run, as [`ProseRun::section`] gives it: an index
    /// packed into 32 bits with [`NO_SECTION`] for none, so that with the kind and quote
    /// depth it fills one word (a large document holds hundreds of thousands of runs).
    section: u32,
    /// Block-quote nesting depth; quoted speech is still prose, but recognizers may weigh it.
    pub quote_depth: u8,
    /// The offset map, inline for the common verbatim run.
    map: Map,
}

/// A run's text: its stretch of a buffer that the runs of one walk share.
///
/// A large document holds hundreds of thousands of runs; one buffer per walked piece costs
/// a few hundred allocations where a string per run cost one each, and as many frees when
/// the document is dropped. The buffer lives as long as any run that points into it.
#[derive(Clone)]
struct Text {
    buf: Arc<String>,
    start: usize,
    end: usize,
}

impl Text {
    /// A text of its own (a run built alone, not by a walk).
    fn owned(text: String) -> Self {
        let end = text.len();
        Self {
            buf: Arc::new(text),
            start: 0,
            end,
        }
    }

    fn as_str(&self) -> &str {
        // A walk hands a run over only once it points into its buffer (`attach`).
        let text = self.buf.get(self.start..self.end);
        debug_assert!(text.is_some(), "a run read before its text was attached");
        text.unwrap_or_default()
    }

    fn len(&self) -> usize {
        self.end - self.start
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

/// [`ProseRun::section`] of a run outside any section.
const NO_SECTION: u32 = u32::MAX;

/// Packs a section index; an index past `u32::MAX - 1` (four billion headings, a source of
/// at least 8 GB) reads as no section rather than a wrong one.
fn pack_section(section: Option<usize>) -> u32 {
    section
        .and_then(|s| u32::try_from(s).ok())
        .filter(|&s| s != NO_SECTION)
        .unwrap_or(NO_SECTION)
}

/// A run's offset map and rarer extras. Most runs (four in five in the seeds, 140,480 of
/// 173,440 in the 20 MB benchmark) are one verbatim stretch with no code and no key: their
/// map is just where the text starts in the source, kept inline, so such a run costs its text
/// and six words (a large document keeps every run, so the run's size is its memory).
#[derive(Debug, Clone)]
enum Map {
    /// The whole text is `source[start..start + text.len()]`, byte for byte.
    Verbatim(usize),
    /// Anything else.
    Mapped(Box<Mapped>),
}

/// The map of a run that is not one plain verbatim stretch.
#[derive(Debug, Clone)]
struct Mapped {
    /// The offset map, in text order.
    segments: Box<[Segment]>,
    /// Text ranges from inline code spans.
    code: Box<[Range<usize>]>,
    /// The front-matter key of a [`RunKind::FrontMatter`] run.
    key: Option<Box<str>>,
}

impl Map {
    /// Copies a builder's map out at its exact size.
    fn new(segments: &[Segment], code: &[Range<usize>], key: Option<String>) -> Self {
        match segments {
            [one]
                if one.kind == SegmentKind::Verbatim
                    && one.text_start == 0
                    && code.is_empty()
                    && key.is_none() =>
            {
                debug_assert_eq!(one.text_len, one.src_end - one.src_start);
                Map::Verbatim(one.src_start)
            }
            many => Map::Mapped(Box::new(Mapped {
                segments: many.into(),
                code: code.into(),
                key: key.map(String::into_boxed_str),
            })),
        }
    }

    /// The segment holding text byte `offset` (the last one starting at or before it) of a
    /// run whose text is `text_len` bytes.
    fn at(&self, offset: usize, text_len: usize) -> Option<Segment> {
        match self {
            &Map::Verbatim(src_start) => Some(Segment {
                text_start: 0,
                text_len,
                src_start,
                src_end: src_start + text_len,
                kind: SegmentKind::Verbatim,
            }),
            Map::Mapped(mapped) => {
                let i = mapped.segments.partition_point(|s| s.text_start <= offset);
                mapped.segments.get(i.checked_sub(1)?).copied()
            }
        }
    }

    /// The source range the whole map covers.
    fn extent(&self, text_len: usize) -> Span {
        match self {
            &Map::Verbatim(src_start) => Span::new(src_start, src_start + text_len),
            Map::Mapped(mapped) => match (mapped.segments.first(), mapped.segments.last()) {
                (Some(first), Some(last)) => Span::new(first.src_start, last.src_end),
                _ => Span::empty(0),
            },
        }
    }
}

impl ProseRun {
    /// A run whose text is exactly `source[span]`, mapped one to one (front-matter values).
    ///
    /// A span that is out of bounds or off a char boundary is narrowed to the nearest
    /// boundaries inside the source rather than panicking.
    #[must_use]
    pub fn verbatim(
        kind: RunKind,
        key: Option<String>,
        source: &str,
        span: Span,
        section: Option<usize>,
    ) -> ProseRun {
        let end = source.floor_char_boundary(span.end.min(source.len()));
        let start = source.ceil_char_boundary(span.start.min(end)).min(end);
        let segment = Segment {
            text_start: 0,
            text_len: end - start,
            src_start: start,
            src_end: end,
            kind: SegmentKind::Verbatim,
        };
        ProseRun {
            kind,
            text: Text::owned(source[start..end].to_owned()),
            section: pack_section(section),
            quote_depth: 0,
            map: Map::new(&[segment], &[], key),
        }
    }

    /// The flattened text: markup removed, excluded elements shown as one U+FFFC each (its
    /// source span is the whole element).
    #[must_use]
    pub fn text(&self) -> &str {
        self.text.as_str()
    }

    /// Index into [`crate::Document::sections`] of the innermost section holding the run.
    #[must_use]
    pub fn section(&self) -> Option<usize> {
        (self.section != NO_SECTION).then_some(self.section as usize)
    }

    /// Moves the run's section index up by `by`, for a run walked in a piece whose headings
    /// follow `by` earlier ones.
    pub(crate) fn shift_section(&mut self, by: usize) {
        if let Some(s) = self.section() {
            self.section = pack_section(Some(s + by));
        }
    }

    /// The front-matter key for [`RunKind::FrontMatter`] runs, else `None`.
    #[must_use]
    pub fn key(&self) -> Option<&str> {
        match &self.map {
            Map::Verbatim(_) => None,
            Map::Mapped(mapped) => mapped.key.as_deref(),
        }
    }

    /// A run built by the document walk from its offset map and code ranges, whose text is
    /// `buf[text]` of a buffer the walk is still filling: until [`ProseRun::attach`] gives
    /// it the finished buffer, `buf` is a stand-in, and reading the text fails in debug
    /// builds.
    pub(crate) fn new(
        kind: RunKind,
        (buf, text): (&Arc<String>, Range<usize>),
        section: Option<usize>,
        quote_depth: u8,
        segments: &[Segment],
        code: &[Range<usize>],
    ) -> ProseRun {
        let map = Map::new(segments, code, None);
        ProseRun {
            kind,
            text: Text {
                buf: Arc::clone(buf),
                start: text.start,
                end: text.end,
            },
            section: pack_section(section),
            quote_depth,
            map,
        }
    }

    /// Points the run at `buf`, the finished buffer its text range is in.
    pub(crate) fn attach(&mut self, buf: &Arc<String>) {
        self.text.buf = Arc::clone(buf);
    }

    /// Where the run's text lies in the buffer of its walk.
    pub(crate) fn text_range(&self) -> Range<usize> {
        self.text.start..self.text.end
    }

    /// Source byte of the text byte at `text_offset`; `text().len()` gives the end of the run.
    ///
    /// Offsets inside a char count as that char; offsets past the end clamp to the end.
    #[must_use]
    pub fn source_offset(&self, text_offset: usize) -> usize {
        self.source_offset_in(self.text(), text_offset)
    }

    /// [`ProseRun::source_offset`] with the run's text given, for a walk that reads a run
    /// before attaching it.
    fn source_offset_in(&self, text: &str, text_offset: usize) -> usize {
        if text_offset >= text.len() {
            return self.span().end;
        }
        let offset = text.floor_char_boundary(text_offset);
        match self.segment_at(offset) {
            Some(seg) if seg.kind == SegmentKind::Verbatim => {
                seg.src_start + (offset - seg.text_start)
            }
            Some(seg) => seg.src_start,
            None => self.span().start,
        }
    }

    /// Source span from the first char of `range` to the end of its last char.
    ///
    /// An empty range gives an empty span at its start. Ranges are clamped to the text, and
    /// the result always lies on char boundaries of the source.
    #[must_use]
    pub fn source_span(&self, range: Range<usize>) -> Span {
        self.source_span_in(self.text(), range)
    }

    /// [`ProseRun::source_span`] with the run's text given (see `source_offset_in`).
    pub(crate) fn source_span_in(&self, text: &str, range: Range<usize>) -> Span {
        let end = range.end.min(text.len());
        let start = range.start.min(end);
        let src_start = self.source_offset_in(text, start);
        if start == end {
            return Span::empty(src_start);
        }
        let last = text.floor_char_boundary(end - 1);
        let src_end = match self.segment_at(last) {
            Some(seg) if seg.kind == SegmentKind::Verbatim => {
                let char_len = text[last..].chars().next().map_or(0, char::len_utf8);
                seg.src_start + (last - seg.text_start) + char_len
            }
            Some(seg) => seg.src_end,
            None => self.span().end,
        };
        Span::new(src_start, src_end.max(src_start))
    }

    /// Text ranges whose content came from inline code spans.
    #[must_use]
    pub fn code_ranges(&self) -> &[Range<usize>] {
        match &self.map {
            Map::Verbatim(_) => &[],
            Map::Mapped(mapped) => &mapped.code,
        }
    }

    /// Whether the text byte at `text_offset` lies inside inline code.
    #[must_use]
    pub fn is_code(&self, text_offset: usize) -> bool {
        let code = self.code_ranges();
        let i = code.partition_point(|r| r.end <= text_offset);
        code.get(i).is_some_and(|r| r.contains(&text_offset))
    }

    /// Source extent of the whole run.
    #[must_use]
    pub fn span(&self) -> Span {
        self.map.extent(self.text.len())
    }

    /// Whether the text byte at `text_offset` is a verbatim copy of the source byte it maps to
    /// (false for entities, escapes, line breaks and U+FFFC stand-ins).
    #[must_use]
    pub fn is_verbatim(&self, text_offset: usize) -> bool {
        self.segment_at(text_offset)
            .is_some_and(|seg| seg.kind == SegmentKind::Verbatim)
    }

    fn segment_at(&self, offset: usize) -> Option<Segment> {
        self.map.at(offset, self.text.len())
    }
}

/// Accumulates one run's text and offset map, keeping the map monotonic.
#[derive(Debug, Default)]
pub(crate) struct RunBuilder {
    pub(crate) text: String,
    pub(crate) segments: Vec<Segment>,
    pub(crate) code: Vec<Range<usize>>,
}

impl RunBuilder {
    /// Lowest source offset the next piece may map to, so the map never goes backwards.
    fn floor(&self) -> usize {
        self.segments.last().map_or(0, |s| s.src_end)
    }

    /// Appends `text`, equal to the source bytes starting at `src_start`.
    pub(crate) fn push_verbatim(&mut self, text: &str, src_start: usize) {
        if text.is_empty() {
            return;
        }
        let text_start = self.text.len();
        self.text.push_str(text);
        if src_start < self.floor() {
            // Out-of-order source (never seen from pulldown-cmark) keeps the map monotonic by
            // pinning the piece to where the map already is.
            let at = self.floor();
            self.push_segment(text_start, text.len(), at, at, SegmentKind::Replacement);
            return;
        }
        if let Some(last) = self.segments.last_mut()
            && last.kind == SegmentKind::Verbatim
            && last.text_end() == text_start
            && last.src_end == src_start
        {
            last.text_len += text.len();
            last.src_end += text.len();
            return;
        }
        self.push_segment(
            text_start,
            text.len(),
            src_start,
            src_start + text.len(),
            SegmentKind::Verbatim,
        );
    }

    /// Appends `text` standing for the source range `src` (entity, escape, break, U+FFFC).
    pub(crate) fn push_replacement(&mut self, text: &str, src: Range<usize>) {
        if text.is_empty() {
            return;
        }
        let floor = self.floor();
        let start = src.start.max(floor);
        let end = src.end.max(start);
        let text_start = self.text.len();
        self.text.push_str(text);
        self.push_segment(text_start, text.len(), start, end, SegmentKind::Replacement);
    }

    /// Extends the last replacement by `text`, for entities that decode to several chars.
    pub(crate) fn extend_replacement(&mut self, text: &str) -> bool {
        let len = self.text.len();
        match self.segments.last_mut() {
            Some(last) if last.kind == SegmentKind::Replacement && last.text_end() == len => {
                last.text_len += text.len();
                self.text.push_str(text);
                true
            }
            _ => false,
        }
    }

    fn push_segment(
        &mut self,
        text_start: usize,
        text_len: usize,
        src_start: usize,
        src_end: usize,
        kind: SegmentKind,
    ) {
        self.segments.push(Segment {
            text_start,
            text_len,
            src_start,
            src_end,
            kind,
        });
    }

    /// Empties the builder but keeps its buffers, so the next run reuses them.
    pub(crate) fn clear(&mut self) {
        self.text.clear();
        self.segments.clear();
        self.code.clear();
    }

    /// The last char of the text so far.
    pub(crate) fn last_char(&self) -> Option<char> {
        self.text.chars().next_back()
    }
}
