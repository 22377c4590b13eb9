//! Term frequency tables: per group, each term with its display form,
//! count, rate per 10,000 tokens, turns and speakers using it, and rank
//! (ties "min", as quanteda). Long ("tidy") rows, one per group and term.

use std::borrow::Cow;

use serde::Serialize;

use crate::count::TermCounts;
use crate::table::{Cell, Table};

/// One row of the table: a term in a group.
#[derive(Debug, Clone, Serialize)]
pub struct TermRow<'a> {
    /// Group name.
    pub group: Cow<'a, str>,
    /// The term (stem, or stems joined by a space).
    pub term: Cow<'a, str>,
    /// Its most frequent surface form over all groups of the table.
    pub display: Cow<'a, str>,
    /// Occurrences in the group.
    pub count: u64,
    /// Per 10,000 tokens of the group.
    pub rate: f64,
    /// Turns of the group that contain it.
    pub turns: u64,
    /// Speakers of the group who use it.
    pub speakers: u64,
    /// Rank in the group by count, ties "min".
    pub rank: u64,
}

/// Totals of one group.
#[derive(Debug, Clone, Serialize)]
pub struct GroupTotal<'a> {
    pub group: &'a str,
    /// Tokens (or n-grams) counted: the denominator of `rate`.
    pub tokens: u64,
    pub turns: u64,
    /// Distinct terms.
    pub terms: usize,
}

/// The rows: groups in the order given, then count descending, then term
/// bytes; at most `top` per group, none under `min_count`.
pub fn rows<'a, S: std::hash::BuildHasher>(
    counts: &'a [(String, TermCounts)],
    display: &'a std::collections::HashMap<std::sync::Arc<str>, std::sync::Arc<str>, S>,
    top: Option<usize>,
    min_count: u64,
) -> Vec<TermRow<'a>> {
    let mut out = Vec::new();
    for (group, c) in counts {
        let total = c.tokens as f64;
        for r in c
            .ranked()
            .into_iter()
            .filter(|r| r.stat.count >= min_count)
            .take(top.unwrap_or(usize::MAX))
        {
            out.push(TermRow {
                group: Cow::Borrowed(group.as_str()),
                term: Cow::Borrowed(r.term),
                display: Cow::Borrowed(display.get(r.term).map_or(r.term, |d| &**d)),
                count: r.stat.count,
                rate: if total > 0.0 {
                    r.stat.count as f64 / total * 10_000.0
                } else {
                    0.0
                },
                turns: r.stat.turns,
                speakers: r.stat.speakers.len() as u64,
                rank: r.rank,
            });
        }
    }
    out
}

pub const COLUMNS: [&str; 8] = [
    "group", "term", "display", "count", "rate", "turns", "speakers", "rank",
];

/// The rows as a table.
pub fn table(rows: &[TermRow<'_>]) -> Table {
    let mut t = Table::new(COLUMNS);
    for r in rows {
        t.push(vec![
            Cell::s(r.group.as_ref()),
            Cell::s(r.term.as_ref()),
            Cell::s(r.display.as_ref()),
            Cell::i(r.count),
            Cell::f(r.rate, 4),
            Cell::i(r.turns),
            Cell::i(r.speakers),
            Cell::i(r.rank),
        ]);
    }
    t
}

impl TermRow<'_> {
    /// The same row owning its text.
    pub fn into_owned(self) -> TermRow<'static> {
        TermRow {
            group: Cow::Owned(self.group.into_owned()),
            term: Cow::Owned(self.term.into_owned()),
            display: Cow::Owned(self.display.into_owned()),
            count: self.count,
            rate: self.rate,
            turns: self.turns,
            speakers: self.speakers,
            rank: self.rank,
        }
    }
}

/// Append the rows as CSV to `out` (with the header row if `header`),
/// byte for byte what [`table`]`(rows).to_csv()` gives, without building
/// the cells: the fast path for large tables.
pub fn write_csv(out: &mut Vec<u8>, rows: &[TermRow<'_>], header: bool) {
    use crate::table::{neutralise_formula, write_float};
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(std::mem::take(out));
    // Writing to a Vec cannot fail.
    if header {
        let _ = w.write_record(COLUMNS);
    }
    let mut ints = [itoa::Buffer::new(); 4];
    let mut rate = String::new();
    for r in rows {
        rate.clear();
        write_float(&mut rate, r.rate, 4);
        let [a, b, c, d] = &mut ints;
        let _ = w.write_record([
            neutralise_formula(&r.group).as_ref(),
            neutralise_formula(&r.term).as_ref(),
            neutralise_formula(&r.display).as_ref(),
            a.format(r.count),
            &rate,
            b.format(r.turns),
            c.format(r.speakers),
            d.format(r.rank),
        ]);
    }
    *out = w.into_inner().unwrap_or_default();
}
