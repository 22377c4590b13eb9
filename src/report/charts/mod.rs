//! The report's charts, as pure functions from plain data to bytes. Each
//! chart function takes a plain input struct of strings and numbers (no
//! dependency on the transcript model) and the report's [`Page`] (printed
//! width, PNG resolution, source line, speaker colours), and returns a
//! [`Chart`]: ONE drawing, as a standalone SVG document with its printed
//! size and the PNG rasterised from that very SVG, both deterministic (same
//! input → byte-identical output) and legible without system fonts
//! (DejaVu Sans is embedded). Text from transcripts is cleaned, wrapped or
//! truncated with "…" to fit, and XML-escaped; NaN, infinite and negative
//! values are skipped or clamped, never a panic. Colours are Okabe–Ito: one
//! per speaker across a report, grey for "others".
//!
//! One file per chart kind; `canvas` draws and measures, `layout` holds the
//! palette, the page frame, scales and axes, `page` the shared settings.

mod boxplot;
mod canvas;
mod dispersion;
mod diversity;
mod exchange;
mod ink;
mod keyness;
mod layout;
mod page;
mod scatter;
mod share;
mod terms;
mod timeline;

#[cfg(test)]
mod marks_tests;
#[cfg(test)]
mod tests;

pub use boxplot::{BoxGroup, BoxPlotInput, box_plot};
pub use dispersion::{DispersionInput, DispersionTerm, DispersionTranscript, dispersion};
pub use diversity::{DiversityInput, DiversityRow, diversity_dots};
pub use exchange::{ExchangeInput, ExchangeRow, exchange_bars};
pub use keyness::{ALPHA, KeyTerm, KeynessInput, keyness_bars};
pub use layout::thousands;
pub use page::{Length, MAX_DPI, MIN_DPI, Page, Unit};
pub use scatter::{ScatterInput, ScatterPoint, comparison_scatter};
pub use share::{ShareRow, SpeakingShareInput, speaking_share};
pub use terms::{TermPanel, TermValue, TopTermsInput, top_terms};
pub use timeline::{TimelineInput, TimelineRow, TimelineTurn, turn_timeline};

use crate::Error;

/// One rendered chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// File stem, e.g. `speaking-share`; the caller adds `.svg` / `.png`.
    pub name: String,
    /// The chart's title as drawn (also the SVG `<title>`).
    pub title: String,
    /// A standalone SVG document (UTF-8) with its printed size, suitable
    /// for inlining in HTML.
    pub svg: String,
    /// That SVG as PNG bytes, 8-bit RGB, at the page's resolution (written
    /// in its pHYs chunk).
    pub png: Vec<u8>,
}

/// Turns a finished canvas into a [`Chart`]: drawn once to SVG, and the
/// PNG rasterised from it.
fn finish(canvas: &canvas::Canvas, page: &Page, name: &str, title: &str) -> Result<Chart, Error> {
    let svg = canvas.to_svg(page, title, name)?;
    let png = canvas::rasterise(&svg, page, canvas.height(), name)?;
    Ok(Chart {
        name: name.to_string(),
        title: title.to_string(),
        svg,
        png,
    })
}

/// The caller's title, cleaned, or `default` when it is blank.
fn title_or(title: &str, default: &str) -> String {
    let t = canvas::clean(title);
    if t.is_empty() { default.to_string() } else { t }
}

/// `n`, or `default` when `n` is 0, never more than `hard` (which keeps
/// the canvas within a sane height whatever the caller asks).
fn cap_or(n: usize, default: usize, hard: usize) -> usize {
    if n == 0 { default } else { n.min(hard) }
}

/// A file stem from `name`: lower-case ASCII letters, digits and single
/// hyphens; `default` when nothing is left.
fn stem(name: &str, default: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out.truncate(80);
    if out.is_empty() {
        default.to_string()
    } else {
        out
    }
}
