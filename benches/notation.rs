//! What choosing the footnote marks costs: the footnote format with its notation chosen by a
//! pre-scan of the text (the default) beside the same with the notation forced (no scan), on
//! the same large text, timed in turns. The difference is the pre-scan. A benchmark, not a
//! test: nothing is asserted of the times.
//!
//! ```text
//! cargo bench --bench notation              # the report repeated to 64 MiB
//! NOTATION_MIB=8 ROUNDS=5 cargo bench --bench notation
//! ```

mod common;

use std::hint::black_box;
use std::time::Instant;

use common::{REPORT, env, repeat_to};
use zhgloss::render::{Format, Notation, Options, Output};
use zhgloss::{Annotator, Glossary};

fn main() {
    let mib = env("NOTATION_MIB", 64);
    let rounds = env("ROUNDS", 3);
    let ann = Annotator::new(&Glossary::builtin()).expect("the built-in glossary compiles");
    let report = repeat_to(REPORT, mib << 20);
    // The report holds ¹ and 〔 (so every candidate is looked at); the same without them has
    // no mark of its own.
    let plain = report.replace(['¹', '〔', '〕'], "");
    for (label, text) in [("report", &report), ("no marks", &plain)] {
        let render = |options: &Options| {
            let mut out = Output::new(&ann, Format::Footnote, options, std::io::sink());
            out.document_str(black_box(text))
                .expect("a sink takes everything");
            out.finish().expect("a sink takes everything");
        };
        let chosen = Options::new();
        let forced = Options::new().notation(Notation::Bracket);
        let contenders: [(&str, &dyn Fn()); 3] = [
            ("find_iter", &|| {
                black_box(ann.find_iter(black_box(text)).count());
            }),
            ("forced", &|| render(&forced)),
            ("chosen", &|| render(&chosen)),
        ];
        let mut best = [f64::MAX; 3];
        for _ in 0..rounds {
            for ((_, run), best) in contenders.iter().zip(&mut best) {
                let start = Instant::now();
                run();
                *best = best.min(start.elapsed().as_secs_f64());
            }
        }
        println!(
            "{label}: {} bytes, best of {rounds} rounds in turn",
            text.len()
        );
        for ((name, _), &seconds) in contenders.iter().zip(&best) {
            println!(
                "  {name:<10} {seconds:>8.4} s  {:>6.3} GB/s",
                text.len() as f64 / seconds / 1e9
            );
        }
        let scan = best[2] - best[1];
        println!(
            "  pre-scan   {scan:>8.4} s  ({:.1}% of the footnote render)",
            100.0 * scan / best[1]
        );
    }
}
