//! The glossary: plain serde data, its validation, and the embedded default.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use serde::de::value::MapAccessDeserializer;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::error::Error;
use crate::fold::{CLOSING_QUOTES, FoldOptions, OPENING_QUOTES, fold_term};
use crate::places;

/// The 29 definitions of the 2020 Jinshan report, as shipped in `glossary.json`.
const BUILTIN_JSON: &str = include_str!("../glossary.json");

/// A glossary: named entries, each a term with its definition.
///
/// Plain data with public fields, in the JSON format of the crate's `glossary.json`. Build one by
/// hand, load one with [`Glossary::from_json_str`], [`Glossary::from_reader`] or
/// [`Glossary::from_path`] (all of which [validate](Glossary::validate) it), or start from the
/// [built-in](Glossary::builtin) one.
///
/// # Example
///
/// ```
/// use zhgloss::Glossary;
///
/// let g = Glossary::from_json_str(r#"{
///   "name": "示例",
///   "entries": [
///     {"id": 1, "term": "一网统管", "definition": "是指城市运行一网统管。"}
///   ]
/// }"#)?;
/// assert_eq!(g.entries[0].term, "一网统管");
/// assert!(g.entries[0].aliases.is_empty());
/// # Ok::<(), zhgloss::Error>(())
/// ```
// `remote = "Self"` makes the derives inherent functions, wrapped below so that a glossary is
// read from a JSON object only: serde's derive also takes an array of the fields in order, and
// then no field name, misspelt or not, is ever checked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct Glossary {
    /// A human-readable name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Where the definitions come from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// The entries, in the order of their source.
    pub entries: Vec<Entry>,
}

/// One glossary entry: a term, the other ways running text writes it, and its meaning.
///
/// # Example
///
/// ```
/// let g = zhgloss::Glossary::builtin();
/// let e = g.entry(7).unwrap();
/// assert_eq!(e.term, "金10条");
/// assert_eq!(e.surface_forms().collect::<Vec<_>>(), ["金10条", "金 10 条"]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct Entry {
    /// The entry's number in its source (the report's 名词解释); unique in a glossary.
    pub id: u32,
    /// The headword exactly as the source writes it.
    pub term: String,
    /// Other surface forms that mean this entry in running text. Spacing, width and quote
    /// variants need none: the annotator folds those itself.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The definition, verbatim from the source.
    pub definition: String,
    /// A short expansion for inline rendering; see [`Entry::short_gloss`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gloss: Option<String>,
    /// An editorial note, such as a correction made to the source text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where the entry was found, when it was extracted from a report (for example
    /// `"名词解释"` or `"以下简称"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// Where and when the definition holds; an entry without one holds everywhere, always.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
    /// Longer expressions that hold the term and mean something else (黄金10条 for 金10条): a
    /// match inside one of them is not this entry's sense.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excludes: Vec<String>,
    /// The glossary the entry comes from, when several were merged ([`Glossary::merge`]):
    /// ids are unique within a glossary, so `(glossary, id)` names an entry of a merge. `None`
    /// for an entry of the glossary itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub glossary: Option<String>,
    /// The entry in other languages, by language tag (`en`, `fr`, `en-GB`): what the
    /// renderers show with [`Options::lang`](crate::render::Options::lang) and the
    /// interchange formats carry as target languages. Chinese itself is the entry.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, Translation>,
    /// How many times the document this glossary was made from uses the entry (set by the
    /// `glossary` output format, [`Format::Glossary`](crate::render::Format::Glossary)); the
    /// annotator ignores it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurrences: Option<u64>,
}

/// An entry in another language: its term, and optionally its definition and short gloss, with
/// where the rendering comes from.
///
/// ```
/// use zhgloss::{Glossary, TranslationSource};
///
/// let g = Glossary::from_json_str(r#"{"entries": [{
///     "id": 2, "term": "一网通办", "definition": "……",
///     "translations": {"en": {"term": "Government Online-Offline Shanghai", "source": "official",
///         "reference": "https://english.shanghai.gov.cn/"}}
/// }]}"#)?;
/// let en = g.entries[0].translation("en").unwrap();
/// assert_eq!((en.term.as_str(), en.source), ("Government Online-Offline Shanghai", TranslationSource::Official));
///
/// // An official rendering says where it is published:
/// let err = Glossary::from_json_str(r#"{"entries": [{"id": 2, "term": "一网通办", "definition": "……",
///     "translations": {"en": {"term": "One Network", "source": "official"}}}]}"#).unwrap_err();
/// assert_eq!(err.to_string(), "entry 2's en translation is official but has no reference (where it is published)");
/// # Ok::<(), zhgloss::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct Translation {
    /// The term in this language.
    pub term: String,
    /// The definition in this language, if there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<String>,
    /// A short expansion for inline rendering, if there is one; see
    /// [`Translation::short_gloss`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gloss: Option<String>,
    /// Whether the rendering is the issuer's own (official) or the glossary author's.
    pub source: TranslationSource,
    /// Where the official rendering is published (a URL or a citation); required when
    /// `source` is `official`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// Where a [`Translation`] comes from. Written `"official"` or `"own"` in JSON.
