//! The headless commands as a user runs them: `run` and `score` agree,
//! bad input gets a positioned error and exit code 2, nothing is overwritten.

mod common;
use common::{sevdrill, text};

use std::path::Path;

const SCENARIO: &str = "tests/fixtures/minimal.ron";
const SCRIPT: &str = "tests/fixtures/minimal.good.ron";

#[test]
fn run_and_score_print_the_same_scorecard() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("session.jsonl");
    let log = log.to_str().unwrap();
    let run = sevdrill(&["run", SCENARIO, "--actions", SCRIPT, "--save", log, "--format", "json"]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let score = sevdrill(&["score", log, "--format", "json"]);
    assert_eq!(score.status.code(), Some(0), "{}", text(&score.stderr));
    assert_eq!(text(&run.stdout), text(&score.stdout));

    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    for field in ["total", "families", "principles", "findings", "metrics"] {
        assert!(json.get(field).is_some(), "JSON lacks `{field}`");
    }
    assert!(json["total"].as_f64().unwrap() >= 85.0);

    let run_text = sevdrill(&["run", SCENARIO, "--actions", SCRIPT]);
    let score_text = sevdrill(&["score", log]);
    assert_eq!(text(&run_text.stdout), text(&score_text.stdout));
    assert!(text(&run_text.stdout).contains("TOTAL"));
}

#[test]
fn saving_never_overwrites_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("mine.jsonl");
    std::fs::write(&log, "my notes").unwrap();
    let out = sevdrill(&["run", SCENARIO, "--actions", SCRIPT, "--save", log.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("never overwritten"));
    assert_eq!(std::fs::read_to_string(&log).unwrap(), "my notes");
}

#[test]
fn a_refused_script_step_is_shown_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let script = std::fs::read_to_string(SCRIPT).unwrap().replace("Ask(\"blocking\")", "Ask(\"blockng\")");
    let path = dir.path().join("typo.ron");
    std::fs::write(&path, &script).unwrap();
    let out = sevdrill(&["run", SCENARIO, "--actions", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    let line = script.lines().position(|l| l.contains("blockng")).unwrap() + 1;
    assert!(err.contains(&format!("typo.ron:{line}:9")), "{err}");
    assert!(err.contains("did you mean \"blocking\"?"), "{err}");
}

#[test]
fn a_script_for_another_scenario_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let script = std::fs::read_to_string(SCRIPT)
        .unwrap()
        .replace("scenario: \"minimal-outage\"", "scenario: \"other\"");
    let path = dir.path().join("other.ron");
    std::fs::write(&path, &script).unwrap();
    let out = sevdrill(&["run", SCENARIO, "--actions", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("this script is for scenario \"other\""));
    let line = script.lines().position(|l| l.contains("\"other\"")).unwrap() + 1;
    assert!(text(&out.stderr).contains(&format!("other.ron:{line}:15")), "{}", text(&out.stderr));
}

#[test]
fn a_malformed_script_gets_a_positioned_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, "Script(scenario: \"minimal-outage\", participants: [], actions: [(at: \"1m\", by: \"Dana\", role: \"ic\", do: Declare(Sev7))])").unwrap();
    let out = sevdrill(&["run", SCENARIO, "--actions", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("unknown variant `Sev7`") && err.contains("bad.ron:1:"), "{err}");
}

