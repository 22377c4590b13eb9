//! Output and memory bounded on large inputs: `keyness --target each-…`
//! keeps 20 terms a side by default and writes its tables as they are
//! made; `kwic` writes its rows as it finds them and takes any window
//! without overflowing; the report's timeline pools turns into bins past
//! a limit.

use serde_json::Value;

use tribune::analysis::keyness::{KeynessParams, keyness_each, table as key_table};
use tribune::analysis::kwic::{kwic, table as kwic_table};
use tribune::text::{Analyzer, TextOptions};
use tribune::transcript::group::GroupBy;

use crate::util::{StdoutOk, corpus_of, many_speakers, tribune};

fn analyzer() -> Analyzer {
    Analyzer::new(&TextOptions::default()).expect("default text options")
}

/// A temporary folder with `name` holding `text`.
fn file_with(name: &str, text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("writes");
    (dir, path)
}

/// Rows of a CSV text by their first column's value.
fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut r = csv::Reader::from_reader(bytes);
    r.records()
        .map(|x| x.expect("csv").iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn each_speaker_keeps_20_terms_a_side_by_default_and_all_with_top_all() {
    // 120 speakers, 4 turns of 40 words over 400 words.
    let (_dir, path) = file_with("many.txt", &many_speakers(120, 4, 40, 400));
    let corpus = corpus_of(std::slice::from_ref(&path)).expect("parses");
    assert_eq!(corpus.speakers.len(), 120);
    let an = analyzer();

    // The default: 20 a side, the rows the library gives with --top 20.
    let got = tribune()
        .args(["keyness", "--target", "each-speaker", "--format", "csv"])
        .arg(&path)
        .stdout_ok();
    let twenty = KeynessParams {
        top: Some(20),
        ..KeynessParams::default()
    };
    let want = keyness_each(&corpus, &an, GroupBy::Speaker, &twenty).expect("tables");
    assert_eq!(want.len(), 120);
    assert_eq!(got, key_table(&want).to_csv());
    let rows = csv_rows(&got);
    for k in &want {
        let over = k.rows.iter().filter(|r| r.side == "target").count();
        let under = k.rows.iter().filter(|r| r.side == "reference").count();
        assert!(over <= 20 && under <= 20, "{}: {over} {under}", k.target);
    }
    // Every speaker uses more than 20 of the 400 words more than the
    // rest does, and leaves more than 20 under: 40 rows each.
    assert_eq!(rows.len(), 120 * 40);

    // --top all: every term tested, for every speaker; the JSON is the
    // whole object serde gives, written table by table.
    let all = KeynessParams::default();
    let want = keyness_each(&corpus, &an, GroupBy::Speaker, &all).expect("tables");
    let got = tribune()
        .args([
            "keyness",
            "--target",
            "each-speaker",
            "--top",
            "all",
            "--format",
            "json",
        ])
        .arg(&path)
        .stdout_ok();
    #[derive(serde::Serialize)]
    struct Out<'a> {
        results: &'a [tribune::analysis::keyness::Keyness],
    }
    let mut expect = serde_json::to_vec_pretty(&Out { results: &want }).expect("json");
    expect.push(b'\n');
    assert_eq!(
        String::from_utf8_lossy(&got),
        String::from_utf8_lossy(&expect)
    );
    let tested = want[0].rows.len();
    assert!(want.iter().all(|k| k.rows.len() == tested));
    assert!(tested > 200, "{tested} terms tested");
    let v: Value = serde_json::from_slice(&got).expect("JSON");
    assert_eq!(v["results"].as_array().map(Vec::len), Some(120));
    // Markdown and CSV written in parts are the whole table's.
    for (format, whole) in [
        ("csv", key_table(&want).to_csv()),
        ("md", key_table(&want).to_markdown().into_bytes()),
    ] {
        let got = tribune()
            .args([
                "keyness",
                "--target",
                "each-speaker",
                "--top",
                "all",
                "--format",
                format,
            ])
            .arg(&path)
            .stdout_ok();
        assert!(got == whole, "{format}");
    }
}

#[test]
fn each_target_default_and_top_are_in_the_help() {
    let help = tribune().args(["keyness", "--help"]).stdout_ok();
    let help = String::from_utf8_lossy(&help).replace(char::is_whitespace, " ");
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(help.contains("--top <N|all>"), "{help}");
    assert!(
        help.contains("default: all with one target; 20 with each-speaker, each-role, each-outlet"),
        "{help}"
    );
    assert!(help.contains("unless --p-max is given"), "{help}");
    // A number or `all`, nothing else.
    tribune()
        .args(["keyness", "--target", "each-speaker", "--top", "many"])
        .arg(crate::util::sample_path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "`many` is not a number of rows or `all`",
        ));
}

