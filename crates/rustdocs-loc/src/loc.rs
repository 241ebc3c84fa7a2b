//! Lines-of-code figures: `代码量大约 18 万行 Rust 代码`, `54000 多行`, `ROAPI 由 4K 行 Rust 组成`.
//!
//! A figure is a number followed by 行 (or `lines of code`, `LOC`) in a clause that speaks of a
//! codebase's size: a size keyword before it (代码量, 代码行数, 使用量 …), or code named after it
//! (`行 Rust 代码`, `行代码`, `行 Rust 组成`). Change counts (`新增325行`, `删除134行冗余代码`,
//! `+1200 -300 行`), line references (`第 3 行`, `每一行代码`) and vague amounts (`几十万行`)
//! are not figures.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use crate::subject::Discourse;
use crate::text::{self, language, language_mentions, name_at_end, strip_suffix_words};
use crate::{Bound, Context, Loc};

/// A number, an optional 多/余, then 行 or an English line unit; `{B}` stands for the word
/// boundary after the English unit (see [`FIGURE`] and [`FIGURE_UNICODE`]).
const FIGURE_PATTERN: &str = r"(?x)
        (?P<num>
            [0-9０-９][0-9０-９,]*(?:\.[0-9０-９]+)?(?:[\ \t]*(?:百万|千万|[kK千万亿]))?
          | [〇零一二两三四五六七八九十百千万亿]+
        )
        [\ \t]*(?P<more>多|余)?[\ \t]*
        (?:
            (?P<hang>行)
          | (?P<en>(?i:lines?[\ \t]+of[\ \t]+(?:(?P<enlang>[A-Za-z+\#]+)[\ \t]+)?code|s?loc|lines?){B})
        )";

/// [`FIGURE_PATTERN`] with an ASCII word boundary, which the lazy DFA runs at full speed.
///
/// A Unicode `\b` makes the regex engine give up its DFA at the first non-ASCII byte and scan
/// every Chinese run with the slow backtracker; [`figures`] restores the Unicode meaning.
static FIGURE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&FIGURE_PATTERN.replace("{B}", r"(?-u:\b)")).expect("valid regex"));

/// [`FIGURE_PATTERN`] with the Unicode word boundary it means (`10 lines代码` is no figure).
static FIGURE_UNICODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&FIGURE_PATTERN.replace("{B}", r"\b")).expect("valid regex"));

/// A [`FIGURE_PATTERN`] match taken apart into the groups the reader asks for, as byte
/// ranges into the text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Figure {
    /// The whole match.
    whole: Range<usize>,
    /// The number (`num`).
    num: Range<usize>,
    /// Whether 多 or 余 follows the number (`more`).
    more: bool,
    /// The English unit (`en`); `None` where the unit is 行 (`hang`).
    en: Option<Range<usize>>,
    /// The language named in `lines of … code` (`enlang`).
    enlang: Option<Range<usize>>,
}

/// Whether `c` is in the Chinese numeral class of [`FIGURE_PATTERN`].
fn is_chinese_figure_numeral(c: char) -> bool {
    matches!(
        c,
        '〇' | '零'
            | '一'
            | '二'
            | '两'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '万'
            | '亿'
    )
}

/// The length of the prefix of `s` whose chars pass `keep`.
fn prefix_len(s: &str, keep: impl Fn(char) -> bool) -> usize {
    s.find(|c| !keep(c)).unwrap_or(s.len())
}

