//! Box plots: one horizontal box per group (speaker, role, …) of a value
//! such as words per turn. Box = quartiles (R's type 7), line = median,
//! whiskers = the furthest values within 1.5 × IQR of the box, dots = the
//! values beyond; n in each label. A group of fewer than [`MIN_BOX`] values
//! is drawn as one dot per value, not as a box. The value axis turns
//! logarithmic when the values are right-skewed or span two or more orders
//! of magnitude (or when asked), and the chart says so. Groups of speakers
//! are drawn in each speaker's colour.

use super::canvas::{Anchor, clean};
use super::layout::rows_canvas;
use super::layout::{
    Frame, HAIR, INK, Kind, LABEL, MARGIN, NEUTRAL, Scale, draw_label, fmt_count, fmt_num,
    label_column, max_label_w, nice_step, no_data, right_overhang, row_height, row_label, x_axis,
    x_grid,
};
use super::{Chart, Page, cap_or, finish, title_or};
use crate::Error;

/// Input for [`box_plot`].
#[derive(Debug, Clone, Default)]
pub struct BoxPlotInput {
    /// Chart title; blank gives "Turn lengths".
    pub title: String,
    /// Context line under the title; may be blank.
    pub subtitle: String,
    /// File stem of the chart (e.g. "turns-by-role"); blank gives "box-plot".
    pub name: String,
    /// What the values are, with their unit, for the axis ("words per turn").
    pub value_label: String,
    /// One box per group, drawn top to bottom in this order.
    pub groups: Vec<BoxGroup>,
    /// `Some(true)`/`Some(false)` forces a log/linear axis; `None` decides
    /// from the data: log when no value is negative and the positive ones
    /// span two orders of magnitude, or one and are right-skewed (skewness
    /// ≥ 1); zeros are drawn at the axis' left edge, with a note.
    pub log_scale: Option<bool>,
    /// The groups are speakers: draw each in the page's colour for them.
    pub speakers: bool,
    /// Most groups to draw (0 = 30, at most 200); the rest are left out with a note.
    pub max_rows: usize,
}

/// One group's values.
#[derive(Debug, Clone, Default)]
pub struct BoxGroup {
    pub label: String,
    pub values: Vec<f64>,
}

/// Five-number summary with Tukey whiskers.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Summary {
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub low: f64,
    pub high: f64,
    pub outliers: Vec<f64>,
}

/// Quantile of sorted values by linear interpolation (R's type 7).
fn quantile(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// Summary of the finite values, or None when there are none.
pub(crate) fn summarise(values: &[f64]) -> Option<Summary> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let (q1, median, q3) = (quantile(&v, 0.25), quantile(&v, 0.5), quantile(&v, 0.75));
    let iqr = q3 - q1;
    let (fence_lo, fence_hi) = (q1 - 1.5 * iqr, q3 + 1.5 * iqr);
    let inside: Vec<f64> = v
        .iter()
        .copied()
        .filter(|x| *x >= fence_lo && *x <= fence_hi)
        .collect();
    let low = inside.first().copied().unwrap_or(q1).min(q1);
    let high = inside.last().copied().unwrap_or(q3).max(q3);
    let outliers = v
        .iter()
        .copied()
        .filter(|x| *x < fence_lo || *x > fence_hi)
        .collect();
    Some(Summary {
        q1,
        median,
        q3,
        low,
        high,
        outliers,
    })
}

const ROW: f64 = 15.0;
const BOX: f64 = 8.0;
/// Fewest values drawn as a box; fewer are drawn as dots.
pub const MIN_BOX: usize = 5;

/// Moment coefficient of skewness of `v` (0 when undefined).
fn skewness(v: &[f64]) -> f64 {
    let n = v.len() as f64;
    if v.len() < 3 {
        return 0.0;
    }
    let mean = v.iter().sum::<f64>() / n;
    let m2 = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
    let m3 = v.iter().map(|x| (x - mean).powi(3)).sum::<f64>() / n;
    if m2 > 0.0 && m2.is_finite() && m3.is_finite() {
        m3 / m2.powf(1.5)
    } else {
        0.0
    }
}

