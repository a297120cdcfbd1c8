//! The right sense: whether an entry's definition holds where its term is found.
//!
//! The same words mean other things in other places and years: 四纵四横 is Jinshan's road grid
//! and China's high-speed rail network; 四位一体 is Shanghai's subsidised housing and the
//! Party's overall layout. An entry with a [`Scope`](crate::Scope) (or with
//! [`excludes`](crate::Entry::excludes)) is judged at each match, in one line of reasons:
//!
//! 1. **Written inside another expression** the entry excludes (黄金10条 for 金10条): no.
//! 2. **Explained by the text** (是指…, （…）, X（简称“P”）) near the match, or anywhere in the
//!    document's head: yes if the explanation shares words with the definition, no if it
//!    shares none (a document uses a term in one sense throughout).
//! 3. **Year**: a document from a year outside the scope's (its next year still counts: a
//!    report reviews the year before): no.
//! 4. **Place**: the entry holds everywhere (全国), or the document is about a place within
//!    the scope, or names the scope's place and is about one that holds it: yes; a document
//!    about places outside the scope: no.
//! 5. **No place named**: yes, unless the document says enough (32 distinct words) and
//!    shares few of the definition's distinctive words (fewer than a sixth of them, or than
//!    two): an article on a greenhouse called 四位一体 says nothing of housing.
//!
//! What a document is about (its places, weighed; its year; the explanations it gives) is read
//! from its first [`DOCUMENT_HEAD`] bytes: the title, issuing lines and first pages. A stream
//! reads that much before it hands out anything, so a streamed document and the same text in
//! memory are judged alike.

mod context;
mod document;

use std::collections::{HashMap, HashSet};

pub use context::CONTEXT_BYTES;
pub(crate) use context::READ_AFTER;
pub use document::DOCUMENT_HEAD;
pub(crate) use document::{head_of, issuer};

use crate::annotator::Annotator;
use crate::fold::{FoldOptions, fold_term};
use crate::glossary::Entry;
use crate::matches::Match;
use crate::places;
use crate::scopes::{Judged, Resolved};
use crate::util::{ceil_char_boundary, floor_char_boundary};
use crate::words::{self, Words};

/// What a document is about, for judging senses: the places it names (weighed: a title or an
/// issuing line more than a passing mention), its year, and how it explains terms itself.
/// Read with [`Annotator::read_document`].
///
/// ```
/// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
/// let doc = ann.read_document("2023年嘉定区政府工作报告\n\n深化“一网通办”改革，温州来宾参观。");
/// assert_eq!(doc.places(), ["上海市嘉定区"]);
/// assert_eq!(doc.year(), Some(2023));
/// # Ok::<(), zhgloss::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// The divisions the document is about, heaviest first.
    about: Vec<(usize, f32)>,
    /// Every division the document names, with the divisions they lie in.
    named: HashSet<usize>,
    year: Option<u16>,
    /// The words of the text read.
    words: Words,
    /// How the document explains the terms of entries it judges (by entry index).
    explained: HashMap<usize, Explained>,
    /// For each entry with a scope (by index), whether the document is within it: what holds
    /// at every match unless the text around the match says otherwise.
    within: HashMap<usize, Result<(), String>>,
}

/// How a document explains a term.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Explained {
    /// In the definition's words.
    AsDefined,
    /// In other words: these.
    Otherwise(String),
}

impl Document {
    /// The places the document is about, heaviest first, each by its full name (上海市金山区).
    ///
    /// ```
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let doc = ann.read_document("沁阳市推进四好农村路建设，焦作市委提出新要求。");
    /// assert_eq!(doc.places(), ["河南省焦作市沁阳市", "河南省焦作市"]);
    /// assert!(ann.read_document("推进四好农村路建设").places().is_empty());
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn places(&self) -> Vec<String> {
        self.about.iter().map(|&(d, _)| places::path(d)).collect()
    }

    /// The year the document is from, when its head names one (2020 年, 二〇二〇年).
    ///
    /// ```
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// assert_eq!(ann.read_document("二〇二三年政府工作报告\n……").year(), Some(2023));
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn year(&self) -> Option<u16> {
        self.year
    }
}

/// A match with the decision whether its entry's definition holds there, and why not.
///
/// ```
/// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
/// let text = "北京市推进“四纵四横”高铁网建设，京沪、京港、京哈客运专线相继建成。";
/// let senses = ann.find_senses(text);
/// assert_eq!(senses.len(), 1);
/// assert!(!senses[0].applies());
/// assert_eq!(senses[0].why(), Some("document is about 北京市; entry 26 holds in 上海市金山区"));
/// assert_eq!(&text[senses[0].as_match().range()], "四纵四横");
/// # Ok::<(), zhgloss::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sense {
    found: Match,
    applies: bool,
    why: Option<String>,
}

impl Sense {
    /// A decision that the definition holds.
    pub(crate) fn holds(found: Match) -> Sense {
        Sense {
            found,
            applies: true,
            why: None,
        }
    }

