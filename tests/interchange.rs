//! The interchange formats: round trips of the built-in glossary and of a hostile one through
//! every format, tables of what each format reads and refuses, the dictionaries' words, and
//! translations in the human formats.

use std::collections::BTreeMap;

use zhgloss::interchange::{self, GlossaryFormat, WriteOptions, csv, dictionary, tbx, tsv};
use zhgloss::render::{self, Format, Options};
use zhgloss::{Annotator, Entry, ErrorKind, Glossary, Scope, Translation, TranslationSource};

mod common;

use common::{REPORT, body};

/// A glossary built to break XML, TSV and CSV: quotes of every kind, tabs, `<`, `&`, CDATA
/// ends, line breaks (CR and CRLF too), commas, 4-byte characters, traditional script, and
/// translations holding the same.
fn hostile() -> Glossary {
    let mut first = Entry::new(
        1,
        "一網通辦",
        "含<标签>与&amp;实体、'单'\"双\"引号，\t制表符，\n换行\r\n回车\r。",
    );
    first.aliases = vec!["一网通办".into(), "“一网”通办".into(), "一網\t通辦".into()];
    first.gloss = Some("]]> <![CDATA[ 不是 ]]> --> <!--".into());
    first.note = Some("𠀀𪚥 四字节字符 😀, \"逗号\"".into());
    first.origin = Some("名词解释 & <来源>".into());
    first.scope = Some(Scope {
        places: vec!["上海市".into()],
        from: Some(2018),
        until: None,
    });
    first.translations = BTreeMap::from([
        (
            "en".to_string(),
            Translation {
                term: "One <Network> & \"Office\"".into(),
                definition: Some("A portal,\twith tabs\nand lines.".into()),
                gloss: Some("one-stop ' \" service".into()),
                source: TranslationSource::Official,
                reference: Some("https://example.gov.cn/?a=1&b=<2>".into()),
            },
        ),
        ("fr".to_string(), Translation::new("Guichet « unique »")),
    ]);
    let mut second = Entry::new(2, "𪚥計劃", "是指 <![CDATA[x]]> 与 &#x41; 字样；含,逗号");
    second.occurrences = Some(3);
    let mut third = Entry::new(30, "“1+4+4+8”新型产业体系", "逗号,分号;竖线|井号#开头");
    third.aliases = vec!["“1+4+4+8”新型產業體系".into(), "#1+4+4+8".into()];
    third.scope = Some(Scope {
        places: vec!["上海市金山区".into(), "浙江省嘉兴市平湖市".into()],
        from: Some(2018),
        until: Some(2020),
    });
    third.excludes = vec!["旧“1+4+4+8”新型产业体系".into(), "a,b\"c".into()];
    Glossary {
        name: "敌意 <词表> & \"引号\"\n第二行".into(),
        source: "tests/interchange.rs\t(制表符)".into(),
        entries: vec![first, second, third],
    }
}

fn write(g: &Glossary, format: GlossaryFormat) -> String {
    interchange::write(g, format, &WriteOptions::new()).expect("the glossary is written")
}

fn read(text: &str, format: GlossaryFormat) -> Glossary {
    interchange::read_str(text, format).expect("the glossary reads back")
}

#[test]
fn the_hostile_glossary_is_a_valid_one() {
    hostile().validate().unwrap();
    Annotator::new(&hostile()).unwrap();
}

// ---------------------------------------------------------------------------------------------
// Round trips.

#[test]
fn json_and_tbx_keep_every_field() {
    for g in [Glossary::builtin(), hostile()] {
        for format in [GlossaryFormat::Json, GlossaryFormat::Tbx] {
            assert_eq!(read(&write(&g, format), format), g, "{format:?}");
        }
    }
}

#[test]
fn csv_keeps_every_field_of_every_entry() {
    for g in [Glossary::builtin(), hostile()] {
        let back = read(&write(&g, GlossaryFormat::Csv), GlossaryFormat::Csv);
        assert_eq!(back.entries, g.entries);
        // The table has no place for the glossary's own name and source.
        assert_eq!((back.name.as_str(), back.source.as_str()), ("", ""));
    }
}