#[test]
fn one_target_still_gets_every_term_by_default() {
    let path = crate::util::sample_path();
    let got = tribune()
        .args(["keyness", "--target", "Zulyat Ismail", "--format", "csv"])
        .arg(&path)
        .stdout_ok();
    let corpus = crate::util::sample();
    let an = analyzer();
    let spec = tribune::transcript::group::Spec::parse("Zulyat Ismail", &corpus).expect("spec");
    let k =
        tribune::analysis::keyness::keyness(&corpus, &an, &spec, None, &KeynessParams::default())
            .expect("table");
    assert_eq!(got, key_table(std::slice::from_ref(&k)).to_csv());
    assert!(k.rows.len() > 40);
}

#[test]
fn kwic_windows_of_any_size_stop_at_the_turn() {
    let (_dir, path) = file_with(
        "w.txt",
        "SMITH: one two jobs three four.\n\nJONES: five jobs six.\n",
    );
    let corpus = corpus_of(std::slice::from_ref(&path)).expect("parses");
    let an = analyzer();
    for window in [usize::MAX, usize::MAX - 1, 1 << 40, 2] {
        let hits = kwic(&corpus, &an, "jobs", window, None, false).expect("hits");
        let got: Vec<(&str, &str, &str)> = hits
            .iter()
            .map(|h| (h.left.as_str(), h.matched.as_str(), h.right.as_str()))
            .collect();
        assert_eq!(
            got,
            [("one two", "jobs", "three four"), ("five", "jobs", "six")],
            "window {window}"
        );
    }
    // On the command line the window is at most 1,000 words: a usage error.
    for w in ["18446744073709551615", "1001"] {
        tribune()
            .args(["kwic", "--window", w])
            .arg(&path)
            .arg("jobs")
            .assert()
            .code(2)
            .stderr(predicates::str::contains("--window"));
    }
    let out = tribune()
        .args(["kwic", "--window", "1000", "--format", "csv"])
        .arg(&path)
        .arg("jobs")
        .stdout_ok();
    assert_eq!(
        String::from_utf8_lossy(&out),
        "transcript,line,speaker,left,match,right\nw,1,SMITH,one two,jobs,three four\nw,3,JONES,five,jobs,six\n"
    );
}

#[test]
fn kwic_rows_are_written_in_parts_as_the_whole_table() {
    // 30 speakers, 6 turns of 30 words over 20 words: every word comes
    // often, so `bb` has hundreds of hits (more than one part of 256).
    let (_dir, path) = file_with("k.txt", &many_speakers(30, 6, 30, 20));
    let corpus = corpus_of(std::slice::from_ref(&path)).expect("parses");
    let hits = kwic(&corpus, &analyzer(), "bb", 5, None, false).expect("hits");
    assert!(hits.len() > 600, "{} hits", hits.len());
    let csv = tribune()
        .args(["kwic", "--format", "csv"])
        .arg(&path)
        .arg("bb")
        .stdout_ok();
    assert_eq!(csv, kwic_table(&hits).to_csv());
    let json = tribune()
        .args(["kwic", "--format", "json"])
        .arg(&path)
        .arg("bb")
        .stdout_ok();
    #[derive(serde::Serialize)]
    struct Out<'a> {
        pattern: &'a str,
        rows: &'a [tribune::analysis::kwic::Hit],
    }
    let mut expect = serde_json::to_vec_pretty(&Out {
        pattern: "bb",
        rows: &hits,
    })
    .expect("json");
    expect.push(b'\n');
    assert_eq!(
        String::from_utf8_lossy(&json),
        String::from_utf8_lossy(&expect)
    );
    // The terminal format aligns each part of 256 rows on its own: one
    // header a part, parts apart by a blank line.
    let text = tribune()
        .args(["kwic", "--format", "table"])
        .arg(&path)
        .arg("bb")
        .stdout_ok();
    let text = String::from_utf8_lossy(&text);
    let headers = text
        .lines()
        .filter(|l| l.starts_with("transcript  line"))
        .count();
    assert_eq!(headers, hits.len().div_ceil(256));
    assert_eq!(text.lines().count(), hits.len() + 3 * headers - 1);
    // No hit: the header alone.
    let none = tribune()
        .args(["kwic", "--format", "csv"])
        .arg(&path)
        .arg("zzzzzz")
        .stdout_ok();
    assert_eq!(
        String::from_utf8_lossy(&none),
        "transcript,line,speaker,left,match,right\n"
    );
    let none = tribune()
        .args(["kwic", "--format", "json"])
        .arg(&path)
        .arg("zzzzzz")
        .stdout_ok();
    assert_eq!(
        String::from_utf8_lossy(&none),
        "{\n  \"pattern\": \"zzzzzz\",\n  \"rows\": []\n}\n"
    );
}

