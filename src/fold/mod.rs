//! How real text is folded for matching, in one table-driven place.
//!
//! Matching compares *folded* text: every character of the input is classified once, here, as
//! kept, mapped to another character (full-width ASCII to ASCII), skipped as a quote mark, or
//! skipped as whitespace. Glossary terms are folded by the same function, so a rule added here
//! holds on both sides at once. Folding never copies the input: the annotator feeds folded bytes
//! to its automaton while it walks the original text, remembering where each folded character
//! came from, so spans always index the original.

mod marks;
pub(crate) mod numerals;
mod trad_table;

pub(crate) use marks::enumeration_variants;
pub(crate) use numerals::numeral_variants;

/// Options that change folding. Built by [`AnnotatorBuilder`](crate::AnnotatorBuilder).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FoldOptions {
    /// Longest run of whitespace characters ignored inside a term.
    pub max_gap: usize,
    /// Traditional characters fold to simplified ones.
    pub traditional: bool,
    /// Terms also match with their quantities in the other numeral spelling (金10条, 金十条).
    pub numerals: bool,
}

impl Default for FoldOptions {
    fn default() -> FoldOptions {
        FoldOptions {
            max_gap: 8,
            traditional: true,
            numerals: true,
        }
    }
}

/// The simplified form of a traditional character, from OpenCC's table (see `trad_table.rs`).
///
/// One simplified character can stand for several traditional ones (发 for 發 and 髮, 里 for 裡
/// and 裏); folding both the text and the glossary to simplified makes each of them match
/// whichever the other side wrote, with no choice to make.
#[inline]
pub(crate) fn simplify(c: char) -> Option<char> {
    let cp = c as u32;
    if cp < 0x1_0000 {
        // `cp >> 8` is below 256, the length of PAGE_OF; a non-zero entry is 1 + an index into
        // PAGES, as generated; `cp & 0xFF` is below 256, the length of a page.
        let page = *trad_table::PAGE_OF.get((cp >> 8) as usize)?;
        if page == 0 {
            return None;
        }
        let s = *trad_table::PAGES
            .get(usize::from(page) - 1)?
            .get((cp & 0xFF) as usize)?;
        match s {
            0 => return None,
            0xFFFF => {}
            s => return char::from_u32(u32::from(s)),
        }
    }
    let i = trad_table::SUPPLEMENTARY
        .binary_search_by_key(&c, |&(t, _)| t)
        .ok()?;
    trad_table::SUPPLEMENTARY.get(i).map(|&(_, s)| s)
}

/// Every traditional character that folds to `c`, for prefilters that look for a term's
/// characters in raw text.
pub(crate) fn traditional_forms(c: char) -> Vec<char> {
    static REVERSE: std::sync::OnceLock<std::collections::HashMap<char, Vec<char>>> =
        std::sync::OnceLock::new();
    REVERSE
        .get_or_init(reverse_table)
        .get(&c)
        .cloned()
        .unwrap_or_default()
}

/// The spellings of `text` in traditional script that fold back to it, other than `text`
/// itself: each character that has traditional forms written in each of them (and as itself,
/// which traditional text may write too: 系 beside 係 and 繫), in the order of the table. When
/// there would be more than `max`, two: each character in its first traditional form, and the
/// same with the characters that may be traditional kept as they are. For dictionaries that list the words a text may write.
pub(crate) fn traditional_spellings(text: &str, max: usize) -> Vec<String> {
    // Each character's spellings: its traditional forms, and itself when it folds to nothing.
    let choices: Vec<(Vec<char>, bool)> = text
        .chars()
        .map(|c| {
            let mut forms = traditional_forms(c);
            let itself = simplify(c).is_none();
            if forms.is_empty() || itself {
                forms.push(c);
            }
            (forms, itself)
        })
        .collect();
    let total = choices.iter().try_fold(1usize, |n, (c, _)| {
        n.checked_mul(c.len()).filter(|&n| n <= max)
    });
    let mut out: Vec<String> = if total.is_some() {
        let mut out = vec![String::new()];
        for (forms, _) in &choices {
            out = out
                .iter()
                .flat_map(|prefix| {
                    forms.iter().map(move |&c| {
                        let mut s = prefix.clone();
                        s.push(c);
                        s
                    })
                })
                .collect();
        }
        out
    } else {
        // Too many: each character in its first traditional form, and the same keeping those
        // that may be traditional as they are.
        let first = |keep: bool| -> String {
            text.chars()
                .zip(&choices)
                .map(|(c, (forms, itself))| {
                    if keep && *itself {
                        c
                    } else {
                        forms.first().copied().unwrap_or(c)
                    }
                })
                .collect()
        };
        vec![first(false), first(true)]
    };
    out.retain(|s| s != text);
    out.dedup();
    out
}

