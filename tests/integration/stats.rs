//! Tests of `tribune::stats` against the reference values in
//! `tests/fixtures/reference/` (see its `SOURCE.md`), plus property tests.
//! Tolerances are those of the reference README, section 8
//! (`tests/fixtures/reference/README.md`).

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use proptest::prelude::*;
use tribune::stats::describe::summarize;
use tribune::stats::keyness::{
    Adjust, Contingency, Correction, KeynessError, KeynessOptions, LogOddsPrior, Measure, TermPair,
    benjamini_hochberg, bonferroni, keyness_table, p_value, sort_rows,
};
use tribune::stats::lexdiv::{DiversityOptions, diversity};
use tribune::stats::logodds::{LogOddsInput, Variance};

// ---------------------------------------------------------------- helpers

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reference")
        .join(name)
}

/// A CSV row by column name.
struct Row(HashMap<String, String>);

impl Row {
    fn str(&self, col: &str) -> &str {
        self.0.get(col).unwrap_or_else(|| panic!("no column {col}"))
    }

    fn u64(&self, col: &str) -> u64 {
        self.str(col)
            .parse()
            .unwrap_or_else(|e| panic!("{col}: {e}"))
    }

    /// A real: empty = undefined (`None`), `Inf` = infinity.
    fn opt(&self, col: &str) -> Option<f64> {
        match self.str(col) {
            "" => None,
            "Inf" => Some(f64::INFINITY),
            "-Inf" => Some(f64::NEG_INFINITY),
            s => Some(s.parse().unwrap_or_else(|e| panic!("{col} = {s}: {e}"))),
        }
    }

    fn f64(&self, col: &str) -> f64 {
        self.opt(col).unwrap_or_else(|| panic!("{col} is empty"))
    }
}

fn read_csv(name: &str) -> Vec<Row> {
    let mut reader = csv::Reader::from_path(fixture(name)).unwrap();
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            Row(headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect())
        })
        .collect()
}

/// Asserts |got − want| ≤ abs + rel·|want| (infinities must match).
fn assert_close(got: f64, want: f64, abs: f64, rel: f64, what: &str) {
    if want.is_infinite() {
        assert_eq!(got, want, "{what}");
        return;
    }
    let tol = abs + rel * want.abs();
    assert!(
        (got - want).abs() <= tol,
        "{what}: got {got:e}, want {want:e}, |Δ| = {:e} > {tol:e}",
        (got - want).abs()
    );
}

/// README §8 statistic tolerance: |Δ| ≤ 1e-9 · max(1, |ref|).
fn assert_stat(got: f64, want: f64, what: &str) {
    assert_close(got, want, 1e-9 * want.abs().max(1.0), 0.0, what);
}

/// README §8 p-value tolerance: |Δ| ≤ 1e-12 + 1e-6 · ref.
fn assert_p(got: f64, want: f64, what: &str) {
    assert_close(got, want, 1e-12, 1e-6, what);
}

/// README §8 log-odds and lexdiv tolerance: |Δ| ≤ 1e-12 + 1e-9 · |ref|.
fn assert_fine(got: f64, want: f64, what: &str) {
    assert_close(got, want, 1e-12, 1e-9, what);
}

// ---------------------------------------------------------------- describe

/// Every row of turn_stats_seed.csv (14 speakers, 3 roles, all), from the
/// per-turn word counts of turn_words_seed.csv, at relative 1e-12; counts,
/// min and max exact; sd empty ⇔ `None`.
#[test]
fn turn_stats_match_reference() {
    let mut groups: BTreeMap<(String, String), Vec<u64>> = BTreeMap::new();
    for t in read_csv("turn_words_seed.csv") {
        let w = t.u64("words");
        for key in [
            ("speaker", t.str("speaker")),
            ("role", t.str("role")),
            ("all", "(all turns)"),
        ] {
            groups
                .entry((key.0.to_string(), key.1.to_string()))
                .or_default()
                .push(w);
        }
    }
    let total = summarize(&groups[&("all".into(), "(all turns)".into())])
        .unwrap()
        .sum;
    assert_eq!(total, 6901);
    let rows = read_csv("turn_stats_seed.csv");
    assert_eq!(rows.len(), 18);
    for r in &rows {
        let key = (r.str("group_by").to_string(), r.str("group").to_string());
        let s = summarize(&groups[&key]).unwrap();
        let what = |c: &str| format!("{key:?} {c}");
        assert_eq!(s.n, r.u64("turns"), "{}", what("turns"));
        assert_eq!(s.sum, u128::from(r.u64("words")), "{}", what("words"));
        assert_eq!(s.min, r.u64("min"), "{}", what("min"));
        assert_eq!(s.max, r.u64("max"), "{}", what("max"));
        let share = s.sum as f64 / total as f64;
        assert_close(share, r.f64("share_of_words"), 0.0, 1e-12, &what("share"));
        for (got, col) in [
            (s.mean, "mean"),
            (s.q1, "q1"),
            (s.median, "median"),
            (s.q3, "q3"),
        ] {
            assert_close(got, r.f64(col), 0.0, 1e-12, &what(col));
        }
        match (s.sd, r.opt("sd")) {
            (Some(got), Some(want)) => assert_close(got, want, 0.0, 1e-12, &what("sd")),
            (None, None) => assert_eq!(s.n, 1),
            (got, want) => panic!("{}: {got:?} vs {want:?}", what("sd")),
        }
    }
}

