//! Unit tests of the chart renderer: every chart on small, empty and hostile
//! input (long labels, markup, NaN, infinities, negatives), PNG validity,
//! size and resolution, SVG well-formedness, printed size and escaping,
//! text staying on the canvas and at least 7 pt, determinism, and the
//! scatter's label placement as a property test. The honest marks are
//! tested in `marks_tests`.

use proptest::prelude::*;

use super::boxplot::summarise;
use super::canvas::{clean, fit, text_width, wrap};
use super::keyness::solve;
use super::layout::{Kind, Scale, fmt_num, nice_step};
use super::scatter::{Boxed, Candidate, place_labels};
use super::*;

/// The page tests draw on: the default size and resolution, a source line,
/// and colours for the speakers that [`names`] gives.
pub(super) fn page() -> Page {
    let speakers: Vec<String> = (0..7).map(names).collect();
    Page::new(
        Length::default(),
        300,
        "Source: tests. Chart: tribune.",
        &speakers,
    )
}

const HOSTILE: &str = "<script>alert('x')</script> & \"quoted\" 'single'";

/// Inputs for every chart, built from a label maker and a value list.
pub(super) fn all_charts(
    label: &dyn Fn(usize) -> String,
    values: &[f64],
    rows: usize,
) -> Vec<Chart> {
    let v = |i: usize| values.get(i % values.len().max(1)).copied().unwrap_or(0.0);
    let u = |i: usize| {
        let x = v(i);
        if x.is_finite() && x > 0.0 {
            x as u64
        } else {
            0
        }
    };
    let mut out = Vec::new();
    out.push(
        speaking_share(
            &SpeakingShareInput {
                title: label(100),
                subtitle: label(101),
                rows: (0..rows)
                    .map(|i| ShareRow {
                        label: label(i),
                        words: u(i),
                        pooled: usize::from(i == 5) * 3,
                    })
                    .collect(),
                max_rows: 4,
            },
            &page(),
        )
        .expect("share"),
    );
    out.push(
        turn_timeline(
            &TimelineInput {
                title: label(100),
                subtitle: label(101),
                transcripts: (0..rows)
                    .map(|i| TimelineRow {
                        label: label(i),
                        turns: (0..rows * 2)
                            .map(|k| TimelineTurn {
                                speaker: label(k % 11),
                                words: u(k + i),
                            })
                            .collect(),
                    })
                    .collect(),
                max_rows: 0,
            },
            &page(),
        )
        .expect("timeline"),
    );
    for log in [None, Some(true), Some(false)] {
        out.push(
            box_plot(
                &BoxPlotInput {
                    title: label(100),
                    subtitle: label(101),
                    name: label(102),
                    value_label: label(103),
                    groups: (0..rows)
                        .map(|i| BoxGroup {
                            label: label(i),
                            values: (0..i * 3).map(|k| v(k + i)).collect(),
                        })
                        .collect(),
                    log_scale: log,
                    speakers: true,
                    max_rows: 0,
                },
                &page(),
            )
            .expect("box plot"),
        );
    }
    out.push(
        exchange_bars(
            &ExchangeInput {
                title: label(100),
                subtitle: label(101),
                rows: (0..rows)
                    .map(|i| ExchangeRow {
                        outlet: label(i),
                        question_words: u(i),
                        answer_words: u(i + 1),
                    })
                    .collect(),
                max_rows: 0,
            },
            &page(),
        )
        .expect("exchanges"),
    );
    for shared in [false, true] {
        out.push(
            top_terms(
                &TopTermsInput {
                    title: label(100),
                    subtitle: label(101),
                    value_label: label(103),
                    panels: (0..rows)
                        .map(|i| TermPanel {
                            label: label(i),
                            terms: (0..rows)
                                .map(|k| TermValue {
                                    term: label(k + 20),
                                    value: v(k + i),
                                })
                                .collect(),
                        })
                        .collect(),
                    max_panels: 0,
                    max_terms: 0,
                    shared_scale: shared,
                },
                &page(),
            )
            .expect("top terms"),
        );
    }
    out.push(
        keyness_bars(
            &KeynessInput {
                title: label(100),
                subtitle: label(101),
                name: label(102),
                target: label(103),
                reference: label(104),
                terms: (0..rows)
                    .map(|i| KeyTerm {
                        term: label(i),
                        g2: if i % 2 == 0 { v(i) } else { -v(i) },
                        p_adj: v(i + 3) / 100.0,
                    })
                    .collect(),
                n: 0,
                left_out: vec![label(105)],
                keep_hint: "--keep-names".into(),
            },
            &page(),
        )
        .expect("keyness"),
    );
    out.push(
        comparison_scatter(
            &ScatterInput {
                title: label(100),
                subtitle: label(101),
                name: label(102),
                a: label(103),
                b: label(104),
                points: (0..rows * 3)
                    .map(|i| ScatterPoint {
                        term: label(i),
                        rate_a: v(i),
                        rate_b: v(i + 1),
                        score: v(i + 2) - v(i),
                        label: i % 2 == 0,
                    })
                    .collect(),
                max_labels: 0,
                max_points: 0,
            },
            &page(),
        )
        .expect("scatter"),
    );
    out.push(
        diversity_dots(
            &DiversityInput {
                title: label(100),
                subtitle: label(101),
                measure: label(103),
                rows: (0..rows)
                    .map(|i| DiversityRow {
                        label: label(i),
                        value: v(i),
                        tokens: u(i).saturating_mul(10),
                    })
                    .collect(),
                min_tokens: 0,
                max_rows: 0,
            },
            &page(),
        )
        .expect("diversity"),
    );
    out.push(
        dispersion(
            &DispersionInput {
                title: label(100),
                subtitle: label(101),
                terms: (0..rows)
                    .map(|i| DispersionTerm {
                        term: label(i),
                        speaker: label(i % 3),
                        positions: (0..rows * 4).map(|k| u(k + i)).collect(),
                    })
                    .collect(),
                total_tokens: 0,
                transcripts: (0..rows.min(4))
                    .map(|i| DispersionTranscript {
                        label: label(i + 50),
                        start: (i * 10) as u64,
                    })
                    .collect(),
                max_rows: 0,
            },
            &page(),
        )
        .expect("dispersion"),
    );
    out
}