/// The traditional table inverted: each simplified character and the traditional ones that
/// fold to it.
fn reverse_table() -> std::collections::HashMap<char, Vec<char>> {
    let mut reverse: std::collections::HashMap<char, Vec<char>> = std::collections::HashMap::new();
    let mut add = |t: char| {
        if let Some(s) = simplify(t) {
            reverse.entry(s).or_default().push(t);
        }
    };
    for (page, &p) in trad_table::PAGE_OF.iter().enumerate() {
        if p == 0 {
            continue;
        }
        if let Some(row) = trad_table::PAGES.get(usize::from(p) - 1) {
            for (lo, &s) in row.iter().enumerate() {
                if s != 0 {
                    add(char::from_u32(((page as u32) << 8) | lo as u32).unwrap_or('\0'));
                }
            }
        }
    }
    for &(t, _) in trad_table::SUPPLEMENTARY {
        add(t);
    }
    reverse
}

/// What folding makes of one character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fold {
    /// Compared as itself.
    Keep,
    /// Compared as another character.
    Map(char),
    /// A quote mark: optional inside a term, so never compared. Like whitespace, a run of more
    /// than [`FoldOptions::max_gap`] of them is not inside a term; the bound keeps the distance
    /// a match can span finite, which the prefilter's windows rely on.
    Quote,
    /// Whitespace (or an invisible character PDF extraction leaves behind): ignored inside a term
    /// in runs of up to [`FoldOptions::max_gap`] characters.
    Space,
}

/// Quote marks, any of which may appear (or not) inside a term: “” "" 「」 『』 ‘’ '' and their
/// full-width, vertical and low forms.
const QUOTES: &[char] = &[
    '"', '\'', '\u{2018}', '\u{2019}', '\u{201A}', '\u{201B}', '\u{201C}', '\u{201D}', '\u{201E}',
    '\u{201F}', '\u{300C}', '\u{300D}', '\u{300E}', '\u{300F}', '\u{301D}', '\u{301E}', '\u{301F}',
    '\u{FE41}', '\u{FE42}', '\u{FE43}', '\u{FE44}', '\u{FF02}', '\u{FF07}',
];

/// Quote marks that open a quotation; a term written with a leading quote takes one of these
/// into its span when the text has it.
pub(crate) const OPENING_QUOTES: &[char] = &[
    '"', '\'', '\u{2018}', '\u{201A}', '\u{201B}', '\u{201C}', '\u{201E}', '\u{201F}', '\u{300C}',
    '\u{300E}', '\u{301D}', '\u{FE41}', '\u{FE43}', '\u{FF02}', '\u{FF07}',
];

/// Quote marks that close a quotation.
pub(crate) const CLOSING_QUOTES: &[char] = &[
    '"', '\'', '\u{2019}', '\u{201D}', '\u{300D}', '\u{300F}', '\u{301E}', '\u{301F}', '\u{FE42}',
    '\u{FE44}', '\u{FF02}', '\u{FF07}',
];

