//! Turn timeline: one row per transcript, its turns laid end to end along x
//! by word position and coloured by speaker (the eight speakers with most
//! words overall get palette colours, everyone else grey), with a legend.
//! One transcript: x is the word position; several: x is the position as a
//! percentage of each transcript's words, so rows of different lengths line
//! up. Rows are capped (`max_rows`, default 40) with a note.

use std::collections::BTreeMap;

use super::canvas::{Anchor, clean};
use super::layout::rows_canvas;
use super::layout::{
    Frame, GREY, GRID, LABEL, Legend, MARGIN, MAX_LABEL_W, PALETTE, Scale, Swatch, WIDTH, baseline,
    fit_to, fmt_count, label_column, no_data, right_overhang, width_of, x_axis,
};
use super::{Chart, cap_or, finish, title_or};
use crate::Error;

/// Input for [`turn_timeline`].
#[derive(Debug, Clone, Default)]
pub struct TimelineInput {
    /// Chart title; blank gives "Who spoke when".
    pub title: String,
    /// Context line under the title; may be blank.
    pub subtitle: String,
    /// One row per transcript, in the order to draw them (e.g. by date).
    pub transcripts: Vec<TimelineRow>,
    /// Most rows to draw (0 = 40, at most 300); the rest are left out with a note.
    pub max_rows: usize,
}

/// One transcript's turns, in order.
#[derive(Debug, Clone, Default)]
pub struct TimelineRow {
    /// Transcript label (title, date or file name).
    pub label: String,
    pub turns: Vec<TimelineTurn>,
}

/// One turn: who spoke and how many words.
#[derive(Debug, Clone, Default)]
pub struct TimelineTurn {
    pub speaker: String,
    pub words: u64,
}

const COLOURED: usize = 8;
const WHITE: super::canvas::Rgb = super::canvas::Rgb(0xFF, 0xFF, 0xFF);

