//! The one SIMD kit of the byte scanners (the word scanner of
//! [`crate::text`], the line splitter of [`crate::transcript`]): which
//! vector instructions this processor has, found once per scan for the
//! kernel at hand (each check is a cached load), and the choice of a scanner's [`Kernel`] for
//! it; plus the primitives the scanners share: 64-byte blocks read in
//! place or padded with zeros, SSE2 compares as bit masks, and the search
//! for the next non-ASCII byte. A kernel turns a 64-byte block into bit
//! masks (bit `j` is byte `j`), written once for each instruction set it
//! gains from, with a plain byte loop for every other processor; the
//! scanners' tests check every version this processor runs against that
//! loop (`Simd::each`, in tests).

/// The instruction sets a kernel may use, from the least to the most.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    /// No vector instructions (other processors than x86-64).
    #[cfg_attr(target_arch = "x86_64", allow(dead_code))]
    Scalar,
    /// SSE2: every x86-64 processor has it.
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
    Sse2,
    /// AVX2.
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
    Avx2,
    /// AVX-512BW.
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
    Avx512bw,
}

/// The vector instructions a kernel may use here: only ever one this
/// processor has ([`Simd::detect`], and `Simd::each` in tests), so that
/// [`Simd::run`] is safe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Simd {
    level: Level,
}

/// A scanner's classification of a 64-byte block into bit masks, one
/// version per instruction set. The x86-64 versions are `unsafe` to call
/// on a processor without their instructions; [`Simd::run`] calls the
/// best one this processor has among those the kernel says it has (its
/// `AVX2` and `AVX512BW`), so that the choice costs one test, as a
/// hand-written `if` would. A version a kernel does not have falls back
/// to the next one down.
pub(crate) trait Kernel {
    /// The masks of one block.
    type Masks;

    /// It has its own AVX2 version.
    const AVX2: bool = false;

    /// It has its own AVX-512BW version.
    const AVX512BW: bool = false;

    /// The portable version: a plain byte loop (the reference of the
    /// differential tests; on x86-64 only they call it).
    #[cfg_attr(target_arch = "x86_64", allow(dead_code))]
    fn scalar(block: &[u8; 64]) -> Self::Masks;

    /// With SSE2.
    ///
    /// # Safety
    /// The processor has SSE2 (every x86-64 processor does).
    #[cfg(target_arch = "x86_64")]
    unsafe fn sse2(block: &[u8; 64]) -> Self::Masks;

    /// With AVX2.
    ///
    /// # Safety
    /// The processor has AVX2.
    #[cfg(target_arch = "x86_64")]
    #[inline]
    unsafe fn avx2(block: &[u8; 64]) -> Self::Masks {
        // SAFETY: AVX2 implies SSE2.
        unsafe { Self::sse2(block) }
    }

    /// With AVX-512BW.
    ///
    /// # Safety
    /// The processor has AVX-512BW.
    #[cfg(target_arch = "x86_64")]
    #[inline]
    unsafe fn avx512bw(block: &[u8; 64]) -> Self::Masks {
        // SAFETY: a processor with AVX-512BW has AVX2.
        unsafe { Self::avx2(block) }
    }
}

impl Simd {
    /// The most this processor offers to kernel `K`: only the features
    /// `K` has versions for are checked (one cached load each), so that a
    /// scan of a short text pays no more than it needs.
    #[inline]
    pub(crate) fn detect<K: Kernel>() -> Simd {
        #[cfg(target_arch = "x86_64")]
        let level = if K::AVX512BW && std::arch::is_x86_feature_detected!("avx512bw") {
            Level::Avx512bw
        } else if K::AVX2 && std::arch::is_x86_feature_detected!("avx2") {
            Level::Avx2
        } else {
            Level::Sse2
        };
        #[cfg(not(target_arch = "x86_64"))]
        let level = Level::Scalar;
        Simd { level }
    }