#[test]
fn scoring_a_log_of_a_changed_scenario_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("minimal.ron");
    std::fs::copy(SCENARIO, &scenario).unwrap();
    let log = dir.path().join("s.jsonl");
    let run =
        sevdrill(&["run", scenario.to_str().unwrap(), "--actions", SCRIPT, "--save", log.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let mut changed = std::fs::read_to_string(&scenario).unwrap();
    changed.push_str("\n// edited after the game day\n");
    std::fs::write(&scenario, changed).unwrap();
    let out = sevdrill(&["score", log.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("different version of scenario"), "{}", text(&out.stderr));
}

#[test]
fn a_damaged_log_is_reported_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("s.jsonl");
    sevdrill(&["run", SCENARIO, "--actions", SCRIPT, "--save", log.to_str().unwrap()]);
    let mut lines: Vec<String> = std::fs::read_to_string(&log).unwrap().lines().map(String::from).collect();
    lines[3] = "{\"at\": \"oops\"}".into();
    std::fs::write(&log, lines.join("\n") + "\n").unwrap();
    let out = sevdrill(&["score", log.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("s.jsonl:4:"), "{}", text(&out.stderr));

    let garbage = dir.path().join("garbage.jsonl");
    std::fs::write(&garbage, [0xffu8, 0x00, 0x13]).unwrap();
    let out = sevdrill(&["score", garbage.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!text(&out.stderr).contains("panicked"));
}

#[test]
fn a_missing_scenario_file_is_an_error() {
    let out = sevdrill(&["run", "nowhere.ron", "--actions", SCRIPT]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("nowhere.ron"));
    assert!(Path::new(SCENARIO).exists());
}

#[test]
fn a_participant_role_the_scenario_lacks_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let script = std::fs::read_to_string(SCRIPT)
        .unwrap()
        .replace("roles: [\"comms\", \"scribe\"]", "roles: [\"comms\", \"scrib\"]");
    let path = dir.path().join("roles.ron");
    std::fs::write(&path, &script).unwrap();
    let out = sevdrill(&["run", SCENARIO, "--actions", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("no role has the id \"scrib\"; did you mean \"scribe\"?"), "{err}");
}

/// The binary run from an empty folder with its own data folder, as after
/// `cargo install`: the built-in library is listed, a scripted session is
/// saved to the data folder, and `report`, `score` and `check` work on it.
#[test]
fn it_runs_from_any_folder_with_the_library_built_in() {
    let cwd = tempfile::tempdir().unwrap();
    let data = cwd.path().join("data");
    let script = cwd.path().join("my-script.ron");
    std::fs::copy("scenarios/scripts/payments-peak-outage.exemplary.ron", &script).unwrap();
    let at = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_sevdrill"))
            .args(args)
            .current_dir(cwd.path())
            .env("SEVDRILL_DATA_DIR", &data)
            .output()
            .unwrap()
    };
    let list = at(&["list"]);
    let listed = text(&list.stdout);
    assert!(listed.contains("built in (12 scenarios)"), "{listed}");
    for entry in std::fs::read_dir("scenarios").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "ron") {
            let id = path.file_stem().unwrap().to_str().unwrap().to_string();
            assert!(listed.contains(&format!("[built-in:{id}.ron]")), "{id} not listed:\n{listed}");
        }
    }
    assert!(listed.contains(&data.join("sessions").display().to_string()));

    let checked = at(&["check"]);
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked.stderr));
    assert!(text(&checked.stdout).contains(&data.join("scenarios").display().to_string()));

    let run =
        at(&["run", "payments-peak-outage", "--actions", "my-script.ron", "--save", "--format", "json"]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let saved: Vec<_> =
        std::fs::read_dir(data.join("sessions")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(saved.len(), 1, "one session in the data folder");
    let log = saved[0].to_str().unwrap();
    let score = at(&["score", log, "--format", "json"]);
    assert_eq!(text(&score.stdout), text(&run.stdout), "{}", text(&score.stderr));
    let report = at(&["report", log, "-o", "report.html"]);
    assert_eq!(report.status.code(), Some(0), "{}", text(&report.stderr));
    assert!(std::fs::read_to_string(cwd.path().join("report.html")).unwrap().contains("<svg"));

    let new = at(&["new", "Our own drill"]);
    assert_eq!(new.status.code(), Some(0), "{}", text(&new.stderr));
    assert!(data.join("scenarios/our-own-drill.ron").is_file());
    assert!(text(&at(&["check"]).stdout).contains("1 valid"));
    assert!(text(&at(&["list"]).stdout).contains("our-own-drill"));
}
