//! The tallies of the word loop, tuned to run without data-dependent
//! branches: [`Kept`] lists appended to whether or not an item is kept,
//! [`Tally`] dense sums with the list of ids in use, [`Pending`] a group's
//! sums not yet added to its maps (a run of a group's turns costs an array
//! add a word and one map update a run), and [`TurnTally`] the turn being
//! counted (which terms it has seen, by a per-turn stamp).

use super::acc::GroupAcc;
use super::vocab::Packed;

/// A list appended to without a branch on whether an item is kept: the
/// item is written past the end on every push, and the end advances only
/// if it is kept (`buf` always holds a spare slot past `len`). The word
/// loop's lists: the looked-up words of a text, the terms of a turn, the
/// ids in use of a [`Tally`].
pub(super) struct Kept<T> {
    buf: Vec<T>,
    len: usize,
}

impl<T> Default for Kept<T> {
    fn default() -> Kept<T> {
        Kept {
            buf: Vec::new(),
            len: 0,
        }
    }
}

impl<T: Copy + Default> Kept<T> {
    /// Append `item` if `keep`.
    #[inline(always)]
    pub(super) fn push_if(&mut self, item: T, keep: bool) {
        if self.len >= self.buf.len() {
            self.grow();
        }
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = item;
        }
        self.len += usize::from(keep);
    }

    #[cold]
    fn grow(&mut self) {
        let len = (self.buf.len() * 2).max(4096);
        self.buf.resize(len, T::default());
    }

    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// The kept items.
    pub(super) fn all(&self) -> &[T] {
        self.buf.get(..self.len).unwrap_or_default()
    }

    /// The kept items in `range` (empty if out of bounds).
    pub(super) fn get(&self, range: std::ops::Range<usize>) -> &[T] {
        self.all().get(range).unwrap_or_default()
    }

    pub(super) fn clear(&mut self) {
        self.len = 0;
    }
}

/// The [`Packed`] values (surface and term id) of counted words, looked up
/// ahead of their counting (see [`Acc::look_up`]).
pub(super) type Ids = Kept<Packed>;

/// Dense sums by id with the list of ids in use, tallied without a
/// data-dependent branch: an id is pushed to the list on every add, kept
/// only if its sum was zero.
#[derive(Default)]
struct Tally {
    /// Sum of each id.
    sums: Vec<u64>,
    /// The ids with a nonzero sum, in order of first use.
    list: Kept<u32>,
}

impl Tally {
    /// Add `n` to `id`'s sum.
    #[inline(always)]
    fn add(&mut self, id: u32, n: u64) {
        let i = id as usize;
        if i >= self.sums.len() {
            self.grow(i);
        }
        let Some(sum) = self.sums.get_mut(i) else {
            return;
        };
        let was = *sum;
        *sum = was + n;
        self.list.push_if(id, (was == 0) & (n != 0));
    }

    #[cold]
    fn grow(&mut self, i: usize) {
        self.sums.resize((i + 1).next_power_of_two(), 0);
    }

    /// The ids with a nonzero sum.
    fn ids(&self) -> &[u32] {
        self.list.all()
    }

    /// Call `f(id, sum)` for each id with a nonzero sum, in order of first
    /// use, and clear them.
    #[inline]
    fn drain(&mut self, mut f: impl FnMut(u32, u64)) {
        let Tally { sums, list } = self;
        for &id in list.all() {
            if let Some(s) = sums.get_mut(id as usize) {
                f(id, std::mem::take(s));
            }
        }
        list.clear();
    }
}

/// Sums of one group not yet added to its maps, in dense per-thread
/// arrays: the turns of a group come one after another (items are sorted by
/// group), so each unit and term of a run of turns costs an array add, and
/// one map update when the run ends ([`Pending::flush`]), instead of a map
/// update per turn.
pub(super) struct Pending {
    /// The group whose sums these are (`usize::MAX`: none).
    pub(super) group: usize,
    /// Count of each unit.
    units: Tally,
    /// Turns containing each term.
    terms: Tally,
}

impl Default for Pending {
    fn default() -> Pending {
        Pending {
            group: usize::MAX,
            units: Tally::default(),
            terms: Tally::default(),
        }
    }
}

impl Pending {
    /// Add the pending sums to `group`'s maps and clear them.
    pub(super) fn flush(&mut self, group: &mut GroupAcc) {
        // A group's first sums size its maps at once (a group's later
        // sums mostly repeat keys it has).
        if group.units.is_empty() {
            group.units.reserve(self.units.ids().len());
        }
        if group.term_turns.is_empty() {
            group.term_turns.reserve(self.terms.ids().len());
        }
        self.units
            .drain(|u, n| *group.units.entry(u).or_default() += n);
        self.terms
            .drain(|t, n| *group.term_turns.entry(t).or_default() += n);
    }

    /// Make `g` the pending group, flushing the previous one into `groups`.
    #[inline]
    pub(super) fn switch(&mut self, groups: &mut [GroupAcc], g: usize) {
        if self.group != g {
            self.flush_all(groups);
            self.group = g;
        }
    }

