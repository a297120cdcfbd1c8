//! The engine for large glossaries: a character-wise double-array Aho-Corasick automaton of our
//! own, whose character map *is* the folding.
//!
//! An Aho-Corasick automaton stepped a byte at a time over Chinese text (three bytes a
//! character) with tens of thousands of terms spends its time in cache misses, and a DFA that
//! avoids them needs hundreds of megabytes. A double array (Aoe 1989, as `daachorse` builds it
//! for Aho-Corasick) takes one step per *character* and stays compact: each state is 16 bytes,
//! its children sit at `base ^ code`, and `check` says whose child a slot holds.
//!
//! What makes it ours is the character map. Each character of the text is decoded and looked
//! up once, in a table built from [`fold_char`]: a traditional character, a full-width form and
//! the simplified or ASCII character they fold to share one code, so folding costs the lookup
//! the automaton needs anyway; whitespace and quote marks map to codes that keep the state
//! (counted against the rules' bounds), so the text is never copied and spans index it
//! directly. The start of a match is read from a ring of the last characters' offsets. The
//! boundary rule and quote widening are checked only at a match, and only for the patterns
//! that have them (a bit of the state's output says so).
//!
//! The loop over the characters a term can hold calls nothing and keeps few values (the rest
//! of the text, the state and its node, one count, the ring), so that they stay in registers:
//! the character count is that count plus the characters skipped, which change only on the
//! rarer paths outside it.
//!
//! Leftmost-longest follows `aho-corasick` and `daachorse`: a state with an output fails to a
//! dead state, as do its descendants, so once a match is pending the search stops at the first
//! character that cannot extend it, and resumes after the match.

use std::collections::VecDeque;

use super::patterns::{Haystack, Pattern, Raw};
use crate::fold::{Fold, FoldOptions, fold_char, pinyin_at};
use crate::util::count_chars_in;

/// The root state's slot.
const ROOT: u32 = 0;
/// The dead state's slot: the failure of states at or below a match, in leftmost search.
const DEAD: u32 = 1;
/// `check` of a free slot, and `fail` of a state with none yet: never a state's slot.
const FREE: u32 = u32::MAX;
/// `base` of a state without children: any base finds no child, as no slot's `check` names a
/// leaf.
const LEAF: u32 = 0;

/// Matches found in one go, and queued.
const BATCH: usize = 32;

/// Rings of the last characters' offsets: the short one where the longest pattern is at most
/// half of it (nearly always), the long one for glossaries of longer terms.
const SHORT_RING: usize = 256;
const LONG_RING: usize = 1 << 16;

/// Character-map entries at or above this are not codes.
const SPECIAL: u32 = u32::MAX - 3;
/// [`SPECIAL`] in the character map's 16 bits: the specials are its top four values, and
/// [`WIDE`] below them; codes below that are stored as they are.
const SPECIAL16: u16 = u16::MAX - 3;
/// In the character map: a code too large for 16 bits (a glossary of more than 65,530
/// distinct characters has some), looked up in a list. Codes go most frequent first, so these
/// are the glossary's rarest characters.
const WIDE: u16 = SPECIAL16 - 1;

/// A character in no pattern: the state returns to the root.
const ABSENT: u32 = u32::MAX;
/// Whitespace (and invisible extraction artefacts): skipped inside a term, up to the gap bound.
const SPACE: u32 = u32::MAX - 1;
/// A quote mark: skipped inside a term, up to the same bound.
const QUOTE: u32 = u32::MAX - 2;
/// An opening bracket, ASCII or full-width: a pinyin annotation (網(wǎng)) is skipped like a quote
/// mark; otherwise it is `(`, whose code the automaton keeps apart.
const PAREN: u32 = u32::MAX - 3;

/// How many blocks stay open for placing states; older ones are closed, their free slots left,
/// so that placing a state scans a bounded list (as `daachorse` does).
const OPEN_BLOCKS: usize = 16;

/// How many free slots placing a state tries before it opens a new block.
const PLACE_TRIES: usize = 1 << 16;

/// One state: where its children are, whose child it is, where it fails to, and what it
/// outputs (an index into `outputs` plus one, or 0).
#[derive(Clone, Copy, Debug)]
struct Node {
    base: u32,
    check: u32,
    fail: u32,
    out: u32,
}

const FREE_NODE: Node = Node {
    base: LEAF,
    check: FREE,
    fail: FREE,
    out: 0,
};

/// A match as the automaton finds it: its pattern, its span and the characters before its start
/// and end.
#[derive(Clone, Copy, Debug)]
struct Found {
    pattern: usize,
    start: usize,
    end: usize,
    chars: (usize, usize),
    /// Characters the search had read (skipped ones aside) when it found it.
    read: usize,
}

/// A match noted as the search passes its end: the state's output (0 for none), and where the
/// search stood. Kept to the fewest fields, as most are noted and overtaken.
#[derive(Clone, Copy, Debug)]
struct Pending {
    out: u32,
    /// The bytes of the text left after its end.
    left: usize,
    chars: usize,
    read: usize,
}

impl Pending {
    const NONE: Pending = Pending {
        out: 0,
        left: 0,
        chars: 0,
        read: 0,
    };

    /// The match noted, if any, leaving none.
    #[inline(always)]
    fn take(&mut self) -> Option<Pending> {
        let p = *self;
        self.out = 0;
        (p.out != 0).then_some(p)
    }

    #[inline(always)]
    fn is_some(&self) -> bool {
        self.out != 0
    }
}

/// Why [`DoubleArray::batch`]'s loop over the characters a term can hold stopped.
#[derive(Clone, Copy, Debug)]
enum Stop {
    /// The text ends.
    End,
    /// The state returned to the root with a match pending, at a character of this code.
    Settle(u32),
    /// A character (its code point, and the bytes left from its start) outside the BMP, with
    /// a wide code, or special.
    Other(u32, usize),
    /// A character with this code, to read (and the bytes left from its start).
    Code(u32, usize),
}

/// A state's `out` with this bit indexes `outputs` (below [`RULES`]); without it, it is the
/// pattern plus one above 8 bits and its length in characters below, read with no second
/// lookup (every pattern below 2^22 and 255 characters long).
const SPILLED: u32 = 1 << 31;
/// A state's `out` with this bit is a pattern with rules to check at a match (the boundary
/// rule, quote marks); without it (and without [`SPILLED`]) the match is queued as it is.
const RULES: u32 = 1 << 30;

