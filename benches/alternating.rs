//! The contenders of `find` and `large` timed in turns, for hosts shared with other work.
//!
//! Criterion times each contender for seconds before moving to the next, so on a shared machine
//! a neighbour's burst lands on one contender and not another, and ratios between contenders
//! move from run to run (`benches/README.md` shows by how much).
//! Here each round runs every contender once over the same 8 MiB, in turn, for 40 rounds (set
//! `ROUNDS`), and prints each one's best and median throughput; the best of many interleaved
//! rounds is the figure least moved by the neighbours, and it is the one compared with the raw
//! automaton's best. Counts are checked as in `find` and `large` before anything is timed. A
//! benchmark, not a test: nothing about the timings is asserted.
//!
//! On the 29-entry glossary a last row, "anchor hits (floor)", is not a contender: it only lists
//! where a rare character of each surface form occurs (see `hindsight_anchors`), about the part
//! of zhgloss's search that no checking of terms can speed up.
//!
//! ```text
//! cargo bench --bench alternating
//! ```

mod common;

use std::hint::black_box;
use std::time::Instant;

use regex::Regex;
use zhgloss::{Annotator, Glossary};

use common::{
    CORPUS_BYTES, REPORT, assert_same_count, assert_same_spans, build_ac, build_daachorse, fold,
    generated_terms, glossary_of, longest_first_alternation, messy, naive_folding, repeat_to,
    spans_ac, spans_daachorse, spans_regex, spans_zhgloss, sparse_glossary, surface_forms,
};

/// A contender: the number of matches it finds in a text.
type Count<'a> = dyn Fn(&str) -> usize + 'a;

/// An estimate of the floor of zhgloss's design on `text`: a Teddy search for one character of
/// every surface form, chosen with hindsight as the one `text` holds least often (then
/// dropping, most often hit first, any anchor whose forms all hold another), that lists the
/// hits and checks no term at any. It takes only the forms as written, with no traditional or
/// full-width forms and no numeral spellings, so it needs fewer anchors than zhgloss: a search
/// that starts from single-character anchors does at least about this much before it checks a
/// term. Returns the searcher and how many anchors it holds.
fn hindsight_anchors(forms: &[String], text: &str) -> (aho_corasick::packed::Searcher, usize) {
    let mut seen = std::collections::HashMap::<char, usize>::new();
    for c in text.chars() {
        *seen.entry(c).or_default() += 1;
    }
    let count = |c: &char| seen.get(c).copied().unwrap_or(0);
    // Ideographs, as zhgloss's anchors are: one-byte anchors would cost Teddy its three-byte
    // fingerprints.
    let candidates = |form: &String| -> Vec<char> {
        form.chars()
            .filter(|c| c.is_alphanumeric() && !c.is_ascii())
            .collect()
    };
    let mut chosen: Vec<char> = forms
        .iter()
        .filter_map(|form| candidates(form).into_iter().min_by_key(count))
        .collect();
    chosen.sort_by_key(|c| std::cmp::Reverse(count(c)));
    chosen.dedup();
    // Drop an anchor, most often hit first, wherever every form still holds another.
    let mut i = 0;
    while i < chosen.len() {
        let others: Vec<char> = chosen
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != i)
            .map(|(_, &c)| c)
            .collect();
        if forms
            .iter()
            .all(|form| candidates(form).iter().any(|c| others.contains(c)))
        {
            chosen.remove(i);
        } else {
            i += 1;
        }
    }
    let anchors: Vec<String> = chosen.into_iter().map(String::from).collect();
    let searcher = aho_corasick::packed::Config::new()
        .only_teddy_fat(Some(anchors.len() > 16))
        .builder()
        .extend(&anchors)
        .build()
        .expect("Teddy takes a few dozen anchors");
    (searcher, anchors.len())
}

/// The seed `large` generates its glossaries with.
const SEED: u64 = 0x7A68_676C_6F73_7321;

