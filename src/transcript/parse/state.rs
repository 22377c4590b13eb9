//! The parser's state machine. After a look at the whole file (its
//! style, and the label test of the lines where paragraphs start), one
//! pass goes down the lines and hands each to the method for its kind of
//! line, tried in a fixed order: back matter, end marks, time stamps, page
//! furniture and whole-line stage directions first, then metadata pairs
//! and labels, then inserted material, headings and the paragraphs of
//! stage directions and metadata that go on, and last speech. What is
//! carried from line to line is the open block, the paragraph the last
//! line was in, the labels seen, whether the proceedings have ended or
//! inserted material runs, and the person a header named.

use std::borrow::Cow;

use super::metadata::{clean_value, push_meta_line, read_front_matter};
use super::records::Records;
use super::speech::{Spoken, clean_inline, strip_leading_stage};
use super::{LineKind, ParsedTranscript, RawEvent, SpeechSink, Warning};
use crate::ingest::Source;
use crate::transcript::furniture;
use crate::transcript::label::{self, Label, trim};
use crate::transcript::lines::{self, Line};
use crate::transcript::rules::{SeenLabels, before_a_label, closes_proceedings, inserts_follow};
use crate::transcript::style::{FileStyle, Probes, Shape, indent_of};

/// Parse `source`, handing the speech to `sink`.
pub(super) fn parse_lines(
    source: &Source,
    keep_records: bool,
    sink: &mut impl SpeechSink,
) -> ParsedTranscript {
    let (mut parser, start) = Parser::new(source, keep_records, sink);
    let mut i = start;
    while let Some(&l) = parser.lines.get(i) {
        i = parser.line(i, l);
    }
    parser.finish()
}

/// Where the current paragraph belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Para {
    /// Not inside a paragraph (after a blank line or at the start).
    None,
    /// Inside a paragraph of speech of the current block.
    Speech,
    /// Right after a label alone on its line: the next line starts speech.
    AfterBareLabel,
    /// Inside a preamble paragraph.
    Preamble,
    /// Inside a stage-direction paragraph (indented narrative).
    Stage,
    /// Inside a metadata paragraph.
    Metadata,
}

/// The survey's answers for some lines, in line order, walked as the main
/// pass moves down the file.
pub(super) struct Walk<'a> {
    answers: Probes<'a>,
    next: usize,
}

impl<'a> Walk<'a> {
    fn new(answers: Probes<'a>) -> Walk<'a> {
        Walk { answers, next: 0 }
    }

    /// The answer for line `i` (0-based), if the survey has one.
    pub(super) fn at(&mut self, i: usize) -> Option<&Option<Label<'a>>> {
        while self.answers.get(self.next).is_some_and(|(j, _)| *j < i) {
            self.next += 1;
        }
        self.answers
            .get(self.next)
            .filter(|(j, _)| *j == i)
            .map(|(_, l)| l)
    }
}

/// A line that is not blank, as each method sees it.
#[derive(Debug, Clone, Copy)]
pub(super) struct At<'a> {
    /// 0-based index.
    pub(super) i: usize,
    /// 1-based line number.
    pub(super) ln: usize,
    /// The line as read (a margin number removed).
    pub(super) raw: &'a str,
    /// `raw` trimmed.
    pub(super) text: &'a str,
    /// [`Line::plain`].
    pub(super) plain: bool,
    /// The first byte of `text`.
    pub(super) first: u8,
    /// The line starts a paragraph (every line does where paragraphs are
    /// not separated by blank lines).
    pub(super) para_start: bool,
}

