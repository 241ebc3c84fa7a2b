//! What each run holds on its own, found before anything that crosses runs is resolved, and
//! the walk that finds it while the document is still being read.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::{LazyLock, mpsc};

use jiff::civil::Date;
use rayon::prelude::*;
use rustdocs_datetime::Candidate;
use rustdocs_document::{Definitions, Document, Piece, ProseRun, RunKind};
use rustdocs_venue::Venue;
use rustdocs_venue::gazetteer::Noting;

use crate::{EntityKind, Kinds, Precision, TITLE_KEYS};

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
    /// The finest, latest time of writing a mention of these runs states
    /// ([`crate::stated_period`]): read while a run's text is in cache, where read after
    /// the walk the report's 15 000 mentions per 20 MB cost about 2 ms of the call's
    /// critical path, each a visit to a run's text long gone from cache.
    stated: Option<(Precision, Date)>,
    /// What each run holds that the loc and release readers need ([`Traits`]), read in the
    /// venue scan's pass: a byte per run, where searching each run again in the cross-run
    /// pass cost a call and a cache miss per run, for nothing in most runs.
    traits: Vec<Traits>,
}

/// What a run holds that decides whether the loc and release readers can find anything in
/// it, or [`Traits::UNKNOWN`] for a run the venue scan did not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Traits(u8);

impl Traits {
    /// A run holds an ASCII digit, without which a release needs a date.
    const DIGIT: u8 = 1;
    /// A run holds one of [`rustdocs_loc::UNIT_LETTERS`].
    const ELL: u8 = 1 << 1;
    /// A run holds [`rustdocs_loc::UNIT_CHAR`].
    const HANG: u8 = 1 << 2;
    /// A run not read: it may hold anything.
    pub(crate) const UNKNOWN: Self = Self(u8::MAX);

    /// Whether the loc reader may find a figure: its unit needs one of the letters or the
    /// char `rustdocs_loc` names (`recognize_loc`'s first gate).
    pub(crate) fn may_hold_loc(self) -> bool {
        self.0 & (Self::ELL | Self::HANG) != 0
    }

    /// Whether the release reader may find a release in a run with `dates` mentions
    /// ([`rustdocs_loc::may_hold_release`]).
    pub(crate) fn may_hold_release(self, dates: usize) -> bool {
        rustdocs_loc::may_hold_release(self.0 & Self::DIGIT != 0, dates)
    }
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

    /// The datetime mentions of each run in `runs`, in order: one binary search for the
    /// first run, then a cursor, where [`Findings::candidates`] searches twice per run.
    pub(crate) fn candidates_of_runs(
        &self,
        runs: Range<usize>,
    ) -> impl Iterator<Item = &[Candidate]> {
        by_run(&self.candidate_runs, &self.candidates, runs)
    }

    /// Every datetime mention with its run, in run and text order.
    pub fn each_candidate(&self) -> impl Iterator<Item = (usize, &Candidate)> {
        self.candidate_runs.iter().copied().zip(&self.candidates)
    }

    /// The finest, latest time of writing that a mention of these runs states, as
    /// (precision, first day).
    pub(crate) fn stated(&self) -> Option<(Precision, Date)> {
        self.stated
    }

    /// The venues of run `i`, in text order.
    #[must_use]
    pub fn venues(&self, i: usize) -> &[(Range<usize>, Venue)] {
        &self.venues[of_run(&self.venue_runs, i)]
    }

    /// What run `i` holds that the loc and release readers need.
    pub(crate) fn traits(&self, i: usize) -> Traits {
        self.traits.get(i).copied().unwrap_or(Traits::UNKNOWN)
    }

    /// Every countdown as (run, range in the run, days), in run order.
    #[must_use]
    pub fn countdowns(&self) -> &[(usize, Range<usize>, u32)] {
        &self.countdowns
    }

