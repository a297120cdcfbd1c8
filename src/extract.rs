//! Building a glossary from a report: its glossary section, in whatever layout, and its inline
//! definitions (（以下简称“X”）, “X”（即…）).
//!
//! [`extract`] reads a whole report and returns an [`Extraction`]: a [valid](Glossary::validate)
//! [`Glossary`] and the [`Problem`]s met on the way. It never fails: what it cannot parse is
//! reported with its line number, never silently dropped or guessed at.
//!
//! # Reading the lines
//!
//! Each line is trimmed, and the pinyin annotations that mirror sites insert after characters
//! (報(bào)告) are removed. **Page furniture** (a line holding only a page number: `12`,
//! `- 12 -`, `— 12 —`, `第 3 页`, `第 3 页 共 10 页`, `3/10`) is dropped. The text's script is
//! kept in everything written: a traditional-script report gives traditional entries.
//!
//! # Glossary sections and their layouts
//!
//! - **Headings.** A line of its own (whitespace between the characters ignored, as in 名 词 解
//!   释, either script: 名詞解釋) reading 名词解释, 名词注释, 名词注解, 名词释义, 名词解读, 词语解释,
//!   术语解释, 新词解释, 新词新语, 新词, 热词, 关键词, 注释 or 注解, optionally followed by `：`/`:`,
//!   optionally preceded by a title in 《》 (《政府工作报告》名词解释), a quoted subject
//!   (“七个一批”名词解释) or an appendix label (附：, 附件：, 附件1：, 附录：). A section runs to the
//!   next heading, to a line starting with 附件, 附录 or 附： (the next appendix), or to the end.
//!   Text before its first entry is its lead, read as running text; text after its entries that
//!   is no entry is a problem.
//! - **Numbered entries**: `1.` `1．` `1、` `（1）` `(1)` `①` `一、`, with ASCII or full-width digits
//!   or Chinese numerals. The first entry fixes the numbering style; a numbered line in another
//!   style continues the current entry, so sub-items such as （1）… inside a `1.` list stay in
//!   their definition, except that `.` and `、` stand for each other when the number is the next
//!   one and a term follows (2. then 3、, a typo). `3.5` is a number, not an entry. A section with
//!   numbered entries has only those.
//! - **Unnumbered entries**: `term：definition` paragraphs (“十个一”：指…), each opening where the
//!   one before ended its sentence.
//! - **Term lines**: a short line of its own, without punctuation (四个城市), and its definition
//!   on the lines after it.
//! - **Label pairs**: `关键词：` with the term after it or on the next line, then `名词解释：` (or
//!   释义, 含义, 解读) and the definition, to the end of its paragraph.
//! - **Without a heading**, a layout must show itself: a numbered list from 1 of two entries or
//!   more whose text announced a glossary within a few lines before (24个名词解释, 这些新名词,
//!   新词, 词汇; see the mention words) or whose definitions mostly open with 是指, 指 or 即; two
//!   `term：指…` paragraphs or more (or one, announced); two term-line pairs or more, announced.
//!   Such a block ends at the first paragraph that is no entry. Label pairs need no heading.
//!
//! # Term and definition
//!
//! An entry is split at its first `：` or `:`; without one, before `，指`, `，是指` or `，即`
//! (谋划项目，指…), or before a bare 是指 after a term of two characters or more (两区一堡 是指…).
//! The definition is kept verbatim, a leading 是指, 指 or 即 included, lines joined with nothing
//! between them except one space where both sides are ASCII (`建设1个市` + `民健身中心` is
//! 建设1个市民健身中心, `in the` + `city` is `in the city`). An entry runs across line and page
//! breaks, under a heading blank lines included, until the next entry.
//!
//! An entry is **refused with a problem** rather than made badly when its term holds 是指, a 指
//! or 即 opening a clause (after a space or punctuation: 指标 and 即时 are words), or sentence
//! punctuation (a colon or a number was lost and two entries ran together), or is longer than
//! 32 characters; or when its definition is empty, starts mid-clause (with a comma or 并且, 以及,
//! 或者, 而且, 同时), or holds another numbered entry after a sentence (`。3、一窗通：`).
//!
//! # Entries usable as they come
//!
//! - **Aliases**: the headword without its qualifier (农民相对集中居住“1+7”政策体系 gives
//!   “1+7”政策体系) and each part of a coordinated qualifier (审批权限和审批流程“三集中” gives
//!   审批权限“三集中” and 审批流程“三集中”), each only where the text itself writes it outside the
//!   full headword, and only if no other entry claims it.
//! - **Gloss**: a short `gloss` for inline output: the definition without its leading 是指, 指 or
//!   即; for a definition that explains its parts (“1”是指…，“7”是指…) the parts' explanations
//!   joined by ；; otherwise its first sentence. Past 40 characters it is cut at the last clause
//!   or list boundary (a list cut short ends in 等), never inside a word.
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
//!   依照 落实 贯彻 推行 成立 组建 设立 建立 开展 召开 举办 启动 会同 委托 依托 通过 围绕),
//!   looking only before the first 关于 (关于建立…的意见 names its own verbs), and without a
//!   leading 的 or a leading word that opens a clause and no name (并 与 对 由 把: 并会同区发展和
//!   改革委员会 is the committee). This is a heuristic: 深化“放管服”改革（以下简称“改革”）
//!   keeps 深化.
//! - after 统称, a list is one name: 甲制度、乙制度、丙制度（以下统称“三项制度”） stands for all
//!   three, so `、` does not end the phrase.
//!
//! The term is the short name without its quote marks.
//!
//! A quoted term followed at once by a bracket opening with 即 is glossed in place:
//! “五个一批”（即谋划一批、签约一批…） gives 五个一批 with the bracket's content as definition.
//!
//! A paragraph that speaks of a glossary (名词注解上看到：…) and retells two entries or more as
//! clauses `term，是指…` (粮食企业“三老”问题，是指老人、老账、老粮；两免一补，是指…) gives each,
//! with origin 是指.
//!
//! # Ids, origins, conflicts
//!
//! Numbered entries keep their numbers as ids; unnumbered ones, and one whose number is used
//! already (a second list numbering from 1), take the ids after the largest number, in text
//! order, with a problem saying so for the repeated number. Section entries have origin
//! [`SECTION_ORIGIN`]. Inline entries follow, with the bracket's keyword as origin (以下简称,
//! 简称, 以下统称, 统称, 即 or 是指). Section entries come first, so they win a conflict with an inline
//! definition. An entry whose term (after the annotator's folding) is already defined with the
//! same definition is a repeat and is left out quietly; with another definition it is a
//! conflict: the first is kept and the other reported. A number out of sequence is reported
//! too. `name` and `source` of the glossary are left empty for the caller, who knows the file.
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

