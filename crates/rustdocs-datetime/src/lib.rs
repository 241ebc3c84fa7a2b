//! Dates, times and spans as Chinese technical prose writes them, recognized and resolved.
//!
//! Meetup announcements and industry reports write calendar points in dozens of ways:
//! `2023 年 4 月 8 日 14:00`, `2019年3月22` (no 日), `2018年 3月5号`, `2020-09-23`,
//! `二〇二三年四月八日`, `6月 16` (year left to the context), `2021 年 04 月 24 日（周六）14:00-17:00`,
//! `本周六下午`, `去年 8 月`, `下午 2 点半`, `10月16、17日`. This crate reads them in two stages:
//!
//! 1. [`recognize`] finds mentions in one prose run by syntax alone and parses their fields
//!    into [`Candidate`]s (byte ranges into the run, sorted, non-overlapping);
//! 2. a [`Resolver`], one per document, turns candidates into [`Datetime`] values in
//!    document order: relative forms against the reference date, missing years from the
//!    nearest preceding dated mention of the same section.
//!
//! Durations (六年, 18 个月), frequencies (每 6 周, 一月一个小版本), versions (1.6.342,
//! Linux 6.2), editions (Rust 2018, PLDI'20) and counts (30 万行, 2021 个) are not mentions.
//! Impossible dates (2月30日, 25:00) are still reported, with [`Datetime::invalid`] set.
//!
//! ```
//! use jiff::civil::date;
//! use rustdocs_datetime::{find, Grain, PartOfDay, Resolution};
//!
//! let found = find("赶快报名参与本周六下午的 Meetup。时间：2023 年 4 月 8 日 14:00", Some(date(2023, 4, 5)));
//! assert_eq!(found.len(), 2);
//! let (_, saturday) = &found[0];
//! assert_eq!(saturday.start.as_deref(), Some("2023-04-08"));
//! assert_eq!(saturday.part_of_day, Some(PartOfDay::Afternoon));
//! assert_eq!(saturday.resolution, Resolution::Relative);
//! let (range, event) = &found[1];
//! assert_eq!(range.len(), "2023 年 4 月 8 日 14:00".len());
//! assert_eq!(event.start.as_deref(), Some("2023-04-08T14:00"));
//! assert_eq!(event.grain, Grain::Minute);
//! ```
//!
//! # Conventions
//!
//! * A clock hour written with 点 has [`Grain::Hour`] and renders as `T13:00`.
//! * 下午/晚上 move colloquial hours to the afternoon (下午 2 点 → 14:00, 晚 7 点 → 19:00), but
//!   not hours that would contradict the part of day (下午 09:00 stays 09:00), so a validator
//!   can report the contradiction.
//! * `X 年的今天` is the year X; 今天 there means "now", not a calendar day.
//! * A bare `M.D` is a date only with [`Options::dotted_month_day`] (titles, labels), or where
//!   the text is plainly a schedule: a span of two (`11.15 ～ 12.12`), a clock time after it
//!   (`12.29 14:00`), or the whole value of a `label：` line (`作品提交：12.19`). Never after a
//!   product name (`Linux 6.2`) or before 版/倍.
//! * A year without 年 (`Rust 2018`, `ASPLOS 2020`) is never a date; ISO forms
//!   (`2020-09-23`, `2023/05/19`, `2023.4.8`) need no 年.
//! * A relative weekday followed by a date in brackets (`本周日（8 月 6 日）`) takes the explicit
//!   date and keeps the weekday as a note.
#![forbid(unsafe_code)]

mod lex;
mod scan;

use std::fmt::Write as _;
use std::ops::Range;
use std::sync::LazyLock;

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use regex::Regex;
use rustdocs_span::chars::BmpSet;

/// How a prose run is to be read.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Accept a bare `4.8` / `11.15` as month.day (titles and labels use it for dates).
    pub dotted_month_day: bool,
    /// Byte ranges (inline code) where no mention may match.
    pub ignore: Vec<Range<usize>>,
}

/// A part of the day named in the text (上午, 下午, 晚上 …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PartOfDay {
    /// 上午, 早上, 早晨, 清晨.
    Morning,
    /// 中午, 正午.
    Noon,
    /// 下午.
    Afternoon,
    /// 晚上, 傍晚, 晚.
    Evening,
    /// 凌晨, 夜里, 深夜, 午夜.
    Night,
}

