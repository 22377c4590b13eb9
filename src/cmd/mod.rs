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
pub mod shell;
pub mod speakers;
pub mod terms;
pub mod turns;
pub mod write;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
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

    /// Rows written as they are made, in the chosen format, to the output
    /// file (atomically: whole or not at all) or standard output: `fill`
    /// pushes them into the [`RowStream`]. `columns` are the table's,
    /// `json_head` the command's JSON object with its row array (its last
    /// field) empty; `width` as in [`OutputArgs::emit`] (60, or 400 wide).
    pub fn stream<J: Serialize>(
        &self,
        columns: &[&str],
        json_head: &J,
        width: usize,
        fill: impl FnOnce(&mut RowStream<'_>) -> Result<()>,
    ) -> Result<()> {
        let format = self.format();
        let go = |out: &mut dyn Write| -> Result<()> {
            let mut rows = RowStream::begin(format, width, out, columns, json_head)?;
            fill(&mut rows)?;
            rows.finish()
        };
        match &self.output {
            Some(path) => write::write_file_with(path, |file| {
                let mut w = std::io::BufWriter::with_capacity(1 << 16, file);
                go(&mut w)?;
                w.flush()
                    .with_context(|| format!("{}: cannot write", path.display()))
            }),
            None => {
                let mut w = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
                go(&mut w)?;
                w.flush()?;
                Ok(())
            }
        }
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

/// A table written in parts as they are made (see [`OutputArgs::stream`]):
/// each part is a [`Table`] of some rows with the serialisable items of
/// those rows for JSON. CSV and Markdown give the bytes the whole table
/// would give; JSON the bytes `serde_json` gives for the whole object
/// (pretty, the items in its last field's array); the aligned text aligns
/// each non-empty part on its own, parts separated by a blank line.
pub struct RowStream<'w> {
    format: Format,
    width: usize,
    out: &'w mut dyn Write,
    columns: Vec<String>,
    /// A part with rows (or a JSON item) was written.
    started: bool,
    /// What closes the JSON object after the items.
    json_tail: String,
}

impl<'w> RowStream<'w> {
    fn begin<J: Serialize>(
        format: Format,
        width: usize,
        out: &'w mut dyn Write,
        columns: &[&str],
        json_head: &J,
    ) -> Result<RowStream<'w>> {
        let mut json_tail = String::new();
        if format == Format::Json {
            // The object with an empty array last: `...[]\n}`. Its items go
            // between the brackets, indented as serde_json indents them.
            let head = serde_json::to_string_pretty(json_head)?;
            let at = head
                .rfind("[]")
                .context("the JSON head has no empty array last")?;
            out.write_all(&head.as_bytes()[..=at])?;
            json_tail = head[at + 1..].to_string();
        }
        Ok(RowStream {
            format,
            width,
            out,
            columns: columns.iter().map(|c| c.to_string()).collect(),
            started: false,
            json_tail,
        })
    }

    /// Write the rows of `part` (the table's columns), with `items` (the
    /// same rows as JSON objects).
    pub fn push<T: Serialize>(&mut self, part: &Table, items: &[T]) -> Result<()> {
        match self.format {
            Format::Json => {
                for item in items {
                    let text = serde_json::to_string_pretty(item)?;
                    // Raw line breaks in serde_json's output are its own
                    // layout (breaks inside strings are escaped).
                    self.out
                        .write_all(if self.started { b",\n    " } else { b"\n    " })?;
                    self.out
                        .write_all(text.replace('\n', "\n    ").as_bytes())?;
                    self.started = true;
                }
            }
            _ if part.rows.is_empty() => {}
            Format::Csv => {
                self.out.write_all(&part.csv(!self.started))?;
                self.started = true;
            }
            Format::Md => {
                self.out
                    .write_all(part.markdown(!self.started).as_bytes())?;
                self.started = true;
            }
            Format::Table => {
                if self.started {
                    self.out.write_all(b"\n")?;
                }
                self.out.write_all(part.to_text(self.width).as_bytes())?;
                self.started = true;
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<()> {
        let empty = Table::new(self.columns.iter().cloned());
        match self.format {
            Format::Json => {
                if self.started {
                    self.out.write_all(b"\n  ")?;
                }
                self.out.write_all(self.json_tail.as_bytes())?;
                self.out.write_all(b"\n")?;
            }
            _ if self.started => {}
            Format::Csv => self.out.write_all(&empty.to_csv())?,
            Format::Md => self.out.write_all(empty.to_markdown().as_bytes())?,
            Format::Table => self.out.write_all(empty.to_text(self.width).as_bytes())?,
        }
        Ok(())
    }
}

/// The files of INPUT arguments (see [`ingest::expand`]), warning on
/// standard error of each folder entry skipped (a FIFO, a device).
pub fn expand_inputs(inputs: &[String]) -> Result<Vec<PathBuf>> {
    let expanded = ingest::expand(inputs)?;
    for (path, why) in &expanded.skipped {
        note(format_args!("warning: {}: {}", path.display(), why));
    }
    Ok(expanded.paths)
}

/// `--quiet`: no warnings and no progress lines on standard error.
static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Set `--quiet` for the run.
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, std::sync::atomic::Ordering::Relaxed);
}

/// Print a warning or a progress line to standard error, unless `--quiet`.
pub fn note(line: std::fmt::Arguments<'_>) {
    if !QUIET.load(std::sync::atomic::Ordering::Relaxed) {
        eprintln!("{line}");
    }
}

/// Print a parser warning about `path` to standard error (control
/// characters from the file or its name shown as escapes).
pub fn warn(path: &str, w: &tribune::transcript::Warning) {
    use tribune::table::visible;
    note(format_args!(
        "warning: {}:{}: {}",
        visible(path),
        w.line,
        visible(&w.message)
    ));
}

/// Read, parse and resolve the inputs; print parser warnings to stderr.
pub fn load_corpus(input: &InputArgs) -> Result<Corpus> {
    load_corpus_with(input, false)
}

/// The files of the inputs, with their encoding and roster, for a count
/// that reads them itself (see [`tribune::count::term_table`]).
pub fn input_files(input: &InputArgs) -> Result<tribune::count::Files> {
    let encoding: Encoding = input.encoding.parse()?;
    let paths = expand_inputs(&input.inputs)?;
    let roster = input.roster.as_deref().map(Roster::load).transpose()?;
    Ok(tribune::count::Files {
        paths,
        encoding,
        roster,
        strict: input.strict,
    })
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
