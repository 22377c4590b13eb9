//! Distinctive terms: which terms a target group (a speaker, role, outlet or
//! transcript) uses more or less than a reference, with G², χ², p, adjusted
//! p, Log Ratio and the weighted log-odds z. Counts come from
//! [`crate::count`], the statistics from [`crate::stats::keyness`]; this
//! module picks the turns, pairs the counts and orders the rows.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;

use serde::Serialize;

use crate::count::{TermCounts, count_groups, display_forms};
use crate::error::{Error, Result};
use crate::stats::keyness::{
    KeynessOptions, KeynessRow, LogOddsPrior, Measure, TermPair, keyness_table, sort_rows,
};
use crate::table::{Cell, Table};
use crate::text::Analyzer;
use crate::text::hash::FastMap;
use crate::transcript::Corpus;
use crate::transcript::group::{Group, GroupBy, Spec, groups};

/// How to compute and cut a keyness table.
#[derive(Debug, Clone)]
pub struct KeynessParams {
    /// Correction, adjustment, minimum count.
    pub options: KeynessOptions,
    /// The sort key.
    pub measure: Measure,
    /// Keep this many rows on each side (over-use and under-use); all if `None`.
    pub top: Option<usize>,
    /// Keep rows whose adjusted p is at most this.
    pub p_max: Option<f64>,
}

impl Default for KeynessParams {
    fn default() -> Self {
        KeynessParams {
            options: KeynessOptions::default(),
            measure: Measure::G2,
            top: None,
            p_max: None,
        }
    }
}

/// One term of a keyness table.
#[derive(Debug, Clone, Serialize)]
pub struct KeyTerm {
    /// The term (stem).
    pub term: String,
    /// Its most frequent surface form in the corpus.
    pub display: String,
    /// `target` when the target uses it more, `reference` when less.
    pub side: &'static str,
    /// Count in the target.
    pub target: u64,
    /// Count in the reference.
    pub reference: u64,
    /// Per 10,000 target tokens.
    pub target_rate: f64,
    /// Per 10,000 reference tokens.
    pub reference_rate: f64,
    /// Signed G² (+ over-use, − under-use).
    pub g2: f64,
    /// Signed Pearson χ².
    pub chi2: f64,
    /// p from χ²(1) of G².
    pub p: f64,
    /// Adjusted p (Benjamini–Hochberg unless asked otherwise).
    pub p_adj: f64,
    /// Log Ratio: log2 of the rate ratio, zero counts as 0.5.
    pub log_ratio: f64,
    /// Weighted log-odds z with an informative Dirichlet prior.
    pub log_odds_z: Option<f64>,
}

/// A keyness table: target against reference.
#[derive(Debug, Clone, Serialize)]
pub struct Keyness {
    /// The target, as a spec label (`Zulyat Ismail`, `role=official`).
    pub target: String,
    /// The reference (`everyone else` or a spec label).
    pub reference: String,
    /// Tokens in the target.
    pub target_total: u64,
    /// Tokens in the reference.
    pub reference_total: u64,
    /// Rows, sorted by the measure, descending.
    pub rows: Vec<KeyTerm>,
}

/// Counts for the whole corpus, with display forms, computed once and used
/// for every keyness table of a run.
pub struct CorpusCounts {
    /// All turns pooled.
    pub all: TermCounts,
    /// Term → display form.
    pub display: HashMap<Arc<str>, Arc<str>>,
    /// Term → corpus count (the log-odds prior).
    pub prior: HashMap<Arc<str>, u64>,
    /// Every term in byte order with its corpus count; a term's id is its
    /// position, so ids sort as the terms do.
    order: Vec<(Arc<str>, u64)>,
    /// Term → id.
    ids: FastMap<Arc<str>, u32>,
    /// Id → corpus count (`prior` by id).
    prior_ids: HashMap<u32, u64>,
}

impl CorpusCounts {
    /// Pool the given per-group counts (which must cover every turn once).
    pub fn from_groups<'a>(
        groups: impl IntoIterator<Item = &'a TermCounts> + Clone,
    ) -> CorpusCounts {
        let mut all = TermCounts::default();
        for g in groups.clone() {
            all += g;
        }
        let display = display_forms(groups).into_iter().collect();
        let prior = all
            .terms
            .iter()
            .map(|(t, s)| (t.clone(), s.count))
            .collect();
        let mut order: Vec<(Arc<str>, u64)> = all
            .terms
            .iter()
            .map(|(t, s)| (t.clone(), s.count))
            .collect();
        order.sort_unstable_by(|x, y| x.0.cmp(&y.0));
        let ids = order
            .iter()
            .enumerate()
            .map(|(i, (t, _))| (t.clone(), i as u32))
            .collect();
        let prior_ids = order
            .iter()
            .enumerate()
            .map(|(i, &(_, c))| (i as u32, c))
            .collect();
        CorpusCounts {
            all,
            display,
            prior,
            order,
            ids,
            prior_ids,
        }
    }
}

