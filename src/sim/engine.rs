//! The engine: a scheduler of timed and conditional injects over the
//! simulated state, driven by `advance_to` and `apply`, returning events.
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

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
pub enum ActionError {
    #[error("\"{0}\" is not a participant in this session")]
    UnknownParticipant(String),
    #[error("{name} does not hold the role \"{role}\" in this session")]
    RoleNotHeld { name: String, role: String },
    #[error("cannot {what} during the {phase:?} phase")]
    WrongPhase { what: String, phase: Phase },
    #[error("no {kind} has the id \"{id}\"{hint}")]
    Unknown { kind: &'static str, id: String, hint: String },
    #[error("{0}")]
    AlreadyDone(String),
    #[error("this action is at {at}, but the session is already at {now}")]
    TimeWentBackwards { at: Dur, now: Dur },
    #[error(
        "this action is at {at}, past the longest a session may run: the scenario's end plus {allowance} for the review ({limit})"
    )]
    TooLate { at: Dur, limit: Dur, allowance: Dur },
    #[error("{0}")]
    Invalid(String),
}

/// How long after the scenario's end a session may still take actions:
/// time for the review. Every time in a session is bounded by
/// `ends_at + REVIEW_ALLOWANCE` (at most 24 hours, as `ends_at` is at most
/// 12), so clocks, charts and reports never meet a time they cannot draw.
pub const REVIEW_ALLOWANCE: Dur = Dur(12 * 3600);

/// The role id of the facilitator, who may fire injects by hand.
pub const FACILITATOR: &str = "facilitator";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Due {
    Inject(usize),
    Reveal(usize),
    Severity(usize),
}

