//! Words and frequencies: the text pipeline (`tribune::text`), mergeable
//! counts (`tribune::count`) and the `terms` and `kwic` commands. The sample's
//! per-speaker counts are checked against quanteda (`tests/fixtures/reference/README.md` §7);
//! every pipeline rule has a hand-written case; property tests cover the
//! fast word segmenter, count totals, merging and n-gram arithmetic.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

use tribune::count::{
    Input, TermCounts, TermTable, count_corpus, count_groups, display_forms, term_table,
};
use tribune::ingest::{Encoding, decode};
use tribune::text::{
    Analyzer, Language, TextOptions, Token, WordKind, count_words, ngram, plain_words, words,
};
use tribune::transcript::group::{Group, GroupBy, groups};
use tribune::transcript::{BuildOptions, Corpus};

use crate::util::{
    StdoutOk, count_of, fixture, read_csv, sample, sample_path, speaker_words, tribune,
};

fn analyzer(o: TextOptions) -> Analyzer {
    Analyzer::new(&o).expect("options are valid")
}

fn default_analyzer() -> Analyzer {
    analyzer(TextOptions::default())
}

/// The ranked table of a corpus's groups.
fn table_of(c: Corpus, by: GroupBy, a: &Analyzer) -> TermTable {
    term_table(Input::Corpus(c), by, a)
        .expect("a corpus counts")
        .table
}

/// Count one turn's `text` by `speaker` the plain way, term by term: what
/// the counting engine must give for the turn.
fn add_turn(counts: &mut TermCounts, a: &Analyzer, text: &str, speaker: u32) {
    counts.turns += 1;
    let mut seen: HashSet<String> = HashSet::new();
    for g in a.terms(text) {
        counts.tokens += 1;
        let first = seen.insert(g.term.clone());
        let stat = counts.terms.entry(g.term.as_str().into()).or_default();
        stat.count += 1;
        if first {
            stat.turns += 1;
            if let Err(i) = stat.speakers.binary_search(&speaker) {
                stat.speakers.insert(i, speaker);
            }
        }
        match stat
            .surfaces
            .binary_search_by(|(s, _)| (**s).cmp(g.surface.as_str()))
        {
            Ok(i) => stat.surfaces[i].1 += 1,
            Err(i) => stat.surfaces.insert(i, (g.surface.as_str().into(), 1)),
        }
    }
}

/// A corpus of in-memory transcripts `(id, text)`.
fn corpus(files: &[(&str, &str)]) -> Corpus {
    corpus_with(files, &BuildOptions::default())
}

fn corpus_with(files: &[(&str, &str)], options: &BuildOptions) -> Corpus {
    let sources: Vec<_> = files
        .iter()
        .map(|(id, text)| {
            decode(
                Path::new(&format!("{id}.txt")),
                text.as_bytes(),
                Encoding::Utf8,
            )
            .expect("decodes")
        })
        .collect();
    Corpus::build(&sources, options).expect("parses")
}

const SPEAKERS_ONLY: BuildOptions = BuildOptions {
    roster: None,
    strict: false,
    speakers_only: true,
};

/// The term counts of every grouping that needs no roles are the same on a
/// corpus built with speakers only.
fn assert_speakers_only_counts_the_same(files: &[(&str, &str)]) {
    let full = corpus(files);
    let lean = corpus_with(files, &SPEAKERS_ONLY);
    let names = |c: &Corpus| {
        c.speakers
            .iter()
            .map(|s| s.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&lean), names(&full));
    for n in 1..=2 {
        let a = analyzer(TextOptions {
            ngram: n,
            ..TextOptions::default()
        });
        for by in [GroupBy::Speaker, GroupBy::Transcript, GroupBy::Corpus] {
            assert!(!by.needs_roles());
            assert_eq!(
                count_corpus(&lean, by, &a),
                count_corpus(&full, by, &a),
                "{by:?} n={n}"
            );
        }
    }
}

#[test]
fn a_speakers_only_corpus_counts_terms_as_the_full_one() {
    let read = |p: std::path::PathBuf| std::fs::read_to_string(p).expect("fixture");
    let sample_text = read(sample_path());
    let mut files = vec![("sample".to_string(), sample_text.clone())];
    for e in std::fs::read_dir(fixture("wh")).expect("wh fixtures") {
        let p = e.expect("entry").path();
        files.push((p.display().to_string(), read(p)));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_speakers_only_counts_the_same(&refs);
    // It skips what terms by speaker does not read.
    let lean = corpus_with(&[("sample", &sample_text)], &SPEAKERS_ONLY);
    assert!(lean.turns().all(|(_, t)| t.words == 0));
    assert!(lean.transcripts.iter().all(|t| t.exchanges.is_empty()));
    assert!(corpus(&[("sample", &sample_text)]).total_words() > 0);
    // Nor does it hash the files.
    let paths = [sample_path()];
    let lean = Corpus::from_paths(&paths, Encoding::Utf8, &SPEAKERS_ONLY).expect("reads");
    let full = Corpus::from_paths(&paths, Encoding::Utf8, &BuildOptions::default()).expect("reads");
    assert_eq!(lean.transcripts[0].sha256, "");
    assert_eq!(full.transcripts[0].sha256.len(), 64);
    assert_eq!(lean.transcripts[0].turns, {
        let mut t = full.transcripts[0].turns.clone();
        t.iter_mut().for_each(|u| {
            u.words = 0;
            u.outlet = None;
        });
        t
    });
    assert!(GroupBy::Role.needs_roles() && GroupBy::Outlet.needs_roles());
}

/// Over a megabyte of text, so that the corpus count runs one thread per
/// core, the threads classifying words into one shared vocabulary and the
/// second's words new to the first (`wordN`, and the WH fixtures on one
/// side only): the table is still the plain counts', for words and 2-grams.
#[test]
fn threads_sharing_words_count_as_the_plain_way() {
    use tribune::analysis::terms::{rows, table_rows};
    let read = |p: std::path::PathBuf| std::fs::read_to_string(p).expect("fixture");
    let sample_text = read(sample_path());
    let mut files: Vec<(String, String)> = Vec::new();
    for e in std::fs::read_dir(fixture("wh")).expect("wh fixtures") {
        let p = e.expect("entry").path();
        files.push((p.display().to_string(), read(p)));
    }
    // `wordN` in letters (a word with a digit is a number, not counted).
    let letters = |i: usize| -> String {
        format!(
            "word{}{}",
            char::from(b'a' + (i / 26) as u8),
            char::from(b'a' + (i % 26) as u8)
        )
    };
    let mut i = 0;
    while files.iter().map(|f| f.1.len()).sum::<usize>() < (3 << 19) {
        let w = letters(i);
        let extra = format!("\n\nMODERATOR: {w} and {} again, {w}.\n", w.to_uppercase());
        files.push((format!("copy{i}"), format!("{sample_text}{extra}")));
        i += 1;
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("a pool of two threads");
    for n in [1, 2] {
        let a = analyzer(TextOptions {
            ngram: n,
            ..TextOptions::default()
        });
        let counts = count_corpus(&corpus(&refs), GroupBy::Speaker, &a);
        let display = display_forms(counts.iter().map(|(_, c)| c));
        let expected = rows(&counts, &display, None, 1);
        let table = pool.install(|| table_of(corpus(&refs), GroupBy::Speaker, &a));
        let got: Vec<_> = table
            .groups
            .iter()
            .flat_map(|g| table_rows(&table, g, None, 1))
            .collect();
        assert_eq!(got.len(), expected.len(), "n={n}");
        assert_eq!(format!("{got:?}"), format!("{expected:?}"), "n={n}");
        if n == 1 {
            let moderator = got.iter().filter(|r| r.group == "MODERATOR");
            let w = moderator
                .clone()
                .find(|r| r.term == "wordah")
                .expect("wordah");
            assert_eq!((w.count, w.turns, w.display.as_ref()), (3, 1, "wordah"));
        }
    }
}

fn terms_of(a: &Analyzer, text: &str) -> Vec<String> {
    a.tokens(text).into_iter().map(|t| t.term).collect()
}

fn words_of(a: &Analyzer, text: &str) -> Vec<String> {
    a.tokens(text).into_iter().map(|t| t.word).collect()
}

fn by_name<'a>(counts: &'a [(String, TermCounts)], name: &str) -> &'a TermCounts {
    &counts
        .iter()
        .find(|(g, _)| g == name)
        .unwrap_or_else(|| panic!("no group {name}"))
        .1
}

