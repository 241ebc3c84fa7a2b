//! China's administrative divisions (GB/T 2260) with their short forms, and where they occur.
//!
//! The table is embedded from `data/divisions.tsv` (see `data/README.md` for its source and
//! licence) and compiled once on first use. Every division is reachable by its full name
//! (`杭州市`, `新疆维吾尔自治区`) and, where that is safe, by a short form (`杭州`, `新疆`,
//! `西湖` for a district). Whether a short form may be trusted depends on context, so lookups
//! return every reading and say which were written in full; the recognizer decides.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::LazyLock;

use rustdocs_span::chars::{
    BmpSet, ascii_prefix, code_of_three, decode, three_byte_code, three_bytes,
};
use rustdocs_span::spare;

use crate::cues;

const DATA: &str = include_str!("../data/divisions.tsv");

/// Ethnic group names that appear inside autonomous-region, -prefecture and -county names.
const ETHNIC: &[&str] = &[
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "维吾尔",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "哈萨克",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "柯尔克孜",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
    "各族",
];

/// Level of a division in the national hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Province, autonomous region, municipality or special administrative region.
    Province,
    /// Prefecture-level city, prefecture, league or autonomous prefecture.
    Prefecture,
    /// County-level division: district, county, county-level city, banner.
    County,
}

/// One administrative division.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Division {
    /// Six-digit GB/T 2260 code.
    pub code: u32,
    /// Full official name (`西城区`, `北京市`).
    pub name: &'static str,
    /// Level in the hierarchy.
    pub level: Level,
    /// Code of the enclosing division, `None` for provinces.
    pub parent: Option<u32>,
}

impl Division {
    /// Whether this is one of the four municipalities (北京市, 上海市, 天津市, 重庆市).
    #[must_use]
    pub fn is_municipality(&self) -> bool {
        matches!(self.code, 110_000 | 120_000 | 310_000 | 500_000)
    }

    /// The enclosing division.
    #[must_use]
    pub fn parent(&self) -> Option<&'static Division> {
        self.parent.and_then(by_code)
    }

    /// Whether `self` lies strictly inside `other`.
    #[must_use]
    pub fn is_within(&self, other: &Division) -> bool {
        let mut cur = self.parent();
        while let Some(d) = cur {
            if d.code == other.code {
                return true;
            }
            cur = d.parent();
        }
        false
    }

    /// The province this division belongs to (itself for a province).
    #[must_use]
    pub fn province(&'static self) -> &'static Division {
        let mut cur = self;
        while let Some(p) = cur.parent() {
            cur = p;
        }
        cur
    }
}

/// One reading of a gazetteer name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// The division meant.
    pub division: &'static Division,
    /// `true` when the text wrote the full official name, `false` for a short form.
    pub full: bool,
}

struct Gazetteer {
    divisions: &'static [Division],
    by_code: HashMap<u32, usize>,
    /// Pattern id → readings: lent to every hit of the name, never copied.
    readings: Vec<Box<[Reading]>>,
    by_name: HashMap<&'static str, usize>,
    /// Pattern id → name.
    patterns: Vec<&'static str>,
    /// The names of two chars or more by their first two chars' codes, longest first: where
    /// a name starts, the first of these the text goes on with is the longest match.
    ///
    /// An index, not an automaton: names are tried only where [`StartFilter`] lets one
    /// start, a few thousand positions a megabyte, and building an aho-corasick automaton
    /// over the 6 000 names cost three quarters of the CLI's start-up (73 M instructions).
    by_start: HashMap<(u32, u32), Box<[u32]>>,
    /// The one-char names by their char's code (none today).
    singles: HashMap<u32, u32>,
    /// Which positions can start a name, so the index is consulted only there.
    starts: StartFilter,
}

impl Gazetteer {
    /// The id and byte length of the longest name at byte `at` of `bytes`, a char boundary
    /// of valid UTF-8.
    fn longest_at(&self, bytes: &[u8], at: usize) -> Option<(usize, usize)> {
        let (first, len) = decode(bytes, at);
        if at + len < bytes.len() {
            let (second, _) = decode(bytes, at + len);
            let rest = &bytes[at..];
            if let Some(ids) = self.by_start.get(&(first, second)) {
                for &id in ids {
                    let name = self.patterns[id as usize].as_bytes();
                    if rest.starts_with(name) {
                        return Some((id as usize, name.len()));
                    }
                }
            }
        }
        let id = *self.singles.get(&first)?;
        Some((id as usize, len))
    }
}