///
/// ```
/// assert_eq!(zhgloss::TranslationSource::default(), zhgloss::TranslationSource::Own);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TranslationSource {
    /// The issuing government's (or another official body's) published rendering.
    Official,
    /// The glossary author's (or translator's) own rendering.
    #[default]
    Own,
}

impl TranslationSource {
    /// The name used in JSON and in the interchange formats: `official` or `own`.
    ///
    /// ```
    /// assert_eq!(zhgloss::TranslationSource::Official.name(), "official");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            TranslationSource::Official => "official",
            TranslationSource::Own => "own",
        }
    }
}

impl Translation {
    /// A translation of the glossary author's own, with only a term.
    ///
    /// ```
    /// let t = zhgloss::Translation::new("three lines and one list");
    /// assert_eq!(t.source, zhgloss::TranslationSource::Own);
    /// ```
    pub fn new(term: impl Into<String>) -> Translation {
        Translation {
            term: term.into(),
            ..Translation::default()
        }
    }

    /// The text an inline rendering in this language puts after the term: the `gloss`, else
    /// the translated term.
    ///
    /// ```
    /// let mut t = zhgloss::Translation::new("Government Online-Offline Shanghai");
    /// assert_eq!(t.short_gloss(), "Government Online-Offline Shanghai");
    /// t.gloss = Some("one portal for all government services".into());
    /// assert_eq!(t.short_gloss(), "one portal for all government services");
    /// ```
    pub fn short_gloss(&self) -> &str {
        match self.gloss.as_deref().map(str::trim) {
            Some(g) if !g.is_empty() => g,
            _ => self.term.trim(),
        }
    }
}

/// Where, and when, an entry's definition holds: the jurisdictions whose documents use the term
/// in this sense, and the years, when the sense is tied to time.
///
/// A place is 全国 (the whole country), or a division of China by its name (金山区, where the
/// name is unique), its name after its province's or city's (上海市金山区, 北京市朝阳区), or its
/// code (310116). A document is judged against it by the places the document is about.
///
/// ```
/// use zhgloss::{Glossary, Scope};
///
/// let g = Glossary::from_json_str(r#"{"entries": [{
///     "id": 4, "term": "双一百", "definition": "是指2019年新增100个…",
///     "scope": {"places": ["上海市"], "from": 2019, "until": 2019}
/// }]}"#)?;
/// let scope: &Scope = g.entries[0].scope.as_ref().unwrap();
/// assert_eq!((scope.places.as_slice(), scope.from, scope.until), (&["上海市".to_string()][..], Some(2019), Some(2019)));
///
/// let err = Glossary::from_json_str(r#"{"entries": [{"id": 1, "term": "甲", "definition": "乙",
///     "scope": {"places": ["朝阳区"]}}]}"#).unwrap_err();
/// assert!(err.to_string().starts_with("entry 1 has scope place \"朝阳区\", which names 2 divisions"));
/// # Ok::<(), zhgloss::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct Scope {
    /// The jurisdictions where the definition holds (at least one).
    pub places: Vec<String>,
    /// The first year the definition holds, if it is tied to time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<u16>,
    /// The last year the definition holds, if it is tied to time. Documents of the next year
    /// still use it: a work report reviews the year before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<u16>,
}

/// A type read only from a JSON object (see the `remote = "Self"` derives above).
trait FromObject<'de>: Sized {
    /// What the error says was expected.
    const EXPECTING: &'static str;

    fn from_object<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// Visits a map, and nothing else, as `T`.
struct ObjectOnly<T>(std::marker::PhantomData<T>);

impl<'de, T: FromObject<'de>> Visitor<'de> for ObjectOnly<T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::from_object(map)
    }
}

/// Serde for a type derived with `remote = "Self"`: read only from a JSON object (through
/// [`ObjectOnly`]), written as derived.
macro_rules! object_only {
    ($($ty:ident: $expecting:literal),* $(,)?) => {$(
        impl<'de> FromObject<'de> for $ty {
            const EXPECTING: &'static str = $expecting;

            fn from_object<A: MapAccess<'de>>(map: A) -> Result<$ty, A::Error> {
                $ty::deserialize(MapAccessDeserializer::new(map))
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<$ty, D::Error> {
                deserializer.deserialize_map(ObjectOnly(std::marker::PhantomData))
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $ty::serialize(self, serializer)
            }
        }
    )*};
}

