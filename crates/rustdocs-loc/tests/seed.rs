//! The seed industry report against its gold annotations: every LOC figure must be found with
//! the right subject, lines, bound and language; releases must score F1 ≥ 0.98.

mod common;

use common::{find_dates, norm, runs, shared, subject_matches};
use rustdocs_loc::{Context, Loc, Release, recognize_loc, recognize_releases};
use serde_json::Value;

const SEED: &str = "seeds/003_0bd08050aac06db2.md";
const GOLD: &str = "gold/dev/003_0bd08050aac06db2.md.gold.json";

type Found<T> = Vec<(String, T)>;

fn extract() -> Option<(Value, Found<Loc>, Found<Release>)> {
    let md = std::fs::read_to_string(shared(SEED)).ok()?;
    let gold: Value = serde_json::from_str(&std::fs::read_to_string(shared(GOLD)).ok()?).ok()?;
    let mut locs = Vec::new();
    let mut releases = Vec::new();
    for run in runs(&md) {
        let ctx = Context {
            heading_path: run.headings.iter().map(String::as_str).collect(),
            dates: find_dates(&run.text, (2021, 6)),
        };
        for (r, l) in recognize_loc(&run.text, &ctx) {
            locs.push((run.text[r].to_string(), l));
        }
        for (r, rel) in recognize_releases(&run.text, &ctx) {
            releases.push((run.text[r].to_string(), rel));
        }
    }
    Some((gold, locs, releases))
}

fn names(g: &Value) -> Vec<String> {
    let mut v = vec![g["subject"].as_str().unwrap_or_default().to_string()];
    if let Some(a) = g["aliases"].as_array() {
        v.extend(a.iter().filter_map(|x| x.as_str().map(str::to_string)));
    }
    v
}

fn opt(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

#[test]
fn seed_loc_matches_gold_exactly() {
    let Some((gold, locs, _)) = extract() else {
        eprintln!("shared seed not available; skipped");
        return;
    };
    let gold_locs = gold["loc"].as_array().expect("loc list");
    let mut used = vec![false; locs.len()];
    let mut problems = Vec::new();
    for g in gold_locs {
        let lines = g["lines"].as_u64().unwrap();
        let hit = locs.iter().enumerate().position(|(i, (_, l))| {
            !used[i] && l.lines == lines && subject_matches(&names(g), l.subject.as_deref())
        });
        match hit {
            Some(i) => {
                used[i] = true;
                let l = &locs[i].1;
                let bound = serde_json::to_value(l.bound).unwrap();
                if bound != g["bound"] || l.language != opt(&g["language"]) {
                    problems.push(format!("attrs {g} vs {:?} {:?}", l.bound, l.language));
                }
            }
            None => problems.push(format!("missed {g}")),
        }
    }
    for (i, (t, l)) in locs.iter().enumerate() {
        if !used[i] {
            problems.push(format!("extra «{t}» {l:?}"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn seed_releases_score_at_least_098() {
    let Some((gold, _, releases)) = extract() else {
        eprintln!("shared seed not available; skipped");
        return;
    };
    let gold_rel = gold["releases"].as_array().expect("releases list");
    let mut used = vec![false; releases.len()];
    let mut missed = Vec::new();
    for g in gold_rel {
        let hit = releases.iter().enumerate().position(|(i, (_, r))| {
            !used[i]
                && subject_matches(&names(g), r.subject.as_deref())
                && r.date == opt(&g["date"])
                && r.version.as_deref().map(norm) == opt(&g["version"]).as_deref().map(norm)
        });
        match hit {
            Some(i) => used[i] = true,
            None => missed.push(g.to_string()),
        }
    }
    let extra: Vec<String> = releases
        .iter()
        .enumerate()
        .filter(|(i, _)| !used[*i])
        .map(|(_, (t, r))| format!("«{t}» {r:?}"))
        .collect();
    let tp = (gold_rel.len() - missed.len()) as f64;
    let precision = tp / releases.len().max(1) as f64;
    let recall = tp / gold_rel.len() as f64;
    let f1 = 2.0 * precision * recall / (precision + recall).max(f64::EPSILON);
    eprintln!("releases: P {precision:.3} R {recall:.3} F1 {f1:.3}");
    for m in &missed {
        eprintln!("missed {m}");
    }
    for e in &extra {
        eprintln!("extra {e}");
    }
    assert!(
        f1 >= 0.98,
        "release F1 {f1:.3}; missed {missed:#?}; extra {extra:#?}"
    );
}

#[test]
fn seed_excluded_near_misses_are_not_releases() {
    let Some((_, _, releases)) = extract() else {
        return;
    };
    for bad in ["6.2.1", "3.2", "4.6", "2.0.0"] {
        assert!(
            !releases
                .iter()
                .any(|(_, r)| r.version.as_deref() == Some(bad)),
            "{bad} should not be a release"
        );
    }
}
