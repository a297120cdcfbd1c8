//! How fast does zhgloss find the 29 built-in terms, beside the raw automaton and its peers?
//!
//! Two groups over the report repeated to 8 MiB:
//!
//! - `find_report`: the report as published. Every contender searches for the same surface
//!   forms; the raw ones (aho-corasick, regex, daachorse, naive) must find the same spans, and
//!   zhgloss as many matches, before anything is timed.
//! - `find_messy`: the report with PDF line breaks, spaces around digits and full-width digits
//!   (`common::messy`), where folding is at work. The raw contenders miss matches there (their
//!   counts are printed, not checked); the fair reference is the naive folding search, whose
//!   count zhgloss must equal.
//!
//! `aho-corasick (raw)` is the baseline: `benches/ratios.py` prints every contender's ratio to it.

mod common;

use std::hint::black_box;

use aho_corasick::AhoCorasick;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use regex::Regex;
use zhgloss::render::{Format, Options};
use zhgloss::{Annotator, Glossary};

use common::{
    CORPUS_BYTES, REPORT, Search, assert_same_count, assert_same_spans, build_ac, build_daachorse,
    longest_first_alternation, messy, naive, naive_folding, repeat_to, spans_ac, spans_daachorse,
    spans_regex, spans_zhgloss, surface_forms,
};

/// The inline renderer (glossing the first occurrence of each entry), as the command line runs it.
fn inline(annotator: &Annotator, text: &str) -> String {
    zhgloss::render::to_string(annotator, Format::Inline, text, &Options::new())
        .expect("inline rendering of UTF-8 text cannot fail")
}

/// The contenders, built once.
struct Contenders {
    forms: Vec<String>,
    zhgloss: Annotator,
    ac: AhoCorasick,
    regex: Regex,
    daachorse: daachorse::CharwiseDoubleArrayAhoCorasick<u32>,
}

impl Contenders {
    fn new() -> Contenders {
        let glossary = Glossary::builtin();
        let forms = surface_forms(&glossary);
        Contenders {
            zhgloss: Annotator::new(&glossary).expect("the built-in glossary compiles"),
            ac: build_ac(&forms),
            regex: Regex::new(&longest_first_alternation(&forms))
                .expect("the alternation compiles"),
            daachorse: build_daachorse(&forms),
            forms,
        }
    }

    /// Times every contender on `text` in one group. `naive_name` and `naive_search` are the
    /// reference for this text.
    fn bench(
        &self,
        c: &mut Criterion,
        group: &str,
        text: &str,
        naive_name: &str,
        naive_search: Search,
    ) {
        let mut g = c.benchmark_group(group);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function("zhgloss find_iter", |b| {
            b.iter(|| self.zhgloss.find_iter(black_box(text)).count())
        });
        g.bench_function("aho-corasick (raw)", |b| {
            b.iter(|| self.ac.find_iter(black_box(text)).count())
        });
        g.bench_function("regex", |b| {
            b.iter(|| self.regex.find_iter(black_box(text)).count())
        });
        g.bench_function("daachorse charwise", |b| {
            b.iter(|| self.daachorse.leftmost_find_iter(black_box(text)).count())
        });
        g.bench_function(naive_name, |b| {
            b.iter(|| naive_search(&self.forms, black_box(text)).len())
        });
        g.bench_function("zhgloss render::json", |b| {
            b.iter(|| zhgloss::render::json(&self.zhgloss, black_box(text)).len())
        });
        g.bench_function("zhgloss annotate (inline)", |b| {
            b.iter(|| inline(&self.zhgloss, black_box(text)).len())
        });
        g.finish();
    }
}

