//! `rustdocs extract`: structured data for every document, as JSON, JSON lines, CSV or a table.

use std::io::{self, Write};

use rustdocs::{Analysis, Entity};

/// Output formats of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON array with an object per document.
    Json,
    /// One JSON object per document, one per line.
    Jsonl,
    /// One CSV row per entity.
    Csv,
    /// One aligned text row per entity, for reading in a terminal.
    Table,
}

/// Streams documents in the chosen format; call `begin`, `document` for each, then `end`.
///
/// Documents are rendered to bytes by [`render`] (in parallel, by the caller) and written in
/// input order, so the output is the same whatever the thread count.
pub struct Writer<W: Write> {
    out: W,
    format: Format,
    count: usize,
}

/// Renders one analyzed document in `format` to a buffer, without separators between
/// documents.
pub fn render(format: Format, analysis: &Analysis) -> io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(analysis.source().len() / 4);
    render_into(format, analysis, &mut out)?;
    Ok(out)
}

/// Renders one analyzed document in `format` to `out`, without separators between documents.
pub fn render_into(format: Format, analysis: &Analysis, out: &mut impl Write) -> io::Result<()> {
    match format {
        Format::Json | Format::Jsonl => analysis.write_json(&mut *out)?,
        Format::Csv => {
            for e in &analysis.entities {
                csv_row(out, analysis, e)?;
            }
        }
        Format::Table => table(out, analysis)?,
    }
    Ok(())
}

impl<W: Write> Writer<W> {
    /// Starts the output (the array bracket, the CSV header).
    pub fn begin(out: W, format: Format) -> io::Result<Self> {
        let mut w = Self {
            out,
            format,
            count: 0,
        };
        match format {
            Format::Json => w.out.write_all(b"[")?,
            Format::Csv => w
                .out
                .write_all(b"path,kind,text,start,end,line,column,section,value\n")?,
            Format::Jsonl | Format::Table => {}
        }
        Ok(w)
    }

    /// Writes one document rendered by [`render`].
    pub fn document(&mut self, rendered: &[u8]) -> io::Result<()> {
        self.document_with(|out| out.write_all(rendered))
    }

    /// Writes one document that `body` renders straight to the output (see [`render_into`]).
    pub fn document_with(&mut self, body: impl FnOnce(&mut W) -> io::Result<()>) -> io::Result<()> {
        match self.format {
            Format::Json => self
                .out
                .write_all(if self.count == 0 { b"\n" } else { b",\n" })?,
            Format::Jsonl | Format::Csv | Format::Table => {}
        }
        body(&mut self.out)?;
        if self.format == Format::Jsonl {
            self.out.write_all(b"\n")?;
        }
        self.count += 1;
        Ok(())
    }

    /// Finishes the output and flushes it.
    pub fn end(mut self) -> io::Result<()> {
        if self.format == Format::Json {
            self.out
                .write_all(if self.count == 0 { b"]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()
    }
}

fn csv_row(out: &mut impl Write, analysis: &Analysis, e: &Entity) -> io::Result<()> {
    let path = analysis.path.as_deref().unwrap_or("-");
    let section = analysis.section_path(e.section).join(" > ");
    let value = serde_json::to_string(&e.value).unwrap_or_default();
    writeln!(
        out,
        "{},{},{},{},{},{},{},{},{}",
        csv_field(path),
        e.kind.as_str(),
        csv_field(&e.text),
        e.span.start,
        e.span.end,
        e.position.line,
        e.position.column,
        csv_field(&section),
        csv_field(&value)
    )
}

fn table(out: &mut impl Write, analysis: &Analysis) -> io::Result<()> {
    let path = analysis.path.as_deref().unwrap_or("-");
    writeln!(out, "{path}: {} entities", analysis.entities.len())?;
    for e in &analysis.entities {
        let value = serde_json::to_string(&e.value).unwrap_or_default();
        writeln!(
            out,
            "  {:>5}:{:<4} {:<8} {}  {}",
            e.position.line,
            e.position.column,
            e.kind.as_str(),
            e.text.replace('\n', "⏎"),
            value
        )?;
    }
    Ok(())
}

/// Quotes a CSV field when it holds a separator, quote or line break (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(csv_field("北京"), "北京");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
