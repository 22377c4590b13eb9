//! The report's figures as a reader of a write-up gets them, through the
//! command line: text of at least 7 pt at the printed width, PNGs that carry
//! their resolution and are the printed width × DPI pixels wide, one colour
//! per speaker across every chart of a report, speakers' names left out of
//! the keyness tables unless `--keep-names`, and reruns byte-identical.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::util::{fixture, tribune};

/// Runs `tribune report INPUT -o OUT ARGS...` and returns every file.
fn report(input: &Path, out: &Path, args: &[&str]) -> BTreeMap<String, Vec<u8>> {
    tribune()
        .arg("report")
        .arg(input)
        .arg("-o")
        .arg(out)
        .args(args)
        .assert()
        .success();
    let mut files = BTreeMap::new();
    for dir in ["", "charts", "tables"] {
        for e in std::fs::read_dir(out.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                let name = p
                    .strip_prefix(out)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                files.insert(name, std::fs::read(&p).unwrap());
            }
        }
    }
    files
}

fn svgs(files: &BTreeMap<String, Vec<u8>>) -> Vec<(&String, String)> {
    files
        .iter()
        .filter(|(n, _)| n.ends_with(".svg"))
        .map(|(n, b)| (n, String::from_utf8(b.clone()).unwrap()))
        .collect()
}

/// An attribute's value in one tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    tag[i..].split('"').next()
}

/// Points per SVG unit: the printed width over the viewBox width.
fn points_per_unit(svg: &str) -> f64 {
    let root = &svg[..svg.find('>').unwrap()];
    let width = attr(root, "width").unwrap();
    let inches: f64 = width
        .strip_suffix("in")
        .expect("width in inches")
        .parse()
        .unwrap();
    let view: f64 = attr(root, "viewBox")
        .unwrap()
        .split(' ')
        .nth(2)
        .unwrap()
        .parse()
        .unwrap();
    inches * 72.0 / view
}

/// The elements of an SVG in order: (tag name, the tag, text content).
fn elements(svg: &str) -> Vec<(&str, &str, String)> {
    let mut out = Vec::new();
    for piece in svg.split('<').skip(1) {
        let Some((tag, rest)) = piece.split_once('>') else {
            continue;
        };
        let name = tag.split_whitespace().next().unwrap_or("");
        if name.starts_with('/') {
            continue;
        }
        let text = if name == "text" {
            rest.trim().replace("&amp;", "&")
        } else {
            String::new()
        };
        out.push((name, tag, text));
    }
    out
}

#[test]
fn chart_text_is_at_least_7_points_at_the_printed_width() {
    let tmp = tempfile::tempdir().unwrap();
    let files = report(
        &fixture("shapes/debate.txt"),
        &tmp.path().join("r"),
        &["--figure-width", "6.5in"],
    );
    let svgs = svgs(&files);
    assert!(svgs.len() >= 8, "{} charts", svgs.len());
    for (name, svg) in &svgs {
        let pt = points_per_unit(svg);
        let sizes: Vec<f64> = elements(svg)
            .iter()
            .filter(|e| e.0 == "text")
            .map(|e| attr(e.1, "font-size").unwrap().parse::<f64>().unwrap() * pt)
            .collect();
        let smallest = sizes.iter().copied().fold(f64::INFINITY, f64::min);
        let largest = sizes.iter().copied().fold(0.0, f64::max);
        assert!(smallest >= 7.0, "{name}: {smallest:.2} pt text");
        assert!(largest <= 9.5, "{name}: {largest:.2} pt text");
        assert!(svg.contains("<title>"), "{name}: no title");
        // The source line: the corpus, and the tribune version.
        assert!(
            svg.contains(&format!("Chart: tribune {}.", env!("CARGO_PKG_VERSION"))),
            "{name}: no source line"
        );
    }
}

/// (width, height, dots per inch from the pHYs chunk) of a PNG.
fn png_info(bytes: &[u8]) -> (u32, u32, f64) {
    let reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .unwrap();
    let info = reader.info();
    let dims = info.pixel_dims.expect("a pHYs chunk");
    assert_eq!(dims.unit, png::Unit::Meter);
    assert_eq!(dims.xppu, dims.yppu);
    (info.width, info.height, f64::from(dims.xppu) * 0.0254)
}

#[test]
fn pngs_carry_their_resolution_and_are_width_times_dpi_pixels_wide() {
    let tmp = tempfile::tempdir().unwrap();
    let input = fixture("shapes/debate.txt");
    for (args, dpi, width) in [
        (vec![], 300.0, 1950),
        (vec!["--figure-width", "6.5in", "--dpi", "150"], 150.0, 975),
        (vec!["--figure-width", "17cm", "--dpi", "200"], 200.0, 1339),
    ] {
        let out = tmp.path().join(format!("r{dpi}"));
        let files = report(&input, &out, &args);
        let pngs: Vec<_> = files.iter().filter(|(n, _)| n.ends_with(".png")).collect();
        assert!(pngs.len() >= 8);
        for (name, bytes) in pngs {
            let (w, h, got) = png_info(bytes);
            assert_eq!(got.round(), dpi, "{name}");
            assert_eq!(w, width, "{name}: {args:?}");
            // As tall as its SVG at that resolution.
            let svg = String::from_utf8(files[&name.replace(".png", ".svg")].clone()).unwrap();
            let root = &svg[..svg.find('>').unwrap()];
            let height = attr(root, "height").unwrap();
            let inches = match height.strip_suffix("in") {
                Some(v) => v.parse::<f64>().unwrap(),
                None => height.strip_suffix("cm").unwrap().parse::<f64>().unwrap() / 2.54,
            };
            assert!((f64::from(h) - inches * dpi).abs() <= 1.0, "{name}: {h} px");
        }
    }
    tribune()
        .args(["report", "--figure-width", "6.5", "-o"])
        .arg(tmp.path().join("bad"))
        .arg(&input)
        .assert()
        .failure();
}

