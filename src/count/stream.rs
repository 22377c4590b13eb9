//! Counting terms by speaker in one pass over the files: each file is read
//! and parsed as it comes, and (n = 1) the words of its speech looked up
//! where they lie in the file, as the parser finds them; the file is then
//! dropped and its turns queued as their words' ids, counted label by label a
//! batch of files at a time (n > 1 queues the turns' texts instead). The
//! corpus never sits in memory as turns (less than half the peak memory,
//! and less fresh memory for the kernel to zero), and the speech is never
//! copied. Blocks are counted by label, a run of blocks with one label as
//! one turn (one speaker whatever the resolution); speakers are resolved
//! afterwards from the labels alone (`speakers::resolve_labels`) and the
//! labels' counts merged into their speakers' groups. Blocks join turns
//! by the corpus builder's rule ([`joins_turn`]): two named labels
//! in a row make one turn if they turn out to be one speaker, so such runs
//! keep their counted terms, and once the speakers are known what counting
//! them apart added (a turn, and a turn containing each term they share) is
//! taken back. The table is the one [`super::term_table`] gives for a
//! corpus built from the same files ([`GroupBy::Speaker`], no roster); the
//! tests compare the two.

use std::path::PathBuf;

use rayon::prelude::*;

use super::Terms;
use super::acc::Acc;
use super::corpus::Ends;
use super::vocab::Ids;
use super::vocab::SharedWords;
use crate::error::Result;
use crate::ingest::{Encoding, Source, read_source_hashed};
use crate::text::Analyzer;
use crate::text::hash::FastMap;
use crate::transcript::parse::{self, ParsedTranscript, SpeechSink};
use crate::transcript::speakers::joins_turn;
use crate::transcript::speakers::{Labelled, resolve_labels};
use crate::transcript::{FileCheck, Warning, check_files};

#[cfg(doc)]
use crate::transcript::group::GroupBy;

