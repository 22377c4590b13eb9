//! Probable typos among labels.
