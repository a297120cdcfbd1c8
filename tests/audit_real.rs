//! The audit on real passages, scored against hand labels (issue 18, clause 4).
//!
//! `tests/data/audit/` holds passages of real government text and `labels.tsv`, labels made by
//! hand before any rule was tuned (README.md there says how). Every finding of the audit with
//! the built-in glossary is scored: a true positive if its expression is an A label of its
//! passage (a slogan a reader needs explained that the passage does not explain), neutral if
//! it is an O label (optional), a false positive otherwise. Recall is the share of A labels
//! found. The passages were split into a tuning set and a held-out set before the rules were
//! changed; both are printed, the thresholds hold for all passages together.
//!
//! `cargo test --test audit_real -- --nocapture` prints the table.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use zhgloss::audit::{self, Finding};
use zhgloss::{Annotator, Glossary};

/// Passages whose number is at least this were held out: no rule was tuned on them.
const FIRST_HELD_OUT: u32 = 13;

const MIN_PRECISION: f64 = 0.85;
const MIN_RECALL: f64 = 0.80;

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/audit")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Label {
    A,
    B,
    Optional,
}

/// The labels of each passage file: expression → label.
fn labels() -> BTreeMap<String, BTreeMap<String, Label>> {
    let tsv = std::fs::read_to_string(data().join("labels.tsv")).unwrap();
    let mut out: BTreeMap<String, BTreeMap<String, Label>> = BTreeMap::new();
    for (n, line) in tsv.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() >= 3, "labels.tsv:{}: {line}", n + 1);
        let label = match cols[1] {
            "A" => Label::A,
            "B" => Label::B,
            "O" => Label::Optional,
            other => panic!("labels.tsv:{}: label {other}", n + 1),
        };
        let old = out
            .entry(cols[0].to_string())
            .or_default()
            .insert(cols[2].to_string(), label);
        assert!(old.is_none(), "labels.tsv:{}: {} twice", n + 1, cols[2]);
    }
    out
}

fn passage(file: &str) -> String {
    std::fs::read_to_string(data().join(file)).unwrap()
}

fn number(file: &str) -> u32 {
    file[..2].parse().unwrap()
}

/// Folds as the audit does, near enough for checking the labels: no whitespace or quotes.
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !"“”‘’「」『』\"".contains(*c))
        .collect()
}

#[derive(Default)]
struct Score {
    listed: usize,
    tp: usize,
    optional: usize,
    a: usize,
    found: usize,
}

impl Score {
    fn add(&mut self, other: &Score) {
        self.listed += other.listed;
        self.tp += other.tp;
        self.optional += other.optional;
        self.a += other.a;
        self.found += other.found;
    }

    /// True positives over what was listed, optional labels left out of both.
    fn precision(&self) -> f64 {
        let judged = self.listed - self.optional;
        if judged == 0 {
            1.0
        } else {
            self.tp as f64 / judged as f64
        }
    }

    fn recall(&self) -> f64 {
        if self.a == 0 {
            1.0
        } else {
            self.found as f64 / self.a as f64
        }
    }

    fn line(&self, name: &str) -> String {
        format!(
            "{name:<10} precision {:.3} ({}/{} listed{}), recall {:.3} ({}/{} A labels found)",
            self.precision(),
            self.tp,
            self.listed - self.optional,
            if self.optional > 0 {
                format!(", {} optional left out", self.optional)
            } else {
                String::new()
            },
            self.recall(),
            self.found,
            self.a
        )
    }
}

/// One passage scored: the score, and what was wrong.
struct Scored {
    score: Score,
    false_positives: Vec<String>,
    missed: Vec<String>,
}

fn score(findings: &[Finding], labels: &BTreeMap<String, Label>) -> Scored {
    let mut s = Score {
        listed: findings.len(),
        a: labels.values().filter(|&&l| l == Label::A).count(),
        ..Score::default()
    };
    let mut false_positives = Vec::new();
    for f in findings {
        match labels.get(&f.expression) {
            Some(Label::A) => s.tp += 1,
            Some(Label::Optional) => s.optional += 1,
            Some(Label::B) => false_positives.push(format!("{} (B)", f.expression)),
            None => false_positives.push(f.expression.clone()),
        }
    }
    let missed: Vec<String> = labels
        .iter()
        .filter(|&(e, &l)| l == Label::A && !findings.iter().any(|f| &f.expression == e))
        .map(|(e, _)| e.clone())
        .collect();
    s.found = s.a - missed.len();
    Scored {
        score: s,
        false_positives,
        missed,
    }
}

/// The labels are of the passages as stored: every labelled expression is in its passage, and
/// every passage is labelled.
#[test]
fn labels_are_of_the_passages() {
    let labels = labels();
    let mut files: Vec<String> = std::fs::read_dir(data())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|f| f.ends_with(".txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "{files:?}");
    assert_eq!(files, labels.keys().cloned().collect::<Vec<_>>());
    for (file, labels) in &labels {
        let text = fold(&passage(file));
        for expression in labels.keys() {
            assert!(text.contains(expression.as_str()), "{file}: {expression}");
        }
    }
}

#[test]
fn audit_is_precise_on_real_passages() {
    let ann = Annotator::new(&Glossary::builtin()).unwrap();
    let (mut all, mut tuning, mut held_out) =
        (Score::default(), Score::default(), Score::default());
    println!(
        "{:<48} {:>6} {:>3} {:>3} {:>3} {:>5}  false positives | missed",
        "passage", "listed", "TP", "FP", "A", "found"
    );
    for (file, labels) in &labels() {
        let text = passage(file);
        let findings = audit::audit(&ann, &text);
        let Scored {
            score,
            false_positives,
            missed,
        } = score(&findings, labels);
        let held = number(file) >= FIRST_HELD_OUT;
        println!(
            "{:<48} {:>6} {:>3} {:>3} {:>3} {:>5}  {} | {}",
            format!("{}{file}", if held { "*" } else { " " }),
            score.listed,
            score.tp,
            false_positives.len(),
            score.a,
            score.found,
            false_positives.join(" "),
            missed.join(" ")
        );
        all.add(&score);
        if held {
            held_out.add(&score);
        } else {
            tuning.add(&score);
        }
    }
    println!("(* held out)");
    println!("{}", tuning.line("tuning"));
    println!("{}", held_out.line("held out"));
    println!("{}", all.line("all"));
    assert!(
        all.precision() >= MIN_PRECISION,
        "{}",
        all.line("precision")
    );
    assert!(all.recall() >= MIN_RECALL, "{}", all.line("recall"));
}