/// README §2's worked example and the empty / single-value cases.
#[test]
fn summary_hand_checks() {
    let s = summarize(&[57, 24, 148, 25, 30, 44, 49, 49, 57, 24]).unwrap();
    assert_eq!((s.q1, s.median, s.q3), (26.25, 46.5, 55.0));
    assert_eq!((s.min, s.max, s.n, s.sum), (24, 148, 10, 507));
    assert!(summarize(&[]).is_none());
    let one = summarize(&[7]).unwrap();
    assert_eq!((one.sd, one.q1, one.q3, one.mean), (None, 7.0, 7.0, 7.0));
    let huge = summarize(&[u64::MAX, u64::MAX, 0]).unwrap();
    assert_eq!(huge.sum, 2 * u128::from(u64::MAX));
    assert!(huge.sd.unwrap().is_finite());
}

// ---------------------------------------------------------------- keyness

fn table(r: &Row) -> Contingency {
    Contingency::new(r.u64("a"), r.u64("b"), r.u64("Nt"), r.u64("Nr")).unwrap()
}

/// Every row of keyness_vectors.csv: sign, c, d, N and E exact-ish; g2, chi2,
/// chi2_yates, williams_q, g2_williams, log_ratio, g2_2term at
/// 1e-9·max(1, |ref|); g2_p, chi2_p, chi2_yates_p, g2_williams_p at
/// 1e-12 + 1e-6·ref.
#[test]
fn keyness_vectors_every_row() {
    let rows = read_csv("keyness_vectors.csv");
    assert_eq!(rows.len(), 48);
    for r in &rows {
        let t = table(r);
        let id = r.str("id");
        let what = |c: &str| format!("row {id} {c}");
        assert_eq!(i64::from(t.sign()), r.str("sign").parse::<i64>().unwrap());
        assert_eq!((t.c(), t.d()), (r.u64("c"), r.u64("d")), "{}", what("c, d"));
        assert_eq!(t.n(), u128::from(r.u64("N")));
        let e = t.expected();
        assert_close(e[0], r.f64("E1"), 0.0, 1e-15, &what("E1"));
        assert_close(e[1], r.f64("E2"), 0.0, 1e-15, &what("E2"));
        let min_e = e.iter().copied().fold(f64::INFINITY, f64::min);
        assert_close(min_e, r.f64("min_expected"), 0.0, 1e-15, &what("min_E"));

        let g2 = t.g2();
        let chi2 = t.chi2();
        let yates = t.chi2_yates();
        let g2w = t.g2_williams();
        for (got, col) in [
            (g2, "g2"),
            (chi2, "chi2"),
            (yates, "chi2_yates"),
            (t.williams_q(), "williams_q"),
            (g2w, "g2_williams"),
            (t.log_ratio(), "log_ratio"),
            (t.g2_two_term(), "g2_2term"),
        ] {
            assert_stat(got, r.f64(col), &what(col));
        }
        for (stat, col) in [
            (g2, "g2_p"),
            (chi2, "chi2_p"),
            (yates, "chi2_yates_p"),
            (g2w, "g2_williams_p"),
        ] {
            assert_p(p_value(stat), r.f64(col), &what(col));
        }
        // The correction switch reaches the same functions.
        assert_eq!(t.g2_with(Correction::Williams), g2w);
        assert_eq!(t.chi2_with(Correction::Yates), yates);
        assert_eq!(t.chi2_with(Correction::Williams), chi2);
        assert_eq!(t.g2_with(Correction::None), g2);
    }
}

