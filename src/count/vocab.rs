//! Words as ids: what each word of a text is (a stopword, a number, or a
//! kept surface form with its term), interned once for all the threads of
//! a count ([`SharedWords`]) and cached per thread ([`Vocab`]): a
//! set-associative cache of one cache line a set ([`Hot`]), fed straight
//! from the word scanner with the word's bytes packed into integers, in
//! front of maps by the same keys. A word is classified (and stemmed) by
//! the first thread that meets it; a cache hit costs a few compares.

use std::hash::{BuildHasher, Hasher};
use std::sync::{Arc, Mutex, MutexGuard};

use super::kept::Kept;
use crate::text::hash::{FastBuildHasher, FastMap};
use crate::text::{Analyzer, PieceSink, WordKind};

/// Strings ↔ dense ids, the strings kept in one buffer (a few bytes per
/// name instead of an allocation each).
#[derive(Default)]
pub(super) struct Interner {
    bytes: String,
    /// (start, len) of each id's name in `bytes`.
    spans: Vec<(usize, usize)>,
    /// Next id whose name has the same hash (chains of `heads`).
    next: Vec<u32>,
    /// Hash of a name → the last id with that hash.
    heads: FastMap<u64, u32>,
}

const NO_ID: u32 = u32::MAX;

impl Interner {
    fn len(&self) -> usize {
        self.spans.len()
    }

    fn name(&self, id: u32) -> &str {
        self.spans
            .get(id as usize)
            .and_then(|&(s, l)| self.bytes.get(s..s + l))
            .unwrap_or("")
    }

    fn hash(s: &str) -> u64 {
        FastBuildHasher::default().hash_one(s)
    }

    /// The id of `s`, if it has one.
    fn get(&self, s: &str) -> Option<u32> {
        self.find(s, self.head(Interner::hash(s)))
    }

    /// The last id whose name has hash `h`.
    fn head(&self, h: u64) -> u32 {
        self.heads.get(&h).copied().unwrap_or(NO_ID)
    }

    /// The id of `s` in the chain that starts at `i`.
    fn find(&self, s: &str, mut i: u32) -> Option<u32> {
        while i != NO_ID {
            if self.name(i) == s {
                return Some(i);
            }
            i = self.next.get(i as usize).copied().unwrap_or(NO_ID);
        }
        None
    }

    /// The id of `s`, and whether it is new.
    fn id(&mut self, s: &str) -> (u32, bool) {
        let h = Interner::hash(s);
        let head = self.head(h);
        match self.find(s, head) {
            Some(i) => (i, false),
            None => (self.push(s, h, head), true),
        }
    }

    /// Give `s` (hash `h`), which has no id, the next one; the chain of
    /// `h` starts at `head`.
    fn push(&mut self, s: &str, h: u64, head: u32) -> u32 {
        let id = self.spans.len() as u32;
        self.spans.push((self.bytes.len(), s.len()));
        self.bytes.push_str(s);
        self.next.push(head);
        self.heads.insert(h, id);
        id
    }

    /// Every name as a shared string, by id.
    pub(super) fn into_arcs(self) -> Vec<Arc<str>> {
        (0..self.len() as u32)
            .map(|i| Arc::from(self.name(i)))
            .collect()
    }
}

/// Tuples of ids (n-grams) ↔ dense ids.
#[derive(Default)]
pub(super) struct TupleInterner {
    pub(super) parts: Vec<[u32; 3]>,
    index: FastMap<[u32; 3], u32>,
}

impl TupleInterner {
    pub(super) fn id(&mut self, t: [u32; 3]) -> (u32, bool) {
        if let Some(&i) = self.index.get(&t) {
            return (i, false);
        }
        let i = self.parts.len() as u32;
        self.parts.push(t);
        self.index.insert(t, i);
        (i, true)
    }
}

/// What a word (exact slice of the text) turned into.
#[derive(Clone, Copy)]
pub(super) enum Entry {
    Stop,
    Number,
    Keep { surface: u32, term: u32 },
}

