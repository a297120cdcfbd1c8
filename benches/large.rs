//! How does zhgloss scale to glossaries of 1,000, 10,000 and 100,000 terms?
//!
//! The terms are generated reproducibly (`common::generated_terms`: report substrings and random
//! ideographs, fixed seed). Two groups:
//!
//! - `large_build`: compiling the glossary (zhgloss, aho-corasick with its default build,
//!   daachorse charwise).
//! - `large_search`: searching the report repeated to 8 MiB (zhgloss `find_iter`, raw
//!   aho-corasick, daachorse charwise leftmost-longest). Before timing, aho-corasick and
//!   daachorse must find the same spans, and zhgloss as many matches as aho-corasick finds in
//!   the folded text (`common::fold`): zhgloss also finds terms across the report's quote marks
//!   and line breaks (个美 in 个“美丽街区”), which the raw automata miss.
//!
//! Heap bytes of each automaton are printed once per size.

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use zhgloss::{Annotator, Glossary};

use common::{
    CORPUS_BYTES, REPORT, assert_same_count, assert_same_spans, build_ac, build_daachorse, fold,
    generated_terms, glossary_of, repeat_to, spans_ac, spans_daachorse,
};

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];
const SEED: u64 = 0x7A68_676C_6F73_7321;

fn build_zhgloss(glossary: &Glossary) -> Annotator {
    Annotator::new(glossary).expect("a generated glossary compiles")
}

/// zhgloss with the folding rules the raw automata can be checked against: whitespace, width
/// and quotes, but not traditional script or numeral spellings.
fn build_zhgloss_exact(glossary: &Glossary) -> Annotator {
    Annotator::builder()
        .traditional(false)
        .numerals(false)
        .build(glossary)
        .expect("a generated glossary compiles")
}

fn large(c: &mut Criterion) {
    let text = repeat_to(REPORT, CORPUS_BYTES);
    let sets: Vec<(usize, Vec<String>, Glossary)> = SIZES
        .iter()
        .map(|&n| {
            let terms = generated_terms(n, SEED);
            let glossary = glossary_of(&terms);
            (n, terms, glossary)
        })
        .collect();

    let mut g = c.benchmark_group("large_build");
    for (n, terms, glossary) in &sets {
        g.throughput(Throughput::Elements(*n as u64));
        g.bench_with_input(BenchmarkId::new("zhgloss", n), glossary, |b, gl| {
            b.iter(|| build_zhgloss(black_box(gl)))
        });
        g.bench_with_input(BenchmarkId::new("aho-corasick (raw)", n), terms, |b, t| {
            b.iter(|| build_ac(black_box(t)))
        });
        g.bench_with_input(BenchmarkId::new("daachorse charwise", n), terms, |b, t| {
            b.iter(|| build_daachorse(black_box(t)))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("large_search");
    g.throughput(Throughput::Bytes(text.len() as u64));
    for (n, terms, glossary) in &sets {
        let zhgloss = build_zhgloss(glossary);
        let exact = build_zhgloss_exact(glossary);
        let ac = build_ac(terms);
        let da = build_daachorse(terms);
        let what = format!("large_search/{n}");
        let ac_spans = spans_ac(&ac, &text);
        assert_same_spans(
            &what,
            ("aho-corasick", &ac_spans),
            ("daachorse", &spans_daachorse(&da, &text)),
        );
        let zh_exact = exact.find_iter(&text).count();
        let folded = ac.find_iter(&fold(&text)).count();
        assert_same_count(
            &what,
            ("zhgloss (exact script and numerals)", zh_exact),
            ("aho-corasick on the folded text", folded),
        );
        // Numeral spellings only add forms (三 also as 3), so the default finds at least as
        // much, and on this simplified text traditional folding changes nothing.
        let zh = zhgloss.find_iter(&text).count();
        assert!(
            zh >= zh_exact,
            "{what}: zhgloss finds {zh} matches, fewer than with exact script and numerals ({zh_exact})"
        );
        println!(
            "{n} terms: {} bytes, zhgloss finds {zh} matches, raw aho-corasick and daachorse {}; \
             heap bytes: zhgloss {} (Annotator::memory_usage), aho-corasick {} ({:?}), \
             daachorse {}",
            text.len(),
            ac_spans.len(),
            zhgloss.memory_usage(),
            ac.memory_usage(),
            ac.kind(),
            da.heap_bytes(),
        );
        g.bench_function(BenchmarkId::new("zhgloss", n), |b| {
            b.iter(|| zhgloss.find_iter(black_box(&text)).count())
        });
        g.bench_function(
            BenchmarkId::new("zhgloss (exact script and numerals)", n),
            |b| b.iter(|| exact.find_iter(black_box(&text)).count()),
        );
        g.bench_function(BenchmarkId::new("aho-corasick (raw)", n), |b| {
            b.iter(|| ac.find_iter(black_box(&text)).count())
        });
        g.bench_function(BenchmarkId::new("daachorse charwise", n), |b| {
            b.iter(|| da.leftmost_find_iter(black_box(&text)).count())
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    // Building 100,000 terms takes a good fraction of a second: few samples by default
    // (command-line options still override).
    config = Criterion::default().sample_size(10).measurement_time(Duration::from_secs(5));
    targets = large
}
criterion_main!(benches);
