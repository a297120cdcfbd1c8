//! The engine for small glossaries: anchor hits, with the terms anchored there checked around
//! each.
//!
//! Whatever folding does to a term in running text (spaces and line breaks between its
//! characters, quotes, full-width forms, traditional script), each of its characters is still
//! there, whole, in one of a few raw forms. So every term gets an *anchor*: a rare character
//! of it, shared with other terms where that costs no more hits. A raw `aho-corasick` search
//! for the raw forms of all anchors (a handful of 3-byte patterns, which its SIMD Teddy
//! searcher finds at close to memory speed) finds every place a match can be; each term
//! anchored there is then compared with the text around the hit, character by folded
//! character, forward and back from the anchor. Every match holds its own anchor, so checking
//! the terms at every hit finds every match, and the result is exactly that of folding the
//! whole text.
//!
//! Checking terms directly is what makes the hits cheap: most fail at the character next to
//! the anchor. That character is nearly always an ideograph, and an ideograph is compared as
//! three raw bytes with the few that fold to the term's character: no decoding, no folding.
//! Only a term whose neighbours in the text are something else (punctuation, digits, quotes,
//! whitespace) is compared character by folded character. Running an automaton over a window
//! around each hit instead is slower: its transition table, hundreds of kilobytes for Chinese
//! terms, is cold in cache when a window starts. (`DESIGN.md` tells what was measured.)

use aho_corasick::{AhoCorasick, Input, MatchKind, Span, packed};

use super::patterns::{Haystack, Raw};
use crate::fold::{
    Fold, FoldOptions, MAX_QUOTE_BYTES, MAX_SPACE_BYTES, fold_at, pinyin_before, traditional_forms,
};

/// Above this many distinct anchor forms, hits come too often for checking the terms at each
/// to pay: an automaton then runs over the whole text.
const MAX_ANCHORS: usize = 256;

/// The 300 most frequent characters of the bundled 2020 Jinshan report, most frequent first: a
/// small stand-in for character frequency in Chinese government text. An anchor is the term's
/// character that comes latest in this list, or is absent from it.
const COMMON: &str = "建区化业一进全实推展新务发中设成工产个市地力加政项体动村三生增理合的公持高大深和\
治改服指提行金人国长制完农会上重级创能强是平目保入作路点山民资法稳经开办程系心快机施升环城年落质家度事坚\
社四园范不育集管基续规革济有收品整通为要标优划型造主二海位好效医活综总元方批面量示审水对定步用等利镇以下\
文第现运商减科境线策住善代态性美台联教在学及亿出网房乡府调次任构居角源分企转类立共老色精风率功打监五融做\
促群单评兴道丽众过时贯期各统值计获招条万试牌技应域接健卫执特着就约小交先少绿营场向题障安决同届求速注配式\
顺引本专意智举旅护职抓导彻两投结防前于研组张清供才部问振口养污固筹百正司放压协";

/// The anchor searchers: `aho-corasick`'s packed (Teddy) searchers where the CPU has them,
/// called directly since they are asked for every hit; its full automaton elsewhere.
///
/// Anchors as the glossary folds them and their other raw forms (traditional, full-width) get a
/// searcher each, with the index of each of its forms among all. Teddy's false candidates grow
/// with the patterns it holds, Chinese characters sharing their lead bytes, and one script's
/// forms are rare in the other's text: two searchers of fewer forms each find the hits faster
/// than one of all of them.
#[derive(Clone, Debug)]
enum Anchors {
    Packed(Vec<(packed::Searcher, Vec<usize>)>),
    Automaton(AhoCorasick),
}

/// How many anchor searchers there can be.
const GROUPS: usize = 2;

/// What each anchor searcher found when last asked; kept by the caller from call to call so
/// that each searcher runs over the text once.
type Hits = [Lookout; GROUPS];

/// An anchor form found in the text.
#[derive(Clone, Copy, Debug)]
struct Hit {
    start: usize,
    end: usize,
    /// Which anchor form: its index among all of them.
    form: usize,
}

impl Hit {
    /// No hit: after every other.
    const NONE: Hit = Hit {
        start: usize::MAX,
        end: usize::MAX,
        form: usize::MAX,
    };
}

/// What one anchor searcher knows of the text from `from` on: its first hit there, or, while
/// that is [`Hit::NONE`], that no hit starts before `clear`.
#[derive(Clone, Copy, Debug)]
struct Lookout {
    from: usize,
    hit: Hit,
    clear: usize,
}