/// Takes a match of [`FIGURE_PATTERN`] at `whole` apart into its groups.
///
/// Within a match the groups follow without backtracking: each greedy part stops at a char
/// the part after it cannot begin with (a number holds no space, 多, 余 or unit char), so
/// reading each part whole gives the captures the regex gives. Running the regex's capture
/// engine on every match cost more than finding the matches.
fn split_figure(text: &str, whole: Range<usize>) -> Figure {
    let s = &text[whole.clone()];
    let blanks = |at: usize| at + prefix_len(&s[at..], |c| matches!(c, ' ' | '\t'));
    let mut at;
    // The pattern's Arabic digits are the numerals crate's: ASCII and fullwidth.
    let digit = |c: char| rustdocs_numerals::arabic_digit(c).is_some();
    if s.chars().next().is_some_and(digit) {
        at = prefix_len(s, |c| digit(c) || c == ',');
        // In a match a `.` is always followed by the digits of a fraction.
        if let Some(frac) = s[at..].strip_prefix('.') {
            at += 1 + prefix_len(frac, digit);
        }
        let suffix_at = blanks(at);
        let suffix = &s[suffix_at..];
        if let Some(len) = ["百万", "千万", "k", "K", "千", "万", "亿"]
            .iter()
            .find(|w| suffix.starts_with(*w))
            .map(|w| w.len())
        {
            at = suffix_at + len;
        }
    } else {
        at = prefix_len(s, is_chinese_figure_numeral);
    }
    let num = whole.start..whole.start + at;
    at = blanks(at);
    let more = s[at..].starts_with(['多', '余']);
    if more {
        at = blanks(at + '多'.len_utf8());
    }
    let unit = &s[at..];
    let (en, enlang) = if unit == "行" {
        (None, None)
    } else {
        let en = whole.start + at..whole.end;
        // Only `lines of … code` ends in `code`; the language is what stands between
        // `of` and `code`, less the blanks before `code`.
        let enlang = unit
            .get(unit.len().saturating_sub(4)..)
            .is_some_and(|end| end.eq_ignore_ascii_case("code"))
            .then(|| {
                // `line` is ASCII in every case the pattern folds; `s` is also `ſ`.
                let mut of = at + "line".len();
                of += s[of..]
                    .chars()
                    .next()
                    .filter(|c| matches!(c, 's' | 'S' | 'ſ'))
                    .map_or(0, char::len_utf8);
                let lang_start = blanks(blanks(of) + "of".len());
                let lang = s[lang_start..s.len() - "code".len()].trim_end_matches([' ', '\t']);
                (!lang.is_empty())
                    .then(|| whole.start + lang_start..whole.start + lang_start + lang.len())
            })
            .flatten();
        (Some(en), enlang)
    };
    Figure {
        whole,
        num,
        more,
        en,
        enlang,
    }
}

/// Whether `text` may hold a [`FIGURE_PATTERN`] match: a unit (行, or an English unit, all
/// of which contain `line` or `loc` in some case, `sloc` and `ſloc` holding `loc`) right
/// after what can end a number, with the spaces and 多/余 the pattern allows between.
///
/// 行 alone is no gate in Chinese prose (进行, 运行, 行业 are everywhere), and without one the
/// figure regex runs its DFA over the whole run; a numeral right before 行 is rare. The
/// units are found in one `memchr3` pass for `l`, `L` and 行's middle byte (E8 A1 8C), not
/// an automaton (行's lead byte is shared by thousands of characters, which keeps a
/// byte-prefilter busy) nor a substring search for 行 and another pass for the letters.
fn may_hold_figure(text: &str) -> bool {
    let bytes = text.as_bytes();
    let [l, upper_l] = UNIT_LETTERS;
    memchr::memchr3_iter(l, upper_l, HANG[1], bytes).any(|at| {
        if bytes[at] == HANG[1] {
            // Only 行 holds A1 after E8 and before 8C: E8 leads a char, 8C ends it.
            return at > 0
                && bytes[at - 1] == HANG[0]
                && bytes.get(at + 1) == Some(&HANG[2])
                && number_ends_before(text, at - 1);
        }
        let rest = &bytes[at + 1..];
        let loc = rest.get(..2).is_some_and(|r| r.eq_ignore_ascii_case(b"oc"));
        let line = rest
            .get(..3)
            .is_some_and(|r| r.eq_ignore_ascii_case(b"ine"));
        (loc || line) && number_ends_before(text, at)
            || loc
                && ["s", "S", "ſ"]
                    .iter()
                    .any(|s| text[..at].ends_with(s) && number_ends_before(text, at - s.len()))
    })
}

/// The ASCII letters a unit of a figure starts with (`lines`, `loc`, in any case).
///
/// With [`UNIT_CHAR`], what [`recognize_loc`] needs a text to hold before it reads further:
/// a caller that knows a text holds none of them can pass it over.
pub const UNIT_LETTERS: [u8; 2] = *b"lL";

/// The Chinese unit of a figure, 行 (`30 万行`); see [`UNIT_LETTERS`].
pub const UNIT_CHAR: char = '行';

/// The UTF-8 bytes of [`UNIT_CHAR`] (E8 A1 8C).
const HANG: &[u8] = "行".as_bytes();

/// Whether a figure's number can end right before a unit at byte `unit`: after spaces, an
/// optional 多/余 and spaces, a char that ends a number (a digit, a Chinese numeral, the
/// `,` a digit group may end with, the `k` of `12k`).
fn number_ends_before(text: &str, unit: usize) -> bool {
    let t = text[..unit].trim_end_matches([' ', '\t']);
    let t = t
        .strip_suffix(['多', '余'])
        .map_or(t, |t| t.trim_end_matches([' ', '\t']));
    t.chars().next_back().is_some_and(|c| {
        rustdocs_numerals::arabic_digit(c).is_some()
            || matches!(c, ',' | 'k' | 'K')
            || is_chinese_figure_numeral(c)
    })
}

