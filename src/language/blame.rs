//! Blame found by sentence shape rather than by list words: a person — a
//! name the scenario knows, a common given name, or a person-noun such as
//! "the engineer" or "someone" — as the subject of a failure ("broke",
//! "caused", "forgot", "should have"), possessives included ("Dana's change
//! broke it"), and asks that a person do better ("Dana to be more careful").

use std::collections::BTreeSet;

/// Nouns that stand for a person or people, used as the subject of a failure.
const PERSON_NOUNS: &[&str] = &[
    "engineer",
    "engineers",
    "developer",
    "developers",
    "dev",
    "devs",
    "intern",
    "interns",
    "contractor",
    "contractors",
    "operator",
    "admin",
    "administrator",
    "dba",
    "sre",
    "oncall",
    "on-call",
    "on-caller",
    "someone",
    "somebody",
    "whoever",
    "he",
    "she",
    "guy",
    "person",
    "employee",
    "colleague",
    "hire",
    "newbie",
    "junior",
    "author",
    "reviewer",
    "tester",
    "manager",
    "individual",
];

/// Verbs and phrases that make the subject the cause of a failure.
const FAILURE: &[&str] = &[
    "broke",
    "breaks",
    "broken",
    "caused",
    "causes",
    "pushed",
    "forgot",
    "forgets",
    "skipped",
    "skips",
    "missed",
    "ignored",
    "ignores",
    "neglected",
    "overlooked",
    "botched",
    "bungled",
    "messed",
    "screwed",
    "deleted",
    "dropped",
    "misconfigured",
    "fat-fingered",
    "should",
    "shouldn't",
    "failed",
    "fails",
    "didn't",
    "didnt",
    "wasn't",
    "blundered",
    "mistakenly",
    "carelessly",
    "accidentally",
    "rushed",
    "introduced",
    "let",
];

/// Words after a person that close the search: the person is reporting,
/// finding or fixing, not failing ("the engineer confirmed the deploy caused it").
const NOT_THE_FAILURE: &[&str] = &[
    "confirmed",
    "confirms",
    "said",
    "says",
    "found",
    "finds",
    "noticed",
    "notices",
    "reported",
    "reports",
    "saw",
    "sees",
    "thinks",
    "believes",
    "told",
    "tells",
    "showed",
    "shows",
    "explained",
    "suspects",
    "checked",
    "checks",
    "verified",
    "fixed",
    "fixes",
    "restored",
    "paged",
    "asked",
    "asks",
    "spotted",
    "traced",
    "rolled",
    "wrote",
    "writes",
    "noted",
    "notes",
    "agreed",
    "approved",
    "led",
    "leads",
    "joined",
    "is",
    "are",
    "will",
    "can",
    "could",
    "would",
    "and",
    "but",
    "because",
    "so",
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
pub fn people_set(names: &[String]) -> BTreeSet<String> {
    let mut set: BTreeSet<String> = GIVEN_NAMES
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

fn tokens(sentence: &str) -> Vec<String> {
    sentence
        .replace(['\u{2019}', '\u{2018}'], "'")
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The phrase that blames a person in `text`, if any.
pub fn blaming_phrase(text: &str, people: &BTreeSet<String>) -> Option<String> {
    let lower = text.to_lowercase();
    for sentence in lower.split(['.', ';', '!', '?', '\n']) {
        let words = tokens(sentence);
        for (i, w) in words.iter().enumerate() {
            let bare = w.strip_suffix("'s").unwrap_or(w);
            let is_person = people.contains(bare) || PERSON_NOUNS.contains(&bare);
            if !is_person {
                continue;
            }
            // A person-noun used as a modifier ("engineer review") is not a subject.
            if let Some(found) = failure_after(&words[i + 1..]) {
                return Some(format!("{} … {found}", words[i]));
            }
            let rest = words[i + 1..].join(" ");
            if let Some(ask) = DO_BETTER.iter().find(|p| {
                rest.starts_with(&format!("to {p}"))
                    || rest.starts_with(&format!("should {p}"))
                    || rest.starts_with(*p)
            }) {
                return Some(format!("{} {ask}", words[i]));
            }
        }
    }
    None
}

/// The failure word in the clause that follows a person, within a few
/// words and before any word that makes the person a reporter or fixer.
fn failure_after(after: &[String]) -> Option<String> {
    for (n, w) in after.iter().take(9).enumerate() {
        if FAILURE.contains(&w.as_str()) {
            // "let" blames only as "let it through/slip"; "should" needs "have".
            let next = after.get(n + 1).map(String::as_str).unwrap_or("");
            let ok = match w.as_str() {
                "let" => matches!(next, "it" | "this" | "the" | "a" | "that"),
                "should" | "shouldn't" => next == "have" || next == "not",
                "failed" | "fails" => next == "to",
                "didn't" | "didnt" | "wasn't" => true,
                _ => true,
            };
            if ok {
                return Some(w.clone());
            }
        }
        // A relative clause ("who ran the migration") is part of the subject.
        if n > 0 && NOT_THE_FAILURE.contains(&w.as_str()) {
            return None;
        }
        if n == 0 && NOT_THE_FAILURE.contains(&w.as_str()) && w != "who" {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people() -> BTreeSet<String> {
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
