//! `tribune parse`: every line's decision, so a user can see why a line was
//! taken as a label, continuation, metadata, stage direction or preamble;
//! with `--summary`, where every line and word of each file went.

use anyhow::Result;
use serde::Serialize;

use super::OutputArgs;
use tribune::ingest::{self, Encoding};
use tribune::table::{Cell, Table};
use tribune::transcript::accounting::{Accounting, Counts, account};
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
    /// Per file and in all: the label shape, and lines and words as speech,
    /// labels, stage directions, metadata, boilerplate, preamble, inserted
    /// material and other (struck-out text; blank lines).
    #[arg(long)]
    summary: bool,
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
    if args.summary {
        return summary(args, &paths, encoding);
    }
    let mut t = Table::new(["file", "line", "kind", "label", "reason", "text"]);
    let mut lines = Vec::new();
    for path in &paths {
        let source = ingest::read_source(path, encoding)?;
        if source.text.is_empty() {
            super::note(format_args!("warning: {}: file is empty", path.display()));
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

#[derive(Debug, Serialize)]
struct SummaryOut {
    file: String,
    shape: &'static str,
    lines: Counts,
    words: Counts,
    total_lines: usize,
    total_words: usize,
}

/// `tribune parse --summary`: one row of lines and one of words per file,
/// then the same for all files.
fn summary(args: &Args, paths: &[std::path::PathBuf], encoding: Encoding) -> Result<()> {
    let mut rows = Vec::new();
    let mut all = Accounting::default();
    for path in paths {
        let source = ingest::read_source(path, encoding)?;
        let parsed = parse_with_records(&source);
        let a = account(&parsed, &source.text);
        all += a;
        rows.push(SummaryOut {
            file: parsed.path.clone(),
            shape: parsed.shape.as_str(),
            lines: a.lines,
            words: a.words,
            total_lines: parsed.lines,
            total_words: a.input_words,
        });
    }
    let total = SummaryOut {
        file: "(all)".into(),
        shape: "",
        lines: all.lines,
        words: all.words,
        total_lines: rows.iter().map(|r| r.total_lines).sum(),
        total_words: all.input_words,
    };
    let mut header = vec!["file", "shape", "measure", "total"];
    header.extend(Counts::default().named().map(|(n, _)| n));
    let mut t = Table::new(header);
    for r in rows.iter().chain([&total]) {
        for (measure, counts, total) in [
            ("lines", &r.lines, r.total_lines),
            ("words", &r.words, r.total_words),
        ] {
            let mut row = vec![
                Cell::s(&r.file),
                Cell::s(r.shape),
                Cell::s(measure),
                Cell::i(total),
            ];
            row.extend(counts.named().map(|(_, n)| Cell::i(n)));
            t.push(row);
        }
    }
    #[derive(Serialize)]
    struct Out<'a> {
        files: &'a [SummaryOut],
        all: &'a SummaryOut,
    }
    args.output.emit(
        &t,
        &Out {
            files: &rows,
            all: &total,
        },
    )
}
