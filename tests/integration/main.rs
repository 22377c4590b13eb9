//! The single integration-test binary: one module per capability.

mod stats;
mod transcript;
mod util;
