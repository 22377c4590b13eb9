//! The library's typed errors. Every error that comes from a user's input
//! names the file (and the line or byte offset where one applies), so the
//! binary can print it as it is.

use std::path::PathBuf;

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The values of results computed in parallel, or the error of the first
/// failure *in input order*. (Rayon's own `collect` into a `Result` stops at
/// whichever failure a thread meets first, so two bad files could report
/// either; tribune always names the first.)
pub fn first_error<T, E>(
    results: Vec<std::result::Result<T, E>>,
) -> std::result::Result<Vec<T>, E> {
    results.into_iter().collect()
}

/// Everything that can go wrong between reading input and rendering output.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A path could not be read (missing, permission, not a file).
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A folder held no transcript (`.txt`, `.md`, `.htm`, `.html`, `.xml`).
    #[error("{path}: folder holds no .txt, .md, .htm, .html or .xml transcript")]
    EmptyFolder { path: PathBuf },
    /// No input was given at all.
    #[error("no input: give one or more files, folders, or - for standard input")]
    NoInput,
    /// The bytes are not valid in the declared encoding.
    #[error(
        "{path}: invalid UTF-8 at byte {offset} (line {line}); if the file is in another encoding, pass --encoding windows-1252, latin1, utf-16le or utf-16be"
    )]
    InvalidUtf8 {
        path: PathBuf,
        offset: usize,
        line: usize,
    },
    /// The bytes are not valid UTF-16 of the byte order tried.
    #[error(
        "{path}: invalid UTF-16 ({endian}) at byte {offset} (line {line}); if the file is in another encoding, pass --encoding utf-8, windows-1252, latin1, utf-16le or utf-16be"
    )]
    InvalidUtf16 {
        path: PathBuf,
        endian: &'static str,
        offset: usize,
        line: usize,
    },
    /// UTF-16 text without a byte-order mark (NUL bytes in every other
    /// position), which tribune reads only when told the byte order.
    #[error(
        "{path}: looks like UTF-16 without a byte-order mark (NUL bytes in every other position); pass --encoding {guess} (or the other byte order, utf-16le or utf-16be)"
    )]
    Utf16WithoutBom { path: PathBuf, guess: &'static str },
    /// The input is larger than tribune reads of one file.
    #[error(
        "{path}: larger than {} MiB, the most tribune reads of one input; split it into smaller files",
        limit >> 20
    )]
    TooLarge { path: PathBuf, limit: u64 },
    /// The file looks binary (NUL bytes or mostly control characters).
    #[error("{path}: looks like a binary file, not a transcript (NUL byte at offset {offset})")]
    Binary { path: PathBuf, offset: usize },
    /// The file is empty or only white space.
    #[error("{path}: file is empty")]
    Empty { path: PathBuf },
    /// The file has text but no speaker turn was found.
    #[error(
        "{path}: no speaker turns found in {lines} lines; a turn starts with a label such as `Name: text` (see `tribune parse {path}`)"
    )]
    NoTurns { path: PathBuf, lines: usize },
    /// An unknown `--encoding` name.
    #[error(
        "unknown encoding `{0}`: use utf-8, windows-1252, latin1, utf-16 (byte order from the BOM), utf-16le or utf-16be"
    )]
    UnknownEncoding(String),
    /// A roster file is malformed or does not fit the transcripts.
    #[error("{path}:{line}: roster: {message}")]
    Roster {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// A strict-mode warning turned into an error.
    #[error("{path}:{line}: {message} (--strict makes warnings fatal)")]
    Strict {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// A group or speaker specification that matches nothing, or is malformed.
    #[error("{0}")]
    Spec(String),
    /// A stopword list or other auxiliary file is malformed.
    #[error("{path}:{line}: {message}")]
    Config {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// Rendering a chart or document failed.
    #[error("rendering {what}: {message}")]
    Render { what: String, message: String },
}
