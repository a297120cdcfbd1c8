//! The search engines, one per file, each named for what it builds. Every engine finds the same
//! matches: the leftmost-longest matches of the folded text that keep the boundary rule.
//!
//! - [`anchored`]: anchor hits found by SIMD searchers, the terms checked around each.
//! - [`dfa`]: `aho-corasick`'s DFA stepped over the folded bytes of the whole text.
//! - [`double_array`]: a character-wise double-array Aho-Corasick automaton of our own, whose
//!   character map is the folding, stepped once over the original text.
//!
//! They share [`patterns`]: the folded surface forms they are built from, and the rules
//! checked at each match.

mod anchored;
mod dfa;
mod double_array;
pub(crate) mod patterns;

use crate::error::{Error, ErrorKind};
use crate::fold::FoldOptions;
use patterns::{Haystack, PatternTable, Raw};

/// Above this many folded patterns [`Engine::Auto`] goes straight to the double array without
/// trying for anchors (which so many terms have too many of for hits to pay).
const AUTO_MAX_ANCHORED_PATTERNS: usize = 2_000;

/// Which engine an [`Annotator`](crate::Annotator) searches with. Every engine finds the same
/// matches; they differ in speed and memory, by glossary size.
///
/// Asking for an engine builds that engine or fails ([`ErrorKind::Engine`]); only
/// [`Engine::Auto`] chooses.
///
/// ```
/// use zhgloss::{Annotator, Engine, Glossary};
///
/// let g = Glossary::builtin();
/// let text = "深化“一网\n通办”，出台“金 10 条”";
/// let anchored = Annotator::builder().engine(Engine::Anchored).build(&g)?;
/// let dfa = Annotator::builder().engine(Engine::Dfa).build(&g)?;
/// let compact = Annotator::builder().engine(Engine::DoubleArray).build(&g)?;
/// assert!(anchored.find_iter(text).eq(dfa.find_iter(text)));
/// assert!(dfa.find_iter(text).eq(compact.find_iter(text)));
/// assert_eq!(Annotator::new(&g)?.engine(), Engine::Anchored);
/// # Ok::<(), zhgloss::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Engine {
    /// [`Engine::Anchored`] where the glossary's anchors are few enough for it (tens to
    /// hundreds of terms), [`Engine::DoubleArray`] otherwise.
    #[default]
    Auto,
    /// For small glossaries: each term is anchored on one of its characters, rare and shared
    /// with other terms where it can be; SIMD searchers find the anchors' raw forms, and the
    /// terms anchored at each hit are compared with the text around it. Most text is never
    /// decoded. Fails for glossaries that need more than 256 anchor forms.
    Anchored,
    /// `aho-corasick`'s DFA stepped over the folded bytes of the whole text: every character
    /// is folded and fed to it. Fast per character but slower than [`Engine::Anchored`] where
    /// that applies, and its memory grows quickly with the glossary.
    Dfa,
    /// A character-wise double-array Aho-Corasick automaton of our own, for glossaries of
    /// thousands of terms: one step per character of the original text, 16 bytes a state,
    /// and folding in its character map (a traditional or full-width character has its
    /// simplified or ASCII equal's code), so the text is never copied.
    DoubleArray,
}

impl Engine {
    /// The engine's name, as `Debug` of an [`Annotator`](crate::Annotator) shows it.
    ///
    /// ```
    /// assert_eq!(zhgloss::Engine::DoubleArray.name(), "double array");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Engine::Auto => "auto",
            Engine::Anchored => "anchored",
            Engine::Dfa => "dfa",
            Engine::DoubleArray => "double array",
        }
    }
}

/// A compiled engine.
pub(crate) enum Compiled {
    Anchored(anchored::Anchored),
    Dfa(dfa::Dfa),
    DoubleArray(double_array::DoubleArray),
}

