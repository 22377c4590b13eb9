//! Transcript structure: turns, speakers, roles, outlets, exchanges, on the
//! sample (expectations read off the file by hand), on real White House and
//! Shakespeare excerpts, and on one fixture per input shape.

use proptest::prelude::*;
use tribune::ingest::{Encoding, decode};
use tribune::transcript::{Corpus, Role};

use crate::util::{corpus_of, fixture, read_csv, sample, shared_corpus};

fn speaker<'a>(c: &'a Corpus, name: &str) -> &'a tribune::transcript::Speaker {
    c.speakers
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| {
            panic!(
                "no speaker {name}; have {:?}",
                c.speakers.iter().map(|s| &s.name).collect::<Vec<_>>()
            )
        })
}

fn turns_of(c: &Corpus, name: &str) -> usize {
    c.turns()
        .filter(|(_, t)| c.speakers[t.speaker].name == name)
        .count()
}

#[test]
fn sample_speakers_roles_and_turns_read_by_hand() {
    let c = sample();
    // (speaker, role, outlet, turns): read off the sample line by line.
    let expected: &[(&str, Role, Option<&str>, usize)] = &[
        ("Xu Guixiang", Role::Host, None, 22),
        ("Reuters", Role::Questioner, Some("Reuters"), 1),
        ("Rehmanjan Dawut", Role::Official, None, 4),
        ("Zulyat Ismail", Role::Official, None, 6),
        ("China Arab TV", Role::Questioner, Some("China Arab TV"), 1),
        (
            "Middle East News Agency",
            Role::Questioner,
            Some("Middle East News Agency"),
            1,
        ),
        ("China Daily", Role::Questioner, Some("China Daily"), 1),
        ("CGTN", Role::Questioner, Some("CGTN"), 1),
        ("Global Times", Role::Questioner, Some("Global Times"), 1),
        (
            "Xinjiang Station of China National Radio of China Media Group",
            Role::Questioner,
            Some("Xinjiang Station of China National Radio of China Media Group"),
            1,
        ),
        (
            "Xinhua News Agency",
            Role::Questioner,
            Some("Xinhua News Agency"),
            1,
        ),
        (
            "Xinjiang Radio and Television Station",
            Role::Questioner,
            Some("Xinjiang Radio and Television Station"),
            1,
        ),
        ("Askhal Tursun", Role::Official, None, 1),
        (
            "China News Service",
            Role::Questioner,
            Some("China News Service"),
            1,
        ),
    ];
    let names: Vec<&str> = c.speakers.iter().map(|s| s.name.as_str()).collect();
    let want: Vec<&str> = expected.iter().map(|e| e.0).collect();
    assert_eq!(names, want, "speakers in order of first appearance");
    for &(name, role, outlet, turns) in expected {
        let s = speaker(&c, name);
        assert_eq!(s.role, role, "{name}");
        assert_eq!(s.outlet.as_deref(), outlet, "{name}");
        assert_eq!(turns_of(&c, name), turns, "{name}");
        assert!(!s.explain.is_empty(), "{name} has an explanation");
    }
    let t = &c.transcripts[0];
    assert_eq!(t.turns.len(), 43);
    assert_eq!(c.total_words(), 6901);
}

