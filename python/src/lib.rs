//! The Python binding of zhgloss: the extension module `zhgloss._zhgloss`, which the package in
//! `py_src/zhgloss` re-exports.
//!
//! The binding is thin: every class wraps a library type, every method calls the library, and
//! every [`zhgloss::Error`] becomes a Python exception (see [`to_py_err`]); nothing panics
//! across the FFI boundary. Searching releases the GIL.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use pyo3::exceptions::{PyOSError, PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyString, PyTuple, PyType};

use zhgloss::render::{self, Format, Options};
use zhgloss::{ErrorKind, Sense};

/// `zhgloss.GlossaryError`, defined in Python (`zhgloss/_errors.py`) so that it is a plain
/// `ValueError` subclass with attributes.
static GLOSSARY_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// The annotator of the built-in glossary, for the functions whose annotator is optional.
static BUILTIN: PyOnceLock<Py<Annotator>> = PyOnceLock::new();

/// A library error as the Python exception a Python user expects:
///
/// - glossary problems (malformed or inconsistent JSON, a glossary file that is not UTF-8, a
///   glossary an engine cannot compile): `GlossaryError`, a `ValueError`, with `.path`,
///   `.line`, `.column` and `.offset` where the error has them;
/// - I/O errors: `OSError` built from the errno, so a missing file is `FileNotFoundError`,
///   with `.filename`;
/// - input that is not valid JSON Lines (the `jsonl` format) or not UTF-8: `ValueError`;
/// - anything else (a failed write into memory cannot happen): `RuntimeError`.
fn to_py_err(py: Python<'_>, err: zhgloss::Error) -> PyErr {
    let kind = err.kind();
    let path = err.path().map(|p| p.to_string_lossy().into_owned());
    match kind {
        ErrorKind::Io => {
            let io = std::error::Error::source(&err)
                .and_then(|s| s.downcast_ref::<std::io::Error>())
                .and_then(|io| io.raw_os_error().map(|code| (code, io.to_string())));
            match io {
                Some((code, message)) => {
                    // `OSError(errno, strerror, filename)` is the subclass of the errno.
                    let strerror = match message.rfind(" (os error ") {
                        Some(at) => message.get(..at).unwrap_or(&message).to_string(),
                        None => message,
                    };
                    let made = py
                        .get_type::<PyOSError>()
                        .call1((code, strerror, path))
                        .map(PyErr::from_value);
                    made.unwrap_or_else(|e| e)
                }
                None => PyOSError::new_err(err.to_string()),
            }
        }
        ErrorKind::Json | ErrorKind::Glossary | ErrorKind::Engine => glossary_error(py, &err, path),
        // Only a glossary file is decoded with an error that names its path; the text given to
        // `annotate` is a Python `str`, always valid.
        ErrorKind::InvalidUtf8 if path.is_some() => glossary_error(py, &err, path),
        ErrorKind::InvalidUtf8 | ErrorKind::InvalidJsonl => PyValueError::new_err(err.to_string()),
        _ => PyRuntimeError::new_err(err.to_string()),
    }
}

fn glossary_error(py: Python<'_>, err: &zhgloss::Error, path: Option<String>) -> PyErr {
    let made = GLOSSARY_ERROR
        .import(py, "zhgloss._errors", "GlossaryError")
        .and_then(|cls| {
            cls.call1((
                err.to_string(),
                path,
                err.line(),
                err.column(),
                err.offset(),
            ))
        })
        .map(PyErr::from_value);
    made.unwrap_or_else(|e| e)
}

/// Extension trait: a library result as a Python one.
trait OrPyErr<T> {
    fn or_py(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> OrPyErr<T> for Result<T, zhgloss::Error> {
    fn or_py(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py_err(py, e))
    }
}

/// Where and when an entry's definition holds.
///
/// >>> import zhgloss
/// >>> scope = zhgloss.Glossary.builtin().entry(2).scope
/// >>> scope.places
/// ('上海市',)
/// >>> zhgloss.Scope(["上海市"], from_year=2019, until_year=2019)
/// Scope(places=('上海市',), from_year=2019, until_year=2019)
#[pyclass(module = "zhgloss", frozen, eq, from_py_object)]
#[derive(Clone, PartialEq, Eq)]
struct Scope {
    inner: zhgloss::Scope,
}

#[pymethods]
impl Scope {
    #[new]
    #[pyo3(signature = (places, *, from_year = None, until_year = None))]
    fn new(places: Vec<String>, from_year: Option<u16>, until_year: Option<u16>) -> Scope {
        Scope {
            inner: zhgloss::Scope {
                places,
                from: from_year,
                until: until_year,
            },
        }
    }

