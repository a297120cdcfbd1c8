//! The footnote format: note marks after glossed terms, the notes at the end. The marks are
//! those of a notation the document does not use itself ([`super::notation`]).

use std::fmt::Write as _;
use std::io::{self, Write};

use super::notation::{Marks, NOTE_PREVIEW, Notation};
use super::notes::{NoteMarks, definition, note_head, own_section_line, write_plain};
use super::options::Options;
use super::place::PLACE_LOOKAHEAD;
use crate::annotator::Annotator;
use crate::stream::{Render, Term};

/// The footnote format.
pub(super) struct Footnote<'a> {
    annotator: &'a Annotator,
    marks: NoteMarks,
    lang: Option<String>,
    /// The notation asked for, if any.
    forced: Option<Notation>,
    /// The marks of the current document.
    notation: Marks,
}

impl<'a> Footnote<'a> {
    pub(super) fn new(annotator: &'a Annotator, options: &Options) -> Footnote<'a> {
        Footnote {
            annotator,
            marks: NoteMarks::new(annotator, options),
            lang: options.lang.clone(),
            forced: options.notation,
            notation: Marks::forced(options.notation.unwrap_or(Notation::Superscript)),
        }
    }
}

impl Render for Footnote<'_> {
    /// The closing quote that wraps a term, or the rest of a title it is in.
    fn lookahead(&self) -> usize {
        PLACE_LOOKAHEAD
    }

    /// The document's text, to choose marks it does not contain; none when a notation is
    /// forced.
    fn preview_len(&self) -> usize {
        if self.forced.is_some() {
            0
        } else {
            NOTE_PREVIEW
        }
    }

    fn preview(&mut self, text: &str, _whole: bool) {
        if self.forced.is_none() {
            // A document has at most one note per entry.
            let most = self.annotator.glossary().entries.len();
            self.notation = Marks::choose(text, most);
        }
    }

    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        self.marks.begin();
        self.notation = Marks::forced(self.forced.unwrap_or(Notation::Superscript));
        Ok(())
    }

    fn text(&mut self, out: &mut dyn Write, text: &str) -> io::Result<()> {
        self.marks.text(out, text, write_plain)
    }

    fn term(&mut self, out: &mut dyn Write, term: &Term<'_>) -> io::Result<()> {
        let notation = self.notation;
        self.marks
            .term(out, term, write_plain, |n| notation.mark(n))
            .map(|_| ())
    }

    fn finish(&mut self, out: &mut dyn Write, _bytes: u64) -> io::Result<()> {
        let Some(line_break) = self.marks.finish(out)? else {
            return Ok(());
        };
        let mut notes = String::new();
        if line_break {
            notes.push('\n');
        }
        notes.push_str("\n注解\n");
        // What the document's own glossary section defines is not repeated: one line points
        // to it.
        let flow = &self.marks.flow;
        for (i, &index) in self.marks.notes.order.iter().enumerate() {
            if flow.defined(index) {
                continue;
            }
            if let Some(e) = self.annotator.glossary().entries.get(index) {
                let _ = writeln!(
                    notes,
                    "{} {}：{}",
                    self.notation.mark(i + 1),
                    note_head(&self.marks.notes, index, e, self.lang.as_deref()),
                    definition(e, self.lang.as_deref()).0
                );
            }
        }
        let notation = self.notation;
        if let Some(line) = own_section_line(&self.marks.notes, flow, |n| notation.mark(n)) {
            notes.push_str(&line);
            notes.push('\n');
        }
        out.write_all(notes.as_bytes())
    }
}
