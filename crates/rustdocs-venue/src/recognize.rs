//! The venue recognizer: labelled lines, addresses in running prose, online events.
//!
//! One grammar serves labelled values and prose. An address is a sequence of administrative
//! names (from the gazetteer) and component tokens found by one regex: units (`A7栋`), floors
//! (`M 层`), rooms (`616 房间`), house numbers (`甲 1 号`), sub-districts (`合作街道`), streets
//! (`…大街`) and buildings (`…中心`). Name-bearing tokens only carry their suffix; the text
//! between the previous token and the suffix (the gap) is the name. Prose is held to a
//! stricter standard than a labelled value: the gap may not contain function words, and a
//! result needs a street or a house number, or else a building or district plus an event verb.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::Venue;
use crate::cues;
use crate::gazetteer::{self, Division, Level};
use crate::region::Region;

/// A label introducing a venue value; group `label` is the label itself.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[\s\-*•>|·:：，,。;；(（\[【】])(?P<label>活动地点|活动地址|活动场地|线下地点|线下地址|会议地点|会场地址|举办地点|地点|地址|会场|场地|线下|线上|活动形式|参与方式|(?i:venue|location|address))\s*[:：]",
    )
    .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// The next label on the same line (`时间：`), which ends a labelled value.
static NEXT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s+[\p{Han}A-Za-z]{1,6}\s*[:：]")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// Address component tokens, in priority order at one position.
static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<part>(?:[0-9]+|[A-Za-z][0-9]*|[一二三四五六七八九十]+)\s*(?:号楼|号馆|号院|栋|幢|座|单元))",
        r"|(?P<floor>(?:[A-Za-z]?[0-9]{1,3}|[A-Za-z]|[一二三四五六七八九十]{1,3}|负[一二三四五])\s*(?:层|楼))",
        r"|(?P<room>(?:[0-9]+\s*)?(?:房间|会议室|报告厅|室|厅)[0-9A-Za-z]*)",
        r"|(?P<number>[甲乙丙丁]?\s*[0-9]+(?:\s*[-－]\s*[0-9]+)?\s*号)",
        r"|(?P<town>街道|镇|乡|新城|高新区|开发区)",
        r"|(?P<street>(?:大街|大道|胡同|路|街|巷|道)(?:[东西南北中]段)?)",
        r"|(?P<building>大厦|大楼|会议中心|中心|广场|酒店|饭店|宾馆|会堂|礼堂|会馆|科技园|产业园|软件园|园区|空间|大学|学院|体育馆|博物馆|图书馆|展览馆|美术馆|剧院|书店|咖啡|工区|(?i:tower|building|center|centre|plaza|hotel)|楼)",
    ))
    .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// A verb saying an event takes place, shortly after a place (`…饭店隆重举行`).
static EVENT_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<pre>[^，。；！？,;!?\n]{0,8}?)(?:隆重|盛大|正式|顺利)?(?:举行|举办|召开|开幕|进行|开讲|见面|相聚|集合|开展)")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// Online platforms and phrases that name one.
static PLATFORM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)腾讯会议|飞书会议|飞书直播|zoom|b\s?站|哔哩哔哩|bilibili|视频号|抖音直播|钉钉直播|youtube|直播间|线上直播|在线直播")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// Whether `text`, whose [`cues`] are `found`, may hold a [`PLATFORM`] match: every
/// alternative is an English name, holds 站 (`b\s?站`) or 哔, or holds 会议, 直播 or 视频号.
/// The cues settle the English names; a run with 站 or 哔 is read for a station name
/// ([`may_name_a_station`]), and one with 会, 直 or 视 is searched for the word, with a
/// searcher built once (`str::contains` builds one per call, as costly as the search on a
/// run of a sentence or two).
fn may_name_a_platform(text: &str, found: u8) -> bool {
    static CJK_WORDS: LazyLock<[(u8, memchr::memmem::Finder<'static>); 3]> = LazyLock::new(|| {
        [
            (cues::HUI, "会议"),
            (cues::ZHI, "直播"),
            (cues::SHI, "视频号"),
        ]
        .map(|(bit, word)| (bit, memchr::memmem::Finder::new(word)))
    });
    found & cues::PLATFORM_WORD != 0
        || found & cues::STATION != 0 && may_name_a_station(text)
        || CJK_WORDS
            .iter()
            .any(|(bit, word)| found & bit != 0 && word.find(text.as_bytes()).is_some())
}

/// The offsets of `finder`'s needle in `hay`, in order and not overlapping, as
/// `Finder::find_iter` gives them: that one clones the searcher on every call, which cost
/// more than the search itself on a run of a sentence or two.
fn occurrences<'h>(
    finder: &'h memchr::memmem::Finder<'static>,
    hay: &'h [u8],
) -> impl Iterator<Item = usize> + 'h {
    let step = finder.needle().len().max(1);
    let mut at = 0;
    std::iter::from_fn(move || {
        let found = at + finder.find(hay.get(at..)?)?;
        at = found + step;
        Some(found)
    })
}

