//! One thread's counts ([`Acc`]): turns counted into groups ([`GroupAcc`]:
//! tokens, turns, each unit's count, the turns containing each term, who
//! used them) through the word caches of [`super::vocab`] and the tallies
//! of [`super::tally`]. Accumulators that share their words merge without
//! translating word ids (n-gram ids are each one's own); their groups can
//! be regrouped (labels into speakers). [`Acc::finish`] leaves the counts
//! in ids.

use std::sync::Arc;

use rayon::prelude::*;

use super::table::Counted;
use super::tally::{GroupAcc, Pending, TurnTally};
use super::vocab::{Entry, Ids, Lookup, Packed, SharedWords, TupleInterner, Vocab, lock, unpack};
use crate::text::Analyzer;

/// One thread's counts. For n = 1 a unit is a surface id and a counted
/// term a term id, in the shared words' ids (see [`SharedWords`]); for
/// n > 1 both are n-gram ids of the accumulator's own.
pub(super) struct Acc {
    pub(super) n: usize,
    vocab: Vocab,
    /// n > 1: surface n-grams and term n-grams.
    units: TupleInterner,
    gterms: TupleInterner,
    unit_term: Vec<u32>,
    /// The turn being counted (its arrays reused from turn to turn).
    turn: TurnTally,
    /// Sums of the current group not yet in its maps.
    pending: Pending,
    groups: Vec<GroupAcc>,
    /// The pieces of the turn being counted: (start, end, sentence start).
    spans: Vec<(usize, usize, bool)>,
    /// n = 1: the looked-up words of the text being counted.
    ids: Ids,
    /// The group and speaker of the turn being counted.
    current: (usize, u32),
}

impl Acc {
    /// An accumulator of `groups` groups of n-grams of `n` words that
    /// classifies words into `words` (shared by every accumulator that
    /// will be merged with this one).
    pub(super) fn new(groups: usize, n: usize, words: SharedWords) -> Acc {
        Acc {
            n,
            vocab: Vocab::new(words),
            units: TupleInterner::default(),
            gterms: TupleInterner::default(),
            unit_term: Vec::new(),
            turn: TurnTally::default(),
            pending: Pending::default(),
            groups: (0..groups).map(|_| GroupAcc::default()).collect(),
            spans: Vec::new(),
            ids: Ids::default(),
            current: (usize::MAX, 0),
        }
    }

    /// Count one turn of `speaker` in group `g`.
    pub(super) fn add_turn(&mut self, analyzer: &Analyzer, text: &str, g: usize, speaker: u32) {
        if self.begin_turn(g, speaker) {
            self.add_text(analyzer, text);
            self.end_turn();
        }
    }

    /// Start a turn of `speaker` in group `g` (false, and nothing to
    /// count, if there is no such group). Its text follows in one or more
    /// [`Acc::add_text`] parts, as if joined by line breaks.
    pub(super) fn begin_turn(&mut self, g: usize, speaker: u32) -> bool {
        let Acc {
            turn,
            pending,
            groups,
            current,
            ..
        } = self;
        if g >= groups.len() {
            return false;
        }
        pending.switch(groups, g);
        let Some(group) = groups.get_mut(g) else {
            return false;
        };
        group.start_turn(speaker, pending);
        turn.start();
        *current = (g, speaker);
        true
    }

    /// End the turn [`Acc::begin_turn`] started.
    pub(super) fn end_turn(&mut self) {
        let (g, speaker) = self.current;
        if let Some(group) = self.groups.get_mut(g) {
            group.end_turn(&self.turn, speaker);
        }
        self.current = (usize::MAX, 0);
    }

