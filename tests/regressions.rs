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
