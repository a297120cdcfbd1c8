//! What the human formats share: marks that go after the closing quote that wraps a term, which
//! entries a document has glossed, and its notes.

use std::io::{self, Write};

use crate::annotator::Annotator;
use crate::fold::{CLOSING_QUOTES, OPENING_QUOTES};
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

/// Numbers the glossed entries of a document in order of first use.
pub(super) struct Notes {
    /// For each entry index, its note number (from 1) in the current document.
    number: Vec<usize>,
    /// Entry indices in note order.
    pub(super) order: Vec<usize>,
}

impl Notes {
    pub(super) fn new(annotator: &Annotator) -> Notes {
        Notes {
            number: vec![0; annotator.glossary().entries.len()],
            order: Vec::new(),
        }
    }

    /// The note number of this occurrence, or `None` when it gets no mark (not the first
    /// occurrence, and not every occurrence is glossed).
    pub(super) fn mark(&mut self, index: usize, every: bool) -> Option<usize> {
        let slot = self.number.get_mut(index)?;
        if *slot == 0 {
            self.order.push(index);
            *slot = self.order.len();
            Some(*slot)
        } else if every {
            Some(*slot)
        } else {
            None
        }
    }

    pub(super) fn clear(&mut self) {
        self.number.iter_mut().for_each(|n| *n = 0);
        self.order.clear();
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