    /// Count a part of the current turn's text. A line break ends a
    /// sentence, so parts counted one after another give the counts of
    /// the parts joined by line breaks.
    pub(super) fn add_text(&mut self, analyzer: &Analyzer, text: &str) {
        let n = self.n;
        if n == 1 {
            // Looked up, then tallied: the two steps the one-pass count
            // takes a batch apart.
            let mut ids = std::mem::take(&mut self.ids);
            ids.clear();
            self.look_up(analyzer, text, &mut ids);
            self.add_ids(ids.all());
            self.ids = ids;
            return;
        }
        let skip = analyzer.options().ngram_skip_stopwords;
        let Acc {
            vocab,
            units,
            gterms,
            unit_term,
            turn,
            pending,
            spans,
            ..
        } = self;
        let mut broken = true;
        let mut run = 0usize;
        let mut prev: [(u32, u32); 2] = [(0, 0); 2];
        spans.clear();
        analyzer.for_each_word(text, |s, e, brk| spans.push((s, e, brk)));
        for &(s, e, brk) in spans.iter() {
            broken |= brk;
            match unpack(vocab.lookup(analyzer, text, s, e)) {
                Entry::Stop => broken |= !skip,
                Entry::Number => broken = true,
                Entry::Keep { surface, term } => {
                    if broken {
                        run = 0;
                        broken = false;
                    }
                    if run + 1 >= n {
                        let mut su = [u32::MAX; 3];
                        let mut te = [u32::MAX; 3];
                        for k in 0..n - 1 {
                            let (ps, pt) = prev[2 - (n - 1) + k];
                            su[k] = ps;
                            te[k] = pt;
                        }
                        su[n - 1] = surface;
                        te[n - 1] = term;
                        let (gt, _) = gterms.id(te);
                        let (unit, new_u) = units.id(su);
                        if new_u {
                            unit_term.push(gt);
                        }
                        turn.add(pending, unit, gt);
                    }
                    prev[0] = prev[1];
                    prev[1] = (surface, term);
                    run += 1;
                }
            }
        }
    }

    /// n = 1: append the surface and term ids of the counted words of `text` (a
    /// part of a turn, as for [`Acc::add_text`]) to `ids`, to be counted
    /// by [`Acc::add_ids`] later: a text can be scanned while it is fresh
    /// in the cache and dropped, and its turn counted with others of its
    /// group.
    pub(super) fn look_up(&mut self, analyzer: &Analyzer, text: &str, ids: &mut Ids) {
        self.look_up_in(analyzer, text, 0..text.len(), ids);
    }

    /// [`Acc::look_up`] of `text[range]` (char boundaries): the words of
    /// the slice alone, read in place (`text` may be a whole file).
    pub(super) fn look_up_in(
        &mut self,
        analyzer: &Analyzer,
        text: &str,
        range: std::ops::Range<usize>,
        ids: &mut Ids,
    ) {
        let mut sink = Lookup {
            analyzer,
            text,
            vocab: &mut self.vocab,
            ids,
        };
        analyzer.for_each_word_plain_in(text, range.start, range.end, &mut sink);
    }

    /// n = 1: count words of the current turn by the surface and term ids
    /// that [`Acc::look_up`] gave: what [`Acc::add_text`] counts for their
    /// text.
    pub(super) fn add_ids(&mut self, ids: &[Packed]) {
        let Acc { turn, pending, .. } = self;
        for &v in ids {
            turn.add(pending, v as u32, (v >> 32) as u32);
        }
    }

    /// Make sure there are at least `n` groups.
    pub(super) fn ensure_groups(&mut self, n: usize) {
        if self.groups.len() < n {
            self.groups.resize_with(n, GroupAcc::default);
        }
    }

    /// Flush the pending sums into the groups.
    pub(super) fn flush(&mut self) {
        self.pending.flush_all(&mut self.groups);
        self.pending.group = usize::MAX;
    }

    /// Make the groups `n` new ones: old group `g` is added into
    /// `map[g]` (groups mapped to one are merged; `usize::MAX`: dropped).
    pub(super) fn regroup(&mut self, map: &[usize], n: usize) {
        self.flush();
        let mut buckets: Vec<Vec<GroupAcc>> = (0..n).map(|_| Vec::new()).collect();
        for (g, acc) in std::mem::take(&mut self.groups).into_iter().enumerate() {
            if let Some(b) = map.get(g).and_then(|&to| buckets.get_mut(to)) {
                b.push(acc);
            }
        }
        self.groups = buckets
            .into_par_iter()
            .map(|mut accs| {
                // The largest is kept as it is and the others added to it
                // (most speakers have one label: nothing to add).
                let largest = (0..accs.len()).max_by_key(|&i| accs[i].units.len());
                let mut mine = largest.map(|i| accs.swap_remove(i)).unwrap_or_default();
                for theirs in accs {
                    mine.absorb(theirs, |u| u, |t| t);
                }
                mine
            })
            .collect();
    }

