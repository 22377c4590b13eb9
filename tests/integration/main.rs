//! The single integration-test binary: one module per capability.

mod bounded;
mod cli;
mod figures;
mod houses;
mod ingest;
mod keyness;
mod output;
mod page;
mod report;
mod safety;
mod speakers;
mod stats;
mod stream;
mod text;
mod transcript;
mod util;
