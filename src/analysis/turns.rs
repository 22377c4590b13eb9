//! Turn-length statistics per group (speaker, role, outlet, transcript)
//! and for all turns: the rows and their table.

use serde::Serialize;

use crate::stats::describe::{Summary, summarize};
use crate::table::{Cell, Table};
use crate::transcript::Corpus;
use crate::transcript::group::{GroupBy, groups};

/// One group's turn-length statistics (words per turn).
#[derive(Debug, Clone, Serialize)]
pub struct TurnStats {
    pub group_by: &'static str,
    pub group: String,
    /// The speaker's role (speaker groups), or the role itself (role groups).
    pub role: Option<String>,
    pub turns: u64,
    pub words: u64,
    pub share_of_words: f64,
    #[serde(flatten)]
    pub summary: Summary,
}

/// Statistics for every group of `by`, then one `(all turns)` row.
pub fn turn_stats(corpus: &Corpus, by: GroupBy) -> Vec<TurnStats> {
    let total = corpus.total_words() as f64;
    let words_of = |turns: &[(usize, usize)]| -> Vec<u64> {
        turns
            .iter()
            .map(|&(t, u)| corpus.transcripts[t].turns[u].words as u64)
            .collect()
    };
    let mut out = Vec::new();
    let mut push = |group_by: &'static str, group: String, role: Option<String>, w: Vec<u64>| {
        if let Some(summary) = summarize(&w) {
            let words = summary.sum as u64;
            out.push(TurnStats {
                group_by,
                group,
                role,
                turns: summary.n,
                words,
                share_of_words: if total > 0.0 {
                    words as f64 / total
                } else {
                    0.0
                },
                summary,
            });
        }
    };
    for g in groups(corpus, by) {
        let role = match by {
            GroupBy::Speaker => corpus
                .speakers
                .iter()
                .find(|s| s.name == g.name)
                .map(|s| s.role.as_str().to_string()),
            GroupBy::Role => Some(g.name.clone()),
            _ => None,
        };
        push(by.as_str(), g.name, role, words_of(&g.turns));
    }
    let all: Vec<u64> = corpus.turns().map(|(_, t)| t.words as u64).collect();
    push("all", "(all turns)".into(), None, all);
    out
}

/// The rows as a table.
pub fn table(rows: &[TurnStats]) -> Table {
    let mut t = Table::new([
        "group_by",
        "group",
        "role",
        "turns",
        "words",
        "share_of_words",
        "mean",
        "sd",
        "min",
        "q1",
        "median",
        "q3",
        "max",
    ]);
    for r in rows {
        t.push(vec![
            Cell::s(r.group_by),
            Cell::s(&r.group),
            Cell::os(r.role.as_deref()),
            Cell::i(r.turns),
            Cell::i(r.words),
            Cell::f(r.share_of_words, 4),
            Cell::f(r.summary.mean, 2),
            Cell::of(r.summary.sd, 2),
            Cell::i(r.summary.min),
            Cell::f(r.summary.q1, 2),
            Cell::f(r.summary.median, 2),
            Cell::f(r.summary.q3, 2),
            Cell::i(r.summary.max),
        ]);
    }
    t
}
