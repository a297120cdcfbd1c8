//! Searching text that arrives piece by piece, with memory bounded by the longest match.

use std::io::{self, Read, Write};

use crate::annotator::{Annotator, FindIter, Match, count_chars, count_chars_in};
use crate::error::Error;
use crate::fold::is_boundary_char;
use crate::input::TextReader;
use crate::render::{INLINE_MARK, Render, Term};

/// With more than one thread, a window is searched once it holds this many bytes a thread:
/// starting a thread costs tens of microseconds, searching a megabyte about a millisecond.
const PER_THREAD: usize = 1024 * 1024;

/// The most threads a stream search uses, which bounds its window to 64 MiB.
const MAX_THREADS: usize = 64;

/// Bytes of already searched text kept in front of the search position: the boundary rule looks
/// at the character before a match, and renderers look at it to see an opening quote.
const LOOK_BEHIND: usize = 16;

/// Extra bytes kept after [`Annotator::max_match_bytes`]: the boundary rule looks at one
/// character (at most 4 bytes) after a match.
const LOOK_AHEAD: usize = 8;

/// The largest char boundary of `text` at or below `at` (`str::floor_char_boundary`, which is
/// newer than the crate's minimum Rust).
pub(crate) fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Finds the terms of text pushed to it piece by piece and hands text and terms, in order, to a
/// [`Render`]er, holding only a bounded window of the text.
///
/// The matches are exactly those of [`Annotator::find_iter`] on the whole text, with offsets into
/// the whole text, wherever the pieces are cut: the search keeps the last
/// [`Annotator::max_match_bytes`] of the text (plus the renderer's
/// [`lookahead`](Render::lookahead)) and only hands out a match once no more text can change it.
///
/// # Resource usage
///
/// The window holds the last piece pushed plus about twice the longest possible match (a few
/// kilobytes for the built-in glossary): annotating a 1 GiB file in 64 KiB blocks stays under a
/// megabyte of text. With [`threads`](StreamSearch::threads) above 1, the window gathers
/// 1 MiB for each thread before it is searched.
///
/// # Example
///
/// ```
/// use std::io::{self, Write};
/// use zhgloss::render::{Render, Term};
/// use zhgloss::{Annotator, Glossary, StreamSearch};
///
/// /// Prints each term as [term].
/// struct Brackets;
/// impl Render for Brackets {
///     fn text(&mut self, out: &mut dyn Write, text: &str) -> io::Result<()> {
///         out.write_all(text.as_bytes())
///     }
///     fn term(&mut self, out: &mut dyn Write, term: &Term<'_>) -> io::Result<()> {
///         write!(out, "[{}]", term.matched())
///     }
/// }
///
/// let ann = Annotator::new(&Glossary::builtin())?;
/// let mut search = StreamSearch::new(&ann);
/// let mut out = Vec::new();
/// // The term 一网通办 is cut between two pieces.
/// for piece in ["深化“一网", "通办”改革"] {
///     search.push(piece, &mut Brackets, &mut out)?;
/// }
/// let bytes = search.finish(&mut Brackets, &mut out)?;
/// assert_eq!(String::from_utf8(out).unwrap(), "深化“[一网通办]”改革");
/// assert_eq!(bytes, 30);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct StreamSearch<'a> {
    annotator: &'a Annotator,
    /// The window: the text from `base` on.
    buf: String,
    /// Byte offset of the window in the whole text.
    base: usize,
    /// Char offset of the window in the whole text.
    base_chars: usize,
    /// Where the next search starts, in the whole text. As in `find_iter`, this is the end of
    /// the last match handed out, or a point no match can start before.
    from: usize,
    /// The text before this offset has been handed to the renderer.
    written: usize,
    /// How far before the end of the window a match must start to be final.
    keep: usize,
    /// How many threads search a window.
    threads: usize,
    /// With more than one thread, a window is searched once it holds this many bytes a thread.
    per_thread: usize,
}

/// The matches of one search of the window: found as the loop asks, or all at once by
/// several threads.
// One lives on the stack for each search of a window: its size does not matter.
#[allow(clippy::large_enum_variant)]
enum Found<'a, 'h> {
    Each(FindIter<'a, 'h>),
    /// A search of the window made ahead of time, from a point no later than where the search
    /// now stands: the search is redone from there until it finds a match the list has too,
    /// and from that match on the two agree (what follows a match depends only on where it
    /// ends).
    Ahead {
        redo: FindIter<'a, 'h>,
        list: std::iter::Peekable<std::vec::IntoIter<Match>>,
        synced: bool,
    },
    All {
        matches: std::vec::IntoIter<Match>,
        text: &'h str,
        /// The end of the last match handed out and the characters before it.
        counted: (usize, usize),
    },
}

