//! How the HTML page lays out a document: its title line as the page's title and `<h1>`, its
//! numbered headings (一、 （一） 1.) as headings, its paragraphs as `<p>`, with the line
//! breaks a PDF put inside a paragraph joined for display.
//!
//! Every character of the text is written, in order, whatever the layout: a joined line break
//! is kept in a hidden `<span class="br">`, the breaks between blocks are text between the
//! elements, a line's indentation is a hidden `<span class="indent">` (paragraphs are indented
//! by the style). So the text content of the page's `div.text` is the document, and the spans
//! the page names are spans of the original text.
//!
//! The layout is streamed: it holds the whitespace after the last character written (at most
//! [`WS_MAX`] bytes) and, after a line break, the start of the next line until it knows what
//! that line is (at most [`PEEK_COLS`] columns of text, with the markup of the terms in them).
//!
//! The rules, where a line break is a paragraph break:
//! - after a line ending with sentence punctuation (。！？；：…, also before closing quotes or
//!   brackets: 。” 。）);
//! - before a heading, a numbered item (1. 1、 （1） ① 第一条) or an indented line (a
//!   full-width space, a tab or two spaces at its start);
//! - after a heading or the title;
//! - after a short line standing alone (the first line of its paragraph, under [`FULL_COLS`]
//!   columns): titles, bylines, dates and labels are such lines, and a line a PDF broke is a full
//!   one;
//! - (the short lines right under the title, its date and speaker, are `p.byline`, set under
//!   it);
//! - at a blank line, unless the line before is a full line ending inside a sentence (on a
//!   Chinese character or a comma): a page break in the middle of a paragraph, as the bundled
//!   report has (推进公 / 共服务供给).
//!
//! A line break inside a term (一网\n通办) is always joined. A joined break between two
//! characters of Latin script or digits shows as a space; next to a Chinese character, as
//! nothing.

use std::io::{self, Write};

use super::html_escape;
use crate::extract::is_heading;

/// The most bytes of whitespace held: past it, a run of whitespace is written as it is.
const WS_MAX: usize = 1024;

/// The most columns (a wide character counts two) of a line read before deciding what it is.
const PEEK_COLS: usize = 80;

/// The widest a title line is, in columns.
const TITLE_COLS: usize = 80;

/// The widest a heading is, in columns: 三、加快推进政府治理体系和治理能力现代化 is 42.
const HEADING_COLS: usize = 64;

/// The narrowest full line, in columns: narrower lines standing alone keep their line break.
/// Official documents set 28 characters a line (GB/T 9704), 56 columns.
pub(super) const FULL_COLS: usize = 40;

/// Characters that end a sentence or a clause leading to a new line.
const FINAL: &[char] = &['。', '！', '？', '；', '：', '…', '｡', '!', '?', ';', ':'];

/// Closing quotes and brackets, which leave the line's end what the character before made it.
const CLOSERS: &[char] = &[
    '”', '’', '」', '』', '）', ')', '》', '〕', '】', '〉', '"', '\'',
];

/// Whether a character is of the wide, CJK scripts (or the quotes and dashes Chinese uses):
/// next to one, a joined line break shows as nothing.
fn is_cjk(c: char) -> bool {
    c >= '\u{2E80}' || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

/// The columns a character takes.
fn width(c: char) -> usize {
    if c >= '\u{2E80}' { 2 } else { 1 }
}

/// What a line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// The document's first line, looking like a title: `<h1>`.
    Title,
    /// A heading of a level (2 to 4).
    Heading(u8),
    /// A numbered item that is a paragraph: it starts one.
    Item,
    /// Any other line.
    Plain,
}

/// The numbering at the start of a line, as a heading level: 2 for 一、 and 第一章, 3 for
/// （一） and 第一节, 4 for 1. 1、 （1） ① and 第一条.
pub(super) fn numbering(line: &str) -> Option<u8> {
    let mut chars = line.chars();
    let first = chars.next()?;
    if ('①'..='⑳').contains(&first) {
        return Some(4);
    }
    let (rest, bracket) = match line.strip_prefix(['（', '(']) {
        Some(r) => (r, true),
        None => (line, false),
    };
    if !bracket && let Some(r) = rest.strip_prefix('第') {
        let (n, r) = numeral(r);
        if n != Some(true) {
            return None;
        }
        return if r.starts_with(['章', '编', '篇']) || r.starts_with("部分") {
            Some(2)
        } else if r.starts_with('节') {
            Some(3)
        } else if r.starts_with(['条', '项', '款']) {
            Some(4)
        } else {
            None
        };
    }
    let (chinese, r) = numeral(rest);
    let chinese = chinese?;
    if bracket {
        return r
            .starts_with(['）', ')'])
            .then_some(if chinese { 3 } else { 4 });
    }
    if r.starts_with('、') {
        return Some(if chinese { 2 } else { 4 });
    }
    // 1. but not 3.5%.
    let after = r.strip_prefix(['.', '．'])?;
    if after.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
        return None;
    }
    Some(if chinese { 2 } else { 4 })
}

