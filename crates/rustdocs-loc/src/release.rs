//! Release statements: `2020-09-23，发布 0.1.0 版本`, `2019年3月22，初始版本发布`,
//! `TiKV 发布 1.0`, `目前版本为 1.6.342`.
//!
//! Each sentence is read clause by clause (clauses split at commas) with a little state:
//! a clause that is only a date (`2017 年 10 月 16 日，`, `截止到上个月，`) dates the releases
//! after it; a 目前/现在 clause makes the rest of the sentence a statement of the current
//! version (undated unless its own clause has a date); a dated release verb without a version
//! waits for a following version-only clause (`最近的版本在4月份发布的，0.4.0版本`).
//!
//! A version counts as released when its clause has a release verb (发布, 发版, 推出, 上线 …),
//! states the current version (目前版本为 X, 目前 X 版本, 已发展到了 X 版), follows a date
//! directly as in a timeline (`2018年6月28号，0.6.0 版本`), or completes a pending statement.
//! Planned, speculative and negated clauses (计划, 预计, 可能, 将, 还未 …) and versions named as
//! where something landed or started (`在 6.1 中加入`, `从 2.0 版本开始引入`) are skipped.

use std::cell::Cell;
use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use rustdocs_span::spare;

use crate::subject::Discourse;
use crate::text::{
    self, bytes_while, is_blank, name_at_end, strip_prefix_words, strip_suffix_words,
    trim_end_space, trim_start_space,
};
use crate::{Context, DateRef, Release};

/// Version tokens in `hay`, in order and not overlapping: `0.1.0`, `V2.148.0`, `1.3.0-rc`,
/// `0.11.0 ～ 0.12`, or a bare integer (accepted only when 版 follows).
///
/// What `VERSION_PATTERN`'s `find_iter` finds (the tests hold it to that), read by hand:
/// every part of the pattern ends where the next cannot begin, so each is taken whole
/// without backtracking, and the regex's search cost a tenth of release time.
fn version_ranges(hay: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = hay.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let digit = at + rustdocs_span::chars::non_digit_prefix(bytes.get(at..)?);
        if digit == bytes.len() {
            return None;
        }
        let start = if digit > at && matches!(bytes[digit - 1], b'v' | b'V') {
            digit - 1
        } else {
            digit
        };
        let mut end = dotted(bytes, digit, |b| b.is_ascii_digit());
        if bytes.get(end) == Some(&b'-') && bytes.get(end + 1).is_some_and(u8::is_ascii_alphabetic)
        {
            // `-[A-Za-z][A-Za-z0-9]*(?:\.[0-9A-Za-z]+)*`: its first letter is alphanumeric too.
            end = dotted(bytes, end + 1, |b| b.is_ascii_alphanumeric());
        }
        end = range_end(bytes, end).unwrap_or(end);
        at = end;
        Some(start..end)
    })
}

/// The end of `P+(?:\.P+)*` at `at`, which holds a byte of `part` (`P`).
fn dotted(bytes: &[u8], at: usize, part: impl Fn(u8) -> bool) -> usize {
    let mut end = bytes_while(bytes, at, &part);
    while bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(|&b| part(b)) {
        end = bytes_while(bytes, end + 1, &part);
    }
    end
}

/// The end of the second version of a range, `[ \t]*[～~〜][ \t]*[vV]?[0-9]+(?:\.[0-9]+)+`
/// at `at`, if one is there.
fn range_end(bytes: &[u8], at: usize) -> Option<usize> {
    let tilde = bytes_while(bytes, at, is_blank);
    let rest = &bytes[tilde..];
    let len = if rest.starts_with("～".as_bytes()) || rest.starts_with("〜".as_bytes()) {
        3
    } else if rest.starts_with(b"~") {
        1
    } else {
        return None;
    };
    let mut first = bytes_while(bytes, tilde + len, is_blank);
    if matches!(bytes.get(first), Some(b'v' | b'V')) {
        first += 1;
    }
    if !bytes.get(first).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let end = dotted(bytes, first, |b| b.is_ascii_digit());
    // At least one `.digits` part: the first number alone ends where a dot would begin.
    (end > bytes_while(bytes, first, |b| b.is_ascii_digit())).then_some(end)
}

/// The Chinese release verbs: two ideographs each, no verb's second char the first of
/// another, so no two verbs overlap and every occurrence is a match.
const CJK_VERBS: [&str; 9] = [
    "发布", "发版", "推出", "上线", "发行", "释出", "面世", "问世", "开源",
];

/// The [`CJK_VERBS`], then `rel` in each of its 8 ASCII case variants, in one automaton;
/// [`english_verb_end`] reads the rest of `release`.
///
/// `rel`, not all of `relea`: 17 patterns instead of 41 let aho-corasick search with its
/// slim Teddy (32 bytes a step) where 41 took the fat one (16); the few more English words
/// it stops at (`relation`, `reliable`) cost less than that on Chinese and English prose.
///
/// Case-sensitive on purpose: that lets aho-corasick search with its SIMD prefilter, about
/// eight times faster than with ASCII case folding; and one automaton for both kinds of verb
/// is three times faster on English text than a `memchr2` pass stopping at every `r`.
static VERB_SEARCHER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let english = (0..8u32).map(|upper| {
        "rel"
            .chars()
            .enumerate()
            .map(|(i, c)| {
                if upper >> i & 1 == 1 {
                    c.to_ascii_uppercase()
                } else {
                    c
                }
            })
            .collect::<String>()
    });
    let patterns: Vec<String> = CJK_VERBS
        .iter()
        .map(|v| (*v).to_owned())
        .chain(english)
        .collect();
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(patterns)
        .expect("constant verbs are valid patterns")
});

/// Release verbs in `hay`, in order: the [`CJK_VERBS`] and an English `release` or
/// `released` (any case, `ſ` for `s` as Unicode case folding has it) standing as a word.
///
/// This is what `(?i)发布|发版|…|开源|\breleased?\b` with Unicode word boundaries finds
/// (the tests hold it to that regex), in one automaton pass: no two of its patterns can
/// overlap, so every occurrence is found. A run is read this way once, and each clause and
/// version takes its verbs from the list, which `found` is refilled as.
fn find_verbs(hay: &str, found: &mut Vec<Range<usize>>) {
    found.clear();
    found.extend(VERB_SEARCHER.find_iter(hay).filter_map(|m| {
        if m.pattern().as_usize() < CJK_VERBS.len() {
            Some(m.range())
        } else {
            english_verb_end(hay, m.start()).map(|end| m.start()..end)
        }
    }));
}

/// An English verb that `hay[from..to]` ends with when cut at `to`, which the whole `hay`
/// does not hold there because a word char follows (`release` before `v1.0`).
fn english_verb_cut_at(hay: &str, from: usize, to: usize) -> Option<Range<usize>> {
    let cut = &hay[from..to];
    // `release`, `released`, and each with `ſ` (two bytes) for `s`.
    (7..=9)
        .filter_map(|len| cut.len().checked_sub(len))
        .filter(|&start| cut.is_char_boundary(start))
        .find(|&start| english_verb_end(cut, start) == Some(cut.len()))
        .map(|start| from + start..to)
}

