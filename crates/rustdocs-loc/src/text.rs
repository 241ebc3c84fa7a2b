//! Segmentation of a prose run into sentences and clauses, and the name and language
//! vocabulary shared by both recognizers.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// A sentence of the run and the clauses it splits into at commas.
#[derive(Debug, Clone)]
pub(crate) struct Sentence {
    /// Byte range of the sentence (terminator excluded).
    pub range: Range<usize>,
    /// Where its clauses sit in [`Segments::clauses`], and its clauses' topics in a list
    /// parallel to that one.
    pub clauses: Range<usize>,
}

/// A run's sentences and clauses, in two lists that the next run refills: a list of clauses
/// per sentence cost a vector each, the largest single source of the extract stage's
/// allocations.
#[derive(Debug, Default)]
pub(crate) struct Segments {
    /// The sentences, in order.
    pub sentences: Vec<Sentence>,
    /// Byte ranges of every sentence's clauses, in order, each sentence's covering it.
    clauses: Vec<Range<usize>>,
}

impl Segments {
    /// The sentences and clauses of `text`.
    #[cfg(test)]
    pub fn of(text: &str) -> Self {
        let mut segments = Self::default();
        segments.fill(text);
        segments
    }

    /// Byte ranges of the clauses of `sentence`, one of [`Segments::sentences`].
    pub fn clauses_of(&self, sentence: &Sentence) -> &[Range<usize>] {
        &self.clauses[sentence.clauses.clone()]
    }

    /// How many clauses the lists have room for.
    pub fn clause_capacity(&self) -> usize {
        self.clauses.capacity()
    }

    /// Splits `text` into sentences (at 。！？；, `!?;` and line breaks) and clauses (at ，
    /// and at ASCII commas that do not sit between digits, so `37,000` stays whole), in
    /// place of what the lists held.
    ///
    /// Reads bytes, not chars: every mark is ASCII or a three-byte sequence led by `E3` (。)
    /// or `EF` (the fullwidth forms), and a continuation byte is never one of those, so only
    /// the few bytes [`MARK_BYTES`] flags need a second look (decoding every char cost a
    /// fifth of release time on the report seed).
    pub fn fill(&mut self, text: &str) {
        self.sentences.clear();
        self.clauses.clear();
        let mut start = 0;
        let mut clause_start = 0;
        let mut first_clause = 0;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if !MARK_BYTES[usize::from(b)] {
                // The lead byte of a three-byte char (the marks' E3 and EF are taken above)
                // opens three bytes, none of them a mark: stepping over the char whole reads
                // a Chinese run a third as often.
                i += if (0xE0..=0xEF).contains(&b) { 3 } else { 1 };
                continue;
            }
            let (mark, len) = match (b, bytes.get(i + 1..i + 3)) {
                (b'\n' | b'!' | b'?' | b';', _) => (Mark::Sentence, 1),
                (b',', _) => {
                    let between_digits = i > 0
                        && bytes[i - 1].is_ascii_digit()
                        && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
                    (
                        if between_digits {
                            Mark::None
                        } else {
                            Mark::Clause
                        },
                        1,
                    )
                }
                (0xE3, Some([0x80, 0x82])) | (0xEF, Some([0xBC, 0x81 | 0x9F | 0x9B])) => {
                    (Mark::Sentence, 3)
                }
                (0xEF, Some([0xBC, 0x8C])) => (Mark::Clause, 3),
                _ => (Mark::None, 1),
            };
            if mark != Mark::None {
                self.clauses.push(clause_start..i);
                clause_start = i + len;
            }
            if mark == Mark::Sentence {
                self.sentences.push(Sentence {
                    range: start..i,
                    clauses: first_clause..self.clauses.len(),
                });
                first_clause = self.clauses.len();
                start = i + len;
            }
            i += len;
        }
        if start < text.len() || self.sentences.is_empty() {
            self.clauses.push(clause_start..text.len());
            self.sentences.push(Sentence {
                range: start..text.len(),
                clauses: first_clause..self.clauses.len(),
            });
        }
    }
}

/// What a mark ends, in [`Segments::fill`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    None,
    Clause,
    Sentence,
}

