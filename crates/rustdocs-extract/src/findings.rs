//! What each run holds on its own, found before anything that crosses runs is resolved, and
//! the walk that finds it while the document is still being read.

use std::ops::Range;
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;
use rustdocs_datetime::Candidate;
use rustdocs_document::{Document, ProseRun, RunKind};
use rustdocs_venue::Venue;

use crate::{EntityKind, Kinds, TITLE_KEYS};

/// What can be recognized in each run of a list without looking at any other run: datetime
/// mentions before resolution, venues and countdowns.
///
/// Stored flat with one end offset per run rather than a vector per run: most runs of a
/// large document hold nothing, and an empty vector per run would cost more memory than
/// everything found.
#[derive(Debug, Clone, Default)]
pub struct Findings {
    candidates: Vec<Candidate>,
    /// Where each run's candidates end in `candidates`.
    candidate_ends: Vec<usize>,
    venues: Vec<(Range<usize>, Venue)>,
    /// Where each run's venues end in `venues`.
    venue_ends: Vec<usize>,
    /// `倒计时3天`: (run, range in the run, days).
    countdowns: Vec<(usize, Range<usize>, u32)>,
}

impl Findings {
    /// How many runs these findings cover.
    #[must_use]
    pub fn runs(&self) -> usize {
        self.candidate_ends.len()
    }

    /// The datetime mentions of run `i`, in text order.
    #[must_use]
    pub fn candidates(&self, i: usize) -> &[Candidate] {
        &self.candidates[start(&self.candidate_ends, i)..self.candidate_ends[i]]
    }

    /// The venues of run `i`, in text order.
    #[must_use]
    pub fn venues(&self, i: usize) -> &[(Range<usize>, Venue)] {
        &self.venues[start(&self.venue_ends, i)..self.venue_ends[i]]
    }

    /// Every countdown as (run, range in the run, days), in run order.
    #[must_use]
    pub fn countdowns(&self) -> &[(usize, Range<usize>, u32)] {
        &self.countdowns
    }

    /// Recognizes one more run.
    fn push(&mut self, run: &ProseRun, kinds: Kinds) {
        let i = self.runs();
        self.candidates.extend(recognize_datetimes(run));
        self.candidate_ends.push(self.candidates.len());
        if kinds.contains(EntityKind::Venue) && run.kind != RunKind::FrontMatter {
            self.venues.extend(rustdocs_venue::recognize(&run.text));
        }
        self.venue_ends.push(self.venues.len());
        self.countdowns.extend(
            rustdocs_datetime::countdowns(&run.text)
                .into_iter()
                .map(|(r, n)| (i, r, n)),
        );
    }

    /// Appends the findings of the runs that follow these.
    pub(crate) fn append(&mut self, other: Self) {
        let (runs, candidates, venues) = (self.runs(), self.candidates.len(), self.venues.len());
        self.candidates.extend(other.candidates);
        self.candidate_ends
            .extend(other.candidate_ends.into_iter().map(|e| e + candidates));
        self.venues.extend(other.venues);
        self.venue_ends
            .extend(other.venue_ends.into_iter().map(|e| e + venues));
        self.countdowns.extend(
            other
                .countdowns
                .into_iter()
                .map(|(i, r, n)| (i + runs, r, n)),
        );
    }
}

fn start(ends: &[usize], i: usize) -> usize {
    i.checked_sub(1).map_or(0, |p| ends[p])
}

/// Runs handed to one parallel task at least: most runs are a sentence or two, and a task
/// per run would cost more in scheduling than the recognizers do.
pub(crate) const RUNS_PER_TASK: usize = 32;

/// The [`Findings`] of every run in `runs`, on the rayon pool when there are enough runs to
/// share (else on this thread: handing a small document to the pool costs more than
/// recognizing it).
#[must_use]
pub fn recognize_runs(runs: &[ProseRun], kinds: Kinds) -> Findings {
    let here = |runs: &[ProseRun]| {
        let mut found = Findings::default();
        for run in runs {
            found.push(run, kinds);
        }
        found
    };
    if runs.len() <= 2 * RUNS_PER_TASK {
        return here(runs);
    }
    let parts: Vec<Findings> = runs.par_chunks(RUNS_PER_TASK).map(here).collect();
    let mut found = Findings::default();
    for part in parts {
        found.append(part);
    }
    found
}

/// Bodies below this many bytes are walked first and recognized after: overlapping the two
/// pays only when the walk is long enough to hide work behind.
const OVERLAP_ABOVE: usize = 256 * 1024;

/// Runs the walk hands over at a time when recognition overlaps it: about 30 KB of prose.
const RUNS_PER_BATCH: usize = 256;

/// Walks the body of `source` (as [`rustdocs_document::parse`]) and finds each run's
/// [`Findings`] (as [`recognize_runs`]), recognizing the first runs of a large body on the
/// rest of the rayon pool while the walk reads on.
///
/// The document walk is sequential, so on its own it leaves every other core idle for as
/// long as it takes. The result is the same as walking and then recognizing, whatever the
/// thread count.
#[must_use]
pub fn walk_and_recognize(source: &str, body_start: usize, kinds: Kinds) -> (Document, Findings) {
    let body = source.len().saturating_sub(body_start);
    if body < OVERLAP_ABOVE || rayon::current_num_threads() < 2 {
        let doc = rustdocs_document::parse(source, body_start);
        let found = recognize_runs(&doc.runs, kinds);
        return (doc, found);
    }
    let parts = Mutex::new(Vec::new());
    let mut sections = Vec::new();
    rayon::scope(|scope| {
        let mut next = 0;
        sections =
            rustdocs_document::parse_in_batches(source, body_start, RUNS_PER_BATCH, |batch| {
                let (index, parts) = (next, &parts);
                next += 1;
                scope.spawn(move |_| {
                    let mut found = Findings::default();
                    for run in &batch {
                        found.push(run, kinds);
                    }
                    let mut parts = parts.lock().unwrap_or_else(PoisonError::into_inner);
                    parts.push((index, batch, found));
                });
            });
    });
    let mut parts = parts.into_inner().unwrap_or_else(PoisonError::into_inner);
    parts.sort_unstable_by_key(|part| part.0);
    let mut runs = Vec::with_capacity(parts.iter().map(|part| part.1.len()).sum());
    let mut found = Findings::default();
    for (_, batch, part) in parts {
        runs.extend(batch);
        found.append(part);
    }
    (Document { runs, sections }, found)
}

/// Datetime mentions of one run, before resolution.
fn recognize_datetimes(run: &ProseRun) -> Vec<Candidate> {
    let dotted = run.kind == RunKind::FrontMatter
        && run
            .key()
            .is_some_and(|k| TITLE_KEYS.iter().any(|t| t.eq_ignore_ascii_case(k)));
    let options = rustdocs_datetime::Options {
        dotted_month_day: dotted,
        ignore: run.code_ranges().to_vec(),
    };
    rustdocs_datetime::recognize(&run.text, &options)
}
