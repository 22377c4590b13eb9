//! The single integration-test binary: one module per capability.

mod cli;
mod keyness;
mod report;
mod stats;
mod text;
mod transcript;
mod util;