/// The parser of one file: what it found so far and what it carries from
/// line to line.
pub(super) struct Parser<'a, 's, S> {
    /// The file's lines, margin numbers removed.
    pub(super) lines: Vec<Line<'a>>,
    /// The lines as read, when records are kept (for the margin numbers'
    /// words).
    pub(super) unstripped: Option<Vec<Line<'a>>>,
    /// What the look at the whole file found.
    pub(super) style: FileStyle,
    /// The name tests' answers, for the names that come again.
    pub(super) memo: label::Memo<'a>,
    /// The survey's label tests.
    pub(super) probes: Walk<'a>,
    /// The other shape's labels the survey found.
    pub(super) strays: Walk<'a>,
    /// The result so far.
    pub(super) out: ParsedTranscript,
    /// Where the speech of the open block goes.
    pub(super) open: Spoken<'s, S>,
    /// Each line's decision, when kept.
    pub(super) records: Records,
    /// The labels used so far.
    pub(super) seen: SeenLabels,
    /// Where the last line's paragraph belongs.
    pub(super) para: Para,
    /// The end mark has been passed: the rest is back matter.
    pub(super) ended: bool,
    /// Material inserted into the record runs, to the next label.
    pub(super) inserting: bool,
    /// The person a file's header names, until their speech starts.
    pub(super) header_person: Option<Label<'a>>,
}

impl<'a, 's, S: SpeechSink> Parser<'a, 's, S> {
    /// The parser of `source`, after its front matter and the look at the
    /// whole file; the first line to decide.
    fn new(source: &'a Source, keep_records: bool, sink: &'s mut S) -> (Parser<'a, 's, S>, usize) {
        let text = source.text.as_str();
        // An empty text (ingest's blank file) has no line.
        let mut lines = if text.is_empty() {
            Vec::new()
        } else {
            lines::split(text)
        };
        let n_lines = lines.len();
        let unstripped = keep_records.then(|| lines.clone());
        let numbered = furniture::strip_margin_numbers(&mut lines) > 0;
        // Page furniture is looked for in paged text: form feeds or margin
        // numbers.
        let paged = numbered || memchr::memchr(0x0C, text.as_bytes()).is_some();
        let mut records = Records::new(keep_records);
        let mut out = ParsedTranscript {
            id: source.id.clone(),
            path: source.path.display().to_string(),
            sha256: source.sha256.clone(),
            metadata: Vec::new(),
            preamble: Vec::new(),
            blocks: Vec::new(),
            events: Vec::new(),
            warnings: Vec::new(),
            records: Vec::new(),
            lines: n_lines,
            shape: Shape::Colon,
        };
        let start = read_front_matter(&lines, &mut out, &mut records);
        let mut memo = label::Memo::default();
        let (style, probes, strays) = FileStyle::survey(&lines, start, &mut memo, paged);
        out.shape = style.shape;
        let parser = Parser {
            lines,
            unstripped,
            style,
            memo,
            probes: Walk::new(probes),
            strays: Walk::new(strays),
            out,
            open: Spoken::new(sink, if keep_records { n_lines } else { 0 }),
            records,
            seen: SeenLabels::default(),
            para: Para::None,
            ended: false,
            inserting: false,
            header_person: None,
        };
        (parser, start)
    }

    /// Decide line `i` (`l`), with the lines of speech that run on from
    /// it: the next line to decide. Each method takes the line if it is
    /// of its kind; the order is the order of precedence.
    #[inline]
    fn line(&mut self, i: usize, l: Line<'a>) -> usize {
        // The common case first: a run of wrapped lines of speech, which
        // none of the tests below would take.
        if self.para == Para::Speech
            && self.style.blank_separated
            && self.style.shape == Shape::Colon
            && !self.ended
            && !self.inserting
            && is_wrapped(&l)
        {
            return self.wrapped_run(i);
        }
        let ln = i + 1;
        let Some(&first) = l.text.as_bytes().first() else {
            self.blank(ln);
            return ln;
        };
        let at = At {
            i,
            ln,
            raw: l.raw,
            text: l.text,
            plain: l.plain,
            first,
            para_start: self.para == Para::None || !self.style.blank_separated,
        };
        if self.back_matter(at)
            || self.end_mark(at)
            || self.time_stamp(at)
            || self.furniture(at)
            || self.stage(at)
        {
            return ln;
        }
        // A label may follow stage directions on the same line:
        // `(APPLAUSE) SANDERS: Thank you.`
        let (lead, body) = if first == b'(' || first == b'[' {
            strip_leading_stage(at.text)
        } else {
            (Vec::new(), at.text)
        };
        if self.metadata_pair(at, body) || self.label(at, body, lead) {
            return ln;
        }
        // Not a label: inserted material, a heading, or by context.
        if !(self.inserted(at) || self.heading(at) || self.goes_on(at) || self.narrative(at)) {
            self.speech(at);
        }
        ln
    }

