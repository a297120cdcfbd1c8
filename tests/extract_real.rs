//! Extracting glossaries from real glossary sections and notices of other places (tests/data/glossaries/,
//! sources in its README): every layout they use, each refusal, and the passages that only
//! speak of a glossary without holding one.

use zhgloss::Glossary;
use zhgloss::extract::{Extraction, extract};

fn passage(name: &str) -> String {
    let path = format!(
        "{}/tests/data/glossaries/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Extracts and checks what every extraction keeps: a valid glossary, no pinyin annotation
/// left, every entry with a short gloss.
fn run(text: &str) -> Extraction {
    let x = extract(text);
    x.glossary.validate().unwrap();
    for e in &x.glossary.entries {
        for s in [&e.term, &e.definition] {
            assert!(
                !s.contains("(b") && !s.contains("(d") && !s.contains("(j"),
                "pinyin left in {s}"
            );
        }
        let gloss = e.gloss.as_deref().expect("a derived gloss");
        assert!(!gloss.is_empty() && gloss.chars().count() <= 49, "{gloss}");
    }
    x
}

fn terms(x: &Extraction) -> Vec<(u32, &str)> {
    x.glossary
        .entries
        .iter()
        .map(|e| (e.id, e.term.as_str()))
        .collect()
}

fn problems(x: &Extraction) -> Vec<(usize, &str)> {
    x.problems
        .iter()
        .map(|p| (p.line, p.message.as_str()))
        .collect()
}

/// The same text with the full-width punctuation the live pages have (the stored copies hold
/// ASCII `:,;()`).
fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            ':' => '：',
            ',' => '，',
            ';' => '；',
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect()
}

/// Runs `check` on the passage as stored and with full-width punctuation.
fn both_widths(name: &str, check: impl Fn(&Extraction, bool)) {
    let text = passage(name);
    check(&run(&text), false);
    check(&run(&full_width(&text)), true);
}

#[test]
fn a_numbered_list_without_heading_announced_by_its_lead() {
    // 郯城 (大众网): "24个名词解释方便大家读懂" in the lead, then 1.“1354”总体思路:… with no
    // heading, definitions without 指.
    both_widths("01-tancheng-24-mingci-jieshi.txt", |x, _| {
        assert_eq!(
            terms(x),
            [
                (1, "“1354”总体思路"),
                (2, "专精特新“小巨人”企业"),
                (3, "瞪羚企业"),
                (4, "“专精特新”中小企业"),
                (5, "四减四增"),
                (6, "四化融合"),
                (7, "百千工程"),
                (8, "四雁"),
            ]
        );
        assert_eq!(problems(x), []);
        let e = x.glossary.entry(5).unwrap();
        assert!(e.definition.starts_with("减少过剩和落后产业"));
    });
    // Without the lead, and without 指 in most definitions, a numbered list is the body's.
    let text = passage("01-tancheng-24-mingci-jieshi.txt");
    let no_lead = &text[text.find("1.“1354”").unwrap()..];
    assert_eq!(run(no_lead).glossary.entries, []);
    // With 指 in most definitions, it shows itself.
    let marked = no_lead
        .replace(":一个定位", ":指一个定位")
        .replace(":“专精特新”", ":指“专精特新”")
        .replace(":创业后", ":指创业后")
        .replace(":具有", ":指具有");
    assert_eq!(run(&marked).glossary.entries.len(), 8);
}

#[test]
fn keyword_and_definition_label_pairs() {
    // 菏泽 (齐鲁晚报): 关键词: / the term / 名词解释:指… / 报告强调:… (the report's own words, no
    // part of the definition). The third pair is cut where the stored page ends.
    both_widths("02-heze-2020-guanjianci-mingci-jieshi.txt", |x, _| {
        assert_eq!(terms(x), [(1, "“瞪羚”企业"), (2, "“231”特色产业体系")]);
        let d = &x.glossary.entry(2).unwrap().definition;
        assert!(d.starts_with("指菏泽市立足产业基础"), "{d}");
        assert!(d.ends_with("“新兴产业集群”。"), "{d}");
        assert_eq!(problems(x), [(29, "term has no definition after it")]);
    });
}

#[test]
fn unnumbered_term_zhi_paragraphs_under_a_headline() {
    // 平湖 (嘉兴日报): “十个一”:指… paragraphs after a lead about 新名词, one term unquoted
    // (七大领域), one defining two parts (“两重”指…;“两新”指…).
    both_widths("03-pinghu-2025-xinci-xinyu.txt", |x, wide| {
        assert_eq!(
            terms(x),
            [
                (1, "“十个一”"),
                (2, "“两重、两新”"),
                (3, "“8+4”"),
                (4, "七大领域"),
                (5, "“双元六共”"),
                (6, "“民声一键办”"),
            ]
        );
        assert_eq!(problems(x), []);
        let two = x.glossary.entry(2).unwrap();
        let sep = if wide { '；' } else { ';' };
        assert_eq!(
            two.definition.split(sep).next().unwrap(),
            "“两重”指国家重大战略实施和重点领域安全能力建设政策"
        );
        // The gloss of a definition that explains its parts is the parts' explanations.
        assert_eq!(
            two.gloss.as_deref(),
            Some("国家重大战略实施和重点领域安全能力建设政策")
        );
    });
}

#[test]
fn term_lines_and_definition_lines_in_traditional_script() {
    // 成都 (川观新闻, a traditional-script mirror): a term on its own line, its definition on the
    // next, no number, no colon, after a lead about 新詞. The script is kept. The last term's
    // definition is beyond the stored excerpt: a warning, not a guess.
    both_widths("04-chengdu-2021-xinci-term-newline-def.txt", |x, _| {
        assert_eq!(
            terms(x),
            [
                (1, "四個城市"),
                (2, "青山綠道藍網"),
                (3, "幸福美好生活十大工程"),
                (4, "五綠潤城"),
                (5, "塑料污染防治“十大行動”"),
            ]
        );
        assert_eq!(
            x.glossary.entry(1).unwrap().definition,
            "國家中心城市、美麗宜居公園城市、國際門戶樞紐城市、世界文化名城。"
        );
        assert_eq!(problems(x), [(15, "term has no definition after it")]);
    });
}

#[test]
fn a_traditional_heading_with_pinyin_and_ji_definitions() {
    // 庆元 (a mirror of 中国庆元网): 附件2 / 《政府工作報(bào)告》名詞解釋, 1、“三品”:即…, pinyin
    // inserted after characters everywhere. Pinyin is removed; script and 即 are kept.
    both_widths(
        "05-qingyuan-2014-mingci-jieshi-trad-pinyin-ji.txt",
        |x, _| {
            assert_eq!(
                terms(x),
                [
                    (1, "“三個不動搖、三個進一步、三個不松手”"),
                    (2, "“三品”"),
                    (3, "“六個一”工程"),
                    (4, "河長制"),
                    (5, "“天網”工程"),
                    (6, "“五臺合一”"),
                    (7, "“2235”發展目標"),
                ]
            );
            assert_eq!(problems(x), []);
            assert_eq!(
                x.glossary.entry(2).unwrap().definition,
                "即無公害農產品、綠色食品和有機農產品。"
            );
            assert_eq!(
                x.glossary.entry(2).unwrap().gloss.as_deref(),
                Some("無公害農產品、綠色食品和有機農產品")
            );
        },
    );
}

#[test]
fn a_dotted_list_under_a_title_heading() {
    // A Shanxi report (bx2200.com mirror): 《政府工作报告》名词解释, 1. to 11., unquoted terms with
    // a bracketed abbreviation (地区生产总值(GDP)) and with + (承诺制+标准地+全代办).
    both_widths("06-shanxi-bx2200-mingci-jieshi-dot.txt", |x, wide| {
        let got = terms(x);
        assert_eq!(got.len(), 11);
        let gdp = if wide {
            "地区生产总值（GDP）"
        } else {
            "地区生产总值(GDP)"
        };
        assert_eq!(got[0], (1, gdp));
        assert_eq!(got[9], (10, "三化三制"));
        assert_eq!(got[10], (11, "承诺制+标准地+全代办"));
        assert_eq!(problems(x), []);
        // A long definition's gloss ends at a clause boundary, not inside a list item.
        let g = x.glossary.entry(2).unwrap().gloss.clone().unwrap();
        assert_eq!(
            g,
            "以货币形式表现的、企业在一定时期内建造和购置固定资产的工作量以及与此有关的费用变化情况"
        );
    });
}

#[test]
fn chinese_numbers_and_term_comma_zhi() {
    // 融安县人民政府网: the heading “七个一批”名词解释, a lead, then 一、谋划项目,指…; entries with
    // a comma before 指 instead of a colon.
    both_widths("07-rongan-2025-qigeyipi-yi-er-san.txt", |x, _| {
        assert_eq!(
            terms(x),
            [
                (1, "谋划项目"),
                (2, "洽谈项目"),
                (3, "签约项目"),
                (4, "开工项目"),
                (5, "建设项目"),
                (6, "投产项目"),
                (7, "达产项目"),
            ]
        );
        assert!(
            x.glossary
                .entries
                .iter()
                .all(|e| e.definition.starts_with('指'))
        );
        assert_eq!(problems(x), []);
    });
}

#[test]
fn a_term_glossed_in_place_with_ji() {
    // 泉州 (a traditional-script mirror): “五個一批”(即謀劃一批、…) in running text.
    both_widths("10-quanzhou-trad-mirror-inline-ji-gloss.txt", |x, _| {
        assert_eq!(terms(x), [(1, "五個一批")]);
        let e = &x.glossary.entries[0];
        assert_eq!(
            e.definition,
            "即謀劃一批、簽約一批、開工一批、投產一批、增資一批"
        );
        assert_eq!(e.origin.as_deref(), Some("即"));
        assert_eq!(x.problems, []);
    });
}

#[test]
fn a_glossary_retold_in_running_text() {
    // 东北网: 名词注解上看到:粮食企业“三老”问题,是指老人、老账、老粮;两免一补,是指…; and the
    // terms it names without definitions (“两江一湖”…) are left alone.
    both_widths(
        "08-heilongjiang-2006-mingci-zhujie-news-inline.txt",
        |x, _| {
            assert_eq!(
                terms(x),
                [
                    (1, "粮食企业“三老”问题"),
                    (2, "两免一补"),
                    (3, "“双高普九”")
                ]
            );
            assert_eq!(x.glossary.entries[0].definition, "是指老人、老账、老粮");
            assert!(
                x.glossary
                    .entries
                    .iter()
                    .all(|e| e.origin.as_deref() == Some("是指"))
            );
            assert_eq!(x.problems, []);
        },
    );
    // One such clause is a sentence, not a glossary.
    let x = run("记者在名词注解上看到：两免一补，是指免除杂费、书本费。\n");
    assert_eq!(x.glossary.entries, []);
}

#[test]
fn pages_that_only_speak_of_a_glossary_give_nothing() {
    // 福建: news about a report's 名词解释单 / 名词注解, quoting terms without their
    // definitions. 天元区: a 解读 article whose headings (指导思想, 发展目标) are no glossary.
    for name in [
        "09-tianyuan-zhuzhou-2016-jiedu-heading-then-lines.txt",
        "12-fujian-2009-negative-zhujie-mention-no-entries.txt",
    ] {
        both_widths(name, |x, _| {
            assert_eq!(x.glossary.entries, [], "{name}");
            assert_eq!(x.problems, [], "{name}");
        });
    }
}

#[test]
fn glossaries_of_two_reports_merge_with_the_builtin() {
    // Both number from 1; the later one given wins a form both claim.
    let mut g = Glossary::builtin();
    for name in [
        "01-tancheng-24-mingci-jieshi.txt",
        "03-pinghu-2025-xinci-xinyu.txt",
    ] {
        let mut x = run(&passage(name)).glossary;
        x.source = name.to_string();
        assert_eq!(g.merge_override(x).unwrap(), []);
    }
    assert_eq!(g.entries.len(), 29 + 8 + 6);
    let ann = zhgloss::Annotator::new(&g).unwrap();
    let text = "落实“1354”总体思路，推行“十个一”，推进一网通办。";
    let found: Vec<(String, u32)> = ann
        .find_iter(text)
        .map(|m| {
            let e = ann.entry(&m);
            (e.glossary.clone().unwrap(), e.id)
        })
        .collect();
    assert_eq!(
        found,
        [
            ("01-tancheng-24-mingci-jieshi.txt".to_string(), 1),
            ("03-pinghu-2025-xinci-xinyu.txt".to_string(), 1),
            (Glossary::builtin().label(1), 2),
        ]
    );
}

#[test]
fn an_official_notice_defines_its_short_name_inline() {
    // 沪府办〔2020〕59号 (shanghai.gov.cn): 决定成立上海市新城规划建设推进协调领导小组(以下简称
    // “领导小组”). The full name holds 推进, which cuts no name; the `组 长:龚 正` lines after it
    // are colon-shaped but no glossary.
    both_widths("13-shanghai-2020-inline-jiancheng-notice.txt", |x, _| {
        assert_eq!(terms(x), [(1, "领导小组")]);
        let e = &x.glossary.entries[0];
        assert_eq!(e.definition, "上海市新城规划建设推进协调领导小组");
        assert_eq!(e.origin.as_deref(), Some("以下简称"));
        assert_eq!(x.problems, []);
    });
}

#[test]
fn a_report_defines_a_title_inline_and_is_scoped_where_it_was_issued() {
    // 浦东新区 2022 report (a forum's repost): 全力贯彻落实《中共中央国务院关于…的意见》(以下简称
    // 《引领区意见》). The title is the full name, without its 《》.
    both_widths("14-pudong-2022-report-inline-title.txt", |x, _| {
        assert_eq!(terms(x), [(1, "引领区意见")]);
        let e = &x.glossary.entries[0];
        assert_eq!(
            e.definition,
            "中共中央国务院关于支持浦东新区高水平改革开放打造社会主义现代化建设引领区的意见"
        );
        let scope = e.scope.as_ref().expect("the report names its issuer");
        assert_eq!(scope.places, ["上海市浦东新区"]);
        assert_eq!(x.problems, []);
    });
}