    /// Recognizes one more run, with lists refilled run after run.
    fn push(&mut self, run: &ProseRun, parts: Parts, scratch: &mut Scratch) {
        let Scratch { notes, options } = scratch;
        let i = self.runs;
        self.runs += 1;
        // The venue scan reads every char of the run; noting where a datetime or a
        // countdown's word may start as it goes spares the datetime scan and the countdown
        // search reading them all again.
        let venues = (parts.venues && run.kind != RunKind::FrontMatter).then(|| {
            notes.clear();
            rustdocs_venue::recognize_noting(run.text(), &NOTING, notes)
        });
        self.traits.push(if venues.is_some() {
            // The classes are the traits' bits ([`NOTING`]).
            Traits(notes.seen)
        } else {
            Traits::UNKNOWN
        });
        if parts.dates {
            let before = self.candidates.len();
            let noted = venues.is_some().then_some(notes.stops.as_slice());
            recognize_datetimes(run, noted, options, &mut self.candidates);
            // The maximum is the same in any order, so the pieces' findings can be read
            // apart and joined.
            for c in &self.candidates[before..] {
                self.stated = self.stated.max(crate::stated_period(run, c));
            }
            self.candidate_runs.resize(
                self.candidate_runs.len() + self.candidates.len() - before,
                i,
            );
            let countdowns = match noted {
                Some(stops) => rustdocs_datetime::countdowns_with_stops(run.text(), stops),
                None => rustdocs_datetime::countdowns(run.text()),
            };
            self.countdowns
                .extend(countdowns.into_iter().map(|(r, n)| (i, r, n)));
        }
        if let Some(venues) = venues {
            self.venues.extend(venues);
            self.venue_runs.resize(self.venues.len(), i);
        }
    }

    /// Adds the venues of `runs`, the runs these findings cover, found without venues.
    fn add_venues(&mut self, runs: &[ProseRun]) {
        let only = recognize(runs, Parts::VENUES);
        self.venues = only.venues;
        self.venue_runs = only.venue_runs;
        self.traits = only.traits;
    }

    /// The findings of consecutive pieces of runs as one, and the pieces' own, emptied: their
    /// vectors are sized once, and the pieces' buffers are the caller's to free once no other
    /// thread allocates (freed meanwhile, each went back to the arena of the thread that
    /// walked its piece, under that arena's lock).
    fn concat(mut pieces: Vec<Self>) -> (Self, Vec<Self>) {
        let total = |len: fn(&Self) -> usize| pieces.iter().map(len).sum::<usize>();
        let mut all = Self {
            runs: 0,
            stated: None,
            candidates: Vec::with_capacity(total(|p| p.candidates.len())),
            candidate_runs: Vec::with_capacity(total(|p| p.candidate_runs.len())),
            venues: Vec::with_capacity(total(|p| p.venues.len())),
            venue_runs: Vec::with_capacity(total(|p| p.venue_runs.len())),
            countdowns: Vec::with_capacity(total(|p| p.countdowns.len())),
            traits: Vec::with_capacity(total(|p| p.traits.len())),
        };
        for piece in &mut pieces {
            all.take_from(piece);
        }
        (all, pieces)
    }

    /// Appends the findings of the runs that follow these.
    pub(crate) fn append(&mut self, mut other: Self) {
        if self.runs == 0 {
            // Nothing before (a document without front matter): take the vectors as they are.
            *self = other;
            return;
        }
        self.take_from(&mut other);
    }

    /// Moves the findings of `next`, the runs that follow these, onto these, their run
    /// indices moved on, leaving `next`'s vectors empty.
    fn take_from(&mut self, next: &mut Self) {
        let runs = self.runs;
        self.runs += next.runs;
        self.stated = self.stated.max(next.stated);
        self.candidates.append(&mut next.candidates);
        self.traits.append(&mut next.traits);
        self.candidate_runs
            .extend(next.candidate_runs.drain(..).map(|i| i + runs));
        self.venues.append(&mut next.venues);
        self.venue_runs
            .extend(next.venue_runs.drain(..).map(|i| i + runs));
        self.countdowns
            .extend(next.countdowns.drain(..).map(|(i, r, n)| (i + runs, r, n)));
    }
}

/// The items of run `i`, given the ascending run of each item.
fn of_run(item_runs: &[usize], i: usize) -> Range<usize> {
    item_runs.partition_point(|&r| r < i)..item_runs.partition_point(|&r| r <= i)
}

/// The items of each run in `runs`, in order, given the ascending run of each item.
fn by_run<'a, T>(
    item_runs: &'a [usize],
    items: &'a [T],
    runs: Range<usize>,
) -> impl Iterator<Item = &'a [T]> {
    let mut at = item_runs.partition_point(|&r| r < runs.start);
    runs.map(move |run| {
        let start = at;
        while item_runs.get(at) == Some(&run) {
            at += 1;
        }
        &items[start..at]
    })
}

/// Runs handed to one parallel task at least: most runs are a sentence or two, and a task
/// per run would cost more in scheduling than the recognizers do.
pub(crate) const RUNS_PER_TASK: usize = 32;

