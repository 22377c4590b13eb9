//! The drawing surface every chart shares: a flat list of shapes (rectangles,
//! lines, circles, text) in pixel coordinates, written out twice, as SVG text
//! by hand (XML-escaped, deterministic number formatting, font-family with
//! fallbacks) and as PNG through plotters' bitmap backend with the embedded
//! DejaVu Sans fonts. Also owns the fonts, text measurement, label cleaning,
//! truncation with "…" and word wrapping, so that layout code measures text
//! with the same glyph metrics the PNG is drawn with.

use std::fmt::Write as _;
use std::sync::OnceLock;

use ab_glyph::{Font as _, FontRef, GlyphId, PxScale, ScaleFont, point};
use plotters::backend::{BitMapBackend, DrawingBackend};
use plotters::style::{Color as _, RGBAColor, ShapeStyle};

use crate::Error;

/// DejaVu Sans, embedded so charts render without system fonts.
const REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
/// DejaVu Sans Bold, for titles.
const BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");
/// The font-family written into SVG: the embedded face first, then faces of
/// similar width, so browsers without DejaVu fall back sensibly.
pub(crate) const SVG_FONT_FAMILY: &str = "DejaVu Sans, Verdana, Geneva, sans-serif";
/// Largest canvas side in pixels; chart code caps rows well below this.
const MAX_SIDE: f64 = 16_000.0;

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

/// ab_glyph scales a face so that ascent − descent spans the given pixels;
/// this is the scale at which one em is `em` pixels.
fn px_scale(font: &FontRef<'static>, em: f64) -> PxScale {
    let upem = font.units_per_em().unwrap_or(2048.0);
    PxScale::from((em as f32) * font.height_unscaled() / upem)
}

/// Glyphs of `text` with their pen x offsets (kerned), and the advance width.
fn layout(font: &FontRef<'static>, em: f64, text: &str) -> (Vec<(GlyphId, f32)>, f32) {
    let scaled = font.as_scaled(px_scale(font, em));
    let mut glyphs = Vec::with_capacity(text.len());
    let mut x = 0f32;
    let mut prev: Option<GlyphId> = None;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(p) = prev {
            x += scaled.kern(p, id);
        }
        glyphs.push((id, x));
        x += scaled.h_advance(id);
        prev = Some(id);
    }
    (glyphs, x)
}

/// Width in pixels of `text` set at `em` pixels (the advance width, which is
/// what SVG `text-anchor` uses too).
pub(crate) fn text_width(text: &str, em: f64, bold: bool) -> f64 {
    if text.is_empty() {
        return 0.0;
    }
    match faces() {
        Ok(f) => f64::from(layout(if bold { &f.bold } else { &f.regular }, em, text).1),
        Err(_) => text.chars().count() as f64 * em * 0.62,
    }
}

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

/// `text` cut at a character boundary and ended with "…" so that it fits in
/// `max` pixels; unchanged when it already fits.
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

/// Greedy word wrap into lines of at most `max` pixels; a word longer than a
/// line is truncated with "…". At most `max_lines` lines; the last one ends
/// with "…" when text was left over.
pub(crate) fn wrap(text: &str, max: f64, em: f64, bold: bool, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut overflow = false;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
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
        current = fit(word, max, em, bold);
    }
    if !current.is_empty() {
        if lines.len() >= max_lines {
            overflow = true;
        } else {
            lines.push(current);
        }
    }
    if overflow && let Some(last) = lines.last_mut() {
        *last = fit(&format!("{last} …"), max, em, bold);
        if !last.ends_with('…') {
            last.push('…');
        }
    }
    lines
}