/// The timeline of `rows` on a page that colours the speakers by words,
/// as a report does.
fn timeline_of(rows: Vec<Vec<(&str, u64)>>) -> String {
    use std::collections::BTreeMap;
    use tribune::report::charts::{
        Length, Page, TimelineInput, TimelineRow, TimelineTurn, turn_timeline,
    };
    let mut words: BTreeMap<&str, u64> = BTreeMap::new();
    for (s, w) in rows.iter().flatten() {
        *words.entry(s).or_default() += w;
    }
    let mut speakers: Vec<(&str, u64)> = words.into_iter().collect();
    speakers.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let speakers: Vec<String> = speakers.iter().map(|s| s.0.to_string()).collect();
    let page = Page::new(Length::default(), 300, "", &speakers);
    let svg = turn_timeline(
        &TimelineInput {
            title: "Turns over time".into(),
            transcripts: rows
                .into_iter()
                .enumerate()
                .map(|(i, turns)| TimelineRow {
                    label: format!("T{i}"),
                    turns: turns
                        .into_iter()
                        .map(|(s, w)| TimelineTurn {
                            speaker: s.into(),
                            words: w,
                        })
                        .collect(),
                })
                .collect(),
            ..TimelineInput::default()
        },
        &page,
    )
    .expect("chart")
    .svg;
    // The chart's text, lines joined, then the SVG: notes wrap over lines.
    let text: Vec<&str> = svg
        .split("<text ")
        .skip(1)
        .filter_map(|p| Some(p.split_once('>')?.1.split_once("</text>")?.0.trim()))
        .collect();
    format!("{}\n{svg}", text.join(" "))
}

#[test]
fn the_timeline_bins_rows_of_many_turns() {
    const NOTE: &str = "Rows of more than 200 turns are drawn as 200 bins of equal words, each in the colour of the speakers with most words in it.";
    let rects = |svg: &str| svg.matches("<rect").count();
    // A's colour (the first of the palette): the legend's box and A's segments.
    let blue = |svg: &str| svg.matches("fill=\"#0072B2\"").count();
    // 500 one-word turns of A, then 500 of B: 200 bins of 5 words, the
    // first 100 A's, the rest B's: two segments, as two turns of 500
    // words give.
    let many: Vec<(&str, u64)> = (0..1000)
        .map(|i| (if i < 500 { "A" } else { "B" }, 1))
        .collect();
    let binned = timeline_of(vec![many]);
    let two = timeline_of(vec![vec![("A", 500), ("B", 500)]]);
    assert!(binned.contains(NOTE));
    assert!(!two.contains(NOTE));
    assert_eq!(rects(&binned), rects(&two));
    assert_eq!((blue(&binned), blue(&two)), (2, 2));
    // 200 turns are drawn one by one (one rect more than 199 turns).
    let turns = |n: usize| -> Vec<(&str, u64)> {
        (0..n)
            .map(|i| (["A", "B", "C"][i % 3], 1 + (i % 7) as u64))
            .collect()
    };
    let (at_limit, under) = (timeline_of(vec![turns(200)]), timeline_of(vec![turns(199)]));
    assert!(!at_limit.contains(NOTE));
    assert_eq!(rects(&at_limit), rects(&under) + 1);

    // 40 transcripts of 5,000 turns by 30 speakers (200,000 turns): each
    // row at most 200 segments; the SVG stays under 1.5 MB (one shape a
    // turn made 20 MB).
    let names: Vec<String> = (0..30).map(|i| format!("Speaker {i}")).collect();
    let rows: Vec<Vec<(&str, u64)>> = (0..40)
        .map(|r| {
            (0..5000)
                .map(|i| {
                    (
                        names[(i * 7 + r) % 30].as_str(),
                        1 + ((i * 13 + r) % 40) as u64,
                    )
                })
                .collect()
        })
        .collect();
    let big = timeline_of(rows);
    assert!(big.contains(NOTE));
    assert!(rects(&big) <= 40 * 200 + 100, "{} rects", rects(&big));
    assert!(big.len() < 1_500_000, "{} bytes", big.len());
}
