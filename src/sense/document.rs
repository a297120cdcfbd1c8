//! What a document is about: the places it names, weighed, and its year, read from its
//! beginning.

use std::collections::{HashMap, HashSet};

use crate::fold::{Fold, FoldOptions, fold_at};
use crate::places::{self, Naming};
use crate::util::{floor_char_boundary, without_glosses};

/// How much of a document is read for what it is about: its title, issuing lines and first
/// pages. A stream reads this much before it hands out anything, so a streamed document and
/// the same text in memory are judged alike.
pub const DOCUMENT_HEAD: usize = 64 * 1024;

/// The lines, from the first, that are the document's head (title, issuing body, date): a
/// place or year named there weighs more.
const HEAD_LINES: usize = 8;

/// A place named in the head counts this many times one named in the body.
const HEAD_WEIGHT: f32 = 3.0;

/// A confirmed short form (金山 beside 金山区, 温州 beside 平阳县) counts this much of a full
/// name.
const SHORT_WEIGHT: f32 = 0.5;

/// A division is one the document is about when it weighs at least this, and at least this
/// share of the heaviest.
const ABOUT_WEIGHT: f32 = 1.0;
const ABOUT_SHARE: f32 = 0.25;

/// The text read, folded for reading (traditional script simplified, full-width ASCII as
/// ASCII, quote marks, pinyin annotations, white space other than line breaks, and glosses the
/// inline format inserted dropped).
pub(crate) fn fold_for_reading(text: &str) -> String {
    // Read as the text was before the inline format glossed it.
    let text = &*without_glosses(text);
    let opts = FoldOptions::default();
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    while let Some((len, class)) = fold_at(text, pos, &opts) {
        match class {
            Fold::Keep => out.push_str(text.get(pos..pos + len).unwrap_or_default()),
            Fold::Map(m) => out.push(m),
            Fold::Space if text.get(pos..pos + len) == Some("\n") => out.push('\n'),
            Fold::Space | Fold::Quote => {}
        }
        pos += len;
    }
    out
}

/// The places a text names, weighed: divisions (by index) with their weight, heaviest first,
/// and every division named at all, with the divisions they lie in.
pub(super) fn places_of(folded: &str) -> (Vec<(usize, f32)>, HashSet<usize>) {
    // Where the head ends: after the first HEAD_LINES lines that hold anything.
    let head_end = folded
        .match_indices('\n')
        .map(|(i, _)| i)
        .filter(|&i| folded.get(..i).is_some_and(|t| !t.ends_with('\n')))
        .nth(HEAD_LINES - 1)
        .unwrap_or(folded.len());
    let mentions = places::mentions(folded);
    let weight = |start: usize| if start < head_end { HEAD_WEIGHT } else { 1.0 };
    let mut score: HashMap<usize, f32> = HashMap::new();
    let mut strong: HashSet<usize> = HashSet::new();
    for m in mentions.iter().filter(|m| m.naming == Naming::Full) {
        let share = weight(m.start) / m.divisions.len().max(1) as f32;
        for &d in m.divisions {
            *score.entry(d).or_default() += share;
            strong.insert(d);
        }
    }
    // A short form counts where it is confirmed, beside a full name of a division it lies in
    // or that lies in it (温州 beside 平阳县): alone it is as likely a word (金山银山, 解放思想,
    // 来宾), even in a title.
    for m in mentions.iter().filter(|m| m.naming == Naming::Short) {
        let confirmed: Vec<usize> = m
            .divisions
            .iter()
            .copied()
            .filter(|&d| {
                strong
                    .iter()
                    .any(|&s| places::within(s, d) || places::within(d, s))
            })
            .collect();
        let share = SHORT_WEIGHT * weight(m.start) / confirmed.len().max(1) as f32;
        for d in confirmed {
            *score.entry(d).or_default() += share;
        }
    }
    let mut named: HashSet<usize> = HashSet::new();
    for &d in score.keys() {
        named.extend(places::lineage(d));
    }
    let top = score.values().copied().fold(0.0f32, f32::max);
    let mut about: Vec<(usize, f32)> = score
        .into_iter()
        .filter(|&(_, s)| s >= ABOUT_WEIGHT && s >= ABOUT_SHARE * top)
        .collect();
    // Heaviest first; of equal weight, the narrower place (沁阳市 before 焦作市).
    let depth = |d: usize| places::lineage(d).len();
    about.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then(depth(b.0).cmp(&depth(a.0)))
            .then(a.0.cmp(&b.0))
    });
    (about, named)
}