/// The end of `release` or `released` at `start` of `hay` when it stands as a word: no word
/// char, ASCII or not, on either side.
fn english_verb_end(hay: &str, start: usize) -> Option<usize> {
    if !hay
        .as_bytes()
        .get(start..start + 5)
        .is_some_and(|h| h.eq_ignore_ascii_case(b"relea"))
    {
        return None;
    }
    let head = &hay[start..start + 5];
    let tail = &hay[start + head.len()..];
    let s_len = if tail.starts_with(['s', 'S']) {
        1
    } else if tail.starts_with('ſ') {
        'ſ'.len_utf8()
    } else {
        return None;
    };
    let tail = &tail[s_len..];
    if !tail.starts_with(['e', 'E']) {
        return None;
    }
    let mut end = start + head.len() + s_len + 1;
    if hay[end..].starts_with(['d', 'D']) {
        end += 1;
    }
    let is_word =
        |c: char| c.is_ascii_alphanumeric() || c == '_' || text::is_non_ascii_word_char(c);
    let before = hay[..start].chars().next_back();
    let after = hay[end..].chars().next();
    (!before.is_some_and(is_word) && !after.is_some_and(is_word)).then_some(end)
}

/// Words after a verb that make it a noun phrase about releasing in general (发布周期).
const VERB_NOUN_AFTER: &[&str] = &[
    "周期", "模式", "频率", "节奏", "模板", "一次", "时间", "流程", "分支", "计划",
];

/// `发布一年后`, `发布的 11 个月之后`: the release is a reference point for another date.
static TIME_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:的)?\s*[0-9一二三四五六七八九十两半几多个\s]{1,8}(?:年|月|天|周|星期|个月)[^，,]{0,3}?(?:之后|以后|后|之前|以前|前)")
        .expect("valid regex")
});

/// Words that mark an unnumbered first release.
const FIRST_RELEASE: &[&str] = &[
    "初始版本",
    "第一版",
    "第一个版本",
    "首个版本",
    "首版",
    "首次发布",
    "首次公开",
    "正式发版",
    "正式发布",
    "公开发布",
    "首发",
    "发版",
    "开源",
];

/// Words that make a clause planned, speculative or negated.
const NOT_DONE: &[&str] = &[
    "计划",
    "预计",
    "可能",
    "将会",
    "将要",
    "将于",
    "将在",
    "将发布",
    "将推出",
    "即将",
    "打算",
    "准备",
    "有望",
    "希望",
    "还未",
    "尚未",
    "没有",
    "还没",
    "不会",
    "或将",
    "拟",
    "期待",
    "未能",
];

/// Words that make the rest of a sentence a statement of the current version.
const CURRENT: &[&str] = &[
    "目前",
    "现在",
    "当前",
    "如今",
    "现已",
    "迄今",
    "截至目前",
    "截止目前",
];

/// English phrases that make a clause planned, matched without regard to ASCII case.
const NOT_DONE_EN: &[&str] = &[" will ", " plan", " going to "];

/// The word lists a clause is tested against, as bits of a [`Marks::in_clause`] mask.
const CURRENT_WORD: u8 = 1;
const NOT_DONE_WORD: u8 = 2;
const FIRST_RELEASE_WORD: u8 = 4;

/// Every word of [`CURRENT`], [`NOT_DONE`], [`NOT_DONE_EN`] and [`FIRST_RELEASE`] in one
/// automaton, with the list bit of each pattern.
static WORDS: LazyLock<(AhoCorasick, Vec<u8>)> = LazyLock::new(|| {
    let lists = [
        (CURRENT, CURRENT_WORD),
        (NOT_DONE, NOT_DONE_WORD),
        (NOT_DONE_EN, NOT_DONE_WORD),
        (FIRST_RELEASE, FIRST_RELEASE_WORD),
    ];
    let (words, bits): (Vec<&str>, Vec<u8>) = lists
        .iter()
        .flat_map(|&(list, bit)| list.iter().map(move |w| (*w, bit)))
        .unzip();
    let automaton = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(words)
        .expect("constant word lists are valid patterns");
    (automaton, bits)
});

/// Where the listed words occur in a sentence: found in one overlapping pass, so each
/// clause asks a sorted list instead of searching its text once per word (dozens of
/// substring searches per clause were a fifth of all release time).
#[derive(Default)]
struct Marks(Vec<(usize, usize, u8)>);

impl Marks {
    /// Refills with the words in `text[range]`, with offsets into `text`.
    fn find(&mut self, text: &str, range: &Range<usize>) {
        let (automaton, bits) = &*WORDS;
        self.0.clear();
        self.0.extend(
            automaton
                .find_overlapping_iter(&text[range.clone()])
                .map(|m| {
                    let bit = bits[m.pattern().as_usize()];
                    (range.start + m.start(), range.start + m.end(), bit)
                }),
        );
        self.0.sort_unstable();
    }

    /// The lists with a word wholly inside `clause`, as a bit mask.
    fn in_clause(&self, clause: &Range<usize>) -> u8 {
        let first = self.0.partition_point(|m| m.0 < clause.start);
        self.0[first..]
            .iter()
            .take_while(|m| m.0 < clause.end)
            .filter(|m| m.1 <= clause.end)
            .fold(0, |mask, m| mask | m.2)
    }
}

/// `已发展到了 V3.0 版`: progress up to the current version.
static PROGRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"已(?:经)?(?:发展|迭代|更新|升级|演进|演化|来|走)到(?:了)?\s*$")
        .expect("valid regex")
});

/// Whether `before` ends with a [`PROGRESS`] phrase, the regex asked only where
/// [`may_end_in_progress`] lets it.
fn progress_before(before: &str) -> bool {
    may_end_in_progress(before) && PROGRESS.is_match(before)
}

/// Exact prefilter for [`PROGRESS`]: its phrase ends with 到 or 到了 before any spacing
/// (the regex's `\s` is `char::is_whitespace`), which most text before a version does not.
fn may_end_in_progress(before: &str) -> bool {
    let t = before.trim_end();
    t.ends_with('到') || t.ends_with("到了")
}

/// Connectives around a date that leave a clause otherwise empty (`截止到上个月`, `从 … 开始`).
const DATE_CONNECTIVES: &[&str] = &[
    "自从",
    "截止到",
    "截至到",
    "截止",
    "截至",
    "直到",
    "到了",
    "最近",
    "目前",
    "现在",
    "当前",
    "从",
    "自",
    "于",
    "在",
    "到",
    "至",
    "日",
    "号",
    "的",
];

/// Words between a name and a release verb (`TiDB 也正式发布`).
const VERB_MODIFIERS: &[&str] = &[
    "也", "又", "再次", "正式", "已经", "已", "终于", "首次", "宣布", "刚刚", "刚", "近日", "于",
    "在", "了", "公开", "官方", "对外", "最新", "最近", "近期", "同时", "还",
];

/// A candidate version in a clause.
struct Version {
    range: Range<usize>,
    /// Where the version itself (no `v`, no spacing) is in the run's text.
    text: Range<usize>,
}

/// Per-sentence reading state.
#[derive(Default)]
struct State {
    /// A date-only clause seen earlier in the sentence.
    lead_date: Option<usize>,
    /// A 目前/现在 clause seen earlier in the sentence.
    current: bool,
    /// A dated verb without a version, waiting for a version-only clause: (date, range start).
    pending: Option<(Option<usize>, usize)>,
    /// A release from a 从/自 clause that a following 到 + date clause continues.
    from: Option<Release>,
    /// Whether the sentence produced a release already.
    emitted: bool,
}

