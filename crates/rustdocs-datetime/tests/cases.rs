//! Runs the case file `tests/cases/datetimes.jsonl` (format in `tests/cases/README.md`).

use rustdocs_datetime::{Options, Resolver, recognize};
use serde_json::Value;

#[test]
fn case_file() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases/datetimes.jsonl");
    let data = std::fs::read_to_string(path).expect("case file");
    let mut failures = Vec::new();
    let mut count = 0;
    for (line_no, line) in data.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        count += 1;
        let case: Value = serde_json::from_str(line).expect("case is JSON");
        let text = case["text"].as_str().expect("text");
        let reference = case["reference"]
            .as_str()
            .map(|d| d.parse().expect("reference date"));
        let options = Options {
            dotted_month_day: case["dotted"].as_bool().unwrap_or(false),
            ignore: case["ignore"]
                .as_array()
                .map(|ranges| {
                    ranges
                        .iter()
                        .filter_map(|r| Some(r[0].as_u64()? as usize..r[1].as_u64()? as usize))
                        .collect()
                })
                .unwrap_or_default(),
        };
        let mut resolver = Resolver::new(reference);
        let got: Vec<Value> = recognize(text, &options)
            .iter()
            .map(|c| {
                let mut v = serde_json::to_value(resolver.resolve(c)).expect("serializes");
                v["text"] = Value::from(&text[c.range.clone()]);
                v
            })
            .collect();
        let expected = case["expect"].as_array().expect("expect");
        let mut ok = got.len() == expected.len();
        for (want, have) in expected.iter().zip(&got) {
            for (key, value) in want.as_object().expect("object") {
                if have.get(key).unwrap_or(&Value::Null) != value {
                    ok = false;
                }
            }
        }
        if !ok {
            failures.push(format!(
                "line {}: {text:?}\n  expected {}\n  got      {}",
                line_no + 1,
                Value::from(expected.clone()),
                Value::from(got)
            ));
        }
    }
    assert!(count >= 200, "only {count} cases");
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
