//! TBX-Basic (ISO 30042), the termbase exchange format of CAT tools (Trados MultiTerm, memoQ,
//! Phrase, XTM, OmegaT, Weblate, and translate-toolkit, which several build on).
//!
//! Written in the `martif` dialect (TBX v2, ISO 30042:2008), the one these tools import,
//! with quick-xml, which escapes every text; a carriage return is written `&#13;` so that XML
//! line-end normalisation cannot turn it into a line feed. One `termEntry` per entry, its
//! `id` `e` and the entry's id (`e7`; `e7-2`, by position, where a merge repeats an id):
//!
//! | zhgloss | TBX |
//! | --- | --- |
//! | glossary `name`, `source` | `titleStmt/title`, `sourceDesc/p` |
//! | `term` | the `tig` whose `administrativeStatus` is `preferredTerm-admn-sts` |
//! | `aliases` | further `tig`s, `admittedTerm-admn-sts` |
//! | script of each form | its `langSet`: `xml:lang="zh-Hant"` for forms in traditional script, else `zh-Hans` |
//! | `definition`, `origin` | `descripGrp`: `descrip type="definition"` and its `admin type="source"` |
//! | `gloss` | `descrip type="explanation"` (ISO 12620's short explanation) |
//! | `note` | `note` |
//! | `scope` places | `termNote type="geographicalUsage"` on the term, one per place |
//! | `translations` | a `langSet` per language: its term (`admin type="source"`: `official: reference` or `own`), definition, explanation |
//! | `glossary` (of a merge) | `admin type="projectSubset"` |
//! | scope years, `excludes`, `occurrences`, the order of aliases in two scripts | no TBX-Basic field: the entry's first `note`, `zhgloss:{…}` (JSON) |
//!
//! Reading takes the same back, so zhgloss's TBX round-trips exactly. TBX from other tools reads too: any `zh` `langSet` holds the Chinese
//! forms, the preferred (else first) term is the term, a definition may be at concept level,
//! and entries whose `id` is not zhgloss's are numbered after the highest id.
//!
//! ```
//! use zhgloss::interchange::tbx;
//!
//! let g = zhgloss::Glossary::builtin();
//! let xml = tbx::write(&g)?;
//! assert!(xml.contains(r#"<langSet xml:lang="en">"#));
//! assert!(xml.contains(r#"<termNote type="geographicalUsage">上海市金山区</termNote>"#));
//! assert_eq!(tbx::read(&xml)?, g);
//!
//! let err = tbx::read("<martif><text><body><termEntry>\n  <langSet>").unwrap_err();
//! assert_eq!(err.to_string(), "line 2:3: a langSet has no xml:lang");
//! # Ok::<(), zhgloss::Error>(())
//! ```

use std::borrow::Cow;
use std::collections::BTreeMap;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesStart, BytesText, Event};
use quick_xml::reader::Reader;
use serde::{Deserialize, Serialize};

use super::{is_traditional, line_column};
use crate::error::{Error, ErrorKind};
use crate::glossary::{Entry, Glossary, Scope, Translation, TranslationSource};

const PREFERRED: &str = "preferredTerm-admn-sts";
const ADMITTED: &str = "admittedTerm-admn-sts";
/// The prefix of the note that carries the fields TBX-Basic has none for.
const EXTRAS: &str = "zhgloss:";

/// The fields of an entry that TBX-Basic has no data category for.
#[derive(Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Extras {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    from: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    until: Option<u16>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    excludes: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    occurrences: Option<u64>,
    /// Where each alias stands in the entry (by its position in the file), when grouping the
    /// forms by script put them in another order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    alias_order: Vec<usize>,
}

impl Extras {
    fn of(e: &Entry) -> Extras {
        Extras {
            from: e.scope.as_ref().and_then(|s| s.from),
            until: e.scope.as_ref().and_then(|s| s.until),
            excludes: e.excludes.clone(),
            occurrences: e.occurrences,
            alias_order: alias_order(e),
        }
    }