/// Release statements in `text`, with the byte range of each statement.
#[must_use]
pub fn recognize_releases(text: &str, ctx: &Context) -> Vec<(Range<usize>, Release)> {
    let mut lists = spare::take(&LISTS);
    let out = releases_with(text, ctx, &mut lists, true);
    let room = lists.capacity();
    spare::leave(&LISTS, lists, room);
    out
}

/// The lists [`recognize_releases`] refills run after run, kept per thread between calls:
/// made afresh for each run, sentence and clause they were about a seventh of the extract
/// stage's allocations, and a quarter with the clause's verbs and versions.
#[derive(Default)]
struct Lists {
    /// The run's release verbs.
    verbs: Vec<Range<usize>>,
    /// The sentence's listed words.
    marks: Marks,
    /// The clause's.
    clause: ClauseLists,
}

/// What [`read_clause`] finds in a clause before it reads it.
#[derive(Default)]
struct ClauseLists {
    /// The clause's dates, as indices into the context's.
    dates: Vec<usize>,
    /// The clause's verbs that state a release.
    verbs: Vec<Range<usize>>,
    /// The clause's versions.
    versions: Vec<Version>,
}

thread_local! {
    static LISTS: Cell<Option<Lists>> = const { Cell::new(None) };
}

impl Lists {
    /// Room in the longest list, which decides whether the lists are kept.
    fn capacity(&self) -> usize {
        let ClauseLists {
            dates,
            verbs,
            versions,
        } = &self.clause;
        [
            self.verbs.capacity(),
            self.marks.0.capacity(),
            dates.capacity(),
            verbs.capacity(),
            versions.capacity(),
        ]
        .into_iter()
        .max()
        .unwrap_or(0)
    }
}

/// [`recognize_releases`] on lists left by an earlier run.
///
/// `gated` skips a run without a verb that holds no version ([`may_hold_a_version`]), and a
/// run or sentence with neither a date nor an ASCII digit ([`dated_or_versioned`]); the
/// tests hold the gates to reading every run.
fn releases_with(
    text: &str,
    ctx: &Context,
    lists: &mut Lists,
    gated: bool,
) -> Vec<(Range<usize>, Release)> {
    let mut out = Vec::new();
    let Lists {
        verbs: run_verbs,
        marks,
        clause: clause_lists,
    } = lists;
    // A run with neither a date nor an ASCII digit yields nothing, verb or not: the verb
    // needs one of them (`dated_or_versioned`), a verbless run the digit of a version. It
    // is turned away before the verb search, the costliest test, which about half of the
    // report's runs then skip.
    let digit = rustdocs_numerals::has_ascii_digit(text);
    if gated && !dated_or_versioned(digit, &ctx.dates) {
        return out;
    }
    find_verbs(text, run_verbs);
    // The version gate before the cue searches: it reads only the digit tokens, and most
    // verbless runs of the report with a digit hold dates, counts and years, no version.
    if run_verbs.is_empty()
        && (!digit || gated && !may_hold_a_version(text, &ctx.dates) || !holds_cue(text))
    {
        return out;
    }
    let d = Discourse::new(text, ctx);
    for (si, sentence) in d.segments.sentences.iter().enumerate() {
        // A release needs a verb or a version (an ASCII digit) in its sentence, and what a
        // sentence sets up ends with it: a sentence with neither is passed over unread.
        let range = &sentence.range;
        let verb_at = run_verbs.partition_point(|m| m.start < range.start);
        let has_verb = run_verbs.get(verb_at).is_some_and(|m| m.end <= range.end);
        // A sentence with a verb is read if it also holds a date or a digit (as the run's
        // gate asks); one without, only if it holds a digit. The date is looked up first:
        // a binary search, where the digit test reads the sentence (a run without a digit
        // has none to find).
        let digit = || digit && rustdocs_numerals::has_ascii_digit(&text[range.clone()]);
        let dated = || {
            let at = ctx.dates.partition_point(|d| d.range.start < range.start);
            ctx.dates.get(at).is_some_and(|d| d.range.start < range.end)
        };
        let read = if has_verb {
            !gated || dated() || digit()
        } else {
            digit()
        };
        if !read {
            continue;
        }
        marks.find(text, range);
        let mut state = State::default();
        for (ci, clause) in d.segments.clauses_of(sentence).iter().enumerate() {
            let words = marks.in_clause(clause);
            read_clause(
                &d,
                ctx,
                (si, ci, words, run_verbs),
                clause.clone(),
                (&mut state, clause_lists),
                &mut out,
            );
        }
    }
    out
}

/// Exact prefilter for a run without a release verb: whether any clause of `text` can hold a
/// version, which [`read_clause`] then needs for a release.
///
/// [`versions`] of a clause takes only tokens of [`version_ranges`] outside the dates, and of
/// those only the [`dotted_or_numbered`]. Tokens hold no clause
/// mark, so the whole run's tokens are its clauses' tokens, and a suffix right after a token
/// is the same in its clause and in the run; the other tests of [`versions`] are left out,
/// so the run may pass where no clause does, never the other way round. Most of the report
/// seed's runs with digits and a cue (`到`, `目前`) but no verb hold only dates, counts and
/// years; reading them sentence by sentence was about 7 % of the release stage's time.
fn may_hold_a_version(text: &str, dates: &[DateRef]) -> bool {
    version_ranges(text).any(|m| {
        if text::overlaps_date(dates, m.start, m.end) {
            return false;
        }
        let body = text[m.clone()].trim_start_matches(['v', 'V']);
        dotted_or_numbered(body, &text[m.end..])
    })
}

/// Exact prefilter for any run: whether it holds a date or an ASCII digit (`digit`).
///
/// A run without a verb needs the digit of a version ([`may_hold_a_version`]). With one,
/// [`read_clause`] emits for a clause without a version (every version holds an ASCII
/// digit) only with a date of its sentence: one before or right after the verb, or the one
/// a date-only clause set up. Technical prose says 发布 and 推出 of posts, features and
/// talks far more often than of dated or numbered releases.
fn dated_or_versioned(digit: bool, dates: &[DateRef]) -> bool {
    may_hold_release(digit, dates.len())
}

/// Whether [`recognize_releases`] can find a release in a text that holds an ASCII digit
/// (`ascii_digit`) and `dates` datetime mentions: it finds none in a text with neither, so a
/// caller that knows as much can pass the text over.
#[must_use]
pub fn may_hold_release(ascii_digit: bool, dates: usize) -> bool {
    ascii_digit || dates > 0
}

/// Whether a version token's `body` (its `v` taken off), followed by `rest`, can name a
/// version: a dotted one, or a bare integer that is small (not a year) and has a `版`
/// suffix. [`versions`] and [`may_hold_a_version`] share it, so the gate cannot drift from
/// the rule it stands for.
fn dotted_or_numbered(body: &str, rest: &str) -> bool {
    body.contains('.') || body.parse::<u64>().is_ok_and(|n| n < 1000) && version_suffix(rest) > 0
}

/// Exact prefilter for a run without a release verb, which holds an ASCII digit: whether it
/// holds a cue a release needs there.
///
/// [`read_clause`] emits a release only (a) for a clause with a release verb, or (b) for a
/// version (which needs an ASCII digit) that is current (a [`CURRENT`] word, or [`PROGRESS`],
/// which needs 到), on a timeline without a verb (which needs a 版 suffix), or continuing an
/// earlier verb or current statement. A run with no verb and no digit-plus-cue has none.
///
/// The cues are searched with searchers built once (per-call substring searches cost a
/// fifth of release time).
fn holds_cue(text: &str) -> bool {
    DIGIT_CUES
        .iter()
        .any(|cue| cue.find(text.as_bytes()).is_some())
}

