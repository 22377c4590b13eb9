//! The name tests of a label: its shape (capitalised words, no sentence
//! punctuation, not a sentence opener such as `For` or a discourse word
//! such as `First`), names in capitals, and the labels of speakers nobody
//! named (`UNIDENTIFIED MALE`).

use super::space::is_space;
use crate::text::hash::FastSet;

/// Words that may stay lower-case inside a multi-word label.
pub(in crate::transcript) const CONNECTORS: &[&str] = &[
    "of", "and", "the", "for", "de", "del", "da", "van", "von", "al", "bin", "la", "le", "du",
    "di", "der", "den", "y", "e", "on", "in", "at", "to", "&",
];

/// Single capitalised words that open a sentence with a colon rather than a
/// turn (`First: we ...`).
const DISCOURSE: &[&str] = &[
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "firstly",
    "secondly",
    "thirdly",
    "finally",
    "lastly",
    "next",
    "also",
    "however",
    "therefore",
    "example",
    "yes",
    "no",
    "well",
    "now",
    "so",
    "again",
    "today",
    "here",
    "there",
    "this",
    "that",
    "these",
    "those",
    "it",
    "and",
    "but",
    "or",
    "then",
    "thus",
    "we",
    "they",
    "he",
    "she",
    "you",
    "remember",
    "look",
    "listen",
    "imagine",
    "consider",
    "meanwhile",
    "result",
    "answer",
    "update",
    "warning",
    "caution",
    "important",
    "reminder",
    "summary",
    "conclusion",
    "background",
    "context",
    "attention",
    "objective",
    "goal",
    "problem",
    "solution",
    "reason",
    "point",
    "fact",
];

/// First words that open a sentence, never a name.
const OPENERS: &[&str] = &[
    "for", "to", "in", "on", "at", "with", "from", "by", "as", "if", "when", "while", "after",
    "before", "because", "since", "until", "although", "though", "unless", "what", "why", "how",
    "who", "where", "which", "my", "our", "your", "his", "her", "their", "its", "is", "are", "was",
    "were", "do", "does", "did", "let", "please", "thank", "thanks", "dear", "hi", "hello",
    "sorry", "okay", "ok", "oh", "but", "and", "or", "so", "then", "also", "just", "not", "some",
    "every", "each", "many", "most", "can", "could", "will", "would", "should", "may", "might",
    "must", "we", "you", "he", "she", "they", "it", "this", "that", "these", "those", "there",
    "here", "an",
];

/// ASCII punctuation that no label holds (sentence ends, quotes, markup).
fn label_punctuation(b: u8) -> bool {
    matches!(
        b,
        b'?' | b'!'
            | b';'
            | b'"'
            | b'*'
            | b'#'
            | b'='
            | b'<'
            | b'>'
            | b'|'
            | b'{'
            | b'}'
            | b'\\'
            | b'_'
    )
}

/// The shape test for a label: 1–80 characters, 1–10 words, every word
/// capitalised (or a number, or a connector such as `of`), no sentence
/// punctuation, not a discourse word such as `First`. (A parse asks once
/// per name and file: see `Memo`.)
pub fn valid_label(name: &str) -> bool {
    let ascii = name.is_ascii();
    let chars = if ascii {
        name.len()
    } else {
        name.chars().count()
    };
    if chars == 0 || chars > 80 {
        return false;
    }
    let first = name.chars().next();
    if first.is_some_and(is_caseless_letter) {
        // Scripts without case (Chinese, Japanese, Arabic...): a short name
        // with no sentence punctuation.
        return chars <= 12 && !name.contains(['，', '。', '、', '？', '！', ',', '.', ' ']);
    }
    if !first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) {
        return false;
    }
    if !name.chars().any(|c| c.is_alphabetic()) || holds_label_punctuation(name, ascii) {
        return false;
    }
    let mut words: [&str; 16] = [""; 16];
    let Some(n) = split_words(name, &mut words) else {
        return false;
    };
    let words = &words[..n];
    // A label does not end in a connector (`Station of:`).
    !opens_a_sentence(words)
        && words_capitalised(words)
        && !words.last().is_some_and(|last| CONNECTORS.contains(last))
}

