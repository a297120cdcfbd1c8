//! The zhgloss command line: pipe Chinese text through it to annotate its slogans.
//!
//! ```text
//! zhgloss [OPTIONS] [FILE]...                annotate (stdin when no FILE, or for `-`)
//! zhgloss extract [--encoding E] [FILE]      print the glossary JSON found in a report
//! zhgloss audit [-f table|json] [-g FILE]... [FILE]   slogans that no entry explains
//! zhgloss list [-g FILE]... [--with-builtin] print the glossary in use
//! zhgloss convert --to FORMAT [FILE]         a glossary in another format (TBX, TSV, CSV,
//!                                            jieba, HanLP, JSON)
//! ```
//!
//! Each subcommand takes its own options, after its name; an option of another command is a
//! usage error rather than silently ignored.
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

use clap::parser::ValueSource;
use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use zhgloss::interchange::{self, GlossaryFormat, WriteOptions};
use zhgloss::render::{Format, Notation, Options, Output};
use zhgloss::{Annotator, Encoding, Error, ErrorKind, Glossary, TextReader};

/// Annotate Chinese government text with the meanings of its policy slogans.
#[derive(Parser)]
#[command(name = "zhgloss", version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// Output format: inline, footnote, json, jsonl, html, markdown, or glossary (the entries
    /// the text uses, in order of first use, with their counts, as glossary JSON).
    #[arg(short, long, default_value = "inline", value_name = "FORMAT")]
    format: Format,

    /// Gloss in this language (en, fr…) where an entry has a translation into it, in
    /// Chinese where it has none.
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,

    /// Gloss every occurrence, not only the first in each document.
    #[arg(long)]
    every: bool,

    /// The footnote format's note marks: superscript (¹ ²), bracket (〔1〕) or label (［注1］).
    /// Default: the first of these the document does not use itself.
    #[arg(long, value_name = "NOTATION")]
    notation: Option<Notation>,

    /// Gloss also the matches whose definition may not hold in the document (another place
    /// or year, another sense), naming where it holds: （金山区：…）. JSON always lists every
    /// match, with "applies" and "why".
    #[arg(long)]
    all_senses: bool,

    /// Search each document with this many threads (default: one per core for files, one
    /// for stdin). The output is the same with any number.
    #[arg(
        long,
        value_name = "N",
        value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..)
    )]
    threads: Option<usize>,

    #[command(flatten)]
    glossary: GlossaryArgs,

    #[command(flatten)]
    matching: MatchArgs,

    #[command(flatten)]
    input: InputArgs,

    /// Files to annotate, each a document (stdin when none; `-` is stdin).
    files: Vec<PathBuf>,
}

/// Which glossary to use.
#[derive(Args)]
struct GlossaryArgs {
    /// Use this glossary instead of the built-in one (repeatable: merged).
    #[arg(short, long = "glossary", value_name = "FILE")]
    glossaries: Vec<PathBuf>,

    /// Keep the built-in glossary as well as those given with --glossary.
    #[arg(long)]
    with_builtin: bool,

    /// The format of the --glossary files: json, tbx, tsv or csv (default: by extension,
    /// .tbx .tsv .csv, else json).
    #[arg(long, value_name = "FORMAT", value_parser = readable_format)]
    glossary_format: Option<GlossaryFormat>,

    /// Fail when two glossaries claim the same surface form, instead of letting the later one
    /// given win it (and saying so on stderr).
    #[arg(long)]
    strict: bool,
}

/// How terms are matched.
#[derive(Args)]
struct MatchArgs {
    /// Match terms only in simplified script, as the glossary writes them.
    #[arg(long)]
    no_traditional: bool,

    /// Match quantities only in the numeral spelling the glossary uses (金10条, not 金十条).
    #[arg(long)]
    no_numerals: bool,
}

/// How input is read.
#[derive(Args)]
struct InputArgs {
    /// Input encoding: utf-8, gb18030 or gbk (output is always UTF-8).
    #[arg(long, default_value = "utf-8", value_name = "ENCODING")]
    encoding: Encoding,
}

