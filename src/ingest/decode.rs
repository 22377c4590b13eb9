//! Decoding: a file's bytes to text, in the encoding the user gave or the
//! one the bytes show: a UTF-8 or UTF-16 byte-order mark, or (for markup
//! whose bytes are not UTF-8) the encoding its XML declaration or `<meta
//! charset>` names. Every error names the file and locates the byte and
//! line, in the terms of the encoding tried.

use std::path::Path;

use super::Encoding;
use crate::error::{Error, Result};

/// Decode `bytes` (owned: valid UTF-8 becomes the text without a copy).
/// `markup`: the file is HTML or XML, whose declared encoding is honoured
/// when the bytes are not UTF-8.
pub(super) fn decode_bytes(
    path: &Path,
    mut bytes: Vec<u8>,
    encoding: Encoding,
    markup: bool,
) -> Result<String> {
    let text = match encoding {
        Encoding::Utf8 => {
            if let Some(le) = utf16_bom(&bytes) {
                return utf16(path, &bytes[2..], le, 2);
            }
            let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
                3
            } else {
                0
            };
            if let Some(offset) = memchr::memchr(0, &bytes) {
                if let Some(le) = looks_utf16(&bytes) {
                    return Err(Error::Utf16WithoutBom {
                        path: path.to_path_buf(),
                        guess: if le { "utf-16le" } else { "utf-16be" },
                    });
                }
                return Err(Error::Binary {
                    path: path.to_path_buf(),
                    offset,
                });
            }
            // SIMD validation (several times the standard library's speed).
            if simdutf8::basic::from_utf8(&bytes[bom..]).is_ok() {
                bytes.drain(..bom);
                // SAFETY: validated as UTF-8 just above.
                return Ok(unsafe { String::from_utf8_unchecked(bytes) });
            }
            if markup && let Some(declared) = declared_encoding(&bytes) {
                let (cow, _) = declared.decode_without_bom_handling(&bytes[bom..]);
                return Ok(cow.into_owned());
            }
            let body = &bytes[bom..];
            let e = std::str::from_utf8(body)
                .err()
                .map_or(0, |e| e.valid_up_to());
            let offset = e + bom;
            let line = 1 + memchr::memchr_iter(b'\n', &bytes[..offset]).count();
            return Err(Error::InvalidUtf8 {
                path: path.to_path_buf(),
                offset,
                line,
            });
        }
        Encoding::Windows1252 | Encoding::Latin1 => {
            if let Some(offset) = memchr::memchr(0, &bytes) {
                return Err(Error::Binary {
                    path: path.to_path_buf(),
                    offset,
                });
            }
            let (cow, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
            cow.into_owned()
        }
        Encoding::Utf16 => match utf16_bom(&bytes) {
            Some(le) => utf16(path, &bytes[2..], le, 2)?,
            None => utf16(path, &bytes, looks_utf16(&bytes).unwrap_or(true), 0)?,
        },
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let le = encoding == Encoding::Utf16Le;
            let skip = if utf16_bom(&bytes) == Some(le) { 2 } else { 0 };
            utf16(path, &bytes[skip..], le, skip)?
        }
    };
    Ok(text)
}

/// `Some(little_endian)` for a UTF-16 byte-order mark.
fn utf16_bom(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [0xFF, 0xFE, ..] => Some(true),
        [0xFE, 0xFF, ..] => Some(false),
        _ => None,
    }
}

/// Does text without a BOM look like UTF-16 (a NUL in many of the bytes at
/// odd offsets, few at even ones: little-endian; or the reverse)? Looks at
/// the first 4,096 bytes.
pub(super) fn looks_utf16(bytes: &[u8]) -> Option<bool> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    let pairs = head.len() / 2;
    if pairs < 4 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for p in head.chunks_exact(2) {
        even += usize::from(p[0] == 0);
        odd += usize::from(p[1] == 0);
    }
    if odd * 4 >= pairs && even * 8 < odd {
        Some(true)
    } else if even * 4 >= pairs && odd * 8 < even {
        Some(false)
    } else {
        None
    }
}

/// Decode UTF-16 (`le`: little-endian); `skip` bytes of BOM were taken off
/// the front (error offsets count them).
fn utf16(path: &Path, bytes: &[u8], le: bool, skip: usize) -> Result<String> {
    let units = bytes.chunks_exact(2).map(|p| {
        if le {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    let mut out = String::with_capacity(bytes.len() / 2 + 8);
    let mut at = 0usize;
    let mut lines = 1usize;
    let fail = |offset: usize, lines: usize| Error::InvalidUtf16 {
        path: path.to_path_buf(),
        endian: if le { "little-endian" } else { "big-endian" },
        offset: offset + skip,
        line: lines,
    };
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                if c == '\0' {
                    return Err(Error::Binary {
                        path: path.to_path_buf(),
                        offset: at + skip,
                    });
                }
                lines += usize::from(c == '\n');
                at += 2 * c.len_utf16();
                out.push(c);
            }
            Err(_) => return Err(fail(at, lines)),
        }
    }
    if bytes.len() % 2 == 1 {
        return Err(fail(bytes.len() - 1, lines));
    }
    Ok(out)
}

