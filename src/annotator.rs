//! The annotator: a glossary compiled for searching folded text, with one of three engines
//! (anchor hits with the terms checked around each, a DFA over the whole text, or the double
//! array).

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use aho_corasick::automaton::Automaton;
use aho_corasick::{Anchored, MatchKind, PatternID, StartKind, dfa};

use crate::double_array::{Chunk, DoubleArray};
use crate::error::Error;
use crate::fold::{
    CLOSING_QUOTES, FoldOptions, Folder, OPENING_QUOTES, fold_term, is_boundary_char,
    numeral_variants,
};
use crate::glossary::{Entry, Glossary};
use crate::prefilter::{Hit, Hits, Prefilter};

/// [`Annotator::find_all_parallel`] cuts the text into this many parts a thread, which the
/// threads take in turn: a thread on a core that other work slows takes fewer.
const PARTS_PER_THREAD: usize = 4;

/// Above this many folded patterns [`Engine::Auto`] goes straight to the double array without
/// trying for anchors (which such a glossary has too many of to pay, see `prefilter.rs`).
const DFA_MAX_PATTERNS: usize = 2_000;

/// How an [`Annotator`] searches. Every engine gives the same matches.
///
/// ```
/// use zhgloss::{Annotator, Engine, Glossary};
///
/// let g = Glossary::builtin();
/// let text = "深化“一网\n通办”，出台“金 10 条”";
/// let dfa = Annotator::builder().engine(Engine::Dfa).build(&g)?;
/// let compact = Annotator::builder().engine(Engine::DoubleArray).build(&g)?;
/// assert!(dfa.find_iter(text).eq(compact.find_iter(text)));
/// # Ok::<(), zhgloss::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Engine {
    /// Anchor hits with the terms checked around each where the glossary's anchors are few
    /// enough for that to pay (tens to hundreds of terms), the double array otherwise.
    #[default]
    Auto,
    /// For small glossaries: anchor hits with the terms checked around each where the
    /// glossary's anchors allow it, else `aho-corasick`'s DFA stepped over the folded bytes of
    /// the whole text. Fastest for small glossaries; the DFA's memory grows quickly with size.
    Dfa,
    /// `daachorse`'s character-wise double array over folded chunks of text: one step per
    /// character and about 70 bytes a term, for glossaries of thousands of terms.
    DoubleArray,
}

/// A glossary compiled for searching.
///
/// Compile once with [`Annotator::new`] or [`Annotator::builder`], then search any number of
/// texts, from any number of threads: an `Annotator` is `Send + Sync` and searching never
/// mutates it.
///
/// # Matching
///
/// Terms are found as real text writes them. Inside a term, a run of up to 8 whitespace
/// characters (spaces, U+3000, line breaks left by PDF extraction) is ignored; full-width ASCII
/// equals ASCII; quote marks are optional and of any style. A term that starts or ends with an
/// ASCII letter or digit does not match inside a longer run of letters, digits or `+`.
///
/// Matches are leftmost-longest and never overlap. Glossaries nest (“1+4+4+8”新型产业体系
/// contains 1+4+4; 审批流程“三集中” contains 三集中), and a reader wants the most specific entry,
/// so among matches starting at the same place the longest wins; among the rest, the one that
/// starts first.
///
/// # Example
///
/// ```
/// use zhgloss::{Annotator, Glossary};
///
/// let ann = Annotator::new(&Glossary::builtin())?;
/// let text = "分类出台“金 10 条”政策实施细则，深化“一网\n通办”。";
/// let found: Vec<(u32, &str)> = ann.find_iter(text).map(|m| (m.entry(), &text[m.range()])).collect();
/// assert_eq!(found, [(7, "金 10 条"), (2, "一网\n通办")]);
/// # Ok::<(), zhgloss::Error>(())
/// ```
pub struct Annotator {
    glossary: Glossary,
    engine: Compiled,
    patterns: Vec<Pattern>,
    /// One bit per pattern: set where it has none of the flags, so that neither the boundary
    /// rule nor quotes need its entry in `patterns`. Most patterns are plain, and this is a
    /// sixty-fourth of the size: with 10,000 terms it stays in the fastest cache, and a
    /// match costs one lookup in `patterns` (for its entry) instead of three.
    plain: Box<[u64]>,
    fold: FoldOptions,
    /// A power of two at least as long as the longest folded pattern.
    ring_len: usize,
}

enum Compiled {
    /// Anchor hits, with the terms anchored there checked around each (`prefilter.rs`): for
    /// glossaries whose anchors are few enough to pay.
    Anchored(Prefilter),
    /// The DFA over the folded text, all of it.
    Dfa(Box<dfa::DFA>),
    DoubleArray(DoubleArray),
}

/// What a compiled pattern (one folded surface form) needs at search time, in 8 bytes: with
/// 100,000 terms, patterns are most of the annotator's heap besides the automaton.
#[derive(Clone, Copy, Debug, Default)]
struct Pattern {
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

    /// The entry's index in the glossary.
    fn entry(self) -> u32 {
        self.entry_flags & (MAX_ENTRIES - 1)
    }

    /// Whether the pattern has `flag` ([`LEAD_QUOTE`] to [`ALNUM_END`]).
    fn has(self, flag: u32) -> bool {
        self.entry_flags & flag != 0
    }
}

