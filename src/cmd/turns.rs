//! `tribune turns`: turn-length statistics per speaker, role, outlet or
//! transcript, plus one row for all turns.

use anyhow::Result;
use serde::Serialize;

use super::By;
use super::{InputArgs, OutputArgs, load_corpus};
use tribune::analysis::turns::{TurnStats, table, turn_stats};

/// Arguments of `tribune turns`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    output: OutputArgs,
    /// Group turns by this.
    #[arg(long, value_enum, default_value = "speaker")]
    by: By,
}

pub fn run(args: &Args) -> Result<()> {
    let corpus = load_corpus(&args.input)?;
    let rows = turn_stats(&corpus, args.by.into());
    #[derive(Serialize)]
    struct Out<'a> {
        rows: &'a [TurnStats],
    }
    args.output.emit(&table(&rows), &Out { rows: &rows })
}
