//! Bit-parallel word finding in a "fast region" of text (ASCII plus the
//! few marks that [`super::words`] lets through: `’`, no-break space, `–`,
//! `—`, `“`, `”`, `…`). The region is read 64 bytes at a time; each byte
//! class becomes one bit of a 64-bit mask (one AVX-512BW compare a class
//! where the processor has it, SSE2 compares on other x86-64 processors, a
//! plain byte loop elsewhere: a kernel of [`crate::simd`], which picks the
//! version), the UAX #29 joining rules for that alphabet
//! become shifts and ands of those masks, and the words are the runs of
//! set bits of the resulting "in a word" mask. No branch depends on a
//! single byte, so word boundaries cost no mispredicted branches. The
//! result is exactly that of a byte-by-byte scan (and of the crate's
//! `unicode_words()`), which the differential tests check.

use super::piece::{Flow, PieceSink, gap_ends_sentence};
use crate::simd::{Kernel, Simd, block_at, padded};

/// The byte classes of one 64-byte block: bit `j` is byte `j`.
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
struct Raw {
    /// `[A-Za-z]`.
    alpha: u64,
    /// `[0-9]`.
    digit: u64,
    /// `_` (ExtendNumLet: part of a word, but no word on its own).
    under: u64,
    /// `.` (MidNumLet: joins two letters or two digits; ends a sentence).
    dot: u64,
    /// `'` (MidNumLet).
    apos: u64,
    /// `:` (MidLetter: joins two letters).
    colon: u64,
    /// `,` and `;` (MidNum: join two digits).
    comma_semi: u64,
    /// Bytes 0xE2, 0x80 and 0x99: the UTF-8 of `’` (U+2019).
    e2: u64,
    b80: u64,
    b99: u64,
    /// `?`, `!` and line breaks: sentence ends.
    ends: u64,
    /// Byte 0xA6: with 0xE2 0x80 before it, `…` (another sentence end).
    a6: u64,
}

impl Raw {
    /// Only the bytes of `valid` (the rest read as 0, which is in no class).
    #[inline]
    fn keep(mut self, valid: u64) -> Raw {
        for m in [
            &mut self.alpha,
            &mut self.digit,
            &mut self.under,
            &mut self.dot,
            &mut self.apos,
            &mut self.colon,
            &mut self.comma_semi,
            &mut self.e2,
            &mut self.b80,
            &mut self.b99,
            &mut self.ends,
            &mut self.a6,
        ] {
            *m &= valid;
        }
        self
    }
}

/// The kernel that computes the [`Raw`] classes of a block (see
/// [`crate::simd`]): one AVX-512BW compare a class where the processor has
/// it, SSE2 compares on other x86-64 processors, a byte loop elsewhere.
struct WordClasses;

impl Kernel for WordClasses {
    type Masks = Raw;
    const AVX512BW: bool = true;