/// The careful G² form is far more accurate than the tolerance asks: within
/// 1e-13 relative of the exact value on every row, including the
/// ill-conditioned near-tie of row 42 (plain formula: 4.4e-6); p-values
/// within 1e-12 relative, down to row 14's 2.8e-14 and beyond.
#[test]
fn keyness_g2_full_precision() {
    for r in &read_csv("keyness_vectors.csv") {
        let t = table(r);
        for (got, col) in [
            (t.g2(), "g2"),
            (t.g2_two_term(), "g2_2term"),
            (t.chi2(), "chi2"),
        ] {
            assert_close(
                got,
                r.f64(col),
                1e-300,
                1e-13,
                &format!("row {} {col}", r.str("id")),
            );
        }
        for (stat, col) in [(t.g2(), "g2_p"), (t.chi2(), "chi2_p")] {
            assert_close(
                p_value(stat),
                r.f64(col),
                0.0,
                1e-12,
                &format!("row {} {col}", r.str("id")),
            );
        }
    }
}

/// quanteda's G² is the exact G² plus 1e-9 inside every log (README §4.3):
/// ||quanteda| − |g2| − 2e-9·Σ E over non-zero cells| ≤ 1e-9·max(1, |g2|)
/// plus 1e-16·N (quanteda's own double rounding, visible on rows 41–42);
/// its χ² is the same χ².
#[test]
fn keyness_vectors_vs_quanteda() {
    for r in &read_csv("keyness_vectors.csv") {
        let t = table(r);
        let e = t.expected();
        let cells = [t.a, t.b, t.c(), t.d()];
        let sum_e: f64 = e
            .iter()
            .zip(cells)
            .filter(|(_, o)| *o > 0)
            .map(|(e, _)| e)
            .sum();
        let g2 = t.g2();
        let q = r.f64("g2_quanteda");
        let what = format!("row {} g2_quanteda", r.str("id"));
        // quanteda sums O·ln(O/E + 1e-9) in double: ~1e-16·N of its own rounding.
        let tol = 1e-9 * g2.abs().max(1.0) + 1e-16 * t.n() as f64;
        assert_close(q.abs() - g2.abs() - 2e-9 * sum_e, 0.0, tol, 0.0, &what);
        assert_stat(
            t.chi2().abs(),
            r.f64("chi2_quanteda").abs(),
            "chi2_quanteda",
        );
    }
}

/// Row 26 (a = 1, b = 0, Nt = Nr = 1) by hand, and row 5.
#[test]
fn keyness_hand_check_row_26() {
    let t = Contingency::new(1, 0, 1, 1).unwrap();
    let ln2 = std::f64::consts::LN_2;
    assert_close(t.g2(), 4.0 * ln2, 0.0, 1e-15, "G² = 4 ln 2");
    assert_eq!(t.chi2(), 2.0);
    assert_p(
        p_value(t.chi2()),
        0.157_299_207_050_285_13,
        "p(χ²) = erfc(1)",
    );
    assert_eq!(t.williams_q(), 1.75);
    assert_eq!(t.log_ratio(), 1.0);
    assert_close(t.g2_two_term(), 2.0 * ln2, 0.0, 1e-15, "2-term G² = 2 ln 2");
    assert_eq!(t.chi2_yates(), 0.0, "|ad − bc| = N/2");
    assert_eq!(t.g2_yates(), 0.0);
    let convent = Contingency::new(15, 0, 1914, 2238).unwrap();
    assert_close(convent.g2(), 23.295452616860228, 0.0, 1e-14, "row 5");
    // Under-used, yet 0.5 for the zero count makes the rates equal: the
    // Log Ratio is +0 (not −0, which would sort apart from the zeros).
    let half = Contingency::new(0, 1, 7, 14).unwrap();
    assert_eq!(half.sign(), -1);
    assert_eq!(half.log_ratio().to_bits(), 0.0f64.to_bits());
}