#[test]
fn sample_turns_match_the_reference_segmentation() {
    let c = sample();
    let t = &c.transcripts[0];
    let rows = read_csv("reference/turn_words_seed.csv");
    assert_eq!(rows.len(), t.turns.len());
    for (turn, row) in t.turns.iter().zip(&rows) {
        assert_eq!(c.speakers[turn.speaker].name, row["speaker"]);
        assert_eq!(
            turn.first_line.to_string(),
            row["first_line"],
            "turn {}",
            row["turn"]
        );
        assert_eq!(
            turn.last_line.to_string(),
            row["last_line"],
            "turn {}",
            row["turn"]
        );
        assert_eq!(turn.words.to_string(), row["words"], "turn {}", row["turn"]);
    }
    // The text itself: paragraphs joined by a newline, label removed.
    let texts = read_csv("reference/turns.csv");
    for (turn, row) in t.turns.iter().zip(&texts) {
        let norm = |s: &str| {
            s.replace('\u{A0}', " ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(norm(&turn.text), norm(&row["text"]), "turn {}", row["turn"]);
    }
}

#[test]
fn sample_ten_exchanges_with_who_answered() {
    let c = sample();
    let t = &c.transcripts[0];
    let got: Vec<(String, Vec<String>, usize)> = t
        .exchanges
        .iter()
        .map(|e| {
            (
                e.outlet.clone().unwrap_or_default(),
                e.answered_by
                    .iter()
                    .map(|&s| c.speakers[s].name.clone())
                    .collect(),
                t.turns[e.question_turns[0]].first_line,
            )
        })
        .collect();
    let z = "Zulyat Ismail";
    let r = "Rehmanjan Dawut";
    let want: Vec<(&str, Vec<&str>, usize)> = vec![
        ("Reuters", vec![r, z], 16),
        ("China Arab TV", vec![z], 41),
        ("Middle East News Agency", vec![z], 64),
        ("China Daily", vec![z], 79),
        ("CGTN", vec![z], 100),
        ("Global Times", vec![r], 117),
        (
            "Xinjiang Station of China National Radio of China Media Group",
            vec![r],
            134,
        ),
        ("Xinhua News Agency", vec![r], 155),
        (
            "Xinjiang Radio and Television Station",
            vec!["Askhal Tursun"],
            168,
        ),
        ("China News Service", vec![z], 179),
    ];
    assert_eq!(got.len(), 10);
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g.0, w.0);
        assert_eq!(g.1, w.1, "{}", w.0);
        assert_eq!(g.2, w.2, "{}", w.0);
    }
    // The host's routing and thanks are not answers.
    let reuters = &t.exchanges[0];
    assert_eq!(reuters.routing_turns.len(), 3);
    assert_eq!(reuters.answer_turns.len(), 2);
    assert_eq!(reuters.question_words, 148);
    assert_eq!(reuters.answer_words, 368 + 184);
}

#[test]
fn sample_metadata_and_stage_lines_are_not_speakers() {
    let c = sample();
    for not in [
        "Source",
        "Host of press conference",
        "And the second is",
        "Another example",
    ] {
        assert!(
            c.speakers.iter().all(|s| s.name != not),
            "{not} is not a speaker"
        );
    }
    let t = &c.transcripts[0];
    assert!(
        t.metadata
            .iter()
            .any(|(k, v)| k == "Host of press conference" && v.ends_with("Xu Guixiang"))
    );
    let stage: Vec<_> = t.events.iter().filter(|e| e.line == 15).collect();
    assert_eq!(stage.len(), 1, "line 15 is a stage direction");
    assert!(stage[0].text.starts_with("Reporters from foreign press"));
    assert_eq!(
        t.title.as_deref(),
        Some("The 14th Press Conference on Xinjiang Related Issues")
    );
    assert_eq!(t.preamble.len(), 3);
}

