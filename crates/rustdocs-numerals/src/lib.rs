//! Numerals as Chinese technical prose writes them, parsed with exact integer arithmetic.
//!
//! Three notations mix freely in real documents and this crate reads all of them:
//!
//! * Arabic digits, ASCII or full-width (`2023`, `２０２３`), with optional thousands
//!   separators (`37,000`);
//! * Chinese positional digit strings, as years are read aloud (`二〇二三`, `一九九九`);
//! * Chinese numerals with units (`十二`, `两千`, `一百零五`, `三十万`), including digits
//!   followed by a unit (`1 万`, `25万6千`, `134 万`) and bare units (`百万`).
//!
//! Parsing is linear, allocation-free and overflow-safe: a numeral whose value does not fit
//! in a `u64` is rejected, never wrapped, so a two-million-digit string costs one pass.
//!
//! ```
//! use rustdocs_numerals::{parse, parse_prefix};
//!
//! assert_eq!(parse("二〇二三"), Some(2023));
//! assert_eq!(parse("25万6千"), Some(256_000));
//! assert_eq!(parse("1 万"), Some(10_000));
//! assert_eq!(parse("３７,０００"), Some(37_000));
//! let n = parse_prefix("27万多行").unwrap();
//! assert_eq!((n.value, n.len), (270_000, "27万".len()));
//! ```
#![forbid(unsafe_code)]

/// A numeral found at the start of a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number {
    /// The integer value.
    pub value: u64,
    /// Bytes of the input the numeral spans (trailing spaces not included).
    pub len: usize,
    /// How the numeral was written, for callers that accept only some notations.
    pub notation: Notation,
}

/// The notation a numeral was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notation {
    /// Only Arabic digits (ASCII or full-width), possibly with thousands separators.
    Arabic,
    /// Chinese digit characters read one by one (二〇二三).
    ChineseDigits,
    /// Chinese numerals with units (十二, 三百), or Arabic digits with units (1 万).
    Units,
}

/// Value of an Arabic digit, ASCII or full-width.
#[must_use]
pub fn arabic_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Value of a Chinese digit character (〇/零 through 九, and 两).
#[must_use]
pub const fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | '○' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// Multiplier of a Chinese unit character.
#[must_use]
pub fn unit_value(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1_000,
        '万' | '萬' => 10_000,
        '亿' | '億' => 100_000_000,
        _ => return None,
    })
}

/// Whether `c` can take part in a numeral.
#[must_use]
pub fn is_numeral_char(c: char) -> bool {
    arabic_digit(c).is_some() || chinese_digit(c).is_some() || unit_value(c).is_some()
}

/// Whether `text` may hold a numeral: it has an ASCII digit or any non-ASCII character
/// (fullwidth digits and Chinese numerals are non-ASCII).
///
/// Recognizers call it first so ASCII prose without digits costs one pass, a block of 32
/// bytes at a time ([`rustdocs_span::chars::any_byte`]).
#[must_use]
pub fn may_hold_numeral(text: &str) -> bool {
    rustdocs_span::chars::any_byte(text.as_bytes(), 0, |b| b >= 0x80 || b.is_ascii_digit())
}

/// Whether `text` holds an ASCII digit, read in 32-byte blocks as [`may_hold_numeral`] reads.
#[must_use]
pub fn has_ascii_digit(text: &str) -> bool {
    rustdocs_span::chars::any_byte(text.as_bytes(), 0, |b| b.is_ascii_digit())
}

/// Parses a whole string as one numeral (surrounding spaces allowed).
#[must_use]
pub fn parse(s: &str) -> Option<u64> {
    let trimmed = s.trim();
    let n = parse_prefix(trimmed)?;
    (n.len == trimmed.len()).then_some(n.value)
}

/// Parses the longest numeral at the very start of `s`.
///
/// Spaces are allowed between Arabic digits and a following unit (`10 万`), as reports write
/// them, but not inside a digit run. Returns `None` when `s` does not start with a numeral or
/// the value overflows a `u64`.
#[must_use]
pub fn parse_prefix(s: &str) -> Option<Number> {
    let first = s.chars().next()?;
    if arabic_digit(first).is_some() {
        parse_arabic_led(s)
    } else if chinese_digit(first).is_some() || unit_value(first).is_some() {
        parse_chinese(s)
    } else {
        None
    }
}

