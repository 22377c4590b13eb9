//! Roles and outlets: each speaker's role from the first rule that decides
//! it, with the reason. In order: the roster; an anonymous label; the
//! metadata naming a host; a label naming a chairing role; the
//! introduction naming the speaker; a label that is a news organisation;
//! then behaviour over the corpus: who passes questions on or gives the
//! floor (host), who mostly asks (questioner), who answers (official).
//! Debates and hearings follow the same rules: a moderator or chair gives
//! the floor, panelists and members ask, candidates and witnesses answer.

use rayon::prelude::*;

use super::super::outlets::Outlets;
use super::super::{Role, Speaker, Transcript};
use super::anonymous::is_asking_label;
use super::behaviour::{Behaviour, behaviours};
use super::names::{
    HONORIFICS, bare_key, chair_title, description, host_word, looks_like_outlet, name_part, words,
};

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

/// The words by which a turn may address a speaker (`Howard`, `Webb`,
/// `Smith`): each word of its names, without honorifics and titles, of 3
/// letters or more.
fn address_words(s: &Speaker) -> Vec<String> {
    let mut out: Vec<String> = std::iter::once(&s.name)
        .chain(&s.aliases)
        .flat_map(|l| words(name_part(l)))
        .filter(|w| {
            w.chars().count() >= 3
                && !HONORIFICS.contains(&w.as_str())
                && !super::names::CHAIR_WORDS.contains(&w.as_str())
                && !["the", "vice", "president", "senator", "governor"].contains(&w.as_str())
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Evidence from each transcript's metadata and preamble: the first
/// transcript naming each speaker as host, and the first naming it in the
/// introduction.
struct Named {
    host: Vec<Option<String>>,
    intro: Vec<Option<String>>,
}

fn named_in_transcripts(speakers: &[Speaker], transcripts: &[Transcript]) -> Named {
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
                        || k.starts_with("presided")
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
    let mut named = Named {
        host: vec![None; speakers.len()],
        intro: vec![None; speakers.len()],
    };
    for (t, found) in transcripts.iter().zip(evidence) {
        for (si, host, intro) in found {
            if host && named.host[si].is_none() {
                named.host[si] = Some(t.id.clone());
            }
            if intro && named.intro[si].is_none() {
                named.intro[si] = Some(t.id.clone());
            }
        }
    }
    named
}

/// A decision and its reason.
type Decision = Option<(Role, String)>;

/// An anonymous label: one that asks (`Q`, an audience member, a press
/// call's participant) is a questioner; the others (`UNKNOWN`,
/// `UNIDENTIFIED MALE`) are whoever spoke unnamed: `other`.
fn rule_anonymous(s: &Speaker) -> Decision {
    if !s.anonymous {
        return None;
    }
    Some(if s.name == "Q" {
        (
            Role::Questioner,
            "questioner: a bare `Q` label, an anonymous reporter".to_string(),
        )
    } else if is_asking_label(&s.name) {
        (
            Role::Questioner,
            format!("questioner: an anonymous `{}` label", s.name),
        )
    } else {
        (
            Role::Other,
            format!("other: an anonymous `{}` label, someone unnamed", s.name),
        )
    })
}

fn rule_host_metadata(host: &Option<String>) -> Decision {
    host.as_ref().map(|t| {
        (
            Role::Host,
            format!("host: named as host in the metadata of `{t}`"),
        )
    })
}

fn rule_chairing_label(labels: &[&String]) -> Decision {
    labels.iter().any(|l| host_word(l)).then(|| {
        (
            Role::Host,
            "host: the label names a chairing role (moderator, host, operator, anchor, chair)"
                .into(),
        )
    })
}

/// A label that names the part of one who asks (`PANELIST`, `QUESTIONER`,
/// `AUDIENCE QUESTION`).
fn rule_questioner_label(labels: &[&String]) -> Decision {
    const ASKING: &[&str] = &["panelist", "questioner", "panel", "interviewer"];
    labels
        .iter()
        .any(|l| words(l).iter().any(|w| ASKING.contains(&w.as_str())))
        .then(|| {
            (
                Role::Questioner,
                "questioner: the label names one who asks (panelist, questioner)".into(),
            )
        })
}

fn rule_introduction(intro: &Option<String>) -> Decision {
    intro.as_ref().map(|t| {
        (
            Role::Official,
            format!("official: named in the introduction of `{t}`"),
        )
    })
}

fn rule_outlet_label(labels: &[&String]) -> Decision {
    labels
        .iter()
        .any(|l| looks_like_outlet(name_part(l)))
        .then(|| {
            (
                Role::Questioner,
                "questioner: the label is a news organisation".into(),
            )
        })
}

/// Passes questions on: short turns after a question, before another
/// speaker answers.
fn rule_routing(e: &Behaviour) -> Decision {
    (e.routing >= 2 && e.routing * 3 >= e.turns && e.mean() < 80.0).then(|| {
        (
            Role::Host,
            format!(
                "host: {} of {} turns pass a question on to another speaker",
                e.routing, e.turns
            ),
        )
    })
}

/// Gives the floor: short turns that name the next speaker, to two or more
/// different speakers (a moderator, a committee chair).
fn rule_floor(e: &Behaviour) -> Decision {
    (e.floor >= 2 && e.floor_to.len() >= 2 && e.floor * 3 >= e.turns && e.mean() < 80.0).then(
        || {
            (
                Role::Host,
                format!(
                    "host: {} of {} turns give the floor to a speaker they name ({} speakers)",
                    e.floor,
                    e.turns,
                    e.floor_to.len()
                ),
            )
        },
    )
}

fn rule_asks(e: &Behaviour) -> Decision {
    (e.turns > 0
        && e.questions * 2 > e.turns
        && e.mean() < 200.0
        && e.after_question * 2 < e.turns.max(1))
    .then(|| {
        (
            Role::Questioner,
            format!(
                "questioner: {} of {} turns ask a question",
                e.questions, e.turns
            ),
        )
    })
}

/// Given the floor by the chair, and answered: a committee member's
/// questions ("I would like for you to address ...") carry no `?`, but a
/// witness answers them.
fn rule_recognised_asks(e: &Behaviour) -> Decision {
    (e.turns >= 2
        && e.recognised >= 1
        && e.recognised * 5 >= e.turns
        && e.answered * 2 >= e.turns
        && e.after_question * 2 < e.turns).then(|| {
        (
            Role::Questioner,
            format!(
                "questioner: given the floor by a host, and {} of {} turns answered by another speaker",
                e.answered, e.turns
            ),
        )
    })
}

fn rule_answers(e: &Behaviour) -> Decision {
    let mean = e.mean();
    (e.after_question > 0 && (mean >= 30.0 || e.after_question * 2 >= e.turns)).then(|| {
        (
            Role::Official,
            format!(
                "official: {} of {} turns answer a question (mean {:.0} words)",
                e.after_question, e.turns, mean
            ),
        )
    })
}

fn rule_other(e: &Behaviour) -> (Role, String) {
    (
        Role::Other,
        format!(
            "other: neither asks, routes nor answers ({} turns, mean {:.0} words)",
            e.turns,
            e.mean()
        ),
    )
}

/// A chair title before a name (`Chairman Dodd`, `CHAIR POWELL`): one who
/// asks with it chairs (a committee's chair: host); one who answers is an
/// official (a central bank's chair).
fn with_chair_title(s: &Speaker, decision: (Role, String)) -> (Role, String) {
    let titled = std::iter::once(&s.name)
        .chain(&s.aliases)
        .any(|l| chair_title(l));
    match decision {
        (Role::Questioner, why) if titled => (
            Role::Host,
            format!(
                "host: a chair's title, and {}",
                why.trim_start_matches("questioner: ")
            ),
        ),
        (Role::Other, why) if titled && s.role == Role::Other => (
            Role::Host,
            format!(
                "host: a chair's title, and {}",
                why.trim_start_matches("other: ")
            ),
        ),
        d => d,
    }
}

/// Infer the role of every speaker the roster leaves open.
pub(crate) fn infer_roles(speakers: &mut [Speaker], transcripts: &[Transcript], rostered: &[bool]) {
    let mut decided: Vec<bool> = rostered.to_vec();
    decide_by_labels_and_texts(speakers, transcripts, &mut decided);
    // Behaviour, for the rest: counted per transcript in parallel, added
    // up. First those who give the floor by name are hosts; then, with
    // them known (handing the turn back to the chair is not routing, and
    // the chair's questions are questions), the other rules.
    let address = address_book(speakers);
    decide_floor_givers(speakers, transcripts, &mut decided, &address);
    decide_self_introduced(speakers, transcripts, &mut decided);
    decide_by_behaviour(speakers, transcripts, &decided, &address);
    outlets_of_questioners(speakers, transcripts);
}

/// Give `s` the role of a decision, with its reason.
fn settle(s: &mut Speaker, (role, why): (Role, String)) {
    s.role = role;
    s.explain.push(why);
}

/// Apply `rule` (given a speaker's index) to each speaker still undecided;
/// those it decides are settled.
fn decide_each(
    speakers: &mut [Speaker],
    decided: &mut [bool],
    rule: impl Fn(usize, &Speaker) -> Decision,
) {
    for (si, s) in speakers.iter_mut().enumerate() {
        if decided[si] {
            continue;
        }
        if let Some(d) = rule(si, s) {
            settle(s, d);
            decided[si] = true;
        }
    }
}

/// The rules that need no behaviour, in order: an anonymous label, the
/// metadata naming a host, a label naming a chairing or asking role, the
/// introduction naming the speaker, a label that is a news organisation.
fn decide_by_labels_and_texts(
    speakers: &mut [Speaker],
    transcripts: &[Transcript],
    decided: &mut [bool],
) {
    let named = named_in_transcripts(speakers, transcripts);
    decide_each(speakers, decided, |si, s| {
        rule_anonymous(s).or_else(|| named_rules(s, &named, si))
    });
}

/// The rules of [`decide_by_labels_and_texts`] after the anonymous one,
/// for the speaker `si` (none decides for an anonymous speaker).
fn named_rules(s: &Speaker, named: &Named, si: usize) -> Decision {
    if s.anonymous {
        return None;
    }
    let labels: Vec<&String> = std::iter::once(&s.name).chain(&s.aliases).collect();
    rule_host_metadata(&named.host[si])
        .or_else(|| rule_chairing_label(&labels))
        .or_else(|| rule_questioner_label(&labels))
        .or_else(|| {
            // A chair named in the introduction may chair or answer:
            // behaviour decides (`Chairman CAMP`, `CHAIR POWELL`).
            (!labels.iter().any(|l| chair_title(l)))
                .then(|| rule_introduction(&named.intro[si]))
                .flatten()
        })
        .or_else(|| rule_outlet_label(&labels))
}

/// The words each speaker may be addressed by (none for an anonymous one).
fn address_book(speakers: &[Speaker]) -> Vec<Vec<String>> {
    speakers
        .iter()
        .map(|s| {
            if s.anonymous {
                Vec::new()
            } else {
                address_words(s)
            }
        })
        .collect()
}

/// Those still undecided who give the floor to speakers they name: hosts.
fn decide_floor_givers(
    speakers: &mut [Speaker],
    transcripts: &[Transcript],
    decided: &mut [bool],
    address: &[Vec<String>],
) {
    let b = behaviours(speakers, transcripts, decided, address);
    decide_each(speakers, decided, |si, _| b.get(si).and_then(rule_floor));
}

/// A reporter who says whom they write for ("Howard Schneider with
/// Reuters.") asks, whatever the question marks say (a moderator
/// introducing themselves is known by now as one who gives the floor).
fn decide_self_introduced(
    speakers: &mut [Speaker],
    transcripts: &[Transcript],
    decided: &mut [bool],
) {
    let introduced = self_introduced(speakers, transcripts, decided);
    for (si, outlet) in introduced.into_iter().enumerate() {
        if let Some(o) = outlet {
            let s = &mut speakers[si];
            settle(
                s,
                (
                    Role::Questioner,
                    format!(
                        "questioner: introduces themselves as from a news organisation (`{o}`)"
                    ),
                ),
            );
            s.outlet = Some(o);
            decided[si] = true;
        }
    }
}

/// The rest by their behaviour, with the roles decided so far known: the
/// first of routing, asking, asking when given the floor, answering, else
/// `other`; a chair's title makes an asker a host.
fn decide_by_behaviour(
    speakers: &mut [Speaker],
    transcripts: &[Transcript],
    decided: &[bool],
    address: &[Vec<String>],
) {
    let b = behaviours(speakers, transcripts, decided, address);
    for ((s, e), &done) in speakers.iter_mut().zip(&b).zip(decided) {
        if done {
            continue;
        }
        let decision = rule_routing(e)
            .or_else(|| rule_asks(e))
            .or_else(|| rule_recognised_asks(e))
            .or_else(|| rule_answers(e))
            .unwrap_or_else(|| rule_other(e));
        let d = with_chair_title(s, decision);
        settle(s, d);
    }
}

/// For each undecided named speaker, the news organisation one of their
/// first three turns in a transcript introduces them with, if it is one
/// (an outlet word or a listed outlet: not "John Smith from the Heritage
/// Foundation").
fn self_introduced(
    speakers: &[Speaker],
    transcripts: &[Transcript],
    decided: &[bool],
) -> Vec<Option<String>> {
    let list = Outlets::new(&[]);
    let mut seen = vec![0usize; speakers.len()];
    let mut out: Vec<Option<String>> = vec![None; speakers.len()];
    for t in transcripts {
        seen.iter_mut().for_each(|n| *n = 0);
        for u in &t.turns {
            let si = u.speaker;
            let s = &speakers[si];
            if decided[si] || s.anonymous || out[si].is_some() || seen[si] >= 3 {
                continue;
            }
            seen[si] += 1;
            out[si] = self_introduction(&s.name, &u.text)
                .filter(|o| looks_like_outlet(o) || list.get(o).is_some());
        }
    }
    out
}

/// Outlets for questioners: the label is the organisation, the label's
/// description names it, or the questioner names it introducing
/// themselves (`Howard Schneider with Reuters.`).
fn outlets_of_questioners(speakers: &mut [Speaker], transcripts: &[Transcript]) {
    let mut own: Vec<Option<String>> = vec![None; speakers.len()];
    for t in transcripts {
        for u in &t.turns {
            let s = &speakers[u.speaker];
            if own[u.speaker].is_none() && s.role == Role::Questioner && !s.anonymous {
                own[u.speaker] = self_introduction(&s.name, &u.text);
            }
        }
    }
    for (s, own) in speakers.iter_mut().zip(own) {
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
        } else if let Some(o) = own {
            s.explain.push(format!(
                "outlet `{o}`: the questioner names it introducing themselves"
            ));
            s.outlet = Some(o);
        }
    }
}

/// The outlet in a questioner's self-introduction near the start of a turn:
/// their name, then `with`, `from`, `of` or a comma, then capitalised words
/// up to the end of the sentence (`Colby Smith with the New York Times.`).
pub fn self_introduction(name: &str, text: &str) -> Option<String> {
    let head = match text.char_indices().nth(160) {
        Some((end, _)) => &text[..end],
        None => text,
    };
    let lower = head.to_lowercase();
    let name = name_part(name).to_lowercase();
    if name.is_empty() {
        return None;
    }
    let at = lower.find(&name)? + name.len();
    let rest = head.get(at..)?;
    let rest = [" with ", " from ", " of ", ", "]
        .iter()
        .find_map(|sep| rest.strip_prefix(sep))?;
    let rest = rest.strip_prefix("the ").unwrap_or(rest);
    let end = rest
        .find(['.', '?', '!', ';', ',', '\n'])
        .unwrap_or(rest.len());
    let clause = rest[..end].trim();
    let ws: Vec<&str> = clause.split_whitespace().collect();
    let ok = !ws.is_empty()
        && ws.len() <= 6
        && ws[0].chars().next().is_some_and(char::is_uppercase)
        && ws.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                || ["of", "and", "the", "for", "&", "de"].contains(w)
        });
    ok.then(|| clause.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reporters_introducing_themselves() {
        let s = |x: &str| Some(x.to_string());
        assert_eq!(
            self_introduction(
                "HOWARD SCHNEIDER",
                "Howard Schneider with Reuters. Thanks for your time."
            ),
            s("Reuters")
        );
        assert_eq!(
            self_introduction(
                "COLBY SMITH",
                "Thank you. Colby Smith with the New York Times. You just"
            ),
            s("New York Times")
        );
        assert_eq!(
            self_introduction(
                "NICK TIMIRAOS",
                "Nick Timiraos, the Wall Street Journal. Chair Powell"
            ),
            s("Wall Street Journal")
        );
        assert_eq!(
            self_introduction("NICK TIMIRAOS", "Nick Timiraos, you asked me that before."),
            None
        );
        assert_eq!(
            self_introduction("COLBY SMITH", "Why are rates high?"),
            None
        );
    }
}
