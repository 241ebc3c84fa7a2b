//! `docs/rules.md` is generated from `RULES`; this fails when it is stale.

use std::path::Path;

use rustdocs_validate::{RULES, rules_markdown};

#[test]
fn rules_doc_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md");
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == rules_markdown(),
        "docs/rules.md is stale: run `cargo run -p rustdocs-validate --example gen_rules_doc`"
    );
}

#[test]
fn every_rule_is_documented() {
    let mut codes: Vec<_> = RULES.iter().map(|r| r.code).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), RULES.len(), "rule codes must be unique");
    for r in RULES {
        assert!(
            r.code.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{} is not kebab-case",
            r.code
        );
        for (field, text) in [
            ("summary", r.summary),
            ("what", r.what),
            ("why", r.why),
            ("example", r.example),
        ] {
            assert!(text.trim().len() > 10, "{}: {field} is missing", r.code);
        }
        assert!(
            r.summary.ends_with('.'),
            "{}: summary is a sentence",
            r.code
        );
    }
}
