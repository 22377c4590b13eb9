//! Mergeable term counts. A [`TermCounts`] holds, for one group of turns,
//! every term's count, the turns and speakers using it and its surface
//! forms; `+=` merges two of them (counts add, speaker sets unite), so
//! counts of disjoint sets of turns can be computed apart and merged in any
//! order. [`count_groups`] counts a whole corpus in parallel: one
//! accumulator per thread takes small blocks of turns (group by group) from
//! either end of the list, with ids interned in one vocabulary for all the
//! threads, its own set-associative word cache fed straight from the word
//! scanner, and dense per-turn and per-group tallies; the accumulators are
//! merged (no ids to translate) and the [`TermCounts`]
//! built once. [`count_table_owned`] gives the same counts as a ranked
//! [`TermTable`] in ids, which `tribune terms` writes without building a
//! map of strings per group; [`stream`] counts terms by speaker in one pass
//! over the files, without building a corpus. Nothing here depends on
//! hash order: [`TermCounts::sorted`] and friends sort.

use std::ops::AddAssign;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use rayon::prelude::*;
use smallvec::SmallVec;

use std::hash::{BuildHasher, Hasher};

use crate::text::hash::{FastBuildHasher, FastMap, FastSet};
use crate::text::{Analyzer, PieceSink, WordKind, plain_words};
use crate::transcript::Corpus;
use crate::transcript::group::{Group, GroupBy, groups};

pub mod stream;

/// What one group does with one term.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermStat {
    /// Occurrences.
    pub count: u64,
    /// Turns that contain it at least once.
    pub turns: u64,
    /// Speakers (indices into `Corpus::speakers`) who used it, sorted
    /// (inline up to two: most terms of a group have one or two).
    pub speakers: SmallVec<[u32; 2]>,
    /// Surface forms (lower-cased words, or n-grams of them) with their
    /// counts, sorted by form (inline when there is one).
    pub surfaces: SmallVec<[(Arc<str>, u64); 1]>,
}

impl TermStat {
    /// The form to show people: the most frequent surface form, ties to the
    /// alphabetically (byte-wise) first.
    pub fn display(&self) -> Option<&str> {
        best_surface(&self.surfaces)
    }

    fn merge(&mut self, other: &TermStat) {
        self.count += other.count;
        self.turns += other.turns;
        self.speakers = union_sorted(&self.speakers, &other.speakers);
        self.surfaces = merge_surfaces(&self.surfaces, &other.surfaces);
    }
}

fn best_surface(surfaces: &[(Arc<str>, u64)]) -> Option<&str> {
    // Sorted by form, so the first maximum is the alphabetical first.
    let mut best: Option<&(Arc<str>, u64)> = None;
    for s in surfaces {
        if best.is_none_or(|b| s.1 > b.1) {
            best = Some(s);
        }
    }
    best.map(|b| &*b.0)
}

fn union_sorted(a: &[u32], b: &[u32]) -> SmallVec<[u32; 2]> {
    let mut out = SmallVec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

fn merge_surfaces(a: &[(Arc<str>, u64)], b: &[(Arc<str>, u64)]) -> SmallVec<[(Arc<str>, u64); 1]> {
    let mut out = SmallVec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => {
                out.push(a[i].clone());
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j].clone());
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push((a[i].0.clone(), a[i].1 + b[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    out.extend(a[i..].iter().cloned());
    out.extend(b[j..].iter().cloned());
    out
}

/// Term counts of one group of turns. `Default` is the empty count; `+=`
/// adds another group's counts (of other turns).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermCounts {
    /// Terms counted: tokens after stopwords (or n-grams when n > 1). The
    /// denominator of rates.
    pub tokens: u64,
    /// Turns counted.
    pub turns: u64,
    /// Term (stem, or stems joined by a space) → its figures.
    pub terms: FastMap<Arc<str>, TermStat>,
}

impl AddAssign<&TermCounts> for TermCounts {
    fn add_assign(&mut self, other: &TermCounts) {
        self.tokens += other.tokens;
        self.turns += other.turns;
        for (term, stat) in &other.terms {
            match self.terms.get_mut(term) {
                Some(s) => s.merge(stat),
                None => {
                    self.terms.insert(term.clone(), stat.clone());
                }
            }
        }
    }
}

impl AddAssign for TermCounts {
    fn add_assign(&mut self, other: TermCounts) {
        if self.terms.len() < other.terms.len() {
            let mine = std::mem::replace(self, other);
            *self += &mine;
        } else {
            *self += &other;
        }
    }
}

/// A term of a group with its rank (ties "min": equal counts share the
/// best rank, the next count skips, as in quanteda).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ranked<'a> {
    /// The term.
    pub term: &'a str,
    /// Its figures.
    pub stat: &'a TermStat,
    /// 1 + the number of terms with a higher count.
    pub rank: u64,
}

impl TermCounts {
    /// An empty count.
    pub fn new() -> TermCounts {
        TermCounts::default()
    }

    /// Count one turn's `text` by `speaker` through `analyzer` (the plain
    /// path; [`count_groups`] gives the same result faster for a corpus).
    pub fn add_turn(&mut self, analyzer: &Analyzer, text: &str, speaker: u32) {
        self.turns += 1;
        let mut seen: FastSet<String> = FastSet::default();
        for g in analyzer.terms(text) {
            self.tokens += 1;
            let first = seen.insert(g.term.clone());
            let stat = self.terms.entry(Arc::from(g.term.as_str())).or_default();
            stat.count += 1;
            if first {
                stat.turns += 1;
                if let Err(i) = stat.speakers.binary_search(&speaker) {
                    stat.speakers.insert(i, speaker);
                }
            }
            match stat
                .surfaces
                .binary_search_by(|(s, _)| (**s).cmp(g.surface.as_str()))
            {
                Ok(i) => stat.surfaces[i].1 += 1,
                Err(i) => stat.surfaces.insert(i, (Arc::from(g.surface.as_str()), 1)),
            }
        }
    }

    /// The count of `term` (0 if absent).
    pub fn count(&self, term: &str) -> u64 {
        self.terms.get(term).map_or(0, |s| s.count)
    }

    /// Number of distinct terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// No terms at all?
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Terms sorted by count (descending), then term (bytes), with ranks.
    pub fn ranked(&self) -> Vec<Ranked<'_>> {
        let mut v: Vec<(&str, &TermStat)> = self.terms.iter().map(|(t, s)| (&**t, s)).collect();
        v.sort_unstable_by(|a, b| b.1.count.cmp(&a.1.count).then_with(|| a.0.cmp(b.0)));
        let mut out = Vec::with_capacity(v.len());
        let mut rank = 0u64;
        let mut prev = None;
        for (i, (term, stat)) in v.into_iter().enumerate() {
            if prev != Some(stat.count) {
                rank = i as u64 + 1;
                prev = Some(stat.count);
            }
            out.push(Ranked { term, stat, rank });
        }
        out
    }

    /// Terms sorted by count (descending), then term (bytes).
    pub fn sorted(&self) -> Vec<(&str, &TermStat)> {
        self.ranked()
            .into_iter()
            .map(|r| (r.term, r.stat))
            .collect()
    }
}

