//! `tribune report`: the main job. Builds every table and chart into
//! `reports/<name>/` (or `-o DIR`), written as [`super::report_folder`]
//! says: never half a report, never a file of the user's touched; refuses
//! to replace a different report, or to write among files tribune did not
//! write, unless `--force`.

use std::path::{Path, PathBuf};

use anyhow::Result;

use super::keyness::KeynessArgs;
use super::terms::TextArgs;
use super::{InputArgs, load_corpus, report_folder};
use tribune::analysis::keyness::KeynessParams;
use tribune::report::charts::{Length, MAX_DPI, MIN_DPI};
use tribune::report::figures::slug;
use tribune::report::model::FigureOptions;
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
    /// Replace a different report in the folder, or write among files tribune did not write (tribune still never replaces or removes those).
    #[arg(long)]
    force: bool,
    /// How many speakers (most words first) get their own sections.
    #[arg(long, default_value_t = 6, value_name = "N")]
    featured: usize,
    /// Distinctive terms per side shown for each featured speaker.
    #[arg(long, default_value_t = 10, value_name = "N")]
    top: usize,
    /// Keep speakers' names (e.g. `karine`, `psaki`) among the distinctive terms; by default they are left out, with a note.
    #[arg(long)]
    keep_names: bool,
    /// Printed width of the figures: 6.5in, 17cm, 165mm or 468pt; their text is 8–9 pt at this width.
    #[arg(long, default_value = "6.5in", value_name = "WIDTH", value_parser = parse_width)]
    figure_width: Length,
    /// Resolution of the PNG figures, in dots per inch (72–600): a PNG is the figure width × DPI pixels wide.
    #[arg(long, default_value_t = 300, value_name = "N", value_parser = clap::value_parser!(u32).range(i64::from(MIN_DPI)..=i64::from(MAX_DPI)))]
    dpi: u32,
    #[command(flatten)]
    text: TextArgs,
    #[command(flatten)]
    stats: KeynessArgs,
}

fn parse_width(text: &str) -> Result<Length, String> {
    Length::parse(text)
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

/// A value of an enumerated flag as the command line takes it (`bh`).
fn flag_value(value: impl clap::ValueEnum) -> String {
    value
        .to_possible_value()
        .map(|p| p.get_name().to_string())
        .unwrap_or_default()
}

/// The options as given, for the methods section: the non-defaults (and
/// the correction and adjustment always), each as the command line takes
/// it, paths as typed, so that the line can be run again.
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
        v.push(("--stopwords".into(), f.to_string_lossy().into_owned()));
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
    if args.keep_names {
        v.push(("--keep-names".into(), String::new()));
    }
    if args.figure_width != Length::default() {
        let w = args.figure_width;
        v.push(("--figure-width".into(), w.svg(w.points())));
    }
    if args.dpi != 300 {
        v.push(("--dpi".into(), args.dpi.to_string()));
    }
    v.push(("--correction".into(), flag_value(args.stats.correction)));
    v.push(("--adjust".into(), flag_value(args.stats.adjust)));
    if let Some(roster) = &args.input.roster {
        v.push(("--roster".into(), roster.to_string_lossy().into_owned()));
    }
    if args.input.encoding != "utf-8" {
        v.push(("--encoding".into(), args.input.encoding.clone()));
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
    opts.keep_names = args.keep_names;
    opts.figure = FigureOptions {
        width: args.figure_width,
        dpi: args.dpi,
    };
    let report = build(&corpus, &analyzer, &opts)?;
    let shas: Vec<&str> = report.inputs.iter().map(|i| i.sha256.as_str()).collect();
    report_folder::check(&dir, &shas, args.force)?;
    let files = render(&report)?;
    report_folder::write(&dir, &files)?;
    super::note(format_args!(
        "tribune: wrote {} files to {}",
        files.len(),
        dir.display()
    ));
    super::note(format_args!(
        "         open {}",
        dir.join("index.html").display()
    ));
    Ok(())
}