#[derive(Debug, Clone, PartialEq)]
struct Scheduled {
    at: Dur,
    what: Due,
}

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
        let mut schedule = Vec::new();
        let mut waiting = Vec::new();
        for (i, inj) in scenario.injects.iter().enumerate() {
            // Each inject draws from its own stream, keyed by its id, so
            // adding or editing one inject never moves another's timing.
            let mut rng = stream(seed, &inj.id);
            match &inj.when {
                Trigger::At(at) => schedule.push(Scheduled { at: *at, what: Due::Inject(i) }),
                Trigger::Jitter { at, spread } => {
                    schedule.push(Scheduled { at: jitter(&mut rng, *at, *spread), what: Due::Inject(i) })
                }
                Trigger::Chance { at, percent, spread } => {
                    let roll = draw(&mut rng, 100) < u64::from(*percent);
                    let when = jitter(&mut rng, *at, *spread);
                    if roll {
                        schedule.push(Scheduled { at: when, what: Due::Inject(i) });
                    }
                }
                Trigger::When { .. } => waiting.push(i),
            }
        }
        for (i, f) in scenario.facts.iter().enumerate() {
            if let Some(at) = f.reveal_at {
                schedule.push(Scheduled { at, what: Due::Reveal(i) });
            }
        }
        for (i, c) in scenario.severity.changes.iter().enumerate() {
            schedule.push(Scheduled { at: c.at, what: Due::Severity(i) });
        }
        schedule.sort_by_key(|s| (s.at, s.what));
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

    /// The time of the next thing that will happen by itself, if any: for
    /// the GUI's "jump to next event".
    pub fn next_event_time(&self) -> Option<Dur> {
        if self.state.phase != Phase::Live {
            return None;
        }
        // Some due moments change nothing visible (a condition that does
        // not hold after all), so look ahead on a copy until one does.
        let mut probe = self.clone();
        for _ in 0..10_000 {
            let t = probe.next_due(Dur(u64::MAX))?;
            if !probe.advance_to(t).is_empty() {
                return Some(t);
            }
        }
        None
    }

    /// Injects still to come: the timed ones with their time, then the
    /// conditional ones (no time) — what the facilitator sees ahead.
    pub fn upcoming(&self) -> Vec<(Option<Dur>, &crate::scenario::Inject)> {
        let timed = self.schedule.iter().filter_map(|s| match s.what {
            Due::Inject(i) => Some((Some(s.at), &self.scenario.injects[i])),
            _ => None,
        });
        let waiting = self.waiting.iter().map(|&i| (None, &self.scenario.injects[i]));
        timed.chain(waiting).collect()
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

    fn check_actor(&self, actor: &Actor) -> Result<(), ActionError> {
        // The facilitator is not a participant and may only fire injects.
        if actor.role == FACILITATOR {
            return Ok(());
        }
        let p = self
            .participants
            .iter()
            .find(|p| p.name == actor.name)
            .ok_or_else(|| ActionError::UnknownParticipant(actor.name.clone()))?;
        unknown_role(&self.scenario, &actor.role).map_or(Ok(()), Err)?;
        if !p.roles.contains(&actor.role) {
            return Err(ActionError::RoleNotHeld { name: actor.name.clone(), role: actor.role.clone() });
        }
        Ok(())
    }

    /// Checks that depend only on ids and the phase.
    fn check_static(&self, action: &Action) -> Result<(), ActionError> {
        let s = &*self.scenario;
        let phase = self.state.phase;
        let live_only = !matches!(
            action,
            Action::StartIncident
                | Action::Note { .. }
                | Action::Rewrite { .. }
                | Action::AddWhy(_)
                | Action::AddFactor { .. }
                | Action::AddActionItem(_)
                | Action::RecordImpact(_)
                | Action::ScheduleReview(_)
                | Action::FinishReview
        );
        let allowed = match action {
            Action::StartIncident => phase == Phase::Briefing,
            Action::Note { .. } => matches!(phase, Phase::Live | Phase::Review),
            _ if live_only => phase == Phase::Live,
            _ => phase == Phase::Review,
        };
        if !allowed {
            return Err(ActionError::WrongPhase { what: action.label().into(), phase });
        }
        let unknown = |kind: &'static str, id: &str, known: Vec<&str>| ActionError::Unknown {
            kind,
            id: id.to_string(),
            hint: nearest(id, &known).map(|n| format!("; did you mean \"{n}\"?")).unwrap_or_default(),
        };
        match action {
            Action::FireInject(id) if !s.injects.iter().any(|i| &i.id == id) => {
                Err(unknown("inject", id, s.injects.iter().map(|i| i.id.as_str()).collect()))
            }
            Action::FireInject(id) if self.state.fired.contains_key(id) => {
                Err(ActionError::AlreadyDone(format!("the inject \"{id}\" has already fired")))
            }
            Action::Ask(id) if !s.questions.iter().any(|q| &q.id == id) => {
                Err(unknown("question", id, s.questions.iter().map(|q| q.id.as_str()).collect()))
            }
            Action::Ask(id) if self.state.asked.contains_key(id) => Err(ActionError::AlreadyDone(format!(
                "the question \"{id}\" was already asked; its answer is in the feed"
            ))),
            Action::Decide(id) if !s.decisions.iter().any(|d| &d.id == id) => {
                Err(unknown("decision", id, s.decisions.iter().map(|q| q.id.as_str()).collect()))
            }
            Action::Decide(id) if self.state.decided.contains_key(id) => {
                Err(ActionError::AlreadyDone(format!("the decision \"{id}\" was already taken")))
            }
            Action::Coordinate { id, .. } if !s.coordination.iter().any(|d| &d.id == id) => {
                Err(unknown("coordination", id, s.coordination.iter().map(|q| q.id.as_str()).collect()))
            }
            Action::Coordinate { id, .. } if self.state.coordinated.contains_key(id) => {
                Err(ActionError::AlreadyDone(format!("\"{id}\" was already done")))
            }
            Action::Escalate(e) if !s.escalations.iter().any(|d| d.id == e.to) => Err(unknown(
                "escalation target",
                &e.to,
                s.escalations.iter().map(|q| q.id.as_str()).collect(),
            )),
            Action::Escalate(e) if self.state.escalated.contains_key(&e.to) => {
                Err(ActionError::AlreadyDone(format!("already escalated to \"{}\"", e.to)))
            }
            Action::Rewrite { statement, .. }
                if !s.review.blameful_statements.iter().any(|b| &b.id == statement) =>
            {
                Err(unknown(
                    "blameful statement",
                    statement,
                    s.review.blameful_statements.iter().map(|b| b.id.as_str()).collect(),
                ))
            }
            Action::Communicate(c) if c.audiences.is_empty() && !c.is_customer_facing() => {
                Err(ActionError::Invalid("a communication needs at least one audience".into()))
            }
            Action::ScheduleReview(when) if parse_meeting(when, &self.scenario).is_none() => {
                Err(ActionError::Invalid(format!(
                    "\"{when}\" is not a date and time; write \"2026-11-30T10:00:00-05:00\" or \"2026-11-30 10:00\""
                )))
            }
            Action::Say(text) | Action::AddWhy(text) if text.trim().is_empty() => {
                Err(ActionError::Invalid("the text is empty".into()))
            }
            Action::Rewrite { text, .. } | Action::Note { text, .. } | Action::AddFactor { text, .. }
                if text.trim().is_empty() =>
            {
                Err(ActionError::Invalid("the text is empty".into()))
            }
            Action::AddActionItem(item) if item.description.trim().is_empty() => {
                Err(ActionError::Invalid("an action item needs a description".into()))
            }
            Action::ShareContext { topics, .. } if topics.is_empty() => Err(ActionError::Invalid(
                "say which context you share: key customers, revenue, commitments …".into(),
            )),
            _ => Ok(()),
        }
    }

    /// Checks that depend on the state at the action's time.
    fn check_dynamic(&self, action: &Action) -> Result<(), ActionError> {
        if let Action::Ask(id) = action {
            let q = self.scenario.questions.iter().find(|q| &q.id == id).expect("checked");
            if let Some(cond) = &q.available
                && !holds(cond, &self.state)
            {
                return Err(ActionError::Invalid(format!("the question \"{id}\" is not in the deck yet")));
            }
        }
        Ok(())
    }

    fn perform(&mut self, actor: &Actor, action: Action) {
        let sc = Arc::clone(&self.scenario);
        let now = self.state.now;
        match action {
            Action::StartIncident => {
                self.state.phase = Phase::Live;
                self.push(Event::PhaseChanged(Phase::Live));
                self.process_due();
            }
            Action::ReadHistory => {
                self.state.history_read.get_or_insert(now);
            }
            Action::Declare(sev) => {
                self.state.declared = Some(sev);
                self.state.declared_history.push((now, sev));
                self.push(Event::SeverityDeclared { by: actor.clone(), sev });
            }
            Action::Ask(id) => {
                let q = sc.questions.iter().find(|q| q.id == id).expect("checked");
                self.state.asked.insert(id, now);
                self.state.asked_kinds.insert(q.kind);
                self.change_focus(q.focus_effect());
                self.push(Event::Reply { from: "Technical lead".into(), text: q.answer.clone() });
                for f in &q.reveals {
                    self.reveal(f);
                }
            }
            Action::ShareContext { text, .. } => {
                // The first business picture helps responders prioritise.
                if self.state.context_shared.is_none() {
                    self.change_focus(5);
                }
                self.state.context_shared.get_or_insert(now);
                self.react_to_text(&text);
            }
            Action::Say(text) => self.react_to_text(&text),
            Action::Escalate(e) => {
                let t = sc.escalations.iter().find(|x| x.id == e.to).expect("checked");
                self.state.escalated.insert(e.to.clone(), now);
                self.push(Event::Reply { from: t.name.clone(), text: t.reply.clone() });
                self.apply_effects(&t.effects);
            }
            Action::Communicate(c) => self.communicate(now, c),
            Action::Decide(id) => {
                let d = sc.decisions.iter().find(|d| d.id == id).expect("checked");
                self.state.decided.insert(id, now);
                self.push(Event::Reply { from: "Outcome".into(), text: d.outcome.clone() });
                self.apply_effects(&d.effects);
            }
            Action::Coordinate { id, .. } => {
                let c = sc.coordination.iter().find(|c| c.id == id).expect("checked");
                self.state.coordinated.insert(id, now);
                self.push(Event::Reply { from: format!("{:?}", c.team), text: c.reply.clone() });
                self.apply_effects(&c.effects);
            }
            Action::Note { text, moment } => self.state.notes.push((now, text, moment)),
            Action::BeginReview => {
                self.state.phase = Phase::Review;
                self.push(Event::PhaseChanged(Phase::Review));
            }
            Action::Rewrite { statement, text } => {
                self.state.review.rewrites.insert(statement, text);
            }
            Action::AddWhy(w) => self.state.review.whys.push(w),
            Action::AddFactor { category, text } => self.state.review.factors.push((category, text)),
            Action::AddActionItem(item) => self.state.review.action_items.push(item),
            Action::RecordImpact(r) => self.state.review.impact = Some(r),
            Action::ScheduleReview(when) => self.state.review.scheduled = parse_meeting(&when, &sc),
            Action::FinishReview => {
                self.state.phase = Phase::Debrief;
                self.push(Event::PhaseChanged(Phase::Debrief));
            }
            Action::FireInject(id) => {
                if let Some(i) = sc.injects.iter().position(|x| x.id == id) {
                    self.schedule.retain(|s| s.what != Due::Inject(i));
                    self.waiting.retain(|w| *w != i);
                    self.fire_inject(i);
                }
            }
        }
    }

    fn communicate(&mut self, now: Dur, mut c: Communication) {
        if c.is_customer_facing() && !c.audiences.contains(&Audience::Customers) {
            c.audiences.push(Audience::Customers);
        }
        for a in &c.audiences {
            self.state.informed.entry(*a).or_insert(now);
        }
        self.state.sent_templates.entry(c.template).or_insert(now);
        let internal = c.audiences.iter().any(|a| *a != Audience::Customers);
        if internal {
            self.state.stakeholder_trust = (self.state.stakeholder_trust + 3).min(100);
        }
        if c.audiences.contains(&Audience::Customers) {
            self.state.customer_trust = (self.state.customer_trust + 4).min(100);
        }
        self.state.comms.push((now, c));
    }

    /// Pressure, blame and demands in free text cost the responders focus.
    fn react_to_text(&mut self, text: &str) {
        let lex = Arc::clone(&self.lexicon);
        let mut delta = 0;
        for (kind, cost) in [(WordKind::Pressure, -6), (WordKind::Blame, -6), (WordKind::Demand, -4)] {
            if !lex.find(kind, text).is_empty() {
                delta += cost;
            }
        }
        if delta == 0 && !lex.find(WordKind::Offer, text).is_empty() {
            delta = 2;
        }
        self.change_focus(delta);
    }

    fn change_focus(&mut self, delta: i32) {
        if delta == 0 {
            return;
        }
        let from = self.state.focus;
        let to = (from + delta).clamp(0, 100);
        if to != from {
            self.state.focus = to;
            self.push(Event::FocusChanged { from, to });
        }
    }

    fn apply_effects(&mut self, effects: &[Effect]) {
        for e in effects {
            match e {
                Effect::Focus(d) => self.change_focus(*d),
                Effect::StakeholderTrust(d) => {
                    self.state.stakeholder_trust = (self.state.stakeholder_trust + d).clamp(0, 100)
                }
                Effect::CustomerTrust(d) => {
                    self.state.customer_trust = (self.state.customer_trust + d).clamp(0, 100)
                }
                Effect::Severity(sev) => {
                    self.set_true_severity(*sev, "as a consequence of what just happened".into())
                }
                Effect::Impact { users_percent, revenue_percent, summary } => {
                    self.state.users_percent = *users_percent;
                    self.state.revenue_percent = *revenue_percent;
                    if !summary.is_empty() {
                        self.state.impact_summary = summary.clone();
                    }
                    self.push(Event::ImpactChanged {
                        users_percent: *users_percent,
                        revenue_percent: *revenue_percent,
                        summary: self.state.impact_summary.clone(),
                    });
                }
                Effect::Reveal(f) => self.reveal(f),
                Effect::Work(d) => self.state.work_done += d.as_secs() * super::state::WORK_UNITS_PER_SEC,
                Effect::Setback(d) => {
                    self.state.work_done =
                        self.state.work_done.saturating_sub(d.as_secs() * super::state::WORK_UNITS_PER_SEC)
                }
                Effect::Fire(id) => {
                    if let Some(i) = self.scenario.injects.iter().position(|x| &x.id == id) {
                        self.fire_inject(i);
                    }
                }
                Effect::Resolve => {
                    if self.state.incident_open() {
                        self.state.work_done = self.state.work_done.max(self.state.work_needed);
                    }
                }
            }
        }
    }

    /// A conditional inject written for after the fix (its condition
    /// mentions `Resolved`) still fires once the incident is resolved.
    fn follows_resolution(&self, i: usize) -> bool {
        matches!(&self.scenario.injects[i].when, Trigger::When { cond, .. } if mentions_resolved(cond))
    }

    fn set_true_severity(&mut self, to: crate::scenario::Sev, why: String) {
        let from = self.state.true_sev;
        if from != to {
            self.state.true_sev = to;
            self.state.true_history.push((self.state.now, to));
            self.push(Event::TrueSeverityChanged { from, to, why });
        }
    }

    fn reveal(&mut self, id: &str) {
        if self.state.known.contains_key(id) {
            return;
        }
        if let Some(f) = self.scenario.facts.iter().find(|f| f.id == id) {
            self.state.known.insert(id.to_string(), self.state.now);
            let text = f.text.clone();
            self.push(Event::FactRevealed { id: id.to_string(), text });
        }
    }

    fn fire_inject(&mut self, i: usize) {
        let sc = Arc::clone(&self.scenario);
        let inj = &sc.injects[i];
        if self.state.fired.contains_key(&inj.id) {
            return;
        }
        self.state.fired.insert(inj.id.clone(), self.state.now);
        self.push(Event::Inject {
            id: inj.id.clone(),
            channel: inj.channel,
            from: inj.from.clone(),
            text: inj.text.clone(),
        });
        for f in &inj.reveals {
            self.reveal(f);
        }
        self.apply_effects(&inj.effects);
    }

    fn push(&mut self, event: Event) {
        self.events.push(TimedEvent { at: self.state.now, event });
    }

    /// Moves time forward to `to`, accruing lost revenue and fix progress.
    fn accrue(&mut self, to: Dur) {
        let dt = to.as_secs().saturating_sub(self.state.now.as_secs());
        if self.state.incident_open() && dt > 0 {
            let s = &mut self.state;
            s.revenue_lost_scaled += u128::from(self.scenario.context.revenue_per_hour)
                * u128::from(s.revenue_percent)
                * u128::from(dt);
            s.work_done = s.work_done.saturating_add(s.work_rate() * dt);
        }
        self.state.now = self.state.now.max(to);
    }

    /// The earliest moment up to `limit` at which something happens by itself.
    fn next_due(&self, limit: Dur) -> Option<Dur> {
        let s = &self.state;
        let mut best: Option<Dur> = None;
        let mut consider = |t: Dur| {
            if t <= limit && best.is_none_or(|b| t < b) {
                best = Some(t);
            }
        };
        if let Some(first) = self.schedule.first() {
            consider(first.at.max(s.now));
        }
        if s.incident_open() {
            let remaining = s.work_needed.saturating_sub(s.work_done);
            consider(Dur(s.now.as_secs() + remaining.div_ceil(s.work_rate())));
        }
        if !s.time_limit_hit && s.resolved_at.is_none() {
            consider(self.scenario.ends_at.max(s.now));
        }
        let watched = self.waiting.iter().filter_map(|&i| match &self.scenario.injects[i].when {
            Trigger::When { cond, .. } => Some(cond),
            _ => None,
        });
        let unwarranted = self.warrants.iter().filter(|(k, _)| !s.warranted.contains_key(k)).map(|(_, c)| c);
        for cond in watched.chain(unwarranted) {
            for t in thresholds(cond) {
                if t > s.now {
                    consider(t);
                }
            }
        }
        best
    }

    /// Fires everything due at the current time.
    fn process_due(&mut self) {
        let now = self.state.now;
        while self.schedule.first().is_some_and(|s| s.at <= now) {
            let item = self.schedule.remove(0);
            let after_resolution = self.state.resolved_at.is_some();
            match item.what {
                Due::Inject(i) if !after_resolution || self.follows_resolution(i) => self.fire_inject(i),
                Due::Severity(i) if !after_resolution => {
                    let ch = &self.scenario.severity.changes[i];
                    let (to, why) = (ch.to, ch.why.clone());
                    self.set_true_severity(to, why);
                }
                Due::Reveal(i) => {
                    let id = self.scenario.facts[i].id.clone();
                    self.reveal(&id);
                }
                _ => {}
            }
        }
        self.settle();
    }

    /// Resolves, hits the time limit and fires conditional injects until
    /// nothing more changes at this instant.
    fn settle(&mut self) {
        let sc = Arc::clone(&self.scenario);
        for _ in 0..=sc.injects.len() + 1 {
            let mut changed = false;
            if self.state.incident_open() && self.state.work_done >= self.state.work_needed {
                self.state.resolved_at = Some(self.state.now);
                self.push(Event::Resolved { text: sc.resolution.text.clone() });
                for f in &sc.resolution.reveals {
                    self.reveal(f);
                }
                changed = true;
            }
            if self.state.phase == Phase::Live
                && !self.state.time_limit_hit
                && self.state.resolved_at.is_none()
                && self.state.now >= sc.ends_at
            {
                self.state.time_limit_hit = true;
                self.push(Event::TimeLimitReached);
            }
            if self.state.phase != Phase::Live {
                break;
            }
            for (key, cond) in &self.warrants {
                if !self.state.warranted.contains_key(key) && holds(cond, &self.state) {
                    self.state.warranted.insert(key.clone(), self.state.now);
                }
            }
            let mut still = Vec::new();
            for i in std::mem::take(&mut self.waiting) {
                let Trigger::When { cond, delay } = &sc.injects[i].when else { continue };
                let after_resolution = self.state.resolved_at.is_some() && !mentions_resolved(cond);
                if after_resolution {
                    continue;
                }
                if holds(cond, &self.state) {
                    changed = true;
                    if *delay == Dur::ZERO {
                        self.fire_inject(i);
                    } else {
                        let at = self.state.now + *delay;
                        let pos = self.schedule.partition_point(|s| (s.at, s.what) <= (at, Due::Inject(i)));
                        self.schedule.insert(pos, Scheduled { at, what: Due::Inject(i) });
                    }
                } else {
                    still.push(i);
                }
            }
            self.waiting = still;
            if !changed {
                break;
            }
        }
    }
}

