//! The parser's rules about one line in its context, kept apart from the
//! state machine that applies them: the labels a file has used, whether a
//! direction closes the proceedings or announces inserted material, a
//! heading or a header line that is label-shaped but no turn, and a
//! narrative line between turns.

use super::label::{self, Label, is_space};
use super::lines::Line;
use super::style::{FileStyle, Shape};
use crate::text::hash::FastSet;

/// The labels a file has used so far, as written and in lower case: a
/// look-up, whatever their number.
#[derive(Debug, Default)]
pub(super) struct SeenLabels {
    exact: FastSet<String>,
    lower: FastSet<String>,
}

impl SeenLabels {
    pub(super) fn add(&mut self, name: &str) {
        if !self.exact.contains(name) {
            self.exact.insert(name.to_string());
            self.lower.insert(name.to_lowercase());
        }
    }

    pub(super) fn contains(&self, name: &str) -> bool {
        self.exact.contains(name)
    }

    pub(super) fn contains_any_case(&self, name: &str) -> bool {
        self.lower.contains(&name.to_lowercase())
    }
}

/// Does a direction (`line`, with the `next` line where it wraps) close
/// the proceedings: `(Whereupon, at 11:41 a.m., the case in the
/// above-entitled matter was submitted.)`, `[Whereupon, at 12:15 p.m., the
/// hearing was adjourned.]`? What follows is the record's back matter.
pub(super) fn closes_proceedings(line: &str, next: &str) -> bool {
    if !(line.starts_with("(Whereupon") || line.starts_with("[Whereupon")) {
        return false;
    }
    let closed = line.ends_with(')') || line.ends_with(']');
    let text = if closed { "" } else { next };
    ["submitted", "adjourned", "concluded"]
        .iter()
        .any(|w| line.contains(w) || text.contains(w))
}

/// Does a whole-line direction announce material inserted into the record
/// (`[The prepared statement of Senator Johnson follows:]`)?
pub(super) fn inserts_follow(content: &str) -> bool {
    let c = content.trim_end_matches([':', '.', ' ']);
    c.ends_with(" follows") || c.ends_with(" follow")
}

/// Words that make a label alone on its line before the first turn a
/// heading (`FULL TRANSCRIPT:`), not a speaker.
pub(super) const HEADING_WORDS: &[&str] = &[
    "transcript",
    "appearances",
    "excerpt",
    "excerpts",
    "remarks",
    "contents",
    "index",
    "summary",
    "agenda",
    "appendix",
    "notes",
    "proceedings",
    "update",
    "highlights",
];

/// `Key: Value` where the key is one word and the value a bare name
/// (`President: Lyndon B. Johnson`): capitalised words, no sentence.
pub(super) fn is_header_pair(l: &Label<'_>) -> bool {
    let one_word = !l.name.contains(is_space);
    let words: Vec<&str> = l.rest.split(is_space).filter(|w| !w.is_empty()).collect();
    one_word
        && !l.bare_q
        && (2..=5).contains(&words.len())
        && words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()) && !w.ends_with([',', '?', '!']))
        && !words
            .last()
            .is_some_and(|w| w.ends_with('.') && w.len() > 2)
}

/// A label alone on its line whose name is a heading word (`FULL
/// TRANSCRIPT:`, `Rush transcript:`).
pub(super) fn is_heading_label(l: &Label<'_>) -> bool {
    l.rest.is_empty()
        && !l.bare_q
        && l.name
            .split(is_space)
            .any(|w| HEADING_WORDS.iter().any(|h| h.eq_ignore_ascii_case(w)))
}

/// Is the line before `next` a narrative line: is the next line a label
/// (with no blank line between: the narrative introduces the turn), and is
/// the line itself in the third person, no question? (A paragraph of
/// speech indented with no-break spaces, `Go ahead, Darlene.`, stands
/// before a blank line; `Reporters from foreign press take part in the
/// press conference via video connections.` does not.)
pub(super) fn before_a_label(lines: &[Line<'_>], next: usize, style: &FileStyle) -> bool {
    let Some(l) = lines.get(next).filter(|l| !l.text.is_empty()) else {
        return false;
    };
    let labelled = match style.shape {
        Shape::Colon => label::match_label(l.raw).is_some(),
        Shape::Period => style.period_label(l.text, l.raw).is_some(),
    };
    labelled && lines.get(next - 1).is_some_and(|n| third_person(n.text))
}

/// No `?` and none of the words of the first and second person.
pub(super) fn third_person(text: &str) -> bool {
    const PERSONAL: &[&str] = &[
        "i", "we", "you", "me", "us", "our", "your", "my", "i'm", "we're",
    ];
    !text.contains('?')
        && !text
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .any(|w| PERSONAL.iter().any(|p| p.eq_ignore_ascii_case(w)))
}
