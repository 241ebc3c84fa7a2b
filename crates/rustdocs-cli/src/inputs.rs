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
    ///
    /// A document larger than `max_bytes` is refused before it is read (files) or as soon as
    /// the limit is passed (standard input), so a huge input never costs its size in memory.
    pub fn read(&self, max_bytes: usize) -> Result<String, ReadError> {
        let limit = u64::try_from(max_bytes).unwrap_or(u64::MAX);
        let too_large = |size: Option<u64>| ReadError::TooLarge {
            size,
            limit: max_bytes,
        };
        let bytes = match self {
            Input::File(p) => {
                let file =
                    fs::File::open(p).map_err(|e| ReadError::Io(format!("cannot read: {e}")))?;
                let size = file.metadata().map(|m| m.len()).ok();
                if let Some(size) = size
                    && size > limit
                {
                    return Err(too_large(Some(size)));
                }
                read_at_most(file, limit, size.unwrap_or(0))
                    .map_err(|e| ReadError::Io(format!("cannot read: {e}")))?
            }
            Input::Stdin => read_at_most(std::io::stdin().lock(), limit, 0)
                .map_err(|e| ReadError::Io(format!("cannot read standard input: {e}")))?,
        };
        // Standard input, or a file that grew after its size was taken, passes the limit here;
        // only a prefix was read, so the whole size is unknown.
        if bytes.len() as u64 > limit {
            return Err(too_large(None));
        }
        rustdocs::decode_utf8(bytes).map_err(|e| ReadError::Io(e.to_string()))
    }
}

/// Reads up to one byte past `limit`, enough to tell that the input is too large.
///
/// `expected` is the file's size when known: reserving it (and the byte that tells the end)
/// keeps a large file from growing its buffer by doubling to nearly twice its size.
fn read_at_most(reader: impl Read, limit: u64, expected: u64) -> std::io::Result<Vec<u8>> {
    let reserve = usize::try_from(expected.min(limit).saturating_add(1)).unwrap_or(0);
    let mut buf = Vec::with_capacity(reserve);
    reader.take(limit.saturating_add(1)).read_to_end(&mut buf)?;
    Ok(buf)
}

/// Why a document could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The path cannot be opened or read, or the bytes are not UTF-8.
    Io(String),
    /// The document is larger than `--max-bytes`.
    TooLarge {
        /// Size of the document in bytes, when known before reading it.
        size: Option<u64>,
        /// The configured limit.
        limit: usize,
    },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(message) => f.write_str(message),
            ReadError::TooLarge {
                size: Some(size),
                limit,
            } => write!(
                f,
                "document is {size} bytes, more than the limit of {limit} bytes (--max-bytes)"
            ),
            ReadError::TooLarge { size: None, limit } => write!(
                f,
                "document is more than the limit of {limit} bytes (--max-bytes)"
            ),
        }
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