/// A timeline of turns coloured by speaker, one row per transcript.
pub fn turn_timeline(input: &TimelineInput) -> Result<Chart, Error> {
    super::canvas::ensure_fonts()?;
    let title = title_or(&input.title, "Who spoke when");
    let max_rows = cap_or(input.max_rows, 40, 300);

    // Speakers by words over every transcript given, for stable colours.
    let mut totals: BTreeMap<String, u64> = BTreeMap::new();
    for row in &input.transcripts {
        for t in &row.turns {
            let e = totals.entry(clean(&t.speaker)).or_default();
            *e = e.saturating_add(t.words);
        }
    }
    let mut ranked: Vec<(&String, &u64)> = totals.iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    let colour_of: BTreeMap<&str, usize> = ranked
        .iter()
        .take(COLOURED)
        .enumerate()
        .map(|(i, (name, _))| (name.as_str(), i))
        .collect();
    let others = ranked.len().saturating_sub(COLOURED);

    let shown: Vec<&TimelineRow> = input.transcripts.iter().take(max_rows).collect();
    let absolute = shown.len() == 1;
    let row_total = |r: &TimelineRow| {
        r.turns
            .iter()
            .map(|t| t.words)
            .fold(0u64, u64::saturating_add)
    };

    let mut legend: Vec<Legend> = ranked
        .iter()
        .take(COLOURED)
        .enumerate()
        .map(|(i, (name, _))| Legend::new(name, PALETTE[i], Swatch::Box))
        .collect();
    if others > 0 {
        legend.push(Legend::new(
            &format!(
                "{} other speaker{}",
                fmt_count(others as u64),
                if others == 1 { "" } else { "s" }
            ),
            GREY,
            Swatch::Box,
        ));
    }
    let mut subtitle = Vec::new();
    let given = clean(&input.subtitle);
    if !given.is_empty() {
        subtitle.push(given);
    }
    subtitle.push(if absolute {
        "Each turn is a segment as long as its words, in speaking order.".to_string()
    } else {
        "One row per transcript; each turn is a segment as long as its share of the transcript's words, in speaking order.".to_string()
    });
    let mut notes = Vec::new();
    if input.transcripts.len() > shown.len() {
        notes.push(format!(
            "Showing the first {} of {} transcripts.",
            fmt_count(shown.len() as u64),
            fmt_count(input.transcripts.len() as u64)
        ));
    }
    let frame = Frame::new(&title, &subtitle, legend, &notes);

    let (row_h, bar_h) = if shown.len() <= 15 {
        (26.0, 18.0)
    } else {
        (19.0, 13.0)
    };
    let labels: Vec<String> = shown
        .iter()
        .map(|r| {
            let count = format!(" ({} words)", fmt_count(row_total(r)));
            let name = clean(&r.label);
            let name = if name.is_empty() {
                "(untitled)".to_string()
            } else {
                name
            };
            let room = MAX_LABEL_W - width_of(&count, LABEL);
            format!("{}{count}", fit_to(&name, room, LABEL))
        })
        .collect();
    let label_w = label_column(&labels, LABEL, MAX_LABEL_W);
    let left = MARGIN + label_w + 10.0;
    let max_total = shown.iter().map(|r| row_total(r)).max().unwrap_or(0);
    let probe = if absolute {
        Scale::zero_based(max_total as f64, left, WIDTH - MARGIN)
    } else {
        Scale {
            d0: 0.0,
            d1: 100.0,
            r0: left,
            r1: WIDTH - MARGIN,
            kind: super::layout::Kind::Linear,
        }
    };
    let right = WIDTH - MARGIN - right_overhang(&probe);
    let scale = Scale { r1: right, ..probe };
    let (mut c, top, plot_h) = rows_canvas(&frame, shown.len(), row_h, 0.0);
    super::layout::x_grid(&mut c, &scale, top, top + plot_h);
    if shown.is_empty() {
        no_data(&mut c, left, right, top + plot_h / 2.0, "no transcripts");
    }
    for (i, (row, label)) in shown.iter().zip(&labels).enumerate() {
        let centre = top + (i as f64 + 0.5) * row_h;
        c.text(
            left - 10.0,
            baseline(centre, LABEL),
            label,
            LABEL,
            Anchor::End,
        );
        let total = row_total(row);
        // A faint track shows the row's extent even where turns are tiny.
        let end = if absolute {
            scale.map(total as f64)
        } else {
            right
        };
        c.rect(left, centre - bar_h / 2.0, end - left, bar_h, GRID, 1.0);
        if total == 0 {
            continue;
        }
        let mut at = 0u64;
        let mut prev: Option<super::canvas::Rgb> = None;
        for turn in &row.turns {
            if turn.words == 0 {
                continue;
            }
            let pos = |w: u64| {
                if absolute {
                    scale.map(w as f64)
                } else {
                    scale.map(w as f64 / total as f64 * 100.0)
                }
            };
            let x0 = pos(at);
            at = at.saturating_add(turn.words);
            let x1 = pos(at);
            let colour = colour_of
                .get(clean(&turn.speaker).as_str())
                .map_or(GREY, |&k| PALETTE[k]);
            c.rect(x0, centre - bar_h / 2.0, x1 - x0, bar_h, colour, 1.0);
            // Consecutive turns in one colour (different "other" speakers)
            // get a hairline between them.
            if prev == Some(colour) && x1 - x0 >= 2.0 {
                c.line(
                    x0,
                    centre - bar_h / 2.0,
                    x0,
                    centre + bar_h / 2.0,
                    WHITE,
                    1.0,
                );
            }
            prev = Some(colour);
        }
    }
    let axis = if absolute {
        "word position from the start (words)"
    } else {
        "position in the transcript (% of its words)"
    };
    x_axis(&mut c, &scale, top + plot_h, axis);
    finish(&c, "turn-timeline", &title)
}
