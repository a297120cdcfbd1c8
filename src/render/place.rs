//! Where the human formats put a gloss or a note mark, and what they leave as written.
//!
//! - A mark goes after the term, after the closing quote that wraps it (“金 10 条”¹), after the
//!   unit of a number it ends with, and never inside a book title 《…》 or a bracketed name 〔…〕
//!   【…】 〈…〉: there it waits for the outermost closing mark (《关于落实三线一单的通知》¹). A mark
//!   left open for [`TITLE_REACH`] characters, or across a sentence end, was a stray one.
//! - The document's own glossary section (under a heading `extract` reads: 名词解释, 名詞解釋,
//!   附件：名词注释…, to the next appendix) is left as written: nothing in it is glossed, and the
//!   entries whose headwords it defines are noted, so that the lists the formats append leave
//!   them out and point to it.
//! - So are the glossaries without a heading that `extract` finds by their shape: a numbered
//!   list from 1 announced within [`MENTION_REACH`] lines before (24个名词解释, 这些新名词) or
//!   whose first definition opens with 指, 是指 or 即, `term：指…` paragraphs, and, after such
//!   an announcement, a term on its own line with its definition on the next. A stream is
//!   not read ahead for them: a line is judged when a term in it is seen, from the text before
//!   it on its line and the renderer's lookahead after it, and the list's first entry decides
//!   (where `extract` also asks for a second, and for a list "mostly" saying 指). Such a
//!   section runs while its lines are entries or the continuation of an unfinished sentence (in
//!   a numbered list, also a line right after an entry without a blank line), as `extract`
//!   reads a block found by its shape; the lists point to its first entry's line as
//!   “名词解释”.

use std::io::{self, Write};

use std::sync::OnceLock;

use crate::extract::{
    DEFINITION_LABELS, HEADING_MAX, MENTION_REACH, SECTION_ORIGIN, TERM_LABELS, ends_sentence,
    is_definition_line, is_entry_head, is_entry_line, is_heading, is_marked_entry,
    is_next_appendix, is_numbered, is_term_line, mentions_glossary, opens_shaped_list, strip_label,
};
use crate::stream::Term;
use crate::util::floor_char_boundary;

/// Opening marks of titles and bracketed names, with their closing marks.
const TITLE_MARKS: [(char, char); 4] = [('《', '》'), ('〈', '〉'), ('〔', '〕'), ('【', '】')];

/// The most characters a title or bracketed name holds: past it, an open mark is a stray.
pub(super) const TITLE_REACH: usize = 120;

/// Bytes of text a renderer must see after a term to place its mark after a title: the reach
/// in characters of up to 4 bytes.
pub(super) const PLACE_LOOKAHEAD: usize = 4 * TITLE_REACH;

/// Units and measure words after a number: a term ending with a digit keeps them (双100个).
const UNITS: &str = "个条项家名人户所万亿元%％年月日号次届期批类种倍米吨亩度辆台套件";

/// The most characters of a line kept to recognise a heading: what `extract` reads as one.
const LINE_KEEP: usize = HEADING_MAX;

/// The titles and bracketed names open at a point of the text.
///
/// A gloss the inline format inserted (its [`INLINE_MARK`](crate::render::INLINE_MARK) and the
/// parenthesis after it) is skipped, so that a rendering read again is read as the text was.
#[derive(Clone, Debug, Default)]
pub(super) struct Titles {
    /// Their closing marks, innermost last.
    open: Vec<char>,
    /// Characters since the outermost opened.
    chars: usize,
    /// Inside an inserted gloss: how many of its parentheses are open (0 right after the mark).
    gloss: Option<usize>,
}

impl Titles {
    /// Reads `text`, which follows what was read before.
    pub(super) fn read(&mut self, text: &str) {
        for c in text.chars() {
            self.step(c);
        }
    }

