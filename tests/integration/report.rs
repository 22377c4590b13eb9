//! The report: every file exists, output is deterministic, the committed
//! sample report is up to date, hostile names and text are defused, the
//! page renders in headless Chromium, and the Markdown and JSON of a small
//! fixture are pinned by snapshots.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tribune::ingest::{Encoding, decode};
use tribune::report::{OutputFile, ReportOptions, build, render};
use tribune::text::{Analyzer, TextOptions};
use tribune::transcript::{BuildOptions, Corpus, Roster};

use crate::util::{fixture, sample, tribune};

fn report_files(corpus: &Corpus, name: &str) -> Vec<OutputFile> {
    let analyzer = Analyzer::new(&TextOptions::default()).unwrap();
    let report = build(corpus, &analyzer, &ReportOptions::new(name)).unwrap();
    render(&report).unwrap()
}

fn read_dir_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

#[test]
fn sample_report_has_every_file() {
    let files = report_files(&sample(), "sample");
    let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for want in [
        "index.html",
        "report.md",
        "report.json",
        "tables/speakers.csv",
        "tables/turns.csv",
        "tables/exchanges.csv",
        "tables/outlets.csv",
        "tables/terms.csv",
        "tables/keyness.csv",
        "tables/comparison.csv",
        "tables/diversity.csv",
        "tables/inputs.csv",
    ] {
        assert!(names.contains(&want), "{want} missing from {names:?}");
    }
    for chart in [
        "speaking-share",
        "turn-timeline",
        "turn-lengths-speaker",
        "turn-lengths-role",
        "exchanges-by-outlet",
        "top-terms",
        "keyness-zulyat-ismail",
        "keyness-rehmanjan-dawut",
        "keyness-xu-guixiang",
        "comparison",
        "lexical-diversity",
        "dispersion",
    ] {
        for ext in ["svg", "png"] {
            let p = format!("charts/{chart}.{ext}");
            let f = files
                .iter()
                .find(|f| f.path == p)
                .unwrap_or_else(|| panic!("{p} missing"));
            assert!(f.bytes.len() > 1000, "{p} is not empty");
        }
        let html = &files.iter().find(|f| f.path == "index.html").unwrap().bytes;
        let html = String::from_utf8_lossy(html);
        assert!(
            html.contains(&format!("id=\"chart-{chart}\"")),
            "{chart} inline in the page"
        );
    }
    let json: serde_json::Value = serde_json::from_slice(
        &files
            .iter()
            .find(|f| f.path == "report.json")
            .unwrap()
            .bytes,
    )
    .unwrap();
    assert_eq!(json["overview"]["turns"], 43);
    assert_eq!(json["overview"]["words"], 6901);
    assert_eq!(json["exchanges"].as_array().unwrap().len(), 10);
    assert_eq!(json["featured"][0], "Zulyat Ismail");
    assert_eq!(json["keyness"][0]["target"], "Zulyat Ismail");
    assert_eq!(
        json["inputs"][0]["sha256"],
        "6b55251aa1b36910757f021bcd724b1706236f5ba75fcf17e920e9c6ded78f35"
    );
    let md = String::from_utf8_lossy(&files.iter().find(|f| f.path == "report.md").unwrap().bytes)
        .into_owned();
    // Each chart has a caption written from its data: the Markdown's
    // image text and the line under it, the page's figure caption and
    // the chart's accessible name.
    let share = "Zulyat Ismail spoke 47% of the words, Rehmanjan Dawut 36%";
    assert!(md.contains(&format!("![{share}")), "{md}");
    assert!(md.contains(&format!("*Speaking share.* {share}")), "{md}");
    let key = "Zulyat Ismail used convention, international and china most over everyone else";
    let html =
        String::from_utf8_lossy(&files.iter().find(|f| f.path == "index.html").unwrap().bytes)
            .into_owned();
    assert!(html.contains(&format!("aria-label=\"{key}")), "alt text");
    assert!(
        html.contains(&format!(
            "<strong>Distinctive terms: Zulyat Ismail.</strong> {key}"
        )),
        "figure caption"
    );
    // Names left out and faded bars are said in the keyness captions.
    assert!(md.contains("Speakers' names left out: zulyat and ismail"));
    assert!(md.contains("Faded bars are not significant"));
    assert!(md.contains("Median words per turn: Zulyat Ismail 552, Rehmanjan Dawut 656"));
    assert!(md.contains("## Key terms in context"));
    // Tables read as on paper: separators, percentages, small p-values
    // as a bound, headers in words; a cut table links its CSV file.
    assert!(md.contains("| Zulyat Ismail | official |  | 6 | 3,232 | 46.8% |"));
    assert!(md.contains("| share of words |") && md.contains("| adjusted p |"));
    assert!(md.contains("| &lt; 0.001 |") && html.contains("<td class=\"n\">&lt; 0.001</td>"));
    assert!(!md.contains("p_adj") && !md.contains("share_of_words"));
    let note = "Showing 20 of 331 rows, the 10 at each end; all in";
    assert!(md.contains(&format!(
        "{note} [tables/comparison.csv](tables/comparison.csv)."
    )));
    assert!(html.contains(&format!(
        "{note} <a href=\"tables/comparison.csv\">tables/comparison.csv</a>."
    )));
    // The CSV keeps its machine format.
    let csv = String::from_utf8_lossy(
        &files
            .iter()
            .find(|f| f.path == "tables/speakers.csv")
            .unwrap()
            .bytes,
    )
    .into_owned();
    assert!(csv.contains(",3232,0.4683"), "{csv}");
}

