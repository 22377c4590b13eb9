//! The speech of the blocks: inline stage directions and markdown escapes
//! removed from a line of speech ([`clean_inline`]), stage directions
//! split off the front of a line, and the sinks that take the speech as
//! the parser finds it: [`Open`], which joins it into each block's text,
//! and [`Spoken`], which notes which blocks had any.

use std::borrow::Cow;

use super::{ParsedTranscript, SpeechSink};
use crate::transcript::label::{self, trim};

/// Split leading `(…)`/`[…]` stage groups off a line.
pub(super) fn strip_leading_stage(line: &str) -> (Vec<&str>, &str) {
    let mut events = Vec::new();
    let mut rest = line;
    loop {
        let close = match rest.chars().next() {
            Some('(') => ')',
            Some('[') => ']',
            _ => break,
        };
        let Some(end) = rest.find(close) else { break };
        let content = &rest[1..end];
        let after = trim(&rest[end + 1..]);
        // `(UNKNOWN): text` is a label, not a direction.
        if after.is_empty() || after.starts_with([':', '：']) {
            break;
        }
        events.push(trim(content));
        rest = after;
    }
    (events, rest)
}

/// The speech of the open (last) block, built in buffers that keep their
/// capacity from block to block; [`Open::seal`] gives the block exact-size
/// copies. (Growing each block's own string would reallocate it several
/// times and leave up to half of it unused.)
#[derive(Default)]
pub(super) struct Open {
    text: String,
    line_starts: Vec<(usize, usize)>,
    /// Give blocks their line starts.
    keep_line_starts: bool,
    /// The last line that added speech.
    last_line: Option<usize>,
}

impl Open {
    pub(super) fn with_line_starts(keep_line_starts: bool) -> Open {
        Open {
            keep_line_starts,
            ..Open::default()
        }
    }
}

impl SpeechSink for Open {
    /// Add a line of speech, cleaned and not empty: line `ln`.
    #[inline]
    fn piece(&mut self, cleaned: &str, ln: usize, new_para: bool) {
        if !self.text.is_empty() {
            self.text.push(if new_para { '\n' } else { ' ' });
        }
        if self.keep_line_starts {
            self.line_starts.push((self.text.len(), ln));
        }
        self.last_line = Some(ln);
        self.text.push_str(cleaned);
    }

    /// Move the open speech into the last block of `out`; its last line
    /// is the last that added speech.
    fn seal(&mut self, out: &mut ParsedTranscript) {
        if let Some(block) = out.blocks.last_mut() {
            block.text = self.text.as_str().to_owned();
            if self.keep_line_starts {
                block.line_starts = self.line_starts.clone();
            }
            if let Some(ln) = self.last_line {
                block.last_line = ln;
            }
        }
        self.text.clear();
        self.line_starts.clear();
        self.last_line = None;
    }
}

/// A sink that notes which blocks had speech (whatever the sink it
/// passes the speech on to keeps of it).
pub(super) struct Spoken<'s, S> {
    sink: &'s mut S,
    /// The open block has had a piece.
    spoke: bool,
    /// For each sealed block, whether it had speech.
    pub(super) spoken: Vec<bool>,
    /// Words of speech by line (index = line - 1), when records are kept.
    pub(super) words: Vec<usize>,
}

impl<'s, S> Spoken<'s, S> {
    /// Pass the speech on to `sink`, counting the words of each of the
    /// first `lines` lines (none when records are not kept).
    pub(super) fn new(sink: &'s mut S, lines: usize) -> Spoken<'s, S> {
        Spoken {
            sink,
            spoke: false,
            spoken: Vec::new(),
            words: vec![0; lines],
        }
    }
}

impl<S: SpeechSink> SpeechSink for Spoken<'_, S> {
    #[inline]
    fn piece(&mut self, text: &str, line: usize, new_para: bool) {
        self.spoke = true;
        if let Some(n) = self.words.get_mut(line.wrapping_sub(1)) {
            *n += crate::text::count_words(text);
        }
        self.sink.piece(text, line, new_para);
    }