/// Whether `text` holds 哔 (`哔哩哔哩`) or a 站 right after `b` or `B` and at most one
/// spacing char (`b\s?站`, the regex's `\s` being `char::is_whitespace`): the 站 cue alone
/// sent every 网站 and 站点 of technical prose to the platform regex.
fn may_name_a_station(text: &str) -> bool {
    static SEARCHERS: LazyLock<[memchr::memmem::Finder<'static>; 2]> =
        LazyLock::new(|| ["哔", "站"].map(memchr::memmem::Finder::new));
    let [bi, zhan] = &*SEARCHERS;
    let bytes = text.as_bytes();
    bi.find(bytes).is_some()
        || occurrences(zhan, bytes).any(|at| {
            let mut before = text[..at].chars().rev();
            match before.next() {
                Some('b' | 'B') => true,
                Some(c) if c.is_whitespace() => matches!(before.next(), Some('b' | 'B')),
                _ => false,
            }
        })
}

/// Phrases that put an event online without naming a platform.
static ONLINE_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:在|于|以)?线上(?:举办|举行|进行|召开|直播|分享会|研讨会|沙龙|会议|活动|路演|形式)",
    )
    .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// The fullwidth colon that ends most Chinese labels, with its searcher built once.
static FULLWIDTH_COLON: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("："));

/// The last two chars of every Chinese [`LABEL`] label.
const LABEL_ENDS: &[&str] = &[
    "地点", "地址", "场地", "会场", "线下", "线上", "形式", "方式",
];

/// The English [`LABEL`] labels at the end of a text, with the regex's own case folding.
static LABEL_ENGLISH_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:venue|location|address)$")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// Bytes enough to hold an English label: eight chars of at most three bytes each.
const LABEL_ENGLISH_BYTES: usize = 24;

/// Whether `text`, whose [`cues`] are `found`, may hold a [`LABEL`] match: some colon has,
/// before it and any whitespace, the end of a label. Colons are common in prose and code
/// (`如下：`, `Note:`), labels rare; run on every run with a colon, the regex cost 7 % of all
/// venue time on the report seed, as much as the gate saves. The colons are found by the
/// memchr crate, and only the kinds of colon the cues say the run holds.
fn may_hold_a_label(text: &str, found: u8) -> bool {
    let bytes = text.as_bytes();
    let ascii = (found & cues::COLON != 0).then(|| memchr::memchr_iter(b':', bytes));
    let wide = (found & cues::WIDE_COLON != 0).then(|| occurrences(&FULLWIDTH_COLON, bytes));
    ascii
        .into_iter()
        .flatten()
        .chain(wide.into_iter().flatten())
        .any(|colon| {
            let before = text[..colon].trim_end();
            if before.ends_with(|c: char| c.is_ascii() || c == 'ſ' || c == 'K') {
                let from = ceil_boundary(before, before.len().saturating_sub(LABEL_ENGLISH_BYTES));
                LABEL_ENGLISH_END.is_match(&before[from..])
            } else {
                LABEL_ENDS.iter().any(|end| before.ends_with(end))
            }
        })
}

/// `线上`, which every [`ONLINE_PHRASE`] contains, with its searcher built once: `str::contains`
/// builds a two-way searcher on every call, which costs more than the search on a short run.
static ONLINE_WORD: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("线上"));

/// Words that make a platform mention an event's venue rather than a passing reference.
const ONLINE_CUES: &[&str] = &[
    "直播",
    "观看",
    "会议号",
    "举办",
    "举行",
    "进行",
    "召开",
    "参加",
    "参与",
    "登陆",
    "登录",
    "预约",
    "入会",
    "分享会",
    "研讨会",
];

/// Characters that end an address: clause punctuation, line breaks, replaced URLs.
const TAIL_END: &[char] = &[
    '，', '。', '；', ';', '！', '!', '？', '?', '、', '\n', '\u{FFFC}', '|', '“', '”', '"', '「',
    '」', '《', '》', ',',
];

/// Function words that cannot be part of a place name in running prose.
const STOP_CHARS: &[char] = &[
    '的', '在', '于', '和', '与', '是', '了', '将', '之', '及', '或', '等', '对', '把', '被', '从',
    '向', '为', '到', '也', '都', '就', '而', '以', '让', '给', '这', '那', '个', '我', '你', '他',
    '她', '它', '们', '有', '各', '每', '年', '月', '日',
];

/// Longest address considered in prose, in bytes; keeps scanning linear in the input.
const MAX_PROSE_TAIL: usize = 240;