/// Does `name` (all ASCII when `ascii`) hold punctuation no label holds?
fn holds_label_punctuation(name: &str, ascii: bool) -> bool {
    if ascii {
        name.bytes().any(label_punctuation)
    } else {
        name.contains([
            '?', '!', ';', '"', '“', '”', '«', '»', '*', '#', '=', '<', '>', '|', '{', '}', '\\',
            '_',
        ])
    }
}

/// The words of `name` into `words`: how many, or `None` for none or too
/// many. At most 10 words outside parentheses and 16 in all: `The
/// Secretary of State for Foreign and Commonwealth Affairs (Mr William
/// Hague)`.
fn split_words<'a>(name: &'a str, words: &mut [&'a str; 16]) -> Option<usize> {
    let (mut n, mut outside, mut depth) = (0, 0, 0i32);
    for w in name.split(is_space).filter(|w| !w.is_empty()) {
        let slot = words.get_mut(n)?;
        if w.starts_with(['(', '[']) {
            depth += 1;
        }
        if depth == 0 {
            outside += 1;
            if outside > 10 {
                return None;
            }
        }
        if w.ends_with([')', ']']) || w.ends_with("),") {
            depth -= 1;
        }
        *slot = w;
        n += 1;
    }
    (n > 0).then_some(n)
}

/// Do `words` open a sentence rather than name someone: a sentence
/// opener first (`For Dr. Fauci:`, `Thank you:`), or a discourse word
/// alone (`First:`)?
fn opens_a_sentence(words: &[&str]) -> bool {
    let Some(first) = words.first() else {
        return false;
    };
    let first_key = word_key(first.trim_matches(|c: char| !c.is_alphanumeric()));
    first_key.is_some_and(|k| word_lists().openers.contains(&k))
        || words.len() == 1 && first_key.is_some_and(|k| word_lists().discourse.contains(&k))
}

/// Is every word of a label outside parentheses capitalised, a number, a
/// connector after the first word (`of`), or lower case with capitals
/// inside (`iPhone`)? Inside a parenthesised description (`SANDERS
/// (D-VT)`) anything goes.
fn words_capitalised(words: &[&str]) -> bool {
    let mut depth = 0i32;
    for (i, word) in words.iter().enumerate() {
        let opens = word.starts_with('(') || word.starts_with('[');
        if opens {
            depth += 1;
        }
        let in_parens = depth > 0;
        if word.ends_with(')') || word.ends_with(']') || word.ends_with("),") {
            depth -= 1;
        }
        if in_parens {
            continue;
        }
        let core = word.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = core.chars().next() else {
            continue;
        };
        if first.is_uppercase() || first.is_numeric() {
            continue;
        }
        if i > 0 && CONNECTORS.contains(&core) {
            continue;
        }
        // `van der Berg`-style particles at the start, or `de Blasio`.
        if i == 0 {
            return false;
        }
        // Lower-case first letter but capitals inside (`iPhone`, `eBay`).
        if core.chars().skip(1).any(|c| c.is_uppercase()) {
            continue;
        }
        return false;
    }
    true
}

/// A word as a number, for looking it up in [`OPENERS`] or [`DISCOURSE`]
/// ignoring ASCII case: its lower-cased bytes, and its length in the top
/// byte. `None` for a word that can be in neither list (longer than 15
/// bytes or not ASCII: the lists are short ASCII words).
fn word_key(w: &str) -> Option<u128> {
    if w.len() > 15 || !w.is_ascii() {
        return None;
    }
    let mut key = (w.len() as u128) << 120;
    for (i, b) in w.bytes().enumerate() {
        key |= u128::from(b.to_ascii_lowercase()) << (8 * i);
    }
    Some(key)
}

/// [`OPENERS`] and [`DISCOURSE`] as sets of [`word_key`]s.
struct WordLists {
    openers: FastSet<u128>,
    discourse: FastSet<u128>,
}

