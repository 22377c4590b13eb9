//! Mergeable term counts.
