//! The zhgloss command line: pipe Chinese text through it to annotate its slogans.
use std::io::{Read, Write};
use std::process::ExitCode;

use zhgloss::{Annotator, Glossary};

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args
        .windows(2)
        .any(|w| w[0] == "--format" && w[1] == "json")
        || args.iter().any(|a| a == "--format=json");
    let ann = Annotator::new(&Glossary::builtin())?;
    let mut input = std::io::stdin().lock();
    let text = zhgloss::read_utf8(&mut input)?;
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(out, "{}", zhgloss::render::json(&ann, &text))?;
    } else {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        out.write_all(text.as_bytes())?;
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("zhgloss: {e}");
            ExitCode::FAILURE
        }
    }
}
