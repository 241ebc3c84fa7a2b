//! Properties over arbitrary input: no panic, spans inside the input on char boundaries, and
//! every `text_span` slices to exactly the string value.

use proptest::prelude::*;
use rustdocs_frontmatter::{Limits, Span, parse, parse_with_limits};

fn check_span(src: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= src.len(),
        "{what} {span:?} out of range"
    );
    assert!(
        src.is_char_boundary(span.start) && src.is_char_boundary(span.end),
        "{what} {span:?} splits a char"
    );
}

fn check(src: &str, limits: &Limits) {
    match parse_with_limits(src, limits) {
        Ok(None) => {}
        Ok(Some(fm)) => {
            check_span(src, fm.span, "span");
            check_span(src, fm.content_span, "content_span");
            assert!(fm.span.contains(fm.content_span));
            assert_eq!(fm.body_start, fm.span.end);
            assert_eq!(fm.entries.len(), fm.data.len());
            for e in &fm.entries {
                check_span(src, e.key_span, "key_span");
                check_span(src, e.value_span, "value_span");
                assert!(fm.span.contains(e.key_span) && fm.span.contains(e.value_span));
                if let Some(text) = e.text_span {
                    check_span(src, text, "text_span");
                    assert_eq!(Some(text.slice(src)), e.value.as_str());
                }
            }
        }
        Err(err) => {
            check_span(src, err.span, "error span");
            assert!(err.line >= 1 && err.column >= 1);
            assert!(!err.message.is_empty());
        }
    }
}

/// Lines that look like front matter in all three syntaxes, with awkward characters mixed in.
fn front_matter_like() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("---".to_owned()),
        Just("+++".to_owned()),
        Just("...".to_owned()),
        "[a-z标题]{1,4}: [ -~中文\"'#]{0,12}",
        "  - [a-z]{0,3}",
        "[a-z]{1,3} = [\"'\\[\\]{}0-9a-z,.]{0,10}",
        "\\[[a-z.]{1,5}\\]",
        "[{}\\[\\]\":, a-z0-9\\\\]{0,12}",
        "[&*!|>][a-z]{0,3}",
        Just(String::new()),
    ];
    (
        prop_oneof![Just(""), Just("\u{feff}")],
        prop_oneof![Just("---"), Just("+++"), Just("{"), Just("{\"")],
        proptest::collection::vec(line, 0..8),
        prop_oneof![Just("\n"), Just("\r\n")],
    )
        .prop_map(|(bom, open, lines, nl)| {
            let mut s = format!("{bom}{open}{nl}");
            for l in lines {
                s.push_str(&l);
                s.push_str(nl);
            }
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_string_is_handled(src in any::<String>()) {
        check(&src, &Limits::default());
    }

    #[test]
    fn front_matter_like_input_is_handled(src in front_matter_like()) {
        check(&src, &Limits::default());
        check(&src, &Limits { max_bytes: 16, max_depth: 2, max_aliases: 1 });
    }
}

#[test]
fn parse_uses_default_limits() {
    let deep = format!("{{\"a\":{}", "[".repeat(100));
    assert_eq!(parse(&deep).unwrap_err().kind.code(), "too-deep");
    let limits = Limits {
        max_depth: 1000,
        ..Limits::default()
    };
    assert_eq!(
        parse_with_limits(&deep, &limits).unwrap_err().kind.code(),
        "unterminated"
    );
}
