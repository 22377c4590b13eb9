//! The inks of every chart, at the bottom of `charts` (it imports no other
//! chart module): colours (Okabe–Ito for speakers, greys for the rest and
//! for text) and the cleaning that makes a label's text safe to lay out,
//! which both the drawing (`canvas`) and the speaker colours (`page`) use.

use plotters::style::RGBAColor;

/// An opaque sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub(crate) fn rgba(self, opacity: f64) -> RGBAColor {
        RGBAColor(self.0, self.1, self.2, opacity.clamp(0.0, 1.0))
    }
}

// Okabe & Ito (2008), "Color Universal Design": safe for the common forms of
// colour blindness. Ordered so that the first colours are the most distinct
// on white.
pub(crate) const BLUE: Rgb = Rgb(0x00, 0x72, 0xB2);
pub(crate) const ORANGE: Rgb = Rgb(0xE6, 0x9F, 0x00);
pub(crate) const GREEN: Rgb = Rgb(0x00, 0x9E, 0x73);
pub(crate) const VERMILLION: Rgb = Rgb(0xD5, 0x5E, 0x00);
pub(crate) const SKY: Rgb = Rgb(0x56, 0xB4, 0xE9);
pub(crate) const PURPLE: Rgb = Rgb(0xCC, 0x79, 0xA7);
/// The colours speakers get, most words first; Okabe–Ito's black and
/// yellow are left out (black reads as text, yellow is faint on white).
pub(crate) const SPEAKER_COLOURS: [Rgb; 6] = [BLUE, ORANGE, GREEN, VERMILLION, SKY, PURPLE];
/// "Others", pooled rows, unreliable values.
pub(crate) const GREY: Rgb = Rgb(0xA0, 0xA0, 0xA0);
/// Marks that stand for no speaker (roles, outlets' questions and answers).
pub(crate) const NEUTRAL: Rgb = Rgb(0x6E, 0x6E, 0x6E);
pub(crate) const NEUTRAL_LIGHT: Rgb = Rgb(0xC4, 0xC4, 0xC4);
/// Text colours.
pub(crate) const INK: Rgb = Rgb(0x22, 0x22, 0x22);
pub(crate) const MUTED: Rgb = Rgb(0x55, 0x55, 0x55);

/// A label made safe to lay out: control characters become spaces, runs of
/// white space collapse, and absurdly long input is cut before measuring.
pub(crate) fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(600));
    let mut space = false;
    for c in text.chars().take(500) {
        let c = if c.is_control() || c.is_whitespace() {
            ' '
        } else {
            c
        };
        if c == ' ' {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}