/// A pattern a state outputs: its id, and its length in folded characters.
#[derive(Clone, Copy, Debug)]
struct Output {
    pattern: u32,
    chars: u32,
}

#[derive(Clone, Debug)]
pub(crate) struct DoubleArray {
    nodes: Vec<Node>,
    outputs: Vec<Output>,
    /// The code of every character of the Basic Multilingual Plane, after folding, or one of
    /// the entries from [`SPECIAL`] up in 16 bits (see [`SPECIAL16`]): an array of its full size,
    /// indexed with no bounds check, of 128 KiB, which stays in the second-level cache.
    bmp: Box<[u16; 0x1_0000]>,
    /// The root's node, kept at hand.
    root: Node,
    /// Codes of the folded characters outside it (few, and only those the patterns hold).
    astral: Vec<(char, u32)>,
    /// Codes of the BMP characters whose code does not fit the map's 16 bits, by character
    /// (none but in a glossary of more than 65,530 distinct characters).
    wide: Vec<(char, u32)>,
    /// The code of `(`, for an opening bracket that opens no pinyin annotation.
    paren: u32,
    /// The ring's length: a power of two above the longest pattern, in characters.
    ring_len: usize,
    fold: FoldOptions,
}

/// Where a search stands: the offsets of the last characters read, so that a match's start is
/// known without reading back (allocated on first use, so a search that finds nothing
/// allocates nothing).
#[derive(Clone, Debug, Default)]
pub(crate) struct Search {
    ring: Vec<usize>,
    /// Matches found and not yet taken, from `taken` on, with the characters before their
    /// start and end.
    found: Vec<(Raw, (usize, usize))>,
    taken: usize,
    /// The search was given the characters before its start, so the counts are valid.
    counted: bool,
    /// The text has no matches past the queue.
    done: bool,
}

impl Search {
    /// The next match found and queued, if any, with the characters before its start and end
    /// where they were counted: what [`DoubleArray::next`] gives without searching.
    #[inline]
    pub(crate) fn queued(&mut self) -> Option<(Raw, Option<(usize, usize)>)> {
        let &(raw, chars) = self.found.get(self.taken)?;
        self.taken += 1;
        Some((raw, self.counted.then_some(chars)))
    }
}

impl DoubleArray {
    /// The automaton of these folded patterns (a pattern's id is its index), for text folded
    /// with `fold`; `patterns` say which have rules to check at a match (the boundary rule,
    /// quote marks), so that a match of any other is queued with no lookup.
    pub(crate) fn build(
        forms: &[String],
        patterns: &[Pattern],
        fold: &FoldOptions,
    ) -> Result<DoubleArray, String> {
        if forms.iter().any(String::is_empty) {
            return Err("a term folds to nothing".to_string());
        }
        let codes = Codes::new(forms)?;
        let trie = Trie::new(forms, &codes)?;
        let longest = trie.depth.iter().copied().max().unwrap_or(1) as usize;
        if 2 * longest + 2 > LONG_RING {
            return Err("a term holds more than 32,766 characters".to_string());
        }
        let ruled = |pid: u32| patterns.get(pid as usize).is_none_or(|p| !p.is_plain());
        let (nodes, outputs) = trie.compile(codes.block_len, &ruled)?;

        // The character map: every character of the BMP folded as the search folds it.
        let mut bmp = vec![ABSENT as u16; 0x1_0000];
        let mut wide = Vec::new();
        for (cp, slot) in bmp.iter_mut().enumerate() {
            let Some(c) = char::from_u32(cp as u32) else {
                continue;
            };
            let entry = match fold_char(c, fold) {
                Fold::Space => SPACE,
                Fold::Quote => QUOTE,
                Fold::Keep => codes.get(c),
                Fold::Map(m) => codes.get(m),
            };
            *slot = if entry >= SPECIAL {
                // The specials' low 16 bits are their 16-bit values.
                entry as u16
            } else if let Ok(code) = u16::try_from(entry)
                && code < WIDE
            {
                code
            } else {
                wide.push((c, entry));
                WIDE
            };
        }
        for bracket in ['(', '（'] {
            if let Some(slot) = bmp.get_mut(bracket as usize) {
                *slot = PAREN as u16;
            }
        }
        let bmp: Box<[u16; 0x1_0000]> = bmp
            .into_boxed_slice()
            .try_into()
            .map_err(|_| "the character map has the BMP's size")?;
        let root = nodes.first().copied().unwrap_or(FREE_NODE);
        let paren = codes.get('(');
        Ok(DoubleArray {
            root,
            nodes,
            outputs,
            bmp,
            // Outside the BMP: the characters whose folded form a pattern holds (few), found
            // by folding each one met at search time and looking its folded form up here.
            astral: codes.astral,
            wide,
            paren,
            ring_len: (2 * longest + 2).next_power_of_two(),
            fold: fold.clone(),
        })
    }

    pub(crate) fn memory_usage(&self) -> usize {
        self.nodes.capacity() * std::mem::size_of::<Node>()
            + self.outputs.capacity() * std::mem::size_of::<Output>()
            + std::mem::size_of_val(&*self.bmp)
            + (self.astral.capacity() + self.wide.capacity()) * std::mem::size_of::<(char, u32)>()
    }

    /// The next match `(pattern, start, end)` at or after `pos`, the end of the last match (a
    /// quote before it is not this match's), and the characters before its start and its end
    /// where the haystack says how many precede `pos`. Matches are found [`BATCH`] at a time
    /// and queued (`pos` is read only when the queue is empty), so that a match costs the
    /// search's setup once a batch rather than once a match.
    #[inline]
    pub(crate) fn next(
        &self,
        search: &mut Search,
        at: Haystack<'_>,
    ) -> Option<(Raw, Option<(usize, usize)>)> {
        if let Some(m) = search.queued() {
            return Some(m);
        }
        if search.done {
            return None;
        }
        self.refill(search, at);
        let &(raw, chars) = search.found.get(search.taken)?;
        search.taken += 1;
        Some((raw, search.counted.then_some(chars)))
    }