/// The bytes a sentence or clause mark starts with: `\n ! ? ; ,` and the lead bytes of 。
/// (`E3`) and of ！？；， (`EF`).
static MARK_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let marks = [b'\n', b'!', b'?', b';', b',', 0xE3, 0xEF];
    let mut k = 0;
    while k < marks.len() {
        table[marks[k] as usize] = true;
        k += 1;
    }
    table
};

/// One word of a Latin-script name: `TiKV`, `linkerd2-proxy`, `Fly.io`, `1Password`, `C++`.
const TOKEN: &str = r"[0-9]*[A-Za-z][A-Za-z0-9_+#\-]*(?:\.[A-Za-z0-9]+)*";

/// A Latin-script name at the very end of a string (several words joined by spaces).
pub(crate) static NAME_AT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"({TOKEN}(?:[ \t]+{TOKEN})*)[\s\u{{FFFC}}]*$")).expect("valid regex")
});

/// A Latin-script name at the very start of a string: the tests' oracle for
/// [`name_at_start`], which reads it by hand.
#[cfg(test)]
static NAME_AT_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^[\s\u{{FFFC}}]*({TOKEN}(?:[ \t]+{TOKEN})*)")).expect("valid regex")
});

/// Programming languages a figure can be counted in, with the spelling reported.
const LANGUAGES: &[(&str, &str)] = &[
    ("rust", "Rust"),
    ("c", "C"),
    ("c++", "C++"),
    ("cpp", "C++"),
    ("c#", "C#"),
    ("go", "Go"),
    ("golang", "Go"),
    ("python", "Python"),
    ("java", "Java"),
    ("javascript", "JavaScript"),
    ("js", "JavaScript"),
    ("typescript", "TypeScript"),
    ("ruby", "Ruby"),
    ("swift", "Swift"),
    ("kotlin", "Kotlin"),
    ("scala", "Scala"),
    ("haskell", "Haskell"),
    ("ocaml", "OCaml"),
    ("zig", "Zig"),
    ("php", "PHP"),
    ("lua", "Lua"),
    ("erlang", "Erlang"),
    ("elixir", "Elixir"),
    ("dart", "Dart"),
    ("perl", "Perl"),
    ("julia", "Julia"),
    ("solidity", "Solidity"),
];

/// The canonical spelling of `word` when it names a programming language.
pub(crate) fn language(word: &str) -> Option<&'static str> {
    // The keys are lowercase: comparing in place spares a lowercased copy of every word.
    let word = word.trim();
    LANGUAGES
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(word))
        .map(|&(_, v)| v)
}

/// Language names standing as words in `s`, with their byte ranges.
pub(crate) fn language_mentions(s: &str) -> Vec<(Range<usize>, &'static str)> {
    static WORD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[A-Za-z][A-Za-z0-9+#]*").expect("valid regex"));
    WORD.find_iter(s)
        .filter(|m| {
            // Inside a longer identifier (`rust-gpu`, `arrow-rs`) a language word is not a mention.
            let before = s[..m.start()].chars().next_back();
            let after = s[m.end()..].chars().next();
            // Nor is one joined by a space to another Latin word (`Rust for Linux`, `Go SDK`).
            let word_before = s[..m.start()]
                .strip_suffix(' ')
                .and_then(|b| b.chars().next_back());
            let word_after = s[m.end()..]
                .strip_prefix(' ')
                .and_then(|a| a.chars().next());
            !before.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
                && !after.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/'))
                && !word_before.is_some_and(|c| c.is_ascii_alphabetic())
                && !word_after.is_some_and(|c| c.is_ascii_alphabetic())
        })
        .filter_map(|m| language(m.as_str()).map(|l| (m.range(), l)))
        .collect()
}

/// The Latin-script name ending `s` (trailing spaces allowed): its range in `s` and text.
pub(crate) fn name_at_end(s: &str) -> Option<(Range<usize>, &str)> {
    if !may_end_with_name(s) {
        return None;
    }
    // The name is the match less its trailing spacing (no name char is spacing): a plain
    // search, where asking the regex for the group ran a second engine and allocated.
    let m = NAME_AT_END.find(s)?;
    let name = trim_end_space(m.as_str());
    // A name glued to a preceding Latin word or digit is the tail of something else.
    if s[..m.start()]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '/'))
    {
        return None;
    }
    Some((m.start()..m.start() + name.len(), name))
}

