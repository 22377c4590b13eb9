//! tribune: statistics of spoken transcripts.
//!
//! The library is a pipeline of plain data: [`ingest`] (bytes from files and
//! standard input) → [`transcript`] (turns, speakers, roles, exchanges) →
//! [`text`] (words, tokens, stems) → [`count`] (mergeable term counts) →
//! [`stats`] (pure statistics) → [`analysis`] (the corpus and the statistics
//! joined into plain rows and [`table`]s) → [`report`] (charts and documents
//! as bytes). Only the `tribune` binary touches the terminal and writes files.

pub mod analysis;
pub mod count;
pub mod error;
pub mod ingest;
pub mod report;
mod simd;
pub mod stats;
pub mod table;
pub mod text;
pub mod transcript;

pub use error::{Error, Result};
