//! `tribune keyness`: distinctive terms of a target against a reference
//! (or everyone else), or one-vs-rest for every speaker, role or outlet.
//! Also holds the keyness flags that `compare` and `report` share.

use anyhow::Result;
use serde::Serialize;

use super::terms::TextArgs;
use super::{InputArgs, OutputArgs, load_corpus};
use tribune::analysis::keyness::{Keyness, KeynessParams, keyness, keyness_each, table};
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
    /// Keep the N most over-used and the N most under-used terms.
    #[arg(long, value_name = "N")]
    top: Option<usize>,
    /// Keep terms whose adjusted p is at most P.
    #[arg(long, value_name = "P")]
    p_max: Option<f64>,
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
    let params = KeynessParams {
        options: args.stats.options(),
        measure: measure(args.measure),
        top: args.top,
        p_max: args.p_max,
    };
    let each = match args.target.as_str() {
        "each-speaker" => Some(GroupBy::Speaker),
        "each-role" => Some(GroupBy::Role),
        "each-outlet" => Some(GroupBy::Outlet),
        _ => None,
    };
    match each {
        Some(by) => {
            let results = keyness_each(&corpus, &analyzer, by, &params)?;
            #[derive(Serialize)]
            struct Out<'a> {
                results: &'a [Keyness],
            }
            args.output
                .emit(&table(&results), &Out { results: &results })
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
