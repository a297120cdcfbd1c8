//! Small helpers every layer may use: UTF-8 boundaries and character counting.

/// The largest char boundary of `text` at or below `at` (`str::floor_char_boundary`, which is
/// newer than the crate's minimum Rust).
pub(crate) fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The smallest char boundary of `text` at or above `at`, or the text's length.
pub(crate) fn ceil_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The number of characters in `s`.
#[inline]
pub(crate) fn count_chars(s: &str) -> usize {
    count_chars_in(s, 0, s.len()).unwrap_or(0)
}

/// The number of characters in `text[from..to]`, or `None` if `from > to` or `to` is past the
/// end. Callers pass char boundaries; a span under 64 bytes is not checked for them (it
/// counts the bytes that start a character either way).
///
/// Spans of 64 bytes or more are counted by `bytecount`, with SIMD where the CPU has it. It
/// and `str::chars().count()` take a byte-by-byte path on short spans, and the gaps between
/// the matches of a large glossary are tens of bytes: those are counted here eight bytes at a
/// time, the bytes that do not continue a character. The last few bytes are read as the eight
/// that end at `to` (bytes of the text before them shifted out), so only a text shorter than
/// eight bytes is counted a character at a time.
#[inline]
pub(crate) fn count_chars_in(text: &str, from: usize, to: usize) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // One in the lowest bit of each byte of `w` that continues a character: 0b10xx_xxxx, bit
    // 7 set and bit 6 (shifted up to 7) clear.
    let continuing = |w: u64| (w & !(w << 1) & HIGH) >> 7;
    let bytes = text.as_bytes();
    let len = to.checked_sub(from).filter(|_| to <= bytes.len())?;
    if len >= 64 {
        return Some(bytecount::num_chars(bytes.get(from..to)?));
    }
    let word = |i: usize| {
        bytes
            .get(i..)
            .and_then(<[u8]>::first_chunk::<8>)
            .map(|w| u64::from_le_bytes(*w))
    };
    // The sum of the bytes of `sum`, in the top byte.
    let total = |sum: u64| (sum.wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize;
    if len <= 16 && to >= 16 {
        // Most gaps: the sixteen bytes that end at `to`, the span's in the top `len`, with no
        // branch on the length (a branch that mispredicts costs more than the counting).
        let (low, high) = (word(to - 16)?, word(to - 8)?);
        let both = (u128::from(high) << 64 | u128::from(low))
            .checked_shr(8 * (16 - len) as u32)
            .unwrap_or(0);
        return Some(len - total(continuing(both as u64) + continuing((both >> 64) as u64)));
    }
    // Each byte of `sum` counts at most 8 continuation bytes: it never carries.
    let mut sum = 0;
    let mut i = from;
    while i + 8 <= to {
        sum += word(i).map_or(0, continuing);
        i += 8;
    }
    let rest = to - i;
    if rest > 0 {
        let tail = if to >= 8 {
            // The `rest` bytes are the top of the word that ends at `to`.
            word(to - 8).map(|w| w >> (8 * (8 - rest)))
        } else {
            word(i).map(|w| w & ((1 << (8 * rest)) - 1))
        };
        match tail {
            Some(w) => sum += continuing(w),
            // A text shorter than eight bytes.
            None => return Some(text.get(from..to)?.chars().count()),
        }
    }
    Some(len - total(sum))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every span between char boundaries of texts shorter and longer than the word-at-a-time
    /// paths (1-, 2-, 3- and 4-byte characters), counted as `chars().count()` counts it.
    #[test]
    fn count_chars_in_counts_every_span() {
        let texts = [
            String::new(),
            "金".to_string(),
            "a金".to_string(),
            "1+4+4+8”é".to_string(),
            "一网通办".repeat(3),
            "双随机、一公开 e\n😀𠀀金１０条“”".repeat(5),
        ];
        for text in &texts {
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for &from in &bounds {
                for &to in bounds.iter().filter(|&&to| to >= from) {
                    assert_eq!(
                        count_chars_in(text, from, to),
                        Some(text[from..to].chars().count()),
                        "{text:?} {from}..{to}"
                    );
                }
            }
            assert_eq!(count_chars(text), text.chars().count());
            assert_eq!(count_chars_in(text, 1, 0), None);
            assert_eq!(count_chars_in(text, 0, text.len() + 1), None);
        }
    }

    #[test]
    fn char_boundaries() {
        let text = "金10条";
        assert_eq!(floor_char_boundary(text, 1), 0);
        assert_eq!(floor_char_boundary(text, 3), 3);
        assert_eq!(floor_char_boundary(text, 99), text.len());
        assert_eq!(ceil_char_boundary(text, 1), 3);
        assert_eq!(ceil_char_boundary(text, 5), 5);
        assert_eq!(ceil_char_boundary(text, 6), 8);
        assert_eq!(ceil_char_boundary(text, 99), text.len());
    }
}

/// The mark the inline format writes before each gloss it inserts (U+2060 WORD JOINER), here
/// so that what reads text for its meaning (the sense decisions) can pass over those glosses.
pub(crate) const GLOSS_MARK: char = '\u{2060}';

/// The most bytes a gloss inserted by the inline format is looked for in: a longer one is read
/// as text.
pub(crate) const GLOSS_REACH: usize = 1024;

/// The length of the gloss the inline format inserted at the start of `text`, if one is there:
/// [`GLOSS_MARK`], `（`, anything with its parentheses balanced, `）`, within [`GLOSS_REACH`].
pub(crate) fn gloss_at(text: &str) -> Option<usize> {
    let rest = text.strip_prefix(GLOSS_MARK)?.strip_prefix('（')?;
    let mut depth = 1usize;
    for (i, c) in rest.char_indices() {
        if i > GLOSS_REACH {
            return None;
        }
        match c {
            '（' => depth += 1,
            '）' => {
                depth -= 1;
                if depth == 0 {
                    return Some(text.len() - rest.len() + i + c.len_utf8());
                }
            }
            _ => {}
        }
    }
    None
}

/// `text` without the glosses the inline format inserted ([`gloss_at`]): what a reader of the
/// text before it was annotated would read.
pub(crate) fn without_glosses(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(GLOSS_MARK) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while let Some(found) = text.get(at..).and_then(|t| t.find(GLOSS_MARK)) {
        let mark = at + found;
        out.push_str(text.get(at..mark).unwrap_or_default());
        match text.get(mark..).and_then(gloss_at) {
            Some(len) => at = mark + len,
            None => {
                out.push(GLOSS_MARK);
                at = mark + GLOSS_MARK.len_utf8();
            }
        }
    }
    out.push_str(text.get(at..).unwrap_or_default());
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod gloss_tests {
    use super::*;

    #[test]
    fn glosses_are_passed_over() {
        let glossed = "分类出台“金 10 条”\u{2060}（《金山区关于促进金融服务实体经济发展的若干意见（试行）》）政策。";
        assert_eq!(without_glosses(glossed), "分类出台“金 10 条”政策。");
        // The author's parentheses, and an unclosed gloss, stay.
        assert_eq!(
            without_glosses("两网融合（即垃圾分类）"),
            "两网融合（即垃圾分类）"
        );
        assert_eq!(
            without_glosses("三线一单\u{2060}（生态"),
            "三线一单\u{2060}（生态"
        );
        assert_eq!(without_glosses("a\u{2060}b\u{2060}（c）d"), "a\u{2060}bd");
        assert_eq!(gloss_at("\u{2060}（）x"), Some(9));
        let long = format!("\u{2060}（{}）", "长".repeat(400));
        assert_eq!(gloss_at(&long), None);
    }
}