    fn scalar(chunk: &[u8; 64]) -> Raw {
        let mut r = Raw::default();
        for (j, &c) in chunk.iter().enumerate() {
            let bit = 1u64 << j;
            let set = |m: &mut u64, yes: bool| {
                if yes {
                    *m |= bit;
                }
            };
            set(&mut r.alpha, c.is_ascii_alphabetic());
            set(&mut r.digit, c.is_ascii_digit());
            set(&mut r.under, c == b'_');
            set(&mut r.dot, c == b'.');
            set(&mut r.apos, c == b'\'');
            set(&mut r.colon, c == b':');
            set(&mut r.comma_semi, c == b',' || c == b';');
            set(&mut r.e2, c == 0xE2);
            set(&mut r.b80, c == 0x80);
            set(&mut r.b99, c == 0x99);
            set(&mut r.ends, matches!(c, b'?' | b'!' | b'\n'));
            set(&mut r.a6, c == 0xA6);
        }
        r
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "sse2")]
    unsafe fn sse2(chunk: &[u8; 64]) -> Raw {
        use crate::simd::sse2::{eq_mask as eq, lane, mask};
        use std::arch::x86_64::{
            __m128i, _mm_and_si128, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_or_si128, _mm_set1_epi8,
        };
        // Signed compares: bytes >= 0x80 are negative and fall outside.
        #[target_feature(enable = "sse2")]
        fn within(v: __m128i, lo: u8, hi: u8) -> u64 {
            mask(_mm_and_si128(
                _mm_cmpgt_epi8(v, _mm_set1_epi8(lo as i8 - 1)),
                _mm_cmplt_epi8(v, _mm_set1_epi8(hi as i8 + 1)),
            ))
        }
        let mut r = Raw::default();
        for k in 0..4 {
            let v = lane(chunk, k);
            let lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
            let sh = 16 * k;
            r.alpha |= within(lower, b'a', b'z') << sh;
            r.digit |= within(v, b'0', b'9') << sh;
            r.under |= eq(v, b'_') << sh;
            r.dot |= eq(v, b'.') << sh;
            r.apos |= eq(v, b'\'') << sh;
            r.colon |= eq(v, b':') << sh;
            r.comma_semi |= (eq(v, b',') | eq(v, b';')) << sh;
            r.e2 |= eq(v, 0xE2) << sh;
            r.b80 |= eq(v, 0x80) << sh;
            r.b99 |= eq(v, 0x99) << sh;
            r.ends |= (eq(v, b'?') | eq(v, b'!') | eq(v, b'\n')) << sh;
            r.a6 |= eq(v, 0xA6) << sh;
        }
        r
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512bw")]
    unsafe fn avx512bw(chunk: &[u8; 64]) -> Raw {
        use std::arch::x86_64::{
            __m512i, _mm512_cmpeq_epi8_mask, _mm512_cmplt_epu8_mask, _mm512_loadu_si512,
            _mm512_or_si512, _mm512_set1_epi8, _mm512_sub_epi8,
        };
        // SAFETY: the 64 bytes lie inside the array, and an unaligned load
        // has no alignment requirement.
        let v = unsafe { _mm512_loadu_si512(chunk.as_ptr().cast::<__m512i>()) };
        let eq = |c: u8| _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(c as i8));
        // `x - lo < n` (unsigned): x in lo..lo + n.
        let within = |x: __m512i, lo: u8, n: u8| {
            _mm512_cmplt_epu8_mask(
                _mm512_sub_epi8(x, _mm512_set1_epi8(lo as i8)),
                _mm512_set1_epi8(n as i8),
            )
        };
        let lower = _mm512_or_si512(v, _mm512_set1_epi8(0x20));
        Raw {
            alpha: within(lower, b'a', 26),
            digit: within(v, b'0', 10),
            under: eq(b'_'),
            dot: eq(b'.'),
            apos: eq(b'\''),
            colon: eq(b':'),
            comma_semi: eq(b',') | eq(b';'),
            e2: eq(0xE2),
            b80: eq(0x80),
            b99: eq(0x99),
            ends: eq(b'?') | eq(b'!') | eq(b'\n'),
            a6: eq(0xA6),
        }
    }
}

/// The classes of the 64 bytes of `b` from `at`, bytes at or past `end`
/// read as 0 (which belongs to no class). Reads `b` in place when 64 bytes
/// are there (masking what lies past `end`); copies only the last bytes of
/// the text.
#[inline]
fn load(simd: Simd, b: &[u8], at: usize, end: usize) -> Raw {
    if let Some(chunk) = block_at(b, at) {
        let raw = simd.run::<WordClasses>(chunk);
        let n = end.saturating_sub(at);
        if n >= 64 {
            raw
        } else {
            raw.keep((1u64 << n) - 1)
        }
    } else {
        simd.run::<WordClasses>(&padded(b.get(at..end).unwrap_or_default()))
    }
}

