//! Speakers named on the command line (`--target PSAKI`, `compare INPUT Q
//! PSAKI`, `kwic --speaker`): a name or alias, without regard to case,
//! Unicode normalisation or honorifics, or a unique part of one (whole
//! words). An ambiguous name is an error listing the candidates.

use super::super::Speaker;
use super::names::{bare_key, key, words};
use crate::error::{Error, Result};

/// The speaker `value` names, tried in order: a name or alias (case and
/// NFC/NFD aside), the same without honorifics (`PSAKI`, `Ms. Psaki`), then
/// whole words of a name or alias (`Jen`, `Psaki` for `Jen Psaki`). The
/// first of these that fits any speaker decides: one speaker is the
/// answer; several are an error listing them.
pub fn find_speaker(speakers: &[Speaker], value: &str) -> Result<usize> {
    let labels = |s: &Speaker| -> Vec<String> {
        std::iter::once(&s.name)
            .chain(&s.aliases)
            .cloned()
            .collect()
    };
    let want_key = key(value);
    let want_bare = bare_key(value);
    let want_words = words(value);
    let tiers: [&dyn Fn(&str) -> bool; 3] = [
        &|l: &str| key(l) == want_key,
        &|l: &str| !want_bare.is_empty() && bare_key(l) == want_bare,
        &|l: &str| {
            let ws = words(super::names::name_part(l));
            !want_words.is_empty()
                && ws
                    .windows(want_words.len())
                    .any(|w| w == want_words.as_slice())
        },
    ];
    for fits in tiers {
        let hits: Vec<usize> = speakers
            .iter()
            .enumerate()
            .filter(|(_, s)| labels(s).iter().any(|l| fits(l)))
            .map(|(i, _)| i)
            .collect();
        match hits.as_slice() {
            [] => continue,
            [one] => return Ok(*one),
            many => {
                let mut names: Vec<&str> =
                    many.iter().map(|&i| speakers[i].name.as_str()).collect();
                names.sort_unstable();
                return Err(Error::Spec(format!(
                    "`{value}` names {} speakers: {}; give more of the name",
                    names.len(),
                    names.join(", ")
                )));
            }
        }
    }
    let mut names: Vec<&str> = speakers.iter().map(|s| s.name.as_str()).collect();
    names.truncate(12);
    Err(Error::Spec(format!(
        "no speaker `{value}` in the input (speakers include: {})",
        names.join(", ")
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::Role;

    fn sp(name: &str, aliases: &[&str]) -> Speaker {
        Speaker {
            name: name.into(),
            role: Role::Other,
            outlet: None,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            explain: vec![],
            anonymous: false,
        }
    }

    #[test]
    fn names_aliases_parts_and_ambiguity() {
        let s = [
            sp("Jen Psaki", &["MS. PSAKI", "PSAKI"]),
            sp("John Kirby", &["MR. KIRBY"]),
            sp("John Smith", &[]),
            sp("Q", &[]),
            sp("José Díaz", &[]),
        ];
        assert_eq!(find_speaker(&s, "psaki").unwrap(), 0);
        assert_eq!(find_speaker(&s, "Ms. Psaki").unwrap(), 0);
        assert_eq!(find_speaker(&s, "MR. PSAKI").unwrap(), 0);
        assert_eq!(find_speaker(&s, "jen").unwrap(), 0);
        assert_eq!(find_speaker(&s, "Kirby").unwrap(), 1);
        assert_eq!(find_speaker(&s, "q").unwrap(), 3);
        // NFD spelling of `José Díaz`, and a part of it.
        assert_eq!(find_speaker(&s, "Jose\u{301} Di\u{301}az").unwrap(), 4);
        assert_eq!(find_speaker(&s, "DI\u{301}AZ").unwrap(), 4);
        let e = find_speaker(&s, "John").unwrap_err().to_string();
        assert!(e.contains("John Kirby, John Smith"), "{e}");
        let e = find_speaker(&s, "Biden").unwrap_err().to_string();
        assert!(e.contains("no speaker `Biden`"), "{e}");
    }
}
