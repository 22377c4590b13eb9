//! Shared pieces of the subcommands: input and output arguments, loading a
//! corpus, writing a result in the chosen format (atomically to a file, or
//! to standard output).

pub mod compare;
pub mod diversity;
pub mod exchanges;
pub mod keyness;
pub mod kwic;
pub mod parse;
pub mod report;
pub mod report_folder;
pub mod speakers;
pub mod terms;
pub mod turns;
pub mod write;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, ValueEnum};
use serde::Serialize;

use tribune::ingest::{self, Encoding};
use tribune::table::Table;
use tribune::transcript::group::GroupBy;
use tribune::transcript::{BuildOptions, Corpus, Roster};

/// What `--by` accepts (turns, terms, diversity).
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum By {
    Speaker,
    Role,
    Outlet,
    Transcript,
    Corpus,
}

impl From<By> for GroupBy {
    fn from(b: By) -> GroupBy {
        match b {
            By::Speaker => GroupBy::Speaker,
            By::Role => GroupBy::Role,
            By::Outlet => GroupBy::Outlet,
            By::Transcript => GroupBy::Transcript,
            By::Corpus => GroupBy::Corpus,
        }
    }
}

/// Where transcripts come from.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// Transcript files, folders (searched for .txt, .md, .htm, .html and TheyWorkForYou .xml), or - for standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Text encoding of the input: utf-8 (default; a UTF-16 BOM and an HTML/XML declared encoding are honoured), windows-1252, latin1, utf-16 (byte order from the BOM), utf-16le, utf-16be.
    #[arg(long, default_value = "utf-8", value_name = "NAME")]
    pub encoding: String,
    /// A roster (TOML) that sets speakers' names, aliases, roles and outlets.
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,
    /// Treat parser warnings as errors.
    #[arg(long)]
    pub strict: bool,
}

/// Output format of a table command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for reading in a terminal.
    Table,
    /// Comma-separated values with a header row.
    Csv,
    /// The documented JSON structure.
    Json,
    /// A Markdown table.
    Md,
}

/// Where and how a table command writes.
#[derive(Debug, Args, Clone)]
pub struct OutputArgs {
    /// Output format [default: table on a terminal, csv otherwise, or from the -o extension].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write to FILE instead of standard output: a file is replaced whole or not at all (through a symbolic link, its target); a device or FIFO is written to directly.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl OutputArgs {
    /// The format to use, from the flag, the output extension, or the terminal.
    pub fn format(&self) -> Format {
        if let Some(f) = self.format {
            return f;
        }
        if let Some(ext) = self
            .output
            .as_ref()
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
        {
            match ext.to_ascii_lowercase().as_str() {
                "json" => return Format::Json,
                "md" | "markdown" => return Format::Md,
                "csv" => return Format::Csv,
                "txt" => return Format::Table,
                _ => {}
            }
        }
        if self.output.is_none() && std::io::stdout().is_terminal() {
            Format::Table
        } else {
            Format::Csv
        }
    }

    /// Render `table` (or `json` for the JSON format) and write it out.
    pub fn emit<J: Serialize>(&self, table: &Table, json: &J) -> Result<()> {
        self.emit_with_width(table, json, 60)
    }

    /// As [`OutputArgs::emit`], with long text cells shown whole in a terminal.
    pub fn emit_wide<J: Serialize>(&self, table: &Table, json: &J) -> Result<()> {
        self.emit_with_width(table, json, 400)
    }

    fn emit_with_width<J: Serialize>(&self, table: &Table, json: &J, width: usize) -> Result<()> {
        let bytes = match self.format() {
            Format::Table => table.to_text(width).into_bytes(),
            Format::Csv => table.to_csv(),
            Format::Md => table.to_markdown().into_bytes(),
            Format::Json => {
                let mut v = serde_json::to_vec_pretty(json)?;
                v.push(b'\n');
                v
            }
        };
        self.write(&bytes)
    }

    /// Write bytes to the output file or standard output (see
    /// [`write::write_file`]).
    pub fn write(&self, bytes: &[u8]) -> Result<()> {
        self.write_parts(&[bytes])
    }

    /// Write `parts` one after another, as [`OutputArgs::write`] writes
    /// their concatenation.
    pub fn write_parts<B: AsRef<[u8]>>(&self, parts: &[B]) -> Result<()> {
        match &self.output {
            Some(path) => write::write_file(path, parts),
            None => {
                let mut out = std::io::stdout().lock();
                write::write_all_vectored(&mut out, parts)?;
                out.flush()?;
                Ok(())
            }
        }
    }
}

/// The files of INPUT arguments (see [`ingest::expand`]), warning on
/// standard error of each folder entry skipped (a FIFO, a device).
pub fn expand_inputs(inputs: &[String]) -> Result<Vec<PathBuf>> {
    let expanded = ingest::expand(inputs)?;
    for (path, why) in &expanded.skipped {
        eprintln!("warning: {}: {}", path.display(), why);
    }
    Ok(expanded.paths)
}

/// Print a parser warning about `path` to standard error.
pub fn warn(path: &str, w: &tribune::transcript::Warning) {
    eprintln!("warning: {}:{}: {}", path, w.line, w.message);
}

/// Read, parse and resolve the inputs; print parser warnings to stderr.
pub fn load_corpus(input: &InputArgs) -> Result<Corpus> {
    load_corpus_with(input, false)
}

/// Terms by speaker counted in one pass over the files, without building
/// a corpus (see [`tribune::count::stream`]): `None` when that pass does
/// not apply (another grouping, a roster), and the caller builds one.
pub fn count_by_speaker_streamed(
    input: &InputArgs,
    by: GroupBy,
    analyzer: &tribune::text::Analyzer,
) -> Result<Option<tribune::count::TermTable>> {
    if by != GroupBy::Speaker || input.roster.is_some() {
        return Ok(None);
    }
    let encoding: Encoding = input.encoding.parse()?;
    let paths = expand_inputs(&input.inputs)?;
    let streamed =
        tribune::count::stream::count_by_speaker(&paths, encoding, input.strict, analyzer)?;
    Ok(streamed.map(|s| {
        for (path, w) in &s.warnings {
            warn(path, w);
        }
        s.table
    }))
}

/// [`load_corpus`], with `speakers_only` (see [`BuildOptions`]) for commands
/// that read no roles, exchanges or turn word counts.
pub fn load_corpus_with(input: &InputArgs, speakers_only: bool) -> Result<Corpus> {
    let encoding: Encoding = input.encoding.parse()?;
    let paths = expand_inputs(&input.inputs)?;
    let roster = match &input.roster {
        Some(p) => Some(Roster::load(p)?),
        None => None,
    };
    let corpus = Corpus::from_paths(
        &paths,
        encoding,
        &BuildOptions {
            roster,
            strict: input.strict,
            speakers_only,
        },
    )?;
    for t in &corpus.transcripts {
        for w in &t.warnings {
            warn(&t.path, w);
        }
    }
    Ok(corpus)
}