/// What OmegaT's TSV holds of a glossary: each entry's forms, its English term (as an own
/// translation: the file does not say whose it is) and its definition, with tabs and line
/// breaks as spaces; numbered from 1.
fn tsv_projection(g: &Glossary) -> Vec<(u32, Vec<String>, Option<String>, String)> {
    let line = |s: &str| s.replace("\r\n", " ").replace(['\t', '\n', '\r'], " ");
    g.entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            (
                i as u32 + 1,
                e.surface_forms().map(line).collect(),
                e.translation("en").map(|t| line(&t.term)),
                line(&e.definition),
            )
        })
        .collect()
}

#[test]
fn tsv_keeps_forms_english_and_definition() {
    for g in [Glossary::builtin(), hostile()] {
        let text = write(&g, GlossaryFormat::Tsv);
        // Every line has exactly three fields: nothing in a field breaks the structure.
        for line in text.lines() {
            assert_eq!(line.split('\t').count(), 3, "{line:?}");
        }
        let mut back = read(&text, GlossaryFormat::Tsv);
        for e in &mut back.entries {
            assert!(
                e.translations
                    .values()
                    .all(|t| t.source == TranslationSource::Own)
            );
        }
        let got = tsv_projection(&back);
        // A form starting with `#` is written, but read back (as OmegaT reads it) as a comment.
        let mut want = tsv_projection(&g);
        for (_, forms, _, _) in &mut want {
            forms.retain(|f| !f.starts_with('#'));
        }
        assert_eq!(got, want);
    }
}

#[test]
fn tsv_writes_the_target_language_asked_for() {
    let text = interchange::write(
        &hostile(),
        GlossaryFormat::Tsv,
        &WriteOptions::new().lang("fr"),
    )
    .unwrap();
    assert!(text.starts_with("一網通辦\tGuichet « unique »\t含<标签>"));
    // A language the entries lack leaves the target empty for the translator.
    let text = interchange::write(
        &hostile(),
        GlossaryFormat::Tsv,
        &WriteOptions::new().lang("de"),
    )
    .unwrap();
    assert!(text.lines().all(|l| l.split('\t').nth(1) == Some("")));
}

#[test]
fn every_format_reads_back_into_a_glossary_that_finds_the_same_matches() {
    let g = Glossary::builtin();
    let want: Vec<_> = Annotator::new(&g)
        .unwrap()
        .find_iter(REPORT)
        .map(|m| (m.start(), m.end()))
        .collect();
    for format in [
        GlossaryFormat::Tbx,
        GlossaryFormat::Tsv,
        GlossaryFormat::Csv,
    ] {
        let back = read(&write(&g, format), format);
        let got: Vec<_> = Annotator::new(&back)
            .unwrap()
            .find_iter(REPORT)
            .map(|m| (m.start(), m.end()))
            .collect();
        assert_eq!(got, want, "{format:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Safety of the written text.

#[test]
fn tbx_escapes_everything_and_states_its_languages() {
    let xml = write(&hostile(), GlossaryFormat::Tbx);
    assert!(!xml.contains("<标签>") && !xml.contains("<![CDATA[x"));
    assert!(xml.contains("&lt;标签&gt;与&amp;amp;实体"));
    assert!(
        xml.contains("回车&#13;。"),
        "a CR survives XML's line-end normalisation"
    );
    for lang in ["zh-Hans", "zh-Hant", "en", "fr"] {
        assert!(
            xml.contains(&format!("<langSet xml:lang=\"{lang}\">")),
            "{lang}"
        );
    }
    // The traditional term is the preferred one, in its own langSet.
    let hant = xml.find("<langSet xml:lang=\"zh-Hant\">").unwrap();
    let hans = xml.find("<langSet xml:lang=\"zh-Hans\">").unwrap();
    assert!(hant < hans, "the term's langSet comes first");
}

#[test]
fn tbx_refuses_what_xml_cannot_hold() {
    for c in ['\u{0}', '\u{7}', '\u{1b}', '\u{fffe}'] {
        let mut g = hostile();
        g.entries[2].excludes.push(format!("旧{c}"));
        let err = tbx::write(&g).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Glossary);
        assert_eq!(
            err.to_string(),
            format!(
                "entry 30 holds U+{:04X}, which XML 1.0 cannot hold",
                c as u32
            )
        );
        // CSV quotes it, and reads it back.
        let back = csv::read(&csv::write(&g)).unwrap();
        assert_eq!(back.entries, g.entries);
    }
}

#[test]
fn csv_quotes_fields_that_need_it() {
    let text = csv::write(&hostile());
    let mut reader = ::csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert!(header.iter().any(|h| h == "fr"));
    let rows: Vec<_> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r.len() == header.len()));
    let definition = header.iter().position(|h| h == "definition").unwrap();
    assert_eq!(&rows[0][definition], hostile().entries[0].definition);
}

