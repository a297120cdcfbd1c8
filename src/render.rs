//! The output formats: inline glosses, footnotes, JSON, JSONL, HTML and Markdown.
//!
//! # Overview
//!
//! - [`Output`] annotates documents read from any [`Read`] with a [`TextReader`] (so of any
//!   size, in any supported encoding) and writes them in a [`Format`]: what the command line
//!   does.
//! - [`to_string`] does the same for one document in memory.
//! - [`Render`] is the incremental renderer a format is made of, for custom formats driven by
//!   a [`StreamSearch`].
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

use std::fmt::Write as _;
use std::io::{self, Read, Write};
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::annotator::{Annotator, Match};
use crate::error::{Error, ErrorKind};
use crate::fold::{CLOSING_QUOTES, OPENING_QUOTES};
use crate::glossary::Entry;
use crate::input::{Encoding, TextReader};
use crate::stream::{StreamSearch, floor_char_boundary};

/// Marks a gloss inserted by the inline format: U+2060 WORD JOINER, invisible and zero-width,
/// right before the opening parenthesis. Text can explain a term in parentheses itself; the mark
/// is what lets [`strip_inline`] remove exactly the glosses zhgloss inserted and nothing the
/// author wrote.
///
/// ```
/// use zhgloss::render::{self, Format, INLINE_MARK, Options};
///
/// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
/// let glossed = render::to_string(&ann, Format::Inline, "编制三线一单", &Options::new())?;
/// assert!(glossed.starts_with(&format!("编制三线一单{INLINE_MARK}（生态保护红线")));
/// # Ok::<(), zhgloss::Error>(())
/// ```
pub const INLINE_MARK: char = '\u{2060}';

/// Above this many bytes of matches, the JSON format stops waiting for the end of the document
/// to write `"bytes"` first, and streams the matches with `"bytes"` after them.
const JSON_BUFFER: usize = 256 * 1024;

#[derive(Serialize)]
struct JsonMatch<'a> {
    entry: u32,
    term: &'a str,
    matched: &'a str,
    start: usize,
    end: usize,
    char_start: usize,
    char_end: usize,
}

impl<'a> JsonMatch<'a> {
    fn new(m: &Match, entry: &'a Entry, matched: &'a str) -> JsonMatch<'a> {
        JsonMatch {
            entry: m.entry(),
            term: entry.term.as_str(),
            matched,
            start: m.start(),
            end: m.end(),
            char_start: m.char_start(),
            char_end: m.char_end(),
        }
    }
}

#[derive(Serialize)]
struct JsonDocument<'a> {
    bytes: usize,
    matches: Vec<JsonMatch<'a>>,
}

/// The JSON object for one document: its length in bytes and every match, on one line.
///
/// ```
/// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
/// assert_eq!(
///     zhgloss::render::json(&ann, "编制三线一单"),
///     r#"{"bytes":18,"matches":[{"entry":24,"term":"三线一单","matched":"三线一单","start":6,"end":18,"char_start":2,"char_end":6}]}"#
/// );
/// # Ok::<(), zhgloss::Error>(())
/// ```
pub fn json(annotator: &Annotator, text: &str) -> String {
    let matches = annotator
        .find_iter(text)
        .map(|m| {
            JsonMatch::new(
                &m,
                annotator.entry(&m),
                text.get(m.range()).unwrap_or_default(),
            )
        })
        .collect();
    let doc = JsonDocument {
        bytes: text.len(),
        matches,
    };
    // Strings and integers always serialise.
    #[allow(clippy::expect_used)]
    serde_json::to_string(&doc).expect("a JSON document always serialises")
}

/// An output format of the command line.
///
/// Parses from its name (`inline`, `footnote`, `json`, `jsonl`, `html`, `markdown`).
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
    /// The text with each glossed term followed by its [short gloss](Entry::short_gloss) in
    /// full-width parentheses, after the closing quote that wraps the term, marked with
    /// [`INLINE_MARK`]. Nothing else changes: [`strip_inline`] gives back the input byte for
    /// byte, and annotating the output again adds nothing.
    #[default]
    Inline,
    /// The text with a superscript number after each glossed term (¹ ² ³, as the report marks
    /// its 注解), and the numbered definitions at the end of the document.
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
}

impl Format {
    /// The names of the formats, as the command line takes them.
    ///
    /// ```
    /// assert_eq!(zhgloss::render::Format::NAMES.len(), 6);
    /// ```
    pub const NAMES: [&'static str; 6] =
        ["inline", "footnote", "json", "jsonl", "html", "markdown"];

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
        }
    }

    /// The incremental renderer of this format, or `None` for [`Format::Jsonl`], whose input
    /// is not plain text (use [`Output`]).
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
            _ => Err(format!(
                "unknown format {s:?} (expected one of: {})",
                Format::NAMES.join(", ")
            )),
        }
    }
}

/// Options of the renderers.
///
/// ```
/// use zhgloss::render::{self, Format, Options};
///
/// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
/// let text = "三线一单，三线一单";
/// let first = render::to_string(&ann, Format::Footnote, text, &Options::new())?;
/// assert!(first.starts_with("三线一单¹，三线一单\n"));
/// let every = render::to_string(&ann, Format::Footnote, text, &Options::new().every(true))?;
/// assert!(every.starts_with("三线一单¹，三线一单¹\n"));
/// # Ok::<(), zhgloss::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    every: bool,
    threads: usize,
}

impl Options {
    /// The default options: gloss the first occurrence of each entry in a document.
    ///
    /// ```
    /// assert_eq!(zhgloss::render::Options::new(), Default::default());
    /// ```
    pub fn new() -> Options {
        Options::default()
    }

    /// Gloss every occurrence of a term, not only the first of each entry in a document.
    ///
    /// ```
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let opts = zhgloss::render::Options::new().every(true);
    /// let out = zhgloss::render::to_string(&ann, zhgloss::render::Format::Markdown, "两网融合、两网融合", &opts)?;
    /// assert!(out.starts_with("两网融合[^1]、两网融合[^1]\n"));
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn every(mut self, yes: bool) -> Options {
        self.every = yes;
        self
    }

    /// Search each document with up to `threads` threads; the output is the same with any
    /// number. The default, 0 or 1, searches on the calling thread. With more,
    /// [`Output::document`] reads and renders on the calling thread while another searches
    /// the next window of the text (1 MiB a thread, at most 8 MiB; three windows are held at
    /// once), and [`Output::document_str`] and [`to_string`] search each window in parts
    /// ([`StreamSearch::threads`], at most 64). Documents of JSON Lines input, one per line,
    /// are each searched on one thread.
    ///
    /// ```
    /// use zhgloss::render::{Format, Options, to_string};
    ///
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let text = "编制三线一单，推进“一网通办”。".repeat(40_000);
    /// let one = to_string(&ann, Format::Inline, &text, &Options::new())?;
    /// let two = to_string(&ann, Format::Inline, &text, &Options::new().threads(2))?;
    /// assert!(one == two);
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn threads(mut self, threads: usize) -> Options {
        self.threads = threads;
        self
    }
}

