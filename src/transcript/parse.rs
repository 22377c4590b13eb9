//! The line parser: classifies every line of a transcript (front matter,
//! metadata, stage direction, preamble, label, continuation, blank) and
//! gathers labelled blocks of speech with their line spans, the speech
//! joined into each block's text or handed piece by piece to a
//! [`SpeechSink`]. A look at the whole file first (`style`) decides
//! its layout and its one label shape; the rules about a line in its
//! context are in `rules`, page furniture in
//! `furniture`. It knows labels only as written;
//! [`super::speakers`] decides who they are.

use serde::Serialize;

use super::furniture;
use super::label::{self, Label, is_space, no_label, trim};
use super::lines::{self, Line};
use super::rules::{
    SeenLabels, before_a_label, closes_proceedings, inserts_follow, is_header_pair,
    is_heading_label,
};
use super::style::FileStyle;
use crate::ingest::Source;

pub use super::label::normalise_label;
pub use super::style::Shape;

/// What the parser decided about one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LineKind {
    /// Empty or white space only: ends a paragraph.
    Blank,
    /// Inside YAML front matter (`---` … `---`).
    FrontMatter,
    /// Not speech: `Source:`, `Host of press conference:`, time stamps, end marks.
    Metadata,
    /// A stage direction: `(APPLAUSE)`, an indented narrative line.
    Stage,
    /// Text before the first turn.
    Preamble,
    /// A speaker label opens a block here.
    Label,
    /// Speech that continues the current block.
    Continuation,
    /// Text nobody said: page headers and footers, page numbers, margin
    /// line numbers' pages, web debris (`Advertisement`).
    Boilerplate,
    /// Material inserted into the record, not spoken: a prepared statement
    /// after `[The prepared statement of Senator Johnson follows:]`.
    Inserted,
}

impl LineKind {
    /// The name shown by `tribune parse`.
    pub fn as_str(self) -> &'static str {
        match self {
            LineKind::Blank => "blank",
            LineKind::FrontMatter => "front-matter",
            LineKind::Metadata => "metadata",
            LineKind::Stage => "stage",
            LineKind::Preamble => "preamble",
            LineKind::Label => "label",
            LineKind::Continuation => "continuation",
            LineKind::Boilerplate => "boilerplate",
            LineKind::Inserted => "inserted",
        }
    }
}

/// One line's decision, for `tribune parse`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineRecord {
    /// 1-based line number.
    pub line: usize,
    /// The decision.
    pub kind: LineKind,
    /// The label, for label lines.
    pub label: Option<String>,
    /// Why, in a few words.
    pub reason: &'static str,
    /// Words of the line's speech (label and continuation lines).
    #[serde(skip)]
    pub speech_words: usize,
    /// Words of the line's label as written (label lines).
    #[serde(skip)]
    pub label_words: usize,
    /// Words of a margin line number removed from the line.
    #[serde(skip)]
    pub margin_words: usize,
}

/// Something odd the parser got past.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// 1-based line.
    pub line: usize,
    /// What was odd.
    pub message: String,
}

/// A labelled stretch of speech as written (before speakers are resolved).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The label text (`MS. PSAKI`, `Q`).
    pub label: String,
    /// A bare `Q`: consecutive blocks never merge.
    pub anonymous: bool,
    /// Speech: wrapped lines joined by a space, paragraphs by `\n`.
    pub text: String,
    /// 1-based line of the label.
    pub first_line: usize,
    /// 1-based last line with speech.
    pub last_line: usize,
    /// `(byte offset in text, line)` for each contributing line.
    pub line_starts: Vec<(usize, usize)>,
}

/// An event found while parsing (`(Laughter.)`), with the block it was in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawEvent {
    /// 1-based line.
    pub line: usize,
    /// Content without brackets.
    pub text: String,
    /// Index into `blocks` when inline in speech.
    pub block: Option<usize>,
}

/// The parser's output for one source.
#[derive(Debug, Clone)]
pub struct ParsedTranscript {
    /// Identifier.
    pub id: String,
    /// Path as given.
    pub path: String,
    /// SHA-256 of the raw bytes.
    pub sha256: String,
    /// Metadata pairs in order (front matter first).
    pub metadata: Vec<(String, String)>,
    /// Preamble lines (non-blank, before the first label).
    pub preamble: Vec<String>,
    /// Labelled blocks in order.
    pub blocks: Vec<Block>,
    /// Stage directions and other events.
    pub events: Vec<RawEvent>,
    /// Oddities.
    pub warnings: Vec<Warning>,
    /// Per-line decisions (only when asked for).
    pub records: Vec<LineRecord>,
    /// Number of lines.
    pub lines: usize,
    /// The file's label shape.
    pub shape: Shape,
}