/// Longest labelled value considered, in bytes.
const MAX_VALUE: usize = 300;

/// How far a sentence is searched for around an online mention, in bytes.
const SENTENCE_WINDOW: usize = 300;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Label,
    Prose,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    None,
    Admin,
    Building,
    Other,
}

#[derive(Default)]
struct Parsed {
    venue: Venue,
    deepest: Option<&'static Division>,
    ambiguous_district: bool,
    start: Option<usize>,
    end: usize,
    any_admin: bool,
    /// Text after the last token that no token claimed, up to the tail end.
    leftover: Range<usize>,
}

impl Parsed {
    fn touch(&mut self, r: &Range<usize>) {
        if self.start.is_none() {
            self.start = Some(r.start);
        }
        self.end = r.end;
    }

    fn has_components(&self) -> bool {
        let v = &self.venue;
        v.building.is_some()
            || v.floor.is_some()
            || v.room.is_some()
            || v.street.is_some()
            || v.number.is_some()
    }

    fn district_level(&self) -> bool {
        self.ambiguous_district || self.deepest.is_some_and(|d| d.level == Level::County)
    }
}

/// Component text as the gold files write it: no spaces, no brackets.
fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace() && !matches!(c, '（' | '）' | '(' | ')' | '【' | '】' | '[' | ']')
        })
        .collect()
}

fn is_name_char(c: char) -> bool {
    is_han(c) || c.is_ascii_alphanumeric() || matches!(c, '·' | '-' | '&')
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// Choose the reading of a gazetteer hit that continues the chain below `cur`.
fn choose(
    readings: &[gazetteer::Reading],
    cur: Option<&'static Division>,
) -> Option<&'static Division> {
    let allowed: Vec<_> = readings
        .iter()
        .filter(|r| match cur {
            Some(c) => r.division.is_within(c),
            // A county-level short form (海淀, 朝阳) needs its city written before it.
            None => r.full || r.division.level != Level::County,
        })
        .map(|r| r.division)
        .collect();
    let top = allowed.iter().map(|d| d.level).min()?;
    let at_top: Vec<_> = allowed.into_iter().filter(|d| d.level == top).collect();
    if at_top.len() == 1 {
        return at_top.first().copied();
    }
    let in_municipality: Vec<_> = at_top
        .iter()
        .copied()
        .filter(|d| d.parent().is_some_and(Division::is_municipality))
        .collect();
    if in_municipality.len() == 1 {
        in_municipality.first().copied()
    } else {
        None
    }
}

/// Where the address that may start at `start` must end.
fn tail_end(text: &str, start: usize, limit: usize) -> usize {
    let window = floor_boundary(text, start.saturating_add(limit));
    text[start..window]
        .find(TAIL_END)
        .map_or(window, |i| start + i)
}

