//! The Markdown format: footnote references after glossed terms, the definitions as footnotes.

use std::io::{self, Write};

use super::notes::{LineEnd, Notes, Pending, flush_pending, wrapping_quote, write_with_pending};
use super::options::Options;
use crate::annotator::Annotator;
use crate::stream::{Render, Term};

/// Backslash-escapes Markdown syntax in plain text, remembering across pieces whether the
/// next character starts a line (where `#`, `+`, `-`, `=` and `1.` are syntax too).
#[derive(Default)]
struct MarkdownEscape {
    /// Only spaces since the last line break.
    line_start: bool,
    /// Only digits since the start of the line.
    digits: bool,
}

impl MarkdownEscape {
    fn new() -> MarkdownEscape {
        MarkdownEscape {
            line_start: true,
            digits: false,
        }
    }

    fn write(&mut self, out: &mut dyn Write, text: &str) -> io::Result<()> {
        let mut escaped = String::with_capacity(text.len() + 8);
        for c in text.chars() {
            let escape = match c {
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' => true,
                '#' | '+' | '-' | '=' => self.line_start,
                '.' | ')' => self.digits,
                _ => false,
            };
            if escape {
                escaped.push('\\');
            }
            escaped.push(c);
            match c {
                '\n' => {
                    self.line_start = true;
                    self.digits = false;
                }
                ' ' | '\t' if self.line_start => {}
                '0'..='9' if self.line_start || self.digits => {
                    self.line_start = false;
                    self.digits = true;
                }
                _ => {
                    self.line_start = false;
                    self.digits = false;
                }
            }
        }
        out.write_all(escaped.as_bytes())
    }
}

/// The Markdown format.
pub(super) struct Markdown<'a> {
    annotator: &'a Annotator,
    every: bool,
    notes: Notes,
    /// Note numbers already used by earlier documents: labels are unique in the whole output.
    offset: usize,
    escape: MarkdownEscape,
    pending: Option<Pending>,
    line_end: LineEnd,
    empty: bool,
}

impl<'a> Markdown<'a> {
    pub(super) fn new(annotator: &'a Annotator, options: &Options) -> Markdown<'a> {
        Markdown {
            annotator,
            every: options.every,
            notes: Notes::new(annotator),
            offset: 0,
            escape: MarkdownEscape::new(),
            pending: None,
            line_end: LineEnd::default(),
            empty: true,
        }
    }
}

impl Render for Markdown<'_> {
    fn lookahead(&self) -> usize {
        4
    }

    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        self.offset += self.notes.order.len();
        self.notes.clear();
        self.escape = MarkdownEscape::new();
        self.pending = None;
        self.line_end = LineEnd::default();
        self.empty = true;
        Ok(())
    }

    fn text(&mut self, out: &mut dyn Write, text: &str) -> io::Result<()> {
        self.empty &= text.is_empty();
        self.line_end.saw(text);
        let escape = &mut self.escape;
        write_with_pending(out, text, &mut self.pending, |out, t| escape.write(out, t))
    }

    fn term(&mut self, out: &mut dyn Write, term: &Term<'_>) -> io::Result<()> {
        flush_pending(out, &mut self.pending)?;
        self.empty = false;
        self.line_end.saw(term.matched());
        self.escape.write(out, term.matched())?;
        let Some(n) = self.notes.mark(term.as_match().entry_index(), self.every) else {
            return Ok(());
        };
        self.line_end.0 = false;
        let insert = format!("[^{}]", self.offset + n);
        match wrapping_quote(term.before(), term.after()) {
            0 => {
                self.escape.line_start = false;
                out.write_all(insert.as_bytes())
            }
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
        if !self.empty && !self.line_end.0 {
            out.write_all(b"\n")?;
        }
        for (i, &index) in self.notes.order.iter().enumerate() {
            let Some(e) = self.annotator.glossary().entries.get(index) else {
                continue;
            };
            write!(out, "\n[^{}]: **", self.offset + i + 1)?;
            let mut escape = MarkdownEscape::default();
            escape.write(out, &e.term)?;
            out.write_all("**：".as_bytes())?;
            escape.write(out, e.definition.trim())?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}
