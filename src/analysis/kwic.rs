//! Keyword in context. Every occurrence of a word or phrase
//! with its transcript, source line, speaker and the words around it. The
//! pattern goes through the same pipeline as the text, so by default a word
//! matches by stem (`employ` finds `employment`, `employed`); a stopword or
//! number in the pattern matches its own lower-cased form; `--exact` matches
//! every word by its lower-cased form. A phrase matches consecutive words
//! of one sentence of one turn. Context is the original speech.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::table::{Cell, Table};
use crate::text::{Analyzer, Word, WordKind};
use crate::transcript::Corpus;
use crate::transcript::group::Spec;

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
    analyzer: &Analyzer,
    pattern: &str,
    window: usize,
    speaker: Option<&Spec>,
    exact: bool,
) -> Result<Vec<Hit>> {
    let pat = matchers(analyzer, pattern, exact);
    if pat.is_empty() {
        return Err(Error::Spec(format!("pattern `{pattern}` has no words to look for")));
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

