//! The count of a corpus in memory, in parallel: its groups' turns,
//! sorted by group, are handed out in small blocks from both ends of the
//! list ([`Ends`]) to one accumulator per thread, all classifying words into
//! one shared vocabulary; the accumulators are then merged (no ids to
//! translate) into counts in ids ([`Counted`]).

use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use super::acc::Acc;
use super::table::Counted;
use super::vocab::SharedWords;
use crate::text::Analyzer;
use crate::transcript::Corpus;
use crate::transcript::group::Group;

/// The parallel counting pass, in interned ids.
pub(super) fn count_phase(corpus: &Corpus, groups: &[Group], analyzer: &Analyzer) -> Counted {
    let mut items: Vec<Item<'_>> = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        for &(t, u) in &group.turns {
            if let Some(turn) = corpus.transcripts.get(t).and_then(|x| x.turns.get(u)) {
                items.push(Item {
                    order: (t, u),
                    group: g,
                    speaker: turn.speaker as u32,
                    text: &turn.text,
                });
            }
        }
    }
    // By group, then corpus order: a group's turns come in runs (see
    // `Pending`), and one speaker's neighbouring turns share vocabulary.
    items.sort_by_key(|i| (i.group, i.order));
    // One accumulator per thread (each with its own word caches, all
    // classifying into one shared vocabulary: see `SharedWords`), fed small
    // blocks of turns from both ends of the list (see `Ends`) so that a
    // slower thread simply takes fewer blocks; then the accumulators are
    // merged.
    const BLOCK: usize = 32;
    let total: usize = items.iter().map(|i| i.text.len()).sum();
    let workers = if total < (1 << 20) {
        1
    } else {
        rayon::current_num_threads().max(1)
    };
    let block = BLOCK.max(items.len().div_ceil(u32::MAX as usize));
    let ends = Ends::new(items.len().div_ceil(block));
    let n = groups.len();
    let ngram = analyzer.options().ngram;
    let words = SharedWords::default();
    let acc = (0..workers)
        .into_par_iter()
        .with_max_len(1)
        .map(|w| {
            let mut acc = Acc::new(n, ngram, words.clone());
            while let Some(b) = ends.take(w % 2 == 1) {
                let start = b * block;
                let Some(turns) = items.get(start..(start + block).min(items.len())) else {
                    break;
                };
                for it in turns {
                    acc.add_turn(analyzer, it.text, it.group, it.speaker);
                }
            }
            acc.flush();
            acc
        })
        .reduce_with(|mut a, b| {
            a.merge(b);
            a
        })
        .unwrap_or_else(|| Acc::new(n, ngram, words.clone()));
    acc.finish()
}

/// Blocks of a list handed out from both ends: even workers take from the
/// front, odd ones from the back, until the two meet. Two workers thus each
/// count a contiguous part of the turns (sorted by group), and each one's
/// vocabulary is mostly its own part's: fewer words are looked up in the
/// shared vocabulary by both.
pub(super) struct Ends {
    /// The next front block in the high half, the end of the blocks not
    /// taken from the back in the low half.
    both: AtomicU64,
}

impl Ends {
    pub(super) fn new(blocks: usize) -> Ends {
        Ends {
            both: AtomicU64::new(u64::from(u32::try_from(blocks).unwrap_or(u32::MAX))),
        }
    }

    /// How many blocks are left.
    pub(super) fn left(&self) -> usize {
        let cur = self.both.load(Ordering::Relaxed);
        let (front, back) = (cur >> 32, cur & u64::from(u32::MAX));
        back.saturating_sub(front) as usize
    }

    /// The next block from the back (`from_back`) or the front, if any is
    /// left.
    pub(super) fn take(&self, from_back: bool) -> Option<usize> {
        let mut cur = self.both.load(Ordering::Relaxed);
        loop {
            let (front, back) = (cur >> 32, cur & u64::from(u32::MAX));
            if front >= back {
                return None;
            }
            let (next, block) = if from_back {
                ((front << 32) | (back - 1), back - 1)
            } else {
                (((front + 1) << 32) | back, front)
            };
            match self
                .both
                .compare_exchange_weak(cur, next, Ordering::AcqRel, Ordering::Relaxed)
            {
                Ok(_) => return Some(block as usize),
                Err(now) => cur = now,
            }
        }
    }
}
/// A turn to count: its place in the corpus, group, speaker and text.
struct Item<'c> {
    order: (usize, usize),
    group: usize,
    speaker: u32,
    text: &'c str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends_hand_out_every_block_once() {
        for blocks in [0usize, 1, 2, 7] {
            let ends = Ends::new(blocks);
            let mut got = Vec::new();
            let mut back = true;
            assert_eq!(ends.left(), blocks);
            while let Some(b) = ends.take(back) {
                got.push(b);
                back = !back;
                assert_eq!(ends.left(), blocks - got.len());
            }
            got.sort_unstable();
            assert_eq!(got, (0..blocks).collect::<Vec<_>>());
        }
        // From one end only, in order.
        let ends = Ends::new(3);
        let order: Vec<usize> = std::iter::from_fn(|| ends.take(true)).collect();
        assert_eq!(order, [2, 1, 0]);
    }
}
