//! The numbers every session reports: detection, first message, time to
//! the right severity, update gaps, resolution time, action-item completeness.

use super::context::Ctx;
use crate::sim::Action;
use crate::time::Dur;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metrics {
    /// First alert to first severity declaration.
    pub mttd: Option<Dur>,
    pub time_to_first_communication: Option<Dur>,
    pub time_to_right_severity: Option<Dur>,
    pub update_gap_mean: Option<Dur>,
    pub update_gap_max: Option<Dur>,
    /// Start to resolution, as the simulation ran.
    pub mttr: Option<Dur>,
    /// Share of action items with owner, due date and tracking, 0–100.
    pub action_item_completeness: Option<f64>,
    pub revenue_lost: u64,
    pub currency: String,
    pub final_focus: i32,
    pub stakeholder_trust: i32,
    pub customer_trust: i32,
}

impl Metrics {
    /// Name and value pairs for the text scorecard.
    pub fn lines(&self) -> Vec<(&'static str, String)> {
        let d = |x: Option<Dur>| x.map(|d| d.to_string()).unwrap_or_else(|| "—".into());
        vec![
            ("MTTD (alert to declaration)", d(self.mttd)),
            ("Time to first communication", d(self.time_to_first_communication)),
            ("Time to the right severity", d(self.time_to_right_severity)),
            ("Update gap (mean / max)", format!("{} / {}", d(self.update_gap_mean), d(self.update_gap_max))),
            ("MTTR (start to resolution)", d(self.mttr)),
            (
                "Action-item completeness",
                self.action_item_completeness.map(|p| format!("{p:.0}%")).unwrap_or_else(|| "—".into()),
            ),
            ("Revenue lost", format!("{} {}", self.revenue_lost, self.currency)),
            ("Responder focus at the end", self.final_focus.to_string()),
            (
                "Trust (stakeholders / customers)",
                format!("{} / {}", self.stakeholder_trust, self.customer_trust),
            ),
        ]
    }
}

pub(super) fn compute(ctx: &Ctx) -> Metrics {
    let acts = ctx.actions();
    let first_decl = ctx.state.declared_history.first().map(|(t, _)| *t);
    let first_comm = ctx.comms().next().map(|(a, _)| a.at);
    let right = ctx
        .state
        .declared_history
        .iter()
        .find(|(t, s)| ctx.true_at(*t) == *s)
        .map(|(t, _)| t.saturating_sub(ctx.first_alert));
    // The same gaps the report draws and COMM-CADENCE judges, the last one
    // running to the end of the live window.
    let gaps: Vec<u64> = ctx.timeline.update_gaps().iter().map(|(a, b)| b.as_secs() - a.as_secs()).collect();
    let items: Vec<_> = acts
        .iter()
        .filter_map(|a| match &a.action {
            Action::AddActionItem(i) => Some(i),
            _ => None,
        })
        .collect();
    let day = ctx.scenario.clock.start.0.date_naive();
    let complete = items.iter().filter(|i| super::pir::item_complete(i, day)).count();
    Metrics {
        mttd: first_decl.map(|t| t.saturating_sub(ctx.first_alert)),
        time_to_first_communication: first_comm.map(|t| t.saturating_sub(ctx.first_alert)),
        time_to_right_severity: right,
        update_gap_mean: (!gaps.is_empty()).then(|| Dur(gaps.iter().sum::<u64>() / gaps.len() as u64)),
        update_gap_max: gaps.iter().max().map(|g| Dur(*g)),
        mttr: ctx.state.resolved_at,
        action_item_completeness: (!items.is_empty())
            .then(|| super::card::round1(complete as f64 / items.len() as f64 * 100.0)),
        revenue_lost: ctx.state.revenue_lost(),
        currency: ctx.scenario.context.currency.clone(),
        final_focus: ctx.state.focus,
        stakeholder_trust: ctx.state.stakeholder_trust,
        customer_trust: ctx.state.customer_trust,
    }
}
