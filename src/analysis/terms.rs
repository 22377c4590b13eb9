//! Term frequency tables: per group, each term with its display form,
//! count, rate per 10,000 tokens, turns and speakers using it, and rank
//! (ties "min", as quanteda). Long ("tidy") rows, one per group and term,
//! from [`TermCounts`] or from a [`TermTable`] in ids. [`write_table`]
//! writes a [`TermTable`] in every layout of `tribune terms`; its CSV is
//! written from ids, each term's text cells rendered once ([`CsvCells`]).

use std::borrow::Cow;

use serde::Serialize;

use crate::count::{TableGroup, TermCounts, TermTable};
use crate::table::{Cell, Table};
use crate::transcript::group::GroupBy;

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

/// Totals of one group, as the JSON layout gives them.
#[derive(Debug, Clone, Serialize)]
struct GroupTotal<'a> {
    group: &'a str,
    /// Tokens (or n-grams) counted: the denominator of `rate`.
    tokens: u64,
    turns: u64,
    /// Distinct terms.
    terms: usize,
}

/// A count per 10,000 of a group's `tokens` (0 for a group without any).
fn rate(count: u64, tokens: u64) -> f64 {
    if tokens > 0 {
        count as f64 / tokens as f64 * 10_000.0
    } else {
        0.0
    }
}

/// The rows of a ranked group that a table shows: at most `top`, none
/// under `min_count`.
fn shown(
    rows: &[crate::count::TableRow],
    top: Option<usize>,
    min_count: u64,
) -> impl Iterator<Item = &crate::count::TableRow> {
    rows.iter()
        .filter(move |r| r.count >= min_count)
        .take(top.unwrap_or(usize::MAX))
}

/// A term's `term` and `display` cells as a CSV file holds them (formulas
/// neutralised).
fn text_cells<'a>(term: &'a str, display: &'a str) -> [Cow<'a, str>; 2] {
    [
        crate::table::neutralise_formula(term),
        crate::table::neutralise_formula(display),
    ]
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
                rate: rate(r.stat.count, c.tokens),
                turns: r.stat.turns,
                speakers: r.stat.speakers.len() as u64,
                rank: r.rank,
            });
        }
    }
    out
}

/// [`rows`] of one group of a [`TermTable`] (the same rows, from ids).
pub fn table_rows<'a>(
    table: &'a TermTable,
    group: &'a TableGroup,
    top: Option<usize>,
    min_count: u64,
) -> Vec<TermRow<'a>> {
    shown(&group.rows, top, min_count)
        .map(|r| TermRow {
            group: Cow::Borrowed(group.name.as_str()),
            term: Cow::Borrowed(table.term(r)),
            display: Cow::Borrowed(table.display(r)),
            count: r.count,
            rate: rate(r.count, group.tokens),
            turns: r.turns,
            speakers: r.speakers,
            rank: r.rank,
        })
        .collect()
}

/// The CSV cells `term,display` of every term of a [`TermTable`], by term
/// id, rendered once for the whole table (a term is a row of many groups).
fn csv_term_cells(table: &TermTable) -> CsvCells {
    use rayon::prelude::*;
    let terms: Vec<(&str, &str)> = table.terms().collect();
    // In chunks, side by side, then joined.
    let parts: Vec<CsvCells> = terms
        .par_chunks(8192)
        .map(|chunk| {
            let mut cells = CsvCells::default();
            for &(t, d) in chunk {
                cells.push_pair(t, d);
            }
            cells
        })
        .collect();
    let mut all = CsvCells::default();
    for p in parts {
        let base = all.bytes.len();
        all.bytes.extend_from_slice(&p.bytes);
        all.spans
            .extend(p.spans.iter().map(|&(s, e)| (s + base, e + base)));
    }
    all
}

/// Runs of CSV cells rendered by the csv crate as inside a longer record
/// (quoted where needed, joined by commas, no line end), by index.
#[derive(Debug, Clone, Default)]
pub struct CsvCells {
    /// The records written, each with its empty last cell and line end.
    bytes: Vec<u8>,
    /// Where each run's cells lie in `bytes`.
    spans: Vec<(usize, usize)>,
}

