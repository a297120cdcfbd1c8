//! A table of cases for every folding and boundary rule, in aho-corasick's `t!` style.
//!
//! `t!(name, terms, haystack, expected)` compiles a glossary whose entry `i + 1` has the surface
//! forms `terms[i]` (separated by `|`), searches `haystack`, and compares the `(entry, matched
//! text)` pairs. `b!(name, haystack, expected)` does the same with the built-in glossary.

use zhgloss::{Annotator, Entry, Glossary};

fn glossary(terms: &[&str]) -> Glossary {
    let entries = terms
        .iter()
        .enumerate()
        .map(|(i, forms)| {
            let mut forms = forms.split('|');
            let mut e = Entry::new(i as u32 + 1, forms.next().unwrap(), "定义");
            e.aliases = forms.map(str::to_string).collect();
            e
        })
        .collect();
    Glossary {
        entries,
        ..Glossary::default()
    }
}

fn run(g: &Glossary, haystack: &str) -> Vec<(u32, String)> {
    let ann = Annotator::new(g).unwrap();
    ann.find_iter(haystack)
        .map(|m| (m.entry(), haystack[m.range()].to_string()))
        .collect()
}

fn owned(expected: &[(u32, &str)]) -> Vec<(u32, String)> {
    expected
        .iter()
        .map(|&(id, s)| (id, s.to_string()))
        .collect()
}

macro_rules! t {
    ($name:ident, $terms:expr, $haystack:expr, $expected:expr) => {
        #[test]
        fn $name() {
            assert_eq!(
                run(&glossary(&$terms), $haystack),
                owned(&$expected),
                "in {:?}",
                $haystack
            );
        }
    };
}

macro_rules! b {
    ($name:ident, $haystack:expr, $expected:expr) => {
        #[test]
        fn $name() {
            assert_eq!(
                run(&Glossary::builtin(), $haystack),
                owned(&$expected),
                "in {:?}",
                $haystack
            );
        }
    };
}

// Basics.
t!(
    basic_one,
    ["一网通办"],
    "深化一网通办改革",
    [(1, "一网通办")]
);
t!(basic_none, ["一网通办"], "深化改革", []);
t!(basic_empty_text, ["一网通办"], "", []);
t!(
    basic_repeated,
    ["六稳"],
    "六稳六稳、六稳",
    [(1, "六稳"), (1, "六稳"), (1, "六稳")]
);
t!(
    basic_at_edges,
    ["三区", "五地"],
    "三区和五地",
    [(1, "三区"), (2, "五地")]
);
t!(
    basic_alias,
    ["金10条|金十条"],
    "出台金十条",
    [(1, "金十条")]
);
t!(basic_ascii_term, ["AI"], "推进AI应用", [(1, "AI")]);
t!(
    basic_emoji_neighbours,
    ["一网通办"],
    "👍一网通办🎉",
    [(1, "一网通办")]
);
t!(
    basic_combining_mark_after,
    ["双减半"],
    "双减半\u{301}落实",
    [(1, "双减半")]
);

// Overlap: leftmost-longest, non-overlapping.
t!(
    overlap_longest_wins,
    ["1+4+4", "1+4+4+8"],
    "“1+4+4+8”体系",
    [(2, "1+4+4+8")]
);
t!(
    overlap_longest_wins_reversed,
    ["1+4+4+8", "1+4+4"],
    "“1+4+4+8”体系",
    [(1, "1+4+4+8")]
);
t!(
    overlap_leftmost_wins,
    ["一网通", "通办"],
    "一网通办",
    [(1, "一网通")]
);
t!(
    overlap_nested_suffix,
    ["三集中", "审批流程三集中"],
    "审批流程三集中",
    [(2, "审批流程三集中")]
);
t!(
    overlap_adjacent,
    ["双减半", "双一百"],
    "“双减半”“双一百”",
    [(1, "双减半"), (2, "双一百")]
);
t!(
    overlap_shorter_when_longer_incomplete,
    ["四好", "四好农村路"],
    "四好农村",
    [(1, "四好")]
);