use crate::fold::{FoldOptions, fold_term, simplify, strip_pinyin};
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
/// let x = zhgloss::extract::extract("名词解释\n\n1. 三张清单指三张清单。\n");
/// let p = &x.problems[0];
/// assert_eq!((p.line, p.text.as_str()), (3, "1. 三张清单指三张清单。"));
/// assert_eq!(
///     p.to_string(),
///     "line 3: entry has no ： or : between term and definition: 1. 三张清单指三张清单。"
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
    let lines = prepare(text);
    let mut scan = Scan::default();
    scan.run(&lines);
    let mut extraction = scan.finish(text, true);
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

/// The terms and definitions a text defines, as [`extract`] reads them, without what makes
/// them a glossary to annotate with (aliases, glosses, scopes): what the audit needs to know
/// what the text explains itself.
pub(crate) fn defined_terms(text: &str) -> Vec<Entry> {
    let lines = prepare(text);
    let mut scan = Scan::default();
    scan.run(&lines);
    scan.finish(text, false).glossary.entries
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
    /// ① to ⑳
    Circled,
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

/// A line of the text as the scanner reads it: trimmed, with the pinyin annotations of mirror
/// sites removed (報(bào)告 is 報告). Page furniture is left out of the list.
#[derive(Debug)]
struct Line {
    /// 1-based.
    number: usize,
    text: String,
}

/// The lines of `text`, prepared (see [`Line`]).
fn prepare(text: &str) -> Vec<Line> {
    text.lines()
        .enumerate()
        .filter_map(|(i, raw)| {
            let line = strip_pinyin(raw.trim());
            let line = line.trim();
            (!is_page_furniture(line)).then(|| Line {
                number: i + 1,
                text: line.to_string(),
            })
        })
        .collect()
}

/// An entry as a layout found it, before its term and definition are checked.
#[derive(Debug)]
struct RawEntry {
    line: usize,
    /// `Some(n)` for a numbered entry (`n` is `None` when too large for an id), `None` for an
    /// unnumbered one.
    number: Option<Option<u32>>,
    /// The whole entry, its number (or its term line) included.
    all: Joined,
    /// Where the text after the number (or the definition, with `term`) starts in `all`.
    rest_start: usize,
    /// The term, when the layout gives it apart (a term line, a 关键词 label).
    term: Option<String>,
    /// The numbering style of the entry's list, for a numbered entry.
    style: Option<Style>,
}

/// An entry found, before it is admitted to the glossary.
#[derive(Debug)]
struct Candidate {
    entry: Entry,
    /// The number the text gives the entry, if any.
    number: Option<u32>,
    line: usize,
    text: String,
}

/// How the entries of a block are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    /// `1. term：definition`, in one numbering style.
    Numbered(Style),
    /// `term：指…` paragraphs without numbers.
    Unnumbered,
    /// A term on a line of its own, its definition on the next.
    Pairs,
}

/// Where a block of entries was found: under a heading, or by its shape alone (then it must
/// show its layout more clearly, and ends at the first paragraph that is not an entry).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Found {
    Heading,
    Shape,
}

#[derive(Debug, Default)]
struct Scan {
    paragraph: Option<Joined>,
    block_entries: Vec<Candidate>,
    inline_entries: Vec<Candidate>,
    problems: Vec<Problem>,
    /// The index (in the prepared lines) of the last line that speaks of a glossary (这些新名词,
    /// 24个名词解释), which makes the layouts after it likelier to be one.
    mention: Option<usize>,
}

/// How many lines after a mention of a glossary its entries may start.
pub(crate) const MENTION_REACH: usize = 8;

impl Scan {
    fn run(&mut self, lines: &[Line]) {
        let mut i = 0;
        while let Some(line) = lines.get(i) {
            if line.text.is_empty() {
                self.end_paragraph();
                i += 1;
                continue;
            }
            if let Some(next) = self.block_at(lines, i) {
                self.end_paragraph();
                i = next.max(i + 1);
                continue;
            }
            if mentions_glossary(&line.text) {
                self.mention = Some(i);
            }
            self.paragraph
                .get_or_insert_with(Joined::default)
                .push_line(line.number, &line.text);
            i += 1;
        }
        self.end_paragraph();
    }

    fn mentioned(&self, i: usize) -> bool {
        self.mention
            .is_some_and(|m| i.saturating_sub(m) <= MENTION_REACH)
    }

    /// Reads a block of entries starting at line `i`, if one does; returns the index of the
    /// line after it.
    fn block_at(&mut self, lines: &[Line], i: usize) -> Option<usize> {
        let text = lines.get(i)?.text.as_str();
        if let Some(end) = self.label_pairs(lines, i) {
            return Some(end);
        }
        if is_heading(text) {
            return Some(self.section(lines, i));
        }
        // Without a heading, a layout must show itself: a numbered list from 1, `term：指…`
        // paragraphs, or term and definition lines after a mention of a glossary.
        let mentioned = self.mentioned(i);
        let layout = if let Some((style, Some(1), rest)) = entry_number(text) {
            split_entry(rest).ok().map(|_| Layout::Numbered(style))
        } else if is_marked_entry(text) {
            Some(Layout::Unnumbered)
        } else if mentioned && is_pair_at(lines, i) {
            Some(Layout::Pairs)
        } else {
            None
        }?;
        let (entries, end, problems) = read_block(lines, i, layout, Found::Shape);
        let marked = entries
            .iter()
            .filter(|e| {
                let rest = e.all.text.get(e.rest_start..).unwrap_or_default();
                e.term.is_some() || split_entry(rest).is_ok_and(|(_, d)| starts_marked(d))
            })
            .count();
        let enough = match layout {
            // A numbered list in a report's body has a colon now and then; a glossary's entries
            // say 指 or are announced.
            Layout::Numbered(_) => entries.len() >= 2 && (mentioned || 2 * marked >= entries.len()),
            Layout::Unnumbered => entries.len() >= 2 || mentioned,
            Layout::Pairs => entries.len() >= 2,
        };
        if !enough {
            return None;
        }
        self.problems.extend(problems);
        for e in entries {
            self.finish_entry(e);
        }
        Some(end)
    }

