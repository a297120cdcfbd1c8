//! Inputs that the fuzz targets (fuzz/) found to break a rule, kept so they stay fixed.

use zhgloss::{ErrorKind, Glossary};

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
    use zhgloss::render::{self, Format, Options};
    use zhgloss::{Annotator, Entry};

    let entry = |id, term: &str, gloss: &str| {
        let mut e = Entry::new(id, term, "定义。");
        e.gloss = Some(gloss.to_string());
        e
    };
    // As the fuzzer found it, and as a glossary might well have it.
    let cases = [
        (
            vec![entry(1, "“一网（", "）"), entry(2, "一网", "的的"), entry(3, "4", "金")],
            "一网",
            "一网\u{2060}（的的）",
        ),
        (
            vec![entry(1, "若干意见", "试行"), entry(2, "若干意见（试行）", "试行稿")],
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
        let opts = Options::new();
        let once = render::to_string(&ann, Format::Inline, text, &opts).unwrap();
        assert_eq!(once, want);
        assert_eq!(render::strip_inline(&ann, &once), text);
        assert_eq!(
            render::to_string(&ann, Format::Inline, &once, &opts).unwrap(),
            once
        );
    }
}
