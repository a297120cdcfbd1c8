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

// The document's layout: title, headings, paragraphs. Structure is read from the parsed page.

/// A full line of a PDF (36 characters): a break after it, inside a sentence, is a soft one.
const FULL: &str = "过去一年，我们在以习近平同志为核心的党中央坚强领导下，全面贯彻落实党的";

fn page(text: &str, options: &Options) -> Html {
    let page = render::to_string(&common::builtin(), Format::Html, text, options).unwrap();
    Html::parse_document(&page)
}

/// Whether an element is text the style hides: a joined line break (but one shown as a
/// space), a break between blocks, a line's indentation.
fn hidden(e: &scraper::node::Element) -> bool {
    e.name() == "span" && (e.has_class("br", CASE) && !e.has_class("sp", CASE))
        || e.has_class("gap", CASE)
        || e.has_class("indent", CASE)
}

const CASE: scraper::CaseSensitivity = scraper::CaseSensitivity::CaseSensitive;

/// The text a reader sees in `node`: hidden spans left out, a break shown as a space one space.
fn shown(element: scraper::ElementRef<'_>) -> String {
    let mut s = String::new();
    for child in element.children() {
        if let Some(t) = child.value().as_text() {
            s.push_str(t);
        } else if let Some(e) = scraper::ElementRef::wrap(child) {
            if hidden(e.value()) {
            } else if e.value().has_class("br", CASE) {
                s.push(' ');
            } else {
                s.push_str(&shown(e));
            }
        }
    }
    s
}

/// The blocks of the (first) document's text: each element's name and shown text.
fn blocks(html: &Html) -> Vec<(String, String)> {
    let text = Selector::parse("div.text").unwrap();
    let div = html.select(&text).next().expect("a text");
    div.children()
        .filter_map(scraper::ElementRef::wrap)
        .filter(|e| !hidden(e.value()))
        .map(|e| (e.value().name().to_string(), shown(e)))
        .collect()
}

fn owned(blocks: &[(&str, &str)]) -> Vec<(String, String)> {
    blocks
        .iter()
        .map(|(t, s)| (t.to_string(), s.to_string()))
        .collect()
}

#[test]
fn paragraphs_join_the_line_breaks_a_pdf_put_inside_them() {
    let full = FULL;
    let cases: Vec<(String, Vec<(&str, String)>)> = vec![
        // A soft break between Chinese characters is joined with nothing, CRLF too.
        (
            format!("{full}\n十九大精神。"),
            vec![("p", format!("{full}十九大精神。"))],
        ),
        (
            format!("{full}\r\n十九大精神。"),
            vec![("p", format!("{full}十九大精神。"))],
        ),
        // After a sentence, also before its closing quote, the break stays.
        (
            format!("{full}十九大。\n下一段。"),
            vec![("p", format!("{full}十九大。")), ("p", "下一段。".into())],
        ),
        (
            format!("{full}“十九大。”\n下一段。"),
            vec![("p", format!("{full}“十九大。”")), ("p", "下一段。".into())],
        ),
        (
            format!("{full}：\n下一段。"),
            vec![("p", format!("{full}：")), ("p", "下一段。".into())],
        ),
        // Before a heading or a numbered item.
        (
            format!("{full}\n一、总体要求"),
            vec![("p", full.into()), ("h2", "一、总体要求".into())],
        ),
        (
            format!("{full}\n1. 三张清单：是指新增工业用地正面清单。"),
            vec![
                ("p", full.into()),
                ("p", "1. 三张清单：是指新增工业用地正面清单。".into()),
            ],
        ),
        // Between Latin words, a space.
        (
            "The annual work report was adopted by the district congress\nafter review.".into(),
            vec![(
                "p",
                "The annual work report was adopted by the district congress after review.".into(),
            )],
        ),
        // A blank line is a paragraph break, but for a page break inside a sentence (a full
        // line ending on a character, as in the bundled report).
        (
            "第一段。\n\n第二段".into(),
            vec![("p", "第一段。".into()), ("p", "第二段".into())],
        ),
        (
            "现在作报告。\n\n金山区区长\n\n各位代表".into(),
            vec![
                ("p", "现在作报告。".into()),
                ("p", "金山区区长".into()),
                ("p", "各位代表".into()),
            ],
        ),
        (
            format!("{full}\n\n十九大精神。"),
            vec![("p", format!("{full}十九大精神。"))],
        ),
        // An indented line starts a paragraph; its indentation is the style's.
        (
            format!("{full}\n　　十九大精神。"),
            vec![("p", full.into()), ("p", "十九大精神。".into())],
        ),
        (
            format!("　　{full}。\n    下一段。"),
            vec![("p", format!("{full}。")), ("p", "下一段。".into())],
        ),
        // A short line standing alone keeps its break: a byline, a date, a label.
        (
            "各位代表：\n金山区区长 胡卫国\n现在，我代表区人民政府作报告。".into(),
            vec![
                ("p", "各位代表：".into()),
                ("p", "金山区区长 胡卫国".into()),
                ("p", "现在，我代表区人民政府作报告。".into()),
            ],
        ),
        // A term's words on two lines are one phrase, whatever the line.
        (
            "深化政务服务“一网\n通办”。".into(),
            vec![("p", "深化政务服务“一网通办”。".into())],
        ),
    ];
    for (text, want) in cases {
        let want: Vec<(String, String)> =
            want.into_iter().map(|(t, s)| (t.to_string(), s)).collect();
        assert_eq!(blocks(&page(&text, &Options::new())), want, "{text:?}");
    }
}