/// Candidate figures in `text`, as [`FIGURE_UNICODE`] finds them.
///
/// The two regexes differ only where an English unit is followed by a non-ASCII word
/// character (the ASCII boundary holds there, the Unicode one does not). Every other match of
/// the fast regex is one the Unicode regex makes too, in the same order, so the slow regex runs
/// only over the rare text where they may differ.
fn figures(text: &str) -> Vec<Figure> {
    let split = |m: regex::Match| split_figure(text, m.range());
    let fast: Vec<Figure> = FIGURE.find_iter(text).map(split).collect();
    let differs = fast.iter().any(|f| {
        f.en.is_some()
            && text[f.whole.end..]
                .chars()
                .next()
                .is_some_and(text::is_non_ascii_word_char)
    });
    if differs {
        FIGURE_UNICODE.find_iter(text).map(split).collect()
    } else {
        fast
    }
}

/// What may follow 行: a qualifier, then the code counted (`行 Rust 代码`, `行的代码`,
/// `行 Rust 组成`), as byte ranges into the text after the figure.
#[derive(Debug, Default, PartialEq, Eq)]
struct Tail {
    /// `以上` or `左右` first.
    qual: Option<Range<usize>>,
    /// A Latin word, which may name the language.
    lang: Option<Range<usize>>,
    /// `代码` and its kin.
    code: Option<Range<usize>>,
    /// `以上` or `左右` last.
    qual2: Option<Range<usize>>,
    /// The end of the whole tail, trailing blanks included.
    end: usize,
}

/// Reads the [`Tail`] at the start of `after`, as `TAIL_PATTERN` (in the tests) matches it.
///
/// Every part is optional and none can begin with what ends the one before, so each is
/// taken whole where it stands, without backtracking; the regex's capture engine cost a
/// tenth of loc time.
fn tail(after: &str) -> Tail {
    let bytes = after.as_bytes();
    let blanks = |at: usize| text::bytes_while(bytes, at, text::is_blank);
    let word = |at: &mut usize, words: &[&str]| {
        let found = words.iter().find(|w| after[*at..].starts_with(*w))?;
        let range = *at..*at + found.len();
        *at = range.end;
        Some(range)
    };
    let mut at = after.len() - text::trim_start_space(after).len();
    let qual = word(&mut at, &["以上", "左右"]);
    at = blanks(at);
    word(&mut at, &["的"]);
    at = blanks(at);
    word(&mut at, &["新"]);
    at = blanks(at);
    let lang = bytes.get(at).is_some_and(u8::is_ascii_alphabetic).then(|| {
        let start = at;
        at = text::bytes_while(bytes, at + 1, |b| {
            b.is_ascii_alphabetic() || matches!(b, b'+' | b'#')
        });
        start..at
    });
    at = blanks(at);
    word(&mut at, &["语言"]);
    at = blanks(at);
    let code = word(&mut at, &["源代码", "源码", "代码", "组成", "code"]);
    at = blanks(at);
    let qual2 = word(&mut at, &["以上", "左右"]);
    Tail {
        qual,
        lang,
        code,
        qual2,
        end: at,
    }
}

/// Keywords that make a clause about a codebase's size.
const STRONG_KEYWORDS: &[&str] = &[
    "代码量",
    "代码行数",
    "源码量",
    "行数",
    "使用量",
    "代码规模",
    "代码库",
    "codebase",
    "code base",
];

/// Weaker signals of a size statement; they need a larger number and code in the sentence.
const WEAK_KEYWORDS: &[&str] = &[
    "代码",
    "源码",
    "包含",
    "包括",
    "拥有",
    "共有",
    "总共",
    "共计",
    "总计",
    "合计",
    "编写了",
    "写了",
    "达到",
    "已达",
    "有",
    "由",
];

/// Verbs of a change count rather than a size.
const CHANGE_VERBS: &[&str] = &[
    "新增", "删除", "删掉", "删去", "净增", "净减", "增加", "减少", "修改", "改动", "重构", "添加",
    "移除", "精简", "变更", "贡献", "提交", "合并", "替换", "diff",
];

