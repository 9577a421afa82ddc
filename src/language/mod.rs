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
use aho_corasick::AhoCorasick;
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

/// One word list, with an Aho-Corasick automaton over its entries so that
/// `find` reads a text once, whatever the list's length.
#[derive(Debug, Clone, Default)]
struct List {
    entries: Vec<String>,
    matcher: Option<AhoCorasick>,
}

impl PartialEq for List {
    fn eq(&self, other: &List) -> bool {
        self.entries == other.entries
    }
}

impl List {
    fn push(&mut self, phrase: String) {
        self.entries.push(phrase);
    }

    /// Builds the automaton once every entry is in.
    fn finish(&mut self) {
        self.matcher = AhoCorasick::new(&self.entries).ok();
    }
}

/// Whether `hay[start..end]` stands as whole words: no word character
/// touches it on either side.
pub(crate) fn whole_word(hay: &str, start: usize, end: usize) -> bool {
    hay[..start].chars().next_back().is_none_or(|c| !is_word(c))
        && hay[end..].chars().next().is_none_or(|c| !is_word(c))
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
        for (_, list) in &mut lists {
            list.finish();
        }
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
        let Some(matcher) = &list.matcher else { return Vec::new() };
        let mut hits: Vec<usize> = matcher
            .find_overlapping_iter(&hay)
            .filter(|m| whole_word(&hay, m.start(), m.end()))
            .map(|m| m.pattern().as_usize())
            .collect();
        hits.sort_unstable();
        hits.dedup();
        // A scenario may list a word the shipped list already holds.
        let mut words: Vec<String> = hits.into_iter().map(|i| list.entries[i].clone()).collect();
        words.sort();
        words.dedup();
        words
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
