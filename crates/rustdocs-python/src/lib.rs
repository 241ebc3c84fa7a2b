//! `rustdocs._native`: the Python face of rustdocs.
//!
//! This crate only converts: Python arguments into [`rustdocs::Options`], the analysis into
//! the JSON shape the CLI prints plus Python `str` offsets, and Rust errors into the Python
//! exception hierarchy. All logic lives in the pyo3-free crates. Batch calls release the GIL
//! and run on a rayon pool.

use pyo3::create_exception;
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use rayon::prelude::*;
use rustdocs::{Analysis, Error, Kinds, Options};
use rustdocs_span::CharOffsets;

create_exception!(
    rustdocs,
    RustdocsError,
    PyValueError,
    "Base class of every rustdocs error."
);
create_exception!(
    rustdocs,
    FrontMatterError,
    RustdocsError,
    "The front matter does not parse; `.line`, `.column` and `.path` say where, `.kind` what."
);
create_exception!(
    rustdocs,
    DocumentTooLargeError,
    RustdocsError,
    "The document exceeds the size limit."
);

/// A `(start, end)` pair of Python `str` offsets.
type StrRange = (usize, usize);

/// A diagnostic's `str` range and the `str` ranges of its related places, in JSON order.
type DiagnosticRanges = (usize, usize, Vec<StrRange>);

/// A parsed document: the CLI's JSON text, the `str` ranges of every entity, section and
/// diagnostic (in the order of the JSON arrays), and the source text when Rust read it from a
/// file (`None` when the caller passed the text, which it already holds).
type Parsed = (
    String,
    Vec<StrRange>,
    Vec<StrRange>,
    Vec<DiagnosticRanges>,
    Option<String>,
);

/// A [`Parsed`] but for the source text, which the caller adds.
type Converted = (String, Vec<StrRange>, Vec<StrRange>, Vec<DiagnosticRanges>);

/// Why one document of a batch failed: exception class name, message, line, column and the
/// front-matter error's stable kind code.
type Failure = (
    String,
    String,
    Option<usize>,
    Option<usize>,
    Option<&'static str>,
);

fn options(
    path: Option<String>,
    reference_date: Option<&str>,
    kinds: Option<&str>,
) -> PyResult<Options> {
    let reference_date = parse_reference(reference_date)?;
    let kinds = kinds
        .map(Kinds::parse_list)
        .transpose()
        .map_err(PyValueError::new_err)?
        .unwrap_or_default();
    Ok(Options {
        reference_date,
        path,
        kinds,
        ..Options::default()
    })
}

/// Byte offsets of one document converted to `str` offsets in a single forward pass.
///
/// Related spans of diagnostics may point backwards, so offsets are sorted first rather than
/// converted in arrival order, which keeps the conversion linear in the file size.
struct StrOffsets {
    bytes: Vec<usize>,
    chars: Vec<usize>,
}

impl StrOffsets {
    fn new(source: &str, mut bytes: Vec<usize>) -> Self {
        bytes.sort_unstable();
        bytes.dedup();
        let mut cursor = CharOffsets::new(source);
        let chars = bytes.iter().map(|&b| cursor.get(b)).collect();
        Self { bytes, chars }
    }

    fn get(&self, byte: usize) -> usize {
        // Every offset asked for was collected in `new`; the fallback is never taken.
        self.bytes.binary_search(&byte).map_or(0, |i| self.chars[i])
    }

    fn range(&self, span: rustdocs::Span) -> StrRange {
        (self.get(span.start), self.get(span.end))
    }
}

fn convert(analysis: &Analysis<'_>) -> Converted {
    let json = serde_json::to_string(analysis).unwrap_or_default();
    let spans = analysis
        .entities
        .iter()
        .map(|e| e.span)
        .chain(analysis.document.sections.iter().map(|s| s.span))
        .chain(
            analysis
                .diagnostics
                .iter()
                .flat_map(|d| std::iter::once(d.span).chain(d.related.iter().map(|r| r.span))),
        );
    let table = StrOffsets::new(
        analysis.source(),
        spans.flat_map(|s| [s.start, s.end]).collect(),
    );
    let entities = analysis
        .entities
        .iter()
        .map(|e| table.range(e.span))
        .collect();
    let sections = analysis
        .document
        .sections
        .iter()
        .map(|s| table.range(s.span))
        .collect();
    let diagnostics = analysis
        .diagnostics
        .iter()
        .map(|d| {
            let (start, end) = table.range(d.span);
            let related = d.related.iter().map(|r| table.range(r.span)).collect();
            (start, end, related)
        })
        .collect();
    (json, entities, sections, diagnostics)
}

fn failure(path: Option<&str>, err: &Error) -> Failure {
    let prefix = path.map(|p| format!("{p}: ")).unwrap_or_default();
    match err {
        Error::FrontMatter(e) => (
            "FrontMatterError".into(),
            format!("{prefix}{e}"),
            Some(e.line),
            Some(e.column),
            Some(e.kind.code()),
        ),
        Error::TooLarge { .. } => (
            "DocumentTooLargeError".into(),
            format!("{prefix}{err}"),
            None,
            None,
            None,
        ),
        _ => (
            "RustdocsError".into(),
            format!("{prefix}{err}"),
            None,
            None,
            None,
        ),
    }
}

