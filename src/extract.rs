//! Building a glossary from a report: its 名词解释 section and inline （以下简称“X”） definitions.
//!
//! [`extract`] reads a whole report and returns an [`Extraction`]: a [valid](Glossary::validate)
//! [`Glossary`] and the [`Problem`]s met on the way. It never fails: what it cannot parse is
//! reported with its line number, never silently dropped.
//!
//! # The glossary section
//!
//! - **Headings.** A line of its own (surrounding whitespace, and whitespace between the
//!   characters as in 名 词 解 释, is ignored) reading 名词解释, 名词注释 or 注释, optionally
//!   followed by `：`/`:`, optionally preceded by a title in 《》 (《政府工作报告》名词解释) or by an
//!   appendix label (附：, 附件：, 附件1：, 附录：).
//! - **Extent.** A section runs to the end of the text, to the next glossary heading (which opens
//!   a new section), or to a line starting with 附件, 附录 or 附： (the next appendix).
//! - **Entries.** A line starting with a number opens an entry: `1.` `1．` `1、` `（1）` `(1)` `一、`,
//!   with ASCII or full-width digits or Chinese numerals. The first entry fixes the section's
//!   numbering style (bracketed, `.`, or `、`; Arabic or Chinese); a numbered line in another
//!   style continues the current entry, so sub-items such as （1）… inside a `1.` list stay in
//!   their definition. `3.5` is a number, not an entry.
//! - **Term and definition** are split at the first `：` or `:`; the definition is kept verbatim,
//!   including a leading 是指 or 指. The entry's number is its id.
//! - **Line breaks.** An entry runs across line and page breaks, blank lines included, until the
//!   next entry. Lines are joined with nothing between them, except with one space where both
//!   sides are ASCII (a letter or digit, or `,.;:!?)%` before and a letter, digit or `(` after):
//!   `建设1个市` + `民健身中心` is 建设1个市民健身中心, `in the` + `city` is `in the city`.
//! - **Page furniture** (a line holding only a page number: `12`, `- 12 -`, `— 12 —`, `第 3 页`,
//!   `第 3 页 共 10 页`, `3/10`) is dropped, anywhere in the text.
//!
//! # Inline definitions
//!
//! In running text (a paragraph is a run of non-blank lines, joined as above; a blank line ends
//! it) and inside the section's definitions, a bracket `（…）` or `(…)` holding 以下简称, 简称,
//! 以下统称 or 统称 (first thing in the bracket, or after a `，`: （2019年修订，以下简称《条例》）)
//! defines the short name after it, written in “” "" 「」 『』 ‘’ or 《》 or bare, as standing for
//! the full name before the bracket:
//!
//! - a 《》 title directly before the bracket is the full name, without its 《》;
//! - otherwise the full name is the phrase back to the nearest `，。；：、！？,;:!?` or opening
//!   bracket (bracketed and 《》 groups inside it are skipped over, so 若干意见（试行） stays whole),
//!   or to the end of an earlier （简称…） bracket, then cut after the last of a few verbs that
//!   open a clause rather than a name (了 是 出台 印发 制定 颁布 发布 签署 签订 根据 依据 按照
//!   依照 落实 贯彻 推行 成立 组建 设立 建立 开展 召开 举办 启动),
//!   looking only before the first 关于 (关于建立…的意见 names its own verbs), and without a
//!   leading 的. This is a heuristic: 深化“放管服”改革（以下简称“改革”） keeps 深化.
//!
//! The term is the short name without its quote marks.
//!
//! # Ids, origins, conflicts
//!
//! Section entries keep their numbers as ids and have origin [`SECTION_ORIGIN`]; inline entries
//! follow, numbered from the section's largest id plus one (from 1 without a section), in text
//! order, with the bracket's keyword (以下简称, 简称, 以下统称 or 统称) as origin. Section entries
//! come first, so they win a conflict with an inline definition. An entry whose term (after the
//! annotator's folding) is already defined with the same definition is a repeat and is left out
//! quietly; with another definition it is a conflict: the first is kept and the other reported.
//! A number used twice, or out of sequence, is reported too. `name` and `source` of the glossary
//! are left empty for the caller, who knows the file.
//!
//! # Scope
//!
//! Where the report says who issued it (a place in its title, such as 2020年金山区人民政府工作报告,
//! or in a short issuing line near the top, such as 嘉定区人民政府办公室), every entry gets that
//! place as its [`scope`](crate::Scope): a report explains its own terms as they are meant where
//! it is issued. Years are left open (a programme outlives the report that names it); edit them
//! in where a term is tied to a year. A report that names no issuer gives entries without scope.
//!
//! ```
//! let report = "2021年嘉定区人民政府工作报告\n\n名词解释\n1. 双100：是指新增100个流程再造事项。\n";
//! let scope = zhgloss::extract::extract(report).glossary.entries[0].scope.clone().unwrap();
//! assert_eq!(scope.places, ["上海市嘉定区"]);
//! ```
//!
//! # Example
//!
//! ```
//! let report = "\
//! 全面推行《上海市公共数据和一网通办管理办法》（以下简称《办法》）。
//!
//! 名词解释
//!
//! 1. 一网通办：是指政务服务一个总门户。
//! 2. 双减半：是指办理时限和提交材料
//!
//! 各减少一半。
//! ";
//! let x = zhgloss::extract::extract(report);
//! assert!(x.problems.is_empty());
//! let got: Vec<_> = x
//!     .glossary
//!     .entries
//!     .iter()
//!     .map(|e| (e.id, e.term.as_str(), e.definition.as_str()))
//!     .collect();
//! assert_eq!(got, [
//!     (1, "一网通办", "是指政务服务一个总门户。"),
//!     (2, "双减半", "是指办理时限和提交材料各减少一半。"),
//!     (3, "办法", "上海市公共数据和一网通办管理办法"),
//! ]);
//! ```