/// Runs every contender once a round over `text`, in turn, and prints each one's best and
/// median throughput, the best compared with the first contender's best.
fn time_in_turns(what: &str, text: &str, contenders: &[(&str, &Count)], rounds: usize) {
    let mut seconds: Vec<Vec<f64>> = vec![Vec::with_capacity(rounds); contenders.len()];
    for _ in 0..rounds {
        for ((_, search), times) in contenders.iter().zip(&mut seconds) {
            let start = Instant::now();
            black_box(search(black_box(text)));
            times.push(start.elapsed().as_secs_f64());
        }
    }
    println!("{what}: {} bytes, {rounds} rounds in turn", text.len());
    let gb = |s: f64| text.len() as f64 / s / 1e9;
    let mut baseline = None;
    for ((name, _), times) in contenders.iter().zip(&mut seconds) {
        times.sort_by(f64::total_cmp);
        let best = times[0];
        let median = times[times.len() / 2];
        let base = *baseline.get_or_insert(best);
        println!(
            "  {name:<20} best {:.3} GB/s ({:.3}x raw AC)   median {:.3} GB/s",
            gb(best),
            base / best,
            gb(median)
        );
    }
}

fn main() {
    // `cargo bench` passes `--bench`; a filter, if any, is not used here.
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(40)
        .max(1);
    let report = repeat_to(REPORT, CORPUS_BYTES);

    // The 29-entry glossary, as in `find`.
    let glossary = Glossary::builtin();
    let forms = surface_forms(&glossary);
    let zhgloss = Annotator::new(&glossary).expect("the built-in glossary compiles");
    let ac = build_ac(&forms);
    let regex = Regex::new(&longest_first_alternation(&forms)).expect("the alternation compiles");
    let daachorse = build_daachorse(&forms);
    let untidy = repeat_to(&messy(REPORT, 2020), CORPUS_BYTES);
    for (what, text) in [("find_report", &report), ("find_messy", &untidy)] {
        let zh = spans_zhgloss(&zhgloss, text);
        if what == "find_report" {
            // The raw contenders and zhgloss agree span for span on the report as published.
            let raw = spans_ac(&ac, text);
            assert_same_spans(what, ("aho-corasick", &raw), ("zhgloss", &zh));
            assert_same_spans(
                what,
                ("regex", &spans_regex(&regex, text)),
                ("zhgloss", &zh),
            );
            let da = spans_daachorse(&daachorse, text);
            assert_same_spans(what, ("daachorse", &da), ("zhgloss", &zh));
        } else {
            // On the messy text only the naive folding search is a fair reference.
            let naive = naive_folding(&forms, text).len();
            assert_same_count(what, ("naive folding", naive), ("zhgloss", zh.len()));
        }
        // Not a contender: it finds anchor hits, not matches (see `hindsight_anchors`).
        let (floor, anchors) = hindsight_anchors(&forms, text);
        println!(
            "{what}: the floor's {anchors} anchors are hit {} times; zhgloss finds {} matches",
            floor.find_iter(text.as_str()).count(),
            zh.len()
        );
        // Not contenders either: what judging senses costs beside the search it adds to
        // (reading the document's head once; `find_senses`, the search with a decision per
        // match).
        let contenders: [(&str, &Count); 7] = [
            ("aho-corasick (raw)", &|t| ac.find_iter(t).count()),
            ("regex", &|t| regex.find_iter(t).count()),
            ("daachorse charwise", &|t| {
                daachorse.leftmost_find_iter(t).count()
            }),
            ("zhgloss find_iter", &|t| zhgloss.find_iter(t).count()),
            ("anchor hits (floor)", &|t| floor.find_iter(t).count()),
            ("read_document (head)", &|t| {
                zhgloss.read_document(t).places().len()
            }),
            ("zhgloss find_senses", &|t| zhgloss.find_senses(t).len()),
        ];
        time_in_turns(what, text, &contenders, rounds);
    }

    // Generated glossaries, as in `large`.
    for n in [10_000, 100_000] {
        let terms = generated_terms(n, SEED);
        let glossary = glossary_of(&terms);
        let zhgloss = Annotator::new(&glossary).expect("a generated glossary compiles");
        let ac = build_ac(&terms);
        let daachorse = build_daachorse(&terms);
        let what = format!("large_search/{n}");
        let raw = spans_ac(&ac, &report);
        let da = spans_daachorse(&daachorse, &report);
        assert_same_spans(&what, ("aho-corasick", &raw), ("daachorse", &da));
        // zhgloss folds the report's quotes and line breaks away, as `large` checks with
        // traditional script and numeral spellings off; with them on it finds at least as much.
        let exact = exact_annotator(&glossary);
        let folded = ac.find_iter(&fold(&report)).count();
        let zh_exact = exact.find_iter(&report).count();
        assert_same_count(
            &what,
            ("zhgloss (exact script and numerals)", zh_exact),
            ("aho-corasick on the folded text", folded),
        );
        assert!(zhgloss.find_iter(&report).count() >= zh_exact);
        let contenders: [(&str, &Count); 3] = [
            ("aho-corasick (raw)", &|t| ac.find_iter(t).count()),
            ("daachorse charwise", &|t| {
                daachorse.leftmost_find_iter(t).count()
            }),
            ("zhgloss find_iter", &|t| zhgloss.find_iter(t).count()),
        ];
        time_in_turns(&what, &report, &contenders, rounds);
        time_builds(
            &what,
            &|| Annotator::new(&glossary).map(|a| a.memory_usage()),
            &|| build_daachorse(&terms).heap_bytes(),
        );
    }

    // Sparse glossaries: the built-in entries and random strings of ideographs, few of which
    // occur, so the per-character loop is what is timed.
    for n in [10_000, 100_000] {
        let (glossary, forms) = sparse_glossary(n, SEED);
        let zhgloss = Annotator::new(&glossary).expect("a sparse glossary compiles");
        let daachorse = build_daachorse(&forms);
        let what = format!("sparse_search/{n}");
        let exact = exact_annotator(&glossary);
        // Folding only adds matches (across quotes and line breaks) to what daachorse finds.
        let da = spans_daachorse(&daachorse, &report).len();
        let zh_exact = exact.find_iter(&report).count();
        assert!(
            zh_exact >= da,
            "{what}: zhgloss {zh_exact} < daachorse {da}"
        );
        println!(
            "{what}: daachorse finds {da} matches, zhgloss {zh_exact} (exact script and numerals)"
        );
        let contenders: [(&str, &Count); 2] = [
            ("daachorse charwise", &|t| {
                daachorse.leftmost_find_iter(t).count()
            }),
            ("zhgloss find_iter", &|t| zhgloss.find_iter(t).count()),
        ];
        time_in_turns(&what, &report, &contenders, rounds);
        time_builds(
            &what,
            &|| Annotator::new(&glossary).map(|a| a.memory_usage()),
            &|| build_daachorse(&forms).heap_bytes(),
        );
    }
}

