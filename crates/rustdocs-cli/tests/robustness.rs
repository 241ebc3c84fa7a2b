//! Hostile files through the `rustdocs` binary: it never panics (exit 101), names the file
//! and the position of what is wrong, and one bad file never stops the rest of a batch.
//!
//! Sizes keep every test to a few seconds in a debug build; the 20 MB file runs with
//! `cargo test -p rustdocs-cli --release --test robustness -- --ignored`.

use std::fmt::Write as _;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rustdocs"))
}

fn run(args: &[&str]) -> Output {
    let out = bin().args(args).output().expect("binary runs");
    assert_no_panic(&out);
    out
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary starts");
    // The binary may refuse early (too large) and close its end; that is not our failure.
    let _ = child.stdin.take().expect("stdin").write_all(input);
    let out = child.wait_with_output().expect("binary ends");
    assert_no_panic(&out);
    out
}

fn assert_no_panic(out: &Output) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(101), "panicked: {stderr}");
    assert!(out.status.code().is_some(), "killed by a signal: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

/// Paths of the documents printed by `extract --format json`.
fn printed_paths(out: &Output) -> Vec<String> {
    json(out)
        .as_array()
        .expect("array")
        .iter()
        .map(|d| d["path"].as_str().expect("path").to_owned())
        .collect()
}

const GOOD: &str = "---\ntitle: 北京 Meetup\n---\n\n时间：2023年4月8日 14:00\n";

/// A directory with one good file on each side (alphabetically) of `name` holding `bad`.
fn batch(name: &str, bad: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("a_good.md"), GOOD).expect("write");
    fs::write(dir.path().join("z_good.md"), GOOD).expect("write");
    let bad_path = dir.path().join(name);
    fs::write(&bad_path, bad).expect("write");
    (dir, bad_path)
}

fn assert_good_ones_printed(out: &Output) {
    let paths = printed_paths(out);
    assert!(
        paths.iter().any(|p| p.ends_with("a_good.md"))
            && paths.iter().any(|p| p.ends_with("z_good.md")),
        "the rest of the batch is printed: {paths:?}; stderr: {}",
        stderr(out)
    );
}

/// Hostile documents that must analyze cleanly (exit 0) in the middle of a batch.
fn hostile_documents() -> Vec<(&'static str, Vec<u8>)> {
    let mut list = vec![
        ("empty.md", Vec::new()),
        (
            "only_front_matter.md",
            b"---\ntitle: 2023\xe5\xb9\xb4\n---\n".to_vec(),
        ),
        (
            "nul.md",
            b"\x00\x01\x02 2023\xe5\xb9\xb4 \x1b[31m \x7f\n\x00".to_vec(),
        ),
        ("crlf.md", GOOD.replace('\n', "\r\n").into_bytes()),
        ("cr.md", GOOD.replace('\n', "\r").into_bytes()),
        (
            "bom_middle.md",
            "正文\u{FEFF}2023年\u{FEFF}4月\n\u{FEFF}# 标题\n"
                .as_bytes()
                .to_vec(),
        ),
        ("digits.md", "9".repeat(100_000).into_bytes()),
        ("years.md", "2023年".repeat(5_000).into_bytes()),
        (
            "numerals.md",
            "一二三四五六七八九十百千万亿".repeat(5_000).into_bytes(),
        ),
        ("stars.md", "**".repeat(100_000).into_bytes()),
        (
            "quotes.md",
            format!("{} 2023年4月8日\n", ">".repeat(20_000)).into_bytes(),
        ),
    ];
    // `- - - x` opens one list per marker: 3 000 levels in 6 KB (indented, they take 9 MB).
    list.push((
        "lists.md",
        format!("{}2023年4月8日\n", "- ".repeat(3_000)).into_bytes(),
    ));
    list.push((
        "ordered.md",
        format!("{}4月8日\n", "1. ".repeat(3_000)).into_bytes(),
    ));
    list
}

