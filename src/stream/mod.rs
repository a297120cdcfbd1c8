//! Text that arrives piece by piece: searched in a bounded window, with a callback interface
//! ([`Render`], [`Term`]) for what the search hands out, a read-ahead search thread, and
//! matches from any reader.

mod ahead;
mod find;
mod search;
mod sink;

pub(crate) use ahead::{Source, annotate_ahead};
pub use find::StreamFindIter;
pub use search::StreamSearch;
pub use sink::{Render, Term};

#[cfg(test)]
mod tests;