// Folding: whitespace of any kind inside a term.
t!(space_ascii, ["金10条"], "金 10 条", [(1, "金 10 条")]);
t!(
    space_pdf_line_break,
    ["一网通办"],
    "一网\n通办",
    [(1, "一网\n通办")]
);
t!(
    space_crlf,
    ["一网通办"],
    "一网\r\n通办",
    [(1, "一网\r\n通办")]
);
t!(
    space_blank_line,
    ["田园五镇"],
    "田园\n\n五镇",
    [(1, "田园\n\n五镇")]
);
t!(
    space_ideographic,
    ["三线一单"],
    "三线\u{3000}一单",
    [(1, "三线\u{3000}一单")]
);
t!(
    space_nbsp_and_tab,
    ["三线一单"],
    "三\u{a0}线\t一单",
    [(1, "三\u{a0}线\t一单")]
);
t!(
    space_zero_width,
    ["三线一单"],
    "三线\u{200b}一单",
    [(1, "三线\u{200b}一单")]
);
t!(
    space_eight_is_a_gap,
    ["一网通办"],
    "一网        通办",
    [(1, "一网        通办")]
);
t!(space_nine_is_a_break, ["一网通办"], "一网         通办", []);
t!(
    space_not_in_span_edges,
    ["一网通办"],
    "  一网通办  ",
    [(1, "一网通办")]
);
t!(
    space_in_term_is_optional,
    ["金 10 条"],
    "金10条",
    [(1, "金10条")]
);

// Folding: full-width ASCII equals ASCII.
t!(width_digits, ["金10条"], "金１０条", [(1, "金１０条")]);
t!(width_mixed, ["金10条"], "金 １0 条", [(1, "金 １0 条")]);
t!(
    width_plus,
    ["1+4+4+8"],
    "１＋４＋４＋８",
    [(1, "１＋４＋４＋８")]
);
t!(width_letters, ["AI"], "ＡＩ", [(1, "ＡＩ")]);
t!(width_in_term, ["金１０条"], "金10条", [(1, "金10条")]);

// Folding: quote marks inside a term are optional and of any style.
t!(
    quote_absent_in_text,
    ["行政执法“三项制度”"],
    "行政执法三项制度",
    [(1, "行政执法三项制度")]
);
t!(
    quote_absent_in_term,
    ["行政执法三项制度"],
    "行政执法“三项制度”",
    [(1, "行政执法“三项制度")]
);
t!(
    quote_ascii,
    ["3个“3”服务"],
    "3个\"3\"服务",
    [(1, "3个\"3\"服务")]
);
t!(
    quote_corner,
    ["3个“3”服务"],
    "3个「3」服务",
    [(1, "3个「3」服务")]
);
t!(
    quote_double_corner,
    ["3个“3”服务"],
    "3个『3』服务",
    [(1, "3个『3』服务")]
);
t!(
    quote_single,
    ["3个“3”服务"],
    "3个‘3’服务",
    [(1, "3个‘3’服务")]
);
t!(
    quote_lead_taken_into_span,
    ["“六个一”工程"],
    "实施“六个一”工程",
    [(1, "“六个一”工程")]
);
t!(
    quote_lead_other_style,
    ["“六个一”工程"],
    "实施「六个一」工程",
    [(1, "「六个一」工程")]
);
t!(
    quote_lead_absent,
    ["“六个一”工程"],
    "实施六个一工程",
    [(1, "六个一工程")]
);
t!(
    quote_wrapping_not_in_span,
    ["金10条"],
    "“金 10 条”政策",
    [(1, "金 10 条")]
);
t!(
    quote_trailing_taken,
    ["“三区”"],
    "“三区”“五地”",
    [(1, "“三区”")]
);
t!(
    quote_and_space_together,
    ["3个“3”服务"],
    "3 个 “ 3 ” 服务",
    [(1, "3 个 “ 3 ” 服务")]
);

