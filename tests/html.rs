//! The HTML page is safe, checked by parsing it as a browser does (html5ever, through
//! `scraper`), not by looking for strings: whatever the text and the glossary hold, the page has
//! only the elements the renderer writes, the text of the document is the input's, and every
//! definition, term and name is there as text or attribute value, exactly.

mod common;

use proptest::prelude::*;
use scraper::{Html, Selector};
use zhgloss::render::{self, Format, Options};
use zhgloss::{Annotator, Entry, Glossary};

/// The elements the HTML format writes (and the parser's own html, head and body).
const ELEMENTS: &[&str] = &[
    "html", "head", "meta", "title", "style", "body", "article", "div", "a", "section", "h1", "h2",
    "h3", "h4", "p", "span", "dl", "dt", "dd",
];

fn select(page: &Html, selector: &str) -> Vec<String> {
    let s = Selector::parse(selector).expect("a valid selector");
    page.select(&s).map(|e| e.text().collect()).collect()
}

/// The text as an HTML parser reads it back: line endings normalised, NUL replaced.
fn as_parsed(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\0', "\u{FFFD}")
}

/// Renders `texts` as one page and checks it.
fn check(ann: &Annotator, texts: &[&str], every: bool) -> Result<(), TestCaseError> {
    let mut output =
        render::Output::new(ann, Format::Html, &Options::new().every(every), Vec::new());
    for text in texts {
        output.document_str(text).expect("rendering to memory");
    }
    let page = String::from_utf8(output.finish().unwrap()).unwrap();
    let html = Html::parse_document(&page);
    for element in html.tree.nodes().filter_map(|n| n.value().as_element()) {
        prop_assert!(
            ELEMENTS.contains(&element.name()),
            "<{}> in {}",
            element.name(),
            page
        );
    }
    // The documents' text, each whole.
    let bodies = select(&html, "article > div.text");
    prop_assert_eq!(bodies.len(), texts.len());
    for (body, text) in bodies.iter().zip(texts) {
        prop_assert_eq!(body, &as_parsed(text));
    }
    // Every linked term shows its entry's definition, and the glossary has each term and
    // definition, as written.
    let g = ann.glossary();
    let term = Selector::parse("a.term").unwrap();
    for a in html.select(&term) {
        let id: u32 = a.value().attr("data-entry").unwrap().parse().unwrap();
        let e = g.entry(id).unwrap();
        let want = as_parsed(e.definition.trim());
        prop_assert_eq!(a.value().attr("data-definition"), Some(want.as_str()));
    }
    let terms = select(&html, "section.glossary dt");
    let definitions = select(&html, "section.glossary dd");
    prop_assert_eq!(terms.len(), definitions.len());
    for (t, d) in terms.iter().zip(&definitions) {
        let e = g.entries.iter().find(|e| as_parsed(&e.term) == *t);
        prop_assert!(e.is_some(), "{} is no term", t);
        prop_assert_eq!(d, &as_parsed(e.unwrap().definition.trim()));
    }
    let title = select(&html, "head > title");
    prop_assert_eq!(title.len(), 1);
    Ok(())
}

fn hostile_pieces() -> Vec<&'static str> {
    vec![
        "三线一单",
        "一网通办",
        "“",
        "”",
        "<",
        ">",
        "&",
        "&amp;",
        "&lt;",
        "\"",
        "'",
        "<script>",
        "</script>",
        "<b>",
        "</div>",
        "</article>",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "<style>",
        "</textarea>",
        "<a href=\"x\">",
        "javascript:",
        "\u{0}",
        "\r",
        "\n",
        "\r\n",
        " ",
        "文字",
        "。",
        "=",
        "`",
        "<svg onload=alert(1)>",
        "<img src=x onerror=alert(1)>",
    ]
}

fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(hostile_pieces()), 0..30).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn hostile_text_stays_text(a in hostile_text(), b in hostile_text(), every in any::<bool>()) {
        check(&common::builtin(), &[&a, &b], every)?;
    }

    #[test]
    fn hostile_glossaries_stay_text(
        definitions in prop::collection::vec(hostile_text(), 3),
        name in hostile_text(),
        text in hostile_text(),
    ) {
        let terms = ["三线一单", "<b>一网通办</b>", "A&B"];
        let entries = terms
            .iter()
            .zip(&definitions)
            .zip(1..)
            .map(|((t, d), id)| Entry::new(id, *t, format!("定义{d}")))
            .collect();
        let g = Glossary { name, entries, ..Glossary::default() };
        let ann = Annotator::new(&g).unwrap();
        let text = format!("{text}A&B，<b>一网通办</b>三线一单{text}");
        check(&ann, &[&text, "三线一单"], true)?;
    }
}

#[test]
fn a_merge_of_glossaries_with_the_same_ids_links_each_term_to_its_own_note() {
    // Two glossaries numbering alike: every element id is unique, and every term links to the
    // note of its own entry, named by its glossary and id.
    let mut g = Glossary::builtin();
    let mut other = Glossary {
        name: "郯城 <名词解释>".into(),
        ..Glossary::default()
    };
    other.entries = vec![
        Entry::new(24, "四减四增", "减少过剩和落后产业。"),
        Entry::new(2, "1354", "一个定位、三个坚持。"),
    ];
    g.merge(other).unwrap();
    let ann = Annotator::new(&g).unwrap();
    let text = "编制三线一单，推进一网通办，落实四减四增和“1354”总体思路。";
    let mut output = render::Output::new(&ann, Format::Html, &Options::new(), Vec::new());
    output.document_str(text).unwrap();
    let page = String::from_utf8(output.finish().unwrap()).unwrap();
    let html = Html::parse_document(&page);
    let all = Selector::parse("[id]").unwrap();
    let mut ids: Vec<&str> = html
        .select(&all)
        .map(|e| e.value().attr("id").unwrap())
        .collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "{page}");
    let term = Selector::parse("a.term").unwrap();
    let mut linked = 0;
    for a in html.select(&term) {
        let v = a.value();
        let id: u32 = v.attr("data-entry").unwrap().parse().unwrap();
        let e = g.entry_in(v.attr("data-glossary").unwrap(), id).unwrap();
        let href = v.attr("href").unwrap().trim_start_matches('#');
        let dt = Selector::parse(&format!("dt[id=\"{href}\"]")).unwrap();
        let note: Vec<String> = html.select(&dt).map(|d| d.text().collect()).collect();
        assert_eq!(note.as_slice(), std::slice::from_ref(&e.term));
        assert_eq!(v.attr("data-definition"), Some(e.definition.as_str()));
        linked += 1;
    }
    assert_eq!(linked, 4);
}