fn find(c: &mut Criterion) {
    let rivals = Contenders::new();

    // The report as published: the raw contenders agree span for span.
    let report = repeat_to(REPORT, CORPUS_BYTES);
    let ac = spans_ac(&rivals.ac, &report);
    let what = "find_report";
    assert_same_spans(
        what,
        ("aho-corasick", &ac),
        ("naive", &naive(&rivals.forms, &report)),
    );
    assert_same_spans(
        what,
        ("aho-corasick", &ac),
        ("regex", &spans_regex(&rivals.regex, &report)),
    );
    assert_same_spans(
        what,
        ("aho-corasick", &ac),
        ("daachorse", &spans_daachorse(&rivals.daachorse, &report)),
    );
    // Folding finds nothing more in the clean report, and spans agree too: a surface form
    // written with quote marks is matched with them by zhgloss as well.
    let zh = spans_zhgloss(&rivals.zhgloss, &report);
    assert_same_spans(what, ("aho-corasick", &ac), ("zhgloss", &zh));
    println!(
        "{what}: {} bytes, {} matches per contender ({} per copy of the report)",
        report.len(),
        ac.len(),
        ac.len() * REPORT.len() / report.len()
    );
    rivals.bench(c, what, &report, "naive", naive);

    // The messy report: only the folding reference is a fair rival.
    let text = repeat_to(&messy(REPORT, 2020), CORPUS_BYTES);
    let what = "find_messy";
    let reference = naive_folding(&rivals.forms, &text);
    let zh = spans_zhgloss(&rivals.zhgloss, &text);
    assert_same_count(
        what,
        ("zhgloss", zh.len()),
        ("naive folding", reference.len()),
    );
    println!(
        "{what}: {} bytes; zhgloss and the folding reference find {} matches, \
         raw aho-corasick {}, regex {}, daachorse {}, naive {}",
        text.len(),
        zh.len(),
        spans_ac(&rivals.ac, &text).len(),
        spans_regex(&rivals.regex, &text).len(),
        spans_daachorse(&rivals.daachorse, &text).len(),
        naive(&rivals.forms, &text).len(),
    );
    rivals.bench(c, what, &text, "naive folding", naive_folding);

    // The report in traditional script (tests/data, converted with the annotator's own table):
    // zhgloss finds what it finds in the simplified report; the raw automaton finds almost
    // nothing and is timed only as the baseline of the ratio.
    let traditional = include_str!("../tests/data/report-2020-jinshan-traditional.txt");
    let text = repeat_to(traditional, CORPUS_BYTES);
    let what = "find_traditional";
    let copies = text.len() / traditional.len();
    let simplified = rivals.zhgloss.find_iter(REPORT).count();
    assert_same_count(
        what,
        ("zhgloss", rivals.zhgloss.find_iter(&text).count()),
        ("zhgloss on the simplified report", simplified * copies),
    );
    println!(
        "{what}: {} bytes; zhgloss finds {} matches, raw aho-corasick {}",
        text.len(),
        simplified * copies,
        spans_ac(&rivals.ac, &text).len()
    );
    let mut g = c.benchmark_group(what);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("zhgloss find_iter", |b| {
        b.iter(|| rivals.zhgloss.find_iter(black_box(&text)).count())
    });
    g.bench_function("aho-corasick (raw)", |b| {
        b.iter(|| rivals.ac.find_iter(black_box(&text)).count())
    });
    g.bench_function("zhgloss annotate (inline)", |b| {
        b.iter(|| inline(&rivals.zhgloss, black_box(&text)).len())
    });
    g.finish();

    // What judging senses costs beside the search: reading the document (its head, once) and
    // `find_senses` (the search with a decision per match), on the report repeated.
    let what = "senses_report";
    let mut g = c.benchmark_group(what);
    g.throughput(Throughput::Bytes(report.len() as u64));
    g.bench_function("zhgloss find_iter", |b| {
        b.iter(|| rivals.zhgloss.find_iter(black_box(&report)).count())
    });
    g.bench_function("read_document", |b| {
        b.iter(|| rivals.zhgloss.read_document(black_box(&report)).year())
    });
    g.bench_function("zhgloss find_senses", |b| {
        b.iter(|| rivals.zhgloss.find_senses(black_box(&report)).len())
    });
    g.finish();
}

criterion_group!(benches, find);
criterion_main!(benches);
