//! What every scoring rule reads: the scenario, the final state, the
//! actions with their snapshots, and a few derived times.

use super::card::{Finding, Verdict};
use crate::language::{Lexicon, WordKind};
use crate::rubric::principle;
use crate::scenario::{Scenario, Sev};
use crate::sim::{Action, ActionRecord, Communication, Engine, State, Timeline};
use crate::time::Dur;

pub struct Ctx<'a> {
    pub engine: &'a Engine,
    pub scenario: &'a Scenario,
    pub state: &'a State,
    pub lexicon: &'a Lexicon,
    /// When the first alert fired (T+0 without one).
    pub first_alert: Dur,
    /// End of the live window: resolution, or the end of the live phase.
    pub live_end: Dur,
    /// The worst true severity while the incident was open.
    pub worst_true: Sev,
    /// The timeline facts shared with the report and the live timers.
    pub timeline: Timeline,
}

impl<'a> Ctx<'a> {
    pub fn new(engine: &'a Engine) -> Ctx<'a> {
        let scenario = engine.scenario();
        let state = engine.state();
        let timeline = Timeline::of(engine);
        let (first_alert, live_end) = (timeline.first_alert, timeline.live_end);
        let worst_true = state
            .true_history
            .iter()
            .filter(|(t, _)| *t <= live_end)
            .map(|(_, s)| *s)
            .min_by_key(|s| s.level())
            .unwrap_or(scenario.severity.initial);
        Ctx {
            engine,
            scenario,
            state,
            lexicon: engine.lexicon(),
            first_alert,
            live_end,
            worst_true,
            timeline,
        }
    }

    pub fn actions(&self) -> &'a [ActionRecord] {
        self.engine.actions()
    }

    /// Every communication sent, with its record.
    pub fn comms(&self) -> impl Iterator<Item = (&'a ActionRecord, &'a Communication)> + 'a {
        self.engine.actions().iter().filter_map(|a| match &a.action {
            Action::Communicate(c) => Some((a, c)),
            _ => None,
        })
    }

    /// The true severity in force at time `t`.
    pub fn true_at(&self, t: Dur) -> Sev {
        self.state
            .true_history
            .iter()
            .take_while(|(at, _)| *at <= t)
            .last()
            .map(|(_, s)| *s)
            .unwrap_or(self.scenario.severity.initial)
    }

    /// A finding about a principle, attributed to the acting role or, when
    /// nobody acted, to the role that owns the principle.
    pub fn finding(
        &self,
        id: &'static str,
        verdict: Verdict,
        at: Option<Dur>,
        by: Option<&ActionRecord>,
        evidence: impl Into<String>,
        why: impl Into<String>,
    ) -> Finding {
        let role = match by {
            Some(a) => a.actor.role.clone(),
            None => {
                let owner = principle(id).map(|p| p.owner).unwrap_or("ic");
                if self.scenario.roles.iter().any(|r| r.id == owner) {
                    owner.to_string()
                } else {
                    self.scenario.roles.first().map(|r| r.id.clone()).unwrap_or_default()
                }
            }
        };
        // Which action this is, so harm is charged once per act (see `assemble`).
        let act = by.and_then(|a| self.actions().iter().position(|x| std::ptr::eq(x, a)));
        Finding { principle: id, verdict, at, role, evidence: evidence.into(), why: why.into(), act }
    }

    pub fn words(&self, kind: WordKind, text: &str) -> Vec<String> {
        self.lexicon.find(kind, text)
    }
}

/// All free text of a message, for word checks.
pub fn comm_text(c: &Communication) -> String {
    let f = &c.fields;
    let mut parts = vec![f.issue.as_str(), f.impact.as_str(), c.text.as_str(), f.fix.as_str()];
    parts.extend(f.dos.iter().map(String::as_str));
    parts.extend(f.do_not.iter().map(String::as_str));
    if let Some(cause) = &f.cause {
        parts.push(cause.text.as_str());
    }
    parts.join("\n")
}

/// Whether a coordination or escalation carries words for the other side;
/// other actions need none.
fn says_something(action: &Action) -> bool {
    match action {
        Action::Coordinate { message, .. } => crate::language::has_content(message),
        Action::Escalate(e) => {
            [&e.situation, &e.need, &e.why, &e.ask].iter().any(|t| crate::language::has_content(t))
        }
        _ => true,
    }
}

/// Messages meant for people inside the company.
pub fn is_internal(c: &Communication) -> bool {
    c.is_internal()
}

pub fn quote(text: &str) -> String {
    let t: String = text.chars().take(70).collect();
    if text.chars().count() > 70 { format!("\"{t}…\"") } else { format!("\"{t}\"") }
}

impl Ctx<'_> {
    /// The finding for something that should happen once it is warranted
    /// (a decision, a coordination, an escalation): on time, late, missed,
    /// or taken when it was not warranted.
    #[allow(clippy::too_many_arguments)]
    pub fn warranted_finding(
        &self,
        id: &'static str,
        key: &str,
        has_condition: bool,
        within: Dur,
        taken: Option<&ActionRecord>,
        title: &str,
        why: &str,
    ) -> Option<Finding> {
        let warranted_at = self.state.warranted.get(key).copied();
        match (taken, warranted_at) {
            (Some(a), Some(w)) if a.at >= w => {
                let lag = a.at.saturating_sub(w);
                // A coordination or escalation that tells the other side
                // nothing gives them nothing to act on: at most Partly.
                let said = says_something(&a.action);
                let v = if lag <= within && said { Verdict::Met } else { Verdict::Partly };
                let empty = if said { "" } else { ", but said nothing they could act on" };
                Some(self.finding(
                    id,
                    v,
                    Some(a.at),
                    Some(a),
                    format!("{title}: done {lag} after it became warranted at {}{empty}", w.clock()),
                    why,
                ))
            }
            (Some(a), _) => {
                let when = if has_condition {
                    "before it was warranted"
                } else {
                    "though the scenario never warrants it"
                };
                Some(self.finding(
                    id,
                    Verdict::Violated,
                    Some(a.at),
                    Some(a),
                    format!("{title}: done {when}"),
                    why,
                ))
            }
            (None, Some(w)) => Some(self.finding(
                id,
                Verdict::Missed,
                Some(w + within),
                None,
                format!("{title}: warranted from {} but never done", w.clock()),
                why,
            )),
            (None, None) => None,
        }
    }
}
