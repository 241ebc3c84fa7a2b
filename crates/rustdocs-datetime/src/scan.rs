//! Stage 1: the grammar of date, time and span mentions, read left to right over one run.
//!
//! The scanner visits each char once; at a char that can open a mention it tries the forms
//! below with bounded look-ahead (every reader skips at most three spaces and a handful of
//! digits), so a run costs time linear in its length whatever it contains.
//!
//! ```text
//! mention  := date [weekday-note] [[，][北京时间] part-of-day [clock]] [span]
//!           | relative-day | relative-week-day ... (same tails)
//!           | relative-month | part-of-day clock [span] | clock [span] | M.D [span]
//! date     := YYYY[-/.]MM[-/.]DD | YEAR 年 [MONTH 月 [DAY [日|号]]] [底|初|末]
//!           | MONTH 月 [DAY [日|号]] | 今年/去年/明年 [MONTH 月 [DAY [日|号]]]
//! span     := (~ ～ - – — 至 到) end | 、 DAY 日
//! ```

// Scanner offsets read best as the usual short names: `s` the run, `i` where a form starts,
// `e` where it ends, `j`/`k` intermediate positions; spelling them out hides the grammar.
#![allow(clippy::many_single_char_names)]

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use jiff::civil::Weekday;
use rustdocs_numerals::arabic_digit;
use rustdocs_span::chars::{BmpSet, ascii_non_digit_prefix, three_byte_code};

use crate::lex::{
    Clock, arabic, arabic_left_ok, chinese, chinese_left_ok, chinese_year, clock,
    clock_after_separator, eat, eat_char, english_weekday, is_cn_numeral, is_space, part_of_day,
    peek, prev, skip_sp, weekday_word,
};
use crate::{Candidate, Options, PartOfDay, Point, Relative};

/// Strings at least one of which every mention contains; a run with none of them has none.
///
/// It is asked only once the char loop has found a candidate, which most runs never do:
/// over CJK prose the automaton ran through nearly the whole run before answering, and
/// cost more than the loop it was meant to spare.
static PREFILTER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new([
        "年", "月", "日", "号", ":", "：", "点", "时", "周", "星期", "礼拜", "今", "明", "昨",
        "前天", "后天", "-", "/", ".",
    ])
    .expect("constant prefilter patterns are valid")
});

/// Span separators between the two ends of a range.
const SPAN_SEPS: [char; 10] = ['~', '～', '〜', '-', '–', '—', '－', '至', '到', '―'];

/// The chars other than numerals that open a mention: the first chars of relative words
/// (今天, 上个月, 本周六, 星期三) and of parts of day (上午, 凌晨, 傍晚).
const WORD_STARTS: [char; 23] = [
    '今', '明', '昨', '前', '后', '去', '本', '这', '上', '下', '周', '星', '礼', '中', '正', '晚',
    '凌', '早', '清', '夜', '傍', '深', '午',
];

/// Every char that can open a mention: digits (ASCII and fullwidth), Chinese numerals and
/// [`WORD_STARTS`], one bit each, so the loop tests a CJK char with one load instead of a
/// chain of matches; other chars are skipped without trying the grammar.
pub(crate) static START: BmpSet = {
    let mut set = BmpSet::EMPTY
        .with_range('0', '9')
        .with_range('０', '９')
        .with_chars(&WORD_STARTS);
    let mut code = 0x80u32;
    while code < 0x1_0000 {
        if let Some(c) = char::from_u32(code)
            && is_cn_numeral(c)
        {
            set = set.with(c);
        }
        code += 1;
    }
    set
};

/// The first offset at or after `i` (a char boundary) that is not a three-byte char outside
/// the start set: CJK prose is mostly such chars, and one tight loop over them costs about
/// half of the scan's per-char dispatch.
fn skip_plain_cjk(bytes: &[u8], mut i: usize) -> usize {
    while let Some(cp) = three_byte_code(bytes, i)
        && !START.contains(cp)
    {
        i += 3;
    }
    i
}

/// At a non-ASCII lead byte `i`: whether its char can open a mention, and its length.
fn non_ascii_start(bytes: &[u8], i: usize) -> (bool, usize) {
    let b = bytes[i];
    if b < 0xE0 {
        (false, 2)
    } else if b < 0xF0 {
        (
            three_byte_code(bytes, i).is_some_and(|cp| START.contains(cp)),
            3,
        )
    } else {
        (false, 4)
    }
}

/// The chars that may come second in a mention opened by word-led `c`, read off the word
/// tables (relative years, days, months, week prefixes, weekday words, parts of day); `None`
/// where anything may follow (a numeral, or 晚/早, which open a clock time on their own).
fn second_chars(c: char) -> Option<&'static [char]> {
    Some(match c {
        '今' | '明' => &['年', '天', '日', '晚', '早'],
        '昨' => &['天', '日', '晚'],
        '前' | '后' => &['年', '天'],
        '去' => &['年'],
        '本' => &['月', '周', '星', '礼'],
        '这' => &['个', '周', '星', '礼'],
        '上' | '下' => &['个', '月', '周', '星', '礼', '午'],
        '周' => &['一', '二', '三', '四', '五', '六', '日', '天'],
        '星' => &['期'],
        '礼' => &['拜'],
        '中' | '正' => &['午'],
        '凌' | '清' => &['晨'],
        '夜' => &['里', '间'],
        '傍' => &['晚'],
        '深' | '午' => &['夜'],
        _ => return None,
    })
}

