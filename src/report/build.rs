//! Building a [`Report`] from a corpus: runs every analysis once with the
//! report's options and keeps what the page shows. Pure: no I/O.

use std::collections::HashSet;

use crate::analysis::diversity::diversity_rows;
use crate::analysis::exchanges::{exchange_rows, outlet_rows};
use crate::analysis::keyness::{CorpusCounts, KeynessParams, table_between, table_vs_rest};
use crate::analysis::kwic::{Hit, WordCache, kwic_many};
use crate::analysis::speakers;
use crate::analysis::terms;
use crate::analysis::turns::turn_stats;
use crate::count::count_corpus;
use crate::error::Result;
use crate::stats::keyness::{Adjust, Correction, Measure};
use crate::stats::lexdiv::DiversityOptions;
use crate::text::{Analyzer, WordKind};
use crate::transcript::group::{GroupBy, Spec, groups};
use crate::transcript::{Corpus, Role};

use super::model::*;

/// What goes into a report and how it is computed.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// Title; default: the transcript's title, or the report name.
    pub title: Option<String>,
    /// Folder name.
    pub name: String,
    /// How many speakers get their own terms, keyness and evidence.
    pub featured: usize,
    /// Top terms per featured speaker.
    pub top_terms: usize,
    /// Key terms per side per featured speaker.
    pub key_terms: usize,
    /// Key terms per featured speaker with lines in context.
    pub evidence_terms: usize,
    /// Lines in context per key term.
    pub evidence_lines: usize,
    /// Words of context on each side.
    pub evidence_window: usize,
    /// Keyness statistics.
    pub keyness: KeynessParams,
    /// Diversity settings.
    pub diversity: DiversityOptions,
    /// The options as the user gave them, for the methods section.
    pub given: Vec<(String, String)>,
    /// Keep speakers' names (the words of any speaker's name or alias, e.g.
    /// `karine`, `psaki`) among the distinctive terms; by default they are
    /// left out of the keyness tables and charts, with a note.
    pub keep_names: bool,
    /// Printed size and resolution of the figures.
    pub figure: FigureOptions,
}

impl ReportOptions {
    /// Defaults for a report called `name`.
    pub fn new(name: impl Into<String>) -> ReportOptions {
        ReportOptions {
            title: None,
            name: name.into(),
            featured: 6,
            top_terms: 10,
            key_terms: 10,
            evidence_terms: 3,
            evidence_lines: 3,
            evidence_window: 8,
            keyness: KeynessParams::default(),
            diversity: DiversityOptions::default(),
            given: Vec::new(),
            keep_names: false,
            figure: FigureOptions::default(),
        }
    }
}

