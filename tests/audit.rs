//! The audit on the bundled report and on small cases.

use zhgloss::audit::{self, Finding, Kind};
use zhgloss::{Annotator, Entry, Glossary};

mod common;

use common::REPORT;

/// The report's body: the text before the line 名词解释, where the glossary begins.
fn body() -> &'static str {
    common::body(REPORT)
}

fn annotator() -> Annotator {
    Annotator::new(&Glossary::builtin()).unwrap()
}

fn body_findings() -> Vec<Finding> {
    audit::audit(&annotator(), body())
}

fn find<'f>(findings: &'f [Finding], expression: &str) -> Option<&'f Finding> {
    findings.iter().find(|f| f.expression == expression)
}

/// Folds like the annotator: no whitespace, no quote marks, full-width ASCII as ASCII.
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !"“”‘’「」『』\"".contains(*c))
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The report body.

#[test]
fn issue_examples_are_reported_with_counts() {
    let findings = body_findings();
    // The issue's examples that are local coinages (四个意识, 两个维护, 六稳, 四风 and 十三五 are
    // national phrases, which the audit no longer lists: see national_phrases_are_not_reported).
    let expected = [
        ("两区一堡", 2),
        ("三区", 2),
        ("五地", 2),
        ("三个金山", 1),
        ("四大品牌", 1),
        ("三化一同步", 2),
        ("四不两直", 1),
        ("40条", 2),
    ];
    for (expression, count) in expected {
        let f = find(&findings, expression).unwrap_or_else(|| panic!("{expression} not reported"));
        assert_eq!(f.kind, Kind::Numeric, "{expression}");
        assert_eq!(f.count, count, "{expression}");
    }
}

/// Every numeric finding on the body, in order: a regression guard for the rules. Each was judged
/// by hand a local slogan. (四大产业 and 两大化工, cut short of 四大产业集群 and 两大化工基地, are
/// no longer listed: without quotes the end of the noun is a guess, and a cut piece is worse than
/// none. 两化融合, 十三五, 四个意识, 四个自信, 两个维护, 六稳 and 四风 are national phrases.)
#[test]
fn numeric_findings_on_the_body() {
    let numeric: Vec<String> = body_findings()
        .into_iter()
        .filter(|f| f.kind == Kind::Numeric)
        .map(|f| f.expression)
        .collect();
    assert_eq!(
        numeric,
        [
            "两区一堡",
            "三区",
            "五地",
            "40条",
            "一村一品",
            "四大功能",
            "三个金山",
            "四个论英雄",
            "四大品牌",
            "一品一策一方案",
            "一件事一次办",
            "27条",
            "一街一园一平台",
            "三化一同步",
            "四不两直",
            "四责协同",
        ]
    );
}

#[test]
fn quoted_coinages_are_the_second_class() {
    let findings = body_findings();
    for expression in ["一网统管", "氢源碳谷", "文化走亲", "一窗通", "最多跑一次"]
    {
        let f = find(&findings, expression).unwrap_or_else(|| panic!("{expression} not reported"));
        assert_eq!(f.kind, Kind::Quoted, "{expression}");
    }
}

#[test]
fn national_phrases_are_not_reported() {
    let text = body();
    let findings = body_findings();
    for phrase in [
        "十三五",
        "四个意识",
        "四个自信",
        "两个维护",
        "六稳",
        "四风",
        "两化融合",
    ] {
        assert!(text.contains(phrase), "{phrase} is not in the body");
        assert!(find(&findings, phrase).is_none(), "{phrase} reported");
    }
}

/// Figures of speech, ordinary words and names in quotes are not coinages.
#[test]
fn figures_and_names_in_quotes_are_not_reported() {
    let text = body();
    let findings = body_findings();
    for not in [
        "牛鼻子",
        "硬骨头",
        "紧日子",
        "苦日子",
        "好日子",
        "造血",
        "利奇马",
        "金山杯",
        "上海品牌",
        "上海制造",
    ] {
        assert!(
            text.contains(&format!("“{not}”")),
            "{not} is not quoted in the body"
        );
        assert!(find(&findings, not).is_none(), "{not} reported");
    }
}