/// Count the terms of `paths` by speaker in one pass (no roster): one
/// group per speaker in order of first turn, the warnings in input order.
/// `None` if the labels resolve so that a bare `Q` and a named label are
/// one speaker, which this pass does not handle (the caller then builds
/// the corpus); without a roster that does not happen.
pub(super) fn count_by_speaker(
    paths: &[PathBuf],
    encoding: Encoding,
    strict: bool,
    analyzer: &Analyzer,
) -> Result<Option<Terms>> {
    let ngram = analyzer.options().ngram;
    // One worker a thread, taking files from either end of the list (each
    // one's vocabulary is then mostly its own half's, which it alone looks
    // up in the shared words).
    let workers = rayon::current_num_threads().clamp(1, paths.len().max(1));
    let ends = Ends::new(paths.len().div_ceil(BLOCK));
    // The words every worker classifies into (see `SharedWords`).
    let words = SharedWords::default();
    let done: Vec<Worker> = (0..workers)
        .into_par_iter()
        .with_max_len(1)
        .map(|w| {
            let mut worker = Worker::new(w, ngram, words.clone());
            let mut parsed = 0;
            while let Some(b) = ends.take(w % 2 == 1) {
                for i in b * BLOCK..((b + 1) * BLOCK).min(paths.len()) {
                    let Some(path) = paths.get(i) else { break };
                    // Every file is read even after an error, so that the
                    // error reported is always the first file's.
                    match read_source_hashed(path, encoding, false) {
                        Ok(source) => worker.read(i, &source, analyzer),
                        Err(e) => worker.outs.push((i, Err(e))),
                    }
                    parsed += 1;
                }
                // Near the end, small batches: the workers finish together.
                if parsed >= BATCH || ends.left() < 4 * workers {
                    worker.count_batch(analyzer);
                    parsed = 0;
                }
            }
            worker.count_batch(analyzer);
            worker.acc.flush();
            worker
        })
        .collect();

    // The files in input order; the first error by input order.
    let mut files: Vec<Option<Result<FileOut>>> = (0..paths.len()).map(|_| None).collect();
    // Each worker's label names and counts, by worker index.
    let mut label_names: Vec<Vec<(String, bool)>> = Vec::with_capacity(done.len());
    let mut accs: Vec<Acc> = Vec::with_capacity(done.len());
    for worker in done {
        for (i, out) in worker.outs {
            if let Some(slot) = files.get_mut(i) {
                *slot = Some(out);
            }
        }
        label_names.push(worker.names);
        accs.push(worker.acc);
    }
    let mut files: Vec<FileOut> = files.into_iter().flatten().collect::<Result<_>>()?;
    check_files(&mut files, strict)?;

    // Speakers from the labels, in corpus order.
    let name = |f: &FileOut, id: u32| -> (&str, bool) {
        let (l, a) = label_names
            .get(f.worker)
            .and_then(|names| names.get(id as usize))
            .expect("a file's label ids are its worker's");
        (l.as_str(), *a)
    };
    let labels = files.iter().flat_map(|f| {
        f.labels.iter().map(move |&(id, blocks)| {
            let (l, a) = name(f, id);
            (l, a, blocks)
        })
    });
    let Labelled {
        speakers,
        label_speaker,
        ..
    } = resolve_labels(labels, None)?;
    let anonymous: std::collections::HashSet<usize> = label_speaker[1].values().copied().collect();
    if label_speaker[0].values().any(|s| anonymous.contains(s)) {
        return Ok(None);
    }
    // Each worker's label ids → speakers, looked up once.
    let label_speakers: Vec<Vec<usize>> = label_names
        .iter()
        .map(|names| {
            names
                .iter()
                .map(|(l, a)| {
                    // A worker names a label only in a file it counted,
                    // whose labels were all resolved.
                    *label_speaker[usize::from(*a)]
                        .get(l)
                        .expect("every label of a counted file has a speaker")
                })
                .collect()
        })
        .collect();
    let speaker_of = |f: &FileOut, id: u32| -> usize {
        label_speakers
            .get(f.worker)
            .and_then(|s| s.get(id as usize))
            .copied()
            .expect("a file's label ids are its worker's")
    };
    // Groups: speakers in order of first turn.
    let mut group_of: Vec<usize> = vec![usize::MAX; speakers.len()];
    let mut names: Vec<String> = Vec::new();
    for f in &files {
        for &(id, _) in &f.labels {
            let s = speaker_of(f, id);
            if let Some(g) = group_of.get_mut(s).filter(|g| **g == usize::MAX) {
                *g = names.len();
                names.push(speakers.get(s).map(|x| x.name.clone()).unwrap_or_default());
            }
        }
    }
    // Each worker's labels → groups.
    let maps: Vec<Vec<usize>> = label_speakers
        .iter()
        .map(|speakers| {
            speakers
                .iter()
                .map(|&s| group_of.get(s).copied().unwrap_or(usize::MAX))
                .collect()
        })
        .collect();
    let mut accs = accs.into_iter();
    let mut acc = accs
        .next()
        .unwrap_or_else(|| Acc::new(0, ngram, SharedWords::default()));
    acc.regroup(maps.first().map_or(&[][..], Vec::as_slice), names.len());
    // Each worker's counted term ids → the merged ones (the first's stay;
    // `None`: the same ids, as the words are shared when n = 1).
    let mut term_maps: Vec<Option<Vec<u32>>> = vec![None];
    for (other, map) in accs.zip(maps.iter().skip(1)) {
        term_maps.push(acc.merge_mapped(other, map));
    }

    // Runs of named labels in a row that are one speaker are one turn (the
    // rule of `joins_turn`): take back what counting them apart added.
    let mut found: FastMap<u32, u64> = FastMap::default();
    for f in &files {
        let term_map = term_maps.get(f.worker).and_then(Option::as_ref);
        let term = |t: u32| term_map.map_or(t, |m| m.get(t as usize).copied().unwrap_or(t));
        let mut i = 0;
        while i < f.adjacent.len() {
            let s = speaker_of(f, f.adjacent[i].label);
            let mut j = i + 1;
            while j < f.adjacent.len()
                && f.adjacent[j].joins
                && joins_turn(Some(s), speaker_of(f, f.adjacent[j].label), false)
            {
                j += 1;
            }
            if j - i > 1 {
                found.clear();
                for d in &f.adjacent[i..j] {
                    for &t in d.terms.iter() {
                        *found.entry(term(t)).or_default() += 1;
                    }
                }
                let g = group_of.get(s).copied().unwrap_or(usize::MAX);
                acc.unsplit(g, (j - i - 1) as u64, found.drain());
            }
            i = j;
        }
    }
    let warnings = files
        .into_iter()
        .flat_map(|f| {
            let path = f.path;
            f.warnings.into_iter().map(move |w| (path.clone(), w))
        })
        .collect();
    Ok(Some(Terms {
        table: acc.finish().into_table(names),
        warnings,
    }))
}