/// Classifies one character. The single source of truth for every per-character folding rule.
#[inline]
pub(crate) fn fold_char(c: char, opts: &FoldOptions) -> Fold {
    match c {
        ' ' | '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' => Fold::Space,
        '"' | '\'' => Fold::Quote,
        '\0'..='\u{7F}' => Fold::Keep,
        // CJK ideographs, most of any Chinese text, are neither whitespace, quotes nor
        // full-width: only the traditional table applies.
        '\u{3400}'..='\u{9FFF}' if !opts.traditional => Fold::Keep,
        '\u{3400}'..='\u{9FFF}' => match simplify(c) {
            Some(s) => Fold::Map(s),
            None => Fold::Keep,
        },
        // Zero-width space, BOM (the old zero-width no-break space) and soft hyphen are invisible
        // artefacts of PDF and web extraction; they fold like whitespace. U+2060 WORD JOINER does
        // not: it is the inline renderer's gloss mark, and a term read through it would run on
        // into the gloss (`render::INLINE_MARK`).
        '\u{200B}' | '\u{FEFF}' | '\u{00AD}' => Fold::Space,
        c if c.is_whitespace() => Fold::Space,
        c if QUOTES.contains(&c) => Fold::Quote,
        // Full-width ASCII (！ to ～) is ASCII: ０-９, ＋, Ａ-Ｚ, ａ-ｚ.
        '\u{FF01}'..='\u{FF5E}' => match char::from_u32(c as u32 - 0xFEE0) {
            Some(a) => Fold::Map(a),
            None => Fold::Keep,
        },
        c if opts.traditional => match simplify(c) {
            Some(s) => Fold::Map(s),
            None => Fold::Keep,
        },
        _ => Fold::Keep,
    }
}

/// Vowels with a tone mark, and ü: a pinyin syllable has one of these, where an English word
/// or an abbreviation in brackets has none.
const TONED: &[char] = &[
    'ā', 'á', 'ǎ', 'à', 'ē', 'é', 'ě', 'è', 'ī', 'í', 'ǐ', 'ì', 'ō', 'ó', 'ǒ', 'ò', 'ū', 'ú', 'ǔ',
    'ù', 'ǖ', 'ǘ', 'ǚ', 'ǜ', 'ü', 'ń', 'ň', 'ǹ',
];

/// The longest pinyin annotation, in letters (zhuāng, chuǎng).
const PINYIN_MAX: usize = 7;

/// The most bytes one skipped quote mark takes in a text: a pinyin annotation, full-width
/// brackets around its letters (a toned vowel is two bytes). Bounds of a match's length use it.
pub(crate) const MAX_QUOTE_BYTES: usize = 3 + 2 * PINYIN_MAX + 3;

/// The most bytes one skipped whitespace character takes.
pub(crate) const MAX_SPACE_BYTES: usize = 3;

/// The length of the pinyin annotation at byte `pos`, if one starts there: a bracket, ASCII or
/// full-width, around one syllable of lowercase letters with a tone mark, as mirror sites insert
/// after characters: 網(wǎng), 辦（bàn）. It is folded away like a quote mark.
pub(crate) fn pinyin_at(text: &str, pos: usize) -> Option<usize> {
    let rest = text.get(pos..)?;
    let inner = rest.strip_prefix(['(', '（'])?;
    let mut toned = false;
    for (i, c) in inner.char_indices().take(PINYIN_MAX + 1) {
        match c {
            ')' | '）' if i > 0 && toned => {
                return Some(rest.len() - inner.len() + i + c.len_utf8());
            }
            'a'..='z' => {}
            c if TONED.contains(&c) => toned = true,
            _ => return None,
        }
    }
    None
}

