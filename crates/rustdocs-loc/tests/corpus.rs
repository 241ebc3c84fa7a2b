//! Report-like corpus documents: figures a careful reader expects, and none of the change
//! counts of a weekly engineering report.

mod common;

use common::{find_dates, runs, shared};
use rustdocs_loc::{Context, Loc, Release, recognize_loc, recognize_releases};

const REPORTS: &[&str] = &[
    "corpus/pingcap__blog-cn/rust-compilation-model-calamity.md",
    "corpus/RustMagazine__rustmagazine/content/issue-1/2022-review-the-adoption-of-rust-in-business-zh.md",
    "corpus/RustMagazine__Rust-Ecosystem-Annual-Report/2022/report.md",
    "corpus/RustMagazine__rust_magazine_2021/src/chapter_7/hots.md",
    "corpus/RustMagazine__rust_magazine_2021/src/chapter_10/tool_libs.md",
];

const WEEKLY: &str = "corpus/datenlord__datenlord.github.io/src/articles/events/2026-02-05-open-source-weekly-report-issue-8/index.md";

type Extracted = (Vec<(String, Loc)>, Vec<(String, Release)>);

fn extract(path: &str, reference: (i32, u32)) -> Option<Extracted> {
    let md = std::fs::read_to_string(shared(path)).ok()?;
    let mut locs = Vec::new();
    let mut rels = Vec::new();
    for run in runs(&md) {
        let ctx = Context {
            heading_path: run.headings.iter().map(String::as_str).collect(),
            dates: find_dates(&run.text, reference),
        };
        for (r, l) in recognize_loc(&run.text, &ctx) {
            locs.push((run.text[r].to_string(), l));
        }
        for (r, rel) in recognize_releases(&run.text, &ctx) {
            rels.push((run.text[r].to_string(), rel));
        }
    }
    Some((locs, rels))
}

#[test]
fn weekly_report_change_counts_are_not_loc() {
    let Some((locs, _)) = extract(WEEKLY, (2026, 2)) else {
        return;
    };
    assert!(locs.is_empty(), "{locs:#?}");
}

#[test]
fn report_figures_a_reader_expects() {
    let mut all = Vec::new();
    for path in REPORTS {
        let Some((locs, rels)) = extract(path, (2022, 12)) else {
            return;
        };
        eprintln!("== {path}");
        for (t, l) in &locs {
            eprintln!(
                "  loc  «{t}» {:?} {} {:?} {:?}",
                l.subject, l.lines, l.bound, l.language
            );
        }
        for (t, r) in &rels {
            eprintln!(
                "  rel  «{t}» {:?} {:?} {:?} current={}",
                r.subject, r.date, r.version, r.current
            );
        }
        all.extend(locs);
    }
    let has = |subject: Option<&str>, lines: u64| {
        all.iter().any(|(_, l)| {
            l.lines == lines && subject.is_none_or(|s| l.subject.as_deref() == Some(s))
        })
    };
    assert!(has(Some("TiKV"), 2_000_000));
    assert!(has(Some("Rust"), 3_000_000));
    assert!(has(Some("Servo"), 2_700_000));
    assert!(has(Some("ROAPI"), 4_000));
    assert!(has(Some("Rust for Linux"), 33_000));
    assert!(has(None, 37_000));
    assert!(has(Some("AOSP"), 1_500_000));
    assert!(has(None, 12_500));
    assert!(has(None, 12_000));
    // 新增了几十万行代码 is a change count, and vague.
    assert!(!all.iter().any(|(t, _)| t.contains("几十万")));
}
