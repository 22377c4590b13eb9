//! Word segmentation: exactly the words of `unicode-segmentation`'s
//! `unicode_words()` (UAX #29), found fast. Text is cut into regions at
//! "safe" boundaries (after ASCII white space, before an ASCII character or
//! one of a few common punctuation marks) where UAX #29 always breaks and no
//! rule looks across. A region made only of ASCII, the curly apostrophe `’`
//! and the common "Other" marks (`—`, `–`, `“`, `”`, `…`, no-break space) is
//! segmented by a bit-parallel scanner (the private `bits` module) that
//! applies the UAX #29 rules for that alphabet; any other region goes to the
//! crate. The result is the same word sequence, with the same byte offsets
//! (differential property tests in `tests/integration/text.rs` check it on
//! random strings and real transcripts).

use unicode_segmentation::UnicodeSegmentation;

use super::bits;
pub use super::piece::PieceSink;
use super::piece::{Flow, gap_ends_sentence};
use crate::simd::next_non_ascii;

/// What a character means to the fast scanner.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fast {
    /// ASCII white space: a safe place to cut before an ASCII character.
    Space,
    /// One of the non-ASCII marks with Word_Break=Other that are not
    /// alphanumeric: always a boundary on both sides.
    Other,
    /// `’` (U+2019, MidNumLet): behaves as the ASCII `'` between ASCII
    /// letters or digits (the two differ only next to Hebrew letters).
    Apostrophe,
    /// Any other ASCII character.
    Ascii,
    /// Anything else: the crate decides.
    Slow,
}

/// Classify the character that starts at `i` (a char boundary) and return
/// it with its length in bytes.
#[inline]
fn classify(b: &[u8], i: usize) -> (Fast, usize) {
    let c = b[i];
    if c < 0x80 {
        let k = if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
            Fast::Space
        } else {
            Fast::Ascii
        };
        return (k, 1);
    }
    if c == 0xC2 && b.get(i + 1) == Some(&0xA0) {
        return (Fast::Other, 2); // U+00A0 NO-BREAK SPACE
    }
    if c == 0xE2 && b.get(i + 1) == Some(&0x80) {
        match b.get(i + 2) {
            // – — “ ” …
            Some(0x93 | 0x94 | 0x9C | 0x9D | 0xA6) => return (Fast::Other, 3),
            Some(0x99) => return (Fast::Apostrophe, 3),
            _ => {}
        }
    }
    (Fast::Slow, utf8_len(c))
}

