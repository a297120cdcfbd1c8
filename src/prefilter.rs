//! A prefilter that lets the folding search skip text that cannot hold a match.
//!
//! Whatever folding does to a term in running text (spaces and line breaks between its
//! characters, quotes, full-width forms, traditional script), each of its characters is still
//! there, whole, in one of a few raw forms. So every term gets an *anchor*: its rarest
//! character. A raw `aho-corasick` search for the raw forms of all anchors (a handful of 3-byte
//! patterns, which its SIMD Teddy searcher handles at gigabytes per second) finds every place a
//! match can be; the folding automaton then runs only in a small window around each hit, as far
//! back and forward as the terms anchored there reach. Every match lies inside the window of its
//! own anchor, so the windows together hold every match, and the result is exactly that of
//! folding the whole text.

use aho_corasick::{AhoCorasick, Input, MatchKind, Span, packed};

use crate::fold::{Fold, FoldOptions, fold_char, traditional_forms};

/// Above this many distinct anchor forms, hits come too often for the windows to pay: the
/// automaton then simply runs over the whole text.
const MAX_ANCHORS: usize = 256;

/// The 300 most frequent characters of the bundled 2020 Jinshan report, most frequent first: a
/// small stand-in for character frequency in Chinese government text. An anchor is the term's
/// character that comes latest in this list, or is absent from it.
const COMMON: &str = "建区化业一进全实推展新务发中设成工产个市地力加政项体动村三生增理合的公持高大深和\
治改服指提行金人国长制完农会上重级创能强是平目保入作路点山民资法稳经开办程系心快机施升环城年落质家度事坚\
社四园范不育集管基续规革济有收品整通为要标优划型造主二海位好效医活综总元方批面量示审水对定步用等利镇以下\
文第现运商减科境线策住善代态性美台联教在学及亿出网房乡府调次任构居角源分企转类立共老色精风率功打监五融做\
促群单评兴道丽众过时贯期各统值计获招条万试牌技应域接健卫执特着就约小交先少绿营场向题障安决同届求速注配式\
顺引本专意智举旅护职抓导彻两投结防前于研组张清供才部问振口养污固筹百正司放压协";

/// The anchor searcher: `aho-corasick`'s packed (Teddy) searcher where the CPU has it, called
/// directly since it is asked for every hit; its full automaton elsewhere.
enum Anchors {
    Packed(packed::Searcher),
    Automaton(AhoCorasick),
}

/// How far a term anchored on some character reaches around it, in folded characters.
#[derive(Clone, Copy, Debug, Default)]
struct Reach {
    before: usize,
    after: usize,
}

pub(crate) struct Prefilter {
    /// The raw forms of every anchor.
    anchors: Anchors,
    /// No window starts more than this many bytes before its hit: every folded character of a
    /// term is at most 4 bytes, with at most `max_gap` whitespace characters and `max_gap`
    /// quote marks (3 bytes each at most) before it.
    max_back: usize,
    /// For each anchor pattern, the furthest any term anchored on it reaches.
    reach: Vec<Reach>,
    /// For each anchor pattern, the folded characters that the terms anchored on it have right
    /// before and after the anchor (`None` where the anchor starts or ends the term): a hit
    /// whose neighbours fit none of them, and are not whitespace or quotes, holds no match.
    neighbours: Vec<Vec<(Option<char>, Option<char>)>>,
}

/// A rough weight for how often `c` occurs in Chinese government text: ASCII (digits above
/// all) most, characters outside the list least.
fn frequency(c: char) -> u64 {
    if c.is_ascii() {
        return 100_000;
    }
    match COMMON.chars().position(|k| k == c) {
        Some(rank) => 10 * (COMMON.chars().count() - rank) as u64 + 10,
        None => 1,
    }
}

/// Every raw character that folds to `c`.
fn raw_forms(c: char, opts: &FoldOptions) -> Vec<char> {
    let mut raw = vec![c];
    if c.is_ascii_graphic() {
        raw.extend(char::from_u32(c as u32 + 0xFEE0));
    }
    if opts.traditional {
        raw.extend(traditional_forms(c));
    }
    raw
}

/// What anchoring on `c` costs: how often its raw forms are hit, and how many patterns they add
/// to the searcher (past 32 of them, Teddy takes its slower, wider form).
fn cost(c: char, opts: &FoldOptions) -> u64 {
    frequency(c) * raw_forms(c, opts).len() as u64
}

