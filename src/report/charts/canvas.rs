//! The drawing surface every chart shares: a flat list of shapes (rectangles,
//! lines, circles, text) in points, drawn ONCE, through plotters' SVG
//! backend (which XML-escapes all text), into an SVG document with its
//! printed size; the PNG is that SVG rasterised by resvg with only the
//! embedded DejaVu Sans faces in its font database, so it never depends on
//! the system's fonts and cannot drift from the SVG. Also owns the fonts,
//! text measurement, label cleaning, truncation with "…" and word wrapping,
//! so that layout code measures text with the glyph metrics it is drawn
//! with.

use std::fmt::Write as _;
use std::sync::{Arc, OnceLock};

use ab_glyph::{Font as _, FontRef, GlyphId, PxScale, ScaleFont};
use plotters::backend::{DrawingBackend, SVGBackend};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{
    FontDesc, FontFamily, FontStyle, FontTransform, RGBAColor, RGBColor, ShapeStyle, TextStyle,
};
use resvg::{tiny_skia, usvg, usvg::fontdb};

pub(crate) use super::ink::{Rgb, clean};
use super::page::Page;
use crate::Error;

/// DejaVu Sans, embedded so charts render without system fonts.
const REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
/// DejaVu Sans Bold, for titles.
const BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");
/// The font-family written into SVG: the embedded face first, then faces of
/// similar width, so browsers without DejaVu fall back sensibly.
pub(crate) const SVG_FONT_FAMILY: &str = "DejaVu Sans, Verdana, Geneva, sans-serif";

/// The parsed embedded faces.
struct Faces {
    regular: FontRef<'static>,
    bold: FontRef<'static>,
}

fn faces() -> Result<&'static Faces, String> {
    static FACES: OnceLock<Result<Faces, String>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            let parse = |bytes: &'static [u8], name: &str| {
                FontRef::try_from_slice(bytes).map_err(|e| format!("embedded {name}: {e}"))
            };
            Ok(Faces {
                regular: parse(REGULAR, "DejaVu Sans")?,
                bold: parse(BOLD, "DejaVu Sans Bold")?,
            })
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// Parses the embedded fonts, once per process; fails only if they are corrupt.
pub(crate) fn ensure_fonts() -> Result<(), Error> {
    faces().map(|_| ()).map_err(|message| Error::Render {
        what: "chart fonts".to_string(),
        message,
    })
}

/// ab_glyph scales a face so that ascent − descent spans the given size;
/// this is the scale at which one em is `em`.
fn px_scale(font: &FontRef<'static>, em: f64) -> PxScale {
    let upem = font.units_per_em().unwrap_or(2048.0);
    PxScale::from((em as f32) * font.height_unscaled() / upem)
}

/// The advance width of `text` (kerned) set at `em`.
fn advance(font: &FontRef<'static>, em: f64, text: &str) -> f32 {
    let scaled = font.as_scaled(px_scale(font, em));
    let mut x = 0f32;
    let mut prev: Option<GlyphId> = None;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(p) = prev {
            x += scaled.kern(p, id);
        }
        x += scaled.h_advance(id);
        prev = Some(id);
    }
    x
}

/// Width of `text` set at `em` (in the unit of `em`; the advance width,
/// which is what SVG `text-anchor` uses too).
pub(crate) fn text_width(text: &str, em: f64, bold: bool) -> f64 {
    if text.is_empty() {
        return 0.0;
    }
    match faces() {
        Ok(f) => f64::from(advance(if bold { &f.bold } else { &f.regular }, em, text)),
        Err(_) => text.chars().count() as f64 * em * 0.62,
    }
}

