//! The engine: the simulated world, driven by `advance_to` and `apply`,
//! returning events. This file holds the session and its two entry
//! points; `scheduler` decides when things happen by themselves, `checks`
//! whether an action may be taken, and `effects` what it then does.
//!
//! Deterministic by construction: all randomness is drawn from one ChaCha
//! stream at start, time is integer seconds, and every collection that is
//! iterated is ordered.

use super::action::{Action, Actor, Communication};
use super::condition::holds;
use super::event::{Event, Phase, TimedEvent};
use super::state::{Snapshot, State};
use crate::language::{Lexicon, WordKind};
use crate::rng::{draw, stream};
use crate::scenario::{Audience, Condition, Effect, Scenario, Trigger};
use crate::source::nearest;
use crate::time::Dur;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

mod checks;
mod effects;
mod scheduler;

pub use checks::{ActionError, check_participants};
use effects::describe;
pub use effects::parse_meeting;
use scheduler::{Scheduled, initial_schedule, warrant_conditions};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    pub name: String,
    pub roles: Vec<String>,
}

/// One accepted action, with the world as it was when it was taken.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionRecord {
    pub at: Dur,
    pub actor: Actor,
    pub action: Action,
    pub snapshot: Snapshot,
}

/// How long after the scenario's end a session may still take actions:
/// time for the review. Every time in a session is bounded by
/// `ends_at + REVIEW_ALLOWANCE` (at most 24 hours, as `ends_at` is at most
/// 12), so clocks, charts and reports never meet a time they cannot draw.
pub const REVIEW_ALLOWANCE: Dur = Dur(12 * 3600);

/// The role id of the facilitator, who may fire injects by hand.
pub const FACILITATOR: &str = "facilitator";

#[derive(Debug, Clone)]
pub struct Engine {
    scenario: Arc<Scenario>,
    lexicon: Arc<Lexicon>,
    seed: u64,
    participants: Vec<Participant>,
    state: State,
    /// Timed items still to come, kept sorted by (time, item).
    schedule: Vec<Scheduled>,
    /// Conditional injects whose condition has not held yet.
    waiting: Vec<usize>,
    /// `warranted` conditions of decisions, coordination and escalations,
    /// keyed `kind:id`, watched so the scorer knows when each became right.
    warrants: Vec<(String, Condition)>,
    events: Vec<TimedEvent>,
    log: Vec<ActionRecord>,
}

impl Engine {
    /// A session on `scenario`; if it has variant pools, the seed chooses
    /// the options first (see `Scenario::resolve_variants`).
    pub fn new(scenario: Arc<Scenario>, seed: u64, participants: Vec<Participant>) -> Engine {
        let scenario =
            if scenario.variants.is_empty() { scenario } else { Arc::new(scenario.resolve_variants(seed)) };
        // Blame aimed at a named person is found by sentence shape, so the
        // lexicon learns the scenario's people and the session's participants.
        let mut words = scenario.language.clone();
        words.people = scenario.people();
        words.people.extend(participants.iter().map(|p| p.name.clone()));
        let lexicon = Lexicon::shared(&words);
        let (schedule, waiting) = initial_schedule(&scenario, seed);
        let warrants = warrant_conditions(&scenario);
        let state = State::new(&scenario);
        Engine {
            scenario,
            lexicon,
            seed,
            participants,
            state,
            schedule,
            waiting,
            warrants,
            events: Vec::new(),
            log: Vec::new(),
        }
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }
    pub fn scenario_arc(&self) -> &Arc<Scenario> {
        &self.scenario
    }
    pub fn seed(&self) -> u64 {
        self.seed
    }
    pub fn state(&self) -> &State {
        &self.state
    }
    pub fn now(&self) -> Dur {
        self.state.now
    }
    pub fn phase(&self) -> Phase {
        self.state.phase
    }
    pub fn participants(&self) -> &[Participant] {
        &self.participants
    }
    /// Every event so far, in order.
    pub fn events(&self) -> &[TimedEvent] {
        &self.events
    }
    /// Every accepted action so far, with its snapshot.
    pub fn actions(&self) -> &[ActionRecord] {
        &self.log
    }
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The latest time a session may reach (see `REVIEW_ALLOWANCE`).
    pub fn latest_time(&self) -> Dur {
        Dur(self.scenario.ends_at.0.saturating_add(REVIEW_ALLOWANCE.0))
    }

    /// Lets simulated time pass up to `t` (at most `latest_time`), firing
    /// whatever falls due.
    pub fn advance_to(&mut self, t: Dur) -> Vec<TimedEvent> {
        let t = t.min(self.latest_time());
        let mark = self.events.len();
        match self.state.phase {
            Phase::Briefing | Phase::Debrief => return Vec::new(),
            Phase::Review => {
                self.state.now = self.state.now.max(t);
                return Vec::new();
            }
            Phase::Live => {}
        }
        while let Some(next) = self.next_due(t) {
            self.accrue(next);
            self.process_due();
        }
        if t > self.state.now {
            self.accrue(t);
        }
        self.events[mark..].to_vec()
    }

    /// Applies one participant action at time `t`. A refused action leaves
    /// the session as it was at `t` and says why.
    pub fn apply(&mut self, t: Dur, actor: &Actor, action: Action) -> Result<Vec<TimedEvent>, ActionError> {
        if t < self.state.now {
            return Err(ActionError::TimeWentBackwards { at: t, now: self.state.now });
        }
        if t > self.latest_time() {
            return Err(ActionError::TooLate {
                at: t,
                limit: self.latest_time(),
                allowance: REVIEW_ALLOWANCE,
            });
        }
        self.check_actor(actor)?;
        if (actor.role == FACILITATOR) != matches!(action, Action::FireInject(_)) {
            return Err(ActionError::Invalid(if actor.role == FACILITATOR {
                "the facilitator can only fire injects".into()
            } else {
                "only the facilitator can fire injects".into()
            }));
        }
        self.check_static(&action)?;
        let mark = self.events.len();
        if matches!(action, Action::StartIncident) {
            if t != Dur::ZERO {
                return Err(ActionError::Invalid(format!(
                    "the incident starts at T+0 (\"0s\"), not at {t}: time before it is the briefing"
                )));
            }
        } else {
            self.advance_to(t);
        }
        self.check_dynamic(&action)?;
        let snapshot = self.snapshot();
        self.log.push(ActionRecord { at: t, actor: actor.clone(), action: action.clone(), snapshot });
        self.push(Event::Acted { by: actor.clone(), what: describe(&action, &self.scenario) });
        self.perform(actor, action);
        self.settle();
        Ok(self.events[mark..].to_vec())
    }

    fn snapshot(&self) -> Snapshot {
        let s = &self.state;
        Snapshot {
            true_sev: s.true_sev,
            declared: s.declared,
            users_percent: s.users_percent,
            revenue_percent: s.revenue_percent,
            resolved: s.resolved_at.is_some(),
            root_cause_known: s.root_cause_known(&self.scenario),
            facts_known: s.known.len(),
        }
    }

    fn push(&mut self, event: Event) {
        self.events.push(TimedEvent { at: self.state.now, event });
    }
}
