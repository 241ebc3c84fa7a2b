//! The rough edges of the walk, one test each, checked against the offset-map invariants.

mod common;

use common::{check_runs, run_with, slice_of, texts};
use rustdocs_document::{Document, OBJECT_REPLACEMENT, ProseRun, RunKind, parse};
use rustdocs_span::Span;

/// Parses a whole string as body and checks the map invariants before returning it.
fn doc(source: &str) -> Document {
    let doc = parse(source, 0);
    if let Err(e) = check_runs(source, &doc) {
        panic!("{e}\nsource: {source:?}");
    }
    doc
}

fn only_text(source: &str) -> String {
    let d = doc(source);
    assert_eq!(d.runs.len(), 1, "{:?}", texts(&d));
    d.runs[0].text().to_owned()
}

#[test]
fn adjacent_text_events_are_joined() {
    // pulldown-cmark splits text at `[`, `]`, `*`, `_` that turn out not to be markup.
    let src = "数组 a[0] 与 b_c_d 和 2 * 3 以及 [未闭合";
    assert_eq!(only_text(src), src);
    let d = doc(src);
    assert_eq!(slice_of(src, &d.runs[0], "a[0] 与 b_c_d"), "a[0] 与 b_c_d");
}

#[test]
fn emphasis_markers_are_flattened_and_mapped() {
    let src = "赶快预约报名参与**本周六下午**的线下 Meetup，*斜体*和~~删除~~与 __粗__。";
    let d = doc(src);
    let run = &d.runs[0];
    assert_eq!(
        run.text(),
        "赶快预约报名参与本周六下午的线下 Meetup，斜体和删除与 粗。"
    );
    assert_eq!(slice_of(src, run, "本周六下午"), "本周六下午");
    // A match that straddles a marker reports the markers it covers.
    assert_eq!(slice_of(src, run, "参与本周六"), "参与**本周六");
}

#[test]
fn links_keep_text_and_drop_destination() {
    let src = "点击[阅读原文](https://mp.weixin.qq.com/s?mid=2247485346 \"标题 2021\")，即可报名。\n见[参考][ref]。\n\n[ref]: https://example.com/2020/01/02";
    let d = doc(src);
    assert_eq!(texts(&d), ["点击阅读原文，即可报名。见参考。"]);
    assert_eq!(slice_of(src, &d.runs[0], "阅读原文"), "阅读原文");
}

#[test]
fn entities_become_chars_mapped_to_the_entity() {
    let src = "A &amp; B &#x4e2d;&copy; &lt;Rust&gt;";
    let d = doc(src);
    let run = &d.runs[0];
    assert_eq!(run.text(), "A & B 中© <Rust>");
    assert_eq!(slice_of(src, run, "&"), "&amp;");
    assert_eq!(slice_of(src, run, "中©"), "&#x4e2d;&copy;");
    assert_eq!(slice_of(src, run, "<Rust>"), "&lt;Rust&gt;");
    assert!(!run.is_verbatim(2));
}

#[test]
fn backslash_escapes_map_to_the_escaped_char() {
    let src = r"不是强调 \*号\* 与 \[括号\] 和 \_下划线\_";
    let d = doc(src);
    let run = &d.runs[0];
    assert_eq!(run.text(), "不是强调 *号* 与 [括号] 和 _下划线_");
    let span = slice_of(src, run, "*号*");
    assert!(span.contains("号"), "{span}");
    assert!(span.ends_with('*'));
}

#[test]
fn soft_breaks_between_cjk_join_without_space() {
    let src = "第一行中文\n第二行中文，\n“引号”与\nEnglish words\ncontinue here\n中文";
    let d = doc(src);
    assert_eq!(
        d.runs[0].text(),
        "第一行中文第二行中文，“引号”与 English words continue here 中文"
    );
    // The inserted space maps to the line break it stands for.
    let run = &d.runs[0];
    let at = run.text().find(" English").unwrap();
    assert_eq!(run.source_span(at..at + 1).slice(src), "\n");
}