/// A number at the start of `s`: whether its numerals are Chinese (`None` for no number, or
/// one too long to number a heading), and the text after it.
fn numeral(s: &str) -> (Option<bool>, &str) {
    let arabic = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let chinese = |c: char| "〇零一二三四五六七八九十百两".contains(c);
    for (is, chinese, most) in [
        (&arabic as &dyn Fn(char) -> bool, false, 3),
        (&chinese, true, 4),
    ] {
        let len: usize = s.chars().take_while(|&c| is(c)).map(char::len_utf8).sum();
        let count = s.chars().take_while(|&c| is(c)).count();
        if count > 0 {
            let rest = s.get(len..).unwrap_or_default();
            return ((count <= most).then_some(chinese), rest);
        }
    }
    (None, s)
}

/// Whether the first line of a document, `line` (trimmed, `cols` wide), reads as its title:
/// short, with a Chinese character, without the commas and full stops of a sentence (an
/// official title has none), not a numbered heading, not a breadcrumb or a label.
pub(super) fn looks_like_title(line: &str, cols: usize) -> bool {
    cols <= TITLE_COLS
        && line.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
        && !line.contains(['。', '！', '？', '；', '，', '|', '•', '·', '»', '›'])
        && !line.contains("://")
        && !line.contains(" > ")
        && !line.starts_with("首页")
        && !line.starts_with("当前位置")
        && !line.ends_with(['：', ':', '，', ',', '、'])
        && numbering(line).is_none()
}

/// What a line is, from its start `line` (trimmed at its start; all of it when `complete`),
/// `cols` wide so far; `first` for the first line of the document.
pub(super) fn classify(line: &str, cols: usize, complete: bool, first: bool) -> Kind {
    let line = line.trim_end();
    if first && complete && looks_like_title(line, cols) {
        return Kind::Title;
    }
    let short = complete && cols <= HEADING_COLS && !line.contains(['。', '！', '？', '；']);
    match numbering(line) {
        // A numbered line is a sub-heading only when it is no clause: 1、与时俱进的“四位一体”,
        // not 1. 三张清单：是指… (an entry) nor 28. “11157”工程：是指…建设1个市 (one a page broke).
        Some(4)
            if short
                && cols < FULL_COLS
                && !line.contains(FINAL)
                && !line.contains(['，', ',']) =>
        {
            Kind::Heading(4)
        }
        Some(level @ (2 | 3)) if short => Kind::Heading(level),
        Some(_) => Kind::Item,
        None if short && is_heading(line) => Kind::Heading(2),
        None => Kind::Plain,
    }
}

/// A block of the page's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Block {
    Paragraph,
    Heading(u8),
}

impl Block {
    fn of(kind: Kind) -> Block {
        match kind {
            Kind::Title => Block::Heading(1),
            Kind::Heading(level) => Block::Heading(level),
            Kind::Item | Kind::Plain => Block::Paragraph,
        }
    }

    fn open(self) -> &'static str {
        match self {
            Block::Paragraph => "<p>",
            Block::Heading(1) => "<h1>",
            Block::Heading(2) => "<h2>",
            Block::Heading(3) => "<h3>",
            Block::Heading(_) => "<h4>",
        }
    }

    fn close(self) -> &'static str {
        match self {
            Block::Paragraph => "</p>",
            Block::Heading(1) => "</h1>",
            Block::Heading(2) => "</h2>",
            Block::Heading(3) => "</h3>",
            Block::Heading(_) => "</h4>",
        }
    }
}

/// A line of text as far as it is written.
#[derive(Clone, Copy, Debug, Default)]
struct Line {
    /// Its width in columns (saturating).
    cols: usize,
    /// Its last character.
    last: Option<char>,
    /// Whether it ends a sentence (or a clause leading to a new line).
    ends_final: bool,
    /// Whether it is the first line of its block.
    first_of_block: bool,
}

impl Line {
    fn push(&mut self, c: char) {
        self.cols = self.cols.saturating_add(width(c));
        if !CLOSERS.contains(&c) {
            self.ends_final = FINAL.contains(&c);
        }
        self.last = Some(c);
    }
}

