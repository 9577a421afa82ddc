//! `sevdrill simulate` as an author uses it: bots over many seeds, a summary
//! that is the same however many threads ran it, and clear errors.

mod common;
use common::{sevdrill, text};

use sevdrill::authoring::simulate::{Plan, Policy, simulate};
use sevdrill::replay::Script;
use sevdrill::scenario::load_file;
use std::path::Path;

const SCENARIO: &str = "tests/fixtures/minimal.ron";

#[test]
fn the_summary_does_not_depend_on_the_number_of_threads() {
    let s = load_file(Path::new(SCENARIO)).unwrap().scenario;
    let run = |threads| {
        let plan =
            Plan { scenario: &s, policy: Policy::Random, script: None, runs: 300, first_seed: 5, threads };
        simulate(&plan, &mut |_| {})
    };
    let one = run(1);
    assert_eq!(one, run(2));
    assert_eq!(one, run(3));
    assert_eq!(one.runs, 300);
    assert_eq!(one.histogram.iter().sum::<u64>(), 300);
    // A random team does not play like an exemplary one, nor all alike.
    assert!(one.score.max > one.score.min + 10.0, "{:?}", one.score);
    assert!(one.score.median < 70.0, "{:?}", one.score);
    // The 50% chance tweet fires in some runs and not in others.
    let tweet = one.injects.iter().find(|i| i.id == "tweet").unwrap();
    assert!(tweet.fired > 90 && tweet.fired < 210, "tweet fired {} times", tweet.fired);
}

#[test]
fn the_scripted_policies_follow_the_script_and_report_refused_steps() {
    let s = load_file(Path::new(SCENARIO)).unwrap().scenario;
    let (good, _, _) = Script::load(Path::new("tests/fixtures/minimal.good.ron")).unwrap();
    let plan = Plan {
        scenario: &s,
        policy: Policy::Exemplary,
        script: Some(&good),
        runs: 200,
        first_seed: 1,
        threads: 2,
    };
    let summary = simulate(&plan, &mut |_| {});
    assert!(summary.score.min >= 85.0, "{:?}", summary.score);
    assert!(summary.refused_steps.is_empty(), "{:?}", summary.refused_steps);
    assert_eq!(summary.unresolved_runs, 0);

    // A script step the engine refuses is reported with the runs it failed in.
    let mut lucky = good.clone();
    let step = lucky.actions.iter().position(|a| a.at.as_secs() >= 60).unwrap();
    lucky.actions.insert(
        step,
        sevdrill::replay::ScriptStep {
            at: lucky.actions[step].at,
            by: "Dana".into(),
            role: "ic".into(),
            action: sevdrill::sim::Action::Ask("no-such-question".into()),
        },
    );
    let plan = Plan { script: Some(&lucky), ..plan };
    let summary = simulate(&plan, &mut |_| {});
    assert_eq!(summary.refused_steps.len(), 1, "{:?}", summary.refused_steps);
    assert_eq!(summary.refused_steps[0].runs, 200);
}

#[test]
fn simulate_prints_the_distribution_and_what_never_happened() {
    let out = sevdrill(&[
        "simulate",
        SCENARIO,
        "--runs",
        "200",
        "--policy",
        "anti-patterns",
        "--script",
        "tests/fixtures/minimal.mixed.ron",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    for part in ["200 runs", "Score (out of 100)", "median", "Resolution time", "Injects", "Principles"] {
        assert!(report.contains(part), "no `{part}` in:\n{report}");
    }
    assert!(text(&out.stderr).contains("runs/s"), "{}", text(&out.stderr));

    let json = sevdrill(&["simulate", SCENARIO, "--runs", "50", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    for field in ["score", "histogram", "resolution_minutes", "never_fired", "never_scored", "injects"] {
        assert!(v.get(field).is_some(), "JSON lacks `{field}`");
    }
    let again = sevdrill(&["simulate", SCENARIO, "--runs", "50", "--format", "json", "--threads", "1"]);
    assert_eq!(text(&json.stdout), text(&again.stdout));
}

#[test]
fn simulate_refuses_bad_input_with_a_reason() {
    let out = sevdrill(&["simulate", SCENARIO, "--runs", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--runs 0 is out of range"));

    // The fixture has no scripts/ folder beside it.
    let out = sevdrill(&["simulate", SCENARIO, "--policy", "exemplary"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("minimal.exemplary.ron, which does not exist") && err.contains("--policy random"),
        "{err}"
    );

    let out = sevdrill(&[
        "simulate",
        "scenarios/payments-peak-outage.ron",
        "--policy",
        "exemplary",
        "--script",
        "tests/fixtures/minimal.good.ron",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("this script is for scenario \"minimal-outage\""),
        "{}",
        text(&out.stderr)
    );

    let out = sevdrill(&["simulate", "no/such/file.ron"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!text(&out.stderr).contains("panicked"));
}