/// A term found in a text: which entry, and where.
///
/// Spans are byte offsets into the original text (start inclusive, end exclusive), always on
/// char boundaries, so `&text[m.range()]` is the term as the text writes it, folded characters
/// included. Char offsets are counted as the search goes, for consumers that index by character
/// (JavaScript, Python).
///
/// # Example
///
/// ```
/// use zhgloss::{Annotator, Glossary};
///
/// let ann = Annotator::new(&Glossary::builtin())?;
/// let text = "推进“11157”工程";
/// let m = ann.find_iter(text).next().unwrap();
/// assert_eq!(m.entry(), 28);
/// assert_eq!((m.start(), m.end()), (6, 23));
/// assert_eq!(m.char_range(), 2..11);
/// assert_eq!(&text[m.range()], "“11157”工程");
/// assert_eq!(ann.entry(&m).definition.chars().take(2).collect::<String>(), "是指");
/// # Ok::<(), zhgloss::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Match {
    index: u32,
    id: u32,
    start: usize,
    end: usize,
    char_start: usize,
    char_end: usize,
}

impl Match {
    /// The id of the matched entry (its number in the glossary).
    ///
    /// ```
    /// # let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin()).unwrap();
    /// let m = ann.find_iter("三线一单").next().unwrap();
    /// assert_eq!(m.entry(), 24);
    /// ```
    pub fn entry(&self) -> u32 {
        self.id
    }

    /// The position of the matched entry in [`Glossary::entries`].
    ///
    /// ```
    /// # let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin()).unwrap();
    /// let m = ann.find_iter("三线一单").next().unwrap();
    /// assert_eq!(ann.glossary().entries[m.entry_index()].id, 24);
    /// ```
    pub fn entry_index(&self) -> usize {
        self.index as usize
    }

    /// Byte offset where the match starts.
    ///
    /// ```
    /// # let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin()).unwrap();
    /// assert_eq!(ann.find_iter("编制三线一单").next().unwrap().start(), 6);
    /// ```
    pub fn start(&self) -> usize {
        self.start
    }

    /// Byte offset just past the end of the match.
    ///
    /// ```
    /// # let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin()).unwrap();
    /// assert_eq!(ann.find_iter("编制三线一单").next().unwrap().end(), 18);
    /// ```
    pub fn end(&self) -> usize {
        self.end
    }

    /// `start()..end()`.
    ///
    /// ```
    /// # let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin()).unwrap();
    /// let text = "编制三线\n一单";
    /// let m = ann.find_iter(text).next().unwrap();
    /// assert_eq!(&text[m.range()], "三线\n一单");
    /// ```
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Char offset where the match starts.
    ///
    /// ```
    /// # let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin()).unwrap();
    /// assert_eq!(ann.find_iter("编制三线一单").next().unwrap().char_start(), 2);
    /// ```
    pub fn char_start(&self) -> usize {
        self.char_start
    }

    /// Char offset just past the end of the match.
    ///
    /// ```
    /// # let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin()).unwrap();
    /// assert_eq!(ann.find_iter("编制三线一单").next().unwrap().char_end(), 6);
    /// ```
    pub fn char_end(&self) -> usize {
        self.char_end
    }

    /// `char_start()..char_end()`.
    ///
    /// ```
    /// # let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin()).unwrap();
    /// assert_eq!(ann.find_iter("编制三线一单").next().unwrap().char_range(), 2..6);
    /// ```
    pub fn char_range(&self) -> Range<usize> {
        self.char_start..self.char_end
    }

    /// The same match moved `bytes` and `chars` further into a larger text, for callers that
    /// search a text piece by piece.
    ///
    /// ```
    /// # let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin()).unwrap();
    /// let m = ann.find_iter("三线一单").next().unwrap().offset_by(6, 2);
    /// assert_eq!((m.range(), m.char_range()), (6..18, 2..6));
    /// ```
    pub fn offset_by(self, bytes: usize, chars: usize) -> Match {
        Match {
            start: self.start + bytes,
            end: self.end + bytes,
            char_start: self.char_start + chars,
            char_end: self.char_end + chars,
            ..self
        }
    }
}

/// Builds an [`Annotator`] with options.
///
/// # Example
///
/// ```
/// use zhgloss::{Annotator, Glossary};
///
/// // Only ignore whitespace runs of up to 2 characters inside a term.
/// let ann = Annotator::builder().max_gap(2).build(&Glossary::builtin())?;
/// assert_eq!(ann.find_iter("一网\n\n通办").count(), 1);
/// assert_eq!(ann.find_iter("一网\n\n\n通办").count(), 0);
/// # Ok::<(), zhgloss::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct AnnotatorBuilder {
    fold: FoldOptions,
    engine: Engine,
}

impl AnnotatorBuilder {
    /// A builder with the default options.
    ///
    /// ```
    /// let ann = zhgloss::AnnotatorBuilder::new().build(&zhgloss::Glossary::builtin())?;
    /// assert_eq!(ann.find_iter("两网融合").count(), 1);
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn new() -> AnnotatorBuilder {
        AnnotatorBuilder::default()
    }

    /// The longest run of whitespace characters ignored inside a term (default 8). A longer run
    /// separates the characters on either side: no term spans it.
    ///
    /// ```
    /// let ann = zhgloss::Annotator::builder().max_gap(0).build(&zhgloss::Glossary::builtin())?;
    /// assert_eq!(ann.find_iter("金 10 条").count(), 0);
    /// assert_eq!(ann.find_iter("金10条").count(), 1);
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn max_gap(&mut self, chars: usize) -> &mut AnnotatorBuilder {
        self.fold.max_gap = chars;
        self
    }

