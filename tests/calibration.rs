//! The score against play the scorer's authors did not write: two held-out
//! scenarios written from FORMAT.md and the guide alone, each with four
//! scripts (careful, mediocre, anti-patterns, "do everything"); a mediocre
//! script for every shipped scenario; and sixteen sessions marked blind by
//! two graders who read only the guide, the scenario and a transcript.

use serde::Deserialize;
use sevdrill::authoring::simulate::{Plan, Policy, simulate};
use sevdrill::replay::Script;
use sevdrill::scenario::{LoadedScenario, load_file};
use sevdrill::scoring::{Scorecard, score_engine};
use sevdrill::sim::{Actor, Engine};
use std::path::Path;
use std::sync::Arc;

fn play(scenario: &str, script: &str) -> Scorecard {
    let loaded: LoadedScenario =
        load_file(Path::new(scenario)).unwrap_or_else(|d| panic!("{scenario}: {}", d[0]));
    let (script, _, _) = Script::load(Path::new(script)).unwrap_or_else(|d| panic!("{d}"));
    let mut engine = Engine::new(Arc::new(loaded.scenario), script.seed, script.participants);
    for (i, step) in script.actions.iter().enumerate() {
        let actor = Actor { name: step.by.clone(), role: step.role.clone() };
        engine.apply(step.at, &actor, step.action.clone()).unwrap_or_else(|e| panic!("step {}: {e}", i + 1));
    }
    score_engine(&engine)
}

const HELD_OUT: [&str; 4] =
    ["warehouse-api-sev2", "clinic-booking-night-sev3", "tallyframe-three-tenants", "kerbside-friday-logout"];

#[test]
fn held_out_scenarios_land_in_their_bands() {
    for id in HELD_OUT {
        let scenario = format!("tests/fixtures/heldout/{id}.ron");
        let total = |kind: &str| play(&scenario, &format!("tests/fixtures/heldout/{id}.{kind}.ron")).total;
        let (careful, anti, shotgun) = (total("careful"), total("anti-patterns"), total("shotgun"));
        assert!(careful >= 85.0, "{id}: careful scored {careful}");
        assert!(anti <= 35.0, "{id}: anti-patterns scored {anti}");
        assert!(shotgun <= 50.0, "{id}: doing everything scored {shotgun}");
        // An excellent session with one serious flaw scores below the careful one.
        let one_flaw = format!("tests/fixtures/heldout/{id}.one-flaw.ron");
        if std::path::Path::new(&one_flaw).exists() {
            let flawed = play(&scenario, &one_flaw).total;
            assert!(flawed < careful, "{id}: one serious flaw {flawed} against careful {careful}");
        }
        let mediocre = total("mediocre");
        assert!(
            mediocre > anti && mediocre < careful,
            "{id}: mediocre {mediocre} between {anti} and {careful}"
        );
    }
}

#[test]
fn every_shipped_mediocre_script_scores_40_to_70() {
    for entry in std::fs::read_dir("scenarios").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "ron") {
            continue;
        }
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let script = format!("scenarios/scripts/{stem}.mediocre.ron");
        let total = play(&path.to_string_lossy(), &script).total;
        assert!((40.0..=70.0).contains(&total), "{stem}: mediocre scored {total}");
    }
}

#[derive(Deserialize)]
struct Marks {
    sessions: Vec<Marked>,
}

#[derive(Deserialize)]
struct Marked {
    session: String,
    scenario: String,
    actions: String,
    marks: Vec<f64>,
}

/// Ranks with ties sharing their mean rank.
fn ranks(xs: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..xs.len()).collect();
    order.sort_by(|a, b| xs[*a].total_cmp(&xs[*b]));
    let mut r = vec![0.0; xs.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && xs[order[j + 1]] == xs[order[i]] {
            j += 1;
        }
        for k in i..=j {
            r[order[k]] = (i + j) as f64 / 2.0;
        }
        i = j + 1;
    }
    r
}

fn spearman(a: &[f64], b: &[f64]) -> f64 {
    let (ra, rb) = (ranks(a), ranks(b));
    let n = a.len() as f64;
    let (ma, mb) = (ra.iter().sum::<f64>() / n, rb.iter().sum::<f64>() / n);
    let cov: f64 = ra.iter().zip(&rb).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = ra.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = rb.iter().map(|y| (y - mb).powi(2)).sum();
    cov / (va * vb).sqrt()
}

