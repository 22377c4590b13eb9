//! What each speaker does over the corpus, the evidence of the behaviour
//! rules of [`super::roles`]: turns, words, questions asked, questions
//! passed on, the floor given by name, turns after a question, after a
//! host naming them, and turns another speaker answers. Counted per
//! transcript in parallel, then added up.

use rayon::prelude::*;

use super::super::{Role, Speaker, Transcript};

/// What a speaker does, summed over the corpus.
#[derive(Default, Clone)]
pub(super) struct Behaviour {
    /// Turns, and their words.
    pub(super) turns: usize,
    pub(super) words: usize,
    /// Turns that hold a `?`.
    pub(super) questions: usize,
    /// Short turns after a question that pass it on to another speaker.
    pub(super) routing: usize,
    /// Turns right after a question.
    pub(super) after_question: usize,
    /// Short turns, not after a question, that name the speaker of the
    /// next turn (`Howard.`, `Senator Webb, your response?`), and the
    /// different speakers they name.
    pub(super) floor: usize,
    pub(super) floor_to: Vec<usize>,
    /// Turns right after a host's turn that names the speaker (recognised
    /// by the chair, called on by the moderator).
    pub(super) recognised: usize,
    /// Turns another speaker answers: the next turn is someone else's who
    /// is neither a host nor a questioner (a witness after a member).
    pub(super) answered: usize,
}

impl Behaviour {
    /// Add another transcript's counts.
    fn add(&mut self, o: Behaviour) {
        self.turns += o.turns;
        self.words += o.words;
        self.questions += o.questions;
        self.routing += o.routing;
        self.after_question += o.after_question;
        self.floor += o.floor;
        self.recognised += o.recognised;
        self.answered += o.answered;
        self.floor_to.extend(o.floor_to);
        self.floor_to.sort_unstable();
        self.floor_to.dedup();
    }

    /// Words per turn (0 without turns).
    pub(super) fn mean(&self) -> f64 {
        if self.turns > 0 {
            self.words as f64 / self.turns as f64
        } else {
            0.0
        }
    }
}

/// One transcript's behaviour of each speaker: each turn counted, then
/// what it does (see [`Scene`]).
fn behaviour(
    b: &mut [Behaviour],
    t: &Transcript,
    speakers: &[Speaker],
    decided: &[bool],
    address: &[Vec<String>],
) {
    let scene = Scene {
        t,
        speakers,
        decided,
        address,
        asks: t
            .turns
            .iter()
            .map(|u| memchr::memchr(b'?', u.text.as_bytes()).is_some())
            .collect(),
    };
    for (i, turn) in t.turns.iter().enumerate() {
        let Some(e) = b.get_mut(turn.speaker) else {
            continue;
        };
        e.turns += 1;
        e.words += turn.words;
        e.questions += usize::from(scene.asks[i]);
        if let Some(to) = scene.gives_floor(i) {
            e.floor += 1;
            if !e.floor_to.contains(&to) {
                e.floor_to.push(to);
            }
        }
        e.recognised += usize::from(scene.recognised(i));
        e.answered += usize::from(scene.answered(i));
        if scene.follows_question(i) {
            e.after_question += 1;
            e.routing += usize::from(scene.passes_on(i));
        }
    }
}

/// One transcript's turns as [`behaviour`] reads them, with the roles
/// decided so far; each method says what turn `i` does.
struct Scene<'a> {
    t: &'a Transcript,
    speakers: &'a [Speaker],
    decided: &'a [bool],
    address: &'a [Vec<String>],
    /// Each turn holds a `?`.
    asks: Vec<bool>,
}

