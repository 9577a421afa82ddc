//! What an accepted action and a fired inject do to the world: focus,
//! trust, facts, severity, communications and the review, as events.

use super::scheduler::{Due, mentions_resolved};
use super::*;

/// A meeting time: RFC 3339, or `YYYY-MM-DD HH:MM` in the scenario's offset.
pub fn parse_meeting(text: &str, s: &Scenario) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(text.trim()) {
        return Some(t);
    }
    let naive = chrono::NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%d %H:%M").ok()?;
    naive.and_local_timezone(*s.clock.start.0.offset()).single()
}

/// One line for the feed: who did what.
pub(super) fn describe(action: &Action, s: &Scenario) -> String {
    match action {
        Action::Declare(sev) => format!("declared {sev}"),
        Action::ProposeSeverity { sev, reason } => format!("proposed {sev}: {reason}"),
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

impl Engine {
    pub(super) fn perform(&mut self, actor: &Actor, action: Action) {
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
            // Recorded with the action (and shown as it in the feed); it changes nothing.
            Action::ProposeSeverity { .. } => {}
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

    pub(super) fn communicate(&mut self, now: Dur, mut c: Communication) {
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
    pub(super) fn react_to_text(&mut self, text: &str) {
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

    pub(super) fn change_focus(&mut self, delta: i32) {
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

    pub(super) fn apply_effects(&mut self, effects: &[Effect]) {
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
                Effect::Work(d) => {
                    self.state.work_done += d.as_secs() * crate::sim::state::WORK_UNITS_PER_SEC
                }
                Effect::Setback(d) => {
                    self.state.work_done = self
                        .state
                        .work_done
                        .saturating_sub(d.as_secs() * crate::sim::state::WORK_UNITS_PER_SEC)
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
    pub(super) fn follows_resolution(&self, i: usize) -> bool {
        matches!(&self.scenario.injects[i].when, Trigger::When { cond, .. } if mentions_resolved(cond))
    }

    pub(super) fn set_true_severity(&mut self, to: crate::scenario::Sev, why: String) {
        let from = self.state.true_sev;
        if from != to {
            self.state.true_sev = to;
            self.state.true_history.push((self.state.now, to));
            self.push(Event::TrueSeverityChanged { from, to, why });
        }
    }

    pub(super) fn reveal(&mut self, id: &str) {
        if self.state.known.contains_key(id) {
            return;
        }
        if let Some(f) = self.scenario.facts.iter().find(|f| f.id == id) {
            self.state.known.insert(id.to_string(), self.state.now);
            let text = f.text.clone();
            self.push(Event::FactRevealed { id: id.to_string(), text });
        }
    }

    pub(super) fn fire_inject(&mut self, i: usize) {
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
}