#[test]
fn hard_breaks_become_newlines() {
    let src = "**时间：** 2023 年 4 月 8 日 14:00  \n**地点：** 北京\\\n第三行";
    let d = doc(src);
    let run = &d.runs[0];
    assert_eq!(
        run.text(),
        "时间： 2023 年 4 月 8 日 14:00\n地点： 北京\n第三行"
    );
    assert_eq!(
        slice_of(src, run, "2023 年 4 月 8 日 14:00"),
        "2023 年 4 月 8 日 14:00"
    );
    let nl = run.text().find('\n').unwrap();
    assert_eq!(run.source_span(nl..nl + 1).slice(src), "  \n");
}

#[test]
fn tables_give_one_run_per_cell() {
    let src = "| 时间 | 议题 |\n|---|:--:|\n| 13:00-13:30 | **签到** |\n| 14:00 | a \\| b |\n";
    let d = doc(src);
    assert_eq!(
        texts(&d),
        ["时间", "议题", "13:00-13:30", "签到", "14:00", "a | b"]
    );
    assert!(d.runs.iter().all(|r| r.kind == RunKind::TableCell));
}

#[test]
fn list_items_tight_loose_and_nested() {
    let src = "- 第一项\n  续行\n  - 嵌套一\n  - 嵌套二\n- 第二项\n\n1. 松散项\n\n   第二段\n";
    let d = doc(src);
    assert_eq!(
        texts(&d),
        [
            "第一项续行",
            "嵌套一",
            "嵌套二",
            "第二项",
            "松散项",
            "第二段"
        ]
    );
    assert!(d.runs.iter().all(|r| r.kind == RunKind::ListItem));
}

#[test]
fn paragraphs_after_a_list_are_paragraphs() {
    let d = doc("- 项\n\n正文段落\n");
    assert_eq!(d.runs[1].kind, RunKind::Paragraph);
    assert_eq!(d.runs[1].text(), "正文段落");
}

#[test]
fn block_quotes_carry_their_depth() {
    let src = "> 作者：张三\n> 第二行\n>\n> > 内层引用\n\n正文";
    let d = doc(src);
    let depths: Vec<(&str, u8)> = d.runs.iter().map(|r| (r.text(), r.quote_depth)).collect();
    assert_eq!(
        depths,
        [("作者：张三第二行", 1), ("内层引用", 2), ("正文", 0)]
    );
    assert_eq!(slice_of(src, &d.runs[0], "张三第二"), "张三\n> 第二");
}

#[test]
fn images_leave_one_stand_in_without_alt_text() {
    let src = "图![Screen Shot 2021-06-20 at 19.15.22](./a/2021/06/20.png)后";
    let d = doc(src);
    let run = &d.runs[0];
    assert_eq!(run.text(), "图\u{FFFC}后");
    let at = run.text().find(OBJECT_REPLACEMENT).unwrap();
    assert_eq!(
        run.source_span(at..at + 3).slice(src),
        "![Screen Shot 2021-06-20 at 19.15.22](./a/2021/06/20.png)"
    );
    // A paragraph holding only an image is no prose at all.
    assert!(doc("![图片](./image1.jpg)\n").runs.is_empty());
    // A linked image: the link text is the image, so nothing remains.
    assert!(
        doc("[![badge](https://img.shields.io/x.svg)](https://x.y)\n")
            .runs
            .is_empty()
    );
}

#[test]
fn inline_code_is_kept_and_recorded() {
    let src = "目前版本为 `Python V0.10.3`，见 ``a`b``。";
    let d = doc(src);
    let run = &d.runs[0];
    assert_eq!(run.text(), "目前版本为 Python V0.10.3，见 a`b。");
    let code: Vec<&str> = run
        .code_ranges()
        .iter()
        .map(|r| &run.text()[r.clone()])
        .collect();
    assert_eq!(code, ["Python V0.10.3", "a`b"]);
    assert_eq!(slice_of(src, run, "V0.10.3"), "V0.10.3");
    let at = run.text().find("V0").unwrap();
    assert!(run.is_code(at));
    assert!(!run.is_code(0));
}

