//! The HTML format: one standalone page, terms linked to the glossary at the end of their
//! document.

mod layout;

use std::io::{self, Write};

use layout::{Layout, Start};

use super::notes::{Notes, definition, glossed, translation};
use super::options::Options;
use super::place::Flow;
use crate::annotator::Annotator;
use crate::glossary::Entry;
use crate::scopes::scope_label;
use crate::stream::{Render, Term};

/// Escapes text for HTML text and attribute values alike.
/// A NUL, which an HTML parser drops from text, is written as U+FFFD, as browsers show it.
pub(super) fn html_escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&#39;"),
            '\0' => s.push('\u{FFFD}'),
            _ => s.push(c),
        }
    }
    s
}

/// The page's style: a column of about 40 characters (a measure that reads well on a desktop
/// and fills a phone), paragraphs indented two characters as Chinese prints them, headings
/// by level; a joined line break, the breaks between blocks and a line's own indentation are
/// in the text but hidden. Long runs without a break opportunity (URLs, numbers) wrap anywhere.
/// A term shows its definition in a box below its line, as wide as the text (so it never runs
/// off the page, on a phone either), while hovered or focused (the terms are links, reached
/// with Tab).
const HTML_STYLE: &str = r#"html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{font-family:"PingFang SC","Hiragino Sans GB","Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",system-ui,sans-serif;font-size:1.0625rem;line-height:1.8;max-width:40em;margin:0 auto;padding:1.5em 1em 3em;color:#1f2328;background:#fff;overflow-wrap:anywhere}
article+article{margin-top:3em;border-top:1px solid #d0d7de}
h1{font-size:1.5em;line-height:1.4;text-align:center;margin:1em 0 1.2em}
h2{font-size:1.25em;line-height:1.5;margin:1.8em 0 .6em}
h3{font-size:1.1em;line-height:1.6;margin:1.4em 0 .4em}
h4{font-size:1em;margin:1.2em 0 .3em}
.text{position:relative}
.text p{margin:0 0 .8em;text-indent:2em}
.text p.byline{text-indent:0;text-align:center;color:#57606a}
@media (max-width:30em){h1{font-size:1.3em}}
.text .br,.text .gap,.text .indent{display:none}
.text .br.sp{display:inline}
a.term{color:inherit;text-decoration:underline dotted #0969da;text-underline-offset:.25em;background:#eef5ff;border-radius:2px}
a.term:focus{outline:2px solid #0969da}
a.term.unsure{text-decoration-style:dashed;text-decoration-color:#9a6700;background:#fff8c5}
a.term:hover::after,a.term:focus::after{content:attr(data-definition);position:absolute;left:0;right:0;margin-top:1.9em;z-index:10;padding:.5em .75em;white-space:normal;text-indent:0;text-align:left;font-size:.9rem;font-weight:normal;line-height:1.6;color:#1f2328;background:#fffbe6;border:1px solid #d4a72c;border-radius:4px;box-shadow:0 2px 8px rgba(0,0,0,.15)}
.glossary{margin-top:2em;border-top:1px solid #d0d7de}
.glossary dt{font-weight:bold;margin-top:.75em}
.glossary dd{margin-left:2em}
@media (max-width:30em){.glossary dd{margin-left:1em}}
a.term[data-scope]:hover::after,a.term[data-scope]:focus::after{content:"〔" attr(data-scope) "〕" attr(data-definition)}
a.term.unsure:hover::after,a.term.unsure:focus::after{content:attr(data-definition) "（可能不适用：" attr(data-why) "）"}
a.term.unsure[data-scope]:hover::after,a.term.unsure[data-scope]:focus::after{content:"〔" attr(data-scope) "〕" attr(data-definition) "（可能不适用：" attr(data-why) "）"}
.glossary dt[data-scope]::after{content:"（" attr(data-scope) "）";font-weight:normal;color:#57606a}
.glossary dd:target,.glossary dt:target,.text .own:target{background:#fffbe6}
"#;

/// The page up to its first document: `title` is escaped.
fn page_head(title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"zhgloss\">\n<title>{title}</title>\n<style>\n{HTML_STYLE}</style>\n</head>\n<body>\n"
    )
}

/// ` data-scope="…"`: where the entry's definition holds, for an entry with a scope.
fn scope_attribute(entry: &crate::glossary::Entry) -> String {
    scope_label(entry).map_or_else(String::new, |label| {
        format!(" data-scope=\"{}\"", html_escape(&label))
    })
}

/// The HTML format.
pub(super) struct Html<'a> {
    annotator: &'a Annotator,
    /// Each entry's ` data-scope="…"` attribute (empty for an entry without scope), by index.
    scopes: Vec<String>,
    every: bool,
    all_senses: bool,
    notes: Notes,
    /// The document's own glossary section (left as written, its headwords anchors).
    flow: Flow,
    /// Documents begun so far; the current one's number.
    document: usize,
    head_written: bool,
    lang: Option<String>,
    /// The page's title when its first document has no title line.
    title: Option<String>,
    /// The current document's blocks: its title, headings and paragraphs.
    layout: Layout,
}

impl<'a> Html<'a> {
    pub(super) fn new(annotator: &'a Annotator, options: &Options) -> Html<'a> {
        Html {
            annotator,
            scopes: annotator
                .glossary()
                .entries
                .iter()
                .map(scope_attribute)
                .collect(),
            every: options.every,
            all_senses: options.all_senses,
            notes: Notes::new(annotator),
            flow: Flow::new(annotator.glossary().entries.len()),
            document: 0,
            head_written: false,
            lang: options.lang.clone(),
            title: options.title.clone(),
            layout: Layout::default(),
        }
    }

    /// The name of the page when nothing better names it: the glossary's.
    fn name(&self) -> String {
        let name = &self.annotator.glossary().name;
        if name.trim().is_empty() {
            "zhgloss".to_string()
        } else {
            name.clone()
        }
    }

    /// The id of an entry's glossary item in the current document: `g-7`, or `g-7-2` in the
    /// second document, so ids stay unique in the page; in a merge of glossaries (where ids
    /// repeat) by the entry's position, `g-e6`.
    fn id(&self, prefix: &str, index: usize, entry: &Entry) -> String {
        let key = match entry.glossary {
            None => entry.id.to_string(),
            Some(_) => format!("e{index}"),
        };
        match self.document {
            0 | 1 => format!("{prefix}-{key}"),
            d => format!("{prefix}-{key}-{d}"),
        }
    }
}

impl Render for Html<'_> {
    /// Enough to see the colon after a headword of the document's own glossary section.
    fn lookahead(&self) -> usize {
        16
    }

    /// The page's head waits for the first document's first line, which may be its title.
    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        let page = (!std::mem::replace(&mut self.head_written, true))
            .then(|| (self.title.clone(), self.name()));
        self.document += 1;
        self.notes.clear();
        self.flow.begin();
        self.layout.begin(Start { page });
        Ok(())
    }

    fn text(&mut self, out: &mut dyn Write, text: &str) -> io::Result<()> {
        let layout = &mut self.layout;
        self.flow.write(out, text, |out, t| layout.text(out, t))
    }

    fn term(&mut self, out: &mut dyn Write, term: &Term<'_>) -> io::Result<()> {
        let index = term.as_match().entry_index();
        // The document's own glossary section is left as written; a headword it defines is
        // where links to the entry lead (the page's list leaves the entry out).
        if let Some(head) = self.flow.in_section(term) {
            let e = term.entry();
            if !head || self.flow.defined(index) {
                return self.text(out, term.matched());
            }
            self.flow.define(index);
            let open = format!("<span class=\"own\" id=\"{}\">", self.id("g", index, e));
            self.layout.open(out, &open)?;
            self.text(out, term.matched())?;
            return self.layout.close(out, "</span>");
        }
        if !glossed(term, self.all_senses)
            || self.notes.mark(index, self.every, term.applies()).is_none()
        {
            return self.text(out, term.matched());
        }
        let e = term.entry();
        // The tooltip names where the definition holds (`data-scope`) and, for an occurrence
        // that may not be in its sense, why (`data-why`): the style shows them before and
        // after the definition.
        let scope = self.scopes.get(index).map_or("", String::as_str);
        let (class, why) = match term.why() {
            Some(why) => ("term unsure", format!(" data-why=\"{}\"", html_escape(why))),
            None => ("term", String::new()),
        };
        // In a merge, ids repeat across glossaries: the entry is its glossary and id.
        let glossary = e.glossary.as_deref().map_or_else(String::new, |g| {
            format!(" data-glossary=\"{}\"", html_escape(g))
        });
        // The term's span in the original text, in bytes, as in the JSON formats.
        let found = term.as_match();
        let open = format!(
            "<a class=\"{class}\" href=\"#{}\" aria-describedby=\"{}\"{glossary} data-entry=\"{}\"{scope}{why} data-definition=\"{}\" data-start=\"{}\" data-end=\"{}\">",
            self.id("g", index, e),
            self.id("d", index, e),
            e.id,
            html_escape(definition(e, self.lang.as_deref()).0),
            found.start(),
            found.end(),
        );
        self.layout.open(out, &open)?;
        self.text(out, term.matched())?;
        self.layout.close(out, "</a>")
    }

    fn finish(&mut self, out: &mut dyn Write, _bytes: u64) -> io::Result<()> {
        self.layout.finish(out)?;
        let own: Vec<usize> = (self.notes.order.iter().copied())
            .filter(|&i| self.flow.defined(i))
            .collect();
        if !self.notes.order.is_empty() {
            out.write_all("<section class=\"glossary\">\n<h2>名词解释</h2>\n<dl>\n".as_bytes())?;
            for &index in &self.notes.order {
                let Some(e) = self.annotator.glossary().entries.get(index) else {
                    continue;
                };
                if own.contains(&index) {
                    continue;
                }
                let lang = self.lang.as_deref();
                // A translated term or definition says its language, for screen readers and
                // hyphenation.
                let translated = translation(e, lang).map_or_else(String::new, |t| {
                    format!(
                        " <span lang=\"{}\">{}</span>",
                        html_escape(lang.unwrap_or_default()),
                        html_escape(t.term.trim())
                    )
                });
                let (text, text_lang) = definition(e, lang);
                let text_lang =
                    text_lang.map_or_else(String::new, |l| format!(" lang=\"{}\"", html_escape(l)));
                writeln!(
                    out,
                    "<dt id=\"{}\"{}>{}{translated}</dt>\n<dd id=\"{}\"{text_lang}>{}</dd>",
                    self.id("g", index, e),
                    self.scopes.get(index).map_or("", String::as_str),
                    html_escape(&e.term),
                    self.id("d", index, e),
                    html_escape(text)
                )?;
            }
            out.write_all(b"</dl>\n")?;
            // The entries the document's own section defines: one line pointing to it, each
            // term a link to its headword there, each definition kept (hidden) for the
            // description of the links in the text.
            if let Some((line, heading)) = self.flow.section().filter(|_| !own.is_empty()) {
                out.write_all(b"<p class=\"own\">")?;
                for (k, &index) in own.iter().enumerate() {
                    let Some(e) = self.annotator.glossary().entries.get(index) else {
                        continue;
                    };
                    if k > 0 {
                        out.write_all("、".as_bytes())?;
                    }
                    write!(
                        out,
                        "<a href=\"#{}\">{}</a><span id=\"{}\" hidden>{}</span>",
                        self.id("g", index, e),
                        html_escape(&e.term),
                        self.id("d", index, e),
                        // The description the text's links carry, in their language.
                        html_escape(definition(e, self.lang.as_deref()).0)
                    )?;
                }
                writeln!(
                    out,
                    "：见本文“{}”（第 {line} 行）</p>",
                    html_escape(heading.trim_end_matches(['：', ':']))
                )?;
            }
            out.write_all(b"</section>\n")?;
        }
        out.write_all(b"</article>\n")
    }

    fn close(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !std::mem::replace(&mut self.head_written, true) {
            let title = self.title.clone().unwrap_or_else(|| self.name());
            out.write_all(page_head(&html_escape(&title)).as_bytes())?;
        }
        out.write_all(b"</body>\n</html>\n")
    }
}
