//! Tables as the page shows them to a reader: numbers with thousands
//! separators, shares as percentages, small p-values as `< 0.001`,
//! headers in words, and, when the page shows only the first rows, a
//! note saying how many of how many and linking the CSV file that has
//! them all. The CSV and JSON files keep their machine formats: this is
//! only the HTML page and the Markdown file. Pure.

use super::figures::thousands;
use crate::table::{Cell, Table, fmt_float};

/// A table ready to print: every cell as text.
#[derive(Debug, Clone, PartialEq)]
pub struct PageTable {
    pub caption: String,
    /// Headers in words.
    pub columns: Vec<String>,
    /// Whether each column holds numbers (right-aligned).
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
    /// Set when the page shows only some of the rows.
    pub cut: Option<Cut>,
}

/// How much of a table the page shows, and where the rest is.
#[derive(Debug, Clone, PartialEq)]
pub struct Cut {
    /// Rows shown.
    pub shown: usize,
    /// Rows in the CSV file.
    pub total: usize,
    /// How the rows shown were chosen (`most words first`).
    pub order: String,
    /// The CSV file, relative to the page (`tables/speakers.csv`).
    pub csv: String,
}

impl Cut {
    /// `Showing 30 of 1,184 rows, most words first; all in`: the note's
    /// words before the CSV file's name.
    pub fn note(&self) -> String {
        let order = if self.order.is_empty() {
            String::new()
        } else {
            format!(", {}", self.order)
        };
        format!(
            "Showing {} of {} rows{order}; all in",
            thousands(self.shown as u64),
            thousands(self.total as u64)
        )
    }
}

/// Columns that number things rather than count them: no separators.
const IDS: [&str; 3] = ["line", "exchange", "rank"];

/// A column's header in words. Known machine names are spelled out;
/// other headers (a speaker's name) are kept as they are.
pub fn header(name: &str) -> String {
    let known = match name {
        "p_adj" => "adjusted p",
        "g2" => "G²",
        "chi2" => "χ²",
        "per_10k" => "per 10,000",
        "log_odds_z" => "log-odds z",
        "ttr" => "TTR",
        "mattr" => "MATTR",
        "mtld" => "MTLD",
        "yule_k" => "Yule's K",
        "q1" => "Q1",
        "q3" => "Q3",
        "answer_question_ratio" => "answer words per question word",
        _ => "",
    };
    if !known.is_empty() {
        known.into()
    } else if name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        name.replace('_', " ")
    } else {
        name.into()
    }
}

/// `0.000213` → `< 0.001`, `0.0412` → `0.041`.
pub fn p_value(p: f64) -> String {
    if p < 0.001 {
        "< 0.001".into()
    } else {
        fmt_float(p, 3)
    }
}

/// Thousands separators in the whole part of a number as written
/// (`-12345.6` → `-12,345.6`); anything else is kept.
fn grouped(text: &str) -> String {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", text),
    };
    let (whole, frac) = rest.split_at(rest.find('.').unwrap_or(rest.len()));
    match whole.parse::<u64>() {
        Ok(n) => format!("{sign}{}{frac}", thousands(n)),
        Err(_) => text.into(),
    }
}

/// One cell of column `column` as the page prints it.
fn cell(column: &str, c: &Cell) -> String {
    let share = column.contains("share");
    let p = column == "p" || column == "p_adj";
    match c {
        Cell::Str(s) => s.clone(),
        Cell::Null => String::new(),
        Cell::Int(n) if IDS.contains(&column) => n.to_string(),
        Cell::Int(n) => grouped(&n.to_string()),
        Cell::Float(v, _) | Cell::Sci(v) if p => p_value(*v),
        Cell::Float(v, _) if share => format!("{}%", fmt_float(v * 100.0, 1)),
        Cell::Sci(_) => c.render(),
        Cell::Float(..) => grouped(&c.render()),
    }
}

/// `t` as the page prints it, its first `max` rows; when there are
/// more, the note names `csv` (a file stem under `tables/`) and says the
/// rows are in `order`.
pub fn page_table(caption: &str, t: &Table, max: usize, csv: &str, order: &str) -> PageTable {
    let total = t.rows.len();
    let cut = (total > max).then(|| Cut {
        shown: max,
        total,
        order: order.into(),
        csv: format!("tables/{csv}.csv"),
    });
    shown(caption, t, t.rows.iter().take(max), cut)
}

/// `t` as the page prints it, the rows chosen by the caller: `cut`
/// says how many of how many (or `None` when they are all there).
pub fn shown<'t>(
    caption: &str,
    t: &Table,
    rows: impl Iterator<Item = &'t Vec<Cell>>,
    cut: Option<Cut>,
) -> PageTable {
    let rows: Vec<&Vec<Cell>> = rows.collect();
    let numeric = (0..t.columns.len())
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .any(|c| !matches!(c, Cell::Str(_) | Cell::Null))
        })
        .collect();
    PageTable {
        caption: caption.into(),
        columns: t.columns.iter().map(|c| header(c)).collect(),
        numeric,
        rows: rows
            .iter()
            .map(|r| {
                r.iter()
                    .zip(&t.columns)
                    .map(|(c, name)| cell(name, c))
                    .collect()
            })
            .collect(),
        cut,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_on_paper() {
        assert_eq!(cell("words", &Cell::Int(1234567)), "1,234,567");
        assert_eq!(cell("words", &Cell::Int(-1234)), "-1,234");
        assert_eq!(cell("line", &Cell::Int(1234)), "1234");
        assert_eq!(cell("share_of_words", &Cell::Float(0.2412, 4)), "24.1%");
        assert_eq!(cell("p_adj", &Cell::Sci(0.000368)), "< 0.001");
        assert_eq!(cell("p_adj", &Cell::Sci(0.04123)), "0.041");
        assert_eq!(cell("mean", &Cell::Float(12345.678, 1)), "12,345.7");
        assert_eq!(cell("g2", &Cell::Float(-3.5, 2)), "-3.50");
        assert_eq!(header("p_adj"), "adjusted p");
        assert_eq!(header("question_words"), "question words");
        assert_eq!(header("Zulyat_Ismail"), "Zulyat_Ismail");
    }

    #[test]
    fn a_cut_table_says_how_much_and_where_the_rest_is() {
        let mut t = Table::new(["speaker", "words"]);
        for i in 0..40 {
            t.push(vec![Cell::s(format!("s{i}")), Cell::i(1000 - i)]);
        }
        let p = page_table("Speakers", &t, 30, "speakers", "most words first");
        assert_eq!(p.rows.len(), 30);
        assert_eq!(p.numeric, [false, true]);
        let cut = p.cut.expect("cut");
        assert_eq!(cut.csv, "tables/speakers.csv");
        assert_eq!(
            cut.note(),
            "Showing 30 of 40 rows, most words first; all in"
        );
        assert!(page_table("S", &t, 40, "speakers", "").cut.is_none());
    }
}