impl ParsedTranscript {
    /// The value of the first metadata pair with this key (case-insensitive).
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.metadata
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }
}

/// Parse a source without keeping line records; never fails (a file with
/// no turns has no blocks, and the caller decides).
pub fn parse(source: &Source) -> ParsedTranscript {
    parse_text(source, false, &mut Open::with_line_starts(true))
}

/// [`parse`] without each block's line starts (`Block::line_starts` left
/// empty): for readers of labels and speech only, such as the one-pass
/// term count.
pub fn parse_speech(source: &Source) -> ParsedTranscript {
    parse_text(source, false, &mut Open::with_line_starts(false))
}

/// Parse a source, keeping every line's decision (for `tribune parse`).
/// Never fails: a file with no turns simply has no label lines.
pub fn parse_with_records(source: &Source) -> ParsedTranscript {
    parse_text(source, true, &mut Open::with_line_starts(true))
}

/// [`parse_speech`] that hands the speech to `sink` piece by piece instead
/// of joining it into each block's text (`Block::text` is left empty, and
/// `Block::last_line` is the label's line): a reader that only scans the
/// words, such as the one-pass term count, copies nothing.
pub fn parse_into(source: &Source, sink: &mut impl SpeechSink) -> ParsedTranscript {
    parse_text(source, false, sink)
}

/// What takes the speech of the blocks as the parser finds it: the pieces
/// of the last block in order (each a line, or the rest of a label line,
/// with inline stage directions and escapes removed, never empty), then
/// the end of that block. A block's text is its pieces joined by a space,
/// or by a line break where `new_para` says a paragraph starts.
pub trait SpeechSink {
    /// A piece of the last block's speech, from line `line` (1-based).
    fn piece(&mut self, text: &str, line: usize, new_para: bool);
    /// The last block of `out` has all its pieces (called at each label,
    /// before its block is added, and at the end of the file).
    fn seal(&mut self, out: &mut ParsedTranscript);
}

struct Builder {
    records: Vec<LineRecord>,
    keep_records: bool,
}

