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

/// The real glossary passages of tests/data/glossaries/ whose layout the renderers recognise:
/// under a heading (05, 06, 07), a numbered list announced by its lead (01, 24个名词解释), and
/// `term：指…` paragraphs under a headline (03), term lines with their definitions on the next
/// line after a mention of 新词 (04). 关键词/名词解释 label pairs (02) interleave quotes from the
/// report, which are glossed: `label_pairs_are_left_as_written_and_the_quotes_glossed`. (09
/// gives `extract` no entries.)
const RECOGNISED: [&str; 6] = [
    "01-tancheng-24-mingci-jieshi.txt",
    "03-pinghu-2025-xinci-xinyu.txt",
    "04-chengdu-2021-xinci-term-newline-def.txt",
    "05-qingyuan-2014-mingci-jieshi-trad-pinyin-ji.txt",
    "06-shanxi-bx2200-mingci-jieshi-dot.txt",
    "07-rongan-2025-qigeyipi-yi-er-san.txt",
];

/// The 1-based lines of `text` on which an entry's headword stands: the term near the start of
/// the line, its colon (or 指/即) after it.
fn headword_lines(text: &str, terms: &[String]) -> Vec<usize> {
    let mut lines = Vec::new();
    for term in terms {
        let found = text.lines().position(|l| {
            let l = l.trim_start();
            l.find(term.as_str()).is_some_and(|at| {
                let after = l[at + term.len()..].trim_start_matches(['”', '"']);
                l[..at].chars().count() <= 4
                    && (after.starts_with([':', '：', ',', '，']) || after.trim().is_empty())
            })
        });
        lines.extend(found.map(|i| i + 1));
    }
    lines
}

