//! Reading what users have: UTF-16 with and without a byte-order mark,
//! Latin-1 XML that says so, HTML and XML pages read as their text line for
//! line (Hansard, TheyWorkForYou, GPO hearing records), folders holding a
//! FIFO or an empty file, and inputs past the size limit.

use std::path::Path;
use std::time::Duration;

use predicates::prelude::*;

use tribune::ingest::{Encoding, decode, read_source};

use crate::util::{StdoutOk, fixture, tribune};

fn speakers_csv(args: &[&std::ffi::OsStr]) -> String {
    let out = tribune()
        .args(["speakers", "--format", "csv"])
        .args(args)
        .stdout_ok();
    String::from_utf8(out).expect("UTF-8 output")
}

fn utf16(text: &str, le: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if le { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
    }
    for u in text.encode_utf16() {
        out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

/// Point 9: a transcript saved as UTF-16 reads as its UTF-8 original
/// whichever the byte order, without a flag when it has a BOM; without a
/// BOM the error names the flag that reads it, and the flag does.
#[test]
fn utf16_is_read_with_a_bom_and_named_without_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let original = fixture("shapes/debate.txt");
    let text = std::fs::read_to_string(&original).expect("fixture");
    let want = speakers_csv(&[original.as_os_str()]);
    assert!(want.lines().count() > 2, "{want}");
    for (le, flag) in [(true, "utf-16le"), (false, "utf-16be")] {
        let with_bom = dir.path().join(format!("{flag}-bom.txt"));
        std::fs::write(&with_bom, utf16(&text, le, true)).expect("write");
        assert_eq!(
            speakers_csv(&[with_bom.as_os_str()]),
            want,
            "{flag} with BOM"
        );
        let bare = dir.path().join(format!("{flag}.txt"));
        std::fs::write(&bare, utf16(&text, le, false)).expect("write");
        tribune()
            .arg("speakers")
            .arg(&bare)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(format!(
                "{}: looks like UTF-16 without a byte-order mark (NUL bytes in every other position); pass --encoding {flag}",
                bare.display()
            )))
            .stderr(predicate::str::contains("UTF-8").not());
        let flagged = speakers_csv(&["--encoding".as_ref(), flag.as_ref(), bare.as_os_str()]);
        assert_eq!(flagged, want, "{flag} with --encoding");
    }
    // A broken UTF-16 file is reported in UTF-16 terms: a lone surrogate
    // after `A: hi\n` (BOM + 6 units = byte 14), on line 2.
    let broken = dir.path().join("broken.txt");
    let mut bytes = utf16("A: hi\n", true, true);
    bytes.extend_from_slice(&[0x00, 0xDC, 0x41, 0x00]);
    std::fs::write(&broken, bytes).expect("write");
    tribune()
        .arg("speakers")
        .arg(&broken)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "{}: invalid UTF-16 (little-endian) at byte 14 (line 2)",
            broken.display()
        )))
        .stderr(predicate::str::contains("UTF-8 at").not());
}