/// Degenerate tables never panic: zero totals, a = b = 0, u64::MAX.
#[test]
fn keyness_degenerate_inputs() {
    for (a, b, nt, nr) in [(0, 0, 0, 0), (0, 0, 10, 10), (0, 5, 0, 5), (3, 0, 3, 0)] {
        let t = Contingency::new(a, b, nt, nr).unwrap();
        assert_eq!(t.sign(), 0);
        for v in [
            t.g2(),
            t.chi2(),
            t.chi2_yates(),
            t.g2_yates(),
            t.log_ratio(),
        ] {
            assert_eq!(v, 0.0, "{t:?}");
        }
        assert_eq!(t.williams_q(), 1.0);
        assert_eq!(p_value(t.g2()), 1.0);
    }
    let m = u64::MAX;
    let t = Contingency::new(m, 0, m, m).unwrap();
    assert!(t.g2() > 0.0 && t.g2().is_finite() && t.chi2() > 0.0);
    assert_eq!(
        t.log_ratio(),
        65.0,
        "log2(Nr / (0.5 Nt)) with a = Nt = 2^64 − 1"
    );
    assert!(Contingency::new(4, 0, 3, 3).is_none());
    assert!(
        Contingency {
            a: 4,
            b: 0,
            nt: 3,
            nr: 3
        }
        .g2()
        .is_nan()
    );
}

fn tables() -> impl Strategy<Value = Contingency> {
    (1u64..1_000_000_000, 1u64..1_000_000_000)
        .prop_flat_map(|(nt, nr)| (0..=nt.min(5000), 0..=nr.min(5000), Just(nt), Just(nr)))
        .prop_map(|(a, b, nt, nr)| Contingency { a, b, nt, nr })
}

fn small_tables() -> impl Strategy<Value = Contingency> {
    (1u64..60, 1u64..60)
        .prop_flat_map(|(nt, nr)| (0..=nt, 0..=nr, Just(nt), Just(nr)))
        .prop_map(|(a, b, nt, nr)| Contingency { a, b, nt, nr })
}

proptest! {
    /// Swapping target and reference negates G², χ², Yates, Williams, Log
    /// Ratio and the 2-term G² exactly and leaves p unchanged.
    #[test]
    fn keyness_swap_flips_sign(t in prop_oneof![tables(), small_tables()]) {
        let s = t.swapped();
        prop_assert_eq!(s.sign(), -t.sign());
        for (x, y) in [
            (t.g2(), s.g2()),
            (t.chi2(), s.chi2()),
            (t.chi2_yates(), s.chi2_yates()),
            (t.g2_yates(), s.g2_yates()),
            (t.g2_williams(), s.g2_williams()),
            (t.log_ratio(), s.log_ratio()),
            (t.g2_two_term(), s.g2_two_term()),
        ] {
            prop_assert_eq!(x, -y);
            prop_assert_eq!(p_value(x), p_value(y));
        }
    }

    /// G² is finite, has the sign of the rate difference, and is 0 only for
    /// equal rates; |G²| ≥ |G² Yates|; p in [0, 1]. The careful form agrees
    /// with the textbook sum where that is well conditioned.
    #[test]
    fn keyness_g2_sign_and_magnitude(t in prop_oneof![tables(), small_tables()]) {
        let g2 = t.g2();
        prop_assert!(g2.is_finite());
        prop_assert_eq!(g2.signum() as i8 * i8::from(g2 != 0.0), t.sign());
        prop_assert!(t.g2_yates().abs() <= g2.abs() * (1.0 + 1e-12));
        let p = p_value(g2);
        prop_assert!((0.0..=1.0).contains(&p));
        let e = t.expected();
        let naive: f64 = 2.0 * [t.a, t.b, t.c(), t.d()]
            .iter()
            .zip(e)
            .filter(|(o, _)| **o > 0)
            .map(|(&o, e)| o as f64 * (o as f64 / e).ln())
            .sum::<f64>();
        let tol = 1e-9 * naive.abs().max(1.0) + 1e-6;
        prop_assert!((g2.abs() - naive).abs() <= tol, "{} vs {}", g2, naive);
    }

    /// Identical rates (a·Nr = b·Nt) give exactly 0 for every statistic and
    /// p = 1.
    #[test]
    fn keyness_equal_rates_are_zero(a in 0u64..10_000, nt in 1u64..1_000_000, k in 1u64..1000) {
        let nt = nt.max(a);
        let t = Contingency::new(a, a * k, nt, nt * k).unwrap();
        prop_assert_eq!(t.sign(), 0);
        for v in [t.g2(), t.chi2(), t.chi2_yates(), t.g2_yates(), t.g2_williams(),
                  t.log_ratio(), t.g2_two_term()] {
            prop_assert_eq!(v, 0.0);
            prop_assert_eq!(p_value(v), 1.0);
        }
    }

    /// BH-adjusted p is ≥ p, ≤ 1, and monotone in p; Bonferroni ≥ BH.
    #[test]
    fn bh_properties(p in prop::collection::vec(0.0f64..=1.0, 0..60)) {
        let adj = benjamini_hochberg(&p);
        let bon = bonferroni(&p);
        prop_assert_eq!(adj.len(), p.len());
        for i in 0..p.len() {
            prop_assert!(adj[i] >= p[i] && adj[i] <= 1.0);
            prop_assert!(bon[i] >= adj[i]);
            for j in 0..p.len() {
                if p[i] <= p[j] {
                    prop_assert!(adj[i] <= adj[j]);
                }
            }
        }
    }
}

