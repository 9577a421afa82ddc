//! After the game day, as a user runs it: `fork` plays on from a moment of
//! a saved session, `compare` puts two sessions side by side, `recommend`
//! picks the next drills, and `trends` follows each person; bad input gets
//! a clear error and exit code 2.

mod common;
use common::{saved_session, sevdrill, text};
use std::path::{Path, PathBuf};

const PAYMENTS: &str = "scenarios/payments-peak-outage.ron";

fn script(kind: &str) -> String {
    format!("scenarios/scripts/payments-peak-outage.{kind}.ron")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn run_ok(args: &[&str]) -> (String, String) {
    let out = sevdrill(args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", text(&out.stderr));
    (text(&out.stdout), text(&out.stderr))
}

fn run_refused(args: &[&str]) -> String {
    let out = sevdrill(args);
    assert_eq!(out.status.code(), Some(2), "{args:?} should be refused: {}", text(&out.stdout));
    text(&out.stderr)
}

fn mediocre_drill(dir: &Path) -> PathBuf {
    saved_session(dir, PAYMENTS, &script("mediocre"), "2026-11-02", Some("Blue"), &[])
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn a_fork_plays_a_script_on_from_the_cut_and_replays_alone_to_the_same_score() {
    let dir = tempfile::tempdir().unwrap();
    let parent = mediocre_drill(dir.path());
    let fork = dir.path().join("what-if.jsonl");
    // The scenario's wall clock (19:57 is T+05:00) and the T+ forms mean the same moment.
    let (out, err) = run_ok(&[
        "fork",
        s(&parent),
        "--at",
        "19:57",
        "--actions",
        &script("exemplary"),
        "--save",
        s(&fork),
        "--format",
        "json",
    ]);
    assert!(err.contains("kept 3 of its 33 actions"), "{err}");
    assert!(err.contains("skipped 11 step(s)") && err.contains("played 47"), "{err}");
    let v = json(&out);
    assert_eq!(v["fork"]["at"], "5m");
    assert_eq!(v["fork"]["kept"], 3);
    let total = v["scorecard"]["total"].as_f64().unwrap();
    assert_eq!(v["comparison"]["divergence"]["at"], "5m");
    assert!(
        total > v["comparison"]["a"]["outcome"]["total"].as_f64().unwrap(),
        "the better play scores more"
    );

    // The saved fork names its parent and the cut, and scores alone to the same card.
    let header = json(std::fs::read_to_string(&fork).unwrap().lines().next().unwrap());
    assert_eq!(header["fork"]["parent"], s(&parent));
    assert_eq!(header["fork"]["at"], "5m");
    let (scored, _) = run_ok(&["score", s(&fork), "--format", "json"]);
    assert_eq!(json(&scored), v["scorecard"], "score replays the fork to the same scorecard");
    let (again, _) = run_ok(&[
        "fork",
        s(&parent),
        "--at",
        "T+05:00",
        "--actions",
        &script("exemplary"),
        "--format",
        "json",
    ]);
    assert_eq!(json(&again)["scorecard"], v["scorecard"], "the same cut and script give the same card");

    // Its report puts it beside its parent.
    let (md, _) = run_ok(&["report", s(&fork), "--format", "md"]);
    assert!(md.contains("This session is a fork: it plays on from T+05:00"), "{md}");
    assert!(md.contains("## Beside its parent") && md.contains("Problems that went away in B"), "{md}");
    let (html, _) = run_ok(&["report", s(&fork), "--format", "html"]);
    assert!(html.contains("<section id=\"compare\">") && html.contains("diverge T+05:00"));

    // Trends list it as a what-if, apart from the drills.
    let (t, _) = run_ok(&["trends", s(dir.path()), "--format", "json"]);
    let t = json(&t);
    assert_eq!(t["sessions"].as_array().unwrap().len(), 1);
    assert_eq!(t["forks"].as_array().unwrap().len(), 1);
}

#[test]
fn a_fork_moment_outside_the_session_after_the_review_or_past_a_cut_line_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let parent = mediocre_drill(dir.path());
    let err = run_refused(&["fork", s(&parent), "--at", "T+9h"]);
    assert!(
        err.contains("T+9:00:00 is outside the session: it runs from T+00:00 to T+1:22:00 (21:14)"),
        "{err}"
    );
    let err = run_refused(&["fork", s(&parent), "--at", "T+1h22m"]);
    assert!(err.contains("by T+1:22:00 the review was already finished"), "{err}");
    let err = run_refused(&["fork", s(&parent), "--at", "soon"]);
    assert!(err.contains("--at \"soon\" is not a moment") && err.contains("expected T+27m"), "{err}");
    let err = run_refused(&[
        "fork",
        s(&parent),
        "--at",
        "5m",
        "--actions",
        "scenarios/scripts/checkout-slow-third.exemplary.ron",
    ]);
    assert!(err.contains("this script is for scenario \"checkout-slow-third\""), "{err}");

    // A crash cut the last line: what came after the last whole action is unknown.
    let whole = std::fs::read_to_string(&parent).unwrap();
    let mut body: String = whole.lines().take(whole.lines().count() - 1).map(|l| format!("{l}\n")).collect();
    body.push_str("{\"at\":\"1h22m\",\"by\":\"Da");
    let cut = dir.path().join("cut.jsonl");
    std::fs::write(&cut, body).unwrap();
    let err = run_refused(&["fork", s(&cut), "--at", "T+1h21m"]);
    assert!(err.contains("the last line of the log was cut off"), "{err}");
    run_ok(&["fork", s(&cut), "--at", "T+20m"]);
    let err = run_refused(&["compare", s(&parent), s(&cut)]);
    assert!(err.contains("was cut off") && err.contains("--allow-cut"), "{err}");
    run_ok(&["compare", s(&parent), s(&cut), "--allow-cut"]);
}

#[test]
fn compare_puts_any_two_sessions_of_one_scenario_version_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    let a = mediocre_drill(dir.path());
    let b = saved_session(dir.path(), PAYMENTS, &script("exemplary"), "2026-11-09", Some("Blue"), &[]);
    let (t, _) = run_ok(&["compare", s(&a), s(&b)]);
    assert!(t.contains("COMPARISON") && t.contains("the first action that differs is at T+00:20"), "{t}");
    assert!(t.contains("Problems that went away in B") && t.contains("SEV-UNDER Violated"), "{t}");
    let (j, _) = run_ok(&["compare", s(&a), s(&b), "--format", "json"]);
    let j = json(&j);
    assert!(j["b"]["outcome"]["total"].as_f64() > j["a"]["outcome"]["total"].as_f64());
    assert_eq!(j["families"].as_array().unwrap().len(), 6);
    let out = dir.path().join("cmp.html");
    run_ok(&["compare", s(&a), s(&b), "-o", s(&out)]);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<svg"), "self-contained with its chart");
    let (md, _) = run_ok(&["compare", s(&a), s(&b), "--format", "md"]);
    assert!(md.contains("| Score |"), "{md}");

    let other = saved_session(
        dir.path(),
        "scenarios/checkout-slow-third.ron",
        "scenarios/scripts/checkout-slow-third.exemplary.ron",
        "2026-11-10",
        None,
        &[],
    );
    let err = run_refused(&["compare", s(&a), s(&other)]);
    assert!(
        err.contains("different scenarios (\"payments-peak-outage\" and \"checkout-slow-third\")"),
        "{err}"
    );
    // Another version of the same scenario.
    let body = std::fs::read_to_string(&b).unwrap();
    let hash = json(body.lines().next().unwrap())["content_hash"].as_str().unwrap().to_string();
    let changed = dir.path().join("changed.jsonl");
    std::fs::write(&changed, body.replace(&hash, &"0".repeat(64))).unwrap();
    let err = run_refused(&["compare", s(&a), s(&changed)]);
    assert!(err.contains("different versions of scenario \"payments-peak-outage\""), "{err}");
}

#[test]
fn recommend_gives_reasoned_picks_from_a_folder_of_mixed_sessions() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Team Blue keeps missing things; team Green plays well once.
    saved_session(d, PAYMENTS, &script("anti-patterns"), "2026-10-01", Some("Blue"), &[]);
    saved_session(d, PAYMENTS, &script("mediocre"), "2026-10-15", Some("Blue"), &[]);
    saved_session(
        d,
        "scenarios/slow-burn-to-sev1.ron",
        "scenarios/scripts/slow-burn-to-sev1.anti-patterns.ron",
        "2026-11-01",
        Some("Blue"),
        &[],
    );
    saved_session(d, PAYMENTS, &script("exemplary"), "2026-11-02", Some("Green"), &[]);
    let (out, _) = run_ok(&["recommend", s(d), "--team", "blue", "--format", "json"]);
    let r = json(&out);
    assert_eq!(r["whom"], "team blue");
    assert_eq!(r["recent"].as_array().unwrap().len(), 3);
    let picks = r["picks"].as_array().unwrap();
    assert_eq!(picks.len(), 3);
    let top_need = r["needs"][0]["principle"].as_str().unwrap();
    for p in picks {
        assert!(p["recent_plays"] == 0, "nothing Blue played in its last three drills is first: {p}");
        let reason = p["reasons"][0].as_str().unwrap();
        assert!(reason.starts_with("missed ") && reason.contains("this scenario tests it"), "{reason}");
    }
    assert!(picks[0]["tests"].as_array().unwrap().iter().any(|t| t[0] == top_need), "{out}");
    // Values never rise down the list.
    let values: Vec<f64> = picks.iter().map(|p| p["value"].as_f64().unwrap()).collect();
    assert!(values.windows(2).all(|w| w[0] >= w[1]), "{values:?}");
    let (text_out, _) = run_ok(&["recommend", s(d), "--team", "Blue"]);
    assert!(text_out.contains("1. ") && text_out.contains("play it: sevdrill play"), "{text_out}");

    let err = run_refused(&["recommend", s(d), "--team", "Purple"]);
    assert!(err.contains("no drill") && err.contains("team Purple") && err.contains("Blue, Green"), "{err}");
    let empty = tempfile::tempdir().unwrap();
    let err = run_refused(&["recommend", s(empty.path())]);
    assert!(err.contains("nothing to recommend from"), "{err}");
}

