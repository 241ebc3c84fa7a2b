//! Accuracy on the seed documents against their gold annotations (`tests/gold/`).
//!
//! Matching follows `tests/gold/FORMAT.md`: values are compared after normalization (NFKC-ish
//! width folding, case, whitespace), not offsets; a subject matches when equal or when one
//! contains the other (three characters or more). Each kind must reach F1 ≥ 0.98 when the
//! reference date the gold states is given, as `--reference-date` would.

use std::path::{Path, PathBuf};

use rustdocs::{Options, analyze};
use serde_json::Value;

const KINDS: [(&str, &str); 4] = [
    ("datetimes", "datetime"),
    ("venues", "venue"),
    ("loc", "loc"),
    ("releases", "release"),
];
const VENUE_KEYS: [&str; 7] = [
    "building", "floor", "province", "city", "district", "street", "number",
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Folds full-width forms, case and whitespace, as the scorer does.
fn norm(v: Option<&Value>) -> Option<String> {
    let s = match v? {
        Value::Null => return None,
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    Some(
        s.chars()
            .map(|c| match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                '\u{3000}' => ' ',
                _ => c,
            })
            .flat_map(char::to_lowercase)
            .filter(|c| !c.is_whitespace())
            .collect(),
    )
}

fn norm_time(v: Option<&Value>) -> Option<String> {
    let t = norm(v)?.to_uppercase();
    Some(if t.len() == 19 && t.ends_with(":00") {
        t[..16].to_owned()
    } else {
        t
    })
}

fn norm_version(v: Option<&Value>) -> Option<String> {
    let v = norm(v)?.replace(['～', '〜', '-'], "~");
    Some(v.strip_prefix('v').map(str::to_owned).unwrap_or(v))
}

fn subject_match(gold: &Value, pred: &Value) -> bool {
    let Some(p) = norm(pred.get("subject")) else {
        return false;
    };
    let mut names = vec![gold.get("subject")];
    if let Some(Value::Array(a)) = gold.get("aliases") {
        names.extend(a.iter().map(Some));
    }
    names.into_iter().filter_map(norm).any(|g| {
        let (short, long) = if p.chars().count() <= g.chars().count() {
            (&p, &g)
        } else {
            (&g, &p)
        };
        p == g || (short.chars().count() >= 3 && long.contains(short.as_str()))
    })
}

fn same(kind: &str, g: &Value, p: &Value) -> bool {
    match kind {
        "datetimes" => {
            norm_time(g.get("start")) == norm_time(p.get("start"))
                && norm_time(g.get("end")) == norm_time(p.get("end"))
        }
        "loc" => {
            subject_match(g, p)
                && g.get("lines").and_then(Value::as_u64) == p.get("lines").and_then(Value::as_u64)
        }
        "releases" => {
            subject_match(g, p)
                && norm_time(g.get("date")) == norm_time(p.get("date"))
                && norm_version(g.get("version")) == norm_version(p.get("version"))
        }
        _ => {
            let keys: Vec<_> = VENUE_KEYS
                .iter()
                .filter(|k| g.get(**k).is_some_and(|v| !v.is_null()))
                .collect();
            let agree = keys
                .iter()
                .filter(|k| norm(g.get(**k)) == norm(p.get(**k)))
                .count();
            agree * 2 > keys.len()
        }
    }
}

#[derive(Default, Debug, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn f1(self) -> f64 {
        let p = if self.tp + self.fp == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        };
        let r = if self.tp + self.fn_ == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        };
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Scores every seed; returns counts per kind and the errors for the failure message.
fn score(use_gold_reference: bool) -> (Vec<(&'static str, Counts)>, Vec<String>) {
    let mut totals: Vec<(&str, Counts)> =
        KINDS.iter().map(|(k, _)| (*k, Counts::default())).collect();
    let mut errors = Vec::new();
    for gold_name in [
        "000_22672fd967c890d3.md.gold.json",
        "003_0bd08050aac06db2.md.gold.json",
    ] {
        let gold: Value = serde_json::from_str(
            &std::fs::read_to_string(root().join("tests/gold").join(gold_name)).unwrap(),
        )
        .unwrap();
        let doc_name = gold_name.trim_end_matches(".gold.json");
        let source = std::fs::read_to_string(root().join("examples").join(doc_name)).unwrap();
        let reference_date = if use_gold_reference {
            gold["reference_date"].as_str().map(|s| s.parse().unwrap())
        } else {
            None
        };
        let analysis = analyze(
            &source,
            &Options {
                reference_date,
                ..Options::default()
            },
        )
        .unwrap();
        let json = analysis.to_json();
        for (i, (gold_kind, pred_kind)) in KINDS.iter().enumerate() {
            let golds = gold[*gold_kind].as_array().cloned().unwrap_or_default();
            let preds: Vec<Value> = json["entities"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|e| e["kind"] == *pred_kind)
                .map(|e| {
                    let mut v = e["value"].clone();
                    v["text"] = e["text"].clone();
                    v
                })
                .collect();
            let mut used = vec![false; preds.len()];
            for g in &golds {
                if let Some(j) =
                    (0..preds.len()).find(|&j| !used[j] && same(gold_kind, g, &preds[j]))
                {
                    used[j] = true;
                    totals[i].1.tp += 1;
                } else {
                    totals[i].1.fn_ += 1;
                    errors.push(format!("{doc_name} missed   {gold_kind}: {g}"));
                }
            }
            for (j, p) in preds.iter().enumerate().filter(|(j, _)| !used[*j]) {
                let _ = j;
                totals[i].1.fp += 1;
                errors.push(format!("{doc_name} spurious {gold_kind}: {p}"));
            }
        }
    }
    (totals, errors)
}

/// Fails with the per-kind scores and every miss and extra when a kind is below `min`.
fn assert_f1_at_least(use_gold_reference: bool, min: f64) {
    let (totals, errors) = score(use_gold_reference);
    let report: Vec<String> = totals
        .iter()
        .map(|(k, c)| format!("{k}: F1 {:.3} {c:?}", c.f1()))
        .collect();
    for (kind, counts) in &totals {
        assert!(
            counts.f1() >= min,
            "{kind} below {min}\n{}\n{}",
            report.join("\n"),
            errors.join("\n")
        );
    }
}

#[test]
fn seeds_reach_f1_098_for_every_kind_with_the_gold_reference_date() {
    assert_f1_at_least(true, 0.98);
}

#[test]
fn seeds_without_a_reference_date_lose_only_what_needs_the_date() {
    // Without `--reference-date` the report seed's 今天 (2021-06-23) cannot be known: the text
    // states only its month (截止到当前 2021年6月). The meetup seed's reference is inferred
    // from its countdown. Everything else must hold (today: datetimes 0.979, releases 0.985).
    assert_f1_at_least(false, 0.975);
}