    /// Reads one character; true when it closed the outermost title.
    fn step(&mut self, c: char) -> bool {
        if let Some(depth) = self.gloss {
            self.gloss = match c {
                '（' => Some(depth + 1),
                '）' if depth <= 1 => None,
                '）' => Some(depth - 1),
                _ if depth == 0 => None,
                _ => Some(depth),
            };
            return false;
        }
        if c == crate::util::GLOSS_MARK {
            self.gloss = Some(0);
            return false;
        }
        if let Some(&(_, close)) = TITLE_MARKS.iter().find(|(o, _)| *o == c) {
            if self.open.is_empty() {
                self.chars = 0;
            }
            self.open.push(close);
        } else if self.open.last() == Some(&c) {
            self.open.pop();
            return self.open.is_empty();
        } else if !self.open.is_empty() {
            self.chars += 1;
            if self.chars > TITLE_REACH || matches!(c, '。' | '！' | '？') {
                self.open.clear();
            }
        }
        false
    }

    /// Whether the point is inside a title.
    pub(super) fn inside(&self) -> bool {
        !self.open.is_empty()
    }

    /// Where, in `after` (the text after the point), the outermost open title closes: the byte
    /// offset just past its closing mark, or `None` when it does not close within `after` (or
    /// turns out a stray mark first).
    fn close_in(&self, after: &str) -> Option<usize> {
        let mut titles = self.clone();
        for (i, c) in after.char_indices() {
            if titles.step(c) {
                return Some(i + c.len_utf8());
            }
            if !titles.inside() {
                return None;
            }
        }
        None
    }
}

/// Where a mark for a term goes, as a byte offset into the text after it (`after`): after the
/// title the term is inside, else after the closing quote that wraps it (`quote` bytes) and the
/// unit of a number the term ends with.
pub(super) fn place(titles: &Titles, matched: &str, after: &str, quote: usize) -> usize {
    if titles.inside()
        && let Some(end) = titles.close_in(after)
    {
        return end;
    }
    let ends_with_digit = matched
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    if !ends_with_digit || quote > 0 {
        return quote;
    }
    let unit: usize = after
        .chars()
        .take(2)
        .take_while(|&c| UNITS.contains(c))
        .map(char::len_utf8)
        .sum();
    unit
}

/// The text of a document as a human format writes it: marks waiting for their place, the
/// titles open, and the document's own glossary section.
#[derive(Debug, Default)]
pub(super) struct Flow {
    /// Marks to insert: how many bytes of text are still to be written before each, in order.
    pending: Vec<(usize, String)>,
    titles: Titles,
    /// The current line so far, at most [`LINE_KEEP`] characters of it, and its length.
    line: String,
    line_chars: usize,
    /// The 1-based number of the current line.
    line_number: usize,
    /// While in the document's own glossary section: its heading's line and text.
    section: Option<(usize, String)>,
    /// A heading whose section is not yet confirmed: it is one only if an entry follows it
    /// (a line `1. 三线一单：…`), as `extract` reads it.
    candidate: Option<(usize, String)>,
    /// The last such section of the document.
    last_section: Option<(usize, String)>,
    /// The entries the section defines, by index.
    defined: Vec<bool>,
    /// A glossary without a heading the text is in: how its entries are laid out.
    shape: Option<Shape>,
    /// The last characters of the current line, to tell whether it ends a sentence (and
    /// whether a glossary word starts before a piece).
    tail: String,
    /// Whether a blank line came since the last line with text.
    blank_before: bool,
    /// Whether the last line with text left its sentence unfinished.
    mid_sentence: bool,
    /// The last line that speaks of a glossary (24个名词解释, 这些新名词).
    mention: Option<usize>,
    /// Whether the current line speaks of one.
    mentions: bool,
    /// The last line with text, when it was a term line after a mention: a pair opens there
    /// if a definition line follows.
    term_line: Option<usize>,
    /// Where the current run of `关键词：` label pairs stands.
    labels: Labels,
    /// The line of the first label pair, once a `名词解释：` label confirmed it.
    labels_from: Option<usize>,
}

/// A run of `关键词：` label pairs.
#[derive(Clone, Copy, Debug, Default)]
struct Labels {
    /// The line of its first label.
    at: usize,
    /// A `名词解释：` label came: a definition may run on over a line break.
    defined: bool,
    /// The last line was a label alone: the term is on this one.
    term_next: bool,
}

