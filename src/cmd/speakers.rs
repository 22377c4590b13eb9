//! `tribune speakers`: the roster as tribune resolved it.

use anyhow::Result;
use serde::Serialize;

use super::{InputArgs, OutputArgs, load_corpus};
use tribune::table::{Cell, Table};
use tribune::transcript::{Corpus, Role, speaker_totals};

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
}

/// One row of the JSON contract `{"speakers": [...]}`.
#[derive(Debug, Serialize)]
pub struct SpeakerRow {
    pub name: String,
    pub role: Role,
    pub outlet: Option<String>,
    pub turns: usize,
    pub words: usize,
    pub share_of_words: f64,
    pub aliases: Vec<String>,
    pub explain: Vec<String>,
}

/// The speakers, most words first (ties by name).
pub fn rows(corpus: &Corpus) -> Vec<SpeakerRow> {
    let totals = speaker_totals(corpus);
    let all: usize = totals.iter().map(|t| t.1).sum();
    let mut rows: Vec<SpeakerRow> = corpus
        .speakers
        .iter()
        .zip(&totals)
        .map(|(s, &(turns, words))| SpeakerRow {
            name: s.name.clone(),
            role: s.role,
            outlet: s.outlet.clone(),
            turns,
            words,
            share_of_words: if all > 0 { words as f64 / all as f64 } else { 0.0 },
            aliases: s.aliases.clone(),
            explain: s.explain.clone(),
        })
        .collect();
    rows.sort_by(|a, b| b.words.cmp(&a.words).then_with(|| a.name.cmp(&b.name)));
    rows
}

pub fn run(args: &Args) -> Result<()> {
    let corpus = load_corpus(&args.input)?;
    let rows = rows(&corpus);
    let mut cols = vec!["speaker", "role", "outlet", "turns", "words", "share_of_words"];
    if args.explain {
        cols.extend(["aliases", "explain"]);
    }
    let mut t = Table::new(cols);
    for r in &rows {
        let mut row = vec![
            Cell::s(&r.name),
            Cell::s(r.role.as_str()),
            Cell::os(r.outlet.as_deref()),
            Cell::i(r.turns),
            Cell::i(r.words),
            Cell::f(r.share_of_words, 4),
        ];
        if args.explain {
            row.push(Cell::s(r.aliases.join("; ")));
            row.push(Cell::s(r.explain.join("; ")));
        }
        t.push(row);
    }
    #[derive(Serialize)]
    struct Out<'a> {
        speakers: &'a [SpeakerRow],
    }
    let out = Out { speakers: &rows };
    if args.explain {
        args.output.emit_wide(&t, &out)
    } else {
        args.output.emit(&t, &out)
    }
}