    /// Finds up to [`BATCH`] matches from `at.pos` on, into the queue.
    #[cold]
    #[inline(never)]
    fn refill(&self, search: &mut Search, at: Haystack<'_>) {
        let ring_len = if self.ring_len <= SHORT_RING {
            SHORT_RING
        } else {
            LONG_RING
        };
        if search.ring.len() != ring_len {
            search.ring = vec![0; ring_len];
        }
        search.found.clear();
        search.taken = 0;
        search.counted = at.chars.is_some();
        let mut ring = std::mem::take(&mut search.ring);
        let done = match <&mut [usize; SHORT_RING]>::try_from(&mut *ring) {
            Ok(ring) => self.batch(at, ring, &mut search.found),
            Err(_) => match <&mut [usize; LONG_RING]>::try_from(&mut *ring) {
                Ok(ring) => self.batch(at, ring, &mut search.found),
                Err(_) => true,
            },
        };
        search.ring = ring;
        search.done = done;
    }

    /// The character at byte `pos` of `text` (a char boundary): its length in bytes and its
    /// entry in the character map (for an opening bracket, its code or [`QUOTE`] for a pinyin
    /// annotation, with the annotation's length). The search's own loop decodes inline; this is
    /// for the rarer paths.
    fn read(&self, text: &str, pos: usize) -> Option<(usize, u32)> {
        let c = text.get(pos..)?.chars().next()?;
        let entry = self.entry(c as u32);
        if entry == PAREN {
            return Some(match pinyin_at(text, pos) {
                Some(n) => (n, QUOTE),
                None => (c.len_utf8(), self.paren),
            });
        }
        Some((c.len_utf8(), entry))
    }

    /// The character map's entry for code point `cp` (a char).
    #[inline(always)]
    fn entry(&self, cp: u32) -> u32 {
        if cp < 0x1_0000 {
            // Masked into the array's length: the compiler drops the bounds check.
            return self.bmp_entry(cp);
        }
        self.astral_entry(cp)
    }

    /// The entry of a character of the BMP, code point `cp`.
    #[inline(always)]
    fn bmp_entry(&self, cp: u32) -> u32 {
        // Masked into the array's length: the compiler drops the bounds check.
        let e = self
            .bmp
            .get((cp & 0xFFFF) as usize)
            .copied()
            .unwrap_or(u16::MAX);
        if e < WIDE {
            u32::from(e)
        } else if e >= SPECIAL16 {
            u32::from(e) | 0xFFFF_0000
        } else {
            self.wide_entry(cp)
        }
    }

    /// The code of a BMP character marked [`WIDE`] in the map.
    #[cold]
    fn wide_entry(&self, cp: u32) -> u32 {
        let Some(c) = char::from_u32(cp) else {
            return ABSENT;
        };
        self.wide
            .binary_search_by_key(&c, |&(c, _)| c)
            .ok()
            .and_then(|i| self.wide.get(i))
            .map_or(ABSENT, |&(_, k)| k)
    }

    /// The entry of a character outside the BMP: folded, then looked up.
    #[cold]
    fn astral_entry(&self, cp: u32) -> u32 {
        let Some(c) = char::from_u32(cp) else {
            return ABSENT;
        };
        let folded = match fold_char(c, &self.fold) {
            Fold::Map(m) => m,
            Fold::Space => return SPACE,
            Fold::Quote => return QUOTE,
            Fold::Keep => c,
        };
        if (folded as u32) < 0x1_0000 {
            return self.bmp_entry(folded as u32);
        }
        self.astral
            .binary_search_by_key(&folded, |&(c, _)| c)
            .ok()
            .and_then(|i| self.astral.get(i))
            .map_or(ABSENT, |&(_, k)| k)
    }

    /// The state after `state` (whose node is `node`) reads `code`, with its node, in leftmost
    /// search: the root where the pending match (if any) cannot go on. The root fails to the
    /// dead state too, so one comparison ends the failure walk.
    #[inline(always)]
    fn step(&self, mut state: u32, mut node: Node, code: u32) -> (u32, Node) {
        loop {
            let child = node.base ^ code;
            if let Some(&next) = self.nodes.get(child as usize)
                && next.check == state
            {
                return (child, next);
            }
            if node.fail == DEAD {
                return (ROOT, self.root);
            }
            state = node.fail;
            node = self.nodes.get(state as usize).copied().unwrap_or(self.root);
        }
    }

    /// The child of `state` for `code`, if it has one (the trie's edges, no failures).
    #[inline]
    fn child(&self, state: u32, code: u32) -> Option<u32> {
        let node = self.nodes.get(state as usize)?;
        let child = node.base ^ code;
        self.nodes
            .get(child as usize)
            .is_some_and(|n| n.check == state)
            .then_some(child)
    }