// ---------------------------------------------------------------------------
// The sample against quanteda.

/// README §7: for stems of letters a–z only that are not in
/// `uax29_affected_stems.csv`, every speaker's count equals quanteda's.
#[test]
fn sample_counts_equal_quanteda_for_every_comparable_stem() {
    let c = sample();
    let counts = count_corpus(&c, GroupBy::Speaker, &default_analyzer());
    assert_eq!(counts.len(), 14);
    let affected: HashSet<String> = read_csv("reference/uax29_affected_stems.csv")
        .into_iter()
        .map(|r| r["stem"].clone())
        .collect();
    assert_eq!(affected.len(), 68);
    let comparable = |s: &str| s.bytes().all(|b| b.is_ascii_lowercase()) && !affected.contains(s);
    let mut q: HashMap<(String, String), u64> = HashMap::new();
    for r in read_csv("reference/quanteda_speaker_feature_counts.csv") {
        let n: u64 = r["count"].parse().expect("count");
        q.insert((r["speaker"].clone(), r["feature"].clone()), n);
    }
    let (mut pairs, mut tokens, mut stems) = (0, 0, HashSet::new());
    for ((speaker, stem), &n) in &q {
        if !comparable(stem) {
            continue;
        }
        assert_eq!(
            count_of(by_name(&counts, speaker), stem),
            n,
            "{speaker} / {stem}"
        );
        pairs += 1;
        tokens += n;
        stems.insert(stem.clone());
    }
    // The README's figures for the comparable part: 1,151 stems, 3,309 tokens.
    assert_eq!((stems.len(), tokens, pairs), (1151, 3309, 1653));
    // And nothing extra on our side: every comparable stem we count is
    // quanteda's too, for the same speaker.
    for (speaker, tc) in &counts {
        for term in tc.terms.keys() {
            if comparable(term) {
                assert!(
                    q.contains_key(&(speaker.clone(), term.to_string())),
                    "{speaker} / {term}"
                );
            }
        }
    }
}

/// Tokens per speaker after stopwords: quanteda's `tokens_nostop`, minus the
/// number tokens tribune drops, plus the extra pieces of hyphenated and
/// `free.The` words that UAX #29 and the full-stop rule split (when the
/// piece is not a stopword), minus the tokens that vanish because ’ → '
/// makes them stopwords (`it’s`, `he’s`, `what’s`, `hasn’t`) or because
/// every piece is a stopword (`all-out`). Worked out by hand from the
/// quanteda features of each speaker.
#[test]
fn sample_token_totals_per_speaker_explained() {
    // (speaker, quanteda tokens_nostop, numbers dropped, extra pieces, vanished, tribune)
    let expected: &[(&str, u64, u64, u64, u64, u64)] = &[
        // 3
        ("Xu Guixiang", 257, 1, 0, 0, 256),
        // 1.288 2014 2019 3; re-educ → re + educ
        ("Reuters", 82, 4, 1, 0, 79),
        // 41 numbers (2014 ×3, 1,406, rmb160,000...); get-together, house-purchase,
        // law-protected, poverty-stricken ×2, pre-job, right-safeguard, two-way,
        // work-related (laid-off: `off` is a stopword); hasn’t, he’s vanish
        ("Rehmanjan Dawut", 1535, 41, 9, 2, 1501),
        // 29 numbers (covid-19 keeps `covid`); 22 hyphen pieces (anti-china ×3,
        // geneva-based ×2, ...; so-called: `so` is a stopword), employees.Workers,
        // lies.Taking; it’s and all-out vanish
        ("Zulyat Ismail", 1914, 29, 24, 2, 1907),
        ("China Arab TV", 28, 0, 0, 0, 28),
        ("Middle East News Agency", 26, 0, 0, 0, 26),
        // what’s
        ("China Daily", 16, 0, 0, 1, 15),
        ("CGTN", 35, 0, 0, 0, 35),
        ("Global Times", 14, 0, 0, 0, 14),
        (
            "Xinjiang Station of China National Radio of China Media Group",
            13,
            0,
            0,
            1,
            12,
        ),
        ("Xinhua News Agency", 16, 0, 0, 0, 16),
        ("Xinjiang Radio and Television Station", 35, 0, 0, 1, 34),
        // xinjiang-based → xinjiang + based (above-mentioned: `above` is a stopword)
        ("Askhal Tursun", 156, 0, 1, 0, 157),
        // covid-19 → covid; what’s
        ("China News Service", 25, 0, 0, 1, 24),
    ];
    let q: HashMap<String, u64> = read_csv("reference/quanteda_token_counts.csv")
        .into_iter()
        .map(|r| (r["speaker"].clone(), r["tokens_nostop"].parse().expect("n")))
        .collect();
    let counts = count_corpus(&sample(), GroupBy::Speaker, &default_analyzer());
    for &(name, q_total, numbers, extra, vanished, ours) in expected {
        assert_eq!(q[name], q_total, "{name}: quanteda total");
        assert_eq!(
            q_total - numbers + extra - vanished,
            ours,
            "{name}: the explanation adds up"
        );
        assert_eq!(by_name(&counts, name).tokens, ours, "{name}: tribune total");
    }
    assert_eq!(expected.iter().map(|e| e.5).sum::<u64>(), 4104);
}

