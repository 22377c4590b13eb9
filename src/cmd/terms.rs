//! `tribune terms`: term frequencies per speaker, role, outlet, transcript
//! or the whole corpus, as long ("tidy") rows: group, term, display, count,
//! rate per 10,000 tokens, turns, speakers, rank. Also home of [`TextArgs`],
//! the text-pipeline flags other commands (keyness, report) can flatten in.

use std::path::PathBuf;

use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;

use super::By;
use super::{Format, InputArgs, OutputArgs, count_by_speaker_streamed, load_corpus_with};
use tribune::analysis::terms::{
    COLUMNS, CsvCells, GroupTotal, TermRow, csv_term_cells, table, table_rows, write_csv,
    write_table_csv,
};
use tribune::count::count_table_owned;
use tribune::table::Table;
use tribune::text::{Analyzer, Language, TextOptions};
use tribune::transcript::group::GroupBy;

/// The flags of the text pipeline (DESIGN §2).
#[derive(Debug, Clone, clap::Args)]
pub struct TextArgs {
    /// Language of the stemmer and of the built-in stopwords: arabic, danish, dutch, english,
    /// finnish, french, german, greek, hungarian, italian, norwegian, portuguese, romanian,
    /// russian, spanish, swedish, tamil, turkish (or an ISO code such as en).
    #[arg(long, default_value = "english", value_name = "LANG", value_parser = parse_lang)]
    pub lang: Language,
    /// Count words as they are (lower-cased), without stemming.
    #[arg(long)]
    pub no_stem: bool,
    /// Keep words that contain a digit (2014, 1.288, G7), which are dropped by default.
    #[arg(long)]
    pub keep_numbers: bool,
    /// Also remove the words in FILE (one word a line, # comments); repeatable.
    #[arg(long, value_name = "FILE")]
    pub stopwords: Vec<PathBuf>,
    /// Remove only the words of the --stopwords files, not the built-in lists.
    #[arg(long, requires = "stopwords")]
    pub stopwords_only: bool,
    /// Remove no stopwords at all.
    #[arg(long, conflicts_with_all = ["stopwords", "stopwords_only", "keep_fillers"])]
    pub keep_stopwords: bool,
    /// Keep spoken fillers (uh, um, hmm...) that English removes with its stopwords.
    #[arg(long)]
    pub keep_fillers: bool,
}

fn parse_lang(s: &str) -> std::result::Result<Language, String> {
    s.parse()
}

impl TextArgs {
    /// The pipeline options, with n-gram settings.
    pub fn options(&self, ngram: usize, ngram_skip_stopwords: bool) -> TextOptions {
        TextOptions {
            language: self.lang,
            stem: !self.no_stem,
            keep_numbers: self.keep_numbers,
            keep_stopwords: self.keep_stopwords,
            keep_fillers: self.keep_fillers,
            stopword_files: self.stopwords.clone(),
            stopwords_only: self.stopwords_only,
            ngram,
            ngram_skip_stopwords,
        }
    }
}

/// Arguments of `tribune terms`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    text: TextArgs,
    /// Group turns by this.
    #[arg(long, value_enum, default_value = "speaker")]
    by: By,
    /// Show only the N most frequent terms of each group.
    #[arg(long, value_name = "N")]
    top: Option<usize>,
    /// Count n-grams of N words (1, 2 or 3) within a sentence of a turn.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=3))]
    ngram: u8,
    /// Let n-grams span a removed stopword.
    #[arg(long)]
    ngram_skip_stopwords: bool,
    /// Show only terms counted at least N times in the group.
    #[arg(long, value_name = "N", default_value_t = 1)]
    min_count: u64,
}

/// Rows rendered per batch for CSV and Markdown, so a large table never
/// sits in memory as cells all at once.
const BATCH: usize = 20_000;

