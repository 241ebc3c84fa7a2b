//! Prints the raw recognizer and countdown output for every Markdown file under the given
//! directories (whole files, lines, blank-line paragraphs and prose runs) and for a fixed
//! stream of generated date-like strings, so a change to the scanner can be diffed for
//! byte-identical output: `cargo run --release --example dump_datetime -- DIR... > before.txt`.

// The shared splitter also carries what the scan example needs (sections, resolution).
#[allow(dead_code)]
#[path = "../tests/support/runs.rs"]
mod support;

use std::path::{Path, PathBuf};

use rustdocs_datetime::{Options, countdowns, recognize};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
}

fn dump(tag: &str, text: &str, options: &Options) {
    let cands = recognize(text, options);
    let counts = countdowns(text);
    if cands.is_empty() && counts.is_empty() {
        return;
    }
    println!("{tag} {text:?}");
    for c in cands {
        println!("  {c:?}");
    }
    for c in counts {
        println!("  countdown {c:?}");
    }
}

fn both(tag: &str, text: &str) {
    dump(tag, text, &Options::default());
    dump(
        &format!("{tag}+dotted"),
        text,
        &Options {
            dotted_month_day: true,
            ignore: Vec::new(),
        },
    );
}

/// A deterministic stream of strings over the grammar's own alphabet plus common prose.
fn generated(n: usize) {
    const ALPHABET: &[&str] = &[
        "0",
        "1",
        "2",
        "3",
        "5",
        "9",
        "12",
        "2023",
        "1999",
        "０",
        "８",
        "年",
        "月",
        "日",
        "号",
        "点",
        "时",
        "分",
        "半",
        "整",
        "钟",
        "周",
        "星期",
        "礼拜",
        "一",
        "二",
        "三",
        "六",
        "七",
        "十",
        "〇",
        "零",
        "两",
        "天",
        "今",
        "明",
        "昨",
        "前",
        "后",
        "去",
        "本",
        "这",
        "这个",
        "上",
        "下",
        "个",
        "中",
        "正",
        "晚",
        "凌",
        "早",
        "清",
        "夜",
        "傍",
        "深",
        "午",
        "晨",
        "上",
        "间",
        "里",
        "的",
        "每",
        "倒计时",
        "距离",
        "还有",
        ":",
        "：",
        "-",
        "/",
        ".",
        "~",
        "～",
        "至",
        "到",
        "、",
        "（",
        "）",
        "(",
        ")",
        "，",
        ",",
        " ",
        " ",
        "　",
        "北京时间",
        "底",
        "初",
        "份",
        "Sat",
        "Sat.",
        "pm",
        "a.m.",
        "T",
        "UTC",
        "版",
        "Linux ",
        "v",
        "第",
        "近",
        "说",
        "先天",
        "以",
        "于",
        "期",
        "候",
        "次",
        "\n",
        "a",
        "的",
        "是",
        "人",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for k in 0..n {
        let len = (next() % 14) as usize + 1;
        let mut s = String::new();
        for _ in 0..len {
            s.push_str(ALPHABET[(next() % ALPHABET.len() as u64) as usize]);
        }
        both(&format!("gen{k}"), &s);
    }
}

fn main() {
    let mut files = Vec::new();
    let mut generate = 0;
    for arg in std::env::args().skip(1) {
        if let Some(n) = arg.strip_prefix("--generate=") {
            generate = n.parse().unwrap_or(0);
        } else {
            collect(Path::new(&arg), &mut files);
        }
    }
    for path in files {
        let Ok(source) = std::fs::read_to_string(&path) else {
            continue;
        };
        println!("== {}", path.display());
        both("file", &source);
        for line in source.lines() {
            both("line", line);
        }
        for para in source.split("\n\n") {
            both("para", para);
        }
        for run in support::runs(&source) {
            dump(
                "run",
                &run.text,
                &Options {
                    dotted_month_day: run.dotted,
                    ignore: run.ignore.clone(),
                },
            );
        }
    }
    generated(generate);
}
