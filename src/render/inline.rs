//! The inline format: each glossed term followed by its short gloss in full-width parentheses,
//! and the rules that make it reversible.

use std::io::{self, Write};

use super::notes::{Seen, glossed, translation, wrapping_quote, write_plain};
use super::options::Options;
use super::place::{Flow, PLACE_LOOKAHEAD, TITLE_REACH, Titles, place};
use crate::annotator::Annotator;
use crate::fold::{CLOSING_QUOTES, is_boundary_char};
use crate::glossary::Entry;
use crate::scopes::scope_label;
use crate::stream::{Render, Term};

/// Marks a gloss inserted by the inline format: U+2060 WORD JOINER, invisible and zero-width,
/// right before the opening parenthesis. Text can explain a term in parentheses itself; the mark
/// is what lets [`strip_inline`] remove exactly the glosses zhgloss inserted and nothing the
/// author wrote.
///
/// ```
/// use zhgloss::render::{self, Format, INLINE_MARK, Options};
///
/// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
/// let glossed = render::to_string(&ann, Format::Inline, "编制三线一单", &Options::new())?;
/// assert!(glossed.starts_with(&format!("编制三线一单{INLINE_MARK}（生态保护红线")));
/// # Ok::<(), zhgloss::Error>(())
/// ```
pub const INLINE_MARK: char = crate::util::GLOSS_MARK;

/// Removes the glosses [`Format::Inline`](super::Format::Inline) inserted, and nothing else: for any text without
/// [`INLINE_MARK`]s, stripping its inline rendering gives back the text byte for byte.
///
/// A gloss is removed only where the inline format puts one: right after a term found by
/// `annotator` (or after the closing quote that wraps it), [`INLINE_MARK`] followed by exactly
/// that entry's gloss (in Chinese, or in a language of its translations: see
/// [`Options::lang`](super::Options::lang)) in full-width parentheses. Parentheses the author wrote carry no mark and
/// stay.
///
/// ```
/// use zhgloss::render::{self, Format, Options};
///
/// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
/// // The author's own explanation after 两网融合 has no mark: it is not removed.
/// let text = "推进“两网融合”（即垃圾分类网与再生资源回收网融合），编制三线一单。";
/// let glossed = render::to_string(&ann, Format::Inline, text, &Options::new())?;
/// assert_ne!(glossed, text);
/// assert_eq!(render::strip_inline(&ann, &glossed), text);
/// # Ok::<(), zhgloss::Error>(())
/// ```
pub fn strip_inline(annotator: &Annotator, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    // The search starts afresh on the rest of the text after each removed gloss: a term read on
    // from inside a gloss (its closing ） folds to `)`) must not hide the term after it. What
    // precedes the rest is that ）, neither a letter, a digit nor a quote, so the rest searched
    // alone holds the matches the original text held there.
    let (mut from, mut from_chars) = (0, 0);
    let all = Glosses::all(annotator, None);
    // The titles open before each match (inserted glosses are skipped as they are read).
    let mut titles = Titles::default();
    let mut read = 0;
    'search: while let Some(rest) = text.get(from..) {
        for m in annotator.find_iter(rest) {
            let m = m.offset_by(from, from_chars);
            // What came before the term in the text as it was: a gloss removed right before it
            // is not there (the inline format judged a wrapping quote by the text as it was).
            let before = match text.get(copied..m.start()).filter(|t| !t.is_empty()) {
                Some(_) => text.get(..m.start()).unwrap_or_default(),
                None => out.as_str(),
            };
            let after = text.get(m.end()..).unwrap_or_default();
            let quote = wrapping_quote(before, after);
            let Some(glosses) = all.get(m.entry_index()) else {
                continue;
            };
            if read < m.start() {
                titles.read(text.get(read..m.start()).unwrap_or_default());
                read = m.start();
            }
            let matched = text.get(m.range()).unwrap_or_default();
            let placed = place(&titles, matched, after, quote);
            for at in [0, quote, placed] {
                let Some(rest) = after.get(at..) else {
                    continue;
                };
                if !rest.starts_with(INLINE_MARK) {
                    continue;
                }
                if let Some(len) = glosses.at_start(rest) {
                    let gloss_start = m.end() + at;
                    out.push_str(text.get(copied..gloss_start).unwrap_or_default());
                    copied = gloss_start + len;
                    if at == placed && titles.inside() {
                        // After a title, the glosses of the later terms inside it follow this
                        // one, in their order.
                        let title = text.get(m.end()..gloss_start).unwrap_or_default();
                        for inner in annotator.find_iter(title) {
                            let rest = text.get(copied..).unwrap_or_default();
                            if let Some(len) = all
                                .get(inner.entry_index())
                                .filter(|_| rest.starts_with(INLINE_MARK))
                                .and_then(|g| g.at_start(rest))
                            {
                                copied += len;
                            }
                        }
                    }
                    from_chars += text.get(from..copied).map_or(0, |t| t.chars().count());
                    from = copied;
                    continue 'search;
                }
            }
        }
        break;
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    out
}