/// A line after a line break, not yet placed.
#[derive(Debug, Default)]
struct Pending {
    /// The whitespace before it (with at least one line break, but at the document's start).
    gap: String,
    newlines: usize,
    /// The line before it and its block (`None` at the start or after a long gap).
    prev: Option<(Line, Block)>,
    /// Its text so far, up to [`PEEK_COLS`] columns.
    src: String,
    /// Its HTML so far.
    html: String,
}

/// What the page writes before a document's first block.
#[derive(Debug)]
pub(super) struct Start {
    /// The page's head, for the first document: its title from the document's title line,
    /// else `fallback` (with an `<h1>` of it before the document), else `name`.
    pub(super) page: Option<(Option<String>, String)>,
}

/// The layout of one document's text (see the module docs).
#[derive(Debug, Default)]
pub(super) struct Layout {
    start: Option<Start>,
    /// The block open, `None` before the first and between blocks after a long gap.
    block: Option<Block>,
    line: Line,
    /// Whitespace after the last character written, not yet written, and its line breaks.
    ws: String,
    newlines: usize,
    pending: Option<Pending>,
    /// How many inline elements (terms) are open: a line break inside one is joined.
    inline: usize,
    /// Whether no line of the document is placed yet.
    first: bool,
    /// Whether only short lines (a date, a byline) follow the title so far.
    after_title: bool,
}

impl Layout {
    /// Starts a document.
    pub(super) fn begin(&mut self, start: Start) {
        *self = Layout {
            start: Some(start),
            first: true,
            ..Layout::default()
        };
    }

