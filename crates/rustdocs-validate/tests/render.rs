//! Snapshots of every output format for seed 000, and properties of the renderers.

mod common;

use proptest::prelude::*;
use rustdocs_validate::{Config, Diagnostic, Related, Severity, Span, render};

const SEED_000: &str = "seeds/000_22672fd967c890d3.md";

fn seed_000() -> Option<(String, Vec<Diagnostic>)> {
    let src = std::fs::read_to_string(common::shared_dir().join(SEED_000)).ok()?;
    let found = common::check(&src, None, None, &Config::default());
    Some((src, found))
}

#[test]
fn human_output() {
    let Some((src, found)) = seed_000() else {
        return;
    };
    let text = render::human(SEED_000, &src, &found);
    assert!(text.contains("warning[location-mismatch]"));
    insta::assert_snapshot!(text);
}

#[test]
fn json_output() {
    let Some((src, found)) = seed_000() else {
        return;
    };
    insta::assert_json_snapshot!(render::json(SEED_000, &src, &found));
}

#[test]
fn github_output() {
    let Some((src, found)) = seed_000() else {
        return;
    };
    insta::assert_snapshot!(render::github(SEED_000, &src, &found));
}

#[test]
fn sarif_output() {
    let Some((src, found)) = seed_000() else {
        return;
    };
    let log = render::sarif(&[(SEED_000.to_owned(), src, found)]);
    assert_eq!(log["version"], "2.1.0");
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "location-mismatch");
    assert_eq!(result["level"], "warning");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        5
    );
    assert_eq!(
        result["relatedLocations"][0]["physicalLocation"]["region"]["startLine"],
        11
    );
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert_eq!(rules.len(), rustdocs_validate::RULES.len());
    assert_eq!(
        rules[result["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "location-mismatch"
    );
}

fn arbitrary_diagnostic(len: usize) -> impl Strategy<Value = Diagnostic> {
    let span = (0..=len + 3, 0..=len + 3).prop_map(|(a, b)| Span::new(a.min(b), a.max(b)));
    (
        span.clone(),
        span,
        ".{0,20}",
        proptest::option::of(".{0,10}"),
    )
        .prop_map(|(s, r, message, label)| Diagnostic {
            severity: Severity::Warning,
            code: "location-mismatch",
            message,
            span: s,
            label,
            related: vec![Related {
                span: r,
                message: "related".into(),
            }],
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the text and spans, the renderers do not panic, and a GitHub command stays
    /// one line per diagnostic.
    #[test]
    fn renderers_never_panic(
        (src, diags) in "[a-z\n 日本語：%,:\r]{0,40}".prop_flat_map(|s| {
            let n = s.len();
            (Just(s), proptest::collection::vec(arbitrary_diagnostic(n), 0..3))
        })
    ) {
        let _ = render::human("p.md", &src, &diags);
        let gh = render::github("p.md", &src, &diags);
        prop_assert_eq!(gh.lines().count(), diags.len());
        let json = render::json("p.md", &src, &diags);
        prop_assert_eq!(json.as_array().map(Vec::len), Some(diags.len()));
    }

    /// The whole pipeline plus validation never panics, and every span lies on char
    /// boundaries inside the input.
    #[test]
    fn validation_never_panics(body in "[0-9年月日周六下午上午点：:\\- 倒计时天地点北京市西城区\n#>*]{0,60}") {
        let src = format!("---\nlocation: 中国香港\nlabel: 4.8 倒计时3天\n---\n{body}");
        for d in common::check(&src, None, Some("2023-04-05"), &Config::default()) {
            for span in std::iter::once(d.span).chain(d.related.iter().map(|r| r.span)) {
                prop_assert!(span.start <= span.end && span.end <= src.len());
                prop_assert!(src.is_char_boundary(span.start) && src.is_char_boundary(span.end));
            }
        }
    }
}
