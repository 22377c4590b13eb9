//! Keyness bars, after quanteda's `textplot_keyness`: the `n` terms the
//! target uses most over its expected share (positive signed G², drawn to
//! the right in one colour) and the `n` it uses least (negative, drawn to the
//! left in another), each term written beside its bar end. The zero line and
//! the scale are placed so that every label fits on the canvas.

use super::canvas::{Anchor, clean};
use super::layout::rows_canvas;
use super::layout::{
    AXIS, BLUE, Frame, Kind, LABEL, Legend, MARGIN, ORANGE, Scale, Swatch, WIDTH, baseline, fit_to,
    fmt_count, no_data, width_of, x_axis, x_grid,
};
use super::{Chart, cap_or, finish, title_or};
use crate::Error;

/// Input for [`keyness_bars`].
#[derive(Debug, Clone, Default)]
pub struct KeynessInput {
    /// Chart title; blank gives "Distinctive terms".
    pub title: String,
    /// Context line under the title; may be blank.
    pub subtitle: String,
    /// File stem (e.g. "keyness-xu-guixiang"); blank gives "keyness".
    pub name: String,
    /// Who the target is ("Xu Guixiang").
    pub target: String,
    /// What it is compared with ("all other speakers").
    pub reference: String,
    /// Terms with signed G² (positive: over-used by the target).
    pub terms: Vec<KeyTerm>,
    /// Terms per side (0 = 20, at most 150).
    pub n: usize,
}

/// A term (display form) and its signed G².
#[derive(Debug, Clone, Default)]
pub struct KeyTerm {
    pub term: String,
    pub g2: f64,
}

const ROW: f64 = 21.0;
const BAR: f64 = 14.0;
const PAD: f64 = 5.0;
const TERM_W: f64 = 220.0;

/// Diverging bars of signed G² for the target's most and least typical terms.
pub fn keyness_bars(input: &KeynessInput) -> Result<Chart, Error> {
    super::canvas::ensure_fonts()?;
    let title = title_or(&input.title, "Distinctive terms");
    let name = super::stem(&input.name, "keyness");
    let n = cap_or(input.n, 20, 150);
    let target = title_or(&input.target, "target");
    let reference = title_or(&input.reference, "reference");

    let mut pos: Vec<(String, f64)> = input
        .terms
        .iter()
        .filter(|t| t.g2.is_finite() && t.g2 > 0.0)
        .map(|t| (clean(&t.term), t.g2))
        .collect();
    pos.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    pos.truncate(n);
    let mut neg: Vec<(String, f64)> = input
        .terms
        .iter()
        .filter(|t| t.g2.is_finite() && t.g2 < 0.0)
        .map(|t| (clean(&t.term), t.g2))
        .collect();
    neg.sort_by(|a, b| a.1.total_cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    neg.truncate(n);
    neg.reverse(); // least negative first: the most under-used term ends the list
    let rows: Vec<(String, f64)> = pos.iter().chain(&neg).cloned().collect();

    let mut subtitle = Vec::new();
    let given = clean(&input.subtitle);
    if !given.is_empty() {
        subtitle.push(given);
    }
    subtitle.push(format!(
        "{target} compared with {reference}: the {} terms most over-used (right) and the {} most under-used (left), by signed log-likelihood G².",
        fmt_count(pos.len() as u64),
        fmt_count(neg.len() as u64)
    ));
    let legend = vec![
        Legend::new(&format!("target: {target}"), BLUE, Swatch::Box),
        Legend::new(&format!("reference: {reference}"), ORANGE, Swatch::Box),
    ];
    let frame = Frame::new(&title, &subtitle, legend, &[]);

    let labels: Vec<String> = rows.iter().map(|r| fit_to(&r.0, TERM_W, LABEL)).collect();
    let widths: Vec<f64> = labels.iter().map(|l| width_of(l, LABEL) + PAD).collect();
    let (l, r) = (MARGIN + 10.0, WIDTH - MARGIN - 10.0);
    let (zero, px_per) = solve(&rows.iter().map(|x| x.1).collect::<Vec<_>>(), &widths, l, r);
    let scale = Scale {
        d0: (l - zero) / px_per,
        d1: (r - zero) / px_per,
        r0: l,
        r1: r,
        kind: Kind::Linear,
    };

    let (mut c, top, plot_h) = rows_canvas(&frame, rows.len(), ROW, 0.0);
    x_grid(&mut c, &scale, top, top + plot_h);
    if rows.is_empty() {
        no_data(
            &mut c,
            l,
            r,
            top + plot_h / 2.0,
            "no terms with a non-zero G²",
        );
    } else {
        c.line(zero, top, zero, top + plot_h, AXIS, 1.0);
    }
    for (i, ((_, g2), label)) in rows.iter().zip(&labels).enumerate() {
        let centre = top + (i as f64 + 0.5) * ROW;
        let end = scale.map_clamped(*g2);
        let (colour, anchor, tx) = if *g2 > 0.0 {
            (BLUE, Anchor::Start, end + PAD)
        } else {
            (ORANGE, Anchor::End, end - PAD)
        };
        c.rect(zero, centre - BAR / 2.0, end - zero, BAR, colour, 1.0);
        c.text(tx, baseline(centre, LABEL), label, LABEL, anchor);
    }
    x_axis(
        &mut c,
        &scale,
        top + plot_h,
        &format!("signed G² (log-likelihood): + used more by {target}, − used more by {reference}"),
    );
    finish(&c, &name, &title)
}

/// Zero position and pixels per unit that make the longest bars plus their
/// labels fit in `l..r`: positive values extend right of zero, negative ones
/// left. Scans zero across the range and keeps the largest scale.
pub(crate) fn solve(values: &[f64], label_w: &[f64], l: f64, r: f64) -> (f64, f64) {
    let has_pos = values.iter().any(|v| *v > 0.0);
    let has_neg = values.iter().any(|v| *v < 0.0);
    let max_abs = values.iter().map(|v| v.abs()).fold(0.0, f64::max);
    if max_abs <= 0.0 || !max_abs.is_finite() {
        return ((l + r) / 2.0, (r - l) / 2.0);
    }
    let scale_at = |z: f64| -> f64 {
        let mut s = f64::INFINITY;
        for (v, w) in values.iter().zip(label_w) {
            if *v > 0.0 {
                s = s.min((r - z - w) / v);
            } else if *v < 0.0 {
                s = s.min((z - l - w) / -v);
            }
        }
        s
    };
    let (lo, hi) = match (has_pos, has_neg) {
        (true, false) => (l, l),
        (false, true) => (r, r),
        _ => (l, r),
    };
    let mut best = (lo, scale_at(lo));
    let steps = 400;
    for k in 0..=steps {
        let z = lo + (hi - lo) * k as f64 / steps as f64;
        let s = scale_at(z);
        if s > best.1 {
            best = (z, s);
        }
    }
    let (z, s) = best;
    // Labels wider than the whole range: fall back to a small positive scale.
    let floor = (r - l) / (20.0 * max_abs);
    (z, if s.is_finite() && s > floor { s } else { floor })
}
