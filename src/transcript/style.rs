//! What a look at the whole file says about its layout, before any line
//! is decided: whether paragraphs are separated by blank lines, whether
//! indentation means something, whether labels are in capitals, the one
//! label shape the file uses (colon or period: a period also ends
//! sentences, so the shape is decided from the evidence of the whole
//! file), its page furniture, and the label test of the lines it looked
//! at, which the parser reuses.

use super::furniture;
use super::label::{self, Label, is_space, no_label, normalise_label};
use super::lines::Line;
use super::period;
use crate::text::hash::{FastMap, FastSet};

/// The survey's label test of the lines it tested, in line order (an
/// answer of `None` is kept too: the test need not run again).
pub(super) type Probes<'a> = Vec<(usize, Option<label::Label<'a>>)>;

/// How a file writes its speaker labels: one shape per file, decided from
/// the whole file, because a period also ends sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `Name: speech` (and a bare `Q`).
    Colon,
    /// `Name. speech`: hearings, the Public Papers, PDF press conferences.
    Period,
}

impl Shape {
    /// The name shown by `tribune parse --summary`.
    pub fn as_str(self) -> &'static str {
        match self {
            Shape::Colon => "colon",
            Shape::Period => "period",
        }
    }
}

/// What a quick look at the whole file says about its layout.
#[derive(Debug, Clone)]
pub(super) struct FileStyle {
    /// Paragraphs are separated by blank lines (most files). When false,
    /// every line starts a paragraph.
    pub(super) blank_separated: bool,
    /// Few paragraphs are indented, so an indented one means something.
    pub(super) indent_meaningful: bool,
    /// Speaker labels here are written in capitals (`MS. PSAKI:`), so a
    /// mixed-case one-off (`Moving to Ukraine:`, `Vaccinations:`) is a topic
    /// heading inside a turn, not a speaker.
    pub(super) caps_labels: bool,
    /// The file's label shape.
    pub(super) shape: Shape,
    /// With [`Shape::Period`]: the indentation every label has, where
    /// nearly all have the same (congressional records indent each
    /// paragraph by four spaces and wrap to the margin).
    pub(super) period_indent: Option<usize>,
    /// The names (lower case) of the file's labels of its own shape: a
    /// label of the other shape is one only with one of these names (a
    /// stray `THE PRESIDENT:` among `THE PRESIDENT.`).
    pub(super) names: FastSet<String>,
    /// Period labels without capitals or a title that the file uses three
    /// times or more as labels (lower case).
    pub(super) weak_names: FastSet<String>,
    /// Speech is mostly in lower case, so a whole line in capitals is a
    /// heading (`ORAL ARGUMENT OF ROBERT A. LONG`).
    pub(super) mixed_case: bool,
    /// Lines the file repeats as page headers and footers.
    pub(super) headers: Vec<String>,
    /// Lines (0-based, sorted) at the edges of pages: headers and footers.
    pub(super) edges: Vec<usize>,
    /// Names (lower case) of colon labels that start two or more
    /// paragraphs.
    pub(super) twice: FastSet<String>,
}

/// Does `text` start with two capitals (`DR. WALENSKY.`), or `Q.`?
pub(super) fn starts_in_capitals(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 2 && b[0].is_ascii_uppercase() && (b[1].is_ascii_uppercase() || b[1] == b'.')
}

/// Leading white space of `raw`, in characters.
pub(super) fn indent_of(raw: &str) -> usize {
    raw.chars().take_while(|&c| is_space(c)).count()
}