    /// The jurisdictions where the definition holds: 全国, a division's name or its code.
    #[getter]
    fn places<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, &self.inner.places)
    }

    /// The first year the definition holds, if it is tied to time (`from` in JSON).
    #[getter]
    // The Python name: `from` is a keyword there.
    #[allow(clippy::wrong_self_convention)]
    fn from_year(&self) -> Option<u16> {
        self.inner.from
    }

    /// The last year the definition holds, if it is tied to time (`until` in JSON).
    #[getter]
    fn until_year(&self) -> Option<u16> {
        self.inner.until
    }

    fn __repr__(&self) -> String {
        let places: Vec<String> = self.inner.places.iter().map(|p| py_str(p)).collect();
        let comma = if places.len() == 1 { "," } else { "" };
        format!(
            "Scope(places=({}{comma}), from_year={}, until_year={})",
            places.join(", "),
            py_opt(self.inner.from),
            py_opt(self.inner.until)
        )
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let cls = py.get_type::<Scope>();
        let kwargs = PyDict::new(py);
        kwargs.set_item("from_year", self.inner.from)?;
        kwargs.set_item("until_year", self.inner.until)?;
        // `functools.partial` carries the keyword-only arguments through pickle.
        let partial = py.import("functools")?.getattr("partial")?;
        let make = partial.call((cls,), Some(&kwargs))?;
        (make, (self.inner.places.clone(),))
            .into_pyobject(py)
            .map(Bound::into_any)
    }
}

/// A Python literal for a string, as `repr` writes it (single quotes).
fn py_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

fn py_opt<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map_or_else(|| "None".to_string(), |v| v.to_string())
}

/// One glossary entry: a term, the other ways running text writes it, and its meaning.
///
/// >>> import zhgloss
/// >>> e = zhgloss.Glossary.builtin().entry(7)
/// >>> e.term, e.aliases
/// ('金10条', ('金 10 条',))
/// >>> zhgloss.Entry(30, "一网统管", "是指城市运行一网统管。").gloss is None
/// True
#[pyclass(module = "zhgloss", frozen, eq, from_py_object)]
#[derive(Clone, PartialEq, Eq)]
struct Entry {
    inner: zhgloss::Entry,
}

#[pymethods]
impl Entry {
    #[new]
    #[pyo3(signature = (id, term, definition, *, aliases = Vec::new(), gloss = None, note = None, origin = None, scope = None, excludes = Vec::new(), glossary = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        id: u32,
        term: String,
        definition: String,
        aliases: Vec<String>,
        gloss: Option<String>,
        note: Option<String>,
        origin: Option<String>,
        scope: Option<Scope>,
        excludes: Vec<String>,
        glossary: Option<String>,
    ) -> Entry {
        Entry {
            inner: zhgloss::Entry {
                id,
                term,
                aliases,
                definition,
                gloss,
                note,
                origin,
                scope: scope.map(|s| s.inner),
                excludes,
                glossary,
                // Fields the binding does not take (translations, occurrences): their
                // defaults, so that a field the library adds compiles here unchanged.
                ..zhgloss::Entry::default()
            },
        }
    }

    /// The entry's number in its glossary (unique within it).
    #[getter]
    fn id(&self) -> u32 {
        self.inner.id
    }

    /// The headword exactly as the source writes it.
    #[getter]
    fn term(&self) -> &str {
        &self.inner.term
    }

    /// Other surface forms that mean this entry in running text.
    #[getter]
    fn aliases<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, &self.inner.aliases)
    }

    /// The definition, verbatim from the source.
    #[getter]
    fn definition(&self) -> &str {
        &self.inner.definition
    }

    /// A short expansion for inline rendering, if the glossary gives one.
    #[getter]
    fn gloss(&self) -> Option<&str> {
        self.inner.gloss.as_deref()
    }

    /// What the inline format puts after the term: `gloss`, else the definition without its
    /// leading 是指/指 and final full stop.
    ///
    /// >>> import zhgloss
    /// >>> zhgloss.Entry(15, "三高一低", "是指高投入、高消耗、高污染、低效益。").short_gloss
    /// '高投入、高消耗、高污染、低效益'
    #[getter]
    fn short_gloss(&self) -> &str {
        self.inner.short_gloss()
    }

    /// An editorial note, such as a correction made to the source text.
    #[getter]
    fn note(&self) -> Option<&str> {
        self.inner.note.as_deref()
    }

    /// Where an extracted entry was found (名词解释, 以下简称, …).
    #[getter]
    fn origin(&self) -> Option<&str> {
        self.inner.origin.as_deref()
    }

    /// Where and when the definition holds; `None` for everywhere, always.
    #[getter]
    fn scope(&self) -> Option<Scope> {
        self.inner.scope.clone().map(|inner| Scope { inner })
    }

    /// Longer expressions that hold the term and mean something else (黄金10条 for 金10条).
    #[getter]
    fn excludes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, &self.inner.excludes)
    }

    /// The label of the glossary a merge brought the entry from; `None` outside a merge.
    #[getter]
    fn glossary(&self) -> Option<&str> {
        self.inner.glossary.as_deref()
    }

    /// The entry in other languages, by language tag (`en`, `fr`): each a dict with `term`,
    /// `definition`, `gloss`, `source` (`"official"` or `"own"`) and `reference`. Read-only
    /// here; glossaries with translations load from JSON, TBX or CSV.
    #[getter]
    fn translations<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let all = PyDict::new(py);
        for (lang, t) in &self.inner.translations {
            let d = PyDict::new(py);
            d.set_item("term", &t.term)?;
            d.set_item("definition", &t.definition)?;
            d.set_item("gloss", &t.gloss)?;
            d.set_item("source", t.source.name())?;
            d.set_item("reference", &t.reference)?;
            all.set_item(lang, d)?;
        }
        Ok(all)
    }

    /// How many times the document a glossary was made from uses the entry (the `glossary`
    /// format sets it); `None` otherwise.
    #[getter]
    fn occurrences(&self) -> Option<u64> {
        self.inner.occurrences
    }

    /// The term followed by its aliases: every form the annotator searches for.
    fn surface_forms(&self) -> Vec<&str> {
        self.inner.surface_forms().collect()
    }

    fn __repr__(&self) -> String {
        let e = &self.inner;
        format!(
            "Entry(id={}, term={}, definition={})",
            e.id,
            py_str(&e.term),
            py_str(&e.definition)
        )
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        // Through the glossary format: one entry, read back and taken out.
        let g = zhgloss::Glossary {
            entries: vec![self.inner.clone()],
            ..zhgloss::Glossary::default()
        };
        let module = py.import("zhgloss._zhgloss")?;
        (module.getattr("_entry_from_json")?, (g.to_json(),))
            .into_pyobject(py)
            .map(Bound::into_any)
    }
}

