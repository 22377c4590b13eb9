//! Splits a transcript into lines in one pass over its bytes. The text is
//! read 64 bytes at a time; line breaks and the bytes that can matter to
//! the parser inside a line (`(`, `[`, `\`, `<` for inline markup, `:` and
//! the lead byte of `：` for labels) each become a bit of a 64-bit mask
//! (nibble look-ups with AVX2 or SSE2 compares on x86-64, a plain byte
//! loop elsewhere: a kernel of [`crate::simd`], which picks the version).
//! Each line comes out with its [`trim`]med text and
//! whether it holds none of those bytes, which lets the parser pass most
//! lines of speech on without looking at them again.

use super::label::trim;
use crate::simd::{Kernel, Simd, block_at, padded};

/// One line of a transcript.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Line<'a> {
    /// The line without its `\n` (and one `\r` before it).
    pub raw: &'a str,
    /// `raw` trimmed of white space ([`trim`]).
    pub text: &'a str,
    /// `raw` holds no `(`, `[`, `\`, `<`, `:` and no byte 0xEF (the first
    /// byte of `：`): no inline markup to remove, and no colon, so no label
    /// but a bare `Q` and no `Key: value` pair.
    pub plain: bool,
}

/// The lines of `text`: split at `\n`, a final `\n` ending the last line
/// (so an empty text is one empty line, and `a\n` one line).
pub(super) fn split(text: &str) -> Vec<Line<'_>> {
    let bytes = text.as_bytes();
    let simd = Simd::detect::<LineClasses>();
    // Lines average about 50 bytes: room for most files without growing.
    let mut lines = Vec::with_capacity(bytes.len() / 32 + 16);
    let mut start = 0;
    // Any special byte in the open line before the current block.
    let mut pending = false;
    let mut base = 0;
    while base < bytes.len() {
        let (mut nl, mut special) = match block_at(bytes, base) {
            Some(block) => simd.run::<LineClasses>(block),
            // The last bytes: padded with zeros, which are in no class.
            None => simd.run::<LineClasses>(&padded(bytes.get(base..).unwrap_or_default())),
        };
        while nl != 0 {
            let p = nl.trailing_zeros();
            let below = (1u64 << p) - 1;
            let end = base + p as usize;
            push(
                &mut lines,
                text,
                start,
                end,
                pending || special & below != 0,
            );
            special &= !below;
            pending = false;
            start = end + 1;
            nl &= nl - 1;
        }
        pending |= special != 0;
        base += 64;
    }
    if start < bytes.len() || bytes.is_empty() {
        push(&mut lines, text, start, bytes.len(), pending);
    }
    lines
}

/// Add the line `text[start..end]` (`end` at a `\n` or the end of the text).
#[inline(always)]
fn push<'a>(lines: &mut Vec<Line<'a>>, text: &'a str, start: usize, mut end: usize, special: bool) {
    if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
        end -= 1;
    }
    let raw = text.get(start..end).unwrap_or_default();
    lines.push(Line {
        raw,
        text: trim(raw),
        plain: !special,
    });
}

/// The kernel of the line splitter (see [`crate::simd`]): the masks of
/// one 64-byte block, bit `j` for byte `j`: first line breaks, then the
/// special bytes (see [`Line::plain`]).
struct LineClasses;

/// The special bytes by nibbles: a byte is special when the entries of
/// its low and high nibble share one of bits 1 to 4; bit 0 is `\n`.
/// Bit 1: `(` (0x28); bit 2: `:` `<` (0x3A, 0x3C); bit 3: `[` `\` (0x5B,
/// 0x5C); bit 4: 0xEF.
#[cfg(target_arch = "x86_64")]
const LOW_NIBBLE: [u8; 16] = [0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 5, 8, 12, 0, 0, 16];
#[cfg(target_arch = "x86_64")]
const HIGH_NIBBLE: [u8; 16] = [1, 0, 2, 4, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 16, 0];

impl Kernel for LineClasses {
    type Masks = (u64, u64);
    const AVX2: bool = true;

