//! Keyness of a term in a target corpus against a reference corpus, from the
//! 2×2 contingency table (a, b, Nt − a, Nr − b): signed G² (Dunning 1993,
//! 4 cells), Pearson χ², Yates and Williams corrections, p-values from χ²(1),
//! Log Ratio (Hardie 2014), the 2-term G² some calculators print, multiple
//! testing adjustment (Benjamini–Hochberg, Bonferroni) and the table-level
//! [`keyness_table`] that joins them with the weighted log-odds of
//! [`crate::stats::logodds`].
//!
//! Notation: a = count in the target, b = count in the reference, Nt and Nr
//! the token totals, c = Nt − a, d = Nr − b, N = Nt + Nr, D = ad − bc =
//! a·Nr − b·Nt (exact, in `u128`). Signed statistics are + for over-use in the
//! target (a/Nt > b/Nr), − for under-use, 0 for equal rates.
//!
//! Numerics. Every cell has O − E = ±D/N, so (O − E)/E = ±D/(row·col) is formed
//! from exact integers. G² is then summed as 2 Σ E·f(x) with
//! f(x) = (1 + x) ln(1 + x) − x ≥ 0 (a power series near 0), which equals
//! 2 Σ O ln(O/E) because Σ (O − E) = 0: a sum of non-negative terms without
//! cancellation, accurate to a few ulp even for huge near-ties. p-values are
//! erfc(√(|stat|/2)), the upper tail itself, not 1 − cdf.
//!
//! Degenerate tables: when D = 0 (equal rates, a = b = 0, Nt = 0 or Nr = 0)
//! every statistic is exactly 0 and p = 1. A table with a > Nt or b > Nr is
//! not a contingency table: its statistics are NaN (no panic), and
//! [`keyness_table`] rejects it with an error.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::hash::Hash;

use serde::{Deserialize, Serialize};

use super::logodds::{LogOddsInput, Variance};

/// The 2×2 table of one term: `a` of `nt` target tokens and `b` of `nr`
/// reference tokens. Valid when a ≤ nt and b ≤ nr (see [`Contingency::new`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Contingency {
    /// Count of the term in the target.
    pub a: u64,
    /// Count of the term in the reference.
    pub b: u64,
    /// Token total of the target.
    pub nt: u64,
    /// Token total of the reference.
    pub nr: u64,
}

/// A continuity correction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Correction {
    /// No correction (the default, as quanteda `correction = "none"` and
    /// AntConc).
    #[default]
    None,
    /// Yates: every cell moves 0.5 towards its expected value, but never
    /// past it (R's `chisq.test` convention: by min(0.5, |O − E|)). For χ²
    /// this is N·max(0, |D| − N/2)²/(…); for G² the moved cells go into the
    /// G² sum. A term with |D| ≤ N/2 gets 0 under both.
    Yates,
    /// Williams (1976): G²/q with
    /// q = 1 + (N/(a+b) + N/(c+d) − 1)(N/Nt + N/Nr − 1)/(6N), applied to every
    /// table (also with a zero cell, unlike quanteda). Williams' q was
    /// derived for G²: χ² with `Williams` is the uncorrected χ².
    Williams,
}

/// Sign of the rate difference: +1 when a/Nt > b/Nr, −1 when lower, 0 when
/// equal, decided in exact integers (a·Nr vs b·Nt).
fn sign_of(ord: Ordering) -> i8 {
    match ord {
        Ordering::Greater => 1,
        Ordering::Less => -1,
        Ordering::Equal => 0,
    }
}

/// Exact quantities derived from a valid table.
#[derive(Debug, Clone, Copy)]
struct Exact {
    /// |D| = |a·Nr − b·Nt| = |ad − bc|.
    d_abs: u128,
    /// Sign of D.
    sign: i8,
    /// N = Nt + Nr.
    n: u128,
    /// a + b.
    r1: u128,
    /// c + d.
    r2: u128,
    nt: u128,
    nr: u128,
}

