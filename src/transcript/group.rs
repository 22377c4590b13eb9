//! Grouping turns: by speaker, role, outlet, transcript or the whole corpus,
//! and the `SPEC` language of keyness (`Zulyat Ismail`, `role=official`,
//! `outlet=Reuters`, `transcript=ID`). Every table that is "per group"
//! gets its groups here, in one deterministic order.

use super::{Corpus, Role, Transcript, Turn};
use crate::error::{Error, Result};

/// What to group turns by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GroupBy {
    /// One group per speaker (first appearance order).
    Speaker,
    /// host, official, questioner, other.
    Role,
    /// One group per outlet: a turn's outlet is its speaker's, or for a
    /// question of an anonymous questioner the one the host named; turns
    /// without an outlet are left out.
    Outlet,
    /// One group per transcript (input order).
    Transcript,
    /// One group: everything.
    Corpus,
}

impl GroupBy {
    /// Does grouping read speakers' inferred roles or outlets? (Speaker,
    /// transcript and corpus groups do not: see
    /// [`super::BuildOptions::speakers_only`].)
    pub fn needs_roles(self) -> bool {
        matches!(self, GroupBy::Role | GroupBy::Outlet)
    }

    /// The name used in tables (`group_by` column).
    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::Speaker => "speaker",
            GroupBy::Role => "role",
            GroupBy::Outlet => "outlet",
            GroupBy::Transcript => "transcript",
            GroupBy::Corpus => "corpus",
        }
    }

    /// The group a turn belongs to (its name, borrowed from the corpus), or
    /// `None` if it belongs to none.
    pub fn name<'a>(
        self,
        corpus: &'a Corpus,
        t: &'a Transcript,
        turn: &'a Turn,
    ) -> Option<&'a str> {
        let s = corpus.speakers.get(turn.speaker)?;
        match self {
            GroupBy::Speaker => Some(&s.name),
            GroupBy::Role => Some(s.role.as_str()),
            GroupBy::Outlet => turn.outlet.as_deref(),
            GroupBy::Transcript => Some(&t.id),
            GroupBy::Corpus => Some("corpus"),
        }
    }
}

/// One group of turns, as `(transcript index, turn index)` pairs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The group's name.
    pub name: String,
    /// Its turns, in corpus order.
    pub turns: Vec<(usize, usize)>,
}

/// All groups for `by`, in a fixed order: roles in [`Role::ALL`] order,
/// everything else in order of first appearance.
pub fn groups(corpus: &Corpus, by: GroupBy) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (ti, t) in corpus.transcripts.iter().enumerate() {
        for (ui, turn) in t.turns.iter().enumerate() {
            let Some(k) = by.name(corpus, t, turn) else {
                continue;
            };
            let gi = *index.entry(k).or_insert_with(|| {
                out.push(Group {
                    name: k.to_string(),
                    turns: Vec::new(),
                });
                out.len() - 1
            });
            out[gi].turns.push((ti, ui));
        }
    }
    if by == GroupBy::Role {
        out.sort_by_key(|g| Role::parse(&g.name).unwrap_or(Role::Other));
    }
    out
}

/// A selection of turns: a speaker, a role, an outlet or a transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// What kind of group.
    pub by: GroupBy,
    /// Its name as resolved against the corpus.
    pub value: String,
}

impl Spec {
    /// Parse `NAME`, `speaker=NAME`, `role=R`, `outlet=O`, `transcript=ID`
    /// and check it names something in the corpus: a speaker by any name,
    /// alias or unique part ([`super::speakers::find_speaker`]), an outlet by
    /// any of its variants ([`super::outlets`]).
    pub fn parse(spec: &str, corpus: &Corpus) -> Result<Spec> {
        let (kind, value) = match spec.split_once('=') {
            Some((k, v)) if ["speaker", "role", "outlet", "transcript"].contains(&k.trim()) => {
                (k.trim(), v.trim())
            }
            _ => ("speaker", spec.trim()),
        };
        let eq = |a: &str, b: &str| a.to_lowercase() == b.to_lowercase();
        match kind {
            "role" => {
                let r = Role::parse(value).ok_or_else(|| {
                    Error::Spec(format!(
                        "unknown role `{value}`: use host, official, questioner or other"
                    ))
                })?;
                Ok(Spec {
                    by: GroupBy::Role,
                    value: r.as_str().into(),
                })
            }
            "outlet" => {
                let name = corpus
                    .outlets
                    .get(value)
                    .filter(|o| corpus.turns().any(|(_, u)| u.outlet.as_deref() == Some(*o)));
                match name {
                    Some(o) => Ok(Spec {
                        by: GroupBy::Outlet,
                        value: o.to_string(),
                    }),
                    None => {
                        let mut known: Vec<&str> = corpus
                            .turns()
                            .filter_map(|(_, u)| u.outlet.as_deref())
                            .collect();
                        known.sort_unstable();
                        known.dedup();
                        known.truncate(12);
                        Err(Error::Spec(format!(
                            "no outlet `{value}` in the input (outlets include: {})",
                            known.join(", ")
                        )))
                    }
                }
            }
            "transcript" => corpus
                .transcripts
                .iter()
                .find(|t| eq(&t.id, value))
                .map(|t| Spec {
                    by: GroupBy::Transcript,
                    value: t.id.clone(),
                })
                .ok_or_else(|| Error::Spec(format!("no transcript `{value}` in the input"))),
            _ => {
                let si = super::speakers::find_speaker(&corpus.speakers, value)?;
                Ok(Spec {
                    by: GroupBy::Speaker,
                    value: corpus.speakers[si].name.clone(),
                })
            }
        }
    }

    /// Does the turn belong to this selection?
    pub fn matches(&self, corpus: &Corpus, t: &Transcript, turn: &Turn) -> bool {
        self.by.name(corpus, t, turn) == Some(self.value.as_str())
    }

    /// How the spec is written back (`role=official`, a speaker's name).
    pub fn label(&self) -> String {
        match self.by {
            GroupBy::Speaker => self.value.clone(),
            by => format!("{}={}", by.as_str(), self.value),
        }
    }
}