    /// Writes text of the document.
    pub(super) fn text(&mut self, out: &mut dyn Write, text: &str) -> io::Result<()> {
        for c in text.chars() {
            if c.is_whitespace() {
                if c == '\n' {
                    self.newlines += 1;
                }
                self.ws.push(c);
                if self.ws.len() > WS_MAX {
                    self.overflow(out)?;
                }
                continue;
            }
            self.content(out, Some(c))?;
            let mut buf = [0; 4];
            let escaped = match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                // An HTML parser drops a NUL from text; browsers show U+FFFD.
                '\0' => "\u{FFFD}",
                _ => c.encode_utf8(&mut buf),
            };
            self.put(out, escaped)?;
            self.line.push(c);
            if let Some(p) = &mut self.pending {
                p.src.push(c);
                if self.line.cols > PEEK_COLS {
                    self.settle(out, false)?;
                }
            }
        }
        Ok(())
    }

    /// Opens an inline element (a term): `markup` is its start tag.
    pub(super) fn open(&mut self, out: &mut dyn Write, markup: &str) -> io::Result<()> {
        self.content(out, None)?;
        self.inline += 1;
        self.put(out, markup)
    }

    /// Closes the inline element opened last: `markup` is its end tag.
    pub(super) fn close(&mut self, out: &mut dyn Write, markup: &str) -> io::Result<()> {
        self.content(out, None)?;
        self.inline = self.inline.saturating_sub(1);
        self.put(out, markup)
    }

    /// Ends the document's text: places its last line, closes its block and the text's `div`.
    pub(super) fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.pending.is_some() {
            self.settle(out, true)?;
        }
        self.write_start(out, None)?;
        let ws = std::mem::take(&mut self.ws);
        let (pre, rest) = at_first_break(&ws);
        if let Some(block) = self.block.take() {
            out.write_all(pre.as_bytes())?;
            out.write_all(block.close().as_bytes())?;
            between(out, rest)?;
        } else {
            between(out, &ws)?;
        }
        out.write_all(b"</div>\n")
    }

    /// Writes to the line being read, or to `out`.
    fn put(&mut self, out: &mut dyn Write, s: &str) -> io::Result<()> {
        match &mut self.pending {
            Some(p) => {
                p.html.push_str(s);
                Ok(())
            }
            None => out.write_all(s.as_bytes()),
        }
    }

    /// Before a character (`next`) or markup: writes the whitespace held, or, after a line
    /// break, starts reading the next line.
    fn content(&mut self, out: &mut dyn Write, next: Option<char>) -> io::Result<()> {
        if self.block.is_none() && self.pending.is_none() {
            self.pending = Some(Pending {
                gap: std::mem::take(&mut self.ws),
                newlines: std::mem::take(&mut self.newlines),
                ..Pending::default()
            });
            self.line = Line::default();
            return Ok(());
        }
        if self.ws.is_empty() {
            return Ok(());
        }
        let ws = std::mem::take(&mut self.ws);
        let newlines = std::mem::take(&mut self.newlines);
        if newlines == 0 {
            if let Some(p) = &mut self.pending {
                p.src.push_str(&ws);
            }
            return self.put(out, &ws);
        }
        if self.inline > 0 {
            // A term's words on two lines are one phrase.
            let latin = !self.line.last.is_some_and(is_cjk) && !next.is_some_and(is_cjk);
            return self.put(out, &soft(&ws, latin));
        }
        if self.pending.is_some() {
            self.settle(out, true)?;
        }
        let prev = self.block.map(|b| (self.line, b));
        self.pending = Some(Pending {
            gap: ws,
            newlines,
            prev,
            ..Pending::default()
        });
        self.line = Line::default();
        Ok(())
    }

    /// Too much whitespace to hold: a run inside a line is written; a gap is a paragraph
    /// break, written up to its last line break.
    fn overflow(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.inline > 0 || (self.newlines == 0 && self.block.is_some()) {
            let ws = std::mem::take(&mut self.ws);
            return self.put(out, &ws);
        }
        if self.pending.is_some() {
            self.settle(out, true)?;
        }
        self.write_start(out, None)?;
        let ws = std::mem::take(&mut self.ws);
        let (gap, indent) = after_last_break(&ws);
        let (gap, indent) = if gap.is_empty() {
            (indent, "")
        } else {
            (gap, indent)
        };
        self.close_block(out, gap)?;
        self.newlines = 0;
        self.ws = indent.to_string();
        if self.ws.len() > WS_MAX {
            between(out, &std::mem::take(&mut self.ws))?;
        }
        Ok(())
    }

    /// Closes the open block, if any, at the first line break of `gap` (the whitespace
    /// between it and what follows), and writes the rest of `gap` between blocks.
    fn close_block(&mut self, out: &mut dyn Write, gap: &str) -> io::Result<()> {
        let (pre, mid) = at_first_break(gap);
        match self.block.take() {
            Some(block) => {
                out.write_all(pre.as_bytes())?;
                out.write_all(block.close().as_bytes())?;
                between(out, mid)
            }
            None => between(out, gap),
        }
    }

    /// Writes the page's head and the document's opening, once, before its first block;
    /// `title` is the document's title line (escaped), if it has one.
    fn write_start(&mut self, out: &mut dyn Write, title: Option<&str>) -> io::Result<()> {
        let Some(start) = self.start.take() else {
            return Ok(());
        };
        let mut heading = None;
        if let Some((fallback, name)) = &start.page {
            let page_title = match (title, fallback) {
                (Some(t), _) => t.to_string(),
                (None, Some(f)) => {
                    heading = Some(html_escape(f));
                    html_escape(f)
                }
                (None, None) => html_escape(name),
            };
            out.write_all(super::page_head(&page_title).as_bytes())?;
        }
        out.write_all(b"<article>\n")?;
        if let Some(h) = heading {
            writeln!(out, "<h1 class=\"name\">{h}</h1>")?;
        }
        out.write_all(b"<div class=\"text\">")
    }

    /// Places the line being read (`complete` when a line break or the end ended it): decides
    /// what it is and whether the break before it joins, and writes both.
    fn settle(&mut self, out: &mut dyn Write, complete: bool) -> io::Result<()> {
        let Some(p) = self.pending.take() else {
            return Ok(());
        };
        let kind = classify(&p.src, self.line.cols, complete, self.first);
        self.first = false;
        let title = (kind == Kind::Title).then(|| html_escape(p.src.trim_end()));
        self.write_start(out, title.as_deref())?;
        let next = p.src.chars().next();
        let (gap, indent) = after_last_break(&p.gap);
        let joined = match (self.block, p.prev) {
            (Some(Block::Paragraph), Some((prev, Block::Paragraph))) => {
                joins(&prev, p.newlines, indent, kind, next)
            }
            _ => false,
        };
        if joined {
            let latin = !prev_last(&p).is_some_and(is_cjk) && !next.is_some_and(is_cjk);
            out.write_all(soft(&p.gap, latin).as_bytes())?;
        } else {
            self.close_block(out, gap)?;
            let block = Block::of(kind);
            // The short lines under the title (its date, its speaker) are set under it.
            self.after_title = kind == Kind::Title
                || (self.after_title
                    && kind == Kind::Plain
                    && complete
                    && self.line.cols < FULL_COLS);
            if self.after_title && kind != Kind::Title {
                out.write_all(b"<p class=\"byline\">")?;
            } else {
                out.write_all(block.open().as_bytes())?;
            }
            if !indent.is_empty() {
                write!(out, "<span class=\"indent\">{indent}</span>")?;
            }
            self.block = Some(block);
        }
        self.line.first_of_block = !joined;
        out.write_all(p.html.as_bytes())
    }
}

