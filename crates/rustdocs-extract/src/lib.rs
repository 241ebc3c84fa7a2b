//! Runs every recognizer over a document's prose and maps each match back to the source.
//!
//! The recognizer crates (`rustdocs-datetime`, `rustdocs-venue`, `rustdocs-loc`) each work on
//! one plain string at a time and know nothing of Markdown. This crate feeds them the prose
//! runs of a [`Document`] in document order, carries the state that crosses runs (the
//! context year of a section, the heading path that names a project, the datetimes a release
//! statement refers to), and turns every match into an [`Entity`] whose span points at the
//! exact bytes of the original file.
//!
//! ```
//! use rustdocs_extract::{extract, EntityKind, Options};
//!
//! let src = "# TiKV\n\n2016 年 4 月开源，代码量大约 30 万行。\n";
//! let doc = rustdocs_document::parse(src, 0);
//! let found = extract(src, &doc, &[], &Options::default());
//! let kinds: Vec<_> = found.entities.iter().map(|e| e.kind).collect();
//! assert!(kinds.contains(&EntityKind::Datetime));
//! assert!(kinds.contains(&EntityKind::Loc));
//! for e in &found.entities {
//!     assert_eq!(e.span.slice(src), e.text);
//! }
//! ```
#![forbid(unsafe_code)]

mod findings;

use std::ops::Range;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use jiff::civil::Date;
use rustdocs_datetime::{Candidate, Resolver};
use rustdocs_document::{Document, ProseRun, RunKind};
use rustdocs_loc::{Context as LocContext, DateRef};
use rustdocs_span::{LineIndex, Position, Span};
use serde::Serialize;

pub use findings::{Findings, recognize_runs, walk_and_recognize};
pub use rustdocs_datetime::Datetime;
pub use rustdocs_loc::{Loc, Release};
pub use rustdocs_venue::Venue;

/// The four kinds of entity rustdocs extracts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A calendar point or span: `2023 年 4 月 8 日 14:00`, `本周六下午`.
    Datetime,
    /// A place where something happens: `环球财讯中心 M 层 北京市西城区…`, or an online platform.
    Venue,
    /// A lines-of-code figure: `代码量大约 18 万行 Rust 代码`.
    Loc,
    /// A software release: `2020-09-23，发布 0.1.0 版本`.
    Release,
}

impl EntityKind {
    /// Every kind, in output order.
    pub const ALL: [EntityKind; 4] = [Self::Datetime, Self::Venue, Self::Loc, Self::Release];

    /// The name used in JSON, on the command line and in Python.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Datetime => "datetime",
            Self::Venue => "venue",
            Self::Loc => "loc",
            Self::Release => "release",
        }
    }

    /// Parses a kind name as [`EntityKind::as_str`] writes it.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == name.trim())
    }
}

/// Which kinds to extract; all by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kinds([bool; 4]);

impl Default for Kinds {
    fn default() -> Self {
        Self([true; 4])
    }
}

impl Kinds {
    /// No kind at all (front matter and sections only).
    #[must_use]
    pub const fn none() -> Self {
        Self([false; 4])
    }

    /// Whether `kind` is selected.
    #[must_use]
    pub const fn contains(self, kind: EntityKind) -> bool {
        self.0[kind as usize]
    }

    /// Adds `kind` to the selection.
    #[must_use]
    pub const fn with(mut self, kind: EntityKind) -> Self {
        self.0[kind as usize] = true;
        self
    }

    /// Parses a comma-separated list such as `datetime,venue`, naming the first unknown kind.
    pub fn parse_list(list: &str) -> Result<Self, String> {
        list.split(',')
            .filter(|s| !s.trim().is_empty())
            .try_fold(Self::none(), |acc, name| {
                EntityKind::from_name(name)
                    .map(|k| acc.with(k))
                    .ok_or_else(|| {
                        format!(
                            "unknown entity kind `{}` (expected datetime, venue, loc or release)",
                            name.trim()
                        )
                    })
            })
    }
}

/// The kind-specific value of an entity; serialized as the value's own fields.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum EntityValue {
    /// See [`Datetime`].
    Datetime(Datetime),
    /// See [`Venue`]. Boxed: its nine optional strings made every entity 96 bytes larger,
    /// and entities are written, moved and read in the tens of thousands, venues rarely.
    Venue(Box<Venue>),
    /// See [`Loc`].
    Loc(Loc),
    /// See [`Release`].
    Release(Release),
}

/// One extracted fact, with the exact source text it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// What kind of fact this is.
    pub kind: EntityKind,
    /// The exact source slice, `span.slice(source)`.
    pub text: String,
    /// Byte span into the whole file.
    pub span: Span,
    /// 1-based line and character column of `span.start`.
    pub position: Position,
    /// Index of the innermost enclosing section in [`Document::sections`].
    pub section: Option<usize>,
    /// The front-matter key when the entity was found in a front-matter value.
    pub front_matter_key: Option<String>,
    /// Whether the entity sits inside a block quote (quoted speech, often from another time).
    pub quoted: bool,
    /// The kind-specific value.
    pub value: EntityValue,
}