/// Points 0 and 9: the TheyWorkForYou XML (ISO-8859-1, declared) is read
/// as text line for line: headings and `nospeaker` speeches are bracketed
/// notes, each `<speech speakername>` line a label. Read by hand: 4
/// speakers with one turn each (`Andrew Turner` l.95, `Tessa Jowell` l.99,
/// `Lembit Öpik` l.103, a raw 0xD6 byte, `Liam Fox` l.107); Andrew
/// Turner's question is 33 words.
#[test]
fn twfy_xml_speeches_are_turns_and_headings_are_notes() {
    let path = fixture("markup/twfy-debates2009-10-28c-excerpt.xml");
    let raw = std::fs::read(&path).expect("fixture");
    assert!(
        std::str::from_utf8(&raw).is_err(),
        "the fixture keeps its Latin-1 byte"
    );
    let source = read_source(&path, Encoding::Utf8).expect("reads");
    let lines: Vec<&str> = source.text.split('\n').collect();
    assert_eq!(lines.len(), raw.split(|&b| b == b'\n').count());
    let line = |n: usize| lines[n - 1];
    assert!(lines[..62].iter().all(|l| l.is_empty()), "the DTD is blank");
    assert_eq!(line(67), "[BUSINESS BEFORE QUESTIONS]");
    assert_eq!(line(75), "[Resolved,]");
    assert_eq!(line(80), "[ORAL ANSWERS TO QUESTIONS]");
    assert_eq!(
        line(88),
        "[The Minister for the Cabinet Office was asked\u{2014}]"
    );
    assert_eq!(line(95), "Andrew Turner:");
    assert_eq!(line(99), "Tessa Jowell:");
    assert_eq!(line(103), "Lembit \u{D6}pik:");
    assert_eq!(line(107), "Liam Fox:");
    assert!(line(100).starts_with("I welcome Ian Johnston's report"));
    // What the markup says of the lines, for the parser.
    let info = source.markup.as_ref().expect("markup");
    assert_eq!(info.labels, [95, 99, 103, 107]);
    assert_eq!(info.notes, [67, 71, 75, 76, 80, 84, 88, 92]);
    assert!(info.para_starts.contains(&96) && info.para_starts.contains(&95));

    let csv = speakers_csv(&[path.as_os_str()]);
    let mut rows: Vec<(String, String, String)> = csv
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_string(), f[3].to_string(), f[4].to_string())
        })
        .collect();
    rows.sort();
    let names: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        names,
        [
            "Andrew Turner",
            "Lembit \u{D6}pik",
            "Liam Fox",
            "Tessa Jowell"
        ]
    );
    assert!(rows.iter().all(|r| r.1 == "1"), "{csv}");
    assert_eq!(rows[0].2, "33");

    // `tribune parse` points at the file's own lines.
    let parse = String::from_utf8(
        tribune()
            .args(["parse", "--format", "csv"])
            .arg(&path)
            .stdout_ok(),
    )
    .expect("UTF-8");
    assert!(
        parse.contains(",95,label,Andrew Turner,speaker label,Andrew Turner:\n"),
        "{parse}"
    );
    assert!(parse.contains(",88,stage,,whole-line stage direction,[The Minister for the Cabinet Office was asked\u{2014}]\n"));
}

/// Point 0: a parliament.uk Hansard page. Read by hand (lines 1–100): the
/// bold labels `Mr David Hanson (Delyn) (Lab):` l.64 (after the question
/// number `1.` on l.63), `The Secretary of State for Foreign and
/// Commonwealth Affairs (Mr William Hague):` l.71, `Mr Hanson:` l.78, `Mr
/// Hague:` l.85, `Mr Philip Hollobone (Kettering) (Con):` l.92, `Mr
/// Hague:` l.99; the column head `19 July 2011 : Column 772` (l.106)
/// interrupts Hague's answer, which goes on at l.108.
#[test]
fn hansard_html_labels_keep_their_lines() {
    let path = fixture("markup/hansard-oral-answers.html");
    let source = read_source(&path, Encoding::Utf8).expect("reads");
    let lines: Vec<&str> = source.text.split('\n').collect();
    let line = |n: usize| lines[n - 1];
    assert_eq!(line(59), "[Syria]");
    assert_eq!(line(63), "");
    assert_eq!(line(64), "[1.] Mr David Hanson (Delyn) (Lab):");
    assert_eq!(
        line(65),
        "When he next expects to discuss the situation in Syria with his US counterpart. [66855]"
    );
    assert_eq!(
        line(71),
        "The Secretary of State for Foreign and Commonwealth Affairs (Mr William Hague):"
    );
    assert_eq!(line(78), "Mr Hanson:");
    assert_eq!(line(85), "Mr Hague:");
    assert_eq!(line(92), "Mr Philip Hollobone (Kettering) (Con):");
    assert_eq!(line(99), "Mr Hague:");
    assert_eq!(line(106), "[19 July 2011 : Column 772]");
    assert!(line(108).starts_with("on this that it has been prepared"));
    let info = source.markup.as_ref().expect("markup");
    assert!(info.labels.is_empty());
    for n in [59, 106] {
        assert!(info.notes.contains(&n), "{n}");
    }
    for n in [64, 71, 78, 85, 92, 99, 108] {
        assert!(info.para_starts.contains(&n), "{n}");
    }
    // No markup is left anywhere.
    assert!(!source.text.contains('<') && !source.text.contains("&amp;"));

    let parse = String::from_utf8(
        tribune()
            .args(["parse", "--format", "csv"])
            .arg(&path)
            .stdout_ok(),
    )
    .expect("UTF-8");
    let labels: Vec<usize> = parse
        .lines()
        .filter(|l| l.contains(",label,"))
        .filter_map(|l| l.split(',').nth(1)?.parse().ok())
        .filter(|&n| n <= 100)
        .collect();
    // The six labels of the first 100 lines, read by hand: line 71 is an
    // office with the name in parentheses.
    assert_eq!(labels, [64, 71, 78, 85, 92, 99]);
}

