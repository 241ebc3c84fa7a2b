//! Every real document in `shared/seeds` and `shared/corpus`: the map invariants hold and no
//! URL or code-block content reaches the prose.

mod common;

use std::ops::Range;
use std::path::{Path, PathBuf};

use common::{body_start, check_runs, run_with, slice_of};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use rustdocs_document::{OPTIONS, parse};

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") && !path.ends_with("MANIFEST.md") {
            out.push(path);
        }
    }
}

/// Source ranges of code blocks and HTML blocks, found by a plain pulldown-cmark pass.
fn excluded_blocks(source: &str, start: usize) -> Vec<Range<usize>> {
    let mut blocks = Vec::new();
    for (event, range) in Parser::new_ext(&source[start..], OPTIONS).into_offset_iter() {
        if let Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) = event {
            blocks.push(range.start + start..range.end + start);
        }
        debug_assert!(!matches!(event, Event::End(TagEnd::MetadataBlock(_))));
    }
    blocks
}

#[test]
fn every_document_keeps_the_map_invariants() {
    let mut files = Vec::new();
    markdown_files(&shared().join("seeds"), &mut files);
    markdown_files(&shared().join("corpus"), &mut files);
    files.sort();
    // The seeds and the 34 corpus documents; fewer means the data moved.
    assert!(files.len() >= 36, "found only {} documents", files.len());
    let mut runs = 0;
    for path in &files {
        let source = std::fs::read_to_string(path).unwrap();
        let start = body_start(&source);
        let doc = parse(&source, start);
        let name = path.display();
        check_runs(&source, &doc).unwrap_or_else(|e| panic!("{name}: {e}"));
        let blocks = excluded_blocks(&source, start);
        for run in &doc.runs {
            for bad in ["://", "http://", "https://", "www."] {
                assert!(
                    !run.text().contains(bad),
                    "{name}: {bad} in {:?}",
                    run.text()
                );
            }
            let span = run.span();
            assert!(span.start >= start, "{name}: run before the body");
            for block in &blocks {
                assert!(
                    span.end <= block.start || span.start >= block.end,
                    "{name}: run {:?} overlaps block {:?}",
                    run.text(),
                    &source[block.clone()]
                );
            }
        }
        for (i, section) in doc.sections.iter().enumerate() {
            assert!(section.parent.is_none_or(|p| p < i));
            for s in [section.span, section.title_span] {
                assert!(source.get(s.range()).is_some(), "{name}: bad span {s:?}");
            }
            assert!(section.span.contains(section.title_span) || section.title.is_empty());
        }
        runs += doc.runs.len();
    }
    assert!(runs > 1000, "only {runs} runs");
}

#[test]
fn seed_000_reads_as_expected() {
    let path = shared().join("seeds/000_22672fd967c890d3.md");
    let source = std::fs::read_to_string(path).unwrap();
    let doc = parse(&source, body_start(&source));
    let when = run_with(&doc, "时间：");
    assert_eq!(
        when.text(),
        "时间： 2023 年 4 月 8 日 14:00\n地点： 环球财讯中心 M 层 北京市西城区宣武门外大街甲 1 号"
    );
    assert_eq!(
        slice_of(
            &source,
            when,
            "环球财讯中心 M 层 北京市西城区宣武门外大街甲 1 号"
        ),
        "环球财讯中心 M 层 北京市西城区宣武门外大街甲 1 号"
    );
    let intro = &doc.runs[0];
    assert!(intro.text().contains("参与本周六下午的线下 Meetup"));
    assert_eq!(slice_of(&source, intro, "本周六下午"), "本周六下午");
    let titles: Vec<&str> = doc.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "嘉宾及议题介绍（Guests & Topics）",
            "Meetup 报名方式 （Registration）"
        ]
    );
    let signup = run_with(&doc, "欢迎扫描");
    assert_eq!(
        signup.text(),
        "欢迎扫描下方二维码或点击阅读原文，即可报名。"
    );
    assert!(doc.runs.iter().all(|r| !r.text().contains("图片")));
}

#[test]
fn seed_003_sections_nest() {
    let path = shared().join("seeds/003_0bd08050aac06db2.md");
    let source = std::fs::read_to_string(path).unwrap();
    let doc = parse(&source, body_start(&source));
    let run = run_with(&doc, "StratoVirt 是 华为");
    let path = doc.section_path(run.section());
    assert_eq!(path.last(), Some(&"StratoVirt （国内/开源/容器）"));
    assert!(path.len() >= 3, "{path:?}");
}
