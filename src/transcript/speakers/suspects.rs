//! Probable typos among labels (`MODEARTOR`, `MR. SULLIVCAN`, `S. PSAKI`):
//! a rare speaker whose label is one or two edits from a frequent one's,
//! or an initial where the frequent one has an honorific, listed with the
//! name it probably means and why. Nothing here merges: a typo rule can be
//! wrong (`MR. LANCE` and `MR. VANCE` are two people), so the user decides,
//! with a roster alias. (The one merge that cannot be wrong, labels with
//! the same letters and digits, is made in [`super::aliases`].)

use serde::Serialize;

use super::super::{Corpus, Role, speaker_totals};
use super::names::{bare_key, key, words};

/// A label that is probably a typo of another.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suspect {
    /// The rare speaker's name.
    pub label: String,
    /// Its turns.
    pub turns: usize,
    /// The speaker it probably means.
    pub probably: String,
    /// That speaker's turns.
    pub probably_turns: usize,
    /// Edits between the two names (letters, case aside).
    pub distance: usize,
    /// The reasons, in words.
    pub why: Vec<String>,
}

/// How many times more turns the meant speaker must have.
const RATIO: usize = 3;

/// Edits allowed for a name of `len` characters: one under 12, two from 12
/// on (a sixth of the length, between one and two).
fn allowed(len: usize) -> usize {
    (len / 6).clamp(1, 2)
}

/// The probable typos of a corpus, most turns of the meant speaker first
/// (ties by label).
pub fn suspects(corpus: &Corpus) -> Vec<Suspect> {
    let totals = speaker_totals(corpus);
    // The transcripts each speaker speaks in (sorted, for intersections).
    let mut present: Vec<Vec<usize>> = vec![Vec::new(); corpus.speakers.len()];
    for (ti, t) in corpus.transcripts.iter().enumerate() {
        for u in &t.turns {
            if let Some(p) = present.get_mut(u.speaker)
                && p.last() != Some(&ti)
            {
                p.push(ti);
            }
        }
    }
    let named: Vec<usize> = (0..corpus.speakers.len())
        .filter(|&i| !corpus.speakers[i].anonymous)
        .collect();
    let keys: Vec<String> = corpus.speakers.iter().map(|s| key(&s.name)).collect();
    let bares: Vec<String> = corpus.speakers.iter().map(|s| bare_key(&s.name)).collect();
    // Frequent speakers, by the length of their key: a suspect is compared
    // only with names of about its length.
    let mut by_len: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for &j in &named {
        if totals[j].0 >= RATIO {
            by_len.entry(keys[j].chars().count()).or_default().push(j);
        }
    }
    let mut out = Vec::new();
    for &i in &named {
        let turns = totals[i].0;
        let len = keys[i].chars().count();
        let d_max = allowed(len);
        let mut best: Option<(usize, usize, Vec<String>)> = None;
        let lo = len.saturating_sub(d_max);
        for (_, js) in by_len.range(lo..=len + d_max) {
            for &j in js {
                if j == i || totals[j].0 < RATIO * turns.max(1) {
                    continue;
                }
                if differ_in_digits_only(&keys[i], &keys[j]) {
                    continue; // `OFFICIAL 1`, `OFFICIAL 2`: numbered on purpose
                }
                let d = strsim::osa_distance(&keys[i], &keys[j]);
                let mut why = Vec::new();
                if d <= d_max && d > 0 {
                    why.push(format!(
                        "{d} edit{} in {len} letters",
                        if d == 1 { "" } else { "s" }
                    ));
                } else if let Some(w) = initial_for_honorific(&corpus.speakers[i].name, &bares[j]) {
                    why.push(w);
                } else {
                    continue;
                }
                why.push(format!(
                    "{turns} turn{} against {}",
                    if turns == 1 { "" } else { "s" },
                    totals[j].0
                ));
                let si = &corpus.speakers[i];
                let sj = &corpus.speakers[j];
                if si.role == sj.role && si.role != Role::Other {
                    why.push(format!("both {}", si.role));
                }
                if present[i]
                    .iter()
                    .any(|t| present[j].binary_search(t).is_ok())
                {
                    why.push("in a transcript where the other speaks".into());
                }
                let better = match &best {
                    None => true,
                    Some((bj, bd, _)) => {
                        (d, std::cmp::Reverse(totals[j].0))
                            < (*bd, std::cmp::Reverse(totals[*bj].0))
                    }
                };
                if better {
                    best = Some((j, d, why));
                }
            }
        }
        if let Some((j, d, why)) = best {
            out.push(Suspect {
                label: corpus.speakers[i].name.clone(),
                turns,
                probably: corpus.speakers[j].name.clone(),
                probably_turns: totals[j].0,
                distance: d,
                why,
            });
        }
    }
    out.sort_by(|a, b| {
        b.probably_turns
            .cmp(&a.probably_turns)
            .then_with(|| a.label.cmp(&b.label))
    });
    out
}

/// Do two keys differ in their digits alone?
fn differ_in_digits_only(a: &str, b: &str) -> bool {
    let strip = |s: &str| {
        s.chars()
            .filter(|c| !c.is_ascii_digit())
            .collect::<String>()
    };
    a != b && strip(a) == strip(b)
}

/// The suspects as a table.
pub fn table(rows: &[Suspect]) -> crate::table::Table {
    use crate::table::{Cell, Table};
    let mut t = Table::new([
        "label",
        "turns",
        "probably",
        "probably_turns",
        "distance",
        "why",
    ]);
    for r in rows {
        t.push(vec![
            Cell::s(&r.label),
            Cell::i(r.turns),
            Cell::s(&r.probably),
            Cell::i(r.probably_turns),
            Cell::i(r.distance),
            Cell::s(r.why.join("; ")),
        ]);
    }
    t
}

/// `S. PSAKI` for `PSAKI`: an initial (one letter) where the other has an
/// honorific or nothing, before the same surname.
fn initial_for_honorific(label: &str, other_bare: &str) -> Option<String> {
    let ws = words(label);
    match ws.as_slice() {
        [initial, rest @ ..]
            if initial.chars().count() == 1 && !rest.is_empty() && rest.join(" ") == other_bare =>
        {
            Some(format!(
                "an initial `{}.` before the same name",
                initial.to_uppercase()
            ))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_edits_grow_with_length() {
        assert_eq!(allowed(4), 1);
        assert_eq!(allowed(9), 1);
        assert_eq!(allowed(13), 2);
        assert_eq!(allowed(40), 2);
        assert_eq!(
            initial_for_honorific("S. PSAKI", "psaki").as_deref(),
            Some("an initial `S.` before the same name")
        );
        assert_eq!(initial_for_honorific("MS. PSAKI", "psaki"), None);
    }
}