/// A term found in a stream, as a [`Render`]er sees it: the match, its entry, and the text
/// around it.
///
/// ```
/// use zhgloss::render::Format;
///
/// // Term is what renderers receive; Format::Inline uses `before` and `after` to put the
/// // gloss after the closing quote.
/// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
/// let out = zhgloss::render::to_string(&ann, Format::Inline, "“两网融合”", &Default::default())?;
/// assert!(out.starts_with("“两网融合”\u{2060}（"));
/// # Ok::<(), zhgloss::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Term<'t> {
    found: Match,
    entry: &'t Entry,
    matched: &'t str,
    before: &'t str,
    after: &'t str,
}

impl<'t> Term<'t> {
    pub(crate) fn new(
        found: Match,
        entry: &'t Entry,
        matched: &'t str,
        before: &'t str,
        after: &'t str,
    ) -> Term<'t> {
        Term {
            found,
            entry,
            matched,
            before,
            after,
        }
    }

    /// The match, with offsets into the whole document.
    ///
    /// ```
    /// # use zhgloss::render::{Render, Term};
    /// struct Starts(Vec<usize>);
    /// impl Render for Starts {
    ///     fn text(&mut self, _: &mut dyn std::io::Write, _: &str) -> std::io::Result<()> { Ok(()) }
    ///     fn term(&mut self, _: &mut dyn std::io::Write, t: &Term<'_>) -> std::io::Result<()> {
    ///         self.0.push(t.as_match().start());
    ///         Ok(())
    ///     }
    /// }
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let mut starts = Starts(Vec::new());
    /// let mut search = zhgloss::StreamSearch::new(&ann);
    /// search.push("编制三线一单", &mut starts, &mut std::io::sink())?;
    /// search.finish(&mut starts, &mut std::io::sink())?;
    /// assert_eq!(starts.0, [6]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn as_match(&self) -> Match {
        self.found
    }

    /// The glossary entry of the match.
    ///
    /// ```
    /// # use zhgloss::render::{Render, Term};
    /// struct Terms(Vec<String>);
    /// impl Render for Terms {
    ///     fn text(&mut self, _: &mut dyn std::io::Write, _: &str) -> std::io::Result<()> { Ok(()) }
    ///     fn term(&mut self, _: &mut dyn std::io::Write, t: &Term<'_>) -> std::io::Result<()> {
    ///         self.0.push(t.entry().term.clone());
    ///         Ok(())
    ///     }
    /// }
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let mut terms = Terms(Vec::new());
    /// let mut search = zhgloss::StreamSearch::new(&ann);
    /// search.push("出台“金 10 条”", &mut terms, &mut std::io::sink())?;
    /// search.finish(&mut terms, &mut std::io::sink())?;
    /// assert_eq!(terms.0, ["金10条"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn entry(&self) -> &'t Entry {
        self.entry
    }

    /// The text of the match as the document writes it.
    ///
    /// ```
    /// # use zhgloss::render::{Render, Term};
    /// struct Matched(Vec<String>);
    /// impl Render for Matched {
    ///     fn text(&mut self, _: &mut dyn std::io::Write, _: &str) -> std::io::Result<()> { Ok(()) }
    ///     fn term(&mut self, _: &mut dyn std::io::Write, t: &Term<'_>) -> std::io::Result<()> {
    ///         self.0.push(t.matched().to_string());
    ///         Ok(())
    ///     }
    /// }
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let mut m = Matched(Vec::new());
    /// let mut search = zhgloss::StreamSearch::new(&ann);
    /// search.push("出台“金 10 条”", &mut m, &mut std::io::sink())?;
    /// search.finish(&mut m, &mut std::io::sink())?;
    /// assert_eq!(m.0, ["金 10 条"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn matched(&self) -> &'t str {
        self.matched
    }

    /// Text right before the match: at least its last character (when the document has one),
    /// often more.
    ///
    /// ```
    /// # use zhgloss::render::{Render, Term};
    /// struct Before(Vec<char>);
    /// impl Render for Before {
    ///     fn text(&mut self, _: &mut dyn std::io::Write, _: &str) -> std::io::Result<()> { Ok(()) }
    ///     fn term(&mut self, _: &mut dyn std::io::Write, t: &Term<'_>) -> std::io::Result<()> {
    ///         self.0.extend(t.before().chars().next_back());
    ///         Ok(())
    ///     }
    /// }
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let mut b = Before(Vec::new());
    /// let mut search = zhgloss::StreamSearch::new(&ann);
    /// search.push("出台“金 10 条”", &mut b, &mut std::io::sink())?;
    /// search.finish(&mut b, &mut std::io::sink())?;
    /// assert_eq!(b.0, ['“']);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn before(&self) -> &'t str {
        self.before
    }

    /// Text right after the match: [`Render::lookahead`] bytes of it (rounded down to a
    /// character), or less at the end of the document.
    ///
    /// ```
    /// # use zhgloss::render::{Render, Term};
    /// struct After(Vec<String>);
    /// impl Render for After {
    ///     fn lookahead(&self) -> usize { 3 }
    ///     fn text(&mut self, _: &mut dyn std::io::Write, _: &str) -> std::io::Result<()> { Ok(()) }
    ///     fn term(&mut self, _: &mut dyn std::io::Write, t: &Term<'_>) -> std::io::Result<()> {
    ///         self.0.push(t.after().to_string());
    ///         Ok(())
    ///     }
    /// }
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let mut a = After(Vec::new());
    /// let mut search = zhgloss::StreamSearch::new(&ann);
    /// search.push("出台“金 10 条”政策", &mut a, &mut std::io::sink())?;
    /// search.finish(&mut a, &mut std::io::sink())?;
    /// assert_eq!(a.0, ["”"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn after(&self) -> &'t str {
        self.after
    }

    /// The length of the closing quote right after the term when an opening quote right
    /// before it wraps it (“金 10 条”), else 0.
    fn wrapping_quote(&self) -> usize {
        let opened = self
            .before
            .chars()
            .next_back()
            .is_some_and(|c| OPENING_QUOTES.contains(&c));
        match self.after.chars().next() {
            Some(c) if opened && CLOSING_QUOTES.contains(&c) => c.len_utf8(),
            _ => 0,
        }
    }
}

