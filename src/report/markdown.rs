//! Markdown exporter: the same document for write-ups, tables as GitHub
//! Markdown tables, charts linked from `charts/` (PNG).

use std::fmt::Write;

use super::document::Block;
use super::page_table::PageTable;
use crate::table::md_escape;

/// Render the Markdown file.
pub fn render(blocks: &[Block]) -> String {
    let mut s = String::new();
    for b in blocks {
        match b {
            Block::Heading(level, text, _) => {
                let _ = writeln!(s, "{} {}\n", "#".repeat(*level as usize), md_escape(text));
            }
            Block::Para(p) => {
                let _ = writeln!(s, "{}\n", md_escape(p));
            }
            Block::Facts(f) => {
                for (k, v) in f {
                    let _ = writeln!(s, "- **{}**: {}", md_escape(k), md_escape(v));
                }
                s.push('\n');
            }
            Block::Chart(f) => {
                let _ = writeln!(
                    s,
                    "![{}](charts/{}.png)\n\n*{}.* {}\n",
                    md_escape(&f.caption),
                    f.name,
                    md_escape(&f.title),
                    md_escape(&f.caption)
                );
            }
            Block::Table(t) => table(&mut s, t),
            Block::Kwic(lines) => {
                if lines.is_empty() {
                    s.push_str("No occurrences.\n\n");
                    continue;
                }
                for (r, l, m, rt) in lines {
                    let _ = writeln!(
                        s,
                        "- `{}` … {} **{}** {} …",
                        code_text(r),
                        md_escape(l),
                        md_escape(m),
                        md_escape(rt)
                    );
                }
                s.push('\n');
            }
            Block::Contents => {
                for b in blocks {
                    if let Block::Heading(2, t, _) = b {
                        let _ = writeln!(s, "- [{}](#{})", md_escape(t), github_anchor(t));
                    }
                }
                s.push('\n');
            }
        }
    }
    s
}

/// A GitHub Markdown table under its caption in bold, and the note of a
/// cut table linking its CSV file.
fn table(s: &mut String, t: &PageTable) {
    let _ = writeln!(s, "**{}**\n", md_escape(&t.caption));
    s.push('|');
    for c in &t.columns {
        let _ = write!(s, " {} |", md_escape(c));
    }
    s.push_str("\n|");
    for i in 0..t.columns.len() {
        let numeric = t.numeric.get(i).copied().unwrap_or(false);
        s.push_str(if numeric { " ---: |" } else { " --- |" });
    }
    s.push('\n');
    for row in &t.rows {
        s.push('|');
        for c in row {
            let _ = write!(s, " {} |", md_escape(c));
        }
        s.push('\n');
    }
    s.push('\n');
    if let Some(cut) = &t.cut {
        let _ = writeln!(
            s,
            "{} [{}]({}).\n",
            md_escape(&cut.note()),
            cut.csv,
            cut.csv
        );
    }
}

/// Text for a code span: a backtick would close it and a line break
/// could end the paragraph (a blank line; what follows would be read as
/// Markdown, HTML and all), so backticks become `'` and line breaks and
/// other control characters show as in the terminal
/// ([`crate::table::visible`]).
fn code_text(s: &str) -> String {
    crate::table::visible(s).replace('`', "'")
}

/// The anchor GitHub gives a heading: lower case, punctuation dropped,
/// spaces as `-`.
fn github_anchor(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}