#[test]
fn inline_code_across_lines_maps_each_side() {
    let src = "调用 `foo\nbar` 之后";
    let d = doc(src);
    let run = &d.runs[0];
    assert_eq!(run.text(), "调用 foo bar 之后");
    assert_eq!(slice_of(src, run, "bar"), "bar");
    assert_eq!(slice_of(src, run, "foo bar"), "foo\nbar");
}

#[test]
fn inline_html_and_comments_are_excluded() {
    let src = "文字<span style=\"color:red\">红色 2021</span>后<!-- 2020 年\n注释 -->尾<br><br>末";
    let d = doc(src);
    assert_eq!(
        d.runs[0].text(),
        "文字\u{FFFC}红色 2021\u{FFFC}后\u{FFFC}尾\u{FFFC}末"
    );
}

#[test]
fn html_and_code_blocks_are_not_prose() {
    let src = "前\n\n```rust\nlet url = \"https://x\"; // 2021年\n```\n\n    缩进代码 2020年\n\n<div align=\"center\">\n2019年\n</div>\n\n后\n";
    let d = doc(src);
    assert_eq!(texts(&d), ["前", "后"]);
}

#[test]
fn bare_urls_become_one_stand_in() {
    let src = "项目地址：https://github.com/tikv/tikv_2021/blob/x.md，另见 www.rust-lang.org 和 <https://a.b/2020> 以及 (http://x.y/z)。";
    let d = doc(src);
    let run = &d.runs[0];
    assert_eq!(
        run.text(),
        "项目地址：\u{FFFC}，另见 \u{FFFC} 和 \u{FFFC} 以及 (\u{FFFC})。"
    );
    let at = run.text().find(OBJECT_REPLACEMENT).unwrap();
    assert_eq!(
        run.source_span(at..at + 3).slice(src),
        "https://github.com/tikv/tikv_2021/blob/x.md"
    );
    for (url, _) in run.text().match_indices(OBJECT_REPLACEMENT) {
        assert!(!run.is_verbatim(url));
    }
}

#[test]
fn link_text_that_is_a_url_is_excluded() {
    let src = "仓库：[https://github.com/a/b](https://github.com/a/b)。";
    assert_eq!(only_text(src), "仓库：\u{FFFC}。");
}

#[test]
fn urls_inside_code_keep_code_ranges_consistent() {
    let src = "运行 `curl https://sh.rustup.rs` 安装 `1.0`";
    let d = doc(src);
    let run = &d.runs[0];
    assert_eq!(run.text(), "运行 curl \u{FFFC} 安装 1.0");
    let code: Vec<&str> = run
        .code_ranges()
        .iter()
        .map(|r| &run.text()[r.clone()])
        .collect();
    assert_eq!(code, ["curl \u{FFFC}", "1.0"]);
}

#[test]
fn footnotes_keep_prose_and_drop_labels() {
    let src = "正文[^1]结束\n\n[^1]: 脚注内容\n";
    let d = doc(src);
    assert_eq!(texts(&d), ["正文\u{FFFC}结束", "脚注内容"]);
}

#[test]
fn task_list_markers_are_dropped() {
    assert_eq!(only_text("- [x] 已完成 2021 年\n"), "已完成 2021 年");
}