/// Each speaker's plain sequence (`unicode_words()`, lower case) is the
/// reference's lexical-diversity input, token for token.
#[test]
fn speaker_word_sequences_equal_the_reference_token_files() {
    let seqs = speaker_words(&sample());
    assert_eq!(seqs.len(), 14);
    let mut total = 0;
    for (name, seq) in &seqs {
        let slug: String = name
            .to_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        let file = fixture(&format!("reference/lexdiv_tokens/{slug}.txt"));
        let expected: Vec<String> = std::fs::read_to_string(&file)
            .expect("token file")
            .lines()
            .map(str::to_string)
            .collect();
        assert_eq!(seq, &expected, "{name}");
        total += seq.len();
    }
    assert_eq!(total, 6901);
}

// ---------------------------------------------------------------------------
// Pipeline rules.

#[test]
fn curly_apostrophe_is_folded_before_segmentation_and_lookup() {
    let a = default_analyzer();
    // People’s → people's → peopl; it’s and What’s are stopwords once folded.
    assert_eq!(
        terms_of(&a, "People’s rights: it’s what’s China’s"),
        ["peopl", "right", "china"]
    );
    assert_eq!(words_of(&a, "People’s"), ["people's"]);
    // The same as the ASCII apostrophe.
    assert_eq!(terms_of(&a, "People's it's"), ["peopl"]);
    // Offsets point into the original text (’ is three bytes).
    let t = a.tokens("it’s China’s law");
    assert_eq!((t[0].start, t[0].end), (7, 16));
    assert_eq!((t[1].start, t[1].end), (17, 20));
    // Segmentation with the fold is the crate's on the folded text.
    let s = "don’t stop: a’b 3’5 ‘quoted’ people’s";
    let folded: Vec<String> = words::word_indices_folded(s)
        .into_iter()
        .map(|(_, w)| w.replace('’', "'"))
        .collect();
    let expect: Vec<String> = s
        .replace('’', "'")
        .unicode_words()
        .map(str::to_string)
        .collect();
    assert_eq!(folded, expect);
}

#[test]
fn numbers_are_dropped_by_default_and_kept_on_request() {
    let text = "In 2014, 1.288 million got RMB160,000 and G7 3rd jobs";
    let a = default_analyzer();
    assert_eq!(terms_of(&a, text), ["million", "got", "job"]);
    let keep = analyzer(TextOptions {
        keep_numbers: true,
        ..TextOptions::default()
    });
    assert_eq!(
        words_of(&keep, text),
        [
            "2014",
            "1.288",
            "million",
            "got",
            "rmb160,000",
            "g7",
            "3rd",
            "jobs"
        ]
    );
    // A dropped number breaks n-gram runs.
    let t = a.tokens("million 2014 jobs");
    assert_eq!(
        t.iter().map(|t| t.joined).collect::<Vec<_>>(),
        [false, false]
    );
}

#[test]
fn a_missing_space_after_a_full_stop_splits_the_word() {
    let a = default_analyzer();
    // UAX #29 keeps them whole ...
    assert_eq!("free.The employees.Workers".unicode_words().count(), 2);
    assert_eq!(count_words("free.The employees.Workers"), 2);
    // ... the pipeline splits them (and `The` is a stopword).
    assert_eq!(
        words_of(&a, "free.The employees.Workers"),
        ["free", "employees", "workers"]
    );
    // Abbreviations with single letters stay whole; decimals are numbers.
    assert_eq!(words_of(&a, "U.S. e.g. 3.5"), ["u.s", "e.g"]);
    // The split is a sentence end: no bigram across it.
    let t = a.tokens("employees.Workers");
    assert!(!t[1].joined);
}

#[test]
fn stopwords_are_removed_after_lower_casing_and_before_stemming() {
    let a = default_analyzer();
    assert_eq!(a.stopwords().len(), 175 + 14);
    // `The`, `Being`, `ITS` are stopwords in any case; `being` would stem to `be`.
    assert_eq!(terms_of(&a, "The Being ITS beings"), ["be"]);
    // Spoken fillers go with English by default.
    assert_eq!(terms_of(&a, "Uh, um, hmm, jobs"), ["job"]);
    let fillers = analyzer(TextOptions {
        keep_fillers: true,
        ..TextOptions::default()
    });
    assert_eq!(terms_of(&fillers, "Uh, um, jobs"), ["uh", "um", "job"]);
    let keep = analyzer(TextOptions {
        keep_stopwords: true,
        ..TextOptions::default()
    });
    assert_eq!(terms_of(&keep, "The jobs"), ["the", "job"]);
}

#[test]
fn stopword_files_add_replace_and_fail_naming_the_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let extra = dir.path().join("extra.txt");
    std::fs::write(&extra, "# my list\nXinjiang  # a comment\n\nlabor\n").expect("write");
    let add = analyzer(TextOptions {
        stopword_files: vec![extra.clone()],
        ..TextOptions::default()
    });
    assert_eq!(terms_of(&add, "The Xinjiang labor market"), ["market"]);
    let only = analyzer(TextOptions {
        stopword_files: vec![extra.clone()],
        stopwords_only: true,
        ..TextOptions::default()
    });
    assert_eq!(
        terms_of(&only, "The Xinjiang labor market"),
        ["the", "market"]
    );

    let bad = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).expect("write");
        let err = Analyzer::new(&TextOptions {
            stopword_files: vec![p],
            ..TextOptions::default()
        })
        .expect_err("bad list")
        .to_string();
        assert!(err.contains(name), "{err}");
        err
    };
    assert!(bad("two.txt", b"one\ntwo words\n").contains(":2:"));
    assert!(bad("latin1.txt", b"ok\ncaf\xe9\n").contains(":2:"));
    assert!(bad("empty.txt", b"# nothing\n").contains("no words"));
    let missing = dir.path().join("missing.txt");
    let err = Analyzer::new(&TextOptions {
        stopword_files: vec![missing],
        ..TextOptions::default()
    })
    .expect_err("missing")
    .to_string();
    assert!(err.contains("missing.txt"), "{err}");

    // Through the binary: exit 1 and the file named.
    tribune()
        .args(["terms", "--stopwords"])
        .arg(dir.path().join("two.txt"))
        .arg(sample_path())
        .assert()
        .code(1)
        .stderr(predicates::str::contains("two.txt:2"));
}