use std::collections::HashMap;
use std::fmt;

use crate::fold::{FoldOptions, fold_term};
use crate::glossary::{Entry, Glossary, Scope};

/// The [`Entry::origin`] of entries found in a report's glossary section (whatever its heading
/// says: 名词解释, 名词注释 or 注释).
///
/// ```
/// use zhgloss::extract::{SECTION_ORIGIN, extract};
///
/// let x = extract("注释\n1. 三线一单：是指生态保护红线等。\n");
/// assert_eq!(x.glossary.entries[0].origin.as_deref(), Some(SECTION_ORIGIN));
/// assert_eq!(SECTION_ORIGIN, "名词解释");
/// ```
pub const SECTION_ORIGIN: &str = "名词解释";

/// What [`extract`] found in a report: a glossary, and what could not be made part of it.
///
/// ```
/// let x = zhgloss::extract::extract("名词解释\n1. 三张清单：是指三张清单。\n2. 双一百\n");
/// assert_eq!(x.glossary.entries.len(), 1);
/// assert_eq!(x.problems.len(), 1);
/// assert_eq!(x.problems[0].line, 3);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extraction {
    /// The entries found, section entries first; always passes [`Glossary::validate`].
    pub glossary: Glossary,
    /// What could not be parsed or was left out, in line order.
    pub problems: Vec<Problem>,
}

/// A piece of a report that [`extract`] could not turn into an entry, or left out.
///
/// Displays as `line N: message: text`.
///
/// ```
/// let x = zhgloss::extract::extract("名词解释\n\n1. 三张清单是指三张清单。\n");
/// let p = &x.problems[0];
/// assert_eq!((p.line, p.text.as_str()), (3, "1. 三张清单是指三张清单。"));
/// assert_eq!(
///     p.to_string(),
///     "line 3: entry has no ： or : between term and definition: 1. 三张清单是指三张清单。"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The 1-based line of the text where the problem starts.
    pub line: usize,
    /// An excerpt of the text concerned, with line breaks joined as in definitions: at most
    /// [`EXCERPT_CHARS`] characters (then `…`), control characters written as escapes
    /// (`\u{1b}`), so that a warning neither grows with its input nor drives a terminal.
    pub text: String,
    /// What is wrong, in lowercase.
    pub message: String,
}

/// The longest excerpt a [`Problem`] quotes, in characters.
///
/// ```
/// let line = format!("名词解释\n1. {}\n", "无冒号".repeat(100));
/// let p = &zhgloss::extract::extract(&line).problems[0];
/// assert_eq!(p.text.chars().count(), zhgloss::extract::EXCERPT_CHARS + 1);
/// assert!(p.text.ends_with('…'));
/// ```
pub const EXCERPT_CHARS: usize = 60;

