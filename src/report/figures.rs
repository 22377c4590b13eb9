//! The report's charts: maps a [`Report`] onto the inputs of
//! [`super::charts`] and renders each one on the report's one [`Page`]:
//! its printed size, the source line at the foot of every figure, and the
//! speakers' colours, assigned here once (most words first) so that a
//! speaker has one colour in every chart. Pure.

pub use super::charts::thousands;
use super::charts::{self, Chart, Page};
use super::model::{COMPARISON, Report};
use crate::error::Result;

/// Speakers named in charts before the rest is pooled as "others".
const TOP_SPEAKERS: usize = 15;

/// The line at the foot of every figure: the corpus (the report's title),
/// the dates of its transcripts when known, and the tribune version; never
/// the time of the run, so that reruns are byte-identical.
pub fn source_line(r: &Report) -> String {
    let dates = match (&r.overview.first_date, &r.overview.last_date) {
        (Some(a), Some(b)) if a != b => format!(", {a} to {b}"),
        (Some(a), _) | (None, Some(a)) => format!(", {a}"),
        (None, None) => String::new(),
    };
    format!(
        "Source: {}{dates}. Chart: tribune {}.",
        r.title,
        env!("CARGO_PKG_VERSION")
    )
}

/// The page every figure of the report is drawn on: speakers in order of
/// words get the palette's colours, the rest grey.
pub fn page(r: &Report) -> Page {
    let speakers: Vec<String> = r
        .speakers
        .iter()
        .filter(|s| s.words > 0)
        .map(|s| s.name.clone())
        .collect();
    Page::new(r.figure.width, r.figure.dpi, &source_line(r), &speakers)
}

/// The names left out of the table `table`, for its chart's note.
fn left_out(r: &Report, table: &str) -> Vec<String> {
    r.names_left_out
        .iter()
        .find(|n| n.table == table)
        .map(|n| n.terms.clone())
        .unwrap_or_default()
}

/// File-name-safe slug of a name: lower-case ASCII letters and digits,
/// every other run of characters one `-`, at most 60 bytes; never empty.
pub fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            s.push(c);
        } else if !s.ends_with('-') {
            s.push('-');
        }
    }
    let s = s.trim_matches('-');
    let mut s: String = s.chars().take(60).collect();
    while s.ends_with('-') {
        s.pop();
    }
    if s.is_empty() { "x".into() } else { s }
}

/// Slugs that tell the names apart: each name's [`slug`], except where
/// two different names share one (`Мария Захарова` and `Сергей Лавров`
/// are both `x`, `A.B` and `A B` both `a-b`): those get `-` and the first
/// 8 hex digits of the SHA-256 of the name as written, and, should two of
/// those still be one, `-2`, `-3`... in the order given. The same name
/// always gets the same slug; the result depends only on the names.
pub fn distinct_slugs(names: &[&str]) -> Vec<String> {
    use sha2::{Digest, Sha256};
    use std::collections::{BTreeMap, BTreeSet};
    let bases: Vec<String> = names.iter().map(|n| slug(n)).collect();
    let mut by_base: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (b, n) in bases.iter().zip(names) {
        by_base.entry(b).or_default().insert(n);
    }
    let mut out: Vec<String> = bases
        .iter()
        .zip(names)
        .map(|(b, n)| {
            if by_base.get(b.as_str()).is_some_and(|s| s.len() > 1) {
                let hash = Sha256::digest(n.as_bytes());
                let hex: String = hash.iter().take(4).map(|x| format!("{x:02x}")).collect();
                format!("{b}-{hex}")
            } else {
                b.clone()
            }
        })
        .collect();
    // A name keeps the slug it got first; another name with the same one
    // gets a number.
    let mut owner: BTreeMap<String, &str> = BTreeMap::new();
    for (i, n) in names.iter().enumerate() {
        let mut k = 1;
        let base = out[i].clone();
        loop {
            match owner.get(&out[i]) {
                Some(o) if o != n => {
                    k += 1;
                    out[i] = format!("{base}-{k}");
                }
                _ => break,
            }
        }
        owner.insert(out[i].clone(), n);
    }
    out
}