/// Build the report.
pub fn build(corpus: &Corpus, analyzer: &Analyzer, opts: &ReportOptions) -> Result<Report> {
    let speakers = speakers::rows(corpus);
    let featured: Vec<String> = speakers
        .iter()
        .filter(|s| s.words > 0)
        .take(opts.featured)
        .map(|s| s.name.clone())
        .collect();
    let is_featured = |name: &str| featured.iter().any(|f| f == name);

    let turns_by_speaker = turn_stats(corpus, GroupBy::Speaker);
    let turns_by_role = turn_stats(corpus, GroupBy::Role);
    let mut turn_words = Vec::new();
    for (by, label) in [(GroupBy::Speaker, "speaker"), (GroupBy::Role, "role")] {
        for g in groups(corpus, by) {
            if by == GroupBy::Speaker && !is_featured(&g.name) {
                continue;
            }
            let values = g
                .turns
                .iter()
                .map(|&(t, u)| corpus.transcripts[t].turns[u].words as u64)
                .collect();
            turn_words.push(GroupValues {
                group_by: label,
                group: g.name,
                values,
            });
        }
    }
    // Featured speakers in featured order (most words first).
    turn_words.sort_by_key(|g| {
        (
            g.group_by == "role",
            featured
                .iter()
                .position(|f| *f == g.group)
                .unwrap_or(usize::MAX),
            Role::parse(&g.group).unwrap_or(Role::Other),
        )
    });

    let exchanges = exchange_rows(corpus);
    let outlets = outlet_rows(&exchanges);
    let timeline = corpus
        .transcripts
        .iter()
        .filter(|t| !t.turns.is_empty())
        .map(|t| TimelineEntry {
            transcript: t.id.clone(),
            turns: t
                .turns
                .iter()
                .map(|u| (corpus.speakers[u.speaker].name.clone(), u.words as u64))
                .collect(),
        })
        .collect();

    // Counts once, by speaker; everything lexical derives from them.
    let counts = count_corpus(corpus, GroupBy::Speaker, analyzer);
    let cc = CorpusCounts::from_groups(counts.iter().map(|(_, c)| c));
    let featured_counts: Vec<(String, crate::count::TermCounts)> = featured
        .iter()
        .filter_map(|f| counts.iter().find(|(n, _)| n == f).cloned())
        .collect();
    let terms = terms::rows(&featured_counts, &cc.display, Some(opts.top_terms), 1)
        .into_iter()
        .map(terms::TermRow::into_owned)
        .collect();

    // Speakers' names are left out of the keyness tables unless kept: each
    // table is cut with room for them, and cut again once they are gone.
    let names = if opts.keep_names {
        HashSet::new()
    } else {
        name_terms(corpus, analyzer)
    };
    let room = |n: usize| n.saturating_add(names.len());
    let key_params = KeynessParams {
        top: Some(room(opts.key_terms)),
        ..opts.keyness.clone()
    };
    let mut names_left_out = Vec::new();
    let mut keyness: Vec<_> = {
        use rayon::prelude::*;
        let tables: Vec<Result<_>> = featured_counts
            .par_iter()
            .filter(|(_, c)| c.tokens > 0 && c.tokens < cc.all.tokens)
            .map(|(name, c)| table_vs_rest(c, &cc, name.clone(), &key_params))
            .collect();
        crate::error::first_error(tables)?
    };
    for k in &mut keyness {
        let terms = drop_names(k, &names, opts.key_terms);
        if !terms.is_empty() {
            names_left_out.push(NamesLeftOut {
                table: k.target.clone(),
                terms,
            });
        }
    }
    const COMPARED: usize = 400;
    let comparison = match featured_counts.as_slice() {
        [(a, ca), (b, cb), ..] if ca.tokens > 0 && cb.tokens > 0 => {
            let mut c = table_between(
                ca,
                cb,
                &cc,
                a.clone(),
                b.clone(),
                &KeynessParams {
                    measure: Measure::LogOdds,
                    top: Some(room(COMPARED)),
                    ..opts.keyness.clone()
                },
            )?;
            let terms = drop_names(&mut c, &names, COMPARED);
            if !terms.is_empty() {
                names_left_out.push(NamesLeftOut {
                    table: COMPARISON.to_string(),
                    terms,
                });
            }
            Some(c)
        }
        _ => None,
    };

    let diversity = diversity_rows(corpus, GroupBy::Speaker, &opts.diversity);

    // Key terms: each featured speaker's top over-used terms.
    let mut evidence = Vec::new();
    let mut key_terms: Vec<(String, String, String)> = Vec::new(); // (term, display, speaker)
    let mut seen = HashSet::new();
    for k in &keyness {
        let over: Vec<_> = k.rows.iter().filter(|r| r.side == "target").collect();
        for r in over.iter().take(2) {
            if seen.insert(r.term.clone()) && key_terms.len() < 12 {
                key_terms.push((r.term.clone(), r.display.clone(), k.target.clone()));
            }
        }
        let spec = Spec::parse(&k.target, corpus)?;
        let chosen: Vec<_> = over.iter().take(opts.evidence_terms).collect();
        let patterns: Vec<&str> = chosen.iter().map(|r| r.display.as_str()).collect();
        let found = kwic_many(
            corpus,
            analyzer,
            &patterns,
            opts.evidence_window,
            Some(&spec),
            false,
        )?;
        for (r, hits) in chosen.into_iter().zip(found) {
            evidence.push(Evidence {
                speaker: k.target.clone(),
                term: r.term.clone(),
                display: r.display.clone(),
                g2: r.g2,
                lines: spread(hits, opts.evidence_lines),
            });
        }
    }
    let dispersion = disperse(corpus, analyzer, &key_terms);

    let tokens = cc.all.tokens;
    let dates: Vec<&str> = corpus
        .transcripts
        .iter()
        .filter_map(|t| t.date.as_deref())
        .collect();
    let overview = Overview {
        transcripts: corpus.transcripts.len(),
        transcripts_skipped: corpus
            .transcripts
            .iter()
            .filter(|t| t.turns.is_empty())
            .count(),
        turns: corpus.turns().count(),
        words: corpus.total_words(),
        tokens,
        speakers: corpus.speakers.len(),
        exchanges: exchanges.len(),
        first_date: dates.iter().min().map(|d| d.to_string()),
        last_date: dates.iter().max().map(|d| d.to_string()),
        stage_directions: corpus.transcripts.iter().map(|t| t.events.len()).sum(),
    };
    let inputs = corpus
        .transcripts
        .iter()
        .map(|t| InputInfo {
            id: t.id.clone(),
            path: t.path.clone(),
            sha256: t.sha256.clone(),
            title: t.title.clone(),
            date: t.date.clone(),
            turns: t.turns.len(),
            words: t.turns.iter().map(|u| u.words).sum(),
        })
        .collect();
    let title = opts
        .title
        .clone()
        .unwrap_or_else(|| match corpus.transcripts.as_slice() {
            [one] => one.title.clone().unwrap_or_else(|| opts.name.clone()),
            many => format!("{} ({} transcripts)", opts.name, many.len()),
        });
    Ok(Report {
        title,
        name: opts.name.clone(),
        overview,
        inputs,
        speakers,
        featured,
        turns_by_speaker,
        turns_by_role,
        turn_words,
        exchanges,
        outlets,
        timeline,
        terms,
        keyness,
        comparison,
        diversity,
        dispersion,
        evidence,
        methods: methods(analyzer, opts),
        names_left_out,
        figure: opts.figure,
    })
}