#[test]
fn white_house_briefing_read_by_hand() {
    // 2021-01-20: 38 `MS. PSAKI:` labels and 35 bare `Q` labels (grep -c).
    // Line 168 is a question mislabelled `MS. PSAKI:` in the source, right
    // after a Psaki turn, and line 176 follows it: consecutive blocks by the
    // same label are one turn, so Psaki has 38 - 2 = 36 turns.
    let c = corpus_of(&[fixture(
        "wh/2021-01-20-press-briefing-by-press-secretary-jen-psaki-january-20-2021.md",
    )])
    .unwrap();
    let t = &c.transcripts[0];
    assert_eq!(t.date.as_deref(), Some("2021-01-20"));
    assert_eq!(
        t.title.as_deref(),
        Some("Press Briefing by Press Secretary Jen Psaki, January 20, 2021")
    );
    assert_eq!(turns_of(&c, "MS. PSAKI"), 36);
    assert_eq!(turns_of(&c, "Q"), 35);
    assert_eq!(speaker(&c, "Q").role, Role::Questioner);
    assert_eq!(speaker(&c, "MS. PSAKI").role, Role::Official);
    assert_eq!(t.exchanges.len(), 35, "each bare Q opens an exchange");
    // Front matter and time stamps are not speech.
    assert!(
        t.turns
            .iter()
            .all(|u| !u.text.contains("press-briefings") && !u.text.contains("P.M. EST"))
    );
    assert_eq!(t.turns[0].first_line, 14);
    assert!(t.turns[0].text.starts_with("Good evening, everyone."));
    assert_eq!(
        t.preamble,
        vec!["James S. Brady Press Briefing Room".to_string()]
    );

    // 2024-02-22 gaggle: 12 MODERATOR, 16 MR. KIRBY, 15 Q labels (grep -c).
    let c = corpus_of(&[fixture(
        "wh/2024-02-22-on-the-record-press-gaggle-by-white-house-national-security-communications-advisor-john-kirby-2.md",
    )])
    .unwrap();
    let t = &c.transcripts[0];
    assert_eq!(t.date.as_deref(), Some("2024-02-22"));
    assert_eq!(
        t.title.as_deref(),
        Some(
            "On-the-Record Press Gaggle by White House National Security Communications Advisor John Kirby"
        )
    );
    assert_eq!(
        (
            turns_of(&c, "MODERATOR"),
            turns_of(&c, "MR. KIRBY"),
            turns_of(&c, "Q")
        ),
        (12, 16, 15)
    );
    assert_eq!(speaker(&c, "MODERATOR").role, Role::Host);
    assert_eq!(speaker(&c, "MR. KIRBY").role, Role::Official);
    assert_eq!(t.exchanges.len(), 15);
    // The moderator's "Next up, we'll go to ..." is routing, not an answer.
    assert!(t.exchanges.iter().all(|e| {
        e.answered_by
            .iter()
            .all(|&s| c.speakers[s].name == "MR. KIRBY")
    }));
    // The moderator names whom they call on: "We'll go to Zeke Miller from
    // the Associated Press" (10 of the 15 questions are called on by name).
    assert_eq!(t.exchanges[0].called_on.as_deref(), Some("Zeke Miller"));
    assert_eq!(t.exchanges[0].outlet.as_deref(), Some("Associated Press"));
    let named: Vec<&str> = t
        .exchanges
        .iter()
        .filter_map(|e| e.called_on.as_deref())
        .collect();
    assert_eq!(
        named,
        [
            "Zeke Miller",
            "Gabe Gutierrez",
            "Aurelia End",
            "Michael Gordon",
            "James Rosen",
            // "We don't seem to have Laura.  We'll go to the line of Trudy Rubin."
            "Trudy Rubin",
            "Jennifer Jacobs",
            "Humeyra",
            "Zolan Kanno-Youngs",
            "Edward Lawrence"
        ]
    );
    assert_eq!(t.exchanges.iter().filter(|e| e.outlet.is_some()).count(), 1);
    // `Q    On the Mideast: So that ...` is a Q turn, not a label `On the Mideast`.
    assert!(c.speakers.iter().all(|s| !s.name.starts_with("On the")));
}

#[test]
fn shakespeare_labels_alone_on_their_line_and_verse_colons() {
    // 40 labels alone on their line, no two in a row by the same speaker:
    // First Citizen 19, MENENIUS 9, All 6, Second Citizen 6.
    let c = corpus_of(&[fixture("shakespeare_head.txt")]).unwrap();
    let t = &c.transcripts[0];
    assert_eq!(t.turns.len(), 40);
    assert_eq!(c.speakers.len(), 4);
    for (name, n) in [
        ("First Citizen", 19),
        ("MENENIUS", 9),
        ("All", 6),
        ("Second Citizen", 6),
    ] {
        assert_eq!(turns_of(&c, name), n, "{name}");
    }
    // Verse lines that end in `:` continue the speech.
    assert!(t.turns.iter().any(|u| {
        u.text
            .contains("Rebell'd against the belly, thus accused it:")
    }));
    assert_eq!(
        t.turns[0].text,
        "Before we proceed any further, hear me speak."
    );
    assert_eq!(t.turns[0].first_line, 1);
}

