//! Tables of cases for every matching rule, each run on every engine under both option sets,
//! in the style of `aho-corasick`'s `testcombo!`.
//!
//! A case names a glossary (entry `i + 1` has the surface forms `terms[i]`, separated by `|`;
//! [`BUILTIN`] is the built-in glossary), a haystack, and the `(entry, matched text)` pairs a
//! search must find. [`EVERY_FOLDING`] holds whatever the options; [`DEFAULT_FOLDING`] needs
//! traditional script and numeral spellings on, [`EXACT_FOLDING`] off. Each test below runs
//! its tables on one engine and option set and reports every case that fails, not only the
//! first.

mod common;

use common::{Folding, annotator, found, glossary};
use zhgloss::{Engine, Glossary};

/// A case: the glossary's terms, the haystack, the matches expected.
struct Case {
    name: &'static str,
    terms: &'static [&'static str],
    haystack: &'static str,
    expected: &'static [(u32, &'static str)],
}

/// The built-in glossary, in place of a list of terms.
const BUILTIN: &[&str] = &[];

const fn case(
    name: &'static str,
    terms: &'static [&'static str],
    haystack: &'static str,
    expected: &'static [(u32, &'static str)],
) -> Case {
    Case {
        name,
        terms,
        haystack,
        expected,
    }
}

