//! House styles other than the sample's, read as they are published: the
//! expected speakers, turns and words of each fixture were read off the
//! file by hand (`tests/fixtures/houses/`, cut from public transcripts;
//! see `tests/fixtures/SOURCE.md`), and the accounting of every word of
//! every fixture and shared corpus file.

use crate::util::*;
use tribune::ingest::{self, Encoding};
use tribune::text::count_words;
use tribune::transcript::accounting::account;
use tribune::transcript::parse::{LineKind, Shape, parse_with_records};
use tribune::transcript::{Corpus, Transcript};

/// `(speaker, words)` of each turn of the one transcript of `c`.
fn turns(c: &Corpus) -> Vec<(&str, usize)> {
    let t: &Transcript = &c.transcripts[0];
    t.turns
        .iter()
        .map(|u| (c.speakers[u.speaker].name.as_str(), u.words))
        .collect()
}

/// The 1-based lines the parser took as labels, with the label.
fn label_lines(rel: &str) -> Vec<(usize, String)> {
    let s = ingest::read_source(&fixture(rel), Encoding::Utf8).unwrap();
    parse_with_records(&s)
        .records
        .into_iter()
        .filter(|r| r.kind == LineKind::Label)
        .map(|r| (r.line, r.label.unwrap_or_default()))
        .collect()
}

fn kind_of(rel: &str, line: usize) -> (LineKind, &'static str) {
    let s = ingest::read_source(&fixture(rel), Encoding::Utf8).unwrap();
    let r = parse_with_records(&s)
        .records
        .into_iter()
        .find(|r| r.line == line)
        .unwrap();
    (r.kind, r.reason)
}

fn owned(v: &[(usize, &str)]) -> Vec<(usize, String)> {
    v.iter().map(|&(l, s)| (l, s.to_string())).collect()
}

#[test]
fn hearing_labels_end_in_a_period_after_the_paragraph_indent() {
    // Lines 101-215 of the Ways and Means hearing of 2011-03-03: the
    // source's lines 121, 157, 188, 192 and 208.
    let rel = "houses/hearing_ways_means.txt";
    assert_eq!(
        label_lines(rel),
        owned(&[
            (21, "Chairman TIBERI"),
            (57, "Mr. NEAL"),
            (88, "Chairman TIBERI"),
            (92, "Chairman TIBERI"),
            (108, "Mr. CARROLL"),
        ])
    );
    let c = corpus_of(&[fixture(rel)]).unwrap();
    let names: Vec<&str> = turns(&c).iter().map(|t| t.0).collect();
    // Two labels of the chairman in a row are one turn.
    assert_eq!(
        names,
        [
            "Chairman TIBERI",
            "Mr. NEAL",
            "Chairman TIBERI",
            "Mr. CARROLL"
        ]
    );
    let t = &c.transcripts[0];
    assert!(
        t.turns[2]
            .text
            .ends_with("Dr. Carroll, you may begin your testimony.")
    );
    assert!(
        t.turns[3]
            .text
            .starts_with("Thank you, Chairman. Chairman Tiberi, Ranking")
    );
    // The witness's heading in capitals is not speech.
    assert_eq!(
        kind_of(rel, 105),
        (LineKind::Metadata, "heading in capitals")
    );
    assert_eq!(c.transcripts[0].turns.len(), 4);
    let s = ingest::read_source(&fixture(rel), Encoding::Utf8).unwrap();
    assert_eq!(parse_with_records(&s).shape, Shape::Period);
}

#[test]
fn a_chairs_recognition_is_not_a_turn_and_a_prepared_statement_is_inserted() {
    // Lines 201-300 of the Senate Energy hearing of 2000-07-13.
    let rel = "houses/hearing_senate_energy.txt";
    assert_eq!(
        label_lines(rel),
        owned(&[
            (21, "Senator Bingaman"),
            (28, "The Chairman"),
            (29, "Senator Thomas"),
            (35, "The Chairman"),
            (86, "Senator Akaka"),
        ])
    );
    // `    Senator Bingaman.` alone (source line 220) continues the chair.
    assert_eq!(kind_of(rel, 20).0, LineKind::Preamble);
    // `[The prepared statement of Senator Johnson follows:]`, then it.
    assert_eq!(kind_of(rel, 36).0, LineKind::Stage);
    assert_eq!(
        kind_of(rel, 40),
        (LineKind::Inserted, "inserted into the record")
    );
    let c = corpus_of(&[fixture(rel)]).unwrap();
    let got = turns(&c);
    // `Gentlemen.` and `Anybody on this side?`: 1 and 4 words.
    assert_eq!(got[1], ("The Chairman", 1));
    assert_eq!(got[3], ("The Chairman", 4));
    assert_eq!(got[2].0, "Senator Thomas");
    // Senator Thomas: 51 words, read off lines 29-34.
    assert_eq!(got[2].1, 51);
}