/// An exact prefilter for name starts: a bit per hashed pair of a name's first two chars
/// (and per single char, for one-char names).
///
/// Names are sparse in prose (about one per 2 KB of the report seed), while an automaton
/// pays a state transition per byte; testing a 32 KB bit table per char and looking names up
/// only where a bit is set found the same names several times faster than aho-corasick's
/// own scan. A set bit may be a hash collision (about 2% of pairs are), never a missed name.
struct StartFilter {
    pairs: Vec<u64>,
    singles: Vec<u64>,
    /// Whether any name is a single char: none is today, which spares the singles hash.
    any_single: bool,
    /// A bit per Basic Multilingual Plane char that starts a name or is one of the
    /// recognizer's [`cues`]: exact, it turns away two in three Han chars of the report seed
    /// before the two hashes of [`StartFilter::may_start`] and the next char's decoding.
    firsts: Box<BmpSet>,
    /// The cue chars among `firsts`, whose bits [`scan`] notes.
    cues: Box<BmpSet>,
    /// The chars the scan's hot loop reads further whatever follows them: the cues and the
    /// one-char names. Any other char is read further only where it is in `firsts` and the
    /// next char is in `seconds` or is not a three-byte char: one Han char in eleven of the
    /// report seed, where one in three is in `firsts` alone.
    notable: Box<BmpSet>,
    /// A bit per Basic Multilingual Plane char that is the second of a name: tested on the
    /// next char in the scan's hot loop and again before the pair hash (where the next char
    /// may have another length), it turns away four in five of the chars `firsts` lets
    /// through (report seed), each of which would else read a random word of the 32 KB pair
    /// table.
    seconds: Box<BmpSet>,
}

impl StartFilter {
    const BITS: u32 = 18;

    /// The bit of a first char and an optional second char, both as char codes.
    fn slot(a: u32, b: Option<u32>) -> usize {
        let h = (a.wrapping_mul(0x9E37_79B1) ^ b.unwrap_or(0)).wrapping_mul(0x85EB_CA6B);
        (h >> (32 - Self::BITS)) as usize
    }

    fn new<'p>(patterns: impl IntoIterator<Item = &'p str>) -> Self {
        let words = 1 << (Self::BITS - 6);
        let mut filter = Self {
            pairs: vec![0; words],
            singles: vec![0; words],
            any_single: false,
            firsts: Box::new(BmpSet::EMPTY),
            cues: Box::new(BmpSet::EMPTY),
            notable: Box::new(BmpSet::EMPTY),
            seconds: Box::new(BmpSet::EMPTY),
        };
        for (c, _) in cues::CHARS {
            filter.firsts.insert(c);
            filter.cues.insert(c);
            filter.notable.insert(c);
        }
        for p in patterns {
            let mut chars = p.chars();
            let Some(first) = chars.next() else { continue };
            filter.firsts.insert(first);
            let second = chars.next();
            if let Some(c) = second {
                // A char above the plane is not held, and `may_start` lets every such char by.
                filter.seconds.insert(c);
            }
            filter.any_single |= second.is_none();
            if second.is_none() {
                filter.notable.insert(first);
            }
            let set = if second.is_some() {
                &mut filter.pairs
            } else {
                &mut filter.singles
            };
            let slot = Self::slot(first.into(), second.map(u32::from));
            set[slot / 64] |= 1 << (slot % 64);
        }
        filter
    }

    /// Whether a name may start with the char whose code is `code`, or it is a cue char:
    /// exact for the Basic Multilingual Plane, always `true` above it (where the table does
    /// not reach).
    fn may_begin(&self, code: u32) -> bool {
        code >= 0x1_0000 || self.firsts.contains(code)
    }

    /// Whether a name may start with the char `c` followed by `next` (codes, not chars: the
    /// scan decodes codes and a char conversion would cost a validity check per char).
    fn may_start(&self, c: u32, next: Option<u32>) -> bool {
        let test = |set: &[u64], slot: usize| set[slot / 64] & (1 << (slot % 64)) != 0;
        self.any_single && test(&self.singles, Self::slot(c, None))
            || next.is_some_and(|n| {
                (n >= 0x1_0000 || self.seconds.contains(n))
                    && test(&self.pairs, Self::slot(c, Some(n)))
            })
    }
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(build);

/// The divisions, apart from the rest of the table so that its readings can point at them.
static DIVISIONS: LazyLock<Vec<Division>> = LazyLock::new(divisions);

fn parse_level(s: &str) -> Option<Level> {
    match s {
        "P" => Some(Level::Province),
        "C" => Some(Level::Prefecture),
        "D" => Some(Level::County),
        _ => None,
    }
}

fn strip_ethnic(mut s: &str) -> &str {
    loop {
        let before = s;
        for e in ETHNIC {
            if let Some(rest) = s.strip_suffix(e) {
                s = rest;
            }
        }
        if s == before {
            return s;
        }
    }
}

