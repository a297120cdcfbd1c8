//! A small arbitrary glossary and an arbitrary text: the exact annotator (no traditional script,
//! no numeral spellings) finds what a naive reference finds, and so do the double array and
//! both searching the text in parts on several threads; the default annotator never panics and
//! its spans are sorted, non-overlapping and on char boundaries, and the double array folding
//! as it does (traditional script, numeral spellings) agrees with it.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use zhgloss::{Annotator, AnnotatorBuilder, Engine, Entry, ErrorKind, Glossary, Match};

#[path = "../../tests/common/naive.rs"]
mod reference;

/// Pieces of terms: CJK (traditional forms, numerals, 坛 which six ideographs fold to), digits
/// in both widths, `+`, letters, punctuation, quotes and whitespace, so terms overlap, nest,
/// fold and hit the boundary rule often.
const TERM_PIECES: &[&str] = &[
    "一", "网", "通", "办", "網", "十", "金", "条", "1", "4", "0", "+", "A", "a", "１", "＋", "“",
    "”", "\"", "「", " ", "\u{3000}", "\n", "\r\n", "坛", "罎", "辦", "、",
];

/// Text pieces: the term pieces, and what sits around terms in hostile text.
const TEXT_PIECES: &[&str] = &[
    "         ",
    "\u{FEFF}",
    "\u{200B}",
    "\0",
    "\u{301}",
    "😀",
    "的",
    "。",
    "8",
    "’",
    "』",
    "\t",
];

#[derive(Arbitrary, Debug)]
enum Piece {
    Known(u8),
    Any(char),
}

#[derive(Arbitrary, Debug)]
struct Input {
    max_gap: u8,
    /// Entries, each a list of surface forms, each a list of indices into `TERM_PIECES`.
    entries: Vec<Vec<Vec<u8>>>,
    text: Vec<Piece>,
}

fn term(pieces: &[u8]) -> String {
    pieces
        .iter()
        .take(6)
        .map(|&i| TERM_PIECES[usize::from(i) % TERM_PIECES.len()])
        .collect()
}

fn text(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for p in pieces.iter().take(300) {
        match *p {
            Piece::Known(i) => {
                let i = usize::from(i) % (TERM_PIECES.len() + TEXT_PIECES.len());
                out.push_str(
                    TERM_PIECES
                        .get(i)
                        .copied()
                        .unwrap_or_else(|| TEXT_PIECES[i - TERM_PIECES.len()]),
                );
            }
            Piece::Any(c) => out.push(c),
        }
    }
    out
}

fn check_spans(text: &str, matches: &[Match]) {
    let mut last = 0;
    let mut chars = 0;
    for m in matches {
        assert!(m.start() >= last, "overlap or out of order: {matches:?}");
        assert!(m.start() < m.end(), "empty match: {m:?}");
        assert!(text.is_char_boundary(m.start()) && text.is_char_boundary(m.end()));
        assert!(m.end() <= text.len());
        chars += text[last..m.start()].chars().count();
        assert_eq!(m.char_start(), chars);
        chars += text[m.range()].chars().count();
        assert_eq!(m.char_end(), chars);
        last = m.end();
    }
}

/// The double array, built as `builder` says otherwise, finds exactly `found` in `text`;
/// returns it.
fn double_array_agrees(
    builder: &mut AnnotatorBuilder,
    g: &Glossary,
    text: &str,
    found: &[Match],
) -> Annotator {
    let double_array = builder
        .engine(Engine::DoubleArray)
        .build(g)
        .unwrap_or_else(|e| panic!("{e}: {g:?}"));
    let again: Vec<Match> = double_array.find_iter(text).collect();
    assert_eq!(
        again, found,
        "double array, {builder:?}, glossary {g:?}\ntext {text:?}"
    );
    double_array
}