    fn is_empty(&self) -> bool {
        self.from.is_none()
            && self.until.is_none()
            && self.excludes.is_empty()
            && self.occurrences.is_none()
            && self.alias_order.is_empty()
    }
}

/// The aliases in the order the file lists them: the term's script first.
fn aliases_by_script(e: &Entry) -> Vec<usize> {
    let term_hant = is_traditional(&e.term);
    let (mut same, other): (Vec<usize>, Vec<usize>) = (0..e.aliases.len()).partition(|&i| {
        e.aliases
            .get(i)
            .is_some_and(|a| is_traditional(a) == term_hant)
    });
    same.extend(other);
    same
}

/// For each alias as the file lists it, its position in the entry; empty when that is the
/// entry's own order.
fn alias_order(e: &Entry) -> Vec<usize> {
    let order = aliases_by_script(e);
    if order.iter().enumerate().all(|(k, &i)| k == i) {
        Vec::new()
    } else {
        order
    }
}

/// The first character XML 1.0 cannot hold in any of the glossary's texts, with the entry
/// holding it (`None` for the glossary's name or source).
fn forbidden(glossary: &Glossary) -> Option<(Option<u32>, char)> {
    let bad = |s: &str| {
        s.chars().find(|&c| {
            (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
        })
    };
    if let Some(c) = bad(&glossary.name).or_else(|| bad(&glossary.source)) {
        return Some((None, c));
    }
    for e in &glossary.entries {
        let mut texts: Vec<&str> = vec![e.term.as_str(), e.definition.as_str()];
        texts.extend(e.aliases.iter().map(String::as_str));
        texts.extend(e.excludes.iter().map(String::as_str));
        texts.extend(
            [&e.gloss, &e.note, &e.origin, &e.glossary]
                .into_iter()
                .flatten()
                .map(String::as_str),
        );
        texts.extend(
            e.scope
                .iter()
                .flat_map(|s| s.places.iter().map(String::as_str)),
        );
        for t in e.translations.values() {
            texts.extend([t.term.as_str()]);
            texts.extend(
                [&t.definition, &t.gloss, &t.reference]
                    .into_iter()
                    .flatten()
                    .map(String::as_str),
            );
        }
        if let Some(c) = texts.into_iter().find_map(bad) {
            return Some((Some(e.id), c));
        }
    }
    None
}

/// Text content, escaped by quick-xml, with carriage returns as character references.
fn text(s: &str) -> BytesText<'static> {
    let escaped = quick_xml::escape::escape(s);
    BytesText::from_escaped(escaped.replace('\r', "&#13;"))
}

type W = Writer<Vec<u8>>;

/// `<name type="kind">text</name>`.
fn typed(w: &mut W, name: &str, kind: &str, content: &str) -> std::io::Result<()> {
    w.create_element(name)
        .with_attribute(("type", kind))
        .write_text_content(text(content))
        .map(|_| ())
}

/// `<name>text</name>`.
fn plain(w: &mut W, name: &str, content: &str) -> std::io::Result<()> {
    w.create_element(name)
        .write_text_content(text(content))
        .map(|_| ())
}

/// A `tig`: the term, its status, and what else goes on it.
fn tig(
    w: &mut W,
    term: &str,
    preferred: bool,
    notes: &[(&str, &str, &str)],
) -> std::io::Result<()> {
    w.create_element("tig")
        .write_inner_content(|w| {
            plain(w, "term", term)?;
            let status = if preferred { PREFERRED } else { ADMITTED };
            typed(w, "termNote", "administrativeStatus", status)?;
            for (name, kind, content) in notes {
                typed(w, name, kind, content)?;
            }
            Ok(())
        })
        .map(|_| ())
}

