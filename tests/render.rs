//! The output formats and the streaming search, at the library level: streamed matches are
//! exactly `find_iter`'s wherever blocks are cut; inline output strips back to the input and is
//! idempotent; each format's shape.

use std::io::{self, Write};

use proptest::prelude::*;
use zhgloss::render::{self, Format, INLINE_MARK, Options, Output, Render, Term};
use zhgloss::{Annotator, Encoding, Glossary, Match, StreamSearch, TextReader};

mod common;

use common::{REPORT, builtin};

/// The report's body, before its 名词解释 section.
fn body() -> &'static str {
    common::body(REPORT)
}

/// Collects what a stream search hands out: matches, and the text rebuilt from the pieces.
#[derive(Default)]
struct Collect {
    matches: Vec<Match>,
    rebuilt: String,
    /// What each term saw after it.
    after: Vec<String>,
}

impl Render for Collect {
    fn lookahead(&self) -> usize {
        7
    }
    fn text(&mut self, _: &mut dyn Write, text: &str) -> io::Result<()> {
        self.rebuilt.push_str(text);
        Ok(())
    }
    fn term(&mut self, _: &mut dyn Write, term: &Term<'_>) -> io::Result<()> {
        self.matches.push(term.as_match());
        self.rebuilt.push_str(term.matched());
        self.after.push(term.after().to_string());
        Ok(())
    }
}

/// Streams `text` in pieces of `sizes` bytes (cycled, moved forward to char boundaries).
fn stream(ann: &Annotator, text: &str, sizes: &[usize]) -> Collect {
    let mut c = Collect::default();
    let mut search = StreamSearch::new(ann);
    let mut at = 0;
    let mut i = 0;
    while at < text.len() {
        let mut end = (at + sizes[i % sizes.len()].max(1)).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        search
            .push(&text[at..end], &mut c, &mut io::sink())
            .unwrap();
        at = end;
        i += 1;
    }
    let bytes = search.finish(&mut c, &mut io::sink()).unwrap();
    assert_eq!(bytes, text.len() as u64);
    c
}

fn check_stream(ann: &Annotator, text: &str, sizes: &[usize]) {
    let expected: Vec<Match> = ann.find_iter(text).collect();
    let got = stream(ann, text, sizes);
    assert_eq!(got.matches, expected, "block sizes {sizes:?}");
    assert_eq!(got.rebuilt, text);
    // Each term saw the 7 bytes after it, rounded down to a character, or the rest of the text.
    for (m, after) in expected.iter().zip(&got.after) {
        let rest = &text[m.end()..];
        let mut want = 7.min(rest.len());
        while !rest.is_char_boundary(want) {
            want -= 1;
        }
        assert_eq!(after, &rest[..want]);
    }
}

#[test]
fn stream_equals_find_iter_on_the_report() {
    let ann = builtin();
    let text = REPORT.repeat(3);
    for sizes in [
        &[1][..],
        &[2, 3],
        &[7],
        &[64],
        &[4095],
        &[65536],
        &[1, 5000, 3],
    ] {
        check_stream(&ann, &text, sizes);
    }
}

#[test]
fn stream_equals_find_iter_with_a_small_window() {
    // Without whitespace gaps the longest match, so the window, is a few hundred bytes: many
    // more block boundaries fall near matches.
    let ann = Annotator::builder()
        .max_gap(0)
        .build(&Glossary::builtin())
        .unwrap();
    for sizes in [&[1][..], &[3], &[17], &[250, 1]] {
        check_stream(&ann, body(), sizes);
    }
}

