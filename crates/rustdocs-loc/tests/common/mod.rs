//! Test-only helpers: a rough Markdown walker that yields prose runs with their heading path,
//! and a tiny date finder. The real pipeline uses rustdocs-document and rustdocs-datetime;
//! these exist so the recognizers can be tested on whole documents on their own.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::LazyLock;

use regex::Regex;
use rustdocs_loc::DateRef;

/// One prose run of a document.
pub struct Run {
    pub text: String,
    pub headings: Vec<String>,
}

/// Path of a file under the shared directory: `RUSTDOCS_SHARED` if set, else `shared/` beside
/// the repository checkout.
pub fn shared(path: &str) -> PathBuf {
    let root = std::env::var_os("RUSTDOCS_SHARED").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
        PathBuf::from,
    );
    root.join(path)
}

static IMAGE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"!\[[^\]]*\]\([^)]*\)").unwrap());
static LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[([^\]]*)\]\([^)]*\)").unwrap());
static URL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"https?://[^\s)）\]]+").unwrap());
static HTML: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[^>]+>").unwrap());
static HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(#{1,6})\s+(.*?)\s*#*\s*$").unwrap());
static ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$").unwrap());

/// Inline cleanup as the document stage does it: links keep their text, URLs and images become
/// U+FFFC, emphasis and code markers go, inline code content stays.
fn inline(s: &str) -> String {
    let s = IMAGE.replace_all(s, "\u{FFFC}");
    let s = LINK.replace_all(&s, "$1\u{FFFC}");
    let s = URL.replace_all(&s, "\u{FFFC}");
    let s = HTML.replace_all(&s, "");
    s.replace("**", "").replace("__", "").replace('`', "")
}

/// Prose runs of a Markdown document with the heading path of each.
pub fn runs(markdown: &str) -> Vec<Run> {
    let mut out = Vec::new();
    let mut stack: Vec<(usize, String)> = Vec::new();
    let mut para: Vec<String> = Vec::new();
    let mut in_code = false;
    let mut lines = markdown.lines().peekable();
    // Front matter.
    if markdown.starts_with("---") {
        lines.next();
        for l in lines.by_ref() {
            if l.trim() == "---" {
                break;
            }
        }
    }
    let path =
        |stack: &Vec<(usize, String)>| stack.iter().map(|(_, t)| t.clone()).collect::<Vec<_>>();
    let flush = |para: &mut Vec<String>, out: &mut Vec<Run>, stack: &Vec<(usize, String)>| {
        if !para.is_empty() {
            out.push(Run {
                text: inline(&para.join("\n")),
                headings: path(stack),
            });
            para.clear();
        }
    };
    for line in lines {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            flush(&mut para, &mut out, &stack);
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        let line = line.trim_start_matches(['>', ' ']);
        if line.trim().is_empty() {
            flush(&mut para, &mut out, &stack);
            continue;
        }
        if let Some(c) = HEADING.captures(line) {
            flush(&mut para, &mut out, &stack);
            let level = c[1].len();
            let title = inline(&c[2]);
            stack.retain(|(l, _)| *l < level);
            out.push(Run {
                text: title.clone(),
                headings: path(&stack),
            });
            stack.push((level, title));
            continue;
        }
        if line.trim_start().starts_with('|') {
            flush(&mut para, &mut out, &stack);
            for cell in line.trim().trim_matches('|').split('|') {
                let cell = cell.trim();
                if !cell.is_empty() && !cell.chars().all(|c| matches!(c, '-' | ':' | ' ')) {
                    out.push(Run {
                        text: inline(cell),
                        headings: path(&stack),
                    });
                }
            }
            continue;
        }
        if let Some(c) = ITEM.captures(line) {
            flush(&mut para, &mut out, &stack);
            para.push(c[1].to_string());
            flush(&mut para, &mut out, &stack);
            continue;
        }
        para.push(line.to_string());
    }
    flush(&mut para, &mut out, &stack);
    out
}

static DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?|(\d{4})-(\d{2})-(\d{2})")
        .unwrap()
});
static MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{4})\s*年\s*(\d{1,2})\s*月份?").unwrap());
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d{4})\s*年").unwrap());
static MONTH_DAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?|(\d{1,2})\s*月份").unwrap());
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"今年|上个月").unwrap());