/// An opaque sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
    fn rgba(self, opacity: f64) -> RGBAColor {
        RGBAColor(self.0, self.1, self.2, opacity.clamp(0.0, 1.0))
    }
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
    /// A white canvas; sides are rounded to whole pixels and kept in 1..=16000.
    pub(crate) fn new(width: f64, height: f64) -> Canvas {
        let side = |v: f64| {
            if v.is_finite() {
                v.round().clamp(1.0, MAX_SIDE)
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

    /// The outline of a rectangle, `width` pixels wide.
    pub(crate) fn outline(&mut self, x: f64, y: f64, w: f64, h: f64, color: Rgb, width: f64) {
        self.line(x, y, x + w, y, color, width);
        self.line(x, y + h, x + w, y + h, color, width);
        self.line(x, y, x, y + h, color, width);
        self.line(x + w, y, x + w, y + h, color, width);
    }

    /// A straight line of `width` pixels.
    pub(crate) fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, color: Rgb, width: f64) {
        self.push_line(x1, y1, x2, y2, color, width, false);
    }

    /// A dashed straight line of `width` pixels.
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
            text: text.to_string(),
            font,
            anchor,
            vertical,
        });
    }

    /// The chart as a standalone SVG document. `title` becomes its `<title>`
    /// (the accessible name when the SVG is inlined in HTML).
    pub(crate) fn to_svg(&self, title: &str) -> String {
        let mut s = String::with_capacity(256 + self.items.len() * 96);
        let _ = writeln!(
            s,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img">"#,
            w = num(self.width),
            h = num(self.height)
        );
        s.push_str("<title>");
        escape_into(&mut s, title);
        s.push_str("</title>\n");
        let _ = writeln!(
            s,
            r##"<rect x="0" y="0" width="{}" height="{}" fill="#ffffff"/>"##,
            num(self.width),
            num(self.height)
        );
        let _ = writeln!(s, r#"<g font-family="{SVG_FONT_FAMILY}">"#);
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
                    let _ = write!(
                        s,
                        r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}""#,
                        num(*x),
                        num(*y),
                        num(*w),
                        num(*h),
                        fill.hex()
                    );
                    opacity_attr(&mut s, "fill-opacity", *opacity);
                    s.push_str(" shape-rendering=\"crispEdges\"/>\n");
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
                    let _ = write!(
                        s,
                        r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}""#,
                        num(*x1),
                        num(*y1),
                        num(*x2),
                        num(*y2),
                        color.hex(),
                        num(*width)
                    );
                    if *dashed {
                        s.push_str(r#" stroke-dasharray="5 4""#);
                    }
                    if x1 == x2 || y1 == y2 {
                        s.push_str(r#" shape-rendering="crispEdges""#);
                    }
                    s.push_str("/>\n");
                }
                Item::Circle {
                    cx,
                    cy,
                    r,
                    fill,
                    stroke,
                    opacity,
                } => {
                    let _ = write!(
                        s,
                        r#"<circle cx="{}" cy="{}" r="{}" fill="{}" stroke="{}""#,
                        num(*cx),
                        num(*cy),
                        num(*r),
                        fill.map_or_else(|| "#ffffff".to_string(), Rgb::hex),
                        stroke.hex()
                    );
                    opacity_attr(&mut s, "opacity", *opacity);
                    s.push_str("/>\n");
                }
                Item::Text {
                    x,
                    y,
                    text,
                    font,
                    anchor,
                    vertical,
                } => {
                    let _ = write!(
                        s,
                        r#"<text x="{}" y="{}" font-size="{}" fill="{}""#,
                        num(*x),
                        num(*y),
                        num(font.em),
                        font.color.hex()
                    );
                    if font.bold {
                        s.push_str(r#" font-weight="bold""#);
                    }
                    match anchor {
                        Anchor::Start => {}
                        Anchor::Middle => s.push_str(r#" text-anchor="middle""#),
                        Anchor::End => s.push_str(r#" text-anchor="end""#),
                    }
                    if *vertical {
                        let _ = write!(s, r#" transform="rotate(-90 {} {})""#, num(*x), num(*y));
                    }
                    s.push('>');
                    escape_into(&mut s, text);
                    s.push_str("</text>\n");
                }
            }
        }
        s.push_str("</g>\n</svg>\n");
        s
    }

    /// The chart as PNG bytes (8-bit RGB), drawn with plotters' bitmap backend.
    pub(crate) fn to_png(&self, what: &str) -> Result<Vec<u8>, Error> {
        let render = |message: String| Error::Render {
            what: what.to_string(),
            message,
        };
        let (w, h) = (self.width as u32, self.height as u32);
        let mut buf = vec![255u8; w as usize * h as usize * 3];
        {
            let mut be = BitMapBackend::with_buffer(&mut buf, (w, h));
            for item in &self.items {
                draw_png_item(&mut be, item).map_err(|e| render(e.to_string()))?;
            }
            be.present().map_err(|e| render(e.to_string()))?;
        }
        let mut out = Vec::with_capacity(buf.len() / 8);
        {
            let mut enc = png::Encoder::new(&mut out, w, h);
            enc.set_color(png::ColorType::Rgb);
            enc.set_depth(png::BitDepth::Eight);
            enc.set_compression(png::Compression::Default);
            let mut writer = enc.write_header().map_err(|e| render(e.to_string()))?;
            writer
                .write_image_data(&buf)
                .map_err(|e| render(e.to_string()))?;
            writer.finish().map_err(|e| render(e.to_string()))?;
        }
        Ok(out)
    }
}

fn px(v: f64) -> i32 {
    v.round().clamp(-1.0e6, 1.0e6) as i32
}

fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("{e:?}")
}

