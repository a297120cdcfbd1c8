//! The engine for large glossaries: `daachorse`'s character-wise double-array automaton over
//! folded text.
//!
//! An Aho-Corasick automaton stepped a byte at a time over Chinese text (three bytes a
//! character) with tens of thousands of terms spends its time in cache misses; a DFA that avoids
//! them needs hundreds of megabytes. daachorse's double array takes one step per *character*
//! and stays compact (tens of bytes a term). It cannot be stepped with folded input from
//! outside, so text is folded a chunk at a time into a buffer and searched there; matches are
//! mapped back to the original text. Most characters fold to themselves, so the buffer is
//! mostly runs copied whole from the text, and the map back is one entry per run.

use std::collections::VecDeque;

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};

use super::patterns::{Haystack, Raw};
use crate::fold::{Fold, FoldOptions, fold_at};

/// Folded bytes per chunk (more when a term is longer than a quarter of this).
const CHUNK: usize = 1 << 16;

/// Stands for a run of whitespace or quotes too long to be inside a term: a noncharacter, in no
/// term (building rejects one that has it).
const BREAK_CHAR: char = '\u{FFFF}';

/// The original length recorded for the break's piece: it stands for no character of the text
/// (which may hold U+FFFF itself), and maps to the character after it.
const BREAK_PIECE: usize = usize::MAX;

#[derive(Clone)]
pub(crate) struct DoubleArray {
    pma: CharwiseDoubleArrayAhoCorasick<u32>,
    /// The longest folded pattern, in bytes.
    longest: usize,
}

/// Where a search with the double array stands: a chunk of folded text, where it came from,
/// and the matches found in it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Chunk {
    folded: String,
    /// Where each piece of `folded` came from, in order: `(folded start, original start,
    /// original length)`. A piece of length 0 is a run copied from the text as it is, running
    /// to the next piece; [`BREAK_PIECE`] is the break; any other is one mapped character.
    pieces: Vec<(usize, usize, usize)>,
    /// Matches found in the chunk and not yet taken: `(pattern, start, end)`, original offsets.
    found: VecDeque<(usize, usize, usize)>,
    /// Where the search in `folded` goes on.
    cursor: usize,
    /// The piece of the last offset mapped back, where the next pass's walk over the pieces
    /// starts (or from the first piece, should that lie past the offset it looks up: after a
    /// match that broke the boundary rule, the search may go back to that match's second
    /// character). Kept from pass to pass over the chunk (such a match ends one), so that a
    /// pass does not walk the pieces from the first again.
    hint: usize,
    /// The original offset just after the folded text.
    next: usize,
    at_end: bool,
    filled: bool,
    /// The chunk has been searched up to where the next one must take over.
    searched: bool,
}

/// Maps folded offsets of a chunk back to the original text. Lookups move forward through the
/// chunk, so each starts at the piece the last one ended in.
struct Locator<'c> {
    pieces: &'c [(usize, usize, usize)],
    folded: &'c str,
    hint: usize,
}

impl Locator<'_> {
    /// The original offset of the folded byte `f` (a char boundary), and of the end of the
    /// character that ends at folded byte `f`.
    #[inline]
    fn locate(&mut self, f: usize) -> Option<(usize, usize)> {
        // A walk from the last piece rather than a binary search of the whole list (whose
        // cache misses cost more).
        let starts_at = |i: usize| self.pieces.get(i).map(|&(fs, _, _)| fs);
        let mut i = self.hint;
        if starts_at(i).is_none_or(|fs| fs > f) {
            i = 0;
        }
        while starts_at(i + 1).is_some_and(|fs| fs <= f) {
            i += 1;
        }
        self.hint = i;
        let &(fs, orig, len) = self.pieces.get(i)?;
        if len == BREAK_PIECE {
            // The break stands before the character at `orig`.
            return Some((orig, orig));
        }
        if len == 0 {
            // A run copied as it is.
            let at = orig + (f - fs);
            return Some((at, at));
        }
        // One mapped character: it starts at `orig` and ends `len` bytes on.
        Some((orig, orig + len))
    }

    /// Original span of the folded bytes `fs..fe`.
    #[inline]
    fn original(&mut self, fs: usize, fe: usize) -> Option<(usize, usize)> {
        let (start, _) = self.locate(fs)?;
        // Most matches lie inside a run copied as it is, where folded bytes are the original's.
        if let Some(&(run, orig, 0)) = self.pieces.get(self.hint) {
            let next = self
                .pieces
                .get(self.hint + 1)
                .map_or(usize::MAX, |&(fs, _, _)| fs);
            if fe <= next {
                return Some((start, orig + (fe - run)));
            }
        }
        // The last folded character: its piece tells where it ends in the original.
        let last = fe.checked_sub(1)?;
        let last = (0..4)
            .map(|k| last.saturating_sub(k))
            .find(|&b| self.folded.is_char_boundary(b))?;
        let (last_start, last_end) = self.locate(last)?;
        let end = if last_end > last_start {
            last_end
        } else {
            last_start + (fe - last)
        };
        Some((start, end))
    }
}

