//! Pressure found by what a sentence does rather than by list words: money
//! framed as a loss against the clock ("we're out $90k every hour this stays
//! down"), and a key customer's weight used to hurry the fix ("Acme is our
//! biggest account, this needs fixing now"). Plain revenue context ("the
//! shop takes about $9,500 an hour at this time") is not pressure.

/// Words that frame money as being lost while the fix takes.
const LOSS: &[&str] = &[
    "losing",
    "lose",
    "lost",
    "out",
    "costing",
    "costs",
    "cost",
    "bleeding",
    "burning",
    "burn",
    "down the drain",
    "haemorrhaging",
    "hemorrhaging",
    "wasting",
    "gone",
];

/// Time-running phrases that turn a sum into a countdown.
const CLOCK: &[&str] = &[
    "every hour",
    "an hour",
    "per hour",
    "each hour",
    "every minute",
    "a minute",
    "per minute",
    "each minute",
    "every second",
    "by the minute",
    "by the hour",
    "this stays down",
    "this is down",
    "it stays down",
    "it's down",
    "until it's fixed",
    "until this is fixed",
    "while we wait",
    "so far",
];

/// Words that call a customer heavy enough to hurry for.
const WEIGHT: &[&str] = &[
    "biggest",
    "largest",
    "most important",
    "top account",
    "top customer",
    "key account",
    "major account",
    "vip",
];

/// Words that demand speed.
const HURRY: &[&str] = &[
    "asap",
    "immediately",
    "right away",
    "urgently",
    "needs fixing",
    "needs to be fixed",
    "must be fixed",
    "fix this now",
    "fix it now",
    "fixed now",
    "fixing now",
    "get this fixed",
    "get it fixed",
    "faster",
    "hurry",
    "whatever it takes",
    "drop everything",
];

fn has_word(hay: &str, needle: &str) -> bool {
    let mut start = 0;
    while let Some(pos) = hay[start..].find(needle) {
        let i = start + pos;
        let before = hay[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = hay[i + needle.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before && after {
            return true;
        }
        start = i + needle.len().max(1);
    }
    false
}

/// An amount of money: a currency sign or code next to a number, or a
/// number with "k", "million", "grand", "dollars", "euros", "pounds".
fn has_amount(hay: &str) -> bool {
    let signs = ['$', '€', '£', '¥'];
    let chars: Vec<char> = hay.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if signs.contains(c) && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()) {
            return true;
        }
    }
    let words: Vec<&str> = hay.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).collect();
    let units = ["k", "m", "million", "thousand", "grand", "dollars", "euros", "pounds", "bucks"];
    let codes = ["usd", "eur", "gbp", "aud", "cad", "jpy", "chf", "sgd", "nzd", "inr"];
    for (i, w) in words.iter().enumerate() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let digits = w.trim_end_matches(|c: char| c.is_alphabetic());
        let suffix = &w[digits.len()..];
        if !digits.is_empty() && digits.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            if units.contains(&suffix) {
                return true;
            }
            let next = words.get(i + 1).map(|n| n.trim_matches(|c: char| !c.is_alphanumeric())).unwrap_or("");
            let prev = if i > 0 { words[i - 1].trim_matches(|c: char| !c.is_alphanumeric()) } else { "" };
            if units.contains(&next) || codes.contains(&next) || codes.contains(&prev) {
                return true;
            }
        }
    }
    false
}

/// The kind of pressure `text` puts on responders, if any. `customers` are
/// the names of the scenario's key customers.
pub fn pressure_phrase(text: &str, customers: &[String]) -> Option<String> {
    let hay = text.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'");
    // The loss, the sum and the clock must share a clause: "lost cards …
    // £38k of revenue an hour" is two facts, not a countdown.
    // A comma inside a number ("12,000") does not end a clause; ", " does.
    // Most texts name no sum of money at all: skip the clause search then.
    let money = has_amount(&hay);
    for clause in hay
        .split(", ")
        .filter(|_| money)
        .flat_map(|c| c.split([';', '!', '?', '\n', '(', ')']))
        .flat_map(|c| c.split(". "))
    {
        if !has_amount(clause) {
            continue;
        }
        let loss = LOSS.iter().find(|w| has_word(clause, w));
        let clock = CLOCK.iter().find(|w| has_word(clause, w));
        if let (Some(loss), Some(clock)) = (loss, clock) {
            return Some(format!("money lost against the clock ({loss} … {clock})"));
        }
    }
    let hurry = HURRY.iter().find(|w| has_word(&hay, w))?;
    let weight = WEIGHT.iter().find(|w| has_word(&hay, w));
    let customer = customers.iter().map(|c| c.to_lowercase()).find(|c| !c.is_empty() && has_word(&hay, c));
    match (weight, customer) {
        (Some(w), _) => Some(format!("a customer's weight used to hurry the fix ({w} … {hurry})")),
        (None, Some(c))
            if has_word(&hay, "account") || has_word(&hay, "customer") || has_word(&hay, "client") =>
        {
            Some(format!("a key customer used to hurry the fix ({c} … {hurry})"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_against_the_clock_and_customer_weight_are_pressure() {
        let customers = vec!["Acme Freight".to_string()];
        for text in [
            "We're out $90k every hour this stays down.",
            "This is costing us 12,000 EUR a minute.",
            "We are bleeding 40k per hour here",
            "Acme Freight is our biggest account, this needs fixing now.",
            "Our largest client is furious, get it fixed asap",
        ] {
            assert!(pressure_phrase(text, &customers).is_some(), "{text:?} is pressure");
        }
    }

    #[test]
    fn revenue_context_is_not_pressure() {
        let customers = vec!["Acme Freight".to_string()];
        for text in [
            "For context: the shop takes about $9,500 an hour at this time of night.",
            "Acme Freight is a key customer with a 99.9% SLA; I'm talking to their account team.",
            "Revenue at stake is small right now, no need to rush anything risky.",
            "Customers can't freeze lost cards without the app. The money side is modest, around £38k of revenue an hour.",
            "The press release goes out at 10:30; sales bring in around $85k an hour today.",
            "Halden Interiors is our biggest account this weekend; their launch is today.",
        ] {
            assert_eq!(pressure_phrase(text, &customers), None, "{text:?} is context");
        }
    }
}
