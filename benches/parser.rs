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

use std::time::Instant;

use tribune::ingest::{Encoding, read_sources};
use tribune::transcript::{BuildOptions, Corpus};

mod support;

fn main() {
    let Some(paths) = support::corpus_files("parser") else {
        return;
    };
    let sources = match read_sources(&paths, Encoding::Utf8) {
        Ok(s) => s,
        Err(e) => {
            println!("bench parser: {e}");
            return;
        }
    };
    let bytes: u64 = sources.iter().map(|s| s.bytes).sum();
    let runs = support::runs(10);
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
    let median = support::median(&mut times);
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