/// Qualifiers anywhere before the number in its clause meaning "about".
const ABOUT_WORDS: &[&str] = &[
    "约",
    "大概",
    "大致",
    "左右",
    "据说",
    "据称",
    "估计",
    "差不多",
    "approximately",
    "about",
    "around",
    "roughly",
];

/// Qualifiers meaning "about" only right before the number (近 is also in 最近).
const ABOUT_ADJACENT: &[&str] = &["将近", "接近", "近", "~", "～"];

/// Qualifiers just before the number meaning "more than".
const OVER_WORDS: &[&str] = &[
    "超过",
    "逾",
    "已超",
    "超",
    "多于",
    "超出",
    "高于",
    "more than",
    "over",
];

/// Words directly before a number that make it a reference, an ordinal or a vague amount.
const NOT_A_FIGURE_BEFORE: &[char] = &['第', '每', '+', '-', '−', '＋', '－'];

/// Words glued before a Chinese numeral that make it vague (几十万, 数万, 上万, 成千上万).
const VAGUE_BEFORE: &[char] = &['几', '数', '上', '成', '好', '多'];

/// Characters after 行 that make it another word (行业, 行为, 行人 …).
const NOT_LINES_AFTER: &[char] = &[
    '业', '为', '人', '列', '程', '动', '驶', '政', '情', '星', '销', '事', '李', '走', '使', '进',
    '者',
];

/// Bytes read on each side of a figure for its sentence and clause (about 340 CJK chars).
const WINDOW: usize = 1024;

/// Lines-of-code figures in `text`, with the byte range of each statement.
#[must_use]
pub fn recognize_loc(text: &str, ctx: &Context) -> Vec<(Range<usize>, Loc)> {
    let mut out = Vec::new();
    // Exact prefilters: a figure needs a unit after what can end a number, and a digit,
    // fullwidth or Chinese numeral. The unit first: nearly every run of Chinese prose holds
    // a numeral (一, 十), and the unit's one pass turns most of them away.
    if !may_hold_figure(text) || !rustdocs_numerals::may_hold_numeral(text) {
        return out;
    }
    let mut discourse: Option<Discourse> = None;
    for found in figures(text) {
        if let Some(found) = figure(text, ctx, &found, &mut discourse) {
            out.push(found);
        }
    }
    out
}

