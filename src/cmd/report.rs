//! `tribune report`: the main job. Builds every table and chart into
//! `reports/<name>/` (or `-o DIR`) through a temporary folder that is renamed
//! into place at the end, so a failure never leaves half a report; refuses to
//! replace a different report unless `--force`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::keyness::KeynessArgs;
use super::terms::TextArgs;
use super::{InputArgs, load_corpus};
use tribune::analysis::keyness::KeynessParams;
use tribune::report::figures::slug;
use tribune::report::{ReportOptions, build, render};
use tribune::text::Analyzer;

/// Arguments of `tribune report`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    /// The report folder [default: reports/<name of the input>].
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Title of the report [default: the transcript's title].
    #[arg(long)]
    title: Option<String>,
    /// Replace an existing folder even if it holds a different report.
    #[arg(long)]
    force: bool,
    /// How many speakers (most words first) get their own sections.
    #[arg(long, default_value_t = 6, value_name = "N")]
    featured: usize,
    /// Distinctive terms per side shown for each featured speaker.
    #[arg(long, default_value_t = 10, value_name = "N")]
    top: usize,
    #[command(flatten)]
    text: TextArgs,
    #[command(flatten)]
    stats: KeynessArgs,
}

/// The report's name: the input's file stem or folder name, sanitised.
fn report_name(inputs: &[String]) -> String {
    match inputs {
        [one] if one == "-" => "stdin".into(),
        [one] => {
            let p = Path::new(one);
            let stem = if p.is_dir() {
                p.file_name()
            } else {
                p.file_stem()
            };
            slug(
                &stem
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            )
        }
        _ => "corpus".into(),
    }
}

/// The options as given, for the methods section (non-defaults only).
fn given(args: &Args) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = Vec::new();
    let t = &args.text;
    if t.lang.name() != "english" {
        v.push(("--lang".into(), t.lang.name().into()));
    }
    for (flag, on) in [
        ("--no-stem", t.no_stem),
        ("--keep-numbers", t.keep_numbers),
        ("--keep-stopwords", t.keep_stopwords),
        ("--keep-fillers", t.keep_fillers),
        ("--stopwords-only", t.stopwords_only),
    ] {
        if on {
            v.push((flag.into(), String::new()));
        }
    }
    for f in &t.stopwords {
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        v.push(("--stopwords".into(), name));
    }
    if args.stats.min_count != 3 {
        v.push(("--min-count".into(), args.stats.min_count.to_string()));
    }
    if args.featured != 6 {
        v.push(("--featured".into(), args.featured.to_string()));
    }
    if args.top != 10 {
        v.push(("--top".into(), args.top.to_string()));
    }
    let o = args.stats.options();
    v.push((
        "--correction".into(),
        format!("{:?}", o.correction).to_lowercase(),
    ));
    v.push(("--adjust".into(), format!("{:?}", o.adjust).to_lowercase()));
    if args.input.roster.is_some() {
        v.push(("--roster".into(), "given".into()));
    }
    v
}

pub fn run(args: &Args) -> Result<()> {
    let corpus = load_corpus(&args.input)?;
    let analyzer = Analyzer::new(&args.text.options(1, false))?;
    let name = report_name(&args.input.inputs);
    let dir = args
        .output
        .clone()
        .unwrap_or_else(|| Path::new("reports").join(&name));
    let mut opts = ReportOptions::new(name);
    opts.title = args.title.clone();
    opts.featured = args.featured.max(1);
    opts.key_terms = args.top.max(1);
    opts.keyness = KeynessParams {
        options: args.stats.options(),
        ..KeynessParams::default()
    };
    opts.given = given(args);
    let report = build(&corpus, &analyzer, &opts)?;
    let shas: Vec<&str> = report.inputs.iter().map(|i| i.sha256.as_str()).collect();
    check_replace(&dir, &shas, args.force)?;
    let files = render(&report)?;
    write_folder(&dir, &files)?;
    eprintln!("tribune: wrote {} files to {}", files.len(), dir.display());
    eprintln!("         open {}", dir.join("index.html").display());
    Ok(())
}

/// Refuse to replace a folder that is not the same report (same inputs),
/// unless forced.
fn check_replace(dir: &Path, shas: &[&str], force: bool) -> Result<()> {
    if force || !dir.exists() {
        return Ok(());
    }
    if !dir.is_dir() {
        bail!(
            "{}: exists and is not a folder (use another -o, or --force)",
            dir.display()
        );
    }
    let is_empty = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot read", dir.display()))?
        .next()
        .is_none();
    if is_empty {
        return Ok(());
    }
    let same = std::fs::read(dir.join("report.json"))
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|v| {
            v["inputs"].as_array().map(|a| {
                a.iter()
                    .filter_map(|i| i["sha256"].as_str().map(str::to_string))
                    .collect::<Vec<_>>()
            })
        })
        .is_some_and(|old| old == shas);
    if !same {
        bail!(
            "{}: holds a different report or other files; pass --force to replace it, or -o another folder",
            dir.display()
        );
    }
    Ok(())
}

/// Write all files into a temporary sibling folder, then swap it into place.
fn write_folder(dir: &Path, files: &[tribune::report::OutputFile]) -> Result<()> {
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)
        .with_context(|| format!("{}: cannot create", parent.display()))?;
    let base = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    let pid = std::process::id();
    let tmp = parent.join(format!(".{base}.tmp-{pid}"));
    let old = parent.join(format!(".{base}.old-{pid}"));
    let result = (|| -> Result<()> {
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp)?;
        }
        for f in files {
            let path = tmp.join(&f.path);
            if let Some(p) = path.parent() {
                std::fs::create_dir_all(p)
                    .with_context(|| format!("{}: cannot create", p.display()))?;
            }
            std::fs::write(&path, &f.bytes)
                .with_context(|| format!("{}: cannot write", path.display()))?;
        }
        if dir.exists() {
            std::fs::rename(dir, &old)
                .with_context(|| format!("{}: cannot replace", dir.display()))?;
        }
        std::fs::rename(&tmp, dir).with_context(|| format!("{}: cannot write", dir.display()))?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
        if old.exists() && !dir.exists() {
            let _ = std::fs::rename(&old, dir);
        }
    }
    if old.exists() {
        let _ = std::fs::remove_dir_all(&old);
    }
    result
}