#[test]
fn two_runs_are_byte_identical() {
    let a = report_files(&sample(), "sample");
    let b = report_files(&sample(), "sample");
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.path, y.path);
        assert!(x.bytes == y.bytes, "{} differs between runs", x.path);
    }
}

/// The repository keeps the sample report under `reports/sample/` so a
/// reader can open it without running anything; it must be what the
/// README's command makes today.
#[test]
fn committed_sample_report_is_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("sample");
    tribune()
        .current_dir(root)
        .args(["report", "tests/fixtures/sample.txt", "-o"])
        .arg(&out)
        .assert()
        .success();
    let fresh = read_dir_files(&out);
    let committed = read_dir_files(&root.join("reports/sample"));
    let fresh_names: Vec<&String> = fresh.keys().collect();
    let committed_names: Vec<&String> = committed.keys().collect();
    assert_eq!(
        fresh_names, committed_names,
        "reports/sample is out of date: run `cargo run --release -- report tests/fixtures/sample.txt --force`"
    );
    for (name, bytes) in &fresh {
        assert!(
            committed[name] == *bytes,
            "reports/sample/{name} is out of date: run `cargo run --release -- report tests/fixtures/sample.txt --force`"
        );
    }
}

#[test]
fn report_refuses_to_replace_a_different_report_and_never_leaves_half() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("r");
    let run = |input: PathBuf, force: bool| {
        let mut c = tribune();
        c.arg("report").arg(input).arg("-o").arg(&out);
        if force {
            c.arg("--force");
        }
        c.assert()
    };
    run(fixture("shapes/debate.txt"), false).success();
    // The same input again: allowed (same report).
    run(fixture("shapes/debate.txt"), false).success();
    // A different input: refused, the old report untouched.
    let before = read_dir_files(&out);
    run(fixture("shapes/briefing.md"), false)
        .code(1)
        .stderr(predicates::str::contains("holds a different report"));
    assert_eq!(read_dir_files(&out), before);
    run(fixture("shapes/briefing.md"), true).success();
    assert_ne!(read_dir_files(&out), before);
    // A failing run (bad input) leaves the report as it was and no temporary folder.
    let after = read_dir_files(&out);
    run(fixture("shapes/prose.txt"), true).code(1);
    assert_eq!(read_dir_files(&out), after);
    let stray: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(stray, vec![std::ffi::OsString::from("r")]);
}

