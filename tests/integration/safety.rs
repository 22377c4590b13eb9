//! Text from transcripts is shown, never run, in every format: control
//! characters as escapes in the terminal format and on stderr, Markdown
//! and HTML escaped in the report (file names, titles and speaker names
//! with blank lines and tags stay text), and each speaker's chart under a
//! file name of its own.

use tribune::table::{Cell, Table, md_escape, visible};

use crate::util::{StdoutOk, tribune};

const ESC_FILE: &str = "EVIL\x1b[2J: hello \x1b]0;pwned\x07 there, jobs jobs.\n\nSMITH: jobs are \x1b[31mred\x1b[0m today.\n";

#[test]
fn control_characters_are_escaped_in_text_and_markdown() {
    assert_eq!(visible("plain"), "plain");
    assert_eq!(
        visible("a\x1b[2Jb\tc\u{202e}d\ne\u{9b}f\x7f"),
        "a\\u{1b}[2Jb c\\u{202e}d e\\u{9b}f\\u{7f}"
    );
    let mut t = Table::new(["speaker\x1b[1m", "n"]);
    t.push(vec![Cell::s("EVIL\x1b[2J"), Cell::i(3)]);
    assert_eq!(
        t.to_text(60),
        "speaker\\u{1b}[1m  n\n----------------  -\nEVIL\\u{1b}[2J     3\n"
    );
    assert_eq!(
        md_escape("a\x1b]0;x\x07\n\n<img src=x onerror=alert(1)>"),
        "a\\u{1b}\\]0;x\\u{7}  &lt;img src=x onerror=alert(1)&gt;"
    );
}

#[test]
fn escape_sequences_in_a_transcript_never_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("esc.txt");
    std::fs::write(&path, ESC_FILE).expect("writes");
    for args in [
        &["speakers"][..],
        &["parse"],
        &["kwic", "jobs"],
        &["turns", "--by", "speaker"],
        &["keyness", "--target", "each-speaker", "--min-count", "1"],
    ] {
        let (cmd, rest) = args.split_first().expect("a command");
        let out = tribune()
            .arg(cmd)
            .arg(&path)
            .args(rest)
            .args(["--format", "table"])
            .stdout_ok();
        let text = String::from_utf8(out).expect("UTF-8");
        assert!(
            !text.contains(['\x1b', '\x07']),
            "{args:?} let a control character through:\n{text}"
        );
        assert!(text.contains("EVIL\\u{1b}[2J"), "{args:?}:\n{text}");
    }
    let kwic = tribune()
        .arg("kwic")
        .arg(&path)
        .args(["jobs", "--format", "table"])
        .stdout_ok();
    let kwic = String::from_utf8_lossy(&kwic);
    assert!(
        kwic.contains("hello \\u{1b}]0;pwned\\u{7} there,"),
        "{kwic}"
    );
    assert!(
        kwic.contains("are \\u{1b}[31mred\\u{1b}[0m today"),
        "{kwic}"
    );
    // CSV and JSON are data: the characters as they are (JSON escapes them).
    let csv = tribune()
        .arg("speakers")
        .arg(&path)
        .args(["--format", "csv"])
        .stdout_ok();
    assert!(String::from_utf8_lossy(&csv).contains("EVIL\x1b[2J,"));
    // Error messages name the file as text too.
    let bad = dir.path().join("bad\x1b[2J.txt");
    std::fs::write(&bad, b"\xff\xfe\x00garbage").expect("writes");
    let err = tribune().arg("speakers").arg(&bad).assert().code(1);
    let stderr = String::from_utf8_lossy(&err.get_output().stderr).into_owned();
    assert!(!stderr.contains('\x1b'), "{stderr}");
    assert!(stderr.contains("bad\\u{1b}[2J.txt"), "{stderr}");
}