#[test]
fn every_finding_says_why() {
    for f in body_findings() {
        let shape = match f.kind {
            Kind::Numeric => ["numeral", "Arabic numbers"]
                .iter()
                .any(|w| f.why.contains(w)),
            Kind::Quoted => f.why.starts_with("quoted"),
            Kind::Heading => f.why.contains("line of its own"),
        };
        assert!(shape, "{}: {:?} {}", f.expression, f.kind, f.why);
    }
}

#[test]
fn no_defined_term_is_reported() {
    let ann = annotator();
    let text = body();
    let explained: Vec<_> = ann.find_iter(text).map(|m| m.range()).collect();
    // The body uses most of the 29 terms; the test would prove nothing otherwise.
    assert!(explained.len() >= 29, "{} matches", explained.len());
    let findings = audit::audit(&ann, text);
    let forms: Vec<String> = ann
        .glossary()
        .entries
        .iter()
        .flat_map(|e| e.surface_forms().map(fold))
        .collect();
    for f in &findings {
        assert!(
            !forms.contains(&f.expression),
            "{} is a glossary term",
            f.expression
        );
        for m in &explained {
            assert!(
                f.first.end <= m.start || m.end <= f.first.start,
                "{} overlaps the glossary match {:?}",
                f.expression,
                &text[m.clone()]
            );
        }
    }
    // The numeric glossary terms by name, in case a rule and the glossary disagree.
    for term in [
        "三张清单",
        "双减半",
        "双一百",
        "三集中",
        "金10条",
        "田园五镇",
        "1+7",
        "四好农村路",
        "五步工作法",
        "四位一体",
        "3",
        "1+4+4+8",
        "三高一低",
        "六个一",
        "双随机、一公开",
        "三个百里",
        "一网一平台",
        "三个美丽",
        "两网融合",
        "三线一单",
        "三监联动",
        "四纵四横",
        "1+4+4",
        "11157",
        "三项制度",
        "一网通办",
    ] {
        assert!(find(&findings, &fold(term)).is_none(), "{term} reported");
    }
}

#[test]
fn no_quantity_is_reported() {
    let text = body();
    let findings = body_findings();
    let quantities = [
        "2019 年",
        "6.7%",
        "37 微克/立方米",
        "500 个",
        "1.6万个",
        "第三届",
        "三年行动计划",
        "一批",
        "一体化",
        "统一",
        "一般",
        "新增 31 个",
        "6 个项目",
        "八个方面",
        "十九大",
        "十九届二中",
        "六届人大四次",
        "第七轮",
        "二工区",
        "一二三产业",
        "千方百计",
        "3.0 版",
        "5G",
        "PM2.5",
        "G320",
        "长三角一体化",
        "百岳特二期",
    ];
    for q in quantities {
        let mut at = 0;
        let mut seen = false;
        while let Some(i) = text[at..].find(q) {
            let span = at + i..at + i + q.len();
            seen = true;
            for f in &findings {
                assert!(
                    f.first.end <= span.start || span.end <= f.first.start,
                    "{} reported inside the quantity {q}",
                    f.expression
                );
            }
            at = span.end;
        }
        assert!(seen, "{q} is not in the body");
    }
    // Arabic numerals only in the quoted policy names.
    let arabic: Vec<&str> = findings
        .iter()
        .filter(|f| f.expression.chars().any(|c| c.is_ascii_digit()))
        .map(|f| f.expression.as_str())
        .collect();
    assert_eq!(arabic, ["40条", "27条"]);
}

#[test]
fn titles_and_quoted_speech_are_not_reported() {
    let findings = body_findings();
    for not in [
        "髓愿",
        "优化营商环境条例",
        "守初心、担使命，找差距、抓落实",
        "不忘初心、牢记使命",
        "美环境、种风景、植文化",
    ] {
        assert!(find(&findings, not).is_none(), "{not} reported");
    }
}