    /// Whether traditional characters fold to simplified ones (default on): a simplified
    /// glossary finds 一網通辦, a traditional one finds 一网通办, and mixed text works both ways.
    ///
    /// ```
    /// use zhgloss::{Annotator, Glossary};
    ///
    /// let g = Glossary::builtin();
    /// assert_eq!(Annotator::new(&g)?.find_iter("深化「一網通辦」").count(), 1);
    /// let exact = Annotator::builder().traditional(false).build(&g)?;
    /// assert_eq!(exact.find_iter("深化「一網通辦」").count(), 0);
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn traditional(&mut self, yes: bool) -> &mut AnnotatorBuilder {
        self.fold.traditional = yes;
        self
    }

    /// Whether quantities match in either numeral spelling (default on): 金10条 finds 金十条,
    /// 双一百 finds 双100. Codes such as “11157” or “1+4+4+8” always stay as written.
    ///
    /// ```
    /// use zhgloss::{Annotator, Glossary};
    ///
    /// let g = Glossary::builtin();
    /// assert_eq!(Annotator::new(&g)?.find_iter("出台金十条").count(), 1);
    /// let exact = Annotator::builder().numerals(false).build(&g)?;
    /// assert_eq!(exact.find_iter("出台金十条").count(), 0);
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn numerals(&mut self, yes: bool) -> &mut AnnotatorBuilder {
        self.fold.numerals = yes;
        self
    }

    /// Which automaton to search with (default [`Engine::Auto`]).
    ///
    /// ```
    /// use zhgloss::{Annotator, Engine, Glossary};
    ///
    /// let ann = Annotator::builder().engine(Engine::DoubleArray).build(&Glossary::builtin())?;
    /// assert_eq!(ann.find_iter("编制“三线\n一单”").count(), 1);
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn engine(&mut self, engine: Engine) -> &mut AnnotatorBuilder {
        self.engine = engine;
        self
    }

    /// Compiles the glossary. The builder can be reused for other glossaries.
    ///
    /// # Errors
    ///
    /// The glossary is [validated](Glossary::validate) first; an inconsistent one is an error.
    ///
    /// ```
    /// use zhgloss::{Annotator, Entry, Glossary};
    ///
    /// let g = Glossary { entries: vec![Entry::new(1, " “” ", "……")], ..Glossary::default() };
    /// let err = Annotator::builder().build(&g).err().unwrap();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "entry 1 has a surface form \" “” \" that is only whitespace or quote marks"
    /// );
    /// ```
    pub fn build(&self, glossary: &Glossary) -> Result<Annotator, Error> {
        let PatternTable {
            forms: folded_forms,
            mut patterns,
            family,
        } = PatternTable::new(glossary, &self.fold)?;
        let longest = folded_forms.iter().map(String::len).max().unwrap_or(1);
        let prefilter = match self.engine {
            Engine::DoubleArray => None,
            Engine::Dfa => Prefilter::build(&folded_forms, &family, &self.fold),
            Engine::Auto if folded_forms.len() <= DFA_MAX_PATTERNS => {
                Prefilter::build(&folded_forms, &family, &self.fold)
            }
            Engine::Auto => None,
        };
        let cannot = |e: String| Error::glossary(format!("cannot compile the glossary: {e}"));
        let engine = match (prefilter, self.engine) {
            (Some(prefilter), _) => Compiled::Anchored(prefilter),
            (None, Engine::Dfa) => {
                let dfa = dfa::DFA::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .start_kind(StartKind::Both)
                    .prefilter(false)
                    .build(&folded_forms)
                    .map_err(|e| cannot(e.to_string()))?;
                Compiled::Dfa(Box::new(dfa))
            }
            (None, _) => Compiled::DoubleArray(DoubleArray::build(&folded_forms).map_err(cannot)?),
        };
        // Numeral spellings grew the table past the capacity reserved for the entries.
        patterns.shrink_to_fit();
        let mut plain = vec![0u64; patterns.len().div_ceil(64)];
        for (pid, p) in patterns.iter().enumerate() {
            if p.entry_flags < MAX_ENTRIES {
                if let Some(word) = plain.get_mut(pid / 64) {
                    *word |= 1 << (pid % 64);
                }
            }
        }
        Ok(Annotator {
            glossary: glossary.clone(),
            engine,
            patterns,
            plain: plain.into_boxed_slice(),
            fold: self.fold.clone(),
            ring_len: longest.next_power_of_two(),
        })
    }
}

/// A glossary's surface forms, folded and checked, as the patterns an engine is built from.
pub(crate) struct PatternTable {
    /// The folded patterns; a pattern's id is its index.
    forms: Vec<String>,
    patterns: Vec<Pattern>,
    /// For each pattern, the pattern whose numeral spelling it is (itself for a form as
    /// written): the prefilter gives a family one anchor where it can.
    family: Vec<usize>,
}

impl PatternTable {
    /// The folded patterns and their families, for tests of what is built from them.
    #[cfg(test)]
    pub(crate) fn forms_and_families(self) -> (Vec<String>, Vec<usize>) {
        (self.forms, self.family)
    }

