//! Line-level recognisers: speaker labels (`Name:`, `Q`), metadata keys,
//! time stamps, end marks and stage directions. Pure functions on one line
//! of text; the parser decides what to do with their answers.

use crate::text::hash::{FastMap, FastSet};

/// White space as transcripts use it: ASCII, tabs and no-break spaces.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{A0}' || c == '\u{202F}' || c == '\u{FEFF}'
}

/// Trim [`is_space`] from both ends.
///
/// One quirk is kept from the first version, which output depends on: a
/// vertical tab (U+000B) at an end stays unless a non-ASCII space sits at
/// one of the ends too.
#[inline]
pub fn trim(s: &str) -> &str {
    // Fast path: most lines start and end with ASCII; only look at chars
    // where a byte is not plain ASCII text.
    let b = s.as_bytes();
    let (mut i, mut j) = (0, b.len());
    while i < j && b[i].is_ascii_whitespace() {
        i += 1;
    }
    while j > i && b[j - 1].is_ascii_whitespace() {
        j -= 1;
    }
    let s = &s[i..j];
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(&f), Some(&l)) if f >= 0x80 || l >= 0x80 => trim_wide(s),
        _ => s,
    }
}

/// Trim [`is_space`] from the start (`s.trim_start_matches(is_space)`).
#[inline]
pub fn trim_start(s: &str) -> &str {
    match s.as_bytes().first() {
        Some(&c) if c > b' ' && c < 0x80 => s,
        _ => trim_wide_start(s),
    }
}

/// [`trim`] of a text with no ASCII white space at its ends (but a
/// vertical tab) and a non-ASCII character at one of them: trimmed only if
/// that character is a space (lines that end in `’`, `”` or `—` are common
/// and need no trimming; no-break spaces are common too).
#[inline(never)]
fn trim_wide(s: &str) -> &str {
    let b = s.as_bytes();
    let nbsp = [0xC2, 0xA0];
    let front = b.first().is_some_and(|&c| c >= 0x80)
        && (b.starts_with(&nbsp) || s.chars().next().is_some_and(is_space));
    let back = b.last().is_some_and(|&c| c >= 0x80)
        && (b.ends_with(&nbsp) || s.chars().next_back().is_some_and(is_space));
    if !(front || back) {
        return s;
    }
    trim_wide_end(trim_wide_start(s))
}

/// `s.trim_start_matches(is_space)`, with ASCII and the no-break space
/// read as bytes.
fn trim_wide_start(mut s: &str) -> &str {
    loop {
        let b = s.as_bytes();
        let n = match b.first() {
            None => break,
            Some(&c) if c < 0x80 => usize::from(is_space(c as char)),
            Some(0xC2) if b.get(1) == Some(&0xA0) => 2,
            Some(_) => s
                .chars()
                .next()
                .filter(|&c| is_space(c))
                .map_or(0, char::len_utf8),
        };
        if n == 0 {
            break;
        }
        s = &s[n..];
    }
    s
}

/// `s.trim_end_matches(is_space)`, as [`trim_wide_start`] does.
fn trim_wide_end(mut s: &str) -> &str {
    loop {
        let b = s.as_bytes();
        let n = match b.last() {
            None => break,
            Some(&c) if c < 0x80 => usize::from(is_space(c as char)),
            Some(0xA0) if b.ends_with(&[0xC2, 0xA0]) => 2,
            Some(_) => s
                .chars()
                .next_back()
                .filter(|&c| is_space(c))
                .map_or(0, char::len_utf8),
        };
        if n == 0 {
            break;
        }
        s = &s[..s.len() - n];
    }
    s
}

/// A recognised speaker label at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label<'a> {
    /// The label text, trimmed (`MS. PSAKI`, `Q`).
    pub name: &'a str,
    /// The speech after it, trimmed (may be empty: speech on the next line).
    pub rest: &'a str,
    /// A bare `Q` (or `Q:`): an anonymous questioner.
    pub bare_q: bool,
}

/// Words that may stay lower-case inside a multi-word label.
pub(super) const CONNECTORS: &[&str] = &[
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

/// Split `line` at its first ASCII or full-width colon within the first
/// 160 bytes: `(before, after)`, both untrimmed.
pub fn split_colon(line: &str) -> Option<(&str, &str)> {
    let bytes = line.as_bytes();
    let head = &bytes[..bytes.len().min(160)];
    for i in memchr::memchr2_iter(b':', 0xEF, head) {
        if bytes[i] == b':' {
            return Some((&line[..i], &line[i + 1..]));
        }
        // U+FF1A FULLWIDTH COLON is EF BC 9A in UTF-8.
        if bytes.get(i + 1..i + 3) == Some(&[0xBC, 0x9A]) {
            return Some((&line[..i], &line[i + 3..]));
        }
    }
    None
}

/// Recognise a speaker label at the start of `line` (leading white space
/// allowed). Returns `None` for sentences with a colon, metadata keys, time
/// stamps and anything else that is not a label.
pub fn match_label(line: &str) -> Option<Label<'_>> {
    match_label_with(line, &mut Memo::default())
}

