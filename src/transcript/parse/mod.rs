//! The line parser: classifies every line of a transcript (front matter,
//! metadata, stage direction, preamble, label, continuation, blank) and
//! gathers labelled blocks of speech with their line spans, the speech
//! joined into each block's text or handed piece by piece to a
//! [`SpeechSink`]. A look at the whole file first (`style`) decides
//! its layout and its one label shape; the rules about a line in its
//! context are in `rules`, page furniture in `furniture`. Here, the
//! state machine that goes down the lines is in `state`, with one method
//! per kind of line; how a label opens a block in `labels`; the cleaning
//! of speech and the sinks that take it in `speech`; front matter and
//! metadata lines in `metadata`; the line records of `tribune parse` in
//! `records`. It knows labels only as written; [`super::speakers`]
//! decides who they are.

mod labels;
mod metadata;
mod records;
mod speech;
mod state;

use serde::Serialize;

use crate::ingest::Source;
use speech::Open;

pub use super::label::normalise_label;
pub use super::style::Shape;
pub use speech::clean_inline;

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

fn parse_text(source: &Source, keep_records: bool, sink: &mut impl SpeechSink) -> ParsedTranscript {
    state::parse_lines(source, keep_records, sink)
}