/// BH against R's `p.adjust(c(...), "BH")`.
#[test]
fn bh_matches_r_p_adjust() {
    let p = [0.04, 0.001, 0.03, 0.5, 0.0, 0.04, 1.0];
    // R 4.2: p.adjust(p, "BH")
    let want = [0.056, 0.0035, 0.056, 0.5833333333333334, 0.0, 0.056, 1.0];
    for (g, w) in benjamini_hochberg(&p).iter().zip(want) {
        assert_close(*g, w, 1e-15, 1e-14, "BH");
    }
    assert_eq!(benjamini_hochberg(&[f64::NAN]), vec![1.0]);
}

fn pairs(v: &[(&str, u64, u64)]) -> Vec<TermPair> {
    v.iter()
        .map(|&(term, a, b)| TermPair {
            term: term.to_string(),
            a,
            b,
        })
        .collect()
}

/// The table: rows under min_count are dropped before BH, rates per 10,000,
/// p from G², log-odds from the prior, inconsistent counts rejected.
#[test]
fn keyness_table_filters_then_adjusts() {
    let rows = pairs(&[
        ("tax", 30, 10),
        ("rare", 1, 1),
        ("gone", 0, 0),
        ("jobs", 10, 30),
        ("the", 50, 50),
    ]);
    let counts: HashMap<String, u64> = rows.iter().map(|r| (r.term.clone(), r.a + r.b)).collect();
    let prior = LogOddsPrior {
        counts: &counts,
        total: 2000,
        scale: 1.0,
    };
    let opts = KeynessOptions::default();
    let out = keyness_table(&rows, 1000, 1000, &prior, &opts).unwrap();
    let terms: Vec<&str> = out.iter().map(|r| r.term.as_str()).collect();
    assert_eq!(terms, ["tax", "jobs", "the"]);
    let p: Vec<f64> = out.iter().map(|r| r.p).collect();
    let adj = benjamini_hochberg(&p);
    for (r, adj) in out.iter().zip(adj) {
        let t = Contingency::new(r.a, r.b, 1000, 1000).unwrap();
        assert_eq!(r.g2, t.g2());
        assert_eq!(r.chi2, t.chi2());
        assert_eq!(r.p, p_value(t.g2()));
        assert_eq!(r.p_adj, adj);
        assert_eq!(r.log_ratio, t.log_ratio());
        assert_eq!(r.rate_target, r.a as f64 * 10.0);
        let lo = LogOddsInput {
            y_i: r.a,
            y_j: r.b,
            n_i: 1000,
            n_j: 1000,
            alpha_w: (r.a + r.b) as f64,
            alpha_0: 2000.0,
        };
        assert_eq!(r.log_odds_z, lo.compute(Variance::Monroe).map(|l| l.z));
    }
    assert_eq!(out[2].g2, 0.0);
    assert_eq!(out[2].p, 1.0);

    let opts = KeynessOptions {
        correction: Correction::Williams,
        adjust: Adjust::Bonferroni,
        min_count: 0,
        ..Default::default()
    };
    let out = keyness_table(&rows, 1000, 1000, &prior, &opts).unwrap();
    assert_eq!(out.len(), 4, "a + b = 0 is never a term");
    for r in &out {
        let t = Contingency::new(r.a, r.b, 1000, 1000).unwrap();
        assert_eq!(r.g2, t.g2_williams());
        assert_eq!(r.p_adj, (r.p * 4.0).min(1.0));
    }

    let bad = pairs(&[("ok", 1, 1), ("bad", 1001, 0)]);
    assert!(matches!(
        keyness_table(&bad, 1000, 1000, &prior, &opts),
        Err(KeynessError::CountExceedsTotal { index: 1, .. })
    ));
    assert!(
        keyness_table::<String>(&[], 0, 0, &prior, &opts)
            .unwrap()
            .is_empty()
    );
}