    /// Finds up to [`BATCH`] matches from `at.pos` on, leftmost-longest among those that keep
    /// the boundary rule, widened over their quotes, into `found`; true when the text has no
    /// more.
    ///
    /// One pass: a match is settled where the automaton cannot extend it, and when the
    /// character that ended it is the next one after it (nearly always) that character is
    /// read on from the root at once, rather than the search restarting at the match's end.
    /// `ring` remembers where each of the last characters read started (as the bytes left from
    /// there); it holds twice the longest pattern, so a pending match's start is still there
    /// when the search gives up extending it.
    ///
    /// The inner loop keeps few values and calls nothing: the rest of the text as a slice (a
    /// position is the text's length less the rest's), the state, its node, and the count of
    /// characters read, so that they stay in registers; character offsets are that count plus
    /// the characters skipped, which change only on the rarer paths, around it.
    fn batch<const N: usize>(
        &self,
        at: Haystack<'_>,
        ring: &mut [usize; N],
        found: &mut Vec<(Raw, (usize, usize))>,
    ) -> bool {
        let text = at.text;
        let bytes = text.as_bytes();
        let total = bytes.len();
        let rest_at = |pos: usize| bytes.get(pos..).unwrap_or_default();
        // The end of the last match: a quote before it is not the next match's.
        let mut floor = at.pos;
        let mut rest = rest_at(at.pos);
        // Characters read into the automaton (the ring's index), and the others (skipped, or in
        // no pattern) plus those before `at.pos`: the characters before a position are
        // `read + others` there, wrapping.
        let mut read = 0usize;
        let mut others = at.chars.unwrap_or(0);
        // `read` when the search last skipped a character inside a possible term (whitespace,
        // a quote, a pinyin annotation) or restarted: a match that starts at or after it has
        // no skipped character inside, and its length in characters is its pattern's. (A
        // character in no pattern, or one skipped at the root, is inside no match.)
        let mut last_skip = 0usize;
        let mut state = ROOT;
        let mut node = self.root;
        let mut pending = Pending::NONE;
        // The run of whitespace and quote marks inside a possible term: `read` where it is,
        // and its whitespace and quotes so far (no character has been read since while `read` is
        // that).
        let mut run = (usize::MAX, 0usize, 0usize);
        macro_rules! note {
            () => {
                // Only noted: most are overtaken by a longer match before they are settled.
                pending = Pending {
                    out: node.out,
                    left: rest.len(),
                    chars: read.wrapping_add(others),
                    read,
                }
            };
        }
        'outer: loop {
            // Every character a term can hold, read with no call, so that what the loop
            // keeps (the rest of the text, the state and its node, the count, the ring) stays
            // in registers; it stops for anything else, decided below.
            let mut stop = loop {
                let left = rest.len();
                let cp;
                // Decoded by hand (the text is valid UTF-8): three-byte characters, nearly all
                // of Chinese text, first.
                (cp, rest) = match *rest {
                    [b0, b1, b2, ref tail @ ..] if b0 & 0xF0 == 0xE0 => (
                        (u32::from(b0 & 0x0F) << 12)
                            | (u32::from(b1 & 0x3F) << 6)
                            | u32::from(b2 & 0x3F),
                        tail,
                    ),
                    [b0, ref tail @ ..] if b0 < 0x80 => (u32::from(b0), tail),
                    [b0, b1, ref tail @ ..] if b0 < 0xE0 => {
                        ((u32::from(b0 & 0x1F) << 6) | u32::from(b1 & 0x3F), tail)
                    }
                    [b0, b1, b2, b3, ref tail @ ..] => (
                        (u32::from(b0 & 0x07) << 18)
                            | (u32::from(b1 & 0x3F) << 12)
                            | (u32::from(b2 & 0x3F) << 6)
                            | u32::from(b3 & 0x3F),
                        tail,
                    ),
                    _ => break Stop::End,
                };
                // A character of the BMP with a code in the map; anything else (outside the
                // BMP, a wide code, a special) is decided below.
                let Some(&e) = self.bmp.get(cp as usize).filter(|&&e| e < WIDE) else {
                    break Stop::Other(cp, left);
                };
                let entry = u32::from(e);
                // `% N` is in the ring: no bounds check is compiled.
                if let Some(slot) = ring.get_mut(read % N) {
                    *slot = left;
                }
                read = read.wrapping_add(1);
                (state, node) = self.step(state, node, entry);
                if state == ROOT {
                    if pending.is_some() {
                        break Stop::Settle(entry);
                    }
                } else if node.out != 0 {
                    note!();
                }
            };
            loop {
                match stop {
                    Stop::End => {
                        let Some(p) = pending.take() else {
                            return true;
                        };
                        let m = self.resolve(p, last_skip, text, ring);
                        // The text ends: settle the match, and go on from where it says.
                        let (pos, chars) = self.settle(at, m, &mut floor, found);
                        rest = rest_at(pos);
                        others = chars.wrapping_sub(read);
                        last_skip = read;
                        (state, node) = (ROOT, self.root);
                    }
                    Stop::Code(entry, left) => {
                        // A character with a code that the loop above leaves here: read.
                        if let Some(slot) = ring.get_mut(read % N) {
                            *slot = left;
                        }
                        read = read.wrapping_add(1);
                        (state, node) = self.step(state, node, entry);
                        if state == ROOT {
                            if pending.is_some() {
                                stop = Stop::Settle(entry);
                                continue;
                            }
                        } else if node.out != 0 {
                            note!();
                        }
                    }
                    Stop::Settle(entry) => {
                        let Some(p) = pending.take() else {
                            continue 'outer;
                        };
                        if p.read + 1 == read && p.out & (SPILLED | RULES) == 0 {
                            // The match of a pattern with no rules, ended by the next
                            // character: queued as it is (the path of nearly every match).
                            floor = Self::queue_plain(&p, last_skip, text, ring, found);
                        } else {
                            let m = self.resolve(p, last_skip, text, ring);
                            if m.read + 1 != read
                                || !at.patterns.fits(m.pattern, text, m.start, m.end)
                            {
                                let (pos, chars) = self.settle(at, m, &mut floor, found);
                                rest = rest_at(pos);
                                others = chars.wrapping_sub(read);
                                last_skip = read;
                                (state, node) = (ROOT, self.root);
                                break;
                            }
                            Self::push(at, &m, (m.end, m.chars.1), &mut floor, found);
                        }
                        if found.len() >= BATCH {
                            return false;
                        }
                        // The character that ended it follows it: read it on from the root.
                        (state, node) = self.step(ROOT, self.root, entry);
                        if state != ROOT && node.out != 0 {
                            note!();
                        }
                        continue 'outer;
                    }
                    Stop::Other(cp, left) => {
                        let mut entry = self.entry(cp);
                        if entry < SPECIAL {
                            // Outside the BMP, or a wide code: read as any other.
                            stop = Stop::Code(entry, left);
                            continue;
                        }
                        let pos = total - left;
                        // The characters this step skips: one, or a pinyin annotation's.
                        let mut skipped = 1;
                        if entry == PAREN {
                            match pinyin_at(text, pos) {
                                Some(n) => {
                                    // Skipped like a quote mark.
                                    skipped = count_chars_in(text, pos, pos + n).unwrap_or(1);
                                    rest = rest_at(pos + n);
                                    entry = QUOTE;
                                }
                                None if self.paren < SPECIAL => {
                                    // A bracket of the text itself, which a pattern holds.
                                    stop = Stop::Code(self.paren, left);
                                    continue;
                                }
                                None => entry = ABSENT,
                            }
                        }
                        others = others.wrapping_add(skipped);
                        if entry != ABSENT {
                            // Whitespace or a quote mark: outside a term nothing to keep
                            // (`rest` is past it); inside one, counted against the bounds of
                            // its run (the marks since the last character read).
                            if state == ROOT {
                                // No match spans it: `last_skip` stays.
                                continue 'outer;
                            }
                            if run.0 != read {
                                run = (read, 0, 0);
                            }
                            last_skip = read;
                            if entry == SPACE {
                                run.1 += 1;
                            } else {
                                run.2 += 1;
                            }
                            let max = self.fold.max_gap;
                            if run.1 <= max && run.2 <= max {
                                continue 'outer;
                            }
                        }
                        // A run too long, or a character in no pattern: the state returns to
                        // the root, and a pending match is settled (no match spans it, so
                        // `last_skip` stays).
                        (state, node) = (ROOT, self.root);
                        if let Some(p) = pending.take() {
                            if p.read == read && p.out & (SPILLED | RULES) == 0 {
                                // A plain match, ended right after it: queued as it is.
                                floor = Self::queue_plain(&p, last_skip, text, ring, found);
                            } else {
                                let m = self.resolve(p, last_skip, text, ring);
                                if m.read == read
                                    && at.patterns.fits(m.pattern, text, m.start, m.end)
                                {
                                    Self::push(at, &m, (m.end, m.chars.1), &mut floor, found);
                                } else {
                                    let (pos, chars) = self.settle(at, m, &mut floor, found);
                                    rest = rest_at(pos);
                                    others = chars.wrapping_sub(read);
                                    last_skip = read;
                                }
                            }
                        }
                    }
                }
                break;
            }
            if found.len() >= BATCH {
                return false;
            }
        }
    }

    /// Queues pending match `p` of a pattern with no rules (its `out` has neither [`SPILLED`]
    /// nor [`RULES`]) as it is, its start read from the ring; returns its end. `last_skip` is
    /// `read` when the search last skipped a character inside a possible term (whitespace, a
    /// quote, a pinyin annotation) or restarted.
    #[inline(always)]
    fn queue_plain<const N: usize>(
        p: &Pending,
        last_skip: usize,
        text: &str,
        ring: &[usize; N],
        found: &mut Vec<(Raw, (usize, usize))>,
    ) -> usize {
        let length = p.out & 0xFF;
        let (start, end, inside) = Self::span(p, length, last_skip, text, ring);
        let pattern = (p.out >> 8).wrapping_sub(1) as usize;
        found.push((
            (pattern, start, end),
            (p.chars.wrapping_sub(inside), p.chars),
        ));
        end
    }

    /// The span of pending match `p`, of `length` folded characters, and the characters in it.
    #[inline(always)]
    fn span<const N: usize>(
        p: &Pending,
        length: u32,
        last_skip: usize,
        text: &str,
        ring: &[usize; N],
    ) -> (usize, usize, usize) {
        let end = text.len().wrapping_sub(p.left);
        let first = p.read.wrapping_sub(length as usize);
        let start = ring
            .get(first % N)
            .map_or(end, |&left| text.len().wrapping_sub(left));
        // The characters in the match: its pattern's, unless the search skipped some since it
        // started (inside it, or after its end), then counted in its few bytes, rather than a
        // second offset stored in the ring for every character.
        let inside = if first >= last_skip {
            length as usize
        } else {
            count_chars_in(text, start, end).unwrap_or(0)
        };
        (start, end, inside)
    }

    /// The match a pending one stands for, its start read from the ring (`last_skip` as for
    /// [`DoubleArray::queue_plain`]).
    #[inline]
    fn resolve<const N: usize>(
        &self,
        p: Pending,
        last_skip: usize,
        text: &str,
        ring: &[usize; N],
    ) -> Found {
        let (pattern, length) = self.output(p.out).unwrap_or((0, 0));
        let (start, end, inside) = Self::span(&p, length, last_skip, text, ring);
        Found {
            pattern: pattern as usize,
            start,
            end,
            chars: (p.chars.wrapping_sub(inside), p.chars),
            read: p.read,
        }
    }

    /// Queues match `m` as ending at `end` (and `end_chars` characters), widened over its
    /// quotes; returns where the search goes on, in bytes and characters.
    #[inline]
    fn push(
        at: Haystack<'_>,
        m: &Found,
        (end, end_chars): (usize, usize),
        floor: &mut usize,
        found: &mut Vec<(Raw, (usize, usize))>,
    ) -> (usize, usize) {
        let wide = at
            .patterns
            .with_quotes(m.pattern, at.text, *floor, m.start, end);
        // A quote taken in front or behind is one character more.
        let chars = (
            m.chars.0.wrapping_sub(usize::from(wide.1 < m.start)),
            end_chars.wrapping_add(usize::from(wide.2 > end)),
        );
        found.push((wide, chars));
        *floor = wide.2;
        (wide.2, chars.1)
    }

    /// Settles the pending match `m` when the search cannot take the next character as it
    /// would (it is not right after the match, or the match breaks the boundary rule):
    /// queues it, or the longest shorter match at its start that keeps the rule, or nothing;
    /// returns where the search restarts, in bytes and characters.
    #[cold]
    fn settle(
        &self,
        at: Haystack<'_>,
        m: Found,
        floor: &mut usize,
        found: &mut Vec<(Raw, (usize, usize))>,
    ) -> (usize, usize) {
        let text = at.text;
        if at.patterns.fits(m.pattern, text, m.start, m.end) {
            return Self::push(at, &m, (m.end, m.chars.1), floor, found);
        }
        // The longest candidate at its start breaks the boundary rule; a shorter one may not.
        let mut best = None;
        self.anchored_candidates(text, m.start, |pid, end| {
            if at.patterns.fits(pid, text, m.start, end) {
                best = Some((pid, end));
            }
        });
        if let Some((pattern, end)) = best {
            let chars = m.chars.0 + count_chars_in(text, m.start, end).unwrap_or(0);
            let shorter = Found { pattern, ..m };
            return Self::push(at, &shorter, (end, chars), floor, found);
        }
        // Nothing fits at its start: go on from the next character.
        let next = text
            .get(m.start..)
            .and_then(|t| t.chars().next())
            .map_or(1, char::len_utf8);
        (m.start + next, m.chars.0 + 1)
    }

    /// The pattern and its length in characters of a state's output `out` (not 0).
    #[inline(always)]
    fn output(&self, out: u32) -> Option<(u32, u32)> {
        if out & SPILLED == 0 {
            return Some((((out & !RULES) >> 8).wrapping_sub(1), out & 0xFF));
        }
        self.outputs
            .get((out & !(SPILLED | RULES)) as usize)
            .map(|o| (o.pattern, o.chars))
    }

    /// Calls `found(pattern, end)` for every pattern that the folded text starting exactly at
    /// `start` begins with, shortest first.
    fn anchored_candidates(&self, text: &str, start: usize, mut found: impl FnMut(usize, usize)) {
        let max_gap = self.fold.max_gap;
        let mut state = ROOT;
        let mut pos = start;
        let (mut gap, mut quotes) = (0usize, 0usize);
        let mut depth = 0u32;
        while let Some((len, entry)) = self.read(text, pos) {
            pos += len;
            match entry {
                SPACE => gap += 1,
                QUOTE => quotes += 1,
                code if code >= SPECIAL => return,
                code => {
                    if gap > max_gap || quotes > max_gap {
                        return;
                    }
                    (gap, quotes) = (0, 0);
                    let Some(next) = self.child(state, code) else {
                        return;
                    };
                    state = next;
                    depth += 1;
                    let out = self.nodes.get(state as usize).map_or(0, |n| n.out);
                    if out != 0
                        && let Some((pattern, length)) = self.output(out)
                        && length == depth
                    {
                        found(pattern as usize, pos);
                    }
                }
            }
        }
    }
}

