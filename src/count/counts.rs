//! Mergeable term counts of groups of turns, as strings: a [`TermCounts`]
//! holds, for one group, every term's count, the turns and speakers using
//! it and its surface forms; `+=` merges two of them (counts add, speaker
//! sets unite), so counts of disjoint sets of turns can be computed apart
//! and merged in any order. [`TermCounts::ranked`] ranks a group's terms and
//! [`display_forms`] picks each term's form to show over several groups.
//! Nothing here depends on hash order: ranking and the choice of forms
//! sort.

use std::ops::AddAssign;
use std::sync::Arc;

use smallvec::SmallVec;

use crate::text::hash::FastMap;

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
    fn merge(&mut self, other: &TermStat) {
        self.count += other.count;
        self.turns += other.turns;
        self.speakers = union_sorted(&self.speakers, &other.speakers);
        self.surfaces = merge_surfaces(&self.surfaces, &other.surfaces);
    }
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
    /// Terms sorted by count (descending), then term (bytes), with ranks.
    pub fn ranked(&self) -> Vec<Ranked<'_>> {
        let mut v: Vec<(&str, &TermStat)> = self.terms.iter().map(|(t, s)| (&**t, s)).collect();
        v.sort_unstable_by(|a, b| b.1.count.cmp(&a.1.count).then_with(|| a.0.cmp(b.0)));
        let mut ranks = MinRank::default();
        v.into_iter()
            .map(|(term, stat)| Ranked {
                term,
                stat,
                rank: ranks.next(stat.count),
            })
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

/// Ranks of counts taken in descending order, ties "min" (equal counts
/// share the best rank, the next count skips, as in quanteda): 1 + the
/// number of counts before that are higher.
#[derive(Debug, Default)]
pub(super) struct MinRank {
    taken: u64,
    rank: u64,
    prev: Option<u64>,
}

impl MinRank {
    /// The rank of the next count.
    pub(super) fn next(&mut self, count: u64) -> u64 {
        self.taken += 1;
        if self.prev != Some(count) {
            self.rank = self.taken;
            self.prev = Some(count);
        }
        self.rank
    }
}