#[test]
fn no_stem_and_other_languages() {
    let a = analyzer(TextOptions {
        stem: false,
        ..TextOptions::default()
    });
    assert_eq!(
        terms_of(&a, "Employment employed"),
        ["employment", "employed"]
    );
    let de = analyzer(TextOptions {
        language: Language::German,
        ..TextOptions::default()
    });
    // `und`, `die` are German stopwords; Snowball German stems.
    assert_eq!(
        terms_of(&de, "Die Arbeiter und die Arbeit"),
        ["arbeit", "arbeit"]
    );
    let fr = analyzer(TextOptions {
        language: Language::French,
        ..TextOptions::default()
    });
    assert_eq!(
        terms_of(&fr, "Les travailleurs et le travail"),
        ["travailleur", "travail"]
    );
    for l in Language::ALL {
        let a = analyzer(TextOptions {
            language: l,
            ..TextOptions::default()
        });
        assert!(!a.stopwords().is_empty(), "{l}");
        assert_eq!(l.name().parse::<Language>(), Ok(l));
        assert_eq!(l.code().parse::<Language>(), Ok(l));
    }
    assert_eq!(Language::ALL.len(), 18);
    assert!("klingon".parse::<Language>().is_err());
}

#[test]
fn a_stem_is_shown_as_its_most_frequent_surface_form() {
    let c = corpus(&[(
        "d",
        "A: Employment, employment and employed. Jobs job.\n\nB: Employ employ employ.\n",
    )]);
    let counts = count_corpus(&c, GroupBy::Speaker, &default_analyzer());
    let a = by_name(&counts, "A");
    let a_display = display_forms([a]);
    assert_eq!(&*a_display["employ"], "employment");
    // A tie (1 and 1) goes to the alphabetical first.
    assert_eq!(&*a_display["job"], "job");
    assert_eq!(a.terms["employ"].surfaces.len(), 2);
    // Over all groups: employ (3) beats employment (2).
    let d = display_forms(counts.iter().map(|(_, c)| c));
    assert_eq!(&*d["employ"], "employ");
    // The terms command carries both.
    let out = tribune()
        .args(["terms", "--by", "corpus", "--format", "json", "-"])
        .write_stdin(
            "A: Employment, employment and employed. Jobs job.\n\nB: Employ employ employ.\n",
        )
        .stdout_ok();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("json");
    assert_eq!(v["rows"][0]["term"], "employ");
    assert_eq!(v["rows"][0]["display"], "employ");
    assert_eq!(v["rows"][0]["count"], 6);
}

#[test]
fn ngrams_never_cross_a_turn_a_sentence_end_or_a_removed_stopword() {
    let text = "A: Jobs growth matters. Economic growth! Jobs and wages rise\n\nB: Wages jobs\n";
    let c = corpus(&[("n", text)]);
    let two = |skip: bool| {
        let a = analyzer(TextOptions {
            ngram: 2,
            ngram_skip_stopwords: skip,
            ..TextOptions::default()
        });
        let counts = count_corpus(&c, GroupBy::Corpus, &a);
        let mut v: Vec<String> = counts[0].1.terms.keys().map(|t| t.to_string()).collect();
        v.sort();
        v
    };
    // Turn A: [jobs growth matters] . [economic growth] ! [jobs] and [wages rise]
    // Turn B: [wages jobs]; no "rise wage" across the turn.
    assert_eq!(
        two(false),
        [
            "econom growth",
            "growth matter",
            "job growth",
            "wage job",
            "wage rise"
        ]
    );
    assert_eq!(
        two(true),
        [
            "econom growth",
            "growth matter",
            "job growth",
            "job wage",
            "wage job",
            "wage rise"
        ]
    );
    // Trigrams: only the first run has three tokens.
    let a3 = analyzer(TextOptions {
        ngram: 3,
        ..TextOptions::default()
    });
    let counts = count_corpus(&c, GroupBy::Corpus, &a3);
    let t: Vec<&str> = counts[0].1.terms.keys().map(|t| &**t).collect();
    assert_eq!(t, ["job growth matter"]);
    assert_eq!(
        &*display_forms([&counts[0].1])["job growth matter"],
        "jobs growth matters"
    );
    assert_eq!(counts[0].1.tokens, 1);
    // A question mark and a line break end sentences too.
    let a2 = analyzer(TextOptions {
        ngram: 2,
        ..TextOptions::default()
    });
    assert!(a2.terms("Jobs? Growth\nwages").is_empty());
}

#[test]
fn term_figures_turns_speakers_rank_and_rate() {
    let text = "A: Jobs jobs growth.\n\nB: Jobs wages.\n\nA: Growth growth.\n";
    let c = corpus(&[("f", text)]);
    let counts = count_corpus(&c, GroupBy::Corpus, &default_analyzer());
    let tc = &counts[0].1;
    assert_eq!((tc.tokens, tc.turns), (7, 3));
    let job = &tc.terms["job"];
    assert_eq!((job.count, job.turns, job.speakers.len()), (3, 2, 2));
    let growth = &tc.terms["growth"];
    assert_eq!(
        (growth.count, growth.turns, growth.speakers.len()),
        (3, 2, 1)
    );
    let ranked: Vec<(&str, u64)> = tc.ranked().iter().map(|r| (r.term, r.rank)).collect();
    // Ties "min": growth and job share rank 1, wage gets 3.
    assert_eq!(ranked, [("growth", 1), ("job", 1), ("wage", 3)]);
    // The command: rows sorted by count desc then term; rate per 10,000.
    let out = tribune()
        .args(["terms", "--by", "speaker", "--format", "csv", "-"])
        .write_stdin(text)
        .stdout_ok();
    assert_eq!(
        String::from_utf8(out).expect("utf8"),
        "group,term,display,count,rate,turns,speakers,rank\n\
         A,growth,growth,3,6000.0000,2,1,1\n\
         A,job,jobs,2,4000.0000,1,1,2\n\
         B,job,jobs,1,5000.0000,1,1,1\n\
         B,wage,wages,1,5000.0000,1,1,1\n"
    );
    // --top and --min-count.
    tribune()
        .args(["terms", "--top", "1", "--min-count", "2", "--format", "csv", "-"])
        .write_stdin(text)
        .assert()
        .success()
        .stdout("group,term,display,count,rate,turns,speakers,rank\nA,growth,growth,3,6000.0000,2,1,1\n");
}

