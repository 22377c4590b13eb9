//! Page furniture and web debris: the text a transcript carries that nobody
//! said. Court transcripts set from PDF number every line in the margin
//! (` 3     CHIEF JUSTICE ROBERTS: We will hear`) and repeat a header and
//! footer on every page (`Alderson Reporting Company`); PDF text fuses a
//! page footer with the next page's header (`Page 1 of 28March 19, 2025
//! Chair Powell’s Press Conference FINAL`); scraped news pages repeat
//! `Advertisement` and `Continue reading the main story`. Pure functions
//! over the lines of one file; the parser classes what they find as
//! boilerplate.

use super::label::{is_space, trim};
use super::lines::Line;
use crate::text::hash::FastMap;

/// Lines that scraped news and transcript pages repeat between paragraphs.
const WEB_DEBRIS: &[&str] = &[
    "advertisement",
    "continue reading the main story",
    "continue reading below",
    "story continues below advertisement",
    "supported by",
    "skip to content",
    "skip to main content",
    "share this:",
    "share this article",
    "share on facebook",
    "share on twitter",
    "click here to subscribe",
    "sign up for our newsletter",
    "read more:",
    "related:",
    "related coverage",
    "watch:",
    "listen to this article",
    "image",
    "photo",
    "video",
    "enlarge this image",
    "toggle caption",
    "hide caption",
    "getty images",
    "(getty images)",
    "ap photo",
    "print",
    "email",
];

/// Bit `n` is set for each length `n` of a [`WEB_DEBRIS`] line.
const DEBRIS_LENGTHS: u64 = {
    let mut mask = 0u64;
    let mut i = 0;
    while i < WEB_DEBRIS.len() {
        mask |= 1 << WEB_DEBRIS[i].len();
        i += 1;
    }
    mask
};

/// Starts of photo captions and credits on scraped pages.
const CAPTION_STARTS: &[&str] = &[
    "credit...",
    "credit…",
    "credit:",
    "photo:",
    "photo credit",
    "photograph:",
    "image:",
    "image credit",
    "caption:",
    "pictured:",
];

/// Is `text` (a trimmed line) a line of web debris or a photo caption?
pub(super) fn is_web_debris(text: &str) -> bool {
    // Most lines fail on their length or first letter.
    let Some(&first) = text.as_bytes().first() else {
        return false;
    };
    let caption = matches!(first.to_ascii_lowercase(), b'c' | b'p' | b'i');
    if !caption && (text.len() >= 64 || DEBRIS_LENGTHS & (1u64 << text.len()) == 0) {
        return false;
    }
    (text.len() <= 40
        && WEB_DEBRIS
            .iter()
            .any(|d| d.len() == text.len() && d.eq_ignore_ascii_case(text)))
        || CAPTION_STARTS
            .iter()
            .any(|c| starts_with_ignore_case(text, c))
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.is_char_boundary(prefix.len())
        && text[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Is `text` (a trimmed line) page furniture by its shape alone: a page
/// number (`12`, `- 12 -`, `Page 3`), or a PDF page footer with whatever
/// the next page's header fused to it (`Page 1 of 28March 19, 2025 ...`)?
pub(super) fn is_page_furniture(text: &str) -> bool {
    let core = text.trim_matches(|c: char| c == '-' || c == '–' || is_space(c));
    if !core.is_empty() && core.len() <= 3 && core.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    let Some(rest) = text
        .strip_prefix("Page ")
        .or_else(|| text.strip_prefix("PAGE "))
    else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 {
        return false;
    }
    let rest = &rest[digits..];
    if rest.is_empty() {
        return true;
    }
    let Some(rest) = rest.strip_prefix(" of ") else {
        return false;
    };
    let total = rest.bytes().take_while(u8::is_ascii_digit).count();
    (1..=4).contains(&total)
}

/// Is `text` a time-coded end mark, `END 2:01 P.M.` (no-break spaces
/// allowed), or `##END##`?
pub(super) fn is_end_with_time(text: &str) -> bool {
    let t = text.trim_matches(|c: char| c == '#' || is_space(c));
    if t.eq_ignore_ascii_case("end") && text.starts_with('#') {
        return true;
    }
    let Some(rest) = t.strip_prefix("END") else {
        return false;
    };
    let rest = trim(rest);
    !rest.is_empty()
        && rest.len() < 24
        && rest.starts_with(|c: char| c.is_ascii_digit())
        && super::label::is_timestamp(rest)
}

/// The number of leading margin numbers to strip: when most non-blank lines
/// of a file start with a line number of 1 to 25 followed by white space
/// (court reporters' pages), each line's number and the white space after
/// it (up to the text) are removed. Returns how many lines were changed.
pub(super) fn strip_margin_numbers(lines: &mut [Line<'_>]) -> usize {
    let mut nonblank = 0usize;
    let mut numbered = 0usize;
    for l in lines.iter() {
        if l.text.is_empty() {
            continue;
        }
        nonblank += 1;
        if margin_number(l.raw).is_some() {
            numbered += 1;
        }
        // Most files show at once that they have none.
        if nonblank == 200 && numbered * 10 < nonblank * 3 {
            return 0;
        }
    }
    if nonblank < 20 || numbered * 10 < nonblank * 6 {
        return 0;
    }
    let mut changed = 0;
    for l in lines.iter_mut() {
        if let Some(after) = margin_number(l.raw) {
            let raw = &l.raw[l.raw.len() - after.len()..];
            l.raw = raw;
            l.text = trim(raw);
            changed += 1;
        }
    }
    changed
}

/// The rest of `raw` after a margin line number (1–25) and the white space
/// after it, or after a lone number.
fn margin_number(raw: &str) -> Option<&str> {
    let s = raw.trim_start_matches([' ', '\u{c}']);
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let n: u32 = s[..digits].parse().ok()?;
    if !(1..=25).contains(&n) {
        return None;
    }
    let after = &s[digits..];
    if after.is_empty() {
        return Some(after);
    }
    if !after.starts_with(is_space) {
        return None;
    }
    Some(after)
}

/// The trimmed lines that a file repeats as page headers and footers
/// (`Alderson Reporting Company`, `Official - Subject to Final Review`): a
/// line of three to twelve words, standing alone between blank lines or
/// page breaks, without a sentence's end, a colon or brackets, that stands
/// five times or more.
pub(super) fn repeated_headers<'a>(lines: &[Line<'a>]) -> Vec<&'a str> {
    let mut counts: FastMap<&'a str, usize> = FastMap::default();
    let alone = |j: Option<usize>| {
        j.and_then(|j| lines.get(j))
            .is_none_or(|l| l.text.is_empty() || l.raw.starts_with('\u{c}'))
    };
    for (i, l) in lines.iter().enumerate() {
        let t = l.text;
        if t.len() < 8 || t.len() > 60 {
            continue;
        }
        if !(alone(i.checked_sub(1)) || alone(Some(i + 1)) || l.raw.starts_with('\u{c}'))
            || !header_shaped(t)
        {
            continue;
        }
        *counts.entry(t).or_insert(0) += 1;
    }
    let mut out: Vec<&'a str> = counts
        .into_iter()
        .filter(|&(t, n)| n >= 5 && super::label::match_label(t).is_none())
        .map(|(t, _)| t)
        .collect();
    out.sort_unstable();
    out
}