pub(super) fn names(i: usize) -> String {
    [
        "Xu Guixiang",
        "Reuters",
        "CGTN",
        "Elijan Anayt",
        "AFP",
        "others",
        "Kyodo",
    ][i % 7]
        .to_string()
        + &" x".repeat(i / 7)
}

pub(super) const SMALL: [f64; 9] = [120.0, 35.0, 7.0, 260.0, 1.0, 48.0, 3.0, 900.0, 15.0];

/// Width and height from the PNG's IHDR chunk.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&png[12..16], b"IHDR");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&png[16..20]), be(&png[20..24]))
}

/// An attribute of the root `<svg>` element.
fn root_attr<'a>(svg: &'a str, name: &str) -> &'a str {
    let root = &svg[..svg.find('>').expect("root tag")];
    let key = format!(" {name}=\"");
    let start = root.find(&key).expect("attribute") + key.len();
    let end = start + root[start..].find('"').expect("closing quote");
    &root[start..end]
}

/// The viewBox's width and height, in SVG units.
fn svg_size(svg: &str) -> (f64, f64) {
    let v: Vec<f64> = root_attr(svg, "viewBox")
        .split(' ')
        .map(|x| x.parse().expect("number"))
        .collect();
    (v[2], v[3])
}

/// Points per SVG unit, from the printed width (`6.5in`) and the viewBox.
fn points_per_unit(svg: &str) -> f64 {
    let w = root_attr(svg, "width");
    let pt = Length::parse(w).expect("printed width").points();
    pt / svg_size(svg).0
}

