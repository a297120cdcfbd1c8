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
//! - [`Annotator`]: a glossary compiled into an Aho-Corasick automaton; [`Annotator::find_iter`]
//!   yields [`Match`]es in text order.
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

mod annotator;
pub mod audit;
mod error;
pub mod extract;
mod fold;
mod glossary;
mod input;
mod prefilter;
pub mod render;
mod stream;

pub use annotator::{Annotator, AnnotatorBuilder, FindIter, Match};
pub use error::{Error, ErrorKind};
pub use glossary::{Entry, Glossary};
pub use input::{Encoding, TextReader, read_utf8};
pub use stream::StreamSearch;
