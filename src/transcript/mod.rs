//! The transcript model: what tribune knows about who spoke, when, in which
//! role and in answer to whom. [`parse`] turns a [`Source`] into a
//! [`ParsedTranscript`] (lines, labels, turns); [`speakers`] resolves labels
//! into corpus-wide [`Speaker`]s (aliases, roster, roles); [`exchange`]
//! groups turns into question–answer [`Exchange`]s. [`Corpus::build`] runs
//! the three in order.

pub mod accounting;
pub mod exchange;
mod furniture;
pub mod group;
pub mod label;
mod lines;
pub mod outlets;
pub mod parse;
pub mod period;
pub mod roster;
mod rules;
pub mod speakers;
mod style;

use serde::Serialize;

use crate::error::Result;
use crate::ingest::Source;

pub use exchange::Exchange;
pub use parse::{LineKind, LineRecord, ParsedTranscript, Warning};
pub use roster::Roster;

/// A speaker's part in the event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Chairs, moderates, routes questions.
    Host,
    /// Answers at the podium: spokespeople, ministers, candidates.
    Official,
    /// Asks: reporters, outlets, audience.
    Questioner,
    /// Anyone else.
    Other,
}

impl Role {
    /// The lower-case name used in tables, JSON and specs.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Host => "host",
            Role::Official => "official",
            Role::Questioner => "questioner",
            Role::Other => "other",
        }
    }

    /// Parse a role name as written in rosters and specs.
    pub fn parse(s: &str) -> Option<Role> {
        match s.trim().to_ascii_lowercase().as_str() {
            "host" | "moderator" | "chair" => Some(Role::Host),
            "official" | "speaker" | "panelist" | "candidate" => Some(Role::Official),
            "questioner" | "reporter" | "outlet" | "audience" => Some(Role::Questioner),
            "other" => Some(Role::Other),
            _ => None,
        }
    }

    /// Every role, in display order.
    pub const ALL: [Role; 4] = [Role::Host, Role::Official, Role::Questioner, Role::Other];
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A stage direction or other non-speech event (`(Laughter.)`, `[crosstalk]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    /// 1-based line of the source file.
    pub line: usize,
    /// The text of the direction, brackets removed (`Laughter.`).
    pub text: String,
    /// Normalised kind: lower-case letters of the first word (`laughter`).
    pub kind: String,
    /// Index of the turn it interrupted, if it was inline in one.
    pub turn: Option<usize>,
}

/// The maximal stretch of speech by one speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Turn {
    /// Position in its transcript, 0-based.
    pub index: usize,
    /// Index into [`Corpus::speakers`].
    pub speaker: usize,
    /// The label as written on the first block (`MS. PSAKI`).
    pub label: String,
    /// The speech: hard-wrapped lines joined by a space, paragraphs by `\n`,
    /// inline stage directions removed.
    pub text: String,
    /// 1-based first line.
    pub first_line: usize,
    /// 1-based last line with speech.
    pub last_line: usize,
    /// `(byte offset in text, 1-based source line)` for each source line
    /// that contributed text, in order: maps a position back to its line.
    pub line_starts: Vec<(usize, usize)>,
    /// Number of words (`unicode_words()`) in `text`.
    pub words: usize,
    /// The outlet the turn speaks for: its speaker's, or for a question
    /// turn of an anonymous questioner the one the host named (set with
    /// the exchanges; one name per outlet, see [`outlets`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
}

impl Turn {
    /// The 1-based source line that holds byte `offset` of `text`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search_by(|(o, _)| o.cmp(&offset)) {
            Ok(i) => self.line_starts[i].1,
            Err(0) => self.first_line,
            Err(i) => self.line_starts[i - 1].1,
        }
    }
}

/// One transcript of the corpus.
#[derive(Debug, Clone, Serialize)]
pub struct Transcript {
    /// Identifier (file stem).
    pub id: String,
    /// Path as given.
    pub path: String,
    /// SHA-256 of the raw bytes (empty in a corpus built with
    /// [`BuildOptions::speakers_only`]).
    pub sha256: String,
    /// Title from metadata, or the first preamble line.
    pub title: Option<String>,
    /// Date (`YYYY-MM-DD`) from metadata or the file name.
    pub date: Option<String>,
    /// Metadata pairs in file order (front matter, `Source:` lines...).
    pub metadata: Vec<(String, String)>,
    /// Text before the first turn.
    pub preamble: Vec<String>,
    /// The turns, in order.
    pub turns: Vec<Turn>,
    /// Stage directions and other events.
    pub events: Vec<Event>,
    /// Question–answer exchanges.
    pub exchanges: Vec<Exchange>,
    /// Oddities the parser got past.
    pub warnings: Vec<Warning>,
    /// Number of lines in the file.
    pub lines: usize,
}

/// A speaker of the corpus, after aliases are merged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Speaker {
    /// Canonical name.
    pub name: String,
    /// Inferred or rostered role.
    pub role: Role,
    /// The organisation a questioner speaks for, where known.
    pub outlet: Option<String>,
    /// Other labels merged into this speaker.
    pub aliases: Vec<String>,
    /// Why the speaker got its role (and aliases), in order of decision.
    pub explain: Vec<String>,
    /// True for anonymous labels such as a bare `Q`: consecutive turns are
    /// different people and never merge.
    pub anonymous: bool,
}

/// A set of transcripts with corpus-wide speakers.
#[derive(Debug, Clone, Serialize)]
pub struct Corpus {
    /// Transcripts in input order.
    pub transcripts: Vec<Transcript>,
    /// Speakers, in order of first appearance.
    pub speakers: Vec<Speaker>,
    /// The outlet names the corpus uses, and their variants.
    #[serde(skip)]
    pub outlets: outlets::Outlets,
}

/// Options for building a corpus.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Roster that overrides inference.
    pub roster: Option<Roster>,
    /// Turn parser warnings into errors.
    pub strict: bool,
    /// Speakers and turns only: skip the turn word counts, role inference
    /// (roles stay `other` unless the roster sets them), exchanges and (in
    /// [`Corpus::from_paths`]) the files' SHA-256, which term counts by
    /// speaker, transcript or corpus do not read.
    pub speakers_only: bool,
}

impl Corpus {
    /// Parse every source and resolve speakers, roles and exchanges.
    pub fn build(sources: &[Source], options: &BuildOptions) -> Result<Corpus> {
        use rayon::prelude::*;
        let parsed: Vec<ParsedTranscript> = sources.par_iter().map(parse::parse).collect();
        Corpus::from_parsed(parsed, options)
    }

    /// Read, decode and parse files in parallel, dropping each file's raw
    /// text as soon as it is parsed (peak memory stays near the size of the
    /// speech, not twice the corpus), then resolve speakers.
    pub fn from_paths(
        paths: &[std::path::PathBuf],
        encoding: crate::ingest::Encoding,
        options: &BuildOptions,
    ) -> Result<Corpus> {
        use rayon::prelude::*;
        let parsed: Vec<Result<ParsedTranscript>> = paths
            .par_iter()
            .map(|p| {
                crate::ingest::read_source_hashed(p, encoding, !options.speakers_only)
                    .map(|s| parse::parse(&s))
            })
            .collect();
        let parsed = crate::error::first_error(parsed)?;
        Corpus::from_parsed(parsed, options)
    }

    /// Resolve parsed transcripts into a corpus.
    pub fn from_parsed(
        mut parsed: Vec<ParsedTranscript>,
        options: &BuildOptions,
    ) -> Result<Corpus> {
        check_files(&mut parsed, options.strict)?;
        let mut corpus = speakers::resolve(parsed, options.roster.as_ref(), options.speakers_only)?;
        if options.speakers_only {
            return Ok(corpus);
        }
        {
            use rayon::prelude::*;
            let speakers = &corpus.speakers;
            corpus
                .transcripts
                .par_iter_mut()
                .for_each(|t| t.exchanges = exchange::exchanges(t, speakers));
        }
        resolve_outlets(&mut corpus, options.roster.as_ref());
        Ok(corpus)
    }

    /// Total words over all turns.
    pub fn total_words(&self) -> usize {
        self.transcripts
            .iter()
            .flat_map(|t| &t.turns)
            .map(|t| t.words)
            .sum()
    }

    /// Iterate `(transcript, turn)` over the whole corpus.
    pub fn turns(&self) -> impl Iterator<Item = (&Transcript, &Turn)> {
        self.transcripts
            .iter()
            .flat_map(|t| t.turns.iter().map(move |u| (t, u)))
    }
}

/// Give every outlet its one name (speakers', then exchanges', in corpus
/// order) and each turn its outlet.
fn resolve_outlets(corpus: &mut Corpus, roster: Option<&Roster>) {
    let mut o = outlets::Outlets::new(roster.map_or(&[], |r| &r.outlets));
    for s in &mut corpus.speakers {
        if let Some(x) = s.outlet.take() {
            s.outlet = Some(o.resolve(&x));
        }
    }
    for t in &mut corpus.transcripts {
        for e in &mut t.exchanges {
            if let Some(x) = e.outlet.take() {
                e.outlet = Some(o.resolve(&x));
            }
        }
        for u in &mut t.turns {
            u.outlet = corpus
                .speakers
                .get(u.speaker)
                .and_then(|s| s.outlet.clone());
        }
        for e in &t.exchanges {
            for &q in &e.question_turns {
                if let Some(u) = t.turns.get_mut(q).filter(|u| u.outlet.is_none()) {
                    u.outlet = e.outlet.clone();
                }
            }
        }
    }
    corpus.outlets = o;
}

/// Turns and words per speaker, indexed like [`Corpus::speakers`].
pub fn speaker_totals(corpus: &Corpus) -> Vec<(usize, usize)> {
    let mut out = vec![(0usize, 0usize); corpus.speakers.len()];
    for (_, turn) in corpus.turns() {
        if let Some(e) = out.get_mut(turn.speaker) {
            e.0 += 1;
            e.1 += turn.words;
        }
    }
    out
}

/// What [`check_files`] reads of a parsed file.
pub(crate) trait FileCheck {
    /// The path as given.
    fn path(&self) -> &str;
    /// Its number of lines.
    fn lines(&self) -> usize;
    /// Does it have speaker turns?
    fn has_turns(&self) -> bool;
    /// Its warnings.
    fn warnings(&mut self) -> &mut Vec<Warning>;
}

impl FileCheck for ParsedTranscript {
    fn path(&self) -> &str {
        &self.path
    }
    fn lines(&self) -> usize {
        self.lines
    }
    fn has_turns(&self) -> bool {
        !self.blocks.is_empty()
    }
    fn warnings(&mut self) -> &mut Vec<Warning> {
        &mut self.warnings
    }
}

/// The checks of parsed files (in input order) before their speakers are
/// resolved. A lone file without turns is an error; in a corpus it is
/// skipped with a warning (announcements and readouts sit among
/// briefings). With `strict`, a file without turns or the first warning
/// is an error.
pub(crate) fn check_files<F: FileCheck>(files: &mut [F], strict: bool) -> Result<()> {
    let with_turns = files.iter().filter(|p| p.has_turns()).count();
    for p in files.iter_mut() {
        if !p.has_turns() {
            // An empty file (ingest leaves no line of a blank one) is
            // treated as a file without turns, and named as empty.
            let empty = p.lines() == 0;
            if with_turns == 0 || strict {
                let path = p.path().into();
                return Err(if empty {
                    crate::Error::Empty { path }
                } else {
                    crate::Error::NoTurns {
                        path,
                        lines: p.lines(),
                    }
                });
            }
            let message = if empty {
                "file is empty; the file is skipped"
            } else {
                "no speaker turns found; the file is skipped"
            };
            p.warnings().push(Warning {
                line: 1,
                message: message.into(),
            });
        }
    }
    if strict {
        for p in files.iter_mut() {
            if let Some((line, message)) = p.warnings().first().map(|w| (w.line, w.message.clone()))
            {
                return Err(crate::Error::Strict {
                    path: p.path().into(),
                    line,
                    message,
                });
            }
        }
    }
    Ok(())
}
