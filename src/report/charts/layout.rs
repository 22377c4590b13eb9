//! Layout pieces every chart shares, in points at the page's printed
//! width: the palette (Okabe–Ito, grey for "others"), text sizes (8–9 pt),
//! the page frame (title, wrapped subtitle, legend above the plot, notes and
//! the source line below it), axis scales (linear, log10, log10 of x + 1)
//! with "nice" ticks and number formatting, the bottom value axis, and row
//! labels wrapped onto two lines before they are cut.

use super::canvas::{Anchor, Canvas, Font, Rgb, clean, fit, text_width, wrap};
use super::page::Page;

/// Outer margin on every side.
pub(crate) const MARGIN: f64 = 9.0;
/// Line height of 8 pt text.
pub(crate) const LINE: f64 = 10.0;

/// The widest a row-label column may grow on a page `width` wide.
pub(crate) fn max_label_w(width: f64) -> f64 {
    width * 0.34
}

pub(crate) use super::ink::{GREY, INK, MUTED, NEUTRAL, NEUTRAL_LIGHT, SPEAKER_COLOURS};
/// Grid lines and separators.
pub(crate) const GRID: Rgb = Rgb(0xE3, 0xE3, 0xE3);
pub(crate) const AXIS: Rgb = Rgb(0x88, 0x88, 0x88);
/// Width of hairlines (grid, axes, whiskers), in points.
pub(crate) const HAIR: f64 = 0.5;

pub(crate) const TITLE: Font = Font {
    em: 9.0,
    bold: true,
    color: INK,
};
pub(crate) const SUBTITLE: Font = Font {
    em: 8.0,
    bold: false,
    color: MUTED,
};
pub(crate) const LABEL: Font = Font {
    em: 8.0,
    bold: false,
    color: INK,
};
pub(crate) const TICK: Font = Font {
    em: 8.0,
    bold: false,
    color: MUTED,
};
pub(crate) const NOTE: Font = Font {
    em: 8.0,
    bold: false,
    color: MUTED,
};
pub(crate) const VALUE: Font = Font {
    em: 8.0,
    bold: false,
    color: MUTED,
};
pub(crate) const PANEL: Font = Font {
    em: 8.5,
    bold: true,
    color: INK,
};

/// Baseline that centres a line of `font` text vertically on `y`.
pub(crate) fn baseline(y: f64, font: Font) -> f64 {
    // DejaVu's cap height is 0.73 em: centre the capitals.
    y + font.em * 0.36
}

pub(crate) fn width_of(text: &str, font: Font) -> f64 {
    text_width(text, font.em, font.bold)
}

pub(crate) fn fit_to(text: &str, max: f64, font: Font) -> String {
    fit(text, max, font.em, font.bold)
}

/// `12345` → `12,345`.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Numbers in labels: thousands separators, a real minus sign, `decimals`
/// digits after the point.
pub(crate) fn fmt_num(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return "n/a".to_string();
    }
    if v.abs() >= 1e15 {
        return format!("{v:.1e}").replace('-', "−");
    }
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), None),
    };
    // (Below 1e15, the whole part is a u64.)
    let grouped = int.parse::<u64>().map_or_else(|_| int.clone(), thousands);
    let is_zero = s.chars().all(|c| c == '0' || c == '.');
    let mut out = String::new();
    if v < 0.0 && !is_zero {
        out.push('−');
    }
    out.push_str(&grouped);
    if let Some(f) = frac {
        out.push('.');
        out.push_str(&f);
    }
    out
}

/// A count with thousands separators.
pub(crate) fn fmt_count(n: u64) -> String {
    fmt_num(n as f64, 0)
}

/// Decimals that show a tick step exactly (0 for 10, 1 for 2.5 or 0.5, …).
pub(crate) fn decimals_for(step: f64) -> usize {
    if !(step.is_finite() && step > 0.0) {
        return 0;
    }
    (0..6)
        .find(|d| {
            let scaled = step * 10f64.powi(*d as i32);
            (scaled - scaled.round()).abs() < 1e-6 * scaled.max(1.0)
        })
        .unwrap_or(6)
}