impl Problem {
    fn new(line: usize, text: &str, message: impl Into<String>) -> Problem {
        Problem {
            line,
            text: excerpt(text),
            message: message.into(),
        }
    }
}

/// At most [`EXCERPT_CHARS`] characters of `text`, `…` after a cut, control characters
/// escaped.
fn excerpt(text: &str) -> String {
    let mut out = String::new();
    for (n, c) in text.chars().enumerate() {
        if n == EXCERPT_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}: {}", self.line, self.message, self.text)
    }
}

/// Extracts a glossary from a report: the entries of its 名词解释 section and its inline
/// （以下简称“X”） definitions. Never fails; see the [module docs](self) for the rules.
///
/// ```
/// let report = "\
/// 根据《中华人民共和国政府信息公开条例》（以下简称《条例》），做好公开工作。
/// 附：名词解释
/// （1）三线一单：是指生态保护红线、环境质量底线、资源利用上线和生态环境准入清单。
/// - 12 -
/// （2）两网融合：指生活垃圾分类收运体系和再生资源回收体系的融合。
/// ";
/// let x = zhgloss::extract::extract(report);
/// assert!(x.problems.is_empty());
/// let g = &x.glossary;
/// assert_eq!(g.entry(2).unwrap().definition, "指生活垃圾分类收运体系和再生资源回收体系的融合。");
/// let e = g.entry(3).unwrap();
/// assert_eq!((e.term.as_str(), e.definition.as_str()), ("条例", "中华人民共和国政府信息公开条例"));
/// assert_eq!(e.origin.as_deref(), Some("以下简称"));
/// ```
pub fn extract(text: &str) -> Extraction {
    let mut scan = Scan::default();
    for (i, line) in text.lines().enumerate() {
        scan.line(i + 1, line);
    }
    let mut extraction = scan.finish();
    // The report's definitions hold where it was issued.
    if let Some(place) = crate::sense::issuer(text) {
        for entry in &mut extraction.glossary.entries {
            entry.scope = Some(Scope {
                places: vec![place.clone()],
                from: None,
                until: None,
            });
        }
    }
    extraction
}

/// How a section numbers its entries; only lines numbered the same way open entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    /// （1） or (一)
    Bracket(Numeral),
    /// 1. or 1．
    Dot(Numeral),
    /// 1、 or 一、
    Comma(Numeral),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Numeral {
    Arabic,
    Chinese,
}

/// Text joined from several lines, remembering which line each piece came from.
#[derive(Debug, Default)]
struct Joined {
    text: String,
    /// (byte offset in `text`, 1-based line) for the start of each piece, in order.
    starts: Vec<(usize, usize)>,
}

impl Joined {
    fn push_line(&mut self, line: usize, piece: &str) {
        if let (Some(a), Some(b)) = (self.text.chars().next_back(), piece.chars().next())
            && needs_space(a, b)
        {
            self.text.push(' ');
        }
        self.starts.push((self.text.len(), line));
        self.text.push_str(piece);
    }

    fn line_at(&self, offset: usize) -> usize {
        let i = self.starts.partition_point(|&(o, _)| o <= offset);
        i.checked_sub(1)
            .and_then(|i| self.starts.get(i))
            .or(self.starts.first())
            .map_or(0, |&(_, line)| line)
    }
}

/// Only a line break between two pieces of ASCII text stands for a space: Chinese text has no
/// spaces between words, and PDF extraction breaks lines anywhere, even mid-word (建设1个市 /
/// 民健身中心).
fn needs_space(before: char, after: char) -> bool {
    let word_end = before.is_ascii_alphanumeric()
        || matches!(before, ',' | '.' | ';' | ':' | '!' | '?' | ')' | '%');
    let word_start = after.is_ascii_alphanumeric() || after == '(';
    word_end && word_start
}

/// An entry of the section being read, until the next entry or the section's end.
#[derive(Debug)]
struct Pending {
    line: usize,
    /// `None` when the number is too large for an id.
    number: Option<u32>,
    /// The whole entry, its number included.
    all: Joined,
    /// Where the text after the number starts in `all`.
    rest_start: usize,
}

#[derive(Debug)]
struct Section {
    heading_line: usize,
    heading: String,
    style: Option<Style>,
    last_number: Option<u32>,
    pending: Option<Pending>,
    entries: usize,
}