/// f(x) = (1 + x) ln(1 + x) − x for x ≥ −1, with f(−1) = 1; the power series
/// Σ_{k≥2} (−x)^k / (k(k − 1)) for |x| < 1/4 avoids the cancellation.
fn f_dev(x: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    if x <= -1.0 {
        return 1.0;
    }
    if x.abs() < 0.25 {
        let mut power = x * x;
        let mut sum = 0.0;
        for k in 2..80u32 {
            let term = power / f64::from(k * (k - 1));
            let signed = if k % 2 == 0 { term } else { -term };
            sum += signed;
            if term.abs() <= sum.abs() * 1e-18 {
                break;
            }
            power *= x;
        }
        sum
    } else {
        (1.0 + x) * x.ln_1p() - x
    }
}

/// row·col as f64, exact product in u128 when it fits.
fn product(row: u128, col: u128) -> f64 {
    match row.checked_mul(col) {
        Some(p) => p as f64,
        None => row as f64 * col as f64,
    }
}

impl Contingency {
    /// A table, or `None` when a > nt or b > nr.
    pub fn new(a: u64, b: u64, nt: u64, nr: u64) -> Option<Self> {
        let t = Self { a, b, nt, nr };
        t.is_valid().then_some(t)
    }

    /// Whether a ≤ nt and b ≤ nr.
    pub fn is_valid(&self) -> bool {
        self.a <= self.nt && self.b <= self.nr
    }

    /// The same table with target and reference swapped.
    pub fn swapped(&self) -> Self {
        Self {
            a: self.b,
            b: self.a,
            nt: self.nr,
            nr: self.nt,
        }
    }

    /// c = Nt − a (0 for an invalid table).
    pub fn c(&self) -> u64 {
        self.nt.saturating_sub(self.a)
    }

    /// d = Nr − b (0 for an invalid table).
    pub fn d(&self) -> u64 {
        self.nr.saturating_sub(self.b)
    }

    /// N = Nt + Nr.
    pub fn n(&self) -> u128 {
        u128::from(self.nt) + u128::from(self.nr)
    }

    /// +1 if a/Nt > b/Nr, −1 if a/Nt < b/Nr, 0 if equal, compared exactly
    /// as a·Nr vs b·Nt (an empty side counts as rate 0).
    pub fn sign(&self) -> i8 {
        let lhs = u128::from(self.a) * u128::from(self.nr);
        let rhs = u128::from(self.b) * u128::from(self.nt);
        sign_of(lhs.cmp(&rhs))
    }

    fn exact(&self) -> Option<Exact> {
        if !self.is_valid() {
            return None;
        }
        let (a, b, nt, nr) = (
            u128::from(self.a),
            u128::from(self.b),
            u128::from(self.nt),
            u128::from(self.nr),
        );
        // a·Nr − b·Nt = ad − bc; each product is < 2^128.
        let (lhs, rhs) = (a * nr, b * nt);
        Some(Exact {
            d_abs: lhs.abs_diff(rhs),
            sign: sign_of(lhs.cmp(&rhs)),
            n: nt + nr,
            r1: a + b,
            r2: (nt - a) + (nr - b),
            nt,
            nr,
        })
    }

    /// Expected counts [E1, E2, E3, E4] of cells a, b, c, d under
    /// independence (NaN for an invalid table, 0 when N = 0).
    pub fn expected(&self) -> [f64; 4] {
        let Some(e) = self.exact() else {
            return [f64::NAN; 4];
        };
        if e.n == 0 {
            return [0.0; 4];
        }
        let n = e.n as f64;
        [
            product(e.r1, e.nt) / n,
            product(e.r1, e.nr) / n,
            product(e.r2, e.nt) / n,
            product(e.r2, e.nr) / n,
        ]
    }