/// The lines at the edges of pages (0-based): where text has page breaks
/// (form feeds), the first line of a page and the last one before the
/// break, when they are shaped as a header or footer (a few words, no
/// sentence end): `\u{c}Official - Subject to Final Review`, `Alderson
/// Reporting Company`.
pub(super) fn page_edges(lines: &[Line<'_>]) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if !l.raw.trim_start_matches(' ').starts_with('\u{c}') {
            continue;
        }
        if header_shaped(l.text) {
            out.push(i);
        }
        let before = lines[..i]
            .iter()
            .rposition(|l| !l.text.is_empty() && !is_page_furniture(l.text));
        if let Some(j) = before.filter(|&j| i - j <= 6 && header_shaped(lines[j].text)) {
            out.push(j);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn header_shaped(t: &str) -> bool {
    let words = t.split(is_space).filter(|w| !w.is_empty()).count();
    (3..=12).contains(&words)
        && !t.ends_with(['.', '?', '!', ':', ',', ';', '"', '”', '’', '—', ')', ']'])
        && !t.contains([':', '(', '['])
        && t.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
}

/// Is `text` a heading in capitals (`ORAL ARGUMENT OF ROBERT A. LONG`,
/// `STATEMENT OF ROBERT CARROLL, PRINCIPAL`, `P R O C E E D I N G S`): two
/// or more words, at least six letters, none lower case, no sentence end?
/// The parser asks only in files whose speech is in mixed case.
pub(super) fn is_caps_heading(text: &str) -> bool {
    if text.ends_with(['?', '!', ':']) || text.len() > 200 {
        return false;
    }
    let mut letters = 0;
    for c in text.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 6 && text.split(is_space).filter(|w| !w.is_empty()).count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_furniture_by_shape() {
        assert!(is_page_furniture("12"));
        assert!(is_page_furniture("- 12 -"));
        assert!(is_page_furniture("Page 3"));
        assert!(is_page_furniture(
            "Page 1 of 28March 19, 2025 Chair Powell’s Press Conference FINAL"
        ));
        assert!(!is_page_furniture("Page after page of figures."));
        assert!(!is_page_furniture("12 years ago"));
        assert!(!is_page_furniture("2025"));
        assert!(!is_page_furniture("12345"));
    }

    #[test]
    fn end_marks_with_a_time() {
        assert!(is_end_with_time("END   2:01 P.M."));
        assert!(is_end_with_time("END\u{a0}\u{a0}\u{a0}2:01 P.M. EST"));
        assert!(is_end_with_time("##END##"));
        assert!(!is_end_with_time("END of story"));
        assert!(!is_end_with_time("ENDING 2:01"));
    }

    #[test]
    fn web_debris_lines() {
        assert!(is_web_debris("Advertisement"));
        assert!(is_web_debris("Continue reading the main story"));
        assert!(is_web_debris("Credit...Doug Mills/The New York Times"));
        assert!(!is_web_debris("Advertisements are everywhere."));
    }

    #[test]
    fn caps_headings() {
        assert!(is_caps_heading("ORAL ARGUMENT OF ROBERT A. LONG"));
        assert!(is_caps_heading("P R O C E E D I N G S"));
        assert!(!is_caps_heading("NO."));
        assert!(!is_caps_heading("Mr. LONG"));
        assert!(!is_caps_heading("WHAT?"));
    }
}
