//! Does one shared `Annotator` scale across threads?
//!
//! 256 documents (copies of the report, about 9.5 MiB in all) searched with rayon on a pool of 1
//! thread and on a pool of 2 threads: the same total work, so the throughput ratio is the
//! scaling. The raw aho-corasick automaton is measured the same way for comparison. On a shared
//! machine, other processes on the second core lower the 2-thread figure.
//!
//! `one_document`: the same copies joined into one text, searched by `find_iter` and by
//! `find_all_parallel` in 2 parts, and rendered as JSON through `Output` with 1 and 2 threads
//! (`Options::threads`); the parallel searches must find what `find_iter` finds before timing.

mod common;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use rayon::prelude::*;
use zhgloss::render::{Format, Options, Output};
use zhgloss::{Annotator, Glossary};

use common::{REPORT, build_ac, surface_forms};

const DOCUMENTS: usize = 256;

fn threads(c: &mut Criterion) {
    let glossary = Glossary::builtin();
    let ann = Annotator::new(&glossary).expect("the built-in glossary compiles");
    let ac = build_ac(&surface_forms(&glossary));
    let docs: Vec<String> = (0..DOCUMENTS).map(|_| REPORT.to_string()).collect();
    let bytes: usize = docs.iter().map(String::len).sum();

    let mut g = c.benchmark_group("threads");
    g.throughput(Throughput::Bytes(bytes as u64));
    for n in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .expect("a thread pool");
        let label = if n == 1 { "1 thread" } else { "2 threads" };
        g.bench_function(BenchmarkId::new("zhgloss", label), |b| {
            b.iter(|| {
                pool.install(|| {
                    black_box(&docs)
                        .par_iter()
                        .map(|d| ann.find_iter(d).count())
                        .sum::<usize>()
                })
            })
        });
        g.bench_function(BenchmarkId::new("aho-corasick (raw)", label), |b| {
            b.iter(|| {
                pool.install(|| {
                    black_box(&docs)
                        .par_iter()
                        .map(|d| ac.find_iter(d).count())
                        .sum::<usize>()
                })
            })
        });
    }
    g.finish();
}

fn one_document(c: &mut Criterion) {
    let ann = Annotator::new(&Glossary::builtin()).expect("the built-in glossary compiles");
    let text = REPORT.repeat(DOCUMENTS);
    let expected: Vec<_> = ann.find_iter(&text).collect();
    assert!(
        ann.find_all_parallel(&text, 2) == expected,
        "parts searched in parallel find what one search finds"
    );
    let json = |threads: usize| {
        let mut out =
            Output::new(&ann, Format::Json, &Options::new(), std::io::sink()).threads(threads);
        let bytes = out
            .document_str(black_box(&text))
            .expect("rendering to a sink");
        out.finish().expect("rendering to a sink");
        bytes
    };
    assert_eq!(json(2), json(1));

    let mut g = c.benchmark_group("one_document");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("find_iter", |b| {
        b.iter(|| ann.find_iter(black_box(&text)).count())
    });
    g.bench_function("find_all_parallel, 2 parts", |b| {
        b.iter(|| ann.find_all_parallel(black_box(&text), 2).len())
    });
    g.bench_function("json, 1 thread", |b| b.iter(|| json(1)));
    g.bench_function("json, 2 threads", |b| b.iter(|| json(2)));
    g.finish();
}

criterion_group!(benches, threads, one_document);
criterion_main!(benches);