/// The sentinels that stand in the surface half of a [`Packed`] value for
/// a stopword and a number (no surface id reaches them).
const STOP: u32 = u32::MAX;
pub(super) const NUMBER: u32 = u32::MAX - 1;

/// A word of at most 16 bytes packed into two words (hashed as two `u64`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Key([u64; 2]);

impl std::hash::Hash for Key {
    #[inline]
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.0[0]);
        state.write_u64(self.0[1]);
    }
}

/// The bytes of the word `b[s..s + len]` (1 to 8 of them) as an integer,
/// zero-padded (words never hold a NUL byte, so padding is unambiguous).
/// Reads 8 bytes at once when the text has them, masking what follows.
#[inline(always)]
fn tiny_key(b: &[u8], s: usize, len: usize) -> u64 {
    let w = match b.get(s..).and_then(<[u8]>::first_chunk::<8>) {
        Some(chunk) => *chunk,
        None => {
            let mut w = [0u8; 8];
            if let Some(part) = b.get(s..s + len) {
                w[..len].copy_from_slice(part);
            }
            w
        }
    };
    u64::from_le_bytes(w) & (u64::MAX >> (64 - 8 * len as u32))
}

/// The word `b[s..s + len]` (9 to 16 bytes) as two integers, as
/// [`tiny_key`].
#[inline(always)]
fn short_key(b: &[u8], s: usize, len: usize) -> Key {
    let w = match b.get(s..).and_then(<[u8]>::first_chunk::<16>) {
        Some(chunk) => *chunk,
        None => {
            let mut w = [0u8; 16];
            if let Some(part) = b.get(s..s + len) {
                w[..len].copy_from_slice(part);
            }
            w
        }
    };
    let v = u128::from_le_bytes(w) & (u128::MAX >> (128 - 8 * len as u32));
    Key([v as u64, (v >> 64) as u64])
}

/// A word-cache value: the surface id in the low half (or [`STOP`] or
/// [`NUMBER`]), the term id in the high half.
pub(super) type Packed = u64;

/// The [`Packed`] values (surface and term id) of counted words, looked up
/// ahead of their counting (see `Acc::look_up`).
pub(super) type Ids = Kept<Packed>;

/// No [`Packed`] value: a surface id is never [`STOP`] with a nonzero
/// term id.
const MISS: Packed = u64::MAX;

#[inline(always)]
pub(super) fn pack(e: Entry) -> Packed {
    match e {
        Entry::Stop => u64::from(STOP),
        Entry::Number => u64::from(NUMBER),
        Entry::Keep { surface, term } => u64::from(surface) | (u64::from(term) << 32),
    }
}

#[inline(always)]
pub(super) fn unpack(v: Packed) -> Entry {
    match v as u32 {
        STOP => Entry::Stop,
        NUMBER => Entry::Number,
        surface => Entry::Keep {
            surface,
            term: (v >> 32) as u32,
        },
    }
}

