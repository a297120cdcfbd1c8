//! OmegaT's glossary format: UTF-8 text, one term a line, three tab-separated columns: the
//! source term, its target-language term, and a comment. translate-toolkit reads it as OmegaT
//! does.
//!
//! Written: one line per surface form (the term, then each alias), so that OmegaT finds every
//! form; each line has the entry's translation into the target language (empty where it has
//! none: the translator fills it in) and the definition as its comment. No header: OmegaT and
//! translate-toolkit would read one as a term.
//!
//! The format has no quoting, so a tab or line break inside a field cannot be written: each is
//! written as one space (in a term that changes nothing the annotator finds, since it folds
//! whitespace; in a definition it joins its lines). That is the one change a round trip makes.
//! A term starting with `#` is written as it is, though OmegaT skips such lines as comments.
//!
//! Read: lines starting with `#` and blank lines are skipped, as OmegaT skips them; a line
//! with fewer than two columns is an error naming its line. Consecutive lines with the same
//! target and comment are one entry, the first its term and the rest aliases. Entries are
//! numbered from 1; the target becomes the translation into `en`, of the glossary author's
//! own (`"source": "own"`), unless it is empty.
//!
//! ```
//! use zhgloss::interchange::tsv;
//!
//! let g = zhgloss::Glossary::builtin();
//! let text = tsv::write(&g, "en");
//! assert!(text.starts_with("三张清单\t\t是指新增工业用地正面清单"));
//! let back = tsv::read(&text)?;
//! assert_eq!(back.entries.len(), 29);
//! assert_eq!(back.entries[4].aliases, ["审批权限“三集中”", "审批流程“三集中”"]);
//!
//! let err = tsv::read("一网通办\t\t是指……\n三线一单\n").unwrap_err();
//! assert_eq!(err.to_string(), "line 2: a glossary line has a term but no tab-separated target or comment");
//! # Ok::<(), zhgloss::Error>(())
//! ```

use crate::error::{Error, ErrorKind};
use crate::glossary::{Entry, Glossary, Translation};

/// A field as OmegaT's format can hold it: tabs and line breaks as spaces.
pub(crate) fn one_line(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{B}' | '\u{C}' => {
                out.push(' ');
            }
            c => out.push(c),
        }
    }
    out
}

/// The glossary in OmegaT's TSV, with `lang` as the target language.
///
/// ```
/// let g = zhgloss::Glossary::builtin();
/// let text = zhgloss::interchange::tsv::write(&g, "en");
/// assert_eq!(text.lines().count(), 34); // 29 terms and 5 aliases
/// ```
pub fn write(glossary: &Glossary, lang: &str) -> String {
    let mut out = String::new();
    for e in &glossary.entries {
        let target = e
            .translation(lang)
            .map(|t| one_line(&t.term))
            .unwrap_or_default();
        let comment = one_line(&e.definition);
        for form in e.surface_forms() {
            out.push_str(&one_line(form));
            out.push('\t');
            out.push_str(&target);
            out.push('\t');
            out.push_str(&comment);
            out.push('\n');
        }
    }
    out
}

/// A glossary read from OmegaT's TSV (not yet validated: see
/// [`interchange::read_str`](super::read_str)); targets become `en` translations.
///
/// # Errors
///
/// A line with a term but no second column ([`ErrorKind::Malformed`], naming the line).
///
/// ```
/// let g = zhgloss::interchange::tsv::read("# 金山\n一网通办\tGovernment Online-Offline Shanghai\t是指……\n")?;
/// assert_eq!(g.entries[0].translation("en").unwrap().term, "Government Online-Offline Shanghai");
/// # Ok::<(), zhgloss::Error>(())
/// ```
pub fn read(text: &str) -> Result<Glossary, Error> {
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut glossary = Glossary::default();
    // The target and comment of the entry being read.
    let mut current: Option<(String, String)> = None;
    let mut record = ::csv::StringRecord::new();
    loop {
        let more = reader
            .read_record(&mut record)
            .map_err(|e| csv_error(&e, text))?;
        if !more {
            break;
        }
        let line = record.position().map_or(0, |p| line_of(text, p));
        let term = record.get(0).unwrap_or_default();
        let term = term.strip_suffix('\r').unwrap_or(term);
        if term.starts_with('#') || (record.len() <= 1 && term.trim().is_empty()) {
            continue;
        }
        if record.len() < 2 {
            return Err(Error::new(
                ErrorKind::Malformed,
                "a glossary line has a term but no tab-separated target or comment",
            )
            .with_line(line));
        }
        let field = |i: usize| {
            let f = record.get(i).unwrap_or_default();
            // The last field of a CRLF line keeps its CR in the csv crate's unquoted mode.
            if i + 1 == record.len() {
                f.strip_suffix('\r').unwrap_or(f).to_string()
            } else {
                f.to_string()
            }
        };
        let (target, comment) = (field(1), field(2));
        let same = current
            .as_ref()
            .is_some_and(|(t, c)| *t == target && *c == comment);
        match glossary.entries.last_mut() {
            Some(e) if same => e.aliases.push(term.to_string()),
            _ => {
                let id = u32::try_from(glossary.entries.len() + 1).unwrap_or(u32::MAX);
                let mut e = Entry::new(id, term, comment.clone());
                if !target.trim().is_empty() {
                    e.translations
                        .insert("en".to_string(), Translation::new(target.clone()));
                }
                glossary.entries.push(e);
                current = Some((target, comment));
            }
        }
    }
    Ok(glossary)
}

/// The 1-based line of a csv crate position in `text`, counted from its byte offset (the
/// crate's own line count leaves out blank lines).
pub(crate) fn line_of(text: &str, p: &::csv::Position) -> usize {
    let at = usize::try_from(p.byte()).unwrap_or(usize::MAX);
    // A record's position is where the reader stood, before the blank lines it skipped.
    let skipped = text.get(at..).map_or(0, |rest| {
        rest.len() - rest.trim_start_matches(['\r', '\n']).len()
    });
    super::line_column(text, at + skipped).0
}

/// A csv crate error as a zhgloss error, with the record's line.
pub(crate) fn csv_error(e: &::csv::Error, text: &str) -> Error {
    let mut message = e.to_string();
    // The crate's message repeats a position (with its own line count): ours goes in front.
    if let Some(i) = message.find(" (line ") {
        message.truncate(i);
    }
    let mut err = Error::new(ErrorKind::Malformed, message);
    if let Some(p) = e.position() {
        err = err.with_line(line_of(text, p));
    }
    err
}