/// Short forms of a division name, each at least two characters long.
fn short_forms(name: &'static str, level: Level) -> Vec<&'static str> {
    let mut out = Vec::new();
    let chars = |s: &str| s.chars().count();
    match level {
        Level::Province => {
            for suffix in ["特别行政区", "自治区", "省", "市"] {
                if let Some(rest) = name.strip_suffix(suffix) {
                    out.push(strip_ethnic(rest));
                    break;
                }
            }
        }
        Level::Prefecture => {
            if let Some(rest) = name.strip_suffix("自治州") {
                out.push(strip_ethnic(rest));
            } else {
                for suffix in ["地区", "市", "盟"] {
                    if let Some(rest) = name.strip_suffix(suffix) {
                        out.push(rest);
                        break;
                    }
                }
            }
        }
        Level::County => {
            // Autonomous counties and banners keep their full names: their short forms
            // (大化, 孟村) are ordinary words far more often than places.
            if !name.contains("自治") {
                for suffix in ["新区", "区", "县", "市", "旗"] {
                    if let Some(rest) = name.strip_suffix(suffix) {
                        out.push(rest);
                        break;
                    }
                }
            }
        }
    }
    out.retain(|s| chars(s) >= 2 && *s != name);
    out
}

fn divisions() -> Vec<Division> {
    let mut divisions = Vec::new();
    for line in DATA.lines().skip(1) {
        let mut cols = line.split('\t');
        let (Some(code), Some(name), Some(level), parent) =
            (cols.next(), cols.next(), cols.next(), cols.next())
        else {
            continue;
        };
        let (Ok(code), Some(level)) = (code.parse::<u32>(), parse_level(level)) else {
            continue;
        };
        let parent = parent.and_then(|p| p.parse::<u32>().ok());
        divisions.push(Division {
            code,
            name,
            level,
            parent,
        });
    }
    divisions
}

fn build() -> Gazetteer {
    let divisions: &'static [Division] = &DIVISIONS;
    let by_code = divisions
        .iter()
        .enumerate()
        .map(|(i, d)| (d.code, i))
        .collect();
    let mut by_name: HashMap<&'static str, usize> = HashMap::new();
    let mut readings: Vec<Vec<Reading>> = Vec::new();
    let mut patterns: Vec<&'static str> = Vec::new();
    let mut add = |pattern: &'static str, idx: usize, full: bool| {
        let id = *by_name.entry(pattern).or_insert_with(|| {
            patterns.push(pattern);
            readings.push(Vec::new());
            readings.len() - 1
        });
        let division = &divisions[idx];
        if !readings[id]
            .iter()
            .any(|r| std::ptr::eq(r.division, division))
        {
            readings[id].push(Reading { division, full });
        }
    };
    for (idx, d) in divisions.iter().enumerate() {
        add(d.name, idx, true);
        for short in short_forms(d.name, d.level) {
            add(short, idx, false);
        }
    }
    let starts = StartFilter::new(patterns.iter().copied());
    let mut by_start: HashMap<(u32, u32), Vec<u32>> = HashMap::new();
    let mut singles = HashMap::new();
    for (id, name) in patterns.iter().enumerate() {
        let id = u32::try_from(id).unwrap_or_else(|_| unreachable!("6 000 names fit in u32"));
        let mut chars = name.chars().map(u32::from);
        match (chars.next(), chars.next()) {
            (Some(first), Some(second)) => by_start.entry((first, second)).or_default().push(id),
            (Some(first), None) => {
                singles.insert(first, id);
            }
            _ => {}
        }
    }
    let by_start = by_start
        .into_iter()
        .map(|(key, mut ids)| {
            // Longest first; names are distinct, so no two of one length both match.
            ids.sort_by_key(|&id| std::cmp::Reverse(patterns[id as usize].len()));
            (key, ids.into_boxed_slice())
        })
        .collect();
    Gazetteer {
        divisions,
        by_code,
        readings: readings.into_iter().map(Vec::into_boxed_slice).collect(),
        by_name,
        patterns,
        by_start,
        singles,
        starts,
    }
}

/// The division with this GB/T 2260 code.
#[must_use]
pub fn by_code(code: u32) -> Option<&'static Division> {
    let g = &*GAZETTEER;
    g.by_code.get(&code).map(|&i| &g.divisions[i])
}

/// Every reading of a name written exactly as `name` (full name or short form).
#[must_use]
pub fn lookup(name: &str) -> &'static [Reading] {
    let g = &*GAZETTEER;
    g.by_name.get(name).map_or(&[], |&id| readings_of(g, id))
}

fn readings_of(g: &'static Gazetteer, id: usize) -> &'static [Reading] {
    &g.readings[id]
}

/// A gazetteer name found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Byte range of the name in the text.
    pub range: std::ops::Range<usize>,
    /// Every division the name may denote.
    pub readings: &'static [Reading],
}

/// The longest gazetteer name starting exactly at byte `at` of `text`.
#[must_use]
pub fn match_at(text: &str, at: usize) -> Option<Hit> {
    if at > text.len() || !text.is_char_boundary(at) {
        return None;
    }
    let g = &*GAZETTEER;
    let (id, len) = g.longest_at(text.as_bytes(), at)?;
    Some(Hit {
        range: at..at + len,
        readings: readings_of(g, id),
    })
}

/// All gazetteer names in `text`, leftmost-longest and non-overlapping.
///
/// The matches of a leftmost-longest scan for every name, found by testing each position
/// against [`StartFilter`] and looking the longest name up only where it passes.
/// The scan walks bytes, not chars: ASCII bytes cannot start a name and are stepped over
/// without decoding, and a three-byte char is tested on its bytes and the next char's
/// against the filter's tables, and decoded by hand (the text is valid UTF-8, so its lead
/// byte gives its length) only where it passes.
pub fn find_all(text: &str) -> impl Iterator<Item = Hit> + '_ {
    let g = &*GAZETTEER;
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let hit = g.next_hit::<false, false>(
            bytes,
            &mut at,
            &mut 0,
            &mut Noted::nothing(&mut Vec::new(), &mut 0),
        );
        if hit.is_none() {
            at = bytes.len();
        }
        hit
    })
}