/// The finest unit a mention states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Grain {
    /// `2015年`.
    Year,
    /// `2019年 11月`.
    Month,
    /// `2021年3月10号`.
    Day,
    /// `下午 13 点` (rendered `T13:00`, since an hour alone is not an extended ISO time).
    Hour,
    /// `14:00`.
    Minute,
}

/// Where the resolved value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Resolution {
    /// Everything is written in the mention.
    Absolute,
    /// Relative to the reference date (本周六, 上个月, 今年).
    Relative,
    /// The year (or day, for a bare time) comes from an earlier mention or the reference date.
    Context,
}

/// A relative element of a mention, resolved against the reference date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Relative {
    /// 今天 (0), 明天 (1), 昨天 (-1), 后天 (2), 前天 (-2).
    Days(i32),
    /// 本周六 (weeks 0), 下周三 (1), 上周五 (-1); a bare 周六 is this week.
    Weekday {
        /// Weeks from the reference date's week (Monday to Sunday).
        weeks: i32,
        /// The day of that week.
        weekday: Weekday,
    },
    /// 本月 (0), 下个月 (1), 上个月 (-1).
    Months(i32),
    /// 今年 (0), 明年 (1), 去年 (-1), 前年 (-2).
    Years(i32),
}

/// The fields of one calendar point as written; anything not written is `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Point {
    /// Year as written (2023 for 二〇二三年).
    pub year: Option<i32>,
    /// Month as written (may be out of range: 13月 is reported invalid, not dropped).
    pub month: Option<u32>,
    /// Day of month as written.
    pub day: Option<u32>,
    /// Hour on a 24-hour clock (下午 2 点 is 14).
    pub hour: Option<u32>,
    /// Minute (点半 is 30); `None` for a whole hour written with 点.
    pub minute: Option<u32>,
    /// A relative element (本周六, 去年), combined with the written fields.
    pub relative: Option<Relative>,
}

impl Point {
    fn year(y: i32) -> Self {
        Point {
            year: Some(y),
            ..Point::default()
        }
    }

    /// Whether the point names a day (absolutely or relatively).
    #[must_use]
    pub fn has_day(&self) -> bool {
        self.day.is_some()
            || matches!(
                self.relative,
                Some(Relative::Days(_) | Relative::Weekday { .. })
            )
    }

    /// The finest unit the point states.
    #[must_use]
    pub fn grain(&self) -> Grain {
        if self.minute.is_some() {
            Grain::Minute
        } else if self.hour.is_some() {
            Grain::Hour
        } else if self.has_day() {
            Grain::Day
        } else if self.month.is_some() || matches!(self.relative, Some(Relative::Months(_))) {
            Grain::Month
        } else {
            Grain::Year
        }
    }
}

/// One mention found by [`recognize`]: where it is and what it says, before resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Byte range in the run, on char boundaries.
    pub range: Range<usize>,
    /// The point the mention starts at (the whole mention when it is not a span).
    pub start: Point,
    /// The end of a span; missing fields are taken from `start` (8月23日至25日).
    pub end: Option<Point>,
    /// Part of day named in the mention.
    pub part_of_day: Option<PartOfDay>,
    /// Weekday as written (`周六`, `星期日`, `Sat.`), without brackets or 本/下/上.
    pub weekday: Option<String>,
}

impl Candidate {
    /// Whether the mention fixes its own year (written, or relative such as 去年).
    #[must_use]
    pub fn has_year(&self) -> bool {
        self.start.year.is_some() || self.start.relative.is_some()
    }

    /// Whether the mention writes its year and nothing relative (`2021年6月`): what
    /// [`Resolver::resolve_absolute`] resolves without context.
    #[must_use]
    pub fn is_absolute(&self) -> bool {
        self.start.year.is_some() && self.start.relative.is_none()
    }
}

/// A resolved mention, in the shape of the gold files' datetime values.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Datetime {
    /// ISO-8601 prefix whose length is the grain (`2015`, `2019-11`, `2023-04-08T14:00`).
    pub start: Option<String>,
    /// End of a span, at its own grain; `None` when the mention is not a span.
    pub end: Option<String>,
    /// Grain of `start`.
    pub grain: Grain,
    /// Part of day named in the text.
    pub part_of_day: Option<PartOfDay>,
    /// Weekday as written.
    pub weekday: Option<String>,
    /// Where the value came from.
    pub resolution: Resolution,
    /// Why the date cannot exist (2月30日, 13月, 25:00), if it cannot.
    pub invalid: Option<String>,
}