/// Point 0: GPO hearing records (`.htm`, and `.txt` holding HTML) keep
/// their `<pre>` text byte for byte, on the same lines; `<F-dash>` and
/// the like are markup and go.
#[test]
fn gpo_pre_text_is_kept_line_for_line() {
    for (name, checks) in [
        (
            "markup/chrg-111shrg50564-excerpt.htm",
            vec![
                (2, "[- MODERNIZING THE U.S. FINANCIAL REGULATORY SYSTEM]"),
                (4, "[Senate Hearing 111-42]"),
                (10, "    Chairman Dodd. The Committee will come to order."),
                (
                    11,
                    "    Let me thank all of my colleagues, and I think you all ",
                ),
                (19, "    Senator Shelby. Thank you, Mr. Chairman."),
                (23, ""),
            ],
        ),
        (
            "markup/ways-means-2011-03-03-excerpt.txt",
            vec![
                (2, "[- SMALL BUSINESSES AND TAX REFORM]"),
                (6, ""),
                (8, "    Chairman TIBERI. Now that we have finished our "),
                (44, "    Mr. NEAL. Thank you, Mr. Chairman."),
            ],
        ),
    ] {
        let path = fixture(name);
        let raw = std::fs::read_to_string(&path).expect("fixture");
        let source = read_source(&path, Encoding::Utf8).expect("reads");
        let lines: Vec<&str> = source.text.split('\n').collect();
        assert_eq!(lines.len(), raw.split('\n').count(), "{name}");
        for (n, want) in checks {
            assert_eq!(lines[n - 1], want, "{name}:{n}");
        }
        // Every line inside <pre> after its first is the source's own.
        let raw_lines: Vec<&str> = raw.split('\n').collect();
        for n in 6..raw_lines.len() - 1 {
            if !raw_lines[n].contains('<') {
                assert_eq!(lines[n], raw_lines[n], "{name}:{}", n + 1);
            }
        }
    }
}

/// Point 12: a folder's FIFO is skipped with a warning (the run does not
/// wait for a writer), an empty `.txt` is skipped like a file without
/// turns; the other file is read.
#[cfg(unix)]
#[test]
fn folders_skip_fifos_and_empty_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    std::fs::copy(fixture("shapes/debate.txt"), d.join("debate.txt")).expect("copy");
    std::fs::write(d.join("empty.txt"), b"").expect("write");
    let fifo = d.join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    assert!(made, "mkfifo");
    let want = speakers_csv(&[fixture("shapes/debate.txt").as_os_str()]);
    tribune()
        .args(["speakers", "--format", "csv"])
        .arg(d)
        .timeout(Duration::from_secs(60))
        .assert()
        .success()
        .stdout(want)
        .stderr(predicate::str::contains(format!(
            "warning: {}: a FIFO, not a regular file; skipped",
            fifo.display()
        )))
        .stderr(predicate::str::contains(format!(
            "warning: {}:1: file is empty; the file is skipped",
            d.join("empty.txt").display()
        )));
    // Alone, an empty file is an error naming it.
    tribune()
        .arg("speakers")
        .arg(d.join("empty.txt"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "{}: file is empty",
            d.join("empty.txt").display()
        )));
}

