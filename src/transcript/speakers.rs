//! Speaker resolution: turns labels into corpus-wide speakers. Owns alias
//! merging (case variants, a label with a description and the bare name, an
//! honorific and the bare name), the roster, merging consecutive blocks into
//! turns, and role and outlet inference with an explanation for each.

use std::collections::HashMap;

use rayon::prelude::*;

use super::parse::{Block, ParsedTranscript};
use super::roster::Roster;
use super::{Corpus, Event, Role, Speaker, Transcript, Turn};
use crate::error::{Error, Result};
use crate::text::hash::FastMap;

const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "amb",
    "ambassador",
    "gen",
    "general",
    "adm",
    "admiral",
    "col",
    "colonel",
    "capt",
    "captain",
    "lt",
    "rev",
    "sir",
    "dame",
    "hon",
    "judge",
    "justice",
    "mayor",
    "secretary",
    "sec",
    "madam",
    "mme",
    "m",
];

const HOST_WORDS: &[&str] = &[
    "moderator",
    "host",
    "co-host",
    "chair",
    "chairman",
    "chairwoman",
    "chairperson",
    "operator",
    "anchor",
    "emcee",
    "presenter",
    "facilitator",
];

const OUTLET_WORDS: &[&str] = &[
    "tv",
    "television",
    "radio",
    "news",
    "agency",
    "times",
    "daily",
    "post",
    "journal",
    "press",
    "network",
    "station",
    "broadcasting",
    "broadcast",
    "channel",
    "media",
    "service",
    "herald",
    "tribune",
    "gazette",
    "magazine",
    "newspaper",
    "weekly",
    "telegraph",
    "chronicle",
    "observer",
    "guardian",
    "bureau",
    "newswire",
    "wire",
    "reuters",
    "bloomberg",
    "xinhua",
    "kyodo",
    "yonhap",
    "politico",
    "axios",
    "sputnik",
    "anadolu",
    "bernama",
    "interfax",
    "cgtn",
    "cctv",
    "cnn",
    "bbc",
    "nhk",
    "afp",
    "ap",
    "abc",
    "nbc",
    "cbs",
    "npr",
    "pbs",
    "tass",
    "kbs",
    "mbc",
    "sbs",
    "efe",
    "dpa",
    "ria",
    "cna",
    "voa",
    "rfa",
    "rfi",
    "dw",
    "ard",
    "zdf",
    "nyt",
    "wsj",
    "fox",
    "msnbc",
    "cnbc",
    "phoenix",
    "jazeera",
    "ansa",
    "rt",
    "ptv",
    "ndtv",
    "antara",
];

/// The part of a label that names the person: before a comma, without a
/// parenthesised note. `ANDERSON COOPER, CNN ANCHOR` → `ANDERSON COOPER`.
pub fn name_part(label: &str) -> &str {
    let s = label.split(',').next().unwrap_or(label);
    let s = s.split(" (").next().unwrap_or(s);
    s.trim()
}

/// The description after a comma, if any (`CNN ANCHOR`).
pub fn description(label: &str) -> Option<&str> {
    label
        .split_once(',')
        .map(|(_, d)| d.trim())
        .filter(|d| !d.is_empty())
}

