//! Prints the front matter of each file named on the command line, for eyeballing.
fn main() {
    for path in std::env::args().skip(1) {
        let Ok(src) = std::fs::read_to_string(&path) else {
            eprintln!("{path}: cannot read");
            continue;
        };
        match rustdocs_frontmatter::parse(&src) {
            Ok(None) => println!("{path}: no front matter"),
            Ok(Some(fm)) => {
                println!(
                    "{path}: {:?} {}",
                    fm.format,
                    serde_json::Value::Object(fm.data.clone())
                );
                for e in &fm.entries {
                    println!(
                        "  {:?} key={:?} value={:?} text={:?}",
                        e.key,
                        e.key_span.slice(&src),
                        e.value_span.slice(&src),
                        e.text_span.map(|s| s.slice(&src))
                    );
                }
            }
            Err(e) => println!("{path}: ERROR {} ({})", e, e.kind.code()),
        }
    }
}
