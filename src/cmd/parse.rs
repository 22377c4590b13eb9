//! `tribune parse`: every line's decision, so a user can see why a line was
//! taken as a label, continuation, metadata, stage direction or preamble.

use anyhow::Result;
use serde::Serialize;

use super::OutputArgs;
use tribune::ingest::{self, Encoding};
use tribune::table::{Cell, Table};
use tribune::transcript::parse::parse_with_records;

/// Arguments of `tribune parse`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Transcript files, folders, or - for standard input.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<String>,
    /// Text encoding of the input.
    #[arg(long, default_value = "utf-8", value_name = "NAME")]
    encoding: String,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, Serialize)]
struct LineOut {
    file: String,
    line: usize,
    kind: &'static str,
    label: Option<String>,
    reason: &'static str,
    text: String,
}

pub fn run(args: &Args) -> Result<()> {
    let encoding: Encoding = args.encoding.parse()?;
    let paths = super::expand_inputs(&args.inputs)?;
    let mut t = Table::new(["file", "line", "kind", "label", "reason", "text"]);
    let mut lines = Vec::new();
    for path in &paths {
        let source = ingest::read_source(path, encoding)?;
        if source.text.is_empty() {
            eprintln!("warning: {}: file is empty", path.display());
        }
        let parsed = parse_with_records(&source);
        let text_lines: Vec<&str> = source.text.lines().collect();
        for r in &parsed.records {
            let text = text_lines
                .get(r.line - 1)
                .copied()
                .unwrap_or("")
                .trim_end()
                .to_string();
            lines.push(LineOut {
                file: parsed.path.clone(),
                line: r.line,
                kind: r.kind.as_str(),
                label: r.label.clone(),
                reason: r.reason,
                text,
            });
        }
        for w in &parsed.warnings {
            super::warn(&parsed.path, w);
        }
    }
    for l in &lines {
        t.push(vec![
            Cell::s(&l.file),
            Cell::i(l.line),
            Cell::s(l.kind),
            Cell::os(l.label.as_deref()),
            Cell::s(l.reason),
            Cell::s(&l.text),
        ]);
    }
    #[derive(Serialize)]
    struct Out<'a> {
        lines: &'a [LineOut],
    }
    args.output.emit(&t, &Out { lines: &lines })
}
