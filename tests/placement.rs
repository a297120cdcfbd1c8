//! Where glosses and note marks go, and what the human formats leave as written: never inside a
//! book title or a bracketed name, never between a number and its unit, nothing inside the
//! document's own glossary section (issue 22).

use zhgloss::render::{self, Format, INLINE_MARK, Options};
use zhgloss::{Annotator, Entry, Glossary};

mod common;

use common::REPORT;

/// The built-in glossary and 双100, a term that ends with a number.
fn annotator() -> Annotator {
    let mut g = Glossary::builtin();
    g.entries.push(Entry::new(
        30,
        "双100",
        "是指新增100个流程优化再造事项，新增100个全市通办事项。",
    ));
    Annotator::new(&g).unwrap()
}

fn render(ann: &Annotator, format: Format, text: &str, every: bool) -> String {
    render::to_string(ann, format, text, &Options::new().every(every)).unwrap()
}

/// The inline gloss of an entry, as inserted.
fn gloss(ann: &Annotator, id: u32) -> String {
    format!(
        "{INLINE_MARK}（{}）",
        ann.glossary().entry(id).unwrap().short_gloss()
    )
}

#[test]
fn marks_go_after_titles_brackets_and_units() {
    let ann = annotator();
    let g24 = gloss(&ann, 24);
    let g23 = gloss(&ann, 23);
    let g30 = gloss(&ann, 30);
    // (text, the inline rendering expected, with {24} {23} {30} for the glosses)
    let cases = [
        (
            "印发《关于落实三线一单的通知》。",
            "印发《关于落实三线一单的通知》{24}。",
        ),
        ("依据〔三线一单〕编制。", "依据〔三线一单〕{24}编制。"),
        ("【三线一单】专栏", "【三线一单】{24}专栏"),
        // Nested marks: the outermost title closes last.
        (
            "《关于“三线一单”的〈实施细则〉》发布",
            "《关于“三线一单”的〈实施细则〉》{24}发布",
        ),
        ("《〈三线一单〉编制指南》", "《〈三线一单〉编制指南》{24}"),
        // Two terms in one title: both glosses after it, in order.
        (
            "《关于三线一单和两网融合的意见》",
            "《关于三线一单和两网融合的意见》{24}{23}",
        ),
        // A title that ends the text.
        ("见《三线一单》", "见《三线一单》{24}"),
        // A stray mark (no title closes before the sentence ends) holds nothing back.
        ("《三线一单。两网融合", "《三线一单{24}。两网融合{23}"),
        // A quoted term: after its closing quote, as before.
        ("编制“三线一单”。", "编制“三线一单”{24}。"),
        // A number keeps its unit; a term not ending with a number does not look for one.
        ("新增双100个事项", "新增双100个{30}事项"),
        ("完成双100万元", "完成双100万元{30}"),
        ("三线一单个别", "三线一单{24}个别"),
    ];
    for (text, want) in cases {
        let want = want
            .replace("{24}", &g24)
            .replace("{23}", &g23)
            .replace("{30}", &g30);
        let got = render(&ann, Format::Inline, text, false);
        assert_eq!(got, want, "{text}");
        // Reversible and idempotent wherever the gloss went.
        assert_eq!(render::strip_inline(&ann, &got), text, "{text}");
        assert_eq!(render(&ann, Format::Inline, &got, false), got, "{text}");
        // The note marks of the other formats go to the same place.
        let footnote = render(&ann, Format::Footnote, text, false);
        let marked = want
            .replace(&g24, "¹")
            .replace(&g23, "²")
            .replace(&g30, "¹");
        assert!(footnote.starts_with(&marked), "{text}: {footnote}");
    }
}