/// Where the reference date for relative expressions came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferenceSource {
    /// Given by the caller (`--reference-date`, `reference_date=`).
    Caller,
    /// The front matter's `date` (or `pub_date`, `publishDate`…).
    FrontMatter,
    /// A `YYYY-MM-DD` in the file's path, as static-site generators name posts.
    Path,
    /// Inferred from a countdown (`倒计时3天`) and the event date the document states.
    Countdown,
    /// Stated in the text as the time of writing: `截止到当前 2021年6月`, `2021 年的今天`,
    /// `今天（2022.12 月）`.
    Stated,
}

/// How much of the reference date is known.
///
/// A report that says `截止到当前 2021年6月` fixes the month but not the day: 上个月 and 今年
/// resolve, 今天 and 本周六 do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// Only the year is known.
    Year,
    /// The year and month are known.
    Month,
    /// The exact day is known.
    Day,
}

/// The day relative expressions (本周六, 上个月, 今年) are resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reference {
    /// The reference day (the first day of the period when `precision` is coarser).
    pub date: Date,
    /// How it was determined.
    pub source: ReferenceSource,
    /// How much of `date` is known.
    pub precision: Precision,
}

impl Reference {
    /// A reference known to the day.
    #[must_use]
    pub const fn day(date: Date, source: ReferenceSource) -> Self {
        Self {
            date,
            source,
            precision: Precision::Day,
        }
    }
}

/// What to extract and against which reference date.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The reference date, if the caller or the document metadata fixed one.
    pub reference: Option<Reference>,
    /// Which kinds to extract.
    pub kinds: Kinds,
}

/// The result of [`extract`].
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// Entities sorted by source position.
    pub entities: Vec<Entity>,
    /// The reference date used, given or inferred.
    pub reference: Option<Reference>,
    /// Countdowns (`倒计时3天`) with their span and day count, for the validator.
    pub countdowns: Vec<(Span, u32)>,
}

/// Front-matter keys whose values are titles, so a bare `4.8` there reads as a date.
const TITLE_KEYS: [&str; 3] = ["title", "label", "subtitle"];

/// Extracts every selected entity kind from `front_runs` (front-matter values, in file order)
/// and then the body runs of `doc`.
#[must_use]
pub fn extract(
    source: &str,
    doc: &Document,
    front_runs: &[ProseRun],
    options: &Options,
) -> Extraction {
    extract_indexed(source, &LineIndex::new(source), doc, front_runs, options)
}

/// [`extract`] with the caller's [`LineIndex`] of `source`, so a pipeline that needs the
/// index afterwards builds it once.
///
/// Runs are recognized in parallel on the current rayon pool (the global one unless the
/// caller installed another); the result is the same whatever the thread count, because
/// only the per-run recognizers run concurrently and everything that crosses runs (the
/// context year, the reference date) is resolved in document order.
#[must_use]
pub fn extract_indexed(
    source: &str,
    index: &LineIndex,
    doc: &Document,
    front_runs: &[ProseRun],
    options: &Options,
) -> Extraction {
    let body = recognize_runs(&doc.runs, options.kinds);
    extract_found(source, index, doc, front_runs, body, options)
}

