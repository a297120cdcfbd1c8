//! The zhgloss command line: pipe Chinese text through it to annotate its slogans.
//!
//! ```text
//! zhgloss [OPTIONS] [FILE]...        annotate (stdin when no FILE)
//! zhgloss extract [FILE]             print the glossary JSON found in a report
//! zhgloss audit [-f table|json] [FILE]   list slogan-like expressions that no entry explains
//! zhgloss list                       print the glossary in use
//! ```
//!
//! Exit status: 0 success (also when the reader of the output goes away early, as with
//! `| head`); 1 bad input (a missing or unreadable file, invalid UTF-8, a malformed JSONL line);
//! 2 bad usage or bad glossary. Errors are one line on stderr naming the file and position.
//!
//! Everything but argument parsing is a library call: formats live in `zhgloss::render`,
//! streaming and decoding in `zhgloss::TextReader` and `zhgloss::StreamSearch`.
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use zhgloss::render::{Format, Options, Output};
use zhgloss::{Annotator, Encoding, Error, ErrorKind, Glossary, TextReader};

/// Annotate Chinese government text with the meanings of its policy slogans.
#[derive(Parser)]
#[command(name = "zhgloss", version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// Output format: inline, footnote, json, jsonl, html or markdown.
    #[arg(short, long, default_value = "inline", value_name = "FORMAT")]
    format: Format,

    /// Use this glossary instead of the built-in one (repeatable: merged).
    #[arg(short, long = "glossary", value_name = "FILE", global = true)]
    glossaries: Vec<PathBuf>,

    /// Keep the built-in glossary as well as those given with --glossary.
    #[arg(long, global = true)]
    with_builtin: bool,

    /// Gloss every occurrence, not only the first in each document.
    #[arg(long)]
    every: bool,

    /// Match terms only in simplified script, as the glossary writes them.
    #[arg(long, global = true)]
    no_traditional: bool,

    /// Match quantities only in the numeral spelling the glossary uses (金10条, not 金十条).
    #[arg(long, global = true)]
    no_numerals: bool,

    /// Search each document with this many threads (default: one per core for files, one
    /// for stdin). The output is the same with any number.
    #[arg(
        long,
        value_name = "N",
        value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..)
    )]
    threads: Option<usize>,

    /// Input encoding: utf-8, gb18030 or gbk (output is always UTF-8).
    #[arg(long, default_value = "utf-8", value_name = "ENCODING", global = true)]
    encoding: Encoding,

    /// Files to annotate, each a document (stdin when none).
    files: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Print the glossary JSON found in a report.
    Extract {
        /// The report (stdin when absent).
        file: Option<PathBuf>,
    },
    /// List slogan-like expressions that no entry explains.
    Audit {
        /// Output format: table or json.
        #[arg(short, long, default_value = "table", value_parser = ["table", "json"])]
        format: String,
        /// The text (stdin when absent).
        file: Option<PathBuf>,
    },
    /// Print the glossary in use.
    List,
}

/// Why the program stopped, for its exit status.
enum Failure {
    /// Exit 1.
    Input(Error),
    /// Exit 2.
    Usage(Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        match e.kind() {
            ErrorKind::Json | ErrorKind::Glossary => Failure::Usage(e),
            _ => Failure::Input(e),
        }
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        Failure::Input(e.into())
    }
}

fn glossary(cli: &Cli) -> Result<Glossary, Failure> {
    if cli.glossaries.is_empty() {
        return Ok(Glossary::builtin());
    }
    let mut glossary = if cli.with_builtin {
        Glossary::builtin()
    } else {
        Glossary::default()
    };
    for path in &cli.glossaries {
        // Every problem with a glossary file, even a missing one, is bad usage (exit 2).
        let more = Glossary::from_path(path).map_err(Failure::Usage)?;
        glossary
            .merge(more)
            .map_err(|e| Failure::Usage(e.with_path(path)))?;
    }
    Ok(glossary)
}

/// All of a file (or stdin), decoded: extraction and audit look at the whole text at once.
fn read_whole(file: Option<&Path>, encoding: Encoding) -> Result<String, Failure> {
    let Some(path) = file else {
        let text = TextReader::new(io::stdin().lock(), encoding).read_to_string();
        return Ok(text.map_err(|e| e.with_path("<stdin>"))?);
    };
    let file = File::open(path).map_err(|e| Error::from(e).with_path(path))?;
    Ok(TextReader::new(file, encoding)
        .read_to_string()
        .map_err(|e| e.with_path(path))?)
}

