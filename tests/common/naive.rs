//! The naive reference that tests/reference.rs and the `find_iter` fuzz target check the
//! annotator against, with the gap limit as a parameter.
//!
//! It folds the text into a copy (runs of up to `max_gap` whitespace characters or quote marks
//! dropped, full-width ASCII mapped), finds every folded surface form in it with `str::find`,
//! maps the candidates back to the original, applies the boundary rule, and keeps the
//! leftmost-longest. It shares no code with the annotator's streaming fold, and does neither
//! traditional script nor numerals.

use zhgloss::Glossary;

fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{AD}')
}

fn is_quote(c: char) -> bool {
    "\"'‘’‚‛“”„‟「」『』〝〞〟﹁﹂﹃﹄＂＇".contains(c)
}

fn fold(c: char) -> char {
    if ('\u{FF01}'..='\u{FF5E}').contains(&c) {
        char::from_u32(c as u32 - 0xFEE0).unwrap()
    } else {
        c
    }
}

/// The length in bytes of a pinyin annotation at the start of `s`: a bracket (ASCII or
/// full-width), one to seven lowercase letters at least one of which has a tone mark (or is
/// ü), and a closing bracket. It is skipped like a quote mark.
fn pinyin(s: &str) -> Option<usize> {
    let toned = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ";
    let mut chars = s.char_indices();
    let (_, open) = chars.next()?;
    if open != '(' && open != '（' {
        return None;
    }
    let mut tone = false;
    for (letters, (i, c)) in chars.enumerate() {
        if (c == ')' || c == '）') && letters > 0 && tone {
            return Some(i + c.len_utf8());
        }
        if letters == 7 {
            return None;
        }
        if toned.contains(c) {
            tone = true;
        } else if !c.is_ascii_lowercase() {
            return None;
        }
    }
    None
}

/// The text's characters with the quote marks, whitespace and pinyin annotations among them
/// told apart: `(byte offset, char, class)`, class 's' for whitespace, 'q' for a quote mark or
/// a pinyin annotation (whose char is its bracket), 'c' otherwise; the end of each.
fn classify(text: &str) -> Vec<(usize, usize, char, char)> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        if let Some(len) = pinyin(&text[i..]) {
            out.push((i, i + len, c, 'q'));
            i += len;
            continue;
        }
        let class = if is_space(c) {
            's'
        } else if is_quote(c) {
            'q'
        } else {
            'c'
        };
        out.push((i, i + c.len_utf8(), c, class));
        i += c.len_utf8();
    }
    out
}

pub fn fold_term(s: &str) -> String {
    classify(s)
        .into_iter()
        .filter(|&(_, _, _, class)| class == 'c')
        .map(|(_, _, c, _)| fold(c))
        .collect()
}

/// A folded form and every spelling of its enumeration marks: each of 、 , · (the full-width
/// comma folds to ,) between two characters that are not marks, written as another or left
/// out; with more than two such marks, the form as written only.
fn mark_spellings(folded: &str) -> Vec<String> {
    let chars: Vec<char> = folded.chars().collect();
    let mark = |i: usize| i < chars.len() && "、,·".contains(chars[i]);
    let inside = |i: usize| mark(i) && i > 0 && i + 1 < chars.len() && !mark(i - 1) && !mark(i + 1);
    if (0..chars.len()).filter(|&i| inside(i)).count() > 2 {
        return vec![folded.to_string()];
    }
    let mut out = vec![String::new()];
    for (i, &c) in chars.iter().enumerate() {
        if inside(i) {
            out = out
                .iter()
                .flat_map(|p| ["、", ",", "·", ""].map(|m| format!("{p}{m}")))
                .collect();
        } else {
            out.iter_mut().for_each(|p| p.push(c));
        }
    }
    out
}

fn boundary(c: char) -> bool {
    let c = fold(c);
    c.is_ascii_alphanumeric() || c == '+'
}

/// `(entry id, start, end)` of every match, the slow and obvious way.
pub fn naive(g: &Glossary, text: &str, max_gap: usize) -> Vec<(u32, usize, usize)> {
    // The folded copy, with the original span of every folded char; a long whitespace run
    // becomes U+FFFF, which no term contains.
    let mut folded = String::new();
    let mut origin: Vec<(usize, usize)> = Vec::new(); // per folded byte
    let (mut gap, mut quotes) = (0, 0);
    for (i, end, c, class) in classify(text) {
        if class == 's' {
            gap += 1;
            continue;
        }
        if class == 'q' {
            quotes += 1;
            continue;
        }
        debug_assert_eq!(end, i + c.len_utf8());
        if gap > max_gap || quotes > max_gap {
            folded.push('\u{FFFF}');
            origin.extend([(i, i); 3]);
        }
        (gap, quotes) = (0, 0);
        let f = fold(c);
        folded.push(f);
        origin.extend(std::iter::repeat_n((i, i + c.len_utf8()), f.len_utf8()));
    }
    let mut candidates = Vec::new(); // (start, end, entry id, lead quote, trail quote)
    for e in &g.entries {
        for (form, f) in e.surface_forms().flat_map(|form| {
            mark_spellings(&fold_term(form))
                .into_iter()
                .map(move |f| (form, f))
        }) {
            let lead = form
                .trim()
                .starts_with(|c: char| "“‘「『\"'〝﹁﹃＂＇‚‛„‟".contains(c));
            let trail = form
                .trim()
                .ends_with(|c: char| "”’」』\"'〞〟﹂﹄＂＇".contains(c));
            let mut from = 0;
            while let Some(at) = folded[from..].find(&f) {
                let at = from + at;
                let (start, end) = (origin[at].0, origin[at + f.len() - 1].1);
                let first = f.chars().next().unwrap();
                let last = f.chars().next_back().unwrap();
                let before = text[..start].chars().next_back();
                let after = text[end..].chars().next();
                let ok_start = !(first.is_ascii_alphanumeric() && before.is_some_and(boundary));
                let ok_end = !(last.is_ascii_alphanumeric() && after.is_some_and(boundary));
                if ok_start && ok_end {
                    candidates.push((start, end, e.id, lead, trail));
                }
                from = at + folded[at..].chars().next().unwrap().len_utf8();
            }
        }
    }
    // Leftmost, then longest.
    candidates.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    // Forms of one entry that fold alike (条条 and 「条条) are one term: it takes a quote that
    // any of them is written with.
    candidates.dedup_by(|later, kept| {
        let same = (later.0, later.1, later.2) == (kept.0, kept.1, kept.2);
        if same {
            kept.3 |= later.3;
            kept.4 |= later.4;
        }
        same
    });
    let mut out = Vec::new();
    let mut pos = 0;
    for (start, end, id, lead, trail) in candidates {
        if start < pos {
            continue;
        }
        let mut s = start;
        let mut e = end;
        if lead
            && let Some(q) = text[pos..s].chars().next_back()
            && "“‘「『\"'〝﹁﹃＂＇‚‛„‟".contains(q)
        {
            s -= q.len_utf8();
        }
        if trail
            && let Some(q) = text[e..].chars().next()
            && "”’」』\"'〞〟﹂﹄＂＇".contains(q)
        {
            e += q.len_utf8();
        }
        out.push((id, s, e));
        pos = e;
    }
    out
}