    /// A section under the heading at line `i`: its layout is the first one its lines show;
    /// text before it is the section's lead, read as running text. Returns where it ends.
    fn section(&mut self, lines: &[Line], i: usize) -> usize {
        let heading = lines.get(i).map_or("", |l| l.text.as_str());
        let heading_line = lines.get(i).map_or(0, |l| l.number);
        let mut k = i + 1;
        let mut found = 0;
        // A section with numbered entries has only those: a `说明：…` line before them is its
        // lead, not an unnumbered entry.
        let numbered = lines
            .iter()
            .skip(i + 1)
            .take_while(|l| !is_heading(&l.text) && !is_next_appendix(&l.text))
            .any(|l| entry_number(&l.text).is_some_and(|(_, _, r)| split_entry(r).is_ok()));
        while let Some(line) = lines.get(k) {
            let text = line.text.as_str();
            if is_heading(text) || is_next_appendix(text) {
                break;
            }
            if text.is_empty() {
                self.end_paragraph();
                k += 1;
                continue;
            }
            if let Some(end) = self.label_pairs(lines, k) {
                self.end_paragraph();
                found += 1;
                k = end.max(k + 1);
                continue;
            }
            let layout = match entry_number(text) {
                Some((style, _, _)) => Some(Layout::Numbered(style)),
                None if numbered => None,
                None if split_entry(text).is_ok_and(|(t, d)| is_term(t) && !d.is_empty()) => {
                    Some(Layout::Unnumbered)
                }
                None if is_pair_at(lines, k) => Some(Layout::Pairs),
                None => None,
            };
            let Some(layout) = layout else {
                // Before the entries, the section's lead: prose, read for inline definitions.
                // After them, text the section holds that is no entry: said, not guessed at.
                if found > 0 && self.paragraph.is_none() {
                    self.problems.push(Problem::new(
                        line.number,
                        text,
                        format!("text in the {} section that is no entry", excerpt(heading)),
                    ));
                }
                self.paragraph
                    .get_or_insert_with(Joined::default)
                    .push_line(line.number, text);
                k += 1;
                continue;
            };
            self.end_paragraph();
            let (entries, end, problems) = read_block(lines, k, layout, Found::Heading);
            found += entries.len();
            self.problems.extend(problems);
            for e in entries {
                self.finish_entry(e);
            }
            k = end.max(k + 1);
        }
        self.end_paragraph();
        if found == 0 {
            self.problems.push(Problem::new(
                heading_line,
                heading,
                "glossary section has no entries",
            ));
        }
        k
    }

    /// `关键词：` label pairs at line `i`: the term after the label or on the next line, then
    /// `名词解释：` (or 释义, 含义, 解读) and the definition, to the end of its paragraph.
    fn label_pairs(&mut self, lines: &[Line], i: usize) -> Option<usize> {
        let first = lines.get(i)?;
        let rest = strip_label(&first.text, TERM_LABELS)?;
        let mut k = i + 1;
        let next_text = |k: &mut usize| -> Option<&Line> {
            while lines.get(*k).is_some_and(|l| l.text.is_empty()) {
                *k += 1;
            }
            lines.get(*k)
        };
        let (term, term_line) = if rest.is_empty() {
            let line = next_text(&mut k)?;
            if !is_term(&line.text) {
                return None;
            }
            k += 1;
            (line.text.clone(), line.number)
        } else {
            (rest.to_string(), first.number)
        };
        let mut all = Joined::default();
        all.push_line(term_line, &term);
        let rest_start = all.text.len() + '：'.len_utf8();
        all.text.push('：');
        // A keyword line without a definition label after it is a news item's keywords.
        let def_line = next_text(&mut k)?;
        let def = strip_label(&def_line.text, DEFINITION_LABELS)?;
        if !def.is_empty() {
            all.push_line(def_line.number, def);
        }
        k += 1;
        if def.is_empty() {
            // The label on a line of its own: the definition is the next paragraph.
            next_text(&mut k);
        }
        while let Some(line) = lines.get(k) {
            if line.text.is_empty()
                || strip_label(&line.text, TERM_LABELS).is_some()
                || is_heading(&line.text)
            {
                break;
            }
            all.push_line(line.number, &line.text);
            k += 1;
        }
        self.finish_entry(RawEntry {
            line: term_line,
            number: None,
            all,
            rest_start,
            term: Some(term),
            style: None,
        });
        Some(k)
    }

    fn finish_entry(&mut self, p: RawEntry) {
        let text = p.all.text.clone();
        let problem = |message: &str| Problem::new(p.line, &text, message);
        let number = match p.number {
            Some(None) => {
                self.problems.push(problem("entry number is too large"));
                return;
            }
            Some(Some(n)) => Some(n),
            None => None,
        };
        let rest = p.all.text.get(p.rest_start..).unwrap_or_default();
        let split = match &p.term {
            Some(term) => Ok((term.as_str(), rest.trim())),
            None => split_entry(rest),
        };
        let (term, definition) = match split {
            Ok((_, "")) if p.term.is_some() => {
                self.problems
                    .push(problem("term has no definition after it"));
                return;
            }
            Ok(split) => split,
            Err(message) => {
                self.problems.push(problem(message));
                return;
            }
        };
        if let Err(message) = check_term(term).and_then(|()| check_definition(definition, p.style))
        {
            self.problems.push(problem(&message));
            return;
        }
        let mut entry = Entry::new(0, term, definition);
        entry.origin = Some(SECTION_ORIGIN.to_string());
        self.block_entries.push(Candidate {
            entry,
            number,
            line: p.line,
            text,
        });
        // Inline definitions inside the definition.
        scan_inline(
            &p.all,
            p.rest_start,
            &mut self.inline_entries,
            &mut self.problems,
        );
    }

    fn end_paragraph(&mut self) {
        if let Some(p) = self.paragraph.take() {
            scan_inline(&p, 0, &mut self.inline_entries, &mut self.problems);
            if mentions_glossary(&p.text) {
                scan_retold(&p, &mut self.inline_entries);
            }
        }
    }

