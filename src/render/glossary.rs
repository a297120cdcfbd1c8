//! The glossary format: the entries a text uses, as a zhgloss JSON glossary.

use std::io::{self, Write};

use super::notes::glossed;
use super::options::Options;
use super::place::Flow;
use crate::annotator::Annotator;
use crate::glossary::Glossary;
use crate::stream::{Render, Term};

/// The glossary format: counts each entry's occurrences over all documents, and writes the
/// entries used, in order of first use, when the output ends. A document's own glossary
/// section (its 名词解释) is not a use: its headwords are what it defines, as the human formats
/// leave it as written.
pub(super) struct DocumentGlossary<'a> {
    annotator: &'a Annotator,
    all_senses: bool,
    /// Where the text is: in the document's own glossary section or not.
    flow: Flow,
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
            flow: Flow::new(annotator.glossary().entries.len()),
            counts: vec![0; annotator.glossary().entries.len()],
            order: Vec::new(),
        }
    }
}

/// Reads text into the flow, writing nothing.
fn read(flow: &mut Flow, text: &str) -> io::Result<()> {
    flow.write(&mut io::sink(), text, |_, _| Ok(()))
}

impl Render for DocumentGlossary<'_> {
    /// Enough to see the colon after a headword of the document's own glossary section.
    fn lookahead(&self) -> usize {
        16
    }

    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        self.flow.begin();
        Ok(())
    }

    fn text(&mut self, _out: &mut dyn Write, text: &str) -> io::Result<()> {
        read(&mut self.flow, text)
    }

    fn term(&mut self, _out: &mut dyn Write, term: &Term<'_>) -> io::Result<()> {
        let in_section = self.flow.in_section(term).is_some();
        read(&mut self.flow, term.matched())?;
        if in_section || !glossed(term, self.all_senses) {
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
