//! `tribune compare A B`: two speakers (or groups) head to head, sorted by
//! the weighted log-odds z, with each side's counts.

use anyhow::Result;

use super::keyness::KeynessArgs;
use super::terms::TextArgs;
use super::{InputArgs, OutputArgs, load_corpus};
use tribune::analysis::keyness::{KeynessParams, keyness, table};
use tribune::stats::keyness::Measure;
use tribune::text::Analyzer;
use tribune::transcript::group::Spec;

/// Arguments of `tribune compare`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Transcript files, folders, or -; then the two sides A and B.
    #[arg(required = true, num_args = 3.., value_name = "INPUT... A B")]
    all: Vec<String>,
    #[arg(long, default_value = "utf-8", value_name = "NAME")]
    encoding: String,
    /// A roster (TOML) that sets names, aliases, roles and outlets.
    #[arg(long, value_name = "FILE")]
    roster: Option<std::path::PathBuf>,
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    text: TextArgs,
    #[command(flatten)]
    stats: KeynessArgs,
    /// Keep the N terms most typical of each side.
    #[arg(long, value_name = "N")]
    top: Option<usize>,
}

pub fn run(args: &Args) -> Result<()> {
    let n = args.all.len();
    let input = InputArgs {
        inputs: args.all[..n - 2].to_vec(),
        encoding: args.encoding.clone(),
        roster: args.roster.clone(),
        strict: false,
    };
    let corpus = load_corpus(&input)?;
    let analyzer = Analyzer::new(&args.text.options(1, false))?;
    let a = Spec::parse(&args.all[n - 2], &corpus)?;
    let b = Spec::parse(&args.all[n - 1], &corpus)?;
    if a == b {
        anyhow::bail!(
            "compare needs two different sides, got `{}` twice",
            a.label()
        );
    }
    let params = KeynessParams {
        options: args.stats.options(),
        measure: Measure::LogOdds,
        top: args.top,
        p_max: None,
    };
    let k = keyness(&corpus, &analyzer, &a, Some(&b), &params)?;
    args.output.emit(&table(std::slice::from_ref(&k)), &k)
}
