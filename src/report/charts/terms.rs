//! Top terms as small multiples: one panel per speaker (up to `max_panels`,
//! three to a row), each a set of horizontal bars of that speaker's top
//! terms (display form) by count or rate, in the speaker's colour, with the
//! value at the bar end and a few ticks under each panel. The subtitle says
//! whether the panels share one value axis.

use super::canvas::{Anchor, Canvas, clean};
use super::layout::{
    AXIS, Frame, GRID, HAIR, Kind, LABEL, MARGIN, MUTED, NOTE, PANEL, Scale, TICK, VALUE, baseline,
    decimals_for_value, fit_to, fmt_count, fmt_num, nice_step, no_data, width_of,
};
use super::{Chart, Page, cap_or, finish, title_or};
use crate::Error;

/// Input for [`top_terms`].
#[derive(Debug, Clone, Default)]
pub struct TopTermsInput {
    /// Chart title; blank gives "Top terms by speaker".
    pub title: String,
    /// Context line under the title; may be blank.
    pub subtitle: String,
    /// What the bars measure, with unit ("count" or "per 10,000 tokens").
    pub value_label: String,
    /// One panel per speaker, in this order.
    pub panels: Vec<TermPanel>,
    /// Most panels (0 = 9, at most 30); the rest are left out with a note.
    pub max_panels: usize,
    /// Most terms per panel (0 = 10, at most 40).
    pub max_terms: usize,
    /// One x scale for every panel (compare panels) instead of one each.
    pub shared_scale: bool,
}

/// One speaker's terms, highest first (re-sorted here anyway).
#[derive(Debug, Clone, Default)]
pub struct TermPanel {
    pub label: String,
    pub terms: Vec<TermValue>,
}

/// A term's display form and its value.
#[derive(Debug, Clone, Default)]
pub struct TermValue {
    pub term: String,
    pub value: f64,
}

/// Narrowest panel, in points: fewer columns on a narrow page.
const MIN_PANEL_W: f64 = 140.0;
const COLS: usize = 3;
const GAP: f64 = 14.0;
const ROW: f64 = 11.0;
const BAR: f64 = 7.5;
const PANEL_HEAD: f64 = 14.0;
const PANEL_AXIS: f64 = 15.0;
const PANEL_GAP: f64 = 9.0;

