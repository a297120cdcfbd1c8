//! Golden test: the report's own body, annotated with its own glossary.
//!
//! The expected occurrences are written by hand below, as the body writes them, and located in
//! the body with `str::match_indices`: the spans come from the text, not from the annotator.

use zhgloss::{Annotator, Glossary};

mod common;

use common::REPORT;

/// The text before the 名词解释 section.
fn body() -> &'static str {
    common::body(REPORT)
}

/// Every entry of the glossary as the body writes it, and how often.
const EXPECTED: &[(u32, &str, usize)] = &[
    (1, "三张清单", 1),
    (2, "一网通办", 3),
    (3, "双减半", 1),
    (4, "双一百", 1),
    (5, "审批权限和审批流程“三集中”", 1),
    (6, "全程代办", 2),
    (7, "金 10 条", 2),
    (8, "田园五镇", 2),
    (9, "“1+7”政策体系", 1),
    (10, "四好农村路", 2),
    (11, "环保“五步工作法”", 1),
    (12, "四位一体", 2),
    (13, "3 个“3”服务", 1),
    (14, "“1+4+4+8”新型产业体系", 1),
    (15, "三高一低", 1),
    (16, "“六个一”工程", 1),
    (17, "综合窗口", 1),
    (18, "双随机、一公开", 1),
    (19, "三个百里", 1),
    (20, "一网一平台", 1),
    (21, "三个美丽", 1),
    (22, "雪亮工程", 1),
    (23, "两网融合", 1),
    (24, "三线一单", 1),
    (25, "三监联动", 1),
    (26, "四纵四横", 1),
    (27, "“1+4+4”人才政策", 1),
    (28, "“11157”工程", 1),
    (29, "行政执法“三项制度”", 1),
];

fn expected_spans(text: &str) -> Vec<(u32, usize, usize)> {
    let mut spans = Vec::new();
    for &(id, form, count) in EXPECTED {
        let found: Vec<_> = text.match_indices(form).collect();
        assert_eq!(
            found.len(),
            count,
            "entry {id}: {form:?} occurs {} times",
            found.len()
        );
        spans.extend(found.iter().map(|&(at, s)| (id, at, at + s.len())));
    }
    spans.sort_by_key(|&(_, start, _)| start);
    spans
}

#[test]
fn every_entry_is_found_in_the_body_with_exact_spans_and_nothing_else() {
    let text = body();
    let ann = Annotator::new(&Glossary::builtin()).unwrap();
    let found: Vec<(u32, usize, usize)> = ann
        .find_iter(text)
        .map(|m| (m.entry_id(), m.start(), m.end()))
        .collect();
    let expected = expected_spans(text);
    assert_eq!(expected.len(), 36);
    assert_eq!(found, expected);
    let mut ids: Vec<u32> = found.iter().map(|f| f.0).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids, (1..=29).collect::<Vec<u32>>());
}

#[test]
fn char_offsets_agree_with_byte_offsets() {
    let text = body();
    let ann = Annotator::new(&Glossary::builtin()).unwrap();
    for m in ann.find_iter(text) {
        assert_eq!(m.char_start(), text[..m.start()].chars().count());
        assert_eq!(m.char_end(), text[..m.end()].chars().count());
    }
}

#[test]
fn the_definitions_section_finds_its_own_headwords() {
    // Each numbered definition starts with its headword: the annotator finds all 29 there too.
    let at = REPORT.find("\n名词解释").unwrap();
    let section = &REPORT[at..];
    let ann = Annotator::new(&Glossary::builtin()).unwrap();
    let mut ids: Vec<u32> = ann.find_iter(section).map(|m| m.entry_id()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids, (1..=29).collect::<Vec<u32>>());
}
