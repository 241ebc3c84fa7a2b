//! The chars that let the recognizer's searches run at all, noted in the gazetteer's pass.
//!
//! Before this, each run was searched for its colons, platform words and 线上 one substring
//! at a time: ten scans of every run, most of them finding nothing, which cost as much as
//! the gazetteer scan itself (callgrind on the report seed: 13 of 26 M instructions per MB of
//! venue time). The gazetteer scan ([`crate::gazetteer::scan`]) already reads every char, so
//! it sets a bit for each cue char it passes; a search then runs only on a run whose bits
//! say it can succeed, and is still the exact test.

/// An ASCII colon, which may end an English or Chinese label.
pub(crate) const COLON: u8 = 1;
/// A fullwidth colon (`：`), which ends most Chinese labels.
pub(crate) const WIDE_COLON: u8 = 1 << 1;
/// An English platform name (`zoom`, `bilibili`, `youtube`, in any case): found exactly.
pub(crate) const PLATFORM_WORD: u8 = 1 << 2;
/// 会, which 会议 (`腾讯会议`) holds.
pub(crate) const HUI: u8 = 1 << 3;
/// 直, which 直播 holds.
pub(crate) const ZHI: u8 = 1 << 4;
/// 站 or 哔 (`B站`, `哔哩哔哩`): either alone lets a platform match.
pub(crate) const STATION: u8 = 1 << 5;
/// 视, which 视频号 holds.
pub(crate) const SHI: u8 = 1 << 6;
/// 线, which 线上 holds.
pub(crate) const XIAN: u8 = 1 << 7;

/// The non-ASCII cue chars and their bits.
pub(crate) const CHARS: [(char, u8); 7] = [
    ('：', WIDE_COLON),
    ('会', HUI),
    ('直', ZHI),
    ('站', STATION),
    ('哔', STATION),
    ('视', SHI),
    ('线', XIAN),
];

/// The bit of the cue char whose code is `code`, or 0.
pub(crate) fn of_code(code: u32) -> u8 {
    CHARS
        .iter()
        .find(|&&(c, _)| u32::from(c) == code)
        .map_or(0, |&(_, bit)| bit)
}

/// The English platform names, lowercase. Compared without regard to ASCII case, which is
/// all the case folding of the platform regex (`(?i)`) can do to them: no name holds `k` or
/// `s`, the only ASCII letters with non-ASCII case variants (`K`, `ſ`).
const WORDS: [&[u8]; 3] = [b"zoom", b"bilibili", b"youtube"];

/// What an ASCII byte may begin: nothing (0), a colon, or a platform name (a letter that
/// starts one, in either case).
pub(crate) const ASCII: [u8; 128] = {
    let mut table = [0; 128];
    table[b':' as usize] = COLON;
    let mut i = 0;
    while i < WORDS.len() {
        let first = WORDS[i][0];
        table[first as usize] = PLATFORM_WORD;
        table[first.to_ascii_uppercase() as usize] = PLATFORM_WORD;
        i += 1;
    }
    table
};

/// [`ASCII`] as the low byte of the table [`of_ascii`] reads, with no caller's class in the
/// high byte: the table of a scan that notes nothing for anyone else.
pub(crate) const VENUE_ONLY: [u16; 128] = {
    let mut table = [0; 128];
    let mut i = 0;
    while i < 128 {
        table[i] = ASCII[i] as u16;
        i += 1;
    }
    table
};

/// The cues of a stretch of ASCII bytes, and the classes a caller gave its bytes ORed,
/// read with a table whose low byte is [`ASCII`]'s and whose high byte the caller's
/// classes. A platform name counts only when the whole name is in the stretch (every name
/// is ASCII, so a name never spans two stretches).
#[inline(never)]
pub(crate) fn of_ascii(stretch: &[u8], table: &[u16; 128]) -> (u8, u8) {
    let seen = stretch
        .iter()
        .fold(0, |seen, &b| seen | table[usize::from(b & 0x7F)]);
    let [classes, cues] = seen.to_be_bytes();
    (of_classes(stretch, cues), classes)
}

