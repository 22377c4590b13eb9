//! Ingest: turns the user's INPUT arguments (files, folders, `-`) into
//! decoded [`Source`]s. Owns path expansion (folders recursively, `.txt` and
//! `.md`, sorted for determinism), reading bytes, binary detection, BOM
//! stripping, decoding (UTF-8, or another encoding via `encoding_rs`) and the
//! SHA-256 of each input. This is the only library module that reads files.

use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// The text encodings tribune can decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-8, with or without BOM (the default). Invalid bytes are an error.
    #[default]
    Utf8,
    /// Windows-1252 (a superset of Latin-1 as browsers decode it).
    Windows1252,
    /// ISO-8859-1 (decoded as windows-1252, as the WHATWG standard does).
    Latin1,
    /// UTF-16 with a BOM (little-endian assumed without one).
    Utf16,
}

impl std::str::FromStr for Encoding {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Ok(Encoding::Utf8),
            "windows-1252" | "cp1252" => Ok(Encoding::Windows1252),
            "latin1" | "latin-1" | "iso-8859-1" => Ok(Encoding::Latin1),
            "utf-16" | "utf16" | "utf-16le" => Ok(Encoding::Utf16),
            _ => Err(Error::UnknownEncoding(s.to_string())),
        }
    }
}

/// One decoded input.
#[derive(Debug, Clone)]
pub struct Source {
    /// A short identifier: the file stem (`-` gives `stdin`).
    pub id: String,
    /// The path as the user gave it (or as found in a folder); `-` for stdin.
    pub path: PathBuf,
    /// The decoded text, BOM removed.
    pub text: String,
    /// Lower-case hex SHA-256 of the raw bytes.
    pub sha256: String,
    /// Size of the raw bytes.
    pub bytes: u64,
}

/// Expand INPUT arguments into a sorted, de-duplicated list of file paths.
/// `-` stays as `-` (standard input). Folders are walked recursively for
/// `.txt` and `.md` files; a folder with none is an error.
pub fn expand_inputs<S: AsRef<str>>(inputs: &[S]) -> Result<Vec<PathBuf>> {
    if inputs.is_empty() {
        return Err(Error::NoInput);
    }
    let mut out: Vec<PathBuf> = Vec::new();
    for input in inputs {
        out.extend(expand_one(input.as_ref())?);
    }
    // Each path once, where it first comes.
    let keep: Vec<bool> = {
        let mut seen = crate::text::hash::FastSet::default();
        out.iter().map(|p| seen.insert(p.as_path())).collect()
    };
    let mut keep = keep.into_iter();
    out.retain(|_| keep.next().unwrap_or(true));
    Ok(out)
}

/// One INPUT argument as paths: `-`, a file, or a folder's transcripts in
/// order.
fn expand_one(input: &str) -> Result<Vec<PathBuf>> {
    if input == "-" {
        return Ok(vec![PathBuf::from("-")]);
    }
    let path = PathBuf::from(input);
    let meta = std::fs::metadata(&path).map_err(|source| Error::Io {
        path: path.clone(),
        source,
    })?;
    if !meta.is_dir() {
        return Ok(vec![path]);
    }
    let mut found = Vec::new();
    walk(&path, &mut found)?;
    if found.is_empty() {
        return Err(Error::EmptyFolder { path });
    }
    found.sort();
    Ok(found)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries {
        let entry = entry.map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = entry.path();
        let file_type = entry.file_type().map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        if file_type.is_dir() {
            walk(&path, found)?;
        } else if is_transcript_name(&path) {
            found.push(path);
        }
    }
    Ok(())
}

fn is_transcript_name(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase()),
        Some(ref e) if e == "txt" || e == "md"
    ) && !is_project_file(path)
}

/// A folder's own papers, not transcripts: `LICENSE-or-SOURCE.md`,
/// `README.md`, `COPYING.txt`, `CHANGELOG.md` (a folder walk skips them; named
/// on the command line, they are read).
fn is_project_file(path: &Path) -> bool {
    let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
        return false;
    };
    let upper = stem.to_ascii_uppercase();
    [
        "LICENSE",
        "LICENCE",
        "README",
        "COPYING",
        "CHANGELOG",
        "CONTRIBUTING",
        "NOTICE",
    ]
    .iter()
    .any(|p| upper.starts_with(p))
}

