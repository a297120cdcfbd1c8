//! The footnote format's note marks, chosen so that they never collide with marks the text
//! already uses.
//!
//! A government text often has notes of its own (the Jinshan report writes `6.7%¹（注解 1：…）`),
//! so a mark ¹ added after a glossed term would read as the text's note. The footnote format
//! therefore takes the first of these notations that the document does not contain:
//!
//! 1. superscript digits, ¹ ² ³ (as the reports mark their 注解): when the text holds no
//!    superscript digit at all (⁰ to ⁹, also m² and 10⁴: a run of superscripts would join the
//!    mark);
//! 2. 〔1〕 〔2〕: when the text holds no 〔n〕 (digits of either width, white space around them
//!    allowed) with `n` a number a note could have, at most the glossary's entry count
//!    (document numbers such as 〔2018〕 are larger);
//! 3. ［注1］ ［注2］: when the text holds no ［注 or [注 (or 註) followed by a digit;
//! 4. else ［注注1］, ［注注注1］…: the first depth of 注 that no such bracket in the text has,
//!    which always exists, so the choice never fails.
//!
//! The end list uses the same marks. The choice reads the whole text where it is in memory
//! ([`to_string`](super::to_string), [`Output::document_str`](super::Output::document_str)),
//! and the first [`NOTE_PREVIEW`] bytes of a stream ([`Output::document`](super::Output::document)),
//! which are read before anything is written: a document that fits is read whole, so its marks
//! never collide; in a longer one, only a mark of the chosen notation written after those bytes
//! can. [`Options::notation`](super::Options::notation) forces a notation.

use std::str::FromStr;

/// How the footnote format writes its note marks; see [`Options::notation`](super::Options::notation).
///
/// Parses from its name (`superscript`, `bracket`, `label`).
///
/// ```
/// use zhgloss::render::{self, Format, Notation, Options};
///
/// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
/// let text = "增长6.7%¹，编制三线一单。";
/// // The text uses ¹ for a note of its own, so the glossary's notes are 〔1〕…
/// let out = render::to_string(&ann, Format::Footnote, text, &Options::new())?;
/// assert!(out.starts_with("增长6.7%¹，编制三线一单〔1〕。"));
/// assert!(out.ends_with("\n注解\n〔1〕 三线一单：是指生态保护红线、环境质量底线、资源利用上线和生态环境准入清单。\n"));
/// assert_eq!("label".parse::<Notation>(), Ok(Notation::Label));
/// # Ok::<(), zhgloss::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Notation {
    /// Superscript digits: ¹ ² ³ ¹⁰.
    ///
    /// ```
    /// assert_eq!(zhgloss::render::Notation::Superscript.mark(12), "¹²");
    /// ```
    Superscript,
    /// Numbers in tortoise-shell brackets: 〔1〕 〔2〕.
    ///
    /// ```
    /// assert_eq!(zhgloss::render::Notation::Bracket.mark(3), "〔3〕");
    /// ```
    Bracket,
    /// Labelled numbers in full-width brackets: ［注1］ ［注2］.
    ///
    /// ```
    /// assert_eq!(zhgloss::render::Notation::Label.mark(3), "［注3］");
    /// ```
    Label,
}

impl Notation {
    /// The names of the notations, as the command line takes them.
    ///
    /// ```
    /// assert_eq!(zhgloss::render::Notation::NAMES, ["superscript", "bracket", "label"]);
    /// ```
    pub const NAMES: [&'static str; 3] = ["superscript", "bracket", "label"];

    /// The notation's name.
    ///
    /// ```
    /// assert_eq!(zhgloss::render::Notation::Bracket.name(), "bracket");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Notation::Superscript => "superscript",
            Notation::Bracket => "bracket",
            Notation::Label => "label",
        }
    }

    /// The mark of note `n` in this notation.
    ///
    /// ```
    /// use zhgloss::render::Notation;
    ///
    /// assert_eq!(Notation::Superscript.mark(1), "¹");
    /// assert_eq!(Notation::Bracket.mark(1), "〔1〕");
    /// assert_eq!(Notation::Label.mark(29), "［注29］");
    /// ```
    pub fn mark(self, n: usize) -> String {
        Marks::forced(self).mark(n)
    }
}

impl FromStr for Notation {
    type Err = String;

    fn from_str(s: &str) -> Result<Notation, String> {
        Notation::NAMES
            .iter()
            .zip([Notation::Superscript, Notation::Bracket, Notation::Label])
            .find(|(name, _)| **name == s)
            .map(|(_, n)| n)
            .ok_or_else(|| {
                format!(
                    "unknown notation {s:?} (expected one of: {})",
                    Notation::NAMES.join(", ")
                )
            })
    }
}

/// The bytes of a stream the footnote format reads before writing any of it, to choose marks
/// the text does not contain: 4 MiB, more than any single report (the Jinshan report is
/// 38 KB), and a bound on the memory a stream takes.
///
/// ```
/// assert_eq!(zhgloss::render::NOTE_PREVIEW, 4 << 20);
/// ```
pub const NOTE_PREVIEW: usize = 4 << 20;

/// The marks a document's notes are written with: a notation and, for [`Notation::Label`], how
/// many 注 it holds (1 but where the text uses ［注1］ itself).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Marks {
    notation: Notation,
    depth: usize,
}

impl Marks {
    pub(super) fn forced(notation: Notation) -> Marks {
        Marks { notation, depth: 1 }
    }