#[test]
fn csv_cells_a_spreadsheet_would_run_are_written_as_text_and_read_back() {
    // (a cell's value, the cell as written)
    let cases = [
        ("=1+1", "'=1+1"),
        ("+86 021", "'+86 021"),
        ("-指生态保护红线", "'-指生态保护红线"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t制表符开头", "'\t制表符开头"),
        ("\r回车开头", "'\r回车开头"),
        ("\n换行开头", "'\n换行开头"),
        // Quotes before a formula character get one more, so that reading is exact.
        ("'=已有引号", "''=已有引号"),
        ("''-两个引号", "'''-两个引号"),
        // Nothing else changes.
        ("'单引号开头", "'单引号开头"),
        ("是指=号在中间", "是指=号在中间"),
        ("＝全角等号", "＝全角等号"),
    ];
    for (value, written) in cases {
        let mut g = Glossary::builtin();
        let e = &mut g.entries[0];
        e.definition = value.to_string();
        e.gloss = Some(value.to_string());
        e.translations
            .insert("en".into(), Translation::new(value.to_string()));
        let text = csv::write(&g);
        let mut reader = ::csv::Reader::from_reader(text.as_bytes());
        let header = reader.headers().unwrap().clone();
        let row = reader.records().next().unwrap().unwrap();
        for column in ["definition", "gloss", "en"] {
            let at = header.iter().position(|h| h == column).unwrap();
            assert_eq!(&row[at], written, "{value:?} in {column}");
        }
        assert_eq!(csv::read(&text).unwrap().entries, g.entries, "{value:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Reading: tables of inputs and what they give.

/// TBX as other tools write it: `zh-CN`, ids of their own, a definition at concept level, a
/// term without status, inline markup, CDATA, entity and character references.
#[test]
fn tbx_from_other_tools() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>MultiTerm</p></sourceDesc></fileDesc></martifHeader>
<text><body>
  <termEntry id="c1">
    <descrip type="definition">是指<hi>生态</hi>保护红线&amp;&#x6E05;单。</descrip>
    <langSet xml:lang="zh-CN"><tig><term>三线一单</term></tig><tig><term><![CDATA[三线<一>单]]></term></tig></langSet>
    <langSet xml:lang="en-GB"><tig><term>three lines, one list</term></tig></langSet>
  </termEntry>
  <termEntry id="e5">
    <langSet xml:lang="zh"><ntig><termGrp><term>双减半</term></termGrp></ntig>
      <descripGrp><descrip type="definition">减少一半。</descrip><admin type="source">名词解释</admin></descripGrp></langSet>
  </termEntry>
</body></text></martif>"#;
    let g = interchange::read_str(xml, GlossaryFormat::Tbx).unwrap();
    assert_eq!(g.source, "MultiTerm");
    let ids: Vec<u32> = g.entries.iter().map(|e| e.id).collect();
    assert_eq!(
        ids,
        [6, 5],
        "ids not zhgloss's are numbered after the highest"
    );
    let first = &g.entries[0];
    assert_eq!(first.term, "三线一单");
    assert_eq!(first.aliases, ["三线<一>单"]);
    assert_eq!(first.definition, "是指生态保护红线&清单。");
    assert_eq!(
        first.translation("en").unwrap().term,
        "three lines, one list"
    );
    assert_eq!(first.translations["en-GB"].source, TranslationSource::Own);
    assert_eq!(g.entries[1].origin.as_deref(), Some("名词解释"));
}

#[test]
fn malformed_tbx_is_an_error_with_line_and_column() {
    let cases: &[(&str, &str)] = &[
        (
            "<martif>\n<text><body>\n  <termEntry></langSet>",
            "line 3:14: ",
        ),
        (
            "<martif><text><body><termEntry>\n  <langSet>",
            "line 2:3: a langSet has no xml:lang",
        ),
        (
            "<martif><text><body>\n<termEntry><langSet xml:lang=\"en\"><tig><term>x</term></tig></langSet></termEntry>\n</body></text></martif>",
            "line 2:1: a termEntry has no Chinese term (a zh langSet with a tig)",
        ),
        (
            "<martif><text><body><termEntry><langSet xml:lang=\"zh\"><tig>\n<term>&nbsp;</term>",
            "line 2:7: unknown entity or character reference &nbsp;",
        ),
        (
            "<martif><text><body><termEntry><langSet xml:lang=\"zh\"><tig><term>甲</term>",
            "line 1:74: the document ends inside <martif><text><body><termEntry><langSet><tig>",
        ),
        (
            "<martif><text><body><termEntry><note>zhgloss:{\"colour\":1}</note>",
            "line 1:32: a zhgloss note that is not zhgloss's: unknown field `colour`",
        ),
    ];
    for (xml, want) in cases {
        let err = interchange::read_str(xml, GlossaryFormat::Tbx).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Malformed, "{xml}");
        assert!(err.to_string().starts_with(want), "{xml}: {err}");
        assert!(err.line().is_some() && err.column().is_some());
    }
}

#[test]
fn tsv_reading_table() {
    // (term, aliases, English, definition) of each entry read.
    type Read<'a> = (&'a str, &'a [&'a str], Option<&'a str>, &'a str);
    let cases: &[(&str, &[Read])] = &[
        ("", &[]),
        ("# 注释\n\n", &[]),
        ("甲\t\t定义\n", &[("甲", &[], None, "定义")]),
        (
            "甲\tA\t定义\r\n乙\tB\n",
            &[("甲", &[], Some("A"), "定义"), ("乙", &[], Some("B"), "")],
        ),
        // Consecutive forms with the same target and comment are one entry.
        (
            "甲\tA\t定义\n甲甲\tA\t定义\n乙\tA\t定义二\n",
            &[
                ("甲", &["甲甲"], Some("A"), "定义"),
                ("乙", &[], Some("A"), "定义二"),
            ],
        ),
        // Quotes mean nothing in OmegaT's format.
        (
            "\"甲\"\t\"A\"\t\"定,义\"\n",
            &[("\"甲\"", &[], Some("\"A\""), "\"定,义\"")],
        ),
    ];
    for (text, want) in cases {
        let g = tsv::read(text).unwrap();
        let got: Vec<_> = g
            .entries
            .iter()
            .map(|e| {
                (
                    e.term.as_str(),
                    e.aliases.iter().map(String::as_str).collect::<Vec<_>>(),
                    e.translation("en").map(|t| t.term.as_str()),
                    e.definition.as_str(),
                )
            })
            .collect();
        let want: Vec<_> = want
            .iter()
            .map(|(t, a, en, d)| (*t, a.to_vec(), *en, *d))
            .collect();
        assert_eq!(got, want, "{text:?}");
    }
    let err = tsv::read("甲\t\t定义\n\n乙\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 3: a glossary line has a term but no tab-separated target or comment"
    );
    // Read through the module, the glossary is validated: a definition is required.
    let err = interchange::read_str("甲\tA\n", GlossaryFormat::Tsv).unwrap_err();
    assert_eq!(err.to_string(), "entry 1 (甲) has an empty definition");
}

