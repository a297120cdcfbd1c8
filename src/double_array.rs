//! The engine for large glossaries: `daachorse`'s character-wise double-array automaton over
//! folded text.
//!
//! An Aho-Corasick automaton stepped a byte at a time over Chinese text (three bytes a
//! character) with tens of thousands of terms spends its time in cache misses; a DFA that avoids
//! them needs hundreds of megabytes. daachorse's double array takes one step per *character*
//! and stays compact (about 7 MB for 100,000 terms). It cannot be stepped with folded input from
//! outside, so text is folded a chunk at a time into a buffer and searched there; matches are
//! mapped back to the original text. Most characters fold to themselves, so the buffer is
//! mostly runs copied whole from the text, and the map back is one entry per run.

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};

use crate::fold::{Fold, FoldOptions, fold_char};

/// Folded bytes per chunk (more when a term is longer than a quarter of this).
const CHUNK: usize = 1 << 16;

/// Stands for a run of whitespace or quotes too long to be inside a term: a noncharacter, in no
/// term (building rejects one that has it).
const BREAK_CHAR: char = '\u{FFFF}';

/// The original length recorded for the break's piece: it stands for no character of the text
/// (which may hold U+FFFF itself), and maps to the character after it.
const BREAK_PIECE: usize = usize::MAX;

pub(crate) struct DoubleArray {
    pma: CharwiseDoubleArrayAhoCorasick<u32>,
    /// The longest folded pattern, in bytes.
    longest: usize,
}

/// A chunk of folded text and where it came from.
#[derive(Default)]
pub(crate) struct Chunk {
    folded: String,
    /// Where each piece of `folded` came from, in order: `(folded start, original start,
    /// original length)`. A piece of length 0 is a run copied from the text as it is, running
    /// to the next piece; [`BREAK_PIECE`] is the break; any other is one mapped character.
    pieces: Vec<(usize, usize, usize)>,
    /// The piece the last lookup ended in: matches come in text order, so lookups start there.
    hint: std::cell::Cell<usize>,
    /// Where the search in `folded` goes on.
    cursor: usize,
    /// The original offset just after the folded text.
    next: usize,
    at_end: bool,
    filled: bool,
}

