//! Runs the recognizer over every line of the real documents in `../shared/` and checks that
//! report documents yield no venue while announcements with a physical address yield exactly
//! one physical venue each. Lines are turned into prose runs roughly as the document stage
//! does: front matter and code blocks skipped, emphasis removed, link targets and bare URLs
//! replaced by U+FFFC.
//!
//! Run with `--nocapture` to read every venue found.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;
use rustdocs_venue::{Venue, recognize};

static IMAGE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"!\[[^\]]*\]\([^)]*\)").unwrap());
static LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[([^\]]*)\]\([^)]*\)").unwrap());
static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:https?://|www\.)[^\s)）\]]+").unwrap());
static HTML: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[^>]+>").unwrap());

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    p.is_dir().then_some(p)
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            markdown_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "md") && !p.ends_with("MANIFEST.md") {
            out.push(p);
        }
    }
}

/// Prose runs of a Markdown file, one per line.
fn runs(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_code = false;
    let mut in_front = false;
    for (i, line) in source.lines().enumerate() {
        let t = line.trim();
        if i == 0 && (t == "---" || t == "+++") {
            in_front = true;
            continue;
        }
        if in_front {
            in_front = !(t == "---" || t == "+++");
            continue;
        }
        if t.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        let s = IMAGE.replace_all(line, "\u{FFFC}");
        let s = LINK.replace_all(&s, "$1");
        let s = URL.replace_all(&s, "\u{FFFC}");
        let s = HTML.replace_all(&s, "");
        let s = s.replace("**", "").replace('`', "");
        let s = s.trim_start_matches(['#', '-', '*', '>', ' ']).to_owned();
        out.push(s);
    }
    out
}

fn venues_of(path: &Path) -> Vec<(String, Venue)> {
    let source = std::fs::read_to_string(path).unwrap_or_default();
    let mut found = Vec::new();
    for run in runs(&source) {
        for (r, v) in recognize(&run) {
            found.push((run[r].to_owned(), v));
        }
    }
    found
}

const REPORTS: &[&str] = &[
    "003_0bd08050aac06db2.md",
    "rust-compilation-model-calamity.md",
    "2022/report.md",
    "2022-review-the-adoption-of-rust-in-business-zh.md",
    "chapter_7/hots.md",
    "chapter_10/tool_libs.md",
    "open-source-weekly-report-issue-8/index.md",
    "rust-20191207/index.md",
    "libra-20200104/index.md",
];

/// Announcements and the physical venue text each must yield exactly once.
const PHYSICAL: &[(&str, &str)] = &[
    (
        "000_22672fd967c890d3.md",
        "环球财讯中心 M 层 北京市西城区宣武门外大街甲 1 号",
    ),
    (
        "4.8-Beijing-Rust-Meetup",
        "环球财讯中心 M 层 北京市西城区宣武门外大街甲 1 号",
    ),
    (
        "Rust-China-Conf-2023",
        "上海浦东新区杨高南路 889 号上海东锦江希尔顿逸林酒店",
    ),
    (
        "SpinalHDL",
        "成都市郫都区合作街道合顺路 2 号 IC 设计产业园 2 号楼 1 单元 18 楼",
    ),
    ("Generative-AI", "北京朝阳区酒仙桥"),
    ("2nd-Hardware-Agile", "北京香格里拉饭店"),
    ("Simultaneous-Event-Preview", "杭州黄龙饭店 珍珠厅1"),
    ("2025-RISC-V-China-Summit", "上海张江科学会堂"),
    ("sofa-meetup-1/", "北京中关村创业大街 氪空间"),
    ("sofa-meetup-2/", "上海市徐汇区田林路200号A7栋一楼"),
    (
        "sofa-meetup-5/",
        "北京海淀中关村创业大街72号拓荒族众创空间（三层路演厅）",
    ),
    (
        "service-mesh-meetup-8",
        "北京朝阳大望京科技商务园区宏泰东街浦项中心B座2层多功能厅",
    ),
    ("sofastack-cloud-native-workshop", "上海世博中心 616 房间"),
    (
        "chapter_8/rust_china_conf_2021.md",
        "上海市徐汇区云锦路701号西岸智塔AI Tower 45层",
    ),
    ("meeting_notes/2022-08-11", "北京字节跳动的工区"),
];

#[test]
fn corpus_venues() {
    let Some(root) = shared() else {
        eprintln!("../shared not found; skipping");
        return;
    };
    let mut files = Vec::new();
    markdown_files(&root.join("seeds"), &mut files);
    markdown_files(&root.join("corpus"), &mut files);
    files.sort();
    assert!(files.len() >= 30, "corpus not found: {} files", files.len());
    let mut failures = Vec::new();
    for path in &files {
        let name = path.to_string_lossy();
        let found = venues_of(path);
        for (text, v) in &found {
            println!("{name}\n    «{text}» {v:?}");
        }
        if REPORTS.iter().any(|r| name.ends_with(r)) && !found.is_empty() {
            failures.push(format!("report {name} yields {found:?}"));
        }
        for (key, text) in PHYSICAL {
            if name.contains(key) {
                // The same place may be mentioned twice (a sentence and a labelled line); every
                // physical venue must then be a reading of the expected address.
                let physical: Vec<_> = found
                    .iter()
                    .filter(|(_, v)| !v.online || v.city.is_some())
                    .collect();
                let exact: Vec<_> = physical.iter().filter(|(t, _)| t == text).collect();
                let consistent = exact.first().is_some_and(|(_, want)| {
                    physical.iter().all(|(_, v)| {
                        v.city == want.city && (v.building.is_none() || v.building == want.building)
                    })
                });
                if exact.len() != 1 || !consistent {
                    failures.push(format!(
                        "{name}: expected one venue «{text}», got {physical:?}"
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