/// An entry found, before it is admitted to the glossary.
#[derive(Debug)]
struct Candidate {
    entry: Entry,
    line: usize,
    text: String,
}

#[derive(Debug, Default)]
struct Scan {
    section: Option<Section>,
    paragraph: Option<Joined>,
    section_entries: Vec<Candidate>,
    inline_entries: Vec<Candidate>,
    problems: Vec<Problem>,
}

impl Scan {
    fn line(&mut self, number: usize, raw: &str) {
        let line = raw.trim();
        if is_page_furniture(line) {
            return;
        }
        if is_heading(line) {
            self.end_paragraph();
            self.end_section();
            self.section = Some(Section {
                heading_line: number,
                heading: line.to_string(),
                style: None,
                last_number: None,
                pending: None,
                entries: 0,
            });
            return;
        }
        if self.section.is_some() && is_next_appendix(line) {
            self.end_section();
        }
        if self.section.is_some() {
            self.section_line(number, line);
            return;
        }
        if line.is_empty() {
            self.end_paragraph();
        } else {
            self.paragraph
                .get_or_insert_with(Joined::default)
                .push_line(number, line);
        }
    }

    fn section_line(&mut self, number: usize, line: &str) {
        if line.is_empty() {
            return;
        }
        let Some(section) = self.section.as_mut() else {
            return;
        };
        let numbered =
            entry_number(line).filter(|(style, _, _)| section.style.is_none_or(|s| s == *style));
        if let Some((style, n, rest)) = numbered {
            section.style = Some(style);
            let expected = section.last_number.map_or(Some(1), |n| n.checked_add(1));
            if let Some(n) = n {
                if Some(n) != expected {
                    let expected = expected.map_or_else(|| "none".to_string(), |e| e.to_string());
                    self.problems.push(Problem::new(
                        number,
                        line,
                        format!("entry numbered {n} where {expected} was expected"),
                    ));
                }
                section.last_number = Some(n);
            }
            section.entries += 1;
            let pending = section.pending.take();
            let mut all = Joined::default();
            all.push_line(number, line);
            // `rest` is a suffix of `line`, which is all of `all` so far.
            let rest_start = all.text.len().saturating_sub(rest.len());
            section.pending = Some(Pending {
                line: number,
                number: n,
                all,
                rest_start,
            });
            if let Some(p) = pending {
                self.finish_entry(p);
            }
        } else if let Some(p) = section.pending.as_mut() {
            p.all.push_line(number, line);
        } else {
            let message = format!(
                "text before the first entry of the {} section",
                excerpt(&section.heading)
            );
            self.problems.push(Problem::new(number, line, message));
        }
    }

    fn finish_entry(&mut self, p: Pending) {
        let text = p.all.text.clone();
        let problem = |message: &str| Problem::new(p.line, &text, message);
        let Some(id) = p.number else {
            self.problems.push(problem("entry number is too large"));
            return;
        };
        let rest = p.all.text.get(p.rest_start..).unwrap_or_default();
        let Some(colon) = rest.find(['：', ':']) else {
            self.problems
                .push(problem("entry has no ： or : between term and definition"));
            return;
        };
        let (term, definition) = rest.split_at(colon);
        let definition = definition.trim_start_matches(['：', ':']);
        let (term, definition) = (term.trim(), definition.trim());
        if term.is_empty() {
            self.problems
                .push(problem("entry has no term before its colon"));
            return;
        }
        if definition.is_empty() {
            self.problems
                .push(problem("entry has no definition after its colon"));
            return;
        }
        let mut entry = Entry::new(id, term, definition);
        entry.origin = Some(SECTION_ORIGIN.to_string());
        self.section_entries.push(Candidate {
            entry,
            line: p.line,
            text,
        });
        scan_inline(
            &p.all,
            p.rest_start,
            &mut self.inline_entries,
            &mut self.problems,
        );
    }

    fn end_section(&mut self) {
        if let Some(mut section) = self.section.take() {
            if let Some(p) = section.pending.take() {
                self.finish_entry(p);
            }
            if section.entries == 0 {
                self.problems.push(Problem::new(
                    section.heading_line,
                    &section.heading,
                    "glossary section has no numbered entries",
                ));
            }
        }
    }

    fn end_paragraph(&mut self) {
        if let Some(p) = self.paragraph.take() {
            scan_inline(&p, 0, &mut self.inline_entries, &mut self.problems);
        }
    }

