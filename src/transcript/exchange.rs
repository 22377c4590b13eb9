//! Exchanges: a questioner's question turn(s), the host's routing turns and
//! the official turns that answer, up to the next question. This is how an
//! answer is attributed to the outlet that asked.

use serde::Serialize;

use super::{Role, Speaker, Transcript};

/// One question and what followed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exchange {
    /// 0-based position in the transcript.
    pub index: usize,
    /// The asking speaker (index into the corpus speakers).
    pub questioner: usize,
    /// The outlet that asked, where known.
    pub outlet: Option<String>,
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

/// Group a transcript's turns into exchanges, given resolved roles.
pub fn exchanges(t: &Transcript, speakers: &[Speaker]) -> Vec<Exchange> {
    let mut out: Vec<Exchange> = Vec::new();
    let mut open = false;
    for turn in &t.turns {
        let s = &speakers[turn.speaker];
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
                    out.push(Exchange {
                        index: out.len(),
                        questioner: turn.speaker,
                        outlet: s.outlet.clone(),
                        question_turns: vec![turn.index],
                        routing_turns: Vec::new(),
                        answer_turns: Vec::new(),
                        question_words: turn.words,
                        answer_words: 0,
                        answered_by: Vec::new(),
                    });
                    open = true;
                }
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
