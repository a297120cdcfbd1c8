//! The engine for large glossaries: `daachorse`'s character-wise double-array automaton over
//! folded text.
//!
//! An Aho-Corasick automaton stepped a byte at a time over Chinese text (three bytes a
//! character) with tens of thousands of terms spends its time in cache misses; a DFA that avoids
//! them needs hundreds of megabytes. daachorse's double array takes one step per *character*
//! and stays compact (about 7 MB for 100,000 terms). It cannot be stepped with folded input from
//! outside, so text is folded a chunk at a time into a buffer, with the original offset of every
//! folded byte, and searched there; matches are mapped back to the original text.

use std::collections::HashMap;

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};

use crate::fold::{BREAK, FoldOptions, Folder};

/// Folded bytes per chunk (more when a term is longer than a quarter of this).
const CHUNK: usize = 1 << 16;

/// Stands for a run of whitespace or quotes too long to be inside a term: a noncharacter, in no
/// term (building rejects one that has it).
const BREAK_CHAR: char = '\u{FFFF}';

pub(crate) struct DoubleArray {
    pma: CharwiseDoubleArrayAhoCorasick<u32>,
    /// The longest folded pattern, in bytes.
    longest: usize,
    /// Every folded pattern, for the rare match that breaks the boundary rule: a shorter pattern
    /// at the same place may not. Only kept when some pattern starts or ends with an ASCII
    /// letter or digit, since only those can break the rule.
    index: Option<HashMap<String, u32>>,
}

/// A chunk of folded text and where each of its bytes came from.
#[derive(Default)]
pub(crate) struct Chunk {
    folded: String,
    /// The original offset of the character each folded byte belongs to.
    origin: Vec<usize>,
    /// Where the search in `folded` goes on.
    cursor: usize,
    /// The original offset just after the folded text.
    next: usize,
    at_end: bool,
    filled: bool,
}

impl DoubleArray {
    pub(crate) fn build(forms: &[String], alnum_edges: bool) -> Result<DoubleArray, String> {
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
        let index = alnum_edges.then(|| {
            forms
                .iter()
                .enumerate()
                .map(|(i, f)| (f.clone(), u32::try_from(i).unwrap_or(u32::MAX)))
                .collect()
        });
        Ok(DoubleArray {
            pma,
            longest: forms.iter().map(String::len).max().unwrap_or(1),
            index,
        })
    }

    pub(crate) fn memory_usage(&self) -> usize {
        let index = self
            .index
            .as_ref()
            .map_or(0, |i| i.keys().map(|k| k.capacity() + 32).sum::<usize>());
        self.pma.heap_bytes() + index
    }

    /// Folds the text from `at` into `chunk`: at least a chunk's worth of folded bytes beyond
    /// the longest term, or the rest of the text.
    fn fill(&self, text: &str, chunk: &mut Chunk, at: usize, fold: &FoldOptions) {
        let want = CHUNK.max(4 * self.longest);
        chunk.folded.clear();
        chunk.origin.clear();
        chunk.cursor = 0;
        chunk.filled = true;
        let mut folder = Folder::new(text, at, text.len(), fold);
        while chunk.folded.len() < want {
            let Some(unit) = folder.next_unit() else {
                chunk.at_end = true;
                chunk.next = text.len();
                return;
            };
            let bytes = unit.bytes.get(..usize::from(unit.len)).unwrap_or_default();
            if bytes == [BREAK] {
                chunk.folded.push(BREAK_CHAR);
                chunk.origin.extend([unit.start; 3]);
            } else if let Ok(s) = std::str::from_utf8(bytes) {
                chunk.folded.push_str(s);
                chunk
                    .origin
                    .extend(std::iter::repeat_n(unit.start, bytes.len()));
            }
            chunk.next = unit.end.max(unit.start);
        }
        chunk.at_end = false;
    }

    /// Original span of the folded bytes `fs..fe`.
    fn original(&self, text: &str, chunk: &Chunk, fs: usize, fe: usize) -> Option<(usize, usize)> {
        let start = *chunk.origin.get(fs)?;
        let last = *chunk.origin.get(fe.checked_sub(1)?)?;
        let end = last + text.get(last..)?.chars().next()?.len_utf8();
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
                    if let Some((start, end)) = self.original(text, chunk, fs, fe) {
                        if fits(pid, start, end) {
                            chunk.cursor = fe;
                            return Some((pid, start, end));
                        }
                    }
                    if let Some(found) = self.shorter(text, chunk, fs, fe, &fits) {
                        return Some(found);
                    }
                    // Nothing fits at `fs`: go on from its next character.
                    let step = chunk.folded.get(fs..)?.chars().next()?.len_utf8();
                    chunk.cursor = fs + step;
                }
                _ if chunk.at_end => return None,
                _ => {
                    // No match starts before `safe`: fold on from there.
                    let resume = chunk.cursor.max(safe);
                    at = chunk.origin.get(resume).copied().unwrap_or(chunk.next);
                    chunk.filled = false;
                }
            }
        }
    }

    /// The longest pattern shorter than `fs..fe` that starts at `fs` and fits.
    fn shorter(
        &self,
        text: &str,
        chunk: &mut Chunk,
        fs: usize,
        fe: usize,
        fits: &impl Fn(usize, usize, usize) -> bool,
    ) -> Option<(usize, usize, usize)> {
        let index = self.index.as_ref()?;
        for e in (fs + 1..fe).rev() {
            let Some(&pid) = chunk.folded.get(fs..e).and_then(|f| index.get(f)) else {
                continue;
            };
            let pid = pid as usize;
            if let Some((start, end)) = self.original(text, chunk, fs, e) {
                if fits(pid, start, end) {
                    chunk.cursor = e;
                    return Some((pid, start, end));
                }
            }
        }
        None
    }
}
