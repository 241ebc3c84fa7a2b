//! Prints every venue found in the shared documents, split several ways, plus generated
//! address-like strings, so that a change to the recognizer can be diffed for same output.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use regex::Regex;
use rustdocs_venue::recognize;

/// Fragments that exercise the grammar far more often than random characters would.
const PIECES: &[&str] = &[
    "地点：",
    "地址:",
    "Venue:",
    "线上：",
    "北京市",
    "北京",
    "海淀区",
    "朝阳",
    "朝阳区",
    "西湖区",
    "上海",
    "浦东新区",
    "杭州",
    "吉林",
    "中关村大街",
    "路",
    "道",
    "频道",
    "街道",
    "甲",
    "1",
    "27",
    " 号",
    "号楼",
    "A7栋",
    "B座",
    "M 层",
    "3 楼",
    "一楼",
    "厅",
    "616 房间",
    "中心",
    "大厦",
    "Tower",
    "酒店",
    "在",
    "举行",
    "隆重举办",
    "，",
    "。",
    "（",
    "）",
    "(",
    ")",
    "\n",
    "\u{FFFC}",
    "线上直播",
    "直播",
    "腾讯会议",
    "B 站",
    "b站",
    "zoom",
    "YouTube",
    "bilibili",
    "视频号",
    "观看",
    "线上举办",
    "曾",
    "：",
    ":",
    " ",
    "合作",
    "最大化",
    "é",
    "🦀",
    "的",
    "总部",
    "注册地",
    "部总",
    "地册注",
    "会议",
    "站",
    "哔哩哔哩",
    "酒仙桥",
    "科技园",
    "http://x.y",
    "时间：",
    "a",
    "Z",
    "b",
];

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            markdown_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
}

fn emit(out: &mut String, tag: &str, text: &str) {
    let found = recognize(text);
    if !found.is_empty() {
        let _ = writeln!(out, "{tag} {found:?}");
    }
}

fn main() {
    // Directories from the command line, else the shared seeds and corpus beside the
    // checkout and the bundled examples.
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut dirs: Vec<String> = std::env::args().skip(1).collect();
    if dirs.is_empty() {
        dirs = ["../shared/seeds", "../shared/corpus", "examples"]
            .iter()
            .map(|d| format!("{root}/{d}"))
            .collect();
    }
    let mut files = Vec::new();
    for dir in &dirs {
        markdown_files(Path::new(dir), &mut files);
    }
    files.sort();
    let url = Regex::new(r"(?:https?://|www\.)[^\s)）\]]+").unwrap_or_else(|e| panic!("{e}"));
    let mut out = String::new();
    for f in &files {
        let Ok(source) = std::fs::read_to_string(f) else {
            continue;
        };
        let name = f.display();
        let replaced = url.replace_all(&source, "\u{FFFC}").into_owned();
        for (v, text) in [("raw", &source), ("fffc", &replaced)] {
            emit(&mut out, &format!("{name} {v} file"), text);
            for (i, para) in text.split("\n\n").enumerate() {
                emit(&mut out, &format!("{name} {v} para {i}"), para);
            }
            for (i, line) in text.lines().enumerate() {
                emit(&mut out, &format!("{name} {v} line {i}"), line);
            }
        }
    }
    // Generated strings from a fixed-seed generator: same strings on every run.
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let count: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(200_000);
    for i in 0..count {
        let len = (next() % 30) as usize;
        let text: String = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        emit(&mut out, &format!("gen {i}"), &text);
    }
    print!("{out}");
}