/// The file stem of each keyness chart of the report, in the order of
/// `r.keyness`: `keyness-` and a slug of the target distinct from the
/// other targets' ([`distinct_slugs`]).
pub fn keyness_charts(r: &Report) -> Vec<String> {
    let names: Vec<&str> = r.keyness.iter().map(|k| k.target.as_str()).collect();
    distinct_slugs(&names)
        .into_iter()
        .map(|s| format!("keyness-{s}"))
        .collect()
}

/// Every chart of the report, in the order the page shows them.
pub fn figures(r: &Report) -> Result<Vec<Chart>> {
    let mut out = Vec::new();
    let many = r.overview.transcripts > 1;
    let page = page(r);

    // Speaking share.
    let mut rows: Vec<charts::ShareRow> = r
        .speakers
        .iter()
        .take(TOP_SPEAKERS)
        .map(|s| charts::ShareRow {
            label: s.name.clone(),
            words: s.words as u64,
            pooled: 0,
        })
        .collect();
    if r.speakers.len() > TOP_SPEAKERS {
        let rest = &r.speakers[TOP_SPEAKERS..];
        rows.push(charts::ShareRow {
            label: "others".into(),
            words: rest.iter().map(|s| s.words as u64).sum(),
            pooled: rest.len(),
        });
    }
    out.push(charts::speaking_share(
        &charts::SpeakingShareInput {
            title: "Speaking share".into(),
            subtitle: String::new(),
            rows,
            max_rows: TOP_SPEAKERS + 1,
        },
        &page,
    )?);

    // Timeline.
    out.push(charts::turn_timeline(
        &charts::TimelineInput {
            title: "Turns over time".into(),
            subtitle: String::new(),
            transcripts: r
                .timeline
                .iter()
                .map(|t| charts::TimelineRow {
                    label: t.transcript.clone(),
                    turns: t
                        .turns
                        .iter()
                        .map(|(s, w)| charts::TimelineTurn {
                            speaker: s.clone(),
                            words: *w,
                        })
                        .collect(),
                })
                .collect(),
            max_rows: 40,
        },
        &page,
    )?);

    // Turn lengths.
    for (by, name, title) in [
        ("speaker", "turn-lengths-speaker", "Turn lengths by speaker"),
        ("role", "turn-lengths-role", "Turn lengths by role"),
    ] {
        let groups: Vec<charts::BoxGroup> = r
            .turn_words
            .iter()
            .filter(|g| g.group_by == by)
            .map(|g| charts::BoxGroup {
                label: g.group.clone(),
                values: g.values.iter().map(|&v| v as f64).collect(),
            })
            .collect();
        out.push(charts::box_plot(
            &charts::BoxPlotInput {
                title: title.into(),
                subtitle: String::new(),
                name: name.into(),
                value_label: "words per turn".into(),
                groups,
                log_scale: None,
                speakers: by == "speaker",
                max_rows: 0,
            },
            &page,
        )?);
    }

    // Exchanges.
    if !r.outlets.is_empty() {
        out.push(charts::exchange_bars(
            &charts::ExchangeInput {
                title: "Questions and answers by outlet".into(),
                subtitle: String::new(),
                rows: r
                    .outlets
                    .iter()
                    .map(|o| charts::ExchangeRow {
                        outlet: o.outlet.clone(),
                        question_words: o.question_words as u64,
                        answer_words: o.answer_words as u64,
                    })
                    .collect(),
                max_rows: 25,
            },
            &page,
        )?);
    }

    // Top terms per featured speaker.
    let panels = r
        .featured
        .iter()
        .map(|f| charts::TermPanel {
            label: f.clone(),
            terms: r
                .terms
                .iter()
                .filter(|t| t.group == *f)
                .map(|t| charts::TermValue {
                    term: t.display.to_string(),
                    value: t.rate,
                })
                .collect(),
        })
        .collect();
    out.push(charts::top_terms(
        &charts::TopTermsInput {
            title: "Most frequent terms".into(),
            subtitle: String::new(),
            value_label: "per 10,000 tokens".into(),
            panels,
            max_panels: 9,
            max_terms: 10,
            shared_scale: true,
        },
        &page,
    )?);

    // Keyness per featured speaker.
    for (k, name) in r.keyness.iter().zip(keyness_charts(r)) {
        out.push(charts::keyness_bars(
            &charts::KeynessInput {
                title: format!("Distinctive terms: {}", k.target),
                subtitle: String::new(),
                name,
                target: k.target.clone(),
                reference: k.reference.clone(),
                terms: k
                    .rows
                    .iter()
                    .map(|t| charts::KeyTerm {
                        term: t.display.clone(),
                        g2: t.g2,
                        p_adj: t.p_adj,
                    })
                    .collect(),
                n: 10,
                left_out: left_out(r, &k.target),
                keep_hint: "--keep-names".into(),
            },
            &page,
        )?);
    }

    // Comparison scatter.
    if let Some(c) = &r.comparison {
        let mut ranked: Vec<(usize, f64)> = c
            .rows
            .iter()
            .enumerate()
            .map(|(i, t)| (i, t.log_odds_z.unwrap_or(0.0).abs()))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let labelled: std::collections::HashSet<usize> =
            ranked.iter().take(30).map(|x| x.0).collect();
        let names = left_out(r, COMPARISON);
        out.push(charts::comparison_scatter(
            &charts::ScatterInput {
                title: format!("{} vs {}", c.target, c.reference),
                subtitle: if names.is_empty() {
                    String::new()
                } else {
                    format!(
                        "Speakers' names left out: {} (--keep-names keeps them).",
                        names.join(", ")
                    )
                },
                name: "comparison".into(),
                a: c.target.clone(),
                b: c.reference.clone(),
                points: c
                    .rows
                    .iter()
                    .enumerate()
                    .map(|(i, t)| charts::ScatterPoint {
                        term: t.display.clone(),
                        rate_a: t.target_rate,
                        rate_b: t.reference_rate,
                        score: t.log_odds_z.unwrap_or(0.0),
                        label: labelled.contains(&i),
                    })
                    .collect(),
                max_labels: 30,
                max_points: 3000,
            },
            &page,
        )?);
    }

    // Diversity.
    out.push(charts::diversity_dots(
        &charts::DiversityInput {
            title: "Lexical diversity".into(),
            subtitle: String::new(),
            measure: "MATTR".into(),
            // The speakers with most words (diversity of a few words says little).
            rows: r
                .diversity
                .iter()
                .filter(|d| r.speakers.iter().take(25).any(|s| s.name == d.group))
                .map(|d| charts::DiversityRow {
                    label: d.group.clone(),
                    value: d.measures.mattr,
                    tokens: d.measures.tokens,
                })
                .collect(),
            min_tokens: 100,
            max_rows: 25,
        },
        &page,
    )?);

    // Dispersion.
    if !r.dispersion.terms.is_empty() {
        out.push(charts::dispersion(
            &charts::DispersionInput {
                title: "Where the key terms occur".into(),
                subtitle: String::new(),
                terms: r
                    .dispersion
                    .terms
                    .iter()
                    .map(|t| charts::DispersionTerm {
                        term: format!("{} ({})", t.display, t.speaker),
                        speaker: t.speaker.clone(),
                        positions: t.positions.clone(),
                    })
                    .collect(),
                total_tokens: r.dispersion.total_tokens,
                transcripts: if many {
                    r.dispersion
                        .transcripts
                        .iter()
                        .map(|(l, s)| charts::DispersionTranscript {
                            label: l.clone(),
                            start: *s,
                        })
                        .collect()
                } else {
                    Vec::new()
                },
                max_rows: 20,
            },
            &page,
        )?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe() {
        assert_eq!(slug("Zulyat Ismail"), "zulyat-ismail");
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("<script>"), "script");
        assert_eq!(slug("华春莹"), "x");
        assert_eq!(slug("MS. PSAKI"), "ms-psaki");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn names_that_share_a_slug_get_distinct_ones() {
        let got = distinct_slugs(&[
            "Мария Захарова",
            "Zulyat Ismail",
            "Сергей Лавров",
            "A.B",
            "A B",
            "Мария Захарова",
        ]);
        // The suffixes are the first 4 bytes of SHA-256 of the UTF-8
        // names (`printf %s NAME | sha256sum`).
        assert_eq!(
            got,
            [
                "x-1e4cff3a",
                "zulyat-ismail",
                "x-9367306e",
                "a-b-4b861d8b",
                "a-b-fea4c5ce",
                "x-1e4cff3a",
            ]
        );
        // Alone, a name keeps its plain slug.
        assert_eq!(
            distinct_slugs(&["Мария Захарова", "Zulyat Ismail"]),
            ["x", "zulyat-ismail"]
        );
    }
}