impl Default for Lookout {
    /// Not searched yet.
    fn default() -> Lookout {
        Lookout {
            from: usize::MAX,
            hit: Hit::NONE,
            clear: 0,
        }
    }
}

/// Where a search with anchors stands, from one match to the next.
#[derive(Clone, Debug)]
pub(crate) struct Search {
    /// Where the search for anchor hits goes on.
    hit_at: usize,
    hits: Hits,
    /// The next hit, found ahead to know how far back its terms can start.
    next_hit: Option<Hit>,
    /// Matches found around hits and not yet returned: `(pattern, start, end)`.
    found: Vec<(usize, usize, usize)>,
}

impl Search {
    /// A search from byte `start`.
    pub(crate) fn new(start: usize) -> Search {
        Search {
            hit_at: start,
            hits: Hits::default(),
            next_hit: None,
            found: Vec::new(),
        }
    }
}

/// How far ahead a searcher for forms other than the glossary's own looks at a time (see
/// [`Anchored::next_hit`]).
const LOOK_AHEAD: usize = 1 << 16;

/// A term anchored on an anchor form: its pattern, the index of the anchor among the
/// pattern's folded characters (its first occurrence: every match has that one as a hit), and
/// the ideographs of the characters after the anchor and before it, each nearest first, kept
/// here for the first comparison at every hit ([`raw_walk`]).
#[derive(Clone, Debug)]
struct Anchoring {
    pattern: u32,
    at: u32,
    after: Box<[Slot]>,
    before: Box<[Slot]>,
}

#[derive(Clone, Debug)]
pub(crate) struct Anchored {
    /// The raw forms of every anchor.
    anchors: Anchors,
    /// The longest anchor form, in bytes.
    longest_form: usize,
    /// No match starts more than this many bytes before its anchor: every folded character of
    /// a term is at most 4 bytes, with at most `max_gap` whitespace characters and `max_gap`
    /// quote marks (or pinyin annotations, `MAX_QUOTE_BYTES` at most) before it.
    max_back: usize,
    /// For each anchor form, the terms anchored on it.
    anchored: Vec<Vec<Anchoring>>,
    /// Each pattern's folded characters.
    chars: Vec<Box<[char]>>,
}

/// The ideographs that fold to one character of a term, as [`code`]s, padded with zeros (no
/// code); [`CROWDED`] in every lane where there are more than four.
type Slot = [u32; 4];

/// Marks a slot whose character more than four ideographs fold to: only folding can tell.
const CROWDED: u32 = u32::MAX;

/// Three bytes of text as one number, to compare at once.
#[inline]
fn code(bytes: [u8; 3]) -> u32 {
    let [a, b, c] = bytes;
    u32::from_be_bytes([0, a, b, c])
}

/// A rough weight for how often `c` occurs in Chinese government text: ASCII (digits above
/// all) most, characters outside the list least.
fn frequency(c: char) -> u64 {
    if c.is_ascii() {
        return 100_000;
    }
    // Looked up for every character of every term, and again as anchors are sorted: the list
    // is made a map once (a search of it each time made building slower than searching).
    static RANKS: std::sync::OnceLock<std::collections::HashMap<char, u64>> =
        std::sync::OnceLock::new();
    let ranks = RANKS.get_or_init(|| {
        let n = COMMON.chars().count();
        let mut ranks = std::collections::HashMap::new();
        for (rank, k) in COMMON.chars().enumerate() {
            // A character listed twice keeps its first (higher) rank.
            ranks.entry(k).or_insert(10 * (n - rank) as u64 + 10);
        }
        ranks
    });
    ranks.get(&c).copied().unwrap_or(1)
}

/// Every raw character that folds to `c`.
fn raw_forms(c: char, opts: &FoldOptions) -> Vec<char> {
    let mut raw = vec![c];
    if c.is_ascii_graphic() {
        raw.extend(char::from_u32(c as u32 + 0xFEE0));
    }
    if opts.traditional {
        raw.extend(traditional_forms(c));
    }
    raw
}

/// What anchoring on `c` costs: how often it is hit, and, between characters about as common,
/// how many raw forms it adds to the searcher. Hits cost more than patterns: weighing the two
/// alike (frequency × forms) anchored 一网通办 on 通 rather than 网 (which has 網), and the
/// report's hits went from about 450 to 519 a copy.
fn cost(c: char, opts: &FoldOptions) -> u64 {
    frequency(c) * 4 + raw_forms(c, opts).len() as u64
}

