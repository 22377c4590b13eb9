//! Stemming: the languages tribune knows (every Snowball algorithm that
//! `rust-stemmers` ships), their names for `--lang`, and a [`Stemmer`] that
//! reduces a lower-cased word to its Snowball stem. Snowball expects
//! lower-case input; the [`super::Analyzer`] lower-cases first. A stem
//! takes a few microseconds, and every counting thread meets the same
//! words: the stemmer remembers the stems it has made, for all threads.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;
use std::sync::RwLock;

use super::hash::FastMap;

use rust_stemmers::Algorithm;

/// A language: selects the Snowball stemmer and the built-in stopword list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Language {
    Arabic,
    Danish,
    Dutch,
    #[default]
    English,
    Finnish,
    French,
    German,
    Greek,
    Hungarian,
    Italian,
    Norwegian,
    Portuguese,
    Romanian,
    Russian,
    Spanish,
    Swedish,
    Tamil,
    Turkish,
}

impl Language {
    /// Every language, in alphabetical order.
    pub const ALL: [Language; 18] = [
        Language::Arabic,
        Language::Danish,
        Language::Dutch,
        Language::English,
        Language::Finnish,
        Language::French,
        Language::German,
        Language::Greek,
        Language::Hungarian,
        Language::Italian,
        Language::Norwegian,
        Language::Portuguese,
        Language::Romanian,
        Language::Russian,
        Language::Spanish,
        Language::Swedish,
        Language::Tamil,
        Language::Turkish,
    ];

    /// The lower-case English name (`english`), as `--lang` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Language::Arabic => "arabic",
            Language::Danish => "danish",
            Language::Dutch => "dutch",
            Language::English => "english",
            Language::Finnish => "finnish",
            Language::French => "french",
            Language::German => "german",
            Language::Greek => "greek",
            Language::Hungarian => "hungarian",
            Language::Italian => "italian",
            Language::Norwegian => "norwegian",
            Language::Portuguese => "portuguese",
            Language::Romanian => "romanian",
            Language::Russian => "russian",
            Language::Spanish => "spanish",
            Language::Swedish => "swedish",
            Language::Tamil => "tamil",
            Language::Turkish => "turkish",
        }
    }

    /// The ISO 639-1 code (`en`).
    pub fn code(self) -> &'static str {
        match self {
            Language::Arabic => "ar",
            Language::Danish => "da",
            Language::Dutch => "nl",
            Language::English => "en",
            Language::Finnish => "fi",
            Language::French => "fr",
            Language::German => "de",
            Language::Greek => "el",
            Language::Hungarian => "hu",
            Language::Italian => "it",
            Language::Norwegian => "no",
            Language::Portuguese => "pt",
            Language::Romanian => "ro",
            Language::Russian => "ru",
            Language::Spanish => "es",
            Language::Swedish => "sv",
            Language::Tamil => "ta",
            Language::Turkish => "tr",
        }
    }

    /// Parse a name or ISO code, case-insensitively (`English`, `en`).
    pub fn parse(s: &str) -> Option<Language> {
        let s = s.trim().to_ascii_lowercase();
        Language::ALL
            .into_iter()
            .find(|l| l.name() == s || l.code() == s)
    }

    fn algorithm(self) -> Algorithm {
        match self {
            Language::Arabic => Algorithm::Arabic,
            Language::Danish => Algorithm::Danish,
            Language::Dutch => Algorithm::Dutch,
            Language::English => Algorithm::English,
            Language::Finnish => Algorithm::Finnish,
            Language::French => Algorithm::French,
            Language::German => Algorithm::German,
            Language::Greek => Algorithm::Greek,
            Language::Hungarian => Algorithm::Hungarian,
            Language::Italian => Algorithm::Italian,
            Language::Norwegian => Algorithm::Norwegian,
            Language::Portuguese => Algorithm::Portuguese,
            Language::Romanian => Algorithm::Romanian,
            Language::Russian => Algorithm::Russian,
            Language::Spanish => Algorithm::Spanish,
            Language::Swedish => Algorithm::Swedish,
            Language::Tamil => Algorithm::Tamil,
            Language::Turkish => Algorithm::Turkish,
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Language {
    type Err = String;
    fn from_str(s: &str) -> Result<Language, String> {
        Language::parse(s).ok_or_else(|| {
            let names: Vec<&str> = Language::ALL.iter().map(|l| l.name()).collect();
            format!("unknown language `{s}`: use one of {}", names.join(", "))
        })
    }
}

/// A Snowball stemmer for one language (`rust-stemmers` 1.2).
pub struct Stemmer {
    language: Language,
    inner: rust_stemmers::Stemmer,
    /// Words stemmed so far → their stem (`None`: the word itself).
    memo: RwLock<FastMap<Box<str>, Option<Box<str>>>>,
}

/// Words the memo holds at most (beyond, stems are made and not kept).
const MEMO_WORDS: usize = 1 << 20;

impl fmt::Debug for Stemmer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Stemmer")
            .field("language", &self.language)
            .finish()
    }
}

