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
/// The text, and the offset map unless the run is one verbatim stretch, live in a buffer
/// shared by the runs walked with it (one per piece of a large document): a run kept after
/// its document is dropped keeps that buffer, a few hundred kilobytes at most, alive with it.
#[derive(Clone)]
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

/// The texts and offset maps of the runs of one walk, in one buffer they share.
///
/// A large document holds hundreds of thousands of runs; one buffer per walked piece costs
/// a few hundred allocations where a string and a map per run cost one or three each, and
/// as many frees when the document is dropped. The buffer lives as long as any run that
/// points into it.
#[derive(Debug, Default)]
pub(crate) struct Shared {
    /// The runs' texts, one after the other.
    pub(crate) text: String,
    /// The offset maps of the runs that are not one verbatim stretch ([`Map::Shared`]).
    pub(crate) segments: Vec<Segment>,
    /// Their inline code ranges.
    pub(crate) code: Vec<Range<usize>>,
}

impl Shared {
    /// Room for about `runs` runs of a walk.
    pub(crate) fn with_room(runs: usize) -> Self {
        Self {
            // A walk expects a run per 100 source bytes, so a walk in one batch (a piece)
            // gets room for its whole source as text, which its runs' texts together do not
            // exceed in practice: the buffer is not regrown while runs are copied in. Room
            // for what an average run holds (seed 003: 61 of 115 bytes) was outgrown by
            // prose-heavy pieces, and regrowing copied it (0.5 % of a one-thread profile).
            // A batched walk's room is its batch's share, regrown if its runs are longer.
            // Room never written is not faulted in (glibc maps large blocks lazily). One run
            // in five is mapped, with a few segments.
            text: String::with_capacity(runs * 100),
            segments: Vec::with_capacity(runs),
            code: Vec::new(),
        }
    }

    /// Gives back the room a walk reserved and did not use.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.segments.shrink_to_fit();
        self.code.shrink_to_fit();
    }
}

/// A run's text: its stretch of the buffer that the runs of one walk share.
#[derive(Clone)]
struct Text {
    /// The buffer; none while the walk that made the run is still filling it (an `Arc` of a
    /// stand-in there cost every run two more atomic operations).
    buf: Option<Arc<Shared>>,
    start: usize,
    end: usize,
}

/// What a run not yet attached to its buffer reads as: nothing.
static UNATTACHED: Shared = Shared {
    text: String::new(),
    segments: Vec::new(),
    code: Vec::new(),
};

impl Text {
    /// A text of its own (a run built alone, not by a walk).
    fn owned(text: String) -> Self {
        let end = text.len();
        Self {
            buf: Some(Arc::new(Shared {
                text,
                ..Shared::default()
            })),
            start: 0,
            end,
        }
    }

    /// The run's buffer; an empty one before the walk attaches it.
    fn shared(&self) -> &Shared {
        // A walk hands a run over only once it points into its buffer (`attach`).
        debug_assert!(
            self.buf.is_some(),
            "a run read before its text was attached"
        );
        self.buf.as_deref().unwrap_or(&UNATTACHED)
    }

    fn as_str(&self) -> &str {
        self.shared()
            .text
            .get(self.start..self.end)
            .unwrap_or_default()
    }

    fn len(&self) -> usize {
        self.end - self.start
    }
}

