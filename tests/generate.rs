//! `sevdrill generate` and `sevdrill new`: every generated scenario is
//! valid, the same seed writes the same bytes, and the scaffold checks and
//! plays. Neither command ever overwrites a file.

mod common;
use common::{sevdrill, text};

use proptest::prelude::*;
use sevdrill::authoring::generate::generate;
use sevdrill::authoring::simulate::{Plan, Policy, simulate};
use sevdrill::scenario::{Difficulty, load_str};
use std::collections::BTreeSet;

fn assert_valid(seed: u64, difficulty: Option<Difficulty>) -> sevdrill::scenario::LoadedScenario {
    let (ron, recipe) = generate(seed, difficulty);
    let loaded = load_str(&format!("generated-{seed}.ron"), &ron)
        .unwrap_or_else(|d| panic!("seed {seed} ({recipe:?}) is invalid:\n{}", d[0]));
    assert!(loaded.warnings.is_empty(), "seed {seed}: {}", loaded.warnings[0]);
    if let Some(d) = difficulty {
        assert_eq!(loaded.scenario.difficulty, d);
    }
    loaded
}

#[test]
fn a_thousand_seeds_all_generate_valid_scenarios_from_every_block() {
    let mut seen = BTreeSet::new();
    for seed in 0..1000 {
        let loaded = assert_valid(seed, None);
        let (_, recipe) = generate(seed, None);
        seen.insert(format!("business:{}", recipe.business));
        seen.insert(format!("service:{}", recipe.service));
        seen.insert(format!("failure:{}", recipe.failure));
        seen.insert(format!("difficulty:{:?}", recipe.difficulty));
        for c in &recipe.complications {
            seen.insert(format!("complication:{c}"));
        }
        assert_eq!(
            loaded.scenario.tags.last().map(String::as_str),
            recipe.complications.last().copied().or(Some("generated"))
        );
    }
    let count = |prefix: &str| seen.iter().filter(|s| s.starts_with(prefix)).count();
    assert_eq!(count("business:"), sevdrill::authoring::blocks::BUSINESSES.len());
    assert_eq!(count("service:"), sevdrill::authoring::blocks::SERVICES.len());
    assert_eq!(count("failure:"), sevdrill::authoring::blocks::FAILURES.len());
    assert_eq!(count("complication:"), sevdrill::authoring::blocks::COMPLICATIONS.len());
    assert_eq!(count("difficulty:"), 3);
}

#[test]
fn the_same_seed_writes_the_same_bytes_and_other_seeds_differ() {
    let mut files = BTreeSet::new();
    for seed in 0..50 {
        let (a, _) = generate(seed, None);
        let (b, _) = generate(seed, None);
        assert_eq!(a, b, "seed {seed} is not reproducible");
        files.insert(a);
    }
    assert_eq!(files.len(), 50, "different seeds should give different scenarios");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn any_seed_and_difficulty_generates_a_valid_scenario(seed in any::<u64>(), level in 0usize..3) {
        let d = [Difficulty::Intro, Difficulty::Intermediate, Difficulty::Advanced][level];
        assert_valid(seed, Some(d));
    }
}

#[test]
fn generated_scenarios_play_and_advanced_ones_are_harder() {
    let mean = |d: Difficulty| {
        let mut total = 0.0;
        for seed in 0..6 {
            let s = assert_valid(seed, Some(d)).scenario;
            let plan = Plan {
                scenario: &s,
                policy: Policy::Random,
                script: None,
                runs: 40,
                first_seed: 1,
                threads: 2,
            };
            let summary = simulate(&plan, &mut |_| {});
            assert!(summary.resolution_minutes.is_some(), "seed {seed} never resolves");
            total += summary.resolution_minutes.unwrap().median;
        }
        total / 6.0
    };
    // Complications (a stuck team, a failed fix, a red herring) make the fix take longer.
    assert!(mean(Difficulty::Advanced) > mean(Difficulty::Intro));
}

#[test]
fn generate_writes_a_file_once_and_the_cli_prints_the_same_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("drill.ron");
    let p = path.to_str().unwrap();
    let out = sevdrill(&["generate", "--seed", "7", "--difficulty", "advanced", "--out", p]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Advanced"));
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(written, generate(7, Some(Difficulty::Advanced)).0);
    let printed = sevdrill(&["generate", "--seed", "7", "--difficulty", "advanced"]);
    assert_eq!(text(&printed.stdout), written);
    let check = sevdrill(&["check", p]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));

    std::fs::write(&path, "my edits").unwrap();
    let again = sevdrill(&["generate", "--seed", "8", "--out", p]);
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "my edits");

    let bad = sevdrill(&["generate", "--seed", "x"]);
    assert_eq!(bad.status.code(), Some(2));
    let bad = sevdrill(&["generate", "--seed", "1", "--difficulty", "expert"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("intermediate"), "{}", text(&bad.stderr));
}

#[test]
fn new_writes_a_scaffold_that_checks_and_plays() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let out = sevdrill(&["new", "Checkout outage (EU)", "--dir", d]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let path = dir.path().join("checkout-outage-eu.ron");
    let body = std::fs::read_to_string(&path).unwrap();
    assert!(body.contains("id: \"checkout-outage-eu\"") && body.contains("title: \"Checkout outage (EU)\""));
    assert!(
        body.lines().filter(|l| l.trim_start().starts_with("//")).count() >= 15,
        "the scaffold explains itself"
    );

    let check = sevdrill(&["check", path.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}{}", text(&check.stdout), text(&check.stderr));
    assert!(text(&check.stderr).is_empty(), "no warnings: {}", text(&check.stderr));
    let sim = sevdrill(&["simulate", path.to_str().unwrap(), "--runs", "100"]);
    assert_eq!(sim.status.code(), Some(0), "{}", text(&sim.stderr));
    assert!(text(&sim.stdout).contains("every inject fired in at least one run"), "{}", text(&sim.stdout));

    std::fs::write(&path, "my work").unwrap();
    let again = sevdrill(&["new", "Checkout outage (EU)", "--dir", d]);
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "my work");
    let empty = sevdrill(&["new", "!!!", "--dir", d]);
    assert_eq!(empty.status.code(), Some(2));
    assert!(text(&empty.stderr).contains("no letters or digits"));
}
