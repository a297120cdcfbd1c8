//! The glossary format: the entries a text uses, as a zhgloss JSON glossary.

use std::io::{self, Write};

use super::notes::glossed;
use super::options::Options;
use crate::annotator::Annotator;
use crate::glossary::Glossary;
use crate::stream::{Render, Term};

/// The glossary format: counts each entry's occurrences over all documents, and writes the
/// entries used, in order of first use, when the output ends.
pub(super) struct DocumentGlossary<'a> {
    annotator: &'a Annotator,
    all_senses: bool,
    /// Occurrences of each entry, by index.
    counts: Vec<u64>,
    /// Entry indices in order of first use.
    order: Vec<usize>,
}

impl<'a> DocumentGlossary<'a> {
    pub(super) fn new(annotator: &'a Annotator, options: &Options) -> DocumentGlossary<'a> {
        DocumentGlossary {
            annotator,
            all_senses: options.all_senses,
            counts: vec![0; annotator.glossary().entries.len()],
            order: Vec::new(),
        }
    }
}

impl Render for DocumentGlossary<'_> {
    fn text(&mut self, _out: &mut dyn Write, _text: &str) -> io::Result<()> {
        Ok(())
    }

    fn term(&mut self, _out: &mut dyn Write, term: &Term<'_>) -> io::Result<()> {
        if !glossed(term, self.all_senses) {
            return Ok(());
        }
        let index = term.as_match().entry_index();
        if let Some(n) = self.counts.get_mut(index) {
            if *n == 0 {
                self.order.push(index);
            }
            *n += 1;
        }
        Ok(())
    }

    fn close(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let from = self.annotator.glossary();
        let entries = self
            .order
            .iter()
            .filter_map(|&i| {
                let mut e = from.entries.get(i)?.clone();
                e.occurrences = self.counts.get(i).copied();
                Some(e)
            })
            .collect();
        let glossary = Glossary {
            name: from.name.clone(),
            source: from.source.clone(),
            entries,
        };
        out.write_all(glossary.to_json().as_bytes())
    }
}