/// Decimals that show `v` with about three significant digits.
pub(crate) fn decimals_for_value(v: f64) -> usize {
    let a = v.abs();
    if !a.is_finite() || a >= 100.0 || a == 0.0 {
        0
    } else if a >= 10.0 {
        1
    } else if a >= 1.0 {
        2
    } else {
        3
    }
}

/// A "nice" step (1, 2, 2.5 or 5 × 10^k) for about `n` intervals over `span`.
pub(crate) fn nice_step(span: f64, n: usize) -> f64 {
    if !(span.is_finite() && span > 0.0) {
        return 1.0;
    }
    let raw = span / n.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let nice = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 2.5 {
        2.5
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

/// The smallest 1-2-5 × 10^k at or above `v` (positive `v`).
pub(crate) fn nice_above(v: f64) -> f64 {
    if !(v.is_finite() && v > 0.0) {
        return 1.0;
    }
    let base = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * base)
        .find(|x| *x >= v * (1.0 - 1e-12))
        .unwrap_or(base * 10.0)
}

/// How values map to positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Linear,
    /// log10(v); values ≤ 0 are not drawn.
    Log,
    /// log10(v + 1): keeps zeros on a log-like axis.
    Log1p,
}

/// A one-dimensional scale from a value domain to a pixel range.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scale {
    pub d0: f64,
    pub d1: f64,
    pub r0: f64,
    pub r1: f64,
    pub kind: Kind,
}

impl Scale {
    /// A linear scale from 0 (or the data minimum when negative) to a nice
    /// bound above the maximum, with the step used for ticks.
    pub(crate) fn zero_based(max: f64, r0: f64, r1: f64) -> Scale {
        let max = if max.is_finite() && max > 0.0 {
            max
        } else {
            1.0
        };
        let step = nice_step(max, ((r1 - r0) / TICK_SPACING).max(2.0) as usize);
        let d1 = (max / step).ceil() * step;
        Scale {
            d0: 0.0,
            d1: if d1 > 0.0 { d1 } else { 1.0 },
            r0,
            r1,
            kind: Kind::Linear,
        }
    }

    fn t(&self, v: f64) -> f64 {
        match self.kind {
            Kind::Linear => v,
            Kind::Log => v.max(1e-12).log10(),
            Kind::Log1p => (v.max(0.0) + 1.0).log10(),
        }
    }

    /// Position of `v` in pixels (not clamped).
    pub(crate) fn map(&self, v: f64) -> f64 {
        let (a, b) = (self.t(self.d0), self.t(self.d1));
        if (b - a).abs() < 1e-300 || !v.is_finite() {
            return (self.r0 + self.r1) / 2.0;
        }
        self.r0 + (self.t(v) - a) / (b - a) * (self.r1 - self.r0)
    }

    /// Position clamped to the range.
    pub(crate) fn map_clamped(&self, v: f64) -> f64 {
        let (lo, hi) = if self.r0 <= self.r1 {
            (self.r0, self.r1)
        } else {
            (self.r1, self.r0)
        };
        self.map(v).clamp(lo, hi)
    }

    /// Tick values with their labels; labels never overlap along the axis.
    pub(crate) fn ticks(&self) -> Vec<(f64, String)> {
        let span_px = (self.r1 - self.r0).abs();
        let mut ticks = match self.kind {
            Kind::Linear => {
                let n = (span_px / TICK_SPACING).clamp(2.0, 10.0) as usize;
                let step = nice_step(self.d1 - self.d0, n);
                let dec = decimals_for(step);
                let first = (self.d0 / step - 1e-9).ceil() as i64;
                let last = (self.d1 / step + 1e-9).floor() as i64;
                (first..=last.min(first.saturating_add(50)))
                    .map(|i| {
                        let v = i as f64 * step;
                        (v, fmt_num(v, dec))
                    })
                    .collect::<Vec<_>>()
            }
            Kind::Log | Kind::Log1p => self.log_ticks(),
        };
        // Thin out until neighbouring labels clear each other.
        let mut stride = 1;
        while stride < ticks.len() {
            let kept: Vec<&(f64, String)> = ticks.iter().step_by(stride).collect();
            let clear = kept.windows(2).all(|w| {
                let gap = (self.map(w[1].0) - self.map(w[0].0)).abs();
                gap >= (width_of(&w[0].1, TICK) + width_of(&w[1].1, TICK)) / 2.0 + 6.0
            });
            if clear {
                break;
            }
            stride += 1;
        }
        if stride > 1 {
            ticks = ticks.into_iter().step_by(stride).collect();
        }
        ticks
    }