#[test]
fn spans_lines_and_sentences_point_at_the_first_use() {
    let text = body();
    let findings = body_findings();
    assert!(
        findings
            .windows(2)
            .all(|w| w[0].first.start < w[1].first.start)
    );
    for f in &findings {
        let raw = &text[f.first.clone()];
        assert_eq!(fold(raw), f.expression);
        let line_start = text[..f.first.start].rfind('\n').map_or(0, |i| i + 1);
        let nth_line = text.lines().nth(f.line - 1).unwrap();
        assert!(text[line_start..].starts_with(nth_line), "{}", f.expression);
        let sentence_folded = fold(&f.sentence);
        assert!(
            sentence_folded.contains(&f.expression),
            "{} not in {}",
            f.expression,
            f.sentence
        );
        assert!(!f.sentence.contains('\n'));
    }
    // A sentence is quoted up to 120 characters on each side of the expression, with … where
    // it is cut: 两区一堡's sentence runs 435 characters, 146 of them after it.
    let f = find(&findings, "两区一堡").unwrap();
    let start = REPORT.find("过去一年，我们在以习近平同志").unwrap();
    let end = REPORT.find("主要目标任务。").unwrap() + "主要目标任务。".len();
    let whole: String = REPORT[start..end].chars().filter(|&c| c != '\n').collect();
    let at = whole.find("“两区一堡”").unwrap() + "“".len();
    let before: Vec<char> = whole[..at].chars().collect();
    let after: Vec<char> = whole[at + "两区一堡".len()..].chars().collect();
    assert!(before.len() <= 120 && after.len() > 120);
    let expected = format!(
        "{}两区一堡{}…",
        before.iter().collect::<String>(),
        after[..120].iter().collect::<String>()
    );
    assert_eq!(f.sentence, expected);
    // The second use of 三个金山's sentence starts on one printed line and ends on the next.
    let f = find(&findings, "三个金山").unwrap();
    assert!(f.sentence.contains("社会大局稳定"), "{}", f.sentence);
}

// ---------------------------------------------------------------------------------------------
// Small cases.

/// `(text, expected expressions with kinds)` through the built-in glossary.
const CASES: &[(&str, &[(&str, Kind)])] = &[
    // Glossary terms in every form the annotator matches.
    ("深化政务服务“一网\n通办”", &[]),
    ("出台“金 １0 条”实施细则", &[]),
    ("审批流程“三集中”实现全覆盖", &[]),
    ("3 个“3”服务工作", &[]),
    ("制定“1+7”政策体系", &[]),
    ("聚焦“1+4+4+8”新型产业体系", &[]),
    ("推进“11157”工程", &[]),
    ("三线一单", &[]),
    // A glossary term's part the annotator does not match on its own is unexplained here.
    ("实现“三集中”", &[("三集中", Kind::Numeric)]),
    // Numeric slogans.
    ("按照“两区一堡”战略定位", &[("两区一堡", Kind::Numeric)]),
    (
        "全面做好“六稳”“六保”工作，落实“三区”“五地”",
        &[("三区", Kind::Numeric), ("五地", Kind::Numeric)],
    ),
    ("民营经济“２７ 条”", &[("27条", Kind::Numeric)]),
    // National phrases: the five-year plans, 两化融合.
    ("十四五时期，“十三五”规划", &[]),
    ("坚持四不两直，推进两化融合", &[("四不两直", Kind::Numeric)]),
    // A numeral name without quotes is whole, or not listed.
    ("推动六大强农等工作", &[("六大强农", Kind::Numeric)]),
    ("建设三大经济区的枢纽", &[("三大经济区", Kind::Numeric)]),
    (
        "实施幸福美好生活十大工程项目115个",
        &[("幸福美好生活十大工程", Kind::Numeric)],
    ),
    ("四大产业集群实现产值 950 亿元", &[]),
    // Explained in place: a list right before, （即…）, 是指, a colon.
    ("深入实施生态提效、乡村提质、农民增收“三大行动”", &[]),
    ("实现疫情防控和经济增长“双胜利”", &[]),
    (
        "打造“五个一批”（即谋划一批、签约一批、开工一批、投产一批、达效一批）",
        &[],
    ),
    ("“两重”指国家重大战略实施和重点领域安全能力建设", &[]),
    (
        "“1354”总体思路：一个定位、三个坚持、五个重点、四个新郯城。",
        &[],
    ),
    // Counts of measures that say what they count, titles.
    ("出台“12条措施”，制定“24条”", &[("24条", Kind::Numeric)]),
    ("黄花镇系“三湘第一镇”，蝉联“中国最具幸福感城市”", &[]),
    // Headings: a slogan-shaped line of its own.
    (
        "（三）五绿润城\n加快建设龙泉山城市森林公园。\n百千工程\n打造示范村。",
        &[("五绿润城", Kind::Heading), ("百千工程", Kind::Heading)],
    ),
    ("一、2020年主要工作回顾\n第五次会议上\n", &[]),
    // Coinages, with evidence that they name a programme.
    ("统筹推进“氢源碳谷”", &[("氢源碳谷", Kind::Quoted)]),
    ("城市运行“一网统管”", &[("一网统管", Kind::Quoted)]),
    ("大力实施“强省会”战略", &[("强省会", Kind::Quoted)]),
    (
        "全面推行“龙港码”+“安居码”",
        &[("龙港码", Kind::Quoted), ("安居码", Kind::Quoted)],
    ),
    (
        "打造城乡环境卫生“同标同质同效”示范点位",
        &[("同标同质同效", Kind::Quoted)],
    ),
    // Traditional script is kept in the expression.
    (
        "縣委“1354”總體思路，大力實施“強省會”戰略",
        &[("1354", Kind::Numeric), ("強省會", Kind::Quoted)],
    ),
    // Figures of speech, descriptions, names and ordinary words in quotes.
    ("为全市改革提供了“武昌样板”，展现了“安居速度”", &[]),
    ("水果湖地区“端庄大气”，创建“美丽街区”30个", &[]),
    ("实施“文艺再攀高峰”工程，构建“品牌IP+成都衍生品”产业链", &[]),
    ("成功抵御台风“利奇马”，开展“敲门”行动", &[]),
    (
        "提供“一站式”服务，打响“金山如画”文旅品牌，争当“店小二”",
        &[],
    ),
    ("建成“24小时自助服务区”，打造“15分钟生活圈”", &[]),
    // Never.
    ("2019 年增长 6.7%，浓度 37 微克/立方米", &[]),
    ("新增 3 个，建设不少于 500 个，1.6 万个", &[]),
    ("第三届进口博览会，三年行动计划", &[]),
    ("一是稳增长，二是促改革，一批项目，一系列举措", &[]),
    ("一体化，统一，一般性支出，千方百计", &[]),
    ("贯彻《优化营商环境条例》", &[]),
    ("他说“我们要坚持下去，决不回头”", &[]),
];

