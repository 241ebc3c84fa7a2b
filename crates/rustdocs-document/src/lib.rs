//! The Markdown body of a document as prose runs with exact source offsets, plus its section
//! tree.
//!
//! Recognizers for dates, venues, line counts and releases want plain prose: no emphasis
//! markers, no link targets, no code blocks, no URLs. Diagnostics want the exact bytes of the
//! original file. [`parse`] walks the body with pulldown-cmark's offset iterator (a large body
//! a piece at a time, see [`cuts`]) and gives both: each [`ProseRun`] holds flattened text
//! and a map from every text byte back to the source, and each [`Section`] records a heading
//! and its parent.
//!
//! ```
//! let source = "---\ntitle: x\n---\n## 时间\n\n\
//!               **时间：** 2023 年 4 月 8 日 14:00  \n见[官网](https://example.com)\n";
//! let body_start = source.find("## ").unwrap();
//! let doc = rustdocs_document::parse(source, body_start);
//!
//! let run = &doc.runs[1];
//! assert_eq!(run.text(), "时间： 2023 年 4 月 8 日 14:00\n见官网");
//! assert_eq!(doc.section_path(run.section()), ["时间"]);
//!
//! // Recognizers match in the text and report source spans.
//! let at = run.text().find("2023").unwrap();
//! let span = run.source_span(at..at + "2023 年 4 月 8 日".len());
//! assert_eq!(span.slice(source), "2023 年 4 月 8 日");
//! ```
//!
//! Excluded inline elements (images, inline HTML, autolinks, bare URLs, footnote references)
//! leave one U+FFFC in the text, so no pattern can match across them. Inline code is kept,
//! since reports write versions in backticks, and listed in [`ProseRun::code_ranges`].
//!
//! # The offset map
//!
//! A run's map is a sorted list of segments, each either a verbatim copy (text bytes equal
//! source bytes one for one) or a replacement (a few text chars standing for a different
//! source range: an entity, an escape, a line break, a U+FFFC for a whole image or URL).
//! Lookups are a binary search. The map never goes backwards and every offset it yields is a
//! char boundary of the source, so [`ProseRun::source_span`] can always be sliced. Soft line
//! breaks vanish between CJK chars and become one space elsewhere; hard breaks become `\n`.
#![forbid(unsafe_code)]

mod flat;
mod pieces;
mod run;
mod url;

use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use rustdocs_span::Span;
use serde::Serialize;

pub use pieces::{
    Cuts, Definitions, Piece, assemble, cut, cuts, settle, walk_all, walk_cut, walk_piece,
    walk_piece_knowing,
};
use run::{Map, RunBuilder, Shared};
pub use run::{ProseRun, RunKind};

/// The stand-in for an excluded inline element (U+FFFC OBJECT REPLACEMENT CHARACTER).
pub const OBJECT_REPLACEMENT: char = '\u{FFFC}';

/// The Markdown extensions the walk enables; front matter is cut off by the caller instead.
pub const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_TASKLISTS);

/// A parsed Markdown body: its prose runs in source order and its headings.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Prose runs in source order.
    pub runs: Vec<ProseRun>,
    /// Headings in source order; [`ProseRun::section`] and [`Section::parent`] index into it.
    pub sections: Vec<Section>,
}

impl Document {
    /// Heading titles from the outermost section down to `section`.
    #[must_use]
    pub fn section_path(&self, section: Option<usize>) -> Vec<&str> {
        let mut path: Vec<&str> = self.enclosing_titles(section).collect();
        path.reverse();
        path
    }

    /// Heading titles from `section` out to the outermost: [`Document::section_path`]
    /// backwards, for a caller that needs no vector.
    pub fn enclosing_titles(&self, section: Option<usize>) -> impl Iterator<Item = &str> {
        let mut at = section;
        std::iter::from_fn(move || {
            let s = self.sections.get(at?)?;
            // Parents always come earlier, so this ends even on a hand-built document.
            at = s.parent.filter(|&p| Some(p) < at);
            Some(s.title.as_str())
        })
    }
}

/// A heading and the place it holds in the section tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// Heading level, 1 to 6.
    pub level: u8,
    /// The title flattened like prose, excluded elements dropped and outer space trimmed.
    pub title: String,
    /// The whole heading in source, setext underline included, line ending excluded.
    pub span: Span,
    /// Source extent of the title text.
    pub title_span: Span,
    /// Index of the nearest earlier heading with a lower level.
    pub parent: Option<usize>,
}