/// [`extract_indexed`] with the findings of `doc`'s runs already made, by [`recognize_runs`]
/// or by [`walk_and_recognize`] while the document was walked (findings that do not cover
/// every run of `doc` are made again).
#[must_use]
pub fn extract_found(
    source: &str,
    index: &LineIndex,
    doc: &Document,
    front_runs: &[ProseRun],
    body: Findings,
    options: &Options,
) -> Extraction {
    let runs = AllRuns {
        front: front_runs,
        body: &doc.runs,
    };
    let mut found = recognize_runs(front_runs, options.kinds);
    if body.runs() == doc.runs.len() {
        found.append(body);
    } else {
        found.append(recognize_runs(&doc.runs, options.kinds));
    }

    let mut reference = options.reference;
    let mut forget = None;
    if reference.is_none()
        && let Some(inferred) =
            infer_from_countdown(&found).or_else(|| infer_from_statement(&found))
    {
        reference = Some(inferred);
        forget = (inferred.precision < Precision::Day).then_some(inferred.precision);
    }
    // The runs are resolved a chunk at a time on one thread, in order (resolution reads
    // them one after the other), and each chunk's entities are found as soon as it is
    // resolved: by a task of its own on the pool, or right away on this thread.
    let mut resolver = Resolver::new(reference.map(|r| r.date));
    let mut resolve_chunk = |chunk: Range<usize>, dates: &mut ChunkDates| {
        let (front, body) = runs.slices(chunk.clone());
        resolve_runs(&mut resolver, front, &found, chunk.start, dates);
        resolve_runs(
            &mut resolver,
            body,
            &found,
            chunk.start + front.len(),
            dates,
        );
        if let Some(precision) = forget {
            forget_unknowable(dates, precision);
        }
    };
    let out_of_order = AtomicBool::new(false);
    let read_chunk = |chunk: Range<usize>, dates: &mut ChunkDates, room: usize| {
        let mut out = Vec::with_capacity(room);
        let mut scratch = Scratch::default();
        let mut run_dates = Vec::new();
        let mut dates = dates.drain(..).peekable();
        for i in chunk {
            // Taken out by `run_entities` when datetimes are wanted, else left.
            run_dates.clear();
            run_dates.extend(std::iter::from_fn(|| {
                dates
                    .next_if(|(run, ..)| *run == i)
                    .map(|(_, range, dt)| (range, dt))
            }));
            let from = out.len();
            let run = Recognized {
                run: runs.get(i),
                dates: &mut run_dates,
                venues: found.venues(i),
                traits: found.traits(i),
            };
            run_entities(
                source,
                index,
                doc,
                run,
                options.kinds,
                &mut scratch,
                &mut out,
            );
            out[from..].sort_by_key(entity_order);
            if from > 0
                && from < out.len()
                && entity_order(&out[from - 1]) > entity_order(&out[from])
            {
                out_of_order.store(true, Ordering::Relaxed);
            }
        }
        debug_assert!(dates.next().is_none(), "a chunk's datetimes are its runs'");
        out
    };

    // An eighth of the runs a chunk, from 32 to 256: a short document is shared too.
    let chunk_runs = (runs.len() / 8).clamp(findings::RUNS_PER_TASK, RUNS_PER_CHUNK);
    let chunks = runs.len().div_ceil(chunk_runs);
    let chunk_at = |c: usize| c * chunk_runs..((c + 1) * chunk_runs).min(runs.len());
    let mut in_order = InOrder::new(runs.len(), chunk_runs);
    if runs.len() > SHARED_ABOVE_RUNS && rayon::current_num_threads() > 1 {
        // Each chunk's task hands its entities to the next one in order, and whichever task
        // finds the next chunk in order done moves it (and the done ones after it) into the
        // result. So no thread waits for another between chunks, where tasks in blocks of
        // runs, each block joined before the next, left a core idle for about 6 ms in all
        // on 20 MB of the report, mostly asleep until woken for the next block. FIFO: the
        // chunks are found in about the order they are moved in.
        let done: Vec<Mutex<Option<Vec<Entity>>>> = (0..chunks).map(|_| Mutex::new(None)).collect();
        let mover = Mutex::new(&mut in_order);
        // The tasks give each chunk's list of datetimes back, emptied, to be refilled by the
        // resolver: freed by the tasks, the lists went back to the resolver's glibc arena
        // under its lock, and on two threads the threads slept on each other's arena (about
        // 40 times a call on 20 MB of the report).
        let emptied: Mutex<Vec<ChunkDates>> = Mutex::new(Vec::new());
        // The rate so far as (entities, runs), read by the tasks without the mover's lock.
        let rate = (AtomicUsize::new(0), AtomicUsize::new(0));
        rayon::scope_fifo(|scope| {
            for c in 0..chunks {
                let mut dates = lock(&emptied).pop().unwrap_or_default();
                resolve_chunk(chunk_at(c), &mut dates);
                let (done, mover, emptied) = (&done, &mover, &emptied);
                let (read_chunk, out_of_order, rate) = (&read_chunk, &out_of_order, &rate);
                scope.spawn_fifo(move |_| {
                    let chunk = chunk_at(c);
                    let so_far = (
                        rate.0.load(Ordering::Relaxed),
                        rate.1.load(Ordering::Relaxed),
                    );
                    let room = room(chunk.len(), so_far);
                    let found = read_chunk(chunk, &mut dates, room);
                    lock(emptied).push(dates);
                    *lock(&done[c]) = Some(found);
                    // A task that finds the mover busy leaves its chunk to it, or to the end.
                    if let Ok(mut mover) = mover.try_lock() {
                        mover.take_done(done, out_of_order);
                        let (made, read) = mover.rate();
                        rate.0.store(made, Ordering::Relaxed);
                        rate.1.store(read, Ordering::Relaxed);
                    }
                });
            }
        });
        lock(&mover).take_done(&done, &out_of_order);
    } else {
        let mut dates = ChunkDates::new();
        for c in 0..chunks {
            resolve_chunk(chunk_at(c), &mut dates);
            let room = room(chunk_at(c).len(), in_order.rate());
            let found = read_chunk(chunk_at(c), &mut dates, room);
            in_order.take(found, &out_of_order);
        }
    }
    let mut entities = in_order.entities;
    // Each run's entities are sorted on the pool, and runs mostly follow the source: each
    // task notes when a run's first entity sorts before the entity before it, `InOrder`
    // does the same where chunks meet, and only then is a stable sort needed (it gives
    // what one sort of all would). Reading the 33 000 entities of 20 MB of the report to
    // sort what was in order cost 0.6–0.9 ms on one thread while the other waited.
    if out_of_order.into_inner() {
        entities.sort_by_key(entity_order);
    }
    let countdowns = found
        .countdowns()
        .iter()
        .map(|(i, r, n)| (runs.get(*i).source_span(r.clone()), *n))
        .collect();
    Extraction {
        entities,
        reference,
        countdowns,
    }
}

