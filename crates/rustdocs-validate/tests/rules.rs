//! Every rule, both ways, from the fixtures in `tests/cases/rules.toml`, plus the rules that
//! need a file system or a configuration.

mod common;

use std::collections::BTreeMap;

use rustdocs_validate::{Config, RULES, Severity, codes, front_matter_syntax};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Case {
    rule: String,
    fires: bool,
    text: String,
    reference_date: Option<String>,
    span: Option<String>,
    message: Option<String>,
    related: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
struct Cases {
    case: Vec<Case>,
}

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/cases/rules.toml"
    ))
    .unwrap();
    toml::from_str::<Cases>(&text).unwrap().case
}

#[test]
fn fixture_cases() {
    let mut failures = Vec::new();
    for (i, case) in cases().iter().enumerate() {
        assert!(
            RULES.iter().any(|r| r.code == case.rule),
            "case {i}: unknown rule {}",
            case.rule
        );
        let all = common::check(
            &case.text,
            None,
            case.reference_date.as_deref(),
            &Config::default(),
        );
        let mine: Vec<_> = all.iter().filter(|d| d.code == case.rule).collect();
        let shown = common::summary(&case.text, &all);
        if !case.fires {
            if !mine.is_empty() {
                failures.push(format!(
                    "case {i} ({}) must not fire:\n{}\n{shown}",
                    case.rule, case.text
                ));
            }
            continue;
        }
        let matching = mine.iter().any(|d| {
            case.span
                .as_ref()
                .is_none_or(|s| d.span.slice(&case.text) == s)
                && case
                    .message
                    .as_ref()
                    .is_none_or(|m| d.message.contains(m.as_str()))
                && case.related.as_ref().is_none_or(|rel| {
                    d.related
                        .iter()
                        .map(|r| r.span.slice(&case.text))
                        .collect::<Vec<_>>()
                        == *rel
                })
        });
        if !matching {
            failures.push(format!(
                "case {i} ({}) must fire as described:\n{}\n{shown}",
                case.rule, case.text
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing cases:\n\n{}",
        failures.len(),
        failures.join("\n---\n")
    );
}

#[test]
fn every_rule_has_cases_both_ways() {
    let mut seen: BTreeMap<&str, (bool, bool)> = BTreeMap::new();
    let cases = cases();
    for c in &cases {
        let entry = seen.entry(c.rule.as_str()).or_default();
        if c.fires {
            entry.0 = true;
        } else {
            entry.1 = true;
        }
    }
    // These three need a file system, a configuration or a parse failure: tested below.
    let elsewhere = [
        codes::FRONT_MATTER_SYNTAX,
        codes::MISSING_FRONT_MATTER_KEY,
        codes::MISSING_COVER_IMAGE,
    ];
    for rule in RULES {
        if elsewhere.contains(&rule.code) {
            continue;
        }
        assert_eq!(
            seen.get(rule.code),
            Some(&(true, true)),
            "{} needs a firing and a non-firing case",
            rule.code
        );
    }
}

#[test]
fn front_matter_syntax_points_at_the_fault() {
    let src = "---\ntitle: 北京 Meetup\ndate: [2023-04-05\n---\n\n正文\n";
    let all = common::check(src, None, None, &Config::default());
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].code, codes::FRONT_MATTER_SYNTAX);
    assert_eq!(all[0].severity, Severity::Error);
    assert!(
        all[0].message.starts_with("front matter does not parse"),
        "{}",
        all[0].message
    );
    assert!(
        all[0].span.start >= src.find("date").unwrap(),
        "{:?}",
        all[0].span
    );

    let err = rustdocs_frontmatter::parse("---\na: 1\na: 2\n---\n").unwrap_err();
    let d = front_matter_syntax(&err);
    assert_eq!(d.label.as_deref(), Some("this key is already defined"));

    // Well-formed front matter: nothing.
    let ok = "---\ntitle: 北京 Meetup\ndate: 2023-04-05\n---\n\n正文\n";
    assert!(
        common::check(ok, None, None, &Config::default())
            .iter()
            .all(|d| d.code != codes::FRONT_MATTER_SYNTAX)
    );
}

#[test]
fn missing_front_matter_key_follows_the_config() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("rustdocs.toml"),
        "[[require]]\nglob = \"events/**/*.md\"\nkeys = [\"title\", \"date\"]\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("events/2023")).unwrap();
    std::fs::create_dir_all(dir.path().join("blog")).unwrap();
    let event = dir.path().join("events/2023/meetup.md");
    let blog = dir.path().join("blog/post.md");
    let src = "---\ntitle: 北京 Meetup\ndate: \"\"\n---\n\n正文\n";
    std::fs::write(&event, src).unwrap();
    std::fs::write(&blog, src).unwrap();
    let (_, config) = Config::discover(&event).unwrap().unwrap();

    let found = common::check(src, Some(&event), None, &config);
    let missing: Vec<_> = found
        .iter()
        .filter(|d| d.code == codes::MISSING_FRONT_MATTER_KEY)
        .collect();
    assert_eq!(missing.len(), 1, "{found:?}");
    assert!(
        missing[0]
            .message
            .contains("requires `date` in files matching `events/**/*.md`"),
        "{}",
        missing[0].message
    );
    assert_eq!(missing[0].span.slice(src), "---");

    let found = common::check(src, Some(&blog), None, &config);
    assert!(
        found
            .iter()
            .all(|d| d.code != codes::MISSING_FRONT_MATTER_KEY)
    );
    // Without configuration the rule has nothing to require.
    let found = common::check(src, Some(&event), None, &Config::default());
    assert!(
        found
            .iter()
            .all(|d| d.code != codes::MISSING_FRONT_MATTER_KEY)
    );
    // No front matter at all: every key is missing, reported at the start of the file.
    let bare = "# 北京 Meetup\n";
    let found = common::check(bare, Some(&event), None, &config);
    assert_eq!(
        found
            .iter()
            .filter(|d| d.code == codes::MISSING_FRONT_MATTER_KEY)
            .count(),
        2,
        "{found:?}"
    );
}