    /// The glossary, and with `usable` the aliases and glosses that make it one to annotate
    /// with.
    fn finish(mut self, text: &str, usable: bool) -> Extraction {
        self.end_paragraph();
        // Numbered entries keep their numbers; the others (and a number used twice) take the
        // ids after the largest, in text order.
        let mut admit = Admit {
            next_id: self
                .block_entries
                .iter()
                .filter_map(|c| c.number)
                .max()
                .map_or(1, |m| m.saturating_add(1)),
            ..Admit::default()
        };
        for c in self.block_entries {
            admit.admit(c, &mut self.problems);
        }
        admit.next_id = admit
            .entries
            .iter()
            .map(|(e, _)| e.id)
            .max()
            .map_or(1, |m| m.saturating_add(1))
            .max(admit.next_id);
        for c in self.inline_entries {
            admit.admit(c, &mut self.problems);
        }
        let mut glossary = Glossary::default();
        let mut lines = Vec::with_capacity(admit.entries.len());
        for (entry, line) in admit.entries {
            glossary.entries.push(entry);
            lines.push(line);
        }
        if usable {
            derive_aliases(&mut glossary, text);
            for e in &mut glossary.entries {
                e.gloss = derive_gloss(&e.definition);
            }
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

/// Reads the entries of a block laid out as `layout` from line `i`; returns them and the index
/// of the line after the block.
fn read_block(
    lines: &[Line],
    i: usize,
    layout: Layout,
    found: Found,
) -> (Vec<RawEntry>, usize, Vec<Problem>) {
    let mut entries: Vec<RawEntry> = Vec::new();
    let mut pending: Option<RawEntry> = None;
    let mut last_number: Option<u32> = None;
    let mut blank_before = false;
    let mut k = i;
    let mut problems = Vec::new();
    while let Some(line) = lines.get(k) {
        let text = line.text.as_str();
        if text.is_empty() {
            blank_before = true;
            k += 1;
            continue;
        }
        if is_heading(text)
            || is_next_appendix(text)
            || (k > i && strip_label(text, TERM_LABELS).is_some())
        {
            break;
        }
        let opens = match layout {
            Layout::Numbered(style) => {
                let expected = last_number.map_or(Some(1), |n| n.checked_add(1));
                match entry_number(text) {
                    Some((s, n, rest)) if s == style => Some((Some(n), rest, None)),
                    // 2. then 3、: a typo in the numbering, not a sub-item, when the number is
                    // the next one and an entry follows it.
                    Some((s, n, rest))
                        if pending.is_some()
                            && n == expected
                            && s.switches_with(style)
                            && split_entry(rest).is_ok_and(|(t, _)| is_term(t)) =>
                    {
                        Some((Some(n), rest, None))
                    }
                    _ => None,
                }
            }
            Layout::Unnumbered => {
                let ends_sentence = pending.as_ref().is_none_or(|p| ends_sentence(&p.all.text));
                let shaped = match found {
                    Found::Shape => is_marked_entry(text),
                    Found::Heading => {
                        split_entry(text).is_ok_and(|(t, d)| is_term(t) && !d.is_empty())
                    }
                };
                (ends_sentence || blank_before) && shaped
            }
            .then_some((None, text, None)),
            // A term line without a definition after it is left for `finish_entry` to refuse.
            Layout::Pairs => is_term_line(text).then(|| (None, "", Some(text.to_string()))),
        };
        if let Some((number, rest, term)) = opens {
            if let Layout::Numbered(_) = layout {
                let expected = last_number.map_or(Some(1), |n| n.checked_add(1));
                if let Some(n) = number.flatten() {
                    if Some(n) != expected {
                        if found == Found::Shape {
                            // A list found by its shape ends where its numbering breaks.
                            break;
                        }
                        let expected =
                            expected.map_or_else(|| "none".to_string(), |e| e.to_string());
                        problems.push(Problem::new(
                            line.number,
                            text,
                            format!("entry numbered {n} where {expected} was expected"),
                        ));
                    }
                    last_number = Some(n);
                }
            }
            if let Some(p) = pending.take() {
                entries.push(p);
            }
            let mut all = Joined::default();
            let rest_start = match &term {
                Some(t) => {
                    all.push_line(line.number, t);
                    all.text.len()
                }
                None => {
                    all.push_line(line.number, text);
                    all.text.len().saturating_sub(rest.len())
                }
            };
            pending = Some(RawEntry {
                line: line.number,
                number,
                all,
                rest_start,
                term,
                style: match layout {
                    Layout::Numbered(s) => Some(s),
                    _ => None,
                },
            });
            blank_before = false;
            k += 1;
            continue;
        }
        // Not an entry's start: the pending entry goes on, or the block is over.
        let Some(p) = pending.as_mut() else {
            break;
        };
        let mid_sentence = !ends_sentence(&p.all.text);
        let goes_on = match (layout, found) {
            // Under a heading an entry runs to the next, blank lines and page breaks included,
            // but not into a byline or the text's next chapter (二、… in a `1.` list) after a
            // finished sentence and a blank line: those are reported as no entry.
            (Layout::Numbered(style), Found::Heading) => {
                !(blank_before && !mid_sentence && ends_section(text, style))
            }
            // Found by shape, a new paragraph after a finished sentence ends the block.
            (Layout::Numbered(_), Found::Shape) => !blank_before || mid_sentence,
            (Layout::Unnumbered, Found::Heading) => !blank_before || mid_sentence,
            (Layout::Unnumbered, Found::Shape) => mid_sentence,
            // A term line's definition is the paragraph after it.
            (Layout::Pairs, _) if p.all.text.len() == p.rest_start => true,
            (Layout::Pairs, Found::Heading) => !blank_before || mid_sentence,
            (Layout::Pairs, Found::Shape) => mid_sentence,
        };
        if !goes_on {
            break;
        }
        p.all.push_line(line.number, text);
        blank_before = false;
        k += 1;
    }
    if let Some(p) = pending.take() {
        entries.push(p);
    }
    (entries, k, problems)
}

/// Whether a line after a finished entry and a blank line is something other than the
/// entry's continuation: a byline or an editor's line, or a chapter numbered 一、 or （一）
/// where the list is numbered with Arabic digits.
fn ends_section(text: &str, style: Style) -> bool {
    let byline = [
        "（记者",
        "(记者",
        "记者",
        "责任编辑",
        "编辑：",
        "编辑:",
        "来源：",
        "来源:",
        "作者：",
    ]
    .iter()
    .any(|b| text.starts_with(b));
    let arabic = matches!(
        style,
        Style::Dot(Numeral::Arabic)
            | Style::Comma(Numeral::Arabic)
            | Style::Bracket(Numeral::Arabic)
    );
    let chapter = matches!(
        entry_number(text),
        Some((
            Style::Comma(Numeral::Chinese) | Style::Bracket(Numeral::Chinese),
            _,
            _
        ))
    );
    byline || (arabic && chapter)
}

impl Style {
    /// Whether a list numbered `self` may continue with `other` by mistake (2. then 3、).
    fn switches_with(self, other: Style) -> bool {
        match (self, other) {
            (Style::Dot(a), Style::Comma(b)) | (Style::Comma(a), Style::Dot(b)) => a == b,
            _ => false,
        }
    }
}

/// Labels before a term in 关键词/名词解释 pairs.
pub(crate) const TERM_LABELS: &[&str] = &["关键词", "關鍵詞", "关键字"];
/// Labels before a definition in those pairs.
pub(crate) const DEFINITION_LABELS: &[&str] = &[
    "名词解释",
    "名詞解釋",
    "释义",
    "釋義",
    "含义",
    "含義",
    "解读",
    "解讀",
];

/// The text after one of `labels` and its colon at the start of `line` (empty when the label
/// stands alone, with or without its colon).
pub(crate) fn strip_label<'a>(line: &'a str, labels: &[&str]) -> Option<&'a str> {
    let squeezed = line.trim_start_matches(['【', '[', '■', '●', '◆', '▲']);
    let rest = labels.iter().find_map(|l| squeezed.strip_prefix(l))?;
    let rest = rest.trim_start_matches(['】', ']']).trim_start();
    if rest.is_empty() {
        return Some(rest);
    }
    rest.strip_prefix(['：', ':']).map(str::trim)
}

/// The words by which a text speaks of a glossary (名词解释, 这些新名词, 新词, 热词, 词汇), in
/// both scripts: compared as written, so no line is copied to be folded.
const MENTION_WORDS: &[&str] = &[
    "名词",
    "名詞",
    "新词",
    "新詞",
    "热词",
    "熱詞",
    "词汇",
    "詞彙",
    "詞匯",
    "关键词",
    "關鍵詞",
    "词典",
    "詞典",
    "注解",
    "註解",
    "释义",
    "釋義",
    "新提法",
];

pub(crate) fn mentions_glossary(line: &str) -> bool {
    MENTION_WORDS.iter().any(|w| line.contains(w))
}

/// The longest term, in characters: a headword, not a sentence.
const TERM_MAX: usize = 32;

/// The longest term line of the term-line/definition-line layout, in characters.
const TERM_LINE_MAX: usize = 16;

/// Splits an entry at its first `：`/`:`, or else before a `，指`/`，是指`/`，即` (谋划项目，
/// 指…) or a `是指` (两区一堡 是指…).
fn split_entry(rest: &str) -> Result<(&str, &str), &'static str> {
    let colon = rest.find(['：', ':']);
    let cut = |at: usize, skip: usize| {
        let (t, d) = rest.split_at_checked(at).unwrap_or((rest, ""));
        (t.trim(), d.get(skip..).unwrap_or_default().trim())
    };
    if let Some(c) = colon {
        let colon_len = rest
            .get(c..)
            .and_then(|r| r.chars().next())
            .map_or(1, char::len_utf8);
        let (term, definition) = cut(c, colon_len);
        if term.is_empty() {
            return Err("entry has no term before its colon");
        }
        return Ok((term, definition));
    }
    let comma = ["，指", ",指", "，是指", ",是指", "，即", ",即"]
        .iter()
        .filter_map(|m| rest.find(m))
        .min();
    if let Some(c) = comma {
        let comma_len = rest
            .get(c..)
            .and_then(|r| r.chars().next())
            .map_or(1, char::len_utf8);
        return Ok(cut(c, comma_len));
    }
    // 两区一堡 是指…: a bare 是指 after a term of two characters or more (一是指导… is no entry).
    if let Some(c) = rest.find("是指")
        && rest.get(..c).is_some_and(|t| t.trim().chars().count() >= 2)
    {
        return Ok(cut(c, 0));
    }
    Err("entry has no ： or : between term and definition")
}