#[test]
fn hostile_documents_analyze_and_the_batch_goes_on() {
    for (name, bytes) in hostile_documents() {
        let (dir, _) = batch(name, &bytes);
        let out = run(&["extract", "--format", "json", dir.path().to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        let paths = printed_paths(&out);
        assert_eq!(paths.len(), 3, "{name}: {paths:?}");
        assert_good_ones_printed(&out);
    }
}

#[test]
fn hostile_documents_through_check_and_every_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, bytes) in hostile_documents() {
        fs::write(dir.path().join(name), bytes).expect("write");
    }
    let root = dir.path().to_str().unwrap();
    for format in ["jsonl", "csv", "table"] {
        let out = run(&["extract", "--format", format, root]);
        assert_eq!(out.status.code(), Some(0), "{format}: {}", stderr(&out));
    }
    for format in ["human", "json", "github", "sarif"] {
        let out = run(&["check", "--format", format, "--color", "never", root]);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{format}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn broken_front_matter_names_file_line_and_column_and_the_batch_goes_on() {
    let mut bomb = String::from("---\na0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..9 {
        let p = i - 1;
        let _ = writeln!(
            bomb,
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]"
        );
    }
    bomb.push_str("---\n正文\n");
    let cases: Vec<(&str, String)> = vec![
        ("bomb.md", bomb),
        (
            "deep_yaml.md",
            format!(
                "---\na: {}{}\n---\n",
                "[".repeat(50_000),
                "]".repeat(50_000)
            ),
        ),
        (
            "deep_toml.md",
            format!(
                "+++\na = {}{}\n+++\n",
                "[".repeat(50_000),
                "]".repeat(50_000)
            ),
        ),
        (
            "deep_json.md",
            format!("{}1{}\n", "{\"a\":".repeat(50_000), "}".repeat(50_000)),
        ),
        ("unterminated.md", "---\ntitle: 北京\n\n正文\n".to_owned()),
    ];
    for (name, source) in cases {
        let (dir, bad) = batch(name, source.as_bytes());
        let out = run(&["extract", "--format", "json", dir.path().to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", stderr(&out));
        let err = stderr(&out);
        let prefix = format!("{}:", bad.display());
        let located = err.lines().any(|l| {
            l.strip_prefix("error: ")
                .and_then(|l| l.strip_prefix(&prefix))
                .and_then(|rest| rest.split(':').next())
                .is_some_and(|line| line.parse::<usize>().is_ok())
        });
        assert!(located, "{name}: path:line:column on stderr: {err}");
        assert_eq!(printed_paths(&out).len(), 2, "{name}");
        assert_good_ones_printed(&out);

        // `check` reports it as a diagnostic of that file and goes on too.
        let out = run(&["check", "--format", "json", dir.path().to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", stderr(&out));
        let diags = json(&out);
        assert!(
            diags.to_string().contains(name),
            "{name}: diagnostic names the file: {diags}"
        );
    }
}

#[test]
fn invalid_utf8_names_the_byte_offset_and_the_batch_goes_on() {
    let (dir, bad) = batch("latin1.md", b"# ok\n\nabc\xe9def\n");
    let out = run(&["extract", "--format", "json", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(&bad.display().to_string()) && err.contains("invalid UTF-8 at byte 9"),
        "{err}"
    );
    assert!(err.contains("line 3, column 4"), "{err}");
    assert_good_ones_printed(&out);
    // A truncated multi-byte character at the very end, on standard input.
    let out = run_stdin(
        &["extract", "-"],
        "2023年".as_bytes().split_last().unwrap().1,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("-: invalid UTF-8 at byte 4 (line 1, column 5)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn larger_than_max_bytes_is_refused_naming_the_limit() {
    let (dir, bad) = batch("big.md", "字".repeat(2_000).as_bytes());
    let root = dir.path().to_str().unwrap();
    let out = run(&["extract", "--max-bytes", "1000", "--format", "json", root]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{}: document is 6000 bytes, more than the limit of 1000 bytes (--max-bytes)",
            bad.display()
        )),
        "{err}"
    );
    assert_good_ones_printed(&out);

    let out = run(&["check", "--max-bytes", "1000", root]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("limit of 1000 bytes"),
        "{}",
        stderr(&out)
    );

    // Standard input stops reading past the limit.
    let out = run_stdin(
        &["extract", "--max-bytes", "1000", "-"],
        "字".repeat(100_000).as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("-: document is more than the limit of 1000 bytes"),
        "{}",
        stderr(&out)
    );
    // At the limit exactly, the document is read.
    let out = run_stdin(&["extract", "--max-bytes", "1000", "-"], &[b'x'; 1000]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let out = run(&["extract", "--max-bytes", "lots", root]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn directory_with_a_symlink_loop_stays_inside_the_root() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("root");
    fs::create_dir_all(root.join("sub")).expect("mkdir");
    fs::write(root.join("sub/doc.md"), GOOD).expect("write");
    let outside = dir.path().join("outside.md");
    fs::write(&outside, GOOD).expect("write");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&root, root.join("sub/loop")).expect("symlink");
        std::os::unix::fs::symlink(&outside, root.join("escape.md")).expect("symlink");
        std::os::unix::fs::symlink(root.join("nowhere"), root.join("dangling.md"))
            .expect("symlink");
    }
    let out = run(&["extract", "--format", "json", root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let paths = printed_paths(&out);
    assert_eq!(paths.len(), 1, "only the file inside the root: {paths:?}");
    assert!(paths[0].ends_with("doc.md"));
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_named_and_the_batch_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, bad) = batch("secret.md", GOOD.as_bytes());
    fs::set_permissions(&bad, fs::Permissions::from_mode(0o000)).expect("chmod");
    if fs::read(&bad).is_ok() {
        // Running as root (containers, some CI): permissions do not block reads.
        eprintln!("skipped: chmod 000 does not block reads for this user (root?)");
        return;
    }
    let out = run(&["extract", "--format", "json", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{}: cannot read", bad.display())),
        "{err}"
    );
    assert_good_ones_printed(&out);
    fs::set_permissions(&bad, fs::Permissions::from_mode(0o644)).expect("chmod back");
}

#[cfg(unix)]
#[test]
fn unlistable_directory_is_named_and_the_batch_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, _) = batch("x.md", GOOD.as_bytes());
    let locked = dir.path().join("locked");
    fs::create_dir(&locked).expect("mkdir");
    fs::write(locked.join("in.md"), GOOD).expect("write");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).expect("chmod");
    if fs::read_dir(&locked).is_ok() {
        eprintln!("skipped: chmod 000 does not block listing for this user (root?)");
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).expect("chmod back");
        return;
    }
    let out = run(&["extract", "--format", "json", dir.path().to_str().unwrap()]);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).expect("chmod back");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("locked: cannot list directory"),
        "{}",
        stderr(&out)
    );
    assert_eq!(printed_paths(&out).len(), 3);
}

#[test]
fn github_annotations_cannot_inject_workflow_commands() {
    // Document text reaches a message through a duplicate key (quoted YAML keys may hold CR
    // and LF) and the file name reaches the `file=` property; a content repository's pull
    // request controls both.
    let dir = tempfile::tempdir().expect("tempdir");
    let source = "---\n\"::error::k%0A\\r\\n::warning::x\": 1\n\"::error::k%0A\\r\\n::warning::x\": 2\n---\n正文\n";
    let name = if cfg!(unix) {
        "a::error::x%0A\nb,c.md"
    } else {
        "a%0Ab,c.md"
    };
    let path = dir.path().join(name);
    fs::write(&path, source).expect("write");
    let out = run(&["check", "--format", "github", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    // One diagnostic, one line: neither the message nor the path can start a command.
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        !stdout.trim_end_matches('\n').contains(['\r', '\n']),
        "{stdout:?}"
    );
    assert!(stdout.starts_with("::error file="), "{stdout}");
    // The message keeps the key readable: `%` first, then CR and LF, escaped.
    assert!(
        stdout.contains("duplicate key `::error::k%250A%0D%0A::warning::x`"),
        "{stdout}"
    );
    // In the `file=` property `:` and `,` delimit too, so they are escaped as well.
    let (props, _) = stdout
        .strip_prefix("::error ")
        .and_then(|rest| rest.split_once("::"))
        .expect("properties end at the first ::");
    let file = props
        .split(',')
        .find_map(|p| p.strip_prefix("file="))
        .expect("file property");
    let expected = if cfg!(unix) {
        "a%3A%3Aerror%3A%3Ax%250A%0Ab%2Cc.md"
    } else {
        "a%250Ab%2Cc.md"
    };
    assert!(file.ends_with(expected), "{file}");
}

#[test]
#[ignore = "writes a 20 MB file; run with --release --ignored"]
fn twenty_megabyte_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let seed = "## 第一节\n\n2023年4月8日（周六）14:00，在北京市海淀区举办，代码超过 10 万行，发布了 v1.2.3 版本。\n\n";
    let big = seed.repeat(20 * 1024 * 1024 / seed.len() + 1);
    let path = dir.path().join("big.md");
    fs::write(&path, &big).expect("write");
    let out = run(&["extract", "--format", "jsonl", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.len() > big.len());
    let limited = run(&["extract", "--max-bytes", "1048576", path.to_str().unwrap()]);
    assert_eq!(limited.status.code(), Some(1));
    assert!(stderr(&limited).contains("limit of 1048576 bytes"));
}

#[test]
fn paths_that_do_not_exist_are_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("missing.md");
    let good = dir.path().join("good.md");
    fs::write(&good, GOOD).expect("write");
    let out = run(&["extract", missing.to_str().unwrap(), good.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(&format!("{}: cannot read", missing.display())));
    assert_eq!(printed_paths(&out).len(), 1);
    let _ = Path::new(&good);
}