/// Arabic digits, optionally followed by Chinese units (`1 万`, `25万6千`, `3千`).
fn parse_arabic_led(s: &str) -> Option<Number> {
    let (digits, mut len) = arabic_run(s)?;
    // A unit may follow after optional spaces: 10 万, 134 万.
    let rest = &s[len..];
    let spaces = rest.len() - rest.trim_start_matches([' ', '\u{3000}', '\u{a0}']).len();
    let after = &rest[spaces..];
    if after.chars().next().and_then(unit_value).is_none() {
        return Some(Number {
            value: digits,
            len,
            notation: Notation::Arabic,
        });
    }
    len += spaces;
    let mut acc = Accumulator {
        pending: Some(digits),
        ..Accumulator::default()
    };
    let used = acc.feed_units(&s[len..])?;
    len += used;
    Some(Number {
        value: acc.finish()?,
        len,
        notation: Notation::Units,
    })
}

/// A run of Arabic digits with optional thousands separators (`37,000`; `1,2` is just `1`).
fn arabic_run(s: &str) -> Option<(u64, usize)> {
    let mut value: u64 = 0;
    let mut len = 0;
    let mut group_len = 0usize;
    let mut seen_separator = false;
    for (i, c) in s.char_indices() {
        if let Some(d) = arabic_digit(c) {
            value = value.checked_mul(10)?.checked_add(u64::from(d))?;
            len = i + c.len_utf8();
            group_len += 1;
        } else if (c == ',' || c == '，') && !seen_separator_invalid(group_len, seen_separator) {
            // Accept a separator only when exactly three digits follow.
            let rest = &s[i + c.len_utf8()..];
            let follow: Vec<char> = rest.chars().take(4).collect();
            let three = follow.len() >= 3 && follow[..3].iter().all(|&d| arabic_digit(d).is_some());
            let fourth_digit = follow.get(3).is_some_and(|&d| arabic_digit(d).is_some());
            if c == ',' && three && !fourth_digit {
                seen_separator = true;
                group_len = 0;
                continue;
            }
            break;
        } else {
            break;
        }
    }
    (len > 0).then_some((value, len))
}

fn seen_separator_invalid(group_len: usize, seen_separator: bool) -> bool {
    // Before the first separator a group has 1–3 digits; after one, exactly 3.
    if seen_separator {
        group_len != 3
    } else {
        group_len == 0 || group_len > 3
    }
}

/// Chinese numerals: positional digit strings (二〇二三) or unit numerals (三十万零五).
fn parse_chinese(s: &str) -> Option<Number> {
    // A run of two or more plain digits with no unit is positional (years, codes).
    let digit_run: usize = s
        .chars()
        .take_while(|&c| chinese_digit(c).is_some())
        .map(char::len_utf8)
        .sum();
    let next = s[digit_run..].chars().next();
    if digit_run > 0 && s[..digit_run].chars().count() >= 2 && next.and_then(unit_value).is_none() {
        let mut value: u64 = 0;
        for c in s[..digit_run].chars() {
            value = value
                .checked_mul(10)?
                .checked_add(u64::from(chinese_digit(c)?))?;
        }
        return Some(Number {
            value,
            len: digit_run,
            notation: Notation::ChineseDigits,
        });
    }
    let mut acc = Accumulator::default();
    let len = acc.feed_units(s)?;
    if len == 0 {
        return None;
    }
    Some(Number {
        value: acc.finish()?,
        len,
        notation: Notation::Units,
    })
}

/// Exact evaluation of unit numerals: sections below 万 accumulate, 万 and 亿 scale them.
#[derive(Default)]
struct Accumulator {
    /// Completed value above the current section (multiples of 万 or 亿).
    high: u64,
    /// The current section below 万.
    section: u64,
    /// A digit (or Arabic number) waiting for its unit.
    pending: Option<u64>,
    /// The last small unit used, so 二万五 reads as 25000 (the trailing digit takes the next unit down).
    last_unit: u64,
    /// A 零 was seen since the last unit, so a trailing digit is literal (一百零五 = 105).
    after_zero: bool,
}