    fn finish(mut self) -> Extraction {
        self.end_paragraph();
        self.end_section();
        let mut admit = Admit::default();
        for c in self.section_entries {
            admit.admit(c, &mut self.problems);
        }
        admit.next_id = admit
            .entries
            .iter()
            .map(|(e, _)| e.id)
            .max()
            .map_or(1, |m| m.saturating_add(1));
        for c in self.inline_entries {
            admit.admit(c, &mut self.problems);
        }
        let mut glossary = Glossary::default();
        let mut lines = Vec::with_capacity(admit.entries.len());
        for (entry, line) in admit.entries {
            glossary.entries.push(entry);
            lines.push(line);
        }
        if glossary.validate().is_err() {
            // `Admit` applies the same rules as `validate`, so this only runs if validation grows
            // a rule `Admit` lacks; the contract (a valid glossary) holds even then.
            let entries = std::mem::take(&mut glossary.entries);
            for (entry, line) in entries.into_iter().zip(lines) {
                let text = format!("{}：{}", entry.term, entry.definition);
                glossary.entries.push(entry);
                if let Err(e) = glossary.validate() {
                    glossary.entries.pop();
                    self.problems.push(Problem::new(line, &text, e.to_string()));
                }
            }
        }
        self.problems.sort_by_key(|p| p.line);
        Extraction {
            glossary,
            problems: self.problems,
        }
    }
}

/// Admits candidates into the glossary in order, keeping it valid: the same checks as
/// [`Glossary::validate`], with the first of two conflicting entries kept.
#[derive(Debug, Default)]
struct Admit {
    entries: Vec<(Entry, usize)>,
    ids: HashMap<u32, usize>,
    /// Folded term → index into `entries`.
    owners: HashMap<String, usize>,
    /// The id of the next inline entry (section entries keep their own).
    next_id: u32,
}

impl Admit {
    fn admit(&mut self, c: Candidate, problems: &mut Vec<Problem>) {
        let problem = |message: String| Problem::new(c.line, &c.text, message);
        let mut entry = c.entry.clone();
        let folded = fold_term(&entry.term, &FoldOptions::default());
        if folded.is_empty() {
            problems.push(problem(format!(
                "term {:?} is only whitespace or quote marks",
                entry.term
            )));
            return;
        }
        if let Some(&i) = self.owners.get(&folded) {
            if let Some((first, line)) = self.entries.get(i) {
                if first.definition == entry.definition {
                    // The same definition again: a repeat, not a conflict.
                    return;
                }
                problems.push(problem(format!(
                    "term {} is already defined by entry {} (line {line}); the first is kept",
                    entry.term, first.id
                )));
            }
            return;
        }
        let inline = entry.origin.as_deref() != Some(SECTION_ORIGIN);
        if inline {
            entry.id = self.next_id;
        }
        if let Some(&first_line) = self.ids.get(&entry.id) {
            problems.push(problem(format!(
                "entry number {} is used twice (first on line {first_line}); the first is kept",
                entry.id
            )));
            return;
        }
        if inline {
            self.next_id = self.next_id.saturating_add(1);
        }
        self.ids.insert(entry.id, c.line);
        self.owners.insert(folded, self.entries.len());
        self.entries.push((entry, c.line));
    }
}

fn is_heading(line: &str) -> bool {
    let squeezed: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let mut s = squeezed.as_str();
    if let Some(r) = s.strip_prefix("附件").or_else(|| s.strip_prefix("附录")) {
        // 附件1：, 附件一：
        let r = r.trim_start_matches(|c: char| digit(c).is_some() || chinese_digit(c).is_some());
        s = r.strip_prefix(['：', ':']).unwrap_or(r);
    } else if let Some(r) = s.strip_prefix("附") {
        match r.strip_prefix(['：', ':']) {
            Some(r) => s = r,
            None => return false,
        }
    }
    if let Some(r) = s.strip_prefix('《') {
        match r.split_once('》') {
            Some((_, r)) => s = r,
            None => return false,
        }
    }
    let s = s.strip_suffix(['：', ':']).unwrap_or(s);
    matches!(s, "名词解释" | "名词注释" | "注释")
}

