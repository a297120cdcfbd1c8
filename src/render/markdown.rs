//! The Markdown format: footnote references after glossed terms, the definitions as footnotes.

use std::io::{self, Write};

use super::notes::{NoteMarks, definition, translation};
use super::options::Options;
use super::place::PLACE_LOOKAHEAD;
use crate::annotator::Annotator;
use crate::scopes::scope_label;
use crate::stream::{Render, Term};

/// Escapes plain text for CommonMark (with GitHub's extensions), remembering across pieces
/// whether the next character starts a line: nothing in the text can open a construct the
/// renderer did not write.
///
/// - Inline syntax is backslash-escaped wherever it stands: `` \ ` * _ [ ] < > | ~ & ! ( ``
///   (emphasis, code, links and images, footnote references, raw HTML and autolinks, tables,
///   strikethrough, entities; `(` so that no text after a footnote reference `[^1]` can make it
///   a link).
/// - GitHub's extended autolinks (`http://…`, `www.…`) would read a URL on through the escapes
///   after it, showing them as backslashes: `:` is escaped, and `.` after `www`, which keeps
///   them text. (An email address is still linked by GitHub, as the address it spells; its
///   link stops at the first escape.)
/// - At the start of a line (after `\n`, `\r` or `\r\n`, CommonMark's line endings), `# + - =`
///   are escaped (headings, lists, thematic breaks, setext underlines), and `.` or `)` after
///   leading digits (ordered lists); leading spaces and tabs are written as character
///   references (`&#32;`, `&#9;`), which show as the same white space but are no indentation,
///   so no line becomes a code block.
#[derive(Default)]
struct MarkdownEscape {
    /// Nothing but leading white space since the last line break.
    line_start: bool,
    /// Only digits since the start of the line.
    digits: bool,
    /// How many `w` came last.
    w: u8,
}

impl MarkdownEscape {
    fn new() -> MarkdownEscape {
        MarkdownEscape {
            line_start: true,
            digits: false,
            w: 0,
        }
    }

    fn write(&mut self, out: &mut dyn Write, text: &str) -> io::Result<()> {
        let mut escaped = String::with_capacity(text.len() + 8);
        for c in text.chars() {
            match c {
                ' ' if self.line_start => {
                    escaped.push_str("&#32;");
                    continue;
                }
                '\t' if self.line_start => {
                    escaped.push_str("&#9;");
                    continue;
                }
                _ => {}
            }
            let escape = match c {
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '!' | '(' => {
                    true
                }
                ':' => true,
                '#' | '+' | '-' | '=' => self.line_start,
                '.' => self.digits || self.w >= 3,
                ')' => self.digits,
                _ => false,
            };
            self.w = if c == 'w' {
                self.w.saturating_add(1)
            } else {
                0
            };
            if escape {
                escaped.push('\\');
            }
            escaped.push(c);
            match c {
                '\n' | '\r' => {
                    self.line_start = true;
                    self.digits = false;
                }
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

/// A glossary's text for a footnote, which is one paragraph: its line breaks as spaces.
fn one_paragraph(text: &str) -> String {
    text.split(['\n', '\r'])
        .filter(|line| !line.trim().is_empty())
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The Markdown format.
pub(super) struct Markdown<'a> {
    annotator: &'a Annotator,
    marks: NoteMarks,
    /// Note numbers already used by earlier documents: labels are unique in the whole output.
    offset: usize,
    escape: MarkdownEscape,
    lang: Option<String>,
}

impl<'a> Markdown<'a> {
    pub(super) fn new(annotator: &'a Annotator, options: &Options) -> Markdown<'a> {
        Markdown {
            annotator,
            marks: NoteMarks::new(annotator, options),
            offset: 0,
            escape: MarkdownEscape::new(),
            lang: options.lang.clone(),
        }
    }
}

impl Render for Markdown<'_> {
    /// The closing quote that wraps a term, or the rest of a title it is in.
    fn lookahead(&self) -> usize {
        PLACE_LOOKAHEAD
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
        let own = self.marks.flow.section();
        for (i, &index) in self.marks.notes.order.iter().enumerate() {
            let Some(e) = self.annotator.glossary().entries.get(index) else {
                continue;
            };
            write!(out, "\n[^{}]: **", self.offset + i + 1)?;
            let mut escape = MarkdownEscape::default();
            escape.write(out, &one_paragraph(&e.term))?;
            out.write_all(b"**")?;
            // Defined by the document's own glossary section: every reference needs its
            // footnote, so each says where, instead of repeating the definition.
            if let Some((line, heading)) = own.filter(|_| self.marks.flow.defined(index)) {
                out.write_all("：见本文“".as_bytes())?;
                escape.write(out, heading.trim_end_matches(['：', ':']))?;
                writeln!(out, "”（第 {line} 行）")?;
                continue;
            }
            let lang = self.lang.as_deref();
            let head: Vec<String> = [
                translation(e, lang).map(|t| t.term.clone()),
                scope_label(e).filter(|_| self.marks.notes.doubtful(index)),
            ]
            .into_iter()
            .flatten()
            .collect();
            if !head.is_empty() {
                out.write_all("（".as_bytes())?;
                escape.write(out, &one_paragraph(&head.join("；")))?;
                out.write_all("）".as_bytes())?;
            }
            out.write_all("：".as_bytes())?;
            escape.write(out, &one_paragraph(definition(e, lang).0))?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}
