//! Weighted log-odds ratios with an informative Dirichlet prior (Monroe,
//! Colaresi & Quinn 2008, "Fightin' words: lexical feature selection and
//! evaluation for identifying the content of political conflict", Political
//! Analysis 16(4), §3.5.1): the difference delta of a word's smoothed
//! log-odds between two groups, its approximate variance and the z-score.
//!
//! For word w, group i against group j, counts y_i, y_j, group totals n_i,
//! n_j, prior α_w and α_0 = Σ_w α_w:
//!
//! ```text
//! delta = ln((y_i + α_w) / (n_i + α_0 − y_i − α_w)) − ln((y_j + α_w) / (n_j + α_0 − y_j − α_w))
//! var   = 1/(y_i + α_w) + 1/(y_j + α_w)                      (Monroe et al., eq. 20)
//! z     = delta / sqrt(var)
//! ```
//!
//! [`Variance::Monroe`] is the paper's 2-term variance, also used by
//! ConvoKit's `FightingWords`; [`Variance::FourTerm`] adds
//! 1/(n_i + α_0 − y_i − α_w) + 1/(n_j + α_0 − y_j − α_w), as scattertext's
//! `LogOddsRatioInformativeDirichletPrior` does. tribune's prior is
//! α_w = scale × (count of w in the whole corpus), scale 1 by default.
//!
//! delta is formed as a difference of the two log-odds and the variance
//! symmetrically, so swapping i and j negates delta and z exactly.

use serde::{Deserialize, Serialize};

/// Which variance estimate to use for the z-score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Variance {
    /// 1/(y_i + α_w) + 1/(y_j + α_w): Monroe et al. (2008) eq. 20, ConvoKit.
    #[default]
    Monroe,
    /// The 2-term variance plus the reciprocals of the two "other words"
    /// cells, as in scattertext 0.2.2.
    FourTerm,
}

/// The inputs of one word's comparison.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LogOddsInput {
    /// Count of the word in group i.
    pub y_i: u64,
    /// Count of the word in group j.
    pub y_j: u64,
    /// Total count of all words in group i.
    pub n_i: u64,
    /// Total count of all words in group j.
    pub n_j: u64,
    /// Prior pseudo-count of the word, α_w (≥ 0).
    pub alpha_w: f64,
    /// Sum of the prior over the whole vocabulary, α_0.
    pub alpha_0: f64,
}

/// One word's weighted log-odds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LogOdds {
    /// Difference of the smoothed log-odds (natural log), i minus j.
    pub delta: f64,
    /// Approximate variance of delta.
    pub var: f64,
    /// delta / sqrt(var): positive when the word leans towards group i.
    pub z: f64,
}

impl LogOddsInput {
    /// Computes delta, variance and z. `None` when a logarithm or the
    /// variance is undefined: any of y_i + α_w, y_j + α_w,
    /// n_i + α_0 − y_i − α_w, n_j + α_0 − y_j − α_w is not a positive finite
    /// number (for example a word with zero counts and a zero prior).
    pub fn compute(&self, variance: Variance) -> Option<LogOdds> {
        let (yi, yj, oi, oj) = self.cells()?;
        let delta = (yi / oi).ln() - (yj / oj).ln();
        let two = 1.0 / yi + 1.0 / yj;
        let var = match variance {
            Variance::Monroe => two,
            Variance::FourTerm => two + (1.0 / oi + 1.0 / oj),
        };
        let z = delta / var.sqrt();
        (delta.is_finite() && var.is_finite() && var > 0.0 && z.is_finite()).then_some(LogOdds {
            delta,
            var,
            z,
        })
    }

    /// The same comparison with the groups swapped.
    pub fn swapped(&self) -> Self {
        Self {
            y_i: self.y_j,
            y_j: self.y_i,
            n_i: self.n_j,
            n_j: self.n_i,
            ..*self
        }
    }

    /// The four smoothed cells (y_i + α, y_j + α, n_i + α_0 − y_i − α,
    /// n_j + α_0 − y_j − α), or `None` unless all are positive and finite.
    fn cells(&self) -> Option<(f64, f64, f64, f64)> {
        let (a, a0) = (self.alpha_w, self.alpha_0);
        let rest_prior = a0 - a;
        // n − y in integers when possible (exact), then one addition.
        let others = |y: u64, n: u64| match n.checked_sub(y) {
            Some(d) => d as f64 + rest_prior,
            None => -((y - n) as f64) + rest_prior,
        };
        let cells = (
            self.y_i as f64 + a,
            self.y_j as f64 + a,
            others(self.y_i, self.n_i),
            others(self.y_j, self.n_j),
        );
        let ok = |x: f64| x.is_finite() && x > 0.0;
        (ok(cells.0) && ok(cells.1) && ok(cells.2) && ok(cells.3)).then_some(cells)
    }
}

/// Convenience wrapper: [`LogOddsInput::compute`] from loose arguments.
pub fn weighted_log_odds(
    y_i: u64,
    y_j: u64,
    n_i: u64,
    n_j: u64,
    alpha_w: f64,
    alpha_0: f64,
    variance: Variance,
) -> Option<LogOdds> {
    LogOddsInput {
        y_i,
        y_j,
        n_i,
        n_j,
        alpha_w,
        alpha_0,
    }
    .compute(variance)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_check_war() {
        // Reference README §5 (tests/fixtures/reference): scale 1, A–B, `war`: α = 5, α_0 = 510.
        let r = weighted_log_odds(0, 0, 205, 194, 5.0, 510.0, Variance::Monroe).unwrap();
        assert!((r.delta - (699.0f64 / 710.0).ln()).abs() < 1e-15);
        assert_eq!(r.var, 0.4);
        assert!((r.z - -0.024688261878812137).abs() < 1e-15);
    }

    #[test]
    fn undefined_is_none() {
        assert_eq!(
            weighted_log_odds(0, 3, 10, 10, 0.0, 5.0, Variance::Monroe),
            None
        );
        assert_eq!(
            weighted_log_odds(10, 3, 10, 10, 0.0, 0.0, Variance::Monroe),
            None
        );
        assert_eq!(
            weighted_log_odds(1, 1, 1, 1, f64::NAN, 5.0, Variance::Monroe),
            None
        );
        // y > n is inconsistent but must not panic.
        let _ = weighted_log_odds(u64::MAX, 0, 0, u64::MAX, 1.0, 1e30, Variance::FourTerm);
    }
}