    /// 2 Σ E·f(±D'/(row·col)) over the given cells, with |D'| = `dev`
    /// (|D| itself, or less after a continuity correction).
    fn g_sum(e: &Exact, dev: f64, four_cells: bool) -> f64 {
        // (row, col, sign of O − E relative to D)
        let cells: [(u128, u128, f64); 4] = [
            (e.r1, e.nt, 1.0),
            (e.r1, e.nr, -1.0),
            (e.r2, e.nt, -1.0),
            (e.r2, e.nr, 1.0),
        ];
        let n = e.n as f64;
        let s = f64::from(e.sign);
        let term = |(row, col, rel): (u128, u128, f64)| {
            if row == 0 || col == 0 {
                return 0.0; // E = O = 0
            }
            let p = product(row, col);
            (p / n) * f_dev(s * rel * dev / p)
        };
        let t = cells.map(term);
        // Paired as (a + b) + (c + d): swapping target and reference swaps
        // the members of each pair, so the result is bitwise the same.
        let sum = if four_cells {
            (t[0] + t[1]) + (t[2] + t[3])
        } else {
            t[0] + t[1]
        };
        2.0 * sum
    }

    /// Signed `value` (magnitude ≥ 0); exactly 0 when the magnitude is 0.
    fn signed(sign: i8, value: f64) -> f64 {
        if value == 0.0 {
            0.0
        } else {
            f64::from(sign) * value
        }
    }

    /// max(0, |D| − N/2): the deviation left after Yates' correction.
    fn yates_dev(e: &Exact) -> f64 {
        match e.d_abs.checked_mul(2) {
            Some(twice) if twice <= e.n => 0.0,
            Some(twice) => (twice - e.n) as f64 / 2.0,
            None => e.d_abs as f64 - e.n as f64 / 2.0,
        }
    }

    /// Signed G², the 4-cell log-likelihood ratio (Dunning 1993), no
    /// correction: sign · 2 Σ O ln(O/E) with 0 ln 0 = 0.
    pub fn g2(&self) -> f64 {
        match self.exact() {
            None => f64::NAN,
            Some(e) if e.d_abs == 0 => 0.0,
            Some(e) => Self::signed(e.sign, Self::g_sum(&e, e.d_abs as f64, true)),
        }
    }

    /// Signed G² with Yates' correction: each cell moved by min(0.5, |O − E|)
    /// towards independence (margins and the sign unchanged).
    pub fn g2_yates(&self) -> f64 {
        match self.exact() {
            None => f64::NAN,
            Some(e) => {
                let dev = Self::yates_dev(&e);
                if dev == 0.0 {
                    0.0
                } else {
                    Self::signed(e.sign, Self::g_sum(&e, dev, true))
                }
            }
        }
    }

    /// Williams' q = 1 + (N/(a+b) + N/(c+d) − 1)(N/Nt + N/Nr − 1)/(6N).
    /// 1 (no correction) when a margin is 0, where the statistic is 0
    /// anyway; NaN for an invalid table.
    pub fn williams_q(&self) -> f64 {
        let Some(e) = self.exact() else {
            return f64::NAN;
        };
        if e.r1 == 0 || e.r2 == 0 || e.nt == 0 || e.nr == 0 {
            return 1.0;
        }
        let n = e.n as f64;
        let rows = n / e.r1 as f64 + n / e.r2 as f64 - 1.0;
        let cols = n / e.nt as f64 + n / e.nr as f64 - 1.0;
        1.0 + rows * cols / (6.0 * n)
    }

    /// Signed G² / q (Williams' correction).
    pub fn g2_williams(&self) -> f64 {
        self.g2() / self.williams_q()
    }

    /// Signed G² with the given correction.
    pub fn g2_with(&self, correction: Correction) -> f64 {
        match correction {
            Correction::None => self.g2(),
            Correction::Yates => self.g2_yates(),
            Correction::Williams => self.g2_williams(),
        }
    }

    /// N·dev²/((a+b)(c+d)·Nt·Nr), signed.
    fn chi2_dev(e: &Exact, dev: f64) -> f64 {
        if dev == 0.0 {
            return 0.0;
        }
        let den = product(e.r1, e.r2) * product(e.nt, e.nr);
        Self::signed(e.sign, dev * dev / den * e.n as f64)
    }

    /// Signed Pearson χ² of the 2×2 table: sign · N·D²/((a+b)(c+d)·Nt·Nr).
    pub fn chi2(&self) -> f64 {
        match self.exact() {
            None => f64::NAN,
            Some(e) => Self::chi2_dev(&e, e.d_abs as f64),
        }
    }