/// The entry of a one-entry glossary in JSON, for unpickling [`Entry`].
#[pyfunction]
fn _entry_from_json(py: Python<'_>, json: &str) -> PyResult<Entry> {
    // Deserialised without validation: pickle keeps what was there, even an entry that no
    // glossary would accept.
    let g = zhgloss::Glossary::from_json_str(json).or_py(py)?;
    g.entries
        .into_iter()
        .next()
        .map(|inner| Entry { inner })
        .ok_or_else(|| PyValueError::new_err("no entry"))
}

/// A glossary: named entries, each a term with its definition, in the JSON format of
/// `glossary.json`. Immutable: `merge` returns a new glossary.
///
/// >>> import zhgloss
/// >>> g = zhgloss.Glossary.builtin()
/// >>> len(g), g.entry(24).term
/// (29, '三线一单')
/// >>> [e.term for e in g][:3]
/// ['三张清单', '一网通办', '双减半']
/// >>> mine = zhgloss.Glossary([zhgloss.Entry(1, "一网统管", "是指城市运行一网统管。")], name="我的")
/// >>> len(g.merge(mine))
/// 30
#[pyclass(module = "zhgloss", name = "Glossary", frozen)]
struct Glossary {
    inner: Arc<zhgloss::Glossary>,
}

impl Glossary {
    fn of(inner: zhgloss::Glossary) -> Glossary {
        Glossary {
            inner: Arc::new(inner),
        }
    }
}

#[pymethods]
impl Glossary {
    /// A glossary of these entries, validated: ids unique, no surface form claimed twice.
    #[new]
    #[pyo3(signature = (entries = Vec::new(), *, name = String::new(), source = String::new()))]
    fn new(
        py: Python<'_>,
        entries: Vec<Entry>,
        name: String,
        source: String,
    ) -> PyResult<Glossary> {
        let g = zhgloss::Glossary {
            name,
            source,
            entries: entries.into_iter().map(|e| e.inner).collect(),
        };
        g.validate().or_py(py)?;
        Ok(Glossary::of(g))
    }

    /// The 29 entries of the 2020 Jinshan report's 名词解释, shipped with zhgloss.
    #[staticmethod]
    fn builtin() -> Glossary {
        Glossary::of(zhgloss::Glossary::builtin())
    }

    /// Reads a glossary file (JSON). Errors name the file, line and column.
    ///
    /// >>> import zhgloss
    /// >>> zhgloss.Glossary.from_path("没有这个文件.json")
    /// Traceback (most recent call last):
    /// FileNotFoundError: [Errno 2] No such file or directory: '没有这个文件.json'
    #[staticmethod]
    fn from_path(py: Python<'_>, path: PathBuf) -> PyResult<Glossary> {
        py.detach(|| zhgloss::Glossary::from_path(&path))
            .or_py(py)
            .map(Glossary::of)
    }

    /// Parses a glossary from JSON text.
    ///
    /// >>> import zhgloss
    /// >>> g = zhgloss.Glossary.from_json('{"entries": [{"id": 1, "term": "一网统管", "definition": "是指…"}]}')
    /// >>> g.entry(1).term
    /// '一网统管'
    /// >>> zhgloss.Glossary.from_json('{"entries": [{"id": 1}]}')
    /// Traceback (most recent call last):
    /// zhgloss.GlossaryError: line 1:22: missing field `term`
    #[staticmethod]
    fn from_json(py: Python<'_>, json: &str) -> PyResult<Glossary> {
        zhgloss::Glossary::from_json_str(json)
            .or_py(py)
            .map(Glossary::of)
    }

    /// The glossary as pretty-printed JSON, in the format it is read from.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// A human-readable name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    /// Where the definitions come from.
    #[getter]
    fn source(&self) -> &str {
        &self.inner.source
    }