#[test]
fn the_score_agrees_with_blind_marks() {
    let marks: Marks =
        serde_json::from_str(&std::fs::read_to_string("tests/fixtures/blind-marks.json").unwrap()).unwrap();
    assert!(marks.sessions.len() >= 12, "at least twelve marked sessions");
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    let mut report = String::new();
    for s in &marks.sessions {
        let total = play(&s.scenario, &s.actions).total;
        let mark = s.marks.iter().sum::<f64>() / s.marks.len() as f64;
        report.push_str(&format!("{} {:<60} mark {mark:5.1} ours {total:5.1}\n", s.session, s.actions));
        ours.push(total);
        theirs.push(mark);
    }
    let rho = spearman(&ours, &theirs);
    let mae = ours.iter().zip(&theirs).map(|(a, b)| (a - b).abs()).sum::<f64>() / ours.len() as f64;
    eprintln!("rank correlation {rho:.3}, mean distance {mae:.1}\n{report}");
    assert!(rho >= 0.9, "rank correlation {rho:.3} < 0.9\n{report}");
    assert!(mae <= 12.0, "mean distance {mae:.1} > 12 points\n{report}");
}

#[test]
fn scoring_md_states_a_rule_for_every_principle_and_the_harm_points() {
    let doc = std::fs::read_to_string("docs/SCORING.md").unwrap();
    for p in sevdrill::rubric::PRINCIPLES {
        assert!(doc.contains(&format!("\n| {} | ", p.id)), "docs/SCORING.md has no row for {}", p.id);
    }
    use sevdrill::scoring::{HARM_CAP, HARM_FIRST, HARM_MORE};
    let stated = format!("min({HARM_FIRST} + {HARM_MORE}·(n − 1), {HARM_CAP})");
    assert!(doc.contains(&stated), "docs/SCORING.md states the harm points as {stated}");
    use sevdrill::scoring::{FOCUS_HARM_CAP, FOCUS_PER_HARM};
    let noise = format!("Every {FOCUS_PER_HARM} points of focus");
    assert!(doc.contains(&noise), "docs/SCORING.md states the noise harm as {noise:?}");
    assert!(doc.contains(&format!("take 1 point, up to {FOCUS_HARM_CAP}.")));
}

/// A derived bot team's (min, median, max) over `runs` seeds.
fn derived(scenario: &sevdrill::scenario::Scenario, policy: Policy, runs: u64) -> (f64, f64, f64) {
    let plan = Plan { scenario, policy, script: None, runs, first_seed: 1, threads: 1 };
    let score = simulate(&plan, &mut |_| {}).score;
    (score.min, score.median, score.max)
}

/// The bands of issue #8 for the teams derived from the scenario itself.
fn assert_bands(name: &str, scenario: &sevdrill::scenario::Scenario, runs: u64) {
    let careful = derived(scenario, Policy::Careful, runs).0;
    let shotgun = derived(scenario, Policy::Shotgun, runs).2;
    let boilerplate = derived(scenario, Policy::Boilerplate, runs).2;
    let random = derived(scenario, Policy::Random, runs.max(3)).1;
    let reckless = derived(scenario, Policy::Reckless, runs).2;
    assert!(careful >= 85.0, "{name}: the careful team scored {careful}");
    assert!(shotgun <= 50.0, "{name}: doing everything scored {shotgun}");
    assert!(boilerplate <= 40.0, "{name}: filler in every field scored {boilerplate}");
    assert!(random <= 45.0, "{name}: a random team's median was {random}");
    assert!(reckless <= 35.0, "{name}: the guide's anti-patterns scored {reckless}");
}

#[test]
fn judgment_beats_activity_and_filler_on_every_shipped_scenario() {
    for entry in std::fs::read_dir("scenarios").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "ron") {
            continue;
        }
        let loaded = load_file(&path).unwrap();
        assert_bands(&path.display().to_string(), &loaded.scenario, 3);
    }
}

#[test]
fn judgment_beats_activity_and_filler_on_generated_scenarios() {
    for seed in 0..200 {
        let (scenario, _) = sevdrill::authoring::generate::compose(seed, None);
        assert_bands(&format!("generate --seed {seed}"), &scenario, 1);
    }
}