object_only!(
    Glossary: "a glossary object",
    Entry: "an entry object",
    Scope: "a scope object",
    Translation: "a translation object",
);

impl Entry {
    /// A new entry with no aliases, gloss, note or origin.
    ///
    /// ```
    /// let e = zhgloss::Entry::new(30, "一网统管", "是指城市运行一网统管。");
    /// assert_eq!((e.id, e.term.as_str()), (30, "一网统管"));
    /// ```
    pub fn new(id: u32, term: impl Into<String>, definition: impl Into<String>) -> Entry {
        Entry {
            id,
            term: term.into(),
            definition: definition.into(),
            ..Entry::default()
        }
    }

    /// The term followed by its aliases: every form the annotator searches for.
    ///
    /// ```
    /// let g = zhgloss::Glossary::builtin();
    /// let forms: Vec<&str> = g.entry(9).unwrap().surface_forms().collect();
    /// assert_eq!(forms, ["农民相对集中居住“1+7”政策体系", "“1+7”政策体系"]);
    /// ```
    pub fn surface_forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.term.as_str()).chain(self.aliases.iter().map(String::as_str))
    }

    /// The text an inline rendering puts after the term: the `gloss` when there is one, or else
    /// the definition without its leading 是指/指 and final full stop.
    ///
    /// ```
    /// let mut e = zhgloss::Entry::new(15, "三高一低", "是指高投入、高消耗、高污染、低效益。");
    /// assert_eq!(e.short_gloss(), "高投入、高消耗、高污染、低效益");
    /// e.gloss = Some("高投入高消耗".into());
    /// assert_eq!(e.short_gloss(), "高投入高消耗");
    /// ```
    pub fn short_gloss(&self) -> &str {
        if let Some(g) = self.gloss.as_deref().filter(|g| !g.trim().is_empty()) {
            return g.trim();
        }
        let d = self.definition.trim();
        let d = d
            .strip_prefix("是指")
            .or_else(|| d.strip_prefix("指"))
            .unwrap_or(d);
        d.trim_end_matches(['。', '.'])
    }

    /// The entry's translation into `lang`: the one with that language tag (case does not
    /// matter), else, for a tag with a region or script (`en-GB`), the one of its language
    /// (`en`), else one of another variant of its language (`en-US` for `en-GB`, `en-GB` for
    /// `en`).
    ///
    /// ```
    /// let g = zhgloss::Glossary::builtin();
    /// let e = g.entry(2).unwrap();
    /// assert_eq!(e.translation("en-GB").unwrap().term, "Government Online-Offline Shanghai");
    /// assert!(e.translation("fr").is_none());
    /// ```
    pub fn translation(&self, lang: &str) -> Option<&Translation> {
        let exact = self
            .translations
            .iter()
            .find(|(tag, _)| tag.eq_ignore_ascii_case(lang));
        let primary = || {
            let language = lang.split('-').next().unwrap_or(lang);
            self.translations
                .iter()
                .find(|(tag, _)| tag.eq_ignore_ascii_case(language))
        };
        // Asked for a language alone (`en`), a regional variant (`en-GB`) serves.
        let variant = || {
            let language = lang.split('-').next().unwrap_or(lang);
            self.translations.iter().find(|(tag, _)| {
                tag.split('-')
                    .next()
                    .is_some_and(|l| l.eq_ignore_ascii_case(language))
            })
        };
        exact.or_else(primary).or_else(variant).map(|(_, t)| t)
    }
}

/// Whether `tag` is a well-formed language tag as the interchange formats write them: a
/// language of 2–3 letters, then subtags of 1–8 letters or digits, joined by `-` (BCP 47's
/// shape, without checking the registry).
pub(crate) fn is_language_tag(tag: &str) -> bool {
    let mut subtags = tag.split('-');
    let language = subtags.next().unwrap_or_default();
    (2..=3).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_alphabetic())
        && subtags
            .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// An entry's translations must each have a well-formed tag that is not Chinese, a term, and a