fn raise(py: Python<'_>, path: Option<&str>, failure: Failure) -> PyErr {
    let (class, message, line, column, kind) = failure;
    let err = match class.as_str() {
        "FrontMatterError" => FrontMatterError::new_err(message),
        "DocumentTooLargeError" => DocumentTooLargeError::new_err(message),
        _ => RustdocsError::new_err(message),
    };
    let value = err.value(py);
    // Attributes are set on the instance so `except FrontMatterError as e: e.line` works, and
    // they live in the instance `__dict__`, which pickling keeps.
    let _ = value.setattr("line", line);
    let _ = value.setattr("column", column);
    let _ = value.setattr("path", path);
    let _ = value.setattr("kind", kind);
    err
}

/// Analyzes one document; returns `(json, entity_ranges, section_ranges, diagnostic_ranges, None)`.
#[pyfunction]
#[pyo3(signature = (text, path=None, reference_date=None, kinds=None))]
fn parse(
    py: Python<'_>,
    text: PyBackedStr,
    path: Option<String>,
    reference_date: Option<&str>,
    kinds: Option<&str>,
) -> PyResult<Parsed> {
    let opts = options(path.clone(), reference_date, kinds)?;
    let result = py.detach(|| {
        rustdocs::analyze(&text, &opts).map(|a| {
            let (json, entities, sections, diagnostics) = convert(&a);
            (json, entities, sections, diagnostics, None)
        })
    });
    result.map_err(|e| raise(py, path.as_deref(), failure(path.as_deref(), &e)))
}

/// Reads (when `is_path`) and analyzes one item of a batch.
fn analyze_item(is_path: bool, item: &str, base: &Options) -> (Option<Parsed>, Option<Failure>) {
    let (path, owned) = if is_path {
        let read = std::fs::read(item)
            .map_err(|e| (format!("{item}: cannot read: {e}"), None, None))
            .and_then(|bytes| {
                rustdocs::decode_utf8(bytes)
                    .map_err(|e| (format!("{item}: {e}"), Some(e.line), Some(e.column)))
            });
        match read {
            Ok(text) => (Some(item.to_owned()), Some(text)),
            Err((message, line, column)) => {
                return (
                    None,
                    Some(("RustdocsError".into(), message, line, column, None)),
                );
            }
        }
    } else {
        (None, None)
    };
    let text = owned.as_deref().unwrap_or(item);
    let opts = Options {
        path: path.clone(),
        ..base.clone()
    };
    match rustdocs::analyze(text, &opts).map(|a| convert(&a)) {
        // The source goes back to Python only when Python does not already hold it.
        Ok((json, entities, sections, diagnostics)) => {
            (Some((json, entities, sections, diagnostics, owned)), None)
        }
        Err(e) => (None, Some(failure(path.as_deref(), &e))),
    }
}

/// Analyzes many documents in parallel with the GIL released.
///
/// `items` are `(is_path, text_or_path)`; each result is `(parsed, None)` or
/// `(None, (exception_class, message, line, column, kind))`, so one bad document never stops
/// the batch. `threads=None` uses the process-wide pool sized to the machine.
#[pyfunction]
#[pyo3(signature = (items, threads=None, reference_date=None, kinds=None))]
fn parse_many(
    py: Python<'_>,
    items: Vec<(bool, PyBackedStr)>,
    threads: Option<usize>,
    reference_date: Option<&str>,
    kinds: Option<&str>,
) -> PyResult<Vec<(Option<Parsed>, Option<Failure>)>> {
    if threads == Some(0) {
        return Err(PyValueError::new_err("threads must be at least 1"));
    }
    let base = options(None, reference_date, kinds)?;
    let run = || {
        items
            .par_iter()
            .map(|(is_path, item)| analyze_item(*is_path, item, &base))
            .collect::<Vec<_>>()
    };
    let results = match threads {
        None => py.detach(run),
        Some(n) => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map_err(|e| PyOSError::new_err(format!("cannot start worker threads: {e}")))?;
            py.detach(|| pool.install(run))
        }
    };
    Ok(results)
}