/// Whether a mention can open at `i`, whose char `c` is in the start set: a necessary
/// condition on the next few chars, so the grammar is tried only where it can succeed.
///
/// Most start chars are common words (一, 中, 本, 上) or digits inside numbers and versions;
/// trying every form there cost more than the rest of the scan.
fn may_open(s: &str, i: usize, c: char) -> bool {
    let len = c.len_utf8();
    if arabic_digit(c).is_some() {
        // Read on bytes: digits are the commonest stop in technical prose (numbers,
        // versions), and decoding each char around them cost most of this test.
        // Every form checks `arabic_left_ok`, which a digit before fails (a year glued to a
        // word is let through only after a letter).
        let bytes = s.as_bytes();
        if matches!(
            bytes[..i],
            [.., b'0'..=b'9'] | [.., 0xEF, 0xBC, 0x90..=0x99]
        ) {
            return false;
        }
        // Every form reads the whole digit run (a longer one is rejected) and then needs an
        // ISO or M.D separator, a clock colon, or 年/月/点/时 after at most three spaces.
        // ASCII digits are one byte, fullwidth ones (U+FF10–FF19) EF BC 90–99.
        let mut r = i + len;
        loop {
            match bytes[r..] {
                [b'0'..=b'9', ..] => r += 1,
                [0xEF, 0xBC, 0x90..=0x99, ..] => r += 3,
                _ => break,
            }
        }
        return matches!(bytes.get(r), Some(b'-' | b'/' | b'.'))
            || matches!(
                peek(s, skip_sp(s, r)),
                Some('年' | '月' | '点' | '时' | ':' | '：')
            );
    }
    if is_cn_numeral(c) {
        // A Chinese year, month or clock hour is read from the whole numeral run (a run
        // longer than four chars fails every reader) and needs 年/月/点/时 after it.
        let mut r = i + len;
        while let Some(d) = peek(s, r).filter(|&d| is_cn_numeral(d)) {
            r += d.len_utf8();
        }
        return matches!(peek(s, skip_sp(s, r)), Some('年' | '月' | '点' | '时'));
    }
    second_chars(c).is_none_or(|follow| peek(s, i + len).is_some_and(|n| follow.contains(&n)))
}

/// Stage 1 over one prose run; see [`crate::recognize`].
pub(crate) fn recognize(text: &str, options: &Options) -> Vec<Candidate> {
    let mut out = Vec::new();
    recognize_skipping(text, options, skip_plain_cjk, &mut out);
    out
}

/// Stage 1 over one prose run, the plain CJK chars passed over by `stops`, appended to
/// `out`; see [`crate::recognize_with_stops_into`].
pub(crate) fn recognize_with_stops(
    text: &str,
    options: &Options,
    stops: &[usize],
    out: &mut Vec<Candidate>,
) {
    // The loop only moves forward, so the next stop is found from the last one.
    let mut next = 0;
    let skip = |bytes: &[u8], i: usize| {
        while stops.get(next).is_some_and(|&stop| stop < i) {
            next += 1;
        }
        stops.get(next).map_or(bytes.len(), |&stop| stop)
    };
    recognize_skipping(text, options, skip, out);
}

/// Stage 1 over one prose run, where `skip(bytes, i)` at a non-ASCII char `i` gives the
/// first offset at or after `i` that is not a three-byte char outside the start set, or any
/// char boundary between the two. The mentions are appended to `out`.
fn recognize_skipping(
    text: &str,
    options: &Options,
    mut skip: impl FnMut(&[u8], usize) -> usize,
    out: &mut Vec<Candidate>,
) {
    // Among ASCII chars only digits open a mention, so ASCII text without one has none.
    if !rustdocs_numerals::may_hold_numeral(text) {
        return;
    }
    let mut prefiltered = false;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let b = bytes[i];
        let (start, len) = if b < 0x80 {
            if !b.is_ascii_digit() {
                // Only digits open a mention among ASCII chars: skip the rest of an ASCII stretch.
                i += ascii_non_digit_prefix(&bytes[i..]);
                continue;
            }
            (true, 1)
        } else {
            let j = skip(bytes, i);
            if j > i {
                i = j;
                continue;
            }
            non_ascii_start(bytes, i)
        };
        if start
            && may_open(text, i, peek(text, i).unwrap_or_default())
            && let Some(cand) = candidate_at(text, i, options)
        {
            if !prefiltered {
                if !PREFILTER.is_match(text) {
                    // Tested at the first possible mention, before any was appended.
                    return;
                }
                prefiltered = true;
            }
            let end = cand.range.end;
            let ignored = options
                .ignore
                .iter()
                .any(|r| r.start < end && i < r.end && r.start < r.end);
            if !ignored && !frequency(text, i) {
                out.push(cand);
                i = end;
                continue;
            }
            if !ignored {
                // 每周五晚八点: skip the whole recurring expression, not just its first char.
                i = end;
                continue;
            }
        }
        i += len;
    }
}

/// Whether the mention starting at `i` is a recurrence (每周三, 每年 4 月), not a calendar point.
fn frequency(s: &str, i: usize) -> bool {
    let before = s[..i].trim_end_matches(is_space);
    before.ends_with('每')
        || ["每年", "每月", "每周", "每个月", "每逢"]
            .iter()
            .any(|w| before.ends_with(w))
}

fn candidate_at(s: &str, i: usize, opts: &Options) -> Option<Candidate> {
    candidate_at_with(s, i, opts, true)
}

/// [`candidate_at`]; with `by_lead`, the forms a char at `i` cannot open are not tried.
///
/// Every relative word and part of day is Chinese, so an ASCII char (a digit, most stops)
/// opens none of them: trying each list there cost a tenth of the candidates' time.
fn candidate_at_with(s: &str, i: usize, opts: &Options, by_lead: bool) -> Option<Candidate> {
    if let Some((point, e)) = date_core(s, i) {
        return Some(finish(s, i, point, e, None, None));
    }
    let chinese_led = !by_lead || s.as_bytes().get(i).is_some_and(|b| !b.is_ascii());
    if chinese_led {
        return relative_at(s, i)
            .or_else(|| dotted(s, i, opts))
            .or_else(|| time_led(s, i, true));
    }
    dotted(s, i, opts).or_else(|| time_led(s, i, false))
}

/// A day, month or weekday named relative to the reference date at `i`.
fn relative_at(s: &str, i: usize) -> Option<Candidate> {
    if let Some((mut point, mut e, part)) = relative_day(s, i) {
        // 今天（2022.12 月）: the writer pinned the relative word down; the explicit date wins.
        if let Some((explicit, pe)) = paren_date(s, e) {
            point = explicit;
            e = pe;
        }
        return Some(finish(s, i, point, e, None, part));
    }
    if let Some((point, e)) = relative_month(s, i) {
        return Some(finish(s, i, point, e, None, None));
    }
    if let Some((mut point, mut e, written)) = relative_weekday(s, i) {
        // 本周日（8 月 6 日）: the explicit date wins, the weekday stays as a note.
        if let Some((explicit, pe)) = paren_date(s, e) {
            point = explicit;
            e = pe;
        }
        return Some(finish(s, i, point, e, Some(written), None));
    }
    None
}