/// reference when official.
fn check_translations(e: &Entry) -> Result<(), Error> {
    for (tag, t) in &e.translations {
        if !is_language_tag(tag) {
            return Err(Error::glossary(format!(
                "entry {} has a translation under {tag:?}, which is not a language tag (en, fr, en-GB)",
                e.id
            )));
        }
        if tag
            .split('-')
            .next()
            .is_some_and(|l| l.eq_ignore_ascii_case("zh"))
        {
            return Err(Error::glossary(format!(
                "entry {} has a translation into {tag}: Chinese is the entry itself (term and aliases)",
                e.id
            )));
        }
        if t.term.trim().is_empty() {
            return Err(Error::glossary(format!(
                "entry {}'s {tag} translation has an empty term",
                e.id
            )));
        }
        if t.source == TranslationSource::Official
            && t.reference.as_deref().is_none_or(|r| r.trim().is_empty())
        {
            return Err(Error::glossary(format!(
                "entry {}'s {tag} translation is official but has no reference (where it is published)",
                e.id
            )));
        }
    }
    Ok(())
}

impl Glossary {
    /// The default glossary: the 29 entries of the 2020 Jinshan report's 名词解释, embedded in
    /// the crate from `glossary.json`.
    ///
    /// ```
    /// let g = zhgloss::Glossary::builtin();
    /// assert_eq!(g.entries.len(), 29);
    /// assert_eq!(g.entry(2).unwrap().term, "一网通办");
    /// ```
    pub fn builtin() -> Glossary {
        // The embedded file is checked by the test suite (tests/glossary.rs), so this cannot fail
        // in a released crate; a broken edit to glossary.json fails the tests, not users.
        #[allow(clippy::expect_used)]
        Glossary::from_json_str(BUILTIN_JSON).expect("the embedded glossary.json is valid")
    }