/// A definition with its source, and a gloss, at the head of a `langSet`.
fn descriptions(
    w: &mut W,
    definition: Option<&str>,
    source: Option<&str>,
    gloss: Option<&str>,
) -> std::io::Result<()> {
    if let Some(definition) = definition {
        w.create_element("descripGrp").write_inner_content(|w| {
            typed(w, "descrip", "definition", definition)?;
            if let Some(source) = source {
                typed(w, "admin", "source", source)?;
            }
            Ok(())
        })?;
    }
    if let Some(gloss) = gloss {
        typed(w, "descrip", "explanation", gloss)?;
    }
    Ok(())
}

/// How a translation's source is written: `official: reference`, `own`, `own: reference`.
fn source_text(t: &Translation) -> String {
    match t.reference.as_deref() {
        Some(r) => format!("{}: {r}", t.source.name()),
        None => t.source.name().to_string(),
    }
}

fn entry(w: &mut W, e: &Entry, xml_id: &str) -> std::io::Result<()> {
    w.create_element("termEntry")
        .with_attribute(("id", xml_id))
        .write_inner_content(|w| {
            if let Some(g) = &e.glossary {
                typed(w, "admin", "projectSubset", g)?;
            }
            // The fields TBX-Basic lacks come first, in the one note that can hold them; also
            // when empty, if the entry's own note could be taken for it.
            let extras = Extras::of(e);
            let ambiguous = e.note.as_deref().is_some_and(|n| n.starts_with(EXTRAS));
            if !extras.is_empty() || ambiguous {
                let json = serde_json::to_string(&extras).unwrap_or_default();
                plain(w, "note", &format!("{EXTRAS}{json}"))?;
            }
            if let Some(note) = &e.note {
                plain(w, "note", note)?;
            }
            // The forms by script, the term's script first.
            let term_hant = is_traditional(&e.term);
            let places: Vec<(&str, &str, &str)> = e
                .scope
                .iter()
                .flat_map(|s| s.places.iter())
                .map(|p| ("termNote", "geographicalUsage", p.as_str()))
                .collect();
            for hant in [term_hant, !term_hant] {
                let aliases: Vec<&String> = e
                    .aliases
                    .iter()
                    .filter(|a| is_traditional(a) == hant)
                    .collect();
                let with_term = hant == term_hant;
                if !with_term && aliases.is_empty() {
                    continue;
                }
                let lang = if hant { "zh-Hant" } else { "zh-Hans" };
                w.create_element("langSet")
                    .with_attribute(("xml:lang", lang))
                    .write_inner_content(|w| {
                        if with_term {
                            descriptions(
                                w,
                                Some(&e.definition),
                                e.origin.as_deref(),
                                e.gloss.as_deref(),
                            )?;
                            tig(w, &e.term, true, &places)?;
                        }
                        for a in aliases {
                            tig(w, a, false, &[])?;
                        }
                        Ok(())
                    })?;
            }
            for (lang, t) in &e.translations {
                w.create_element("langSet")
                    .with_attribute(("xml:lang", lang.as_str()))
                    .write_inner_content(|w| {
                        descriptions(w, t.definition.as_deref(), None, t.gloss.as_deref())?;
                        let source = source_text(t);
                        tig(w, &t.term, true, &[("admin", "source", &source)])
                    })?;
            }
            Ok(())
        })
        .map(|_| ())
}