/// Walks `source[body_start..]` into prose runs and sections; all offsets are into `source`.
///
/// `body_start` is where the front matter ends; an offset inside a char or past the end is
/// clamped, and a byte-order mark at the body start is skipped.
///
/// A large body is walked a piece at a time (see [`cuts`]): pulldown-cmark builds a tree of
/// everything it is given before the first event, and a tree the size of a piece stays in
/// cache where one the size of a 20 MB file does not. The result is the whole walk's. The
/// pieces are walked on this thread; with many runs (a body of a megabyte or more), they
/// are joined on the rayon pool ([`assemble`]).
#[must_use]
pub fn parse(source: &str, body_start: usize) -> Document {
    let walk_each = |ranges: Vec<Range<usize>>, known: Option<&Definitions>| {
        ranges
            .into_iter()
            .map(|range| (walk_piece_knowing(source, range, known), ()))
            .collect()
    };
    match walk_cut(source, cut(source, body_start, PIECE_BYTES), walk_each) {
        Some(walked) => assemble(walked.into_iter().map(|(piece, ())| piece)),
        None => parse_whole(source, body_start),
    }
}

/// [`parse`] without pieces: the body walked at once, as one pulldown-cmark document. The
/// same result; for bodies that [`walk_cut`] refuses to walk in pieces, and as the oracle
/// the pieces are held to.
#[must_use]
pub fn parse_whole(source: &str, body_start: usize) -> Document {
    let (runs, walked) = walk_range_at_once(source, body_range(source, body_start), None);
    let mut sections = walked.sections;
    link_parents(&mut sections);
    Document { runs, sections }
}

/// Bytes [`parse`] aims to walk at a time: a quarter of a megabyte keeps pulldown-cmark's
/// tree of a piece in the second-level cache, and makes a few hundred steps of a large file.
pub const PIECE_BYTES: usize = 256 * 1024;

/// [`parse`], handing the runs to `sink` as the walk finishes them, in source order, in
/// batches of at least `batch` runs (the last may be shorter); returns the sections.
///
/// A caller can start on the first runs of a large document while the rest is still being
/// walked. The batches, concatenated, are exactly [`parse`]'s runs: a run is handed over only
/// once nothing later in the walk can change it.
pub fn parse_in_batches(
    source: &str,
    body_start: usize,
    batch: usize,
    sink: impl FnMut(Vec<ProseRun>),
) -> Vec<Section> {
    let (mut sections, _) = walk_range(source, body_range(source, body_start), batch, sink);
    link_parents(&mut sections);
    sections
}

/// The body of `source` after `body_start`: clamped to a char boundary, byte-order mark
/// skipped.
fn body_range(source: &str, body_start: usize) -> Range<usize> {
    let mut start = source.floor_char_boundary(body_start.min(source.len()));
    if source[start..].starts_with('\u{FEFF}') {
        start += '\u{FEFF}'.len_utf8();
    }
    start..source.len()
}

/// Walks `source[range]` as a Markdown document of its own, handing runs to `sink` in
/// batches of at least `batch`; returns the sections (parents unset) and whether the walk
/// ended inside a code or HTML block that reaches the end of the range, which text after
/// the range could have continued.
fn walk_range(
    source: &str,
    range: Range<usize>,
    batch: usize,
    sink: impl FnMut(Vec<ProseRun>),
) -> (Vec<Section>, bool) {
    let walked = walk_range_knowing(source, range, batch, None, sink);
    (walked.sections, walked.ends_open)
}

/// What [`walk_range_knowing`] found besides the runs it handed over.
struct Walked {
    sections: Vec<Section>,
    /// Whether the walk ended inside a block the text after the range could continue.
    ends_open: bool,
    /// The link reference labels the range defines, with the bytes an expansion of each
    /// costs against pulldown-cmark's expansion limit.
    defined: Vec<(String, usize)>,
}

/// [`walk_range_knowing`] in one batch: the runs, taken as the walk hands them over rather
/// than copied, and what else it found.
fn walk_range_at_once(
    source: &str,
    range: Range<usize>,
    known: Option<&pieces::Definitions>,
) -> (Vec<ProseRun>, Walked) {
    let mut runs = Vec::new();
    let walked = walk_range_knowing(source, range, usize::MAX, known, |batch| {
        debug_assert!(runs.is_empty(), "a walk in one batch hands over one batch");
        runs = batch;
    });
    (runs, walked)
}

