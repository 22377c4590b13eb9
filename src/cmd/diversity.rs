//! `tribune diversity`: lexical diversity per speaker, role, outlet or
//! transcript (TTR, MATTR, MSTTR, MTLD, Yule's K, hapax share).

use anyhow::Result;
use serde::Serialize;

use super::{By, InputArgs, OutputArgs, load_corpus};
use tribune::analysis::diversity::{DiversityRow, diversity_rows, table};
use tribune::stats::lexdiv::DiversityOptions;

/// Arguments of `tribune diversity`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    output: OutputArgs,
    /// Group turns by this.
    #[arg(long, value_enum, default_value = "speaker")]
    by: By,
    /// MATTR window and MSTTR segment, in tokens.
    #[arg(long, default_value_t = 100, value_name = "N")]
    window: usize,
}

pub fn run(args: &Args) -> Result<()> {
    if args.window == 0 {
        anyhow::bail!("--window must be at least 1");
    }
    let corpus = load_corpus(&args.input)?;
    let opts = DiversityOptions {
        window: args.window,
        segment: args.window,
        ..DiversityOptions::default()
    };
    let rows = diversity_rows(&corpus, args.by.into(), &opts);
    #[derive(Serialize)]
    struct Out<'a> {
        rows: &'a [DiversityRow],
    }
    args.output.emit(&table(&rows), &Out { rows: &rows })
}
