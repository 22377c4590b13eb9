//! `tribune kwic`: keyword in context. Every occurrence of a word or phrase
//! with its transcript, source line, speaker and the words around it. The
//! pattern goes through the same pipeline as the text, so by default a word
//! matches by stem (`employ` finds `employment`, `employed`); a stopword or
//! number in the pattern matches its own lower-cased form; `--exact` matches
//! every word by its lower-cased form. A phrase matches consecutive words
//! of one sentence of one turn. Context is the original speech, at most
//! 1,000 words a side. Rows are written as they are found, never held
//! all at once.

use anyhow::Result;
use serde::Serialize;

use super::{InputArgs, OutputArgs, load_corpus};
use tribune::analysis::kwic::{COLUMNS, Hit, kwic_each, table};
use tribune::text::{Analyzer, Language, TextOptions};
use tribune::transcript::group::Spec;

/// Arguments of `tribune kwic`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    /// The word or phrase to find (quote a phrase: "labor market").
    #[arg(value_name = "PATTERN")]
    pattern: String,
    #[command(flatten)]
    output: OutputArgs,
    /// Words of context on each side (at most 1,000).
    #[arg(long, value_name = "N", default_value_t = 5,
          value_parser = clap::value_parser!(u16).range(0..=1000))]
    window: u16,
    /// Only turns of this speaker (a name or alias; also role=R, outlet=O, transcript=ID).
    #[arg(long, value_name = "NAME")]
    speaker: Option<String>,
    /// Match the words as written (case-insensitive), not by stem.
    #[arg(long)]
    exact: bool,
    /// Language of the stemmer.
    #[arg(long, default_value = "english", value_name = "LANG", value_parser = parse_lang)]
    lang: Language,
}

fn parse_lang(s: &str) -> std::result::Result<Language, String> {
    s.parse()
}

pub fn run(args: &Args) -> Result<()> {
    let corpus = load_corpus(&args.input)?;
    let spec = match &args.speaker {
        Some(s) => Some(Spec::parse(s, &corpus)?),
        None => None,
    };
    let analyzer = Analyzer::new(&TextOptions {
        language: args.lang,
        ..TextOptions::default()
    })?;
    // Each round of hits is written as it is found: the rows are never
    // held whole, however many there are.
    #[derive(Serialize)]
    struct Out<'a> {
        pattern: &'a str,
        rows: [Hit; 0],
    }
    let head = Out {
        pattern: &args.pattern,
        rows: [],
    };
    let pattern = [args.pattern.as_str()];
    let window = usize::from(args.window);
    // Rows go out a few hundred at a time (one small aligned block each
    // in the terminal format).
    const PART: usize = 256;
    args.output.stream(&COLUMNS, &head, 400, |out| {
        let mut part: Vec<Hit> = Vec::with_capacity(PART);
        kwic_each(
            &corpus,
            &analyzer,
            &pattern,
            window,
            spec.as_ref(),
            args.exact,
            |_, hit| {
                part.push(hit);
                if part.len() >= PART {
                    out.push(&table(&part), &part)?;
                    part.clear();
                }
                Ok::<(), anyhow::Error>(())
            },
        )?;
        out.push(&table(&part), &part)
    })
}
