//! Runs the data-driven cases in `tests/cases/*.toml` (format described in its README).

use std::path::Path;

use rustdocs_frontmatter::{Limits, parse_with_limits};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    input: Option<String>,
    generate: Option<Generate>,
    limits: Option<CaseLimits>,
    format: Option<String>,
    data: Option<String>,
    body: Option<String>,
    #[serde(default)]
    entries: Vec<CaseEntry>,
    error: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    #[serde(default)]
    message_contains: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Generate {
    #[serde(default)]
    head: String,
    repeat: String,
    times: usize,
    #[serde(default)]
    tail: String,
}

/// Field names mirror `Limits` so case files read the same as the Rust API.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(clippy::struct_field_names)]
struct CaseLimits {
    max_bytes: Option<usize>,
    max_depth: Option<usize>,
    max_aliases: Option<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseEntry {
    key: String,
    key_text: Option<String>,
    value_text: Option<String>,
    text: Option<toml::Value>,
}

impl Case {
    fn input(&self) -> String {
        match (&self.input, &self.generate) {
            (Some(input), None) => input.clone(),
            (None, Some(g)) => format!("{}{}{}", g.head, g.repeat.repeat(g.times), g.tail),
            _ => panic!("case `{}` needs exactly one of input / generate", self.name),
        }
    }

    fn limits(&self) -> Limits {
        let mut limits = Limits::default();
        if let Some(l) = &self.limits {
            limits.max_bytes = l.max_bytes.unwrap_or(limits.max_bytes);
            limits.max_depth = l.max_depth.unwrap_or(limits.max_depth);
            limits.max_aliases = l.max_aliases.unwrap_or(limits.max_aliases);
        }
        limits
    }
}

/// Checks one case; returns a description of each mismatch.
fn check(case: &Case) -> Vec<String> {
    let input = case.input();
    let mut problems = Vec::new();
    let result = parse_with_limits(&input, &case.limits());
    match (&case.error, result) {
        (Some(code), Err(err)) => {
            if err.kind.code() != code {
                problems.push(format!("error kind {} != {code} ({err})", err.kind.code()));
            }
            if case.line.is_some_and(|l| l != err.line)
                || case.column.is_some_and(|c| c != err.column)
            {
                problems.push(format!(
                    "error at {}:{} != {:?}:{:?} ({err})",
                    err.line, err.column, case.line, case.column
                ));
            }
            for needle in &case.message_contains {
                if !err.message.contains(needle.as_str()) {
                    problems.push(format!("message {:?} lacks {needle:?}", err.message));
                }
            }
            if input.get(err.span.range()).is_none() {
                problems.push(format!(
                    "error span {:?} is not a slice of the input",
                    err.span
                ));
            }
        }
        (Some(code), Ok(got)) => {
            let shown = got.map(|fm| serde_json::Value::Object(fm.data).to_string());
            let shown: String = shown.unwrap_or_default().chars().take(200).collect();
            problems.push(format!("expected error {code}, got data {shown}"));
        }
        (None, Err(err)) => problems.push(format!("unexpected error: {err} ({:?})", err.kind)),
        (None, Ok(None)) => {
            if case.format.as_deref() != Some("none") {
                problems.push(format!("no front matter found, expected {:?}", case.format));
            }
        }
        (None, Ok(Some(fm))) => {
            if case.format.as_deref() != Some(fm.format.as_str()) {
                problems.push(format!("format {:?} != {:?}", fm.format, case.format));
            }
            if let Some(data) = &case.data {
                let want: serde_json::Value =
                    serde_json::from_str(data).expect("case data is JSON");
                let got = serde_json::Value::Object(fm.data.clone());
                // Serialized text compares key order as well as values.
                let (want_text, got_text) = (want.to_string(), got.to_string());
                if want_text != got_text {
                    problems.push(format!("data {got} != {want}"));
                }
            }
            if let Some(body) = &case.body
                && &input[fm.body_start..] != body
            {
                problems.push(format!("body {:?} != {body:?}", &input[fm.body_start..]));
            }
            if fm.body_start != fm.span.end {
                problems.push("body_start != span.end".to_owned());
            }
            if fm.entries.len() != fm.data.len() {
                problems.push("one entry per key expected".to_owned());
            }
            for want in &case.entries {
                let Some(e) = fm.get(&want.key) else {
                    problems.push(format!("no entry {:?}", want.key));
                    continue;
                };
                if let Some(k) = &want.key_text
                    && e.key_span.slice(&input) != k
                {
                    problems.push(format!(
                        "{}: key_text {:?}",
                        want.key,
                        e.key_span.slice(&input)
                    ));
                }
                if let Some(v) = &want.value_text
                    && e.value_span.slice(&input) != v
                {
                    problems.push(format!(
                        "{}: value_text {:?} != {v:?}",
                        want.key,
                        e.value_span.slice(&input)
                    ));
                }
                let got_text = e.text_span.map(|s| s.slice(&input));
                match &want.text {
                    Some(toml::Value::Boolean(false)) if got_text.is_some() => {
                        problems.push(format!("{}: unexpected text {got_text:?}", want.key));
                    }
                    Some(toml::Value::String(t)) if got_text != Some(t.as_str()) => {
                        problems.push(format!("{}: text {got_text:?} != {t:?}", want.key));
                    }
                    None | Some(toml::Value::Boolean(false) | toml::Value::String(_)) => {}
                    Some(other) => problems.push(format!("bad `text` field {other}")),
                }
            }
        }
    }
    problems
}

#[test]
fn case_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/cases exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    let mut total = 0;
    let mut failures = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).expect("readable case file");
        let file: CaseFile =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for case in &file.case {
            total += 1;
            for problem in check(case) {
                failures.push(format!("{} / {}: {problem}", path.display(), case.name));
            }
        }
    }
    assert!(total >= 60, "only {total} cases found");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
