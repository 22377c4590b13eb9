//! Speaking share: one horizontal bar per speaker, the percentage of all
//! words they spoke, largest first, with the pooled "others" row last in
//! grey; each speaker's bar in the speaker's colour. Cuts to the top
//! `max_rows` speakers itself when given more, and says so in the subtitle.

use super::canvas::{Anchor, clean};
use super::layout::rows_canvas;
use super::layout::{
    Frame, GREY, LABEL, MARGIN, Scale, VALUE, baseline, draw_label, fmt_count, fmt_num,
    label_column, max_label_w, no_data, row_height, row_label, width_of, x_axis, x_grid,
};
use super::{Chart, Page, cap_or, finish, title_or};
use crate::Error;

/// Input for [`speaking_share`].
#[derive(Debug, Clone, Default)]
pub struct SpeakingShareInput {
    /// Chart title; blank gives "Speaking share".
    pub title: String,
    /// Context line under the title (corpus, dates); may be blank.
    pub subtitle: String,
    /// One row per speaker, plus optionally rows that pool several speakers.
    pub rows: Vec<ShareRow>,
    /// Most speaker rows to draw (0 = 20, at most 300); the rest are pooled into "others".
    pub max_rows: usize,
}

/// One speaker, or a pooled "others" row.
#[derive(Debug, Clone, Default)]
pub struct ShareRow {
    /// Speaker name as shown.
    pub label: String,
    /// Words spoken.
    pub words: u64,
    /// 0 for a single speaker; for an "others" row, how many speakers it pools.
    pub pooled: usize,
}

const ROW: f64 = 13.0;
const BAR: f64 = 8.5;

/// Horizontal bars of each speaker's share of all words (percent), sorted.
pub fn speaking_share(input: &SpeakingShareInput, page: &Page) -> Result<Chart, Error> {
    super::canvas::ensure_fonts()?;
    let title = title_or(&input.title, "Speaking share");
    let max_rows = cap_or(input.max_rows, 20, 300);

    let mut speakers: Vec<(String, u64)> = input
        .rows
        .iter()
        .filter(|r| r.pooled == 0)
        .map(|r| (clean(&r.label), r.words))
        .collect();
    speakers.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let pooled_rows: Vec<&ShareRow> = input.rows.iter().filter(|r| r.pooled > 0).collect();
    let mut others_words: u64 = pooled_rows
        .iter()
        .map(|r| r.words)
        .fold(0, u64::saturating_add);
    let mut others_n: usize = pooled_rows
        .iter()
        .map(|r| r.pooled)
        .fold(0, usize::saturating_add);
    let cut = speakers.len() > max_rows;
    if cut {
        for (_, w) in speakers.drain(max_rows..) {
            others_words = others_words.saturating_add(w);
            others_n = others_n.saturating_add(1);
        }
    }
    let total_speakers = speakers.len().saturating_add(others_n);
    let total: u64 = speakers
        .iter()
        .map(|s| s.1)
        .fold(others_words, u64::saturating_add);

    let mut rows: Vec<(String, u64, bool)> =
        speakers.into_iter().map(|(l, w)| (l, w, false)).collect();
    if others_n > 0 {
        let label = match pooled_rows.as_slice() {
            [only] if !cut && !clean(&only.label).is_empty() => clean(&only.label),
            _ => format!(
                "others ({} speaker{})",
                fmt_count(others_n as u64),
                if others_n == 1 { "" } else { "s" }
            ),
        };
        rows.push((label, others_words, true));
    }

    let share = |w: u64| {
        if total == 0 {
            0.0
        } else {
            w as f64 / total as f64 * 100.0
        }
    };
    let value_text = |w: u64| format!("{} % · {} words", fmt_num(share(w), 1), fmt_count(w));

    let mut subtitle = vec![];
    let mut context = format!("Share of all {} words", fmt_count(total));
    if others_n > 0 {
        let shown = rows.len() - 1;
        context.push_str(&format!(
            "; top {} of {} speakers; {} other{} pooled",
            fmt_count(shown as u64),
            fmt_count(total_speakers as u64),
            fmt_count(others_n as u64),
            if others_n == 1 { "" } else { "s" }
        ));
    }
    context.push('.');
    let given = clean(&input.subtitle);
    if !given.is_empty() {
        subtitle.push(given);
    }
    subtitle.push(context);
    let frame = Frame::new(page, &title, &subtitle, vec![], &[]);

    let width = page.width_pt();
    let max_w = max_label_w(width);
    let labels: Vec<Vec<String>> = rows
        .iter()
        .map(|r| row_label(&r.0, "", max_w, LABEL))
        .collect();
    let label_w = label_column(&labels, LABEL, max_w);
    let row = row_height(ROW, &labels);
    let value_w = rows
        .iter()
        .map(|r| width_of(&value_text(r.1), VALUE))
        .fold(0.0, f64::max);
    let left = MARGIN + label_w + 5.0;
    let right = width - MARGIN - value_w - 4.0;
    let (mut c, top, plot_h) = rows_canvas(&frame, rows.len(), row, 0.0);

    let max = rows.iter().map(|r| share(r.1)).fold(0.0, f64::max);
    let scale = Scale::zero_based(max, left, right);
    x_grid(&mut c, &scale, top, top + plot_h);
    if rows.is_empty() {
        no_data(&mut c, left, right, top + plot_h / 2.0, "no speakers");
    }
    for (i, ((name, words, other), label)) in rows.iter().zip(&labels).enumerate() {
        let centre = top + (i as f64 + 0.5) * row;
        draw_label(&mut c, left - 5.0, centre, label, LABEL, Anchor::End);
        let x1 = scale.map_clamped(share(*words));
        let colour = if *other { GREY } else { page.colour(name) };
        c.rect(left, centre - BAR / 2.0, x1 - left, BAR, colour, 1.0);
        c.text(
            x1 + 3.0,
            baseline(centre, VALUE),
            &value_text(*words),
            VALUE,
            Anchor::Start,
        );
    }
    x_axis(&mut c, &scale, top + plot_h, "share of all words (%)");
    finish(&c, page, "speaking-share", &title)
}