/// Words of speakers' labels that are titles or roles, not names.
const NOT_NAMES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "sir",
    "madam",
    "dame",
    "lord",
    "lady",
    "hon",
    "rev",
    "the",
    "of",
    "and",
    "president",
    "vice",
    "secretary",
    "senator",
    "representative",
    "rep",
    "senior",
    "administration",
    "official",
    "officials",
    "moderator",
    "operator",
    "administrator",
    "director",
    "chairman",
    "chair",
    "chairwoman",
    "justice",
    "chief",
    "general",
    "ambassador",
    "minister",
    "spokesperson",
    "spokesman",
    "press",
    "deputy",
    "principal",
    "speaker",
    "governor",
    "mayor",
    "q",
    "one",
    "two",
    "three",
    "unidentified",
];

/// The terms of speakers' names, as the analyzer makes them (lower case,
/// stemmed): the words of every speaker's name and aliases (anonymous
/// labels such as `Q`, outlets speaking as themselves, and titles and roles
/// such as `Ms.` or `official` aside),
/// and the capitalised word just before a speaker's surname in a
/// transcript's title (`Press Secretary Jen Psaki` gives `jen` for
/// `MS. PSAKI`).
fn name_terms(corpus: &Corpus, analyzer: &Analyzer) -> HashSet<String> {
    let mut cache = WordCache::default();
    let mut words = |text: &str| {
        let mut out: Vec<(String, String)> = Vec::new(); // (as written, term)
        analyzer.for_each_word(text, |b, e, _| {
            let (_, kind, term) = cache.classify(analyzer, &text[b..e]);
            if *kind == WordKind::Term {
                out.push((text[b..e].to_string(), term.clone()));
            }
        });
        out
    };
    let mut names = HashSet::new();
    // An outlet speaking as itself (`Reuters`, `China Daily`) has no name.
    let person =
        |s: &&crate::transcript::Speaker| !s.anonymous && s.outlet.as_ref() != Some(&s.name);
    for s in corpus.speakers.iter().filter(person) {
        for label in std::iter::once(&s.name).chain(&s.aliases) {
            for (written, term) in words(label) {
                if !NOT_NAMES.contains(&written.to_lowercase().as_str()) {
                    names.insert(term);
                }
            }
        }
    }
    let mut first_names = HashSet::new();
    for title in corpus.transcripts.iter().filter_map(|t| t.title.as_deref()) {
        let w = words(title);
        for pair in w.windows(2) {
            let (before, surname) = (&pair[0], &pair[1]);
            if names.contains(&surname.1)
                && before.0.chars().next().is_some_and(char::is_uppercase)
                && !NOT_NAMES.contains(&before.0.to_lowercase().as_str())
            {
                first_names.insert(before.1.clone());
            }
        }
    }
    names.extend(first_names);
    names
}

