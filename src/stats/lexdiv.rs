//! Lexical diversity of one token sequence (for example a speaker's words in
//! transcript order): type-token ratio and its length-corrected relatives
//! (Herdan's C, Guiraud's R, Maas' a), Yule's K and I, Simpson's D, hapax
//! legomena, moving-average TTR (MATTR, Covington & McFall 2010), mean
//! segmental TTR (MSTTR), MTLD (McCarthy & Jarvis 2010) and HD-D (McCarthy &
//! Jarvis 2007). Definitions follow quanteda.textstats 0.97.2
//! `textstat_lexdiv` (logarithms base 10 where the base matters, i.e. Maas)
//! except where a field's documentation says otherwise. Generic over the
//! token type; every measure is O(N) (HD-D: O(N + distinct frequencies × 42)).

use std::collections::HashMap;
use std::hash::Hash;

use serde::{Deserialize, Serialize};

/// Parameters of [`diversity`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DiversityOptions {
    /// MATTR window (default 100; 0 is treated as 1).
    pub window: usize,
    /// MSTTR segment length (default 100; 0 is treated as 1).
    pub segment: usize,
    /// MTLD TTR threshold (default 0.72).
    pub mtld_threshold: f64,
    /// HD-D sample size (default 42).
    pub hdd_sample: usize,
}

impl Default for DiversityOptions {
    fn default() -> Self {
        Self {
            window: 100,
            segment: 100,
            mtld_threshold: 0.72,
            hdd_sample: 42,
        }
    }
}

/// Lexical diversity measures of a non-empty token sequence. N = tokens,
/// V = types, f_w = frequency of type w, M2 = Σ_w f_w².
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diversity {
    /// N, number of tokens.
    pub tokens: u64,
    /// V, number of distinct tokens.
    pub types: u64,
    /// V/N.
    pub ttr: f64,
    /// Mean TTR over the N − W + 1 windows of W consecutive tokens
    /// (W = [`DiversityOptions::window`]); when N < W, the TTR of the whole
    /// sequence.
    pub mattr: f64,
    /// Mean TTR of the ⌊N/S⌋ consecutive segments of S tokens (the remainder
    /// is dropped); when N < S, the TTR of the whole sequence.
    pub msttr: f64,
    /// MTLD: mean of the forward and backward passes; `None` when either is
    /// undefined.
    pub mtld: Option<f64>,
    /// MTLD forward pass: N / factors; `None` when there is no factor at all
    /// (every factor-in-progress stays at TTR 1, e.g. all tokens distinct).
    pub mtld_forward: Option<f64>,
    /// MTLD pass over the reversed sequence.
    pub mtld_backward: Option<f64>,
    /// Yule's K = 10⁴ (M2 − N)/N².
    pub yule_k: f64,
    /// Yule's I = V²/(M2 − V); `None` when M2 = V (every type once), where it
    /// is infinite (quanteda writes 0).
    pub yule_i: Option<f64>,
    /// Simpson's D = Σ f(f − 1) / (N(N − 1)); 0 when N = 1.
    pub simpson_d: f64,
    /// Herdan's C = log V / log N; 1 when N = 1.
    pub herdan_c: f64,
    /// Guiraud's R = V/√N.
    pub guiraud_r: f64,
    /// Maas' a = √((log₁₀ N − log₁₀ V)/(log₁₀ N)²); 0 when N = 1 (V = N).
    pub maas: f64,
    /// Number of types occurring exactly once.
    pub hapax: u64,
    /// hapax / V.
    pub hapax_share: f64,
    /// HD-D as the expected number of types in a random draw of
    /// s = [`DiversityOptions::hdd_sample`] tokens without replacement,
    /// Σ_w (1 − C(N − f_w, s)/C(N, s)); divide by s for the "ATTR" form.
    /// `None` when N < s.
    pub hdd_42: Option<f64>,
}

/// Maps tokens to dense ids 0..V in order of first appearance.
fn intern<T: Eq + Hash>(tokens: &[T]) -> (Vec<u32>, usize) {
    let mut ids: HashMap<&T, u32> = HashMap::new();
    let mut seq = Vec::with_capacity(tokens.len());
    for t in tokens {
        let next = ids.len() as u32;
        seq.push(*ids.entry(t).or_insert(next));
    }
    (seq, ids.len())
}