/// Why a term is refused, if it is: it holds 是指, a 指 or 即 that opens a clause, or sentence
/// punctuation (a missing colon ran an entry into the next), or is too long for a headword.
/// A 指 or 即 inside a word (指标, 即时) is fine.
fn check_term(term: &str) -> Result<(), String> {
    if term.is_empty() {
        return Err("entry has no term before its colon".into());
    }
    if term.contains("是指") {
        return Err("the term holds 是指, so the definition ran into it (a colon missing?)".into());
    }
    let mut prev: Option<char> = None;
    for c in term.chars() {
        if (c == '指' || c == '即')
            && prev.is_some_and(|p| p.is_whitespace() || CLAUSE_BREAKS.contains(&p))
        {
            return Err(format!(
                "the term holds {c} opening a clause, so the definition ran into it"
            ));
        }
        if "。；！？;!?".contains(c) {
            return Err(
                "the term holds sentence punctuation, so entries ran together (a colon or a number missing?)"
                    .into(),
            );
        }
        prev = Some(c);
    }
    let n = term.chars().count();
    if n > TERM_MAX {
        return Err(format!(
            "the term is {n} characters long, a sentence rather than a headword"
        ));
    }
    Ok(())
}

/// Why a definition is refused, if it is: empty, or starting mid-clause (with a comma or a
/// conjunction that continues something before it), as a cut entry does.
fn check_definition(definition: &str, style: Option<Style>) -> Result<(), String> {
    let Some(first) = definition.chars().next() else {
        return Err("entry has no definition after its colon".into());
    };
    if "，、；。,;.）)".contains(first)
        || ["并且", "以及", "或者", "而且", "同时"]
            .iter()
            .any(|c| definition.starts_with(c))
    {
        return Err(
            "the definition starts mid-clause, so the entry was cut from what comes before".into(),
        );
    }
    // After a sentence, a number and a term with its colon: the next entry, run into this one
    // where a line break was lost.
    for (i, _) in definition.match_indices(['。', '；']) {
        let after = definition
            .get(i..)
            .and_then(|r| r.get(r.chars().next().map_or(0, char::len_utf8)..));
        let Some(after) = after.map(str::trim_start) else {
            continue;
        };
        // Only in the entry's own numbering (or the 、/. typo of it): （1） inside a `1.` list is
        // a sub-item.
        if let Some((s, _, rest)) = entry_number(after)
            && style.is_some_and(|own| s == own || own.switches_with(s))
            && let Some(colon) = rest.find(['：', ':'])
            && rest.get(..colon).is_some_and(|t| {
                let t = t.trim();
                !t.is_empty() && t.chars().count() <= 16 && is_term(t)
            })
        {
            let shown_end = after.len() - rest.len() + colon;
            let shown = after.get(..shown_end).unwrap_or(after);
            let colon_char = rest
                .get(colon..)
                .and_then(|r| r.chars().next())
                .unwrap_or('：');
            return Err(format!(
                "the definition holds another numbered entry ({shown}{colon_char}), so entries ran together"
            ));
        }
    }
    Ok(())
}

/// A term as the layouts accept it (see [`check_term`]).
fn is_term(term: &str) -> bool {
    check_term(term).is_ok()
}

/// Whether a definition opens with 是指, 指 or 即 (also after a quoted part: “两重”指…), the
/// marks by which a glossary entry shows itself without a heading.
fn starts_marked(definition: &str) -> bool {
    let d = definition.trim_start();
    let d = match d.strip_prefix(['“', '"', '「', '‘']) {
        Some(r) => r
            .char_indices()
            .take(12)
            .find(|&(_, c)| matches!(c, '”' | '"' | '」' | '’'))
            .and_then(|(i, c)| r.get(i + c.len_utf8()..))
            .unwrap_or(d),
        None => d,
    };
    ["是指", "指", "即"].iter().any(|m| d.starts_with(m))
}

/// An unnumbered `term：指…` line, as a glossary without a heading writes it (with its colon:
/// a bare 是指 in running text is a sentence, not an entry).
pub(crate) fn is_marked_entry(text: &str) -> bool {
    text.contains(['：', ':'])
        && split_entry(text)
            .is_ok_and(|(t, d)| is_term(t) && t.chars().count() <= 20 && starts_marked(d))
}

/// A term on a line of its own: short, without punctuation other than quote marks and joiners.
pub(crate) fn is_term_line(text: &str) -> bool {
    let n = text.chars().count();
    (2..=TERM_LINE_MAX).contains(&n)
        && text.chars().any(|c| c >= '\u{3400}')
        && !text
            .chars()
            .any(|c| "，。；：！？,.;:!?（）()【】[]…".contains(c) || c.is_whitespace())
        && !text.ends_with('、')
        && !text.starts_with("![")
}

