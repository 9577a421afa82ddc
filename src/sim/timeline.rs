//! The timeline facts that the scorer, the report, the metrics and the live
//! timers all read, derived once here so they cannot disagree: the first
//! alert, the live window, the internal notifications and the gaps between
//! them, and when the first notification is due.

use super::action::{Action, Communication};
use super::engine::Engine;
use super::event::Event;
use crate::language::has_content;
use crate::scenario::{Audience, Template};
use crate::time::Dur;

/// How long after the first alert the first internal notification is due.
pub const FIRST_NOTICE_WITHIN: Dur = Dur(15 * 60);

impl Communication {
    /// Whether the message reaches people inside the company (a status page never does).
    pub fn is_internal(&self) -> bool {
        !self.is_customer_facing() && self.audiences.iter().any(|a| *a != Audience::Customers)
    }

    /// A status page or a notice to the affected customers: written for customers.
    pub fn is_customer_facing(&self) -> bool {
        matches!(self.template, Template::StatusPage | Template::CustomerNotice)
    }

    /// Whether customers read it: a status page always reaches them, whatever
    /// its audience list says.
    pub fn reaches_customers(&self) -> bool {
        self.is_customer_facing() || self.audiences.contains(&Audience::Customers)
    }

    /// Whether the message says anything at all: one whose free text is all
    /// filler ("tbd", "x") informs nobody, however structured its fields.
    pub fn says_something(&self) -> bool {
        let f = &self.fields;
        [f.issue.as_str(), f.impact.as_str(), self.text.as_str(), f.fix.as_str()]
            .iter()
            .any(|t| has_content(t))
    }

    /// Whether readers who are not engineers see it.
    pub fn non_technical(&self) -> bool {
        self.reaches_customers() || self.audiences.iter().any(|a| a.non_technical())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// When the first alert fired (T+0 without one).
    pub first_alert: Dur,
    /// When the review began, if it did.
    pub review_start: Option<Dur>,
    /// End of the live window: resolution, else the start of the review, else now.
    pub live_end: Dur,
    /// Internal notifications that said something, sent in the live window, in time order.
    pub notifications: Vec<Dur>,
}

impl Timeline {
    pub fn of(engine: &Engine) -> Timeline {
        let scenario = engine.scenario();
        let state = engine.state();
        let first_alert = engine
            .events()
            .iter()
            .find(|e| {
                matches!(&e.event, Event::Inject { id, .. }
                    if scenario.injects.iter().any(|i| &i.id == id && i.alert))
            })
            .map(|e| e.at)
            .unwrap_or(Dur::ZERO);
        let review_start =
            engine.actions().iter().find(|a| matches!(a.action, Action::BeginReview)).map(|a| a.at);
        let live_end = state.resolved_at.or(review_start).unwrap_or(state.now).max(first_alert);
        let notifications = engine
            .actions()
            .iter()
            .filter_map(|a| match &a.action {
                Action::Communicate(c) if c.is_internal() && c.says_something() && a.at <= live_end => {
                    Some(a.at)
                }
                _ => None,
            })
            .collect();
        Timeline { first_alert, review_start, live_end, notifications }
    }

    /// When the first internal notification is due.
    pub fn first_notice_due(&self) -> Dur {
        self.first_alert + FIRST_NOTICE_WITHIN
    }

    /// The silences between internal notifications in the live window, the
    /// last one running to its end: (from, to).
    pub fn update_gaps(&self) -> Vec<(Dur, Dur)> {
        let mut times = self.notifications.clone();
        if times.is_empty() {
            return Vec::new();
        }
        times.push(self.live_end);
        times.windows(2).map(|w| (w[0], w[1])).collect()
    }
}