/// The encoding a markup file declares (XML declaration, or `<meta
/// charset>` / `http-equiv` in its first 4 KB), if it is one tribune can
/// use instead of UTF-8 (UTF-8 and UTF-16 labels are ignored: the bytes
/// already said they are neither).
pub(super) fn declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower = head.to_ascii_lowercase();
    let label = xml_declared(&lower).or_else(|| meta_declared(&lower))?;
    let enc = encoding_rs::Encoding::for_label(label)?;
    let unusable = enc == encoding_rs::UTF_8
        || enc == encoding_rs::UTF_16LE
        || enc == encoding_rs::UTF_16BE
        || enc == encoding_rs::REPLACEMENT;
    (!unusable).then_some(enc)
}

fn xml_declared(lower: &[u8]) -> Option<&[u8]> {
    let start = lower.iter().position(|b| !b.is_ascii_whitespace())?;
    let decl = lower[start..].strip_prefix(b"<?xml")?;
    let end = memchr::memmem::find(decl, b"?>")?;
    let decl = &decl[..end];
    let at = memchr::memmem::find(decl, b"encoding")? + 8;
    value_after_eq(&decl[at..])
}

fn meta_declared(lower: &[u8]) -> Option<&[u8]> {
    for at in memchr::memmem::find_iter(lower, b"<meta") {
        let tag = &lower[at..];
        let tag = &tag[..memchr::memchr(b'>', tag).unwrap_or(tag.len())];
        if let Some(k) = memchr::memmem::find(tag, b"charset")
            && let Some(v) = value_after_eq(&tag[k + 7..])
        {
            return Some(v);
        }
    }
    None
}

/// The value after `=` (quoted or not), up to a quote, `;`, space or `>`.
fn value_after_eq(s: &[u8]) -> Option<&[u8]> {
    let s = s.trim_ascii_start().strip_prefix(b"=")?.trim_ascii_start();
    let s = match s.first() {
        Some(b'"' | b'\'') => &s[1..],
        _ => s,
    };
    let end = s
        .iter()
        .position(|&c| matches!(c, b'"' | b'\'' | b';' | b'>' | b'/') || c.is_ascii_whitespace())
        .unwrap_or(s.len());
    (end > 0).then(|| &s[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16_bytes(s: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if le { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
        }
        for u in s.encode_utf16() {
            out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    }

    #[test]
    fn utf16_with_a_bom_is_read_without_a_flag_either_way() {
        let p = Path::new("x.txt");
        for le in [true, false] {
            let b = utf16_bytes("A: café\nB: hi", le, true);
            assert_eq!(
                decode_bytes(p, b, Encoding::Utf8, false).unwrap(),
                "A: café\nB: hi"
            );
        }
        // Without one, the error says which flag reads it.
        for (le, flag) in [(true, "utf-16le"), (false, "utf-16be")] {
            let b = utf16_bytes("A: hello there\nB: hi", le, false);
            let e = decode_bytes(p, b.clone(), Encoding::Utf8, false).unwrap_err();
            assert!(e.to_string().contains(&format!("--encoding {flag}")), "{e}");
            assert!(!e.to_string().contains("UTF-8"), "{e}");
            let enc = if le {
                Encoding::Utf16Le
            } else {
                Encoding::Utf16Be
            };
            assert_eq!(
                decode_bytes(p, b.clone(), enc, false).unwrap(),
                "A: hello there\nB: hi"
            );
            // `utf-16` guesses the order from the NULs.
            assert_eq!(
                decode_bytes(p, b, Encoding::Utf16, false).unwrap(),
                "A: hello there\nB: hi"
            );
        }
    }

    #[test]
    fn utf16_errors_are_located_in_utf16_terms() {
        let p = Path::new("x.txt");
        // A lone high surrogate on line 2, at byte 2 + 2·4 = 10.
        let mut b = utf16_bytes("A:\nB", true, true);
        b.extend_from_slice(&[0x00, 0xD8, 0x41, 0x00]);
        let e = decode_bytes(p, b, Encoding::Utf8, false).unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.txt: invalid UTF-16 (little-endian) at byte 10 (line 2); if the file is in another encoding, pass --encoding utf-8, windows-1252, latin1, utf-16le or utf-16be"
        );
        // An odd last byte.
        let mut b = utf16_bytes("AB", false, false);
        b.push(0x41);
        let e = decode_bytes(p, b, Encoding::Utf16Be, false).unwrap_err();
        assert!(
            e.to_string().contains("(big-endian) at byte 4 (line 1)"),
            "{e}"
        );
    }

    #[test]
    fn declared_encodings_of_markup_are_honoured_when_not_utf8() {
        let p = Path::new("x.xml");
        let xml = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<s speakername=\"Lembit \xD6pik\">RT\xC9</s>".to_vec();
        let t = decode_bytes(p, xml.clone(), Encoding::Utf8, true).unwrap();
        assert!(t.ends_with("\"Lembit Öpik\">RTÉ</s>"), "{t}");
        // Not markup: the same bytes are an error.
        assert!(decode_bytes(p, xml, Encoding::Utf8, false).is_err());
        let html = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><p>it\x92s</p>".to_vec();
        let t = decode_bytes(Path::new("x.htm"), html, Encoding::Utf8, true).unwrap();
        assert!(t.contains("it\u{2019}s"), "{t}");
        let html = b"<meta charset='iso-8859-1'><p>caf\xe9</p>".to_vec();
        let t = decode_bytes(Path::new("x.htm"), html, Encoding::Utf8, true).unwrap();
        assert!(t.contains("café"), "{t}");
        // Valid UTF-8 stays UTF-8 whatever the declaration says.
        let ok = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><p>café</p>"
            .as_bytes()
            .to_vec();
        assert!(
            decode_bytes(p, ok, Encoding::Utf8, true)
                .unwrap()
                .contains("café")
        );
    }
}
