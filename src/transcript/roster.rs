//! The roster file (TOML): names, aliases, roles and outlets that override
//! what tribune infers. Parsing and validation only; applying it is
//! [`super::speakers`]'s job.
//!
//! ```toml
//! [[speaker]]
//! name = "Xu Guixiang"
//! role = "host"
//! aliases = ["Mr. Xu"]
//!
//! [[outlet]]
//! name = "Tagesschau"
//! aliases = ["ARD"]
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::Role;
use super::outlets::OutletEntry;
use crate::error::{Error, Result};

/// A parsed roster.
#[derive(Debug, Clone, Default)]
pub struct Roster {
    /// Where it came from (for error messages).
    pub path: PathBuf,
    /// Entries in file order.
    pub entries: Vec<RosterEntry>,
    /// `[[outlet]]` entries: outlet names and their variants, added to the
    /// built-in list of [`super::outlets`].
    pub outlets: Vec<OutletEntry>,
}

/// One `[[speaker]]` table.
#[derive(Debug, Clone)]
pub struct RosterEntry {
    /// Canonical name.
    pub name: String,
    /// Role, if set.
    pub role: Option<Role>,
    /// Outlet, if set.
    pub outlet: Option<String>,
    /// Other labels of the same speaker.
    pub aliases: Vec<String>,
    /// 1-based line of the entry's `name`.
    pub line: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoster {
    #[serde(default)]
    speaker: Vec<RawEntry>,
    #[serde(default)]
    outlet: Vec<Spanned<OutletEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    name: Spanned<String>,
    #[serde(default)]
    role: Option<Spanned<String>>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

/// 1-based lines of byte offsets, from the offsets where lines start (a
/// roster of n entries asks n times: each a binary search, not a count of
/// the newlines before it).
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Lines {
        Lines(memchr::memchr_iter(b'\n', text.as_bytes()).collect())
    }

    fn line_of(&self, offset: usize) -> usize {
        1 + self.0.partition_point(|&nl| nl < offset)
    }
}

impl Roster {
    /// Read and parse a roster file.
    pub fn load(path: &Path) -> Result<Roster> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Roster::parse(path, &text)
    }

    /// Parse roster text; `path` is used in error messages.
    pub fn parse(path: &Path, text: &str) -> Result<Roster> {
        let err = |line: usize, message: String| Error::Roster {
            path: path.to_path_buf(),
            line,
            message,
        };
        let lines = Lines::new(text);
        let line_of = |_: &str, offset: usize| lines.line_of(offset);
        let raw: RawRoster = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
            err(line, e.message().trim().to_string())
        })?;
        let mut entries = Vec::new();
        for e in raw.speaker {
            let line = line_of(text, e.name.span().start);
            let name = e.name.into_inner().trim().to_string();
            if name.is_empty() {
                return Err(err(line, "speaker name is empty".into()));
            }
            let role = match e.role {
                None => None,
                Some(r) => {
                    let rl = line_of(text, r.span().start);
                    let value = r.into_inner();
                    Some(Role::parse(&value).ok_or_else(|| {
                        err(
                            rl,
                            format!(
                                "unknown role `{value}` for `{name}`: use host, official, questioner or other"
                            ),
                        )
                    })?)
                }
            };
            entries.push(RosterEntry {
                name,
                role,
                outlet: e.outlet.filter(|o| !o.trim().is_empty()),
                aliases: e.aliases,
                line,
            });
        }
        let mut outlets = Vec::new();
        for o in raw.outlet {
            let line = line_of(text, o.span().start);
            let o = o.into_inner();
            if o.name.trim().is_empty() {
                return Err(err(line, "outlet name is empty".into()));
            }
            outlets.push(o);
        }
        Ok(Roster {
            path: path.to_path_buf(),
            entries,
            outlets,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_reports_lines() {
        let r = Roster::parse(
            Path::new("r.toml"),
            "[[speaker]]\nname = \"Xu Guixiang\"\nrole = \"host\"\naliases = [\"Mr. Xu\"]\n",
        )
        .unwrap();
        assert_eq!(r.entries[0].role, Some(Role::Host));
        assert_eq!(r.entries[0].line, 2);
        let e = Roster::parse(Path::new("r.toml"), "[[speaker]]\nname = \"A\"\nrank = 3\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("r.toml:3: roster:"), "{e}");
        let e = Roster::parse(
            Path::new("r.toml"),
            "[[speaker]]\nname = \"A\"\nrole = \"boss\"\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("r.toml:3") && e.contains("boss"), "{e}");
    }

    #[test]
    fn outlet_entries_extend_the_outlet_list() {
        let r = Roster::parse(
            Path::new("r.toml"),
            "[[outlet]]\nname = \"Tagesschau\"\naliases = [\"ARD\", \"Das Erste\"]\n",
        )
        .unwrap();
        let mut o = super::super::outlets::Outlets::new(&r.outlets);
        assert_eq!(o.resolve("das erste"), "Tagesschau");
        assert_eq!(o.resolve("AP"), "Associated Press");
    }
}
