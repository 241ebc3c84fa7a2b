//! Small anchored readers over a prose run: numerals, spaces, weekday words, parts of day.
//!
//! Every reader takes a byte offset that is a char boundary and returns the offset after
//! what it read, so callers can chain them without slicing in the middle of a character.

// Scanner offsets read best as the usual short names: `s` the run, `i` where a form starts,
// `e` where it ends, `j`/`k` intermediate positions; spelling them out hides the grammar.
#![allow(clippy::many_single_char_names)]

use jiff::civil::Weekday;
use rustdocs_numerals::{Notation, arabic_digit, chinese_digit, parse_prefix, unit_value};

use crate::PartOfDay;

/// The char at byte offset `i`, if any.
pub(crate) fn peek(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|t| t.chars().next())
}

/// The char that ends just before byte offset `i`, if any.
pub(crate) fn prev(s: &str, i: usize) -> Option<char> {
    s.get(..i).and_then(|t| t.chars().next_back())
}

/// Spaces that may sit between the parts of a date (`2023 年 4 月`); never a line break.
pub(crate) fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\u{a0}' | '\t')
}

/// Skips up to three spaces ([`is_space`]): real documents pad with one or two, never more
/// inside a date.
///
/// Read on the bytes of the four spaces: nearly every call finds none, and decoding the
/// char to say so cost more than the rest of the test.
pub(crate) fn skip_sp(s: &str, mut i: usize) -> usize {
    let bytes = s.as_bytes();
    for _ in 0..3 {
        // Off a char boundary the byte is a continuation byte, which starts no space.
        i += match bytes.get(i..) {
            Some([b' ' | b'\t', ..]) => 1,
            Some([0xC2, 0xA0, ..]) => 2,
            Some([0xE3, 0x80, 0x80, ..]) => 3,
            _ => break,
        };
    }
    i
}

/// Offset after `lit` if the text at `i` starts with it.
pub(crate) fn eat(s: &str, i: usize, lit: &str) -> Option<usize> {
    s.get(i..)?.starts_with(lit).then_some(i + lit.len())
}

/// Offset after the first of `chars` found at `i`.
pub(crate) fn eat_char(s: &str, i: usize, chars: &[char]) -> Option<usize> {
    let c = peek(s, i)?;
    chars.contains(&c).then_some(i + c.len_utf8())
}

/// Whether a Chinese numeral character (a digit, 两 among them, or 十) is at hand.
pub(crate) const fn is_cn_numeral(c: char) -> bool {
    chinese_digit(c).is_some() || c == '十'
}

/// Whether an Arabic numeral may start at `i`: not inside a longer number, word or version.
pub(crate) fn arabic_left_ok(s: &str, i: usize) -> bool {
    let Some(c) = prev(s, i) else { return true };
    let before = prev(s, i - c.len_utf8());
    match c {
        _ if arabic_digit(c).is_some() || c.is_ascii_alphabetic() => false,
        '.' | '_' | '/' | '\'' | '’' | '#' | '@' | '+' | '．' => false,
        // 12:34:56 must not restart at 34, but 时间：9:00 is a label and its value.
        ':' | '：' => before.is_none_or(|b| arabic_digit(b).is_none()),
        // A hyphen glues a number to a word (rust-2.0.0), not after a space or a CJK char.
        '-' => before.is_none_or(|b| !b.is_ascii_alphanumeric()),
        _ => true,
    }
}

/// Whether a Chinese numeral may start at `i`: not the tail of a longer numeral or an ordinal.
pub(crate) fn chinese_left_ok(s: &str, i: usize) -> bool {
    !prev(s, i).is_some_and(|c| {
        is_cn_numeral(c)
            || unit_value(c).is_some()
            || matches!(
                c,
                '第' | '每' | '隔' | '几' | '数' | '近' | '头' | '前' | '后'
            )
    })
}

/// A run of at most `max` Arabic digits (ASCII or full-width) at `i`: value, end, digit count.
///
/// A longer run is rejected outright so `12345月` never reads as `45月`.
pub(crate) fn arabic(s: &str, i: usize, max: usize) -> Option<(u32, usize, usize)> {
    let mut value = 0u32;
    let mut count = 0;
    let mut j = i;
    while let Some(c) = peek(s, j) {
        let Some(d) = arabic_digit(c) else { break };
        count += 1;
        if count > max {
            return None;
        }
        value = value * 10 + d;
        j += c.len_utf8();
    }
    (count > 0).then_some((value, j, count))
}

/// A small Chinese unit numeral (`三`, `十二`, `二十五`) at `i`, at most `max`.
///
/// `两` is accepted only where `allow_liang` (两点 is a clock time, 两月 a duration).
pub(crate) fn chinese(s: &str, i: usize, max: u64, allow_liang: bool) -> Option<(u32, usize)> {
    let first = peek(s, i)?;
    if !is_cn_numeral(first) || (first == '两' && !allow_liang) {
        return None;
    }
    let mut run_end = i;
    for c in s[i..].chars().take(4) {
        if !is_cn_numeral(c) {
            break;
        }
        run_end += c.len_utf8();
    }
    let n = parse_prefix(&s[i..run_end])?;
    if n.notation == Notation::ChineseDigits || n.value > max || n.value == 0 {
        return None;
    }
    Some((n.value as u32, i + n.len))
}