// Boundaries: a term starting or ending with an ASCII letter or digit.
t!(boundary_plus_after, ["1+4+4"], "“1+4+4+8”", []);
t!(boundary_plus_before, ["4+4+8"], "“1+4+4+8”", []);
t!(boundary_digit_after, ["11157"], "111570", []);
t!(boundary_digit_before, ["11157"], "211157", []);
t!(boundary_letter, ["AI"], "MAIN", []);
t!(boundary_full_width_neighbour, ["11157"], "11157０", []);
t!(
    boundary_ok_with_cjk,
    ["11157"],
    "推进11157工程",
    [(1, "11157")]
);
t!(boundary_ok_with_quotes, ["1+7"], "“1+7”政策", [(1, "1+7")]);
t!(
    boundary_cjk_edges_unaffected,
    ["金10条"],
    "2金10条3",
    [(1, "金10条")]
);
t!(
    boundary_shorter_candidate_kept,
    ["金10", "金"],
    "金100",
    [(2, "金")]
);
t!(
    boundary_later_candidate_kept,
    ["1+4+4", "4+8"],
    "1+4+4+8号",
    []
);
t!(
    boundary_space_is_a_boundary,
    ["1+4+4"],
    "1+4+4 +8",
    [(1, "1+4+4")]
);

// Regressions.
// A later anchor hit whose term reaches further back than an earlier hit's window: the earlier
// (leftmost) match must win (found by proptest: terms "A+一" and "+").
t!(
    regression_later_anchor_reaches_back,
    ["A+一", "+"],
    "A＋一",
    [(1, "A＋一")]
);
t!(
    regression_later_anchor_reaches_back_far,
    ["甲乙丙丁戊己庚", "丙"],
    "甲乙丙丁戊己庚",
    [(1, "甲乙丙丁戊己庚")]
);
t!(
    quote_eight_is_a_gap,
    ["三区"],
    "三““““““““区",
    [(1, "三““““““““区")]
);
t!(quote_nine_is_a_break, ["三区"], "三“““““““““区", []);

// The built-in glossary on sentences from the report and its neighbours.
b!(
    builtin_gold_7,
    "分类出台“金 10 条”政策实施细则",
    [(7, "金 10 条")]
);
b!(
    builtin_gold_27,
    "深化落实“1+4+4”人才政策",
    [(27, "“1+4+4”人才政策")]
);
b!(
    builtin_gold_14,
    "聚焦“1+4+4+8”新型产业体系",
    [(14, "“1+4+4+8”新型产业体系")]
);
b!(
    builtin_gold_13,
    "3 个“3”服务工作高质量落实",
    [(13, "3 个“3”服务")]
);
b!(builtin_gold_9, "制定“1+7”政策体系", [(9, "“1+7”政策体系")]);
b!(
    builtin_gold_5,
    "审批权限和审批流程“三集中”实现全覆盖",
    [(5, "审批权限和审批流程“三集中”")]
);
b!(
    builtin_alias_5,
    "审批流程“三集中”",
    [(5, "审批流程“三集中”")]
);
b!(builtin_not_yiwangtongguan, "推进城市运行“一网统管”", []);
b!(builtin_not_liangquyibao, "按照“两区一堡”战略定位", []);
b!(builtin_27_not_in_14, "“1+4+4+8”", []);
b!(
    builtin_pdf_break_in_28,
    "建设“111\n57”工程",
    [(28, "“111\n57”工程")]
);
b!(builtin_full_width_7, "金１０条", [(7, "金１０条")]);
b!(
    builtin_18_with_enumeration_comma,
    "深化“双随机、一公开”监管",
    [(18, "双随机、一公开")]
);
b!(builtin_18_without_comma, "深化双随机一公开监管", []);