#[test]
fn numbered_lines_are_headings_by_level() {
    let text = "政府工作报告\n\n一、总体要求\n（一）主要目标\n1、与时俱进的“四位一体”\n\
                第一章 总则\n第二节 范围\n第十条 本办法自发布之日起施行。\n名词解释\n\
                1. 三线一单：是指生态保护红线。";
    assert_eq!(
        blocks(&page(text, &Options::new())),
        owned(&[
            ("h1", "政府工作报告"),
            ("h2", "一、总体要求"),
            ("h3", "（一）主要目标"),
            ("h4", "1、与时俱进的“四位一体”"),
            ("h2", "第一章 总则"),
            ("h3", "第二节 范围"),
            ("p", "第十条 本办法自发布之日起施行。"),
            ("h2", "名词解释"),
            ("p", "1. 三线一单：是指生态保护红线。"),
        ])
    );
    // A long numbered line is a paragraph opening with its heading.
    let long = format!("（一）注重高质量，心无旁骛推动经济提质增效。{FULL}。");
    assert_eq!(
        blocks(&page(&long, &Options::new())),
        owned(&[("p", &long)])
    );
}

#[test]
fn the_title_is_the_documents_else_the_callers_else_the_glossarys() {
    let title = |html: &Html| select(html, "head > title");
    let h1 = |html: &Html| select(html, "h1");
    // The first line, after blank lines, when it reads as a title; escaped.
    let own = page(
        "\n\n关于<script>“一网通办”</script>的通知\n\n正文。",
        &Options::new(),
    );
    assert_eq!(title(&own), ["关于<script>“一网通办”</script>的通知"]);
    assert_eq!(h1(&own), ["关于<script>“一网通办”</script>的通知"]);
    // Not a sentence, a numbered heading or a breadcrumb: then the caller's, named as such.
    let named = Options::new().title("报告 & <附件>.txt");
    for text in [
        "编制三线一单。",
        "一、总体要求\n正文。",
        "首页 > 重要发布\n正文。",
        "",
    ] {
        let html = page(text, &named);
        assert_eq!(title(&html), ["报告 & <附件>.txt"], "{text:?}");
        assert_eq!(select(&html, "h1.name"), ["报告 & <附件>.txt"], "{text:?}");
        let none = page(text, &Options::new());
        assert_eq!(title(&none), ["2020 年金山区人民政府工作报告 · 名词解释"]);
        assert!(h1(&none).is_empty(), "{text:?}");
    }
    // Each document's title line is its h1; the page is named by the first.
    let ann = common::builtin();
    let mut output = render::Output::new(&ann, Format::Html, &named, Vec::new());
    output.document_str("第一份报告\n正文。").unwrap();
    output.document_str("第二份报告\n正文。").unwrap();
    let html = Html::parse_document(&String::from_utf8(output.finish().unwrap()).unwrap());
    assert_eq!(title(&html), ["第一份报告"]);
    assert_eq!(h1(&html), ["第一份报告", "第二份报告"]);
}