fn word_lists() -> &'static WordLists {
    static LISTS: std::sync::OnceLock<WordLists> = std::sync::OnceLock::new();
    LISTS.get_or_init(|| {
        let set = |list: &[&str]| list.iter().filter_map(|w| word_key(w)).collect();
        WordLists {
            openers: set(OPENERS),
            discourse: set(DISCOURSE),
        }
    })
}

/// A letter of a script without case (Han, Arabic, Hebrew, ...).
fn is_caseless_letter(c: char) -> bool {
    c.is_alphabetic() && !c.is_uppercase() && !c.is_lowercase()
}

/// Labels of speakers nobody named: each turn may be another person, so
/// their turns never merge, and no name is aliased to them.
const ANONYMOUS: &[&str] = &[
    "unknown",
    "unknown speaker",
    "unknown male",
    "unknown female",
    "unidentified",
    "unidentified male",
    "unidentified female",
    "unidentified speaker",
    "unidentified person",
    "unidentified man",
    "unidentified woman",
    "unidentified reporter",
    "unidentified voice",
    "unidentified audience member",
    "audience member",
    "audience",
    "crowd",
    "participant",
    "male speaker",
    "female speaker",
    "male voice",
    "female voice",
    "voice",
    "voices",
    "multiple speakers",
    "several speakers",
    "reporter",
    "reporters",
    "question",
    "hon. members",
    "several hon. members",
];

/// Bit `n` is set for each length `n` of an [`ANONYMOUS`] label.
const ANONYMOUS_LENGTHS: u64 = {
    let mut mask = 0u64;
    let mut i = 0;
    while i < ANONYMOUS.len() {
        mask |= 1 << ANONYMOUS[i].len();
        i += 1;
    }
    mask
};

/// Is `name` (a normalised label) that of an unnamed speaker: `(UNKNOWN)`,
/// `UNIDENTIFIED MALE`, `AUDIENCE MEMBER`?
#[inline]
pub fn is_anonymous(name: &str) -> bool {
    let n = name.trim_matches(|c: char| c == '(' || c == ')' || c == '[' || c == ']');
    n.len() <= 32
        && ANONYMOUS_LENGTHS & (1u64 << n.len()) != 0
        && ANONYMOUS
            .iter()
            .any(|a| a.len() == n.len() && a.eq_ignore_ascii_case(n))
}

/// Is the label written in capitals (`MS. PSAKI`)? Such labels are strong
/// evidence even in the middle of a paragraph.
pub fn is_all_caps(name: &str) -> bool {
    // ASCII by bytes (most labels); at the first other byte, by characters.
    let mut letters = 0;
    for &c in name.as_bytes() {
        if c >= 0x80 {
            return all_caps_chars(name);
        }
        if c.is_ascii_lowercase() {
            return false;
        }
        letters += usize::from(c.is_ascii_uppercase());
    }
    letters >= 2
}

/// [`is_all_caps`] by characters.
fn all_caps_chars(name: &str) -> bool {
    let mut letters = 0;
    for c in name.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn label_text() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "MS.", "PSAKI", " ", "  ", "\t", "\u{b}", "Mr", "of", "the", "van", "iPhone", "eBay",
            "First", "For", "thank", "(D-VT)", "(", ")", "[x]", "),", ",", ".", "7", "Q", "x", "?",
            "_", "\"", "É", "\u{a0}", "王毅", "-", "'", "Station", "&", "y", "AND",
        ]);
        prop::collection::vec(piece, 0..14).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn all_caps_by_bytes_equals_by_characters(name in label_text()) {
            prop_assert_eq!(is_all_caps(&name), all_caps_chars(&name));
        }

        #[test]
        fn list_words_are_found_as_by_a_scan(w in "[a-zA-Z]{0,12}|for|FOR|Thank|finally|É|x\u{a0}") {
            let scan = |list: &[&str]| list.iter().any(|x| x.eq_ignore_ascii_case(&w));
            let key = word_key(&w);
            prop_assert_eq!(key.is_some_and(|k| word_lists().openers.contains(&k)), scan(OPENERS));
            prop_assert_eq!(key.is_some_and(|k| word_lists().discourse.contains(&k)), scan(DISCOURSE));
        }
    }
}
