//! Lexical diversity per group: each group's plain word sequence (its turns
//! in corpus order, `unicode_words()` lower-cased, nothing removed) through
//! [`crate::stats::lexdiv`].

use serde::Serialize;

use crate::stats::lexdiv::{Diversity, DiversityOptions, diversity};
use crate::table::{Cell, Table};
use crate::text::plain_words;
use crate::transcript::Corpus;
use crate::transcript::group::{GroupBy, groups};

/// One group's lexical diversity.
#[derive(Debug, Clone, Serialize)]
pub struct DiversityRow {
    /// What the groups are (`speaker`, `role`...).
    pub group_by: &'static str,
    /// The group.
    pub group: String,
    /// The measures.
    #[serde(flatten)]
    pub measures: Diversity,
    /// True when the sequence is shorter than the MATTR window, so MATTR
    /// and MSTTR are the plain TTR of the whole sequence.
    pub short: bool,
}

/// Diversity for every group of `by` with at least one word.
pub fn diversity_rows(corpus: &Corpus, by: GroupBy, opts: &DiversityOptions) -> Vec<DiversityRow> {
    use rayon::prelude::*;
    groups(corpus, by)
        .into_par_iter()
        .filter_map(|g| {
            let mut words: Vec<String> = Vec::new();
            for &(t, u) in &g.turns {
                words.extend(plain_words(&corpus.transcripts[t].turns[u].text));
            }
            let measures = diversity(&words, opts)?;
            Some(DiversityRow {
                group_by: by.as_str(),
                short: (measures.tokens as usize) < opts.window,
                group: g.name,
                measures,
            })
        })
        .collect()
}

/// The rows as a table.
pub fn table(rows: &[DiversityRow]) -> Table {
    let mut t = Table::new([
        "group_by",
        "group",
        "tokens",
        "types",
        "ttr",
        "mattr",
        "msttr",
        "mtld",
        "mtld_forward",
        "mtld_backward",
        "yule_k",
        "hapax",
        "hapax_share",
        "note",
    ]);
    for r in rows {
        let m = &r.measures;
        t.push(vec![
            Cell::s(r.group_by),
            Cell::s(&r.group),
            Cell::i(m.tokens),
            Cell::i(m.types),
            Cell::f(m.ttr, 4),
            Cell::f(m.mattr, 4),
            Cell::f(m.msttr, 4),
            Cell::of(m.mtld, 2),
            Cell::of(m.mtld_forward, 2),
            Cell::of(m.mtld_backward, 2),
            Cell::f(m.yule_k, 2),
            Cell::i(m.hapax),
            Cell::f(m.hapax_share, 4),
            Cell::s(if r.short { "short: MATTR = TTR" } else { "" }),
        ]);
    }
    t
}
