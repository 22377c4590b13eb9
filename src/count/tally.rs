//! The tallies of the word loop, tuned to run without data-dependent
//! branches (over [`Kept`] lists, appended to whether or not an item is
//! kept): [`Tally`] dense sums with the list of ids in use, [`Pending`] a group's
//! sums not yet added to its maps (a run of a group's turns costs an array
//! add a word and one map update a run), and [`TurnTally`] the turn being
//! counted (which terms it has seen, by a per-turn stamp), into a group's
//! counts ([`GroupAcc`]).

use super::kept::Kept;
use crate::text::hash::{FastMap, FastSet};

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

/// Who used the terms of a group: usually one speaker for all (a speaker
/// group), so the set is only built when a second speaker turns up.
#[derive(Default)]
pub(super) enum Users {
    #[default]
    Nobody,
    One(u32),
    Many(FastSet<(u32, u32)>),
}

#[derive(Default)]
pub(super) struct GroupAcc {
    pub(super) tokens: u64,
    pub(super) turns: u64,
    /// Unit (surface form or surface n-gram) → count.
    pub(super) units: FastMap<u32, u64>,
    /// Counted term → turns containing it.
    pub(super) term_turns: FastMap<u32, u64>,
    /// (counted term, speaker) pairs.
    pub(super) users: Users,
}

impl GroupAcc {
    /// Add (term, speaker) pairs, turning `users` into a set first (a
    /// single speaker becomes pairs over the terms counted so far).
    fn add_users(&mut self, pairs: impl IntoIterator<Item = (u32, u32)>) {
        let mut set = match std::mem::take(&mut self.users) {
            Users::Many(set) => set,
            Users::One(s) => self.term_turns.keys().map(|&t| (t, s)).collect(),
            Users::Nobody => FastSet::default(),
        };
        set.extend(pairs);
        self.users = Users::Many(set);
    }

    /// Start a turn of `speaker`: a second speaker turns the single
    /// speaker into pairs over the terms of the turns before (flushed from
    /// `pending` first).
    #[inline]
    pub(super) fn start_turn(&mut self, speaker: u32, pending: &mut Pending) {
        match self.users {
            Users::Nobody => self.users = Users::One(speaker),
            Users::One(s) if s == speaker => {}
            Users::One(_) => {
                pending.flush(self);
                self.add_users(std::iter::empty());
            }
            Users::Many(_) => {}
        }
    }

    /// Add `theirs`, whose unit and term ids `unit` and `term` translate.
    pub(super) fn absorb(
        &mut self,
        theirs: GroupAcc,
        unit: impl Fn(u32) -> u32,
        term: impl Fn(u32) -> u32,
    ) {
        self.tokens += theirs.tokens;
        self.turns += theirs.turns;
        for (u, c) in theirs.units {
            *self.units.entry(unit(u)).or_default() += c;
        }
        // Users before terms: a single-speaker side becomes pairs over
        // its own terms only.
        match (&self.users, theirs.users) {
            (_, Users::Nobody) => {}
            (Users::Nobody, Users::One(s)) => self.users = Users::One(s),
            (Users::One(a), Users::One(b)) if *a == b => {}
            (_, Users::One(s)) => {
                let pairs: Vec<(u32, u32)> =
                    theirs.term_turns.keys().map(|&t| (term(t), s)).collect();
                self.add_users(pairs);
            }
            (_, Users::Many(set)) => {
                self.add_users(set.into_iter().map(|(t, s)| (term(t), s)));
            }
        }
        for (t, c) in theirs.term_turns {
            *self.term_turns.entry(term(t)).or_default() += c;
        }
    }

    /// End a turn of `speaker` that [`TurnTally`] counted into `pending`.
    #[inline]
    pub(super) fn end_turn(&mut self, turn: &TurnTally, speaker: u32) {
        self.turns += 1;
        self.tokens += turn.tokens;
        if let Users::Many(set) = &mut self.users {
            set.extend(turn.terms().iter().map(|&t| (t, speaker)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::count::vocab::{Entry, Ids, NUMBER, pack};

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
