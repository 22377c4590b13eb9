//! Recognisers of what a line holds when it is no label: metadata keys
//! (`Source:`, `Host of press conference:`), time stamps, end marks
//! (`###`) and stage directions (`(Laughter.)`, `[crosstalk 00:07:53]`).

use super::space::{is_space, trim};
use crate::text::hash::FastSet;

/// Keys that make a `Key: value` line metadata, not speech.
const METADATA_KEYS: &[&str] = &[
    "source",
    "sources",
    "date",
    "time",
    "location",
    "venue",
    "place",
    "transcript",
    "transcribed by",
    "copyright",
    "url",
    "link",
    "tags",
    "updated",
    "published",
    "posted",
    "photo",
    "photos",
    "video",
    "credit",
    "credits",
    "translator",
    "translated by",
    "editor's note",
    "editor’s note",
    "release date",
    "contact",
    "media contact",
    "embargoed",
    "for immediate release",
];

/// Key prefixes that make a line metadata (`Host of press conference: ...`).
const METADATA_PREFIXES: &[&str] = &[
    "host of ",
    "hosted by",
    "moderator of ",
    "moderated by",
    "chair of ",
    "chaired by",
    "presided over by",
    "participants",
    "attendees",
    "present",
    "speakers",
];

/// Does `key` (the text before a colon) name a metadata field?
pub fn metadata_key(key: &str) -> bool {
    let k = trim(key);
    if !k.is_ascii() {
        let k = k.to_lowercase();
        return METADATA_KEYS.contains(&k.as_str())
            || METADATA_PREFIXES.iter().any(|p| k.starts_with(p));
    }
    // ASCII: compare the lower-cased head (keys and prefixes are shorter
    // than `HEAD` bytes, a test checks) with a set and a few prefixes.
    const HEAD: usize = 32;
    let mut buf = [0u8; HEAD];
    let n = k.len().min(HEAD);
    buf[..n].copy_from_slice(&k.as_bytes()[..n]);
    buf[..n].make_ascii_lowercase();
    let head = &buf[..n];
    let Some(&first) = head.first() else {
        return false;
    };
    // Keys and prefixes start with a few letters only: most labels are
    // rejected without a look-up.
    if METADATA_FIRST & (1u32 << (first.wrapping_sub(b'a') & 31)) == 0
        || !first.is_ascii_lowercase()
    {
        return false;
    }
    (k.len() <= HEAD && metadata_keys().contains(head))
        || METADATA_PREFIXES
            .iter()
            .any(|p| p.as_bytes().first() == Some(&first) && head.starts_with(p.as_bytes()))
}

/// Bit `c - b'a'` is set for each first letter `c` of [`METADATA_KEYS`]
/// and [`METADATA_PREFIXES`].
const METADATA_FIRST: u32 = {
    let mut mask = 0u32;
    let mut i = 0;
    while i < METADATA_KEYS.len() {
        mask |= 1 << (METADATA_KEYS[i].as_bytes()[0] - b'a');
        i += 1;
    }
    let mut i = 0;
    while i < METADATA_PREFIXES.len() {
        mask |= 1 << (METADATA_PREFIXES[i].as_bytes()[0] - b'a');
        i += 1;
    }
    mask
};

/// [`METADATA_KEYS`] as a set of bytes.
fn metadata_keys() -> &'static FastSet<&'static [u8]> {
    static KEYS: std::sync::OnceLock<FastSet<&'static [u8]>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| METADATA_KEYS.iter().map(|k| k.as_bytes()).collect())
}

/// A time stamp line: `7:06 P.M. EST`, `10:30 a.m.`, `14:05`, `2:17 PM EDT`.
pub fn is_timestamp(line: &str) -> bool {
    let s = trim(line);
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        i += 1;
    }
    if i == 0 || i > 2 || i >= bytes.len() || bytes[i] != b':' {
        return false;
    }
    let j = i + 1;
    let mut k = j;
    while k < bytes.len() && bytes[k].is_ascii_digit() {
        k += 1;
    }
    if k - j != 2 {
        return false;
    }
    let rest = trim(&s[k..]);
    if rest.is_empty() {
        return true;
    }
    let rest = rest.strip_prefix(|c: char| c == ':').unwrap_or(rest);
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    let rest = trim(rest).to_ascii_uppercase();
    let rest = rest.replace(['.', ' ', '\u{A0}'], "");
    let rest = rest.trim_start_matches("AM").trim_start_matches("PM");
    rest.len() <= 4
        && rest
            .chars()
            .all(|c| c.is_ascii_uppercase() || c == '(' || c == ')')
}

/// An end mark: `###`, `END`, `* * *`, `-END-`.
pub fn is_end_mark(line: &str) -> bool {
    let s = trim(line).trim_start_matches('\\');
    matches!(
        s,
        "###"
            | "# # #"
            | "END"
            | "-END-"
            | "- END -"
            | "—END—"
            | "* * *"
            | "***"
            | "-30-"
            | "[END]"
            | "(END)"
    )
}