/// The text of every `<text>` element, trimmed.
pub(super) fn texts(svg: &str) -> Vec<String> {
    svg.split("<text ")
        .skip(1)
        .filter_map(|piece| {
            let (_, rest) = piece.split_once('>')?;
            Some(unescape(rest.split_once("</text>")?.0.trim()))
        })
        .collect()
}

pub(super) fn has_text(c: &Chart, text: &str) -> bool {
    texts(&c.svg).iter().any(|t| t == text)
}

/// A small XML well-formedness check: balanced tags, quoted attributes,
/// no raw `<` or stray `&` in text or attribute values.
fn check_xml(svg: &str) {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = svg;
    let check_text = |t: &str| {
        assert!(
            !t.contains('>') || !t.contains('<'),
            "raw markup in text: {t}"
        );
        let mut s = t;
        while let Some(i) = s.find('&') {
            let tail = &s[i..];
            let ok = ["&lt;", "&gt;", "&amp;", "&quot;", "&apos;"]
                .iter()
                .any(|e| tail.starts_with(e));
            assert!(ok, "bare & in {t}");
            s = &s[i + 1..];
        }
    };
    while let Some(open) = rest.find('<') {
        check_text(&rest[..open]);
        let close = rest[open..].find('>').expect("unclosed tag") + open;
        let tag = &rest[open + 1..close];
        assert!(!tag.contains('<'), "< inside tag: {tag}");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}>");
        } else {
            let self_closing = tag.ends_with('/');
            let body = tag.trim_end_matches('/');
            let name = body
                .split_whitespace()
                .next()
                .expect("tag name")
                .to_string();
            // Attribute values: quotes balanced, entities valid.
            assert_eq!(
                body.matches('"').count() % 2,
                0,
                "unbalanced quotes in <{body}>"
            );
            for (k, part) in body.split('"').enumerate() {
                if k % 2 == 1 {
                    check_text(part);
                    assert!(!part.contains('<'));
                }
            }
            if !self_closing {
                stack.push(name);
            }
        }
        rest = &rest[close + 1..];
    }
    assert!(rest.trim().is_empty(), "text after the root element");
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Every horizontal text item lies inside the canvas, and no text is set
/// under 7 pt at the printed width.
fn check_text_on_canvas(svg: &str) {
    let (w, _) = svg_size(svg);
    let pt = points_per_unit(svg);
    for piece in svg.split("<text ").skip(1) {
        let (attrs, rest) = piece.split_once('>').expect("text tag");
        let content = unescape(rest.split_once("</text>").expect("text end").0.trim());
        let get = |name: &str| -> Option<f64> {
            let key = format!(" {name}=\"");
            let i = format!(" {attrs}").find(&key)? + key.len() - 1;
            attrs[i..].split('"').next()?.parse().ok()
        };
        let em = get("font-size").expect("font-size");
        assert!(em * pt >= 7.0, "{:.2} pt text: {content}", em * pt);
        if attrs.contains("transform") {
            continue;
        }
        let x = get("x").expect("x");
        let width = text_width(&content, em, attrs.contains("bold"));
        let x0 = if attrs.contains("text-anchor=\"middle\"") {
            x - width / 2.0
        } else if attrs.contains("text-anchor=\"end\"") {
            x - width
        } else {
            x
        };
        assert!(
            x0 >= -0.5 && x0 + width <= w + 0.5,
            "text off canvas ({x0:.1}..{:.1} of {w}): {content}",
            x0 + width
        );
    }
}