fn annotator(cli: &Cli, glossary: &Glossary) -> Result<Annotator, Failure> {
    Annotator::builder()
        .traditional(!cli.no_traditional)
        .numerals(!cli.no_numerals)
        .build(glossary)
        .map_err(Failure::Usage)
}

fn run(cli: &Cli) -> Result<(), Failure> {
    let glossary = glossary(cli)?;
    let mut stdout = BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    match &cli.command {
        Some(Command::List) => {
            stdout.write_all(glossary.to_json().as_bytes())?;
            stdout.flush()?;
            return Ok(());
        }
        Some(Command::Extract { file }) => {
            let text = read_whole(file.as_deref(), cli.encoding)?;
            let mut extraction = zhgloss::extract::extract(&text);
            // What could not be read is reported, not fatal: the glossary found is still printed.
            let name = file
                .as_deref()
                .map_or("<stdin>".into(), |p| p.display().to_string());
            for problem in &extraction.problems {
                let (line, message, text) = (problem.line, &problem.message, &problem.text);
                let _ = writeln!(
                    io::stderr(),
                    "zhgloss: warning: {name}:{line}: {message}: {text}"
                );
            }
            if extraction.glossary.entries.is_empty() {
                let e = Error::from(io::Error::other("no glossary entries found"));
                return Err(Failure::Input(e.with_path(name)));
            }
            extraction.glossary.source = name;
            stdout.write_all(extraction.glossary.to_json().as_bytes())?;
            stdout.flush()?;
            return Ok(());
        }
        Some(Command::Audit { format, file }) => {
            let text = read_whole(file.as_deref(), cli.encoding)?;
            let annotator = annotator(cli, &glossary)?;
            let findings = zhgloss::audit::audit(&annotator, &text);
            let report = match format.as_str() {
                "json" => zhgloss::audit::json(&findings) + "\n",
                _ => zhgloss::audit::table(&findings),
            };
            stdout.write_all(report.as_bytes())?;
            stdout.flush()?;
            return Ok(());
        }
        None => {}
    }
    let annotator = annotator(cli, &glossary)?;
    // Files are read in bulk: one thread per core. Standard input may be a pipe fed a line at
    // a time, whose output should not wait for megabytes of text to gather: one thread.
    let threads = cli.threads.unwrap_or_else(|| {
        if cli.files.is_empty() {
            1
        } else {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        }
    });
    let options = Options::new().every(cli.every).threads(threads);
    let mut output = Output::new(&annotator, cli.format, &options, stdout);
    if cli.files.is_empty() {
        let input = TextReader::new(io::stdin().lock(), cli.encoding);
        output.document(input).map_err(|e| e.with_path("<stdin>"))?;
    }
    for path in &cli.files {
        let file = File::open(path).map_err(|e| Error::from(e).with_path(path))?;
        let input = TextReader::new(file, cli.encoding);
        output.document(input).map_err(|e| e.with_path(path))?;
    }
    output.finish()?;
    Ok(())
}

/// True when the reader of our output has gone away (`zhgloss … | head`): not an error.
fn is_broken_pipe(e: &Error) -> bool {
    std::error::Error::source(e)
        .and_then(|s| s.downcast_ref::<io::Error>())
        .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (code, e) = match run(&cli) {
        Ok(()) => return ExitCode::SUCCESS,
        Err(Failure::Input(e)) => (1, e),
        Err(Failure::Usage(e)) => (2, e),
    };
    if is_broken_pipe(&e) {
        return ExitCode::SUCCESS;
    }
    let hint = if e.kind() == ErrorKind::InvalidUtf8 && cli.encoding == Encoding::Utf8 {
        " (if the text is GB18030 or GBK, try --encoding gb18030)"
    } else {
        ""
    };
    // The process is about to exit: a failed write to stderr has nowhere to be reported.
    let _ = writeln!(io::stderr(), "zhgloss: {e}{hint}");
    ExitCode::from(code)
}