    /// The JSON text of the built-in glossary, exactly as shipped.
    ///
    /// ```
    /// assert!(zhgloss::Glossary::builtin_json().contains("\"term\": \"一网通办\""));
    /// ```
    pub fn builtin_json() -> &'static str {
        BUILTIN_JSON
    }

    /// Parses and [validates](Glossary::validate) a glossary from JSON text. A UTF-8 byte
    /// order mark in front (as some Windows editors write) is skipped.
    ///
    /// # Errors
    ///
    /// Malformed JSON, with its line and column; JSON that is not a glossary object (an array
    /// of fields, say) or has a misspelt field; an inconsistent glossary, naming the entries.
    ///
    /// ```
    /// let err = zhgloss::Glossary::from_json_str(r#"{"entries": [{"id": 1}]}"#).unwrap_err();
    /// assert_eq!(err.to_string(), "line 1:22: missing field `term`");
    /// let err = zhgloss::Glossary::from_json_str(r#"["名", "", [[1, "三线一单", "定义"]]]"#).unwrap_err();
    /// assert_eq!(err.to_string(), "line 1:1: invalid type: sequence, expected a glossary object");
    /// let bom = format!("\u{feff}{}", zhgloss::Glossary::builtin_json());
    /// assert_eq!(zhgloss::Glossary::from_json_str(&bom)?.entries.len(), 29);
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn from_json_str(json: &str) -> Result<Glossary, Error> {
        let json = json.strip_prefix('\u{feff}').unwrap_or(json);
        let g: Glossary = serde_json::from_str(json).map_err(|e| Error::json(e, json))?;
        g.validate()?;
        Ok(g)
    }

    /// Reads, parses and validates a glossary from a reader.
    ///
    /// # Errors
    ///
    /// As [`Glossary::from_json_str`], and I/O errors.
    ///
    /// ```
    /// let json = zhgloss::Glossary::builtin_json().as_bytes();
    /// let g = zhgloss::Glossary::from_reader(json)?;
    /// assert_eq!(g.entries.len(), 29);
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn from_reader<R: Read>(mut reader: R) -> Result<Glossary, Error> {
        let mut json = String::new();
        reader.read_to_string(&mut json).map_err(Error::io)?;
        Glossary::from_json_str(&json)
    }

    /// Reads, parses and validates a glossary file. Errors name the file.
    ///
    /// # Errors
    ///
    /// As [`Glossary::from_json_str`], prefixed with the path: `g.json:3:15: expected value`.
    ///
    /// ```
    /// let err = zhgloss::Glossary::from_path("没有.json").unwrap_err();
    /// assert!(err.to_string().starts_with("没有.json: "));
    /// ```
    pub fn from_path<P: AsRef<Path>>(path: P) -> Result<Glossary, Error> {
        let path = path.as_ref();
        let json = std::fs::read(path).map_err(|e| Error::io(e).with_path(path))?;
        let json = String::from_utf8(json).map_err(|e| {
            let at = e.utf8_error().valid_up_to() as u64;
            Error::new(crate::ErrorKind::InvalidUtf8, "glossary is not valid UTF-8")
                .with_path(path)
                .with_offset(at)
        })?;
        Glossary::from_json_str(&json).map_err(|e| e.with_path(path))
    }

    /// The entry with this id (in a merge, the first: see [`Glossary::entry_in`]).
    ///
    /// ```
    /// let g = zhgloss::Glossary::builtin();
    /// assert_eq!(g.entry(24).unwrap().term, "三线一单");
    /// assert!(g.entry(30).is_none());
    /// ```
    pub fn entry(&self, id: u32) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// The entry with this id in the glossary labelled `glossary` (see [`Entry::glossary`]):
    /// in a merge, ids are unique only within their glossary.
    ///
    /// ```
    /// use zhgloss::{Entry, Glossary};
    ///
    /// let mut g = Glossary::builtin();
    /// let mine = Glossary { name: "我的".into(), entries: vec![Entry::new(24, "一网统管", "……")], ..Glossary::default() };
    /// g.merge(mine)?;
    /// assert_eq!(g.entry_in("我的", 24).unwrap().term, "一网统管");
    /// assert_eq!(g.entry_in("2020 年金山区人民政府工作报告 · 名词解释", 24).unwrap().term, "三线一单");
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn entry_in(&self, glossary: &str, id: u32) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.id == id && e.glossary.clone().unwrap_or_else(|| self.label(1)) == glossary)
    }

    /// Checks that the glossary can be compiled: every term is non-empty after folding (not all
    /// whitespace or quote marks), ids are unique, and no surface form belongs to two entries
    /// once whitespace, quote marks and widths are folded.
    ///
    /// These checks hold whatever the annotator's options. Forms that become one only with an
    /// option's folding (發展 and 发展 with traditional script folded) are checked when an
    /// annotator with that option is built ([`AnnotatorBuilder::build`]), so a glossary that
    /// keeps both scripts apart works with `traditional(false)`.
    ///
    /// [`AnnotatorBuilder::build`]: crate::AnnotatorBuilder::build
    ///
    /// # Errors
    ///
    /// The first problem found, naming the entries.
    ///
    /// ```
    /// use zhgloss::{Entry, Glossary};
    ///
    /// let g = Glossary {
    ///     entries: vec![
    ///         Entry::new(1, "一网通办", "……"),
    ///         Entry::new(2, "一网 通办", "……"),
    ///     ],
    ///     ..Glossary::default()
    /// };
    /// assert_eq!(
    ///     g.validate().unwrap_err().to_string(),
    ///     "entries 1 and 2 both claim the surface form \"一网 通办\" (一网通办)"
    /// );
    /// ```
    pub fn validate(&self) -> Result<(), Error> {
        // The checks are the ones compiling makes (one implementation, so the two never
        // differ), with only the folding every annotator does.
        let exact = FoldOptions {
            traditional: false,
            numerals: false,
            ..FoldOptions::default()
        };
        folded_forms(self, &exact).map(|_| ())
    }

    /// Adds the entries of `other` to this glossary, strictly: any clash is an error.
    ///
    /// Ids belong to their glossary: when both glossaries have entries, each entry is tagged
    /// with the [label](Glossary::label) of the glossary it comes from (its
    /// [`Entry::glossary`]), so two glossaries may both number from 1. A surface form claimed
    /// by an entry of each is an error; [`Glossary::merge_override`] lets the later win instead.
    ///
    /// # Errors
    ///
    /// A surface form claimed by an entry of each glossary, or an inconsistent `other`. On error
    /// `self` is unchanged.
    ///
    /// ```
    /// use zhgloss::{Entry, Glossary};
    ///
    /// let mut g = Glossary::builtin();
    /// let mine = Glossary {
    ///     name: "我的".into(),
    ///     entries: vec![Entry::new(1, "一网统管", "……")],
    ///     ..Glossary::default()
    /// };
    /// g.merge(mine)?;
    /// assert_eq!(g.entries.len(), 30);
    /// let e = g.entries.last().unwrap();
    /// assert_eq!((e.id, e.glossary.as_deref()), (1, Some("我的")));
    ///
    /// let clash = Glossary { entries: vec![Entry::new(2, "一网 通办", "……")], ..Glossary::default() };
    /// assert_eq!(
    ///     g.merge(clash).unwrap_err().to_string(),
    ///     "entries 2 (2020 年金山区人民政府工作报告 · 名词解释) and 2 (glossary 3) both claim the surface form \"一网 通办\" (一网通办)"
    /// );
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn merge(&mut self, other: Glossary) -> Result<(), Error> {
        other.validate()?;
        let merged = self.joined(other);
        merged.validate()?;
        *self = merged;
        Ok(())
    }

    /// Adds the entries of `other` to this glossary; where both claim a surface form, `other`'s
    /// entry wins it. Returns one [`Override`] per form taken, for telling the user.
    ///
    /// Forms are compared as the annotator compares them by default (whitespace, quote marks,
    /// widths and traditional script folded), so a clash that only folding reveals (發展 and
    /// 发展) is resolved here too, not left for [`AnnotatorBuilder::build`] to refuse. An entry
    /// that loses an alias keeps its other forms; one that loses its term is dropped, since
    /// its headword now means what `other` says. Ids belong to their glossary, as in
    /// [`Glossary::merge`].
    ///
    /// [`AnnotatorBuilder::build`]: crate::AnnotatorBuilder::build
    ///
    /// # Errors
    ///
    /// Only an `other` that is inconsistent in itself (see [`Glossary::validate`]). On error
    /// `self` is unchanged.
    ///
    /// ```
    /// use zhgloss::{Entry, Glossary};
    ///
    /// let mut g = Glossary::builtin();
    /// let mine = Glossary {
    ///     name: "郯城".into(),
    ///     entries: vec![Entry::new(1, "一網通辦", "郯城的定义"), Entry::new(2, "四减四增", "……")],
    ///     ..Glossary::default()
    /// };
    /// let overrides = g.merge_override(mine)?;
    /// assert_eq!(overrides.len(), 1);
    /// assert_eq!(
    ///     overrides[0].to_string(),
    ///     "一網通辦: entry 1 of 郯城 overrides entry 2 of 2020 年金山区人民政府工作报告 · 名词解释 (一网通办), which is dropped"
    /// );
    /// assert_eq!(g.entries.len(), 30);
    /// assert!(g.entries.iter().all(|e| e.term != "一网通办"));
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn merge_override(&mut self, other: Glossary) -> Result<Vec<Override>, Error> {
        other.validate()?;
        let mut merged = self.joined(other);
        let first = self.entries.len();
        let opts = FoldOptions::default();
        // The forms of the later glossary, folded: each takes the form from an earlier entry.
        let mut later: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for (k, e) in merged.entries.iter().enumerate().skip(first) {
            for form in e.surface_forms() {
                later.entry(fold_term(form, &opts)).or_insert(k);
            }
        }
        let mut overrides = Vec::new();
        let mut dropped = vec![false; first];
        for (k, e) in merged.entries.iter_mut().enumerate().take(first) {
            let taken = |form: &str| later.get(&fold_term(form, &opts)).copied();
            if let Some(w) = taken(&e.term) {
                overrides.push((w, k, e.term.clone(), true));
                if let Some(d) = dropped.get_mut(k) {
                    *d = true;
                }
                continue;
            }
            let mut lost = Vec::new();
            e.aliases.retain(|a| match taken(a) {
                Some(w) => {
                    lost.push((w, a.clone()));
                    false
                }
                None => true,
            });
            for (w, a) in lost {
                overrides.push((w, k, a, false));
            }
        }
        let name = |g: &Glossary, k: usize| -> EntryName {
            g.entries
                .get(k)
                .map_or_else(EntryName::default, |e| EntryName {
                    glossary: e.glossary.clone().unwrap_or_else(|| g.name.clone()),
                    id: e.id,
                    term: e.term.clone(),
                })
        };
        let overrides: Vec<Override> = overrides
            .into_iter()
            .map(|(w, k, form, term)| {
                let winner = name(&merged, w);
                Override {
                    form: merged
                        .entries
                        .get(w)
                        .and_then(|e| {
                            e.surface_forms()
                                .find(|f| fold_term(f, &opts) == fold_term(&form, &opts))
                        })
                        .unwrap_or(&form)
                        .to_string(),
                    winner,
                    loser: name(&merged, k),
                    loser_dropped: term,
                }
            })
            .collect();
        let mut k = 0;
        merged.entries.retain(|_| {
            let keep = !dropped.get(k).copied().unwrap_or(false);
            k += 1;
            keep
        });
        merged.validate()?;
        *self = merged;
        Ok(overrides)
    }

    /// The name a merge tags this glossary's entries with: its `name`, else its `source`, else
    /// `glossary N`, N counting from 1 in the merge.
    ///
    /// ```
    /// let g = zhgloss::Glossary::builtin();
    /// assert_eq!(g.label(1), "2020 年金山区人民政府工作报告 · 名词解释");
    /// assert_eq!(zhgloss::Glossary::default().label(2), "glossary 2");
    /// ```
    pub fn label(&self, position: usize) -> String {
        [&self.name, &self.source]
            .into_iter()
            .map(|s| s.trim())
            .find(|s| !s.is_empty())
            .map_or_else(|| format!("glossary {position}"), str::to_string)
    }

    /// This glossary and `other` as one, with entries tagged by their glossaries when both
    /// have entries; not validated.
    fn joined(&self, mut other: Glossary) -> Glossary {
        let mut merged = self.clone();
        if merged.entries.is_empty() {
            // Nothing to tell apart: the result is `other`, under the names kept so far.
            merged.entries = std::mem::take(&mut other.entries);
        } else if !other.entries.is_empty() {
            let mut labels: Vec<String> = merged
                .entries
                .iter()
                .filter_map(|e| e.glossary.clone())
                .collect();
            labels.sort();
            labels.dedup();
            let mine = self.label(labels.len() + 1);
            if merged.entries.iter().any(|e| e.glossary.is_none()) && !labels.contains(&mine) {
                labels.push(mine.clone());
            }
            for e in &mut merged.entries {
                e.glossary.get_or_insert_with(|| mine.clone());
            }
            let mut theirs = other.label(labels.len() + 1);
            let mut n = 2;
            while labels.contains(&theirs) {
                theirs = format!("{} ({n})", other.label(labels.len() + 1));
                n += 1;
            }
            for mut e in other.entries.drain(..) {
                e.glossary.get_or_insert_with(|| theirs.clone());
                merged.entries.push(e);
            }
        }
        if merged.name.is_empty() {
            merged.name = other.name;
        } else if !other.name.is_empty() && other.name != merged.name {
            merged.name = format!("{} + {}", merged.name, other.name);
        }
        if merged.source.is_empty() {
            merged.source = other.source;
        } else if !other.source.is_empty() && other.source != merged.source {
            merged.source = format!("{}; {}", merged.source, other.source);
        }
        merged
    }

    /// The glossary as pretty-printed JSON in the format it is read from.
    ///
    /// ```
    /// let g = zhgloss::Glossary::builtin();
    /// let again = zhgloss::Glossary::from_json_str(&g.to_json())?;
    /// assert_eq!(again, g);
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn to_json(&self) -> String {
        // Serialising plain strings and integers into a String cannot fail.
        #[allow(clippy::expect_used)]
        let mut s = serde_json::to_string_pretty(self).expect("a glossary always serialises");
        s.push('\n');
        s
    }
}

