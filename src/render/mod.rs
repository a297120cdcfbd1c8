//! The output formats: inline glosses, footnotes, JSON, JSONL, HTML and Markdown.
//!
//! # Overview
//!
//! - [`Format::Glossary`] writes the entries a text uses, with their counts, as a glossary.
//! - [`Output`] annotates documents read from any [`Read`](std::io::Read) with a
//!   [`TextReader`](crate::TextReader) (so of any
//!   size, in any supported encoding) and writes them in a [`Format`]: what the command line
//!   does.
//! - [`to_string`] does the same for one document in memory.
//! - [`Render`] is the incremental renderer a format is made of, for custom formats driven by
//!   a [`StreamSearch`](crate::StreamSearch) (it is defined with the stream, and re-exported
//!   here).
//! - [`Notation`]: the footnote format's note marks, chosen so that they never collide with
//!   the text's own (¹ where the text uses none, else 〔1〕, else ［注1］…).
//! - [`strip_inline`] removes the glosses the inline format inserted, giving back the input.
//!
//! Which occurrences are glossed: only the first of each entry in a document, unless
//! [`Options::every`]. The JSON formats always list every match.
//!
//! # Example
//!
//! ```
//! use zhgloss::render::{self, Format, Options};
//! use zhgloss::{Annotator, Glossary};
//!
//! let ann = Annotator::new(&Glossary::builtin())?;
//! let text = "分类出台“金 10 条”政策实施细则。";
//! let glossed = render::to_string(&ann, Format::Inline, text, &Options::new())?;
//! assert_eq!(
//!     glossed,
//!     "分类出台“金 10 条”\u{2060}（《金山区关于促进金融服务实体经济发展的若干意见（试行）》）政策实施细则。"
//! );
//! assert_eq!(render::strip_inline(&ann, &glossed), text);
//! # Ok::<(), zhgloss::Error>(())
//! ```

mod footnote;
mod format;
mod glossary;
mod html;
mod inline;
mod json;
mod jsonl;
mod markdown;
mod notation;
mod notes;
mod options;
mod output;
mod place;

pub use crate::stream::{Render, Term};
pub use format::Format;
pub use inline::{INLINE_MARK, strip_inline};
pub use json::json;
pub use notation::{NOTE_PREVIEW, Notation};
pub use options::Options;
pub use output::{Output, to_string};