#[test]
fn setext_and_atx_headings_open_sections() {
    let src =
        "报告\n====\n\n前言\n\n背景\n----\n\n### 细节 ###\n\n内容\n\n## 其他\n\n尾\n\n# 新章\n";
    let d = doc(src);
    let titles: Vec<(&str, u8, Option<usize>)> = d
        .sections
        .iter()
        .map(|s| (s.title.as_str(), s.level, s.parent))
        .collect();
    assert_eq!(
        titles,
        [
            ("报告", 1, None),
            ("背景", 2, Some(0)),
            ("细节", 3, Some(1)),
            ("其他", 2, Some(0)),
            ("新章", 1, None),
        ]
    );
    assert_eq!(d.sections[0].span.slice(src), "报告\n====");
    assert_eq!(d.sections[2].span.slice(src), "### 细节 ###");
    assert_eq!(d.sections[2].title_span.slice(src), "细节");
    assert_eq!(
        d.section_path(run_with(&d, "内容").section()),
        ["报告", "背景", "细节"]
    );
    assert_eq!(
        d.section_path(run_with(&d, "尾").section()),
        ["报告", "其他"]
    );
    // A heading run belongs to its own section.
    let heading = run_with(&d, "背景");
    assert_eq!(
        (heading.kind, heading.section()),
        (RunKind::Heading, Some(1))
    );
}

#[test]
fn heading_titles_are_flattened() {
    let src = "#### **StratoVirt** （国内/开源/容器）\n";
    let d = doc(src);
    assert_eq!(d.sections[0].title, "StratoVirt （国内/开源/容器）");
    let src2 = "## ![logo](a.png) 项目 **名** ![b](b.png)\n";
    let d2 = doc(src2);
    assert_eq!(d2.sections[0].title, "项目 名");
    assert_eq!(d2.sections[0].title_span.slice(src2), "项目 **名");
    // The title's extent runs from its first to its last char of text.
    assert_eq!(
        d.sections[0].title_span.slice(src),
        "StratoVirt** （国内/开源/容器）"
    );
}

#[test]
fn runs_before_the_first_heading_have_no_section() {
    let d = doc("引言\n\n# 标题\n\n正文\n");
    assert_eq!(d.runs[0].section(), None);
    assert!(d.section_path(None).is_empty());
    assert_eq!(d.runs[2].section(), Some(0));
}

#[test]
fn skipped_heading_levels_nest_under_the_nearest_lower_level() {
    let d = doc("## 二\n\n#### 四\n\n### 三\n");
    let parents: Vec<Option<usize>> = d.sections.iter().map(|s| s.parent).collect();
    assert_eq!(parents, [None, Some(0), Some(0)]);
}

#[test]
fn crlf_line_endings() {
    let src =
        "# 标题\r\n\r\n第一行\r\n第二行 2023 年  \r\nend\r\nmore\r\n\r\n```\r\ncode\r\n```\r\n";
    let d = doc(src);
    assert_eq!(texts(&d), ["标题", "第一行第二行 2023 年\nend more"]);
    assert_eq!(d.sections[0].span.slice(src), "# 标题");
    let run = &d.runs[1];
    let at = run.text().find(" more").unwrap();
    assert_eq!(run.source_span(at..at + 1).slice(src), "\r\n");
}

#[test]
fn bom_and_front_matter_before_the_body() {
    let src = "---\ntitle: 标题\n---\n\u{FEFF}正文 2023 年\n";
    let start = src.find('\u{FEFF}').unwrap();
    let d = parse(src, start);
    check_runs(src, &d).unwrap();
    assert_eq!(texts(&d), ["正文 2023 年"]);
    assert_eq!(d.runs[0].span().slice(src), "正文 2023 年");
    // Front matter is not walked when body_start is past it.
    let src = "---\ntitle: 2021 年\n---\n正文\n";
    assert_eq!(texts(&parse(src, common::body_start(src))), ["正文"]);
}

#[test]
fn body_start_out_of_range_or_inside_a_char_does_not_panic() {
    let src = "中文段落";
    assert!(parse(src, 1).runs.len() <= 1);
    assert!(parse(src, 100).runs.is_empty());
}