/// A chunk's resolved datetimes as (run, range in the run, datetime), in run and text order.
type ChunkDates = Vec<(usize, Range<usize>, Datetime)>;

/// Locks `m`, whether or not a task that held it panicked (the panic reaches the caller
/// through the scope anyway).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Room for the entities of `runs` runs at the rate of `made` entities in `read` runs, and
/// a little more: grown from empty, a chunk's vector was copied once more on average.
fn room(runs: usize, (made, read): (usize, usize)) -> usize {
    match read {
        0 => 0,
        read => (made * runs).div_ceil(read) * 5 / 4,
    }
}

/// The result's entities, gathered chunk by chunk in run order.
struct InOrder {
    entities: Vec<Entity>,
    /// The next chunk to move in.
    next: usize,
    /// Runs whose entities are in: with `entities`, the rate a chunk's vector is sized by
    /// and the result grows at.
    runs_in: usize,
    /// Runs in all.
    runs: usize,
    /// Runs a chunk, the last shorter.
    chunk_runs: usize,
}

impl InOrder {
    fn new(runs: usize, chunk_runs: usize) -> Self {
        Self {
            entities: Vec::new(),
            next: 0,
            runs_in: 0,
            runs,
            chunk_runs,
        }
    }

    /// The entities in and the runs they come from: the rate a chunk's vector is sized by.
    fn rate(&self) -> (usize, usize) {
        (self.entities.len(), self.runs_in)
    }

    /// Moves the next chunk's entities in, noting in `out_of_order` where its first entity
    /// sorts before the last one in.
    fn take(&mut self, mut found: Vec<Entity>, out_of_order: &AtomicBool) {
        if self.entities.capacity() - self.entities.len() < found.len() {
            // Room for the rest of the runs at the rate so far, once enough are read to
            // project from: growing then costs a copy or two.
            let projected = if self.runs_in >= PROJECT_AFTER_RUNS {
                self.entities.len() * (self.runs - self.runs_in) / self.runs_in
            } else {
                0
            };
            self.entities.reserve_exact(found.len() + projected);
        }
        if let (Some(last), Some(first)) = (self.entities.last(), found.first())
            && entity_order(last) > entity_order(first)
        {
            out_of_order.store(true, Ordering::Relaxed);
        }
        self.entities.append(&mut found);
        self.next += 1;
        self.runs_in = (self.next * self.chunk_runs).min(self.runs);
    }

    /// Moves in every chunk of `done` that is done, from the next one in order on.
    fn take_done(&mut self, done: &[Mutex<Option<Vec<Entity>>>], out_of_order: &AtomicBool) {
        while let Some(found) = done.get(self.next).and_then(|slot| lock(slot).take()) {
            self.take(found, out_of_order);
        }
    }
}

/// Runs a task of the cross-run pass reads at most: small enough that both cores finish
/// nearly together and that a chunk waiting for the one before it holds few entities,
/// large enough that tasks, their vectors and scratch are made rarely. (The test
/// `entities_follow_the_source_when_runs_do_not` puts two chunks of front runs first.)
const RUNS_PER_CHUNK: usize = 256;

/// Documents with more runs than this have their chunks found on the pool: below it,
/// handing tasks to the pool costs more than it saves.
const SHARED_ABOVE_RUNS: usize = 2 * findings::RUNS_PER_TASK;

/// Runs read before the result's size is projected from them.
const PROJECT_AFTER_RUNS: usize = 1024;

/// The front-matter runs, then the body's, read as one list by index: gathered into a list
/// of references, the 173 000 runs of 20 MB of the report took 0.26-0.39 ms of one thread.
#[derive(Clone, Copy)]
struct AllRuns<'a> {
    front: &'a [ProseRun],
    body: &'a [ProseRun],
}

impl<'a> AllRuns<'a> {
    fn len(&self) -> usize {
        self.front.len() + self.body.len()
    }

    /// Run `i`, which must be below [`AllRuns::len`].
    fn get(&self, i: usize) -> &'a ProseRun {
        match i.checked_sub(self.front.len()) {
            None => &self.front[i],
            Some(j) => &self.body[j],
        }
    }

    /// The runs of `range`, within [`AllRuns::len`]: the front runs' part, then the body's.
    fn slices(&self, range: Range<usize>) -> (&'a [ProseRun], &'a [ProseRun]) {
        let f = self.front.len();
        (
            &self.front[range.start.min(f)..range.end.min(f)],
            &self.body[range.start.saturating_sub(f)..range.end.saturating_sub(f)],
        )
    }
}

/// The output order of entities: by position, then kind.
fn entity_order(e: &Entity) -> (usize, EntityKind, usize) {
    (e.span.start, e.kind, e.span.end)
}

