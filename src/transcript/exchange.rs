//! Exchanges: a question turn by a questioner or a host, the host's routing
//! turns and the official turns that answer, up to the next question. A
//! host's question (a moderator's, a committee chair's) opens an exchange
//! when an official answers it next and it does not route a question still
//! waiting for its answer. This is how an answer is attributed to the
//! outlet that asked.

use serde::Serialize;

use super::{Role, Speaker, Transcript};

/// One question and what followed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exchange {
    /// 0-based position in the transcript.
    pub index: usize,
    /// The asking speaker (index into the corpus speakers).
    pub questioner: usize,
    /// The outlet that asked, where known: the questioner's own, or the one
    /// the host named when calling on an anonymous questioner ("we'll go to
    /// Zeke Miller from the Associated Press").
    pub outlet: Option<String>,
    /// The person the host called on, for an anonymous questioner.
    pub called_on: Option<String>,
    /// Turns of the questioner (follow-ups by the same named questioner
    /// before the next one stay in the exchange).
    pub question_turns: Vec<usize>,
    /// Host turns inside the exchange: routing and thanks, not answers.
    pub routing_turns: Vec<usize>,
    /// Official turns that answer.
    pub answer_turns: Vec<usize>,
    /// Words of the question turns.
    pub question_words: usize,
    /// Words of the answer turns.
    pub answer_words: usize,
    /// Speakers who answered, in order of their first answer.
    pub answered_by: Vec<usize>,
}

impl Exchange {
    /// The `index`th exchange of a transcript, opened by question `turn`
    /// (nothing answered yet).
    fn opened_by(
        index: usize,
        turn: &super::Turn,
        outlet: Option<String>,
        called_on: Option<String>,
    ) -> Exchange {
        Exchange {
            index,
            questioner: turn.speaker,
            outlet,
            called_on,
            question_turns: vec![turn.index],
            routing_turns: Vec::new(),
            answer_turns: Vec::new(),
            question_words: turn.words,
            answer_words: 0,
            answered_by: Vec::new(),
        }
    }
}

/// Group a transcript's turns into exchanges, given resolved roles.
pub fn exchanges(t: &Transcript, speakers: &[Speaker]) -> Vec<Exchange> {
    let mut out: Vec<Exchange> = Vec::new();
    let mut open = false;
    let mut last_host: Option<&str> = None;
    for (i, turn) in t.turns.iter().enumerate() {
        let s = &speakers[turn.speaker];
        let previous_host = last_host.take();
        if s.role == Role::Host {
            last_host = Some(&turn.text);
        }
        match s.role {
            Role::Questioner => {
                let follow_up = open
                    && !s.anonymous
                    && out.last().is_some_and(|e| e.questioner == turn.speaker);
                if follow_up {
                    if let Some(e) = out.last_mut() {
                        e.question_turns.push(turn.index);
                        e.question_words += turn.words;
                    }
                } else {
                    let (called_on, named_outlet) = match (s.anonymous, previous_host) {
                        (true, Some(h)) => called_on(h),
                        _ => (None, None),
                    };
                    out.push(Exchange::opened_by(
                        out.len(),
                        turn,
                        s.outlet.clone().or(named_outlet),
                        called_on,
                    ));
                    open = true;
                }
            }
            Role::Host if host_asks(t, i, speakers, open, out.last()) => {
                out.push(Exchange::opened_by(out.len(), turn, s.outlet.clone(), None));
                open = true;
            }
            Role::Host if open => {
                if let Some(e) = out.last_mut() {
                    e.routing_turns.push(turn.index);
                }
            }
            Role::Official if open => {
                if let Some(e) = out.last_mut() {
                    e.answer_turns.push(turn.index);
                    e.answer_words += turn.words;
                    if !e.answered_by.contains(&turn.speaker) {
                        e.answered_by.push(turn.speaker);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Does host turn `i` ask a question of its own: a `?`, an official's turn
/// next, and no open question still waiting for its first answer (then the
/// host routes it: "Would Mr. Xu like to answer?")?
fn host_asks(
    t: &Transcript,
    i: usize,
    speakers: &[Speaker],
    open: bool,
    last: Option<&Exchange>,
) -> bool {
    let turn = &t.turns[i];
    let waiting = open && last.is_some_and(|e| e.answer_turns.is_empty());
    !waiting
        && memchr::memchr(b'?', turn.text.as_bytes()).is_some()
        && t.turns.get(i + 1).is_some_and(|n| {
            speakers
                .get(n.speaker)
                .is_some_and(|s| s.role == Role::Official)
        })
}

/// Whom a host's routing turn calls on: `(person, outlet)` from its last
/// sentence of the shape "we'll go to [the line of] NAME [from|at|with
/// OUTLET]" (background calls name the reporter and outlet this way).
pub fn called_on(host_text: &str) -> (Option<String>, Option<String>) {
    let text = host_text.replace('\u{A0}', " ").replace('’', "'");
    let Some(at) = ["go to ", "call on ", "turn to ", "we'll go "]
        .iter()
        .filter_map(|k| text.rfind(k).map(|i| i + k.len()))
        .max()
    else {
        return (None, None);
    };
    let rest = &text[at..];
    let rest = rest.strip_prefix("the line of ").unwrap_or(rest);
    // Up to the end of the sentence.
    let end = rest.find(['.', '?', '!', ';', '\n']).unwrap_or(rest.len());
    let clause = rest[..end].trim().trim_end_matches(',');
    let (name, outlet) = match [" from ", " at ", " with ", " of "]
        .iter()
        .filter_map(|sep| clause.find(sep).map(|i| (i, sep.len())))
        .min()
    {
        Some((i, len)) => (&clause[..i], Some(&clause[i + len..])),
        None => (clause, None),
    };
    let capitalised = |s: &str| {
        let words: Vec<&str> = s.split_whitespace().collect();
        !words.is_empty()
            && words.len() <= 8
            && words[0].chars().next().is_some_and(char::is_uppercase)
            && words.iter().all(|w| {
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                    || ["of", "and", "the", "for", "&", "de"].contains(w)
            })
    };
    let name = capitalised(name).then(|| name.to_string());
    let outlet = outlet
        .map(|o| o.strip_prefix("the ").unwrap_or(o).trim())
        .filter(|o| capitalised(o))
        .map(str::to_string);
    (name, outlet)
}

#[cfg(test)]
mod tests {
    use super::called_on;

    #[test]
    fn routing_names_the_reporter_and_outlet() {
        let s = |a: &str| Some(a.to_string());
        assert_eq!(
            called_on("Thank you.  We’ll go to Zeke Miller from the Associated Press."),
            (s("Zeke Miller"), s("Associated Press"))
        );
        assert_eq!(
            called_on("Next we’ll go Lauren Clason at CQ Roll Call."),
            (s("Lauren Clason"), s("CQ Roll Call"))
        );
        assert_eq!(
            called_on("Next up, we’ll go to Lauren Clason at CQ Roll Call."),
            (s("Lauren Clason"), s("CQ Roll Call"))
        );
        assert_eq!(
            called_on(
                "Next up, we’ll go to the line of James Rosen.  You should be able to unmute yourself."
            ),
            (s("James Rosen"), None)
        );
        assert_eq!(called_on("and then we’ll go to questions."), (None, None));
        assert_eq!(called_on("Thanks, everyone."), (None, None));
    }
}