/// An entry of a glossary, named in messages: its glossary, id and term.
///
/// ```
/// let mut g = zhgloss::Glossary::builtin();
/// let mine = zhgloss::Glossary::from_json_str(
///     r#"{"name": "我的", "entries": [{"id": 1, "term": "三线一单", "definition": "……"}]}"#,
/// )?;
/// let o = &g.merge_override(mine)?[0];
/// assert_eq!((o.winner.glossary.as_str(), o.winner.id, o.winner.term.as_str()), ("我的", 1, "三线一单"));
/// assert_eq!(o.loser.id, 24);
/// # Ok::<(), zhgloss::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntryName {
    /// The label of the entry's glossary (see [`Glossary::label`]).
    pub glossary: String,
    /// The entry's id in its glossary.
    pub id: u32,
    /// The entry's term.
    pub term: String,
}

/// A surface form that [`Glossary::merge_override`] gave to the later glossary's entry.
///
/// Displays as one line: `一网通办: entry 3 of 郯城 overrides entry 2 of 金山 (一网通办), which is
/// dropped`.
///
/// ```
/// let mut g = zhgloss::Glossary::builtin();
/// let mine = zhgloss::Glossary::from_json_str(
///     r#"{"name": "我的", "entries": [{"id": 1, "term": "金十条", "aliases": ["金 10 条"], "definition": "……"}]}"#,
/// )?;
/// let o = &g.merge_override(mine)?[0];
/// assert_eq!((o.form.as_str(), o.loser_dropped), ("金 10 条", true));
/// # Ok::<(), zhgloss::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Override {
    /// The form as the winning entry writes it.
    pub form: String,
    /// The entry that has the form now.
    pub winner: EntryName,
    /// The entry that had it.
    pub loser: EntryName,
    /// Whether the form was the loser's term, so that the loser was dropped (else it only lost
    /// an alias).
    pub loser_dropped: bool,
}

