//! Glossaries in the formats translators' and NLP tools exchange: TBX, OmegaT's TSV, CSV, and
//! jieba/HanLP user dictionaries.
//!
//! # Overview
//!
//! - [`GlossaryFormat`]: the formats by name and file extension.
//! - [`write()`] a glossary in a format, with [`WriteOptions`] (the target language of the
//!   two-language formats, traditional forms in the dictionaries).
//! - [`read_str`] and [`from_path`] read a glossary in a format (by extension, or as told),
//!   [validated](crate::Glossary::validate) as a JSON glossary is. Malformed files are errors
//!   naming the file, line and column (TBX) or line (TSV, CSV).
//! - One module per format: [`tbx`], [`tsv`], [`csv`], [`dictionary`].
//!
//! Which fields each format keeps is in the README's table; a field a format cannot hold is
//! lost on the way there, never mangled into another.
//!
//! # Example
//!
//! ```
//! use zhgloss::Glossary;
//! use zhgloss::interchange::{self, GlossaryFormat, WriteOptions};
//!
//! let g = Glossary::builtin();
//! let tbx = interchange::write(&g, GlossaryFormat::Tbx, &WriteOptions::new())?;
//! assert!(tbx.contains("<term>一网通办</term>"));
//! assert_eq!(interchange::read_str(&tbx, GlossaryFormat::Tbx)?, g);
//! # Ok::<(), zhgloss::Error>(())
//! ```

pub mod csv;
pub mod dictionary;
pub mod tbx;
pub mod tsv;

use std::path::Path;
use std::str::FromStr;

use crate::error::{Error, ErrorKind};
use crate::glossary::Glossary;

/// A glossary file format.
///
/// Parses from its name (`json`, `tbx`, `tsv`, `csv`, `jieba`, `hanlp`).
///
/// ```
/// use zhgloss::interchange::GlossaryFormat;
///
/// assert_eq!("tbx".parse::<GlossaryFormat>(), Ok(GlossaryFormat::Tbx));
/// assert_eq!(GlossaryFormat::from_path("术语.TSV"), Some(GlossaryFormat::Tsv));
/// assert!(!GlossaryFormat::Jieba.readable());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum GlossaryFormat {
    /// zhgloss's own JSON (`glossary.json`): every field.
    #[default]
    Json,
    /// TBX-Basic (ISO 30042), in the `martif` dialect CAT tools exchange; see [`tbx`].
    Tbx,
    /// OmegaT's tab-separated glossary: source, target, comment; see [`tsv`].
    Tsv,
    /// Comma-separated values with a header row, as MultiTerm and memoQ import them; see
    /// [`csv`](mod@csv).
    Csv,
    /// A jieba user dictionary, `word pos` a line; see [`dictionary`]. Written only.
    Jieba,
    /// A HanLP custom dictionary, `word pos freq` a line; see [`dictionary`]. Written only.
    Hanlp,
}

impl GlossaryFormat {
    /// The names of the formats, as the command line takes them.
    ///
    /// ```
    /// assert_eq!(zhgloss::interchange::GlossaryFormat::NAMES.len(), 6);
    /// ```
    pub const NAMES: [&'static str; 6] = ["json", "tbx", "tsv", "csv", "jieba", "hanlp"];

    /// The format's name.
    ///
    /// ```
    /// assert_eq!(zhgloss::interchange::GlossaryFormat::Csv.name(), "csv");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            GlossaryFormat::Json => "json",
            GlossaryFormat::Tbx => "tbx",
            GlossaryFormat::Tsv => "tsv",
            GlossaryFormat::Csv => "csv",
            GlossaryFormat::Jieba => "jieba",
            GlossaryFormat::Hanlp => "hanlp",
        }
    }

    /// The format a file's extension names (`.json`, `.tbx`, `.tsv`, `.csv`, in any case; also
    /// `.utf8` and `.tab`, OmegaT's names for its TSV), or `None`.
    ///
    /// ```
    /// use zhgloss::interchange::GlossaryFormat;
    ///
    /// assert_eq!(GlossaryFormat::from_path("glossary/金山.tbx"), Some(GlossaryFormat::Tbx));
    /// assert_eq!(GlossaryFormat::from_path("金山.txt"), None);
    /// ```
    pub fn from_path(path: impl AsRef<Path>) -> Option<GlossaryFormat> {
        let ext = path.as_ref().extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "json" => GlossaryFormat::Json,
            "tbx" => GlossaryFormat::Tbx,
            "tsv" | "utf8" | "tab" => GlossaryFormat::Tsv,
            "csv" => GlossaryFormat::Csv,
            _ => return None,
        })
    }

    /// Whether zhgloss reads glossaries in this format (the dictionaries hold only words).
    ///
    /// ```
    /// assert!(zhgloss::interchange::GlossaryFormat::Tbx.readable());
    /// ```
    pub fn readable(self) -> bool {
        !matches!(self, GlossaryFormat::Jieba | GlossaryFormat::Hanlp)
    }
}

