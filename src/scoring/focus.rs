//! The responders' focus account: which of the team's own actions moved the
//! engineers' focus, and by how much. Par shows it; the total takes the
//! focus the team's choices cost as harm.

use crate::scenario::QuestionKind;
use crate::sim::{Action, Engine, Event};
use serde::Serialize;
use std::collections::BTreeMap;

/// The focus that one kind of action gained or cost the responders.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FocusMove {
    /// "pressure questions", "unwarranted escalations", …
    pub what: String,
    pub count: usize,
    /// Sum of the focus changes that followed them (negative: a cost).
    pub focus: i32,
}

impl FocusMove {
    /// "3 pressure questions", "1 pressure question".
    pub fn counted(&self) -> String {
        if self.count != 1 {
            return format!("{} {}", self.count, self.what);
        }
        let one = self.what.replacen("good questions and offers", "good question or offer", 1);
        let one = ["questions", "directions", "demands", "escalations", "decisions", "remarks"]
            .iter()
            .find(|p| one.contains(*p))
            .map(|p| one.replacen(p, &p[..p.len() - 1], 1))
            .unwrap_or(one);
        format!("1 {one}")
    }
}

/// Focus points the team's own actions cost the responders in all.
pub fn focus_lost(moves: &[FocusMove]) -> i32 {
    -moves.iter().filter(|m| m.focus < 0).map(|m| m.focus).sum::<i32>()
}

/// What kind of choice an action was, for the focus account.
fn kind_of(engine: &Engine, a: &crate::sim::ActionRecord) -> String {
    let s = engine.scenario();
    match &a.action {
        Action::Ask(id) => match s.questions.iter().find(|q| &q.id == id).map(|q| q.kind) {
            Some(QuestionKind::Pressure) => "pressure questions".into(),
            Some(QuestionKind::Distraction) => "distracting questions".into(),
            Some(QuestionKind::Blame) => "blaming questions".into(),
            Some(QuestionKind::Directive) => "technical directions".into(),
            Some(QuestionKind::Demand) => "demands".into(),
            _ => "good questions and offers".into(),
        },
        Action::Escalate(e) => {
            let warranted =
                engine.state().warranted.get(&format!("escalation:{}", e.to)).is_some_and(|w| *w <= a.at);
            if warranted { "warranted escalations".into() } else { "unwarranted escalations".into() }
        }
        Action::Decide(id) => {
            let technical = s
                .decisions
                .iter()
                .any(|d| &d.id == id && d.owner == crate::scenario::DecisionOwner::Technical);
            if technical { "technical decisions taken".into() } else { "business decisions".into() }
        }
        Action::Say(_) => "remarks in the incident channel".into(),
        Action::ShareContext { .. } => "business context shared".into(),
        Action::Coordinate { .. } => "coordination with other teams".into(),
        other => other.label().to_string(),
    }
}

/// Focus changes attributed to the action taken at the same moment just
/// before them; changes with no action at that moment (an inject's effect,
/// say) are left out.
pub fn focus_moves(engine: &Engine) -> Vec<FocusMove> {
    let actions = engine.actions();
    let mut by_kind: BTreeMap<String, (std::collections::BTreeSet<usize>, i32)> = BTreeMap::new();
    for e in engine.events() {
        let Event::FocusChanged { from, to } = e.event else { continue };
        let Some(i) = actions.iter().rposition(|a| a.at == e.at) else { continue };
        let entry = by_kind.entry(kind_of(engine, &actions[i])).or_default();
        entry.0.insert(i);
        entry.1 += to - from;
    }
    let mut moves: Vec<FocusMove> = by_kind
        .into_iter()
        .filter(|(_, (_, f))| *f != 0)
        .map(|(what, (acts, focus))| FocusMove { what, count: acts.len(), focus })
        .collect();
    moves.sort_by_key(|m| (m.focus, m.what.clone()));
    moves
}
