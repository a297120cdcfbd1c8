//! Corpora, rivals and reference searches shared by the benchmarks.
//!
//! Every corpus is generated here, deterministically, from the one committed source text (the
//! report in `examples/`): see `benches/texts/README.md`. Nothing here is timed; the references
//! exist so that each benchmark can check, before timing, that its contenders find the same
//! thing.

// Each benchmark file uses a different part of this module.
#![allow(dead_code)]

use std::collections::HashSet;

use aho_corasick::{AhoCorasick, MatchKind};
use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder};
use zhgloss::Glossary;

/// The raw rival: `aho-corasick`'s default build, leftmost-longest, over `forms` as written.
pub fn build_ac(forms: &[String]) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(forms)
        .expect("aho-corasick builds")
}

/// `daachorse`'s character-wise double array, leftmost-longest, over `forms` as written.
pub fn build_daachorse(forms: &[String]) -> CharwiseDoubleArrayAhoCorasick<u32> {
    CharwiseDoubleArrayAhoCorasickBuilder::new()
        .match_kind(daachorse::MatchKind::LeftmostLongest)
        .build(forms)
        .expect("daachorse builds")
}

/// The 2020 Jinshan report, the committed source of every corpus.
pub const REPORT: &str = include_str!("../../examples/report-2020-jinshan.txt");

/// The size the search corpora are repeated up to: large enough that the text is not in L2.
pub const CORPUS_BYTES: usize = 8 << 20;

/// `text` repeated (whole copies, so every match of the source is found in every copy) until it
/// is at least `bytes` long.
pub fn repeat_to(text: &str, bytes: usize) -> String {
    let copies = bytes.div_ceil(text.len()).max(1);
    text.repeat(copies)
}

/// A tiny fixed-seed PRNG (xorshift64*, Vigna 2016), so that generated corpora and glossaries
/// are the same on every machine and every run, without depending on a `rand` version.
pub struct XorShift64(u64);

impl XorShift64 {
    /// A generator from a non-zero seed (zero is mapped to a fixed constant).
    pub fn new(seed: u64) -> XorShift64 {
        XorShift64(if seed == 0 {
            0x9E37_79B9_7F4A_7C15
        } else {
            seed
        })
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `lo..=hi` (the slight modulo bias does not matter here).
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as usize
    }
}

/// The report as PDF extraction and careless typing leave it, for the folding benchmarks:
///
/// - a line break every 36 to 44 characters (never next to an ASCII character, so no term that
///   starts or ends with a digit gains or loses a boundary),
/// - a space on each side of a run of ASCII digits that touches a non-ASCII character (金10条
///   becomes 金 10 条),
/// - one digit run in three written in full-width digits (１０).
///
/// Deterministic: the same `seed` gives the same text.
pub fn messy(text: &str, seed: u64) -> String {
    let mut rng = XorShift64::new(seed);
    let chars: Vec<char> = text.chars().collect();
    // Spaces around digit runs and full-width digits, decided on the original characters.
    let mut spaced: Vec<char> = Vec::with_capacity(chars.len() + chars.len() / 8);
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            spaced.push(chars[i]);
            i += 1;
            continue;
        }
        let run_end = chars[i..]
            .iter()
            .position(|c| !c.is_ascii_digit())
            .map_or(chars.len(), |n| i + n);
        let touches = |c: Option<&char>| c.is_some_and(|c| !c.is_ascii() && !c.is_whitespace());
        let full_width = rng.range(0, 2) == 0;
        if i > 0 && touches(chars.get(i - 1)) {
            spaced.push(' ');
        }
        for &d in &chars[i..run_end] {
            spaced.push(if full_width {
                char::from_u32(d as u32 - '0' as u32 + 0xFF10).unwrap_or(d)
            } else {
                d
            });
        }
        if touches(chars.get(run_end)) {
            spaced.push(' ');
        }
        i = run_end;
    }
    // Soft line breaks, where neither neighbour is ASCII or whitespace.
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut since_break = 0;
    let mut width = rng.range(36, 44);
    for (k, &c) in spaced.iter().enumerate() {
        out.push(c);
        since_break = if c == '\n' { 0 } else { since_break + 1 };
        let next = spaced.get(k + 1);
        let cjk = |c: char| !c.is_ascii() && !c.is_whitespace();
        if since_break >= width && cjk(c) && next.is_some_and(|&n| cjk(n)) {
            out.push('\n');
            since_break = 0;
            width = rng.range(36, 44);
        }
    }
    out
}