impl Anchored {
    /// The engine for these folded patterns, or `None` when their anchors are too many for it
    /// to pay. `family[i]` is the pattern whose numeral spelling pattern `i` is (`i` itself for
    /// a form as written).
    pub(crate) fn build(
        patterns: &[String],
        family: &[usize],
        opts: &FoldOptions,
    ) -> Option<Anchored> {
        let mut forms: Vec<String> = Vec::new();
        let mut anchored: Vec<Vec<Anchoring>> = Vec::new();
        let mut group: Vec<usize> = Vec::new();
        let mut chars_of: Vec<Box<[char]>> = Vec::with_capacity(patterns.len());
        let mut index = std::collections::HashMap::<char, usize>::new();
        let mut chosen: Vec<char> = Vec::new();
        let mut longest_before = 0;
        // The spellings of one form share an anchor where a character is in all of them (金10条
        // and 金十条 on 条, rather than 条 and 十): fewer forms to search and fewer hits.
        let mut members: std::collections::HashMap<usize, Vec<&str>> = Default::default();
        for (pid, p) in patterns.iter().enumerate() {
            let root = family.get(pid).copied().unwrap_or(pid);
            members.entry(root).or_default().push(p);
        }
        let mut family_anchor = std::collections::HashMap::<usize, char>::new();
        // Each pattern's characters, the ones it can be anchored on, and its anchor.
        let mut plan: Vec<(Vec<char>, Vec<char>, char)> = Vec::with_capacity(patterns.len());
        for (pid, p) in patterns.iter().enumerate() {
            let root = family.get(pid).copied().unwrap_or(pid);
            let all: Vec<char> = p.chars().collect();
            let in_every = |c: &char| {
                members
                    .get(&root)
                    .is_none_or(|m| m.iter().all(|other| other.contains(*c)))
            };
            let common: Vec<char> = all.iter().copied().filter(in_every).collect();
            let chars = if common.is_empty() {
                all.clone()
            } else {
                common
            };
            let cheapest = chars.iter().map(|&c| cost(c, opts)).min()?;
            // A character another term already anchors on adds no pattern to the searcher: take
            // it unless it is much more common than this term's cheapest.
            let shared = chars
                .iter()
                .copied()
                .filter(|c| chosen.contains(c))
                .min_by_key(|&c| cost(c, opts))
                .filter(|&c| cost(c, opts) <= 2 * cheapest);
            let anchor = match family_anchor.get(&root).filter(|c| all.contains(c)) {
                Some(&c) => c,
                None => match shared {
                    Some(c) => c,
                    None => chars.iter().copied().min_by_key(|&c| cost(c, opts))?,
                },
            };
            family_anchor.entry(root).or_insert(anchor);
            if !chosen.contains(&anchor) {
                chosen.push(anchor);
            }
            if chosen.len() > MAX_ANCHORS {
                return None;
            }
            plan.push((all, chars, anchor));
        }
        // Fewer anchors search faster, as Teddy's false candidates grow with its patterns, and
        // stop less often. So an anchor is dropped, the costliest first, wherever every term
        // anchored on it holds another anchor, and those terms move to the cheapest they hold:
        // its hits go and no other anchor's come. On the built-in glossary this takes 27
        // anchors to 20 (全程代办 moves to 程, 双减半 to 双, ...).
        let mut by_cost = chosen.clone();
        by_cost.sort_by_cached_key(|&c| std::cmp::Reverse(cost(c, opts)));
        for dropped in by_cost {
            let other = |c: &char| *c != dropped && chosen.contains(c);
            let moves: Option<Vec<char>> = plan
                .iter()
                .filter(|(_, _, anchor)| *anchor == dropped)
                .map(|(_, chars, _)| {
                    chars
                        .iter()
                        .copied()
                        .filter(other)
                        .min_by_key(|&c| cost(c, opts))
                })
                .collect();
            let Some(moves) = moves else {
                continue;
            };
            let mut moves = moves.into_iter();
            for (_, _, anchor) in plan.iter_mut().filter(|(_, _, a)| *a == dropped) {
                *anchor = moves.next()?;
            }
            chosen.retain(|&c| c != dropped);
        }
        for (pid, (all, _, anchor)) in plan.into_iter().enumerate() {
            let k = all.iter().position(|&c| c == anchor)?;
            longest_before = longest_before.max(k);
            let slots: Vec<Slot> = all.iter().map(|&c| ideographs_of(c, opts)).collect();
            let this = Anchoring {
                pattern: u32::try_from(pid).ok()?,
                at: u32::try_from(k).ok()?,
                after: slots.get(k + 1..)?.into(),
                before: slots.get(..k)?.iter().rev().copied().collect(),
            };
            for (n, c) in raw_forms(anchor, opts).into_iter().enumerate() {
                let i = *index.entry(c).or_insert_with(|| {
                    forms.push(c.to_string());
                    // The first raw form is the folded character itself.
                    group.push(usize::from(n > 0));
                    anchored.push(Vec::new());
                    anchored.len() - 1
                });
                anchored.get_mut(i)?.push(this.clone());
            }
            chars_of.push(all.into_boxed_slice());
            if forms.len() > MAX_ANCHORS {
                return None;
            }
        }
        let anchors = match packed_groups(&forms, &group) {
            Some(groups) => Anchors::Packed(groups),
            None => Anchors::Automaton(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostFirst)
                    .build(&forms)
                    .ok()?,
            ),
        };
        // Saturating: `max_gap` is the caller's, and `usize::MAX` means "no limit".
        let max_back = longest_before.saturating_mul(
            opts.max_gap
                .saturating_mul(MAX_SPACE_BYTES + MAX_QUOTE_BYTES)
                .saturating_add(4),
        );
        Some(Anchored {
            longest_form: forms.iter().map(String::len).max()?,
            anchors,
            max_back,
            anchored,
            chars: chars_of,
        })
    }

    /// The next match `(pattern, start, end)` at or after `pos` (the end of the last match, or
    /// the start of the search): terms are checked around each anchor hit, and the
    /// leftmost-longest match found is returned once no later hit can anchor a match that
    /// starts as early (a term reaches at most `max_back` bytes before its anchor).
    #[inline]
    pub(crate) fn next(&self, search: &mut Search, at: Haystack<'_>) -> Option<Raw> {
        let Haystack { text, pos, .. } = at;
        // The leftmost-longest of the matches found and waiting, kept as they are found: a
        // match waits until no later hit can anchor one that starts earlier, which can take
        // many hits, and looking over the waiting matches at each would cost more than the
        // hits.
        let leftmost_longest = |a: &(usize, usize, usize), b: &(usize, usize, usize)| {
            a.1.cmp(&b.1).then(b.2.cmp(&a.2))
        };
        search.found.retain(|&(_, start, _)| start >= pos);
        let mut best = search.found.iter().copied().min_by(leftmost_longest);
        loop {
            // A hit before `pos` anchors no match from `pos` on.
            while search.next_hit.is_none() {
                let Some(hit) = self.next_hit(text, search.hit_at, &mut search.hits) else {
                    break;
                };
                search.hit_at = hit.end;
                if hit.start >= pos {
                    search.next_hit = Some(hit);
                }
            }
            // Most hits anchor nothing: with no match waiting, go straight to the next hit.
            if let Some((pid, start, end)) = best {
                let horizon = search
                    .next_hit
                    .map_or(usize::MAX, |h| h.start.saturating_sub(self.max_back));
                if start < horizon {
                    return Some(at.patterns.with_quotes(pid, text, pos, start, end));
                }
            }
            let hit = search.next_hit.take()?;
            let found = &mut search.found;
            self.verify(text, &hit, at.fold, |pid, start, end| {
                if start >= pos && at.patterns.fits(pid, text, start, end) {
                    found.push((pid, start, end));
                    let new = (pid, start, end);
                    if best.is_none_or(|b| leftmost_longest(&new, &b).is_lt()) {
                        best = Some(new);
                    }
                }
            });
        }
    }

    /// The first anchor hit in `text` from `at` on. `hits` keeps each searcher's next hit
    /// between calls: start with the default for each text, and never move `at` back.
    #[inline]
    fn next_hit(&self, text: &str, at: usize, hits: &mut Hits) -> Option<Hit> {
        if at >= text.len() {
            return None;
        }
        let groups = match &self.anchors {
            Anchors::Packed(groups) => groups,
            Anchors::Automaton(ac) => {
                let m = ac.find(Input::new(text).span(at..text.len()))?;
                return Some(Hit {
                    start: m.start(),
                    end: m.end(),
                    form: m.pattern().as_usize(),
                });
            }
        };
        let find = |searcher: &packed::Searcher, index: &[usize], span: Span| {
            let m = searcher.find_in(text, span)?;
            Some(Hit {
                start: m.start(),
                end: m.end(),
                form: *index.get(m.pattern().as_usize())?,
            })
        };
        let mut first = Hit::NONE;
        let mut searchers = groups.iter().zip(hits.iter_mut());
        // The glossary's own forms hit all the time: that searcher looks as far as it takes.
        if let Some(((searcher, index), look)) = searchers.next() {
            if look.from > at || look.hit.start < at {
                look.from = at;
                look.hit = find(searcher, index, Span::from(at..text.len())).unwrap_or(Hit::NONE);
            }
            first = look.hit;
        }
        // The others (traditional forms) seldom do, and forms are single characters: two
        // searchers never hit at the same place. So these look no further than `first` needs,
        // a block at a time, and remember where they found nothing: a search that stops early
        // (the stream's redo from where rendering stopped, which ends at its first match) does
        // not scan the rest of the text for forms that simplified text never has.
        for ((searcher, index), look) in searchers {
            if look.from > at || look.hit.start < at {
                *look = Lookout {
                    from: at,
                    hit: Hit::NONE,
                    clear: at,
                };
            } else if look.clear < at {
                look.clear = at;
            }
            while look.hit.start == Hit::NONE.start
                && look.clear < text.len()
                && look.clear <= first.start
            {
                let reach = first.start.saturating_add(self.longest_form);
                let end = (look.clear.saturating_add(LOOK_AHEAD).max(reach)).min(text.len());
                look.hit = find(searcher, index, Span::from(look.clear..end)).unwrap_or(Hit::NONE);
                // A form that starts before `end` but ends after it is found from the next
                // start on.
                look.clear = if end == text.len() {
                    end
                } else {
                    end - (self.longest_form - 1)
                };
            }
            if look.hit.start < first.start {
                first = look.hit;
            }
        }
        (first.start != Hit::NONE.start).then_some(first)
    }

    /// Calls `found(pattern, start, end)` for every term anchored on `hit` that the text holds
    /// around it (folded), with the span from its first character to its last.
    #[inline]
    fn verify(
        &self,
        text: &str,
        hit: &Hit,
        opts: &FoldOptions,
        mut found: impl FnMut(usize, usize, usize),
    ) {
        let Some(terms) = self.anchored.get(hit.form) else {
            return;
        };
        for term in terms {
            if let Some((start, end)) = self.holds(term, text, opts, hit.start, hit.end) {
                found(term.pattern as usize, start, end);
            }
        }
    }

    /// The span of `term` around its anchor's hit `start..end`, if the text holds the term
    /// there: its characters are compared with the text's outward from the anchor.
    ///
    /// Most hits are the anchor character inside some other word, next to ideographs. So the
    /// first pass compares raw ideographs only ([`raw_walk`]), which decides most hits at the
    /// first character; only where it meets anything else (punctuation, a digit, a quote, a
    /// line break) are the characters folded and compared ([`step`]), past whitespace and quote
    /// marks as folding skips them.
    #[inline]
    fn holds(
        &self,
        term: &Anchoring,
        text: &str,
        opts: &FoldOptions,
        start: usize,
        end: usize,
    ) -> Option<(usize, usize)> {
        let bytes = text.as_bytes();
        let after = raw_walk(bytes, end, &term.after, true);
        if after == Walk::Differs {
            return None;
        }
        match (raw_walk(bytes, start, &term.before, false), after) {
            (Walk::Differs, _) => return None,
            (Walk::Holds(begin), Walk::Holds(stop)) => return Some((begin, stop)),
            _ => {}
        }
        let chars = self.chars.get(term.pattern as usize)?;
        let k = term.at as usize;
        let mut stop = end;
        for (slot, &want) in term.after.iter().zip(chars.get(k + 1..)?) {
            stop = step(text, stop, want, slot, opts, true)?;
        }
        let mut begin = start;
        for (slot, &want) in term.before.iter().zip(chars.get(..k)?.iter().rev()) {
            begin = step(text, begin, want, slot, opts, false)?;
        }
        Some((begin, stop))
    }

    pub(crate) fn memory_usage(&self) -> usize {
        let anchors = match &self.anchors {
            Anchors::Packed(groups) => groups.iter().map(|(s, _)| s.memory_usage()).sum(),
            Anchors::Automaton(ac) => ac.memory_usage(),
        };
        let terms: usize = self
            .anchored
            .iter()
            .map(|terms| {
                let slots: usize = terms
                    .iter()
                    .map(|t| std::mem::size_of_val(&*t.after) + std::mem::size_of_val(&*t.before))
                    .sum();
                terms.capacity() * std::mem::size_of::<Anchoring>() + slots
            })
            .sum();
        let chars: usize = self
            .chars
            .iter()
            .map(|c| c.len() * std::mem::size_of::<char>())
            .sum();
        anchors + terms + chars
    }
}