/// [`walk_range`], with reference links to labels that `known` holds resolved as links:
/// the labels another piece of the same body defines.
fn walk_range_knowing(
    source: &str,
    range: Range<usize>,
    batch: usize,
    known: Option<&pieces::Definitions>,
    mut sink: impl FnMut(Vec<ProseRun>),
) -> Walked {
    let batch = batch.max(1);
    let start = range.start;
    let mut walker = Walker::new(source);
    // Real documents average 100–200 source bytes per run (seed 003: 115); reserving up
    // front spares the run list its regrowth copies.
    let expected = (range.len() / 100).min(batch);
    walker.runs.reserve(expected);
    // Later batches get the same room from `take_runs`.
    walker.shared = Shared::with_room(expected);
    let mut depth = 0usize;
    let mut last_top_may_continue = false;
    let mut last_top_end = 0;
    // Only whether a label resolves matters to the walk, never where it points: the
    // destination and title given are empty, which also keeps them off the expansion limit.
    let resolve = |link: BrokenLink<'_>| {
        known
            .filter(|k| k.contains(&link.reference))
            .map(|_| (CowStr::Borrowed(""), CowStr::Borrowed("")))
    };
    let mut events =
        Parser::new_with_broken_link_callback(&source[range.clone()], OPTIONS, Some(resolve))
            .into_offset_iter();
    for (event, event_range) in events.by_ref() {
        match &event {
            Event::Start(tag) => {
                if depth == 0 {
                    last_top_may_continue = matches!(tag, Tag::CodeBlock(_) | Tag::HtmlBlock);
                    last_top_end = event_range.end + start;
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        walker.event(
            event,
            (event_range.start + start)..(event_range.end + start),
        );
        // Between events every kept run is final: a heading's title is taken from its run
        // while its end event is handled.
        if walker.runs.len() >= batch {
            sink(walker.take_runs(expected));
        }
    }
    walker.finish_run();
    if !walker.runs.is_empty() {
        sink(walker.take_runs(0));
    }
    // A fenced code block or an HTML block of the kinds that run past blank lines (`<pre>`,
    // `<!--`) and that is still open reaches the very end; a closed one, or one ended by a
    // blank line, stops before it.
    let ends_open = last_top_may_continue && last_top_end >= range.end;
    let defined = pieces::defined_in(events.reference_definitions());
    Walked {
        sections: walker.sections,
        ends_open,
        defined,
    }
}

/// Sets each section's parent: the nearest earlier heading of a lower level.
fn link_parents(sections: &mut [Section]) {
    // Indices of the headings still open, outermost first.
    let mut open: Vec<usize> = Vec::new();
    for i in 0..sections.len() {
        let level = sections[i].level;
        while open.last().is_some_and(|&top| sections[top].level >= level) {
            open.pop();
        }
        sections[i].parent = open.last().copied();
        open.push(i);
    }
}

/// Block containers that decide a paragraph's [`RunKind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Item,
    Quote,
    Footnote,
}

/// The open run and what it was opened with.
struct OpenRun {
    builder: RunBuilder,
    kind: RunKind,
    quote_depth: u8,
    section: Option<usize>,
    /// A soft break waiting for the next char, which decides between nothing and a space.
    pending_break: Option<Range<usize>>,
    /// Whether the last piece is inline HTML, so a tag sequence folds into one U+FFFC.
    after_html: bool,
}

struct Walker<'s> {
    source: &'s str,
    runs: Vec<ProseRun>,
    /// Headings so far, parents unset until the walk is done ([`link_parents`]).
    sections: Vec<Section>,
    section: Option<usize>,
    containers: Vec<Container>,
    quote_depth: u8,
    /// The leaf block being read (paragraph, heading, cell), if any.
    leaf: Option<RunKind>,
    open: Option<OpenRun>,
    /// Nesting depth of an excluded element (code block, HTML block, image, autolink).
    skip: u32,
    /// The buffers of the last finished run, cleared for the next: every run is built in
    /// the same grown scratch space, so building a run allocates nothing.
    spare: RunBuilder,
    /// The text and maps of the runs in `runs`, which point into it by range until
    /// [`Walker::take_runs`] hands it to them.
    shared: Shared,
}

impl<'s> Walker<'s> {
    fn new(source: &'s str) -> Self {
        Self {
            source,
            runs: Vec::new(),
            sections: Vec::new(),
            section: None,
            containers: Vec::new(),
            quote_depth: 0,
            leaf: None,
            open: None,
            skip: 0,
            spare: RunBuilder::default(),
            shared: Shared::default(),
        }
    }

