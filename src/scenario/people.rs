//! The people a scenario names — inject senders, channel posters, escalation
//! targets, account teams — so that blame aimed at one of them is found
//! even when no list word is used.

use super::model::Scenario;

/// "Mai Nguyen (on-call)" → "Mai Nguyen"; "Hamish Doyle, Engineering
/// Manager" → "Hamish Doyle"; "Kinora playback monitoring" → nothing.
fn full_name(label: &str) -> Option<String> {
    let head = label.split(['(', ',', '—', '–', ':']).next().unwrap_or("").trim();
    let words: Vec<&str> = head.split_whitespace().collect();
    let name_like = |w: &&str| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase)
            && chars.clone().count() >= 1
            && chars.all(|c| c.is_alphabetic() || c == '-' || c == '\'')
    };
    ((2..=3).contains(&words.len()) && words.iter().all(name_like)).then(|| words.join(" "))
}

impl Scenario {
    /// Full names of the people this scenario mentions, with the language
    /// section's own `people`.
    pub fn people(&self) -> Vec<String> {
        let labels = self
            .injects
            .iter()
            .map(|i| i.from.as_str())
            .chain(self.channel_history.iter().map(|m| m.from.as_str()))
            .chain(self.escalations.iter().map(|e| e.name.as_str()))
            .chain(self.context.key_customers.iter().map(|k| k.account_team.as_str()));
        let mut names: Vec<String> = labels.filter_map(full_name).collect();
        names.extend(self.language.people.iter().cloned());
        names.sort();
        names.dedup();
        names
    }
}

#[cfg(test)]
mod tests {
    use super::full_name;

    #[test]
    fn names_come_from_labels_that_look_like_names() {
        assert_eq!(full_name("Mai Nguyen (on-call)").as_deref(), Some("Mai Nguyen"));
        assert_eq!(full_name("Hamish Doyle, Engineering Manager").as_deref(), Some("Hamish Doyle"));
        assert_eq!(full_name("Kinora playback monitoring"), None);
        assert_eq!(full_name("PagerDuty"), None);
    }
}
