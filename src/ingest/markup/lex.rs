//! Lexing markup: a tag's name and the attributes tribune reads
//! (`nospeaker`, `speakername`), entity references (a DTD's own, then
//! HTML's named and numeric ones), and a case-blind search for an end tag.
//! Each reads forward only: cost linear in what it reads.

use std::borrow::Cow;
use std::collections::HashMap;

/// Entity references decoded: the DTD's own first, then HTML's.
pub(super) fn decode_entities<'a>(s: &'a str, dtd: &HashMap<String, String>) -> Cow<'a, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    if dtd.is_empty() {
        return htmlize::unescape(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(k) = rest.find('&') {
        out.push_str(&rest[..k]);
        let after = &rest[k + 1..];
        let name_len = after
            .find(|c: char| {
                !(c.is_ascii_alphanumeric() || c == '#' || c == '_' || c == '-' || c == '.')
            })
            .unwrap_or(after.len());
        let (token_len, with_semi) = if after[name_len..].starts_with(';') {
            (name_len + 2, true)
        } else {
            (name_len + 1, false)
        };
        let name = &after[..name_len];
        match dtd.get(name).filter(|_| with_semi) {
            Some(v) => out.push_str(v),
            None => out.push_str(&htmlize::unescape(&rest[k..k + token_len])),
        }
        rest = &rest[k + token_len..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// A start or end tag's name (lower case) and what tribune reads of its
/// attributes.
pub(super) struct Tag {
    pub(super) name: String,
    pub(super) end: usize,
    pub(super) self_closing: bool,
    pub(super) nospeaker: bool,
    pub(super) speaker: Option<String>,
}

/// Parse a tag from its name at `at` to just after its `>` (or the end of
/// the input). A quote opens a value only after `=`, as in HTML, so an
/// apostrophe in `<Don't>` does not run to the next one.
pub(super) fn parse_tag(src: &str, at: usize) -> Tag {
    let b = src.as_bytes();
    let mut i = at;
    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
        i += 1;
    }
    let mut tag = Tag {
        name: src[at..i].to_ascii_lowercase(),
        end: b.len(),
        self_closing: false,
        nospeaker: false,
        speaker: None,
    };
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        match b.get(i) {
            None => return tag,
            Some(b'>') => {
                tag.end = i + 1;
                return tag;
            }
            Some(b'/') => {
                tag.self_closing = b.get(i + 1) == Some(&b'>');
                i += 1;
                continue;
            }
            _ => {}
        }
        let name_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let attr = &src[name_start..i];
        let mut j = i;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if b.get(j) != Some(&b'=') {
            continue;
        }
        i = j + 1;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let value = match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let end = memchr::memchr(q, &b[i + 1..]).map_or(b.len(), |k| i + 1 + k);
                let v = &src[i + 1..end];
                i = (end + 1).min(b.len());
                v
            }
            _ => {
                let start = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                &src[start..i]
            }
        };
        if attr.eq_ignore_ascii_case("nospeaker") {
            tag.nospeaker = value.eq_ignore_ascii_case("true");
        } else if attr.eq_ignore_ascii_case("speakername") {
            tag.speaker = Some(htmlize::unescape_attribute(value).into_owned());
        }
    }
}

/// Find `pat` (ASCII, compared case-insensitively) in `b` from `from`.
pub(super) fn find_ci(b: &[u8], pat: &[u8], from: usize) -> Option<usize> {
    let first = pat.first()?;
    let mut i = from;
    while let Some(k) = memchr::memchr(*first, &b[i..]) {
        let at = i + k;
        if b.len() - at >= pat.len() && b[at..at + pat.len()].eq_ignore_ascii_case(pat) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_of_the_dtd_then_html() {
        let dtd: HashMap<String, String> = [("custom".to_string(), "Ok".to_string())].into();
        let none = HashMap::new();
        assert_eq!(
            decode_entities("a &mdash; b &#8220;c&#x201D; &amp;amp;", &none),
            "a \u{2014} b \u{201C}c\u{201D} &amp;"
        );
        assert_eq!(
            decode_entities("&custom; &mdash; &custom &unknown; &", &dtd),
            "Ok \u{2014} &custom &unknown; &"
        );
        assert!(matches!(
            decode_entities("plain", &dtd),
            Cow::Borrowed("plain")
        ));
    }

    #[test]
    fn tags_read_their_names_and_speakers() {
        let src = "<speech id='x' speakername=\"Lembit &Ouml;pik\" nospeaker=FALSE>rest";
        let t = parse_tag(src, 1);
        assert_eq!(t.name, "speech");
        assert_eq!(t.speaker.as_deref(), Some("Lembit \u{D6}pik"));
        assert!(!t.nospeaker && !t.self_closing);
        assert_eq!(&src[t.end..], "rest");
        // An apostrophe outside a value does not open one.
        let src = "<Don't stop> me";
        let t = parse_tag(src, 1);
        assert_eq!((t.name.as_str(), &src[t.end..]), ("don't", " me"));
        let t = parse_tag("<br/>x", 1);
        assert!(t.self_closing);
        assert_eq!(find_ci(b"x</SCRIPT>", b"</script", 0), Some(1));
    }
}