    /// Add `other`'s counts (which share our words), translating its
    /// n-gram ids into ours.
    pub(super) fn merge(&mut self, other: Acc) {
        let identity: Vec<usize> = (0..other.groups.len()).collect();
        self.merge_mapped(other, &identity);
    }

    /// Add `other`'s counts (which share our words), translating its
    /// n-gram ids into ours and its group `g` into our group `map[g]`
    /// (`usize::MAX`: dropped). Gives its counted terms' ids in ours, or
    /// `None` when they are ours already (n = 1).
    pub(super) fn merge_mapped(&mut self, mut other: Acc, map: &[usize]) -> Option<Vec<u32>> {
        debug_assert!(
            Arc::ptr_eq(&self.vocab.words, &other.vocab.words),
            "merged accumulators share their words"
        );
        self.flush();
        other.flush();
        // Its word caches are not needed: free them before ours grow.
        other.vocab.drop_caches();
        // Surface and term ids are the shared words' in both; n-grams are
        // each accumulator's own.
        let maps: Option<(Vec<u32>, Vec<u32>)> = (self.n != 1).then(|| {
            let gterm_map: Vec<u32> = other
                .gterms
                .parts
                .iter()
                .map(|&t| self.gterms.id(t).0)
                .collect();
            let mut unit_map = Vec::with_capacity(other.units.parts.len());
            for (i, &t) in other.units.parts.iter().enumerate() {
                let (id, new) = self.units.id(t);
                if new {
                    let gt = other.unit_term.get(i).map_or(0, |&g| gterm_map[g as usize]);
                    self.unit_term.push(gt);
                }
                unit_map.push(id);
            }
            (unit_map, gterm_map)
        });
        // Groups merge apart from each other: in parallel.
        let mut buckets: Vec<Vec<GroupAcc>> = (0..self.groups.len()).map(|_| Vec::new()).collect();
        for (g, acc) in other.groups.into_iter().enumerate() {
            if let Some(b) = map.get(g).and_then(|&to| buckets.get_mut(to)) {
                b.push(acc);
            }
        }
        let pairs = self.groups.par_iter_mut().zip(buckets.into_par_iter());
        pairs.for_each(|(mine, theirs)| {
            for theirs in theirs {
                match &maps {
                    Some((units, terms)) => {
                        mine.absorb(theirs, |u| units[u as usize], |t| terms[t as usize]);
                    }
                    None => mine.absorb(theirs, |u| u, |t| t),
                }
            }
        });
        maps.map(|(_, terms)| terms)
    }

    /// The counted terms of the current (or last) turn, in order of first use.
    pub(super) fn turn_terms(&self) -> &[u32] {
        self.turn.terms()
    }

    /// Take back what counting two turns of group `g` apart gave more than
    /// counting them as one: `turns` fewer turns, and for each `(term, k)`
    /// a term found in `k` of them, `k - 1` fewer turns containing it.
    pub(super) fn unsplit(
        &mut self,
        g: usize,
        turns: u64,
        terms: impl IntoIterator<Item = (u32, u64)>,
    ) {
        let Some(group) = self.groups.get_mut(g) else {
            return;
        };
        group.turns = group.turns.saturating_sub(turns);
        for (t, k) in terms {
            if let Some(c) = group.term_turns.get_mut(&t) {
                *c = c.saturating_sub(k.saturating_sub(1));
            }
        }
    }

    /// Drop the word caches: what is left are the counts in ids.
    pub(super) fn finish(self) -> Counted {
        let Acc {
            n,
            vocab,
            units,
            gterms,
            unit_term,
            groups,
            ..
        } = self;
        let words = std::mem::take(&mut *lock(&vocab.words));
        drop(vocab);
        Counted {
            n,
            words,
            units,
            gterms,
            unit_term,
            groups,
        }
    }
}