/// The glosses the inline format writes for an entry: its short gloss (in the language asked
/// for, where the entry has it), and (for an occurrence that may not be in its sense, with
/// [`Options::all_senses`]) the same after the entry's scope, `金山区：…`.
struct Glosses {
    plain: String,
    scoped: Option<String>,
    /// Every gloss the inline format may have written for the entry, in Chinese or any
    /// language of its translations: what counts as a gloss already in the text, and what
    /// [`strip_inline`] removes.
    any: Vec<String>,
}

impl Glosses {
    fn of(entry: &Entry, lang: Option<&str>) -> Glosses {
        let label = scope_label(entry);
        let scoped = |g: &str| label.as_ref().map(|label| format!("{label}：{g}"));
        let chinese = entry.short_gloss();
        let plain = translation(entry, lang).map_or(chinese, |t| t.short_gloss());
        let mut any = vec![chinese.to_string()];
        any.extend(scoped(chinese));
        for t in entry.translations.values() {
            any.push(t.short_gloss().to_string());
            any.extend(scoped(t.short_gloss()));
        }
        Glosses {
            plain: plain.to_string(),
            scoped: scoped(plain),
            any,
        }
    }

    /// The glosses of every entry of the annotator's glossary, by entry index.
    fn all(annotator: &Annotator, lang: Option<&str>) -> Vec<Glosses> {
        annotator
            .glossary()
            .entries
            .iter()
            .map(|e| Glosses::of(e, lang))
            .collect()
    }

    /// The gloss for an occurrence, in its sense or not.
    fn for_term(&self, applies: bool) -> &str {
        match &self.scoped {
            Some(scoped) if !applies => scoped,
            _ => &self.plain,
        }
    }

    /// The length of either gloss at the start of `text`, marked or not: `⁠（gloss）` or
    /// `（gloss）`.
    fn at_start(&self, text: &str) -> Option<usize> {
        let rest = text.strip_prefix(INLINE_MARK).unwrap_or(text);
        let inner = rest.strip_prefix('（')?;
        let after = self
            .any
            .iter()
            .find_map(|gloss| inner.strip_prefix(gloss.as_str())?.strip_prefix('）'))?;
        Some(text.len() - after.len())
    }
}

/// Where the search goes on after a gloss already in the text that ends `gloss_end` bytes
/// after `term`, as an offset from the term's end.
///
/// A gloss is not part of the text its terms were found in: for the boundary rule, what
/// follows it follows what precedes it, as in the text before the gloss was added (else
/// rendering glossed text again would gloss more). Where the gloss stands right after the term,
/// the term ends with a letter, digit or `+`, and a letter or digit follows the gloss, no term
/// can start at that letter or digit (it would start with one, right after a letter, digit or
/// `+`): the search goes on one character later, as it went on in the text without the gloss.
/// (The renderer's lookahead holds the gloss and the character after it.)
fn resume_after_gloss(term: &Term<'_>, gloss_end: usize) -> usize {
    let right_after = term.after().starts_with(INLINE_MARK);
    let before = term.matched().chars().next_back();
    match term.after().get(gloss_end..).and_then(|t| t.chars().next()) {
        Some(c)
            if right_after
                && before.is_some_and(is_boundary_char)
                && is_boundary_char(c)
                && !matches!(c, '+' | '＋') =>
        {
            gloss_end + c.len_utf8()
        }
        _ => gloss_end,
    }
}