pub(super) fn check_chart(c: &Chart) {
    eprintln!("checking {}", c.name);
    assert!(c.svg.starts_with("<svg "), "{}", c.name);
    check_xml(&c.svg);
    assert!(!c.svg.contains("<script"), "raw <script> in {}", c.name);
    assert!(c.svg.contains("<title>"), "{}: no title", c.name);
    assert_eq!(root_attr(&c.svg, "width"), "6.5in", "{}", c.name);
    check_text_on_canvas(&c.svg);
    // The PNG is the SVG at 300 dpi: 6.5 in × 300 = 1,950 pixels wide,
    // as tall as the SVG's printed height.
    let (w, h) = png_size(&c.png);
    let (_, vh) = svg_size(&c.svg);
    let height_in = vh * points_per_unit(&c.svg) / 72.0;
    assert_eq!(w, 1950, "{}", c.name);
    assert!(
        (f64::from(h) - height_in * 300.0).abs() <= 1.0,
        "{}: {h}",
        c.name
    );
    let decoder = png::Decoder::new(std::io::Cursor::new(&c.png[..]));
    let reader = decoder.read_info().expect("decodable PNG");
    assert_eq!((reader.info().width, reader.info().height), (w, h));
    let dims = reader.info().pixel_dims.expect("pHYs chunk");
    assert_eq!(dims.unit, png::Unit::Meter);
    assert_eq!((f64::from(dims.xppu) * 0.0254).round(), 300.0);
    assert!(
        !c.name.is_empty()
            && c.name
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-'),
        "{}",
        c.name
    );
    assert!(
        has_text(c, "Source: tests. Chart: tribune."),
        "{}: no source line",
        c.name
    );
}

#[test]
fn every_chart_renders_small_input() {
    let charts = all_charts(&names, &SMALL, 9);
    assert_eq!(charts.len(), 12);
    for c in &charts {
        check_chart(c);
    }
}

#[test]
fn every_chart_renders_zero_rows() {
    for c in &all_charts(&names, &SMALL, 0) {
        check_chart(c);
    }
}

#[test]
fn every_chart_renders_one_row() {
    for c in &all_charts(&names, &SMALL, 1) {
        check_chart(c);
    }
}

#[test]
fn every_chart_renders_all_zero_values() {
    for c in &all_charts(&names, &[0.0], 6) {
        check_chart(c);
    }
}

#[test]
fn every_chart_survives_nan_infinities_and_negatives() {
    let bad = [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        -5.0,
        3.0,
        -0.0,
        1e300,
        1e-300,
    ];
    for c in &all_charts(&names, &bad, 8) {
        check_chart(c);
    }
}

#[test]
fn long_labels_are_truncated_on_the_canvas() {
    let long = |i: usize| {
        format!(
            "{i} {}",
            "Xinjiang Station of China National Radio ".repeat(5)
        )[..200]
            .to_string()
    };
    for c in &all_charts(&long, &SMALL, 7) {
        check_chart(c);
        assert!(c.svg.contains('…'), "{}: no truncation mark", c.name);
    }
}

#[test]
fn markup_in_labels_is_escaped() {
    let hostile = |i: usize| format!("{HOSTILE} {i}\u{0}\u{7}\n\t");
    for c in &all_charts(&hostile, &SMALL, 5) {
        check_chart(c);
        assert!(
            c.svg.contains("&lt;script&gt;"),
            "{}: label missing",
            c.name
        );
    }
}

#[test]
fn output_is_deterministic() {
    let a = all_charts(&names, &SMALL, 12);
    let b = all_charts(&names, &SMALL, 12);
    assert_eq!(a, b);
}

#[test]
fn speaking_share_pools_beyond_max_rows() {
    let rows = (0..290)
        .map(|i| ShareRow {
            label: format!("Speaker {i}"),
            words: 1000 - i as u64,
            pooled: 0,
        })
        .collect();
    let c = speaking_share(
        &SpeakingShareInput {
            rows,
            max_rows: 20,
            ..Default::default()
        },
        &page(),
    )
    .expect("chart");
    assert!(
        c.svg.contains("top 20 of 290 speakers; 270 others pooled"),
        "{}",
        c.svg
    );
    assert!(c.svg.contains("others (270 speakers)"));
    assert!(!has_text(&c, "Speaker 20"));
    assert_eq!(c.name, "speaking-share");
}