/// The answers of the name tests for the names of one file, which repeat
/// (`MS. PSAKI:` on a hundred lines): a lookup instead of the tests.
#[derive(Debug, Default)]
pub(crate) struct Memo<'a> {
    /// Name (trimmed) → [`valid_label`] and not [`metadata_key`].
    label: FastMap<&'a str, bool>,
    /// Text before a colon → [`metadata_key`].
    key: FastMap<&'a str, bool>,
    /// Name → [`is_all_caps`].
    caps: FastMap<&'a str, bool>,
}

impl<'a> Memo<'a> {
    /// [`metadata_key`] of `key`.
    pub(crate) fn metadata_key(&mut self, key: &'a str) -> bool {
        *self.key.entry(key).or_insert_with(|| metadata_key(key))
    }

    /// [`is_all_caps`] of `name`.
    pub(crate) fn is_all_caps(&mut self, name: &'a str) -> bool {
        *self.caps.entry(name).or_insert_with(|| is_all_caps(name))
    }
}

/// [`match_label`], with the answers for names seen before in `memo`.
pub(crate) fn match_label_with<'a>(line: &'a str, memo: &mut Memo<'a>) -> Option<Label<'a>> {
    let mut line = trim_start(line);
    // Markdown emphasis around a label: `**LEHRER:** Good evening`.
    let emphasis = line.starts_with(['*', '_']);
    if emphasis {
        line = line.trim_start_matches(['*', '_']);
    }
    if let Some(l) = match_bare_q(line) {
        return Some(l);
    }
    let (before, mut after) = split_colon(line)?;
    if emphasis {
        after = after.trim_start_matches(['*', '_']);
    }
    // A caption's column of colons (`DEPARTMENT OF HEALTH AND      :`)
    // is not a label: a label's colon follows its name.
    if before.ends_with("  ") || before.ends_with('\t') {
        return None;
    }
    let mut name = trim(before);
    if emphasis {
        name = name.trim_end_matches(['*', '_']);
    }
    // `(UNKNOWN):`, an unnamed speaker in parentheses.
    if let Some(inner) = name.strip_prefix('(').and_then(|n| n.strip_suffix(')'))
        && is_all_caps(inner)
        && valid_label(inner)
    {
        return Some(Label {
            name,
            rest: trim(after),
            bare_q: false,
        });
    }
    let is_label = *memo
        .label
        .entry(name)
        .or_insert_with(|| valid_label(name) && !metadata_key(name) || is_anonymous(name));
    if !is_label {
        return None;
    }
    // A URL or a time (`http://`, `10:30`) is not a label.
    if after.starts_with("//")
        || after.starts_with(|c: char| c.is_ascii_digit())
            && name.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    Some(Label {
        name,
        rest: trim(after),
        bare_q: false,
    })
}

