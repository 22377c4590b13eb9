//! `tribune keyness`: distinctive terms of a target against a reference
//! (or everyone else), or one-vs-rest for every speaker, role or outlet
//! (20 terms a side unless `--top` says otherwise, each table written as
//! soon as it is made, so neither output nor memory grows with the
//! groups times the vocabulary). Also holds the keyness flags that
//! `compare` and `report` share.

use anyhow::Result;
use serde::Serialize;

use super::terms::TextArgs;
use super::{InputArgs, OutputArgs, load_corpus};
use tribune::analysis::keyness::{
    COLUMNS, Keyness, KeynessParams, keyness, keyness_each_with, table,
};
use tribune::stats::keyness::{Adjust, Correction, KeynessOptions, Measure};
use tribune::text::Analyzer;
use tribune::transcript::group::{GroupBy, Spec};

/// Sort key of a keyness table.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum MeasureArg {
    G2,
    Chi2,
    LogRatio,
    LogOdds,
}

/// Continuity correction.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum CorrectionArg {
    None,
    Yates,
    Williams,
}

/// Multiple-testing adjustment.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum AdjustArg {
    Bh,
    Bonferroni,
    None,
}

/// The statistical flags shared by `keyness`, `compare` and `report`.
#[derive(Debug, Clone, clap::Args)]
pub struct KeynessArgs {
    /// Continuity correction of G² and χ².
    #[arg(long, value_enum, default_value = "none")]
    pub correction: CorrectionArg,
    /// Adjustment of p across the terms tested.
    #[arg(long, value_enum, default_value = "bh")]
    pub adjust: AdjustArg,
    /// Test only terms used at least N times by target and reference together.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub min_count: u64,
}

impl KeynessArgs {
    /// The statistical options.
    pub fn options(&self) -> KeynessOptions {
        KeynessOptions {
            correction: match self.correction {
                CorrectionArg::None => Correction::None,
                CorrectionArg::Yates => Correction::Yates,
                CorrectionArg::Williams => Correction::Williams,
            },
            adjust: match self.adjust {
                AdjustArg::Bh => Adjust::BenjaminiHochberg,
                AdjustArg::Bonferroni => Adjust::Bonferroni,
                AdjustArg::None => Adjust::None,
            },
            min_count: self.min_count,
            ..KeynessOptions::default()
        }
    }
}

/// Arguments of `tribune keyness`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    text: TextArgs,
    #[command(flatten)]
    stats: KeynessArgs,
    /// The target: a speaker name, role=R, outlet=O, transcript=ID, or
    /// each-speaker, each-role, each-outlet for one-vs-rest tables.
    #[arg(long, value_name = "SPEC")]
    target: String,
    /// The reference (default: everyone else).
    #[arg(long, value_name = "SPEC")]
    reference: Option<String>,
    /// Sort by this measure.
    #[arg(long, value_enum, default_value = "g2")]
    measure: MeasureArg,
    /// Keep the N most over-used and the N most under-used terms of each
    /// table, or `all` [default: all with one target; 20 with
    /// each-speaker, each-role, each-outlet]. Terms are not dropped for
    /// want of significance unless --p-max is given (each row has its
    /// p_adj).
    #[arg(long, value_name = "N|all", value_parser = parse_top)]
    top: Option<Top>,
    /// Keep terms whose adjusted p is at most P.
    #[arg(long, value_name = "P")]
    p_max: Option<f64>,
}

/// Rows kept on each side with `each-…` targets unless `--top` says
/// otherwise: 1,000 speakers give at most 40,000 rows, not one per term and
/// speaker (12 million on a synthetic hearing of that size).
pub const EACH_TOP: usize = 20;

/// What `--top` accepts: a number of rows per side, or every row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Top {
    /// At most N rows on each side.
    N(usize),
    /// Every term tested.
    All,
}

fn parse_top(s: &str) -> std::result::Result<Top, String> {
    if s.eq_ignore_ascii_case("all") {
        return Ok(Top::All);
    }
    s.parse()
        .map(Top::N)
        .map_err(|_| format!("`{s}` is not a number of rows or `all`"))
}

/// Map the measure flag.
pub fn measure(m: MeasureArg) -> Measure {
    match m {
        MeasureArg::G2 => Measure::G2,
        MeasureArg::Chi2 => Measure::Chi2,
        MeasureArg::LogRatio => Measure::LogRatio,
        MeasureArg::LogOdds => Measure::LogOdds,
    }
}

pub fn run(args: &Args) -> Result<()> {
    let corpus = load_corpus(&args.input)?;
    let analyzer = Analyzer::new(&args.text.options(1, false))?;
    let each = match args.target.as_str() {
        "each-speaker" => Some(GroupBy::Speaker),
        "each-role" => Some(GroupBy::Role),
        "each-outlet" => Some(GroupBy::Outlet),
        _ => None,
    };
    let top = match args.top {
        Some(Top::N(n)) => Some(n),
        Some(Top::All) => None,
        None if each.is_some() => Some(EACH_TOP),
        None => None,
    };
    let params = KeynessParams {
        options: args.stats.options(),
        measure: measure(args.measure),
        top,
        p_max: args.p_max,
    };
    match each {
        Some(by) => {
            // Each table is written as soon as it is made: the output is
            // never held whole.
            #[derive(Serialize)]
            struct Out {
                results: [Keyness; 0],
            }
            args.output
                .stream(&COLUMNS, &Out { results: [] }, 60, |out| {
                    keyness_each_with(&corpus, &analyzer, by, &params, |k| {
                        out.push(&table(std::slice::from_ref(&k)), &[&k])
                    })
                })
        }
        None => {
            let target = Spec::parse(&args.target, &corpus)?;
            let reference = args
                .reference
                .as_deref()
                .map(|r| Spec::parse(r, &corpus))
                .transpose()?;
            let k = keyness(&corpus, &analyzer, &target, reference.as_ref(), &params)?;
            args.output.emit(&table(std::slice::from_ref(&k)), &k)
        }
    }
}
