//! The footnote format's note marks never collide with marks the text already uses (issue 22):
//! each document gets the first notation it does not contain, and the end list uses it too.

use proptest::prelude::*;
use zhgloss::render::{self, Format, NOTE_PREVIEW, Notation, Options, Output};
use zhgloss::{Annotator, Encoding, Glossary, TextReader};

mod common;

use common::REPORT;

fn footnote(ann: &Annotator, text: &str, options: &Options) -> String {
    render::to_string(ann, Format::Footnote, text, options).unwrap()
}

/// The same document read as a stream, in blocks of `block` bytes.
fn footnote_streamed(ann: &Annotator, text: &str, options: &Options, block: usize) -> String {
    struct Blocks<'a>(&'a [u8], usize);
    impl std::io::Read for Blocks<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.0.len().min(self.1).min(buf.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }
    let mut output = Output::new(ann, Format::Footnote, options, Vec::new());
    output
        .document(TextReader::new(
            Blocks(text.as_bytes(), block),
            Encoding::Utf8,
        ))
        .unwrap();
    String::from_utf8(output.finish().unwrap()).unwrap()
}

/// The notes list of a footnote rendering: each note's mark, and the text before the list.
fn notes(out: &str) -> (&str, Vec<&str>) {
    let Some(at) = out.rfind("\n注解\n") else {
        return (out, Vec::new());
    };
    let marks = out[at + "\n注解\n".len()..]
        .lines()
        .filter_map(|l| l.split_once(' ').map(|(m, _)| m))
        .collect();
    (&out[..at], marks)
}

const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

#[test]
fn the_first_notation_the_text_does_not_use() {
    let ann = Annotator::new(&Glossary::builtin()).unwrap();
    // (text, the mark of the first note)
    let cases = [
        ("编制三线一单。", "¹"),
        // The text's own note, or any superscript digit: brackets.
        ("增长6.7%¹，编制三线一单。", "〔1〕"),
        ("面积20km²，编制三线一单。", "〔1〕"),
        // Document numbers are no note numbers.
        ("增长6.7%¹，依据金财规〔2018〕3号，编制三线一单。", "〔1〕"),
        // ¹ and 〔1〕 (of either width, spaced or not): the third.
        ("增长¹，见〔1〕，编制三线一单。", "［注1］"),
        ("增长¹，见〔 ２ 〕，编制三线一单。", "［注1］"),
        // All three: a depth of 注 the text has not.
        ("增长¹，见〔1〕［注1］，编制三线一单。", "［注注1］"),
        (
            "增长¹，见〔1〕[注 1]［注注2］，编制三线一单。",
            "［注注注1］",
        ),
        ("增长¹，见〔1〕［註1］，编制三线一单。", "［注注1］"),
        // A bracket that is no note mark does not count.
        ("增长¹，见〔1〕［注释］，编制三线一单。", "［注1］"),
    ];
    for (text, first) in cases {
        let out = footnote(&ann, text, &Options::new());
        let (body, marks) = notes(&out);
        assert_eq!(marks, [first], "{text}: {out}");
        assert!(body.contains(&format!("三线一单{first}")), "{text}: {out}");
        assert!(!text.contains(first), "{text}");
        // A stream is read the same way, whatever its blocks.
        for block in [1, 7, 4096] {
            assert_eq!(
                footnote_streamed(&ann, text, &Options::new(), block),
                out,
                "{text}"
            );
        }
    }
}

#[test]
fn a_forced_notation_is_used_whatever_the_text_holds() {
    let ann = Annotator::new(&Glossary::builtin()).unwrap();
    let text = "增长6.7%¹，编制三线一单，推进“一网通办”。";
    for (notation, first, second) in [
        (Notation::Superscript, "¹", "²"),
        (Notation::Bracket, "〔1〕", "〔2〕"),
        (Notation::Label, "［注1］", "［注2］"),
    ] {
        let options = Options::new().notation(notation);
        let out = footnote(&ann, text, &options);
        assert!(
            out.starts_with(&format!(
                "增长6.7%¹，编制三线一单{first}，推进“一网通办”{second}。"
            )),
            "{out}"
        );
        assert_eq!(notes(&out).1, [first, second]);
        assert_eq!(footnote_streamed(&ann, text, &options, 5), out);
        assert_eq!(notation.name().parse::<Notation>(), Ok(notation));
    }
}