/// Leaves the terms in `names` out of a table cut at `n + names.len()` per
/// side, then keeps the `n` strongest of each side, in the table's order
/// (strongest over-use first, strongest under-use last), which is the
/// table cut at `n` had the names never been there. Returns the display
/// forms of the names that the table cut at `n` would have shown, strongest
/// first.
fn drop_names(
    k: &mut crate::analysis::keyness::Keyness,
    names: &HashSet<String>,
    n: usize,
) -> Vec<String> {
    if names.is_empty() {
        return Vec::new();
    }
    let mut keep = vec![false; k.rows.len()];
    let mut shown_names = Vec::new();
    for side in ["target", "reference"] {
        let mut order: Vec<usize> = (0..k.rows.len())
            .filter(|&i| k.rows[i].side == side)
            .collect();
        if side == "reference" {
            order.reverse();
        }
        let mut kept = 0;
        for (rank, i) in order.into_iter().enumerate() {
            let row = &k.rows[i];
            if names.contains(&row.term) {
                if rank < n {
                    shown_names.push(row.display.clone());
                }
            } else if kept < n {
                keep[i] = true;
                kept += 1;
            }
        }
    }
    let mut flags = keep.into_iter();
    k.rows.retain(|_| flags.next().unwrap_or(false));
    shown_names
}

/// Up to `n` hits spread over the whole list (first, middle, last...).
fn spread(hits: Vec<Hit>, n: usize) -> Vec<Hit> {
    if hits.len() <= n || n < 2 {
        return hits.into_iter().take(n).collect();
    }
    let len = hits.len();
    let picks: Vec<usize> = (0..n).map(|i| i * (len - 1) / (n - 1)).collect();
    hits.into_iter()
        .enumerate()
        .filter(|(i, _)| picks.contains(i))
        .map(|(_, h)| h)
        .collect()
}

/// Token positions of the key terms along the corpus.
fn disperse(corpus: &Corpus, analyzer: &Analyzer, key: &[(String, String, String)]) -> Dispersion {
    use rayon::prelude::*;
    let per: Vec<(u64, Vec<Vec<u64>>)> = corpus
        .transcripts
        .par_iter()
        .map_init(WordCache::default, |cache, t| {
            let mut n = 0u64;
            let mut pos = vec![Vec::new(); key.len()];
            for u in &t.turns {
                analyzer.for_each_word(&u.text, |s, e, _| {
                    let (_, kind, term) = cache.classify(analyzer, &u.text[s..e]);
                    if *kind == WordKind::Term {
                        if let Some(i) = key.iter().position(|k| k.0 == *term) {
                            pos[i].push(n);
                        }
                        n += 1;
                    }
                });
            }
            (n, pos)
        })
        .collect();
    let mut start = 0u64;
    let mut transcripts = Vec::new();
    let mut terms: Vec<DispersedTerm> = key
        .iter()
        .map(|(term, display, speaker)| DispersedTerm {
            term: term.clone(),
            display: display.clone(),
            speaker: speaker.clone(),
            positions: Vec::new(),
        })
        .collect();
    for (t, (n, pos)) in corpus.transcripts.iter().zip(per) {
        if t.turns.is_empty() {
            continue;
        }
        transcripts.push((t.id.clone(), start));
        for (i, p) in pos.into_iter().enumerate() {
            terms[i].positions.extend(p.into_iter().map(|x| x + start));
        }
        start += n;
    }
    Dispersion {
        total_tokens: start,
        transcripts,
        terms,
    }
}