#[test]
fn the_bundled_report_reads_as_a_document() {
    let report = common::REPORT;
    let html = page(report, &Options::new());
    assert_eq!(
        select(&html, "head > title"),
        ["2020 年金山区人民政府工作报告（节选）"]
    );
    assert_eq!(
        select(&html, "h1"),
        ["2020 年金山区人民政府工作报告（节选）"]
    );
    // Its chapters 一、 二、 三、 are the h2s, with its own 名词解释; its short （一） lines the h3s.
    let chapters = report
        .lines()
        .filter(|l| {
            let l = l.trim();
            let n = l
                .chars()
                .take_while(|c| "一二三四五六七八九十".contains(*c))
                .count();
            n > 0 && l.chars().nth(n) == Some('、')
        })
        .count();
    assert_eq!(chapters, 3);
    let h2 = select(&html, "div.text > h2");
    assert_eq!(h2.len(), chapters + 1, "{h2:?}");
    assert_eq!(h2.last().map(String::as_str), Some("名词解释"));
    assert_eq!(select(&html, "div.text > h3").len(), 5);
    // Its paragraphs: one per line but for the page breaks inside sentences it joins.
    let paragraphs = select(&html, "div.text > p");
    let joined = Selector::parse("div.text span.br").unwrap();
    let joins: Vec<_> = html.select(&joined).collect();
    assert_eq!(joins.len(), 8);
    let lines = report.lines().filter(|l| !l.trim().is_empty()).count();
    assert_eq!(paragraphs.len() + h2.len() + 5 + 1, lines - joins.len());
    // No joined break follows a sentence's end.
    let div = html
        .select(&Selector::parse("div.text").unwrap())
        .next()
        .unwrap();
    let mut before = String::new();
    for node in div.descendants() {
        match node.value() {
            scraper::Node::Element(e) if e.has_class("br", CASE) => {
                let last = before.trim_end().chars().next_back();
                assert!(!last.is_some_and(|c| "。！？；：".contains(c)), "{before}");
            }
            scraper::Node::Text(t)
                if !node
                    .parent()
                    .and_then(|p| p.value().as_element())
                    .is_some_and(|e| e.has_class("br", CASE)) =>
            {
                before.push_str(t)
            }
            _ => {}
        }
    }
    // The page's text is the report, and each term's span is its span in the report.
    assert_eq!(div.text().collect::<String>(), report);
    let mut terms = 0;
    for a in html.select(&Selector::parse("a.term").unwrap()) {
        let span = |name| a.value().attr(name).unwrap().parse::<usize>().unwrap();
        let text: String = a.text().collect();
        assert_eq!(
            report.get(span("data-start")..span("data-end")),
            Some(text.as_str())
        );
        terms += 1;
    }
    assert_eq!(terms, 29);
}

/// Pieces of text that make layouts: full lines, headings, sentence ends, indentation, line
/// breaks of both kinds, and markup.
fn layout_pieces() -> Vec<&'static str> {
    vec![
        FULL,
        "三线一单",
        "一网\n通办",
        "\n",
        "\n",
        "\r\n",
        "\n\n",
        "　　",
        "  ",
        "一、",
        "（一）",
        "1. ",
        "名词解释",
        "。",
        "”",
        "，",
        "<",
        "&",
        "\"",
        "'",
        "abc",
        "12",
        " ",
        "文字",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_page_keeps_every_character_and_joins_only_inside_paragraphs(
        pieces in prop::collection::vec(prop::sample::select(layout_pieces()), 0..40),
    ) {
        let text = pieces.concat();
        check(&common::builtin(), &[&text], true)?;
        let html = page(&text, &Options::new());
        let div = html.select(&Selector::parse("div.text").unwrap()).next().unwrap();
        // The joined breaks, restored, give back the input: they are its whitespace, kept.
        prop_assert_eq!(div.text().collect::<String>(), as_parsed(&text));
        for node in div.descendants() {
            let Some(e) = node.value().as_element() else { continue };
            if e.has_class("br", CASE) {
                let t: String = node.children().filter_map(|c| c.value().as_text().map(|t| t.to_string())).collect();
                prop_assert!(t.contains('\n') && t.trim().is_empty(), "{:?}", t);
                let parent = node.parent().and_then(|p| p.value().as_element()).map(|p| p.name());
                prop_assert!(matches!(parent, Some("p" | "a" | "span")), "{:?} in {:?}", t, parent);
            }
            // Outside the hidden spans, a block shows no line break.
            if matches!(e.name(), "p" | "h1" | "h2" | "h3" | "h4") {
                let s = shown(scraper::ElementRef::wrap(node).unwrap());
                prop_assert!(!s.contains('\n'), "{:?} in {:?}", s, text);
            }
        }
    }
}
