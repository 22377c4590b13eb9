//! Report.
pub mod charts;