impl Builder {
    fn record(&mut self, line: usize, kind: LineKind, label: Option<&str>, reason: &'static str) {
        if self.keep_records {
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
    fn label_words(&mut self, name: &str) {
        if let Some(r) = self.records.last_mut().filter(|_| self.keep_records) {
            r.label_words += crate::text::count_words(name);
        }
    }
}

/// Where the current paragraph belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Para {
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

fn parse_text(source: &Source, keep_records: bool, sink: &mut impl SpeechSink) -> ParsedTranscript {
    parse_lines(source, source.text.as_str(), keep_records, sink)
}

/// [`parse_text`] with the text's lifetime named (the survey's label
/// tests borrow from it).
fn parse_lines<'a>(
    source: &Source,
    text: &'a str,
    keep_records: bool,
    sink: &mut impl SpeechSink,
) -> ParsedTranscript {
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
    let open = &mut Spoken {
        sink,
        spoke: false,
        spoken: Vec::new(),
        words: if keep_records {
            vec![0; n_lines]
        } else {
            Vec::new()
        },
    };

    let mut b = Builder {
        records: Vec::new(),
        keep_records,
    };
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

    let mut start = 0;
    if let Some(end) = front_matter_end(&lines) {
        let front: Vec<&str> = lines[1..end].iter().map(|l| l.raw).collect();
        parse_front_matter(&front, &mut out.metadata);
        for i in 0..=end {
            b.record(i + 1, LineKind::FrontMatter, None, "YAML front matter");
        }
        start = end + 1;
    } else if lines.first().is_some_and(|l| l.raw.trim_end() == "---") {
        out.warnings.push(Warning {
            line: 1,
            message: "front matter opened with `---` is never closed; read as text".into(),
        });
    }

    // The name tests' answers, for the names that come again.
    let mut memo = label::Memo::default();
    let (style, probes, strays) = FileStyle::survey(&lines, start, &mut memo, paged);
    out.shape = style.shape;
    // The survey's label tests, in line order: `next_probe` walks them as
    // the main pass moves down the file.
    let mut next_probe = 0;
    let mut seen_probe = |i: usize| -> Option<&Option<Label<'a>>> {
        while probes.get(next_probe).is_some_and(|(j, _)| *j < i) {
            next_probe += 1;
        }
        probes
            .get(next_probe)
            .filter(|(j, _)| *j == i)
            .map(|(_, l)| l)
    };
    // The other shape's labels the survey found, walked the same way.
    let mut next_stray = 0;
    let mut stray = |i: usize| -> Option<Label<'a>> {
        while strays.get(next_stray).is_some_and(|(j, _)| *j < i) {
            next_stray += 1;
        }
        strays
            .get(next_stray)
            .filter(|(j, _)| *j == i)
            .and_then(|(_, l)| l.clone())
    };
    let mut para = Para::None;
    let mut ended = false;
    // Material inserted into the record runs to the next label.
    let mut inserting = false;
    // The person a file's header names, until their speech starts.
    let mut header_person: Option<Label<'a>> = None;
    let mut seen_labels = SeenLabels::default();

    let mut next = start;
    while let Some(l) = lines.get(next) {
        let i = next;
        next += 1;
        let ln = i + 1;
        // The common case: a run of wrapped lines of speech that can hold
        // no label, no markup and no end mark or time stamp (the tests
        // below would all pass them on to `append_speech`).
        if para == Para::Speech
            && style.blank_separated
            && style.shape == Shape::Colon
            && !ended
            && !inserting
            && is_wrapped(l)
        {
            open.piece(l.text, ln, false);
            b.record(ln, LineKind::Continuation, None, "wrapped line");
            while let Some(l) = lines.get(next).filter(|l| is_wrapped(l)) {
                next += 1;
                open.piece(l.text, next, false);
                b.record(next, LineKind::Continuation, None, "wrapped line");
            }
            continue;
        }
        let (raw, line, plain) = (l.raw, l.text, l.plain);
        let Some(&first) = line.as_bytes().first() else {
            b.record(ln, LineKind::Blank, None, "blank");
            if para == Para::AfterBareLabel {
                continue;
            }
            para = Para::None;
            continue;
        };
        let at_para_start = para == Para::None || !style.blank_separated;
        if ended {
            push_meta_line(&mut out, line);
            b.record(ln, LineKind::Metadata, None, "after the end mark");
            continue;
        }
        if matches!(
            first,
            b'#' | b'\\' | b'E' | b'*' | b'-' | b'[' | b'(' | 0xE2
        ) && (label::is_end_mark(line)
            || furniture::is_end_with_time(line)
            || closes_proceedings(
                line,
                lines[next.min(lines.len())..]
                    .iter()
                    .find(|l| !l.text.is_empty())
                    .map_or("", |l| l.text),
            ))
        {
            ended = true;
            b.record(ln, LineKind::Metadata, None, "end mark");
            para = Para::Metadata;
            continue;
        }
        if first.is_ascii_digit() && label::is_timestamp(line) {
            out.metadata.push(("time".into(), line.to_string()));
            b.record(ln, LineKind::Metadata, None, "time stamp");
            para = Para::Metadata;
            continue;
        }
        if (first.is_ascii_digit() || first == b'P' || first == b'-')
            && furniture::is_page_furniture(line)
        {
            b.record(ln, LineKind::Boilerplate, None, "page number or footer");
            continue;
        }
        if !style.headers.is_empty() && style.headers.iter().any(|h| h == line)
            || style.edges.binary_search(&i).is_ok()
        {
            b.record(ln, LineKind::Boilerplate, None, "page header or footer");
            continue;
        }
        if line.len() <= 40 && furniture::is_web_debris(line) {
            b.record(ln, LineKind::Boilerplate, None, "web page debris");
            continue;
        }
        if let Some(content) = (first == b'(' || first == b'[')
            .then(|| label::whole_line_stage(line))
            .flatten()
        {
            let content = trim(content);
            if label::is_timestamp(content) {
                out.metadata.push(("time".into(), content.to_string()));
                b.record(ln, LineKind::Metadata, None, "time stamp");
                continue;
            }
            let block = if out.blocks.is_empty() {
                None
            } else {
                Some(out.blocks.len() - 1)
            };
            out.events.push(RawEvent {
                line: ln,
                text: content.to_string(),
                block,
            });
            b.record(ln, LineKind::Stage, None, "whole-line stage direction");
            // A direction is whole in itself: what follows is a new
            // paragraph of the speaker before it.
            if para != Para::AfterBareLabel {
                para = Para::None;
            }
            if inserts_follow(content) {
                inserting = true;
            }
            if closes_proceedings(line, "") {
                ended = true;
            }
            continue;
        }
        if first == b'[' && (line.starts_with("[GRAPHIC]") || line.starts_with("[TIFF OMITTED]")) {
            b.record(ln, LineKind::Stage, None, "graphic not reproduced");
            continue;
        }

        // A label may follow stage directions on the same line:
        // `(APPLAUSE) SANDERS: Thank you.`
        let (lead_events, body) = if first == b'(' || first == b'[' {
            strip_leading_stage(line)
        } else {
            (Vec::new(), line)
        };

        // A plain line has no colon: no `Key: value`.
        if !plain
            && (at_para_start || para == Para::Stage || para == Para::Metadata)
            && let Some((key, value)) = label::split_colon(body)
            && memo.metadata_key(key)
            && !label::match_label_with(body, &mut memo).is_some_and(|l| l.bare_q)
        {
            out.metadata
                .push((trim(key).to_string(), clean_value(value)));
            b.record(ln, LineKind::Metadata, None, "metadata key");
            para = Para::Metadata;
            continue;
        }

        // Inside a wrapped paragraph only a capitalised line can hold a
        // label (accept_label wants capitals or a known name there): most
        // lines are skipped without looking for a colon.
        let mid_paragraph = para == Para::Speech && style.blank_separated;
        let may_label = !mid_paragraph
            || body
                .as_bytes()
                .first()
                .is_some_and(|&b| b.is_ascii_uppercase() || b >= 0x80);
        let candidate = if !may_label {
            None
        } else if style.shape == Shape::Period {
            style.period_label(body, raw).or_else(|| {
                label::match_label_with(body, &mut memo).filter(|l| l.bare_q || style.knows(l.name))
            })
        } else if no_label(body, plain) {
            stray(i).filter(|_| lead_events.is_empty())
        } else {
            // The survey's answer when it tested the same text (it tests
            // `raw`, which matches as `trim(raw)` does).
            match seen_probe(i) {
                Some(probe) if lead_events.is_empty() => probe.clone(),
                _ => label::match_label_with(body, &mut memo),
            }
            .or_else(|| stray(i).filter(|_| lead_events.is_empty()))
        }
        .filter(|l| accept_label(l, at_para_start, para, &seen_labels, &style, &mut memo))
        .filter(|l| !(out.blocks.is_empty() && is_heading_label(l)));
        // A file's first line naming who speaks (`President: Donald
        // Trump`), before any text, is a header, not a turn; text before
        // the first label is that person's (`President`).
        let candidate = match candidate {
            Some(l)
                if out.blocks.is_empty()
                    && out.preamble.is_empty()
                    && is_header_pair(&l)
                    && !style.knows_twice(l.name) =>
            {
                out.metadata
                    .push((trim(l.name).to_string(), clean_value(l.rest)));
                b.record(ln, LineKind::Metadata, None, "file header naming a person");
                header_person = Some(Label { rest: "", ..l });
                para = Para::Metadata;
                continue;
            }
            c => c,
        };
        if let Some(l) = candidate {
            for ev in lead_events {
                out.events.push(RawEvent {
                    line: ln,
                    text: ev.to_string(),
                    block: Some(out.blocks.len()),
                });
            }
            inserting = false;
            let reason = match (l.bare_q, style.shape) {
                (true, _) => "bare Q label",
                (false, Shape::Colon) => "speaker label",
                (false, Shape::Period) => "speaker label ending in a period",
            };
            para = start_block(
                &mut out,
                open,
                &mut b,
                &mut seen_labels,
                &mut memo,
                &l,
                ln,
                plain,
                Some(reason),
            );
            continue;
        }

        // Not a label: speech, preamble, stage or metadata by context.
        if inserting {
            b.record(ln, LineKind::Inserted, None, "inserted into the record");
            continue;
        }
        if style.mixed_case
            && (at_para_start || para == Para::Metadata)
            && furniture::is_caps_heading(line)
        {
            out.metadata.push(("heading".into(), line.to_string()));
            b.record(ln, LineKind::Metadata, None, "heading in capitals");
            para = Para::None;
            continue;
        }
        match para {
            Para::Stage if style.blank_separated => {
                if let Some(ev) = out.events.last_mut() {
                    ev.text.push(' ');
                    ev.text.push_str(line);
                }
                b.record(ln, LineKind::Stage, None, "continues a stage direction");
                continue;
            }
            Para::Metadata if style.blank_separated => {
                push_meta_line(&mut out, line);
                b.record(ln, LineKind::Metadata, None, "continues metadata");
                continue;
            }
            _ => {}
        }
        if at_para_start
            && style.blank_separated
            && style.indent_meaningful
            && para != Para::AfterBareLabel
            && crate::transcript::style::indent_of(raw) >= 2
            && before_a_label(&lines, next, &style)
        {
            out.events.push(RawEvent {
                line: ln,
                text: line.to_string(),
                block: None,
            });
            b.record(ln, LineKind::Stage, None, "indented narrative line");
            para = Para::Stage;
            continue;
        }
        if out.blocks.is_empty()
            && let Some(person) = header_person.take()
        {
            para = start_block(
                &mut out,
                open,
                &mut b,
                &mut seen_labels,
                &mut memo,
                &person,
                ln,
                plain,
                None,
            );
        }
        if out.blocks.is_empty() {
            out.preamble.push(line.to_string());
            b.record(ln, LineKind::Preamble, None, "before the first turn");
            para = Para::Preamble;
            continue;
        }
        let idx = out.blocks.len() - 1;
        let new_para = para != Para::Speech;
        // A label after a quote mark or a direction in mid-line:
        // `... the end." TRUMP: Wrong.`, `Thank you. (APPLAUSE) SANDERS: Well,`.
        if !plain
            && style.shape == Shape::Colon
            && may_hold_colon(line)
            && let Some((at, l)) = midline_label(line, &seen_labels, &mut memo)
        {
            append_speech(&mut out, open, idx, trim(&line[..at]), false, ln, new_para);
            para = start_block(
                &mut out,
                open,
                &mut b,
                &mut seen_labels,
                &mut memo,
                &l,
                ln,
                false,
                Some("label in mid-line, after a quote mark or a direction"),
            );
            continue;
        }
        append_speech(&mut out, open, idx, line, plain, ln, new_para);
        b.record(
            ln,
            LineKind::Continuation,
            None,
            if new_para {
                "new paragraph of the current speaker"
            } else {
                "wrapped line"
            },
        );
        para = Para::Speech;
    }

    open.seal(&mut out);
    let spoken = std::mem::take(&mut open.spoken);
    let mut has_events = vec![false; out.blocks.len()];
    for e in &out.events {
        if let Some(flag) = e.block.and_then(|b| has_events.get_mut(b)) {
            *flag = true;
        }
    }
    for (i, block) in out.blocks.iter().enumerate() {
        let has_event = has_events[i];
        if !spoken.get(i).copied().unwrap_or(false) && !has_event {
            out.warnings.push(Warning {
                line: block.first_line,
                message: format!("label `{}` has no speech", block.label),
            });
        }
    }
    if keep_records {
        for r in &mut b.records {
            let i = r.line - 1;
            r.speech_words = open.words.get(i).copied().unwrap_or(0);
            if let (Some(before), Some(after)) =
                (unstripped.as_ref().and_then(|u| u.get(i)), lines.get(i))
                && before.raw.len() > after.raw.len()
            {
                r.margin_words =
                    crate::text::count_words(&before.raw[..before.raw.len() - after.raw.len()]);
            }
        }
    }
    out.records = b.records;
    out
}

