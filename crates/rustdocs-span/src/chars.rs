//! Chars read straight from UTF-8 bytes, for the recognizers' scans over whole runs.
//!
//! A recognizer's gate looks at every char of every run, and nearly all of them are CJK
//! ideographs: three-byte sequences whose code a few shifts give. `str::chars` validates
//! and branches on every length; these helpers decode the one length that matters inline and
//! test the code against a [`BmpSet`] with one load, which is what made the datetime and
//! venue scans several times cheaper. (Release verbs, a fixed set of words, are found by an
//! automaton instead.)
//!
//! ```
//! use rustdocs_span::chars::{decode, three_byte_code, BmpSet};
//!
//! static OPENERS: BmpSet = BmpSet::EMPTY.with_range('0', '9').with_chars(&['今', '明']);
//! let text = "今天 9 点".as_bytes();
//! assert_eq!(three_byte_code(text, 0), Some('今' as u32));
//! assert!(OPENERS.contains('今' as u32));
//! assert_eq!(decode(text, 6), (' ' as u32, 1));
//! assert!(!OPENERS.contains('天' as u32));
//! ```

/// The code of the three-byte UTF-8 sequence starting at `at`, if one starts there (every
/// CJK ideograph and CJK punctuation mark is one).
#[must_use]
pub fn three_byte_code(bytes: &[u8], at: usize) -> Option<u32> {
    // Not `three_bytes(..).map(code_of_three)`: that compiles to a two-byte load and shifts
    // to split it, four more instructions per char in the datetime scan's loop.
    match bytes.get(at..)? {
        &[lead @ 0xE0..=0xEF, b1, b2, ..] => Some(code_of_three([lead, b1, b2])),
        _ => None,
    }
}

/// The three-byte UTF-8 sequence starting at `at`, if one starts there: for a scan's hot
/// loop, which tests it with [`BmpSet::contains_three`] before assembling its code.
#[must_use]
pub fn three_bytes(bytes: &[u8], at: usize) -> Option<[u8; 3]> {
    // A pattern on the rest, not a range `at..at + 3`: no overflow test in scan loops.
    match bytes.get(at..)? {
        &[lead @ 0xE0..=0xEF, b1, b2, ..] => Some([lead, b1, b2]),
        _ => None,
    }
}

/// The code of a three-byte UTF-8 sequence.
#[must_use]
pub const fn code_of_three([lead, b1, b2]: [u8; 3]) -> u32 {
    ((lead as u32 & 0x0F) << 12) | ((b1 as u32 & 0x3F) << 6) | (b2 as u32 & 0x3F)
}

/// The code and byte length of the char starting at `at`, a char boundary of valid UTF-8
/// (`(0, 1)` at or past the end, so a caller stepping by the length always advances).
#[must_use]
pub fn decode(bytes: &[u8], at: usize) -> (u32, usize) {
    let byte = |i: usize| u32::from(bytes.get(at + i).copied().unwrap_or(0) & 0x3F);
    let lead = u32::from(bytes.get(at).copied().unwrap_or(0));
    if lead < 0x80 {
        (lead, 1)
    } else if lead < 0xE0 {
        (((lead & 0x1F) << 6) | byte(1), 2)
    } else if lead < 0xF0 {
        (((lead & 0x0F) << 12) | (byte(1) << 6) | byte(2), 3)
    } else {
        (
            ((lead & 0x07) << 18) | (byte(1) << 12) | (byte(2) << 6) | byte(3),
            4,
        )
    }
}

/// Whether any byte of `bytes` passes `flagged`: 32-byte blocks folded without an early
/// exit inside a block, which the compiler turns into SIMD; a byte loop that stops at the
/// first hit cannot be vectorized and is several times slower.
///
/// The last, partial block is copied into a full one padded with `pad`, which `flagged`
/// must not pass, and folded the same way: most texts tested are a sentence or two, so the
/// tail is most of the text, and a byte loop over it cost several times the copy. (Padding
/// with the tail's own first byte needs no such byte, but filling with a value known only
/// at run time is a `memset` call: 0.4 M instructions per MB more in the extract stage.)
///
/// ```
/// use rustdocs_span::chars::any_byte;
///
/// assert!(any_byte("版本 1.0".as_bytes(), 0, |b| b.is_ascii_digit()));
/// assert!(!any_byte("没有数字".as_bytes(), 0, |b| b.is_ascii_digit()));
/// assert!(!any_byte(b"", b' ', |b| b < 0x20));
/// ```
#[inline]
pub fn any_byte(bytes: &[u8], pad: u8, flagged: impl Fn(u8) -> bool) -> bool {
    debug_assert!(!flagged(pad), "the padding byte must not be flagged");
    let fold = |block: &[u8; 32]| block.iter().fold(false, |hit, &b| hit | flagged(b));
    let mut blocks = bytes.chunks_exact(32);
    for block in blocks.by_ref() {
        if block.try_into().is_ok_and(&fold) {
            return true;
        }
    }
    let tail = blocks.remainder();
    let mut last = [pad; 32];
    last[..tail.len()].copy_from_slice(tail);
    fold(&last)
}