fn methods(analyzer: &Analyzer, opts: &ReportOptions) -> Methods {
    let o = analyzer.options();
    let k = &opts.keyness.options;
    Methods {
        tribune_version: env!("CARGO_PKG_VERSION").to_string(),
        tokenizer: "Words are the items of unicode-segmentation's unicode_words() (Unicode UAX #29 word boundaries) of each turn's speech, stage directions removed; turn lengths count these words. Tokens: `’` folded to `'`, Unicode lower case, a word with a full stop between letters (`free.The`) split in two.".into(),
        language: o.language.name().to_string(),
        stemmer: if o.stem {
            format!("Snowball ({}) via rust-stemmers; each stem is shown as its most frequent surface form", o.language.name())
        } else {
            "none (--no-stem): terms are lower-cased words".into()
        },
        stopwords: if o.keep_stopwords {
            "none removed (--keep-stopwords)".into()
        } else {
            format!(
                "{} words removed after lower-casing and before stemming: the built-in list for {}{}{}",
                analyzer.stopwords().len(),
                o.language.name(),
                if o.keep_fillers { "" } else { " with spoken fillers" },
                if o.stopword_files.is_empty() { String::new() } else { format!(" plus {} file(s)", o.stopword_files.len()) }
            )
        },
        numbers: if o.keep_numbers { "kept (--keep-numbers)".into() } else { "words containing a digit are dropped".into() },
        keyness: "G² = 2 Σ O ln(O/E) over the 4 cells of target/reference × term/other (Dunning 1993), signed + for over-use; χ² Pearson 2×2; p = P(χ²₁ ≥ |G²|); Log Ratio = log2((a/Nt)/(b/Nr)), a zero count as 0.5 (Hardie 2014); reference: everyone else".into(),
        correction: match k.correction {
            Correction::None => "none".into(),
            Correction::Yates => "Yates (each cell moved up to 0.5 towards independence)".into(),
            Correction::Williams => "Williams (G² divided by q)".into(),
        },
        adjustment: match k.adjust {
            Adjust::BenjaminiHochberg => "Benjamini–Hochberg across the terms tested".into(),
            Adjust::Bonferroni => "Bonferroni across the terms tested".into(),
            Adjust::None => "none".into(),
        },
        min_count: k.min_count,
        log_odds: "weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008): α_w = the term's count in the whole corpus; z = δ / √(1/(y_i+α_w) + 1/(y_j+α_w))".into(),
        diversity: format!(
            "over each speaker's words (unicode_words(), lower case, nothing removed): TTR; MATTR with a window of {} (Covington & McFall 2010; below {} tokens, the TTR); MTLD with threshold {} averaged over both directions (McCarthy & Jarvis 2010); Yule's K = 10⁴ (Σ m² V_m − N)/N²",
            opts.diversity.window, opts.diversity.window, opts.diversity.mtld_threshold
        ),
        roles: "Roles come from a roster when given, else from the metadata (`Host of ...:`), the label (moderator, host), the introduction that names the officials, an outlet-like label, then behaviour (who routes questions, who asks, who answers); `tribune speakers --explain` gives each reason.".into(),
        options: opts.given.clone(),
    }
}
