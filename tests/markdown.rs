//! The Markdown format is safe: parsed by a real CommonMark implementation (pulldown-cmark, with
//! GitHub's footnotes, tables, strikethrough and task lists), nothing in the text or in a
//! glossary opens a link, image, heading, list, code block, quote, table, emphasis or raw HTML;
//! the only constructs are the paragraphs, the footnote references and the footnotes (with
//! their bold term) that the renderer wrote, and every character of the text is there as text.

mod common;

use proptest::prelude::*;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use zhgloss::render::{self, Format, Options};
use zhgloss::{Annotator, Entry, Glossary};

/// What a rendering holds, as a CommonMark parser reads it.
#[derive(Debug, Default)]
struct Parsed {
    /// The text of the document's body (outside footnotes), white space left out.
    body_text: String,
    /// Footnote references in the body, in order.
    references: Vec<String>,
    /// Footnote definitions' labels.
    definitions: Vec<String>,
    /// Every construct the renderer does not write.
    forbidden: Vec<String>,
}

fn parse(markdown: &str) -> Parsed {
    let options = pulldown_cmark::Options::ENABLE_FOOTNOTES
        | pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
        | pulldown_cmark::Options::ENABLE_TASKLISTS
        | pulldown_cmark::Options::ENABLE_GFM;
    let mut parsed = Parsed::default();
    let mut in_footnote = 0usize;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                in_footnote += 1;
                parsed.definitions.push(label.to_string());
            }
            Event::End(TagEnd::FootnoteDefinition) => in_footnote -= 1,
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) if in_footnote > 0 => {}
            Event::Text(t) if in_footnote == 0 => {
                parsed
                    .body_text
                    .extend(t.chars().filter(|c| !c.is_whitespace()));
            }
            Event::Text(_) | Event::SoftBreak | Event::HardBreak => {}
            Event::FootnoteReference(label) if in_footnote == 0 => {
                parsed.references.push(label.to_string());
            }
            other => parsed.forbidden.push(format!("{other:?}")),
        }
    }
    parsed
}

/// Renders `text` as Markdown and checks what the parser makes of it.
fn check(ann: &Annotator, text: &str, every: bool) -> Result<(), TestCaseError> {
    let md = render::to_string(ann, Format::Markdown, text, &Options::new().every(every))
        .expect("Markdown renders");
    let parsed = parse(&md);
    prop_assert!(
        parsed.forbidden.is_empty(),
        "{:?} in {md:?} (from {text:?})",
        parsed.forbidden
    );
    let want: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    prop_assert_eq!(&parsed.body_text, &want, "in {:?}", md);
    // One reference per glossed occurrence (of those whose definition holds), each to a
    // footnote that is there.
    let matches: Vec<_> = ann
        .find_senses(text)
        .into_iter()
        .filter(|s| s.applies())
        .map(|s| s.as_match())
        .collect();
    let mut entries: Vec<usize> = matches.iter().map(|m| m.entry_index()).collect();
    entries.sort_unstable();
    entries.dedup();
    let glossed = if every { matches.len() } else { entries.len() };
    prop_assert_eq!(parsed.references.len(), glossed, "in {:?}", md);
    prop_assert_eq!(parsed.definitions.len(), entries.len(), "in {:?}", md);
    for r in &parsed.references {
        prop_assert!(parsed.definitions.contains(r), "{} in {:?}", r, md);
    }
    Ok(())
}

/// Markdown and HTML syntax, line endings and indentation, links and the built-in terms.
fn hostile_pieces() -> Vec<&'static str> {
    vec![
        "三线一单",
        "一网通办",
        "金 10 条",
        "“",
        "”",
        "(https://evil.example)",
        "](x)",
        "[",
        "]",
        "[^1]",
        "[^1]: 假注",
        "![图](x.png)",
        "<script>",
        "<b>",
        "</div>",
        "&amp;",
        "&",
        "\\",
        "`",
        "```",
        "~~~",
        "*",
        "**",
        "_",
        "__",
        "~",
        "~~",
        "!",
        "|",
        "|a|b|\n|-|-|",
        "#",
        "# ",
        "## 标题",
        "> ",
        "- ",
        "+ ",
        "* ",
        "1. ",
        "1) ",
        "2.",
        "---",
        "***",
        "===",
        "    ",
        "\t",
        " ",
        "\n",
        "\r",
        "\r\n",
        "\n\n",
        "    代码",
        "<http://x.y>",
        "www.example.com",
        "[链接][ref]",
        "[ref]: http://x",
        "- [ ] ",
        ":",
        "。",
        "，",
        "文字",
        "1",
        "0",
    ]
}

fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(hostile_pieces()), 0..30).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn hostile_text_opens_nothing(text in hostile_text(), every in any::<bool>()) {
        check(&common::builtin(), &text, every)?;
    }

    /// Glossaries whose terms and definitions are themselves hostile.
    #[test]
    fn hostile_glossaries_open_nothing(
        definitions in prop::collection::vec(hostile_text(), 3),
        text in hostile_text(),
    ) {
        let terms = ["三线一单", "“一网通办”", "A*B"];
        let entries = terms
            .iter()
            .zip(&definitions)
            .zip(1..)
            .map(|((t, d), id)| Entry::new(id, *t, format!("定义{d}")))
            .collect();
        let g = Glossary { entries, ..Glossary::default() };
        let ann = Annotator::new(&g).unwrap();
        check(&ann, &format!("{text}A*B。“一网通办”三线一单{text}"), true)?;
    }
}

/// The cases the issue found, and their neighbours, each checked by the parser.
#[test]
fn known_injections_open_nothing() {
    let ann = common::builtin();
    for text in [
        "推进三线一单(https://evil.example)",
        "推进三线一单 (https://evil.example)",
        "行首\r# 标题",
        "行首\r\n    代码块",
        "    四个空格\n\n    代码块",
        "\t制表符",
        "一网通办![x](y)",
        "三线一单\\",
        "1. 三线一单\n2) 一网通办",
        "三线一单\n===",
        "三线一单\n---",
        "<div>三线一单</div>",
    ] {
        for every in [false, true] {
            check(&ann, text, every).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        }
    }
}