/// Read one path (or standard input for `-`) and decode it.
pub fn read_source(path: &Path, encoding: Encoding) -> Result<Source> {
    read_source_hashed(path, encoding, true)
}

/// [`read_source`], computing the SHA-256 of the bytes only if `hash`
/// (otherwise `sha256` is empty: for work that never reports it).
pub fn read_source_hashed(path: &Path, encoding: Encoding, hash: bool) -> Result<Source> {
    let bytes = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut buf)
            .map_err(|source| Error::Io {
                path: path.to_path_buf(),
                source,
            })?;
        buf
    } else {
        std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?
    };
    let mut source = decode_owned_hashed(path, bytes, encoding, hash)?;
    if !hash {
        source.sha256.clear();
    }
    Ok(source)
}

/// Read every path, in parallel, keeping the order of `paths`.
pub fn read_sources(paths: &[PathBuf], encoding: Encoding) -> Result<Vec<Source>> {
    use rayon::prelude::*;
    let read: Vec<Result<Source>> = paths.par_iter().map(|p| read_source(p, encoding)).collect();
    crate::error::first_error(read)
}

/// The identifier tribune uses for a path: its file stem, `stdin` for `-`.
pub fn source_id(path: &Path) -> String {
    if path.as_os_str() == "-" {
        return "stdin".to_string();
    }
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// [`decode`] taking ownership of the bytes: UTF-8 input (the common case)
/// becomes the text without a copy.
pub fn decode_owned(path: &Path, bytes: Vec<u8>, encoding: Encoding) -> Result<Source> {
    decode_owned_hashed(path, bytes, encoding, true)
}

/// [`decode_owned`], hashing UTF-8 input only if `hash` (the other
/// encodings go through [`decode`], which always hashes).
fn decode_owned_hashed(
    path: &Path,
    mut bytes: Vec<u8>,
    encoding: Encoding,
    hash: bool,
) -> Result<Source> {
    if encoding != Encoding::Utf8 {
        return decode(path, &bytes, encoding);
    }
    let sha256 = if hash {
        hex(&Sha256::digest(&bytes))
    } else {
        String::new()
    };
    check_binary(path, &bytes)?;
    let len = bytes.len() as u64;
    let had_bom = bytes.starts_with(b"\xEF\xBB\xBF");
    if had_bom {
        bytes.drain(..3);
    }
    // SIMD validation (several times the standard library's speed); an
    // invalid file goes to `decode`, which locates the error.
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        // Put the BOM back so the error's offset counts it.
        let mut raw = if had_bom {
            b"\xEF\xBB\xBF".to_vec()
        } else {
            Vec::new()
        };
        raw.extend_from_slice(&bytes);
        return decode(path, &raw, encoding);
    }
    // SAFETY: `bytes` was validated as UTF-8 just above.
    let text = unsafe { String::from_utf8_unchecked(bytes) };
    if text.trim().is_empty() {
        return Err(Error::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(Source {
        id: source_id(path),
        path: path.to_path_buf(),
        text,
        sha256,
        bytes: len,
    })
}

/// Decode raw bytes into a [`Source`]: binary check, BOM, encoding.
pub fn decode(path: &Path, bytes: &[u8], encoding: Encoding) -> Result<Source> {
    let sha256 = hex(&Sha256::digest(bytes));
    let text = match encoding {
        Encoding::Utf16 => {
            let (enc, bom_len) = match encoding_rs::Encoding::for_bom(bytes) {
                Some((e, n)) => (e, n),
                None => (encoding_rs::UTF_16LE, 0),
            };
            let (cow, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
            if had_errors {
                return Err(Error::InvalidUtf8 {
                    path: path.to_path_buf(),
                    offset: 0,
                    line: 1,
                });
            }
            check_binary(path, cow.as_bytes())?;
            cow.into_owned()
        }
        Encoding::Windows1252 | Encoding::Latin1 => {
            check_binary(path, bytes)?;
            let (cow, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            cow.into_owned()
        }
        Encoding::Utf8 => {
            check_binary(path, bytes)?;
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            // SIMD validation first; the standard library locates an error.
            match simdutf8::basic::from_utf8(body).map_err(|_| std::str::from_utf8(body)) {
                Ok(s) => s.to_string(),
                Err(Ok(s)) => s.to_string(),
                Err(Err(e)) => {
                    let bom = bytes.len() - body.len();
                    let offset = e.valid_up_to() + bom;
                    let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
                    return Err(Error::InvalidUtf8 {
                        path: path.to_path_buf(),
                        offset,
                        line,
                    });
                }
            }
        }
    };
    let text = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if text.trim().is_empty() {
        return Err(Error::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(Source {
        id: source_id(path),
        path: path.to_path_buf(),
        text,
        sha256,
        bytes: bytes.len() as u64,
    })
}

/// A NUL byte anywhere marks a binary file (UTF-16 text has NULs and must
/// be decoded with `--encoding utf-16`).
fn check_binary(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(offset) = memchr::memchr(0, bytes) {
        return Err(Error::Binary {
            path: path.to_path_buf(),
            offset,
        });
    }
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_stripped_and_invalid_utf8_is_located() {
        let p = Path::new("x.txt");
        let s = decode(p, b"\xEF\xBB\xBFA: hi\n", Encoding::Utf8).unwrap();
        assert_eq!(s.text, "A: hi\n");
        let err = decode(p, b"A: hi\nB: \xff\n", Encoding::Utf8).unwrap_err();
        match err {
            Error::InvalidUtf8 { offset, line, .. } => {
                assert_eq!(offset, 9);
                assert_eq!(line, 2);
            }
            other => panic!("unexpected {other}"),
        }
    }

    #[test]
    fn windows_1252_decodes_curly_quotes() {
        let s = decode(Path::new("x.txt"), b"A: it\x92s\n", Encoding::Windows1252).unwrap();
        assert_eq!(s.text, "A: it\u{2019}s\n");
    }

    #[test]
    fn utf16_with_bom_decodes() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "A: hi".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let s = decode(Path::new("x.txt"), &bytes, Encoding::Utf16).unwrap();
        assert_eq!(s.text, "A: hi");
    }

    /// Folders give their transcripts in order (recursively, `.txt` and
    /// `.md` only); a path given again is kept where it first came.
    #[test]
    fn inputs_expand_in_order_each_path_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        std::fs::create_dir(d.join("sub")).expect("sub folder");
        for name in ["b.txt", "a.md", "notes.csv", "sub/c.TXT"] {
            std::fs::write(d.join(name), "A: hi\n").expect("write");
        }
        let show = |p: &PathBuf| {
            p.strip_prefix(d)
                .map_or_else(|_| p.display().to_string(), |r| r.display().to_string())
        };
        let folder = d.display().to_string();
        let b = d.join("b.txt").display().to_string();
        let got = expand_inputs(&[
            b.clone(),
            folder.clone(),
            b.clone(),
            "-".to_string(),
            folder,
        ])
        .expect("expands");
        let got: Vec<String> = got.iter().map(show).collect();
        assert_eq!(got, ["b.txt", "a.md", "sub/c.TXT", "-"]);
        // A missing path or a folder without transcripts names itself.
        let missing = d.join("missing").display().to_string();
        let e = expand_inputs(&[b, missing.clone()]).expect_err("missing");
        assert!(e.to_string().starts_with(&missing), "{e}");
        let empty = tempfile::tempdir().expect("temp dir");
        let e = expand_inputs(&[empty.path().display().to_string()]).expect_err("empty");
        assert!(matches!(e, Error::EmptyFolder { .. }), "{e}");
    }

    #[test]
    fn nul_is_binary_and_blank_is_empty() {
        assert!(matches!(
            decode(Path::new("x"), b"ab\0cd", Encoding::Utf8),
            Err(Error::Binary { offset: 2, .. })
        ));
        assert!(matches!(
            decode(Path::new("x"), b" \n\n ", Encoding::Utf8),
            Err(Error::Empty { .. })
        ));
    }
}