/// Examines one candidate figure.
fn figure<'t>(
    text: &'t str,
    ctx: &'t Context<'_>,
    found: &Figure,
    discourse: &mut Option<Discourse<'t>>,
) -> Option<(Range<usize>, Loc)> {
    let (num, whole_end) = (found.num.clone(), found.whole.end);
    let before_char = text[..num.start].chars().next_back();
    if before_char.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '/' | '#'))
    {
        return None;
    }
    let near_before = text::trim_end_space(&text[..num.start]);
    if near_before
        .chars()
        .next_back()
        .is_some_and(|c| NOT_A_FIGURE_BEFORE.contains(&c))
    {
        return None;
    }
    // 几十万行, 数万行, 上万行: a vague amount, written with a unit right after the vague word.
    let chinese_led = text[num.clone()]
        .chars()
        .next()
        .is_some_and(|c| !c.is_ascii_digit() && rustdocs_numerals::arabic_digit(c).is_none());
    if chinese_led && before_char.is_some_and(|c| VAGUE_BEFORE.contains(&c)) {
        return None;
    }
    if text::overlaps_date(&ctx.dates, num.start, whole_end) {
        return None;
    }
    let is_hang = found.en.is_none();
    if is_hang
        && text[whole_end..]
            .chars()
            .next()
            .is_some_and(|c| NOT_LINES_AFTER.contains(&c))
    {
        return None;
    }
    let lines = parse_lines(&text[num.clone()])?;
    if lines < 10 {
        return None;
    }

    let d = discourse.get_or_insert_with(|| Discourse::new(text, ctx));
    let (si, ci) = d.locate(num.start);
    // Read the sentence and clause only within a window around the figure: real sentences
    // are far shorter, and the bound keeps a run without punctuation linear.
    let lo = text.floor_char_boundary(num.start.saturating_sub(WINDOW));
    let hi = text.ceil_char_boundary(whole_end.saturating_add(WINDOW));
    let sentence = d.segments.sentences.get(si)?;
    let clause = d.segments.clauses_of(sentence).get(ci)?.clone();
    let sentence = sentence.range.start.max(lo)..sentence.range.end.min(hi);
    let clause_start = clause.start.max(lo).min(num.start);
    let before = &text[clause_start..num.start];

    // What follows 行: qualifiers and the code counted.
    let mut end = whole_end;
    let mut tail_lang = None;
    let mut tail_code = false;
    let mut tail_about = false;
    let mut tail_at_least = false;
    if let Some(en) = found.en.clone() {
        let unit = &text[en];
        tail_code = text::contains_folded(unit, "code") || text::contains_folded(unit, "loc");
        tail_lang = found.enlang.clone().and_then(|r| language(&text[r]));
    } else {
        let after = &text[whole_end..];
        let t = tail(after);
        let lang = t.lang.clone().and_then(|r| language(&after[r]));
        // A Latin word that is not a language ends the tail before it (`行 README`).
        if t.lang.is_none() || lang.is_some() {
            tail_lang = lang;
            tail_code = t.code.is_some();
            for q in [t.qual, t.qual2].into_iter().flatten() {
                match &after[q] {
                    "以上" => tail_at_least = true,
                    _ => tail_about = true,
                }
            }
            end += text::trim_end_space(&after[..t.end]).len();
        } else if let Some(q) = t.qual {
            match &after[q.clone()] {
                "以上" => tail_at_least = true,
                _ => tail_about = true,
            }
            end += q.end;
        }
    }

    // Is this a codebase size? Keywords after the last change verb decide.
    let [strong, weak, change] = last_keywords(before);
    let keyword_end = strong.iter().chain(weak.iter()).map(|r| r.end).max();
    if let Some(c) = &change
        && keyword_end.is_none_or(|k| k <= c.start)
    {
        return None;
    }
    let sentence_text = &text[sentence.clone()];
    let speaks_of_code = ["代码", "源码", "code", "项目", "库"]
        .iter()
        .any(|w| sentence_text.contains(w))
        || !language_mentions(sentence_text).is_empty();
    let accepted = (strong.is_some() && lines >= 10)
        || ((tail_code || tail_lang.is_some()) && lines >= 1000)
        || (weak.is_some() && speaks_of_code && lines >= 1000);
    if !accepted {
        return None;
    }

    // Bound: at_least beats over beats about.
    let trimmed_before = text::trim_end_space(before);
    let bound = if found.more || tail_at_least || trimmed_before.ends_with("至少") {
        Bound::AtLeast
    } else if OVER_WORDS
        .iter()
        .any(|w| text::ends_with_folded(trimmed_before, w))
    {
        Bound::Over
    } else if tail_about
        || ABOUT_WORDS
            .iter()
            .any(|w| text::contains_folded(trimmed_before, w))
        || ABOUT_ADJACENT
            .iter()
            .any(|w| text::ends_with_folded(trimmed_before, w))
    {
        Bound::About
    } else {
        Bound::Exact
    };

    // Language: named after the number, else the nearest mention before it in the sentence.
    let language = tail_lang.or_else(|| {
        language_mentions(&text[sentence.start.min(num.start)..num.start])
            .last()
            .map(|(_, l)| *l)
    });
    let after_in_sentence = &text[end.min(sentence.end.max(end))..sentence.end.max(end)];
    let includes_tests = ["测试", "test"]
        .iter()
        .any(|w| after_in_sentence.contains(w));

    // Subject: a name right before the size keyword, else the clause or sentence topic.
    let local = strong
        .as_ref()
        .or(weak.as_ref())
        .and_then(|k| local_name(&before[..k.start]));
    let (subject, aliases) = d.resolve(local, si, ci);

    let start = strong.map_or(num.start, |k| clause_start + k.start);
    Some((
        start..end,
        Loc {
            subject,
            aliases,
            lines,
            bound,
            language: language.map(str::to_string),
            includes_tests,
        },
    ))
}

/// [`STRONG_KEYWORDS`], [`WEAK_KEYWORDS`] and [`CHANGE_VERBS`] in one automaton that folds
/// ASCII case, with the list (0, 1, 2) of each pattern.
static KEYWORDS: LazyLock<(AhoCorasick, Vec<usize>)> = LazyLock::new(|| {
    let (words, lists): (Vec<&str>, Vec<usize>) = [STRONG_KEYWORDS, WEAK_KEYWORDS, CHANGE_VERBS]
        .iter()
        .enumerate()
        .flat_map(|(list, words)| words.iter().map(move |w| (*w, list)))
        .unzip();
    let automaton = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(words)
        .expect("constant keywords are valid patterns");
    (automaton, lists)
});

