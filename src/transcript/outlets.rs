//! One outlet name everywhere. Every outlet the corpus mentions (a
//! questioner's label or description, the roster, the outlet a host names
//! when calling on a reporter) goes through [`Outlets::resolve`], so that
//! `exchanges`, `turns --by outlet`, keyness and compare specs and the
//! report see one name per outlet. Variants (`AP`, `Associated Press`)
//! merge through the list in `outlets.toml`, which a roster's `[[outlet]]`
//! entries extend; outlets on no list merge when their keys agree (case, a
//! leading `The` and punctuation aside), under their first spelling.

use std::collections::HashMap;

use serde::Deserialize;

use super::speakers::names::nfc;

/// The built-in outlet list (canonical name and variants).
const BUILTIN: &str = include_str!("outlets.toml");

/// One `[[outlet]]` entry: a canonical name and its variants.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct OutletEntry {
    /// The name tables show.
    pub name: String,
    /// Other names of the same outlet.
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Deserialize)]
struct List {
    outlet: Vec<OutletEntry>,
}

/// The outlet list and the names met so far: key → canonical name.
#[derive(Debug, Clone, Default)]
pub struct Outlets {
    by_key: HashMap<String, String>,
}

/// An outlet name's key: NFC, lower case, letters and digits only (words
/// kept apart by one space), without a leading `the`.
pub fn outlet_key(name: &str) -> String {
    let lower = nfc(name).to_lowercase();
    let words: Vec<String> = lower
        .split(|c: char| c.is_whitespace() || c == '-' || c == '/')
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let start = usize::from(words.len() > 1 && words[0] == "the");
    words[start..].join(" ")
}

impl Outlets {
    /// The built-in list, extended by `extra` (a roster's `[[outlet]]`
    /// entries: an extra entry wins over the built-in one for the same
    /// variant).
    pub fn new(extra: &[OutletEntry]) -> Outlets {
        let mut o = Outlets::default();
        let list: List = toml::from_str(BUILTIN).expect("the built-in outlet list is valid TOML");
        for e in list.outlet.iter().chain(extra) {
            o.add(e);
        }
        o
    }

    /// Add an entry: its name and every alias map to its name.
    pub fn add(&mut self, e: &OutletEntry) {
        let name = e.name.trim().to_string();
        for n in std::iter::once(&e.name).chain(&e.aliases) {
            let k = outlet_key(n);
            if !k.is_empty() {
                self.by_key.insert(k, name.clone());
            }
        }
    }

    /// The canonical name of an outlet already known (listed or met), if any.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.by_key.get(&outlet_key(name)).map(String::as_str)
    }

    /// The canonical name of `name`: the listed one, or the first spelling
    /// met with the same key (which this one becomes if it is the first).
    pub fn resolve(&mut self, name: &str) -> String {
        let name = name.trim();
        let k = outlet_key(name);
        if k.is_empty() {
            return name.to_string();
        }
        self.by_key
            .entry(k)
            .or_insert_with(|| name.to_string())
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_merge() {
        let mut o = Outlets::new(&[]);
        assert_eq!(o.resolve("AP"), "Associated Press");
        assert_eq!(o.resolve("the Associated Press"), "Associated Press");
        assert_eq!(o.resolve("ABC"), "ABC News");
        assert_eq!(o.resolve("FT"), "Financial Times");
        assert_eq!(o.resolve("Thomson Reuters"), "Reuters");
        assert_eq!(o.resolve("Reuters"), "Reuters");
        // Not listed: the first spelling stands for the others.
        assert_eq!(o.resolve("The Hill"), "The Hill");
        assert_eq!(o.resolve("the hill"), "The Hill");
        assert_eq!(o.resolve("Semafor"), "Semafor");
        assert_eq!(o.get("semafor"), Some("Semafor"));
        assert_eq!(o.get("Tass"), None);
    }

    #[test]
    fn extra_entries_extend_the_list() {
        let extra = OutletEntry {
            name: "Tagesschau".into(),
            aliases: vec!["ARD".into(), "Das Erste".into()],
        };
        let mut o = Outlets::new(&[extra]);
        assert_eq!(o.resolve("das erste"), "Tagesschau");
        assert_eq!(o.resolve("AP"), "Associated Press");
    }
}
