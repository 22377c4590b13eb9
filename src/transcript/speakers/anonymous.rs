//! Anonymous labels: a bare `Q`, `(UNKNOWN)`, `UNIDENTIFIED MALE`,
//! `AUDIENCE MEMBER`, `PARTICIPANT`... (the parser's list,
//! [`super::super::label::is_anonymous`], with brackets, case and a final
//! period aside). Each such label is a speaker of its own (all `UNIDENTIFIED MALE` blocks are one anonymous speaker), whose
//! consecutive blocks are different people: never merged into a turn with
//! the block before, never aliased to a named speaker.

use super::super::parse::Block;

/// Anonymous labels that ask: a `Q`, the audience, a press call's
/// participants. The others (`UNKNOWN`, `UNIDENTIFIED ...`) get their role
/// from what they do.
const ASKING: &[&str] = &[
    "Q",
    "QUESTION",
    "AUDIENCE MEMBER",
    "AUDIENCE",
    "PARTICIPANT",
];

/// The label as upper-case words without brackets or a final period:
/// `(Unidentified  male.)` → `UNIDENTIFIED MALE`.
pub(crate) fn canonical(name: &str) -> String {
    let s = name.trim().trim_start_matches(['(', '[']);
    let s = s.trim_end_matches([')', ']', '.', ':', ',']).trim();
    let s = s.trim_end_matches([')', ']']);
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase()
}

/// Is this label one that names nobody (`Q`, `(UNKNOWN)`, `UNIDENTIFIED
/// MALE`, `AUDIENCE MEMBER`, `PARTICIPANT`)? Case, brackets and a final
/// period do not matter; `UNIDENTIFIED MALE, CNN` does (a description makes
/// it someone's label).
pub fn is_anonymous_label(name: &str) -> bool {
    use super::super::label::is_anonymous;
    // The parser's test (no allocation) first; a final period or inner
    // spacing only then.
    name == "Q"
        || is_anonymous(name.trim())
        || (name.len() <= 40
            && (name.ends_with(['.', ':', ',', ')', ']']) || name.contains("  "))
            && is_anonymous(&canonical(name)))
}

/// Is this anonymous label one that asks questions (a `Q`, an audience
/// member, a participant of a press call)?
pub fn is_asking_label(name: &str) -> bool {
    ASKING.contains(&canonical(name).as_str())
}

/// Mark the blocks whose label is anonymous (the parser marks a bare `Q`).
pub fn mark_anonymous(blocks: &mut [Block]) {
    for b in blocks {
        if !b.anonymous && is_anonymous_label(&b.label) {
            b.anonymous = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anonymous_labels() {
        for l in [
            "Q",
            "(UNKNOWN)",
            "UNKNOWN",
            "UNIDENTIFIED MALE",
            "Unidentified Female",
            "UNIDENTIFIED SPEAKER",
            "AUDIENCE MEMBER",
            "PARTICIPANT",
            "(UNIDENTIFIED MALE.)",
        ] {
            assert!(is_anonymous_label(l), "{l}");
        }
        for l in [
            "QUINN",
            "MS. PSAKI",
            "UNKNOWN SOLDIER FOUNDATION",
            "MODERATOR",
            "",
        ] {
            assert!(!is_anonymous_label(l), "{l}");
        }
        assert!(is_asking_label("AUDIENCE MEMBER"));
        assert!(!is_asking_label("UNIDENTIFIED MALE"));
    }
}