/// Every surface form of every entry, as written in the glossary, without duplicates.
pub fn surface_forms(glossary: &Glossary) -> Vec<String> {
    let mut seen = HashSet::new();
    glossary
        .entries
        .iter()
        .flat_map(|e| e.surface_forms())
        .filter(|f| seen.insert(f.to_string()))
        .map(str::to_string)
        .collect()
}

/// Byte spans of every match of the raw aho-corasick automaton.
pub fn spans_ac(ac: &AhoCorasick, text: &str) -> Vec<(usize, usize)> {
    ac.find_iter(text).map(|m| (m.start(), m.end())).collect()
}

/// Byte spans of every leftmost-longest match of daachorse.
pub fn spans_daachorse(
    da: &CharwiseDoubleArrayAhoCorasick<u32>,
    text: &str,
) -> Vec<(usize, usize)> {
    da.leftmost_find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect()
}

/// Byte spans of every match of a regex.
pub fn spans_regex(re: &regex::Regex, text: &str) -> Vec<(usize, usize)> {
    re.find_iter(text).map(|m| (m.start(), m.end())).collect()
}

/// Byte spans of every zhgloss match.
pub fn spans_zhgloss(ann: &zhgloss::Annotator, text: &str) -> Vec<(usize, usize)> {
    ann.find_iter(text).map(|m| (m.start(), m.end())).collect()
}

/// A regex alternation that is leftmost-longest: the regex crate prefers the earliest
/// alternative, so the longest forms go first.
pub fn longest_first_alternation(forms: &[String]) -> String {
    let mut sorted: Vec<&String> = forms.iter().collect();
    sorted.sort_by_key(|f| std::cmp::Reverse(f.len()));
    sorted
        .iter()
        .map(|f| regex::escape(f))
        .collect::<Vec<_>>()
        .join("|")
}

/// Keeps the leftmost-longest non-overlapping subset of candidate spans.
fn leftmost_longest(mut candidates: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    candidates.sort_by_key(|&(start, end)| (start, std::cmp::Reverse(end)));
    let mut out = Vec::new();
    let mut done = 0;
    for (start, end) in candidates {
        if start >= done {
            out.push((start, end));
            done = end;
        }
    }
    out
}

/// The naive search: `str::match_indices` per form, then the leftmost-longest merge. (A form
/// that overlaps itself, as 哈哈 in 哈哈哈, would need every position; no glossary form does.)
pub fn naive(forms: &[String], text: &str) -> Vec<(usize, usize)> {
    let candidates = forms
        .iter()
        .flat_map(|f| {
            text.match_indices(f.as_str())
                .map(|(i, m)| (i, i + m.len()))
        })
        .collect();
    leftmost_longest(candidates)
}

/// Quote marks that folding makes optional: a copy of zhgloss's table (crate-private), kept
/// here so that the reference below is independent of the code it checks.
const QUOTES: &[char] = &[
    '"', '\'', '\u{2018}', '\u{2019}', '\u{201A}', '\u{201B}', '\u{201C}', '\u{201D}', '\u{201E}',
    '\u{201F}', '\u{300C}', '\u{300D}', '\u{300E}', '\u{300F}', '\u{301D}', '\u{301E}', '\u{301F}',
    '\u{FE41}', '\u{FE42}', '\u{FE43}', '\u{FE44}', '\u{FF02}', '\u{FF07}',
];

/// Folds text the slow, obvious way: whitespace (and the invisible characters PDF extraction
/// leaves) and quote marks dropped, full-width ASCII mapped to ASCII. Correct for text whose
/// whitespace runs are at most 8 characters long, as the report's and `messy`'s are.
pub fn fold(text: &str) -> String {
    let dropped = |c: char| {
        c.is_whitespace()
            || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
            || QUOTES.contains(&c)
    };
    text.chars()
        .filter(|&c| !dropped(c))
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// The naive folding reference: fold the text and the forms, find every form with
/// `str::match_indices`, drop candidates that break the boundary rule (a form that starts or
/// ends with an ASCII letter or digit does not match inside a longer run of letters, digits or
/// `+`), keep the leftmost-longest. Spans index the folded text; only their number is
/// comparable with zhgloss.
pub fn naive_folding(forms: &[String], text: &str) -> Vec<(usize, usize)> {
    let folded = fold(text);
    let bounded = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '+');
    let mut candidates = Vec::new();
    for form in forms {
        let f = fold(form);
        let alnum_start = f.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        let alnum_end = f
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric());
        for (i, m) in folded.match_indices(f.as_str()) {
            let end = i + m.len();
            if alnum_start && bounded(folded[..i].chars().next_back()) {
                continue;
            }
            if alnum_end && bounded(folded[end..].chars().next()) {
                continue;
            }
            candidates.push((i, end));
        }
    }
    leftmost_longest(candidates)
}

