//! Walking a body in pieces gives exactly the document the whole walk gives, whatever the
//! piece size: every block kind that could run past a cut, at and around the cuts.

use proptest::prelude::*;
use rustdocs_document::{
    Definitions, Document, assemble, cut, cuts, parse, parse_whole, walk_all, walk_cut,
    walk_piece_knowing,
};

/// The whole body walked at once, the oracle.
fn whole(source: &str, start: usize) -> Document {
    parse_whole(source, start)
}

/// The body walked in pieces of about `about` bytes, or `None` when [`walk_cut`] finds the
/// pieces cannot stand for the whole. Cut by [`cut`], which says whether the body holds
/// `]:` at all: a wrong "no" would leave reference links unresolved in the pieces.
fn try_in_pieces(source: &str, start: usize, about: usize) -> Option<(Document, usize)> {
    let walk_each = |ranges: Vec<std::ops::Range<usize>>, known: Option<&Definitions>| {
        ranges
            .into_iter()
            .map(|r| (walk_piece_knowing(source, r, known), ()))
            .collect()
    };
    let settled = walk_cut(source, cut(source, start, about), walk_each)?;
    let count = settled.len();
    Some((assemble(settled.into_iter().map(|(p, ())| p)), count))
}

fn in_pieces(source: &str, start: usize, about: usize) -> (Document, usize) {
    match try_in_pieces(source, start, about) {
        Some(walked) => walked,
        None => panic!("the pieces were refused"),
    }
}

fn same(a: &Document, b: &Document) -> Result<(), TestCaseError> {
    prop_assert_eq!(format!("{:?}", a.runs), format!("{:?}", b.runs));
    prop_assert_eq!(&a.sections, &b.sections);
    Ok(())
}

/// Whole lines and blocks: headings (the cut points), and every block that can hold a
/// heading line or end at a blank line.
fn blocks() -> impl Strategy<Value = String> {
    let block = prop_oneof![
        4 => Just("\n\n# 一级 2021 年\n".to_owned()),
        3 => Just("\n\n## 二级\n".to_owned()),
        1 => Just("\n\n#### 四级 **粗**\n".to_owned()),
        1 => Just("\n\n#\n".to_owned()),
        1 => Just("\r\n\r\n# CRLF 标题\r\n".to_owned()),
        1 => Just("\n \t\n# 空白行后\n".to_owned()),
        1 => Just("\n\n#没有空格\n".to_owned()),
        1 => Just("\n\n####### 七个\n".to_owned()),
        4 => "[a-z年月日0-9，。 ]{1,12}\n",
        2 => Just("\n```\n".to_owned()),
        1 => Just("\n```rust\n".to_owned()),
        1 => Just("\n~~~\n".to_owned()),
        1 => Just("\n````\n".to_owned()),
        1 => Just("\n   ```\n".to_owned()),
        1 => Just("\n<pre>\n".to_owned()),
        1 => Just("\n</pre>\n".to_owned()),
        1 => Just("\n<!--\n".to_owned()),
        1 => Just("\n-->\n".to_owned()),
        1 => Just("\n<div>\n".to_owned()),
        1 => Just("\n<?php\n".to_owned()),
        1 => Just("?>\n".to_owned()),
        1 => Just("\n<script>\n".to_owned()),
        1 => Just("</script>\n".to_owned()),
        1 => Just("\n- 项\n\n  ```\n  代码\n".to_owned()),
        1 => Just("\n> 引用\n> ```\n".to_owned()),
        1 => Just("\n1. 有序\n2. 第二\n".to_owned()),
        1 => Just("\n    缩进代码\n".to_owned()),
        1 => Just("\n| a | b |\n|---|---|\n| 1 | 2 |\n".to_owned()),
        1 => Just("\n标题\n===\n".to_owned()),
        1 => Just("\n---\n".to_owned()),
        1 => Just("[链接][ref]\n".to_owned()),
        1 => Just("\n[ref]: http://u\n".to_owned()),
        1 => Just("[REF] 与 [Ref][] 与 ![图][ref]\n".to_owned()),
        1 => Just("[ÄB  c]\n".to_owned()),
        1 => Just("\n[äb c]: /x \"题\"\n".to_owned()),
        1 => Just("\n> [引用中]: /q\n".to_owned()),
        1 => Just("[引用中] [未定义] [1]\n".to_owned()),
        1 => Just("\n- [列表]: /l\n".to_owned()),
        1 => Just("[列表][] 段\n[段中]: /p\n".to_owned()),
        1 => Just("[段中]\n".to_owned()),
        1 => Just("脚注[^1]\n".to_owned()),
        1 => Just("\n[^1]: 注\n".to_owned()),
        2 => Just("\n\n".to_owned()),
    ];
    prop::collection::vec(block, 0..48).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn pieces_walk_as_the_whole(source in blocks(), start in 0usize..4, about in 1usize..80) {
        let (pieced, _) = in_pieces(&source, start, about);
        same(&pieced, &whole(&source, start))?;
    }

    #[test]
    fn cuts_cover_the_body_in_order(source in blocks(), start in 0usize..4, about in 1usize..80) {
        let ranges = cuts(&source, start, about);
        let whole = whole(&source, start);
        let body_start = whole.runs.first().map_or(source.len(), |r| r.span().start);
        prop_assert!(ranges[0].start <= body_start);
        prop_assert_eq!(ranges.last().map(|r| r.end), Some(source.len()));
        for pair in ranges.windows(2) {
            prop_assert_eq!(pair[0].end, pair[1].start);
            prop_assert!(pair[0].start < pair[0].end);
            prop_assert_eq!(source.as_bytes()[pair[1].start], b'#');
        }
    }

    #[test]
    fn parse_is_the_whole_walk(source in blocks(), start in 0usize..4) {
        same(&parse(&source, start), &whole(&source, start))?;
    }
}

