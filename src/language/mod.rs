//! Reading free text: word lists (jargon, speculation, pressure, blame,
//! demands, offers, process and minimising words) that ship in `words/` and
//! a scenario can extend (`language: (jargon: [...], ...)`), plus the checks
//! that go by sentence shape — blame aimed at people, pressure by money or
//! by a customer's weight — and whether a text says anything at all.

mod blame;
mod pressure;
pub mod substance;

pub use pressure::pressure_phrase;
pub use substance::{has_content, is_statement};

use crate::scenario::WordLists;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum WordKind {
    Jargon,
    Speculation,
    Pressure,
    Blame,
    Demand,
    Offer,
    Process,
    Minimising,
}

const SHIPPED: [(WordKind, &str); 8] = [
    (WordKind::Jargon, include_str!("words/jargon.txt")),
    (WordKind::Speculation, include_str!("words/speculation.txt")),
    (WordKind::Pressure, include_str!("words/pressure.txt")),
    (WordKind::Blame, include_str!("words/blame.txt")),
    (WordKind::Demand, include_str!("words/demand.txt")),
    (WordKind::Offer, include_str!("words/offer.txt")),
    (WordKind::Process, include_str!("words/process.txt")),
    (WordKind::Minimising, include_str!("words/minimising.txt")),
];

#[derive(Debug, Clone, PartialEq)]
pub struct Lexicon {
    lists: Vec<(WordKind, List)>,
    /// Name parts of people (shipped given names, the scenario's people),
    /// for blame by sentence shape.
    people: blame::People,
}

/// One word list, indexed by each entry's first word: an entry can only
/// occur in a text that has its first word as a whole word, so `find`
/// searches just the entries whose first word the text contains.
#[derive(Debug, Clone, PartialEq, Default)]
struct List {
    entries: Vec<String>,
    by_first_word: HashMap<String, Vec<usize>, WordHash>,
    /// Entries that start with punctuation, searched in every text.
    always: Vec<usize>,
}

impl List {
    fn push(&mut self, phrase: String) {
        let i = self.entries.len();
        if phrase.starts_with(is_word) {
            let first = phrase.split(|c: char| !is_word(c)).next().unwrap_or("").to_string();
            self.by_first_word.entry(first).or_default().push(i);
        } else {
            self.always.push(i);
        }
        self.entries.push(phrase);
    }
}

/// FNV-1a: the index is looked up for every word of every text scored, and
/// its keys are short words from the shipped lists and the scenario, so a
/// simple fast hash beats the default SipHash here.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct WordHash;

pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

impl std::hash::BuildHasher for WordHash {
    type Hasher = Fnv;
    fn build_hasher(&self) -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '\''
}

impl Lexicon {
    /// Like `new`, but reuses a lexicon already built for the same
    /// additions: building one indexes about a thousand entries, and
    /// `simulate` and the replay build engines by the thousand.
    pub fn shared(extra: &WordLists) -> Arc<Lexicon> {
        static CACHE: Mutex<Vec<(WordLists, Arc<Lexicon>)>> = Mutex::new(Vec::new());
        let mut cache = CACHE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((_, lexicon)) = cache.iter().find(|(w, _)| w == extra) {
            return lexicon.clone();
        }
        let lexicon = Arc::new(Lexicon::new(extra));
        if cache.len() >= 16 {
            cache.remove(0);
        }
        cache.push((extra.clone(), lexicon.clone()));
        lexicon
    }

    /// The shipped lists plus a scenario's additions.
    pub fn new(extra: &WordLists) -> Lexicon {
        let mut lists: Vec<(WordKind, List)> = SHIPPED
            .iter()
            .map(|(k, text)| {
                let mut list = List::default();
                for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
                    list.push(line.to_lowercase());
                }
                (*k, list)
            })
            .collect();
        let mut add = |kind: WordKind, more: &[String]| {
            if let Some((_, list)) = lists.iter_mut().find(|(k, _)| *k == kind) {
                for w in more.iter().map(|w| w.trim().to_lowercase()).filter(|w| !w.is_empty()) {
                    list.push(w);
                }
            }
        };
        add(WordKind::Jargon, &extra.jargon);
        add(WordKind::Speculation, &extra.speculation);
        add(WordKind::Pressure, &extra.pressure);
        add(WordKind::Blame, &extra.blame);
        add(WordKind::Demand, &extra.demand);
        add(WordKind::Offer, &extra.offer);
        add(WordKind::Process, &extra.process);
        add(WordKind::Minimising, &extra.minimising);
        Lexicon { lists, people: blame::people_set(&extra.people) }
    }

    /// Blame in `text`: a blame-list entry, or a person as the subject of a
    /// failure. Returns what was found, for the finding's evidence.
    pub fn blame(&self, text: &str) -> Vec<String> {
        let mut found = self.find(WordKind::Blame, text);
        if let Some(phrase) = blame::blaming_phrase(text, &self.people) {
            found.push(phrase);
        }
        found
    }

    /// The list entries found in `text`, on word boundaries, in list order.
    pub fn find(&self, kind: WordKind, text: &str) -> Vec<String> {
        let Some((_, list)) = self.lists.iter().find(|(k, _)| *k == kind) else {
            return Vec::new();
        };
        let hay = normalise(text);
        let mut candidates: Vec<usize> = list.always.clone();
        for word in hay.split(|c: char| !is_word(c)).filter(|w| !w.is_empty()) {
            if let Some(found) = list.by_first_word.get(word) {
                candidates.extend(found);
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .map(|i| &list.entries[i])
            .filter(|e| contains_phrase(&hay, e))
            .cloned()
            .collect()
    }
}

/// Lowercase, with typographic apostrophes straightened.
fn normalise(text: &str) -> String {
    let lower = text.to_lowercase();
    // Most texts have no typographic apostrophe: skip the second copy.
    if lower.contains(['\u{2019}', '\u{2018}']) {
        lower.replace(['\u{2019}', '\u{2018}'], "'")
    } else {
        lower
    }
}

fn contains_phrase(hay: &str, needle: &str) -> bool {
    let mut start = 0;
    while let Some(pos) = hay[start..].find(needle) {
        let i = start + pos;
        let before_ok = hay[..i].chars().next_back().is_none_or(|c| !is_word(c));
        let after_ok = hay[i + needle.len()..].chars().next().is_none_or(|c| !is_word(c));
        if before_ok && after_ok {
            return true;
        }
        start = i + needle.chars().next().map(char::len_utf8).unwrap_or(1);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_whole_words_and_phrases_only() {
        let lex = Lexicon::new(&WordLists::default());
        assert_eq!(lex.find(WordKind::Jargon, "The API returned 503s"), vec!["api".to_string()]);
        assert!(lex.find(WordKind::Jargon, "Rapid response").is_empty(), "api inside a word");
        assert!(!lex.find(WordKind::Pressure, "The CEO is asking: how much longer?").is_empty());
        assert!(!lex.find(WordKind::Speculation, "It's probably the database").is_empty());
    }

    #[test]
    fn scenario_words_extend_the_lists() {
        let extra = WordLists { jargon: vec!["HSM".into()], ..Default::default() };
        let lex = Lexicon::new(&extra);
        assert_eq!(lex.find(WordKind::Jargon, "the hsm is down"), vec!["hsm".to_string()]);
    }
}
