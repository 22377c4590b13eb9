//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use tribune::ingest::{self, Encoding};
use tribune::transcript::{BuildOptions, Corpus};

/// Path of a file under `tests/fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// The sample transcript.
pub fn sample_path() -> PathBuf {
    fixture("sample.txt")
}

/// Build a corpus from fixture-relative paths (or absolute ones).
pub fn corpus_of(paths: &[PathBuf]) -> tribune::Result<Corpus> {
    let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let files = ingest::expand_inputs(&paths)?;
    let sources = ingest::read_sources(&files, Encoding::Utf8)?;
    Corpus::build(&sources, &BuildOptions::default())
}

/// The sample as a corpus.
pub fn sample() -> Corpus {
    corpus_of(&[sample_path()]).expect("sample parses")
}

/// Read a CSV fixture as header-keyed rows.
pub fn read_csv(rel: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut r = csv::Reader::from_path(fixture(rel)).expect("fixture exists");
    let headers = r.headers().expect("header").clone();
    r.records()
        .map(|rec| {
            let rec = rec.expect("valid csv");
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// The shared corpora folder, when it is beside the repository.
pub fn shared_corpus(name: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora")
        .join(name);
    p.is_dir().then_some(p)
}

/// The `tribune` binary, ready for arguments.
pub fn tribune() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("tribune").expect("binary builds")
}

/// Run a command that must succeed and return its standard output.
pub trait StdoutOk {
    /// Standard output of a successful run (the test fails otherwise).
    fn stdout_ok(&mut self) -> Vec<u8>;
}

impl StdoutOk for assert_cmd::Command {
    fn stdout_ok(&mut self) -> Vec<u8> {
        self.assert().success().get_output().stdout.clone()
    }
}

/// A synthetic transcript: `speakers` speakers with distinct capitals
/// labels (`BBB:`, `CBB:`...), each with `turns` turns of `words` words, the
/// turns in an interleaved order, paragraphs hard-wrapped every 12 words.
/// The words come from a vocabulary of `vocabulary` consonant-only words
/// (`bb`, `bc`... no vowel, `s` or `y`, so no stopword, number or Snowball
/// suffix), the low ranks far more often. The same text for the same
/// arguments (a fixed linear congruential generator).
pub fn many_speakers(speakers: usize, turns: usize, words: usize, vocabulary: usize) -> String {
    const LETTERS: &[u8] = b"bcdfghjklmnpqrtvwxz";
    let name = |mut i: usize, min: usize| {
        let mut w = String::new();
        while w.len() < min || i > 0 {
            w.push(char::from(LETTERS[i % LETTERS.len()]));
            i /= LETTERS.len();
        }
        w
    };
    let mut state: u64 = 13;
    let mut next = move |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % n.max(1)
    };
    let mut out = String::from("Synthetic hearing.\n\n");
    for t in 0..turns {
        for s in 0..speakers {
            // Interleaved: each round of turns in another order.
            let who = (s + t * 3) % speakers;
            out.push_str(&format!("{}:", name(who, 3).to_uppercase()));
            for w in 0..words {
                let rank = next(vocabulary) * next(vocabulary) / vocabulary.max(1);
                out.push(if w > 0 && w % 12 == 0 { '\n' } else { ' ' });
                out.push_str(&name(rank, 2));
            }
            out.push_str(".\n\n");
        }
    }
    out
}

/// Each speaker's plain word sequence (`unicode_words()`, lower case, no
/// stopwords removed, no stemming, numbers kept; see
/// [`tribune::text::plain_words`]): their turns in corpus order,
/// concatenated. One entry per speaker of `Corpus::speakers`, in that order.
pub fn speaker_words(corpus: &Corpus) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = corpus
        .speakers
        .iter()
        .map(|s| (s.name.clone(), Vec::new()))
        .collect();
    for (_, turn) in corpus.turns() {
        if let Some(e) = out.get_mut(turn.speaker) {
            e.1.extend(tribune::text::plain_words(&turn.text));
        }
    }
    out
}

/// The count of `term` in `counts` (0 if absent).
pub fn count_of(counts: &tribune::count::TermCounts, term: &str) -> u64 {
    counts.terms.get(term).map_or(0, |s| s.count)
}
