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
    let x = run("正文。\n名词解释\n\n（无）\n");
    assert_eq!(
        problems(&x),
        [
            (2, "glossary section has no numbered entries".to_string()),
            (
                4,
                "text before the first entry of the 名词解释 section".to_string()
            ),
        ]
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
    let styles: [(&str, &str, [u32; 2]); 14] = [
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
6. 三高一低：是指高投入。
";
    let x = run(text);
    assert_eq!(
        entries(&x),
        owned(&[
            (1, "三张清单", "是指三张清单。"),
            (6, "三高一低", "是指高投入。")
        ])
    );
    let want: Vec<Problem> = [
        (
            2,
            "说明：按出现先后排列。",
            "text before the first entry of the 名词解释 section",
        ),
        (
            5,
            "2. 一网通办是指一个总门户，服务事项一口进出。",
            "entry has no ： or : between term and definition",
        ),
        (
            7,
            "3. ：是指没有词条。",
            "entry has no term before its colon",
        ),
        (8, "4. 双一百：", "entry has no definition after its colon"),
        (
            9,
            "6. 三高一低：是指高投入。",
            "entry numbered 6 where 5 was expected",
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
        x.problems[1].to_string(),
        "line 5: entry has no ： or : between term and definition: 2. 一网通办是指一个总门户，服务事项一口进出。"
    );
}

#[test]
fn conflicting_section_entries_keep_the_first() {
    let text = "名词解释\n1. 一网通办：是指甲。\n2. 一网 通办：是指乙。\n3. 双减半：是指丙。\n3. 双一百：是指丁。\n";
    let x = run(text);
    // A rejected entry does not hold on to its number.
    assert_eq!(
        entries(&x),
        owned(&[(1, "一网通办", "是指甲。"), (3, "双减半", "是指丙。")])
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
                "entry number 3 is used twice (first on line 4); the first is kept".to_string()
            ),
        ]
    );
}

#[test]
fn a_second_section_continues_after_the_first() {
    let text = "名词解释\n1. 甲：是指甲。\n注释\n1. 乙：是指乙。\n";
    let x = run(text);
    assert_eq!(entries(&x), owned(&[(1, "甲", "是指甲。")]));
    assert_eq!(
        problems(&x),
        [(
            4,
            "entry number 1 is used twice (first on line 2); the first is kept".to_string()
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
            "廊下镇和吕巷镇",
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
