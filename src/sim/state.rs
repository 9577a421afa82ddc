//! The simulated world at one moment: what is known, how the responders
//! are doing, what it is costing, and what participants have done so far.

use super::action::{ActionItem, Communication, ImpactRecord, Moment};
use super::event::Phase;
use crate::scenario::{Audience, FactorCategory, QuestionKind, Scenario, Sev, Template};
use crate::time::Dur;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Work units a fix gains per second are `BASE_RATE + focus * FOCUS_RATE`:
/// focus 50 is the nominal pace, 100 half as fast again, 0 half as slow.
pub const BASE_RATE: u64 = 500;
pub const FOCUS_RATE: u64 = 10;
pub const WORK_UNITS_PER_SEC: u64 = 1000;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct State {
    pub now: Dur,
    pub phase: Phase,
    pub true_sev: Sev,
    pub true_history: Vec<(Dur, Sev)>,
    pub declared: Option<Sev>,
    pub declared_history: Vec<(Dur, Sev)>,
    pub known: BTreeMap<String, Dur>,
    pub fired: BTreeMap<String, Dur>,
    pub asked: BTreeMap<String, Dur>,
    pub asked_kinds: BTreeSet<QuestionKind>,
    pub decided: BTreeMap<String, Dur>,
    pub coordinated: BTreeMap<String, Dur>,
    pub escalated: BTreeMap<String, Dur>,
    pub informed: BTreeMap<Audience, Dur>,
    pub sent_templates: BTreeMap<Template, Dur>,
    /// When each `kind:id` decision, coordination or escalation first became warranted.
    pub warranted: BTreeMap<String, Dur>,
    pub history_read: Option<Dur>,
    pub context_shared: Option<Dur>,
    /// Responders' focus, 0–100.
    pub focus: i32,
    pub stakeholder_trust: i32,
    pub customer_trust: i32,
    pub users_percent: u8,
    pub revenue_percent: u8,
    pub impact_summary: String,
    /// Revenue lost so far, in currency units times 360 000 (per-hour × percent × seconds).
    pub revenue_lost_scaled: u128,
    pub work_done: u64,
    pub work_needed: u64,
    pub resolved_at: Option<Dur>,
    pub time_limit_hit: bool,
    pub notes: Vec<(Dur, String, Option<Moment>)>,
    pub comms: Vec<(Dur, Communication)>,
    pub review: ReviewState,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ReviewState {
    pub rewrites: BTreeMap<String, String>,
    pub whys: Vec<String>,
    pub factors: Vec<(FactorCategory, String)>,
    pub action_items: Vec<ActionItem>,
    pub impact: Option<ImpactRecord>,
    pub scheduled: Option<chrono::DateTime<chrono::FixedOffset>>,
}

impl State {
    pub fn new(s: &Scenario) -> State {
        let known = s.facts.iter().filter(|f| f.known_at_start).map(|f| (f.id.clone(), Dur::ZERO)).collect();
        State {
            now: Dur::ZERO,
            phase: Phase::Briefing,
            true_sev: s.severity.initial,
            true_history: vec![(Dur::ZERO, s.severity.initial)],
            declared: None,
            declared_history: Vec::new(),
            known,
            fired: BTreeMap::new(),
            asked: BTreeMap::new(),
            asked_kinds: BTreeSet::new(),
            decided: BTreeMap::new(),
            coordinated: BTreeMap::new(),
            escalated: BTreeMap::new(),
            informed: BTreeMap::new(),
            sent_templates: BTreeMap::new(),
            warranted: BTreeMap::new(),
            history_read: None,
            context_shared: None,
            focus: i32::from(s.responders.initial_focus.min(100)),
            stakeholder_trust: 70,
            customer_trust: 70,
            users_percent: s.impact.users_percent,
            revenue_percent: s.impact.revenue_percent,
            impact_summary: s.impact.summary.clone(),
            revenue_lost_scaled: 0,
            work_done: 0,
            work_needed: s.resolution.work.as_secs() * WORK_UNITS_PER_SEC,
            resolved_at: None,
            time_limit_hit: false,
            notes: Vec::new(),
            comms: Vec::new(),
            review: ReviewState::default(),
        }
    }

    /// Revenue lost so far, in the scenario's currency.
    pub fn revenue_lost(&self) -> u64 {
        u64::try_from(self.revenue_lost_scaled / 360_000).unwrap_or(u64::MAX)
    }

    pub fn work_rate(&self) -> u64 {
        BASE_RATE + FOCUS_RATE * self.focus.clamp(0, 100) as u64
    }

    /// Whether the incident is still running (clock and costs move).
    pub fn incident_open(&self) -> bool {
        self.phase == Phase::Live && self.resolved_at.is_none()
    }

    /// Root cause confirmed: a fact marked `root_cause` is known.
    pub fn root_cause_known(&self, s: &Scenario) -> bool {
        s.facts.iter().any(|f| f.root_cause && self.known.contains_key(&f.id))
    }

    /// Fix progress from 0 to 100.
    pub fn progress_percent(&self) -> u8 {
        if self.work_needed == 0 {
            return 100;
        }
        (self.work_done.min(self.work_needed) * 100 / self.work_needed) as u8
    }
}

/// What was true when an action was taken: the scorer's view of "truth at
/// that moment".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snapshot {
    pub true_sev: Sev,
    pub declared: Option<Sev>,
    pub users_percent: u8,
    pub revenue_percent: u8,
    pub resolved: bool,
    pub root_cause_known: bool,
    pub facts_known: usize,
}
