//! Comma-separated values with a header row, the table Trados MultiTerm (through MultiTerm
//! Convert) and memoQ import: on import each column is mapped to a language's term or to a
//! field, and the header names the columns for that dialog.
//!
//! One row per entry, written with the `csv` crate, which quotes any field holding a comma, a
//! quote or a line break, so every text round-trips exactly. The columns, in order (the
//! repeated and per-language ones only as many as the glossary needs):
//!
//! | column | holds |
//! | --- | --- |
//! | `id` | the entry's id |
//! | `zh` | the term |
//! | `zh synonym 1`, `zh synonym 2`… | the aliases, one a column (as MultiTerm and memoQ map synonyms) |
//! | `definition`, `gloss`, `note`, `origin` | the entry's fields |
//! | `places` | the scope's places, joined with `;` (a place's name never holds one) |
//! | `from`, `until` | the scope's years |
//! | `excludes 1`, `excludes 2`… | the expressions excluded |
//! | `glossary` | the glossary of an entry of a merge |
//! | `occurrences` | the count of a document's glossary |
//! | `en`, `en definition`, `en gloss`, `en source`, `en reference` | each language's translation (`source`: `official` or `own`) |
//!
//! A cell that a spreadsheet would run as a formula (one starting with `=`, `+`, `-`, `@`, a
//! tab, a carriage return or a line feed: a definition `-指…`, a term `+1` or `=HYPERLINK(…)`
//! from a glossary of unknown origin) is written with a single quote before it, as OWASP's
//! guidance on CSV injection says, so that Excel, LibreOffice and Google Sheets show it as
//! text. Reading removes that quote again, so the round trip stays exact: on writing, a cell
//! made of quotes then such a character gets one more quote; on reading, a cell of one quote
//! or more then such a character loses one. (A table written elsewhere with such a quote of its
//! own loses it: that is the guard's mark.)
//!
//! An empty cell is an absent field (an empty `gloss` reads as none). Reading takes the columns
//! by their header names, in any order; `id`, `zh` and `definition`
//! are required, unknown columns are an error naming them (a misspelt column would otherwise
//! lose its data), and a malformed row is an error naming its line.
//!
//! ```
//! use zhgloss::interchange::csv;
//!
//! let g = zhgloss::Glossary::builtin();
//! let text = csv::write(&g);
//! assert!(text.starts_with("id,zh,zh synonym 1,zh synonym 2,definition,gloss,note,origin,places,from,until,excludes 1,"));
//! // CSV has no place for the glossary's name and source: the entries come back exactly.
//! assert_eq!(csv::read(&text)?.entries, g.entries);
//!
//! let err = csv::read("id,zh,definition,colour\n1,一网通办,是指……,红\n").unwrap_err();
//! assert_eq!(err.to_string(), "line 1: unknown column \"colour\"");
//! # Ok::<(), zhgloss::Error>(())
//! ```

use std::collections::BTreeSet;

use super::tsv::{csv_error, line_of};
use crate::error::{Error, ErrorKind};
use crate::glossary::{Entry, Glossary, Scope, Translation, TranslationSource};

/// The first characters by which a spreadsheet takes a cell for a formula (OWASP: CSV
/// injection), and the line feed, which some take like the carriage return.
const FORMULA_STARTS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\n'];

/// Whether `cell`, after any quotes it starts with, starts with a formula character.
fn formula_like(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// A cell as written: with one quote more before it when a spreadsheet could run it.
fn guard(cell: String) -> String {
    if formula_like(&cell) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// A cell as read: without the quote [`guard`] put before it.
fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if formula_like(rest) => rest,
        _ => cell,
    }
}

/// The per-language columns after the language's own (its term).
const LANG_FIELDS: [&str; 4] = ["definition", "gloss", "source", "reference"];