/// The last occurrence in `s` of a word of each list, [strong, weak, change]: the one that
/// starts last, the longer of two that start together.
///
/// One overlapping pass for all three lists, where a lowercased copy and a substring search
/// per word (`rfind`) cost a third of all loc instructions; a backward byte scan testing
/// every word at every position was 13 % slower still.
fn last_keywords(s: &str) -> [Option<Range<usize>>; 3] {
    let (automaton, lists) = &*KEYWORDS;
    let mut last: [Option<Range<usize>>; 3] = Default::default();
    for m in automaton.find_overlapping_iter(s) {
        let slot = &mut last[lists[m.pattern().as_usize()]];
        if slot
            .as_ref()
            .is_none_or(|l| (m.start(), m.end()) > (l.start, l.end))
        {
            *slot = Some(m.range());
        }
    }
    last
}

/// The project named right before a size keyword (`wasmtime 总代码量`, `单 ckb 项目代码量`);
/// a language there is what is counted, not who.
fn local_name(s: &str) -> Option<&str> {
    const MODIFIERS: &[&str] = &[
        "总", "核心", "项目", "的", "内部", "内", "整体", "全部", "当前", "目前",
    ];
    let s = strip_suffix_words(s, MODIFIERS);
    let (_, name) = name_at_end(s)?;
    (language(name).is_none() && name.len() >= 2).then_some(name)
}