/// Sorting is descending by the measure, ties by term bytes, whatever the
/// input order.
#[test]
fn keyness_sort_is_deterministic() {
    let rows = pairs(&[
        ("b", 10, 5),
        ("a", 10, 5),
        ("c", 5, 10),
        ("B", 10, 5),
        ("z", 20, 0),
    ]);
    let counts: HashMap<String, u64> = HashMap::new();
    let prior = LogOddsPrior::new(&counts, 1.0);
    let opts = KeynessOptions {
        min_count: 0,
        ..Default::default()
    };
    let mut forward = keyness_table(&rows, 1000, 1000, &prior, &opts).unwrap();
    let mut reversed: Vec<TermPair> = rows.iter().rev().cloned().collect();
    reversed.rotate_left(2);
    let mut backward = keyness_table(&reversed, 1000, 1000, &prior, &opts).unwrap();
    for m in [
        Measure::G2,
        Measure::Chi2,
        Measure::LogRatio,
        Measure::LogOdds,
    ] {
        sort_rows(&mut forward, m);
        sort_rows(&mut backward, m);
        assert_eq!(forward, backward);
    }
    sort_rows(&mut forward, Measure::G2);
    let terms: Vec<&str> = forward.iter().map(|r| r.term.as_str()).collect();
    assert_eq!(terms, ["z", "B", "a", "b", "c"]);
}

// ---------------------------------------------------------------- log-odds

/// Every row of logodds_vectors.csv (2 scales × 6 comparisons × 12 words):
/// the inputs rebuilt from logodds_vectors_counts.csv match the file's
/// y, n, α columns; delta, var, z (Monroe) and var_4term, z_4term,
/// z_scattertext (4-term) at 1e-12 + 1e-9·|ref|.
#[test]
fn logodds_vectors_every_row() {
    let counts: HashMap<String, [u64; 3]> = read_csv("logodds_vectors_counts.csv")
        .iter()
        .map(|r| {
            (
                r.str("word").to_string(),
                [r.u64("A"), r.u64("B"), r.u64("C")],
            )
        })
        .collect();
    let totals = counts["(all words)"];
    let group = |word: &str, g: &str, other: &str| -> (u64, u64) {
        let idx = |g: &str| ["A", "B", "C"].iter().position(|x| *x == g).unwrap();
        let c = counts[word];
        if g == "rest" {
            let i = idx(other);
            (
                (0..3).filter(|&k| k != i).map(|k| c[k]).sum(),
                (0..3).filter(|&k| k != i).map(|k| totals[k]).sum(),
            )
        } else {
            (c[idx(g)], totals[idx(g)])
        }
    };
    let rows = read_csv("logodds_vectors.csv");
    assert_eq!(rows.len(), 144);
    let mut seen = std::collections::BTreeSet::new();
    for r in &rows {
        let (gi, gj, word) = (r.str("group_i"), r.str("group_j"), r.str("word"));
        seen.insert((r.str("scale").to_string(), gi.to_string(), gj.to_string()));
        let scale = r.f64("scale");
        let (y_i, n_i) = group(word, gi, gj);
        let (y_j, n_j) = group(word, gj, gi);
        assert_eq!(
            (y_i, y_j, n_i, n_j),
            (r.u64("y_i"), r.u64("y_j"), r.u64("n_i"), r.u64("n_j"))
        );
        let c = counts[word];
        let alpha_w = scale * (c[0] + c[1] + c[2]) as f64;
        let alpha_0 = scale * (totals[0] + totals[1] + totals[2]) as f64;
        assert_close(alpha_w, r.f64("alpha_w"), 0.0, 1e-15, "alpha_w");
        assert_close(alpha_0, r.f64("alpha_0"), 0.0, 1e-15, "alpha_0");
        let input = LogOddsInput {
            y_i,
            y_j,
            n_i,
            n_j,
            alpha_w,
            alpha_0,
        };
        let what = |c: &str| format!("scale {scale} {gi}-{gj} {word} {c}");
        let m = input.compute(Variance::Monroe).unwrap();
        let f = input.compute(Variance::FourTerm).unwrap();
        assert_fine(m.delta, r.f64("delta"), &what("delta"));
        assert_fine(m.var, r.f64("var"), &what("var"));
        assert_fine(m.z, r.f64("z"), &what("z"));
        assert_eq!(f.delta, m.delta);
        assert_fine(f.var, r.f64("var_4term"), &what("var_4term"));
        assert_fine(f.z, r.f64("z_4term"), &what("z_4term"));
        assert_fine(f.z, r.f64("z_scattertext"), &what("z_scattertext"));
        // swapping i and j flips delta and z exactly
        let s = input.swapped().compute(Variance::Monroe).unwrap();
        assert_eq!((s.delta, s.z, s.var), (-m.delta, -m.z, m.var));
    }
    assert_eq!(seen.len(), 12, "2 scales × 6 comparisons");
}