impl DoubleArray {
    pub(crate) fn build(forms: &[String]) -> Result<DoubleArray, String> {
        if forms.iter().any(|f| f.contains(BREAK_CHAR)) {
            return Err("a term holds U+FFFF, a noncharacter".to_string());
        }
        let pma = CharwiseDoubleArrayAhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
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
        chunk.hint.set(0);
        chunk.cursor = 0;
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
        while let Some(c) = text.get(pos..).and_then(|t| t.chars().next()) {
            if chunk.folded.len() + (pos - run) >= want {
                break;
            }
            let len = c.len_utf8();
            let folded = match fold_char(c, fold) {
                Fold::Space | Fold::Quote => {
                    let f = fold_char(c, fold);
                    flush(chunk, run, pos);
                    if f == Fold::Space {
                        gap += 1;
                    } else {
                        quotes += 1;
                    }
                    pos += len;
                    run = pos;
                    continue;
                }
                Fold::Keep => None,
                Fold::Map(m) => Some(m),
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
        }
        flush(chunk, run, pos);
        chunk.at_end = pos >= text.len();
        chunk.next = pos;
    }

    /// The original offset of the folded byte `f` (a char boundary), and of the end of the
    /// character that ends at folded byte `f`.
    fn locate(chunk: &Chunk, f: usize) -> Option<(usize, usize)> {
        // Lookups move forward through the chunk, a few pieces at a time: walk from the last
        // one rather than binary-search the whole list (whose cache misses cost more).
        let starts_at = |i: usize| chunk.pieces.get(i).map(|&(fs, _, _)| fs);
        let mut i = chunk.hint.get();
        if starts_at(i).is_none_or(|fs| fs > f) {
            i = 0;
        }
        while starts_at(i + 1).is_some_and(|fs| fs <= f) {
            i += 1;
        }
        chunk.hint.set(i);
        let &(fs, orig, len) = chunk.pieces.get(i)?;
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
    fn original(&self, chunk: &Chunk, fs: usize, fe: usize) -> Option<(usize, usize)> {
        let (start, _) = Self::locate(chunk, fs)?;
        // The last folded character: its piece tells where it ends in the original.
        let last = fe.checked_sub(1)?;
        let last = (0..4)
            .map(|k| last.saturating_sub(k))
            .find(|&b| chunk.folded.is_char_boundary(b))?;
        let (last_start, last_end) = Self::locate(chunk, last)?;
        let end = if last_end > last_start {
            last_end
        } else {
            last_start + (fe - last)
        };
        Some((start, end))
    }

    /// The next raw match `(pattern, start, end)` from `at` on (`at` is read only when the
    /// chunk is empty), leftmost-longest among those that `fits`.
    pub(crate) fn next(
        &self,
        text: &str,
        chunk: &mut Chunk,
        mut at: usize,
        fold: &FoldOptions,
        fits: impl Fn(usize, usize, usize) -> bool,
    ) -> Option<(usize, usize, usize)> {
        loop {
            if !chunk.filled {
                self.fill(text, chunk, at, fold);
            }
            // A match starting before `safe` lies wholly in the chunk; one starting after it may
            // go on into text not folded yet.
            let safe = if chunk.at_end {
                usize::MAX
            } else {
                chunk.folded.len().saturating_sub(self.longest)
            };
            let found = chunk
                .folded
                .get(chunk.cursor..)
                .and_then(|hay| self.pma.leftmost_find_iter(hay).next())
                .map(|m| {
                    (
                        chunk.cursor + m.start(),
                        chunk.cursor + m.end(),
                        m.value() as usize,
                    )
                });
            match found {
                Some((fs, fe, pid)) if fs < safe => {
                    if let Some((start, end)) = self.original(chunk, fs, fe) {
                        if fits(pid, start, end) {
                            chunk.cursor = fe;
                            return Some((pid, start, end));
                        }
                    }
                    if let Some(found) = self.shorter(chunk, fs, fe, &fits) {
                        return Some(found);
                    }
                    // Nothing fits at `fs`: go on from its next character.
                    let step = chunk.folded.get(fs..)?.chars().next()?.len_utf8();
                    chunk.cursor = fs + step;
                }
                _ if chunk.at_end => return None,
                _ => {
                    // No match starts before `safe`: fold on from there.
                    let mut resume = chunk.cursor.max(safe);
                    while !chunk.folded.is_char_boundary(resume) {
                        resume -= 1;
                    }
                    at = Self::locate(chunk, resume).map_or(chunk.next, |(at, _)| at);
                    chunk.filled = false;
                }
            }
        }
    }

    /// The longest pattern shorter than `fs..fe` that starts at `fs` and fits. Rare (only a
    /// term starting or ending with an ASCII letter or digit can fail to fit), so it simply
    /// searches ever shorter prefixes of the match: the leftmost-longest match of a prefix that
    /// starts at `fs` is the longest pattern there that the prefix holds.
    fn shorter(
        &self,
        chunk: &mut Chunk,
        fs: usize,
        fe: usize,
        fits: &impl Fn(usize, usize, usize) -> bool,
    ) -> Option<(usize, usize, usize)> {
        let mut end = fe;
        loop {
            // One character less.
            end = chunk.folded.get(fs..end)?.char_indices().next_back()?.0 + fs;
            if end <= fs {
                return None;
            }
            let m = self
                .pma
                .leftmost_find_iter(chunk.folded.get(fs..end)?)
                .next()?;
            if m.start() != 0 {
                return None;
            }
            let (pid, e) = (m.value() as usize, fs + m.end());
            if let Some((start, stop)) = self.original(chunk, fs, e) {
                if fits(pid, start, stop) {
                    chunk.cursor = e;
                    return Some((pid, start, stop));
                }
            }
            end = e;
        }
    }
}
