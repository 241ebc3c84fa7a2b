//! `Analysis::write_json` writes the bytes serde writes for the `Analysis`, whether it
//! renders the sections and entities on this thread or on the pool, and every entity's
//! `section` is its `section_path`.

use rustdocs::{Options, analyze};

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
}

/// `count` units, the `i`th being `unit(i)`, one after the other.
fn numbered(count: usize, unit: impl Fn(usize) -> String) -> String {
    (0..count).map(unit).collect()
}

fn written(analysis: &rustdocs::Analysis) -> Vec<u8> {
    let mut out = Vec::new();
    analysis.write_json(&mut out).unwrap();
    out
}

#[test]
fn parallel_entities_are_the_serialized_analysis() {
    let source = "---\ntitle: 发布记录\ndate: 2023-04-01\n---\n".to_owned()
        + &"# TiKV\n\n2021 年 4 月，TiKV 发布 5.0 版本，代码大约 30 万行。本周六下午见。\n\n"
            .repeat(7000);
    let analysis = analyze(&source, &Options::default()).unwrap();
    // Enough entities for several groups of batches, and a front matter and a reference.
    assert!(
        analysis.entities.len() > 3 * 8192,
        "{}",
        analysis.entities.len()
    );
    assert!(analysis.front_matter.is_some() && analysis.reference.is_some());
    let expected = serde_json::to_vec(&analysis).unwrap();
    for threads in [1, 2, 3] {
        let got = pool(threads).install(|| written(&analysis));
        assert!(got == expected, "{threads} threads");
    }
}

#[test]
fn a_small_document_is_the_serialized_analysis() {
    let analysis = analyze(
        "# 标题\n\n2021 年 4 月发布 5.0 版本。\n",
        &Options::default(),
    )
    .unwrap();
    assert_eq!(written(&analysis), serde_json::to_vec(&analysis).unwrap());
}

/// Each entity's `section` in output, as written by `write_json` on `threads` threads.
fn written_paths(analysis: &rustdocs::Analysis, threads: usize) -> Vec<serde_json::Value> {
    let got = pool(threads).install(|| written(analysis));
    let value: serde_json::Value = serde_json::from_slice(&got).unwrap();
    value["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["section"].clone())
        .collect()
}

fn expected_paths(analysis: &rustdocs::Analysis) -> Vec<serde_json::Value> {
    analysis
        .entities
        .iter()
        .map(|e| serde_json::json!(analysis.section_path(e.section)))
        .collect()
}

#[test]
fn parallel_sections_are_the_serialized_analysis() {
    // Nested headings, more sections than the parallel threshold, and entities at every
    // depth, quoted ones among them.
    let source = numbered(3000, |i| {
        format!(
            "# 第 {i} 部分\n\n2021 年 4 月发布 5.0 版本。\n\n## 项目 {i}\n\n\
             > 代码大约 {i} 万行。\n\n### 细节 \"{i}\"\n\n本周六下午 14:00 见。\n\n"
        )
    });
    let analysis = analyze(&source, &Options::default()).unwrap();
    assert!(analysis.document.sections.len() > 8192);
    assert!(analysis.entities.iter().any(|e| e.quoted));
    let depths: std::collections::BTreeSet<usize> = analysis
        .entities
        .iter()
        .map(|e| analysis.section_path(e.section).len())
        .collect();
    assert_eq!(depths.into_iter().collect::<Vec<_>>(), [1, 2, 3]);
    let expected = serde_json::to_vec(&analysis).unwrap();
    for threads in [1, 2, 3] {
        let got = pool(threads).install(|| written(&analysis));
        assert!(got == expected, "{threads} threads");
        assert_eq!(written_paths(&analysis, threads), expected_paths(&analysis));
    }
}

#[test]
fn a_path_deeper_than_six_headings_is_written_whole() {
    // Only a hand-built document nests past six levels: chain every section to the one
    // before it, so the last entities sit dozens of headings deep.
    let source = numbered(40, |i| {
        format!("# 标题 {i}\n\n2021 年 4 月发布 5.0 版本。\n\n")
    });
    let mut analysis = analyze(&source, &Options::default()).unwrap();
    for (i, s) in analysis.document.sections.iter_mut().enumerate() {
        s.parent = i.checked_sub(1);
    }
    let deepest = analysis
        .entities
        .iter()
        .map(|e| analysis.section_path(e.section).len())
        .max();
    assert_eq!(deepest, Some(40));
    for threads in [1, 2] {
        assert_eq!(written_paths(&analysis, threads), expected_paths(&analysis));
    }
}

#[test]
fn many_sections_and_few_entities_are_the_serialized_analysis() {
    // Past the parallel threshold on sections alone: headings without prose.
    let mut source = numbered(9000, |i| format!("## 小节 {i}\n\n"));
    source.push_str("2021 年 4 月发布 5.0 版本。\n");
    let analysis = analyze(&source, &Options::default()).unwrap();
    assert!(analysis.document.sections.len() > 8192);
    assert!(analysis.entities.len() < 8192 && !analysis.entities.is_empty());
    let expected = serde_json::to_vec(&analysis).unwrap();
    for threads in [1, 2] {
        let got = pool(threads).install(|| written(&analysis));
        assert!(got == expected, "{threads} threads");
    }
}

#[test]
fn escaped_texts_titles_and_keys_are_the_serialized_analysis() {
    // An entity text with a tab, a heading with quotes and a backslash, an entity in a
    // front-matter value and a quoted one: each takes its own branch of the hand-written
    // entity and section output, at 1 thread and on the pool (past the threshold).
    let body = numbered(3000, |i| {
        format!(
            "# 标题 \"{i}\" \\ 反斜杠\n\n2021\t年 4 月，TiKV 发布 5.{i} 版本。\n\n> 本周六下午见。\n\n"
        )
    });
    let source = format!("---\ntitle: 2023 年 4 月 8 日发布记录\n---\n\n{body}");
    let analysis = analyze(&source, &Options::default()).unwrap();
    assert!(analysis.entities.len() > 8192 && analysis.document.sections.len() < 8192);
    assert!(analysis.entities.iter().any(|e| e.text.contains('\t')));
    assert!(analysis.entities.iter().any(|e| e.quoted));
    assert!(
        analysis
            .entities
            .iter()
            .any(|e| e.front_matter_key.as_deref() == Some("title"))
    );
    assert!(analysis.document.sections[0].title.contains(['"', '\\']));
    let expected = serde_json::to_vec(&analysis).unwrap();
    for threads in [1, 2] {
        let got = pool(threads).install(|| written(&analysis));
        assert!(got == expected, "{threads} threads");
    }
}
