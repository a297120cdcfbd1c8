//! Slogan-like expressions in a text that no glossary entry explains.