/// Keyness of `target` against `reference` (or everything else). Turns
/// that match both belong to the target.
pub fn keyness(
    corpus: &Corpus,
    analyzer: &Analyzer,
    target: &Spec,
    reference: Option<&Spec>,
    params: &KeynessParams,
) -> Result<Keyness> {
    // Every turn is counted once: target, reference, or the rest (which
    // only the prior needs). The three groups are counted in one pass.
    let (mut t_turns, mut r_turns, mut rest) = (Vec::new(), Vec::new(), Vec::new());
    for (ti, t) in corpus.transcripts.iter().enumerate() {
        for (ui, u) in t.turns.iter().enumerate() {
            if target.matches(corpus, t, u) {
                t_turns.push((ti, ui));
            } else if reference.is_none_or(|r| r.matches(corpus, t, u)) {
                r_turns.push((ti, ui));
            } else {
                rest.push((ti, ui));
            }
        }
    }
    let group = |name: &str, turns| Group {
        name: name.into(),
        turns,
    };
    let mut counts = count_groups(
        corpus,
        &[
            group("target", t_turns),
            group("reference", r_turns),
            group("rest", rest),
        ],
        analyzer,
    )
    .into_iter();
    let (tc, rc, other) = (
        counts.next().unwrap_or_default(),
        counts.next().unwrap_or_default(),
        counts.next().unwrap_or_default(),
    );
    // The prior comes from the whole corpus, not only the two sides.
    let cc = CorpusCounts::from_groups([&tc, &rc, &other]);
    let reference_label = reference.map_or_else(|| "everyone else".to_string(), Spec::label);
    if tc.tokens == 0 {
        return Err(Error::Spec(format!(
            "`{}` has no tokens to compare",
            target.label()
        )));
    }
    if rc.tokens == 0 {
        return Err(Error::Spec(format!(
            "the reference `{reference_label}` has no tokens to compare"
        )));
    }
    table_between(&tc, &rc, &cc, target.label(), reference_label, params)
}

/// One-vs-rest keyness for every group of `by` (each speaker, role...):
/// the rest is the whole corpus minus the group, as with a single `--target`.
/// Groups with no tokens are skipped.
pub fn keyness_each(
    corpus: &Corpus,
    analyzer: &Analyzer,
    by: GroupBy,
    params: &KeynessParams,
) -> Result<Vec<Keyness>> {
    let mut all = Vec::new();
    keyness_each_with(corpus, analyzer, by, params, |k| {
        all.push(k);
        Ok::<(), Error>(())
    })?;
    Ok(all)
}

/// [`keyness_each`], handing each table to `sink` as soon as it is made,
/// in the groups' order, instead of returning them all: the tables are
/// computed a few at a time (one per thread), so that only those few are
/// ever held, however many groups there are. Stops at the first error
/// (of a table or of `sink`, whose error type it returns).
pub fn keyness_each_with<E: From<Error>>(
    corpus: &Corpus,
    analyzer: &Analyzer,
    by: GroupBy,
    params: &KeynessParams,
    sink: impl FnMut(Keyness) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    let mut gs = groups(corpus, by);
    let named = gs.len();
    // By outlet, the turns of speakers without one (officials, host) are in
    // no group, yet they are part of "everyone else": count them too, as
    // one unnamed group that gets no table.
    let rest: Vec<(usize, usize)> = corpus
        .transcripts
        .iter()
        .enumerate()
        .flat_map(|(ti, t)| {
            t.turns
                .iter()
                .enumerate()
                .filter(move |(_, u)| by.name(corpus, t, u).is_none())
                .map(move |(ui, _)| (ti, ui))
        })
        .collect();
    if !rest.is_empty() {
        gs.push(Group {
            name: String::new(),
            turns: rest,
        });
    }
    let counts = count_groups(corpus, &gs, analyzer);
    let cc = CorpusCounts::from_groups(counts.iter());
    let named_counts: Vec<(String, TermCounts)> = gs
        .into_iter()
        .map(|g| g.name)
        .zip(counts)
        .take(named)
        .collect();
    each_vs_rest(&named_counts, &cc, by, params, sink)
}

