//! A scenario's dashboard metrics over time, from the impact the engine
//! simulated: the users and revenue hit at the start, each change of impact
//! (a decision that cuts it, an inject that widens it), and normal again
//! from the fix. The live screen, the facilitator's window and tests all
//! read the series from here.

use super::{Engine, Event};
use crate::scenario::Metric;
use crate::time::Dur;

/// `(time, users %, revenue %)` from T+0 to now, with the fix as a return to 0.
pub fn impact_course(engine: &Engine) -> Vec<(Dur, u8, u8)> {
    let start = &engine.scenario().impact;
    let mut course = vec![(Dur::ZERO, start.users_percent, start.revenue_percent)];
    for e in engine.events() {
        match &e.event {
            Event::ImpactChanged { users_percent, revenue_percent, .. } => {
                course.push((e.at, *users_percent, *revenue_percent))
            }
            Event::Resolved { .. } => course.push((e.at, 0, 0)),
            _ => {}
        }
    }
    course
}

/// The metric's value every `step` from T+0 up to `until`.
pub fn series(engine: &Engine, metric: &Metric, until: Dur, step: Dur) -> Vec<(Dur, f64)> {
    let course = impact_course(engine);
    let step = step.as_secs().max(1);
    (0..=until.as_secs() / step)
        .map(|i| Dur(i * step))
        .map(|t| {
            let (_, users, revenue) =
                course.iter().rev().find(|(at, _, _)| *at <= t).copied().unwrap_or((Dur::ZERO, 0, 0));
            (t, metric.value(users, revenue))
        })
        .collect()
}