/// The glossary as a TBX-Basic document (see the module documentation for the mapping).
///
/// # Errors
///
/// A text holding a character XML 1.0 cannot hold (a control character other than tab, line
/// feed and carriage return), naming the entry: no escape can write it.
///
/// ```
/// let mut g = zhgloss::Glossary::builtin();
/// g.entries[0].definition.push('\u{7}');
/// let err = zhgloss::interchange::tbx::write(&g).unwrap_err();
/// assert_eq!(err.to_string(), "entry 1 holds U+0007, which XML 1.0 cannot hold");
/// ```
pub fn write(glossary: &Glossary) -> Result<String, Error> {
    if let Some((id, c)) = forbidden(glossary) {
        let what = id.map_or_else(|| "the glossary".to_string(), |id| format!("entry {id}"));
        return Err(Error::glossary(format!(
            "{what} holds U+{:04X}, which XML 1.0 cannot hold",
            u32::from(c)
        )));
    }
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let mut seen: BTreeMap<u32, usize> = BTreeMap::new();
    for e in &glossary.entries {
        *seen.entry(e.id).or_default() += 1;
    }
    let result: std::io::Result<()> = (|| {
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.write_event(Event::DocType(BytesText::from_escaped(
            r#"martif SYSTEM "TBXBasiccoreStructV02.dtd""#,
        )))?;
        w.create_element("martif")
            .with_attribute(("type", "TBX-Basic"))
            .with_attribute(("xml:lang", "zh-Hans"))
            .write_inner_content(|w| {
                w.create_element("martifHeader").write_inner_content(|w| {
                    w.create_element("fileDesc").write_inner_content(|w| {
                        if !glossary.name.is_empty() {
                            w.create_element("titleStmt")
                                .write_inner_content(|w| plain(w, "title", &glossary.name))?;
                        }
                        w.create_element("sourceDesc").write_inner_content(|w| {
                            if glossary.source.is_empty() {
                                plain(w, "p", "zhgloss")
                            } else {
                                plain(w, "p", &glossary.source)
                            }
                        })?;
                        Ok(())
                    })?;
                    w.create_element("encodingDesc")
                        .write_inner_content(|w| typed(w, "p", "XCSURI", "TBXBasicXCSV02.xcs"))?;
                    Ok(())
                })?;
                w.create_element("text").write_inner_content(|w| {
                    w.create_element("body").write_inner_content(|w| {
                        for (k, e) in glossary.entries.iter().enumerate() {
                            let xml_id = if seen.get(&e.id).copied().unwrap_or(0) > 1 {
                                format!("e{}-{}", e.id, k + 1)
                            } else {
                                format!("e{}", e.id)
                            };
                            entry(w, e, &xml_id)?;
                        }
                        Ok(())
                    })?;
                    Ok(())
                })?;
                Ok(())
            })?;
        Ok(())
    })();
    result.map_err(Error::io)?;
    let mut out = String::from_utf8(w.into_inner()).unwrap_or_default();
    out.push('\n');
    Ok(out)
}

/// One `tig` as read.
#[derive(Default)]
struct RawTig {
    term: String,
    preferred: bool,
    places: Vec<String>,
    source: Option<String>,
}

/// One `langSet` as read.
#[derive(Default)]
struct RawLang {
    lang: String,
    definition: Option<String>,
    origin: Option<String>,
    gloss: Option<String>,
    tigs: Vec<RawTig>,
}

/// One `termEntry` as read.
#[derive(Default)]
struct RawEntry {
    id: Option<u32>,
    /// Where it starts, for messages.
    at: usize,
    subset: Option<String>,
    notes: Vec<String>,
    extras: Option<Extras>,
    definition: Option<String>,
    langs: Vec<RawLang>,
}

/// The zhgloss id in a `termEntry` id: `e7` or `e7-2`.
fn entry_id(attr: &str) -> Option<u32> {
    let digits = attr.strip_prefix('e')?;
    let digits = digits.split_once('-').map_or(digits, |(d, _)| d);
    digits.parse().ok()
}

fn attribute(e: &BytesStart<'_>, name: &str) -> Result<Option<String>, quick_xml::Error> {
    match e.try_get_attribute(name)? {
        Some(a) => Ok(Some(
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)?
                .into_owned(),
        )),
        None => Ok(None),
    }
}

/// Where in the document the reader is.
#[derive(Default)]
struct State {
    path: Vec<String>,
    /// The leaf element whose text is being gathered: its name and `type`, and how deep
    /// inline markup inside it goes.
    leaf: Option<(String, Option<String>, usize, usize)>,
    text: String,
    glossary: Glossary,
    entries: Vec<RawEntry>,
    entry: Option<RawEntry>,
    lang: Option<RawLang>,
    tig: Option<RawTig>,
}

