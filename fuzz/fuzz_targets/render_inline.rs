//! Inline rendering gives back its input: for any text without the inline mark, stripping the
//! inline rendering is the text byte for byte, and rendering again adds nothing. Every other
//! format renders any text without panicking, and streaming in small blocks changes nothing.
#![no_main]

use std::sync::OnceLock;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use zhgloss::render::{self, Format, INLINE_MARK, Options, Output};
use zhgloss::{Annotator, Encoding, Entry, Glossary, Scope, TextReader};

/// Pieces of terms and glosses: terms can appear inside glosses, glosses can hold parentheses.
const PIECES: &[&str] = &[
    "一网",
    "通办",
    "三线一单",
    "金",
    "10",
    "条",
    "1",
    "+",
    "4",
    "“",
    "”",
    "「",
    "」",
    "\"",
    " ",
    "\n",
    "（",
    "）",
    "(",
    ")",
    "即",
    "的",
    "。",
    "、",
    "Ａ",
    "a",
    "北京市",
    "金山区",
    "是指",
    "2019年",
    "《",
    "》",
    "〔",
    "〕",
    "【",
    "】",
    "个",
    "\n名词解释\n1. ",
    "\n附件\n",
];

#[derive(Arbitrary, Debug)]
enum Piece {
    Known(u8),
    Any(char),
}

#[derive(Arbitrary, Debug)]
struct Input {
    /// Use the built-in glossary, or one made of `entries`.
    builtin: bool,
    every: bool,
    /// Gloss also matches whose definition may not hold.
    all_senses: bool,
    /// Give the entries of an own glossary a scope (金山区), to be judged.
    scoped: bool,
    block: u8,
    /// (term, gloss) as indices into `PIECES`.
    entries: Vec<(Vec<u8>, Vec<u8>)>,
    text: Vec<Piece>,
}

fn join(ix: &[u8], limit: usize) -> String {
    ix.iter()
        .take(limit)
        .map(|&i| PIECES[usize::from(i) % PIECES.len()])
        .collect()
}

fn text(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for p in pieces.iter().take(400) {
        match *p {
            Piece::Known(i) => out.push_str(PIECES[usize::from(i) % PIECES.len()]),
            // The round trip holds for text without the mark (the contract of strip_inline).
            Piece::Any(c) if c != INLINE_MARK => out.push(c),
            Piece::Any(_) => {}
        }
    }
    out
}

fn builtin() -> &'static Annotator {
    static ANN: OnceLock<Annotator> = OnceLock::new();
    ANN.get_or_init(|| Annotator::new(&Glossary::builtin()).unwrap())
}

fn streamed(ann: &Annotator, format: Format, text: &str, opts: &Options, block: usize) -> String {
    let mut out = Output::new(ann, format, opts, Vec::new());
    out.document(TextReader::new(text.as_bytes(), Encoding::Utf8).block_size(block))
        .unwrap();
    String::from_utf8(out.finish().unwrap()).unwrap()
}

fuzz_target!(|input: Input| {
    let own;
    let ann = if input.builtin || input.entries.is_empty() {
        builtin()
    } else {
        let entries = input
            .entries
            .iter()
            .take(6)
            .zip(1u32..)
            .map(|((term, gloss), id)| {
                let mut e = Entry::new(id, join(term, 4), "定义。");
                e.gloss = Some(join(gloss, 6));
                if input.scoped {
                    e.scope = Some(Scope {
                        places: vec!["上海市金山区".to_string()],
                        from: Some(2019),
                        until: None,
                    });
                }
                e
            })
            .collect();
        let g = Glossary {
            entries,
            ..Glossary::default()
        };
        // Forms that fold to nothing, or that two entries share, are rejected: fine.
        match Annotator::new(&g) {
            Ok(a) => {
                own = a;
                &own
            }
            Err(_) => return,
        }
    };
    let text = text(&input.text);
    let opts = Options::new()
        .every(input.every)
        .all_senses(input.all_senses);
    let once = render::to_string(ann, Format::Inline, &text, &opts).unwrap();
    assert_eq!(render::strip_inline(ann, &once), text, "inline: {once:?}");
    let twice = render::to_string(ann, Format::Inline, &once, &opts).unwrap();
    assert_eq!(twice, once, "rendering again changed the text");

    let block = usize::from(input.block) + 1;
    for format in [
        Format::Inline,
        Format::Footnote,
        Format::Json,
        Format::Html,
        Format::Markdown,
    ] {
        let whole = render::to_string(ann, format, &text, &opts).unwrap();
        assert_eq!(
            streamed(ann, format, &text, &opts, block),
            whole,
            "{format:?} in blocks of {block}"
        );
    }
    // As a JSONL line: an error for most texts, never a panic.
    let _ = render::to_string(ann, Format::Jsonl, &text, &opts);
});
