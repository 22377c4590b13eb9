//! The report as a sequence of format-neutral blocks (headings, paragraphs,
//! tables, charts, quoted lines). Built once from a [`Report`]; the HTML and
//! Markdown exporters only render blocks, so both always say the same.

use super::figures::thousands;
use super::model::Report;
use crate::analysis::keyness::Keyness;
use crate::analysis::{exchanges, speakers, turns};
use crate::table::{Cell, Table};

/// One block of the document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A section heading: level (1 = title, 2 = section, 3 = subsection), text, anchor.
    Heading(u8, String, String),
    /// A paragraph of plain text.
    Para(String),
    /// Definition-style facts: `(term, value)`.
    Facts(Vec<(String, String)>),
    /// A chart, by file stem, with its title.
    Chart(String, String),
    /// A table with a caption.
    Table(String, Table),
    /// Lines in context: `(reference, left, match, right)`.
    Kwic(Vec<(String, String, String, String)>),
    /// The contents list: `(anchor, text)` of the level-2 headings.
    Contents,
}

/// Rows shown in a page table before "and N more" (the CSV files have all).
const PAGE_ROWS: usize = 30;

fn cut(mut t: Table, n: usize) -> (Table, usize) {
    let more = t.rows.len().saturating_sub(n);
    t.rows.truncate(n);
    (t, more)
}

fn table_block(blocks: &mut Vec<Block>, caption: &str, t: Table, csv: &str) {
    let (t, more) = cut(t, PAGE_ROWS);
    blocks.push(Block::Table(caption.to_string(), t));
    if more > 0 {
        blocks.push(Block::Para(format!(
            "… and {more} more rows in tables/{csv}.csv."
        )));
    }
}

fn h2(blocks: &mut Vec<Block>, id: &str, text: &str) {
    blocks.push(Block::Heading(2, text.into(), id.into()));
}

