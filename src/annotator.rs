//! The annotator: a glossary compiled for searching, its builder, and its iterators.

use std::fmt;
use std::sync::{Arc, OnceLock};

use crate::engine::patterns::{Haystack, PatternTable, Patterns};
use crate::engine::{Compiled, Engine, State};
use crate::error::Error;
use crate::fold::{FoldOptions, MAX_QUOTE_BYTES, MAX_SPACE_BYTES};
use crate::glossary::{Entry, Glossary};
use crate::matches::Match;
use crate::scopes::{Judged, judged};
use crate::util::{ceil_char_boundary, count_chars, count_chars_in};

/// A glossary compiled for searching.
///
/// Compile once with [`Annotator::new`] or [`Annotator::builder`], then search any number of
/// texts, from any number of threads: an `Annotator` is `Send + Sync`, searching never mutates
/// it, and cloning it is cheap (the compiled glossary is shared, as with `aho-corasick`'s
/// `AhoCorasick`).
///
/// # Matching
///
/// Terms are found as real text writes them. Inside a term, a run of up to 8 whitespace
/// characters (spaces, U+3000, line breaks left by PDF extraction) is ignored; full-width ASCII
/// equals ASCII; quote marks are optional and of any style; traditional characters are their
/// simplified forms; quantities match in either numeral spelling. A term that starts or ends
/// with an ASCII letter or digit does not match inside a longer run of letters, digits or `+`.
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
/// let found: Vec<(u32, &str)> = ann.find_iter(text).map(|m| (m.entry_id(), &text[m.range()])).collect();
/// assert_eq!(found, [(7, "金 10 条"), (2, "一网\n通办")]);
/// # Ok::<(), zhgloss::Error>(())
/// ```
#[derive(Clone)]
pub struct Annotator {
    inner: Arc<Inner>,
}

/// What an annotator holds, shared by its clones.
pub(crate) struct Inner {
    glossary: Glossary,
    engine: Compiled,
    patterns: Patterns,
    fold: FoldOptions,
    /// A power of two at least as long, in bytes, as the longest folded pattern.
    longest: usize,
    /// The entries judged at their matches, resolved when first needed.
    judged: OnceLock<Vec<Option<Judged>>>,
}

impl fmt::Debug for Annotator {
    /// What the annotator was built from and with.
    ///
    /// ```
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// assert!(format!("{ann:?}").starts_with("Annotator { engine: Anchored, entries: 29, "));
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.inner;
        f.debug_struct("Annotator")
            .field("engine", &inner.engine.engine())
            .field("entries", &inner.glossary.entries.len())
            .field("patterns", &inner.patterns.len())
            .field("max_gap", &inner.fold.max_gap)
            .field("traditional", &inner.fold.traditional)
            .field("numerals", &inner.fold.numerals)
            .finish()
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
/// assert!(ann.is_match("一网\n\n通办"));
/// assert!(!ann.is_match("一网\n\n\n通办"));
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
    /// assert!(ann.is_match("两网融合"));
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
    /// assert!(!ann.is_match("金 10 条"));
    /// assert!(ann.is_match("金10条"));
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
    /// assert!(Annotator::new(&g)?.is_match("深化「一網通辦」"));
    /// let exact = Annotator::builder().traditional(false).build(&g)?;
    /// assert!(!exact.is_match("深化「一網通辦」"));
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
    /// assert!(Annotator::new(&g)?.is_match("出台金十条"));
    /// let exact = Annotator::builder().numerals(false).build(&g)?;
    /// assert!(!exact.is_match("出台金十条"));
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn numerals(&mut self, yes: bool) -> &mut AnnotatorBuilder {
        self.fold.numerals = yes;
        self
    }

    /// Which engine to search with (default [`Engine::Auto`]). Every engine finds the same
    /// matches.
    ///
    /// ```
    /// use zhgloss::{Annotator, Engine, Glossary};
    ///
    /// let ann = Annotator::builder().engine(Engine::DoubleArray).build(&Glossary::builtin())?;
    /// assert_eq!(ann.engine(), Engine::DoubleArray);
    /// assert!(ann.is_match("编制“三线\n一单”"));
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
    /// The glossary is [validated](Glossary::validate) first, with the builder's folding
    /// options: an inconsistent one is an error. An engine that cannot be built for the
    /// glossary is an error of kind [`ErrorKind::Engine`](crate::ErrorKind::Engine).
    ///
    /// ```
    /// use zhgloss::{Annotator, Entry, Glossary};
    ///
    /// let g = Glossary { entries: vec![Entry::new(1, " “” ", "……")], ..Glossary::default() };
    /// let err = Annotator::builder().build(&g).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "entry 1 has a surface form \" “” \" that is only whitespace or quote marks"
    /// );
    /// ```
    pub fn build(&self, glossary: &Glossary) -> Result<Annotator, Error> {
        let table = PatternTable::new(glossary, &self.fold)?;
        let engine = Compiled::build(self.engine, &table, &self.fold)?;
        let longest = table.forms.iter().map(String::len).max().unwrap_or(1);
        Ok(Annotator {
            inner: Arc::new(Inner {
                glossary: glossary.clone(),
                engine,
                patterns: table.into_patterns(),
                fold: self.fold.clone(),
                longest: longest.next_power_of_two(),
                judged: OnceLock::new(),
            }),
        })
    }
}

impl Annotator {
    /// The entry at `index` resolved for judging its matches, if it is judged (it has a scope
    /// or exclusions). Resolved for all entries at the first call.
    pub(crate) fn judged(&self, index: usize) -> Option<&Judged> {
        self.judged_all().get(index)?.as_ref()
    }

