//! What each run holds on its own, found before anything that crosses runs is resolved, and
//! the walk that finds it while the document is still being read.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::mpsc;

use rayon::prelude::*;
use rustdocs_datetime::Candidate;
use rustdocs_document::{Document, ProseRun, RunKind};
use rustdocs_venue::Venue;

use crate::{EntityKind, Kinds, TITLE_KEYS};

/// What can be recognized in each run of a list without looking at any other run: datetime
/// mentions before resolution, venues and countdowns.
///
/// Stored flat with the run index of each item rather than a vector per run: most runs of a
/// large document hold nothing, and even an offset per run would cost more memory than
/// everything found (this is built while the walk's tree is alive, at the peak).
#[derive(Debug, Clone, Default)]
pub struct Findings {
    runs: usize,
    candidates: Vec<Candidate>,
    /// The run of each of `candidates`, ascending.
    candidate_runs: Vec<usize>,
    venues: Vec<(Range<usize>, Venue)>,
    /// The run of each of `venues`, ascending.
    venue_runs: Vec<usize>,
    /// `倒计时3天`: (run, range in the run, days).
    countdowns: Vec<(usize, Range<usize>, u32)>,
}

impl Findings {
    /// How many runs these findings cover.
    #[must_use]
    pub fn runs(&self) -> usize {
        self.runs
    }

    /// The datetime mentions of run `i`, in text order.
    #[must_use]
    pub fn candidates(&self, i: usize) -> &[Candidate] {
        &self.candidates[of_run(&self.candidate_runs, i)]
    }

    /// The venues of run `i`, in text order.
    #[must_use]
    pub fn venues(&self, i: usize) -> &[(Range<usize>, Venue)] {
        &self.venues[of_run(&self.venue_runs, i)]
    }

    /// Every countdown as (run, range in the run, days), in run order.
    #[must_use]
    pub fn countdowns(&self) -> &[(usize, Range<usize>, u32)] {
        &self.countdowns
    }

    /// Recognizes one more run.
    fn push(&mut self, run: &ProseRun, kinds: Kinds) {
        let i = self.runs;
        self.runs += 1;
        let before = self.candidates.len();
        self.candidates.extend(recognize_datetimes(run));
        self.candidate_runs.resize(
            self.candidate_runs.len() + self.candidates.len() - before,
            i,
        );
        if kinds.contains(EntityKind::Venue) && run.kind != RunKind::FrontMatter {
            let before = self.venues.len();
            self.venues.extend(rustdocs_venue::recognize(&run.text));
            self.venue_runs
                .resize(self.venue_runs.len() + self.venues.len() - before, i);
        }
        self.countdowns.extend(
            rustdocs_datetime::countdowns(&run.text)
                .into_iter()
                .map(|(r, n)| (i, r, n)),
        );
    }

    /// Finds the venues of `runs` (the runs these findings cover, which were recognized
    /// without venues), on the pool.
    fn add_venues(&mut self, runs: &[ProseRun]) {
        let parts: Vec<Vec<(usize, Range<usize>, Venue)>> = runs
            .par_chunks(RUNS_PER_TASK)
            .enumerate()
            .map(|(chunk, runs)| {
                let first = chunk * RUNS_PER_TASK;
                runs.iter()
                    .enumerate()
                    .filter(|(_, run)| run.kind != RunKind::FrontMatter)
                    .flat_map(|(i, run)| {
                        rustdocs_venue::recognize(&run.text)
                            .into_iter()
                            .map(move |(r, v)| (first + i, r, v))
                    })
                    .collect()
            })
            .collect();
        for (i, range, venue) in parts.into_iter().flatten() {
            self.venue_runs.push(i);
            self.venues.push((range, venue));
        }
    }

    /// Appends the findings of the runs that follow these.
    pub(crate) fn append(&mut self, other: Self) {
        let runs = self.runs;
        self.runs += other.runs;
        self.candidates.extend(other.candidates);
        self.candidate_runs
            .extend(other.candidate_runs.into_iter().map(|i| i + runs));
        self.venues.extend(other.venues);
        self.venue_runs
            .extend(other.venue_runs.into_iter().map(|i| i + runs));
        self.countdowns.extend(
            other
                .countdowns
                .into_iter()
                .map(|(i, r, n)| (i + runs, r, n)),
        );
    }
}

/// The items of run `i`, given the ascending run of each item.
fn of_run(item_runs: &[usize], i: usize) -> Range<usize> {
    item_runs.partition_point(|&r| r < i)..item_runs.partition_point(|&r| r <= i)
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
    // Venues are found after the walk: the gazetteer and its regexes would otherwise be
    // built, and their per-thread caches filled, while the walk's tree is alive, and that
    // is the peak of memory.
    let during = kinds.without(EntityKind::Venue);
    let (done, finished) = mpsc::channel();
    let mut merged = InOrder {
        // As `parse` reserves: the batches are appended here as they come back, so their
        // buffers are freed (and reused by the next batches) during the walk.
        runs: Vec::with_capacity(body / 100),
        found: Findings::default(),
        waiting: BTreeMap::new(),
        next: 0,
    };
    let merging = &mut merged;
    // The receiver goes into the scope and comes back out once every batch is done.
    let (sections, finished) = rayon::scope(move |scope| {
        let mut spawned = 0;
        let sections =
            rustdocs_document::parse_in_batches(source, body_start, RUNS_PER_BATCH, |batch| {
                let (index, done) = (spawned, done.clone());
                spawned += 1;
                scope.spawn(move |_| {
                    let mut found = Findings::default();
                    for run in &batch {
                        found.push(run, during);
                    }
                    // The receiver outlives the scope: sending cannot fail.
                    let _ = done.send((index, batch, found));
                });
                for part in finished.try_iter() {
                    merging.add(part);
                }
            });
        (sections, finished)
    });
    for part in finished.try_iter() {
        merged.add(part);
    }
    let InOrder {
        runs, mut found, ..
    } = merged;
    if kinds.contains(EntityKind::Venue) {
        found.add_venues(&runs);
    }
    (Document { runs, sections }, found)
}

/// Batches recognized on the pool, put back in walk order as they come back.
struct InOrder {
    runs: Vec<ProseRun>,
    found: Findings,
    /// Batches that came back before an earlier one, by index.
    waiting: BTreeMap<usize, (Vec<ProseRun>, Findings)>,
    /// The index of the next batch to append.
    next: usize,
}

impl InOrder {
    fn add(&mut self, (index, batch, found): (usize, Vec<ProseRun>, Findings)) {
        self.waiting.insert(index, (batch, found));
        while let Some((batch, found)) = self.waiting.remove(&self.next) {
            self.runs.extend(batch);
            self.found.append(found);
            self.next += 1;
        }
    }
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
