//! The hash maps of the hot paths (tokenizing and counting: short string
//! keys and integer ids), on `foldhash`'s fast hasher with a fixed seed:
//! quick on short keys and the same from run to run. Not DoS-resistant,
//! which is fine for local files, and output order never depends on it
//! (every table is sorted before it is written).

use std::collections::{HashMap, HashSet};

/// The hasher builder: `foldhash`'s fast hasher, fixed seed.
pub type FastBuildHasher = foldhash::fast::FixedState;
/// A `HashMap` on [`FastBuildHasher`].
pub type FastMap<K, V> = HashMap<K, V, FastBuildHasher>;
/// A `HashSet` on [`FastBuildHasher`].
pub type FastSet<K> = HashSet<K, FastBuildHasher>;