/// Fibonacci hashing: the top `bits` bits of `k` times 2^64/phi.
#[inline(always)]
fn fib(k: u64, bits: u32) -> usize {
    (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
}

/// Sets of the cache of words of up to 8 bytes (a power of two).
const TINY_SETS: usize = 8192;
/// Sets of the cache of words of 9 to 16 bytes (a power of two).
const SHORT_SETS: usize = 8192;

/// Four words of up to 8 bytes and their values: one cache line.
#[derive(Clone, Copy, Default)]
#[repr(align(64))]
struct TinySet {
    keys: [u64; 4],
    vals: [Packed; 4],
}

/// Two words of 9 to 16 bytes and their values: one cache line.
#[derive(Clone, Copy, Default)]
#[repr(align(64))]
struct ShortSet {
    keys: [Key; 2],
    vals: [Packed; 2],
}

/// Set-associative caches in front of the word maps: a word's set is one
/// multiply away and one cache line wide, so a hit costs a few compares.
/// The frequent words of a thread's text (a few thousand carry most
/// tokens) stay in its 2 × 512 KB, which a core's 2 MB L2 holds (fewer
/// sets miss more often, as the WH corpus's long tail of words comes
/// back). A new word goes first in its set and
/// pushes the last one out. Empty slots hold key 0, which no word packs to.
struct Hot {
    tiny: Box<[TinySet]>,
    short: Box<[ShortSet]>,
}

impl Default for Hot {
    fn default() -> Hot {
        Hot {
            tiny: vec![TinySet::default(); TINY_SETS].into_boxed_slice(),
            short: vec![ShortSet::default(); SHORT_SETS].into_boxed_slice(),
        }
    }
}

impl Hot {
    #[inline(always)]
    fn tiny_set(k: u64) -> usize {
        fib(k, TINY_SETS.trailing_zeros())
    }

    #[inline(always)]
    fn short_set(k: Key) -> usize {
        fib(
            k.0[0].wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ k.0[1],
            SHORT_SETS.trailing_zeros(),
        )
    }

    /// The value of `k` in its set, or `None`: every way is compared and
    /// the hit selected without a branch (keys are unique within a set),
    /// so which way holds the word costs no misprediction.
    #[inline(always)]
    fn get_tiny(&self, k: u64) -> Option<Packed> {
        let set = self.tiny.get(Hot::tiny_set(k))?;
        let mut v = MISS;
        for w in 0..4 {
            v = std::hint::select_unpredictable(set.keys[w] == k, set.vals[w], v);
        }
        (v != MISS).then_some(v)
    }

    #[inline(always)]
    fn get_short(&self, k: Key) -> Option<Packed> {
        let set = self.short.get(Hot::short_set(k))?;
        let mut v = MISS;
        for w in 0..2 {
            v = std::hint::select_unpredictable(set.keys[w] == k, set.vals[w], v);
        }
        (v != MISS).then_some(v)
    }

    fn put_tiny(&mut self, k: u64, v: Packed) {
        if let Some(set) = self.tiny.get_mut(Hot::tiny_set(k)) {
            set.keys.copy_within(0..3, 1);
            set.vals.copy_within(0..3, 1);
            set.keys[0] = k;
            set.vals[0] = v;
        }
    }

    fn put_short(&mut self, k: Key, v: Packed) {
        if let Some(set) = self.short.get_mut(Hot::short_set(k)) {
            set.keys[1] = set.keys[0];
            set.vals[1] = set.vals[0];
            set.keys[0] = k;
            set.vals[0] = v;
        }
    }
}

/// The kept words of a count: surface forms and terms by id, and each
/// surface form's term. One for all the threads of a count (see
/// [`SharedWords`]).
#[derive(Default)]
pub(super) struct Words {
    pub(super) surfaces: Interner,
    pub(super) terms: Interner,
    pub(super) surface_term: Vec<u32>,
}

/// The [`Words`] that every thread of one count classifies into: a word is
/// classified (and stemmed) by the first thread that meets it, and the
/// threads' counts are in the same ids, so merging them translates none.
/// Locked only when a thread meets a word its own caches do not know
/// (once per distinct word as written, not per occurrence). The
/// ids depend on which thread meets a word first; nothing written does.
pub(super) type SharedWords = Arc<Mutex<Words>>;

pub(super) fn lock(words: &Mutex<Words>) -> MutexGuard<'_, Words> {
    // A poisoned lock only means another thread panicked while holding
    // it; the words are whole (each change is a push).
    words.lock().unwrap_or_else(|e| e.into_inner())
}

