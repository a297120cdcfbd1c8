//! The double array of our own, for large glossaries, against three oracles: the naive
//! reference (exact folding), the DFA engine (every folding rule: traditional script, full
//! width, numeral spellings, pinyin annotations), and `daachorse`'s double array (a
//! dev-dependency kept as the oracle) where no folding applies. Glossaries here hold hundreds
//! of terms over small alphabets, so that terms nest, share prefixes and fail into each other
//! far more than in real text, and the automaton's failure links and leftmost-longest rule are
//! exercised deep.

use proptest::prelude::*;
use zhgloss::{Annotator, Engine, Entry, Glossary};

mod common;

use common::{Folding, REPORT, annotator, naive};

/// A glossary of `terms`, one entry each (terms that fold alike, which a glossary rejects,
/// dropped).
fn glossary(terms: Vec<String>) -> Glossary {
    let mut seen = std::collections::HashSet::new();
    let folded = |t: &str| t.replace('網', "网").replace('辦', "办").replace('１', "1");
    let entries = terms
        .into_iter()
        .filter(|t| !t.trim().is_empty() && seen.insert(folded(t)))
        .enumerate()
        .map(|(i, t)| Entry::new(i as u32 + 1, t, "定义"))
        .collect();
    Glossary {
        entries,
        ..Glossary::default()
    }
}

/// `(id, start, end, char_start, char_end)` of every match.
fn spans(ann: &Annotator, text: &str) -> Vec<(u32, usize, usize, usize, usize)> {
    ann.find_iter(text)
        .map(|m| {
            (
                m.entry_id(),
                m.start(),
                m.end(),
                m.char_start(),
                m.char_end(),
            )
        })
        .collect()
}

/// Terms of 1 to 6 pieces from `alphabet`.
fn terms(
    alphabet: Vec<&'static str>,
    n: std::ops::Range<usize>,
) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(
        prop::collection::vec(prop::sample::select(alphabet), 1..6).prop_map(|p| p.concat()),
        n,
    )
}

/// Text from `pieces`, with the characters that folding skips or maps between them.
fn text(mut pieces: Vec<&'static str>) -> impl Strategy<Value = String> {
    pieces.extend(common::FOLDING_NOISE);
    // Beyond the BMP, and an invisible extraction artefact.
    pieces.extend(["𠀀", "\u{200B}"]);
    prop::collection::vec(prop::sample::select(pieces), 0..120).prop_map(|v| v.concat())
}

const CJK: [&str; 8] = ["一", "网", "通", "办", "三", "线", "单", "的"];
const MIXED: [&str; 16] = [
    "一", "网", "通", "办", "網", "辦", "十", "10", "1", "0", "１", "+", "A", "(", "条", "𠀀",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    /// Exact folding: the double array finds what the naive reference finds, and its
    /// character offsets are those of the text.
    #[test]
    fn agrees_with_the_naive_reference(
        terms in terms(MIXED.to_vec(), 20..300),
        text in text(MIXED.to_vec()),
    ) {
        let g = glossary(terms);
        let da = annotator(&g, Engine::DoubleArray, Folding::Exact);
        let found = spans(&da, &text);
        let expected = naive::naive(&g, &text, 8);
        let ids: Vec<_> = found.iter().map(|&(id, s, e, _, _)| (id, s, e)).collect();
        prop_assert_eq!(ids, expected);
        for &(_, s, e, cs, ce) in &found {
            prop_assert_eq!(cs, text[..s].chars().count());
            prop_assert_eq!(ce, text[..e].chars().count());
        }
    }

    /// Every folding rule on: the double array (folding in its character map) and the DFA
    /// (folding each character as it feeds it) agree, offsets and all.
    #[test]
    fn agrees_with_the_dfa_with_every_folding_rule(
        terms in terms(MIXED.to_vec(), 20..200),
        text in text(MIXED.to_vec()),
    ) {
        let g = glossary(terms);
        let da = annotator(&g, Engine::DoubleArray, Folding::Default);
        let dfa = annotator(&g, Engine::Dfa, Folding::Default);
        prop_assert_eq!(spans(&da, &text), spans(&dfa, &text));
    }

    /// Where folding changes nothing (ideographs only, none traditional, no skipped
    /// characters) it finds exactly `daachorse`'s leftmost-longest matches.
    #[test]
    fn agrees_with_daachorse_where_nothing_folds(
        terms in terms(CJK.to_vec(), 50..800),
        text in prop::collection::vec(prop::sample::select(CJK.to_vec()), 0..300)
            .prop_map(|v| v.concat()),
    ) {
        let g = glossary(terms);
        let forms: Vec<&str> = g.entries.iter().map(|e| e.term.as_str()).collect();
        let oracle = daachorse::CharwiseDoubleArrayAhoCorasickBuilder::new()
            .match_kind(daachorse::MatchKind::LeftmostLongest)
            .build_with_values(forms.iter().zip(&g.entries).map(|(f, e)| (*f, e.id)))
            .unwrap();
        let expected: Vec<_> = oracle
            .leftmost_find_iter(&text)
            .map(|m| (m.value(), m.start(), m.end()))
            .collect();
        let da = annotator(&g, Engine::DoubleArray, Folding::Default);
        let found: Vec<_> = da.find_iter(&text).map(|m| (m.entry_id(), m.start(), m.end())).collect();
        prop_assert_eq!(found, expected);
    }
}

