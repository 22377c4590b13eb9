//! Alias merging: labels into speakers. Exact groups by key (name part,
//! NFC, lower case; anonymous labels apart), the roster's names and aliases
//! (looked up by key), then the same name without an honorific, a single
//! word that ends exactly one longer name, and the typo rule that cannot be
//! wrong ([`super::suspects`]). The canonical name, aliases and the reasons
//! of each merge are the speaker's.

use std::collections::HashMap;

use super::super::roster::Roster;
use super::super::{Role, Speaker};
use super::anonymous;
use super::names::{bare_key, key, name_part, nfc, words};
use crate::error::{Error, Result};
use crate::text::hash::FastMap;

/// A label's letters and digits, lower case (NFC): `MS.PSAKI` and `Ms.
/// Psaki` are `mspsaki`.
fn skeleton(label: &str) -> String {
    nfc(name_part(label))
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The key a label is grouped by: its name part in NFC, lower case; for an
/// anonymous label, its canonical words (`(Unknown)` and `UNKNOWN` are one).
pub(crate) fn group_key(label: &str, anonymous: bool) -> String {
    if anonymous {
        anonymous::canonical(label).to_lowercase()
    } else {
        key(label)
    }
}

struct Group {
    labels: Vec<(String, usize)>, // (label as written, blocks)
    anonymous: bool,
    roster: Option<usize>,
    explain: Vec<String>,
}

/// Speakers resolved from the labels alone (steps 1 to 4 of [`super::resolve`]).
pub(crate) struct Labelled {
    /// The speakers, in order of first appearance; roles only from the roster.
    pub speakers: Vec<Speaker>,
    /// Speakers whose role the roster sets.
    pub rostered: Vec<bool>,
    /// Label as written → speaker, for named labels (`[0]`) and bare `Q`
    /// ones (`[1]`).
    pub label_speaker: [HashMap<String, usize>; 2],
}

/// Resolve the labels of every block, in corpus order, into speakers:
/// `(label, anonymous, blocks)` items, where one item may stand for several
/// blocks with the same label (the result is the same as for one item a
/// block, as long as each label first comes in the same order).
#[allow(clippy::needless_range_loop)] // indices tie groups, parents and speakers together
pub(crate) fn resolve_labels<'a>(
    labels: impl IntoIterator<Item = (&'a str, bool, usize)>,
    roster: Option<&Roster>,
) -> Result<Labelled> {
    // 1. Exact groups by case-insensitive name part, in order of appearance.
    let mut groups: Vec<Group> = Vec::new();
    let mut by_key: FastMap<(String, bool), usize> = FastMap::default();
    // Each label as written → (group, its index in the group's labels):
    // most blocks repeat a label already seen, which then costs one lookup.
    let mut by_label: FastMap<(&str, bool), (usize, usize)> = FastMap::default();
    for (label, anonymous, blocks) in labels {
        let (gi, li) = match by_label.get(&(label, anonymous)) {
            Some(&at) => at,
            None => {
                let k = (group_key(label, anonymous), anonymous);
                let gi = *by_key.entry(k).or_insert_with(|| {
                    groups.push(Group {
                        labels: Vec::new(),
                        anonymous,
                        roster: None,
                        explain: Vec::new(),
                    });
                    groups.len() - 1
                });
                let g = &mut groups[gi];
                g.labels.push((nfc(label).into_owned(), 0));
                let at = (gi, g.labels.len() - 1);
                by_label.insert((label, anonymous), at);
                at
            }
        };
        groups[gi].labels[li].1 += blocks;
    }
    // parent[i] = group i is merged into parent[i].
    let mut parent: Vec<usize> = (0..groups.len()).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    /// Merge group `i` into `j`'s, saying `why` in `i`'s explanation.
    fn join(parent: &mut [usize], groups: &mut [Group], i: usize, j: usize, why: &str) {
        let (a, b) = (find(parent, i), find(parent, j));
        if a != b {
            parent[a] = b;
            let msg = format!(
                "`{}` merged with `{}`: {why}",
                groups[i].labels[0].0, groups[j].labels[0].0
            );
            groups[i].explain.push(msg);
        }
    }

    // 2. Roster: names and aliases claim groups, looked up by key (a
    //    label's groups are found by its key, so a roster of n entries costs
    //    n lookups, not n scans of the labels).
    if let Some(r) = roster {
        for (ei, e) in r.entries.iter().enumerate() {
            let mut hits: Vec<usize> = Vec::new();
            for n in std::iter::once(&e.name).chain(e.aliases.iter()) {
                let n = super::super::parse::normalise_label(n);
                for anonymous in [false, true] {
                    if let Some(&gi) = by_key.get(&(group_key(&n, anonymous), anonymous)) {
                        hits.push(gi);
                    }
                }
            }
            hits.sort_unstable();
            hits.dedup();
            let Some(&gi) = hits.first() else {
                return Err(Error::Roster {
                    path: r.path.clone(),
                    line: e.line,
                    message: format!(
                        "`{}` matches no speaker label in the input (names and aliases are compared case-insensitively)",
                        e.name
                    ),
                });
            };
            for &other in &hits[1..] {
                let a = find(&mut parent, other);
                let root = find(&mut parent, gi);
                if a != root {
                    parent[a] = root;
                }
            }
            let root = find(&mut parent, gi);
            groups[root].roster = Some(ei);
        }
    }

    // 3. Aliases: honorific + bare name, or a single word that is the first
    //    or last word of exactly one multi-word name.
    let n = groups.len();
    let bare: Vec<String> = groups.iter().map(|g| bare_key(&g.labels[0].0)).collect();
    // Looked up once for all: the first named group of each bare key, and
    // for each word the named groups of several words it starts or ends
    // (in order), instead of a scan of every group for every group.
    let mut first_bare: FastMap<&str, usize> = FastMap::default();
    let mut ends_of: FastMap<&str, Vec<usize>> = FastMap::default();
    for j in 0..n {
        if groups[j].anonymous {
            continue;
        }
        first_bare.entry(bare[j].as_str()).or_insert(j);
        let ws: Vec<&str> = bare[j].split(' ').collect();
        if let (true, Some(&first), Some(&last)) = (ws.len() > 1, ws.first(), ws.last()) {
            ends_of.entry(first).or_default().push(j);
            if last != first {
                ends_of.entry(last).or_default().push(j);
            }
        }
    }
    for i in 0..n {
        if groups[i].anonymous || groups[i].roster.is_some() {
            continue;
        }
        let bi = &bare[i];
        // Same bare key (`MS. PSAKI` and `PSAKI`): merge into the earlier group.
        if let Some(&j) = first_bare.get(bi.as_str()).filter(|&&j| j < i) {
            join(
                &mut parent,
                &mut groups,
                i,
                j,
                "the same name without an honorific",
            );
            continue;
        }
        if bi.contains(' ') || bi.is_empty() {
            continue;
        }
        let mut candidates = ends_of
            .get(bi.as_str())
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter(|&&j| j != i);
        if let (Some(&j), None) = (candidates.next(), candidates.next()) {
            join(
                &mut parent,
                &mut groups,
                i,
                j,
                "the only longer name containing it",
            );
        }
    }

    // 3b. The merge no typo rule needs, for labels still apart: the same letters and digits, only
    //    spacing or punctuation apart (`MS.PSAKI`, `MS. PSAKI`).
    let skeletons: Vec<String> = groups.iter().map(|g| skeleton(&g.labels[0].0)).collect();
    let mut first_skeleton: FastMap<&str, usize> = FastMap::default();
    for i in 0..n {
        if groups[i].anonymous || skeletons[i].is_empty() {
            continue;
        }
        let j = *first_skeleton.entry(skeletons[i].as_str()).or_insert(i);
        if j < i && groups[i].roster.is_none() {
            join(
                &mut parent,
                &mut groups,
                i,
                j,
                "the same letters, only spacing or punctuation differ (a merge that cannot be wrong; other probable typos are listed by `tribune speakers --suspects`)",
            );
        }
    }

    // 4. Build speakers from the roots, in order of first appearance.
    let mut root_to_speaker: HashMap<usize, usize> = HashMap::new();
    let mut speakers: Vec<Speaker> = Vec::new();
    let mut group_speaker = vec![0usize; n];
    for gi in 0..n {
        let root = find(&mut parent, gi);
        let si = *root_to_speaker.entry(root).or_insert_with(|| {
            speakers.push(Speaker {
                name: String::new(),
                role: Role::Other,
                outlet: None,
                aliases: Vec::new(),
                explain: Vec::new(),
                anonymous: groups[root].anonymous,
            });
            speakers.len() - 1
        });
        group_speaker[gi] = si;
    }
    // Speakers whose role the roster sets: inference leaves them alone.
    let mut rostered = vec![false; speakers.len()];
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); speakers.len()];
    for gi in 0..n {
        members[group_speaker[gi]].push(gi);
    }
    for (si, ms) in members.iter().enumerate() {
        let mut labels: Vec<(String, usize)> = Vec::new();
        let mut explain = Vec::new();
        let mut roster_entry = None;
        for &gi in ms {
            labels.extend(groups[gi].labels.iter().cloned());
            explain.extend(groups[gi].explain.iter().cloned());
            if groups[gi].roster.is_some() {
                roster_entry = groups[gi].roster;
            }
        }
        let root = find(&mut parent, ms[0]);
        if roster_entry.is_none() {
            roster_entry = groups[root].roster;
        }
        // Canonical: roster name, else the name part with the most words,
        // then the most used form, then the first seen.
        let name = match (roster, roster_entry) {
            (Some(r), Some(ei)) => r.entries[ei].name.clone(),
            _ => {
                let mut best = 0;
                for (i, (l, c)) in labels.iter().enumerate() {
                    let (bl, bc) = (&labels[best].0, labels[best].1);
                    let (wn, wb) = (words(name_part(l)).len(), words(name_part(bl)).len());
                    if wn > wb || (wn == wb && *c > bc) {
                        best = i;
                    }
                }
                name_part(&labels[best].0).to_string()
            }
        };
        let mut aliases: Vec<String> = labels
            .iter()
            .map(|(l, _)| l.clone())
            .filter(|l| *l != name)
            .collect();
        aliases.sort();
        aliases.dedup();
        let s = &mut speakers[si];
        s.name = name;
        s.aliases = aliases;
        s.explain = explain;
        if let (Some(r), Some(ei)) = (roster, roster_entry) {
            let e = &r.entries[ei];
            if let Some(role) = e.role {
                s.role = role;
                rostered[si] = true;
                s.explain
                    .push(format!("role `{role}` from the roster (line {})", e.line));
            }
            if let Some(o) = &e.outlet {
                s.outlet = Some(o.clone());
                s.explain.push(format!("outlet `{o}` from the roster"));
            }
        }
    }
    // Unique names: two different people with the same display name.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for s in &mut speakers {
        let c = seen.entry(s.name.clone()).or_insert(0);
        *c += 1;
        if *c > 1 {
            s.name = format!("{} ({})", s.name, c);
        }
    }

    // Label as written → speaker, for named labels ([0]) and anonymous ones ([1]).
    let mut label_speaker: [HashMap<String, usize>; 2] = Default::default();
    for (&(l, anonymous), &(gi, _)) in &by_label {
        label_speaker[usize::from(anonymous)].insert(l.to_string(), group_speaker[gi]);
    }
    Ok(Labelled {
        speakers,
        rostered,
        label_speaker,
    })
}