/// An incremental renderer: it receives a document as a sequence of plain text and terms, in
/// order, and writes its format to `out` as they come.
///
/// A [`StreamSearch`] calls [`text`](Render::text) and
/// [`term`](Render::term); [`Output`] also calls [`begin`](Render::begin) and
/// [`finish`](Render::finish) around each document and [`close`](Render::close) at the end of
/// the output.
///
/// # Example
///
/// ```
/// use std::io::{self, Write};
/// use zhgloss::render::{Render, Term};
///
/// /// Writes each term's entry id in braces after it.
/// struct Ids;
/// impl Render for Ids {
///     fn text(&mut self, out: &mut dyn Write, text: &str) -> io::Result<()> {
///         out.write_all(text.as_bytes())
///     }
///     fn term(&mut self, out: &mut dyn Write, term: &Term<'_>) -> io::Result<()> {
///         write!(out, "{}{{{}}}", term.matched(), term.entry().id)
///     }
/// }
///
/// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
/// let mut out = Vec::new();
/// let mut search = zhgloss::StreamSearch::new(&ann);
/// search.push("编制三线一单", &mut Ids, &mut out)?;
/// search.finish(&mut Ids, &mut out)?;
/// assert_eq!(out, "编制三线一单{24}".as_bytes());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Render {
    /// How many bytes after a term the renderer wants to see in [`Term::after`] (default 0).
    ///
    /// ```
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let json = zhgloss::render::Format::Json.renderer(&ann, &Default::default()).unwrap();
    /// assert_eq!(json.lookahead(), 0);
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    fn lookahead(&self) -> usize {
        0
    }

    /// Where the search may look for the next term, as a byte offset into the document, when
    /// the renderer has just seen text after a term that holds no terms of its own (a gloss
    /// already in the text); `None` (the default) to go on right after the term. Asked after
    /// every [`Render::term`].
    ///
    /// ```
    /// use zhgloss::render::Format;
    ///
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let json = Format::Json.renderer(&ann, &Default::default()).unwrap();
    /// assert_eq!(json.resume_at(), None);
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    fn resume_at(&self) -> Option<u64> {
        None
    }

    /// Starts a document (default: nothing).
    ///
    /// # Errors
    ///
    /// Errors writing to `out`.
    ///
    /// ```
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let mut html = zhgloss::render::Format::Html.renderer(&ann, &Default::default()).unwrap();
    /// let mut out = Vec::new();
    /// html.begin(&mut out)?;
    /// assert!(String::from_utf8(out)?.starts_with("<!DOCTYPE html>"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let _ = out;
        Ok(())
    }

    /// Writes plain text of the document (pieces of any length, cut on character boundaries).
    ///
    /// # Errors
    ///
    /// Errors writing to `out`.
    ///
    /// ```
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let mut md = zhgloss::render::Format::Markdown.renderer(&ann, &Default::default()).unwrap();
    /// let mut out = Vec::new();
    /// md.text(&mut out, "# 标题*")?;
    /// assert_eq!(out, r"\# 标题\*".as_bytes());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn text(&mut self, out: &mut dyn Write, text: &str) -> io::Result<()>;

    /// Writes a term.
    ///
    /// # Errors
    ///
    /// Errors writing to `out`.
    ///
    /// ```
    /// use zhgloss::StreamSearch;
    ///
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let mut footnote = zhgloss::render::Format::Footnote.renderer(&ann, &Default::default()).unwrap();
    /// let mut out = Vec::new();
    /// let mut search = StreamSearch::new(&ann);
    /// // The search calls `term` for 三线一单, which writes it with its note number.
    /// search.push("编制三线一单。", footnote.as_mut(), &mut out)?;
    /// search.finish(footnote.as_mut(), &mut out)?;
    /// assert_eq!(String::from_utf8(out)?, "编制三线一单¹。");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn term(&mut self, out: &mut dyn Write, term: &Term<'_>) -> io::Result<()>;

    /// Ends a document of `bytes` bytes (default: nothing).
    ///
    /// # Errors
    ///
    /// Errors writing to `out`.
    ///
    /// ```
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let mut json = zhgloss::render::Format::Json.renderer(&ann, &Default::default()).unwrap();
    /// let mut out = Vec::new();
    /// json.begin(&mut out)?;
    /// json.finish(&mut out, 0)?;
    /// assert_eq!(out, b"{\"bytes\":0,\"matches\":[]}\n");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn finish(&mut self, out: &mut dyn Write, bytes: u64) -> io::Result<()> {
        let _ = (out, bytes);
        Ok(())
    }

    /// Ends the output after its last document (default: nothing).
    ///
    /// # Errors
    ///
    /// Errors writing to `out`.
    ///
    /// ```
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let mut html = zhgloss::render::Format::Html.renderer(&ann, &Default::default()).unwrap();
    /// let mut out = Vec::new();
    /// html.close(&mut out)?;
    /// assert!(String::from_utf8(out)?.trim_end().ends_with("</html>"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn close(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let _ = out;
        Ok(())
    }
}

/// Annotates documents and writes them in one format: the command line's engine.
///
/// Each [`document`](Output::document) is read and searched block by block, so memory stays
/// bounded whatever its size; [`finish`](Output::finish) ends the output (the HTML page's closing
/// tags) and flushes it.
///
/// # Example
///
/// ```
/// use zhgloss::render::{Format, Options, Output};
/// use zhgloss::{Annotator, Encoding, Glossary, TextReader};
///
/// let ann = Annotator::new(&Glossary::builtin())?;
/// let mut output = Output::new(&ann, Format::Json, &Options::new(), Vec::new());
/// for doc in ["编制三线一单", "推进“一网通办”"] {
///     output.document(TextReader::new(doc.as_bytes(), Encoding::Utf8))?;
/// }
/// let json = String::from_utf8(output.finish()?).unwrap();
/// assert_eq!(json.lines().count(), 2);
/// assert!(json.lines().nth(1).unwrap().starts_with(r#"{"bytes":24,"matches":[{"entry":2,"#));
/// # Ok::<(), zhgloss::Error>(())
/// ```
pub struct Output<'a, W: Write> {
    annotator: &'a Annotator,
    renderer: Option<Box<dyn Render + 'a>>,
    out: W,
    threads: usize,
}

