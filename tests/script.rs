//! Traditional script and numeral spellings: the same slogan, however it is printed.

use zhgloss::{Annotator, Entry, Glossary};

mod common;

use common::{REPORT, TRADITIONAL, body, found as run, owned};

#[test]
fn each_rule_can_be_turned_off() {
    let g = Glossary::builtin();
    let no_trad = Annotator::builder().traditional(false).build(&g).unwrap();
    assert_eq!(run(&no_trad, "一網通辦、金十条"), owned(&[(7, "金十条")]));
    let no_num = Annotator::builder().numerals(false).build(&g).unwrap();
    assert_eq!(run(&no_num, "一網通辦、金十条"), owned(&[(2, "一網通辦")]));
}

#[test]
fn traditional_glossary_finds_simplified_text() {
    let forms = [
        (2, "一網通辦"),
        (17, "綜合窗口"),
        (19, "三個百里"),
        (3, "雙減半"),
    ];
    let g = Glossary {
        entries: forms
            .iter()
            .map(|&(id, t)| Entry::new(id, t, "……"))
            .collect(),
        ..Glossary::default()
    };
    let ann = Annotator::new(&g).unwrap();
    let builtin = Annotator::new(&Glossary::builtin()).unwrap();
    let text = body(REPORT);
    let found: Vec<_> = ann
        .find_iter(text)
        .map(|m| (m.entry_id(), m.range()))
        .collect();
    let expected: Vec<_> = builtin
        .find_iter(text)
        .filter(|m| forms.iter().any(|&(id, _)| id == m.entry_id()))
        .map(|m| (m.entry_id(), m.range()))
        .collect();
    assert_eq!(expected.len(), 6);
    assert_eq!(found, expected);
}

#[test]
fn golden_report_in_traditional_script() {
    // The conversion is character by character, so the 36 occurrences keep their char spans.
    let ann = Annotator::new(&Glossary::builtin()).unwrap();
    let simplified: Vec<_> = ann
        .find_iter(body(REPORT))
        .map(|m| (m.entry_id(), m.char_range()))
        .collect();
    let traditional_text = body(TRADITIONAL);
    assert_ne!(traditional_text, body(REPORT));
    assert!(traditional_text.contains("一網通辦") && traditional_text.contains("綜合窗口"));
    let traditional: Vec<_> = ann
        .find_iter(traditional_text)
        .map(|m| (m.entry_id(), m.char_range()))
        .collect();
    assert_eq!(simplified.len(), 36);
    assert_eq!(traditional, simplified);
}

#[test]
fn generated_spellings_never_take_another_entrys_form() {
    // 金十条 is written out by entry 2 here; entry 1's numeral spelling of 金10条 must not
    // claim it.
    let g = Glossary {
        entries: vec![Entry::new(1, "金10条", "a"), Entry::new(2, "金十条", "b")],
        ..Glossary::default()
    };
    let ann = Annotator::new(&g).unwrap();
    assert_eq!(
        run(&ann, "金10条、金十条"),
        owned(&[(1, "金10条"), (2, "金十条")])
    );
}

/// 坛 is what six ideographs fold to (坛 墰 壇 壜 罈 罎), more than the prefilter compares as
/// raw bytes beside an anchor: every one of them must still be found there, next to the rarer
/// character a term is anchored on, and an ideograph that is none of them must not.
#[test]
fn every_traditional_form_of_a_crowded_character_is_found() {
    let g = Glossary {
        entries: vec![Entry::new(1, "蟋坛", "……"), Entry::new(2, "坛蟀", "……")],
        ..Glossary::default()
    };
    let ann = Annotator::new(&g).unwrap();
    for form in ["坛", "墰", "壇", "壜", "罈", "罎"] {
        let text = format!("甲蟋{form}乙，丙{form}蟀丁");
        let expected = [(1, format!("蟋{form}")), (2, format!("{form}蟀"))];
        assert_eq!(run(&ann, &text), expected, "in {text:?}");
    }
    assert_eq!(run(&ann, "蟋墙、墙蟀"), owned(&[]));
}

/// Traditional forms are looked for a block of text at a time, ahead of the simplified ones:
/// one that straddles where a block ends, wherever that is, must still be found, after a long
/// stretch with no anchor at all.
#[test]
fn traditional_forms_are_found_across_the_search_blocks() {
    let ann = Annotator::new(&Glossary::builtin()).unwrap();
    for block in [1 << 16, 2 << 16] {
        for shift in 0..8 {
            let mut text = String::from("一网通办");
            let at = block - 4 - shift;
            text.push_str(&"x".repeat(at - text.len()));
            text.push_str("一網通辦，");
            text.push_str(&"y".repeat(70_000));
            text.push_str("三線一單");
            let found: Vec<(u32, usize)> = ann
                .find_iter(&text)
                .map(|m| (m.entry_id(), m.start()))
                .collect();
            let end = text.len() - "三線一單".len();
            assert_eq!(found, [(2, 0), (2, at), (24, end)], "一網通辦 at byte {at}");
        }
    }
}