    /// Takes the finished runs with their texts and maps, shrunk to fit and shared by them,
    /// leaving room for `next` runs.
    fn take_runs(&mut self, next: usize) -> Vec<ProseRun> {
        let mut shared = std::mem::replace(&mut self.shared, Shared::with_room(next));
        shared.shrink_to_fit();
        let buf = Arc::new(shared);
        for run in &mut self.runs {
            run.attach(&buf);
        }
        std::mem::replace(&mut self.runs, Vec::with_capacity(next))
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        if self.skip > 0 {
            match event {
                Event::Start(_) => self.skip += 1,
                Event::End(_) => self.skip -= 1,
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(&tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text, range),
            Event::Code(code) => self.code(&code, range),
            Event::InlineHtml(_) => self.exclude(range, true),
            Event::InlineMath(_) | Event::DisplayMath(_) | Event::FootnoteReference(_) => {
                self.exclude(range, false);
            }
            Event::SoftBreak => {
                if let Some(open) = &mut self.open
                    && !open.builder.text.is_empty()
                {
                    open.pending_break = Some(range);
                }
            }
            Event::HardBreak => {
                if let Some(open) = &mut self.open
                    && !open.builder.text.is_empty()
                {
                    open.pending_break = None;
                    open.after_html = false;
                    open.builder.push_replacement("\n", range);
                }
            }
            Event::Rule => {
                self.finish_run();
            }
            // Html events only occur inside HTML blocks, which are skipped whole.
            Event::Html(_) | Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: &Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Paragraph => {
                self.finish_run();
                self.leaf = Some(if self.containers.last() == Some(&Container::Item) {
                    RunKind::ListItem
                } else {
                    RunKind::Paragraph
                });
            }
            Tag::Heading { level, .. } => {
                self.finish_run();
                self.open_section(*level as u8, range);
                self.leaf = Some(RunKind::Heading);
            }
            Tag::TableCell => {
                self.finish_run();
                self.leaf = Some(RunKind::TableCell);
            }
            Tag::BlockQuote(_) => {
                self.finish_run();
                self.containers.push(Container::Quote);
                self.quote_depth = self.quote_depth.saturating_add(1);
            }
            Tag::Item => {
                self.finish_run();
                self.containers.push(Container::Item);
            }
            Tag::FootnoteDefinition(_) => {
                self.finish_run();
                self.containers.push(Container::Footnote);
            }
            Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) => {
                self.finish_run();
                self.skip = 1;
            }
            Tag::Image { .. }
            | Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            } => {
                self.exclude(range, false);
                self.skip = 1;
            }
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. } => {}
            Tag::List(_)
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => {
                self.finish_run();
            }
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::TableCell => {
                self.finish_run();
                self.leaf = None;
            }
            TagEnd::Heading(_) => {
                let run = self.finish_run();
                self.leaf = None;
                self.close_heading(run);
            }
            TagEnd::BlockQuote(_) => {
                self.finish_run();
                self.containers.pop();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::Item | TagEnd::FootnoteDefinition => {
                self.finish_run();
                self.containers.pop();
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image => {}
            _ => {
                self.finish_run();
            }
        }
    }

    fn open_section(&mut self, level: u8, range: Range<usize>) {
        let mut end = range.end.min(self.source.len());
        let bytes = self.source.as_bytes();
        while end > range.start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        let index = self.sections.len();
        self.sections.push(Section {
            level,
            title: String::new(),
            span: Span::new(range.start, end),
            title_span: Span::empty(range.start),
            parent: None,
        });
        self.section = Some(index);
    }

    fn close_heading(&mut self, run: Option<usize>) {
        let (Some(index), Some(run)) = (self.section, run.and_then(|i| self.runs.get(i))) else {
            return;
        };
        // The run's text is not its own yet: it is read in the buffer the walk is filling.
        let text = run.text_in(&self.shared);
        let title = if text.contains(OBJECT_REPLACEMENT) {
            let title: String = text.chars().filter(|&c| c != OBJECT_REPLACEMENT).collect();
            title.trim().to_owned()
        } else {
            text.trim().to_owned()
        };
        // The span covers the title proper, not stand-ins for a leading or trailing image.
        let is_title = |c: char| c != OBJECT_REPLACEMENT && !c.is_whitespace();
        let start = text.find(is_title).unwrap_or(0);
        let end = text.rfind(is_title).map_or(text.len(), |at| {
            at + text[at..].chars().next().map_or(0, char::len_utf8)
        });
        let title_span = run.source_span_in(&self.shared, start..end.max(start));
        let section = &mut self.sections[index];
        section.title = title;
        section.title_span = title_span;
    }