/// The patterns' characters and their codes, most frequent first (the children of busy states
/// then share cache lines), for building.
struct Codes {
    bmp: Vec<u32>,
    astral: Vec<(char, u32)>,
    /// Slots a state's children spread over: the alphabet's size, to a power of two.
    block_len: u32,
}

impl Codes {
    fn new(forms: &[String]) -> Result<Codes, String> {
        let mut bmp_freq = vec![0u32; 0x1_0000];
        let mut astral_freq: std::collections::HashMap<char, u32> = Default::default();
        for c in forms.iter().flat_map(|f| f.chars()) {
            match bmp_freq.get_mut(c as usize) {
                Some(n) => *n += 1,
                None => *astral_freq.entry(c).or_default() += 1,
            }
        }
        let mut alphabet: Vec<(char, u32)> = bmp_freq
            .iter()
            .enumerate()
            .filter(|&(_, &n)| n > 0)
            .filter_map(|(cp, &n)| Some((char::from_u32(cp as u32)?, n)))
            .chain(astral_freq)
            .collect();
        alphabet.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut bmp = vec![ABSENT; 0x1_0000];
        let mut astral = Vec::new();
        for (code, &(c, _)) in alphabet.iter().enumerate() {
            let code = code as u32;
            match bmp.get_mut(c as usize) {
                Some(slot) => *slot = code,
                None => astral.push((c, code)),
            }
        }
        astral.sort_unstable();
        let block_len = u32::try_from(alphabet.len())
            .ok()
            .and_then(|n| n.max(2).checked_next_power_of_two())
            .filter(|&n| n < SPECIAL / 2)
            .ok_or("too many distinct characters")?;
        Ok(Codes {
            bmp,
            astral,
            block_len,
        })
    }