/// Elements whose text is a value.
const LEAVES: [&str; 6] = ["term", "descrip", "termNote", "admin", "note", "title"];

impl State {
    fn inside(&self, name: &str) -> bool {
        self.path.iter().any(|p| p == name)
    }

    fn start(&mut self, e: &BytesStart<'_>, at: usize, text: &str) -> Result<(), Error> {
        let name = e.local_name().as_ref().to_string();
        if let Some((_, _, depth, _)) = &mut self.leaf {
            *depth += 1;
            self.path.push(name);
            return Ok(());
        }
        let xml = |err: quick_xml::Error| malformed(text, at, &err.to_string());
        match name.as_str() {
            "termEntry" => {
                let id = attribute(e, "id").map_err(xml)?;
                self.entry = Some(RawEntry {
                    id: id.as_deref().and_then(entry_id),
                    at,
                    ..RawEntry::default()
                });
            }
            "langSet" if self.entry.is_some() => {
                let lang = attribute(e, "xml:lang")
                    .map_err(xml)?
                    .or(attribute(e, "lang").map_err(xml)?)
                    .ok_or_else(|| malformed(text, at, "a langSet has no xml:lang"))?;
                self.lang = Some(RawLang {
                    lang,
                    ..RawLang::default()
                });
            }
            "tig" | "ntig" if self.lang.is_some() => self.tig = Some(RawTig::default()),
            leaf if LEAVES.contains(&leaf) || (leaf == "p" && self.inside("sourceDesc")) => {
                let kind = attribute(e, "type").map_err(xml)?;
                self.leaf = Some((name.clone(), kind, 0, at));
                self.text.clear();
            }
            _ => {}
        }
        if self.entry.is_none() && name == "langSet" {
            return Err(malformed(text, at, "a langSet outside a termEntry"));
        }
        self.path.push(name);
        Ok(())
    }