    fn seal(&mut self, out: &mut ParsedTranscript) {
        self.spoken.resize(out.blocks.len(), false);
        if let Some(last) = self.spoken.last_mut() {
            *last = std::mem::take(&mut self.spoke);
        }
        self.sink.seal(out);
    }
}

/// Remove inline stage directions and markdown escapes from a line of
/// speech. `on_event` receives each removed direction's content.
pub fn clean_inline(line: &str, mut on_event: impl FnMut(&str)) -> Cow<'_, str> {
    let bytes = line.as_bytes();
    // Each search remembers where it found its needle (or that there is
    // none left): the scan only moves forward, so a line is read a bounded
    // number of times whatever it holds (a line of 600 KB of `(` without a
    // `)` included).
    let mut open3 = Next::new(|from| memchr::memchr3(b'(', b'[', b'\\', &bytes[from..]));
    let mut lt = Next::new(|from| memchr::memchr(b'<', &bytes[from..]));
    let mut paren = Next::new(|from| memchr::memchr(b')', &bytes[from..]));
    let mut bracket = Next::new(|from| memchr::memchr(b']', &bytes[from..]));
    let mut esc_close = Next::new(|from| memchr::memmem::find(&bytes[from..], b"\\]"));
    let mut struck_close = Next::new(|from| memchr::memmem::find(&bytes[from..], b"</s>"));
    // The first `(`, `[`, `\` or `<` at or after `from`.
    let mut special = |from: usize| match (open3.at(from), lt.at(from)) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    };
    let Some(first) = special(0) else {
        return Cow::Borrowed(line);
    };
    let mut out = String::with_capacity(line.len());
    let mut at = 0;
    let mut pos = first;
    loop {
        out.push_str(&line[at..pos]);
        let tail = &line[pos..];
        let c = bytes[pos];
        at = match c {
            b'\\' => {
                // Markdown: `\[word\]` is an editor's insertion: keep the word.
                if tail.starts_with("\\[")
                    && let Some(end) = esc_close.at(pos + 2)
                {
                    out.push_str(&line[pos + 2..end]);
                    end + 2
                } else {
                    match tail[1..].chars().next() {
                        Some(n) if n.is_ascii_punctuation() => {
                            out.push(n);
                            pos + 1 + n.len_utf8()
                        }
                        _ => {
                            out.push('\\');
                            pos + 1
                        }
                    }
                }
            }
            b'<' => {
                // `<s>struck</s>` is deleted text.
                if tail.starts_with("<s>")
                    && let Some(end) = struck_close.at(pos + 3)
                {
                    end + 4
                } else {
                    out.push('<');
                    pos + 1
                }
            }
            _ => {
                let (open, close) = if c == b'(' {
                    ('(', paren.at(pos + 1))
                } else {
                    ('[', bracket.at(pos + 1))
                };
                let mut next = pos + 1;
                if let Some(end) = close {
                    let content = &line[pos + 1..end];
                    if !content.contains(open) && label::is_stage_content(content, open) {
                        on_event(trim(content));
                        next = end + 1;
                        // Avoid doubled spaces where the direction stood.
                        if out.ends_with(' ') && bytes.get(next) == Some(&b' ') {
                            next += 1;
                        }
                    } else {
                        out.push(open);
                    }
                } else {
                    out.push(open);
                }
                next
            }
        };
        match special(at) {
            Some(p) => pos = p,
            None => break,
        }
    }
    out.push_str(&line[at..]);
    Cow::Owned(out)
}

/// A forward search that remembers its last answer: [`Next::at`] with a
/// position at or before the last find returns it without searching, and
/// after a search that found nothing never searches again.
struct Next<F> {
    find: F,
    /// The last find (absolute), `usize::MAX` for none left, or not yet
    /// searched when `searched` is false.
    found: usize,
    searched: bool,
}

impl<F: FnMut(usize) -> Option<usize>> Next<F> {
    fn new(find: F) -> Next<F> {
        Next {
            find,
            found: 0,
            searched: false,
        }
    }

