//! Whether an action may be taken: who holds which role, which phase
//! allows it, that every id names something, and that nothing is done
//! twice — each refusal as an `ActionError` that says why.

use super::*;

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

pub(super) fn unknown_role(s: &Scenario, role: &str) -> Option<ActionError> {
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

impl Engine {
    pub(super) fn check_actor(&self, actor: &Actor) -> Result<(), ActionError> {
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
    pub(super) fn check_static(&self, action: &Action) -> Result<(), ActionError> {
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
            Action::ProposeSeverity { reason, .. } if reason.trim().is_empty() => {
                Err(ActionError::Invalid("say in one line why you propose this severity".into()))
            }
            Action::ProposeSeverity { reason, .. }
                if reason.contains('\n') || reason.chars().count() > 280 =>
            {
                Err(ActionError::Invalid(
                    "keep the reason for a proposal to one line of at most 280 characters".into(),
                ))
            }
            Action::ShareContext { topics, .. } if topics.is_empty() => Err(ActionError::Invalid(
                "say which context you share: key customers, revenue, commitments …".into(),
            )),
            _ => Ok(()),
        }
    }

    /// Checks that depend on the state at the action's time.
    pub(super) fn check_dynamic(&self, action: &Action) -> Result<(), ActionError> {
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
}
