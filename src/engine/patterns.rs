//! The pattern table every engine is built from and reads at each match: which entry a folded
//! surface form belongs to, and the rules decided at a match rather than in the automaton (the
//! boundary rule, and the quote marks a form takes into its span).

use std::collections::HashMap;

use crate::error::Error;
use crate::fold::{
    CLOSING_QUOTES, FoldOptions, OPENING_QUOTES, enumeration_variants, is_boundary_char,
    numeral_variants,
};
use crate::glossary::{Glossary, folded_forms};

/// What a compiled pattern (one folded surface form) needs at search time, in 8 bytes: with a
/// hundred thousand terms, patterns are most of the annotator's heap besides the automaton.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Pattern {
    /// The entry's index in the glossary (the low 28 bits) and the flags below, from
    /// [`LEAD_QUOTE`] to [`ALNUM_END`] (the high 4).
    entry_flags: u32,
    /// The entry's id. A match reads it here rather than from the glossary, whose entries
    /// (megabytes of them, for a large glossary) would cost a cache miss a match.
    id: u32,
}

/// Entries a glossary can hold: their index shares a `u32` with the pattern's flags.
const MAX_ENTRIES: u32 = 1 << 28;
/// Some surface form of the pattern starts with a quote mark: take an opening quote that
/// directly precedes the match into the span.
const LEAD_QUOTE: u32 = 1 << 28;
/// Likewise for a closing quote after the match.
const TRAIL_QUOTE: u32 = 1 << 29;
/// The folded pattern starts with an ASCII letter or digit (the boundary rule applies).
const ALNUM_START: u32 = 1 << 30;
/// The folded pattern ends with an ASCII letter or digit.
const ALNUM_END: u32 = 1 << 31;

impl Pattern {
    /// `entry` is below [`MAX_ENTRIES`].
    fn new(entry: (u32, u32), folded: &str, lead_quote: bool, trail_quote: bool) -> Pattern {
        let (index, id) = entry;
        let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        let flag = |yes: bool, bit: u32| if yes { bit } else { 0 };
        Pattern {
            entry_flags: (index & (MAX_ENTRIES - 1))
                | flag(lead_quote, LEAD_QUOTE)
                | flag(trail_quote, TRAIL_QUOTE)
                | flag(alnum(folded.chars().next()), ALNUM_START)
                | flag(alnum(folded.chars().next_back()), ALNUM_END),
            id,
        }
    }

    /// The entry's index in the glossary and its id.
    pub(crate) fn entry(self) -> (u32, u32) {
        (self.entry_flags & (MAX_ENTRIES - 1), self.id)
    }

    /// Whether the pattern has none of the flags: neither the boundary rule nor quote marks
    /// apply to it.
    pub(crate) fn is_plain(self) -> bool {
        self.entry_flags < LEAD_QUOTE
    }

    /// Whether the pattern has `flag` ([`LEAD_QUOTE`] to [`ALNUM_END`]).
    fn has(self, flag: u32) -> bool {
        self.entry_flags & flag != 0
    }
}

/// A glossary's surface forms, folded and checked, as the patterns an engine is built from.
pub(crate) struct PatternTable {
    /// The folded patterns; a pattern's id is its index.
    pub(crate) forms: Vec<String>,
    pub(crate) patterns: Vec<Pattern>,
    /// For each pattern, the pattern whose numeral spelling it is (itself for a form as
    /// written): the anchored engine gives a family one anchor where it can.
    pub(crate) family: Vec<usize>,
}

impl PatternTable {
    /// Folds and checks every surface form of the glossary (the checks of
    /// [`Glossary::validate`]), and adds the numeral spellings if `fold` asks for them.
    pub(crate) fn new(glossary: &Glossary, fold: &FoldOptions) -> Result<PatternTable, Error> {
        let written = folded_forms(glossary, fold)?;
        if !u32::try_from(glossary.entries.len()).is_ok_and(|n| n <= MAX_ENTRIES) {
            return Err(Error::glossary("a glossary holds at most 2^28 entries"));
        }
        let id_of = |i: usize| glossary.entries.get(i).map_or(0, |e| e.id);
        // Each folded form's pattern, to leave a spelling that another entry writes out to it.
        let mut index: HashMap<String, usize> = HashMap::with_capacity(written.len());
        let mut forms = Vec::with_capacity(written.len());
        let mut patterns = Vec::with_capacity(written.len());
        let mut family = Vec::with_capacity(written.len());
        // Surface forms as written come first; numeral spellings are added after all of them,
        // so a spelling never takes a form that another entry writes out.
        let mut spellings: Vec<(Pattern, String, usize)> = Vec::new();
        for form in written {
            // Below MAX_ENTRIES, checked above.
            let entry = (form.entry as u32, id_of(form.entry));
            let pattern = Pattern::new(entry, &form.folded, form.lead_quote, form.trail_quote);
            let pid = patterns.len();
            let numerals = if fold.numerals {
                numeral_variants(&form.folded)
            } else {
                Vec::new()
            };
            // Each numeral spelling, and the form itself, in every spelling of its marks.
            let marks: Vec<String> = std::iter::once(&form.folded)
                .chain(&numerals)
                .flat_map(|s| enumeration_variants(s))
                .collect();
            for v in numerals.into_iter().chain(marks) {
                let p = Pattern::new(entry, &v, form.lead_quote, form.trail_quote);
                spellings.push((p, v, pid));
            }
            index.insert(form.folded.clone(), pid);
            forms.push(form.folded);
            patterns.push(pattern);
            family.push(pid);
        }
        for (pattern, spelling, original) in spellings {
            match index.get(&spelling).and_then(|&pid| patterns.get_mut(pid)) {
                // Two forms of one entry spell alike: one pattern, with both forms' quotes.
                Some(p) if p.entry().0 == pattern.entry().0 => {
                    p.entry_flags |= pattern.entry_flags & (LEAD_QUOTE | TRAIL_QUOTE);
                }
                // A spelling another entry writes out (or spells first) is left to that entry.
                Some(_) => {}
                None => {
                    index.insert(spelling.clone(), patterns.len());
                    forms.push(spelling);
                    patterns.push(pattern);
                    family.push(original);
                }
            }
        }
        Ok(PatternTable {
            forms,
            patterns,
            family,
        })
    }