/// Completes a date-like core with its weekday note, time of day and span end.
fn finish(
    s: &str,
    start: usize,
    mut point: Point,
    mut e: usize,
    mut weekday: Option<String>,
    mut part: Option<PartOfDay>,
) -> Candidate {
    if point.has_day() {
        if weekday.is_none()
            && let Some((written, we)) = weekday_note(s, e)
        {
            weekday = Some(written);
            e = we;
        }
        if point.hour.is_none()
            && let Some((p, clk, te)) = time_tail(s, e)
        {
            part = p.or(part);
            if let Some(c) = clk {
                point.hour = Some(adjust_hour(c.hour, part, c.meridiem));
                point.minute = c.minute;
            }
            e = te;
        }
    }
    let mut end = None;
    if let Some((end_point, ee)) = span_end(s, e, &point, part) {
        end = Some(end_point);
        e = ee;
    }
    Candidate {
        range: start..e,
        start: point,
        end,
        part_of_day: part,
        weekday,
    }
}

/// `（周六）`, `，星期一`, ` 周五`, `(Sat.)` after a date: the weekday as written and the end.
fn weekday_note(s: &str, e: usize) -> Option<(String, usize)> {
    let j = skip_sp(s, e);
    let (open, k) = if let Some(k) = eat_char(s, j, &['（', '(']) {
        (true, skip_sp(s, k))
    } else if let Some(k) = eat_char(s, j, &['，', ',']) {
        (false, skip_sp(s, k))
    } else {
        (false, j)
    };
    let (_, we) = weekday_word(s, k).or_else(|| {
        // English names only where they cannot be a word of the sentence.
        english_weekday(s, k).filter(|&(_, end)| open || s[..end].ends_with('.'))
    })?;
    let written = s[k..we].to_owned();
    if open {
        let c = skip_sp(s, we);
        let end = eat_char(s, c, &['）', ')'])?;
        Some((written, end))
    } else {
        Some((written, we))
    }
}

/// A time of day after a date: `14:00`, `，上午9:30`, `北京时间晚上8点`, `下午`.
fn time_tail(s: &str, e: usize) -> Option<(Option<PartOfDay>, Option<Clock>, usize)> {
    let mut j = skip_sp(s, e);
    let mut joined = false;
    if let Some(k) = eat_char(s, j, &['，', ',']) {
        j = skip_sp(s, k);
        joined = true;
    }
    if let Some(k) = eat(s, j, "北京时间") {
        j = skip_sp(s, k);
        joined = true;
    }
    let part = part_of_day(s, j, true);
    let after_part = part.map_or(j, |(_, k)| skip_sp(s, k));
    let clk = clock(s, after_part).filter(|c| !c.chinese || part.is_some());
    match (part, clk) {
        (_, Some(c)) => Some((part.map(|p| p.0), Some(c), c.end)),
        // A bare part of day belongs to the date only when written right after it (8 月 27 日下午);
        // 早 alone is too often a word of its own (早于, 早期).
        (Some((p, k)), None) if !joined && !s[j..k].starts_with('早') => Some((Some(p), None, k)),
        _ => None,
    }
}

/// Clock hour after a part of day or a.m./p.m.: 下午 2 点 is 14:00, 下午 09:00 stays 09:00
/// so a validator can flag the contradiction.
pub(crate) fn adjust_hour(hour: u32, part: Option<PartOfDay>, meridiem: Option<bool>) -> u32 {
    match meridiem {
        Some(true) if hour < 12 => return hour + 12,
        Some(false) if hour == 12 => return 0,
        Some(_) => return hour,
        None => {}
    }
    match part {
        Some(PartOfDay::Afternoon) if (1..=7).contains(&hour) => hour + 12,
        Some(PartOfDay::Evening) if (5..=11).contains(&hour) => hour + 12,
        Some(PartOfDay::Night) if (9..=11).contains(&hour) => hour + 12,
        Some(PartOfDay::Noon) if (1..=3).contains(&hour) => hour + 12,
        _ => hour,
    }
}

/// The end of a span after `e`, read at the grain the start was written in.
fn span_end(s: &str, e: usize, start: &Point, part: Option<PartOfDay>) -> Option<(Point, usize)> {
    let j = skip_sp(s, e);
    let c = peek(s, j)?;
    let list = c == '、';
    if !list && !SPAN_SEPS.contains(&c) {
        return None;
    }
    let k = skip_sp(s, j + c.len_utf8());
    if list {
        // 10月16、17日: a list of days in one month, read as the span they cover.
        if start.day.is_none() || start.hour.is_some() {
            return None;
        }
        let (d, de, true) = day_at(s, k, true)? else {
            return None;
        };
        return Some((
            Point {
                day: Some(d),
                ..Point::default()
            },
            de,
        ));
    }
    if start.hour.is_some() {
        let (p2, k2) = part_of_day(s, k, true).map_or((None, k), |(p, x)| (Some(p), skip_sp(s, x)));
        let pd = p2.or(part);
        let clk = clock_after_separator(s, k2).filter(|c| !c.chinese || pd.is_some())?;
        return Some((
            Point {
                hour: Some(adjust_hour(clk.hour, pd, clk.meridiem)),
                minute: clk.minute,
                ..Point::default()
            },
            clk.end,
        ));
    }
    if let Some(Relative::Weekday { weeks, .. }) = start.relative {
        // 下周二至周四: the end keeps the start's week unless it names its own.
        let (end, e, _) = relative_weekday_unchecked(s, k)?;
        let Some(Relative::Weekday {
            weeks: end_weeks,
            weekday,
        }) = end.relative
        else {
            return None;
        };
        let explicit_week = !s[k..].starts_with(['周', '星', '礼']);
        let weeks = if explicit_week { end_weeks } else { weeks };
        return Some((
            Point {
                relative: Some(Relative::Weekday { weeks, weekday }),
                ..Point::default()
            },
            e,
        ));
    }
    if start.relative.is_some() {
        return None;
    }
    if start.day.is_some() {
        if let Some((p, pe)) =
            date_core(s, k).filter(|(p, _)| p.day.is_some() && p.relative.is_none())
        {
            return Some((p, pe));
        }
        let (d, de, suffixed) = day_at(s, k, false)?;
        // 8月23日至25日, 6 月 17-18 日: a bare day number ends the span only with its 日.
        return suffixed.then_some((
            Point {
                day: Some(d),
                ..Point::default()
            },
            de,
        ));
    }
    // Month or year spans: 2019年~2020年, 2021年3月至5月.
    let (p, pe) = date_core(s, k).filter(|(p, _)| p.relative.is_none() && p.day.is_none())?;
    if start.month.is_some() && p.month.is_none() {
        return None;
    }
    Some((p, pe))
}

