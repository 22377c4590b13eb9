//! Unit tests of the honest marks and of what print needs: keyness bars
//! that are not significant are faded and the names left out are named;
//! tiny box-plot groups are dots and a log axis says why; every highlighted
//! scatter term is labelled or named in a note; long names wrap onto two
//! lines; a speaker keeps one colour from chart to chart. Every chart also
//! passes the shared checks of [`super::tests`] (7 pt text, PNG resolution).

use super::tests::{check_chart, has_text, names, page, texts};
use super::*;

#[test]
fn keyness_fades_terms_that_are_not_significant() {
    let term = |t: &str, g2: f64, p_adj: f64| KeyTerm {
        term: t.into(),
        g2,
        p_adj,
    };
    let c = keyness_bars(
        &KeynessInput {
            target: "Xu Guixiang".into(),
            reference: "everyone else".into(),
            terms: vec![
                term("strong", 40.0, 0.001),
                term("weak", 3.0, 0.7),
                term("under", -20.0, 0.01),
            ],
            left_out: vec!["karine".into()],
            keep_hint: "--keep-names".into(),
            ..Default::default()
        },
        &page(),
    )
    .expect("chart");
    check_chart(&c);
    let faded = c
        .svg
        .lines()
        .filter(|l| l.starts_with("<rect") && l.contains("opacity=\"0.3\""))
        .count();
    // One faded bar, and the faded swatch of the legend.
    assert_eq!(faded, 2, "{}", c.svg);
    assert!(
        c.svg
            .contains("Faded bars: 1 term whose adjusted p is above 0.05")
    );
    assert!(
        c.svg
            .contains("names left out: karine (--keep-names keeps them)")
    );
}

#[test]
fn box_plot_draws_tiny_groups_as_dots_and_says_why_the_axis_is_log() {
    // Right-skewed turn lengths: most short, a few long.
    let mut skewed: Vec<f64> = (0..60).map(|i| f64::from(5 + i % 20)).collect();
    skewed.extend([300.0, 450.0, 600.0]);
    let c = box_plot(
        &BoxPlotInput {
            groups: vec![
                BoxGroup {
                    label: "Xu Guixiang".into(),
                    values: skewed,
                },
                BoxGroup {
                    label: "Reuters".into(),
                    values: vec![40.0],
                },
            ],
            speakers: true,
            ..Default::default()
        },
        &page(),
    )
    .expect("chart");
    check_chart(&c);
    assert!(c.svg.contains("(log scale)"));
    assert!(
        c.svg
            .contains("Logarithmic axis: the values are right-skewed")
    );
    assert!(c.svg.contains("drawn as one dot per value, not as a box"));
    // One box (filled rect at 0.35 opacity) for the first group only.
    let boxes = c
        .svg
        .lines()
        .filter(|l| l.starts_with("<rect") && l.contains("opacity=\"0.35\""))
        .count();
    assert_eq!(boxes, 1);
}

#[test]
fn scatter_names_every_highlighted_term_it_cannot_label() {
    // Forty highlighted terms on one spot: most labels cannot be placed.
    let points = (0..40)
        .map(|i| ScatterPoint {
            term: format!("term{i}"),
            rate_a: 50.0,
            rate_b: 5.0,
            score: 3.0,
            label: true,
        })
        .collect();
    let c = comparison_scatter(
        &ScatterInput {
            a: "Xu Guixiang".into(),
            b: "Reuters".into(),
            points,
            max_labels: 40,
            ..Default::default()
        },
        &page(),
    )
    .expect("chart");
    check_chart(&c);
    let svg = c.svg.replace('\n', " ");
    for i in 0..40 {
        let t = format!("term{i}");
        assert!(
            has_text(&c, &t) || svg.contains(&format!("{t},")) || svg.contains(&format!("{t}.")),
            "{t} neither labelled nor listed"
        );
    }
    assert!(
        c.svg
            .contains("Highlighted but unlabelled for lack of room")
    );
}

#[test]
fn long_names_wrap_onto_two_lines_before_they_are_cut() {
    let c = speaking_share(
        &SpeakingShareInput {
            rows: vec![
                ShareRow {
                    label: "SENIOR ADMINISTRATION OFFICIAL NUMBER ONE OF THREE".into(),
                    words: 100,
                    pooled: 0,
                },
                ShareRow {
                    label: "Q".into(),
                    words: 50,
                    pooled: 0,
                },
            ],
            ..Default::default()
        },
        &page(),
    )
    .expect("chart");
    check_chart(&c);
    let t = texts(&c.svg);
    assert!(
        t.iter().any(|l| l == "SENIOR ADMINISTRATION OFFICIAL"),
        "{t:?}"
    );
    assert!(t.iter().any(|l| l == "NUMBER ONE OF THREE"), "{t:?}");
}

#[test]
fn speakers_keep_one_colour_across_charts() {
    let p = page();
    let share = speaking_share(
        &SpeakingShareInput {
            rows: (0..3)
                .map(|i| ShareRow {
                    label: names(2 - i),
                    words: 100 * (i as u64 + 1),
                    pooled: 0,
                })
                .collect(),
            ..Default::default()
        },
        &p,
    )
    .expect("share");
    let keyness = keyness_bars(
        &KeynessInput {
            target: names(2),
            terms: vec![KeyTerm {
                term: "a".into(),
                g2: 5.0,
                p_adj: 0.0,
            }],
            ..Default::default()
        },
        &p,
    )
    .expect("keyness");
    // names(2) is the third speaker of the page: the third colour, in both
    // charts, whatever its rank in either.
    let third = "#009E73";
    assert!(share.svg.contains(third) && keyness.svg.contains(third));
}

#[test]
fn a_row_label_keeps_its_count_and_wraps_before_it_cuts() {
    use super::canvas::text_width;
    use super::layout::{LABEL, row_label};
    let name = "ADMINISTRATOR CRISWELL";
    let suffix = " (1,360 tokens)";
    // Room for the name, not for the name and its count.
    let max = text_width(name, LABEL.em, false) + 4.0;
    let lines = row_label(name, suffix, max, LABEL);
    assert_eq!(lines, [name, "(1,360 tokens)"]);
    // Too long for two lines: cut with "…", the count kept.
    let long = "SENIOR ADMINISTRATION OFFICIAL ON THE ROLLOUT OF FREE TESTS";
    let lines = row_label(long, " (n=3)", 120.0, LABEL);
    assert_eq!(lines.len(), 2);
    assert!(
        lines[1].ends_with("… (n=3)") || lines[1].ends_with("…(n=3)"),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .all(|l| text_width(l, LABEL.em, false) <= 120.5)
    );
}