#[test]
fn cases() {
    let ann = annotator();
    for (text, want) in CASES {
        let got: Vec<(String, Kind)> = audit::audit(&ann, text)
            .into_iter()
            .map(|f| (f.expression, f.kind))
            .collect();
        let want: Vec<(String, Kind)> = want.iter().map(|&(e, k)| (e.to_string(), k)).collect();
        assert_eq!(got, want, "in {text:?}");
    }
}

/// A text's own glossary explains its headwords and the quoted parts of its definitions, in the
/// text's layouts: numbered `term：definition` lines without a heading, sub-terms inside a
/// definition, quoted headwords used in the lead paragraph.
#[test]
fn the_texts_own_glossary_explains() {
    let text = "\
全面落实“1354”总体思路，大力实施“瞪羚企业”培育，推进“四减四增”，做强“五大主导产业”。

1.“1354”总体思路：一个定位：打造对接长三角“三步走”先行区；三个坚持；五个重点；四个新郯城。
3.瞪羚企业：创业后跨过死亡谷，进入高成长期的中小企业。
5.四减四增：减少过剩和落后产业，增加新的增长动能。
8.四雁：“头雁”：农村村党组织书记；“归雁”：在外创业人员。
“两重、两新”：“两重”指国家重大战略实施和重点领域安全能力建设政策。
";
    let found: Vec<String> = audit::audit(&annotator(), text)
        .into_iter()
        .map(|f| f.expression)
        .collect();
    assert_eq!(found, ["五大主导产业"]);
}

/// The report in traditional script gives the same findings, in its own script: the rules read
/// traditional characters as simplified ones.
#[test]
fn traditional_script_finds_the_same() {
    let simplified = body_findings();
    let traditional = audit::audit(&annotator(), common::body(common::TRADITIONAL));
    let shape = |f: &Finding| (f.kind, f.count, f.line, f.expression.chars().count());
    assert_eq!(
        traditional.iter().map(shape).collect::<Vec<_>>(),
        simplified.iter().map(shape).collect::<Vec<_>>()
    );
    // And in its own script: 兩區一堡, not 两区一堡.
    assert_eq!(traditional[0].expression, "兩區一堡");
}