    /// The entries, in order.
    #[getter]
    fn entries(&self) -> Vec<Entry> {
        self.inner
            .entries
            .iter()
            .map(|e| Entry { inner: e.clone() })
            .collect()
    }

    /// The entry with this id (in a merge, of the glossary labelled `glossary`, else the
    /// first), or `None`.
    #[pyo3(signature = (id, glossary = None))]
    fn entry(&self, id: u32, glossary: Option<&str>) -> Option<Entry> {
        let e = match glossary {
            Some(label) => self.inner.entry_in(label, id),
            None => self.inner.entry(id),
        };
        e.map(|e| Entry { inner: e.clone() })
    }

    /// This glossary and `other` as one new glossary, strictly: a surface form both claim is a
    /// `GlossaryError`. Each entry is tagged with its glossary's label (`Entry.glossary`), so
    /// both may number from 1.
    ///
    /// >>> import zhgloss
    /// >>> clash = zhgloss.Glossary([zhgloss.Entry(1, "一网 通办", "…")], name="我的")
    /// >>> zhgloss.Glossary.builtin().merge(clash)
    /// Traceback (most recent call last):
    /// zhgloss.GlossaryError: entries 2 (2020 年金山区人民政府工作报告 · 名词解释) and 1 (我的) both claim the surface form "一网 通办" (一网通办)
    fn merge(&self, py: Python<'_>, other: &Glossary) -> PyResult<Glossary> {
        let mut merged = (*self.inner).clone();
        merged.merge((*other.inner).clone()).or_py(py)?;
        Ok(Glossary::of(merged))
    }

    /// This glossary and `other` as one new glossary, `other` winning every surface form both
    /// claim; with the forms it took, one `Override` each.
    ///
    /// >>> import zhgloss
    /// >>> mine = zhgloss.Glossary([zhgloss.Entry(1, "一網通辦", "郯城的定义")], name="郯城")
    /// >>> merged, overrides = zhgloss.Glossary.builtin().merge_override(mine)
    /// >>> len(merged), overrides[0].form, overrides[0].loser_dropped
    /// (29, '一網通辦', True)
    fn merge_override(
        &self,
        py: Python<'_>,
        other: &Glossary,
    ) -> PyResult<(Glossary, Vec<Override>)> {
        let mut merged = (*self.inner).clone();
        let overrides = merged.merge_override((*other.inner).clone()).or_py(py)?;
        let overrides = overrides.into_iter().map(Override::of).collect();
        Ok((Glossary::of(merged), overrides))
    }

    fn __len__(&self) -> usize {
        self.inner.entries.len()
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.entries()
            .into_pyobject(py)?
            .try_iter()
            .map(Bound::into_any)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Glossary>()
            .is_ok_and(|o| *o.get().inner == *self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "<Glossary {} ({} entries)>",
            py_str(&self.inner.name),
            self.inner.entries.len()
        )
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let from_json = py.get_type::<Glossary>().getattr("from_json")?;
        (from_json, (self.inner.to_json(),))
            .into_pyobject(py)
            .map(Bound::into_any)
    }
}

/// An entry of a merge, named: the label of its glossary, its id and term.
#[pyclass(module = "zhgloss", frozen, get_all, eq, hash, from_py_object)]
#[derive(Clone, PartialEq, Eq, Hash)]
struct EntryName {
    /// The label of the entry's glossary.
    glossary: String,
    /// The entry's id in its glossary.
    id: u32,
    /// The entry's term.
    term: String,
}

#[pymethods]
impl EntryName {
    fn __repr__(&self) -> String {
        format!(
            "EntryName(glossary={}, id={}, term={})",
            py_str(&self.glossary),
            self.id,
            py_str(&self.term)
        )
    }
}

/// A surface form that `Glossary.merge_override` gave to the later glossary's entry.
#[pyclass(module = "zhgloss", frozen, get_all)]
struct Override {
    /// The form as the winning entry writes it.
    form: String,
    /// The entry that has the form now.
    winner: EntryName,
    /// The entry that had it.
    loser: EntryName,
    /// Whether the form was the loser's term, so that the loser was dropped.
    loser_dropped: bool,
    message: String,
}

impl Override {
    fn of(o: zhgloss::Override) -> Override {
        let name = |n: zhgloss::EntryName| EntryName {
            glossary: n.glossary,
            id: n.id,
            term: n.term,
        };
        Override {
            message: o.to_string(),
            form: o.form,
            winner: name(o.winner),
            loser: name(o.loser),
            loser_dropped: o.loser_dropped,
        }
    }
}

#[pymethods]
impl Override {
    fn __str__(&self) -> &str {
        &self.message
    }

    fn __repr__(&self) -> String {
        format!("<Override {}>", self.message)
    }
}

