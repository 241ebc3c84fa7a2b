//! `rustdocs check`: the content linter, with rustc-style, JSON, GitHub and SARIF output.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;

use rayon::prelude::*;
use rustdocs::validate::{codes, front_matter_syntax, render};
use rustdocs::{Config, Diagnostic, Error, Options, Severity};

use crate::Common;
use crate::inputs::Input;

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style text with the source line and a caret under the span.
    Human,
    /// One JSON array of diagnostics with path, severity, code, message and spans.
    Json,
    /// GitHub Actions workflow commands (`::error file=…`), escaped against injection.
    Github,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
}

/// When to colour human output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Color {
    /// Colour when standard output is a terminal and `NO_COLOR` is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// What else fails the run besides errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Deny {
    /// Warnings fail the run too.
    Warnings,
}

/// Arguments of `rustdocs check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    common: Common,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit 1 on warnings as well as errors.
    #[arg(long, value_enum)]
    deny: Option<Deny>,
    /// Colour in human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

/// One checked file, or why it could not be read.
enum Checked {
    Done {
        path: String,
        source: String,
        diagnostics: Vec<Diagnostic>,
    },
    Unreadable(String),
}

/// Runs `check` and returns the exit code.
pub fn run(args: &CheckArgs) -> ExitCode {
    let setup = args
        .common
        .pool()
        .and_then(|pool| args.common.load_config().map(|c| (pool, c)));
    let (pool, config) = match setup {
        Ok(found) => found,
        Err(e) => return crate::usage_error(&e),
    };
    let config = Arc::new(config);
    let (inputs, walk_errors) = crate::inputs::collect(&args.common.paths);
    let mut unreadable = !walk_errors.is_empty();
    for (path, message) in &walk_errors {
        eprintln!("error: {path}: {message}");
    }
    let base = Options {
        reference_date: args.common.reference_date,
        config: Some(Arc::clone(&config)),
        max_bytes: args.common.max_bytes,
        ..Options::default()
    };
    let checked: Vec<Checked> = pool.install(|| {
        inputs
            .par_iter()
            .map(|input| check_one(input, &base, &config))
            .collect()
    });

    let mut files = Vec::new();
    for c in checked {
        match c {
            Checked::Done {
                path,
                source,
                diagnostics,
            } => files.push((path, source, diagnostics)),
            Checked::Unreadable(message) => {
                eprintln!("error: {message}");
                unreadable = true;
            }
        }
    }
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    // A closed pipe (`| head`) is the reader's choice, not a failure.
    if let Err(e) = write_report(args.format, color, &files)
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        eprintln!("error: cannot write output: {e}");
        return ExitCode::from(2);
    }
    let count = |s: Severity| {
        files
            .iter()
            .flat_map(|f| &f.2)
            .filter(|d| d.severity == s)
            .count()
    };
    let (errors, warnings, notes) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note),
    );
    if args.format == Format::Human {
        eprintln!(
            "rustdocs: {errors} error(s), {warnings} warning(s), {notes} note(s) in {} file(s)",
            files.len()
        );
    }
    if unreadable {
        ExitCode::from(2)
    } else if errors > 0 || (args.deny == Some(Deny::Warnings) && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn check_one(input: &Input, base: &Options, config: &Config) -> Checked {
    let path = input.display();
    let source = match input.read(base.max_bytes) {
        Ok(s) => s,
        Err(message) => return Checked::Unreadable(format!("{path}: {message}")),
    };
    let options = Options {
        path: Some(path.clone()),
        ..base.clone()
    };
    let diagnostics = match rustdocs::analyze(&source, &options) {
        Ok(analysis) => analysis.diagnostics,
        // A front matter that does not parse is itself the finding, unless configured off.
        Err(Error::FrontMatter(e)) => config
            .severity(codes::FRONT_MATTER_SYNTAX)
            .map(|severity| Diagnostic {
                severity,
                ..front_matter_syntax(&e)
            })
            .into_iter()
            .collect(),
        Err(e) => return Checked::Unreadable(format!("{path}: {e}")),
    };
    Checked::Done {
        path,
        source,
        diagnostics,
    }
}

fn write_report(
    format: Format,
    color: bool,
    files: &[(String, String, Vec<Diagnostic>)],
) -> io::Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        Format::Human => {
            for (path, source, diagnostics) in files {
                out.write_all(render::human_with(path, source, diagnostics, color).as_bytes())?;
            }
        }
        Format::Github => {
            for (path, source, diagnostics) in files {
                out.write_all(render::github(path, source, diagnostics).as_bytes())?;
            }
        }
        Format::Json => {
            let all: Vec<serde_json::Value> = files
                .iter()
                .flat_map(|(path, source, diagnostics)| {
                    match render::json(path, source, diagnostics) {
                        serde_json::Value::Array(items) => items,
                        other => vec![other],
                    }
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &all)?;
            out.write_all(b"\n")?;
        }
        Format::Sarif => {
            serde_json::to_writer_pretty(&mut out, &render::sarif(files))?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()
}