#[test]
fn trends_follow_each_person_whatever_their_roles_and_flag_a_drop() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Dana leads well, then leads (and keeps the timeline) badly.
    saved_session(d, PAYMENTS, &script("exemplary"), "2026-10-01", Some("Blue"), &[]);
    saved_session(d, PAYMENTS, &script("anti-patterns"), "2026-11-01", Some("Blue"), &[("Pat", "Dana")]);
    let (out, _) = run_ok(&["trends", s(d), "--format", "json"]);
    let t = json(&out);
    let dana = t["people"].as_array().unwrap().iter().find(|p| p["name"] == "Dana").unwrap();
    assert_eq!(dana["sessions"], 2);
    assert_eq!(dana["roles_held"], serde_json::json!([["Incident commander", 2], ["Scribe", 1]]));
    let dropped: Vec<&str> = dana["principles"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| !p["drops"].as_array().unwrap().is_empty())
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert!(dropped.contains(&"ROLE-PRESSURE"), "{dropped:?}");
    let pressure =
        dana["principles"].as_array().unwrap().iter().find(|p| p["id"] == "ROLE-PRESSURE").unwrap();
    let drop = &pressure["drops"][0];
    assert!(drop["from"].as_f64().unwrap() - drop["to"].as_f64().unwrap() >= 15.0);
    let (text_out, _) = run_ok(&["trends", s(d)]);
    assert!(text_out.contains("⚠ ROLE-PRESSURE fell 100 → 0"), "{text_out}");
    // Lee only played once: no line to fall along.
    let lee = t["people"].as_array().unwrap().iter().find(|p| p["name"] == "Lee").unwrap();
    assert!(lee["principles"].as_array().unwrap().iter().all(|p| p["drops"].as_array().unwrap().is_empty()));
    // The person's recommendation reads only their drills.
    let (r, _) = run_ok(&["recommend", s(d), "--person", "dana", "--format", "json"]);
    assert_eq!(json(&r)["recent"].as_array().unwrap().len(), 2);
}
