//! Tables as plain data and their pure exporters: aligned text for the
//! terminal (control characters shown as escapes), CSV (RFC 4180,
//! spreadsheet formulas neutralised), Markdown (text escaped, never HTML).
//! JSON is not here: each command serialises its own documented structure.

use std::fmt::Write;

/// One cell. Numbers stay numbers in every format; only text is escaped.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text from a transcript or a name.
    Str(String),
    /// A count.
    Int(i64),
    /// A real number shown with a fixed number of decimals.
    Float(f64, usize),
    /// A real number in scientific notation with 3 significant decimals (p-values).
    Sci(f64),
    /// Undefined (an empty cell).
    Null,
}

impl Cell {
    /// Text cell.
    pub fn s(s: impl Into<String>) -> Cell {
        Cell::Str(s.into())
    }
    /// Integer cell.
    pub fn i(n: impl TryInto<i64>) -> Cell {
        n.try_into().map(Cell::Int).unwrap_or(Cell::Null)
    }
    /// Float cell with `prec` decimals; NaN becomes empty.
    pub fn f(v: f64, prec: usize) -> Cell {
        if v.is_nan() {
            Cell::Null
        } else {
            Cell::Float(v, prec)
        }
    }
    /// Optional float.
    pub fn of(v: Option<f64>, prec: usize) -> Cell {
        v.map_or(Cell::Null, |v| Cell::f(v, prec))
    }
    /// Optional text.
    pub fn os(v: Option<&str>) -> Cell {
        v.map_or(Cell::Null, Cell::s)
    }

    /// The cell as plain text (no escaping).
    pub fn render(&self) -> String {
        match self {
            Cell::Str(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Float(v, p) => fmt_float(*v, *p),
            Cell::Sci(v) => fmt_sci(*v),
            Cell::Null => String::new(),
        }
    }

    fn is_numeric(&self) -> bool {
        matches!(self, Cell::Int(_) | Cell::Float(..) | Cell::Sci(_))
    }
}

/// Fixed-precision float; infinities as `Inf`/`-Inf`; `-0.000` printed as `0.000`.
pub fn fmt_float(v: f64, prec: usize) -> String {
    let mut s = String::new();
    write_float(&mut s, v, prec);
    s
}

/// [`fmt_float`] appended to `out` (no allocation once `out` has room).
pub fn write_float(out: &mut String, v: f64, prec: usize) {
    if v.is_infinite() {
        out.push_str(if v > 0.0 { "Inf" } else { "-Inf" });
        return;
    }
    let start = out.len();
    write_fixed(out, v, prec);
    let written = &out[start..];
    if written.starts_with('-') && written[1..].bytes().all(|c| c == b'0' || c == b'.') {
        out.remove(start);
    }
}

/// Exactly what `write!(out, "{v:.prec$}")` writes (the decimal nearest
/// to the binary value, ties to even, the sign of negative zero kept), by
/// integer arithmetic where it is exact: finite `|v| < 2^53`, `prec <= 9`.
/// There `v = m * 2^e` with `m < 2^53` and `e <= 0`, so `v * 10^prec` is
/// `m * 10^prec` (below 2^83) shifted right by `-e`, and the bits shifted
/// out decide the rounding. Outside that domain it calls the standard
/// formatter, which inside it often falls back to slow big-number
/// arithmetic (Dragon4).
pub fn write_fixed(out: &mut String, v: f64, prec: usize) {
    const LIMIT: f64 = 9_007_199_254_740_992.0; // 2^53
    if prec > 9 || !v.is_finite() || v.abs() >= LIMIT {
        let _ = write!(out, "{v:.prec$}");
        return;
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (m, e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp - 1075)
    };
    let scale = 10u128.pow(prec as u32);
    let n = u128::from(m) * scale;
    let shift = (-e).max(0) as u32;
    let q = if shift == 0 {
        n
    } else if shift >= 128 {
        0 // n < 2^83: the value is below one half
    } else {
        let q = n >> shift;
        let rest = n & ((1u128 << shift) - 1);
        let half = 1u128 << (shift - 1);
        if rest > half || (rest == half && q & 1 == 1) {
            q + 1
        } else {
            q
        }
    };
    if v.is_sign_negative() {
        out.push('-');
    }
    // 64-bit division when the scaled value fits (128-bit division is a
    // slow library call).
    let (int, f) = match (u64::try_from(q), u64::try_from(scale)) {
        (Ok(q), Ok(scale)) => (q / scale, q % scale),
        _ => ((q / scale) as u64, (q % scale) as u64),
    };
    out.push_str(itoa::Buffer::new().format(int));
    if prec > 0 {
        out.push('.');
        let mut buf = itoa::Buffer::new();
        let digits = buf.format(f);
        for _ in digits.len()..prec {
            out.push('0');
        }
        out.push_str(digits);
    }
}

/// Scientific notation for p-values: `1.234e-05`; exact 0 and 1 stay short.
pub fn fmt_sci(v: f64) -> String {
    if v == 0.0 {
        "0".into()
    } else if v == 1.0 {
        "1".into()
    } else if v >= 0.001 {
        format!("{v:.4}")
    } else {
        format!("{v:.3e}")
    }
}

/// A rectangular table with named columns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Column names (snake_case, stable: they are a contract).
    pub columns: Vec<String>,
    /// Rows, each as long as `columns`.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// A table with these columns and no rows.
    pub fn new<S: Into<String>>(columns: impl IntoIterator<Item = S>) -> Table {
        Table {
            columns: columns.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
    }

    /// Append a row.
    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    /// CSV bytes with a header row. Text cells that a spreadsheet would run
    /// as a formula (`=`, `+`, `-`, `@`, tab, CR first) get a leading `'`.
    pub fn to_csv(&self) -> Vec<u8> {
        self.csv(true)
    }

    /// [`Table::to_csv`], with or without the header row (the rows of a
    /// table written in parts).
    pub fn csv(&self, header: bool) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        // Writing to a Vec cannot fail; errors are ignored deliberately.
        if header {
            let _ = w.write_record(&self.columns);
        }
        for row in &self.rows {
            let rec: Vec<String> = row
                .iter()
                .map(|c| match c {
                    Cell::Str(s) => neutralise_formula(s).into_owned(),
                    other => other.render(),
                })
                .collect();
            let _ = w.write_record(&rec);
        }
        w.into_inner().unwrap_or_default()
    }