fn draw_png_item(be: &mut BitMapBackend<'_>, item: &Item) -> Result<(), String> {
    match item {
        Item::Rect {
            x,
            y,
            w,
            h,
            fill,
            opacity,
        } => {
            let (x0, y0) = (px(*x), px(*y));
            // At least one pixel for visible, thin shapes (timeline segments).
            let x1 = px(x + w).max(x0 + 1);
            let y1 = px(y + h).max(y0 + 1);
            let style = ShapeStyle::from(fill.rgba(*opacity)).filled();
            be.draw_rect((x0, y0), (x1, y1), &style, true).map_err(err)
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
            let style =
                ShapeStyle::from(color.rgba(1.0)).stroke_width(width.round().max(1.0) as u32);
            if !dashed {
                return be
                    .draw_line((px(*x1), px(*y1)), (px(*x2), px(*y2)), &style)
                    .map_err(err);
            }
            let len = (x2 - x1).hypot(y2 - y1);
            let (dx, dy) = if len > 0.0 {
                ((x2 - x1) / len, (y2 - y1) / len)
            } else {
                (0.0, 0.0)
            };
            let mut t = 0.0;
            while t < len {
                let e = (t + 5.0).min(len);
                be.draw_line(
                    (px(x1 + dx * t), px(y1 + dy * t)),
                    (px(x1 + dx * e), px(y1 + dy * e)),
                    &style,
                )
                .map_err(err)?;
                t += 9.0;
            }
            Ok(())
        }
        Item::Circle {
            cx,
            cy,
            r,
            fill,
            stroke,
            opacity,
        } => draw_png_circle(be, *cx, *cy, *r, *fill, *stroke, *opacity),
        Item::Text {
            x,
            y,
            text,
            font,
            anchor,
            vertical,
        } => draw_png_text(be, *x, *y, text, *font, *anchor, *vertical),
    }
}

/// An anti-aliased disc (white when `fill` is None) with a one-pixel ring
/// in `stroke`, as the SVG draws it.
fn draw_png_circle(
    be: &mut BitMapBackend<'_>,
    cx: f64,
    cy: f64,
    r: f64,
    fill: Option<Rgb>,
    stroke: Rgb,
    opacity: f64,
) -> Result<(), String> {
    let fill = fill.unwrap_or(Rgb(0xFF, 0xFF, 0xFF));
    let opacity = opacity.clamp(0.0, 1.0);
    let (x0, x1) = ((cx - r - 1.0).floor() as i32, (cx + r + 1.0).ceil() as i32);
    let (y0, y1) = ((cy - r - 1.0).floor() as i32, (cy + r + 1.0).ceil() as i32);
    for py in y0..=y1 {
        for px_ in x0..=x1 {
            let d = (f64::from(px_) + 0.5 - cx).hypot(f64::from(py) + 0.5 - cy);
            let inside = (r + 0.5 - d).clamp(0.0, 1.0);
            if inside <= 0.0 {
                continue;
            }
            let ring = (1.0 - (d - (r - 0.5)).abs()).clamp(0.0, 1.0);
            be.draw_pixel((px_, py), fill.rgba(inside * opacity).to_backend_color())
                .map_err(err)?;
            if ring > 0.0 {
                be.draw_pixel((px_, py), stroke.rgba(ring * opacity).to_backend_color())
                    .map_err(err)?;
            }
        }
    }
    Ok(())
}

/// Rasterises text with ab_glyph (sub-pixel glyph positions, side bearings
/// and kerning kept) and blends it into the bitmap, horizontal or rotated to
/// read bottom to top.
fn draw_png_text(
    be: &mut BitMapBackend<'_>,
    x: f64,
    y: f64,
    text: &str,
    font: Font,
    anchor: Anchor,
    vertical: bool,
) -> Result<(), String> {
    let f = faces()?;
    let face = if font.bold { &f.bold } else { &f.regular };
    let scale = px_scale(face, font.em);
    let (glyphs, width) = layout(face, font.em, text);
    let shift = match anchor {
        Anchor::Start => 0.0,
        Anchor::Middle => width / 2.0,
        Anchor::End => width,
    };
    let colour = font.color;
    let mut pixels: Vec<(i32, i32, f32)> = Vec::new();
    for (id, gx) in glyphs {
        // Lay out horizontally with the anchor at the origin and the baseline
        // at y = 0; rotate afterwards when vertical.
        let (ox, oy) = if vertical {
            (0.0f32, 0.0f32)
        } else {
            ((x as f32) - shift, y as f32)
        };
        let glyph = id.with_scale_and_position(scale, point(ox + gx, oy));
        if let Some(outline) = face.outline_glyph(glyph) {
            let b = outline.px_bounds();
            outline.draw(|px_, py_, cov| {
                if cov > 0.0 {
                    pixels.push((
                        b.min.x as i32 + px_ as i32,
                        b.min.y as i32 + py_ as i32,
                        cov,
                    ));
                }
            });
        }
    }
    for (px_, py_, cov) in pixels {
        let (tx, ty) = if vertical {
            // (h, v) in text space → canvas: along the text goes up.
            let h = px_ as f32 - shift;
            (x.round() as i32 + py_, y.round() as i32 - h.round() as i32)
        } else {
            (px_, py_)
        };
        let c = RGBAColor(colour.0, colour.1, colour.2, f64::from(cov.min(1.0)));
        be.draw_pixel((tx, ty), c.to_backend_color()).map_err(err)?;
    }
    Ok(())
}

/// A coordinate written with at most one decimal, without "-0".
fn num(v: f64) -> String {
    if !v.is_finite() {
        return "0".to_string();
    }
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

fn opacity_attr(s: &mut String, name: &str, opacity: f64) {
    if opacity < 1.0 {
        let _ = write!(s, r#" {name}="{:.2}""#, opacity.clamp(0.0, 1.0));
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