/// Which findings to make of a run.
#[derive(Debug, Clone, Copy)]
struct Parts {
    /// Datetime mentions and countdowns.
    dates: bool,
    /// Venues.
    venues: bool,
}

impl Parts {
    const VENUES: Self = Self {
        dates: false,
        venues: true,
    };

    fn of(kinds: Kinds) -> Self {
        Self {
            // Loc and release statements need the dates whether or not they are output.
            dates: true,
            venues: kinds.contains(EntityKind::Venue),
        }
    }
}

/// The [`Findings`] of every run in `runs`, on the rayon pool when there are enough runs to
/// share (else on this thread: handing a small document to the pool costs more than
/// recognizing it).
#[must_use]
pub fn recognize_runs(runs: &[ProseRun], kinds: Kinds) -> Findings {
    recognize(runs, Parts::of(kinds))
}

/// [`recognize_runs`] for the selected parts.
fn recognize(runs: &[ProseRun], parts: Parts) -> Findings {
    if runs.len() <= 2 * RUNS_PER_TASK {
        return recognize_here(runs, parts);
    }
    let chunks: Vec<Findings> = runs
        .par_chunks(RUNS_PER_TASK)
        .map(|chunk| recognize_here(chunk, parts))
        .collect();
    let mut found = Findings::default();
    for chunk in chunks {
        found.append(chunk);
    }
    found
}

/// The selected findings of `runs`, on this thread.
fn recognize_here(runs: &[ProseRun], parts: Parts) -> Findings {
    let mut found = Findings::default();
    let mut scratch = Scratch::default();
    for run in runs {
        found.push(run, parts, &mut scratch);
    }
    found
}

/// What [`Findings::push`] refills for each run.
#[derive(Default)]
struct Scratch {
    /// What the venue scan notes for the datetime scan and the run's [`Traits`].
    notes: rustdocs_venue::Notes,
    /// The datetime options, whose inline-code ranges are the run's.
    options: rustdocs_datetime::Options,
}

/// Bodies below this many bytes are walked first and recognized after: overlapping the two
/// pays only when the walk is long enough to hide work behind.
const OVERLAP_ABOVE: usize = 256 * 1024;

/// Runs the walk hands over at a time when recognition overlaps it: about 30 KB of prose.
const RUNS_PER_BATCH: usize = 256;

/// Walks the body of `source` (as [`rustdocs_document::parse`]) and finds each run's
/// [`Findings`] (as [`recognize_runs`]), on the whole rayon pool.
///
/// A large body is cut into pieces ([`rustdocs_document::cuts`]) that are walked and
/// recognized in parallel, each on one thread from its first byte to its last finding. A
/// large body that cannot be cut is walked on this thread while the rest of the pool
/// recognizes the runs already walked. The result is the same as walking and then
/// recognizing, whatever the thread count.
#[must_use]
pub fn walk_and_recognize(source: &str, body_start: usize, kinds: Kinds) -> (Document, Findings) {
    let pieces = rustdocs_document::cut(source, body_start, rustdocs_document::PIECE_BYTES);
    if pieces.ranges.len() > 1
        && let Some(walked) = walk_pieces(source, pieces, Parts::of(kinds))
    {
        return walked;
    }
    // One piece, or pieces that cannot stand for the whole: the body is walked whole (not
    // by `parse`, which would try the pieces again).
    let body = source.len().saturating_sub(body_start);
    if body < OVERLAP_ABOVE || rayon::current_num_threads() < 2 {
        let doc = rustdocs_document::parse_whole(source, body_start);
        let found = recognize_runs(&doc.runs, kinds);
        return (doc, found);
    }
    walk_beside_recognizing(source, body_start, kinds)
}

/// Walks and recognizes each of `pieces` as one task on the pool, then joins them; `None`
/// when the pieces cannot stand for the whole walk ([`rustdocs_document::walk_cut`]).
fn walk_pieces(
    source: &str,
    pieces: rustdocs_document::Cuts,
    parts: Parts,
) -> Option<(Document, Findings)> {
    let walk_each = |ranges: Vec<Range<usize>>, known: Option<&Definitions>| {
        ranges
            .into_par_iter()
            .map(|range| {
                let piece = rustdocs_document::walk_piece_knowing(source, range, known);
                let found = recognize_here(&piece.runs, parts);
                (piece, found)
            })
            .collect::<Vec<(Piece, Findings)>>()
    };
    let walked = rustdocs_document::walk_cut(source, pieces, walk_each)?;
    let (walked_pieces, founds): (Vec<Piece>, Vec<Findings>) = walked.into_iter().unzip();
    // The pieces' findings are joined on one thread while their runs are joined on
    // another: the join is the walk's last serial step, and the joining waited for it.
    let (document, (found, emptied)) = rayon::join(
        || rustdocs_document::assemble(walked_pieces),
        || Findings::concat(founds),
    );
    drop(emptied);
    Some((document, found))
}