    /// Every level this processor runs, the least first: the differential
    /// tests try each.
    #[cfg(test)]
    pub(crate) fn each() -> Vec<Simd> {
        /// A kernel with every version, to find the best level.
        struct All;
        impl Kernel for All {
            type Masks = ();
            const AVX2: bool = true;
            const AVX512BW: bool = true;
            fn scalar(_: &[u8; 64]) {}
            #[cfg(target_arch = "x86_64")]
            unsafe fn sse2(_: &[u8; 64]) {}
        }
        let best = Simd::detect::<All>().level;
        [Level::Scalar, Level::Sse2, Level::Avx2, Level::Avx512bw]
            .into_iter()
            .filter(|&l| l <= best && (l != Level::Scalar || best == Level::Scalar))
            .map(|level| Simd { level })
            .collect()
    }

    /// The masks of `block` by the version of `K` for this level.
    #[inline(always)]
    pub(crate) fn run<K: Kernel>(self, block: &[u8; 64]) -> K::Masks {
        // SAFETY (each call below): a `Simd` holds only a level this
        // processor has (see `detect` and `each`); SSE2 is part of the
        // x86-64 baseline.
        #[cfg(target_arch = "x86_64")]
        {
            if K::AVX512BW && self.level >= Level::Avx512bw {
                return unsafe { K::avx512bw(block) };
            }
            if K::AVX2 && self.level >= Level::Avx2 {
                return unsafe { K::avx2(block) };
            }
            unsafe { K::sse2(block) }
        }
        #[cfg(not(target_arch = "x86_64"))]
        K::scalar(block)
    }
}

/// The 64 bytes of `b` from `at`, in place, if `b` holds that many.
#[inline(always)]
pub(crate) fn block_at(b: &[u8], at: usize) -> Option<&[u8; 64]> {
    b.get(at..at.checked_add(64)?)
        .and_then(|x| <&[u8; 64]>::try_from(x).ok())
}

/// A block holding `part` (its first 64 bytes), then zeros: the last bytes
/// of a text, which [`block_at`] cannot give in place.
#[inline]
pub(crate) fn padded(part: &[u8]) -> [u8; 64] {
    let mut block = [0u8; 64];
    let n = part.len().min(64);
    block[..n].copy_from_slice(&part[..n]);
    block
}

/// SSE2 primitives over the 16-byte lanes of a block.
#[cfg(target_arch = "x86_64")]
pub(crate) mod sse2 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8,
    };

    /// The 16 bytes of lane `k` (`0..4`) of `block`.
    #[inline]
    #[target_feature(enable = "sse2")]
    pub(crate) fn lane(block: &[u8; 64], k: usize) -> __m128i {
        let (lanes, _) = block.as_chunks::<16>();
        let bytes = lanes.get(k).expect("a block of 64 bytes has 4 lanes of 16");
        // SAFETY: the 16 bytes lie inside the array, and an unaligned load
        // has no alignment requirement.
        unsafe { _mm_loadu_si128(bytes.as_ptr().cast::<__m128i>()) }
    }

    /// The bytes of `v` equal to `c` (all ones where equal).
    #[inline]
    #[target_feature(enable = "sse2")]
    pub(crate) fn eq(v: __m128i, c: u8) -> __m128i {
        _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8))
    }

    /// The top bit of each byte of `v`: bit `j` is byte `j`.
    #[inline]
    #[target_feature(enable = "sse2")]
    pub(crate) fn mask(v: __m128i) -> u64 {
        u64::from(_mm_movemask_epi8(v) as u16)
    }

    /// Bit `j`: byte `j` of `v` is `c`.
    #[inline]
    #[target_feature(enable = "sse2")]
    pub(crate) fn eq_mask(v: __m128i, c: u8) -> u64 {
        mask(eq(v, c))
    }
}

/// The first byte of `b[from..end]` that is not ASCII (0x80 or above).
/// Bytes of `b` past `end` may be read 32 at a time, never reported.
#[inline]
pub(crate) fn next_non_ascii(b: &[u8], from: usize, end: usize) -> Option<usize> {
    let end = end.min(b.len());
    let mut q = from;
    #[cfg(target_arch = "x86_64")]
    while q < end
        && let Some(chunk) = b.get(q..).and_then(<[u8]>::first_chunk::<32>)
    {
        // SAFETY: SSE2 is part of the x86-64 baseline.
        let high = unsafe { high_bits_sse2(chunk) };
        if high != 0 {
            let p = q + high.trailing_zeros() as usize;
            return (p < end).then_some(p);
        }
        q += 32;
    }
    b.get(q..end)?
        .iter()
        .position(|&c| c >= 0x80)
        .map(|p| q + p)
}

