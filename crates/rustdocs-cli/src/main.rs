//! The `rustdocs` command line: `extract` data from Chinese technical Markdown, `check` it.
//!
//! Exit codes of `extract`: 0 when every document was processed, 1 when a document could not
//! be analyzed (its error is on standard error with path, line and column; the others are
//! still printed), 2 on a usage error or a path that cannot be read.
//! Exit codes of `check`: 1 on any error diagnostic (or warning under `--deny warnings`),
//! 0 otherwise, 2 on a usage error, a bad `rustdocs.toml` or a path that cannot be read.
#![forbid(unsafe_code)]

mod check;
mod extract;
mod inputs;
mod ordered;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use rustdocs::{Config, Error, Kinds, Options};

use crate::inputs::Input;

/// Structured, validated data from Chinese technical Markdown.
#[derive(Debug, Parser)]
#[command(name = "rustdocs", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract front matter, sections and entities (datetimes, venues, lines of code, releases).
    Extract(ExtractArgs),
    /// Check documents like a careful editor: wrong weekdays, locations, countdowns, releases.
    Check(check::CheckArgs),
}

/// Options shared by every subcommand.
#[derive(Debug, clap::Args)]
struct Common {
    /// Markdown files, directories (walked for *.md) or `-` for standard input.
    #[arg(default_value = "-")]
    paths: Vec<String>,
    /// Day that relative expressions (本周六, 上个月, 今年) resolve against, as YYYY-MM-DD;
    /// by default the front matter's date, then a date in the file's path.
    #[arg(long, value_parser = parse_date)]
    reference_date: Option<jiff::civil::Date>,
    /// Configuration file; by default `rustdocs.toml` is looked up from the first path upwards.
    #[arg(long)]
    config: Option<std::path::PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long)]
    threads: Option<usize>,
    /// Largest document accepted, in bytes; a larger one is reported and skipped.
    #[arg(long, value_name = "BYTES", default_value_t = rustdocs::DEFAULT_MAX_BYTES)]
    max_bytes: usize,
}

impl Common {
    /// Loads the configuration: the named file, else the nearest `rustdocs.toml`.
    fn load_config(&self) -> Result<Config, String> {
        if let Some(path) = &self.config {
            return Config::load(path).map_err(|e| e.to_string());
        }
        let start = self
            .paths
            .iter()
            .find(|p| *p != "-")
            .map_or_else(|| std::path::PathBuf::from("."), std::path::PathBuf::from);
        match Config::discover(&start) {
            Ok(found) => Ok(found.map(|(_, c)| c).unwrap_or_default()),
            Err(e) => Err(e.to_string()),
        }
    }

    fn pool(&self) -> Result<rayon::ThreadPool, String> {
        rayon::ThreadPoolBuilder::new()
            .num_threads(self.threads.unwrap_or(0))
            .build()
            .map_err(|e| format!("cannot start worker threads: {e}"))
    }
}

#[derive(Debug, clap::Args)]
struct ExtractArgs {
    #[command(flatten)]
    common: Common,
    /// Output format.
    #[arg(long, value_enum, default_value_t = extract::Format::Json)]
    format: extract::Format,
    /// Entity kinds to extract, comma-separated: datetime,venue,loc,release.
    #[arg(long, value_parser = parse_kinds)]
    kinds: Option<Kinds>,
}

fn parse_kinds(s: &str) -> Result<Kinds, String> {
    Kinds::parse_list(s)
}

fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    s.parse()
        .map_err(|e| format!("expected a date as YYYY-MM-DD: {e}"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => run_extract(&args),
        Command::Check(args) => check::run(&args),
    }
}

/// Source size above which a document is rendered by the writing thread straight to the
/// output instead of into a buffer by its worker: the buffer would be as large as the output
/// (14 MB of JSON for a 20 MB report) and on top of the analysis at the peak, while the
/// serial rendering costs a few percent of such a document's time.
const STREAM_ABOVE: usize = 1 << 20;

/// How a document ended: rendered output, an analysis too large to buffer its output, or an
/// error line for standard error.
enum Outcome {
    Rendered(Vec<u8>),
    Analyzed(Box<rustdocs::Analysis<'static>>),
    Failed { message: String, io: bool },
}

fn run_extract(args: &ExtractArgs) -> ExitCode {
    let pool = match args.common.pool() {
        Ok(pool) => pool,
        Err(e) => return usage_error(&e),
    };
    let config = match args.common.load_config() {
        Ok(config) => config,
        Err(e) => return usage_error(&e),
    };
    let (inputs, walk_errors) = inputs::collect(&args.common.paths);
    let mut io_failed = !walk_errors.is_empty();
    for (path, message) in &walk_errors {
        eprintln!("error: {path}: {message}");
    }
    let base = Options {
        reference_date: args.common.reference_date,
        kinds: args.kinds.unwrap_or_default(),
        config: Some(std::sync::Arc::new(config)),
        max_bytes: args.common.max_bytes,
        ..Options::default()
    };
    let stdout = io::stdout().lock();
    let mut failed = false;
    let result = (|| -> io::Result<()> {
        let mut writer = extract::Writer::begin(BufWriter::new(stdout), args.format)?;
        ordered::for_each(
            &pool,
            &inputs,
            |input| process(input, &base, args.format),
            |outcome| match outcome {
                Outcome::Rendered(bytes) => writer.document(&bytes),
                Outcome::Analyzed(analysis) => {
                    writer.document_with(|out| extract::render_into(args.format, &analysis, out))
                }
                Outcome::Failed { message, io } => {
                    eprintln!("error: {message}");
                    failed = true;
                    io_failed |= io;
                    Ok(())
                }
            },
        )?;
        writer.end()
    })();
    if let Err(e) = result {
        // A closed pipe (`| head`) is the reader's choice, not a failure.
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write output: {e}");
            return ExitCode::from(2);
        }
    }
    if io_failed {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn process(input: &Input, base: &Options, format: extract::Format) -> Outcome {
    let name = input.display();
    let source = match input.read(base.max_bytes) {
        Ok(s) => s,
        Err(e) => {
            return Outcome::Failed {
                message: format!("{name}: {e}"),
                // Too large is a document that cannot be analyzed, like analysis refusing it.
                io: matches!(e, inputs::ReadError::Io(_)),
            };
        }
    };
    let options = Options {
        path: Some(name.clone()),
        ..base.clone()
    };
    match rustdocs::analyze_owned(source, &options) {
        Ok(mut analysis) => {
            // Output needs sections and entities, not the prose runs: free them before the
            // output buffer grows, so a large file's peak holds one and not both.
            drop(std::mem::take(&mut analysis.document.runs));
            if analysis.source().len() > STREAM_ABOVE {
                return Outcome::Analyzed(Box::new(analysis));
            }
            match extract::render(format, &analysis) {
                Ok(bytes) => Outcome::Rendered(bytes),
                Err(e) => Outcome::Failed {
                    message: format!("{name}: cannot render: {e}"),
                    io: true,
                },
            }
        }
        Err(Error::FrontMatter(e)) => Outcome::Failed {
            message: format!(
                "{name}:{}:{}: front matter: {}",
                e.line, e.column, e.message
            ),
            io: false,
        },
        Err(e) => Outcome::Failed {
            message: format!("{name}: {e}"),
            io: false,
        },
    }
}

pub(crate) fn usage_error(message: &str) -> ExitCode {
    let _ = writeln!(io::stderr(), "error: {message}");
    ExitCode::from(2)
}
