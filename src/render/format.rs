//! The formats, by name, and the renderer of each.

use std::str::FromStr;

use super::footnote::Footnote;
use super::glossary::DocumentGlossary;
use super::html::Html;
use super::inline::Inline;
use super::json::Json;
use super::markdown::Markdown;
use super::options::Options;
use crate::annotator::Annotator;
use crate::stream::Render;

/// An output format of the command line.
///
/// Parses from its name (`inline`, `footnote`, `json`, `jsonl`, `html`, `markdown`,
/// `glossary`).
///
/// ```
/// use zhgloss::render::Format;
///
/// assert_eq!("markdown".parse::<Format>(), Ok(Format::Markdown));
/// assert_eq!(Format::default(), Format::Inline);
/// assert_eq!(Format::Jsonl.name(), "jsonl");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// The text with each glossed term followed by its [short gloss](crate::Entry::short_gloss) in
    /// full-width parentheses, after the closing quote that wraps the term, marked with
    /// [`INLINE_MARK`](super::INLINE_MARK). Nothing else changes: [`strip_inline`](super::strip_inline) gives back the input byte for
    /// byte, and annotating the output again adds nothing.
    #[default]
    Inline,
    /// The text with a note mark after each glossed term (¹ ² ³, as the report marks its 注解,
    /// or 〔1〕, ［注1］ where the text uses those itself: see [`Notation`](super::Notation)),
    /// and the numbered definitions at the end of the document.
    Footnote,
    /// One JSON object per document, on one line: `{"bytes":…,"matches":[…]}`. Every match is
    /// listed, whatever [`Options::every`] says. A document whose matches take more than 256 KiB
    /// of JSON is streamed with `"bytes"` after `"matches"` (key order is not semantic).
    Json,
    /// Input lines that are JSON objects with a `"text"` field; each is written back byte for
    /// byte with `"matches"` (every match in its text, offsets into the decoded string) added at
    /// the end of the object, or put in place of an existing top-level `"matches"`. Blank lines
    /// pass through.
    Jsonl,
    /// One standalone UTF-8 HTML page; each glossed term links to its definition in the
    /// glossary at the end of its document and shows the definition on hover and on keyboard
    /// focus. All text is escaped.
    Html,
    /// Markdown with each glossed term followed by a footnote reference `[^n]`, the definitions
    /// as the footnote bodies at the end of the document. Markdown syntax characters of the
    /// text are backslash-escaped.
    Markdown,
    /// The text's own glossary: the entries its documents use (where their definition holds,
    /// or every match with [`Options::all_senses`]; not in a document's own glossary section,
    /// whose headwords are what it defines), in order of first use, each with its
    /// count in [`Entry::occurrences`](crate::Entry::occurrences), as one zhgloss JSON
    /// glossary for all the documents together, written when the output ends: the list a
    /// translator hands over with the translation
    /// ([`interchange`](crate::interchange) turns it into TBX, TSV or CSV).
    ///
    /// ```
    /// use zhgloss::render::{self, Format, Options};
    ///
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let json = render::to_string(&ann, Format::Glossary, "编制三线一单，落实三线一单，推进“一网通办”。", &Options::new())?;
    /// let g = zhgloss::Glossary::from_json_str(&json)?;
    /// let used: Vec<_> = g.entries.iter().map(|e| (e.term.as_str(), e.occurrences)).collect();
    /// assert_eq!(used, [("三线一单", Some(2)), ("一网通办", Some(1))]);
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    Glossary,
}

impl Format {
    /// The names of the formats, as the command line takes them.
    ///
    /// ```
    /// assert_eq!(zhgloss::render::Format::NAMES.len(), 7);
    /// ```
    pub const NAMES: [&'static str; 7] = [
        "inline", "footnote", "json", "jsonl", "html", "markdown", "glossary",
    ];

    /// The format's name.
    ///
    /// ```
    /// assert_eq!(zhgloss::render::Format::Html.name(), "html");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Format::Inline => "inline",
            Format::Footnote => "footnote",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Html => "html",
            Format::Markdown => "markdown",
            Format::Glossary => "glossary",
        }
    }

    /// The incremental renderer of this format, or `None` for [`Format::Jsonl`], whose input
    /// is not plain text (use [`Output`](super::Output)).
    ///
    /// ```
    /// use zhgloss::render::{Format, Options};
    ///
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// assert!(Format::Html.renderer(&ann, &Options::new()).is_some());
    /// assert!(Format::Jsonl.renderer(&ann, &Options::new()).is_none());
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn renderer<'a>(
        self,
        annotator: &'a Annotator,
        options: &Options,
    ) -> Option<Box<dyn Render + 'a>> {
        Some(match self {
            Format::Inline => Box::new(Inline::new(annotator, options)),
            Format::Footnote => Box::new(Footnote::new(annotator, options)),
            Format::Json => Box::new(Json::default()),
            Format::Jsonl => return None,
            Format::Html => Box::new(Html::new(annotator, options)),
            Format::Markdown => Box::new(Markdown::new(annotator, options)),
            Format::Glossary => Box::new(DocumentGlossary::new(annotator, options)),
        })
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        match s {
            "inline" => Ok(Format::Inline),
            "footnote" => Ok(Format::Footnote),
            "json" => Ok(Format::Json),
            "jsonl" => Ok(Format::Jsonl),
            "html" => Ok(Format::Html),
            "markdown" => Ok(Format::Markdown),
            "glossary" => Ok(Format::Glossary),
            _ => Err(format!(
                "unknown format {s:?} (expected one of: {})",
                Format::NAMES.join(", ")
            )),
        }
    }
}