    /// Flush the pending group, if any, into `groups`.
    pub(super) fn flush_all(&mut self, groups: &mut [GroupAcc]) {
        if let Some(old) = groups.get_mut(self.group) {
            self.flush(old);
        }
    }
}

/// One turn being counted: its units go straight into the group's
/// [`Pending`] sums; a per-turn stamp by term id tells which terms the turn
/// has seen (for the turns containing each term and who used it).
#[derive(Default)]
pub(super) struct TurnTally {
    /// Tokens (or n-grams) of the turn.
    pub(super) tokens: u64,
    /// The stamp of the last turn that used each counted term, by term id.
    seen: Vec<u32>,
    /// Terms of the turn, in order of first use.
    terms: Kept<u32>,
    /// This turn's stamp (never 0, the value of a fresh `seen` slot).
    stamp: u32,
}

impl TurnTally {
    /// Start the next turn.
    #[inline]
    pub(super) fn start(&mut self) {
        self.tokens = 0;
        self.terms.clear();
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.seen.iter_mut().for_each(|s| *s = 0);
            self.stamp = 1;
        }
    }

    /// The counted terms of the turn, in order of first use.
    pub(super) fn terms(&self) -> &[u32] {
        self.terms.all()
    }

    /// Count one occurrence of `unit`, whose counted term is `term`.
    #[inline(always)]
    pub(super) fn add(&mut self, pending: &mut Pending, unit: u32, term: u32) {
        self.tokens += 1;
        pending.units.add(unit, 1);
        let t = term as usize;
        if t >= self.seen.len() {
            self.grow(t);
        }
        let stamp = self.stamp;
        let Some(seen) = self.seen.get_mut(t) else {
            return;
        };
        let new = *seen != stamp;
        *seen = stamp;
        self.terms.push_if(term, new);
        pending.terms.add(term, u64::from(new));
    }

    #[cold]
    fn grow(&mut self, t: usize) {
        self.seen.resize((t + 1).next_power_of_two(), 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::count::vocab::{Entry, NUMBER, pack};

    #[test]
    fn tally_lists_each_id_once() {
        let mut t = Tally::default();
        for (id, n) in [(2, 1), (2, 2), (0, 0), (0, 1), (8, 1)] {
            t.add(id, n);
        }
        assert_eq!(t.ids(), [2, 0, 8]);
        let mut got = Vec::new();
        t.drain(|id, n| got.push((id, n)));
        assert_eq!(got, [(2, 3), (0, 1), (8, 1)]);
        // Drained: the sums start again from zero.
        t.add(2, 1);
        let mut again = Vec::new();
        t.drain(|id, n| again.push((id, n)));
        assert_eq!(again, [(2, 1)]);
        // Every id in use, then one again: the list never runs out of room.
        for id in 0..16 {
            t.add(id, 1);
        }
        t.add(15, 1);
        let mut all = Vec::new();
        t.drain(|id, n| all.push((id, n)));
        assert_eq!(all.len(), 16);
        assert_eq!(all.last(), Some(&(15, 2)));
    }

    #[test]
    fn a_turn_counts_kept_words_and_each_term_once() {
        let mut turn = TurnTally::default();
        let mut pending = Pending::default();
        let keep = |surface, term| pack(Entry::Keep { surface, term });
        let words = [
            keep(4, 1),
            pack(Entry::Stop),
            keep(5, 1),
            pack(Entry::Number),
            keep(4, 1),
            keep(0, 0),
        ];
        for _ in 0..2 {
            // As `Lookup` keeps them: stopwords and numbers dropped.
            let mut ids = Ids::default();
            for v in words {
                ids.push_if(v, (v as u32) < NUMBER);
            }
            turn.start();
            for &v in ids.get(0..ids.len()) {
                turn.add(&mut pending, v as u32, (v >> 32) as u32);
            }
            assert_eq!(turn.tokens, 4);
            assert_eq!(turn.terms(), [1, 0]);
        }
        let mut units = Vec::new();
        pending.units.drain(|u, n| units.push((u, n)));
        assert_eq!(units, [(4, 4), (5, 2), (0, 2)]);
        let mut terms = Vec::new();
        pending.terms.drain(|t, n| terms.push((t, n)));
        assert_eq!(terms, [(1, 2), (0, 2)]);
    }

    #[test]
    fn ids_keep_what_is_kept_in_order() {
        let mut ids = Ids::default();
        for i in 0..10_000u64 {
            ids.push_if(i, i % 3 == 0);
        }
        assert_eq!(ids.len(), 3334);
        assert_eq!(ids.get(0..3), [0, 3, 6]);
        assert_eq!(ids.get(3333..3334), [9999]);
        assert!(ids.get(3333..3335).is_empty(), "past the kept ids");
        ids.clear();
        ids.push_if(7, true);
        assert_eq!(ids.get(0..1), [7]);
    }
}