impl CsvCells {
    /// Render each run of cells.
    pub fn new<S: AsRef<str>, R: AsRef<[S]>>(runs: impl IntoIterator<Item = R>) -> CsvCells {
        let mut spans = Vec::new();
        // One writer for all runs (records of any length), flushed after
        // each so the end of its record is known.
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .flexible(true)
            .from_writer(Vec::new());
        let mut start = 0;
        for run in runs {
            // A last empty cell, so that a lone empty cell is not quoted as
            // a one-cell record's would be; it and the line end are cut off
            // below. Writing to a Vec cannot fail.
            let _ = w.write_record(run.as_ref().iter().map(|c| c.as_ref()).chain([""]));
            let _ = w.flush();
            let end = w.get_ref().len();
            spans.push((start, end.saturating_sub(2).max(start)));
            start = end;
        }
        let bytes = w.into_inner().unwrap_or_default();
        CsvCells { bytes, spans }
    }

    /// Add the run `term,display` ([`text_cells`]): written as it is when
    /// neither cell needs quoting nor a guard against formulas (almost
    /// every term), else by the csv crate.
    fn push_pair(&mut self, term: &str, display: &str) {
        let start = self.bytes.len();
        if plain_cell(term) && plain_cell(display) {
            self.bytes.extend_from_slice(term.as_bytes());
            self.bytes.push(b',');
            self.bytes.extend_from_slice(display.as_bytes());
        } else {
            let one = CsvCells::new([text_cells(term, display)]);
            self.bytes.extend_from_slice(one.get(0).unwrap_or_default());
        }
        self.spans.push((start, self.bytes.len()));
    }

    /// The cells of run `i`.
    pub fn get(&self, i: usize) -> Option<&[u8]> {
        let &(start, end) = self.spans.get(i)?;
        self.bytes.get(start..end)
    }
}

/// A cell the csv crate writes as it is and [`text_cells`] leaves alone:
/// not empty, no quote, comma or line break, no formula's first character.
fn plain_cell(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with(['=', '+', '-', '@', '\t', '\r'])
        && !s.bytes().any(|b| matches!(b, b'"' | b',' | b'\n' | b'\r'))
}

/// The CSV of [`table_rows`] of one group, from ids: the text cells come
/// from `term_cells` ([`csv_term_cells`]), the group's is rendered once, the
/// numbers are written as they come. The bytes [`Table::csv`] gives for
/// [`table`] of the rows.
fn write_group_csv(
    out: &mut Vec<u8>,
    table: &TermTable,
    term_cells: &CsvCells,
    group: &TableGroup,
    (top, min_count): (Option<usize>, u64),
    header: bool,
) {
    if header {
        out.extend_from_slice(&Table::new(COLUMNS).csv(true));
    }
    let name = CsvCells::new([[crate::table::neutralise_formula(&group.name)]]);
    let name = name.get(0).unwrap_or_default();
    // About the bytes of the rows (the cells of a term average under 20
    // bytes, the figures under 25): one allocation, not a doubling series.
    let rows = group.rows.len().min(top.unwrap_or(usize::MAX));
    out.reserve(rows.saturating_mul(name.len() + 48));
    let mut ints = itoa::Buffer::new();
    let mut rate_text = String::new();
    for r in shown(&group.rows, top, min_count) {
        out.extend_from_slice(name);
        out.push(b',');
        match term_cells.get(r.term as usize) {
            Some(cells) => out.extend_from_slice(cells),
            // Not from this table: render its cells here.
            None => {
                let cells = CsvCells::new([text_cells(table.term(r), table.display(r))]);
                out.extend_from_slice(cells.get(0).unwrap_or_default());
            }
        }
        out.push(b',');
        out.extend_from_slice(ints.format(r.count).as_bytes());
        out.push(b',');
        rate_text.clear();
        crate::table::write_float(&mut rate_text, rate(r.count, group.tokens), 4);
        out.extend_from_slice(rate_text.as_bytes());
        for n in [r.turns, r.speakers, r.rank] {
            out.push(b',');
            out.extend_from_slice(ints.format(n).as_bytes());
        }
        out.push(b'\n');
    }
}