/// A term found in a text, with the decision whether its entry's definition holds there.
///
/// `start` and `end` count code points, as Python indexes a `str`, so
/// `text[m.start:m.end] == m.matched`; `byte_start` and `byte_end` are offsets into the text's
/// UTF-8 encoding. `applies` says whether the definition holds in the document; `why` says why
/// not (`None` when it does).
///
/// >>> import zhgloss
/// >>> text = "𠀀推进“11157”工程"
/// >>> m = zhgloss.Annotator().find_all(text)[0]
/// >>> m.entry, m.matched, text[m.start:m.end] == m.matched
/// (28, '“11157”工程', True)
/// >>> (m.start, m.end), (m.byte_start, m.byte_end)
/// ((3, 12), (10, 27))
#[pyclass(module = "zhgloss", name = "Match", frozen)]
struct PyMatch {
    entry: u32,
    glossary: Option<Py<PyString>>,
    term: Py<PyString>,
    matched: Py<PyString>,
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
    applies: bool,
    why: Option<Py<PyString>>,
}

#[pymethods]
impl PyMatch {
    #[new]
    #[pyo3(signature = (entry, term, matched, start, end, byte_start, byte_end, applies = true, why = None, glossary = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        entry: u32,
        term: Py<PyString>,
        matched: Py<PyString>,
        start: usize,
        end: usize,
        byte_start: usize,
        byte_end: usize,
        applies: bool,
        why: Option<Py<PyString>>,
        glossary: Option<Py<PyString>>,
    ) -> PyMatch {
        PyMatch {
            entry,
            glossary,
            term,
            matched,
            start,
            end,
            byte_start,
            byte_end,
            applies,
            why,
        }
    }

    /// The id of the matched entry.
    #[getter]
    fn entry(&self) -> u32 {
        self.entry
    }

    /// The label of the entry's glossary in a merge (ids are unique within a glossary), or
    /// `None`.
    #[getter]
    fn glossary(&self, py: Python<'_>) -> Option<Py<PyString>> {
        self.glossary.as_ref().map(|g| g.clone_ref(py))
    }

    /// The entry's term, as the glossary writes it.
    #[getter]
    fn term(&self, py: Python<'_>) -> Py<PyString> {
        self.term.clone_ref(py)
    }

    /// The term as the text writes it: `text[start:end]`.
    #[getter]
    fn matched(&self, py: Python<'_>) -> Py<PyString> {
        self.matched.clone_ref(py)
    }

    /// Code-point offset where the match starts.
    #[getter]
    fn start(&self) -> usize {
        self.start
    }

    /// Code-point offset just past the match.
    #[getter]
    fn end(&self) -> usize {
        self.end
    }

    /// Byte offset in the UTF-8 text where the match starts.
    #[getter]
    fn byte_start(&self) -> usize {
        self.byte_start
    }

    /// Byte offset in the UTF-8 text just past the match.
    #[getter]
    fn byte_end(&self) -> usize {
        self.byte_end
    }

    /// Whether the entry's definition holds at the match.
    #[getter]
    fn applies(&self) -> bool {
        self.applies
    }

    /// Why the definition does not hold, in one line; `None` when it does.
    #[getter]
    fn why(&self, py: Python<'_>) -> Option<Py<PyString>> {
        self.why.as_ref().map(|w| w.clone_ref(py))
    }

    /// The match as a dict of its attributes (for pandas, Polars, JSON).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("entry", self.entry)?;
        d.set_item("glossary", &self.glossary)?;
        d.set_item("term", &self.term)?;
        d.set_item("matched", &self.matched)?;
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("byte_start", self.byte_start)?;
        d.set_item("byte_end", self.byte_end)?;
        d.set_item("applies", self.applies)?;
        d.set_item("why", &self.why)?;
        Ok(d)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let why = match &self.why {
            Some(w) => format!(", why={}", py_str(&w.bind(py).to_string_lossy())),
            None => String::new(),
        };
        format!(
            "Match(entry={}, term={}, matched={}, start={}, end={}, applies={}{why})",
            self.entry,
            py_str(&self.term.bind(py).to_string_lossy()),
            py_str(&self.matched.bind(py).to_string_lossy()),
            self.start,
            self.end,
            if self.applies { "True" } else { "False" },
        )
    }

    /// The match as the tuple of its constructor's arguments.
    fn _fields<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        (
            self.entry,
            self.term.clone_ref(py),
            self.matched.clone_ref(py),
            self.start,
            self.end,
            self.byte_start,
            self.byte_end,
            self.applies,
            self.why.as_ref().map(|w| w.clone_ref(py)),
            self.glossary.as_ref().map(|g| g.clone_ref(py)),
        )
            .into_pyobject(py)
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        match other.cast::<PyMatch>() {
            Ok(o) => self._fields(py)?.eq(o.get()._fields(py)?),
            Err(_) => Ok(false),
        }
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        self._fields(py)?.hash()
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        (py.get_type::<PyMatch>(), self._fields(py)?)
            .into_pyobject(py)
            .map(Bound::into_any)
    }
}