#[test]
fn terms_json_contract_on_the_sample() {
    let out = tribune()
        .args(["terms", "--top", "3", "--format", "json"])
        .arg(sample_path())
        .stdout_ok();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("json");
    let r = &v["rows"][0];
    // Groups in first-appearance order: Xu Guixiang opens the conference.
    assert_eq!(r["group"], "Xu Guixiang");
    assert_eq!(r["term"], "question");
    assert_eq!(r["display"], "question");
    assert_eq!(r["count"], 23);
    assert_eq!(r["turns"], 21);
    assert_eq!(r["rank"], 1);
    let rate = r["rate"].as_f64().expect("rate");
    assert!((rate - 23.0 / 256.0 * 10_000.0).abs() < 1e-9);
    let rows = v["rows"].as_array().expect("rows");
    let rehmanjan: Vec<&serde_json::Value> = rows
        .iter()
        .filter(|r| r["group"] == "Rehmanjan Dawut")
        .collect();
    assert_eq!(rehmanjan[0]["term"], "employ");
    assert_eq!(rehmanjan[0]["display"], "employment");
    assert_eq!(rehmanjan[0]["count"], 45);
}

// ---------------------------------------------------------------------------
// kwic.

fn kwic(args: &[&str]) -> Vec<serde_json::Value> {
    let out = tribune()
        .arg("kwic")
        .arg(sample_path())
        .args(args)
        .args(["--format", "json"])
        .stdout_ok();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("json");
    v["rows"].as_array().expect("rows").clone()
}

#[test]
fn kwic_matches_by_stem_with_lines_speakers_and_original_context() {
    let hits = kwic(&["employ", "--window", "4"]);
    // Every word whose stem is `employ`: exactly the `employ` counts.
    let counts = count_corpus(&sample(), GroupBy::Corpus, &default_analyzer());
    assert_eq!(hits.len() as u64, count_of(&counts[0].1, "employ"));
    assert_eq!(hits.len(), 71);
    // Line 16 of the sample: "...according to the white paper Employment and Labor Rights in Xinjiang..."
    assert_eq!(hits[0]["transcript"], "sample");
    assert_eq!(hits[0]["line"], 16);
    assert_eq!(hits[0]["speaker"], "Reuters");
    assert_eq!(hits[0]["left"], "to the white paper");
    assert_eq!(hits[0]["match"], "Employment");
    assert_eq!(hits[0]["right"], "and Labor Rights in");
    // Line 20: "...the number of laborers to be employed in places away from..."
    assert_eq!(hits[1]["line"], 20);
    assert_eq!(hits[1]["match"], "employed");
    // --exact: the word as written (any case), not the stem.
    assert!(kwic(&["employ", "--exact"]).is_empty());
    let exact = kwic(&["EMPLOYMENT", "--exact"]);
    assert!(exact.iter().all(|h| {
        h["match"]
            .as_str()
            .is_some_and(|m| m.eq_ignore_ascii_case("employment"))
    }));
    assert_eq!(
        exact.len() as u64,
        counts[0].1.terms["employ"]
            .surfaces
            .iter()
            .find(|s| &*s.0 == "employment")
            .map_or(0, |s| s.1)
    );
}

