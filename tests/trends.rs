//! `sevdrill trends`: a folder of real saved sessions summed up by scenario,
//! severity and team, with principle trends, response metrics over time and
//! what is missed most; damaged and out-of-date sessions are listed, not fatal.

mod common;
use common::{sevdrill, text};
use std::path::{Path, PathBuf};

fn session(dir: &Path, scenario_file: &str, script: &str, held_on: &str, team: Option<&str>) -> PathBuf {
    common::saved_session(dir, scenario_file, script, held_on, team, &[])
}

fn folder_of_drills() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let sc = |s: &str| format!("scenarios/{s}.ron");
    let script = |s: &str, k: &str| format!("scenarios/scripts/{s}.{k}.ron");
    // A team that starts badly and gets better.
    session(
        d,
        &sc("payments-peak-outage"),
        &script("payments-peak-outage", "anti-patterns"),
        "2026-01-10",
        Some("Blue"),
    );
    session(
        d,
        &sc("checkout-slow-third"),
        &script("checkout-slow-third", "anti-patterns"),
        "2026-02-10",
        Some("Blue"),
    );
    session(
        d,
        &sc("slow-burn-to-sev1"),
        &script("slow-burn-to-sev1", "exemplary"),
        "2026-03-10",
        Some("Blue"),
    );
    session(
        d,
        &sc("payments-peak-outage"),
        &script("payments-peak-outage", "exemplary"),
        "2026-04-10",
        Some("Green"),
    );
    dir
}

#[test]
fn trends_sum_up_a_folder_and_show_improvement() {
    let dir = folder_of_drills();
    let out = sevdrill(&["trends", dir.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let sessions = v["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 4);
    assert_eq!(sessions[0]["held_on"], "2026-01-10T10:00:00Z", "oldest first");
    let groups = |k: &str| -> Vec<(String, u64)> {
        v[k].as_array()
            .unwrap()
            .iter()
            .map(|g| (g["key"].as_str().unwrap().to_string(), g["sessions"].as_u64().unwrap()))
            .collect()
    };
    assert!(groups("by_scenario").contains(&("payments-peak-outage".into(), 2)));
    assert_eq!(groups("by_team"), vec![("Blue".to_string(), 3), ("Green".to_string(), 1)]);
    assert!(groups("by_severity").contains(&("SEV2".into(), 1)));
    // Anti-patterns first, exemplary later: the team improves on the prompt declaration.
    let prompt = v["principles"].as_array().unwrap().iter().find(|p| p["id"] == "SEV-PROMPT").unwrap();
    assert!(prompt["later"].as_f64().unwrap() > prompt["earlier"].as_f64().unwrap(), "{prompt}");
    // Its score in each of the four sessions, oldest first.
    let series: Vec<f64> = prompt["series"].as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect();
    assert_eq!(series.len(), 4);
    assert_eq!(series.last(), Some(&100.0), "{series:?}");
    assert!(!v["most_missed"].as_array().unwrap().is_empty());
    assert!(sessions.iter().all(|s| s["mttd_minutes"].is_number() || s["mttd_minutes"].is_null()));

    let text_out = text(&sevdrill(&["trends", dir.path().to_str().unwrap()]).stdout);
    for part in [
        "Trends over 4 session(s)",
        "By scenario",
        "By severity",
        "By team",
        "Principles",
        "Most often missed",
        "↑ better",
    ] {
        assert!(text_out.contains(part), "no `{part}` in:\n{text_out}");
    }
}

#[test]
fn trends_in_html_and_markdown_carry_their_charts() {
    let dir = folder_of_drills();
    let html_file = dir.path().join("trends.html");
    let out = sevdrill(&["trends", dir.path().to_str().unwrap(), "-o", html_file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let html = std::fs::read_to_string(&html_file).unwrap();
    assert_eq!(html.matches("<svg").count(), 6, "score, principles and four metric charts");
    for id in ["sessions", "groups", "principles", "metrics", "missed"] {
        assert!(html.contains(&format!("<section id=\"{id}\">")), "no section {id}");
    }
    assert!(!html.contains("<script") && !html.contains("href=\"http"));

    let md_file = dir.path().join("trends.md");
    let out = sevdrill(&["trends", dir.path().to_str().unwrap(), "-o", md_file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let md = std::fs::read_to_string(&md_file).unwrap();
    for chart in ["trends.score.svg", "trends.principles.svg", "trends.mttd.svg", "trends.update-gap.svg"] {
        assert!(md.contains(&format!("({chart})")), "{chart} not linked");
        assert!(dir.path().join(chart).is_file(), "{chart} not written");
    }
}

#[test]
fn damaged_and_outdated_sessions_are_reported_and_the_rest_still_counts() {
    let dir = folder_of_drills();
    let d = dir.path();
    std::fs::write(d.join("cut-off.jsonl"), "{\"sevdrill_log\": 1, \"scen").unwrap();
    std::fs::write(d.join("binary.jsonl"), [0u8, 159, 146, 150, 255]).unwrap();
    // A session played on a scenario that has been edited since.
    let scenarios = tempfile::tempdir().unwrap();
    let copy = scenarios.path().join("payments-peak-outage.ron");
    // A local variant, so that no version anywhere (the built-in one included)
    // matches the session once the file is edited again.
    let local = std::fs::read_to_string("scenarios/payments-peak-outage.ron")
        .unwrap()
        .replace("Cyber Monday", "Cyber Tuesday");
    std::fs::write(&copy, local).unwrap();
    session(
        d,
        copy.to_str().unwrap(),
        "scenarios/scripts/payments-peak-outage.exemplary.ron",
        "2026-05-01",
        None,
    );
    let edited = std::fs::read_to_string(&copy).unwrap().replace("Cyber Tuesday", "Black Friday");
    std::fs::write(&copy, edited).unwrap();

    let out = sevdrill(&[
        "trends",
        d.to_str().unwrap(),
        "--scenarios",
        scenarios.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["sessions"].as_array().unwrap().len(), 4);
    let skipped: Vec<String> =
        v["skipped"].as_array().unwrap().iter().map(|s| format!("{} {}", s["file"], s["reason"])).collect();
    assert_eq!(skipped.len(), 3, "{skipped:?}");
    assert!(skipped.iter().any(|s| s.contains("cut-off.jsonl") && s.contains("damaged")), "{skipped:?}");
    assert!(skipped.iter().any(|s| s.contains("binary.jsonl") && s.contains("not UTF-8")), "{skipped:?}");
    assert!(skipped.iter().any(|s| s.contains("another version of scenario")), "{skipped:?}");
    let err = text(&out.stderr);
    assert!(err.contains("warning: left out") && !err.contains("panicked"), "{err}");
}

#[test]
fn an_empty_or_missing_folder_is_an_error_with_help() {
    let empty = tempfile::tempdir().unwrap();
    let out = sevdrill(&["trends", empty.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no session in"), "{}", text(&out.stderr));
    let out = sevdrill(&["trends", "no/such/folder"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot read the folder"), "{}", text(&out.stderr));
}