/// Seal the open block and open one for label `l` on line `ln`, with the
/// speech after the label; the paragraph state that follows.
/// A label in mid-line after the first opens a block of its own (`... the
/// end." OBAMA: That's not what I said.`). With a `reason`, the line is
/// recorded as a label line and each label's words go to its record;
/// without one the label is not on the line (a header's person, whose
/// speech starts there).
#[allow(clippy::too_many_arguments)]
fn start_block<'a>(
    out: &mut ParsedTranscript,
    open: &mut impl SpeechSink,
    b: &mut Builder,
    seen: &mut SeenLabels,
    memo: &mut label::Memo<'a>,
    l: &Label<'a>,
    ln: usize,
    plain: bool,
    reason: Option<&'static str>,
) -> Para {
    if let Some(reason) = reason.filter(|_| b.keep_records) {
        b.record(ln, LineKind::Label, Some(&normalise_label(l.name)), reason);
    }
    let mut l = l.clone();
    loop {
        if reason.is_some() {
            b.label_words(l.name);
        }
        let name = normalise_label(l.name);
        if !l.bare_q {
            seen.add(&name);
        }
        open.seal(out);
        let anonymous = l.bare_q || label::is_anonymous(&name);
        out.blocks.push(Block {
            label: name,
            anonymous,
            text: String::new(),
            first_line: ln,
            last_line: ln,
            line_starts: Vec::new(),
        });
        if l.rest.is_empty() {
            return Para::AfterBareLabel;
        }
        let idx = out.blocks.len() - 1;
        match (!plain && may_hold_colon(l.rest))
            .then(|| midline_label(l.rest, seen, memo))
            .flatten()
        {
            Some((at, next)) => {
                append_speech(out, open, idx, trim(&l.rest[..at]), false, ln, true);
                l = next;
            }
            None => {
                append_speech(out, open, idx, l.rest, plain, ln, true);
                return Para::Speech;
            }
        }
    }
}