fn match_bare_q(line: &str) -> Option<Label<'_>> {
    let rest = line.strip_prefix('Q')?;
    let mut chars = rest.chars();
    let next = chars.next()?;
    let rest = if next == ':' || next == '：' {
        &rest[next.len_utf8()..]
    } else if next == '.' {
        // `Q.  Text` – accept only when followed by white space.
        let after = &rest[1..];
        if !after.starts_with(is_space) {
            return None;
        }
        after
    } else if is_space(next) {
        rest
    } else {
        return None;
    };
    let rest = trim(rest);
    if rest.is_empty() {
        return None;
    }
    Some(Label {
        name: "Q",
        rest,
        bare_q: true,
    })
}

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
    if !name.chars().any(|c| c.is_alphabetic()) {
        return false;
    }
    let punctuation = if ascii {
        name.bytes().any(label_punctuation)
    } else {
        name.contains([
            '?', '!', ';', '"', '“', '”', '«', '»', '*', '#', '=', '<', '>', '|', '{', '}', '\\',
            '_',
        ])
    };
    if punctuation {
        return false;
    }
    // At most 10 words outside parentheses and 16 in all: `The Secretary
    // of State for Foreign and Commonwealth Affairs (Mr William Hague)`.
    let mut words: [&str; 16] = [""; 16];
    let (mut n, mut outside, mut depth) = (0, 0, 0i32);
    for w in name.split(is_space).filter(|w| !w.is_empty()) {
        if n == 16 {
            return false;
        }
        if w.starts_with(['(', '[']) {
            depth += 1;
        }
        if depth == 0 {
            outside += 1;
            if outside > 10 {
                return false;
            }
        }
        if w.ends_with([')', ']']) || w.ends_with("),") {
            depth -= 1;
        }
        words[n] = w;
        n += 1;
    }
    if n == 0 {
        return false;
    }
    let words = &words[..n];
    // A sentence opener (`For Dr. Fauci:`, `Thank you:`) is not a name.
    let first_key = word_key(words[0].trim_matches(|c: char| !c.is_alphanumeric()));
    if first_key.is_some_and(|k| word_lists().openers.contains(&k)) {
        return false;
    }
    if n == 1 && first_key.is_some_and(|k| word_lists().discourse.contains(&k)) {
        return false;
    }
    // Inside a parenthesised description (`SANDERS (D-VT)`) anything goes.
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
    // A label does not end in a connector (`Station of:`).
    if let Some(last) = words.last()
        && CONNECTORS.contains(last)
    {
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
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn labels_of_every_shape() {
        let l = match_label("Xu Guixiang:Thanks for your answer").unwrap();
        assert_eq!((l.name, l.rest), ("Xu Guixiang", "Thanks for your answer"));
        let l = match_label("  Reuters:\u{A0}I have 3 questions.").unwrap();
        assert_eq!((l.name, l.rest), ("Reuters", "I have 3 questions."));
        let l = match_label("王毅：谢谢").unwrap();
        assert_eq!((l.name, l.rest), ("王毅", "谢谢"));
        assert_eq!(match_label("他说，我们的立场很清楚：谢谢"), None);
        let l = match_label("Zhao Lijian：Thank you.").unwrap();
        assert_eq!((l.name, l.rest), ("Zhao Lijian", "Thank you."));
        let l = match_label("MS. PSAKI:  Good evening").unwrap();
        assert_eq!(l.name, "MS. PSAKI");
        let l = match_label("ANDERSON COOPER, CNN ANCHOR: Welcome").unwrap();
        assert_eq!(l.name, "ANDERSON COOPER, CNN ANCHOR");
        let l = match_label(
            "The Secretary of State for Foreign and Commonwealth Affairs (Mr William Hague): I am",
        )
        .unwrap();
        assert_eq!(
            l.name,
            "The Secretary of State for Foreign and Commonwealth Affairs (Mr William Hague)"
        );
        // The Commons' collective voice, an unnamed speaker.
        let l = match_label("Several hon. Members: Hear, hear.").unwrap();
        assert_eq!(l.name, "Several hon. Members");
        assert!(is_anonymous(l.name));
        let l = match_label("First Citizen:").unwrap();
        assert_eq!((l.name, l.rest), ("First Citizen", ""));
        let l =
            match_label("Xinjiang Station of China National Radio of China Media Group: Question")
                .unwrap();
        assert_eq!(
            l.name,
            "Xinjiang Station of China National Radio of China Media Group"
        );
        let l = match_label("Q\u{A0}\u{A0}\u{A0} Thank you, Jen.").unwrap();
        assert!(l.bare_q);
        assert_eq!(l.rest, "Thank you, Jen.");
        assert!(match_label("Q    Great.  So").unwrap().bare_q);
    }

    #[test]
    fn sentences_with_colons_are_not_labels() {
        for line in [
            "And the second is: are there any new polices",
            "Another example: they say",
            "I would like to stress the following points again:",
            "Jim Webb is right: we",
            "Nay, let them follow:",
            "brave Titus:",
            "Source: Xinhua",
            "Host of press conference:\u{A0}Deputy Head",
            "7:06 P.M. EST",
            "First: we will",
            "Quite so: yes",
            "http://example.com",
            "What's your response? Here: x",
        ] {
            assert_eq!(match_label(line), None, "{line}");
        }
    }

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

    #[test]
    fn trim_removes_every_kind_of_space_and_keeps_other_edges() {
        assert_eq!(trim("  MS. PSAKI \t"), "MS. PSAKI");
        assert_eq!(trim("\u{a0}x\u{a0}"), "x");
        assert_eq!(trim("\u{feff}\u{202f} x \u{2003}\u{3000}"), "x");
        assert_eq!(trim(" “Yes.” "), "“Yes.”");
        assert_eq!(trim("it’s — "), "it’s —");
        assert_eq!(trim("—\u{a0}"), "—");
        assert_eq!(trim("\u{a0}\u{a0}"), "");
        assert_eq!(trim(""), "");
    }

    /// [`trim`] as first written: the reference for the fast one.
    fn trim_reference(s: &str) -> &str {
        let b = s.as_bytes();
        let (mut i, mut j) = (0, b.len());
        while i < j && b[i] < 0x80 && b[i].is_ascii_whitespace() {
            i += 1;
        }
        while j > i && b[j - 1] < 0x80 && b[j - 1].is_ascii_whitespace() {
            j -= 1;
        }
        let s = &s[i..j];
        let (first, last) = (s.as_bytes().first(), s.as_bytes().last());
        let trim_front =
            first.is_some_and(|&c| c >= 0x80) && s.chars().next().is_some_and(is_space);
        let trim_back =
            last.is_some_and(|&c| c >= 0x80) && s.chars().next_back().is_some_and(is_space);
        if trim_front || trim_back {
            s.trim_matches(is_space)
        } else {
            s
        }
    }

    fn spaced_text() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            " ",
            "\t",
            "\r",
            "\n",
            "\u{b}",
            "\u{c}",
            "\u{a0}",
            "\u{202f}",
            "\u{feff}",
            "\u{3000}",
            "\u{2003}",
            "\u{85}",
            "x",
            "Q",
            "’",
            "—",
            "é",
            "\u{c2}",
            "MS. PSAKI:",
        ]);
        prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn fast_trim_equals_the_reference(s in spaced_text()) {
            prop_assert_eq!(trim(&s), trim_reference(&s));
        }

        #[test]
        fn fast_trim_equals_the_reference_on_any_text(s in any::<String>()) {
            prop_assert_eq!(trim(&s), trim_reference(&s));
        }

        #[test]
        fn trim_removes_every_space_but_a_vertical_tab(s in spaced_text()) {
            if !s.contains('\u{b}') {
                prop_assert_eq!(trim(&s), s.trim_matches(is_space));
            }
        }
    }

    fn label_text() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "MS.", "PSAKI", " ", "  ", "\t", "\u{b}", "Mr", "of", "the", "van", "iPhone", "eBay",
            "First", "For", "thank", "(D-VT)", "(", ")", "[x]", "),", ",", ".", "7", "Q", "x", "?",
            "_", "\"", "É", "\u{a0}", "王毅", "-", "'", "Station", "&", "y", "AND",
        ]);
        prop::collection::vec(piece, 0..14).prop_map(|v| v.concat())
    }

    /// `metadata_key` as first written: the reference for the filtered one.
    fn metadata_key_reference(key: &str) -> bool {
        let k = trim(key).to_lowercase();
        METADATA_KEYS.contains(&k.as_str()) || METADATA_PREFIXES.iter().any(|p| k.starts_with(p))
    }

    fn key_text() -> impl Strategy<Value = String> {
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

        /// One file's memo answers as the tests do, whatever came before.
        #[test]
        fn memo_answers_as_the_tests(lines in prop::collection::vec(
            (key_text(), prop::sample::select(vec![": ", ":", "：", " ", ": 10:30", "://x"]), key_text()),
            1..12,
        )) {
            let lines: Vec<String> = lines.into_iter().map(|(a, c, b)| format!("{a}{c}{b}")).collect();
            let mut memo = Memo::default();
            for line in &lines {
                prop_assert_eq!(match_label_with(line, &mut memo), match_label(line));
                if let Some((key, _)) = split_colon(line) {
                    prop_assert_eq!(memo.metadata_key(key), metadata_key(key));
                    prop_assert_eq!(memo.is_all_caps(key), is_all_caps(key));
                }
            }
        }

        #[test]
        fn metadata_keys_are_found_as_by_a_scan(key in key_text()) {
            prop_assert_eq!(metadata_key(&key), metadata_key_reference(&key));
        }

        #[test]
        fn split_colon_finds_the_first_colon_within_160_bytes(
            s in "[a-z :：\u{ff00}\u{fe0f}]{0,200}"
        ) {
            // The reference: the first `:` or `：` starting in the first 160 bytes.
            let reference = s.char_indices().find(|&(i, c)| i < 160 && (c == ':' || c == '：'));
            let expected = reference.map(|(i, c)| (&s[..i], &s[i + c.len_utf8()..]));
            prop_assert_eq!(split_colon(&s), expected);
        }

        #[test]
        fn trim_start_equals_trim_start_matches(s in spaced_text()) {
            prop_assert_eq!(trim_start(&s), s.trim_start_matches(is_space));
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
