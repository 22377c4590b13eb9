//! Text: from a turn's speech to words, tokens and terms. This module owns
//! the whole text pipeline, whose steps are listed below, and its options
//! ([`TextOptions`]); the [`Analyzer`] applies it:
//!
//! 1. **Words**: the words of `unicode_words()` (UAX #29) of the speech,
//!    segmented as if every `’` (U+2019) were `'` ([`words`], which has an
//!    ASCII fast path that yields exactly the crate's words).
//! 2. **Missing space after a full stop**: a word is split at each `.` that
//!    a letter follows, unless the part before that `.` is a single
//!    character (`free.The` → `free` `The`; `U.S`, `e.g`, `a.m` stay whole);
//!    see [`words::split_full_stops`].
//! 3. **Normalise**: `’` → `'`, Unicode lower case.
//! 4. **Numbers**: a word holding any numeric character (`2014`, `1.288`,
//!    `RMB160,000`, `G7`, `3rd`) is dropped unless
//!    [`TextOptions::keep_numbers`].
//! 5. **Stopwords**: the language's built-in list (plus spoken fillers for
//!    English) and any user lists, looked up on the normalised word, before
//!    stemming ([`stopwords`]).
//! 6. **Stem**: Snowball via `rust-stemmers` ([`stem`]), unless `stem` is off.
//!
//! A **sentence end** is a `.`, `?`, `!`, `…` or line break between two
//! words (a split at a full stop is one too). N-grams ([`ngram`]) never
//! cross a sentence end, a turn, a removed number, nor a removed stopword
//! unless [`TextOptions::ngram_skip_stopwords`].

mod bits;
pub mod hash;
pub mod ngram;
mod piece;
pub mod stem;
pub mod stopwords;
pub mod words;

use std::borrow::Cow;
use std::path::PathBuf;

use crate::error::Result;

pub use ngram::Gram;
pub use piece::PieceSink;
pub use stem::{Language, Stemmer};
pub use stopwords::Stopwords;

/// Number of words (`unicode_words()`) in `text` (by the fast path of
/// [`words`]; no `’` folded, no split at a full stop): a turn's length in
/// words.
pub fn count_words(text: &str) -> usize {
    words::count(text)
}

/// The plain word sequence of `text`: `unicode_words()`, Unicode lower
/// case, nothing folded, split or removed (numbers and stopwords kept), as
/// lexical diversity wants it.
pub fn plain_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    words::for_each_word(text, false, |s, e| out.push(text[s..e].to_lowercase()));
    out
}

/// Options of the text pipeline (the flags of `tribune terms`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextOptions {
    /// Stemmer and built-in stopword list (`--lang`, default English).
    pub language: Language,
    /// Stem terms (`--no-stem` turns it off).
    pub stem: bool,
    /// Keep words that hold a digit (`--keep-numbers`).
    pub keep_numbers: bool,
    /// Remove no stopwords at all (`--keep-stopwords`).
    pub keep_stopwords: bool,
    /// Keep spoken fillers (`uh`, `um`...) that are otherwise removed with
    /// the English stopwords (`--keep-fillers`).
    pub keep_fillers: bool,
    /// Extra stopword files (`--stopwords FILE`, repeatable).
    pub stopword_files: Vec<PathBuf>,
    /// Use only `stopword_files`, not the built-in lists (`--stopwords-only`).
    pub stopwords_only: bool,
    /// Terms are n-grams of this many tokens (1, 2 or 3; `--ngram`).
    pub ngram: usize,
    /// N-grams may span a removed stopword (`--ngram-skip-stopwords`).
    pub ngram_skip_stopwords: bool,
}

impl Default for TextOptions {
    fn default() -> TextOptions {
        TextOptions {
            language: Language::English,
            stem: true,
            keep_numbers: false,
            keep_stopwords: false,
            keep_fillers: false,
            stopword_files: Vec::new(),
            stopwords_only: false,
            ngram: 1,
            ngram_skip_stopwords: false,
        }
    }
}

