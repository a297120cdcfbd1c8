//! What the human formats share: marks that go after the closing quote that wraps a term, which
//! entries a document has glossed, and its notes.

use std::io::{self, Write};

use super::options::Options;
use super::place::Flow;
use crate::annotator::Annotator;
use crate::fold::{CLOSING_QUOTES, OPENING_QUOTES};
use crate::glossary::{Entry, Translation};
use crate::scopes::scope_label;
use crate::stream::Term;

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

/// The entry's translation into `lang`, when a language is asked for and the entry has one.
pub(super) fn translation<'e>(entry: &'e Entry, lang: Option<&str>) -> Option<&'e Translation> {
    lang.and_then(|lang| entry.translation(lang))
}

/// The definition a note shows: the translated one where the entry has it in `lang`, else the
/// Chinese one; with the language tag of a translated one.
pub(super) fn definition<'e>(
    entry: &'e Entry,
    lang: Option<&'e str>,
) -> (&'e str, Option<&'e str>) {
    match translation(entry, lang).and_then(|t| t.definition.as_deref()) {
        Some(d) if !d.trim().is_empty() => (d.trim(), lang),
        _ => (entry.definition.trim(), None),
    }
}

/// How a note names its entry: the term, its translation into `lang` where it has one, and
/// where its definition holds when an occurrence glossed may not be in its sense
/// (四纵四横（金山区）, 一网通办（Government Online-Offline Shanghai；上海市，2018年起）).
pub(super) fn note_head(notes: &Notes, index: usize, entry: &Entry, lang: Option<&str>) -> String {
    let parts: Vec<String> = [
        translation(entry, lang).map(|t| t.term.trim().to_string()),
        scope_label(entry).filter(|_| notes.doubtful(index)),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        entry.term.clone()
    } else {
        format!("{}（{}）", entry.term, parts.join("；"))
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
/// formats): the notes, the flow of its text (marks waiting for their place, its own glossary
/// section), and whether the text so far ends a line.
pub(super) struct NoteMarks {
    every: bool,
    all_senses: bool,
    pub(super) notes: Notes,
    pub(super) flow: Flow,
    line_end: LineEnd,
    empty: bool,
}

impl NoteMarks {
    pub(super) fn new(annotator: &Annotator, options: &Options) -> NoteMarks {
        let entries = annotator.glossary().entries.len();
        NoteMarks {
            every: options.every,
            all_senses: options.all_senses,
            notes: Notes::new(annotator),
            flow: Flow::new(entries),
            line_end: LineEnd::default(),
            empty: true,
        }
    }

    /// Starts a document.
    pub(super) fn begin(&mut self) {
        self.notes.clear();
        self.flow.begin();
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
        self.flow.write(out, text, write)
    }

    /// Writes a term's text with `write`, then, if this occurrence is glossed and gets a note,
    /// its mark (`mark(n)` for note `n`): now, or where it belongs (see [`Flow::place`]).
    /// Returns whether a mark was written now. In the document's own glossary section nothing
    /// is marked.
    pub(super) fn term(
        &mut self,
        out: &mut dyn Write,
        term: &Term<'_>,
        mut write: impl FnMut(&mut dyn Write, &str) -> io::Result<()>,
        mark: impl FnOnce(usize) -> String,
    ) -> io::Result<bool> {
        self.flow.before_term(out, term.matched().len())?;
        self.empty = false;
        self.line_end.saw(term.matched());
        let index = term.as_match().entry_index();
        if let Some(head) = self.flow.in_section(term) {
            if head {
                self.flow.define(index);
            }
            self.flow.write(out, term.matched(), &mut write)?;
            return Ok(false);
        }
        self.flow.write(out, term.matched(), &mut write)?;
        if !glossed(term, self.all_senses) {
            return Ok(false);
        }
        let Some(n) = self.notes.mark(index, self.every, term.applies()) else {
            return Ok(false);
        };
        self.line_end.0 = false;
        let at = self
            .flow
            .place(term, wrapping_quote(term.before(), term.after()));
        self.flow.insert(out, at, mark(n))?;
        Ok(at == 0)
    }

    /// Ends the document's text, writing a waiting mark. Returns `None` when the document has
    /// no notes, else whether they need a line break first (the text does not end a line).
    pub(super) fn finish(&mut self, out: &mut dyn Write) -> io::Result<Option<bool>> {
        self.flow.flush(out)?;
        if self.notes.order.is_empty() {
            return Ok(None);
        }
        Ok(Some(!self.empty && !self.line_end.0))
    }
}

/// The line a notes list writes for the notes it leaves out because the document's own glossary
/// section defines their terms: `³ ⁷：见本文“名词解释”（第 153 行）`, the marks written by
/// `mark`, or `None` when there are none.
pub(super) fn own_section_line(
    notes: &Notes,
    flow: &Flow,
    mark: impl Fn(usize) -> String,
) -> Option<String> {
    let (line, heading) = flow.section()?;
    let marks: Vec<String> = notes
        .order
        .iter()
        .enumerate()
        .filter(|&(_, &index)| flow.defined(index))
        .map(|(i, _)| mark(i + 1))
        .collect();
    if marks.is_empty() {
        return None;
    }
    Some(format!(
        "{}：见本文“{}”（第 {line} 行）",
        marks.join(" "),
        heading.trim_end_matches(['：', ':'])
    ))
}