/// A line that starts the next appendix ends the glossary section.
fn is_next_appendix(line: &str) -> bool {
    line.starts_with("附件")
        || line.starts_with("附录")
        || line.starts_with("附：")
        || line.starts_with("附:")
}

/// A line holding only a page number, as PDF extraction leaves between pages.
fn is_page_furniture(line: &str) -> bool {
    let squeezed: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let dashes = ['-', '–', '—', '－', '―'];
    let s = squeezed.trim_matches(dashes);
    if s.is_empty() {
        return false;
    }
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| digit(c).is_some());
    if digits(s) {
        return true;
    }
    if let Some((a, b)) = s.split_once(['/', '／']) {
        return digits(a) && digits(b);
    }
    // 第3页, 第3页共10页, 第3页，共10页, 第3页/共10页
    let page = |s: &str, lead: char| -> Option<usize> {
        let r = s.strip_prefix(lead)?;
        let n = r
            .chars()
            .take_while(|&c| digit(c).is_some())
            .map(char::len_utf8)
            .sum::<usize>();
        let r = r.get(n..)?.strip_prefix('页')?;
        // `r` is a suffix of `s`, so this cannot underflow.
        (n > 0).then_some(s.len() - r.len())
    };
    let Some(end) = page(s, '第') else {
        return false;
    };
    let r = s.get(end..).unwrap_or_default();
    let r = r.trim_start_matches(['，', ',', '/', '／']);
    r.is_empty() || page(r, '共') == Some(r.len())
}

fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn chinese_digit(c: char) -> Option<u32> {
    "零一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .and_then(|p| u32::try_from(p).ok())
        .or(match c {
            '〇' => Some(0),
            '两' => Some(2),
            _ => None,
        })
}

/// Reads a number at the start of `s`: Arabic digits (either width) or Chinese numerals up to the
/// hundreds (十二, 二十, 一百零一). Returns the value (`None` if too large), its kind and the rest.
fn numeral(s: &str) -> Option<(Option<u32>, Numeral, &str)> {
    let arabic: usize = s
        .chars()
        .take_while(|&c| digit(c).is_some())
        .map(char::len_utf8)
        .sum();
    if arabic > 0 {
        let (n, rest) = s.split_at_checked(arabic)?;
        let value = n
            .chars()
            .try_fold(0u32, |acc, c| acc.checked_mul(10)?.checked_add(digit(c)?));
        return Some((value, Numeral::Arabic, rest));
    }
    let is_chinese = |c: char| chinese_digit(c).is_some() || c == '十' || c == '百';
    let len: usize = s
        .chars()
        .take_while(|&c| is_chinese(c))
        .map(char::len_utf8)
        .sum();
    if len == 0 {
        return None;
    }
    let (n, rest) = s.split_at_checked(len)?;
    let (mut total, mut current) = (0u32, 0u32);
    for c in n.chars() {
        match c {
            '十' => {
                total = total.saturating_add(current.max(1) * 10);
                current = 0;
            }
            '百' => {
                total = total.saturating_add(current.max(1) * 100);
                current = 0;
            }
            // A run of digits (一二) is not a number we know; the value would be meaningless.
            _ if current > 0 => return None,
            _ => current = chinese_digit(c).unwrap_or(0),
        }
    }
    // `current` is a single digit, so only odd runs such as 百百百… can get near overflow, and
    // the saturating sums above keep even those from panicking.
    Some((Some(total.saturating_add(current)), Numeral::Chinese, rest))
}

/// The numbering at the start of a section line: its style, value and the text after it.
fn entry_number(line: &str) -> Option<(Style, Option<u32>, &str)> {
    if let Some(r) = line.strip_prefix(['（', '(']) {
        let (n, kind, r) = numeral(r)?;
        let r = r.strip_prefix(['）', ')'])?;
        return Some((Style::Bracket(kind), n, r.trim_start()));
    }
    let (n, kind, r) = numeral(line)?;
    if let Some(r) = r.strip_prefix(['.', '．']) {
        // 3.5% opening a continuation line is a decimal, not entry 3.
        if r.chars().next().is_some_and(|c| digit(c).is_some()) {
            return None;
        }
        return Some((Style::Dot(kind), n, r.trim_start()));
    }
    let r = r.strip_prefix('、')?;
    Some((Style::Comma(kind), n, r.trim_start()))
}