impl std::fmt::Display for Override {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (w, l) = (&self.winner, &self.loser);
        write!(
            f,
            "{}: entry {} of {} overrides entry {} of {} ({})",
            self.form, w.id, w.glossary, l.id, l.glossary, l.term
        )?;
        if self.loser_dropped {
            f.write_str(", which is dropped")
        } else {
            f.write_str(", which keeps its other forms")
        }
    }
}

/// A scope's places must each name the country or one division, and its years be in order.
fn check_scope(id: u32, scope: &Scope) -> Result<(), Error> {
    if scope.places.is_empty() {
        return Err(Error::glossary(format!(
            "entry {id} has a scope with no places (全国 for the whole country)"
        )));
    }
    for place in &scope.places {
        match places::resolve(place) {
            Ok(_) => {}
            Err(many) if many.is_empty() => {
                return Err(Error::glossary(format!(
                    "entry {id} has scope place {place:?}, which names no division (write 全国, a full name such as 上海市金山区, or a code)"
                )));
            }
            Err(many) => {
                let names: Vec<String> = many.iter().map(|&d| places::path(d)).collect();
                return Err(Error::glossary(format!(
                    "entry {id} has scope place {place:?}, which names {} divisions ({}): write which",
                    many.len(),
                    names.join("、")
                )));
            }
        }
    }
    if let (Some(from), Some(until)) = (scope.from, scope.until)
        && from > until
    {
        return Err(Error::glossary(format!(
            "entry {id} has a scope from {from} until {until}"
        )));
    }
    Ok(())
}

