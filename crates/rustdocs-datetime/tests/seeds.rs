//! Scores the recognizer on the two seed documents against their gold datetimes.
//!
//! The facade will score end to end; this test keeps the recognizer honest on its own:
//! every gold datetime must be found with the same start and end, and nothing extra
//! (F1 ≥ 0.98 per document, the project's bar).

#[path = "support/runs.rs"]
mod support;

use std::collections::HashMap;
use std::path::Path;

type Key = (Option<String>, Option<String>);

fn predict(source: &str, reference: Option<jiff::civil::Date>) -> Vec<(String, Key)> {
    support::mentions(source, reference)
        .into_iter()
        .map(|(text, dt)| (text, (dt.start, dt.end)))
        .collect()
}

fn score(name: &str) -> f64 {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    let gold_path = shared.join(format!("gold/dev/{name}.gold.json"));
    let Ok(gold_text) = std::fs::read_to_string(&gold_path) else {
        eprintln!("skipping {name}: no gold file at {}", gold_path.display());
        return 1.0;
    };
    let gold: serde_json::Value = serde_json::from_str(&gold_text).expect("gold is JSON");
    let source = std::fs::read_to_string(shared.join(format!("seeds/{name}"))).expect("seed");
    let reference = gold["reference_date"].as_str().and_then(|d| d.parse().ok());
    let mut wanted: HashMap<Key, usize> = HashMap::new();
    let gold_items = gold["datetimes"].as_array().expect("datetimes");
    for item in gold_items {
        let key = (
            item["start"].as_str().map(str::to_owned),
            item["end"].as_str().map(str::to_owned),
        );
        *wanted.entry(key).or_default() += 1;
    }
    let predicted = predict(&source, reference);
    let mut tp = 0usize;
    for (text, key) in &predicted {
        match wanted.get_mut(key) {
            Some(n) if *n > 0 => {
                *n -= 1;
                tp += 1;
            }
            _ => eprintln!("{name}: spurious «{text}» {key:?}"),
        }
    }
    for (key, n) in &wanted {
        for _ in 0..*n {
            eprintln!("{name}: missed {key:?}");
        }
    }
    let precision = tp as f64 / predicted.len().max(1) as f64;
    let recall = tp as f64 / gold_items.len().max(1) as f64;
    let f1 = 2.0 * precision * recall / (precision + recall).max(f64::EPSILON);
    eprintln!("{name}: P {precision:.3} R {recall:.3} F1 {f1:.3}");
    f1
}

#[test]
fn meetup_seed_datetimes() {
    assert!(score("000_22672fd967c890d3.md") >= 0.98);
}

#[test]
fn report_seed_datetimes() {
    assert!(score("003_0bd08050aac06db2.md") >= 0.98);
}

/// Every corpus document: no panic, ranges inside their runs, well-formed ISO prefixes.
#[test]
fn corpus_smoke() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let mut stack = vec![root];
    let mut documents = 0;
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md")
                && let Ok(source) = std::fs::read_to_string(&path)
            {
                documents += 1;
                for (_, (start, end)) in predict(&source, Some(jiff::civil::date(2022, 1, 1))) {
                    for iso in [start, end].into_iter().flatten() {
                        assert!(
                            [4, 7, 10, 16].contains(&iso.len()) && iso[..4].parse::<u32>().is_ok(),
                            "{}: malformed {iso}",
                            path.display()
                        );
                    }
                }
            }
        }
    }
    eprintln!("scanned {documents} corpus documents");
}