#[test]
fn kwic_phrases_and_the_speaker_filter() {
    let hits = kwic(&["vocational education", "--window", "3"]);
    // grep -oi 'vocational education' on the sample: 12, all in turns.
    assert_eq!(hits.len(), 12);
    assert_eq!(hits[0]["line"], 16);
    assert_eq!(hits[0]["match"], "vocational education");
    assert_eq!(hits[0]["left"], "people graduated from");
    // Capitalised and curly-quoted occurrences match too (line 47: The white paper “Vocational Education...).
    assert!(
        hits.iter()
            .any(|h| h["match"] == "Vocational Education" && h["line"] == 47)
    );
    let reuters = kwic(&["vocational education", "--speaker", "Reuters"]);
    assert_eq!(reuters.len(), 2);
    assert!(reuters.iter().all(|h| h["speaker"] == "Reuters"));
    assert_eq!(
        reuters
            .iter()
            .map(|h| h["line"].as_u64())
            .collect::<Vec<_>>(),
        [Some(16), Some(18)]
    );
    // A phrase with a stopword in it matches that stopword as written.
    let hits = kwic(&["labor and employment"]);
    assert!(hits.iter().all(|h| {
        h["match"]
            .as_str()
            .is_some_and(|m| m.to_lowercase().contains(" and "))
    }));
    // An unknown speaker is an error naming it.
    tribune()
        .arg("kwic")
        .arg(sample_path())
        .args(["jobs", "--speaker", "Nobody Here"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("Nobody Here"));
}

#[test]
fn kwic_does_not_match_across_a_sentence_end() {
    let out = tribune()
        .args(["kwic", "-", "growth jobs", "--format", "json"])
        .write_stdin("A: We want growth. Jobs matter. Growth jobs now.\n")
        .stdout_ok();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("json");
    let rows = v["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["match"], "Growth jobs");
    assert_eq!(rows[0]["left"], "We want growth. Jobs matter.");
    assert_eq!(rows[0]["right"], "now");
}

// ---------------------------------------------------------------------------
// The fast word segmenter.

fn crate_indices(s: &str) -> Vec<(usize, &str)> {
    s.unicode_word_indices().collect()
}

/// The sample and every fixture of `wh/` and `shapes/`: real text.
fn real_text_files() -> Vec<std::path::PathBuf> {
    let mut files = vec![sample_path()];
    for dir in ["wh", "shapes"] {
        if let Ok(rd) = std::fs::read_dir(fixture(dir)) {
            files.extend(rd.filter_map(|e| e.ok().map(|e| e.path())));
        }
    }
    files.sort();
    files
}

#[test]
fn fast_words_equal_unicode_words_on_real_text() {
    let files = real_text_files();
    let mut n = 0;
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        assert_eq!(
            words::word_indices(&text),
            crate_indices(&text),
            "{}",
            f.display()
        );
        assert_eq!(count_words(&text), text.unicode_words().count());
        n += 1;
    }
    assert!(n >= 2);
    // The sample's turns: the reference word counts (turn_words_seed.csv).
    let c = sample();
    let total: usize = c.turns().map(|(_, t)| count_words(&t.text)).sum();
    assert_eq!(total, 6901);
}

#[test]
fn fast_words_handle_the_uax29_ascii_rules() {
    for s in [
        "a.b 3.5 3,500 3;5 don't a_b a:b _a a_ __ a1.b 1.a a..b e.g. x' 'x a:1 1:2 1'2 a'1",
        "end. Start\r\nnext\ttab a\u{a0}b a\u{2014}b \u{201c}q\u{201d} a\u{2026} \u{2019}s a\u{2019}",
        "a\u{202f}b co\u{ad}op e\u{301}t\u{e9} \u{a0}\u{301}x \u{5d0}\u{2019}\u{5d1} \u{1f1fa}\u{1f1f8} 👍🏽 カタカナ 中文",
        "x \u{200d}y a\u{2018}b a\u{2024}b \u{feff}word",
    ] {
        assert_eq!(words::word_indices(s), crate_indices(s), "{s:?}");
    }
}

fn heavy_ascii_char() -> impl Strategy<Value = char> {
    prop_oneof![
        8 => prop::char::range('a', 'e'),
        3 => prop::char::range('A', 'C'),
        3 => prop::char::range('0', '3'),
        4 => Just(' '),
        6 => prop::sample::select(vec!['.', ',', ';', ':', '\'', '_', '-', '!', '?', '\n', '\r', '\t', '"', '(']),
        4 => prop::sample::select(vec![
            '\u{2019}', '\u{2018}', '\u{201c}', '\u{201d}', '\u{2014}', '\u{2013}', '\u{2026}', '\u{a0}',
            '\u{202f}', '\u{ad}', '\u{301}', '\u{200d}', '\u{e9}', '\u{5d0}', '\u{1f1fa}', '\u{1f44d}',
            '\u{30ab}', '\u{4e2d}', '\u{2024}', '\u{ff0e}', '\u{3000}', '\u{feff}', '\u{b2}',
            // Alphabetic marks that extend the character before them.
            '\u{d4c}', '\u{903}',
        ]),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The fast path yields exactly `unicode_word_indices()`.
    #[test]
    fn fast_path_equals_unicode_words(chars in prop::collection::vec(heavy_ascii_char(), 0..300)) {
        let s: String = chars.into_iter().collect();
        prop_assert_eq!(words::word_indices(&s), crate_indices(&s));
        prop_assert_eq!(count_words(&s), s.unicode_words().count());
        // With folding: the crate's words of the folded text.
        let folded: Vec<String> = words::word_indices_folded(&s)
            .into_iter()
            .map(|(_, w)| w.replace('\u{2019}', "'"))
            .collect();
        let f = s.replace('\u{2019}', "'");
        let expect: Vec<&str> = f.unicode_words().collect();
        prop_assert_eq!(folded, expect);
    }
}

// ---------------------------------------------------------------------------
// Counting properties.

const POOL: &[&str] = &[
    "jobs",
    "Jobs",
    "job",
    "growth",
    "the",
    "and",
    "of",
    "wages",
    "employment",
    "employed",
    "People’s",
    "it’s",
    "2014",
    "1.5",
    "free.The",
    "U.S.",
    "labor",
    "uh",
    "China’s",
    "economy",
];
const PUNCT: &[&str] = &[" ", " ", " ", ", ", ". ", "? ", "! ", "\n"];

fn speech() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (prop::sample::select(POOL), prop::sample::select(PUNCT)),
        1..25,
    )
    .prop_map(|v| {
        let mut s = String::new();
        for (w, p) in v {
            s.push_str(w);
            s.push_str(p);
        }
        s.trim_end().to_string()
    })
}

/// A transcript: turns by speakers A, B, C.
fn transcript() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(vec!["Alpha", "Beta", "Gamma"]),
            speech(),
        ),
        1..6,
    )
    .prop_map(|turns| {
        let mut s = String::new();
        for (who, text) in turns {
            s.push_str(&format!("{who}: {}\n\n", text.replace('\n', " ")));
        }
        s
    })
}