#[test]
fn csv_reading_table() {
    let ok: &[(&str, &str, u32)] = &[
        ("id,zh,definition\n7,金10条,是指……\n", "金10条", 7),
        (
            "\u{feff}definition,id,zh\r\n是指……,3,双减半\r\n",
            "双减半",
            3,
        ),
        (
            "id,zh,definition,places,from\n1,甲,定义,上海市;全国,2018\n",
            "甲",
            1,
        ),
    ];
    for (text, term, id) in ok {
        let g = interchange::read_str(text, GlossaryFormat::Csv).unwrap();
        assert_eq!(
            (g.entries[0].term.as_str(), g.entries[0].id),
            (*term, *id),
            "{text:?}"
        );
    }
    let bad: &[(&str, &str)] = &[
        ("id,zh\n1,甲\n", "line 1: no \"definition\" column"),
        (
            "id,zh,definition,colour\n",
            "line 1: unknown column \"colour\"",
        ),
        (
            "id,zh,definition,en source\n1,甲,乙,maybe\n",
            "line 2: en source \"maybe\" is not official or own",
        ),
        (
            "id,zh,definition\n1,甲,乙\nx,丙,丁\n",
            "line 3: id \"x\" is not a number",
        ),
        (
            "id,zh,definition,from\n1,甲,乙,70000\n",
            "line 2: from \"70000\" is not a year",
        ),
        ("id,zh,definition\n1,甲,乙\n2,丙\n", "line 3: "),
    ];
    for (text, want) in bad {
        let err = interchange::read_str(text, GlossaryFormat::Csv).unwrap_err();
        assert!(err.to_string().starts_with(want), "{text:?}: {err}");
    }
    // Validation after reading: places must name divisions, an official translation a source.
    let err = interchange::read_str(
        "id,zh,definition,places\n1,甲,乙,朝阳区\n",
        GlossaryFormat::Csv,
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Glossary);
    let err = interchange::read_str(
        "id,zh,definition,en,en source\n1,甲,乙,A,official\n",
        GlossaryFormat::Csv,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "entry 1's en translation is official but has no reference (where it is published)"
    );
}