    fn log_ticks(&self) -> Vec<(f64, String)> {
        let lo = self
            .d0
            .max(if self.kind == Kind::Log { 1e-12 } else { 0.0 });
        let hi = self.d1;
        let mut out = Vec::new();
        if self.kind == Kind::Log1p && lo <= 0.0 {
            out.push((0.0, "0".to_string()));
        }
        let first = if self.kind == Kind::Log1p {
            0
        } else {
            lo.max(1e-12).log10().floor() as i32
        };
        let last = hi.max(1e-12).log10().ceil() as i32;
        let decades = (last - first).max(1);
        let mults: &[f64] = if decades <= 2 {
            &[1.0, 2.0, 5.0]
        } else {
            &[1.0]
        };
        for e in first.max(-300)..=last.min(300) {
            for m in mults {
                let v = m * 10f64.powi(e);
                if v >= lo * (1.0 - 1e-9) && v <= hi * (1.0 + 1e-9) && v > 0.0 {
                    let label = if (-4..15).contains(&e) {
                        fmt_num(v, if e < 0 { (-e) as usize } else { 0 })
                    } else {
                        format!("{m}e{e}")
                    };
                    out.push((v, label));
                }
            }
        }
        out
    }
}

/// What a legend swatch looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Swatch {
    Box,
    Dot,
    Hollow,
    /// A box drawn faded (marks that are not significant).
    Faded,
}

/// One legend entry.
#[derive(Debug, Clone)]
pub(crate) struct Legend {
    pub label: String,
    pub color: Rgb,
    pub swatch: Swatch,
}

impl Legend {
    pub(crate) fn new(label: &str, color: Rgb, swatch: Swatch) -> Legend {
        Legend {
            label: clean(label),
            color,
            swatch,
        }
    }
}

const SWATCH: f64 = 6.5;
const LEGEND_ROW: f64 = 11.0;
/// Tick labels are about this far apart at most.
const TICK_SPACING: f64 = 48.0;

/// Title, subtitle and legend above the plot; notes and the page's source
/// line below it. Everything is wrapped or truncated to the page width up
/// front, so a chart can size its canvas before drawing.
#[derive(Debug, Clone)]
pub(crate) struct Frame {
    width: f64,
    title: String,
    subtitle: Vec<String>,
    legend: Vec<Vec<(f64, Legend)>>,
    notes: Vec<String>,
    source: Vec<String>,
}

impl Frame {
    pub(crate) fn new(
        page: &Page,
        title: &str,
        subtitle: &[String],
        legend: Vec<Legend>,
        notes: &[String],
    ) -> Frame {
        let width = page.width_pt();
        let inner = width - 2.0 * MARGIN;
        let title = fit_to(&clean(title), inner, TITLE);
        let mut sub = Vec::new();
        for s in subtitle {
            sub.extend(wrap(&clean(s), inner, SUBTITLE.em, false, 3));
        }
        let mut rows: Vec<Vec<(f64, Legend)>> = Vec::new();
        let mut x = 0.0;
        for mut entry in legend {
            entry.label = fit_to(&entry.label, inner * 0.6, LABEL);
            let w = SWATCH + 3.0 + width_of(&entry.label, LABEL) + 10.0;
            if rows.is_empty() || x + w > inner + 10.0 {
                rows.push(Vec::new());
                x = 0.0;
            }
            if let Some(row) = rows.last_mut() {
                row.push((x, entry));
            }
            x += w;
        }
        let mut lines = Vec::new();
        for n in notes {
            lines.extend(wrap(&clean(n), inner, NOTE.em, false, 6));
        }
        let source = wrap(page.source(), inner, NOTE.em, false, 2);
        Frame {
            width,
            title,
            subtitle: sub,
            legend: rows,
            notes: lines,
            source,
        }
    }

    /// The page width the frame was laid out for.
    pub(crate) fn width(&self) -> f64 {
        self.width
    }

