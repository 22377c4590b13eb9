//! `tribune kwic`: keyword in context. Every occurrence of a word or phrase
//! with its transcript, source line, speaker and the words around it. The
//! pattern goes through the same pipeline as the text, so by default a word
//! matches by stem (`employ` finds `employment`, `employed`); a stopword or
//! number in the pattern matches its own lower-cased form; `--exact` matches
//! every word by its lower-cased form. A phrase matches consecutive words
//! of one sentence of one turn. Context is the original speech.

use anyhow::{Result, bail};
use serde::Serialize;

use super::{InputArgs, OutputArgs, load_corpus};
use tribune::table::{Cell, Table};
use tribune::text::{Analyzer, Language, TextOptions, Word, WordKind};
use tribune::transcript::Corpus;
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
    /// Words of context on each side.
    #[arg(long, value_name = "N", default_value_t = 5)]
    window: usize,
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

/// One occurrence.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Hit {
    /// Transcript id.
    pub transcript: String,
    /// 1-based line of the source file where the match starts.
    pub line: usize,
    /// Speaker name.
    pub speaker: String,
    /// Up to `window` words before the match, as written.
    pub left: String,
    /// The matched words, as written.
    #[serde(rename = "match")]
    pub matched: String,
    /// Up to `window` words after the match, as written.
    pub right: String,
}

/// How one pattern word matches a text word.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Matcher {
    /// Same stem (both kept as terms).
    Term(String),
    /// Same normalised form (lower case, `’` folded).
    Normal(String),
}

impl Matcher {
    fn matches(&self, w: &Word) -> bool {
        match self {
            Matcher::Term(t) => w.kind == WordKind::Term && w.term == *t,
            Matcher::Normal(n) => w.normal == *n,
        }
    }
}

/// The matchers of a pattern.
fn matchers(analyzer: &Analyzer, pattern: &str, exact: bool) -> Vec<Matcher> {
    analyzer
        .words(pattern)
        .into_iter()
        .map(|w| match (exact, w.kind) {
            (false, WordKind::Term) => Matcher::Term(w.term),
            _ => Matcher::Normal(w.normal),
        })
        .collect()
}

/// Collapse runs of white space (line breaks too) into one space.
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Find every occurrence of `pattern` in the corpus (optionally only in the
/// turns of `speaker`), in corpus order.
pub fn kwic(
    corpus: &Corpus,
    pattern: &str,
    window: usize,
    speaker: Option<&Spec>,
    exact: bool,
    language: Language,
) -> Result<Vec<Hit>> {
    let options = TextOptions {
        language,
        ..TextOptions::default()
    };
    let analyzer = Analyzer::new(&options)?;
    let pat = matchers(&analyzer, pattern, exact);
    if pat.is_empty() {
        bail!("pattern `{pattern}` has no words to look for");
    }
    let k = pat.len();
    let mut hits = Vec::new();
    for (t, turn) in corpus.turns() {
        if speaker.is_some_and(|s| !s.matches(corpus, t, turn)) {
            continue;
        }
        let text = &turn.text;
        let words = analyzer.words(text);
        if words.len() < k {
            continue;
        }
        for i in 0..=words.len() - k {
            let ok = pat.iter().enumerate().all(|(j, m)| {
                let w = &words[i + j];
                m.matches(w) && (j == 0 || !w.sentence_start)
            });
            if !ok {
                continue;
            }
            let (ms, me) = (words[i].start, words[i + k - 1].end);
            let ls = words[i.saturating_sub(window)].start;
            let re = words[(i + k - 1 + window).min(words.len() - 1)].end;
            hits.push(Hit {
                transcript: t.id.clone(),
                line: turn.line_of(ms),
                speaker: corpus
                    .speakers
                    .get(turn.speaker)
                    .map_or_else(|| turn.label.clone(), |s| s.name.clone()),
                left: if window == 0 { String::new() } else { squeeze(&text[ls..ms]) },
                matched: squeeze(&text[ms..me]),
                right: if window == 0 { String::new() } else { squeeze(&text[me..re]) },
            });
        }
    }
    Ok(hits)
}

/// The hits as a table.
pub fn table(hits: &[Hit]) -> Table {
    let mut t = Table::new(["transcript", "line", "speaker", "left", "match", "right"]);
    for h in hits {
        t.push(vec![
            Cell::s(&h.transcript),
            Cell::i(h.line),
            Cell::s(&h.speaker),
            Cell::s(&h.left),
            Cell::s(&h.matched),
            Cell::s(&h.right),
        ]);
    }
    t
}

pub fn run(args: &Args) -> Result<()> {
    let corpus = load_corpus(&args.input)?;
    let spec = match &args.speaker {
        Some(s) => Some(Spec::parse(s, &corpus)?),
        None => None,
    };
    let hits = kwic(&corpus, &args.pattern, args.window, spec.as_ref(), args.exact, args.lang)?;
    #[derive(Serialize)]
    struct Out<'a> {
        pattern: &'a str,
        rows: &'a [Hit],
    }
    args.output.emit_wide(
        &table(&hits),
        &Out {
            pattern: &args.pattern,
            rows: &hits,
        },
    )
}