#[test]
fn shapes_debate() {
    let c = corpus_of(&[fixture("shapes/debate.txt")]).unwrap();
    let t = &c.transcripts[0];
    let seq: Vec<&str> = t
        .turns
        .iter()
        .map(|u| c.speakers[u.speaker].name.as_str())
        .collect();
    assert_eq!(
        seq,
        [
            "ANDERSON COOPER",
            "CLINTON",
            "SANDERS",
            "ANDERSON COOPER",
            "WEBB",
            "CLINTON",
            "ANDERSON COOPER",
            "SANDERS"
        ]
    );
    let cooper = speaker(&c, "ANDERSON COOPER");
    assert_eq!(cooper.role, Role::Host);
    assert!(cooper.aliases.contains(&"COOPER".to_string()));
    assert!(
        speaker(&c, "CLINTON")
            .aliases
            .contains(&"ClINTON".to_string())
    );
    // Stage directions: whole-line, before a label, inline, time-coded.
    let kinds: Vec<&str> = t.events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["applause", "laughter", "applause", "crosstalk"]);
    assert_eq!(
        t.turns[1].text,
        "I am a progressive who likes to get things done.\nAnd I will tell you why."
    );
    assert!(
        t.turns[2]
            .text
            .starts_with("Let me say this: the American people")
    );
    assert!(
        t.turns[4]
            .text
            .contains("Jim Webb is right: we need leadership. Another example: the economy.")
    );
    assert_eq!(t.preamble, ["DEMOCRATIC DEBATE, LAS VEGAS"]);
    // The moderator's own questions make exchanges: the first question
    // (Clinton, then Sanders answer), "Senator Webb, your response?" (Webb,
    // then Clinton) and "Senator Sanders?" (Sanders).
    for name in ["CLINTON", "SANDERS", "WEBB"] {
        assert_eq!(speaker(&c, name).role, Role::Official, "{name}");
    }
    let answered: Vec<Vec<&str>> = t
        .exchanges
        .iter()
        .map(|e| {
            assert_eq!(c.speakers[e.questioner].name, "ANDERSON COOPER");
            e.answered_by
                .iter()
                .map(|&s| c.speakers[s].name.as_str())
                .collect()
        })
        .collect();
    assert_eq!(
        answered,
        [
            vec!["CLINTON", "SANDERS"],
            vec!["WEBB", "CLINTON"],
            vec!["SANDERS"]
        ]
    );
}

#[test]
fn shapes_briefing_markdown() {
    let c = corpus_of(&[fixture("shapes/briefing.md")]).unwrap();
    let t = &c.transcripts[0];
    assert_eq!(t.date.as_deref(), Some("2021-03-04"));
    assert_eq!(
        t.title.as_deref(),
        Some("Press Briefing by Press Secretary Jen Psaki, March 4, 2021")
    );
    let seq: Vec<&str> = t
        .turns
        .iter()
        .map(|u| c.speakers[u.speaker].name.as_str())
        .collect();
    assert_eq!(seq, ["MS. PSAKI", "Q", "MS. PSAKI", "Q", "Q", "MS. PSAKI"]);
    assert_eq!(
        t.turns[0].text,
        "Good afternoon.\u{A0} We have a guest today.\u{A0} Here is the update."
    );
    assert_eq!(
        t.turns[1].text,
        "Thank you, Jen.\u{A0} Two questions on the bill. What is the timing?"
    );
    assert_eq!(
        t.turns[1].line_of(t.turns[1].text.find("What").unwrap()),
        16
    );
    assert_eq!(t.turns[2].text, "Well, the timing is up to Congress.");
    assert_eq!(t.turns[5].text, "He will.\u{A0} Next question.");
    assert_eq!(t.events.len(), 1);
    assert_eq!(
        t.exchanges.len(),
        3,
        "consecutive bare Qs are different reporters"
    );
    assert!(t.metadata.iter().filter(|(k, _)| k == "time").count() == 2);
}

