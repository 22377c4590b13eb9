//! Blocks into turns: consecutive blocks of one named speaker are one turn
//! (anonymous ones never merge: [`joins_turn`], the rule the one-pass count
//! of terms shares); stage directions become events tied to
//! their turn; the transcript's title and date.

use std::collections::HashMap;

use super::super::parse::{Block, ParsedTranscript};
use super::super::{Event, Transcript, Turn};
use super::dates::{find_date, find_prose_date};

/// The rule that makes blocks into turns, for the corpus builder and the
/// one-pass count alike: a block joins the turn before it, whose speaker is
/// `previous`, when it is by the same `speaker` under a named label (a
/// block under a bare anonymous label, `anonymous`, never joins). A
/// speaker is whatever identifies one: its index, or its label, as a label
/// resolves to one speaker.
pub(crate) fn joins_turn<S: PartialEq>(previous: Option<S>, speaker: S, anonymous: bool) -> bool {
    !anonymous && previous == Some(speaker)
}

/// Blocks → turns (with their word counts when `count_words`).
pub(crate) fn build_transcript(
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
        // The speakers were resolved from these very blocks' labels.
        let speaker = *label_speaker[usize::from(anonymous)]
            .get(&label)
            .expect("every label of the corpus has a speaker");
        let merge = joins_turn(turns.last().map(|t| t.speaker), speaker, anonymous);
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
                outlet: None,
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