    /// The code of a pattern character, or [`ABSENT`].
    fn get(&self, c: char) -> u32 {
        match self.bmp.get(c as usize) {
            Some(&code) => code,
            None => self
                .astral
                .binary_search_by_key(&c, |&(a, _)| a)
                .ok()
                .and_then(|i| self.astral.get(i))
                .map_or(ABSENT, |&(_, k)| k),
        }
    }
}

/// "None" in the trie's arrays.
const NIL: u32 = u32::MAX;

/// The trie of the patterns, in flat arrays (no allocation a state): each state's first child,
/// next sibling, parent, the code of the edge into it, the pattern ending at it and its depth.
struct Trie {
    first: Vec<u32>,
    sibling: Vec<u32>,
    parent: Vec<u32>,
    code: Vec<u32>,
    pattern: Vec<u32>,
    depth: Vec<u32>,
    degree: Vec<u32>,
}

impl Trie {
    /// The trie of `forms`, inserted in sorted order: a pattern's path leaves each state by its
    /// last child so far or by a new one, with no lookup.
    fn new(forms: &[String], codes: &Codes) -> Result<Trie, String> {
        let count = u32::try_from(forms.len()).map_err(|e| e.to_string())?;
        let mut order: Vec<u32> = (0..count).collect();
        order.sort_unstable_by(|&a, &b| {
            let key = |i: u32| forms.get(i as usize).map(String::as_str);
            key(a).cmp(&key(b)).then(a.cmp(&b))
        });
        let cap = forms.iter().map(|f| f.chars().count()).sum::<usize>() / 2 + 1;
        let mut t = Trie {
            first: Vec::with_capacity(cap),
            sibling: Vec::with_capacity(cap),
            parent: Vec::with_capacity(cap),
            code: Vec::with_capacity(cap),
            pattern: Vec::with_capacity(cap),
            depth: Vec::with_capacity(cap),
            degree: Vec::with_capacity(cap),
        };
        t.push(NIL, NIL, 0);
        let mut last: Vec<u32> = Vec::with_capacity(cap);
        last.push(NIL);
        for pid in order {
            let mut state = 0u32;
            for c in forms.get(pid as usize).map_or("", String::as_str).chars() {
                let code = codes.get(c);
                let l = last.get(state as usize).copied().unwrap_or(NIL);
                if l != NIL && t.code.get(l as usize) == Some(&code) {
                    state = l;
                    continue;
                }
                let child = u32::try_from(t.first.len())
                    .ok()
                    .filter(|&n| n < FREE - 2)
                    .ok_or("too many states")?;
                let depth = t.depth.get(state as usize).map_or(1, |d| d + 1);
                t.push(state, code, depth);
                last.push(NIL);
                if l == NIL {
                    if let Some(f) = t.first.get_mut(state as usize) {
                        *f = child;
                    }
                } else if let Some(sib) = t.sibling.get_mut(l as usize) {
                    *sib = child;
                }
                if let Some(x) = last.get_mut(state as usize) {
                    *x = child;
                }
                if let Some(d) = t.degree.get_mut(state as usize) {
                    *d += 1;
                }
                state = child;
            }
            // Two patterns that fold alike: the first (lowest id, sorted first) is found.
            if let Some(slot) = t.pattern.get_mut(state as usize)
                && *slot == NIL
            {
                *slot = pid;
            }
        }
        Ok(t)
    }

    fn push(&mut self, parent: u32, code: u32, depth: u32) {
        self.first.push(NIL);
        self.sibling.push(NIL);
        self.parent.push(parent);
        self.code.push(code);
        self.pattern.push(NIL);
        self.depth.push(depth);
        self.degree.push(0);
    }

