//! Building a glossary from a report: its 名词解释 section and inline （以下简称“X”） definitions.