/// Computes every measure for `tokens` with the given options; `None` for an
/// empty sequence.
pub fn diversity<T: Eq + Hash>(tokens: &[T], opts: &DiversityOptions) -> Option<Diversity> {
    if tokens.is_empty() {
        return None;
    }
    let (seq, v) = intern(tokens);
    let mut freq = vec![0u64; v];
    for &id in &seq {
        freq[id as usize] += 1;
    }
    let n = seq.len() as u64;
    let types = v as u64;
    let (nf, vf) = (n as f64, types as f64);
    let m2: u128 = freq.iter().map(|&f| u128::from(f) * u128::from(f)).sum();
    let pairs: u128 = freq
        .iter()
        .map(|&f| u128::from(f) * u128::from(f.saturating_sub(1)))
        .sum();
    let hapax = freq.iter().filter(|&&f| f == 1).count() as u64;
    let ttr = vf / nf;
    let n128 = u128::from(n);

    let yule_k = match (m2 - n128).checked_mul(10_000) {
        Some(num) => num as f64 / (n128 * n128) as f64,
        None => (m2 - n128) as f64 * 1e4 / (nf * nf),
    };
    let yule_i = (m2 > u128::from(types)).then(|| (vf * vf) / (m2 - u128::from(types)) as f64);
    let simpson_d = if n > 1 {
        pairs as f64 / (n128 * (n128 - 1)) as f64
    } else {
        0.0
    };
    let (herdan_c, maas) = if n > 1 {
        // ln(N/V) = ln1p((N − V)/V) with an exact numerator.
        let ln_ratio = ((n - types) as f64 / vf).ln_1p();
        let ln_n = nf.ln();
        let log10_n = ln_n / std::f64::consts::LN_10;
        let log10_ratio = ln_ratio / std::f64::consts::LN_10;
        (vf.ln() / ln_n, (log10_ratio / (log10_n * log10_n)).sqrt())
    } else {
        (1.0, 0.0)
    };

    let mtld_forward = mtld_pass(seq.iter().copied(), v, opts.mtld_threshold);
    let mtld_backward = mtld_pass(seq.iter().rev().copied(), v, opts.mtld_threshold);
    let mtld = match (mtld_forward, mtld_backward) {
        (Some(f), Some(b)) => Some((f + b) / 2.0),
        _ => None,
    };

    Some(Diversity {
        tokens: n,
        types,
        ttr,
        mattr: mattr(&seq, v, opts.window.max(1)),
        msttr: msttr(&seq, v, opts.segment.max(1)),
        mtld,
        mtld_forward,
        mtld_backward,
        yule_k,
        yule_i,
        simpson_d,
        herdan_c,
        guiraud_r: vf / nf.sqrt(),
        maas,
        hapax,
        hapax_share: hapax as f64 / vf,
        hdd_42: hdd(&freq, n, opts.hdd_sample),
    })
}

/// MATTR over ids: a sliding window with a count per id, O(N).
fn mattr(seq: &[u32], v: usize, w: usize) -> f64 {
    let n = seq.len();
    if n < w {
        return distinct(seq, v) as f64 / n as f64;
    }
    let mut counts = vec![0u32; v];
    let mut in_window = 0u64;
    for &id in &seq[..w] {
        let c = &mut counts[id as usize];
        in_window += u64::from(*c == 0);
        *c += 1;
    }
    let mut total = in_window;
    for i in w..n {
        let out = &mut counts[seq[i - w] as usize];
        *out -= 1;
        in_window -= u64::from(*out == 0);
        let inn = &mut counts[seq[i] as usize];
        in_window += u64::from(*inn == 0);
        *inn += 1;
        total += in_window;
    }
    let windows = (n - w + 1) as f64;
    total as f64 / (windows * w as f64)
}

/// MSTTR over ids.
fn msttr(seq: &[u32], v: usize, s: usize) -> f64 {
    let n = seq.len();
    if n < s {
        return distinct(seq, v) as f64 / n as f64;
    }
    let segments = n / s;
    let mut seen = vec![usize::MAX; v];
    let mut total = 0u64;
    for (k, chunk) in seq.chunks_exact(s).enumerate() {
        for &id in chunk {
            if seen[id as usize] != k {
                seen[id as usize] = k;
                total += 1;
            }
        }
    }
    total as f64 / (segments as f64 * s as f64)
}

