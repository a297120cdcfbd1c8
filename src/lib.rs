//! Annotate Chinese government text with the meanings of its policy slogans and abbreviations.
//!
//! Chinese government documents are dense with coined slogans (一网通办, 双随机、一公开,
//! 三线一单, “1+4+4+8”新型产业体系, 金10条) that readers outside the office cannot decode.
//! zhgloss finds every term of a [`Glossary`] in arbitrary text, as real text writes it, and
//! reports exact spans into the original text.
//!
//! # Overview
//!
//! - [`Glossary`]: plain serde data in the JSON format of `glossary.json`;
//!   [`Glossary::builtin`] is the 29 definitions of the 2020 Jinshan district work report.
//!   Glossaries load from JSON text, readers or files, are validated (errors name the file,
//!   line and column, or the entries in conflict) and merge.
//! - [`Annotator`]: a glossary compiled for searching folded text. [`Annotator::find_iter`]
//!   yields [`Match`]es in text order, leftmost-longest, with byte and char spans into the
//!   original text; [`find`](Annotator::find) and [`is_match`](Annotator::is_match) stop at
//!   the first. `Send + Sync` and cheap to clone: compile once, share across threads;
//!   [`Annotator::find_all_parallel`] searches one large text on several.
//! - [`Engine`]: how an annotator searches (anchor hits checked in place for small
//!   glossaries, a double array for large ones); every engine finds the same matches.
//! - Text of any size: [`Annotator::stream_find_iter`] finds the matches in any reader, and
//!   [`StreamSearch`] hands text and terms to a [`render::Render`]er, both in bounded memory;
//!   [`TextReader`] decodes UTF-8, GB18030 and GBK block by block.
//! - [`render`]: the output formats (inline glosses, footnotes, JSON, JSONL, HTML, Markdown).
//! - [`extract`]: a glossary built from a report's 名词解释 section and its （以下简称“X”）
//!   definitions.
//! - [`audit`]: the slogans a text uses that no glossary entry explains.
//! - [`interchange`]: glossaries as TBX, OmegaT's TSV and CSV for translators' tools, and as
//!   jieba/HanLP user dictionaries; entries carry [`Translation`]s, which the renderers show
//!   with [`render::Options::lang`].
//!
//! # Matching
//!
//! Terms are found as real text writes them: inside a term, up to 8 whitespace characters of
//! any kind (PDF line breaks included) and up to 8 quote marks of any style are ignored;
//! full-width ASCII is ASCII; traditional characters are their simplified forms; a quantity
//! matches in either numeral spelling (金10条, 金十条); a term starting or ending with an ASCII
//! letter or digit is not found inside a longer run of them (1+4+4 is not in 1+4+4+8). Every
//! rule is applied to the glossary and to the text alike, and never changes what is reported:
//! `&text[m.range()]` is the term as the text writes it.
//!
//! # Performance
//!
//! Folding never copies the text for small glossaries. Each term has an anchor, one of its
//! characters, rare and shared with other terms where it can be (fewer anchors search
//! faster): in every raw form it can take (as written, full-width, traditional),
//! `aho-corasick`'s packed (Teddy) SIMD searchers find the anchors, and at each hit the terms
//! anchored there are compared with the text forward and back from the anchor, reading the
//! original text, so spans need no offset map. The ideographs next to a hit are compared as
//! raw bytes with the few that fold to the term's character; only punctuation, digits,
//! quotes and whitespace are folded. A match is handed out once no later hit can anchor one
//! that starts as early: a gap inside a term holds at most 8 whitespace characters and 8
//! quote marks, so a term reaches a bounded distance from its anchor, and the result is
//! exactly the leftmost-longest matches of the folded text. Glossaries of thousands of terms
//! use a character-wise double-array Aho-Corasick automaton of our own instead, one step a
//! character over the original text, whose character map is the folding.
//!
//! Streaming reads 64 KiB blocks and carries over [`Annotator::max_match_bytes`] of text, so
//! that no match across a block boundary is lost or doubled, in memory that does not grow
//! with the input. `benches/README.md` has the measured figures beside the rivals
//! (`aho-corasick` over the raw text, `daachorse`, `regex`), and `DESIGN.md` the design.
//!
//! # Example
//!
//! ```
//! use zhgloss::{Annotator, Glossary};
//!
//! let ann = Annotator::new(&Glossary::builtin())?;
//! // A PDF line break inside a term, spaces around digits, a full-width digit:
//! let text = "深化政务服务“一网\n通办”，出台“金 １0 条”实施细则。";
//! let found: Vec<_> = ann
//!     .find_iter(text)
//!     .map(|m| (ann.entry(&m).term.as_str(), m.start(), m.end()))
//!     .collect();
//! assert_eq!(found, [("一网通办", 21, 34), ("金10条", 49, 61)]);
//! # Ok::<(), zhgloss::Error>(())
//! ```
#![deny(missing_docs)]
// Searching never fails and the library never panics: every `unwrap`, `expect`, index and
// slice in library code either is rewritten to `get`/an error, or carries an `#[allow]` with the
// reason it cannot fail.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic,
        clippy::string_slice
    )
)]

// The README's examples are compiled and run as doctests, so they cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

// The modules, lowest layer first: each uses only those above it in this list (DESIGN.md has
// what each holds).
mod util;
mod error;
mod fold;
mod words;
mod input;
mod places;
mod glossary;
mod scopes;
mod matches;
mod engine;
mod annotator;
mod parallel;
pub mod sense;
mod stream;
pub mod render;
pub mod extract;
pub mod audit;
pub mod interchange;

pub use annotator::{Annotator, AnnotatorBuilder, FindIter};
pub use engine::Engine;
pub use error::{Error, ErrorKind};
pub use glossary::{Entry, EntryName, Glossary, Override, Scope, Translation, TranslationSource};
pub use input::{Encoding, TextReader, read_utf8};
pub use matches::Match;
pub use sense::{Document, Sense};
pub use stream::{StreamFindIter, StreamSearch};
