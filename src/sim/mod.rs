//! The simulation engine: a plain Rust value that the GUI, the CLI and the
//! scorer all drive through `advance_to` and `apply`.

pub mod action;
pub mod calls;
mod condition;
pub mod dashboard;
mod engine;
pub mod event;
pub mod state;
mod timeline;

pub use action::*;
pub use calls::{CallKind, SeverityCall, severity_calls};
pub use condition::holds;
pub use engine::{
    ActionError, ActionRecord, Engine, FACILITATOR, Participant, check_participants, parse_meeting,
};
pub use event::{Event, Phase, TimedEvent};
pub use state::{Snapshot, State};
pub use timeline::{FIRST_NOTICE_WITHIN, Timeline};
