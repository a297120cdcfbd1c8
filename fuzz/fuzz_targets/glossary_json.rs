//! Arbitrary bytes as a glossary file: loading never panics, and whatever loads round-trips
//! through `to_json` and compiles.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhgloss::{Annotator, Glossary};

fuzz_target!(|data: &[u8]| {
    // The reader path handles invalid UTF-8 itself.
    let from_reader = Glossary::from_reader(data);
    let Ok(json) = std::str::from_utf8(data) else {
        assert!(from_reader.is_err());
        return;
    };
    let g = match Glossary::from_json_str(json) {
        Ok(g) => g,
        Err(e) => {
            // Errors render, and name a position when they have one.
            let _ = e.to_string();
            if let (Some(line), Some(column)) = (e.line(), e.column()) {
                assert!(line >= 1 && column >= 1, "{e}");
            }
            assert!(from_reader.is_err());
            return;
        }
    };
    assert_eq!(from_reader.ok().as_ref(), Some(&g));
    let again = Glossary::from_json_str(&g.to_json())
        .unwrap_or_else(|e| panic!("to_json output does not load: {e}\n{}", g.to_json()));
    assert_eq!(again, g);
    let ann =
        Annotator::new(&g).unwrap_or_else(|e| panic!("a valid glossary does not compile: {e}"));
    Annotator::builder()
        .traditional(false)
        .numerals(false)
        .build(&g)
        .unwrap_or_else(|e| panic!("a valid glossary does not compile without folding: {e}"));
    // Search the file itself: its terms are in it.
    let mut last = 0;
    for m in ann.find_iter(json) {
        assert!(m.start() >= last && m.start() < m.end());
        assert!(json.get(m.range()).is_some());
        last = m.end();
    }
    for e in &g.entries {
        let _ = e.short_gloss();
    }
});