/// A four-digit year written in Chinese digits (二〇二三) at `i`.
pub(crate) fn chinese_year(s: &str, i: usize) -> Option<(i32, usize)> {
    let mut value = 0i32;
    let mut j = i;
    for _ in 0..4 {
        let c = peek(s, j)?;
        let d = chinese_digit(c)?;
        if c == '两' {
            return None;
        }
        value = value * 10 + d as i32;
        j += c.len_utf8();
    }
    if peek(s, j).is_some_and(is_cn_numeral) {
        return None;
    }
    Some((value, j))
}

/// Weekday from the character after 周/星期/礼拜.
pub(crate) fn weekday_char(c: char) -> Option<Weekday> {
    Some(match c {
        '一' => Weekday::Monday,
        '二' => Weekday::Tuesday,
        '三' => Weekday::Wednesday,
        '四' => Weekday::Thursday,
        '五' => Weekday::Friday,
        '六' => Weekday::Saturday,
        '日' | '天' => Weekday::Sunday,
        _ => return None,
    })
}

/// A Chinese weekday word (`周六`, `星期日`, `礼拜天`) at `i`: weekday and end.
pub(crate) fn weekday_word(s: &str, i: usize) -> Option<(Weekday, usize)> {
    let (j, is_zhou) = if let Some(j) = eat(s, i, "周") {
        (j, true)
    } else if let Some(j) = eat(s, i, "星期").or_else(|| eat(s, i, "礼拜")) {
        (j, false)
    } else {
        return None;
    };
    let c = peek(s, j)?;
    // 周天 is rare and 周天 also reads as "the whole week"; 星期天 is common.
    if is_zhou && c == '天' {
        return None;
    }
    let wd = weekday_char(c)?;
    let end = j + c.len_utf8();
    // 周一周二… lists and 周年 are not single weekdays; 星期一次 is not a day either.
    if matches!(peek(s, end), Some('年' | '岁' | '次')) {
        return None;
    }
    Some((wd, end))
}

/// English weekday names as notes after a date (`Sat.`, `Saturday`).
pub(crate) fn english_weekday(s: &str, i: usize) -> Option<(Weekday, usize)> {
    const NAMES: [(&str, Weekday); 7] = [
        ("Mon", Weekday::Monday),
        ("Tue", Weekday::Tuesday),
        ("Wed", Weekday::Wednesday),
        ("Thu", Weekday::Thursday),
        ("Fri", Weekday::Friday),
        ("Sat", Weekday::Saturday),
        ("Sun", Weekday::Sunday),
    ];
    let rest = s.get(i..)?;
    for (abbr, wd) in NAMES {
        if !rest.starts_with(abbr) {
            continue;
        }
        let word_len = rest
            .char_indices()
            .find(|&(_, c)| !c.is_ascii_alphabetic())
            .map_or(rest.len(), |(k, _)| k);
        let word = &rest[..word_len];
        let full_ok = word.len() == 3
            || ["day", "sday", "nesday", "rsday", "urday", "s", "r", "rs"]
                .iter()
                .any(|suffix| word.len() > 3 && &word[3..] == *suffix);
        if !full_ok {
            return None;
        }
        let mut end = i + word_len;
        if peek(s, end) == Some('.') {
            end += 1;
        }
        return Some((wd, end));
    }
    None
}

/// Parts of day, longest first so 晚上 wins over 晚.
pub(crate) const PARTS: [(&str, PartOfDay); 17] = [
    ("上午", PartOfDay::Morning),
    ("早上", PartOfDay::Morning),
    ("早晨", PartOfDay::Morning),
    ("清晨", PartOfDay::Morning),
    ("中午", PartOfDay::Noon),
    ("正午", PartOfDay::Noon),
    ("下午", PartOfDay::Afternoon),
    ("傍晚", PartOfDay::Evening),
    ("晚上", PartOfDay::Evening),
    ("晚间", PartOfDay::Evening),
    ("夜里", PartOfDay::Night),
    ("夜间", PartOfDay::Night),
    ("深夜", PartOfDay::Night),
    ("凌晨", PartOfDay::Night),
    ("午夜", PartOfDay::Night),
    ("晚", PartOfDay::Evening),
    ("早", PartOfDay::Morning),
];

/// A part-of-day word at `i`; the one-character forms 晚/早 only where `single` allows them.
pub(crate) fn part_of_day(s: &str, i: usize, single: bool) -> Option<(PartOfDay, usize)> {
    PARTS.iter().find_map(|&(word, part)| {
        if !single && word.chars().count() == 1 {
            return None;
        }
        eat(s, i, word).map(|end| (part, end))
    })
}

/// A clock time read at some offset.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Clock {
    pub hour: u32,
    pub minute: Option<u32>,
    pub end: usize,
    /// Written with a colon (14:00) rather than 点/时.
    pub colon: bool,
    /// Written with Chinese numerals (两点), which reads as a time only after a part of day.
    pub chinese: bool,
    /// `Some(true)` for p.m., `Some(false)` for a.m.
    pub meridiem: Option<bool>,
}