#[test]
fn court_margin_numbers_and_page_furniture_are_not_speech() {
    // Lines 95-200 of the argument of 2012-03-26: a page footer and
    // header, then the source's lines 121, 133 and 185.
    let rel = "houses/court_margin_numbers.txt";
    assert_eq!(
        label_lines(rel),
        owned(&[
            (27, "CHIEF JUSTICE ROBERTS"),
            (39, "MR. LONG"),
            (91, "JUSTICE SCALIA"),
        ])
    );
    assert_eq!(kind_of(rel, 19).0, LineKind::Boilerplate); // Alderson Reporting Company
    assert_eq!(kind_of(rel, 20).0, LineKind::Boilerplate); // \f Official - Subject to Final Review
    assert_eq!(kind_of(rel, 25), (LineKind::Metadata, "time stamp")); // (10:12 a.m.)
    let c = corpus_of(&[fixture(rel)]).unwrap();
    let t = &c.transcripts[0];
    // `We will hear argument this morning in Case Number 11-398,
    // Department of Health and Human Services v. Florida. Mr. Long.`
    assert_eq!(turns(&c)[0], ("CHIEF JUSTICE ROBERTS", 21));
    assert!(!t.turns[0].text.contains("ORAL ARGUMENT"));
    assert!(t.turns[1].text.starts_with("Mr. Chief Justice, and may it"));
    assert!(!t.turns.iter().any(|u| u.text.contains("Alderson")));
}

#[test]
fn pdf_text_with_fused_page_footers() {
    // Lines 1-100 of the FOMC press conference of 2025-03-19.
    let rel = "houses/fomc_pdf_text.txt";
    assert_eq!(
        label_lines(rel),
        owned(&[
            (4, "CHAIR POWELL"),
            (95, "MICHELLE SMITH"),
            (96, "HOWARD SCHNEIDER"),
        ])
    );
    assert_eq!(kind_of(rel, 26).0, LineKind::Boilerplate);
    let c = corpus_of(&[fixture(rel)]).unwrap();
    let t = &c.transcripts[0];
    assert!(!t.turns[0].text.contains("Page 1 of 28"));
    assert_eq!(turns(&c)[1], ("MICHELLE SMITH", 1));
    assert!(
        t.turns[2]
            .text
            .starts_with("Howard Schneider with Reuters.")
    );
}

#[test]
fn public_papers_period_labels_and_the_header_line() {
    let rel = "houses/public_papers_1964.txt";
    // Line 1 `President: Lyndon B. Johnson` is a header, not a turn.
    assert_eq!(kind_of(rel, 1).0, LineKind::Metadata);
    assert_eq!(label_lines(rel), owned(&[(3, "THE PRESIDENT")]));
}

#[test]
fn rush_transcript_junk_unknown_speakers_and_labels_in_mid_line() {
    let rel = "houses/rush_debate.txt";
    let c = corpus_of(&[fixture(rel)]).unwrap();
    // Read off the file: a heading, a direction before a paragraph of
    // speech, web debris, unnamed speakers, labels after a quote mark and
    // a direction, end marks with a time and in hashes.
    assert_eq!(
        turns(&c),
        [
            ("LEHRER", 18),
            ("ROMNEY", 19),
            ("LEHRER", 4),
            ("OBAMA", 12),
            ("(UNKNOWN)", 3),
            ("UNIDENTIFIED MALE", 3),
            ("UNIDENTIFIED MALE", 2),
            ("ROMNEY", 8),
            ("OBAMA", 5),
            ("LEHRER", 4),
            ("ROMNEY", 3),
        ]
    );
    let unknown = c
        .speakers
        .iter()
        .find(|s| s.name == "UNIDENTIFIED MALE")
        .unwrap();
    assert!(unknown.anonymous);
    assert!(
        c.speakers
            .iter()
            .find(|s| s.name == "(UNKNOWN)")
            .unwrap()
            .anonymous
    );
    assert!(
        !c.speakers
            .iter()
            .any(|s| s.name.contains("TRANSCRIPT") || s.name.starts_with("END"))
    );
    assert_eq!(kind_of(rel, 9).0, LineKind::Continuation);
    assert_eq!(kind_of(rel, 15).0, LineKind::Boilerplate);
    assert_eq!(kind_of(rel, 29).0, LineKind::Metadata);
    let s = ingest::read_source(&fixture(rel), Encoding::Utf8).unwrap();
    let a = account(&parse_with_records(&s), &s.text);
    assert_eq!(
        (
            a.words.speech,
            a.words.labels,
            a.words.stage,
            a.words.metadata
        ),
        (81, 13, 3, 16)
    );
    assert_eq!(
        (a.words.boilerplate, a.words.preamble, a.words.other),
        (6, 2, 0)
    );
    assert_eq!(a.input_words, 121);
}