/// Stage 1: every mention in one prose run, by syntax alone; sorted and non-overlapping.
#[must_use]
pub fn recognize(text: &str, options: &Options) -> Vec<Candidate> {
    scan::recognize(text, options)
}

/// The chars that can open a mention: ASCII and fullwidth digits, Chinese numerals and the
/// first chars of relative words and parts of day. [`recognize`] reads a run's other
/// three-byte chars only to step over them.
#[must_use]
pub fn starts() -> &'static BmpSet {
    &scan::START
}

/// [`recognize`] for a caller that has already read the run's chars: `stops` are ascending
/// char boundaries of `text` that hold every non-ASCII char other than a three-byte char
/// outside [`starts`], and every ASCII char that follows a non-ASCII one. The scan steps from
/// stop to stop over the chars between, which cannot open a mention, instead of reading each.
///
/// Any such list gives what [`recognize`] gives, whatever extra boundaries it holds: a
/// scan that already visits each char (the venue gazetteer's) notes the stops for a few
/// instructions where reading the chars again cost about 19 each.
///
/// ```
/// use rustdocs_datetime::{Options, recognize, recognize_with_stops, starts};
///
/// let text = "我们在2023年4月8日见，周六下午。";
/// // Every char that is not a three-byte char outside the start set (the minimum).
/// let stops: Vec<usize> = text
///     .char_indices()
///     .filter(|&(_, c)| c.len_utf8() != 3 || starts().contains(c.into()))
///     .map(|(i, _)| i)
///     .collect();
/// let options = Options::default();
/// assert_eq!(
///     recognize_with_stops(text, &options, &stops),
///     recognize(text, &options),
/// );
/// ```
#[must_use]
pub fn recognize_with_stops(text: &str, options: &Options, stops: &[usize]) -> Vec<Candidate> {
    let mut out = Vec::new();
    scan::recognize_with_stops(text, options, stops, &mut out);
    out
}

/// [`recognize_with_stops`] appending to `out`, for a caller that gathers the mentions of
/// run after run in one list (a list per run was an allocation for most runs).
///
/// ```
/// use rustdocs_datetime::{Options, recognize, recognize_with_stops_into};
///
/// let (first, second) = ("2023年4月8日见", "周六下午");
/// let options = Options::default();
/// let mut all = recognize(first, &options);
/// // Every char boundary: more stops than needed give the same mentions.
/// let stops: Vec<usize> = (0..=second.len()).filter(|&i| second.is_char_boundary(i)).collect();
/// recognize_with_stops_into(second, &options, &stops, &mut all);
/// assert_eq!(all.len(), 2);
/// assert_eq!(all[1], recognize(second, &options)[0]);
/// ```
pub fn recognize_with_stops_into(
    text: &str,
    options: &Options,
    stops: &[usize],
    out: &mut Vec<Candidate>,
) {
    scan::recognize_with_stops(text, options, stops, out);
}

/// A calendar point with the year filled in.
#[derive(Debug, Clone, Copy)]
struct Filled {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
    hour: Option<u32>,
    minute: Option<u32>,
}

/// Stage 2: resolution in document order, one per document.
#[derive(Debug, Clone)]
pub struct Resolver {
    reference: Option<Date>,
    section: Option<usize>,
    quoted: bool,
    /// Year of the nearest preceding dated mention in the current section.
    year: Option<i32>,
    /// Day of the nearest preceding mention with a day, for bare clock times.
    day: Option<(i32, u32, u32)>,
    /// The same across sections: an agenda table's `13:30 - 14:40` under its own heading
    /// belongs to the event day stated above it, not to the page's publication day.
    document_day: Option<(i32, u32, u32)>,
}

impl Resolver {
    /// A resolver for one document; `reference` is the day the document speaks from.
    #[must_use]
    pub fn new(reference: Option<Date>) -> Self {
        Resolver {
            reference,
            section: None,
            quoted: false,
            year: None,
            day: None,
            document_day: None,
        }
    }

    /// Starts a new section when it differs from the current one: context years do not
    /// cross section boundaries.
    pub fn set_section(&mut self, section: Option<usize>) {
        if section != self.section {
            self.section = section;
            self.year = None;
            self.day = None;
        }
    }

    /// Marks the following runs as quoted speech (a blockquote from another source): their
    /// relative forms (这个月, 今天) speak from an unknown date and stay unresolved.
    pub fn set_quoted(&mut self, quoted: bool) {
        self.quoted = quoted;
    }