/// Who issued a text, where its head says: the narrowest place named, by full name, in its
/// title (the first line that holds anything) or in a short issuing line among the first lines
/// (one naming a government body: 金山区人民政府办公室, 上海市发展和改革委员会). A place named
/// in the body is not the issuer.
pub(crate) fn issuer(text: &str) -> Option<String> {
    /// Words of an issuing body.
    const BODIES: &[&str] = &[
        "人民政府",
        "委员会",
        "办公室",
        "办公厅",
        "人民代表大会",
        "人大",
        "政协",
        "局",
        "厅",
    ];
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let mut head: Vec<&str> = lines.next().into_iter().collect();
    head.extend(
        lines
            .take(HEAD_LINES - 1)
            .filter(|l| l.chars().count() <= 40 && BODIES.iter().any(|b| l.contains(b))),
    );
    let (about, _) = places_of(&fold_for_reading(&head.join("\n")));
    about.first().map(|&(d, _)| places::path(d))
}

/// The year a text is from: the latest year its head names (2020 年, 二〇二〇年), if any.
pub(super) fn year_of(folded: &str) -> Option<u16> {
    let head: String = folded
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(HEAD_LINES)
        .collect::<Vec<_>>()
        .join("\n");
    let chars: Vec<char> = head.chars().collect();
    let digit = |c: char| match c {
        '0'..='9' => c.to_digit(10),
        '〇' | '零' | 'O' => Some(0),
        '一' => Some(1),
        '二' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    };
    let mut best = None;
    for (i, c) in chars.iter().enumerate() {
        if *c != '年' || i < 4 {
            continue;
        }
        let Some(window) = chars.get(i - 4..i) else {
            continue;
        };
        // Four digits of one kind, and not the end of a longer number.
        let arabic = window.iter().all(char::is_ascii_digit);
        let chinese = window
            .iter()
            .all(|&c| !c.is_ascii_digit() && digit(c).is_some());
        let longer = i >= 5 && chars.get(i - 5).copied().and_then(digit).is_some();
        if !(arabic || chinese) || longer {
            continue;
        }
        let year = window
            .iter()
            .filter_map(|&c| digit(c))
            .fold(0u32, |y, d| y * 10 + d);
        if (1949..=2100).contains(&year) {
            let year = year as u16;
            best = best.max(Some(year));
        }
    }
    best
}

/// The first [`DOCUMENT_HEAD`] bytes of `text`, to a character boundary.
pub(crate) fn head_of(text: &str) -> &str {
    text.get(..floor_char_boundary(text, DOCUMENT_HEAD))
        .unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn about(text: &str) -> Vec<String> {
        places_of(&fold_for_reading(text))
            .0
            .into_iter()
            .map(|(d, _)| places::path(d))
            .collect()
    }

    #[test]
    fn the_report_is_about_jinshan() {
        let report = include_str!("../../examples/report-2020-jinshan.txt");
        assert_eq!(
            about(report).first().map(String::as_str),
            Some("上海市金山区")
        );
        assert_eq!(year_of(&fold_for_reading(report)), Some(2020));
    }

    #[test]
    fn short_forms_need_confirming() {
        // 青山 and 金山 in the slogan are words, not places.
        assert_eq!(about("绿水青山就是金山银山。"), Vec::<String>::new());
        assert_eq!(
            about("平阳县推进四好农村路。温州已创成示范县。"),
            ["浙江省温州市平阳县", "浙江省温州市"]
        );
        // Alone, a short form is not a place: 来宾 is also a city of Guangxi.
        assert_eq!(about("温州来宾参观。"), Vec::<String>::new());
        let both = about("平阳县推进四好农村路。温州、温州、温州已创成示范县两个。");
        assert!(both.contains(&"浙江省温州市".to_string()), "{both:?}");
        assert_eq!(
            about("嘉定区召开大会\n2026年\n嘉定的答案"),
            ["上海市嘉定区"]
        );
    }

    #[test]
    fn issuers_come_from_the_head() {
        let report = include_str!("../../examples/report-2020-jinshan.txt");
        assert_eq!(issuer(report).as_deref(), Some("上海市金山区"));
        assert_eq!(
            issuer("嘉定区人民政府办公室关于印发行动方案的通知\n各镇人民政府：").as_deref(),
            Some("上海市嘉定区")
        );
        assert_eq!(issuer("关于印发方案的通知\n\n正文提到金山区。"), None);
    }

    #[test]
    fn years_come_from_the_head() {
        assert_eq!(year_of("二〇二三年嘉定区政府工作报告\n"), Some(2023));
        assert_eq!(year_of("关于印发方案的通知\n2019年12月3日\n"), Some(2019));
        assert_eq!(year_of("没有年份\n"), None);
        assert_eq!(year_of("编号12020年\n"), None);
        assert_eq!(year_of(&"正文\n".repeat(9).add("2020年")), None);
    }

    trait Add {
        fn add(self, s: &str) -> String;
    }
    impl Add for String {
        fn add(mut self, s: &str) -> String {
            self.push_str(s);
            self
        }
    }
}
