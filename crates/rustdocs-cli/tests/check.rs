//! `rustdocs check` as a content repository's CI runs it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rustdocs"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// `rustdocs check --format json` on one page.
fn check_json(page: &Path) -> serde_json::Value {
    serde_json::from_slice(&run(&["check", "--format", "json", page.to_str().unwrap()]).stdout)
        .unwrap()
}

/// The diagnostic codes of a JSON report, in order.
fn codes(json: &serde_json::Value) -> Vec<&str> {
    json.as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// An announcement whose front-matter location contradicts its venue, and whose 周六 is wrong.
const MEETUP: &str = "---\ntitle: Meetup\nlocation: 上海\n---\n\n**时间：** 2024 年 3 月 15 日（周六）14:00\n\n**地点：** 北京市海淀区中关村大街 27 号\n";

#[test]
fn seed_meetup_reports_location_mismatch_at_both_spans() {
    let out = run(&[
        "check",
        "--color",
        "never",
        examples().join("000_22672fd967c890d3.md").to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "a warning alone does not fail the run"
    );
    let text = stdout(&out);
    assert!(text.contains("warning[location-mismatch]"), "{text}");
    assert!(text.contains("000_22672fd967c890d3.md:5:11"), "{text}");
    assert!(text.contains("location: 中国香港"), "{text}");
    assert!(
        text.contains("**地点：** 环球财讯中心 M 层 北京市西城区宣武门外大街甲 1 号"),
        "{text}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 warning(s)"));
    // Warnings fail the run only when denied.
    let denied = run(&[
        "check",
        "--deny",
        "warnings",
        examples().join("000_22672fd967c890d3.md").to_str().unwrap(),
    ]);
    assert_eq!(denied.status.code(), Some(1));
}

#[test]
fn the_report_seed_is_clean() {
    let out = run(&[
        "check",
        examples().join("003_0bd08050aac06db2.md").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
}

#[test]
fn errors_exit_1_and_every_format_carries_them() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("meetup.md");
    fs::write(&page, MEETUP).unwrap();
    let out = run(&["check", "--color", "never", page.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("error[weekday-mismatch]"), "{text}");
    assert!(text.contains("Friday"), "{text}");
    assert!(text.contains("warning[location-mismatch]"), "{text}");

    let json = check_json(&page);
    let codes = codes(&json);
    assert!(
        codes.contains(&"weekday-mismatch") && codes.contains(&"location-mismatch"),
        "{codes:?}"
    );
    let weekday = json
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "weekday-mismatch")
        .unwrap();
    assert_eq!(weekday["severity"], "error");
    assert_eq!(weekday["span"]["line"], 6);

    let github = stdout(&run(&[
        "check",
        "--format",
        "github",
        page.to_str().unwrap(),
    ]));
    assert!(
        github
            .lines()
            .any(|l| l.starts_with("::error file=") && l.contains("line=6")),
        "{github}"
    );

    let sarif: serde_json::Value = serde_json::from_slice(
        &run(&["check", "--format", "sarif", page.to_str().unwrap()]).stdout,
    )
    .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(!sarif["runs"][0]["results"].as_array().unwrap().is_empty());
}

#[test]
fn rustdocs_toml_is_discovered_and_can_turn_rules_off() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content/events");
    fs::create_dir_all(&content).unwrap();
    fs::write(content.join("meetup.md"), MEETUP).unwrap();
    fs::write(
        dir.path().join("content/rustdocs.toml"),
        "[rules]\nweekday-mismatch = \"off\"\nlocation-mismatch = \"error\"\n",
    )
    .unwrap();
    let out = run(&[
        "check",
        "--format",
        "json",
        dir.path().join("content").to_str().unwrap(),
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(&str, &str)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(found, vec![("location-mismatch", "error")]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn inline_comments_suppress_the_next_line() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("meetup.md");
    let suppressed = MEETUP.replace(
        "**时间：**",
        "<!-- rustdocs-disable-next-line weekday-mismatch -->\n**时间：**",
    );
    fs::write(&page, suppressed).unwrap();
    let json = check_json(&page);
    let codes = codes(&json);
    assert_eq!(codes, vec!["location-mismatch"]);
}

#[test]
fn broken_front_matter_is_a_diagnostic_and_bad_config_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("broken.md");
    fs::write(&page, "---\ntitle: [unclosed\n---\n正文\n").unwrap();
    let out = run(&["check", "--color", "never", page.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("error[front-matter-syntax]"),
        "{}",
        stdout(&out)
    );

    let config = dir.path().join("rustdocs.toml");
    fs::write(&config, "[rules]\nno-such-rule = \"off\"\n").unwrap();
    let out = run(&["check", page.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("rustdocs.toml") && stderr.contains("no-such-rule"),
        "{stderr}"
    );
}

#[test]
fn unreadable_paths_exit_2_and_the_rest_is_checked() {
    let out = run(&[
        "check",
        "--format",
        "json",
        "/no/such/dir",
        examples().join("000_22672fd967c890d3.md").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        json.as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "location-mismatch")
    );
}
