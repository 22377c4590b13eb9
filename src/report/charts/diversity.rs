//! Lexical diversity dot plot: one row per speaker, a dot at the measure's
//! value (e.g. MATTR), highest first, the token count in the label, each
//! dot in the speaker's colour. Speakers with fewer than `min_tokens`
//! tokens get a hollow dot and a legend entry saying the value is
//! unreliable; undefined values say "n/a".

use super::canvas::{Anchor, Font, clean};
use super::layout::rows_canvas;
use super::layout::{
    Frame, GRID, HAIR, Kind, LABEL, Legend, MARGIN, MUTED, NEUTRAL, Scale, Swatch, VALUE, baseline,
    decimals_for_value, draw_label, fmt_count, fmt_num, label_column, max_label_w, nice_step,
    no_data, right_overhang, row_height, row_label, x_axis, x_grid,
};
use super::{Chart, Page, cap_or, finish, title_or};
use crate::Error;

/// Input for [`diversity_dots`].
#[derive(Debug, Clone, Default)]
pub struct DiversityInput {
    /// Chart title; blank gives "Lexical diversity".
    pub title: String,
    /// Context line under the title; may be blank.
    pub subtitle: String,
    /// The measure with its parameters, for the axis ("MATTR, window 100").
    pub measure: String,
    pub rows: Vec<DiversityRow>,
    /// Below this many tokens a value is marked unreliable (0 = 100).
    pub min_tokens: u64,
    /// Most rows (0 = 40, at most 300); the rest are left out with a note.
    pub max_rows: usize,
}

/// One speaker's value and token count.
#[derive(Debug, Clone, Default)]
pub struct DiversityRow {
    pub label: String,
    /// The measure; NaN when undefined.
    pub value: f64,
    pub tokens: u64,
}

const ROW: f64 = 12.0;

/// Dot plot of a lexical diversity measure by speaker.
pub fn diversity_dots(input: &DiversityInput, page: &Page) -> Result<Chart, Error> {
    super::canvas::ensure_fonts()?;
    let title = title_or(&input.title, "Lexical diversity");
    let measure = title_or(&input.measure, "MATTR");
    let min_tokens = if input.min_tokens == 0 {
        100
    } else {
        input.min_tokens
    };
    let max_rows = cap_or(input.max_rows, 40, 300);

    let mut rows: Vec<(String, Option<f64>, u64)> = input
        .rows
        .iter()
        .map(|r| {
            (
                clean(&r.label),
                r.value.is_finite().then_some(r.value),
                r.tokens,
            )
        })
        .collect();
    // Reliable values first, then those from too few tokens, then undefined.
    rows.sort_by(|x, y| match (x.1, y.1) {
        (Some(a), Some(b)) => (x.2 < min_tokens)
            .cmp(&(y.2 < min_tokens))
            .then_with(|| b.total_cmp(&a))
            .then_with(|| x.0.cmp(&y.0)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => y.2.cmp(&x.2).then_with(|| x.0.cmp(&y.0)),
    });
    let total_rows = rows.len();
    rows.truncate(max_rows);
    let few = rows.iter().any(|r| r.2 < min_tokens);

    let mut subtitle = Vec::new();
    let given = clean(&input.subtitle);
    if !given.is_empty() {
        subtitle.push(given);
    }
    subtitle.push(format!(
        "{measure} by speaker, highest first; token counts in brackets{}.",
        if few {
            format!(
                "; speakers with fewer than {} tokens last",
                fmt_count(min_tokens)
            )
        } else {
            String::new()
        }
    ));
    let mut legend = Vec::new();
    if rows.iter().any(|r| r.2 >= min_tokens) {
        legend.push(Legend::new(
            &format!("{} or more tokens", fmt_count(min_tokens)),
            NEUTRAL,
            Swatch::Dot,
        ));
    }
    if few {
        legend.push(Legend::new(
            &format!("fewer than {} tokens: unreliable", fmt_count(min_tokens)),
            NEUTRAL,
            Swatch::Hollow,
        ));
    }
    let mut notes = Vec::new();
    if total_rows > rows.len() {
        notes.push(format!(
            "Showing {} of {} speakers.",
            fmt_count(rows.len() as u64),
            fmt_count(total_rows as u64)
        ));
    }
    let frame = Frame::new(page, &title, &subtitle, legend, &notes);

    let width = page.width_pt();
    let max_w = max_label_w(width);
    let labels: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let count = format!(" ({} tokens)", fmt_count(r.2));
            let name = if r.0.is_empty() { "(unnamed)" } else { &r.0 };
            row_label(name, &count, max_w, LABEL)
        })
        .collect();
    let label_w = label_column(&labels, LABEL, max_w);
    let row_h = row_height(ROW, &labels);
    let left = MARGIN + label_w + 7.0;
    let values: Vec<f64> = rows.iter().filter_map(|r| r.1).collect();
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (lo, hi) = if values.is_empty() {
        (0.0, 1.0)
    } else if hi - lo < 1e-9 {
        (lo - 0.05 * lo.abs().max(1.0), hi + 0.05 * hi.abs().max(1.0))
    } else {
        (lo - (hi - lo) * 0.08, hi + (hi - lo) * 0.08)
    };
    let step = nice_step(hi - lo, 6);
    let probe = Scale {
        d0: (lo / step).floor() * step,
        d1: (hi / step).ceil() * step,
        r0: left,
        r1: width - MARGIN - 20.0,
        kind: Kind::Linear,
    };
    let scale = Scale {
        r1: width - MARGIN - right_overhang(&probe).max(30.0),
        ..probe
    };
    let (mut c, top, plot_h) = rows_canvas(&frame, rows.len(), row_h, 0.0);
    x_grid(&mut c, &scale, top, top + plot_h);
    if rows.is_empty() {
        no_data(&mut c, left, scale.r1, top + plot_h / 2.0, "no speakers");
    }
    let muted = Font {
        color: MUTED,
        ..VALUE
    };
    for (i, (row, label)) in rows.iter().zip(&labels).enumerate() {
        let centre = top + (i as f64 + 0.5) * row_h;
        draw_label(&mut c, left - 7.0, centre, label, LABEL, Anchor::End);
        c.dashed(left, centre, scale.r1, centre, GRID, HAIR);
        let colour = page.colour(&row.0);
        match row.1 {
            Some(v) => {
                let x = scale.map_clamped(v);
                if row.2 < min_tokens {
                    c.circle(x, centre, 2.5, None, colour, 1.0);
                } else {
                    c.circle(x, centre, 2.5, Some(colour), colour, 1.0);
                }
                let text = fmt_num(v, decimals_for_value(v).max(2));
                c.text(
                    x + 4.5,
                    baseline(centre, VALUE),
                    &text,
                    muted,
                    Anchor::Start,
                );
            }
            None => c.text(
                left + 3.0,
                baseline(centre, VALUE),
                "n/a (too few tokens)",
                muted,
                Anchor::Start,
            ),
        }
    }
    x_axis(&mut c, &scale, top + plot_h, &measure);
    finish(&c, page, "lexical-diversity", &title)
}
