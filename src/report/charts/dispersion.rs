//! Lexical dispersion plot, after quanteda's `textplot_xray`: one row per key
//! term, a thin vertical tick at each occurrence along x = token position
//! (0 to the total tokens), in the colour of the speaker whose key term it
//! is, with faint lines and names marking where each transcript starts when
//! the input covers several.

use super::canvas::{Anchor, Font, Rgb, clean};
use super::layout::rows_canvas;
use super::layout::{
    Frame, LABEL, MARGIN, MUTED, NEUTRAL, NOTE, Scale, draw_label, fit_to, fmt_count, label_column,
    max_label_w, no_data, right_overhang, row_height, row_label, x_axis,
};
use super::{Chart, Page, cap_or, finish, title_or};
use crate::Error;

/// Input for [`dispersion`].
#[derive(Debug, Clone, Default)]
pub struct DispersionInput {
    /// Chart title; blank gives "Where the key terms occur".
    pub title: String,
    /// Context line under the title; may be blank.
    pub subtitle: String,
    /// One row per term, drawn top to bottom in this order.
    pub terms: Vec<DispersionTerm>,
    /// Tokens in the whole span (0 = one past the largest position).
    pub total_tokens: u64,
    /// Where each transcript starts, in token positions; empty or one
    /// entry for a single transcript.
    pub transcripts: Vec<DispersionTranscript>,
    /// Most term rows (0 = 30, at most 200); the rest are left out with a note.
    pub max_rows: usize,
}

/// A term and the token positions where it occurs.
#[derive(Debug, Clone, Default)]
pub struct DispersionTerm {
    pub term: String,
    /// Whose key term it is: its ticks take the speaker's colour.
    pub speaker: String,
    pub positions: Vec<u64>,
}

/// A transcript boundary.
#[derive(Debug, Clone, Default)]
pub struct DispersionTranscript {
    pub label: String,
    /// Token position of the transcript's first token.
    pub start: u64,
}

const ROW: f64 = 13.0;
const TICK_H: f64 = 8.0;
const NAMES_H: f64 = 11.0;
const MAX_NAMED: usize = 12;
const BOUNDARY: Rgb = Rgb(0xB0, 0xB0, 0xB0);

/// Occurrence ticks of each key term along the token positions.
pub fn dispersion(input: &DispersionInput, page: &Page) -> Result<Chart, Error> {
    super::canvas::ensure_fonts()?;
    let title = title_or(&input.title, "Where the key terms occur");
    let max_rows = cap_or(input.max_rows, 30, 200);
    let rows: Vec<&DispersionTerm> = input.terms.iter().take(max_rows).collect();
    let max_pos = rows.iter().flat_map(|t| t.positions.iter().copied()).max();
    let total = if input.total_tokens > 0 {
        input.total_tokens
    } else {
        max_pos.map_or(0, |m| m.saturating_add(1))
    };
    let mut starts: Vec<(u64, String)> = input
        .transcripts
        .iter()
        .filter(|t| t.start < total.max(1))
        .map(|t| (t.start, clean(&t.label)))
        .collect();
    starts.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    starts.dedup_by_key(|s| s.0);
    let several = starts.len() > 1;
    let named = several && starts.len() <= MAX_NAMED;

    let mut subtitle = Vec::new();
    let given = clean(&input.subtitle);
    if !given.is_empty() {
        subtitle.push(given);
    }
    subtitle.push(if several {
        format!(
            "Each tick is one occurrence; {} transcripts laid end to end, {} tokens in all; faint lines mark where each starts.",
            fmt_count(starts.len() as u64),
            fmt_count(total)
        )
    } else {
        format!("Each tick is one occurrence, across {} tokens.", fmt_count(total))
    });
    let mut notes = Vec::new();
    if input.terms.len() > rows.len() {
        notes.push(format!(
            "Showing the first {} of {} terms.",
            fmt_count(rows.len() as u64),
            fmt_count(input.terms.len() as u64)
        ));
    }
    let outside: usize = rows
        .iter()
        .map(|t| t.positions.iter().filter(|p| **p >= total).count())
        .sum();
    if outside > 0 {
        notes.push(format!(
            "{} positions beyond the {} tokens left out.",
            fmt_count(outside as u64),
            fmt_count(total)
        ));
    }
    let frame = Frame::new(page, &title, &subtitle, vec![], &notes);

    let width = page.width_pt();
    let max_w = max_label_w(width);
    let labels: Vec<Vec<String>> = rows
        .iter()
        .map(|t| {
            let n = t.positions.iter().filter(|p| **p < total).count();
            let count = format!(" ({})", fmt_count(n as u64));
            row_label(&t.term, &count, max_w, LABEL)
        })
        .collect();
    let label_w = label_column(&labels, LABEL, max_w);
    let row_h = row_height(ROW, &labels);
    let left = MARGIN + label_w + 6.0;
    let probe = Scale::zero_based(total as f64, left, width - MARGIN);
    let probe = Scale {
        d1: (total as f64).max(1.0),
        ..probe
    };
    let right = width - MARGIN - right_overhang(&probe).max(5.0);
    let scale = Scale { r1: right, ..probe };
    let names_h = if named { NAMES_H } else { 0.0 };
    let (mut c, top, plot_h) = rows_canvas(&frame, rows.len(), row_h, names_h);

    // Row bands, then transcript boundaries, then ticks.
    let band = Rgb(0xF4, 0xF4, 0xF4);
    for i in (0..rows.len()).step_by(2) {
        c.rect(left, top + i as f64 * row_h, right - left, row_h, band, 1.0);
    }
    if several {
        let name_font = Font {
            color: MUTED,
            ..NOTE
        };
        for (k, (start, label)) in starts.iter().enumerate() {
            let x = scale.map(*start as f64);
            if *start > 0 {
                c.line(x, top - names_h, x, top + plot_h, BOUNDARY, 0.5);
            }
            if named {
                let end = starts.get(k + 1).map_or(right, |s| scale.map(s.0 as f64));
                let text = fit_to(label, (end - x - 3.0).max(0.0), name_font);
                c.text(x + 1.5, top - 3.0, &text, name_font, Anchor::Start);
            }
        }
    }
    if rows.is_empty() {
        no_data(&mut c, left, right, top + plot_h / 2.0, "no terms");
    }
    for (i, (term, label)) in rows.iter().zip(&labels).enumerate() {
        let centre = top + (i as f64 + 0.5) * row_h;
        draw_label(&mut c, left - 6.0, centre, label, LABEL, Anchor::End);
        let colour = match page.colour(&term.speaker) {
            super::layout::GREY => NEUTRAL,
            c => c,
        };
        // Ticks a quarter of a point apart: one per column a reader can see.
        let mut xs: Vec<i64> = term
            .positions
            .iter()
            .filter(|p| **p < total)
            .map(|p| (scale.map(*p as f64 + 0.5) * 4.0).round() as i64)
            .collect();
        xs.sort_unstable();
        xs.dedup();
        for x in xs {
            let x = x as f64 / 4.0;
            c.line(
                x,
                centre - TICK_H / 2.0,
                x,
                centre + TICK_H / 2.0,
                colour,
                0.4,
            );
        }
    }
    let axis = if several {
        "token position across the transcripts (tokens)"
    } else {
        "token position in the transcript (tokens)"
    };
    x_axis(&mut c, &scale, top + plot_h, axis);
    finish(&c, page, "dispersion", &title)
}