/// On one thread and on several: with as many runs as this (past `PARALLEL_RUNS_ABOVE` in
/// `pieces.rs`, 8 192 after the first piece's), the pieces' runs are joined on the pool,
/// each thread writing its stretch of the list.
#[test]
fn a_large_body_is_cut_and_walks_as_the_whole() {
    let unit = "# 报告\n\n2021 年 4 月，TiKV 发布 5.0 版本。\n\n## 细节\n\n- 项目\n- 代码\n\n```\n# 注释\n```\n\n";
    let source = unit.repeat(4_000);
    let expected = whole(&source, 0);
    assert!(expected.runs.len() > 16_384, "{} runs", expected.runs.len());
    for threads in 1..=3 {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let (pieced, count) = pool.install(|| in_pieces(&source, 0, 4096));
        assert!(count > 10, "{count} pieces");
        same(&pieced, &expected).unwrap();
    }
}

#[test]
fn an_unclosed_fence_swallows_every_later_cut() {
    let source = format!(
        "# 开头\n\n正文\n\n```\n{}",
        "\n\n# 仍在代码块里\n\n2021 年\n".repeat(500)
    );
    let (pieced, count) = in_pieces(&source, 0, 64);
    assert_eq!(count, 1);
    assert_eq!(pieced.sections.len(), 1);
    same(&pieced, &whole(&source, 0)).unwrap();
}

#[test]
fn html_blocks_that_span_blank_lines_are_not_cut() {
    for (open, close) in [("<!--", "-->"), ("<pre>", "</pre>"), ("<?x", "?>")] {
        let filler = "\n\n# 属于 HTML\n".repeat(20);
        let source = format!("# 一\n\n文字\n\n{open}\n{filler}{close}\n\n# 二\n\n文字\n");
        let (pieced, count) = in_pieces(&source, 0, 16);
        assert_eq!(pieced.sections.len(), 2, "{open}");
        assert!(count <= 2, "{open}: {count} pieces");
        same(&pieced, &whole(&source, 0)).unwrap();
    }
}

/// A body whose links are defined at its end is cut like any other, and each piece reads
/// the links as the whole does; the pieces without a definition are walked once.
#[test]
fn reference_definitions_at_the_end_reach_every_piece() {
    let source = "# 一\n\n[链接][r] 和 [未定义]\n\n".repeat(50) + "# 二\n\n[R]: http://u\n";
    assert!(cuts(&source, 0, 16).len() > 10);
    let (pieced, count) = in_pieces(&source, 0, 16);
    assert!(count > 10, "{count} pieces");
    let whole = whole(&source, 0);
    same(&pieced, &whole).unwrap();
    // The link reads as its text; the undefined label keeps its brackets.
    assert_eq!(whole.runs[1].text(), "链接 和 [未定义]");
}

/// The pieces walked, counted: definitions in a list, a quote and at the end are guessed
/// right before the walk, so no piece is walked twice.
#[test]
fn definitions_guessed_right_cost_no_second_walk() {
    let source = "# 一\n\n[链接][r] [Q] [l]\n\n".repeat(50)
        + "# 二\n\n- [L]: /l\n\n> [q]: /q 'title'\n\n[R]: http://u\n";
    let walked = std::cell::Cell::new(0);
    let walk_each = |ranges: Vec<std::ops::Range<usize>>, known: Option<&Definitions>| {
        walked.set(walked.get() + ranges.len());
        ranges
            .into_iter()
            .map(|r| (walk_piece_knowing(&source, r, known), ()))
            .collect()
    };
    let ranges = cuts(&source, 0, 16);
    let pieces = ranges.len();
    let settled = walk_all(&source, ranges, walk_each).unwrap();
    assert_eq!((walked.get(), settled.len()), (pieces, pieces));
    let doc = assemble(settled.into_iter().map(|(p, ())| p));
    same(&doc, &whole(&source, 0)).unwrap();
    // The same through `cut`, which found `]:` in the body and so lets the guess be made.
    walked.set(0);
    let settled = walk_cut(&source, cut(&source, 0, 16), walk_each).unwrap();
    assert_eq!((walked.get(), settled.len()), (pieces, pieces));
    assert_eq!(doc.runs[1].text(), "链接 Q l");
}

/// A definition-like line inside a code block that a cut opens is not a definition: the
/// guess made before the walk is corrected.
#[test]
fn a_definition_inside_a_fence_is_not_one() {
    let source = "# 一\n\n[r]\n\n```\n\n# 代码\n\n[r]: /in-code\n```\n\n# 二\n\n[r]\n".repeat(4);
    let (pieced, _) = in_pieces(&source, 0, 4);
    let whole = whole(&source, 0);
    same(&pieced, &whole).unwrap();
    assert!(whole.runs.iter().any(|r| r.text() == "[r]"));
}

/// Hundreds of references to a long destination could reach pulldown-cmark's expansion
/// limit in a piece before the whole: such a body is refused in pieces, and `parse` walks
/// it whole.
#[test]
fn references_that_could_reach_the_expansion_limit_are_walked_whole() {
    let url = "u".repeat(2_000);
    let source = "# 一\n\n".to_owned()
        + &"[a] [a] [a] [a] [a]\n".repeat(20)
        + "\n# 二\n\n"
        + &"[a] [a] [a] [a] [a]\n".repeat(20)
        + &format!("\n# 三\n\n[a]: /{url}\n");
    assert!(try_in_pieces(&source, 0, 16).is_none());
    same(&parse(&source, 0), &whole(&source, 0)).unwrap();
}
