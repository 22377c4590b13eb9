//! The metadata a file carries: its YAML front matter (`---` … `---`),
//! `Key: value` lines and the lines that continue them.

use super::records::Records;
use super::{LineKind, ParsedTranscript, Warning};
use crate::transcript::label::{self, trim};
use crate::transcript::lines::Line;

/// Read YAML front matter at the top of `lines` into `out`, recording its
/// lines (`FrontMatter`): the index of the first line after it (0 when
/// there is none). Front matter that is never closed is read as text,
/// with a warning.
pub(super) fn read_front_matter(
    lines: &[Line<'_>],
    out: &mut ParsedTranscript,
    records: &mut Records,
) -> usize {
    if let Some(end) = front_matter_end(lines) {
        let front: Vec<&str> = lines
            .get(1..end)
            .unwrap_or_default()
            .iter()
            .map(|l| l.raw)
            .collect();
        parse_front_matter(&front, &mut out.metadata);
        for i in 0..=end {
            records.record(i + 1, LineKind::FrontMatter, None, "YAML front matter");
        }
        return end + 1;
    }
    if lines.first().is_some_and(|l| l.raw.trim_end() == "---") {
        out.warnings.push(Warning {
            line: 1,
            message: "front matter opened with `---` is never closed; read as text".into(),
        });
    }
    0
}

/// A line of a metadata paragraph, or after the end mark: a `Key: value`
/// pair of its own, or more of the last value (a new `trailer` after a
/// time stamp or where there is none).
pub(super) fn push_meta_line(out: &mut ParsedTranscript, line: &str) {
    if let Some((k, v)) = label::split_colon(line).filter(|(k, _)| label::metadata_key(k)) {
        out.metadata.push((trim(k).to_string(), clean_value(v)));
    } else if let Some(last) = out
        .metadata
        .last_mut()
        .filter(|(k, _)| k != "time" && k != "trailer")
    {
        last.1.push(' ');
        last.1.push_str(line);
    } else {
        out.metadata.push(("trailer".into(), line.to_string()));
    }
}

/// A metadata value: trimmed, no-break spaces made plain.
pub(super) fn clean_value(v: &str) -> String {
    trim(v).replace('\u{A0}', " ")
}

/// If the file opens with `---`, the index of the closing `---` line.
fn front_matter_end(lines: &[Line<'_>]) -> Option<usize> {
    if lines.first()?.raw.trim_end() != "---" {
        return None;
    }
    lines
        .iter()
        .enumerate()
        .skip(1)
        .take(200)
        .find(|(_, l)| {
            let t = l.raw.trim_end();
            t == "---" || t == "..."
        })
        .map(|(i, _)| i)
}

/// Read `key: value` pairs of simple YAML front matter, with folded
/// continuation lines and double- or single-quoted scalars.
fn parse_front_matter(lines: &[&str], out: &mut Vec<(String, String)>) {
    let mut entries: Vec<(String, String)> = Vec::new();
    for line in lines {
        let starts_key = !line.starts_with([' ', '\t']) && line.contains(':');
        if starts_key && let Some((k, v)) = line.split_once(':') {
            entries.push((k.trim().to_string(), v.trim().to_string()));
            continue;
        }
        if let Some(last) = entries.last_mut() {
            last.1.push('\n');
            last.1.push_str(line.trim());
        }
    }
    for (k, v) in entries {
        out.push((k, yaml_scalar(&v)));
    }
}

/// Unquote a YAML scalar as front matter writes them.
fn yaml_scalar(v: &str) -> String {
    let v = v.trim();
    let s = if let Some(inner) = v.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        let mut out = String::new();
        let mut chars = inner.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some('\n') => {
                        // Escaped line break: join without a space, skip indentation.
                        while chars.peek().is_some_and(|c| *c == ' ') {
                            chars.next();
                        }
                    }
                    Some('_') => out.push(' '),
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some(' ') => out.push(' '),
                    Some('"') => out.push('"'),
                    Some('\\') => out.push('\\'),
                    Some('/') => out.push('/'),
                    Some(other) => {
                        out.push('\\');
                        out.push(other);
                    }
                    None => {}
                },
                '\n' => out.push(' '),
                c => out.push(c),
            }
        }
        out
    } else if let Some(inner) = v.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) {
        inner.replace("''", "'").replace('\n', " ")
    } else {
        v.replace('\n', " ")
    };
    s.replace('\u{A0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::super::parse_with_records;
    use crate::ingest::Source;
    use std::path::PathBuf;

    fn src(text: &str) -> Source {
        Source {
            id: "t".into(),
            path: PathBuf::from("t.txt"),
            text: text.into(),
            sha256: String::new(),
            bytes: text.len() as u64,
            markup: None,
        }
    }

    #[test]
    fn front_matter_title_unescapes() {
        let p = parse_with_records(&src(
            "---\ndate: '2024-02-22'\ntitle: \"On-the-Record Press Gaggle by White\\_House National Security Communications\\\n  \\ Advisor John\\_Kirby\"\n---\nMR. KIRBY:  Thanks.\n",
        ));
        assert_eq!(p.meta("date"), Some("2024-02-22"));
        assert_eq!(
            p.meta("title"),
            Some(
                "On-the-Record Press Gaggle by White House National Security Communications Advisor John Kirby"
            )
        );
        assert_eq!(p.blocks.len(), 1);
    }
}
