//! Exchange tables: one row per question–answer exchange, and per-outlet
//! figures (exchanges, question turns and words, answer words, ratio, who
//! answered).

use serde::Serialize;

use crate::table::{Cell, Table};
use crate::transcript::Corpus;

/// One exchange, as in the JSON contract.
#[derive(Debug, Clone, Serialize)]
pub struct ExchangeRow {
    pub transcript: String,
    pub index: usize,
    pub line: usize,
    pub questioner: String,
    /// The person the host called on (anonymous questioners), where named.
    pub called_on: Option<String>,
    pub outlet: Option<String>,
    pub question: String,
    pub question_turns: usize,
    pub question_words: usize,
    pub answer_words: usize,
    pub answered_by: Vec<String>,
}

/// Per-outlet figures. Questioners without a known outlet are grouped under
/// their own name.
#[derive(Debug, Clone, Serialize)]
pub struct OutletRow {
    pub outlet: String,
    pub exchanges: usize,
    pub question_turns: usize,
    pub question_words: usize,
    pub answer_words: usize,
    /// answer_words / question_words (`null` when no question words).
    pub answer_question_ratio: Option<f64>,
    /// Who answered, with the number of exchanges each answered.
    pub answered_by: Vec<(String, usize)>,
}

/// Every exchange of the corpus, in corpus order.
pub fn exchange_rows(corpus: &Corpus) -> Vec<ExchangeRow> {
    let mut rows = Vec::new();
    for t in &corpus.transcripts {
        for e in &t.exchanges {
            let first = e.question_turns.first().and_then(|&i| t.turns.get(i));
            rows.push(ExchangeRow {
                transcript: t.id.clone(),
                index: e.index,
                line: first.map_or(0, |u| u.first_line),
                questioner: corpus.speakers[e.questioner].name.clone(),
                called_on: e.called_on.clone(),
                outlet: e.outlet.clone(),
                question: first.map(|u| u.text.clone()).unwrap_or_default(),
                question_turns: e.question_turns.len(),
                question_words: e.question_words,
                answer_words: e.answer_words,
                answered_by: e
                    .answered_by
                    .iter()
                    .map(|&s| corpus.speakers[s].name.clone())
                    .collect(),
            });
        }
    }
    rows
}

/// Per-outlet figures, most exchanges first (ties by outlet name).
pub fn outlet_rows(rows: &[ExchangeRow]) -> Vec<OutletRow> {
    let mut out: Vec<OutletRow> = Vec::new();
    for r in rows {
        let name = r.outlet.clone().unwrap_or_else(|| r.questioner.clone());
        let i = match out.iter().position(|o| o.outlet == name) {
            Some(i) => i,
            None => {
                out.push(OutletRow {
                    outlet: name,
                    exchanges: 0,
                    question_turns: 0,
                    question_words: 0,
                    answer_words: 0,
                    answer_question_ratio: None,
                    answered_by: Vec::new(),
                });
                out.len() - 1
            }
        };
        let o = &mut out[i];
        o.exchanges += 1;
        o.question_turns += r.question_turns;
        o.question_words += r.question_words;
        o.answer_words += r.answer_words;
        for a in &r.answered_by {
            match o.answered_by.iter_mut().find(|(n, _)| n == a) {
                Some((_, c)) => *c += 1,
                None => o.answered_by.push((a.clone(), 1)),
            }
        }
    }
    for o in &mut out {
        o.answer_question_ratio =
            (o.question_words > 0).then(|| o.answer_words as f64 / o.question_words as f64);
        o.answered_by
            .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    }
    out.sort_by(|a, b| {
        b.exchanges
            .cmp(&a.exchanges)
            .then_with(|| a.outlet.cmp(&b.outlet))
    });
    out
}

/// The exchanges as a table.
pub fn exchanges_table(rows: &[ExchangeRow]) -> Table {
    let mut t = Table::new([
        "transcript",
        "exchange",
        "line",
        "questioner",
        "outlet",
        "question",
        "question_words",
        "answer_words",
        "answered_by",
        "called_on",
    ]);
    for r in rows {
        t.push(vec![
            Cell::s(&r.transcript),
            Cell::i(r.index + 1),
            Cell::i(r.line),
            Cell::s(&r.questioner),
            Cell::os(r.outlet.as_deref()),
            Cell::s(&r.question),
            Cell::i(r.question_words),
            Cell::i(r.answer_words),
            Cell::s(r.answered_by.join("; ")),
            Cell::os(r.called_on.as_deref()),
        ]);
    }
    t
}

/// The per-outlet figures as a table.
pub fn outlets_table(rows: &[OutletRow]) -> Table {
    let mut t = Table::new([
        "outlet",
        "exchanges",
        "question_turns",
        "question_words",
        "answer_words",
        "answer_question_ratio",
        "answered_by",
    ]);
    for o in rows {
        let by: Vec<String> = o
            .answered_by
            .iter()
            .map(|(n, c)| format!("{n} ({c})"))
            .collect();
        t.push(vec![
            Cell::s(&o.outlet),
            Cell::i(o.exchanges),
            Cell::i(o.question_turns),
            Cell::i(o.question_words),
            Cell::i(o.answer_words),
            Cell::of(o.answer_question_ratio, 2),
            Cell::s(by.join("; ")),
        ]);
    }
    t
}