    /// The children of `state`.
    fn children(&self, state: u32) -> impl Iterator<Item = u32> + '_ {
        let first = self.first.get(state as usize).copied().unwrap_or(NIL);
        std::iter::successors((first != NIL).then_some(first), |&c| {
            self.sibling.get(c as usize).copied().filter(|&s| s != NIL)
        })
    }

    /// The double array: states placed, then failures and outputs computed on it (a child
    /// found in one step, where a trie's lists would be searched).
    fn compile(
        &self,
        block_len: u32,
        ruled: &dyn Fn(u32) -> bool,
    ) -> Result<(Vec<Node>, Vec<Output>), String> {
        let n = self.first.len();
        // Depth first, as `daachorse` places them: each subtree's small sibling groups fill
        // the holes its parent's group left, and a search that goes deep stays near.
        let mut order: Vec<u32> = Vec::with_capacity(n);
        let mut stack = vec![0u32];
        while let Some(s) = stack.pop() {
            if self.degree.get(s as usize).is_some_and(|&d| d > 0) {
                order.push(s);
                stack.extend(self.children(s));
            }
        }
        let mut slot_of = vec![NIL; n];
        let mut base_of = vec![LEAF; n];
        if let Some(s) = slot_of.first_mut() {
            *s = ROOT;
        }
        let mut placer = Placer::new(block_len);
        placer.take(ROOT);
        placer.take(DEAD);
        let mut codes = Vec::new();
        for s in order {
            codes.clear();
            codes.extend(
                self.children(s)
                    .map(|c| self.code.get(c as usize).copied().unwrap_or(0)),
            );
            let base = placer.find_base(&codes)?;
            if let Some(b) = base_of.get_mut(s as usize) {
                *b = base;
            }
            for c in self.children(s) {
                let slot = base ^ self.code.get(c as usize).copied().unwrap_or(0);
                placer.take(slot);
                if let Some(x) = slot_of.get_mut(c as usize) {
                    *x = slot;
                }
            }
        }
        let mut nodes = placer.nodes;
        for s in 0..n {
            let (Some(&slot), Some(&base)) = (slot_of.get(s), base_of.get(s)) else {
                continue;
            };
            let parent = self.parent.get(s).copied().unwrap_or(NIL);
            let check = if parent == NIL {
                FREE - 1
            } else {
                slot_of.get(parent as usize).copied().unwrap_or(FREE - 1)
            };
            if let Some(node) = nodes.get_mut(slot as usize) {
                node.base = base;
                node.check = check;
                node.fail = ROOT;
            }
        }
        let goto = |nodes: &[Node], state: u32, code: u32| -> Option<u32> {
            let child = nodes.get(state as usize)?.base ^ code;
            nodes
                .get(child as usize)
                .is_some_and(|n| n.check == state)
                .then_some(child)
        };
        // Failures and outputs, breadth first, for leftmost search (as `daachorse` builds
        // them): a state with an output fails to the dead state, and so do its descendants.
        let mut outputs = Vec::new();
        let mut queue: VecDeque<u32> = self.children(0).collect();
        if let Some(root) = nodes.get_mut(ROOT as usize) {
            root.fail = DEAD;
        }
        while let Some(s) = queue.pop_front() {
            let slot = slot_of.get(s as usize).copied().unwrap_or(ROOT);
            let Some(node) = nodes.get(slot as usize).copied() else {
                continue;
            };
            let pattern = self.pattern.get(s as usize).copied().unwrap_or(NIL);
            let (fail, out) = if pattern != NIL {
                let chars = self.depth.get(s as usize).copied().unwrap_or(0);
                let rules = if ruled(pattern) { RULES } else { 0 };
                let out = if pattern + 1 < 1 << 22 && chars < 256 {
                    ((pattern + 1) << 8) | chars | rules
                } else {
                    outputs.push(Output { pattern, chars });
                    (outputs.len() as u32 - 1) | SPILLED | rules
                };
                (DEAD, out)
            } else if node.fail == DEAD {
                (DEAD, 0)
            } else {
                (
                    node.fail,
                    nodes.get(node.fail as usize).map_or(0, |f| f.out),
                )
            };
            if let Some(x) = nodes.get_mut(slot as usize) {
                x.fail = fail;
                x.out = out;
            }
            for c in self.children(s) {
                let code = self.code.get(c as usize).copied().unwrap_or(0);
                let child_fail = if fail == DEAD {
                    DEAD
                } else {
                    let mut f = fail;
                    loop {
                        if let Some(t) = goto(&nodes, f, code) {
                            break t;
                        }
                        if f == ROOT {
                            break ROOT;
                        }
                        let next = nodes.get(f as usize).map_or(DEAD, |x| x.fail);
                        if next == DEAD {
                            break DEAD;
                        }
                        f = next;
                    }
                };
                let child_slot = slot_of.get(c as usize).copied().unwrap_or(ROOT);
                if let Some(x) = nodes.get_mut(child_slot as usize) {
                    x.fail = child_fail;
                }
                queue.push_back(c);
            }
        }
        if let Some(dead) = nodes.get_mut(DEAD as usize) {
            dead.check = FREE - 1;
        }
        nodes.shrink_to_fit();
        outputs.shrink_to_fit();
        Ok((nodes, outputs))
    }
}

/// The slots of the double array as they are placed: which are free, a bit a slot, and which
/// blocks are still open for placing states.
struct Placer {
    nodes: Vec<Node>,
    /// Free slots, a bit a slot (bit `s % 64` of word `s / 64`). A state's children all land
    /// in the block of its first child (codes are below the block's length, and a block's
    /// slots differ only in the bits a code can flip), so a base is tried for 64 first-child
    /// slots at once: a word of this map, and-ed with each other child's word moved by its
    /// code (see [`xor_bits`]).
    free: Vec<u64>,
    /// No free slot of an open block lies below this word. A word wholly inside the array only
    /// loses free slots, so this only moves up; a word the array ends inside gains some when
    /// it grows, and is never passed.
    low: usize,
    block_len: u32,
    /// The first block still open.
    open: u32,
    /// How many free slots a state tries before it opens a new block: [`PLACE_TRIES`].
    tries: usize,
}

/// For each bit of a code's low six bits, the bits of a word whose index has that bit clear.
const SWAP_MASKS: [u64; 6] = [
    0x5555_5555_5555_5555,
    0x3333_3333_3333_3333,
    0x0F0F_0F0F_0F0F_0F0F,
    0x00FF_00FF_00FF_00FF,
    0x0000_FFFF_0000_FFFF,
    0x0000_0000_FFFF_FFFF,
];

/// `word` with bit `i` moved to bit `i ^ x` (for `x < 64`): in the free map, the slots
/// `s ^ x` seen from the slots `s`.
fn xor_bits(mut word: u64, x: u32) -> u64 {
    for (k, mask) in SWAP_MASKS.iter().enumerate() {
        if x >> k & 1 == 1 {
            let shift = 1 << k;
            word = ((word & mask) << shift) | ((word >> shift) & mask);
        }
    }
    word
}

