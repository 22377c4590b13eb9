//! Box plots: one horizontal box per group (speaker, role, …) of a value
//! such as words per turn. Box = quartiles (R's type 7), line = median,
//! whiskers = the furthest values within 1.5 × IQR of the box, dots = the
//! values beyond; n in each label. The value axis turns logarithmic when the
//! values span two or more orders of magnitude (or when asked).

use super::canvas::{Anchor, clean};
use super::layout::rows_canvas;
use super::layout::{
    BLUE, Frame, INK, Kind, LABEL, MARGIN, MAX_LABEL_W, Scale, WIDTH, baseline, fit_to, fmt_count,
    label_column, nice_step, no_data, right_overhang, width_of, x_axis, x_grid,
};
use super::{Chart, cap_or, finish, title_or};
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
    /// from the data (log when max/min ≥ 100 and all values are positive).
    pub log_scale: Option<bool>,
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

const ROW: f64 = 30.0;
const BOX: f64 = 16.0;

/// Horizontal box plots, one per group.
pub fn box_plot(input: &BoxPlotInput) -> Result<Chart, Error> {
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
    let log = match input.log_scale {
        Some(l) => l && max > 0.0 && min_pos.is_finite(),
        None => min > 0.0 && max / min >= 100.0,
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
    let frame_notes = {
        let mut n = vec![
            "Box: middle half of the values (quartiles); bar inside: median; whiskers: the furthest values within 1.5 × IQR of the box; dots: values beyond the whiskers.".to_string(),
        ];
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
    let frame = Frame::new(&title, &subtitle, vec![], &frame_notes);

    let labels: Vec<String> = shown
        .iter()
        .zip(&summaries)
        .map(|(g, s)| {
            let n = s
                .as_ref()
                .map_or(0, |_| g.values.iter().filter(|v| v.is_finite()).count());
            let count = format!(" (n={})", fmt_count(n as u64));
            let room = MAX_LABEL_W - width_of(&count, LABEL);
            let label = clean(&g.label);
            format!("{}{count}", fit_to(&label, room, LABEL))
        })
        .collect();
    let label_w = label_column(&labels, LABEL, MAX_LABEL_W);
    let left = MARGIN + label_w + 12.0;
    let probe = if log {
        let lo = 10f64.powf(min_pos.log10().floor());
        let hi = super::layout::nice_above(max);
        Scale {
            d0: lo,
            d1: if hi > lo { hi } else { lo * 10.0 },
            r0: left,
            r1: WIDTH - MARGIN,
            kind: Kind::Log,
        }
    } else if min < 0.0 && min.is_finite() {
        let step = nice_step(max.max(0.0) - min, 6);
        Scale {
            d0: (min / step).floor() * step,
            d1: (max.max(0.0) / step).ceil() * step,
            r0: left,
            r1: WIDTH - MARGIN,
            kind: Kind::Linear,
        }
    } else {
        Scale::zero_based(
            if max.is_finite() { max } else { 1.0 },
            left,
            WIDTH - MARGIN,
        )
    };
    let scale = Scale {
        r1: WIDTH - MARGIN - right_overhang(&probe).max(8.0),
        ..probe
    };
    let (mut c, top, plot_h) = rows_canvas(&frame, shown.len(), ROW, 0.0);
    x_grid(&mut c, &scale, top, top + plot_h);
    if shown.is_empty() {
        no_data(&mut c, left, scale.r1, top + plot_h / 2.0, "no groups");
    }
    let fill = super::canvas::Rgb(0xCC, 0xE3, 0xF0);
    for (i, (summary, label)) in summaries.iter().zip(&labels).enumerate() {
        let centre = top + (i as f64 + 0.5) * ROW;
        c.text(
            left - 12.0,
            baseline(centre, LABEL),
            label,
            LABEL,
            Anchor::End,
        );
        let Some(s) = summary else { continue };
        let x = |v: f64| scale.map_clamped(v);
        c.line(x(s.low), centre, x(s.q1), centre, INK, 1.0);
        c.line(x(s.q3), centre, x(s.high), centre, INK, 1.0);
        c.line(x(s.low), centre - 5.0, x(s.low), centre + 5.0, INK, 1.0);
        c.line(x(s.high), centre - 5.0, x(s.high), centre + 5.0, INK, 1.0);
        let (b0, b1) = (x(s.q1), x(s.q3));
        c.rect(b0, centre - BOX / 2.0, (b1 - b0).max(1.0), BOX, fill, 1.0);
        c.outline(b0, centre - BOX / 2.0, (b1 - b0).max(1.0), BOX, BLUE, 1.0);
        let m = x(s.median);
        c.line(m, centre - BOX / 2.0, m, centre + BOX / 2.0, INK, 2.0);
        for o in &s.outliers {
            c.circle(x(*o), centre, 2.5, None, BLUE, 0.8);
        }
    }
    let axis = if log {
        format!("{value_label} (log scale)")
    } else {
        value_label
    };
    x_axis(&mut c, &scale, top + plot_h, &axis);
    finish(&c, &name, &title)
}