/// How [`raw_walk`] ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Walk {
    /// Every character was there, as an ideograph; the far end of the last.
    Holds(usize),
    /// An ideograph that is not the term's character there.
    Differs,
    /// Something only folding can judge.
    Unsure,
}

/// The ideograph that starts at byte `at` (forward) or ends there (backward), as raw bytes,
/// where the text has one.
#[inline(always)]
fn ideograph_at(bytes: &[u8], at: usize, forward: bool) -> Option<[u8; 3]> {
    let raw = if forward {
        bytes.get(at..).and_then(<[u8]>::first_chunk::<3>)
    } else {
        // A lead byte always starts a character: an ideograph's three bytes end at `at`.
        bytes.get(..at).and_then(<[u8]>::last_chunk::<3>)
    };
    raw.copied().filter(|raw| is_ideograph_lead(raw[0]))
}

/// Compares a term's characters (`slots`, nearest the anchor first) with the raw ideographs of
/// the text from byte `at`, forward or backward.
///
/// An ideograph is never skipped as whitespace or a quote mark, and folds only to itself or
/// its simplified form, so it stands for the term's character exactly when it is in the slot.
#[inline(always)]
fn raw_walk(bytes: &[u8], mut at: usize, slots: &[Slot], forward: bool) -> Walk {
    for slot in slots {
        match ideograph_at(bytes, at, forward) {
            Some(raw) if slot[0] != CROWDED => {
                if !slot.contains(&code(raw)) {
                    return Walk::Differs;
                }
                at = if forward { at + 3 } else { at - 3 };
            }
            _ => return Walk::Unsure,
        }
    }
    Walk::Holds(at)
}