    /// The match.
    ///
    /// ```
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let s = &ann.find_senses("编制三线一单")[0];
    /// assert_eq!(s.as_match().entry_id(), 24);
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn as_match(&self) -> Match {
        self.found
    }

    /// Whether the entry's definition holds at the match.
    ///
    /// ```
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// assert!(ann.find_senses("全面推行“双随机、一公开”监管")[0].applies());
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn applies(&self) -> bool {
        self.applies
    }

    /// Why the definition does not hold, in one line; `None` when it does.
    ///
    /// ```
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let s = &ann.find_senses("出台“黄金10条”扶持政策")[0];
    /// assert_eq!(s.why(), Some("written 黄金10条, another expression"));
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn why(&self) -> Option<&str> {
        self.why.as_deref()
    }
}

/// Distinct words (pairs of Chinese characters) a document must hold before its silence on a
/// definition speaks against it: a line or two (a title, a slogan alone) says too little.
const SAYS_ENOUGH: usize = 32;

impl Annotator {
    /// Reads what a document is about from its first [`DOCUMENT_HEAD`] bytes: the places it
    /// names, its year, and how it explains the terms of judged entries (see the
    /// [module docs](crate::sense)).
    ///
    /// ```
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let doc = ann.read_document(include_str!("../../examples/report-2020-jinshan.txt"));
    /// assert_eq!(doc.places()[0], "上海市金山区");
    /// assert_eq!(doc.year(), Some(2020));
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn read_document(&self, text: &str) -> Document {
        let head = head_of(text);
        let folded = document::fold_for_reading(head);
        let (about, named) = document::places_of(&folded);
        let mut doc = Document {
            about,
            named,
            year: document::year_of(&folded),
            words: Words::of(&folded),
            explained: HashMap::new(),
            within: HashMap::new(),
        };
        if !self.judges() {
            return doc;
        }
        for m in self.find_iter(head) {
            let index = m.entry_index();
            let Some(judged) = self.judged(index) else {
                continue;
            };
            if doc.explained.contains_key(&index) {
                continue;
            }
            if let Some(explained) = context::explanation(head, m.start(), m.end(), &judged.term)
                .and_then(|words| explained_as(judged, words))
            {
                doc.explained.insert(index, explained);
            }
        }
        for (index, entry) in self.glossary().entries.iter().enumerate() {
            if let Some(scope) = self
                .judged(index)
                .and_then(|j| j.scope.as_ref().map(|s| (j, s)))
            {
                let within = within(entry, scope.0, scope.1, &doc);
                doc.within.insert(index, within);
            }
        }
        doc
    }

    /// Whether the definition of `m`'s entry holds where `m` is in `text`, in `document` (read
    /// from the same text with [`Annotator::read_document`]). `text` needs to hold
    /// [`CONTEXT_BYTES`] before the match and [`CONTEXT_BYTES`] plus a gloss the inline format
    /// may have inserted after it (or the text's ends): a window of a stream will do.
    ///
    /// ```
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let text = "金山区深化“四纵四横”路网建设。";
    /// let doc = ann.read_document(text);
    /// let m = ann.find(text).unwrap();
    /// assert!(ann.sense(&doc, text, &m).applies());
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn sense(&self, document: &Document, text: &str, m: &Match) -> Sense {
        match self.verdict(document, text, m) {
            Ok(()) => Sense::holds(*m),
            Err(why) => Sense {
                found: *m,
                applies: false,
                why: Some(why),
            },
        }
    }

    /// Every term in `text`, with the decision whether its definition holds there: the matches
    /// of [`find_iter`](Annotator::find_iter), judged in the document the text is (see the
    /// [module docs](crate::sense)). `find_iter` stays the fast path, with no decision.
    ///
    /// ```
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let senses = ann.find_senses("2020年金山区政府工作报告\n推进“四纵四横”路网建设。");
    /// assert!(senses[0].applies());
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn find_senses(&self, text: &str) -> Vec<Sense> {
        if !self.judges() {
            return self.find_iter(text).map(Sense::holds).collect();
        }
        let document = self.read_document(text);
        self.find_iter(text)
            .map(|m| self.sense(&document, text, &m))
            .collect()
    }

    /// `Ok` when the entry's definition holds at `m`, else why not (see the module docs): what
    /// the text says around the match first, then what the document is.
    fn verdict(&self, document: &Document, text: &str, m: &Match) -> Result<(), String> {
        let index = m.entry_index();
        let Some(judged) = self.judged(index) else {
            return Ok(());
        };
        let entry = self.entry(m);
        if let Some(form) = excluded(judged, text, m) {
            return Err(format!("written {form}, another expression"));
        }
        let here = context::explanation(text, m.start(), m.end(), &judged.term)
            .and_then(|words| explained_as(judged, words));
        match here.as_ref().or(document.explained.get(&index)) {
            Some(Explained::AsDefined) => return Ok(()),
            Some(Explained::Otherwise(words)) => {
                let shown: String = words.chars().take(24).collect();
                let more = if shown.len() < words.len() { "…" } else { "" };
                return Err(format!(
                    "the text explains {} as “{shown}{more}”",
                    entry.term
                ));
            }
            None => {}
        }
        match (document.within.get(&index), &judged.scope) {
            (Some(within), _) => within.clone(),
            // A document read by another annotator: judged here.
            (None, Some(scope)) => within(entry, judged, scope, document),
            (None, None) => Ok(()),
        }
    }
}

