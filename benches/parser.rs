//! Parser throughput, in process: every file of the White House corpus is
//! read and decoded once, then `Corpus::build` (line parsing, turns,
//! speakers, roles, exchanges, word counts; parallel over files) runs
//! `RUNS` times on the in-memory sources. Prints the median and best time
//! and MB/s. Then, on one core, the word finder (`text::count_words`, the
//! ASCII fast path) against `unicode_words()` of the crate over every turn's
//! speech, with the same count from both. Skips when
//! `../shared/corpora/wh-press-briefings` is absent.
//!
//! `cargo bench --bench parser` (or `TRIBUNE_BENCH_CORPUS=DIR`).

use std::path::PathBuf;
use std::time::Instant;

use tribune::ingest::{Encoding, expand_inputs, read_sources};
use tribune::transcript::{BuildOptions, Corpus};

fn main() {
    let dir = std::env::var_os("TRIBUNE_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/wh-press-briefings")
        });
    if !dir.is_dir() {
        println!(
            "bench parser: corpus not found ({}); skipped",
            dir.display()
        );
        return;
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
    let paths = match expand_inputs(&months) {
        Ok(p) => p,
        Err(e) => {
            println!("bench parser: {e}");
            return;
        }
    };
    let sources = match read_sources(&paths, Encoding::Utf8) {
        Ok(s) => s,
        Err(e) => {
            println!("bench parser: {e}");
            return;
        }
    };
    let bytes: u64 = sources.iter().map(|s| s.bytes).sum();
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(10);
    let mut times = Vec::new();
    let mut turns = 0;
    let mut corpus = None;
    for _ in 0..=runs {
        let t = Instant::now();
        let c = Corpus::build(&sources, &BuildOptions::default()).expect("corpus parses");
        times.push(t.elapsed().as_secs_f64());
        turns = c.turns().count();
        corpus = Some(c);
    }
    times.remove(0); // warm-up
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let best = times[0];
    let mb = bytes as f64 / 1e6;
    println!(
        "parser: {} files, {:.1} MB, {} turns, {} threads: median {:.3} s ({:.0} MB/s), best {:.3} s ({:.0} MB/s) over {} runs",
        sources.len(),
        mb,
        turns,
        rayon::current_num_threads(),
        median,
        mb / median,
        best,
        mb / best,
        runs
    );

    // The word finder on one core.
    let Some(corpus) = corpus else { return };
    let texts: Vec<&str> = corpus.turns().map(|(_, u)| u.text.as_str()).collect();
    let text_mb = texts.iter().map(|t| t.len()).sum::<usize>() as f64 / 1e6;
    let time = |f: &dyn Fn(&str) -> usize| {
        let mut best = f64::MAX;
        let mut n = 0;
        for _ in 0..5 {
            let t = Instant::now();
            n = texts.iter().map(|s| f(s)).sum::<usize>();
            best = best.min(t.elapsed().as_secs_f64());
        }
        (n, best)
    };
    let (fast_n, fast_s) = time(&|s| tribune::text::count_words(s));
    let (crate_n, crate_s) = time(&|s| {
        use unicode_segmentation::UnicodeSegmentation;
        s.unicode_words().count()
    });
    assert_eq!(fast_n, crate_n, "the fast path counts the same words");
    println!(
        "words: {fast_n} in {text_mb:.1} MB of speech, one core: fast path {:.0} MB/s, unicode_words() {:.0} MB/s (best of 5)",
        text_mb / fast_s,
        text_mb / crate_s
    );
}
