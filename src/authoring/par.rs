//! Par: what the same scenario and seed come to when the careful team plays
//! them, beside what the team's choices came to — time to fix, revenue
//! lost, trust, the responders' focus — and which of the team's actions
//! moved the responders' focus most.

use super::derived_bots::play_careful;
use crate::scoring::{FocusMove, focus_moves, score_engine};
use crate::sim::Engine;
use crate::time::Dur;
use serde::Serialize;

/// One session's outcome: its score, time to fix, revenue lost, trust and focus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub total: f64,
    pub resolved_at: Option<Dur>,
    pub revenue_lost: u64,
    pub stakeholder_trust: i32,
    pub customer_trust: i32,
    pub final_focus: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Par {
    pub currency: String,
    pub team: Outcome,
    pub par: Outcome,
    /// Largest costs first, then the gains.
    pub focus_moves: Vec<FocusMove>,
}

/// A session's outcome as it stands now.
pub fn outcome(engine: &Engine) -> Outcome {
    let st = engine.state();
    Outcome {
        total: score_engine(engine).total,
        resolved_at: st.resolved_at,
        revenue_lost: st.revenue_lost(),
        stakeholder_trust: st.stakeholder_trust,
        customer_trust: st.customer_trust,
        final_focus: st.focus,
    }
}

/// The par of a session's scenario and seed, beside the session.
pub fn par_of(engine: &Engine) -> Par {
    let scenario = engine.scenario_arc().clone();
    let mut careful = Engine::new(scenario.clone(), engine.seed(), super::bots::random_team(&scenario));
    play_careful(&mut careful);
    Par {
        currency: scenario.context.currency.clone(),
        team: outcome(engine),
        par: outcome(&careful),
        focus_moves: focus_moves(engine),
    }
}

impl Par {
    /// The comparison in a few lines of plain text.
    pub fn lines(&self) -> Vec<String> {
        let fix = |o: &Outcome| o.resolved_at.map(|d| d.to_string()).unwrap_or_else(|| "not fixed".into());
        let mut out = vec![
            format!("{:<28} {:>12} {:>12}", "", "this session", "par"),
            format!("{:<28} {:>12.0} {:>12.0}", "Score", self.team.total, self.par.total),
            format!("{:<28} {:>12} {:>12}", "Time to fix", fix(&self.team), fix(&self.par)),
            format!(
                "{:<28} {:>12} {:>12}",
                format!("Revenue lost ({})", self.currency),
                self.team.revenue_lost,
                self.par.revenue_lost
            ),
            format!(
                "{:<28} {:>12} {:>12}",
                "Trust (stakeholders/cust.)",
                format!("{}/{}", self.team.stakeholder_trust, self.team.customer_trust),
                format!("{}/{}", self.par.stakeholder_trust, self.par.customer_trust)
            ),
            format!(
                "{:<28} {:>12} {:>12}",
                "Responder focus at the end", self.team.final_focus, self.par.final_focus
            ),
        ];
        if let Some(summary) = self.cost_sentence() {
            out.push(summary);
        }
        out
    }

    /// "3 pressure questions and 1 unwarranted escalation cost the
    /// responders 25 focus points; the fix took 12m longer than par."
    pub fn cost_sentence(&self) -> Option<String> {
        let costs: Vec<String> =
            self.focus_moves.iter().filter(|m| m.focus < 0).take(3).map(|m| m.counted()).collect();
        if costs.is_empty() {
            return None;
        }
        let lost = crate::scoring::focus_lost(&self.focus_moves);
        let list = match costs.as_slice() {
            [one] => one.clone(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
            [] => unreachable!(),
        };
        let later = match (self.team.resolved_at, self.par.resolved_at) {
            (Some(t), Some(p)) if t > p => format!("; the fix took {} longer than par", t.saturating_sub(p)),
            (None, Some(_)) => "; the fix never landed".into(),
            _ => String::new(),
        };
        Some(format!("{list} cost the responders {lost} focus points{later}."))
    }
}

#[cfg(test)]
mod tests {
    use crate::scoring::FocusMove;

    #[test]
    fn one_of_a_kind_reads_in_the_singular() {
        let m = |what: &str, count| FocusMove { what: what.into(), count, focus: -5 };
        assert_eq!(m("pressure questions", 1).counted(), "1 pressure question");
        assert_eq!(m("unwarranted escalations", 2).counted(), "2 unwarranted escalations");
        assert_eq!(m("technical decisions taken", 1).counted(), "1 technical decision taken");
    }
}