/// Byte offset of every char offset of `text` (and of its end), for converting Python offsets.
fn byte_offsets(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

/// Converts a Python `str` range into a byte range of `text`.
fn to_bytes(offsets: &[usize], start: usize, end: usize) -> PyResult<std::ops::Range<usize>> {
    match (offsets.get(start), offsets.get(end)) {
        (Some(&s), Some(&e)) if s <= e => Ok(s..e),
        _ => Err(PyValueError::new_err(format!(
            "range {start}..{end} is not inside the text"
        ))),
    }
}

/// Matches of one recognizer as JSON: `[{text, start, end, byte_start, byte_end, value}]` with
/// Python `str` offsets in `start`/`end`.
fn matches_json<T: serde::Serialize>(text: &str, found: &[(std::ops::Range<usize>, T)]) -> String {
    let mut chars = CharOffsets::new(text);
    let items: Vec<serde_json::Value> = found
        .iter()
        .map(|(r, value)| {
            serde_json::json!({
                "text": &text[r.clone()],
                "start": chars.get(r.start),
                "end": chars.get(r.end),
                "byte_start": r.start,
                "byte_end": r.end,
                "value": value,
            })
        })
        .collect();
    serde_json::to_string(&items).unwrap_or_default()
}

fn parse_reference(reference_date: Option<&str>) -> PyResult<Option<jiff::civil::Date>> {
    reference_date
        .map(|s| {
            s.parse::<jiff::civil::Date>().map_err(|e| {
                PyValueError::new_err(format!(
                    "reference_date: expected YYYY-MM-DD, got {s:?}: {e}"
                ))
            })
        })
        .transpose()
}

/// Datetimes in one string (a prose run): JSON matches.
#[pyfunction]
#[pyo3(signature = (text, reference_date=None, dotted=false, ignore=Vec::new()))]
fn find_datetimes(
    text: &str,
    reference_date: Option<&str>,
    dotted: bool,
    ignore: Vec<(usize, usize)>,
) -> PyResult<String> {
    let offsets = byte_offsets(text);
    let ignore = ignore
        .iter()
        .map(|&(s, e)| to_bytes(&offsets, s, e))
        .collect::<PyResult<Vec<_>>>()?;
    let options = rustdocs::datetime::Options {
        dotted_month_day: dotted,
        ignore,
    };
    let found = rustdocs::datetime::find_with(text, parse_reference(reference_date)?, &options);
    Ok(matches_json(text, &found))
}

/// Venues in one string: JSON matches.
#[pyfunction]
fn find_venues(text: &str) -> String {
    matches_json(text, &rustdocs::venue::recognize(text))
}

/// Builds the lines-of-code/release context from Python values.
fn loc_context<'a>(
    text: &str,
    heading_path: &'a [String],
    dates: Vec<(usize, usize, Option<String>)>,
) -> PyResult<rustdocs::loc::Context<'a>> {
    let offsets = byte_offsets(text);
    let dates = dates
        .into_iter()
        .map(|(s, e, start)| {
            Ok(rustdocs::loc::DateRef {
                range: to_bytes(&offsets, s, e)?,
                start,
            })
        })
        .collect::<PyResult<Vec<_>>>()?;
    Ok(rustdocs::loc::Context {
        heading_path: heading_path.iter().map(String::as_str).collect(),
        dates,
    })
}

/// A recognizer of the loc crate: a string and its context to matches.
type LocRecognizer<T> = fn(&str, &rustdocs::loc::Context) -> Vec<(std::ops::Range<usize>, T)>;

/// Runs a lines-of-code or release recognizer with a context built from Python values.
fn with_loc_context<T: serde::Serialize>(
    text: &str,
    heading_path: &[String],
    dates: Vec<(usize, usize, Option<String>)>,
    recognize: LocRecognizer<T>,
) -> PyResult<String> {
    let ctx = loc_context(text, heading_path, dates)?;
    Ok(matches_json(text, &recognize(text, &ctx)))
}

/// Lines-of-code figures in one string, under `heading_path`, given its datetimes: JSON matches.
#[pyfunction]
#[pyo3(signature = (text, heading_path=Vec::new(), dates=Vec::new()))]
fn find_loc(
    text: &str,
    heading_path: Vec<String>,
    dates: Vec<(usize, usize, Option<String>)>,
) -> PyResult<String> {
    with_loc_context(text, &heading_path, dates, rustdocs::loc::recognize_loc)
}

/// Releases in one string, under `heading_path`, given its datetimes: JSON matches.
#[pyfunction]
#[pyo3(signature = (text, heading_path=Vec::new(), dates=Vec::new()))]
fn find_releases(
    text: &str,
    heading_path: Vec<String>,
    dates: Vec<(usize, usize, Option<String>)>,
) -> PyResult<String> {
    with_loc_context(
        text,
        &heading_path,
        dates,
        rustdocs::loc::recognize_releases,
    )
}

/// The native module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add_function(wrap_pyfunction!(parse_many, m)?)?;
    m.add_function(wrap_pyfunction!(find_datetimes, m)?)?;
    m.add_function(wrap_pyfunction!(find_venues, m)?)?;
    m.add_function(wrap_pyfunction!(find_loc, m)?)?;
    m.add_function(wrap_pyfunction!(find_releases, m)?)?;
    m.add("RustdocsError", m.py().get_type::<RustdocsError>())?;
    m.add("FrontMatterError", m.py().get_type::<FrontMatterError>())?;
    m.add(
        "DocumentTooLargeError",
        m.py().get_type::<DocumentTooLargeError>(),
    )?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