const OPEN_BRACKETS: [char; 2] = ['（', '('];
const CLOSE_BRACKETS: [char; 2] = ['）', ')'];
/// Punctuation that ends the clause holding a full name.
const CLAUSE_BREAKS: [char; 12] = [
    '，', '。', '；', '：', '、', '！', '？', ',', ';', ':', '!', '?',
];
/// Verbs after which a name starts rather than inside which it lies; see the module docs.
const CLAUSE_VERBS: [&str; 24] = [
    "了", "是", "出台", "印发", "制定", "颁布", "发布", "签署", "签订", "根据", "依据", "按照",
    "依照", "落实", "贯彻", "推行", "成立", "组建", "设立", "建立", "开展", "召开", "举办", "启动",
];
/// How far (in characters) a full name or a bracket's content may reach; bounds the work on
/// pathological input.
const MAX_REACH: usize = 256;

/// Finds the inline definitions in `j.text[from..]`.
fn scan_inline(j: &Joined, from: usize, out: &mut Vec<Candidate>, problems: &mut Vec<Problem>) {
    let text = j.text.as_str();
    let Some(tail) = text.get(from..) else {
        return;
    };
    for (k, _) in tail.match_indices(['简', '统']) {
        let at = from + k;
        let (Some(before), Some(after)) = (text.get(..at), text.get(at..)) else {
            continue;
        };
        let kind = if after.starts_with("简称") {
            "简称"
        } else if after.starts_with("统称") {
            "统称"
        } else {
            continue;
        };
        let Some(after) = after.get(kind.len()..) else {
            continue;
        };
        let (before, trigger) = match (before.strip_suffix("以下"), kind) {
            (Some(b), "简称") => (b, "以下简称"),
            (Some(b), _) => (b, "以下统称"),
            (None, k) => (before, k),
        };
        let Some(open) = enclosing_open_bracket(before) else {
            continue;
        };
        let between = before.get(open..).unwrap_or_default();
        let between = between.trim_start_matches(OPEN_BRACKETS).trim();
        if !(between.is_empty() || between.ends_with(['，', ',', '；', ';'])) {
            continue;
        }
        let line = j.line_at(open);
        let name_part = text.get(..open).unwrap_or_default();
        let clause_start = clause_start(name_part);
        // `after` is a suffix of `text`, so this cannot underflow.
        let after_start = text.len() - after.len();
        let group_end = closing_bracket(after).map(|e| after_start + e);
        // What a candidate or a problem quotes: the clause up to the bracket's end, or, with no
        // closing bracket, no further than a bracket could reach (a problem quotes only an
        // excerpt of it, so warnings do not grow with the rest of the paragraph).
        let shown = |end: Option<usize>| {
            let reach = after_start
                + after
                    .char_indices()
                    .nth(MAX_REACH)
                    .map_or(after.len(), |(i, _)| i);
            let end = end.unwrap_or(reach);
            text.get(clause_start..end)
                .unwrap_or_default()
                .trim()
                .to_string()
        };
        let term = match short_name(after) {
            Ok(t) => t,
            Err(message) => {
                problems.push(Problem::new(line, &shown(group_end), message));
                continue;
            }
        };
        if group_end.is_none() {
            problems.push(Problem::new(
                line,
                &shown(None),
                format!("（{trigger}…） has no closing bracket"),
            ));
            continue;
        }
        let Some(definition) = full_name(name_part) else {
            problems.push(Problem::new(
                line,
                &shown(group_end),
                format!("no full name before （{trigger}“{term}”）"),
            ));
            continue;
        };
        let mut entry = Entry::new(0, term, definition);
        entry.origin = Some(trigger.to_string());
        out.push(Candidate {
            entry,
            line,
            text: shown(group_end),
        });
    }
}

/// The byte offset of the unclosed bracket that `before` ends inside, looking back a short way.
fn enclosing_open_bracket(before: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in before.char_indices().rev().take(MAX_REACH) {
        if CLOSE_BRACKETS.contains(&c) {
            depth += 1;
        } else if OPEN_BRACKETS.contains(&c) {
            if depth == 0 {
                return Some(i);
            }
            depth -= 1;
        } else if c == '。' {
            return None;
        }
    }
    None
}