fn warrant_conditions(s: &Scenario) -> Vec<(String, Condition)> {
    let mut out = Vec::new();
    for d in &s.decisions {
        if let Some(c) = &d.warranted {
            out.push((format!("decision:{}", d.id), c.clone()));
        }
    }
    for c in &s.coordination {
        if let Some(w) = &c.warranted {
            out.push((format!("coordination:{}", c.id), w.clone()));
        }
    }
    for e in &s.escalations {
        if let Some(w) = &e.warranted {
            out.push((format!("escalation:{}", e.id), w.clone()));
        }
    }
    out
}

fn unknown_role(s: &Scenario, role: &str) -> Option<ActionError> {
    let known: Vec<&str> = s.roles.iter().map(|r| r.id.as_str()).collect();
    (!known.contains(&role)).then(|| ActionError::Unknown {
        kind: "role",
        id: role.to_string(),
        hint: nearest(role, &known)
            .map(|n| format!("; did you mean \"{n}\"?"))
            .unwrap_or_else(|| format!("; this scenario's roles are {}", known.join(", "))),
    })
}

/// Checks that every participant's roles exist in the scenario; returns the
/// participant index, role index and error of the first that does not.
pub fn check_participants(
    s: &Scenario,
    participants: &[Participant],
) -> Result<(), (usize, usize, ActionError)> {
    for (i, p) in participants.iter().enumerate() {
        for (j, r) in p.roles.iter().enumerate() {
            if let Some(e) = unknown_role(s, r) {
                return Err((i, j, e));
            }
        }
    }
    Ok(())
}