/// How a glossary found by its shape lays out its entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// `1. term：definition`, from 1.
    Numbered,
    /// `term：指…` paragraphs.
    Marked,
    /// A term on a line of its own, its definition on the next, after a mention of a glossary.
    Pairs,
    /// `关键词：` before a term (on the label's line or the next), `名词解释：` before its
    /// definition, as newspapers retell a report's glossary between quotes from it (which
    /// are glossed as any text).
    Labels,
}

/// The characters of a line's end kept to tell whether it ends a sentence: the mark and the
/// closing quotes and brackets after it.
const TAIL_KEEP: usize = 8;

/// Every word by which a text speaks of a glossary holds one of these: 词 and 詞 are rare in
/// government text, 注 (注重) and 提 (提升) are not, so those words are looked for whole.
const MENTION_KEYS: [&str; 7] = ["词", "詞", "注解", "註解", "释义", "釋義", "新提法"];

/// A SIMD searcher (Teddy) for [`MENTION_KEYS`], built once: the words' own first bytes are
/// those of every CJK character, so a searcher for them stops everywhere.
fn mention_keys() -> Option<&'static aho_corasick::packed::Searcher> {
    static AC: OnceLock<Option<aho_corasick::packed::Searcher>> = OnceLock::new();
    AC.get_or_init(|| aho_corasick::packed::Searcher::new(MENTION_KEYS))
        .as_ref()
}

/// Whether `text` holds a word by which a text speaks of a glossary: the words are looked for
/// around each key character only.
fn mentions(text: &str) -> bool {
    let Some(keys) = mention_keys() else {
        return mentions_glossary(text);
    };
    keys.find_iter(text).any(|m| {
        let from = floor_char_boundary(text, m.start().saturating_sub(6));
        let to = ceil_char_boundary(text, m.end() + 6);
        text.get(from..to).is_some_and(mentions_glossary)
    })
}

/// The first char boundary of `text` at or after `i` (its length past the end).
fn ceil_char_boundary(text: &str, i: usize) -> usize {
    (i..text.len())
        .find(|&j| text.is_char_boundary(j))
        .unwrap_or(text.len())
}

impl Flow {
    /// A flow for a glossary of `entries` entries.
    pub(super) fn new(entries: usize) -> Flow {
        Flow {
            defined: vec![false; entries],
            line_number: 1,
            ..Flow::default()
        }
    }

    /// Starts a document.
    pub(super) fn begin(&mut self) {
        let entries = self.defined.len();
        *self = Flow::new(entries);
    }

    /// Writes document text with `write`, each waiting mark where it belongs.
    pub(super) fn write(
        &mut self,
        out: &mut dyn Write,
        text: &str,
        mut write: impl FnMut(&mut dyn Write, &str) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut rest = text;
        while let Some(&(bytes, _)) = self.pending.first() {
            if bytes > rest.len() {
                break;
            }
            let n = floor_char_boundary(rest, bytes);
            let (now, later) = rest.split_at_checked(n).unwrap_or((rest, ""));
            self.read(now);
            write(out, now)?;
            self.advance(n);
            self.emit_due(out)?;
            rest = later;
        }
        self.read(rest);
        write(out, rest)?;
        self.advance(rest.len());
        Ok(())
    }

    /// Writes now the marks that belong before a term of `len` bytes starting here (at its
    /// start or inside it: no mark is written inside a term).
    pub(super) fn before_term(&mut self, out: &mut dyn Write, len: usize) -> io::Result<()> {
        self.emit_before(out, len.max(1))
    }

    /// Whether the text written so far is inside a title or bracketed name.
    pub(super) fn inside_title(&self) -> bool {
        self.titles.inside()
    }

    /// Where a mark for `term` goes: see [`place`].
    pub(super) fn place(&self, term: &Term<'_>, quote: usize) -> usize {
        place(&self.titles, term.matched(), term.after(), quote)
    }

    /// Inserts `insert` after the next `bytes` bytes of text (now, for 0).
    pub(super) fn insert(
        &mut self,
        out: &mut dyn Write,
        bytes: usize,
        insert: String,
    ) -> io::Result<()> {
        let at = self.pending.partition_point(|&(b, _)| b <= bytes);
        self.pending.insert(at, (bytes, insert));
        self.emit_due(out)
    }

