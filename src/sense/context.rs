//! What the words around a term say of it: an explanation the text gives (是指…, （…）, X（简称
//! “P”）).

use crate::fold::{FoldOptions, fold_term};
use crate::util::{
    GLOSS_MARK, GLOSS_REACH, ceil_char_boundary, floor_char_boundary, gloss_at, without_glosses,
};
use crate::words::cjk_count;

/// How far around a term its context is read, in bytes (about 80 characters of Chinese): a
/// stream keeps this much on either side of a match before it hands the match out (and after
/// it, a gloss the inline format inserted there, which a decision passes over).
pub const CONTEXT_BYTES: usize = 320;

/// How far after a match a decision reads: [`CONTEXT_BYTES`] of text after a gloss the
/// inline format may have inserted right there.
pub(crate) const READ_AFTER: usize = CONTEXT_BYTES + GLOSS_REACH;

/// The most characters of an explanation that are compared.
const EXPLANATION_CHARS: usize = 80;

/// An explanation shorter than this many Chinese characters says too little to judge by.
const EXPLANATION_MIN: usize = 6;

/// What may stand between a term and the words that explain it: a closing quote, 的, 含义 …
const BRIDGES: &[&str] = &[
    "的含义",
    "的概念",
    "的意思",
    "的内涵",
    "含义",
    "概念",
    "意思",
    "内涵",
    "的",
];

/// Words after a term (and its bridge) that open its explanation, longest first.
const CUES: &[&str] = &[
    "指的是",
    "是指",
    "就是",
    "意为",
    "包括",
    "即",
    "指",
    "是",
    "：",
    ":",
    "（",
    "(",
    "——",
];

/// How far before a term a 简称 that names it is looked for, in bytes (40 characters).
const NAMED_REACH: usize = 120;

/// Characters that end an explanation.
const ENDS: &[char] = &['。', '；', ';', '\n', '！', '？', '!', '?'];

/// The explanation the text gives of the term at `start..end`, if it gives one right there:
/// the words after a cue that follows the term (三线一单是指……, “四位一体”的含义是指……,
/// 两网融合（……）), or a name the term abbreviates just before it (互联网和电信网（简称“两网”）的
/// 融合, where the term starts with the short name).
pub(crate) fn explanation(text: &str, start: usize, end: usize, term: &str) -> Option<String> {
    let hi = floor_char_boundary(text, end.saturating_add(READ_AFTER));
    if let Some(found) = explanation_after(text.get(end..hi).unwrap_or_default()) {
        return Some(found);
    }
    let lo = ceil_char_boundary(text, start.saturating_sub(CONTEXT_BYTES));
    named_before(text.get(lo..start).unwrap_or_default(), term)
}

/// Quote marks and white space that may stand between a term and what explains it.
fn is_between(c: char) -> bool {
    c.is_whitespace() || "”’」』\"'〞〟".contains(c)
}

/// The explanation in `after`, the text right after a term, read as it was before the inline
/// format glossed it: a gloss it inserted after the term, and in the explanation, is passed
/// over.
fn explanation_after(after: &str) -> Option<String> {
    let mut rest = after.trim_start_matches(is_between);
    if let Some(len) = gloss_at(rest) {
        rest = rest.get(len..)?.trim_start_matches(is_between);
    }
    // 的, then 含义, across quotes and line breaks: “四位一体的”含义\n是指……
    for _ in 0..3 {
        let Some(r) = BRIDGES.iter().find_map(|b| rest.strip_prefix(b)) else {
            break;
        };
        rest = r.trim_start_matches(is_between);
    }
    let cue = CUES.iter().find(|c| rest.starts_with(*c))?;
    let body = rest.get(cue.len()..)?.trim_start();
    let closing = matches!(*cue, "（" | "(");
    // The explanation runs to the end of its sentence (or bracket), 80 characters at most.
    let span = |body: &str| {
        let end = body
            .char_indices()
            .take(EXPLANATION_CHARS)
            .find(|&(_, c)| ENDS.contains(&c) || (closing && (c == '）' || c == ')')))
            .map_or_else(
                || {
                    body.char_indices()
                        .nth(EXPLANATION_CHARS)
                        .map_or(body.len(), |(i, _)| i)
                },
                |(i, _)| i,
            );
        body.get(..end).unwrap_or_default().trim().to_string()
    };
    let words = span(body);
    // Read as it was before the inline format glossed it, where it did.
    let words = if words.contains(GLOSS_MARK) {
        span(&without_glosses(body))
    } else {
        words
    };
    (cjk_count(&words) >= EXPLANATION_MIN).then_some(words)
}