/// [`walk_and_recognize`] for a body that cannot be cut: the walk hands runs over in
/// batches, recognized on the rest of the pool while the walk reads on.
fn walk_beside_recognizing(source: &str, body_start: usize, kinds: Kinds) -> (Document, Findings) {
    let body = source.len().saturating_sub(body_start);
    // Venues are found after the walk: the gazetteer and its regexes would otherwise be
    // built, and their per-thread caches filled, while the walk's tree is alive, and that
    // is the peak of memory.
    let during = Parts {
        venues: false,
        ..Parts::of(kinds)
    };
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
                    let found = recognize_here(&batch, during);
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

/// The gazetteer scan that notes where a datetime may start ([`rustdocs_datetime::starts`])
/// and where a countdown's word may ([`rustdocs_datetime::countdown_starts`]), and what
/// makes a run's [`Traits`]: whether ASCII digits and the loc reader's unit letters and char
/// occur.
static NOTING: LazyLock<Noting> = LazyLock::new(|| {
    let starts = rustdocs_datetime::starts().clone();
    let also = starts.union(rustdocs_datetime::countdown_starts());
    Noting::new(&also)
        .seeing(b"0123456789", Traits::DIGIT)
        .seeing(&rustdocs_loc::UNIT_LETTERS, Traits::ELL)
        .seeing_char(rustdocs_loc::UNIT_CHAR, Traits::HANG)
});

/// Appends the datetime mentions of `run` to `out`, read by stepping over `stops` when the
/// venue scan noted them ([`rustdocs_datetime::recognize_with_stops_into`]); `options` are
/// refilled for the run (a copy of its code ranges per run was an allocation).
fn recognize_datetimes(
    run: &ProseRun,
    stops: Option<&[usize]>,
    options: &mut rustdocs_datetime::Options,
    out: &mut Vec<Candidate>,
) {
    let mut ignore = std::mem::take(&mut options.ignore);
    ignore.clear();
    ignore.extend_from_slice(run.code_ranges());
    // Every field set anew, so a field added to the options cannot keep the last run's.
    *options = rustdocs_datetime::Options {
        dotted_month_day: run.kind == RunKind::FrontMatter
            && run
                .key()
                .is_some_and(|k| TITLE_KEYS.iter().any(|t| t.eq_ignore_ascii_case(k))),
        ignore,
    };
    match stops {
        Some(stops) => {
            rustdocs_datetime::recognize_with_stops_into(run.text(), options, stops, out);
        }
        None => out.extend(rustdocs_datetime::recognize(run.text(), options)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text pieces for the traits tests: digits, `l`/`L`, 行 alone and in words and place
    /// names, figures, releases, dates, and prose around them.
    const TRAIT_PIECES: [&str; 32] = [
        "1",
        "2021年",
        "v1.2",
        "10 万行",
        "十万行",
        "行唐县",
        "行业",
        "进行",
        "lines",
        "LOC",
        "l",
        "L",
        "代码",
        "发布",
        "上线",
        "版",
        "目前",
        "，",
        "。",
        " ",
        "\n\n",
        "Rust",
        "在北京",
        "x",
        "今年",
        "3 月",
        "＃",
        "ſ",
        "TiKV 在",
        "去年五月",
        "正式发布了",
        "截至目前 2021年6月，",
    ];

    /// The document of the pieces `parts` picks, walked, and its runs' findings.
    fn walked(parts: &[usize]) -> (Document, Findings) {
        let text: String = parts.iter().map(|&i| TRAIT_PIECES[i]).collect();
        let doc = rustdocs_document::parse(&text, 0);
        let found = recognize_runs(&doc.runs, Kinds::default());
        (doc, found)
    }

    proptest::proptest! {
        /// A run's traits are what its text holds, as the venue scan saw it in passing.
        #[test]
        fn traits_are_what_the_run_holds(
            parts in proptest::collection::vec(0usize..TRAIT_PIECES.len(), 0..24),
        ) {
            let (doc, found) = walked(&parts);
            for (i, run) in doc.runs.iter().enumerate() {
                let t = run.text();
                let bit = |holds: bool, bit: u8| if holds { bit } else { 0 };
                let want = Traits(
                    bit(t.bytes().any(|b| b.is_ascii_digit()), Traits::DIGIT)
                        | bit(t.bytes().any(|b| matches!(b, b'l' | b'L')), Traits::ELL)
                        | bit(t.contains('行'), Traits::HANG),
                );
                proptest::prop_assert_eq!(found.traits(i), want, "{:?}", t);
            }
        }

        /// A run its traits pass over holds no figure and no release: the traits stand for
        /// the readers' own first gates.
        #[test]
        fn runs_passed_over_hold_nothing(
            parts in proptest::collection::vec(0usize..TRAIT_PIECES.len(), 0..24),
        ) {
            let (doc, found) = walked(&parts);
            for (i, run) in doc.runs.iter().enumerate() {
                let ctx = rustdocs_loc::Context {
                    heading_path: Vec::new(),
                    dates: found
                        .candidates(i)
                        .iter()
                        .map(|c| rustdocs_loc::DateRef { range: c.range.clone(), start: None })
                        .collect(),
                };
                let traits = found.traits(i);
                if !traits.may_hold_loc() {
                    proptest::prop_assert!(rustdocs_loc::recognize_loc(run.text(), &ctx).is_empty());
                }
                if !traits.may_hold_release(ctx.dates.len()) {
                    proptest::prop_assert!(
                        rustdocs_loc::recognize_releases(run.text(), &ctx).is_empty()
                    );
                }
            }
        }

        /// The findings of consecutive parts of the runs, each found alone and joined by
        /// `concat`, are those of all the runs found at once; the parts come back emptied.
        #[test]
        fn concat_joins_parts_as_one(
            parts in proptest::collection::vec(0usize..TRAIT_PIECES.len(), 0..24),
            cuts in proptest::collection::vec(0usize..32, 0..4),
        ) {
            let (doc, all) = walked(&parts);
            let mut bounds: Vec<usize> = cuts.iter().map(|&c| c.min(doc.runs.len())).collect();
            bounds.extend([0, doc.runs.len()]);
            bounds.sort_unstable();
            let found: Vec<Findings> = bounds
                .windows(2)
                .map(|w| recognize_runs(&doc.runs[w[0]..w[1]], Kinds::default()))
                .collect();
            let (joined, emptied) = Findings::concat(found);
            proptest::prop_assert_eq!(format!("{joined:?}"), format!("{all:?}"));
            proptest::prop_assert!(emptied.iter().all(|p| p.candidates.is_empty()
                && p.candidate_runs.is_empty()
                && p.venues.is_empty()
                && p.venue_runs.is_empty()
                && p.traits.is_empty()
                && p.countdowns.is_empty()));
        }

        /// The cursor hands each run of any range the items the two binary searches give,
        /// whatever runs hold none, several or all of them.
        #[test]
        fn by_run_is_of_run_for_each_run(
            mut item_runs in proptest::collection::vec(0usize..12, 0..40),
            from in 0usize..14,
            len in 0usize..14,
        ) {
            item_runs.sort_unstable();
            let items: Vec<usize> = (0..item_runs.len()).collect();
            let got: Vec<&[usize]> = by_run(&item_runs, &items, from..from + len).collect();
            let want: Vec<&[usize]> = (from..from + len)
                .map(|run| &items[of_run(&item_runs, run)])
                .collect();
            proptest::prop_assert_eq!(got, want);
        }

        /// The venue scan with this crate's noting set notes every 倒 and 距, inside place
        /// names, after ASCII and at the ends alike, so the countdowns found from its stops
        /// are all the countdowns.
        #[test]
        fn noted_stops_find_every_countdown(
            parts in proptest::collection::vec(0usize..14, 0..12),
        ) {
            let pieces = [
                "倒计时3天", "距离大会还有 10 天", "倒", "距", "北京市", "海淀区", "上海", "2023年",
                "今天", " ", "abc", "，", "还有 3 天", "倒计时：五日",
            ];
            let text: String = parts.iter().map(|&i| pieces[i]).collect();
            let mut notes = rustdocs_venue::Notes::default();
            let _ = rustdocs_venue::recognize_noting(&text, &NOTING, &mut notes);
            let stops = notes.stops;
            for (at, c) in text.char_indices() {
                if matches!(c, '倒' | '距') {
                    proptest::prop_assert!(stops.contains(&at), "{} at {}", text, at);
                }
            }
            proptest::prop_assert_eq!(
                rustdocs_datetime::countdowns_with_stops(&text, &stops),
                rustdocs_datetime::countdowns(&text)
            );
        }
    }
}