/// A run with what was found in it before the cross-run pass.
struct Recognized<'a> {
    run: &'a ProseRun,
    /// Its datetimes, resolved, for [`run_entities`] to take out (the list is the task's).
    dates: &'a mut Vec<(Range<usize>, Datetime)>,
    venues: &'a [(Range<usize>, Venue)],
    /// What it holds that the loc and release readers need.
    traits: findings::Traits,
}

/// A task's scratch for [`run_entities`]: the loc and release context, refilled for each
/// run, and the section whose heading path it holds.
#[derive(Default)]
struct Scratch<'d> {
    ctx: LocContext<'d>,
    /// The run section the heading path was made for (at first none, whose path is
    /// empty): runs of one section follow each other, and making the path for every run
    /// cost about 1 M instructions per MB of the report.
    headings_of: Option<usize>,
    /// The line of the last entity's start: the task's runs follow the source, and its
    /// entities' lines are looked for from there ([`LineIndex::position_near`]).
    line: usize,
}

/// The entities of one run, unsorted: its venues, loc figures, releases and resolved datetimes.
fn run_entities<'d>(
    source: &str,
    index: &LineIndex,
    doc: &'d Document,
    recognized: Recognized,
    kinds: Kinds,
    scratch: &mut Scratch<'d>,
    out: &mut Vec<Entity>,
) {
    let Recognized {
        run,
        dates,
        venues,
        traits,
    } = recognized;
    let mut push = |range: Range<usize>, kind: EntityKind, value: EntityValue| {
        let span = run.source_span(range);
        out.push(Entity {
            kind,
            text: span.slice(source).to_owned(),
            span,
            position: index.position_near(source, span.start, &mut scratch.line),
            section: run.section(),
            front_matter_key: run.key().map(str::to_owned),
            quoted: run.quote_depth > 0,
            value,
        });
    };
    // A run whose traits rule out a figure or a release is passed over unread: most runs.
    let wants_loc = kinds.contains(EntityKind::Loc) && traits.may_hold_loc();
    let wants_release = kinds.contains(EntityKind::Release) && traits.may_hold_release(dates.len());
    let wants_context = (wants_loc || wants_release) && run.kind != RunKind::FrontMatter;
    if run.kind != RunKind::FrontMatter && kinds.contains(EntityKind::Venue) {
        for (range, venue) in venues {
            push(
                range.clone(),
                EntityKind::Venue,
                EntityValue::Venue(Box::new(venue.clone())),
            );
        }
    }
    if wants_context {
        // The context's vectors are the task's, refilled for each run: most runs need no
        // allocation of their own. Each date's resolved start is lent to the context and
        // given back before the datetime becomes an entity: copied, it was an allocation
        // per date of every run read.
        let ctx = &mut scratch.ctx;
        if scratch.headings_of != run.section() {
            ctx.heading_path.clear();
            ctx.heading_path.extend(doc.enclosing_titles(run.section()));
            ctx.heading_path.reverse();
            scratch.headings_of = run.section();
        }
        ctx.dates.clear();
        ctx.dates.extend(dates.iter_mut().map(|(r, d)| DateRef {
            range: r.clone(),
            start: d.start.take(),
        }));
        let ctx = &scratch.ctx;
        if wants_loc {
            for (range, loc) in rustdocs_loc::recognize_loc(run.text(), ctx) {
                push(range, EntityKind::Loc, EntityValue::Loc(loc));
            }
        }
        if wants_release {
            for (range, release) in rustdocs_loc::recognize_releases(run.text(), ctx) {
                push(range, EntityKind::Release, EntityValue::Release(release));
            }
        }
        for ((_, d), lent) in dates.iter_mut().zip(&mut scratch.ctx.dates) {
            d.start = lent.start.take();
        }
    }
    // Entities are sorted by (start, kind, end) once the run is read, so the datetimes,
    // pushed last, land where they belong.
    if kinds.contains(EntityKind::Datetime) {
        for (range, dt) in dates.drain(..) {
            push(range, EntityKind::Datetime, EntityValue::Datetime(dt));
        }
    }
}

/// Appends to `out` the resolved candidates of each of `runs`, the runs from index `first`
/// on, with `resolver` as the runs before them left it.
fn resolve_runs(
    resolver: &mut Resolver,
    runs: &[ProseRun],
    found: &Findings,
    first: usize,
    out: &mut ChunkDates,
) {
    let each = runs
        .iter()
        .zip(found.candidates_of_runs(first..first + runs.len()));
    for (i, (run, candidates)) in (first..).zip(each) {
        resolver.set_section(run.section());
        resolver.set_quoted(run.quote_depth > 0);
        out.extend(
            candidates
                .iter()
                .map(|c| (i, c.range.clone(), resolver.resolve(c))),
        );
    }
}