/// 版, 到, and every [`CURRENT`] word that holds no shorter one (截至目前 holds 目前): a
/// text holds one of these exactly when it holds 版, 到 or a [`CURRENT`] word.
static DIGIT_CUES: LazyLock<Vec<memchr::memmem::Finder<'static>>> = LazyLock::new(|| {
    let current = CURRENT
        .iter()
        .filter(|w| !CURRENT.iter().any(|v| v != *w && w.contains(v)));
    ["版", "到"]
        .iter()
        .chain(current)
        .map(|w| memchr::memmem::Finder::new(w.as_bytes()))
        .collect()
});

/// Reads one clause, updating `state` and emitting releases.
#[allow(clippy::too_many_arguments)]
fn read_clause(
    d: &Discourse,
    ctx: &Context,
    (si, ci, words, run_verbs): (usize, usize, u8, &[Range<usize>]),
    clause: Range<usize>,
    (state, lists): (&mut State, &mut ClauseLists),
    out: &mut Vec<(Range<usize>, Release)>,
) {
    let text = d.text;
    let ctext = &text[clause.clone()];
    // Dates are sorted: find the clause's own by binary search.
    let first = ctx.dates.partition_point(|d| d.range.start < clause.start);
    lists.dates.clear();
    lists.dates.extend(
        (first..ctx.dates.len())
            .take_while(|&i| ctx.dates[i].range.start < clause.end)
            .filter(|&i| ctx.dates[i].range.end <= clause.end),
    );
    let dates = &lists.dates[..];

    if let Some(&di) = dates.first()
        && dates.len() == 1
        && is_date_only(ctext, &ctx.dates[di].range, clause.start)
    {
        let starts_with_to = ["到", "直到", "至"]
            .iter()
            .any(|w| trim_start_space(ctext).starts_with(w));
        if starts_with_to && let Some(prev) = state.from.take() {
            let date = ctx.dates[di].start.clone();
            out.push((ctx.dates[di].range.clone(), Release { date, ..prev }));
            state.emitted = true;
            return;
        }
        state.lead_date = Some(di);
        return;
    }
    if words & CURRENT_WORD != 0 {
        state.current = true;
    }
    if words & NOT_DONE_WORD != 0 || negates(ctext) {
        state.pending = None;
        return;
    }
    // Clauses end at punctuation, which no verb holds and which bounds a word: the run's
    // verbs inside the clause are the clause's own.
    let first_verb = run_verbs.partition_point(|m| m.start < clause.start);
    let clause_verbs = &run_verbs[first_verb..];
    let clause_verbs = &clause_verbs[..clause_verbs.partition_point(|m| m.end <= clause.end)];
    verbs(text, &clause, &ctx.dates, clause_verbs, &mut lists.verbs);
    // Every version holds an ASCII digit.
    lists.versions.clear();
    if rustdocs_numerals::has_ascii_digit(ctext) {
        versions(text, &clause, &ctx.dates, &mut lists.versions);
    }
    let (verbs, versions) = (&lists.verbs[..], &lists.versions[..]);

    if versions.is_empty() {
        let Some(verb) = verbs.first() else {
            return;
        };
        let date = date_before(ctx, dates, verb.start, text)
            .or_else(|| date_right_after(ctx, dates, verb.end, text))
            .or(if state.current { None } else { state.lead_date });
        if date.is_none() {
            return;
        }
        if words & FIRST_RELEASE_WORD != 0 {
            let local = name_before_verb(text, clause.start, verb.start, &ctx.dates);
            let (subject, aliases) = d.resolve(local, si, ci);
            let release = Release {
                subject,
                aliases,
                date: date.and_then(|i| ctx.dates[i].start.clone()),
                version: None,
                version_key: None,
                current: false,
            };
            let start = date.map_or(verb.start, |i| ctx.dates[i].range.start.min(verb.start));
            if opens_with_from(ctext) {
                state.from = Some(release.clone());
            }
            out.push((
                start..verb.end.max(first_marker_end(text, &clause)),
                release,
            ));
            state.emitted = true;
        } else {
            state.pending = Some((date, date.map_or(verb.start, |i| ctx.dates[i].range.start)));
        }
        return;
    }

    for v in versions {
        let before = &text[clause.start..v.range.start];
        let after = &text[v.range.end..clause.end];
        let suffix = version_suffix(after);
        let followed_by_ban = suffix > 0;
        let immediate_date = dates.iter().any(|&i| {
            let r = &ctx.dates[i].range;
            r.end <= v.range.start && trim_end_space(&text[r.end..v.range.start]).is_empty()
        });
        // The verbs of `before`: the clause's verbs that end by the version, and an English
        // verb that the version's first char keeps from being a word in the whole text.
        let cut_verb = english_verb_cut_at(text, clause.start, v.range.start);
        let mut verbs_before = clause_verbs
            .iter()
            .take_while(|m| m.end <= v.range.start)
            .chain(&cut_verb);
        let verb_right_before = verbs_before
            .clone()
            .any(|m| trim_end_space(&text[m.end..v.range.start]).is_empty())
            || before.trim_end().ends_with('了') && verbs_before.next().is_some();
        if lands_or_starts(after) && !immediate_date && !verb_right_before {
            continue;
        }
        let has_verb = !verbs.is_empty();
        let qualifier_before = qualifier_precedes(before);
        let progress = progress_before(before);
        let current =
            state.current && (followed_by_ban || qualifier_before || has_verb) || progress;
        let timeline =
            (state.lead_date.is_some() || immediate_date) && (followed_by_ban || has_verb);
        let version_only = is_version_only(ctext, v, clause.start);
        let continues = version_only && (state.pending.is_some() || state.current || state.emitted);
        if !(has_verb || current || timeline || continues) {
            continue;
        }

        // Subject: a name right before the version or the verb, else the topics and heading.
        let local = if qualifier_before {
            None
        } else {
            name_right_before(before).or_else(|| {
                verbs
                    .iter()
                    .find(|m| m.start <= v.range.start)
                    .or(verbs.first())
                    .and_then(|m| name_before_verb(text, clause.start, m.start, &ctx.dates))
            })
        };
        let local = local.filter(|n| !is_version_word(n));
        let (subject, aliases) = d.resolve(local, si, ci);

        // Date: in the clause before the verb (or the version), else what the sentence set up.
        let anchor = verbs
            .iter()
            .map(|m| m.start)
            .find(|&s| s > v.range.start)
            .unwrap_or(v.range.start);
        let anchor = verbs
            .iter()
            .map(|m| m.start)
            .find(|&s| s < v.range.start)
            .map_or(anchor, |s| s.min(anchor));
        let in_clause = date_before(ctx, dates, anchor.max(v.range.start), text)
            .or_else(|| date_before(ctx, dates, anchor, text))
            .or_else(|| {
                verbs
                    .iter()
                    .find_map(|m| date_right_after(ctx, dates, m.end, text))
            });
        let date = in_clause.or_else(|| {
            if continues && state.pending.is_some() {
                state.pending.and_then(|p| p.0)
            } else if current || state.current {
                None
            } else {
                state.lead_date
            }
        });
        let date_value = date.and_then(|i| ctx.dates[i].start.clone());
        let start = [
            Some(v.range.start),
            verbs.first().map(|m| m.start),
            date.map(|i| ctx.dates[i].range.start),
            if continues {
                state.pending.map(|p| p.1)
            } else {
                None
            },
        ]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(v.range.start);
        let end = verbs
            .iter()
            .map(|m| m.end)
            .chain([v.range.end + suffix])
            .max()
            .unwrap_or(v.range.end);
        let version = text[v.text.clone()].to_owned();
        let release = Release {
            subject,
            aliases,
            date: date_value,
            version_key: parse_version(&version),
            version: Some(version),
            current: current || (state.current && date.is_none()),
        };
        if opens_with_from(ctext) {
            state.from = Some(release.clone());
        }
        out.push((start..end, release));
        state.emitted = true;
    }
    state.pending = None;
}