fn key(label: &str) -> String {
    name_part(label).to_lowercase()
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The key without leading honorifics: `ms. psaki` → `psaki`.
fn bare_key(label: &str) -> String {
    let ws = words(name_part(label));
    let mut i = 0;
    while i + 1 < ws.len() && HONORIFICS.contains(&ws[i].as_str()) {
        i += 1;
    }
    ws[i..].join(" ")
}

/// Does the label look like an organisation (a news outlet)?
pub fn looks_like_outlet(label: &str) -> bool {
    let ws = words(label);
    if ws.first().is_some_and(|w| HONORIFICS.contains(&w.as_str())) {
        return false;
    }
    ws.iter().any(|w| OUTLET_WORDS.contains(&w.as_str()))
}

fn host_word(label: &str) -> bool {
    words(label)
        .iter()
        .any(|w| HOST_WORDS.contains(&w.as_str()))
}

struct Group {
    labels: Vec<(String, usize)>, // (label as written, blocks)
    anonymous: bool,
    roster: Option<usize>,
    explain: Vec<String>,
}

/// Resolve labels into speakers, merge blocks into turns, infer roles.
pub fn resolve(
    parsed: Vec<ParsedTranscript>,
    roster: Option<&Roster>,
    speakers_only: bool,
) -> Result<Corpus> {
    let labels = parsed
        .iter()
        .flat_map(|p| p.blocks.iter().map(|b| (b.label.as_str(), b.anonymous, 1)));
    let Labelled {
        mut speakers,
        rostered,
        label_speaker,
    } = resolve_labels(labels, roster)?;
    // 5. Blocks → turns.
    let mut transcripts: Vec<Transcript> = {
        use rayon::prelude::*;
        parsed
            .into_par_iter()
            .map(|p| build_transcript(p, &label_speaker, !speakers_only))
            .collect()
    };

    // 6. Roles.
    if !speakers_only {
        infer_roles(&mut speakers, &transcripts, &rostered);
    }
    for t in &mut transcripts {
        t.exchanges.clear();
    }
    Ok(Corpus {
        transcripts,
        speakers,
    })
}

/// Speakers resolved from the labels alone (steps 1 to 4 of [`resolve`]).
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
                let k = (key(label), anonymous);
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
                g.labels.push((label.to_string(), 0));
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

    // 2. Roster: names and aliases claim groups.
    if let Some(r) = roster {
        for (ei, e) in r.entries.iter().enumerate() {
            let names: Vec<String> = std::iter::once(&e.name)
                .chain(e.aliases.iter())
                .map(|n| key(&super::parse::normalise_label(n)))
                .collect();
            let mut claimed: Option<usize> = None;
            for gi in 0..groups.len() {
                if groups[gi].anonymous && !names.iter().any(|n| n == "q") {
                    continue;
                }
                let hit = groups[gi]
                    .labels
                    .iter()
                    .any(|(l, _)| names.contains(&key(l)));
                if !hit {
                    continue;
                }
                match claimed {
                    None => claimed = Some(gi),
                    Some(root) => {
                        let a = find(&mut parent, gi);
                        let root = find(&mut parent, root);
                        if a != root {
                            parent[a] = root;
                        }
                    }
                }
            }
            let Some(gi) = claimed else {
                return Err(Error::Roster {
                    path: r.path.clone(),
                    line: e.line,
                    message: format!(
                        "`{}` matches no speaker label in the input (names and aliases are compared case-insensitively)",
                        e.name
                    ),
                });
            };
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
            let (a, b) = (find(&mut parent, i), find(&mut parent, j));
            if a != b {
                parent[a] = b;
                let msg = format!(
                    "`{}` merged with `{}`: the same name without an honorific",
                    groups[i].labels[0].0, groups[j].labels[0].0
                );
                groups[i].explain.push(msg);
            }
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
            let (a, b) = (find(&mut parent, i), find(&mut parent, j));
            if a != b {
                parent[a] = b;
                let msg = format!(
                    "`{}` merged with `{}`: the only longer name containing it",
                    groups[i].labels[0].0, groups[j].labels[0].0
                );
                groups[i].explain.push(msg);
            }
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

    // Label → speaker, for named labels ([0]) and anonymous ones ([1]).
    let mut label_speaker: [HashMap<String, usize>; 2] = Default::default();
    for (gi, g) in groups.iter().enumerate() {
        for (l, _) in &g.labels {
            label_speaker[usize::from(g.anonymous)].insert(l.clone(), group_speaker[gi]);
        }
    }
    Ok(Labelled {
        speakers,
        rostered,
        label_speaker,
    })
}

/// Blocks → turns (with their word counts when `count_words`).
fn build_transcript(
    p: ParsedTranscript,
    label_speaker: &[HashMap<String, usize>; 2],
    count_words: bool,
) -> Transcript {
    let mut turns: Vec<Turn> = Vec::new();
    let mut block_turn: Vec<usize> = Vec::with_capacity(p.blocks.len());
    for Block {
        label,
        anonymous,
        text,
        first_line,
        last_line,
        line_starts,
    } in p.blocks
    {
        let speaker = label_speaker[usize::from(anonymous)]
            .get(&label)
            .copied()
            .unwrap_or(0);
        let merge = !anonymous && turns.last().is_some_and(|t: &Turn| t.speaker == speaker);
        if merge {
            if let Some(t) = turns.last_mut() {
                let base = if t.text.is_empty() {
                    0
                } else {
                    t.text.len() + 1
                };
                if !text.is_empty() {
                    if !t.text.is_empty() {
                        t.text.push('\n');
                    }
                    t.text.push_str(&text);
                    t.line_starts
                        .extend(line_starts.into_iter().map(|(o, l)| (o + base, l)));
                }
                t.last_line = t.last_line.max(last_line);
            }
        } else {
            turns.push(Turn {
                index: turns.len(),
                speaker,
                label,
                text,
                first_line,
                last_line,
                line_starts,
                words: 0,
            });
        }
        block_turn.push(turns.len() - 1);
    }
    for t in &mut turns {
        if count_words {
            t.words = crate::text::count_words(&t.text);
        }
        t.text.shrink_to_fit();
        t.line_starts.shrink_to_fit();
    }
    let events = p
        .events
        .into_iter()
        .map(|e| {
            let kind = e
                .text
                .split(|c: char| !c.is_alphanumeric() && c != '-')
                .find(|w| !w.is_empty())
                .unwrap_or("")
                .to_lowercase();
            Event {
                line: e.line,
                turn: e.block.and_then(|b| block_turn.get(b).copied()),
                text: e.text,
                kind,
            }
        })
        .collect();
    let meta = |k: &str| {
        p.metadata
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(k))
            .map(|(_, v)| v.clone())
    };
    let date = meta("date")
        .and_then(|d| find_date(&d).or_else(|| find_prose_date(&d)))
        .or_else(|| find_date(&p.id))
        .or_else(|| p.preamble.iter().take(5).find_map(|l| find_prose_date(l)));
    let title = meta("title").or_else(|| p.preamble.first().cloned());
    Transcript {
        id: p.id,
        path: p.path,
        sha256: p.sha256,
        title,
        date,
        metadata: p.metadata,
        preamble: p.preamble,
        turns,
        events,
        exchanges: Vec::new(),
        warnings: p.warnings,
        lines: p.lines,
    }
}

/// The first `YYYY-MM-DD` in a string.
pub fn find_date(s: &str) -> Option<String> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(9)).find_map(|i| {
        let w = &b[i..i + 10];
        let ok = w[..4].iter().all(u8::is_ascii_digit)
            && w[4] == b'-'
            && w[5..7].iter().all(u8::is_ascii_digit)
            && w[7] == b'-'
            && w[8..10].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && (i + 10 == b.len() || !b[i + 10].is_ascii_digit());
        ok.then(|| s[i..i + 10].to_string())
    })
}

