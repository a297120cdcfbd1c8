//! Enumeration marks inside a term: 双随机、一公开 is also written 双随机一公开, 双随机，一公开 and
//! 双随机·一公开. Like numeral spellings this is not a per-character fold (the mark may be
//! absent), so each surface form is compiled in every spelling of its marks; a mark the text
//! adds where the term has none still ends a match.

/// The enumeration marks as folded text has them (the full-width comma folds to `,`), any of
/// which a term's mark may be written as, or left out.
const MARKS: [char; 3] = ['、', ',', '·'];

/// At most this many spellings of one form's marks (a form with more marks than that keeps its
/// own spelling).
const MAX_SPELLINGS: usize = 16;

/// Every spelling of a folded term's enumeration marks other than its own: each mark inside
/// the term (between two characters that are not marks) left out or written as another. A
/// mark at either end, or next to another, is written as it is.
pub(crate) fn enumeration_variants(folded: &str) -> Vec<String> {
    // Most terms have no mark at all: nothing to spell, nothing to allocate.
    if !folded.contains(MARKS) {
        return Vec::new();
    }
    let chars: Vec<char> = folded.chars().collect();
    let is_mark = |i: usize| chars.get(i).is_some_and(|c| MARKS.contains(c));
    let inside =
        |i: usize| is_mark(i) && i > 0 && i + 1 < chars.len() && !is_mark(i - 1) && !is_mark(i + 1);
    let marks = (0..chars.len()).filter(|&i| inside(i)).count();
    if marks == 0 {
        return Vec::new();
    }
    let Some(total) = u32::try_from(marks)
        .ok()
        .and_then(|m| (MARKS.len() + 1).checked_pow(m))
        .filter(|&n| n <= MAX_SPELLINGS)
    else {
        return Vec::new();
    };
    let mut out = vec![String::new()];
    for (i, &c) in chars.iter().enumerate() {
        if inside(i) {
            // The mark as written first, so the first spelling is the form itself.
            let choices: Vec<Option<char>> = std::iter::once(Some(c))
                .chain(MARKS.iter().filter(|&&m| m != c).map(|&m| Some(m)))
                .chain([None])
                .collect();
            out = out
                .iter()
                .flat_map(|prefix| {
                    choices.iter().map(move |choice| {
                        let mut s = prefix.clone();
                        s.extend(*choice);
                        s
                    })
                })
                .collect();
        } else {
            for s in &mut out {
                s.push(c);
            }
        }
    }
    debug_assert_eq!(out.len(), total);
    out.remove(0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_swapped_or_dropped() {
        assert_eq!(
            enumeration_variants("双随机、一公开"),
            ["双随机,一公开", "双随机·一公开", "双随机一公开"]
        );
        assert_eq!(enumeration_variants("三线一单"), [] as [&str; 0]);
        assert_eq!(enumeration_variants("甲、乙,丙").len(), 15);
        assert_eq!(enumeration_variants("一、二、三、四"), [] as [&str; 0]);
        // Marks at the ends, or doubled, are not inside the term.
        assert_eq!(enumeration_variants("、甲"), [] as [&str; 0]);
        assert_eq!(enumeration_variants("甲、"), [] as [&str; 0]);
        assert_eq!(enumeration_variants("、"), [] as [&str; 0]);
        assert_eq!(enumeration_variants("甲、、乙"), [] as [&str; 0]);
    }
}