/// Cases that hold with any folding options.
const EVERY_FOLDING: &[Case] = &[
    // Basics.
    case(
        "basic_one",
        &["一网通办"],
        "深化一网通办改革",
        &[(1, "一网通办")],
    ),
    case("basic_none", &["一网通办"], "深化改革", &[]),
    case("basic_empty_text", &["一网通办"], "", &[]),
    case(
        "basic_repeated",
        &["六稳"],
        "六稳六稳、六稳",
        &[(1, "六稳"), (1, "六稳"), (1, "六稳")],
    ),
    case(
        "basic_at_edges",
        &["三区", "五地"],
        "三区和五地",
        &[(1, "三区"), (2, "五地")],
    ),
    case(
        "basic_alias",
        &["金10条|金十条"],
        "出台金十条",
        &[(1, "金十条")],
    ),
    case("basic_ascii_term", &["AI"], "推进AI应用", &[(1, "AI")]),
    case(
        "basic_emoji_neighbours",
        &["一网通办"],
        "👍一网通办🎉",
        &[(1, "一网通办")],
    ),
    case(
        "basic_combining_mark_after",
        &["双减半"],
        "双减半\u{301}落实",
        &[(1, "双减半")],
    ),
    // Overlap: leftmost-longest, non-overlapping.
    case(
        "overlap_longest_wins",
        &["一网", "一网通办"],
        "深化一网通办改革",
        &[(2, "一网通办")],
    ),
    case(
        "overlap_longest_wins_reversed",
        &["一网通办", "一网"],
        "深化一网通办改革",
        &[(1, "一网通办")],
    ),
    case(
        "overlap_longest_wins_past_a_gap",
        &["一网", "一网通办"],
        "一网\n通办，一网 改革",
        &[(2, "一网\n通办"), (1, "一网")],
    ),
    case(
        "overlap_longest_code_wins",
        &["1+4+4", "1+4+4+8"],
        "“1+4+4+8”体系",
        &[(2, "1+4+4+8")],
    ),
    case(
        "overlap_longest_code_wins_reversed",
        &["1+4+4+8", "1+4+4"],
        "“1+4+4+8”体系",
        &[(1, "1+4+4+8")],
    ),
    case(
        "overlap_leftmost_wins",
        &["一网通", "通办"],
        "一网通办",
        &[(1, "一网通")],
    ),
    case(
        "overlap_nested_suffix",
        &["三集中", "审批流程三集中"],
        "审批流程三集中",
        &[(2, "审批流程三集中")],
    ),
    case(
        "overlap_adjacent",
        &["双减半", "双一百"],
        "“双减半”“双一百”",
        &[(1, "双减半"), (2, "双一百")],
    ),
    case(
        "overlap_shorter_when_longer_incomplete",
        &["四好", "四好农村路"],
        "四好农村",
        &[(1, "四好")],
    ),
    // Folding: whitespace of any kind inside a term.
    case("space_ascii", &["金10条"], "金 10 条", &[(1, "金 10 条")]),
    case(
        "space_pdf_line_break",
        &["一网通办"],
        "一网\n通办",
        &[(1, "一网\n通办")],
    ),
    case(
        "space_crlf",
        &["一网通办"],
        "一网\r\n通办",
        &[(1, "一网\r\n通办")],
    ),
    case(
        "space_blank_line",
        &["田园五镇"],
        "田园\n\n五镇",
        &[(1, "田园\n\n五镇")],
    ),
    case(
        "space_ideographic",
        &["三线一单"],
        "三线\u{3000}一单",
        &[(1, "三线\u{3000}一单")],
    ),
    case(
        "space_nbsp_and_tab",
        &["三线一单"],
        "三\u{a0}线\t一单",
        &[(1, "三\u{a0}线\t一单")],
    ),
    case(
        "space_zero_width",
        &["三线一单"],
        "三线\u{200b}一单",
        &[(1, "三线\u{200b}一单")],
    ),
    case(
        "space_eight_is_a_gap",
        &["一网通办"],
        "一网        通办",
        &[(1, "一网        通办")],
    ),
    case(
        "space_nine_is_a_break",
        &["一网通办"],
        "一网         通办",
        &[],
    ),
    case(
        "space_not_in_span_edges",
        &["一网通办"],
        "  一网通办  ",
        &[(1, "一网通办")],
    ),
    case(
        "space_in_term_is_optional",
        &["金 10 条"],
        "金10条",
        &[(1, "金10条")],
    ),
    case(
        "space_soft_hyphen",
        &["三线一单"],
        "三线\u{ad}一单",
        &[(1, "三线\u{ad}一单")],
    ),
    case(
        "space_byte_order_mark",
        &["三线一单"],
        "三线\u{feff}一单",
        &[(1, "三线\u{feff}一单")],
    ),
    case(
        "space_word_joiner_is_not_a_gap",
        &["三线一单"],
        "三线\u{2060}一单",
        &[],
    ),
    // Folding: full-width ASCII equals ASCII.
    case("width_digits", &["金10条"], "金１０条", &[(1, "金１０条")]),
    case("width_mixed", &["金10条"], "金 １0 条", &[(1, "金 １0 条")]),
    case(
        "width_plus",
        &["1+4+4+8"],
        "１＋４＋４＋８",
        &[(1, "１＋４＋４＋８")],
    ),
    case("width_letters", &["AI"], "ＡＩ", &[(1, "ＡＩ")]),
    case("width_in_term", &["金１０条"], "金10条", &[(1, "金10条")]),
    // Folding: quote marks inside a term are optional and of any style.
    case(
        "quote_absent_in_text",
        &["行政执法“三项制度”"],
        "行政执法三项制度",
        &[(1, "行政执法三项制度")],
    ),
    case(
        "quote_absent_in_term",
        &["行政执法三项制度"],
        "行政执法“三项制度”",
        &[(1, "行政执法“三项制度")],
    ),
    case(
        "quote_ascii",
        &["3个“3”服务"],
        "3个\"3\"服务",
        &[(1, "3个\"3\"服务")],
    ),
    case(
        "quote_corner",
        &["3个“3”服务"],
        "3个「3」服务",
        &[(1, "3个「3」服务")],
    ),
    case(
        "quote_double_corner",
        &["3个“3”服务"],
        "3个『3』服务",
        &[(1, "3个『3』服务")],
    ),
    case(
        "quote_single",
        &["3个“3”服务"],
        "3个‘3’服务",
        &[(1, "3个‘3’服务")],
    ),
    case(
        "quote_lead_taken_into_span",
        &["“六个一”工程"],
        "实施“六个一”工程",
        &[(1, "“六个一”工程")],
    ),
    case(
        "quote_lead_other_style",
        &["“六个一”工程"],
        "实施「六个一」工程",
        &[(1, "「六个一」工程")],
    ),
    case(
        "quote_lead_absent",
        &["“六个一”工程"],
        "实施六个一工程",
        &[(1, "六个一工程")],
    ),
    case(
        "quote_wrapping_not_in_span",
        &["金10条"],
        "“金 10 条”政策",
        &[(1, "金 10 条")],
    ),
    case(
        "quote_trailing_taken",
        &["“三区”"],
        "“三区”“五地”",
        &[(1, "“三区”")],
    ),
    case(
        "quote_and_space_together",
        &["3个“3”服务"],
        "3 个 “ 3 ” 服务",
        &[(1, "3 个 “ 3 ” 服务")],
    ),
    // Boundaries: a term starting or ending with an ASCII letter or digit.
    // When the longest candidate at a place breaks the rule, the longest shorter one that keeps
    // it wins there, not the shortest.
    case(
        "boundary_longest_fitting_candidate_wins",
        &["甲", "甲乙", "甲乙1"],
        "甲乙12",
        &[(2, "甲乙")],
    ),
    case("boundary_plus_after", &["1+4+4"], "“1+4+4+8”", &[]),
    case("boundary_plus_before", &["4+4+8"], "“1+4+4+8”", &[]),
    case("boundary_digit_after", &["11157"], "111570", &[]),
    case("boundary_digit_before", &["11157"], "211157", &[]),
    case("boundary_letter", &["AI"], "MAIN", &[]),
    case("boundary_full_width_neighbour", &["11157"], "11157０", &[]),
    case(
        "boundary_ok_with_cjk",
        &["11157"],
        "推进11157工程",
        &[(1, "11157")],
    ),
    case(
        "boundary_ok_with_quotes",
        &["1+7"],
        "“1+7”政策",
        &[(1, "1+7")],
    ),
    case(
        "boundary_cjk_edges_unaffected",
        &["金10条"],
        "2金10条3",
        &[(1, "金10条")],
    ),
    case(
        "boundary_shorter_candidate_kept",
        &["金10", "金"],
        "金100",
        &[(2, "金")],
    ),
    case(
        "boundary_later_candidate_kept",
        &["1+4+4", "4+8"],
        "1+4+4+8号",
        &[],
    ),
    case(
        "boundary_space_is_a_boundary",
        &["1+4+4"],
        "1+4+4 +8",
        &[(1, "1+4+4")],
    ),
    // Regressions.
    // A later anchor hit whose term reaches further back than an earlier hit's window: the earlier
    // (leftmost) match must win (found by proptest: terms "A+一" and "+").
    case(
        "regression_later_anchor_reaches_back",
        &["A+一", "+"],
        "A＋一",
        &[(1, "A＋一")],
    ),
    // The anchored engine's look-back: 区 anchors 区, and 泾 (far rarer in government text)
    // anchors 建区泾 and 泾建 (which holds no other anchor, so 泾 stays an anchor). The hit at 区
    // finds 区 first, but the later hit at 泾 anchors 建区泾, which starts earlier and wins.
    case(
        "regression_later_anchor_reaches_back_past_an_earlier_match",
        &["区", "建区泾", "泾建"],
        "新建区泾网",
        &[(2, "建区泾")],
    ),
    case(
        "regression_later_anchor_reaches_back_far",
        &["甲乙丙丁戊己庚", "丙"],
        "甲乙丙丁戊己庚",
        &[(1, "甲乙丙丁戊己庚")],
    ),
    case(
        "quote_eight_is_a_gap",
        &["三区"],
        "三““““““““区",
        &[(1, "三““““““““区")],
    ),
    case("quote_nine_is_a_break", &["三区"], "三“““““““““区", &[]),
    // Codes are not quantities: they stay as written (here as written, a match whatever the
    // options).
    case(
        "code_four_digits_as_written",
        &["双1000"],
        "双1000",
        &[(1, "双1000")],
    ),
    case("code_28", BUILTIN, "“一一一五七”工程", &[]),
    case("code_14", BUILTIN, "“一+四+四+八”新型产业体系", &[]),
    case("code_9", BUILTIN, "“一+七”政策体系", &[]),
    case("num_not_a_different_number", BUILTIN, "金11条", &[]),
    // The built-in glossary on sentences from the report and its neighbours.
    case(
        "builtin_gold_7",
        BUILTIN,
        "分类出台“金 10 条”政策实施细则",
        &[(7, "金 10 条")],
    ),
    case(
        "builtin_gold_27",
        BUILTIN,
        "深化落实“1+4+4”人才政策",
        &[(27, "“1+4+4”人才政策")],
    ),
    case(
        "builtin_gold_14",
        BUILTIN,
        "聚焦“1+4+4+8”新型产业体系",
        &[(14, "“1+4+4+8”新型产业体系")],
    ),
    case(
        "builtin_gold_13",
        BUILTIN,
        "3 个“3”服务工作高质量落实",
        &[(13, "3 个“3”服务")],
    ),
    case(
        "builtin_gold_9",
        BUILTIN,
        "制定“1+7”政策体系",
        &[(9, "“1+7”政策体系")],
    ),
    case(
        "builtin_gold_5",
        BUILTIN,
        "审批权限和审批流程“三集中”实现全覆盖",
        &[(5, "审批权限和审批流程“三集中”")],
    ),
    case(
        "builtin_alias_5",
        BUILTIN,
        "审批流程“三集中”",
        &[(5, "审批流程“三集中”")],
    ),
    case(
        "builtin_not_yiwangtongguan",
        BUILTIN,
        "推进城市运行“一网统管”",
        &[],
    ),
    case(
        "builtin_not_liangquyibao",
        BUILTIN,
        "按照“两区一堡”战略定位",
        &[],
    ),
    case("builtin_27_not_in_14", BUILTIN, "“1+4+4+8”", &[]),
    case(
        "builtin_pdf_break_in_28",
        BUILTIN,
        "建设“111\n57”工程",
        &[(28, "“111\n57”工程")],
    ),
    case(
        "builtin_full_width_7",
        BUILTIN,
        "金１０条",
        &[(7, "金１０条")],
    ),
    case(
        "builtin_18_with_enumeration_comma",
        BUILTIN,
        "深化“双随机、一公开”监管",
        &[(18, "双随机、一公开")],
    ),
    case(
        "builtin_18_without_comma",
        BUILTIN,
        "深化双随机一公开监管",
        &[(18, "双随机一公开")],
    ),
    // An enumeration mark inside a term may be left out or written as another; one the text
    // adds where the term has none still ends the match.
    case(
        "marks_full_width_comma",
        BUILTIN,
        "深化双随机，一公开监管",
        &[(18, "双随机，一公开")],
    ),
    case(
        "marks_ascii_comma",
        BUILTIN,
        "深化“双随机,一公开”监管",
        &[(18, "双随机,一公开")],
    ),
    case(
        "marks_middle_dot",
        BUILTIN,
        "双随机·一公开",
        &[(18, "双随机·一公开")],
    ),
    case(
        "marks_added_end_the_match",
        &["三线一单"],
        "三线、一单",
        &[],
    ),
    case("marks_doubled_end_the_match", &["甲、乙"], "甲、、乙", &[]),
    // Pinyin annotations after characters, as mirror sites insert them, are skipped like quote
    // marks; other brackets are not.
    case(
        "pinyin_ascii_brackets",
        &["一网通办"],
        "深化一网(wǎng)通(tōng)办改革",
        &[(1, "一网(wǎng)通(tōng)办")],
    ),
    case(
        "pinyin_full_width_brackets",
        &["一网通办"],
        "一网（wǎng）通办",
        &[(1, "一网（wǎng）通办")],
    ),
    case(
        "pinyin_after_the_term_is_outside_it",
        &["一网通办"],
        "一网通办(bàn)",
        &[(1, "一网通办")],
    ),
    case(
        "pinyin_with_spaces_and_quotes",
        &["3个“3”服务"],
        "3个(gè) “3” 服(fú)务",
        &[(1, "3个(gè) “3” 服(fú)务")],
    ),
    case(
        "pinyin_needs_a_tone_mark",
        &["一网通办"],
        "一网(wang)通办",
        &[],
    ),
    case(
        "brackets_of_letters_are_text",
        &["一网通办"],
        "一网(AI)通办",
        &[],
    ),
];