impl std::fmt::Debug for ProseRun {
    /// The map as it reads, not where it is kept: a run walked in a piece and the same run
    /// walked in the whole document look the same.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut run = f.debug_struct("ProseRun");
        run.field("kind", &self.kind)
            .field("text", &self.text)
            .field("section", &self.section())
            .field("quote_depth", &self.quote_depth);
        match &self.map {
            Map::Verbatim(start) => run.field("verbatim_from", start),
            map => run
                .field("segments", &map.segments(self.text.shared()))
                .field("code", &map.code(self.text.shared()))
                .field("key", &self.key()),
        };
        run.finish()
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
pub(crate) enum Map {
    /// The whole text is `source[start..start + text.len()]`, byte for byte.
    Verbatim(usize),
    /// Segments and code ranges of a walked run, kept in its walk's [`Shared`] buffer.
    Shared(InShared),
    /// Anything else: a front-matter run's key, or a map too long for [`InShared`].
    Mapped(Box<Mapped>),
}

/// Where a run's segments and code ranges are in its [`Shared`] buffer; narrow, so that the
/// map stays two words.
#[derive(Debug, Clone, Copy)]
pub(crate) struct InShared {
    segments: u32,
    code: u32,
    segment_count: u16,
    code_count: u16,
}

/// The map of a run that is not one plain verbatim stretch.
#[derive(Debug, Clone)]
pub(crate) struct Mapped {
    /// The offset map, in text order.
    segments: Box<[Segment]>,
    /// Text ranges from inline code spans.
    code: Box<[Range<usize>]>,
    /// The front-matter key of a [`RunKind::FrontMatter`] run.
    key: Option<Box<str>>,
}

/// The segment of `segments`, a run's map in text order, that holds text byte `offset`: the
/// last one starting at or before it.
pub(crate) fn segment_at(segments: &[Segment], offset: usize) -> Option<&Segment> {
    let i = segments.partition_point(|s| s.text_start <= offset);
    segments.get(i.checked_sub(1)?)
}

/// `items[start..start + count]`; nothing when that is out of bounds, which only a run read
/// against a buffer not its own (an unattached walked run, outside the walk) can ask for.
fn stretch<T>(items: &[T], start: u32, count: u16) -> &[T] {
    let start = start as usize;
    items
        .get(start..start + usize::from(count))
        .unwrap_or_default()
}

/// The map of a run that is one verbatim stretch with no code and no key, if it is one.
fn verbatim(segments: &[Segment], code: &[Range<usize>], key: Option<&String>) -> Option<Map> {
    match segments {
        [one]
            if one.kind == SegmentKind::Verbatim
                && one.text_start == 0
                && code.is_empty()
                && key.is_none() =>
        {
            debug_assert_eq!(one.text_len, one.src_end - one.src_start);
            Some(Map::Verbatim(one.src_start))
        }
        _ => None,
    }
}

impl Map {
    /// Copies a map out at its exact size.
    fn new(segments: &[Segment], code: &[Range<usize>], key: Option<String>) -> Self {
        verbatim(segments, code, key.as_ref()).unwrap_or_else(|| {
            Map::Mapped(Box::new(Mapped {
                segments: segments.into(),
                code: code.into(),
                key: key.map(String::into_boxed_str),
            }))
        })
    }

    /// A walked run's map: appended to `shared` unless it is one verbatim stretch (or too
    /// long to point at, when it gets a box of its own).
    pub(crate) fn in_shared(
        shared: &mut Shared,
        segments: &[Segment],
        code: &[Range<usize>],
    ) -> Self {
        if let Some(map) = verbatim(segments, code, None) {
            return map;
        }
        let narrow = (
            u32::try_from(shared.segments.len()),
            u32::try_from(shared.code.len()),
            u16::try_from(segments.len()),
            u16::try_from(code.len()),
        );
        let (Ok(at), Ok(code_at), Ok(segment_count), Ok(code_count)) = narrow else {
            return Map::new(segments, code, None);
        };
        shared.segments.extend_from_slice(segments);
        shared.code.extend_from_slice(code);
        Map::Shared(InShared {
            segments: at,
            code: code_at,
            segment_count,
            code_count,
        })
    }

    /// The segments of a map other than [`Map::Verbatim`], whose run points into `shared`.
    fn segments<'a>(&'a self, shared: &'a Shared) -> &'a [Segment] {
        match self {
            Map::Verbatim(_) => &[],
            Map::Shared(at) => stretch(&shared.segments, at.segments, at.segment_count),
            Map::Mapped(mapped) => &mapped.segments,
        }
    }

    /// The code ranges of the map, whose run points into `shared`.
    fn code<'a>(&'a self, shared: &'a Shared) -> &'a [Range<usize>] {
        match self {
            Map::Verbatim(_) => &[],
            Map::Shared(at) => stretch(&shared.code, at.code, at.code_count),
            Map::Mapped(mapped) => &mapped.code,
        }
    }

