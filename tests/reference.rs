//! Property tests against a naive reference.
//!
//! The reference (tests/common/naive.rs) folds the text into a copy (runs of up to 8 whitespace characters
//! or quote marks dropped, full-width ASCII mapped), finds every folded surface form in it with
//! `str::find`, maps the candidates back to the original, applies the boundary rule, and keeps
//! the leftmost-longest. It shares no code with the annotator's streaming fold. Traditional
//! script and numeral spellings are switched off here (the reference does neither);
//! tests/script.rs covers them.

use proptest::prelude::*;
use zhgloss::{Annotator, Engine, Entry, Glossary};

mod common;

use common::{ENGINES, Folding, REPORT, annotator, naive};

const MAX_GAP: usize = 8;

fn naive(g: &Glossary, text: &str) -> Vec<(u32, usize, usize)> {
    naive::naive(g, text, MAX_GAP)
}

/// The glossary on every engine, with the rules the reference implements.
fn exact_on_every_engine(g: &Glossary) -> Vec<(Engine, Annotator)> {
    ENGINES
        .into_iter()
        .map(|engine| (engine, annotator(g, engine, Folding::Exact)))
        .collect()
}

fn fast(ann: &Annotator, text: &str) -> Vec<(u32, usize, usize)> {
    ann.find_iter(text)
        .map(|m| (m.entry_id(), m.start(), m.end()))
        .collect()
}

/// Glossaries over a tiny alphabet, so terms overlap, nest and share prefixes often.
fn small_glossary() -> impl Strategy<Value = Glossary> {
    let term = prop::collection::vec(
        prop::sample::select(vec!["一", "网", "通", "1", "4", "+", "办", "A", "、"]),
        1..5,
    )
    .prop_map(|parts| parts.concat());
    prop::collection::vec(term, 1..6).prop_map(|terms| {
        let mut seen = std::collections::HashSet::new();
        let entries = terms
            .into_iter()
            .filter(|t| seen.insert(t.clone()))
            .enumerate()
            .map(|(i, t)| Entry::new(i as u32 + 1, t, "定义"))
            .collect();
        Glossary {
            entries,
            ..Glossary::default()
        }
    })
}

/// Text made of glossary-ish pieces, noise, quotes and whitespace of every kind.
fn messy_text(pieces: Vec<&'static str>) -> impl Strategy<Value = String> {
    let mut choices = pieces;
    choices.extend(common::FOLDING_NOISE);
    prop::collection::vec(prop::sample::select(choices), 0..40).prop_map(|v| v.concat())
}

