//! N-grams: runs of consecutive tokens joined into one term. A run is a
//! maximal stretch of tokens each [`Token::joined`] to the one before, so
//! n-grams never cross a turn (each text is analysed alone), a sentence
//! end, a removed number, or a removed stopword (unless the options allow
//! it). A run of k tokens gives k − n + 1 n-grams (none if k < n). Terms and
//! surface forms are joined with a single space.

use super::Token;

/// One term occurrence: a token (n = 1) or an n-gram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gram {
    /// Byte offset where its first token starts.
    pub start: usize,
    /// Byte offset where its last token ends.
    pub end: usize,
    /// The term: the tokens' terms (stems) joined by a space.
    pub term: String,
    /// The surface: the tokens' lower-cased words joined by a space.
    pub surface: String,
}

/// The runs of joined tokens, in order.
pub fn runs(tokens: &[Token]) -> impl Iterator<Item = &[Token]> {
    tokens.chunk_by(|_, b| b.joined)
}

/// All n-grams of `tokens` (n ≥ 1; `n == 1` gives one gram per token).
pub fn ngrams(tokens: &[Token], n: usize) -> Vec<Gram> {
    let n = n.max(1);
    let mut out = Vec::new();
    for run in runs(tokens) {
        for w in run.windows(n) {
            let (first, last) = (&w[0], &w[n - 1]);
            out.push(Gram {
                start: first.start,
                end: last.end,
                term: join(w.iter().map(|t| t.term.as_str())),
                surface: join(w.iter().map(|t| t.word.as_str())),
            });
        }
    }
    out
}

fn join<'a>(parts: impl Iterator<Item = &'a str>) -> String {
    let mut s = String::new();
    for (i, p) in parts.enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(p);
    }
    s
}
