//! Exchanges by outlet: for each questioning outlet, a pair of horizontal
//! bars, the words of its questions and the words of the answers it got,
//! with the counts and the answer-to-question ratio at the bar ends. Drawn
//! in greys: the speakers' colours stand for speakers only.

use super::canvas::{Anchor, clean};
use super::layout::rows_canvas;
use super::layout::{
    Frame, LABEL, Legend, MARGIN, NEUTRAL, NEUTRAL_LIGHT, Scale, Swatch, VALUE, baseline,
    draw_label, fmt_count, fmt_num, label_column, max_label_w, no_data, row_height, row_label,
    width_of, x_axis, x_grid,
};
use super::{Chart, Page, cap_or, finish, title_or};
use crate::Error;

/// Input for [`exchange_bars`].
#[derive(Debug, Clone, Default)]
pub struct ExchangeInput {
    /// Chart title; blank gives "Questions and answers by outlet".
    pub title: String,
    /// Context line under the title; may be blank.
    pub subtitle: String,
    /// One row per outlet, drawn top to bottom in this order.
    pub rows: Vec<ExchangeRow>,
    /// Most rows to draw (0 = 25, at most 200); the rest are left out with a note.
    pub max_rows: usize,
}

/// One outlet's question and answer words.
#[derive(Debug, Clone, Default)]
pub struct ExchangeRow {
    pub outlet: String,
    pub question_words: u64,
    pub answer_words: u64,
}

const ROW: f64 = 20.0;
const BAR: f64 = 8.0;

/// Grouped horizontal bars: question words vs answer words per outlet.
pub fn exchange_bars(input: &ExchangeInput, page: &Page) -> Result<Chart, Error> {
    super::canvas::ensure_fonts()?;
    let title = title_or(&input.title, "Questions and answers by outlet");
    let max_rows = cap_or(input.max_rows, 25, 200);
    let shown: Vec<&ExchangeRow> = input.rows.iter().take(max_rows).collect();

    let mut subtitle = Vec::new();
    let given = clean(&input.subtitle);
    if !given.is_empty() {
        subtitle.push(given);
    }
    subtitle.push(
        "Words each outlet spent asking, and words the answers to its questions ran to."
            .to_string(),
    );
    let legend = vec![
        Legend::new("question words", NEUTRAL_LIGHT, Swatch::Box),
        Legend::new(
            "answer words (× ratio to the question)",
            NEUTRAL,
            Swatch::Box,
        ),
    ];
    let mut notes = Vec::new();
    if input.rows.len() > shown.len() {
        notes.push(format!(
            "Showing the first {} of {} outlets.",
            fmt_count(shown.len() as u64),
            fmt_count(input.rows.len() as u64)
        ));
    }
    let frame = Frame::new(page, &title, &subtitle, legend, &notes);

    let answer_text = |r: &ExchangeRow| {
        if r.question_words == 0 {
            fmt_count(r.answer_words)
        } else {
            let ratio = r.answer_words as f64 / r.question_words as f64;
            format!("{} (×{})", fmt_count(r.answer_words), fmt_num(ratio, 1))
        }
    };
    let width = page.width_pt();
    let max_w = max_label_w(width);
    let labels: Vec<Vec<String>> = shown
        .iter()
        .map(|r| {
            let l = clean(&r.outlet);
            row_label(
                if l.is_empty() { "(no outlet)" } else { &l },
                "",
                max_w,
                LABEL,
            )
        })
        .collect();
    let label_w = label_column(&labels, LABEL, max_w);
    let row_h = row_height(ROW, &labels);
    let value_w = shown
        .iter()
        .map(|r| {
            width_of(&answer_text(r), VALUE).max(width_of(&fmt_count(r.question_words), VALUE))
        })
        .fold(0.0, f64::max);
    let left = MARGIN + label_w + 5.0;
    let right = width - MARGIN - value_w - 4.0;
    let (mut c, top, plot_h) = rows_canvas(&frame, shown.len(), row_h, 0.0);
    let max = shown
        .iter()
        .map(|r| r.question_words.max(r.answer_words))
        .max()
        .unwrap_or(0) as f64;
    let scale = Scale::zero_based(max, left, right);
    x_grid(&mut c, &scale, top, top + plot_h);
    if shown.is_empty() {
        no_data(&mut c, left, right, top + plot_h / 2.0, "no exchanges");
    }
    for (i, (row, label)) in shown.iter().zip(&labels).enumerate() {
        let centre = top + (i as f64 + 0.5) * row_h;
        draw_label(&mut c, left - 5.0, centre, label, LABEL, Anchor::End);
        let (qy, ay) = (centre - BAR - 0.75, centre + 0.75);
        let qx = scale.map_clamped(row.question_words as f64);
        let ax = scale.map_clamped(row.answer_words as f64);
        c.rect(left, qy, qx - left, BAR, NEUTRAL_LIGHT, 1.0);
        c.rect(left, ay, ax - left, BAR, NEUTRAL, 1.0);
        let q_label = fmt_count(row.question_words);
        c.text(
            qx + 3.0,
            baseline(qy + BAR / 2.0, VALUE),
            &q_label,
            VALUE,
            Anchor::Start,
        );
        c.text(
            ax + 3.0,
            baseline(ay + BAR / 2.0, VALUE),
            &answer_text(row),
            VALUE,
            Anchor::Start,
        );
    }
    x_axis(&mut c, &scale, top + plot_h, "words");
    finish(&c, page, "exchanges-by-outlet", &title)
}