/// The largest char boundary of `text` at or below `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The smallest char boundary of `text` at or above `at`.
fn ceil_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Parse an address in `text[start..end]`.
fn parse(text: &str, start: usize, end: usize, mode: Mode) -> Parsed {
    let mut p = Parsed {
        end: start,
        ..Parsed::default()
    };
    let hay = &text[..end];
    let mut pos = start;
    let mut gap_start = start;
    let mut last = Last::None;
    let mut building_run: Option<String> = None;
    while pos < end {
        if pos == gap_start {
            let skipped = hay[pos..].len() - hay[pos..].trim_start().len();
            pos += skipped;
            gap_start = pos;
            if pos >= end {
                break;
            }
            if !p.ambiguous_district
                && let Some(hit) = gazetteer::match_at(hay, pos)
                && let Some(d) = choose(hit.readings, p.deepest)
            {
                p.deepest = Some(d);
                p.any_admin = true;
                p.touch(&hit.range);
                pos = hit.range.end;
                gap_start = pos;
                last = Last::Admin;
                continue;
            }
            if !p.any_admin
                && p.deepest.is_none()
                && let Some(hit) = gazetteer::match_at(hay, pos)
                && hit
                    .readings
                    .iter()
                    .filter(|r| r.full && r.division.level == Level::County)
                    .count()
                    > 1
            {
                // A district name shared by several cities, with nothing to choose between them.
                p.venue.district = Some(hay[hit.range.clone()].to_owned());
                p.ambiguous_district = true;
                p.any_admin = true;
                p.touch(&hit.range);
                pos = hit.range.end;
                gap_start = pos;
                last = Last::Admin;
                continue;
            }
        }
        let Some(caps) = TOKEN.captures_at(hay, pos) else {
            break;
        };
        let Some(whole) = caps.get(0) else { break };
        let gap = &hay[gap_start..whole.start()];
        let gap_clean = clean(gap);
        let gap_len = gap_clean.chars().count();
        if mode == Mode::Prose
            && (gap
                .chars()
                .any(|c| !(is_name_char(c) || c.is_whitespace() || "（）()".contains(c)))
                || gap_clean.contains(STOP_CHARS)
                || gap_len > 16)
        {
            break;
        }
        let tok = whole.as_str();
        let range = whole.range();
        let next = hay[range.end..].chars().next();
        let prev_ascii = hay[..range.start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric());
        let mut accepted = true;
        if caps.name("part").is_some() {
            if gap_len <= 16 {
                let run = building_run.get_or_insert_with(String::new);
                if last != Last::Building {
                    run.clear();
                }
                run.push_str(&gap_clean);
                run.push_str(&clean(tok));
                last = Last::Building;
            } else {
                accepted = false;
            }
        } else if caps.name("floor").is_some() && !prev_ascii {
            if gap_len == 0 && p.venue.floor.is_none() {
                let value = clean(tok);
                let value = value.trim_end_matches(['层', '楼']).to_owned();
                p.venue.floor = Some(value);
                last = Last::Other;
            } else {
                accepted = false;
            }
        } else if caps.name("room").is_some() {
            let has_digit = tok.chars().any(|c| c.is_ascii_digit());
            if (gap_len > 0 || has_digit) && gap_len <= 8 && p.venue.room.is_none() {
                p.venue.room = Some(format!("{gap_clean}{}", clean(tok)));
                last = Last::Other;
            } else {
                accepted = false;
            }
        } else if caps.name("number").is_some() {
            if gap_len == 0 && p.venue.number.is_none() {
                p.venue.number = Some(clean(tok));
                last = Last::Other;
            } else {
                accepted = false;
            }
        } else if caps.name("town").is_some() {
            // Zones (高新区) stand alone; sub-districts, towns and new towns carry a name.
            let min = usize::from(!tok.ends_with('区'));
            accepted = (min..=6).contains(&gap_len) && gap_clean.chars().all(is_han);
            if accepted {
                last = Last::Other;
            }
        } else if caps.name("street").is_some() {
            let bad_next = next.is_some_and(|c| "演线径由费况数标人上过".contains(c));
            // A bare 道 ends many ordinary words (频道, 渠道, 知道); a road name has two characters.
            let bare_dao = tok.starts_with('道');
            let bad_dao = bare_dao
                && (gap_len < 2
                    || gap_clean
                        .chars()
                        .next_back()
                        .is_some_and(|c| "频渠轨通赛管味知隧街".contains(c)));
            accepted = (1..=10).contains(&gap_len)
                && gap_clean.chars().all(is_han)
                && !bad_next
                && !bad_dao;
            if accepted {
                if last == Last::Building {
                    // A campus or zone right before a street names an area, not the building.
                    building_run = None;
                }
                if p.venue.street.is_none() {
                    p.venue.street = Some(format!("{gap_clean}{tok}"));
                }
                last = Last::Other;
            }
        } else {
            // Building suffix, or a 楼 glued to ASCII (`FIT楼`), which names a building.
            let ascii_suffix = tok.is_ascii();
            let boundary_ok = !ascii_suffix || !next.is_some_and(|c| c.is_ascii_alphanumeric());
            if (1..=16).contains(&gap_len) && boundary_ok
                || (last == Last::Building && gap_len == 0)
            {
                let run = building_run.get_or_insert_with(String::new);
                if last != Last::Building {
                    run.clear();
                }
                run.push_str(&gap_clean);
                run.push_str(&clean(tok));
                last = Last::Building;
            } else if gap_len == 0 && tok.chars().count() >= 3 {
                // A bare zone word (`科技园`) after the district: an area, not a building.
                last = Last::Other;
            } else {
                accepted = false;
            }
        }
        if accepted {
            if p.start.is_none() {
                p.start = Some(gap_start);
            }
            p.end = range.end;
            pos = range.end;
            gap_start = pos;
        } else {
            pos = range.end;
        }
    }
    p.venue.building = building_run.filter(|b| !b.is_empty());
    p.leftover = gap_start.min(end)..end;
    if let Some(d) = p.deepest {
        let r = Region::of_division(d);
        p.venue.province = r.province;
        p.venue.city = r.city;
        p.venue.district = r.district;
    }
    p
}

/// Online platform named in `s`, normalized.
fn platform_in(s: &str) -> Option<String> {
    let m = PLATFORM.find(s)?;
    let lower = m.as_str().to_lowercase();
    let name = match lower.as_str() {
        "zoom" => "Zoom",
        "bilibili" | "哔哩哔哩" => "B站",
        "youtube" => "YouTube",
        "飞书会议" | "飞书直播" => "飞书",
        "抖音直播" => "抖音",
        "钉钉直播" => "钉钉",
        "在线直播" => "线上直播",
        l if l.starts_with('b') => "B站",
        _ => m.as_str(),
    };
    Some(name.to_owned())
}