    /// Wrapped lines of speech from line `i`, which is one
    /// ([`LineKind::Continuation`]): lines that can hold no label, no
    /// markup and no end mark or time stamp. The line after the run.
    fn wrapped_run(&mut self, i: usize) -> usize {
        let Parser {
            lines,
            open,
            records,
            ..
        } = self;
        let mut next = i;
        while let Some(l) = lines.get(next).filter(|l| is_wrapped(l)) {
            next += 1;
            open.piece(l.text, next, false);
            records.record(next, LineKind::Continuation, None, "wrapped line");
        }
        next
    }

    /// A blank line ([`LineKind::Blank`]) ends a paragraph, but after a
    /// label alone on its line the speech is still to come.
    fn blank(&mut self, ln: usize) {
        self.records.record(ln, LineKind::Blank, None, "blank");
        if self.para != Para::AfterBareLabel {
            self.para = Para::None;
        }
    }

    /// After the end mark everything is back matter
    /// ([`LineKind::Metadata`]).
    fn back_matter(&mut self, at: At<'a>) -> bool {
        if !self.ended {
            return false;
        }
        push_meta_line(&mut self.out, at.text);
        self.records
            .record(at.ln, LineKind::Metadata, None, "after the end mark");
        true
    }

    /// An end mark (`###`, `END`) or a direction that closes the
    /// proceedings ([`LineKind::Metadata`]): the rest is back matter.
    fn end_mark(&mut self, at: At<'a>) -> bool {
        let end = matches!(
            at.first,
            b'#' | b'\\' | b'E' | b'*' | b'-' | b'[' | b'(' | 0xE2
        ) && (label::is_end_mark(at.text)
            || furniture::is_end_with_time(at.text)
            || closes_proceedings(at.text, self.next_text(at.i)));
        if !end {
            return false;
        }
        self.ended = true;
        self.records
            .record(at.ln, LineKind::Metadata, None, "end mark");
        self.para = Para::Metadata;
        true
    }