#[test]
fn the_documents_own_glossary_is_left_as_written() {
    let ann = Annotator::new(&Glossary::builtin()).unwrap();
    let at = REPORT.find("\n名词解释").unwrap() + 1;
    let own = &REPORT[at..];
    for every in [false, true] {
        // Inline: nothing in the section is glossed, even with --every, and the body still is.
        let out = render(&ann, Format::Inline, REPORT, every);
        let (body, section) = out.split_at(out.find("\n名词解释").unwrap() + 1);
        assert_eq!(section, own, "every: {every}");
        assert!(body.contains(INLINE_MARK));
        // Footnote: the marks stay in the body; the list repeats no definition and points to
        // the section in one line.
        let out = render(&ann, Format::Footnote, REPORT, every);
        let notes = &out[out.rfind("\n注解\n").unwrap()..];
        assert_eq!(
            notes.lines().collect::<Vec<_>>(),
            [
                "",
                "注解",
                // The report writes ¹ for a note of its own: the glossary's marks are 〔n〕.
                &((1..=29)
                    .map(|n| format!("〔{n}〕"))
                    .collect::<Vec<_>>()
                    .join(" ")
                    + "：见本文“名词解释”（第 153 行）")
            ]
        );
        // Markdown: every reference keeps its footnote, which points to the section.
        let out = render(&ann, Format::Markdown, REPORT, every);
        let footnotes: Vec<&str> = out.lines().filter(|l| l.starts_with("[^")).collect();
        assert_eq!(footnotes.len(), 29);
        assert!(
            footnotes
                .iter()
                .all(|l| l.ends_with("：见本文“名词解释”（第 153 行）")),
            "{footnotes:?}"
        );
    }
}

#[test]
fn the_html_page_links_to_the_documents_own_definitions() {
    let ann = Annotator::new(&Glossary::builtin()).unwrap();
    let page = render(&ann, Format::Html, REPORT, false);
    let html = scraper::Html::parse_document(&page);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    // No second list of the same definitions: the page's list is empty but for its pointer.
    assert_eq!(html.select(&sel("section.glossary dt")).count(), 0);
    assert_eq!(html.select(&sel("p.own a")).count(), 29);
    // Each headword of the document's section is an anchor, and every link and description
    // in the text leads to an element of the page.
    let ids: std::collections::HashSet<&str> = html
        .select(&sel("[id]"))
        .map(|e| e.value().attr("id").unwrap())
        .collect();
    assert_eq!(html.select(&sel("span.own")).count(), 29);
    for a in html.select(&sel("a.term")) {
        let v = a.value();
        let href = v.attr("href").unwrap().trim_start_matches('#');
        assert!(ids.contains(href), "{href}");
        assert!(ids.contains(v.attr("aria-describedby").unwrap()));
    }
    // The section's text is the document's, with no link in it.
    let text: String = html
        .select(&sel("article > div.text"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert_eq!(text, REPORT);
}

#[test]
fn a_section_ends_at_the_next_appendix() {
    let ann = Annotator::new(&Glossary::builtin()).unwrap();
    let text = "名词解释\n1. 三线一单：是指生态保护红线等。\n附件2\n编制三线一单。\n";
    let out = render(&ann, Format::Inline, text, true);
    assert_eq!(
        out,
        format!(
            "名词解释\n1. 三线一单：是指生态保护红线等。\n附件2\n编制三线一单{}。\n",
            gloss(&ann, 24)
        )
    );
}

#[test]
fn only_a_heading_with_entries_after_it_is_the_documents_glossary() {
    let ann = Annotator::new(&Glossary::builtin()).unwrap();
    // A heading-like line with prose after it is no section: the text after it is glossed.
    let out = render(
        &ann,
        Format::Inline,
        "推进一网通办。\n注释\n后文编制三线一单。\n",
        false,
    );
    assert!(
        out.contains(&format!("三线一单{}", gloss(&ann, 24))),
        "{out}"
    );
    // In a section, a wrapped definition line that starts with a term defines nothing; a
    // quoted headword does.
    let text = "推进一网通办，编制三线一单。\n名词解释\n1. “三线一单”：是指生态保护红线等。\n2. 双减半：是指包括\n一网通办等事项。\n";
    let out = render(&ann, Format::Footnote, text, false);
    let notes = &out[out.rfind("\n注解\n").unwrap()..];
    assert!(notes.contains("¹ 一网通办："), "{notes}");
    assert!(notes.contains("²：见本文“名词解释”（第 2 行）"), "{notes}");
}