    /// Signed χ² with Yates' correction, always applied (R
    /// `chisq.test(correct = TRUE)`): sign · N·max(0, |D| − N/2)²/(…).
    pub fn chi2_yates(&self) -> f64 {
        match self.exact() {
            None => f64::NAN,
            Some(e) => Self::chi2_dev(&e, Self::yates_dev(&e)),
        }
    }

    /// Signed χ² with the given correction (`Williams` = no correction).
    pub fn chi2_with(&self, correction: Correction) -> f64 {
        match correction {
            Correction::None | Correction::Williams => self.chi2(),
            Correction::Yates => self.chi2_yates(),
        }
    }

    /// Log Ratio (Hardie 2014): log2((a/Nt)/(b/Nr)), a zero count replaced
    /// by 0.5. 0 when a = b = 0 or when Nt or Nr is 0 (no comparison
    /// possible); NaN for an invalid table.
    pub fn log_ratio(&self) -> f64 {
        let Some(e) = self.exact() else {
            return f64::NAN;
        };
        if e.nt == 0 || e.nr == 0 || e.r1 == 0 {
            return 0.0;
        }
        if e.d_abs == 0 {
            return 0.0;
        }
        if e.sign < 0 {
            // Computed in the orientation with a/Nt > b/Nr so that swapping
            // target and reference negates the value exactly; 0 − x rather
            // than −x so that a zero (0.5 replacing a zero count can give
            // one) is +0 and sorts with the other zeros.
            return 0.0 - self.swapped().log_ratio();
        }
        let (a, b) = (u128::from(self.a), u128::from(self.b));
        if a > 0 && b > 0 {
            // ratio − 1 = D/(b·Nt), exact numerator.
            let x = e.d_abs as f64 / product(b, e.nt);
            if x < 0.5 {
                return x.ln_1p() / std::f64::consts::LN_2;
            }
            return (product(a, e.nr) / product(b, e.nt)).log2();
        }
        let half = |v: u128| if v == 0 { 0.5 } else { v as f64 };
        (half(a) * e.nr as f64 / (half(b) * e.nt as f64)).log2()
    }

    /// Signed 2-term G², sign · 2(a ln(a/E1) + b ln(b/E2)): what some web
    /// calculators print. For information only; quanteda and AntConc use
    /// [`Contingency::g2`].
    pub fn g2_two_term(&self) -> f64 {
        match self.exact() {
            None => f64::NAN,
            Some(e) if e.d_abs == 0 => 0.0,
            Some(e) => Self::signed(e.sign, Self::g_sum(&e, e.d_abs as f64, false)),
        }
    }
}

/// Upper tail of χ² with 1 degree of freedom at |stat|:
/// P(χ²₁ ≥ |stat|) = erfc(√(|stat|/2)) = Q(1/2, |stat|/2), computed as the
/// upper tail itself (never 1 − cdf), so it keeps its relative accuracy far
/// into the tail. Evaluated with statrs' regularized upper incomplete gamma
/// Q (≈1e-13 relative), because statrs 0.19's `erfc` is only ≈1e-10
/// relative for arguments ≥ 0.5; `erfc` remains the fallback. 1 at 0, 0 at
/// ±∞, NaN for NaN.
pub fn p_value(stat: f64) -> f64 {
    if stat.is_nan() {
        return f64::NAN;
    }
    let half = stat.abs() / 2.0;
    if half == 0.0 {
        return 1.0;
    }
    if half.is_infinite() {
        return 0.0;
    }
    statrs::function::gamma::checked_gamma_ur(0.5, half)
        .unwrap_or_else(|_| statrs::function::erf::erfc(half.sqrt()))
}

/// A p-value cleaned for adjustment: NaN → 1, clamped to [0, 1].
fn clean_p(p: f64) -> f64 {
    if p.is_nan() { 1.0 } else { p.clamp(0.0, 1.0) }
}

