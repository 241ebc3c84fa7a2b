//! The JSON shape of an [`Analysis`], shared by the CLI (`extract --format json`) and Python
//! (`Document.to_dict()`): one object per document with `path`, `reference`, `front_matter`,
//! `sections`, `entities` and `diagnostics`.

use rayon::prelude::*;
use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};

use crate::{Analysis, Entity, Span};

/// A span with the line and column of its start, as every location is written in output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Located {
    /// First byte, into the whole file.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// 1-based character column of `start`.
    pub column: usize,
}

impl Located {
    /// `span` with `position`, the line and column of its start.
    fn at(span: Span, position: crate::Position) -> Self {
        Self {
            start: span.start,
            end: span.end,
            line: position.line,
            column: position.column,
        }
    }
}

impl Analysis<'_> {
    /// A span with its line and column.
    #[must_use]
    pub fn locate(&self, span: Span) -> Located {
        Located::at(span, self.position(span.start))
    }

    /// [`Analysis::locate`] for spans asked in ascending order, the line looked for from
    /// `near` ([`LineIndex::position_near`]).
    ///
    /// [`LineIndex::position_near`]: rustdocs_span::LineIndex::position_near
    fn locate_near(&self, span: Span, near: &mut usize) -> Located {
        let pos = self
            .line_index()
            .position_near(self.source(), span.start, near);
        Located::at(span, pos)
    }

    /// The document as a JSON value (the shape of `rustdocs extract --format json`).
    #[must_use]
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// Writes the document as compact JSON straight to `writer`, without building a value tree.
    ///
    /// A document with many sections or entities has them rendered on the rayon pool, a few
    /// batches at a time (so the buffers stay small), and written in order: the bytes are
    /// those of serializing the [`Analysis`] with `serde_json::to_writer`.
    pub fn write_json<W: std::io::Write>(&self, mut writer: W) -> serde_json::Result<()> {
        let raw = |w: &mut W, bytes: &[u8]| w.write_all(bytes).map_err(serde_json::Error::io);
        // The keys and values in the order of the `Serialize` implementation below.
        raw(&mut writer, b"{\"path\":")?;
        serde_json::to_writer(&mut writer, &self.path)?;
        raw(&mut writer, b",\"reference\":")?;
        serde_json::to_writer(&mut writer, &self.reference_out())?;
        raw(&mut writer, b",\"front_matter\":")?;
        serde_json::to_writer(&mut writer, &self.front_matter_out())?;
        raw(&mut writer, b",\"sections\":[")?;
        // The batches' buffers, kept from one group of batches to the next and from the
        // sections to the entities: fresh ones were fresh pages to fault in every time.
        let mut bufs = Vec::new();
        write_items(
            &mut writer,
            &mut bufs,
            &self.document.sections,
            150,
            // Sections follow the source: each batch finds a heading's line from the last
            // one's. A search of every line start per heading was half of rendering them.
            || 0,
            |near, buf, s| write_section(buf, self, s, near),
        )?;
        raw(&mut writer, b"],\"entities\":[")?;
        write_items(
            &mut writer,
            &mut bufs,
            &self.entities,
            400,
            PathCache::default,
            |paths, buf, e| write_entity(buf, self, e, paths),
        )?;
        raw(&mut writer, b"],\"diagnostics\":")?;
        serde_json::to_writer(&mut writer, &Diagnostics(self))?;
        raw(&mut writer, b"}")
    }

    fn reference_out(&self) -> Option<ReferenceOut> {
        self.reference.map(|r| ReferenceOut {
            date: r.date.to_string(),
            source: r.source,
            precision: r.precision,
        })
    }

    fn front_matter_out(&self) -> Option<FrontMatterOut<'_>> {
        self.front_matter.as_ref().map(|fm| FrontMatterOut {
            format: fm.format,
            span: self.locate(fm.span),
            data: &fm.data,
        })
    }
}

/// Documents with at least this many entities or sections have them rendered in parallel:
/// below it, handing batches to the pool costs more than rendering them (a 125 KB report has
/// 1,500 entities and 110 sections).
const PARALLEL_ITEMS_ABOVE: usize = 8192;