/// Horizontal box plots, one per group.
pub fn box_plot(input: &BoxPlotInput, page: &Page) -> Result<Chart, Error> {
    super::canvas::ensure_fonts()?;
    let title = title_or(&input.title, "Turn lengths");
    let name = super::stem(&input.name, "box-plot");
    let value_label = title_or(&input.value_label, "value");
    let max_rows = cap_or(input.max_rows, 30, 200);
    let shown: Vec<&BoxGroup> = input.groups.iter().take(max_rows).collect();
    let summaries: Vec<Option<Summary>> = shown.iter().map(|g| summarise(&g.values)).collect();

    let all: Vec<f64> = shown
        .iter()
        .flat_map(|g| g.values.iter().copied())
        .filter(|v| v.is_finite())
        .collect();
    let min = all.iter().copied().fold(f64::INFINITY, f64::min);
    let max = all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let min_pos = all
        .iter()
        .copied()
        .filter(|v| *v > 0.0)
        .fold(f64::INFINITY, f64::min);
    let skew = skewness(&all);
    let log = match input.log_scale {
        Some(l) => l && max > 0.0 && min_pos.is_finite(),
        // Zeros (turns of stage directions only) sit at the axis' left edge.
        None => {
            min >= 0.0
                && min_pos.is_finite()
                && (max / min_pos >= 100.0 || (max / min_pos >= 10.0 && skew >= 1.0))
        }
    };
    let hidden = if log {
        all.iter().filter(|v| **v <= 0.0).count()
    } else {
        0
    };

    let mut subtitle = Vec::new();
    let given = clean(&input.subtitle);
    if !given.is_empty() {
        subtitle.push(given);
    }
    let few = summaries
        .iter()
        .zip(&shown)
        .any(|(s, g)| s.is_some() && finite_count(g) < MIN_BOX);
    let frame_notes = {
        let mut n = vec![
            "Box: middle half of the values (quartiles); bar inside: median; whiskers: the furthest values within 1.5 × IQR of the box; dots: values beyond the whiskers.".to_string(),
        ];
        if few {
            n.push(format!(
                "A group of fewer than {MIN_BOX} values is drawn as one dot per value, not as a box."
            ));
        }
        if log {
            n.push(if skew >= 1.0 {
                format!(
                    "Logarithmic axis: the values are right-skewed (skewness {}), most small and a few large; equal distances are equal ratios.",
                    fmt_num(skew, 1)
                )
            } else {
                "Logarithmic axis: the values span orders of magnitude; equal distances are equal ratios.".to_string()
            });
        }
        if hidden > 0 {
            n.push(format!(
                "{} value{} ≤ 0 drawn at the left edge of the log axis.",
                fmt_count(hidden as u64),
                if hidden == 1 { "" } else { "s" }
            ));
        }
        if input.groups.len() > shown.len() {
            n.push(format!(
                "Showing the first {} of {} groups.",
                fmt_count(shown.len() as u64),
                fmt_count(input.groups.len() as u64)
            ));
        }
        n
    };
    let frame = Frame::new(page, &title, &subtitle, vec![], &frame_notes);

    let width = page.width_pt();
    let max_w = max_label_w(width);
    let labels: Vec<Vec<String>> = shown
        .iter()
        .zip(&summaries)
        .map(|(g, s)| {
            let n = s.as_ref().map_or(0, |_| finite_count(g));
            let count = format!(" (n={})", fmt_count(n as u64));
            row_label(&g.label, &count, max_w, LABEL)
        })
        .collect();
    let label_w = label_column(&labels, LABEL, max_w);
    let row = row_height(ROW, &labels);
    let left = MARGIN + label_w + 6.0;
    let probe = if log {
        let lo = 10f64.powf(min_pos.log10().floor());
        let hi = super::layout::nice_above(max);
        Scale {
            d0: lo,
            d1: if hi > lo { hi } else { lo * 10.0 },
            r0: left,
            r1: width - MARGIN,
            kind: Kind::Log,
        }
    } else if min < 0.0 && min.is_finite() {
        let step = nice_step(max.max(0.0) - min, 6);
        Scale {
            d0: (min / step).floor() * step,
            d1: (max.max(0.0) / step).ceil() * step,
            r0: left,
            r1: width - MARGIN,
            kind: Kind::Linear,
        }
    } else {
        Scale::zero_based(
            if max.is_finite() { max } else { 1.0 },
            left,
            width - MARGIN,
        )
    };
    let scale = Scale {
        r1: width - MARGIN - right_overhang(&probe).max(4.0),
        ..probe
    };
    let (mut c, top, plot_h) = rows_canvas(&frame, shown.len(), row, 0.0);
    x_grid(&mut c, &scale, top, top + plot_h);
    if shown.is_empty() {
        no_data(&mut c, left, scale.r1, top + plot_h / 2.0, "no groups");
    }
    for (i, ((summary, label), group)) in summaries.iter().zip(&labels).zip(&shown).enumerate() {
        let centre = top + (i as f64 + 0.5) * row;
        draw_label(&mut c, left - 6.0, centre, label, LABEL, Anchor::End);
        let Some(s) = summary else { continue };
        let colour = if input.speakers {
            page.colour(&group.label)
        } else {
            NEUTRAL
        };
        let x = |v: f64| scale.map_clamped(v);
        if finite_count(group) < MIN_BOX {
            for v in group.values.iter().filter(|v| v.is_finite()) {
                c.circle(x(*v), centre, 2.2, Some(colour), colour, 1.0);
            }
            continue;
        }
        c.line(x(s.low), centre, x(s.q1), centre, INK, HAIR);
        c.line(x(s.q3), centre, x(s.high), centre, INK, HAIR);
        c.line(x(s.low), centre - 2.5, x(s.low), centre + 2.5, INK, HAIR);
        c.line(x(s.high), centre - 2.5, x(s.high), centre + 2.5, INK, HAIR);
        let (b0, b1) = (x(s.q1), x(s.q3));
        c.rect(
            b0,
            centre - BOX / 2.0,
            (b1 - b0).max(0.5),
            BOX,
            colour,
            0.35,
        );
        c.outline(b0, centre - BOX / 2.0, (b1 - b0).max(0.5), BOX, colour, 0.7);
        let m = x(s.median);
        c.line(m, centre - BOX / 2.0, m, centre + BOX / 2.0, INK, 1.2);
        for o in &s.outliers {
            c.circle(x(*o), centre, 1.3, None, colour, 0.8);
        }
    }
    let axis = if log {
        format!("{value_label} (log scale)")
    } else {
        value_label
    };
    x_axis(&mut c, &scale, top + plot_h, &axis);
    finish(&c, page, &name, &title)
}

/// How many of a group's values are finite.
fn finite_count(g: &BoxGroup) -> usize {
    g.values.iter().filter(|v| v.is_finite()).count()
}