/// Whether line `i` is a term line followed by its definition (a line that is no term line and
/// ends a sentence or holds a clause), blank lines between allowed.
fn is_pair_at(lines: &[Line], i: usize) -> bool {
    let Some(line) = lines.get(i) else {
        return false;
    };
    if !is_term_line(&line.text) {
        return false;
    }
    let next = lines.iter().skip(i + 1).find(|l| !l.text.is_empty());
    next.is_some_and(|l| is_definition_line(&l.text))
}

/// Whether a line after a term line is its definition: no term line, no entry's number, and
/// a clause or a sentence in it.
pub(crate) fn is_definition_line(text: &str) -> bool {
    !is_term_line(text)
        && entry_number(text).is_none()
        && text.chars().any(|c| "，。；、,;".contains(c))
}

/// Whether a piece of text ends a sentence: with 。！？； or such a mark before a closing quote
/// or bracket.
pub(crate) fn ends_sentence(text: &str) -> bool {
    let t = text
        .trim_end()
        .trim_end_matches(['”', '’', '」', '』', '）', ')', '"']);
    t.ends_with(['。', '！', '？', '；', '!', '?', ';'])
}

/// The most characters a heading line holds, roughly: longer lines are not looked at.
pub(crate) const HEADING_MAX: usize = 64;

/// The words a heading names a glossary by (after its 《title》, appendix label or quoted
/// subject), in simplified script: the text's own script is folded before comparing.
const HEADINGS: &[&str] = &[
    "名词解释",
    "名词注释",
    "名词注解",
    "名词释义",
    "名词解读",
    "词语解释",
    "术语解释",
    "新词解释",
    "新词新语",
    "新词",
    "热词",
    "关键词",
    "注释",
    "注解",
];

/// Whether a line is a glossary section's heading (see the module docs).
pub(crate) fn is_heading(line: &str) -> bool {
    // A heading is short: a title in 《》, a quoted subject and a heading word; and every
    // heading word holds one of these, in either script.
    if line.len() > 4 * HEADING_MAX || !line.contains(['解', '注', '註', '词', '詞']) {
        return false;
    }
    let squeezed: String = line
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| simplify(c).unwrap_or(c))
        .collect();
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
    } else if let Some(r) = s.strip_prefix(['“', '"']) {
        // “七个一批”名词解释: the glossary of one programme.
        match r.split_once(['”', '"']) {
            Some((inner, r)) if !inner.is_empty() && inner.chars().count() <= 12 => s = r,
            _ => return false,
        }
    }
    let s = s.strip_suffix(['：', ':']).unwrap_or(s);
    HEADINGS.contains(&s)
}

/// Admits candidates into the glossary in order, keeping it valid: the same checks as
/// [`Glossary::validate`], with the first of two conflicting entries kept.
#[derive(Debug, Default)]
struct Admit {
    entries: Vec<(Entry, usize)>,
    /// Id → the line of the entry holding it.
    ids: HashMap<u32, usize>,
    /// Folded term → index into `entries`.
    owners: HashMap<String, usize>,
    /// The next id to give an entry without a number of its own.
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
        entry.id = match c.number {
            Some(n) => match self.ids.get(&n) {
                None => n,
                Some(&first_line) => {
                    let id = self.fresh();
                    problems.push(problem(format!(
                        "entry number {n} is used twice (first on line {first_line}); this entry gets id {id}"
                    )));
                    id
                }
            },
            None => self.fresh(),
        };
        self.ids.insert(entry.id, c.line);
        self.owners.insert(folded, self.entries.len());
        self.entries.push((entry, c.line));
    }

    /// An id no entry holds yet.
    fn fresh(&mut self) -> u32 {
        while self.ids.contains_key(&self.next_id) {
            self.next_id = self.next_id.saturating_add(1);
        }
        let id = self.next_id;
        self.next_id = self.next_id.saturating_add(1);
        id
    }
}

// ---------------------------------------------------------------------------------------------
// Making entries usable as they come: aliases and short glosses.

/// The other forms a headword's shape suggests: without its qualifier (农民相对集中居住“1+7”政策体系
/// → “1+7”政策体系), and each part of a coordinated qualifier with the rest (审批权限和审批流程
/// “三集中” → 审批权限“三集中”, 审批流程“三集中”).
fn alias_candidates(term: &str) -> Vec<String> {
    let Some(q) = term.find(['“', '"', '「', '‘']) else {
        return Vec::new();
    };
    let (qualifier, quoted) = term.split_at_checked(q).unwrap_or((term, ""));
    let qualifier = qualifier.trim();
    if qualifier.is_empty() || quoted.is_empty() {
        return Vec::new();
    }
    let mut out = vec![quoted.to_string()];
    let parts: Vec<&str> = qualifier
        .split(['和', '与', '及', '、'])
        .map(str::trim)
        .collect();
    if parts.len() >= 2 && parts.iter().all(|p| p.chars().count() >= 2) {
        out.extend(parts.iter().map(|p| format!("{p}{quoted}")));
    }
    out
}

/// Gives section entries the aliases their headwords suggest (see [`alias_candidates`]) where
/// the text itself writes them, outside the headword: each candidate is searched for together
/// with every term, leftmost-longest, so an occurrence inside the full headword does not count.
/// A candidate that is another entry's form, or that two entries suggest, is left out.
fn derive_aliases(glossary: &mut Glossary, text: &str) {
    let opts = FoldOptions::default();
    let mut forms: HashMap<String, usize> = HashMap::new();
    for e in &glossary.entries {
        for f in e.surface_forms() {
            *forms.entry(fold_term(f, &opts)).or_default() += 1;
        }
    }
    let mut candidates: Vec<(usize, String)> = Vec::new();
    let mut suggested: HashMap<String, usize> = HashMap::new();
    for (k, e) in glossary.entries.iter().enumerate() {
        if e.origin.as_deref() != Some(SECTION_ORIGIN) {
            continue;
        }
        for c in alias_candidates(&e.term) {
            let folded = fold_term(&c, &opts);
            if folded.is_empty() || forms.contains_key(&folded) {
                continue;
            }
            *suggested.entry(folded).or_default() += 1;
            candidates.push((k, c));
        }
    }
    candidates.retain(|(_, c)| suggested.get(&fold_term(c, &opts)) == Some(&1));
    if candidates.is_empty() {
        return;
    }
    let n = glossary.entries.len();
    let mut search = Glossary::default();
    for (k, e) in glossary.entries.iter().enumerate() {
        let Ok(id) = u32::try_from(k) else { return };
        let mut s = Entry::new(id, e.term.as_str(), "-");
        s.aliases = e.aliases.clone();
        search.entries.push(s);
    }
    for (j, (_, c)) in candidates.iter().enumerate() {
        let Ok(id) = u32::try_from(n + j) else { return };
        search.entries.push(Entry::new(id, c.as_str(), "-"));
    }
    let Ok(annotator) = crate::Annotator::new(&search) else {
        return;
    };
    let mut used = vec![false; candidates.len()];
    for m in annotator.find_iter(text) {
        if let Some(u) = (m.entry_id() as usize)
            .checked_sub(n)
            .and_then(|j| used.get_mut(j))
        {
            *u = true;
        }
    }
    for ((k, c), used) in candidates.into_iter().zip(used) {
        if let Some(e) = glossary.entries.get_mut(k).filter(|_| used) {
            e.aliases.push(c);
        }
    }
}

