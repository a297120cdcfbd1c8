//! What the human formats share: marks that go after the closing quote that wraps a term, which
//! entries a document has glossed, and its notes.

use std::io::{self, Write};

use super::options::Options;
use crate::annotator::Annotator;
use crate::fold::{CLOSING_QUOTES, OPENING_QUOTES};
use crate::glossary::Entry;
use crate::scopes::scope_label;
use crate::stream::Term;
use crate::util::floor_char_boundary;

/// The length of the closing quote right after a term when an opening quote right before it
/// wraps it (“金 10 条”), else 0: the text `before` and `after` the term.
pub(super) fn wrapping_quote(before: &str, after: &str) -> usize {
    let opened = before
        .chars()
        .next_back()
        .is_some_and(|c| OPENING_QUOTES.contains(&c));
    match after.chars().next() {
        Some(c) if opened && CLOSING_QUOTES.contains(&c) => c.len_utf8(),
        _ => 0,
    }
}

/// Text to insert once the next `bytes` bytes of text have been written: a gloss or note mark
/// that goes after the closing quote wrapping a term.
pub(super) struct Pending {
    pub(super) bytes: usize,
    pub(super) insert: String,
}

/// Writes `text` with `write`, inserting a pending insertion where it belongs.
pub(super) fn write_with_pending(
    out: &mut dyn Write,
    text: &str,
    pending: &mut Option<Pending>,
    mut write: impl FnMut(&mut dyn Write, &str) -> io::Result<()>,
) -> io::Result<()> {
    let Some(p) = pending.as_mut() else {
        return write(out, text);
    };
    // Pending bytes are a whole closing quote, and text comes cut on char boundaries.
    let n = floor_char_boundary(text, p.bytes);
    write(out, text.get(..n).unwrap_or_default())?;
    p.bytes -= n;
    if p.bytes > 0 {
        return Ok(());
    }
    out.write_all(p.insert.as_bytes())?;
    *pending = None;
    write(out, text.get(n..).unwrap_or_default())
}

/// Writes a pending insertion now (before a term that starts at the quote, or at the end).
pub(super) fn flush_pending(out: &mut dyn Write, pending: &mut Option<Pending>) -> io::Result<()> {
    if let Some(p) = pending.take() {
        out.write_all(p.insert.as_bytes())?;
    }
    Ok(())
}

pub(super) fn write_plain(out: &mut dyn Write, text: &str) -> io::Result<()> {
    out.write_all(text.as_bytes())
}

/// Which entries have been glossed in the current document.
pub(super) struct Seen(Vec<bool>);

impl Seen {
    pub(super) fn new(annotator: &Annotator) -> Seen {
        Seen(vec![false; annotator.glossary().entries.len()])
    }

    /// Marks the entry as glossed; true if it was not yet.
    pub(super) fn first(&mut self, index: usize) -> bool {
        match self.0.get_mut(index) {
            Some(seen) => !std::mem::replace(seen, true),
            None => false,
        }
    }

    pub(super) fn clear(&mut self) {
        self.0.iter_mut().for_each(|s| *s = false);
    }
}

/// Which occurrences the human formats gloss: those whose entry's definition holds there,
/// or all of them with [`Options::all_senses`](super::Options::all_senses).
pub(super) fn glossed(term: &Term<'_>, all_senses: bool) -> bool {
    all_senses || term.applies()
}

/// Numbers the glossed entries of a document in order of first use.
pub(super) struct Notes {
    /// For each entry index, its note number (from 1) in the current document.
    number: Vec<usize>,
    /// For each entry index, whether an occurrence glossed may not be in its sense.
    doubtful: Vec<bool>,
    /// Entry indices in note order.
    pub(super) order: Vec<usize>,
}

impl Notes {
    pub(super) fn new(annotator: &Annotator) -> Notes {
        let entries = annotator.glossary().entries.len();
        Notes {
            number: vec![0; entries],
            doubtful: vec![false; entries],
            order: Vec::new(),
        }
    }

    /// The note number of this occurrence, or `None` when it gets no mark (not the first
    /// occurrence, and not every occurrence is glossed). `applies`: whether the entry's
    /// definition holds at this occurrence.
    pub(super) fn mark(&mut self, index: usize, every: bool, applies: bool) -> Option<usize> {
        let slot = self.number.get_mut(index)?;
        let n = if *slot == 0 {
            self.order.push(index);
            *slot = self.order.len();
            *slot
        } else if every {
            *slot
        } else {
            return None;
        };
        if let Some(d) = self.doubtful.get_mut(index) {
            *d |= !applies;
        }
        Some(n)
    }