/// Cases that need traditional script and numeral spellings folded (the default).
const DEFAULT_FOLDING: &[Case] = &[
    case(
        "pinyin_in_traditional_text",
        BUILTIN,
        "推進“一網(wǎng)通辦”改革，落實雙隨機(jī)、一公開",
        &[(2, "一網(wǎng)通辦"), (18, "雙隨機(jī)、一公開")],
    ),
    // Three digits are a quantity, four a code (a year, “11157”): in both directions.
    case(
        "num_three_digits_is_a_quantity",
        &["双100"],
        "双一百",
        &[(1, "双一百")],
    ),
    case(
        "num_three_digits_back",
        &["双一百"],
        "双100",
        &[(1, "双100")],
    ),
    case("num_four_digits_is_a_code", &["双1000"], "双一千", &[]),
    // A term in Chinese numerals holds no code: 一千 is a quantity, spelled 1000 too.
    case(
        "num_chinese_thousand_is_a_quantity",
        &["双一千"],
        "双1000",
        &[(1, "双1000")],
    ),
    case("num_two_digits", &["金10条"], "金十条", &[(1, "金十条")]),
    // A run that starts with 0 is a code (05号, 007): not spelled 五号.
    case("num_leading_zero_is_a_code", &["05号线"], "五号线", &[]),
    case(
        "num_leading_zero_as_written",
        &["05号线"],
        "05号线",
        &[(1, "05号线")],
    ),
    // Traditional script: a common character and one whose simplified form is outside the
    // Basic Multilingual Plane.
    case(
        "trad_common_jing",
        &["经济发展"],
        "經濟發展",
        &[(1, "經濟發展")],
    ),
    case(
        "trad_supplementary",
        &["\u{20D7E}试"],
        "\u{35F2}试",
        &[(1, "\u{35F2}试")],
    ),
    // Traditional script, simplified glossary.
    case(
        "trad_2",
        BUILTIN,
        "深化「一網通辦」改革",
        &[(2, "一網通辦")],
    ),
    case(
        "trad_17",
        BUILTIN,
        "推行「綜合窗口」改革",
        &[(17, "綜合窗口")],
    ),
    case(
        "trad_19",
        BUILTIN,
        "深化「三個百里」建設",
        &[(19, "三個百里")],
    ),
    case(
        "trad_19_other_li",
        BUILTIN,
        "深化「三個百裡」建設",
        &[(19, "三個百裡")],
    ),
    case("trad_3", BUILTIN, "「雙減半」落地", &[(3, "雙減半")]),
    case(
        "trad_mixed",
        BUILTIN,
        "一網通办、一网通辦",
        &[(2, "一網通办"), (2, "一网通辦")],
    ),
    case(
        "trad_with_pdf_break",
        BUILTIN,
        "綜合\n窗口",
        &[(17, "綜合\n窗口")],
    ),
    case(
        "trad_13_quotes_and_spaces",
        BUILTIN,
        "3 個「3」服務",
        &[(13, "3 個「3」服務")],
    ),
    case("trad_not_yiwangtongguan", BUILTIN, "一網統管", &[]),
    // Numerals: a quantity in either spelling.
    case("num_7_chinese", BUILTIN, "出台“金十条”", &[(7, "金十条")]),
    case(
        "num_7_chinese_spaced",
        BUILTIN,
        "出台金 十 条",
        &[(7, "金 十 条")],
    ),
    case("num_4_arabic", BUILTIN, "“双100”落地", &[(4, "双100")]),
    case(
        "num_4_full_width",
        BUILTIN,
        "“双１００”落地",
        &[(4, "双１００")],
    ),
    case(
        "num_13_chinese",
        BUILTIN,
        "三个“三”服务",
        &[(13, "三个“三”服务")],
    ),
    case(
        "num_13_mixed",
        BUILTIN,
        "三个“3”服务",
        &[(13, "三个“3”服务")],
    ),
    case("num_19_arabic", BUILTIN, "3个百里", &[(19, "3个百里")]),
    case(
        "num_7_traditional_and_chinese",
        BUILTIN,
        "金十條",
        &[(7, "金十條")],
    ),
];