    /// The first position of the needle at or after `from`.
    fn at(&mut self, from: usize) -> Option<usize> {
        if !self.searched || (self.found < from) {
            self.searched = true;
            self.found = (self.find)(from).map_or(usize::MAX, |p| from + p);
        }
        (self.found != usize::MAX).then_some(self.found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `clean_inline` as first written, searching afresh at each bracket:
    /// the reference for the one whose searches only move forward.
    fn clean_inline_reference(line: &str, mut on_event: impl FnMut(&str)) -> Cow<'_, str> {
        // The first `(`, `[`, `\` or `<` (two vectorised searches: most lines
        // hold none).
        let special = |b: &[u8]| match (
            memchr::memchr3(b'(', b'[', b'\\', b),
            memchr::memchr(b'<', b),
        ) {
            (Some(x), Some(y)) => Some(x.min(y)),
            (x, y) => x.or(y),
        };
        if special(line.as_bytes()).is_none() {
            return Cow::Borrowed(line);
        }
        let mut out = String::with_capacity(line.len());
        let mut rest = line;
        while let Some(pos) = special(rest.as_bytes()) {
            out.push_str(&rest[..pos]);
            let tail = &rest[pos..];
            let c = tail.as_bytes()[0];
            match c {
                b'\\' => {
                    // Markdown: `\[word\]` is an editor's insertion: keep the word.
                    if let Some(inner) = tail.strip_prefix("\\[")
                        && let Some(end) = inner.find("\\]")
                    {
                        out.push_str(&inner[..end]);
                        rest = &inner[end + 2..];
                        continue;
                    }
                    match tail[1..].chars().next() {
                        Some(n) if n.is_ascii_punctuation() => {
                            out.push(n);
                            rest = &tail[1 + n.len_utf8()..];
                        }
                        _ => {
                            out.push('\\');
                            rest = &tail[1..];
                        }
                    }
                }
                b'<' => {
                    // `<s>struck</s>` is deleted text.
                    if let Some(inner) = tail.strip_prefix("<s>")
                        && let Some(end) = inner.find("</s>")
                    {
                        rest = &inner[end + 4..];
                        continue;
                    }
                    out.push('<');
                    rest = &tail[1..];
                }
                _ => {
                    let (open, close) = if c == b'(' { ('(', ')') } else { ('[', ']') };
                    if let Some(end) = tail[1..].find(close) {
                        let content = &tail[1..1 + end];
                        if !content.contains(open) && label::is_stage_content(content, open) {
                            on_event(trim(content));
                            rest = &tail[end + 2..];
                            // Avoid doubled spaces where the direction stood.
                            if out.ends_with(' ') && rest.starts_with(' ') {
                                rest = &rest[1..];
                            }
                            continue;
                        }
                    }
                    out.push(open);
                    rest = &tail[1..];
                }
            }
        }
        out.push_str(rest);
        Cow::Owned(out)
    }

    fn markup_text() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "(",
            ")",
            "[",
            "]",
            "\\",
            "\\[",
            "\\]",
            "<",
            "<s>",
            "</s>",
            "Laughter",
            "x",
            " ",
            "((",
            "crosstalk 00:07:53",
            "é",
            ".",
            "inaudible",
            "\\_",
        ]);
        prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn clean_inline_equals_the_reference(line in markup_text()) {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            let got = clean_inline(&line, |e| a.push(e.to_string())).into_owned();
            let want = clean_inline_reference(&line, |e| b.push(e.to_string())).into_owned();
            prop_assert_eq!(got, want);
            prop_assert_eq!(a, b);
        }
    }

    #[test]
    fn inline_directions_are_removed() {
        let mut events = Vec::new();
        let s = clean_inline("Was Jesus on the call at all? (Laughter.) No.", |e| {
            events.push(e.to_string())
        });
        assert_eq!(s, "Was Jesus on the call at all? No.");
        assert_eq!(events, vec!["Laughter."]);
        let s = clean_inline(
            "an <s>ironglad</s> \\[ironclad\\] rule (including x)",
            |_| {},
        );
        assert_eq!(s, "an  ironclad rule (including x)");
    }
}