/// Whether the clause is a date and connectives only (`2017 年 10 月 16 日`, `截止到上个月`).
fn is_date_only(ctext: &str, date: &Range<usize>, offset: usize) -> bool {
    let (a, b) = (date.start - offset, date.end - offset);
    let before = strip_prefix_words(&ctext[..a], DATE_CONNECTIVES);
    let after = strip_prefix_words(&ctext[b..], DATE_CONNECTIVES);
    let after = strip_prefix_words(after, &["开始", "起", "以来"]);
    before.trim_matches(text::is_space).is_empty() && after.trim_matches(text::is_space).is_empty()
}

/// Whether the clause holds 未 other than in 未来 (future): 未发布, 未能.
///
/// The planned and speculative words ([`NOT_DONE`], [`NOT_DONE_EN`]) are found by [`Marks`].
fn negates(ctext: &str) -> bool {
    ctext
        .match_indices('未')
        .any(|(i, c)| !ctext[i + c.len()..].starts_with('来'))
}

/// The release verbs `found` in the clause (in `text`) that state a release (not 发布周期,
/// not an adjective 开源项目).
fn verbs(
    text: &str,
    clause: &Range<usize>,
    dates: &[DateRef],
    found: &[Range<usize>],
    out: &mut Vec<Range<usize>>,
) {
    let ctext = &text[clause.clone()];
    out.clear();
    let stating = found
        .iter()
        .map(|m| m.start - clause.start..m.end - clause.start)
        .filter(|m| {
            let after = trim_start_space(&ctext[m.end..]);
            if VERB_NOUN_AFTER.iter().any(|w| after.starts_with(w)) || TIME_AFTER.is_match(after) {
                return false;
            }
            if &ctext[m.clone()] == "开源" {
                // 开源 as a verb: at the clause end, before 了/发布, or after a date or 宣布/正式.
                let before = trim_end_space(&ctext[..m.start]);
                let date_before = dates.iter().any(|d| {
                    d.range.end == clause.start + before.len() && d.range.end > clause.start
                });
                return after.is_empty()
                    || after.starts_with('了')
                    || after.starts_with("发布")
                    || before.ends_with("宣布")
                    || before.ends_with("正式")
                    || date_before;
            }
            true
        })
        .map(|m| clause.start + m.start..clause.start + m.end);
    out.extend(stating);
}

/// Version tokens in the clause that read as versions (not dates, percentages or amounts).
fn versions(text: &str, clause: &Range<usize>, dates: &[DateRef], out: &mut Vec<Version>) {
    let ctext = &text[clause.clone()];
    out.clear();
    for m in version_ranges(ctext) {
        let (s, e) = (clause.start + m.start, clause.start + m.end);
        if text::overlaps_date(dates, s, e) {
            continue;
        }
        let prev = ctext[..m.start].chars().next_back();
        if prev.is_some_and(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '/' | '#' | '@' | ':')
        }) {
            continue;
        }
        let rest = &ctext[m.end..];
        let next = rest.chars().next();
        if next.is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '%' | '％' | '/' | '_')) {
            continue;
        }
        let after = trim_start_space(rest);
        if after.chars().next().is_some_and(|c| {
            matches!(
                c,
                '%' | '％'
                    | '倍'
                    | '秒'
                    | '个'
                    | '万'
                    | '千'
                    | '亿'
                    | '年'
                    | '月'
                    | '日'
                    | '号'
                    | '岁'
                    | '元'
                    | '次'
                    | '周'
                    | '天'
                    | '台'
                    | '人'
                    | '行'
                    | '分'
                    | '项'
                    | '届'
                    | '位'
                    | '×'
                    | '*'
                    | 'x'
            )
        }) {
            continue;
        }
        let body = ctext[m.clone()].trim_start_matches(['v', 'V']);
        if !dotted_or_numbered(body, rest) {
            continue;
        }
        if !body.contains('.') {
            // Compared in place: lowercasing the clause up to here cost an allocation and a
            // copy per bare number.
            let lead = ctext[..m.start].trim_end().as_bytes();
            let label_before = ["第", "alpha", "beta", "rc", "preview"].iter().any(|w| {
                lead.len() >= w.len()
                    && lead[lead.len() - w.len()..].eq_ignore_ascii_case(w.as_bytes())
            });
            if label_before {
                continue;
            }
        }
        let body = body.trim();
        let body_start = clause.start + (body.as_ptr().addr() - ctext.as_ptr().addr());
        out.push(Version {
            range: s..e,
            text: body_start..body_start + body.len(),
        });
    }
}

/// Bytes of a `版本`/`版` suffix (blanks, an optional `GA` or `LTS` and blanks) at the start
/// of `after`, 0 if none: what `^[ \t]*(?:GA[ \t]*|LTS[ \t]*)?(?:版本|版)` matches, read by
/// hand (a version is followed by 版 often enough that the regex cost 0.4 M instructions
/// per MB of the report; the tests hold this to the regex).
fn version_suffix(after: &str) -> usize {
    let blanks = [' ', '\t'];
    let t = after.trim_start_matches(blanks);
    let t = t
        .strip_prefix("GA")
        .or_else(|| t.strip_prefix("LTS"))
        .map_or(t, |rest| rest.trim_start_matches(blanks));
    let rest = t
        .strip_prefix("版本")
        .or_else(|| t.strip_prefix('版'))
        .unwrap_or(after);
    after.len() - rest.len()
}

/// `在 6.1 中加入`, `从 2.0 版本开始`: the version locates something else.
fn lands_or_starts(after: &str) -> bool {
    let rest = &after[version_suffix(after)..];
    let rest = trim_start_space(rest);
    [
        "中",
        "里",
        "内",
        "之中",
        "开始",
        "起",
        "以后",
        "之后",
        "以上",
        "以下",
        "之前",
        "的基础",
    ]
    .iter()
    .any(|w| rest.starts_with(w))
}

/// What qualifies a version as the section's, at the end of a text: `版本为`, `版本号`.
static QUAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"版本(?:号)?\s*(?:为|是|:|：)?\s*(?:[A-Za-z][A-Za-z0-9+#\-]*\s*)?$")
        .expect("valid regex")
});

/// `版本为 Python V0.10.3`, `版本号 0.8.0`: what precedes qualifies the section's version.
fn qualifier_precedes(before: &str) -> bool {
    may_end_in_qualifier(before) && QUAL.is_match(before)
}