#[inline]
fn utf8_len(lead: u8) -> usize {
    match lead {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// Is `p` (a char boundary with `0 < p < len`) a safe cut? ASCII white
/// space or an Other mark before it, and at it an ASCII non-space, an Other
/// mark or `’`. UAX #29 always breaks there (no rule joins white space or
/// Other to what follows, and WB4 only attaches Extend/Format/ZWJ, which are
/// never at `p`), and no rule on either side looks across it (WB6, WB7,
/// WB11, WB12 need a letter or digit next to the middle character).
#[inline]
fn safe_at(b: &[u8], p: usize) -> bool {
    if !matches!(
        classify(b, p).0,
        Fast::Ascii | Fast::Other | Fast::Apostrophe
    ) {
        return false;
    }
    let before = b[p - 1];
    if before < 0x80 {
        return matches!(before, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
    }
    // The last byte of a multi-byte char: find its start.
    let mut q = p - 1;
    while q > 0 && !is_char_start(b[q]) {
        q -= 1;
    }
    classify(b, q).0 == Fast::Other
}

/// Cut `text` into regions, in order: `on(start, end, fast)`, where a fast
/// region holds only characters the bit scanner knows and a slow one goes
/// to the crate. Cuts fall on safe boundaries (see [`safe_at`]).
#[inline(always)]
fn regions(text: &str, on: impl FnMut(usize, usize, bool)) {
    regions_in(text, 0, text.len(), on)
}

/// [`regions`] of `text[start..end]` (char boundaries), with offsets into
/// `text`; nothing outside the range is looked at as text (the bit
/// scanner may load bytes past `end`, and masks them).
#[inline(always)]
fn regions_in(text: &str, start: usize, end: usize, mut on: impl FnMut(usize, usize, bool)) {
    let b = text.as_bytes();
    let n = end.min(b.len());
    let mut pos = start;
    while pos < n {
        // The first character the fast scanner cannot handle.
        let mut q = pos;
        let mut slow = false;
        while q < n {
            // Skip to the next non-ASCII byte.
            match next_non_ascii(b, q, n) {
                Some(p) => q = p,
                None => break,
            }
            let (k, len) = classify(b, q);
            if k == Fast::Slow {
                slow = true;
                break;
            }
            q += len;
        }
        if !slow {
            on(pos, n, true);
            return;
        }
        // Cut the fast part at the last safe boundary before q.
        let mut a = q;
        while a > pos && !(is_char_start(b[a]) && safe_at(b, a)) {
            a -= 1;
        }
        if a > pos {
            on(pos, a, true);
        }
        // The slow region runs to the next safe boundary after q.
        let mut end = q + 1;
        while end < n && !(is_char_start(b[end]) && safe_at(b, end)) {
            end += 1;
        }
        on(a, end, false);
        pos = end;
    }
}

/// Call `f(start, end)` with the byte range of each word of `text`, in
/// order: the words of `text.unicode_words()`, with the same offsets. With
/// `fold_apostrophe`, segment as if every `’` were `'` (the offsets still
/// refer to `text`).
pub fn for_each_word(text: &str, fold_apostrophe: bool, mut f: impl FnMut(usize, usize)) {
    let b = text.as_bytes();
    let mut scratch = String::new();
    regions(text, |s, e, fast| {
        if fast {
            bits::fast_region(b, s, e, &mut f);
        } else {
            slow_region(text, s, e, fold_apostrophe, &mut scratch, &mut f);
        }
    });
}

/// Call `f(start, end, sentence_start)` for each piece of `text`: the
/// words of `unicode_words()` with `’` read as `'`, white space at a
/// word's ends left out (`trim_word`), each split at a missing space
/// after a full stop ([`split_full_stops`]).
/// `sentence_start` is true for the first piece and for a piece that a
/// sentence end (`.` `?` `!` `…` or a line break, including the `.` of a
/// split) separates from the piece before.
pub fn for_each_piece(text: &str, mut f: impl FnMut(usize, usize, bool)) {
    let b = text.as_bytes();
    let mut scratch = String::new();
    let mut flow = Flow::default();
    regions(text, |s, e, fast| {
        if fast {
            bits::fast_pieces(b, s, e, &mut flow, &mut f);
            return;
        }
        slow_region(text, s, e, true, &mut scratch, &mut |ws, we| {
            let (ws, we) = trim_word(text, ws, we);
            split_full_stops(&text[ws..we], |ps, pe| {
                let (ps, pe) = (ws + ps, ws + pe);
                let brk = !flow.started || gap_ends_sentence(&b[flow.prev_end..ps]);
                flow = Flow {
                    started: true,
                    prev_end: pe,
                };
                f(ps, pe, brk);
            });
        });
    });
}

/// As [`for_each_piece`] without the sentence starts (the pieces counted
/// alone need no more, and finding them is cheaper).
#[inline(always)]
pub fn for_each_piece_plain(text: &str, f: &mut impl PieceSink) {
    for_each_piece_plain_in(text, 0, text.len(), f);
}

/// [`for_each_piece_plain`] of `text[start..end]` (char boundaries), with
/// offsets into `text`: the pieces of the slice, as if nothing were around
/// it. The bytes around it only spare the scanner copies of the last few
/// bytes of the slice (a word key or a block of 64 is then read in place).
#[inline(always)]
pub fn for_each_piece_plain_in(text: &str, start: usize, end: usize, f: &mut impl PieceSink) {
    let b = text.as_bytes();
    let mut scratch = String::new();
    regions_in(text, start, end, |s, e, fast| {
        if fast {
            bits::fast_pieces_plain(b, s, e, f);
            return;
        }
        slow_region(text, s, e, true, &mut scratch, &mut |ws, we| {
            let (ws, we) = trim_word(text, ws, we);
            split_full_stops(&text[ws..we], |ps, pe| f.piece(ws + ps, ws + pe, false));
        });
    });
}

/// The word `text[start..end]` without the white space at its ends, as
/// `(start, end)`. UAX #29 attaches a character that extends another
/// (Extend, Format, ZWJ: a combining mark such as `ൌ`, a zero-width
/// joiner) to the character before it, white space included, except after
/// a line break: `a ൌ` has the word ` ൌ`, `a\nൌ` the word `ൌ`, and
/// `a\n   ൌ` the word `   ൌ`. A turn's text joins its lines with a space
/// where the file has a line break and the next line's indentation, so
/// without this the same speech would give different terms read from the
/// turn or from the file (`count::stream`). It also joins the narrow
/// no-break space (U+202F, ExtendNumLet) to the letters on either side
/// (`\u{202f}held`, `held\u{202f}`). No term should carry white space at
/// its ends; what is left always holds the letter or digit that made the
/// word a word.
#[inline]
fn trim_word(text: &str, start: usize, end: usize) -> (usize, usize) {
    let word = &text[start..end];
    let trimmed = word.trim();
    let at = start + (word.len() - word.trim_start().len());
    (at, at + trimmed.len())
}

#[inline]
fn is_char_start(byte: u8) -> bool {
    (byte & 0xC0) != 0x80
}

/// Words of `text[a..e]` by the crate, optionally with `’` folded to `'`.
fn slow_region(
    text: &str,
    a: usize,
    e: usize,
    fold: bool,
    scratch: &mut String,
    f: &mut impl FnMut(usize, usize),
) {
    let region = &text[a..e];
    if !fold || !region.contains('\u{2019}') {
        for (i, w) in region.unicode_word_indices() {
            f(a + i, a + i + w.len());
        }
        return;
    }
    scratch.clear();
    let mut folded_at: Vec<usize> = Vec::new();
    for c in region.chars() {
        if c == '\u{2019}' {
            folded_at.push(scratch.len());
            scratch.push('\'');
        } else {
            scratch.push(c);
        }
    }
    let orig = |off: usize| off + 2 * folded_at.partition_point(|&p| p < off);
    for (i, w) in scratch.unicode_word_indices() {
        f(a + orig(i), a + orig(i + w.len()));
    }
}

/// Number of words (`unicode_words()`) in `text`, by the fast path.
pub fn count(text: &str) -> usize {
    let b = text.as_bytes();
    let mut n = 0;
    regions(text, |s, e, fast| {
        if fast {
            n += bits::count_region(b, s, e);
        } else {
            n += text[s..e].unicode_words().count();
        }
    });
    n
}

/// The words of `text` with their byte offsets: the same as
/// `text.unicode_word_indices()`.
pub fn word_indices(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    for_each_word(text, false, |s, e| out.push((s, &text[s..e])));
    out
}

/// The words of `text` after folding `’` to `'` (as [`word_indices`] of the
/// folded text), with offsets into `text` and the original slices.
pub fn word_indices_folded(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    for_each_word(text, true, |s, e| out.push((s, &text[s..e])));
    out
}

/// Split one word at each `.` that a letter follows, unless the part of
/// the word before that `.` (back to the word's start or the previous `.`)
/// is a single character. UAX #29 keeps `free.The` (a missing space after a
/// full stop) as one word; this gives `free` and `The`, while abbreviations
/// such as `U.S`, `e.g`, `a.m` stay whole. Calls `f(start, end)` with byte
/// ranges relative to `word`; returns the number of pieces.
pub fn split_full_stops(word: &str, mut f: impl FnMut(usize, usize)) -> usize {
    // A short loop: cheaper than a `memchr` call for words this short.
    if !word.bytes().any(|c| c == b'.') {
        f(0, word.len());
        return 1;
    }
    let mut pieces = 0;
    let mut start = 0; // start of the current piece
    let mut part = 0; // start of the current dot-separated part
    for (i, c) in word.char_indices() {
        if c != '.' {
            continue;
        }
        let next_is_letter = word[i + 1..]
            .chars()
            .next()
            .is_some_and(char::is_alphabetic);
        let part_len = word[part..i].chars().count();
        if next_is_letter && part_len > 1 && i > start {
            f(start, i);
            pieces += 1;
            start = i + 1;
        }
        part = i + 1;
    }
    if start < word.len() {
        f(start, word.len());
        pieces += 1;
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crate_words(s: &str) -> Vec<(usize, &str)> {
        s.unicode_word_indices().collect()
    }

    #[test]
    fn ascii_rules() {
        for s in [
            "a.b 3.5 3,500 don't a_b a:b _ __a a1.b 1.a a..b e.g. U.S. x'",
            "\r\n a\u{2019}s 3\u{2019}5 \u{00a0}x\u{2014}y \u{201c}q\u{201d} \u{2026}",
            "caf\u{e9}\u{2019}s na\u{ef}ve \u{a0}\u{301}x \u{5d0}\u{2019}",
        ] {
            assert_eq!(word_indices(s), crate_words(s), "{s:?}");
        }
    }

    #[test]
    fn split_rule() {
        let pieces = |w: &str| {
            let mut v = Vec::new();
            split_full_stops(w, |s, e| v.push(w[s..e].to_string()));
            v
        };
        assert_eq!(pieces("free.The"), ["free", "The"]);
        assert_eq!(pieces("U.S"), ["U.S"]);
        assert_eq!(pieces("e.g"), ["e.g"]);
        assert_eq!(pieces("it.I"), ["it", "I"]);
        assert_eq!(pieces("3.5"), ["3.5"]);
        assert_eq!(pieces("whitehouse.gov"), ["whitehouse", "gov"]);
    }
}