/// Items one pool task renders: small enough that both cores finish a group of batches
/// nearly together (at 1 024, JSON for 20 MB of the report took about 4 % longer).
const BATCH: usize = 256;

/// Batches rendered before they are written: enough for every core, about 2.5 MB.
const BATCHES_AT_ONCE: usize = 32;

/// Writes `items` as the elements of a JSON array (without its brackets), each as `render`
/// writes it into a batch's buffer with the batch's scratch (made by `init`). A long list is
/// rendered on the pool a group of batches at a time, into the buffers of `bufs` (grown to a
/// group's batches and kept for the next group), and written in order; `bytes_each` is about
/// what one item renders to, so a batch's buffer rarely grows.
fn write_items<'a, W, T, S>(
    writer: &mut W,
    bufs: &mut Vec<Vec<u8>>,
    items: &'a [T],
    bytes_each: usize,
    init: impl Fn() -> S + Sync,
    render: impl Fn(&mut S, &mut Vec<u8>, &'a T) -> serde_json::Result<()> + Sync,
) -> serde_json::Result<()>
where
    W: std::io::Write,
    T: Sync,
{
    let batch = |g: usize, b: usize, chunk: &'a [T], kept: &mut Vec<u8>| {
        // Rendered in a buffer of the task's own: the kept buffers' lengths share cache
        // lines, and every push through `kept` made the cores fight over them.
        let mut buf = std::mem::take(kept);
        buf.clear();
        buf.reserve(chunk.len() * bytes_each);
        let mut scratch = init();
        let mut rendered = Ok(());
        for (i, item) in chunk.iter().enumerate() {
            if g + b + i > 0 {
                buf.push(b',');
            }
            rendered = render(&mut scratch, &mut buf, item);
            if rendered.is_err() {
                break;
            }
        }
        *kept = buf;
        rendered
    };
    let write = |writer: &mut W, buf: &[u8]| writer.write_all(buf).map_err(serde_json::Error::io);
    if items.len() < PARALLEL_ITEMS_ABOVE || rayon::current_num_threads() < 2 {
        let mut buf = bufs.pop().unwrap_or_default();
        for (b, chunk) in items.chunks(BATCH).enumerate() {
            batch(0, b, chunk, &mut buf)?;
            write(writer, &buf)?;
        }
        bufs.push(buf);
        return Ok(());
    }
    for (g, group) in items.chunks(BATCH * BATCHES_AT_ONCE).enumerate() {
        let batches = group.len().div_ceil(BATCH);
        if bufs.len() < batches {
            bufs.resize_with(batches, Vec::new);
        }
        let rendered: Vec<serde_json::Result<()>> = bufs[..batches]
            .par_iter_mut()
            .zip(group.par_chunks(BATCH))
            .enumerate()
            .map(|(b, (buf, chunk))| batch(g, b, chunk, buf))
            .collect();
        for (buf, done) in bufs.iter().zip(rendered) {
            done?;
            write(writer, buf)?;
        }
    }
    Ok(())
}

/// Writes `s` as a JSON string, as serde_json does: a string with nothing to escape (all
/// but a few in prose) is copied whole instead of scanned and written a piece at a time,
/// and is told from the others a block of bytes at a time.
fn write_str(buf: &mut Vec<u8>, s: &str) -> serde_json::Result<()> {
    if rustdocs_span::chars::any_byte(s.as_bytes(), b' ', |b| b < 0x20 || b == b'"' || b == b'\\') {
        return serde_json::to_writer(buf, s);
    }
    buf.reserve(s.len() + 2);
    buf.push(b'"');
    buf.extend_from_slice(s.as_bytes());
    buf.push(b'"');
    Ok(())
}

/// Writes a [`Located`] as its derived `Serialize` does.
fn write_located(buf: &mut Vec<u8>, at: Located) {
    let mut digits = itoa::Buffer::new();
    for (key, n) in [
        (&b"{\"start\":"[..], at.start),
        (b",\"end\":", at.end),
        (b",\"line\":", at.line),
        (b",\"column\":", at.column),
    ] {
        buf.extend_from_slice(key);
        buf.extend_from_slice(digits.format(n).as_bytes());
    }
    buf.push(b'}');
}

