//! The engine that folds the whole text: `aho-corasick`'s DFA stepped over the folded bytes of
//! every character.
//!
//! It reads every character of the text, so it is slower than the anchored engine wherever
//! that one's anchors are few, and its memory grows quickly with the glossary; it is the
//! reference the anchored engine's shortcuts are checked against, and it takes glossaries
//! whose anchors are too many for hits to pay while still being small.

use aho_corasick::automaton::Automaton;
use aho_corasick::{Anchored, MatchKind, PatternID, StartKind, dfa};

use super::patterns::{Haystack, Raw};
use crate::fold::{FoldOptions, Folder};

#[derive(Clone, Debug)]
pub(crate) struct Dfa {
    dfa: Box<dfa::DFA>,
    /// A power of two at least as long as the longest folded pattern.
    ring_len: usize,
}

/// Where a search with the DFA stands: the original start of each of the last folded bytes,
/// so that the start of a match is known without walking back (allocated on first use, so a
/// search that finds nothing allocates nothing).
#[derive(Clone, Debug, Default)]
pub(crate) struct Search {
    ring: Vec<usize>,
}

impl Dfa {
    /// The DFA of these folded patterns.
    pub(crate) fn build(forms: &[String]) -> Result<Dfa, String> {
        let dfa = dfa::DFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Both)
            .prefilter(false)
            .build(forms)
            .map_err(|e| e.to_string())?;
        let longest = forms.iter().map(String::len).max().unwrap_or(1);
        Ok(Dfa {
            dfa: Box::new(dfa),
            ring_len: longest.next_power_of_two(),
        })
    }

    pub(crate) fn memory_usage(&self) -> usize {
        self.dfa.memory_usage()
    }

    /// The next match `(pattern, start, end)` at or after `pos`, the end of the last match (a
    /// quote before it is not this match's).
    pub(crate) fn next(&self, search: &mut Search, at: Haystack<'_>) -> Option<Raw> {
        let Haystack { text, pos, .. } = at;
        if search.ring.is_empty() {
            search.ring = vec![0; self.ring_len];
        }
        let aut = &*self.dfa;
        let mut from = pos;
        loop {
            let (pid, start, end) = leftmost_longest(aut, at.fold, text, from, &mut search.ring)?;
            if at.patterns.fits(pid, text, start, end) {
                return Some(at.patterns.with_quotes(pid, text, pos, start, end));
            }
            // The longest candidate at `start` breaks the boundary rule; a shorter one may not.
            let mut best = None;
            anchored_candidates(aut, at.fold, text, start, |pid, end| {
                if at.patterns.fits(pid, text, start, end) {
                    best = Some((pid, end));
                }
            });
            if let Some((pid, end)) = best {
                return Some(at.patterns.with_quotes(pid, text, pos, start, end));
            }
            from = start + text.get(start..)?.chars().next()?.len_utf8();
        }
    }
}

/// The leftmost-longest match of the folded text from `at`: `(pattern, start, end)` in original
/// offsets. `ring` remembers the original start of each of the last folded bytes.
fn leftmost_longest<A: Automaton>(
    aut: &A,
    fold: &FoldOptions,
    text: &str,
    at: usize,
    ring: &mut [usize],
) -> Option<(usize, usize, usize)> {
    let mask = ring.len() - 1;
    let mut sid = aut.start_state(Anchored::No).ok()?;
    let mut folder = Folder::new(text, at, text.len(), fold);
    let mut fed = 0usize;
    let mut best = None;
    while let Some(unit) = folder.next_unit() {
        for &b in unit.bytes.get(..usize::from(unit.len))? {
            // `mask + 1` is the ring's length, a power of two, so the slot always exists.
            if let Some(slot) = ring.get_mut(fed & mask) {
                *slot = unit.start;
            }
            fed += 1;
            sid = aut.next_state(Anchored::No, sid, b);
            if aut.is_special(sid) {
                if aut.is_dead(sid) {
                    return best;
                }
                if aut.is_match(sid) {
                    let pid = aut.match_pattern(sid, 0);
                    // The ring holds at least the longest pattern, which was fed whole.
                    let back = fed.wrapping_sub(aut.pattern_len(pid)) & mask;
                    if let Some(&start) = ring.get(back) {
                        best = Some((pid.as_usize(), start, unit.end));
                    }
                }
            }
        }
    }
    best
}

/// Calls `found(pattern, end)` for every pattern that matches the folded text starting exactly
/// at `start`, shortest first.
fn anchored_candidates<A: Automaton>(
    aut: &A,
    fold: &FoldOptions,
    text: &str,
    start: usize,
    mut found: impl FnMut(usize, usize),
) {
    let Ok(mut sid) = aut.start_state(Anchored::Yes) else {
        return;
    };
    let mut folder = Folder::new(text, start, text.len(), fold);
    let mut fed = 0usize;
    while let Some(unit) = folder.next_unit() {
        // A unit holds at most 4 bytes (one char), so the slice always exists.
        for &b in unit.bytes.get(..usize::from(unit.len)).unwrap_or_default() {
            fed += 1;
            sid = aut.next_state(Anchored::Yes, sid, b);
            if aut.is_dead(sid) {
                return;
            }
            if aut.is_match(sid) {
                // Match states also carry patterns that started later (reached through failure
                // transitions); only those as long as the walk start at `start`.
                for k in 0..aut.match_len(sid) {
                    let pid: PatternID = aut.match_pattern(sid, k);
                    if aut.pattern_len(pid) == fed {
                        found(pid.as_usize(), unit.end);
                    }
                }
            }
        }
    }
}
