//! Where every word of a file went: speech, labels, stage directions,
//! metadata, boilerplate, preamble, material inserted into the record, and
//! text struck out (`<s>…</s>`). Computed from the parser's line decisions
//! ([`ParsedTranscript::records`], so from [`parse::parse_with_records`]),
//! mergeable across files, and shown by `tribune parse --summary`. The
//! categories add up to the words of the file's lines, and the speech to
//! the words of its turns: tests check both on every fixture and corpus.
//! A label's colon separates words (`Xu Guixiang:Thanks` is two words,
//! though Unicode's rules read one).
//!
//! [`parse::parse_with_records`]: super::parse::parse_with_records

use serde::Serialize;

use super::parse::{LineKind, ParsedTranscript};
use crate::text::count_words;

/// Lines or words by what they are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Speech of turns.
    pub speech: usize,
    /// Speaker labels.
    pub labels: usize,
    /// Stage directions, whole-line and inline.
    pub stage: usize,
    /// Front matter, metadata lines, time stamps, headings, end marks and
    /// what follows them.
    pub metadata: usize,
    /// Page headers and footers, page numbers, web debris.
    pub boilerplate: usize,
    /// Text before the first turn.
    pub preamble: usize,
    /// Material inserted into the record (prepared statements).
    pub inserted: usize,
    /// Text struck out in the source (`<s>…</s>`) and the difference that
    /// Markdown escapes make (`standard\[s\]` is one word of speech);
    /// blank lines when counting lines.
    pub other: usize,
}

impl Counts {
    /// The sum of every category.
    pub fn total(&self) -> usize {
        self.speech
            + self.labels
            + self.stage
            + self.metadata
            + self.boilerplate
            + self.preamble
            + self.inserted
            + self.other
    }

    /// The categories with their names, in display order.
    pub fn named(&self) -> [(&'static str, usize); 8] {
        [
            ("speech", self.speech),
            ("labels", self.labels),
            ("stage", self.stage),
            ("metadata", self.metadata),
            ("boilerplate", self.boilerplate),
            ("preamble", self.preamble),
            ("inserted", self.inserted),
            ("other", self.other),
        ]
    }
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.speech += o.speech;
        self.labels += o.labels;
        self.stage += o.stage;
        self.metadata += o.metadata;
        self.boilerplate += o.boilerplate;
        self.preamble += o.preamble;
        self.inserted += o.inserted;
        self.other += o.other;
    }
}

/// A file's (or a corpus's) lines and words by category.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Accounting {
    /// Lines by their decision (a label line counts as a label; `other`
    /// holds the blank lines).
    pub lines: Counts,
    /// Words by what they are (`other`: struck out).
    pub words: Counts,
    /// The words of the file's lines, counted line by line.
    pub input_words: usize,
}

impl std::ops::AddAssign for Accounting {
    fn add_assign(&mut self, o: Accounting) {
        self.lines += o.lines;
        self.words += o.words;
        self.input_words += o.input_words;
    }
}

/// The words of a label line, the label's colon read as a word boundary
/// (`Xu Guixiang:Thanks` is two words, as the parser splits them).
fn label_line_words(line: &str) -> usize {
    match line.find([':', '：']) {
        Some(at) => {
            let colon = line[at..].chars().next().map_or(1, char::len_utf8);
            count_words(&line[..at]) + count_words(&line[at + colon..])
        }
        None => count_words(line),
    }
}

/// The accounting of `parsed` (parsed with records) over `text`, the
/// decoded file it was parsed from.
pub fn account(parsed: &ParsedTranscript, text: &str) -> Accounting {
    let mut a = Accounting::default();
    // Inline and leading directions by line.
    let mut inline: Vec<(usize, &str)> = parsed
        .events
        .iter()
        .filter(|e| e.block.is_some())
        .map(|e| (e.line, e.text.as_str()))
        .collect();
    inline.sort_by_key(|&(l, _)| l);
    let mut next_event = 0;
    for (r, line) in parsed.records.iter().zip(text.split('\n')) {
        let all = if r.kind == LineKind::Label {
            label_line_words(line)
        } else {
            count_words(line)
        };
        a.input_words += all;
        let w = &mut a.words;
        // A margin line number is page furniture whatever the line holds.
        w.boilerplate += r.margin_words;
        let all = all.saturating_sub(r.margin_words);
        let l = &mut a.lines;
        match r.kind {
            LineKind::Blank => l.other += 1,
            LineKind::FrontMatter | LineKind::Metadata => {
                l.metadata += 1;
                w.metadata += all;
            }
            LineKind::Stage => {
                l.stage += 1;
                w.stage += all;
            }
            LineKind::Preamble => {
                l.preamble += 1;
                w.preamble += all;
            }
            LineKind::Boilerplate => {
                l.boilerplate += 1;
                w.boilerplate += all;
            }
            LineKind::Inserted => {
                l.inserted += 1;
                w.inserted += all;
            }
            LineKind::Label | LineKind::Continuation => {
                if r.kind == LineKind::Label {
                    l.labels += 1;
                } else {
                    l.speech += 1;
                }
                let mut stage = 0;
                while inline.get(next_event).is_some_and(|&(ln, _)| ln < r.line) {
                    next_event += 1;
                }
                while let Some(&(_, t)) = inline.get(next_event).filter(|&&(ln, _)| ln == r.line) {
                    stage += count_words(t);
                    next_event += 1;
                }
                w.speech += r.speech_words;
                w.labels += r.label_words;
                w.stage += stage;
                w.other += all.saturating_sub(r.speech_words + r.label_words + stage);
            }
        }
    }
    a
}
