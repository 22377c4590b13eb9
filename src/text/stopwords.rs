//! Stopword lists: the built-in ones (`stopwords/*.txt` at the top of the
//! repository, embedded with `include_str!`: one word a line, `#` starts a
//! comment), reading a user's list (`--stopwords FILE`) with errors that name
//! the file and line, and the [`Stopwords`] set the analyzer looks words up
//! in. Entries are stored as the analyzer normalises words: `’` folded to
//! `'`, Unicode lower case.

use std::path::Path;

use super::hash::FastSet;
use super::stem::Language;
use crate::error::{Error, Result};

/// The built-in list for `language` (file contents, comments included).
pub fn builtin(language: Language) -> &'static str {
    match language {
        Language::Arabic => include_str!("../../stopwords/arabic.txt"),
        Language::Danish => include_str!("../../stopwords/danish.txt"),
        Language::Dutch => include_str!("../../stopwords/dutch.txt"),
        Language::English => include_str!("../../stopwords/english.txt"),
        Language::Finnish => include_str!("../../stopwords/finnish.txt"),
        Language::French => include_str!("../../stopwords/french.txt"),
        Language::German => include_str!("../../stopwords/german.txt"),
        Language::Greek => include_str!("../../stopwords/greek.txt"),
        Language::Hungarian => include_str!("../../stopwords/hungarian.txt"),
        Language::Italian => include_str!("../../stopwords/italian.txt"),
        Language::Norwegian => include_str!("../../stopwords/norwegian.txt"),
        Language::Portuguese => include_str!("../../stopwords/portuguese.txt"),
        Language::Romanian => include_str!("../../stopwords/romanian.txt"),
        Language::Russian => include_str!("../../stopwords/russian.txt"),
        Language::Spanish => include_str!("../../stopwords/spanish.txt"),
        Language::Swedish => include_str!("../../stopwords/swedish.txt"),
        Language::Tamil => include_str!("../../stopwords/tamil.txt"),
        Language::Turkish => include_str!("../../stopwords/turkish.txt"),
    }
}

/// Fillers of spoken language (`uh`, `um`, `hmm`...) for `language`, removed
/// with its stopwords unless `--keep-fillers`: English only for now.
pub fn builtin_fillers(language: Language) -> Option<&'static str> {
    match language {
        Language::English => Some(include_str!("../../stopwords/spoken-english.txt")),
        _ => None,
    }
}

/// Normalise a word as the analyzer does before a stopword lookup: `’` to
/// `'`, Unicode lower case.
pub fn normalise(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        word.replace('\u{2019}', "'").to_lowercase()
    }
}

/// Parse a list: one word a line, `#` to the end of a line is a comment,
/// blank lines are skipped. A line with two words is an error (`path` and
/// the line are named in it).
pub fn parse_list(text: &str, path: &Path) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let word = line.split('#').next().unwrap_or("").trim();
        if word.is_empty() {
            continue;
        }
        if word.chars().any(char::is_whitespace) {
            return Err(Error::Config {
                path: path.to_path_buf(),
                line: i + 1,
                message: format!(
                    "stopword list: `{word}` is more than one word; put one word a line"
                ),
            });
        }
        if word.chars().any(|c| c.is_control()) {
            return Err(Error::Config {
                path: path.to_path_buf(),
                line: i + 1,
                message: "stopword list: control character; is this a text file?".into(),
            });
        }
        out.push(normalise(word));
    }
    Ok(out)
}

/// Read and parse a stopword file. Errors name the file: unreadable,
/// not UTF-8 (with the line), a line with more than one word, or no words.
pub fn load_file(path: &Path) -> Result<Vec<String>> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t,
        Err(e) => {
            let offset = e.valid_up_to();
            let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
            return Err(Error::Config {
                path: path.to_path_buf(),
                line,
                message: format!("stopword list: invalid UTF-8 at byte {offset}"),
            });
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let words = parse_list(text, path)?;
    if words.is_empty() {
        return Err(Error::Config {
            path: path.to_path_buf(),
            line: 1,
            message: "stopword list holds no words (one word a line, # for comments)".into(),
        });
    }
    Ok(words)
}

/// A set of normalised stopwords.
#[derive(Debug, Clone, Default)]
pub struct Stopwords {
    set: FastSet<Box<str>>,
}

impl Stopwords {
    /// An empty set.
    pub fn new() -> Stopwords {
        Stopwords::default()
    }

    /// Add words (normalised as they come in).
    pub fn extend<S: AsRef<str>>(&mut self, words: impl IntoIterator<Item = S>) {
        for w in words {
            self.set.insert(normalise(w.as_ref()).into_boxed_str());
        }
    }

    /// Add a built-in list (its text); built-in lists always parse.
    pub fn extend_builtin(&mut self, text: &str) {
        let words = text
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim())
            .filter(|w| !w.is_empty());
        self.extend(words);
    }

    /// Is this normalised word a stopword?
    #[inline]
    pub fn contains(&self, normalised: &str) -> bool {
        self.set.contains(normalised)
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.set.len()
    }

    /// No words at all?
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }

    /// The words, sorted.
    pub fn words(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.set.iter().map(|w| &**w).collect();
        v.sort_unstable();
        v
    }
}