fn online_platform(s: &str) -> Option<String> {
    platform_in(s).or_else(|| s.contains("直播").then(|| "线上直播".to_owned()))
}

/// Extend a range over a closing bracket whose opening bracket it contains.
fn close_brackets(text: &str, mut r: Range<usize>) -> Range<usize> {
    let inner = &text[r.clone()];
    let open = inner.matches(['（', '(']).count();
    let close = inner.matches(['）', ')']).count();
    if open > close
        && let Some(c) = text[r.end..].chars().next()
        && matches!(c, '）' | ')')
    {
        r.end += c.len_utf8();
    }
    r
}

fn labelled(text: &str, out: &mut Vec<(Range<usize>, Venue)>) {
    for caps in LABEL.captures_iter(text) {
        let (Some(label), Some(whole)) = (caps.name("label"), caps.get(0)) else {
            continue;
        };
        let value_start = whole.end();
        let window = floor_boundary(text, value_start + MAX_VALUE);
        let line_end = text[value_start..window]
            .find('\n')
            .map_or(window, |i| value_start + i);
        let value_end = NEXT_LABEL
            .find(&text[value_start..line_end])
            .map_or(line_end, |m| value_start + m.start());
        let value = &text[value_start..value_end];
        let lead = value.len() - value.trim_start().len();
        let start = value_start + lead;
        if start >= value_end {
            continue;
        }
        let end = tail_end(text, start, value_end - start);
        let mut p = parse(text, start, end, Mode::Label);
        let online_label = label.as_str() == "线上";
        let value_text = &text[start..value_end];
        let online = online_label
            || PLATFORM.is_match(value_text)
            || value_text.contains("线上")
            || value_text.contains("在线");
        let leftover_empty = p.leftover.is_empty() || clean(&text[p.leftover.clone()]).is_empty();
        let physical = label.as_str() != "线上"
            && (p.has_components() || p.any_admin && (leftover_empty || p.district_level()));
        if !physical && !online {
            continue;
        }
        if online {
            p.venue.online = true;
            p.venue.platform = online_platform(value_text);
        }
        let range = if physical {
            close_brackets(text, p.start.unwrap_or(start)..p.end)
        } else {
            start..tail_end(text, start, value_end - start)
        };
        let range = trim_range(text, range);
        if range.is_empty() {
            continue;
        }
        if !physical {
            p.venue = Venue {
                online: true,
                platform: p.venue.platform,
                ..Venue::default()
            };
        }
        out.push((range, p.venue));
    }
}

fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    let end = r.start + s.trim_end().len();
    start..end.max(start)
}

fn overlaps(found: &[(Range<usize>, Venue)], r: &Range<usize>) -> bool {
    found
        .iter()
        .any(|(f, _)| f.start < r.end && r.start < f.end)
}

fn prose(text: &str, hits: &[gazetteer::Hit], out: &mut Vec<(Range<usize>, Venue)>) {
    if hits.is_empty() {
        // Most runs name no place: spare them the sorted copy of the labelled ranges.
        return;
    }
    let mut resume = 0;
    // Labelled ranges, sorted, walked with one cursor so the scan stays linear.
    let mut taken: Vec<Range<usize>> = out.iter().map(|(r, _)| r.clone()).collect();
    taken.sort_by_key(|r| r.start);
    let mut cursor = 0;
    for hit in hits {
        while cursor < taken.len() && taken[cursor].end <= hit.range.start {
            cursor += 1;
        }
        let in_label = taken.get(cursor).is_some_and(|t| t.start < hit.range.end);
        if hit.range.start < resume || in_label {
            continue;
        }
        if choose(hit.readings, None).is_none()
            && hit
                .readings
                .iter()
                .filter(|r| r.full && r.division.level == Level::County)
                .count()
                < 2
        {
            continue;
        }
        let before: String = text[..hit.range.start].chars().rev().take(10).collect();
        if before.contains("部总") || before.contains("地册注") {
            continue;
        }
        let end = tail_end(text, hit.range.start, MAX_PROSE_TAIL);
        let p = parse(text, hit.range.start, end, Mode::Prose);
        if !p.any_admin || p.start != Some(hit.range.start) {
            continue;
        }
        let v = &p.venue;
        let mut range = p.start.unwrap_or(hit.range.start)..p.end;
        let accepted = if v.street.is_some() || v.number.is_some() {
            true
        } else if v.building.is_some() || v.room.is_some() || p.district_level() {
            let after = &text[p.end..];
            match EVENT_VERB.captures(after) {
                Some(caps) if !p.has_components() => {
                    // A district and a place name the gazetteer does not know (`酒仙桥`).
                    let place = caps.name("pre").map_or("", |m| m.as_str());
                    if !place.is_empty() && place.chars().all(is_han) && !place.contains(STOP_CHARS)
                    {
                        range.end = p.end + place.len();
                    }
                    true
                }
                Some(_) => true,
                None => false,
            }
        } else {
            false
        };
        if accepted {
            let range = close_brackets(text, range);
            resume = range.end;
            out.push((range, p.venue));
        }
    }
}