#[derive(Subcommand)]
enum Command {
    /// Print the glossary JSON found in a report.
    Extract {
        #[command(flatten)]
        input: InputArgs,
        /// The report (stdin when absent, or `-`).
        file: Option<PathBuf>,
    },
    /// List slogan-like expressions that no entry explains.
    Audit {
        /// Output format: table or json.
        #[arg(short, long, default_value = "table", value_parser = ["table", "json"])]
        format: String,
        #[command(flatten)]
        glossary: GlossaryArgs,
        #[command(flatten)]
        matching: MatchArgs,
        #[command(flatten)]
        input: InputArgs,
        /// The text (stdin when absent, or `-`).
        file: Option<PathBuf>,
    },
    /// Print the glossary in use, as JSON.
    List {
        #[command(flatten)]
        glossary: GlossaryArgs,
        #[command(flatten)]
        matching: MatchArgs,
    },
    /// Write a glossary in another format: TBX, OmegaT's TSV, CSV, a jieba or HanLP user
    /// dictionary, or zhgloss JSON.
    Convert {
        /// The format to write: tbx, tsv, csv, jieba, hanlp or json.
        #[arg(long, value_name = "FORMAT")]
        to: GlossaryFormat,
        /// The format of the glossary read: json, tbx, tsv or csv (default: by extension,
        /// else json).
        #[arg(long, value_name = "FORMAT", value_parser = readable_format)]
        glossary_format: Option<GlossaryFormat>,
        /// The target language of TSV's second column.
        #[arg(long, value_name = "LANG", default_value = "en")]
        lang: String,
        /// Add every form's traditional-script spellings to a jieba or HanLP dictionary.
        #[arg(long)]
        traditional: bool,
        /// The glossary (stdin when absent, or `-`).
        file: Option<PathBuf>,
    },
}

/// A glossary format zhgloss reads, for the options that name one.
fn readable_format(s: &str) -> Result<GlossaryFormat, String> {
    let format: GlossaryFormat = s.parse()?;
    if format.readable() {
        Ok(format)
    } else {
        Err(format!(
            "zhgloss writes {s} dictionaries but does not read them"
        ))
    }
}

impl Command {
    fn name(&self) -> &'static str {
        match self {
            Command::Extract { .. } => "extract",
            Command::Audit { .. } => "audit",
            Command::List { .. } => "list",
            Command::Convert { .. } => "convert",
        }
    }
}

/// Why the program stopped, for its exit status.
enum Failure {
    /// Exit 1.
    Input(Error),
    /// Exit 1: the output could not be written (a full disk, a closed stdout); the message
    /// names stdout, not the input.
    Output(Error),
    /// Exit 2.
    Usage(Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        match e.kind() {
            ErrorKind::Json | ErrorKind::Glossary | ErrorKind::Engine | ErrorKind::Malformed => {
                Failure::Usage(e)
            }
            ErrorKind::Write => Failure::Output(e),
            _ => Failure::Input(e),
        }
    }
}

/// An error writing stdout.
fn output_error(e: io::Error) -> Failure {
    Failure::Output(Error::from(e))
}

fn usage(message: String) -> Failure {
    Failure::Usage(Error::from(io::Error::new(
        io::ErrorKind::InvalidInput,
        message,
    )))
}

/// The options of annotation given on a command line with a subcommand, which ignores them:
/// a usage error naming the first, rather than a silent default.
fn check_no_annotation_options(matches: &ArgMatches, command: &Command) -> Result<(), Failure> {
    let cli = Cli::command();
    for arg in cli.get_arguments() {
        let id = arg.get_id().as_str();
        if matches.value_source(id) == Some(ValueSource::CommandLine) {
            let name = arg
                .get_long()
                .map_or_else(|| id.to_string(), |l| format!("--{l}"));
            let sub = command.name();
            return Err(usage(format!(
                "{name} is not an option of `{sub}`; its options go after it (see `zhgloss {sub} --help`)"
            )));
        }
    }
    Ok(())
}

fn glossary(args: &GlossaryArgs) -> Result<Glossary, Failure> {
    if args.glossaries.is_empty() {
        return Ok(Glossary::builtin());
    }
    let mut glossary = if args.with_builtin {
        Glossary::builtin()
    } else {
        Glossary::default()
    };
    for path in &args.glossaries {
        // Every problem with a glossary file, even a missing one, is bad usage (exit 2).
        let mut more =
            interchange::from_path(path, args.glossary_format).map_err(Failure::Usage)?;
        if more.name.trim().is_empty() && more.source.trim().is_empty() {
            // Its entries are told apart from others' by the file they come from.
            more.source = path.display().to_string();
        }
        if args.strict {
            glossary
                .merge(more)
                .map_err(|e| Failure::Usage(e.with_path(path)))?;
            continue;
        }
        let overrides = glossary
            .merge_override(more)
            .map_err(|e| Failure::Usage(e.with_path(path)))?;
        let mut err = io::stderr().lock();
        for o in overrides {
            let _ = writeln!(err, "zhgloss: note: {o}");
        }
    }
    Ok(glossary)
}

