//! The stream hands a renderer exactly what one search of the whole text finds, however the
//! text is cut into pieces and windows and however many threads search it.

use std::io::{self, Write};

use super::ahead::{Source, annotate_ahead_in};
use super::{Render, StreamSearch, Term};
use crate::util::floor_char_boundary;
use crate::{Annotator, Encoding, Entry, Error, Glossary, TextReader};

const REPORT: &str = include_str!("../../examples/report-2020-jinshan.txt");

/// Writes the text as it comes and every term with all a renderer can see of it: entry, byte
/// and char spans, the text before and after it (as much as the stream hands over). With
/// `skip_parens`, a term followed by a parenthesis asks the search to go on after the
/// parenthesis closes, as a renderer that finds its own gloss already there does.
struct Record {
    lookahead: usize,
    skip_parens: bool,
    resume: Option<u64>,
}

impl Record {
    fn new(lookahead: usize, skip_parens: bool) -> Record {
        Record {
            lookahead,
            skip_parens,
            resume: None,
        }
    }
}

impl Render for Record {
    fn lookahead(&self) -> usize {
        self.lookahead
    }

    fn resume_at(&self) -> Option<u64> {
        self.resume
    }

    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"<begin>")
    }

    fn text(&mut self, out: &mut dyn Write, text: &str) -> io::Result<()> {
        out.write_all(text.as_bytes())
    }

    fn term(&mut self, out: &mut dyn Write, term: &Term<'_>) -> io::Result<()> {
        let m = term.as_match();
        write!(
            out,
            "[{}@{:?}/{:?} {:?}<{}>{:?} {:?}]",
            m.entry_id(),
            m.range(),
            m.char_range(),
            term.before().chars().next_back(),
            term.matched(),
            term.after(),
            term.why()
        )?;
        if self.skip_parens
            && let Some(close) = term.after().strip_prefix('（').and_then(|t| t.find('）'))
        {
            let past = '（'.len_utf8() + close + '）'.len_utf8();
            self.resume = Some((m.end() + past) as u64);
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, bytes: u64) -> io::Result<()> {
        write!(out, "<end {bytes}>")
    }
}

/// `text`, pushed in pieces of `piece` bytes, with `threads` threads searching windows of
/// 4096 bytes a thread.
fn pushed(ann: &Annotator, mut render: Record, text: &str, piece: usize, threads: usize) -> String {
    let mut search = StreamSearch::new(ann).threads(threads);
    search.per_thread = 4096;
    let mut out = Vec::new();
    render.begin(&mut out).unwrap();
    let mut rest = text;
    while !rest.is_empty() {
        let mut cut = piece.min(rest.len());
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        search.push(&rest[..cut], &mut render, &mut out).unwrap();
        rest = &rest[cut..];
    }
    let bytes = search.finish(&mut render, &mut out).unwrap();
    render.finish(&mut out, bytes).unwrap();
    String::from_utf8(out).unwrap()
}

/// `text` read in blocks of `block` bytes, with a search thread working ahead on windows of
/// `size` bytes (at least four times their overlap).
fn ahead(
    ann: &Annotator,
    mut render: Record,
    text: &[u8],
    block: usize,
    size: usize,
) -> Result<String, Error> {
    let mut input = TextReader::new(text, Encoding::Utf8).block_size(block);
    let mut out = Vec::new();
    render.begin(&mut out)?;
    let bytes = annotate_ahead_in(ann, Source::new(&mut input), &mut render, &mut out, 2, size)?;
    render.finish(&mut out, bytes)?;
    assert_eq!(bytes, text.len() as u64);
    Ok(String::from_utf8(out).unwrap())
}

/// The built-in glossary without whitespace gaps: a match, so a window's overlap, is short,
/// and the report makes many windows.
fn short_matches() -> Annotator {
    Annotator::builder()
        .max_gap(0)
        .build(&Glossary::builtin())
        .unwrap()
}

/// What one search of the whole text finds, written as `Record` writes it.
fn whole(ann: &Annotator, render: Record, text: &str) -> String {
    pushed(ann, render, text, text.len().max(1), 1)
}

#[test]
fn pieces_and_threads_hand_out_what_one_search_finds() {
    let ann = Annotator::new(&Glossary::builtin()).unwrap();
    let text = REPORT.repeat(2);
    for lookahead in [0, 4, 40] {
        let one = whole(&ann, Record::new(lookahead, false), &text);
        assert_eq!(one.matches('[').count(), 2 * 67 + one.matches("[[").count());
        for (piece, threads) in [
            (65536, 1),
            (7, 1),
            (65536, 2),
            (1000, 3),
            (7, 2),
            (65536, usize::MAX),
        ] {
            let many = pushed(&ann, Record::new(lookahead, false), &text, piece, threads);
            assert!(
                many == one,
                "lookahead {lookahead}, pieces of {piece}, {threads} threads"
            );
        }
    }
}