fn sentence_around(text: &str, r: &Range<usize>) -> Range<usize> {
    const ENDS: &[char] = &['。', '！', '？', '!', '?', '\n'];
    let lo = ceil_boundary(text, r.start.saturating_sub(SENTENCE_WINDOW));
    let hi = floor_boundary(text, r.end + SENTENCE_WINDOW);
    let start = text[lo..r.start].rfind(ENDS).map_or(lo, |i| {
        lo + i + text[lo + i..].chars().next().map_or(1, char::len_utf8)
    });
    let end = text[r.end..hi].find(ENDS).map_or(hi, |i| r.end + i);
    start..end
}

fn online(text: &str, found: u8, out: &mut Vec<(Range<usize>, Venue)>) {
    if out.iter().any(|(_, v)| v.online) {
        return;
    }
    let mut candidates: Vec<Range<usize>> = Vec::new();
    let platforms = may_name_a_platform(text, found).then(|| PLATFORM.find_iter(text).take(64));
    for m in platforms.into_iter().flatten() {
        let after = text[m.end()..].trim_start();
        if let Some(rest) = after.strip_prefix([':', '：']) {
            let rest = rest.trim_start();
            if rest.is_empty() || rest.starts_with('\u{FFFC}') || rest.starts_with("http") {
                // `B站： <link>`: an account listing, not where the event happens.
                continue;
            }
        }
        let word = m.as_str();
        let sentence = &text[sentence_around(text, &m.range())];
        if sentence.contains('曾') {
            // A past event told in passing (`曾…举办…线上研讨会`).
            continue;
        }
        if word.contains("直播") || ONLINE_CUES.iter().any(|c| sentence.contains(c)) {
            candidates.push(m.range());
            break;
        }
    }
    // Every online phrase contains 线上; the cue and one substring scan spare most runs the
    // regex.
    let phrases = (found & cues::XIAN != 0)
        .then(|| ONLINE_WORD.find(text.as_bytes()))
        .flatten()
        .map(|_| ONLINE_PHRASE.find_iter(text).take(64));
    if let Some(m) = phrases
        .into_iter()
        .flatten()
        .find(|m| !text[sentence_around(text, &m.range())].contains('曾'))
    {
        candidates.push(m.range());
    }
    let Some(range) = candidates.into_iter().min_by_key(|r| r.start) else {
        return;
    };
    if overlaps(out, &range) {
        return;
    }
    let sentence = &text[sentence_around(text, &range)];
    let venue = Venue {
        online: true,
        platform: online_platform(sentence),
        ..Venue::default()
    };
    out.push((range, venue));
}

/// Venues in one prose run, with their byte ranges, in text order.
///
/// Recognizes labelled values (`地点：`, `地址：`, `Venue:`), addresses in running prose
/// (`在北京市海淀区中关村大街 27 号举行`) and online events (`登陆 zoom 观看直播`).
#[must_use]
pub fn recognize(text: &str) -> Vec<(Range<usize>, Venue)> {
    recognize_read(text, &read(text))
}

/// What [`recognize_noting`] notes of a run besides its venues.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notes {
    /// In ascending order, the offset of every three-byte char of the run in the set the
    /// [`gazetteer::Noting`] was made with, of every other non-ASCII char, and of the first
    /// char of every ASCII stretch (a run all ASCII is not read, and notes none).
    pub stops: Vec<usize>,
    /// The classes [`gazetteer::Noting::seeing`] and [`gazetteer::Noting::seeing_char`]
    /// gave the run's ASCII bytes and chars, ORed.
    pub seen: u8,
}

impl Notes {
    /// Empties the notes for the next run.
    pub fn clear(&mut self) {
        self.stops.clear();
        self.seen = 0;
    }
}