/// Exact prefilter for [`NAME_AT_END`]: a name ends with an ASCII letter or digit or one of
/// `_+#-` before any spacing; most text before a verb or version ends with a Chinese word.
pub(crate) fn may_end_with_name(s: &str) -> bool {
    trim_end_space(s)
        .ends_with(|c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '#' | '-'))
}

/// The Latin-script name opening `s` (leading spaces allowed): its range in `s` and text.
///
/// What `NAME_AT_START` matches, read by hand: one [`TOKEN`] after the spacing, then more
/// after blanks. Each part of a token stops at a byte the next part cannot take, so the
/// longest reading of each is the regex's; the tests hold the two to the same answers.
pub(crate) fn name_at_start(s: &str) -> Option<(Range<usize>, &str)> {
    let start = s.len() - trim_start_space(s).len();
    let bytes = s.as_bytes();
    let mut end = token_end(bytes, start)?;
    loop {
        let next = bytes_while(bytes, end, |b| matches!(b, b' ' | b'\t'));
        match (next > end).then(|| token_end(bytes, next)).flatten() {
            Some(token) => end = token,
            None => break,
        }
    }
    if s[end..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || matches!(c, '.' | '/'))
    {
        return None;
    }
    Some((start..end, &s[start..end]))
}

/// The end of the [`TOKEN`] at `at`, if one starts there: digits, a letter, letters, digits
/// and `_+#-`, then any number of `.` and letters or digits.
fn token_end(bytes: &[u8], at: usize) -> Option<usize> {
    let letter = bytes_while(bytes, at, |b| b.is_ascii_digit());
    if !bytes.get(letter).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let mut end = bytes_while(bytes, letter + 1, |b| {
        b.is_ascii_alphanumeric() || matches!(b, b'_' | b'+' | b'#' | b'-')
    });
    while bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_alphanumeric)
    {
        end = bytes_while(bytes, end + 1, |b| b.is_ascii_alphanumeric());
    }
    Some(end)
}

/// Removes any of `words` from the end of `s` (after trailing spaces), repeatedly.
pub(crate) fn strip_suffix_words<'a>(mut s: &'a str, words: &[&str]) -> &'a str {
    loop {
        let trimmed = trim_end_space(s);
        match words.iter().find(|w| trimmed.ends_with(**w)) {
            Some(w) => s = &trimmed[..trimmed.len() - w.len()],
            None => return trimmed,
        }
    }
}

/// Removes any of `words` from the start of `s` (after leading spaces), repeatedly.
pub(crate) fn strip_prefix_words<'a>(mut s: &'a str, words: &[&str]) -> &'a str {
    loop {
        let trimmed = trim_start_space(s);
        match words.iter().find(|w| trimmed.starts_with(**w)) {
            Some(w) => s = &trimmed[w.len()..],
            None => return trimmed,
        }
    }
}

/// Whether any of the sorted `dates` overlaps `start..end` (binary search, not a scan).
pub(crate) fn overlaps_date(dates: &[crate::DateRef], start: usize, end: usize) -> bool {
    let i = dates.partition_point(|d| d.range.end <= start);
    dates[i..]
        .iter()
        .take_while(|d| d.range.start < end)
        .any(|d| d.range.end > start)
}

/// Whether `c` is outside ASCII and a word character as regex `\w` has it (so a Unicode
/// word boundary does not hold between it and an ASCII letter).
pub(crate) fn is_non_ascii_word_char(c: char) -> bool {
    static WORD_CHAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\A\w\z").expect("valid regex"));
    !c.is_ascii() && WORD_CHAR.is_match(c.encode_utf8(&mut [0; 4]))
}

/// Whether `c` is a CJK ideograph.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Whether `c` is spacing for our purposes (object replacement characters included: they
/// stand for URLs and images removed from the prose): the patterns' `[\s\u{FFFC}]`, whose
/// `\s` is Unicode's `White_Space`, as [`char::is_whitespace`] is.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{FFFC}'
}

