//! Writes `docs/rules.md` from the rule catalogue: `cargo run -p rustdocs-validate --example gen_rules_doc`.

use std::path::Path;

fn main() -> std::io::Result<()> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md");
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&path, rustdocs_validate::rules_markdown())?;
    println!("wrote {}", path.display());
    Ok(())
}