/// Whether `path` stands for standard input.
fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// All of a file (or stdin), decoded: extraction and audit look at the whole text at once.
fn read_whole(file: Option<&Path>, encoding: Encoding) -> Result<String, Failure> {
    let Some(path) = file.filter(|p| !is_stdin(p)) else {
        let text = TextReader::new(io::stdin().lock(), encoding).read_to_string();
        return Ok(text.map_err(|e| e.with_path("<stdin>"))?);
    };
    let file = File::open(path).map_err(|e| Error::from(e).with_path(path))?;
    Ok(TextReader::new(file, encoding)
        .read_to_string()
        .map_err(|e| e.with_path(path))?)
}

/// The name of the input in messages.
fn input_name(file: Option<&Path>) -> String {
    match file.filter(|p| !is_stdin(p)) {
        Some(p) => p.display().to_string(),
        None => "<stdin>".into(),
    }
}

fn annotator(matching: &MatchArgs, glossary: &Glossary) -> Result<Annotator, Failure> {
    Ok(Annotator::builder()
        .traditional(!matching.no_traditional)
        .numerals(!matching.no_numerals)
        .build(glossary)?)
}

fn stdout() -> BufWriter<io::StdoutLock<'static>> {
    BufWriter::with_capacity(64 * 1024, io::stdout().lock())
}

/// Writes all of `bytes` to stdout.
fn print(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = stdout();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(output_error)
}

/// Whether stdout is open. A program gets no error writing to a closed stdout (`zhgloss >&-`):
/// before `main` the standard library opens /dev/null, read-write, on a closed standard file
/// descriptor, and what is written there is lost. A shell's `> /dev/null` opens it write-only,
/// so a read-write /dev/null on stdout is a stdout that was closed (Linux's /proc tells).
#[cfg(target_os = "linux")]
fn check_stdout() -> Result<(), Failure> {
    let on_null = std::fs::read_link("/proc/self/fd/1").is_ok_and(|p| p == Path::new("/dev/null"));
    let read_write = || {
        let info = std::fs::read_to_string("/proc/self/fdinfo/1").ok()?;
        let flags = info.lines().find_map(|l| l.strip_prefix("flags:"))?;
        u32::from_str_radix(flags.trim(), 8)
            .ok()
            .map(|f| f & 3 == 2)
    };
    if on_null && read_write() == Some(true) {
        // EBADF, as a C program writing to the closed descriptor would get.
        return Err(output_error(io::Error::from_raw_os_error(9)));
    }
    Ok(())
}

#[cfg(not(target_os = "linux"))]
fn check_stdout() -> Result<(), Failure> {
    Ok(())
}

fn extract(input: &InputArgs, file: Option<&Path>) -> Result<(), Failure> {
    let text = read_whole(file, input.encoding)?;
    let mut extraction = zhgloss::extract::extract(&text);
    // What could not be read is reported, not fatal: the glossary found is still printed.
    let name = input_name(file);
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
    print(extraction.glossary.to_json().as_bytes())
}

fn audit(
    format: &str,
    glossary_args: &GlossaryArgs,
    matching: &MatchArgs,
    input: &InputArgs,
    file: Option<&Path>,
) -> Result<(), Failure> {
    let glossary = glossary(glossary_args)?;
    let annotator = annotator(matching, &glossary)?;
    let text = read_whole(file, input.encoding)?;
    let findings = zhgloss::audit::audit(&annotator, &text);
    let report = match format {
        "json" => zhgloss::audit::json(&findings) + "\n",
        _ => zhgloss::audit::table(&findings),
    };
    print(report.as_bytes())
}

fn list(glossary_args: &GlossaryArgs, matching: &MatchArgs) -> Result<(), Failure> {
    let glossary = glossary(glossary_args)?;
    // The glossary in use is one the annotator accepts with these options.
    annotator(matching, &glossary)?;
    print(glossary.to_json().as_bytes())
}

fn convert(
    to: GlossaryFormat,
    from: Option<GlossaryFormat>,
    options: &WriteOptions,
    file: Option<&Path>,
) -> Result<(), Failure> {
    let glossary = match file.filter(|p| !is_stdin(p)) {
        Some(path) => interchange::from_path(path, from).map_err(Failure::Usage)?,
        None => {
            let text = read_whole(None, Encoding::Utf8)?;
            interchange::read_str(&text, from.unwrap_or_default())
                .map_err(|e| Failure::Usage(e.with_path("<stdin>")))?
        }
    };
    let text = interchange::write(&glossary, to, options).map_err(Failure::Usage)?;
    print(text.as_bytes())
}

