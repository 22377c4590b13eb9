//! Ingest: turns the user's INPUT arguments (files, folders, `-`) into
//! decoded [`Source`]s. Owns path expansion (folders recursively, regular
//! files named as transcripts, sorted for determinism), reading bytes (at
//! most [`MAX_FILE_BYTES`] an input), decoding ([`mod@decode`]: UTF-8, UTF-16,
//! or another encoding via `encoding_rs`), reading HTML and XML as their
//! text ([`markup`]) and the SHA-256 of each input. This is the only
//! library module that reads input files.

use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

pub mod decode;
pub mod markup;

/// The most bytes tribune reads of one input (256 MiB): a larger file, or a
/// stream (`/dev/zero`, a pipe) that goes on past it, is an error naming it,
/// found while reading, not after.
pub const MAX_FILE_BYTES: u64 = 256 << 20;

/// The file that marks a folder as a report tribune wrote (it lists the
/// files tribune wrote there). Folder searches pass such folders over:
/// a report's pages and tables are no transcripts.
pub const REPORT_MARKER: &str = ".tribune-report";

/// The text encodings tribune can decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-8, with or without BOM (the default). A UTF-16 BOM is honoured,
    /// and so is a markup file's declared encoding when its bytes are not
    /// UTF-8. Other invalid bytes are an error.
    #[default]
    Utf8,
    /// Windows-1252 (a superset of Latin-1 as browsers decode it).
    Windows1252,
    /// ISO-8859-1 (decoded as windows-1252, as the WHATWG standard does).
    Latin1,
    /// UTF-16, byte order from the BOM (or, without one, from where the
    /// NUL bytes of ASCII text fall; little-endian if they say nothing).
    Utf16,
    /// UTF-16 little-endian (a matching BOM is dropped).
    Utf16Le,
    /// UTF-16 big-endian (a matching BOM is dropped).
    Utf16Be,
}

impl std::str::FromStr for Encoding {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Ok(Encoding::Utf8),
            "windows-1252" | "cp1252" => Ok(Encoding::Windows1252),
            "latin1" | "latin-1" | "iso-8859-1" => Ok(Encoding::Latin1),
            "utf-16" | "utf16" => Ok(Encoding::Utf16),
            "utf-16le" | "utf16le" => Ok(Encoding::Utf16Le),
            "utf-16be" | "utf16be" => Ok(Encoding::Utf16Be),
            _ => Err(Error::UnknownEncoding(s.to_string())),
        }
    }
}

/// One decoded input.
#[derive(Debug, Clone, Default)]
pub struct Source {
    /// A short identifier: the file stem (`-` gives `stdin`).
    pub id: String,
    /// The path as the user gave it (or as found in a folder); `-` for stdin.
    pub path: PathBuf,
    /// The decoded text, BOM removed; for HTML and XML, the text of the
    /// markup, line for line (see [`markup`]). Empty if the file holds only
    /// white space.
    pub text: String,
    /// Lower-case hex SHA-256 of the raw bytes.
    pub sha256: String,
    /// Size of the raw bytes.
    pub bytes: u64,
    /// For HTML and XML: which lines are notes made from markup, begin a
    /// paragraph, or are labels made from tags (see
    /// [`markup::MarkupLines`]); `None` for plain text.
    pub markup: Option<markup::MarkupLines>,
}

/// INPUT arguments expanded: the files to read, and the folder entries
/// passed over (with why), for the caller to warn about.
#[derive(Debug, Default)]
pub struct Expanded {
    /// Paths in order, each once; `-` is standard input.
    pub paths: Vec<PathBuf>,
    /// Transcript-named folder entries that are not regular files (a FIFO,
    /// a device, a socket), skipped: reading one could block for ever.
    pub skipped: Vec<(PathBuf, String)>,
}

/// Expand INPUT arguments into a sorted, de-duplicated list of file paths.
/// `-` stays as `-` (standard input). Folders are walked recursively for
/// transcripts (`.txt`, `.md`, `.htm`, `.html`, and `.xml` of the
/// TheyWorkForYou shape), regular files only, passing over report
/// folders tribune wrote; a folder with none is an error. A path named on the command line is read whatever it is (a FIFO
/// or device as a stream).
pub fn expand_inputs<S: AsRef<str>>(inputs: &[S]) -> Result<Vec<PathBuf>> {
    expand(inputs).map(|e| e.paths)
}

/// [`expand_inputs`], also telling which folder entries were skipped.
pub fn expand<S: AsRef<str>>(inputs: &[S]) -> Result<Expanded> {
    if inputs.is_empty() {
        return Err(Error::NoInput);
    }
    let mut out = Expanded::default();
    for input in inputs {
        expand_one(input.as_ref(), &mut out)?;
    }
    // Each path once, where it first comes.
    let keep: Vec<bool> = {
        let mut seen = crate::text::hash::FastSet::default();
        out.paths.iter().map(|p| seen.insert(p.as_path())).collect()
    };
    let mut keep = keep.into_iter();
    out.paths.retain(|_| keep.next().unwrap_or(true));
    Ok(out)
}

