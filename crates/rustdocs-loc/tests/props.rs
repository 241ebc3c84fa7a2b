//! Properties: no panic on any string, ranges on char boundaries inside the text.

use proptest::prelude::*;
use rustdocs_loc::{
    Context, DateRef, parse_version, recognize_loc, recognize_releases, subject_from_heading,
};

fn check(text: &str, ctx: &Context) -> Result<(), TestCaseError> {
    for (r, _) in recognize_loc(text, ctx) {
        prop_assert!(r.start < r.end && r.end <= text.len());
        prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
    }
    for (r, rel) in recognize_releases(text, ctx) {
        prop_assert!(r.start < r.end && r.end <= text.len());
        prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        if let Some(v) = &rel.version {
            prop_assert_eq!(rel.version_key.clone(), parse_version(v));
        }
    }
    Ok(())
}

/// Date references on char boundaries, as the datetime recognizer would give.
fn dates_in(text: &str, cuts: &[(usize, usize)]) -> Vec<DateRef> {
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let mut out: Vec<DateRef> = cuts
        .iter()
        .map(|&(a, b)| {
            let (a, b) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
            DateRef {
                range: a.min(b)..a.max(b),
                start: Some("2021-05".into()),
            }
        })
        .filter(|d| !d.range.is_empty())
        .collect();
    out.sort_by_key(|d| d.range.start);
    out.dedup_by(|a, b| a.range.start < b.range.end);
    out
}

proptest! {
    #[test]
    fn no_panic_on_any_string(text in "\\PC{0,80}", heading in "\\PC{0,20}") {
        let ctx = Context { heading_path: vec![heading.as_str()], dates: Vec::new() };
        check(&text, &ctx)?;
        let _ = subject_from_heading(&heading);
        let _ = parse_version(&text);
    }

    #[test]
    fn no_panic_on_report_like_strings(
        text in "[0-9０-９,.～~ vV万千百多余约超过大约行代码量发布版本目前现在从到年月日号，。（）Rust TiKV 的是了开源第一版\n\u{FFFC}]{0,80}",
        cuts in proptest::collection::vec((0usize..100, 0usize..100), 0..4),
    ) {
        let dates = dates_in(&text, &cuts);
        let ctx = Context { heading_path: vec!["TiKV（国内/开源）"], dates };
        check(&text, &ctx)?;
    }

    #[test]
    fn figures_round_trip(n in 10u64..100_000_000) {
        let text = format!("代码量大约为 {n} 行 Rust 代码。");
        let found = recognize_loc(&text, &Context::default());
        prop_assert_eq!(found.len(), 1);
        prop_assert_eq!(found[0].1.lines, n);
    }

    #[test]
    fn versions_round_trip(a in 0u64..100, b in 0u64..1000, c in 0u64..1000) {
        let v = format!("{a}.{b}.{c}");
        let found = recognize_releases(&format!("目前版本为 {v}。"), &Context::default());
        prop_assert_eq!(found.len(), 1);
        prop_assert_eq!(found[0].1.version.as_deref(), Some(v.as_str()));
        prop_assert_eq!(found[0].1.version_key.clone(), Some(vec![a, b, c]));
    }
}

#[test]
fn long_input_stays_fast() {
    let unit = "代码量大约为 10 万 行 Rust 代码，2021年3月12，0.11.0 ～ 0.12 版本发布。";
    let text = unit.repeat(2000);
    let start = std::time::Instant::now();
    let _ = recognize_loc(&text, &Context::default());
    let _ = recognize_releases(&text, &Context::default());
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
}