impl<'a, W: Write> Output<'a, W> {
    /// An output in `format` to `out`. Wrap an unbuffered writer (a file, stdout) in a
    /// [`BufWriter`](std::io::BufWriter): renderers write in small pieces.
    ///
    /// ```
    /// use zhgloss::render::{Format, Options, Output};
    ///
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let output = Output::new(&ann, Format::Html, &Options::new(), Vec::new());
    /// let page = String::from_utf8(output.finish()?).unwrap();
    /// assert!(page.starts_with("<!DOCTYPE html>"));
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn new(
        annotator: &'a Annotator,
        format: Format,
        options: &Options,
        out: W,
    ) -> Output<'a, W> {
        Output {
            annotator,
            renderer: format.renderer(annotator, options),
            out,
            threads: options.threads,
        }
    }

    /// Annotates one document and writes it; returns its length in bytes (of UTF-8 text).
    ///
    /// # Errors
    ///
    /// Invalid input ([`ErrorKind::InvalidUtf8`], [`ErrorKind::InvalidJsonl`]) with its
    /// offset or line, and I/O errors reading or writing. Output already written stays written.
    ///
    /// ```
    /// use zhgloss::render::{Format, Options, Output};
    /// use zhgloss::{Encoding, ErrorKind, TextReader};
    ///
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let mut output = Output::new(&ann, Format::Jsonl, &Options::new(), Vec::new());
    /// let err = output
    ///     .document(TextReader::new(&b"{\"text\": \"\xe4\xb8\x89\"}\n[1]\n"[..], Encoding::Utf8))
    ///     .unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::InvalidJsonl);
    /// assert_eq!(err.line(), Some(2));
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn document<R: Read>(&mut self, mut input: TextReader<R>) -> Result<u64, Error> {
        let Some(render) = self.renderer.as_deref_mut() else {
            return jsonl(self.annotator, &mut input, &mut self.out);
        };
        render.begin(&mut self.out)?;
        let bytes = if self.threads > 1 {
            crate::stream::annotate_ahead(
                self.annotator,
                &mut input,
                render,
                &mut self.out,
                self.threads,
            )?
        } else {
            let mut search = StreamSearch::new(self.annotator);
            while let Some(block) = input.next_block()? {
                search.push(block, render, &mut self.out)?;
            }
            search.finish(render, &mut self.out)?
        };
        render.finish(&mut self.out, bytes)?;
        Ok(bytes)
    }

    /// Annotates one document already in memory and writes it; returns its length in bytes.
    /// The same as [`Output::document`] without reading or checking the text again.
    ///
    /// # Errors
    ///
    /// As [`Output::document`].
    ///
    /// ```
    /// use zhgloss::render::{Format, Options, Output};
    ///
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let mut output = Output::new(&ann, Format::Footnote, &Options::new(), Vec::new());
    /// assert_eq!(output.document_str("编制三线一单。")?, 21);
    /// assert!(String::from_utf8(output.finish()?).unwrap().starts_with("编制三线一单¹。"));
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn document_str(&mut self, text: &str) -> Result<u64, Error> {
        let Some(render) = self.renderer.as_deref_mut() else {
            let mut input = TextReader::new(text.as_bytes(), Encoding::Utf8);
            return jsonl(self.annotator, &mut input, &mut self.out);
        };
        render.begin(&mut self.out)?;
        let mut search = StreamSearch::new(self.annotator).threads(self.threads);
        // Blocks as a reader would give them, so the search keeps only a block's worth of text.
        let mut rest = text;
        while !rest.is_empty() {
            let mut cut = rest.len().min(STR_BLOCK);
            while !rest.is_char_boundary(cut) {
                cut += 1;
            }
            let (block, tail) = rest.split_at(cut);
            search.push(block, render, &mut self.out)?;
            rest = tail;
        }
        let bytes = search.finish(render, &mut self.out)?;
        render.finish(&mut self.out, bytes)?;
        Ok(bytes)
    }

    /// Ends the output and flushes it; returns the writer.
    ///
    /// # Errors
    ///
    /// I/O errors writing or flushing.
    ///
    /// ```
    /// use zhgloss::render::{Format, Options, Output};
    ///
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let output = Output::new(&ann, Format::Inline, &Options::new(), Vec::new());
    /// assert!(output.finish()?.is_empty());
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn finish(mut self) -> Result<W, Error> {
        if let Some(render) = self.renderer.as_deref_mut() {
            render.close(&mut self.out)?;
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

/// The block size [`Output::document_str`] hands text to the search in.
const STR_BLOCK: usize = 64 * 1024;

/// Annotates one document in memory and renders it in `format`.
///
/// # Errors
///
/// Only for [`Format::Jsonl`]: a line that is not a JSON object with a string `"text"` field.
///
/// ```
/// use zhgloss::render::{self, Format, Options};
///
/// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
/// let line = r#"{"id":7,"text":"三线一单"}"#;
/// assert_eq!(
///     render::to_string(&ann, Format::Jsonl, line, &Options::new())?,
///     r#"{"id":7,"text":"三线一单","matches":[{"entry":24,"term":"三线一单","matched":"三线一单","start":0,"end":12,"char_start":0,"char_end":4}]}"#
/// );
/// # Ok::<(), zhgloss::Error>(())
/// ```
pub fn to_string(
    annotator: &Annotator,
    format: Format,
    text: &str,
    options: &Options,
) -> Result<String, Error> {
    let mut output = Output::new(
        annotator,
        format,
        options,
        Vec::with_capacity(text.len() + text.len() / 8),
    );
    output.document_str(text)?;
    let bytes = output.finish()?;
    // Renderers only ever write `str`s, so the bytes are UTF-8 and the lossy branch is never
    // taken. They are checked with `encoding_rs` and copied: on Chinese text that is several
    // times faster than `String::from_utf8`'s own check, which took a third of the time of an
    // inline rendering.
    Ok(match crate::input::validate_utf8(&bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => String::from_utf8_lossy(&bytes).into_owned(),
    })
}

/// Removes the glosses [`Format::Inline`] inserted, and nothing else: for any text without
/// [`INLINE_MARK`]s, stripping its inline rendering gives back the text byte for byte.
///
/// A gloss is removed only where the inline format puts one: right after a term found by
/// `annotator` (or after the closing quote that wraps it), [`INLINE_MARK`] followed by exactly
/// that entry's gloss in full-width parentheses. Parentheses the author wrote carry no mark and
/// stay.
///
/// ```
/// use zhgloss::render::{self, Format, Options};
///
/// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
/// // The author's own explanation after 两网融合 has no mark: it is not removed.
/// let text = "推进“两网融合”（即垃圾分类网与再生资源回收网融合），编制三线一单。";
/// let glossed = render::to_string(&ann, Format::Inline, text, &Options::new())?;
/// assert_ne!(glossed, text);
/// assert_eq!(render::strip_inline(&ann, &glossed), text);
/// # Ok::<(), zhgloss::Error>(())
/// ```
pub fn strip_inline(annotator: &Annotator, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    // The search starts afresh on the rest of the text after each removed gloss: a term read on
    // from inside a gloss (its closing ） folds to `)`) must not hide the term after it. What
    // precedes the rest is that ）, neither a letter, a digit nor a quote, so the rest searched
    // alone holds the matches the original text held there.
    let (mut from, mut from_chars) = (0, 0);
    'search: while let Some(rest) = text.get(from..) {
        for m in annotator.find_iter(rest) {
            let m = m.offset_by(from, from_chars);
            let entry = annotator.entry(&m);
            // What came before the term in the text as it was: a gloss removed right before it
            // is not there (the inline format judged a wrapping quote by the text as it was).
            let before = match text.get(copied..m.start()).filter(|t| !t.is_empty()) {
                Some(_) => text.get(..m.start()).unwrap_or_default(),
                None => out.as_str(),
            };
            let after = text.get(m.end()..).unwrap_or_default();
            let quote = Term::new(m, entry, "", before, after).wrapping_quote();
            let gloss = entry.short_gloss();
            for at in [0, quote] {
                let Some(rest) = after.get(at..) else {
                    continue;
                };
                if !rest.starts_with(INLINE_MARK) {
                    continue;
                }
                if let Some(len) = existing_gloss(rest, gloss) {
                    let gloss_start = m.end() + at;
                    out.push_str(text.get(copied..gloss_start).unwrap_or_default());
                    copied = gloss_start + len;
                    from_chars += text.get(from..copied).map_or(0, |t| t.chars().count());
                    from = copied;
                    continue 'search;
                }
            }
        }
        break;
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    out
}

/// The length of the gloss at the start of `text`, marked or not: `⁠（gloss）` or `（gloss）`.
fn existing_gloss(text: &str, gloss: &str) -> Option<usize> {
    let rest = text.strip_prefix(INLINE_MARK).unwrap_or(text);
    let rest = rest
        .strip_prefix('（')?
        .strip_prefix(gloss)?
        .strip_prefix('）')?;
    Some(text.len() - rest.len())
}

/// Text to insert once the next `bytes` bytes of text have been written: a gloss or note mark
/// that goes after the closing quote wrapping a term.
struct Pending {
    bytes: usize,
    insert: String,
}

/// Writes `text` with `write`, inserting a pending insertion where it belongs.
fn write_with_pending(
    out: &mut dyn Write,
    text: &str,
    pending: &mut Option<Pending>,
    mut write: impl FnMut(&mut dyn Write, &str) -> io::Result<()>,
) -> io::Result<()> {
    let Some(p) = pending.as_mut() else {
        return write(out, text);
    };
    // Pending bytes are a whole closing quote, and text comes cut on char boundaries.
    let n = floor_char_boundary(text, p.bytes);
    write(out, text.get(..n).unwrap_or_default())?;
    p.bytes -= n;
    if p.bytes > 0 {
        return Ok(());
    }
    out.write_all(p.insert.as_bytes())?;
    *pending = None;
    write(out, text.get(n..).unwrap_or_default())
}

/// Writes a pending insertion now (before a term that starts at the quote, or at the end).
fn flush_pending(out: &mut dyn Write, pending: &mut Option<Pending>) -> io::Result<()> {
    if let Some(p) = pending.take() {
        out.write_all(p.insert.as_bytes())?;
    }
    Ok(())
}

fn write_plain(out: &mut dyn Write, text: &str) -> io::Result<()> {
    out.write_all(text.as_bytes())
}

/// Which entries have been glossed in the current document.
struct Seen(Vec<bool>);

impl Seen {
    fn new(annotator: &Annotator) -> Seen {
        Seen(vec![false; annotator.glossary().entries.len()])
    }

    /// Marks the entry as glossed; true if it was not yet.
    fn first(&mut self, index: usize) -> bool {
        match self.0.get_mut(index) {
            Some(seen) => !std::mem::replace(seen, true),
            None => false,
        }
    }

    fn clear(&mut self) {
        self.0.iter_mut().for_each(|s| *s = false);
    }
}

/// The inline format.
struct Inline {
    every: bool,
    seen: Seen,
    pending: Option<Pending>,
    /// Terms starting before this offset are inside a gloss already in the text.
    skip_until: usize,
    lookahead: usize,
}

impl Inline {
    fn new(annotator: &Annotator, options: &Options) -> Inline {
        let longest = annotator
            .glossary()
            .entries
            .iter()
            .map(|e| e.short_gloss().len())
            .max()
            .unwrap_or(0);
        Inline {
            every: options.every,
            seen: Seen::new(annotator),
            pending: None,
            skip_until: 0,
            // A closing quote, the mark, the parentheses and the gloss.
            lookahead: 4 + INLINE_MARK.len_utf8() + 2 * '（'.len_utf8() + longest,
        }
    }
}

impl Render for Inline {
    fn lookahead(&self) -> usize {
        self.lookahead
    }

    /// After a gloss already in the text: terms inside it are its own words, and one that
    /// started in it and ran on past it would hide the next real term.
    fn resume_at(&self) -> Option<u64> {
        Some(self.skip_until as u64)
    }

    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        self.seen.clear();
        self.pending = None;
        self.skip_until = 0;
        Ok(())
    }

    fn text(&mut self, out: &mut dyn Write, text: &str) -> io::Result<()> {
        write_with_pending(out, text, &mut self.pending, write_plain)
    }

    fn term(&mut self, out: &mut dyn Write, term: &Term<'_>) -> io::Result<()> {
        flush_pending(out, &mut self.pending)?;
        out.write_all(term.matched.as_bytes())?;
        let m = term.found;
        if m.start() < self.skip_until {
            return Ok(());
        }
        let gloss = term.entry.short_gloss();
        let quote = term.wrapping_quote();
        // Already glossed (by an earlier run, or by the author in the same words): add nothing,
        // and leave the terms inside that gloss alone. This makes the format idempotent. A
        // gloss after a closing quote counts even when no opening quote precedes the term now:
        // an earlier gloss may stand where the opening quote was judged.
        let closing = term
            .after
            .chars()
            .next()
            .filter(|c| CLOSING_QUOTES.contains(c))
            .map_or(0, char::len_utf8);
        for at in [0, quote, closing] {
            if let Some(len) = term
                .after
                .get(at..)
                .and_then(|rest| existing_gloss(rest, gloss))
            {
                self.seen.first(m.entry_index());
                self.skip_until = m.end() + at + len;
                return Ok(());
            }
        }
        if !(self.seen.first(m.entry_index()) || self.every) {
            return Ok(());
        }
        let insert = format!("{INLINE_MARK}（{gloss}）");
        if quote > 0 {
            self.pending = Some(Pending {
                bytes: quote,
                insert,
            });
            Ok(())
        } else {
            out.write_all(insert.as_bytes())
        }
    }

    fn finish(&mut self, out: &mut dyn Write, _bytes: u64) -> io::Result<()> {
        flush_pending(out, &mut self.pending)
    }
}

/// Numbers written as superscripts: 12 is ¹².
fn superscript(n: usize) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .bytes()
        .map(|b| DIGITS.get(usize::from(b - b'0')).copied().unwrap_or('⁰'))
        .collect()
}