fn sorted_counts(tc: &TermCounts) -> BTreeMap<String, (u64, u64, Vec<u32>)> {
    tc.terms
        .iter()
        .map(|(t, s)| (t.to_string(), (s.count, s.turns, s.speakers.to_vec())))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Speakers-only corpora count terms as full ones (random transcripts).
    #[test]
    fn speakers_only_counts_equal_full_counts(ts in prop::collection::vec(transcript(), 1..4)) {
        let files: Vec<(String, String)> = ts.into_iter().enumerate().map(|(i, t)| (format!("t{i}"), t)).collect();
        let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        assert_speakers_only_counts_the_same(&refs);
    }

    /// The table's display forms (chosen in ids) are what counting and
    /// then `display_forms` over the strings give.
    #[test]
    fn table_display_equals_count_then_display(ts in prop::collection::vec(transcript(), 1..4), n in 1usize..=3, by_transcript in any::<bool>()) {
        let files: Vec<(String, String)> = ts.into_iter().enumerate().map(|(i, t)| (format!("t{i}"), t)).collect();
        let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let a = analyzer(TextOptions { ngram: n, ..TextOptions::default() });
        let by = if by_transcript { GroupBy::Transcript } else { GroupBy::Speaker };
        let counts = count_corpus(&corpus(&refs), by, &a);
        let display: BTreeMap<String, String> = display_forms(counts.iter().map(|(_, c)| c))
            .into_iter()
            .map(|(t, d)| (t.to_string(), d.to_string()))
            .collect();
        let table = table_of(corpus(&refs), by, &a);
        let got: BTreeMap<String, String> = table.terms().map(|(t, d)| (t.to_string(), d.to_string())).collect();
        prop_assert_eq!(got, display);
    }

    /// The ranked table in ids gives the rows the string counts give.
    #[test]
    fn table_rows_equal_the_rows_of_the_counts(ts in prop::collection::vec(transcript(), 1..4), n in 1usize..=3, by_transcript in any::<bool>(), top in prop::option::of(1usize..6), min_count in 1u64..3) {
        use tribune::analysis::terms::{Layout, rows, table, table_rows, write_table};
        let files: Vec<(String, String)> = ts.into_iter().enumerate().map(|(i, t)| (format!("t{i}"), t)).collect();
        let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let a = analyzer(TextOptions { ngram: n, ..TextOptions::default() });
        let by = if by_transcript { GroupBy::Transcript } else { GroupBy::Speaker };
        let counts = count_corpus(&corpus(&refs), by, &a);
        let display = display_forms(counts.iter().map(|(_, c)| c));
        let expected = rows(&counts, &display, top, min_count);
        let counted = table_of(corpus(&refs), by, &a);
        let got: Vec<_> = counted.groups.iter().flat_map(|g| table_rows(&counted, g, top, min_count)).collect();
        prop_assert_eq!(format!("{got:?}"), format!("{expected:?}"));
        // The CSV from ids is the table's.
        let csv = write_table(&counted, by, Layout::Csv, top, min_count).concat();
        let want = table(&expected).to_csv();
        prop_assert_eq!(String::from_utf8_lossy(&csv), String::from_utf8_lossy(&want));
        // So is the Markdown, whose alignment row follows the first group's
        // first row.
        let first_shown = counted.groups.first().is_none_or(|g| g.rows.first().is_some_and(|r| r.count >= min_count));
        if first_shown {
            let md = write_table(&counted, by, Layout::Markdown, top, min_count).concat();
            prop_assert_eq!(String::from_utf8_lossy(&md), table(&expected).to_markdown());
        }
        let text = write_table(&counted, by, Layout::Text { width: 60 }, top, min_count).concat();
        prop_assert_eq!(String::from_utf8_lossy(&text), table(&expected).to_text(60));
        let json = write_table(&counted, by, Layout::Json, top, min_count).concat();
        let json: serde_json::Value = serde_json::from_slice(&json).expect("JSON");
        prop_assert_eq!(&json["by"], by.as_str());
        prop_assert_eq!(json["rows"].as_array().map(Vec::len), Some(expected.len()));
        for (g, (name, c)) in counted.groups.iter().zip(&counts) {
            prop_assert_eq!((&g.name, g.tokens, g.turns, g.rows.len()), (name, c.tokens, c.turns, c.terms.len()));
        }
    }

    /// The counts of a group add up to its token total, and the totals to
    /// the tokens (n-grams) of its turns.
    #[test]
    fn counts_add_up_to_the_token_total(ts in prop::collection::vec(transcript(), 1..4), n in 1usize..=3) {
        let files: Vec<(String, String)> = ts.into_iter().enumerate().map(|(i, t)| (format!("t{i}"), t)).collect();
        let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let c = corpus(&refs);
        let a = analyzer(TextOptions { ngram: n, ..TextOptions::default() });
        let counts = count_corpus(&c, GroupBy::Speaker, &a);
        let mut all = 0;
        for (_, tc) in &counts {
            prop_assert_eq!(tc.terms.values().map(|s| s.count).sum::<u64>(), tc.tokens);
            for s in tc.terms.values() {
                prop_assert_eq!(s.surfaces.iter().map(|x| x.1).sum::<u64>(), s.count);
                prop_assert!(s.turns <= s.count && s.turns <= tc.turns);
            }
            all += tc.tokens;
        }
        let direct: usize = c.turns().map(|(_, t)| a.terms(&t.text).len()).sum();
        prop_assert_eq!(all, direct as u64);
    }

    /// Counting each transcript apart and merging in any order gives the
    /// corpus counts; the plain per-turn path gives them too.
    #[test]
    fn merging_per_transcript_counts_in_any_order_gives_the_corpus_counts(
        ts in prop::collection::vec(transcript(), 1..5),
        order in Just((0..5usize).collect::<Vec<_>>()).prop_shuffle(),
        n in 1usize..=3,
        skip in any::<bool>(),
    ) {
        let files: Vec<(String, String)> = ts.into_iter().enumerate().map(|(i, t)| (format!("t{i}"), t)).collect();
        let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let c = corpus(&refs);
        let a = analyzer(TextOptions { ngram: n, ngram_skip_stopwords: skip, ..TextOptions::default() });
        for by in [GroupBy::Speaker, GroupBy::Corpus] {
            let gs = groups(&c, by);
            let whole = count_groups(&c, &gs, &a);
            let mut merged = vec![TermCounts::default(); gs.len()];
            for &ti in order.iter().filter(|&&i| i < c.transcripts.len()) {
                let part: Vec<Group> = gs
                    .iter()
                    .map(|g| Group { name: g.name.clone(), turns: g.turns.iter().copied().filter(|&(t, _)| t == ti).collect() })
                    .collect();
                for (m, p) in merged.iter_mut().zip(count_groups(&c, &part, &a)) {
                    *m += p;
                }
            }
            prop_assert_eq!(&merged, &whole);
            // The plain path, turn by turn.
            for (g, w) in gs.iter().zip(&whole) {
                let mut plain = TermCounts::default();
                for &(t, u) in &g.turns {
                    let turn = &c.transcripts[t].turns[u];
                    add_turn(&mut plain, &a, &turn.text, turn.speaker as u32);
                }
                prop_assert_eq!(sorted_counts(&plain), sorted_counts(w));
                prop_assert_eq!((plain.tokens, plain.turns), (w.tokens, w.turns));
                prop_assert_eq!(&plain, w);
            }
        }
    }

    /// Each unbroken run of k tokens gives k − n + 1 n-grams (none if k < n).
    #[test]
    fn a_run_of_k_tokens_gives_k_minus_n_plus_1_ngrams(text in speech(), skip in any::<bool>()) {
        let a = analyzer(TextOptions { ngram_skip_stopwords: skip, ..TextOptions::default() });
        let tokens: Vec<Token> = a.tokens(&text);
        let runs: Vec<usize> = ngram::runs(&tokens).map(<[Token]>::len).collect();
        prop_assert_eq!(runs.iter().sum::<usize>(), tokens.len());
        for n in 1..=3 {
            let expect: usize = runs.iter().map(|&k| (k + 1).saturating_sub(n)).sum();
            prop_assert_eq!(ngram::ngrams(&tokens, n).len(), expect);
        }
        // Runs really are maximal: each run after the first starts unjoined.
        let mut i = 0;
        for k in runs {
            prop_assert!(!tokens[i].joined);
            prop_assert!(tokens[i + 1..i + k].iter().all(|t| t.joined));
            i += k;
        }
    }

    /// The plain word sequence is `unicode_words()` lower-cased.
    #[test]
    fn plain_words_are_unicode_words_lower_cased(text in speech()) {
        let expect: Vec<String> = text.unicode_words().map(str::to_lowercase).collect();
        prop_assert_eq!(plain_words(&text), expect);
    }
}

