//! Keyness and lexical diversity end to end: the corpus-level layer
//! (`tribune::analysis::keyness`, `tribune::analysis::diversity`) against
//! quanteda's keyness runs and the lexical-diversity reference of the sample,
//! properties on random small corpora, and the `keyness`, `compare` and
//! `diversity` commands. Tolerances are those of the reference README §8
//! (`tests/fixtures/reference/README.md`).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;

use proptest::prelude::*;
use serde_json::Value;
use tribune::analysis::diversity::diversity_rows;
use tribune::analysis::keyness::{
    CorpusCounts, KeyTerm, Keyness, KeynessParams, keyness, keyness_each, keyness_each_counted,
    table_vs_rest,
};
use tribune::count::{TermCounts, TermStat, count_corpus};
use tribune::ingest::{self, Encoding};
use tribune::stats::keyness::{Adjust, Contingency, KeynessOptions, Measure, PSource, p_value};
use tribune::stats::lexdiv::DiversityOptions;
use tribune::text::{Analyzer, TextOptions};
use tribune::transcript::group::{GroupBy, Spec};
use tribune::transcript::{BuildOptions, Corpus};

use crate::util::{
    StdoutOk, count_of, fixture, read_csv, sample, sample_path, speaker_words, tribune,
};

type CsvRow = HashMap<String, String>;

/// The four targets of `quanteda_keyness_all.csv` and their token totals
/// (quanteda `tokens_nostop`); the corpus has 4,152 tokens.
const QUANTEDA_TARGETS: [(&str, u64); 4] = [
    ("Zulyat Ismail", 1914),
    ("Rehmanjan Dawut", 1535),
    ("Askhal Tursun", 156),
    ("Xu Guixiang", 257),
];
const QUANTEDA_TOTAL: u64 = 4152;

fn num(row: &CsvRow, col: &str) -> f64 {
    let s = &row[col];
    s.parse().unwrap_or_else(|e| panic!("{col} = {s:?}: {e}"))
}

fn int(row: &CsvRow, col: &str) -> u64 {
    let s = &row[col];
    s.parse().unwrap_or_else(|e| panic!("{col} = {s:?}: {e}"))
}

/// A real that may be undefined (empty cell).
fn opt(row: &CsvRow, col: &str) -> Option<f64> {
    let s = &row[col];
    (!s.is_empty()).then(|| num(row, col))
}

/// |got − want| ≤ abs + rel·|want|.
fn close(got: f64, want: f64, abs: f64, rel: f64, what: &str) {
    let tol = abs + rel * want.abs();
    assert!(
        (got - want).abs() <= tol,
        "{what}: got {got:e}, want {want:e}, |Δ| = {:e} > {tol:e}",
        (got - want).abs()
    );
}

/// Speaker → stem → count, from quanteda's own count table of the sample.
fn quanteda_counts() -> BTreeMap<String, BTreeMap<String, u64>> {
    let mut out: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
    for r in read_csv("reference/quanteda_speaker_feature_counts.csv") {
        let prev = out
            .entry(r["speaker"].clone())
            .or_default()
            .insert(r["feature"].clone(), int(&r, "count"));
        assert!(prev.is_none(), "duplicate row {r:?}");
    }
    out
}

/// A [`TermCounts`] built by hand from a stem → count map.
fn term_counts(m: &BTreeMap<String, u64>) -> TermCounts {
    let mut c = TermCounts {
        tokens: m.values().sum(),
        turns: 1,
        ..TermCounts::default()
    };
    for (stem, &n) in m {
        c.terms.insert(
            Arc::from(stem.as_str()),
            TermStat {
                count: n,
                turns: 1,
                ..TermStat::default()
            },
        );
    }
    c
}

/// Every stem, no adjustment: the raw statistics of each term.
fn all_terms() -> KeynessParams {
    KeynessParams {
        options: KeynessOptions {
            min_count: 0,
            adjust: Adjust::None,
            ..KeynessOptions::default()
        },
        ..KeynessParams::default()
    }
}

fn rows_by_term(k: &Keyness) -> HashMap<&str, &KeyTerm> {
    let m: HashMap<&str, &KeyTerm> = k.rows.iter().map(|r| (r.term.as_str(), r)).collect();
    assert_eq!(m.len(), k.rows.len(), "{}: a term twice", k.target);
    m
}

fn analyzer() -> Analyzer {
    Analyzer::new(&TextOptions::default()).expect("default text options")
}

