//! The match type: which glossary entry a search found, and where.

use std::fmt;
use std::ops::Range;

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
/// let m = ann.find(text).unwrap();
/// assert_eq!(m.entry_id(), 28);
/// assert_eq!((m.start(), m.end()), (6, 23));
/// assert_eq!(m.char_range(), 2..11);
/// assert_eq!(&text[m.range()], "“11157”工程");
/// assert!(ann.entry(&m).definition.starts_with("是指"));
/// # Ok::<(), zhgloss::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Match {
    entry_index: u32,
    entry_id: u32,
    start: usize,
    end: usize,
    char_start: usize,
    char_end: usize,
}

impl Match {
    /// A match of the entry at `entry_index` in its glossary, whose id is `entry_id`.
    pub(crate) fn new(
        (entry_index, entry_id): (u32, u32),
        (start, end): (usize, usize),
        (char_start, char_end): (usize, usize),
    ) -> Match {
        Match {
            entry_index,
            entry_id,
            start,
            end,
            char_start,
            char_end,
        }
    }

    /// The id of the matched entry (its number in the glossary, [`Entry::id`](crate::Entry::id)).
    ///
    /// ```
    /// # let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin()).unwrap();
    /// let m = ann.find("编制三线一单").unwrap();
    /// assert_eq!(m.entry_id(), 24);
    /// ```
    pub fn entry_id(&self) -> u32 {
        self.entry_id
    }

    /// The id of the matched entry.
    ///
    /// ```
    /// # let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin()).unwrap();
    /// # #[allow(deprecated)]
    /// assert_eq!(ann.find("三线一单").unwrap().entry(), 24);
    /// ```
    #[deprecated(
        since = "0.2.0",
        note = "it returns an id, not an entry: use `entry_id()`, or `Annotator::entry(&m)` for the entry"
    )]
    pub fn entry(&self) -> u32 {
        self.entry_id
    }

    /// The position of the matched entry in [`Glossary::entries`](crate::Glossary::entries).
    ///
    /// ```
    /// # let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin()).unwrap();
    /// let m = ann.find("三线一单").unwrap();
    /// assert_eq!(ann.glossary().entries[m.entry_index()].id, 24);
    /// ```
    pub fn entry_index(&self) -> usize {
        self.entry_index as usize
    }

    /// Byte offset where the match starts.
    ///
    /// ```
    /// # let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin()).unwrap();
    /// assert_eq!(ann.find("编制三线一单").unwrap().start(), 6);
    /// ```
    pub fn start(&self) -> usize {
        self.start
    }

    /// Byte offset just past the end of the match.
    ///
    /// ```
    /// # let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin()).unwrap();
    /// assert_eq!(ann.find("编制三线一单").unwrap().end(), 18);
    /// ```
    pub fn end(&self) -> usize {
        self.end
    }

    /// `start()..end()`.
    ///
    /// ```
    /// # let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin()).unwrap();
    /// let text = "编制三线\n一单";
    /// let m = ann.find(text).unwrap();
    /// assert_eq!(&text[m.range()], "三线\n一单");
    /// ```
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Whether the match is empty. It never is: every surface form folds to at least one
    /// character. (For symmetry with `len`, as clippy and `aho-corasick` expect.)
    ///
    /// ```
    /// # let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin()).unwrap();
    /// assert!(!ann.find("编制三线一单").unwrap().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The length of the match in bytes.
    ///
    /// ```
    /// # let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin()).unwrap();
    /// assert_eq!(ann.find("编制三线 一单").unwrap().len(), 13);
    /// ```
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Char offset where the match starts.
    ///
    /// ```
    /// # let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin()).unwrap();
    /// assert_eq!(ann.find("编制三线一单").unwrap().char_start(), 2);
    /// ```
    pub fn char_start(&self) -> usize {
        self.char_start
    }

    /// Char offset just past the end of the match.
    ///
    /// ```
    /// # let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin()).unwrap();
    /// assert_eq!(ann.find("编制三线一单").unwrap().char_end(), 6);
    /// ```
    pub fn char_end(&self) -> usize {
        self.char_end
    }

    /// `char_start()..char_end()`.
    ///
    /// ```
    /// # let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin()).unwrap();
    /// assert_eq!(ann.find("编制三线一单").unwrap().char_range(), 2..6);
    /// ```
    pub fn char_range(&self) -> Range<usize> {
        self.char_start..self.char_end
    }

    /// The same match moved `bytes` and `chars` further into a larger text, for callers that
    /// search a text piece by piece.
    ///
    /// ```
    /// # let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin()).unwrap();
    /// let m = ann.find("三线一单").unwrap().offset_by(6, 2);
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

impl fmt::Debug for Match {
    /// `Match { entry_id: 24, entry_index: 23, span: 6..18, char_span: 2..6 }`.
    ///
    /// ```
    /// # let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin()).unwrap();
    /// let m = ann.find("编制三线一单").unwrap();
    /// assert_eq!(
    ///     format!("{m:?}"),
    ///     "Match { entry_id: 24, entry_index: 23, span: 6..18, char_span: 2..6 }"
    /// );
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Match")
            .field("entry_id", &self.entry_id)
            .field("entry_index", &self.entry_index)
            .field("span", &self.range())
            .field("char_span", &self.char_range())
            .finish()
    }
}
