//! Inputs that the fuzz targets (fuzz/) found to break a rule, kept so they stay fixed.

mod common;

use zhgloss::{Annotator, Entry, ErrorKind, Glossary};

/// glossary_json: serde_json reports column 0 for an error at the start of an empty line (here
/// the end of empty input); error columns are 1-based.
#[test]
fn json_error_at_end_of_empty_input_has_column_1() {
    let err = Glossary::from_json_str("").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Json);
    assert_eq!((err.line(), err.column()), (Some(1), Some(1)));
    assert_eq!(err.to_string(), "line 1:1: EOF while parsing a value");
}

#[test]
fn json_error_after_final_line_break_has_column_1() {
    let err = Glossary::from_json_str("{\"entries\": [\n").unwrap_err();
    assert_eq!((err.line(), err.column()), (Some(2), Some(1)));
    assert_eq!(err.to_string(), "line 2:1: EOF while parsing a list");
}

/// render_inline: the inline gloss mark (U+2060) folded like whitespace, so a term that goes on
/// with `（` was found running through the mark into the gloss just inserted: stripping missed
/// the gloss and rendering again glossed the longer term.
#[test]
fn no_term_runs_through_the_inline_mark_into_its_gloss() {
    use zhgloss::render::Options;
    use zhgloss::{Annotator, Entry};

    let entry = |id, term: &str, gloss: &str| {
        let mut e = Entry::new(id, term, "定义。");
        e.gloss = Some(gloss.to_string());
        e
    };
    // As the fuzzer found it, and as a glossary might well have it.
    let cases = [
        (
            vec![
                entry(1, "“一网（", "）"),
                entry(2, "一网", "的的"),
                entry(3, "4", "金"),
            ],
            "一网",
            "一网\u{2060}（的的）",
        ),
        (
            vec![
                entry(1, "若干意见", "试行"),
                entry(2, "若干意见（试行）", "试行稿"),
            ],
            "出台若干意见。",
            "出台若干意见\u{2060}（试行）。",
        ),
    ];
    for (entries, text, want) in cases {
        let g = Glossary {
            entries,
            ..Glossary::default()
        };
        let ann = Annotator::new(&g).unwrap();
        let once = inline_round_trip(&ann, text, &Options::new());
        assert_eq!(once, want);
    }
}

/// render_inline: a term read on from inside a gloss (the gloss's closing ） folds to `)`) hid
/// the next term from strip_inline, whose gloss then stayed.
#[test]
fn strip_inline_does_not_read_on_out_of_a_gloss() {
    use zhgloss::render::{self, Format, Options};
    use zhgloss::{Annotator, Entry};

    let mut e = Entry::new(1, "))", "定义。");
    e.gloss = Some("的".to_string());
    let g = Glossary {
        entries: vec![e],
        ..Glossary::default()
    };
    let ann = Annotator::new(&g).unwrap();
    let opts = Options::new().every(true);
    let text = "))))))";
    let once = render::to_string(&ann, Format::Inline, text, &opts).unwrap();
    assert_eq!(once, "))\u{2060}（的）))\u{2060}（的）))\u{2060}（的）");
    assert_eq!(render::strip_inline(&ann, &once), text);
}

/// The same input found that rendering glossed text again was not idempotent when a term holds a
/// closing parenthesis: the stream search read on out of a gloss the renderer skipped and hid
/// the next term. The search now resumes after such a gloss (`Render::resume_at`).
#[test]
fn inline_is_idempotent_for_terms_holding_a_closing_parenthesis() {
    use zhgloss::render::{self, Format, Options};
    use zhgloss::{Annotator, Entry};

    let mut e = Entry::new(1, "))", "定义。");
    e.gloss = Some("的".to_string());
    let g = Glossary {
        entries: vec![e],
        ..Glossary::default()
    };
    let ann = Annotator::new(&g).unwrap();
    let opts = Options::new().every(true);
    let once = render::to_string(&ann, Format::Inline, "))))))", &opts).unwrap();
    assert_eq!(
        render::to_string(&ann, Format::Inline, &once, &opts).unwrap(),
        once
    );
}