/// A value in `at ± spread`, evenly drawn.
fn jitter(rng: &mut ChaCha8Rng, at: Dur, spread: Dur) -> Dur {
    if spread == Dur::ZERO {
        return at;
    }
    let low = at.as_secs().saturating_sub(spread.as_secs());
    let high = at.as_secs() + spread.as_secs();
    Dur(low + draw(rng, high - low + 1))
}

/// Times at which a condition's time tests can flip.
fn thresholds(cond: &Condition) -> Vec<Dur> {
    match cond {
        Condition::After(t) => vec![*t],
        Condition::Not(c) => thresholds(c),
        Condition::All(cs) | Condition::Any(cs) => cs.iter().flat_map(thresholds).collect(),
        _ => Vec::new(),
    }
}

fn mentions_resolved(cond: &Condition) -> bool {
    match cond {
        Condition::Resolved => true,
        Condition::Not(c) => mentions_resolved(c),
        Condition::All(cs) | Condition::Any(cs) => cs.iter().any(mentions_resolved),
        _ => false,
    }
}

/// A meeting time: RFC 3339, or `YYYY-MM-DD HH:MM` in the scenario's offset.
pub fn parse_meeting(text: &str, s: &Scenario) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(text.trim()) {
        return Some(t);
    }
    let naive = chrono::NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%d %H:%M").ok()?;
    naive.and_local_timezone(*s.clock.start.0.offset()).single()
}

/// One line for the feed: who did what.
fn describe(action: &Action, s: &Scenario) -> String {
    match action {
        Action::Declare(sev) => format!("declared {sev}"),
        Action::Ask(id) => {
            let q = s.questions.iter().find(|q| &q.id == id).map(|q| q.text.as_str()).unwrap_or(id);
            format!("asked: {q}")
        }
        Action::Say(t) => format!("said: {t}"),
        Action::Decide(id) => {
            let d = s.decisions.iter().find(|d| &d.id == id).map(|d| d.title.as_str()).unwrap_or(id);
            format!("decided: {d}")
        }
        Action::Coordinate { id, .. } => {
            let c = s.coordination.iter().find(|c| &c.id == id).map(|c| c.title.as_str()).unwrap_or(id);
            format!("coordinated: {c}")
        }
        Action::Escalate(e) => format!("escalated to {}", e.to),
        Action::Communicate(c) => format!("sent {:?} to {:?}", c.template, c.audiences),
        Action::Note { text, .. } => format!("noted: {text}"),
        other => other.label().to_string(),
    }
}