/// Exact prefilter for [`QUAL`]: its last char before spacing is 本, 号, 为, 是, a colon or
/// a word's, which spares most text before a version the regex.
fn may_end_in_qualifier(before: &str) -> bool {
    before.trim_end().ends_with(|c: char| {
        matches!(c, '本' | '号' | '为' | '是' | ':' | '：' | '+' | '#' | '-')
            || c.is_ascii_alphanumeric()
    })
}

/// A name directly before a version (`TiDB 1.0`, `sdk 0.0.2`, `doku: 0.10`).
fn name_right_before(before: &str) -> Option<&str> {
    let trimmed = trim_end_space(before);
    let trimmed = trimmed
        .strip_suffix(':')
        .or_else(|| trimmed.strip_suffix('：'))
        .unwrap_or(trimmed);
    let (_, name) = name_at_end(trimmed)?;
    Some(name)
}

/// The name before a release verb, skipping modifiers and dates (`TiDB 于 2017 年正式发布`).
fn name_before_verb<'t>(
    text: &'t str,
    clause_start: usize,
    verb_start: usize,
    dates: &[DateRef],
) -> Option<&'t str> {
    let mut end = verb_start;
    for _ in 0..6 {
        let s = strip_suffix_words(&text[clause_start..end], VERB_MODIFIERS);
        let s_end = clause_start + s.len();
        if let Some(d) = dates
            .iter()
            .find(|d| d.range.end == s_end && d.range.start >= clause_start)
        {
            end = d.range.start;
            continue;
        }
        end = s_end;
        break;
    }
    let (_, name) = name_at_end(&text[clause_start..end])?;
    Some(name)
}

/// Words that look like names but are version labels.
fn is_version_word(n: &str) -> bool {
    matches!(
        n.to_ascii_lowercase().as_str(),
        "ga" | "lts" | "beta" | "alpha" | "rc" | "stable" | "nightly" | "v"
    )
}

/// The nearest date in the clause that starts before `pos`, unless what lies between makes
/// the date the topic of something else (`2022 年是 Rust 语言距离稳定版正式发布以来…`).
fn date_before(ctx: &Context, dates: &[usize], pos: usize, text: &str) -> Option<usize> {
    let i = dates
        .iter()
        .copied()
        .rfind(|&i| ctx.dates[i].range.start < pos)?;
    let end = ctx.dates[i].range.end.min(pos);
    let between = text.get(end..pos).unwrap_or_default();
    (!["是", "距离", "距今", "以来"]
        .iter()
        .any(|w| between.contains(w)))
    .then_some(i)
}

/// A date right after a release verb (`发布于 2020 年 3 月`, `released on 2020-01-02`).
fn date_right_after(ctx: &Context, dates: &[usize], pos: usize, text: &str) -> Option<usize> {
    let i = dates
        .iter()
        .copied()
        .find(|&i| ctx.dates[i].range.start >= pos)?;
    let between = text.get(pos..ctx.dates[i].range.start)?;
    let rest = strip_prefix_words(between, &["于", "在", "on", "in", "at"]);
    rest.trim_matches(text::is_space).is_empty().then_some(i)
}

/// Whether the clause opens with 从 / 自 / 自从 (a span whose end may follow).
fn opens_with_from(ctext: &str) -> bool {
    let t = trim_start_space(ctext);
    t.starts_with('从') || t.starts_with('自')
}

/// End of the last first-release marker in the clause (for the statement's range).
fn first_marker_end(text: &str, clause: &Range<usize>) -> usize {
    let ctext = &text[clause.clone()];
    FIRST_RELEASE
        .iter()
        .filter_map(|w| ctext.rfind(w).map(|i| clause.start + i + w.len()))
        .max()
        .unwrap_or(clause.start)
}

/// Whether the clause holds just the version, with at most a name and 版本/版 around it.
fn is_version_only(ctext: &str, v: &Version, offset: usize) -> bool {
    let before = trim_end_space(&ctext[..v.range.start - offset]);
    let before = match name_at_end(before) {
        Some((r, _)) => &before[..r.start],
        None => before,
    };
    let after = &ctext[v.range.end - offset..];
    let after = &after[version_suffix(after)..];
    let after = strip_prefix_words(after, &["的", "了", "。"]);
    let before = strip_prefix_words(before, &["最新", "是", "为"]);
    before.trim_matches(text::is_space).is_empty() && after.trim_matches(text::is_space).is_empty()
}

