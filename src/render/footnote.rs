//! The footnote format: superscript note numbers after glossed terms, the notes at the end.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::notes::{NoteMarks, definition, note_head, own_section_line, write_plain};
use super::options::Options;
use super::place::PLACE_LOOKAHEAD;
use crate::annotator::Annotator;
use crate::stream::{Render, Term};

/// Numbers written as superscripts: 12 is ¹².
fn superscript(n: usize) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .bytes()
        .map(|b| DIGITS.get(usize::from(b - b'0')).copied().unwrap_or('⁰'))
        .collect()
}

/// The footnote format.
pub(super) struct Footnote<'a> {
    annotator: &'a Annotator,
    marks: NoteMarks,
    lang: Option<String>,
}

impl<'a> Footnote<'a> {
    pub(super) fn new(annotator: &'a Annotator, options: &Options) -> Footnote<'a> {
        Footnote {
            annotator,
            marks: NoteMarks::new(annotator, options),
            lang: options.lang.clone(),
        }
    }
}

impl Render for Footnote<'_> {
    /// The closing quote that wraps a term, or the rest of a title it is in.
    fn lookahead(&self) -> usize {
        PLACE_LOOKAHEAD
    }

    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        self.marks.begin();
        Ok(())
    }

    fn text(&mut self, out: &mut dyn Write, text: &str) -> io::Result<()> {
        self.marks.text(out, text, write_plain)
    }

    fn term(&mut self, out: &mut dyn Write, term: &Term<'_>) -> io::Result<()> {
        self.marks
            .term(out, term, write_plain, superscript)
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
                    superscript(i + 1),
                    note_head(&self.marks.notes, index, e, self.lang.as_deref()),
                    definition(e, self.lang.as_deref()).0
                );
            }
        }
        if let Some(line) = own_section_line(&self.marks.notes, flow, superscript) {
            notes.push_str(&line);
            notes.push('\n');
        }
        out.write_all(notes.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn superscripts() {
        assert_eq!(superscript(1), "¹");
        assert_eq!(superscript(29), "²⁹");
        assert_eq!(superscript(10), "¹⁰");
    }
}