    /// The open run, opened now if needed, with any pending soft break settled against `next`.
    fn content(&mut self, next: char) -> &mut OpenRun {
        let kind = self
            .leaf
            .unwrap_or(if self.containers.last() == Some(&Container::Item) {
                RunKind::ListItem
            } else {
                RunKind::Paragraph
            });
        let (quote_depth, section) = (self.quote_depth, self.section);
        let spare = &mut self.spare;
        let open = self.open.get_or_insert_with(|| OpenRun {
            builder: std::mem::take(spare),
            kind,
            quote_depth,
            section,
            pending_break: None,
            after_html: false,
        });
        if let Some(brk) = open.pending_break.take()
            && let Some(prev) = open.builder.last_char()
            && !joins_without_space(prev, next)
        {
            open.builder.push_replacement(" ", brk);
        }
        open.after_html = false;
        open
    }

    fn text(&mut self, text: &str, range: Range<usize>) {
        let Some(first) = text.chars().next() else {
            return;
        };
        let source = self.source;
        let open = self.content(first);
        let raw = source.get(range.clone()).unwrap_or("");
        // Plain text borrows exactly its source range; equal pointers spare the byte compare.
        if std::ptr::eq(raw, text) || raw == text {
            open.builder.push_verbatim(text, range.start);
        } else if entity_len(raw.as_bytes()) == Some(raw.len()) {
            // pulldown-cmark gives each character reference its own event.
            open.builder.push_replacement(text, range);
        } else {
            align(&mut open.builder, source, text, range);
        }
    }

    fn code(&mut self, code: &str, range: Range<usize>) {
        let Some(first) = code.chars().next() else {
            return;
        };
        let source = self.source;
        let bytes = source.as_bytes();
        let (mut inner_start, mut inner_end) = (range.start, range.end.min(bytes.len()));
        while inner_start < inner_end && bytes[inner_start] == b'`' {
            inner_start += 1;
        }
        while inner_end > inner_start && bytes[inner_end - 1] == b'`' {
            inner_end -= 1;
        }
        let open = self.content(first);
        let start = open.builder.text.len();
        let raw = source.get(inner_start..inner_end);
        if raw.is_some_and(|raw| std::ptr::eq(raw, code)) || raw == Some(code) {
            open.builder.push_verbatim(code, inner_start);
        } else {
            align(&mut open.builder, source, code, inner_start..inner_end);
        }
        open.builder.code.push(start..open.builder.text.len());
    }

    /// Leaves one U+FFFC for an excluded element; runs of inline HTML tags share one.
    fn exclude(&mut self, range: Range<usize>, html: bool) {
        if html
            && let Some(open) = &mut self.open
            && open.after_html
            && open.pending_break.is_none()
            && let Some(last) = open.builder.segments.last_mut()
        {
            last.src_end = last.src_end.max(range.end);
            return;
        }
        let open = self.content(OBJECT_REPLACEMENT);
        let mut buf = [0; 4];
        open.builder
            .push_replacement(OBJECT_REPLACEMENT.encode_utf8(&mut buf), range);
        open.after_html = html;
    }

    /// Closes the open run, keeping it if it holds any prose; returns its index.
    fn finish_run(&mut self) -> Option<usize> {
        let open = self.open.take()?;
        let mut builder = open.builder;
        let urls = url::find_urls(&builder.text);
        let folded = (!urls.is_empty()).then(|| url::fold_urls(&builder, &urls));
        let run = folded.as_ref().unwrap_or(&builder);
        let keep = !run
            .text
            .chars()
            .all(|c| c == OBJECT_REPLACEMENT || c.is_whitespace());
        if keep {
            let start = self.shared.text.len();
            self.shared.text.push_str(&run.text);
            let map = Map::in_shared(&mut self.shared, &run.segments, &run.code);
            self.runs.push(ProseRun::new(
                open.kind,
                start..self.shared.text.len(),
                open.section,
                open.quote_depth,
                map,
            ));
        }
        builder.clear();
        self.spare = builder;
        keep.then(|| self.runs.len() - 1)
    }
}