/// Markdown with the code spans (text between a pair of backticks on one
/// line) taken out.
fn outside_code(md: &str) -> String {
    md.lines()
        .map(|l| {
            assert_eq!(l.matches('`').count() % 2, 0, "an open code span: {l}");
            l.split('`').step_by(2).collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn hostile_file_names_titles_and_speakers_stay_text_in_the_report() {
    let dir = tempfile::tempdir().expect("temp dir");
    let name = "a\n\n<img src=x onerror=alert(1)>\n\nb.txt";
    let path = dir.path().join(name);
    std::fs::write(
        &path,
        "MODERATOR: Welcome to the economy debate. The economy matters.\n\n\
         SMITH: The economy is strong, the economy grows. Jobs jobs jobs.\n\n\
         JONES: The economy is weak. Taxes taxes taxes and the economy.\n\n\
         SMITH: Jobs and the economy again.\n",
    )
    .expect("writes");
    let roster = dir.path().join("roster.toml");
    std::fs::write(
        &roster,
        "[[speaker]]\nname = \"Dr\\n\\n<img src=z onerror=alert(3)>\\n\\nSmith\"\naliases = [\"SMITH\"]\n",
    )
    .expect("writes");
    let out = dir.path().join("rep");
    tribune()
        .args([
            "report",
            "--force",
            "--title",
            "T\n\n<img src=y onerror=alert(2)>",
            "--roster",
        ])
        .arg(&roster)
        .arg("-o")
        .arg(&out)
        .arg(&path)
        .assert()
        .success();
    let read = |p: &str| std::fs::read_to_string(out.join(p)).expect(p);
    let md = read("report.md");
    let prose = outside_code(&md);
    assert!(!prose.contains('<'), "raw HTML in report.md:\n{md}");
    assert!(
        md.starts_with("# T  &lt;img src=y onerror=alert(2)&gt;\n\n"),
        "{md}"
    );
    assert!(
        md.contains("### Dr  &lt;img src=z onerror=alert(3)&gt;  Smith\n"),
        "{md}"
    );
    // The file name is the transcript's id in each line's reference, in a
    // code span that no line break can end.
    let reference = "- `a  <img src=x onerror=alert(1)>  b:3` … ";
    assert!(md.contains(reference), "{md}");
    assert!(!md.lines().any(|l| l.trim_start().starts_with('<')));
    let html = read("index.html");
    assert!(!html.contains("<img"), "an img tag reached the page");
    assert!(html.contains("<title>T\n\n&lt;img src=y onerror=alert(2)&gt;</title>"));
    assert!(html.contains("Dr\n\n&lt;img src=z onerror=alert(3)&gt;\n\nSmith"));
    for entry in std::fs::read_dir(out.join("charts")).expect("charts") {
        let p = entry.expect("entry").path();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        assert!(
            name.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-')),
            "{name}"
        );
    }
}

#[test]
fn two_cyrillic_speakers_get_a_chart_each() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("ru.txt");
    std::fs::write(
        &path,
        "Мария Захарова: Добрый день. Сегодня мы говорим о переговорах и переговорах. Переговоры идут.\n\n\
         Сергей Лавров: Спасибо. Санкции, санкции и санкции. Мы отвечаем на санкции.\n\n\
         Мария Захарова: Переговоры продолжаются, переговоры важны.\n\n\
         Сергей Лавров: Санкции не работают, санкции вредят.\n",
    )
    .expect("writes");
    let out = dir.path().join("rep");
    tribune()
        .arg("report")
        .arg("-o")
        .arg(&out)
        .arg(&path)
        .assert()
        .success();
    // Both names slug to `x`: each chart is `x` and the first 8 hex
    // digits of its name's SHA-256 (`printf %s NAME | sha256sum`).
    let charts = [
        ("keyness-x-1e4cff3a", "Мария Захарова"),
        ("keyness-x-9367306e", "Сергей Лавров"),
    ];
    let mut found: Vec<String> = std::fs::read_dir(out.join("charts"))
        .expect("charts")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("keyness-") && n.ends_with(".svg"))
        .collect();
    found.sort();
    assert_eq!(found, ["keyness-x-1e4cff3a.svg", "keyness-x-9367306e.svg"]);
    let html = std::fs::read_to_string(out.join("index.html")).expect("page");
    for (chart, speaker) in charts {
        let svg = std::fs::read_to_string(out.join(format!("charts/{chart}.svg"))).expect("svg");
        let title = format!("<title>Distinctive terms: {speaker}</title>");
        assert!(svg.contains(&title), "{chart}");
        // The page's figure with that id shows that speaker's chart.
        let at = html
            .find(&format!("<figure id=\"chart-{chart}\">"))
            .expect(chart);
        let figure = &html[at..at + html[at..].find("</figure>").expect("figure end")];
        assert!(figure.contains(&title), "{chart}");
        let heading = format!("<h3 id=\"{chart}\">{speaker}</h3>");
        assert!(html.contains(&heading), "{heading}");
    }
    let md = std::fs::read_to_string(out.join("report.md")).expect("md");
    // Under each chart, its title and caption.
    for (chart, speaker) in charts {
        let under =
            format!("(charts/{chart}.png)\n\n*Distinctive terms: {speaker}.* {speaker} used");
        assert!(md.contains(&under), "{under}");
    }
}
