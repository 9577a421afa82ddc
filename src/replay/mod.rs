//! Sessions and replays: scripts, the session log and its crash-safe
//! journal, and re-simulating a log to the same scorecard.

mod carry;
mod fork;
mod journal;
mod log;
mod play;
mod script;

pub use carry::{commitments_for, day_of, is_overdue};
pub use fork::{ForkError, fork_at, fork_window, parse_moment};
pub use journal::Journal;
pub use log::{
    Carried, ForkOf, LOG_FORMAT_VERSION, LogEntry, LogError, LogHeader, MAX_LOG_BYTES, SessionLog, VIA_SEAT,
};
pub use play::{ReplayError, header_for, replay, replay_until};
pub use script::{Script, ScriptStep};