/// Files parsed before their turns are counted, label by label: the turns
/// of one label then come in a row, and a label's sums are added to its
/// maps once a batch rather than once a turn (see `Pending`).
const BATCH: usize = 64;

/// Files a worker takes at a time.
const BLOCK: usize = 8;

/// What is kept of a file once it is counted.
struct FileOut {
    path: String,
    lines: usize,
    warnings: Vec<Warning>,
    has_turns: bool,
    /// The worker that counted it (whose label ids these are).
    worker: usize,
    /// Its labels in order of first appearance, with their blocks.
    labels: Vec<(u32, usize)>,
    /// Its runs next to another named label, in order.
    adjacent: Vec<Adjacent>,
}

impl FileCheck for FileOut {
    fn path(&self) -> &str {
        &self.path
    }
    fn lines(&self) -> usize {
        self.lines
    }
    fn has_turns(&self) -> bool {
        self.has_turns
    }
    fn warnings(&mut self) -> &mut Vec<Warning> {
        &mut self.warnings
    }
}

/// A run of blocks with one named label next to another named label,
/// counted as a turn of its own: one turn with its neighbour if the two
/// labels turn out to be one speaker.
#[derive(Default)]
struct Adjacent {
    label: u32,
    /// Right after the previous such run.
    joins: bool,
    /// Its counted terms (this worker's ids).
    terms: Box<[u32]>,
}

/// A turn to count with the rest of its batch.
struct Queued {
    label: u32,
    /// Its place in the batch's queue.
    seq: usize,
    /// n = 1: its counted words, a range of [`Worker::words`].
    words: std::ops::Range<usize>,
    /// n > 1: its texts.
    texts: Vec<String>,
    /// Where its terms go if it is an [`Adjacent`] run: an index into
    /// [`Worker::outs`] and into that file's runs.
    adjacent: Option<(usize, usize)>,
}

/// One thread's counts, by label.
struct Worker {
    index: usize,
    acc: Acc,
    /// Label ids → (label, bare `Q`); and back, by bare `Q`.
    names: Vec<(String, bool)>,
    ids: [FastMap<String, u32>; 2],
    /// Label id → its place + 1 in the current file's list (0: not yet).
    slot: Vec<usize>,
    /// Turns of the current batch's files, to count.
    batch: Vec<Queued>,
    /// n = 1: the ids of the batch's counted words, in file order.
    words: Ids,
    /// The files done: (input index, what is kept of it).
    outs: Vec<(usize, Result<FileOut>)>,
}

impl Worker {
    fn new(index: usize, ngram: usize, words: SharedWords) -> Worker {
        Worker {
            index,
            acc: Acc::new(0, ngram, words),
            names: Vec::new(),
            ids: Default::default(),
            slot: Vec::new(),
            batch: Vec::new(),
            words: Ids::default(),
            outs: Vec::new(),
        }
    }

    /// Count the turns of the batch, label by label.
    fn count_batch(&mut self, analyzer: &Analyzer) {
        self.acc.ensure_groups(self.names.len());
        let mut batch = std::mem::take(&mut self.batch);
        // By label, in queue order within a label: a stable order without
        // the scratch memory of a stable sort (fresh pages each batch).
        batch.sort_unstable_by_key(|q| (q.label, q.seq));
        for Queued {
            label,
            seq: _,
            words,
            texts,
            adjacent,
        } in batch.drain(..)
        {
            if self.acc.begin_turn(label as usize, 0) {
                self.acc.add_ids(self.words.get(words));
                for text in &texts {
                    self.acc.add_text(analyzer, text);
                }
                self.acc.end_turn();
            }
            if let Some((o, d)) = adjacent {
                let terms = self.acc.turn_terms().into();
                if let Some(d) = self
                    .outs
                    .get_mut(o)
                    .and_then(|(_, f)| f.as_mut().ok().and_then(|f| f.adjacent.get_mut(d)))
                {
                    d.terms = terms;
                }
            }
        }
        self.batch = batch;
        self.words.clear();
    }

