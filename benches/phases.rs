//! Where `tribune terms --by speaker` spends its time, stage by stage, on
//! one thread (so the figures are CPU seconds and add up), doing what the
//! command does (a speakers-only corpus, jemalloc): reading and decoding,
//! parsing, resolving speakers and building turns, tokenizing and counting,
//! and building, ranking and writing the CSV rows. Prints the median of
//! `RUNS` (default 5) after a warm-up. Skips when the corpus is absent.
//!
//! `cargo bench --bench phases` (or `TRIBUNE_BENCH_CORPUS=DIR`, `RUNS=N`).

mod support;

/// The binary's allocator (see Cargo.toml).
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use std::time::Instant;

use tribune::analysis::terms::{csv_term_cells, write_table_csv};
use tribune::count::count_table_owned;
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
    let table = count_table_owned(corpus, GroupBy::Speaker, analyzer);
    lap(3);
    let mut out = Vec::new();
    let cells = csv_term_cells(&table);
    for (i, g) in table.groups.iter().enumerate() {
        write_table_csv(&mut out, &table, &cells, g, (None, 1), i == 0);
    }
    drop(table);
    lap(4);
    (t, out.len())
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
    let mut csv = 0;
    pool.install(|| {
        for run in 0..=runs {
            let (t, bytes) = pass(&paths, &analyzer);
            csv = bytes;
            if run > 0 {
                for (v, x) in times.iter_mut().zip(t) {
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
}
