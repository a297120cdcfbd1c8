//! What the integration tests share: the texts they search, glossaries made from term lists,
//! the engines and option sets every table of cases runs on, and the naive reference.

// Each test crate uses a part of this module.
#![allow(dead_code)]

pub mod naive;

use zhgloss::{Annotator, Engine, Entry, Glossary};

/// The 2020 Jinshan report, as bundled.
pub const REPORT: &str = include_str!("../../examples/report-2020-jinshan.txt");

/// The report converted to traditional script by tools/to-traditional.py, character by
/// character, with the inverse of the annotator's own table.
pub const TRADITIONAL: &str = include_str!("../data/report-2020-jinshan-traditional.txt");

/// The body of a report: the text before its 名词解释 (or 名詞解釋) section.
pub fn body(report: &str) -> &str {
    let heading = report
        .find("\n名词解释")
        .or_else(|| report.find("\n名詞解釋"))
        .expect("the report has its glossary section");
    &report[..heading]
}

/// A glossary whose entry `i + 1` has the surface forms `terms[i]`, separated by `|`, and the
/// definition 定义.
pub fn glossary(terms: &[&str]) -> Glossary {
    let entries = terms
        .iter()
        .enumerate()
        .map(|(i, forms)| {
            let mut forms = forms.split('|');
            let mut e = Entry::new(i as u32 + 1, forms.next().unwrap_or_default(), "定义");
            e.aliases = forms.map(str::to_string).collect();
            e
        })
        .collect();
    Glossary {
        entries,
        ..Glossary::default()
    }
}

/// The built-in glossary, compiled with the default options.
pub fn builtin() -> Annotator {
    Annotator::new(&Glossary::builtin()).expect("the built-in glossary compiles")
}

/// `(entry id, matched text)` of every match.
pub fn found(ann: &Annotator, text: &str) -> Vec<(u32, String)> {
    ann.find_iter(text)
        .map(|m| (m.entry_id(), text[m.range()].to_string()))
        .collect()
}

/// `expected` with owned strings, to compare with [`found`].
pub fn owned(expected: &[(u32, &str)]) -> Vec<(u32, String)> {
    expected
        .iter()
        .map(|&(id, s)| (id, s.to_string()))
        .collect()
}

/// Pieces of text that folding skips, maps or must not take into a term (whitespace of every
/// kind and length, quotes, full-width digits and `+`, punctuation, a combining mark, an emoji,
/// pinyin annotations and a bracket that is none), for the property tests' texts.
pub const FOLDING_NOISE: [&str; 25] = [
    " ",
    "\n",
    "\r\n",
    "\u{3000}",
    "         ",
    "“",
    "”",
    "「",
    "\"",
    "“““““““““",
    "１",
    "＋",
    "４",
    "8",
    "+",
    "的",
    "。",
    "、",
    "\u{301}",
    "😀",
    "(wǎng)",
    "（bàn）",
    "(ab)",
    "，",
    "·",
];

/// Every engine that can be asked for.
pub const ENGINES: [Engine; 4] = [
    Engine::Auto,
    Engine::Anchored,
    Engine::Dfa,
    Engine::DoubleArray,
];

/// The option sets every rule is checked under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Folding {
    /// Every folding rule on: traditional script and numeral spellings too.
    Default,
    /// Only the script and numeral spelling written (`traditional(false)`, `numerals(false)`).
    Exact,
}

pub const FOLDINGS: [Folding; 2] = [Folding::Default, Folding::Exact];

/// `g` compiled for `engine` with `folding`.
pub fn annotator(g: &Glossary, engine: Engine, folding: Folding) -> Annotator {
    let exact = folding == Folding::Exact;
    Annotator::builder()
        .engine(engine)
        .traditional(!exact)
        .numerals(!exact)
        .build(g)
        .unwrap_or_else(|e| panic!("{engine:?}, {folding:?}: {e}"))
}

/// A scratch directory for one test, empty when made and removed when dropped, even when the
/// test fails: tests leave nothing in the temp dir.
pub struct Scratch(std::path::PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("zhgloss-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch directory");
        Scratch(dir)
    }
}

impl std::ops::Deref for Scratch {
    type Target = std::path::Path;

    fn deref(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