    /// Folds and checks every surface form of the glossary (see [`Glossary::validate`]: this is
    /// its one implementation), and adds the numeral spellings if `fold` asks for them.
    pub(crate) fn new(glossary: &Glossary, fold: &FoldOptions) -> Result<PatternTable, Error> {
        let mut ids = HashSet::with_capacity(glossary.entries.len());
        // Each folded form's pattern; the keys become `forms` at the end, so no form is
        // stored twice while the table is built.
        let mut index: HashMap<String, usize> = HashMap::with_capacity(glossary.entries.len());
        let mut patterns: Vec<Pattern> = Vec::with_capacity(glossary.entries.len());
        let mut family: Vec<usize> = Vec::with_capacity(glossary.entries.len());
        // Surface forms as written come first; numeral spellings are added after all of them,
        // so a spelling never takes a form that another entry writes out.
        let mut spellings: Vec<(Pattern, String, usize)> = Vec::new();
        for (i, e) in glossary.entries.iter().enumerate() {
            let entry = u32::try_from(i)
                .ok()
                .filter(|&i| i < MAX_ENTRIES)
                .ok_or_else(|| Error::glossary("a glossary holds at most 2^28 entries"))?;
            if !ids.insert(e.id) {
                return Err(Error::glossary(format!("entry id {} appears twice", e.id)));
            }
            if e.term.trim().is_empty() {
                return Err(Error::glossary(format!("entry {} has an empty term", e.id)));
            }
            if e.definition.trim().is_empty() {
                return Err(Error::glossary(format!(
                    "entry {} ({}) has an empty definition",
                    e.id, e.term
                )));
            }
            for form in e.surface_forms() {
                let folded = fold_term(form, fold);
                if folded.is_empty() {
                    return Err(Error::glossary(format!(
                        "entry {} has a surface form {form:?} that is only whitespace or quote marks",
                        e.id
                    )));
                }
                let first = form.trim_start().chars().next();
                let last = form.trim_end().chars().next_back();
                let pattern = Pattern::new(
                    (entry, e.id),
                    &folded,
                    first.is_some_and(|c| OPENING_QUOTES.contains(&c)),
                    last.is_some_and(|c| CLOSING_QUOTES.contains(&c)),
                );
                let variants = if fold.numerals {
                    numeral_variants(&folded)
                } else {
                    Vec::new()
                };
                let pid = match add_pattern(&mut index, &mut patterns, pattern, folded) {
                    Ok(pid) => pid,
                    Err(other) => {
                        let other = glossary.entries.get(other as usize).map_or(0, |o| o.id);
                        let folded = fold_term(form, fold);
                        return Err(Error::glossary(format!(
                            "entries {other} and {} both claim the surface form {form:?} ({folded})",
                            e.id
                        )));
                    }
                };
                if family.len() < patterns.len() {
                    family.push(pid);
                }
                for v in variants {
                    spellings.push((
                        Pattern::new(
                            (entry, e.id),
                            &v,
                            pattern.has(LEAD_QUOTE),
                            pattern.has(TRAIL_QUOTE),
                        ),
                        v,
                        pid,
                    ));
                }
            }
        }
        for (pattern, spelling, original) in spellings {
            // A spelling another entry writes out is left to that entry.
            let _ = add_pattern(&mut index, &mut patterns, pattern, spelling);
            if family.len() < patterns.len() {
                family.push(original);
            }
        }
        let mut forms = vec![String::new(); patterns.len()];
        for (form, pid) in index {
            if let Some(slot) = forms.get_mut(pid) {
                *slot = form;
            }
        }
        Ok(PatternTable {
            forms,
            patterns,
            family,
        })
    }
}

/// Adds a folded form to the pattern table, or merges its quote flags into the pattern of the
/// same entry that already has it. Returns the form's pattern, or the entry that holds it if
/// another does.
fn add_pattern(
    index: &mut HashMap<String, usize>,
    patterns: &mut Vec<Pattern>,
    pattern: Pattern,
    folded: String,
) -> Result<usize, u32> {
    let pid = *index.entry(folded).or_insert_with(|| {
        patterns.push(pattern);
        patterns.len() - 1
    });
    match patterns.get_mut(pid) {
        Some(p) if p.entry() == pattern.entry() => {
            p.entry_flags |= pattern.entry_flags & (LEAD_QUOTE | TRAIL_QUOTE);
            Ok(pid)
        }
        Some(p) => Err(p.entry()),
        None => Ok(pid),
    }
}

impl Annotator {
    /// Compiles a glossary with the default options.
    ///
    /// # Errors
    ///
    /// An inconsistent glossary (see [`Glossary::validate`]).
    ///
    /// ```
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// assert_eq!(ann.glossary().entries.len(), 29);
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn new(glossary: &Glossary) -> Result<Annotator, Error> {
        AnnotatorBuilder::new().build(glossary)
    }

    /// A builder for annotators with non-default options.
    ///
    /// ```
    /// let builder = zhgloss::Annotator::builder();
    /// let ann = builder.build(&zhgloss::Glossary::builtin())?;
    /// assert_eq!(ann.find_iter("三个美丽").count(), 1);
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn builder() -> AnnotatorBuilder {
        AnnotatorBuilder::new()
    }

    /// The glossary this annotator was compiled from.
    ///
    /// ```
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// assert_eq!(ann.glossary().entry(19).unwrap().term, "三个百里");
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn glossary(&self) -> &Glossary {
        &self.glossary
    }

    /// The glossary entry a match names.
    ///
    /// ```
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let m = ann.find_iter("深化“三个美丽”建设").next().unwrap();
    /// assert_eq!(ann.entry(&m).term, "三个美丽");
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    ///
    /// # Panics
    ///
    /// If `m` came from another annotator whose glossary is larger than this one's.
    pub fn entry(&self, m: &Match) -> &Entry {
        // A `Match` only comes from this crate's searches, whose indices come from the glossary
        // they were compiled with; a match from another annotator is a caller bug, and the
        // signature has no room for an error (as with slice indexing, the panic is documented).
        #[allow(clippy::indexing_slicing)]
        &self.glossary.entries[m.entry_index()]
    }

