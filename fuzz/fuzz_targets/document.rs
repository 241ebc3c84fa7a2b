//! The Markdown walk: every run maps each of its text offsets back into the source on a char
//! boundary, and section parents point backwards.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: (u16, &str)| {
    let (body_start, source) = data;
    let document = rustdocs_document::parse(source, usize::from(body_start));
    for run in &document.runs {
        for (offset, _) in run.text().char_indices().chain([(run.text().len(), ' ')]) {
            let at = run.source_offset(offset);
            assert!(at <= source.len());
            assert!(source.is_char_boundary(at));
        }
        let span = run.source_span(0..run.text().len());
        assert!(span.start <= span.end && span.end <= source.len());
    }
    for (i, section) in document.sections.iter().enumerate() {
        assert!(section.parent.is_none_or(|p| p < i));
        assert!((1..=6).contains(&section.level));
    }
});
