//! Turn timeline: one row per transcript, its turns laid end to end along x
//! by word position and coloured by speaker (each speaker in the page's
//! colour for them, everyone else grey), with a legend in the page's order.
//! One transcript: x is the word position; several: x is the position as a
//! percentage of each transcript's words, so rows of different lengths line
//! up. Rows are capped (`max_rows`, default 40) with a note. A row of more
//! than [`MAX_TURNS`] turns is drawn as that many bins of equal words,
//! each in the colour with most words in it (a note says so), so that the
//! chart's size does not grow with the turns: at most 40 × 200 segments.

use std::collections::BTreeSet;

use super::canvas::{Anchor, Rgb, clean};
use super::layout::rows_canvas;
use super::layout::{
    Frame, GREY, GRID, LABEL, Legend, MARGIN, Scale, Swatch, draw_label, fmt_count, label_column,
    max_label_w, no_data, right_overhang, row_label, x_axis,
};
use super::{Chart, Page, cap_or, finish, title_or};
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

/// Colour classes: an index into the page's coloured speakers, or this
/// many for grey.
const COLOURED: usize = super::layout::SPEAKER_COLOURS.len();

/// Turns a row may have before it is drawn in bins; also the number of bins.
pub const MAX_TURNS: usize = 200;
const WHITE: Rgb = Rgb(0xFF, 0xFF, 0xFF);

