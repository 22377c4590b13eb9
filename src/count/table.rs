//! Counts in ids into what callers read: [`Counted`] (what the
//! accumulators leave, free of the corpus) named, then either one
//! [`TermCounts`] of strings per group, or a ranked [`TermTable`] in ids
//! with the term names and display forms held once for the whole table
//! (what `tribune terms` writes: a large corpus ranks and writes faster).
//! A term's display form is chosen in ids: its surface form with the
//! highest count over all groups, ties to the form that sorts first.

use std::sync::Arc;

use rayon::prelude::*;

use super::counts::{MinRank, TermCounts, TermStat};
use super::tally::{GroupAcc, Users};
use super::vocab::{TupleInterner, Words};
use crate::text::hash::FastMap;

/// Counts in interned ids, free of the corpus.
pub(super) struct Counted {
    pub(super) n: usize,
    /// The words: surface forms and terms by id, each surface's term.
    pub(super) words: Words,
    pub(super) units: TupleInterner,
    pub(super) gterms: TupleInterner,
    pub(super) unit_term: Vec<u32>,
    pub(super) groups: Vec<GroupAcc>,
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
            words:
                Words {
                    surfaces,
                    terms,
                    surface_term,
                },
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

    /// The groups' counts as strings.
    pub(super) fn into_counts(self) -> Vec<TermCounts> {
        let named = self.named();
        let (unit_names, term_names, unit_term) =
            (&named.unit_names, &named.term_names, &named.unit_term);
        named
            .groups
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
            .collect()
    }
}

/// The display unit of each of `terms` term ids: [`super::display_forms`]
/// in ids, each unit's count summed over the groups, then for each term
/// the unit with the highest sum, ties to the name that sorts first.
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

/// The counts of every group as `tribune terms` writes them: per group a
/// ranked row per term, the term names and display forms held once for
/// the whole table: the rows of [`TermCounts::ranked`] for each group,
/// without building a map of strings per group (a large corpus ranks and
/// writes faster).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermTable {
    /// In the order of the grouping's groups.
    pub groups: Vec<TableGroup>,
    /// Term id → term.
    names: Vec<Arc<str>>,
    /// Term id → display form over all groups (see [`super::display_forms`]).
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

impl Counted {
    /// The ranked table (`names`: the groups' names, in order).
    pub(super) fn into_table(self, names: Vec<String>) -> TermTable {
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
                    let t = *unit_term
                        .get(u as usize)
                        .expect("a unit gets its term when it gets its id");
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
                let mut ranks = MinRank::default();
                let rows: Vec<TableRow> = order
                    .iter()
                    .filter_map(|&k| count.get(k as u32 as usize))
                    .map(|&(t, c)| TableRow {
                        term: t,
                        count: c,
                        turns: g.term_turns.get(&t).copied().unwrap_or(0),
                        speakers: users
                            .as_ref()
                            .map_or(one, |m| m.get(&t).copied().unwrap_or(0)),
                        rank: ranks.next(c),
                    })
                    .collect();
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