    /// The text of the first line after line `i` that is not blank (empty
    /// at the end of the file).
    fn next_text(&self, i: usize) -> &'a str {
        self.lines
            .get(i + 1..)
            .unwrap_or_default()
            .iter()
            .find(|l| !l.text.is_empty())
            .map_or("", |l| l.text)
    }

    /// A time stamp line (`7:06 P.M. EST`, [`LineKind::Metadata`]).
    fn time_stamp(&mut self, at: At<'a>) -> bool {
        if !(at.first.is_ascii_digit() && label::is_timestamp(at.text)) {
            return false;
        }
        self.out.metadata.push(("time".into(), at.text.to_string()));
        self.records
            .record(at.ln, LineKind::Metadata, None, "time stamp");
        self.para = Para::Metadata;
        true
    }

    /// Page numbers, headers and footers, web page debris
    /// ([`LineKind::Boilerplate`]).
    fn furniture(&mut self, at: At<'a>) -> bool {
        let reason = if (at.first.is_ascii_digit() || at.first == b'P' || at.first == b'-')
            && furniture::is_page_furniture(at.text)
        {
            "page number or footer"
        } else if !self.style.headers.is_empty() && self.style.headers.iter().any(|h| h == at.text)
            || self.style.edges.binary_search(&at.i).is_ok()
        {
            "page header or footer"
        } else if at.text.len() <= 40 && furniture::is_web_debris(at.text) {
            "web page debris"
        } else {
            return false;
        };
        self.records
            .record(at.ln, LineKind::Boilerplate, None, reason);
        true
    }

    /// A whole-line stage direction (`(APPLAUSE)`, [`LineKind::Stage`]),
    /// which may announce inserted material or close the proceedings; a
    /// time stamp in brackets ([`LineKind::Metadata`]); a graphic not
    /// reproduced.
    fn stage(&mut self, at: At<'a>) -> bool {
        if !(at.first == b'(' || at.first == b'[') {
            return false;
        }
        let Some(content) = label::whole_line_stage(at.text) else {
            if at.first == b'['
                && (at.text.starts_with("[GRAPHIC]") || at.text.starts_with("[TIFF OMITTED]"))
            {
                self.records
                    .record(at.ln, LineKind::Stage, None, "graphic not reproduced");
                return true;
            }
            return false;
        };
        let content = trim(content);
        if label::is_timestamp(content) {
            self.out.metadata.push(("time".into(), content.to_string()));
            self.records
                .record(at.ln, LineKind::Metadata, None, "time stamp");
            return true;
        }
        self.out.events.push(RawEvent {
            line: at.ln,
            text: content.to_string(),
            block: self.out.blocks.len().checked_sub(1),
        });
        self.records
            .record(at.ln, LineKind::Stage, None, "whole-line stage direction");
        // A direction is whole in itself: what follows is a new paragraph
        // of the speaker before it.
        if self.para != Para::AfterBareLabel {
            self.para = Para::None;
        }
        if inserts_follow(content) {
            self.inserting = true;
        }
        if closes_proceedings(at.text, "") {
            self.ended = true;
        }
        true
    }

    /// A `Key: value` pair where a paragraph starts (`Source: Xinhua`,
    /// [`LineKind::Metadata`]), `body` the line after leading directions.
    fn metadata_pair(&mut self, at: At<'a>, body: &'a str) -> bool {
        // A plain line has no colon: no `Key: value`.
        if !at.plain
            && (at.para_start || self.para == Para::Stage || self.para == Para::Metadata)
            && let Some((key, value)) = label::split_colon(body)
            && self.memo.metadata_key(key)
            && !label::match_label_with(body, &mut self.memo).is_some_and(|l| l.bare_q)
        {
            self.out
                .metadata
                .push((trim(key).to_string(), clean_value(value)));
            self.records
                .record(at.ln, LineKind::Metadata, None, "metadata key");
            self.para = Para::Metadata;
            return true;
        }
        false
    }

    /// A line while inserted material runs ([`LineKind::Inserted`]).
    fn inserted(&mut self, at: At<'a>) -> bool {
        if !self.inserting {
            return false;
        }
        self.records
            .record(at.ln, LineKind::Inserted, None, "inserted into the record");
        true
    }

    /// A heading in capitals where speech is in mixed case
    /// ([`LineKind::Metadata`]).
    fn heading(&mut self, at: At<'a>) -> bool {
        if !(self.style.mixed_case
            && (at.para_start || self.para == Para::Metadata)
            && furniture::is_caps_heading(at.text))
        {
            return false;
        }
        self.out
            .metadata
            .push(("heading".into(), at.text.to_string()));
        self.records
            .record(at.ln, LineKind::Metadata, None, "heading in capitals");
        self.para = Para::None;
        true
    }

    /// More of a paragraph of stage directions ([`LineKind::Stage`]) or
    /// metadata ([`LineKind::Metadata`]).
    fn goes_on(&mut self, at: At<'a>) -> bool {
        if !self.style.blank_separated {
            return false;
        }
        match self.para {
            Para::Stage => {
                if let Some(ev) = self.out.events.last_mut() {
                    ev.text.push(' ');
                    ev.text.push_str(at.text);
                }
                self.records
                    .record(at.ln, LineKind::Stage, None, "continues a stage direction");
                true
            }
            Para::Metadata => {
                push_meta_line(&mut self.out, at.text);
                self.records
                    .record(at.ln, LineKind::Metadata, None, "continues metadata");
                true
            }
            _ => false,
        }
    }

    /// An indented line of narrative that introduces the next turn
    /// ([`LineKind::Stage`]).
    fn narrative(&mut self, at: At<'a>) -> bool {
        if !(at.para_start
            && self.style.blank_separated
            && self.style.indent_meaningful
            && self.para != Para::AfterBareLabel
            && indent_of(at.raw) >= 2
            && before_a_label(&self.lines, at.i + 1, &self.style))
        {
            return false;
        }
        self.out.events.push(RawEvent {
            line: at.ln,
            text: at.text.to_string(),
            block: None,
        });
        self.records
            .record(at.ln, LineKind::Stage, None, "indented narrative line");
        self.para = Para::Stage;
        true
    }

    /// Text that is none of the above: before the first turn the
    /// preamble ([`LineKind::Preamble`], unless a header named whose
    /// speech it is), after it more of the current speaker's speech
    /// ([`LineKind::Continuation`]), where a label in mid-line may open
    /// the next block ([`LineKind::Label`]).
    fn speech(&mut self, at: At<'a>) {
        if self.out.blocks.is_empty()
            && let Some(person) = self.header_person.take()
        {
            self.start_block(&person, at.ln, at.plain, None);
        }
        if self.out.blocks.is_empty() {
            self.out.preamble.push(at.text.to_string());
            self.records
                .record(at.ln, LineKind::Preamble, None, "before the first turn");
            self.para = Para::Preamble;
            return;
        }
        let new_para = self.para != Para::Speech;
        if self.label_in_midline(at, new_para) {
            return;
        }
        self.append_speech(at.text, at.plain, at.ln, new_para);
        self.records.record(
            at.ln,
            LineKind::Continuation,
            None,
            if new_para {
                "new paragraph of the current speaker"
            } else {
                "wrapped line"
            },
        );
        self.para = Para::Speech;
    }

    /// Append a line of speech to the open (last) block, removing inline
    /// stage directions (kept as events) and markdown escapes. `line` comes
    /// trimmed, from a [`Line::plain`] line when `plain` (nothing to
    /// remove then).
    pub(super) fn append_speech(&mut self, line: &str, plain: bool, ln: usize, new_para: bool) {
        let Some(idx) = self.out.blocks.len().checked_sub(1) else {
            return;
        };
        let cleaned = if plain {
            Cow::Borrowed(line)
        } else {
            let events = &mut self.out.events;
            clean_inline(line, |content| {
                events.push(RawEvent {
                    line: ln,
                    text: content.to_string(),
                    block: Some(idx),
                })
            })
        };
        // A line comes trimmed: only a removed direction can leave spaces.
        let cleaned = match &cleaned {
            Cow::Borrowed(c) => c,
            Cow::Owned(c) => trim(c),
        };
        if !cleaned.is_empty() {
            self.open.piece(cleaned, ln, new_para);
        }
    }

    /// Seal the last block; warn of labels with no speech and no event;
    /// the transcript, with the line records when kept.
    fn finish(mut self) -> ParsedTranscript {
        self.open.seal(&mut self.out);
        let spoken = std::mem::take(&mut self.open.spoken);
        let mut has_events = vec![false; self.out.blocks.len()];
        for e in &self.out.events {
            if let Some(flag) = e.block.and_then(|b| has_events.get_mut(b)) {
                *flag = true;
            }
        }
        for (i, block) in self.out.blocks.iter().enumerate() {
            let has_event = has_events[i];
            if !spoken.get(i).copied().unwrap_or(false) && !has_event {
                self.out.warnings.push(Warning {
                    line: block.first_line,
                    message: format!("label `{}` has no speech", block.label),
                });
            }
        }
        self.out.records =
            self.records
                .finish(&self.open.words, &self.lines, self.unstripped.as_deref());
        self.out
    }
}

/// Is `l` a wrapped line of speech when it comes inside a paragraph of
/// speech: not blank, [`Line::plain`] and with a [`WRAP_START`] first byte?
#[inline]
fn is_wrapped(l: &Line<'_>) -> bool {
    l.plain
        && l.text
            .as_bytes()
            .first()
            .is_some_and(|&c| WRAP_START[c as usize])
}

/// The first bytes of a trimmed line that make none of the parser's tests
/// look further inside a wrapped line of speech: printable ASCII but the
/// first bytes of end marks (`#`, `\\`, `E`, `*`, `-`, `[`, `(`), digits
/// (time stamps) and `Q` (a bare `Q` label).
const WRAP_START: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = b'!';
    while c < 0x7F {
        t[c as usize] = !matches!(c, b'#' | b'\\' | b'E' | b'*' | b'-' | b'[' | b'(' | b'Q')
            && !c.is_ascii_digit();
        c += 1;
    }
    t
};