fn spec(s: &str, corpus: &Corpus) -> Spec {
    Spec::parse(s, corpus).unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// Sign of the rate difference a/Nt − b/Nr, in integers.
fn rate_sign(a: u64, b: u64, nt: u64, nr: u64) -> i32 {
    (u128::from(a) * u128::from(nr)).cmp(&(u128::from(b) * u128::from(nt))) as i32
}

// ------------------------------------------- 1. quanteda's counts → quanteda

/// tribune's corpus layer fed quanteda's own count table reproduces
/// `textstat_keyness` for the four targets against the other 13 speakers:
/// every stem's G² (`lr`/`none`, up to quanteda's 1e-9 inside the log), χ²
/// (`chi2`/`none`, relative 1e-9) and the χ² p-value.
#[test]
fn quanteda_keyness_with_quanteda_counts() {
    let q = quanteda_counts();
    assert_eq!(q.len(), 14);
    let groups: Vec<(String, TermCounts)> =
        q.iter().map(|(s, m)| (s.clone(), term_counts(m))).collect();
    let cc = CorpusCounts::from_groups(groups.iter().map(|(_, c)| c));
    assert_eq!(cc.all.tokens, QUANTEDA_TOTAL);
    assert_eq!(cc.all.terms.len(), 1309);

    let reference = read_csv("reference/quanteda_keyness_all.csv");
    let chi2_p = KeynessParams {
        options: KeynessOptions {
            p_from: PSource::Chi2,
            ..all_terms().options
        },
        ..all_terms()
    };
    for (target, nt) in QUANTEDA_TARGETS {
        let nr = QUANTEDA_TOTAL - nt;
        let tc = &groups.iter().find(|(s, _)| s == target).expect("target").1;
        assert_eq!(tc.tokens, nt, "{target}: Nt");
        let k = table_vs_rest(tc, &cc, target.to_string(), &all_terms()).unwrap();
        let kc = table_vs_rest(tc, &cc, target.to_string(), &chi2_p).unwrap();
        assert_eq!((k.target_total, k.reference_total), (nt, nr), "{target}");
        assert_eq!(k.rows.len(), 1309, "{target}: every stem of the corpus");
        let rows = rows_by_term(&k);
        let rows_c = rows_by_term(&kc);
        let run = |measure: &str| -> Vec<&CsvRow> {
            reference
                .iter()
                .filter(|r| {
                    r["target"] == target && r["measure"] == measure && r["correction"] == "none"
                })
                .collect()
        };
        let (lr, chi2) = (run("lr"), run("chi2"));
        assert_eq!((lr.len(), chi2.len()), (1309, 1309), "{target}");

        let mut ties = 0;
        for r in lr {
            let feature = r["feature"].as_str();
            let what = format!("{target} / {feature} G²");
            let got = rows
                .get(feature)
                .unwrap_or_else(|| panic!("{what}: no row"));
            let (a, b) = (int(r, "n_target"), int(r, "n_reference"));
            assert_eq!((got.target, got.reference), (a, b), "{what}: counts");
            let want = num(r, "stat");
            // quanteda sums O·ln(O/E + 1e-9): |G²| grows by 2e-9·ΣE over the
            // cells with O > 0 (README §4.3). The exact rule, and the plain
            // 1e-5 of §8 as well.
            let obs = [a, b, nt - a, nr - b];
            let shift: f64 = Contingency::new(a, b, nt, nr)
                .unwrap()
                .expected()
                .iter()
                .zip(obs)
                .filter(|&(_, o)| o > 0)
                .map(|(e, _)| 2e-9 * e)
                .sum();
            let off = want.abs() - got.g2.abs() - shift;
            assert!(
                off.abs() <= 1e-9 * want.abs().max(1.0),
                "{what}: quanteda {want:e}, tribune {:e}, shift {shift:e}, left {off:e}",
                got.g2
            );
            close(got.g2, want, 1e-5, 0.0, &what);
            if rate_sign(a, b, nt, nr) == 0 {
                // An exact tie: 0 here, −2e-9·N in quanteda (a > E1 fails).
                ties += 1;
                assert_eq!(got.g2, 0.0, "{what}");
                assert!(want < 0.0, "{what}");
            } else {
                assert_eq!(got.g2.signum(), want.signum(), "{what}: sign");
            }
            assert!(
                got.g2.is_finite() && got.p == p_value(got.g2),
                "{what}: p from G²"
            );
        }
        assert_eq!(ties, 0, "{target}: the sample has no exact ties");

        for r in chi2 {
            let feature = r["feature"].as_str();
            let what = format!("{target} / {feature} χ²");
            let got = rows[feature];
            let want = num(r, "stat");
            close(got.chi2, want, 0.0, 1e-9, &what);
            if want != 0.0 {
                assert_eq!(got.chi2.signum(), want.signum(), "{what}: sign");
            }
            // quanteda's p is 1 − pchisq in double: README §8's p tolerance.
            let p = rows_c[feature].p;
            close(p, num(r, "p"), 1e-12, 1e-6, &format!("{what} p"));
        }
    }
}

/// The same four targets through tribune's own pipeline on the sample: every
/// row of `keyness()` (and of the one-vs-rest tables of `keyness_each`) is
/// what `stats::keyness` computes from its (a, b, Nt, Nr); the stems whose
/// counts tribune and quanteda share (all a–z stems outside README §7's
/// affected list, at least) have quanteda's a and b; and the top terms.
#[test]
fn pipeline_keyness_is_the_pure_function() {
    let corpus = sample();
    let an = analyzer();
    let q = quanteda_counts();
    let mut q_all: BTreeMap<&str, u64> = BTreeMap::new();
    for m in q.values() {
        for (stem, &n) in m {
            *q_all.entry(stem.as_str()).or_default() += n;
        }
    }
    // README §7: a–z stems outside the affected list must count the same.
    let affected: BTreeSet<String> = read_csv("reference/uax29_affected_stems.csv")
        .into_iter()
        .map(|r| r["stem"].clone())
        .collect();
    let same_rule: Vec<&str> = q_all
        .keys()
        .copied()
        .filter(|s| s.bytes().all(|c| c.is_ascii_lowercase()) && !affected.contains(*s))
        .collect();
    assert_eq!(same_rule.len(), 1151);

    let groups = count_corpus(&corpus, GroupBy::Speaker, &an);
    let total: u64 = groups.iter().map(|(_, c)| c.tokens).sum();
    let each = keyness_each_counted(&groups, GroupBy::Speaker, &all_terms()).unwrap();
    assert_eq!(each.len(), 14);
    for (target, _) in QUANTEDA_TARGETS {
        let k = keyness(&corpus, &an, &spec(target, &corpus), None, &all_terms()).unwrap();
        assert_eq!(k.reference, "everyone else");
        let (nt, nr) = (k.target_total, k.reference_total);
        assert_eq!(nt + nr, total, "{target}");
        // The same table by the one-vs-rest path, bit for bit.
        let e = each
            .iter()
            .find(|e| e.target == target)
            .expect("each-speaker table");
        assert_eq!((e.target_total, e.reference_total), (nt, nr));
        assert_eq!(e.rows.len(), k.rows.len());
        for (x, y) in e.rows.iter().zip(&k.rows) {
            assert_eq!(
                (
                    &x.term,
                    x.target,
                    x.reference,
                    x.g2.to_bits(),
                    x.log_odds_z.map(f64::to_bits)
                ),
                (
                    &y.term,
                    y.target,
                    y.reference,
                    y.g2.to_bits(),
                    y.log_odds_z.map(f64::to_bits)
                ),
            );
        }
        let rows = rows_by_term(&k);
        let mut shared = 0;
        for r in &k.rows {
            let what = format!("{target} / {}", r.term);
            let qa = q[target].get(&r.term).copied().unwrap_or(0);
            let qb = q_all
                .get(r.term.as_str())
                .copied()
                .unwrap_or(0)
                .saturating_sub(qa);
            if (r.target, r.reference) != (qa, qb) {
                continue;
            }
            shared += 1;
            let t = Contingency::new(qa, qb, nt, nr).unwrap();
            assert_eq!(r.g2.to_bits(), t.g2().to_bits(), "{what}: G²");
            assert_eq!(r.chi2.to_bits(), t.chi2().to_bits(), "{what}: χ²");
            assert_eq!(
                r.log_ratio.to_bits(),
                t.log_ratio().to_bits(),
                "{what}: Log Ratio"
            );
            assert_eq!(r.p.to_bits(), p_value(t.g2()).to_bits(), "{what}: p");
            assert_eq!(r.p_adj, r.p, "{what}: no adjustment asked");
            close(
                r.target_rate,
                qa as f64 * 1e4 / nt as f64,
                0.0,
                1e-15,
                &what,
            );
        }
        for stem in &same_rule {
            let qa = q[target].get(*stem).copied().unwrap_or(0);
            let r = rows
                .get(stem)
                .unwrap_or_else(|| panic!("{target}: no row for {stem}"));
            assert_eq!(
                (r.target, r.reference),
                (qa, q_all[stem] - qa),
                "{target} / {stem}"
            );
        }
        assert!(
            shared >= same_rule.len(),
            "{target}: {shared} stems share quanteda's counts"
        );
    }

    // Zulyat Ismail's most over-used stems, read off tribune's default run
    // (min count 3, BH): convention, international, China, prevention, human.
    let zi = spec("Zulyat Ismail", &corpus);
    let k = keyness(&corpus, &an, &zi, None, &KeynessParams::default()).unwrap();
    assert_eq!((k.target_total, k.reference_total), (1907, 2197));
    let top: Vec<(&str, &str, u64, u64)> = k
        .rows
        .iter()
        .take(5)
        .map(|r| (r.term.as_str(), r.display.as_str(), r.target, r.reference))
        .collect();
    assert_eq!(
        top,
        [
            ("convent", "convention", 15, 0),
            ("intern", "international", 27, 4),
            ("china", "china", 29, 7),
            ("prevent", "prevention", 10, 0),
            ("human", "human", 27, 9),
        ]
    );
    close(
        k.rows[0].g2,
        Contingency::new(15, 0, 1907, 2197).unwrap().g2(),
        0.0,
        0.0,
        "convent",
    );
    assert!(k.rows.iter().all(|r| r.target + r.reference >= 3));
    // The most under-used: `enterpris` (0 of 17), then `question` (3 of 27).
    let last: Vec<&str> = k
        .rows
        .iter()
        .rev()
        .take(2)
        .map(|r| r.term.as_str())
        .collect();
    assert_eq!(last, ["enterpris", "question"]);
}

/// One-vs-rest by outlet: the rest is everyone else (officials and host
/// included), as with `--target outlet=X`, not only the other outlets.
#[test]
fn each_outlet_is_against_everyone_else() {
    let corpus = sample();
    let an = analyzer();
    let total = count_corpus(&corpus, GroupBy::Corpus, &an)[0].1.tokens;
    let tables = keyness_each(&corpus, &an, GroupBy::Outlet, &KeynessParams::default()).unwrap();
    assert_eq!(tables.len(), 10);
    for t in &tables {
        assert_eq!(t.target_total + t.reference_total, total, "{}", t.target);
        let one = keyness(
            &corpus,
            &an,
            &spec(&t.target, &corpus),
            None,
            &KeynessParams::default(),
        )
        .unwrap();
        assert_eq!(one.target, t.target);
        assert_eq!(one.reference_total, t.reference_total);
        let a: Vec<(&str, u64, u64, u64)> = one
            .rows
            .iter()
            .map(|r| (r.term.as_str(), r.target, r.reference, r.g2.to_bits()))
            .collect();
        let b: Vec<(&str, u64, u64, u64)> = t
            .rows
            .iter()
            .map(|r| (r.term.as_str(), r.target, r.reference, r.g2.to_bits()))
            .collect();
        assert_eq!(a, b, "{}", t.target);
    }
    let reuters = tables
        .iter()
        .find(|t| t.target == "outlet=Reuters")
        .unwrap();
    let g = reuters.rows.iter().find(|r| r.term == "graduat").unwrap();
    // Reuters says "graduated" 4 times, the officials 3 times.
    assert_eq!((g.target, g.reference), (4, 3));
}

// ---------------------------------------------------- 2. lexical diversity

/// `diversity_rows` by speaker reproduces every row of `lexdiv_seed.csv`, so
/// tribune's plain word sequence of each speaker is the reference token file.
#[test]
fn diversity_reproduces_lexdiv_seed() {
    let corpus = sample();
    let rows = diversity_rows(&corpus, GroupBy::Speaker, &DiversityOptions::default());
    assert_eq!(rows.len(), 14);
    let words: HashMap<String, Vec<String>> = speaker_words(&corpus).into_iter().collect();
    let reference = read_csv("reference/lexdiv_seed.csv");
    assert_eq!(reference.len(), 14);
    for r in &reference {
        let name = r["speaker"].as_str();
        let got = rows
            .iter()
            .find(|x| x.group == name)
            .unwrap_or_else(|| panic!("no row for {name}"));
        assert_eq!(got.group_by, "speaker");
        let m = &got.measures;
        assert_eq!(
            (m.tokens, m.types),
            (int(r, "N"), int(r, "V")),
            "{name}: N, V"
        );
        assert_eq!(got.short, m.tokens < 100, "{name}");
        let lexdiv =
            |got: f64, col: &str| close(got, num(r, col), 1e-12, 1e-9, &format!("{name} {col}"));
        lexdiv(m.ttr, "TTR");
        lexdiv(m.mattr, "MATTR_100");
        lexdiv(m.msttr, "MSTTR_100");
        lexdiv(m.yule_k, "K");
        for (got, col) in [
            (m.mtld, "MTLD"),
            (m.mtld_forward, "MTLD_forward"),
            (m.mtld_backward, "MTLD_backward"),
        ] {
            match (got, opt(r, col)) {
                (Some(g), Some(w)) => close(g, w, 1e-12, 1e-9, &format!("{name} {col}")),
                (None, None) => {}
                (g, w) => panic!("{name} {col}: got {g:?}, want {w:?}"),
            }
        }
        // The sequence itself, token for token.
        let file =
            std::fs::read_to_string(fixture(&format!("reference/{}", r["tokens_file"]))).unwrap();
        let want: Vec<&str> = file.lines().collect();
        let got_words: Vec<&str> = words[name].iter().map(String::as_str).collect();
        assert_eq!(got_words, want, "{name}: word sequence");
    }
    let gt = rows.iter().find(|x| x.group == "Global Times").unwrap();
    assert_eq!(gt.measures.mtld, None);
    assert_eq!(
        (gt.measures.tokens, gt.measures.types, gt.measures.yule_k),
        (24, 24, 0.0)
    );
}

// ---------------------------------------------------- 3. properties

const VOCAB: [&str; 8] = [
    "apple", "river", "stone", "cloud", "tiger", "lemon", "garden", "silver",
];

fn corpus_from(text: &str) -> Corpus {
    let src =
        ingest::decode(Path::new("prop.txt"), text.as_bytes(), Encoding::Utf8).expect("decodes");
    Corpus::build(&[src], &BuildOptions::default()).expect("builds")
}

fn speech(words: &[usize]) -> String {
    words
        .iter()
        .map(|&w| VOCAB[w])
        .collect::<Vec<_>>()
        .join(" ")
}

/// "A: ...\n\nB: ...\n\nC: ..." plus more turns, and maybe a speaker D who
/// only says stopwords (no tokens).
fn transcripts() -> impl Strategy<Value = String> {
    let words = || prop::collection::vec(0..VOCAB.len(), 1..14);
    (
        prop::collection::vec(words(), 3),
        prop::collection::vec((0..3usize, words()), 0..6),
        any::<bool>(),
    )
        .prop_map(|(first, more, silent_d)| {
            let mut turns: Vec<String> = first
                .iter()
                .enumerate()
                .map(|(i, w)| format!("{}: {}", ["A", "B", "C"][i], speech(w)))
                .collect();
            if silent_d {
                turns.push("D: and the of it".into());
            }
            for (s, w) in &more {
                turns.push(format!("{}: {}", ["A", "B", "C"][*s], speech(w)));
            }
            turns.join("\n\n")
        })
}

/// Checks that hold for every row of every table.
fn check_rows(k: &Keyness) -> Result<(), TestCaseError> {
    let (nt, nr) = (k.target_total, k.reference_total);
    for r in &k.rows {
        let s = rate_sign(r.target, r.reference, nt, nr);
        prop_assert!(r.g2.is_finite() && r.chi2.is_finite() && r.log_ratio.is_finite());
        prop_assert_eq!(
            r.g2.partial_cmp(&0.0).map(|o| o as i32),
            Some(s),
            "G² sign {:?}",
            r
        );
        prop_assert_eq!(
            r.chi2.partial_cmp(&0.0).map(|o| o as i32),
            Some(s),
            "χ² sign {:?}",
            r
        );
        if r.target > 0 && r.reference > 0 {
            prop_assert_eq!(
                r.log_ratio.partial_cmp(&0.0).map(|o| o as i32),
                Some(s),
                "{:?}",
                r
            );
        }
        prop_assert_eq!(
            r.side,
            match s {
                1 => "target",
                -1 => "reference",
                _ => "neither",
            }
        );
        if s == 0 {
            prop_assert_eq!((r.g2, r.chi2, r.log_ratio, r.p), (0.0, 0.0, 0.0, 1.0));
        }
        prop_assert!(
            (0.0..=1.0).contains(&r.p) && r.p_adj >= r.p && r.p_adj <= 1.0,
            "{:?}",
            r
        );
    }
    // BH is monotone in p.
    let mut by_p: Vec<(f64, f64)> = k.rows.iter().map(|r| (r.p, r.p_adj)).collect();
    by_p.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.total_cmp(&y.1)));
    for w in by_p.windows(2) {
        prop_assert!(w[0].1 <= w[1].1, "BH not monotone: {:?}", w);
        if w[0].0 == w[1].0 {
            prop_assert_eq!(w[0].1, w[1].1);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn keyness_corpus_properties(text in transcripts()) {
        let corpus = corpus_from(&text);
        let an = analyzer();
        let params = KeynessParams {
            options: KeynessOptions { min_count: 1, ..KeynessOptions::default() },
            ..KeynessParams::default()
        };
        let (a, b) = (spec("A", &corpus), spec("B", &corpus));
        let ab = keyness(&corpus, &an, &a, Some(&b), &params).unwrap();
        let ba = keyness(&corpus, &an, &b, Some(&a), &params).unwrap();
        check_rows(&ab)?;
        check_rows(&ba)?;
        // Swapping target and reference flips every signed statistic.
        prop_assert_eq!((ab.target_total, ab.reference_total), (ba.reference_total, ba.target_total));
        prop_assert_eq!(ab.rows.len(), ba.rows.len());
        let swapped = rows_by_term(&ba);
        for r in &ab.rows {
            let s = swapped[r.term.as_str()];
            prop_assert_eq!((r.target, r.reference), (s.reference, s.target));
            prop_assert_eq!(r.g2, -s.g2, "{}", r.term);
            prop_assert_eq!(r.chi2, -s.chi2, "{}", r.term);
            prop_assert_eq!(r.log_ratio, -s.log_ratio, "{}", r.term);
            prop_assert_eq!(r.log_odds_z, s.log_odds_z.map(|z| -z), "{}", r.term);
            prop_assert_eq!((r.p, r.p_adj), (s.p, s.p_adj), "{}", r.term);
        }

        // One-vs-rest covers the corpus.
        let all = count_corpus(&corpus, GroupBy::Corpus, &an).pop().unwrap().1;
        let vs_rest = keyness(&corpus, &an, &a, None, &params).unwrap();
        check_rows(&vs_rest)?;
        prop_assert_eq!(vs_rest.target_total + vs_rest.reference_total, all.tokens);
        prop_assert_eq!(vs_rest.rows.len(), all.terms.len());
        for r in &vs_rest.rows {
            prop_assert_eq!(r.target + r.reference, count_of(&all, &r.term));
        }

        // One table per speaker with tokens (D, who only says stopwords, has none).
        let each = keyness_each(&corpus, &an, GroupBy::Speaker, &params).unwrap();
        let speakers: Vec<&str> = each.iter().map(|k| k.target.as_str()).collect();
        prop_assert_eq!(speakers, ["A", "B", "C"]);
        for k in &each {
            check_rows(k)?;
            prop_assert_eq!(k.target_total + k.reference_total, all.tokens);
        }
        let from_each: Vec<(&str, u64)> = each[0].rows.iter().map(|r| (r.term.as_str(), r.g2.to_bits())).collect();
        let direct: Vec<(&str, u64)> = vs_rest.rows.iter().map(|r| (r.term.as_str(), r.g2.to_bits())).collect();
        prop_assert_eq!(from_each, direct);
    }

    #[test]
    fn keyness_top_is_the_cut_of_the_sorted_table(text in transcripts(), n in 0usize..4, m in 0usize..4) {
        let measure = [Measure::G2, Measure::Chi2, Measure::LogRatio, Measure::LogOdds][m];
        let value = |r: &KeyTerm| match measure {
            Measure::G2 => Some(r.g2),
            Measure::Chi2 => Some(r.chi2),
            Measure::LogRatio => Some(r.log_ratio),
            Measure::LogOdds => r.log_odds_z,
        };
        let corpus = corpus_from(&text);
        let an = analyzer();
        let params = KeynessParams {
            options: KeynessOptions { min_count: 1, ..KeynessOptions::default() },
            measure,
            ..KeynessParams::default()
        };
        let a = spec("A", &corpus);
        let full = keyness(&corpus, &an, &a, None, &params).unwrap();
        // Sorted by the measure descending, ties by term, undefined last.
        for w in full.rows.windows(2) {
            let ok = match (value(&w[0]), value(&w[1])) {
                (Some(x), Some(y)) => x > y || (x == y && w[0].term < w[1].term),
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => w[0].term < w[1].term,
            };
            prop_assert!(ok, "{:?} before {:?}", w[0], w[1]);
        }
        // --top n keeps the first n over-used rows (side = the sign of the
        // rate difference) and the last n under-used ones, in table order.
        let cut = keyness(&corpus, &an, &a, None, &KeynessParams { top: Some(n), ..params.clone() }).unwrap();
        let over: Vec<&str> = full.rows.iter().filter(|r| r.side == "target").take(n).map(|r| r.term.as_str()).collect();
        let mut under: Vec<&str> = full.rows.iter().rev().filter(|r| r.side == "reference").take(n).map(|r| r.term.as_str()).collect();
        under.reverse();
        let kept: Vec<&str> = over.into_iter().chain(under).collect();
        let want: Vec<&str> = full.rows.iter().map(|r| r.term.as_str()).filter(|t| kept.contains(t)).collect();
        let got: Vec<&str> = cut.rows.iter().map(|r| r.term.as_str()).collect();
        prop_assert_eq!(got, want);
        prop_assert_eq!((cut.target_total, cut.reference_total), (full.target_total, full.reference_total));
    }

    #[test]
    fn keyness_identical_rates_are_zero(words in prop::collection::vec(0..VOCAB.len(), 1..20), k in 1usize..4) {
        // B says exactly what A says, k times over: every rate is the same.
        let mut text = format!("A: {}", speech(&words));
        for _ in 0..k {
            text.push_str(&format!("\n\nB: {}\n\nC: silver", speech(&words)));
        }
        let corpus = corpus_from(&text);
        let an = analyzer();
        let (a, b) = (spec("A", &corpus), spec("B", &corpus));
        let t = keyness(&corpus, &an, &a, Some(&b), &KeynessParams {
            options: KeynessOptions { min_count: 0, ..KeynessOptions::default() },
            ..KeynessParams::default()
        }).unwrap();
        prop_assert_eq!(t.reference_total, k as u64 * t.target_total);
        prop_assert!(!t.rows.is_empty());
        for r in &t.rows {
            prop_assert_eq!(r.reference, k as u64 * r.target);
            prop_assert_eq!((r.g2, r.chi2, r.log_ratio, r.p, r.p_adj), (0.0, 0.0, 0.0, 1.0, 1.0));
        }
    }
}

// ---------------------------------------------------- 4. command line

/// Runs tribune on the sample with `args` and parses its JSON.
fn json(args: &[&str]) -> Value {
    let out = tribune()
        .args(args)
        .args(["--format", "json"])
        .arg(sample_path())
        .stdout_ok();
    serde_json::from_slice(&out).expect("JSON")
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

fn rows(v: &Value) -> &Vec<Value> {
    v["rows"].as_array().expect("rows")
}

#[test]
fn cli_keyness_json_contract() {
    let v = json(&["keyness", "--target", "Zulyat Ismail"]);
    assert_eq!(v["target"], "Zulyat Ismail");
    assert_eq!(v["reference"], "everyone else");
    assert_eq!(
        (v["target_total"].as_u64(), v["reference_total"].as_u64()),
        (Some(1907), Some(2197))
    );
    let rows = rows(&v);
    assert!(rows.len() > 300, "{} rows", rows.len());
    for r in rows {
        for field in [
            "term",
            "display",
            "target",
            "reference",
            "g2",
            "p",
            "log_ratio",
        ] {
            assert!(!r[field].is_null(), "{field} missing in {r}");
        }
        assert!(r["target"].as_u64().unwrap() + r["reference"].as_u64().unwrap() >= 3);
    }
    let top = &rows[0];
    assert_eq!(
        (top["term"].as_str(), top["display"].as_str()),
        (Some("convent"), Some("convention"))
    );
    assert_eq!(
        (top["target"].as_u64(), top["reference"].as_u64()),
        (Some(15), Some(0))
    );
    let t = Contingency::new(15, 0, 1907, 2197).unwrap();
    close(f(&top["g2"]), t.g2(), 0.0, 1e-15, "g2");
    close(f(&top["g2"]), 23.056328898866997, 0.0, 1e-12, "g2 value");
    close(f(&top["p"]), p_value(t.g2()), 0.0, 1e-15, "p");
    close(f(&top["log_ratio"]), t.log_ratio(), 0.0, 1e-15, "log_ratio");
    close(
        f(&top["log_ratio"]),
        (15.0f64 * 2197.0 / (0.5 * 1907.0)).log2(),
        0.0,
        1e-12,
        "log_ratio value",
    );
    // Sorted by G² descending.
    for w in rows.windows(2) {
        assert!(f(&w[0]["g2"]) >= f(&w[1]["g2"]));
    }
}

#[test]
fn cli_keyness_each_speaker() {
    let v = json(&["keyness", "--target", "each-speaker"]);
    let results = v["results"].as_array().expect("results");
    assert_eq!(results.len(), 14);
    assert_eq!(results[0]["target"], "Xu Guixiang");
    for r in results {
        let total = r["target_total"].as_u64().unwrap() + r["reference_total"].as_u64().unwrap();
        assert_eq!(total, 4104, "{}", r["target"]);
    }
}

#[test]
fn cli_keyness_top_measure_and_p_max() {
    let top = json(&["keyness", "--target", "Zulyat Ismail", "--top", "3"]);
    let rows_top = rows(&top);
    let over = rows_top.iter().filter(|r| f(&r["g2"]) > 0.0).count();
    let under = rows_top.iter().filter(|r| f(&r["g2"]) < 0.0).count();
    assert_eq!((over, under, rows_top.len()), (3, 3, 6));
    let terms: Vec<&str> = rows_top
        .iter()
        .map(|r| r["term"].as_str().unwrap())
        .collect();
    assert_eq!(
        terms,
        [
            "convent",
            "intern",
            "china",
            "provid",
            "question",
            "enterpris"
        ]
    );

    let lr = json(&[
        "keyness",
        "--target",
        "Zulyat Ismail",
        "--measure",
        "log-ratio",
    ]);
    let lr_rows = rows(&lr);
    assert!(lr_rows.len() > 300);
    for w in lr_rows.windows(2) {
        assert!(
            f(&w[0]["log_ratio"]) >= f(&w[1]["log_ratio"]),
            "{} before {}",
            w[0],
            w[1]
        );
    }
    // The same terms in another order: `intern` (27 vs 4, second by G²)
    // falls behind terms with no reference use.
    let terms = |rows: &[Value]| -> Vec<String> {
        rows.iter()
            .map(|r| r["term"].as_str().unwrap().to_string())
            .collect()
    };
    let g2_rows = json(&["keyness", "--target", "Zulyat Ismail"]);
    let (by_lr, by_g2) = (terms(lr_rows), terms(rows(&g2_rows)));
    assert_eq!(by_lr.len(), by_g2.len());
    assert_ne!(by_lr, by_g2);
    assert_eq!(by_g2[1], "intern");
    assert!(by_lr.iter().position(|t| t == "intern").unwrap() > 1);

    let all = json(&["keyness", "--target", "Zulyat Ismail"]);
    let kept = json(&["keyness", "--target", "Zulyat Ismail", "--p-max", "0.05"]);
    let kept = rows(&kept);
    let expected = rows(&all).iter().filter(|r| f(&r["p_adj"]) <= 0.05).count();
    assert!(expected > 0 && expected < rows(&all).len());
    assert_eq!(kept.len(), expected);
    assert!(kept.iter().all(|r| f(&r["p_adj"]) <= 0.05));
}

#[test]
fn cli_keyness_unknown_target() {
    tribune()
        .args(["keyness", "--target", "Nobody"])
        .arg(sample_path())
        .assert()
        .code(1)
        .stderr(predicates::str::contains("Nobody"));
}

#[test]
fn cli_keyness_roles() {
    let v = json(&[
        "keyness",
        "--target",
        "role=official",
        "--reference",
        "role=questioner",
    ]);
    assert_eq!(v["target"], "role=official");
    assert_eq!(v["reference"], "role=questioner");
    let corpus = sample();
    let roles = count_corpus(&corpus, GroupBy::Role, &analyzer());
    let tokens = |r: &str| roles.iter().find(|(n, _)| n == r).unwrap().1.tokens;
    assert_eq!(v["target_total"].as_u64(), Some(tokens("official")));
    assert_eq!(v["reference_total"].as_u64(), Some(tokens("questioner")));
    assert_eq!(
        tokens("official") + tokens("questioner") + tokens("host"),
        4104
    );
    let rows = rows(&v);
    let g = rows
        .iter()
        .find(|r| r["term"] == "graduat")
        .expect("graduat");
    assert_eq!(
        (g["target"].as_u64(), g["reference"].as_u64()),
        (Some(3), Some(4))
    );
    assert!(f(&g["g2"]) < 0.0);
}

#[test]
fn cli_compare_orders_by_log_odds() {
    let out = tribune()
        .args(["compare", "--format", "json"])
        .arg(sample_path())
        .args(["Zulyat Ismail", "Rehmanjan Dawut"])
        .stdout_ok();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        (v["target"].as_str(), v["reference"].as_str()),
        (Some("Zulyat Ismail"), Some("Rehmanjan Dawut"))
    );
    assert_eq!(
        (v["target_total"].as_u64(), v["reference_total"].as_u64()),
        (Some(1907), Some(1501))
    );
    let rows = rows(&v);
    let z: Vec<f64> = rows.iter().map(|r| f(&r["log_odds_z"])).collect();
    assert!(z.windows(2).all(|w| w[0] >= w[1]));
    // As in logodds_zulyat_vs_rehmanjan.csv: `intern` first, `work` last.
    assert_eq!(rows[0]["term"], "intern");
    assert_eq!(rows[rows.len() - 1]["term"], "work");
}

#[test]
fn cli_diversity_csv() {
    let out = tribune()
        .args(["diversity", "--format", "csv"])
        .arg(sample_path())
        .stdout_ok();
    let text = String::from_utf8(out).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(
            "group_by,group,tokens,types,ttr,mattr,msttr,mtld,mtld_forward,mtld_backward,yule_k,hapax,hapax_share,note"
        )
    );
    let zi = lines
        .find(|l| l.starts_with("speaker,Zulyat Ismail,"))
        .expect("Zulyat Ismail row");
    // lexdiv_seed.csv: N 3232, V 1057, TTR 0.32704, MATTR 0.70894, MSTTR
    // 0.70969, MTLD 88.152 (88.57 / 87.73), K 117.367; 676 hapaxes.
    assert_eq!(
        zi,
        "speaker,Zulyat Ismail,3232,1057,0.3270,0.7089,0.7097,88.15,88.57,87.73,117.37,676,0.6395,"
    );
    assert_eq!(text.lines().count(), 15);
}