/// Bit `j`: byte `j` of `chunk` is 0x80 or above.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn high_bits_sse2(chunk: &[u8; 32]) -> u32 {
    use std::arch::x86_64::{__m128i, _mm_loadu_si128, _mm_movemask_epi8};
    // SAFETY: both 16-byte loads lie inside the 32-byte array, and an
    // unaligned load has no alignment requirement.
    let (lo, hi) = unsafe {
        (
            _mm_loadu_si128(chunk.as_ptr().cast::<__m128i>()),
            _mm_loadu_si128(chunk.as_ptr().add(16).cast::<__m128i>()),
        )
    };
    (_mm_movemask_epi8(lo) as u32 & 0xFFFF) | ((_mm_movemask_epi8(hi) as u32) << 16)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A kernel that says which version ran.
    struct Which;

    impl Kernel for Which {
        type Masks = &'static str;
        const AVX512BW: bool = true;
        fn scalar(_: &[u8; 64]) -> &'static str {
            "scalar"
        }
        #[cfg(target_arch = "x86_64")]
        unsafe fn sse2(_: &[u8; 64]) -> &'static str {
            "sse2"
        }
        #[cfg(target_arch = "x86_64")]
        unsafe fn avx512bw(_: &[u8; 64]) -> &'static str {
            "avx512bw"
        }
    }

    #[test]
    fn each_level_runs_its_version_or_the_next_one_down() {
        let ran: Vec<&str> = Simd::each()
            .iter()
            .map(|s| s.run::<Which>(&[0; 64]))
            .collect();
        let all: &[&str] = if cfg!(target_arch = "x86_64") {
            &["sse2", "sse2", "avx512bw"]
        } else {
            &["scalar"]
        };
        assert_eq!(ran, all[..ran.len()]);
        assert_eq!(
            ran.last(),
            Some(&Simd::detect::<Which>().run::<Which>(&[0; 64]))
        );
    }

    #[test]
    fn blocks_in_place_or_padded() {
        let b: Vec<u8> = (0..100).collect();
        assert_eq!(block_at(&b, 36).map(|x| x[0]), Some(36));
        assert_eq!(block_at(&b, 37), None);
        assert_eq!(block_at(&b, usize::MAX), None);
        let p = padded(&b[90..]);
        assert_eq!(p[..10], b[90..]);
        assert!(p[10..].iter().all(|&c| c == 0));
        assert_eq!(padded(&b)[..], b[..64]);
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn sse2_masks_agree_with_the_byte_loop_on_every_byte() {
        for start in [0u8, 64, 128, 192] {
            let mut block = [0u8; 64];
            for (j, x) in block.iter_mut().enumerate() {
                *x = start.wrapping_add(j as u8);
            }
            for c in 0..=255u8 {
                let mut got = 0u64;
                for k in 0..4 {
                    // SAFETY: SSE2 is part of the x86-64 baseline.
                    got |= unsafe { sse2::eq_mask(sse2::lane(&block, k), c) } << (16 * k);
                }
                let want = block
                    .iter()
                    .enumerate()
                    .fold(0u64, |m, (j, &x)| m | (u64::from(x == c) << j));
                assert_eq!(got, want, "{start} {c:#x}");
            }
        }
    }

    #[test]
    fn next_non_ascii_finds_the_first_high_byte() {
        for len in [0usize, 1, 31, 32, 33, 64, 100] {
            for at in 0..=len {
                let mut v = vec![b'a'; len];
                if at < len {
                    v[at] = 0xE2;
                }
                let want = (at < len).then_some(at);
                for from in 0..=len {
                    let expect = want.filter(|&p| p >= from);
                    assert_eq!(next_non_ascii(&v, from, len), expect, "{len} {at} {from}");
                    // Up to `end` only, whatever lies after it.
                    for end in [from, from + 1, len / 2, len] {
                        let expect = want.filter(|&p| p >= from && p < end);
                        assert_eq!(
                            next_non_ascii(&v, from, end),
                            expect,
                            "{len} {at} {from} {end}"
                        );
                    }
                }
            }
        }
        assert_eq!(next_non_ascii(b"abc", 7, 9), None);
        assert_eq!(next_non_ascii(b"abc", 1, 9), None);
    }
}