/// Every term written as wide as the folding rules let it be: between each two of its
/// characters `max_gap` ideographic spaces and `max_gap` of the longest pinyin annotation the
/// folder takes (full-width brackets around seven toned letters), to the left of every anchor
/// and to its right, each term alone in its glossary. Each is found whole; it fits in
/// `max_match_bytes()`, the carry-over the stream keeps between blocks; and the stream finds it
/// wherever blocks are cut.
#[test]
fn the_widest_matches_the_rules_allow_are_found_and_bounded() {
    let quotes = ['“', '”', '‘', '’', '"', '\''];
    for gap in [1usize, 2] {
        let filler = format!("{}{}", "\u{3000}".repeat(gap), "（ǎǎǎǎǎǎǎ）".repeat(gap));
        // An ASCII term too: the bound counts four bytes for each folded byte, which leaves
        // little slack for the gaps of one-byte characters.
        let ascii = zhgloss::Entry::new(100, "1+4+4+8", "……");
        for entry in Glossary::builtin().entries.iter().chain([&ascii]) {
            // Alone in its glossary, so that the bound is the term's own, not a longer one's;
            // without numeral spellings, which would be longer than the term as written.
            let alone = Glossary {
                entries: vec![entry.clone()],
                ..Glossary::default()
            };
            let ann = Annotator::builder()
                .max_gap(gap)
                .numerals(false)
                .build(&alone)
                .unwrap();
            let chars: Vec<String> = entry
                .term
                .chars()
                .filter(|c| !quotes.contains(c))
                .map(String::from)
                .collect();
            let text = chars.join(&filler);
            let found: Vec<(u32, usize, usize)> = ann
                .find_iter(&text)
                .map(|m| (m.entry_id(), m.start(), m.end()))
                .collect();
            assert_eq!(found, [(entry.id, 0, text.len())], "{text}");
            assert!(text.len() <= ann.max_match_bytes(), "{text}");
            let framed = format!("前文。{text}。后文");
            for size in [1, 13, 64] {
                check_stream(&ann, &framed, &[size]);
            }
        }
    }
}

#[test]
fn stream_keeps_a_leading_quote_cut_from_its_term() {
    // “11157”工程 takes its opening quote into its span. Cut the text so that the first
    // search's window ends at every byte in and around the term, and so that the point where
    // the search resumes falls on every byte around the quote.
    let ann = builtin();
    let mm = ann.max_match_bytes();
    let prefix = ".".repeat(3 * mm);
    let text = format!("{prefix}“11157”工程{}", ".".repeat(3 * mm));
    for first in (0..40).chain(mm.saturating_sub(20)..mm + 60) {
        check_stream(&ann, &text, &[prefix.len() + first, text.len()]);
    }
}

#[test]
fn text_reader_blocks_cut_anywhere() {
    let ann = builtin();
    let expected = render::json(&ann, REPORT) + "\n";
    for block in [4, 5, 6, 7, 100, 4096] {
        let mut output = Output::new(&ann, Format::Json, &Options::new(), Vec::new());
        let reader = TextReader::new(REPORT.as_bytes(), Encoding::Utf8).block_size(block);
        assert_eq!(output.document(reader).unwrap(), REPORT.len() as u64);
        assert_eq!(
            String::from_utf8(output.finish().unwrap()).unwrap(),
            expected
        );
    }
}

#[test]
fn gb18030_decodes_to_the_same_matches() {
    let ann = builtin();
    let (gbk, _, lossy) = encoding_rs::GB18030.encode(REPORT);
    assert!(!lossy);
    for (encoding, block) in [(Encoding::Gbk, 5), (Encoding::Gb18030, 65536)] {
        let mut output = Output::new(&ann, Format::Json, &Options::new(), Vec::new());
        let reader = TextReader::new(&gbk[..], encoding).block_size(block);
        output.document(reader).unwrap();
        let out = String::from_utf8(output.finish().unwrap()).unwrap();
        assert_eq!(out, render::json(&ann, REPORT) + "\n");
    }
}

#[test]
fn invalid_gbk_names_its_offset() {
    let mut r = TextReader::new(&b"\xd2\xbb\xcd\xf8\xff\xff"[..], Encoding::Gbk);
    let err = loop {
        match r.next_block() {
            Ok(Some(_)) => {}
            Ok(None) => panic!("no error"),
            Err(e) => break e,
        }
    };
    assert_eq!(err.to_string(), "byte 4: invalid GB18030 text");
}

#[test]
fn invalid_utf8_across_blocks_names_its_offset() {
    let mut bytes = "一网通办".repeat(100).into_bytes();
    bytes.insert(601, 0xe4); // a lead byte followed by a lead byte
    for block in [4, 5, 600, 601, 602, 4096] {
        let mut r = TextReader::new(&bytes[..], Encoding::Utf8).block_size(block);
        let err = loop {
            match r.next_block() {
                Ok(Some(_)) => {}
                Ok(None) => panic!("no error"),
                Err(e) => break e,
            }
        };
        assert_eq!(err.offset(), Some(600), "block {block}");
    }
    // A sequence cut by the end of input is invalid too.
    let mut r = TextReader::new(&b"\xe4\xb8\x89\xe7\xba"[..], Encoding::Utf8).block_size(4);
    assert_eq!(r.next_block().unwrap(), Some("三"));
    assert_eq!(r.next_block().unwrap_err().offset(), Some(3));
}

