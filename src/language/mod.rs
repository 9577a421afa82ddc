//! Word lists for reading free text: jargon, speculation, pressure, blame,
//! demands, offers and process words. The lists ship in `words/` and a
//! scenario can extend them (`language: (jargon: [...], ...)`).

use crate::scenario::WordLists;

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
    lists: Vec<(WordKind, Vec<String>)>,
}

impl Lexicon {
    /// The shipped lists plus a scenario's additions.
    pub fn new(extra: &WordLists) -> Lexicon {
        let mut lists: Vec<(WordKind, Vec<String>)> = SHIPPED
            .iter()
            .map(|(k, text)| {
                let words = text
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(str::to_lowercase)
                    .collect();
                (*k, words)
            })
            .collect();
        let mut add = |kind: WordKind, more: &[String]| {
            if let Some((_, list)) = lists.iter_mut().find(|(k, _)| *k == kind) {
                list.extend(more.iter().map(|w| w.trim().to_lowercase()).filter(|w| !w.is_empty()));
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
        Lexicon { lists }
    }

    /// The list entries found in `text`, on word boundaries, in list order.
    pub fn find(&self, kind: WordKind, text: &str) -> Vec<String> {
        let hay = normalise(text);
        let Some((_, list)) = self.lists.iter().find(|(k, _)| *k == kind) else {
            return Vec::new();
        };
        list.iter().filter(|w| contains_phrase(&hay, w)).cloned().collect()
    }
}

/// Lowercase, with typographic apostrophes straightened.
fn normalise(text: &str) -> String {
    text.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'")
}

fn contains_phrase(hay: &str, needle: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '\'';
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
