//! How a label opens a block: the label test of a line in its context
//! (the survey's answer, the file's shape, a stray label of the other
//! shape), whether the label really opens a block there, and the opening
//! itself, with the labels that follow in mid-line.

use super::metadata::clean_value;
use super::state::{At, Para, Parser};
use super::{Block, LineKind, RawEvent, SpeechSink};
use crate::transcript::label::{self, Label, is_space, no_label, normalise_label, trim};
use crate::transcript::rules::{SeenLabels, is_header_pair, is_heading_label};
use crate::transcript::style::Shape;

impl<'a, S: SpeechSink> Parser<'a, '_, S> {
    /// A speaker label at the start of `body` (the line after the
    /// directions `lead`, which become events of the new block) that
    /// opens a block ([`LineKind::Label`]); or, on a file's first line,
    /// a header naming who speaks ([`LineKind::Metadata`]).
    pub(super) fn label(&mut self, at: At<'a>, body: &'a str, lead: Vec<&'a str>) -> bool {
        let Some(l) = self.candidate(at, body, lead.is_empty()) else {
            return false;
        };
        // A file's first line naming who speaks (`President: Donald
        // Trump`), before any text, is a header, not a turn; text before
        // the first label is that person's (`President`).
        if self.out.blocks.is_empty()
            && self.out.preamble.is_empty()
            && is_header_pair(&l)
            && !self.style.knows_twice(l.name)
        {
            self.out
                .metadata
                .push((trim(l.name).to_string(), clean_value(l.rest)));
            self.records.record(
                at.ln,
                LineKind::Metadata,
                None,
                "file header naming a person",
            );
            self.header_person = Some(Label { rest: "", ..l });
            self.para = Para::Metadata;
            return true;
        }
        for ev in lead {
            self.out.events.push(RawEvent {
                line: at.ln,
                text: ev.to_string(),
                block: Some(self.out.blocks.len()),
            });
        }
        self.inserting = false;
        let reason = match (l.bare_q, self.style.shape) {
            (true, _) => "bare Q label",
            (false, Shape::Colon) => "speaker label",
            (false, Shape::Period) => "speaker label ending in a period",
        };
        self.start_block(&l, at.ln, at.plain, Some(reason));
        true
    }

    /// The label at the start of `body` that may open a block here, of the
    /// file's shape or a stray of the other (`alone`: no direction before
    /// it on the line).
    fn candidate(&mut self, at: At<'a>, body: &'a str, alone: bool) -> Option<Label<'a>> {
        // Inside a wrapped paragraph only a capitalised line can hold a
        // label (accept_label wants capitals or a known name there): most
        // lines are skipped without looking for a colon.
        let mid_paragraph = self.para == Para::Speech && self.style.blank_separated;
        if mid_paragraph
            && !body
                .as_bytes()
                .first()
                .is_some_and(|&b| b.is_ascii_uppercase() || b >= 0x80)
        {
            return None;
        }
        let l = if self.style.shape == Shape::Period {
            self.style.period_label(body, at.raw).or_else(|| {
                label::match_label_with(body, &mut self.memo)
                    .filter(|l| l.bare_q || self.style.knows(l.name))
            })
        } else if no_label(body, at.plain) {
            self.strays.at(at.i).cloned().flatten().filter(|_| alone)
        } else {
            // The survey's answer when it tested the same text (it tests
            // `raw`, which matches as `trim(raw)` does).
            match self.probes.at(at.i) {
                Some(probe) if alone => probe.clone(),
                _ => label::match_label_with(body, &mut self.memo),
            }
            .or_else(|| self.strays.at(at.i).cloned().flatten().filter(|_| alone))
        }?;
        (self.accept_label(&l, at.para_start)
            && !(self.out.blocks.is_empty() && is_heading_label(&l)))
        .then_some(l)
    }

    /// Does a label-shaped line really open a block here?
    fn accept_label(&mut self, l: &Label<'a>, para_start: bool) -> bool {
        let style = &self.style;
        if style.caps_labels && !l.bare_q && !self.memo.is_all_caps(l.name) {
            // Only a case variant of a label already seen (`ClINTON` after
            // `CLINTON`), or a label alone on its line that starts paragraphs
            // again and again (a play's `First Citizen:` among `MENENIUS:`).
            return self.seen.contains_any_case(&normalise_label(l.name))
                || l.rest.is_empty() && para_start && style.knows_twice(l.name);
        }
        if self.para == Para::AfterBareLabel && l.rest.is_empty() {
            // Two bare labels in a row: the first had no speech; still a label.
            return true;
        }
        if l.rest.is_empty() {
            // A label alone on its line must start a paragraph (verse lines
            // that end in `:` continue one).
            return para_start && style.blank_separated
                || !style.blank_separated && l.name.len() < 40;
        }
        if para_start || matches!(self.para, Para::Stage | Para::Metadata | Para::Preamble) {
            return true;
        }
        // Inside a wrapped paragraph: only strong evidence.
        !l.bare_q && (label::is_all_caps(l.name) || self.seen.contains(&normalise_label(l.name)))
    }

    /// A label after a quote mark or a direction in mid-line of speech
    /// (`... the end." TRUMP: Wrong.`, `Thank you. (APPLAUSE) SANDERS:
    /// Well,`): the speech before it goes to the open block (a new
    /// paragraph if `new_para`), and the label opens the next
    /// ([`LineKind::Label`]).
    pub(super) fn label_in_midline(&mut self, at: At<'a>, new_para: bool) -> bool {
        if !at.plain
            && self.style.shape == Shape::Colon
            && may_hold_colon(at.text)
            && let Some((k, l)) = midline_label(at.text, &self.seen, &mut self.memo)
        {
            self.append_speech(trim(&at.text[..k]), false, at.ln, new_para);
            self.start_block(
                &l,
                at.ln,
                false,
                Some("label in mid-line, after a quote mark or a direction"),
            );
            return true;
        }
        false
    }

    /// Seal the open block and open one for label `l` on line `ln`, with
    /// the speech after the label (`plain`: from a `Line::plain` line).
    /// A label in mid-line after the first opens a block of its own (`...
    /// the end." OBAMA: That's not what I said.`). With a `reason`, the
    /// line is recorded as a label line and each label's words go to its
    /// record; without one the label is not on the line (a header's
    /// person, whose speech starts there).
    pub(super) fn start_block(
        &mut self,
        l: &Label<'a>,
        ln: usize,
        plain: bool,
        reason: Option<&'static str>,
    ) {
        if let Some(reason) = reason.filter(|_| self.records.kept()) {
            self.records
                .record(ln, LineKind::Label, Some(&normalise_label(l.name)), reason);
        }
        let mut l = l.clone();
        loop {
            if reason.is_some() {
                self.records.label_words(l.name);
            }
            let name = normalise_label(l.name);
            if !l.bare_q {
                self.seen.add(&name);
            }
            self.open.seal(&mut self.out);
            let anonymous = l.bare_q || label::is_anonymous(&name);
            self.out.blocks.push(Block {
                label: name,
                anonymous,
                text: String::new(),
                first_line: ln,
                last_line: ln,
                line_starts: Vec::new(),
            });
            if l.rest.is_empty() {
                self.para = Para::AfterBareLabel;
                return;
            }
            match (!plain && may_hold_colon(l.rest))
                .then(|| midline_label(l.rest, &self.seen, &mut self.memo))
                .flatten()
            {
                Some((k, next)) => {
                    self.append_speech(trim(&l.rest[..k]), false, ln, true);
                    l = next;
                }
                None => {
                    self.append_speech(l.rest, plain, ln, true);
                    self.para = Para::Speech;
                    return;
                }
            }
        }
    }
}

