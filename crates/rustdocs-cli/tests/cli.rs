//! Runs the `rustdocs` binary the way users and CI do.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rustdocs"))
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("binary runs")
}

fn stdout_json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

#[test]
fn extract_json_over_the_examples_directory() {
    let out = run(&["extract", "--format", "json", examples().to_str().unwrap()]);
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = stdout_json(&out);
    let docs = docs.as_array().unwrap();
    assert_eq!(docs.len(), 2);
    for doc in docs {
        for key in [
            "path",
            "front_matter",
            "sections",
            "entities",
            "diagnostics",
        ] {
            assert!(doc.get(key).is_some(), "{key} missing in {doc}");
        }
    }
    let meetup = docs
        .iter()
        .find(|d| {
            d["path"]
                .as_str()
                .unwrap()
                .ends_with("000_22672fd967c890d3.md")
        })
        .unwrap();
    assert_eq!(meetup["front_matter"]["format"], "yaml");
    assert_eq!(meetup["front_matter"]["data"]["location"], "中国香港");
    assert_eq!(meetup["front_matter"]["span"]["line"], 1);
    let report = docs
        .iter()
        .find(|d| {
            d["path"]
                .as_str()
                .unwrap()
                .ends_with("003_0bd08050aac06db2.md")
        })
        .unwrap();
    assert_eq!(report["front_matter"], serde_json::Value::Null);
    let sections = report["sections"].as_array().unwrap();
    assert_eq!(sections[0]["title"], "Rust 行业调研报告");
    assert_eq!(sections[0]["level"], 1);
    assert!(
        sections
            .iter()
            .any(|s| s["title"].as_str().unwrap().starts_with("TiKV"))
    );
}

#[test]
fn every_entity_text_is_the_exact_source_slice() {
    let path = examples().join("000_22672fd967c890d3.md");
    let source = fs::read_to_string(&path).unwrap();
    let out = run(&["extract", path.to_str().unwrap()]);
    assert!(out.status.success());
    let docs = stdout_json(&out);
    for e in docs[0]["entities"].as_array().unwrap() {
        let start = e["span"]["start"].as_u64().unwrap() as usize;
        let end = e["span"]["end"].as_u64().unwrap() as usize;
        assert_eq!(&source[start..end], e["text"].as_str().unwrap());
    }
}

#[test]
fn a_broken_file_is_reported_by_path_and_the_rest_still_print() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a_good.md"),
        "# 标题\n\n2023 年 4 月 8 日举行。\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("b_broken.md"),
        "---\ntitle: [unclosed\n---\n正文\n",
    )
    .unwrap();
    fs::write(dir.path().join("c_good.md"), "---\ntitle: ok\n---\n正文\n").unwrap();
    fs::write(dir.path().join("ignored.txt"), "not markdown").unwrap();
    let out = run(&["extract", "--format", "jsonl", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("b_broken.md:"), "{stderr}");
    assert!(stderr.contains("front matter"), "{stderr}");
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["path"].as_str().unwrap().ends_with("a_good.md"));
    assert!(lines[1]["path"].as_str().unwrap().ends_with("c_good.md"));
}

#[test]
fn broken_front_matter_error_names_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dup.md");
    fs::write(&path, "---\ntitle: a\ntitle: b\n---\n").unwrap();
    let out = run(&["extract", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("dup.md:3:1"), "{stderr}");
    assert_eq!(stdout_json(&out), serde_json::json!([]));
}

#[test]
fn stdin_is_read_for_dash() {
    let mut child = bin()
        .args(["extract", "--format", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("## 小节\n\n2020-09-23，发布 0.1.0 版本。\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["path"], "-");
    assert_eq!(doc["sections"][0]["title"], "小节");
}

#[test]
fn missing_paths_and_invalid_utf8_exit_2_with_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.md");
    fs::write(&bad, b"ok\n\xff\xfe").unwrap();
    let good = dir.path().join("good.md");
    fs::write(&good, "正文\n").unwrap();
    let out = run(&[
        "extract",
        "--format",
        "jsonl",
        "/no/such/file.md",
        bad.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("/no/such/file.md"), "{stderr}");
    assert!(
        stderr.contains("invalid UTF-8 at byte 3 (line 2, column 1)"),
        "{stderr}"
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(
        run(&["extract", "--kinds", "dates", "-"]).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&["extract", "--reference-date", "2023-02-30", "-"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn kinds_filter_and_table_and_csv_formats() {
    let path = examples().join("000_22672fd967c890d3.md");
    let out = run(&["extract", "--kinds", "venue", path.to_str().unwrap()]);
    let docs = stdout_json(&out);
    assert!(
        docs[0]["entities"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["kind"] == "venue")
    );
    let out = run(&["extract", "--format", "csv", path.to_str().unwrap()]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("path,kind,text,start,end,line,column,section,value\n"));
    let out = run(&["extract", "--format", "table", path.to_str().unwrap()]);
    assert!(String::from_utf8(out.stdout).unwrap().contains("entities"));
}

#[cfg(unix)]
#[test]
fn directory_walk_does_not_follow_symlink_loops() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("doc.md"), "正文\n").unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    let out = run(&["extract", "--format", "jsonl", dir.path().to_str().unwrap()]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}

#[test]
fn a_document_too_large_to_buffer_streams_in_its_place() {
    // Past 1 MiB a document is written straight to the output by the writing thread; it must
    // still come out whole, in input order, the same at any thread count.
    let dir = tempfile::tempdir().unwrap();
    let paragraph = "第 1 期活动于 2024 年 3 月 9 日举行。\n\n";
    let count = (1 << 20) / paragraph.len() + 100;
    fs::write(dir.path().join("a.md"), "# 小文\n\n2023 年 4 月 8 日\n").unwrap();
    fs::write(dir.path().join("b.md"), paragraph.repeat(count)).unwrap();
    fs::write(dir.path().join("c.md"), "末篇写于 2022 年。\n").unwrap();
    let paths: Vec<String> = ["a.md", "b.md", "c.md"]
        .iter()
        .map(|n| dir.path().join(n).to_string_lossy().into_owned())
        .collect();
    for format in ["json", "csv"] {
        let outputs: Vec<Vec<u8>> = ["1", "2"]
            .iter()
            .map(|threads| {
                let mut args = vec!["extract", "--threads", threads, "--format", format];
                args.extend(paths.iter().map(String::as_str));
                let out = run(&args);
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
                out.stdout
            })
            .collect();
        assert!(
            outputs[0] == outputs[1],
            "{format}: output depends on threads"
        );
        if format == "json" {
            let docs: Vec<serde_json::Value> = serde_json::from_slice(&outputs[0]).unwrap();
            let names: Vec<&str> = docs.iter().map(|d| d["path"].as_str().unwrap()).collect();
            assert_eq!(names, paths);
            let dates = |d: &serde_json::Value| d["entities"].as_array().unwrap().len();
            assert_eq!(
                (dates(&docs[0]), dates(&docs[1]), dates(&docs[2])),
                (1, count, 1)
            );
        } else {
            let text = String::from_utf8(outputs[0].clone()).unwrap();
            let rows: Vec<&str> = text.lines().skip(1).collect();
            assert_eq!(rows.len(), count + 2);
            assert!(rows[0].contains("a.md") && rows[count + 1].contains("c.md"));
            assert!(rows[1..=count].iter().all(|r| r.contains("b.md,datetime")));
        }
    }
}
