//! The pipeline cut into the stages `rustdocs::analyze` runs, so each can be timed alone.
//!
//! [`Prepared`] holds the output of every stage for one document; the stage functions redo
//! one stage from the previous stage's output.

use rustdocs::Options;
use rustdocs_datetime::Candidate;
use rustdocs_document::{Document, ProseRun, RunKind};
use rustdocs_extract::Extraction;
use rustdocs_frontmatter::FrontMatter;

/// One document with every stage's output computed once.
#[derive(Debug)]
pub struct Prepared<'a> {
    /// The source text.
    pub source: &'a str,
    /// Its front matter, if any.
    pub front_matter: Option<FrontMatter>,
    /// The walked body.
    pub document: Document,
    /// Entities and reference date.
    pub extraction: Extraction,
    /// The analysis as the facade returns it, for serialization.
    pub analysis: rustdocs::Analysis<'a>,
}

impl<'a> Prepared<'a> {
    /// Runs every stage once over `source`.
    pub fn new(source: &'a str) -> Result<Self, crate::PipelineError> {
        let front_matter = front_matter(source)?;
        let body_start = front_matter.as_ref().map_or(0, |fm| fm.body_start);
        let document = rustdocs_document::parse(source, body_start);
        let extraction = extract(source, &document);
        let analysis = rustdocs::analyze(source, &options())?;
        Ok(Self {
            source,
            front_matter,
            document,
            extraction,
            analysis,
        })
    }

    /// Body prose runs (what the recognizers see), front-matter runs excluded.
    pub fn runs(&self) -> impl Iterator<Item = &ProseRun> {
        self.document
            .runs
            .iter()
            .filter(|r| r.kind != RunKind::FrontMatter)
    }
}

/// The options the benchmarks analyze with: the defaults, with no size limit.
#[must_use]
pub fn options() -> Options {
    Options {
        max_bytes: usize::MAX,
        ..Options::default()
    }
}

/// Stage 1: front matter.
pub fn front_matter(source: &str) -> Result<Option<FrontMatter>, crate::PipelineError> {
    rustdocs_frontmatter::parse(source).map_err(|e| crate::PipelineError::Analyze(e.into()))
}

/// Stage 3a: datetime recognition (syntax only) over every run.
#[must_use]
pub fn datetimes(prepared: &Prepared) -> usize {
    let options = rustdocs_datetime::Options::default();
    prepared
        .runs()
        .map(|r| {
            let found: Vec<Candidate> = rustdocs_datetime::recognize(r.text(), &options);
            found.len()
        })
        .sum()
}

/// Stage 3b: venue recognition over every run.
#[must_use]
pub fn venues(prepared: &Prepared) -> usize {
    prepared
        .runs()
        .map(|r| rustdocs_venue::recognize(r.text()).len())
        .sum()
}

/// Stage 3c: lines-of-code figures over every run, with the run's heading path.
#[must_use]
pub fn locs(prepared: &Prepared) -> usize {
    prepared
        .runs()
        .map(|r| rustdocs_loc::recognize_loc(r.text(), &loc_context(prepared, r)).len())
        .sum()
}

/// Stage 3d: releases over every run, with the run's heading path.
#[must_use]
pub fn releases(prepared: &Prepared) -> usize {
    prepared
        .runs()
        .map(|r| rustdocs_loc::recognize_releases(r.text(), &loc_context(prepared, r)).len())
        .sum()
}

fn loc_context<'p>(prepared: &'p Prepared, run: &ProseRun) -> rustdocs_loc::Context<'p> {
    rustdocs_loc::Context {
        heading_path: prepared.document.section_path(run.section()),
        dates: Vec::new(),
    }
}

/// Stage 3: every recognizer with cross-run context, as `rustdocs-extract` runs them.
#[must_use]
pub fn extract(source: &str, document: &Document) -> Extraction {
    rustdocs_extract::extract(source, document, &[], &rustdocs_extract::Options::default())
}

/// Stage 4: validation with the default rules.
#[must_use]
pub fn validate(prepared: &Prepared) -> usize {
    let input = rustdocs_validate::Input {
        source: prepared.source,
        path: None,
        front_matter: prepared.front_matter.as_ref(),
        document: &prepared.document,
        entities: &prepared.extraction.entities,
        reference: prepared.extraction.reference,
        countdowns: &prepared.extraction.countdowns,
    };
    rustdocs_validate::validate(&input, &rustdocs_validate::Config::default()).len()
}

/// Stage 5: JSON serialization to a counting sink.
pub fn serialize(prepared: &Prepared) -> Result<usize, crate::PipelineError> {
    let mut sink = crate::CountingSink::default();
    prepared.analysis.write_json(&mut sink)?;
    Ok(sink.0)
}