impl Accumulator {
    /// Consumes digits and units from the start of `s`; returns the bytes used.
    fn feed_units(&mut self, s: &str) -> Option<usize> {
        let mut used = 0;
        let mut iter = s.char_indices();
        while let Some((i, c)) = iter.next() {
            if let Some(d) = chinese_digit(c) {
                if d == 0 && self.pending.is_none() && self.last_unit > 0 {
                    // 一百零五: 零 marks a skipped place, so the next digit is taken as written.
                    self.after_zero = true;
                    used = i + c.len_utf8();
                    continue;
                }
                if self.pending.is_some() {
                    // Two digits in a row inside a unit numeral (三十二二) end it.
                    break;
                }
                self.pending = Some(u64::from(d));
            } else if arabic_digit(c).is_some() {
                // Mixed forms like 25万6千: Arabic digits after a unit.
                if self.pending.is_some() {
                    break;
                }
                let (value, len) = arabic_run(&s[i..])?;
                self.pending = Some(value);
                used = i + len;
                // Skip the rest of the run in the iterator.
                for _ in s[i + c.len_utf8()..i + len].chars() {
                    iter.next();
                }
                continue;
            } else if let Some(unit) = unit_value(c) {
                self.apply_unit(unit)?;
            } else {
                break;
            }
            used = i + c.len_utf8();
        }
        // A trailing Arabic run that is not followed by a unit was consumed by the loop above;
        // trailing digits are folded in by `finish`.
        Some(used)
    }

    fn apply_unit(&mut self, unit: u64) -> Option<()> {
        if unit >= 10_000 {
            let small = self.section.checked_add(self.pending.take().unwrap_or(0))?;
            let small = if small == 0 && self.high == 0 {
                1
            } else {
                small
            };
            if unit == 100_000_000 {
                self.high = self.high.checked_add(small)?.checked_mul(unit)?;
            } else {
                self.high = self.high.checked_add(small.checked_mul(unit)?)?;
            }
            self.section = 0;
            self.last_unit = unit;
            self.after_zero = false;
        } else {
            // 十 alone means 10; 百万 (a bare unit before 万) means one of it.
            let digit = self.pending.take().unwrap_or(1);
            self.section = self.section.checked_add(digit.checked_mul(unit)?)?;
            self.last_unit = unit;
            self.after_zero = false;
        }
        Some(())
    }

