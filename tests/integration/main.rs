//! The single integration-test binary: one module per capability.

mod cli;
mod keyness;
mod report;
mod speakers;
mod stats;
mod stream;
mod text;
mod transcript;
mod util;