/// A date in parentheses right after a relative weekday.
fn paren_date(s: &str, e: usize) -> Option<(Point, usize)> {
    let j = skip_sp(s, e);
    let k = skip_sp(s, eat_char(s, j, &['（', '('])?);
    let (p, pe) = date_core(s, k).filter(|(p, _)| p.month.is_some() && p.relative.is_none())?;
    let c = skip_sp(s, pe);
    let end = eat_char(s, c, &['）', ')'])?;
    Some((p, end))
}

/// A calendar date at `i`: ISO forms, year-led, month-led, or led by 今年/去年/明年.
pub(crate) fn date_core(s: &str, i: usize) -> Option<(Point, usize)> {
    let c = peek(s, i)?;
    if arabic_digit(c).is_some() {
        if !arabic_left_ok(s, i) {
            // Rust2018年: a year with 年 stays a year even glued to a word; ISO and month
            // forms glued to letters are identifiers (RFC2021-01, v1.2).
            if prev(s, i).is_some_and(|c| c.is_ascii_alphabetic())
                && let Some((y, e)) = arabic_year(s, i)
            {
                return Some(after_year(s, Point::year(y), e));
            }
            return None;
        }
        if let Some(r) = iso(s, i) {
            return Some(r);
        }
        if let Some((y, e)) = arabic_year(s, i) {
            return Some(after_year(s, Point::year(y), e));
        }
        return month_led(s, i);
    }
    if is_cn_numeral(c) {
        if !chinese_left_ok(s, i) {
            return None;
        }
        if let Some((y, e)) = chinese_year(s, i) {
            let e = eat(s, skip_sp(s, e), "年")?;
            return Some(after_year(s, Point::year(y), e));
        }
        return month_led(s, i);
    }
    relative_year(s, i)
}

/// A four-digit Arabic year followed by 年 (a bare 2018 is an edition or a count, not a year).
fn arabic_year(s: &str, i: usize) -> Option<(i32, usize)> {
    let (y, e, 4) = arabic(s, i, 4)? else {
        return None;
    };
    if !(1000..=2999).contains(&y) {
        return None;
    }
    let end = eat(s, skip_sp(s, e), "年")?;
    if matches!(peek(s, end), Some('代' | '级')) {
        return None;
    }
    Some((y as i32, end))
}

/// Month and day after a year (`2023 年 4 月 8 日`, `2019年 11月`, `2020年底`).
fn after_year(s: &str, mut point: Point, e: usize) -> (Point, usize) {
    if let Some(end) = eat_char(s, e, &['底', '初', '末']) {
        return (point, end);
    }
    let k = skip_sp(s, e);
    let Some((m, me, chinese_month)) = month_at(s, k) else {
        return (point, e);
    };
    point.month = Some(m);
    let dk = skip_sp(s, me);
    if let Some((d, de, _)) = day_at(s, dk, chinese_month) {
        point.day = Some(d);
        return (point, de);
    }
    let end = eat(s, me, "份").unwrap_or(me);
    let end = eat_char(s, end, &['底', '初', '末']).unwrap_or(end);
    (point, end)
}

/// `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD` (one separator throughout), `YYYY.MM 月`.
fn iso(s: &str, i: usize) -> Option<(Point, usize)> {
    let (y, e, 4) = arabic(s, i, 4)? else {
        return None;
    };
    if !(1000..=2999).contains(&y) {
        return None;
    }
    let sep = peek(s, e).filter(|c| matches!(c, '-' | '/' | '.'))?;
    let (m, me, _) = arabic(s, e + 1, 2)?;
    let mut point = Point::year(y as i32);
    point.month = Some(m);
    if peek(s, me) != Some(sep) {
        // 2022.12 月: a dotted year-month that the text closes with 月.
        let end = eat(s, skip_sp(s, me), "月").filter(|_| sep == '.')?;
        return Some((point, end));
    }
    let (d, de, _) = arabic(s, me + 1, 2)?;
    point.day = Some(d);
    let mut end = de;
    match peek(s, de) {
        Some('T') => {
            // ISO date-time: 2019-01-17T10:20:00
            if let Some((h, he, 2)) = arabic(s, de + 1, 2)
                && let Some(mi_start) = eat(s, he, ":")
                && let Some((mi, mi_end, 2)) = arabic(s, mi_start, 2)
            {
                point.hour = Some(h);
                point.minute = Some(mi);
                end = mi_end;
                if let Some(sec) = eat(s, end, ":")
                    && let Some((_, sec_end, 2)) = arabic(s, sec, 2)
                {
                    end = sec_end;
                }
            } else {
                return None;
            }
        }
        Some(c) if c.is_ascii_alphanumeric() || c == '_' => return None,
        Some(c)
            if matches!(c, '.' | '-' | '/')
                && peek(s, de + 1).is_some_and(|d| d.is_ascii_digit()) =>
        {
            // 2021.1.2.3 or a longer path: a version or an identifier, not a date.
            return None;
        }
        _ => {}
    }
    Some((point, end))
}

/// A month number followed by 月: value, end after 月, whether written in Chinese.
fn month_at(s: &str, i: usize) -> Option<(u32, usize, bool)> {
    let (m, e, chinese_month) = if let Some((v, e, _)) = arabic(s, i, 2) {
        (v, e, false)
    } else {
        let (v, e) = chinese(s, i, 12, false)?;
        (v, e, true)
    };
    let end = eat(s, skip_sp(s, e), "月")?;
    if matches!(peek(s, end), Some('球' | '饼' | '薪' | '光' | '亮' | '息')) {
        return None;
    }
    Some((m, end, chinese_month))
}