/// Reads the text's next character from byte `at`, forward (the one starting there) or
/// backward (the one ending there), past up to `max_gap` whitespace characters and `max_gap`
/// quote marks; if it folds to `want`, whose ideographs are `slot`, where it ends (forward) or
/// starts (backward).
///
/// An ideograph is compared as raw bytes, as in [`raw_walk`]; anything else is folded.
#[inline(always)]
fn step(
    text: &str,
    mut at: usize,
    want: char,
    slot: &Slot,
    opts: &FoldOptions,
    forward: bool,
) -> Option<usize> {
    let (mut gap, mut quotes) = (0usize, 0usize);
    loop {
        if let Some(raw) = ideograph_at(text.as_bytes(), at, forward) {
            if slot.contains(&code(raw)) {
                return Some(if forward { at + 3 } else { at - 3 });
            }
            if slot[0] != CROWDED {
                return None;
            }
        }
        let start = if forward {
            at
        } else {
            // The start of the pinyin annotation or the character that ends at `at`.
            match pinyin_before(text, at) {
                Some(open) => open,
                None => (1..=4)
                    .filter_map(|n| at.checked_sub(n))
                    .find(|&i| text.is_char_boundary(i))?,
            }
        };
        let (len, class) = fold_at(text, start, opts)?;
        let c = match class {
            Fold::Space => {
                gap += 1;
                None
            }
            Fold::Quote => {
                quotes += 1;
                None
            }
            Fold::Map(m) => Some(m),
            Fold::Keep => text.get(start..)?.chars().next(),
        };
        if let Some(c) = c {
            return (c == want).then_some(if forward { start + len } else { start });
        }
        if gap > opts.max_gap || quotes > opts.max_gap {
            return None;
        }
        at = if forward { start + len } else { start };
    }
}