#[test]
fn shapes_verse_fullwidth_and_no_blank_lines() {
    let c = corpus_of(&[fixture("shapes/verse.txt")]).unwrap();
    let seq: Vec<&str> = c.transcripts[0]
        .turns
        .iter()
        .map(|u| c.speakers[u.speaker].name.as_str())
        .collect();
    assert_eq!(
        seq,
        ["First Citizen", "All", "First Citizen", "MENENIUS", "All"]
    );
    assert_eq!(
        c.transcripts[0].turns[3].text,
        "Rebell'd against the belly, thus accused it: Nay, let them follow: brave Titus:"
    );

    let c = corpus_of(&[fixture("shapes/fullwidth_crlf_bom.txt")]).unwrap();
    let seq: Vec<&str> = c.transcripts[0]
        .turns
        .iter()
        .map(|u| c.speakers[u.speaker].name.as_str())
        .collect();
    assert_eq!(seq, ["Zhao Lijian", "AFP", "华春莹", "Zhao Lijian"]);
    assert_eq!(c.transcripts[0].turns[0].text, "Good afternoon.");
    assert_eq!(c.transcripts[0].turns[3].text, "Thanks.");
    assert_eq!(speaker(&c, "AFP").outlet.as_deref(), Some("AFP"));

    let c = corpus_of(&[fixture("shapes/no_blank_lines.txt")]).unwrap();
    let seq: Vec<&str> = c.transcripts[0]
        .turns
        .iter()
        .map(|u| c.speakers[u.speaker].name.as_str())
        .collect();
    assert_eq!(
        seq,
        [
            "Moderator",
            "Senator Smith",
            "Dr. Jones",
            "Moderator",
            "Senator Smith",
            "Dr. Jones"
        ]
    );
    assert_eq!(speaker(&c, "Moderator").role, Role::Host);
}

#[test]
fn roster_overrides_roles_aliases_and_outlets() {
    use tribune::ingest::{expand_inputs, read_sources};
    use tribune::transcript::{BuildOptions, Roster};
    let roster = Roster::parse(
        std::path::Path::new("roster.toml"),
        "[[speaker]]\nname = \"Spokesperson Zulyat\"\nrole = \"host\"\naliases = [\"Zulyat Ismail\"]\n\n[[speaker]]\nname = \"Reuters\"\nrole = \"questioner\"\noutlet = \"Thomson Reuters\"\n",
    )
    .unwrap();
    let files = expand_inputs(&[crate::util::sample_path().display().to_string()]).unwrap();
    let sources = read_sources(&files, Encoding::Utf8).unwrap();
    let c = Corpus::build(
        &sources,
        &BuildOptions {
            roster: Some(roster),
            ..BuildOptions::default()
        },
    )
    .unwrap();
    let z = speaker(&c, "Spokesperson Zulyat");
    assert_eq!(z.role, Role::Host);
    assert!(z.explain.iter().any(|e| e.contains("roster")));
    // The roster's outlet goes through the outlet list: `Thomson Reuters`
    // is a variant of `Reuters`.
    assert_eq!(speaker(&c, "Reuters").outlet.as_deref(), Some("Reuters"));

    let bad = Roster::parse(
        std::path::Path::new("r.toml"),
        "[[speaker]]\nname = \"Nobody Here\"\n",
    )
    .unwrap();
    let err = Corpus::build(
        &sources,
        &BuildOptions {
            roster: Some(bad),
            ..BuildOptions::default()
        },
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "r.toml:2: roster: `Nobody Here` matches no speaker label in the input (names and aliases are compared case-insensitively)"
    );
}

#[test]
fn no_turns_is_an_error_alone_and_a_warning_in_a_corpus() {
    let err = corpus_of(&[fixture("shapes/prose.txt")])
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("prose.txt: no speaker turns found in 6 lines"),
        "{err}"
    );
    let c = corpus_of(&[fixture("shapes/prose.txt"), fixture("shapes/verse.txt")]).unwrap();
    assert_eq!(c.transcripts.len(), 2);
    assert!(c.transcripts[0].turns.is_empty());
    assert!(
        c.transcripts[0]
            .warnings
            .iter()
            .any(|w| w.message.contains("no speaker turns"))
    );
}