/// Length of the ASCII prefix of `bytes`, eight bytes at a time: a scan that looks for
/// non-ASCII chars steps over stretches of code and English with it.
#[must_use]
pub fn ascii_prefix(bytes: &[u8]) -> usize {
    prefix_before(bytes, |word| word & HIGH, |b| b >= 0x80)
}

/// Length of the prefix of `bytes` that is ASCII other than digits, eight bytes at a time: a
/// scan for numbers and non-ASCII chars steps over the rest of an ASCII stretch with it.
#[must_use]
pub fn ascii_non_digit_prefix(bytes: &[u8]) -> usize {
    prefix_before(
        bytes,
        |word| (word | digit_bits(word)) & HIGH,
        |b| b >= 0x80 || b.is_ascii_digit(),
    )
}

/// The high bit of each byte of `word` whose low seven bits are an ASCII digit (other bits
/// may be set too). With the high bits cleared no byte sum carries into the next byte: a
/// byte gets its high bit from `+ 0x50` if it is at least `0`, from `+ 0x46` if it is past `9`.
#[inline]
fn digit_bits(word: u64) -> u64 {
    let low = word & !HIGH;
    low.wrapping_add(0x50 * ONES) & !low.wrapping_add(0x46 * ONES)
}

/// The high bit of each byte of a word.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The low bit of each byte of a word: `n * ONES` repeats byte `n` in every byte.
const ONES: u64 = 0x0101_0101_0101_0101;

/// Length of the prefix of `bytes` without an ASCII digit, eight bytes at a time: a search
/// for numbers in Chinese text steps over the chars between them with it.
#[must_use]
pub fn non_digit_prefix(bytes: &[u8]) -> usize {
    prefix_before(
        bytes,
        // Less the bytes with their high bit set, whose low seven bits may look like a digit
        // (0xB0–0xB9 are continuation bytes).
        |word| digit_bits(word) & !word & HIGH,
        |b| b.is_ascii_digit(),
    )
}

