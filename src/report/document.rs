//! The report as a sequence of format-neutral blocks (headings, paragraphs,
//! tables, charts, quoted lines). Built once from a [`Report`]; the HTML and
//! Markdown exporters only render blocks, so both always say the same.

use super::figures::thousands;
use super::model::Report;
use super::page_table::{Cut, PageTable, page_table, shown};
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
    /// A chart.
    Chart(Figure),
    /// A table as printed.
    Table(PageTable),
    /// Lines in context: `(reference, left, match, right)`.
    Kwic(Vec<(String, String, String, String)>),
    /// The contents list: `(anchor, text)` of the level-2 headings.
    Contents,
}

/// A chart the page shows: its file stem, its title and the caption
/// written from its data ([`super::captions`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub name: String,
    pub title: String,
    pub caption: String,
}

/// Rows shown in a page table before "and N more" (the CSV files have all).
const PAGE_ROWS: usize = 30;

/// The document being written: its blocks so far, and the charts drawn
/// that [`Doc::chart`] may place.
struct Doc<'c> {
    blocks: Vec<Block>,
    charts: &'c [Figure],
}

impl Doc<'_> {
    fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }

    fn para(&mut self, text: impl Into<String>) {
        self.push(Block::Para(text.into()));
    }

    fn h2(&mut self, id: &str, text: &str) {
        self.push(Block::Heading(2, text.into(), id.into()));
    }

    /// The chart `name`, if it was drawn.
    fn chart(&mut self, name: &str) {
        if let Some(f) = self.charts.iter().find(|f| f.name == name) {
            self.blocks.push(Block::Chart(f.clone()));
        }
    }

    /// A table cut to [`PAGE_ROWS`], its rows already in `order` (which
    /// the note under a cut table names, with the CSV file that has
    /// them all).
    fn table(&mut self, caption: &str, t: Table, csv: &str, order: &str) {
        self.push(Block::Table(page_table(caption, &t, PAGE_ROWS, csv, order)));
    }
}

/// The whole document: the title, then one section after another.
pub fn document(r: &Report, charts: &[Figure]) -> Vec<Block> {
    let mut d = Doc {
        blocks: Vec::new(),
        charts,
    };
    title(&mut d, r);
    overview(&mut d, r);
    share(&mut d);
    turn_lengths(&mut d, r);
    exchanges_by_outlet(&mut d, r);
    top_terms(&mut d, r);
    distinctive_terms(&mut d, r);
    lexical_diversity(&mut d, r);
    dispersion(&mut d);
    evidence(&mut d, r);
    methods(&mut d, r);
    d.blocks
}

/// The corpus's dates: one day, a span, or `undated`.
fn dates(r: &Report) -> String {
    let o = &r.overview;
    match (&o.first_date, &o.last_date) {
        (Some(a), Some(z)) if a == z => a.clone(),
        (Some(a), Some(z)) => format!("{a} to {z}"),
        _ => "undated".into(),
    }
}

/// The title, a one-paragraph summary and the contents.
fn title(d: &mut Doc, r: &Report) {
    let o = &r.overview;
    d.push(Block::Heading(1, r.title.clone(), "top".into()));
    d.para(format!(
        "A tribune report on {} transcript{} ({}): {} turns, {} words, {} speakers, {} question–answer exchanges.",
        o.transcripts,
        if o.transcripts == 1 { "" } else { "s" },
        dates(r),
        thousands(o.turns as u64),
        thousands(o.words as u64),
        thousands(o.speakers as u64),
        thousands(o.exchanges as u64)
    ));
    d.push(Block::Contents);
}

/// The corpus in figures, and the speakers.
fn overview(d: &mut Doc, r: &Report) {
    let o = &r.overview;
    d.h2("overview", "Overview and roster");
    let mut facts = vec![
        ("Transcripts".to_string(), o.transcripts.to_string()),
        ("Turns".into(), thousands(o.turns as u64)),
        ("Words".into(), thousands(o.words as u64)),
        ("Tokens after stopwords".into(), thousands(o.tokens)),
        ("Speakers".into(), thousands(o.speakers as u64)),
        ("Exchanges".into(), thousands(o.exchanges as u64)),
        (
            "Stage directions".into(),
            thousands(o.stage_directions as u64),
        ),
        ("Dates".into(), dates(r)),
    ];
    if o.transcripts_skipped > 0 {
        facts.push((
            "Files without turns (skipped)".into(),
            o.transcripts_skipped.to_string(),
        ));
    }
    d.push(Block::Facts(facts));
    d.para(
        "Speakers, most words first. Roles are inferred (see Methods); a roster file overrides them.",
    );
    d.table(
        "Speakers",
        speakers::table(&r.speakers, false),
        "speakers",
        "most words first",
    );
}