/// A renderer that wants to see more after a term than a match can span: a match is final only
/// once the window holds that much after it, so `after` is whole wherever the pieces end.
#[test]
fn a_lookahead_longer_than_a_match_is_kept() {
    let ann = short_matches();
    let text = REPORT.repeat(2);
    let lookahead = 2 * ann.max_match_bytes();
    let one = whole(&ann, Record::new(lookahead, false), &text);
    for piece in [1, 7, 100, 1000] {
        let cut = pushed(&ann, Record::new(lookahead, false), &text, piece, 1);
        assert!(cut == one, "pieces of {piece}");
    }
    for (block, size) in [(7, 0), (1000, 5000)] {
        let ahead = ahead(
            &ann,
            Record::new(lookahead, false),
            text.as_bytes(),
            block,
            size,
        );
        assert!(
            ahead.unwrap() == one,
            "blocks of {block}, windows of {size}"
        );
    }
}

#[test]
fn searching_ahead_hands_out_what_one_search_finds() {
    let short = short_matches();
    let default = Annotator::new(&Glossary::builtin()).unwrap();
    let text = REPORT.repeat(3);
    for ann in [&short, &default] {
        let blocks_and_windows = [(65536, 0), (1000, 0), (7, 50_000), (4096, 1 << 20)];
        assert_ahead_is_whole(ann, &text, &[0, 4, 40], &blocks_and_windows);
    }
}

/// Searching ahead hands `Record`s with each `lookaheads` what one search of the whole `text`
/// does, read in blocks and searched in windows of each `(block, size)`.
fn assert_ahead_is_whole(
    ann: &Annotator,
    text: &str,
    lookaheads: &[usize],
    blocks_and_windows: &[(usize, usize)],
) {
    for &lookahead in lookaheads {
        let one = whole(ann, Record::new(lookahead, false), text);
        for &(block, size) in blocks_and_windows {
            let render = Record::new(lookahead, false);
            let ahead = ahead(ann, render, text.as_bytes(), block, size).unwrap();
            assert!(
                ahead == one,
                "lookahead {lookahead}, blocks of {block}, windows of {size}"
            );
        }
    }
}

#[test]
fn searching_ahead_joins_where_terms_overlap_window_ends() {
    // Terms that overlap and nest, in text made of their pieces: wherever a window's
    // rendering stops, the search ahead of it may have found a different match there.
    let terms = [
        "一网",
        "网通",
        "通办",
        "一网通办",
        "办一",
        "1+4",
        "4+8",
        "“网”",
    ];
    let g = Glossary {
        entries: (1..)
            .zip(terms)
            .map(|(id, t)| Entry::new(id, t, "定义"))
            .collect(),
        ..Glossary::default()
    };
    let ann = Annotator::builder().max_gap(1).build(&g).unwrap();
    let pieces = [
        "一", "网", "通", "办", "1", "+", "4", "8", "“", "”", " ", "的",
    ];
    let mut seed = 0x2545_F491_4F6C_DD1D_u64;
    let text: String = (0..40_000)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            pieces[(seed % pieces.len() as u64) as usize]
        })
        .collect();
    // And long runs of 一网通办: a search that starts at 网 pairs 网通 and 办一 all along the
    // run, out of step with the one that started at 一.
    let runs: String = (0..300)
        .map(|i| "一网通办".repeat(5 + i % 60) + "的")
        .collect();
    for text in [&text, &runs] {
        assert_ahead_is_whole(
            &ann,
            text,
            &[0, 12],
            &[(1000, 0), (333, 2000), (65536, 5000)],
        );
    }
}