/// Does `line` hold a colon after its first byte (a label in mid-line
/// needs one)?
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

/// Decide whether a label-shaped line really opens a block here.
fn accept_label<'a>(
    l: &Label<'a>,
    at_para_start: bool,
    para: Para,
    seen: &SeenLabels,
    style: &FileStyle,
    memo: &mut label::Memo<'a>,
) -> bool {
    if style.caps_labels && !l.bare_q && !memo.is_all_caps(l.name) {
        // Only a case variant of a label already seen (`ClINTON` after
        // `CLINTON`), or a label alone on its line that starts paragraphs
        // again and again (a play's `First Citizen:` among `MENENIUS:`).
        return seen.contains_any_case(&normalise_label(l.name))
            || l.rest.is_empty() && at_para_start && style.knows_twice(l.name);
    }
    if para == Para::AfterBareLabel && l.rest.is_empty() {
        // Two bare labels in a row: the first had no speech; still a label.
        return true;
    }
    if l.rest.is_empty() {
        // A label alone on its line must start a paragraph (verse lines that
        // end in `:` continue one).
        return at_para_start && style.blank_separated
            || !style.blank_separated && l.name.len() < 40;
    }
    if at_para_start || para == Para::Stage || para == Para::Metadata || para == Para::Preamble {
        return true;
    }
    // Inside a wrapped paragraph: only strong evidence.
    !l.bare_q && (label::is_all_caps(l.name) || seen.contains(&normalise_label(l.name)))
}