/// Every row of logodds_zulyat_vs_rehmanjan.csv (n_i = 1,914, n_j = 1,535,
/// α_0 = 4,152): delta, var_monroe, z, z_scattertext; and the file's rank
/// order (z descending, then feature) reproduced by keyness_table + sort_rows.
#[test]
fn logodds_zulyat_vs_rehmanjan() {
    let rows = read_csv("logodds_zulyat_vs_rehmanjan.csv");
    assert_eq!(rows.len(), 1209);
    let (n_i, n_j, alpha_0) = (1914, 1535, 4152.0);
    let mut prior_counts = HashMap::new();
    let mut pairs = Vec::new();
    for r in &rows {
        let feature = r.str("feature");
        let input = LogOddsInput {
            y_i: r.u64("y_zulyat"),
            y_j: r.u64("y_rehmanjan"),
            n_i,
            n_j,
            alpha_w: r.f64("alpha_w"),
            alpha_0,
        };
        let m = input.compute(Variance::Monroe).unwrap();
        let f = input.compute(Variance::FourTerm).unwrap();
        assert_fine(m.delta, r.f64("delta"), &format!("{feature} delta"));
        assert_fine(m.var, r.f64("var_monroe"), &format!("{feature} var"));
        assert_fine(m.z, r.f64("z"), &format!("{feature} z"));
        assert_fine(
            f.z,
            r.f64("z_scattertext"),
            &format!("{feature} z_scattertext"),
        );
        prior_counts.insert(feature.to_string(), r.u64("alpha_w"));
        pairs.push(TermPair {
            term: feature.to_string(),
            a: input.y_i,
            b: input.y_j,
        });
    }
    pairs.reverse();
    let prior = LogOddsPrior {
        counts: &prior_counts,
        total: 4152,
        scale: 1.0,
    };
    let opts = KeynessOptions {
        min_count: 0,
        ..Default::default()
    };
    let mut table = keyness_table(&pairs, n_i, n_j, &prior, &opts).unwrap();
    sort_rows(&mut table, Measure::LogOdds);
    let got: Vec<&str> = table.iter().map(|r| r.term.as_str()).collect();
    let want: Vec<&str> = rows.iter().map(|r| r.str("feature")).collect();
    assert_eq!(got, want);
}

proptest! {
    /// Swapping the groups negates delta and z exactly.
    #[test]
    fn logodds_swap_flips_exactly(
        y_i in 0u64..10_000, y_j in 0u64..10_000, extra_i in 0u64..100_000,
        extra_j in 0u64..100_000, alpha_w in 0.01f64..1e4, extra_0 in 0.0f64..1e6,
    ) {
        let input = LogOddsInput {
            y_i, y_j, n_i: y_i + extra_i, n_j: y_j + extra_j,
            alpha_w, alpha_0: alpha_w + extra_0 + 1.0,
        };
        for v in [Variance::Monroe, Variance::FourTerm] {
            let a = input.compute(v).unwrap();
            let b = input.swapped().compute(v).unwrap();
            prop_assert_eq!(a.delta, -b.delta);
            prop_assert_eq!(a.z, -b.z);
            prop_assert_eq!(a.var, b.var);
        }
    }
}

// ---------------------------------------------------------------- lexdiv

