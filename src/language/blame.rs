//! Blame found by sentence shape rather than by list words: a person — a
//! name the scenario knows, a common given name, or a person-noun such as
//! "the engineer" or "someone" — as the subject of a failure ("broke",
//! "caused", "forgot", "should have"), possessives included ("Dana's change
//! broke it"), and asks that a person do better ("Dana to be more careful").

use std::collections::HashSet;

/// The people-words set: looked up for words near a failure, hashed with
/// FNV-1a, which beats the default SipHash on short words.
pub type People = HashSet<String, WordHash>;

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

/// Finds the words that can open a failure or an ask to do better, so a
/// text with none of them is passed over without being split into words.
static TRIGGERS: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
    let extra = ["careful", "attention", "retrain", "reminded", "retrained", "disciplined", "double"];
    aho_corasick::AhoCorasick::new(FAILURE.iter().chain(extra.iter())).expect("a handful of plain words")
});

/// Nouns that stand for a person or people, used as the subject of a failure.
const PERSON_NOUNS: &[&str] = &[
    "admin",
    "administrator",
    "author",
    "colleague",
    "contractor",
    "contractors",
    "dba",
    "dev",
    "developer",
    "developers",
    "devs",
    "employee",
    "engineer",
    "engineers",
    "guy",
    "he",
    "hire",
    "individual",
    "intern",
    "interns",
    "junior",
    "manager",
    "newbie",
    "on-call",
    "on-caller",
    "oncall",
    "operator",
    "person",
    "reviewer",
    "she",
    "somebody",
    "someone",
    "sre",
    "tester",
    "whoever",
];

/// Verbs and phrases that make the subject the cause of a failure.
const FAILURE: &[&str] = &[
    "accidentally",
    "blundered",
    "botched",
    "breaks",
    "broke",
    "broken",
    "bungled",
    "carelessly",
    "caused",
    "causes",
    "deleted",
    "didn't",
    "didnt",
    "dropped",
    "failed",
    "fails",
    "fat-fingered",
    "forgets",
    "forgot",
    "ignored",
    "ignores",
    "introduced",
    "let",
    "messed",
    "misconfigured",
    "missed",
    "mistakenly",
    "neglected",
    "overlooked",
    "pushed",
    "rushed",
    "screwed",
    "should",
    "shouldn't",
    "skipped",
    "skips",
    "wasn't",
];

/// Words after a person that close the search: the person is reporting,
/// finding or fixing, not failing ("the engineer confirmed the deploy caused it").
const NOT_THE_FAILURE: &[&str] = &[
    "agreed",
    "and",
    "approved",
    "are",
    "asked",
    "asks",
    "because",
    "believes",
    "but",
    "can",
    "checked",
    "checks",
    "confirmed",
    "confirms",
    "could",
    "explained",
    "finds",
    "fixed",
    "fixes",
    "found",
    "is",
    "joined",
    "leads",
    "led",
    "noted",
    "notes",
    "noticed",
    "notices",
    "paged",
    "reported",
    "reports",
    "restored",
    "rolled",
    "said",
    "saw",
    "says",
    "sees",
    "showed",
    "shows",
    "so",
    "spotted",
    "suspects",
    "tells",
    "thinks",
    "told",
    "traced",
    "verified",
    "will",
    "would",
    "writes",
    "wrote",
];

/// Asks that a person improve, in action items and rewrites.
const DO_BETTER: &[&str] = &[
    "be more careful",
    "more careful",
    "be careful",
    "pay more attention",
    "pay attention",
    "double-check their",
    "double check their",
    "be reminded",
    "be retrained",
    "be disciplined",
    "retrain",
];

/// Common given names, so a name the scenario never mentions still counts.
const GIVEN_NAMES: &str = include_str!("words/given-names.txt");

/// The people-words a scenario brings: its names, split into parts.
pub fn people_set(names: &[String]) -> People {
    let mut set: People = GIVEN_NAMES
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_lowercase)
        .collect();
    for n in names {
        for part in n.split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'') {
            if part.chars().count() >= 2 {
                set.insert(part.to_lowercase());
            }
        }
    }
    set
}

fn tokens(sentence: &str) -> Vec<&str> {
    let word = |c: char| {
        if c.is_ascii() { c.is_ascii_alphanumeric() || c == '\'' || c == '-' } else { c.is_alphanumeric() }
    };
    sentence.split(|c: char| !word(c)).filter(|w| !w.is_empty()).collect()
}

