//! What the word scanners share: the [`PieceSink`] that takes the pieces
//! of a text, the [`Flow`] of a walk over a text's regions, and the test
//! of the gap between two pieces for a sentence end. Both the region
//! walk ([`super::words`]) and the bit-parallel scanner (the private
//! `bits` module) use it; it uses neither.

/// What takes the pieces of a text, one by one: a closure
/// `f(start, end, sentence_start)`, or a type whose `piece` is inlined
/// into the scanner's loop (a closure that does much may not be).
pub trait PieceSink {
    /// The piece `text[start..end]`; `sentence_start` as in
    /// [`super::words::for_each_piece`] (always false from
    /// [`super::words::for_each_piece_plain`]).
    fn piece(&mut self, start: usize, end: usize, sentence_start: bool);
}

impl<F: FnMut(usize, usize, bool)> PieceSink for F {
    #[inline(always)]
    fn piece(&mut self, start: usize, end: usize, sentence_start: bool) {
        self(start, end, sentence_start)
    }
}

/// Where a walk over pieces stands: has a piece been given yet, and where
/// the last one ended (the gap after it decides the next sentence start).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Flow {
    /// At least one piece was given.
    pub started: bool,
    /// Byte offset just past the last piece.
    pub prev_end: usize,
}

/// Does the text between two words end a sentence (`.`, `?`, `!`, `…`, or a
/// line break)?
#[inline]
pub(super) fn gap_ends_sentence(gap: &[u8]) -> bool {
    gap.iter().enumerate().any(|(i, &c)| {
        matches!(c, b'.' | b'?' | b'!' | b'\n')
            || (c == 0xE2 && gap.get(i + 1) == Some(&0x80) && gap.get(i + 2) == Some(&0xA6))
    })
}