/// `text` without the pinyin annotations that mirror sites insert after characters (報(bào)告
/// is 報告; see [`pinyin_at`]): what extraction writes into a glossary. A bracket after an
/// ASCII letter or digit is left alone.
pub(crate) fn strip_pinyin(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['(', '（']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    let mut prev: Option<char> = None;
    while let Some(c) = text.get(pos..).and_then(|r| r.chars().next()) {
        if matches!(c, '(' | '（')
            && prev.is_some_and(|p| !p.is_ascii_alphanumeric())
            && let Some(len) = pinyin_at(text, pos)
        {
            pos += len;
            continue;
        }
        out.push(c);
        prev = Some(c);
        pos += c.len_utf8();
    }
    std::borrow::Cow::Owned(out)
}

/// The start of the pinyin annotation that ends at byte `end`, if one does (see
/// [`pinyin_at`]): for reading a text backward.
pub(crate) fn pinyin_before(text: &str, end: usize) -> Option<usize> {
    // A closing bracket, ASCII or full-width (EF BC 89), ends the annotation.
    let bytes = text.as_bytes();
    let closes = match end.checked_sub(1).and_then(|i| bytes.get(i)) {
        Some(b')') => true,
        Some(0x89) => {
            end.checked_sub(3).and_then(|i| bytes.get(i..end)) == Some(&[0xEF, 0xBC, 0x89])
        }
        _ => false,
    };
    if !closes {
        return None;
    }
    let before = text.get(..end)?;
    // The opening bracket is within the longest syllable's reach.
    let (open, _) = before
        .char_indices()
        .rev()
        .skip(1)
        .take(PINYIN_MAX + 1)
        .find(|&(_, c)| c == '(' || c == '（')?;
    (pinyin_at(text, open) == Some(end - open)).then_some(open)
}