/// A glossary compiled for searching: compile once, search any number of texts from any
/// number of threads. Searching releases the GIL.
///
/// `glossary` defaults to the built-in one. `traditional` folds traditional characters to
/// simplified ones (一網通辦 is 一网通办); `numerals` matches quantities in either spelling
/// (金十条 is 金10条); `max_gap` is the longest run of whitespace ignored inside a term.
///
/// >>> import zhgloss
/// >>> ann = zhgloss.Annotator()
/// >>> [(m.entry, m.matched) for m in ann.find_all("深化“一网\n通办”，出台“金 １0 条”实施细则。")]
/// [(2, '一网\n通办'), (7, '金 １0 条')]
/// >>> zhgloss.Annotator(traditional=False).find_all("深化「一網通辦」")
/// []
#[pyclass(module = "zhgloss", frozen)]
struct Annotator {
    inner: zhgloss::Annotator,
    glossary: Py<Glossary>,
    /// Each entry's term and glossary label as Python strings, made once.
    terms: Vec<(Py<PyString>, Option<Py<PyString>>)>,
    traditional: bool,
    numerals: bool,
    max_gap: usize,
}

#[pymethods]
impl Annotator {
    #[new]
    #[pyo3(signature = (glossary = None, *, traditional = true, numerals = true, max_gap = 8))]
    fn new(
        py: Python<'_>,
        glossary: Option<Py<Glossary>>,
        traditional: bool,
        numerals: bool,
        max_gap: usize,
    ) -> PyResult<Annotator> {
        let glossary = match glossary {
            Some(g) => g,
            None => Py::new(py, Glossary::builtin())?,
        };
        let g = Arc::clone(&glossary.get().inner);
        let inner = py
            .detach(|| {
                zhgloss::Annotator::builder()
                    .traditional(traditional)
                    .numerals(numerals)
                    .max_gap(max_gap)
                    .build(&g)
            })
            .or_py(py)?;
        let terms = g
            .entries
            .iter()
            .map(|e| {
                (
                    PyString::new(py, &e.term).unbind(),
                    e.glossary.as_deref().map(|l| PyString::new(py, l).unbind()),
                )
            })
            .collect();
        Ok(Annotator {
            inner,
            glossary,
            terms,
            traditional,
            numerals,
            max_gap,
        })
    }

    /// The glossary this annotator was compiled from.
    #[getter]
    fn glossary(&self, py: Python<'_>) -> Py<Glossary> {
        self.glossary.clone_ref(py)
    }

    /// Every term in `text`, in text order, leftmost-longest and non-overlapping, each judged
    /// in the document `text` is (`applies`, `why`).
    ///
    /// >>> import zhgloss
    /// >>> ms = zhgloss.Annotator().find_all("北京市推进“四纵四横”高铁网建设，京沪客运专线建成。")
    /// >>> ms[0].term, ms[0].applies
    /// ('四纵四横', False)
    /// >>> ms[0].why
    /// 'document is about 北京市; entry 26 holds in 上海市金山区'
    fn find_all(&self, py: Python<'_>, text: PyBackedStr) -> PyResult<Vec<Py<PyMatch>>> {
        let senses = py.detach(|| self.inner.find_senses(&text));
        self.matches(py, &text, senses)
    }

    /// `find_all` of each text, searched on `threads` threads (default: one per core) with
    /// the GIL released; the result is the same with any number.
    ///
    /// >>> import zhgloss
    /// >>> found = zhgloss.Annotator().find_many(["编制三线一单", "推进城市更新", "三高一低"], threads=2)
    /// >>> [[m.entry for m in ms] for ms in found]
    /// [[24], [], [15]]
    #[pyo3(signature = (texts, threads = None))]
    fn find_many(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Vec<Vec<Py<PyMatch>>>> {
        if texts.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(
                "find_many takes an iterable of str, not a str: use find_all for one text",
            ));
        }
        let texts: Vec<PyBackedStr> = texts
            .try_iter()?
            .map(|t| t.and_then(|t| t.extract::<PyBackedStr>()))
            .collect::<PyResult<_>>()?;
        let threads = match threads {
            Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get),
        };
        let senses = py.detach(|| search_many(&self.inner, &texts, threads));
        texts
            .iter()
            .zip(senses)
            .map(|(text, senses)| self.matches(py, text, senses))
            .collect()
    }

    /// The text annotated in one of the command line's formats: `inline` (glosses in
    /// full-width brackets), `footnote`, `json`, `jsonl` (each input line a JSON object with a
    /// `text` field), `html`, `markdown` or `glossary` (the entries the text uses, as glossary
    /// JSON). Only the first occurrence of each entry is glossed unless `every`; only matches
    /// whose definition holds unless `all_senses`; `lang` glosses in that language where an
    /// entry has a translation (the command line's `--lang`).
    ///
    /// >>> import zhgloss
    /// >>> zhgloss.Annotator().annotate("编制三线一单")[:12]
    /// '编制三线一单\u2060（生态保护'
    /// >>> zhgloss.Annotator().annotate("三线一单", format="json")[:30]
    /// '{"bytes":12,"matches":[{"entry'
    #[pyo3(signature = (text, format = "inline", every = false, *, all_senses = false, lang = None))]
    fn annotate(
        &self,
        py: Python<'_>,
        text: PyBackedStr,
        format: &str,
        every: bool,
        all_senses: bool,
        lang: Option<String>,
    ) -> PyResult<String> {
        let format: Format = format.parse().map_err(PyValueError::new_err)?;
        let mut options = Options::new().every(every).all_senses(all_senses);
        if let Some(lang) = lang {
            options = options.lang(lang);
        }
        py.detach(|| render::to_string(&self.inner, format, &text, &options))
            .or_py(py)
    }

    /// Removes the glosses the inline format inserted, giving back the text.
    ///
    /// >>> import zhgloss
    /// >>> ann = zhgloss.Annotator()
    /// >>> ann.strip_inline(ann.annotate("推进“两网融合”")) == "推进“两网融合”"
    /// True
    fn strip_inline(&self, py: Python<'_>, text: PyBackedStr) -> String {
        py.detach(|| render::strip_inline(&self.inner, &text))
    }

    /// Whether `traditional` folding is on.
    #[getter]
    fn traditional(&self) -> bool {
        self.traditional
    }

    /// Whether `numerals` folding is on.
    #[getter]
    fn numerals(&self) -> bool {
        self.numerals
    }

    /// The longest whitespace run ignored inside a term.
    #[getter]
    fn max_gap(&self) -> usize {
        self.max_gap
    }

    fn __repr__(&self) -> String {
        format!(
            "<Annotator of {} entries, traditional={}, numerals={}, max_gap={}>",
            self.terms.len(),
            if self.traditional { "True" } else { "False" },
            if self.numerals { "True" } else { "False" },
            self.max_gap
        )
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let kwargs = PyDict::new(py);
        kwargs.set_item("traditional", self.traditional)?;
        kwargs.set_item("numerals", self.numerals)?;
        kwargs.set_item("max_gap", self.max_gap)?;
        let partial = py.import("functools")?.getattr("partial")?;
        let make = partial.call((py.get_type::<Annotator>(),), Some(&kwargs))?;
        (make, (self.glossary.clone_ref(py),))
            .into_pyobject(py)
            .map(Bound::into_any)
    }
}

