//! Shared helpers for the integration tests.
#![allow(dead_code)]

use sevdrill::scenario::{LoadedScenario, load_str};
use sevdrill::scoring::{Scorecard, Verdict};
use sevdrill::sim::{Actor, Engine, Participant};
use std::sync::Arc;

pub const MINIMAL: &str = include_str!("../fixtures/minimal.ron");

pub fn minimal() -> LoadedScenario {
    load_str("tests/fixtures/minimal.ron", MINIMAL).unwrap_or_else(|d| panic!("{}", d[0]))
}

pub fn team() -> Vec<Participant> {
    vec![
        Participant { name: "Dana".into(), roles: vec!["ic".into(), "tech".into()] },
        Participant { name: "Lee".into(), roles: vec!["comms".into(), "scribe".into()] },
    ]
}

pub fn ic() -> Actor {
    Actor { name: "Dana".into(), role: "ic".into() }
}

pub fn comms() -> Actor {
    Actor { name: "Lee".into(), role: "comms".into() }
}

pub fn started(loaded: &LoadedScenario, seed: u64) -> Engine {
    let mut e = Engine::new(Arc::new(loaded.scenario.clone()), seed, team());
    e.apply(sevdrill::time::Dur::ZERO, &ic(), sevdrill::sim::Action::StartIncident).unwrap();
    e
}

/// Runs the built `sevdrill` binary as a user would.
pub fn sevdrill(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_sevdrill")).args(args).output().expect("the binary runs")
}

/// Output bytes as text, for messages and assertions.
pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A principle's verdict on a scorecard; panics if it was not scored.
pub fn verdict(card: &Scorecard, id: &str) -> Verdict {
    card.principles
        .iter()
        .find(|p| p.id == id)
        .map(|p| p.verdict)
        .unwrap_or_else(|| panic!("{id} not scored"))
}

/// Saves a shipped script's session as `sevdrill run --save` does, then
/// rewrites its header as if the drill had been held on `held_on` by
/// `team`, with participants renamed (`(from, to)`) throughout.
pub fn saved_session(
    dir: &std::path::Path,
    scenario_file: &str,
    script: &str,
    held_on: &str,
    team: Option<&str>,
    rename: &[(&str, &str)],
) -> std::path::PathBuf {
    let stem = std::path::Path::new(script).file_stem().unwrap().to_string_lossy().into_owned();
    let log = dir.join(format!("{stem}-{held_on}.jsonl"));
    let out = sevdrill(&["run", scenario_file, "--actions", script, "--save", log.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let mut body = std::fs::read_to_string(&log).unwrap();
    for (from, to) in rename {
        body = body.replace(&format!("\"{from}\""), &format!("\"{to}\""));
    }
    let (header, rest) = body.split_once('\n').unwrap();
    let mut h: serde_json::Value = serde_json::from_str(header).unwrap();
    h["started"] = serde_json::Value::String(format!("{held_on}T10:00:00Z"));
    if let Some(t) = team {
        h["team"] = serde_json::Value::String(t.into());
    }
    std::fs::write(&log, format!("{h}\n{rest}")).unwrap();
    log
}
