//! Fuzz targets: each reader of a file people hand sevdrill (scenario,
//! action script, session log), driven as far as a valid input goes — the
//! engine, the scorer and every report format — so the fuzzer
//! (`examples/fuzz.rs`) and the regression corpus (`tests/fuzz_corpus.rs`)
//! exercise exactly what the command line does with such a file.
//!
//! A target returns normally on any input, valid or not; a panic, a hang or
//! runaway memory is a finding.

use crate::replay::{LogEntry, SessionLog, header_for, replay};
use crate::scenario::{LoadedScenario, load_str, parse_typed};
use crate::sim::{Actor, Engine};
use crate::source::SourceFile;
use std::sync::{Arc, OnceLock};

/// How far an input got: refused by the reader, read, or played through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Depth {
    Refused,
    Read,
    Played,
}

/// The three readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Scenario,
    Script,
    Log,
}

impl Target {
    pub const ALL: [Target; 3] = [Target::Scenario, Target::Script, Target::Log];

    pub fn name(self) -> &'static str {
        match self {
            Target::Scenario => "scenario",
            Target::Script => "script",
            Target::Log => "log",
        }
    }

    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Feeds one input to this reader and on through what uses it; says
    /// how far it got, so the fuzzer keeps inputs that reach deeper.
    pub fn run(self, bytes: &[u8]) -> Depth {
        match self {
            Target::Scenario => scenario(bytes),
            Target::Script => script(bytes),
            Target::Log => log(bytes),
        }
    }

    /// The starting corpus: the shipped files (and, for logs, the sessions
    /// the shipped scripts make).
    pub fn seeds(self) -> Vec<Vec<u8>> {
        match self {
            Target::Scenario => {
                crate::built_in::scenarios().iter().map(|(_, t)| t.as_bytes().to_vec()).collect()
            }
            Target::Script => crate::built_in::scripts().iter().map(|(_, t)| t.as_bytes().to_vec()).collect(),
            Target::Log => crate::built_in::scripts().iter().filter_map(|(_, t)| log_of(t)).collect(),
        }
    }
}

fn shipped() -> &'static [LoadedScenario] {
    static SHIPPED: OnceLock<Vec<LoadedScenario>> = OnceLock::new();
    SHIPPED.get_or_init(|| {
        crate::built_in::scenarios()
            .iter()
            .filter_map(|(name, text)| load_str(&crate::built_in::path_of(name), text).ok())
            .collect()
    })
}

fn scenario(bytes: &[u8]) -> Depth {
    let Ok(src) = SourceFile::from_bytes("fuzz.ron".into(), bytes.to_vec()) else { return Depth::Refused };
    let Ok(loaded) = load_str(&src.name, &src.text) else { return Depth::Refused };
    // A valid scenario runs to its end with nobody acting, and scores.
    let mut engine = Engine::new(Arc::new(loaded.scenario.clone()), 1, Vec::new());
    engine.advance_to(loaded.scenario.ends_at);
    let _ = crate::scoring::score_engine(&engine);
    Depth::Played
}

fn script(bytes: &[u8]) -> Depth {
    let Ok(src) = SourceFile::from_bytes("fuzz.ron".into(), bytes.to_vec()) else { return Depth::Refused };
    let Ok((script, _)) = parse_typed::<crate::replay::Script>(&src) else { return Depth::Refused };
    let Some(loaded) = shipped().iter().find(|l| l.scenario.id == script.scenario) else {
        return Depth::Read;
    };
    if crate::sim::check_participants(&loaded.scenario, &script.participants).is_err() {
        return Depth::Read;
    }
    let mut engine = Engine::new(Arc::new(loaded.scenario.clone()), script.seed, script.participants.clone());
    let mut entries = Vec::new();
    for step in &script.actions {
        let actor = Actor { name: step.by.clone(), role: step.role.clone() };
        if engine.apply(step.at, &actor, step.action.clone()).is_err() {
            break;
        }
        entries.push(LogEntry {
            at: step.at,
            by: step.by.clone(),
            role: step.role.clone(),
            action: step.action.clone(),
            via: None,
        });
    }
    let header = header_for(loaded, script.seed, script.participants.clone(), "2026-01-01T00:00:00Z".into());
    reports(&engine, &SessionLog { header, entries, truncated_tail: false });
    Depth::Played
}

fn log(bytes: &[u8]) -> Depth {
    let Ok(text) = std::str::from_utf8(bytes) else { return Depth::Refused };
    let Ok(log) = SessionLog::parse("fuzz.jsonl", text) else { return Depth::Refused };
    let Some(loaded) = shipped().iter().find(|l| l.scenario.id == log.header.scenario) else {
        return Depth::Read;
    };
    match replay(loaded, &log) {
        Ok(engine) => {
            reports(&engine, &log);
            Depth::Played
        }
        Err(_) => Depth::Read,
    }
}

/// Every format `report` writes, with its charts.
fn reports(engine: &Engine, log: &SessionLog) {
    let r = crate::report::from_engine(engine, log, "fuzz.jsonl");
    let _ = crate::report::to_markdown(&r, Some(("s.svg", "c.svg")));
    let _ = crate::report::to_html(&r);
    let _ = r.to_json();
    let _ = crate::report::chart::severity_calls_svg(
        &crate::report::severity_trace(engine),
        &crate::report::call_rows(engine),
    );
    let _ = crate::report::chart::cadence_svg(&crate::report::cadence(engine));
}

/// The session log a shipped script makes, as the journal would write it.
fn log_of(script_text: &str) -> Option<Vec<u8>> {
    let src = SourceFile::new("seed.ron", script_text);
    let (script, _) = parse_typed::<crate::replay::Script>(&src).ok()?;
    let loaded = shipped().iter().find(|l| l.scenario.id == script.scenario)?;
    let header = header_for(loaded, script.seed, script.participants.clone(), "2026-01-01T00:00:00Z".into());
    let mut out = serde_json::to_string(&header).ok()? + "\n";
    for s in &script.actions {
        let e = LogEntry {
            at: s.at,
            by: s.by.clone(),
            role: s.role.clone(),
            action: s.action.clone(),
            via: None,
        };
        out += &(serde_json::to_string(&e).ok()? + "\n");
    }
    Some(out.into_bytes())
}