#[test]
fn formats_by_name_and_extension() {
    let table: &[(&str, Option<GlossaryFormat>)] = &[
        ("g.json", Some(GlossaryFormat::Json)),
        ("g.TBX", Some(GlossaryFormat::Tbx)),
        ("g.tsv", Some(GlossaryFormat::Tsv)),
        ("g.utf8", Some(GlossaryFormat::Tsv)),
        ("g.csv", Some(GlossaryFormat::Csv)),
        ("g.txt", None),
        ("g", None),
    ];
    for (path, want) in table {
        assert_eq!(GlossaryFormat::from_path(path), *want, "{path}");
    }
    for name in GlossaryFormat::NAMES {
        assert_eq!(name.parse::<GlossaryFormat>().unwrap().name(), name);
    }
    assert!("xlsx".parse::<GlossaryFormat>().is_err());
}

// ---------------------------------------------------------------------------------------------
// Translations.

#[test]
fn translations_are_validated() {
    let cases: &[(&str, &str)] = &[
        (
            r#""english": {"term": "x", "source": "own"}"#,
            "entry 1 has a translation under \"english\", which is not a language tag (en, fr, en-GB)",
        ),
        (
            r#""zh-Hant": {"term": "x", "source": "own"}"#,
            "entry 1 has a translation into zh-Hant: Chinese is the entry itself (term and aliases)",
        ),
        (
            r#""en": {"term": " ", "source": "own"}"#,
            "entry 1's en translation has an empty term",
        ),
        (
            r#""en": {"term": "x", "source": "official", "reference": ""}"#,
            "entry 1's en translation is official but has no reference (where it is published)",
        ),
        (r#""en": {"term": "x", "source": "machine"}"#, "line 1:"),
        (r#""en": {"term": "x"}"#, "line 1:"),
        (
            r#""en": {"term": "x", "source": "own", "sauce": 1}"#,
            "line 1:",
        ),
    ];
    for (translations, want) in cases {
        let json = format!(
            r#"{{"entries": [{{"id": 1, "term": "甲", "definition": "乙", "translations": {{{translations}}}}}]}}"#
        );
        let err = Glossary::from_json_str(&json).unwrap_err();
        assert!(err.to_string().starts_with(want), "{translations}: {err}");
    }
}

#[test]
fn builtin_translations_are_official_and_cited() {
    let g = Glossary::builtin();
    let translated: Vec<u32> = g
        .entries
        .iter()
        .filter(|e| !e.translations.is_empty())
        .map(|e| e.id)
        .collect();
    assert_eq!(translated, [2, 18]);
    for e in &g.entries {
        for t in e.translations.values() {
            assert_eq!(t.source, TranslationSource::Official);
            assert!(t.reference.as_deref().unwrap().starts_with("http"));
        }
    }
    // The README cites each.
    let readme = include_str!("../README.md");
    for e in g.entries.iter().filter(|e| !e.translations.is_empty()) {
        let t = e.translation("en").unwrap();
        assert!(
            readme.contains(t.reference.as_deref().unwrap()),
            "{}",
            e.term
        );
        assert!(readme.contains(&t.term), "{}", e.term);
    }
}

#[test]
fn lang_in_every_human_format() {
    let ann = Annotator::new(&Glossary::builtin()).unwrap();
    let text = "深化“一网通办”，编制三线一单。";
    let en = Options::new().lang("en");
    let inline = render::to_string(&ann, Format::Inline, text, &en).unwrap();
    assert!(inline.contains("“一网通办”\u{2060}（Government Online-Offline Shanghai）"));
    assert!(
        inline.contains("三线一单\u{2060}（生态保护红线"),
        "no translation: Chinese"
    );
    assert_eq!(render::strip_inline(&ann, &inline), text);
    // Annotating the English rendering again, in either language, adds nothing.
    for opts in [Options::new(), en.clone()] {
        assert_eq!(
            render::to_string(&ann, Format::Inline, &inline, &opts).unwrap(),
            inline
        );
    }
    let footnote = render::to_string(&ann, Format::Footnote, text, &en).unwrap();
    assert!(footnote.contains("¹ 一网通办（Government Online-Offline Shanghai）：“一”是指"));
    assert!(footnote.contains("² 三线一单：是指"));
    let markdown = render::to_string(&ann, Format::Markdown, text, &en).unwrap();
    assert!(markdown.contains("[^1]: **一网通办**（Government Online-Offline Shanghai）："));
    let html = render::to_string(&ann, Format::Html, text, &en).unwrap();
    assert!(html.contains("<dt id=\"g-2\" data-scope=\"上海市，2018年起\">一网通办 <span lang=\"en\">Government Online-Offline Shanghai</span></dt>"), "{html}");
    // A language no entry has changes nothing.
    for format in [
        Format::Inline,
        Format::Footnote,
        Format::Markdown,
        Format::Html,
        Format::Json,
    ] {
        let plain = render::to_string(&ann, format, text, &Options::new()).unwrap();
        let fr = render::to_string(&ann, format, text, &Options::new().lang("fr")).unwrap();
        assert_eq!(fr, plain, "{format:?}");
    }
}

#[test]
fn a_translated_definition_is_shown_and_marked() {
    let mut g = Glossary::builtin();
    let mut t = Translation::new("Three Lines and One List");
    t.definition = Some("Ecological red lines, environmental quality floors, resource caps and a market access list.".into());
    g.entries[23].translations.insert("en".into(), t);
    let ann = Annotator::new(&g).unwrap();
    let html = render::to_string(
        &ann,
        Format::Html,
        "编制三线一单",
        &Options::new().lang("en"),
    )
    .unwrap();
    assert!(html.contains("<dd id=\"d-24\" lang=\"en\">Ecological red lines"));
    assert!(html.contains("data-definition=\"Ecological red lines"));
    let inline = render::to_string(
        &ann,
        Format::Inline,
        "编制三线一单",
        &Options::new().lang("en-GB"),
    )
    .unwrap();
    assert_eq!(inline, "编制三线一单\u{2060}（Three Lines and One List）");
}

// ---------------------------------------------------------------------------------------------
// Dictionaries.

#[test]
fn the_dictionary_holds_every_form_the_report_writes() {
    let words = dictionary::words(&Glossary::builtin(), false);
    let unique: std::collections::HashSet<_> = words.iter().collect();
    assert_eq!(unique.len(), words.len(), "each word once");
    assert!(
        words
            .iter()
            .all(|w| !w.is_empty() && !w.chars().any(char::is_whitespace))
    );
    // Every match in the report's body, as the body writes it (without its whitespace), is a
    // word, with or without its quotes.
    let ann = Annotator::new(&Glossary::builtin()).unwrap();
    let body = body(REPORT);
    for m in ann.find_iter(body) {
        let written: String = body[m.range()]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let bare: String = written.chars().filter(|c| !"“”\"".contains(*c)).collect();
        assert!(
            unique.contains(&written) || unique.contains(&bare),
            "{written}"
        );
    }
    for word in [
        "金十条",
        "双100",
        "三个三服务",
        "双随机一公开",
        "双随机，一公开",
        "行政执法三项制度",
    ] {
        assert!(unique.contains(&word.to_string()), "{word}");
    }
}

#[test]
fn traditional_forms_only_on_request() {
    let plain = dictionary::words(&Glossary::builtin(), false);
    let trad = dictionary::words(&Glossary::builtin(), true);
    assert!(!plain.iter().any(|w| w == "一網通辦"));
    assert!(trad.iter().any(|w| w == "一網通辦"));
    assert!(plain.iter().all(|w| trad.contains(w)) && trad.len() > plain.len());
    // The report in traditional script: every match written as a word.
    let ann = Annotator::new(&Glossary::builtin()).unwrap();
    let text = body(common::TRADITIONAL);
    let words: std::collections::HashSet<_> = trad.iter().collect();
    for m in ann.find_iter(text) {
        let written: String = text[m.range()]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let bare: String = written.chars().filter(|c| !"“”\"".contains(*c)).collect();
        assert!(
            words.contains(&written) || words.contains(&bare),
            "{written}"
        );
    }
}

#[test]
fn dictionary_line_formats() {
    let g = Glossary::builtin();
    let jieba = interchange::write(&g, GlossaryFormat::Jieba, &WriteOptions::new()).unwrap();
    let hanlp = interchange::write(&g, GlossaryFormat::Hanlp, &WriteOptions::new()).unwrap();
    let words = dictionary::words(&g, false);
    assert_eq!(jieba.lines().count(), words.len());
    for ((j, h), w) in jieba.lines().zip(hanlp.lines()).zip(&words) {
        assert_eq!(j, format!("{w} nz"));
        assert_eq!(h, format!("{w} nz 1"));
    }
    // jieba's own pattern for a user dictionary line reads each as word and tag.
    let re = regex::Regex::new(r"^(.+?)( [0-9]+)?( [a-z]+)?$").unwrap();
    for (line, w) in jieba.lines().zip(&words) {
        let c = re.captures(line).unwrap();
        assert_eq!((&c[1], c.get(2), &c[3]), (w.as_str(), None, " nz"));
    }
    let err = interchange::read_str(&jieba, GlossaryFormat::Jieba).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Malformed);
}

// ---------------------------------------------------------------------------------------------
// The glossary format.

#[test]
fn the_reports_own_glossary() {
    let ann = Annotator::new(&Glossary::builtin()).unwrap();
    let body = body(REPORT);
    let json = render::to_string(&ann, Format::Glossary, body, &Options::new()).unwrap();
    let g = Glossary::from_json_str(&json).unwrap();
    assert_eq!(g.entries.len(), 29);
    assert_eq!(
        g.entries
            .iter()
            .map(|e| e.occurrences.unwrap())
            .sum::<u64>(),
        36
    );
    // In order of first use, each entry as the glossary has it.
    let mut first: Vec<(usize, u32)> = Vec::new();
    for m in ann.find_iter(body) {
        if !first.iter().any(|&(_, id)| id == m.entry_id()) {
            first.push((m.start(), m.entry_id()));
        }
    }
    let ids: Vec<u32> = g.entries.iter().map(|e| e.id).collect();
    assert_eq!(ids, first.iter().map(|&(_, id)| id).collect::<Vec<_>>());
    for e in &g.entries {
        let mut plain = e.clone();
        plain.occurrences = None;
        assert_eq!(Glossary::builtin().entry(e.id), Some(&plain));
    }
    // It converts like any glossary, counts included.
    let back = read(&write(&g, GlossaryFormat::Tbx), GlossaryFormat::Tbx);
    assert_eq!(back, g);
    // A text that uses nothing has an empty glossary.
    let none =
        render::to_string(&ann, Format::Glossary, "没有口号的文字", &Options::new()).unwrap();
    assert!(Glossary::from_json_str(&none).unwrap().entries.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Merges, and any text.

#[test]
fn a_merge_round_trips_with_its_labels_and_repeated_ids() {
    let mut g = Glossary::builtin();
    let mut other = hostile();
    other.entries.retain(|e| e.id == 2);
    other
        .entries
        .push(Entry::new(1, "一网统管", "是指城市运行一网统管。"));
    g.merge(other).unwrap();
    assert!(g.entries.iter().filter(|e| e.id == 1).count() == 2);
    let xml = write(&g, GlossaryFormat::Tbx);
    assert!(xml.contains("<termEntry id=\"e1-1\">") && xml.contains("<termEntry id=\"e1-31\">"));
    assert!(xml.contains("<admin type=\"projectSubset\">敌意 &lt;词表&gt;"));
    assert_eq!(read(&xml, GlossaryFormat::Tbx), g);
    assert_eq!(
        read(&write(&g, GlossaryFormat::Csv), GlossaryFormat::Csv).entries,
        g.entries
    );
}

use proptest::prelude::*;

/// Pieces of text that mean something to XML, TSV, CSV or the annotator.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "<",
        ">",
        "&",
        "&amp;",
        "&#13;",
        "&#x0;",
        "]]>",
        "<![CDATA[",
        "\"",
        "'",
        ",",
        ";",
        "\t",
        "\n",
        "\r",
        "\r\n",
        "#",
        " ",
        "“",
        "”",
        "zhgloss:",
        "{}",
        "一",
        "網",
        "通",
        "办",
        "𪚥",
        "😀",
        "10",
        "十",
        "、",
        "e1",
        "-",
        "=",
        "+",
        "@",
    ]);
    prop::collection::vec(pieces, 0..12).prop_map(|p| p.concat())
}

