//! `audit` beside the annotator on the same large text, timed in turns.
//!
//! Audit reads every character (its rules look for shapes, not terms) and searches the text
//! three times (the glossary's matches, twice, and the expressions it found), so it is slower
//! than one search; this shows by how much, and that its time and memory grow in proportion to
//! the text (it was quadratic once). A benchmark, not a test: nothing is asserted of the times.
//!
//! ```text
//! cargo bench --bench audit                 # the report repeated to 100 MiB
//! AUDIT_MIB=20 ROUNDS=5 cargo bench --bench audit
//! ```

mod common;

use std::hint::black_box;
use std::time::Instant;

use common::{REPORT, env, repeat_to};
use zhgloss::render::{Format, Options, Output};
use zhgloss::{Annotator, Glossary};

fn main() {
    let mib = env("AUDIT_MIB", 100);
    let rounds = env("ROUNDS", 3);
    let ann = Annotator::new(&Glossary::builtin()).expect("the built-in glossary compiles");
    let mut sizes = vec![mib << 20];
    if mib >= 2 {
        // Half the text too: linear time means half the time.
        sizes.insert(0, (mib << 20) / 2);
    }
    for bytes in sizes {
        let text = repeat_to(REPORT, bytes);
        let json = || {
            let mut out = Output::new(&ann, Format::Json, &Options::new(), std::io::sink());
            out.document_str(black_box(&text))
                .expect("a sink takes everything");
            out.finish().expect("a sink takes everything");
        };
        let contenders: [(&str, &dyn Fn() -> usize); 3] = [
            ("find_iter", &|| ann.find_iter(black_box(&text)).count()),
            ("render json", &|| {
                json();
                0
            }),
            ("audit", &|| {
                zhgloss::audit::audit(&ann, black_box(&text)).len()
            }),
        ];
        let mut best = [f64::MAX; 3];
        for _ in 0..rounds {
            for ((_, run), best) in contenders.iter().zip(&mut best) {
                let start = Instant::now();
                black_box(run());
                *best = best.min(start.elapsed().as_secs_f64());
            }
        }
        println!("{} bytes, best of {rounds} rounds in turn", text.len());
        for ((name, _), &seconds) in contenders.iter().zip(&best) {
            println!(
                "  {name:<12} {seconds:>8.3} s  {:>6.3} GB/s  {:>6.2}x find_iter",
                text.len() as f64 / seconds / 1e9,
                seconds / best[0]
            );
        }
    }
}
