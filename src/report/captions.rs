//! One caption sentence per chart, written from the report's data: what a
//! reader should see in the chart, said in words (the page's figure
//! caption, the chart's alternative text and the line under it in the
//! Markdown). Pure; the chart names are those of [`super::figures`].

use super::figures::{keyness_charts, thousands};
use super::model::{COMPARISON, Report};
use crate::analysis::keyness::Keyness;
use crate::analysis::turns::TurnStats;

/// Speakers (or groups) a caption names before it stops.
const NAMED: usize = 3;

/// Adjusted p above which the keyness chart fades a bar.
const ALPHA: f64 = super::charts::ALPHA;

/// `a`, `a and b`, `a, b and c`.
fn list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", init.join(", "), last.as_ref())
        }
    }
}

/// `38%` (a share of 0.38).
fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// The caption of each chart the report can draw: `(chart name, caption)`.
/// A chart missing here has no caption; a caption whose chart was not
/// drawn is never shown.
pub fn captions(r: &Report) -> Vec<(String, String)> {
    let mut out = vec![
        ("speaking-share".to_string(), share(r)),
        ("turn-timeline".into(), timeline(r)),
        (
            "turn-lengths-speaker".into(),
            medians(&r.turns_by_speaker, "speaker"),
        ),
        (
            "turn-lengths-role".into(),
            medians(&r.turns_by_role, "role"),
        ),
        ("exchanges-by-outlet".into(), outlets(r)),
        ("top-terms".into(), top_terms(r)),
    ];
    for (k, name) in r.keyness.iter().zip(keyness_charts(r)) {
        out.push((name, keyness(r, k)));
    }
    if let Some(c) = &r.comparison {
        out.push(("comparison".into(), comparison(r, c)));
    }
    out.push(("lexical-diversity".into(), diversity(r)));
    out.push(("dispersion".into(), dispersion(r)));
    out
}

fn share(r: &Report) -> String {
    let top: Vec<String> = r
        .speakers
        .iter()
        .filter(|s| s.words > 0)
        .take(NAMED)
        .enumerate()
        .map(|(i, s)| {
            let share = percent(s.share_of_words);
            if i == 0 {
                format!("{} spoke {share} of the words", s.name)
            } else {
                format!("{} {share}", s.name)
            }
        })
        .collect();
    if top.is_empty() {
        return "No speaker spoke a word.".into();
    }
    let rest: Vec<_> = r
        .speakers
        .iter()
        .filter(|s| s.words > 0)
        .skip(NAMED)
        .collect();
    let tail = if rest.is_empty() {
        String::new()
    } else {
        format!(
            "; the other {} speaker{} {} together",
            rest.len(),
            if rest.len() == 1 { "" } else { "s" },
            percent(rest.iter().map(|s| s.share_of_words).sum())
        )
    };
    format!("{}{tail}.", top.join(", "))
}

fn timeline(r: &Report) -> String {
    let turns: usize = r.timeline.iter().map(|t| t.turns.len()).sum();
    let transcripts = r.timeline.len();
    let mut by_turns: Vec<_> = r.speakers.iter().filter(|s| s.turns > 0).collect();
    by_turns.sort_by(|a, b| b.turns.cmp(&a.turns).then(a.name.cmp(&b.name)));
    let most: Vec<String> = by_turns
        .iter()
        .take(NAMED)
        .map(|s| format!("{} {}", s.name, thousands(s.turns as u64)))
        .collect();
    let who = if most.is_empty() {
        String::new()
    } else {
        format!("; most turns: {}", list(&most))
    };
    format!(
        "{} turns in the order spoken, over {} transcript{}, each as wide as its words{who}.",
        thousands(turns as u64),
        transcripts,
        if transcripts == 1 { "" } else { "s" },
    )
}

/// Median words per turn of the groups with most words (every role).
fn medians(rows: &[TurnStats], by: &str) -> String {
    let mut groups: Vec<_> = rows
        .iter()
        .filter(|t| t.group_by == by && t.turns > 0)
        .collect();
    groups.sort_by(|a, b| b.words.cmp(&a.words).then(a.group.cmp(&b.group)));
    let named: Vec<String> = groups
        .iter()
        .take(if by == "role" { usize::MAX } else { NAMED + 1 })
        .map(|t| format!("{} {:.0}", t.group, t.summary.median))
        .collect();
    if named.is_empty() {
        return "No turns.".into();
    }
    let all = rows
        .iter()
        .find(|t| t.group_by == "all")
        .map(|t| format!(" (all turns: {:.0})", t.summary.median))
        .unwrap_or_default();
    format!("Median words per turn: {}{all}.", list(&named))
}

fn outlets(r: &Report) -> String {
    let mut by: Vec<_> = r.outlets.iter().collect();
    by.sort_by(|a, b| b.exchanges.cmp(&a.exchanges).then(a.outlet.cmp(&b.outlet)));
    let top: Vec<String> = by
        .iter()
        .take(NAMED)
        .map(|o| format!("{} ({})", o.outlet, thousands(o.exchanges as u64)))
        .collect();
    let q: usize = r.outlets.iter().map(|o| o.question_words).sum();
    let a: usize = r.outlets.iter().map(|o| o.answer_words).sum();
    let ratio = if q > 0 {
        format!(
            "; answers ran {:.1} words per question word",
            a as f64 / q as f64
        )
    } else {
        String::new()
    };
    format!("Most exchanges: {}{ratio}.", list(&top))
}

