//! Labels that end in a period, the house style of congressional hearings
//! (`    Chairman Dodd. Thank you.`, `Mr. NEAL. I yield.`), the presidents'
//! Public Papers (`THE PRESIDENT. Well,`, `Q. Mr. President,`) and press
//! conferences set from PDF (`CHAIR POWELL. Good afternoon.`). A period
//! also ends sentences, so the shape test here is stricter than for a colon
//! label: the name is in capitals or starts with a title (`Senator`, `The
//! Chairman`, `President Bush`), and speech follows on the same line (a
//! name alone with a period, `    Senator Bingaman.`, is the chair giving
//! the floor, not a turn). Whether a file uses this shape at all is decided
//! by the parser from the whole file.

use super::label::{CONNECTORS, Label, is_all_caps, is_space, trim, trim_start, valid_label};

/// Abbreviations that end in a period inside a name (`Mr. NEAL.`).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "prof", "sen", "rep", "gov", "gen", "adm", "col", "capt",
    "lt", "sgt", "maj", "hon", "rev", "st", "jr", "sr", "mme", "mlle", "amb", "sec", "atty",
];

/// First words that make a mixed-case name a label (`Chairman Dodd`,
/// `The President`, `Governor Clinton`), compared in lower case.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "the",
    "chairman",
    "chairwoman",
    "chair",
    "chairperson",
    "vice",
    "senator",
    "sen",
    "representative",
    "rep",
    "congressman",
    "congresswoman",
    "delegate",
    "governor",
    "gov",
    "president",
    "secretary",
    "general",
    "justice",
    "chief",
    "judge",
    "mayor",
    "ambassador",
    "admiral",
    "commissioner",
    "director",
    "professor",
    "prof",
    "sir",
    "lord",
    "lady",
    "dame",
    "speaker",
    "minister",
    "prime",
    "deputy",
    "acting",
    "assistant",
    "under",
    "attorney",
    "moderator",
    "father",
    "sister",
    "rabbi",
    "reverend",
    "hon",
    "honorable",
    "colonel",
    "captain",
    "lieutenant",
    "sergeant",
    "major",
    "inspector",
    "administrator",
    "comptroller",
    "treasurer",
    "auditor",
    "counsel",
    "principal",
];

/// The most words a period label has (`Acting Under Secretary Bryan`).
const MAX_WORDS: usize = 7;

/// Recognise a label that ends in a period at the start of `line`
/// (leading white space allowed) by its shape alone: `Q.` and `Name.`
/// followed by speech on the same line. `strong` says whether the name
/// passes the strict test (capitals or a title first); a weak name is a
/// label only where the file gives other evidence (the parser's call).
pub fn match_period_label(line: &str) -> Option<(Label<'_>, bool)> {
    let line = trim_start(line);
    let bytes = line.as_bytes();
    // Cheap filters: a capital or a letter of another script first, a
    // period within the first 100 bytes.
    if !bytes
        .first()
        .is_some_and(|&b| b.is_ascii_uppercase() || b >= 0x80)
    {
        return None;
    }
    memchr::memchr(b'.', &bytes[..bytes.len().min(100)])?;
    let mut words = 0;
    let mut pos = 0;
    loop {
        // The next word: up to white space (ASCII by bytes).
        let rest = &line[pos..];
        let len = word_len(rest);
        if len == 0 {
            return None;
        }
        let word = &rest[..len];
        words += 1;
        if words > MAX_WORDS {
            return None;
        }
        // A word in lower case that is not a connector (`of`, `the`) is a
        // sentence's: most lines stop here.
        if word.as_bytes()[0].is_ascii_lowercase()
            && !CONNECTORS.contains(&word.trim_end_matches(['.', ',']))
        {
            return None;
        }
        let end = pos + len;
        if let Some(core) = word.strip_suffix('.') {
            if words == 1 && core == "Q" {
                let after = &line[end..];
                return (after.starts_with(is_space) && !trim(after).is_empty())
                    .then(|| label_of("Q", trim(after)))
                    .flatten();
            }
            if words == MAX_WORDS && is_abbreviation(core) {
                return None;
            }
            if !is_abbreviation(core) {
                let name = &line[..end - 1];
                let after = &line[end..];
                if !after.starts_with(is_space) {
                    return None;
                }
                let speech = trim(after);
                if speech.is_empty() || name.is_empty() {
                    return None;
                }
                return label_of(name, speech);
            }
        } else if word.ends_with([',', ';', ':', '?', '!', '"', '”', '’']) {
            return None;
        }
        // Past the white space to the next word.
        let after = &line[end..];
        let skip = after.len() - trim_start(after).len();
        if skip == 0 {
            return None;
        }
        pos = end + skip;
    }
}

