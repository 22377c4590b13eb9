//! [`Kept`]: the word loop's lists, appended to without a branch on
//! whether an item is kept (the bottom of `count`: it imports nothing).

/// A list appended to without a branch on whether an item is kept: the
/// item is written past the end on every push, and the end advances only
/// if it is kept (`buf` always holds a spare slot past `len`). The word
/// loop's lists: the looked-up words of a text, the terms of a turn, the
/// ids in use of a tally.
pub(super) struct Kept<T> {
    buf: Vec<T>,
    len: usize,
}

impl<T> Default for Kept<T> {
    fn default() -> Kept<T> {
        Kept {
            buf: Vec::new(),
            len: 0,
        }
    }
}

impl<T: Copy + Default> Kept<T> {
    /// Append `item` if `keep`.
    #[inline(always)]
    pub(super) fn push_if(&mut self, item: T, keep: bool) {
        if self.len >= self.buf.len() {
            self.grow();
        }
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = item;
        }
        self.len += usize::from(keep);
    }

    #[cold]
    fn grow(&mut self) {
        let len = (self.buf.len() * 2).max(4096);
        self.buf.resize(len, T::default());
    }

    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// The kept items.
    pub(super) fn all(&self) -> &[T] {
        self.buf.get(..self.len).unwrap_or_default()
    }

    /// The kept items in `range` (empty if out of bounds).
    pub(super) fn get(&self, range: std::ops::Range<usize>) -> &[T] {
        self.all().get(range).unwrap_or_default()
    }

    pub(super) fn clear(&mut self) {
        self.len = 0;
    }
}