    /// Whether any entry is judged: a glossary without scopes or exclusions needs no document.
    pub(crate) fn judges(&self) -> bool {
        self.judged_all().iter().any(Option::is_some)
    }

    fn judged_all(&self) -> &[Option<Judged>] {
        self.inner
            .judged
            .get_or_init(|| judged(&self.inner.glossary))
    }

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
    /// assert!(ann.is_match("三个美丽"));
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
        &self.inner.glossary
    }

    /// The engine the annotator searches with: the one asked for, or the one
    /// [`Engine::Auto`] chose.
    ///
    /// ```
    /// use zhgloss::{Annotator, Engine, Glossary};
    ///
    /// assert_eq!(Annotator::new(&Glossary::builtin())?.engine(), Engine::Anchored);
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn engine(&self) -> Engine {
        self.inner.engine.engine()
    }

    /// The glossary entry a match names.
    ///
    /// ```
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let m = ann.find("深化“三个美丽”建设").unwrap();
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
        &self.inner.glossary.entries[m.entry_index()]
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
        self.inner.engine.memory_usage() + self.inner.patterns.memory_usage()
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
        // characters and `max_gap` quote marks (a quote mark, or a pinyin annotation), and a
        // quote at each end. Saturating: `max_gap` is the caller's, and `usize::MAX` means "no
        // limit".
        let chars = self.inner.longest;
        let gap = MAX_SPACE_BYTES + MAX_QUOTE_BYTES;
        chars
            .saturating_mul(4)
            .saturating_add(
                chars
                    .saturating_sub(1)
                    .saturating_mul(self.inner.fold.max_gap.saturating_mul(gap)),
            )
            .saturating_add(6)
    }

    /// Finds every term in `text`, in text order, leftmost-longest and non-overlapping.
    ///
    /// ```
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let text = "聚焦“1+4+4+8”新型产业体系，深化落实“1+4+4”人才政策";
    /// let ids: Vec<u32> = ann.find_iter(text).map(|m| m.entry_id()).collect();
    /// assert_eq!(ids, [14, 27]);
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn find_iter<'a, 'h>(&'a self, text: &'h str) -> FindIter<'a, 'h> {
        self.find_iter_at(text, 0)
    }

    /// The first term in `text` (leftmost, and the longest of those that start there), if any.
    ///
    /// ```
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let m = ann.find("完善“三张清单”，推进“一网通办”").unwrap();
    /// assert_eq!((m.entry_id(), m.range()), (1, 9..21));
    /// assert!(ann.find("推进城市更新").is_none());
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn find(&self, text: &str) -> Option<Match> {
        self.find_iter(text).next()
    }

    /// Whether `text` holds any term. It stops at the first match found.
    ///
    /// ```
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// assert!(ann.is_match("落实“双随机、一公开”监管"));
    /// assert!(!ann.is_match("落实“放管服”改革"));
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn is_match(&self, text: &str) -> bool {
        self.find(text).is_some()
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
    /// assert_eq!((m.entry_id(), m.start(), m.char_start()), (28, 8, 6));
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn find_iter_at<'a, 'h>(&'a self, text: &'h str, start: usize) -> FindIter<'a, 'h> {
        let start = ceil_char_boundary(text, start);
        let inner = &*self.inner;
        FindIter {
            inner,
            text,
            pos: start,
            counted_bytes: 0,
            counted_chars: 0,
            state: inner.engine.start(start),
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
}

/// An iterator over the matches in a text, from [`Annotator::find_iter`].
///
/// ```
/// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
/// let mut it = ann.find_iter("三高一低、三线一单");
/// assert_eq!(it.next().map(|m| m.entry_id()), Some(15));
/// assert_eq!(it.next().map(|m| m.entry_id()), Some(24));
/// assert_eq!(it.next(), None);
/// # Ok::<(), zhgloss::Error>(())
/// ```
pub struct FindIter<'a, 'h> {
    inner: &'a Inner,
    text: &'h str,
    /// Where the search goes on: the end of the last match, or where it started.
    pos: usize,
    /// The characters before byte `counted_bytes` are `counted_chars`.
    counted_bytes: usize,
    counted_chars: usize,
    state: State,
}

impl fmt::Debug for FindIter<'_, '_> {
    /// Where the search stands.
    ///
    /// ```
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let mut it = ann.find_iter("三线一单，三高一低");
    /// it.next();
    /// assert_eq!(format!("{it:?}"), "FindIter { engine: Anchored, pos: 12, text_len: 27 }");
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FindIter")
            .field("engine", &self.inner.engine.engine())
            .field("pos", &self.pos)
            .field("text_len", &self.text.len())
            .finish()
    }
}

impl Iterator for FindIter<'_, '_> {
    type Item = Match;

    #[inline]
    fn next(&mut self) -> Option<Match> {
        let inner = self.inner;
        let ((pid, start, end), chars) = match self.state.queued() {
            Some(m) => m,
            None => {
                let at = Haystack {
                    text: self.text,
                    pos: self.pos,
                    chars: (self.counted_bytes == self.pos).then_some(self.counted_chars),
                    patterns: &inner.patterns,
                    fold: &inner.fold,
                };
                inner.engine.next(&mut self.state, at)?
            }
        };
        self.pos = end;
        let entry = inner.patterns.get(pid)?.entry();
        // Chars are counted once, as the engine steps or from the previous match on: no second
        // pass over the text.
        let (char_start, char_end) = match chars {
            Some(counted) => counted,
            None => {
                let char_start =
                    self.counted_chars + count_chars_in(self.text, self.counted_bytes, start)?;
                (
                    char_start,
                    char_start + count_chars_in(self.text, start, end)?,
                )
            }
        };
        self.counted_bytes = end;
        self.counted_chars = char_end;
        Some(Match::new(entry, (start, end), (char_start, char_end)))
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