/// Numbers the glossed entries of a document in order of first use.
struct Notes {
    /// For each entry index, its note number (from 1) in the current document.
    number: Vec<usize>,
    /// Entry indices in note order.
    order: Vec<usize>,
}

impl Notes {
    fn new(annotator: &Annotator) -> Notes {
        Notes {
            number: vec![0; annotator.glossary().entries.len()],
            order: Vec::new(),
        }
    }

    /// The note number of this occurrence, or `None` when it gets no mark (not the first
    /// occurrence, and not every occurrence is glossed).
    fn mark(&mut self, index: usize, every: bool) -> Option<usize> {
        let slot = self.number.get_mut(index)?;
        if *slot == 0 {
            self.order.push(index);
            *slot = self.order.len();
            Some(*slot)
        } else if every {
            Some(*slot)
        } else {
            None
        }
    }

    fn clear(&mut self) {
        self.number.iter_mut().for_each(|n| *n = 0);
        self.order.clear();
    }
}

/// Remembers whether the output so far ends with a line break, to start the notes on a line of
/// their own.
#[derive(Default)]
struct LineEnd(bool);

impl LineEnd {
    fn saw(&mut self, text: &str) {
        if let Some(c) = text.chars().next_back() {
            self.0 = c == '\n';
        }
    }
}

