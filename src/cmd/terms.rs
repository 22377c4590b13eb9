//! `tribune terms`: term frequencies per speaker, role, outlet, transcript
//! or the whole corpus, as long ("tidy") rows: group, term, display, count,
//! rate per 10,000 tokens, turns, speakers, rank. Also home of [`TextArgs`],
//! the text-pipeline flags other commands (keyness, report) can flatten in.

use std::path::PathBuf;

use anyhow::Result;

use super::{By, Format, InputArgs, OutputArgs, input_files, warn};
use tribune::analysis::terms::{Layout, write_table};
use tribune::count::{Input, Terms, term_table};
use tribune::text::{Analyzer, Language, TextOptions};
use tribune::transcript::group::GroupBy;

/// The flags of the text pipeline that turns a turn's text into terms:
/// language (stemmer and built-in stopwords), stemming, numbers, stopword
/// lists and fillers.
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

pub fn run(args: &Args) -> Result<()> {
    let options = args
        .text
        .options(usize::from(args.ngram), args.ngram_skip_stopwords);
    let analyzer = Analyzer::new(&options)?;
    let by: GroupBy = args.by.into();
    let files = input_files(&args.input)?;
    let Terms { table, warnings } = term_table(Input::Files(files), by, &analyzer)?;
    for (path, w) in &warnings {
        warn(path, w);
    }
    let layout = match args.output.format() {
        Format::Csv => Layout::Csv,
        Format::Md => Layout::Markdown,
        Format::Json => Layout::Json,
        // As wide as `OutputArgs::emit` shows text cells.
        Format::Table => Layout::Text { width: 60 },
    };
    let parts = write_table(&table, by, layout, args.top, args.min_count);
    args.output.write_parts(&parts)
}
