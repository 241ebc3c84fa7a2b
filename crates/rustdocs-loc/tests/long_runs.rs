//! Long prose runs without sentence punctuation (scraped pages, generated tables flattened
//! into one paragraph): every figure is still found and attributed, and the work per figure
//! is bounded, so the run is linear. Before the bound, each figure rescanned its whole
//! sentence and a 500 KB run of figures took tens of seconds.

use rustdocs_loc::{Context, recognize_loc};

#[test]
fn figures_in_a_run_without_full_stops() {
    let unit = "TiKV 代码量超过 10 万行 Rust 代码，";
    let text = unit.repeat(4_000);
    let found = recognize_loc(&text, &Context::default());
    assert_eq!(found.len(), 4_000);
    for (range, loc) in &found {
        assert!(text[range.clone()].contains("10 万行"));
        assert_eq!(loc.lines, 100_000);
        assert_eq!(loc.subject.as_deref(), Some("TiKV"));
        assert_eq!(loc.language.as_deref(), Some("Rust"));
    }
}

#[test]
fn figures_in_a_run_without_any_punctuation() {
    let unit = "代码量 12000 行 ";
    let text = unit.repeat(4_000);
    let found = recognize_loc(&text, &Context::default());
    assert_eq!(found.len(), 4_000);
    assert!(found.iter().all(|(_, loc)| loc.lines == 12_000));
}

#[test]
fn a_topic_far_back_in_the_run_still_names_the_subject() {
    // The subject fallback looks back over earlier sentences in constant time per figure.
    let mut text = String::from("TiKV 是一个分布式数据库。");
    text.push_str(&"这里没有数字。".repeat(2_000));
    text.push_str("总代码量约 20 万行。");
    let found = recognize_loc(&text, &Context::default());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1.subject.as_deref(), Some("TiKV"));
}