/// X in X（简称“P”） or X（以下简称P） just before the term, where P begins the term.
fn named_before(before: &str, term: &str) -> Option<String> {
    // 简称 stands close before the term (互联网和电信网（简称“两网”）的融合): the last
    // NAMED_REACH bytes are searched.
    let near = ceil_char_boundary(before, before.len().saturating_sub(NAMED_REACH));
    let at = near + before.get(near..)?.rfind("简称")?;
    let name = before.get(at + "简称".len()..)?;
    let name: String = name
        .trim_start_matches(['“', '"', '「', '‘', '《', ' '])
        .chars()
        .take_while(|&c| !"”\"」’》）)".contains(c))
        .collect();
    let name = fold_term(&name, &FoldOptions::default());
    if name.chars().count() < 2 || !term.starts_with(&name) {
        return None;
    }
    // The clause before the bracket that holds 简称.
    let head = before.get(..at)?;
    let open = head.rfind(['（', '('])?;
    let clause = head.get(..open)?;
    let from = clause
        .rfind(['，', '。', '；', ',', ';', '\n', '、', '：', ':'])
        .map_or(0, |i| {
            i + clause
                .get(i..)
                .and_then(|t| t.chars().next())
                .map_or(1, char::len_utf8)
        });
    let words = without_glosses(clause.get(from..)?).trim().to_string();
    (cjk_count(&words) >= EXPLANATION_MIN).then_some(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explained(text: &str, term: &str) -> Option<String> {
        let start = text.find(term).unwrap();
        explanation(text, start, start + term.len(), term)
    }

    #[test]
    fn explanations_after_a_cue() {
        assert_eq!(
            explained(
                "四好农村路是指具有安全、畅通、舒适、美观四个特点的农村道路，是…",
                "四好农村路"
            )
            .as_deref(),
            Some("具有安全、畅通、舒适、美观四个特点的农村道路，是…")
        );
        assert_eq!(
            explained(
                "“四位一体的”含义\n是指社会主义经济建设、政治建设。",
                "四位一体"
            )
            .as_deref(),
            Some("社会主义经济建设、政治建设")
        );
        assert_eq!(
            explained(
                "“四位一体”的含义是指经济建设、政治建设、文化建设。",
                "四位一体"
            )
            .as_deref(),
            Some("经济建设、政治建设、文化建设")
        );
        assert_eq!(
            explained(
                "15. 三高一低：是指高投入、高消耗、高污染、低效益。",
                "三高一低"
            )
            .as_deref(),
            Some("是指高投入、高消耗、高污染、低效益")
        );
        assert_eq!(explained("深入推进两网融合工作。", "两网融合"), None);
        assert_eq!(explained("落实三线一单（见附件）。", "三线一单"), None);
    }

    #[test]
    fn a_name_the_term_abbreviates_before_it() {
        let text = "随着发展,互联网和电信网(简称“两网”)的融合已成为趋势。两网融合不仅意味着整合";
        assert_eq!(
            explained(text, "两网融合").as_deref(),
            Some("互联网和电信网")
        );
        assert_eq!(
            explained("上海市公共数据（简称“数据”）推进两网融合", "两网融合"),
            None
        );
    }
}