#[test]
fn searching_ahead_stops_cleanly_on_bad_input() {
    // Invalid UTF-8 after several windows: the error names its offset, and the search thread
    // ends (the test would hang otherwise).
    let ann = short_matches();
    let text = REPORT.repeat(3);
    let bad = floor_char_boundary(&text, text.len() - 100);
    let mut bytes = text.into_bytes();
    bytes[bad] = 0xFF;
    let err = ahead(&ann, Record::new(4, false), &bytes, 1000, 0).unwrap_err();
    assert_eq!(
        (err.kind(), err.offset()),
        (crate::ErrorKind::InvalidUtf8, Some(bad as u64))
    );
    // A writer that fails: its error comes back, and the thread ends too.
    struct Broken;
    impl Write for Broken {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let text = REPORT.repeat(3);
    let mut input = TextReader::new(text.as_bytes(), Encoding::Utf8).block_size(1000);
    let mut render = Record::new(4, false);
    let err = annotate_ahead_in(
        &ann,
        Source::new(&mut input),
        &mut render,
        &mut Broken,
        2,
        0,
    )
    .unwrap_err();
    assert!(err.to_string().contains("closed"), "{err}");
}

#[test]
fn the_search_goes_on_where_the_renderer_asks() {
    // A term followed by a parenthesis holding another term: the renderer asks the search to go
    // on after the parenthesis, so the term inside it is not handed out, with pieces, threads
    // and windows alike.
    let g = Glossary {
        entries: vec![
            Entry::new(1, "一网通办", "……"),
            Entry::new(2, "三线一单", "……"),
        ],
        ..Glossary::default()
    };
    let ann = Annotator::new(&g).unwrap();
    let text = "推进一网通办（参见三线一单），编制三线一单。".repeat(2000);
    let one = whole(&ann, Record::new(40, true), &text);
    assert_eq!(one.matches("<三线一单>").count(), 2000);
    assert_eq!(one.matches("<一网通办>").count(), 2000);
    for (piece, threads) in [(5000, 1), (5000, 2), (7, 3)] {
        assert!(
            pushed(&ann, Record::new(40, true), &text, piece, threads) == one,
            "pieces of {piece}, {threads} threads"
        );
    }
    for (block, size) in [(1000, 0), (4096, 50_000)] {
        let ahead = ahead(&ann, Record::new(40, true), text.as_bytes(), block, size).unwrap();
        assert!(ahead == one, "blocks of {block}, windows of {size}");
    }
    // Without the request, the term inside the parenthesis is found too.
    let all = whole(&ann, Record::new(40, false), &text);
    assert_eq!(all.matches("<三线一单>").count(), 4000);
}

#[test]
fn the_stream_keeps_all_a_match_can_need() {
    // Matches of the longest reach straddle every offset where a piece ends: each is found
    // whole, with its full lookahead, wherever the text is cut.
    let ann = Annotator::new(&Glossary::builtin()).unwrap();
    // Eight spaces and eight quote marks between every two characters of the longest term.
    let gap = " ".repeat(8) + &"“".repeat(8);
    let longest: Vec<String> = "农民相对集中居住1+7政策体系"
        .chars()
        .map(String::from)
        .collect();
    let longest = longest.join(&gap);
    let text = format!("前言{longest}后记，再说{longest}。");
    let one = whole(&ann, Record::new(40, false), &text);
    assert_eq!(one.matches("[9@").count(), 2, "{one}");
    for piece in 1..80 {
        let cut = pushed(&ann, Record::new(40, false), &text, piece, 1);
        assert!(cut == one, "pieces of {piece}");
    }
}

/// The widest match the rules allow for a quoted term of eight ASCII characters: full-width, with an
/// ideographic space and the longest pinyin annotation the folder takes between each two, and
/// a quote mark at each end. `max_match_bytes()` exceeds it by only 8 bytes, so a window that
/// kept less than it promises would cut such a match.
fn widest_ascii() -> (Annotator, String) {
    let g = Glossary {
        entries: vec![Entry::new(1, "“12345678”", "……")],
        ..Glossary::default()
    };
    let ann = Annotator::builder()
        .max_gap(1)
        .numerals(false)
        .build(&g)
        .unwrap();
    let chars: Vec<String> = "１２３４５６７８".chars().map(String::from).collect();
    let spread = format!("“{}”", chars.join("\u{3000}（ǎǎǎǎǎǎǎ）"));
    let found: Vec<_> = ann
        .find_iter(&spread)
        .map(|m| (m.start(), m.end()))
        .collect();
    assert_eq!(found, [(0, spread.len())]);
    assert!(spread.len() + 8 >= ann.max_match_bytes(), "a tight case");
    (ann, spread)
}

#[test]
fn searching_ahead_keeps_the_widest_match_whole() {
    // The widest match at every offset from a window's end: each copy is found, whole.
    let (ann, spread) = widest_ascii();
    let text: String = (0..300)
        .map(|j| "的".repeat(j % 101) + &spread + "。")
        .collect();
    for lookahead in [0, 5] {
        let one = whole(&ann, Record::new(lookahead, false), &text);
        assert_eq!(one.matches("[1@").count(), 300);
        for block in [1, 7] {
            let got = ahead(
                &ann,
                Record::new(lookahead, false),
                text.as_bytes(),
                block,
                0,
            );
            assert!(
                got.unwrap() == one,
                "lookahead {lookahead}, blocks of {block}"
            );
        }
    }
}

/// Counts the bytes a reader has handed out.
struct Counted<'a> {
    text: &'a [u8],
    read: std::rc::Rc<std::cell::Cell<usize>>,
}