/// What one pass of [`scan`] over a run found.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    /// The names, as [`find_all`] finds them.
    pub hits: Vec<Hit>,
    /// The bits of the [`cues`] the run holds.
    pub cues: u8,
}

thread_local! {
    /// The list of hits the last scan on this thread that found a name left behind: one
    /// run in twenty holds a name, and a list made for each was an allocation per run.
    static SPARE_HITS: Cell<Option<Vec<Hit>>> = const { Cell::new(None) };
}

impl Scan {
    /// Adds a name found, taking the thread's spare list for the first.
    fn push(&mut self, hit: Hit) {
        if self.hits.capacity() == 0 {
            self.hits = spare::take(&SPARE_HITS);
        }
        self.hits.push(hit);
    }
}

impl Drop for Scan {
    // Inlined into every run's scan, the test alone: most runs find no name.
    #[inline]
    fn drop(&mut self) {
        if self.hits.capacity() > 0 {
            leave_hits(std::mem::take(&mut self.hits));
        }
    }
}

/// Gives a scan's list of hits back to the thread, emptied.
#[inline(never)]
fn leave_hits(mut hits: Vec<Hit>) {
    let room = hits.capacity();
    hits.clear();
    spare::leave(&SPARE_HITS, hits, room);
}

/// The names in `text` (as [`find_all`]) and its [`cues`], in one pass over its chars (a
/// name's own chars are read again, for their cues).
pub(crate) fn scan(text: &str) -> Scan {
    scan_stopping::<false>(text, Noted::nothing(&mut Vec::new(), &mut 0))
}

/// The gazetteer scan's notable chars joined with another set of chars, so that the pass
/// of [`crate::recognize_noting`] over a run finds its names and also notes where that set's
/// chars stand: a second scan of the run for them (the datetime recognizer's) then steps
/// from one to the next instead of reading every char again.
#[derive(Debug, Clone)]
pub struct Noting {
    /// The filter's notable chars and `also`: the chars the scan's hot loop reads further
    /// whatever follows them.
    stops_at: Box<BmpSet>,
    /// The chars whose offsets are noted.
    also: Box<BmpSet>,
    /// Per ASCII byte, its venue class ([`cues::ASCII`]) in the low byte and the classes
    /// [`Noting::seeing`] gave it in the high byte.
    ascii: Box<[u16; 128]>,
    /// The chars [`Noting::seeing_char`] gave classes, and their classes.
    seen_chars: Box<BmpSet>,
    chars: Vec<(u32, u8)>,
}

impl Noting {
    /// A scan that notes the offsets of the three-byte chars of `also`, with the others
    /// [`crate::recognize_noting`] lists.
    #[must_use]
    pub fn new(also: &BmpSet) -> Self {
        Self {
            stops_at: Box::new(GAZETTEER.starts.notable.as_ref().clone().union(also)),
            also: Box::new(also.clone()),
            ascii: Box::new(cues::VENUE_ONLY),
            seen_chars: Box::new(BmpSet::EMPTY),
            chars: Vec::new(),
        }
    }

    /// The same scan, also telling whether a run holds the three-byte char `c` (a char of
    /// another length is ignored): its `classes` are ORed into [`crate::Notes::seen`]. The
    /// scan stops at `c` without noting it, so a rare char costs it little.
    #[must_use]
    pub fn seeing_char(mut self, c: char, classes: u8) -> Self {
        if c.len_utf8() == 3 {
            self.stops_at.insert(c);
            self.seen_chars.insert(c);
            self.chars.push((c.into(), classes));
        }
        self
    }

    /// The same scan, also telling whether a run holds any of the ASCII `bytes`: their
    /// `classes` (bits) are ORed into [`crate::Notes::seen`]. Read in the pass the scan makes
    /// over every ASCII byte anyway, where a search of its own cost another pass per run.
    #[must_use]
    pub fn seeing(mut self, bytes: &[u8], classes: u8) -> Self {
        for &b in bytes.iter().filter(|b| b.is_ascii()) {
            self.ascii[usize::from(b)] |= u16::from(classes) << 8;
        }
        self
    }

    /// The classes [`Noting::seeing`] gave the bytes of `text`, ORed.
    pub(crate) fn seen_in(&self, text: &[u8]) -> u8 {
        text.iter()
            .filter(|b| b.is_ascii())
            .fold(0, |seen, &b| seen | (self.ascii[usize::from(b)] >> 8) as u8)
    }
}

/// [`scan`], noting in `stops` (ascending) the offset of every three-byte char of `text` in
/// `noting`'s set, of every other non-ASCII char, and of the first char of every ASCII
/// stretch.
pub(crate) fn scan_noting(text: &str, noting: &Noting, notes: &mut crate::Notes) -> Scan {
    let state = Noted {
        stops_at: &noting.stops_at,
        also: &noting.also,
        ascii: &noting.ascii,
        seen_chars: &noting.seen_chars,
        chars: &noting.chars,
        stops: &mut notes.stops,
        seen: &mut notes.seen,
    };
    scan_stopping::<true>(text, state)
}