/// As [`keyness_each`], from counts already made by [`crate::count::count_corpus`] for `by`.
/// The rest of each group is the other groups pooled: the whole corpus when
/// the groups cover every turn (speaker, role, transcript), only the other
/// outlets for `GroupBy::Outlet` (use [`keyness_each`] for outlets).
pub fn keyness_each_counted(
    groups: &[(String, TermCounts)],
    by: GroupBy,
    params: &KeynessParams,
) -> Result<Vec<Keyness>> {
    let cc = CorpusCounts::from_groups(groups.iter().map(|(_, c)| c));
    let mut all = Vec::new();
    each_vs_rest(groups, &cc, by, params, |k| {
        all.push(k);
        Ok::<(), Error>(())
    })?;
    Ok(all)
}

/// The one-vs-rest tables of `groups`, in order, to `sink`: computed in
/// parallel a round of one table per thread at a time.
fn each_vs_rest<E: From<Error>>(
    groups: &[(String, TermCounts)],
    cc: &CorpusCounts,
    by: GroupBy,
    params: &KeynessParams,
    mut sink: impl FnMut(Keyness) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    use rayon::prelude::*;
    let tested: Vec<&(String, TermCounts)> = groups
        .iter()
        .filter(|(_, c)| c.tokens > 0 && c.tokens < cc.all.tokens)
        .collect();
    let round = rayon::current_num_threads().max(1);
    for chunk in tested.chunks(round) {
        let tables = chunk
            .par_iter()
            .map(|(name, c)| {
                let label = match by {
                    GroupBy::Speaker | GroupBy::Corpus => name.clone(),
                    other => format!("{}={name}", other.as_str()),
                };
                table_vs_rest(c, cc, label, params)
            })
            .collect::<Vec<_>>();
        for t in tables {
            sink(t?)?;
        }
    }
    Ok(())
}

/// Keyness of one group's counts against the rest of the corpus.
pub fn table_vs_rest(
    target: &TermCounts,
    cc: &CorpusCounts,
    label: String,
    params: &KeynessParams,
) -> Result<Keyness> {
    let nt = target.tokens;
    let nr = cc.all.tokens.saturating_sub(nt);
    // Every corpus term by id (already in term order), then the target's
    // own counts: one hash lookup per term the target uses.
    let mut pairs: Vec<TermPair<u32>> = cc
        .order
        .iter()
        .enumerate()
        .map(|(i, &(_, count))| TermPair {
            term: i as u32,
            a: 0,
            b: count,
        })
        .collect();
    for (term, s) in &target.terms {
        if let Some(&id) = cc.ids.get(term) {
            let p = &mut pairs[id as usize];
            p.a = s.count;
            p.b = p.b.saturating_sub(s.count);
        }
    }
    finish(
        pairs,
        nt,
        nr,
        (&cc.prior_ids, |id: &u32| cc.order[*id as usize].0.clone()),
        cc,
        label,
        "everyone else".into(),
        params,
    )
}

/// Keyness of one group's counts against another's (a head-to-head
/// comparison); the prior still comes from the whole corpus in `cc`.
pub fn table_between(
    tc: &TermCounts,
    rc: &TermCounts,
    cc: &CorpusCounts,
    target: String,
    reference: String,
    params: &KeynessParams,
) -> Result<Keyness> {
    let mut pairs: Vec<TermPair<Arc<str>>> = Vec::new();
    for (term, s) in &tc.terms {
        pairs.push(TermPair {
            term: term.clone(),
            a: s.count,
            b: rc.terms.get(term).map_or(0, |r| r.count),
        });
    }
    for (term, s) in &rc.terms {
        if !tc.terms.contains_key(term) {
            pairs.push(TermPair {
                term: term.clone(),
                a: 0,
                b: s.count,
            });
        }
    }
    let prior = (&cc.prior, |t: &Arc<str>| t.clone());
    finish(
        pairs, tc.tokens, rc.tokens, prior, cc, target, reference, params,
    )
}

