//! The interface between a stream search and what it hands text and terms to: the [`Render`]
//! callbacks and the [`Term`] they receive.

use std::io::{self, Write};

use crate::glossary::Entry;
use crate::matches::Match;
use crate::sense::Sense;

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
    /// Why the entry's definition does not hold here, when the search judged it so.
    why: Option<&'t str>,
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
            why: None,
        }
    }

    /// The term with the search's decision on its sense.
    pub(crate) fn judged(self, sense: &'t Sense) -> Term<'t> {
        Term {
            why: sense.why(),
            ..self
        }
    }

    /// Whether the entry's definition holds here: always, unless the search was given the
    /// [`Document`](crate::Document) the text is ([`StreamSearch::document`](crate::StreamSearch::document);
    /// [`Output`](crate::render::Output) always reads it) and judged that it does not
    /// ([`Annotator::sense`](crate::Annotator::sense)).
    ///
    /// ```
    /// use zhgloss::render::{Render, Term};
    ///
    /// /// Keeps whether each term applies.
    /// struct Applies(Vec<bool>);
    /// impl Render for Applies {
    ///     fn text(&mut self, _: &mut dyn std::io::Write, _: &str) -> std::io::Result<()> { Ok(()) }
    ///     fn term(&mut self, _: &mut dyn std::io::Write, t: &Term<'_>) -> std::io::Result<()> {
    ///         self.0.push(t.applies());
    ///         Ok(())
    ///     }
    /// }
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let text = "北京市推进“四纵四横”高铁网建设，编制三线一单。";
    /// let mut seen = Applies(Vec::new());
    /// let mut search = zhgloss::StreamSearch::new(&ann).document(ann.read_document(text));
    /// search.push(text, &mut seen, &mut std::io::sink())?;
    /// search.finish(&mut seen, &mut std::io::sink())?;
    /// assert_eq!(seen.0, [false, true]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn applies(&self) -> bool {
        self.why.is_none()
    }

    /// Why the entry's definition does not hold here, in one line; `None` when it
    /// [applies](Term::applies).
    ///
    /// ```
    /// use zhgloss::render::{Render, Term};
    ///
    /// /// Keeps the reasons.
    /// struct Why(Vec<String>);
    /// impl Render for Why {
    ///     fn text(&mut self, _: &mut dyn std::io::Write, _: &str) -> std::io::Result<()> { Ok(()) }
    ///     fn term(&mut self, _: &mut dyn std::io::Write, t: &Term<'_>) -> std::io::Result<()> {
    ///         self.0.extend(t.why().map(str::to_string));
    ///         Ok(())
    ///     }
    /// }
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let text = "出台“黄金10条”扶持政策";
    /// let mut why = Why(Vec::new());
    /// let mut search = zhgloss::StreamSearch::new(&ann).document(ann.read_document(text));
    /// search.push(text, &mut why, &mut std::io::sink())?;
    /// search.finish(&mut why, &mut std::io::sink())?;
    /// assert_eq!(why.0, ["written 黄金10条, another expression"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn why(&self) -> Option<&'t str> {
        self.why
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
}

/// An incremental renderer: it receives a document as a sequence of plain text and terms, in
/// order, and writes its format to `out` as they come.
///
/// A [`StreamSearch`](crate::StreamSearch) calls [`text`](Render::text) and
/// [`term`](Render::term); [`Output`](crate::render::Output) also calls
/// [`begin`](Render::begin) and [`finish`](Render::finish) around each document and
/// [`close`](Render::close) at the end of the output. The formats of [`crate::render`] are
/// renderers; so is anything else that wants the text and its terms in order.
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
    /// every [`Render::term`]; an offset not past the term's end, or past the text searched so
    /// far, is ignored. The search goes on there with the text before it as context.
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

    /// How many bytes of a document the renderer wants to read before any of it is rendered
    /// ([`Render::preview`]); 0 (the default) for none.
    ///
    /// ```
    /// use zhgloss::render::{Format, NOTE_PREVIEW};
    ///
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let footnote = Format::Footnote.renderer(&ann, &Default::default()).unwrap();
    /// assert_eq!(footnote.preview_len(), NOTE_PREVIEW);
    /// assert_eq!(Format::Inline.renderer(&ann, &Default::default()).unwrap().preview_len(), 0);
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    fn preview_len(&self) -> usize {
        0
    }

    /// Shows the renderer the document it is about to render, after [`Render::begin`] and
    /// before any [`text`](Render::text) or [`term`](Render::term): the whole document when
    /// `whole`, else its first [`preview_len`](Render::preview_len) bytes or more (rounded to
    /// a character). [`Output`](crate::render::Output) calls it when `preview_len` is not 0;
    /// the default does nothing. The footnote format chooses there marks the text does not
    /// contain ([`Notation`](crate::render::Notation)).
    ///
    /// ```
    /// use zhgloss::StreamSearch;
    ///
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let mut footnote = zhgloss::render::Format::Footnote.renderer(&ann, &Default::default()).unwrap();
    /// let text = "见注¹。编制三线一单。";
    /// let mut out = Vec::new();
    /// footnote.begin(&mut out)?;
    /// footnote.preview(text, true);
    /// let mut search = StreamSearch::new(&ann);
    /// search.push(text, footnote.as_mut(), &mut out)?;
    /// search.finish(footnote.as_mut(), &mut out)?;
    /// assert_eq!(String::from_utf8(out)?, "见注¹。编制三线一单〔1〕。");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn preview(&mut self, text: &str, whole: bool) {
        let _ = (text, whole);
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
    /// // The page's head waits for the document's first line: it may be the page's title.
    /// html.text(&mut out, "政府工作报告\n")?;
    /// html.finish(&mut out, 19)?;
    /// let page = String::from_utf8(out)?;
    /// assert!(page.starts_with("<!DOCTYPE html>"));
    /// assert!(page.contains("<title>政府工作报告</title>"));
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
