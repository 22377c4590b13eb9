//! Pure statistical functions: turn-length summaries, keyness, weighted
//! log-odds and lexical diversity. No I/O, no knowledge of transcripts.

pub mod describe;
pub mod keyness;
pub mod lexdiv;
pub mod logodds;

pub use describe::{Summary, summarize};
pub use keyness::{
    Adjust, Contingency, Correction, KeynessError, KeynessOptions, KeynessRow, LogOddsPrior,
    Measure, PSource, TermPair, benjamini_hochberg, bonferroni, keyness_table, p_value, sort_rows,
};
pub use lexdiv::{Diversity, DiversityOptions, diversity};
pub use logodds::{LogOdds, LogOddsInput, Variance, weighted_log_odds};