/// The display form of every term over several counts (all groups of a
/// table, so one term reads the same in every row): the most frequent
/// surface form summed over them, ties to the alphabetical first.
pub fn display_forms<'a>(
    counts: impl IntoIterator<Item = &'a TermCounts>,
) -> FastMap<Arc<str>, Arc<str>> {
    // (term, form, summed count)
    type Sum<'a> = (&'a Arc<str>, &'a Arc<str>, u64);
    // Sum each (term, form) over the counts ...
    let mut sums: FastMap<(&'a str, &'a str), Sum<'a>> = FastMap::default();
    for c in counts {
        for (term, stat) in &c.terms {
            for (form, n) in &stat.surfaces {
                sums.entry((&**term, &**form)).or_insert((term, form, 0)).2 += n;
            }
        }
    }
    // ... then keep each term's best: the highest sum, ties to the form
    // that sorts first (whatever the order of the map).
    let mut best: FastMap<&'a str, Sum<'a>> = FastMap::default();
    for (term, form, n) in sums.into_values() {
        let e = best.entry(&**term).or_insert((term, form, n));
        if n > e.2 || (n == e.2 && **form < **e.1) {
            *e = (term, form, n);
        }
    }
    best.into_values()
        .map(|(t, f, _)| (t.clone(), f.clone()))
        .collect()
}

/// Count every group of `by` over the corpus: `(group name, counts)` in
/// the order of [`groups`].
pub fn count_corpus(
    corpus: &Corpus,
    by: GroupBy,
    analyzer: &Analyzer,
) -> Vec<(String, TermCounts)> {
    let gs = groups(corpus, by);
    let counts = count_groups(corpus, &gs, analyzer);
    gs.into_iter().map(|g| g.name).zip(counts).collect()
}

/// Count each group's turns, in parallel; one [`TermCounts`] per group, in
/// the order given. A turn listed in two groups counts in both. Turns that
/// do not exist are skipped.
pub fn count_groups(corpus: &Corpus, groups: &[Group], analyzer: &Analyzer) -> Vec<TermCounts> {
    count_phase(corpus, groups, analyzer).into_counts(false).0
}

/// The counts of every group of a corpus with the display form of every
/// term: what [`count_corpus`] and [`display_forms`] give, in one pass.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CorpusCounts {
    /// `(group name, counts)` in the order of [`groups`].
    pub groups: Vec<(String, TermCounts)>,
    /// Term → display form over all groups (see [`display_forms`]).
    pub display: FastMap<Arc<str>, Arc<str>>,
}

/// As [`count_corpus`] with [`display_forms`], taking the corpus: it is
/// dropped as soon as the words are counted, before the [`TermCounts`] are
/// built, which lowers the peak memory of a large corpus. The display forms
/// are chosen in interned ids, before any string is built.
pub fn count_corpus_owned(corpus: Corpus, by: GroupBy, analyzer: &Analyzer) -> CorpusCounts {
    let gs = groups(&corpus, by);
    let counted = count_phase(&corpus, &gs, analyzer);
    drop(corpus);
    let names: Vec<String> = gs.into_iter().map(|g| g.name).collect();
    let (counts, display) = counted.into_counts(true);
    CorpusCounts {
        groups: names.into_iter().zip(counts).collect(),
        display,
    }
}

/// The parallel counting pass, in interned ids.
fn count_phase(corpus: &Corpus, groups: &[Group], analyzer: &Analyzer) -> Counted {
    let mut items: Vec<Item<'_>> = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        for &(t, u) in &group.turns {
            if let Some(turn) = corpus.transcripts.get(t).and_then(|x| x.turns.get(u)) {
                items.push(Item {
                    order: (t, u),
                    group: g,
                    speaker: turn.speaker as u32,
                    text: &turn.text,
                });
            }
        }
    }
    // By group, then corpus order: a group's turns come in runs (see
    // `Pending`), and one speaker's neighbouring turns share vocabulary.
    items.sort_by_key(|i| (i.group, i.order));
    // One accumulator per thread (each with its own word caches, all
    // classifying into one shared vocabulary: see `SharedWords`), fed small
    // blocks of turns from both ends of the list (see `Ends`) so that a
    // slower thread simply takes fewer blocks; then the accumulators are
    // merged.
    const BLOCK: usize = 32;
    let total: usize = items.iter().map(|i| i.text.len()).sum();
    let workers = if total < (1 << 20) {
        1
    } else {
        rayon::current_num_threads().max(1)
    };
    let block = BLOCK.max(items.len().div_ceil(u32::MAX as usize));
    let ends = Ends::new(items.len().div_ceil(block));
    let n = groups.len();
    let ngram = analyzer.options().ngram;
    let words = SharedWords::default();
    let acc = (0..workers)
        .into_par_iter()
        .with_max_len(1)
        .map(|w| {
            let mut acc = Acc::new(n, ngram, words.clone());
            while let Some(b) = ends.take(w % 2 == 1) {
                let start = b * block;
                let Some(turns) = items.get(start..(start + block).min(items.len())) else {
                    break;
                };
                for it in turns {
                    acc.add_turn(analyzer, it.text, it.group, it.speaker);
                }
            }
            acc.pending.flush_all(&mut acc.groups);
            acc
        })
        .reduce_with(|mut a, b| {
            a.merge(b);
            a
        })
        .unwrap_or_else(|| Acc::new(n, ngram, words.clone()));
    acc.finish()
}

/// Blocks of a list handed out from both ends: even workers take from the
/// front, odd ones from the back, until the two meet. Two workers thus each
/// count a contiguous part of the turns (sorted by group), and each one's
/// vocabulary is mostly its own part's: fewer words are looked up in the
/// shared vocabulary by both.
struct Ends {
    /// The next front block in the high half, the end of the blocks not
    /// taken from the back in the low half.
    both: AtomicU64,
}

impl Ends {
    fn new(blocks: usize) -> Ends {
        Ends {
            both: AtomicU64::new(u64::from(u32::try_from(blocks).unwrap_or(u32::MAX))),
        }
    }

