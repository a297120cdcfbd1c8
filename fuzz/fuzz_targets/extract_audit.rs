//! Arbitrary text as a report: extraction never panics and always yields a valid glossary that
//! compiles; auditing the text never panics, with the built-in glossary or the extracted one.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use zhgloss::{Annotator, Glossary, audit, extract};

fn check_findings(text: &str, findings: &[audit::Finding]) {
    let lines = text.split('\n').count();
    for f in findings {
        assert!(text.get(f.first.clone()).is_some(), "{f:?}");
        assert!(f.count >= 1 && f.line >= 1 && f.line <= lines, "{f:?}");
    }
    let _ = audit::table(findings);
    let _ = audit::json(findings);
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let x = extract::extract(&text);
    x.glossary
        .validate()
        .unwrap_or_else(|e| panic!("extracted glossary invalid: {e}\n{:?}", x.glossary));
    let lines = text.lines().count().max(1);
    for p in &x.problems {
        assert!(p.line >= 1 && p.line <= lines, "{p}");
        let _ = p.to_string();
    }
    // What extraction writes, loading reads back.
    let again = Glossary::from_json_str(&x.glossary.to_json())
        .unwrap_or_else(|e| panic!("extracted glossary does not load: {e}"));
    assert_eq!(again, x.glossary);

    static BUILTIN: OnceLock<Annotator> = OnceLock::new();
    let builtin = BUILTIN.get_or_init(|| Annotator::new(&Glossary::builtin()).unwrap());
    check_findings(&text, &audit::audit(builtin, &text));
    let own = Annotator::new(&x.glossary)
        .unwrap_or_else(|e| panic!("extracted glossary does not compile: {e}"));
    check_findings(&text, &audit::audit(&own, &text));
});