/// How [`write_table`] lays the rows out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Comma-separated values with a header row.
    Csv,
    /// A Markdown table.
    Markdown,
    /// The JSON object of `tribune terms` (pretty): the grouping, each
    /// group's totals (tokens, turns, distinct terms) and the rows.
    Json,
    /// Aligned plain text for a terminal, text cells cut at `width`
    /// characters (see [`Table::to_text`]).
    Text {
        /// The widest a text cell is shown.
        width: usize,
    },
}

/// Rows rendered at a time for Markdown, so that a large group never sits
/// in memory as cells all at once.
const BATCH: usize = 20_000;

/// The rows of a [`TermTable`] counted by `by` (groups in order, at most
/// `top` a group, none under `min_count`: [`table_rows`] of every group)
/// laid out as `layout`, in parts to be written one after another: the one
/// writer of terms tables. CSV and Markdown give the bytes that
/// [`Table::to_csv`] and [`Table::to_markdown`] give for [`table`] of the
/// rows, a group a part, rendered side by side (the header and its
/// alignment row come with the first group): a large table never sits in
/// memory as cells, and CSV cells of a term are rendered once for all
/// groups.
pub fn write_table(
    counted: &TermTable,
    by: GroupBy,
    layout: Layout,
    top: Option<usize>,
    min_count: u64,
) -> Vec<Vec<u8>> {
    use rayon::prelude::*;
    let all_rows = || -> Vec<TermRow<'_>> {
        let groups = counted.groups.iter();
        groups
            .flat_map(|g| table_rows(counted, g, top, min_count))
            .collect()
    };
    let term_cells = match layout {
        Layout::Json => return vec![json(counted, by, &all_rows())],
        Layout::Text { width } => return vec![table(&all_rows()).to_text(width).into_bytes()],
        Layout::Csv if counted.groups.is_empty() => return vec![table(&[]).csv(true)],
        Layout::Markdown if counted.groups.is_empty() => {
            return vec![table(&[]).markdown(true).into_bytes()];
        }
        Layout::Csv => csv_term_cells(counted),
        Layout::Markdown => CsvCells::default(),
    };
    counted
        .groups
        .par_iter()
        .enumerate()
        .map(|(i, g)| {
            let mut out = Vec::new();
            let header = i == 0;
            if layout == Layout::Csv {
                let limits = (top, min_count);
                write_group_csv(&mut out, counted, &term_cells, g, limits, header);
            } else {
                write_markdown(&mut out, &table_rows(counted, g, top, min_count), header);
            }
            out
        })
        .collect()
}

/// The JSON object of `tribune terms` (pretty, with a line end): `by`,
/// each group's totals, then `rows`.
fn json(counted: &TermTable, by: GroupBy, rows: &[TermRow<'_>]) -> Vec<u8> {
    #[derive(Serialize)]
    struct Out<'a> {
        by: &'static str,
        groups: Vec<GroupTotal<'a>>,
        rows: &'a [TermRow<'a>],
    }
    let groups = counted
        .groups
        .iter()
        .map(|g| GroupTotal {
            group: &g.name,
            tokens: g.tokens,
            turns: g.turns,
            terms: g.rows.len(),
        })
        .collect();
    let out = Out {
        by: by.as_str(),
        groups,
        rows,
    };
    let mut bytes = serde_json::to_vec_pretty(&out).expect("strings and numbers serialise to JSON");
    bytes.push(b'\n');
    bytes
}