/// Where one search stands, in the engine's own terms.
// One lives in each `FindIter`; the variants differ in size, and boxing one would cost an
// allocation a search.
#[allow(clippy::large_enum_variant)]
pub(crate) enum State {
    Anchored(anchored::Search),
    Dfa(dfa::Search),
    DoubleArray(double_array::Search),
}

impl State {
    /// The next match the search has already found and queued, if its engine queues them:
    /// taken with no haystack to describe and no engine to dispatch to.
    #[inline]
    pub(crate) fn queued(&mut self) -> Option<(Raw, Option<(usize, usize)>)> {
        match self {
            State::DoubleArray(s) => s.queued(),
            State::Anchored(_) | State::Dfa(_) => None,
        }
    }
}

impl Compiled {
    /// Builds `engine` for `table`'s patterns.
    pub(crate) fn build(
        engine: Engine,
        table: &PatternTable,
        fold: &FoldOptions,
    ) -> Result<Compiled, Error> {
        let cannot = |e: String| {
            Error::new(
                ErrorKind::Engine,
                format!("cannot build the {} engine: {e}", engine.name()),
            )
        };
        let anchored = || anchored::Anchored::build(&table.forms, &table.family, fold);
        match engine {
            Engine::Auto => {
                let small = table.forms.len() <= AUTO_MAX_ANCHORED_PATTERNS;
                match small.then(anchored).flatten() {
                    Some(a) => Ok(Compiled::Anchored(a)),
                    None => Compiled::build(Engine::DoubleArray, table, fold),
                }
            }
            Engine::Anchored => anchored().map(Compiled::Anchored).ok_or_else(|| {
                cannot(format!(
                    "its {} terms need more than 256 anchor forms (use Engine::Auto or Engine::DoubleArray)",
                    table.forms.len()
                ))
            }),
            Engine::Dfa => dfa::Dfa::build(&table.forms)
                .map(Compiled::Dfa)
                .map_err(cannot),
            Engine::DoubleArray => double_array::DoubleArray::build(&table.forms, &table.patterns, fold)
                .map(Compiled::DoubleArray)
                .map_err(cannot),
        }
    }

    /// Which engine this is.
    pub(crate) fn engine(&self) -> Engine {
        match self {
            Compiled::Anchored(_) => Engine::Anchored,
            Compiled::Dfa(_) => Engine::Dfa,
            Compiled::DoubleArray(_) => Engine::DoubleArray,
        }
    }

    /// Heap bytes of the automaton.
    pub(crate) fn memory_usage(&self) -> usize {
        match self {
            Compiled::Anchored(a) => a.memory_usage(),
            Compiled::Dfa(d) => d.memory_usage(),
            Compiled::DoubleArray(d) => d.memory_usage(),
        }
    }

    /// A search from byte `start`.
    pub(crate) fn start(&self, start: usize) -> State {
        match self {
            Compiled::Anchored(_) => State::Anchored(anchored::Search::new(start)),
            Compiled::Dfa(_) => State::Dfa(dfa::Search::default()),
            Compiled::DoubleArray(_) => State::DoubleArray(double_array::Search::default()),
        }
    }

    /// The next match `(pattern, start, end)` of the search `state` at or after `pos`: the
    /// leftmost-longest one that keeps the boundary rule, widened over its quotes; and the
    /// characters before its start and end, from an engine that counts them as it steps.
    #[inline]
    pub(crate) fn next(
        &self,
        state: &mut State,
        at: Haystack<'_>,
    ) -> Option<(Raw, Option<(usize, usize)>)> {
        match (self, state) {
            (Compiled::Anchored(a), State::Anchored(s)) => a.next(s, at).map(|r| (r, None)),
            (Compiled::Dfa(d), State::Dfa(s)) => d.next(s, at).map(|r| (r, None)),
            (Compiled::DoubleArray(d), State::DoubleArray(s)) => d.next(s, at),
            // A state comes from `start` of the same engine.
            _ => None,
        }
    }
}