    /// How many blocks are left.
    fn left(&self) -> usize {
        let cur = self.both.load(Ordering::Relaxed);
        let (front, back) = (cur >> 32, cur & u64::from(u32::MAX));
        back.saturating_sub(front) as usize
    }

    /// The next block from the back (`from_back`) or the front, if any is
    /// left.
    fn take(&self, from_back: bool) -> Option<usize> {
        let mut cur = self.both.load(Ordering::Relaxed);
        loop {
            let (front, back) = (cur >> 32, cur & u64::from(u32::MAX));
            if front >= back {
                return None;
            }
            let (next, block) = if from_back {
                ((front << 32) | (back - 1), back - 1)
            } else {
                (((front + 1) << 32) | back, front)
            };
            match self
                .both
                .compare_exchange_weak(cur, next, Ordering::AcqRel, Ordering::Relaxed)
            {
                Ok(_) => return Some(block as usize),
                Err(now) => cur = now,
            }
        }
    }
}

/// Each speaker's plain word sequence (`unicode_words()`, lower case, no
/// stopwords removed, no stemming, numbers kept; see
/// [`crate::text::plain_words`]): their turns in corpus order, concatenated.
/// One entry per speaker of `Corpus::speakers`, in that order.
pub fn speaker_words(corpus: &Corpus) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = corpus
        .speakers
        .iter()
        .map(|s| (s.name.clone(), Vec::new()))
        .collect();
    for (_, turn) in corpus.turns() {
        if let Some(e) = out.get_mut(turn.speaker) {
            e.1.extend(plain_words(&turn.text));
        }
    }
    out
}

// ---------------------------------------------------------------------------
// The fast path: interned ids, per-thread caches.

struct Item<'c> {
    order: (usize, usize),
    group: usize,
    speaker: u32,
    text: &'c str,
}

/// Strings ↔ dense ids, the strings kept in one buffer (a few bytes per
/// name instead of an allocation each).
#[derive(Default)]
struct Interner {
    bytes: String,
    /// (start, len) of each id's name in `bytes`.
    spans: Vec<(usize, usize)>,
    /// Next id whose name has the same hash (chains of `heads`).
    next: Vec<u32>,
    /// Hash of a name → the last id with that hash.
    heads: FastMap<u64, u32>,
}

const NO_ID: u32 = u32::MAX;

impl Interner {
    fn len(&self) -> usize {
        self.spans.len()
    }

    fn name(&self, id: u32) -> &str {
        self.spans
            .get(id as usize)
            .and_then(|&(s, l)| self.bytes.get(s..s + l))
            .unwrap_or("")
    }

    fn hash(s: &str) -> u64 {
        FastBuildHasher::default().hash_one(s)
    }

    /// The id of `s`, if it has one.
    fn get(&self, s: &str) -> Option<u32> {
        self.find(s, self.head(Interner::hash(s)))
    }

    /// The last id whose name has hash `h`.
    fn head(&self, h: u64) -> u32 {
        self.heads.get(&h).copied().unwrap_or(NO_ID)
    }

    /// The id of `s` in the chain that starts at `i`.
    fn find(&self, s: &str, mut i: u32) -> Option<u32> {
        while i != NO_ID {
            if self.name(i) == s {
                return Some(i);
            }
            i = self.next.get(i as usize).copied().unwrap_or(NO_ID);
        }
        None
    }

    /// The id of `s`, and whether it is new.
    fn id(&mut self, s: &str) -> (u32, bool) {
        let h = Interner::hash(s);
        let head = self.head(h);
        match self.find(s, head) {
            Some(i) => (i, false),
            None => (self.push(s, h, head), true),
        }
    }

    /// Give `s` (hash `h`), which has no id, the next one; the chain of
    /// `h` starts at `head`.
    fn push(&mut self, s: &str, h: u64, head: u32) -> u32 {
        let id = self.spans.len() as u32;
        self.spans.push((self.bytes.len(), s.len()));
        self.bytes.push_str(s);
        self.next.push(head);
        self.heads.insert(h, id);
        id
    }

    /// Every name as a shared string, by id.
    fn into_arcs(self) -> Vec<Arc<str>> {
        (0..self.len() as u32)
            .map(|i| Arc::from(self.name(i)))
            .collect()
    }
}

/// Tuples of ids (n-grams) ↔ dense ids.
#[derive(Default)]
struct TupleInterner {
    parts: Vec<[u32; 3]>,
    index: FastMap<[u32; 3], u32>,
}

impl TupleInterner {
    fn id(&mut self, t: [u32; 3]) -> (u32, bool) {
        if let Some(&i) = self.index.get(&t) {
            return (i, false);
        }
        let i = self.parts.len() as u32;
        self.parts.push(t);
        self.index.insert(t, i);
        (i, true)
    }
}

/// What a word (exact slice of the text) turned into.
#[derive(Clone, Copy)]
enum Entry {
    Stop,
    Number,
    Keep { surface: u32, term: u32 },
}

/// The sentinels that stand in the surface half of a [`Packed`] value for
/// a stopword and a number (no surface id reaches them).
const STOP: u32 = u32::MAX;
const NUMBER: u32 = u32::MAX - 1;

/// A word of at most 16 bytes packed into two words (hashed as two `u64`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Key([u64; 2]);

impl std::hash::Hash for Key {
    #[inline]
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.0[0]);
        state.write_u64(self.0[1]);
    }
}

/// Who used the terms of a group: usually one speaker for all (a speaker
/// group), so the set is only built when a second speaker turns up.
#[derive(Default)]
enum Users {
    #[default]
    Nobody,
    One(u32),
    Many(FastSet<(u32, u32)>),
}

