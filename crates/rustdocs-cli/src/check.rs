//! `rustdocs check`: the content linter, with rustc-style, JSON, GitHub and SARIF output.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;

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
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let mut report = Report::new(args.format, color);
    let mut counts = [0usize; 3];
    let mut files = 0usize;
    let written = crate::ordered::for_each(
        &pool,
        &inputs,
        |input| check_one(input, &base, &config),
        |checked| match checked {
            Checked::Done {
                path,
                source,
                diagnostics,
            } => {
                files += 1;
                for d in &diagnostics {
                    counts[d.severity as usize] += 1;
                }
                report.file(path, source, diagnostics)
            }
            Checked::Unreadable(message) => {
                eprintln!("error: {message}");
                unreadable = true;
                Ok(())
            }
        },
    );
    // A closed pipe (`| head`) is the reader's choice, not a failure.
    if let Err(e) = written.and_then(|()| report.finish())
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        eprintln!("error: cannot write output: {e}");
        return ExitCode::from(2);
    }
    let [errors, warnings, notes] = [Severity::Error, Severity::Warning, Severity::Note]
        .map(|severity| counts[severity as usize]);
    if args.format == Format::Human {
        eprintln!(
            "rustdocs: {errors} error(s), {warnings} warning(s), {notes} note(s) in {files} file(s)"
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

/// The report, written file by file as results arrive in input order.
///
/// Human and GitHub output is written at once, so no source is kept; JSON and SARIF are one
/// document each and keep what they need until [`Report::finish`]: JSON the rendered
/// diagnostics, SARIF the files that have any.
struct Report {
    format: Format,
    color: bool,
    out: io::BufWriter<io::StdoutLock<'static>>,
    json: Vec<serde_json::Value>,
    sarif: Vec<(String, String, Vec<Diagnostic>)>,
}

impl Report {
    fn new(format: Format, color: bool) -> Self {
        Self {
            format,
            color,
            out: io::BufWriter::new(io::stdout().lock()),
            json: Vec::new(),
            sarif: Vec::new(),
        }
    }

    fn file(
        &mut self,
        path: String,
        source: String,
        diagnostics: Vec<Diagnostic>,
    ) -> io::Result<()> {
        match self.format {
            Format::Human => self
                .out
                .write_all(render::human_with(&path, &source, &diagnostics, self.color).as_bytes()),
            Format::Github => self
                .out
                .write_all(render::github(&path, &source, &diagnostics).as_bytes()),
            Format::Json => {
                match render::json(&path, &source, &diagnostics) {
                    serde_json::Value::Array(items) => self.json.extend(items),
                    other => self.json.push(other),
                }
                Ok(())
            }
            Format::Sarif => {
                if !diagnostics.is_empty() {
                    self.sarif.push((path, source, diagnostics));
                }
                Ok(())
            }
        }
    }

    fn finish(mut self) -> io::Result<()> {
        match self.format {
            Format::Human | Format::Github => {}
            Format::Json => {
                serde_json::to_writer_pretty(&mut self.out, &self.json)?;
                self.out.write_all(b"\n")?;
            }
            Format::Sarif => {
                serde_json::to_writer_pretty(&mut self.out, &render::sarif(&self.sarif))?;
                self.out.write_all(b"\n")?;
            }
        }
        self.out.flush()
    }
}