impl Iterator for Found<'_, '_> {
    type Item = Match;

    fn next(&mut self) -> Option<Match> {
        match self {
            Found::Each(it) => it.next(),
            Found::Ahead { redo, list, synced } => {
                if *synced {
                    return list.next();
                }
                let m = redo.next()?;
                while list.next_if(|l| l.start() < m.start()).is_some() {}
                if list.next_if_eq(&m).is_some() {
                    *synced = true;
                }
                Some(m)
            }
            Found::All {
                matches, counted, ..
            } => {
                let m = matches.next()?;
                *counted = (m.end(), m.char_end());
                Some(m)
            }
        }
    }
}

impl Found<'_, '_> {
    /// The number of characters before byte `at` of the window.
    fn chars_before(&self, at: usize) -> usize {
        match self {
            Found::Each(it) => it.chars_before(at),
            // Only the stream's own search, which never searches ahead, asks.
            Found::Ahead { redo, .. } => redo.chars_before(at),
            Found::All {
                text,
                counted: (bytes, chars),
                ..
            } => match text.get(*bytes..at) {
                Some(rest) => chars + count_chars(rest),
                None => count_chars_in(text, 0, at).unwrap_or(0),
            },
        }
    }
}

impl<'a> StreamSearch<'a> {
    /// A search at the start of a text.
    ///
    /// ```
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let search = zhgloss::StreamSearch::new(&ann);
    /// # drop(search);
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn new(annotator: &'a Annotator) -> StreamSearch<'a> {
        StreamSearch {
            annotator,
            buf: String::new(),
            base: 0,
            base_chars: 0,
            from: 0,
            written: 0,
            keep: annotator.max_match_bytes() + LOOK_AHEAD,
            threads: 1,
            per_thread: PER_THREAD,
        }
    }

    /// Searches with up to `threads` threads (1, the default, searches on the calling thread
    /// alone; 0 counts as 1, and more than 64 as 64). The window then gathers 1 MiB of text a
    /// thread before it is searched, and each thread searches a part of it
    /// ([`Annotator::find_all_parallel`]). The terms and the text handed to the renderer are
    /// the same, in the same order, with any number of threads; the renderer itself is only
    /// called from the thread that pushes.
    ///
    /// ```
    /// use zhgloss::render::Format;
    /// use zhgloss::{Annotator, Glossary, StreamSearch};
    ///
    /// let ann = Annotator::new(&Glossary::builtin())?;
    /// let text = "推进“一网通办”，落实“金10条”。".repeat(50_000);
    /// let mut outs = Vec::new();
    /// for threads in [1, 2] {
    ///     let mut json = Format::Json.renderer(&ann, &Default::default()).unwrap();
    ///     let mut search = StreamSearch::new(&ann).threads(threads);
    ///     let mut out = Vec::new();
    ///     json.begin(&mut out)?;
    ///     for sentence in text.split_inclusive('。') {
    ///         search.push(sentence, json.as_mut(), &mut out)?;
    ///     }
    ///     let bytes = search.finish(json.as_mut(), &mut out)?;
    ///     json.finish(&mut out, bytes)?;
    ///     outs.push(out);
    /// }
    /// assert_eq!(outs[0], outs[1]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn threads(mut self, threads: usize) -> StreamSearch<'a> {
        self.threads = threads.clamp(1, MAX_THREADS);
        self
    }