    /// Heap bytes used by the compiled automaton and its pattern table (not counting the copy
    /// of the glossary).
    ///
    /// ```
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// assert!(ann.memory_usage() > 0);
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn memory_usage(&self) -> usize {
        let automaton = match &self.engine {
            Compiled::Anchored(a) => a.memory_usage(),
            Compiled::Dfa(a) => a.memory_usage(),
            Compiled::DoubleArray(a) => a.memory_usage(),
        };
        automaton
            + self.patterns.capacity() * std::mem::size_of::<Pattern>()
            + std::mem::size_of_val(&*self.plain)
    }

    /// The longest span, in bytes of original text, that a single match can cover. Callers that
    /// search a stream block by block keep at least this much of each block for the next.
    ///
    /// ```
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// assert!(ann.max_match_bytes() >= "农民相对集中居住“1+7”政策体系".len());
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn max_match_bytes(&self) -> usize {
        // Every folded byte can come from a character of up to 4 bytes (a full-width digit is 3
        // bytes folded to 1), each gap between characters can hold `max_gap` whitespace
        // characters and `max_gap` quote marks of up to 3 bytes each, and a quote at each end.
        // Saturating: `max_gap` is the caller's, and `usize::MAX` means "no limit".
        let chars = self.ring_len;
        chars
            .saturating_mul(4)
            .saturating_add(
                chars
                    .saturating_sub(1)
                    .saturating_mul(self.fold.max_gap.saturating_mul(6)),
            )
            .saturating_add(6)
    }

    /// Finds every term in `text`, in text order, leftmost-longest and non-overlapping.
    ///
    /// ```
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let text = "聚焦“1+4+4+8”新型产业体系，深化落实“1+4+4”人才政策";
    /// let ids: Vec<u32> = ann.find_iter(text).map(|m| m.entry()).collect();
    /// assert_eq!(ids, [14, 27]);
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn find_iter<'a, 'h>(&'a self, text: &'h str) -> FindIter<'a, 'h> {
        self.find_iter_at(text, 0)
    }

    /// Finds every term in `text` that starts at or after byte `start`, with `text[..start]`
    /// still seen as context: a term is not found right after a letter or digit it would extend,
    /// and a quote before it can open its span. Offsets, bytes and chars, are into the whole of
    /// `text`. A `start` that is not on a char boundary is moved forward to the next one.
    ///
    /// This is what a caller searching a stream block by block needs: keep the tail of the
    /// previous block in front of the next one, and search from where the previous search ended.
    ///
    /// ```
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let text = "11157、“11157”工程";
    /// let m = ann.find_iter_at(text, 1).next().unwrap();
    /// assert_eq!((m.entry(), m.start(), m.char_start()), (28, 8, 6));
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn find_iter_at<'a, 'h>(&'a self, text: &'h str, start: usize) -> FindIter<'a, 'h> {
        let mut start = start.min(text.len());
        while !text.is_char_boundary(start) {
            start += 1;
        }
        FindIter {
            annotator: self,
            text,
            pos: start,
            counted_bytes: 0,
            counted_chars: 0,
            // Only the whole-text DFA needs it (allocated on its first use): a find_iter per
            // line of a corpus allocates nothing until a match is found.
            ring: Vec::new(),
            hit_at: start,
            hits: Hits::default(),
            next_hit: None,
            found: Vec::new(),
            chunk: Chunk::default(),
        }
    }

    /// A search from `start`, with `chars` the number of characters the text has before it:
    /// char offsets are counted on from there rather than from the text's beginning.
    pub(crate) fn find_iter_counted<'a, 'h>(
        &'a self,
        text: &'h str,
        start: usize,
        chars: usize,
    ) -> FindIter<'a, 'h> {
        let mut it = self.find_iter_at(text, start);
        it.counted_bytes = it.pos;
        it.counted_chars = chars;
        it
    }

    /// Every term in `text`, found by `threads` threads searching parts of it: the same
    /// matches, in the same order, as `find_iter(text).collect()`.
    ///
    /// The text is cut into four parts a thread, which the threads take in turn, so that a
    /// core slowed by other work takes fewer. Each part is searched as if the text began
    /// there, with the text before it as context and no more text after it than a match
    /// starting in it can need; a term can cross the point where two parts meet, and a search
    /// started there cannot know where the search before it ended. So the parts are joined in
    /// order: from the end of the last match kept, the search is redone until it finds a match
    /// the next part's search also found; from there on the two agree, because what a search
    /// finds after a match depends only on where that match ends. Redoing usually covers the
    /// few hundred bytes up to the next part's first match.
    ///
    /// Starting a thread costs tens of microseconds: this pays from about a megabyte of text.
    /// `threads` of 0 or 1 searches on the calling thread; no more threads are started than
    /// the text has parts, nor than the system can start.
    ///
    /// ```
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let text = "深化“一网通办”改革，落实“金10条”。".repeat(1000);
    /// let all = ann.find_all_parallel(&text, 2);
    /// assert_eq!(all.len(), 2000);
    /// assert!(all.iter().copied().eq(ann.find_iter(&text)));
    /// assert_eq!(ann.find_all_parallel("三线一单", usize::MAX).len(), 1);
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn find_all_parallel(&self, text: &str, threads: usize) -> Vec<Match> {
        self.find_all_split(text, 0, threads)
    }