/// Mask of the bytes of block `cur` that belong to a word, given the
/// blocks around it; `spill` carries the bytes of a joined `’` that run
/// into the next block (in: from the previous block; out: to the next).
#[inline]
fn in_word(prev: &Raw, cur: &Raw, next: &Raw, spill: &mut u64) -> u64 {
    // The class of the byte before / after / three after each byte.
    let before = |x: u64, px: u64| (x << 1) | (px >> 63);
    let after = |x: u64, nx: u64, k: u32| (x >> k) | (nx << (64 - k));
    let (pa, pd) = (before(cur.alpha, prev.alpha), before(cur.digit, prev.digit));
    let letters = pa & after(cur.alpha, next.alpha, 1);
    let digits = pd & after(cur.digit, next.digit, 1);
    // UAX #29 WB6/WB7 (letter MidLetter|MidNumLet letter) and WB11/WB12
    // (digit MidNum|MidNumLet digit), for ASCII neighbours.
    let joined = ((cur.dot | cur.apos) & (letters | digits))
        | (cur.colon & letters)
        | (cur.comma_semi & digits);
    // `’` is MidNumLet too: its three bytes join when the byte before and
    // the byte after it are both letters or both digits.
    let curly = cur.e2 & after(cur.b80, next.b80, 1) & after(cur.b99, next.b99, 2);
    let cj =
        curly & ((pa & after(cur.alpha, next.alpha, 3)) | (pd & after(cur.digit, next.digit, 3)));
    let curly_bytes = cj | (cj << 1) | (cj << 2) | *spill;
    // A joined `’` at bit 62 spills one byte (bit 0), at bit 63 two (bits 0, 1).
    let top = |i: u32| (cj >> i) & 1;
    *spill = top(62) | top(63) | (top(63) << 1);
    cur.alpha | cur.digit | cur.under | joined | curly_bytes
}

/// A walk over the 64-byte blocks of the region `b[s..e]` (bytes past `e`
/// read as 0): after each [`Blocks::advance`] that returns true, the block
/// at `base` with its neighbours' classes and its "in a word" mask (and the
/// previous block's). Kept in place rather than yielded, so that the
/// classes of three blocks are not copied at each step.
struct Blocks<'b> {
    b: &'b [u8],
    e: usize,
    simd: Simd,
    /// Offset of the current block's first byte, and of the next one's.
    base: usize,
    at: usize,
    prev: Raw,
    cur: Raw,
    next: Raw,
    word: u64,
    prev_word: u64,
    /// The bytes of a joined `’` that run into the next block.
    spill: u64,
}

