//! One `Annotator` shared by many threads finds exactly what one thread finds.

use zhgloss::{Annotator, Entry, Glossary, Match};

mod common;

use common::{REPORT, TRADITIONAL};

/// Eight different texts: the report in simplified and traditional script, with CRLF line
/// endings, folded onto one line, in full-width digits, reversed by paragraph, and in pieces.
fn texts() -> Vec<String> {
    let paragraphs: Vec<&str> = REPORT.split("\n\n").collect();
    let fullwidth: String = REPORT
        .chars()
        .map(|c| match c {
            '0'..='9' | '+' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
            c => c,
        })
        .collect();
    vec![
        REPORT.to_string(),
        TRADITIONAL.to_string(),
        REPORT.replace('\n', "\r\n"),
        REPORT.replace('\n', ""),
        fullwidth,
        paragraphs
            .iter()
            .rev()
            .copied()
            .collect::<Vec<_>>()
            .join("\n\n"),
        REPORT.repeat(3),
        REPORT.chars().rev().collect::<String>() + &REPORT[..REPORT.len() / 2],
    ]
}

fn search(ann: &Annotator, text: &str) -> Vec<Match> {
    ann.find_iter(text).collect()
}

fn same_from_eight_threads(ann: &Annotator) {
    let texts = texts();
    let alone: Vec<Vec<Match>> = texts.iter().map(|t| search(ann, t)).collect();
    assert!(alone.iter().all(|m| !m.is_empty()));
    let shared: Vec<Vec<Vec<Match>>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|k| {
                let texts = &texts;
                // Each thread starts at a different text and goes through all of them, several
                // times, so that searches of different texts overlap in time.
                s.spawn(move || {
                    (0..3 * texts.len())
                        .map(|i| search(ann, &texts[(k + i) % texts.len()]))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (k, results) in shared.iter().enumerate() {
        for (i, got) in results.iter().enumerate() {
            assert_eq!(got, &alone[(k + i) % texts.len()], "thread {k}, search {i}");
        }
    }
}

#[test]
fn builtin_shared_by_eight_threads() {
    same_from_eight_threads(&Annotator::new(&Glossary::builtin()).unwrap());
}

/// A glossary too large for the prefilter and the DFA (the NFA path), shared the same way.
#[test]
fn large_glossary_shared_by_eight_threads() {
    let mut g = Glossary::builtin();
    let extra = (0..3_000u32).map(|i| Entry::new(1_000 + i, format!("第{i}号专项"), "定义"));
    g.entries.extend(extra);
    let ann = Annotator::new(&g).unwrap();
    assert!(ann.find_iter("第17号专项").count() == 1);
    same_from_eight_threads(&ann);
}