/// Stage-direction vocabulary: the first word of an inline `(…)` or `[…]`
/// that makes it a direction rather than speech.
const STAGE_WORDS: &[&str] = &[
    "laughter",
    "laughs",
    "laughing",
    "laugh",
    "applause",
    "applauding",
    "applauds",
    "inaudible",
    "unintelligible",
    "indiscernible",
    "crosstalk",
    "cross-talk",
    "overtalk",
    "booing",
    "boos",
    "cheers",
    "cheering",
    "music",
    "silence",
    "pause",
    "pauses",
    "sighs",
    "coughs",
    "recess",
    "break",
    "gap",
    "audio",
    "technical",
    "off-mic",
    "interruption",
    "interrupted",
    "interposing",
    "chuckles",
    "chuckling",
    "groans",
    "murmurs",
    "noise",
    "crying",
    "speaking",
    "foreign",
    "translated",
    "translation",
    "interpreter",
    "inaudible.",
    "no",
    "phone",
    "video",
    "background",
    "end",
    "beginning",
    "begin",
    "briefing",
    "mic",
    "microphone",
    "muted",
    "unmuted",
    "whistles",
    "shouts",
    "shouting",
    "crowd",
    "audience",
];

/// Decide whether a bracketed group's content is a stage direction.
/// `bracket` is `(` or `[`.
pub fn is_stage_content(content: &str, bracket: char) -> bool {
    let c = trim(content);
    if c.is_empty() {
        return false;
    }
    let first: String = c
        .split(|ch: char| is_space(ch) || ch == ',' || ch == ';' || ch == ':')
        .next()
        .unwrap_or("")
        .trim_end_matches(['.', '!'])
        .to_lowercase();
    if STAGE_WORDS.contains(&first.as_str()) {
        // `(no ...)` only as `(No audio.)`-like short phrases.
        return first != "no" || c.split_whitespace().count() <= 3;
    }
    // `[crosstalk 00:07:53]`-style time-coded notes. Capitalised acronyms in
    // parentheses (`(WHO)`, `(D-VT)`) are speech, so case alone decides nothing.
    bracket == '[' && has_clock(c)
}

fn has_clock(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(5).any(|w| {
        w[0].is_ascii_digit()
            && w[1].is_ascii_digit()
            && w[2] == b':'
            && w[3].is_ascii_digit()
            && w[4].is_ascii_digit()
    })
}

/// Is the whole line one bracketed group (`(APPLAUSE)`, `[crosstalk 00:07:53]`,
/// `(The briefing ends.)`)? Returns its content.
pub fn whole_line_stage(line: &str) -> Option<&str> {
    let s = trim(line);
    let (open, close) = match s.chars().next()? {
        '(' => ('(', ')'),
        '[' => ('[', ']'),
        _ => return None,
    };
    let inner = s.strip_prefix(open)?.strip_suffix(close)?;
    // One group only: no closing bracket inside.
    if inner.contains(close) || inner.contains(open) {
        return None;
    }
    Some(inner)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn timestamps_and_end_marks() {
        assert!(is_timestamp("7:06 P.M. EST  "));
        assert!(is_timestamp("12:59 p.m. EDT"));
        assert!(is_timestamp("2:17 PM"));
        assert!(is_timestamp("10:30"));
        assert!(!is_timestamp("10:30 we began"));
        assert!(is_end_mark("\\###"));
        assert!(is_end_mark(" END "));
        assert!(!is_end_mark("ENDING"));
    }

    #[test]
    fn metadata_keys_and_prefixes_fit_the_ascii_head() {
        for k in METADATA_KEYS.iter().chain(METADATA_PREFIXES) {
            assert!(k.len() <= 32, "{k}");
            assert_eq!(k.to_lowercase(), *k, "{k}");
        }
        for k in METADATA_KEYS {
            assert!(metadata_key(&k.to_uppercase()), "{k}");
        }
        for p in METADATA_PREFIXES {
            assert!(metadata_key(&format!("{}X", p.to_uppercase())), "{p}");
        }
        assert!(metadata_key("  Date "));
        assert!(metadata_key("HOSTED BY the Council"));
        assert!(metadata_key("Editor’s Note"));
        assert!(!metadata_key("MS. PSAKI"));
        assert!(!metadata_key("Dates"));
        assert!(!metadata_key(&"x".repeat(40)));
    }

    /// `metadata_key` as first written: the reference for the filtered one.
    fn metadata_key_reference(key: &str) -> bool {
        let k = trim(key).to_lowercase();
        METADATA_KEYS.contains(&k.as_str()) || METADATA_PREFIXES.iter().any(|p| k.starts_with(p))
    }

    pub(in crate::transcript::label) fn key_text() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "Source",
            "date",
            "HOST OF ",
            "hosted by",
            "MS. PSAKI",
            " ",
            "s",
            "x",
            "Editor’s Note",
            "present",
            "Presented",
            "_",
            "1",
            "z",
            "A",
            "\u{a0}",
        ]);
        prop::collection::vec(piece, 0..5).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn metadata_keys_are_found_as_by_a_scan(key in key_text()) {
            prop_assert_eq!(metadata_key(&key), metadata_key_reference(&key));
        }
    }

    #[test]
    fn stage_directions() {
        assert!(is_stage_content("Laughter.", '('));
        assert!(is_stage_content("APPLAUSE", '('));
        assert!(is_stage_content("crosstalk 00:07:53", '['));
        assert!(!is_stage_content("including technical institutes", '('));
        assert!(!is_stage_content("D-VT", '('));
        assert_eq!(whole_line_stage(" (Laughter.) "), Some("Laughter."));
        assert_eq!(whole_line_stage("(a) and (b)"), None);
    }
}
