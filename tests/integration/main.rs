//! The single integration-test binary: one module per capability.

mod cli;
mod ingest;
mod keyness;
mod output;
mod report;
mod stats;
mod stream;
mod text;
mod transcript;
mod util;