fn inline(ann: &Annotator, text: &str, opts: &Options) -> String {
    render::to_string(ann, Format::Inline, text, opts).unwrap()
}

#[test]
fn inline_glosses_after_the_wrapping_quote() {
    let ann = builtin();
    let out = inline(&ann, "分类出台“金 10 条”政策实施细则", &Options::new());
    assert_eq!(
        out,
        "分类出台“金 10 条”\u{2060}（《金山区关于促进金融服务实体经济发展的若干意见（试行）》）政策实施细则"
    );
    // Without a wrapping quote the gloss follows the term.
    let out = inline(&ann, "编制三线一单。", &Options::new());
    assert_eq!(
        out,
        "编制三线一单\u{2060}（生态保护红线、环境质量底线、资源利用上线和生态环境准入清单）。"
    );
}

#[test]
fn inline_first_occurrence_only_unless_every() {
    let ann = builtin();
    let text = "三线一单、三线一单";
    assert_eq!(
        inline(&ann, text, &Options::new())
            .matches('\u{2060}')
            .count(),
        1
    );
    assert_eq!(
        inline(&ann, text, &Options::new().every(true))
            .matches('\u{2060}')
            .count(),
        2
    );
}

#[test]
fn inline_round_trip_and_idempotence_on_the_report() {
    let ann = builtin();
    for opts in [Options::new(), Options::new().every(true)] {
        let once = inline(&ann, REPORT, &opts);
        assert_ne!(once, REPORT);
        assert_eq!(render::strip_inline(&ann, &once), REPORT);
        assert_eq!(inline(&ann, &once, &opts), once);
    }
}

#[test]
fn inline_keeps_the_authors_own_gloss() {
    let ann = builtin();
    // The author already explains 三线一单 in the very words of its gloss: nothing is added,
    // and stripping removes nothing.
    let text = "编制三线一单（生态保护红线、环境质量底线、资源利用上线和生态环境准入清单）。";
    assert_eq!(inline(&ann, text, &Options::new()), text);
    assert_eq!(render::strip_inline(&ann, text), text);
}

#[test]
fn json_streamed_equals_json() {
    let ann = builtin();
    for text in ["", "编制三线一单", REPORT] {
        let out = render::to_string(&ann, Format::Json, text, &Options::new()).unwrap();
        assert_eq!(out, render::json(&ann, text) + "\n");
    }
    assert_eq!(
        render::to_string(&ann, Format::Json, "", &Options::new()).unwrap(),
        "{\"bytes\":0,\"matches\":[]}\n"
    );
}

#[test]
fn json_with_many_matches_streams_bytes_last() {
    let ann = builtin();
    let text = "三线一单，".repeat(5000);
    let out = render::to_string(&ann, Format::Json, &text, &Options::new()).unwrap();
    assert!(out.starts_with("{\"matches\":[{"));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let expected: serde_json::Value = serde_json::from_str(&render::json(&ann, &text)).unwrap();
    assert_eq!(v, expected);
}

#[test]
fn jsonl_keeps_other_fields_byte_for_byte() {
    let ann = builtin();
    let input = "{\"id\": 1.50, \"text\": \"编制三线一单\", \"tags\": [\"a\",{\"b\":null}], \"z\":\"\\u4e09\"}\r\n\n{\"text\":\"无\",\"matches\":[1, 2],\"n\":2}\n";
    let out = render::to_string(&ann, Format::Jsonl, input, &Options::new()).unwrap();
    let lines: Vec<&str> = out.split('\n').collect();
    assert_eq!(
        lines[0],
        "{\"id\": 1.50, \"text\": \"编制三线一单\", \"tags\": [\"a\",{\"b\":null}], \"z\":\"\\u4e09\",\"matches\":[{\"entry\":24,\"term\":\"三线一单\",\"matched\":\"三线一单\",\"start\":6,\"end\":18,\"char_start\":2,\"char_end\":6,\"applies\":true}]}\r"
    );
    assert_eq!(lines[1], "");
    // An existing "matches" is replaced in place.
    assert_eq!(lines[2], "{\"text\":\"无\",\"matches\":[],\"n\":2}");
    assert_eq!(lines.len(), 4);
}