impl Annotator {
    /// The Python matches of `senses`, found in `text`.
    fn matches(
        &self,
        py: Python<'_>,
        text: &str,
        senses: Vec<Sense>,
    ) -> PyResult<Vec<Py<PyMatch>>> {
        senses
            .into_iter()
            .map(|s| {
                let m = s.as_match();
                let (term, glossary) = self
                    .terms
                    .get(m.entry_index())
                    .ok_or_else(|| PyRuntimeError::new_err("a match of an unknown entry"))?;
                let matched = text.get(m.range()).unwrap_or_default();
                Py::new(
                    py,
                    PyMatch {
                        entry: m.entry_id(),
                        glossary: glossary.as_ref().map(|g| g.clone_ref(py)),
                        term: term.clone_ref(py),
                        matched: PyString::new(py, matched).unbind(),
                        start: m.char_start(),
                        end: m.char_end(),
                        byte_start: m.start(),
                        byte_end: m.end(),
                        applies: s.applies(),
                        why: s.why().map(|w| PyString::new(py, w).unbind()),
                    },
                )
            })
            .collect()
    }

    fn builtin(py: Python<'_>) -> PyResult<&Py<Annotator>> {
        BUILTIN.get_or_try_init(py, || {
            let ann = Annotator::new(py, None, true, true, 8)?;
            Py::new(py, ann)
        })
    }
}

/// `find_senses` of each text on up to `threads` threads, which take the texts in turn; the
/// results in the texts' order.
fn search_many(ann: &zhgloss::Annotator, texts: &[PyBackedStr], threads: usize) -> Vec<Vec<Sense>> {
    let threads = threads.min(texts.len()).max(1);
    if threads == 1 {
        return texts.iter().map(|t| ann.find_senses(t)).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut mine = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(text) = texts.get(i) else {
                return mine;
            };
            mine.push((i, ann.find_senses(text)));
        }
    };
    let mut done: Vec<(usize, Vec<Sense>)> = std::thread::scope(|scope| {
        let work = &work;
        // A thread the system cannot start is not there: the others take its texts.
        let others: Vec<_> = (1..threads)
            .map_while(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok())
            .collect();
        let mut all = work();
        for t in others {
            // A search never panics; a thread that did would leave its texts unsearched,
            // and they are searched again below.
            if let Ok(found) = t.join() {
                all.extend(found);
            }
        }
        all
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    let mut out: Vec<Vec<Sense>> = Vec::with_capacity(texts.len());
    let mut done = done.into_iter().peekable();
    for (i, text) in texts.iter().enumerate() {
        match done.next_if(|(j, _)| *j == i) {
            Some((_, senses)) => out.push(senses),
            None => out.push(ann.find_senses(text)),
        }
    }
    out
}

/// An annotator given by the caller, or the built-in one.
fn annotator_or_builtin<'py>(
    py: Python<'py>,
    annotator: Option<&Bound<'py, Annotator>>,
) -> PyResult<Bound<'py, Annotator>> {
    match annotator {
        Some(a) => Ok(a.clone()),
        None => Ok(Annotator::builtin(py)?.bind(py).clone()),
    }
}