/// The first English prose date (`October 16, 2020` or `16 October 2020`)
/// in a string, as `YYYY-MM-DD`.
pub fn find_prose_date(s: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let words: Vec<String> = s
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    let day = |w: &str| w.parse::<u32>().ok().filter(|d| (1..=31).contains(d));
    let year = |w: &str| {
        w.parse::<u32>()
            .ok()
            .filter(|y| (1900..=2100).contains(y) && w.len() == 4)
    };
    for i in 0..words.len() {
        let Some(m) = MONTHS.iter().position(|m| *m == words[i]) else {
            continue;
        };
        let next = |k: usize| words.get(i + k).map(String::as_str).unwrap_or("");
        let prev = if i > 0 { words[i - 1].as_str() } else { "" };
        let found = match (day(next(1)), year(next(2)), day(prev), year(next(1))) {
            (Some(d), Some(y), _, _) => Some((y, d)),
            (_, _, Some(d), Some(y)) => Some((y, d)),
            _ => None,
        };
        if let Some((y, d)) = found {
            return Some(format!("{y:04}-{:02}-{d:02}", m + 1));
        }
    }
    None
}

/// The lower-case strings whose presence in a text means it names the
/// speaker: each label's name part (4 characters or more) and, for a
/// multi-word name, its form without honorifics.
fn needles(s: &Speaker) -> Vec<String> {
    let mut out = Vec::new();
    for label in std::iter::once(&s.name).chain(&s.aliases) {
        let full = name_part(label).to_lowercase();
        let bare = bare_key(label);
        if full.len() >= 4 {
            out.push(full);
        }
        if bare.contains(' ') {
            out.push(bare);
        }
    }
    out.sort();
    out.dedup();
    out
}

