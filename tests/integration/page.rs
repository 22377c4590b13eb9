//! The report page on paper and on a phone, in headless Chromium (the
//! tests say they skip, and pass, where there is none): printed to PDF it
//! has a sensible number of pages, none blank or nearly blank, and no
//! table wider than the page; at a phone's width the charts keep a
//! legible size and scroll inside their figure, and the page itself does
//! not scroll sideways.

use std::path::Path;

use crate::report::{chromium_on_sample_page, headless_chromium, write_sample_report};

/// Width in CSS pixels of the printable area of an A4 page (210 mm less
/// the page's 14 mm margins), the narrower of A4 and US Letter.
const PRINT_WIDTH: u32 = 688;

/// Numbers a script in the page measured, laid out `width` pixels wide:
/// the page with `media` rules applied to the screen and `script` run at
/// its end; the script leaves its answer in `<body data-out="...">`.
fn measure(dir: &Path, width: u32, media: &str, script: &str) -> Option<String> {
    let html = std::fs::read_to_string(dir.join("index.html")).unwrap();
    let html = html
        .replace(&format!("@media {media} {{"), "@media all {")
        .replace(
            "</body>",
            &format!(
                "<script>document.body.dataset.out = JSON.stringify({script});</script></body>"
            ),
        );
    let page = dir.join(format!("measure-{width}.html"));
    std::fs::write(&page, html).unwrap();
    let out = headless_chromium(dir)?
        .arg(format!("--window-size={width},2000"))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout).into_owned();
    let start = dom.find("data-out=\"")? + "data-out=\"".len();
    let end = dom[start..].find('"')? + start;
    Some(dom[start..end].replace("&quot;", "\""))
}

/// How much a page of the PDF draws: its text, image and path-painting
/// operators.
fn marks(doc: &lopdf::Document, page: lopdf::ObjectId) -> usize {
    let content = doc.get_page_content(page);
    let ops = lopdf::content::Content::decode(&content)
        .unwrap()
        .operations;
    ops.iter()
        .filter(|o| {
            matches!(
                o.operator.as_str(),
                "Tj" | "TJ" | "Do" | "f" | "f*" | "S" | "B"
            )
        })
        .count()
}

#[test]
fn the_sample_page_prints_without_blank_pages_or_cut_tables() {
    let tmp = tempfile::tempdir().unwrap();
    let pdf = tmp.path().join("page.pdf");
    let args = [
        "--no-pdf-header-footer".to_string(),
        format!("--print-to-pdf={}", pdf.display()),
    ];
    let Some(out) = chromium_on_sample_page(tmp.path(), &args) else {
        return;
    };
    assert!(
        pdf.exists(),
        "no PDF: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = lopdf::Document::load(&pdf).unwrap();
    let pages = doc.get_pages();
    let drawn: Vec<usize> = pages.values().map(|&id| marks(&doc, id)).collect();
    eprintln!("{} pages, marks per page {drawn:?}", pages.len());
    assert!((10..=30).contains(&pages.len()), "{} pages", pages.len());
    let mut sorted = drawn.clone();
    sorted.sort_unstable();
    let median = sorted[sorted.len() / 2];
    // Every page but the last carries at least a tenth of a usual page.
    for (n, &m) in drawn.iter().enumerate().take(drawn.len() - 1) {
        assert!(
            m * 10 >= median,
            "page {} is nearly blank: {drawn:?}",
            n + 1
        );
    }
    assert!(
        drawn.last().is_some_and(|&m| m > 0),
        "the last page is blank"
    );

    // In the print layout every table fits the page's width.
    let cut = measure(
        &tmp.path().join("sample"),
        PRINT_WIDTH,
        "print",
        "[...document.querySelectorAll('.table')].filter(d => d.scrollWidth > d.clientWidth + 1).map(d => d.querySelector('caption').textContent)",
    )
    .expect("the page measured");
    assert_eq!(cut, "[]", "tables wider than the printed page");
}

#[test]
fn on_a_phone_charts_keep_their_size_and_scroll_in_their_figure() {
    let tmp = tempfile::tempdir().unwrap();
    if headless_chromium(tmp.path()).is_none() {
        eprintln!("skipped: no chromium on this machine");
        return;
    }
    let dir = tmp.path().join("sample");
    write_sample_report(&dir);
    let got = measure(
        &dir,
        400,
        "screen and (max-width: 0)",
        "{ page: document.documentElement.scrollWidth <= innerWidth, narrowest: Math.min(...[...document.querySelectorAll('.chart svg')].map(s => Math.round(s.getBoundingClientRect().width))), scrolls: [...document.querySelectorAll('.chart')].every(c => c.scrollWidth > c.clientWidth) }",
    )
    .expect("the page measured");
    eprintln!("{got}");
    assert!(
        got.contains("\"page\":true"),
        "the page scrolls sideways: {got}"
    );
    assert!(got.contains("\"scrolls\":true"), "{got}");
    let narrowest: u32 = got
        .split("\"narrowest\":")
        .nth(1)
        .and_then(|s| s.split(',').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    assert!(narrowest >= 500, "charts shrink to {narrowest} px: {got}");
}