#[test]
fn counts_include_unquoted_uses() {
    let ann = annotator();
    let f = audit::audit(&ann, "统筹推进“氢源碳谷”建设。氢源碳谷加快集聚。");
    assert_eq!((f[0].expression.as_str(), f[0].count), ("氢源碳谷", 2));
    // The first use is the first in the text, even when only a later one has quotes.
    let text = "建设氢源碳谷。统筹推进“氢源碳谷”。";
    let f = audit::audit(&ann, text);
    assert_eq!((f[0].count, f[0].first.clone()), (2, 6..18));
    assert_eq!(f[0].sentence, "建设氢源碳谷。");
}

#[test]
fn a_larger_glossary_explains_more() {
    let mut g = Glossary::builtin();
    let mine = Glossary {
        entries: vec![Entry::new(101, "一网统管", "是指城市运行一网统管。")],
        ..Glossary::default()
    };
    g.merge(mine).unwrap();
    let ann = Annotator::new(&g).unwrap();
    assert!(find(&audit::audit(&ann, body()), "一网统管").is_none());
    assert!(find(&audit::audit(&ann, body()), "氢源碳谷").is_some());
}

#[test]
fn empty_and_plain_texts() {
    let ann = annotator();
    assert!(audit::audit(&ann, "").is_empty());
    assert!(audit::audit(&ann, "经济总量平稳增长。").is_empty());
    assert_eq!(
        audit::table(&[]),
        "expression  kind  count  line  sentence  why\n"
    );
    assert_eq!(audit::json(&[]), r#"{"findings":[]}"#);
}

// ---------------------------------------------------------------------------------------------
// Output.

/// Terminal columns of a string, CJK and full-width at 2 (an independent count for the test).
fn columns(s: &str) -> usize {
    s.chars()
        .map(|c| match c {
            '\u{2E80}'..='\u{9FFF}' | '\u{FF00}'..='\u{FF60}' => 2,
            _ => 1,
        })
        .sum()
}

#[test]
fn table_columns_line_up() {
    let table = audit::table(&body_findings());
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), body_findings().len() + 1);
    // The column where "kind" starts is the same on every line.
    let kind_at = |line: &str| {
        let i = line
            .find("numeric")
            .or_else(|| line.find("quoted"))
            .or_else(|| line.find("kind"))
            .unwrap();
        columns(&line[..i])
    };
    let first = kind_at(lines[0]);
    assert!(lines.iter().all(|l| kind_at(l) == first), "{table}");
    // And the sentence column.
    let sentence_at = |line: &str| {
        let mut cols = 0;
        let mut fields = 0;
        let mut in_space = false;
        for c in line.chars() {
            if c == ' ' {
                in_space = true;
            } else {
                if in_space || cols == 0 {
                    fields += 1;
                }
                in_space = false;
                if fields == 5 {
                    return cols;
                }
            }
            cols += columns(c.encode_utf8(&mut [0; 4]));
        }
        cols
    };
    let first = sentence_at(lines[0]);
    assert!(lines.iter().all(|l| sentence_at(l) == first), "{table}");
}

#[test]
fn json_has_the_documented_shape() {
    let findings = body_findings();
    let v: serde_json::Value = serde_json::from_str(&audit::json(&findings)).unwrap();
    let list = v["findings"].as_array().unwrap();
    assert_eq!(list.len(), findings.len());
    let first = &list[0];
    assert_eq!(first["expression"], "两区一堡");
    assert_eq!(first["kind"], "numeric");
    assert_eq!(first["count"], 2);
    let (start, end) = (
        first["start"].as_u64().unwrap() as usize,
        first["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&body()[start..end], "两区一堡");
    assert!(first["line"].as_u64().unwrap() > 1);
    assert!(first["sentence"].as_str().unwrap().contains("“两区一堡”"));
    assert!(list.iter().any(|f| f["kind"] == "quoted"));
    assert!(!audit::json(&findings).contains('\n'));
}