/// [`scan`], with `NOTE_STOPS` stopping also at the chars of `noted.also` and noting the
/// offsets [`scan_noting`] describes.
fn scan_stopping<const NOTE_STOPS: bool>(text: &str, mut noted: Noted) -> Scan {
    let g = &*GAZETTEER;
    let bytes = text.as_bytes();
    let mut found = Scan::default();
    let mut at = 0;
    while let Some(hit) =
        g.next_hit::<true, NOTE_STOPS>(bytes, &mut at, &mut found.cues, &mut noted)
    {
        // The scan steps over a name's chars after its first: note them here.
        let name = &text[hit.range.clone()];
        found.cues |= name
            .chars()
            .fold(0, |bits, c| bits | cues::of_code(c.into()));
        if NOTE_STOPS {
            for (k, c) in name.char_indices().skip(1) {
                if c.len_utf8() != 3 || noted.also.contains(c.into()) {
                    noted.stops.push(hit.range.start + k);
                }
                if noted.seen_chars.contains(c.into()) {
                    *noted.seen |= noted.class_of(c.into());
                }
            }
        }
        found.push(hit);
    }
    found
}

/// What a scan stops at and notes besides names and cues (see [`scan_stopping`]).
struct Noted<'a> {
    /// The filter's notable chars joined with `also` (the filter's own for a plain scan).
    stops_at: &'a BmpSet,
    also: &'a BmpSet,
    /// The venue classes and the caller's of each ASCII byte ([`Noting::seeing`]).
    ascii: &'a [u16; 128],
    /// The chars with classes, and their classes ([`Noting::seeing_char`]).
    seen_chars: &'a BmpSet,
    chars: &'a [(u32, u8)],
    stops: &'a mut Vec<usize>,
    /// The caller's classes of the ASCII bytes and the chars passed, ORed.
    seen: &'a mut u8,
}

impl<'a> Noted<'a> {
    /// For a scan that notes nothing for another recognizer (`NOTE_STOPS` false): it reads
    /// only the venue's own ASCII classes.
    fn nothing(unused: &'a mut Vec<usize>, unseen: &'a mut u8) -> Self {
        Self {
            stops_at: &BmpSet::EMPTY,
            also: &BmpSet::EMPTY,
            ascii: &cues::VENUE_ONLY,
            seen_chars: &BmpSet::EMPTY,
            chars: &[],
            stops: unused,
            seen: unseen,
        }
    }

    /// The classes [`Noting::seeing_char`] gave the char whose code is `code`.
    fn class_of(&self, code: u32) -> u8 {
        self.chars
            .iter()
            .filter(|&&(c, _)| c == code)
            .fold(0, |classes, &(_, more)| classes | more)
    }
}

impl Gazetteer {
    /// The next name at or after `*at` (a char boundary), moving `*at` past it; with `NOTE`,
    /// the cues of the chars passed are added to `cues`.
    fn next_hit<const NOTE: bool, const NOTE_STOPS: bool>(
        &'static self,
        bytes: &[u8],
        at: &mut usize,
        cues: &mut u8,
        noted: &mut Noted,
    ) -> Option<Hit> {
        while let Some(start) = self
            .starts
            .next_start::<NOTE, NOTE_STOPS>(bytes, *at, cues, noted)
        {
            if let Some((id, len)) = self.longest_at(bytes, start) {
                *at = start + len;
                return Some(Hit {
                    range: start..*at,
                    readings: readings_of(self, id),
                });
            }
            // No name starts here: go on after this position's char.
            *at = start + decode(bytes, start).1;
        }
        None
    }
}

