//! The one error type of zhgloss.

use std::fmt;
use std::path::{Path, PathBuf};

/// An error from loading or checking a glossary, or from reading input.
///
/// Errors happen when a glossary is loaded, merged or compiled, and when input is read; searching
/// an already compiled [`Annotator`](crate::Annotator) never fails. The message names what to fix:
/// the file, line and column of malformed JSON, the entries in conflict, the byte offset of
/// invalid UTF-8.
///
/// # Example
///
/// ```
/// use zhgloss::{ErrorKind, Glossary};
///
/// let err = Glossary::from_json_str(r#"{"entries": [{"id": 1, "term": "", "definition": "是指……"}]}"#)
///     .unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Glossary);
/// assert_eq!(err.to_string(), "entry 1 has an empty term");
/// ```
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    path: Option<PathBuf>,
    line: Option<usize>,
    column: Option<usize>,
    offset: Option<u64>,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

/// What kind of thing went wrong, for callers that act differently on each (the command line maps
/// them to exit codes).
///
/// # Example
///
/// ```
/// use zhgloss::{ErrorKind, Glossary};
///
/// let err = Glossary::from_json_str("{ 不是 JSON").unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Json);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Glossary text that is not valid JSON, or JSON of the wrong shape.
    Json,
    /// A glossary that is valid JSON but inconsistent: an empty term, a duplicate id, a surface
    /// form claimed by two entries.
    Glossary,
    /// Input that is not valid UTF-8 (or not valid in the encoding asked for).
    InvalidUtf8,
    /// A line of JSONL input that is not a JSON object with a string `text` field.
    InvalidJsonl,
    /// The [`Engine`](crate::Engine) asked for cannot be built for this glossary (too many
    /// anchors for [`Engine::Anchored`](crate::Engine::Anchored), a term the automaton cannot
    /// hold).
    Engine,
    /// Reading the input failed.
    Io,
    /// Writing the output failed: a full disk, a closed pipe or file descriptor.
    Write,
    /// A glossary file in an interchange format (TBX, TSV, CSV) that is malformed or not a
    /// glossary: the message names the line (and, for TBX, the column).
    Malformed,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
            path: None,
            line: None,
            column: None,
            offset: None,
            source: None,
        }
    }

    pub(crate) fn glossary(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Glossary, message)
    }

    /// A JSON error from parsing `source`. serde_json counts columns in bytes; editors count
    /// characters, and in Chinese text the two differ threefold, so the column is converted.
    pub(crate) fn json(err: serde_json::Error, source: &str) -> Error {
        let line = err.line();
        let column = source
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| {
                let mut at = err.column().saturating_sub(1).min(l.len());
                while !l.is_char_boundary(at) {
                    at -= 1;
                }
                l.get(..at).map_or(0, |l| l.chars().count()) + 1
            })
            // serde_json says column 0 at the start of a line with nothing on it (empty input,
            // or end of input after a final line break); columns here are 1-based.
            .unwrap_or_else(|| err.column().max(1));
        let mut message = err.to_string();
        // serde_json appends " at line L column C"; we print the position in front instead.
        if let Some(i) = message.rfind(" at line ") {
            message.truncate(i);
        }
        let mut e = Error::new(ErrorKind::Json, message);
        if line > 0 {
            e.line = Some(line);
            e.column = Some(column);
        }
        e.source = Some(Box::new(err));
        e
    }

    pub(crate) fn io(err: std::io::Error) -> Error {
        let mut e = Error::new(ErrorKind::Io, err.to_string());
        e.source = Some(Box::new(err));
        e
    }

    /// The same error, about the file at `path`: for callers that read the input themselves,
    /// so the message names the file.
    ///
    /// ```
    /// use zhgloss::{Encoding, TextReader};
    ///
    /// let mut r = TextReader::new(&b"\xe9\x87\x91\xff"[..], Encoding::Utf8);
    /// let err = r.next_block().unwrap_err().with_path("报告.txt");
    /// assert_eq!(err.to_string(), "报告.txt:byte 3: invalid UTF-8");
    /// ```
    pub fn with_path(mut self, path: impl AsRef<Path>) -> Error {
        self.path = Some(path.as_ref().to_path_buf());
        self
    }

    pub(crate) fn with_kind(mut self, kind: ErrorKind) -> Error {
        self.kind = kind;
        self
    }

    pub(crate) fn with_line(mut self, line: usize) -> Error {
        self.line = Some(line);
        self
    }

    /// The message alone, without the position in front.
    pub(crate) fn message(&self) -> &str {
        &self.message
    }

    pub(crate) fn with_column(mut self, column: usize) -> Error {
        self.column = Some(column);
        self
    }

    pub(crate) fn with_offset(mut self, offset: u64) -> Error {
        self.offset = Some(offset);
        self
    }

    /// What kind of error this is.
    ///
    /// ```
    /// use zhgloss::{ErrorKind, Glossary};
    ///
    /// let err = Glossary::from_path("没有这个文件.json").unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Io);
    /// ```
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The file the error is in, when it came from one.
    ///
    /// ```
    /// use zhgloss::Glossary;
    ///
    /// let err = Glossary::from_path("没有这个文件.json").unwrap_err();
    /// assert_eq!(err.path().unwrap().to_str(), Some("没有这个文件.json"));
    /// ```
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The 1-based line of the error, for malformed JSON and JSONL.
    ///
    /// ```
    /// use zhgloss::Glossary;
    ///
    /// let err = Glossary::from_json_str("{\n  \"entries\": [\n    {\"id\": 1,,}\n  ]\n}").unwrap_err();
    /// assert_eq!((err.line(), err.column()), (Some(3), Some(14)));
    /// ```
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// The 1-based column of the error, for malformed JSON.
    ///
    /// ```
    /// use zhgloss::Glossary;
    ///
    /// let err = Glossary::from_json_str("[1, 2").unwrap_err();
    /// assert_eq!(err.line(), Some(1));
    /// assert!(err.column().is_some());
    /// ```
    pub fn column(&self) -> Option<usize> {
        self.column
    }

    /// The byte offset in the input, for invalid UTF-8.
    ///
    /// ```
    /// let mut input: &[u8] = b"\xe9\x87\x91 10 \xff";
    /// let err = zhgloss::read_utf8(&mut input).unwrap_err();
    /// assert_eq!(err.offset(), Some(7));
    /// ```
    pub fn offset(&self) -> Option<u64> {
        self.offset
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `file:line:column: message`, the shape editors and terminals link to.
        let mut prefix = false;
        if let Some(path) = &self.path {
            write!(f, "{}", path.display())?;
            prefix = true;
        }
        if let Some(line) = self.line {
            if prefix {
                write!(f, ":")?;
            } else {
                write!(f, "line ")?;
            }
            write!(f, "{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
            prefix = true;
        }
        if let Some(offset) = self.offset {
            if prefix {
                write!(f, ":")?;
            }
            write!(f, "byte {offset}")?;
            prefix = true;
        }
        if prefix {
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Error {
        Error::io(err)
    }
}