    /// Adds the next piece of text, handing to `render` the text and terms that no later text
    /// can change.
    ///
    /// # Errors
    ///
    /// Errors of the renderer, typically from writing to `out`.
    ///
    /// ```
    /// # let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let mut json = zhgloss::render::Format::Json.renderer(&ann, &Default::default()).unwrap();
    /// let mut search = zhgloss::StreamSearch::new(&ann);
    /// let mut out = Vec::new();
    /// json.begin(&mut out)?;
    /// search.push("编制三线", json.as_mut(), &mut out)?;
    /// search.push("一单", json.as_mut(), &mut out)?;
    /// let bytes = search.finish(json.as_mut(), &mut out)?;
    /// json.finish(&mut out, bytes)?;
    /// assert_eq!(String::from_utf8(out)?, zhgloss::render::json(&ann, "编制三线一单") + "\n");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn push(
        &mut self,
        text: &str,
        render: &mut dyn Render,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        self.buf.push_str(text);
        // Searching re-reads the kept tail, so wait until there is enough new text to make that
        // cheap: pieces much smaller than a match are gathered first.
        let unsearched = self.buf.len() - (self.from - self.base);
        let enough = if self.threads > 1 {
            self.threads.saturating_mul(self.per_thread)
        } else {
            0
        };
        if unsearched < enough.max(2 * self.keep + render.lookahead()) {
            return Ok(());
        }
        self.search(false, render, out)
    }

    /// Ends the text: hands out everything left and returns the length of the whole text in
    /// bytes. The search can then be dropped; [`Render::finish`] is the caller's to call.
    ///
    /// # Errors
    ///
    /// Errors of the renderer.
    ///
    /// ```
    /// # let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let mut inline = zhgloss::render::Format::Inline.renderer(&ann, &Default::default()).unwrap();
    /// let mut search = zhgloss::StreamSearch::new(&ann);
    /// let mut out = Vec::new();
    /// search.push("三高一低", inline.as_mut(), &mut out)?;
    /// assert_eq!(search.finish(inline.as_mut(), &mut out)?, 12);
    /// assert!(String::from_utf8(out)?.starts_with("三高一低\u{2060}（高投入"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn finish(&mut self, render: &mut dyn Render, out: &mut dyn Write) -> io::Result<u64> {
        self.search(true, render, out)?;
        Ok((self.base + self.buf.len()) as u64)
    }

    fn search(
        &mut self,
        eof: bool,
        render: &mut dyn Render,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let ann = self.annotator;
        let buf = self.buf.as_str();
        let len = buf.len();
        let from = self.from - self.base;
        let threads = self
            .threads
            .min(len.saturating_sub(from) / self.per_thread.max(1))
            .max(1);
        let mut matches = if threads > 1 {
            Found::All {
                matches: ann.find_all_split(buf, from, threads).into_iter(),
                text: buf,
                counted: (0, 0),
            }
        } else {
            Found::Each(ann.find_iter_at(buf, from))
        };
        let window = Window {
            text: buf,
            base: self.base,
            base_chars: self.base_chars,
            keep: self.keep,
        };
        let cursor = Cursor {
            from: self.from,
            written: self.written,
        };
        let (cursor, cut) = window.render(ann, cursor, &mut matches, eof, render, out)?;
        self.written = cursor.written;
        self.from = cursor.from;
        if eof {
            return Ok(());
        }
        let cut_chars = matches.chars_before(cut);
        self.buf.drain(..cut);
        self.base += cut;
        self.base_chars += cut_chars;
        Ok(())
    }
}

/// Where a search stands, in byte offsets into the whole text: searching goes on from `from`
/// (the end of the last match handed out, or a point no match starts before), and the text
/// before `written` has been handed to the renderer.
#[derive(Clone, Copy, Debug, Default)]
struct Cursor {
    from: usize,
    written: usize,
}

/// A window of the text: `text` starts at byte `base` and char `base_chars` of the whole text.
struct Window<'h> {
    text: &'h str,
    base: usize,
    base_chars: usize,
    /// How far before the end of the window a match must start to be final.
    keep: usize,
}