/// Whether `b` leads a three-byte character from U+4000 to U+9FFF, where nearly all Chinese
/// ideographs are (and no whitespace or quote mark).
#[inline]
fn is_ideograph_lead(b: u8) -> bool {
    (0xE4..=0xE9).contains(&b)
}

/// The ideographs written in three bytes (U+4000 to U+9FFF) that fold to `c`: every raw form
/// of `c` in that range that folding maps to `c` (a character the traditional table maps
/// elsewhere does not stand for itself).
fn ideographs_of(c: char, opts: &FoldOptions) -> Slot {
    let codes: Vec<u32> = raw_forms(c, opts)
        .into_iter()
        .filter(|&raw| {
            let mut bytes = [0u8; 4];
            let text = raw.encode_utf8(&mut bytes);
            text.len() == 3
                && text
                    .as_bytes()
                    .first()
                    .is_some_and(|&b| is_ideograph_lead(b))
                && match fold_at(text, 0, opts) {
                    Some((_, Fold::Keep)) => raw == c,
                    Some((_, Fold::Map(m))) => m == c,
                    _ => false,
                }
        })
        .map(|raw| {
            let mut bytes = [0u8; 4];
            raw.encode_utf8(&mut bytes);
            let [a, b, c, _] = bytes;
            code([a, b, c])
        })
        .collect();
    let mut slot = [0; 4];
    if codes.len() > slot.len() {
        return [CROWDED; 4];
    }
    for (lane, code) in slot.iter_mut().zip(codes) {
        *lane = code;
    }
    slot
}