/// A day number, with 日/号 or (Arabic only, when `need_suffix` is false) without.
fn day_at(s: &str, i: usize, need_suffix: bool) -> Option<(u32, usize, bool)> {
    if let Some((d, e, _)) = arabic(s, i, 2) {
        if let Some(end) = eat_char(s, skip_sp(s, e), &['日', '号']) {
            return Some((d, end, true));
        }
        if need_suffix || !day_tail_ok(s, e) {
            return None;
        }
        return Some((d, e, false));
    }
    let (d, e) = chinese(s, i, 31, false)?;
    let end = eat_char(s, skip_sp(s, e), &['日', '号'])?;
    Some((d, end, true))
}

/// Whether a day written without 日 really ends there (`6月 16，` yes; `6 月 16 人`, `3月1.5` no).
fn day_tail_ok(s: &str, e: usize) -> bool {
    if let Some(c) = peek(s, e)
        && (arabic_digit(c).is_some()
            || c.is_ascii_alphabetic()
            || matches!(
                c,
                '.' | '．' | ':' | '：' | '%' | '％' | '/' | '万' | '千' | '百' | '亿'
            ))
    {
        return false;
    }
    !matches!(
        peek(s, skip_sp(s, e)),
        Some(
            '个' | '天'
                | '人'
                | '次'
                | '万'
                | '千'
                | '百'
                | '亿'
                | '年'
                | '月'
                | '周'
                | '位'
                | '名'
                | '家'
                | '款'
                | '条'
                | '项'
                | '倍'
                | '元'
                | '岁'
                | '行'
                | '分'
                | '小'
                | '多'
                | '余'
                | '%'
                | '期'
                | '届'
                | '场'
                | '篇'
                | '张'
                | '台'
                | '种'
                | '部'
                | '页'
                | '章'
                | '节'
                | '秒'
                | '点'
                | '时'
                | '度'
        )
    )
}

/// A date without a year: `4月8日`, `6月 16`, `十二月`, `4月份`.
fn month_led(s: &str, i: usize) -> Option<(Point, usize)> {
    let (m, me, chinese_month) = month_at(s, i)?;
    let mut point = Point {
        month: Some(m),
        ..Point::default()
    };
    let dk = skip_sp(s, me);
    if let Some((d, de, _)) = day_at(s, dk, chinese_month) {
        point.day = Some(d);
        return Some((point, de));
    }
    if !(1..=12).contains(&m) {
        return None;
    }
    // 近 3 月, 前三月: spans of months counted back, not a calendar month.
    let before = s[..i].trim_end_matches(is_space);
    if ["近", "前", "头", "第", "隔", "过去", "最近"]
        .iter()
        .any(|w| before.ends_with(w))
    {
        return None;
    }
    let fen = eat(s, me, "份");
    let end = fen.unwrap_or(me);
    if chinese_month && fen.is_none() {
        // 一月一个小版本, 三月发一版: a number right after reads as a rate, not a month.
        if peek(s, end).is_some_and(|c| {
            is_cn_numeral(c) || arabic_digit(c).is_some() || matches!(c, '个' | '内' | '天' | '次')
        }) {
            return None;
        }
    }
    let end = eat_char(s, end, &['底', '初', '末']).unwrap_or(end);
    Some((point, end))
}

/// Years named relative to the reference date.
const RELATIVE_YEARS: [(&str, i32); 5] = [
    ("今年", 0),
    ("去年", -1),
    ("明年", 1),
    ("前年", -2),
    ("后年", 2),
];

/// 今年/去年/明年/前年/后年, optionally with a month and day (`去年 8 月`).
fn relative_year(s: &str, i: usize) -> Option<(Point, usize)> {
    let (word, n) = RELATIVE_YEARS.iter().find(|(w, _)| s[i..].starts_with(w))?;
    let e = i + word.len();
    if matches!(
        peek(s, e),
        Some('轻' | '纪' | '龄' | '代' | '级' | '华' | '薪' | '度' | '份' | '间')
    ) || (word.starts_with('明') && compound_ming(s, i))
        || matches!(
            prev(s, i),
            Some('过' | '几' | '多' | '之' | '以' | '最' | '万')
        )
    {
        return None;
    }
    let point = Point {
        relative: Some(Relative::Years(*n)),
        ..Point::default()
    };
    let k = skip_sp(s, e);
    if let Some((m, me, chinese_month)) = month_at(s, k) {
        let mut point = point;
        point.month = Some(m);
        if let Some((d, de, _)) = day_at(s, skip_sp(s, me), chinese_month) {
            point.day = Some(d);
            return Some((point, de));
        }
        return Some((point, eat(s, me, "份").unwrap_or(me)));
    }
    Some((point, e))
}

/// Whether the 明 at `i` ends a word (说明, 证明, 发明 …) rather than meaning "next".
fn compound_ming(s: &str, i: usize) -> bool {
    matches!(
        prev(s, i),
        Some(
            '说' | '证'
                | '发'
                | '透'
                | '聪'
                | '声'
                | '表'
                | '光'
                | '文'
                | '简'
                | '阐'
                | '英'
                | '鲜'
                | '精'
                | '分'
                | '标'
                | '注'
                | '查'
                | '指'
                | '开'
                | '清'
                | '昌'
                | '黎'
                | '高'
                | '失'
                | '神'
                | '严'
                | '申'
                | '澄'
                | '挑'
                | '点'
                | '辨'
                | '讲'
                | '写'
        )
    )
}

/// Days named relative to the reference date, with the part of day some imply.
const RELATIVE_DAYS: [(&str, i32, Option<PartOfDay>); 13] = [
    ("今天", 0, None),
    ("今日", 0, None),
    ("今晚", 0, Some(PartOfDay::Evening)),
    ("今早", 0, Some(PartOfDay::Morning)),
    ("明天", 1, None),
    ("明日", 1, None),
    ("明晚", 1, Some(PartOfDay::Evening)),
    ("明早", 1, Some(PartOfDay::Morning)),
    ("昨天", -1, None),
    ("昨日", -1, None),
    ("昨晚", -1, Some(PartOfDay::Evening)),
    ("后天", 2, None),
    ("前天", -2, None),
];