/// A clock time at `i`: `14:00`, `14：00`, `9:30:00`, `11:00 p.m.`, `2 点半`, `两点`, `13时30分`.
pub(crate) fn clock(s: &str, i: usize) -> Option<Clock> {
    clock_checked(s, i, true)
}

/// A clock time at `i` right after a span separator, where `10:10-10:50` glues the end on.
pub(crate) fn clock_after_separator(s: &str, i: usize) -> Option<Clock> {
    clock_checked(s, i, false)
}

fn clock_checked(s: &str, i: usize, check_left: bool) -> Option<Clock> {
    if let Some((hour, e, _)) = arabic(s, i, 2) {
        if check_left && !arabic_left_ok(s, i) {
            return None;
        }
        let j = if peek(s, e) == Some(' ') { e + 1 } else { e };
        if let Some(k) = eat_char(s, j, &[':', '：']) {
            let k = if peek(s, k) == Some(' ') { k + 1 } else { k };
            if let Some((minute, mut end, 2)) = arabic(s, k, 2) {
                // Seconds are read and dropped: the grain stops at minutes.
                if let Some(after) = eat(s, end, ":")
                    && let Some((_, sec_end, 2)) = arabic(s, after, 2)
                {
                    end = sec_end;
                }
                if peek(s, end).is_some_and(|c| arabic_digit(c).is_some()) {
                    return None;
                }
                let (meridiem, end) = meridiem(s, end).map_or((None, end), |(pm, e)| (Some(pm), e));
                return Some(Clock {
                    hour,
                    minute: Some(minute),
                    end,
                    colon: true,
                    chinese: false,
                    meridiem,
                });
            }
            return None;
        }
        return dian(s, e, hour, false);
    }
    if !chinese_left_ok(s, i) {
        return None;
    }
    let (hour, e) = chinese(s, i, 24, true)?;
    dian(s, e, hour, true)
}

/// The 点/时 part of a clock time after its hour, with 半, 整 or N 分.
fn dian(s: &str, e: usize, hour: u32, chinese_hour: bool) -> Option<Clock> {
    let j = skip_sp(s, e);
    let after = eat(s, j, "点").or_else(|| eat(s, j, "时"))?;
    // 时间/时候/时期/点钟 etc.: only 点钟 is still a time.
    if matches!(
        peek(s, after),
        Some('间' | '候' | '期' | '代' | '刻' | '段' | '区' | '长')
    ) {
        return None;
    }
    let after = eat(s, after, "钟").unwrap_or(after);
    let k = skip_sp(s, after);
    let mut clock = Clock {
        hour,
        minute: None,
        end: after,
        colon: false,
        chinese: chinese_hour,
        meridiem: None,
    };
    if let Some(end) = eat(s, k, "半") {
        clock.minute = Some(30);
        clock.end = end;
    } else if let Some(end) = eat(s, k, "整") {
        clock.end = end;
    } else if let Some((m, me)) = arabic(s, k, 2)
        .map(|(v, e, _)| (v, e))
        .or_else(|| chinese(s, k, 59, false))
    {
        let m_end = skip_sp(s, me);
        if let Some(end) = eat(s, m_end, "分") {
            // 十分 after a number is "very", not minutes, unless a 点 came first (here it did).
            clock.minute = Some(m);
            clock.end = end;
        }
    }
    Some(clock)
}

/// `a.m.` / `p.m.` / `AM` / `PM` after a clock time (one optional space).
fn meridiem(s: &str, end: usize) -> Option<(bool, usize)> {
    let j = if peek(s, end) == Some(' ') {
        end + 1
    } else {
        end
    };
    for (word, pm) in [
        ("a.m.", false),
        ("p.m.", true),
        ("A.M.", false),
        ("P.M.", true),
        ("am", false),
        ("pm", true),
        ("AM", false),
        ("PM", true),
    ] {
        if let Some(e) = eat(s, j, word)
            && !peek(s, e).is_some_and(|c| c.is_ascii_alphabetic())
        {
            return Some((pm, e));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`skip_sp`] as it was written on chars: its oracle.
    fn skip_sp_by_chars(s: &str, mut i: usize) -> usize {
        for _ in 0..3 {
            match peek(s, i) {
                Some(c) if is_space(c) => i += c.len_utf8(),
                _ => break,
            }
        }
        i
    }

    proptest::proptest! {
        /// The byte reading skips what the char reading skips, from every offset (char
        /// boundaries or not), over the spaces and chars that share their lead bytes.
        #[test]
        fn spaces_are_skipped_as_on_chars(
            text in "[ \t\u{a0}\u{3000}\u{a1}\u{3001}\u{2000}\u{c2}\u{e3}a年。]{0,12}"
        ) {
            for i in 0..=text.len() + 1 {
                proptest::prop_assert_eq!(skip_sp(&text, i), skip_sp_by_chars(&text, i), "{:?} at {}", text, i);
            }
        }
    }
}
