//! The JSON format: one object per document, every match with its byte and char spans.

use std::io::{self, Write};

use serde::Serialize;

use crate::annotator::Annotator;
use crate::glossary::Entry;
use crate::matches::Match;
use crate::stream::{Render, Term};

/// Above this many bytes of matches, the JSON format stops waiting for the end of the document
/// to write `"bytes"` first, and streams the matches with `"bytes"` after them.
const JSON_BUFFER: usize = 256 * 1024;

#[derive(Serialize)]
struct JsonMatch<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    glossary: Option<&'a str>,
    entry: u32,
    term: &'a str,
    matched: &'a str,
    start: usize,
    end: usize,
    char_start: usize,
    char_end: usize,
    applies: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    why: Option<&'a str>,
}

/// Appends one match to `out` as a JSON object: the one way every JSON format writes a match.
/// `why` is the reason its entry's definition does not hold there, if it does not.
pub(super) fn write_match(
    out: &mut Vec<u8>,
    m: &Match,
    entry: &Entry,
    matched: &str,
    why: Option<&str>,
) {
    let json = JsonMatch {
        glossary: entry.glossary.as_deref(),
        entry: m.entry_id(),
        term: entry.term.as_str(),
        matched,
        start: m.start(),
        end: m.end(),
        char_start: m.char_start(),
        char_end: m.char_end(),
        applies: why.is_none(),
        why,
    };
    // Strings, integers and booleans always serialise, and a `Vec` takes every write.
    let _ = serde_json::to_writer(out, &json);
}

/// The JSON array of every match in `text`, each judged in the document `text` is.
pub(super) fn matches_array(annotator: &Annotator, text: &str) -> Vec<u8> {
    let mut out = vec![b'['];
    for (i, s) in annotator.find_senses(text).iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let m = s.as_match();
        let matched = text.get(m.range()).unwrap_or_default();
        write_match(&mut out, &m, annotator.entry(&m), matched, s.why());
    }
    out.push(b']');
    out
}

/// The JSON object for one document: its length in bytes and every match, each with whether
/// its entry's definition holds there (`"applies"`) and, when not, why (see [`crate::sense`]).
///
/// ```
/// let ann = zhgloss::Annotator::new(&zhgloss::Glossary::builtin())?;
/// assert_eq!(
///     zhgloss::render::json(&ann, "编制三线一单"),
///     r#"{"bytes":18,"matches":[{"entry":24,"term":"三线一单","matched":"三线一单","start":6,"end":18,"char_start":2,"char_end":6,"applies":true}]}"#
/// );
/// let json = zhgloss::render::json(&ann, "出台“黄金10条”扶持政策");
/// assert!(json.ends_with(r#""applies":false,"why":"written 黄金10条, another expression"}]}"#));
/// # Ok::<(), zhgloss::Error>(())
/// ```
pub fn json(annotator: &Annotator, text: &str) -> String {
    let mut out = format!("{{\"bytes\":{},\"matches\":", text.len()).into_bytes();
    out.extend(matches_array(annotator, text));
    out.push(b'}');
    // serde_json writes UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// The JSON format: matches gathered until the document ends (to write `"bytes"` first, as
/// [`json`] does) or until they outgrow [`JSON_BUFFER`] (then streamed, `"bytes"` last).
#[derive(Default)]
pub(super) struct Json {
    matches: Vec<u8>,
    streaming: bool,
    any: bool,
}

impl Render for Json {
    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        self.matches.clear();
        self.streaming = false;
        self.any = false;
        Ok(())
    }

    fn text(&mut self, _out: &mut dyn Write, _text: &str) -> io::Result<()> {
        Ok(())
    }

    fn term(&mut self, out: &mut dyn Write, term: &Term<'_>) -> io::Result<()> {
        if std::mem::replace(&mut self.any, true) {
            self.matches.push(b',');
        }
        write_match(
            &mut self.matches,
            &term.as_match(),
            term.entry(),
            term.matched(),
            term.why(),
        );
        if self.matches.len() >= JSON_BUFFER {
            if !std::mem::replace(&mut self.streaming, true) {
                out.write_all(b"{\"matches\":[")?;
            }
            out.write_all(&self.matches)?;
            self.matches.clear();
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, bytes: u64) -> io::Result<()> {
        if self.streaming {
            out.write_all(&self.matches)?;
            writeln!(out, "],\"bytes\":{bytes}}}")?;
        } else {
            write!(out, "{{\"bytes\":{bytes},\"matches\":[")?;
            out.write_all(&self.matches)?;
            out.write_all(b"]}\n")?;
        }
        self.matches.clear();
        Ok(())
    }
}
