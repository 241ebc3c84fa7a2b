//! Every real document in the shared seeds and corpus parses, with the keys a reader sees.

use std::path::{Path, PathBuf};

use rustdocs_frontmatter::{Format, parse};

/// `shared/` next to the repository, or `$RUSTDOCS_SHARED`.
fn shared_dir() -> PathBuf {
    std::env::var_os("RUSTDOCS_SHARED").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
        PathBuf::from,
    )
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

/// Top-level keys as a reader sees them: unindented `key:` lines between the `---` fences.
/// Deliberately simpler than the crate's own scanner, so the two check each other.
fn visible_yaml_keys(src: &str) -> Option<Vec<String>> {
    let mut lines = src.lines();
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let mut keys = Vec::new();
    for line in lines {
        if line.trim_end() == "---" {
            return Some(keys);
        }
        if let Some((key, _)) = line.split_once(':')
            && !key.is_empty()
            && !key.starts_with([' ', '\t', '-', '#'])
        {
            keys.push(key.to_owned());
        }
    }
    None
}

#[test]
fn every_real_document_parses() {
    let shared = shared_dir();
    let mut files = Vec::new();
    markdown_files(&shared.join("seeds"), &mut files);
    markdown_files(&shared.join("corpus"), &mut files);
    if !shared.exists() {
        eprintln!("skipping: {} not found", shared.display());
        return;
    }
    assert!(
        files.len() >= 30,
        "expected the shared documents, found {}",
        files.len()
    );
    let mut with_front_matter = 0;
    for path in &files {
        let src = std::fs::read_to_string(path).expect("UTF-8 document");
        let name = path.display();
        let parsed = parse(&src).unwrap_or_else(|e| panic!("{name}: {e}"));
        match (visible_yaml_keys(&src), parsed) {
            (None, None) => {}
            (Some(keys), Some(fm)) => {
                with_front_matter += 1;
                assert_eq!(fm.format, Format::Yaml, "{name}");
                let got: Vec<&str> = fm.data.keys().map(String::as_str).collect();
                assert_eq!(got, keys, "{name}: keys");
                let entry_keys: Vec<&str> = fm.entries.iter().map(|e| e.key.as_str()).collect();
                assert_eq!(entry_keys, keys, "{name}: entries");
                for e in &fm.entries {
                    assert_eq!(e.key_span.slice(&src), e.key, "{name}: key span");
                    if let (Some(text), Some(value)) = (e.text_span, e.value.as_str()) {
                        assert_eq!(text.slice(&src), value, "{name}: text span of {}", e.key);
                    }
                    // One-line string values in the corpus are all verbatim.
                    if e.value
                        .as_str()
                        .is_some_and(|v| !v.is_empty() && !v.contains('\n'))
                    {
                        assert!(e.text_span.is_some(), "{name}: {} has no text span", e.key);
                    }
                }
                assert!(src[fm.body_start..].len() < src.len());
            }
            (keys, parsed) => panic!("{name}: visible keys {keys:?} but parsed {parsed:?}"),
        }
    }
    assert!(
        with_front_matter >= 20,
        "only {with_front_matter} documents with front matter"
    );
}

#[test]
fn seed_meetup_front_matter() {
    let path = shared_dir().join("seeds/000_22672fd967c890d3.md");
    let Ok(src) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: {} not found", path.display());
        return;
    };
    let fm = parse(&src).unwrap().unwrap();
    let keys: Vec<&str> = fm.data.keys().map(String::as_str).collect();
    assert_eq!(keys, ["label", "description", "cover", "location"]);
    assert_eq!(fm.data["location"], "中国香港");
    let location = fm.get("location").unwrap();
    assert_eq!(location.text_span.unwrap().slice(&src), "中国香港");
    let label = fm.get("label").unwrap();
    assert!(label.text_span.unwrap().slice(&src).contains("4.8"));
    assert!(src[fm.body_start..].starts_with('\n'));
}

#[test]
fn sofastack_dates_are_strings_as_written() {
    let dir = shared_dir().join("corpus/sofastack__sofastack.tech");
    let mut files = Vec::new();
    markdown_files(&dir, &mut files);
    if !dir.exists() {
        eprintln!("skipping: {} not found", dir.display());
        return;
    }
    assert!(!files.is_empty());
    for path in files {
        let src = std::fs::read_to_string(&path).unwrap();
        let fm = parse(&src).unwrap().unwrap();
        let date = fm
            .get("date")
            .unwrap_or_else(|| panic!("{}: no date", path.display()));
        let text = date.value.as_str().expect("date is a string");
        assert!(text.len() >= 19 && text.as_bytes()[10] == b'T', "{text}");
        assert_eq!(date.text_span.unwrap().slice(&src), text);
    }
}