/// A search that returns the spans it finds, as the references do.
pub type Search = fn(&[String], &str) -> Vec<(usize, usize)>;

/// Panics with a clear message unless two contenders found the same spans.
pub fn assert_same_spans(what: &str, a: (&str, &[(usize, usize)]), b: (&str, &[(usize, usize)])) {
    if a.1 == b.1 {
        return;
    }
    let first = a.1.iter().zip(b.1).position(|(x, y)| x != y);
    panic!(
        "{what}: {} and {} disagree: {} vs {} matches, first difference at match {:?}: {:?} vs {:?}",
        a.0,
        b.0,
        a.1.len(),
        b.1.len(),
        first,
        first.and_then(|i| a.1.get(i)),
        first.and_then(|i| b.1.get(i)),
    );
}

/// Panics with a clear message unless two contenders found as many matches.
pub fn assert_same_count(what: &str, a: (&str, usize), b: (&str, usize)) {
    assert_eq!(
        a.1, b.1,
        "{what}: {} finds {} matches but {} finds {}",
        a.0, a.1, b.0, b.1
    );
}

/// `n` distinct glossary terms, reproducibly: half (as far as the report has them) substrings
/// of the report of 2 to 8 ideographs, the rest random strings of 2 to 8 of the report's
/// ideographs. Only ideographs, so that zhgloss's whitespace, width and quote folding leaves
/// every term as it is and every contender searches for exactly the same strings.
pub fn generated_terms(n: usize, seed: u64) -> Vec<String> {
    let mut rng = XorShift64::new(seed);
    let chars: Vec<char> = REPORT.chars().collect();
    let ideograph = |c: &char| ('\u{4E00}'..='\u{9FA5}').contains(c);
    let mut seen = HashSet::new();
    let mut terms = Vec::with_capacity(n);
    // Tries are bounded: the report has fewer distinct substrings than 100,000 terms need.
    let mut tries = 0;
    while terms.len() < n / 2 && tries < 20 * n {
        tries += 1;
        let len = rng.range(2, 8);
        let start = rng.range(0, chars.len() - len);
        let piece = &chars[start..start + len];
        if piece.iter().all(ideograph) {
            let term: String = piece.iter().collect();
            if seen.insert(term.clone()) {
                terms.push(term);
            }
        }
    }
    // Random strings of the report's own ideographs: all simplified, so that folding traditional
    // script to simplified merges no two terms.
    let alphabet: Vec<char> = {
        let set: std::collections::BTreeSet<char> =
            chars.iter().copied().filter(ideograph).collect();
        set.into_iter().collect()
    };
    while terms.len() < n {
        let len = rng.range(2, 8);
        let term: String = (0..len)
            .map(|_| alphabet[rng.range(0, alphabet.len() - 1)])
            .collect();
        if seen.insert(term.clone()) {
            terms.push(term);
        }
    }
    terms
}

/// A glossary with one entry per term.
pub fn glossary_of(terms: &[String]) -> Glossary {
    Glossary {
        entries: terms
            .iter()
            .enumerate()
            .map(|(i, t)| zhgloss::Entry::new(i as u32 + 1, t.as_str(), "（生成的词条）"))
            .collect(),
        ..Glossary::default()
    }
}

/// A *sparse* glossary: the built-in 29 entries and `n` random strings of 3 to 8 ideographs
/// (U+4E00 to U+9FA5, fixed seed), few of which occur in any text. Per-match costs no longer
/// hide the per-character loop here. Returns the glossary and its surface forms as written.
pub fn sparse_glossary(n: usize, seed: u64) -> (Glossary, Vec<String>) {
    let mut glossary = Glossary::builtin();
    let mut rng = XorShift64::new(seed);
    let mut seen: HashSet<String> = surface_forms(&glossary).into_iter().collect();
    let mut added = 0;
    while added < n {
        let len = rng.range(3, 8);
        let term: String = (0..len)
            .map(|_| char::from_u32(rng.range(0x4E00, 0x9FA5) as u32).unwrap_or('一'))
            .collect();
        if seen.insert(term.clone()) {
            added += 1;
            let id = 1_000 + added as u32;
            glossary
                .entries
                .push(zhgloss::Entry::new(id, term, "（生成的词条）"));
        }
    }
    let forms = surface_forms(&glossary);
    (glossary, forms)
}

/// A positive count from the environment variable `name` (`ROUNDS`, `AUDIT_MIB`…), else
/// `default`.
pub fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
        .max(1)
}