/// The footnote format.
struct Footnote<'a> {
    annotator: &'a Annotator,
    every: bool,
    notes: Notes,
    pending: Option<Pending>,
    line_end: LineEnd,
    empty: bool,
}

impl<'a> Footnote<'a> {
    fn new(annotator: &'a Annotator, options: &Options) -> Footnote<'a> {
        Footnote {
            annotator,
            every: options.every,
            notes: Notes::new(annotator),
            pending: None,
            line_end: LineEnd::default(),
            empty: true,
        }
    }
}

impl Render for Footnote<'_> {
    fn lookahead(&self) -> usize {
        4
    }

    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        self.notes.clear();
        self.pending = None;
        self.line_end = LineEnd::default();
        self.empty = true;
        Ok(())
    }

    fn text(&mut self, out: &mut dyn Write, text: &str) -> io::Result<()> {
        self.empty &= text.is_empty();
        self.line_end.saw(text);
        write_with_pending(out, text, &mut self.pending, write_plain)
    }

    fn term(&mut self, out: &mut dyn Write, term: &Term<'_>) -> io::Result<()> {
        flush_pending(out, &mut self.pending)?;
        self.empty = false;
        self.line_end.saw(term.matched);
        out.write_all(term.matched.as_bytes())?;
        let Some(n) = self.notes.mark(term.found.entry_index(), self.every) else {
            return Ok(());
        };
        self.line_end.0 = false;
        let insert = superscript(n);
        match term.wrapping_quote() {
            0 => out.write_all(insert.as_bytes()),
            bytes => {
                self.pending = Some(Pending { bytes, insert });
                Ok(())
            }
        }
    }

    fn finish(&mut self, out: &mut dyn Write, _bytes: u64) -> io::Result<()> {
        flush_pending(out, &mut self.pending)?;
        if self.notes.order.is_empty() {
            return Ok(());
        }
        let mut notes = String::new();
        if !self.empty && !self.line_end.0 {
            notes.push('\n');
        }
        notes.push_str("\n注解\n");
        for (i, &index) in self.notes.order.iter().enumerate() {
            if let Some(e) = self.annotator.glossary().entries.get(index) {
                let _ = writeln!(
                    notes,
                    "{} {}：{}",
                    superscript(i + 1),
                    e.term,
                    e.definition.trim()
                );
            }
        }
        out.write_all(notes.as_bytes())
    }
}

/// Backslash-escapes Markdown syntax in plain text, remembering across pieces whether the
/// next character starts a line (where `#`, `+`, `-`, `=` and `1.` are syntax too).
#[derive(Default)]
struct MarkdownEscape {
    /// Only spaces since the last line break.
    line_start: bool,
    /// Only digits since the start of the line.
    digits: bool,
}

impl MarkdownEscape {
    fn new() -> MarkdownEscape {
        MarkdownEscape {
            line_start: true,
            digits: false,
        }
    }

    fn write(&mut self, out: &mut dyn Write, text: &str) -> io::Result<()> {
        let mut escaped = String::with_capacity(text.len() + 8);
        for c in text.chars() {
            let escape = match c {
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' => true,
                '#' | '+' | '-' | '=' => self.line_start,
                '.' | ')' => self.digits,
                _ => false,
            };
            if escape {
                escaped.push('\\');
            }
            escaped.push(c);
            match c {
                '\n' => {
                    self.line_start = true;
                    self.digits = false;
                }
                ' ' | '\t' if self.line_start => {}
                '0'..='9' if self.line_start || self.digits => {
                    self.line_start = false;
                    self.digits = true;
                }
                _ => {
                    self.line_start = false;
                    self.digits = false;
                }
            }
        }
        out.write_all(escaped.as_bytes())
    }
}

/// The Markdown format.
struct Markdown<'a> {
    annotator: &'a Annotator,
    every: bool,
    notes: Notes,
    /// Note numbers already used by earlier documents: labels are unique in the whole output.
    offset: usize,
    escape: MarkdownEscape,
    pending: Option<Pending>,
    line_end: LineEnd,
    empty: bool,
}