#[test]
fn hostile_names_and_text_are_defused() {
    let text = "Moderator: Welcome. Our guest says <script>alert('x')</script> & \"quotes\".\n\n\
                Evil Reporter: =HYPERLINK(\"http://x\") what is your comment on <b>this</b>?\n\n\
                Minister Smith: The answer is <img src=x onerror=alert(1)> no, no, no, the answer is no.\n\n\
                Evil Reporter: And +SUM(A1) again?\n\n\
                Minister Smith: No comment on that at all, the answer is still no.\n";
    let source = decode(Path::new("hostile.txt"), text.as_bytes(), Encoding::Utf8).unwrap();
    let roster = Roster::parse(
        Path::new("roster.toml"),
        "[[speaker]]\nname = \"=cmd|' /C calc'!A0\"\naliases = [\"Evil Reporter\"]\nrole = \"questioner\"\noutlet = \"@evil <script>\"\n\n\
         [[speaker]]\nname = \"../../etc/<script>alert(2)</script>\"\naliases = [\"Minister Smith\"]\nrole = \"official\"\n",
    )
    .unwrap();
    let corpus = Corpus::build(
        &[source],
        &BuildOptions {
            roster: Some(roster),
            ..BuildOptions::default()
        },
    )
    .unwrap();
    let files = report_files(&corpus, "hostile");
    for f in &files {
        assert!(
            f.path
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '-' | '_'))
                && !f.path.contains(".."),
            "unsafe file name {}",
            f.path
        );
    }
    let get = |p: &str| {
        String::from_utf8_lossy(&files.iter().find(|f| f.path == p).unwrap().bytes).into_owned()
    };
    let html = get("index.html");
    assert!(!html.contains("<script"), "a script tag reached the page");
    assert!(!html.contains("<img"), "an img tag reached the page");
    assert!(!html.contains("<b>"));
    assert!(html.contains("&lt;script&gt;"));
    for svg in files.iter().filter(|f| f.path.ends_with(".svg")) {
        let s = String::from_utf8_lossy(&svg.bytes);
        assert!(!s.contains("<script"), "{}", svg.path);
    }
    let md = get("report.md");
    assert!(!md.contains("<script"));
    let speakers = get("tables/speakers.csv");
    assert!(speakers.contains("\n'=cmd|' /C calc'!A0,"), "{speakers}");
    assert!(!speakers.lines().any(|l| l.starts_with('=')));
    let outlets = get("tables/outlets.csv");
    assert!(outlets.contains("'@evil <script>"), "{outlets}");
    let exchanges = get("tables/exchanges.csv");
    assert!(exchanges.contains(",\"'=HYPERLINK("), "{exchanges}");
    // Numbers stay numbers: a negative G² is not quoted.
    let keyness = get("tables/keyness.csv");
    assert!(keyness.lines().skip(1).any(|l| {
        l.split(',')
            .any(|c| c.starts_with('-') && c[1..].parse::<f64>().is_ok())
    }));
}

/// Headless Chromium, if this machine has it (Debian's `chromium`
/// package; `.ci/run` installs it): the command with the flags every use
/// shares and a profile under `tmp`. Tests that need it say they skip
/// and pass without it.
pub fn headless_chromium(tmp: &Path) -> Option<std::process::Command> {
    let chromium = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            std::process::Command::new("sh")
                .arg("-c")
                .arg(format!("command -v {b}"))
                .output()
                .is_ok_and(|o| o.status.success())
        })?;
    let mut c = std::process::Command::new(chromium);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--enable-logging=stderr",
        "--v=0",
    ])
    .arg(format!("--user-data-dir={}", tmp.join("profile").display()));
    Some(c)
}

/// The sample report's files written under `dir`.
pub fn write_sample_report(dir: &Path) {
    for f in report_files(&sample(), "sample") {
        let p = dir.join(&f.path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, &f.bytes).unwrap();
    }
}

