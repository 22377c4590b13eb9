//! The count of files by speaker (`tribune::count::term_table`, which
//! counts them in one pass without building a corpus) gives the table that
//! building the corpus and counting it gives: on the fixtures, on hand-made
//! files where two labels in a row are one speaker, and on random
//! transcripts; and it reports errors and warnings as a corpus does.

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use tribune::analysis::terms::{Layout, write_table};
use tribune::count::{Files, Input, TermTable, Terms, term_table};
use tribune::ingest::Encoding;
use tribune::text::{Analyzer, TextOptions};
use tribune::transcript::group::GroupBy;
use tribune::transcript::{BuildOptions, Corpus};

use crate::util::fixture;

fn analyzer(n: usize) -> Analyzer {
    Analyzer::new(&TextOptions {
        ngram: n,
        ..TextOptions::default()
    })
    .expect("options are valid")
}

/// Every figure of the table: each group's totals, then all its rows as CSV.
fn render(t: &TermTable) -> String {
    let parts = write_table(t, GroupBy::Speaker, Layout::Csv, None, 1);
    let mut out = String::new();
    for (g, csv) in t.groups.iter().zip(&parts) {
        out.push_str(&format!(
            "# {} tokens={} turns={}\n",
            g.name, g.tokens, g.turns
        ));
        out.push_str(&String::from_utf8_lossy(csv));
    }
    out
}

/// The terms of the files by speaker, no roster: counted in one pass.
fn streamed(paths: &[PathBuf], n: usize, strict: bool) -> tribune::Result<Terms> {
    let files = Files {
        paths: paths.to_vec(),
        encoding: Encoding::Utf8,
        roster: None,
        strict,
    };
    term_table(Input::Files(files), GroupBy::Speaker, &analyzer(n))
}

/// The table of a corpus built from the files (speakers only).
fn built(paths: &[PathBuf], n: usize) -> tribune::Result<TermTable> {
    let options = BuildOptions {
        roster: None,
        strict: false,
        speakers_only: true,
    };
    let corpus = Corpus::from_paths(paths, Encoding::Utf8, &options)?;
    Ok(term_table(Input::Corpus(corpus), GroupBy::Speaker, &analyzer(n))?.table)
}

/// The same table, or the same error.
fn assert_same(paths: &[PathBuf]) {
    for n in 1..=3 {
        match built(paths, n) {
            Ok(want) => {
                let s = streamed(paths, n, false).expect("counts");
                assert_eq!(render(&s.table), render(&want), "{paths:?} n={n}");
            }
            Err(e) => {
                let got = streamed(paths, n, false).expect_err("fails as the corpus does");
                assert_eq!(got.to_string(), e.to_string());
            }
        }
    }
}