/// Whether `hay` ends with `word`, a lowercase word, in any ASCII case: what lowercasing
/// `hay` first would answer, without the copy.
pub(crate) fn ends_with_folded(hay: &str, word: &str) -> bool {
    hay.len() >= word.len()
        && hay.as_bytes()[hay.len() - word.len()..].eq_ignore_ascii_case(word.as_bytes())
}

/// Whether `hay` holds `word` ignoring ASCII case: what lowercasing both would answer,
/// without the copies.
pub(crate) fn contains_folded(hay: &str, word: &str) -> bool {
    word.is_empty()
        || hay
            .as_bytes()
            .windows(word.len())
            .any(|w| w.eq_ignore_ascii_case(word.as_bytes()))
}

/// `s` without trailing spacing.
pub(crate) fn trim_end_space(s: &str) -> &str {
    s.trim_end_matches(is_space)
}

/// The end of the stretch of `bytes` from `at` whose every byte `keep` accepts.
pub(crate) fn bytes_while(bytes: &[u8], at: usize, keep: impl Fn(u8) -> bool) -> usize {
    at + bytes[at..].iter().take_while(|&&b| keep(b)).count()
}

/// A space or a tab, the blanks the hand-read patterns allow between their parts.
pub(crate) fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t')
}

/// `s` without leading spacing.
pub(crate) fn trim_start_space(s: &str) -> &str {
    s.trim_start_matches(is_space)
}

/// Connectives that open a clause without being part of its topic.
pub(crate) const CLAUSE_OPENERS: &[&str] = &[
    "相比之下",
    "与此同时",
    "此外",
    "另外",
    "其中",
    "而且",
    "并且",
    "但是",
    "不过",
    "同时",
    "而",
    "但",
    "且",
    "并",
    "单",
    "该",
    "- ",
    "* ",
    "+ ",
];

