//! Shared by the in-process benchmarks: where the corpus is and its files.

use std::path::PathBuf;

/// The transcript files of the benchmark corpus (`TRIBUNE_BENCH_CORPUS`,
/// else `../shared/corpora/wh-press-briefings`): its month folders, not its
/// root (whose licence note is no transcript). `None`, with a message,
/// when there is no corpus.
pub fn corpus_files(bench: &str) -> Option<Vec<PathBuf>> {
    let dir = std::env::var_os("TRIBUNE_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/wh-press-briefings")
        });
    if !dir.is_dir() {
        println!(
            "bench {bench}: corpus not found ({}); skipped",
            dir.display()
        );
        return None;
    }
    let mut months: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_dir())
                .map(|p| p.display().to_string())
                .collect()
        })
        .unwrap_or_default();
    months.sort();
    if months.is_empty() {
        months.push(dir.display().to_string());
    }
    match tribune::ingest::expand_inputs(&months) {
        Ok(p) => Some(p),
        Err(e) => {
            println!("bench {bench}: {e}");
            None
        }
    }
}

/// `RUNS` from the environment, else `default`.
pub fn runs(default: usize) -> usize {
    std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(default)
}

/// The median of `v` (sorted in place).
pub fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}