impl io::Read for Counted<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = buf.len().min(self.text.len() - self.read.get());
        buf[..n].copy_from_slice(&self.text[self.read.get()..][..n]);
        self.read.set(self.read.get() + n);
        Ok(n)
    }
}

/// Writes text and terms as they were, noting at each write how far reading ran ahead of it.
struct Lag {
    read: std::rc::Rc<std::cell::Cell<usize>>,
    written: usize,
    most: usize,
}

impl Write for Lag {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.most = self.most.max(self.read.get() - self.written);
        self.written += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

struct Verbatim;

impl Render for Verbatim {
    fn text(&mut self, out: &mut dyn Write, text: &str) -> io::Result<()> {
        out.write_all(text.as_bytes())
    }
    fn term(&mut self, out: &mut dyn Write, term: &Term<'_>) -> io::Result<()> {
        out.write_all(term.matched().as_bytes())
    }
}

#[test]
fn searching_ahead_reads_at_most_a_few_windows_before_writing() {
    // Memory stays bounded by the windows: three are held at once (read, searched, rendered),
    // so reading never runs more than a few windows ahead of the output.
    let ann = short_matches();
    let text = REPORT.repeat(4);
    let read = std::rc::Rc::new(std::cell::Cell::new(0));
    let counted = Counted {
        text: text.as_bytes(),
        read: read.clone(),
    };
    let mut input = TextReader::new(counted, Encoding::Utf8).block_size(512);
    let mut out = Lag {
        read,
        written: 0,
        most: 0,
    };
    let size = 8192;
    let bytes = annotate_ahead_in(
        &ann,
        Source::new(&mut input),
        &mut Verbatim,
        &mut out,
        2,
        size,
    )
    .unwrap();
    assert_eq!((bytes, out.written), (text.len() as u64, text.len()));
    assert!(out.most > size, "windows were read ahead");
    assert!(
        out.most <= 4 * (size + 512),
        "read {} ahead of the output",
        out.most
    );
}

#[test]
fn searching_ahead_judges_as_one_search_does() {
    // Decisions read up to CONTEXT_BYTES before a match: a name that 两网 abbreviates, in a
    // long clause before （简称“两网”）, wherever a window starts. Without whitespace gaps
    // the longest match is shorter than what a decision reads after a match, so windows
    // overlap by little more than that and the context before.
    let ann = short_matches();
    let clause = "覆盖城乡的有线电视网络与宽带互联网以及移动通信电信网".repeat(3);
    let text: String = (0..200)
        .map(|j| {
            format!(
                "{}{clause}（简称“两网”）的融合已成为趋势。两网融合不仅是技术整合。",
                "的".repeat(j % 97)
            )
        })
        .collect();
    let doc = ann.read_document(&text);
    let mut one = Vec::new();
    let mut render = Record::new(0, false);
    let mut search = StreamSearch::new(&ann).document(doc.clone());
    search.push(&text, &mut render, &mut one).unwrap();
    search.finish(&mut render, &mut one).unwrap();
    let one = String::from_utf8(one).unwrap();
    let senses = ann.find_senses(&text);
    assert_eq!(senses.len(), 200);
    // Each is explained by the clause before it, and the why quotes the clause's start: a
    // window that began inside the clause would quote another start, which the comparison
    // with the one search below catches.
    assert!(senses.iter().all(|s| {
        s.why()
            .is_some_and(|w| w.starts_with("the text explains 两网融合 as “"))
    }));
    for block in [64, 4096] {
        let mut input = TextReader::new(text.as_bytes(), Encoding::Utf8).block_size(block);
        let source = Source {
            input: &mut input,
            head: String::new(),
            document: Some(&doc),
        };
        let mut out = Vec::new();
        let mut render = Record::new(0, false);
        annotate_ahead_in(&ann, source, &mut render, &mut out, 2, 0).unwrap();
        assert!(String::from_utf8(out).unwrap() == one, "blocks of {block}");
    }
}
