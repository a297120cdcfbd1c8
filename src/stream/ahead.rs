//! Annotating a reader with a search thread one window ahead of the renderer.

use std::io::{self, Read, Write};

use super::search::{
    Cursor, Found, LOOK_AHEAD, LOOK_BEHIND, PER_THREAD, Window, context, lookahead, tail_start,
};
use super::sink::Render;
use crate::annotator::Annotator;
use crate::error::Error;
use crate::input::TextReader;
use crate::matches::Match;
use crate::sense::Document;
use crate::util::count_chars_in;

/// The text a read-ahead search annotates: what was already read of it (`head`), then the
/// rest of `input`; and the document it is, when terms are judged.
pub(crate) struct Source<'r, R> {
    pub(crate) input: &'r mut TextReader<R>,
    pub(crate) head: String,
    pub(crate) document: Option<&'r Document>,
}

impl<'r, R> Source<'r, R> {
    /// All of `input`, its terms not judged.
    #[cfg(test)]
    pub(crate) fn new(input: &'r mut TextReader<R>) -> Source<'r, R> {
        Source {
            input,
            head: String::new(),
            document: None,
        }
    }
}

/// The most bytes a window holds (with two or more threads): three windows are held at once
/// (one read, one searched, one rendered), so memory stays bounded however many cores there are.
const MAX_WINDOW: usize = 8 * PER_THREAD;

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
/// one renders the window before it: the command line's way to keep two cores busy, since
/// reading, checking and rendering the text take a good part of the time.
///
/// Windows of 1 MiB a thread (8 MiB at most) overlap by more than a match and the renderer's
/// lookahead, so wherever rendering a window stops, the next one holds the text from there on.
/// Its search, made ahead of time from its start, is joined to the search from that point as
/// [`Annotator::find_all_parallel`] joins its parts ([`Found::Ahead`]): the output is the same
/// as [`StreamSearch`]'s. `threads` above 2 also search each window in parts. Returns the
/// length of the text in bytes; [`Render::begin`] and [`Render::finish`] are the caller's.
pub(crate) fn annotate_ahead<R: Read>(
    ann: &Annotator,
    source: Source<'_, R>,
    render: &mut dyn Render,
    out: &mut dyn Write,
    threads: usize,
) -> Result<u64, Error> {
    let size = threads
        .saturating_mul(PER_THREAD)
        .clamp(PER_THREAD, MAX_WINDOW);
    annotate_ahead_in(ann, source, render, out, threads, size)
}

/// [`annotate_ahead`] with windows of `size` bytes (at least four times their overlap).
pub(super) fn annotate_ahead_in<R: Read>(
    ann: &Annotator,
    source: Source<'_, R>,
    render: &mut dyn Render,
    out: &mut dyn Write,
    threads: usize,
    size: usize,
) -> Result<u64, Error> {
    let Source {
        input,
        head: mut window,
        document,
    } = source;
    let keep = ann.max_match_bytes() + LOOK_AHEAD;
    // Wherever rendering a window stops, the next one holds the text from there on, with what
    // the renderer and a decision on a term's sense look at before it.
    let overlap = keep + lookahead(render, document) + 2 * LOOK_BEHIND + context(document) + 8;
    let size = size.max(4 * overlap);
    let mut eof = fill(input, &mut window, size)?;
    if eof {
        // One window: nothing to work ahead on.
        let mut matches = Found::Each(ann.find_iter(&window));
        let whole = Window {
            text: &window,
            base: 0,
            base_chars: 0,
            keep,
            document,
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
                document,
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