/// `倒计时3天` in an announcement counts down to the event: the reference day is the first
/// fully dated day the document states, minus the count.
///
/// Only mentions that state their year can be fully dated without a reference, and they
/// resolve alike wherever they stand ([`Resolver::resolve_absolute`]): the document need not
/// be resolved in order to find the first.
fn infer_from_countdown(found: &Findings) -> Option<Reference> {
    let &(_, _, days) = found.countdowns().first()?;
    let event = found.each_candidate().find_map(|(_, c)| {
        let dt = Resolver::resolve_absolute(c)?;
        dt.invalid
            .is_none()
            .then(|| dt.start.as_deref().and_then(day_of))?
    })?;
    let date = event
        .checked_sub(jiff::Span::new().days(i64::from(days)))
        .ok()?;
    Some(Reference::day(date, ReferenceSource::Countdown))
}

/// Words before a date that say it is the time of writing: `截止到当前 2021年6月`.
const AS_OF_BEFORE: [&str; 12] = [
    "截止到当前",
    "截至当前",
    "截止当前",
    "截止到目前",
    "截至目前",
    "截止目前",
    "截止到现在",
    "截至现在",
    "截止到今天",
    "截至今天",
    "截止到今日",
    "截至今日",
];

/// Words that, followed by a date in brackets, state the time of writing: `今天（2022.12 月）`.
const NOW_WORDS: [&str; 4] = ["今天", "目前", "当前", "现在"];

/// The time of writing as the document states it, at the finest precision stated (the latest
/// such statement among equals), as the runs' findings gathered it ([`stated_period`]).
fn infer_from_statement(found: &Findings) -> Option<Reference> {
    found.stated().map(|(precision, date)| Reference {
        date,
        source: ReferenceSource::Stated,
        precision,
    })
}

/// The precision and first day of the time of writing when candidate `c` of `run` states it.
/// Quoted speech is skipped: it speaks of its own time.
///
/// A statement's date states its year, so it is read with [`Resolver::resolve_absolute`],
/// and only where the words around it make it a statement.
// Not inlined: inlined into the walk's loop over a run's mentions, it cost the call about
// 0.16 M instructions per MB of the report more (callgrind, one thread).
#[inline(never)]
pub(crate) fn stated_period(run: &ProseRun, c: &Candidate) -> Option<(Precision, Date)> {
    // Only a mention with its own year can state the time of writing: the cheap test first,
    // the words around it next, and the resolution last.
    if run.quote_depth > 0 || !c.is_absolute() {
        return None;
    }
    let range = &c.range;
    let before = run.text()[..range.start].trim_end_matches([' ', '\u{3000}', '，', ',']);
    let after = run.text()[range.end..].trim_start_matches([' ', '\u{3000}']);
    let bracketed = before
        .strip_suffix(['（', '('])
        .is_some_and(|b| NOW_WORDS.iter().any(|w| b.trim_end().ends_with(w)))
        && after.starts_with(['）', ')']);
    // The recognizer may fold `今天（2022.12 月）` into one mention whose date is explicit.
    let own = &run.text()[range.clone()];
    let folded = NOW_WORDS.iter().any(|w| own.starts_with(w)) && own.contains(['（', '(']);
    let stated = AS_OF_BEFORE.iter().any(|m| before.ends_with(m))
        || after.starts_with("的今天")
        || bracketed
        || folded;
    if !stated {
        return None;
    }
    let dt = Resolver::resolve_absolute(c)?;
    if dt.invalid.is_some() || dt.end.is_some() {
        return None;
    }
    dt.start.as_deref().and_then(period_of)
}

/// The precision and first day of an ISO prefix: `2021` → year, `2021-06` → month.
fn period_of(iso: &str) -> Option<(Precision, Date)> {
    let year: i16 = iso.get(..4)?.parse().ok()?;
    match iso.len() {
        4 => Date::new(year, 1, 1).ok().map(|d| (Precision::Year, d)),
        7 => Date::new(year, iso.get(5..7)?.parse().ok()?, 1)
            .ok()
            .map(|d| (Precision::Month, d)),
        _ => day_of(iso).map(|d| (Precision::Day, d)),
    }
}

/// Relative expressions finer than what the reference fixes cannot be resolved: with only
/// the month known, 今天 is some day of it, not its first.
fn forget_unknowable(dates: &mut ChunkDates, precision: Precision) {
    let keep = match precision {
        Precision::Year => 4,
        Precision::Month => 7,
        Precision::Day => usize::MAX,
    };
    for (_, _, dt) in dates {
        if dt.resolution == rustdocs_datetime::Resolution::Relative
            && dt.start.as_ref().is_some_and(|s| s.len() > keep)
        {
            dt.start = None;
            dt.end = None;
        }
    }
}

