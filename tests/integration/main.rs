//! The single integration-test binary: one module per capability.

mod cli;
mod houses;
mod keyness;
mod report;
mod stats;
mod stream;
mod text;
mod transcript;
mod util;
