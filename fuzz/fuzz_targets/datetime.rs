//! Datetime recognition and resolution: candidates sorted, non-overlapping and on char
//! boundaries; resolution never panics whatever the reference date.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rustdocs_datetime::{Options, Resolver, recognize};

fuzz_target!(|data: (bool, i16, &str)| {
    let (dotted, day_offset, text) = data;
    let options = Options {
        dotted_month_day: dotted,
        ignore: Vec::new(),
    };
    let candidates = recognize(text, &options);
    let mut last_end = 0;
    for c in &candidates {
        assert!(c.range.start >= last_end && c.range.start < c.range.end);
        assert!(text.is_char_boundary(c.range.start) && text.is_char_boundary(c.range.end));
        assert!(c.range.end <= text.len());
        last_end = c.range.end;
    }
    let reference = jiff::civil::date(2023, 4, 5)
        .checked_add(jiff::Span::new().days(i64::from(day_offset)))
        .ok();
    for quoted in [false, true] {
        let mut resolver = Resolver::new(reference);
        resolver.set_quoted(quoted);
        for c in &candidates {
            let _ = resolver.resolve(c);
        }
    }
});
