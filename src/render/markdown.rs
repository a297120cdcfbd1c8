//! The Markdown format: footnote references after glossed terms, the definitions as footnotes.

use std::io::{self, Write};

use super::notes::NoteMarks;
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
    marks: NoteMarks,
    /// Note numbers already used by earlier documents: labels are unique in the whole output.
    offset: usize,
    escape: MarkdownEscape,
}

impl<'a> Markdown<'a> {
    pub(super) fn new(annotator: &'a Annotator, options: &Options) -> Markdown<'a> {
        Markdown {
            annotator,
            marks: NoteMarks::new(annotator, options.every),
            offset: 0,
            escape: MarkdownEscape::new(),
        }
    }
}

impl Render for Markdown<'_> {
    fn lookahead(&self) -> usize {
        4
    }

    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        self.offset += self.marks.notes.order.len();
        self.marks.begin();
        self.escape = MarkdownEscape::new();
        Ok(())
    }

    fn text(&mut self, out: &mut dyn Write, text: &str) -> io::Result<()> {
        let escape = &mut self.escape;
        self.marks.text(out, text, |out, t| escape.write(out, t))
    }

    fn term(&mut self, out: &mut dyn Write, term: &Term<'_>) -> io::Result<()> {
        let (escape, offset) = (&mut self.escape, self.offset);
        let written = self.marks.term(
            out,
            term,
            |out, t| escape.write(out, t),
            |n| format!("[^{}]", offset + n),
        )?;
        if written {
            self.escape.line_start = false;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _bytes: u64) -> io::Result<()> {
        let Some(line_break) = self.marks.finish(out)? else {
            return Ok(());
        };
        if line_break {
            out.write_all(b"\n")?;
        }
        for (i, &index) in self.marks.notes.order.iter().enumerate() {
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