/// Word-level vocabulary of one thread: its caches of what each word as
/// written is ([`Packed`]), in front of the shared words.
pub(super) struct Vocab {
    /// In front of `tiny` and `short`.
    hot: Hot,
    /// Words of up to 8 bytes (most of them) → cached value.
    tiny: FastMap<u64, Packed>,
    /// Words of 9 to 16 bytes.
    short: FastMap<Key, Packed>,
    /// Longer words (few: their keys are owned, so that the vocabulary
    /// outlives the texts it has seen).
    long: FastMap<Box<str>, Packed>,
    pub(super) words: SharedWords,
}

impl Vocab {
    /// Empty caches in front of `words`.
    pub(super) fn new(words: SharedWords) -> Vocab {
        Vocab {
            hot: Hot::default(),
            tiny: FastMap::default(),
            short: FastMap::default(),
            long: FastMap::default(),
            words,
        }
    }

    /// Free the caches (of an accumulator merged into another): only the
    /// shared words are left.
    pub(super) fn drop_caches(&mut self) {
        self.hot = Hot {
            tiny: Box::default(),
            short: Box::default(),
        };
        self.tiny = FastMap::default();
        self.short = FastMap::default();
        self.long = FastMap::default();
    }

    /// What the word `text[s..e]` is, packed (see [`Packed`]): a cache hit
    /// inline, anything else out of line.
    #[inline(always)]
    pub(super) fn lookup(&mut self, analyzer: &Analyzer, text: &str, s: usize, e: usize) -> Packed {
        let b = text.as_bytes();
        let len = e.wrapping_sub(s);
        if len.wrapping_sub(1) < 8 {
            let k = tiny_key(b, s, len);
            if let Some(v) = self.hot.get_tiny(k) {
                return v;
            }
            return self.miss_tiny(analyzer, text, s, e, k);
        }
        if len.wrapping_sub(9) < 8 {
            let k = short_key(b, s, len);
            if let Some(v) = self.hot.get_short(k) {
                return v;
            }
            return self.miss_short(analyzer, text, s, e, k);
        }
        self.lookup_long(analyzer, text, s, e)
    }

    #[cold]
    #[inline(never)]
    fn miss_tiny(&mut self, analyzer: &Analyzer, text: &str, s: usize, e: usize, k: u64) -> Packed {
        let p = self.known(analyzer, text.get(s..e).unwrap_or_default(), k, |v| {
            &mut v.tiny
        });
        self.hot.put_tiny(k, p);
        p
    }

    #[cold]
    #[inline(never)]
    fn miss_short(
        &mut self,
        analyzer: &Analyzer,
        text: &str,
        s: usize,
        e: usize,
        k: Key,
    ) -> Packed {
        let p = self.known(analyzer, text.get(s..e).unwrap_or_default(), k, |v| {
            &mut v.short
        });
        self.hot.put_short(k, p);
        p
    }

    #[inline(never)]
    fn lookup_long(&mut self, analyzer: &Analyzer, text: &str, s: usize, e: usize) -> Packed {
        let word = text.get(s..e).unwrap_or_default();
        match self.long.get(word) {
            Some(&p) => p,
            None => {
                let p = self.classify(analyzer, word);
                self.long.insert(word.into(), p);
                p
            }
        }
    }

    /// The cached value of `word` (keyed `k` in the map that `map` picks),
    /// classified and stored the first time.
    fn known<K: std::hash::Hash + Eq>(
        &mut self,
        analyzer: &Analyzer,
        word: &str,
        k: K,
        map: fn(&mut Self) -> &mut FastMap<K, Packed>,
    ) -> Packed {
        if let Some(&p) = map(self).get(&k) {
            return p;
        }
        let p = self.classify(analyzer, word);
        map(self).insert(k, p);
        p
    }