impl FileStyle {
    /// The style of `lines[start..]`, and the label test of the lines it
    /// looked at: those that start a paragraph, or, when paragraphs are
    /// not separated by blank lines, every line that is not blank. With
    /// them, the file's period labels of other names than its own
    /// shape's, for a colon file's strays.
    pub(super) fn survey<'a>(
        lines: &[Line<'a>],
        start: usize,
        memo: &mut label::Memo<'a>,
        paged: bool,
    ) -> (FileStyle, Probes<'a>, Probes<'a>) {
        let paras = Paragraphs::find(lines, start, memo);
        // The evidence for each shape: labels of it where paragraphs start.
        let colon: Vec<&Label<'a>> = paras
            .probes
            .iter()
            .filter_map(|(_, l)| l.as_ref())
            .filter(|l| !l.bare_q)
            .collect();
        // Where colon labels start one paragraph in ten or more, only a
        // period label in capitals could change the shape or be a stray:
        // the rest need not be tested.
        let caps_only = colon.len() >= 10 && colon.len() * 10 >= paras.starts.len();
        let (periods, mixed_case) = paras.period_labels(lines, caps_only);
        let weak_names = weak_names(&periods);
        let period_ok = |p: &Label<'_>, strong: bool| {
            strong || weak_names.contains(&normalise_label(p.name).to_lowercase())
        };
        let period_count = periods
            .iter()
            .filter(|(_, p, strong)| period_ok(p, *strong))
            .count();
        let shape = if period_count >= 2 && period_count > colon.len() {
            Shape::Period
        } else {
            Shape::Colon
        };
        let own = match shape {
            Shape::Colon => OwnLabels::colon(&colon, periods, memo),
            Shape::Period => OwnLabels::period(lines, &periods, period_ok, memo),
        };
        let headers = if paged {
            furniture::repeated_headers(&lines[start.min(lines.len())..])
                .into_iter()
                .map(str::to_string)
                .collect()
        } else {
            Vec::new()
        };
        let style = FileStyle {
            blank_separated: paras.blank_separated,
            indent_meaningful: paras.indented * 2 < paras.count,
            caps_labels: own.caps >= 3 && own.mixed * 2 < own.caps,
            shape,
            period_indent: own.period_indent,
            names: own.names,
            weak_names,
            mixed_case,
            headers,
            twice: twice(&colon),
            edges: if paged {
                furniture::page_edges(lines)
            } else {
                Vec::new()
            },
        };
        (style, paras.probes, own.strays)
    }

    /// A period label of this file at the start of `body` (line `raw`).
    pub(super) fn period_label<'a>(&self, body: &'a str, raw: &str) -> Option<Label<'a>> {
        let (p, strong) = period::match_period_label(body)?;
        if !(strong
            || self
                .weak_names
                .contains(&normalise_label(p.name).to_lowercase()))
        {
            return None;
        }
        if let Some(k) = self.period_indent
            && indent_of(raw) != k
        {
            return None;
        }
        Some(p)
    }

    /// Does the file use `name` as a colon label twice or more where
    /// paragraphs start?
    pub(super) fn knows_twice(&self, name: &str) -> bool {
        self.twice.contains(&normalise_label(name).to_lowercase())
    }

    /// Is `name` one of the file's own labels (for the other shape's strays)?
    pub(super) fn knows(&self, name: &str) -> bool {
        self.names.contains(&normalise_label(name).to_lowercase())
    }
}

/// Period labels found where paragraphs start: the line, the label, and
/// whether it is strong evidence on its own.
type Periods<'a> = Vec<(usize, Label<'a>, bool)>;

/// Where a file's paragraphs start, with the label test of each.
struct Paragraphs<'a> {
    /// Paragraphs are separated by blank lines (else every line that is
    /// not blank starts one).
    blank_separated: bool,
    /// Paragraphs after blank lines, and how many of them are indented.
    count: usize,
    indented: usize,
    /// The lines (0-based) that start a paragraph.
    starts: Vec<usize>,
    /// The colon label test of those lines.
    probes: Probes<'a>,
}

impl<'a> Paragraphs<'a> {
    /// The paragraphs of `lines[start..]`.
    fn find(lines: &[Line<'a>], start: usize, memo: &mut label::Memo<'a>) -> Paragraphs<'a> {
        let (mut blank, mut count, mut indented) = (0usize, 0usize, 0usize);
        let mut prev_blank = true;
        let mut probes = Probes::new();
        let probe =
            |i: usize, l: &Line<'a>, probes: &mut Probes<'a>, memo: &mut label::Memo<'a>| {
                if !no_label(l.raw, l.plain) {
                    probes.push((i, label::match_label_with(l.raw, memo)));
                }
            };
        let mut starts: Vec<usize> = Vec::new();
        for (i, l) in lines.iter().enumerate().skip(start) {
            let is_blank = l.text.is_empty();
            if is_blank {
                blank += 1;
            } else if prev_blank {
                count += 1;
                if l.raw.starts_with(is_space) {
                    indented += 1;
                }
                probe(i, l, &mut probes, memo);
                starts.push(i);
            }
            prev_blank = is_blank;
        }
        let nonblank = lines.len().saturating_sub(start) - blank;
        let blank_separated = nonblank < 4 || blank * 10 >= nonblank;
        if !blank_separated {
            // Every line starts a paragraph: test them all.
            probes.clear();
            starts.clear();
            for (i, l) in lines.iter().enumerate().skip(start) {
                if !l.text.is_empty() {
                    probe(i, l, &mut probes, memo);
                    starts.push(i);
                }
            }
        }
        Paragraphs {
            blank_separated,
            count,
            indented,
            starts,
            probes,
        }
    }

    /// The period labels where paragraphs start that the colon test did
    /// not take (only those in capitals when `caps_only`), and whether
    /// the speech is mostly in lower case (from a sample of paragraphs).
    fn period_labels(&self, lines: &[Line<'a>], caps_only: bool) -> (Periods<'a>, bool) {
        let mut periods = Periods::new();
        let (mut lower, mut upper) = (0usize, 0usize);
        // A line the colon test took is no period label.
        let mut next_probe = 0;
        for (k, &i) in self.starts.iter().enumerate() {
            let Some(l) = lines.get(i) else { continue };
            // The case of the speech, from a sample of paragraphs.
            if k % 8 == 0 {
                for &c in l.text.as_bytes().iter().take(48) {
                    lower += usize::from(c.is_ascii_lowercase());
                    upper += usize::from(c.is_ascii_uppercase());
                }
            }
            if caps_only && !starts_in_capitals(l.text) {
                continue;
            }
            while self.probes.get(next_probe).is_some_and(|(j, _)| *j < i) {
                next_probe += 1;
            }
            if self
                .probes
                .get(next_probe)
                .is_some_and(|(j, p)| *j == i && p.is_some())
            {
                continue;
            }
            if let Some((p, strong)) = period::match_period_label(l.raw) {
                periods.push((i, p, strong));
            }
        }
        (periods, lower > upper * 2)
    }
}