#[test]
fn speaking_share_counts_a_pooled_row_from_the_caller() {
    let mut rows: Vec<ShareRow> = (0..5)
        .map(|i| ShareRow {
            label: format!("S{i}"),
            words: 100,
            pooled: 0,
        })
        .collect();
    rows.push(ShareRow {
        label: "everyone else".into(),
        words: 50,
        pooled: 12,
    });
    let c = speaking_share(
        &SpeakingShareInput {
            rows,
            ..Default::default()
        },
        &page(),
    )
    .expect("chart");
    assert!(c.svg.contains("top 5 of 17 speakers; 12 others pooled"));
    assert!(has_text(&c, "everyone else"));
}

#[test]
fn timeline_caps_rows_and_names_the_axis() {
    let transcripts: Vec<TimelineRow> = (0..60)
        .map(|i| TimelineRow {
            label: format!("T{i}"),
            turns: vec![
                TimelineTurn {
                    speaker: "A".into(),
                    words: 10,
                },
                TimelineTurn {
                    speaker: "B".into(),
                    words: 5,
                },
            ],
        })
        .collect();
    let c = turn_timeline(
        &TimelineInput {
            transcripts,
            ..Default::default()
        },
        &page(),
    )
    .expect("chart");
    assert!(c.svg.contains("Showing the first 40 of 60 transcripts."));
    assert!(c.svg.contains("% of its words"));
}

#[test]
fn box_plot_labels_carry_n() {
    let c = box_plot(
        &BoxPlotInput {
            groups: vec![BoxGroup {
                label: "Xu Guixiang".into(),
                values: (1..=22).map(f64::from).collect(),
            }],
            value_label: "words per turn".into(),
            ..Default::default()
        },
        &page(),
    )
    .expect("chart");
    assert!(c.svg.contains("Xu Guixiang (n=22)"));
    assert!(c.svg.contains("1.5 × IQR"));
    assert_eq!(c.name, "box-plot");
}

#[test]
fn quartiles_and_whiskers_follow_tukey() {
    let s = summarise(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]).expect("summary");
    assert_eq!((s.q1, s.median, s.q3), (3.0, 5.0, 7.0));
    assert_eq!((s.low, s.high), (1.0, 9.0));
    assert!(s.outliers.is_empty());
    let s = summarise(&[10.0, 11.0, 12.0, 13.0, 14.0, 100.0, f64::NAN]).expect("summary");
    assert_eq!(s.outliers, vec![100.0]);
    assert_eq!(s.high, 14.0);
    assert!(summarise(&[f64::NAN]).is_none());
    let one = summarise(&[4.0]).expect("one value");
    assert_eq!(
        (one.low, one.q1, one.median, one.q3, one.high),
        (4.0, 4.0, 4.0, 4.0, 4.0)
    );
}

#[test]
fn keyness_layout_fits_labels() {
    let values = [250.0, 80.0, 3.0, -2.0, -45.0];
    let widths = [60.0, 80.0, 300.0, 40.0, 90.0];
    let (l, r) = (30.0, 970.0);
    let (z, s) = solve(&values, &widths, l, r);
    assert!(s > 0.0);
    for (v, w) in values.iter().zip(widths) {
        let end = z + v * s;
        if *v > 0.0 {
            assert!(end + w <= r + 1e-6);
        } else {
            assert!(end - w >= l - 1e-6);
        }
    }
    // One-sided and empty inputs still give a usable scale.
    assert!(solve(&[5.0], &[50.0], l, r).1 > 0.0);
    assert!(solve(&[], &[], l, r).1 > 0.0);
}

#[test]
fn text_helpers_fit_and_clean() {
    let long = "Xinjiang Station of China National Radio of China Media Group".repeat(4);
    let f = fit(&long, 200.0, 13.0, false);
    assert!(f.ends_with('…'));
    assert!(text_width(&f, 13.0, false) <= 200.0);
    assert_eq!(fit("short", 200.0, 13.0, false), "short");
    assert_eq!(clean("  a\n\tb\u{0}c  "), "a b c");
    let lines = wrap(&long, 300.0, 13.0, false, 2);
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().all(|l| text_width(l, 13.0, false) <= 300.0));
    assert!(lines[1].ends_with('…'));
}