/// `ws` cut before its first line break (all of it before, without one). A CRLF stays whole:
/// a parser reads a CR on its own as a line break of its own.
fn at_first_break(ws: &str) -> (&str, &str) {
    let cut = ws.find('\n').map_or(ws.len(), |i| {
        if ws.get(..i).is_some_and(|s| s.ends_with('\r')) {
            i - 1
        } else {
            i
        }
    });
    ws.split_at_checked(cut).unwrap_or((ws, ""))
}

/// `ws` cut after its last line break (all of it after, without one).
fn after_last_break(ws: &str) -> (&str, &str) {
    ws.split_at_checked(ws.rfind('\n').map_or(0, |i| i + 1))
        .unwrap_or(("", ws))
}

/// The last character of the line before the line being read.
fn prev_last(p: &Pending) -> Option<char> {
    p.prev.and_then(|(l, _)| l.last)
}

/// Whether a line break (`newlines` of them) after `prev` joins the line after it, of `kind`,
/// starting with `next` after `indent`.
fn joins(prev: &Line, newlines: usize, indent: &str, kind: Kind, next: Option<char>) -> bool {
    let indented = indent.chars().count() > 1 || indent.contains(|c| c != ' ');
    if kind != Kind::Plain || indented || prev.ends_final {
        return false;
    }
    match newlines {
        1 => !(prev.first_of_block && prev.cols < FULL_COLS),
        2..=4 => {
            prev.cols >= FULL_COLS
                && prev
                    .last
                    .is_some_and(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c) || "，、".contains(c))
                && next.is_some_and(|c| is_cjk(c) || c.is_ascii_digit())
        }
        _ => false,
    }
}

/// A joined line break: hidden, or shown as a space between Latin words.
fn soft(gap: &str, latin: bool) -> String {
    let class = if latin { "br sp" } else { "br" };
    format!("<span class=\"{class}\">{gap}</span>")
}

/// Writes whitespace between blocks: as it is if a browser ignores it there, else hidden.
fn between(out: &mut dyn Write, ws: &str) -> io::Result<()> {
    if ws.is_empty() {
        Ok(())
    } else if ws.chars().all(|c| c.is_ascii_whitespace()) {
        out.write_all(ws.as_bytes())
    } else {
        write!(out, "<span class=\"gap\">{ws}</span>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_levels() {
        for (line, level) in [
            ("一、2019 年工作回顾", Some(2)),
            ("十二、附则", Some(2)),
            ("（一）坚持提质增效", Some(3)),
            ("(三)加强", Some(3)),
            ("1. 三张清单：", Some(4)),
            ("12、", Some(4)),
            ("（1）", Some(4)),
            ("①", Some(4)),
            ("第一章 总则", Some(2)),
            ("第三部分", Some(2)),
            ("第二节", Some(3)),
            ("第十条", Some(4)),
            ("3.5% 的增长", None),
            ("一年来，我们", None),
            ("第一，", None),
            ("2019、2020", None),
            ("十九大", None),
        ] {
            assert_eq!(numbering(line), level, "{line}");
        }
    }

    #[test]
    fn kinds() {
        assert_eq!(
            classify("2020 年金山区人民政府工作报告（节选）", 40, true, true),
            Kind::Title
        );
        assert_eq!(classify("首页 > 重要发布", 16, true, true), Kind::Plain);
        assert_eq!(classify("名词解释", 8, true, false), Kind::Heading(2));
        assert_eq!(
            classify("1. 三张清单：是指新增工业用地正面清单。", 40, true, false),
            Kind::Item
        );
        assert_eq!(
            classify(
                "（一）注重高质量，心无旁骛推动经济提质增效。始终",
                50,
                false,
                false
            ),
            Kind::Item
        );
        assert_eq!(
            classify("一、2019 年工作回顾", 19, true, true),
            Kind::Heading(2)
        );
        assert_eq!(
            classify("1、与时俱进的“四位一体”", 22, true, false),
            Kind::Heading(4)
        );
        let broken = "28. “11157”工程：是指各街镇（金山工业区）建设1个市";
        assert_eq!(classify(broken, 52, true, false), Kind::Item);
    }
}
