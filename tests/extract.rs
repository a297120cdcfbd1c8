//! Extracting glossaries from reports: the bundled report, then tables of headings, numberings,
//! line joins, inline definitions and problems on texts written for them.

use zhgloss::Glossary;
use zhgloss::extract::{Extraction, Problem, SECTION_ORIGIN, extract};

mod common;

use common::REPORT;

const GLOSSARY: &str = include_str!("../glossary.json");

/// Extracts and checks the contract every extraction keeps: a valid glossary.
fn run(text: &str) -> Extraction {
    let x = extract(text);
    if let Err(e) = x.glossary.validate() {
        panic!("invalid glossary from {text:?}: {e}");
    }
    x
}

/// (id, term, definition) of every entry.
fn entries(x: &Extraction) -> Vec<(u32, String, String)> {
    x.glossary
        .entries
        .iter()
        .map(|e| (e.id, e.term.clone(), e.definition.clone()))
        .collect()
}

fn owned(v: &[(u32, &str, &str)]) -> Vec<(u32, String, String)> {
    v.iter()
        .map(|&(id, t, d)| (id, t.to_string(), d.to_string()))
        .collect()
}

/// (line, message) of every problem.
fn problems(x: &Extraction) -> Vec<(usize, String)> {
    x.problems
        .iter()
        .map(|p| (p.line, p.message.clone()))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The bundled report

#[test]
fn bundled_report_reproduces_glossary_json() {
    let x = run(REPORT);
    assert_eq!(x.problems, []);
    let want = Glossary::from_json_str(GLOSSARY).unwrap();
    assert_eq!(x.glossary.entries.len(), 29);
    assert_eq!(want.entries.len(), 29);
    for (got, want) in x.glossary.entries.iter().zip(&want.entries) {
        assert_eq!(got.id, want.id);
        assert_eq!(got.term, want.term, "entry {}", want.id);
        assert_eq!(got.origin.as_deref(), Some(SECTION_ORIGIN));
        if want.id == 12 {
            // The one correction glossary.json makes to its source: a stray English "and".
            assert_eq!(
                got.definition,
                "是指廉租住房、共有产权保障住房、公共租赁住房 and 动迁安置房。"
            );
            assert_eq!(got.definition.replace(" and ", "和"), want.definition);
        } else {
            assert_eq!(got.definition, want.definition, "entry {}", want.id);
        }
        // Its title says who issued it: every definition is scoped there. (glossary.json
        // refines these by what each programme is: Jinshan's, Shanghai's or national.)
        let scope = got.scope.as_ref().expect("a scope from the report's title");
        assert_eq!(
            (scope.places.as_slice(), scope.from, scope.until),
            (&["上海市金山区".to_string()][..], None, None)
        );
    }
}

#[test]
fn a_report_without_an_issuer_gives_no_scope() {
    let x = run(
        "关于印发方案的通知\n\n正文提到金山区。\n\n名词解释\n1. 三线一单：是指生态保护红线。\n",
    );
    assert_eq!(x.glossary.entries.len(), 1);
    assert_eq!(x.glossary.entries[0].scope, None);
}

#[test]
fn bundled_report_joins_entry_28_across_the_page_break() {
    let x = run(REPORT);
    let e = x.glossary.entry(28).unwrap();
    assert!(e.definition.contains("建设1个市民健身中心，全区范围内"));
}

// ---------------------------------------------------------------------------------------------
// Headings

#[test]
fn every_heading_opens_the_section() {
    let headings = [
        "名词解释",
        "名词解释：",
        "名词解释:",
        "附：名词解释",
        "附件：名词解释",
        "附件1：名词解释",
        "附录：名词解释",
        "名词注释",
        "注释",
        "《政府工作报告》名词解释",
        "  名词解释  ",
        "\u{3000}名词解释\u{3000}",
        "名 词 解 释",
        "\t附件：名词解释：",
        // Other names, either script, pinyin annotations removed first.
        "名词注解",
        "名詞解釋",
        "名詞註解",
        "《政府工作報(bào)告》名詞解釋",
        "附件2：名词释义",
        "“七个一批”名词解释",
        "新词",
        "新词新语",
        "热词",
        "关键词",
        "术语解释",
    ];
    for h in headings {
        let text = format!("正文第一段。\n\n{h}\n\n1. 三线一单：是指生态环境分区管控。\n");
        let x = run(&text);
        assert_eq!(x.problems, [], "heading {h:?}");
        assert_eq!(
            entries(&x),
            owned(&[(1, "三线一单", "是指生态环境分区管控。")]),
            "heading {h:?}"
        );
    }
}

#[test]
fn a_heading_word_inside_a_sentence_is_not_a_heading() {
    let not_headings = [
        "具体见名词解释。",
        "名词解释如下",
        "注释1",
        "附名词解释",
        "《名词解释",
        "“一二三四五六七八九十一二三”名词解释",
        "新词新语新图景",
    ];
    for h in not_headings {
        let text = format!("{h}\n1. 三线一单：是指生态环境分区管控。\n");
        let x = run(&text);
        assert_eq!(x.glossary.entries, [], "{h:?}");
        assert_eq!(x.problems, [], "{h:?}");
    }
}

#[test]
fn a_section_without_entries_is_a_problem() {
    // What comes before the entries is the section's lead, read as prose; a section with no
    // entry at all is one warning, at its heading.
    let x = run("正文。\n名词解释\n\n（无）\n");
    assert_eq!(
        problems(&x),
        [(2, "glossary section has no entries".to_string())]
    );
}

#[test]
fn the_next_appendix_ends_the_section() {
    let text = "名词解释\n1. 双减半：是指时限减半。\n附件2：统计表\n以上为统计表。\n";
    let x = run(text);
    assert_eq!(entries(&x), owned(&[(1, "双减半", "是指时限减半。")]));
    assert_eq!(x.problems, []);
}

// ---------------------------------------------------------------------------------------------
// Numbering

#[test]
fn every_numbering_style_with_either_digit_width() {
    // (first entry's number, second entry's number, ids)
    let styles: [(&str, &str, [u32; 2]); 15] = [
        ("①", "②", [1, 2]),
        ("1.", "2.", [1, 2]),
        ("1．", "2．", [1, 2]),
        ("１.", "２.", [1, 2]),
        ("１．", "２．", [1, 2]),
        ("1、", "2、", [1, 2]),
        ("１、", "２、", [1, 2]),
        ("（1）", "（2）", [1, 2]),
        ("(1)", "(2)", [1, 2]),
        ("（１）", "（２）", [1, 2]),
        ("(1)", "（2）", [1, 2]),
        ("一、", "二、", [1, 2]),
        ("（一）", "（二）", [1, 2]),
        ("九、", "十、", [9, 10]),
        ("十九、", "二十、", [19, 20]),
    ];
    for (a, b, ids) in styles {
        let text =
            format!("名词解释\n{a} 双减半：是指时限减少一半。\n{b}双一百：是指新增100个事项。\n");
        let x = run(&text);
        let first_problems: Vec<_> = problems(&x)
            .into_iter()
            .filter(|(_, m)| !m.starts_with("entry numbered"))
            .collect();
        assert_eq!(first_problems, [], "{a} {b}");
        assert_eq!(
            entries(&x),
            owned(&[
                (ids[0], "双减半", "是指时限减少一半。"),
                (ids[1], "双一百", "是指新增100个事项。"),
            ]),
            "{a} {b}"
        );
    }
}

#[test]
fn large_chinese_and_arabic_numbers() {
    let x = run("名词解释\n一百零一、甲：是指甲。\n");
    assert_eq!(entries(&x), owned(&[(101, "甲", "是指甲。")]));
    let x = run("名词解释\n99999999999. 甲：是指甲。\n");
    assert_eq!(x.glossary.entries, []);
    assert_eq!(problems(&x), [(2, "entry number is too large".to_string())]);
}

#[test]
fn both_colons_split_term_and_definition() {
    for colon in ["：", ":", " ： ", " : "] {
        let x = run(&format!("名词解释\n1. 两网融合{colon}指两网的融合。\n"));
        assert_eq!(
            entries(&x),
            owned(&[(1, "两网融合", "指两网的融合。")]),
            "{colon:?}"
        );
    }
}

#[test]
fn only_the_first_colon_splits() {
    let x = run("名词解释\n1. 四纵四横：四纵是指：甲路；四横是指：乙路。\n");
    assert_eq!(
        entries(&x),
        owned(&[(1, "四纵四横", "四纵是指：甲路；四横是指：乙路。")])
    );
}

#[test]
fn numbered_lines_in_another_style_continue_the_definition() {
    let text = "名词解释\n1. 四位一体：是指\n（1）廉租住房；\n（2）动迁安置房。\n2. 三高一低：是指高投入。\n";
    let x = run(text);
    assert_eq!(x.problems, []);
    assert_eq!(
        entries(&x),
        owned(&[
            (1, "四位一体", "是指（1）廉租住房；（2）动迁安置房。"),
            (2, "三高一低", "是指高投入。"),
        ])
    );
}

#[test]
fn a_decimal_opening_a_line_is_not_an_entry() {
    let x = run("名词解释\n1. 增速：是指增长\n3.5%以上。\n");
    assert_eq!(x.problems, []);
    assert_eq!(entries(&x), owned(&[(1, "增速", "是指增长3.5%以上。")]));
}

// ---------------------------------------------------------------------------------------------
// Line breaks and page furniture

#[test]
fn line_breaks_join_by_what_is_on_either_side() {
    // (definition as broken across lines, as joined)
    let cases = [
        ("是指建设1个市\n\n民健身中心。", "是指建设1个市民健身中心。"),
        ("是指新增\n100个事项。", "是指新增100个事项。"),
        ("是指2019\n年新增。", "是指2019年新增。"),
        ("是指 One Network\nfor All。", "是指 One Network for All。"),
        ("是指 Shanghai,\nChina。", "是指 Shanghai, China。"),
        ("是指“1+4+\n4”体系。", "是指“1+4+4”体系。"),
        ("是指甲（A)\n乙。", "是指甲（A)乙。"),
        ("是指CBD\n（中央商务区）。", "是指CBD（中央商务区）。"),
        ("  是指甲\u{3000}\n\u{3000}乙。  ", "是指甲乙。"),
    ];
    for (broken, joined) in cases {
        let x = run(&format!("名词解释\n1. 甲乙：{broken}\n"));
        assert_eq!(x.problems, [], "{broken:?}");
        assert_eq!(entries(&x), owned(&[(1, "甲乙", joined)]), "{broken:?}");
    }
}

#[test]
fn page_furniture_is_dropped() {
    let furniture = [
        "12",
        "１２",
        "- 12 -",
        "—12—",
        "— 12 —",
        "－１２－",
        "第 3 页",
        "第3页 共10页",
        "第 3 页，共 10 页",
        "3/10",
        "\u{c}12",
    ];
    for f in furniture {
        let text = format!(
            "名词解释\n1. 两网融合：是指生活垃圾分类收运体系\n\n{f}\n\n和再生资源回收体系的融合。\n"
        );
        let x = run(&text);
        assert_eq!(x.problems, [], "{f:?}");
        assert_eq!(
            entries(&x),
            owned(&[(
                1,
                "两网融合",
                "是指生活垃圾分类收运体系和再生资源回收体系的融合。"
            )]),
            "{f:?}"
        );
    }
}

#[test]
fn text_that_looks_like_furniture_but_is_not_stays() {
    for line in ["12个", "第3章", "3/", "- 12 - 13"] {
        let x = run(&format!("名词解释\n1. 甲：是指\n{line}\n"));
        assert_eq!(
            entries(&x),
            owned(&[(1, "甲", &format!("是指{line}"))]),
            "{line:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Problems in the section

#[test]
fn unparsable_entries_are_reported_with_their_lines() {
    let text = "\
名词解释
说明：按出现先后排列。

1. 三张清单：是指三张清单。
2. 一网通办是指一个总门户，
服务事项一口进出。
3. ：是指没有词条。
4. 双一百：
5. 两区一堡 是指上海制造业高质量发展示范区。3、一窗通：是指一窗受理。
6. 三高一低：是指高投入。
8. 金山：指金山。7、专精特新：，指小巨人。
";
    let x = run(text);
    // The lead (说明) is prose. A bare 是指 (entry 2) splits term from definition where no
    // colon does; a colon after a 是指 means two entries ran together, and is refused.
    assert_eq!(
        entries(&x),
        owned(&[
            (1, "三张清单", "是指三张清单。"),
            (2, "一网通办", "是指一个总门户，服务事项一口进出。"),
            (6, "三高一低", "是指高投入。"),
        ])
    );
    let want: Vec<Problem> = [
        (
            7,
            "3. ：是指没有词条。",
            "entry has no term before its colon",
        ),
        (8, "4. 双一百：", "entry has no definition after its colon"),
        (
            9,
            "5. 两区一堡 是指上海制造业高质量发展示范区。3、一窗通：是指一窗受理。",
            "the term holds 是指, so the definition ran into it (a colon missing?)",
        ),
        (
            11,
            "8. 金山：指金山。7、专精特新：，指小巨人。",
            "entry numbered 8 where 7 was expected",
        ),
        (
            11,
            "8. 金山：指金山。7、专精特新：，指小巨人。",
            "the definition holds another numbered entry (7、专精特新：), so entries ran together",
        ),
    ]
    .into_iter()
    .map(|(line, text, message)| Problem {
        line,
        text: text.to_string(),
        message: message.to_string(),
    })
    .collect();
    assert_eq!(x.problems, want);
    assert_eq!(
        x.problems[2].to_string(),
        "line 9: the term holds 是指, so the definition ran into it (a colon missing?): 5. 两区一堡 是指上海制造业高质量发展示范区。3、一窗通：是指一窗受理。"
    );
}

#[test]
fn refused_terms_and_definitions() {
    // (entry, message): every refusal names why.
    let cases = [
        (
            "1. 甲，指乙：丙。",
            "the term holds 指 opening a clause, so the definition ran into it",
        ),
        (
            "1. 甲。乙：丙。",
            "the term holds sentence punctuation, so entries ran together (a colon or a number missing?)",
        ),
        (
            "1. 甲：，乙。",
            "the definition starts mid-clause, so the entry was cut from what comes before",
        ),
        (
            "1. 甲：并且乙。",
            "the definition starts mid-clause, so the entry was cut from what comes before",
        ),
        (
            "1. 一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三：丙。",
            "the term is 33 characters long, a sentence rather than a headword",
        ),
    ];
    for (entry, message) in cases {
        let x = run(&format!("名词解释\n{entry}\n"));
        assert_eq!(x.glossary.entries, [], "{entry}");
        let got: Vec<String> = x.problems.iter().map(|p| p.message.clone()).collect();
        assert_eq!(got, [message], "{entry}");
    }
    // A 指 or 即 inside a word is no clause: 指标, 即时.
    let x = run("名词解释\n1. 三大指标：是指甲。\n2. 即时响应：是指乙。\n");
    assert_eq!(x.glossary.entries.len(), 2);
    assert_eq!(x.problems, []);
}

#[test]
fn conflicting_section_entries_keep_the_first() {
    let text = "名词解释\n1. 一网通办：是指甲。\n2. 一网 通办：是指乙。\n3. 双减半：是指丙。\n3. 双一百：是指丁。\n";
    let x = run(text);
    // A rejected entry does not hold on to its number; a number used twice loses no entry.
    assert_eq!(
        entries(&x),
        owned(&[
            (1, "一网通办", "是指甲。"),
            (3, "双减半", "是指丙。"),
            (4, "双一百", "是指丁。")
        ])
    );
    assert_eq!(
        problems(&x),
        [
            (
                3,
                "term 一网 通办 is already defined by entry 1 (line 2); the first is kept"
                    .to_string()
            ),
            (5, "entry numbered 3 where 4 was expected".to_string()),
            (
                5,
                "entry number 3 is used twice (first on line 4); this entry gets id 4".to_string()
            ),
        ]
    );
}

#[test]
fn a_second_section_continues_after_the_first() {
    let text = "名词解释\n1. 甲：是指甲。\n注释\n1. 乙：是指乙。\n";
    let x = run(text);
    assert_eq!(
        entries(&x),
        owned(&[(1, "甲", "是指甲。"), (2, "乙", "是指乙。")])
    );
    assert_eq!(
        problems(&x),
        [(
            4,
            "entry number 1 is used twice (first on line 2); this entry gets id 2".to_string()
        )]
    );
}

// ---------------------------------------------------------------------------------------------
// Inline definitions

#[test]
fn every_inline_bracket_style() {
    // (sentence, term, definition, origin)
    let cases = [
        (
            "全面落实中华人民共和国政府信息公开条例（以下简称“条例”）。",
            "条例",
            "中华人民共和国政府信息公开条例",
            "以下简称",
        ),
        (
            "根据《中华人民共和国政府信息公开条例》（以下简称《条例》），",
            "条例",
            "中华人民共和国政府信息公开条例",
            "以下简称",
        ),
        (
            "成立城市运行管理中心（简称“城运中心”）。",
            "城运中心",
            "城市运行管理中心",
            "简称",
        ),
        (
            "启动长三角生态绿色一体化发展示范区（以下统称示范区）建设。",
            "示范区",
            "长三角生态绿色一体化发展示范区",
            "以下统称",
        ),
        (
            "张堰镇、廊下镇和吕巷镇（统称“三镇”）。",
            "三镇",
            // 统称 names the whole list.
            "张堰镇、廊下镇和吕巷镇",
            "统称",
        ),
        (
            "落实政府信息公开条例(以下简称\"条例\")。",
            "条例",
            "政府信息公开条例",
            "以下简称",
        ),
        (
            "落实政府信息公开条例（以下简称\"条例\")。",
            "条例",
            "政府信息公开条例",
            "以下简称",
        ),
        (
            "落实政府信息公开条例 （以下简称 「条例」 ）。",
            "条例",
            "政府信息公开条例",
            "以下简称",
        ),
        (
            "落实政府信息公开条例（以下简称『条例』）。",
            "条例",
            "政府信息公开条例",
            "以下简称",
        ),
        (
            "落实政府信息公开条例（以下简称为“条例”）。",
            "条例",
            "政府信息公开条例",
            "以下简称",
        ),
        (
            "落实政府信息公开条例（以下简称：条例）。",
            "条例",
            "政府信息公开条例",
            "以下简称",
        ),
        (
            "落实政府信息公开条例（简称“条例”，下同）。",
            "条例",
            "政府信息公开条例",
            "简称",
        ),
        (
            "《政府信息公开条例》（2019年修订，以下简称《条例》）",
            "条例",
            "政府信息公开条例",
            "以下简称",
        ),
        (
            "《关于〈条例〉的若干意见（试行）》（以下简称《意见》）",
            "意见",
            "关于〈条例〉的若干意见（试行）",
            "以下简称",
        ),
    ];
    for (sentence, term, definition, origin) in cases {
        let x = run(sentence);
        assert_eq!(x.problems, [], "{sentence}");
        assert_eq!(entries(&x), owned(&[(1, term, definition)]), "{sentence}");
        assert_eq!(
            x.glossary.entries[0].origin.as_deref(),
            Some(origin),
            "{sentence}"
        );
    }
}

#[test]
fn the_full_name_is_the_phrase_before_the_bracket() {
    // (sentence, definition of 简称)
    let cases = [
        ("一是，城市运行管理中心（简称“中心”）", "城市运行管理中心"),
        ("一是。城市运行管理中心（简称“中心”）", "城市运行管理中心"),
        ("一是；城市运行管理中心（简称“中心”）", "城市运行管理中心"),
        ("一是、城市运行管理中心（简称“中心”）", "城市运行管理中心"),
        ("一是：城市运行管理中心（简称“中心”）", "城市运行管理中心"),
        (
            "我区成立了城市运行管理中心（简称“中心”）",
            "城市运行管理中心",
        ),
        (
            "区政府出台金山区关于建立产业基金的若干意见（简称“意见”）",
            "金山区关于建立产业基金的若干意见",
        ),
        (
            "区政府印发的关于建立产业基金的若干意见（简称“意见”）",
            "关于建立产业基金的若干意见",
        ),
        ("根据若干意见（试行）（简称“意见”）", "若干意见（试行）"),
        ("制定《条例》实施细则（简称“细则”）", "《条例》实施细则"),
        ("区人民政府办公室（简称“区府办”）", "区人民政府办公室"),
        ("（城市运行管理中心（简称“中心”））", "城市运行管理中心"),
    ];
    for (sentence, definition) in cases {
        let x = run(sentence);
        assert_eq!(x.problems, [], "{sentence}");
        let got: Vec<_> = x
            .glossary
            .entries
            .iter()
            .map(|e| e.definition.as_str())
            .collect();
        assert_eq!(got, [definition], "{sentence}");
    }
}

#[test]
fn an_earlier_definition_ends_the_next_full_name() {
    let x = run("甲中心（简称“甲”）和乙中心（简称“乙”）");
    assert_eq!(x.problems, []);
    assert_eq!(
        entries(&x),
        owned(&[(1, "甲", "甲中心"), (2, "乙", "和乙中心")])
    );
}

#[test]
fn brackets_without_a_definition_are_prose() {
    for text in [
        "简称“一网通办”。",
        "（该中心简称“城运中心”）",
        "群众简称其为一网通办。",
    ] {
        let x = run(text);
        assert_eq!(x.glossary.entries, [], "{text}");
        assert_eq!(x.problems, [], "{text}");
    }
}

#[test]
fn broken_inline_definitions_are_reported() {
    let text = "\
第一段。

（以下简称“开头”）

落实条例（以下简称“条例）。

落实条例（以下简称“条例”

落实条例（以下简称）
";
    let x = run(text);
    assert_eq!(x.glossary.entries, []);
    assert_eq!(
        problems(&x),
        [
            (3, "no full name before （以下简称“开头”）".to_string()),
            (5, "short name has no closing quote".to_string()),
            (7, "（以下简称…） has no closing bracket".to_string()),
            (9, "short name is empty".to_string()),
        ]
    );
    assert_eq!(x.problems[0].text, "（以下简称“开头”）");
    assert_eq!(x.problems[2].text, "落实条例（以下简称“条例”");
}

#[test]
fn inline_definitions_span_line_breaks_and_report_their_line() {
    let text = "\
第一段。

根据《中华人民共和国政府信息
公开条例》（以下
简称《条例》）
，配套细则（简称“细则”，下同）。
";
    let x = run(text);
    assert_eq!(x.problems, []);
    assert_eq!(
        entries(&x),
        owned(&[
            (1, "条例", "中华人民共和国政府信息公开条例"),
            (2, "细则", "配套细则")
        ])
    );
    let conflicting = format!("{text}\n再次（简称“细则”）。\n");
    let x = run(&conflicting);
    assert_eq!(
        problems(&x),
        [(
            8,
            "term 细则 is already defined by entry 2 (line 6); the first is kept".to_string()
        )]
    );
}

#[test]
fn repeated_inline_definitions_are_kept_once() {
    let text = "\
成立城市运行管理中心（简称“城运中心”）。
区政府办公室、城市运行管理中心（简称“城运中心”）牵头。

再建城运总中心（简称“城运中心”）。
";
    let x = run(text);
    assert_eq!(entries(&x), owned(&[(1, "城运中心", "城市运行管理中心")]));
    assert_eq!(
        problems(&x),
        [(
            4,
            "term 城运中心 is already defined by entry 1 (line 1); the first is kept".to_string()
        )]
    );
    assert_eq!(x.problems[0].text, "再建城运总中心（简称“城运中心”）");
}

#[test]
fn inline_entries_follow_the_section_and_lose_to_it() {
    let text = "\
推行政务服务一网通办（以下简称“一网通办”）。
落实三线一单（简称“三线”）制度。

名词解释
3. 一网通办：是指一个总门户。
7. 金10条：是指《金山区关于促进金融服务实体经济发展的若干意见（试行）》（以下简称《若干意见》）。
";
    let x = run(text);
    assert_eq!(
        entries(&x),
        owned(&[
            (3, "一网通办", "是指一个总门户。"),
            (
                7,
                "金10条",
                "是指《金山区关于促进金融服务实体经济发展的若干意见（试行）》（以下简称《若干意见》）。"
            ),
            (8, "三线", "三线一单"),
            (
                9,
                "若干意见",
                "金山区关于促进金融服务实体经济发展的若干意见（试行）"
            ),
        ])
    );
    let origins: Vec<_> = x
        .glossary
        .entries
        .iter()
        .map(|e| e.origin.as_deref())
        .collect();
    assert_eq!(
        origins,
        [
            Some("名词解释"),
            Some("名词解释"),
            Some("简称"),
            Some("以下简称")
        ]
    );
    assert_eq!(
        problems(&x),
        [
            (
                1,
                "term 一网通办 is already defined by entry 3 (line 5); the first is kept"
                    .to_string()
            ),
            (5, "entry numbered 3 where 1 was expected".to_string()),
            (6, "entry numbered 7 where 4 was expected".to_string()),
        ]
    );
}

#[test]
fn empty_and_plain_texts_give_empty_glossaries() {
    for text in [
        "",
        "\n\n",
        "2020 年金山区人民政府工作报告\n一、2019 年工作回顾\n",
    ] {
        let x = run(text);
        assert_eq!(x, Extraction::default(), "{text:?}");
    }
}

#[test]
fn crlf_line_ends() {
    let x = run("名词解释\r\n1. 双减半：是指\r\n减少一半。\r\n");
    assert_eq!(x.problems, []);
    assert_eq!(entries(&x), owned(&[(1, "双减半", "是指减少一半。")]));
}

// ---------------------------------------------------------------------------------------------
// Never fails

proptest::proptest! {
    /// Any text, built from the characters the parsers react to, gives a valid glossary without
    /// panicking, and every problem points at a line of the text.
    #[test]
    fn any_text_gives_a_valid_glossary(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "名词解释", "注释", "附：", "附件", "《", "》", "（", "）", "(", ")", "以下", "简称",
                "统称", "“", "”", "\"", "：", ":", "，", "。", "、", "1", "２", ".", "．", "一",
                "十", "百", "了", "关于", "甲", "乙", " ", "\n", "\n\n", "- 3 -", "第", "页",
            ]),
            0..80,
        )
    ) {
        let text = pieces.concat();
        let x = extract(&text);
        proptest::prop_assert!(x.glossary.validate().is_ok());
        let lines = text.lines().count();
        for p in &x.problems {
            proptest::prop_assert!(p.line >= 1 && p.line <= lines, "{p}");
        }
    }
}

#[test]
fn a_full_name_is_the_name_only() {
    // (sentence, term, definition)
    let cases = [
        // The verbs before a name are not part of it, nor is the 并 that joins the clause.
        (
            "区财政局并会同上海市金山区发展和改革委员会（以下简称区发改委）制定办法。",
            "区发改委",
            "上海市金山区发展和改革委员会",
        ),
        (
            "全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度（以下统称“三项制度”）。",
            "三项制度",
            "行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度",
        ),
        // A name that starts like a verb keeps it: 经 is the start of 经济.
        (
            "设立经济技术开发区（以下简称“经开区”），并与上海交通大学（以下简称“交大”）合作。",
            "经开区",
            "经济技术开发区",
        ),
    ];
    for (sentence, term, definition) in cases {
        let x = run(sentence);
        assert_eq!(x.problems, [], "{sentence}");
        assert_eq!(
            entries(&x)[0],
            (1, term.to_string(), definition.to_string()),
            "{sentence}"
        );
    }
    let x = run("设立经济技术开发区（以下简称“经开区”），并与上海交通大学（以下简称“交大”）合作。");
    assert_eq!(
        entries(&x)[1],
        (2, "交大".to_string(), "上海交通大学".to_string())
    );
}

#[test]
fn the_extracted_glossary_finds_what_the_builtin_finds() {
    // Aliases come from the headwords and the text: the body writes “1+7”政策体系 alone, the
    // definition of entry 5 writes 审批权限“三集中” and 审批流程“三集中”.
    let x = run(REPORT);
    let aliases: Vec<(u32, Vec<String>)> = x
        .glossary
        .entries
        .iter()
        .filter(|e| !e.aliases.is_empty())
        .map(|e| (e.id, e.aliases.clone()))
        .collect();
    assert_eq!(
        aliases,
        [
            (
                5,
                vec![
                    "审批权限“三集中”".to_string(),
                    "审批流程“三集中”".to_string()
                ]
            ),
            (9, vec!["“1+7”政策体系".to_string()]),
        ]
    );
    let extracted = zhgloss::Annotator::new(&x.glossary).unwrap();
    let builtin = zhgloss::Annotator::new(&Glossary::builtin()).unwrap();
    let body = &REPORT[..REPORT.find("\n名词解释").unwrap()];
    for (text, n) in [(body, 36), (REPORT, 67)] {
        let spans = |a: &zhgloss::Annotator| -> Vec<(u32, std::ops::Range<usize>)> {
            a.find_iter(text)
                .map(|m| (m.entry_id(), m.range()))
                .collect()
        };
        assert_eq!(spans(&extracted), spans(&builtin));
        assert_eq!(spans(&builtin).len(), n);
    }
}

#[test]
fn extracted_entries_get_short_glosses() {
    let x = run(REPORT);
    let gloss = |id: u32| x.glossary.entry(id).unwrap().gloss.clone().unwrap();
    // Short definitions: the definition without 是指 and its full stop.
    assert_eq!(
        gloss(24),
        "生态保护红线、环境质量底线、资源利用上线和生态环境准入清单"
    );
    // A definition explaining its parts: the parts' explanations.
    assert_eq!(
        gloss(2),
        "一个总门户；线上线下同步；全市通办、全网通办、一窗办理；只跑一次、一次办成"
    );
    // A long one: cut at the last boundary within reach, a cut list ending in 等.
    assert_eq!(
        gloss(6),
        "在社会投资项目具体事项办理的全过程中，由承担代办服务的主体为项目方提供前期指导咨询等"
    );
    for e in &x.glossary.entries {
        let g = e.gloss.as_deref().unwrap();
        assert!(g.chars().count() <= 49, "entry {}: {g}", e.id);
        assert!(
            e.definition
                .contains(g.trim_end_matches('等').split('；').next().unwrap()),
            "entry {}: {g}",
            e.id
        );
    }
}

#[test]
fn every_layout_on_short_texts() {
    // (text, (id, term, definition) expected, problems expected)
    type Case<'a> = (
        &'a str,
        &'a [(u32, &'a str, &'a str)],
        &'a [(usize, &'a str)],
    );
    let cases: [Case; 8] = [
        // A keyword with its term on the same line, the definition label alone.
        (
            "关键词：“瞪羚”企业\n名词解释\n指成长性好的高新技术企业。\n\n报告强调：培育瞪羚企业。\n",
            &[(1, "“瞪羚”企业", "指成长性好的高新技术企业。")],
            &[],
        ),
        // A news item's keywords, with no definition label after them, are no entry.
        (
            "关键词：一网通办、一网统管\n\n记者从区政府获悉。\n",
            &[],
            &[],
        ),
        // Unnumbered entries under a heading; a line break mid-sentence continues one.
        (
            "名词解释\n三线一单：是指生态保护红线、\n环境质量底线。\n两网融合：指两网的融合。\n",
            &[
                (1, "三线一单", "是指生态保护红线、环境质量底线。"),
                (2, "两网融合", "指两网的融合。"),
            ],
            &[],
        ),
        // Term lines under a heading.
        (
            "新词\n四个城市\n国家中心城市、世界文化名城。\n五绿润城\n加快建设天府绿道、锦城公园。\n",
            &[
                (1, "四个城市", "国家中心城市、世界文化名城。"),
                (2, "五绿润城", "加快建设天府绿道、锦城公园。"),
            ],
            &[],
        ),
        // Term lines without a heading need an announcement and two pairs.
        ("四个城市\n国家中心城市、世界文化名城。\n", &[], &[]),
        // 2. then 3、: a typo in the numbering, not a sub-item.
        (
            "名词解释\n1. 甲：是指甲。\n2. 乙：是指乙。\n3、丙：是指丙。\n",
            &[
                (1, "甲", "是指甲。"),
                (2, "乙", "是指乙。"),
                (3, "丙", "是指丙。"),
            ],
            &[],
        ),
        // Two `term：指…` paragraphs without a heading show themselves.
        (
            "今年的报告中出现了许多新提法。\n\n“十个一”：指一位市领导担任链长。\n\n“8+4”：指8个政策包和4张清单。\n\n记者 杨晨燕\n",
            &[
                (1, "“十个一”", "指一位市领导担任链长。"),
                (2, "“8+4”", "指8个政策包和4张清单。"),
            ],
            &[],
        ),
        // One such paragraph, unannounced, is a sentence of the body.
        ("市长说：指标要落实到人。\n", &[], &[]),
    ];
    for (text, want, want_problems) in cases {
        let x = run(text);
        assert_eq!(entries(&x), owned(want), "{text}");
        let got: Vec<(usize, &str)> = x
            .problems
            .iter()
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        assert_eq!(got, want_problems, "{text}");
    }
}

