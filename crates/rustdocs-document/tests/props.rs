//! Properties over arbitrary input: no panic, a monotonic map, spans on char boundaries.

mod common;

use common::check_runs;
use proptest::prelude::*;
use rustdocs_document::{parse, parse_in_batches};

/// Markdown-ish text: markup fragments, URLs, entities, CJK and digits in random order.
fn markdownish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[*_`#>\\[\\]()!<> \n0-9年月日a-z]{1,6}",
        Just("**".to_owned()),
        Just("~~".to_owned()),
        Just("```\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("  \n".to_owned()),
        Just("\\\n".to_owned()),
        Just("\n- ".to_owned()),
        Just("\n1. ".to_owned()),
        Just("\n> ".to_owned()),
        Just("\n    ".to_owned()),
        Just("\n| a | b |\n|---|---|\n| ".to_owned()),
        Just("\n===\n".to_owned()),
        Just("https://x.y/2021_0".to_owned()),
        Just("www.a.b".to_owned()),
        Just("<https://a.b>".to_owned()),
        Just("![图 2021](p.png)".to_owned()),
        Just("[链接](http://u)".to_owned()),
        Just("<span>".to_owned()),
        Just("<!-- x\n -->".to_owned()),
        Just("&amp;".to_owned()),
        Just("&#x4e2d;".to_owned()),
        Just("&NotEqualTilde;".to_owned()),
        Just("\\*".to_owned()),
        Just("[^1]".to_owned()),
        Just("\n[^1]: ".to_owned()),
        Just("\u{FEFF}".to_owned()),
        Just("“中文”".to_owned()),
        Just("，".to_owned()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn assert_document(source: &str, body_start: usize) -> Result<(), TestCaseError> {
    let doc = parse(source, body_start);
    if let Err(e) = check_runs(source, &doc) {
        return Err(TestCaseError::fail(e));
    }
    for run in &doc.runs {
        let len = run.text().len();
        // Arbitrary byte ranges, even inside chars or past the end, give valid spans.
        for (a, b) in [
            (0, len),
            (1, len / 2),
            (len / 3, len + 5),
            (len / 2, len / 2),
        ] {
            let span = run.source_span(a.min(b)..b);
            prop_assert!(span.start <= span.end && span.end <= source.len());
            prop_assert!(source.is_char_boundary(span.start) && source.is_char_boundary(span.end));
            prop_assert!(
                run.span().contains(span),
                "{span:?} outside {:?}",
                run.span()
            );
        }
        let mut prev = 0;
        for r in run.code_ranges() {
            prop_assert!(r.start >= prev && r.start < r.end && r.end <= len);
            prop_assert!(
                run.text().is_char_boundary(r.start) && run.text().is_char_boundary(r.end)
            );
            prev = r.end;
        }
    }
    for (i, section) in doc.sections.iter().enumerate() {
        prop_assert!(section.parent.is_none_or(|p| p < i));
        prop_assert!(source.get(section.span.range()).is_some());
        prop_assert!(source.get(section.title_span.range()).is_some());
        let _ = doc.section_path(Some(i));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_strings(source in any::<String>(), start in 0usize..64) {
        assert_document(&source, start)?;
    }

    #[test]
    fn markdownish_strings(source in markdownish(), start in 0usize..8) {
        assert_document(&source, start)?;
    }

    #[test]
    fn markdownish_from_the_start(source in markdownish()) {
        assert_document(&source, 0)?;
    }

    #[test]
    fn batches_concatenate_to_the_whole_walk(
        source in markdownish(),
        start in 0usize..8,
        batch in 1usize..5,
    ) {
        let whole = parse(&source, start);
        let mut runs = Vec::new();
        let mut sizes = Vec::new();
        let sections = parse_in_batches(&source, start, batch, |b| {
            sizes.push(b.len());
            runs.extend(b);
        });
        // Every batch but the last holds at least `batch` runs, and none is empty.
        if let Some((_, full)) = sizes.split_last() {
            prop_assert!(full.iter().all(|&n| n >= batch), "{sizes:?}");
        }
        prop_assert!(sizes.iter().all(|&n| n > 0));
        prop_assert_eq!(format!("{:?}", whole.runs), format!("{runs:?}"));
        prop_assert_eq!(whole.sections, sections);
    }
}

#[test]
fn long_input_stays_linear() {
    // Quadratic behaviour would show as seconds here; linear work is milliseconds.
    let unit = "**时间：** 2023 年 4 月 8 日 14:00  \n见 https://a.b/c_d_e 与 `code` &amp; [链接](http://u)\n\n";
    let source = unit.repeat(20_000);
    let started = std::time::Instant::now();
    let doc = parse(&source, 0);
    assert_eq!(doc.runs.len(), 20_000);
    assert!(
        started.elapsed().as_secs() < 10,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn pathological_nesting_stays_fast_and_sound() {
    let inputs = [
        ">".repeat(20_000) + " 深",
        "- ".repeat(5_000) + "项",
        "*".repeat(20_000) + "a" + &"*".repeat(20_000),
        "[".repeat(20_000) + "x" + &"](u)".repeat(20_000),
        "`".repeat(10_000) + "a" + &"`".repeat(9_999),
        "&amp;".repeat(20_000),
        "https://".repeat(10_000),
        "http://x".to_owned() + &")".repeat(20_000),
        "www.".repeat(20_000),
        "a:".repeat(20_000) + "//",
        "`a` http://x ".repeat(10_000),
    ];
    for source in &inputs {
        let started = std::time::Instant::now();
        let doc = parse(source, 0);
        check_runs(source, &doc).unwrap();
        assert!(
            // Linear work is milliseconds; quadratic work on these sizes is seconds.
            started.elapsed().as_secs() < 3,
            "took {:?}",
            started.elapsed()
        );
    }
}

/// Found by a fresh-clone CI run: an entity inside a code span that crosses a CRLF.
#[test]
fn entity_in_a_code_span_across_crlf() {
    assert_document("**```\n&amp;\r\n&amp;&amp;```\n", 0).unwrap();
}
