//! Two-speaker comparison scatter: each term a point at (rate per 10,000
//! tokens in A, rate in B) on log–log axes with +1 smoothing (so terms one
//! speaker never used sit on the axis), the equal-rate diagonal, and the
//! most distinctive terms highlighted in each speaker's colour and labelled.
//! Labels are placed greedily in order of distinctiveness at one of the
//! spots around their point; a label that would overlap a placed label, a
//! highlighted point or the plot edge is skipped, so labels never overlap,
//! and a note under the chart names every highlighted term left unlabelled.

use super::canvas::{Anchor, Canvas, Font, clean};
use super::layout::{
    AXIS, Frame, GREY, GRID, HAIR, INK, Kind, LABEL, Legend, MARGIN, MUTED, NEUTRAL, NOTE, Scale,
    Swatch, TICK, baseline, fit_to, fmt_count, no_data, width_of,
};
use super::{Chart, Page, cap_or, finish, title_or};
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
/// first of fourteen spots around its point (eight close, six further out)
/// whose box stays inside `bounds` and
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
            // A second ring, further out, before giving up.
            (c.x + gap * 0.7, c.y - gap * 2.0 - h),
            (c.x - gap * 0.7 - w, c.y - gap * 2.0 - h),
            (c.x + gap * 0.7, c.y + gap * 2.0),
            (c.x - gap * 0.7 - w, c.y + gap * 2.0),
            (c.x - w / 2.0, c.y - gap * 2.5 - h),
            (c.x - w / 2.0, c.y + gap * 2.5),
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
    em: 7.5,
    bold: false,
    color: INK,
};
/// Radius of a highlighted point, in points.
const DOT: f64 = 1.8;