/// Thousands of terms cut from the report, on the report and on its traditional reprint: the
/// double array and the DFA agree match for match, and the double array finds the same
/// entries in both scripts.
#[test]
fn report_terms_agree_with_the_dfa_in_both_scripts() {
    let chars: Vec<char> = REPORT
        .chars()
        .filter(|c| ('\u{4E00}'..='\u{9FA5}').contains(c))
        .collect();
    let mut terms = Vec::new();
    let mut x = 0x2545_F491_4F6C_DD1Du64;
    while terms.len() < 3_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let len = 2 + (x % 5) as usize;
        let start = (x >> 8) as usize % (chars.len() - len);
        terms.push(chars[start..start + len].iter().collect::<String>());
    }
    let g = glossary(terms);
    let da = annotator(&g, Engine::DoubleArray, Folding::Default);
    let dfa = annotator(&g, Engine::Dfa, Folding::Default);
    let traditional = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/report-2020-jinshan-traditional.txt"
    ))
    .unwrap();
    for text in [REPORT, traditional.as_str()] {
        let found = spans(&da, text);
        assert!(found.len() > 1_000, "{} matches", found.len());
        assert_eq!(found, spans(&dfa, text));
    }
}

/// The boundary rule is checked at a match: where the longest term at a start breaks it, a
/// shorter one that keeps it is found, else the search goes on from the next character.
#[test]
fn a_match_that_breaks_the_boundary_rule_falls_back() {
    let g = glossary(vec![
        "金10".into(),
        "金10条".into(),
        "10条".into(),
        "A".into(),
        "网A".into(),
    ]);
    let da = annotator(&g, Engine::DoubleArray, Folding::Default);
    let found =
        |t: &str| -> Vec<String> { da.find_iter(t).map(|m| t[m.range()].to_string()).collect() };
    assert_eq!(found("金10条"), ["金10条"]);
    // 金10 would end before a digit: 金10 breaks the rule, and so does 10条 (after 1).
    assert_eq!(found("金100条"), Vec::<String>::new());
    // 网A before a letter breaks it; A alone does too.
    assert_eq!(found("网AB"), Vec::<String>::new());
    assert_eq!(found("网A，A"), ["网A", "A"]);
}

/// A run of whitespace or quote marks longer than the bound breaks a term, a shorter one does
/// not, and the span starts and ends on the term's own characters.
#[test]
fn gaps_inside_a_term_keep_the_state_up_to_the_bound() {
    let g = glossary(vec!["一网通办".into()]);
    let da = annotator(&g, Engine::DoubleArray, Folding::Default);
    for (text, expected) in [
        ("  一网\n通办  ", Some((2, 15))),
        ("一网        通办", Some((0, 20))),
        ("一网         通办", None),
        ("一网“”“”“”“”通办", Some((0, 36))),
        ("一网“”“”“”“”“通办", None),
        ("一網(wǎng)通辦", Some((0, 19))),
    ] {
        let found = da.find(text).map(|m| (m.start(), m.end()));
        assert_eq!(found, expected, "{text:?}");
    }
}