    /// The segment holding text byte `offset` (the last one starting at or before it) of a
    /// run whose text is `text_len` bytes and which points into `shared`.
    fn at(&self, shared: &Shared, offset: usize, text_len: usize) -> Option<Segment> {
        if let &Map::Verbatim(src_start) = self {
            return Some(Segment {
                text_start: 0,
                text_len,
                src_start,
                src_end: src_start + text_len,
                kind: SegmentKind::Verbatim,
            });
        }
        segment_at(self.segments(shared), offset).copied()
    }

    /// The source range the whole map covers.
    fn extent(&self, shared: &Shared, text_len: usize) -> Span {
        if let &Map::Verbatim(src_start) = self {
            return Span::new(src_start, src_start + text_len);
        }
        let segments = self.segments(shared);
        match (segments.first(), segments.last()) {
            (Some(first), Some(last)) => Span::new(first.src_start, last.src_end),
            _ => Span::empty(0),
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
            Map::Verbatim(_) | Map::Shared(_) => None,
            Map::Mapped(mapped) => mapped.key.as_deref(),
        }
    }

    /// A run built by the document walk with its map ([`Map::in_shared`]), whose text is
    /// `text` of a buffer the walk is still filling: until [`ProseRun::attach`] gives it
    /// the finished buffer, reading the text fails in debug builds.
    pub(crate) fn new(
        kind: RunKind,
        text: Range<usize>,
        section: Option<usize>,
        quote_depth: u8,
        map: Map,
    ) -> ProseRun {
        ProseRun {
            kind,
            text: Text {
                buf: None,
                start: text.start,
                end: text.end,
            },
            section: pack_section(section),
            quote_depth,
            map,
        }
    }

    /// Points the run at `buf`, the finished buffer its text and map are in.
    pub(crate) fn attach(&mut self, buf: &Arc<Shared>) {
        self.text.buf = Some(Arc::clone(buf));
    }

    /// Source byte of the text byte at `text_offset`; `text().len()` gives the end of the run.
    ///
    /// Offsets inside a char count as that char; offsets past the end clamp to the end.
    #[must_use]
    pub fn source_offset(&self, text_offset: usize) -> usize {
        self.source_offset_in(self.text.shared(), text_offset)
    }

    /// [`ProseRun::source_offset`] with the run's buffer given, for a walk that reads a run
    /// before attaching it.
    fn source_offset_in(&self, shared: &Shared, text_offset: usize) -> usize {
        let text = self.text_in(shared);
        if text_offset >= text.len() {
            return self.span_in(shared).end;
        }
        let offset = text.floor_char_boundary(text_offset);
        match self.map.at(shared, offset, text.len()) {
            Some(seg) if seg.kind == SegmentKind::Verbatim => {
                seg.src_start + (offset - seg.text_start)
            }
            Some(seg) => seg.src_start,
            None => self.span_in(shared).start,
        }
    }