    /// The patterns as searches read them.
    pub(crate) fn into_patterns(self) -> Patterns {
        let mut patterns = self.patterns;
        patterns.shrink_to_fit();
        let mut plain = vec![0u64; patterns.len().div_ceil(64)];
        for (pid, p) in patterns.iter().enumerate() {
            if p.entry_flags < MAX_ENTRIES
                && let Some(word) = plain.get_mut(pid / 64)
            {
                *word |= 1 << (pid % 64);
            }
        }
        Patterns {
            patterns,
            plain: plain.into_boxed_slice(),
        }
    }
}

/// A match as an engine finds it: `(pattern, start, end)`, byte offsets into the text.
pub(crate) type Raw = (usize, usize, usize);

/// What a search reads besides its own state: the text, where the search goes on (the end of
/// the last match, or where it started), the patterns and the folding options.
#[derive(Clone, Copy)]
pub(crate) struct Haystack<'a> {
    pub(crate) text: &'a str,
    pub(crate) pos: usize,
    /// How many characters precede `pos`, where the caller knows: an engine that counts them
    /// as it steps then gives the match's character offsets.
    pub(crate) chars: Option<usize>,
    pub(crate) patterns: &'a Patterns,
    pub(crate) fold: &'a FoldOptions,
}

/// The compiled patterns, as a search reads them at each match.
#[derive(Clone, Debug)]
pub(crate) struct Patterns {
    patterns: Vec<Pattern>,
    /// One bit per pattern: set where it has none of the flags, so that neither the boundary
    /// rule nor quotes need its entry in `patterns`. Most patterns are plain, and this is a
    /// sixty-fourth of the size: with tens of thousands of terms it stays in the fastest cache,
    /// and a match costs one lookup in `patterns` (for its entry) instead of three.
    plain: Box<[u64]>,
}

impl Patterns {
    /// The pattern `pid`.
    #[inline]
    pub(crate) fn get(&self, pid: usize) -> Option<Pattern> {
        self.patterns.get(pid).copied()
    }

    /// How many patterns there are.
    pub(crate) fn len(&self) -> usize {
        self.patterns.len()
    }

    /// Heap bytes.
    pub(crate) fn memory_usage(&self) -> usize {
        self.patterns.capacity() * std::mem::size_of::<Pattern>()
            + std::mem::size_of_val(&*self.plain)
    }

    /// Whether pattern `pid` has none of the flags (see the field `plain`).
    #[inline]
    fn is_plain(&self, pid: usize) -> bool {
        self.plain
            .get(pid / 64)
            .is_some_and(|word| word >> (pid % 64) & 1 == 1)
    }

    /// The boundary rule: a pattern that starts (ends) with an ASCII letter or digit does not
    /// match right after (before) another letter, digit or `+`.
    #[inline]
    pub(crate) fn fits(&self, pid: usize, text: &str, start: usize, end: usize) -> bool {
        if self.is_plain(pid) {
            return true;
        }
        let Some(p) = self.patterns.get(pid) else {
            return false;
        };
        if p.has(ALNUM_START)
            && text
                .get(..start)
                .and_then(|t| t.chars().next_back())
                .is_some_and(is_boundary_char)
        {
            return false;
        }
        if p.has(ALNUM_END)
            && text
                .get(end..)
                .and_then(|t| t.chars().next())
                .is_some_and(is_boundary_char)
        {
            return false;
        }
        true
    }

    /// Widens a match over the quote marks its surface form starts or ends with: an opening
    /// quote after `floor` (the end of the previous match: a quote before it is not this
    /// match's) right before it, a closing quote right after it.
    #[inline]
    pub(crate) fn with_quotes(
        &self,
        pid: usize,
        text: &str,
        floor: usize,
        mut start: usize,
        mut end: usize,
    ) -> (usize, usize, usize) {
        if self.is_plain(pid) {
            return (pid, start, end);
        }
        if let Some(p) = self.patterns.get(pid) {
            if p.has(LEAD_QUOTE)
                && let Some(q) = text.get(floor..start).and_then(|t| t.chars().next_back())
                && OPENING_QUOTES.contains(&q)
            {
                start -= q.len_utf8();
            }
            if p.has(TRAIL_QUOTE)
                && let Some(q) = text.get(end..).and_then(|t| t.chars().next())
                && CLOSING_QUOTES.contains(&q)
            {
                end += q.len_utf8();
            }
        }
        (pid, start, end)
    }
}