fuzz_target!(|input: Input| {
    // 0 to 11, or no limit at all.
    let max_gap = match input.max_gap % 13 {
        12 => usize::MAX,
        n => usize::from(n),
    };
    // Forms that fold to nothing are rejected with a clear error; forms claimed by an earlier
    // entry are dropped here (the glossary would reject them), as are empty entries.
    let mut seen: std::collections::HashMap<String, u32> = Default::default();
    let mut entries = Vec::new();
    for (i, forms) in input.entries.iter().take(8).enumerate() {
        let id = i as u32 + 1;
        let mut kept: Vec<String> = Vec::new();
        for f in forms.iter().take(3) {
            let form = term(f);
            let folded = reference::fold_term(&form);
            if folded.is_empty() {
                if !form.trim().is_empty() {
                    let g = Glossary {
                        entries: vec![Entry::new(1, form.as_str(), "定义")],
                        ..Glossary::default()
                    };
                    let err = Annotator::builder()
                        .traditional(false)
                        .numerals(false)
                        .build(&g)
                        .err()
                        .unwrap();
                    assert_eq!(err.kind(), ErrorKind::Glossary);
                    assert_eq!(
                        err.to_string(),
                        format!(
                            "entry 1 has a surface form {form:?} that is only whitespace or quote marks"
                        )
                    );
                }
                continue;
            }
            match seen.get(&folded) {
                Some(&owner) if owner != id => continue,
                _ => {
                    seen.insert(folded, id);
                    kept.push(form);
                }
            }
        }
        let Some((first, rest)) = kept.split_first() else {
            continue;
        };
        let mut e = Entry::new(id, first.as_str(), "定义");
        e.aliases = rest.to_vec();
        entries.push(e);
    }
    let g = Glossary {
        entries,
        ..Glossary::default()
    };
    let text = text(&input.text);

    let exact = Annotator::builder()
        .traditional(false)
        .numerals(false)
        .max_gap(max_gap)
        .build(&g)
        .unwrap_or_else(|e| panic!("{e}: {g:?}"));
    let found: Vec<Match> = exact.find_iter(&text).collect();
    check_spans(&text, &found);
    let got: Vec<(u32, usize, usize)> = found
        .iter()
        .map(|m| (m.entry_id(), m.start(), m.end()))
        .collect();
    let want = reference::naive(&g, &text, max_gap);
    assert_eq!(
        got, want,
        "glossary {g:?}\ntext {text:?}\nmax_gap {max_gap}"
    );

    // The double-array engine (large glossaries) finds exactly the same.
    let double_array = double_array_agrees(
        Annotator::builder()
            .traditional(false)
            .numerals(false)
            .max_gap(max_gap),
        &g,
        &text,
        &found,
    );

    // Threads searching parts of the text (four parts a thread) find the same, with both
    // engines.
    let threads = 2 + usize::from(input.max_gap) % 3;
    assert_eq!(
        exact.find_all_parallel(&text, threads),
        found,
        "{threads} threads, glossary {g:?}\ntext {text:?}\nmax_gap {max_gap}"
    );
    assert_eq!(
        double_array.find_all_parallel(&text, threads),
        found,
        "double array, {threads} threads, glossary {g:?}\ntext {text:?}\nmax_gap {max_gap}"
    );

    // Searching from the end of any match gives exactly the matches after it.
    if let Some(k) = found
        .len()
        .checked_sub(1)
        .map(|n| usize::from(input.max_gap) % (n + 1))
    {
        let rest: Vec<Match> = exact.find_iter_at(&text, found[k].end()).collect();
        assert_eq!(&rest[..], &found[k + 1..]);
    }

    // The default annotator folds more (traditional script, numeral spellings): it may reject
    // the glossary (网 and 網 are one form to it), but it never panics, its spans hold, and the
    // double array folding the same way finds exactly the same (the naive reference does not
    // fold traditional script).
    if let Ok(ann) = Annotator::builder().max_gap(max_gap).build(&g) {
        let found: Vec<Match> = ann.find_iter(&text).collect();
        check_spans(&text, &found);
        for m in &found {
            assert_eq!(ann.entry(m).id, m.entry_id());
        }
        double_array_agrees(Annotator::builder().max_gap(max_gap), &g, &text, &found);
    }
});