/// `text` cut at a character boundary and ended with "…" so that it fits in
/// `max` (points); unchanged when it already fits.
pub(crate) fn fit(text: &str, max: f64, em: f64, bold: bool) -> String {
    if text_width(text, em, bold) <= max {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let (mut lo, mut hi) = (0usize, chars.len());
    // Largest prefix length whose "prefix…" fits.
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let candidate: String = chars[..mid].iter().collect();
        if text_width(&format!("{}…", candidate.trim_end()), em, bold) <= max {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    if lo == 0 {
        return if text_width("…", em, bold) <= max {
            "…".to_string()
        } else {
            String::new()
        };
    }
    let prefix: String = chars[..lo].iter().collect();
    format!("{}…", prefix.trim_end())
}

/// Greedy word wrap into lines of at most `max` points, breaking at spaces
/// and after hyphens (`press-` / `briefing`); a piece longer than a line is
/// truncated with "…". At most `max_lines` lines; the last one ends with
/// "…" when text was left over.
pub(crate) fn wrap(text: &str, max: f64, em: f64, bold: bool, max_lines: usize) -> Vec<String> {
    // Pieces with whether a space goes before them.
    let mut pieces: Vec<(String, bool)> = Vec::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let mut first = true;
        for piece in word.split_inclusive('-') {
            pieces.push((piece.to_string(), first));
            first = false;
        }
    }
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut overflow = false;
    for (piece, spaced) in pieces {
        let candidate = if current.is_empty() {
            piece.clone()
        } else if spaced {
            format!("{current} {piece}")
        } else {
            format!("{current}{piece}")
        };
        if text_width(&candidate, em, bold) <= max {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if lines.len() >= max_lines {
            overflow = true;
            break;
        }
        current = fit(&piece, max, em, bold);
    }
    if !current.is_empty() {
        if lines.len() >= max_lines {
            overflow = true;
        } else {
            lines.push(current);
        }
    }
    if overflow && let Some(last) = lines.last_mut() {
        let gap = if last.ends_with('-') { "" } else { " " };
        *last = fit(&format!("{last}{gap}…"), max, em, bold);
        if !last.ends_with('…') {
            last.push('…');
        }
    }
    lines
}

/// Horizontal anchoring of a text item at its x coordinate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

/// How text is set.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Font {
    pub em: f64,
    pub bold: bool,
    pub color: Rgb,
}

#[derive(Debug, Clone)]
enum Item {
    Rect {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        fill: Rgb,
        opacity: f64,
    },
    Line {
        x1: f64,
        y1: f64,
        x2: f64,
        y2: f64,
        color: Rgb,
        width: f64,
        dashed: bool,
    },
    Circle {
        cx: f64,
        cy: f64,
        r: f64,
        fill: Option<Rgb>,
        stroke: Rgb,
        opacity: f64,
    },
    Text {
        x: f64,
        y: f64,
        text: String,
        font: Font,
        anchor: Anchor,
        vertical: bool,
    },
}

/// A chart's shapes, in drawing order, on a white canvas.
#[derive(Debug, Clone)]
pub(crate) struct Canvas {
    width: f64,
    height: f64,
    items: Vec<Item>,
}

fn finite(v: f64) -> bool {
    v.is_finite()
}

impl Canvas {
    /// A white canvas `width` × `height` points; sides are rounded to a
    /// tenth of a point and kept in 1..=4000.
    pub(crate) fn new(width: f64, height: f64) -> Canvas {
        let side = |v: f64| {
            if v.is_finite() {
                ((v * UNITS).round() / UNITS).clamp(1.0, MAX_SIDE)
            } else {
                1.0
            }
        };
        Canvas {
            width: side(width),
            height: side(height),
            items: Vec::new(),
        }
    }

    pub(crate) fn width(&self) -> f64 {
        self.width
    }

    pub(crate) fn height(&self) -> f64 {
        self.height
    }

    /// A filled rectangle; negative sizes are normalised, non-finite ones skipped.
    pub(crate) fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: Rgb, opacity: f64) {
        if !(finite(x) && finite(y) && finite(w) && finite(h)) {
            return;
        }
        let (x, w) = if w < 0.0 { (x + w, -w) } else { (x, w) };
        let (y, h) = if h < 0.0 { (y + h, -h) } else { (y, h) };
        if w == 0.0 || h == 0.0 {
            return;
        }
        self.items.push(Item::Rect {
            x,
            y,
            w,
            h,
            fill,
            opacity,
        });
    }

    /// The outline of a rectangle, `width` points wide.
    pub(crate) fn outline(&mut self, x: f64, y: f64, w: f64, h: f64, color: Rgb, width: f64) {
        self.line(x, y, x + w, y, color, width);
        self.line(x, y + h, x + w, y + h, color, width);
        self.line(x, y, x, y + h, color, width);
        self.line(x + w, y, x + w, y + h, color, width);
    }

    /// A straight line of `width` points.
    pub(crate) fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, color: Rgb, width: f64) {
        self.push_line(x1, y1, x2, y2, color, width, false);
    }

    /// A dashed straight line of `width` points.
    pub(crate) fn dashed(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, color: Rgb, width: f64) {
        self.push_line(x1, y1, x2, y2, color, width, true);
    }

    #[allow(clippy::too_many_arguments)]
    fn push_line(
        &mut self,
        x1: f64,
        y1: f64,
        x2: f64,
        y2: f64,
        color: Rgb,
        width: f64,
        dashed: bool,
    ) {
        if [x1, y1, x2, y2, width].iter().all(|v| v.is_finite()) {
            self.items.push(Item::Line {
                x1,
                y1,
                x2,
                y2,
                color,
                width: width.max(0.5),
                dashed,
            });
        }
    }

    /// A circle, filled (`fill` = Some) or hollow, outlined in `stroke`.
    pub(crate) fn circle(
        &mut self,
        cx: f64,
        cy: f64,
        r: f64,
        fill: Option<Rgb>,
        stroke: Rgb,
        opacity: f64,
    ) {
        if [cx, cy, r].iter().all(|v| v.is_finite()) && r > 0.0 {
            self.items.push(Item::Circle {
                cx,
                cy,
                r,
                fill,
                stroke,
                opacity,
            });
        }
    }

    /// Text with its baseline at `y`, anchored at `x`.
    pub(crate) fn text(&mut self, x: f64, y: f64, text: &str, font: Font, anchor: Anchor) {
        self.push_text(x, y, text, font, anchor, false);
    }

    /// Text read bottom to top, its baseline on the vertical line at `x`,
    /// anchored at `y` (Start = bottom end).
    pub(crate) fn vertical_text(&mut self, x: f64, y: f64, text: &str, font: Font, anchor: Anchor) {
        self.push_text(x, y, text, font, anchor, true);
    }

    fn push_text(
        &mut self,
        x: f64,
        y: f64,
        text: &str,
        font: Font,
        anchor: Anchor,
        vertical: bool,
    ) {
        if text.is_empty() || !x.is_finite() || !y.is_finite() {
            return;
        }
        self.items.push(Item::Text {
            x,
            y,
            // Characters XML 1.0 forbids never reach the SVG.
            text: text
                .chars()
                .filter(|c| !c.is_control() && *c != '\u{FFFE}' && *c != '\u{FFFF}')
                .collect(),
            font,
            anchor,
            vertical,
        });
    }

    /// Every shape, in order, on a white ground, through any plotters
    /// backend; coordinates in whole tenths of a point.
    fn draw<B: DrawingBackend>(&self, be: &mut B) -> Result<(), String> {
        let white = RGBAColor(0xFF, 0xFF, 0xFF, 1.0);
        be.draw_rect((0, 0), (u(self.width), u(self.height)), &white, true)
            .map_err(err)?;
        for item in &self.items {
            match item {
                Item::Rect {
                    x,
                    y,
                    w,
                    h,
                    fill,
                    opacity,
                } => {
                    let (x0, y0) = (u(*x), u(*y));
                    // At least a tenth of a point for thin shapes (timeline turns).
                    let (x1, y1) = (u(x + w).max(x0 + 1), u(y + h).max(y0 + 1));
                    be.draw_rect((x0, y0), (x1, y1), &fill.rgba(*opacity), true)
                        .map_err(err)?;
                }
                Item::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    color,
                    width,
                    dashed,
                } => {
                    let style = stroke(*color, 1.0, *width);
                    if !dashed {
                        be.draw_line((u(*x1), u(*y1)), (u(*x2), u(*y2)), &style)
                            .map_err(err)?;
                        continue;
                    }
                    let len = (x2 - x1).hypot(y2 - y1);
                    let (dx, dy) = if len > 0.0 {
                        ((x2 - x1) / len, (y2 - y1) / len)
                    } else {
                        (0.0, 0.0)
                    };
                    let mut t = 0.0;
                    while t < len {
                        let e = (t + DASH).min(len);
                        let from = (u(x1 + dx * t), u(y1 + dy * t));
                        be.draw_line(from, (u(x1 + dx * e), u(y1 + dy * e)), &style)
                            .map_err(err)?;
                        t += DASH + GAP;
                    }
                }
                Item::Circle {
                    cx,
                    cy,
                    r,
                    fill,
                    stroke: ring,
                    opacity,
                } => {
                    let (c, radius) = ((u(*cx), u(*cy)), u(*r).max(1) as u32);
                    let inside = fill.unwrap_or(Rgb(0xFF, 0xFF, 0xFF));
                    be.draw_circle(c, radius, &inside.rgba(*opacity), true)
                        .map_err(err)?;
                    be.draw_circle(c, radius, &stroke(*ring, *opacity, RING), false)
                        .map_err(err)?;
                }
                Item::Text {
                    x,
                    y,
                    text,
                    font,
                    anchor,
                    vertical,
                } => {
                    let h = match anchor {
                        Anchor::Start => HPos::Left,
                        Anchor::Middle => HPos::Center,
                        Anchor::End => HPos::Right,
                    };
                    let weight = if font.bold {
                        FontStyle::Bold
                    } else {
                        FontStyle::Normal
                    };
                    let desc = FontDesc::new(
                        FontFamily::Name(SVG_FONT_FAMILY),
                        plotters_size(font.em * UNITS),
                        weight,
                    );
                    // The backend hangs text from its top (dy = 0.76 em in
                    // every renderer): place that so the baseline lands on y.
                    let drop = BASELINE_DROP * font.em;
                    let (desc, pos) = if *vertical {
                        let desc = desc.transform(FontTransform::Rotate270);
                        (desc, (u(x - drop), u(*y)))
                    } else {
                        (desc, (u(*x), u(y - drop)))
                    };
                    let colour = RGBColor(font.color.0, font.color.1, font.color.2);
                    let style = TextStyle::from(desc)
                        .color(&colour)
                        .pos(Pos::new(h, VPos::Top));
                    be.draw_text(text, &style, pos).map_err(err)?;
                }
            }
        }
        Ok(())
    }

    /// The chart drawn once, through plotters' SVG backend: a standalone SVG
    /// document as wide as the page (`width="6.5in"`) with a viewBox in
    /// tenths of a point, and `title` as its `<title>` (the accessible name
    /// when the SVG is inlined in HTML). Transcript text is XML-escaped by
    /// the backend.
    pub(crate) fn to_svg(&self, page: &Page, title: &str, what: &str) -> Result<String, Error> {
        let (w, h) = (u(self.width).max(1), u(self.height).max(1));
        let mut body = String::with_capacity(512 + self.items.len() * 160);
        {
            let mut be = SVGBackend::with_string(&mut body, (w as u32, h as u32));
            self.draw(&mut be).map_err(|e| render_error(what, e))?;
            be.present().map_err(|e| render_error(what, e))?;
        }
        // The backend's own root element gives a size in user units only:
        // replace it with one carrying the printed size and the title.
        let rest = body.split_once('\n').map_or("", |(_, rest)| rest);
        let mut s = String::with_capacity(body.len() + 256);
        let _ = writeln!(
            s,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {w} {h}" role="img">"#,
            page.width().svg(self.width),
            page.width().svg(self.height),
        );
        s.push_str("<title>");
        escape_into(&mut s, title);
        s.push_str("</title>\n");
        s.push_str(rest);
        Ok(s)
    }
}