/// Point 12: the size limit is checked while reading: `/dev/zero` named on
/// the command line stops at 256 MiB with an error naming it.
#[cfg(target_os = "linux")]
#[test]
fn an_endless_input_stops_at_the_size_limit() {
    if !Path::new("/dev/zero").exists() {
        return;
    }
    tribune()
        .args(["speakers", "/dev/zero"])
        .timeout(Duration::from_secs(120))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "/dev/zero: larger than 256 MiB, the most tribune reads of one input",
        ));
}

/// HTML given on standard input is recognised by its first bytes.
#[test]
fn markup_on_standard_input_is_read_as_text() {
    let html = "<html>\n<body>\n<p><b>Mr Hanson:</b> A question &amp; more.</p>\n<p>\n<b>Mr Hague:</b> An answer.</p>\n</body></html>\n";
    let s = decode(Path::new("-"), html.as_bytes(), Encoding::Utf8).expect("decodes");
    assert_eq!(
        s.text,
        "\n\nMr Hanson: A question & more.\n\nMr Hague: An answer.\n\n"
    );
    tribune()
        .args(["speakers", "--format", "csv", "-"])
        .write_stdin(html)
        .assert()
        .success()
        .stdout(predicate::str::contains("Mr Hanson,"))
        .stdout(predicate::str::contains("Mr Hague,"));
}

/// Point 0 on the whole shared TheyWorkForYou files (skipped without
/// `../shared`): a label is found only on a `<speech speakername>` line
/// (never a heading, a `nospeaker` speech or a division list), with the
/// speaker's name, and on every such line (`Several hon. Members`, 1 in
/// 27d and 9 in 28c, included: an unnamed speaker).
#[test]
fn twfy_labels_stand_exactly_on_speech_lines() {
    use tribune::transcript::parse::{LineKind, parse_with_records};
    let Some(dir) = crate::util::shared_corpus("uk-hansard") else {
        eprintln!("skipped: no shared corpus");
        return;
    };
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("lists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 3);
    for path in files {
        let raw = std::fs::read(&path).expect("reads");
        let raw = String::from_utf8_lossy(&raw);
        let speeches: std::collections::BTreeMap<usize, String> = raw
            .lines()
            .enumerate()
            .filter(|(_, l)| l.starts_with("<speech ") && !l.contains("nospeaker=\"true\""))
            .filter_map(|(i, l)| {
                let name = l.split("speakername=\"").nth(1)?.split('"').next()?;
                Some((i + 1, name.to_string()))
            })
            .collect();
        let source = read_source(&path, Encoding::Utf8).expect("reads");
        let parsed = parse_with_records(&source);
        let labels: Vec<(usize, String)> = parsed
            .records
            .iter()
            .filter(|r| r.kind == LineKind::Label)
            .map(|r| (r.line, r.label.clone().unwrap_or_default()))
            .collect();
        for (line, label) in &labels {
            let name = speeches.get(line);
            assert!(
                name.is_some(),
                "{}:{line}: label `{label}` off a speech line",
                path.display()
            );
            // `Lembit \xD6pik` read as Latin-1; the lossy read shows U+FFFD.
            if name.is_some_and(|n| !n.contains('\u{FFFD}')) {
                assert_eq!(Some(label), name, "{}:{line}", path.display());
            }
        }
        // Every other speech line is a label.
        let found: std::collections::BTreeSet<usize> = labels.iter().map(|l| l.0).collect();
        for (line, name) in &speeches {
            assert!(
                found.contains(line),
                "{}:{line}: `{name}:` is no label",
                path.display()
            );
        }
    }
}