impl StartFilter {
    /// The first char boundary at or after `at` (itself a char boundary of the valid UTF-8
    /// `bytes`) where the filter lets a name start; with `NOTE`, the cues of the chars
    /// passed on the way are added to `cues`.
    ///
    /// A plain function over locals, not the iterator's closure, and never inlined: the scan
    /// state stays in registers (inlined into `recognize`, the loop reloaded its bounds
    /// from the stack at every char).
    #[inline(never)]
    fn next_start<const NOTE: bool, const NOTE_STOPS: bool>(
        &self,
        bytes: &[u8],
        mut at: usize,
        cues: &mut u8,
        noted: &mut Noted,
    ) -> Option<usize> {
        // The plain scan's table is its own, read through `self` as before noting existed
        // (through `noted` it cost the plain scan 0.6 M instructions per MB of the report).
        let stops_at: &BmpSet = if NOTE_STOPS {
            noted.stops_at
        } else {
            &self.notable
        };
        loop {
            let start = at;
            let code = if let Some(seq) = three_bytes(bytes, at) {
                // The common case, a three-byte char (all of CJK): the loop's hot path,
                // tested on its bytes and the next char's and decoded only once it passes.
                // It passes if it is notable, or if it is in `firsts` and the next char in
                // `seconds`: a test with no branch of its own, where a branch on `firsts`
                // alone was taken by one Han char in three, at random (item 67).
                at += 3;
                let pair = three_bytes(bytes, at).is_none_or(|n| self.seconds.contains_three(n));
                if !(stops_at.contains_three(seq) | (self.firsts.contains_three(seq) & pair)) {
                    continue;
                }
                let code = code_of_three(seq);
                if NOTE_STOPS {
                    if noted.also.contains(code) {
                        noted.stops.push(start);
                    }
                    if noted.seen_chars.contains(code) {
                        *noted.seen |= noted.class_of(code);
                    }
                }
                if !self.firsts.contains(code) {
                    continue;
                }
                code
            } else {
                let &lead = bytes.get(at)?;
                if NOTE_STOPS {
                    // The first char of an ASCII stretch, or a char of two or four bytes.
                    noted.stops.push(start);
                }
                // Every name is Chinese (`every_name_is_non_ascii`), so ASCII cannot start one.
                if lead < 0x80 {
                    let end = at + ascii_prefix(&bytes[at..]);
                    if NOTE {
                        let (stretch_cues, seen) = cues::of_ascii(&bytes[at..end], noted.ascii);
                        *cues |= stretch_cues;
                        *noted.seen |= seen;
                    }
                    at = end;
                    continue;
                }
                let (code, len) = decode(bytes, at);
                at += len;
                if !self.may_begin(code) {
                    continue;
                }
                code
            };
            if NOTE && self.cues.contains(code) {
                *cues |= cues::of_code(code);
            }
            let next = three_byte_code(bytes, at)
                .or_else(|| (at < bytes.len()).then(|| decode(bytes, at).0));
            if self.may_start(code, next) {
                return Some(start);
            }
        }
    }
}

/// Number of divisions in the embedded table.
#[must_use]
pub fn len() -> usize {
    GAZETTEER.divisions.len()
}