/// zhgloss with traditional script and numeral spellings off: the folding the raw automata
/// can be compared with (quotes, whitespace and widths still fold).
fn exact_annotator(glossary: &Glossary) -> Annotator {
    Annotator::builder()
        .traditional(false)
        .numerals(false)
        .build(glossary)
        .expect("a generated glossary compiles")
}

/// Builds zhgloss's annotator and daachorse's automaton for the same terms in turns, five
/// times each, and prints the best time of each and the heap each holds.
fn time_builds(
    what: &str,
    zhgloss: &dyn Fn() -> Result<usize, zhgloss::Error>,
    daachorse: &dyn Fn() -> usize,
) {
    let (mut zh, mut da) = (f64::MAX, f64::MAX);
    let (mut zh_heap, mut da_heap) = (0, 0);
    for _ in 0..5 {
        let start = Instant::now();
        zh_heap = black_box(zhgloss().expect("the glossary compiles"));
        zh = zh.min(start.elapsed().as_secs_f64());
        let start = Instant::now();
        da_heap = black_box(daachorse());
        da = da.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{what} build: zhgloss best {:.1} ms, heap {} B; daachorse best {:.1} ms, heap {} B",
        zh * 1e3,
        zh_heap,
        da * 1e3,
        da_heap
    );
}