/// What the pipeline does with a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WordKind {
    /// Kept: it becomes a token with a term.
    Term,
    /// Removed as a stopword.
    Stopword,
    /// Removed as a number.
    Number,
}

/// A word after normalisation: its kind and, for a kept word, its term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classified<'a> {
    /// Lower-cased, `’` folded to `'`.
    pub normal: Cow<'a, str>,
    /// Kept or why removed.
    pub kind: WordKind,
    /// The stem (or `normal` without stemming); empty unless `kind` is `Term`.
    pub term: String,
}

/// One word of a text, with what the pipeline made of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte offset of the word in the text.
    pub start: usize,
    /// Byte offset just past the word.
    pub end: usize,
    /// Lower-cased, `’` folded to `'`.
    pub normal: String,
    /// Kept or why removed.
    pub kind: WordKind,
    /// The term (stem); empty unless `kind` is `Term`.
    pub term: String,
    /// A sentence end (or the start of the text) lies before this word.
    pub sentence_start: bool,
}

/// A kept word (a token): what is counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte offset in the text.
    pub start: usize,
    /// Byte offset just past the word.
    pub end: usize,
    /// The surface form: lower-cased, `’` folded to `'`.
    pub word: String,
    /// The term: the stem of `word` (or `word` itself without stemming).
    pub term: String,
    /// False when an n-gram may not join this token to the one before: it
    /// is the first, or a sentence end, a removed number or (unless
    /// `ngram_skip_stopwords`) a removed stopword lies between them.
    pub joined: bool,
}

/// The text pipeline, ready to run: stopword set and stemmer built once.
/// `Send + Sync`: share one across threads.
#[derive(Debug)]
pub struct Analyzer {
    options: TextOptions,
    stopwords: Stopwords,
    stemmer: Option<Stemmer>,
}

impl Analyzer {
    /// Build the pipeline: reads the stopword files of `options` (an error
    /// names a file that cannot be read, is not UTF-8, has two words on a
    /// line or no words) and checks `ngram` is 1, 2 or 3.
    pub fn new(options: &TextOptions) -> Result<Analyzer> {
        if !(1..=3).contains(&options.ngram) {
            return Err(crate::Error::Spec(format!(
                "--ngram {}: n-grams of 1, 2 or 3 words are supported",
                options.ngram
            )));
        }
        let mut stopwords = Stopwords::new();
        if !options.stopwords_only {
            stopwords.extend_builtin(stopwords::builtin(options.language));
            if !options.keep_fillers
                && let Some(f) = stopwords::builtin_fillers(options.language)
            {
                stopwords.extend_builtin(f);
            }
        }
        for path in &options.stopword_files {
            stopwords.extend(stopwords::load_file(path)?);
        }
        if options.keep_stopwords {
            stopwords = Stopwords::new();
        }
        Ok(Analyzer {
            options: options.clone(),
            stopwords,
            stemmer: options.stem.then(|| Stemmer::new(options.language)),
        })
    }

    /// The options it was built with.
    pub fn options(&self) -> &TextOptions {
        &self.options
    }

    /// The stopwords it removes (empty with `keep_stopwords`).
    pub fn stopwords(&self) -> &Stopwords {
        &self.stopwords
    }

    /// Call `f(start, end, sentence_start)` for each word of `text` after
    /// steps 1–2 (segmentation, split at a missing space after a full stop).
    /// `sentence_start` is true for the first word and after a sentence end.
    #[inline]
    pub fn for_each_word(&self, text: &str, f: impl FnMut(usize, usize, bool)) {
        words::for_each_piece(text, f);
    }

    /// As [`Analyzer::for_each_word`] without the sentence starts (cheaper).
    #[inline(always)]
    pub fn for_each_word_plain(&self, text: &str, f: &mut impl PieceSink) {
        words::for_each_piece_plain(text, f);
    }