    /// The first notation whose marks `text` does not contain, for notes numbered up to `max`.
    pub(super) fn choose(text: &str, max: usize) -> Marks {
        let seen = Seen::scan(text, max);
        if !seen.superscript {
            return Marks::forced(Notation::Superscript);
        }
        if !seen.bracket {
            return Marks::forced(Notation::Bracket);
        }
        // The depths are those of brackets in the text, so one of the first `len + 1` is free.
        let depth = (1..=seen.labels.len() + 1)
            .find(|d| !seen.labels.contains(d))
            .unwrap_or(seen.labels.len() + 1);
        Marks {
            notation: Notation::Label,
            depth,
        }
    }

    /// The mark of note `n`.
    pub(super) fn mark(self, n: usize) -> String {
        match self.notation {
            Notation::Superscript => superscript(n),
            Notation::Bracket => format!("〔{n}〕"),
            Notation::Label => format!("［{}{n}］", "注".repeat(self.depth)),
        }
    }
}

/// Numbers written as superscripts: 12 is ¹².
fn superscript(n: usize) -> String {
    n.to_string()
        .bytes()
        .map(|b| {
            SUPERSCRIPTS
                .get(usize::from(b - b'0'))
                .copied()
                .unwrap_or('⁰')
        })
        .collect()
}

const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/// Whether `text` holds a superscript digit: ¹ ² ³ are C2 B9, C2 B2, C2 B3 and ⁰ ⁴…⁹ are
/// E2 81 B0, E2 81 B4…B9 in UTF-8, and C2 and E2 81 are rare in Chinese text, so `memchr`
/// finds the few places to look at memory speed.
fn has_superscript(text: &str) -> bool {
    let bytes = text.as_bytes();
    let low = memchr::memchr_iter(0xC2, bytes)
        .any(|i| matches!(bytes.get(i + 1), Some(0xB2 | 0xB3 | 0xB9)));
    low || memchr::memmem::find_iter(bytes, b"\xE2\x81")
        .any(|i| matches!(bytes.get(i + 2), Some(0xB0 | 0xB4..=0xB9)))
}

/// What marks a text holds.
#[derive(Debug, Default)]
struct Seen {
    superscript: bool,
    /// A 〔n〕 with n ≤ the most notes.
    bracket: bool,
    /// The depths of ［注…注n］ brackets, in the order found.
    labels: Vec<usize>,
}

impl Seen {
    /// Reads `text` for superscripts, when there are any for 〔n〕, and when there is one for
    /// ［注n］: each step only when the notation before it is taken.
    fn scan(text: &str, max: usize) -> Seen {
        let mut seen = Seen {
            superscript: has_superscript(text),
            ..Seen::default()
        };
        if !seen.superscript {
            return seen;
        }
        let bytes = text.as_bytes();
        for at in memchr::memmem::find_iter(bytes, "〔".as_bytes()) {
            let after = text.get(at + '〔'.len_utf8()..).unwrap_or_default();
            if bracket_number(after, max) {
                seen.bracket = true;
                break;
            }
        }
        if !seen.bracket {
            return seen;
        }
        let full = memchr::memmem::find_iter(bytes, "［".as_bytes()).map(|at| at + '［'.len_utf8());
        let ascii = memchr::memchr_iter(b'[', bytes).map(|at| at + 1);
        for at in full.chain(ascii) {
            if let Some(depth) = text.get(at..).and_then(label_depth)
                && !seen.labels.contains(&depth)
            {
                seen.labels.push(depth);
            }
        }
        seen
    }
}

fn digit(c: char) -> Option<usize> {
    match c {
        '0'..='9' => Some(c as usize - '0' as usize),
        '０'..='９' => Some(c as usize - '０' as usize),
        _ => None,
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// Whether `after` (the text after a 〔) is a number up to `max` and its 〕.
fn bracket_number(after: &str, max: usize) -> bool {
    let s = after.trim_start_matches(is_space);
    let mut value: usize = 0;
    let mut digits = 0;
    let mut rest = s;
    for (i, c) in s.char_indices() {
        let Some(d) = digit(c) else {
            rest = s.get(i..).unwrap_or_default();
            break;
        };
        value = value.saturating_mul(10).saturating_add(d);
        digits += 1;
        rest = s.get(i + c.len_utf8()..).unwrap_or_default();
    }
    digits > 0 && value <= max && rest.trim_start_matches(is_space).starts_with('〕')
}

/// How many 注 (or 註) `after`, the text after a ［ or [, holds before a digit; `None` when it
/// is no such label.
fn label_depth(after: &str) -> Option<usize> {
    let depth = after
        .chars()
        .take_while(|&c| c == '注' || c == '註')
        .count();
    let rest = after.get(depth * '注'.len_utf8()..)?;
    let next = rest.trim_start_matches(is_space).chars().next();
    (depth > 0 && next.and_then(digit).is_some()).then_some(depth)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn superscripts() {
        assert_eq!(superscript(1), "¹");
        assert_eq!(superscript(29), "²⁹");
        assert_eq!(superscript(10), "¹⁰");
    }

    #[test]
    fn the_first_absent_notation() {
        let choose = |t: &str| Marks::choose(t, 29).mark(1);
        assert_eq!(choose("编制三线一单"), "¹");
        assert_eq!(choose("面积20km²"), "〔1〕");
        assert_eq!(choose("6.7%¹，金财规〔2018〕3号"), "〔1〕");
        assert_eq!(choose("6.7%¹，见〔 １ 〕"), "［注1］");
        assert_eq!(choose("¹〔3〕［注1］"), "［注注1］");
        assert_eq!(choose("¹〔3〕[注 1]［注注2］"), "［注注注1］");
        assert_eq!(choose("¹〔3〕［注注2］"), "［注1］");
        assert_eq!(choose("¹〔3〕［注释］"), "［注1］");
    }
}
