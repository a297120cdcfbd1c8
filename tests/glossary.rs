//! The glossary model: the embedded default, loading, validation and merging.

use zhgloss::{Entry, ErrorKind, Glossary};

mod common;

use common::{REPORT, Scratch};

#[test]
fn builtin_has_the_29_entries_in_order() {
    let g = Glossary::builtin();
    let ids: Vec<u32> = g.entries.iter().map(|e| e.id).collect();
    assert_eq!(ids, (1..=29).collect::<Vec<_>>());
    assert!(g.validate().is_ok());
}

#[test]
fn builtin_terms_and_definitions_are_the_reports() {
    // Every `N. term：definition` of the report's 名词解释, with PDF breaks inside a definition
    // joined, is in glossary.json verbatim, except entry 12's corrected "and".
    let section = &REPORT[REPORT.find("\n名词解释").unwrap()..];
    let g = Glossary::builtin();
    for e in &g.entries {
        let head = format!("{}. {}：", e.id, e.term);
        let at = section
            .find(&head)
            .unwrap_or_else(|| panic!("{head} not in the report"));
        let rest = &section[at + head.len()..];
        let next = format!("\n{}. ", e.id + 1);
        let raw = &rest[..rest.find(&next).unwrap_or(rest.len())];
        let joined: String = raw.trim().split('\n').map(str::trim).collect();
        if e.id == 12 {
            assert_eq!(joined.replace(" and ", "和"), e.definition);
            assert!(e.note.as_deref().unwrap().contains("and"));
        } else {
            assert_eq!(joined, e.definition, "entry {}", e.id);
        }
    }
    assert!(
        g.entry(28)
            .unwrap()
            .definition
            .contains("建设1个市民健身中心")
    );
}

#[test]
fn builtin_aliases_record_how_the_body_writes_entries() {
    let g = Glossary::builtin();
    let forms = |id| {
        g.entry(id)
            .unwrap()
            .surface_forms()
            .map(String::from)
            .collect::<Vec<_>>()
    };
    assert!(forms(5).contains(&"审批流程“三集中”".to_string()));
    assert!(forms(7).contains(&"金 10 条".to_string()));
    assert!(forms(9).contains(&"“1+7”政策体系".to_string()));
    assert!(forms(13).contains(&"3 个“3”服务".to_string()));
    assert!(forms(27).contains(&"“1+4+4”人才政策".to_string()));
}

#[test]
fn malformed_json_names_file_line_and_column() {
    let dir = Scratch::new("malformed");
    let path = dir.join("bad.json");
    std::fs::write(
        &path,
        "{\n  \"entries\": [\n    {\"id\": 1, \"term\": \"三区\" \"definition\": \"x\"}\n  ]\n}\n",
    )
    .unwrap();
    let err = Glossary::from_path(&path).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Json);
    assert_eq!((err.line(), err.column()), (Some(3), Some(28)));
    assert_eq!(
        err.to_string(),
        format!("{}:3:28: expected `,` or `}}`", path.display())
    );
}

