//! White space as transcripts write it (ASCII, tabs, no-break and other
//! Unicode spaces) and trimming it from the ends of a line, fast for the
//! common case of ASCII edges.

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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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

    proptest! {
        #[test]
        fn trim_start_equals_trim_start_matches(s in spaced_text()) {
            prop_assert_eq!(trim_start(&s), s.trim_start_matches(is_space));
        }
    }
}