/// One INPUT argument as paths: `-`, a file, or a folder's transcripts in
/// order.
fn expand_one(input: &str, out: &mut Expanded) -> Result<()> {
    if input == "-" {
        out.paths.push(PathBuf::from("-"));
        return Ok(());
    }
    let path = PathBuf::from(input);
    let meta = std::fs::metadata(&path).map_err(|source| Error::Io {
        path: path.clone(),
        source,
    })?;
    if !meta.is_dir() {
        out.paths.push(path);
        return Ok(());
    }
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    if !path.join(REPORT_MARKER).is_file() {
        walk(&path, &mut found, &mut skipped)?;
    }
    if found.is_empty() {
        return Err(Error::EmptyFolder { path });
    }
    found.sort();
    skipped.sort();
    out.paths.extend(found);
    out.skipped.extend(skipped);
    Ok(())
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>, skipped: &mut Vec<(PathBuf, String)>) -> Result<()> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    let entries = std::fs::read_dir(dir).map_err(io(dir))?;
    for entry in entries {
        let entry = entry.map_err(io(dir))?;
        let path = entry.path();
        let file_type = entry.file_type().map_err(io(&path))?;
        if file_type.is_dir() {
            if path.join(REPORT_MARKER).is_file() {
                skipped.push((path, "a report tribune wrote; skipped".into()));
            } else {
                walk(&path, found, skipped)?;
            }
            continue;
        }
        let Some(kind) = transcript_kind(&path) else {
            continue;
        };
        // Follow a symbolic link to what it names; only regular files.
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                skipped.push((path, format!("cannot read ({e}); skipped")));
                continue;
            }
        };
        if !meta.is_file() {
            let what = file_kind(&meta);
            skipped.push((path, format!("{what}, not a regular file; skipped")));
            continue;
        }
        if kind == Kind::Xml && !xml_is_transcript(&path) {
            continue;
        }
        found.push(path);
    }
    Ok(())
}

#[derive(PartialEq)]
enum Kind {
    Text,
    Xml,
}

fn transcript_kind(path: &Path) -> Option<Kind> {
    if is_project_file(path) {
        return None;
    }
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "md" | "htm" | "html" => Some(Kind::Text),
        "xml" => Some(Kind::Xml),
        _ => None,
    }
}

/// A folder's own papers, not transcripts: `LICENSE-or-SOURCE.md`,
/// `README.md`, `COPYING.txt`, `CHANGELOG.md` (a folder walk skips them;
/// named on the command line, they are read).
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

/// Is a folder's `.xml` file a TheyWorkForYou transcript (by its first
/// 1,024 bytes)? Other XML (metadata, feeds) is not a transcript.
fn xml_is_transcript(path: &Path) -> bool {
    let mut head = Vec::with_capacity(1024);
    std::fs::File::open(path)
        .and_then(|f| f.take(1024).read_to_end(&mut head))
        .is_ok()
        && markup::is_transcript_xml(&head)
}

fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    let _ = meta;
    "not a file"
}

/// Read one path (or standard input for `-`) and decode it.
pub fn read_source(path: &Path, encoding: Encoding) -> Result<Source> {
    read_source_hashed(path, encoding, true)
}

/// [`read_source`], computing the SHA-256 of the bytes only if `hash`
/// (otherwise `sha256` is empty: for work that never reports it).
pub fn read_source_hashed(path: &Path, encoding: Encoding, hash: bool) -> Result<Source> {
    let bytes = read_limited(path)?;
    decode_owned_hashed(path, bytes, encoding, hash)
}

/// The bytes of `path` (standard input for `-`), at most
/// [`MAX_FILE_BYTES`]: the limit is checked while reading, so an endless
/// stream stops there.
fn read_limited(path: &Path) -> Result<Vec<u8>> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let too_large = || Error::TooLarge {
        path: path.to_path_buf(),
        limit: MAX_FILE_BYTES,
    };
    let mut buf = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .lock()
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut buf)
            .map_err(io)?;
    } else {
        let file = std::fs::File::open(path).map_err(io)?;
        let meta = file.metadata().map_err(io)?;
        if meta.is_dir() {
            return Err(io(std::io::Error::other("is a folder")));
        }
        if meta.is_file() {
            if meta.len() > MAX_FILE_BYTES {
                return Err(too_large());
            }
            buf.reserve_exact(meta.len() as usize);
        }
        file.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut buf)
            .map_err(io)?;
    }
    if buf.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok(buf)
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

/// [`decode()`] taking ownership of the bytes: UTF-8 input (the common case)
/// becomes the text without a copy.
pub fn decode_owned(path: &Path, bytes: Vec<u8>, encoding: Encoding) -> Result<Source> {
    decode_owned_hashed(path, bytes, encoding, true)
}