/// Words that can start a failure or an ask to do better: a text without
/// any of them blames nobody, whoever it names.
fn may_blame(word: &str) -> bool {
    FAILURE.binary_search(&word).is_ok()
        || matches!(
            word,
            "careful"
                | "attention"
                | "retrain"
                | "reminded"
                | "retrained"
                | "disciplined"
                | "double-check"
                | "double"
        )
}

/// The phrase that blames a person in `text`, if any.
pub fn blaming_phrase(text: &str, people: &People) -> Option<String> {
    let lower = text.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'");
    if !TRIGGERS.find_overlapping_iter(&lower).any(|m| super::whole_word(&lower, m.start(), m.end())) {
        return None;
    }
    for sentence in lower.split(['.', ';', '!', '?', '\n']) {
        let words = tokens(sentence);
        // Only a sentence with a failure or an ask to do better can blame,
        // and only a person in the few words before it is its subject.
        let mut checked = 0;
        for (j, w) in words.iter().enumerate() {
            if !may_blame(w) {
                continue;
            }
            for i in j.saturating_sub(10).max(checked)..j {
                let bare = words[i].strip_suffix("'s").unwrap_or(words[i]);
                if !(PERSON_NOUNS.binary_search(&bare).is_ok() || people.contains(bare)) {
                    continue;
                }
                if let Some(found) = failure_after(&words[i + 1..]) {
                    return Some(format!("{} … {found}", words[i]));
                }
                if let Some(ask) = asked_to_do_better(&words[i + 1..]) {
                    return Some(format!("{} {ask}", words[i]));
                }
            }
            checked = j;
        }
    }
    None
}

/// The ask to do better that the words after a person open with, if any:
/// "(to|should) be more careful", "pay more attention", "retrain".
fn asked_to_do_better(after: &[&str]) -> Option<&'static str> {
    let rest = match after.first() {
        Some(&"to") | Some(&"should") => &after[1..],
        _ => after,
    };
    DO_BETTER.iter().copied().find(|phrase| {
        let mut n = 0;
        phrase.split(' ').all(|w| {
            let same = rest.get(n) == Some(&w);
            n += 1;
            same
        })
    })
}

/// The failure word in the clause that follows a person, within a few
/// words and before any word that makes the person a reporter or fixer.
fn failure_after(after: &[&str]) -> Option<String> {
    for (n, w) in after.iter().take(9).enumerate() {
        if FAILURE.binary_search(w).is_ok() {
            // "let" blames only as "let it through/slip"; "should" needs "have".
            let next = after.get(n + 1).copied().unwrap_or("");
            let ok = match *w {
                "let" => matches!(next, "it" | "this" | "the" | "a" | "that"),
                "should" | "shouldn't" => next == "have" || next == "not",
                "failed" | "fails" => next == "to",
                _ => true,
            };
            if ok {
                return Some(w.to_string());
            }
        }
        // A relative clause ("who ran the migration") is part of the subject;
        // a reporting or fixing verb ends the search.
        if NOT_THE_FAILURE.binary_search(w).is_ok() {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people() -> People {
        people_set(&["Mai Nguyen".to_string()])
    }

    #[test]
    fn a_person_as_the_subject_of_a_failure_is_blame() {
        for text in [
            "The engineer who ran the migration caused the outage.",
            "Dana broke checkout.",
            "Dana's change broke it",
            "Nguyen forgot to renew the certificate",
            "Someone skipped the tests.",
            "Mai should have checked the config",
            "Dana to be more careful with deploys",
            "The intern pushed a bad config",
        ] {
            assert!(blaming_phrase(text, &people()).is_some(), "{text:?} blames a person");
        }
    }

    #[test]
    fn the_word_tables_are_sorted_for_binary_search() {
        for table in [PERSON_NOUNS, FAILURE, NOT_THE_FAILURE] {
            assert!(table.windows(2).all(|w| w[0] < w[1]), "{table:?}");
        }
    }

    #[test]
    fn systems_and_reports_are_not_blame() {
        for text in [
            "The deploy had no test gate.",
            "The on-call engineer confirmed the deploy caused the errors.",
            "The migration ran without a dry run and broke checkout.",
            "Dana restored the backup at 10:40.",
            "Add a check that blocks migrations without a dry run.",
            "The release checklist skipped the canary step.",
        ] {
            assert_eq!(blaming_phrase(text, &people()), None, "{text:?} describes a system");
        }
    }
}
