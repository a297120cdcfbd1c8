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
fn merging_reports_conflicts_and_keeps_the_original() {
    let mut g = Glossary::builtin();
    let err = g
        .merge(glossary(vec![Entry::new(7, "一网统管", "x")]))
        .unwrap_err();
    assert_eq!(err.to_string(), "entry id 7 appears twice");
    let err = g
        .merge(glossary(vec![Entry::new(100, "三线 一单", "x")]))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "entries 24 and 100 both claim the surface form \"三线 一单\" (三线一单)"
    );
    assert_eq!(g, Glossary::builtin());
    g.merge(glossary(vec![Entry::new(100, "一网统管", "x")]))
        .unwrap();
    assert_eq!(g.entries.len(), 30);
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
