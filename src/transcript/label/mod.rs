//! Line-level recognisers: speaker labels (`Name:`, `Q`), and the
//! normal form of a label's name. Pure functions on one line of text; the
//! parser decides what to do with their answers. The tests of a label's
//! name are in `names`, the recognisers of what else a line may be
//! (metadata keys, time stamps, end marks, stage directions) in `marks`,
//! white space and trimming in `space`.

mod marks;
mod names;
mod space;

pub use marks::{is_end_mark, is_stage_content, is_timestamp, metadata_key, whole_line_stage};
pub(in crate::transcript) use names::CONNECTORS;
pub use names::{is_all_caps, is_anonymous, valid_label};
pub use space::{is_space, trim, trim_start};

use crate::text::hash::FastMap;

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

/// Is [`match_label`] of `s`, part of a `Line::plain` line when
/// `plain`, sure to be `None`? A plain line has no colon, so only a bare
/// `Q` can be a label, and `s` does not start with one (nor with white
/// space before one).
#[inline]
pub(in crate::transcript) fn no_label(s: &str, plain: bool) -> bool {
    plain
        && match s.as_bytes().first() {
            None => true,
            Some(&c) if c < 0x80 => c > b' ' && c != b'Q',
            Some(_) => s.chars().next().is_some_and(|c| !is_space(c)),
        }
}

/// Collapse inner white space (no-break spaces included) and strip a
/// trailing period or comma: `MS.\u{A0}PSAKI` → `MS. PSAKI`.
pub fn normalise_label(name: &str) -> String {
    // Most labels are ASCII with single spaces between words: kept as is.
    let mut after_space = true;
    let mut simple = !name.is_empty();
    for &c in name.as_bytes() {
        let space = c.is_ascii_whitespace() || c == 0x0B;
        if c >= 0x80 || space && (c != b' ' || after_space) {
            simple = false;
            break;
        }
        after_space = space;
    }
    simple &= !after_space;
    let mut out = if simple {
        name.to_owned()
    } else {
        let mut out = String::with_capacity(name.len());
        for w in name.split(is_space).filter(|w| !w.is_empty()) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
        out
    };
    while out.ends_with([',', ';']) {
        out.pop();
    }
    strip_note(&mut out);
    out
}

/// Remove a reporter's note after a label's name: `Mr. TARNAY
/// [continuing]`, `Senator Bayh (presiding)`.
fn strip_note(name: &mut String) {
    let Some(close) = name.chars().last().filter(|c| *c == ']' || *c == ')') else {
        return;
    };
    let open = if close == ']' { '[' } else { '(' };
    let Some(at) = name.rfind(open) else { return };
    let note = &name[at + 1..name.len() - 1];
    if at > 0
        && name[..at].ends_with(' ')
        && !note.is_empty()
        && note
            .chars()
            .all(|c| c.is_lowercase() || c == ' ' || c == '-')
    {
        name.truncate(at);
        while name.ends_with(' ') {
            name.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::marks::tests::key_text;
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

    proptest! {
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
        fn split_colon_finds_the_first_colon_within_160_bytes(
            s in "[a-z :：\u{ff00}\u{fe0f}]{0,200}"
        ) {
            // The reference: the first `:` or `：` starting in the first 160 bytes.
            let reference = s.char_indices().find(|&(i, c)| i < 160 && (c == ':' || c == '：'));
            let expected = reference.map(|(i, c)| (&s[..i], &s[i + c.len_utf8()..]));
            prop_assert_eq!(split_colon(&s), expected);
        }
    }

    /// `normalise_label` without its fast path.
    fn normalise_label_reference(name: &str) -> String {
        let mut out = name
            .split(is_space)
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        while out.ends_with([',', ';']) {
            out.pop();
        }
        strip_note(&mut out);
        out
    }

    fn label_text() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "MS.", "PSAKI", " ", "  ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{a0}", "\u{3000}",
            ",", ";", "Q", "x", "É", ":", "(", "\u{202f}",
        ]);
        prop::collection::vec(piece, 0..10).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn normalise_label_equals_the_reference(name in label_text()) {
            prop_assert_eq!(normalise_label(&name), normalise_label_reference(&name));
        }

        /// `no_label` is only ever sure when `match_label` agrees.
        #[test]
        fn no_label_means_no_label(s in label_text()) {
            let plain = !s.bytes().any(|c| matches!(c, b'(' | b'[' | b'\\' | b'<' | b':' | 0xEF));
            if no_label(&s, plain) {
                prop_assert_eq!(match_label(&s), None);
            }
        }
    }
}
