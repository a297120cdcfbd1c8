//! Rendering annotated text: each output format is a function over the annotator and the text.

use serde::Serialize;

use crate::annotator::Annotator;

#[derive(Serialize)]
struct JsonMatch<'a> {
    entry: u32,
    term: &'a str,
    matched: &'a str,
    start: usize,
    end: usize,
    char_start: usize,
    char_end: usize,
}

#[derive(Serialize)]
struct JsonDocument<'a> {
    bytes: usize,
    matches: Vec<JsonMatch<'a>>,
}

/// The JSON object for one document: its length in bytes and every match, on one line.
///
/// ```
/// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
/// assert_eq!(
///     zhgloss::render::json(&ann, "编制三线一单"),
///     r#"{"bytes":18,"matches":[{"entry":24,"term":"三线一单","matched":"三线一单","start":6,"end":18,"char_start":2,"char_end":6}]}"#
/// );
/// # Ok::<(), zhgloss::Error>(())
/// ```
pub fn json(annotator: &Annotator, text: &str) -> String {
    let matches = annotator
        .find_iter(text)
        .map(|m| JsonMatch {
            entry: m.entry(),
            term: annotator.entry(&m).term.as_str(),
            // Spans of matches in `text` are always on its char boundaries.
            matched: text.get(m.range()).unwrap_or_default(),
            start: m.start(),
            end: m.end(),
            char_start: m.char_start(),
            char_end: m.char_end(),
        })
        .collect();
    let doc = JsonDocument {
        bytes: text.len(),
        matches,
    };
    // Strings and integers always serialise.
    #[allow(clippy::expect_used)]
    serde_json::to_string(&doc).expect("a JSON document always serialises")
}