/// The inline format.
pub(super) struct Inline {
    every: bool,
    all_senses: bool,
    /// The glosses of each entry, by index.
    glosses: Vec<Glosses>,
    seen: Seen,
    /// Glosses waiting for their place, titles open, the document's own glossary section.
    flow: Flow,
    /// Terms starting before this offset are inside a gloss already in the text.
    skip_until: usize,
    lookahead: usize,
}

impl Inline {
    pub(super) fn new(annotator: &Annotator, options: &Options) -> Inline {
        let glosses = Glosses::all(annotator, options.lang.as_deref());
        let longest = glosses
            .iter()
            .flat_map(|g| g.any.iter().map(String::len))
            .max()
            .unwrap_or(0);
        Inline {
            every: options.every,
            all_senses: options.all_senses,
            glosses,
            seen: Seen::new(annotator),
            flow: Flow::new(annotator.glossary().entries.len()),
            skip_until: 0,
            // A closing quote or the rest of a title, then the glosses after it: one for each
            // term of a title at most (a term is a character at least), each the mark, the
            // parentheses and a gloss; so that a rendering read again sees every gloss a title
            // was given, and counts its terms glossed.
            lookahead: PLACE_LOOKAHEAD
                + 4
                + (TITLE_REACH + 1) * (INLINE_MARK.len_utf8() + 2 * '（'.len_utf8() + longest),
        }
    }
}

impl Render for Inline {
    fn lookahead(&self) -> usize {
        self.lookahead
    }

    /// After a gloss already in the text: terms inside it are its own words, and one that
    /// started in it and ran on past it would hide the next real term.
    fn resume_at(&self) -> Option<u64> {
        Some(self.skip_until as u64)
    }

    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        self.seen.clear();
        self.flow.begin();
        self.skip_until = 0;
        Ok(())
    }

    fn text(&mut self, out: &mut dyn Write, text: &str) -> io::Result<()> {
        self.flow.write(out, text, write_plain)
    }

    fn term(&mut self, out: &mut dyn Write, term: &Term<'_>) -> io::Result<()> {
        self.flow.before_term(out, term.matched().len())?;
        let m = term.as_match();
        // The document's own glossary section is left as written.
        if let Some(head) = self.flow.in_section(term) {
            if head {
                self.flow.define(m.entry_index());
            }
            return self.flow.write(out, term.matched(), write_plain);
        }
        self.flow.write(out, term.matched(), write_plain)?;
        if m.start() < self.skip_until {
            return Ok(());
        }
        let Some(glosses) = self.glosses.get(m.entry_index()) else {
            return Ok(());
        };
        let quote = wrapping_quote(term.before(), term.after());
        let placed = self.flow.place(term, quote);
        // Already glossed (by an earlier run, or by the author in the same words): add nothing,
        // and leave the terms inside that gloss alone. This makes the format idempotent. A
        // gloss after a closing quote counts even when no opening quote precedes the term now:
        // an earlier gloss may stand where the opening quote was judged.
        let closing = term
            .after()
            .chars()
            .next()
            .filter(|c| CLOSING_QUOTES.contains(c))
            .map_or(0, char::len_utf8);
        for at in [0, quote, closing, placed] {
            if let Some(mut len) = term
                .after()
                .get(at..)
                .and_then(|rest| glosses.at_start(rest))
            {
                if at == placed && self.flow.inside_title() {
                    // After a title, the glosses of the other terms inside it follow.
                    // Their entries are glossed in this document, as the first rendering
                    // counted them.
                    while let Some((index, more)) = term
                        .after()
                        .get(at + len..)
                        .filter(|r| r.starts_with(INLINE_MARK))
                        .and_then(|r| {
                            (self.glosses.iter().enumerate())
                                .find_map(|(i, g)| g.at_start(r).map(|l| (i, l)))
                        })
                    {
                        self.seen.first(index);
                        len += more;
                    }
                }
                self.seen.first(m.entry_index());
                self.skip_until = m.end() + resume_after_gloss(term, at + len);
                return Ok(());
            }
        }
        if !glossed(term, self.all_senses) || !(self.seen.first(m.entry_index()) || self.every) {
            return Ok(());
        }
        let insert = format!("{INLINE_MARK}（{}）", glosses.for_term(term.applies()));
        self.flow.insert(out, placed, insert)
    }

    fn finish(&mut self, out: &mut dyn Write, _bytes: u64) -> io::Result<()> {
        self.flow.flush(out)
    }
}