/// The character of `text` at byte `pos` (a char boundary): its length in bytes and how it
/// folds, as [`fold_char`] says, or a pinyin annotation (see [`pinyin_at`]), folded as a
/// quote mark. ASCII and U+4000 to U+9FFF, nearly all of Chinese text, are
/// decoded here by hand: the general `chars()` decode and `fold_char`'s range tests cost several
/// times the table lookup that traditional folding needs.
#[inline(always)]
pub(crate) fn fold_at(text: &str, pos: usize, opts: &FoldOptions) -> Option<(usize, Fold)> {
    let bytes = text.as_bytes();
    let lead = *bytes.get(pos)?;
    match lead {
        // An opening bracket, ASCII or full-width (EF BC 88), may open a pinyin annotation.
        b'(' | 0xEF if lead == b'(' || bytes.get(pos + 1..pos + 3) == Some(&[0xBC, 0x88]) => {
            match pinyin_at(text, pos) {
                Some(len) => Some((len, Fold::Quote)),
                None => {
                    let c = text.get(pos..)?.chars().next()?;
                    Some((c.len_utf8(), fold_char(c, opts)))
                }
            }
        }
        0..0x80 => Some((1, fold_char(char::from(lead), opts))),
        0xE4..=0xE9 if !opts.traditional => Some((3, Fold::Keep)),
        0xE4..=0xE9 => {
            let (b1, b2) = (*bytes.get(pos + 1)?, *bytes.get(pos + 2)?);
            let cp =
                (u32::from(lead & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
            let folded = match char::from_u32(cp).and_then(simplify) {
                Some(s) => Fold::Map(s),
                None => Fold::Keep,
            };
            Some((3, folded))
        }
        _ => {
            let c = text.get(pos..)?.chars().next()?;
            Some((c.len_utf8(), fold_char(c, opts)))
        }
    }
}

/// True for the characters of the boundary rule: an ASCII letter or digit, or `+`, in either
/// width. A term that starts or ends with a letter or digit does not match inside a longer run
/// of these.
#[inline]
pub(crate) fn is_boundary_char(c: char) -> bool {
    let c = match fold_char(c, &FoldOptions::default()) {
        Fold::Map(m) => m,
        _ => c,
    };
    c.is_ascii_alphanumeric() || c == '+'
}

/// Folds a glossary term for compiling: whitespace, quote marks and pinyin annotations
/// dropped, every other character folded. Empty when the term is only whitespace and quotes.
pub(crate) fn fold_term(term: &str, opts: &FoldOptions) -> String {
    let mut out = String::with_capacity(term.len());
    let mut pos = 0;
    while let Some((len, class)) = fold_at(term, pos, opts) {
        match class {
            Fold::Keep => out.push_str(term.get(pos..pos + len).unwrap_or_default()),
            Fold::Map(m) => out.push(m),
            Fold::Quote | Fold::Space => {}
        }
        pos += len;
    }
    out
}

/// One unit of folded input: the folded bytes of one original character, and where that
/// character lies in the original text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Unit {
    pub bytes: [u8; 4],
    pub len: u8,
    pub start: usize,
    pub end: usize,
}

/// The byte fed to the automaton for a run of whitespace longer than `max_gap`: it occurs in no
/// valid UTF-8 and so in no pattern, and resets any partial match.
pub(crate) const BREAK: u8 = 0xFF;

/// Walks original text and yields folded units, skipping quotes and short whitespace runs.
pub(crate) struct Folder<'t, 'o> {
    text: &'t str,
    pos: usize,
    end: usize,
    opts: &'o FoldOptions,
}

impl<'t, 'o> Folder<'t, 'o> {
    /// Folds `text[pos..end]`.
    pub(crate) fn new(
        text: &'t str,
        pos: usize,
        end: usize,
        opts: &'o FoldOptions,
    ) -> Folder<'t, 'o> {
        Folder {
            text,
            pos,
            end,
            opts,
        }
    }

    /// The next folded unit, or `None` at the end of the text. A run of whitespace, or of quote
    /// marks, longer than the gap limit yields a unit holding only [`BREAK`].
    #[inline]
    pub(crate) fn next_unit(&mut self) -> Option<Unit> {
        let mut gap = 0usize;
        let mut quotes = 0usize;
        loop {
            let start = self.pos;
            let (len, class) = fold_at(self.text, start, self.opts)?;
            let end = start + len;
            if end > self.end {
                return None;
            }
            self.pos = end;
            let mut bytes = [0u8; 4];
            let len = match class {
                // The character as the text writes it: no encoding back to UTF-8.
                Fold::Keep => match *self.text.as_bytes().get(start..end)? {
                    [a] => {
                        bytes = [a, 0, 0, 0];
                        1
                    }
                    [a, b] => {
                        bytes = [a, b, 0, 0];
                        2
                    }
                    [a, b, c] => {
                        bytes = [a, b, c, 0];
                        3
                    }
                    [a, b, c, d] => {
                        bytes = [a, b, c, d];
                        4
                    }
                    _ => return None,
                },
                Fold::Map(m) => m.encode_utf8(&mut bytes).len(),
                Fold::Quote => {
                    quotes += 1;
                    continue;
                }
                Fold::Space => {
                    gap += 1;
                    continue;
                }
            };
            if gap > self.opts.max_gap || quotes > self.opts.max_gap {
                // Re-read this character after the break unit.
                self.pos = start;
                return Some(Unit {
                    bytes: [BREAK, 0, 0, 0],
                    len: 1,
                    start,
                    end: start,
                });
            }
            return Some(Unit {
                bytes,
                len: len as u8,
                start,
                end,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        let o = FoldOptions::default();
        assert_eq!(fold_char('金', &o), Fold::Keep);
        assert_eq!(fold_char('１', &o), Fold::Map('1'));
        assert_eq!(fold_char('＋', &o), Fold::Map('+'));
        assert_eq!(fold_char('“', &o), Fold::Quote);
        assert_eq!(fold_char('＂', &o), Fold::Quote);
        assert_eq!(fold_char('\u{3000}', &o), Fold::Space);
        assert_eq!(fold_char('\n', &o), Fold::Space);
        assert_eq!(fold_char('網', &o), Fold::Map('网'));
        let exact = FoldOptions {
            traditional: false,
            ..o
        };
        assert_eq!(fold_char('網', &exact), Fold::Keep);
    }

    /// The table holds all it was generated with (`.ci/run` also checks it is byte for byte
    /// what tools/gen-trad-table.py makes of OpenCC's data): every entry, a common character,
    /// and one whose simplified form is outside the Basic Multilingual Plane.
    #[test]
    fn the_traditional_table_is_whole() {
        let bmp = (0..0x1_0000u32)
            .filter_map(char::from_u32)
            .filter(|&c| simplify(c).is_some())
            .count();
        let supplementary = trad_table::SUPPLEMENTARY
            .iter()
            .filter(|(t, _)| (*t as u32) >= 0x1_0000)
            .count();
        // 3,156 characters of the BMP and 66 outside it; SUPPLEMENTARY holds those 66 and the
        // 190 BMP characters whose simplified form is outside the BMP.
        assert_eq!(trad_table::SUPPLEMENTARY.len(), 66 + 190);
        assert_eq!((bmp, supplementary), (3156, 66));
        for (t, s) in [
            ('經', '经'),
            ('網', '网'),
            ('辦', '办'),
            ('讚', '赞'),
            ('\u{35F2}', '\u{20D7E}'),
        ] {
            assert_eq!(simplify(t), Some(s), "{t}");
            assert_eq!(fold_char(t, &FoldOptions::default()), Fold::Map(s), "{t}");
        }
        // Every entry folds through fold_char, in and outside the BMP ideographs, and only
        // when traditional folding is on.
        let exact = FoldOptions {
            traditional: false,
            ..FoldOptions::default()
        };
        for &(t, s) in trad_table::SUPPLEMENTARY {
            assert_eq!(fold_char(t, &FoldOptions::default()), Fold::Map(s), "{t}");
            assert_eq!(fold_char(t, &exact), Fold::Keep, "{t}");
        }
    }

    #[test]
    fn one_to_many_traditional() {
        assert_eq!(simplify('發'), Some('发'));
        assert_eq!(simplify('髮'), Some('发'));
        assert_eq!(simplify('裡'), Some('里'));
        assert_eq!(simplify('裏'), Some('里'));
        assert_eq!(simplify('发'), None);
        assert_eq!(simplify('a'), None);
        let mut forms = traditional_forms('发');
        forms.sort();
        assert_eq!(forms, ['發', '髮']);
    }

    #[test]
    fn pinyin_annotations_fold_like_quotes() {
        let o = FoldOptions::default();
        assert_eq!(fold_term("一網(wǎng)通辦", &o), "一网通办");
        assert_eq!(fold_term("報（bào）告", &o), "报告");
        assert_eq!(fold_term("雙隨機(jī)、一公開", &o), "双随机、一公开");
        // Brackets of anything else stay: no tone mark, capitals, digits, other letters.
        assert_eq!(fold_term("意见(试行)", &o), "意见(试行)");
        assert_eq!(fold_term("产业(AI)", &o), "产业(AI)");
        assert_eq!(fold_term("产业(wang)", &o), "产业(wang)");
        assert_eq!(fold_term("产业(wǎngwǎngwǎng)", &o), "产业(wǎngwǎngwǎng)");
        let text = "網(wǎng)通";
        assert_eq!(pinyin_at(text, 3), Some(7));
        assert_eq!(pinyin_before(text, 10), Some(3));
        assert_eq!(pinyin_before("意见(试行)", 17), None);
        assert_eq!(pinyin_before("(ǎ)", 4), Some(0));
    }

    #[test]
    fn terms_fold() {
        let o = FoldOptions::default();
        assert_eq!(fold_term("金 １０ 条", &o), "金10条");
        assert_eq!(fold_term("行政执法“三项制度”", &o), "行政执法三项制度");
        assert_eq!(fold_term(" “ ” ", &o), "");
    }
}