    fn scalar(block: &[u8; 64]) -> (u64, u64) {
        let (mut nl, mut special) = (0u64, 0u64);
        for (j, &c) in block.iter().enumerate() {
            nl |= u64::from(c == b'\n') << j;
            special |= u64::from(matches!(c, b'(' | b'[' | b'\\' | b'<' | b':' | 0xEF)) << j;
        }
        (nl, special)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "sse2")]
    unsafe fn sse2(block: &[u8; 64]) -> (u64, u64) {
        use crate::simd::sse2::{eq, lane, mask};
        use std::arch::x86_64::_mm_or_si128;
        let (mut nl, mut special) = (0u64, 0u64);
        for k in 0..4 {
            let v = lane(block, k);
            let s = _mm_or_si128(
                _mm_or_si128(_mm_or_si128(eq(v, b'('), eq(v, b'[')), eq(v, b'\\')),
                _mm_or_si128(_mm_or_si128(eq(v, b'<'), eq(v, b':')), eq(v, 0xEF)),
            );
            let sh = 16 * k;
            nl |= mask(eq(v, b'\n')) << sh;
            special |= mask(s) << sh;
        }
        (nl, special)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn avx2(block: &[u8; 64]) -> (u64, u64) {
        use std::arch::x86_64::{
            __m128i, __m256i, _mm_loadu_si128, _mm256_and_si256, _mm256_broadcastsi128_si256,
            _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_set1_epi8,
            _mm256_setzero_si256, _mm256_shuffle_epi8, _mm256_srli_epi16,
        };
        // SAFETY: each table is 16 bytes, and an unaligned load has no
        // alignment requirement.
        let (low, high) = unsafe {
            (
                _mm256_broadcastsi128_si256(_mm_loadu_si128(LOW_NIBBLE.as_ptr().cast::<__m128i>())),
                _mm256_broadcastsi128_si256(_mm_loadu_si128(
                    HIGH_NIBBLE.as_ptr().cast::<__m128i>(),
                )),
            )
        };
        let nibble = _mm256_set1_epi8(0x0F);
        let (mut nl, mut special) = (0u64, 0u64);
        for k in 0..2 {
            // SAFETY: the 32 bytes at 32 * k lie inside the 64-byte array,
            // and an unaligned load has no alignment requirement.
            let v = unsafe { _mm256_loadu_si256(block.as_ptr().add(32 * k).cast::<__m256i>()) };
            let lo = _mm256_shuffle_epi8(low, _mm256_and_si256(v, nibble));
            let hi = _mm256_shuffle_epi8(high, _mm256_and_si256(_mm256_srli_epi16::<4>(v), nibble));
            let class = _mm256_and_si256(_mm256_and_si256(lo, hi), _mm256_set1_epi8(0x1E));
            let plain = _mm256_cmpeq_epi8(class, _mm256_setzero_si256());
            let sh = 32 * k;
            nl |= u64::from(_mm256_movemask_epi8(_mm256_cmpeq_epi8(
                v,
                _mm256_set1_epi8(b'\n' as i8),
            )) as u32)
                << sh;
            special |= u64::from(!(_mm256_movemask_epi8(plain) as u32)) << sh;
        }
        (nl, special)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The lines as the parser used to find them: `memchr` for each break.
    fn reference(text: &str) -> Vec<Line<'_>> {
        let mut parts: Vec<&str> = text.split('\n').collect();
        if text.ends_with('\n') {
            parts.pop();
        }
        parts
            .into_iter()
            .map(|l| {
                let raw = l.strip_suffix('\r').unwrap_or(l);
                Line {
                    raw,
                    text: trim(raw),
                    plain: !raw
                        .bytes()
                        .any(|c| matches!(c, b'(' | b'[' | b'\\' | b'<' | b':' | 0xEF)),
                }
            })
            .collect()
    }

    #[test]
    fn edges() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\r\n\r\nb",
            "\r",
            "x\r\r\n",
            "(x)\ny",
            "Q: a\nb",
        ] {
            assert_eq!(split(text), reference(text), "{text:?}");
        }
        let long = format!(
            "{}:\n{}\n({}",
            "a".repeat(63),
            "b".repeat(64),
            "c".repeat(200)
        );
        assert_eq!(split(&long), reference(&long));
    }

    #[test]
    fn every_byte_value_is_classified_as_the_byte_loop_does() {
        for b in 0..=255u8 {
            let mut block = [b'a'; 64];
            for (j, x) in block.iter_mut().enumerate() {
                if j % 3 == 0 {
                    *x = b;
                }
            }
            for simd in Simd::each() {
                assert_eq!(
                    simd.run::<LineClasses>(&block),
                    LineClasses::scalar(&block),
                    "{b:#x} {simd:?}"
                );
            }
        }
    }

    fn line_text() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "a",
            "Q",
            " ",
            "\n",
            "\r",
            "\r\n",
            "(",
            ")",
            "[",
            "\\",
            "<",
            ":",
            "：",
            "\u{a0}",
            "\u{feff}",
            "word ",
            "MS. PSAKI:",
            "—",
            "\t",
            "\u{b}",
        ]);
        prop::collection::vec(piece, 0..200).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn split_equals_the_line_by_line_split(text in line_text()) {
            prop_assert_eq!(split(&text), reference(&text));
        }

        #[test]
        fn split_equals_the_line_by_line_split_on_any_text(text in any::<String>()) {
            prop_assert_eq!(split(&text), reference(&text));
        }

        #[test]
        fn vector_and_scalar_classes_agree(bytes in prop::collection::vec(any::<u8>(), 64)) {
            let block: [u8; 64] = bytes.try_into().unwrap_or([0; 64]);
            let scalar = LineClasses::scalar(&block);
            for simd in Simd::each() {
                prop_assert_eq!(simd.run::<LineClasses>(&block), scalar);
            }
        }
    }
}