    /// A GitHub-flavoured Markdown table; numbers right-aligned.
    pub fn to_markdown(&self) -> String {
        self.markdown(true)
    }

    /// [`Table::to_markdown`], with or without the header and alignment
    /// rows (the rows of a table written in parts; the first part's first
    /// row sets the alignment).
    pub fn markdown(&self, header: bool) -> String {
        let mut s = String::new();
        if header {
            s.push('|');
            for c in &self.columns {
                let _ = write!(s, " {} |", md_escape(c));
            }
            s.push_str("\n|");
            for i in 0..self.columns.len() {
                let numeric = self
                    .rows
                    .first()
                    .is_some_and(|r| r.get(i).is_some_and(Cell::is_numeric));
                s.push_str(if numeric { " ---: |" } else { " --- |" });
            }
            s.push('\n');
        }
        for row in &self.rows {
            s.push('|');
            for c in row {
                let _ = write!(s, " {} |", md_escape(&c.render()));
            }
            s.push('\n');
        }
        s
    }

    /// Aligned plain text for a terminal; text cells cut at `max_width`
    /// characters, line breaks and tabs shown as spaces and other control
    /// characters as escapes ([`visible`]), so that no text from a
    /// transcript reaches the terminal as a command.
    pub fn to_text(&self, max_width: usize) -> String {
        let cells: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| truncate(&visible(&c.render()), max_width))
                    .collect()
            })
            .collect();
        let columns: Vec<String> = self
            .columns
            .iter()
            .map(|c| visible(c).into_owned())
            .collect();
        let mut widths: Vec<usize> = columns.iter().map(|c| c.chars().count()).collect();
        for r in &cells {
            for (i, c) in r.iter().enumerate() {
                widths[i] = widths[i].max(c.chars().count());
            }
        }
        let numeric: Vec<bool> = (0..self.columns.len())
            .map(|i| {
                self.rows.iter().any(|r| r[i].is_numeric())
                    && self
                        .rows
                        .iter()
                        .all(|r| r[i].is_numeric() || r[i] == Cell::Null)
            })
            .collect();
        let mut s = String::new();
        let line = |s: &mut String, vals: &[String]| {
            let mut l = String::new();
            for (i, v) in vals.iter().enumerate() {
                let pad = widths[i].saturating_sub(v.chars().count());
                if i > 0 {
                    l.push_str("  ");
                }
                if numeric[i] {
                    l.push_str(&" ".repeat(pad));
                    l.push_str(v);
                } else {
                    l.push_str(v);
                    l.push_str(&" ".repeat(pad));
                }
            }
            s.push_str(l.trim_end());
            s.push('\n');
        };
        line(&mut s, &columns);
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        line(&mut s, &rule);
        for r in &cells {
            line(&mut s, r);
        }
        s
    }
}