fn all_fixtures() -> Vec<PathBuf> {
    let mut paths = vec![fixture("sample.txt"), fixture("shakespeare_head.txt")];
    for dir in ["shapes", "wh"] {
        let mut more: Vec<PathBuf> = std::fs::read_dir(fixture(dir))
            .expect("fixture folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
            .filter(|p| !p.ends_with("README.md"))
            .collect();
        more.sort();
        paths.extend(more);
    }
    paths
}

#[test]
fn one_pass_equals_the_corpus_count_on_every_fixture() {
    let paths = all_fixtures();
    assert!(paths.len() >= 9, "{paths:?}");
    for p in &paths {
        assert_same(std::slice::from_ref(p));
    }
    assert_same(&paths);
    // With a file without turns (skipped with a warning).
    let mut with_readme = paths.clone();
    with_readme.insert(1, fixture("shapes/README.md"));
    assert_same(&with_readme);
    let s = streamed(&with_readme, 1, false).expect("counts");
    let skipped: Vec<&str> = s.warnings.iter().map(|(p, _)| p.as_str()).collect();
    assert!(
        skipped.iter().any(|p| p.ends_with("README.md")),
        "{skipped:?}"
    );
    // Another order of the files: other label ids, the same table.
    let mut reversed = paths.clone();
    reversed.reverse();
    assert_same(&reversed);
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("writes");
    p
}

#[test]
fn two_labels_of_one_speaker_in_a_row_are_one_turn() {
    let dir = tempfile::tempdir().expect("temp dir");
    // `MS. PSAKI` and `PSAKI` are one speaker (the same name without an
    // honorific): blocks 1 and 2 make one turn, and `jobs` is in one turn
    // of hers, not two. `MR. KIRBY` then `MS. JEAN-PIERRE` are two people.
    let a = write(
        dir.path(),
        "a.txt",
        "MS. PSAKI: Jobs matter.\n\nPSAKI: Jobs and growth.\n\nQ: Jobs?\n\n\
         MR. KIRBY: Ships.\n\nMS. JEAN-PIERRE: Ships and jobs.\n",
    );
    let s = streamed(std::slice::from_ref(&a), 1, false).expect("counts");
    let t = &s.table;
    let turns: Vec<(&str, u64, u64)> = t
        .groups
        .iter()
        .map(|g| (g.name.as_str(), g.turns, g.tokens))
        .collect();
    assert_eq!(
        turns,
        [
            ("MS. PSAKI", 1, 4),
            ("Q", 1, 1),
            ("MR. KIRBY", 1, 1),
            ("MS. JEAN-PIERRE", 1, 2)
        ]
    );
    let psaki = &t.groups[0];
    let job = psaki
        .rows
        .iter()
        .find(|r| t.term(r) == "job")
        .expect("job counted");
    assert_eq!((job.count, job.turns, job.speakers), (2, 1, 1));
    assert_eq!(render(t), render(&built(&[a], 1).expect("builds")));
}

#[test]
fn a_mark_that_starts_a_wrapped_line_is_the_same_term_both_ways() {
    let dir = tempfile::tempdir().expect("temp dir");
    // The second and third lines wrap the paragraph; each starts with a
    // character that extends the one before it (U+0D4C MALAYALAM VOWEL
    // SIGN AU, alphabetic; U+200D ZERO WIDTH JOINER). The turn's text
    // joins the lines with a space where the file has a line break (and
    // indentation): either way no word keeps the white space before it.
    let a = write(
        dir.path(),
        "a.txt",
        "SMITH: jobs growth\n\u{d4c} ships\n    \u{d4c}\u{200d}jobs\n\nJONES: \u{200d}jobs\n",
    );
    for n in 1..=2 {
        let want = built(std::slice::from_ref(&a), n).expect("builds");
        let got = streamed(std::slice::from_ref(&a), n, false).expect("counts");
        assert_eq!(render(&got.table), render(&want), "n = {n}");
    }
    let t = streamed(std::slice::from_ref(&a), 1, false)
        .expect("counts")
        .table;
    let terms = |g: usize| -> Vec<(String, u64)> {
        let mut v: Vec<(String, u64)> = t.groups[g]
            .rows
            .iter()
            .map(|r| (t.term(r).to_string(), r.count))
            .collect();
        v.sort();
        v
    };
    let owned = |v: &[(&str, u64)]| -> Vec<(String, u64)> {
        v.iter().map(|(s, n)| (s.to_string(), *n)).collect()
    };
    // SMITH: jobs, growth, `ൌ`, ships, then `ൌ` with the ZWJ that extends
    // it, and `jobs` (a letter after a mark starts a word). JONES: the ZWJ
    // alone is no word (nothing alphanumeric), then `jobs`.
    assert_eq!(
        terms(0),
        owned(&[
            ("growth", 1),
            ("job", 2),
            ("ship", 1),
            ("\u{d4c}", 1),
            ("\u{d4c}\u{200d}", 1)
        ])
    );
    assert_eq!(terms(1), owned(&[("job", 1)]));
}

#[test]
fn errors_and_warnings_are_the_corpus_ones() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = write(dir.path(), "good.txt", "ALPHA: Jobs and growth.\n");
    let empty = write(dir.path(), "none.txt", "No labels here at all.\n");
    let missing = dir.path().join("missing.txt");
    let missing2 = dir.path().join("missing2.txt");
    // The first unreadable file in input order is named.
    let paths = [good.clone(), missing2.clone(), missing.clone()];
    let e = streamed(&paths, 1, false).expect_err("missing files");
    assert!(e.to_string().contains("missing2.txt"), "{e}");
    // A file without turns among others: skipped with a warning.
    let s = streamed(&[good.clone(), empty.clone()], 1, false).expect("counts");
    assert_eq!(s.warnings.len(), 1);
    assert_eq!(s.warnings[0].0, empty.display().to_string());
    assert_eq!(s.warnings[0].1.line, 1);
    assert!(s.warnings[0].1.message.contains("no speaker turns"));
    // Alone, or with --strict, it is an error naming the file.
    for (paths, strict) in [(vec![empty.clone()], false), (vec![good, empty], true)] {
        let e = streamed(&paths, 1, strict).expect_err("no turns");
        assert!(e.to_string().contains("none.txt"), "{e}");
        assert!(e.to_string().contains("no speaker turns"), "{e}");
    }
}