#[test]
fn real_glossaries_without_a_heading_are_left_as_written() {
    for name in RECOGNISED {
        let path = format!(
            "{}/tests/data/glossaries/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).unwrap();
        // The passage annotated with its own glossary, every occurrence, in every sense.
        let mut g = zhgloss::extract::extract(&text).glossary;
        g.entries
            .retain(|e| e.origin.as_deref() == Some(zhgloss::extract::SECTION_ORIGIN));
        assert!(g.entries.len() >= 2, "{name}");
        let terms: Vec<String> = g.entries.iter().map(|e| e.term.clone()).collect();
        let ann = Annotator::new(&g).unwrap();
        let lines = headword_lines(&text, &terms);
        // (The pinyin of 05 hides all but one headword from this search.)
        assert!(!lines.is_empty(), "{name}");
        let (first, last) = (*lines.iter().min().unwrap(), *lines.iter().max().unwrap());
        let options = Options::new().every(true).all_senses(true);
        // Inline: the section's lines, from the first headword to the last, are as written.
        let inline = render::to_string(&ann, Format::Inline, &text, &options).unwrap();
        let (ours, theirs): (Vec<&str>, Vec<&str>) =
            (inline.lines().collect(), text.lines().collect());
        for n in first..=last {
            assert_eq!(ours[n - 1], theirs[n - 1], "{name}: line {n}");
        }
        // Footnote: the same, and the list, if any, repeats no definition but points to the
        // section, at or before its first headword.
        let foot = render::to_string(&ann, Format::Footnote, &text, &options).unwrap();
        let ours: Vec<&str> = foot.lines().collect();
        for n in first..=last {
            assert_eq!(ours[n - 1], theirs[n - 1], "{name}: line {n}");
        }
        if let Some(at) = foot.rfind("\n注解\n") {
            let list: Vec<&str> = foot[at..].lines().skip(2).collect();
            assert_eq!(list.len(), 1, "{name}: {list:?}");
            let line: usize = list[0]
                .rsplit_once("（第 ")
                .and_then(|(_, n)| n.strip_suffix(" 行）"))
                .unwrap()
                .parse()
                .unwrap();
            assert!(line <= first && first - line <= 8, "{name}: {}", list[0]);
        } else {
            assert_eq!(foot, text, "{name}");
        }
    }
}

/// A newspaper's retelling of a report's glossary (02, Heze 2020): each `关键词：` label, the
/// term, and its `名词解释：` definition are left as written, while the `报告强调：` quotes from
/// the report between them are text like any other, and glossed; the footnote list points to
/// the first label instead of repeating the definitions.
#[test]
fn label_pairs_are_left_as_written_and_the_quotes_glossed() {
    let path = format!(
        "{}/tests/data/glossaries/02-heze-2020-guanjianci-mingci-jieshi.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap();
    let g = zhgloss::extract::extract(&text).glossary;
    assert!(g.entries.len() >= 2, "{} entries", g.entries.len());
    let ann = Annotator::new(&g).unwrap();
    let options = Options::new().every(true).all_senses(true);
    let inline = render::to_string(&ann, Format::Inline, &text, &options).unwrap();
    let theirs: Vec<&str> = text.lines().collect();
    let ours: Vec<&str> = inline.lines().collect();
    let first_label = theirs.iter().position(|l| l.starts_with("关键词")).unwrap();
    let (mut kept, mut glossed) = (0, 0);
    for (n, line) in theirs.iter().enumerate().skip(first_label) {
        let in_pair = line.starts_with("关键词")
            || line.starts_with("名词解释")
            || theirs[..n]
                .iter()
                .rev()
                .find(|l| !l.trim().is_empty())
                .is_some_and(|l| l.starts_with("关键词"));
        if in_pair {
            assert_eq!(ours[n], *line, "line {}", n + 1);
            kept += 1;
        } else if line.starts_with("报告强调") && ours[n] != *line {
            glossed += 1;
        }
    }
    assert!(kept >= 6, "{kept} lines of pairs");
    assert!(glossed >= 2, "{glossed} quotes glossed");
    let foot = render::to_string(&ann, Format::Footnote, &text, &options).unwrap();
    let list: Vec<&str> = foot[foot.rfind("\n注解\n").unwrap()..]
        .lines()
        .skip(2)
        .collect();
    assert!(
        list.iter().all(|l| !l.contains("指成长性好")),
        "a definition repeated: {list:?}"
    );
    assert!(
        list.iter()
            .any(|l| l.contains(&format!("（第 {} 行）", first_label + 1))),
        "{list:?}"
    );
}

#[test]
fn a_headless_glossary_glosses_nothing_inside_and_everything_after() {
    let ann = Annotator::new(&Glossary::builtin()).unwrap();
    let g24 = gloss(&ann, 24);
    let g23 = gloss(&ann, 23);
    // (text, the inline rendering, with {24} and {23} for the glosses)
    let cases = [
        // Announced within 8 lines: a list whose definitions need no 指.
        (
            "下面是3个名词解释。\n\n1. 三线一单：生态保护红线等。\n2. 两网融合：生活垃圾分类收运体系和再生资源回收体系的融合。\n\n编制三线一单。\n",
            "下面是3个名词解释。\n\n1. 三线一单：生态保护红线等。\n2. 两网融合：生活垃圾分类收运体系和再生资源回收体系的融合。\n\n编制三线一单{24}。\n",
        ),
        // Not announced, its first definition saying 指: also a glossary.
        (
            "1. 三线一单：指生态保护红线等。\n2. 两网融合：指生活垃圾分类收运体系和再生资源回收体系的融合。\n\n编制两网融合。\n",
            "1. 三线一单：指生态保护红线等。\n2. 两网融合：指生活垃圾分类收运体系和再生资源回收体系的融合。\n\n编制两网融合{23}。\n",
        ),
        // A line right after an entry, without a blank line, is its continuation (as
        // `extract` reads it).
        (
            "1. 三线一单：指生态保护红线等。\n2. 两网融合：指生活垃圾分类收运体系和再生资源回收体系的融合。\n编制两网融合。\n",
            "1. 三线一单：指生态保护红线等。\n2. 两网融合：指生活垃圾分类收运体系和再生资源回收体系的融合。\n编制两网融合。\n",
        ),
        // A numbered list of the body, neither announced nor saying 指: glossed.
        (
            "1. 目标：编制三线一单。\n2. 任务：推进两网融合。\n",
            "1. 目标：编制三线一单{24}。\n2. 任务：推进两网融合{23}。\n",
        ),
        // Term lines and definition lines after a mention of a glossary.
        (
            "本文新词如下。\n三线一单\n生态保护红线、两网融合等。\n\n两网融合\n生活垃圾分类收运体系和再生资源回收体系的融合。\n\n推进三线一单。\n",
            "本文新词如下。\n三线一单\n生态保护红线、两网融合等。\n\n两网融合\n生活垃圾分类收运体系和再生资源回收体系的融合。\n\n推进三线一单{24}。\n",
        ),
        // Without the mention, short lines are headings of the body: glossed.
        (
            "三线一单\n编制两网融合，推进工作。\n",
            "三线一单{24}\n编制两网融合{23}，推进工作。\n",
        ),
        // `term：指…` paragraphs, a wrapped line of one included.
        (
            "“三线一单”：指生态保护红线、两网融合\n等。\n两网融合：指生活垃圾分类收运体系和再生资源回收体系的融合。\n\n推进三线一单。\n",
            "“三线一单”：指生态保护红线、两网融合\n等。\n两网融合：指生活垃圾分类收运体系和再生资源回收体系的融合。\n\n推进三线一单{24}。\n",
        ),
    ];
    for (text, want) in cases {
        let want = want.replace("{24}", &g24).replace("{23}", &g23);
        for every in [false, true] {
            let got = render(&ann, Format::Inline, text, every);
            // The first occurrence outside is the one after the section.
            assert_eq!(got, want, "{text}");
            // Streamed in small blocks, the same.
            let mut output = render::Output::new(
                &ann,
                Format::Inline,
                &Options::new().every(every),
                Vec::new(),
            );
            output
                .document(zhgloss::TextReader::new(
                    Blocks(text.as_bytes()),
                    zhgloss::Encoding::Utf8,
                ))
                .unwrap();
            assert_eq!(String::from_utf8(output.finish().unwrap()).unwrap(), got);
        }
    }
}

/// A reader giving 5 bytes at a time.
struct Blocks<'a>(&'a [u8]);

impl std::io::Read for Blocks<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.0.len().min(5).min(buf.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

/// A news item's keywords (`关键词：` with no `名词解释：` after) are no glossary: the article
/// after them is glossed, and the list repeats the definition.
#[test]
fn a_news_items_keywords_are_no_glossary() {
    let ann = Annotator::new(&Glossary::builtin()).unwrap();
    let text = "关键词：生态环境\n\n本区将编制三线一单，推进生态环境分区管控。\n";
    let options = Options::new().every(true);
    let foot = render::to_string(&ann, Format::Footnote, text, &options).unwrap();
    assert!(foot.contains("编制三线一单¹"), "{foot}");
    assert!(foot.contains("¹ 三线一单："), "{foot}");
}