impl<'a> Markdown<'a> {
    fn new(annotator: &'a Annotator, options: &Options) -> Markdown<'a> {
        Markdown {
            annotator,
            every: options.every,
            notes: Notes::new(annotator),
            offset: 0,
            escape: MarkdownEscape::new(),
            pending: None,
            line_end: LineEnd::default(),
            empty: true,
        }
    }
}

impl Render for Markdown<'_> {
    fn lookahead(&self) -> usize {
        4
    }

    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        self.offset += self.notes.order.len();
        self.notes.clear();
        self.escape = MarkdownEscape::new();
        self.pending = None;
        self.line_end = LineEnd::default();
        self.empty = true;
        Ok(())
    }

    fn text(&mut self, out: &mut dyn Write, text: &str) -> io::Result<()> {
        self.empty &= text.is_empty();
        self.line_end.saw(text);
        let escape = &mut self.escape;
        write_with_pending(out, text, &mut self.pending, |out, t| escape.write(out, t))
    }

    fn term(&mut self, out: &mut dyn Write, term: &Term<'_>) -> io::Result<()> {
        flush_pending(out, &mut self.pending)?;
        self.empty = false;
        self.line_end.saw(term.matched);
        self.escape.write(out, term.matched)?;
        let Some(n) = self.notes.mark(term.found.entry_index(), self.every) else {
            return Ok(());
        };
        self.line_end.0 = false;
        let insert = format!("[^{}]", self.offset + n);
        match term.wrapping_quote() {
            0 => {
                self.escape.line_start = false;
                out.write_all(insert.as_bytes())
            }
            bytes => {
                self.pending = Some(Pending { bytes, insert });
                Ok(())
            }
        }
    }

    fn finish(&mut self, out: &mut dyn Write, _bytes: u64) -> io::Result<()> {
        flush_pending(out, &mut self.pending)?;
        if self.notes.order.is_empty() {
            return Ok(());
        }
        if !self.empty && !self.line_end.0 {
            out.write_all(b"\n")?;
        }
        for (i, &index) in self.notes.order.iter().enumerate() {
            let Some(e) = self.annotator.glossary().entries.get(index) else {
                continue;
            };
            write!(out, "\n[^{}]: **", self.offset + i + 1)?;
            let mut escape = MarkdownEscape::default();
            escape.write(out, &e.term)?;
            out.write_all("**：".as_bytes())?;
            escape.write(out, e.definition.trim())?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

/// Escapes text for HTML text and attribute values alike.
fn html_escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&#39;"),
            _ => s.push(c),
        }
    }
    s
}