impl FromStr for GlossaryFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<GlossaryFormat, String> {
        GlossaryFormat::NAMES
            .iter()
            .zip([
                GlossaryFormat::Json,
                GlossaryFormat::Tbx,
                GlossaryFormat::Tsv,
                GlossaryFormat::Csv,
                GlossaryFormat::Jieba,
                GlossaryFormat::Hanlp,
            ])
            .find(|(name, _)| **name == s)
            .map(|(_, f)| f)
            .ok_or_else(|| {
                format!(
                    "unknown glossary format {s:?} (expected one of: {})",
                    GlossaryFormat::NAMES.join(", ")
                )
            })
    }
}

/// How a glossary is written.
///
/// ```
/// use zhgloss::interchange::WriteOptions;
///
/// let opts = WriteOptions::new().lang("fr").traditional(true);
/// assert_eq!(opts.target_lang(), "fr");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteOptions {
    lang: String,
    traditional: bool,
}

impl Default for WriteOptions {
    fn default() -> WriteOptions {
        WriteOptions {
            lang: "en".to_string(),
            traditional: false,
        }
    }
}

impl WriteOptions {
    /// The defaults: English as the target of TSV, no traditional forms in dictionaries.
    ///
    /// ```
    /// assert_eq!(zhgloss::interchange::WriteOptions::new().target_lang(), "en");
    /// ```
    pub fn new() -> WriteOptions {
        WriteOptions::default()
    }

    /// The target language of the formats that hold one (TSV's target column). TBX and CSV
    /// hold every language the glossary has.
    ///
    /// ```
    /// let opts = zhgloss::interchange::WriteOptions::new().lang("de");
    /// assert_eq!(opts.target_lang(), "de");
    /// ```
    pub fn lang(mut self, lang: impl Into<String>) -> WriteOptions {
        self.lang = lang.into();
        self
    }

    /// The target language.
    ///
    /// ```
    /// assert_eq!(zhgloss::interchange::WriteOptions::new().target_lang(), "en");
    /// ```
    pub fn target_lang(&self) -> &str {
        &self.lang
    }

    /// Add the traditional-script spellings of every form to a dictionary (jieba, HanLP).
    ///
    /// ```
    /// use zhgloss::interchange::{self, GlossaryFormat, WriteOptions};
    ///
    /// let g = zhgloss::Glossary::builtin();
    /// let dict = interchange::write(&g, GlossaryFormat::Jieba, &WriteOptions::new().traditional(true))?;
    /// assert!(dict.lines().any(|l| l == "一網通辦 nz"));
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn traditional(mut self, yes: bool) -> WriteOptions {
        self.traditional = yes;
        self
    }
}

