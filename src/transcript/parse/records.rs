//! The parser's decision for each line, kept only when asked for (`tribune
//! parse`): what the line is and why, then, at the end of the file, the
//! words of speech each line gave and the words of a margin line number
//! removed from it.

use super::{LineKind, LineRecord};
use crate::transcript::lines::Line;

/// The line records of one file, or nothing when they are not kept.
pub(super) struct Records {
    records: Vec<LineRecord>,
    keep: bool,
}

impl Records {
    pub(super) fn new(keep: bool) -> Records {
        Records {
            records: Vec::new(),
            keep,
        }
    }

    /// Are the records kept?
    #[inline]
    pub(super) fn kept(&self) -> bool {
        self.keep
    }

    /// Record line `line`'s decision.
    #[inline]
    pub(super) fn record(
        &mut self,
        line: usize,
        kind: LineKind,
        label: Option<&str>,
        reason: &'static str,
    ) {
        if self.keep {
            self.records.push(LineRecord {
                line,
                kind,
                label: label.map(str::to_string),
                reason,
                speech_words: 0,
                label_words: 0,
                margin_words: 0,
            });
        }
    }

    /// The words of the label of the line just recorded.
    pub(super) fn label_words(&mut self, name: &str) {
        if let Some(r) = self.records.last_mut().filter(|_| self.keep) {
            r.label_words += crate::text::count_words(name);
        }
    }

    /// The records, each with the words of speech of its line (`words`,
    /// by line index) and the words of the margin number removed from it
    /// (`lines` as parsed, `unstripped` as read).
    pub(super) fn finish(
        mut self,
        words: &[usize],
        lines: &[Line<'_>],
        unstripped: Option<&[Line<'_>]>,
    ) -> Vec<LineRecord> {
        for r in &mut self.records {
            let i = r.line - 1;
            r.speech_words = words.get(i).copied().unwrap_or(0);
            if let (Some(before), Some(after)) = (unstripped.and_then(|u| u.get(i)), lines.get(i))
                && before.raw.len() > after.raw.len()
            {
                r.margin_words =
                    crate::text::count_words(&before.raw[..before.raw.len() - after.raw.len()]);
            }
        }
        self.records
    }
}
