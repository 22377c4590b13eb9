//! What every figure of one report shares: its printed width (a
//! [`Length`] such as `6.5in` or `17cm`), the resolution of its PNG, the
//! source line at its foot, and one colour per speaker. Charts are laid
//! out in points at the printed width, so that their text keeps its size
//! in points whatever the width; speakers get their colours here, once, so
//! that a speaker has the same colour in every chart of the report and
//! legends list speakers in the same order everywhere.

use super::ink::{GREY, Rgb, SPEAKER_COLOURS, clean};

/// Narrowest and widest printed width accepted, in points (2 in, 20 in).
const MIN_PT: f64 = 144.0;
const MAX_PT: f64 = 1440.0;
/// Resolutions accepted for the PNG.
pub const MIN_DPI: u32 = 72;
pub const MAX_DPI: u32 = 600;

/// A unit of printed length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    In,
    Cm,
    Mm,
    Pt,
}

impl Unit {
    fn points(self) -> f64 {
        match self {
            Unit::In => 72.0,
            Unit::Cm => 72.0 / 2.54,
            Unit::Mm => 72.0 / 25.4,
            Unit::Pt => 1.0,
        }
    }
    fn suffix(self) -> &'static str {
        match self {
            Unit::In => "in",
            Unit::Cm => "cm",
            Unit::Mm => "mm",
            Unit::Pt => "pt",
        }
    }
}

/// A printed length: a number and its unit, as written (`6.5in`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Length {
    pub value: f64,
    pub unit: Unit,
}

impl Length {
    /// Parses `6.5in`, `17cm`, `165mm` or `468pt` (spaces allowed before
    /// the unit); the length must lie between 2 and 20 inches.
    pub fn parse(text: &str) -> Result<Length, String> {
        let t = text.trim();
        let split = t
            .find(|c: char| c.is_ascii_alphabetic())
            .ok_or_else(|| format!("`{text}`: give a unit: in, cm, mm or pt (e.g. 6.5in)"))?;
        let (number, unit) = t.split_at(split);
        let unit = match unit.to_ascii_lowercase().as_str() {
            "in" => Unit::In,
            "cm" => Unit::Cm,
            "mm" => Unit::Mm,
            "pt" => Unit::Pt,
            other => {
                return Err(format!(
                    "`{text}`: unknown unit `{other}` (in, cm, mm or pt)"
                ));
            }
        };
        let value: f64 = number
            .trim()
            .parse()
            .map_err(|_| format!("`{text}`: `{}` is not a number", number.trim()))?;
        let length = Length { value, unit };
        let pt = length.points();
        if !(pt.is_finite() && (MIN_PT..=MAX_PT).contains(&pt)) {
            return Err(format!("`{text}`: a figure is 2 to 20 inches wide"));
        }
        Ok(length)
    }

    /// The length in points (1/72 in).
    pub fn points(&self) -> f64 {
        self.value * self.unit.points()
    }

    /// `pt` points written in this length's unit, for SVG (`4.2153in`).
    pub fn svg(&self, pt: f64) -> String {
        let v = pt / self.unit.points();
        let s = format!("{v:.4}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        format!("{s}{}", self.unit.suffix())
    }
}

impl Default for Length {
    fn default() -> Length {
        Length {
            value: 6.5,
            unit: Unit::In,
        }
    }
}

/// The settings every figure of a report shares.
#[derive(Debug, Clone)]
pub struct Page {
    width: Length,
    dpi: u32,
    source: String,
    speakers: Vec<(String, Rgb)>,
}

impl Default for Page {
    /// 6.5 in wide at 300 dpi, no source line, no speaker colours.
    fn default() -> Page {
        Page::new(Length::default(), 300, "", &[])
    }
}

impl Page {
    /// Figures `width` wide with PNGs at `dpi` (clamped to 72–600), the
    /// `source` line at their foot, and `speakers` in legend order (most
    /// words first): the first ones get the palette's colours, the rest grey.
    pub fn new(width: Length, dpi: u32, source: &str, speakers: &[String]) -> Page {
        let width = if (MIN_PT..=MAX_PT).contains(&width.points()) {
            width
        } else {
            Length::default()
        };
        let mut seen = std::collections::HashSet::new();
        let speakers = speakers
            .iter()
            .map(|s| clean(s))
            .filter(|s| seen.insert(s.clone()))
            .enumerate()
            .map(|(i, s)| (s, SPEAKER_COLOURS.get(i).copied().unwrap_or(GREY)))
            .collect();
        Page {
            width,
            dpi: dpi.clamp(MIN_DPI, MAX_DPI),
            source: clean(source),
            speakers,
        }
    }

    /// The printed width.
    pub fn width(&self) -> Length {
        self.width
    }

    /// The printed width in points: the width charts are laid out at.
    pub(crate) fn width_pt(&self) -> f64 {
        self.width.points()
    }

    /// Dots per inch of the PNG.
    pub fn dpi(&self) -> u32 {
        self.dpi
    }

    /// The source line drawn at the foot of every figure.
    pub(crate) fn source(&self) -> &str {
        &self.source
    }

    /// The colour of a speaker (grey when not among the coloured ones).
    pub(crate) fn colour(&self, speaker: &str) -> Rgb {
        let name = clean(speaker);
        self.speakers
            .iter()
            .find(|(s, _)| *s == name)
            .map_or(GREY, |(_, c)| *c)
    }

    /// Whether a speaker has a colour of its own.
    pub(crate) fn coloured(&self, speaker: &str) -> bool {
        self.colour(speaker) != GREY
    }

    /// Speakers with a colour of their own, in legend order.
    pub(crate) fn coloured_speakers(&self) -> impl Iterator<Item = &(String, Rgb)> {
        self.speakers.iter().filter(|(_, c)| *c != GREY)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_parse_in_every_unit() {
        let pt = |s: &str| Length::parse(s).map(|l| l.points());
        assert_eq!(pt("6.5in"), Ok(468.0));
        assert!((pt("17cm").unwrap() - 481.89).abs() < 0.01);
        assert!((pt("165mm").unwrap() - 467.72).abs() < 0.01);
        assert_eq!(pt("468pt"), Ok(468.0));
        assert_eq!(pt(" 6.5 IN "), Ok(468.0));
        assert!(Length::parse("6.5").is_err());
        assert!(Length::parse("6.5ft").is_err());
        assert!(Length::parse("1in").is_err());
        assert!(Length::parse("NaNin").is_err());
        let l = Length::parse("6.5in").unwrap();
        assert_eq!(l.svg(468.0), "6.5in");
        assert_eq!(l.svg(300.0), "4.1667in");
    }

    #[test]
    fn speakers_keep_their_colour_and_order() {
        let names: Vec<String> = (0..9).map(|i| format!("S{i}")).collect();
        let page = Page::new(Length::default(), 300, "", &names);
        assert_eq!(page.colour("S0"), SPEAKER_COLOURS[0]);
        assert_eq!(page.colour("S1"), SPEAKER_COLOURS[1]);
        assert_eq!(page.colour("S8"), GREY);
        assert_eq!(page.colour("nobody"), GREY);
        assert_eq!(page.coloured_speakers().count(), SPEAKER_COLOURS.len());
    }
}
