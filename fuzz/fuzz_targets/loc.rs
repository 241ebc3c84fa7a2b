//! Lines-of-code figures and releases, with and without a heading path and datetimes found
//! by the datetime recognizer, as the extractor supplies them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rustdocs_loc::{Context, DateRef, recognize_loc, recognize_releases};

fn check<T>(text: &str, found: &[(std::ops::Range<usize>, T)]) {
    for (range, _) in found {
        assert!(range.start <= range.end && range.end <= text.len());
        assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
    }
}

fuzz_target!(|data: (&str, &str)| {
    let (heading, text) = data;
    let bare = Context::default();
    check(text, &recognize_loc(text, &bare));
    check(text, &recognize_releases(text, &bare));

    let dates = rustdocs_datetime::find(text, jiff::civil::date(2023, 4, 5).into())
        .into_iter()
        .map(|(range, dt)| DateRef {
            range,
            start: dt.start,
        })
        .collect();
    let ctx = Context {
        heading_path: vec![heading],
        dates,
    };
    check(text, &recognize_loc(text, &ctx));
    check(text, &recognize_releases(text, &ctx));
});