    /// Writes every waiting mark (at the end of a document).
    pub(super) fn flush(&mut self, out: &mut dyn Write) -> io::Result<()> {
        for (_, insert) in self.pending.drain(..) {
            out.write_all(insert.as_bytes())?;
        }
        Ok(())
    }

    /// Whether `term` is in the document's own glossary section: `None` when not, else
    /// whether it is a headword the section defines (only its number, or an opening quote,
    /// before it on its line; its colon, or `，指`/`是指`, after it). A headword right after a
    /// heading confirms the section.
    pub(super) fn in_section(&mut self, term: &Term<'_>) -> Option<bool> {
        if self.section.is_none() && self.candidate.is_none() && !self.in_shape(term) {
            return None;
        }
        let prefix = self.line.trim_end_matches(['“', '"', '「', '『', '‘']);
        let after = term
            .after()
            .trim_start_matches(['”', '"', '」', '』', '’'])
            .trim_start();
        let fills_line = term
            .after()
            .trim_start_matches(['”', '"', '」', '』', '’'])
            .trim_start_matches([' ', '\t', '\u{3000}'])
            .starts_with(['\n', '\r']);
        // Under a 关键词 label, the term alone on its line or right after the label.
        let labelled = self.shape == Some(Shape::Labels)
            && fills_line
            && (prefix.trim().is_empty()
                || strip_label(prefix.trim(), TERM_LABELS).is_some_and(str::is_empty));
        let head = labelled
            || self.line_chars <= LINE_KEEP
                && is_entry_head(prefix)
                && (after.starts_with(['：', ':'])
                    || (self.shape == Some(Shape::Pairs) && fills_line)
                    || ["，指", ",指", "，是指", ",是指", "是指", "，即", ",即"]
                        .iter()
                        .any(|m| after.starts_with(m)));
        if self.section.is_none() && self.shape.is_none() {
            if !head || self.candidate.is_none() {
                return None;
            }
            self.section = self.candidate.take();
            self.last_section = self.section.clone();
        }
        Some(head)
    }

    /// Whether the line `term` is on belongs to a glossary without a heading, opening one if
    /// it starts one: judged from the line so far and the lookahead after the term.
    fn in_shape(&mut self, term: &Term<'_>) -> bool {
        let mut line = self.line.clone();
        if self.line_chars <= LINE_KEEP {
            line.push_str(term.matched());
            line.push_str(term.after().split('\n').next().unwrap_or_default());
        }
        let line = line.trim();
        if let Some(shape) = self.shape {
            return self.continues(shape, line);
        }
        if let Some(shape) = self.opens(line) {
            self.open_shape(shape, self.line_number);
            return true;
        }
        // A definition line after a term line; or a term line with its definition next, in the
        // lookahead.
        let pair_at = match self.term_line {
            Some(at) if is_definition_line(line) => Some(at),
            _ if self.mentioned() && is_term_line(line) => {
                let next = term
                    .after()
                    .lines()
                    .skip(1)
                    .map(str::trim)
                    .find(|l| !l.is_empty());
                next.is_some_and(is_definition_line)
                    .then_some(self.line_number)
            }
            _ => None,
        };
        match pair_at {
            Some(at) => {
                self.open_shape(Shape::Pairs, at);
                true
            }
            None => false,
        }
    }

    /// Whether a line speaking of a glossary came within [`MENTION_REACH`] lines before.
    fn mentioned(&self) -> bool {
        self.mention
            .is_some_and(|m| self.line_number.saturating_sub(m) <= MENTION_REACH)
    }

    /// The layout of a glossary without a heading that `line` opens, if it opens one.
    fn opens(&self, line: &str) -> Option<Shape> {
        if opens_shaped_list(line, self.mentioned()) {
            Some(Shape::Numbered)
        } else if strip_label(line, TERM_LABELS).is_some() {
            Some(Shape::Labels)
        } else if is_marked_entry(line) {
            Some(Shape::Marked)
        } else {
            None
        }
    }