fn share(d: &mut Doc) {
    d.h2("share", "Speaking share and timeline");
    d.chart("speaking-share");
    d.chart("turn-timeline");
}

fn turn_lengths(d: &mut Doc, r: &Report) {
    d.h2("turns", "Turn lengths");
    d.para(
        "Words per turn. A turn is the maximal stretch of speech by one speaker; sd is the sample standard deviation, quartiles as R's type 7.",
    );
    d.chart("turn-lengths-speaker");
    d.chart("turn-lengths-role");
    for (caption, rows) in [
        ("Turn lengths by role", &r.turns_by_role),
        ("Turn lengths by speaker", &r.turns_by_speaker),
    ] {
        d.table(
            caption,
            turns::table(&most_words_first(rows)),
            "turns",
            "most words first",
        );
    }
}

/// Turn lengths, the groups with most words first and the all-turns row
/// last.
fn most_words_first(rows: &[turns::TurnStats]) -> Vec<turns::TurnStats> {
    let mut rows = rows.to_vec();
    rows.sort_by_key(|t| (t.group_by == "all", std::cmp::Reverse(t.words)));
    rows
}

fn exchanges_by_outlet(d: &mut Doc, r: &Report) {
    d.h2("exchanges", "Exchanges by outlet");
    if r.exchanges.is_empty() {
        d.para("No question–answer exchanges: no speaker was found to be a questioner.");
        return;
    }
    d.para(
        "An exchange is a questioner's question, the host's routing and the officials' answers up to the next question. The ratio is answer words per question word.",
    );
    d.chart("exchanges-by-outlet");
    d.table(
        "Per outlet",
        exchanges::outlets_table(&r.outlets),
        "outlets",
        "most exchanges first",
    );
    // The question text is long: the page shows its first words.
    // When they do not all fit, the longest answers first.
    let mut rows: Vec<&exchanges::ExchangeRow> = r.exchanges.iter().collect();
    let order = if rows.len() > PAGE_ROWS {
        rows.sort_by_key(|e| std::cmp::Reverse(e.answer_words));
        "most answer words first"
    } else {
        ""
    };
    let short: Vec<_> = rows
        .into_iter()
        .map(|e| {
            let words: Vec<&str> = e.question.split_whitespace().collect();
            let mut e = e.clone();
            if words.len() > 16 {
                e.question = format!("{} …", words[..16].join(" "));
            }
            e
        })
        .collect();
    d.table(
        "Exchanges",
        exchanges::exchanges_table(&short),
        "exchanges",
        order,
    );
}

fn top_terms(d: &mut Doc, r: &Report) {
    d.h2("terms", "Top terms per speaker");
    d.para(
        "Terms are Snowball stems shown as their most frequent word; stopwords and numbers are removed. Rate: per 10,000 of the speaker's tokens.",
    );
    d.chart("top-terms");
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
    // The first terms of every featured speaker rather than all the
    // terms of the first speakers.
    let per = (PAGE_ROWS / r.featured.len().max(1)).max(1);
    let keep: Vec<_> = r.terms.iter().map(|row| row.rank <= per as u64).collect();
    let rows = t
        .rows
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(row, _)| row);
    let n = keep.iter().filter(|k| **k).count();
    let cut = (n < t.rows.len()).then(|| Cut {
        shown: n,
        total: t.rows.len(),
        order: format!("the first {per} of each speaker"),
        csv: "tables/terms.csv".into(),
    });
    d.push(Block::Table(shown("Top terms", &t, rows, cut)));
}

/// Each featured speaker's keyness, then the comparison if there is one.
fn distinctive_terms(d: &mut Doc, r: &Report) {
    d.h2("keyness", "Distinctive terms");
    d.para(
        format!("Each featured speaker against everyone else. G² (log-likelihood) says whether a difference is real, log ratio how big it is (1 = twice the rate). Positive: the speaker uses the term more; negative: less. Adjusted p: {}.", r.methods.adjustment),
    );
    for (k, name) in r.keyness.iter().zip(super::figures::keyness_charts(r)) {
        d.push(Block::Heading(3, k.target.clone(), name.clone()));
        d.chart(&name);
        d.table(
            &format!("Distinctive terms: {}", k.target),
            key_table(k),
            "keyness",
            "",
        );
    }
    comparison(d, r);
}

