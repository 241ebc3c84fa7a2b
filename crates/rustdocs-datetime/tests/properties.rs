//! Properties of the recognizer over arbitrary input.

use proptest::prelude::*;
use rustdocs_datetime::{Options, Resolver, countdowns, find, recognize};

fn check_ranges(text: &str, options: &Options) -> Result<(), TestCaseError> {
    let cands = recognize(text, options);
    let mut last = 0;
    for c in &cands {
        prop_assert!(c.range.start < c.range.end);
        prop_assert!(c.range.end <= text.len());
        prop_assert!(text.is_char_boundary(c.range.start) && text.is_char_boundary(c.range.end));
        prop_assert!(c.range.start >= last, "sorted and non-overlapping");
        last = c.range.end;
    }
    Ok(())
}

proptest! {
    #[test]
    fn ranges_are_char_boundaries_on_any_string(text in "\\PC{0,80}") {
        check_ranges(&text, &Options::default())?;
        check_ranges(&text, &Options { dotted_month_day: true, ignore: vec![std::ops::Range { start: 0, end: 3 }] })?;
        let _ = find(&text, Some(jiff::civil::date(2021, 6, 23)));
        let _ = countdowns(&text);
    }

    #[test]
    fn ranges_are_char_boundaries_on_date_alphabet(
        text in "[0-9０-９年月日号点半周星期六今明昨去本上下这个午晚:：~～\\-/. 、（）()，十二〇两]{0,60}"
    ) {
        check_ranges(&text, &Options::default())?;
        check_ranges(&text, &Options { dotted_month_day: true, ignore: Vec::new() })?;
        for (_, dt) in find(&text, Some(jiff::civil::date(2021, 6, 23))) {
            if let Some(start) = dt.start {
                prop_assert!(start.len() >= 4);
            }
        }
    }

    /// Whatever a resolver without a reference saw before, a mention with its own year
    /// resolves as [`Resolver::resolve_absolute`] says: the reference inference relies on it.
    #[test]
    fn stated_years_resolve_without_context(
        runs in proptest::collection::vec(
            (
                proptest::collection::vec(
                    prop_oneof![
                        (1990i32..2030).prop_map(|y| format!("{y}年")),
                        (1u32..=13).prop_map(|m| format!("{m}月")),
                        (1u32..=32).prop_map(|d| format!("{d}日")),
                        (0u32..24).prop_map(|h| format!("下午{h}点")),
                        (2015i32..2025, 1u32..=12, 1u32..=31)
                            .prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
                        Just("去年".to_owned()),
                        Just("明天".to_owned()),
                        Just("本周六".to_owned()),
                        Just("至".to_owned()),
                        Just("~".to_owned()),
                        Just("，".to_owned()),
                        Just("发布了".to_owned()),
                    ],
                    0..8,
                )
                .prop_map(|tokens| tokens.concat()),
                0usize..3,
                any::<bool>(),
            ),
            1..6,
        ),
    ) {
        let mut resolver = Resolver::new(None);
        for (text, section, quoted) in &runs {
            resolver.set_section(Some(*section));
            resolver.set_quoted(*quoted);
            for candidate in recognize(text, &Options::default()) {
                let in_order = resolver.resolve(&candidate);
                if let Some(alone) = Resolver::resolve_absolute(&candidate) {
                    prop_assert_eq!(alone, in_order, "{:?} in {:?}", &text[candidate.range.clone()], text);
                }
            }
        }
    }

    #[test]
    fn embedded_date_is_found_with_the_same_value(
        prefix in "[a-zA-Z，。的了是在中文项目 ]{0,12}",
        suffix in "[，。的了是在中文项目 ]{0,12}",
        y in 1990i32..2030, m in 1u32..=12, d in 1u32..=28,
    ) {
        let date = format!("{y}年{m}月{d}日");
        let text = format!("{prefix}{date}{suffix}");
        let found = find(&text, None);
        let want = format!("{y:04}-{m:02}-{d:02}");
        let hit = found.iter().find(|(r, _)| text[r.clone()] == date);
        prop_assert!(hit.is_some(), "{text:?} -> {found:?}");
        prop_assert_eq!(hit.and_then(|(_, dt)| dt.start.clone()), Some(want));
    }

    #[test]
    fn iso_dates_round_trip(y in 1990i32..2100, m in 1u32..=12, d in 1u32..=28) {
        let text = format!("发布于 {y}-{m:02}-{d:02}，");
        let found = find(&text, None);
        prop_assert_eq!(found.len(), 1);
        prop_assert_eq!(found[0].1.start.clone(), Some(format!("{y:04}-{m:02}-{d:02}")));
    }
}