/// An entry in messages: its id, with its glossary when it has one (`2 (金山)`).
fn entry_label(e: &Entry) -> String {
    match &e.glossary {
        None => e.id.to_string(),
        Some(g) => format!("{} ({g})", e.id),
    }
}

/// One surface form of a glossary entry, folded as the annotator compares it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FoldedForm {
    /// The entry's index in [`Glossary::entries`].
    pub(crate) entry: usize,
    /// The form folded (see `fold::fold_term`): never empty.
    pub(crate) folded: String,
    /// Some surface form of the entry that folds to this one starts with an opening quote.
    pub(crate) lead_quote: bool,
    /// Likewise, ends with a closing quote.
    pub(crate) trail_quote: bool,
}

/// Every distinct folded surface form of the glossary, in the order the entries and their forms
/// come, after checking the glossary (see [`Glossary::validate`]): the one implementation of
/// those checks, which compiling uses too. Forms of one entry that fold alike are one form,
/// with their quote flags merged.
pub(crate) fn folded_forms(
    glossary: &Glossary,
    opts: &FoldOptions,
) -> Result<Vec<FoldedForm>, Error> {
    let mut ids: std::collections::HashSet<(Option<&str>, u32)> =
        std::collections::HashSet::with_capacity(glossary.entries.len());
    let mut index: std::collections::HashMap<String, usize> =
        std::collections::HashMap::with_capacity(glossary.entries.len());
    let mut forms: Vec<FoldedForm> = Vec::with_capacity(glossary.entries.len());
    for (i, e) in glossary.entries.iter().enumerate() {
        if !ids.insert((e.glossary.as_deref(), e.id)) {
            return Err(Error::glossary(match &e.glossary {
                None => format!("entry id {} appears twice", e.id),
                Some(g) => format!("entry id {} of {g} appears twice", e.id),
            }));
        }
        if e.term.trim().is_empty() {
            return Err(Error::glossary(format!("entry {} has an empty term", e.id)));
        }
        if e.definition.trim().is_empty() {
            return Err(Error::glossary(format!(
                "entry {} ({}) has an empty definition",
                e.id, e.term
            )));
        }
        if let Some(scope) = &e.scope {
            check_scope(e.id, scope)?;
        }
        check_translations(e)?;
        for form in e.surface_forms() {
            let folded = fold_term(form, opts);
            if folded.is_empty() {
                return Err(Error::glossary(format!(
                    "entry {} has a surface form {form:?} that is only whitespace or quote marks",
                    e.id
                )));
            }
            let lead_quote = form
                .trim_start()
                .chars()
                .next()
                .is_some_and(|c| OPENING_QUOTES.contains(&c));
            let trail_quote = form
                .trim_end()
                .chars()
                .next_back()
                .is_some_and(|c| CLOSING_QUOTES.contains(&c));
            match index.get(&folded).and_then(|&k| forms.get_mut(k)) {
                Some(same) if same.entry == i => {
                    same.lead_quote |= lead_quote;
                    same.trail_quote |= trail_quote;
                }
                Some(other) => {
                    let other = glossary
                        .entries
                        .get(other.entry)
                        .map_or_else(String::new, entry_label);
                    return Err(Error::glossary(format!(
                        "entries {other} and {} both claim the surface form {form:?} ({folded})",
                        entry_label(e)
                    )));
                }
                None => {
                    index.insert(folded.clone(), forms.len());
                    forms.push(FoldedForm {
                        entry: i,
                        folded,
                        lead_quote,
                        trail_quote,
                    });
                }
            }
        }
    }
    Ok(forms)
}
