//! Prints the runs of a file for eyeballing: `DUMP=path cargo test --test dump -- --nocapture`.

#[test]
fn dump() {
    let Ok(path) = std::env::var("DUMP") else {
        return;
    };
    let source = std::fs::read_to_string(path).unwrap();
    let body = source
        .strip_prefix("---\n")
        .and_then(|rest| rest.find("\n---\n"))
        .map_or(0, |at| at + 4 + 5);
    let doc = rustdocs_document::parse(&source, body);
    for run in &doc.runs {
        println!(
            "{:?} q{} {:?} {:?}\n  {:?}",
            run.kind,
            run.quote_depth,
            doc.section_path(run.section),
            run.code_ranges(),
            run.text
        );
    }
}