/// A tiny date finder for tests: absolute day, month and year forms, month-day with the year
/// of the last explicit year in the run (else the reference year), 今年 and 上个月.
pub fn find_dates(text: &str, reference: (i32, u32)) -> Vec<DateRef> {
    let mut found: Vec<DateRef> = Vec::new();
    let free = |found: &Vec<DateRef>, s: usize, e: usize| {
        found.iter().all(|d| e <= d.range.start || s >= d.range.end)
    };
    let digit_before = |s: usize| {
        text[..s]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit())
    };
    for c in DAY.captures_iter(text) {
        let m = c.get(0).unwrap();
        if digit_before(m.start()) {
            continue;
        }
        let (y, mo, d) = if c.get(1).is_some() {
            (&c[1], &c[2], &c[3])
        } else {
            (&c[4], &c[5], &c[6])
        };
        let start = format!(
            "{y}-{:02}-{:02}",
            mo.parse::<u32>().unwrap(),
            d.parse::<u32>().unwrap()
        );
        found.push(DateRef {
            range: m.range(),
            start: Some(start),
        });
    }
    for c in MONTH.captures_iter(text) {
        let m = c.get(0).unwrap();
        if !digit_before(m.start()) && free(&found, m.start(), m.end()) {
            found.push(DateRef {
                range: m.range(),
                start: Some(format!("{}-{:02}", &c[1], c[2].parse::<u32>().unwrap())),
            });
        }
    }
    for c in YEAR.captures_iter(text) {
        let m = c.get(0).unwrap();
        if !digit_before(m.start()) && free(&found, m.start(), m.end()) {
            found.push(DateRef {
                range: m.range(),
                start: Some(c[1].to_string()),
            });
        }
    }
    found.sort_by_key(|d| d.range.start);
    let mut extra = Vec::new();
    for c in MONTH_DAY.captures_iter(text) {
        let m = c.get(0).unwrap();
        if digit_before(m.start()) || !free(&found, m.start(), m.end()) {
            continue;
        }
        let year = found
            .iter()
            .filter(|d| d.range.end <= m.start())
            .filter_map(|d| d.start.as_deref().map(|s| s[..4].to_string()))
            .next_back()
            .unwrap_or_else(|| reference.0.to_string());
        let start = if c.get(1).is_some() {
            format!(
                "{year}-{:02}-{:02}",
                c[1].parse::<u32>().unwrap(),
                c[2].parse::<u32>().unwrap()
            )
        } else {
            format!("{year}-{:02}", c[3].parse::<u32>().unwrap())
        };
        extra.push(DateRef {
            range: m.range(),
            start: Some(start),
        });
    }
    for m in RELATIVE.find_iter(text) {
        let start = if m.as_str() == "今年" {
            reference.0.to_string()
        } else if reference.1 == 1 {
            format!("{}-12", reference.0 - 1)
        } else {
            format!("{}-{:02}", reference.0, reference.1 - 1)
        };
        extra.push(DateRef {
            range: m.range(),
            start: Some(start),
        });
    }
    found.extend(extra);
    found.sort_by_key(|d| d.range.start);
    found
}

/// Case-insensitive, space-insensitive form used for comparisons (as the scorer does).
pub fn norm(s: &str) -> String {
    s.to_lowercase()
        .split_whitespace()
        .collect::<String>()
        .replace(['～', '〜'], "~")
}

/// The scorer's subject rule: equal, or one contains the other with at least 3 characters.
pub fn subject_matches(gold: &[String], pred: Option<&str>) -> bool {
    let Some(p) = pred.map(norm) else {
        return false;
    };
    if p.is_empty() {
        return false;
    }
    gold.iter().map(|g| norm(g)).any(|g| {
        if g == p {
            return true;
        }
        let (short, long) = if g.chars().count() <= p.chars().count() {
            (&g, &p)
        } else {
            (&p, &g)
        };
        short.chars().count() >= 3 && long.contains(short.as_str())
    })
}