/// The project a clause opens with (`InfluxDB IOx 代码量…`, `而 Servo 包含…`), as a byte
/// range into the clause. A language name followed by 代码 or 使用量 measures, it does not name.
pub(crate) fn clause_topic(clause: &str) -> Option<Range<usize>> {
    let rest = strip_prefix_words(clause, CLAUSE_OPENERS);
    let offset = clause.len() - rest.len();
    let (range, name) = name_at_start(rest)?;
    let after = trim_start_space(&rest[range.end..]);
    if language(name).is_some() {
        const NAMING: &[&str] = &[
            "语言",
            "自身",
            "本身",
            "编译器",
            "项目本身",
            "，",
            ",",
            "：",
            ":",
            "是",
        ];
        // A clause that is the name alone ended at a comma: `Rust，Rust 语言早已…`.
        if !after.is_empty() && !NAMING.iter().any(|w| after.starts_with(w)) {
            return None;
        }
    }
    // `V0.10.3`, `GA` and similar are not projects.
    if name.len() < 2 {
        return None;
    }
    Some(offset + range.start..offset + range.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The char-by-char reading [`Segments::fill`] replaced, kept as its oracle.
    fn sentences_by_char(text: &str) -> Vec<(Range<usize>, Vec<Range<usize>>)> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut clause_start = 0;
        let mut clauses = Vec::new();
        let bytes = text.as_bytes();
        for (i, c) in text.char_indices() {
            let end_sentence = matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\n');
            let comma = c == '，'
                || (c == ','
                    && !(i > 0
                        && bytes[i - 1].is_ascii_digit()
                        && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)));
            if end_sentence || comma {
                clauses.push(clause_start..i);
                clause_start = i + c.len_utf8();
            }
            if end_sentence {
                out.push((start..i, std::mem::take(&mut clauses)));
                start = i + c.len_utf8();
            }
        }
        if start < text.len() || out.is_empty() {
            clauses.push(clause_start..text.len());
            out.push((start..text.len(), clauses));
        }
        out
    }

    fn by_bytes(text: &str) -> Vec<(Range<usize>, Vec<Range<usize>>)> {
        let segments = Segments::of(text);
        segments
            .sentences
            .iter()
            .map(|s| (s.range.clone(), segments.clauses_of(s).to_vec()))
            .collect()
    }

    proptest::proptest! {
        /// Text dense in marks, their lookalikes (same lead byte: 、〃＂ｂ) and digits.
        #[test]
        fn byte_reading_agrees_with_chars(text in "[。！？；，、〃＂ｂé𝄞!?;,\n0-9a 行码]{0,40}") {
            proptest::prop_assert_eq!(by_bytes(&text), sentences_by_char(&text));
        }

        #[test]
        fn byte_reading_agrees_on_any_text(text in ".{0,60}") {
            proptest::prop_assert_eq!(by_bytes(&text), sentences_by_char(&text));
        }

        /// The names found by trimming the match are the regexes' own groups, turned away
        /// by the same tests.
        #[test]
        fn names_are_the_regex_groups(
            text in "[ \t\u{3000}\u{FFFC}\n（）a-cA-C0-9._+#/-]{0,16}(项目|\\.)?[ \tTiKVx1./-]{0,12}",
        ) {
            proptest::prop_assert_eq!(name_at_end(&text), group_at_end(&text));
            proptest::prop_assert_eq!(name_at_start(&text), group_at_start(&text));
        }
    }

    /// [`name_at_end`] by the regex's group, as it was written before.
    fn group_at_end(s: &str) -> Option<(Range<usize>, &str)> {
        let m = NAME_AT_END.captures(s)?.get(1)?;
        let glued = s[..m.start()]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '/'));
        (!glued).then(|| (m.range(), m.as_str()))
    }

    /// [`name_at_start`] by the regex's group.
    fn group_at_start(s: &str) -> Option<(Range<usize>, &str)> {
        let m = NAME_AT_START.captures(s)?.get(1)?;
        let glued = s[m.end()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || matches!(c, '.' | '/'));
        (!glued).then(|| (m.range(), m.as_str()))
    }

    #[test]
    fn splits_sentences_and_clauses() {
        let s = Segments::of("共 37,000 行，大约。第二句\n第三");
        assert_eq!(s.sentences.len(), 3);
        assert_eq!(s.clauses_of(&s.sentences[0]).len(), 2);
        assert_eq!(s.clauses, [0..14, 17..23, 26..35, 36..42]);
    }

    #[test]
    fn finds_names() {
        assert_eq!(name_at_end("（TiDB ").map(|x| x.1), Some("TiDB"));
        assert_eq!(
            name_at_end("Google Fuchsia OS ").map(|x| x.1),
            Some("Google Fuchsia OS")
        );
        assert_eq!(
            name_at_start(" InfluxDB IOx 代码量").map(|x| x.1),
            Some("InfluxDB IOx")
        );
        assert!(clause_topic("Rust 代码量 大约").is_none());
        assert!(clause_topic("Rust 语言是").is_some());
        assert!(clause_topic("而 Servo 包含").is_some());
    }

    proptest::proptest! {
        /// Text of words, their case variants, their parts and other chars.
        #[test]
        fn folded_search_is_search_in_lowercased_text(
            parts in proptest::collection::vec(0usize..12, 0..10),
            word in 0usize..6,
        ) {
            let pieces = ["about", "ABOUT", "AbOuT", "abo", "ut", "约", "more than", "MORE", " ", "Ä", "ſ", "～"];
            let words = ["about", "more than", "约", "～", "t", ""];
            let hay: String = parts.iter().map(|&i| pieces[i]).collect();
            let (lower, word) = (hay.to_ascii_lowercase(), words[word]);
            proptest::prop_assert_eq!(ends_with_folded(&hay, word), lower.ends_with(word));
            proptest::prop_assert_eq!(contains_folded(&hay, word), lower.contains(word));
        }
    }

    #[test]
    fn language_words() {
        assert_eq!(language("cpp"), Some("C++"));
        for word in ["RUST", " Rust ", "rUsT\t", "\u{3000}rust"] {
            assert_eq!(language(word), Some("Rust"), "{word:?}");
        }
        for word in ["rusty", "ru st", "Rüst", "ｒｕｓｔ", ""] {
            assert_eq!(language(word), None, "{word:?}");
        }
        // Words are compared to the keys ignoring ASCII case, which needs lowercase keys.
        assert!(LANGUAGES.iter().all(|(k, _)| *k == k.to_ascii_lowercase()));
        let m = language_mentions("使用 Rust ，rust-gpu 和 arrow-rs");
        assert_eq!(m.len(), 1);
    }
}
