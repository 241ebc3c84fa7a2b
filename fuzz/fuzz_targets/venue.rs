//! Venue recognition: ranges on char boundaries inside the text, in order.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut last_start = 0;
    for (range, _venue) in rustdocs_venue::recognize(text) {
        assert!(range.start <= range.end && range.end <= text.len());
        assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
        assert!(range.start >= last_start);
        last_start = range.start;
    }
});