fn push_meta_line(out: &mut ParsedTranscript, line: &str) {
    if let Some((k, v)) = label::split_colon(line).filter(|(k, _)| label::metadata_key(k)) {
        out.metadata.push((trim(k).to_string(), clean_value(v)));
    } else if let Some(last) = out
        .metadata
        .last_mut()
        .filter(|(k, _)| k != "time" && k != "trailer")
    {
        last.1.push(' ');
        last.1.push_str(line);
    } else {
        out.metadata.push(("trailer".into(), line.to_string()));
    }
}

fn clean_value(v: &str) -> String {
    trim(v).replace('\u{A0}', " ")
}

/// Split leading `(…)`/`[…]` stage groups off a line.
fn strip_leading_stage(line: &str) -> (Vec<&str>, &str) {
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
struct Open {
    text: String,
    line_starts: Vec<(usize, usize)>,
    /// Give blocks their line starts.
    keep_line_starts: bool,
    /// The last line that added speech.
    last_line: Option<usize>,
}

impl Open {
    fn with_line_starts(keep_line_starts: bool) -> Open {
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
struct Spoken<'s, S> {
    sink: &'s mut S,
    /// The open block has had a piece.
    spoke: bool,
    /// For each sealed block, whether it had speech.
    spoken: Vec<bool>,
    /// Words of speech by line (index = line - 1), when records are kept.
    words: Vec<usize>,
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

/// Append one line of speech to block `idx` (the open one), removing
/// inline stage directions (kept as events) and markdown escapes. `line`
/// comes trimmed, from a [`Line::plain`] line when `plain` (nothing to
/// remove then).
fn append_speech(
    out: &mut ParsedTranscript,
    open: &mut impl SpeechSink,
    idx: usize,
    line: &str,
    plain: bool,
    ln: usize,
    new_para: bool,
) {
    let cleaned = if plain {
        std::borrow::Cow::Borrowed(line)
    } else {
        clean_inline(line, |content| {
            out.events.push(RawEvent {
                line: ln,
                text: content.to_string(),
                block: Some(idx),
            })
        })
    };
    // A line comes trimmed: only a removed direction can leave spaces.
    let cleaned = match &cleaned {
        std::borrow::Cow::Borrowed(c) => c,
        std::borrow::Cow::Owned(c) => trim(c),
    };
    if cleaned.is_empty() || idx >= out.blocks.len() {
        return;
    }
    open.piece(cleaned, ln, new_para);
}

/// Remove inline stage directions and markdown escapes from a line of
/// speech. `on_event` receives each removed direction's content.
pub fn clean_inline(line: &str, mut on_event: impl FnMut(&str)) -> std::borrow::Cow<'_, str> {
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
        return std::borrow::Cow::Borrowed(line);
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
    std::borrow::Cow::Owned(out)
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

/// If the file opens with `---`, the index of the closing `---` line.
fn front_matter_end(lines: &[Line<'_>]) -> Option<usize> {
    if lines.first()?.raw.trim_end() != "---" {
        return None;
    }
    lines
        .iter()
        .enumerate()
        .skip(1)
        .take(200)
        .find(|(_, l)| {
            let t = l.raw.trim_end();
            t == "---" || t == "..."
        })
        .map(|(i, _)| i)
}

/// Read `key: value` pairs of simple YAML front matter, with folded
/// continuation lines and double- or single-quoted scalars.
fn parse_front_matter(lines: &[&str], out: &mut Vec<(String, String)>) {
    let mut entries: Vec<(String, String)> = Vec::new();
    for line in lines {
        let starts_key = !line.starts_with([' ', '\t']) && line.contains(':');
        if starts_key && let Some((k, v)) = line.split_once(':') {
            entries.push((k.trim().to_string(), v.trim().to_string()));
            continue;
        }
        if let Some(last) = entries.last_mut() {
            last.1.push('\n');
            last.1.push_str(line.trim());
        }
    }
    for (k, v) in entries {
        out.push((k, yaml_scalar(&v)));
    }
}

/// Unquote a YAML scalar as front matter writes them.
fn yaml_scalar(v: &str) -> String {
    let v = v.trim();
    let s = if let Some(inner) = v.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        let mut out = String::new();
        let mut chars = inner.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some('\n') => {
                        // Escaped line break: join without a space, skip indentation.
                        while chars.peek().is_some_and(|c| *c == ' ') {
                            chars.next();
                        }
                    }
                    Some('_') => out.push(' '),
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some(' ') => out.push(' '),
                    Some('"') => out.push('"'),
                    Some('\\') => out.push('\\'),
                    Some('/') => out.push('/'),
                    Some(other) => {
                        out.push('\\');
                        out.push(other);
                    }
                    None => {}
                },
                '\n' => out.push(' '),
                c => out.push(c),
            }
        }
        out
    } else if let Some(inner) = v.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) {
        inner.replace("''", "'").replace('\n', " ")
    } else {
        v.replace('\n', " ")
    };
    s.replace('\u{A0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::path::PathBuf;

    fn src(text: &str) -> Source {
        Source {
            id: "t".into(),
            path: PathBuf::from("t.txt"),
            text: text.into(),
            sha256: String::new(),
            bytes: text.len() as u64,
            markup: None,
        }
    }

    #[test]
    fn front_matter_title_unescapes() {
        let p = parse_with_records(&src(
            "---\ndate: '2024-02-22'\ntitle: \"On-the-Record Press Gaggle by White\\_House National Security Communications\\\n  \\ Advisor John\\_Kirby\"\n---\nMR. KIRBY:  Thanks.\n",
        ));
        assert_eq!(p.meta("date"), Some("2024-02-22"));
        assert_eq!(
            p.meta("title"),
            Some(
                "On-the-Record Press Gaggle by White House National Security Communications Advisor John Kirby"
            )
        );
        assert_eq!(p.blocks.len(), 1);
    }

    /// `clean_inline` as first written, searching afresh at each bracket:
    /// the reference for the one whose searches only move forward.
    fn clean_inline_reference(
        line: &str,
        mut on_event: impl FnMut(&str),
    ) -> std::borrow::Cow<'_, str> {
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
            return std::borrow::Cow::Borrowed(line);
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
        std::borrow::Cow::Owned(out)
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