    /// Parse a file and queue its turns. For n = 1 its words are looked
    /// up as the parser finds them (the speech is never copied) and their
    /// ids queued; for n > 1 its blocks' texts are.
    fn read(&mut self, index: usize, source: &Source, analyzer: &Analyzer) {
        if self.acc.n != 1 {
            self.file(index, parse::parse_speech(source), 0, &[]);
            return;
        }
        let start = self.words.len();
        let mut scan = Scan {
            acc: &mut self.acc,
            analyzer,
            source: &source.text,
            words: &mut self.words,
            ends: vec![],
            run: None,
        };
        let parsed = parse::parse_into(source, &mut scan);
        let ends = scan.ends;
        self.file(index, parsed, start, &ends);
    }

    fn label_id(&mut self, label: &str, anonymous: bool) -> u32 {
        let ids = &mut self.ids[usize::from(anonymous)];
        if let Some(&id) = ids.get(label) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push((label.to_string(), anonymous));
        ids.insert(label.to_string(), id);
        self.slot.push(0);
        id
    }

    /// Queue a parsed file's turns by label: blocks in a row with one label
    /// make one turn (one speaker, whatever the resolution); runs next to
    /// another named label are kept for later. n = 1: the file's words
    /// start at `start` in [`Worker::words`] and block j's end at
    /// `ends[j]`; n > 1: the blocks' texts are queued.
    fn file(&mut self, index: usize, parsed: ParsedTranscript, start: usize, ends: &[usize]) {
        let ParsedTranscript {
            path,
            warnings,
            lines,
            mut blocks,
            ..
        } = parsed;
        crate::transcript::speakers::anonymous::mark_anonymous(&mut blocks);
        let ids: Vec<u32> = blocks
            .iter()
            .map(|b| self.label_id(&b.label, b.anonymous))
            .collect();
        let mut labels: Vec<(u32, usize)> = Vec::new();
        for &id in &ids {
            let Some(slot) = self.slot.get_mut(id as usize) else {
                continue;
            };
            if *slot == 0 {
                labels.push((id, 0));
                *slot = labels.len();
            }
            if let Some(l) = labels.get_mut(*slot - 1) {
                l.1 += 1;
            }
        }
        for &(id, _) in &labels {
            if let Some(slot) = self.slot.get_mut(id as usize) {
                *slot = 0;
            }
        }
        // Runs of blocks with one label (`[start, end)`): one turn, as a
        // label is one speaker (`ids` tell bare labels from named ones).
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for (j, b) in blocks.iter().enumerate() {
            match runs.last_mut() {
                Some(r) if joins_turn(Some(ids[r.0]), ids[j], b.anonymous) => r.1 = j + 1,
                _ => runs.push((j, j + 1)),
            }
        }
        // Between two runs of named labels, the turns depend on whether
        // the two are one speaker.
        let named = |r: &(usize, usize)| blocks.get(r.0).is_some_and(|b| !b.anonymous);
        let open: Vec<bool> = (0..runs.len())
            .map(|k| k > 0 && named(&runs[k - 1]) && named(&runs[k]))
            .collect();
        let out = self.outs.len();
        let mut adjacent = Vec::new();
        // Where block j's words end.
        let end_of = |j: usize| ends.get(j).copied().unwrap_or(start);
        let by_text = self.acc.n != 1;
        for (k, &(first, end)) in runs.iter().enumerate() {
            let joins = open[k];
            let slot = if joins || open.get(k + 1).copied().unwrap_or(false) {
                adjacent.push(Adjacent {
                    label: ids[first],
                    joins,
                    terms: Box::default(),
                });
                Some((out, adjacent.len() - 1))
            } else {
                None
            };
            let texts = if by_text {
                blocks[first..end]
                    .iter_mut()
                    .map(|b| std::mem::take(&mut b.text))
                    .collect()
            } else {
                Vec::new()
            };
            let words = first.checked_sub(1).map_or(start, end_of)..end_of(end - 1);
            self.batch.push(Queued {
                label: ids[first],
                seq: self.batch.len(),
                words,
                texts,
                adjacent: slot,
            });
        }
        let file = FileOut {
            path,
            lines,
            warnings,
            has_turns: !blocks.is_empty(),
            worker: self.index,
            labels,
            adjacent,
        };
        self.outs.push((index, Ok(file)));
    }
}

/// The parser's speech sink for n = 1: looks up each piece's words as it
/// comes and notes where each block's ids end.
struct Scan<'a> {
    acc: &'a mut Acc,
    analyzer: &'a Analyzer,
    /// The file's text, which most pieces are slices of.
    source: &'a str,
    words: &'a mut Ids,
    /// For each block sealed so far, the end of its ids in `words`.
    ends: Vec<usize>,
    /// A stretch of the file with the open block's latest pieces, not
    /// yet looked up.
    run: Option<std::ops::Range<usize>>,
}

