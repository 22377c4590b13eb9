//! `tribune exchanges`: each question–answer exchange, and per-outlet
//! figures (exchanges, question turns and words, answer words, ratio, who
//! answered).

use anyhow::Result;
use serde::Serialize;

use super::{Format, InputArgs, OutputArgs, load_corpus};
use tribune::analysis::exchanges::{
    ExchangeRow, OutletRow, exchange_rows, exchanges_table, outlet_rows, outlets_table,
};

/// Arguments of `tribune exchanges`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    output: OutputArgs,
    /// Only the per-outlet figures (CSV and Markdown carry one table).
    #[arg(long)]
    by_outlet: bool,
}

pub fn run(args: &Args) -> Result<()> {
    let corpus = load_corpus(&args.input)?;
    let rows = exchange_rows(&corpus);
    let outlets = outlet_rows(&rows);
    #[derive(Serialize)]
    struct Out<'a> {
        exchanges: &'a [ExchangeRow],
        outlets: &'a [OutletRow],
    }
    let json = Out {
        exchanges: &rows,
        outlets: &outlets,
    };
    let format = args.output.format();
    if args.by_outlet {
        return args.output.emit(&outlets_table(&outlets), &json);
    }
    match format {
        Format::Table => {
            let mut s = exchanges_table(&rows).to_text(60);
            s.push('\n');
            s.push_str(&outlets_table(&outlets).to_text(60));
            args.output.write(s.as_bytes())
        }
        Format::Md => {
            let mut s = String::from("## Exchanges\n\n");
            s.push_str(&exchanges_table(&rows).to_markdown());
            s.push_str("\n## By outlet\n\n");
            s.push_str(&outlets_table(&outlets).to_markdown());
            args.output.write(s.as_bytes())
        }
        _ => args.output.emit(&exchanges_table(&rows), &json),
    }
}
