//! HTML exporter: one self-contained page (inline SVG charts, one inline
//! stylesheet, no scripts, no network) from the document blocks. Every piece
//! of transcript text is escaped.

use std::fmt::Write;

use super::document::Block;
use super::page_table::PageTable;

/// Escape text for HTML element content and attribute values; control
/// characters other than white space (which HTML forbids) show as their
/// escapes ([`crate::table::visible`]).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' | '\n' | '\r' => out.push(c),
            c if crate::table::is_hidden_control(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root { --ink: #1d2330; --muted: #5b6472; --rule: #d9dde3; --band: #f5f6f8; --accent: #0072b2; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 "DejaVu Sans", Verdana, Geneva, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1080px; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
h1 { font-size: 1.9rem; line-height: 1.25; margin: 0 0 .6rem; }
h2 { font-size: 1.4rem; margin: 2.8rem 0 .8rem; padding-top: .6rem; border-top: 2px solid var(--ink); }
h3 { font-size: 1.1rem; margin: 1.8rem 0 .6rem; }
p { margin: .5rem 0 1rem; max-width: 46rem; }
a { color: var(--accent); }
nav ol { columns: 2; margin: .5rem 0 1.5rem; padding-left: 1.4rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1.2rem; margin: .8rem 0 1.2rem; }
dt { font-weight: bold; }
dd { margin: 0; }
figure { margin: 1.2rem 0 1.8rem; }
.chart { overflow-x: auto; }
.chart svg { display: block; max-width: 100%; min-width: 520px; height: auto; border: 1px solid var(--rule); }
figcaption { color: var(--muted); font-size: .85rem; margin-top: .3rem; }
.table { overflow-x: auto; margin: .6rem 0 1.2rem; }
table { border-collapse: collapse; font-size: .82rem; }
caption { text-align: left; font-weight: bold; padding: .3rem 0; }
th, td { padding: .25rem .6rem; border-bottom: 1px solid var(--rule); vertical-align: top; text-align: left; }
th { background: var(--band); white-space: nowrap; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
ul.kwic { list-style: none; padding: 0; margin: .3rem 0 1rem; font-size: .9rem; }
ul.kwic li { padding: .2rem 0; border-bottom: 1px dotted var(--rule); }
ul.kwic .ref { color: var(--muted); font-size: .8rem; margin-right: .6rem; }
ul.kwic mark { background: #fde9a8; font-weight: bold; padding: 0 .15rem; }
.muted { color: var(--muted); }
p.cut { font-size: .82rem; color: var(--muted); margin: .3rem 0 0; }
@media (max-width: 600px) {
  main { padding: 1rem .8rem 3rem; }
  h1 { font-size: 1.5rem; }
  nav ol { columns: 1; }
}
@page { margin: 16mm 14mm; }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h1, h2, h3, caption { break-after: avoid; page-break-after: avoid; }
  h2 { margin-top: 1.6rem; }
  nav ol { columns: 2; }
  figure { break-inside: avoid; page-break-inside: avoid; margin: .8rem 0 1rem; }
  .chart { overflow: visible; }
  .chart svg { width: 100%; min-width: 0; max-width: 100%; border: 0; }
  .table { overflow: visible; }
  table { width: 100%; font-size: 7.5pt; }
  th { white-space: normal; }
  td { overflow-wrap: break-word; }
  td.long { overflow-wrap: anywhere; }
  th, td { padding: .15rem .3rem; }
  tr, ul.kwic li { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// ` class="n"` on the cells of a numeric column (right-aligned).
fn class(t: &PageTable, i: usize) -> &'static str {
    if t.numeric.get(i).copied().unwrap_or(false) {
        " class=\"n\""
    } else {
        ""
    }
}

/// The class of a text cell: `long` when a word of it is too long for a
/// column of a printed page (a transcript's id, a checksum), which print
/// may then break anywhere; other words wrap only between them.
fn text_class(text: &str) -> &'static str {
    if text.split_whitespace().any(|w| w.chars().count() > 24) {
        " class=\"long\""
    } else {
        ""
    }
}

fn table(t: &PageTable) -> String {
    let mut s = String::from("<div class=\"table\"><table>");
    let _ = write!(s, "<caption>{}</caption><thead><tr>", esc(&t.caption));
    for (i, c) in t.columns.iter().enumerate() {
        let _ = write!(s, "<th scope=\"col\"{}>{}</th>", class(t, i), esc(c));
    }
    s.push_str("</tr></thead><tbody>");
    for row in &t.rows {
        s.push_str("<tr>");
        for (i, c) in row.iter().enumerate() {
            let class = match class(t, i) {
                "" => text_class(c),
                n => n,
            };
            let _ = write!(s, "<td{class}>{}</td>", esc(c));
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table>");
    if let Some(cut) = &t.cut {
        let csv = esc(&cut.csv);
        let _ = write!(
            s,
            "<p class=\"cut\">{} <a href=\"{csv}\">{csv}</a>.</p>",
            esc(&cut.note())
        );
    }
    s.push_str("</div>\n");
    s
}

/// Render the page. `svg_of` gives a chart's inline SVG by file stem.
pub fn render(blocks: &[Block], svg_of: &dyn Fn(&str) -> Option<String>) -> String {
    let title = blocks
        .iter()
        .find_map(|b| match b {
            Block::Heading(1, t, _) => Some(t.clone()),
            _ => None,
        })
        .unwrap_or_else(|| "tribune report".into());
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"tribune\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        esc(&title)
    );
    for b in blocks {
        match b {
            Block::Heading(level, text, id) => {
                let _ = writeln!(s, "<h{level} id=\"{}\">{}</h{level}>", esc(id), esc(text));
            }
            Block::Para(p) => {
                let _ = writeln!(s, "<p>{}</p>", esc(p));
            }
            Block::Facts(f) => {
                s.push_str("<dl>");
                for (k, v) in f {
                    let _ = write!(s, "<dt>{}</dt><dd>{}</dd>", esc(k), esc(v));
                }
                s.push_str("</dl>\n");
            }
            Block::Chart(f) => {
                if let Some(svg) = svg_of(&f.name) {
                    let name = esc(&f.name);
                    let _ = writeln!(
                        s,
                        "<figure id=\"chart-{name}\"><div class=\"chart\" role=\"img\" aria-label=\"{}\">{svg}</div><figcaption><strong>{}.</strong> {} <a href=\"charts/{name}.svg\">SVG</a> · <a href=\"charts/{name}.png\">PNG</a></figcaption></figure>",
                        esc(&f.caption),
                        esc(&f.title),
                        esc(&f.caption),
                    );
                }
            }
            Block::Table(t) => s.push_str(&table(t)),
            Block::Kwic(lines) => {
                if lines.is_empty() {
                    s.push_str("<p class=\"muted\">No occurrences.</p>\n");
                    continue;
                }
                s.push_str("<ul class=\"kwic\">");
                for (r, l, m, rt) in lines {
                    let _ = write!(
                        s,
                        "<li><span class=\"ref\">{}</span>… {} <mark>{}</mark> {} …</li>",
                        esc(r),
                        esc(l),
                        esc(m),
                        esc(rt)
                    );
                }
                s.push_str("</ul>\n");
            }
            Block::Contents => {
                s.push_str("<nav aria-label=\"Contents\"><strong>Contents</strong><ol>");
                for b in blocks {
                    if let Block::Heading(2, t, id) = b {
                        let _ = write!(s, "<li><a href=\"#{}\">{}</a></li>", esc(id), esc(t));
                    }
                }
                s.push_str("</ol></nav>\n");
            }
        }
    }
    s.push_str("</main>\n</body>\n</html>\n");
    s
}
