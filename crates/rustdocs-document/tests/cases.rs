//! Runs the data-driven cases in `tests/cases/runs.json` (format in `tests/cases/README.md`).

mod common;

use common::check_runs;
use rustdocs_document::parse;
use serde_json::Value;

#[test]
fn cases_from_data() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases/runs.json");
    let cases: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(cases.len() >= 30);
    let mut failures = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        if let Err(e) = run_case(case) {
            failures.push(format!("{name}: {e}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn run_case(case: &Value) -> Result<(), String> {
    let source = case["markdown"].as_str().ok_or("no markdown")?;
    let doc = parse(source, 0);
    check_runs(source, &doc)?;
    let expected = case["runs"].as_array().ok_or("no runs")?;
    let got: Vec<&str> = doc
        .runs
        .iter()
        .map(rustdocs_document::ProseRun::text)
        .collect();
    let want: Vec<&str> = expected.iter().filter_map(|r| r["text"].as_str()).collect();
    if got != want {
        return Err(format!("runs {got:?}, expected {want:?}"));
    }
    for (run, exp) in doc.runs.iter().zip(expected) {
        if let Some(kind) = exp.get("kind") {
            let actual = serde_json::to_value(run.kind).unwrap();
            if &actual != kind {
                return Err(format!("{:?} is {actual}, expected {kind}", run.text()));
            }
        }
        let depth = exp.get("quote_depth").and_then(Value::as_u64).unwrap_or(0);
        if u64::from(run.quote_depth) != depth {
            return Err(format!("{:?} quote depth {}", run.text(), run.quote_depth));
        }
    }
    for pair in case
        .get("spans")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let (needle, want) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
        let (run, at) = doc
            .runs
            .iter()
            .find_map(|r| r.text().find(needle).map(|at| (r, at)))
            .ok_or_else(|| format!("{needle:?} in no run"))?;
        let got = run.source_span(at..at + needle.len()).slice(source);
        if got != want {
            return Err(format!("{needle:?} maps to {got:?}, expected {want:?}"));
        }
    }
    if let Some(code) = case.get("code").and_then(Value::as_array) {
        let got: Vec<&str> = doc
            .runs
            .iter()
            .flat_map(|r| r.code_ranges().iter().map(|c| &r.text()[c.clone()]))
            .collect();
        let want: Vec<&str> = code.iter().filter_map(Value::as_str).collect();
        if got != want {
            return Err(format!("code {got:?}, expected {want:?}"));
        }
    }
    if let Some(sections) = case.get("sections").and_then(Value::as_array) {
        let got: Vec<Value> = doc
            .sections
            .iter()
            .map(|s| serde_json::json!({"title": s.title, "level": s.level, "parent": s.parent}))
            .collect();
        if &got != sections {
            return Err(format!("sections {got:?}, expected {sections:?}"));
        }
    }
    Ok(())
}