/// Writes a section as [`SectionOut`]'s derived `Serialize` does; `near` is the line of the
/// batch's last section ([`Analysis::locate_near`]).
fn write_section(
    buf: &mut Vec<u8>,
    analysis: &Analysis,
    s: &rustdocs_document::Section,
    near: &mut usize,
) -> serde_json::Result<()> {
    let out = SectionOut::new(s, analysis.locate_near(s.span, near));
    let mut digits = itoa::Buffer::new();
    buf.extend_from_slice(b"{\"level\":");
    buf.extend_from_slice(digits.format(out.level).as_bytes());
    buf.extend_from_slice(b",\"title\":");
    write_str(buf, out.title)?;
    buf.extend_from_slice(b",\"span\":");
    write_located(buf, out.span);
    buf.extend_from_slice(b",\"parent\":");
    match out.parent {
        Some(p) => buf.extend_from_slice(digits.format(p).as_bytes()),
        None => buf.extend_from_slice(b"null"),
    }
    buf.push(b'}');
    Ok(())
}

/// The rendered section path of the last entity a batch wrote: entities of one section
/// follow each other, and the path's titles are about a third of an entity's bytes.
#[derive(Default)]
struct PathCache {
    section: Option<usize>,
    /// Empty until the first path is rendered (a rendered path is at least `[]`).
    json: Vec<u8>,
}

/// Writes an entity as [`EntityOut`]'s derived `Serialize` does, all but its value by hand:
/// the envelope's keys are constants, written whole instead of escaped one by one.
fn write_entity(
    buf: &mut Vec<u8>,
    analysis: &Analysis,
    e: &Entity,
    paths: &mut PathCache,
) -> serde_json::Result<()> {
    let out = EntityOut::new(analysis, e);
    buf.extend_from_slice(b"{\"kind\":\"");
    buf.extend_from_slice(out.kind.as_str().as_bytes());
    buf.extend_from_slice(b"\",\"text\":");
    write_str(buf, out.text)?;
    buf.extend_from_slice(b",\"span\":");
    write_located(buf, out.span);
    buf.extend_from_slice(b",\"section\":");
    if paths.json.is_empty() || paths.section != e.section {
        paths.json.clear();
        serde_json::to_writer(&mut paths.json, &out.section)?;
        paths.section = e.section;
    }
    buf.extend_from_slice(&paths.json);
    if let Some(key) = out.front_matter_key {
        buf.extend_from_slice(b",\"front_matter_key\":");
        write_str(buf, key)?;
    }
    if out.quoted {
        buf.extend_from_slice(b",\"quoted\":true");
    }
    buf.extend_from_slice(b",\"value\":");
    serde_json::to_writer(&mut *buf, out.value)?;
    buf.push(b'}');
    Ok(())
}

/// [`Analysis::write_json`] renders the sections and entities apart: a change here must be
/// made there.
impl Serialize for Analysis<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(6))?;
        map.serialize_entry("path", &self.path)?;
        map.serialize_entry("reference", &self.reference_out())?;
        map.serialize_entry("front_matter", &self.front_matter_out())?;
        map.serialize_entry("sections", &Sections(self))?;
        map.serialize_entry("entities", &Entities(self))?;
        map.serialize_entry("diagnostics", &Diagnostics(self))?;
        map.end()
    }
}

#[derive(Serialize)]
struct ReferenceOut {
    date: String,
    source: crate::ReferenceSource,
    precision: rustdocs_extract::Precision,
}

#[derive(Serialize)]
struct FrontMatterOut<'a> {
    format: rustdocs_frontmatter::Format,
    span: Located,
    data: &'a serde_json::Map<String, serde_json::Value>,
}

struct Sections<'a>(&'a Analysis<'a>);

impl Serialize for Sections<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let sections = &self.0.document.sections;
        let mut seq = serializer.serialize_seq(Some(sections.len()))?;
        for s in sections {
            seq.serialize_element(&SectionOut::new(s, self.0.locate(s.span)))?;
        }
        seq.end()
    }
}