/// Two speakers head to head: the ten terms at each end.
fn comparison(d: &mut Doc, r: &Report) {
    let Some(c) = &r.comparison else {
        return;
    };
    d.push(Block::Heading(
        3,
        format!("{} and {} compared", c.target, c.reference),
        "comparison".into(),
    ));
    d.para(format!(
        "Head to head, sorted by the weighted log-odds z (informative Dirichlet prior from the whole corpus): positive terms are typical of {}, negative of {}.",
        c.target, c.reference
    ));
    d.chart("comparison");
    let t = key_table(c);
    let n = t.rows.len();
    let (rows, cut): (Vec<_>, _) = if n > 20 {
        let ends = t.rows.iter().take(10).chain(t.rows.iter().skip(n - 10));
        let cut = Cut {
            shown: 20,
            total: n,
            order: "the 10 at each end".into(),
            csv: "tables/comparison.csv".into(),
        };
        (ends.collect(), Some(cut))
    } else {
        (t.rows.iter().collect(), None)
    };
    d.push(Block::Table(shown("Comparison", &t, rows.into_iter(), cut)));
}

fn lexical_diversity(d: &mut Doc, r: &Report) {
    d.h2("diversity", "Lexical diversity");
    d.para(
        "Over each speaker's words (numbers and stopwords kept, no stemming). TTR falls as texts grow; MATTR (window 100) and MTLD do not, so compare speakers by those. Below 100 tokens MATTR is the plain TTR.",
    );
    d.chart("lexical-diversity");
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
    let mut rows: Vec<_> = r.diversity.iter().collect();
    rows.sort_by_key(|g| std::cmp::Reverse(g.measures.tokens));
    for g in rows {
        let m = &g.measures;
        t.push(vec![
            Cell::s(if g.short {
                format!("{} (short)", g.group)
            } else {
                g.group.clone()
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
    d.table(
        "Lexical diversity (short: fewer than 100 tokens, MATTR is the TTR)",
        t,
        "diversity",
        "most tokens first",
    );
}

fn dispersion(d: &mut Doc) {
    d.h2("dispersion", "Where the key terms occur");
    d.chart("dispersion");
}

/// A few lines in context for each featured speaker's key terms.
fn evidence(d: &mut Doc, r: &Report) {
    d.h2("evidence", "Key terms in context");
    d.para(
        "For each featured speaker's most distinctive terms, a few lines as spoken (transcript:line), spread over their uses: the evidence to quote.",
    );
    // Anchors distinct for distinct speakers and terms (see
    // `distinct_slugs`).
    let speakers: Vec<&str> = r.evidence.iter().map(|e| e.speaker.as_str()).collect();
    let terms: Vec<&str> = r.evidence.iter().map(|e| e.term.as_str()).collect();
    let anchors = super::figures::distinct_slugs(&speakers)
        .into_iter()
        .zip(super::figures::distinct_slugs(&terms));
    for (e, (speaker, term)) in r.evidence.iter().zip(anchors) {
        d.push(Block::Heading(
            3,
            format!("{}: “{}” (G² {:.1})", e.speaker, e.display, e.g2),
            format!("evidence-{speaker}-{term}"),
        ));
        d.push(Block::Kwic(
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
}

/// How the figures were made, and the inputs with their checksums.
fn methods(d: &mut Doc, r: &Report) {
    d.h2("methods", "Methods");
    let m = &r.methods;
    d.push(Block::Facts(vec![
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
        ("Options".into(), options(r)),
    ]));
    let mut inputs = Table::new(["transcript", "date", "turns", "words", "sha256"]);
    let mut rows: Vec<_> = r.inputs.iter().collect();
    let order = if rows.len() > PAGE_ROWS {
        rows.sort_by_key(|i| std::cmp::Reverse(i.words));
        "most words first"
    } else {
        ""
    };
    for i in rows {
        inputs.push(vec![
            Cell::s(&i.id),
            Cell::os(i.date.as_deref()),
            Cell::i(i.turns),
            Cell::i(i.words),
            Cell::s(&i.sha256),
        ]);
    }
    d.table("Inputs (SHA-256 of the raw bytes)", inputs, "inputs", order);
}

/// The options the report was made with, as typed (`defaults` when none).
fn options(r: &Report) -> String {
    let options = &r.methods.options;
    if options.is_empty() {
        return "defaults".into();
    }
    options
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
