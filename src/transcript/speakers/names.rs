//! Names as labels write them: the part that names the person, its
//! description, honorifics, the keys labels are grouped by (NFC, lower
//! case), and the words that mark a label as an outlet or a chairing role.

use unicode_normalization::UnicodeNormalization;

pub(crate) const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "amb",
    "ambassador",
    "gen",
    "general",
    "adm",
    "admiral",
    "col",
    "colonel",
    "capt",
    "captain",
    "lt",
    "rev",
    "sir",
    "dame",
    "hon",
    "judge",
    "justice",
    "mayor",
    "secretary",
    "sec",
    "madam",
    "mme",
    "m",
];

pub(crate) const HOST_WORDS: &[&str] = &[
    "moderator",
    "host",
    "co-host",
    "operator",
    "anchor",
    "emcee",
    "presenter",
    "facilitator",
];

pub(crate) const OUTLET_WORDS: &[&str] = &[
    "tv",
    "television",
    "radio",
    "news",
    "agency",
    "times",
    "daily",
    "post",
    "journal",
    "press",
    "network",
    "station",
    "broadcasting",
    "broadcast",
    "channel",
    "media",
    "service",
    "herald",
    "tribune",
    "gazette",
    "magazine",
    "newspaper",
    "weekly",
    "telegraph",
    "chronicle",
    "observer",
    "guardian",
    "bureau",
    "newswire",
    "wire",
    "reuters",
    "bloomberg",
    "xinhua",
    "kyodo",
    "yonhap",
    "politico",
    "axios",
    "sputnik",
    "anadolu",
    "bernama",
    "interfax",
    "cgtn",
    "cctv",
    "cnn",
    "bbc",
    "nhk",
    "afp",
    "ap",
    "abc",
    "nbc",
    "cbs",
    "npr",
    "pbs",
    "tass",
    "kbs",
    "mbc",
    "sbs",
    "efe",
    "dpa",
    "ria",
    "cna",
    "voa",
    "rfa",
    "rfi",
    "dw",
    "ard",
    "zdf",
    "nyt",
    "wsj",
    "fox",
    "msnbc",
    "cnbc",
    "phoenix",
    "jazeera",
    "ansa",
    "rt",
    "ptv",
    "ndtv",
    "antara",
];

/// A label in Unicode normalisation form C: NFC and NFD spellings of a
/// name are one label (`José` typed either way).
pub fn nfc(label: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{IsNormalized, is_nfc_quick};
    if label.is_ascii() || is_nfc_quick(label.chars()) == IsNormalized::Yes {
        std::borrow::Cow::Borrowed(label)
    } else {
        std::borrow::Cow::Owned(label.nfc().collect())
    }
}

/// The part of a label that names the person: before a comma, without a
/// parenthesised note. `ANDERSON COOPER, CNN ANCHOR` → `ANDERSON COOPER`.
pub fn name_part(label: &str) -> &str {
    let s = label.split(',').next().unwrap_or(label);
    let s = s.split(" (").next().unwrap_or(s);
    s.trim()
}

/// The description after a comma, if any (`CNN ANCHOR`).
pub fn description(label: &str) -> Option<&str> {
    label
        .split_once(',')
        .map(|(_, d)| d.trim())
        .filter(|d| !d.is_empty())
}

/// A named label's key: its name part in NFC, lower case.
pub(crate) fn key(label: &str) -> String {
    nfc(name_part(label)).to_lowercase()
}

pub(crate) fn words(s: &str) -> Vec<String> {
    nfc(s)
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The key without leading honorifics: `ms. psaki` → `psaki`.
pub(crate) fn bare_key(label: &str) -> String {
    let ws = words(name_part(label));
    let mut i = 0;
    while i + 1 < ws.len() && HONORIFICS.contains(&ws[i].as_str()) {
        i += 1;
    }
    ws[i..].join(" ")
}

/// Does the label look like an organisation (a news outlet)?
pub fn looks_like_outlet(label: &str) -> bool {
    let ws = words(label);
    if ws.first().is_some_and(|w| HONORIFICS.contains(&w.as_str())) {
        return false;
    }
    ws.iter().any(|w| OUTLET_WORDS.contains(&w.as_str()))
}

/// Does the label name a chairing role (moderator, host, operator, anchor;
/// a chair word alone)?
pub(crate) fn host_word(label: &str) -> bool {
    let ws = words(label);
    ws.iter().any(|w| HOST_WORDS.contains(&w.as_str()))
        || (ws.iter().any(|w| CHAIR_WORDS.contains(&w.as_str()))
            && ws.iter().all(|w| {
                CHAIR_WORDS.contains(&w.as_str())
                    || HONORIFICS.contains(&w.as_str())
                    || ["the", "vice", "acting", "committee"].contains(&w.as_str())
            }))
}

/// Words of chairing: alone (`The CHAIRMAN`, `MADAM CHAIR`) they name the
/// role; before a name (`Chairman Dodd`, `CHAIR POWELL`) they are a title,
/// which a committee's chair and a central bank's both carry.
pub(crate) const CHAIR_WORDS: &[&str] = &["chair", "chairman", "chairwoman", "chairperson"];

/// A chair title before a name (`Chairman Dodd`, `CHAIR POWELL`).
pub(crate) fn chair_title(label: &str) -> bool {
    // Most labels hold no `chair`: rejected without allocating.
    let has_chair = label
        .as_bytes()
        .windows(5)
        .any(|w| w.eq_ignore_ascii_case(b"chair"));
    has_chair
        && words(name_part(label))
            .iter()
            .any(|w| CHAIR_WORDS.contains(&w.as_str()))
        && !host_word(label)
}