/// [`recognize`], noting as it reads the run's chars where those of another set stand and
/// which classes of ASCII bytes it holds, appended to `notes`.
///
/// Another recognizer looking for the three-byte chars of that set can then step from stop
/// to stop over the chars between (`rustdocs_datetime::recognize_with_stops`), and one that
/// needs a digit can pass over a run without.
///
/// ```
/// use rustdocs_venue::{Notes, gazetteer::Noting, recognize, recognize_noting};
/// use rustdocs_span::chars::BmpSet;
///
/// let noting = Noting::new(&BmpSet::EMPTY.with('周')).seeing(b"0123456789", 1);
/// let text = "本周六在北京市海淀区中关村大街 27 号举行";
/// let mut notes = Notes::default();
/// assert_eq!(recognize_noting(text, &noting, &mut notes), recognize(text));
/// assert_eq!(notes.stops, [3, text.find(' ').unwrap()]);
/// assert_eq!(notes.seen, 1);
/// ```
pub fn recognize_noting(
    text: &str,
    noting: &gazetteer::Noting,
    notes: &mut Notes,
) -> Vec<(Range<usize>, Venue)> {
    let found = if text.is_ascii() {
        notes.seen |= noting.seen_in(text.as_bytes());
        read_ascii()
    } else {
        gazetteer::scan_noting(text, noting, notes)
    };
    recognize_read(text, &found)
}

/// The venues of `text`, whose names and cues are `found`.
fn recognize_read(text: &str, found: &gazetteer::Scan) -> Vec<(Range<usize>, Venue)> {
    let mut out = Vec::new();
    if found.hits.is_empty() && found.cues == 0 {
        // Each step below needs a place name or a cue, and most runs have neither: their
        // gates alone cost more than the scan of a short run.
        return out;
    }
    if may_hold_a_label(text, found.cues) {
        labelled(text, &mut out);
    }
    prose(text, &found.hits, &mut out);
    online(text, found.cues, &mut out);
    out.sort_by_key(|(r, _)| (r.start, r.end));
    out
}

/// The gazetteer's names in `text` and the cues that let each search run, the gates being
/// exact: every name is Chinese, and an online venue needs a Chinese cue word or 线上, so
/// ASCII text is not scanned and may only hold a label (a word before a colon).
fn read(text: &str) -> gazetteer::Scan {
    if text.is_ascii() {
        read_ascii()
    } else {
        gazetteer::scan(text)
    }
}

