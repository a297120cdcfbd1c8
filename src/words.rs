//! Words, near enough, of Chinese text with no spaces: its pairs of Chinese characters, folded
//! as terms are (traditional script as simplified). What the sense decisions compare a
//! definition and a document by.

use crate::fold::{Fold, FoldOptions, fold_at};

/// A pair of Chinese characters.
pub(crate) type Word = [char; 2];

/// Characters that join words rather than make them: a pair holding one is no word.
const GLUE: &[char] = &[
    '的', '和', '与', '及', '等', '或', '是', '指', '即', '为', '了', '在',
];

/// Whether `c` is a Chinese character (the unified ideographs and their extensions).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

/// How many Chinese characters `s` holds.
pub(crate) fn cjk_count(s: &str) -> usize {
    s.chars().filter(|c| is_cjk(*c)).count()
}

/// Calls `f` with each two-character sequence of Chinese in `text`, folded as terms are
/// (white space and quote marks dropped), in order, repeats kept, until `f` returns false.
pub(crate) fn each_pair(text: &str, mut f: impl FnMut(Word) -> bool) {
    let opts = FoldOptions::default();
    let mut last: Option<char> = None;
    let mut pos = 0;
    while let Some((len, class)) = fold_at(text, pos, &opts) {
        let c = match class {
            Fold::Keep => text.get(pos..).and_then(|t| t.chars().next()),
            Fold::Map(m) => Some(m),
            Fold::Quote | Fold::Space => None,
        };
        pos += len;
        let Some(c) = c else { continue };
        let word = is_cjk(c) && !GLUE.contains(&c);
        if let (Some(a), true) = (last, word)
            && !f([a, c])
        {
            return;
        }
        last = word.then_some(c);
    }
}

/// The two-character sequences of Chinese in `text`, folded, in order, repeats kept.
pub(crate) fn pairs(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    each_pair(text, |w| {
        out.push(w);
        true
    });
    out
}

/// A set of words, as a sorted list: built once, looked up often, and small enough that a
/// binary search beats hashing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Words(Vec<Word>);

impl Words {
    /// The words of `text` (its [`pairs`]), each once.
    pub(crate) fn of(text: &str) -> Words {
        Words::from(pairs(text))
    }

    pub(crate) fn contains(&self, w: &Word) -> bool {
        self.0.binary_search(w).is_ok()
    }

    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &Word> {
        self.0.iter()
    }

    /// The words that are not in `other`.
    pub(crate) fn without(mut self, other: &Words) -> Words {
        self.0.retain(|w| !other.contains(w));
        self
    }
}

impl From<Vec<Word>> for Words {
    fn from(mut words: Vec<Word>) -> Words {
        words.sort_unstable();
        words.dedup();
        Words(words)
    }
}

/// The words of an entry's definition that tell its sense apart: its pairs of characters,
/// less those of the term itself (every sense of 四好农村路 says 农村).
pub(crate) fn distinctive(definition: &str, term: &str) -> Words {
    Words::of(definition).without(&Words::of(term))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_a_definition() {
        let d = distinctive("是指建好、管好、护好、运营好农村公路。", "四好农村路");
        assert!(d.contains(&['建', '好']) && d.contains(&['公', '路']));
        assert!(
            !d.contains(&['农', '村']),
            "the term's own words are not distinctive"
        );
        assert!(!d.contains(&['是', '指']), "glue makes no word");
        assert!(Words::of("經濟發展").contains(&['经', '济']));
        assert_eq!(pairs("三线的一单"), [['三', '线'], ['一', '单']]);
        assert_eq!(Words::of("一单一单").len(), 2);
        assert_eq!(cjk_count("a三线b一单"), 4);
    }
}