#[test]
fn every_word_is_classified_once() {
    let a = default_analyzer();
    let w = a.words("The 2014 jobs, free.The workers");
    let kinds: Vec<WordKind> = w.iter().map(|w| w.kind).collect();
    assert_eq!(
        kinds,
        [
            WordKind::Stopword,
            WordKind::Number,
            WordKind::Term,
            WordKind::Term,
            WordKind::Stopword,
            WordKind::Term
        ]
    );
    assert_eq!(
        w.iter().map(|w| w.sentence_start).collect::<Vec<_>>(),
        [true, false, false, false, true, false]
    );
}

/// The pieces of the analyzer, the plain way: the crate's words (with `’`
/// read as `'`) without the white space at their ends, each split at
/// full stops, a sentence start wherever the bytes between two pieces hold
/// `.` `?` `!` `…` or a line break.
fn reference_pieces(text: &str) -> Vec<(usize, usize, bool)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut prev_end = 0;
    words::for_each_word(text, true, |s, e| {
        let (s, e) = (
            e - text[s..e].trim_start().len(),
            s + text[s..e].trim_end().len(),
        );
        words::split_full_stops(&text[s..e], |ps, pe| {
            let (ps, pe) = (s + ps, s + pe);
            let gap = String::from_utf8_lossy(&b[prev_end..ps]).into_owned();
            let brk = out.is_empty() || gap.contains(['.', '?', '!', '\n', '…']);
            out.push((ps, pe, brk));
            prev_end = pe;
        });
    });
    out
}

/// The pieces of `text` with their sentence starts, checking that the
/// plain walk (no sentence starts) finds the same pieces.
fn pieces(text: &str) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    words::for_each_piece(text, |s, e, brk| out.push((s, e, brk)));
    let mut plain = Vec::new();
    words::for_each_piece_plain(text, &mut |s, e, brk| plain.push((s, e, brk)));
    let expected: Vec<_> = out.iter().map(|&(s, e, _)| (s, e, false)).collect();
    assert_eq!(plain, expected, "plain pieces of {text:?}");
    out
}

#[test]
fn pieces_equal_the_plain_way_on_real_text() {
    let files = real_text_files();
    assert!(files.len() >= 3);
    for f in &files {
        if let Ok(text) = std::fs::read_to_string(f) {
            assert_eq!(pieces(&text), reference_pieces(&text), "{}", f.display());
        }
    }
    // Splits and sentence ends at every position around a block edge.
    for pad in 0..140 {
        let s = format!(
            "{}free.The U.S. it.I e.g. a\u{2026}b ___ x? y! ab.c.De 3.5\nz",
            "w ".repeat(pad / 2) + if pad % 2 == 1 { "." } else { "" }
        );
        assert_eq!(pieces(&s), reference_pieces(&s), "{s:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The analyzer's pieces (bit-parallel in ASCII stretches) are the
    /// plain way's.
    #[test]
    fn pieces_equal_the_plain_way(chars in prop::collection::vec(heavy_ascii_char(), 0..300)) {
        let s: String = chars.into_iter().collect();
        prop_assert_eq!(pieces(&s), reference_pieces(&s));
    }
}

/// The plain pieces of `text`, as `(start, end)`.
fn plain_pieces(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    words::for_each_piece_plain(text, &mut |s, e, _| out.push((s, e)));
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// The pieces of a range of a text are the pieces of the slice alone,
    /// whatever lies around it (here letters, digits and marks that would
    /// join a word across the range's ends).
    #[test]
    fn pieces_of_a_range_are_the_pieces_of_the_slice(
        chars in prop::collection::vec(heavy_ascii_char(), 0..200),
        before in prop::sample::select(vec!["", "ab", "a.", "3,", "x\u{2019}", "\u{e9}", "a'"]),
        after in prop::sample::select(vec!["", "cd", ".B", "5", "\u{2019}s", "\u{301}", "'t", "x".repeat(70).leak()]),
    ) {
        let s: String = chars.into_iter().collect();
        let buf = format!("{before}{s}{after}");
        let at = before.len();
        let mut got = Vec::new();
        words::for_each_piece_plain_in(&buf, at, at + s.len(), &mut |a, z, _| got.push((a - at, z - at)));
        prop_assert_eq!(got, plain_pieces(&s));
    }

    /// No piece spans ASCII white space: the pieces of two texts joined
    /// by white space are the pieces of each (why counting the lines of a
    /// turn one by one, or a stretch of a file with the white space
    /// between its lines, counts the turn's joined text).
    #[test]
    fn pieces_never_span_white_space(
        a in prop::collection::vec(heavy_ascii_char(), 0..80),
        b in prop::collection::vec(heavy_ascii_char(), 0..80),
        gap in prop::sample::select(vec![" ", "\n", "\r\n", "\t", "  \n\n ", "\x0c"]),
    ) {
        let (a, b): (String, String) = (a.into_iter().collect(), b.into_iter().collect());
        let joined = format!("{a}{gap}{b}");
        let mut want = plain_pieces(&a);
        let shift = a.len() + gap.len();
        want.extend(plain_pieces(&b).into_iter().map(|(s, e)| (s + shift, e + shift)));
        prop_assert_eq!(plain_pieces(&joined), want);
    }
}

/// The CSV cells of a large table (rendered in chunks side by side) are
/// each term's own cells.
#[test]
fn csv_cells_of_a_large_table_are_each_terms_own() {
    use tribune::analysis::terms::{Layout, table, table_rows, write_table};
    let word = |mut i: usize| {
        let mut w = String::from("q");
        loop {
            w.push(char::from(b'a' + (i % 26) as u8));
            i /= 26;
            if i == 0 {
                return w;
            }
        }
    };
    let speech: Vec<String> = (0..12_000).map(word).collect();
    let text = format!("Alpha: {}, \"quoted\" =x.\n", speech.join(" "));
    let counted = table_of(
        corpus(&[("t", &text)]),
        GroupBy::Speaker,
        &default_analyzer(),
    );
    assert!(
        counted.terms().count() > 8192,
        "{}",
        counted.terms().count()
    );
    let rows: Vec<_> = counted
        .groups
        .iter()
        .flat_map(|g| table_rows(&counted, g, None, 1))
        .collect();
    let csv = write_table(&counted, GroupBy::Speaker, Layout::Csv, None, 1).concat();
    assert_eq!(
        String::from_utf8_lossy(&csv),
        String::from_utf8_lossy(&table(&rows).to_csv())
    );
}