#[test]
fn numbers_and_ticks_read_well() {
    assert_eq!(fmt_num(12345.0, 0), "12,345");
    assert_eq!(fmt_num(-2.5, 1), "−2.5");
    assert_eq!(fmt_num(-0.0001, 1), "0.0");
    assert_eq!(fmt_num(999.0, 0), "999");
    assert_eq!(fmt_num(f64::NAN, 0), "n/a");
    assert_eq!(nice_step(100.0, 5), 20.0);
    let s = Scale {
        d0: 0.0,
        d1: 1000.0,
        r0: 0.0,
        r1: 600.0,
        kind: Kind::Linear,
    };
    let ticks: Vec<String> = s.ticks().into_iter().map(|t| t.1).collect();
    assert_eq!(ticks.first().map(String::as_str), Some("0"));
    assert_eq!(ticks.last().map(String::as_str), Some("1,000"));
    let log = Scale {
        d0: 0.0,
        d1: 5000.0,
        r0: 0.0,
        r1: 700.0,
        kind: Kind::Log1p,
    };
    let labels: Vec<String> = log.ticks().into_iter().map(|t| t.1).collect();
    assert_eq!(labels, ["0", "1", "10", "100", "1,000"]);
}

#[test]
fn scatter_labels_the_distinctive_terms() {
    let points = vec![
        ScatterPoint {
            term: "stability".into(),
            rate_a: 40.0,
            rate_b: 2.0,
            score: 5.0,
            label: true,
        },
        ScatterPoint {
            term: "freedom".into(),
            rate_a: 1.0,
            rate_b: 30.0,
            score: -4.0,
            label: true,
        },
        ScatterPoint {
            term: "people".into(),
            rate_a: 10.0,
            rate_b: 10.0,
            score: 0.0,
            label: false,
        },
    ];
    let c = comparison_scatter(
        &ScatterInput {
            a: "A".into(),
            b: "B".into(),
            points,
            ..Default::default()
        },
        &page(),
    )
    .expect("chart");
    assert!(has_text(&c, "stability") && has_text(&c, "freedom"));
    assert!(!has_text(&c, "people"));
}

fn arb_candidate() -> impl Strategy<Value = Candidate> {
    (0.0..800.0f64, 0.0..800.0f64, 1.0..200.0f64, 5.0..20.0f64).prop_map(|(x, y, w, h)| Candidate {
        x,
        y,
        w,
        h,
    })
}

proptest! {
    #[test]
    fn placed_labels_never_overlap(
        cands in proptest::collection::vec(arb_candidate(), 0..80),
        obstacles in proptest::collection::vec((0.0..800.0f64, 0.0..800.0f64), 0..40),
    ) {
        let bounds = Boxed { x0: 0.0, y0: 0.0, x1: 800.0, y1: 800.0 };
        let obstacles: Vec<Boxed> = obstacles
            .iter()
            .map(|(x, y)| Boxed { x0: x - 3.0, y0: y - 3.0, x1: x + 3.0, y1: y + 3.0 })
            .collect();
        let placed: Vec<Boxed> = place_labels(&cands, bounds, &obstacles, 5.0).into_iter().flatten().collect();
        for (i, a) in placed.iter().enumerate() {
            prop_assert!(a.x0 >= 0.0 && a.y0 >= 0.0 && a.x1 <= 800.0 && a.y1 <= 800.0);
            for o in &obstacles {
                prop_assert!(!a.intersects(o));
            }
            for b in &placed[i + 1..] {
                prop_assert!(!a.intersects(b), "{a:?} overlaps {b:?}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn share_chart_never_panics(words in proptest::collection::vec(any::<u64>(), 0..40), max_rows in 0usize..30) {
        let rows = words.iter().enumerate().map(|(i, w)| ShareRow { label: format!("S{i}"), words: *w, pooled: i % 9 / 8 }).collect();
        let c = speaking_share(&SpeakingShareInput { rows, max_rows, ..Default::default() }, &page());
        prop_assert!(c.is_ok());
    }
}