/// Appends `text` escaped for XML text and attribute values; characters XML
/// 1.0 forbids are dropped.
pub(crate) fn escape_into(s: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '&' => s.push_str("&amp;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&apos;"),
            '\t' | '\n' | '\r' => s.push(' '),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => s.push(c),
        }
    }
}

/// SVG user units per point: coordinates are whole tenths of a point.
const UNITS: f64 = 10.0;
/// Dashes and gaps of dashed lines, in points.
const DASH: f64 = 2.5;
const GAP: f64 = 2.0;
/// Width of a circle's outline, in points.
const RING: f64 = 0.5;
/// Where plotters' SVG backend puts the baseline of text hung from its top
/// (`dy="0.76em"`), in em.
const BASELINE_DROP: f64 = 0.76;
/// Largest canvas side in points (about 55 inches).
const MAX_SIDE: f64 = 4000.0;

/// Points to whole SVG units.
fn u(v: f64) -> i32 {
    (v * UNITS).round().clamp(-1.0e7, 1.0e7) as i32
}

/// A stroke of `width` points.
fn stroke(color: Rgb, opacity: f64, width: f64) -> ShapeStyle {
    ShapeStyle::from(color.rgba(opacity)).stroke_width((width * UNITS).round().max(1.0) as u32)
}