/// Length of the prefix of `bytes` before the first byte `stops`, read eight bytes at a time
/// by `stops_in`, which gives the high bit of each stopping byte of a little-endian word.
#[inline]
fn prefix_before(bytes: &[u8], stops_in: impl Fn(u64) -> u64, stops: impl Fn(u8) -> bool) -> usize {
    let mut chunks = bytes.chunks_exact(8);
    let mut n = 0;
    for chunk in chunks.by_ref() {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0x80; 8]));
        let stopping = stops_in(word);
        if stopping != 0 {
            return n + (stopping.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    let rest = chunks.remainder();
    n + rest.iter().position(|&b| stops(b)).unwrap_or(rest.len())
}

/// A set of Basic Multilingual Plane chars, one bit each (8 KiB), tested by code with one
/// load: built in a `const` for fixed sets, with [`BmpSet::insert`] for data-driven ones.
/// Chars above the plane are never members.
#[derive(Clone, PartialEq, Eq)]
pub struct BmpSet([u64; 1024]);

impl BmpSet {
    /// The set with no char.
    pub const EMPTY: Self = Self([0; 1024]);

    /// The set with `c` added.
    #[must_use]
    pub const fn with(mut self, c: char) -> Self {
        let code = c as usize;
        if code < 0x1_0000 {
            self.0[code / 64] |= 1 << (code % 64);
        }
        self
    }

    /// The set with every char of `chars` added.
    #[must_use]
    pub const fn with_chars(mut self, chars: &[char]) -> Self {
        let mut i = 0;
        while i < chars.len() {
            self = self.with(chars[i]);
            i += 1;
        }
        self
    }

    /// The set with every char from `first` to `last` (inclusive) added.
    #[must_use]
    pub const fn with_range(mut self, first: char, last: char) -> Self {
        let mut code = first as u32;
        while code <= last as u32 {
            if let Some(c) = char::from_u32(code) {
                self = self.with(c);
            }
            code += 1;
        }
        self
    }

    /// Adds `c`; returns whether it is in the plane, and so now a member.
    pub fn insert(&mut self, c: char) -> bool {
        let code = c as usize;
        let fits = code < 0x1_0000;
        if fits {
            self.0[code / 64] |= 1 << (code % 64);
        }
        fits
    }

    /// The set with every member of `other` added.
    #[must_use]
    pub fn union(mut self, other: &Self) -> Self {
        for (word, more) in self.0.iter_mut().zip(other.0) {
            *word |= more;
        }
        self
    }

    /// Whether the char of the three-byte UTF-8 sequence `seq` is a member: [`BmpSet::contains`]
    /// of its [`code_of_three`], read without assembling the code (the lead and first
    /// continuation byte give the word, the last byte the bit).
    #[must_use]
    pub const fn contains_three(&self, [lead, b1, b2]: [u8; 3]) -> bool {
        let word = ((lead as usize & 0x0F) << 6) | (b1 as usize & 0x3F);
        self.0[word] >> (b2 & 0x3F) & 1 == 1
    }

    /// Whether the char with code `code` is a member.
    #[must_use]
    pub const fn contains(&self, code: u32) -> bool {
        let code = code as usize;
        code < 0x1_0000 && self.0[code / 64] >> (code % 64) & 1 == 1
    }
}

impl std::fmt::Debug for BmpSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let members = self.0.iter().map(|w| w.count_ones()).sum::<u32>();
        write!(f, "BmpSet({members} chars)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The hand decoders agree with the standard library on every char of any string.
        #[test]
        fn decoders_agree_with_char_indices(text in ".*") {
            let bytes = text.as_bytes();
            for (at, c) in text.char_indices() {
                proptest::prop_assert_eq!(decode(bytes, at), (u32::from(c), c.len_utf8()));
                let three = (c.len_utf8() == 3).then_some(u32::from(c));
                proptest::prop_assert_eq!(three_byte_code(bytes, at), three);
                proptest::prop_assert_eq!(three_bytes(bytes, at).map(code_of_three), three);
            }
        }

        /// The word-at-a-time prefixes agree with byte-at-a-time ones.
        #[test]
        fn prefixes_agree_with_position(text in "[ -~\n]{0,40}.{0,3}[ -~]{0,20}", skip in 0usize..16) {
            let bytes = text.as_bytes();
            let bytes = bytes.get(skip..).unwrap_or_default();
            let ascii = bytes.iter().position(|&b| b >= 0x80).unwrap_or(bytes.len());
            proptest::prop_assert_eq!(ascii_prefix(bytes), ascii);
            let plain = bytes
                .iter()
                .position(|&b| b >= 0x80 || b.is_ascii_digit())
                .unwrap_or(bytes.len());
            proptest::prop_assert_eq!(ascii_non_digit_prefix(bytes), plain);
        }

        /// Membership is exactly what was added, for any chars.
        #[test]
        fn a_set_holds_what_was_added(added in proptest::collection::vec(proptest::char::any(), 0..32), probe in proptest::char::any()) {
            let mut set = BmpSet::EMPTY;
            for &c in &added {
                set.insert(c);
            }
            let expected = (probe as u32) < 0x1_0000 && added.contains(&probe);
            proptest::prop_assert_eq!(set.contains(probe as u32), expected);
            // Read from its three bytes, any char of three bytes added or not is as by code.
            for c in added.iter().chain([&probe]) {
                let mut utf8 = [0; 4];
                if let &[lead, b1, b2] = c.encode_utf8(&mut utf8).as_bytes() {
                    proptest::prop_assert_eq!(set.contains_three([lead, b1, b2]), set.contains(u32::from(*c)));
                }
            }
        }
    }

    proptest::proptest! {
        /// The word-at-a-time search stops where a byte loop does, over digits, ASCII and the
        /// continuation bytes whose low bits look like digits.
        #[test]
        fn non_digit_prefix_is_a_byte_loop(
            bytes in proptest::collection::vec(
                proptest::sample::select(vec![b'0', b'5', b'9', b'/', b':', b'a', b' ', 0xB0, 0xB9, 0xBA, 0xE4, 0x80, 0xFF]),
                0..40,
            ),
        ) {
            proptest::prop_assert_eq!(
                non_digit_prefix(&bytes),
                bytes.iter().position(u8::is_ascii_digit).unwrap_or(bytes.len())
            );
        }
    }

    proptest::proptest! {
        /// The block fold answers as a byte loop does, for any flagged range and any length:
        /// a flagged byte in a full block, in the tail, and none at all.
        #[test]
        fn any_byte_is_a_byte_loop(
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..160),
            lo in proptest::num::u8::ANY,
            width in 0u8..8,
        ) {
            let flagged = |b: u8| b.wrapping_sub(lo) < width;
            let pad = lo.wrapping_add(width);
            proptest::prop_assert_eq!(any_byte(&bytes, pad, flagged), bytes.iter().any(|&b| flagged(b)));
        }
    }

    #[test]
    fn ranges_and_the_edges_of_the_plane() {
        const DIGITS: BmpSet = BmpSet::EMPTY.with_range('0', '9').with_chars(&['\u{FFFF}']);
        assert!(('0'..='9').all(|c| DIGITS.contains(c as u32)));
        assert!(!DIGITS.contains('/' as u32) && !DIGITS.contains(':' as u32));
        assert!(DIGITS.contains(0xFFFF));
        let mut set = DIGITS.clone();
        assert!(!set.insert('\u{1F600}'));
        assert!(!set.contains(0x1F600) && !set.contains(u32::MAX));
        assert_eq!(decode(b"", 0), (0, 1));
        assert_eq!(three_byte_code("a今".as_bytes(), 0), None);
    }
}