/// The longest derived gloss, in characters: about what a reader takes in beside the term.
/// A gloss is cut at a boundary up to [`GLOSS_REACH`] characters, so a clause ending just past
/// the limit stays whole.
const GLOSS_MAX: usize = 40;
/// See [`GLOSS_MAX`].
const GLOSS_REACH: usize = 48;

/// A short gloss for inline rendering, derived from a definition: without its leading
/// 是指/指/即; for a definition that explains its parts (“1”是指…，“7”是指…) the explanations
/// joined with ；; then cut to [`GLOSS_MAX`] characters at the last clause or list boundary
/// (with 等 after a cut list), never inside a word.
fn derive_gloss(definition: &str) -> Option<String> {
    let d = definition.trim();
    let d = ["是指", "指", "即"]
        .iter()
        .find_map(|m| d.strip_prefix(m))
        .unwrap_or(d)
        .trim_start_matches(['：', ':'])
        .trim();
    let parts = explained_parts(d);
    let whole = if parts.len() >= 2 {
        parts.join("；")
    } else {
        // The first sentence.
        let end = d.find(['。', '！', '？', '!', '?']).unwrap_or(d.len());
        d.get(..end).unwrap_or(d).to_string()
    };
    let whole = whole.trim_end_matches(['。', '；', '，', ';', ',', '.', '、']);
    if whole.chars().count() <= GLOSS_MAX {
        return (!whole.is_empty()).then(|| whole.to_string());
    }
    // The last boundary within reach, but not so early that little is left (以货币形式表现的、
    // 企业… is no list); a list cut short says 等.
    // Past GLOSS_MAX, the first boundary up to GLOSS_REACH serves.
    // A boundary inside brackets, a title or a quote is none: the gloss never leaves one
    // open.
    let mut cut: Option<(usize, char)> = None;
    let mut depth = 0usize;
    for (n, (i, c)) in whole.char_indices().enumerate() {
        if n > GLOSS_REACH || (n > GLOSS_MAX && cut.is_some()) {
            break;
        }
        if GLOSS_OPENERS.contains(&c) {
            depth += 1;
        } else if GLOSS_CLOSERS.contains(&c) {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && n >= GLOSS_MAX / 2 && "，；、,;".contains(c) {
            cut = Some((i, c));
        }
    }
    let gloss = match cut {
        Some((i, '、')) => format!("{}等", whole.get(..i).unwrap_or(whole)),
        Some((i, _)) => whole.get(..i).unwrap_or(whole).to_string(),
        // No boundary within reach: the first clause whole (a list's items are no clauses),
        // unless it would leave a bracket open: then the first sentence whole.
        None => {
            let end = whole.find(['，', '；', ',', ';']).unwrap_or(whole.len());
            let first = whole.get(..end).unwrap_or(whole);
            if balanced(first) { first } else { whole }.to_string()
        }
    };
    (!gloss.is_empty()).then_some(gloss)
}

/// Brackets, title marks and quotes a gloss is never cut inside, and their closing marks.
const GLOSS_OPENERS: [char; 8] = ['（', '(', '《', '“', '〔', '【', '「', '‘'];
const GLOSS_CLOSERS: [char; 8] = ['）', ')', '》', '”', '〕', '】', '」', '’'];

/// Whether every bracket, title mark and quote opened in `s` is closed in it.
fn balanced(s: &str) -> bool {
    let opened = s.chars().filter(|c| GLOSS_OPENERS.contains(c)).count();
    opened == s.chars().filter(|c| GLOSS_CLOSERS.contains(c)).count()
}

/// The explanations of a definition that explains its parts one by one (“一”是指A；“网”是指B,
/// “1”是指A，第一个“4”是指B), each without its marker and cut at its first comma; empty for
/// any other definition.
fn explained_parts(d: &str) -> Vec<String> {
    let mut starts: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    while let Some(k) = d.get(at..).and_then(|r| r.find("指")) {
        let i = at + k;
        let before = d.get(..i).unwrap_or_default();
        let before = before.strip_suffix('是').unwrap_or(before);
        // The marker: a quoted part (after a break or the start), perhaps 第N个 before it.
        if let Some(q) = before.strip_suffix(['”', '"', '」', '’'])
            && let Some(open) = q.rfind(['“', '"', '「', '‘'])
        {
            let lead = d.get(..open).unwrap_or_default();
            let lead = lead.trim_end_matches(|c: char| {
                c == '第' || c == '个' || chinese_digit(c).is_some() || digit(c).is_some()
            });
            if lead.is_empty() || lead.ends_with(['，', '；', '。', ',', ';']) {
                starts.push((lead.len(), i + "指".len()));
            }
        }
        at = i + "指".len();
    }
    if starts.len() < 2 || starts.first().is_some_and(|&(s, _)| s != 0) {
        return Vec::new();
    }
    let mut parts = Vec::new();
    for (n, &(_, from)) in starts.iter().enumerate() {
        let to = starts.get(n + 1).map_or(d.len(), |&(s, _)| s);
        let part = d.get(from..to).unwrap_or_default();
        let part = part.trim_end_matches(['，', '；', '。', ',', ';']);
        let first = part.find(['，', ',']).unwrap_or(part.len());
        let part = part.get(..first).unwrap_or(part).trim();
        if !part.is_empty() {
            parts.push(part.to_string());
        }
    }
    parts
}

/// A line that starts the next appendix ends the glossary section.
pub(crate) fn is_next_appendix(line: &str) -> bool {
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

/// Whether `prefix`, the start of a line up to a term, is only an entry's number (or nothing):
/// the term there is the entry's headword.
pub(crate) fn is_entry_head(prefix: &str) -> bool {
    let p = prefix.trim();
    p.is_empty() || entry_number(p).is_some_and(|(_, _, rest)| rest.is_empty())
}

/// Whether a line opens an entry as a glossary section writes one: a number (or none), a term
/// and its definition (`1. 三线一单：是指…`, `“十个一”：指…`).
pub(crate) fn is_entry_line(line: &str) -> bool {
    let rest = entry_number(line).map_or(line, |(_, _, rest)| rest);
    split_entry(rest).is_ok_and(|(t, d)| is_term(t) && !d.is_empty())
}

/// Whether a line opens a glossary list without a heading, as `Scan::block_at` finds one by
/// its shape: entry 1 with a term and a definition, the list announced (`mentioned`: a line
/// speaking of a glossary within `MENTION_REACH` lines before) or its definition opening with
/// 指, 是指 or 即. (`extract` also asks for a second entry; a renderer reading a stream decides
/// at the first.)
pub(crate) fn opens_shaped_list(line: &str, mentioned: bool) -> bool {
    matches!(entry_number(line), Some((_, Some(1), rest))
        if split_entry(rest)
            .is_ok_and(|(t, d)| is_term(t) && !d.is_empty() && (mentioned || starts_marked(d))))
}

/// Whether a line starts with an entry's number (`2.`, `3、`, `（4）`, `⑤`).
pub(crate) fn is_numbered(line: &str) -> bool {
    entry_number(line).is_some()
}

/// The numbering at the start of a section line: its style, value and the text after it.
fn entry_number(line: &str) -> Option<(Style, Option<u32>, &str)> {
    if let Some(c) = line.chars().next()
        && ('①'..='⑳').contains(&c)
    {
        let n = c as u32 - '①' as u32 + 1;
        let rest = line.get(c.len_utf8()..).unwrap_or_default();
        return Some((Style::Circled, Some(n), rest.trim_start()));
    }
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
const CLAUSE_VERBS: [&str; 29] = [
    "了", "是", "出台", "印发", "制定", "颁布", "发布", "签署", "签订", "根据", "依据", "按照",
    "依照", "落实", "贯彻", "推行", "成立", "组建", "设立", "建立", "开展", "召开", "举办", "启动",
    "会同", "委托", "依托", "通过", "围绕",
];
/// Words that open a clause and never a name, stripped from the front of a full name: 并会同
/// 区发展和改革委员会 is the committee. (Words that also start names, as 经 starts 经济技术开发区,
/// are not here.)
const CLAUSE_OPENERS: [&str; 5] = ["并", "与", "对", "由", "把"];
/// How far (in characters) a full name or a bracket's content may reach; bounds the work on
/// pathological input.
const MAX_REACH: usize = 256;

/// The longest term of a glossary retold in running text, in characters.
const RETOLD_TERM_MAX: usize = 16;

/// A glossary retold in a paragraph that speaks of one (名词注解上看到：甲，是指…；乙，是指…):
/// two clauses or more, each a term, a comma and 是指. Each is an entry, with origin 是指.
fn scan_retold(j: &Joined, out: &mut Vec<Candidate>) {
    let text = j.text.as_str();
    let mut found = Vec::new();
    let mut start = 0;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), '。')))
    {
        if !"：:；;。！？!?".contains(c) {
            continue;
        }
        let clause = text.get(start..i).unwrap_or_default();
        let at = start;
        start = i + c.len_utf8();
        let Some(k) = clause.find("，是指").or_else(|| clause.find(",是指")) else {
            continue;
        };
        let (term, rest) = clause.split_at_checked(k).unwrap_or((clause, ""));
        let comma = rest.chars().next().map_or(0, char::len_utf8);
        let definition = rest.get(comma..).unwrap_or_default().trim();
        let term = term.trim();
        if !is_term(term)
            || term.chars().count() > RETOLD_TERM_MAX
            || definition.chars().count() < 4
        {
            continue;
        }
        let mut entry = Entry::new(0, term, definition);
        entry.origin = Some("是指".to_string());
        found.push(Candidate {
            entry,
            number: None,
            line: j.line_at(at),
            text: clause.trim().to_string(),
        });
    }
    if found.len() >= 2 {
        out.extend(found);
    }
}