#[test]
fn jsonl_errors_name_the_line() {
    let ann = builtin();
    for (input, line) in [
        ("{\"text\":\"三\"}\n{\"text\": 3}\n", 2),
        ("[1]", 1),
        ("{\"tex\":\"\"}", 1),
    ] {
        let err = render::to_string(&ann, Format::Jsonl, input, &Options::new()).unwrap_err();
        assert_eq!(err.kind(), zhgloss::ErrorKind::InvalidJsonl);
        assert_eq!(err.line(), Some(line), "{input}");
    }
}

#[test]
fn html_escapes_everything() {
    let ann = builtin();
    let text = "<script>alert(1)</script> & “一网通办” \"'";
    let page = render::to_string(&ann, Format::Html, text, &Options::new()).unwrap();
    assert!(!page.contains("<script>"));
    assert!(
        page.contains(
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; “<a class=\"term\" href=\"#g-2\""
        )
    );
    assert!(page.contains("&quot;&#39;"));
    assert!(page.contains("<dt id=\"g-2\" data-scope=\"上海市，2018年起\">一网通办</dt>"));
    assert!(page.trim_end().ends_with("</html>"));
}

#[test]
fn html_ids_are_unique_across_documents() {
    let ann = builtin();
    let mut output = Output::new(&ann, Format::Html, &Options::new(), Vec::new());
    for _ in 0..2 {
        output
            .document(TextReader::new("三线一单".as_bytes(), Encoding::Utf8))
            .unwrap();
    }
    let page = String::from_utf8(output.finish().unwrap()).unwrap();
    assert_eq!(page.matches("<!DOCTYPE html>").count(), 1);
    assert!(page.contains("id=\"g-24\""));
    assert!(page.contains("id=\"g-24-2\""));
}

#[test]
fn markdown_footnotes_and_escapes() {
    let ann = builtin();
    let out = render::to_string(
        &ann,
        Format::Markdown,
        "# 推进“两网融合”*重点*\n1. 三线一单",
        &Options::new(),
    )
    .unwrap();
    assert_eq!(
        out,
        "\\# 推进“两网融合”[^1]\\*重点\\*\n1\\. 三线一单[^2]\n\n[^1]: **两网融合**：是指生活垃圾分类收运体系和生活源再生资源回收体系的融合。\n\n[^2]: **三线一单**：是指生态保护红线、环境质量底线、资源利用上线和生态环境准入清单。\n"
    );
}

#[test]
fn footnote_marks_and_notes() {
    let ann = builtin();
    let out = render::to_string(
        &ann,
        Format::Footnote,
        "出台“金 10 条”，编制三线一单",
        &Options::new(),
    )
    .unwrap();
    assert!(out.starts_with("出台“金 10 条”¹，编制三线一单²\n\n注解\n¹ 金10条：是指"));
    assert!(out.ends_with(
        "² 三线一单：是指生态保护红线、环境质量底线、资源利用上线和生态环境准入清单。\n"
    ));
}

#[test]
fn empty_input_is_valid_in_every_format() {
    let ann = builtin();
    for format in Format::NAMES {
        let format: Format = format.parse().unwrap();
        let out = render::to_string(&ann, format, "", &Options::new()).unwrap();
        match format {
            Format::Json => assert_eq!(out, "{\"bytes\":0,\"matches\":[]}\n"),
            Format::Html => {
                assert!(out.starts_with("<!DOCTYPE html>") && out.trim_end().ends_with("</html>"))
            }
            Format::Glossary => {
                assert!(Glossary::from_json_str(&out).unwrap().entries.is_empty())
            }
            _ => assert_eq!(out, "", "{format:?}"),
        }
    }
}

/// Pieces generated text is made of: terms and their halves, quotes, whitespace, digits and
/// `+` for the boundary rule, parentheses and glosses (an author's own explanation), filler.
fn pieces() -> Vec<String> {
    let mut v = plain_pieces();
    for e in Glossary::builtin().entries.iter().take(5) {
        v.push(format!("（{}）", e.short_gloss()));
    }
    v
}