#[test]
fn verbatim_runs_map_one_to_one() {
    let src = "title: 倒计时3天 I 4.8 Beijing";
    let start = src.find('倒').unwrap();
    let run = ProseRun::verbatim(
        RunKind::FrontMatter,
        Some("title".into()),
        src,
        Span::new(start, src.len()),
        None,
    );
    assert_eq!(run.text(), "倒计时3天 I 4.8 Beijing");
    assert_eq!(run.key(), Some("title"));
    assert_eq!(run.source_offset(3), start + 3);
    assert_eq!(run.source_span(0..6).slice(src), "倒计");
    assert_eq!(run.span(), Span::new(start, src.len()));
    // A span off char boundaries is narrowed, not a panic.
    let bad = ProseRun::verbatim(
        RunKind::FrontMatter,
        None,
        src,
        Span::new(start + 1, 999),
        None,
    );
    assert!(src.is_char_boundary(bad.span().start));
}

#[test]
fn source_span_clamps_and_handles_empty_ranges() {
    let src = "时间 2023";
    let d = doc(src);
    let run = &d.runs[0];
    assert_eq!(run.source_span(3..3), Span::empty(3));
    assert_eq!(run.source_span(0..999).slice(src), src);
    // A range starting inside a char counts that char.
    assert_eq!(run.source_span(1..3).slice(src), "时");
    assert_eq!(run.source_offset(run.text().len()), src.len());
}

#[test]
fn kinds_and_sections_serialize_in_snake_case() {
    assert_eq!(
        serde_json::to_string(&RunKind::TableCell).unwrap(),
        "\"table_cell\""
    );
    assert_eq!(
        serde_json::to_string(&RunKind::FrontMatter).unwrap(),
        "\"front_matter\""
    );
    let section = &doc("# 标题\n").sections[0];
    let json = serde_json::to_value(section).unwrap();
    assert_eq!(json["title"], "标题");
    assert_eq!(json["level"], 1);
    assert_eq!(json["span"]["end"], "# 标题".len());
}

#[test]
fn the_invariant_checker_catches_a_wrong_map() {
    // A run built over one source checked against another must fail, or the corpus and
    // property tests would prove nothing.
    let built_on = "时间 2023 年";
    let run = ProseRun::verbatim(
        RunKind::FrontMatter,
        None,
        built_on,
        Span::new(0, built_on.len()),
        None,
    );
    assert!(common::check_run(built_on, &run).is_ok());
    assert!(common::check_run("地点 2023 年", &run).is_err());
}

#[test]
fn nul_and_tabs_and_odd_whitespace() {
    for src in [
        "a\0b 中\0文",
        "- a\tb\n\t- 嵌套\tc\n",
        ">\t引用\t文字\n",
        "`\tcode\t`\n",
        "a\u{a0}b\u{3000}c\n",
        "**a**\u{FEFF}b\n",
        "1. \t项\n\n\t续\n",
        "| a\t| b |\n|-|-|\n|\tc\t|\td |\n",
    ] {
        let d = doc(src);
        assert!(!d.runs.is_empty(), "{src:?}");
    }
}

#[test]
fn a_run_shows_and_keeps_only_its_own_text() {
    // Runs share their walk's text buffer: each must still read, print and outlive the
    // document as its own text, headings included (their titles are read mid-walk).
    let source =
        "# 第一章 标题\n\n第一段文字。\n\n| 表头 | 值 |\n|---|---|\n| 单元 | 1 |\n\n> 引用里的话\n";
    let d = doc(source);
    assert_eq!(
        texts(&d),
        [
            "第一章 标题",
            "第一段文字。",
            "表头",
            "值",
            "单元",
            "1",
            "引用里的话"
        ]
    );
    assert_eq!(d.sections[0].title, "第一章 标题");
    assert_eq!(d.sections[0].title_span.slice(source), "第一章 标题");
    let kept: ProseRun = run_with(&d, "第一段").clone();
    let debug = format!("{kept:?}");
    assert!(debug.contains("\"第一段文字。\""), "{debug}");
    assert!(
        !debug.contains("表头") && !debug.contains("标题"),
        "{debug}"
    );
    drop(d);
    assert_eq!(kept.text(), "第一段文字。");
    assert_eq!(slice_of(source, &kept, "文字"), "文字");
}