/// The sample report written into `tmp/sample`, and headless Chromium run
/// on its page with `args` first: `None` (after saying so) where there is
/// no Chromium.
pub fn chromium_on_sample_page(tmp: &Path, args: &[String]) -> Option<std::process::Output> {
    let Some(mut chromium) = headless_chromium(tmp) else {
        eprintln!("skipped: no chromium on this machine");
        return None;
    };
    let dir = tmp.join("sample");
    write_sample_report(&dir);
    let page = format!("file://{}", dir.join("index.html").display());
    Some(chromium.args(args).arg(page).output().unwrap())
}

/// The page opens in headless Chromium with no console errors and is not
/// blank. Without Chromium the test says so and passes.
#[test]
fn html_renders_in_headless_chromium() {
    let tmp = tempfile::tempdir().unwrap();
    let shot = tmp.path().join("shot.png");
    let args = [
        "--window-size=1200,3000".to_string(),
        format!("--screenshot={}", shot.display()),
    ];
    let Some(out) = chromium_on_sample_page(tmp.path(), &args) else {
        return;
    };
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(shot.exists(), "no screenshot: {log}");
    for line in log.lines() {
        assert!(
            !line.contains(":CONSOLE(") && !line.contains("Uncaught"),
            "console error: {line}"
        );
    }
    // Decode the screenshot and check it is a page, not a blank.
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let bytes = &buf[..info.buffer_size()];
    let channels = info.color_type.samples();
    let pixels = bytes.len() / channels;
    let dark = bytes
        .chunks(channels)
        .filter(|p| p[..3].iter().map(|&c| c as u32).sum::<u32>() < 300)
        .count();
    let coloured = bytes
        .chunks(channels)
        .filter(|p| {
            let (r, g, b) = (p[0] as i32, p[1] as i32, p[2] as i32);
            (r - g).abs() > 40 || (g - b).abs() > 40
        })
        .count();
    assert_eq!((info.width, info.height), (1200, 3000));
    assert!(
        dark * 200 > pixels,
        "text is visible ({dark} dark pixels of {pixels})"
    );
    // The charts are drawn at their printed width (6.5 in, 624 CSS pixels)
    // in a 1,200-pixel window, and marks that stand for no speaker are
    // grey: coloured pixels are a fraction of the page.
    assert!(
        coloured * 300 > pixels,
        "charts are visible ({coloured} coloured pixels of {pixels})"
    );
}

#[test]
fn markdown_and_json_snapshots_of_a_small_briefing() {
    let bytes = std::fs::read(fixture("shapes/briefing.md")).unwrap();
    let source = decode(Path::new("briefing.md"), &bytes, Encoding::Utf8).unwrap();
    let corpus = Corpus::build(&[source], &BuildOptions::default()).unwrap();
    let files = report_files(&corpus, "briefing");
    let get = |p: &str| {
        String::from_utf8(files.iter().find(|f| f.path == p).unwrap().bytes.clone()).unwrap()
    };
    insta::assert_snapshot!("briefing_report_md", get("report.md"));
    insta::assert_snapshot!("briefing_report_json", get("report.json"));
}

/// Every file under `dir` (relative, sorted), folders with a trailing `/`.
fn tree(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let rel = p
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if p.is_dir() {
                out.push(format!("{rel}/"));
                stack.push(p);
            } else {
                out.push(rel);
            }
        }
    }
    out.sort();
    out
}

fn report_into(input: &Path, out: &Path, force: bool) -> assert_cmd::assert::Assert {
    let mut c = tribune();
    c.arg("report").arg(input).arg("-o").arg(out);
    if force {
        c.arg("--force");
    }
    c.assert()
}