    /// [`find_all_parallel`](Annotator::find_all_parallel) from `start` on: the matches of
    /// `find_iter_at(text, start)`.
    pub(crate) fn find_all_split(&self, text: &str, start: usize, threads: usize) -> Vec<Match> {
        let mut start = start.min(text.len());
        while !text.is_char_boundary(start) {
            start += 1;
        }
        let threads = threads.max(1);
        if threads == 1 {
            return self.find_iter_at(text, start).collect();
        }
        let len = text.len() - start;
        // No more parts than bytes, however many threads are asked for.
        let parts = threads.saturating_mul(PARTS_PER_THREAD).min(len.max(1));
        let mut cuts: Vec<usize> = (0..=parts)
            .map(|j| {
                // `j * len / parts`, exact and without overflow; at most `len`.
                let at = u128::from(j as u64) * u128::from(len as u64) / u128::from(parts as u64);
                crate::stream::floor_char_boundary(text, start + usize::try_from(at).unwrap_or(len))
            })
            .collect();
        cuts.dedup();
        if cuts.len() <= 2 {
            return self.find_iter_at(text, start).collect();
        }
        let chars_before = count_chars_in(text, 0, start).unwrap_or(0);
        // Part `j` searches from `cuts[j]` and keeps the matches that start before
        // `cuts[j + 1]`, with char offsets from `cuts[j]` (part 0: from the text's beginning),
        // and how many characters the text has before `cuts[j + 1]`, counted the same way.
        let search = |j: usize| -> (Vec<Match>, usize) {
            let (Some(&from), Some(&to)) = (cuts.get(j), cuts.get(j + 1)) else {
                return (Vec::new(), 0);
            };
            let base = if j == 0 { chars_before } else { 0 };
            let mut found = Vec::new();
            for m in self.find_iter_counted(self.part_text(text, to), from, base) {
                if m.start >= to {
                    break;
                }
                found.push(m);
            }
            let chars = match found.last() {
                Some(m) => m.char_start + count_chars_in(text, m.start, to).unwrap_or(0),
                None => base + count_chars_in(text, from, to).unwrap_or(0),
            };
            (found, chars)
        };
        let parts = cuts.len() - 1;
        let next = std::sync::atomic::AtomicUsize::new(0);
        // Each thread takes the next part until none is left.
        let work = || {
            let mut mine = Vec::new();
            loop {
                let j = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if j >= parts {
                    return mine;
                }
                mine.push((j, search(j)));
            }
        };
        let mut searched: Vec<(usize, (Vec<Match>, usize))> = std::thread::scope(|scope| {
            let work = &work;
            // A thread the system cannot start is simply not there: the others take its parts.
            let others: Vec<_> = (1..threads.min(parts))
                .map_while(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok())
                .collect();
            let mut all = work();
            for h in others {
                // A search does not panic; if one did, the panic goes on here.
                all.extend(h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
            }
            all
        });
        searched.sort_unstable_by_key(|&(j, _)| j);
        let searched = searched.into_iter().map(|(_, part)| part).collect();
        self.join_parts(text, start, chars_before, &cuts, searched)
    }

    /// Joins the parts of [`find_all_split`](Annotator::find_all_split) into the matches of
    /// one search from `start`.
    fn join_parts(
        &self,
        text: &str,
        start: usize,
        chars_before: usize,
        cuts: &[usize],
        parts: Vec<(Vec<Match>, usize)>,
    ) -> Vec<Match> {
        let mut out: Vec<Match> = Vec::new();
        // The number of characters before the current part, from the text's beginning.
        let mut chars_at_part = chars_before;
        for (j, (found, chars)) in parts.into_iter().enumerate() {
            let offset = if j == 0 { 0 } else { chars_at_part };
            chars_at_part = offset + chars;
            let found: Vec<Match> = found.into_iter().map(|m| m.offset_by(0, offset)).collect();
            if j == 0 {
                // Part 0's search is the search from `start` itself.
                out = found;
                continue;
            }
            let to = cuts.get(j + 1).copied().unwrap_or(text.len());
            // Redo the search from the end of the last match kept, up to this part's end.
            let (pos, chars) = out
                .last()
                .map_or((start, chars_before), |m| (m.end, m.char_end));
            let mut redo = self.find_iter_counted(self.part_text(text, to), pos, chars);
            for m in redo.by_ref() {
                if m.start >= to {
                    // The redone search passes over this part: the next one redoes it again,
                    // from the same place, in text that reaches further.
                    break;
                }
                let same = found
                    .binary_search_by_key(&m.start, |f| f.start)
                    .ok()
                    .filter(|&k| found.get(k) == Some(&m));
                if let Some(k) = same {
                    // The searches agree from here on.
                    out.extend(found.get(k..).unwrap_or_default());
                    break;
                }
                out.push(m);
            }
        }
        out
    }

    /// The text a search of the part that ends at `to` needs: matches that start before `to`
    /// are found in it exactly as in the whole text (none is longer than
    /// [`max_match_bytes`](Annotator::max_match_bytes), and the boundary rule reads one more
    /// character), and the search stops at its end rather than looking for anchors in the
    /// rest of the text.
    fn part_text<'h>(&self, text: &'h str, to: usize) -> &'h str {
        let mut end = to.saturating_add(self.max_match_bytes()).saturating_add(8);
        if end >= text.len() {
            return text;
        }
        while !text.is_char_boundary(end) {
            end += 1;
        }
        text.get(..end).unwrap_or(text)
    }

    /// The next raw match `(pattern, start, end)` at or after `at`, found in `text[..limit]`,
    /// with the DFA. `floor` is the end of the previous match: a quote before it is not this
    /// match's.
    fn next_raw_in<A: Automaton>(
        &self,
        aut: &A,
        text: &str,
        (floor, mut at, limit): (usize, usize, usize),
        ring: &mut [usize],
    ) -> Option<(usize, usize, usize)> {
        loop {
            let (pid, start, end) = leftmost_longest(aut, &self.fold, text, at, limit, ring)?;
            if self.fits(pid, text, start, end) {
                return Some(self.with_quotes(pid, text, floor, start, end));
            }
            // The longest candidate at `start` breaks the boundary rule; a shorter one may not.
            let mut best = None;
            anchored_candidates(aut, &self.fold, text, start, |pid, end| {
                if self.fits(pid, text, start, end) {
                    best = Some((pid, end));
                }
            });
            if let Some((pid, end)) = best {
                return Some(self.with_quotes(pid, text, floor, start, end));
            }
            at = start + text.get(start..)?.chars().next()?.len_utf8();
        }
    }

    /// The boundary rule: a pattern that starts (ends) with an ASCII letter or digit does not
    /// match right after (before) another letter, digit or `+`.
    fn fits(&self, pid: usize, text: &str, start: usize, end: usize) -> bool {
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

    /// Whether pattern `pid` has none of the flags (see the field `plain`).
    #[inline]
    fn is_plain(&self, pid: usize) -> bool {
        self.plain
            .get(pid / 64)
            .is_some_and(|word| word >> (pid % 64) & 1 == 1)
    }

    /// Widens a match over the quote marks its surface form starts or ends with.
    fn with_quotes(
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
            if p.has(LEAD_QUOTE) {
                if let Some(q) = text.get(floor..start).and_then(|t| t.chars().next_back()) {
                    if OPENING_QUOTES.contains(&q) {
                        start -= q.len_utf8();
                    }
                }
            }
            if p.has(TRAIL_QUOTE) {
                if let Some(q) = text.get(end..).and_then(|t| t.chars().next()) {
                    if CLOSING_QUOTES.contains(&q) {
                        end += q.len_utf8();
                    }
                }
            }
        }
        (pid, start, end)
    }
}