    /// Height of title, subtitle and legend, including the gap to the plot.
    pub(crate) fn header_height(&self) -> f64 {
        let mut h = MARGIN + 11.0;
        h += self.subtitle.len() as f64 * LINE;
        if !self.legend.is_empty() {
            h += 3.0 + self.legend.len() as f64 * LEGEND_ROW;
        }
        h + 8.0
    }

    /// Height of the notes and source line under the plot, including the
    /// bottom margin.
    pub(crate) fn footer_height(&self) -> f64 {
        let lines = self.notes.len() + self.source.len();
        let gap = if self.source.is_empty() || self.notes.is_empty() {
            0.0
        } else {
            3.0
        };
        if lines == 0 {
            MARGIN
        } else {
            4.0 + lines as f64 * LINE + gap + MARGIN
        }
    }

    /// Draws the header at the top, and the notes then the source line
    /// ending at the canvas bottom.
    pub(crate) fn draw(&self, c: &mut Canvas) {
        let mut y = MARGIN + 7.0;
        c.text(MARGIN, y, &self.title, TITLE, Anchor::Start);
        for line in &self.subtitle {
            y += LINE;
            c.text(MARGIN, y, line, SUBTITLE, Anchor::Start);
        }
        if !self.legend.is_empty() {
            y += 3.0;
            for row in &self.legend {
                let centre = y + LEGEND_ROW / 2.0 + 1.0;
                for (x, entry) in row {
                    let x = MARGIN + x;
                    let r = SWATCH / 2.0;
                    match entry.swatch {
                        Swatch::Box => c.rect(x, centre - r, SWATCH, SWATCH, entry.color, 1.0),
                        Swatch::Dot => {
                            c.circle(x + r, centre, r - 0.5, Some(entry.color), entry.color, 1.0)
                        }
                        Swatch::Hollow => c.circle(x + r, centre, r - 0.5, None, entry.color, 1.0),
                        Swatch::Faded => c.rect(x, centre - r, SWATCH, SWATCH, entry.color, FADED),
                    }
                    c.text(
                        x + SWATCH + 3.0,
                        baseline(centre, LABEL),
                        &entry.label,
                        LABEL,
                        Anchor::Start,
                    );
                }
                y += LEGEND_ROW;
            }
        }
        let mut y = c.height() - self.footer_height() + 4.0;
        for line in &self.notes {
            y += LINE;
            c.text(MARGIN, y - 2.0, line, NOTE, Anchor::Start);
        }
        if !self.notes.is_empty() {
            y += 3.0;
        }
        for line in &self.source {
            y += LINE;
            c.text(MARGIN, y - 2.0, line, NOTE, Anchor::Start);
        }
    }
}

/// Opacity of faded marks (e.g. keyness bars that are not significant).
pub(crate) const FADED: f64 = 0.3;

/// Height reserved under a plot for the value axis (ticks, labels, title).
pub(crate) const X_AXIS_H: f64 = 28.0;

/// Vertical grid lines at the scale's ticks over `top..bottom`. Draw before data.
pub(crate) fn x_grid(c: &mut Canvas, scale: &Scale, top: f64, bottom: f64) {
    for (v, _) in scale.ticks() {
        let x = scale.map(v);
        c.line(x, top, x, bottom, GRID, HAIR);
    }
}

/// The value axis under a plot: baseline, ticks, tick labels, centred title.
pub(crate) fn x_axis(c: &mut Canvas, scale: &Scale, y: f64, title: &str) {
    let (lo, hi) = (scale.r0.min(scale.r1), scale.r0.max(scale.r1));
    c.line(lo, y, hi, y, AXIS, HAIR);
    for (v, label) in scale.ticks() {
        let x = scale.map(v);
        c.line(x, y, x, y + 3.0, AXIS, HAIR);
        c.text(x, y + 11.0, &label, TICK, Anchor::Middle);
    }
    let title = fit_to(&clean(title), c.width() - 2.0 * MARGIN, LABEL);
    let half = width_of(&title, LABEL) / 2.0;
    let centre = ((lo + hi) / 2.0).clamp(
        MARGIN + half,
        (c.width() - MARGIN - half).max(MARGIN + half),
    );
    c.text(centre, y + 22.0, &title, LABEL, Anchor::Middle);
}