/// 今天/明天/昨天/后天/前天 (and 今晚, 明早 …): day offset, end, implied part of day.
fn relative_day(s: &str, i: usize) -> Option<(Point, usize, Option<PartOfDay>)> {
    let &(word, n, part) = RELATIVE_DAYS
        .iter()
        .find(|(w, _, _)| s[i..].starts_with(w))?;
    let e = i + word.len();
    let before = &s[..i];
    let next = peek(s, e);
    let reject = match word {
        // 2021 年的今天 is a way of saying "in 2021": the year is the mention.
        // 像我们今天的所有项目 means "nowadays".
        "今天" => {
            before.trim_end_matches(is_space).ends_with("年的")
                || (next == Some('的') && ["们", "像", "如"].iter().any(|w| before.ends_with(w)))
        }
        "今日" => next == Some('头') || before.ends_with('如'),
        "后天" | "前天" => {
            matches!(prev(s, i), Some('然' | '之' | '以' | '最' | '先' | '向' | '往' | '午' | '此' | '而'))
                || matches!(next, Some('气' | '性' | '然' | '下'))
                // 先天 … 后天: innate versus acquired, not days.
                || near(s, i, e, "先天")
        }
        _ if word.starts_with('明') => compound_ming(s, i),
        _ => false,
    };
    if reject {
        return None;
    }
    Some((
        Point {
            relative: Some(Relative::Days(n)),
            ..Point::default()
        },
        e,
        part,
    ))
}

/// Whether `word` occurs within a few characters of `start..end`.
fn near(s: &str, start: usize, end: usize, word: &str) -> bool {
    let mut from = start;
    for _ in 0..8 {
        match prev(s, from) {
            Some(c) => from -= c.len_utf8(),
            None => break,
        }
    }
    let mut to = end;
    for _ in 0..8 {
        match peek(s, to) {
            Some(c) => to += c.len_utf8(),
            None => break,
        }
    }
    s[from..to].contains(word)
}

/// Months named relative to the reference date.
const RELATIVE_MONTHS: [(&str, i32); 6] = [
    ("上个月", -1),
    ("上月", -1),
    ("这个月", 0),
    ("本月", 0),
    ("下个月", 1),
    ("下月", 1),
];

/// 上个月/上月/这个月/本月/下个月/下月, optionally with a day (`本月 15 日`).
fn relative_month(s: &str, i: usize) -> Option<(Point, usize)> {
    let &(word, n) = RELATIVE_MONTHS
        .iter()
        .find(|(w, _)| s[i..].starts_with(w))?;
    if matches!(prev(s, i), Some('马' | '一' | '以' | '向' | '之')) {
        return None;
    }
    let e = i + word.len();
    let mut point = Point {
        relative: Some(Relative::Months(n)),
        ..Point::default()
    };
    if let Some((d, de, true)) = day_at(s, skip_sp(s, e), true) {
        point.day = Some(d);
        return Some((point, de));
    }
    Some((point, e))
}

/// 本周六/下周三/上周五/这周日/周六/星期一: the week offset and the weekday as written.
fn relative_weekday(s: &str, i: usize) -> Option<(Point, usize, String)> {
    let (point, e, written) = relative_weekday_unchecked(s, i)?;
    let bare = s[i..].starts_with(['周', '星', '礼']);
    // 一周三次 / 两周一 are counts; 每周五 is left to the frequency check, which skips it whole.
    if bare && matches!(prev(s, i), Some('一' | '个' | '两' | '几')) {
        return None;
    }
    // 周二至周四 / 周一到周五 without 本/下/上: a stretch of every week, not a calendar day.
    if bare && (weekday_range_after(s, e) || weekday_range_before(s, i)) {
        return None;
    }
    Some((point, e, written))
}

/// Week offsets written before a weekday, longest first so 这个 wins over 这.
const WEEK_PREFIXES: [(&str, i32); 7] = [
    ("这个", 0),
    ("下个", 1),
    ("上个", -1),
    ("本", 0),
    ("这", 0),
    ("下", 1),
    ("上", -1),
];

/// A weekday with its optional 本/下/上 prefix, without the checks on what surrounds it.
fn relative_weekday_unchecked(s: &str, i: usize) -> Option<(Point, usize, String)> {
    let (weeks, k) = WEEK_PREFIXES
        .iter()
        .find_map(|&(p, w)| {
            let k = eat(s, i, p)?;
            weekday_word(s, k).map(|_| (w, k))
        })
        .unwrap_or((0, i));
    let (weekday, e): (Weekday, usize) = weekday_word(s, k)?;
    Some((
        Point {
            relative: Some(Relative::Weekday { weeks, weekday }),
            ..Point::default()
        },
        e,
        s[k..e].to_owned(),
    ))
}

/// Whether a span separator and another weekday follow `e`.
fn weekday_range_after(s: &str, e: usize) -> bool {
    let j = skip_sp(s, e);
    peek(s, j).is_some_and(|c| SPAN_SEPS.contains(&c) || c == '、')
        && peek(s, j).is_some_and(|c| weekday_word(s, skip_sp(s, j + c.len_utf8())).is_some())
}

/// Whether a weekday and a span separator come right before `i`.
fn weekday_range_before(s: &str, i: usize) -> bool {
    let before = s[..i].trim_end_matches(is_space);
    let Some(sep) = before.chars().next_back() else {
        return false;
    };
    if !SPAN_SEPS.contains(&sep) && sep != '、' {
        return false;
    }
    let before = before[..before.len() - sep.len_utf8()].trim_end_matches(is_space);
    let mut chars = before.chars().rev();
    let day = chars.next();
    let head: String = chars
        .take(2)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    day.and_then(crate::lex::weekday_char).is_some()
        && (head.ends_with('周') || head == "星期" || head == "礼拜")
}

