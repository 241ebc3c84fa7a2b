//! Runs the recognizer case files in `tests/cases/` (format in `tests/cases/README.md`).

use std::path::Path;

use rustdocs_loc::{Context, DateRef, recognize_loc, recognize_releases};
use serde_json::{Value, json};

fn load(name: &str) -> Vec<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases")
        .join(name);
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("case file")).expect("json");
    file["cases"].as_array().expect("cases").clone()
}

fn context(case: &Value) -> (Vec<String>, Vec<DateRef>) {
    let text = case["text"].as_str().unwrap();
    let headings = case["heading_path"]
        .as_array()
        .map(|a| a.iter().map(|h| h.as_str().unwrap().to_string()).collect())
        .unwrap_or_default();
    let mut dates = Vec::new();
    let mut from = 0;
    for d in case["dates"].as_array().into_iter().flatten() {
        let needle = d["text"].as_str().unwrap();
        let at = from
            + text[from..]
                .find(needle)
                .unwrap_or_else(|| panic!("date «{needle}» not in text"));
        dates.push(DateRef {
            range: at..at + needle.len(),
            start: d["start"].as_str().map(str::to_string),
        });
        from = at + needle.len();
    }
    (headings, dates)
}

/// Compares the fields the case gives; returns a description of each difference.
fn compare(name: &str, expect: &[Value], got: &[Value]) -> Vec<String> {
    if expect.len() != got.len() {
        return vec![format!(
            "{name}: expected {} items, got {}: {got:?}",
            expect.len(),
            got.len()
        )];
    }
    let mut out = Vec::new();
    for (e, g) in expect.iter().zip(got) {
        for (k, v) in e.as_object().unwrap() {
            if &g[k] != v {
                out.push(format!("{name}: {k} expected {v}, got {} (in {g})", g[k]));
            }
        }
    }
    out
}

fn run(
    file: &str,
    recognize: impl Fn(&str, &Context) -> Vec<(std::ops::Range<usize>, Value)>,
) -> usize {
    let cases = load(file);
    let mut failures = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let text = case["text"].as_str().unwrap();
        let (headings, dates) = context(case);
        let ctx = Context {
            heading_path: headings.iter().map(String::as_str).collect(),
            dates,
        };
        let found = recognize(text, &ctx);
        for (r, _) in &found {
            assert!(
                text.is_char_boundary(r.start)
                    && text.is_char_boundary(r.end)
                    && r.start < r.end
                    && r.end <= text.len()
            );
        }
        let got: Vec<Value> = found.into_iter().map(|(_, v)| v).collect();
        failures.extend(compare(name, case["expect"].as_array().unwrap(), &got));
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    cases.len()
}

#[test]
fn loc_cases() {
    let n = run("loc.json", |t, c| {
        recognize_loc(t, c)
            .into_iter()
            .map(|(r, l)| (r, serde_json::to_value(l).unwrap()))
            .collect()
    });
    assert!(n >= 60);
}

#[test]
fn release_cases() {
    let n = run("release.json", |t, c| {
        recognize_releases(t, c)
            .into_iter()
            .map(|(r, l)| (r, serde_json::to_value(l).unwrap()))
            .collect()
    });
    assert!(n >= 60);
}

#[test]
fn case_files_hold_at_least_120_cases_with_negatives() {
    let all: Vec<Value> = load("loc.json")
        .into_iter()
        .chain(load("release.json"))
        .collect();
    assert!(all.len() >= 120);
    let negatives = all.iter().filter(|c| c["expect"] == json!([])).count();
    assert!(negatives >= 40, "{negatives} negatives");
}