/// Small multiples of each speaker's top terms.
pub fn top_terms(input: &TopTermsInput, page: &Page) -> Result<Chart, Error> {
    super::canvas::ensure_fonts()?;
    let title = title_or(&input.title, "Top terms by speaker");
    let value_label = title_or(&input.value_label, "count");
    let max_panels = cap_or(input.max_panels, 9, 30);
    let max_terms = cap_or(input.max_terms, 10, 40);

    // Finite, non-negative values only; largest first, ties by term.
    let panels: Vec<(String, Vec<(String, f64)>)> = input
        .panels
        .iter()
        .take(max_panels)
        .map(|p| {
            let mut terms: Vec<(String, f64)> = p
                .terms
                .iter()
                .filter(|t| t.value.is_finite() && t.value >= 0.0)
                .map(|t| (clean(&t.term), t.value))
                .collect();
            terms.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            terms.truncate(max_terms);
            (clean(&p.label), terms)
        })
        .collect();

    let mut subtitle = Vec::new();
    let given = clean(&input.subtitle);
    if !given.is_empty() {
        subtitle.push(given);
    }
    subtitle.push(format!(
        "Each speaker's top {} terms; bar length: {value_label}{}.",
        max_terms,
        if input.shared_scale {
            "; every panel on the same scale, so bars compare across panels"
        } else {
            "; each panel on its own scale: compare bars within a panel, not across"
        }
    ));
    let mut notes = Vec::new();
    if input.panels.len() > panels.len() {
        notes.push(format!(
            "Showing the first {} of {} speakers.",
            fmt_count(panels.len() as u64),
            fmt_count(input.panels.len() as u64)
        ));
    }
    let frame = Frame::new(page, &title, &subtitle, vec![], &notes);

    let width = page.width_pt();
    let fit_cols = (((width - 2.0 * MARGIN + GAP) / (MIN_PANEL_W + GAP)) as usize).clamp(1, COLS);
    let cols = panels.len().clamp(1, fit_cols);
    let grid_rows = panels.len().div_ceil(cols).max(1);
    let panel_w = (width - 2.0 * MARGIN - (cols as f64 - 1.0) * GAP) / cols as f64;
    let rows_per_panel = panels.iter().map(|p| p.1.len()).max().unwrap_or(0).max(1);
    // Panel heads wrap onto two lines before they are cut.
    let heads: Vec<Vec<String>> = panels
        .iter()
        .map(|(label, _)| {
            let label = if label.is_empty() { "(unnamed)" } else { label };
            super::canvas::wrap(label, panel_w, PANEL.em, PANEL.bold, 2)
        })
        .collect();
    let head_h = if heads.iter().any(|h| h.len() > 1) {
        PANEL_HEAD + 10.0
    } else {
        PANEL_HEAD
    };
    let panel_h = head_h + rows_per_panel as f64 * ROW + PANEL_AXIS;
    let top = frame.header_height();
    let plot_h = if panels.is_empty() {
        60.0
    } else {
        grid_rows as f64 * panel_h + (grid_rows as f64 - 1.0) * PANEL_GAP
    };
    let axis_title_h = 13.0;
    let height = top + plot_h + axis_title_h + frame.footer_height();
    let mut c = Canvas::new(width, height);
    frame.draw(&mut c);
    if panels.is_empty() {
        no_data(&mut c, MARGIN, width - MARGIN, top + 15.0, "no speakers");
    }
    let decimals = |v: f64| {
        if v.fract() == 0.0 && v.abs() < 1e15 {
            0
        } else {
            decimals_for_value(v)
        }
    };
    let shared_max = panels
        .iter()
        .flat_map(|p| p.1.iter().map(|t| t.1))
        .fold(0.0, f64::max);

    for (k, (label, terms)) in panels.iter().enumerate() {
        let px0 = MARGIN + (k % cols) as f64 * (panel_w + GAP);
        let py0 = top + (k / cols) as f64 * (panel_h + PANEL_GAP);
        let head = &heads[k];
        for (j, line) in head.iter().enumerate() {
            c.text(px0, py0 + 8.0 + j as f64 * 10.0, line, PANEL, Anchor::Start);
        }
        let colour = page.colour(label);
        let term_labels: Vec<String> = terms
            .iter()
            .map(|t| fit_to(&t.0, panel_w * 0.42, LABEL))
            .collect();
        let label_w = term_labels
            .iter()
            .map(|l| width_of(l, LABEL))
            .fold(0.0, f64::max);
        let values: Vec<String> = terms.iter().map(|t| fmt_num(t.1, decimals(t.1))).collect();
        let value_w = values
            .iter()
            .map(|v| width_of(v, VALUE))
            .fold(0.0, f64::max);
        let left = px0 + label_w + 4.0;
        let right = px0 + panel_w - value_w - 3.0;
        let max = if input.shared_scale {
            shared_max
        } else {
            terms.iter().map(|t| t.1).fold(0.0, f64::max)
        };
        // A bound just above the largest value (about four steps), so that
        // the bars use the panel's width; ticks are thinned to fit.
        let max = if max.is_finite() && max > 0.0 {
            max
        } else {
            1.0
        };
        let step = nice_step(max, 4);
        let scale = Scale {
            d0: 0.0,
            d1: (max / step).ceil() * step,
            r0: left,
            r1: right,
            kind: Kind::Linear,
        };
        let bars_top = py0 + head_h;
        let bars_bottom = bars_top + rows_per_panel as f64 * ROW;
        let ticks = thin(scale.ticks(), 3);
        for (v, _) in &ticks {
            let x = scale.map(*v);
            c.line(x, bars_top, x, bars_bottom, GRID, HAIR);
        }
        if terms.is_empty() {
            no_data(&mut c, px0, px0 + panel_w, bars_top + ROW / 2.0, "no terms");
        }
        for (i, ((_, v), (tl, vl))) in terms
            .iter()
            .zip(term_labels.iter().zip(&values))
            .enumerate()
        {
            let centre = bars_top + (i as f64 + 0.5) * ROW;
            c.text(left - 4.0, baseline(centre, LABEL), tl, LABEL, Anchor::End);
            let x1 = scale.map_clamped(*v);
            c.rect(left, centre - BAR / 2.0, x1 - left, BAR, colour, 1.0);
            c.text(x1 + 2.0, baseline(centre, VALUE), vl, VALUE, Anchor::Start);
        }
        c.line(left, bars_bottom, right, bars_bottom, AXIS, HAIR);
        for (v, t) in &ticks {
            let x = scale.map(*v);
            c.line(x, bars_bottom, x, bars_bottom + 2.5, AXIS, HAIR);
            c.text(x, bars_bottom + 10.5, t, TICK, Anchor::Middle);
        }
    }
    if !panels.is_empty() {
        let axis = format!("bar length: {value_label}");
        c.text(
            width / 2.0,
            top + plot_h + 9.0,
            &fit_to(&axis, width - 2.0 * MARGIN, LABEL),
            super::canvas::Font {
                color: MUTED,
                ..NOTE
            },
            Anchor::Middle,
        );
    }
    finish(&c, page, "top-terms", &title)
}

/// At most about `n` ticks: keeps every k-th, always the first.
fn thin(ticks: Vec<(f64, String)>, n: usize) -> Vec<(f64, String)> {
    if ticks.len() <= n {
        return ticks;
    }
    let stride = ticks.len().div_ceil(n);
    ticks.into_iter().step_by(stride).collect()
}
