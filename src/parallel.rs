//! One text searched by several threads: the parts are searched at once and joined in order.

use crate::annotator::Annotator;
use crate::matches::Match;
use crate::util::{ceil_char_boundary, count_chars_in, floor_char_boundary};

/// [`Annotator::find_all_parallel`] cuts the text into this many parts a thread, which the
/// threads take in turn: a thread on a core that other work slows takes fewer.
const PARTS_PER_THREAD: usize = 4;

/// The most threads a search is cut for, whatever is asked: a thread costs a stack and tens of
/// microseconds to start, and beyond the cores it only adds parts to join. (A request of a
/// hundred thousand threads used to start that many, and the process aborted.)
pub(crate) const MAX_THREADS: usize = 64;

/// How many threads a search asked for `threads` starts: no more than [`MAX_THREADS`], nor than
/// the machine runs at once. The parts are cut for the threads asked for (up to
/// [`MAX_THREADS`]), so a search cut for more threads than cores still has the same parts: the
/// matches never depend on either number.
fn threads_to_start(threads: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    threads.min(MAX_THREADS).min(cores).max(1)
}

impl Annotator {
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
    /// `threads` of 0 or 1 searches on the calling thread. The text is cut for at most 64
    /// threads, and no more threads are started than the text has parts, than the machine runs
    /// at once ([`std::thread::available_parallelism`]), nor than the system can start.
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
        let start = ceil_char_boundary(text, start);
        let threads = threads.clamp(1, MAX_THREADS);
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
                floor_char_boundary(text, start + usize::try_from(at).unwrap_or(len))
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
                if m.start() >= to {
                    break;
                }
                found.push(m);
            }
            let chars = match found.last() {
                Some(m) => m.char_start() + count_chars_in(text, m.start(), to).unwrap_or(0),
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
            let others: Vec<_> = (1..threads_to_start(threads).min(parts))
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
                .map_or((start, chars_before), |m| (m.end(), m.char_end()));
            let mut redo = self.find_iter_counted(self.part_text(text, to), pos, chars);
            for m in redo.by_ref() {
                if m.start() >= to {
                    // The redone search passes over this part: the next one redoes it again,
                    // from the same place, in text that reaches further.
                    break;
                }
                let same = found
                    .binary_search_by_key(&m.start(), |f| f.start())
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
        let end = to.saturating_add(self.max_match_bytes()).saturating_add(8);
        if end >= text.len() {
            return text;
        }
        text.get(..ceil_char_boundary(text, end)).unwrap_or(text)
    }
}