#[test]
fn wrong_shape_and_unknown_fields_are_errors() {
    let err = Glossary::from_json_str(r#"{"entries": {"id": 1}}"#).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Json);
    let err = Glossary::from_json_str(
        r#"{"entries": [{"id": 1, "term": "三区", "definition": "x", "alias": ["三 区"]}]}"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("unknown field `alias`"), "{err}");
}

fn glossary(entries: Vec<Entry>) -> Glossary {
    Glossary {
        entries,
        ..Glossary::default()
    }
}

#[test]
fn inconsistent_glossaries_name_the_entries() {
    let cases: Vec<(Vec<Entry>, &str)> = vec![
        (vec![Entry::new(3, "", "x")], "entry 3 has an empty term"),
        (vec![Entry::new(3, " \n", "x")], "entry 3 has an empty term"),
        (
            vec![Entry::new(3, "“”", "x")],
            "entry 3 has a surface form \"“”\" that is only whitespace or quote marks",
        ),
        (
            vec![Entry::new(3, "三区", " ")],
            "entry 3 (三区) has an empty definition",
        ),
        (
            vec![Entry::new(3, "三区", "x"), Entry::new(3, "五地", "y")],
            "entry id 3 appears twice",
        ),
        (
            vec![Entry::new(3, "三区", "x"), Entry::new(4, "“三区”", "y")],
            "entries 3 and 4 both claim the surface form \"“三区”\" (三区)",
        ),
        (
            vec![Entry::new(3, "金10条", "x"), Entry::new(4, "金１０条", "y")],
            "entries 3 and 4 both claim the surface form \"金１０条\" (金10条)",
        ),
    ];
    for (entries, message) in cases {
        let err = glossary(entries).validate().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Glossary);
        assert_eq!(err.to_string(), message);
    }
}

#[test]
fn an_alias_repeating_its_own_term_is_fine() {
    let mut e = Entry::new(7, "金10条", "x");
    e.aliases = vec!["金 10 条".into(), "金１０条".into()];
    assert!(glossary(vec![e]).validate().is_ok());
}

#[test]
fn merging_keeps_ids_per_glossary_and_reports_form_clashes() {
    let mut g = Glossary::builtin();
    let builtin = g.label(1);
    // Another glossary numbering from 1, as every extracted one does: no clash.
    let mut other = glossary(vec![Entry::new(7, "一网统管", "x")]);
    other.name = "嘉定".into();
    g.merge(other).unwrap();
    assert_eq!(g.entries.len(), 30);
    assert_eq!(g.entry_in("嘉定", 7).unwrap().term, "一网统管");
    assert_eq!(g.entry_in(&builtin, 7).unwrap().term, "金10条");
    assert!(
        g.entries[..29]
            .iter()
            .all(|e| e.glossary.as_deref() == Some(builtin.as_str()))
    );
    // The merged glossary reads back as it was, tags and all.
    assert_eq!(Glossary::from_json_str(&g.to_json()).unwrap(), g);
    // A form claimed twice is still an error for the strict merge, naming both entries.
    let before = g.clone();
    let err = g
        .merge(glossary(vec![Entry::new(100, "三线 一单", "x")]))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "entries 24 ({builtin}) and 100 (glossary 3) both claim the surface form \"三线 一单\" (三线一单)"
        )
    );
    assert_eq!(g, before);
    // Two glossaries with the same name stay apart.
    let mut same = glossary(vec![Entry::new(7, "一网协同", "y")]);
    same.name = "嘉定".into();
    g.merge(same).unwrap();
    assert_eq!(g.entry_in("嘉定 (2)", 7).unwrap().term, "一网协同");
    // Ids repeated within one glossary are still an error.
    let mut twice = Glossary::default();
    let err = twice
        .merge(glossary(vec![
            Entry::new(1, "甲", "x"),
            Entry::new(1, "乙", "y"),
        ]))
        .unwrap_err();
    assert_eq!(err.to_string(), "entry id 1 appears twice");
}

#[test]
fn overriding_gives_each_clashing_form_to_the_later_glossary() {
    let mut g = Glossary::builtin();
    let mut mine = glossary(vec![
        // Its term: entry 24 is dropped.
        Entry::new(1, "三线 一单", "我的三线一单"),
        // Only an alias of entry 9: entry 9 keeps its term.
        Entry::new(2, "“1+7”政策体系", "我的1+7"),
        // Traditional script: a clash only folding shows, which the annotator would refuse.
        Entry::new(3, "一網通辦", "我的一网通办"),
        Entry::new(4, "四减四增", "不冲突"),
    ]);
    mine.name = "我的".into();
    let overrides = g.merge_override(mine).unwrap();
    let got: Vec<(String, u32, u32, bool)> = overrides
        .iter()
        .map(|o| (o.form.clone(), o.winner.id, o.loser.id, o.loser_dropped))
        .collect();
    assert_eq!(
        got,
        [
            ("一網通辦".to_string(), 3, 2, true),
            ("“1+7”政策体系".to_string(), 2, 9, false),
            ("三线 一单".to_string(), 1, 24, true),
        ]
    );
    assert_eq!(g.entries.len(), 29 - 2 + 4);
    let nine = g.entry_in(&Glossary::builtin().label(1), 9).unwrap();
    assert!(nine.aliases.is_empty());
    // The result compiles with every option, and the later definitions are what is found.
    let ann = zhgloss::Annotator::new(&g).unwrap();
    let text = "深化一网通办，编制三线一单，制定“1+7”政策体系";
    let found: Vec<&str> = ann
        .find_iter(text)
        .map(|m| ann.entry(&m).definition.as_str())
        .collect();
    assert_eq!(found, ["我的一网通办", "我的三线一单", "我的1+7"]);
    // An inconsistent later glossary is still an error, and changes nothing.
    let before = g.clone();
    let bad = glossary(vec![Entry::new(1, "甲", "x"), Entry::new(2, "甲", "y")]);
    assert!(g.merge_override(bad).is_err());
    assert_eq!(g, before);
}

#[test]
fn json_round_trips() {
    let g = Glossary::builtin();
    assert_eq!(Glossary::from_json_str(&g.to_json()).unwrap(), g);
    assert_eq!(
        Glossary::from_reader(Glossary::builtin_json().as_bytes()).unwrap(),
        g
    );
}