/// The calendar day of an ISO prefix with at least day grain.
#[must_use]
pub fn day_of(iso: &str) -> Option<Date> {
    iso.get(..10)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The front runs and the body's read by index and by range as the two lists
        /// chained.
        #[test]
        fn all_runs_read_as_the_lists_chained(
            front in 0usize..6,
            body in 0usize..6,
            a in 0usize..13,
            b in 0usize..13,
        ) {
            let source = "0123456789ab";
            let run = |i: usize| {
                ProseRun::verbatim(RunKind::Paragraph, None, source, Span::new(i, i + 1), None)
            };
            let front: Vec<ProseRun> = (0..front).map(run).collect();
            let body: Vec<ProseRun> = (front.len()..front.len() + body).map(run).collect();
            let runs = AllRuns { front: &front, body: &body };
            let chained: Vec<&str> = front.iter().chain(&body).map(ProseRun::text).collect();
            proptest::prop_assert_eq!(runs.len(), chained.len());
            let by_index: Vec<&str> = (0..runs.len()).map(|i| runs.get(i).text()).collect();
            proptest::prop_assert_eq!(&by_index, &chained);
            let (start, end) = (a.min(b).min(runs.len()), a.max(b).min(runs.len()));
            let (front, body) = runs.slices(start..end);
            let read: Vec<&str> = front.iter().chain(body).map(ProseRun::text).collect();
            proptest::prop_assert_eq!(read, &chained[start..end]);
        }
    }

    fn run(src: &str, reference: Option<Reference>) -> Extraction {
        let doc = rustdocs_document::parse(src, 0);
        extract(
            src,
            &doc,
            &[],
            &Options {
                reference,
                kinds: Kinds::default(),
            },
        )
    }

    fn starts(found: &Extraction) -> Vec<(String, Option<String>)> {
        found
            .entities
            .iter()
            .filter_map(|e| match &e.value {
                EntityValue::Datetime(d) => Some((e.text.clone(), d.start.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_countdown_and_the_event_date_give_the_day() {
        let found = run(
            "倒计时3天！本周六下午见。\n\n时间：2023 年 4 月 8 日 14:00\n",
            None,
        );
        let reference = found.reference.unwrap();
        assert_eq!(
            (reference.date.to_string().as_str(), reference.source),
            ("2023-04-05", ReferenceSource::Countdown)
        );
        assert!(starts(&found).contains(&("本周六下午".to_owned(), Some("2023-04-08".to_owned()))));
    }

    #[test]
    fn a_stated_month_resolves_months_but_not_days() {
        let found = run(
            "截止到当前 2021年6月，项目仍在迭代。\n\n截止到上个月，今年发布了两个版本。今天很忙。\n",
            None,
        );
        let reference = found.reference.unwrap();
        assert_eq!(
            (reference.source, reference.precision),
            (ReferenceSource::Stated, Precision::Month)
        );
        let got = starts(&found);
        assert!(
            got.contains(&("上个月".to_owned(), Some("2021-05".to_owned()))),
            "{got:?}"
        );
        assert!(
            got.contains(&("今年".to_owned(), Some("2021".to_owned()))),
            "{got:?}"
        );
        assert!(got.contains(&("今天".to_owned(), None)), "{got:?}");
    }

    /// A venue entity at byte `at`, for the ordering tests.
    fn entity_at(at: usize) -> Entity {
        let text = "北京";
        Entity {
            kind: EntityKind::Venue,
            text: text.to_owned(),
            span: Span::new(at, at + text.len()),
            position: Position { line: 1, column: 1 },
            section: None,
            front_matter_key: None,
            quoted: false,
            value: EntityValue::Venue(Box::default()),
        }
    }

    /// Chunks done out of order go in in order: each when every chunk before it is in, and
    /// a chunk that starts before the end of the one before it is noted as out of order.
    #[test]
    fn chunks_go_in_in_order() {
        let starts = |order: &InOrder| {
            order
                .entities
                .iter()
                .map(|e| e.span.start)
                .collect::<Vec<_>>()
        };
        let done: Vec<Mutex<Option<Vec<Entity>>>> = (0..5).map(|_| Mutex::new(None)).collect();
        let finish = |c: usize, at: &[usize]| {
            *lock(&done[c]) = Some(at.iter().copied().map(entity_at).collect());
        };
        let mut order = InOrder::new(5 * RUNS_PER_CHUNK - 7, RUNS_PER_CHUNK);
        let out_of_order = AtomicBool::new(false);
        finish(1, &[20, 21]);
        finish(2, &[]);
        order.take_done(&done, &out_of_order);
        assert_eq!(
            (order.next, starts(&order)),
            (0, vec![]),
            "chunk 0 is not done"
        );
        finish(0, &[10]);
        order.take_done(&done, &out_of_order);
        assert_eq!((order.next, starts(&order)), (3, vec![10, 20, 21]));
        assert_eq!(order.runs_in, 3 * RUNS_PER_CHUNK);
        finish(4, &[40]);
        order.take_done(&done, &out_of_order);
        assert_eq!(order.next, 3);
        assert!(!out_of_order.load(Ordering::Relaxed));
        finish(3, &[30, 5]);
        order.take_done(&done, &out_of_order);
        assert_eq!(
            (order.next, starts(&order)),
            (5, vec![10, 20, 21, 30, 5, 40])
        );
        assert_eq!(
            order.runs_in,
            5 * RUNS_PER_CHUNK - 7,
            "the last chunk is short"
        );
        // Within a chunk, disorder is the task's to note; between chunks, the mover's.
        assert!(!out_of_order.load(Ordering::Relaxed));
        let done: Vec<Mutex<Option<Vec<Entity>>>> = (0..2).map(|_| Mutex::new(None)).collect();
        *lock(&done[0]) = Some(vec![entity_at(50)]);
        *lock(&done[1]) = Some(vec![entity_at(45)]);
        let mut order = InOrder::new(2 * RUNS_PER_CHUNK, RUNS_PER_CHUNK);
        order.take_done(&done, &out_of_order);
        assert_eq!(starts(&order), vec![50, 45]);
        assert!(out_of_order.load(Ordering::Relaxed));
    }

    /// A chunk's vector has room for its runs at the rate so far and a quarter more, and the
    /// result room for the rest of the document once enough runs are in to project from.
    #[test]
    fn room_follows_the_rate_so_far() {
        assert_eq!(room(256, (0, 0)), 0);
        assert_eq!(room(256, (100, 1000)), 32);
        assert_eq!(room(10, (3, 7)), 6);
        let runs = 100 * RUNS_PER_CHUNK;
        let mut order = InOrder::new(runs, RUNS_PER_CHUNK);
        let out_of_order = AtomicBool::new(false);
        let chunk = |n: usize| (0..n).map(entity_at).collect::<Vec<_>>();
        order.take(chunk(8), &out_of_order);
        assert!(
            order.entities.capacity() < 64,
            "too few runs in to project from"
        );
        for _ in 1..PROJECT_AFTER_RUNS.div_ceil(RUNS_PER_CHUNK) {
            order.take(chunk(8), &out_of_order);
        }
        order.take(chunk(8), &out_of_order);
        assert!(
            order.entities.capacity() >= 8 * 100,
            "{}",
            order.entities.capacity()
        );
    }

    /// A document of many pieces, each with mentions of its own: the finest, latest
    /// statement wins wherever it stands, as in a short one.
    #[test]
    fn many_mentions_are_read_for_statements_alike() {
        // About 400 KB: walked in pieces, on several threads where there are several.
        let filler = "2019 年 3 月 5 日发布，2020 年又更新。\n\n".repeat(8192);
        let statements = [
            "截至目前 2021年6月，仍在迭代。\n\n",
            "截至目前 2022年，仍在迭代。\n\n",
            "截至目前 2020年1月，仍在迭代。\n\n",
        ];
        // The winner first, at a paragraph break in the middle, and last; the others
        // around it.
        let middle = filler[..filler.len() / 2].rfind("\n\n").unwrap() + 2;
        for place in [0, middle, filler.len()] {
            let mut text = filler.clone();
            text.insert_str(place, statements[0]);
            text.insert_str(0, statements[1]);
            text.push_str(statements[2]);
            let found = run(&text, None);
            let reference = found.reference.unwrap();
            assert_eq!(
                (reference.date.to_string().as_str(), reference.precision),
                ("2021-06-01", Precision::Month),
                "the winner at byte {place}"
            );
            let short: String = statements.concat();
            assert_eq!(run(&short, None).reference, Some(reference));
        }
    }

    #[test]
    fn now_words_with_a_bracketed_date_state_the_time_of_writing() {
        let found = run(
            "截止到今天（2022.12 月）已有 39 家成员。今年 10 月份发布。\n",
            None,
        );
        let reference = found.reference.unwrap();
        assert_eq!(reference.date.to_string(), "2022-12-01");
        assert!(starts(&found).contains(&("今年 10 月份".to_owned(), Some("2022-10".to_owned()))));
    }

    #[test]
    fn quotes_and_deadlines_do_not_state_the_time_of_writing() {
        let found = run(
            "> 截止到当前 2019年3月，我们很好。\n\n报名截止到 2023 年 4 月 1 日。上个月如何？\n",
            None,
        );
        assert_eq!(found.reference, None);
        assert!(starts(&found).contains(&("上个月".to_owned(), None)));
    }

    #[test]
    fn a_given_reference_is_never_replaced() {
        let given = Reference::day("2021-06-23".parse().unwrap(), ReferenceSource::Caller);
        let found = run("倒计时3天。2023 年 4 月 8 日。今天。\n", Some(given));
        assert_eq!(found.reference, Some(given));
        assert!(starts(&found).contains(&("今天".to_owned(), Some("2021-06-23".to_owned()))));
    }

    #[test]
    fn kinds_filter_what_is_extracted() {
        let src = "# TiKV\n\n2016 年 4 月开源，代码量大约 30 万行。\n";
        let doc = rustdocs_document::parse(src, 0);
        let only_loc = extract(
            src,
            &doc,
            &[],
            &Options {
                reference: None,
                kinds: Kinds::none().with(EntityKind::Loc),
            },
        );
        assert!(!only_loc.entities.is_empty());
        assert!(only_loc.entities.iter().all(|e| e.kind == EntityKind::Loc));
        assert_eq!(
            Kinds::parse_list("datetime, venue").unwrap(),
            Kinds::none()
                .with(EntityKind::Datetime)
                .with(EntityKind::Venue)
        );
        assert!(Kinds::parse_list("dates").unwrap_err().contains("dates"));
    }
}
