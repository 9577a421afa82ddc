//! Forks: a session cut at a moment and played on from there. The fork
//! keeps the parent's scenario version, seed, participants and every
//! action up to the cut, and its header names the parent and the cut, so
//! the fork replays on its own to the same scorecard.

use super::log::{ForkOf, LogHeader, SessionLog};
use super::play::{ReplayError, replay};
use crate::scenario::LoadedScenario;
use crate::sim::{Action, Engine, Phase};
use crate::time::Dur;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ForkError {
    #[error(
        "{} is outside the session: it runs from T+00:00 to {} ({end_clock}); choose a moment in between", at.clock(), end.clock()
    )]
    OutsideSession { at: Dur, end: Dur, end_clock: String },
    #[error(
        "by {} the review was already finished (at {}): nothing is left to play; choose a moment before it", at.clock(), finished.clock()
    )]
    AfterReview { at: Dur, finished: Dur },
    #[error(
        "the last line of the log was cut off (a crash mid-write?), so what happened after {} is not known; fork before it", last_whole.clock()
    )]
    CutLog { last_whole: Dur },
    #[error("{0}")]
    Replay(#[from] ReplayError),
}

/// The moments a session can be cut at: T+0 to its last recorded moment.
/// A finished review closes the window at the moment it was finished.
pub fn fork_window(parent: &Engine) -> (Dur, Option<Dur>) {
    let finished = parent
        .actions()
        .iter()
        .find(|a| matches!(a.action, Action::FinishReview))
        .map(|a| a.at)
        .filter(|_| parent.phase() == Phase::Debrief);
    (parent.now(), finished)
}

/// Cuts `parent` at `at`: the fork's log (header and the kept actions) and
/// its engine at that moment, ready to play on. `started` is the fork's own
/// real-world start; `parent_file` names the parent in the header.
pub fn fork_at(
    loaded: &LoadedScenario,
    parent: &SessionLog,
    parent_file: &str,
    at: Dur,
    started: String,
) -> Result<(SessionLog, Engine), ForkError> {
    let full = replay(loaded, parent)?;
    let (end, finished) = fork_window(&full);
    if at > end {
        let end_clock =
            crate::time::wall_clock(full.scenario().clock.start.0, end).format("%H:%M").to_string();
        return Err(ForkError::OutsideSession { at, end, end_clock });
    }
    if let Some(finished) = finished.filter(|f| at >= *f) {
        return Err(ForkError::AfterReview { at, finished });
    }
    let last_whole = parent.entries.last().map(|e| e.at).unwrap_or(Dur::ZERO);
    if parent.truncated_tail && at >= last_whole {
        return Err(ForkError::CutLog { last_whole });
    }
    let kept: Vec<_> = parent.entries.iter().take_while(|e| e.at <= at).cloned().collect();
    let header = LogHeader {
        started,
        fork: Some(ForkOf {
            parent: parent_file.to_string(),
            parent_started: parent.header.started.clone(),
            at,
            kept: kept.len(),
        }),
        ..parent.header.clone()
    };
    let log = SessionLog { header, entries: kept, truncated_tail: false };
    let engine = replay(loaded, &log)?;
    Ok((log, engine))
}

/// Reads a moment of a session: `T+27m`, `27m`, `T+1h5m`, the clock's own
/// `T+27:00` or `T+1:05:00`, or the scenario's wall clock `10:27` (on the
/// incident's day, or the next when earlier than its start).
pub fn parse_moment(text: &str, start: chrono::DateTime<chrono::FixedOffset>) -> Result<Dur, String> {
    let t = text.trim();
    let expected = "expected T+27m, T+1h5m, T+27:00 or a wall-clock time such as 10:27";
    if let Some(rest) = t.strip_prefix("T+").or_else(|| t.strip_prefix("t+")) {
        if rest.contains(':') {
            // As the clock shows it: T+MM:SS, or T+H:MM:SS past the hour.
            let secs = match rest.matches(':').count() {
                1 => clock_parts(&format!("0:{rest}")),
                _ => clock_parts(rest),
            };
            return secs
                .map(|(h, m, s)| Dur(h * 3600 + m * 60 + s))
                .ok_or_else(|| format!("\"{text}\" is not a moment: {expected}"));
        }
        return Dur::parse(rest).map_err(|e| format!("\"{text}\" is not a moment ({e}): {expected}"));
    }
    if t.contains(':') {
        let (h, m, s) = clock_parts(t).ok_or_else(|| format!("\"{text}\" is not a moment: {expected}"))?;
        if h > 23 || m > 59 || s > 59 {
            return Err(format!("\"{text}\" is not a time of day: {expected}"));
        }
        let of_day = |d: chrono::DateTime<chrono::FixedOffset>| {
            use chrono::Timelike;
            d.hour() as i64 * 3600 + d.minute() as i64 * 60 + d.second() as i64
        };
        let wanted = (h * 3600 + m * 60 + s) as i64;
        let mut secs = wanted - of_day(start);
        if secs < 0 {
            secs += 24 * 3600;
        }
        return Ok(Dur(secs as u64));
    }
    Dur::parse(t).map_err(|e| format!("\"{text}\" is not a moment ({e}): {expected}"))
}

/// `H:MM`, `H:MM:SS` → hours, minutes, seconds (minutes and seconds below 60).
fn clock_parts(text: &str) -> Option<(u64, u64, u64)> {
    let parts: Vec<&str> = text.split(':').collect();
    let num = |s: &str| -> Option<u64> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
    };
    let (h, m, s) = match parts.as_slice() {
        [h, m] => (num(h)?, num(m)?, 0),
        [h, m, s] => (num(h)?, num(m)?, num(s)?),
        _ => return None,
    };
    (m < 60 && s < 60).then_some((h, m, s))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start() -> chrono::DateTime<chrono::FixedOffset> {
        chrono::DateTime::parse_from_rfc3339("2026-03-02T10:00:00+00:00").unwrap()
    }

    #[test]
    fn reads_the_ways_people_write_a_moment() {
        assert_eq!(parse_moment("T+27m", start()), Ok(Dur::mins(27)));
        assert_eq!(parse_moment("27m", start()), Ok(Dur::mins(27)));
        assert_eq!(parse_moment("T+1h5m", start()), Ok(Dur::mins(65)));
        assert_eq!(parse_moment("T+27:00", start()), Ok(Dur::mins(27)));
        assert_eq!(parse_moment("T+1:05:30", start()), Ok(Dur::secs(3930)));
        assert_eq!(parse_moment("10:27", start()), Ok(Dur::mins(27)));
        // Before the start on the clock: the next day, past midnight.
        assert_eq!(parse_moment("09:00", start()), Ok(Dur::mins(23 * 60)));
        for bad in ["", "T+", "soon", "10:75", "25:00", "T+27x", "1:2:3:4"] {
            let e = parse_moment(bad, start()).unwrap_err();
            assert!(e.contains("expected T+27m"), "{bad}: {e}");
        }
    }
}