/// Whole-corpus check: runs only where the shared corpora sit beside the repository.
#[test]
fn white_house_corpus_every_file_parses() {
    let Some(dir) = shared_corpus("wh-press-briefings") else {
        eprintln!("skipped: ../shared/corpora/wh-press-briefings not present");
        return;
    };
    // The month folders hold the 1,153 transcripts (the top folder also has
    // the corpus's own LICENSE-or-SOURCE.md).
    let mut months: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    months.sort();
    let c = corpus_of(&months).expect("every file parses");
    assert_eq!(c.transcripts.len(), 1153);
    let skipped: Vec<&str> = c
        .transcripts
        .iter()
        .filter(|t| t.turns.is_empty())
        .map(|t| t.id.as_str())
        .collect();
    // Two files are announcements without a single speaker label.
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    for t in &c.transcripts {
        assert!(t.date.is_some(), "{} has a date", t.id);
        assert!(t.title.is_some(), "{} has a title", t.id);
        assert_eq!(
            t.date.as_deref(),
            t.id.get(..10),
            "{}: date from front matter agrees with the file name",
            t.id
        );
        for u in &t.turns {
            assert!(
                !u.text.starts_with("date:") && !u.text.starts_with("title:"),
                "{}:{}",
                t.id,
                u.first_line
            );
        }
    }
    let q = speaker(&c, "Q");
    assert_eq!(q.role, Role::Questioner);
    assert!(q.anonymous);
}

fn arbitrary_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "A: ",
        "Q  ",
        "Q\u{A0} ",
        "MS. PSAKI:  ",
        "First Citizen:",
        "\n",
        "\n\n",
        "(Laughter.)",
        "[crosstalk 00:01:02]",
        "---\n",
        "date: '2020-01-01'\n",
        "title: \"x\\\n  y\"\n",
        "7:06 P.M. EST",
        "###",
        "\\###",
        "  ",
        "\u{A0}",
        "hello world. ",
        "And the second is: ",
        "：",
        ":",
        "\r\n",
        "\u{FEFF}",
        "<s>",
        "</s>",
        "\\[",
        "\\]",
        "(",
        ")",
        "é",
        "中文",
        "Source: x",
        "Host of press conference: A B",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Any text gives a corpus or a clear error, never a panic; and what
    /// comes out is consistent (turn lines in order, words add up).
    #[test]
    fn parser_never_panics_on_structured_noise(text in arbitrary_text()) {
        check_any(text.as_bytes());
    }

    #[test]
    fn parser_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check_any(&bytes);
    }
}

fn check_any(bytes: &[u8]) {
    let path = std::path::Path::new("fuzz.txt");
    for enc in [Encoding::Utf8, Encoding::Windows1252, Encoding::Utf16] {
        let Ok(source) = decode(path, bytes, enc) else {
            continue;
        };
        match Corpus::build(&[source], &Default::default()) {
            Ok(c) => {
                let t = &c.transcripts[0];
                let mut last = 0;
                for u in &t.turns {
                    assert!(u.first_line >= last && u.last_line >= u.first_line);
                    last = u.last_line;
                    assert_eq!(u.words, tribune::text::count_words(&u.text));
                    for i in 0..=u.text.len() {
                        if u.text.is_char_boundary(i) {
                            let l = u.line_of(i);
                            assert!(l >= u.first_line && l <= u.last_line.max(u.first_line));
                        }
                    }
                }
                assert!(t.exchanges.iter().all(|e| !e.question_turns.is_empty()));
            }
            Err(e) => assert!(e.to_string().starts_with("fuzz.txt")),
        }
    }
}