    /// [`Analyzer::for_each_word_plain`] of `text[start..end]`, with
    /// offsets into `text` (see [`words::for_each_piece_plain_in`]).
    #[inline(always)]
    pub fn for_each_word_plain_in(
        &self,
        text: &str,
        start: usize,
        end: usize,
        f: &mut impl PieceSink,
    ) {
        words::for_each_piece_plain_in(text, start, end, f);
    }

    /// Steps 3–6 for one word: normalise, then number, stopword, stem.
    pub fn classify<'a>(&self, word: &'a str) -> Classified<'a> {
        let normal = Analyzer::normal_form(word);
        let (kind, term) = self.classify_normal(&normal);
        let term = term.map(Cow::into_owned).unwrap_or_default();
        Classified { normal, kind, term }
    }

    /// Step 3 for one word: lower case, `’` folded to `'` (borrowed when
    /// the word is already so).
    pub fn normal_form(word: &str) -> Cow<'_, str> {
        if word.is_ascii() {
            if word.bytes().any(|c| c.is_ascii_uppercase()) {
                Cow::Owned(word.to_ascii_lowercase())
            } else {
                Cow::Borrowed(word)
            }
        } else {
            Cow::Owned(stopwords::normalise(word))
        }
    }

    /// Steps 4–6 for a word that is already normalised (lower case, `’`
    /// folded): its kind and, when kept, its term.
    pub fn classify_normal<'a>(&self, normal: &'a str) -> (WordKind, Option<Cow<'a, str>>) {
        self.classify_normal_with(normal, Stemmer::stem)
    }

    /// [`Analyzer::classify_normal`] for a caller that remembers each
    /// word's class itself: the stem is made afresh (see
    /// [`Stemmer::stem_once`]).
    pub fn classify_normal_once<'a>(&self, normal: &'a str) -> (WordKind, Option<Cow<'a, str>>) {
        self.classify_normal_with(normal, Stemmer::stem_once)
    }

    fn classify_normal_with<'a>(
        &self,
        normal: &'a str,
        stem: impl FnOnce(&Stemmer, &'a str) -> Cow<'a, str>,
    ) -> (WordKind, Option<Cow<'a, str>>) {
        if !self.options.keep_numbers && normal.chars().any(char::is_numeric) {
            return (WordKind::Number, None);
        }
        if self.stopwords.contains(normal) {
            return (WordKind::Stopword, None);
        }
        let term = match &self.stemmer {
            Some(s) => {
                let t = stem(s, normal);
                if t.is_empty() {
                    Cow::Borrowed(normal)
                } else {
                    t
                }
            }
            None => Cow::Borrowed(normal),
        };
        (WordKind::Term, Some(term))
    }

    /// Every word of `text` (stopwords and numbers too), classified.
    pub fn words(&self, text: &str) -> Vec<Word> {
        let mut out = Vec::new();
        self.for_each_word(text, |s, e, brk| {
            let c = self.classify(&text[s..e]);
            out.push(Word {
                start: s,
                end: e,
                normal: c.normal.into_owned(),
                kind: c.kind,
                term: c.term,
                sentence_start: brk,
            });
        });
        out
    }

    /// The tokens of `text`: kept words with their terms and n-gram joins.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut broken = true;
        self.for_each_word(text, |s, e, brk| {
            broken |= brk;
            let c = self.classify(&text[s..e]);
            match c.kind {
                WordKind::Term => {
                    out.push(Token {
                        start: s,
                        end: e,
                        word: c.normal.into_owned(),
                        term: c.term,
                        joined: !broken,
                    });
                    broken = false;
                }
                WordKind::Stopword => broken |= !self.options.ngram_skip_stopwords,
                WordKind::Number => broken = true,
            }
        });
        out
    }

    /// The terms of `text` as counted: n-grams of [`TextOptions::ngram`]
    /// tokens (single tokens when it is 1).
    pub fn terms(&self, text: &str) -> Vec<Gram> {
        ngram::ngrams(&self.tokens(text), self.options.ngram)
    }
}