/// Removes the glosses the inline format inserted (by `annotator`, default the built-in
/// glossary's), giving back the text.
///
/// >>> import zhgloss
/// >>> glossed = zhgloss.Annotator().annotate("编制三线一单。")
/// >>> zhgloss.strip_inline(glossed)
/// '编制三线一单。'
#[pyfunction]
#[pyo3(signature = (text, annotator = None))]
fn strip_inline(
    py: Python<'_>,
    text: PyBackedStr,
    annotator: Option<&Bound<'_, Annotator>>,
) -> PyResult<String> {
    let ann = annotator_or_builtin(py, annotator)?;
    Ok(ann.get().strip_inline(py, text))
}

/// The glossary of a report and the problems met reading it, as `(line, text, message)`: the
/// Python wrapper `zhgloss.extract` turns the problems into warnings.
#[pyfunction]
fn _extract(py: Python<'_>, text: PyBackedStr) -> (Glossary, Vec<(usize, String, String)>) {
    let x = py.detach(|| zhgloss::extract::extract(&text));
    let problems = x
        .problems
        .into_iter()
        .map(|p| (p.line, p.text, p.message))
        .collect();
    (Glossary::of(x.glossary), problems)
}

/// A slogan-like expression that no glossary entry explains.
#[pyclass(module = "zhgloss", frozen, get_all, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
struct Finding {
    /// The expression, folded as the annotator folds terms (no quote marks or whitespace).
    expression: String,
    /// Which rule found it: `"numeric"` (a numeral compressing a list), `"quoted"` (a quoted
    /// coinage) or `"heading"` (a slogan-shaped line of its own); a string, so that a kind the
    /// library adds later needs no new Python type.
    kind: String,
    /// Why it was listed, in a few words: the shape and the evidence the rule saw.
    why: String,
    /// How many times the text uses it, outside glossary matches.
    count: usize,
    /// The 1-based line of its first use.
    line: usize,
    /// The sentence of its first use.
    sentence: String,
    /// Code-point offset of its first use (quote marks excluded).
    start: usize,
    /// Code-point offset just past its first use.
    end: usize,
    /// Byte offset of its first use in the UTF-8 text.
    byte_start: usize,
    /// Byte offset just past its first use.
    byte_end: usize,
}

#[pymethods]
impl Finding {
    fn __repr__(&self) -> String {
        format!(
            "Finding(expression={}, kind={}, why={}, count={}, line={})",
            py_str(&self.expression),
            py_str(&self.kind),
            py_str(&self.why),
            self.count,
            self.line
        )
    }
}

/// The slogan-like expressions of `text` that the annotator's glossary (default: the built-in
/// one) does not explain, one `Finding` per distinct expression, in order of first use.
///
/// >>> import zhgloss
/// >>> text = "按照“三区”“五地”目标路径，深化“一网通办”。加快打造“三区”，实施“强省会”战略。"
/// >>> [(f.expression, f.kind, f.count) for f in zhgloss.audit(text)]
/// [('三区', 'numeric', 2), ('五地', 'numeric', 1), ('强省会', 'quoted', 1)]
/// >>> zhgloss.audit(text)[2].why
/// 'quoted coinage named by 战略 after it'
#[pyfunction]
#[pyo3(signature = (text, annotator = None))]
fn audit(
    py: Python<'_>,
    text: PyBackedStr,
    annotator: Option<&Bound<'_, Annotator>>,
) -> PyResult<Vec<Finding>> {
    let ann = annotator_or_builtin(py, annotator)?;
    let inner = &ann.get().inner;
    let findings = py.detach(|| zhgloss::audit::audit(inner, &text));
    // Findings come in text order: code points counted on from one to the next.
    let (mut bytes, mut chars) = (0, 0);
    let mut at = |byte: usize| -> usize {
        if byte >= bytes {
            chars += text.get(bytes..byte).map_or(0, |s| s.chars().count());
        } else {
            chars = text.get(..byte).map_or(0, |s| s.chars().count());
        }
        bytes = byte;
        chars
    };
    Ok(findings
        .into_iter()
        .map(|f| {
            let start = at(f.first.start);
            let end = at(f.first.end);
            Finding {
                expression: f.expression,
                kind: f.kind.as_str().to_string(),
                why: f.why,
                count: f.count,
                line: f.line,
                sentence: f.sentence,
                start,
                end,
                byte_start: f.first.start,
                byte_end: f.first.end,
            }
        })
        .collect())
}

/// Annotate Chinese government text with the meanings of its policy slogans: the compiled
/// core of the `zhgloss` package.
#[pymodule]
mod _zhgloss {
    #[pymodule_export]
    use super::{
        _entry_from_json, _extract, Annotator, Entry, EntryName, Finding, Glossary, Override,
        PyMatch, Scope, audit, strip_inline,
    };

    #[pymodule_init]
    fn init(m: &pyo3::Bound<'_, pyo3::types::PyModule>) -> pyo3::PyResult<()> {
        use pyo3::types::PyModuleMethods;
        m.add("__version__", env!("CARGO_PKG_VERSION"))
    }
}