/// One section in output: level, title, located span and parent index ([`write_section`]
/// writes the same bytes by hand: a change here must be made there).
#[derive(Serialize)]
struct SectionOut<'a> {
    level: u8,
    title: &'a str,
    span: Located,
    parent: Option<usize>,
}

impl<'a> SectionOut<'a> {
    /// Section `s`, whose span is located at `span`.
    fn new(s: &'a rustdocs_document::Section, span: Located) -> Self {
        Self {
            level: s.level,
            title: &s.title,
            span,
            parent: s.parent,
        }
    }
}

struct Entities<'a>(&'a Analysis<'a>);

impl Serialize for Entities<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.entities.len()))?;
        for e in &self.0.entities {
            seq.serialize_element(&EntityOut::new(self.0, e))?;
        }
        seq.end()
    }
}

/// One entity in output: the SPEC's `kind`, `text`, `span`, `section` and `value`
/// ([`write_entity`] writes the same bytes by hand: a change here must be made there).
#[derive(Serialize)]
struct EntityOut<'a> {
    kind: crate::EntityKind,
    text: &'a str,
    span: Located,
    section: PathOut<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    front_matter_key: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    quoted: bool,
    value: &'a crate::EntityValue,
}

impl<'a> EntityOut<'a> {
    fn new(analysis: &'a Analysis<'_>, e: &'a Entity) -> Self {
        Self {
            kind: e.kind,
            text: &e.text,
            span: Located::at(e.span, e.position),
            section: PathOut(&analysis.document, e.section),
            front_matter_key: e.front_matter_key.as_deref(),
            quoted: e.quoted,
            value: &e.value,
        }
    }
}

/// An entity's section path, serialized as [`Document::section_path`] without building it:
/// a path is at most six headings deep in a parsed document, so it is gathered on the stack
/// (a vector per entity was one allocation in eight of the whole analysis).
///
/// [`Document::section_path`]: rustdocs_document::Document::section_path
struct PathOut<'a>(&'a rustdocs_document::Document, Option<usize>);

impl Serialize for PathOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        const INLINE: usize = 6;
        let mut inline = [""; INLINE];
        let mut deeper = Vec::new();
        let mut n = 0;
        for title in self.0.enclosing_titles(self.1) {
            if n < INLINE {
                inline[n] = title;
            } else {
                // Only a hand-built document nests deeper than six levels.
                deeper.push(title);
            }
            n += 1;
        }
        let mut seq = serializer.serialize_seq(Some(n))?;
        for title in deeper.iter().rev() {
            seq.serialize_element(title)?;
        }
        for title in inline[..n.min(INLINE)].iter().rev() {
            seq.serialize_element(title)?;
        }
        seq.end()
    }
}

struct Diagnostics<'a>(&'a Analysis<'a>);

impl Serialize for Diagnostics<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let a = self.0;
        let mut seq = serializer.serialize_seq(Some(a.diagnostics.len()))?;
        for d in &a.diagnostics {
            seq.serialize_element(&DiagnosticOut {
                severity: d.severity,
                code: d.code,
                message: &d.message,
                span: a.locate(d.span),
                label: d.label.as_deref(),
                related: d
                    .related
                    .iter()
                    .map(|r| RelatedOut {
                        span: a.locate(r.span),
                        message: &r.message,
                    })
                    .collect(),
            })?;
        }
        seq.end()
    }
}

/// One diagnostic in output: severity, stable code, message, located span, related spans.
#[derive(Serialize)]
struct DiagnosticOut<'a> {
    severity: crate::Severity,
    code: &'a str,
    message: &'a str,
    span: Located,
    label: Option<&'a str>,
    related: Vec<RelatedOut<'a>>,
}

#[derive(Serialize)]
struct RelatedOut<'a> {
    span: Located,
    message: &'a str,
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn strings_are_written_as_serde_json_writes_them(
            s in "(\\PC|[\\x00-\\x1f\"\\\\\\x7f\u{2028}])*"
        ) {
            let mut buf = Vec::new();
            super::write_str(&mut buf, &s).unwrap();
            prop_assert_eq!(buf, serde_json::to_vec(&s).unwrap());
        }
    }
}