/// The value of a figure's numeral: `27万`, `10 万`, `37,000`, `百万`, `12.5k`, `4K`, `1.5 万`.
fn parse_lines(num: &str) -> Option<u64> {
    let s = num.trim().trim_end_matches(',');
    let (body, multiplier) = if let Some(b) = s.strip_suffix(['k', 'K']) {
        (b.trim_end(), 1_000)
    } else {
        (s, 1)
    };
    if let Some(dot) = body.find('.') {
        // Decimals with an optional unit: 12.5k, 1.5 万.
        let (int_part, rest) = body.split_at(dot);
        let rest = &rest[1..];
        let frac_digits: String = rest
            .chars()
            .take_while(|c| rustdocs_numerals::arabic_digit(*c).is_some())
            .collect();
        let unit_str = rest[frac_digits.len()..].trim();
        let unit: u64 = match unit_str {
            "" => 1,
            "千" => 1_000,
            "万" => 10_000,
            "百万" => 1_000_000,
            "千万" => 10_000_000,
            "亿" => 100_000_000,
            _ => return None,
        } * multiplier;
        let int = rustdocs_numerals::parse(int_part)?;
        let mut frac_value = 0u64;
        let mut scale = 1u64;
        for c in frac_digits.chars().take(6) {
            frac_value = frac_value * 10 + u64::from(rustdocs_numerals::arabic_digit(c)?);
            scale *= 10;
        }
        let whole = int.checked_mul(unit)?;
        return whole.checked_add(frac_value.checked_mul(unit)? / scale);
    }
    rustdocs_numerals::parse(body)?.checked_mul(multiplier)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes the unit gate searches are the unit char's.
    #[test]
    fn hang_is_the_unit_char() {
        assert_eq!(HANG, UNIT_CHAR.to_string().as_bytes());
    }

    /// A figure as the regex's capture groups give it: what [`split_figure`] is held to.
    fn figure_by_captures(caps: &regex::Captures) -> Figure {
        let range = |name: &str| caps.name(name).map(|m| m.range());
        let en = range("en");
        assert_eq!(caps.name("hang").is_some(), en.is_none());
        Figure {
            whole: caps.get(0).expect("a match").range(),
            num: range("num").expect("every figure has a number"),
            more: caps.name("more").is_some(),
            en,
            enlang: range("enlang"),
        }
    }

    /// Every match of both regexes split by hand as their capture engine splits it.
    fn assert_split_as_captured(text: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        for re in [&*FIGURE, &*FIGURE_UNICODE] {
            for caps in re.captures_iter(text) {
                let want = figure_by_captures(&caps);
                proptest::prop_assert_eq!(split_figure(text, want.whole.clone()), want, "{}", text);
            }
        }
        Ok(())
    }

    #[test]
    fn figures_split_as_the_regex_captures_them() {
        for text in [
            "约 3 万多 lines of Rust code",
            "代码量大约 18 万行 Rust 代码",
            "37,000 余 行",
            "1.5 万行，12.5k LOC，4 K sloc，20 ſloc",
            "100 lineſ of C++ code, 7 Lines\tOf\t\tcode, 8 lines of code code",
            "３７０００行 一万两千行 百行 3百行 1.行 2,行",
            "9 千万行 9千 行 9 亿多行 10 多 lines",
        ] {
            assert!(FIGURE_UNICODE.is_match(text), "{text}");
            assert_split_as_captured(text).unwrap();
        }
        let f = split_figure("约 3 万多 lines of Rust code", 4..31);
        assert_eq!(
            (f.num, f.more, f.en, f.enlang),
            (4..9, true, Some(13..31), Some(22..26))
        );
    }

    /// The definition [`tail`] is held to.
    const TAIL_PATTERN: &str = r"^[\s\u{FFFC}]*(?P<qual>以上|左右)?[ \t]*(?:的)?[ \t]*(?:新)?[ \t]*(?P<lang>[A-Za-z][A-Za-z+\#]*)?[ \t]*(?:语言)?[ \t]*(?P<code>源代码|源码|代码|组成|code)?[ \t]*(?P<qual2>以上|左右)?";

    fn tail_by_regex(after: &str) -> Tail {
        static TAIL: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(TAIL_PATTERN).expect("valid regex"));
        let caps = TAIL.captures(after).expect("every part is optional");
        let range = |name: &str| caps.name(name).map(|m| m.range());
        Tail {
            qual: range("qual"),
            lang: range("lang"),
            code: range("code"),
            qual2: range("qual2"),
            end: caps[0].len(),
        }
    }

    #[test]
    fn tails() {
        let after = " 以上的 Go 语言代码左右，";
        let t = tail(after);
        let part = |r: Option<Range<usize>>| r.map(|r| &after[r]);
        assert_eq!(part(t.qual), Some("以上"));
        assert_eq!(part(t.lang), Some("Go"));
        assert_eq!(part(t.code), Some("代码"));
        assert_eq!(part(t.qual2), Some("左右"));
        assert_eq!(&after[..t.end], " 以上的 Go 语言代码左右");
        assert_eq!(
            tail("code"),
            Tail {
                lang: Some(0..4),
                end: 4,
                ..Tail::default()
            }
        );
        assert_eq!(
            tail("\u{3000}源代码 "),
            Tail {
                code: Some(3..12),
                end: 13,
                ..Tail::default()
            }
        );
        assert_eq!(tail("，代码"), Tail::default());
    }

    proptest::proptest! {
        /// Text of the tail's words and their halves, blanks of every kind, Latin words.
        #[test]
        fn tail_is_the_regex(parts in proptest::collection::vec(0usize..64, 0..12)) {
            let pieces = [
                "以上", "左右", "的", "新", "语言", "源代码", "源码", "代码", "组成", "code", "Go",
                "C++", "c#", "x", " ", "\t", "\u{3000}", "\n", "\u{FFFC}", "源", "以", "，", "1",
            ];
            let text: String = parts.iter().map(|&i| pieces[i % pieces.len()]).collect();
            proptest::prop_assert_eq!(tail(&text), tail_by_regex(&text));
        }
    }

    /// The definition `last_keywords` is held to: the last match of any word of a list in
    /// the lowercased text, by substring search.
    fn last_of(s: &str, words: &[&str]) -> Option<Range<usize>> {
        let lower = s.to_ascii_lowercase();
        words
            .iter()
            .filter_map(|w| lower.rfind(w).map(|i| i..i + w.len()))
            .max_by_key(|r| (r.start, r.end))
    }

    /// Folding ASCII case in the automaton equals lowercasing the text only for lowercase
    /// words, and a word in two lists would be reported for one only.
    #[test]
    fn keyword_lists_are_lowercase_and_disjoint() {
        let all: Vec<&str> = [STRONG_KEYWORDS, WEAK_KEYWORDS, CHANGE_VERBS].concat();
        for w in &all {
            assert_eq!(*w, w.to_ascii_lowercase());
            assert_eq!(all.iter().filter(|v| v == &w).count(), 1, "{w}");
        }
        // The bound's words are searched for ignoring ASCII case likewise.
        for w in [ABOUT_WORDS, ABOUT_ADJACENT, OVER_WORDS].concat() {
            assert_eq!(w, w.to_ascii_lowercase());
        }
    }

    proptest::proptest! {
        /// Text built of keywords, their parts, their case variants and fillers.
        #[test]
        fn last_keywords_is_the_substring_definition(
            parts in proptest::collection::vec(0usize..128, 0..24),
        ) {
            let pieces: Vec<&str> = [STRONG_KEYWORDS, WEAK_KEYWORDS, CHANGE_VERBS]
                .concat()
                .into_iter()
                .chain(["CodeBase", "CODE BASE", "Diff", "代", "码", "量", "行", "code", " ", "，", "x"])
                .collect();
            let text: String = parts.iter().map(|&i| pieces[i % pieces.len()]).collect();
            let expected = [STRONG_KEYWORDS, WEAK_KEYWORDS, CHANGE_VERBS].map(|w| last_of(&text, w));
            proptest::prop_assert_eq!(last_keywords(&text), expected);
        }
    }

    /// Every unit the figure regex knows passes `may_hold_figure`, whatever its case.
    #[test]
    fn the_unit_gate_passes_every_figure() {
        for figure in [
            "3 万行",
            "12 LINES",
            "500 lines of Rust code",
            "1k Lines Of Code",
            "20k SLOC",
            "3000 loc",
            "40 Loc",
            "7 line",
            "20 ſloc",
        ] {
            let text = format!("大约 {figure}");
            assert!(FIGURE_UNICODE.is_match(&text), "{figure}: not a figure");
            assert!(may_hold_figure(&text), "{figure}");
        }
        assert_eq!(HANG, [0xE8, 0xA1, 0x8C]);
        // Chars that share 行's middle byte and one of its other bytes are no unit.
        for (text, unit) in [
            ("3行", true),
            ("行3", false),
            ("3塌", false),
            ("3衡", false),
        ] {
            assert_eq!(may_hold_figure(text), unit, "{text}");
        }
        assert!(!may_hold_figure("一个 十分 2023 年 Lorem ipsum"));
        assert!(!may_hold_figure("2023 年进行了 3 次运行，行业"));
    }

    proptest::proptest! {
        /// Text built of numbers, units, spaces and 多/余 in any order: the gate passes every
        /// text the figure regex matches.
        #[test]
        fn the_figure_gate_passes_every_figure(
            parts in proptest::collection::vec(0usize..64, 0..16),
        ) {
            let pieces = [
                "3", "１２", "37,", "1.5", "万", "一", "两", "十", "千万", "k", "K", "多", "余", " ",
                "\t", "行", "进行", "line", "LINES", "lines of Rust code", "loc", "sLOC", "ſloc",
                "x", "年", "，", "代码", "s", "l",
            ];
            let text: String = parts.iter().map(|&i| pieces[i % pieces.len()]).collect();
            if FIGURE.is_match(&text) || FIGURE_UNICODE.is_match(&text) {
                proptest::prop_assert!(may_hold_figure(&text), "{}", text);
            }
        }

        /// Text built of the parts of figures in any order: every match is split as the
        /// regexes' capture engine splits it.
        #[test]
        fn figures_split_as_captured_anywhere(
            parts in proptest::collection::vec(0usize..64, 0..16),
        ) {
            let pieces = [
                "3", "１２", "37,", "1.5", ".", ",", "0", "百万", "千万", "万", "千", "亿", "百",
                "一", "两", "〇", "k", "K", "多", "余", " ", "\t", "行", "line", "LINES", "s", "ſ",
                "of", "OF", " of ", "code", "Code", "Rust", "C++", "c#", "loc", "sLOC", "ſloc",
                "l", "x", "年", "，", "代码",
            ];
            let text: String = parts.iter().map(|&i| pieces[i % pieces.len()]).collect();
            assert_split_as_captured(&text)?;
        }
    }

    /// The fast regex plus the fallback finds exactly what the Unicode-boundary regex finds.
    #[test]
    fn figures_match_the_unicode_boundary_regex() {
        for text in [
            "代码量大约 18 万行 Rust 代码",
            "about 4000 lines of Rust code, 3K LOC in tests",
            "10 lines代码，另有 20 行",
            "共 300 lines，以及 5 loc。",
            "1200 lines of code之外还有 30 lines",
            "3 sloc_x 和 7 locé 以及 9 lines",
            "一万行",
            "",
        ] {
            let got: Vec<_> = figures(text).into_iter().map(|f| f.whole).collect();
            let want: Vec<_> = FIGURE_UNICODE.find_iter(text).map(|m| m.range()).collect();
            assert_eq!(got, want, "{text}");
        }
        // The glued English unit is not a figure; the spaced one is.
        let glued = figures("10 lines代码");
        assert!(glued.is_empty(), "{glued:?}");
    }

    #[test]
    fn numerals() {
        for (s, v) in [
            ("27万", 270_000),
            ("10 万", 100_000),
            ("37,000", 37_000),
            ("百万", 1_000_000),
            ("12.5k", 12_500),
            ("4K", 4_000),
            ("1.5 万", 15_000),
            ("134 万", 1_340_000),
            ("３７０００", 37_000),
        ] {
            assert_eq!(parse_lines(s), Some(v), "{s}");
        }
        assert_eq!(parse_lines("1.5 行"), None);
    }
}
