//! What each entry's scope and exclusions mean, resolved once for an annotator: the divisions
//! its places name, its years, the words of its definition, and how a reader is told where it
//! holds. The sense decisions read these at every match.

use crate::fold::{FoldOptions, fold_term};
use crate::glossary::{Entry, Glossary};
use crate::places::{self, Place};
use crate::words::{Words, distinctive};

/// An entry that is judged at its matches (it has a scope or exclusions), resolved.
#[derive(Debug)]
pub(crate) struct Judged {
    /// The term, folded as it is compared.
    pub(crate) term: String,
    /// The expressions the entry excludes: as written, and folded.
    pub(crate) excludes: Vec<(String, String)>,
    /// Where and when the definition holds, if the entry says.
    pub(crate) scope: Option<Resolved>,
    /// The words of the definition that tell its sense apart.
    pub(crate) words: Words,
    /// The words of the term.
    pub(crate) term_words: Words,
}

/// An entry's scope, resolved.
#[derive(Debug)]
pub(crate) struct Resolved {
    /// The scope holds everywhere (全国).
    pub(crate) national: bool,
    /// The divisions it names (indices into the places table).
    pub(crate) divisions: Vec<usize>,
    pub(crate) from: Option<u16>,
    pub(crate) until: Option<u16>,
    /// Where it holds, by full names (上海市金山区、浙江省嘉兴市平湖市), for reasons.
    pub(crate) holds_in: String,
}

/// The judged entries of a glossary, by entry index (`None` for an entry never judged).
pub(crate) fn judged(glossary: &Glossary) -> Vec<Option<Judged>> {
    glossary.entries.iter().map(judge).collect()
}

fn fold(text: &str) -> String {
    fold_term(text, &FoldOptions::default())
}

fn judge(entry: &Entry) -> Option<Judged> {
    if entry.scope.is_none() && entry.excludes.is_empty() {
        return None;
    }
    let scope = entry.scope.as_ref().map(|scope| {
        let resolved: Vec<Result<Place, Vec<usize>>> =
            scope.places.iter().map(|p| places::resolve(p)).collect();
        let holds_in = scope
            .places
            .iter()
            .zip(&resolved)
            .map(|(p, r)| match r {
                Ok(Place::Division(d)) => places::path(*d),
                _ => p.trim().to_string(),
            })
            .collect::<Vec<_>>()
            .join("、");
        Resolved {
            national: resolved.contains(&Ok(Place::National)),
            divisions: resolved
                .iter()
                .filter_map(|r| match r {
                    Ok(Place::Division(d)) => Some(*d),
                    _ => None,
                })
                .collect(),
            from: scope.from,
            until: scope.until,
            holds_in,
        }
    });
    Some(Judged {
        term: fold(&entry.term),
        excludes: entry
            .excludes
            .iter()
            .map(|form| (form.clone(), fold(form)))
            .collect(),
        scope,
        words: distinctive(&entry.definition, &entry.term),
        term_words: Words::of(&entry.term),
    })
}

/// Where an entry's definition holds, as a reader is told it: its places by their own names
/// and its years (`金山区`, `上海市，2019年`, `全国，2014年起`); `None` for an entry without a
/// scope.
pub(crate) fn scope_label(entry: &Entry) -> Option<String> {
    let scope = entry.scope.as_ref()?;
    let mut label = scope
        .places
        .iter()
        .map(|p| match places::resolve(p) {
            Ok(Place::Division(d)) => places::division(d).map_or(p.trim(), |d| d.name).to_string(),
            _ => p.trim().to_string(),
        })
        .collect::<Vec<_>>()
        .join("、");
    match (scope.from, scope.until) {
        (Some(f), Some(u)) if f == u => label.push_str(&format!("，{f}年")),
        (Some(f), Some(u)) => label.push_str(&format!("，{f}—{u}年")),
        (Some(f), None) => label.push_str(&format!("，{f}年起")),
        (None, Some(u)) => label.push_str(&format!("，{u}年前")),
        (None, None) => {}
    }
    Some(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_scopes_resolve() {
        let g = Glossary::builtin();
        let judged = judged(&g);
        assert!(
            judged.iter().all(Option::is_some),
            "every built-in entry has a scope"
        );
        let rail = judged[25].as_ref().and_then(|j| j.scope.as_ref()).unwrap();
        assert_eq!(rail.holds_in, "上海市金山区");
        assert!(!rail.national && rail.divisions.len() == 1);
        let towns = judged[7].as_ref().and_then(|j| j.scope.as_ref()).unwrap();
        assert_eq!(towns.holds_in, "上海市金山区、浙江省嘉兴市平湖市");
        assert!(
            judged[17]
                .as_ref()
                .and_then(|j| j.scope.as_ref())
                .unwrap()
                .national
        );
        assert_eq!(
            scope_label(&g.entries[2]).as_deref(),
            Some("上海市，2019年")
        );
        assert_eq!(
            scope_label(&g.entries[6]).as_deref(),
            Some("金山区，2018—2020年")
        );
        assert_eq!(
            scope_label(&g.entries[9]).as_deref(),
            Some("全国，2014年起")
        );
        let mut e = g.entries[0].clone();
        e.scope = None;
        assert_eq!(scope_label(&e), None);
        assert!(judge(&e).is_none());
    }
}