impl DoubleArray {
    pub(crate) fn build(forms: &[String]) -> Result<DoubleArray, String> {
        if forms.iter().any(|f| f.contains(BREAK_CHAR)) {
            return Err("a term holds U+FFFF, a noncharacter".to_string());
        }
        let pma = CharwiseDoubleArrayAhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            // Its 2-gram filter reads bytes: UTF-8 Chinese repeats a few lead bytes, so it
            // skips little, and its 64 KiB table competes for cache with the automaton.
            .use_prefilter(false)
            .build_with_values(
                forms
                    .iter()
                    .enumerate()
                    .map(|(i, f)| (f.as_str(), u32::try_from(i).unwrap_or(u32::MAX))),
            )
            .map_err(|e| e.to_string())?;
        Ok(DoubleArray {
            pma,
            longest: forms.iter().map(String::len).max().unwrap_or(1),
        })
    }

    pub(crate) fn memory_usage(&self) -> usize {
        self.pma.heap_bytes()
    }

    /// Folds the text from `at` into `chunk`: at least a chunk's worth of folded bytes beyond
    /// the longest term, or the rest of the text.
    fn fill(&self, text: &str, chunk: &mut Chunk, at: usize, fold: &FoldOptions) {
        let want = CHUNK.max(4 * self.longest);
        chunk.folded.clear();
        chunk.pieces.clear();
        chunk.found.clear();
        chunk.searched = false;
        chunk.cursor = 0;
        chunk.hint = 0;
        chunk.filled = true;
        let mut at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at += 1;
        }
        // `run` is where the current run of characters that fold to themselves began.
        let (mut pos, mut run) = (at, at);
        let (mut gap, mut quotes) = (0, 0);
        let flush = |chunk: &mut Chunk, run: usize, pos: usize| {
            if let Some(piece) = text.get(run..pos).filter(|p| !p.is_empty()) {
                chunk.pieces.push((chunk.folded.len(), run, 0));
                chunk.folded.push_str(piece);
            }
        };
        while pos < text.len() {
            if chunk.folded.len() + (pos - run) >= want {
                break;
            }
            let Some((len, class)) = fold_at(text, pos, fold) else {
                break;
            };
            let folded = match class {
                Fold::Keep => None,
                Fold::Map(m) => Some(m),
                Fold::Space | Fold::Quote => {
                    flush(chunk, run, pos);
                    if class == Fold::Space {
                        gap += 1;
                    } else {
                        quotes += 1;
                    }
                    pos += len;
                    run = pos;
                    continue;
                }
            };
            if gap > fold.max_gap || quotes > fold.max_gap {
                flush(chunk, run, pos);
                chunk.pieces.push((chunk.folded.len(), pos, BREAK_PIECE));
                chunk.folded.push(BREAK_CHAR);
                run = pos;
            }
            (gap, quotes) = (0, 0);
            if let Some(m) = folded {
                flush(chunk, run, pos);
                chunk.pieces.push((chunk.folded.len(), pos, len));
                chunk.folded.push(m);
                run = pos + len;
            }
            pos += len;
            // Ideographs that fold to themselves, most of Chinese text, continue the run as it
            // is: step over them without the checks above, up to where the chunk is full.
            let limit = (run + want).saturating_sub(chunk.folded.len());
            while pos < limit
                && text
                    .as_bytes()
                    .get(pos)
                    .is_some_and(|&b| (0xE4..=0xE9).contains(&b))
                && matches!(fold_at(text, pos, fold), Some((3, Fold::Keep)))
            {
                pos += 3;
            }
        }
        flush(chunk, run, pos);
        chunk.at_end = pos >= text.len();
        chunk.next = pos;
    }

    /// The next match `(pattern, start, end)` at or after `pos`, the end of the last match
    /// (`pos` is read only when the chunk is empty).
    #[inline]
    pub(crate) fn next(&self, chunk: &mut Chunk, at: Haystack<'_>) -> Option<Raw> {
        let Haystack { text, pos, .. } = at;
        let fits = |pid, start, end| at.patterns.fits(pid, text, start, end);
        let (pid, start, end) = self.next_fitting(text, chunk, pos, at.fold, fits)?;
        Some(at.patterns.with_quotes(pid, text, pos, start, end))
    }

    /// The next raw match `(pattern, start, end)` from `at` on (`at` is read only when the
    /// chunk is empty), leftmost-longest among those that `fits`.
    fn next_fitting(
        &self,
        text: &str,
        chunk: &mut Chunk,
        mut at: usize,
        fold: &FoldOptions,
        fits: impl Fn(usize, usize, usize) -> bool,
    ) -> Option<(usize, usize, usize)> {
        loop {
            if let Some(found) = chunk.found.pop_front() {
                return Some(found);
            }
            if !chunk.filled {
                self.fill(text, chunk, at, fold);
            } else if chunk.searched {
                if chunk.at_end {
                    return None;
                }
                // No match starts before the chunk's safe end: fold on from there.
                let mut resume = chunk.cursor.max(self.safe(chunk));
                while !chunk.folded.is_char_boundary(resume) {
                    resume -= 1;
                }
                let mut locator = Locator {
                    pieces: &chunk.pieces,
                    folded: &chunk.folded,
                    hint: chunk.hint,
                };
                at = locator.locate(resume).map_or(chunk.next, |(at, _)| at);
                chunk.filled = false;
            } else {
                self.search(chunk, &fits);
            }
        }
    }

    /// Where matches stop being wholly in the chunk: one starting from here on may go on into
    /// text not folded yet.
    fn safe(&self, chunk: &Chunk) -> usize {
        if chunk.at_end {
            usize::MAX
        } else {
            chunk.folded.len().saturating_sub(self.longest)
        }
    }

    /// Searches the chunk from its cursor in one pass of the automaton, queueing every match
    /// that starts before the safe end. A match that breaks the boundary rule ends the pass: the
    /// search goes on from a shorter match or the next character, where the automaton's own
    /// continuation (after the longer match) would be wrong.
    fn search(&self, chunk: &mut Chunk, fits: &impl Fn(usize, usize, usize) -> bool) {
        let safe = self.safe(chunk);
        let base = chunk.cursor;
        let mut locator = Locator {
            pieces: &chunk.pieces,
            folded: &chunk.folded,
            hint: chunk.hint,
        };
        let mut cursor = base;
        let mut done = true;
        let hay = chunk.folded.get(base..).unwrap_or_default();
        for m in self.pma.leftmost_find_iter(hay) {
            let (fs, fe, pid) = (base + m.start(), base + m.end(), m.value() as usize);
            if fs >= safe {
                break;
            }
            if let Some((start, end)) = locator.original(fs, fe).filter(|&(s, e)| fits(pid, s, e)) {
                chunk.found.push_back((pid, start, end));
                cursor = fe;
                continue;
            }
            cursor = match self.shorter(&mut locator, fs, fe, fits) {
                Some((found, fe)) => {
                    chunk.found.push_back(found);
                    fe
                }
                // Nothing fits at `fs`: go on from its next character.
                None => {
                    fs + chunk
                        .folded
                        .get(fs..)
                        .and_then(|t| t.chars().next())
                        .map_or(1, char::len_utf8)
                }
            };
            done = false;
            break;
        }
        chunk.hint = locator.hint;
        chunk.cursor = cursor;
        chunk.searched = done;
    }

    /// The longest pattern shorter than `fs..fe` that starts at `fs` and fits, with the folded
    /// offset it ends at. Rare (only a term starting or ending with an ASCII letter or digit
    /// can fail to fit), so it simply searches ever shorter prefixes of the match: the
    /// leftmost-longest match of a prefix that starts at `fs` is the longest pattern there that
    /// the prefix holds.
    fn shorter(
        &self,
        locator: &mut Locator<'_>,
        fs: usize,
        fe: usize,
        fits: &impl Fn(usize, usize, usize) -> bool,
    ) -> Option<((usize, usize, usize), usize)> {
        let folded = locator.folded;
        let mut end = fe;
        loop {
            // One character less.
            end = folded.get(fs..end)?.char_indices().next_back()?.0 + fs;
            if end <= fs {
                return None;
            }
            let m = self.pma.leftmost_find_iter(folded.get(fs..end)?).next()?;
            if m.start() != 0 {
                return None;
            }
            let (pid, e) = (m.value() as usize, fs + m.end());
            if let Some((start, stop)) = locator.original(fs, e)
                && fits(pid, start, stop)
            {
                return Some(((pid, start, stop), e));
            }
            end = e;
        }
    }
}