fn builtin_pieces() -> Vec<&'static str> {
    vec![
        "一网",
        "通办",
        "金",
        "10",
        "条",
        "1+4+4",
        "+8",
        "人才政策",
        "新型产业体系",
        "“",
        "3",
        "个",
        "服务",
        "三线",
        "一单",
        "11157",
        "工程",
        "0",
        "双随机",
        "、",
        "一公开",
        "审批流程",
        "三集中",
        "六个一",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn builtin_agrees_with_naive(text in messy_text(builtin_pieces())) {
        static ANNOTATORS: std::sync::OnceLock<Vec<(Engine, Annotator)>> = std::sync::OnceLock::new();
        let g = Glossary::builtin();
        let expected = naive(&g, &text);
        for (engine, ann) in ANNOTATORS.get_or_init(|| exact_on_every_engine(&g)) {
            prop_assert_eq!(fast(ann, &text), expected.clone(), "{:?}", engine);
        }
    }

    #[test]
    fn small_glossaries_agree_with_naive(
        g in small_glossary(),
        text in messy_text(vec!["一", "网", "通", "1", "4", "+", "办", "A", "一网", "通办", "1+4"]),
    ) {
        let expected = naive(&g, &text);
        for (engine, ann) in exact_on_every_engine(&g) {
            prop_assert_eq!(fast(&ann, &text), expected.clone(), "{:?}", engine);
        }
    }

    /// With every folding rule on (traditional script, numeral spellings), which the naive
    /// reference does not implement, the engines still agree.
    #[test]
    fn engines_agree_with_script_and_numerals(text in messy_text({
        let mut pieces = builtin_pieces();
        pieces.extend(["十", "金十条", "五步", "环保", "工作法", "两网", "2网", "融合", "六个", "雙", "網", "通辦", "條", "三", "4好", "农村路"]);
        pieces
    })) {
        static ANNOTATORS: std::sync::OnceLock<Vec<Annotator>> = std::sync::OnceLock::new();
        let annotators = ANNOTATORS.get_or_init(|| {
            let g = Glossary::builtin();
            ENGINES.into_iter().map(|e| annotator(&g, e, Folding::Default)).collect()
        });
        let anchored = fast(&annotators[1], &text);
        for (engine, ann) in ENGINES.iter().zip(annotators) {
            prop_assert_eq!(fast(ann, &text), anchored.clone(), "{:?}", engine);
        }
    }

    #[test]
    fn spans_are_sorted_non_overlapping_on_char_boundaries(text in messy_text(builtin_pieces())) {
        let ann = Annotator::new(&Glossary::builtin()).unwrap();
        let mut last = 0;
        for m in ann.find_iter(&text) {
            prop_assert!(m.start() >= last && m.start() < m.end());
            prop_assert!(text.is_char_boundary(m.start()) && text.is_char_boundary(m.end()));
            prop_assert_eq!(m.char_start(), text[..m.start()].chars().count());
            prop_assert_eq!(m.char_end(), text[..m.end()].chars().count());
            last = m.end();
        }
    }

    #[test]
    fn no_panic_on_any_string(text in any::<String>()) {
        let ann = Annotator::new(&Glossary::builtin()).unwrap();
        for m in ann.find_iter(&text) {
            prop_assert!(text.get(m.range()).is_some());
        }
    }

    /// Searching in parts on several threads finds what one search finds, char offsets
    /// included, however the parts cut the text (here into pieces a few characters long, four
    /// a thread, so that terms, quotes and the boundary rule cross the cuts), with every engine.
    #[test]
    fn parts_searched_in_parallel_join_into_one_search(
        text in messy_text({
            let mut pieces = builtin_pieces();
            pieces.extend(["十", "金十条", "雙", "網", "通辦", "“", "”", " ", "\n", "A", "1"]);
            pieces
        }),
        threads in 1usize..5,
    ) {
        // Built once: compiling four annotators per case would take most of the test's time.
        static ANNOTATORS: std::sync::OnceLock<Vec<Annotator>> = std::sync::OnceLock::new();
        let annotators = ANNOTATORS.get_or_init(|| {
            let g = Glossary::builtin();
            ENGINES
                .into_iter()
                .flat_map(|e| [annotator(&g, e, Folding::Default), annotator(&g, e, Folding::Exact)])
                .collect()
        });
        for (i, ann) in annotators.iter().enumerate() {
            let one: Vec<_> = ann.find_iter(&text).collect();
            prop_assert_eq!(ann.find_all_parallel(&text, threads), one, "annotator {}", i);
        }
    }

    /// The same over tiny glossaries whose terms overlap and nest, and in quotes, so that the
    /// search of a part often starts inside a match the part before it found, and a match's
    /// span depends on where the previous one ended.
    #[test]
    fn parts_join_where_terms_overlap_the_cuts(
        g in small_glossary(),
        text in messy_text(vec!["一", "网", "通", "1", "4", "+", "办", "A", "一网", "通办", "1+4"]),
        threads in 2usize..5,
        max_gap in 0usize..3,
    ) {
        // Short gaps keep the longest possible match short, so each part's search sees only
        // a little text after its part.
        for engine in ENGINES {
            let ann = Annotator::builder()
                .traditional(false)
                .numerals(false)
                .max_gap(max_gap)
                .engine(engine)
                .build(&g)
                .unwrap();
            let one: Vec<_> = ann.find_iter(&text).collect();
            prop_assert_eq!(ann.find_all_parallel(&text, threads), one, "{:?}", engine);
        }
    }

    #[test]
    fn find_iter_at_is_a_suffix_of_find_iter(text in messy_text(builtin_pieces()), cut in 0usize..200) {
        // Starting at the end of any match gives exactly the matches after it.
        let ann = Annotator::new(&Glossary::builtin()).unwrap();
        let all: Vec<_> = ann.find_iter(&text).collect();
        let k = cut % (all.len() + 1);
        let from = if k == 0 { 0 } else { all[k - 1].end() };
        let rest: Vec<_> = ann.find_iter_at(&text, from).collect();
        prop_assert_eq!(&rest[..], &all[k..]);
    }
}