/// The byte offset just past the bracket that closes the group `after` is inside.
fn closing_bracket(after: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in after.char_indices().take(MAX_REACH) {
        if OPEN_BRACKETS.contains(&c) {
            depth += 1;
        } else if CLOSE_BRACKETS.contains(&c) {
            if depth == 0 {
                return Some(i + c.len_utf8());
            }
            depth -= 1;
        }
    }
    None
}

/// The short name after 简称/统称: quoted, in 《》, or bare up to the bracket or a comma.
fn short_name(after: &str) -> Result<String, &'static str> {
    let s = after.trim_start();
    let s = s.strip_prefix('为').unwrap_or(s).trim_start();
    let s = s.strip_prefix(['：', ':']).unwrap_or(s).trim_start();
    let mut chars = s.chars();
    let first = chars.next().ok_or("short name missing")?;
    let close = match first {
        '“' => Some('”'),
        '‘' => Some('’'),
        '「' => Some('」'),
        '『' => Some('』'),
        '"' | '＂' | '\'' => Some(first),
        '《' => Some('》'),
        _ => None,
    };
    let term = match close {
        Some(close) => {
            let inner = chars.as_str();
            let end = inner
                .char_indices()
                .take(MAX_REACH)
                .find(|&(_, c)| c == close)
                .map(|(i, _)| i)
                .ok_or("short name has no closing quote")?;
            inner.get(..end).unwrap_or_default()
        }
        None => {
            let end = s
                .char_indices()
                .take(MAX_REACH)
                .find(|&(_, c)| {
                    CLOSE_BRACKETS.contains(&c) || matches!(c, '，' | ',' | '；' | ';' | '。')
                })
                .map(|(i, _)| i)
                .ok_or("short name has no closing bracket")?;
            s.get(..end).unwrap_or_default()
        }
    };
    let term = term.trim();
    if term.is_empty() {
        return Err("short name is empty");
    }
    Ok(term.to_string())
}

/// Where the clause holding the full name starts in `before` (the text up to the bracket).
fn clause_start(before: &str) -> usize {
    let mut depth = 0usize;
    // Where the outermost bracket group being skipped ends, to look inside it once it is whole.
    let mut group_end = 0usize;
    for (i, c) in before.char_indices().rev().take(MAX_REACH) {
        if CLOSE_BRACKETS.contains(&c) || c == '》' {
            if depth == 0 {
                group_end = i;
            }
            depth += 1;
        } else if OPEN_BRACKETS.contains(&c) || c == '《' {
            if depth == 0 {
                return i + c.len_utf8();
            }
            depth -= 1;
            // An earlier definition's bracket ends the clause: in 甲（简称“甲”）和乙（简称“乙”）
            // 乙's name does not reach back over 甲.
            let group = before.get(i..group_end).unwrap_or_default();
            if depth == 0 && (group.contains("简称") || group.contains("统称")) {
                return before
                    .get(group_end..)
                    .and_then(|r| r.chars().next())
                    .map_or(group_end, |c| group_end + c.len_utf8());
            }
        } else if depth == 0 && CLAUSE_BREAKS.contains(&c) {
            return i + c.len_utf8();
        }
    }
    // No break within reach: the paragraph's start, or as far as we looked.
    before
        .char_indices()
        .rev()
        .take(MAX_REACH)
        .last()
        .map_or(0, |(i, _)| i)
}

/// The full name that `before` (the text up to the bracket) ends with; see the module docs.
fn full_name(before: &str) -> Option<String> {
    let t = before.trim_end();
    if let Some(inner) = t.strip_suffix('》') {
        let mut depth = 0usize;
        for (i, c) in inner.char_indices().rev().take(MAX_REACH) {
            match c {
                '》' => depth += 1,
                '《' if depth == 0 => {
                    let name = inner.get(i + c.len_utf8()..)?.trim();
                    return (!name.is_empty()).then(|| name.to_string());
                }
                '《' => depth -= 1,
                _ => {}
            }
        }
        return None;
    }
    let clause = t.get(clause_start(t)..)?;
    let head = clause
        .find("关于")
        .map_or(clause, |i| clause.get(..i).unwrap_or(clause));
    let cut = CLAUSE_VERBS
        .iter()
        .filter_map(|v| head.rfind(v).map(|i| i + v.len()))
        .max()
        .unwrap_or(0);
    let name = clause.get(cut..)?.trim_start();
    let name = name.strip_prefix('的').unwrap_or(name).trim();
    (!name.is_empty()).then(|| name.to_string())
}
