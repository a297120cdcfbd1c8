//! Documents annotated and written in one format.

use std::io::{self, Read, Write};

use super::format::Format;
use super::jsonl::jsonl;
use super::options::Options;
use crate::annotator::Annotator;
use crate::error::{Error, ErrorKind};
use crate::input::{Encoding, TextReader};
use crate::sense::{DOCUMENT_HEAD, Document};
use crate::stream::{Render, Source, StreamSearch, annotate_ahead};

/// Annotates documents and writes them in one format: the command line's engine.
///
/// Each [`document`](Output::document) is read and searched block by block, so memory stays
/// bounded whatever its size; [`finish`](Output::finish) ends the output (the HTML page's closing
/// tags) and flushes it.
///
/// Each match is judged in its document ([`crate::sense`]) when the glossary has entries with a
/// [scope](crate::Scope): what the document is about is read from its first
/// [`DOCUMENT_HEAD`](crate::sense::DOCUMENT_HEAD) bytes, which are read before anything is
/// written, and each decision from the text around its match. A streamed document is judged as
/// the same text in memory is ([`Annotator::find_senses`]).
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
    out: Tracked<W>,
    threads: usize,
}

/// The output's writer, remembering whether a write failed: an error then is the output's
/// ([`ErrorKind::Write`]), not the input's, whichever step of the search wrote.
struct Tracked<W> {
    inner: W,
    failed: bool,
}

impl<W: Write> Write for Tracked<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(buf);
        self.failed |= written
            .as_ref()
            .is_err_and(|e| e.kind() != io::ErrorKind::Interrupted);
        written
    }

    fn flush(&mut self) -> io::Result<()> {
        let flushed = self.inner.flush();
        self.failed |= flushed.is_err();
        flushed
    }
}

impl<W> Tracked<W> {
    /// `err`, as a write error if a write failed.
    fn blame(&mut self, err: Error) -> Error {
        if std::mem::take(&mut self.failed) {
            err.with_kind(ErrorKind::Write)
        } else {
            err
        }
    }
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
            out: Tracked {
                inner: out,
                failed: false,
            },
            threads: options.threads,
        }
    }

    /// Search each document with up to `threads` threads (the default, 0 or 1, searches on the
    /// calling thread); the output is the same with any number. With more,
    /// [`document`](Output::document) reads and renders on the calling thread while another
    /// thread searches the next window of the text (1 MiB a thread, at most 8 MiB; three
    /// windows are held at once), and [`document_str`](Output::document_str) searches each
    /// window in parts ([`StreamSearch::threads`]). Documents of JSON Lines input, one per
    /// line, are each searched on one thread.
    ///
    /// ```
    /// use zhgloss::render::{Format, Options, Output};
    /// use zhgloss::{Encoding, TextReader};
    ///
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let text = "编制三线一单，推进“一网通办”。".repeat(40_000);
    /// let mut outs = Vec::new();
    /// for threads in [1, 2] {
    ///     let mut output = Output::new(&ann, Format::Json, &Options::new(), Vec::new()).threads(threads);
    ///     output.document(TextReader::new(text.as_bytes(), Encoding::Utf8))?;
    ///     outs.push(output.finish()?);
    /// }
    /// assert!(outs[0] == outs[1]);
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn threads(mut self, threads: usize) -> Output<'a, W> {
        self.threads = threads;
        self
    }

    /// Annotates one document and writes it; returns its length in bytes (of UTF-8 text).
    ///
    /// # Errors
    ///
    /// Invalid input ([`ErrorKind::InvalidUtf8`], [`ErrorKind::InvalidJsonl`]) with its offset or
    /// line, I/O errors reading ([`ErrorKind::Io`]), and writing ([`ErrorKind::Write`]: a full
    /// disk, a closed pipe). Output already written stays written.
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
    pub fn document<R: Read>(&mut self, input: TextReader<R>) -> Result<u64, Error> {
        let result = self.read_document(input);
        result.map_err(|e| self.out.blame(e))
    }

    fn read_document<R: Read>(&mut self, mut input: TextReader<R>) -> Result<u64, Error> {
        let Some(render) = self.renderer.as_deref_mut() else {
            return jsonl(self.annotator, &mut input, &mut self.out);
        };
        render.begin(&mut self.out)?;
        // What the document is about is read from its head, and what the renderer previews,
        // before any of it is rendered.
        let judges = self.annotator.judges();
        let want = render
            .preview_len()
            .max(if judges { DOCUMENT_HEAD } else { 0 });
        let mut head = String::new();
        let mut whole = false;
        while head.len() < want {
            let Some(block) = input.next_block()? else {
                whole = true;
                break;
            };
            head.push_str(block);
        }
        if render.preview_len() > 0 {
            render.preview(&head, whole);
        }
        let document = judges.then(|| self.annotator.read_document(&head));
        let bytes = if self.threads > 1 {
            let source = Source {
                input: &mut input,
                head,
                document: document.as_ref(),
            };
            annotate_ahead(self.annotator, source, render, &mut self.out, self.threads)?
        } else {
            let mut search = searcher(self.annotator, document);
            search.push(&head, render, &mut self.out)?;
            drop(head);
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
        let result = self.read_document_str(text);
        result.map_err(|e| self.out.blame(e))
    }

    fn read_document_str(&mut self, text: &str) -> Result<u64, Error> {
        let Some(render) = self.renderer.as_deref_mut() else {
            let mut input = TextReader::new(text.as_bytes(), Encoding::Utf8);
            return jsonl(self.annotator, &mut input, &mut self.out);
        };
        render.begin(&mut self.out)?;
        if render.preview_len() > 0 {
            render.preview(text, true);
        }
        let document = self
            .annotator
            .judges()
            .then(|| self.annotator.read_document(text));
        let mut search = searcher(self.annotator, document).threads(self.threads);
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
    /// Errors writing or flushing ([`ErrorKind::Write`]).
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
        let closed = match self.renderer.as_deref_mut() {
            Some(render) => render.close(&mut self.out),
            None => Ok(()),
        };
        closed
            .and_then(|()| self.out.flush())
            .map_err(|e| Error::from(e).with_kind(ErrorKind::Write))?;
        Ok(self.out.inner)
    }
}

/// A stream search, judging its terms in `document` if there is one.
fn searcher(annotator: &Annotator, document: Option<Document>) -> StreamSearch<'_> {
    let search = StreamSearch::new(annotator);
    match document {
        Some(document) => search.document(document),
        None => search,
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
///     r#"{"id":7,"text":"三线一单","matches":[{"entry":24,"term":"三线一单","matched":"三线一单","start":0,"end":12,"char_start":0,"char_end":4,"applies":true}]}"#
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
    // taken. They are checked with `encoding_rs` and copied, which on Chinese text is faster
    // than `String::from_utf8`'s own check (see `input::validate_utf8`).
    Ok(match crate::input::validate_utf8(&bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => String::from_utf8_lossy(&bytes).into_owned(),
    })
}
