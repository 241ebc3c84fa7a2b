//! Front matter (YAML, TOML, JSON) under tight limits: no panic, spans inside the source on
//! char boundaries, the body starting after the block, and errors positioned in the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rustdocs_frontmatter::{Limits, parse_with_limits};

fuzz_target!(|source: &str| {
    let limits = Limits {
        max_bytes: 4096,
        max_depth: 6,
        max_aliases: 4,
    };
    match parse_with_limits(source, &limits) {
        Ok(Some(fm)) => {
            assert!(fm.span.start <= fm.span.end && fm.span.end <= source.len());
            assert_eq!(fm.body_start, fm.span.end);
            assert!(source.is_char_boundary(fm.body_start));
            for entry in &fm.entries {
                for span in [
                    Some(entry.key_span),
                    Some(entry.value_span),
                    entry.text_span,
                ]
                .into_iter()
                .flatten()
                {
                    assert!(span.start <= span.end && span.end <= source.len());
                    assert!(source.is_char_boundary(span.start));
                    assert!(source.is_char_boundary(span.end));
                }
            }
        }
        Ok(None) => {}
        Err(e) => {
            assert!(e.line >= 1 && e.column >= 1);
        }
    }
});