/// Every transcript fixture (the sample, `shapes/`, `wh/`), decoded, in
/// name order within each folder.
fn fixture_sources() -> Vec<(std::path::PathBuf, tribune::ingest::Source)> {
    let mut out = Vec::new();
    for dir in ["", "shapes", "wh"] {
        let mut paths: Vec<_> = std::fs::read_dir(fixture(dir))
            .expect("fixture folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
            .collect();
        paths.sort();
        for p in paths {
            let bytes = std::fs::read(&p).expect("fixture reads");
            let source = decode(&p, &bytes, Encoding::Utf8).expect("decodes");
            out.push((p, source));
        }
    }
    assert!(out.len() >= 10, "{}", out.len());
    out
}

/// `parse_speech` is `parse` without the blocks' line starts: the same
/// labels, speech, lines, events and warnings on every fixture.
#[test]
fn parse_speech_is_parse_without_line_starts() {
    use tribune::transcript::parse::{parse, parse_speech};
    for (p, source) in fixture_sources() {
        let mut full = parse(&source);
        let lean = parse_speech(&source);
        assert!(full.blocks.iter().any(|b| !b.line_starts.is_empty()) || full.blocks.is_empty());
        for b in &mut full.blocks {
            b.line_starts.clear();
        }
        assert_eq!(format!("{lean:?}"), format!("{full:?}"), "{}", p.display());
    }
}

/// A sink that joins the pieces as the parser documents (a space, or a
/// line break where a paragraph starts) and records each block's last
/// line of speech.
#[derive(Default)]
struct Joined {
    text: String,
    last: Option<usize>,
    blocks: Vec<(String, Option<usize>)>,
}

impl tribune::transcript::parse::SpeechSink for Joined {
    fn piece(&mut self, text: &str, line: usize, new_para: bool) {
        assert!(!text.is_empty());
        if !self.text.is_empty() {
            self.text.push(if new_para { '\n' } else { ' ' });
        }
        self.text.push_str(text);
        self.last = Some(line);
    }

    fn seal(&mut self, out: &mut tribune::transcript::parse::ParsedTranscript) {
        if !out.blocks.is_empty() {
            self.blocks
                .push((std::mem::take(&mut self.text), self.last.take()));
        }
        assert!(
            self.text.is_empty() && self.last.is_none(),
            "a piece came before any block"
        );
    }
}

/// `parse_into` hands over the speech that `parse_speech` joins: joined
/// by a sink it is every block's text, sealed once a block, and the rest
/// of the output (labels, lines, events, warnings such as a label without
/// speech) is the same, with the text left empty and the last line the
/// label's.
#[test]
fn parse_into_hands_over_the_speech_of_parse_speech() {
    use tribune::transcript::parse::{parse_into, parse_speech};
    for (p, source) in fixture_sources() {
        let mut full = parse_speech(&source);
        let mut sink = Joined::default();
        let lean = parse_into(&source, &mut sink);
        assert_eq!(sink.blocks.len(), full.blocks.len(), "{}", p.display());
        for (b, (text, last)) in full.blocks.iter_mut().zip(&sink.blocks) {
            assert_eq!(&b.text, text, "{}", p.display());
            if !text.is_empty() {
                assert_eq!(Some(b.last_line), *last, "{}", p.display());
            }
            b.text.clear();
            b.last_line = b.first_line;
        }
        assert_eq!(format!("{lean:?}"), format!("{full:?}"), "{}", p.display());
    }
}

/// A label with no speech (nor a stage direction) is warned about
/// whatever the sink keeps.
#[test]
fn parse_into_warns_of_a_label_without_speech() {
    use tribune::transcript::parse::parse_into;
    let text = "ALPHA: Hello there.\nBETA: (Laughs.)\nALPHA: Again.\nBETA:\nALPHA: Once more.\n";
    let source = decode(
        std::path::Path::new("t.txt"),
        text.as_bytes(),
        Encoding::Utf8,
    )
    .expect("decodes");
    let parsed = parse_into(&source, &mut Joined::default());
    let warned: Vec<_> = parsed
        .warnings
        .iter()
        .map(|w| (w.line, w.message.as_str()))
        .collect();
    assert_eq!(warned, [(4, "label `BETA` has no speech")]);
}