/// Scatter of two speakers' term rates with the distinctive terms labelled.
pub fn comparison_scatter(input: &ScatterInput, page: &Page) -> Result<Chart, Error> {
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
    // Each side in its speaker's colour; two distinct greys if neither has one.
    let colour_a = match page.colour(&input.a) {
        GREY => NEUTRAL,
        c => c,
    };
    let colour_b = match page.colour(&input.b) {
        GREY if colour_a == NEUTRAL => INK,
        GREY => NEUTRAL,
        c => c,
    };
    let colour_of = |s: f64| if s >= 0.0 { colour_a } else { colour_b };
    let legend = vec![
        Legend::new(&format!("distinctive of {a}"), colour_a, Swatch::Dot),
        Legend::new(&format!("distinctive of {b}"), colour_b, Swatch::Dot),
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
    // The header does not depend on the notes: lay the plot out under it,
    // place the labels, then add a note naming the points left unlabelled.
    let top = Frame::new(page, &title, &subtitle, legend.clone(), &[]).header_height() + 4.0;
    let width = page.width_pt();
    let max = points.iter().map(|p| p.1.max(p.2)).fold(0.0, f64::max);
    let d1 = super::layout::nice_above(max * 1.15).max(10.0);
    let y_axis_w = 34.0;
    let left = MARGIN + y_axis_w;
    let side = (width - left - MARGIN - 10.0).min(width * 0.75);
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
    let pos = |p: &(String, f64, f64, f64, bool)| (xs.map_clamped(p.1), ys.map_clamped(p.2));
    let mut marked: Vec<&(String, f64, f64, f64, bool)> = points.iter().filter(|p| p.4).collect();
    marked.sort_by(|x, y| y.3.abs().total_cmp(&x.3.abs()).then_with(|| x.0.cmp(&y.0)));

    // "equal rate" sits below-right of the diagonal's end, clear of the line.
    let equal = Font {
        color: MUTED,
        ..NOTE
    };
    let equal_y = top + side * 0.16;
    let equal_box = Boxed {
        x0: right - 2.0 - width_of("equal rate", equal),
        y0: equal_y - equal.em,
        x1: right,
        y1: equal_y + 2.0,
    };
    let bounds = Boxed {
        x0: left + 1.0,
        y0: top + 1.0,
        x1: right - 1.0,
        y1: bottom - 1.0,
    };
    let mut obstacles: Vec<Boxed> = marked
        .iter()
        .map(|p| {
            let (x, y) = pos(p);
            Boxed {
                x0: x - DOT,
                y0: y - DOT,
                x1: x + DOT,
                y1: y + DOT,
            }
        })
        .collect();
    obstacles.push(equal_box);
    let texts: Vec<String> = marked
        .iter()
        .take(max_labels)
        .map(|p| fit_to(&p.0, side * 0.3, LABEL_FONT))
        .collect();
    let cands: Vec<Candidate> = marked
        .iter()
        .zip(&texts)
        .map(|(p, t)| {
            let (x, y) = pos(p);
            Candidate {
                x,
                y,
                w: width_of(t, LABEL_FONT) + 1.0,
                h: LABEL_FONT.em + 1.5,
            }
        })
        .collect();
    let placed = place_labels(&cands, bounds, &obstacles, 2.5);
    let unplaced: Vec<&str> = marked
        .iter()
        .zip(&placed)
        .filter(|(_, b)| b.is_none())
        .map(|(p, _)| p.0.as_str())
        .chain(marked.iter().skip(max_labels).map(|p| p.0.as_str()))
        .collect();
    if !unplaced.is_empty() {
        notes.push(format!(
            "Highlighted but unlabelled for lack of room: {}.",
            unplaced.join(", ")
        ));
    }
    let frame = Frame::new(page, &title, &subtitle, legend, &notes);
    let height = bottom + 28.0 + frame.footer_height();
    let mut c = Canvas::new(width, height);
    frame.draw(&mut c);

    // Grid and axes.
    let ticks = xs.ticks();
    for (v, _) in &ticks {
        let (x, y) = (xs.map(*v), ys.map(*v));
        c.line(x, top, x, bottom, GRID, HAIR);
        c.line(left, y, right, y, GRID, HAIR);
    }
    c.line(left, bottom, right, bottom, AXIS, HAIR);
    c.line(left, top, left, bottom, AXIS, HAIR);
    for (v, t) in &ticks {
        let (x, y) = (xs.map(*v), ys.map(*v));
        c.line(x, bottom, x, bottom + 3.0, AXIS, HAIR);
        c.text(x, bottom + 11.0, t, TICK, Anchor::Middle);
        c.line(left - 3.0, y, left, y, AXIS, HAIR);
        c.text(left - 4.0, baseline(y, TICK), t, TICK, Anchor::End);
    }
    let x_title = fit_to(
        &format!("{a}: rate per 10,000 tokens (log scale, +1)"),
        side,
        LABEL,
    );
    c.text(
        (left + right) / 2.0,
        bottom + 22.0,
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
        MARGIN + 6.0,
        (top + bottom) / 2.0,
        &y_title,
        LABEL,
        Anchor::Middle,
    );
    c.dashed(
        xs.map(0.0),
        ys.map(0.0),
        xs.map(d1),
        ys.map(d1),
        MUTED,
        HAIR,
    );
    c.text(right - 2.0, equal_y, "equal rate", equal, Anchor::End);
    if points.is_empty() {
        no_data(&mut c, left, right, (top + bottom) / 2.0, "no terms");
    }

    // Points: plain ones first, highlighted on top.
    for p in points.iter().rev().filter(|p| !p.4) {
        let (x, y) = pos(p);
        c.circle(x, y, 1.3, Some(GREY), GREY, 0.45);
    }
    for p in &marked {
        let (x, y) = pos(p);
        let colour = colour_of(p.3);
        c.circle(x, y, DOT, Some(colour), colour, 1.0);
    }
    for (bx, t) in placed.iter().zip(&texts) {
        if let Some(bx) = bx {
            c.text(bx.x0 + 0.5, bx.y1 - 2.5, t, LABEL_FONT, Anchor::Start);
        }
    }
    finish(&c, page, &name, &title)
}