    /// The run's text in `shared`, its walk's buffer, attached or not.
    pub(crate) fn text_in<'a>(&self, shared: &'a Shared) -> &'a str {
        shared
            .text
            .get(self.text.start..self.text.end)
            .unwrap_or_default()
    }

    /// [`ProseRun::span`] with the run's buffer given.
    fn span_in(&self, shared: &Shared) -> Span {
        self.map.extent(shared, self.text.len())
    }

    /// Source span from the first char of `range` to the end of its last char.
    ///
    /// An empty range gives an empty span at its start. Ranges are clamped to the text, and
    /// the result always lies on char boundaries of the source.
    #[must_use]
    pub fn source_span(&self, range: Range<usize>) -> Span {
        self.source_span_in(self.text.shared(), range)
    }

    /// [`ProseRun::source_span`] with the run's buffer given (see `source_offset_in`).
    pub(crate) fn source_span_in(&self, shared: &Shared, range: Range<usize>) -> Span {
        let text = self.text_in(shared);
        let end = range.end.min(text.len());
        let start = range.start.min(end);
        let src_start = self.source_offset_in(shared, start);
        if start == end {
            return Span::empty(src_start);
        }
        let last = text.floor_char_boundary(end - 1);
        let src_end = match self.map.at(shared, last, text.len()) {
            Some(seg) if seg.kind == SegmentKind::Verbatim => {
                let char_len = text[last..].chars().next().map_or(0, char::len_utf8);
                seg.src_start + (last - seg.text_start) + char_len
            }
            Some(seg) => seg.src_end,
            None => self.span_in(shared).end,
        };
        Span::new(src_start, src_end.max(src_start))
    }

    /// Text ranges whose content came from inline code spans.
    #[must_use]
    pub fn code_ranges(&self) -> &[Range<usize>] {
        self.map.code(self.text.shared())
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
        self.span_in(self.text.shared())
    }

    /// Whether the text byte at `text_offset` is a verbatim copy of the source byte it maps to
    /// (false for entities, escapes, line breaks and U+FFFC stand-ins).
    #[must_use]
    pub fn is_verbatim(&self, text_offset: usize) -> bool {
        self.map
            .at(self.text.shared(), text_offset, self.text.len())
            .is_some_and(|seg| seg.kind == SegmentKind::Verbatim)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Six words a run, as [`Map`]'s doc says: a large document keeps every run.
    #[test]
    fn a_run_is_six_words() {
        assert_eq!(
            std::mem::size_of::<ProseRun>(),
            6 * std::mem::size_of::<usize>()
        );
    }

    /// A map kept in the walk's buffer is the run's own: its segments cover the text, each
    /// verbatim one over the source bytes it copies, its code ranges hold the code, and it
    /// reads as the same map in a box of its own.
    #[test]
    fn shared_maps_are_each_runs_own() {
        let source =
            "一 **粗** `code` &amp; 二\n三 [链](u) 四\n\n# 标题 `x` &lt;\n\n- `a` 和 `b`\n";
        let doc = crate::parse(source, 0);
        let mut code = Vec::new();
        let mut shared = 0;
        for run in &doc.runs {
            code.extend(run.code_ranges().iter().map(|r| &run.text()[r.clone()]));
            if !matches!(run.map, Map::Shared(_)) {
                continue;
            }
            shared += 1;
            let (text, segments) = (run.text(), run.map.segments(run.text.shared()));
            assert_eq!(segments.first().map(|s| s.text_start), Some(0));
            assert_eq!(segments.last().map(Segment::text_end), Some(text.len()));
            for pair in segments.windows(2) {
                assert_eq!(pair[0].text_end(), pair[1].text_start);
            }
            for s in segments.iter().filter(|s| s.kind == SegmentKind::Verbatim) {
                assert_eq!(
                    &text[s.text_start..s.text_end()],
                    &source[s.src_start..s.src_end]
                );
            }
            let mut boxed = run.clone();
            boxed.map = Map::new(segments, run.code_ranges(), None);
            for i in 0..=text.len() {
                for j in i..=text.len() {
                    assert_eq!(run.source_span(i..j), boxed.source_span(i..j), "{i}..{j}");
                }
            }
            assert_eq!(format!("{run:?}"), format!("{boxed:?}"));
        }
        assert_eq!(shared, 3);
        assert_eq!(code, ["code", "x", "a", "b"]);
    }

    /// A run with more segments than the buffer's narrow counts can say gets a box of its
    /// own, and reads the same.
    #[test]
    fn a_map_too_long_to_point_at_is_boxed() {
        // Each `&amp;` is a segment, and so is each letter after one.
        let source = "&amp;a".repeat(40_000);
        let doc = crate::parse(&source, 0);
        let run = &doc.runs[0];
        assert!(matches!(run.map, Map::Mapped(_)));
        assert_eq!(run.text(), "&a".repeat(40_000));
        let last = run.text().len() - 1;
        let end = source.len();
        assert_eq!(run.source_span(last..last + 1), Span::new(end - 1, end));
        assert_eq!(run.source_span(last - 1..last), Span::new(end - 6, end - 1));
        assert_eq!(run.span(), Span::new(0, end));
    }
}