#[test]
fn sub_items_bylines_and_chapters_after_entries() {
    // （1） sub-items inside a `1.` entry stay in its definition, colons and all.
    let x = run(
        "名词解释\n1. 三线一单：是指以下三项。\n（1）生态保护红线：指红线。\n（2）环境质量底线：指底线。\n2. 双减半：是指减少一半。\n",
    );
    assert_eq!(x.problems, []);
    assert_eq!(
        entries(&x)[0].2,
        "是指以下三项。（1）生态保护红线：指红线。（2）环境质量底线：指底线。"
    );
    // A byline or the next chapter after the last entry is reported, not taken in.
    for tail in ["（记者 张三）", "二、2024年工作安排"] {
        let x = run(&format!(
            "名词解释\n1. 双减半：是指减少一半。\n\n{tail}\n今年要编制三线一单。\n"
        ));
        assert_eq!(
            entries(&x),
            owned(&[(1, "双减半", "是指减少一半。")]),
            "{tail}"
        );
        assert!(!x.problems.is_empty(), "{tail}");
    }
}

#[test]
fn a_gloss_never_leaves_a_bracket_open() {
    let x = run(
        "名词解释\n1. 红线：是指生态保护红线（包括自然保护区、风景名胜区、森林公园、地质公园、湿地公园、饮用水水源保护区等区域）的要求。\n",
    );
    let g = x.glossary.entries[0].gloss.clone().unwrap();
    let open = g.matches('（').count();
    assert_eq!(open, g.matches('）').count(), "{g}");
}