fn tokens(file: &str) -> Vec<String> {
    std::fs::read_to_string(fixture(file))
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// Every speaker row of lexdiv_seed.csv: N, V exact; TTR, C, R, K, I, D,
/// Maas, MATTR_100, MSTTR_100, MTLD, MTLD_forward, MTLD_backward, HDD_42 at
/// 1e-12 + 1e-9·|ref|. Empty cells must be `None`; tribune's Yule I is
/// `None` where quanteda writes 0 (M2 = V).
#[test]
fn lexdiv_every_speaker() {
    let rows = read_csv("lexdiv_seed.csv");
    assert_eq!(rows.len(), 14);
    let mut total_tokens = 0;
    for r in &rows {
        let speaker = r.str("speaker");
        let toks = tokens(r.str("tokens_file"));
        let d = diversity(&toks, &DiversityOptions::default()).unwrap();
        total_tokens += d.tokens;
        let what = |c: &str| format!("{speaker} {c}");
        assert_eq!(d.tokens, r.u64("N"), "{}", what("N"));
        assert_eq!(d.types, r.u64("V"), "{}", what("V"));
        for (got, col) in [
            (d.ttr, "TTR"),
            (d.herdan_c, "C"),
            (d.guiraud_r, "R"),
            (d.yule_k, "K"),
            (d.simpson_d, "D"),
            (d.maas, "Maas"),
            (d.mattr, "MATTR_100"),
            (d.msttr, "MSTTR_100"),
        ] {
            assert_fine(got, r.f64(col), &what(col));
        }
        for (got, col) in [
            (d.mtld, "MTLD"),
            (d.mtld_forward, "MTLD_forward"),
            (d.mtld_backward, "MTLD_backward"),
            (d.hdd_42, "HDD_42"),
        ] {
            match (got, r.opt(col)) {
                (Some(g), Some(w)) => assert_fine(g, w, &what(col)),
                (None, None) => {}
                (g, w) => panic!("{}: {g:?} vs {w:?}", what(col)),
            }
        }
        if let Some(h) = d.hdd_42 {
            assert_fine(h / 42.0, r.f64("HDD_ATTR_42"), &what("HDD_ATTR_42"));
        }
        match (d.yule_i, r.f64("I")) {
            (Some(g), w) => assert_fine(g, w, &what("I")),
            (None, w) => {
                assert_eq!(w, 0.0, "{}: quanteda's 0 for M2 = V", what("I"));
                assert_eq!(d.tokens, d.types);
            }
        }
    }
    assert_eq!(total_tokens, 6901);
}

/// README §6.2 edge cases: Global Times (N = V = 24), China Daily (K = 128,
/// I = 44), Xinhua News Agency by hand (K = 10⁴·6/900, I = 81, D = 6/870).
#[test]
fn lexdiv_edge_cases() {
    let opts = DiversityOptions::default();
    let g = diversity(&tokens("lexdiv_tokens/global-times.txt"), &opts).unwrap();
    assert_eq!((g.tokens, g.types, g.ttr, g.herdan_c), (24, 24, 1.0, 1.0));
    assert_eq!((g.yule_k, g.simpson_d, g.maas), (0.0, 0.0, 0.0));
    assert_eq!(
        (g.yule_i, g.mtld, g.mtld_forward, g.mtld_backward, g.hdd_42),
        (None, None, None, None, None)
    );
    assert_eq!(
        (g.mattr, g.msttr, g.hapax, g.hapax_share),
        (1.0, 1.0, 24, 1.0)
    );

    let c = diversity(&tokens("lexdiv_tokens/china-daily.txt"), &opts).unwrap();
    assert_eq!(
        (c.tokens, c.types, c.yule_k, c.yule_i),
        (25, 22, 128.0, Some(44.0))
    );

    let x = diversity(&tokens("lexdiv_tokens/xinhua-news-agency.txt"), &opts).unwrap();
    assert_eq!((x.tokens, x.types), (30, 27));
    assert_eq!(x.yule_k, 1e4 * 6.0 / 900.0);
    assert_eq!(x.yule_i, Some(81.0));
    assert_close(x.simpson_d, 6.0 / 870.0, 0.0, 1e-15, "D");
    assert_eq!(x.hdd_42, None, "N < 42");
}

/// MTLD uses `<` (README §6.4): China Arab TV's forward pass closes its only
/// factor on its last token and gets 57, not lexical-diversity's 56.92875.
#[test]
fn lexdiv_mtld_strict_rule() {
    let d = diversity(
        &tokens("lexdiv_tokens/china-arab-tv.txt"),
        &DiversityOptions::default(),
    )
    .unwrap();
    assert_eq!(d.mtld_forward, Some(57.0));
    assert_eq!(d.mtld, Some(57.0));
}