impl<'h> Window<'h> {
    /// Hands to `render` the text and terms of the window from `cursor` on that no later text
    /// can change (with `eof`, all of them), taking the matches from `matches` (a search of
    /// the window from `cursor.from`). Returns where the search stands after them, and the
    /// byte of the window before which nothing of it is needed any more.
    fn render<'a>(
        &self,
        ann: &'a Annotator,
        cursor: Cursor,
        matches: &mut Found<'a, 'h>,
        eof: bool,
        render: &mut dyn Render,
        out: &mut dyn Write,
    ) -> io::Result<(Cursor, usize)> {
        let buf = self.text;
        let len = buf.len();
        let lookahead = render.lookahead();
        // Offsets below are into the window unless named absolute.
        let mut written = cursor.written - self.base;
        let mut from = cursor.from - self.base;
        let mut unfinished = None;
        while let Some(m) = matches.next() {
            // A match is final when everything that could change it is in the window: any match
            // starting at or before it ends within `max_match_bytes`, and the boundary rule
            // looks one character further. The renderer may want to see more after it.
            if !eof && (m.start() + self.keep > len || m.end() + lookahead > len) {
                unfinished = Some(m.start());
                break;
            }
            if let Some(t) = buf.get(written..m.start()).filter(|t| !t.is_empty()) {
                render.text(out, t)?;
            }
            let after_end = floor_char_boundary(buf, m.end().saturating_add(lookahead).min(len));
            let term = Term::new(
                m.offset_by(self.base, self.base_chars),
                ann.entry(&m),
                buf.get(m.range()).unwrap_or_default(),
                buf.get(..m.start()).unwrap_or_default(),
                buf.get(m.end()..after_end).unwrap_or_default(),
            );
            render.term(out, &term)?;
            written = m.end();
            from = m.end();
            // The renderer saw text after the term that holds no terms (a gloss already there):
            // search on after it, as text.
            let skip = render
                .resume_at()
                .and_then(|abs| usize::try_from(abs).ok())
                .and_then(|abs| abs.checked_sub(self.base));
            if let Some(skip) = skip.filter(|&k| k > from && k <= len) {
                from = resume_after_gloss(buf, m.end(), floor_char_boundary(buf, skip));
                *matches = Found::Each(ann.find_iter_at(buf, from));
            }
        }
        if eof {
            if let Some(t) = buf.get(written..).filter(|t| !t.is_empty()) {
                render.text(out, t)?;
            }
            let end = Cursor {
                from: self.base + len,
                written: self.base + len,
            };
            return Ok((end, len));
        }
        // No match starts in [from, safe): matches starting before `len - keep` are all known,
        // and the unfinished one (if any) is the leftmost. So the search can resume at `safe`,
        // which, like the end of a match, is a point no match starts before. An opening quote
        // just before `safe` is not lost to a term right after it: that term would lie wholly
        // in the window, so it was found, and `safe` is not past its start.
        let mut safe = len.saturating_sub(self.keep);
        if let Some(start) = unfinished {
            safe = safe.min(start);
        }
        let safe = floor_char_boundary(buf, safe);
        from = from.max(safe);
        // Text before the search position is final.
        if let Some(t) = buf.get(written..from).filter(|t| !t.is_empty()) {
            render.text(out, t)?;
            written = from;
        }
        let cut = floor_char_boundary(buf, written.min(from).saturating_sub(LOOK_BEHIND));
        let cursor = Cursor {
            from: self.base + from,
            written: self.base + written,
        };
        Ok((cursor, cut))
    }
}

/// Where the search resumes after a gloss already in the text that ends at `resume`, for the
/// term that ends at `term_end`.
///
/// A gloss is not part of the text its terms were found in: for the boundary rule, what
/// follows it follows what precedes it, as in the text before the gloss was added (else
/// rendering glossed text again would gloss more). Where the gloss stands right after the term,
/// the term ends with a letter, digit or `+`, and a letter or digit follows the gloss, no term
/// can start at that letter or digit (it would start with one, right after a letter, digit or
/// `+`): the search resumes one character on, as it went on in the text without the gloss.
fn resume_after_gloss(buf: &str, term_end: usize, resume: usize) -> usize {
    let right_after = buf
        .get(term_end..)
        .is_some_and(|t| t.starts_with(INLINE_MARK));
    let before = buf.get(..term_end).and_then(|t| t.chars().next_back());
    match buf.get(resume..).and_then(|t| t.chars().next()) {
        Some(c)
            if right_after
                && before.is_some_and(is_boundary_char)
                && is_boundary_char(c)
                && !matches!(c, '+' | '＋') =>
        {
            resume + c.len_utf8()
        }
        _ => resume,
    }
}

/// Where the window that follows `text` starts: its last `overlap` bytes (to a char boundary)
/// start the next one.
fn tail_start(text: &str, overlap: usize) -> usize {
    floor_char_boundary(text, text.len().saturating_sub(overlap))
}

/// Reads blocks of `input` onto `window` until it holds `size` bytes; true at the end of the
/// input.
fn fill<R: Read>(
    input: &mut TextReader<R>,
    window: &mut String,
    size: usize,
) -> Result<bool, Error> {
    while window.len() < size {
        match input.next_block()? {
            Some(block) => window.push_str(block),
            None => return Ok(true),
        }
    }
    Ok(false)
}