/// Prefix a `'` to text that a spreadsheet would evaluate as a formula
/// (borrowed when there is nothing to do).
pub fn neutralise_formula(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Is `c` a character that a terminal may act on rather than show: a
/// control character (C0, DEL, C1) or a bidirectional embedding, override
/// or isolate (which reorder the text around them on screen)?
pub fn is_hidden_control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Text as a terminal should show it: line breaks and tabs as spaces, and
/// every other [hidden control](is_hidden_control) as its Rust escape
/// (`\u{1b}` for ESC), so an escape sequence in a transcript is shown, not
/// run. Borrowed when there is nothing to change.
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_hidden_control) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if is_hidden_control(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Escape text for Markdown inline content (a table cell, a heading, a
/// paragraph): pipes, emphasis and link marks, HTML (`<`, `>`, `&` as
/// entities, so no text becomes markup), line breaks as spaces (no text
/// ends a paragraph or starts a block) and other control characters as
/// escapes ([`visible`]).
pub fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if is_hidden_control(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '*' | '`' | '[' | ']' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    fn std_fixed(v: f64, prec: usize) -> String {
        format!("{v:.prec$}")
    }

    fn fast_fixed(v: f64, prec: usize) -> String {
        let mut s = String::new();
        super::write_fixed(&mut s, v, prec);
        s
    }

    #[test]
    fn fixed_matches_the_standard_formatter_on_ties_and_edges() {
        let cases = [
            0.25,
            0.125,
            0.375,
            2.5,
            3.5,
            0.5,
            1.5,
            0.03125,
            0.09375,
            1.00005,
            0.00005,
            -0.0,
            0.0,
            -0.00001,
            -0.4,
            1e-320,
            5e-324,
            168.1043,
            9_007_199_254_740_991.0,
            1e300,
            -1e-7,
            123_456_789.123_456_79,
            0.1,
            0.7,
            1e15 + 0.5,
        ];
        for v in cases {
            for prec in 0..=11 {
                assert_eq!(fast_fixed(v, prec), std_fixed(v, prec), "{v:e} .{prec}");
            }
        }
        assert_eq!(super::fmt_float(-0.00001, 4), "0.0000");
        assert_eq!(super::fmt_float(f64::NEG_INFINITY, 2), "-Inf");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        /// Any double, any precision: the standard formatter's digits.
        #[test]
        fn fixed_matches_the_standard_formatter(bits in any::<u64>(), prec in 0usize..=10) {
            let v = f64::from_bits(bits);
            prop_assert_eq!(fast_fixed(v, prec), std_fixed(v, prec));
        }

        /// Rates as the tables compute them, and exact binary fractions
        /// (ties at some precision).
        #[test]
        fn fixed_matches_on_rates_and_ties(
            count in 0u64..100_000, total in 1u64..10_000_000,
            k in -100_000i64..100_000, j in 0i32..40, prec in 0usize..=9,
        ) {
            let rate = count as f64 / total as f64 * 10_000.0;
            prop_assert_eq!(fast_fixed(rate, prec), std_fixed(rate, prec));
            let tie = k as f64 / 2f64.powi(j);
            prop_assert_eq!(fast_fixed(tie, prec), std_fixed(tie, prec));
        }
    }

    use super::*;

    #[test]
    fn csv_neutralises_text_but_not_numbers() {
        let mut t = Table::new(["name", "g2"]);
        t.push(vec![Cell::s("=HYPERLINK(\"x\")"), Cell::f(-3.2, 2)]);
        t.push(vec![Cell::s("@SUM"), Cell::Null]);
        let csv = String::from_utf8(t.to_csv()).unwrap();
        assert_eq!(csv, "name,g2\n\"'=HYPERLINK(\"\"x\"\")\",-3.20\n'@SUM,\n");
    }

    #[test]
    fn markdown_escapes_pipes_and_html() {
        let mut t = Table::new(["a"]);
        t.push(vec![Cell::s("<script>|x")]);
        assert!(t.to_markdown().contains("&lt;script&gt;\\|x"));
    }

    #[test]
    fn floats_are_fixed_and_negative_zero_is_zero() {
        assert_eq!(fmt_float(-0.00001, 3), "0.000");
        assert_eq!(fmt_float(f64::INFINITY, 3), "Inf");
        assert_eq!(fmt_sci(1.5e-7), "1.500e-7");
    }
}
