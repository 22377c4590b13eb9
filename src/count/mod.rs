//! Term counting: one engine behind a small API. [`term_table`] gives the
//! ranked terms of every group of turns ([`TermTable`]) for transcript files
//! or a corpus, a grouping and an analyzer; [`count_groups`] (and
//! [`count_corpus`], the groups of a [`GroupBy`]) gives mergeable
//! [`TermCounts`] of strings for the groups of a corpus in memory, and
//! [`display_forms`] each term's form to show over several of them.
//!
//! Whatever the caller asks for, the words are counted by the same
//! accumulators: per thread, words are looked up in a word cache in front
//! of one vocabulary shared by all threads (`vocab`), tallied in dense
//! arrays (`tally`) into groups (`acc`); the accumulators are merged and
//! the counts in ids named and ranked (`table`). A corpus in memory is
//! counted in parallel turn blocks (`corpus`); terms by speaker of files
//! without a roster are counted in one pass over the files instead, without
//! building a corpus (`stream`): [`term_table`] chooses.

mod acc;
mod corpus;
mod counts;
mod kept;
mod stream;
mod table;
mod tally;
mod vocab;

use std::path::PathBuf;

use crate::error::Result;
use crate::ingest::Encoding;
use crate::text::Analyzer;
use crate::transcript::group::{Group, GroupBy, groups};
use crate::transcript::{BuildOptions, Corpus, Roster, Warning};

pub use counts::{Ranked, TermCounts, TermStat, display_forms};
pub use table::{TableGroup, TableRow, TermTable};

/// Transcript files to count, as a corpus would be built from them.
#[derive(Debug)]
pub struct Files {
    /// The files, in corpus order.
    pub paths: Vec<PathBuf>,
    /// Their text encoding.
    pub encoding: Encoding,
    /// A roster that sets speakers' names, aliases, roles and outlets.
    pub roster: Option<Roster>,
    /// Parser warnings are errors.
    pub strict: bool,
}

/// What a term table is counted from.
#[derive(Debug)]
pub enum Input {
    /// Files, read here: in one pass when the grouping allows it.
    Files(Files),
    /// A corpus already built, dropped as soon as its words are counted
    /// (before the table is built, which lowers the peak memory).
    Corpus(Corpus),
}

/// A term table, with the warnings of the files it counts.
#[derive(Debug)]
pub struct Terms {
    /// The ranked counts, one group per group of the grouping, in its order.
    pub table: TermTable,
    /// `(path, warning)` in corpus order, as the corpus holds them.
    pub warnings: Vec<(String, Warning)>,
}

/// The ranked terms of every group of `by` over `input`, through
/// `analyzer`. Terms by speaker of files without a roster are counted in
/// one pass over the files, without building a corpus (the same table;
/// when the labels resolve so that a bare `Q` and a named label are one
/// speaker, which that pass does not handle, a corpus is built after all).
pub fn term_table(input: Input, by: GroupBy, analyzer: &Analyzer) -> Result<Terms> {
    let mut corpus = match input {
        Input::Corpus(corpus) => corpus,
        Input::Files(files) => {
            if by == GroupBy::Speaker && files.roster.is_none() {
                let streamed =
                    stream::count_by_speaker(&files.paths, files.encoding, files.strict, analyzer)?;
                if let Some(terms) = streamed {
                    return Ok(terms);
                }
            }
            let options = BuildOptions {
                roster: files.roster,
                strict: files.strict,
                speakers_only: !by.needs_roles(),
            };
            Corpus::from_paths(&files.paths, files.encoding, &options)?
        }
    };
    let mut warnings = Vec::new();
    for t in &mut corpus.transcripts {
        let path = &t.path;
        warnings.extend(
            std::mem::take(&mut t.warnings)
                .into_iter()
                .map(|w| (path.clone(), w)),
        );
    }
    let gs = groups(&corpus, by);
    let counted = corpus::count_phase(&corpus, &gs, analyzer);
    drop(corpus);
    let names = gs.into_iter().map(|g| g.name).collect();
    Ok(Terms {
        table: counted.into_table(names),
        warnings,
    })
}

/// Count every group of `by` over the corpus: `(group name, counts)` in
/// the order of [`groups`].
pub fn count_corpus(
    corpus: &Corpus,
    by: GroupBy,
    analyzer: &Analyzer,
) -> Vec<(String, TermCounts)> {
    let gs = groups(corpus, by);
    let counts = count_groups(corpus, &gs, analyzer);
    gs.into_iter().map(|g| g.name).zip(counts).collect()
}

/// Count each group's turns, in parallel; one [`TermCounts`] per group, in
/// the order given. A turn listed in two groups counts in both. Turns that
/// do not exist are skipped.
pub fn count_groups(corpus: &Corpus, groups: &[Group], analyzer: &Analyzer) -> Vec<TermCounts> {
    corpus::count_phase(corpus, groups, analyzer).into_counts()
}