/// Does `line` hold a colon after its first byte (a label in mid-line
/// needs one)?
#[inline]
fn may_hold_colon(line: &str) -> bool {
    let b = line.as_bytes();
    b.len() > 1 && memchr::memchr2(b':', 0xEF, &b[1..]).is_some()
}

/// A label in the middle of a line of speech, after a closing quote mark,
/// parenthesis or bracket and white space: where it starts, and the label.
/// Only a name in capitals or one the file has used counts.
fn midline_label<'a>(
    line: &'a str,
    seen: &SeenLabels,
    memo: &mut label::Memo<'a>,
) -> Option<(usize, Label<'a>)> {
    let bytes = line.as_bytes();
    let mut from = 1;
    while let Some(k) = memchr::memchr3(b'"', b')', b']', &bytes[from.min(bytes.len())..]) {
        let k = from + k;
        from = k + 1;
        let tail = &line[k + 1..];
        if !tail.starts_with(is_space) {
            continue;
        }
        let tail = label::trim_start(tail);
        if let Some(l) = label::match_label_with(tail, memo)
            && !l.bare_q
            && !l.rest.is_empty()
            && (label::is_all_caps(l.name) || seen.contains(&normalise_label(l.name)))
        {
            return Some((line.len() - tail.len(), l));
        }
    }
    None
}