/// The pieces without glosses already written: texts of these get a gloss for every glossed
/// occurrence.
fn plain_pieces() -> Vec<String> {
    let g = Glossary::builtin();
    let mut v: Vec<String> = Vec::new();
    for e in &g.entries {
        for form in e.surface_forms() {
            v.push(form.to_string());
            let chars: Vec<char> = form.chars().collect();
            let half = chars.len() / 2;
            v.push(chars[..half].iter().collect());
            v.push(chars[half..].iter().collect());
        }
    }
    for p in [
        "“", "”", "\"", "「", "」", " ", "\n", "\n\n", "\u{3000}", "1", "4", "+", "8", "a", "０",
        "，", "。", "的", "政策", "、", "改革", "《", "》", "〔", "〕", "【", "】", "〈", "〉",
        "个",
    ] {
        v.push(p.to_string());
    }
    v
}

fn generated_text() -> impl Strategy<Value = String> {
    text_of(pieces())
}

fn plain_text() -> impl Strategy<Value = String> {
    text_of(plain_pieces())
}

fn text_of(pieces: Vec<String>) -> impl Strategy<Value = String> {
    prop::collection::vec(0..pieces.len(), 0..1500)
        .prop_map(move |ix| ix.iter().map(|&i| pieces[i].as_str()).collect())
}

/// How many glosses the inline format inserts in a text that holds none: one for each glossed
/// occurrence (the first of each entry, or every one) of the matches whose definition holds
/// (or of all, with `all_senses`).
fn glossed(ann: &Annotator, text: &str, every: bool, all_senses: bool) -> usize {
    let matches: Vec<Match> = ann
        .find_senses(text)
        .iter()
        .filter(|s| all_senses || s.applies())
        .map(|s| s.as_match())
        .collect();
    if every {
        return matches.len();
    }
    let mut entries: Vec<usize> = matches.iter().map(|m| m.entry_index()).collect();
    entries.sort_unstable();
    entries.dedup();
    entries.len()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn stream_equals_find_iter(text in generated_text(), sizes in prop::collection::vec(1usize..400, 1..4)) {
        let ann = builtin();
        let expected: Vec<Match> = ann.find_iter(&text).collect();
        let got = stream(&ann, &text, &sizes);
        prop_assert_eq!(got.matches, expected);
        prop_assert_eq!(got.rebuilt, text);
    }

    #[test]
    fn stream_equals_find_iter_small_window(text in generated_text(), sizes in prop::collection::vec(1usize..100, 1..4)) {
        let ann = Annotator::builder().max_gap(0).build(&Glossary::builtin()).unwrap();
        let expected: Vec<Match> = ann.find_iter(&text).collect();
        let got = stream(&ann, &text, &sizes);
        prop_assert_eq!(got.matches, expected);
    }

    /// Stripping removes exactly the glosses the inline format inserted: one for each glossed
    /// occurrence of a text that held none, and the text comes back byte for byte.
    #[test]
    fn inline_strips_back_to_the_input(text in plain_text(), every in any::<bool>(), all in any::<bool>()) {
        let ann = builtin();
        let opts = Options::new().every(every).all_senses(all);
        let once = inline(&ann, &text, &opts);
        prop_assert_eq!(once.matches(INLINE_MARK).count(), glossed(&ann, &text, every, all));
        prop_assert_eq!(render::strip_inline(&ann, &once), text);
    }

    /// The same for texts that already hold glosses, written without the mark.
    #[test]
    fn inline_strips_back_to_a_glossed_input(text in generated_text(), every in any::<bool>(), all in any::<bool>()) {
        let ann = builtin();
        let once = inline(&ann, &text, &Options::new().every(every).all_senses(all));
        prop_assert_eq!(render::strip_inline(&ann, &once), text);
    }

    /// Rendering a rendering again adds nothing, though the first rendering added glosses.
    #[test]
    fn inline_is_idempotent(text in plain_text(), every in any::<bool>(), all in any::<bool>()) {
        let ann = builtin();
        let opts = Options::new().every(every).all_senses(all);
        let once = inline(&ann, &text, &opts);
        prop_assert_eq!(once.matches(INLINE_MARK).count(), glossed(&ann, &text, every, all));
        prop_assert_eq!(inline(&ann, &once, &opts), once);
    }

    #[test]
    fn inline_is_idempotent_on_glossed_input(text in generated_text(), every in any::<bool>(), all in any::<bool>()) {
        let ann = builtin();
        let opts = Options::new().every(every).all_senses(all);
        let once = inline(&ann, &text, &opts);
        prop_assert_eq!(inline(&ann, &once, &opts), once);
    }

    #[test]
    fn text_reader_reassembles_any_cut(text in generated_text(), block in 4usize..64) {
        let mut r = TextReader::new(text.as_bytes(), Encoding::Utf8).block_size(block);
        let mut all = String::new();
        while let Some(b) = r.next_block().unwrap() {
            prop_assert!(!b.is_empty());
            all.push_str(b);
        }
        prop_assert_eq!(all, text);
    }
}

