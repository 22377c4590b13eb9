//! The single integration-test binary: one module per capability.

mod cli;
mod stats;
mod transcript;
mod util;
