//! Where `tribune terms --by speaker` spends its time, on one thread (so
//! the figures are CPU seconds and add up), with the binary's allocator.
//! Stage by stage through a speakers-only corpus (the path of the other
//! groupings): reading and decoding, parsing, resolving speakers and
//! building turns, tokenizing and counting, and building, ranking and
//! writing the CSV rows; then the command's own one-pass path
//! (`count::term_table` of the files: read, parse and count file by file,
//! resolve, merge) and its rows. Prints the medians of `RUNS` (default 5) after a warm-up.
//! Skips when the corpus is absent.
//!
//! `cargo bench --bench phases` (or `TRIBUNE_BENCH_CORPUS=DIR`, `RUNS=N`).

mod support;

/// The binary's allocator (see Cargo.toml).
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use std::time::Instant;

use tribune::analysis::terms::{Layout, write_table};
use tribune::count::{Files, Input, TermTable, term_table};
use tribune::ingest::{Encoding, read_source_hashed};
use tribune::text::{Analyzer, TextOptions};
use tribune::transcript::group::GroupBy;
use tribune::transcript::{BuildOptions, Corpus, parse};

const PHASES: [&str; 5] = ["read", "parse", "resolve", "count", "rows"];

/// One pass; the seconds of each phase and the bytes of CSV written.
fn pass(paths: &[std::path::PathBuf], analyzer: &Analyzer) -> ([f64; 5], usize) {
    let mut t = [0.0; 5];
    let mut clock = Instant::now();
    let mut lap = |i: usize| {
        t[i] = clock.elapsed().as_secs_f64();
        clock = Instant::now();
    };
    let sources: Vec<_> = paths
        .iter()
        .map(|p| read_source_hashed(p, Encoding::Utf8, false).expect("corpus reads"))
        .collect();
    lap(0);
    let parsed: Vec<_> = sources.iter().map(parse::parse).collect();
    drop(sources);
    lap(1);
    let options = BuildOptions {
        speakers_only: true,
        ..BuildOptions::default()
    };
    let corpus = Corpus::from_parsed(parsed, &options).expect("corpus resolves");
    lap(2);
    let table = term_table(Input::Corpus(corpus), GroupBy::Speaker, analyzer)
        .expect("corpus counts")
        .table;
    lap(3);
    let bytes = csv_bytes(table);
    lap(4);
    (t, bytes)
}

/// Write the table's CSV rows (and drop the table): the bytes written.
fn csv_bytes(table: TermTable) -> usize {
    let parts = write_table(&table, GroupBy::Speaker, Layout::Csv, None, 1);
    parts.iter().map(Vec::len).sum()
}

/// The command's one-pass path: the seconds to count, and to write the rows.
fn one_pass(paths: &[std::path::PathBuf], analyzer: &Analyzer) -> [f64; 2] {
    let clock = Instant::now();
    let files = Files {
        paths: paths.to_vec(),
        encoding: Encoding::Utf8,
        roster: None,
        strict: false,
    };
    let table = term_table(Input::Files(files), GroupBy::Speaker, analyzer)
        .expect("corpus reads")
        .table;
    let counted = clock.elapsed().as_secs_f64();
    let clock = Instant::now();
    csv_bytes(table);
    [counted, clock.elapsed().as_secs_f64()]
}

fn main() {
    let Some(paths) = support::corpus_files("phases") else {
        return;
    };
    let analyzer = Analyzer::new(&TextOptions::default()).expect("default options");
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a thread pool");
    let runs = support::runs(5);
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); PHASES.len()];
    let mut stream: Vec<Vec<f64>> = vec![Vec::new(); 2];
    let mut csv = 0;
    pool.install(|| {
        for run in 0..=runs {
            let (t, bytes) = pass(&paths, &analyzer);
            csv = bytes;
            let s = one_pass(&paths, &analyzer);
            if run > 0 {
                for (v, x) in times.iter_mut().zip(t) {
                    v.push(x);
                }
                for (v, x) in stream.iter_mut().zip(s) {
                    v.push(x);
                }
            }
        }
    });
    let medians: Vec<f64> = times.iter_mut().map(|v| support::median(v)).collect();
    let total: f64 = medians.iter().sum();
    let parts: Vec<String> = PHASES
        .iter()
        .zip(&medians)
        .map(|(p, s)| format!("{p} {s:.3}"))
        .collect();
    println!(
        "phases of terms --by speaker, one thread, {} files, median of {runs} runs (s): {} = {total:.3} ({csv} bytes of CSV)",
        paths.len(),
        parts.join(", ")
    );
    let s: Vec<f64> = stream.iter_mut().map(|v| support::median(v)).collect();
    println!(
        "the command's one-pass path, one thread (s): read, parse and count {:.3}, rows {:.3} = {:.3}",
        s[0],
        s[1],
        s[0] + s[1]
    );
}
