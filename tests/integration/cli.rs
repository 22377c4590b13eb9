//! The binary as a user meets it: exit codes, error messages that name the
//! file (and line), formats, and nothing half-written on failure.

use predicates::prelude::*;

use crate::util::{StdoutOk, fixture, sample_path, tribune};

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

#[test]
fn speakers_json_contract() {
    let out = tribune()
        .args(["speakers", "--format", "json"])
        .arg(sample_path())
        .stdout_ok();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let first = &v["speakers"][0];
    assert_eq!(first["name"], "Zulyat Ismail");
    assert_eq!(first["role"], "official");
    assert_eq!(first["outlet"], serde_json::Value::Null);
    assert_eq!(first["turns"], 6);
    assert_eq!(first["words"], 3232);
    assert_eq!(v["speakers"].as_array().unwrap().len(), 14);
}

#[test]
fn exchanges_json_contract() {
    let out = tribune()
        .args(["exchanges", "--format", "json"])
        .arg(sample_path())
        .stdout_ok();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let e = &v["exchanges"][0];
    assert_eq!(e["questioner"], "Reuters");
    assert_eq!(e["outlet"], "Reuters");
    assert_eq!(e["question_words"], 148);
    assert_eq!(e["answer_words"], 552);
    assert_eq!(
        e["answered_by"],
        serde_json::json!(["Rehmanjan Dawut", "Zulyat Ismail"])
    );
    assert_eq!(v["exchanges"].as_array().unwrap().len(), 10);
}

#[test]
fn turns_csv_by_role() {
    tribune()
        .args(["turns", "--by", "role", "--format", "csv"])
        .arg(sample_path())
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "group_by,group,role,turns,words,share_of_words,mean,sd,min,q1,median,q3,max\n\
             role,host,host,22,406,0.0588,18.45,22.88,6,8.00,15.00,15.00,112\n\
             role,official,official,11,5988,0.8677,544.36,219.92,184,396.50,554.00,661.50,868\n\
             role,questioner,questioner,10,507,0.0735,50.70,36.68,24,26.25,46.50,55.00,148\n\
             all,(all turns),,43,6901,1.0000,160.49,253.17,6,15.00,25.00,166.00,868\n",
        ));
}

#[test]
fn parse_shows_each_decision() {
    let out = tribune()
        .args(["parse", "--format", "csv"])
        .arg(sample_path())
        .stdout_ok();
    let s = String::from_utf8(out).unwrap();
    assert!(
        s.contains(",7,metadata,,metadata key,Host of press conference:"),
        "{s}"
    );
    assert!(s.contains(",15,stage,,indented narrative line,"));
    assert!(s.contains(",16,label,Reuters,speaker label,"));
    assert!(
        s.contains(",43,continuation,,new paragraph of the current speaker,And the second is:")
    );
    assert!(s.contains(",1,preamble,,before the first turn,The 14th Press Conference"));
}

#[test]
fn output_file_format_from_extension_and_markdown() {
    let dir = tmp();
    let out = dir.path().join("speakers.md");
    tribune()
        .args(["speakers"])
        .arg(sample_path())
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.starts_with("| speaker | role | outlet | turns | words | share_of_words |\n| --- | --- | --- | ---: | ---: | ---: |\n| Zulyat Ismail | official |  | 6 | 3232 | 0.4683 |"));
}

#[test]
fn stdin_is_read_with_a_dash() {
    tribune()
        .args(["speakers", "--format", "csv", "-"])
        .write_stdin("A: Hello there.\n\nB: Hi, what is new?\n\nA: Nothing at all.\n")
        .assert()
        .success()
        .stdout("speaker,role,outlet,turns,words,share_of_words\nA,official,,2,5,0.5556\nB,questioner,,1,4,0.4444\n");
}

