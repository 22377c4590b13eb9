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
use crate::text::{Analyzer, WordKind};
use crate::transcript::group::Spec;
use crate::transcript::{Corpus, Transcript, Turn};

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
    fn matches(&self, w: &Classes) -> bool {
        match self {
            Matcher::Term(t) => w.1 == WordKind::Term && w.2 == *t,
            Matcher::Normal(n) => w.0 == *n,
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
    let mut all = kwic_many(corpus, analyzer, &[pattern], window, speaker, exact)?;
    Ok(all.pop().unwrap_or_default())
}

/// [`kwic`] for several patterns in one pass over the text: one list of
/// hits per pattern, in the patterns' order.
pub fn kwic_many(
    corpus: &Corpus,
    analyzer: &Analyzer,
    patterns: &[&str],
    window: usize,
    speaker: Option<&Spec>,
    exact: bool,
) -> Result<Vec<Vec<Hit>>> {
    let mut hits: Vec<Vec<Hit>> = vec![Vec::new(); patterns.len()];
    kwic_each(
        corpus,
        analyzer,
        patterns,
        window,
        speaker,
        exact,
        |p, hit| {
            if let Some(h) = hits.get_mut(p) {
                h.push(hit);
            }
            Ok::<(), Error>(())
        },
    )?;
    Ok(hits)
}

/// Words of speech a round of [`kwic_each`] looks through before it hands
/// its hits on: what bounds the hits held at once.
const ROUND_WORDS: usize = 1 << 16;

/// [`kwic_many`], handing each hit to `sink(pattern index, hit)` as it is
/// found, in corpus order (each pattern's hits in the order of its list
/// from [`kwic_many`]; within a turn, the first pattern's hits, then the
/// second's...), instead of holding them all:
/// the turns are searched in parallel a round of about 65,000 words at a
/// time, so the hits held at once are those of one round. Stops at the
/// first error of `sink`, whose error type it returns.
pub fn kwic_each<E: From<Error>>(
    corpus: &Corpus,
    analyzer: &Analyzer,
    patterns: &[&str],
    window: usize,
    speaker: Option<&Spec>,
    exact: bool,
    mut sink: impl FnMut(usize, Hit) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    let mut pats = Vec::with_capacity(patterns.len());
    for pattern in patterns {
        let pat = matchers(analyzer, pattern, exact);
        if pat.is_empty() {
            return Err(
                Error::Spec(format!("pattern `{pattern}` has no words to look for")).into(),
            );
        }
        pats.push(pat);
    }
    // One word cache a thread, kept from round to round.
    use rayon::prelude::*;
    let caches: Vec<std::sync::Mutex<WordCache>> = (0..rayon::current_num_threads() + 1)
        .map(|_| std::sync::Mutex::default())
        .collect();
    let turns = corpus.transcripts.iter().flat_map(|t| {
        t.turns
            .iter()
            .filter(move |u| speaker.is_none_or(|s| s.matches(corpus, t, u)))
            .map(move |u| (t, u))
    });
    let mut round: Vec<(&Transcript, &Turn)> = Vec::new();
    let mut turns = turns.peekable();
    while turns.peek().is_some() {
        round.clear();
        let mut words = 0usize;
        for (t, u) in turns.by_ref() {
            // About a word for every 4 bytes: an estimate, cheaper than
            // counting.
            words = words.saturating_add(u.text.len() / 4 + 1);
            round.push((t, u));
            if words >= ROUND_WORDS {
                break;
            }
        }
        let found: Vec<Vec<(usize, Hit)>> = round
            .par_iter()
            .map(|&(t, turn)| {
                let slot = rayon::current_thread_index().unwrap_or(caches.len() - 1);
                let mut cache = caches[slot.min(caches.len() - 1)]
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                turn_hits(corpus, analyzer, &pats, window, &mut cache, t, turn)
            })
            .collect();
        for (p, hit) in found.into_iter().flatten() {
            sink(p, hit)?;
        }
    }
    Ok(())
}

/// The hits of every pattern in one turn, in text order (a position's
/// hits in the patterns' order).
fn turn_hits(
    corpus: &Corpus,
    analyzer: &Analyzer,
    pats: &[Vec<Matcher>],
    window: usize,
    cache: &mut WordCache,
    t: &Transcript,
    turn: &Turn,
) -> Vec<(usize, Hit)> {
    let text = &turn.text;
    let mut words: Vec<(usize, usize, bool, usize)> = Vec::new();
    analyzer.for_each_word(text, |s, e, brk| {
        let id = cache.id(analyzer, &text[s..e]);
        words.push((s, e, brk, id));
    });
    let mut hits = Vec::new();
    for (pi, pat) in pats.iter().enumerate() {
        let k = pat.len();
        if words.len() < k {
            continue;
        }
        for i in 0..=words.len() - k {
            let ok = pat.iter().enumerate().all(|(j, m)| {
                let w = &words[i + j];
                m.matches(cache.get(w.3)) && (j == 0 || !w.2)
            });
            if !ok {
                continue;
            }
            let (ms, me) = (words[i].0, words[i + k - 1].1);
            // Any window, however large, stops at the turn's ends.
            let ls = words[i.saturating_sub(window)].0;
            let last = (i + k - 1).saturating_add(window).min(words.len() - 1);
            let re = words[last].1;
            hits.push((
                pi,
                Hit {
                    transcript: t.id.clone(),
                    line: turn.line_of(ms),
                    speaker: corpus
                        .speakers
                        .get(turn.speaker)
                        .map_or_else(|| turn.label.clone(), |s| s.name.clone()),
                    left: if window == 0 {
                        String::new()
                    } else {
                        squeeze(&text[ls..ms])
                    },
                    matched: squeeze(&text[ms..me]),
                    right: if window == 0 {
                        String::new()
                    } else {
                        squeeze(&text[me..re])
                    },
                },
            ));
        }
    }
    hits
}

/// The columns of [`table`].
pub const COLUMNS: [&str; 6] = ["transcript", "line", "speaker", "left", "match", "right"];

/// The hits as a table.
pub fn table(hits: &[Hit]) -> Table {
    let mut t = Table::new(COLUMNS);
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

/// A word's `(normal, kind, term)`.
type Classes = (String, WordKind, String);

/// Classifies words through a cache keyed by the word as written, so each
/// distinct word is normalised and stemmed once per pass, not once per use.
#[derive(Default)]
pub struct WordCache {
    index: crate::text::hash::FastMap<String, usize>,
    entries: Vec<Classes>,
}

impl WordCache {
    /// The id of a word as written, classifying it on first sight.
    pub fn id(&mut self, analyzer: &Analyzer, word: &str) -> usize {
        if let Some(&i) = self.index.get(word) {
            return i;
        }
        let c = analyzer.classify(word);
        self.entries.push((c.normal.into_owned(), c.kind, c.term));
        self.index.insert(word.to_string(), self.entries.len() - 1);
        self.entries.len() - 1
    }

    /// `(normal, kind, term)` of a word id.
    pub fn get(&self, id: usize) -> &(String, WordKind, String) {
        &self.entries[id]
    }

    /// `(normal, kind, term)` of one word as written.
    pub fn classify(&mut self, analyzer: &Analyzer, word: &str) -> &(String, WordKind, String) {
        let i = self.id(analyzer, word);
        &self.entries[i]
    }
}
