//! Keyness bars, after quanteda's `textplot_keyness`: the `n` terms the
//! target uses most over its expected share (positive signed G², drawn to
//! the right in one colour) and the `n` it uses least (negative, drawn to the
//! left in grey), each term written beside its bar end. The target's bars
//! are in the page's colour for the target. Terms whose adjusted p is above
//! [`ALPHA`] are drawn faded, and a note says so; terms the caller left out
//! (speakers' names) are listed in a note. The zero line and the scale are
//! placed so that every label fits on the canvas.

use super::canvas::{Anchor, clean};
use super::layout::rows_canvas;
use super::layout::{
    AXIS, FADED, Frame, GREY, HAIR, Kind, LABEL, Legend, MARGIN, NEUTRAL, Scale, Swatch, baseline,
    fit_to, fmt_count, no_data, width_of, x_axis, x_grid,
};
use super::{Chart, Page, cap_or, finish, title_or};
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
    /// Terms the caller left out of `terms` (e.g. speakers' names), for a note.
    pub left_out: Vec<String>,
    /// How `left_out` can be kept (e.g. "--keep-names"), for the note.
    pub keep_hint: String,
}

/// A term (display form), its signed G² and its adjusted p.
#[derive(Debug, Clone, Default)]
pub struct KeyTerm {
    pub term: String,
    pub g2: f64,
    /// Adjusted p; above [`ALPHA`] (or NaN) the bar is drawn faded.
    pub p_adj: f64,
}

/// Adjusted p above which a term is not significant.
pub const ALPHA: f64 = 0.05;

const ROW: f64 = 11.0;
const BAR: f64 = 7.5;
const PAD: f64 = 2.5;

/// Diverging bars of signed G² for the target's most and least typical terms.
pub fn keyness_bars(input: &KeynessInput, page: &Page) -> Result<Chart, Error> {
    super::canvas::ensure_fonts()?;
    let title = title_or(&input.title, "Distinctive terms");
    let name = super::stem(&input.name, "keyness");
    let n = cap_or(input.n, 20, 150);
    let target = title_or(&input.target, "target");
    let reference = title_or(&input.reference, "reference");

    let significant = |t: &KeyTerm| t.p_adj <= ALPHA;
    let mut pos: Vec<(String, f64, bool)> = input
        .terms
        .iter()
        .filter(|t| t.g2.is_finite() && t.g2 > 0.0)
        .map(|t| (clean(&t.term), t.g2, significant(t)))
        .collect();
    pos.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    pos.truncate(n);
    let mut neg: Vec<(String, f64, bool)> = input
        .terms
        .iter()
        .filter(|t| t.g2.is_finite() && t.g2 < 0.0)
        .map(|t| (clean(&t.term), t.g2, significant(t)))
        .collect();
    neg.sort_by(|a, b| a.1.total_cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    neg.truncate(n);
    neg.reverse(); // least negative first: the most under-used term ends the list
    let rows: Vec<(String, f64, bool)> = pos.iter().chain(&neg).cloned().collect();
    let faded = rows.iter().filter(|r| !r.2).count();

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
    let over = match page.colour(&input.target) {
        GREY => NEUTRAL,
        c => c,
    };
    let under = if over == NEUTRAL { GREY } else { NEUTRAL };
    let mut legend = vec![
        Legend::new(&format!("more by {target}"), over, Swatch::Box),
        Legend::new(&format!("more by {reference}"), under, Swatch::Box),
    ];
    let mut notes = Vec::new();
    if faded > 0 {
        legend.push(Legend::new(
            &format!("faded: adjusted p > {ALPHA}"),
            over,
            Swatch::Faded,
        ));
        notes.push(format!(
            "Faded bars: {} term{} whose adjusted p is above {ALPHA}, not significant; read them as no evidence of a difference.",
            fmt_count(faded as u64),
            if faded == 1 { "" } else { "s" }
        ));
    }
    let left_out: Vec<String> = input.left_out.iter().map(|t| clean(t)).collect();
    if !left_out.is_empty() {
        let hint = clean(&input.keep_hint);
        notes.push(format!(
            "Speakers' names left out: {}{}.",
            left_out.join(", "),
            if hint.is_empty() {
                String::new()
            } else {
                format!(" ({hint} keeps them)")
            }
        ));
    }
    let frame = Frame::new(page, &title, &subtitle, legend, &notes);

    let width = page.width_pt();
    let labels: Vec<String> = rows
        .iter()
        .map(|r| fit_to(&r.0, width * 0.3, LABEL))
        .collect();
    let widths: Vec<f64> = labels.iter().map(|l| width_of(l, LABEL) + PAD).collect();
    let (l, r) = (MARGIN + 4.0, width - MARGIN - 4.0);
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
        c.line(zero, top, zero, top + plot_h, AXIS, HAIR);
    }
    for (i, ((_, g2, sig), label)) in rows.iter().zip(&labels).enumerate() {
        let centre = top + (i as f64 + 0.5) * ROW;
        let end = scale.map_clamped(*g2);
        let (colour, anchor, tx) = if *g2 > 0.0 {
            (over, Anchor::Start, end + PAD)
        } else {
            (under, Anchor::End, end - PAD)
        };
        let opacity = if *sig { 1.0 } else { FADED };
        c.rect(zero, centre - BAR / 2.0, end - zero, BAR, colour, opacity);
        c.text(tx, baseline(centre, LABEL), label, LABEL, anchor);
    }
    x_axis(
        &mut c,
        &scale,
        top + plot_h,
        &format!("signed G²: + more by {target}, − more by {reference}"),
    );
    finish(&c, page, &name, &title)
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
