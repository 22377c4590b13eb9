//! Roles and outlets: each speaker's role from the first rule that decides
//! it (roster, anonymous label, metadata, a chairing label, the
//! introduction, an outlet label, then behaviour), with the reason.

use rayon::prelude::*;

use super::super::{Role, Speaker, Transcript};
use super::names::{bare_key, description, host_word, looks_like_outlet, name_part};

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

pub(crate) fn infer_roles(speakers: &mut [Speaker], transcripts: &[Transcript], rostered: &[bool]) {
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