/// Append the Markdown of `rows` to `out`, [`BATCH`] rows at a time, with
/// the header and alignment rows if `header`: the bytes of
/// [`Table::markdown`] of all the rows.
fn write_markdown(out: &mut Vec<u8>, rows: &[TermRow<'_>], header: bool) {
    if rows.is_empty() && header {
        out.extend_from_slice(table(rows).markdown(true).as_bytes());
    }
    for (k, chunk) in rows.chunks(BATCH).enumerate() {
        out.extend_from_slice(table(chunk).markdown(header && k == 0).as_bytes());
    }
}

/// The columns of a terms table.
const COLUMNS: [&str; 8] = [
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The csv crate's bytes for one record.
    fn record(cells: &[&str]) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        let _ = w.write_record(cells);
        w.into_inner().unwrap_or_default()
    }

    proptest! {
        /// A term's cells written as they are, when plain, are the csv
        /// crate's (with the formula guard), on any text.
        #[test]
        fn pairs_are_the_csv_crates_cells(
            t in "[-=+@ a-z,\"'\n\r\t.é’]{0,6}",
            d in "[-=+@ a-z,\"'\n\r\t.é’]{0,6}",
        ) {
            let mut cells = CsvCells::default();
            cells.push_pair(&t, &d);
            cells.push_pair("jobs", "Jobs");
            let want = CsvCells::new([text_cells(&t, &d), text_cells("jobs", "Jobs")]);
            prop_assert_eq!(cells.get(0), want.get(0));
            prop_assert_eq!(cells.get(1), Some(&b"jobs,Jobs"[..]));
            prop_assert_eq!(cells.get(1), want.get(1));
        }
    }

    #[test]
    fn batched_markdown_equals_one_table() {
        let names: Vec<String> = (0..(2 * BATCH + 7)).map(|i| format!("t{i}")).collect();
        let rows: Vec<TermRow<'_>> = names
            .iter()
            .enumerate()
            .map(|(i, n)| TermRow {
                group: (if i % 2 == 0 { "=a|b" } else { "x,y" }).into(),
                term: n.as_str().into(),
                display: n.as_str().into(),
                count: i as u64,
                rate: i as f64 / 3.0,
                turns: 1,
                speakers: 1,
                rank: 1,
            })
            .collect();
        let markdown = |rows: &[TermRow<'_>]| {
            let mut out = Vec::new();
            write_markdown(&mut out, rows, true);
            out
        };
        assert_eq!(markdown(&rows), table(&rows).to_markdown().into_bytes());
        assert_eq!(markdown(&[]), table(&[]).to_markdown().into_bytes());
        // Group by group, the header once: the same bytes.
        let (a, b) = rows.split_at(BATCH + 3);
        let mut out = Vec::new();
        write_markdown(&mut out, a, true);
        write_markdown(&mut out, &[], false);
        write_markdown(&mut out, b, false);
        assert_eq!(out, table(&rows).to_markdown().into_bytes());
    }

    #[test]
    fn cells_are_quoted_as_inside_a_record() {
        for (a, b) in [
            ("", ""),
            ("a,b", "\"q\""),
            ("line\nbreak", " x "),
            ("=1", ""),
        ] {
            let cells = CsvCells::new([vec![a, b], vec![a], vec![b, a]]);
            let mut got = cells.get(0).unwrap_or_default().to_vec();
            got.extend_from_slice(b",7\n");
            assert_eq!(got, record(&[a, b, "7"]), "{a:?} {b:?}");
            let mut one = cells.get(1).unwrap_or_default().to_vec();
            one.extend_from_slice(b",7\n");
            assert_eq!(one, record(&[a, "7"]), "{a:?}");
            let mut back = cells.get(2).unwrap_or_default().to_vec();
            back.extend_from_slice(b",7\n");
            assert_eq!(back, record(&[b, a, "7"]), "{a:?} {b:?}");
            assert_eq!(cells.get(3), None);
        }
    }

    proptest! {
        #[test]
        fn cells_are_quoted_as_inside_a_record_for_any_text(a in ".{0,12}", b in "[ ,\"\r\na-z=]{0,8}") {
            let cells = CsvCells::new([[a.as_str(), b.as_str()], [b.as_str(), a.as_str()]]);
            for (i, (x, y)) in [(&a, &b), (&b, &a)].into_iter().enumerate() {
                let mut got = cells.get(i).unwrap_or_default().to_vec();
                got.extend_from_slice(b",7\n");
                prop_assert_eq!(got, record(&[x, y, "7"]));
            }
        }
    }
}
