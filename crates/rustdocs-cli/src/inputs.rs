//! Turning command-line paths into documents: files, directories walked for `*.md`, and `-`.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One document to process.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file on disk.
    File(PathBuf),
    /// Standard input, named `-`.
    Stdin,
}

impl Input {
    /// The name shown in output and error messages.
    pub fn display(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "-".to_owned(),
        }
    }

    /// Reads the document as UTF-8, saying where the first invalid byte is.
    pub fn read(&self) -> Result<String, String> {
        let bytes = match self {
            Input::File(p) => fs::read(p).map_err(|e| format!("cannot read: {e}"))?,
            Input::Stdin => {
                let mut buf = Vec::new();
                std::io::stdin()
                    .read_to_end(&mut buf)
                    .map_err(|e| format!("cannot read standard input: {e}"))?;
                buf
            }
        };
        String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            let valid = &e.as_bytes()[..at];
            let line = memchr::memchr_iter(b'\n', valid).count() + 1;
            let column = std::str::from_utf8(
                &valid[valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)..],
            )
            .map_or(1, |s| s.chars().count() + 1);
            format!("invalid UTF-8 at byte {at} (line {line}, column {column})")
        })
    }
}

/// Expands the command-line paths into inputs, in a stable order.
///
/// Directories are walked for `*.md` files in sorted order. Symbolic links met while walking
/// are not followed, so a walk never leaves the given root and a link loop cannot hang it;
/// a link named explicitly on the command line is read like any file. Paths that do not
/// exist or cannot be listed are returned as errors with their path, and the rest go on.
pub fn collect(paths: &[String]) -> (Vec<Input>, Vec<(String, String)>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for raw in paths {
        if raw == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let path = Path::new(raw);
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut inputs, &mut errors),
            Ok(_) => inputs.push(Input::File(path.to_path_buf())),
            Err(e) => errors.push((raw.clone(), format!("cannot read: {e}"))),
        }
    }
    (inputs, errors)
}

fn walk(dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = match fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(Result::ok).collect(),
        Err(e) => {
            errors.push((
                dir.display().to_string(),
                format!("cannot list directory: {e}"),
            ));
            return;
        }
    };
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        if file_type.is_symlink() {
            continue;
        }
        if file_type.is_dir() {
            walk(&path, inputs, errors);
        } else if file_type.is_file()
            && path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("md"))
        {
            inputs.push(Input::File(path));
        }
    }
}