#[test]
fn u_ffff_in_the_text_is_an_ordinary_character_for_the_double_array() {
    // Found by the find_iter fuzz target: the double array marks long whitespace runs with
    // U+FFFF in its folded buffer, and took the text's own U+FFFF for such a mark.
    let g = Glossary {
        entries: vec![Entry::new(1, "一", "定义")],
        ..Glossary::default()
    };
    let text = "\u{ffff}一一";
    for engine in common::ENGINES {
        let ann = Annotator::builder().engine(engine).build(&g).unwrap();
        let spans: Vec<_> = ann.find_iter(text).map(|m| m.range()).collect();
        assert_eq!(spans, [3..6, 6..9], "{engine:?}");
    }
}

#[test]
fn a_gloss_after_a_quote_that_a_removed_gloss_opened_is_stripped_and_kept() {
    // Found by the render_inline fuzz target: the second 三线一单 is wrapped by the `"` that
    // closes the first one and its own ”, so its gloss goes after the ”; in the rendered text
    // the first gloss stands between that `"` and the term.
    use zhgloss::render::Options;

    let ann = Annotator::new(&Glossary::builtin()).unwrap();
    let opts = Options::new().every(true);
    let text = "\"三线一单\"三线一单”(";
    let once = inline_round_trip(&ann, text, &opts);
    assert_eq!(once.matches('\u{2060}').count(), 2);
}

#[test]
fn forms_that_fold_alike_share_their_quote() {
    // Found by the find_iter fuzz target: 条条 and its alias 「条条 are one folded term, so
    // 「条条 in the text is found with its quote, whichever form came first. (The naive reference
    // used to take the first form's flags only; it now merges them, as the annotator does.)
    let mut e = Entry::new(1, "条条", "定义");
    e.aliases = vec!["「条条".into()];
    let g = Glossary {
        entries: vec![e],
        ..Glossary::default()
    };
    let text = "条条「条条";
    for engine in common::ENGINES {
        let ann = Annotator::builder().engine(engine).build(&g).unwrap();
        let found: Vec<_> = ann.find_iter(text).map(|m| &text[m.range()]).collect();
        assert_eq!(found, ["条条", "「条条"], "{engine:?}");
    }
}

/// Renders `text` inline and checks what every inline rendering owes: stripping the glosses
/// gives back the text, and rendering the result again adds nothing. Returns the rendering.
fn inline_round_trip(ann: &Annotator, text: &str, opts: &zhgloss::render::Options) -> String {
    use zhgloss::render::{self, Format};

    let once = render::to_string(ann, Format::Inline, text, opts).unwrap();
    assert_eq!(render::strip_inline(ann, &once), text);
    assert_eq!(
        render::to_string(ann, Format::Inline, &once, opts).unwrap(),
        once
    );
    once
}

/// render_inline: a gloss changed what the boundary rule saw. In `+1`, a term starting with a
/// digit does not match after `+`; once `+` was glossed, the `1` followed the gloss's `）`, so
/// rendering the output again glossed it. For the boundary rule, the text after a gloss follows
/// the character before the gloss, as in the text the gloss was added to.
#[test]
fn a_gloss_does_not_open_the_boundary_rule_to_the_term_after_it() {
    use zhgloss::render::{self, Format, Options};

    let entry = |id, term: &str, gloss: &str| {
        let mut e = Entry::new(id, term, "定义。");
        e.gloss = Some(gloss.to_string());
        e
    };
    let g = Glossary {
        entries: vec![
            entry(1, "+", "加"),
            entry(2, "1", "一"),
            entry(3, "12", "十二"),
        ],
        ..Glossary::default()
    };
    let ann = Annotator::new(&g).unwrap();
    let opts = Options::new().every(true);
    for (text, want) in [
        ("+1", "+\u{2060}（加）1"),
        ("+12、1", "+\u{2060}（加）12、1\u{2060}（一）"),
        ("+“1”", "+\u{2060}（加）“1”\u{2060}（一）"),
        ("+ 1", "+\u{2060}（加） 1\u{2060}（一）"),
    ] {
        let once = render::to_string(&ann, Format::Inline, text, &opts).unwrap();
        assert_eq!(once, want, "in {text:?}");
        let twice = render::to_string(&ann, Format::Inline, &once, &opts).unwrap();
        assert_eq!(twice, once, "rendering {text:?} again");
    }
}
