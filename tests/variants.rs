//! Variant pools: the seed picks one option per pool, the same seed always
//! picks the same, placeholders are filled everywhere, gated injects appear
//! only with their option, and mistakes in pools are reported with positions.

mod common;

use common::{MINIMAL, ic, team};
use sevdrill::scenario::{LoadedScenario, load_str};
use sevdrill::sim::{Action, Engine, Event};
use sevdrill::time::Dur;
use std::collections::BTreeMap;
use std::sync::Arc;

const POOLS: &str = r#"
    variants: [
        (id: "cause", note: "What broke", options: [
            (id: "config", values: {"what": "a configuration change", "team": "Platform"}),
            (id: "cert", weight: 2, values: {"what": "an expired certificate", "team": "Security"}),
        ]),
        (id: "herring", note: "Which coincidence tempts the room", options: [
            (id: "deploy", injects: ["herring-deploy"]),
            (id: "dns", injects: ["herring-dns"]),
        ]),
    ],
)"#;

const HERRINGS: &str = r#"(id: "herring-deploy", when: At("4m"), channel: Chat, from: "Release bot", text: "Deploy of the ${cause.team} dashboard finished."),
        (id: "herring-dns", when: At("4m"), channel: Chat, from: "Network team", text: "Planned DNS maintenance is under way."),
        (id: "page","#;

fn with_pools(text: &str) -> String {
    let body = text.trim_end().strip_suffix(')').expect("the fixture ends with `)`");
    body.replacen(
        "summary: \"Logins fail for everyone after a configuration change.\"",
        "summary: \"Logins fail for everyone after ${cause.what}.\"",
        1,
    )
    .replacen("(id: \"page\",", HERRINGS, 1)
        + POOLS
}

fn varied() -> LoadedScenario {
    let text = with_pools(MINIMAL);
    load_str("varied.ron", &text).unwrap_or_else(|d| panic!("{}", d[0]))
}

fn engine(s: &LoadedScenario, seed: u64) -> Engine {
    Engine::new(Arc::new(s.scenario.clone()), seed, team())
}

#[test]
fn the_seed_picks_each_option_and_the_same_seed_picks_the_same() {
    let s = varied();
    let mut counts: BTreeMap<String, u32> = BTreeMap::new();
    for seed in 0..600 {
        let e = engine(&s, seed);
        let again = engine(&s, seed);
        assert_eq!(e.scenario(), again.scenario(), "seed {seed} resolved twice differently");
        for c in &e.scenario().chosen {
            *counts.entry(format!("{}={}", c.pool, c.option)).or_default() += 1;
        }
    }
    for option in ["cause=config", "cause=cert", "herring=deploy", "herring=dns"] {
        assert!(counts.get(option).copied().unwrap_or(0) > 100, "{option} is rarely chosen: {counts:?}");
    }
    // Weight 2 against 1: about two thirds.
    let cert = f64::from(counts["cause=cert"]) / 600.0;
    assert!((0.58..0.75).contains(&cert), "cert chosen {cert:.2} of the time");
}

#[test]
fn placeholders_are_filled_and_only_the_chosen_herring_happens() {
    let s = varied();
    for seed in 0..40 {
        let mut e = engine(&s, seed);
        let resolved = e.scenario().clone();
        let cause = &resolved.chosen.iter().find(|c| c.pool == "cause").unwrap().option;
        let expected = if cause == "cert" { "an expired certificate" } else { "a configuration change" };
        assert_eq!(resolved.summary, format!("Logins fail for everyone after {expected}."));
        assert!(resolved.variants.is_empty());
        let herring = &resolved.chosen.iter().find(|c| c.pool == "herring").unwrap().option;
        let ids: Vec<&str> = resolved.injects.iter().map(|i| i.id.as_str()).collect();
        assert!(ids.contains(&format!("herring-{herring}").as_str()));
        let other = if herring == "deploy" { "herring-dns" } else { "herring-deploy" };
        assert!(!ids.contains(&other), "seed {seed}: {other} should be left out");

        e.apply(Dur::ZERO, &ic(), Action::StartIncident).unwrap();
        let events = e.advance_to(Dur::mins(5));
        let fired: Vec<String> = events
            .iter()
            .filter_map(|t| match &t.event {
                Event::Inject { id, text, .. } => Some(format!("{id}: {text}")),
                _ => None,
            })
            .collect();
        assert!(fired.iter().any(|f| f.starts_with(&format!("herring-{herring}"))), "{fired:?}");
        assert!(fired.iter().all(|f| !f.contains("${")), "unfilled text: {fired:?}");
    }
}

fn first_error(text: &str) -> sevdrill::source::Diagnostic {
    match load_str("varied.ron", text) {
        Ok(_) => panic!("expected an error"),
        Err(d) => d.into_iter().find(|d| d.is_error()).unwrap(),
    }
}

fn line_col(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle} not in text"));
    let line = text[..at].matches('\n').count() + 1;
    let col = text[..at].rfind('\n').map(|n| at - n).unwrap_or(at + 1);
    (line, col)
}

#[test]
fn a_misspelt_pool_is_pointed_at_with_a_suggestion() {
    let text = with_pools(MINIMAL).replacen("${cause.what}", "${cuase.what}", 1);
    let d = first_error(&text);
    assert!(d.message.contains("no variant pool has the id \"cuase\""), "{d}");
    assert_eq!((d.line, d.column), line_col(&text, "${cuase"));
    assert_eq!(d.help.as_deref(), Some("did you mean \"${cause.what}\"?"));
}

#[test]
fn a_misspelt_key_lists_the_keys() {
    let text = with_pools(MINIMAL).replacen("${cause.team}", "${cause.tema}", 1);
    let d = first_error(&text);
    assert!(d.message.contains("pool \"cause\" has no value called \"tema\""), "{d}");
    assert_eq!(d.expected.as_deref(), Some("one of: team, what"));
    assert_eq!((d.line, d.column), line_col(&text, "${cause.tema}"));
}

#[test]
fn an_option_without_every_key_is_refused() {
    let text = with_pools(MINIMAL).replacen(", \"team\": \"Security\"", "", 1);
    let d = first_error(&text);
    assert!(d.message.contains("option \"cert\" has no value for \"team\""), "{d}");
    assert_eq!((d.line, d.column), line_col(&text, "\"cert\""));
}

#[test]
fn an_option_naming_an_unknown_inject_suggests_one() {
    let text = with_pools(MINIMAL).replacen("injects: [\"herring-dns\"]", "injects: [\"herring-dsn\"]", 1);
    let d = first_error(&text);
    assert!(d.message.contains("no inject has the id \"herring-dsn\""), "{d}");
    assert_eq!(d.help.as_deref(), Some("did you mean \"herring-dns\"?"));
}

#[test]
fn a_weight_of_zero_and_an_unclosed_placeholder_are_refused() {
    let text = with_pools(MINIMAL).replacen("weight: 2", "weight: 0", 1);
    assert!(first_error(&text).message.contains("weight 0 is never chosen"));
    let text = with_pools(MINIMAL).replacen("${cause.what}.", "${cause.what.", 1);
    assert!(first_error(&text).message.contains("not of the form"), "{}", first_error(&text));
}

#[test]
fn without_pools_nothing_changes() {
    let s = common::minimal();
    let e = engine(&s, 3);
    assert_eq!(e.scenario(), &s.scenario);
    assert!(e.scenario().chosen.is_empty());
}