/// Benjamini–Hochberg (1995) step-up adjusted p-values (R
/// `p.adjust(method = "BH")`): p_(k)·m/k for the k-th smallest, made
/// monotone from the largest down and capped at 1. Returned in the input
/// order; a NaN input is treated as 1, so the output has no NaN.
pub fn benjamini_hochberg(p: &[f64]) -> Vec<f64> {
    let m = p.len();
    let clean: Vec<f64> = p.iter().map(|&x| clean_p(x)).collect();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&i, &j| clean[i].total_cmp(&clean[j]).then(i.cmp(&j)));
    let mut out = vec![1.0; m];
    let mut running = 1.0f64;
    for (rank, &i) in order.iter().enumerate().rev() {
        // p·(m/k): m/k ≥ 1 rounds to ≥ 1, so the product never drops below p.
        let v = (clean[i] * (m as f64 / (rank + 1) as f64)).min(1.0);
        running = running.min(v);
        out[i] = running;
    }
    out
}

/// Bonferroni adjusted p-values: min(1, p·m), input order, NaN → 1.
pub fn bonferroni(p: &[f64]) -> Vec<f64> {
    let m = p.len() as f64;
    p.iter().map(|&x| (clean_p(x) * m).min(1.0)).collect()
}

/// Multiple-testing adjustment across the terms of one table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Adjust {
    /// Benjamini–Hochberg false discovery rate (the default).
    #[default]
    #[serde(rename = "bh")]
    BenjaminiHochberg,
    /// Bonferroni family-wise error rate.
    Bonferroni,
    /// No adjustment: `p_adj` = `p`.
    None,
}

impl Adjust {
    /// Applies the adjustment to `p` (input order preserved).
    pub fn apply(self, p: &[f64]) -> Vec<f64> {
        match self {
            Adjust::BenjaminiHochberg => benjamini_hochberg(p),
            Adjust::Bonferroni => bonferroni(p),
            Adjust::None => p.iter().map(|&x| clean_p(x)).collect(),
        }
    }
}

/// Which statistic the p-value of a [`KeynessRow`] comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PSource {
    /// G² with the table's correction (the default).
    #[default]
    G2,
    /// χ² with the table's correction.
    Chi2,
}

/// Options of [`keyness_table`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct KeynessOptions {
    /// Correction applied to `g2` and `chi2` (default none).
    pub correction: Correction,
    /// Adjustment giving `p_adj` (default Benjamini–Hochberg).
    pub adjust: Adjust,
    /// Terms with a + b below this are dropped before p is adjusted
    /// (default 3).
    pub min_count: u64,
    /// Statistic behind `p` (default G²).
    pub p_from: PSource,
    /// Variance behind `log_odds_z` (default Monroe et al. eq. 20).
    pub log_odds_variance: Variance,
}

impl Default for KeynessOptions {
    fn default() -> Self {
        Self {
            correction: Correction::None,
            adjust: Adjust::BenjaminiHochberg,
            min_count: 3,
            p_from: PSource::G2,
            log_odds_variance: Variance::Monroe,
        }
    }
}

/// One term's target and reference counts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TermPair<K = String> {
    /// The term.
    pub term: K,
    /// Count in the target.
    pub a: u64,
    /// Count in the reference.
    pub b: u64,
}

/// The informative Dirichlet prior of the weighted log-odds:
/// α_w = `scale` × `counts[w]` (0 for a term missing from `counts`),
/// α_0 = `scale` × `total`.
#[derive(Debug, Clone, Copy)]
pub struct LogOddsPrior<'a, K> {
    /// Count of each term in the whole corpus.
    pub counts: &'a HashMap<K, u64>,
    /// Sum of all corpus counts (Σ_w `counts[w]`).
    pub total: u64,
    /// Multiplier of the counts (1 = the empirical-Bayes prior of Monroe et
    /// al. and tidylo).
    pub scale: f64,
}

impl<'a, K> LogOddsPrior<'a, K> {
    /// A prior with `total` = the sum of `counts` (saturating).
    pub fn new(counts: &'a HashMap<K, u64>, scale: f64) -> Self {
        let total = counts.values().fold(0u64, |s, &c| s.saturating_add(c));
        Self {
            counts,
            total,
            scale,
        }
    }
}