fn annotate(cli: &Cli) -> Result<(), Failure> {
    let glossary = glossary(&cli.glossary)?;
    let annotator = annotator(&cli.matching, &glossary)?;
    // Files are read in bulk: one thread per core. Standard input may be a pipe fed a line at
    // a time, whose output should not wait for megabytes of text to gather: one thread.
    let stdin_only = cli.files.iter().all(|p| is_stdin(p));
    let threads = cli.threads.unwrap_or_else(|| {
        if stdin_only {
            1
        } else {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        }
    });
    let mut options = Options::new().every(cli.every).all_senses(cli.all_senses);
    if let Some(notation) = cli.notation {
        options = options.notation(notation);
    }
    if let Some(lang) = &cli.lang {
        options = options.lang(lang);
    }
    // The HTML page's title when the first document has no title line: its file's name.
    if let Some(name) = cli
        .files
        .first()
        .filter(|p| !is_stdin(p))
        .and_then(|p| p.file_name())
    {
        options = options.title(name.to_string_lossy());
    }
    let mut output = Output::new(&annotator, cli.format, &options, stdout()).threads(threads);
    let stdin = [PathBuf::from("-")];
    let files = if cli.files.is_empty() {
        &stdin[..]
    } else {
        &cli.files[..]
    };
    for path in files {
        if is_stdin(path) {
            let input = TextReader::new(io::stdin().lock(), cli.input.encoding);
            output.document(input).map_err(|e| blame(e, "<stdin>"))?;
            continue;
        }
        let file = File::open(path).map_err(|e| Error::from(e).with_path(path))?;
        let input = TextReader::new(file, cli.input.encoding);
        output.document(input).map_err(|e| blame(e, path))?;
    }
    output.finish()?;
    Ok(())
}

/// The error of annotating `input`, naming it unless writing the output failed.
fn blame(e: Error, input: impl AsRef<Path>) -> Failure {
    match e.kind() {
        ErrorKind::Write => Failure::Output(e),
        _ => Failure::from(e.with_path(input)),
    }
}

fn run(cli: &Cli, matches: &ArgMatches) -> Result<(), Failure> {
    check_stdout()?;
    let Some(command) = &cli.command else {
        return annotate(cli);
    };
    check_no_annotation_options(matches, command)?;
    match command {
        Command::Extract { input, file } => extract(input, file.as_deref()),
        Command::Audit {
            format,
            glossary,
            matching,
            input,
            file,
        } => audit(format, glossary, matching, input, file.as_deref()),
        Command::List { glossary, matching } => list(glossary, matching),
        Command::Convert {
            to,
            glossary_format,
            lang,
            traditional,
            file,
        } => {
            let options = WriteOptions::new().lang(lang).traditional(*traditional);
            convert(*to, *glossary_format, &options, file.as_deref())
        }
    }
}

/// True when the reader of our output has gone away (`zhgloss … | head`): not an error.
fn is_broken_pipe(e: &Error) -> bool {
    std::error::Error::source(e)
        .and_then(|s| s.downcast_ref::<io::Error>())
        .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
}

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let (code, e) = match run(&cli, &matches) {
        Ok(()) => return ExitCode::SUCCESS,
        Err(Failure::Input(e)) => (1, e),
        Err(Failure::Output(e)) => (1, e.with_path("<stdout>")),
        Err(Failure::Usage(e)) => (2, e),
    };
    if is_broken_pipe(&e) {
        return ExitCode::SUCCESS;
    }
    let encoding = match &cli.command {
        None => cli.input.encoding,
        Some(Command::Extract { input, .. } | Command::Audit { input, .. }) => input.encoding,
        Some(Command::List { .. } | Command::Convert { .. }) => Encoding::Utf8,
    };
    let hint = if e.kind() == ErrorKind::InvalidUtf8 && encoding == Encoding::Utf8 {
        " (if the text is GB18030 or GBK, try --encoding gb18030)"
    } else {
        ""
    };
    // The process is about to exit: a failed write to stderr has nowhere to be reported.
    let _ = writeln!(io::stderr(), "zhgloss: {e}{hint}");
    ExitCode::from(code)
}