/// A comparable key for a version string: `1.6.342` → `[1, 6, 342]`.
///
/// A leading `v`/`V` is ignored, as are pre-release suffixes (`1.3.0-rc` → `[1, 3, 0]`).
/// For a range (`0.11.0 ～ 0.12`) the key is that of the upper end, the newest version the
/// statement covers. Returns `None` when the string does not start with a number.
#[must_use]
pub fn parse_version(v: &str) -> Option<Vec<u64>> {
    // Read on bytes: every version passes through here, and the char-pattern split, trims
    // and parses cost about 970 instructions a version.
    let bytes = v.as_bytes();
    // After the last range mark: `~`, or `～` (EF BD 9E) or `〜` (E3 80 9C) whole.
    let from = (0..bytes.len())
        .rev()
        .find(|&i| match bytes[i] {
            b'~' => true,
            0x9E => bytes[..i].ends_with(&[0xEF, 0xBD]),
            0x9C => bytes[..i].ends_with(&[0xE3, 0x80]),
            _ => false,
        })
        .map_or(0, |i| i + 1);
    let s = v[from..].trim().trim_start_matches(['v', 'V']).trim_start();
    let bytes = s.as_bytes();
    let mut key = Vec::new();
    let mut at = 0;
    loop {
        let end = text::bytes_while(bytes, at, |b| b.is_ascii_digit());
        if end == at {
            break;
        }
        // `str::parse` of the digits, which fails (and so does the key) past `u64::MAX`.
        let n = bytes[at..end].iter().try_fold(0u64, |n, &d| {
            n.checked_mul(10)?.checked_add(u64::from(d - b'0'))
        })?;
        key.push(n);
        if bytes.get(end) != Some(&b'.') {
            break;
        }
        at = end + 1;
    }
    (!key.is_empty()).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The release verbs of `hay`, found into a list that held others.
    fn verb_matches(hay: &str) -> Vec<Range<usize>> {
        let mut found = vec![3..5, 0..1];
        find_verbs(hay, &mut found);
        found
    }

    /// The listed words of all of `text`, found into a list that held another.
    fn marks_of(text: &str) -> Marks {
        let mut marks = Marks(vec![(0, 0, NOT_DONE_WORD)]);
        marks.find(text, &(0..text.len()));
        marks
    }

    /// The word lists tested the way `read_clause` once did, one substring search each.
    fn words_by_search(ctext: &str) -> u8 {
        let lower = ctext.to_ascii_lowercase();
        let any = |list: &[&str]| list.iter().any(|w| lower.contains(&w.to_ascii_lowercase()));
        [
            (any(CURRENT), CURRENT_WORD),
            (any(NOT_DONE) || any(NOT_DONE_EN), NOT_DONE_WORD),
            (any(FIRST_RELEASE), FIRST_RELEASE_WORD),
        ]
        .into_iter()
        .filter(|&(found, _)| found)
        .fold(0, |mask, (_, bit)| mask | bit)
    }

    proptest::proptest! {
        /// Clauses cut anywhere from text built of listed words, their parts and fillers.
        #[test]
        fn marks_agree_with_substring_search(
            parts in proptest::collection::vec(0usize..64, 0..16),
            cut in (0usize..200, 0usize..200),
        ) {
            let pieces: Vec<&str> = CURRENT
                .iter()
                .chain(NOT_DONE)
                .chain(NOT_DONE_EN)
                .chain(FIRST_RELEASE)
                .copied()
                .chain(["首", "计", " WILL ", " Plan", "目", "发", "，", "x"])
                .collect();
            let text: String = parts.iter().map(|&i| pieces[i % pieces.len()]).collect();
            let bound = |i: usize| (0..=i.min(text.len())).rev().find(|&b| text.is_char_boundary(b)).unwrap_or(0);
            let (a, b) = (bound(cut.0), bound(cut.1));
            let clause = a.min(b)..a.max(b);
            proptest::prop_assert_eq!(
                marks_of(&text).in_clause(&clause),
                words_by_search(&text[clause.clone()])
            );
        }
    }

    /// [`parse_version`] as it was written on chars, kept as its oracle.
    fn version_key_by_chars(v: &str) -> Option<Vec<u64>> {
        let last = v.rsplit(['～', '~', '〜']).next().unwrap_or(v);
        let s = last.trim().trim_start_matches(['v', 'V']).trim_start();
        let mut key = Vec::new();
        for part in s.split('.') {
            let digits = &part[..part
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(part.len())];
            if digits.is_empty() {
                break;
            }
            key.push(digits.parse().ok()?);
            if digits.len() != part.len() {
                break;
            }
        }
        (!key.is_empty()).then_some(key)
    }

    proptest::proptest! {
        /// Versions, ranges, prefixes, suffixes, spacing, numbers past `u64::MAX`, and chars
        /// that share a byte with a range mark (丞 and 东 end as ～ and 〜 do).
        #[test]
        fn version_keys_are_read_as_on_chars(
            parts in proptest::collection::vec(0usize..24, 0..10),
        ) {
            let pieces = [
                "1", "0", "12", "342", ".", "..", "v", "V", " ", "\u{3000}", "～", "~", "〜", "-rc",
                "a", "18446744073709551616", "99999999999999999999", "端", "\u{FF5D}", "\u{301D}",
                "\t", "GA", "丞", "东",
            ];
            let text: String = parts.iter().map(|&i| pieces[i]).collect();
            proptest::prop_assert_eq!(parse_version(&text), version_key_by_chars(&text), "{:?}", text);
        }
    }

    /// What [`version_suffix`] reads by hand, as a regex: the tests' oracle.
    const SUFFIX_PATTERN: &str = r"^[ \t]*(?:GA[ \t]*|LTS[ \t]*)?(?:版本|版)";

    /// The suffix read by hand ends where [`SUFFIX_PATTERN`] ends.
    #[test]
    fn the_version_suffix_is_the_regex() {
        let suffix = Regex::new(SUFFIX_PATTERN).unwrap();
        for text in [
            "",
            " ",
            "版",
            "版本",
            "版本号",
            " \t版本",
            "GA版",
            "GA 版本",
            "GA \t 版",
            "LTS\t版",
            "LTS 版本发布",
            "GA",
            "LTS",
            "GA 发布",
            "G版",
            "L版",
            "GAS版",
            "ga版",
            "版GA",
            "ＧＡ版",
            " GA  版本",
            "\u{3000}版",
        ] {
            let want = suffix.find(text).map_or(0, |m| m.end());
            assert_eq!(version_suffix(text), want, "{text:?}");
        }
    }

    proptest::proptest! {
        /// The prefilters in front of the clause regexes pass every text the regex matches
        /// (the test fails when a prefilter's char or word is dropped), and the suffix read
        /// by hand ends where its regex ends.
        #[test]
        fn the_regex_prefilters_pass_every_match(
            parts in proptest::collection::vec(0usize..32, 0..10),
        ) {
            let pieces = [
                "已经发展到", "已迭代到了", "到", "了", " ", "\t", "\u{3000}", "\n", "版本", "版",
                "号", "为", "是", ":", "：", "Python", "V0", "c++", "C#", "x-", "GA", "LTS", "L",
                "G", "发布", "，", "中", "1.0", "走到", "_", "GA ", "LTS\t",
            ];
            let text: String = parts.iter().map(|&i| pieces[i]).collect();
            if PROGRESS.is_match(&text) {
                proptest::prop_assert!(may_end_in_progress(&text), "{:?}", text);
            }
            if QUAL.is_match(&text) {
                proptest::prop_assert!(may_end_in_qualifier(&text), "{:?}", text);
            }
            let suffix = Regex::new(SUFFIX_PATTERN).unwrap();
            proptest::prop_assert_eq!(
                version_suffix(&text),
                suffix.find(&text).map_or(0, |m| m.end()),
                "{:?}", text
            );
            if crate::text::NAME_AT_END.is_match(&text) {
                proptest::prop_assert!(crate::text::may_end_with_name(&text), "{:?}", text);
            }
        }
    }

    /// A verb and a date without a digit (`去年首次发布`) pass the date-or-digit gates of the
    /// run and of its sentence; a verb with neither does not get read.
    #[test]
    fn a_dated_release_without_digits_is_read() {
        let text = "TiKV 去年首次发布。之后又发布了很多文章。";
        let at = text.find("去年").unwrap();
        let ctx = Context {
            heading_path: vec!["TiKV"],
            dates: vec![DateRef {
                range: at..at + "去年".len(),
                start: Some("2022".to_owned()),
            }],
        };
        let found = releases_with(text, &ctx, &mut Lists::default(), true);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1.date.as_deref(), Some("2022"));
        assert_eq!(
            found,
            releases_with(text, &ctx, &mut Lists::default(), false)
        );
        let undated = Context {
            heading_path: vec!["TiKV"],
            dates: Vec::new(),
        };
        assert!(releases_with(text, &undated, &mut Lists::default(), true).is_empty());
    }

    proptest::proptest! {
        /// The version gate drops no release: texts of verbs, cues, versions, numbers,
        /// labels and dates, cut into clauses and sentences, read with the gate and without.
        #[test]
        fn the_version_gate_drops_no_release(
            parts in proptest::collection::vec(0usize..41, 0..14),
        ) {
            let pieces = [
                "发布", "推出了", "目前", "现在", "到", "已经发展到", "版", " 版本", "1.0", "v2.3.1",
                "0.4", "3", "12", "2000", "beta", "rc", "\n", "，", "。", " ", "TiKV ", "Rust",
                "个", "年", "最新版本是", "首次发布", "从", "开始", "将", "Linux 5.10", "3 版",
                "第 2 版", "V3.0 版", "37,000", "1.2.3-rc1", "～", "计划", "2023年4月", "目前是", "x",
                "去年",
            ];
            let mut text = String::new();
            let mut dates = Vec::new();
            for &i in &parts {
                let piece = pieces[i];
                // A date with digits and one without, so the gates' digit and date tests
                // each have cases only the other would pass.
                let start = match piece {
                    "2023年4月" => Some("2023-04"),
                    "去年" => Some("2022"),
                    _ => None,
                };
                if let Some(start) = start {
                    dates.push(DateRef {
                        range: text.len()..text.len() + piece.len(),
                        start: Some(start.to_owned()),
                    });
                }
                text.push_str(piece);
            }
            let ctx = Context { heading_path: vec!["TiKV"], dates };
            let gated = releases_with(&text, &ctx, &mut Lists::default(), true);
            let read_whole = releases_with(&text, &ctx, &mut Lists::default(), false);
            proptest::prop_assert_eq!(gated, read_whole, "{}", text);
        }
    }

    proptest::proptest! {
        #[test]
        fn the_cues_are_the_substring_definition(
            text in "[0-9a-z 版到目前现在当前如今已迄截至止发布了]{0,24}"
        ) {
            let by_substring =
                text.contains(['版', '到']) || CURRENT.iter().any(|w| text.contains(w));
            proptest::prop_assert_eq!(holds_cue(&text), by_substring);
        }
    }

    /// The definition `verb_matches` is held to: the verb regex with Unicode word
    /// boundaries around the English verb.
    fn verbs_by_regex(hay: &str) -> Vec<Range<usize>> {
        static VERB: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)发布|发版|推出|上线|发行|释出|面世|问世|开源|\breleased?\b")
                .expect("valid regex")
        });
        VERB.find_iter(hay).map(|m| m.range()).collect()
    }

    /// The definition `version_ranges` is held to.
    const VERSION_PATTERN: &str = r"[vV]?[0-9]+(?:\.[0-9]+)*(?:-[A-Za-z][A-Za-z0-9]*(?:\.[0-9A-Za-z]+)*)?(?:[ \t]*[～~〜][ \t]*[vV]?[0-9]+(?:\.[0-9]+)+)?";

    fn versions_by_regex(hay: &str) -> Vec<Range<usize>> {
        static VERSION: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(VERSION_PATTERN).expect("valid regex"));
        VERSION.find_iter(hay).map(|m| m.range()).collect()
    }

    #[test]
    fn version_tokens() {
        fn found(s: &str) -> Vec<&str> {
            version_ranges(s).map(|m| &s[m]).collect()
        }
        assert_eq!(found("发布 0.1.0 版本"), ["0.1.0"]);
        assert_eq!(
            found("V2.148.0，v1.3.0-rc.1 与 1.2."),
            ["V2.148.0", "v1.3.0-rc.1", "1.2"]
        );
        assert_eq!(
            found("0.11.0 ～ 0.12 和 1 ~ 2"),
            ["0.11.0 ～ 0.12", "1", "2"]
        );
        assert_eq!(found("3.0 〜v3.1.2-x 5 ~6"), ["3.0 〜v3.1.2", "5", "6"]);
        assert_eq!(found("vv1 x2-3 4-b"), ["v1", "2", "3", "4-b"]);
        assert_eq!(found("没有版本"), Vec::<&str>::new());
    }

    proptest::proptest! {
        /// Text of digits, dots, letters, dashes, tildes, blanks and Chinese.
        #[test]
        fn version_ranges_are_the_regex(
            parts in proptest::collection::vec(0usize..64, 0..32),
        ) {
            let pieces = [
                "0", "12", "3", ".", "..", "-", "v", "V", "rc", "a", "Z", "9x", " ", "\t", "～",
                "~", "〜", "版", "，", "_", "é", "1.0", "-b", ".7",
            ];
            let text: String = parts.iter().map(|&i| pieces[i % pieces.len()]).collect();
            let hand: Vec<_> = version_ranges(&text).collect();
            proptest::prop_assert_eq!(hand, versions_by_regex(&text));
        }

        /// Text built of verbs, their halves, word chars of every kind and separators.
        #[test]
        fn verb_matches_is_the_regex(
            parts in proptest::collection::vec(0usize..64, 0..24),
        ) {
            let pieces = [
                "发布", "发版", "推出", "上线", "发行", "释出", "面世", "问世", "开源", "发", "布",
                "上", "线", "开", "源", "出", "世", "release", "RELEASED", "Release", "releaſe",
                "relea", "se", "d", "D", "r", "_", "x", "1", "版", " ", "，", "é", "ß", "ſ", "K",
                "ReLeAsE", "rELEA", "SeD", "rel", "REL", "rele", "relation", "e", "a",
            ];
            let text: String = parts.iter().map(|&i| pieces[i % pieces.len()]).collect();
            proptest::prop_assert_eq!(verb_matches(&text), verbs_by_regex(&text));
        }

        /// Every cut of such text: the verbs of the part before the cut are the whole
        /// text's verbs that end by it, plus the English verb the cut makes a word.
        #[test]
        fn verbs_before_a_cut_come_from_the_whole_list(
            parts in proptest::collection::vec(0usize..64, 0..24),
            from in 0usize..64,
            to in 0usize..64,
        ) {
            let pieces = [
                "发布", "上线", "发", "布", "release", "RELEASED", "releaſe", "relea", "se",
                "d", "r", "_", "x", "1", "v", "V", "版", " ", "，", "é", "ſ",
            ];
            let text: String = parts.iter().map(|&i| pieces[i % pieces.len()]).collect();
            let bound = |i: usize| text.floor_char_boundary(i.min(text.len()));
            let (from, to) = (bound(from.min(to)), bound(from.max(to)));
            let whole = verb_matches(&text);
            let mut derived: Vec<_> = whole
                .iter()
                .filter(|m| m.start >= from && m.end <= to)
                .cloned()
                .chain(english_verb_cut_at(&text, from, to))
                .collect();
            derived.sort_by_key(|m| m.start);
            // Where no word char follows the cut, the whole text holds that verb too.
            derived.dedup();
            let direct: Vec<_> = verb_matches(&text[from..to])
                .into_iter()
                .map(|m| m.start + from..m.end + from)
                .collect();
            // Clauses start after punctuation: a word char before the part could only
            // take verbs away from the whole text.
            let word_before = text[..from].ends_with(|c: char| {
                c.is_ascii_alphanumeric() || c == '_' || text::is_non_ascii_word_char(c)
            });
            if !word_before {
                proptest::prop_assert_eq!(derived, direct);
            }
        }
    }

    #[test]
    fn verb_matches_agree_with_the_regex_on_the_seeds() {
        let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
        let mut checked = 0;
        for entry in std::fs::read_dir(seeds).into_iter().flatten().flatten() {
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            assert_eq!(verb_matches(&text), verbs_by_regex(&text));
            checked += verbs_by_regex(&text).len();
        }
        assert!(checked > 10, "{checked} verbs checked");
    }

    #[test]
    fn english_verbs_need_a_unicode_word_boundary() {
        fn found(s: &str) -> Vec<&str> {
            verb_matches(s).into_iter().map(|m| &s[m]).collect()
        }
        assert_eq!(found("v1.0 released, 已发布"), ["released", "发布"]);
        assert_eq!(found("Released 了"), ["Released"]);
        assert_eq!(found("released版本"), Vec::<&str>::new());
        assert_eq!(found("版本release"), Vec::<&str>::new());
        assert_eq!(found("prereleased，releases"), Vec::<&str>::new());
        assert_eq!(found("（release）"), ["release"]);
    }

    #[test]
    fn version_keys() {
        assert_eq!(parse_version("1.6.342"), Some(vec![1, 6, 342]));
        assert_eq!(parse_version("V2.148.0"), Some(vec![2, 148, 0]));
        assert_eq!(parse_version("0.11.0 ～ 0.12"), Some(vec![0, 12]));
        assert_eq!(parse_version("1.3.0-rc"), Some(vec![1, 3, 0]));
        assert_eq!(parse_version("v0.6"), Some(vec![0, 6]));
        assert_eq!(parse_version("GA"), None);
        assert_eq!(parse_version(""), None);
    }
}