    fn end(&mut self, text: &str) -> Result<(), Error> {
        let name = self.path.pop().unwrap_or_default();
        if let Some((leaf, kind, depth, start)) = &mut self.leaf {
            if *depth > 0 {
                *depth -= 1;
                return Ok(());
            }
            let (leaf, kind, at) = (std::mem::take(leaf), kind.take(), *start);
            self.leaf = None;
            let value = std::mem::take(&mut self.text);
            return self.value(&leaf, kind.as_deref(), value, at, text);
        }
        match name.as_str() {
            "tig" | "ntig" => {
                if let (Some(tig), Some(lang)) = (self.tig.take(), self.lang.as_mut()) {
                    lang.tigs.push(tig);
                }
            }
            "langSet" => {
                if let (Some(lang), Some(entry)) = (self.lang.take(), self.entry.as_mut()) {
                    entry.langs.push(lang);
                }
            }
            "termEntry" => {
                if let Some(entry) = self.entry.take() {
                    self.entries.push(entry);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The text of a leaf element, put where it belongs.
    fn value(
        &mut self,
        leaf: &str,
        kind: Option<&str>,
        value: String,
        at: usize,
        text: &str,
    ) -> Result<(), Error> {
        let in_group = self.inside("descripGrp");
        if let Some(tig) = self.tig.as_mut() {
            match (leaf, kind) {
                ("term", _) => tig.term = value,
                ("termNote", Some("administrativeStatus")) => {
                    tig.preferred = value.trim() == PREFERRED || value.trim() == "preferredTerm";
                }
                ("termNote", Some("geographicalUsage")) => tig.places.push(value),
                ("admin", Some("source")) => tig.source = Some(value),
                _ => {}
            }
        } else if let Some(lang) = self.lang.as_mut() {
            match (leaf, kind) {
                ("descrip", Some("definition")) => lang.definition = Some(value),
                ("descrip", Some("explanation")) => lang.gloss = Some(value),
                ("admin", Some("source")) if in_group => lang.origin = Some(value),
                _ => {}
            }
        } else if let Some(entry) = self.entry.as_mut() {
            match (leaf, kind) {
                // Only the entry's first note can be zhgloss's.
                ("note", _) => match value.strip_prefix(EXTRAS) {
                    Some(json) if entry.extras.is_none() && entry.notes.is_empty() => {
                        let extras = serde_json::from_str(json).map_err(|e| {
                            malformed(
                                text,
                                at,
                                &format!("a zhgloss note that is not zhgloss's: {e}"),
                            )
                        })?;
                        entry.extras = Some(extras);
                    }
                    _ => {
                        // Past the first note, zhgloss's can no longer come.
                        entry.extras.get_or_insert_with(Extras::default);
                        entry.notes.push(value);
                    }
                },
                ("admin", Some("projectSubset")) => entry.subset = Some(value),
                ("descrip", Some("definition")) => entry.definition = Some(value),
                _ => {}
            }
        } else if leaf == "title" && self.inside("titleStmt") {
            self.glossary.name = value;
        } else if leaf == "p" && self.inside("sourceDesc") && value != "zhgloss" {
            self.glossary.source = value;
        }
        Ok(())
    }
}

fn malformed(text: &str, at: usize, message: &str) -> Error {
    let (line, column) = line_column(text, at);
    Error::new(ErrorKind::Malformed, message)
        .with_line(line)
        .with_column(column)
}

/// The Chinese languages: `zh`, `zh-Hans`, `zh-CN`, `zh-Hant-TW`…
fn is_chinese(lang: &str) -> bool {
    lang.split(['-', '_'])
        .next()
        .is_some_and(|l| l.eq_ignore_ascii_case("zh"))
}

/// A translation's source as written: `official: reference`, `own`, or other text (the
/// reference of a rendering of unknown standing, taken as own).
fn parse_source(s: Option<&str>) -> (TranslationSource, Option<String>) {
    let Some(s) = s.map(str::trim) else {
        return (TranslationSource::Own, None);
    };
    for (name, source) in [
        ("official", TranslationSource::Official),
        ("own", TranslationSource::Own),
    ] {
        if s == name {
            return (source, None);
        }
        if let Some(r) = s.strip_prefix(name).and_then(|r| r.strip_prefix(": ")) {
            return (source, Some(r.to_string()));
        }
    }
    (TranslationSource::Own, Some(s.to_string()))
}

fn build(raw: RawEntry, id: u32, text: &str) -> Result<Entry, Error> {
    let mut e = Entry {
        id,
        glossary: raw.subset,
        ..Entry::default()
    };
    let (chinese, others): (Vec<RawLang>, Vec<RawLang>) =
        raw.langs.into_iter().partition(|l| is_chinese(&l.lang));
    let preferred = chinese
        .iter()
        .position(|l| l.tigs.iter().any(|t| t.preferred))
        .or_else(|| chinese.iter().position(|l| !l.tigs.is_empty()))
        .ok_or_else(|| {
            malformed(
                text,
                raw.at,
                "a termEntry has no Chinese term (a zh langSet with a tig)",
            )
        })?;
    let mut places = Vec::new();
    for (k, lang) in chinese.iter().enumerate() {
        let term_at =
            (k == preferred).then(|| lang.tigs.iter().position(|t| t.preferred).unwrap_or(0));
        for (i, t) in lang.tigs.iter().enumerate() {
            if Some(i) == term_at {
                e.term.clone_from(&t.term);
                places.clone_from(&t.places);
            } else {
                e.aliases.push(t.term.clone());
            }
        }
    }
    // The term's langSet first, then the others: its definition is the entry's.
    let mut order: Vec<&RawLang> = chinese.get(preferred).into_iter().collect();
    order.extend(
        chinese
            .iter()
            .enumerate()
            .filter(|(k, _)| *k != preferred)
            .map(|(_, l)| l),
    );
    if let Some(l) = order.iter().find(|l| l.definition.is_some()) {
        e.definition = l.definition.clone().unwrap_or_default();
        e.origin.clone_from(&l.origin);
    } else if let Some(d) = raw.definition {
        e.definition = d;
    }
    e.gloss = order.iter().find_map(|l| l.gloss.clone());
    if !raw.notes.is_empty() {
        e.note = Some(raw.notes.join("\n"));
    }
    let extras = raw.extras.unwrap_or_default();
    if !places.is_empty() {
        e.scope = Some(Scope {
            places,
            from: extras.from,
            until: extras.until,
        });
    }
    e.excludes = extras.excludes;
    e.occurrences = extras.occurrences;
    if extras.alias_order.len() == e.aliases.len() {
        let mut ordered: Vec<(usize, String)> = extras
            .alias_order
            .iter()
            .copied()
            .zip(std::mem::take(&mut e.aliases))
            .collect();
        ordered.sort_by_key(|&(i, _)| i);
        e.aliases = ordered.into_iter().map(|(_, a)| a).collect();
    }
    for lang in others {
        let Some(t) = lang
            .tigs
            .iter()
            .find(|t| t.preferred)
            .or_else(|| lang.tigs.first())
        else {
            continue;
        };
        let (source, reference) = parse_source(t.source.as_deref());
        e.translations
            .entry(lang.lang.clone())
            .or_insert(Translation {
                term: t.term.clone(),
                definition: lang.definition,
                gloss: lang.gloss,
                source,
                reference,
            });
    }
    Ok(e)
}

/// A glossary read from a TBX document (not yet validated: see
/// [`interchange::read_str`](super::read_str)).
///
/// # Errors
///
/// Malformed XML, a `langSet` without `xml:lang`, a `termEntry` without a Chinese term:
/// [`ErrorKind::Malformed`] with the line and column (in characters) where quick-xml found
/// it, or where the element starts.
///
/// ```
/// let err = zhgloss::interchange::tbx::read("<martif>\n<text><body>\n  <termEntry></langSet>").unwrap_err();
/// assert_eq!((err.line(), err.column()), (Some(3), Some(14)));
/// ```
pub fn read(text: &str) -> Result<Glossary, Error> {
    let mut reader = Reader::from_str(text);
    let mut state = State::default();
    loop {
        let at = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = reader.read_event().map_err(|err| {
            let at = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
            malformed(text, at, &err.to_string())
        })?;
        let gathering = state.leaf.is_some();
        match event {
            Event::Start(e) => state.start(&e, at, text)?,
            Event::Empty(e) => {
                state.start(&e, at, text)?;
                state.end(text)?;
            }
            Event::End(_) => state.end(text)?,
            Event::Text(t) if gathering => state.text.push_str(&t.xml10_content()),
            Event::CData(t) if gathering => {
                state.text.push_str(&t.into_inner());
            }
            Event::GeneralRef(r) if gathering => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(Cow::Owned(c.to_string())),
                    Ok(None) => match &*r {
                        "lt" => Some(Cow::Borrowed("<")),
                        "gt" => Some(Cow::Borrowed(">")),
                        "amp" => Some(Cow::Borrowed("&")),
                        "apos" => Some(Cow::Borrowed("'")),
                        "quot" => Some(Cow::Borrowed("\"")),
                        _ => None,
                    },
                    Err(_) => None,
                };
                let c = c.ok_or_else(|| {
                    malformed(
                        text,
                        at,
                        &format!("unknown entity or character reference &{};", &*r),
                    )
                })?;
                state.text.push_str(&c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !state.path.is_empty() {
        return Err(malformed(
            text,
            text.len(),
            &format!("the document ends inside <{}>", state.path.join("><")),
        ));
    }
    let mut next = state.entries.iter().filter_map(|e| e.id).max().unwrap_or(0);
    let mut glossary = state.glossary;
    for raw in state.entries {
        let id = match raw.id {
            Some(id) => id,
            None => {
                next += 1;
                next
            }
        };
        glossary.entries.push(build(raw, id, text)?);
    }
    Ok(glossary)
}
