//! The JSON Lines format: one JSON object per line in, the same object with its matches out.

use std::fmt;
use std::io::{Read, Write};

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::json::matches_array;
use crate::annotator::Annotator;
use crate::error::{Error, ErrorKind};
use crate::input::TextReader;

/// The JSONL format: one JSON object per line in, the same line with `"matches"` out.
pub(super) fn jsonl<R: Read>(
    annotator: &Annotator,
    input: &mut TextReader<R>,
    out: &mut dyn Write,
) -> Result<u64, Error> {
    let mut line = String::new();
    let mut number = 0usize;
    let mut bytes = 0u64;
    while let Some(block) = input.next_block()? {
        bytes += block.len() as u64;
        let mut rest = block;
        while let Some(i) = rest.find('\n') {
            line.push_str(rest.get(..=i).unwrap_or_default());
            rest = rest.get(i + 1..).unwrap_or_default();
            number += 1;
            jsonl_line(annotator, &line, number, out)?;
            line.clear();
        }
        line.push_str(rest);
    }
    if !line.is_empty() {
        jsonl_line(annotator, &line, number + 1, out)?;
    }
    Ok(bytes)
}

/// The members of a JSON object, in order: each key, unescaped, with the exact text of its
/// value. Splicing by these spans leaves every byte of the line the format does not own as it
/// was (number formatting, escapes, key order, spacing), with no JSON scanner of our own.
struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Members<'de>, D::Error> {
        struct Object;
        impl<'de> Visitor<'de> for Object {
            type Value = Members<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members<'de>, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry::<String, &'de RawValue>()? {
                    members.push(member);
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(Object)
    }
}

/// The byte span of `part`, a slice of `whole`, in `whole`.
fn span_in(whole: &str, part: &str) -> Option<std::ops::Range<usize>> {
    let start = (part.as_ptr() as usize).checked_sub(whole.as_ptr() as usize)?;
    let end = start.checked_add(part.len())?;
    (whole.get(start..end) == Some(part)).then_some(start..end)
}

/// Annotates one JSONL line (with its line break, if any) and writes it.
fn jsonl_line(
    annotator: &Annotator,
    line: &str,
    number: usize,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let object = line.trim_end_matches(['\n', '\r']);
    let ending = line.get(object.len()..).unwrap_or_default();
    if object.trim().is_empty() {
        out.write_all(line.as_bytes())?;
        return Ok(());
    }
    let invalid = |message: String, column: Option<usize>| {
        let err = Error::new(
            ErrorKind::InvalidJsonl,
            format!("not a JSON object with a string \"text\" field: {message}"),
        )
        .with_line(number);
        match column {
            Some(column) => err.with_column(column),
            None => err,
        }
    };
    let members: Members<'_> = serde_json::from_str(object).map_err(|e| {
        // Error::json gives serde's message without its position, and the column in chars.
        let json = Error::json(e, object);
        invalid(json.message().to_string(), json.column())
    })?;
    let mut text = None;
    // The spans of the values of every top-level "matches" member.
    let mut stale = Vec::new();
    let mut value_ends = Vec::with_capacity(members.0.len());
    for (key, value) in &members.0 {
        let span = span_in(object, value.get())
            .ok_or_else(|| invalid("a value outside its line".to_string(), None))?;
        match key.as_str() {
            "text" if text.is_some() => {
                return Err(invalid("duplicate field `text`".to_string(), None));
            }
            "text" => {
                let value: String = serde_json::from_str(value.get())
                    .map_err(|e| invalid(format!("\"text\" is {e}"), None))?;
                text = Some(value);
            }
            "matches" => stale.push((value_ends.len(), span.clone())),
            _ => {}
        }
        value_ends.push(span.end);
    }
    let text = text.ok_or_else(|| invalid("missing field `text`".to_string(), None))?;
    let matches = matches_array(annotator, &text);
    match stale.split_first() {
        // Exactly one "matches", whatever the line held: the first one's value is replaced,
        // and any later member of that name is dropped with the comma before it.
        Some(((_, first), later)) => {
            out.write_all(object.get(..first.start).unwrap_or_default().as_bytes())?;
            out.write_all(&matches)?;
            let mut at = first.end;
            for (k, span) in later {
                let member_start = k
                    .checked_sub(1)
                    .and_then(|prev| value_ends.get(prev))
                    .copied()
                    .unwrap_or(span.start);
                out.write_all(object.get(at..member_start).unwrap_or_default().as_bytes())?;
                at = span.end;
            }
            out.write_all(object.get(at..).unwrap_or_default().as_bytes())?;
        }
        None => {
            // The object parsed, so its last '}' closes it, after a member ("text").
            let close = object.rfind('}').unwrap_or(object.len());
            out.write_all(object.get(..close).unwrap_or_default().as_bytes())?;
            out.write_all(b",\"matches\":")?;
            out.write_all(&matches)?;
            out.write_all(object.get(close..).unwrap_or_default().as_bytes())?;
        }
    }
    out.write_all(ending.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Glossary;

    fn line(object: &str) -> Result<String, Error> {
        let ann = Annotator::new(&Glossary::builtin()).unwrap();
        let mut out = Vec::new();
        jsonl_line(&ann, object, 1, &mut out)?;
        Ok(String::from_utf8(out).unwrap())
    }

    #[test]
    fn matches_replace_the_top_level_member_and_keep_every_other_byte() {
        let o = r#"{"a":{"matches":1},"s":"x\"}" , "text" : "三线一单","matches" : [1,{"b":[]}] ,"z":null}"#;
        let m = r#"[{"entry":24,"term":"三线一单","matched":"三线一单","start":0,"end":12,"char_start":0,"char_end":4,"applies":true}]"#;
        let expected = o.replace(r#"[1,{"b":[]}]"#, m);
        assert_eq!(line(o).unwrap(), expected);
        assert_eq!(
            line(r#"{"text":"三"}"#).unwrap(),
            r#"{"text":"三","matches":[]}"#
        );
    }

    #[test]
    fn one_matches_member_whatever_the_line_held() {
        // A second "matches", and one whose name is escaped, are dropped with their comma.
        let o = r#"{"text":"三线一单","matches":[9], "matches" :[8],"matche\u0073":[7],"k":1}"#;
        let out = line(o).unwrap();
        let parsed: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(parsed["matches"][0]["entry"], 24);
        assert_eq!(out.matches("\"matches\"").count(), 1, "{out}");
        assert!(!out.contains("matche\\u0073"), "{out}");
        assert!(out.ends_with(r#","k":1}"#), "{out}");
    }

    #[test]
    fn a_line_that_is_not_an_object_is_an_error() {
        for bad in [
            r#"["}三线一单"]"#,
            "\"三线一单\"",
            "7",
            r#"{"text":1}"#,
            r#"{"t":"三"}"#,
            r#"{"text":"a","text":"b"}"#,
        ] {
            let err = line(bad).unwrap_err();
            assert_eq!(
                (err.kind(), err.line()),
                (ErrorKind::InvalidJsonl, Some(1)),
                "{bad}"
            );
        }
    }
}