/// The length of the word at the start of `s`: up to white space.
#[inline]
fn word_len(s: &str) -> usize {
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if b == b' ' || b == b'\t' {
            return i;
        }
        if b >= 0x80 || b.is_ascii_whitespace() {
            // A rarer space (no-break, vertical tab): by characters.
            return i + s[i..].find(is_space).unwrap_or(s.len() - i);
        }
    }
    s.len()
}

/// The label `name` with `speech` after it, if `name` is label-shaped.
fn label_of<'a>(name: &'a str, speech: &'a str) -> Option<(Label<'a>, bool)> {
    if name == "Q" {
        return Some((
            Label {
                name: "Q",
                rest: speech,
                bare_q: true,
            },
            true,
        ));
    }
    if !valid_label(name) || name.contains(',') {
        return None;
    }
    // A reporter's identification in brackets does not count:
    // `FRANK CORMIER [Associated Press]`.
    let bare = name.find(['[', '(']).map_or(name, |at| trim(&name[..at]));
    let strong = !bare.is_empty() && (is_all_caps(bare) || starts_with_title(bare));
    Some((
        Label {
            name,
            rest: speech,
            bare_q: false,
        },
        strong,
    ))
}

/// A title or honorific abbreviation that a period does not end, or a
/// single capital (an initial, `George W. Bush`).
fn is_abbreviation(core: &str) -> bool {
    if core.contains('.') {
        // `U.S.`, `D.C.`: periods inside.
        return true;
    }
    let mut chars = core.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => c.is_uppercase(),
        _ => {
            core.len() <= 6
                && core.is_ascii()
                && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(core))
        }
    }
}

/// Does `name` start with a title (`Chairman`, `The`, `Mr.`)?
fn starts_with_title(name: &str) -> bool {
    let first = name
        .split(is_space)
        .next()
        .unwrap_or("")
        .trim_end_matches('.');
    first.len() <= 16 && TITLES.iter().any(|t| t.eq_ignore_ascii_case(first))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(line: &str) -> Option<(&str, &str, bool)> {
        match_period_label(line).map(|(l, strong)| (l.name, l.rest, strong))
    }

    #[test]
    fn labels_of_the_period_houses() {
        assert_eq!(
            name("    Chairman Dodd. Thank you."),
            Some(("Chairman Dodd", "Thank you.", true))
        );
        assert_eq!(
            name("    Mr. NEAL. Thank you, Mr. Chairman."),
            Some(("Mr. NEAL", "Thank you, Mr. Chairman.", true))
        );
        assert_eq!(
            name("    The CHAIRMAN. The Committee"),
            Some(("The CHAIRMAN", "The Committee", true))
        );
        assert_eq!(
            name("THE PRESIDENT. Well, I"),
            Some(("THE PRESIDENT", "Well, I", true))
        );
        assert_eq!(
            name("Q. Mr. President,"),
            Some(("Q", "Mr. President,", true))
        );
        assert_eq!(
            name("CHAIR POWELL. Good afternoon."),
            Some(("CHAIR POWELL", "Good afternoon.", true))
        );
        assert_eq!(
            name("MICHELLE SMITH. Howard."),
            Some(("MICHELLE SMITH", "Howard.", true))
        );
        assert_eq!(
            name("FRANK CORMIER [Associated Press]. Thank you, Mr. President."),
            Some((
                "FRANK CORMIER [Associated Press]",
                "Thank you, Mr. President.",
                true
            ))
        );
        assert_eq!(
            name("Governor Clinton. I think"),
            Some(("Governor Clinton", "I think", true))
        );
        assert_eq!(
            name("President George W. Bush. Thank you."),
            Some(("President George W. Bush", "Thank you.", true))
        );
        // A mixed-case name without a title is weak evidence.
        assert_eq!(
            name("Howard Schneider. Thanks."),
            Some(("Howard Schneider", "Thanks.", false))
        );
    }

    #[test]
    fn sentences_and_recognitions_are_not_period_labels() {
        for line in [
            "    Senator Bingaman.",
            "    Mr. Chairman, I think the hearing is timely.",
            "    Mr. Chairman?",
            "    Thank you. I yield back.",
            "    I yield back. Thank you.",
            "The Committee will come to order. Today",
            "Page 1 of 28March 19, 2025",
            "THE PRESIDENT: Well.",
            "Washington. They told",
            "Mr. Neal.He said",
            "             U.S. House of Representatives,",
            "",
            ".",
            "Mr. Mrs. Ms. Dr. Sen. Rep. Gov. Gen.",
        ] {
            let got = name(line);
            assert!(
                got.is_none() || got.is_some_and(|(_, _, strong)| !strong),
                "{line}: {got:?}"
            );
        }
        assert_eq!(
            name("Washington. They told"),
            Some(("Washington", "They told", false))
        );
    }
}