/// The most characters of a quoted term glossed in place by （即…）.
const JI_TERM_MAX: usize = 12;

/// Finds the terms glossed in place in `j.text[from..]`: a quoted term and, right after it, a
/// bracket opening with 即 (“五个一批”（即谋划一批、签约一批…）). The bracket's content is the
/// definition, 即 included, as a section writes `term：即…`.
fn scan_ji(j: &Joined, from: usize, out: &mut Vec<Candidate>) {
    let text = j.text.as_str();
    let Some(tail) = text.get(from..) else {
        return;
    };
    for (k, _) in tail.match_indices(['”', '"']) {
        let close = from + k;
        let quote_len = text
            .get(close..)
            .and_then(|r| r.chars().next())
            .map_or(1, char::len_utf8);
        let Some(after) = text.get(close + quote_len..) else {
            continue;
        };
        let Some(inner) = after.strip_prefix(OPEN_BRACKETS) else {
            continue;
        };
        if !inner.starts_with('即') {
            continue;
        }
        let Some(end) = closing_bracket(inner) else {
            continue;
        };
        // `end` is just past the closing bracket, which is one of two widths.
        let content = inner.get(..end).unwrap_or_default();
        let content = content.trim_end_matches(CLOSE_BRACKETS).trim();
        let before = text.get(..close).unwrap_or_default();
        let Some((quote, open)) = before
            .char_indices()
            .rev()
            .take(JI_TERM_MAX + 1)
            .find(|&(_, c)| c == '“' || c == '"')
            .map(|(i, c)| (i, i + c.len_utf8()))
        else {
            continue;
        };
        let term = before.get(open..).unwrap_or_default().trim();
        if term.is_empty() || !is_term(term) || content.chars().count() < 2 {
            continue;
        }
        let mut entry = Entry::new(0, term, content);
        entry.origin = Some("即".to_string());
        let shown_end = text.len() - inner.len() + end;
        out.push(Candidate {
            entry,
            number: None,
            line: j.line_at(open),
            text: text.get(quote..shown_end).unwrap_or_default().to_string(),
        });
    }
}

/// Finds the inline definitions in `j.text[from..]`: （以下简称“X”） after a full name, and terms
/// glossed in place with （即…）.
fn scan_inline(j: &Joined, from: usize, out: &mut Vec<Candidate>, problems: &mut Vec<Problem>) {
    scan_ji(j, from, out);
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
        // 统称 names a list: 甲制度、乙制度（以下统称“两项制度”） stands for both.
        let list = kind == "统称";
        let clause_start = clause_start(name_part, list);
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
        let Some(definition) = full_name(name_part, list) else {
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
            number: None,
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
fn clause_start(before: &str, list: bool) -> usize {
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
        } else if depth == 0 && CLAUSE_BREAKS.contains(&c) && !(list && c == '、') {
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
fn full_name(before: &str, list: bool) -> Option<String> {
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
    let clause = t.get(clause_start(t, list)..)?;
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
    let mut name = name;
    while let Some(rest) = CLAUSE_OPENERS.iter().find_map(|w| name.strip_prefix(w)) {
        name = rest.trim_start();
    }
    (!name.is_empty()).then(|| name.to_string())
}