fn distinct(seq: &[u32], v: usize) -> u64 {
    let mut seen = vec![false; v];
    let mut count = 0;
    for &id in seq {
        if !std::mem::replace(&mut seen[id as usize], true) {
            count += 1;
        }
    }
    count
}

/// One MTLD pass (McCarthy & Jarvis 2010; koRpus `MTLD.calc`): a factor
/// closes as soon as the running TTR falls strictly below the threshold; a
/// final partial factor counts (1 − TTR)/(1 − threshold); N / factors, or
/// `None` with no factor.
fn mtld_pass(seq: impl Iterator<Item = u32>, v: usize, threshold: f64) -> Option<f64> {
    // `stamp[id] == factor` marks id as seen in the current factor.
    let mut stamp = vec![usize::MAX; v];
    let mut factor_id = 0usize;
    let mut full = 0u64;
    let (mut n, mut types, mut total) = (0u64, 0u64, 0u64);
    for id in seq {
        total += 1;
        n += 1;
        if stamp[id as usize] != factor_id {
            stamp[id as usize] = factor_id;
            types += 1;
        }
        if (types as f64 / n as f64) < threshold {
            full += 1;
            factor_id += 1;
            n = 0;
            types = 0;
        }
    }
    let partial = if n > 0 {
        // (1 − types/n)/(1 − threshold) with an exact numerator n − types.
        (n - types) as f64 / (n as f64 * (1.0 - threshold))
    } else {
        0.0
    };
    let factors = full as f64 + partial;
    (factors > 0.0).then(|| total as f64 / factors)
}

/// HD-D: Σ_w P(w drawn at least once in s tokens without replacement),
/// grouped by frequency. 1 − Π_{k<s} (1 − f/(N − k)) via expm1/ln1p.
fn hdd(freq: &[u64], n: u64, s: usize) -> Option<f64> {
    let s = s as u64;
    if n < s {
        return None;
    }
    let mut spectrum: HashMap<u64, u64> = HashMap::new();
    for &f in freq {
        *spectrum.entry(f).or_insert(0) += 1;
    }
    let mut by_freq: Vec<(u64, u64)> = spectrum.into_iter().collect();
    by_freq.sort_unstable(); // deterministic summation order
    let mut sum = 0.0;
    for (f, count) in by_freq {
        let p_seen = if n - f < s {
            1.0 // fewer than s other tokens: w must be drawn
        } else {
            let log_p_absent: f64 = (0..s).map(|k| (-(f as f64) / (n - k) as f64).ln_1p()).sum();
            -log_p_absent.exp_m1()
        };
        sum += count as f64 * p_seen;
    }
    Some(sum)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_cases() {
        assert_eq!(diversity::<&str>(&[], &DiversityOptions::default()), None);
        let d = diversity(&["a"], &DiversityOptions::default()).unwrap();
        assert_eq!(
            (d.ttr, d.herdan_c, d.maas, d.simpson_d),
            (1.0, 1.0, 0.0, 0.0)
        );
        assert_eq!((d.yule_i, d.mtld, d.hdd_42), (None, None, None));
        let d = diversity(&["a", "b", "a", "a"], &DiversityOptions::default()).unwrap();
        assert_eq!((d.tokens, d.types, d.hapax), (4, 2, 1));
        assert_eq!(d.yule_k, 1e4 * 6.0 / 16.0);
        assert_eq!(d.yule_i, Some(4.0 / 8.0));
        assert_eq!(d.simpson_d, 6.0 / 12.0);
    }

    #[test]
    fn mattr_matches_brute_force() {
        let toks: Vec<u32> = (0..500u32).map(|i| (i * 7919 + i / 3) % 37).collect();
        for w in [1usize, 5, 36, 100, 499, 500] {
            let opts = DiversityOptions {
                window: w,
                ..Default::default()
            };
            let fast = diversity(&toks, &opts).unwrap().mattr;
            let mut sum = 0.0;
            let windows = toks.len() - w + 1;
            for s in 0..windows {
                let set: std::collections::HashSet<_> = toks[s..s + w].iter().collect();
                sum += set.len() as f64 / w as f64;
            }
            assert!((fast - sum / windows as f64).abs() < 1e-12, "w = {w}");
        }
    }
}
