//! Analysis: joins a [`crate::transcript::Corpus`] with the pure statistics
//! into plain rows (serde structures) and their [`crate::table::Table`]s. The
//! command line and the report both render from here, so a number is
//! computed in one place.

pub mod diversity;
pub mod exchanges;
pub mod keyness;
pub mod kwic;
pub mod speakers;
pub mod terms;
pub mod turns;
