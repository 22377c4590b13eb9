//! Descriptive summaries of count data (for example words per turn): n, sum,
//! mean, sample standard deviation, minimum, quartiles, median and maximum.
//! Quantiles follow R's `quantile(type = 7)` (= numpy `method = "linear"` =
//! Excel `QUARTILE.INC`). Sums and variances are formed in exact integer
//! arithmetic where it fits, so the results are correctly rounded or within a
//! few units in the last place.

use serde::{Deserialize, Serialize};

/// Summary statistics of a non-empty list of counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Number of values.
    pub n: u64,
    /// Sum of the values (exact; `u128` so that no input can overflow it).
    pub sum: u128,
    /// Arithmetic mean.
    pub mean: f64,
    /// Sample standard deviation (divisor n − 1); `None` when n < 2, where it
    /// is undefined (not 0).
    pub sd: Option<f64>,
    /// Smallest value.
    pub min: u64,
    /// First quartile (R type 7).
    pub q1: f64,
    /// Median (R type 7).
    pub median: f64,
    /// Third quartile (R type 7).
    pub q3: f64,
    /// Largest value.
    pub max: u64,
}

/// Summarises `values`; `None` for an empty slice. The order of `values` does
/// not matter.
///
/// ```
/// use tribune::stats::describe::summarize;
/// let s = summarize(&[24, 24, 25, 30, 44, 49, 49, 57, 57, 148]).unwrap();
/// assert_eq!((s.q1, s.median, s.q3), (26.25, 46.5, 55.0));
/// ```
pub fn summarize(values: &[u64]) -> Option<Summary> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let (&min, &max) = (sorted.first()?, sorted.last()?);
    let n = sorted.len() as u64;
    let sum: u128 = sorted.iter().map(|&x| u128::from(x)).sum();
    let mean = sum as f64 / n as f64;
    Some(Summary {
        n,
        sum,
        mean,
        sd: sample_sd(&sorted, sum, mean),
        min,
        q1: quantile_sorted(&sorted, 0.25)?,
        median: quantile_sorted(&sorted, 0.5)?,
        q3: quantile_sorted(&sorted, 0.75)?,
        max,
    })
}

/// Sample standard deviation. Exact integer path: n·Σx² − (Σx)² (one
/// rounding) divided by n(n − 1); falls back to a two-pass computation in
/// `f64` when the integers would overflow `u128`.
fn sample_sd(values: &[u64], sum: u128, mean: f64) -> Option<f64> {
    let n = values.len();
    if n < 2 {
        return None;
    }
    let exact = (|| {
        let mut sum_sq: u128 = 0;
        for &x in values {
            sum_sq = sum_sq.checked_add(u128::from(x).checked_mul(u128::from(x))?)?;
        }
        let n128 = n as u128;
        n128.checked_mul(sum_sq)?.checked_sub(sum.checked_mul(sum)?)
    })();
    let var = match exact {
        Some(num) => num as f64 / (n as f64 * (n - 1) as f64),
        None => {
            let ss: f64 = values.iter().map(|&x| (x as f64 - mean).powi(2)).sum();
            ss / (n - 1) as f64
        }
    };
    Some(var.sqrt())
}

/// R `quantile(type = 7)` of already sorted values at probability `p`
/// (clamped to [0, 1]): with h = (n − 1)p, Q = x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋+1 − x⌊h⌋).
/// `None` for an empty slice.
pub fn quantile_sorted(sorted: &[u64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let p = if p.is_nan() { 0.5 } else { p.clamp(0.0, 1.0) };
    let h = last as f64 * p;
    let lo = (h.floor() as usize).min(last);
    let frac = h - lo as f64;
    let x_lo = sorted[lo];
    let x_hi = sorted[(lo + 1).min(last)];
    // x_hi ≥ x_lo because the slice is sorted; the difference is exact.
    Some(x_lo as f64 + frac * x_hi.saturating_sub(x_lo) as f64)
}