/// The cues of `stretch`, whose bytes' [`ASCII`] classes ORed are `seen`.
///
/// Every byte's class is ORed without a branch, and the platform names are looked for only
/// in a stretch that holds one's first letter: a branch per byte cost about nine
/// instructions a byte of every stretch.
#[inline]
fn of_classes(stretch: &[u8], seen: u8) -> u8 {
    let mut cues = seen & COLON;
    if seen & PLATFORM_WORD != 0 && holds_platform_word(stretch) {
        cues |= PLATFORM_WORD;
    }
    cues
}

/// Whether a platform name starts at one of the stretch's bytes and ends inside it.
fn holds_platform_word(stretch: &[u8]) -> bool {
    stretch.iter().enumerate().any(|(i, &b)| {
        // Each name has its own first letter: a byte can start one name at most.
        let word = match b | 0x20 {
            b'z' => WORDS[0],
            b'b' => WORDS[1],
            b'y' => WORDS[2],
            _ => return false,
        };
        stretch
            .get(i..i + word.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(word))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The venue cues of a stretch.
    fn cues_of(stretch: &[u8]) -> u8 {
        of_ascii(stretch, &VENUE_ONLY).0
    }

    #[test]
    fn ascii_stretches() {
        assert_eq!(cues_of(b"see you at 9"), 0);
        assert_eq!(cues_of(b"Venue: Zoom"), COLON | PLATFORM_WORD);
        assert_eq!(cues_of(b"on BiliBili"), PLATFORM_WORD);
        assert_eq!(cues_of(b"YOUTUBE"), PLATFORM_WORD);
        // A name cut short by the end of the stretch is not one.
        assert_eq!(cues_of(b"bilibil"), 0);
        assert_eq!(cues_of(b"zoo"), 0);
        assert_eq!(cues_of(b"http://x"), COLON);
    }

    proptest::proptest! {
        /// The branch-free pass finds what reading every window of the stretch finds.
        #[test]
        fn ascii_cues_are_every_window(
            parts in proptest::collection::vec(0usize..64, 0..24),
        ) {
            let pieces = [
                "zoom", "ZOOM", "Bilibili", "bilibil", "YouTube", "youtub", "b", "y", "z", "Z",
                ":", " ", "x", "1", "o", "ili", "tube", "bi", "yo", "zo",
            ];
            let text: String = parts.iter().map(|&i| pieces[i % pieces.len()]).collect();
            let bytes = text.as_bytes();
            let platform = (0..bytes.len()).any(|i| {
                WORDS.iter().any(|w| bytes.get(i..i + w.len()).is_some_and(|h| h.eq_ignore_ascii_case(w)))
            });
            let want = if bytes.contains(&b':') { COLON } else { 0 }
                | if platform { PLATFORM_WORD } else { 0 };
            proptest::prop_assert_eq!(cues_of(bytes), want);
        }
    }

    /// ASCII case folding finds every match of the regex's Unicode case folding only while
    /// no platform name holds a letter with a non-ASCII case variant.
    /// [`holds_platform_word`] picks a name by its first letter.
    #[test]
    fn platform_names_start_with_z_b_y() {
        assert_eq!(WORDS.map(|w| w[0]), [b'z', b'b', b'y']);
    }

    #[test]
    fn platform_names_have_no_letter_with_a_non_ascii_variant() {
        for word in WORDS {
            assert!(!word.iter().any(|b| matches!(b, b'k' | b's')), "{word:?}");
        }
    }

    #[test]
    fn char_bits() {
        assert_eq!(of_code(u32::from('会')), HUI);
        assert_eq!(of_code(u32::from('哔')), STATION);
        assert_eq!(of_code(u32::from('：')), WIDE_COLON);
        assert_eq!(of_code(u32::from('北')), 0);
        assert_eq!(of_code(u32::from(':')), 0);
    }
}