fn infer_roles(speakers: &mut [Speaker], transcripts: &[Transcript], rostered: &[bool]) {
    let ns = speakers.len();
    let mut decided: Vec<bool> = rostered.to_vec();
    // Evidence from metadata and preambles, of the transcripts each speaker
    // speaks in.
    let names: Vec<Vec<String>> = speakers
        .iter()
        .map(|s| if s.anonymous { Vec::new() } else { needles(s) })
        .collect();
    // Each transcript's evidence (speaker, named as host, named in the
    // introduction), in parallel; then the first transcript of each kind
    // wins, in corpus order.
    let evidence: Vec<Vec<(usize, bool, bool)>> = transcripts
        .par_iter()
        .map(|t| {
            let preamble = t.preamble.join(" ").to_lowercase();
            let hosts: Vec<String> = t
                .metadata
                .iter()
                .filter(|(k, _)| {
                    let k = k.to_lowercase();
                    k.starts_with("host")
                        || k.starts_with("moderat")
                        || k.starts_with("chair")
                        || k.starts_with("presid")
                })
                .map(|(k, v)| format!("{k}: {v}").to_lowercase())
                .collect();
            let mut present: Vec<usize> = t.turns.iter().map(|u| u.speaker).collect();
            present.sort_unstable();
            present.dedup();
            present
                .into_iter()
                .filter_map(|si| {
                    let needles = names.get(si)?;
                    let host = hosts
                        .iter()
                        .any(|h| needles.iter().any(|n| h.contains(n.as_str())));
                    let intro = needles.iter().any(|n| preamble.contains(n.as_str()));
                    (host || intro).then_some((si, host, intro))
                })
                .collect()
        })
        .collect();
    let mut host_meta: Vec<Option<String>> = vec![None; ns];
    let mut intro: Vec<Option<String>> = vec![None; ns];
    for (t, found) in transcripts.iter().zip(evidence) {
        for (si, host, named) in found {
            if host && host_meta[si].is_none() {
                host_meta[si] = Some(t.id.clone());
            }
            if named && intro[si].is_none() {
                intro[si] = Some(t.id.clone());
            }
        }
    }
    for si in 0..ns {
        if decided[si] {
            continue;
        }
        let s = &mut speakers[si];
        let all_labels: Vec<String> = std::iter::once(s.name.clone())
            .chain(s.aliases.iter().cloned())
            .collect();
        if s.anonymous {
            s.role = Role::Questioner;
            s.explain
                .push("questioner: a bare `Q` label, an anonymous reporter".into());
        } else if let Some(t) = &host_meta[si] {
            s.role = Role::Host;
            s.explain
                .push(format!("host: named as host in the metadata of `{t}`"));
        } else if all_labels.iter().any(|l| host_word(l)) {
            s.role = Role::Host;
            s.explain.push(
                "host: the label names a chairing role (moderator, host, operator, anchor)".into(),
            );
        } else if let Some(t) = &intro[si] {
            s.role = Role::Official;
            s.explain
                .push(format!("official: named in the introduction of `{t}`"));
        } else if all_labels.iter().any(|l| looks_like_outlet(name_part(l))) {
            s.role = Role::Questioner;
            s.explain
                .push("questioner: the label is a news organisation".into());
        } else {
            continue;
        }
        decided[si] = true;
    }

    // Behaviour, for the rest.
    #[derive(Default, Clone)]
    struct B {
        turns: usize,
        words: usize,
        questions: usize,
        routing: usize,
        after_question: usize,
    }
    // Sums over transcripts: counted in parallel, added up.
    let add = |mut a: Vec<B>, b: Vec<B>| {
        for (x, y) in a.iter_mut().zip(b) {
            x.turns += y.turns;
            x.words += y.words;
            x.questions += y.questions;
            x.routing += y.routing;
            x.after_question += y.after_question;
        }
        a
    };
    let b = transcripts
        .par_iter()
        .fold(
            || vec![B::default(); ns],
            |mut b, t| {
                behaviour(&mut b, t, &*speakers, &decided);
                b
            },
        )
        .reduce(|| vec![B::default(); ns], add);
    fn behaviour(b: &mut [B], t: &Transcript, speakers: &[Speaker], decided: &[bool]) {
        let asks: Vec<bool> = t
            .turns
            .iter()
            .map(|u| memchr::memchr(b'?', u.text.as_bytes()).is_some())
            .collect();
        for (i, turn) in t.turns.iter().enumerate() {
            let Some(e) = b.get_mut(turn.speaker) else {
                continue;
            };
            e.turns += 1;
            e.words += turn.words;
            if asks[i] {
                e.questions += 1;
            }
            let prev_q = i > 0 && {
                let p = &t.turns[i - 1];
                let ps = &speakers[p.speaker];
                (decided[p.speaker] && ps.role == Role::Questioner)
                    || (!decided[p.speaker] && asks[i - 1])
            };
            if prev_q {
                e.after_question += 1;
                let next_other = t.turns.get(i + 1).is_some_and(|n| {
                    n.speaker != turn.speaker && speakers[n.speaker].role != Role::Questioner
                });
                if next_other && turn.words < 60 {
                    e.routing += 1;
                }
            }
        }
    }
    for si in 0..ns {
        if decided[si] {
            continue;
        }
        let e = &b[si];
        let s = &mut speakers[si];
        let mean = if e.turns > 0 {
            e.words as f64 / e.turns as f64
        } else {
            0.0
        };
        if e.routing >= 2 && e.routing * 3 >= e.turns && mean < 80.0 {
            s.role = Role::Host;
            s.explain.push(format!(
                "host: {} of {} turns pass a question on to another speaker",
                e.routing, e.turns
            ));
        } else if e.turns > 0
            && e.questions * 2 > e.turns
            && mean < 200.0
            && e.after_question * 2 < e.turns.max(1)
        {
            s.role = Role::Questioner;
            s.explain.push(format!(
                "questioner: {} of {} turns ask a question",
                e.questions, e.turns
            ));
            if looks_like_outlet(&s.name) {
                s.outlet = Some(s.name.clone());
            }
        } else if e.after_question > 0 && (mean >= 30.0 || e.after_question * 2 >= e.turns) {
            s.role = Role::Official;
            s.explain.push(format!(
                "official: {} of {} turns answer a question (mean {:.0} words)",
                e.after_question, e.turns, mean
            ));
        } else {
            s.role = Role::Other;
            s.explain.push(format!(
                "other: neither asks, routes nor answers ({} turns, mean {:.0} words)",
                e.turns, mean
            ));
        }
    }
    // Outlets for questioners.
    for s in speakers.iter_mut() {
        if s.role != Role::Questioner || s.outlet.is_some() || s.anonymous {
            continue;
        }
        if looks_like_outlet(name_part(&s.name)) {
            s.outlet = Some(s.name.clone());
            s.explain.push(format!(
                "outlet `{}`: the label is the organisation",
                s.name
            ));
        } else if let Some(d) = s
            .aliases
            .iter()
            .chain(std::iter::once(&s.name))
            .find_map(|l| description(l).filter(|d| looks_like_outlet(d)))
        {
            s.outlet = Some(d.to_string());
            s.explain
                .push(format!("outlet `{d}`: from the label's description"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The alias rules, read off by hand: the same name without an
    /// honorific joins the earlier label; a single word joins the one
    /// longer name it starts or ends, and stays apart when two such names
    /// share it; bare `Q` labels never join named ones.
    #[test]
    fn labels_join_by_honorific_and_single_words() {
        let labels = [
            ("Jen Psaki", false),
            ("MS. PSAKI", false),
            ("PSAKI", false),
            ("John Kirby", false),
            ("John Smith", false),
            ("JOHN", false),
            ("SMITH", false),
            ("Q", true),
            ("KIRBY", false),
            ("MR. JEAN-PIERRE", false),
            ("JEAN-PIERRE", false),
            ("Q", false),
        ];
        let Labelled {
            speakers,
            label_speaker,
            ..
        } = resolve_labels(labels.iter().map(|&(l, a)| (l, a, 1)), None).expect("resolves");
        let of = |l: &str, anonymous: bool| label_speaker[usize::from(anonymous)][l];
        let name = |l: &str| speakers[of(l, false)].name.as_str();
        // `MS. PSAKI`, `PSAKI`: one bare key; `PSAKI` is also the last word
        // of `Jen Psaki` alone, so all three are one speaker.
        assert_eq!(of("MS. PSAKI", false), of("PSAKI", false));
        assert_eq!(of("PSAKI", false), of("Jen Psaki", false));
        assert_eq!(name("PSAKI"), "Jen Psaki");
        // `JOHN` starts two longer names: it joins neither.
        assert_ne!(of("JOHN", false), of("John Kirby", false));
        assert_ne!(of("JOHN", false), of("John Smith", false));
        assert_ne!(of("John Kirby", false), of("John Smith", false));
        // `SMITH` and `KIRBY` each end one.
        assert_eq!(of("SMITH", false), of("John Smith", false));
        assert_eq!(of("KIRBY", false), of("John Kirby", false));
        assert_eq!(of("MR. JEAN-PIERRE", false), of("JEAN-PIERRE", false));
        // A bare `Q` is not the speaker labelled `Q` by name.
        assert_ne!(of("Q", true), of("Q", false));
        assert_eq!(speakers.len(), 7);
    }

    #[test]
    fn prose_dates() {
        assert_eq!(
            find_prose_date("On October 16, 2020, the Information Office held").as_deref(),
            Some("2020-10-16")
        );
        assert_eq!(
            find_prose_date("held on 3 March 2021 in").as_deref(),
            Some("2021-03-03")
        );
        assert_eq!(find_prose_date("in May we met"), None);
        assert_eq!(
            find_date("2021-01-20-press-briefing").as_deref(),
            Some("2021-01-20")
        );
    }
}
