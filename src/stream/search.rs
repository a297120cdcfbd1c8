//! Searching text that arrives piece by piece, with memory bounded by the longest match.

use std::io::{self, Write};

use super::sink::{Render, Term};
use crate::annotator::{Annotator, FindIter};
use crate::matches::Match;
use crate::sense::{CONTEXT_BYTES, Document, READ_AFTER};
// The most threads a stream search is cut for, which bounds its window to 64 MiB.
use crate::parallel::MAX_THREADS;
use crate::util::{count_chars, count_chars_in, floor_char_boundary};

/// With more than one thread, a window is searched once it holds this many bytes a thread:
/// starting a thread costs tens of microseconds, searching a megabyte about a millisecond.
pub(super) const PER_THREAD: usize = 1024 * 1024;

/// Bytes of already searched text kept in front of the search position: the boundary rule looks
/// at the character before a match, and renderers look at it to see an opening quote.
pub(super) const LOOK_BEHIND: usize = 16;

/// Extra bytes kept after [`Annotator::max_match_bytes`]: the boundary rule looks at one
/// character (at most 4 bytes) after a match.
pub(super) const LOOK_AHEAD: usize = 8;

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
    pub(super) per_thread: usize,
    /// The document the text is, when the terms handed out are judged.
    document: Option<Document>,
}

/// The matches of one search of the window: found as the loop asks, or all at once by
/// several threads.
// One lives on the stack for each search of a window: its size does not matter.
#[allow(clippy::large_enum_variant)]
pub(super) enum Found<'a, 'h> {
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
            document: None,
        }
    }

    /// Judges each term handed out in `document`, the document the text is (read from its
    /// beginning with [`Annotator::read_document`]): [`Term::applies`] and [`Term::why`] then
    /// say whether the entry's definition holds there, as [`Annotator::find_senses`] would on
    /// the whole text. The search then keeps [`CONTEXT_BYTES`](crate::sense::CONTEXT_BYTES)
    /// more on either side of a match, which is what a decision reads around it.
    ///
    /// ```
    /// use zhgloss::render::{Render, Term};
    ///
    /// /// Writes each term that applies in brackets.
    /// struct Brackets;
    /// impl Render for Brackets {
    ///     fn text(&mut self, out: &mut dyn std::io::Write, text: &str) -> std::io::Result<()> {
    ///         out.write_all(text.as_bytes())
    ///     }
    ///     fn term(&mut self, out: &mut dyn std::io::Write, t: &Term<'_>) -> std::io::Result<()> {
    ///         match t.applies() {
    ///             true => write!(out, "[{}]", t.matched()),
    ///             false => out.write_all(t.matched().as_bytes()),
    ///         }
    ///     }
    /// }
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let text = "广州市深化“一网通办”，编制三线一单。";
    /// let mut search = zhgloss::StreamSearch::new(&ann).document(ann.read_document(text));
    /// let mut out = Vec::new();
    /// for piece in text.split_inclusive('，') {
    ///     search.push(piece, &mut Brackets, &mut out)?;
    /// }
    /// search.finish(&mut Brackets, &mut out)?;
    /// assert_eq!(String::from_utf8(out)?, "广州市深化“一网通办”，编制[三线一单]。");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn document(mut self, document: Document) -> StreamSearch<'a> {
        self.document = Some(document);
        self
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
        let lookahead = lookahead(render, self.document.as_ref());
        if unsearched < enough.max(2 * self.keep + lookahead) {
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
            document: self.document.as_ref(),
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
pub(super) struct Cursor {
    pub(super) from: usize,
    pub(super) written: usize,
}

/// A window of the text: `text` starts at byte `base` and char `base_chars` of the whole text.
pub(super) struct Window<'h> {
    pub(super) text: &'h str,
    pub(super) base: usize,
    pub(super) base_chars: usize,
    /// How far before the end of the window a match must start to be final.
    pub(super) keep: usize,
    /// The document the text is, when terms are judged.
    pub(super) document: Option<&'h Document>,
}

/// How many bytes after a match must be in the window before it is handed out: what the
/// renderer wants to see, and what a decision on its sense reads.
pub(super) fn lookahead(render: &dyn Render, document: Option<&Document>) -> usize {
    let reads = if document.is_some() { READ_AFTER } else { 0 };
    render.lookahead().max(reads)
}

/// How many bytes before a match a decision on its sense reads.
pub(super) fn context(document: Option<&Document>) -> usize {
    if document.is_some() { CONTEXT_BYTES } else { 0 }
}

impl<'h> Window<'h> {
    /// Hands to `render` the text and terms of the window from `cursor` on that no later text
    /// can change (with `eof`, all of them), taking the matches from `matches` (a search of
    /// the window from `cursor.from`). Returns where the search stands after them, and the
    /// byte of the window before which nothing of it is needed any more.
    pub(super) fn render<'a>(
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
        let needed = lookahead.max(if self.document.is_some() {
            READ_AFTER
        } else {
            0
        });
        // Offsets below are into the window unless named absolute.
        let mut written = cursor.written - self.base;
        let mut from = cursor.from - self.base;
        let mut unfinished = None;
        while let Some(m) = matches.next() {
            // A match is final when everything that could change it is in the window: any match
            // starting at or before it ends within `max_match_bytes`, and the boundary rule
            // looks one character further. The renderer may want to see more after it.
            if !eof && (m.start() + self.keep > len || m.end() + needed > len) {
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
            match self.document {
                Some(document) => {
                    let sense = ann.sense(document, buf, &m);
                    render.term(out, &term.judged(&sense))?;
                }
                None => render.term(out, &term)?,
            }
            written = m.end();
            from = m.end();
            // The renderer saw text after the term that holds no terms (a gloss already there):
            // search on after it, as text.
            let skip = render
                .resume_at()
                .and_then(|abs| usize::try_from(abs).ok())
                .and_then(|abs| abs.checked_sub(self.base));
            if let Some(skip) = skip.filter(|&k| k > from && k <= len) {
                from = floor_char_boundary(buf, skip);
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
        let behind = LOOK_BEHIND + context(self.document);
        let cut = floor_char_boundary(buf, written.min(from).saturating_sub(behind));
        let cursor = Cursor {
            from: self.base + from,
            written: self.base + written,
        };
        Ok((cursor, cut))
    }
}

/// Where the window that follows `text` starts: its last `overlap` bytes (to a char boundary)
/// start the next one.
pub(super) fn tail_start(text: &str, overlap: usize) -> usize {
    floor_char_boundary(text, text.len().saturating_sub(overlap))
}