/// Point 10: a folder of the user's (a transcript, a `.tex`, a subfolder)
/// is refused without `--force`; with it the report is written among
/// them, and they survive that run and a later one with another input,
/// byte for byte. The marker lists the report's files and no other.
#[test]
fn report_force_never_touches_the_users_files() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("paper");
    std::fs::create_dir_all(out.join("drafts")).unwrap();
    std::fs::copy(fixture("sample.txt"), out.join("sample.txt")).unwrap();
    std::fs::write(out.join("paper.tex"), "\\documentclass{article}\n").unwrap();
    std::fs::write(out.join("drafts/v1.tex"), "draft\n").unwrap();
    let users = read_dir_files(&out);
    assert_eq!(users.len(), 3);

    report_into(&fixture("shapes/debate.txt"), &out, false)
        .code(1)
        .stderr(predicates::str::contains(
            "holds files tribune did not write (no .tribune-report in it); pass --force",
        ));
    assert_eq!(read_dir_files(&out), users, "refused: nothing touched");

    report_into(&fixture("shapes/debate.txt"), &out, true).success();
    let after = read_dir_files(&out);
    for (name, bytes) in &users {
        assert_eq!(&after[name], bytes, "{name} kept");
    }
    assert!(after.contains_key("index.html") && after.contains_key("tables/speakers.csv"));
    let marker = String::from_utf8(after[".tribune-report"].clone()).unwrap();
    let listed: Vec<&str> = marker.lines().filter(|l| !l.starts_with('#')).collect();
    let mut written: Vec<&str> = after
        .keys()
        .map(String::as_str)
        .filter(|k| !users.contains_key(*k) && *k != ".tribune-report")
        .collect();
    written.sort();
    assert_eq!(listed, written, "the marker lists what tribune wrote");

    // Another input: the debate's files that the briefing has not are
    // removed, the user's are not.
    report_into(&fixture("shapes/briefing.md"), &out, true).success();
    let third = read_dir_files(&out);
    for (name, bytes) in &users {
        assert_eq!(&third[name], bytes, "{name} kept");
    }
    let marker = String::from_utf8(third[".tribune-report"].clone()).unwrap();
    for name in third.keys() {
        let listed = marker.lines().any(|l| l == name);
        assert_eq!(
            listed,
            !users.contains_key(name) && name != ".tribune-report",
            "{name}"
        );
    }
    // Nothing hidden is left beside the folder.
    assert_eq!(
        tree(tmp.path())
            .iter()
            .filter(|p| !p.starts_with("paper"))
            .count(),
        0
    );

    // A file of the user's where the report writes one: refused even with
    // --force, and kept.
    let clash = tmp.path().join("clash");
    std::fs::create_dir(&clash).unwrap();
    std::fs::write(clash.join("index.html"), "my page").unwrap();
    report_into(&fixture("shapes/debate.txt"), &clash, true)
        .code(1)
        .stderr(predicates::str::contains(
            "index.html: exists and tribune did not write it",
        ));
    assert_eq!(tree(&clash), ["index.html"]);
    // A plain file as the report folder: refused, kept.
    let plain = tmp.path().join("plain");
    std::fs::write(&plain, "notes").unwrap();
    report_into(&fixture("shapes/debate.txt"), &plain, true)
        .code(1)
        .stderr(predicates::str::contains("exists and is not a folder"));
    assert_eq!(std::fs::read_to_string(&plain).unwrap(), "notes");
}

/// Point 10: a rerun over tribune's own report (same input, no --force)
/// keeps a file the user added, in the folder and in a subfolder.
#[test]
fn rerun_keeps_a_file_the_user_added() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("r");
    report_into(&fixture("shapes/debate.txt"), &out, false).success();
    let first = read_dir_files(&out);
    std::fs::write(out.join("notes.md"), "my notes\n").unwrap();
    std::fs::write(out.join("charts/annotated.svg"), "<svg/>").unwrap();
    report_into(&fixture("shapes/debate.txt"), &out, false).success();
    let again = read_dir_files(&out);
    assert_eq!(again["notes.md"], b"my notes\n");
    assert_eq!(again["charts/annotated.svg"], b"<svg/>");
    assert_eq!(again.len(), first.len() + 2);
    for (name, bytes) in &first {
        assert_eq!(&again[name], bytes, "{name} rewritten the same");
    }
}