/// The glossary written in `format`.
///
/// # Errors
///
/// Only what a format cannot hold at all: a character XML 1.0 forbids (a control character
/// other than tab and line breaks) for TBX ([`ErrorKind::Glossary`]).
///
/// ```
/// use zhgloss::interchange::{self, GlossaryFormat, WriteOptions};
///
/// let g = zhgloss::Glossary::builtin();
/// let tsv = interchange::write(&g, GlossaryFormat::Tsv, &WriteOptions::new())?;
/// assert!(tsv.lines().any(|l| l.starts_with("一网通办\tGovernment Online-Offline Shanghai\t")));
/// # Ok::<(), zhgloss::Error>(())
/// ```
pub fn write(
    glossary: &Glossary,
    format: GlossaryFormat,
    options: &WriteOptions,
) -> Result<String, Error> {
    Ok(match format {
        GlossaryFormat::Json => glossary.to_json(),
        GlossaryFormat::Tbx => tbx::write(glossary)?,
        GlossaryFormat::Tsv => tsv::write(glossary, options.target_lang()),
        GlossaryFormat::Csv => csv::write(glossary),
        GlossaryFormat::Jieba => dictionary::jieba(glossary, options.traditional),
        GlossaryFormat::Hanlp => dictionary::hanlp(glossary, options.traditional),
    })
}

/// A glossary read from text in `format`, and validated.
///
/// # Errors
///
/// Malformed text ([`ErrorKind::Json`] for JSON, [`ErrorKind::Malformed`] for the others)
/// with its line (and column, for JSON and TBX); an inconsistent glossary
/// ([`ErrorKind::Glossary`]); a format zhgloss only writes.
///
/// ```
/// use zhgloss::interchange::{self, GlossaryFormat};
///
/// let g = interchange::read_str("一网通办\t\t是指……\n", GlossaryFormat::Tsv)?;
/// assert_eq!((g.entries[0].id, g.entries[0].term.as_str()), (1, "一网通办"));
/// let err = interchange::read_str("一网通办 nz\n", GlossaryFormat::Jieba).unwrap_err();
/// assert_eq!(err.to_string(), "zhgloss writes jieba dictionaries but does not read them: they hold no definitions");
/// # Ok::<(), zhgloss::Error>(())
/// ```
pub fn read_str(text: &str, format: GlossaryFormat) -> Result<Glossary, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let glossary = match format {
        GlossaryFormat::Json => return Glossary::from_json_str(text),
        GlossaryFormat::Tbx => tbx::read(text)?,
        GlossaryFormat::Tsv => tsv::read(text)?,
        GlossaryFormat::Csv => csv::read(text)?,
        GlossaryFormat::Jieba | GlossaryFormat::Hanlp => {
            return Err(Error::new(
                ErrorKind::Malformed,
                format!(
                    "zhgloss writes {} dictionaries but does not read them: they hold no definitions",
                    format.name()
                ),
            ));
        }
    };
    glossary.validate()?;
    Ok(glossary)
}

/// A glossary read from a file, in `format`, or else in the format its extension names, or
/// else as JSON. Errors name the file.
///
/// # Errors
///
/// As [`read_str`], and I/O errors; invalid UTF-8 with its byte offset.
///
/// ```
/// let err = zhgloss::interchange::from_path("没有.tbx", None).unwrap_err();
/// assert!(err.to_string().starts_with("没有.tbx: "));
/// ```
pub fn from_path(
    path: impl AsRef<Path>,
    format: Option<GlossaryFormat>,
) -> Result<Glossary, Error> {
    let path = path.as_ref();
    let format = format
        .or_else(|| GlossaryFormat::from_path(path))
        .unwrap_or_default();
    let bytes = std::fs::read(path).map_err(|e| Error::io(e).with_path(path))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to() as u64;
        Error::new(ErrorKind::InvalidUtf8, "glossary is not valid UTF-8")
            .with_path(path)
            .with_offset(at)
    })?;
    read_str(&text, format).map_err(|e| e.with_path(path))
}

/// Whether a form is written in traditional script: it has a character that folds to another
/// simplified one. Such forms go under `zh-Hant` in TBX.
pub(crate) fn is_traditional(form: &str) -> bool {
    form.chars()
        .any(|c| crate::fold::simplify(c).is_some_and(|s| s != c))
}

/// The 1-based line and column (in characters) of byte `offset` of `text`.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = text.get(..at).unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}