/// A Teddy searcher for each group of forms (`group[i]` is form `i`'s), in Teddy's 16-bucket
/// form past 16 forms where the CPU has it; `None` where Teddy cannot take a group.
fn packed_groups(forms: &[String], group: &[usize]) -> Option<Vec<(packed::Searcher, Vec<usize>)>> {
    let mut out = Vec::new();
    for g in 0..GROUPS {
        let index: Vec<usize> = (0..forms.len())
            .filter(|&i| group.get(i) == Some(&g))
            .collect();
        if index.is_empty() {
            continue;
        }
        let build = |fat: Option<bool>| {
            packed::Config::new()
                .match_kind(packed::MatchKind::LeftmostFirst)
                .only_teddy_fat(fat)
                .builder()
                .extend(index.iter().filter_map(|&i| forms.get(i)))
                .build()
        };
        let searcher = if index.len() > 16 {
            build(Some(true))
        } else {
            None
        };
        out.push((searcher.or_else(|| build(None))?, index));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Glossary;
    use crate::engine::patterns::PatternTable;

    /// Every pattern of the built-in glossary is anchored once, on a character it holds, and
    /// no anchor is one that all its patterns could do without (each holds another anchor).
    #[test]
    fn anchors_are_in_their_terms_and_none_is_redundant() {
        let opts = FoldOptions::default();
        let table = PatternTable::new(&Glossary::builtin(), &opts).unwrap();
        let (patterns, family) = (table.forms, table.family);
        let engine = Anchored::build(&patterns, &family, &opts).unwrap();
        let Anchors::Packed(groups) = &engine.anchors else {
            panic!("the built-in glossary's anchors fit Teddy")
        };
        // The glossary's own forms: the first searcher's.
        let own: Vec<(char, Vec<usize>)> = groups[0]
            .1
            .iter()
            .map(|&form| {
                let terms = &engine.anchored[form];
                let pids = terms.iter().map(|t| t.pattern as usize).collect();
                let anchor = engine.chars[terms[0].pattern as usize][terms[0].at as usize];
                (anchor, pids)
            })
            .collect();
        let mut anchored: Vec<usize> = own.iter().flat_map(|(_, p)| p.clone()).collect();
        anchored.sort_unstable();
        assert_eq!(anchored, (0..patterns.len()).collect::<Vec<_>>());
        for &form in &groups[0].1 {
            // Each term's `at` is its anchor: the same character for all the form's terms.
            let terms = &engine.anchored[form];
            let anchor = engine.chars[terms[0].pattern as usize][terms[0].at as usize];
            for t in terms {
                let c = engine.chars[t.pattern as usize][t.at as usize];
                assert_eq!(c, anchor, "{} on {anchor}", patterns[t.pattern as usize]);
            }
        }
        for (anchor, pids) in &own {
            let needed = pids.iter().any(|&pid| {
                !own.iter()
                    .any(|(other, _)| other != anchor && patterns[pid].contains(*other))
            });
            assert!(
                needed,
                "every term anchored on {anchor} holds another anchor"
            );
        }
    }
}