/// Point 10: what a killed run leaves beside the folder (its marked hidden
/// folders, of a process that is gone) is removed by the next run; a hidden
/// folder of the user's is not.
#[test]
fn stale_folders_of_a_killed_run_are_cleaned() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("r");
    report_into(&fixture("shapes/debate.txt"), &out, false).success();
    let before = read_dir_files(&out);
    // A run killed while staging, and one killed before removing the old.
    for (name, files) in [
        (
            ".r.tribune-new-4000000000",
            vec![".tribune-report", "index.html"],
        ),
        (
            ".r.tribune-old-4000000001",
            vec![".tribune-report", "tables/turns.csv"],
        ),
    ] {
        for f in files {
            let p = tmp.path().join(name).join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "partial").unwrap();
        }
    }
    std::fs::create_dir(tmp.path().join(".r.backup")).unwrap();
    std::fs::write(tmp.path().join(".r.backup/index.html"), "mine").unwrap();
    std::fs::write(out.join(".tribune-report.tmp-4000000002"), "partial").unwrap();
    report_into(&fixture("shapes/debate.txt"), &out, false).success();
    let mut top: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert_eq!(top, [".r.backup", "r"]);
    assert_eq!(read_dir_files(&out), before);
}

/// The options line of a report's Markdown (`- **Options**: ...`), its
/// Markdown escapes undone, split into arguments.
fn options_line(dir: &Path) -> Vec<String> {
    let md = std::fs::read_to_string(dir.join("report.md")).unwrap();
    let line = md
        .lines()
        .find_map(|l| l.strip_prefix("- **Options**: "))
        .expect("report.md has an options line");
    let mut plain = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        plain.push(if c == '\\' {
            chars.next().unwrap_or(c)
        } else {
            c
        });
    }
    plain.split_whitespace().map(String::from).collect()
}

/// The methods' options line prints every option as the command line
/// takes it: a report made with non-default options records them, and
/// the same command with exactly that line succeeds and records it again.
#[test]
fn methods_options_run_again() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(crate::util::sample_path(), tmp.path().join("sample.txt")).unwrap();
    std::fs::write(tmp.path().join("extra.txt"), "xinjiang\n").unwrap();
    std::fs::write(
        tmp.path().join("roster.toml"),
        "[[outlet]]\nname = \"Reuters News Service\"\naliases = [\"Reuters\"]\n",
    )
    .unwrap();
    let given = [
        "--no-stem",
        "--keep-numbers",
        "--stopwords",
        "extra.txt",
        "--min-count",
        "2",
        "--featured",
        "3",
        "--top",
        "5",
        "--keep-names",
        "--figure-width",
        "17cm",
        "--dpi",
        "100",
        "--correction",
        "yates",
        "--adjust",
        "bonferroni",
        "--roster",
        "roster.toml",
    ];
    tribune()
        .current_dir(tmp.path())
        .args(["report", "sample.txt", "-o", "first"])
        .args(given)
        .assert()
        .success();
    let first = options_line(&tmp.path().join("first"));
    for flag in given.iter().filter(|g| g.starts_with("--")) {
        assert!(first.iter().any(|o| o == flag), "{flag} missing: {first:?}");
    }
    tribune()
        .current_dir(tmp.path())
        .args(["report", "sample.txt", "-o", "again"])
        .args(&first)
        .assert()
        .success();
    assert_eq!(options_line(&tmp.path().join("again")), first);
    // The defaults print as the command line takes them too.
    tribune()
        .current_dir(tmp.path())
        .args(["report", "sample.txt", "-o", "plain"])
        .assert()
        .success();
    let plain = options_line(&tmp.path().join("plain"));
    assert_eq!(plain, ["--correction", "none", "--adjust", "bh"]);
    tribune()
        .current_dir(tmp.path())
        .args(["report", "sample.txt", "-o", "plain-again"])
        .args(&plain)
        .assert()
        .success();
}