/// The whole document.
pub fn document(r: &Report, charts: &[(String, String)]) -> Vec<Block> {
    let chart = |blocks: &mut Vec<Block>, name: &str| {
        if let Some((n, t)) = charts.iter().find(|(n, _)| n == name) {
            blocks.push(Block::Chart(n.clone(), t.clone()));
        }
    };
    let o = &r.overview;
    let mut b = vec![Block::Heading(1, r.title.clone(), "top".into())];
    let dates = match (&o.first_date, &o.last_date) {
        (Some(a), Some(z)) if a == z => a.clone(),
        (Some(a), Some(z)) => format!("{a} to {z}"),
        _ => "undated".into(),
    };
    b.push(Block::Para(format!(
        "A tribune report on {} transcript{} ({dates}): {} turns, {} words, {} speakers, {} question–answer exchanges.",
        o.transcripts,
        if o.transcripts == 1 { "" } else { "s" },
        thousands(o.turns as u64),
        thousands(o.words as u64),
        o.speakers,
        o.exchanges
    )));
    b.push(Block::Contents);

    h2(&mut b, "overview", "Overview and roster");
    let mut facts = vec![
        ("Transcripts".to_string(), o.transcripts.to_string()),
        ("Turns".into(), thousands(o.turns as u64)),
        ("Words".into(), thousands(o.words as u64)),
        ("Tokens after stopwords".into(), thousands(o.tokens)),
        ("Speakers".into(), o.speakers.to_string()),
        ("Exchanges".into(), o.exchanges.to_string()),
        ("Stage directions".into(), o.stage_directions.to_string()),
        ("Dates".into(), dates.clone()),
    ];
    if o.transcripts_skipped > 0 {
        facts.push((
            "Files without turns (skipped)".into(),
            o.transcripts_skipped.to_string(),
        ));
    }
    b.push(Block::Facts(facts));
    b.push(Block::Para(
        "Speakers, most words first. Roles are inferred (see Methods); a roster file overrides them.".into(),
    ));
    table_block(
        &mut b,
        "Speakers",
        speakers::table(&r.speakers, false),
        "speakers",
    );

    h2(&mut b, "share", "Speaking share and timeline");
    chart(&mut b, "speaking-share");
    chart(&mut b, "turn-timeline");

    h2(&mut b, "turns", "Turn lengths");
    b.push(Block::Para(
        "Words per turn. A turn is the maximal stretch of speech by one speaker; sd is the sample standard deviation, quartiles as R's type 7.".into(),
    ));
    chart(&mut b, "turn-lengths-speaker");
    chart(&mut b, "turn-lengths-role");
    table_block(
        &mut b,
        "Turn lengths by role",
        turns::table(&r.turns_by_role),
        "turns",
    );
    table_block(
        &mut b,
        "Turn lengths by speaker",
        turns::table(&r.turns_by_speaker),
        "turns",
    );

    h2(&mut b, "exchanges", "Exchanges by outlet");
    if r.exchanges.is_empty() {
        b.push(Block::Para(
            "No question–answer exchanges: no speaker was found to be a questioner.".into(),
        ));
    } else {
        b.push(Block::Para(
            "An exchange is a questioner's question, the host's routing and the officials' answers up to the next question. The ratio is answer words per question word.".into(),
        ));
        chart(&mut b, "exchanges-by-outlet");
        table_block(
            &mut b,
            "Per outlet",
            exchanges::outlets_table(&r.outlets),
            "outlets",
        );
        // The question text is long: the page shows its first words.
        let short: Vec<_> = r
            .exchanges
            .iter()
            .map(|e| {
                let words: Vec<&str> = e.question.split_whitespace().collect();
                let mut e = e.clone();
                if words.len() > 16 {
                    e.question = format!("{} …", words[..16].join(" "));
                }
                e
            })
            .collect();
        let t = exchanges::exchanges_table(&short);
        table_block(&mut b, "Exchanges", t, "exchanges");
    }

    h2(&mut b, "terms", "Top terms per speaker");
    b.push(Block::Para(
        "Terms are Snowball stems shown as their most frequent word; stopwords and numbers are removed. Rate: per 10,000 of the speaker's tokens.".into(),
    ));
    chart(&mut b, "top-terms");
    let mut t = Table::new(["speaker", "rank", "term", "count", "per_10k", "turns"]);
    for row in &r.terms {
        t.push(vec![
            Cell::s(row.group.as_ref()),
            Cell::i(row.rank),
            Cell::s(row.display.as_ref()),
            Cell::i(row.count),
            Cell::f(row.rate, 1),
            Cell::i(row.turns),
        ]);
    }
    table_block(&mut b, "Top terms", t, "terms");

    h2(&mut b, "keyness", "Distinctive terms");
    b.push(Block::Para(
        "Each featured speaker against everyone else. G² (log-likelihood) says whether a difference is real, Log Ratio how big it is (1 = twice the rate). Positive: the speaker uses the term more; negative: less. p_adj is Benjamini–Hochberg adjusted.".into(),
    ));
    for (k, name) in r.keyness.iter().zip(super::figures::keyness_charts(r)) {
        b.push(Block::Heading(3, k.target.clone(), name.clone()));
        chart(&mut b, &name);
        table_block(
            &mut b,
            &format!("Distinctive terms: {}", k.target),
            key_table(k),
            "keyness",
        );
    }
    if let Some(c) = &r.comparison {
        b.push(Block::Heading(
            3,
            format!("{} and {} compared", c.target, c.reference),
            "comparison".into(),
        ));
        b.push(Block::Para(format!(
            "Head to head, sorted by the weighted log-odds z (informative Dirichlet prior from the whole corpus): positive terms are typical of {}, negative of {}.",
            c.target, c.reference
        )));
        chart(&mut b, "comparison");
        let mut top = c.clone();
        let n = top.rows.len();
        if n > 20 {
            top.rows = c.rows[..10]
                .iter()
                .chain(&c.rows[n - 10..])
                .cloned()
                .collect();
        }
        table_block(&mut b, "Comparison", key_table(&top), "comparison");
    }

    h2(&mut b, "diversity", "Lexical diversity");
    b.push(Block::Para(
        "Over each speaker's words (numbers and stopwords kept, no stemming). TTR falls as texts grow; MATTR (window 100) and MTLD do not, so compare speakers by those. Below 100 tokens MATTR is the plain TTR.".into(),
    ));
    chart(&mut b, "lexical-diversity");
    let mut t = Table::new([
        "speaker",
        "tokens",
        "types",
        "ttr",
        "mattr",
        "mtld",
        "yule_k",
        "hapax_share",
    ]);
    for d in &r.diversity {
        let m = &d.measures;
        t.push(vec![
            Cell::s(if d.short {
                format!("{} (short)", d.group)
            } else {
                d.group.clone()
            }),
            Cell::i(m.tokens),
            Cell::i(m.types),
            Cell::f(m.ttr, 3),
            Cell::f(m.mattr, 3),
            Cell::of(m.mtld, 1),
            Cell::f(m.yule_k, 1),
            Cell::f(m.hapax_share, 3),
        ]);
    }
    table_block(
        &mut b,
        "Lexical diversity (short: fewer than 100 tokens, MATTR is the TTR)",
        t,
        "diversity",
    );

    h2(&mut b, "dispersion", "Where the key terms occur");
    chart(&mut b, "dispersion");

    h2(&mut b, "evidence", "Key terms in context");
    b.push(Block::Para(
        "For each featured speaker's most distinctive terms, a few lines as spoken (transcript:line), spread over their uses: the evidence to quote.".into(),
    ));
    // Anchors distinct for distinct speakers and terms (see
    // `distinct_slugs`).
    let speakers: Vec<&str> = r.evidence.iter().map(|e| e.speaker.as_str()).collect();
    let terms: Vec<&str> = r.evidence.iter().map(|e| e.term.as_str()).collect();
    let anchors = super::figures::distinct_slugs(&speakers)
        .into_iter()
        .zip(super::figures::distinct_slugs(&terms));
    for (e, (speaker, term)) in r.evidence.iter().zip(anchors) {
        b.push(Block::Heading(
            3,
            format!("{}: “{}” (G² {:.1})", e.speaker, e.display, e.g2),
            format!("evidence-{speaker}-{term}"),
        ));
        b.push(Block::Kwic(
            e.lines
                .iter()
                .map(|h| {
                    (
                        format!("{}:{}", h.transcript, h.line),
                        h.left.clone(),
                        h.matched.clone(),
                        h.right.clone(),
                    )
                })
                .collect(),
        ));
    }

    h2(&mut b, "methods", "Methods");
    let m = &r.methods;
    b.push(Block::Facts(vec![
        ("tribune".into(), m.tribune_version.clone()),
        ("Words".into(), m.tokenizer.clone()),
        ("Language".into(), m.language.clone()),
        ("Stemmer".into(), m.stemmer.clone()),
        ("Stopwords".into(), m.stopwords.clone()),
        ("Numbers".into(), m.numbers.clone()),
        ("Keyness".into(), m.keyness.clone()),
        ("Correction".into(), m.correction.clone()),
        ("p adjustment".into(), m.adjustment.clone()),
        (
            "Minimum count".into(),
            format!("{} (target + reference)", m.min_count),
        ),
        ("Weighted log-odds".into(), m.log_odds.clone()),
        ("Lexical diversity".into(), m.diversity.clone()),
        ("Roles".into(), m.roles.clone()),
        (
            "Options".into(),
            if m.options.is_empty() {
                "defaults".into()
            } else {
                m.options
                    .iter()
                    .map(|(k, v)| {
                        if v.is_empty() {
                            k.clone()
                        } else {
                            format!("{k} {v}")
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            },
        ),
    ]));
    let mut inputs = Table::new(["transcript", "date", "turns", "words", "sha256"]);
    for i in &r.inputs {
        inputs.push(vec![
            Cell::s(&i.id),
            Cell::os(i.date.as_deref()),
            Cell::i(i.turns),
            Cell::i(i.words),
            Cell::s(&i.sha256),
        ]);
    }
    table_block(
        &mut b,
        "Inputs (SHA-256 of the raw bytes)",
        inputs,
        "inputs",
    );
    b
}

/// A keyness table as the page shows it: the words, both counts and the
/// three measures (the CSV has every column).
fn key_table(k: &Keyness) -> Table {
    let mut t = Table::new([
        "term",
        "side",
        &k.target,
        &k.reference,
        "g2",
        "p_adj",
        "log_ratio",
        "log_odds_z",
    ]);
    for r in &k.rows {
        t.push(vec![
            Cell::s(&r.display),
            Cell::s(r.side),
            Cell::i(r.target),
            Cell::i(r.reference),
            Cell::f(r.g2, 2),
            Cell::Sci(r.p_adj),
            Cell::f(r.log_ratio, 2),
            Cell::of(r.log_odds_z, 2),
        ]);
    }
    t
}