/// Every word of `path` is accounted for, the speech is the turns' words,
/// and nothing but struck-out text is left over.
fn check_accounting(path: &std::path::Path) {
    let Ok(s) = ingest::read_source(path, Encoding::Utf8) else {
        return; // not UTF-8: the encoding tests cover it
    };
    let p = parse_with_records(&s);
    let a = account(&p, &s.text);
    assert_eq!(a.words.total(), a.input_words, "{}", path.display());
    let speech: usize = p.blocks.iter().map(|b| count_words(&b.text)).sum();
    assert_eq!(a.words.speech, speech, "{}", path.display());
    // Only struck-out text and Markdown escapes, which can join two words
    // (`standard\[s\]`, `Briefing\_31March`), leave words out of the speech.
    if !s.text.contains("<s>") && !s.text.contains('\\') {
        assert_eq!(a.words.other, 0, "{}", path.display());
    }
    assert_eq!(a.lines.total(), p.lines, "{}", path.display());
}

#[test]
fn every_word_of_every_fixture_is_accounted_for() {
    let files = ingest::expand_inputs(&[fixture("").display().to_string()]).unwrap();
    assert!(files.len() > 10);
    for f in &files {
        check_accounting(f);
    }
}

#[test]
fn every_word_of_every_shared_corpus_file_is_accounted_for() {
    let Some(root) = shared_corpus("") else {
        eprintln!("../shared/corpora absent: skipped");
        return;
    };
    let files = ingest::expand_inputs(&[root.display().to_string()]).unwrap();
    for f in &files {
        check_accounting(f);
    }
}

/// A transcript written to a temporary file, as a corpus.
fn corpus_of_text(text: &str) -> Corpus {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.txt");
    std::fs::write(&path, text).unwrap();
    corpus_of(&[path]).unwrap()
}

#[test]
fn paragraphs_indented_with_no_break_spaces_are_speech() {
    // White House style (2021-02-01, lines 851-856): a one-line paragraph
    // indented with no-break spaces before a blank line and a `Q`, and a
    // paragraph of several lines so indented.
    let nb = "\u{a0} \u{a0} \u{a0} \u{a0} ";
    let text = format!(
        "MS. PSAKI:  I can get more detail for you on that.\n\n{nb}Go ahead, Darlene.\n\n\
         Q\u{a0}\u{a0}\u{a0} Another housekeeping question.\n\n\
         MS. PSAKI:  Sure.\n\n{nb}So, just this morning, I met, along with\n\
         representatives of the Small Business Administration.\n"
    );
    let c = corpus_of_text(&text);
    assert_eq!(turns(&c), [("MS. PSAKI", 12), ("Q", 3), ("MS. PSAKI", 15)]);
}

#[test]
fn markdown_bold_labels() {
    let c = corpus_of_text(
        "**LEHRER:** Good evening.\n\n**ROMNEY:** Thank you, Jim.\n\n**LEHRER**: Two minutes.\n",
    );
    assert_eq!(turns(&c), [("LEHRER", 2), ("ROMNEY", 3), ("LEHRER", 2)]);
}

#[test]
fn a_plays_mixed_case_label_among_capitals() {
    // Tiny Shakespeare's house style: labels in capitals, but `First
    // Citizen:` again and again; a one-off `Moving on:` is a line of verse.
    let c = corpus_of_text(
        "MENENIUS:\nWhat work's, my countrymen, in hand?\n\nFirst Citizen:\nOur business is not unknown.\n\n\
         MENENIUS:\nWhy, masters.\n\nFirst Citizen:\nWe cannot, sir.\n\nSICINIUS:\nWell.\n\n\
         BRUTUS:\nMoving on:\nthe people.\n\nVOLUMNIA:\nSo.\n",
    );
    assert_eq!(
        turns(&c),
        [
            ("MENENIUS", 6),
            ("First Citizen", 5),
            ("MENENIUS", 2),
            ("First Citizen", 3),
            ("SICINIUS", 1),
            ("BRUTUS", 4),
            ("VOLUMNIA", 1),
        ]
    );
}

#[test]
fn text_after_a_header_naming_the_speaker_is_their_speech() {
    // The Miller Center's 2019-09-25 press conference (its first lines):
    // a header, then the President's remarks with no label at all.
    let c = corpus_of_text(
        "President: Donald Trump\n\nThank you very much.  Thank you.\n\n\
         Well, thank you all for being here.\n",
    );
    assert_eq!(turns(&c), [("President", 13)]);
    assert_eq!(c.speakers[0].role, tribune::transcript::Role::Other);
    let t = &c.transcripts[0];
    assert!(
        t.metadata
            .contains(&("President".to_string(), "Donald Trump".to_string()))
    );
    // A header followed by a label opens no turn of its own.
    let c = corpus_of_text("President: Lyndon B. Johnson\n\nTHE PRESIDENT: Good morning.\n");
    assert_eq!(turns(&c), [("THE PRESIDENT", 2)]);
}
