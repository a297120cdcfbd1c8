//! Options of the renderers.

use super::notation::Notation;

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
///
/// Options say how the output looks; how many threads search it is a setting of the
/// [`Output`](crate::render::Output) ([`Output::threads`](crate::render::Output::threads)).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub(super) every: bool,
    pub(super) all_senses: bool,
    pub(super) threads: usize,
    pub(super) lang: Option<String>,
    pub(super) notation: Option<Notation>,
    pub(super) title: Option<String>,
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

    /// Gloss every match, also where the entry's definition may not hold (the document is
    /// about another place or year, or the text explains the term otherwise: see
    /// [`crate::sense`]), naming the entry's scope in those glosses: （金山区：…）. By default
    /// the human formats gloss only matches whose definition holds; the JSON formats list
    /// every match either way, with `"applies"` and `"why"`.
    ///
    /// ```
    /// use zhgloss::render::{self, Format, Options};
    ///
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let text = "北京市推进“四纵四横”高铁网建设。";
    /// let plain = render::to_string(&ann, Format::Inline, text, &Options::new())?;
    /// assert_eq!(plain, text);
    /// let all = render::to_string(&ann, Format::Inline, text, &Options::new().all_senses(true))?;
    /// assert!(all.starts_with("北京市推进“四纵四横”\u{2060}（金山区：学府路"));
    /// assert_eq!(render::strip_inline(&ann, &all), text);
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn all_senses(mut self, yes: bool) -> Options {
        self.all_senses = yes;
        self
    }

    /// Gloss in another language: the human formats show an entry's
    /// [translation](crate::Entry::translations) into `lang` (a language tag: `en`, `fr`;
    /// `en-GB` finds `en`) where it has one, and the Chinese gloss where it has none; nothing
    /// is translated that the glossary does not translate. Inline, the gloss is the
    /// translation's [short gloss](crate::Translation::short_gloss); in notes, the term is
    /// followed by its translation, and the definition is the translated one where there is
    /// one. The JSON formats are unchanged: they name each match's entry, whose translations
    /// are in the glossary (`zhgloss list`, the `glossary` format).
    ///
    /// ```
    /// use zhgloss::render::{self, Format, Options};
    ///
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let text = "深化“一网通办”，编制三线一单。";
    /// let en = render::to_string(&ann, Format::Inline, text, &Options::new().lang("en"))?;
    /// // 一网通办 has an official English name; 三线一单 has none, so its gloss stays Chinese.
    /// assert!(en.starts_with("深化“一网通办”\u{2060}（Government Online-Offline Shanghai），编制三线一单\u{2060}（生态保护红线"));
    /// assert_eq!(render::strip_inline(&ann, &en), text);
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn lang(mut self, lang: impl Into<String>) -> Options {
        self.lang = Some(lang.into()).filter(|l| !l.trim().is_empty());
        self
    }

    /// Write the footnote format's note marks in `notation`, whatever the text holds. By
    /// default each document gets the first notation whose marks it does not contain itself
    /// (superscripts ¹ ², else 〔1〕, else ［注1］: see [`Notation`]), so that the text's own
    /// notes and the glossary's can be told apart. Markdown's footnotes and the HTML page's
    /// links are the reader's own elements and need no choice.
    ///
    /// ```
    /// use zhgloss::render::{self, Format, Notation, Options};
    ///
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let text = "编制三线一单。";
    /// let auto = render::to_string(&ann, Format::Footnote, text, &Options::new())?;
    /// assert!(auto.starts_with("编制三线一单¹。"));
    /// let forced = Options::new().notation(Notation::Label);
    /// let label = render::to_string(&ann, Format::Footnote, text, &forced)?;
    /// assert!(label.starts_with("编制三线一单［注1］。\n\n注解\n［注1］ 三线一单："));
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn notation(mut self, notation: Notation) -> Options {
        self.notation = Some(notation);
        self
    }

    /// The HTML page's title when its first document has no title line of its own (a first
    /// line that reads as one: short, not a sentence, not a numbered heading): the page's
    /// `<title>` and an `<h1>` before the document's text. The command line gives the first
    /// file's name. Without it (and without a title line) the `<title>` is the glossary's name.
    /// A document's own title line is always its title. Other formats ignore it.
    ///
    /// ```
    /// use zhgloss::render::{self, Format, Options};
    ///
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let opts = Options::new().title("金山区 <2020>.txt");
    /// let page = render::to_string(&ann, Format::Html, "编制“三线一单”。", &opts)?;
    /// assert!(page.contains("<title>金山区 &lt;2020&gt;.txt</title>"));
    /// assert!(page.contains("<h1 class=\"name\">金山区 &lt;2020&gt;.txt</h1>"));
    /// // The document's own title line wins.
    /// let page = render::to_string(&ann, Format::Html, "政府工作报告\n\n编制“三线一单”。", &opts)?;
    /// assert!(page.contains("<title>政府工作报告</title>"));
    /// assert!(page.contains("<h1>政府工作报告</h1>"));
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn title(mut self, title: impl Into<String>) -> Options {
        self.title = Some(title.into()).filter(|t| !t.trim().is_empty());
        self
    }

    /// Search each document with up to `threads` threads. Kept for code written against
    /// zhgloss 0.1: threads are a setting of the output, not of how it looks. [`Output::new`]
    /// and [`to_string`] start from this count.
    ///
    /// [`Output::new`]: crate::render::Output::new
    /// [`to_string`]: crate::render::to_string
    ///
    /// ```
    /// # #![allow(deprecated)]
    /// use zhgloss::render::{Format, Options, to_string};
    ///
    /// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
    /// let text = "编制三线一单，推进“一网通办”。".repeat(40_000);
    /// let one = to_string(&ann, Format::Inline, &text, &Options::new())?;
    /// let two = to_string(&ann, Format::Inline, &text, &Options::new().threads(2))?;
    /// assert!(one == two);
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    #[deprecated(since = "0.2.0", note = "use `Output::threads`")]
    pub fn threads(mut self, threads: usize) -> Options {
        self.threads = threads;
        self
    }
}
