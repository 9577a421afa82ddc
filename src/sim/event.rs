//! What happened: the events the engine returns to the GUI, the CLI and the scorer.

use super::action::Actor;
use crate::scenario::{Channel, Sev};
use crate::time::Dur;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Phase {
    Briefing,
    Live,
    Review,
    Debrief,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimedEvent {
    pub at: Dur,
    pub event: Event,
}

impl Event {
    /// Whether the feed shows the event as an item: the moves of the
    /// clock, the phase and the declared severity have their own places.
    pub fn on_feed(&self) -> bool {
        !matches!(
            self,
            Event::TrueSeverityChanged { .. }
                | Event::PhaseChanged(_)
                | Event::FocusChanged { .. }
                | Event::SeverityDeclared { .. }
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Event {
    PhaseChanged(Phase),
    /// A message arrives in the feed: a page, chat, ticket, email, post.
    Inject {
        id: String,
        channel: Channel,
        from: String,
        text: String,
    },
    FactRevealed {
        id: String,
        text: String,
    },
    TrueSeverityChanged {
        from: Sev,
        to: Sev,
        why: String,
    },
    ImpactChanged {
        users_percent: u8,
        revenue_percent: u8,
        summary: String,
    },
    FocusChanged {
        from: i32,
        to: i32,
    },
    /// A participant's action was taken; the detail is in the action log.
    Acted {
        by: Actor,
        what: String,
    },
    /// Someone answered: responders, an escalation target, a team.
    Reply {
        from: String,
        text: String,
    },
    SeverityDeclared {
        by: Actor,
        sev: Sev,
    },
    Resolved {
        text: String,
    },
    /// The scenario's time ran out with the incident still open.
    TimeLimitReached,
}