#[test]
fn bad_inputs_fail_clearly_naming_the_file() {
    let dir = tmp();
    let p = |n: &str| dir.path().join(n);
    std::fs::write(p("binary.txt"), b"\x7fELF\x02\x01\x01\x00\x00\x00").unwrap();
    std::fs::write(p("latin1.txt"), b"A: caf\xe9 au lait\n").unwrap();
    std::fs::write(p("empty.txt"), b"").unwrap();
    std::fs::create_dir(p("nothing")).unwrap();
    std::fs::write(
        p("roster.toml"),
        "[[speaker]]\nname = \"Xu Guixiang\"\nrank = \"host\"\n",
    )
    .unwrap();
    let cases: Vec<(Vec<std::ffi::OsString>, String)> = vec![
        (
            vec![p("binary.txt").into()],
            format!("{}: looks like a binary file", p("binary.txt").display()),
        ),
        (
            vec![p("latin1.txt").into()],
            format!(
                "{}: invalid UTF-8 at byte 6 (line 1); if the file is in another encoding, pass --encoding",
                p("latin1.txt").display()
            ),
        ),
        (
            vec![p("empty.txt").into()],
            format!("{}: file is empty", p("empty.txt").display()),
        ),
        (
            vec![fixture("shapes/prose.txt").into()],
            "prose.txt: no speaker turns found in 6 lines".into(),
        ),
        (
            vec![p("missing.txt").into()],
            format!("{}: cannot read: No such file", p("missing.txt").display()),
        ),
        (
            vec![p("nothing").into()],
            format!(
                "{}: folder holds no .txt, .md, .htm, .html or .xml transcript",
                p("nothing").display()
            ),
        ),
        (
            vec![
                sample_path().into(),
                "--roster".into(),
                p("roster.toml").into(),
            ],
            format!(
                "{}:3: roster: unknown field `rank`",
                p("roster.toml").display()
            ),
        ),
    ];
    for (args, msg) in cases {
        let out = dir.path().join("out.csv");
        tribune()
            .arg("speakers")
            .args(&args)
            .arg("-o")
            .arg(&out)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(msg.clone()))
            .stderr(predicate::str::contains("panicked").not());
        assert!(!out.exists(), "nothing written for {msg}");
    }
    // The right encoding reads the Latin-1 file.
    tribune()
        .args(["speakers", "--format", "csv", "--encoding", "latin1"])
        .arg(p("latin1.txt"))
        .assert()
        .success()
        .stdout(predicate::str::contains("A,other,,1,3,"));
    // No stray temporary files were left behind.
    let stray: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(stray.is_empty());
}

#[test]
fn usage_errors_exit_2_and_strict_makes_warnings_fatal() {
    tribune().arg("speakers").assert().code(2);
    tribune()
        .args(["turns", "--by", "planet"])
        .arg(sample_path())
        .assert()
        .code(2);
    tribune().arg("frobnicate").assert().code(2);
    let dir = tmp();
    let f = dir.path().join("w.txt");
    std::fs::write(&f, "A: hello\n\nB:\n\nA: again\n").unwrap();
    tribune()
        .args(["speakers", "--format", "csv"])
        .arg(&f)
        .assert()
        .success()
        .stderr(predicate::str::contains("w.txt:3: label `B` has no speech"));
    tribune()
        .args(["speakers", "--strict"])
        .arg(&f)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "w.txt:3: label `B` has no speech (--strict makes warnings fatal)",
        ));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    // `tribune parse big | head -1`: the reader goes away early.
    let bin = assert_cmd::cargo::cargo_bin("tribune");
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "set -o pipefail 2>/dev/null; '{}' parse --format csv '{}' '{}' '{}' | head -c 10 >/dev/null; echo ${{PIPESTATUS[0]:-0}}",
            bin.display(),
            sample_path().display(),
            sample_path().display(),
            sample_path().display()
        ))
        .output()
        .unwrap();
    let code = String::from_utf8_lossy(&status.stdout);
    assert!(code.trim() == "0" || code.trim().is_empty(), "exit {code}");
}

#[test]
fn completions_and_the_manual_page_come_from_the_command_line() {
    for (shell, marker) in [
        ("bash", "_tribune()"),
        ("zsh", "#compdef tribune"),
        ("fish", "complete -c tribune"),
    ] {
        let out = String::from_utf8(tribune().args(["completions", shell]).stdout_ok()).unwrap();
        assert!(out.contains(marker), "{shell}: {out}");
        for sub in ["report", "keyness", "completions", "man"] {
            assert!(out.contains(sub), "{shell} completes {sub}");
        }
    }
    let man = String::from_utf8(tribune().arg("man").stdout_ok()).unwrap();
    assert!(man.contains(".TH tribune 1"));
    assert!(man.contains("\\-\\-quiet"), "{man}");
    tribune().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn quiet_prints_no_warnings() {
    let dir = tmp();
    std::fs::copy(sample_path(), dir.path().join("a.txt")).unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let loud = tribune()
        .args(["speakers", "--format", "csv"])
        .arg(dir.path())
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&loud.stderr).contains("empty.txt"));
    let quiet = tribune()
        .args(["speakers", "--quiet", "--format", "csv"])
        .arg(dir.path())
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(String::from_utf8_lossy(&quiet.stderr), "");
    assert_eq!(quiet.stdout, loud.stdout);
}
