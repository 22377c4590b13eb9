//! The report as one documented serde structure: everything the HTML page,
//! the Markdown file, the CSV tables and the charts are rendered from, and
//! what `report.json` holds. Field names are part of the JSON contract.

use serde::Serialize;

use super::charts::Length;

use crate::analysis::diversity::DiversityRow;
use crate::analysis::exchanges::{ExchangeRow, OutletRow};
use crate::analysis::keyness::Keyness;
use crate::analysis::kwic::Hit;
use crate::analysis::speakers::SpeakerRow;
use crate::analysis::terms::TermRow;
use crate::analysis::turns::TurnStats;

/// Everything in a report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The report's title.
    pub title: String,
    /// Folder name of the report (`reports/<name>/`).
    pub name: String,
    /// Corpus-wide figures.
    pub overview: Overview,
    /// Each input file.
    pub inputs: Vec<InputInfo>,
    /// Every speaker, most words first.
    pub speakers: Vec<SpeakerRow>,
    /// The speakers given their own sections (most words first), at most
    /// `ReportOptions::featured`.
    pub featured: Vec<String>,
    /// Turn lengths per speaker, then the all-turns row.
    pub turns_by_speaker: Vec<TurnStats>,
    /// Turn lengths per role, then the all-turns row.
    pub turns_by_role: Vec<TurnStats>,
    /// Words per turn of each featured speaker and each role, for box plots.
    pub turn_words: Vec<GroupValues>,
    /// Every exchange.
    pub exchanges: Vec<ExchangeRow>,
    /// Per-outlet exchange figures.
    pub outlets: Vec<OutletRow>,
    /// Per transcript, its turns in order (speaker, words): the timeline.
    pub timeline: Vec<TimelineEntry>,
    /// Top terms of each featured speaker.
    pub terms: Vec<TermRow<'static>>,
    /// One-vs-rest keyness of each featured speaker (top terms each side).
    pub keyness: Vec<Keyness>,
    /// The two speakers with most words head to head (log-odds), if there are two.
    pub comparison: Option<Keyness>,
    /// Lexical diversity per speaker.
    pub diversity: Vec<DiversityRow>,
    /// Where the key terms occur along the corpus.
    pub dispersion: Dispersion,
    /// Key terms in context: a few lines for each featured speaker's top terms.
    pub evidence: Vec<Evidence>,
    /// How every number was computed.
    pub methods: Methods,
    /// Speakers' names left out of each keyness table (absent when none
    /// was, e.g. with `--keep-names`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub names_left_out: Vec<NamesLeftOut>,
    /// Printed size and resolution of the figures (not part of the JSON:
    /// the options as given are in `methods.options`).
    #[serde(skip)]
    pub figure: FigureOptions,
}

/// The table name of the two-speaker comparison in [`Report::names_left_out`].
pub const COMPARISON: &str = "comparison";

/// Speakers' names a keyness table would have shown, left out.
#[derive(Debug, Clone, Serialize)]
pub struct NamesLeftOut {
    /// The table: its target, or [`COMPARISON`].
    pub table: String,
    /// The names' display forms, strongest first.
    pub terms: Vec<String>,
}

/// Printed size and resolution of the figures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FigureOptions {
    /// Printed width (default 6.5 in).
    pub width: Length,
    /// Dots per inch of the PNGs (default 300).
    pub dpi: u32,
}

impl Default for FigureOptions {
    fn default() -> FigureOptions {
        FigureOptions {
            width: Length::default(),
            dpi: 300,
        }
    }
}

/// Corpus-wide figures.
#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    pub transcripts: usize,
    pub transcripts_skipped: usize,
    pub turns: usize,
    pub words: usize,
    pub tokens: u64,
    pub speakers: usize,
    pub exchanges: usize,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub stage_directions: usize,
}

/// One input file.
#[derive(Debug, Clone, Serialize)]
pub struct InputInfo {
    pub id: String,
    pub path: String,
    pub sha256: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub turns: usize,
    pub words: usize,
}

/// A named list of values (words per turn of a group).
#[derive(Debug, Clone, Serialize)]
pub struct GroupValues {
    /// `speaker` or `role`.
    pub group_by: &'static str,
    pub group: String,
    pub values: Vec<u64>,
}

/// One transcript's turns in order.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry {
    pub transcript: String,
    /// `(speaker, words)` per turn.
    pub turns: Vec<(String, u64)>,
}

/// Token positions of the key terms.
#[derive(Debug, Clone, Serialize)]
pub struct Dispersion {
    /// Tokens in the corpus (the x axis).
    pub total_tokens: u64,
    /// Where each transcript starts, in tokens.
    pub transcripts: Vec<(String, u64)>,
    /// Each key term with the positions of its occurrences.
    pub terms: Vec<DispersedTerm>,
}

/// One key term along the corpus.
#[derive(Debug, Clone, Serialize)]
pub struct DispersedTerm {
    pub term: String,
    pub display: String,
    /// Whose key term it is.
    pub speaker: String,
    pub positions: Vec<u64>,
}

/// Quotable lines for one key term of one speaker.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    pub speaker: String,
    pub term: String,
    pub display: String,
    /// G² of the term for the speaker.
    pub g2: f64,
    pub lines: Vec<Hit>,
}

/// Methods and reproducibility.
#[derive(Debug, Clone, Serialize)]
pub struct Methods {
    pub tribune_version: String,
    pub tokenizer: String,
    pub language: String,
    pub stemmer: String,
    pub stopwords: String,
    pub numbers: String,
    pub keyness: String,
    pub correction: String,
    pub adjustment: String,
    pub min_count: u64,
    pub log_odds: String,
    pub diversity: String,
    pub roles: String,
    /// The options as given, `--flag value` pairs in a fixed order.
    pub options: Vec<(String, String)>,
}