impl<'b> Blocks<'b> {
    #[inline]
    fn new(b: &'b [u8], s: usize, e: usize) -> Blocks<'b> {
        let simd = Simd::detect::<WordClasses>();
        Blocks {
            b,
            e,
            simd,
            base: s,
            at: s,
            prev: Raw::default(),
            cur: Raw::default(),
            next: if s < e {
                load(simd, b, s, e)
            } else {
                Raw::default()
            },
            word: 0,
            prev_word: 0,
            spill: 0,
        }
    }

    /// Step to the next block; false past the end of the region.
    #[inline(always)]
    fn advance(&mut self) -> bool {
        if self.at >= self.e {
            return false;
        }
        self.base = self.at;
        self.at += 64;
        self.prev = self.cur;
        self.cur = self.next;
        self.next = if self.at < self.e {
            load(self.simd, self.b, self.at, self.e)
        } else {
            Raw::default()
        };
        self.prev_word = self.word;
        self.word = in_word(&self.prev, &self.cur, &self.next, &mut self.spill);
        true
    }
}

/// Call `f(start, end)` for each word of `b[s..e]`, a fast region (see the
/// module doc), in order. A run of underscores alone is no word.
#[inline]
pub(super) fn fast_region(b: &[u8], s: usize, e: usize, f: &mut impl FnMut(usize, usize)) {
    let mut flow = Flow::default();
    scan::<false, false>(b, s, e, &mut flow, &mut |a, z, _| f(a, z));
}

/// The number of words [`fast_region`] finds in `b[s..e]`, without
/// finding each: the word starts of each block are counted at once.
pub(super) fn count_region(b: &[u8], s: usize, e: usize) -> usize {
    let mut n = 0usize;
    let mut k = Blocks::new(b, s, e);
    while k.advance() {
        let starts = k.word & !((k.word << 1) | (k.prev_word >> 63));
        n += starts.count_ones() as usize;
        // A run of underscores alone is no word: an underscore start whose
        // underscores are followed by no letter or digit.
        let mut under = starts & k.cur.under;
        while under != 0 {
            let mut i = k.base + under.trailing_zeros() as usize;
            while i < e && b[i] == b'_' {
                i += 1;
            }
            if i >= e || !b[i].is_ascii_alphanumeric() {
                n -= 1;
            }
            under &= under - 1;
        }
    }
    n
}

/// As [`fast_region`], for the pieces of [`super::words::for_each_piece`]:
/// words split at each `.` that a letter follows unless the part before it
/// is one character, with `sentence_start` flags; `flow` carries the walk
/// over regions.
#[inline(always)]
pub(super) fn fast_pieces(
    b: &[u8],
    s: usize,
    e: usize,
    flow: &mut Flow,
    f: &mut impl FnMut(usize, usize, bool),
) {
    scan::<true, true>(b, s, e, flow, f);
}

/// As [`fast_pieces`] without sentence starts (and so without `flow`).
#[inline(always)]
pub(super) fn fast_pieces_plain(b: &[u8], s: usize, e: usize, f: &mut impl PieceSink) {
    let mut flow = Flow::default();
    scan::<true, false>(b, s, e, &mut flow, f);
}

/// Give the piece `b[start..end]` to `f` unless it is a run of underscores
/// alone (`under`: it starts with one, so it may be); true if given.
#[inline(always)]
fn emit<const BRK: bool>(
    b: &[u8],
    start: usize,
    end: usize,
    brk: bool,
    under: bool,
    flow: &mut Flow,
    f: &mut impl PieceSink,
) -> bool {
    if under
        && b.get(start..end)
            .is_none_or(|w| w.iter().all(|&c| c == b'_'))
    {
        return false;
    }
    if BRK {
        f.piece(start, end, brk || !flow.started);
        *flow = Flow {
            started: true,
            prev_end: end,
        };
    } else {
        f.piece(start, end, false);
    }
    true
}

/// The block loop: runs of "in a word" bits (with `PIECES`, minus the
/// splitting full stops; with `BRK`, with sentence starts found from the
/// mask of sentence-ending bytes, else every flag false and `flow`
/// untouched).
#[inline(always)]
fn scan<const PIECES: bool, const BRK: bool>(
    b: &[u8],
    s: usize,
    e: usize,
    flow: &mut Flow,
    f: &mut impl PieceSink,
) {
    // A sentence end between the last piece (of an earlier region) and s?
    let mut gap_sent = BRK
        && flow.started
        && gap_ends_sentence(b.get(flow.prev_end.min(s)..s).unwrap_or_default());
    // Give a piece unless it is a run of underscores alone (`under`: it
    // starts with one, so it may be).
    // A piece that runs on past the block: its start and sentence flag.
    let mut pending: Option<(usize, bool)> = None;
    let mut k = Blocks::new(b, s, e);
    while k.advance() {
        let Blocks {
            base,
            ref prev,
            ref cur,
            ref next,
            word,
            prev_word,
            ..
        } = k;
        let (mut m, ends) = if PIECES {
            // Split at a `.` inside a word with a letter after it and, two
            // bytes back, a byte of the same word that is not a `.`.
            let before2 = |x: u64, px: u64| (x << 2) | (px >> 62);
            let letter_after = (cur.alpha >> 1) | (next.alpha << 63);
            let split = cur.dot
                & word
                & letter_after
                & before2(word, prev_word)
                & !before2(cur.dot, prev.dot);
            let ends = if BRK {
                let ellipsis = cur.e2
                    & ((cur.b80 >> 1) | (next.b80 << 63))
                    & ((cur.a6 >> 2) | (next.a6 << 62));
                cur.dot | cur.ends | ellipsis
            } else {
                0
            };
            (word & !split, ends)
        } else {
            (word, 0)
        };
        // Sentence ends at or after the last piece's end in this block.
        let mut since = ends;
        if let Some((start, brk)) = pending {
            let z = (!m).trailing_zeros();
            if z < 64 {
                let under = b.get(start) == Some(&b'_');
                if emit::<BRK>(b, start, base + z as usize, brk, under, flow, f) {
                    gap_sent = false;
                    since = ends & (u64::MAX << z);
                } else {
                    // Skipped: what lay before it still counts.
                    gap_sent = brk;
                }
                pending = None;
                m &= u64::MAX << z;
            } else {
                // The piece runs on through this whole block.
                m = 0;
                since = 0;
            }
        }
        while m != 0 {
            let st = m.trailing_zeros();
            let len = (m >> st).trailing_ones();
            let brk = BRK && (gap_sent || since & ((1u64 << st) - 1) != 0);
            if st + len >= 64 {
                pending = Some((base + st as usize, brk));
                since = 0;
                break;
            }
            let under = (cur.under >> st) & 1 != 0;
            let end = st + len;
            if emit::<BRK>(
                b,
                base + st as usize,
                base + end as usize,
                brk,
                under,
                flow,
                f,
            ) {
                gap_sent = false;
                since = ends & (u64::MAX << end);
            }
            m &= u64::MAX << end;
        }
        if BRK {
            gap_sent |= since != 0;
        }
    }
    if let Some((start, brk)) = pending {
        let under = b.get(start) == Some(&b'_');
        emit::<BRK>(b, start, e, brk, under, flow, f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_version_of_the_classes_agrees_with_the_byte_loop_on_every_byte() {
        for start in [0u8, 64, 128, 192] {
            let mut a = [0u8; 64];
            for (j, x) in a.iter_mut().enumerate() {
                *x = start.wrapping_add(j as u8);
            }
            for simd in Simd::each() {
                assert_eq!(
                    simd.run::<WordClasses>(&a),
                    WordClasses::scalar(&a),
                    "block from {start}, {simd:?}"
                );
            }
        }
    }

    /// The words of `s`, checking that [`count_region`] counts as many.
    fn words(s: &str) -> Vec<&str> {
        let mut v = Vec::new();
        fast_region(s.as_bytes(), 0, s.len(), &mut |a, b| v.push(&s[a..b]));
        assert_eq!(count_region(s.as_bytes(), 0, s.len()), v.len(), "{s:?}");
        v
    }

    #[test]
    fn words_across_block_edges() {
        // A word that spans blocks, a `’` split over a block edge, a join
        // at the last byte of a block.
        let long = "x".repeat(150);
        assert_eq!(words(&format!("a {long} b")), ["a", long.as_str(), "b"]);
        for pad in 58..66 {
            let p = " ".repeat(pad);
            let s = format!("{p}it\u{2019}s a.b 3,5 __ _x end");
            assert_eq!(
                words(&s),
                ["it\u{2019}s", "a.b", "3,5", "_x", "end"],
                "{pad}"
            );
        }
        assert_eq!(words("a."), ["a"]);
        let unders = format!("{} {}x {}", "_".repeat(70), "_".repeat(62), "_".repeat(3));
        assert_eq!(words(&unders), [format!("{}x", "_".repeat(62)).as_str()]);
        assert_eq!(words("a\u{2019}"), ["a"]);
    }
}