#[test]
fn missing_cover_image_checks_next_to_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("index.md");
    let src = "---\ntitle: 北京 Meetup\ncover: ./cover.png\nimage: \"https://example.com/a.png\"\nthumbnail: /thumb.jpg\n---\n\n正文\n";
    std::fs::write(&page, src).unwrap();
    let found = common::check(src, Some(&page), None, &Config::default());
    let covers: Vec<_> = found
        .iter()
        .filter(|d| d.code == codes::MISSING_COVER_IMAGE)
        .collect();
    assert_eq!(covers.len(), 1, "{found:?}");
    assert_eq!(covers[0].span.slice(src), "./cover.png");
    assert_eq!(covers[0].severity, Severity::Warning);

    std::fs::write(dir.path().join("cover.png"), b"png").unwrap();
    let found = common::check(src, Some(&page), None, &Config::default());
    assert!(
        found.iter().all(|d| d.code != codes::MISSING_COVER_IMAGE),
        "{found:?}"
    );
    // Text that was not read from a file has no neighbours to check.
    std::fs::remove_file(dir.path().join("cover.png")).unwrap();
    let found = common::check(src, None, None, &Config::default());
    assert!(found.iter().all(|d| d.code != codes::MISSING_COVER_IMAGE));
}

#[test]
fn configuration_changes_severity_and_turns_rules_off() {
    let src = "**时间：** 2024 年 3 月 15 日（周六）14:00\n";
    let default = common::check(src, None, None, &Config::default());
    assert_eq!(
        default
            .iter()
            .find(|d| d.code == codes::WEEKDAY_MISMATCH)
            .map(|d| d.severity),
        Some(Severity::Error)
    );
    let config = Config::from_toml_str("[rules]\nweekday-mismatch = \"note\"\n").unwrap();
    let found = common::check(src, None, None, &config);
    assert_eq!(
        found
            .iter()
            .find(|d| d.code == codes::WEEKDAY_MISMATCH)
            .map(|d| d.severity),
        Some(Severity::Note)
    );
    let config = Config::from_toml_str("[rules]\nweekday-mismatch = \"off\"\n").unwrap();
    assert!(
        common::check(src, None, None, &config)
            .iter()
            .all(|d| d.code != codes::WEEKDAY_MISMATCH)
    );
}

#[test]
fn inline_suppression() {
    let line = "**时间：** 2024 年 3 月 15 日（周六）14:00\n";
    let next = format!("<!-- rustdocs-disable-next-line weekday-mismatch -->\n\n{line}");
    assert!(
        common::check(&next, None, None, &Config::default())
            .iter()
            .all(|d| d.code != codes::WEEKDAY_MISMATCH)
    );
    let other = format!("<!-- rustdocs-disable-next-line invalid-date -->\n{line}");
    assert!(
        common::check(&other, None, None, &Config::default())
            .iter()
            .any(|d| d.code == codes::WEEKDAY_MISMATCH)
    );
    let file = format!("{line}\n<!-- rustdocs-disable -->\n");
    assert!(common::check(&file, None, None, &Config::default()).is_empty());
    let later = format!("<!-- rustdocs-disable-next-line -->\n其他内容\n\n{line}");
    assert!(
        common::check(&later, None, None, &Config::default())
            .iter()
            .any(|d| d.code == codes::WEEKDAY_MISMATCH)
    );
}

/// A document with enough entities that the rules run on two threads (from 4 096) gets the
/// diagnostics of both halves: a date rule's and a release rule's, with the filler's many
/// dates clean.
#[test]
fn a_large_document_gets_every_rule() {
    let filler = "2024 年 3 月 16 日（周六）下午两点，大家见。\n\n".repeat(10_000);
    let text = format!(
        "# Foo\n\n2019 年 3 月 22 日，Foo 发布 1.0 版本。\n\n2020-09-23，Foo 发布 0.5.0 版本。\n\n\
         **时间：** 2024 年 3 月 15 日（周六）14:00\n\n{filler}"
    );
    let analysis = rustdocs::analyze(&text, &rustdocs::Options::default()).unwrap();
    assert!(
        analysis.entities.len() >= 2 * 4096,
        "{}",
        analysis.entities.len()
    );
    let found = common::check(&text, None, None, &Config::default());
    let codes: Vec<_> = found.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [codes::RELEASE_ORDER, codes::WEEKDAY_MISMATCH],
        "{}",
        common::summary(&text, &found)
    );
}