/// Many bad files read in parallel: the one-pass count, the corpus and the
/// plain reader all name the first in input order, whichever thread met
/// which first. (Rayon's `collect` into a `Result` does not promise that.)
#[test]
fn of_many_bad_files_the_first_in_input_order_is_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = write(dir.path(), "good.txt", "ALPHA: Jobs and growth.\n");
    let mut paths = vec![good];
    for i in 0..64 {
        paths.push(write(dir.path(), &format!("e{i:02}.txt"), "A\0B\n"));
    }
    let first = paths[1].display().to_string();
    let want =
        format!("{first}: looks like a binary file, not a transcript (NUL byte at offset 1)");
    for _ in 0..8 {
        let e = streamed(&paths, 1, false).expect_err("binary files");
        assert_eq!(e.to_string(), want);
        let e = built(&paths, 1).expect_err("binary files");
        assert_eq!(e.to_string(), want);
        let e = tribune::ingest::read_sources(&paths, Encoding::Utf8).expect_err("binary files");
        assert_eq!(e.to_string(), want);
    }
}

const LABELS: &[&str] = &[
    "MS. PSAKI",
    "PSAKI",
    "Jen Psaki",
    "MR. KIRBY",
    "John Kirby",
    "JOHN",
    "MODERATOR",
    "Q",
];

const WORDS: &[&str] = &[
    "jobs",
    "Jobs",
    "job",
    "growth",
    "the",
    "and",
    "ships",
    "China’s",
    "2014",
    "free.The",
    "uh",
    "naïve",
    "e\u{301}",
    // Words that start with a character UAX #29 attaches to what comes
    // before (Extend, Format, ZWJ): after a space it joins the space,
    // after a line break it stands alone.
    "\u{d4c}",
    "\u{d4c}\u{d4c}jobs",
    "\u{903}growth",
    "\u{301}job",
    "\u{200d}ships",
    "\u{200c}the",
    "\u{ad}uh",
    "\u{fe0f}naïve",
    "\u{1f3fb}jobs",
    // The narrow no-break space joins the letters beside it.
    "\u{202f}growth",
    "jobs\u{202f}",
];

/// What comes after a word: `\n` a new paragraph, `\u{1}` a wrapped line,
/// `\u{2}` a paragraph break with CR LF, `\u{3}` a wrapped line indented
/// by spaces, `\u{4}` by a tab, `\u{5}` a wrapped line with CR LF; an inline stage direction or a
/// markdown escape (the parser rewrites such a line), a whole-line stage
/// direction between two paragraphs of a turn.
const GAPS: &[&str] = &[
    " ",
    " ",
    ", ",
    ". ",
    "? ",
    "\n",
    "\u{1}",
    "\u{2}",
    "\u{3}",
    "\u{4}",
    "\u{5}",
    " (Laughter.) ",
    " \\- ",
    "\n(Applause.)\n",
];

fn transcript() -> impl Strategy<Value = String> {
    let speech = prop::collection::vec(
        (prop::sample::select(WORDS), prop::sample::select(GAPS)),
        0..12,
    )
    .prop_map(|v| {
        v.into_iter()
            .map(|(w, g)| format!("{w}{g}"))
            .collect::<String>()
    });
    prop::collection::vec((prop::sample::select(LABELS), speech), 0..8).prop_map(|turns| {
        turns
            .into_iter()
            .map(|(who, text)| {
                let text = text.trim().replace('\n', "\n\n");
                let text = text
                    .replace('\u{1}', "\n")
                    .replace('\u{2}', "\r\n\r\n")
                    .replace('\u{3}', "\n   ")
                    .replace('\u{4}', "\n\t")
                    .replace('\u{5}', "\r\n");
                format!("{who}: {}\n\n", text.trim())
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Random transcripts whose labels alias each other in every way
    /// (honorifics, first and last names, bare `Q`): the same table.
    #[test]
    fn one_pass_equals_the_corpus_count_on_random_transcripts(
        ts in prop::collection::vec(transcript(), 1..5),
        n in 1usize..=3,
    ) {
        let dir = tempfile::tempdir().expect("temp dir");
        let paths: Vec<PathBuf> = ts
            .iter()
            .enumerate()
            .map(|(i, t)| write(dir.path(), &format!("t{i}.txt"), t))
            .collect();
        match built(&paths, n) {
            Ok(want) => {
                let got = streamed(&paths, n, false).expect("the corpus built, so the pass counts");
                prop_assert_eq!(render(&got.table), render(&want));
            }
            Err(e) => {
                let got = streamed(&paths, n, false).expect_err("the corpus failed, so the pass fails");
                prop_assert_eq!(got.to_string(), e.to_string());
            }
        }
    }
}