fn top_terms(r: &Report) -> String {
    let per: Vec<String> = r
        .featured
        .iter()
        .take(NAMED)
        .filter_map(|f| {
            let terms: Vec<&str> = r
                .terms
                .iter()
                .filter(|t| t.group == *f)
                .take(NAMED)
                .map(|t| t.display.as_ref())
                .collect();
            (!terms.is_empty()).then(|| format!("{f}: {}", list(&terms)))
        })
        .collect();
    if per.is_empty() {
        return "No terms.".into();
    }
    format!("The first terms by rate: {}.", per.join("; "))
}

/// The names left out of a keyness table, as a sentence (empty when none).
fn left_out(r: &Report, table: &str) -> String {
    r.names_left_out
        .iter()
        .find(|n| n.table == table && !n.terms.is_empty())
        .map(|n| {
            format!(
                " Speakers' names left out: {} (--keep-names keeps them).",
                list(&n.terms)
            )
        })
        .unwrap_or_default()
}

/// The first terms of one side of a keyness table, strongest first.
fn side(k: &Keyness, over: bool) -> Vec<&str> {
    let mut rows: Vec<_> = k
        .rows
        .iter()
        .filter(|t| t.g2.is_finite() && (t.g2 > 0.0) == over && t.g2 != 0.0)
        .collect();
    rows.sort_by(|a, b| b.g2.abs().total_cmp(&a.g2.abs()));
    rows.iter()
        .take(NAMED)
        .map(|t| t.display.as_str())
        .collect()
}

fn keyness(r: &Report, k: &Keyness) -> String {
    let (more, less) = (side(k, true), side(k, false));
    let mut s = if more.is_empty() {
        format!(
            "{} used no term markedly more than {}",
            k.target, k.reference
        )
    } else {
        format!(
            "{} used {} most over {}",
            k.target,
            list(&more),
            k.reference
        )
    };
    if !less.is_empty() {
        s.push_str(&format!(", and {} least", list(&less)));
    }
    s.push('.');
    if k.rows.iter().any(|t| t.p_adj > ALPHA) {
        s.push_str(&format!(
            " Faded bars are not significant (adjusted p above {ALPHA})."
        ));
    }
    s + &left_out(r, &k.target)
}

fn comparison(r: &Report, c: &Keyness) -> String {
    let mut rows: Vec<_> = c.rows.iter().filter(|t| t.log_odds_z.is_some()).collect();
    rows.sort_by(|a, b| {
        b.log_odds_z
            .unwrap_or(0.0)
            .total_cmp(&a.log_odds_z.unwrap_or(0.0))
    });
    let a: Vec<&str> = rows
        .iter()
        .filter(|t| t.log_odds_z.unwrap_or(0.0) > 0.0)
        .take(NAMED)
        .map(|t| t.display.as_str())
        .collect();
    let b: Vec<&str> = rows
        .iter()
        .rev()
        .filter(|t| t.log_odds_z.unwrap_or(0.0) < 0.0)
        .take(NAMED)
        .map(|t| t.display.as_str())
        .collect();
    let end = |who: &str, terms: &[&str]| {
        if terms.is_empty() {
            format!("none typical of {who}")
        } else {
            format!("{} typical of {who}", list(terms))
        }
    };
    format!(
        "Each term at its rate for {} and for {}: {}; {} (weighted log-odds z).{}",
        c.target,
        c.reference,
        end(&c.target, &a),
        end(&c.reference, &b),
        left_out(r, COMPARISON)
    )
}

fn diversity(r: &Report) -> String {
    let top: Vec<&str> = r
        .speakers
        .iter()
        .take(25)
        .map(|s| s.name.as_str())
        .collect();
    let mut rows: Vec<_> = r
        .diversity
        .iter()
        .filter(|d| !d.short && top.contains(&d.group.as_str()))
        .collect();
    rows.sort_by(|a, b| b.measures.mattr.total_cmp(&a.measures.mattr));
    match (rows.first(), rows.last()) {
        (Some(hi), Some(lo)) if rows.len() > 1 => format!(
            "MATTR (window 100): {} highest ({:.3}), {} lowest ({:.3}) of the {} speakers with 100 tokens or more.",
            hi.group,
            hi.measures.mattr,
            lo.group,
            lo.measures.mattr,
            rows.len()
        ),
        (Some(one), _) => format!(
            "MATTR (window 100): {} {:.3}, the one speaker with 100 tokens or more.",
            one.group, one.measures.mattr
        ),
        _ => "No speaker has 100 tokens: MATTR is the plain TTR.".into(),
    }
}

fn dispersion(r: &Report) -> String {
    let d = &r.dispersion;
    let most = d
        .terms
        .iter()
        .max_by(|a, b| {
            a.positions
                .len()
                .cmp(&b.positions.len())
                .then(b.display.cmp(&a.display))
        })
        .map(|t| {
            format!(
                "; {} ({}) occurs most, {} times",
                t.display,
                t.speaker,
                thousands(t.positions.len() as u64)
            )
        })
        .unwrap_or_default();
    format!(
        "Each tick is one use of a key term along the corpus's {} tokens{most}.",
        thousands(d.total_tokens)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_prose() {
        assert_eq!(list::<&str>(&[]), "");
        assert_eq!(list(&["a"]), "a");
        assert_eq!(list(&["a", "b"]), "a and b");
        assert_eq!(list(&["a", "b", "c"]), "a, b and c");
        assert_eq!(percent(0.384), "38%");
    }
}