/// Cases that hold with traditional script and numeral spellings as written only.
const EXACT_FOLDING: &[Case] = &[
    // Traditional script and numeral spellings are not folded.
    case("exact_trad_2", BUILTIN, "深化「一網通辦」改革", &[]),
    case(
        "exact_trad_mixed",
        BUILTIN,
        "一網通办、一网通辦、一网通办",
        &[(2, "一网通办")],
    ),
    case(
        "exact_trad_13",
        BUILTIN,
        "3 個「3」服務、3 个「3」服务",
        &[(13, "3 个「3」服务")],
    ),
    case(
        "exact_num_7",
        BUILTIN,
        "出台“金十条”，落实金10条",
        &[(7, "金10条")],
    ),
    case(
        "exact_num_4",
        BUILTIN,
        "“双100”落地，“双一百”落地",
        &[(4, "双一百")],
    ),
    case("exact_num_13", BUILTIN, "三个“三”服务", &[]),
    case(
        "exact_trad_glossary",
        &["一網通辦"],
        "一网通办、一網通辦",
        &[(1, "一網通辦")],
    ),
];

/// Runs `tables` on `engine` with `folding`, and fails naming every case that did not hold.
fn run(engine: Engine, folding: Folding, tables: &[&[Case]]) {
    let builtin = annotator(&Glossary::builtin(), engine, folding);
    let mut failures = Vec::new();
    let mut count = 0;
    for case in tables.iter().flat_map(|t| t.iter()) {
        count += 1;
        let ann = if case.terms.is_empty() {
            builtin.clone()
        } else {
            annotator(&glossary(case.terms), engine, folding)
        };
        let expected: Vec<(u32, String)> = case
            .expected
            .iter()
            .map(|&(id, s)| (id, s.to_string()))
            .collect();
        let got = found(&ann, case.haystack);
        if got != expected {
            failures.push(format!(
                "{}: in {:?}\n    expected {expected:?}\n    found    {got:?}",
                case.name, case.haystack
            ));
        }
    }
    assert!(count > 0);
    assert!(
        failures.is_empty(),
        "{engine:?}, {folding:?}: {} of {count} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// One test per engine and option set, each running the tables that hold there.
macro_rules! testconfig {
    ($name:ident, $engine:expr, $folding:expr, $tables:expr) => {
        #[test]
        fn $name() {
            run($engine, $folding, $tables);
        }
    };
}

testconfig!(
    auto_default,
    Engine::Auto,
    Folding::Default,
    &[EVERY_FOLDING, DEFAULT_FOLDING]
);
testconfig!(
    auto_exact,
    Engine::Auto,
    Folding::Exact,
    &[EVERY_FOLDING, EXACT_FOLDING]
);
testconfig!(
    anchored_default,
    Engine::Anchored,
    Folding::Default,
    &[EVERY_FOLDING, DEFAULT_FOLDING]
);
testconfig!(
    anchored_exact,
    Engine::Anchored,
    Folding::Exact,
    &[EVERY_FOLDING, EXACT_FOLDING]
);
testconfig!(
    dfa_default,
    Engine::Dfa,
    Folding::Default,
    &[EVERY_FOLDING, DEFAULT_FOLDING]
);
testconfig!(
    dfa_exact,
    Engine::Dfa,
    Folding::Exact,
    &[EVERY_FOLDING, EXACT_FOLDING]
);
testconfig!(
    double_array_default,
    Engine::DoubleArray,
    Folding::Default,
    &[EVERY_FOLDING, DEFAULT_FOLDING]
);
testconfig!(
    double_array_exact,
    Engine::DoubleArray,
    Folding::Exact,
    &[EVERY_FOLDING, EXACT_FOLDING]
);

/// Every engine, with every option set, is run by a test above: a new engine or option set
/// without its tests fails here.
#[test]
fn every_engine_and_option_set_has_its_tests() {
    let tested = [
        (Engine::Auto, Folding::Default),
        (Engine::Auto, Folding::Exact),
        (Engine::Anchored, Folding::Default),
        (Engine::Anchored, Folding::Exact),
        (Engine::Dfa, Folding::Default),
        (Engine::Dfa, Folding::Exact),
        (Engine::DoubleArray, Folding::Default),
        (Engine::DoubleArray, Folding::Exact),
    ];
    for engine in common::ENGINES {
        for folding in common::FOLDINGS {
            assert!(
                tested.contains(&(engine, folding)),
                "{engine:?}, {folding:?}"
            );
        }
    }
}

/// Every quote mark is optional inside a term, and one before (after) a term written with a
/// leading (trailing) quote is taken into its span; on every engine, with both option sets.
/// The marks are listed here, not read from the library, so a mark dropped there fails here.
#[test]
fn every_quote_mark_is_optional_and_taken_at_the_ends() {
    let pairs = [
        ('“', '”'),
        ('‘', '’'),
        ('「', '」'),
        ('『', '』'),
        ('〝', '〞'),
        ('〝', '〟'),
        ('﹁', '﹂'),
        ('﹃', '﹄'),
        ('"', '"'),
        ('\'', '\''),
        ('＂', '＂'),
        ('＇', '＇'),
        ('„', '”'),
        ('‚', '’'),
        ('‟', '”'),
        ('‛', '’'),
    ];
    let inner = glossary(&["三区五地"]);
    let ends = glossary(&["“三区”"]);
    for engine in common::ENGINES {
        for folding in common::FOLDINGS {
            let inner = annotator(&inner, engine, folding);
            let ends = annotator(&ends, engine, folding);
            for (open, close) in pairs {
                let text = format!("按照三区{open}五地{close}要求");
                let want = format!("三区{open}五地");
                assert_eq!(
                    found(&inner, &text),
                    [(1, want)],
                    "{engine:?} {folding:?} {text}"
                );
                let text = format!("按照{open}三区{close}要求");
                let want = format!("{open}三区{close}");
                assert_eq!(
                    found(&ends, &text),
                    [(1, want)],
                    "{engine:?} {folding:?} {text}"
                );
            }
        }
    }
}
