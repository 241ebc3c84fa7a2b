//! `Analysis::write_json` writes the bytes serde writes for the `Analysis`, whether it
//! renders the entities on this thread or on the pool.

use rustdocs::{Options, analyze};

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
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