impl Prefilter {
    /// A prefilter for these folded patterns, or `None` when one would not pay.
    pub(crate) fn build(patterns: &[String], opts: &FoldOptions) -> Option<Prefilter> {
        let mut forms: Vec<String> = Vec::new();
        let mut reach: Vec<Reach> = Vec::new();
        let mut neighbours: Vec<Vec<(Option<char>, Option<char>)>> = Vec::new();
        let mut index = std::collections::HashMap::<char, usize>::new();
        let mut chosen: Vec<char> = Vec::new();
        for p in patterns {
            let chars: Vec<char> = p.chars().collect();
            let cheapest = chars.iter().map(|&c| cost(c, opts)).min()?;
            // A character another term already anchors on adds no pattern to the searcher: take
            // it unless it is much more common than this term's cheapest.
            let shared = chars
                .iter()
                .copied()
                .filter(|c| chosen.contains(c))
                .min_by_key(|&c| cost(c, opts))
                .filter(|&c| cost(c, opts) <= 2 * cheapest);
            let anchor = match shared {
                Some(c) => c,
                None => chars.iter().copied().min_by_key(|&c| cost(c, opts))?,
            };
            if !chosen.contains(&anchor) {
                chosen.push(anchor);
            }
            let k = chars.iter().position(|&c| c == anchor)?;
            let r = Reach {
                before: k,
                after: chars.len() - 1 - k,
            };
            let around = (
                k.checked_sub(1).and_then(|i| chars.get(i)).copied(),
                chars.get(k + 1).copied(),
            );
            for c in raw_forms(anchor, opts) {
                let i = *index.entry(c).or_insert_with(|| {
                    forms.push(c.to_string());
                    reach.push(Reach::default());
                    neighbours.push(Vec::new());
                    reach.len() - 1
                });
                if let Some(slot) = reach.get_mut(i) {
                    slot.before = slot.before.max(r.before);
                    slot.after = slot.after.max(r.after);
                }
                if let Some(n) = neighbours.get_mut(i).filter(|n| !n.contains(&around)) {
                    n.push(around);
                }
            }
            if forms.len() > MAX_ANCHORS {
                return None;
            }
        }
        let anchors = match packed::Config::new()
            .match_kind(packed::MatchKind::LeftmostFirst)
            .builder()
            .extend(&forms)
            .build()
        {
            Some(searcher) => Anchors::Packed(searcher),
            None => Anchors::Automaton(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostFirst)
                    .build(&forms)
                    .ok()?,
            ),
        };
        let longest_before = reach.iter().map(|r| r.before).max().unwrap_or(0);
        // Saturating: `max_gap` is the caller's, and `usize::MAX` means "no limit".
        let max_back =
            longest_before.saturating_mul(opts.max_gap.saturating_mul(6).saturating_add(4));
        Some(Prefilter {
            anchors,
            max_back,
            reach,
            neighbours,
        })
    }

    /// The first anchor hit in `text` from `at` on.
    #[inline]
    pub(crate) fn next_hit(&self, text: &str, at: usize) -> Option<aho_corasick::Match> {
        if at >= text.len() {
            return None;
        }
        match &self.anchors {
            Anchors::Packed(s) => s.find_in(text, Span::from(at..text.len())),
            Anchors::Automaton(ac) => ac.find(Input::new(text).span(at..text.len())),
        }
    }

    /// How many bytes before its hit a window can start at most (the field of the same name).
    pub(crate) fn max_back(&self) -> usize {
        self.max_back
    }

    /// Whether a match can hold the anchor `hit`: the characters right around it fit a term
    /// anchored there, or are whitespace or quotes (which a term may have inside it).
    #[inline]
    pub(crate) fn viable(&self, text: &str, hit: &aho_corasick::Match, opts: &FoldOptions) -> bool {
        let Some(terms) = self.neighbours.get(hit.pattern().as_usize()) else {
            return true;
        };
        let before = text.get(..hit.start()).and_then(|t| t.chars().next_back());
        let after = text.get(hit.end()..).and_then(|t| t.chars().next());
        let fits = |actual: Option<char>, wanted: Option<char>| match (wanted, actual) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(w), Some(a)) => match fold_char(a, opts) {
                Fold::Space | Fold::Quote => true,
                Fold::Keep => a == w,
                Fold::Map(m) => m == w,
            },
        };
        terms
            .iter()
            .any(|&(b, a)| fits(before, b) && fits(after, a))
    }

    /// The part of `text` that a match anchored at `hit` can cover: as many folded characters
    /// back and forward as the terms anchored there reach.
    pub(crate) fn window(
        &self,
        text: &str,
        hit: &aho_corasick::Match,
        opts: &FoldOptions,
    ) -> (usize, usize) {
        let reach = self
            .reach
            .get(hit.pattern().as_usize())
            .copied()
            .unwrap_or_default();
        let start = walk(
            text.get(..hit.start()).unwrap_or("").char_indices().rev(),
            reach.before,
            opts,
        )
        .map_or(hit.start(), |(i, _)| i);
        let after = text.get(hit.end()..).unwrap_or("");
        let end = walk(after.char_indices(), reach.after, opts)
            .map_or(hit.end(), |(i, c)| hit.end() + i + c.len_utf8());
        (start, end)
    }

    pub(crate) fn memory_usage(&self) -> usize {
        let anchors = match &self.anchors {
            Anchors::Packed(s) => s.memory_usage(),
            Anchors::Automaton(ac) => ac.memory_usage(),
        };
        anchors + self.reach.len() * std::mem::size_of::<Reach>()
    }
}

/// The `n`-th character that folding keeps, walking `chars`, or the last one kept before a run
/// of whitespace too long to be inside a term.
fn walk(
    chars: impl Iterator<Item = (usize, char)>,
    n: usize,
    opts: &FoldOptions,
) -> Option<(usize, char)> {
    let mut kept = 0;
    let mut gap = 0;
    let mut quotes = 0;
    let mut last = None;
    if n == 0 {
        return None;
    }
    for (i, c) in chars {
        match fold_char(c, opts) {
            Fold::Space => {
                gap += 1;
                if gap > opts.max_gap {
                    break;
                }
            }
            Fold::Quote => {
                quotes += 1;
                if quotes > opts.max_gap {
                    break;
                }
            }
            Fold::Keep | Fold::Map(_) => {
                gap = 0;
                quotes = 0;
                kept += 1;
                last = Some((i, c));
                if kept == n {
                    break;
                }
            }
        }
    }
    last
}