/// A row label: `text` wrapped onto at most two lines of `max` points, the
/// last one cut with "…" only when two lines are not enough; `suffix`
/// (e.g. " (n=12)") always ends the last line.
pub(crate) fn row_label(text: &str, suffix: &str, max: f64, font: Font) -> Vec<String> {
    let text = clean(text);
    let whole = format!("{text}{suffix}");
    let lines = wrap(&whole, max, font.em, font.bold, 2);
    if lines.len() <= 1 && width_of(&whole, font) <= max {
        return vec![whole];
    }
    let cut = lines.last().is_some_and(|l| l.ends_with('…'));
    if !cut
        && lines
            .last()
            .is_some_and(|l| l.ends_with(suffix.trim_start()))
    {
        return lines;
    }
    // Wrap the text alone; the suffix ends its last line if it fits there,
    // else takes a line of its own if there is one, else makes room.
    let mut lines = wrap(&text, max, font.em, font.bold, 2);
    let suffix_w = width_of(suffix, font);
    let room = (max - suffix_w).max(font.em);
    let two = lines.len() >= 2;
    match lines.last_mut() {
        Some(last) if width_of(last, font) + suffix_w <= max => last.push_str(suffix),
        Some(_) if !two => lines.push(suffix.trim_start().to_string()),
        Some(last) => {
            let fitted = fit(last, room, font.em, font.bold);
            *last = format!("{fitted}{suffix}");
        }
        None => lines.push(suffix.trim_start().to_string()),
    }
    lines
}

/// Draws a (one- or two-line) row label centred on `centre`.
pub(crate) fn draw_label(
    c: &mut Canvas,
    x: f64,
    centre: f64,
    lines: &[String],
    font: Font,
    anchor: Anchor,
) {
    let first = centre - (lines.len().max(1) - 1) as f64 * LABEL_LINE / 2.0;
    for (i, line) in lines.iter().enumerate() {
        let y = first + i as f64 * LABEL_LINE;
        c.text(x, baseline(y, font), line, font, anchor);
    }
}

/// Line spacing of a two-line row label.
const LABEL_LINE: f64 = 9.0;

/// Height of each row: `base`, or enough for two lines when a label wraps.
pub(crate) fn row_height(base: f64, labels: &[Vec<String>]) -> f64 {
    if labels.iter().any(|l| l.len() > 1) {
        base.max(2.0 * LABEL_LINE + 1.0)
    } else {
        base
    }
}

/// Width of the row-label column: the longest line of any label, capped.
pub(crate) fn label_column(labels: &[Vec<String>], font: Font, cap: f64) -> f64 {
    labels
        .iter()
        .flatten()
        .map(|l| width_of(l, font))
        .fold(0.0, f64::max)
        .min(cap)
}

/// The canvas of a chart drawn as one horizontal band per row: `rows` bands
/// of `row_h` under the header (and `extra_top` more, e.g. for column
/// names), or a short band for the "no data" note when there are none, then
/// room for the x axis and the footer. The frame (title, legend, notes) is
/// drawn. Returns the canvas, the plot's top and its height.
pub(crate) fn rows_canvas(
    frame: &Frame,
    rows: usize,
    row_h: f64,
    extra_top: f64,
) -> (Canvas, f64, f64) {
    let top = frame.header_height() + extra_top;
    let plot_h = if rows == 0 { 30.0 } else { rows as f64 * row_h };
    let height = top + plot_h + X_AXIS_H + frame.footer_height();
    let mut c = Canvas::new(frame.width(), height);
    frame.draw(&mut c);
    (c, top, plot_h)
}

/// A centred "no data" message inside a plot area.
pub(crate) fn no_data(c: &mut Canvas, x0: f64, x1: f64, y: f64, message: &str) {
    let text = fit_to(message, (x1 - x0).max(20.0), LABEL);
    c.text(
        (x0 + x1) / 2.0,
        baseline(y, LABEL),
        &text,
        Font {
            color: MUTED,
            ..LABEL
        },
        Anchor::Middle,
    );
}

/// Width the right-most tick label needs beyond the plot edge.
pub(crate) fn right_overhang(scale: &Scale) -> f64 {
    scale
        .ticks()
        .last()
        .map(|(_, l)| width_of(l, TICK) / 2.0 + 2.0)
        .unwrap_or(0.0)
        .min(60.0)
}
