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