    /// Whether `line`, the current line, goes on with a glossary laid out as `shape`.
    fn continues(&self, shape: Shape, line: &str) -> bool {
        match shape {
            Shape::Numbered => is_numbered(line) || !self.blank_before || self.mid_sentence,
            Shape::Marked => is_marked_entry(line) || self.mid_sentence,
            Shape::Pairs => is_term_line(line) || self.mid_sentence,
            Shape::Labels => {
                strip_label(line, TERM_LABELS).is_some()
                    || strip_label(line, DEFINITION_LABELS).is_some()
                    || (self.labels.term_next && is_term_line(line))
                    || (self.labels.defined && self.mid_sentence)
            }
        }
    }

    /// Opens a glossary without a heading whose first entry starts on line `at`.
    fn open_shape(&mut self, shape: Shape, at: usize) {
        self.shape = Some(shape);
        // Label pairs are a glossary once a 名词解释 label follows (else they are a news
        // item's keywords), and reopen at each 关键词 after a quote from the report: the list
        // points to the first.
        if shape == Shape::Labels {
            self.labels = Labels {
                at,
                defined: false,
                term_next: true,
            };
            return;
        }
        self.last_section = Some((at, SECTION_ORIGIN.to_string()));
    }

    /// Follows a run of label pairs over `line`, one of its lines.
    fn follow_labels(&mut self, line: &str) {
        if strip_label(line, DEFINITION_LABELS).is_some() {
            self.labels.defined = true;
            if self.labels_from.is_none() {
                self.labels_from = Some(self.labels.at);
                self.last_section = Some((self.labels.at, SECTION_ORIGIN.to_string()));
            }
        }
        self.labels.term_next = strip_label(line, TERM_LABELS).is_some_and(str::is_empty);
    }

    /// Notes that the document's own section defines the entry at `index`.
    pub(super) fn define(&mut self, index: usize) {
        if let Some(d) = self.defined.get_mut(index) {
            *d = true;
        }
    }

    /// Whether the document's own section defines the entry at `index`.
    pub(super) fn defined(&self, index: usize) -> bool {
        self.defined.get(index).copied().unwrap_or(false)
    }

    /// The document's own glossary section, if it has one: its heading's line and text.
    pub(super) fn section(&self) -> Option<(usize, &str)> {
        self.last_section.as_ref().map(|(l, h)| (*l, h.as_str()))
    }

    fn advance(&mut self, n: usize) {
        for p in &mut self.pending {
            p.0 = p.0.saturating_sub(n);
        }
    }

    fn emit_due(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.emit_before(out, 1)
    }

    /// Writes the waiting marks that go fewer than `bytes` bytes from here, in order.
    fn emit_before(&mut self, out: &mut dyn Write, bytes: usize) -> io::Result<()> {
        let due = self.pending.partition_point(|&(b, _)| b < bytes);
        for (_, insert) in self.pending.drain(..due) {
            out.write_all(insert.as_bytes())?;
        }
        Ok(())
    }

    /// Follows the titles and the lines of the text written.
    fn read(&mut self, text: &str) {
        self.titles.read(text);
        let mut rest = text;
        loop {
            let (segment, more) = match memchr::memchr(b'\n', rest.as_bytes()) {
                Some(i) => (
                    rest.get(..i).unwrap_or_default(),
                    Some(rest.get(i + 1..).unwrap_or_default()),
                ),
                None => (rest, None),
            };
            self.read_segment(segment);
            match more {
                Some(r) => {
                    self.end_line();
                    rest = r;
                }
                None => break,
            }
        }
    }

