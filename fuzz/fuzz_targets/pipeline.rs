//! The whole pipeline: `rustdocs::analyze` on any UTF-8 text, then its JSON output.
//!
//! Beyond "no panic", checks the span convention every consumer relies on: each entity's
//! `text` is exactly `source[span]`, spans sit on char boundaries, and the JSON round-trips.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rustdocs::{Options, analyze};

fuzz_target!(|source: &str| {
    // Small front-matter limits so the limit paths are reached as often as the happy path.
    let mut options = Options::default();
    options.limits.max_depth = 8;
    options.limits.max_aliases = 4;
    let Ok(analysis) = analyze(source, &options) else {
        return;
    };
    for entity in &analysis.entities {
        let span = entity.span;
        assert!(span.start <= span.end && span.end <= source.len());
        assert_eq!(source.get(span.start..span.end), Some(entity.text.as_str()));
    }
    for section in &analysis.document.sections {
        assert!(section.span.end <= source.len());
        assert!(source.is_char_boundary(section.span.start));
        assert!(source.is_char_boundary(section.span.end));
    }
    let json = analysis.to_json();
    let text = serde_json::to_string(&json).expect("analysis serializes");
    let back: serde_json::Value = serde_json::from_str(&text).expect("analysis JSON parses");
    assert_eq!(
        back["entities"].as_array().map(Vec::len),
        Some(analysis.entities.len())
    );
});
