//! The footnote format: superscript note numbers after glossed terms, the notes at the end.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::notes::{
    LineEnd, Notes, Pending, flush_pending, wrapping_quote, write_plain, write_with_pending,
};
use super::options::Options;
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
    every: bool,
    notes: Notes,
    pending: Option<Pending>,
    line_end: LineEnd,
    empty: bool,
}

impl<'a> Footnote<'a> {
    pub(super) fn new(annotator: &'a Annotator, options: &Options) -> Footnote<'a> {
        Footnote {
            annotator,
            every: options.every,
            notes: Notes::new(annotator),
            pending: None,
            line_end: LineEnd::default(),
            empty: true,
        }
    }
}

impl Render for Footnote<'_> {
    fn lookahead(&self) -> usize {
        4
    }

    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        self.notes.clear();
        self.pending = None;
        self.line_end = LineEnd::default();
        self.empty = true;
        Ok(())
    }

    fn text(&mut self, out: &mut dyn Write, text: &str) -> io::Result<()> {
        self.empty &= text.is_empty();
        self.line_end.saw(text);
        write_with_pending(out, text, &mut self.pending, write_plain)
    }

    fn term(&mut self, out: &mut dyn Write, term: &Term<'_>) -> io::Result<()> {
        flush_pending(out, &mut self.pending)?;
        self.empty = false;
        self.line_end.saw(term.matched());
        out.write_all(term.matched().as_bytes())?;
        let Some(n) = self.notes.mark(term.as_match().entry_index(), self.every) else {
            return Ok(());
        };
        self.line_end.0 = false;
        let insert = superscript(n);
        match wrapping_quote(term.before(), term.after()) {
            0 => out.write_all(insert.as_bytes()),
            bytes => {
                self.pending = Some(Pending { bytes, insert });
                Ok(())
            }
        }
    }

    fn finish(&mut self, out: &mut dyn Write, _bytes: u64) -> io::Result<()> {
        flush_pending(out, &mut self.pending)?;
        if self.notes.order.is_empty() {
            return Ok(());
        }
        let mut notes = String::new();
        if !self.empty && !self.line_end.0 {
            notes.push('\n');
        }
        notes.push_str("\n注解\n");
        for (i, &index) in self.notes.order.iter().enumerate() {
            if let Some(e) = self.annotator.glossary().entries.get(index) {
                let _ = writeln!(
                    notes,
                    "{} {}：{}",
                    superscript(i + 1),
                    e.term,
                    e.definition.trim()
                );
            }
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
