//! Two-speaker comparison scatter: each term a point at (rate per 10,000
//! tokens in A, rate in B) on log–log axes with +1 smoothing (so terms one
//! speaker never used sit on the axis), the equal-rate diagonal, and the
//! most distinctive terms labelled. Labels are placed greedily in order of
//! distinctiveness at one of eight spots around their point; a label that
//! would overlap a placed label, a labelled point or the plot edge is
//! skipped, so labels never overlap.

use super::canvas::{Anchor, Canvas, Font, clean};
use super::layout::{
    AXIS, BLUE, Frame, GREY, GRID, INK, Kind, LABEL, Legend, MARGIN, MUTED, NOTE, ORANGE, Scale,
    Swatch, TICK, WIDTH, fit_to, fmt_count, no_data, width_of,
};
use super::{Chart, cap_or, finish, title_or};
use crate::Error;

/// Input for [`comparison_scatter`].
#[derive(Debug, Clone, Default)]
pub struct ScatterInput {
    /// Chart title; blank gives "A vs B".
    pub title: String,
    /// Context line under the title; may be blank.
    pub subtitle: String,
    /// File stem; blank gives "comparison".
    pub name: String,
    /// Speaker on the x axis.
    pub a: String,
    /// Speaker on the y axis.
    pub b: String,
    pub points: Vec<ScatterPoint>,
    /// Most labels to try to place (0 = 40, at most 1,000).
    pub max_labels: usize,
    /// Most points to draw, the most frequent first (0 = 3,000, at most 50,000).
    pub max_points: usize,
}

/// One term.
#[derive(Debug, Clone, Default)]
pub struct ScatterPoint {
    /// Display form.
    pub term: String,
    /// Rate per 10,000 tokens in A.
    pub rate_a: f64,
    /// Rate per 10,000 tokens in B.
    pub rate_b: f64,
    /// Distinctiveness, signed: > 0 leans to A, < 0 to B (e.g. log-odds z).
    /// Orders which labels are placed first.
    pub score: f64,
    /// Whether to highlight and try to label this term.
    pub label: bool,
}

/// An axis-aligned box in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Boxed {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Boxed {
    pub(crate) fn intersects(&self, o: &Boxed) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
    fn inside(&self, b: &Boxed) -> bool {
        self.x0 >= b.x0 && self.x1 <= b.x1 && self.y0 >= b.y0 && self.y1 <= b.y1
    }
}

/// A label to place: its anchor point and its text box size.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// Greedy label placement. Candidates are tried in order; each takes the
/// first of eight spots around its point whose box stays inside `bounds` and
/// intersects neither an already placed label nor any obstacle (the marked
/// points). Returns the placed box for each candidate, or None when skipped.
pub(crate) fn place_labels(
    cands: &[Candidate],
    bounds: Boxed,
    obstacles: &[Boxed],
    gap: f64,
) -> Vec<Option<Boxed>> {
    let mut placed: Vec<Boxed> = Vec::new();
    let mut out = Vec::with_capacity(cands.len());
    for c in cands {
        if ![c.x, c.y, c.w, c.h].iter().all(|v| v.is_finite()) || c.w <= 0.0 || c.h <= 0.0 {
            out.push(None);
            continue;
        }
        let (w, h) = (c.w, c.h);
        let spots = [
            (c.x + gap, c.y - h / 2.0),             // right
            (c.x - gap - w, c.y - h / 2.0),         // left
            (c.x - w / 2.0, c.y - gap - h),         // above
            (c.x - w / 2.0, c.y + gap),             // below
            (c.x + gap * 0.7, c.y - gap * 0.7 - h), // upper right
            (c.x - gap * 0.7 - w, c.y - gap * 0.7 - h),
            (c.x + gap * 0.7, c.y + gap * 0.7),
            (c.x - gap * 0.7 - w, c.y + gap * 0.7),
        ];
        let found = spots
            .iter()
            .map(|(x, y)| Boxed {
                x0: *x,
                y0: *y,
                x1: x + w,
                y1: y + h,
            })
            .find(|b| {
                b.inside(&bounds)
                    && !placed.iter().any(|p| p.intersects(b))
                    && !obstacles.iter().any(|o| o.intersects(b))
            });
        if let Some(b) = found {
            placed.push(b);
        }
        out.push(found);
    }
    out
}

