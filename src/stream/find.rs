//! Matches from any reader, in bounded memory.

use std::collections::VecDeque;
use std::io::{self, Read, Write};

use super::search::StreamSearch;
use super::sink::{Render, Term};
use crate::annotator::Annotator;
use crate::error::Error;
use crate::input::{Encoding, TextReader};
use crate::matches::Match;

impl Annotator {
    /// Finds every term in the UTF-8 text `reader` gives, reading it a block at a time: the
    /// matches of [`find_iter`](Annotator::find_iter) on the whole text, with offsets into it,
    /// in memory bounded by the block size and the longest match, however long the text.
    /// Each item is a match or the error that ended the search (invalid UTF-8, with its
    /// offset, or an I/O error), after which the iterator ends.
    ///
    /// For other encodings, build a [`StreamFindIter`] from a [`TextReader`].
    ///
    /// ```
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let text = "深化“一网通办”改革，编制三线一单。".repeat(10_000);
    /// let mut ids = Vec::new();
    /// for m in ann.stream_find_iter(text.as_bytes()) {
    ///     ids.push(m?.entry_id());
    /// }
    /// assert_eq!(ids.len(), 20_000);
    /// assert_eq!(ids[..2], [2, 24]);
    ///
    /// let err = ann.stream_find_iter(&b"\xe4\xb8\x89\xff"[..]).next().unwrap().unwrap_err();
    /// assert_eq!(err.to_string(), "byte 3: invalid UTF-8");
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn stream_find_iter<R: Read>(&self, reader: R) -> StreamFindIter<'_, R> {
        StreamFindIter::new(self, TextReader::new(reader, Encoding::Utf8))
    }
}

/// An iterator over the matches in text read block by block, from
/// [`Annotator::stream_find_iter`] or [`StreamFindIter::new`].
///
/// ```
/// use zhgloss::{Annotator, Encoding, Glossary, StreamFindIter, TextReader};
///
/// let ann = Annotator::new(&Glossary::builtin())?;
/// // "一网通办" in GBK: offsets index the decoded UTF-8 text.
/// let gbk: &[u8] = b"\xd2\xbb\xcd\xf8\xcd\xa8\xb0\xec";
/// let found: Vec<_> = StreamFindIter::new(&ann, TextReader::new(gbk, Encoding::Gbk))
///     .collect::<Result<_, _>>()?;
/// assert_eq!(found.iter().map(|m| (m.entry_id(), m.range())).collect::<Vec<_>>(), [(2, 0..12)]);
/// # Ok::<(), zhgloss::Error>(())
/// ```
pub struct StreamFindIter<'a, R> {
    search: StreamSearch<'a>,
    input: TextReader<R>,
    found: Collect,
    done: bool,
}

/// A renderer that keeps the matches handed to it.
#[derive(Default)]
struct Collect(VecDeque<Match>);

impl Render for Collect {
    fn text(&mut self, _: &mut dyn Write, _: &str) -> io::Result<()> {
        Ok(())
    }

    fn term(&mut self, _: &mut dyn Write, term: &Term<'_>) -> io::Result<()> {
        self.0.push_back(term.as_match());
        Ok(())
    }
}

impl<'a, R: Read> StreamFindIter<'a, R> {
    /// The matches `annotator` finds in the text `input` decodes.
    ///
    /// ```
    /// use zhgloss::{Annotator, Encoding, Glossary, StreamFindIter, TextReader};
    ///
    /// let ann = Annotator::new(&Glossary::builtin())?;
    /// let input = TextReader::new("编制三线\n一单".as_bytes(), Encoding::Utf8).block_size(4);
    /// let m = StreamFindIter::new(&ann, input).next().unwrap()?;
    /// assert_eq!((m.entry_id(), m.range()), (24, 6..19));
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn new(annotator: &'a Annotator, input: TextReader<R>) -> StreamFindIter<'a, R> {
        StreamFindIter {
            search: StreamSearch::new(annotator),
            input,
            found: Collect::default(),
            done: false,
        }
    }
}

impl<R: Read> Iterator for StreamFindIter<'_, R> {
    type Item = Result<Match, Error>;

    fn next(&mut self) -> Option<Result<Match, Error>> {
        loop {
            if let Some(m) = self.found.0.pop_front() {
                return Some(Ok(m));
            }
            if self.done {
                return None;
            }
            // `Collect` never fails, and `sink` takes every write: only reading can.
            let pushed = match self.input.next_block() {
                Ok(Some(block)) => self.search.push(block, &mut self.found, &mut io::sink()),
                Ok(None) => {
                    self.done = true;
                    self.search
                        .finish(&mut self.found, &mut io::sink())
                        .map(|_| ())
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            };
            if let Err(e) = pushed {
                self.done = true;
                return Some(Err(Error::from(e)));
            }
        }
    }
}

impl<R: Read> std::iter::FusedIterator for StreamFindIter<'_, R> {}