/// One term of a keyness table. Rates are per 10,000 tokens (0 for an
/// empty side); `g2` and `chi2` are signed and carry the table's correction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeynessRow<K = String> {
    /// The term.
    pub term: K,
    /// Count in the target.
    pub a: u64,
    /// Count in the reference.
    pub b: u64,
    /// a per 10,000 target tokens.
    pub rate_target: f64,
    /// b per 10,000 reference tokens.
    pub rate_reference: f64,
    /// Signed G² (4 cells) with the table's correction.
    pub g2: f64,
    /// Signed Pearson χ² with the table's correction (Williams: none).
    pub chi2: f64,
    /// Unadjusted p from G² (or χ², see [`KeynessOptions::p_from`]).
    pub p: f64,
    /// `p` adjusted across the rows of the table that survived `min_count`.
    pub p_adj: f64,
    /// Log Ratio (Hardie 2014), log2 of the rate ratio, zeros as 0.5.
    pub log_ratio: f64,
    /// Weighted log-odds z (Monroe et al.); `None` where undefined (a term
    /// with no prior mass and a zero count).
    pub log_odds_z: Option<f64>,
}

/// Why a keyness table could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeynessError {
    /// A term's count exceeds its corpus total (a > Nt or b > Nr).
    #[error("row {index}: count exceeds the corpus total (a = {a} of {nt}, b = {b} of {nr})")]
    CountExceedsTotal {
        /// Position of the row in the input.
        index: usize,
        /// Its target count.
        a: u64,
        /// Its reference count.
        b: u64,
        /// The target total.
        nt: u64,
        /// The reference total.
        nr: u64,
    },
}

fn per_10k(count: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        count as f64 * 1e4 / total as f64
    }
}

/// Keyness of every term of `rows` in a target of `nt` tokens against a
/// reference of `nr` tokens, in input order. Terms with a + b = 0 or
/// a + b < `min_count` are dropped first; `p` (from G² by default) is then
/// adjusted across the remaining terms. Errors if a row has a > nt or b > nr.
pub fn keyness_table<K: Clone + Eq + Hash>(
    rows: &[TermPair<K>],
    nt: u64,
    nr: u64,
    prior: &LogOddsPrior<'_, K>,
    opts: &KeynessOptions,
) -> Result<Vec<KeynessRow<K>>, KeynessError> {
    let alpha_0 = prior.scale * prior.total as f64;
    let mut out = Vec::with_capacity(rows.len());
    for (index, row) in rows.iter().enumerate() {
        let table =
            Contingency::new(row.a, row.b, nt, nr).ok_or(KeynessError::CountExceedsTotal {
                index,
                a: row.a,
                b: row.b,
                nt,
                nr,
            })?;
        let total = u128::from(row.a) + u128::from(row.b);
        if total == 0 || total < u128::from(opts.min_count) {
            continue;
        }
        let g2 = table.g2_with(opts.correction);
        let chi2 = table.chi2_with(opts.correction);
        let p = p_value(match opts.p_from {
            PSource::G2 => g2,
            PSource::Chi2 => chi2,
        });
        let alpha_w = prior.scale * prior.counts.get(&row.term).copied().unwrap_or(0) as f64;
        let log_odds = LogOddsInput {
            y_i: row.a,
            y_j: row.b,
            n_i: nt,
            n_j: nr,
            alpha_w,
            alpha_0,
        }
        .compute(opts.log_odds_variance);
        out.push(KeynessRow {
            term: row.term.clone(),
            a: row.a,
            b: row.b,
            rate_target: per_10k(row.a, nt),
            rate_reference: per_10k(row.b, nr),
            g2,
            chi2,
            p,
            p_adj: p,
            log_ratio: table.log_ratio(),
            log_odds_z: log_odds.map(|l| l.z),
        });
    }
    let p: Vec<f64> = out.iter().map(|r| r.p).collect();
    for (row, adj) in out.iter_mut().zip(opts.adjust.apply(&p)) {
        row.p_adj = adj;
    }
    Ok(out)
}

/// A column to rank keyness rows by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Measure {
    /// Signed G² (the default).
    #[default]
    G2,
    /// Signed χ².
    Chi2,
    /// Log Ratio.
    LogRatio,
    /// Weighted log-odds z.
    LogOdds,
}