    /// A word this thread has not seen yet, in the shared words: known
    /// already (in other capitals, or from another thread), or classified
    /// now (outside the lock: stemming is the slow part) and added.
    fn classify(&mut self, analyzer: &Analyzer, word: &str) -> Packed {
        let normal = Analyzer::normal_form(word);
        // What a word becomes depends on its normal form alone.
        if let Some(p) = lock(&self.words).known(&normal) {
            return p;
        }
        match analyzer.classify_normal_once(&normal) {
            (WordKind::Stopword, _) => pack(Entry::Stop),
            (WordKind::Number, _) => pack(Entry::Number),
            (WordKind::Term, term) => {
                let mut words = lock(&self.words);
                let Words {
                    surfaces,
                    terms,
                    surface_term,
                } = &mut *words;
                // Another thread may have added it meanwhile: the same term.
                let (surface, new) = surfaces.id(&normal);
                if new {
                    let (term, _) = terms.id(term.as_deref().unwrap_or_default());
                    surface_term.push(term);
                }
                words.packed(surface)
            }
        }
    }
}

impl Words {
    /// The kept word of normal form `normal`, if it is one.
    fn known(&self, normal: &str) -> Option<Packed> {
        self.surfaces
            .get(normal)
            .map(|surface| self.packed(surface))
    }

    /// A kept surface form and its term.
    fn packed(&self, surface: u32) -> Packed {
        let term = self
            .surface_term
            .get(surface as usize)
            .copied()
            .expect("a surface form gets its term when it gets its id");
        pack(Entry::Keep { surface, term })
    }
}

/// Looks up the words of a text (n = 1) and keeps the [`Packed`] values
/// of the counted ones.
pub(super) struct Lookup<'a> {
    pub(super) analyzer: &'a Analyzer,
    pub(super) text: &'a str,
    pub(super) vocab: &'a mut Vocab,
    pub(super) ids: &'a mut Ids,
}

impl PieceSink for Lookup<'_> {
    #[inline(always)]
    fn piece(&mut self, s: usize, e: usize, _: bool) {
        let v = self.vocab.lookup(self.analyzer, self.text, s, e);
        self.ids.push_if(v, (v as u32) < NUMBER);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_keys_pack_the_bytes_of_the_word_only() {
        let text = b"ab administration x";
        assert_eq!(tiny_key(text, 0, 2), u64::from_le_bytes(*b"ab\0\0\0\0\0\0"));
        // At the end of the text there are fewer than 8 bytes to read.
        assert_eq!(tiny_key(text, 18, 1), u64::from(b'x'));
        let k = short_key(text, 3, 14);
        assert_eq!(k.0[0], u64::from_le_bytes(*b"administ"));
        assert_eq!(k.0[1], u64::from_le_bytes(*b"ration\0\0"));
        assert_eq!(
            short_key(b"abcdefghij", 0, 10),
            short_key(b"abcdefghijkl", 0, 10)
        );
    }

    #[test]
    fn hot_cache_returns_what_was_put_or_nothing() {
        // Many more words than slots: every hit must be the word's own
        // value, and the last word put in a set is always found.
        let mut hot = Hot::default();
        for i in 1..50_000u64 {
            let k = i.wrapping_mul(0x0101_0101) | 1;
            hot.put_tiny(k, i);
            assert_eq!(hot.get_tiny(k), Some(i));
            let s = Key([k, i]);
            hot.put_short(s, i + 1);
            assert_eq!(hot.get_short(s), Some(i + 1));
        }
        let mut found = 0;
        for i in 1..50_000u64 {
            let k = i.wrapping_mul(0x0101_0101) | 1;
            if let Some(v) = hot.get_tiny(k) {
                assert_eq!(v, i);
                found += 1;
            }
            if let Some(v) = hot.get_short(Key([k, i])) {
                assert_eq!(v, i + 1);
            }
        }
        // Four ways: at most four words a set.
        assert!(found > 4000 && found <= TINY_SETS * 4, "{found}");
        // A stopword's value is a hit, not a miss.
        let stop = pack(Entry::Stop);
        hot.put_tiny(7, stop);
        assert_eq!(hot.get_tiny(7), Some(stop));
        hot.put_short(Key([7, 7]), pack(Entry::Number));
        assert_eq!(hot.get_short(Key([7, 7])), Some(pack(Entry::Number)));
    }
}