    /// How a resolver without a reference resolves `candidate` when its start states its own
    /// year and nothing relative (`2021年6月`), or `None` for any other mention.
    ///
    /// Such a mention resolves the same whatever came before it (no context year, day or
    /// quotation enters), so a caller can read the document's explicit dates without
    /// resolving the document in order: inferring a reference date needs nothing else.
    #[must_use]
    pub fn resolve_absolute(candidate: &Candidate) -> Option<Datetime> {
        candidate
            .is_absolute()
            .then(|| Resolver::new(None).resolve(candidate))
    }

    /// Resolves one candidate and remembers it as context for later mentions.
    pub fn resolve(&mut self, candidate: &Candidate) -> Datetime {
        let grain = candidate.start.grain();
        let (filled, resolution) = self.fill(&candidate.start);
        let mut invalid = problem(&candidate.start, filled.map(|f| f.year));
        let start = filled.map(|f| render(&f, grain));
        let end = match (&candidate.end, filled) {
            (Some(end), Some(_)) if end.relative.is_some() => {
                let (e, _) = self.fill(end);
                e.map(|e| render(&e, end.grain()))
            }
            (Some(end), Some(f)) => {
                let e = inherit(&f, end);
                if invalid.is_none() {
                    invalid = problem(end, Some(e.year));
                }
                Some(render(&e, end.grain()))
            }
            _ => None,
        };
        if let Some(f) = filled {
            self.year = Some(f.year);
            if let (Some(m), Some(d)) = (f.month, f.day) {
                self.day = Some((f.year, m, d));
                if !self.quoted {
                    self.document_day = self.day;
                }
            }
        }
        Datetime {
            start,
            end,
            grain,
            part_of_day: candidate.part_of_day,
            weekday: candidate.weekday.clone(),
            resolution,
            invalid,
        }
    }

    fn fill(&self, p: &Point) -> (Option<Filled>, Resolution) {
        let with_year = |year: i32| Filled {
            year,
            month: p.month,
            day: p.day,
            hour: p.hour,
            minute: p.minute,
        };
        if let Some(rel) = p.relative {
            let reference = self.reference.filter(|_| !self.quoted);
            let filled = reference.and_then(|r| relative(r, rel, p));
            return (filled, Resolution::Relative);
        }
        if let Some(y) = p.year {
            return (Some(with_year(y)), Resolution::Absolute);
        }
        if p.month.is_some() {
            let year = self.year.or(self.reference.map(|r| i32::from(r.year())));
            return (year.map(with_year), Resolution::Context);
        }
        let day = self.day.or(self.document_day).or(self
            .reference
            .map(|r| (i32::from(r.year()), r.month() as u32, r.day() as u32)));
        let filled = day.filter(|_| p.hour.is_some()).map(|(y, m, d)| Filled {
            year: y,
            month: Some(m),
            day: Some(d),
            hour: p.hour,
            minute: p.minute,
        });
        (filled, Resolution::Context)
    }
}

/// Applies a relative element to the reference date.
#[allow(clippy::many_single_char_names)] // y/m/d/r/p: calendar fields read best short.
fn relative(r: Date, rel: Relative, p: &Point) -> Option<Filled> {
    let ymd = |d: Date| (i32::from(d.year()), d.month() as u32, d.day() as u32);
    let (year, month, day) = match rel {
        Relative::Days(n) => {
            let (y, m, d) = ymd(r.checked_add(i64::from(n).days()).ok()?);
            (y, Some(m), Some(d))
        }
        Relative::Weekday { weeks, weekday } => {
            let offset = i64::from(weekday.to_monday_zero_offset())
                - i64::from(r.weekday().to_monday_zero_offset())
                + 7 * i64::from(weeks);
            let (y, m, d) = ymd(r.checked_add(offset.days()).ok()?);
            (y, Some(m), Some(d))
        }
        Relative::Months(n) => {
            let index = i32::from(r.year()) * 12 + i32::from(r.month()) - 1 + n;
            (
                index.div_euclid(12),
                Some(index.rem_euclid(12) as u32 + 1),
                p.day,
            )
        }
        Relative::Years(n) => (i32::from(r.year()) + n, p.month, p.day),
    };
    Some(Filled {
        year,
        month,
        day,
        hour: p.hour,
        minute: p.minute,
    })
}

/// The end of a span, with the fields it leaves out taken from its start.
fn inherit(start: &Filled, end: &Point) -> Filled {
    let has_time = end.hour.is_some();
    Filled {
        year: end.year.unwrap_or(start.year),
        month: end.month.or(if end.day.is_some() || has_time {
            start.month
        } else {
            None
        }),
        day: end.day.or(if has_time { start.day } else { None }),
        hour: end.hour,
        minute: end.minute,
    }
}