    /// Whether an occurrence of the entry marked in this document may not be in its sense:
    /// its note then names where the definition holds.
    pub(super) fn doubtful(&self, index: usize) -> bool {
        self.doubtful.get(index).copied().unwrap_or(false)
    }

    pub(super) fn clear(&mut self) {
        self.number.iter_mut().for_each(|n| *n = 0);
        self.doubtful.iter_mut().for_each(|d| *d = false);
        self.order.clear();
    }
}

/// How a note names its entry: the term, and where its definition holds when an occurrence
/// glossed may not be in its sense (四纵四横（金山区）).
pub(super) fn note_head(notes: &Notes, index: usize, entry: &Entry) -> String {
    match scope_label(entry).filter(|_| notes.doubtful(index)) {
        Some(label) => format!("{}（{label}）", entry.term),
        None => entry.term.clone(),
    }
}

/// Remembers whether the output so far ends with a line break, to start the notes on a line of
/// their own.
#[derive(Default)]
pub(super) struct LineEnd(pub(super) bool);

impl LineEnd {
    pub(super) fn saw(&mut self, text: &str) {
        if let Some(c) = text.chars().next_back() {
            self.0 = c == '\n';
        }
    }
}

/// What a format that numbers its glossed terms keeps for a document (the footnote and Markdown
/// formats): the notes, a mark waiting for the closing quote that wraps its term, and whether
/// the text so far ends a line.
pub(super) struct NoteMarks {
    every: bool,
    all_senses: bool,
    pub(super) notes: Notes,
    pending: Option<Pending>,
    line_end: LineEnd,
    empty: bool,
}

impl NoteMarks {
    pub(super) fn new(annotator: &Annotator, options: &Options) -> NoteMarks {
        NoteMarks {
            every: options.every,
            all_senses: options.all_senses,
            notes: Notes::new(annotator),
            pending: None,
            line_end: LineEnd::default(),
            empty: true,
        }
    }

    /// Starts a document.
    pub(super) fn begin(&mut self) {
        self.notes.clear();
        self.pending = None;
        self.line_end = LineEnd::default();
        self.empty = true;
    }

    /// Writes plain text with `write`, and a waiting mark where it belongs.
    pub(super) fn text(
        &mut self,
        out: &mut dyn Write,
        text: &str,
        write: impl FnMut(&mut dyn Write, &str) -> io::Result<()>,
    ) -> io::Result<()> {
        self.empty &= text.is_empty();
        self.line_end.saw(text);
        write_with_pending(out, text, &mut self.pending, write)
    }

    /// Writes a term's text with `write`, then, if this occurrence is glossed and gets a note, its mark
    /// (`mark(n)` for note `n`): now, or after the closing quote that wraps the term. Returns
    /// whether a mark was written now.
    pub(super) fn term(
        &mut self,
        out: &mut dyn Write,
        term: &Term<'_>,
        mut write: impl FnMut(&mut dyn Write, &str) -> io::Result<()>,
        mark: impl FnOnce(usize) -> String,
    ) -> io::Result<bool> {
        flush_pending(out, &mut self.pending)?;
        self.empty = false;
        self.line_end.saw(term.matched());
        write(out, term.matched())?;
        if !glossed(term, self.all_senses) {
            return Ok(false);
        }
        let index = term.as_match().entry_index();
        let Some(n) = self.notes.mark(index, self.every, term.applies()) else {
            return Ok(false);
        };
        self.line_end.0 = false;
        let insert = mark(n);
        match wrapping_quote(term.before(), term.after()) {
            0 => out.write_all(insert.as_bytes()).map(|()| true),
            bytes => {
                self.pending = Some(Pending { bytes, insert });
                Ok(false)
            }
        }
    }

    /// Ends the document's text, writing a waiting mark. Returns `None` when the document has
    /// no notes, else whether they need a line break first (the text does not end a line).
    pub(super) fn finish(&mut self, out: &mut dyn Write) -> io::Result<Option<bool>> {
        flush_pending(out, &mut self.pending)?;
        if self.notes.order.is_empty() {
            return Ok(None);
        }
        Ok(Some(!self.empty && !self.line_end.0))
    }
}