/// Weak period names (lower case): used three times or more, of two
/// words or more.
fn weak_names(periods: &Periods<'_>) -> FastSet<String> {
    let mut weak_counts: FastMap<String, usize> = Default::default();
    for (_, p, strong) in periods {
        if !strong && p.name.split(is_space).filter(|w| !w.is_empty()).count() >= 2 {
            *weak_counts
                .entry(normalise_label(p.name).to_lowercase())
                .or_insert(0) += 1;
        }
    }
    weak_counts
        .into_iter()
        .filter(|&(_, n)| n >= 3)
        .map(|(k, _)| k)
        .collect()
}

/// Names (lower case) of the colon labels that start two or more
/// paragraphs.
fn twice(colon: &[&Label<'_>]) -> FastSet<String> {
    // Counted as written first: a name is normalised once.
    let mut raw: FastMap<&str, usize> = Default::default();
    for l in colon {
        *raw.entry(l.name).or_insert(0) += 1;
    }
    let mut counts: FastMap<String, usize> = Default::default();
    for (name, n) in raw {
        *counts
            .entry(normalise_label(name).to_lowercase())
            .or_insert(0) += n;
    }
    counts
        .into_iter()
        .filter(|&(_, n)| n >= 2)
        .map(|(k, _)| k)
        .collect()
}

/// The labels of a file's own shape: their names, how many are in
/// capitals and how many not, the indentation of period labels, and the
/// other shape's labels that may be strays.
#[derive(Default)]
struct OwnLabels<'a> {
    names: FastSet<String>,
    caps: usize,
    mixed: usize,
    period_indent: Option<usize>,
    strays: Probes<'a>,
}

impl<'a> OwnLabels<'a> {
    /// A colon file's labels (`colon`), and as strays its period labels
    /// with one of their names.
    fn colon(colon: &[&Label<'a>], periods: Periods<'a>, memo: &mut label::Memo<'a>) -> Self {
        let mut own = OwnLabels::default();
        let mut distinct: FastSet<&str> = FastSet::default();
        for l in colon {
            if l.bare_q {
                continue;
            }
            if distinct.insert(l.name) {
                own.names.insert(normalise_label(l.name).to_lowercase());
            }
            own.count_case(l.name, memo);
        }
        // Only in capitals: a colon file's `Justice Ginsburg. I think`
        // is counsel answering the justice.
        for (i, p, _) in periods {
            if p.bare_q
                || label::is_all_caps(p.name)
                    && own.names.contains(&normalise_label(p.name).to_lowercase())
            {
                own.strays.push((i, Some(p)));
            }
        }
        own
    }

    /// A period file's labels: those of `periods` that are `ok`, and the
    /// indentation nearly all of them have, if any.
    fn period(
        lines: &[Line<'a>],
        periods: &Periods<'a>,
        ok: impl Fn(&Label<'_>, bool) -> bool,
        memo: &mut label::Memo<'a>,
    ) -> Self {
        let mut own = OwnLabels::default();
        let mut indents: FastMap<usize, usize> = Default::default();
        let mut accepted = 0usize;
        for (i, p, strong) in periods {
            if !ok(p, *strong) {
                continue;
            }
            accepted += 1;
            *indents
                .entry(lines.get(*i).map_or(0, |l| indent_of(l.raw)))
                .or_insert(0) += 1;
            if p.bare_q {
                continue;
            }
            own.names.insert(normalise_label(p.name).to_lowercase());
            own.count_case(p.name, memo);
        }
        let (top, n) = indents
            .iter()
            .map(|(&k, &n)| (k, n))
            .max_by_key(|&(k, n)| (n, std::cmp::Reverse(k)))
            .unwrap_or((0, 0));
        if top > 0 && n * 10 >= accepted * 9 {
            own.period_indent = Some(top);
        }
        own
    }

    /// Count `name` as in capitals or not.
    fn count_case(&mut self, name: &'a str, memo: &mut label::Memo<'a>) {
        if memo.is_all_caps(name) {
            self.caps += 1;
        } else {
            self.mixed += 1;
        }
    }
}
