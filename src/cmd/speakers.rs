//! `tribune speakers`: the roster as tribune resolved it.

use anyhow::Result;
use serde::Serialize;

use super::{InputArgs, OutputArgs, load_corpus};
use tribune::analysis::speakers::{SpeakerRow, command_table, rows};

/// Arguments of `tribune speakers`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    output: OutputArgs,
    /// Add why each speaker got its role, and its merged aliases.
    #[arg(long)]
    explain: bool,
    /// List probable typos among the labels (`MODEARTOR`), with the name
    /// each probably means and why; a roster alias merges them.
    #[arg(long, conflicts_with = "explain")]
    suspects: bool,
}

pub fn run(args: &Args) -> Result<()> {
    let corpus = load_corpus(&args.input)?;
    if args.suspects {
        let rows = tribune::transcript::speakers::suspects::suspects(&corpus);
        #[derive(Serialize)]
        struct Out<'a> {
            suspects: &'a [tribune::transcript::speakers::suspects::Suspect],
        }
        let t = tribune::transcript::speakers::suspects::table(&rows);
        return args.output.emit_wide(&t, &Out { suspects: &rows });
    }
    let rows = rows(&corpus);
    #[derive(Serialize)]
    struct Row<'a> {
        #[serde(flatten)]
        row: &'a SpeakerRow,
        anonymous: bool,
    }
    #[derive(Serialize)]
    struct Out<'a> {
        speakers: Vec<Row<'a>>,
    }
    let out = Out {
        speakers: rows
            .iter()
            .map(|row| Row {
                row,
                anonymous: row.anonymous,
            })
            .collect(),
    };
    let t = command_table(&rows, args.explain);
    if args.explain {
        args.output.emit_wide(&t, &out)
    } else {
        args.output.emit(&t, &out)
    }
}