/// The glossary as CSV with a header row.
///
/// ```
/// let mut g = zhgloss::Glossary::builtin();
/// g.entries[0].definition = "是指“三张”清单,\n含正面清单。".into();
/// let text = zhgloss::interchange::csv::write(&g);
/// assert!(text.contains("\"是指“三张”清单,\n含正面清单。\""));
/// // A cell a spreadsheet would run as a formula is written as text, and read back as it was.
/// g.entries[1].definition = "=HYPERLINK(\"http://x\",\"一网通办\")".into();
/// let text = zhgloss::interchange::csv::write(&g);
/// assert!(text.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"一网通办\"\")\","));
/// assert_eq!(zhgloss::interchange::csv::read(&text)?.entries, g.entries);
/// # Ok::<(), zhgloss::Error>(())
/// ```
pub fn write(glossary: &Glossary) -> String {
    let es = &glossary.entries;
    let synonyms = es.iter().map(|e| e.aliases.len()).max().unwrap_or(0);
    let excludes = es.iter().map(|e| e.excludes.len()).max().unwrap_or(0);
    let langs: BTreeSet<&str> = es
        .iter()
        .flat_map(|e| e.translations.keys().map(String::as_str))
        .collect();
    let merged = es.iter().any(|e| e.glossary.is_some());
    let counted = es.iter().any(|e| e.occurrences.is_some());
    let mut header: Vec<String> = vec!["id".into(), "zh".into()];
    header.extend((1..=synonyms).map(|i| format!("zh synonym {i}")));
    header.extend(
        [
            "definition",
            "gloss",
            "note",
            "origin",
            "places",
            "from",
            "until",
        ]
        .map(String::from),
    );
    header.extend((1..=excludes).map(|i| format!("excludes {i}")));
    if merged {
        header.push("glossary".into());
    }
    if counted {
        header.push("occurrences".into());
    }
    for lang in &langs {
        header.push((*lang).to_string());
        header.extend(LANG_FIELDS.iter().map(|f| format!("{lang} {f}")));
    }
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut rows = vec![header];
    // Every cell of the entries guarded; the header's names are ours.
    for e in es {
        let opt = |s: &Option<String>| s.clone().unwrap_or_default();
        let year = |y: Option<u16>| y.map(|y| y.to_string()).unwrap_or_default();
        let mut row = vec![e.id.to_string(), e.term.clone()];
        row.extend((0..synonyms).map(|i| e.aliases.get(i).cloned().unwrap_or_default()));
        row.extend([
            e.definition.clone(),
            opt(&e.gloss),
            opt(&e.note),
            opt(&e.origin),
            e.scope
                .as_ref()
                .map(|s| s.places.join(";"))
                .unwrap_or_default(),
            year(e.scope.as_ref().and_then(|s| s.from)),
            year(e.scope.as_ref().and_then(|s| s.until)),
        ]);
        row.extend((0..excludes).map(|i| e.excludes.get(i).cloned().unwrap_or_default()));
        if merged {
            row.push(opt(&e.glossary));
        }
        if counted {
            row.push(e.occurrences.map(|n| n.to_string()).unwrap_or_default());
        }
        for lang in &langs {
            match e.translations.get(*lang) {
                Some(t) => row.extend([
                    t.term.clone(),
                    opt(&t.definition),
                    opt(&t.gloss),
                    t.source.name().to_string(),
                    opt(&t.reference),
                ]),
                None => row.extend(std::iter::repeat_n(String::new(), 1 + LANG_FIELDS.len())),
            }
        }
        rows.push(row.into_iter().map(guard).collect());
    }
    for row in rows {
        // Writing to a Vec cannot fail, and every row has the header's length.
        let _ = w.write_record(&row);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// What a column holds.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Column {
    Id,
    Term,
    Synonym,
    Definition,
    Gloss,
    Note,
    Origin,
    Places,
    From,
    Until,
    Excludes,
    Glossary,
    Occurrences,
    /// A language's term, or one of its [`LANG_FIELDS`].
    Lang(String, Option<&'static str>),
}

fn column(name: &str) -> Option<Column> {
    let name = name.trim();
    Some(match name {
        "id" => Column::Id,
        "zh" | "zh-Hans" | "zh-Hant" | "term" => Column::Term,
        "definition" => Column::Definition,
        "gloss" => Column::Gloss,
        "note" => Column::Note,
        "origin" => Column::Origin,
        "places" => Column::Places,
        "from" => Column::From,
        "until" => Column::Until,
        "glossary" => Column::Glossary,
        "occurrences" => Column::Occurrences,
        _ => {
            if let Some(n) = name.strip_prefix("zh synonym ") {
                n.parse::<usize>().ok()?;
                return Some(Column::Synonym);
            }
            if let Some(n) = name.strip_prefix("excludes ") {
                n.parse::<usize>().ok()?;
                return Some(Column::Excludes);
            }
            let (lang, field) = match name.split_once(' ') {
                Some((lang, field)) => (lang, Some(*LANG_FIELDS.iter().find(|f| **f == field)?)),
                None => (name, None),
            };
            if !crate::glossary::is_language_tag(lang) {
                return None;
            }
            Column::Lang(lang.to_string(), field)
        }
    })
}

/// A glossary read from CSV with a header row (not yet validated: see
/// [`interchange::read_str`](super::read_str)).
///
/// # Errors
///
/// A header without `id`, `zh` or `definition`, or with a column it does not know; a row whose
/// id or year is not a number, or with another number of fields than the header: each
/// [`ErrorKind::Malformed`], naming the line.
///
/// ```
/// let g = zhgloss::interchange::csv::read("zh,definition,id,en\n一网通办,是指……,2,Government Online-Offline Shanghai\n")?;
/// assert_eq!(g.entries[0].id, 2);
/// let err = zhgloss::interchange::csv::read("id,zh,definition\n1,一网通办,是指……\n二,三线一单,是指……\n").unwrap_err();
/// assert_eq!(err.to_string(), "line 3: id \"二\" is not a number");
/// # Ok::<(), zhgloss::Error>(())
/// ```
pub fn read(text: &str) -> Result<Glossary, Error> {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(h) => h.map_err(|e| csv_error(&e, text))?,
        None => return Ok(Glossary::default()),
    };
    let at_line =
        |line: usize, message: String| Error::new(ErrorKind::Malformed, message).with_line(line);
    let mut columns = Vec::with_capacity(header.len());
    for name in &header {
        let name = name.strip_prefix('\u{feff}').unwrap_or(name);
        columns.push(column(name).ok_or_else(|| at_line(1, format!("unknown column {name:?}")))?);
    }
    for required in [Column::Id, Column::Term, Column::Definition] {
        if !columns.contains(&required) {
            let name = match required {
                Column::Id => "id",
                Column::Term => "zh",
                _ => "definition",
            };
            return Err(at_line(1, format!("no {name:?} column")));
        }
    }
    let mut glossary = Glossary::default();
    for record in records {
        let record = record.map_err(|e| csv_error(&e, text))?;
        let line = record.position().map_or(0, |p| line_of(text, p));
        let mut e = Entry::default();
        let mut scope = Scope::default();
        for (column, value) in columns.iter().zip(record.iter()) {
            let value = unguard(value);
            let number = |what: &str| {
                value
                    .trim()
                    .parse::<u64>()
                    .map_err(|_| at_line(line, format!("{what} {value:?} is not a number")))
            };
            let year = |what: &str| -> Result<Option<u16>, Error> {
                if value.trim().is_empty() {
                    return Ok(None);
                }
                let n = number(what)?;
                u16::try_from(n)
                    .map(Some)
                    .map_err(|_| at_line(line, format!("{what} {value:?} is not a year")))
            };
            let text = || (!value.is_empty()).then(|| value.to_string());
            match column {
                Column::Id => {
                    e.id = u32::try_from(number("id")?)
                        .map_err(|_| at_line(line, format!("id {value:?} is too large")))?;
                }
                Column::Term => e.term = value.to_string(),
                Column::Synonym => e.aliases.extend(text()),
                Column::Definition => e.definition = value.to_string(),
                Column::Gloss => e.gloss = text(),
                Column::Note => e.note = text(),
                Column::Origin => e.origin = text(),
                Column::Places => {
                    scope.places = value
                        .split(';')
                        .map(str::trim)
                        .filter(|p| !p.is_empty())
                        .map(str::to_string)
                        .collect();
                }
                Column::From => scope.from = year("from")?,
                Column::Until => scope.until = year("until")?,
                Column::Excludes => e.excludes.extend(text()),
                Column::Glossary => e.glossary = text(),
                Column::Occurrences => {
                    if !value.trim().is_empty() {
                        e.occurrences = Some(number("occurrences")?);
                    }
                }
                Column::Lang(lang, field) => {
                    if value.is_empty() {
                        continue;
                    }
                    let t = e.translations.entry(lang.clone()).or_default();
                    match field {
                        None => t.term = value.to_string(),
                        Some("definition") => t.definition = text(),
                        Some("gloss") => t.gloss = text(),
                        Some("source") => {
                            t.source = match value.trim() {
                                "official" => TranslationSource::Official,
                                "own" => TranslationSource::Own,
                                _ => {
                                    return Err(at_line(
                                        line,
                                        format!("{lang} source {value:?} is not official or own"),
                                    ));
                                }
                            }
                        }
                        Some(_) => t.reference = text(),
                    }
                }
            }
        }
        if !scope.places.is_empty() || scope.from.is_some() || scope.until.is_some() {
            e.scope = Some(scope);
        }
        e.translations
            .retain(|_, t: &mut Translation| !t.term.is_empty() || t.definition.is_some());
        glossary.entries.push(e);
    }
    Ok(glossary)
}