/// Matches from a reader are `find_iter`'s on the whole text, however the reads cut it, and an
/// error ends them.
#[test]
fn stream_find_iter_finds_what_find_iter_finds() {
    let ann = builtin();
    let text = REPORT.repeat(3);
    let expected: Vec<Match> = ann.find_iter(&text).collect();
    assert_eq!(expected.len(), 3 * 67);
    let all: Vec<Match> = ann
        .stream_find_iter(text.as_bytes())
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(all == expected);
    for block in [4, 7, 1000] {
        let input = TextReader::new(text.as_bytes(), Encoding::Utf8).block_size(block);
        let found: Vec<Match> = zhgloss::StreamFindIter::new(&ann, input)
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(found == expected, "blocks of {block}");
    }
    let mut bad = text.clone().into_bytes();
    let at = expected[100].start();
    bad[at] = 0xFF;
    let results: Vec<_> = ann.stream_find_iter(&bad[..]).collect();
    let err = results.last().unwrap().as_ref().unwrap_err();
    assert_eq!(err.offset(), Some(at as u64));
    let before: Vec<Match> = results[..results.len() - 1]
        .iter()
        .map(|r| *r.as_ref().unwrap())
        .collect();
    assert!(expected.starts_with(&before) && before.len() <= 100);
}

/// An annotator is cheap to clone, and the clone searches alike.
#[test]
fn annotator_clones_search_alike() {
    let ann = builtin();
    let clone = ann.clone();
    assert!(ann.find_iter(REPORT).eq(clone.find_iter(REPORT)));
    assert_eq!(ann.memory_usage(), clone.memory_usage());
    assert_eq!(format!("{ann:?}"), format!("{clone:?}"));
}

/// Each document of an output has its own notes: numbered from ¹, listing only its own terms
/// (Markdown labels stay unique across the output, as one file holds them all).
#[test]
fn each_document_has_its_own_notes() {
    let ann = builtin();
    let render_docs = |format: Format| {
        let mut output = Output::new(&ann, format, &Options::new(), Vec::new());
        for doc in ["编制三线一单。", "推进一网通办。", "编制三线一单。"] {
            output.document_str(doc).unwrap();
        }
        String::from_utf8(output.finish().unwrap()).unwrap()
    };
    let footnote = render_docs(Format::Footnote);
    let docs: Vec<&str> = footnote.split("注解\n").collect();
    assert_eq!(docs.len(), 4, "{footnote}");
    assert!(
        docs[1].starts_with("¹ 三线一单：") && docs[1].contains("推进一网通办¹。"),
        "{footnote}"
    );
    assert!(
        docs[2].starts_with("¹ 一网通办：") && docs[2].contains("编制三线一单¹。"),
        "{footnote}"
    );
    assert!(docs[3].starts_with("¹ 三线一单："), "{footnote}");
    assert_eq!(footnote.matches('²').count(), 0, "{footnote}");
    let markdown = render_docs(Format::Markdown);
    for (label, term) in [
        ("[^1]: **", "三线一单"),
        ("[^2]: **", "一网通办"),
        ("[^3]: **", "三线一单"),
    ] {
        assert_eq!(
            markdown.matches(&format!("{label}{term}")).count(),
            1,
            "{markdown}"
        );
    }
    assert_eq!(markdown.matches("]: **").count(), 3, "{markdown}");
    let html = render_docs(Format::Html);
    assert_eq!(html.matches("<dt id=").count(), 3, "{html}");
    assert_eq!(html.matches("<dt id=\"g-24\" ").count(), 1, "{html}");
    assert_eq!(html.matches("<dt id=\"g-24-3\" ").count(), 1, "{html}");
}