/// The leftmost-longest match of the folded text from `at`: `(pattern, start, end)` in original
/// offsets. `ring` remembers the original start of each of the last folded bytes, so the start
/// of a match is known without walking back.
fn leftmost_longest<A: Automaton>(
    aut: &A,
    fold: &FoldOptions,
    text: &str,
    at: usize,
    end: usize,
    ring: &mut [usize],
) -> Option<(usize, usize, usize)> {
    let mask = ring.len() - 1;
    let mut sid = aut.start_state(Anchored::No).ok()?;
    let mut folder = Folder::new(text, at, end, fold);
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

/// An iterator over the matches in a text, from [`Annotator::find_iter`].
///
/// ```
/// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
/// let mut it = ann.find_iter("三高一低、三线一单");
/// assert_eq!(it.next().map(|m| m.entry()), Some(15));
/// assert_eq!(it.next().map(|m| m.entry()), Some(24));
/// assert_eq!(it.next(), None);
/// # Ok::<(), zhgloss::Error>(())
/// ```
pub struct FindIter<'a, 'h> {
    annotator: &'a Annotator,
    text: &'h str,
    pos: usize,
    counted_bytes: usize,
    counted_chars: usize,
    ring: Vec<usize>,
    /// With a prefilter: where the search for anchor hits goes on, the next hit (found ahead,
    /// to know how far back its terms can start), the matches found around hits and not yet
    /// returned (`(pattern, start, end)`).
    hit_at: usize,
    hits: Hits,
    next_hit: Option<Hit>,
    found: Vec<(usize, usize, usize)>,
    /// With the double array: the folded text being searched.
    chunk: Chunk,
}

impl FindIter<'_, '_> {
    /// The next raw match with the prefilter: terms are checked around each anchor hit, and
    /// the leftmost-longest match found is returned once no later hit can anchor a match that
    /// starts as early (a term reaches at most `max_back` bytes before its anchor).
    fn next_anchored(&mut self, prefilter: &Prefilter) -> Option<(usize, usize, usize)> {
        let ann = self.annotator;
        let text = self.text;
        loop {
            // A hit before `pos` anchors no match from `pos` on.
            while self.next_hit.is_none() {
                let Some(hit) = prefilter.next_hit(text, self.hit_at, &mut self.hits) else {
                    break;
                };
                self.hit_at = hit.end;
                if hit.start >= self.pos {
                    self.next_hit = Some(hit);
                }
            }
            let pos = self.pos;
            // Most hits anchor nothing: with no match waiting, go straight to the next hit.
            if !self.found.is_empty() {
                self.found.retain(|&(_, start, _)| start >= pos);
                let best = self
                    .found
                    .iter()
                    .copied()
                    .min_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)));
                let horizon = self
                    .next_hit
                    .map_or(usize::MAX, |h| h.start.saturating_sub(prefilter.max_back()));
                if let Some((pid, start, end)) = best.filter(|&(_, start, _)| start < horizon) {
                    return Some(ann.with_quotes(pid, text, pos, start, end));
                }
            }
            let hit = self.next_hit.take()?;
            let found = &mut self.found;
            prefilter.verify(text, &hit, &ann.fold, |pid, start, end| {
                if start >= pos && ann.fits(pid, text, start, end) {
                    found.push((pid, start, end));
                }
            });
        }
    }

    /// The next raw match, with whichever engine the annotator has.
    fn next_raw(&mut self) -> Option<(usize, usize, usize)> {
        let ann = self.annotator;
        match &ann.engine {
            Compiled::Anchored(prefilter) => self.next_anchored(prefilter),
            Compiled::Dfa(dfa) => {
                if self.ring.is_empty() {
                    self.ring = vec![0; ann.ring_len];
                }
                let whole = (self.pos, self.pos, self.text.len());
                ann.next_raw_in(&**dfa, self.text, whole, &mut self.ring)
            }
            Compiled::DoubleArray(da) => {
                let text = self.text;
                let fits = |pid, start, end| ann.fits(pid, text, start, end);
                let (pid, start, end) =
                    da.next(text, &mut self.chunk, self.pos, &ann.fold, fits)?;
                Some(ann.with_quotes(pid, text, self.pos, start, end))
            }
        }
    }
}

