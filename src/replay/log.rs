//! The session log: a header (scenario, content hash, seed, participants,
//! wall-clock start) and one line per accepted action, as JSON lines.

use crate::sim::{Action, Participant};
use crate::time::Dur;
use serde::{Deserialize, Serialize};
use std::path::Path;

pub const LOG_FORMAT_VERSION: u32 = 1;

/// Largest session log read: the longest session (the scenario's 12 hours
/// plus the review's 12) at one action a second is under 9 MB of lines.
pub const MAX_LOG_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogHeader {
    pub sevdrill_log: u32,
    pub scenario: String,
    /// Where the scenario was loaded from, as a hint for finding it again.
    #[serde(default)]
    pub scenario_path: String,
    pub content_hash: String,
    pub seed: u64,
    pub participants: Vec<Participant>,
    /// Real-world time the session started (RFC 3339), for the record only.
    pub started: String,
    /// Who ran the drill, for the evidence of training (absent in older logs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facilitator: Option<String>,
    /// The team that played, for trends across drills (absent in older logs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// Set when this session was played on from a moment of another.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fork: Option<ForkOf>,
    /// The action items of the team's last review, shown at this drill's
    /// briefing: copied as the team wrote them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carried: Vec<Carried>,
}

/// Where a fork comes from: its parent session and the moment it was cut.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForkOf {
    /// The parent's log file, as it was opened.
    pub parent: String,
    /// When the parent was played (its header's `started`).
    pub parent_started: String,
    /// The cut: the parent's actions at or before it are this session's first.
    pub at: Dur,
    /// How many of the parent's actions were kept.
    pub kept: usize,
}

/// An action item a team committed to in an earlier drill's review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Carried {
    /// The earlier session's log file name.
    pub from_file: String,
    /// When that drill was held (RFC 3339).
    pub from_started: String,
    pub from_scenario: String,
    pub item: crate::sim::ActionItem,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogEntry {
    pub at: Dur,
    pub by: String,
    pub role: String,
    #[serde(rename = "do")]
    pub action: Action,
    /// Where the action came from when not the trainer's keyboard:
    /// `"seat"` for a participant's own device in a hosted session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
}

/// The `via` of an action taken from a participant's own seat.
pub const VIA_SEAT: &str = "seat";

#[derive(Debug, Clone, PartialEq)]
pub struct SessionLog {
    pub header: LogHeader,
    pub entries: Vec<LogEntry>,
    /// Set when the last line was cut off, as after a crash mid-write.
    pub truncated_tail: bool,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LogError {
    #[error("{file}: cannot read the session log: {reason}")]
    Io { file: String, reason: String },
    #[error("{file}:{line}:{column}: {message}\n  = help: {help}")]
    Syntax { file: String, line: usize, column: usize, message: String, help: String },
}

impl SessionLog {
    pub fn load(path: &Path) -> Result<SessionLog, LogError> {
        let file = path.display().to_string();
        let bytes = crate::bounded_read::read_regular(path, MAX_LOG_BYTES, "a session log")
            .map_err(|e| LogError::Io { file: file.clone(), reason: e.to_string() })?;
        let text = String::from_utf8(bytes).map_err(|e| LogError::Syntax {
            file: file.clone(),
            line: 0,
            column: e.utf8_error().valid_up_to(),
            message: "the log is not UTF-8 text".into(),
            help: "session logs are JSON lines written by sevdrill; is this the right file?".into(),
        })?;
        Self::parse(&file, &text)
    }

    pub fn parse(file: &str, text: &str) -> Result<SessionLog, LogError> {
        let syntax = |line: usize, column: usize, message: String, help: &str| LogError::Syntax {
            file: file.to_string(),
            line,
            column,
            message,
            help: help.to_string(),
        };
        let mut lines = text.split_inclusive('\n').enumerate().filter(|(_, l)| !l.trim().is_empty());
        let Some((_, first)) = lines.next() else {
            return Err(syntax(
                1,
                1,
                "the session log is empty".into(),
                "a log starts with a header line written by sevdrill",
            ));
        };
        let header: LogHeader = serde_json::from_str(first.trim_end()).map_err(|e| {
            syntax(
                1,
                e.column(),
                format!("the header is not valid: {e}"),
                "the first line must be the session header; was this file written by sevdrill?",
            )
        })?;
        if header.sevdrill_log != LOG_FORMAT_VERSION {
            return Err(syntax(
                1,
                1,
                format!("log format version {} is not supported", header.sevdrill_log),
                "this sevdrill reads version 1 logs",
            ));
        }
        let mut entries = Vec::new();
        let mut truncated_tail = false;
        let rest: Vec<(usize, &str)> = lines.collect();
        let count = rest.len();
        for (k, (i, line)) in rest.into_iter().enumerate() {
            match serde_json::from_str::<LogEntry>(line.trim_end()) {
                Ok(e) => entries.push(e),
                // A crash mid-write leaves at most one cut-off last line.
                Err(_) if k + 1 == count && !line.ends_with('\n') => truncated_tail = true,
                Err(e) => {
                    return Err(syntax(
                        i + 1,
                        e.column(),
                        format!("this action line is not valid: {e}"),
                        "each line after the header is one action; do not edit logs by hand",
                    ));
                }
            }
        }
        Ok(SessionLog { header, entries, truncated_tail })
    }
}