#[test]
fn long_runs_stay_linear() {
    // 300 000 years in a row: one mention each, and no quadratic rescans.
    let text = "2023年".repeat(300_000);
    let started = std::time::Instant::now();
    let found = recognize(&text, &Options::default());
    assert_eq!(found.len(), 300_000);
    let digits = "1".repeat(1_000_000);
    assert!(recognize(&digits, &Options::default()).is_empty());
    let mixed = "年月日号点:".repeat(100_000);
    let _ = recognize(&mixed, &Options::default());
    // Generous bound for a debug build on a shared machine; quadratic behaviour takes minutes.
    assert!(
        started.elapsed().as_secs() < 30,
        "took {:?}",
        started.elapsed()
    );
}

/// The fewest stops [`recognize_with_stops`] accepts for `text`: every non-ASCII char other
/// than a three-byte char outside the start set, and every ASCII char after a non-ASCII one.
fn fewest_stops(text: &str) -> Vec<usize> {
    let mut stops = Vec::new();
    let mut after_non_ascii = false;
    for (i, c) in text.char_indices() {
        let stop = if c.is_ascii() {
            after_non_ascii
        } else {
            c.len_utf8() != 3 || rustdocs_datetime::starts().contains(c.into())
        };
        if stop {
            stops.push(i);
        }
        after_non_ascii = !c.is_ascii();
    }
    stops
}

fn check_stops(text: &str, extra: &[usize]) -> Result<(), TestCaseError> {
    let mut with_extra = fewest_stops(text);
    // Extra stops on char boundaries, wherever they fall.
    with_extra.extend(
        extra
            .iter()
            .map(|&k| k % (text.len() + 1))
            .filter(|&k| text.is_char_boundary(k)),
    );
    with_extra.sort_unstable();
    for options in [
        Options::default(),
        Options {
            dotted_month_day: true,
            ignore: vec![std::ops::Range { start: 0, end: 4 }],
        },
    ] {
        let expected = recognize(text, &options);
        prop_assert_eq!(
            &rustdocs_datetime::recognize_with_stops(text, &options, &fewest_stops(text)),
            &expected,
            "fewest stops in {:?}",
            text
        );
        prop_assert_eq!(
            &rustdocs_datetime::recognize_with_stops(text, &options, &with_extra),
            &expected,
            "extra stops in {:?}",
            text
        );
        // Appended after an earlier run's mentions, which stay as they were.
        let earlier = recognize("2023年4月8日", &Options::default());
        let mut appended = earlier.clone();
        rustdocs_datetime::recognize_with_stops_into(text, &options, &with_extra, &mut appended);
        prop_assert_eq!(&appended[..earlier.len()], &earlier[..]);
        prop_assert_eq!(
            &appended[earlier.len()..],
            &expected[..],
            "appended in {:?}",
            text
        );
    }
    Ok(())
}

proptest! {
    /// Stepping from stop to stop finds what reading every char finds, with the fewest stops
    /// and with any more.
    #[test]
    fn stops_find_what_the_scan_finds_on_the_date_alphabet(
        text in "[0-9０-９年月日号点半周星期六今明昨去本上下这个午晚:：~～\\-/. 、（）()，十二〇两的了是在项目发布版本aZ·é😀]{0,60}",
        extra in proptest::collection::vec(any::<usize>(), 0..8),
    ) {
        check_stops(&text, &extra)?;
    }

    #[test]
    fn stops_find_what_the_scan_finds_on_any_string(
        text in "\\PC{0,80}",
        extra in proptest::collection::vec(any::<usize>(), 0..8),
    ) {
        check_stops(&text, &extra)?;
    }
}