/// Annotates all of `input` with a thread that searches each window of the text while this
/// one renders the window before it: the command line's way to keep both cores busy, since
/// reading, checking and rendering the text take a third of the time.
///
/// Windows of 1 MiB a thread (8 MiB at most) overlap by more than a match and the renderer's
/// lookahead, so wherever rendering a window stops, the next one holds the text from there on.
/// Its search, made ahead of time from its start, is joined to the search from that point as
/// [`Annotator::find_all_parallel`] joins its parts ([`Found::Ahead`]): the output is the same
/// as [`StreamSearch`]'s. `threads` above 2 also search each window in parts. Returns the
/// length of the text in bytes; [`Render::begin`] and [`Render::finish`] are the caller's.
pub(crate) fn annotate_ahead<R: Read>(
    ann: &Annotator,
    input: &mut TextReader<R>,
    render: &mut dyn Render,
    out: &mut dyn Write,
    threads: usize,
) -> Result<u64, Error> {
    // At most 8 MiB a window: three windows are held at once (one read, one searched, one
    // rendered), so memory stays bounded however many cores there are.
    let size = threads.clamp(1, 8) * PER_THREAD;
    annotate_ahead_in(ann, input, render, out, threads, size)
}

/// [`annotate_ahead`] with windows of `size` bytes (at least four times their overlap).
fn annotate_ahead_in<R: Read>(
    ann: &Annotator,
    input: &mut TextReader<R>,
    render: &mut dyn Render,
    out: &mut dyn Write,
    threads: usize,
    size: usize,
) -> Result<u64, Error> {
    let keep = ann.max_match_bytes() + LOOK_AHEAD;
    let overlap = keep + render.lookahead() + 2 * LOOK_BEHIND + 8;
    let size = size.max(4 * overlap);
    let mut window = String::new();
    let mut eof = fill(input, &mut window, size)?;
    if eof {
        // One window: nothing to work ahead on.
        let mut matches = Found::Each(ann.find_iter(&window));
        let whole = Window {
            text: &window,
            base: 0,
            base_chars: 0,
            keep,
        };
        whole.render(ann, Cursor::default(), &mut matches, true, render, out)?;
        return Ok(window.len() as u64);
    }
    let parts = threads.saturating_sub(1).max(1);
    std::thread::scope(|scope| {
        // The text of each window, and whether it is the last; back with its matches and the
        // number of characters before the next window.
        let (jobs, searcher_jobs) = std::sync::mpsc::sync_channel::<(String, bool)>(1);
        let (searcher_done, done) =
            std::sync::mpsc::sync_channel::<(String, bool, Vec<Match>, usize)>(1);
        scope.spawn(move || {
            for (text, last) in searcher_jobs {
                let found = ann.find_all_split(&text, 0, parts);
                let next = if last {
                    text.len()
                } else {
                    tail_start(&text, overlap)
                };
                // Counted on from the last match before it, whose char offset the search
                // already counted: no second pass over the window.
                let chars = match found.iter().rev().find(|m| m.start() <= next) {
                    Some(m) => m.char_start() + count_chars_in(&text, m.start(), next).unwrap_or(0),
                    None => count_chars_in(&text, 0, next).unwrap_or(0),
                };
                if searcher_done.send((text, last, found, chars)).is_err() {
                    return;
                }
            }
        });
        let mut cursor = Cursor::default();
        // Where each window sent and not yet rendered starts, in bytes, and where the next
        // one to render starts in characters.
        let mut bases = std::collections::VecDeque::new();
        let (mut next_base, mut base_chars) = (0, 0);
        let mut render_one = |bases: &mut std::collections::VecDeque<usize>,
                              cursor: &mut Cursor|
         -> Result<(), Error> {
            let lost = || Error::from(io::Error::other("the search thread stopped"));
            let (text, last, found, chars) = done.recv().map_err(|_| lost())?;
            let base = bases.pop_front().ok_or_else(lost)?;
            // The overlap keeps where rendering stopped inside the next window; were it not,
            // text would be lost, so say so rather than go on.
            let from = cursor.from.checked_sub(base).ok_or_else(|| {
                Error::from(io::Error::other(
                    "a window of text began after where the search had stopped",
                ))
            })?;
            let mut matches = Found::Ahead {
                redo: ann.find_iter_at(&text, from),
                list: found.into_iter().peekable(),
                synced: false,
            };
            let this = Window {
                text: &text,
                base,
                base_chars,
                keep,
            };
            let (moved, _) = this.render(ann, *cursor, &mut matches, last, render, out)?;
            *cursor = moved;
            base_chars += chars;
            Ok(())
        };
        let result = (|| {
            loop {
                let tail = if eof {
                    String::new()
                } else {
                    window
                        .get(tail_start(&window, overlap)..)
                        .unwrap_or_default()
                        .to_string()
                };
                let length = window.len();
                bases.push_back(next_base);
                let sent = std::mem::take(&mut window);
                if jobs.send((sent, eof)).is_err() {
                    return Err(Error::from(io::Error::other("the search thread stopped")));
                }
                let text_end = next_base + length;
                next_base = text_end - tail.len();
                // Keep one window searching while this one is rendered.
                if bases.len() > 1 {
                    render_one(&mut bases, &mut cursor)?;
                }
                if eof {
                    while !bases.is_empty() {
                        render_one(&mut bases, &mut cursor)?;
                    }
                    return Ok(text_end as u64);
                }
                window = tail;
                eof = fill(input, &mut window, size + overlap)?;
            }
        })();
        // However the loop ended, let the search thread end too: no more jobs, and no one to
        // take what it found.
        drop(jobs);
        drop(done);
        result
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Glossary;
    use crate::render::{Format, Options};

    const REPORT: &str = include_str!("../examples/report-2020-jinshan.txt");

    /// Renders `text`, pushed in pieces of `piece` bytes, with `threads` threads searching
    /// windows of `per_thread` bytes a thread.
    fn render(ann: &Annotator, format: Format, text: &str, piece: usize, threads: usize) -> String {
        let opts = Options::new().every(true);
        let mut render = format.renderer(ann, &opts).unwrap();
        let mut search = StreamSearch::new(ann).threads(threads);
        search.per_thread = 4096;
        let mut out = Vec::new();
        render.begin(&mut out).unwrap();
        let mut rest = text;
        while !rest.is_empty() {
            let mut cut = piece.min(rest.len());
            while !rest.is_char_boundary(cut) {
                cut += 1;
            }
            search
                .push(&rest[..cut], render.as_mut(), &mut out)
                .unwrap();
            rest = &rest[cut..];
        }
        let bytes = search.finish(render.as_mut(), &mut out).unwrap();
        render.finish(&mut out, bytes).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn threads_render_what_one_thread_renders() {
        let ann = Annotator::new(&Glossary::builtin()).unwrap();
        let text = REPORT.repeat(2);
        for format in [Format::Json, Format::Inline] {
            let one = render(&ann, format, &text, 65536, 1);
            for (piece, threads) in [(65536, 2), (1000, 3), (7, 2), (65536, usize::MAX)] {
                let many = render(&ann, format, &text, piece, threads);
                assert!(
                    many == one,
                    "{format:?}, pieces of {piece}, {threads} threads"
                );
            }
        }
    }

    /// Renders `text` read in blocks of `block` bytes, with a search thread working ahead on
    /// windows of `size` bytes (at least four times their overlap).
    fn render_ahead(
        ann: &Annotator,
        format: Format,
        text: &[u8],
        block: usize,
        size: usize,
    ) -> Result<String, Error> {
        let opts = Options::new().every(true);
        let mut render = format.renderer(ann, &opts).unwrap();
        let mut input = TextReader::new(text, crate::Encoding::Utf8).block_size(block);
        let mut out = Vec::new();
        render.begin(&mut out)?;
        let bytes = annotate_ahead_in(ann, &mut input, render.as_mut(), &mut out, 2, size)?;
        render.finish(&mut out, bytes)?;
        assert_eq!(bytes, text.len() as u64);
        Ok(String::from_utf8(out).unwrap())
    }

    /// The built-in glossary without whitespace gaps: a match, so a window's overlap, is
    /// short, and the report makes many windows.
    fn short_matches() -> Annotator {
        Annotator::builder()
            .max_gap(0)
            .build(&Glossary::builtin())
            .unwrap()
    }

    #[test]
    fn searching_ahead_renders_what_one_search_renders() {
        let short = short_matches();
        let default = Annotator::new(&Glossary::builtin()).unwrap();
        let text = REPORT.repeat(3);
        for ann in [&short, &default] {
            let glossed = render(ann, Format::Inline, &text, 65536, 1);
            for format in [Format::Json, Format::Inline, Format::Footnote] {
                for input in [&text, &glossed] {
                    let one = render(ann, format, input, 65536, 1);
                    for (block, size) in [(65536, 0), (1000, 0), (7, 50_000), (4096, 1 << 20)] {
                        let ahead =
                            render_ahead(ann, format, input.as_bytes(), block, size).unwrap();
                        assert!(
                            ahead == one,
                            "{format:?}, blocks of {block}, windows of {size}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn searching_ahead_joins_where_terms_overlap_window_ends() {
        // Terms that overlap and nest, in text made of their pieces: wherever a window's
        // rendering stops, the search ahead of it may have found a different match there.
        let terms = [
            "一网",
            "网通",
            "通办",
            "一网通办",
            "办一",
            "1+4",
            "4+8",
            "“网”",
        ];
        let g = Glossary {
            entries: terms
                .iter()
                .enumerate()
                .map(|(i, t)| crate::Entry::new(i as u32 + 1, *t, "定义"))
                .collect(),
            ..Glossary::default()
        };
        let ann = Annotator::builder().max_gap(1).build(&g).unwrap();
        let pieces = [
            "一", "网", "通", "办", "1", "+", "4", "8", "“", "”", " ", "的",
        ];
        let mut seed = 0x2545_F491_4F6C_DD1D_u64;
        let text: String = (0..40_000)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                pieces[(seed % pieces.len() as u64) as usize]
            })
            .collect();
        // And long runs of 一网通办: a search that starts at 网 pairs 网通 and 办一 all along
        // the run, out of step with the one that started at 一.
        let runs: String = (0..300)
            .map(|i| "一网通办".repeat(5 + i % 60) + "的")
            .collect();
        for text in [&text, &runs] {
            for format in [Format::Json, Format::Inline] {
                let one = render(&ann, format, text, 65536, 1);
                for (block, size) in [(1000, 0), (333, 2000), (65536, 5000)] {
                    let ahead = render_ahead(&ann, format, text.as_bytes(), block, size).unwrap();
                    assert!(
                        ahead == one,
                        "{format:?}, blocks of {block}, windows of {size}"
                    );
                }
            }
        }
    }

    #[test]
    fn searching_ahead_stops_cleanly_on_bad_input() {
        // Invalid UTF-8 after several windows: the error names its offset, and the search
        // thread ends (the test would hang otherwise).
        let ann = short_matches();
        let text = REPORT.repeat(3);
        let bad = floor_char_boundary(&text, text.len() - 100);
        let mut bytes = text.into_bytes();
        bytes[bad] = 0xFF;
        let err = render_ahead(&ann, Format::Json, &bytes, 1000, 0).unwrap_err();
        assert_eq!(
            (err.kind(), err.offset()),
            (crate::ErrorKind::InvalidUtf8, Some(bad as u64))
        );
        // A writer that fails: its error comes back, and the thread ends too.
        struct Broken;
        impl Write for Broken {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let text = REPORT.repeat(3);
        let mut render = Format::Inline.renderer(&ann, &Options::new()).unwrap();
        let mut input = TextReader::new(text.as_bytes(), crate::Encoding::Utf8).block_size(1000);
        let err =
            annotate_ahead_in(&ann, &mut input, render.as_mut(), &mut Broken, 2, 0).unwrap_err();
        assert!(err.to_string().contains("closed"), "{err}");
    }

    #[test]
    fn threads_skip_glosses_already_in_the_text() {
        // The inline renderer skips a gloss it finds after a term, and the search goes on
        // after it: with threads, from a window searched in parts.
        // The first entry's gloss holds the second's term: a search that did not skip the
        // gloss would find it there.
        let mut first = crate::Entry::new(1, "一网通办", "……");
        first.gloss = Some("参见三线一单".into());
        let second = crate::Entry::new(2, "三线一单", "生态保护红线等");
        let g = Glossary {
            entries: vec![first, second],
            ..Glossary::default()
        };
        let ann = Annotator::new(&g).unwrap();
        let text = "推进一网通办，编制三线一单。".repeat(2000);
        let glossed = render(&ann, Format::Inline, &text, 65536, 1);
        assert_eq!(glossed.matches("（参见三线一单）").count(), 2000);
        for threads in [1, 2, 3] {
            let again = render(&ann, Format::Inline, &glossed, 5000, threads);
            assert!(again == glossed, "{threads} threads");
        }
    }
}