#[test]
fn the_report_keeps_its_own_note_and_the_glossarys_marks_are_its_own() {
    let ann = Annotator::new(&Glossary::builtin()).unwrap();
    for every in [false, true] {
        let out = footnote(&ann, REPORT, &Options::new().every(every));
        assert_eq!(
            footnote_streamed(&ann, REPORT, &Options::new().every(every), 8192),
            out
        );
        // The report's own ¹ and its note are as written, and ¹ is no mark of ours.
        assert!(out.contains("6.7%¹（注解 1：文中涉及的"));
        assert_eq!(out.matches('¹').count(), REPORT.matches('¹').count());
        // The marks are 〔n〕, none of which the report writes; each is one note's: with
        // --every, the body holds 〔n〕 exactly where entry n occurs.
        let list = out.lines().last().unwrap();
        let marks: Vec<String> = (1..=29).map(|n| format!("〔{n}〕")).collect();
        assert!(list.starts_with(&marks.join(" ")), "{list}");
        let body = &out[..out.rfind("\n注解\n").unwrap()];
        let mut total = 0;
        for m in &marks {
            assert!(!REPORT.contains(m.as_str()), "{m}");
            total += body.matches(m.as_str()).count();
        }
        let expected = if every { 36 } else { 29 };
        assert_eq!(total, expected);
    }
}

#[test]
fn a_long_stream_is_read_to_its_preview_bound() {
    let ann = Annotator::new(&Glossary::builtin()).unwrap();
    // The text's ¹ comes after the first 64 KiB (what the sense decision reads) but within
    // the preview: a stream chooses as the text in memory does.
    let filler = "本段落没有任何名词。\n".repeat(100_000 / 30);
    let text = format!("编制三线一单。\n{filler}增长6.7%¹。\n");
    assert!(text.len() > 64 * 1024 && text.len() < NOTE_PREVIEW);
    let out = footnote(&ann, &text, &Options::new());
    assert!(out.starts_with("编制三线一单〔1〕。"));
    assert_eq!(footnote_streamed(&ann, &text, &Options::new(), 65536), out);
}

#[test]
fn markdown_footnotes_are_the_readers_own() {
    // The text's own footnote syntax is escaped: the only footnotes are the glossary's.
    let ann = Annotator::new(&Glossary::builtin()).unwrap();
    let text = "增长¹[^1]，编制三线一单。\n\n[^1]: 预计数。\n";
    let out = render::to_string(&ann, Format::Markdown, text, &Options::new()).unwrap();
    let mut options = pulldown_cmark::Options::empty();
    options.insert(pulldown_cmark::Options::ENABLE_FOOTNOTES);
    let events: Vec<_> = pulldown_cmark::Parser::new_ext(&out, options).collect();
    let refs = events
        .iter()
        .filter(|e| matches!(e, pulldown_cmark::Event::FootnoteReference(_)))
        .count();
    let defs = events
        .iter()
        .filter(|e| {
            matches!(
                e,
                pulldown_cmark::Event::Start(pulldown_cmark::Tag::FootnoteDefinition(_))
            )
        })
        .count();
    assert_eq!((refs, defs), (1, 1), "{out}");
}

/// Pieces of random texts: terms, the characters of every notation, and numbers.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "三线一单",
        "一网通办",
        "两网融合",
        "“金 10 条”",
        "¹",
        "²",
        "⁰",
        "m²",
        "〔",
        "〕",
        "［",
        "］",
        "[",
        "]",
        "注",
        "註",
        "1",
        "２",
        "12",
        "2018",
        " ",
        "\n",
        "。",
        "，",
        "〔1〕",
        "〔 3 〕",
        "［注1］",
        "[注2]",
        "［注注1］",
        "［註1］",
        "《",
        "》",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Every mark the footnote format writes is absent from its input, so the text's marks
    /// and the glossary's can be told apart: removing the marks and the list gives back the
    /// text.
    #[test]
    fn marks_are_absent_from_the_text(pieces in prop::collection::vec(piece(), 0..40), every: bool) {
        let ann = Annotator::new(&Glossary::builtin()).unwrap();
        let text: String = pieces.concat();
        let out = footnote(&ann, &text, &Options::new().every(every));
        let (body, marks) = notes(&out);
        if marks.is_empty() {
            prop_assert_eq!(&out, &text);
            return Ok(());
        }
        let superscript = marks[0].chars().all(|c| SUPERSCRIPTS.contains(&c));
        if superscript {
            prop_assert!(!text.contains(SUPERSCRIPTS), "{}", out);
        }
        for m in &marks {
            prop_assert!(!text.contains(m), "{} in {}", m, text);
        }
        let stripped = if superscript {
            body.replace(SUPERSCRIPTS, "")
        } else {
            marks.iter().fold(body.to_string(), |b, m| b.replace(m, ""))
        };
        let expected = if text.is_empty() || text.ends_with('\n') {
            text.clone()
        } else {
            format!("{text}\n")
        };
        prop_assert_eq!(stripped, expected);
    }
}