/// A glossary that needs no table at all (every character outside the BMP) and one term as
/// long as a paragraph both build and search.
#[test]
fn characters_outside_the_bmp_and_long_terms() {
    let long: String = "的".repeat(300) + "网";
    let g = glossary(vec!["𠀀𠀁".into(), "😀".into(), long.clone()]);
    let da = Annotator::builder()
        .engine(Engine::DoubleArray)
        .build(&g)
        .unwrap();
    let text = format!("一𠀀 𠀁😀{long}");
    let found: Vec<_> = da
        .find_iter(&text)
        .map(|m| (m.entry_id(), m.char_start(), m.char_end()))
        .collect();
    assert_eq!(found, [(1, 1, 4), (2, 4, 5), (3, 5, 306)]);
}

/// Brackets that open no pinyin annotation, in a glossary that holds none: each is a
/// character in no pattern (it ends a term), and the search goes past it.
#[test]
fn brackets_in_no_pattern_end_a_term() {
    let g = glossary(vec!["一网通办".into(), "三线一单".into()]);
    let da = annotator(&g, Engine::DoubleArray, Folding::Default);
    let text = "（一网通办）(三线一单)一网(通办（试行）三线一单";
    let found: Vec<_> = da.find_iter(text).map(|m| &text[m.range()]).collect();
    assert_eq!(found, ["一网通办", "三线一单", "三线一单"]);
}

/// A glossary of more distinct characters than the character map's 16 bits hold (70,304):
/// the rarest, here ideographs of the BMP that occur in one term each, take codes past them,
/// looked up in a list. Their terms are found where they stand, as are the frequent ones.
#[test]
fn more_distinct_characters_than_sixteen_bits() {
    let astral: Vec<char> = (0x2_0000..0x2_A6E0).filter_map(char::from_u32).collect();
    let bmp: Vec<char> = (0x3400..0x4DC0)
        .chain(0x4E00..0xA000)
        .filter_map(char::from_u32)
        .collect();
    // Outside the BMP, windows of 8 every 4: each character in two terms.
    let mut terms: Vec<String> = (0..astral.len().saturating_sub(8))
        .step_by(4)
        .map(|i| astral[i..i + 8].iter().collect())
        .collect();
    // In it, chunks of 8: each character in one term, so the last of them are the rarest.
    terms.extend(bmp.chunks(8).map(|c| c.iter().collect::<String>()));
    let alphabet: std::collections::HashSet<char> = terms.iter().flat_map(|t| t.chars()).collect();
    assert!(alphabet.len() > 65_530, "{} characters", alphabet.len());
    let g = glossary(terms.clone());
    let da = Annotator::builder()
        .engine(Engine::DoubleArray)
        .traditional(false)
        .numerals(false)
        .build(&g)
        .unwrap();
    // The last BMP terms (the widest codes), the first ones, and terms outside the BMP.
    let picked: Vec<&String> = terms
        .iter()
        .rev()
        .take(3)
        .chain(terms.iter().take(2))
        .chain(terms.iter().skip(terms.len() / 2).take(2))
        .collect();
    let text: String = picked.iter().map(|t| format!("{t}。")).collect();
    let found: Vec<&str> = da.find_iter(&text).map(|m| &text[m.range()]).collect();
    let expected: Vec<&str> = picked.iter().map(|t| t.as_str()).collect();
    assert_eq!(found, expected);
    // A character of the BMP in no term, between two halves of a wide one, breaks it.
    let last = terms.last().unwrap();
    let cut: String = last
        .chars()
        .take(4)
        .chain(['。'])
        .chain(last.chars().skip(4))
        .collect();
    assert_eq!(da.find_iter(&cut).count(), 0);
}