const LABEL_FONT: Font = Font {
    em: 12.5,
    bold: false,
    color: INK,
};

/// Scatter of two speakers' term rates with the distinctive terms labelled.
pub fn comparison_scatter(input: &ScatterInput) -> Result<Chart, Error> {
    super::canvas::ensure_fonts()?;
    let a = title_or(&input.a, "A");
    let b = title_or(&input.b, "B");
    let title = title_or(&input.title, &format!("{a} vs {b}"));
    let name = super::stem(&input.name, "comparison");
    let max_labels = cap_or(input.max_labels, 40, 1000);
    let max_points = cap_or(input.max_points, 3000, 50_000);

    let rate = |v: f64| if v.is_finite() && v > 0.0 { v } else { 0.0 };
    let mut points: Vec<(String, f64, f64, f64, bool)> = input
        .points
        .iter()
        .filter(|p| p.rate_a.is_finite() && p.rate_b.is_finite())
        .map(|p| {
            let s = if p.score.is_finite() { p.score } else { 0.0 };
            (clean(&p.term), rate(p.rate_a), rate(p.rate_b), s, p.label)
        })
        .collect();
    let dropped_bad = input.points.len() - points.len();
    // Most frequent first, so a cap keeps the common terms; labelled ones always stay.
    points.sort_by(|x, y| {
        y.4.cmp(&x.4)
            .then_with(|| (y.1 + y.2).total_cmp(&(x.1 + x.2)))
            .then_with(|| x.0.cmp(&y.0))
    });
    let total_points = points.len();
    points.truncate(max_points);

    let mut subtitle = Vec::new();
    let given = clean(&input.subtitle);
    if !given.is_empty() {
        subtitle.push(given);
    }
    subtitle.push(format!(
        "Each dot is a term, at its rate per 10,000 tokens for {a} (x) and {b} (y). Terms above the diagonal are used relatively more by {b}, below it by {a}."
    ));
    let legend = vec![
        Legend::new(&format!("distinctive of {a}"), BLUE, Swatch::Dot),
        Legend::new(&format!("distinctive of {b}"), ORANGE, Swatch::Dot),
        Legend::new("other terms", GREY, Swatch::Dot),
    ];
    let mut notes = vec![
        "Both axes are logarithmic with 1 added to each rate, so a term one speaker never used lies on the other's axis.".to_string(),
    ];
    if total_points > points.len() {
        notes.push(format!(
            "Showing the {} most frequent of {} terms.",
            fmt_count(points.len() as u64),
            fmt_count(total_points as u64)
        ));
    }
    if dropped_bad > 0 {
        notes.push(format!(
            "{} terms with non-finite rates left out.",
            fmt_count(dropped_bad as u64)
        ));
    }
    let frame = Frame::new(&title, &subtitle, legend, &notes);

    let max = points.iter().map(|p| p.1.max(p.2)).fold(0.0, f64::max);
    let d1 = super::layout::nice_above(max * 1.15).max(10.0);
    let top = frame.header_height() + 10.0;
    let y_axis_w = 64.0;
    let left = MARGIN + y_axis_w;
    let side = (WIDTH - left - MARGIN - 40.0).min(760.0);
    let right = left + side;
    let bottom = top + side;
    let xs = Scale {
        d0: 0.0,
        d1,
        r0: left,
        r1: right,
        kind: Kind::Log1p,
    };
    let ys = Scale {
        d0: 0.0,
        d1,
        r0: bottom,
        r1: top,
        kind: Kind::Log1p,
    };
    let height = bottom + 52.0 + frame.footer_height();
    let mut c = Canvas::new(WIDTH, height);
    frame.draw(&mut c);

    // Grid and axes.
    let ticks = xs.ticks();
    for (v, _) in &ticks {
        let (x, y) = (xs.map(*v), ys.map(*v));
        c.line(x, top, x, bottom, GRID, 1.0);
        c.line(left, y, right, y, GRID, 1.0);
    }
    c.line(left, bottom, right, bottom, AXIS, 1.0);
    c.line(left, top, left, bottom, AXIS, 1.0);
    for (v, t) in &ticks {
        let (x, y) = (xs.map(*v), ys.map(*v));
        c.line(x, bottom, x, bottom + 5.0, AXIS, 1.0);
        c.text(x, bottom + 19.0, t, TICK, Anchor::Middle);
        c.line(left - 5.0, y, left, y, AXIS, 1.0);
        c.text(left - 8.0, y + TICK.em * 0.36, t, TICK, Anchor::End);
    }
    let x_title = fit_to(
        &format!("{a}: rate per 10,000 tokens (log scale, +1)"),
        side,
        LABEL,
    );
    c.text(
        (left + right) / 2.0,
        bottom + 41.0,
        &x_title,
        LABEL,
        Anchor::Middle,
    );
    let y_title = fit_to(
        &format!("{b}: rate per 10,000 tokens (log scale, +1)"),
        side,
        LABEL,
    );
    c.vertical_text(
        MARGIN + 12.0,
        (top + bottom) / 2.0,
        &y_title,
        LABEL,
        Anchor::Middle,
    );
    c.dashed(xs.map(0.0), ys.map(0.0), xs.map(d1), ys.map(d1), MUTED, 1.0);
    // Below-right of the diagonal's end, clear of the line.
    let equal = Font {
        color: MUTED,
        ..NOTE
    };
    let equal_box = Boxed {
        x0: right - 4.0 - width_of("equal rate", equal),
        y0: top + 88.0 - equal.em,
        x1: right,
        y1: top + 92.0,
    };
    c.text(right - 4.0, top + 88.0, "equal rate", equal, Anchor::End);
    if points.is_empty() {
        no_data(&mut c, left, right, (top + bottom) / 2.0, "no terms");
    }

    // Points: plain ones first, highlighted on top.
    let pos = |p: &(String, f64, f64, f64, bool)| (xs.map_clamped(p.1), ys.map_clamped(p.2));
    for p in points.iter().rev().filter(|p| !p.4) {
        let (x, y) = pos(p);
        c.circle(x, y, 2.5, Some(GREY), GREY, 0.45);
    }
    let colour = |s: f64| if s >= 0.0 { BLUE } else { ORANGE };
    let mut marked: Vec<&(String, f64, f64, f64, bool)> = points.iter().filter(|p| p.4).collect();
    marked.sort_by(|x, y| y.3.abs().total_cmp(&x.3.abs()).then_with(|| x.0.cmp(&y.0)));
    for p in &marked {
        let (x, y) = pos(p);
        c.circle(x, y, 3.5, Some(colour(p.3)), colour(p.3), 1.0);
    }

    // Labels.
    let bounds = Boxed {
        x0: left + 2.0,
        y0: top + 2.0,
        x1: right - 2.0,
        y1: bottom - 2.0,
    };
    let mut obstacles: Vec<Boxed> = marked
        .iter()
        .map(|p| {
            let (x, y) = pos(p);
            Boxed {
                x0: x - 3.5,
                y0: y - 3.5,
                x1: x + 3.5,
                y1: y + 3.5,
            }
        })
        .collect();
    obstacles.push(equal_box);
    let texts: Vec<String> = marked
        .iter()
        .take(max_labels)
        .map(|p| fit_to(&p.0, 180.0, LABEL_FONT))
        .collect();
    let cands: Vec<Candidate> = marked
        .iter()
        .zip(&texts)
        .map(|(p, t)| {
            let (x, y) = pos(p);
            Candidate {
                x,
                y,
                w: width_of(t, LABEL_FONT) + 2.0,
                h: LABEL_FONT.em + 3.0,
            }
        })
        .collect();
    let placed = place_labels(&cands, bounds, &obstacles, 5.0);
    for (bx, t) in placed.iter().zip(&texts) {
        if let Some(bx) = bx {
            c.text(bx.x0 + 1.0, bx.y1 - 4.0, t, LABEL_FONT, Anchor::Start);
        }
    }
    finish(&c, &name, &title)
}