/// How `words`, explaining the entry's term, stand to its definition; `None` when they say
/// too little of their own to judge by (三线一单：三线一单, a heading and its term).
fn explained_as(judged: &Judged, words: String) -> Option<Explained> {
    // One pass, at every match a cue follows: the words not the term's own (two different
    // ones at least), and whether any is the definition's.
    let (mut first, mut distinct, mut shares) = (None, 0, false);
    words::each_pair(&words, |w| {
        if judged.term_words.contains(&w) {
            return true;
        }
        match first {
            None => (first, distinct) = (Some(w), 1),
            Some(f) if f != w => distinct = 2,
            Some(_) => {}
        }
        shares |= judged.words.contains(&w);
        !(shares && distinct >= 2)
    });
    if distinct < 2 {
        return None;
    }
    Some(if shares {
        Explained::AsDefined
    } else {
        Explained::Otherwise(words)
    })
}

/// Whether the document is within the entry's scope (rules 3 to 5 of the module docs).
fn within(
    entry: &Entry,
    judged: &Judged,
    scope: &Resolved,
    document: &Document,
) -> Result<(), String> {
    if let Some(year) = document.year {
        let early = scope.from.is_some_and(|from| year < from);
        let late = scope
            .until
            .is_some_and(|until| year > until.saturating_add(1));
        if early || late {
            let span = match (scope.from, scope.until) {
                (Some(f), Some(u)) if f == u => format!("{f}"),
                (Some(f), Some(u)) => format!("{f}–{u}"),
                (Some(f), None) => format!("{f} on"),
                (None, Some(u)) => format!("until {u}"),
                (None, None) => String::new(),
            };
            return Err(format!(
                "document is from {year}; entry {} holds in {span}",
                entry.id
            ));
        }
    }
    if scope.national {
        return Ok(());
    }
    if !document.about.is_empty() {
        let inside = document.about.iter().any(|&(p, _)| {
            scope.divisions.iter().any(|&s| {
                places::within(p, s) || (places::within(s, p) && document.named.contains(&s))
            })
        });
        if inside {
            return Ok(());
        }
        // Named by the narrowest: 龙游县 says 衢州市 and 浙江省.
        let about: Vec<String> = document
            .about
            .iter()
            .map(|&(d, _)| d)
            .filter(|&d| {
                !document
                    .about
                    .iter()
                    .any(|&(n, _)| n != d && places::within(n, d))
            })
            .take(3)
            .map(places::path)
            .collect();
        return Err(format!(
            "document is about {}; entry {} holds in {}",
            about.join("、"),
            entry.id,
            scope.holds_in
        ));
    }
    // No place named: the definition holds unless the document, saying enough, speaks against
    // it by sharing few of its words: fewer than a sixth (and two) of them. 负面清单 alone,
    // beside 权力清单 and 责任清单, is not Jinshan's three lists of industrial land.
    let words = &judged.words;
    let used = words.iter().filter(|w| document.words.contains(w)).count();
    let needed = words.len().min(2).max(words.len().div_ceil(6));
    if used >= needed || document.words.len() < SAYS_ENOUGH {
        return Ok(());
    }
    Err(format!(
        "document names no place and shares {used} of entry {}'s words; it holds in {}",
        entry.id, scope.holds_in
    ))
}

/// The excluded expression `m` is written inside, if any: the text around the match, folded,
/// holds the expression where it holds the term. Only [`CONTEXT_BYTES`] on either side are
/// read, as everywhere a decision reads around a match.
fn excluded(judged: &Judged, text: &str, m: &Match) -> Option<String> {
    if judged.excludes.is_empty() {
        return None;
    }
    let fold = |t: &str| fold_term(t, &FoldOptions::default());
    let term = &judged.term;
    let matched = fold(text.get(m.range()).unwrap_or_default());
    for (form, folded) in &judged.excludes {
        let Some(at) = folded.find(term.as_str()).or_else(|| folded.find(&matched)) else {
            continue;
        };
        let (before, after) = (folded.get(..at)?, folded.get(at + term.len()..)?);
        let reach = |part: &str| (4 * part.len() + 8).min(CONTEXT_BYTES);
        let lo = ceil_char_boundary(text, m.start().saturating_sub(reach(before)));
        let hi = floor_char_boundary(text, m.end().saturating_add(reach(after)));
        let ahead = fold(text.get(lo..m.start()).unwrap_or_default());
        let behind = fold(text.get(m.end()..hi).unwrap_or_default());
        if ahead.ends_with(before) && behind.starts_with(after) {
            return Some(form.clone());
        }
    }
    None
}
