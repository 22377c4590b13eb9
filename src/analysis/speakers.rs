//! The speakers table: name, role, outlet, turns, words, share of words,
//! aliases and the reasons for each role.

use serde::Serialize;

use crate::table::{Cell, Table};
use crate::transcript::{Corpus, Role, speaker_totals};

/// One row of the JSON contract `{"speakers": [...]}`.
#[derive(Debug, Clone, Serialize)]
pub struct SpeakerRow {
    pub name: String,
    pub role: Role,
    pub outlet: Option<String>,
    pub turns: usize,
    pub words: usize,
    pub share_of_words: f64,
    pub aliases: Vec<String>,
    pub explain: Vec<String>,
    /// An anonymous label (`Q`, `UNIDENTIFIED MALE`): shown by `tribune
    /// speakers` (the report's tables and JSON leave it out).
    #[serde(skip)]
    pub anonymous: bool,
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
            share_of_words: if all > 0 {
                words as f64 / all as f64
            } else {
                0.0
            },
            aliases: s.aliases.clone(),
            explain: s.explain.clone(),
            anonymous: s.anonymous,
        })
        .collect();
    rows.sort_by(|a, b| b.words.cmp(&a.words).then_with(|| a.name.cmp(&b.name)));
    rows
}

/// The speakers as `tribune speakers` shows them: [`table`], and with
/// `explain` a last column saying which are anonymous labels.
pub fn command_table(rows: &[SpeakerRow], explain: bool) -> Table {
    let mut t = table(rows, explain);
    if !explain {
        return t;
    }
    t.columns.push("anonymous".into());
    for (row, r) in t.rows.iter_mut().zip(rows) {
        row.push(Cell::s(if r.anonymous { "true" } else { "false" }));
    }
    t
}

/// The speakers as a table; `explain` adds aliases and reasons.
pub fn table(rows: &[SpeakerRow], explain: bool) -> Table {
    let mut cols = vec![
        "speaker",
        "role",
        "outlet",
        "turns",
        "words",
        "share_of_words",
    ];
    if explain {
        cols.extend(["aliases", "explain"]);
    }
    let mut t = Table::new(cols);
    for r in rows {
        let mut row = vec![
            Cell::s(&r.name),
            Cell::s(r.role.as_str()),
            Cell::os(r.outlet.as_deref()),
            Cell::i(r.turns),
            Cell::i(r.words),
            Cell::f(r.share_of_words, 4),
        ];
        if explain {
            row.push(Cell::s(r.aliases.join("; ")));
            row.push(Cell::s(r.explain.join("; ")));
        }
        t.push(row);
    }
    t
}