impl Scene<'_> {
    /// Does `text` name speaker `si` (by one of its address words)?
    fn names(&self, text: &str, si: usize) -> bool {
        self.address
            .get(si)
            .is_some_and(|ws| !ws.is_empty() && names_any(text, ws))
    }

    /// Is speaker `si` decided as one of `roles`?
    fn decided_as(&self, si: usize, roles: &[Role]) -> bool {
        self.decided[si] && roles.contains(&self.speakers[si].role)
    }

    /// The speaker a short turn gives the floor to by name: the next
    /// turn's, someone else. Giving the floor comes after an answer or a
    /// statement, not in answer to a question (an official passing a
    /// question on to a colleague is not chairing).
    fn gives_floor(&self, i: usize) -> Option<usize> {
        let turn = &self.t.turns[i];
        let after_asking = i > 0 && ends_asking(&self.t.turns[i - 1].text);
        let short = turn.words < 60 && !after_asking;
        let next = self.t.turns.get(i + 1)?;
        (next.speaker != turn.speaker && short && self.names(&turn.text, next.speaker))
            .then_some(next.speaker)
    }

    /// Turn `i` answers a question: the turn before asks (a decided
    /// questioner's or host's turn with a `?`, or an undecided speaker's).
    fn follows_question(&self, i: usize) -> bool {
        i > 0 && {
            let p = &self.t.turns[i - 1];
            let ps = &self.speakers[p.speaker];
            if self.decided[p.speaker] {
                ps.role == Role::Questioner || (ps.role == Role::Host && self.asks[i - 1])
            } else {
                self.asks[i - 1]
            }
        }
    }

    /// Turn `i` comes right after a host's turn that names its speaker.
    fn recognised(&self, i: usize) -> bool {
        let turn = &self.t.turns[i];
        i > 0 && {
            let p = &self.t.turns[i - 1];
            self.decided_as(p.speaker, &[Role::Host])
                && p.speaker != turn.speaker
                && self.names(&p.text, turn.speaker)
        }
    }

    /// The next turn is someone else's, named, and neither a host's nor a
    /// questioner's.
    fn answered(&self, i: usize) -> bool {
        let turn = &self.t.turns[i];
        self.t.turns.get(i + 1).is_some_and(|n| {
            n.speaker != turn.speaker
                && !self.speakers[n.speaker].anonymous
                && !self.decided_as(n.speaker, &[Role::Host, Role::Questioner])
        })
    }

    /// A short turn after a question (see [`Scene::follows_question`])
    /// passes it on: to someone else than the asker, who is neither a
    /// questioner nor the chair taking the floor back.
    fn passes_on(&self, i: usize) -> bool {
        let turn = &self.t.turns[i];
        let Some(asker) = i.checked_sub(1).and_then(|p| self.t.turns.get(p)) else {
            return false;
        };
        let asker = asker.speaker;
        let next_other = self.t.turns.get(i + 1).is_some_and(|n| {
            n.speaker != turn.speaker
                && n.speaker != asker
                && self.speakers[n.speaker].role != Role::Questioner
                && !self.decided_as(n.speaker, &[Role::Host])
        });
        next_other && turn.words < 60
    }
}

/// Does the text hold one of these lower-case words as a whole word?
fn names_any(text: &str, ws: &[String]) -> bool {
    let lower = text.to_lowercase();
    ws.iter().any(|w| {
        lower.match_indices(w.as_str()).any(|(i, m)| {
            let before = lower[..i].chars().next_back();
            let after = lower[i + m.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
}

/// Does the text end with a question (a `?`, perhaps before a closing
/// quote or bracket)? A question quoted inside a long answer does not.
fn ends_asking(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')', ']'])
        .ends_with('?')
}

/// Each speaker's behaviour over the corpus, given the roles decided so far.
pub(super) fn behaviours(
    speakers: &[Speaker],
    transcripts: &[Transcript],
    decided: &[bool],
    address: &[Vec<String>],
) -> Vec<Behaviour> {
    let ns = speakers.len();
    let add = |mut a: Vec<Behaviour>, b: Vec<Behaviour>| {
        for (x, y) in a.iter_mut().zip(b) {
            x.add(y);
        }
        a
    };
    transcripts
        .par_iter()
        .fold(
            || vec![Behaviour::default(); ns],
            |mut b, t| {
                behaviour(&mut b, t, speakers, decided, address);
                b
            },
        )
        .reduce(|| vec![Behaviour::default(); ns], add)
}