/// `M.D` month-day (`4.8`, `11.15 ～ 12.12`): in titles and labels, or where the text is
/// plainly a schedule (a span of two M.D, a clock time after it, or the whole value of a
/// `label：` line).
fn dotted(s: &str, i: usize, opts: &Options) -> Option<Candidate> {
    let (point, e, sep) = month_dot_day(s, i, true, None)?;
    // Linux 6.2, Python 3.8: a product name before the number makes it a version.
    let before = s[..i].trim_end_matches(is_space);
    let word_len = before
        .chars()
        .rev()
        .take_while(char::is_ascii_alphabetic)
        .count();
    if word_len >= 2 || before.ends_with(['v', 'V']) {
        return None;
    }
    if let Some((end_point, ee)) = dotted_span_end(s, e, sep) {
        return Some(Candidate {
            range: i..ee,
            start: point,
            end: Some(end_point),
            part_of_day: None,
            weekday: None,
        });
    }
    let k = skip_sp(s, e);
    if (k > e || sep == '/')
        && let Some(c) = clock(s, k).filter(|c| c.colon)
    {
        let mut point = point;
        point.hour = Some(c.hour);
        point.minute = c.minute;
        let mut cand = finish(s, i, point, c.end, None, None);
        cand.range.start = i;
        return Some(cand);
    }
    // The whole value of a schedule line: `作品提交：12.19`, `5/27 UTC`.
    let schedule_value = || {
        let rest = s[e..]
            .split('\n')
            .next()
            .unwrap_or("")
            .trim_matches(is_space);
        let labelled = before.ends_with(['：', ':']);
        (labelled && (rest.is_empty() || rest.starts_with(['（', '('])))
            || ((labelled || before.is_empty()) && time_zone(rest))
    };
    ((opts.dotted_month_day && sep == '.') || schedule_value()).then_some(Candidate {
        range: i..e,
        start: point,
        end: None,
        part_of_day: None,
        weekday: None,
    })
}

/// Whether `rest` opens with a time-zone name (`UTC`, `GMT`, `北京时间`).
fn time_zone(rest: &str) -> bool {
    ["UTC", "GMT", "CST", "北京时间"]
        .iter()
        .any(|z| rest.starts_with(z))
}

/// `M.D` or `M/D` with a plausible month and day and nothing glued on either side; the
/// separator must be `want` when given (both ends of a span use the same one).
fn month_dot_day(
    s: &str,
    i: usize,
    check_left: bool,
    want: Option<char>,
) -> Option<(Point, usize, char)> {
    if check_left && !arabic_left_ok(s, i) {
        return None;
    }
    let (m, e, _) = arabic(s, i, 2)?;
    let sep = peek(s, e).filter(|&c| (c == '.' || c == '/') && want.is_none_or(|w| w == c))?;
    let (d, de, _) = arabic(s, e + 1, 2)?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    if let Some(c) = peek(s, de)
        && ((c.is_ascii_alphanumeric() && !time_zone(&s[de..]))
            || matches!(c, '%' | '％' | '_')
            || (matches!(c, '.' | '/') && peek(s, de + 1).is_some_and(|n| n.is_ascii_digit())))
    {
        return None;
    }
    if matches!(
        peek(s, skip_sp(s, de)),
        Some('版' | '倍' | '万' | '亿' | '%' | '寸' | '元' | '分')
    ) {
        return None;
    }
    Some((
        Point {
            month: Some(m),
            day: Some(d),
            ..Point::default()
        },
        de,
        sep,
    ))
}

fn dotted_span_end(s: &str, e: usize, sep: char) -> Option<(Point, usize)> {
    let j = skip_sp(s, e);
    let c = peek(s, j).filter(|c| SPAN_SEPS.contains(c))?;
    month_dot_day(s, skip_sp(s, j + c.len_utf8()), false, Some(sep)).map(|(p, e, _)| (p, e))
}

