//! Hostile inputs: sizes, line endings, invisible and combining characters, and glossaries built
//! to hurt. Each test states what the library must do, and checks it against expectations worked
//! out without the annotator where that is possible.

use zhgloss::{Annotator, AnnotatorBuilder, Entry, ErrorKind, Glossary};

mod common;

use common::{REPORT, builtin, glossary};

/// `(entry, matched text, start)` of every match.
fn found<'t>(ann: &Annotator, text: &'t str) -> Vec<(u32, &'t str, usize)> {
    ann.find_iter(text)
        .map(|m| (m.entry_id(), &text[m.range()], m.start()))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Size.

/// A 100 MiB text with no line break at all: the report with its line breaks removed, repeated.
/// Every copy holds the same matches, so the count and the last span are known from one copy;
/// the last span checks that byte and char offsets are still exact 100 MiB in.
#[test]
fn one_line_of_100_mib() {
    let ann = builtin();
    let unit: String = REPORT
        .chars()
        .filter(|&c| c != '\n')
        .chain(['。'])
        .collect();
    let per_unit: Vec<_> = ann.find_iter(&unit).collect();
    assert!(per_unit.len() > 40, "the report holds its terms");
    let copies = (100 << 20) / unit.len() + 1;
    let text = unit.repeat(copies);
    assert!(text.len() >= 100 << 20);
    assert!(!text.contains('\n'));

    let mut count = 0;
    let mut last = None;
    for m in ann.find_iter(&text) {
        count += 1;
        last = Some(m);
    }
    assert_eq!(count, per_unit.len() * copies);
    let last = last.unwrap();
    let unit_chars = unit.chars().count();
    let want = per_unit
        .last()
        .unwrap()
        .offset_by((copies - 1) * unit.len(), (copies - 1) * unit_chars);
    assert_eq!(last, want);
    assert_eq!(&text[last.range()], &unit[per_unit.last().unwrap().range()]);
}

// ---------------------------------------------------------------------------------------------
// Line endings and invisible characters.

#[test]
fn crlf_inside_a_term_folds_like_lf() {
    let ann = builtin();
    assert_eq!(
        found(&ann, "深化“一网\r\n通办”改革"),
        [(2, "一网\r\n通办", 9)]
    );
    // A blank line between, in CRLF.
    assert_eq!(
        found(&ann, "编制三线\r\n\r\n一单"),
        [(24, "三线\r\n\r\n一单", 6)]
    );
    // Around digits: the boundary rule sees through neither.
    assert_eq!(found(&ann, "金\r\n10\r\n条"), [(7, "金\r\n10\r\n条", 0)]);
}

/// The whole report with CRLF line endings finds the same entries, each spanning the same text
/// with `\n` written `\r\n`. Terms are first broken across lines as PDF extraction breaks them.
#[test]
fn crlf_report_matches_lf_report() {
    let ann = builtin();
    let mut lf = REPORT.to_string();
    for (term, broken) in [
        ("一网通办", "一网\n通办"),
        ("三线一单", "三线\n\n一单"),
        ("双随机、一公开", "双随机、\n一公开"),
        ("11157", "111\n57"),
    ] {
        assert!(lf.contains(term));
        lf = lf.replace(term, broken);
    }
    let crlf = lf.replace('\n', "\r\n");
    let want: Vec<(u32, String)> = ann
        .find_iter(&lf)
        .map(|m| (m.entry_id(), lf[m.range()].replace('\n', "\r\n")))
        .collect();
    let got: Vec<(u32, String)> = ann
        .find_iter(&crlf)
        .map(|m| (m.entry_id(), crlf[m.range()].to_string()))
        .collect();
    assert!(want.iter().filter(|(_, s)| s.contains("\r\n")).count() >= 5);
    assert_eq!(got, want);
}

#[test]
fn utf8_bom_at_the_start() {
    let ann = builtin();
    let text = "\u{FEFF}一网通办，“11157”工程";
    assert_eq!(
        found(&ann, text),
        [(2, "一网通办", 3), (28, "“11157”工程", 18)]
    );
    // Right before a term that starts with a digit: a BOM is not a letter or digit.
    assert_eq!(found(&ann, "\u{FEFF}11157工程"), [(28, "11157工程", 3)]);
    // Char offsets count the BOM as a char.
    let m = ann.find_iter(text).next().unwrap();
    assert_eq!(m.char_range(), 1..5);
    // The whole report behind a BOM: the same matches, 3 bytes and 1 char later.
    let with_bom = format!("\u{FEFF}{REPORT}");
    let plain: Vec<_> = ann.find_iter(REPORT).map(|m| m.offset_by(3, 1)).collect();
    let shifted: Vec<_> = ann.find_iter(&with_bom).collect();
    assert_eq!(shifted, plain);
}

#[test]
fn nul_bytes() {
    let ann = builtin();
    assert_eq!(
        found(&ann, "\0一网通办\0三线一单\0"),
        [(2, "一网通办", 1), (24, "三线一单", 14)]
    );
    // NUL is not whitespace: it does not fold away inside a term.
    assert_eq!(found(&ann, "一网\0通办"), []);
    assert_eq!(found(&ann, "“11157\0”工程"), []);
    // Nor is it a digit: 11157 right after one is not part of a longer number.
    assert_eq!(found(&ann, "0\u{0}11157工程"), [(28, "11157工程", 2)]);
    // A term may hold a NUL, and then only matches it.
    let g = glossary(&["甲\0乙"]);
    let ann = Annotator::new(&g).unwrap();
    assert_eq!(found(&ann, "甲乙 甲\0乙"), [(1, "甲\0乙", 7)]);
}

#[test]
fn combining_marks_and_emoji_next_to_terms() {
    let ann = builtin();
    // Emoji (4 bytes, and a ZWJ sequence with a skin tone) on either side.
    assert_eq!(
        found(&ann, "😀一网通办😀三线一单👩🏽‍💻"),
        [(2, "一网通办", 4), (24, "三线一单", 20)]
    );
    // A combining mark after a term's last char belongs to that char's grapheme, but spans are
    // on char boundaries, not grapheme boundaries: the term is found and the mark left outside.
    let text = "一网通办\u{301}改革";
    assert_eq!(found(&ann, text), [(2, "一网通办", 0)]);
    assert_eq!(&text[12..14], "\u{301}");
    // A combining mark inside a term is not folded away: it makes another word.
    assert_eq!(found(&ann, "一网\u{301}通办"), []);
    // Nor is an enclosing keycap after a digit: it is not a digit either, so a term ending in a
    // digit is found before it.
    let g = glossary(&["双100"]);
    let ann100 = Annotator::new(&g).unwrap();
    assert_eq!(found(&ann100, "双100\u{20E3}"), [(1, "双100", 0)]);
    // A variation selector after a term.
    assert_eq!(found(&ann, "三线一单\u{FE0F}"), [(24, "三线一单", 0)]);
}

// ---------------------------------------------------------------------------------------------
// Glossaries.

/// 100,000 terms nested as deeply as prefixes go: every string of one to four characters over
/// ten characters, and the first 88,890 strings of five; every term of up to three characters is
/// a prefix of ten others. The expected matches are worked out from that structure, not by the
/// annotator: at each position the longest term is five characters if the next five spell one of
/// the first 88,890, or else as many (up to four) as the run of those characters allows.
#[test]
fn hundred_thousand_nested_terms() {
    const ALPHABET: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
    const FIVES: usize = 88_890;
    let spell = |mut n: usize, len: usize| -> String {
        let mut s = vec![' '; len];
        for slot in s.iter_mut().rev() {
            *slot = ALPHABET[n % 10];
            n /= 10;
        }
        s.into_iter().collect()
    };
    let mut terms = Vec::with_capacity(100_000);
    for len in 1..=4 {
        for n in 0..10usize.pow(len as u32) {
            terms.push(spell(n, len));
        }
    }
    for n in 0..FIVES {
        terms.push(spell(n, 5));
    }
    assert_eq!(terms.len(), 100_000);
    let g = Glossary {
        entries: terms
            .iter()
            .enumerate()
            .map(|(i, t)| Entry::new(i as u32 + 1, t.as_str(), "定义"))
            .collect(),
        ..Glossary::default()
    };
    let ann = Annotator::new(&g).unwrap();

    // A text of runs of those characters, separated by 。 or by a line break (which folds away
    // inside a term), from a fixed pseudo-random sequence.
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut text = String::new();
    for _ in 0..20_000 {
        match next() % 16 {
            0 => text.push('。'),
            1 => text.push('\n'),
            _ => text.push(ALPHABET[(next() % 10) as usize]),
        }
    }

    // The expectation: folded chars (line breaks dropped) with their original spans; a 。 ends a
    // run. No run of line breaks here exceeds the gap limit of 8.
    assert!(!text.contains(&"\n".repeat(9)));
    let folded: Vec<(usize, char)> = text.char_indices().filter(|&(_, c)| c != '\n').collect();
    let index_of = |c: char| ALPHABET.iter().position(|&a| a == c);
    let mut want = Vec::new();
    let mut i = 0;
    while i < folded.len() {
        let run = folded[i..]
            .iter()
            .take(5)
            .take_while(|&&(_, c)| index_of(c).is_some())
            .count();
        if run == 0 {
            i += 1;
            continue;
        }
        let value = |len: usize| {
            folded[i..i + len]
                .iter()
                .fold(0, |n, &(_, c)| n * 10 + index_of(c).unwrap())
        };
        let len = if run == 5 && value(5) < FIVES {
            5
        } else {
            run.min(4)
        };
        let id = if len == 5 {
            11_110 + value(5) + 1
        } else {
            (1..len).map(|l| 10usize.pow(l as u32)).sum::<usize>() + value(len) + 1
        };
        let (start, _) = folded[i];
        let (last, c) = folded[i + len - 1];
        want.push((id as u32, start, last + c.len_utf8()));
        i += len;
    }
    let got: Vec<_> = ann
        .find_iter(&text)
        .map(|m| (m.entry_id(), m.start(), m.end()))
        .collect();
    assert!(want.len() > 3_000);
    assert_eq!(got.len(), want.len());
    assert_eq!(got, want);
}

#[test]
fn terms_of_one_character() {
    let g = glossary(&["网", "1", "+", "＃", "一网通办"]);
    let ann = Annotator::new(&g).unwrap();
    assert_eq!(
        found(&ann, "网网、一网通办网"),
        [
            (1, "网", 0),
            (1, "网", 3),
            (5, "一网通办", 9),
            (1, "网", 21)
        ]
    );
    // A one-digit term obeys the boundary rule; full width folds.
    assert_eq!(
        found(&ann, "第1条、第１条、11、1+1"),
        [(2, "1", 3), (2, "１", 13), (3, "+", 28)]
    );
    // With numeral spellings on (the default), a one-digit term is also its Chinese numeral.
    assert_eq!(found(&ann, "统一"), [(2, "一", 3)]);
    // `+` and `#` are not letters or digits: no boundary rule, found anywhere.
    assert_eq!(found(&ann, "a+b#"), [(3, "+", 1), (4, "#", 3)]);
}

#[test]
fn term_of_only_whitespace_is_rejected() {
    for blank in [" ", "\u{3000}\u{3000}", "\n\t", "\r\n"] {
        let g = glossary(&[blank]);
        let err = Annotator::new(&g).err().unwrap();
        assert_eq!(err.kind(), ErrorKind::Glossary);
        assert_eq!(err.to_string(), "entry 1 has an empty term");
        assert_eq!(
            g.validate().unwrap_err().to_string(),
            "entry 1 has an empty term"
        );
    }
    // Zero-width characters fold like whitespace but are not whitespace to `trim`.
    let err = Annotator::new(&glossary(&["\u{200B}\u{FEFF}"]))
        .err()
        .unwrap();
    assert_eq!(
        err.to_string(),
        "entry 1 has a surface form \"\\u{200b}\\u{feff}\" that is only whitespace or quote marks"
    );
    // An alias of only whitespace.
    let mut e = Entry::new(7, "金10条", "定义");
    e.aliases = vec!["  ".to_string()];
    let g = Glossary {
        entries: vec![e],
        ..Glossary::default()
    };
    assert_eq!(
        Annotator::new(&g).err().unwrap().to_string(),
        "entry 7 has a surface form \"  \" that is only whitespace or quote marks"
    );
}

#[test]
fn term_of_only_quotes_is_rejected() {
    for (quotes, shown) in [
        ("“”", "\"“”\""),
        ("\"", "\"\\\"\""),
        ("「 」『』", "\"「 」『』\""),
        ("＂＇", "\"＂＇\""),
    ] {
        let err = Annotator::new(&glossary(&[quotes])).err().unwrap();
        assert_eq!(err.kind(), ErrorKind::Glossary);
        assert_eq!(
            err.to_string(),
            format!("entry 1 has a surface form {shown} that is only whitespace or quote marks")
        );
    }
    // Through JSON, as a user would write it.
    let err =
        Glossary::from_json_str(r#"{"entries": [{"id": 3, "term": "“ ”", "definition": "x"}]}"#)
            .unwrap_err();
    assert_eq!(
        err.to_string(),
        "entry 3 has a surface form \"“ ”\" that is only whitespace or quote marks"
    );
}

// ---------------------------------------------------------------------------------------------
// Options at their extremes.

#[test]
fn unlimited_gap() {
    let ann = AnnotatorBuilder::new()
        .max_gap(usize::MAX)
        .build(&Glossary::builtin())
        .unwrap();
    let text = format!("一网{}通办", " ".repeat(10_000));
    assert_eq!(found(&ann, &text).len(), 1);
    assert!(ann.max_match_bytes() >= text.len());
}
