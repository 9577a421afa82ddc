//! Variant pools: a scenario names alternatives (the cause, the affected
//! service, the customer who complains, which red herring shows up) and the
//! session's seed picks one option per pool, so the same file plays
//! differently on each seed and identically on the same one.

use super::model::{Scenario, VariantChoice};
use crate::rng::{stream, weighted};
use std::collections::{BTreeMap, BTreeSet};

/// A `${pool.key}` placeholder found in a text: byte offset of the `$` in
/// the text, and the two names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    pub offset: usize,
    pub pool: String,
    pub key: String,
}

/// Every `${pool.key}` in `text`. A `${` that is not closed, or has no dot,
/// is returned with an empty key so the checker can report it.
pub fn placeholders(text: &str) -> Vec<Placeholder> {
    let mut out = Vec::new();
    let mut rest = 0;
    while let Some(i) = text[rest..].find("${") {
        let start = rest + i;
        let inner_start = start + 2;
        match text[inner_start..].find('}') {
            Some(len) => {
                let inner = &text[inner_start..inner_start + len];
                let (pool, key) = inner.split_once('.').unwrap_or((inner, ""));
                out.push(Placeholder { offset: start, pool: pool.trim().into(), key: key.trim().into() });
                rest = inner_start + len + 1;
            }
            None => {
                out.push(Placeholder { offset: start, pool: String::new(), key: String::new() });
                break;
            }
        }
    }
    out
}

/// Injects that only happen when a variant option chooses them.
pub fn gated_injects(s: &Scenario) -> BTreeSet<&str> {
    s.variants.iter().flat_map(|p| &p.options).flat_map(|o| o.injects.iter().map(String::as_str)).collect()
}

impl Scenario {
    /// The option index the seed picks for each pool, in pool order. Each
    /// pool draws from its own stream, named by the scenario and the pool,
    /// so adding a pool never changes the choice in another, and two
    /// scenarios with a pool of the same name choose independently.
    pub fn pick_variants(&self, seed: u64) -> Vec<usize> {
        self.variants
            .iter()
            .map(|pool| {
                let weights: Vec<u32> = pool.options.iter().map(|o| o.weight).collect();
                weighted(&mut stream(seed, &format!("variant:{}:{}", self.id, pool.id)), &weights)
            })
            .collect()
    }

    /// This scenario with the seed's options filled in.
    pub fn resolve_variants(&self, seed: u64) -> Scenario {
        self.with_variants(&self.pick_variants(seed))
    }

    /// This scenario with the given option of each pool: placeholders
    /// replaced, injects of options not chosen left out, and `chosen` set.
    /// The result has no pools left, so resolving it again changes nothing.
    pub fn with_variants(&self, picks: &[usize]) -> Scenario {
        let mut values = BTreeMap::new();
        let mut chosen = Vec::new();
        let mut kept_injects = BTreeSet::new();
        for (pool, &pick) in self.variants.iter().zip(picks) {
            let Some(option) = pool.options.get(pick) else { continue };
            chosen.push(VariantChoice { pool: pool.id.clone(), option: option.id.clone() });
            kept_injects.extend(option.injects.iter().cloned());
            for (key, value) in &option.values {
                values.insert(format!("{}.{}", pool.id, key), value.clone());
            }
        }
        let gated: BTreeSet<String> = gated_injects(self).into_iter().map(String::from).collect();

        let mut base = self.clone();
        base.variants.clear();
        base.injects.retain(|i| !gated.contains(&i.id) || kept_injects.contains(&i.id));
        let mut resolved = if values.is_empty() {
            base
        } else {
            // Every text field is reached through the serde view of the
            // scenario, so a new field can never be missed by substitution.
            let mut tree = serde_json::to_value(&base).expect("a scenario always serialises");
            fill(&mut tree, &values);
            serde_json::from_value(tree).expect("filling text placeholders keeps the scenario's shape")
        };
        resolved.chosen = chosen;
        resolved
    }
}

fn fill(value: &mut serde_json::Value, values: &BTreeMap<String, String>) {
    match value {
        serde_json::Value::String(text) if text.contains("${") => *text = substitute(text, values),
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| fill(v, values)),
        serde_json::Value::Object(map) => map.values_mut().for_each(|v| fill(v, values)),
        _ => {}
    }
}

/// `text` with each known `${pool.key}` replaced; unknown ones stay as
/// written (the checker refuses them before a session can start).
pub fn substitute(text: &str, values: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("${") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        match after.find('}') {
            Some(len) => {
                let name = after[..len].trim();
                match values.get(name) {
                    Some(v) => out.push_str(v),
                    None => out.push_str(&rest[i..i + 2 + len + 1]),
                }
                rest = &after[len + 1..];
            }
            None => {
                out.push_str(&rest[i..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_found_with_their_offsets() {
        let found = placeholders("a ${cause.what} and ${ x . y } ${bad");
        assert_eq!(found[0], Placeholder { offset: 2, pool: "cause".into(), key: "what".into() });
        assert_eq!((found[1].pool.as_str(), found[1].key.as_str()), ("x", "y"));
        assert_eq!(found[2].key, "");
    }

    #[test]
    fn substitution_keeps_unknown_names_and_plain_text() {
        let values = BTreeMap::from([("cause.what".to_string(), "a full disk".to_string())]);
        assert_eq!(substitute("It was ${cause.what}.", &values), "It was a full disk.");
        assert_eq!(substitute("${other.x} costs $5", &values), "${other.x} costs $5");
    }
}