fn any_glossary() -> impl Strategy<Value = Glossary> {
    let entry = (
        hostile_text(),
        prop::collection::vec(hostile_text(), 0..3),
        hostile_text(),
        prop::option::of(hostile_text()),
        prop::option::of(hostile_text()),
        prop::option::of(hostile_text()),
        prop::option::of(hostile_text()),
    );
    (
        hostile_text(),
        hostile_text(),
        prop::collection::vec(entry, 0..4),
    )
        .prop_map(|(name, source, entries)| {
            let entries = entries
                .into_iter()
                .enumerate()
                .map(
                    |(i, (term, aliases, definition, gloss, note, origin, en))| {
                        // Every entry valid: a term of its own, a definition, aliases that are its own.
                        let term = format!("术{i}{term}");
                        let aliases = aliases
                            .into_iter()
                            .enumerate()
                            .map(|(k, a)| format!("{term}别{k}{a}"))
                            .collect();
                        let mut e = Entry::new(i as u32 + 1, term, format!("定义{definition}"));
                        e.aliases = aliases;
                        // CSV writes an empty text as an empty cell, which reads as none.
                        let some = |s: Option<String>| s.filter(|s| !s.is_empty());
                        (e.gloss, e.note, e.origin) = (some(gloss), some(note), some(origin));
                        if let Some(en) = en {
                            e.translations
                                .insert("en".into(), Translation::new(format!("T{en}")));
                        }
                        e
                    },
                )
                .collect();
            Glossary {
                name,
                source,
                entries,
            }
        })
}