#[test]
fn annotator_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Annotator>();
    assert_send_sync::<Glossary>();
    assert_send_sync::<zhgloss::Error>();
}

#[test]
fn regression_a_later_anchor_reaching_back_wins() {
    // Found by proptest: the anchor of "A+一" (一) comes after that of "+", and its window
    // starts earlier; the leftmost match is still the long one.
    let g = Glossary {
        entries: vec![Entry::new(1, "A+一", "x"), Entry::new(2, "+", "y")],
        ..Glossary::default()
    };
    for text in ["A＋一", "A+  一", "A\n+\n一", "A +一 ", "A+“一", "A“+一"] {
        for (engine, ann) in exact_on_every_engine(&g) {
            assert_eq!(fast(&ann, text), naive(&g, text), "{engine:?} in {text:?}");
            assert_eq!(fast(&ann, text)[0].1, 0, "{engine:?} in {text:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6))]

    /// Texts of hundreds of kilobytes, far more matches than the double array queues at a
    /// time (it once folded 64 KiB chunks); every engine and the reference agree.
    #[test]
    fn long_texts_agree_across_chunks(
        g in small_glossary(),
        pieces in prop::collection::vec(
            prop::sample::select(vec!["一网", "通办", "1+4", "A", "一", "网", "通", "办", " ", "\n", "“", "的", "         "]),
            60_000..80_000,
        ),
    ) {
        let text = pieces.concat();
        let expected = naive(&g, &text);
        for (engine, ann) in exact_on_every_engine(&g) {
            prop_assert_eq!(fast(&ann, &text), expected.clone(), "{:?}", engine);
        }
    }
}

#[test]
fn engines_agree_on_the_report_repeated() {
    let text = REPORT.repeat(6);
    let g = Glossary::builtin();
    for folding in common::FOLDINGS {
        let anchored = annotator(&g, Engine::Anchored, folding);
        let expected: Vec<_> = anchored.find_iter(&text).collect();
        assert_eq!(expected.len(), 6 * anchored.find_iter(REPORT).count());
        for engine in ENGINES {
            let found: Vec<_> = annotator(&g, engine, folding).find_iter(&text).collect();
            assert!(found == expected, "{engine:?}, {folding:?}");
        }
    }
}

#[test]
fn a_term_across_the_double_arrays_chunk_boundary_is_whole() {
    // The double array once folded 64 KiB at a time: a long term at every offset around the
    // end of what was the first chunk (的 is 3 bytes, so 21,846 of them filled it) is still
    // found whole, after a long run without matches.
    let g = Glossary::builtin();
    let da = Annotator::builder()
        .engine(Engine::DoubleArray)
        .build(&g)
        .unwrap();
    let term = "审批权限和审批流程“三集中”";
    for pad in 21_830..21_850 {
        let text = format!("{}{term}的", "的".repeat(pad));
        let found: Vec<_> = da
            .find_iter(&text)
            .map(|m| (m.entry_id(), &text[m.range()]))
            .collect();
        assert_eq!(found, [(5, term)], "with {pad} characters before the term");
    }
}
