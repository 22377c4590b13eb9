//! The report: [`build()`] turns a corpus into a [`model::Report`] (plain
//! data), [`figures`] draws its charts with [`charts`], [`document`] lays it
//! out as blocks that [`html`] and [`markdown`] render, and [`render`]
//! returns every file of the report folder as bytes. Nothing here writes a
//! file: the binary does, into a temporary folder it renames at the end.

pub mod build;
pub mod captions;
pub mod charts;
pub mod document;
pub mod figures;
pub mod html;
pub mod markdown;
pub mod model;
pub mod page_table;

use crate::analysis::{diversity, exchanges, keyness, speakers, terms, turns};
use crate::error::{Error, Result};
use crate::table::{Cell, Table};

pub use build::{ReportOptions, build};
pub use model::Report;

/// One file of the report: its path inside the report folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative path with `/` separators (`charts/speaking-share.svg`).
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

fn file(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> OutputFile {
    OutputFile {
        path: path.into(),
        bytes: bytes.into(),
    }
}

/// Every file of the report, sorted by path.
pub fn render(report: &Report) -> Result<Vec<OutputFile>> {
    let charts = figures::figures(report)?;
    let captions = captions::captions(report);
    let index: Vec<document::Figure> = charts
        .iter()
        .map(|c| document::Figure {
            name: c.name.clone(),
            title: c.title.clone(),
            caption: captions
                .iter()
                .find(|(n, _)| *n == c.name)
                .map(|(_, t)| t.clone())
                .unwrap_or_else(|| c.title.clone()),
        })
        .collect();
    let blocks = document::document(report, &index);
    let svg_of = |name: &str| {
        charts
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.svg.clone())
    };
    let mut out = vec![
        file("index.html", html::render(&blocks, &svg_of)),
        file("report.md", markdown::render(&blocks)),
    ];
    let mut json = serde_json::to_vec_pretty(report).map_err(|e| Error::Render {
        what: "report.json".into(),
        message: e.to_string(),
    })?;
    json.push(b'\n');
    out.push(file("report.json", json));
    for (name, t) in tables(report) {
        out.push(file(format!("tables/{name}.csv"), t.to_csv()));
    }
    for c in charts {
        out.push(file(format!("charts/{}.svg", c.name), c.svg));
        out.push(file(format!("charts/{}.png", c.name), c.png));
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// The long ("tidy") CSV tables of the report.
pub fn tables(r: &Report) -> Vec<(&'static str, Table)> {
    let mut turn_rows = r.turns_by_speaker.clone();
    turn_rows.retain(|t| t.group_by != "all");
    turn_rows.extend(r.turns_by_role.iter().cloned());
    let mut inputs = Table::new([
        "transcript",
        "path",
        "date",
        "title",
        "turns",
        "words",
        "sha256",
    ]);
    for i in &r.inputs {
        inputs.push(vec![
            Cell::s(&i.id),
            Cell::s(&i.path),
            Cell::os(i.date.as_deref()),
            Cell::os(i.title.as_deref()),
            Cell::i(i.turns),
            Cell::i(i.words),
            Cell::s(&i.sha256),
        ]);
    }
    let mut v = vec![
        ("speakers", speakers::table(&r.speakers, true)),
        ("turns", turns::table(&turn_rows)),
        ("exchanges", exchanges::exchanges_table(&r.exchanges)),
        ("outlets", exchanges::outlets_table(&r.outlets)),
        ("terms", terms::table(&r.terms)),
        ("keyness", keyness::table(&r.keyness)),
        ("diversity", diversity::table(&r.diversity)),
        ("inputs", inputs),
    ];
    if let Some(c) = &r.comparison {
        v.push(("comparison", keyness::table(std::slice::from_ref(c))));
    }
    v
}