/// [`decode_owned`], hashing only if `hash`.
fn decode_owned_hashed(
    path: &Path,
    bytes: Vec<u8>,
    encoding: Encoding,
    hash: bool,
) -> Result<Source> {
    let sha256 = if hash {
        hex(&Sha256::digest(&bytes))
    } else {
        String::new()
    };
    let len = bytes.len() as u64;
    let is_markup = markup::is_markup(path, &bytes[..bytes.len().min(64)]);
    let mut text = decode::decode_bytes(path, bytes, encoding, is_markup)?;
    if let Some(rest) = text.strip_prefix('\u{FEFF}') {
        text = rest.to_string();
    }
    let mut lines = None;
    if is_markup || markup::starts_like_markup(text.as_bytes()) {
        let (converted, info) = markup::convert(&text);
        text = converted;
        lines = Some(info);
    }
    if text.trim().is_empty() {
        // Nothing to read: the caller decides (a lone empty file is an
        // error, one in a corpus is skipped like a file without turns).
        text.clear();
    }
    Ok(Source {
        id: source_id(path),
        path: path.to_path_buf(),
        text,
        sha256,
        bytes: len,
        markup: lines,
    })
}

/// Decode raw bytes into a [`Source`]: binary check, BOM, encoding, markup.
pub fn decode(path: &Path, bytes: &[u8], encoding: Encoding) -> Result<Source> {
    decode_owned(path, bytes.to_vec(), encoding)
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
        // A blank file decodes to no text at all (the corpus decides what
        // an empty file is: an error alone, skipped among others).
        let s = decode(Path::new("x"), b" \n\n ", Encoding::Utf8).expect("decodes");
        assert_eq!(s.text, "");
        assert_eq!(s.bytes, 4);
    }

    /// A FIFO in a folder is skipped (reading it would wait for a writer
    /// for ever); named on the command line it is read as a stream.
    #[cfg(unix)]
    #[test]
    fn folders_read_regular_files_only() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        std::fs::write(d.join("a.txt"), "A: hi\n").expect("write");
        let fifo = d.join("b.txt");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success());
        if !made {
            eprintln!("skipped: no mkfifo");
            return;
        }
        let e = expand(&[d.display().to_string()]).expect("expands");
        assert_eq!(e.paths, [d.join("a.txt")]);
        assert_eq!(e.skipped.len(), 1);
        assert_eq!(e.skipped[0].0, fifo);
        assert_eq!(e.skipped[0].1, "a FIFO, not a regular file; skipped");
        // Named, it is a path to read.
        let e = expand(&[fifo.display().to_string()]).expect("expands");
        assert_eq!(e.paths, std::slice::from_ref(&fifo));
        let writer = std::thread::spawn({
            let fifo = fifo.clone();
            move || std::fs::write(fifo, "B: from a pipe\n")
        });
        let s = read_source(&fifo, Encoding::Utf8).expect("reads the stream");
        writer.join().expect("joins").expect("writes");
        assert_eq!(s.text, "B: from a pipe\n");
    }

    /// The size limit is enforced while reading: `/dev/zero` stops at it.
    #[cfg(target_os = "linux")]
    #[test]
    fn an_endless_stream_stops_at_the_limit() {
        let zero = Path::new("/dev/zero");
        if !zero.exists() {
            return;
        }
        let e = read_source(zero, Encoding::Utf8).expect_err("too large");
        assert!(
            matches!(
                e,
                Error::TooLarge {
                    limit: MAX_FILE_BYTES,
                    ..
                }
            ),
            "{e}"
        );
        assert_eq!(
            e.to_string(),
            "/dev/zero: larger than 256 MiB, the most tribune reads of one input; split it into smaller files"
        );
    }

    /// Folders find HTML pages and TheyWorkForYou XML, not other XML.
    #[test]
    fn folders_find_markup_transcripts() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        for (name, body) in [
            ("a.htm", "<html><pre>A. hi</pre></html>"),
            ("b.HTML", "<p>A: hi</p>"),
            (
                "c.xml",
                "<?xml version=\"1.0\"?>\n<!DOCTYPE publicwhip\n[\n]>\n<publicwhip></publicwhip>",
            ),
            ("feed.xml", "<?xml version=\"1.0\"?><rss></rss>"),
        ] {
            std::fs::write(d.join(name), body).expect("write");
        }
        let got = expand_inputs(&[d.display().to_string()]).expect("expands");
        let names: Vec<_> = got
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.htm", "b.HTML", "c.xml"]);
        // A report folder tribune wrote inside is passed over.
        std::fs::create_dir(d.join("report")).expect("folder");
        std::fs::write(d.join("report").join(REPORT_MARKER), "index.html\n").expect("write");
        std::fs::write(d.join("report/index.html"), "<p>A: hi</p>").expect("write");
        let e = expand(&[d.display().to_string()]).expect("expands");
        assert_eq!(e.paths.len(), 3);
        assert_eq!(
            e.skipped,
            [(
                d.join("report"),
                "a report tribune wrote; skipped".to_string()
            )]
        );
    }
}