/// ISO-8601 prefix of `f` cut at `grain`.
fn render(f: &Filled, grain: Grain) -> String {
    // Room for the longest, `2024-05-18T14:30`: a year alone in a string of its own cost a
    // second allocation for every month or day added.
    let mut out = String::with_capacity(16);
    let _ = write!(out, "{:04}", f.year);
    if grain >= Grain::Month
        && let Some(m) = f.month
    {
        let _ = write!(out, "-{m:02}");
        if grain >= Grain::Day
            && let Some(d) = f.day
        {
            let _ = write!(out, "-{d:02}");
            if grain >= Grain::Hour
                && let Some(h) = f.hour
            {
                let _ = write!(out, "T{h:02}:{:02}", f.minute.unwrap_or(0));
            }
        }
    }
    out
}

/// Why a written point cannot exist, checked with the year when it is known.
fn problem(p: &Point, year: Option<i32>) -> Option<String> {
    if let Some(m) = p.month
        && !(1..=12).contains(&m)
    {
        return Some(format!("month {m} does not exist"));
    }
    if let Some(d) = p.day {
        // Without a year, allow 29 February: only the year can rule it out.
        let y = year.unwrap_or(2000);
        let max = match p.month {
            Some(m) => {
                Date::new(y as i16, m as i8, 1).map_or(31, |first| first.days_in_month() as u32)
            }
            None => 31,
        };
        if d == 0 || d > max {
            return Some(match (p.month, year) {
                (Some(m), Some(y)) => format!("day {d} does not exist in {y:04}-{m:02}"),
                (Some(m), None) => format!("day {d} does not exist in month {m}"),
                _ => format!("day {d} does not exist"),
            });
        }
    }
    if let Some(h) = p.hour
        && (h > 24 || (h == 24 && p.minute.unwrap_or(0) > 0))
    {
        return Some(format!("hour {h} does not exist"));
    }
    if let Some(m) = p.minute
        && m > 59
    {
        return Some(format!("minute {m} does not exist"));
    }
    None
}

/// Recognizes and resolves every mention of one string, with a fresh [`Resolver`].
#[must_use]
pub fn find(text: &str, reference: Option<Date>) -> Vec<(Range<usize>, Datetime)> {
    find_with(text, reference, &Options::default())
}

/// [`find`] with recognizer options (dotted month.day, ranges to ignore).
#[must_use]
pub fn find_with(
    text: &str,
    reference: Option<Date>,
    options: &Options,
) -> Vec<(Range<usize>, Datetime)> {
    let mut resolver = Resolver::new(reference);
    recognize(text, options)
        .into_iter()
        .map(|c| {
            let dt = resolver.resolve(&c);
            (c.range, dt)
        })
        .collect()
}

static COUNTDOWN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"倒计时[ \t\u{3000}]*(?:[:：][ \t\u{3000}]*)?([0-9０-９]{1,4}|[〇零一二两三四五六七八九十百]{1,4})[ \t\u{3000}]*(?:天|日)|距[离]?[^。！？!?\n]{1,40}?还有[ \t\u{3000}]*([0-9０-９]{1,4}|[〇零一二两三四五六七八九十百]{1,4})[ \t\u{3000}]*(?:天|日)",
    )
    .expect("constant countdown pattern is valid")
});

/// Whether `text` holds 倒计时 or 距, one of which every countdown contains.
///
/// It looks for the last byte of 倒 (E5 80 92) or 距 (E8 B7 9D) with one SIMD pass and checks
/// the bytes around each hit: `str::contains` on a CJK char goes through the generic two-way
/// searcher, and a substring finder keyed on a CJK lead byte stops at nearly every char.
fn has_countdown_trigger(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(DAO[2], JU[2], bytes).any(|k| {
        k.checked_sub(2)
            .is_some_and(|start| trigger_at(bytes, start))
    })
}

const DAO: &[u8] = "倒计时".as_bytes();
const JU: &[u8] = "距".as_bytes();

/// Whether 倒计时 or 距 starts at byte `at` of `bytes`.
fn trigger_at(bytes: &[u8], at: usize) -> bool {
    bytes
        .get(at..)
        .is_some_and(|rest| rest.starts_with(DAO) || rest.starts_with(JU))
}