/// Append the CSV or Markdown rendering of `rows` to `out`, batch by
/// batch with the same exporter as [`Table::to_csv`] /
/// [`Table::to_markdown`], writing the header only if `header` (so that
/// successive calls give the bytes of one table).
fn render_into(out: &mut Vec<u8>, rows: &[TermRow<'_>], format: Format, mut header: bool) {
    if format == Format::Csv {
        write_csv(out, rows, header);
        return;
    }
    let header_lines = if format == Format::Md { 2 } else { 1 };
    let render = |t: Table| {
        if format == Format::Md {
            t.to_markdown().into_bytes()
        } else {
            t.to_csv()
        }
    };
    if rows.is_empty() {
        if header {
            out.extend_from_slice(&render(table(rows)));
        }
        return;
    }
    for chunk in rows.chunks(BATCH) {
        let bytes = render(table(chunk));
        let skip = if header {
            0
        } else {
            let mut seen = 0;
            bytes
                .iter()
                .position(|&b| {
                    seen += usize::from(b == b'\n');
                    seen == header_lines
                })
                .map_or(bytes.len(), |p| p + 1)
        };
        out.extend_from_slice(&bytes[skip..]);
        header = false;
    }
}

/// CSV or Markdown bytes of `rows` (byte-identical to one table's).
#[cfg(test)]
fn render_batched(rows: &[TermRow<'_>], format: Format) -> Vec<u8> {
    let mut out = Vec::new();
    render_into(&mut out, rows, format, true);
    out
}

pub fn run(args: &Args) -> Result<()> {
    let options = args
        .text
        .options(usize::from(args.ngram), args.ngram_skip_stopwords);
    let analyzer = Analyzer::new(&options)?;
    let by: GroupBy = args.by.into();
    let counted = match count_by_speaker_streamed(&args.input, by, &analyzer)? {
        Some(table) => table,
        // The corpus is dropped once its words are counted.
        None => count_table_owned(
            load_corpus_with(&args.input, !by.needs_roles())?,
            by,
            &analyzer,
        ),
    };
    let all_rows = || -> Vec<TermRow<'_>> {
        counted
            .groups
            .iter()
            .flat_map(|g| table_rows(&counted, g, args.top, args.min_count))
            .collect()
    };
    match args.output.format() {
        Format::Json => {
            #[derive(Serialize)]
            struct Out<'a> {
                by: &'static str,
                groups: Vec<GroupTotal<'a>>,
                rows: &'a [TermRow<'a>],
            }
            let rows = all_rows();
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
                rows: &rows,
            };
            args.output.emit(&Table::new(COLUMNS), &out)
        }
        Format::Table => args.output.emit(&table(&all_rows()), &()),
        f @ (Format::Csv | Format::Md) => {
            // Each group rendered on its own (in parallel): a large table
            // never sits in memory as cells. CSV cells of a term are
            // rendered once for all groups.
            let term_cells = if f == Format::Csv {
                csv_term_cells(&counted)
            } else {
                CsvCells::default()
            };
            let parts: Vec<Vec<u8>> = counted
                .groups
                .par_iter()
                .enumerate()
                .map(|(i, g)| {
                    let mut out = Vec::new();
                    if f == Format::Csv {
                        let limits = (args.top, args.min_count);
                        write_table_csv(&mut out, &counted, &term_cells, g, limits, i == 0);
                    } else {
                        let rows = table_rows(&counted, g, args.top, args.min_count);
                        render_into(&mut out, &rows, f, i == 0);
                    }
                    out
                })
                .collect();
            if parts.iter().all(Vec::is_empty) {
                let mut out = Vec::new();
                render_into(&mut out, &[], f, true);
                return args.output.write(&out);
            }
            let written = args.output.write_parts(&parts);
            // The process ends next: its largest allocations (the table and
            // its rendering) are left to the system rather than freed one
            // by one.
            std::mem::forget((parts, term_cells));
            std::mem::forget(counted);
            written
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batched_rendering_equals_one_table() {
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
        assert_eq!(render_batched(&rows, Format::Csv), table(&rows).to_csv());
        assert_eq!(
            render_batched(&rows, Format::Md),
            table(&rows).to_markdown().into_bytes()
        );
        assert_eq!(render_batched(&[], Format::Csv), table(&[]).to_csv());
        // Group by group, the header once: the same bytes.
        let (a, b) = rows.split_at(BATCH + 3);
        let mut out = Vec::new();
        render_into(&mut out, a, Format::Csv, true);
        render_into(&mut out, &[], Format::Csv, false);
        render_into(&mut out, b, Format::Csv, false);
        assert_eq!(out, table(&rows).to_csv());
    }
}
