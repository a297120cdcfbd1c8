//! User dictionaries for Chinese word segmenters, so that 一网通办 is one word and not 一网 and
//! 通办: jieba's (`word pos` a line) and HanLP's (`word pos freq` a line). UTF-8, one line per
//! word, each word once.
//!
//! The words are every surface form an entry can take in running text, as the annotator
//! finds them: each form (term and aliases) without its whitespace, as written (quotes kept:
//! HanLP matches across punctuation) and without quote marks (jieba cuts text at quotes, so it
//! can only use a form without them: 1+4+4+8新型产业体系), in both numeral spellings (金10条,
//! 金十条), with its enumeration marks dropped or swapped (双随机一公开, 双随机，一公开), and, on
//! request, each of those in traditional script (一網通辦, 三個百裏 and 三個百里: each
//! character in each of its traditional forms, and as itself where traditional text writes it
//! too; at most 64 spellings a word, else two: each character in its first traditional form,
//! and the same keeping those that may be traditional). Spellings no text uses cost a line
//! each and change no segmentation.
//!
//! The part of speech is `nz`, "other proper noun" in the ICTCLAS tag set that jieba and HanLP
//! both use: a slogan names one policy, and `nz` keeps the words apart from the dictionaries'
//! own nouns. jieba's lines give no frequency: jieba then computes the one that guarantees
//! the word is cut out (`suggest_freq`), for whatever dictionary it has loaded, which no fixed
//! number can promise. HanLP requires a frequency after the tag, and its custom dictionary
//! words win over its core dictionary whatever their number: 1.
//!
//! ```
//! use zhgloss::interchange::dictionary;
//!
//! let g = zhgloss::Glossary::builtin();
//! let jieba = dictionary::jieba(&g, false);
//! for word in ["一网通办 nz", "金10条 nz", "金十条 nz", "双随机一公开 nz", "1+4+4+8新型产业体系 nz"] {
//!     assert!(jieba.lines().any(|l| l == word), "{word}");
//! }
//! assert!(dictionary::hanlp(&g, false).lines().any(|l| l == "一网通办 nz 1"));
//! ```

use crate::fold::{
    FoldOptions, enumeration_variants, fold_term, numeral_variants, traditional_spellings,
};
use crate::glossary::Glossary;

/// At most this many traditional spellings of one word.
const MAX_TRADITIONAL: usize = 64;

/// Every word of the glossary a segmenter should keep whole, in glossary order, each once.
///
/// ```
/// let g = zhgloss::Glossary::builtin();
/// let words = zhgloss::interchange::dictionary::words(&g, false);
/// // 三张清单 is found as 3张清单 too:
/// assert_eq!(&words[..3], ["三张清单", "3张清单", "一网通办"]);
/// assert!(words.iter().any(|w| w == "3个“3”服务"));
/// assert!(words.iter().any(|w| w == "三个三服务"));
/// ```
pub fn words(glossary: &Glossary, traditional: bool) -> Vec<String> {
    let exact = FoldOptions {
        traditional: false,
        numerals: false,
        ..FoldOptions::default()
    };
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for e in &glossary.entries {
        for form in e.surface_forms() {
            let written: String = form.chars().filter(|c| !c.is_whitespace()).collect();
            let folded = fold_term(form, &exact);
            let mut spellings = vec![written, folded.clone()];
            spellings.extend(numeral_variants(&folded));
            // Folding made the full-width comma ASCII; text writes it full-width.
            let marks: Vec<String> = spellings
                .iter()
                .flat_map(|s| enumeration_variants(s))
                .map(|s| s.replace(',', "，"))
                .collect();
            spellings.extend(marks);
            if traditional {
                let trad: Vec<String> = spellings
                    .iter()
                    .flat_map(|s| traditional_spellings(s, MAX_TRADITIONAL))
                    .collect();
                spellings.extend(trad);
            }
            for s in spellings {
                if !s.is_empty() && seen.insert(s.clone()) {
                    out.push(s);
                }
            }
        }
    }
    out
}

/// A jieba user dictionary (`jieba.load_userdict`): `word nz` a line.
///
/// ```
/// let g = zhgloss::Glossary::builtin();
/// let dict = zhgloss::interchange::dictionary::jieba(&g, true);
/// assert!(dict.lines().any(|l| l == "一網通辦 nz"));
/// ```
pub fn jieba(glossary: &Glossary, traditional: bool) -> String {
    words(glossary, traditional)
        .into_iter()
        .map(|w| format!("{w} nz\n"))
        .collect()
}

/// A HanLP custom dictionary (`CustomDictionary.txt`): `word nz 1` a line.
///
/// ```
/// let g = zhgloss::Glossary::builtin();
/// let dict = zhgloss::interchange::dictionary::hanlp(&g, false);
/// assert!(dict.starts_with("三张清单 nz 1\n"));
/// ```
pub fn hanlp(glossary: &Glossary, traditional: bool) -> String {
    words(glossary, traditional)
        .into_iter()
        .map(|w| format!("{w} nz 1\n"))
        .collect()
}