impl SpeechSink for Scan<'_> {
    fn piece(&mut self, text: &str, _line: usize, _new_para: bool) {
        // A slice of the file is read in place, so that its last bytes
        // need no copy, and with the slices before it when only white
        // space lies between (no word spans white space: the words of
        // the whole stretch are theirs); a piece the parser rewrote is
        // read as it is.
        let at = (text.as_ptr() as usize).wrapping_sub(self.source.as_ptr() as usize);
        match self.source.get(at..at.wrapping_add(text.len())) {
            Some(inside) if std::ptr::eq(inside, text) => {
                let end = at + text.len();
                if let Some(run) = &mut self.run {
                    let gap = self.source.as_bytes().get(run.end..at);
                    if gap.is_some_and(|g| !g.is_empty() && g.iter().all(u8::is_ascii_whitespace)) {
                        run.end = end;
                        return;
                    }
                }
                self.flush();
                self.run = Some(at..end);
            }
            _ => {
                self.flush();
                self.acc.look_up(self.analyzer, text, self.words);
            }
        }
    }

    fn seal(&mut self, out: &mut ParsedTranscript) {
        self.flush();
        self.ends.resize(out.blocks.len(), self.words.len());
    }
}

impl Scan<'_> {
    /// Look up the words of the pending stretch of the file.
    fn flush(&mut self) {
        if let Some(run) = self.run.take() {
            self.acc
                .look_up_in(self.analyzer, self.source, run, self.words);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::count::{Input, TermTable, term_table};
    use crate::text::TextOptions;
    use crate::transcript::group::GroupBy;

    /// Every figure of a table, by name: (group, tokens, turns, rows).
    type Figures = Vec<(String, u64, u64, Vec<(String, u64, u64, u64, u64)>)>;

    fn figures(t: &TermTable) -> Figures {
        t.groups
            .iter()
            .map(|g| {
                let rows = g.rows.iter();
                let rows = rows.map(|r| (t.term(r).into(), r.count, r.turns, r.speakers, r.rank));
                (g.name.clone(), g.tokens, g.turns, rows.collect())
            })
            .collect()
    }

    /// The one pass applies to `paths` and gives the table of the corpus
    /// built from them, for words and 2-grams.
    fn assert_one_pass(paths: &[PathBuf]) {
        for n in 1..=2 {
            let analyzer = Analyzer::new(&TextOptions {
                ngram: n,
                ..TextOptions::default()
            })
            .expect("options are valid");
            let one = count_by_speaker(paths, Encoding::Utf8, false, &analyzer)
                .expect("the files count")
                .expect("no roster, no bare Q named: the one pass applies");
            let options = crate::transcript::BuildOptions {
                speakers_only: true,
                ..Default::default()
            };
            let corpus = crate::transcript::Corpus::from_paths(paths, Encoding::Utf8, &options)
                .expect("the files build");
            let built = term_table(Input::Corpus(corpus), GroupBy::Speaker, &analyzer)
                .expect("a corpus counts");
            assert_eq!(figures(&one.table), figures(&built.table), "n = {n}");
        }
    }

    /// On the fixtures (where no bare `Q` is a named speaker) and where two
    /// labels in a row are one speaker, the one pass applies and gives the
    /// table of the corpus: the integration tests, which see only
    /// `term_table`, compare the two paths through it.
    #[test]
    fn the_one_pass_applies_to_the_fixtures() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut paths = vec![dir.join("sample.txt"), dir.join("shakespeare_head.txt")];
        for sub in ["shapes", "wh"] {
            let mut more: Vec<PathBuf> = std::fs::read_dir(dir.join(sub))
                .expect("fixture folder")
                .map(|e| e.expect("entry").path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            more.sort();
            paths.extend(more);
        }
        assert_one_pass(&paths);
        let tmp = tempfile::tempdir().expect("temp dir");
        let one_speaker = tmp.path().join("a.txt");
        let text = "MS. PSAKI: Jobs matter.\n\nPSAKI: Jobs and growth.\n\nQ: Jobs?\n";
        std::fs::write(&one_speaker, text).expect("writes");
        assert_one_pass(&[one_speaker]);
    }
}