/// The page's style: the text keeps its line breaks; a term shows its definition in a box
/// below its line, as wide as the text (so it never runs off the page), while hovered or
/// focused (the terms are links, reached with Tab).
const HTML_STYLE: &str = r#"body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;line-height:1.8;max-width:46em;margin:2em auto;padding:0 1em;color:#1f2328;background:#fff}
.text{white-space:pre-wrap;position:relative}
a.term{color:inherit;text-decoration:underline dotted #0969da;text-underline-offset:.25em;background:#eef5ff;border-radius:2px}
a.term:focus{outline:2px solid #0969da}
a.term:hover::after,a.term:focus::after{content:attr(data-definition);position:absolute;left:0;right:0;margin-top:1.9em;z-index:10;padding:.5em .75em;white-space:normal;font-size:.9rem;line-height:1.6;color:#1f2328;background:#fffbe6;border:1px solid #d4a72c;border-radius:4px;box-shadow:0 2px 8px rgba(0,0,0,.15)}
.glossary{margin-top:2em;border-top:1px solid #d0d7de}
.glossary dt{font-weight:bold;margin-top:.75em}
.glossary dd{margin-left:2em}
.glossary dd:target,.glossary dt:target{background:#fffbe6}
"#;

/// The HTML format.
struct Html<'a> {
    annotator: &'a Annotator,
    every: bool,
    notes: Notes,
    /// Documents begun so far; the current one's number.
    document: usize,
    head_written: bool,
}

impl<'a> Html<'a> {
    fn new(annotator: &'a Annotator, options: &Options) -> Html<'a> {
        Html {
            annotator,
            every: options.every,
            notes: Notes::new(annotator),
            document: 0,
            head_written: false,
        }
    }

    /// The id of an entry's glossary item in the current document: `g-7`, or `g-7-2` in the
    /// second document, so ids stay unique in the page.
    fn id(&self, prefix: &str, entry: u32) -> String {
        match self.document {
            0 | 1 => format!("{prefix}-{entry}"),
            d => format!("{prefix}-{entry}-{d}"),
        }
    }

    fn head(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if std::mem::replace(&mut self.head_written, true) {
            return Ok(());
        }
        let name = &self.annotator.glossary().name;
        let title = if name.is_empty() {
            "zhgloss"
        } else {
            name.as_str()
        };
        write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"zhgloss\">\n<title>{}</title>\n<style>\n{HTML_STYLE}</style>\n</head>\n<body>\n",
            html_escape(title)
        )
    }
}

impl Render for Html<'_> {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.head(out)?;
        self.document += 1;
        self.notes.clear();
        out.write_all(b"<article>\n<div class=\"text\">")
    }

    fn text(&mut self, out: &mut dyn Write, text: &str) -> io::Result<()> {
        out.write_all(html_escape(text).as_bytes())
    }

    fn term(&mut self, out: &mut dyn Write, term: &Term<'_>) -> io::Result<()> {
        if self
            .notes
            .mark(term.found.entry_index(), self.every)
            .is_none()
        {
            return self.text(out, term.matched);
        }
        let e = term.entry;
        write!(
            out,
            "<a class=\"term\" href=\"#{}\" aria-describedby=\"{}\" data-entry=\"{}\" data-definition=\"{}\">{}</a>",
            self.id("g", e.id),
            self.id("d", e.id),
            e.id,
            html_escape(e.definition.trim()),
            html_escape(term.matched)
        )
    }

    fn finish(&mut self, out: &mut dyn Write, _bytes: u64) -> io::Result<()> {
        out.write_all(b"</div>\n")?;
        if !self.notes.order.is_empty() {
            out.write_all("<section class=\"glossary\">\n<h2>名词解释</h2>\n<dl>\n".as_bytes())?;
            for &index in &self.notes.order {
                let Some(e) = self.annotator.glossary().entries.get(index) else {
                    continue;
                };
                writeln!(
                    out,
                    "<dt id=\"{}\">{}</dt>\n<dd id=\"{}\">{}</dd>",
                    self.id("g", e.id),
                    html_escape(&e.term),
                    self.id("d", e.id),
                    html_escape(e.definition.trim())
                )?;
            }
            out.write_all(b"</dl>\n</section>\n")?;
        }
        out.write_all(b"</article>\n")
    }

    fn close(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.head(out)?;
        out.write_all(b"</body>\n</html>\n")
    }
}

/// The JSON format: matches gathered until the document ends (to write `"bytes"` first, as
/// [`json`] does) or until they outgrow [`JSON_BUFFER`] (then streamed, `"bytes"` last).
#[derive(Default)]
struct Json {
    matches: Vec<u8>,
    streaming: bool,
    any: bool,
}

impl Render for Json {
    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        self.matches.clear();
        self.streaming = false;
        self.any = false;
        Ok(())
    }

    fn text(&mut self, _out: &mut dyn Write, _text: &str) -> io::Result<()> {
        Ok(())
    }

    fn term(&mut self, out: &mut dyn Write, term: &Term<'_>) -> io::Result<()> {
        if std::mem::replace(&mut self.any, true) {
            self.matches.push(b',');
        }
        serde_json::to_writer(
            &mut self.matches,
            &JsonMatch::new(&term.found, term.entry, term.matched),
        )?;
        if self.matches.len() >= JSON_BUFFER {
            if !std::mem::replace(&mut self.streaming, true) {
                out.write_all(b"{\"matches\":[")?;
            }
            out.write_all(&self.matches)?;
            self.matches.clear();
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, bytes: u64) -> io::Result<()> {
        if self.streaming {
            out.write_all(&self.matches)?;
            writeln!(out, "],\"bytes\":{bytes}}}")?;
        } else {
            write!(out, "{{\"bytes\":{bytes},\"matches\":[")?;
            out.write_all(&self.matches)?;
            out.write_all(b"]}\n")?;
        }
        self.matches.clear();
        Ok(())
    }
}

/// What a JSONL line must hold.
#[derive(Deserialize)]
struct JsonlLine {
    text: String,
}

/// The JSONL format: one JSON object per line in, the same line with `"matches"` out.
fn jsonl<R: Read>(
    annotator: &Annotator,
    input: &mut TextReader<R>,
    out: &mut dyn Write,
) -> Result<u64, Error> {
    let mut line = String::new();
    let mut number = 0usize;
    let mut bytes = 0u64;
    while let Some(block) = input.next_block()? {
        bytes += block.len() as u64;
        let mut rest = block;
        while let Some(i) = rest.find('\n') {
            line.push_str(rest.get(..=i).unwrap_or_default());
            rest = rest.get(i + 1..).unwrap_or_default();
            number += 1;
            jsonl_line(annotator, &line, number, out)?;
            line.clear();
        }
        line.push_str(rest);
    }
    if !line.is_empty() {
        jsonl_line(annotator, &line, number + 1, out)?;
    }
    Ok(bytes)
}

/// Annotates one JSONL line (with its line break, if any) and writes it.
fn jsonl_line(
    annotator: &Annotator,
    line: &str,
    number: usize,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let object = line.trim_end_matches(['\n', '\r']);
    let ending = line.get(object.len()..).unwrap_or_default();
    if object.trim().is_empty() {
        out.write_all(line.as_bytes())?;
        return Ok(());
    }
    let parsed: JsonlLine = serde_json::from_str(object).map_err(|e| {
        // Error::json gives serde's message without its position, and the column in chars.
        let json = Error::json(e, object);
        let mut err = Error::new(
            ErrorKind::InvalidJsonl,
            format!(
                "not a JSON object with a string \"text\" field: {}",
                json.message()
            ),
        )
        .with_line(number);
        if let Some(column) = json.column() {
            err = err.with_column(column);
        }
        err
    })?;
    let mut matches = Vec::from(&b"["[..]);
    for (i, m) in annotator.find_iter(&parsed.text).enumerate() {
        if i > 0 {
            matches.push(b',');
        }
        let matched = parsed.text.get(m.range()).unwrap_or_default();
        serde_json::to_writer(
            &mut matches,
            &JsonMatch::new(&m, annotator.entry(&m), matched),
        )
        .map_err(|e| Error::io(e.into()))?;
    }
    matches.push(b']');
    // The line is spliced, not re-serialised: every other field keeps its bytes (number
    // formatting, escapes, key order, spacing) without serde_json's `preserve_order`.
    let (head, tail) = match top_level_value(object, "matches") {
        Some(span) => (
            object.get(..span.start).unwrap_or_default(),
            object.get(span.end..).unwrap_or_default(),
        ),
        None => {
            // serde_json accepted an object with a "text" member, so the last '}' closes it
            // and a member precedes it.
            let close = object.rfind('}').unwrap_or(object.len());
            out.write_all(object.get(..close).unwrap_or_default().as_bytes())?;
            out.write_all(b",\"matches\":")?;
            out.write_all(&matches)?;
            out.write_all(object.get(close..).unwrap_or_default().as_bytes())?;
            out.write_all(ending.as_bytes())?;
            return Ok(());
        }
    };
    out.write_all(head.as_bytes())?;
    out.write_all(&matches)?;
    out.write_all(tail.as_bytes())?;
    out.write_all(ending.as_bytes())?;
    Ok(())
}

/// The byte span of the value of the top-level member `key` of a JSON object that is known to
/// be valid, if it has one (keys compared as written, without unescaping).
fn top_level_value(object: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let b = object.as_bytes();
    let mut i = skip_ws(b, 0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i += 1;
    loop {
        i = skip_ws(b, i);
        if b.get(i) != Some(&b'"') {
            return None;
        }
        let key_end = skip_string(b, i);
        let this = object.get(i + 1..key_end.saturating_sub(1));
        i = skip_ws(b, key_end);
        if b.get(i) != Some(&b':') {
            return None;
        }
        let start = skip_ws(b, i + 1);
        let end = skip_value(b, start);
        if this == Some(key) {
            return Some(start..end);
        }
        i = skip_ws(b, end);
        if b.get(i) != Some(&b',') {
            return None;
        }
        i += 1;
    }
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// The offset just past the string starting at `i` (at its opening quote).
fn skip_string(b: &[u8], mut i: usize) -> usize {
    i += 1;
    while let Some(&c) = b.get(i) {
        match c {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

/// The offset just past the JSON value starting at `i`.
fn skip_value(b: &[u8], mut i: usize) -> usize {
    match b.get(i) {
        Some(b'"') => skip_string(b, i),
        Some(b'{' | b'[') => {
            let mut depth = 0usize;
            while let Some(&c) = b.get(i) {
                match c {
                    b'"' => {
                        i = skip_string(b, i);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            return i + 1;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            i
        }
        _ => {
            while !matches!(
                b.get(i),
                None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
            ) {
                i += 1;
            }
            i
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_level_members() {
        let o = r#"{"a":{"matches":1},"s":"x\"}","matches" : [1,{"b":[]}] ,"z":null}"#;
        let span = top_level_value(o, "matches").unwrap();
        assert_eq!(&o[span], r#"[1,{"b":[]}]"#);
        assert_eq!(top_level_value(r#"{"text":"三"}"#, "matches"), None);
    }

    #[test]
    fn superscripts() {
        assert_eq!(superscript(1), "¹");
        assert_eq!(superscript(29), "²⁹");
        assert_eq!(superscript(10), "¹⁰");
    }
}