/// A time of day not attached to a date: `14:00`, `下午两点`, `晚 7 点`, `9 点至16 点`.
///
/// `part_first`: whether a part of day may open it (none opens at an ASCII char).
fn time_led(s: &str, i: usize, part_first: bool) -> Option<Candidate> {
    let (part, j) = match part_first.then(|| part_of_day(s, i, true)).flatten() {
        Some((p, e)) => (Some(p), skip_sp(s, e)),
        None => (None, i),
    };
    let c = clock(s, j)?;
    if c.chinese && part.is_none() {
        return None;
    }
    let point = Point {
        hour: Some(adjust_hour(c.hour, part, c.meridiem)),
        minute: c.minute,
        ..Point::default()
    };
    let span = span_end(s, c.end, &point, part);
    // 3 点建议: an Arabic number before 点 is a time only with minutes, a part of day or a range.
    if part.is_none() && !c.colon && c.minute.is_none() && span.is_none() {
        return None;
    }
    let (end, e) = span.map_or((None, c.end), |(p, e)| (Some(p), e));
    Some(Candidate {
        range: i..e,
        start: point,
        end,
        part_of_day: part,
        weekday: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The start set as the grammar's own helpers define it.
    fn is_start(c: char) -> bool {
        arabic_digit(c).is_some() || is_cn_numeral(c) || WORD_STARTS.contains(&c)
    }

    #[test]
    fn second_chars_cover_every_word_of_the_grammar() {
        let mut words: Vec<String> = Vec::new();
        words.extend(RELATIVE_YEARS.iter().map(|(w, _)| (*w).to_owned()));
        words.extend(RELATIVE_DAYS.iter().map(|(w, _, _)| (*w).to_owned()));
        words.extend(RELATIVE_MONTHS.iter().map(|(w, _)| (*w).to_owned()));
        words.extend(crate::lex::PARTS.iter().map(|(w, _)| (*w).to_owned()));
        let openers = ["周", "星期", "礼拜"];
        for (prefix, _) in WEEK_PREFIXES {
            words.extend(openers.iter().map(|o| format!("{prefix}{o}")));
        }
        for day in (0..=0xFFFF).filter_map(char::from_u32) {
            if crate::lex::weekday_char(day).is_some() {
                words.extend(openers.iter().map(|o| format!("{o}{day}")));
            }
        }
        for word in words {
            let mut chars = word.chars();
            let first = chars.next().expect("words are not empty");
            assert!(START.contains(first as u32), "{word}");
            if let Some(follow) = second_chars(first) {
                let second = chars.next();
                assert!(
                    second.is_some_and(|c| follow.contains(&c)),
                    "{word}: second char not in the follow set"
                );
            }
        }
    }

    /// [`may_open`] as it was written on chars, kept as its oracle for the digit case.
    fn may_open_by_chars(s: &str, i: usize, c: char) -> bool {
        if arabic_digit(c).is_none() {
            return may_open(s, i, c);
        }
        if prev(s, i).is_some_and(|p| arabic_digit(p).is_some()) {
            return false;
        }
        let mut r = i + c.len_utf8();
        while let Some(d) = peek(s, r).filter(|&d| arabic_digit(d).is_some()) {
            r += d.len_utf8();
        }
        matches!(peek(s, r), Some('-' | '/' | '.'))
            || matches!(
                peek(s, skip_sp(s, r)),
                Some('年' | '月' | '点' | '时' | ':' | '：')
            )
    }

    proptest::proptest! {
        /// The byte reading of a digit stop answers as the char reading did, over ASCII and
        /// fullwidth digits, chars that share their lead bytes (ＡＺ＃), separators and units.
        #[test]
        fn digit_stops_are_read_as_on_chars(
            text in "[0-9０-９ＡＺ＃＿\\-/.:：年月点时日 \u{3000}\u{a0}\tvx版]{0,24}"
        ) {
            for (i, c) in text.char_indices() {
                proptest::prop_assert_eq!(may_open(&text, i, c), may_open_by_chars(&text, i, c), "{:?} at {}", text, i);
            }
        }
    }

    /// `may_open` must never turn away a place where the grammar finds a mention.
    fn gate_holds(text: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let options = Options {
            dotted_month_day: true,
            ignore: Vec::new(),
        };
        for (i, c) in text.char_indices() {
            if candidate_at(text, i, &options).is_some() {
                proptest::prop_assert!(START.contains(c as u32), "{text:?} at {i}");
                proptest::prop_assert!(may_open(text, i, c), "{text:?} at {i}");
            }
        }
        Ok(())
    }

    /// Skipping the forms an ASCII char cannot open finds what trying every form finds.
    fn lead_dispatch_holds(text: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        for dotted_month_day in [false, true] {
            let options = Options {
                dotted_month_day,
                ignore: Vec::new(),
            };
            for (i, _) in text.char_indices() {
                proptest::prop_assert_eq!(
                    candidate_at_with(text, i, &options, true),
                    candidate_at_with(text, i, &options, false),
                    "{:?} at {}",
                    text,
                    i
                );
            }
        }
        Ok(())
    }

    /// Every word the relative forms and parts of day open with is Chinese, which is what
    /// lets [`candidate_at`] skip them at an ASCII char.
    #[test]
    fn relative_words_and_parts_of_day_open_with_a_non_ascii_char() {
        let words = RELATIVE_DAYS
            .iter()
            .map(|(w, _, _)| *w)
            .chain(RELATIVE_MONTHS.iter().map(|(w, _)| *w))
            .chain(WEEK_PREFIXES.iter().map(|(w, _)| *w))
            .chain(crate::lex::PARTS.iter().map(|(w, _)| *w))
            .chain(["周", "星期", "礼拜"]);
        for word in words {
            assert!(!word.as_bytes()[0].is_ascii(), "{word}");
        }
        // A weekday word opens only with its openers.
        for (i, text) in ["周六", "星期一", "礼拜天", "本周日", "这个星期三"]
            .iter()
            .enumerate()
        {
            assert!(relative_at(text, 0).is_some(), "{i}: {text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_lead_dispatch_finds_what_every_form_finds(
            text in "[0-9０-９a-zA-Z年月日号点时分半整钟周星期礼拜六一二三十〇两天今明昨去前后本上下这个中正午晚早凌清夜傍深晨里间:：~～\\-/. 、（）()，:pmPMAM]{0,30}"
        ) {
            lead_dispatch_holds(&text)?;
        }

        #[test]
        fn the_lead_dispatch_holds_on_any_string(text in "\\PC{0,40}") {
            lead_dispatch_holds(&text)?;
        }

        #[test]
        fn gate_never_rejects_a_mention_on_the_date_alphabet(
            text in "[0-9０-９年月日号点时分半整钟周星期礼拜六一二三十〇两天今明昨去前后本上下这个中正午晚早凌清夜傍深晨里间:：~～\\-/. 、（）()，]{0,40}"
        ) {
            gate_holds(&text)?;
        }

        #[test]
        fn gate_never_rejects_a_mention_on_any_string(text in "\\PC{0,60}") {
            gate_holds(&text)?;
        }
    }

    #[test]
    fn gate_lets_the_documented_forms_through() {
        for text in [
            "2023 年 4 月 8 日 14:00",
            "二〇二三年四月八日",
            "本周六下午",
            "去年 8 月",
            "下午 2 点半",
            "10月16、17日",
            "2020-09-23",
            "6月 16",
            "这个星期五",
            "上个月",
            "今晚八点",
            "晚 7 点",
            "凌晨三点",
            "11.15 ～ 12.12",
        ] {
            let c = text.chars().next().expect("not empty");
            assert!(may_open(text, 0, c), "{text}");
        }
        assert!(!may_open("一个", 0, '一'));
        assert!(!may_open("中国", 0, '中'));
        assert!(!may_open("v12345", 2, '2'));
    }

    #[test]
    fn start_table_is_the_start_set_on_every_char() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let encoded = c.encode_utf8(&mut buf).as_bytes();
            if encoded.len() == 3 {
                assert_eq!(skip_plain_cjk(encoded, 0) == 0, is_start(c), "{c:?}");
            } else {
                assert_eq!(skip_plain_cjk(encoded, 0), 0, "{c:?}");
            }
            let table = if c.is_ascii() {
                c.is_ascii_digit()
            } else {
                let (start, len) = non_ascii_start(encoded, 0);
                assert_eq!(len, encoded.len(), "{c:?}");
                start
            };
            assert_eq!(table, is_start(c), "{c:?}");
            assert_eq!(START.contains(c as u32), is_start(c), "{c:?}");
        }
    }
}