/// What [`read`] finds in ASCII text without reading it.
fn read_ascii() -> gazetteer::Scan {
    gazetteer::Scan {
        hits: Vec::new(),
        cues: cues::COLON,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The searcher-sharing search finds what `find_iter` finds.
        #[test]
        fn occurrences_are_find_iter(text in "[站：b 哔站站：a]{0,24}") {
            for finder in [&*FULLWIDTH_COLON, &memchr::memmem::Finder::new("站站")] {
                let want: Vec<usize> = finder.find_iter(text.as_bytes()).collect();
                proptest::prop_assert_eq!(occurrences(finder, text.as_bytes()).collect::<Vec<_>>(), want);
            }
        }
    }

    /// The cues `recognize` hands the gates for `text`.
    fn cues_of(text: &str) -> u8 {
        read(text).cues
    }

    proptest::proptest! {
        /// Whatever the label, platform and online regexes match, the gates let through with
        /// the cues `recognize` gives them: text of labels, platform words in mixed case,
        /// their case variants (ſ, K), colons, 线上 phrases and place names.
        #[test]
        fn the_gates_pass_whatever_the_regexes_match(
            picks in proptest::collection::vec(0usize..33, 0..14),
        ) {
            let pieces = [
                "地点", "Venue", "ADDRESſ", "locatioN", "：", ":", " ", "腾讯会议", "B 站", "b站",
                "哔哩哔哩", "ZoOm", "YouTube", "bilibili", "视频号", "直播", "线上", "举办",
                "在", "北京市", "新会区", "，", "K", "x", "站", "网", "b", "B", "\u{3000}", "\n",
                "哔", "b\u{3000}", "B\n",
            ];
            let text: String = picks.iter().map(|&i| pieces[i]).collect();
            let cues = cues_of(&text);
            if LABEL.is_match(&text) {
                proptest::prop_assert!(may_hold_a_label(&text, cues), "{text}");
            }
            if !text.is_ascii() {
                if PLATFORM.is_match(&text) {
                    proptest::prop_assert!(may_name_a_platform(&text, cues), "{text}");
                }
                if ONLINE_PHRASE.is_match(&text) {
                    proptest::prop_assert!(cues & cues::XIAN != 0, "{text}");
                }
            }
        }
    }

    /// An address right after 总部 or 注册地 (within ten chars) is a company's seat, not a
    /// venue; further back, those words do not count.
    #[test]
    fn a_seat_is_no_venue() {
        let address = "北京市海淀区中关村大街 27 号";
        assert!(recognize(&format!("公司总部位于{address}。")).is_empty());
        assert!(recognize(&format!("注册地：{address}")).is_empty());
        assert_eq!(recognize(&format!("活动在{address}举行。")).len(), 1);
        let far = format!("总部的同事说，这次活动在{address}举行。");
        assert_eq!(recognize(&far).len(), 1, "{far}");
    }

    /// A 站 names a station only after `b` or `B` and at most one spacing char of any kind,
    /// as the platform regex reads it; 哔 always may.
    #[test]
    fn a_station_needs_its_b() {
        for (text, named) in [
            ("在 B站 直播", true),
            ("b 站", true),
            ("B\u{3000}站", true),
            ("b\n站", true),
            ("哔哩哔哩", true),
            ("网站和站点", false),
            ("b  站", false),
            ("ab站", true),
            ("Web 站点", true),
        ] {
            assert_eq!(may_name_a_station(text), named, "{text}");
            if PLATFORM.is_match(text) {
                assert!(named, "{text}");
            }
        }
    }

    /// `read` gives ASCII text no cue but the colon, so `online` finds nothing there; that
    /// is exact only while every cue is Chinese, so an English cue added later must come
    /// with a change to `read`.
    #[test]
    fn online_needs_a_chinese_cue() {
        assert!(ONLINE_CUES.iter().all(|c| !c.is_ascii()));
        let mut out = Vec::new();
        let text = "Join us on zoom, watch the livestream on youtube";
        online(text, cues_of(text), &mut out);
        assert!(out.is_empty());
        let text = "登陆 zoom 观看直播";
        online(text, cues_of(text), &mut out);
        assert_eq!(out.len(), 1);
    }

    /// Every label `LABEL` accepts ends in `LABEL_ENDS` or passes `LABEL_ENGLISH_END`, so the
    /// label gate never hides a label: the Chinese labels by their text, the English ones by
    /// the regex's own case folding tried on every char.
    #[test]
    fn the_label_gate_passes_every_label() {
        let source = LABEL.as_str();
        let start = source.find("(?P<label>").map(|i| i + "(?P<label>".len());
        let end = source.find("|(?i:");
        let (Some(start), Some(end)) = (start, end) else {
            panic!("LABEL changed: update LABEL_LAST and this test");
        };
        let chinese: Vec<&str> = source[start..end].split('|').collect();
        assert_eq!(
            chinese.len(),
            16,
            "LABEL changed: update LABEL_LAST and this test"
        );
        for label in chinese {
            assert!(LABEL_ENDS.iter().any(|e| label.ends_with(e)), "{label}");
        }
        // The English labels' case variants that are not ASCII: their last char must reach
        // the English branch of the gate, and every char of them fits LABEL_ENGLISH_BYTES.
        let english = Regex::new(r"^(?i:venue|location|address)$").unwrap();
        for c in (0x80..=0x10_FFFF).filter_map(char::from_u32) {
            for stem in ["venu", "locatio", "addres"] {
                if english.is_match(&format!("{stem}{c}")) {
                    assert!(matches!(c, 'ſ' | 'K'), "{stem}{c}");
                }
            }
        }
        // The longest label has eight letters; no case variant of a letter is over 3 bytes.
        let letters = Regex::new("(?i:[acdeilnorstuv])").unwrap();
        for c in (0x80..=0x10_FFFF).filter_map(char::from_u32) {
            if letters.is_match(c.encode_utf8(&mut [0; 4])) {
                assert!(c.len_utf8() * 8 <= LABEL_ENGLISH_BYTES, "{c}");
            }
        }
        for text in [
            "地点：北京",
            "地点 :北京",
            "Venue\u{3000}: x",
            "ADDRESſ: x",
            "线上：",
        ] {
            assert!(
                LABEL.is_match(text) && may_hold_a_label(text, cues_of(text)),
                "{text}"
            );
        }
        let text = "时间：周六；备注: 无；如下：地上：Notes: Options: nation:";
        assert!(!may_hold_a_label(text, cues_of(text)));
    }

    /// Every alternative of `PLATFORM` passes `may_name_a_platform`, so the gate never hides
    /// a platform.
    #[test]
    fn the_platform_gate_passes_every_platform() {
        for word in [
            "腾讯会议",
            "飞书会议",
            "飞书直播",
            "Zoom",
            "ZOOM",
            "b站",
            "B 站",
            "b\u{3000}站",
            "哔哩哔哩",
            "BiliBili",
            "视频号",
            "抖音直播",
            "钉钉直播",
            "YouTube",
            "直播间",
            "线上直播",
            "在线直播",
        ] {
            // No cue word around the platform, so only the platform itself can pass the gate.
            let text = format!("活动在{word}进行");
            assert!(PLATFORM.is_match(&text), "{word}");
            assert!(may_name_a_platform(&text, cues_of(&text)), "{word}");
        }
        let alternatives = PLATFORM
            .as_str()
            .trim_start_matches("(?i)")
            .split('|')
            .count();
        assert_eq!(
            alternatives, 14,
            "PLATFORM changed: update may_name_a_platform and this test"
        );
        let text = "活动在北京举行，欢迎 bob 与 Yann 参加";
        assert!(!may_name_a_platform(text, cues_of(text)));
    }
}