impl Measure {
    /// The row's value of this measure (`None` only for an undefined
    /// log-odds z).
    pub fn value<K>(self, row: &KeynessRow<K>) -> Option<f64> {
        match self {
            Measure::G2 => Some(row.g2),
            Measure::Chi2 => Some(row.chi2),
            Measure::LogRatio => Some(row.log_ratio),
            Measure::LogOdds => row.log_odds_z,
        }
    }
}

/// Sorts rows by `measure` descending (over-use first, as quanteda), ties
/// by term ascending (byte order for `String`), undefined values last.
/// Deterministic: a total order on f64 (`total_cmp`).
pub fn sort_rows<K: Ord>(rows: &mut [KeynessRow<K>], measure: Measure) {
    rows.sort_by(|x, y| {
        let by_value = match (measure.value(x), measure.value(y)) {
            (Some(u), Some(v)) => v.total_cmp(&u),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        by_value.then_with(|| x.term.cmp(&y.term))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_26_by_hand() {
        let t = Contingency::new(1, 0, 1, 1).unwrap();
        let ln2 = std::f64::consts::LN_2;
        assert!((t.g2() - 4.0 * ln2).abs() < 1e-15);
        assert_eq!(t.chi2(), 2.0);
        assert_eq!(t.chi2_yates(), 0.0);
        assert_eq!(t.williams_q(), 1.75);
        assert_eq!(t.log_ratio(), 1.0);
        assert!((t.g2_two_term() - 2.0 * ln2).abs() < 1e-15);
        assert!((p_value(t.chi2()) - 0.15729920705028513).abs() < 1e-15);
    }

    #[test]
    fn degenerate_tables_do_not_panic() {
        let m = u64::MAX;
        for &(a, b, nt, nr) in &[
            (0, 0, 0, 0),
            (0, 0, 5, 5),
            (0, 3, 0, 5),
            (m, m, m, m),
            (m, 0, m, m),
            (1, m - 1, m, m),
            (5, 0, 3, 3),
        ] {
            let t = Contingency { a, b, nt, nr };
            for v in [
                t.g2(),
                t.g2_yates(),
                t.g2_williams(),
                t.chi2(),
                t.chi2_yates(),
                t.log_ratio(),
                t.g2_two_term(),
                t.williams_q(),
            ] {
                assert!(!v.is_nan() || !t.is_valid(), "{t:?}: {v}");
            }
            let _ = t.sign();
            let _ = t.expected();
        }
        let t = Contingency::new(0, 0, 0, 0).unwrap();
        assert_eq!((t.g2(), t.chi2(), p_value(t.g2())), (0.0, 0.0, 1.0));
    }

    #[test]
    fn f_dev_is_continuous_at_switch() {
        for x in [0.25f64, -0.25] {
            let below = f_dev(x * (1.0 - 1e-15));
            let above = (1.0 + x) * x.ln_1p() - x;
            assert!((below - above).abs() <= 1e-14 * above);
        }
    }

    #[test]
    fn p_value_agrees_with_erfc() {
        for stat in [1e-300, 1e-8, 0.3, 1.0, 3.84, 10.0, 100.0, 1000.0, 1400.0] {
            let e = statrs::function::erf::erfc((stat / 2.0f64).sqrt());
            let p = p_value(stat);
            assert!((p - e).abs() <= 1e-9 * e, "{stat}: {p} vs {e}");
            assert_eq!(p, p_value(-stat));
        }
        assert_eq!(p_value(f64::INFINITY), 0.0);
        assert!(p_value(f64::NAN).is_nan());
    }

    #[test]
    fn bh_matches_r() {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.2, NaN->1), "BH")
        let adj = benjamini_hochberg(&[0.01, 0.04, 0.03, 0.2]);
        let want = [0.04, 0.05333333333333334, 0.05333333333333334, 0.2];
        for (g, w) in adj.iter().zip(want) {
            assert!((g - w).abs() < 1e-15, "{adj:?}");
        }
        assert_eq!(benjamini_hochberg(&[f64::NAN, 0.5]), vec![1.0, 1.0]);
        assert!(benjamini_hochberg(&[]).is_empty());
        assert_eq!(bonferroni(&[0.01, 0.5]), vec![0.02, 1.0]);
    }
}