/// A timeline of turns coloured by speaker, one row per transcript.
pub fn turn_timeline(input: &TimelineInput, page: &Page) -> Result<Chart, Error> {
    super::canvas::ensure_fonts()?;
    let title = title_or(&input.title, "Who spoke when");
    let max_rows = cap_or(input.max_rows, 40, 300);

    // The page's coloured speakers who speak here, in the page's order.
    let present: BTreeSet<String> = input
        .transcripts
        .iter()
        .flat_map(|r| r.turns.iter().map(|t| clean(&t.speaker)))
        .collect();
    let coloured: Vec<(String, Rgb)> = page
        .coloured_speakers()
        .filter(|(s, _)| present.contains(s))
        .cloned()
        .collect();
    let others = present.iter().filter(|s| !page.coloured(s)).count();

    let shown: Vec<&TimelineRow> = input.transcripts.iter().take(max_rows).collect();
    let absolute = shown.len() == 1;
    let row_total = |r: &TimelineRow| {
        r.turns
            .iter()
            .map(|t| t.words)
            .fold(0u64, u64::saturating_add)
    };

    let mut legend: Vec<Legend> = coloured
        .iter()
        .map(|(name, colour)| Legend::new(name, *colour, Swatch::Box))
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
    let binned = |r: &TimelineRow| r.turns.iter().filter(|t| t.words > 0).count() > MAX_TURNS;
    if shown.iter().any(|r| binned(r)) {
        notes.push(format!(
            "Rows of more than {MAX_TURNS} turns are drawn as {MAX_TURNS} bins of equal words, each in the colour of the speakers with most words in it."
        ));
    }
    if input.transcripts.len() > shown.len() {
        notes.push(format!(
            "Showing the first {} of {} transcripts.",
            fmt_count(shown.len() as u64),
            fmt_count(input.transcripts.len() as u64)
        ));
    }
    let frame = Frame::new(page, &title, &subtitle, legend, &notes);

    let width = page.width_pt();
    let max_w = max_label_w(width);
    let labels: Vec<Vec<String>> = shown
        .iter()
        .map(|r| {
            // Many rows: no word counts, so that names fit on two lines.
            let count = if shown.len() > 15 {
                String::new()
            } else {
                format!(" ({} words)", fmt_count(row_total(r)))
            };
            let name = clean(&r.label);
            let name = if name.is_empty() {
                "(untitled)".to_string()
            } else {
                name
            };
            row_label(&name, &count, max_w, LABEL)
        })
        .collect();
    let (row_h, bar_h) = if shown.len() <= 15 {
        (super::layout::row_height(13.0, &labels), 9.0)
    } else {
        (super::layout::row_height(10.0, &labels), 7.0)
    };
    let label_w = label_column(&labels, LABEL, max_w);
    let left = MARGIN + label_w + 5.0;
    let max_total = shown.iter().map(|r| row_total(r)).max().unwrap_or(0);
    let probe = if absolute {
        Scale::zero_based(max_total as f64, left, width - MARGIN)
    } else {
        Scale {
            d0: 0.0,
            d1: 100.0,
            r0: left,
            r1: width - MARGIN,
            kind: super::layout::Kind::Linear,
        }
    };
    let right = width - MARGIN - right_overhang(&probe);
    let scale = Scale { r1: right, ..probe };
    let (mut c, top, plot_h) = rows_canvas(&frame, shown.len(), row_h, 0.0);
    super::layout::x_grid(&mut c, &scale, top, top + plot_h);
    if shown.is_empty() {
        no_data(&mut c, left, right, top + plot_h / 2.0, "no transcripts");
    }
    for (i, (row, label)) in shown.iter().zip(&labels).enumerate() {
        let centre = top + (i as f64 + 0.5) * row_h;
        draw_label(&mut c, left - 5.0, centre, label, LABEL, Anchor::End);
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
        let pos = |w: u64| {
            if absolute {
                scale.map(w as f64)
            } else {
                scale.map(w as f64 / total as f64 * 100.0)
            }
        };
        let colour_of_turn = |t: &TimelineTurn| {
            let name = clean(&t.speaker);
            coloured
                .iter()
                .position(|(s, _)| *s == name)
                .map_or(COLOURED, |k| k.min(COLOURED))
        };
        let paint = |k: usize| coloured.get(k).map_or(GREY, |(_, c)| *c);
        if binned(row) {
            // Runs of bins of one colour, one segment each.
            let bins = bin_colours(&row.turns, total, MAX_TURNS, colour_of_turn);
            let mut i = 0;
            while i < bins.len() {
                let (start, k) = bins[i];
                let mut j = i + 1;
                while j < bins.len() && bins[j].1 == k {
                    j += 1;
                }
                let end = bins.get(j).map_or(total, |b| b.0);
                let (x0, x1) = (pos(start), pos(end));
                c.rect(x0, centre - bar_h / 2.0, x1 - x0, bar_h, paint(k), 1.0);
                i = j;
            }
            continue;
        }
        let mut at = 0u64;
        let mut prev: Option<Rgb> = None;
        for turn in &row.turns {
            if turn.words == 0 {
                continue;
            }
            let x0 = pos(at);
            at = at.saturating_add(turn.words);
            let x1 = pos(at);
            let colour = paint(colour_of_turn(turn));
            c.rect(x0, centre - bar_h / 2.0, x1 - x0, bar_h, colour, 1.0);
            // Consecutive turns in one colour (different "other" speakers)
            // get a hairline between them.
            if prev == Some(colour) && x1 - x0 >= 1.0 {
                c.line(
                    x0,
                    centre - bar_h / 2.0,
                    x0,
                    centre + bar_h / 2.0,
                    WHITE,
                    0.3,
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
    finish(&c, page, "turn-timeline", &title)
}

/// The row's words cut into `bins` bins of equal words (bin `b` holds the
/// words from `total * b / bins` up to the next bin's start), each with
/// the colour class (`colour`: a palette index, or [`COLOURED`] for grey)
/// that has most words in it, ties to the lower class: `(first word,
/// class)` of each bin that holds a word, in order. Linear in the turns
/// and bins.
fn bin_colours(
    turns: &[TimelineTurn],
    total: u64,
    bins: usize,
    colour: impl Fn(&TimelineTurn) -> usize,
) -> Vec<(u64, usize)> {
    let edge = |b: usize| (u128::from(total) * b as u128 / bins.max(1) as u128) as u64;
    let mut words = vec![[0u64; COLOURED + 1]; bins];
    let (mut at, mut b) = (0u64, 0usize);
    for t in turns {
        let end = at.saturating_add(t.words);
        let k = colour(t).min(COLOURED);
        while at < end && b < bins {
            let bin_end = edge(b + 1);
            if at >= bin_end {
                b += 1;
                continue;
            }
            let upto = end.min(bin_end);
            words[b][k] += upto - at;
            at = upto;
        }
        at = end;
    }
    (0..bins)
        .filter(|&b| edge(b) < edge(b + 1))
        .map(|b| {
            let best = (0..=COLOURED)
                .max_by(|&x, &y| words[b][x].cmp(&words[b][y]).then(y.cmp(&x)))
                .unwrap_or(COLOURED);
            (edge(b), best)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn turn(speaker: &str, words: u64) -> TimelineTurn {
        TimelineTurn {
            speaker: speaker.into(),
            words,
        }
    }

    #[test]
    fn bins_take_the_colour_with_most_words() {
        let class = |t: &TimelineTurn| if t.speaker == "A" { 0 } else { 1 };
        // 10 words in 4 bins ([0,2) [2,5) [5,7) [7,10)): bin 0 holds A 1,
        // B 1 (a tie: A); bin 1 B 2, A 1; bin 2 A 1, B 1 (A); bin 3 A 3.
        let turns = [
            turn("A", 1),
            turn("B", 3),
            turn("A", 2),
            turn("B", 1),
            turn("A", 3),
        ];
        assert_eq!(
            bin_colours(&turns, 10, 4, class),
            [(0, 0), (2, 1), (5, 0), (7, 0)]
        );
        // A tie goes to the lower class: bin 0 holds one word of each.
        assert_eq!(bin_colours(&turns[..2], 4, 2, class), [(0, 0), (2, 1)]);
        // More bins than words: only the bins that hold a word.
        assert_eq!(
            bin_colours(&turns[..2], 4, 8, class),
            [(0, 0), (1, 1), (2, 1), (3, 1)]
        );
    }
}