    fn finish(self) -> Option<u64> {
        let tail = match self.pending {
            // 二万五 = 25000, 三百五 = 350: a lone digit after a unit means the next unit down.
            Some(d) if d < 10 && self.last_unit >= 100 && !self.after_zero => {
                d.checked_mul(self.last_unit / 10)?
            }
            Some(d) => d,
            None => 0,
        };
        self.high.checked_add(self.section)?.checked_add(tail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn may_hold_numeral_flags_digits_and_non_ascii_anywhere() {
        let plain = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(3);
        assert!(!may_hold_numeral(""));
        assert!(!may_hold_numeral(&plain));
        for at in [0, 5, 31, 32, 33, 63, 64, plain.len() - 1] {
            for mark in ["7", "十", "７", "é"] {
                let mut s = plain.clone();
                s.insert_str(at, mark);
                assert!(may_hold_numeral(&s), "{mark} at {at}");
            }
        }
    }

    proptest! {
        #[test]
        fn may_hold_numeral_matches_the_byte_loop(s in "\\PC{0,80}") {
            let expected = s.bytes().any(|b| !b.is_ascii() || b.is_ascii_digit());
            prop_assert_eq!(may_hold_numeral(&s), expected);
        }

        #[test]
        fn has_ascii_digit_matches_the_byte_loop(s in "[a-z 年０-９0-9]{0,100}") {
            prop_assert_eq!(has_ascii_digit(&s), s.bytes().any(|b| b.is_ascii_digit()));
        }
    }

    #[test]
    fn has_ascii_digit_finds_a_digit_in_any_block() {
        let plain = "二〇二三年，Lorem ipsum dolor sit amet，十二月。".repeat(4);
        assert!(!has_ascii_digit(&plain));
        for at in [0, 3, 31, 32, 33, 63, 64, plain.len()] {
            let at = plain.floor_char_boundary(at);
            let mut s = plain.clone();
            s.insert(at, '7');
            assert!(has_ascii_digit(&s), "at {at}");
        }
    }

    #[test]
    fn arabic_forms() {
        assert_eq!(parse("2023"), Some(2023));
        assert_eq!(parse("２０２３"), Some(2023));
        assert_eq!(parse("37,000"), Some(37_000));
        assert_eq!(parse("1,234,567"), Some(1_234_567));
        assert_eq!(parse_prefix("1,2").map(|n| n.value), Some(1));
        assert_eq!(parse_prefix("12,3456").map(|n| n.value), Some(12));
        assert_eq!(parse("07"), Some(7));
    }

    #[test]
    fn chinese_positional_digits() {
        assert_eq!(parse("二〇二三"), Some(2023));
        assert_eq!(parse("二零二一"), Some(2021));
        assert_eq!(parse("一九九九"), Some(1999));
        assert_eq!(
            parse_prefix("二〇二三年").map(|n| n.notation),
            Some(Notation::ChineseDigits)
        );
    }

    #[test]
    fn chinese_unit_numerals() {
        for (s, v) in [
            ("一", 1),
            ("两", 2),
            ("十", 10),
            ("十二", 12),
            ("二十", 20),
            ("二十三", 23),
            ("一百零五", 105),
            ("三百五", 350),
            ("两千", 2_000),
            ("三千零一", 3_001),
            ("一万", 10_000),
            ("二万五", 25_000),
            ("十万", 100_000),
            ("三十万", 300_000),
            ("百万", 1_000_000),
            ("一百三十四万", 1_340_000),
            ("一亿", 100_000_000),
            ("三亿五千万", 350_000_000),
        ] {
            assert_eq!(parse(s), Some(v), "{s}");
        }
    }

    #[test]
    fn arabic_with_units() {
        for (s, v) in [
            ("1 万", 10_000),
            ("10 万", 100_000),
            ("134 万", 1_340_000),
            ("27万", 270_000),
            ("25万6千", 256_000),
            ("3千", 3_000),
            ("1.5", 1),
        ] {
            assert_eq!(parse_prefix(s).map(|n| n.value), Some(v), "{s}");
        }
        let n = parse_prefix("1 万多行").unwrap();
        assert_eq!((n.value, n.len), (10_000, "1 万".len()));
        let n = parse_prefix("30 行").unwrap();
        assert_eq!((n.value, n.len, n.notation), (30, 2, Notation::Arabic));
    }

    #[test]
    fn rejects_non_numerals_and_overflow() {
        assert_eq!(parse(""), None);
        assert_eq!(parse("行"), None);
        assert_eq!(parse("12a"), None);
        assert_eq!(parse(&"9".repeat(40)), None);
        assert_eq!(parse(&"九".repeat(40)), None);
        assert_eq!(parse("亿亿亿亿亿亿亿亿亿亿亿亿"), None);
    }

    proptest! {
        #[test]
        fn arabic_round_trips(n in 0u64..10_000_000_000) {
            prop_assert_eq!(parse(&n.to_string()), Some(n));
        }

        #[test]
        fn never_panics_and_len_is_a_boundary(s in "[0-9０-９,，〇零一二三四五六七八九十百千万亿两 多余行年]{0,40}") {
            if let Some(n) = parse_prefix(&s) {
                prop_assert!(n.len > 0 && n.len <= s.len());
                prop_assert!(s.is_char_boundary(n.len));
            }
        }

        #[test]
        fn chinese_digit_strings_equal_their_arabic_reading(n in 10u64..1_000_000_000) {
            const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
            let s: String = n.to_string().chars().map(|c| DIGITS[c as usize - '0' as usize]).collect();
            prop_assert_eq!(parse(&s), Some(n));
        }
    }
}