impl Iterator for FindIter<'_, '_> {
    type Item = Match;

    fn next(&mut self) -> Option<Match> {
        let ann = self.annotator;
        let (pid, start, end) = self.next_raw()?;
        self.pos = end;
        let pattern = *ann.patterns.get(pid)?;
        let (index, id) = (pattern.entry(), pattern.id);
        // Chars are counted once, from the previous match on: no second pass over the text.
        let char_start = self.counted_chars + count_chars_in(self.text, self.counted_bytes, start)?;
        let char_end = char_start + count_chars_in(self.text, start, end)?;
        self.counted_bytes = end;
        self.counted_chars = char_end;
        Some(Match {
            index,
            id,
            start,
            end,
            char_start,
            char_end,
        })
    }
}

impl std::iter::FusedIterator for FindIter<'_, '_> {}

impl FindIter<'_, '_> {
    /// The number of characters in the text before byte `at` (a char boundary), counted on
    /// from the last match found where `at` is past it: a caller that needs it (the stream,
    /// cutting its window) does not count the text a second time.
    pub(crate) fn chars_before(&self, at: usize) -> usize {
        match self.text.get(self.counted_bytes..at) {
            Some(rest) => self.counted_chars + count_chars(rest),
            None => count_chars_in(self.text, 0, at).unwrap_or(0),
        }
    }
}

/// The number of characters in `s`.
#[inline]
pub(crate) fn count_chars(s: &str) -> usize {
    count_chars_in(s, 0, s.len()).unwrap_or(0)
}

/// The number of characters in `text[from..to]`, or `None` if `from > to` or `to` is past the
/// end. Callers pass char boundaries; a span under 64 bytes is not checked for them (it
/// counts the bytes that start a character either way).
///
/// Spans of 64 bytes or more are counted by `bytecount`. It and `str::chars().count()` take a
/// byte-by-byte path on short spans, and the gaps between matches of a large glossary are tens
/// of bytes: those are counted here eight bytes at a time, the bytes that do not continue a
/// character. The last few bytes are read as the eight that end at `to` (bytes of the text
/// before them shifted out), so only a text shorter than eight bytes is counted a character at
/// a time; a search with 10,000 terms spent 16 % of its instructions here before.
#[inline]
pub(crate) fn count_chars_in(text: &str, from: usize, to: usize) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // One in the lowest bit of each byte of `w` that continues a character: 0b10xx_xxxx, bit
    // 7 set and bit 6 (shifted up to 7) clear.
    let continuing = |w: u64| (w & !(w << 1) & HIGH) >> 7;
    let bytes = text.as_bytes();
    let len = to.checked_sub(from).filter(|_| to <= bytes.len())?;
    if len >= 64 {
        // SIMD where the CPU has it: three times as fast as `chars().count()` on the gaps
        // between the built-in glossary's matches in the report (~600 bytes), which took 8 %
        // of a search.
        return Some(bytecount::num_chars(bytes.get(from..to)?));
    }
    let word = |i: usize| {
        bytes
            .get(i..)
            .and_then(<[u8]>::first_chunk::<8>)
            .map(|w| u64::from_le_bytes(*w))
    };
    // The sum of the bytes of `sum`, in the top byte.
    let total = |sum: u64| (sum.wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize;
    if len <= 16 && to >= 16 {
        // Most gaps: the sixteen bytes that end at `to`, the span's in the top `len`, with no
        // branch on the length (whose mispredictions cost more than the counting).
        let (low, high) = (word(to - 16)?, word(to - 8)?);
        let both = (u128::from(high) << 64 | u128::from(low))
            .checked_shr(8 * (16 - len) as u32)
            .unwrap_or(0);
        return Some(len - total(continuing(both as u64) + continuing((both >> 64) as u64)));
    }
    // Each byte of `sum` counts at most 8 continuation bytes: it never carries.
    let mut sum = 0;
    let mut i = from;
    while i + 8 <= to {
        sum += word(i).map_or(0, continuing);
        i += 8;
    }
    let rest = to - i;
    if rest > 0 {
        let tail = if to >= 8 {
            // The `rest` bytes are the top of the word that ends at `to`.
            word(to - 8).map(|w| w >> (8 * (8 - rest)))
        } else {
            word(i).map(|w| w & ((1 << (8 * rest)) - 1))
        };
        match tail {
            Some(w) => sum += continuing(w),
            // A text shorter than eight bytes.
            None => return Some(text.get(from..to)?.chars().count()),
        }
    }
    Some(len - total(sum))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every span between char boundaries of texts shorter and longer than the word-at-a-time
    /// paths (1-, 2-, 3- and 4-byte characters), counted as `chars().count()` counts it.
    #[test]
    fn count_chars_in_counts_every_span() {
        let texts = [
            String::new(),
            "金".to_string(),
            "a金".to_string(),
            "1+4+4+8”é".to_string(),
            "一网通办".repeat(3),
            "双随机、一公开 e\n😀𠀀金１０条“”".repeat(5),
        ];
        for text in &texts {
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for &from in &bounds {
                for &to in bounds.iter().filter(|&&to| to >= from) {
                    assert_eq!(
                        count_chars_in(text, from, to),
                        Some(text[from..to].chars().count()),
                        "{text:?} {from}..{to}"
                    );
                }
            }
            assert_eq!(count_chars(text), text.chars().count());
            assert_eq!(count_chars_in(text, 1, 0), None);
            assert_eq!(count_chars_in(text, 0, text.len() + 1), None);
        }
    }
}