/// Computes, cuts and orders a table. Terms are keys `K` (ids or the terms
/// themselves) whose order is the terms' byte order; `terms` gives the
/// prior by key and the term of a key.
#[allow(clippy::too_many_arguments)]
fn finish<K: Clone + Eq + Hash + Ord>(
    mut pairs: Vec<TermPair<K>>,
    nt: u64,
    nr: u64,
    terms: (&HashMap<K, u64>, impl Fn(&K) -> Arc<str>),
    cc: &CorpusCounts,
    target: String,
    reference: String,
    params: &KeynessParams,
) -> Result<Keyness> {
    let (prior_counts, name) = terms;
    // A fixed input order keeps BH ties and every float bit-identical.
    pairs.sort_unstable_by(|x, y| x.term.cmp(&y.term));
    let prior = LogOddsPrior::new(prior_counts, 1.0);
    let mut rows = keyness_table(&pairs, nt, nr, &prior, &params.options)
        .map_err(|e| Error::Spec(format!("keyness: {e}")))?;
    if let Some(pm) = params.p_max {
        rows.retain(|r| r.p_adj <= pm);
    }
    if let Some(n) = params.top {
        // The n terms the target uses most over the reference rate and the n
        // it uses most under it (the side is the sign of the rate
        // difference, whatever the measure), picked without sorting all.
        let m = params.measure;
        let (mut over, mut under): (Vec<_>, Vec<_>) = rows
            .into_iter()
            .filter(|r| key_sign(r.a, r.b, nt, nr) != 0)
            .partition(|r| key_sign(r.a, r.b, nt, nr) > 0);
        let desc = |x: &KeynessRow<K>, y: &KeynessRow<K>| {
            key(y, m)
                .total_cmp(&key(x, m))
                .then_with(|| x.term.cmp(&y.term))
        };
        keep_first(&mut over, n, desc);
        keep_first(&mut under, n, |x, y| desc(y, x));
        over.append(&mut under);
        rows = over;
    }
    sort_rows(&mut rows, params.measure);
    let rows = rows
        .into_iter()
        .map(|r| (name(&r.term), r))
        .map(|(term, r)| KeyTerm {
            display: cc.display.get(&term).unwrap_or(&term).to_string(),
            term: term.to_string(),
            side: match key_sign(r.a, r.b, nt, nr) {
                1 => "target",
                -1 => "reference",
                _ => "neither",
            },
            target: r.a,
            reference: r.b,
            target_rate: r.rate_target,
            reference_rate: r.rate_reference,
            g2: r.g2,
            chi2: r.chi2,
            p: r.p,
            p_adj: r.p_adj,
            log_ratio: r.log_ratio,
            log_odds_z: r.log_odds_z,
        })
        .collect();
    Ok(Keyness {
        target,
        reference,
        target_total: nt,
        reference_total: nr,
        rows,
    })
}

fn key<K>(r: &KeynessRow<K>, m: Measure) -> f64 {
    m.value(r).filter(|v| !v.is_nan()).unwrap_or(0.0)
}

/// Keeps the `n` first rows of `v` in the order `cmp` (unordered).
fn keep_first<T>(v: &mut Vec<T>, n: usize, mut cmp: impl FnMut(&T, &T) -> std::cmp::Ordering) {
    if n == 0 {
        v.clear();
    } else if v.len() > n {
        v.select_nth_unstable_by(n - 1, &mut cmp);
        v.truncate(n);
    }
}

fn key_sign(a: u64, b: u64, nt: u64, nr: u64) -> i32 {
    let l = a as u128 * nr as u128;
    let r = b as u128 * nt as u128;
    l.cmp(&r) as i32
}

/// The columns of [`table`].
pub const COLUMNS: [&str; 15] = [
    "target",
    "reference",
    "term",
    "display",
    "side",
    "target_count",
    "reference_count",
    "target_rate",
    "reference_rate",
    "g2",
    "chi2",
    "p",
    "p_adj",
    "log_ratio",
    "log_odds_z",
];

/// Keyness tables as one long table (one row per target and term).
pub fn table(results: &[Keyness]) -> Table {
    let mut t = Table::new(COLUMNS);
    for k in results {
        for r in &k.rows {
            t.push(vec![
                Cell::s(&k.target),
                Cell::s(&k.reference),
                Cell::s(&r.term),
                Cell::s(&r.display),
                Cell::s(r.side),
                Cell::i(r.target),
                Cell::i(r.reference),
                Cell::f(r.target_rate, 2),
                Cell::f(r.reference_rate, 2),
                Cell::f(r.g2, 3),
                Cell::f(r.chi2, 3),
                Cell::Sci(r.p),
                Cell::Sci(r.p_adj),
                Cell::f(r.log_ratio, 3),
                Cell::of(r.log_odds_z, 3),
            ]);
        }
    }
    t
}