/// The first chars of the words one of which every countdown holds (倒计时, 距): a caller
/// whose scan of a run notes where these stand can hand the offsets to
/// [`countdowns_with_stops`].
#[must_use]
pub fn countdown_starts() -> &'static BmpSet {
    static STARTS: BmpSet = BmpSet::EMPTY.with('倒').with('距');
    &STARTS
}

/// [`countdowns`] for a caller that has already read the run's chars: `stops` hold the
/// offset of every char of [`countdown_starts`] in `text`, among any others, and a run
/// whose stops hold no 倒计时 or 距 is not read again.
///
/// The search for those words read every run a second time (a `memchr2` pass that stops at
/// a common continuation byte), about 3 % of the time of the walk with recognition on the
/// report (`stage walk-recognize`, one thread).
///
/// ```
/// use rustdocs_datetime::{countdown_starts, countdowns, countdowns_with_stops};
///
/// let text = "大会倒计时 3 天";
/// let stops: Vec<usize> = text
///     .char_indices()
///     .filter(|&(_, c)| countdown_starts().contains(c.into()))
///     .map(|(i, _)| i)
///     .collect();
/// assert_eq!(countdowns_with_stops(text, &stops), countdowns(text));
/// assert_eq!(countdowns_with_stops(text, &stops)[0].1, 3);
/// ```
#[must_use]
pub fn countdowns_with_stops(text: &str, stops: &[usize]) -> Vec<(Range<usize>, u32)> {
    let bytes = text.as_bytes();
    if !stops.iter().any(|&at| trigger_at(bytes, at)) {
        return Vec::new();
    }
    countdowns_by_pattern(text)
}

/// Countdowns (`倒计时3天`, `倒计时 3 天`, `距离大会还有 10 天`): range and number of days.
#[must_use]
pub fn countdowns(text: &str) -> Vec<(Range<usize>, u32)> {
    if !has_countdown_trigger(text) {
        return Vec::new();
    }
    countdowns_by_pattern(text)
}

/// The countdowns of `text`, read with the pattern: the callers have found 倒计时 or 距 in
/// it, without which the pattern cannot match, so that most runs are spared the search.
fn countdowns_by_pattern(text: &str) -> Vec<(Range<usize>, u32)> {
    COUNTDOWN
        .captures_iter(text)
        .filter_map(|caps| {
            let whole = caps.get(0)?;
            let n = caps.get(1).or_else(|| caps.get(2))?;
            let days = rustdocs_numerals::parse(n.as_str())?;
            Some((whole.range(), u32::try_from(days).ok()?))
        })
        .collect()
}

/// Weekday of an ISO day (`2023-04-08`, or any longer ISO string starting with one).
#[must_use]
pub fn weekday_of(iso_day: &str) -> Option<Weekday> {
    let y: i16 = iso_day.get(0..4)?.parse().ok()?;
    let m: i8 = iso_day.get(5..7)?.parse().ok()?;
    let d: i8 = iso_day.get(8..10)?.parse().ok()?;
    if iso_day.get(4..5)? != "-" || iso_day.get(7..8)? != "-" {
        return None;
    }
    Date::new(y, m, d).ok().map(Date::weekday)
}