/// Whether the embedded table is empty (never, unless the data file is broken).
#[must_use]
pub fn is_empty() -> bool {
    GAZETTEER.divisions.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(name: &str) -> Vec<(u32, bool)> {
        let mut v: Vec<_> = lookup(name)
            .iter()
            .map(|r| (r.division.code, r.full))
            .collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn table_loads() {
        assert!(len() > 3000);
        assert!(!is_empty());
        assert_eq!(by_code(110_102).map(|d| d.name), Some("西城区"));
    }

    #[test]
    fn full_names_and_short_forms() {
        assert_eq!(codes("北京市"), vec![(110_000, true)]);
        assert_eq!(codes("北京"), vec![(110_000, false)]);
        assert_eq!(codes("杭州"), vec![(330_100, false)]);
        assert_eq!(codes("新疆"), vec![(650_000, false)]);
        assert_eq!(codes("广西"), vec![(450_000, false)]);
        assert_eq!(codes("内蒙古"), vec![(150_000, false)]);
        assert_eq!(codes("香港"), vec![(810_000, false)]);
        assert_eq!(codes("澳门"), vec![(820_000, false)]);
        assert_eq!(codes("台湾"), vec![(710_000, false)]);
        assert_eq!(codes("延边"), vec![(222_400, false)]);
        assert_eq!(codes("海淀"), vec![(110_108, false)]);
        assert_eq!(codes("浦东"), vec![(310_115, false)]);
    }

    #[test]
    fn autonomous_counties_have_no_short_form() {
        assert!(lookup("大化").is_empty());
        assert_eq!(codes("大化瑶族自治县"), vec![(451_229, true)]);
    }

    #[test]
    fn ambiguous_names_keep_every_reading() {
        assert_eq!(codes("朝阳区"), vec![(110_105, true), (220_104, true)]);
        assert_eq!(codes("西湖区"), vec![(330_106, true), (360_103, true)]);
        let chaoyang = codes("朝阳");
        assert!(chaoyang.contains(&(211_300, false)) && chaoyang.contains(&(110_105, false)));
        assert_eq!(codes("吉林"), vec![(220_000, false), (220_200, false)]);
    }

    #[test]
    fn hierarchy() {
        let xicheng = by_code(110_102).unwrap();
        assert_eq!(xicheng.parent().map(|d| d.name), Some("北京市"));
        assert!(xicheng.parent().unwrap().is_municipality());
        let xihu = by_code(330_106).unwrap();
        assert_eq!(xihu.parent().map(|d| d.name), Some("杭州市"));
        assert_eq!(xihu.province().name, "浙江省");
        assert!(xihu.is_within(by_code(330_000).unwrap()));
        assert!(!xihu.is_within(by_code(110_000).unwrap()));
        // County-level cities directly under a province.
        assert_eq!(
            by_code(469_007).and_then(Division::parent).map(|d| d.name),
            Some("海南省")
        );
    }

    /// A scan's list of hits is the thread's spare, given back emptied; one grown past
    /// [`spare::SPARE_MAX`] is freed instead of kept.
    #[test]
    fn the_spare_list_of_hits_is_reused_and_kept_small() {
        let spare_room = || {
            SPARE_HITS.with(|left| {
                let hits = left.take().unwrap_or_default();
                let room = (hits.len(), hits.capacity());
                left.set(Some(hits));
                room
            })
        };
        SPARE_HITS.with(|left| left.set(None));
        let one = scan("会议在北京举行");
        assert_eq!(one.hits.len(), 1);
        drop(one);
        let (len, room) = spare_room();
        assert_eq!(len, 0);
        assert!(room >= 1);
        // The next scan takes the spare and finds only its own names.
        let next = scan("杭州和上海");
        assert_eq!(next.hits.len(), 2);
        assert_eq!(spare_room().1, 0, "taken by the scan that found a name");
        drop(next);
        let many = scan(&"北京，".repeat(spare::SPARE_MAX + 1));
        assert_eq!(many.hits.len(), spare::SPARE_MAX + 1);
        drop(many);
        assert_eq!(spare_room().1, 0, "a list grown past the cap is not kept");
    }

    /// `recognize` skips the gazetteer scan on ASCII text, which is sound only while this holds.
    #[test]
    fn every_name_is_non_ascii() {
        assert!(GAZETTEER.by_name.keys().all(|name| !name.is_ascii()));
    }

    /// An aho-corasick automaton's own leftmost-longest scan over every name, the oracle.
    static AUTOMATON: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&GAZETTEER.patterns)
            .unwrap()
    });

    /// The prefiltered scan against the automaton's own unanchored scan, and every match
    /// against `match_at` at its start.
    fn same_as_automaton(text: &str) {
        let fast: Vec<_> = find_all(text).map(|h| h.range).collect();
        let plain: Vec<_> = AUTOMATON
            .find_iter(text)
            .map(|m| m.start()..m.end())
            .collect();
        assert_eq!(fast, plain, "{text}");
        let scanned = scan(text);
        let scanned_ranges: Vec<_> = scanned.hits.iter().map(|h| h.range.clone()).collect();
        assert_eq!(scanned_ranges, plain, "{text}");
        assert_eq!(scanned.cues, cues_by_search(text), "{text}");
        for range in plain {
            assert_eq!(match_at(text, range.start).map(|h| h.range), Some(range));
        }
        // Noting stops changes nothing the scan finds, whether the noted chars start names
        // (上, 中, 北), end them (市, 区), are cues (会) or none of these.
        // The classes it is asked to see are those of the ASCII bytes and chars the text
        // holds, in a name (市 ends many, 行 starts 行唐) or not.
        let noting = Noting::new(&BmpSet::EMPTY.with_chars(&NOTED).with_range('0', '9'))
            .seeing(b"0123456789", 1)
            .seeing(b"lL:", 2)
            .seeing_char('市', 4)
            .seeing_char('行', 8);
        let mut notes = crate::Notes::default();
        let scanned_noting = scan_noting(text, &noting, &mut notes);
        assert_eq!(scanned_noting.hits, scanned.hits, "{text}");
        assert_eq!(scanned_noting.cues, scanned.cues, "{text}");
        assert_eq!(notes.stops, stops_by_chars(text), "{text}");
        let digit = u8::from(text.bytes().any(|b| b.is_ascii_digit()));
        let ell = u8::from(text.bytes().any(|b| matches!(b, b'l' | b'L' | b':')));
        let city = u8::from(text.contains('市'));
        let hang = u8::from(text.contains('行'));
        assert_eq!(
            notes.seen,
            digit | ell << 1 | city << 2 | hang << 3,
            "{text}"
        );
    }

    /// The chars the scans in [`same_as_automaton`] note.
    const NOTED: [char; 12] = [
        '上', '中', '北', '市', '区', '会', '一', '十', '周', '年', '的', '·',
    ];

    /// The stops [`scan_noting`] notes for [`NOTED`], read off the chars one by one: the
    /// oracle of the scan.
    fn stops_by_chars(text: &str) -> Vec<usize> {
        let mut stops = Vec::new();
        let mut after_ascii = false;
        for (i, c) in text.char_indices() {
            let stop = if c.is_ascii() {
                !after_ascii
            } else {
                c.len_utf8() != 3 || NOTED.contains(&c)
            };
            if stop {
                stops.push(i);
            }
            after_ascii = c.is_ascii();
        }
        stops
    }

    /// The cue bits of `text`, found by plain substring searches: the oracle of [`scan`].
    fn cues_by_search(text: &str) -> u8 {
        let lower = text.to_ascii_lowercase();
        let mut bits = 0;
        bits |= if text.contains(':') { cues::COLON } else { 0 };
        if ["zoom", "bilibili", "youtube"]
            .iter()
            .any(|w| lower.contains(w))
        {
            bits |= cues::PLATFORM_WORD;
        }
        // Written out, not read from `cues::CHARS`, so that a char dropped there fails here.
        for (c, bit) in [
            ('：', cues::WIDE_COLON),
            ('会', cues::HUI),
            ('直', cues::ZHI),
            ('站', cues::STATION),
            ('哔', cues::STATION),
            ('视', cues::SHI),
            ('线', cues::XIAN),
        ] {
            if text.contains(c) {
                bits |= bit;
            }
        }
        bits
    }

    #[test]
    fn scan_notes_cues_everywhere() {
        for text in [
            "",
            "北京",
            "会同县",
            "在会同县会议室",
            "地点：北京市线上",
            "Zoom: b站 哔哩 视频号 直播",
            "yout ube zoo bilibil",
            "会理市直播",
            // Cue chars inside a name, which the scan steps over.
            "新会区",
            "在中站区",
        ] {
            same_as_automaton(text);
        }
    }

    #[test]
    fn start_filter_finds_what_the_automaton_finds() {
        let names: Vec<&str> = GAZETTEER.by_name.keys().copied().collect();
        // Every name alone, glued to its neighbours, and after a partial name.
        let glued: String = names.iter().take(2000).copied().collect();
        same_as_automaton(&glued);
        for name in &names {
            same_as_automaton(name);
            same_as_automaton(&format!("在{name}举行"));
            let first: String = name.chars().take(1).collect();
            same_as_automaton(&format!("{first}{name}"));
        }
        for seed in ["../../../shared/seeds", "../../examples"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(seed);
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                if let Ok(text) = std::fs::read_to_string(entry.path()) {
                    same_as_automaton(&text);
                }
            }
        }
    }

    proptest::proptest! {
        /// Strings of name fragments, where partial and overlapping names abound.
        #[test]
        fn start_filter_on_name_fragments(picks in proptest::collection::vec((0usize..6028, 0usize..4, 0usize..5), 0..12)) {
            let names: Vec<&str> = GAZETTEER.by_name.keys().copied().collect();
            let text: String = picks
                .iter()
                .map(|&(n, skip, take)| {
                    let name = names[n % names.len()];
                    name.chars().skip(skip).take(take.max(1)).collect::<String>()
                })
                .collect::<Vec<_>>()
                .join(["", "", "市", "，", "a"][picks.len() % 5]);
            same_as_automaton(&text);
        }
    }

    proptest::proptest! {
        /// Text of cue chars, platform letters and names' chars, where cues abound.
        #[test]
        fn scan_on_cue_text(text in "[zoZObiLlyuTe:：会议直播站哔视频号线上北京市海淀区同新中 ]{0,40}") {
            same_as_automaton(&text);
        }

        /// Text of whole and broken platform words in mixed case, among the case variants
        /// Unicode folding adds (ſ, K) and cue chars.
        #[test]
        fn scan_on_platform_pieces(picks in proptest::collection::vec(0usize..16, 0..12)) {
            let pieces = [
                "ZoOm", "zoom", "zoo", "YOUTUBE", "youtub", "BiliBili", "bilibil", "ſ", "K", ":",
                "：", "会议", "直", "站", "新会区", " ",
            ];
            let text: String = picks.iter().map(|&i| pieces[i]).collect();
            same_as_automaton(&text);
        }

        /// Arbitrary text, ASCII and beyond, with names mixed in.
        #[test]
        fn start_filter_on_any_text(parts in proptest::collection::vec((".{0,6}", 0usize..6028), 0..8)) {
            let names: Vec<&str> = GAZETTEER.by_name.keys().copied().collect();
            let mut text = String::new();
            for (s, n) in &parts {
                text.push_str(s);
                text.push_str(names[n % names.len()]);
            }
            same_as_automaton(&text);
        }
    }

    /// Whether `holds` is true of exactly the chars of the plane that begin a name `taken`
    /// lets through, and the cue chars.
    fn holds_exactly_cues_and(holds: impl Fn(u32) -> bool, taken: impl Fn(&str) -> bool) {
        let firsts: std::collections::HashSet<char> = GAZETTEER
            .by_name
            .keys()
            .filter(|n| taken(n))
            .filter_map(|n| n.chars().next())
            .collect();
        for code in 0..0x1_0000_u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let cue = cues::CHARS.iter().any(|&(k, _)| k == c);
            assert_eq!(holds(code), firsts.contains(&c) || cue, "{c}");
        }
    }

    /// The first-char table holds exactly the first chars of the names and the cue chars.
    #[test]
    fn first_char_table_is_exact() {
        holds_exactly_cues_and(|code| GAZETTEER.starts.may_begin(code), |_| true);
    }

    /// The chars the hot loop reads further whatever follows them are the cues and the
    /// one-char names, exactly: a one-char name left out would be missed before any char
    /// that is not the second of a name.
    #[test]
    fn notable_table_is_exact() {
        holds_exactly_cues_and(
            |code| GAZETTEER.starts.notable.contains(code),
            |name| name.chars().count() == 1,
        );
    }

    #[test]
    fn anchored_and_scanning_matches() {
        let text = "北京市西城区宣武门外大街";
        let hit = match_at(text, 0).unwrap();
        assert_eq!(&text[hit.range.clone()], "北京市");
        let hit = match_at(text, hit.range.end).unwrap();
        assert_eq!(&text[hit.range], "西城区");
        assert!(match_at(text, 1).is_none());
        let names: Vec<_> = find_all("上海市徐汇区").map(|h| h.range).collect();
        assert_eq!(names, vec![0..9, 9..18]);
    }
}