#[test]
fn a_speaker_has_one_colour_in_every_chart() {
    let tmp = tempfile::tempdir().unwrap();
    let files = report(&fixture("shapes/debate.txt"), &tmp.path().join("r"), &[]);
    let json: serde_json::Value = serde_json::from_slice(&files["report.json"]).unwrap();
    let speakers: BTreeSet<String> = json["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect();
    // A mark's fill: a rect's or a filled circle's, not white, grey or the
    // grid's.
    let fill = |e: &(&str, &str, String)| -> Option<String> {
        if e.0 != "rect" && e.0 != "circle" {
            return None;
        }
        let f = attr(e.1, "fill")?;
        let neutral = f == "none" || {
            let hex = f.trim_start_matches('#');
            let c: Vec<u8> = (0..3)
                .filter_map(|i| u8::from_str_radix(hex.get(i * 2..i * 2 + 2)?, 16).ok())
                .collect();
            c.len() == 3 && c[0] == c[1] && c[1] == c[2]
        };
        (!neutral).then(|| f.to_string())
    };
    let mut seen: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for (chart, svg) in svgs(&files) {
        let els = elements(&svg);
        for (i, e) in els.iter().enumerate() {
            if e.0 != "text" {
                continue;
            }
            // A legend entry ("NAME", "more by NAME", "distinctive of
            // NAME") follows its swatch; a row or panel label ("NAME",
            // "NAME (n=3)") precedes its mark.
            let name =
                e.2.trim_start_matches("more by ")
                    .trim_start_matches("distinctive of ")
                    .split(" (n=")
                    .next()
                    .unwrap_or("")
                    .to_string();
            if !speakers.contains(&name) {
                continue;
            }
            // Row labels are set flush right (text-anchor end) before their
            // marks; anything else may follow its swatch.
            let row_label = attr(e.1, "text-anchor") == Some("end");
            let before = i.checked_sub(1).filter(|_| !row_label).and_then(|j| {
                // A dot's swatch is a filled circle and then its ring.
                match fill(&els[j]) {
                    None if els[j].0 == "circle" => j.checked_sub(1).and_then(|k| fill(&els[k])),
                    f => f,
                }
            });
            let after = els[i + 1..].iter().take(6).find_map(fill);
            if let Some(colour) = before.or(after) {
                seen.entry(name)
                    .or_default()
                    .entry(colour)
                    .or_default()
                    .insert(chart.clone());
            }
        }
    }
    let charts: BTreeSet<&String> = seen.values().flat_map(|c| c.values().flatten()).collect();
    assert!(charts.len() >= 5, "colours found in {charts:?}");
    for (speaker, colours) in &seen {
        assert_eq!(
            colours.len(),
            1,
            "{speaker} has several colours: {colours:?}"
        );
    }
    assert!(seen.len() >= 3, "{seen:?}");
}

#[test]
fn reruns_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let input = fixture("shapes/debate.txt");
    let a = report(&input, &tmp.path().join("a"), &[]);
    let b = report(&input, &tmp.path().join("b"), &[]);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(b[name] == *bytes, "{name} differs between runs");
    }
}

#[test]
fn speakers_names_are_left_out_of_keyness_unless_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("briefing.txt");
    let mut text = String::new();
    for i in 0..12 {
        text.push_str(&format!(
            "KARINE JEAN-PIERRE: We will act on prices and supply chains, item {i}.\n\n\
             Q: Thank you, Karine. Karine, on inflation: will prices fall?\n\n"
        ));
    }
    std::fs::write(&input, text).unwrap();
    let keyness_terms = |files: &BTreeMap<String, Vec<u8>>| -> Vec<String> {
        let json: serde_json::Value = serde_json::from_slice(&files["report.json"]).unwrap();
        json["keyness"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|k| k["rows"].as_array().unwrap().iter())
            .map(|r| r["display"].as_str().unwrap().to_lowercase())
            .collect()
    };
    let default = report(&input, &tmp.path().join("default"), &[]);
    assert!(!keyness_terms(&default).contains(&"karine".to_string()));
    let json: serde_json::Value = serde_json::from_slice(&default["report.json"]).unwrap();
    assert!(
        json["names_left_out"].to_string().contains("karine"),
        "{json}"
    );
    let chart = svgs(&default)
        .into_iter()
        .find(|(n, _)| n.starts_with("charts/keyness-q"))
        .expect("Q's keyness chart")
        .1;
    assert!(chart.contains("--keep-names keeps them"));
    let csv = String::from_utf8(default["tables/keyness.csv"].clone()).unwrap();
    let displays: Vec<&str> = csv.lines().filter_map(|l| l.split(',').nth(3)).collect();
    assert!(displays.contains(&"prices") && !displays.contains(&"karine"));

    let kept = report(&input, &tmp.path().join("kept"), &["--keep-names"]);
    assert!(keyness_terms(&kept).contains(&"karine".to_string()));
    let json: serde_json::Value = serde_json::from_slice(&kept["report.json"]).unwrap();
    assert!(json.get("names_left_out").is_none());
}