/// Weekday named by a written note: `周六`, `星期日`, `礼拜天`, `（周六）`, `本周六`, `Sat.`, `Saturday`.
#[must_use]
pub fn parse_weekday(written: &str) -> Option<Weekday> {
    let s = written
        .trim()
        .trim_start_matches(['（', '(', '，', ','])
        .trim_end_matches(['）', ')'])
        .trim();
    let s = ["这个", "下个", "上个", "本", "这", "下", "上"]
        .iter()
        .find_map(|p| {
            s.strip_prefix(p)
                .filter(|rest| lex::weekday_word(rest, 0).is_some())
        })
        .unwrap_or(s);
    let (wd, end) = lex::weekday_word(s, 0).or_else(|| lex::english_weekday(s, 0))?;
    (end == s.len()).then_some(wd)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn starts(
        text: &str,
        reference: Option<Date>,
    ) -> Vec<(String, Option<String>, Option<String>)> {
        find(text, reference)
            .into_iter()
            .map(|(r, dt)| (text[r].to_owned(), dt.start, dt.end))
            .collect()
    }

    #[test]
    fn chinese_numerals_in_dates() {
        for (text, want) in [
            ("二〇二三年四月八日", "2023-04-08"),
            ("二零二一年十二月三十一日", "2021-12-31"),
            ("一九九九年十月", "1999-10"),
            ("２０２３年４月８日", "2023-04-08"),
            ("2021年十月二十日", "2021-10-20"),
        ] {
            let found = starts(text, None);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].1.as_deref(), Some(want), "{text}");
        }
        // 两 is an hour (两点) but never a month or a day.
        assert_eq!(
            starts("下午两点", Some(date(2023, 4, 8)))[0].1.as_deref(),
            Some("2023-04-08T14:00")
        );
        assert!(starts("两月一次", None).is_empty());
    }

    #[test]
    fn relative_weekdays_use_monday_weeks() {
        // 2023-04-05 is a Wednesday.
        let r = Some(date(2023, 4, 5));
        for (text, want) in [
            ("本周一", "2023-04-03"),
            ("本周六", "2023-04-08"),
            ("本周日", "2023-04-09"),
            ("下周一", "2023-04-10"),
            ("上周日", "2023-04-02"),
            ("这个星期五", "2023-04-07"),
        ] {
            assert_eq!(starts(text, r)[0].1.as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn relative_months_and_years_cross_year_ends() {
        let r = Some(date(2022, 1, 15));
        assert_eq!(starts("上个月", r)[0].1.as_deref(), Some("2021-12"));
        assert_eq!(
            starts("下个月", Some(date(2021, 12, 1)))[0].1.as_deref(),
            Some("2022-01")
        );
        assert_eq!(starts("去年 12 月", r)[0].1.as_deref(), Some("2021-12"));
        assert_eq!(
            starts("昨天", Some(date(2022, 1, 1)))[0].1.as_deref(),
            Some("2021-12-31")
        );
    }

    #[test]
    fn context_year_follows_sections() {
        let mut resolver = Resolver::new(Some(date(2021, 6, 23)));
        let opts = Options::default();
        resolver.set_section(Some(1));
        let first = recognize("2019年3月22，初始版本发布", &opts);
        assert_eq!(
            resolver.resolve(&first[0]).start.as_deref(),
            Some("2019-03-22")
        );
        let later = recognize("6月 16，保持这个节奏", &opts);
        let dt = resolver.resolve(&later[0]);
        assert_eq!(dt.start.as_deref(), Some("2019-06-16"));
        assert_eq!(dt.resolution, Resolution::Context);
        // A new section forgets 2019 and falls back to the reference year.
        resolver.set_section(Some(2));
        let dt = resolver.resolve(&later[0]);
        assert_eq!(dt.start.as_deref(), Some("2021-06-16"));
        // Setting the same section again keeps the context.
        let again = recognize("2018年", &opts);
        resolver.resolve(&again[0]);
        resolver.set_section(Some(2));
        assert_eq!(
            resolver.resolve(&later[0]).start.as_deref(),
            Some("2018-06-16")
        );
    }

    #[test]
    fn quoted_relative_forms_stay_unresolved() {
        let mut resolver = Resolver::new(Some(date(2021, 6, 23)));
        resolver.set_quoted(true);
        let c = recognize("就在这个月，我们突破了门槛", &Options::default());
        let dt = resolver.resolve(&c[0]);
        assert_eq!(dt.start, None);
        assert_eq!(dt.resolution, Resolution::Relative);
        resolver.set_quoted(false);
        assert_eq!(resolver.resolve(&c[0]).start.as_deref(), Some("2021-06"));
    }

    #[test]
    fn bare_times_take_the_day_of_the_previous_mention() {
        let found = starts("日期：2019年6月24日，星期一\n时间：9:00 – 16:00", None);
        assert_eq!(found[1].1.as_deref(), Some("2019-06-24T09:00"));
        assert_eq!(found[1].2.as_deref(), Some("2019-06-24T16:00"));
    }

    #[test]
    fn bare_times_in_a_later_section_take_the_document_day_not_the_reference() {
        let mut resolver = Resolver::new(Some(date(2019, 6, 4)));
        resolver.set_section(Some(0));
        let day = recognize("2019年6月24日，星期一 9:00 – 16:00", &Options::default());
        assert_eq!(
            resolver.resolve(&day[0]).start.as_deref(),
            Some("2019-06-24T09:00")
        );
        resolver.set_section(Some(1));
        let agenda = recognize("13:30 - 14:40", &Options::default());
        assert_eq!(
            resolver.resolve(&agenda[0]).start.as_deref(),
            Some("2019-06-24T13:30")
        );
        // With no day anywhere before, the reference day is all there is.
        let mut fresh = Resolver::new(Some(date(2019, 6, 4)));
        assert_eq!(
            fresh.resolve(&agenda[0]).start.as_deref(),
            Some("2019-06-04T13:30")
        );
    }

    #[test]
    fn invalid_dates_are_reported_not_dropped() {
        let found = find("2023年2月30日 25:00", None);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1.start.as_deref(), Some("2023-02-30T25:00"));
        assert!(
            found[0]
                .1
                .invalid
                .as_deref()
                .is_some_and(|r| r.contains("day 30"))
        );
        let found = find("2023年13月", None);
        assert_eq!(
            found[0].1.invalid.as_deref(),
            Some("month 13 does not exist")
        );
    }

    #[test]
    fn ignore_ranges_block_matches() {
        let text = "见 2021-06-20 与 2021-06-21";
        let opts = Options {
            dotted_month_day: false,
            ignore: vec![std::ops::Range { start: 4, end: 14 }],
        };
        let found = recognize(text, &opts);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].range.clone()], "2021-06-21");
    }

    #[test]
    fn countdowns_are_found() {
        assert_eq!(
            countdowns("倒计时3天 I 4.8 Beijing Rust Meetup"),
            vec![(0..13, 3)]
        );
        assert_eq!(countdowns("倒计时 3 天")[0].1, 3);
        assert_eq!(countdowns("倒计时三天")[0].1, 3);
        assert_eq!(countdowns("距离大会开幕还有 10 天！")[0].1, 10);
        assert!(countdowns("还有 3 天").is_empty());
    }

    proptest::proptest! {
        #[test]
        fn countdown_trigger_is_the_substring_test(
            text in "[倒计时距离还有天日一三a0 \u{4e00}-\u{4e20}\u{5000}-\u{5020}\u{8dd0}-\u{8de0}]{0,24}"
        ) {
            let expected = text.contains("倒计时") || text.contains('距');
            proptest::prop_assert_eq!(has_countdown_trigger(&text), expected);
        }

        /// Given the offsets of the chars of `countdown_starts` and of some others, the
        /// stops form finds what `countdowns` finds.
        #[test]
        fn countdowns_with_stops_are_countdowns(
            parts in proptest::collection::vec(0usize..12, 0..10),
            every in 1usize..5,
        ) {
            let pieces = [
                "倒计时3天", "距离大会还有 10 天", "倒计时", "距", "还有", "3 天", "二", "。",
                "a", " ", "大会", "倒",
            ];
            let text: String = parts.iter().map(|&i| pieces[i]).collect();
            let stops: Vec<usize> = text
                .char_indices()
                .enumerate()
                .filter(|&(k, (_, c))| countdown_starts().contains(c.into()) || k % every == 0)
                .map(|(_, (i, _))| i)
                .collect();
            proptest::prop_assert_eq!(countdowns_with_stops(&text, &stops), countdowns(&text));
        }
    }

    #[test]
    fn weekday_helpers() {
        assert_eq!(weekday_of("2023-04-08"), Some(Weekday::Saturday));
        assert_eq!(weekday_of("2023-04-08T14:00"), Some(Weekday::Saturday));
        assert_eq!(weekday_of("2023-02-30"), None);
        assert_eq!(weekday_of("2023-04"), None);
        for (written, want) in [
            ("周六", Weekday::Saturday),
            ("（星期日）", Weekday::Sunday),
            ("礼拜天", Weekday::Sunday),
            ("本周一", Weekday::Monday),
            ("Sat.", Weekday::Saturday),
            ("Wednesday", Weekday::Wednesday),
        ] {
            assert_eq!(parse_weekday(written), Some(want), "{written}");
        }
        assert_eq!(parse_weekday("周年"), None);
        assert_eq!(parse_weekday("Satellite"), None);
    }

    #[test]
    fn weekday_note_is_kept_as_written() {
        let found = find("2023 年 4 月 8 日（周五）", None);
        assert_eq!(found[0].1.weekday.as_deref(), Some("周五"));
        // The validator compares it: 2023-04-08 is a Saturday.
        let stated = parse_weekday("周五");
        assert_ne!(stated, found[0].1.start.as_deref().and_then(weekday_of));
    }

    #[test]
    fn serializes_in_gold_shape() {
        let (_, dt) = find("本周六下午", Some(date(2023, 4, 5))).remove(0);
        let json = serde_json::to_value(&dt).expect("serializes");
        assert_eq!(json["start"], "2023-04-08");
        assert_eq!(json["grain"], "day");
        assert_eq!(json["part_of_day"], "afternoon");
        assert_eq!(json["resolution"], "relative");
        assert_eq!(json["end"], serde_json::Value::Null);
    }
}