/// Maps `text` onto `source[range]` where the two differ (entities, escapes, code-span line
/// endings, stripped indentation), char by char and in one pass.
fn align(builder: &mut RunBuilder, source: &str, text: &str, range: Range<usize>) {
    let end = range.end.min(source.len());
    let mut p = range.start.min(end);
    for (i, c) in text.char_indices() {
        let piece = &text[i..i + c.len_utf8()];
        let rest = source.get(p..end).unwrap_or("");
        let bytes = rest.as_bytes();
        if rest.starts_with(c) {
            builder.push_verbatim(piece, p);
            p += c.len_utf8();
        } else if c == ' ' && matches!(bytes.first(), Some(b'\r' | b'\n')) {
            // A code-span line ending read as a space. pulldown-cmark may read CRLF as one
            // space or as two; map each space to its own byte(s) so that what follows stays
            // aligned (and is never mistaken for an entity).
            let next_is_space = text[i + c.len_utf8()..].starts_with(' ');
            let len = if rest.starts_with("\r\n") && !next_is_space {
                2
            } else {
                1
            };
            builder.push_replacement(piece, p..p + len);
            p += len;
        } else if bytes.first() == Some(&b'\\') && rest[1..].starts_with(c) {
            builder.push_replacement(piece, p..p + 1 + c.len_utf8());
            p += 1 + c.len_utf8();
        } else if let Some(semi) = entity_len(bytes) {
            builder.push_replacement(piece, p..p + semi);
            p += semi;
        } else if let Some(skip) = skippable(bytes, c) {
            p += skip;
            builder.push_verbatim(piece, p);
            p += c.len_utf8();
        } else if !builder.extend_replacement(piece) {
            // A char the source writes differently (a code-span line ending read as a space).
            let len = if rest.starts_with("\r\n") {
                2
            } else {
                rest.chars().next().map_or(0, char::len_utf8)
            };
            builder.push_replacement(piece, p..p + len);
            p += len;
        }
    }
}

/// Length of the character reference at the start of `bytes` (`&amp;`, `&#x4e2d;`), if any.
fn entity_len(bytes: &[u8]) -> Option<usize> {
    if bytes.first() != Some(&b'&') {
        return None;
    }
    let window = &bytes[..bytes.len().min(40)];
    let semi = memchr::memchr(b';', window)?;
    window[1..semi]
        .iter()
        .all(|&b| b.is_ascii_alphanumeric() || b == b'#')
        .then_some(semi + 1)
}

/// Bytes to skip (whitespace, block-quote markers) before `c` appears at the start of `bytes`.
fn skippable(bytes: &[u8], c: char) -> Option<usize> {
    let skip = bytes
        .iter()
        .take(64)
        .take_while(|&&b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'>'))
        .count();
    let mut buf = [0; 4];
    (skip > 0 && bytes[skip..].starts_with(c.encode_utf8(&mut buf).as_bytes())).then_some(skip)
}

/// Whether a soft break between `prev` and `next` disappears, as it does between CJK chars.
fn joins_without_space(prev: char, next: char) -> bool {
    if prev.is_whitespace() || next.is_whitespace() {
        return true;
    }
    (is_wide(prev) || is_cjk_quote(prev))
        && (is_wide(next) || is_cjk_quote(next))
        && (is_wide(prev) || is_wide(next))
}

/// CJK scripts, CJK punctuation and full-width forms.
fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{9FFF}'
        | '\u{A960}'..='\u{A97F}'
        | '\u{AC00}'..='\u{D7AF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// Punctuation Chinese text shares with Latin text: curly quotes, ellipsis, dashes, middle dot.
fn is_cjk_quote(c: char) -> bool {
    matches!(
        c,
        '\u{2018}'..='\u{201D}' | '\u{2026}' | '\u{2014}' | '\u{00B7}'
    )
}

#[cfg(test)]
mod tests {
    use super::{entity_len, joins_without_space};

    #[test]
    fn soft_break_joins() {
        assert!(joins_without_space('中', '文'));
        assert!(joins_without_space('，', '“'));
        assert!(joins_without_space('”', '与'));
        assert!(joins_without_space('。', '（'));
        assert!(!joins_without_space('文', 'E'));
        assert!(!joins_without_space('3', '年'));
        assert!(!joins_without_space('“', '”'));
        assert!(!joins_without_space('a', 'b'));
    }

    #[test]
    fn entity_lengths() {
        assert_eq!(entity_len(b"&amp; x"), Some(5));
        assert_eq!(entity_len(b"&#x4e2d;"), Some(8));
        assert_eq!(entity_len(b"& amp;"), None);
        assert_eq!(entity_len(b"&amp"), None);
        assert_eq!(entity_len(b"amp;"), None);
    }
}