impl Stemmer {
    /// The stemmer for `language`.
    pub fn new(language: Language) -> Stemmer {
        Stemmer {
            language,
            inner: rust_stemmers::Stemmer::create(language.algorithm()),
            memo: RwLock::default(),
        }
    }

    /// The language it stems.
    pub fn language(&self) -> Language {
        self.language
    }

    /// The stem of a lower-cased word, made afresh and not remembered: for
    /// callers that keep each word's stem themselves (the counting threads'
    /// vocabularies), which then take no lock and make no copy for the
    /// memo. The same stem as [`Stemmer::stem`].
    pub fn stem_once<'a>(&self, word: &'a str) -> Cow<'a, str> {
        self.inner.stem(word)
    }

    /// The stem of a lower-cased word (borrowed when the word is its own
    /// stem), remembered across calls and threads.
    pub fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        // A poisoned lock only means another thread panicked while holding
        // it: the map is still whole.
        let known = |m: &FastMap<Box<str>, Option<Box<str>>>| {
            m.get(word).map(|s| match s {
                Some(stem) => Cow::Owned(stem.to_string()),
                None => Cow::Borrowed(word),
            })
        };
        if let Some(stem) = known(&self.memo.read().unwrap_or_else(|e| e.into_inner())) {
            return stem;
        }
        let stem = self.inner.stem(word);
        let mut memo = self.memo.write().unwrap_or_else(|e| e.into_inner());
        if memo.len() < MEMO_WORDS {
            let kept = match &stem {
                Cow::Borrowed(s) if *s == word => None,
                s => Some(Box::from(&**s)),
            };
            memo.insert(word.into(), kept);
        }
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The remembered stems are Snowball's, from any thread, and a word
    /// that is its own stem comes back borrowed.
    #[test]
    fn remembered_stems_are_the_snowball_stems() {
        let words = [
            "employment",
            "employ",
            "jobs",
            "job",
            "china's",
            "running",
            "a",
        ];
        let snowball = rust_stemmers::Stemmer::create(Algorithm::English);
        let stemmer = Stemmer::new(Language::English);
        std::thread::scope(|s| {
            for _ in 0..3 {
                s.spawn(|| {
                    for _ in 0..2 {
                        for w in words {
                            assert_eq!(stemmer.stem(w), snowball.stem(w), "{w}");
                        }
                    }
                });
            }
        });
        assert!(matches!(stemmer.stem("job"), Cow::Borrowed("job")));
        assert_eq!(stemmer.stem("employment"), "employ");
        let memo = stemmer.memo.read().unwrap_or_else(|e| e.into_inner());
        assert_eq!(memo.len(), words.len());
        assert_eq!(memo.get("job"), Some(&None));
    }

    /// A stem made once is the remembered one, and is not remembered.
    #[test]
    fn stems_made_once_are_the_same_and_not_kept() {
        let stemmer = Stemmer::new(Language::English);
        for w in ["employment", "jobs", "china's", "running", "a", ""] {
            assert_eq!(stemmer.stem_once(w), stemmer.stem(w), "{w}");
        }
        assert_eq!(stemmer.stem_once("presidents"), "presid");
        let memo = stemmer.memo.read().unwrap_or_else(|e| e.into_inner());
        assert_eq!(memo.len(), 6);
        assert!(!memo.contains_key("presidents"));
    }
}