/// The size to give plotters for a font of `units` SVG units: its SVG
/// backend writes `font-size` as the size divided by 1.24, so pick the
/// float whose quotient is exactly `units` where there is one (a short
/// `font-size="80"`, not `79.99999999999999`).
fn plotters_size(units: f64) -> f64 {
    let first = units * 1.24;
    let mut v = first;
    for _ in 0..4 {
        if v / 1.24 == units {
            return v;
        }
        v = if v / 1.24 < units {
            v.next_up()
        } else {
            v.next_down()
        };
    }
    first
}

/// A drawing error as text.
fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("{e:?}")
}

fn render_error(what: &str, e: impl std::fmt::Display) -> Error {
    Error::Render {
        what: what.to_string(),
        message: e.to_string(),
    }
}

/// The embedded faces as resvg's font database, built once: the only fonts
/// a chart's PNG is drawn with, whatever the system has.
fn font_db() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_font_data(REGULAR.to_vec());
        db.load_font_data(BOLD.to_vec());
        db.set_sans_serif_family("DejaVu Sans");
        Arc::new(db)
    })
    .clone()
}

/// The SVG of a chart `height` points tall rasterised with resvg at the
/// page's width and resolution: 8-bit RGB PNG bytes whose pHYs chunk
/// carries the resolution. The PNG is the SVG, pixel for pixel: there is no
/// second drawing.
pub(crate) fn rasterise(svg: &str, page: &Page, height: f64, what: &str) -> Result<Vec<u8>, Error> {
    let opts = usvg::Options {
        font_family: "DejaVu Sans".to_string(),
        fontdb: font_db(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &opts).map_err(|e| render_error(what, e))?;
    let dpi = f64::from(page.dpi());
    let px = |pt: f64| ((pt / 72.0 * dpi).round().max(1.0)) as u32;
    let (w, h) = (px(page.width_pt()), px(height));
    let mut pixmap = tiny_skia::Pixmap::new(w, h)
        .ok_or_else(|| render_error(what, format!("no {w}×{h} bitmap")))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let scale = w as f32 / tree.size().width();
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    // The ground is opaque white, so every pixel is opaque: drop alpha.
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    let mut out = Vec::with_capacity(rgb.len() / 8);
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Default);
        let per_metre = (dpi / 0.0254).round() as u32;
        enc.set_pixel_dims(Some(png::PixelDimensions {
            xppu: per_metre,
            yppu: per_metre,
            unit: png::Unit::Meter,
        }));
        let mut writer = enc.write_header().map_err(|e| render_error(what, e))?;
        writer
            .write_image_data(&rgb)
            .map_err(|e| render_error(what, e))?;
        writer.finish().map_err(|e| render_error(what, e))?;
    }
    Ok(out)
}