impl Placer {
    fn new(block_len: u32) -> Placer {
        let mut p = Placer {
            nodes: Vec::new(),
            free: Vec::new(),
            low: 0,
            block_len,
            open: 0,
            tries: PLACE_TRIES,
        };
        p.grow();
        p
    }

    /// Adds a block of free slots, closing the oldest open block past [`OPEN_BLOCKS`] (its
    /// free slots are left free for good).
    fn grow(&mut self) {
        let start = self.nodes.len();
        let end = start + self.block_len as usize;
        self.nodes.resize(end, FREE_NODE);
        self.free.resize(end.div_ceil(64), 0);
        for s in start..end {
            if let Some(w) = self.free.get_mut(s / 64) {
                *w |= 1 << (s % 64);
            }
        }
        let blocks = end as u32 / self.block_len;
        if blocks - self.open > OPEN_BLOCKS as u32 {
            self.open = blocks - OPEN_BLOCKS as u32;
        }
    }

    /// Marks free slot `s` used.
    fn take(&mut self, s: u32) {
        while s as usize >= self.nodes.len() {
            self.grow();
        }
        if let Some(w) = self.free.get_mut(s as usize / 64)
            && *w >> (s % 64) & 1 == 1
        {
            *w &= !(1 << (s % 64));
            if let Some(node) = self.nodes.get_mut(s as usize) {
                node.check = FREE - 1;
            }
        }
    }

    /// A base where every child code lands on a free slot: the one whose first child's slot
    /// comes first among the first [`Placer::tries`] free slots of the open blocks, else one in
    /// a new block (where every base fits), so that placing a state costs a bounded scan
    /// however many slots are stuck free.
    fn find_base(&mut self, codes: &[u32]) -> Result<u32, String> {
        let first = codes.first().copied().unwrap_or(0);
        let others = codes.get(1..).unwrap_or(&[]);
        let start = self.open as usize * self.block_len as usize;
        self.low = self.low.max(start / 64);
        // A word past the end may gain free slots when the array grows.
        while (self.low + 1) * 64 <= self.nodes.len() && self.free.get(self.low) == Some(&0) {
            self.low += 1;
        }
        // Free slots of open blocks before the word being tried: the slots tried so far.
        let mut tried = 0usize;
        for (j, &word) in self.free.iter().enumerate().skip(self.low) {
            let mut slots = word;
            if j == start / 64 {
                slots &= u64::MAX << (start % 64);
            }
            if slots == 0 {
                continue;
            }
            let mut fits = slots;
            for &c in others {
                let x = (c ^ first) as usize;
                let moved = self.free.get(j ^ (x / 64)).copied().unwrap_or(0);
                fits &= xor_bits(moved, (x % 64) as u32);
                if fits == 0 {
                    break;
                }
            }
            if fits != 0 {
                let bit = fits.trailing_zeros();
                let before = (slots & !(u64::MAX << bit)).count_ones() as usize;
                if tried + before < self.tries {
                    return Ok((j as u32 * 64 + bit) ^ first);
                }
                break;
            }
            tried += slots.count_ones() as usize;
            if tried >= self.tries {
                break;
            }
        }
        if self.nodes.len() as u64 + u64::from(self.block_len) >= u64::from(FREE - 2) {
            return Err("the double array is full".to_string());
        }
        let start = self.nodes.len() as u32;
        self.grow();
        Ok(start ^ first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A xorshift generator: the same slots and codes every run.
    fn rng(mut x: u64) -> impl FnMut() -> u64 {
        move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        }
    }

    #[test]
    fn xor_bits_moves_bit_i_to_bit_i_xor_x() {
        let mut next = rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..64 {
            let word = next();
            for x in 0..64u32 {
                let naive = (0..64).fold(0u64, |w, i| w | ((word >> i & 1) << (i ^ x)));
                assert_eq!(xor_bits(word, x), naive, "word {word:#x}, x {x}");
            }
        }
    }

    /// The first free slot of an open block, in slot order, whose base fits every child, found
    /// one slot at a time.
    fn naive_base(p: &Placer, codes: &[u32]) -> Option<u32> {
        let free = |s: usize| p.free.get(s / 64).is_some_and(|w| w >> (s % 64) & 1 == 1);
        let first = *codes.first()?;
        let start = p.open as usize * p.block_len as usize;
        (start..p.nodes.len())
            .filter(|&s| free(s))
            .take(p.tries)
            .map(|s| s as u32 ^ first)
            .find(|&base| codes.iter().all(|&c| free((base ^ c) as usize)))
    }

    /// Word at a time, the placer chooses the base a slot-by-slot scan chooses, on blocks
    /// smaller than a word, a word long and many words long, as states fill them and old
    /// blocks close.
    #[test]
    fn find_base_is_the_first_fit_of_a_slot_by_slot_scan() {
        for (block_len, tries) in [(4u32, 64), (16, 64), (64, 64), (256, 300), (2048, 3_000)] {
            let mut next = rng(0x2545_F491_4F6C_DD1D ^ u64::from(block_len));
            let mut p = Placer::new(block_len);
            // Few enough that some scans stop at the bound.
            p.tries = tries;
            p.take(ROOT);
            p.take(DEAD);
            let mut new_blocks = 0;
            for _ in 0..2_000 {
                // Busy states often enough that blocks close with slots left free.
                let degree = match next() % 16 {
                    0..=3 => 1 + next() % u64::from(block_len),
                    4..=9 => 2 + next() % 4,
                    _ => 1,
                } as usize;
                let mut codes: Vec<u32> = Vec::new();
                while codes.len() < degree.min(block_len as usize) {
                    let c = (next() % u64::from(block_len)) as u32;
                    if !codes.contains(&c) {
                        codes.push(c);
                    }
                }
                let expected = naive_base(&p, &codes);
                let len = p.nodes.len() as u32;
                let base = p.find_base(&codes).unwrap();
                match expected {
                    Some(b) => assert_eq!(base, b, "block_len {block_len}, codes {codes:?}"),
                    None => {
                        assert_eq!(base, len ^ codes[0], "a new block: block_len {block_len}");
                        new_blocks += 1;
                    }
                }
                for &c in &codes {
                    p.take(base ^ c);
                }
            }
            assert!(new_blocks > 0 && p.open > 0, "block_len {block_len}");
        }
    }
}
