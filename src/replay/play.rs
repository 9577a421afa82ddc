//! Re-simulating a session log: same scenario content, seed and actions
//! give the same events and the same scorecard.

use super::log::{LOG_FORMAT_VERSION, LogHeader, SessionLog};
use crate::scenario::LoadedScenario;
use crate::sim::{ActionError, Actor, Engine, Participant};
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReplayError {
    #[error(
        "the session was recorded against a different version of scenario \"{scenario}\" (log: {logged}, file now: {current}); \
         a replay needs the exact scenario it was played on — restore that version of {path} to re-score it"
    )]
    ScenarioChanged { scenario: String, path: String, logged: String, current: String },
    #[error("the log is for scenario \"{logged}\" but \"{given}\" was given")]
    WrongScenario { logged: String, given: String },
    #[error("action {index} of the log (at {at}) was refused on replay: {error}")]
    Refused { index: usize, at: crate::time::Dur, error: ActionError },
}

pub fn header_for(
    loaded: &LoadedScenario,
    seed: u64,
    participants: Vec<Participant>,
    started: String,
) -> LogHeader {
    LogHeader {
        sevdrill_log: LOG_FORMAT_VERSION,
        scenario: loaded.scenario.id.clone(),
        scenario_path: loaded.path.clone(),
        content_hash: loaded.content_hash.clone(),
        seed,
        participants,
        started,
        facilitator: None,
        team: None,
        fork: None,
        carried: Vec::new(),
    }
}

/// Plays a log's actions on a fresh engine.
pub fn replay(loaded: &LoadedScenario, log: &SessionLog) -> Result<Engine, ReplayError> {
    if log.header.scenario != loaded.scenario.id {
        return Err(ReplayError::WrongScenario {
            logged: log.header.scenario.clone(),
            given: loaded.scenario.id.clone(),
        });
    }
    if log.header.content_hash != loaded.content_hash {
        return Err(ReplayError::ScenarioChanged {
            scenario: loaded.scenario.id.clone(),
            path: loaded.path.clone(),
            logged: short(&log.header.content_hash),
            current: short(&loaded.content_hash),
        });
    }
    let mut engine =
        Engine::new(Arc::new(loaded.scenario.clone()), log.header.seed, log.header.participants.clone());
    // A fork's clock stood at its cut when play went on, whether or not
    // anything was done after it.
    let cut = log.header.fork.as_ref().map(|f| (f.kept, f.at));
    for (index, e) in log.entries.iter().enumerate() {
        if let Some((_, at)) = cut.filter(|(kept, _)| *kept == index) {
            engine.advance_to(at);
        }
        let actor = Actor { name: e.by.clone(), role: e.role.clone() };
        engine.apply(e.at, &actor, e.action.clone()).map_err(|error| ReplayError::Refused {
            index: index + 1,
            at: e.at,
            error,
        })?;
    }
    if let Some((_, at)) = cut.filter(|(kept, _)| *kept >= log.entries.len()) {
        engine.advance_to(at);
    }
    Ok(engine)
}

fn short(hash: &str) -> String {
    hash.chars().take(12).collect()
}

/// The session as it stood at time `t`: the actions up to `t` replayed and
/// the clock run to `t`. For scrubbing a replay.
pub fn replay_until(
    loaded: &LoadedScenario,
    log: &SessionLog,
    t: crate::time::Dur,
) -> Result<Engine, ReplayError> {
    let mut header = log.header.clone();
    // Before a fork's cut, its clock has not yet been set to the cut.
    header.fork = header.fork.filter(|f| f.at <= t);
    let upto = SessionLog {
        header,
        entries: log.entries.iter().take_while(|e| e.at <= t).cloned().collect(),
        truncated_tail: log.truncated_tail,
    };
    let mut engine = replay(loaded, &upto)?;
    engine.advance_to(t);
    Ok(engine)
}