#[derive(Default)]
struct GroupAcc {
    tokens: u64,
    turns: u64,
    /// Unit (surface form or surface n-gram) → count.
    units: FastMap<u32, u64>,
    /// Counted term → turns containing it.
    term_turns: FastMap<u32, u64>,
    /// (counted term, speaker) pairs.
    users: Users,
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
    fn start_turn(&mut self, speaker: u32, pending: &mut Pending) {
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
    fn absorb(&mut self, theirs: GroupAcc, unit: impl Fn(u32) -> u32, term: impl Fn(u32) -> u32) {
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
    fn end_turn(&mut self, turn: &TurnTally, speaker: u32) {
        self.turns += 1;
        self.tokens += turn.tokens;
        if let Users::Many(set) = &mut self.users {
            set.extend(turn.terms().iter().map(|&t| (t, speaker)));
        }
    }
}

/// A list appended to without a branch on whether an item is kept: the
/// item is written past the end on every push, and the end advances only
/// if it is kept (`buf` always holds a spare slot past `len`). The word
/// loop's lists: the looked-up words of a text, the terms of a turn, the
/// ids in use of a [`Tally`].
struct Kept<T> {
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
    fn push_if(&mut self, item: T, keep: bool) {
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

    fn len(&self) -> usize {
        self.len
    }

    /// The kept items.
    fn all(&self) -> &[T] {
        self.buf.get(..self.len).unwrap_or_default()
    }

    /// The kept items in `range` (empty if out of bounds).
    fn get(&self, range: std::ops::Range<usize>) -> &[T] {
        self.all().get(range).unwrap_or_default()
    }

    fn clear(&mut self) {
        self.len = 0;
    }
}

/// The [`Packed`] values (surface and term id) of counted words, looked up
/// ahead of their counting (see [`Acc::look_up`]).
type Ids = Kept<Packed>;

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
struct Pending {
    /// The group whose sums these are (`usize::MAX`: none).
    group: usize,
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
    fn flush(&mut self, group: &mut GroupAcc) {
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
    fn switch(&mut self, groups: &mut [GroupAcc], g: usize) {
        if self.group != g {
            self.flush_all(groups);
            self.group = g;
        }
    }

    /// Flush the pending group, if any, into `groups`.
    fn flush_all(&mut self, groups: &mut [GroupAcc]) {
        if let Some(old) = groups.get_mut(self.group) {
            self.flush(old);
        }
    }
}

/// One turn being counted: its units go straight into the group's
/// [`Pending`] sums; a per-turn stamp by term id tells which terms the turn
/// has seen (for the turns containing each term and who used it).
#[derive(Default)]
struct TurnTally {
    /// Tokens (or n-grams) of the turn.
    tokens: u64,
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
    fn start(&mut self) {
        self.tokens = 0;
        self.terms.clear();
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.seen.iter_mut().for_each(|s| *s = 0);
            self.stamp = 1;
        }
    }

    /// The counted terms of the turn, in order of first use.
    fn terms(&self) -> &[u32] {
        self.terms.all()
    }

    /// Count one occurrence of `unit`, whose counted term is `term`.
    #[inline(always)]
    fn add(&mut self, pending: &mut Pending, unit: u32, term: u32) {
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

/// The bytes of the word `b[s..s + len]` (1 to 8 of them) as an integer,
/// zero-padded (words never hold a NUL byte, so padding is unambiguous).
/// Reads 8 bytes at once when the text has them, masking what follows.
#[inline(always)]
fn tiny_key(b: &[u8], s: usize, len: usize) -> u64 {
    let w = match b.get(s..).and_then(<[u8]>::first_chunk::<8>) {
        Some(chunk) => *chunk,
        None => {
            let mut w = [0u8; 8];
            if let Some(part) = b.get(s..s + len) {
                w[..len].copy_from_slice(part);
            }
            w
        }
    };
    u64::from_le_bytes(w) & (u64::MAX >> (64 - 8 * len as u32))
}

/// The word `b[s..s + len]` (9 to 16 bytes) as two integers, as
/// [`tiny_key`].
#[inline(always)]
fn short_key(b: &[u8], s: usize, len: usize) -> Key {
    let w = match b.get(s..).and_then(<[u8]>::first_chunk::<16>) {
        Some(chunk) => *chunk,
        None => {
            let mut w = [0u8; 16];
            if let Some(part) = b.get(s..s + len) {
                w[..len].copy_from_slice(part);
            }
            w
        }
    };
    let v = u128::from_le_bytes(w) & (u128::MAX >> (128 - 8 * len as u32));
    Key([v as u64, (v >> 64) as u64])
}

/// A word-cache value: the surface id in the low half (or [`STOP`] or
/// [`NUMBER`]), the term id in the high half.
type Packed = u64;

/// No [`Packed`] value: a surface id is never [`STOP`] with a nonzero
/// term id.
const MISS: Packed = u64::MAX;

#[inline(always)]
fn pack(e: Entry) -> Packed {
    match e {
        Entry::Stop => u64::from(STOP),
        Entry::Number => u64::from(NUMBER),
        Entry::Keep { surface, term } => u64::from(surface) | (u64::from(term) << 32),
    }
}

#[inline(always)]
fn unpack(v: Packed) -> Entry {
    match v as u32 {
        STOP => Entry::Stop,
        NUMBER => Entry::Number,
        surface => Entry::Keep {
            surface,
            term: (v >> 32) as u32,
        },
    }
}

/// Fibonacci hashing: the top `bits` bits of `k` times 2^64/phi.
#[inline(always)]
fn fib(k: u64, bits: u32) -> usize {
    (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
}

/// Sets of the cache of words of up to 8 bytes (a power of two).
const TINY_SETS: usize = 8192;
/// Sets of the cache of words of 9 to 16 bytes (a power of two).
const SHORT_SETS: usize = 8192;

/// Four words of up to 8 bytes and their values: one cache line.
#[derive(Clone, Copy, Default)]
#[repr(align(64))]
struct TinySet {
    keys: [u64; 4],
    vals: [Packed; 4],
}

/// Two words of 9 to 16 bytes and their values: one cache line.
#[derive(Clone, Copy, Default)]
#[repr(align(64))]
struct ShortSet {
    keys: [Key; 2],
    vals: [Packed; 2],
}

/// Set-associative caches in front of the word maps: a word's set is one
/// multiply away and one cache line wide, so a hit costs a few compares.
/// The frequent words of a thread's text (a few thousand carry most
/// tokens) stay in its 2 × 512 KB, which a core's 2 MB L2 holds (fewer
/// sets miss more often, as the WH corpus's long tail of words comes
/// back). A new word goes first in its set and
/// pushes the last one out. Empty slots hold key 0, which no word packs to.
struct Hot {
    tiny: Box<[TinySet]>,
    short: Box<[ShortSet]>,
}

impl Default for Hot {
    fn default() -> Hot {
        Hot {
            tiny: vec![TinySet::default(); TINY_SETS].into_boxed_slice(),
            short: vec![ShortSet::default(); SHORT_SETS].into_boxed_slice(),
        }
    }
}

impl Hot {
    #[inline(always)]
    fn tiny_set(k: u64) -> usize {
        fib(k, TINY_SETS.trailing_zeros())
    }

    #[inline(always)]
    fn short_set(k: Key) -> usize {
        fib(
            k.0[0].wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ k.0[1],
            SHORT_SETS.trailing_zeros(),
        )
    }

    /// The value of `k` in its set, or `None`: every way is compared and
    /// the hit selected without a branch (keys are unique within a set),
    /// so which way holds the word costs no misprediction.
    #[inline(always)]
    fn get_tiny(&self, k: u64) -> Option<Packed> {
        let set = self.tiny.get(Hot::tiny_set(k))?;
        let mut v = MISS;
        for w in 0..4 {
            v = std::hint::select_unpredictable(set.keys[w] == k, set.vals[w], v);
        }
        (v != MISS).then_some(v)
    }

    #[inline(always)]
    fn get_short(&self, k: Key) -> Option<Packed> {
        let set = self.short.get(Hot::short_set(k))?;
        let mut v = MISS;
        for w in 0..2 {
            v = std::hint::select_unpredictable(set.keys[w] == k, set.vals[w], v);
        }
        (v != MISS).then_some(v)
    }

    fn put_tiny(&mut self, k: u64, v: Packed) {
        if let Some(set) = self.tiny.get_mut(Hot::tiny_set(k)) {
            set.keys.copy_within(0..3, 1);
            set.vals.copy_within(0..3, 1);
            set.keys[0] = k;
            set.vals[0] = v;
        }
    }

    fn put_short(&mut self, k: Key, v: Packed) {
        if let Some(set) = self.short.get_mut(Hot::short_set(k)) {
            set.keys[1] = set.keys[0];
            set.vals[1] = set.vals[0];
            set.keys[0] = k;
            set.vals[0] = v;
        }
    }
}

/// The kept words of a count: surface forms and terms by id, and each
/// surface form's term. One for all the threads of a count (see
/// [`SharedWords`]).
#[derive(Default)]
struct Words {
    surfaces: Interner,
    terms: Interner,
    surface_term: Vec<u32>,
}

/// The [`Words`] that every thread of one count classifies into: a word is
/// classified (and stemmed) by the first thread that meets it, and the
/// threads' counts are in the same ids, so merging them translates none.
/// Locked only when a thread meets a word its own caches do not know
/// (once per distinct word as written, not per occurrence). The
/// ids depend on which thread meets a word first; nothing written does.
type SharedWords = Arc<Mutex<Words>>;

fn lock(words: &Mutex<Words>) -> MutexGuard<'_, Words> {
    // A poisoned lock only means another thread panicked while holding
    // it; the words are whole (each change is a push).
    words.lock().unwrap_or_else(|e| e.into_inner())
}

/// Word-level vocabulary of one thread: its caches of what each word as
/// written is ([`Packed`]), in front of the shared words.
struct Vocab {
    /// In front of `tiny` and `short`.
    hot: Hot,
    /// Words of up to 8 bytes (most of them) → cached value.
    tiny: FastMap<u64, Packed>,
    /// Words of 9 to 16 bytes.
    short: FastMap<Key, Packed>,
    /// Longer words (few: their keys are owned, so that the vocabulary
    /// outlives the texts it has seen).
    long: FastMap<Box<str>, Packed>,
    words: SharedWords,
}

impl Vocab {
    /// What the word `text[s..e]` is, packed (see [`Packed`]): a cache hit
    /// inline, anything else out of line.
    #[inline(always)]
    fn lookup(&mut self, analyzer: &Analyzer, text: &str, s: usize, e: usize) -> Packed {
        let b = text.as_bytes();
        let len = e.wrapping_sub(s);
        if len.wrapping_sub(1) < 8 {
            let k = tiny_key(b, s, len);
            if let Some(v) = self.hot.get_tiny(k) {
                return v;
            }
            return self.miss_tiny(analyzer, text, s, e, k);
        }
        if len.wrapping_sub(9) < 8 {
            let k = short_key(b, s, len);
            if let Some(v) = self.hot.get_short(k) {
                return v;
            }
            return self.miss_short(analyzer, text, s, e, k);
        }
        self.lookup_long(analyzer, text, s, e)
    }

    #[cold]
    #[inline(never)]
    fn miss_tiny(&mut self, analyzer: &Analyzer, text: &str, s: usize, e: usize, k: u64) -> Packed {
        let p = self.known(analyzer, text.get(s..e).unwrap_or_default(), k, |v| {
            &mut v.tiny
        });
        self.hot.put_tiny(k, p);
        p
    }

    #[cold]
    #[inline(never)]
    fn miss_short(
        &mut self,
        analyzer: &Analyzer,
        text: &str,
        s: usize,
        e: usize,
        k: Key,
    ) -> Packed {
        let p = self.known(analyzer, text.get(s..e).unwrap_or_default(), k, |v| {
            &mut v.short
        });
        self.hot.put_short(k, p);
        p
    }

    #[inline(never)]
    fn lookup_long(&mut self, analyzer: &Analyzer, text: &str, s: usize, e: usize) -> Packed {
        let word = text.get(s..e).unwrap_or_default();
        match self.long.get(word) {
            Some(&p) => p,
            None => {
                let p = self.classify(analyzer, word);
                self.long.insert(word.into(), p);
                p
            }
        }
    }

    /// The cached value of `word` (keyed `k` in the map that `map` picks),
    /// classified and stored the first time.
    fn known<K: std::hash::Hash + Eq>(
        &mut self,
        analyzer: &Analyzer,
        word: &str,
        k: K,
        map: fn(&mut Self) -> &mut FastMap<K, Packed>,
    ) -> Packed {
        if let Some(&p) = map(self).get(&k) {
            return p;
        }
        let p = self.classify(analyzer, word);
        map(self).insert(k, p);
        p
    }

    /// A word this thread has not seen yet, in the shared words: known
    /// already (in other capitals, or from another thread), or classified
    /// now (outside the lock: stemming is the slow part) and added.
    fn classify(&mut self, analyzer: &Analyzer, word: &str) -> Packed {
        let normal = Analyzer::normal_form(word);
        // What a word becomes depends on its normal form alone.
        if let Some(p) = lock(&self.words).known(&normal) {
            return p;
        }
        match analyzer.classify_normal_once(&normal) {
            (WordKind::Stopword, _) => pack(Entry::Stop),
            (WordKind::Number, _) => pack(Entry::Number),
            (WordKind::Term, term) => {
                let mut words = lock(&self.words);
                let Words {
                    surfaces,
                    terms,
                    surface_term,
                } = &mut *words;
                // Another thread may have added it meanwhile: the same term.
                let (surface, new) = surfaces.id(&normal);
                if new {
                    let (term, _) = terms.id(term.as_deref().unwrap_or_default());
                    surface_term.push(term);
                }
                words.packed(surface)
            }
        }
    }
}

impl Words {
    /// The kept word of normal form `normal`, if it is one.
    fn known(&self, normal: &str) -> Option<Packed> {
        self.surfaces
            .get(normal)
            .map(|surface| self.packed(surface))
    }

    /// A kept surface form and its term.
    fn packed(&self, surface: u32) -> Packed {
        let term = self
            .surface_term
            .get(surface as usize)
            .copied()
            .unwrap_or(0);
        pack(Entry::Keep { surface, term })
    }
}

/// Looks up the words of a text (n = 1) and keeps the [`Packed`] values
/// of the counted ones.
struct Lookup<'a> {
    analyzer: &'a Analyzer,
    text: &'a str,
    vocab: &'a mut Vocab,
    ids: &'a mut Ids,
}

impl PieceSink for Lookup<'_> {
    #[inline(always)]
    fn piece(&mut self, s: usize, e: usize, _: bool) {
        let v = self.vocab.lookup(self.analyzer, self.text, s, e);
        self.ids.push_if(v, (v as u32) < NUMBER);
    }
}

/// One thread's counts. For n = 1 a unit is a surface id and a counted
/// term a term id, in the shared words' ids (see [`SharedWords`]); for
/// n > 1 both are n-gram ids of the accumulator's own.
struct Acc {
    n: usize,
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
    fn new(groups: usize, n: usize, words: SharedWords) -> Acc {
        Acc {
            n,
            vocab: Vocab {
                hot: Hot::default(),
                tiny: FastMap::default(),
                short: FastMap::default(),
                long: FastMap::default(),
                words,
            },
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
    fn add_turn(&mut self, analyzer: &Analyzer, text: &str, g: usize, speaker: u32) {
        if self.begin_turn(g, speaker) {
            self.add_text(analyzer, text);
            self.end_turn();
        }
    }

    /// Start a turn of `speaker` in group `g` (false, and nothing to
    /// count, if there is no such group). Its text follows in one or more
    /// [`Acc::add_text`] parts, as if joined by line breaks.
    fn begin_turn(&mut self, g: usize, speaker: u32) -> bool {
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
    fn end_turn(&mut self) {
        let (g, speaker) = self.current;
        if let Some(group) = self.groups.get_mut(g) {
            group.end_turn(&self.turn, speaker);
        }
        self.current = (usize::MAX, 0);
    }

    /// Count a part of the current turn's text. A line break ends a
    /// sentence, so parts counted one after another give the counts of
    /// the parts joined by line breaks.
    fn add_text(&mut self, analyzer: &Analyzer, text: &str) {
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
    fn look_up(&mut self, analyzer: &Analyzer, text: &str, ids: &mut Ids) {
        self.look_up_in(analyzer, text, 0..text.len(), ids);
    }

    /// [`Acc::look_up`] of `text[range]` (char boundaries): the words of
    /// the slice alone, read in place (`text` may be a whole file).
    fn look_up_in(
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
    fn add_ids(&mut self, ids: &[Packed]) {
        let Acc { turn, pending, .. } = self;
        for &v in ids {
            turn.add(pending, v as u32, (v >> 32) as u32);
        }
    }

    /// Make sure there are at least `n` groups.
    fn ensure_groups(&mut self, n: usize) {
        if self.groups.len() < n {
            self.groups.resize_with(n, GroupAcc::default);
        }
    }

    /// Flush the pending sums into the groups.
    fn flush(&mut self) {
        self.pending.flush_all(&mut self.groups);
        self.pending.group = usize::MAX;
    }

    /// Make the groups `n` new ones: old group `g` is added into
    /// `map[g]` (groups mapped to one are merged; `usize::MAX`: dropped).
    fn regroup(&mut self, map: &[usize], n: usize) {
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
    fn merge(&mut self, other: Acc) {
        let identity: Vec<usize> = (0..other.groups.len()).collect();
        self.merge_mapped(other, &identity);
    }

    /// Add `other`'s counts (which share our words), translating its
    /// n-gram ids into ours and its group `g` into our group `map[g]`
    /// (`usize::MAX`: dropped). Gives its counted terms' ids in ours, or
    /// `None` when they are ours already (n = 1).
    fn merge_mapped(&mut self, mut other: Acc, map: &[usize]) -> Option<Vec<u32>> {
        debug_assert!(
            Arc::ptr_eq(&self.vocab.words, &other.vocab.words),
            "merged accumulators share their words"
        );
        self.flush();
        other.flush();
        // Its word caches are not needed: free them before ours grow.
        other.vocab.hot = Hot {
            tiny: Box::default(),
            short: Box::default(),
        };
        other.vocab.tiny = FastMap::default();
        other.vocab.short = FastMap::default();
        other.vocab.long = FastMap::default();
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
    fn turn_terms(&self) -> &[u32] {
        self.turn.terms()
    }

    /// Take back what counting two turns of group `g` apart gave more than
    /// counting them as one: `turns` fewer turns, and for each `(term, k)`
    /// a term found in `k` of them, `k - 1` fewer turns containing it.
    fn unsplit(&mut self, g: usize, turns: u64, terms: impl IntoIterator<Item = (u32, u64)>) {
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
    fn finish(self) -> Counted {
        let Acc {
            n,
            vocab,
            units,
            gterms,
            unit_term,
            groups,
            ..
        } = self;
        let Words {
            surfaces,
            terms,
            surface_term,
        } = std::mem::take(&mut *lock(&vocab.words));
        drop(vocab);
        Counted {
            n,
            surfaces,
            terms,
            surface_term,
            units,
            gterms,
            unit_term,
            groups,
        }
    }
}

/// Counts in interned ids, free of the corpus.
struct Counted {
    n: usize,
    surfaces: Interner,
    terms: Interner,
    surface_term: Vec<u32>,
    units: TupleInterner,
    gterms: TupleInterner,
    unit_term: Vec<u32>,
    groups: Vec<GroupAcc>,
}

/// [`Counted`] with its ids named.
struct Named {
    unit_names: Vec<Arc<str>>,
    term_names: Vec<Arc<str>>,
    unit_term: Vec<u32>,
    groups: Vec<GroupAcc>,
}

impl Counted {
    /// The names of units and counted terms by id (for n > 1, the n-grams'
    /// words joined by a space), each unit's term, and the groups.
    fn named(self) -> Named {
        let Counted {
            n,
            surfaces,
            terms,
            surface_term,
            units,
            gterms,
            unit_term,
            groups,
        } = self;
        let join = |t: &[u32; 3], names: &[Arc<str>]| -> Arc<str> {
            let mut s = String::new();
            for (k, &x) in t.iter().take(n).enumerate() {
                if k > 0 {
                    s.push(' ');
                }
                s.push_str(names.get(x as usize).map_or("", |a| &**a));
            }
            Arc::from(s)
        };
        let (surfaces, terms) = rayon::join(|| surfaces.into_arcs(), || terms.into_arcs());
        let (unit_names, term_names, unit_term): (Vec<Arc<str>>, Vec<Arc<str>>, Vec<u32>) =
            if n == 1 {
                (surfaces, terms, surface_term)
            } else {
                (
                    units.parts.iter().map(|t| join(t, &surfaces)).collect(),
                    gterms.parts.iter().map(|t| join(t, &terms)).collect(),
                    unit_term,
                )
            };
        Named {
            unit_names,
            term_names,
            unit_term,
            groups,
        }
    }

    /// Build the public counts: the groups' counts, and (`with_display`)
    /// each term's display form.
    fn into_counts(self, with_display: bool) -> (Vec<TermCounts>, FastMap<Arc<str>, Arc<str>>) {
        let Named {
            unit_names,
            term_names,
            unit_term,
            groups,
        } = self.named();
        let display = if with_display {
            display_in_ids(&groups, &unit_names, &term_names, &unit_term)
        } else {
            FastMap::default()
        };
        let counts = groups
            .into_par_iter()
            .map(|g| {
                let mut stats: FastMap<u32, TermStat> = FastMap::default();
                stats.reserve(g.term_turns.len());
                for (u, c) in g.units {
                    let t = unit_term[u as usize];
                    let st = stats.entry(t).or_default();
                    st.count += c;
                    st.surfaces.push((unit_names[u as usize].clone(), c));
                }
                for (t, c) in g.term_turns {
                    stats.entry(t).or_default().turns += c;
                }
                match g.users {
                    Users::Nobody => {}
                    Users::One(s) => stats
                        .values_mut()
                        .for_each(|st| st.speakers = smallvec::smallvec![s]),
                    Users::Many(set) => {
                        for (t, s) in set {
                            stats.entry(t).or_default().speakers.push(s);
                        }
                    }
                }
                let mut terms: FastMap<Arc<str>, TermStat> = FastMap::default();
                terms.reserve(stats.len());
                for (t, mut st) in stats {
                    st.speakers.sort_unstable();
                    st.speakers.shrink_to_fit();
                    st.surfaces.sort_unstable_by(|a, b| a.0.cmp(&b.0));
                    st.surfaces.shrink_to_fit();
                    terms.insert(term_names[t as usize].clone(), st);
                }
                TermCounts {
                    tokens: g.tokens,
                    turns: g.turns,
                    terms,
                }
            })
            .collect();
        (counts, display)
    }
}

/// [`display_forms`] over the groups, in ids: each unit's count summed over
/// the groups, then for each term the unit with the highest sum, ties to
/// the name that sorts first.
fn display_in_ids(
    groups: &[GroupAcc],
    unit_names: &[Arc<str>],
    term_names: &[Arc<str>],
    unit_term: &[u32],
) -> FastMap<Arc<str>, Arc<str>> {
    best_units(groups, unit_names, term_names.len(), unit_term)
        .iter()
        .enumerate()
        .filter_map(|(t, b)| Some((term_names[t].clone(), unit_names[(*b)? as usize].clone())))
        .collect()
}

/// The display unit of each of `terms` term ids (see [`display_in_ids`]).
fn best_units(
    groups: &[GroupAcc],
    unit_names: &[Arc<str>],
    terms: usize,
    unit_term: &[u32],
) -> Vec<Option<u32>> {
    let mut total = vec![0u64; unit_names.len()];
    for g in groups {
        for (&u, &c) in &g.units {
            if let Some(t) = total.get_mut(u as usize) {
                *t += c;
            }
        }
    }
    let mut best: Vec<Option<u32>> = vec![None; terms];
    for (u, &n) in total.iter().enumerate() {
        if n == 0 {
            continue;
        }
        let Some(slot) = unit_term.get(u).and_then(|&t| best.get_mut(t as usize)) else {
            continue;
        };
        let better = match *slot {
            None => true,
            Some(b) => {
                let m = total[b as usize];
                n > m || (n == m && unit_names[u] < unit_names[b as usize])
            }
        };
        if better {
            *slot = Some(u as u32);
        }
    }
    best
}

// ---------------------------------------------------------------------------
// The counts as a ranked table in ids.

/// The counts of every group as `tribune terms` writes them: per group a
/// ranked row per term, the term names and display forms held once for
/// the whole table. What [`count_corpus_owned`] gives, without building a
/// map of strings per group: a large corpus ranks and writes faster.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermTable {
    /// In the order of [`groups`].
    pub groups: Vec<TableGroup>,
    /// Term id → term.
    names: Vec<Arc<str>>,
    /// Term id → display form over all groups (see [`display_forms`]).
    display: Vec<Arc<str>>,
}

/// One group of a [`TermTable`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableGroup {
    /// Group name.
    pub name: String,
    /// Terms counted (the denominator of rates), as [`TermCounts::tokens`].
    pub tokens: u64,
    /// Turns counted.
    pub turns: u64,
    /// Every term of the group, by count (descending) then term (bytes),
    /// as [`TermCounts::ranked`].
    pub rows: Vec<TableRow>,
}

/// A term of a [`TableGroup`] (its names are in the [`TermTable`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableRow {
    /// Term id.
    pub term: u32,
    /// Occurrences.
    pub count: u64,
    /// Turns that contain it.
    pub turns: u64,
    /// Speakers who used it.
    pub speakers: u64,
    /// 1 + the number of terms of the group with a higher count.
    pub rank: u64,
}

impl TermTable {
    /// The term of `row`.
    pub fn term(&self, row: &TableRow) -> &str {
        self.names.get(row.term as usize).map_or("", |s| &**s)
    }

    /// The display form of `row`'s term.
    pub fn display(&self, row: &TableRow) -> &str {
        self.display.get(row.term as usize).map_or("", |s| &**s)
    }

    /// Every term with its display form, by term id.
    pub fn terms(&self) -> impl Iterator<Item = (&str, &str)> {
        self.names
            .iter()
            .zip(&self.display)
            .map(|(t, d)| (&**t, &**d))
    }
}

/// [`count_corpus_owned`] as a [`TermTable`].
pub fn count_table_owned(corpus: Corpus, by: GroupBy, analyzer: &Analyzer) -> TermTable {
    let gs = groups(&corpus, by);
    let counted = count_phase(&corpus, &gs, analyzer);
    drop(corpus);
    let names: Vec<String> = gs.into_iter().map(|g| g.name).collect();
    counted.into_table(names)
}

impl Counted {
    /// The ranked table (`names`: the groups' names, in order).
    fn into_table(self, names: Vec<String>) -> TermTable {
        let Named {
            unit_names,
            term_names,
            unit_term,
            groups,
        } = self.named();
        let (display, place) = rayon::join(
            || -> Vec<Arc<str>> {
                best_units(&groups, &unit_names, term_names.len(), &unit_term)
                    .iter()
                    .zip(&term_names)
                    .map(|(b, t)| b.map_or_else(|| t.clone(), |u| unit_names[u as usize].clone()))
                    .collect()
            },
            || {
                // Each term's place in byte order: ranking compares integers.
                let mut by_name: Vec<u32> = (0..term_names.len() as u32).collect();
                by_name.par_sort_unstable_by(|&a, &b| {
                    term_names[a as usize].cmp(&term_names[b as usize])
                });
                let mut place = vec![0u32; term_names.len()];
                for (i, &t) in by_name.iter().enumerate() {
                    place[t as usize] = i as u32;
                }
                place
            },
        );
        let tables: Vec<TableGroup> = groups
            .into_par_iter()
            .zip(names)
            .map_init(Vec::new, |sums: &mut Vec<u64>, (g, name)| {
                // Each term's count, summed over its units in a dense
                // scratch array (by term id, zero between groups), and the
                // terms in the order they turn up.
                if sums.len() < term_names.len() {
                    sums.resize(term_names.len(), 0);
                }
                let mut count: Vec<(u32, u64)> = Vec::with_capacity(g.term_turns.len());
                for (&u, &c) in &g.units {
                    // (A unit is only ever in the map with a count.)
                    if c == 0 {
                        continue;
                    }
                    let t = unit_term.get(u as usize).copied().unwrap_or(0);
                    if let Some(sum) = sums.get_mut(t as usize) {
                        if *sum == 0 {
                            count.push((t, 0));
                        }
                        *sum += c;
                    }
                }
                for (t, c) in &mut count {
                    *c = sums.get_mut(*t as usize).map_or(0, std::mem::take);
                }
                let users: Option<FastMap<u32, u64>> = match &g.users {
                    Users::Many(set) => {
                        let mut m: FastMap<u32, u64> = FastMap::default();
                        for &(t, _) in set {
                            *m.entry(t).or_default() += 1;
                        }
                        Some(m)
                    }
                    _ => None,
                };
                let one = u64::from(matches!(g.users, Users::One(_)));
                // Ranked by count, then term in byte order: one integer a
                // row (count from the top, place, index), sorted.
                let mut order: Vec<u128> = count
                    .iter()
                    .enumerate()
                    .map(|(i, &(t, c))| {
                        let at = place.get(t as usize).copied().unwrap_or(u32::MAX);
                        (u128::from(u64::MAX - c) << 64) | (u128::from(at) << 32) | i as u128
                    })
                    .collect();
                order.sort_unstable();
                let mut rows: Vec<TableRow> = order
                    .iter()
                    .filter_map(|&k| count.get(k as u32 as usize))
                    .map(|&(t, c)| TableRow {
                        term: t,
                        count: c,
                        turns: g.term_turns.get(&t).copied().unwrap_or(0),
                        speakers: users
                            .as_ref()
                            .map_or(one, |m| m.get(&t).copied().unwrap_or(0)),
                        rank: 0,
                    })
                    .collect();
                let mut rank = 0;
                let mut prev = None;
                for (i, r) in rows.iter_mut().enumerate() {
                    if prev != Some(r.count) {
                        rank = i as u64 + 1;
                        prev = Some(r.count);
                    }
                    r.rank = rank;
                }
                TableGroup {
                    name,
                    tokens: g.tokens,
                    turns: g.turns,
                    rows,
                }
            })
            .collect();
        TermTable {
            groups: tables,
            names: term_names,
            display,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn ends_hand_out_every_block_once() {
        for blocks in [0usize, 1, 2, 7] {
            let ends = Ends::new(blocks);
            let mut got = Vec::new();
            let mut back = true;
            assert_eq!(ends.left(), blocks);
            while let Some(b) = ends.take(back) {
                got.push(b);
                back = !back;
                assert_eq!(ends.left(), blocks - got.len());
            }
            got.sort_unstable();
            assert_eq!(got, (0..blocks).collect::<Vec<_>>());
        }
        // From one end only, in order.
        let ends = Ends::new(3);
        let order: Vec<usize> = std::iter::from_fn(|| ends.take(true)).collect();
        assert_eq!(order, [2, 1, 0]);
    }

    #[test]
    fn word_keys_pack_the_bytes_of_the_word_only() {
        let text = b"ab administration x";
        assert_eq!(tiny_key(text, 0, 2), u64::from_le_bytes(*b"ab\0\0\0\0\0\0"));
        // At the end of the text there are fewer than 8 bytes to read.
        assert_eq!(tiny_key(text, 18, 1), u64::from(b'x'));
        let k = short_key(text, 3, 14);
        assert_eq!(k.0[0], u64::from_le_bytes(*b"administ"));
        assert_eq!(k.0[1], u64::from_le_bytes(*b"ration\0\0"));
        assert_eq!(
            short_key(b"abcdefghij", 0, 10),
            short_key(b"abcdefghijkl", 0, 10)
        );
    }

    #[test]
    fn hot_cache_returns_what_was_put_or_nothing() {
        // Many more words than slots: every hit must be the word's own
        // value, and the last word put in a set is always found.
        let mut hot = Hot::default();
        for i in 1..50_000u64 {
            let k = i.wrapping_mul(0x0101_0101) | 1;
            hot.put_tiny(k, i);
            assert_eq!(hot.get_tiny(k), Some(i));
            let s = Key([k, i]);
            hot.put_short(s, i + 1);
            assert_eq!(hot.get_short(s), Some(i + 1));
        }
        let mut found = 0;
        for i in 1..50_000u64 {
            let k = i.wrapping_mul(0x0101_0101) | 1;
            if let Some(v) = hot.get_tiny(k) {
                assert_eq!(v, i);
                found += 1;
            }
            if let Some(v) = hot.get_short(Key([k, i])) {
                assert_eq!(v, i + 1);
            }
        }
        // Four ways: at most four words a set.
        assert!(found > 4000 && found <= TINY_SETS * 4, "{found}");
        // A stopword's value is a hit, not a miss.
        let stop = pack(Entry::Stop);
        hot.put_tiny(7, stop);
        assert_eq!(hot.get_tiny(7), Some(stop));
        hot.put_short(Key([7, 7]), pack(Entry::Number));
        assert_eq!(hot.get_short(Key([7, 7])), Some(pack(Entry::Number)));
    }
}