/// What XML 1.0 can hold (the TBX writer refuses the rest).
fn xml_can_hold(g: &Glossary) -> bool {
    !serde_json::to_string(g).unwrap().contains("\\u0000")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_glossary_round_trips(g in any_glossary()) {
        prop_assume!(g.validate().is_ok());
        if xml_can_hold(&g) {
            prop_assert_eq!(read(&write(&g, GlossaryFormat::Tbx), GlossaryFormat::Tbx), g.clone());
        } else {
            prop_assert!(tbx::write(&g).is_err());
        }
        prop_assert_eq!(read(&write(&g, GlossaryFormat::Csv), GlossaryFormat::Csv).entries, g.entries.clone());
        let text = write(&g, GlossaryFormat::Tsv);
        prop_assert!(text.lines().all(|l| l.split('\t').count() == 3));
    }

    #[test]
    fn any_text_reads_or_is_an_error(text in hostile_text(), tags in prop::sample::select(vec![
        "", "<martif><text><body><termEntry id=\"e1\"><langSet xml:lang=\"zh\"><tig><term>",
        "<martif><text><body><termEntry>", "id,zh,definition\n", "甲\t", "<tig>",
    ])) {
        let text = format!("{tags}{text}");
        for format in [GlossaryFormat::Tbx, GlossaryFormat::Tsv, GlossaryFormat::Csv] {
            if let Err(e) = interchange::read_str(&text, format) {
                prop_assert!(!e.to_string().is_empty());
                if e.kind() == ErrorKind::Malformed {
                    prop_assert!(e.line().is_some(), "{format:?}: {e}");
                }
            }
        }
    }
}
