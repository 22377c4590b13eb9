//! Speaker resolution: turns labels into corpus-wide speakers, one job per
//! submodule: [`names`] (name parts, honorifics, keys), [`anonymous`]
//! (labels that name nobody), [`aliases`] (labels merged into speakers, the
//! roster applied), [`suspects`] (probable typos among labels), `turns`
//! (blocks into turns), [`dates`] (a transcript's date), [`roles`] (role
//! and outlet inference, each rule with its explanation), `behaviour`
//! (what each speaker does, which the behaviour rules read).

pub mod aliases;
pub mod anonymous;
mod behaviour;
pub mod dates;
pub mod lookup;
pub mod names;
pub mod roles;
pub mod suspects;
mod turns;

use rayon::prelude::*;

use super::parse::ParsedTranscript;
use super::roster::Roster;
use super::{Corpus, Transcript};
use crate::error::Result;

pub(crate) use aliases::{Labelled, resolve_labels};
pub use anonymous::is_anonymous_label;
pub use dates::{find_date, find_prose_date};
pub use lookup::find_speaker;
pub use names::{description, looks_like_outlet, name_part, nfc};
pub(crate) use turns::joins_turn;

/// Resolve labels into speakers, merge blocks into turns, infer roles.
pub fn resolve(
    mut parsed: Vec<ParsedTranscript>,
    roster: Option<&Roster>,
    speakers_only: bool,
) -> Result<Corpus> {
    for p in &mut parsed {
        anonymous::mark_anonymous(&mut p.blocks);
    }
    let labels = parsed
        .iter()
        .flat_map(|p| p.blocks.iter().map(|b| (b.label.as_str(), b.anonymous, 1)));
    let Labelled {
        mut speakers,
        rostered,
        label_speaker,
    } = resolve_labels(labels, roster)?;
    // 5. Blocks → turns.
    let mut transcripts: Vec<Transcript> = {
        parsed
            .into_par_iter()
            .map(|p| turns::build_transcript(p, &label_speaker, !speakers_only))
            .collect()
    };

    // 6. Roles.
    if !speakers_only {
        roles::infer_roles(&mut speakers, &transcripts, &rostered);
    }
    for t in &mut transcripts {
        t.exchanges.clear();
    }
    Ok(Corpus {
        transcripts,
        speakers,
        outlets: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The alias rules, read off by hand: the same name without an
    /// honorific joins the earlier label; a single word joins the one
    /// longer name it starts or ends, and stays apart when two such names
    /// share it; bare `Q` labels never join named ones.
    #[test]
    fn labels_join_by_honorific_and_single_words() {
        let labels = [
            ("Jen Psaki", false),
            ("MS. PSAKI", false),
            ("PSAKI", false),
            ("John Kirby", false),
            ("John Smith", false),
            ("JOHN", false),
            ("SMITH", false),
            ("Q", true),
            ("KIRBY", false),
            ("MR. JEAN-PIERRE", false),
            ("JEAN-PIERRE", false),
            ("Q", false),
        ];
        let Labelled {
            speakers,
            label_speaker,
            ..
        } = resolve_labels(labels.iter().map(|&(l, a)| (l, a, 1)), None).expect("resolves");
        let of = |l: &str, anonymous: bool| label_speaker[usize::from(anonymous)][l];
        let name = |l: &str| speakers[of(l, false)].name.as_str();
        // `MS. PSAKI`, `PSAKI`: one bare key; `PSAKI` is also the last word
        // of `Jen Psaki` alone, so all three are one speaker.
        assert_eq!(of("MS. PSAKI", false), of("PSAKI", false));
        assert_eq!(of("PSAKI", false), of("Jen Psaki", false));
        assert_eq!(name("PSAKI"), "Jen Psaki");
        // `JOHN` starts two longer names: it joins neither.
        assert_ne!(of("JOHN", false), of("John Kirby", false));
        assert_ne!(of("JOHN", false), of("John Smith", false));
        assert_ne!(of("John Kirby", false), of("John Smith", false));
        // `SMITH` and `KIRBY` each end one.
        assert_eq!(of("SMITH", false), of("John Smith", false));
        assert_eq!(of("KIRBY", false), of("John Kirby", false));
        assert_eq!(of("MR. JEAN-PIERRE", false), of("JEAN-PIERRE", false));
        // A bare `Q` is not the speaker labelled `Q` by name.
        assert_ne!(of("Q", true), of("Q", false));
        assert_eq!(speakers.len(), 7);
    }

    /// Anonymous labels group by their words (`(UNKNOWN)` and `Unknown` are
    /// one anonymous speaker) and never join a named one; NFC and NFD
    /// spellings of a name are one label group.
    #[test]
    fn anonymous_groups_and_nfc_keys() {
        let labels = [
            ("(UNKNOWN)", true),
            ("Unknown", true),
            ("UNIDENTIFIED MALE", true),
            ("MALE", false),
            ("JOS\u{c9}", false),
            ("JOSE\u{301}", false),
        ];
        let Labelled {
            speakers,
            label_speaker,
            ..
        } = resolve_labels(labels.iter().map(|&(l, a)| (l, a, 1)), None).expect("resolves");
        let of = |l: &str, anonymous: bool| label_speaker[usize::from(anonymous)][l];
        assert_eq!(of("(UNKNOWN)", true), of("Unknown", true));
        assert_ne!(of("UNIDENTIFIED MALE", true), of("MALE", false));
        assert_eq!(of("JOS\u{c9}", false), of("JOSE\u{301}", false));
        assert_eq!(speakers[of("JOSE\u{301}", false)].name, "JOS\u{c9}");
        assert!(speakers[of("Unknown", true)].anonymous);
        assert_eq!(speakers.len(), 4);
    }

    #[test]
    fn prose_dates() {
        assert_eq!(
            find_prose_date("On October 16, 2020, the Information Office held").as_deref(),
            Some("2020-10-16")
        );
        assert_eq!(
            find_prose_date("held on 3 March 2021 in").as_deref(),
            Some("2021-03-03")
        );
        assert_eq!(find_prose_date("in May we met"), None);
        assert_eq!(
            find_date("2021-01-20-press-briefing").as_deref(),
            Some("2021-01-20")
        );
    }
}