    /// Follows a piece of the current line: its first [`LINE_KEEP`] characters, its end, and
    /// whether it speaks of a glossary (a word may start in the piece before).
    fn read_segment(&mut self, segment: &str) {
        if segment.is_empty() {
            return;
        }
        if self.line_chars <= LINE_KEEP {
            for c in segment.chars() {
                if self.line_chars < LINE_KEEP {
                    self.line.push(c);
                }
                self.line_chars += 1;
                if self.line_chars > LINE_KEEP {
                    break;
                }
            }
        }
        let content = segment.trim_end();
        if content.is_empty() {
            return;
        }
        if !self.mentions {
            self.mentions = mentions(content) || {
                // A word of three characters at most, which may start in the piece before.
                let head = content
                    .char_indices()
                    .nth(2)
                    .map_or(content.len(), |(i, _)| i);
                let joined = self.tail.len();
                self.tail.push_str(content.get(..head).unwrap_or_default());
                let found = mentions(&self.tail);
                self.tail.truncate(joined);
                found
            };
        }
        // The line's last TAIL_KEEP characters.
        match content.char_indices().rev().nth(TAIL_KEEP - 1) {
            Some((i, _)) => {
                self.tail.clear();
                self.tail.push_str(content.get(i..).unwrap_or_default());
            }
            None => {
                self.tail.push_str(content);
                let extra = self.tail.chars().count().saturating_sub(TAIL_KEEP);
                let cut = self.tail.char_indices().nth(extra).map_or(0, |(i, _)| i);
                self.tail.drain(..cut);
            }
        }
    }

    fn end_line(&mut self) {
        self.end_shape_line();
        let line = self.line.trim();
        if self.line_chars <= LINE_KEEP && is_heading(line) {
            self.candidate = Some((self.line_number, line.to_string()));
        } else if !line.is_empty() {
            if let Some(heading) = self.candidate.take() {
                // The first line after a heading: an entry makes it a section.
                if is_entry_line(line) {
                    self.section = Some(heading.clone());
                    self.last_section = Some(heading);
                }
            } else if self.section.is_some() && is_next_appendix(line) {
                self.section = None;
            }
        }
        self.line.clear();
        self.line_chars = 0;
        self.tail.clear();
        self.line_number += 1;
    }

    /// Follows a glossary without a heading over the line just ended (its first
    /// [`LINE_KEEP`] characters, and its end): it goes on, ends, or starts here.
    fn end_shape_line(&mut self) {
        let owned = std::mem::take(&mut self.line);
        self.shape_line(owned.trim());
        self.line = owned;
    }

    fn shape_line(&mut self, line: &str) {
        if line.is_empty() {
            self.blank_before = true;
            return;
        }
        // (A 关键词 label reads as a heading too: its pairs are kept through it.)
        if self.section.is_some() || (self.candidate.is_some() && self.shape != Some(Shape::Labels))
        {
            self.shape = None;
            self.term_line = None;
        } else {
            if let Some(shape) = self.shape
                && !self.continues(shape, line)
            {
                self.shape = None;
            }
            if self.shape.is_none() {
                if let Some(shape) = self.opens(line) {
                    self.open_shape(shape, self.line_number);
                } else if let Some(at) = self.term_line.filter(|_| is_definition_line(line)) {
                    self.open_shape(Shape::Pairs, at);
                }
            }
            if self.shape == Some(Shape::Labels) {
                self.follow_labels(line);
            }
            self.term_line = (self.shape.is_none()
                && self.mentioned()
                && is_term_line(line)
                && !is_next_appendix(line))
            .then_some(self.line_number);
        }
        if std::mem::take(&mut self.mentions) {
            self.mention = Some(self.line_number);
        }
        self.mid_sentence = !ends_sentence(&self.tail);
        self.blank_before = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_close_and_strays_are_forgotten() {
        let mut t = Titles::default();
        t.read("关于《落实");
        assert!(t.inside());
        assert_eq!(
            t.close_in("〈方案〉的通知》后"),
            Some("〈方案〉的通知》".len())
        );
        t.read("通知》");
        assert!(!t.inside());
        t.read("《未闭合。");
        assert!(!t.inside());
        t.read(&format!("《{}", "字".repeat(TITLE_REACH + 1)));
        assert!(!t.inside());
    }

    #[test]
    fn a_number_keeps_its_unit() {
        let t = Titles::default();
        assert_eq!(place(&t, "双100", "个事项", 0), "个".len());
        assert_eq!(place(&t, "双100", "万元", 0), "万元".len());
        assert_eq!(place(&t, "三线一单", "个", 0), 0);
        assert_eq!(place(&t, "“11157”", "工程", 0), 0);
    }
}
