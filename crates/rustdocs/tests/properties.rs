//! Invariants of the whole pipeline on arbitrary input.

use proptest::prelude::*;
use rustdocs::{Options, analyze};

/// Markdown-ish and date-ish alphabets, so generated strings reach the recognizers.
const ALPHABET: &str = "[-#*_`>|\\[\\]()!:：.,，。 \n\r\t0-9０-９年月日号周六下午上点半分至～~行万多约大版本发布地点北京市海淀区路号层a-zA-Z\u{3000}\u{FEFF}😀]{0,200}";

fn check(source: &str) -> Result<(), TestCaseError> {
    let Ok(analysis) = analyze(source, &Options::default()) else {
        return Ok(());
    };
    for e in &analysis.entities {
        prop_assert!(e.span.start <= e.span.end && e.span.end <= source.len());
        prop_assert!(source.is_char_boundary(e.span.start) && source.is_char_boundary(e.span.end));
        prop_assert_eq!(&source[e.span.start..e.span.end], e.text.as_str());
        prop_assert_eq!(analysis.position(e.span.start), e.position);
    }
    for s in &analysis.document.sections {
        prop_assert!(source.is_char_boundary(s.span.start) && source.is_char_boundary(s.span.end));
    }
    let json = analysis.to_json();
    prop_assert!(json["entities"].is_array());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_string_analyzes_without_panic_and_spans_are_exact(s in "\\PC{0,300}") {
        check(&s)?;
    }

    #[test]
    fn markdown_like_strings_keep_exact_spans(s in ALPHABET) {
        check(&s)?;
    }

    #[test]
    fn a_date_in_noise_is_found_with_the_same_value(pre in "([a-z，。][a-z，。 ]{0,19}[，。 ])?", post in "([，。 ][a-z，。 ]{0,20})?") {
        let source = format!("{pre}2023 年 4 月 8 日 14:00{post}\n");
        let analysis = analyze(&source, &Options::default()).unwrap();
        let starts: Vec<_> = analysis.entities.iter().filter_map(|e| match &e.value {
            rustdocs::EntityValue::Datetime(d) => d.start.clone(),
            _ => None,
        }).collect();
        prop_assert_eq!(starts, vec!["2023-04-08T14:00".to_owned()]);
    }
}

#[test]
fn front_matter_and_body_entities_point_into_the_whole_file() {
    let source = "---\nlabel: 倒计时3天 I 4.8 Beijing Rust Meetup\n---\n\n**时间：** 2023 年 4 月 8 日 14:00\n";
    let analysis = analyze(source, &Options::default()).unwrap();
    let texts: Vec<_> = analysis
        .entities
        .iter()
        .map(|e| (e.text.as_str(), e.front_matter_key.as_deref()))
        .collect();
    assert!(texts.contains(&("4.8", Some("label"))), "{texts:?}");
    assert!(
        texts.contains(&("2023 年 4 月 8 日 14:00", None)),
        "{texts:?}"
    );
    let reference = analysis.reference.unwrap();
    assert_eq!(reference.date.to_string(), "2023-04-05");
    assert_eq!(reference.source, rustdocs::ReferenceSource::Countdown);
}

#[test]
fn oversized_documents_are_refused_with_the_limit() {
    let options = Options {
        max_bytes: 10,
        ..Options::default()
    };
    let err = analyze("这是一个超过十个字节的文档", &options).unwrap_err();
    assert!(err.to_string().contains("limit of 10 bytes"), "{err}");
}
