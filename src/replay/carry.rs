//! Commitments carried from one drill to the next: the action items a team
//! wrote in its last review, found among its saved sessions and copied
//! word for word into the next drill's header. Forks are what-ifs, not
//! commitments, and are never carried from.

use super::log::{Carried, SessionLog};
use crate::sim::Action;
use std::path::Path;

/// The action items of `team`'s most recent session in `dir` that has any.
/// Teams match ignoring case and surrounding spaces; an unnamed team
/// carries nothing (it cannot be told from another).
pub fn commitments_for(team: &str, dir: &Path) -> Vec<Carried> {
    let team = team.trim();
    if team.is_empty() {
        return Vec::new();
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut best: Option<(String, String, SessionLog)> = None;
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        if path.extension().is_none_or(|x| x != "jsonl") || !path.is_file() {
            continue;
        }
        let Ok(log) = SessionLog::load(&path) else { continue };
        let same_team = log.header.team.as_deref().is_some_and(|t| t.trim().eq_ignore_ascii_case(team));
        let has_items = log.entries.iter().any(|e| matches!(e.action, Action::AddActionItem(_)));
        if !same_team || log.header.fork.is_some() || !has_items {
            continue;
        }
        let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let newer = best.as_ref().is_none_or(|(started, f, _)| {
            (log.header.started.as_str(), file.as_str()) > (started.as_str(), f.as_str())
        });
        if newer {
            best = Some((log.header.started.clone(), file, log));
        }
    }
    let Some((_, file, log)) = best else { return Vec::new() };
    log.entries
        .iter()
        .filter_map(|e| match &e.action {
            Action::AddActionItem(item) => Some(Carried {
                from_file: file.clone(),
                from_started: log.header.started.clone(),
                from_scenario: log.header.scenario.clone(),
                item: item.clone(),
            }),
            _ => None,
        })
        .collect()
}

/// Whether a carried item's due date (`YYYY-MM-DD`) passed before `on`.
/// An item with no readable date is never called overdue.
pub fn is_overdue(c: &Carried, on: chrono::NaiveDate) -> bool {
    chrono::NaiveDate::parse_from_str(c.item.due.trim(), "%Y-%m-%d").is_ok_and(|due| due < on)
}

/// The calendar date of an RFC 3339 time, as the drill's day.
pub fn day_of(started: &str) -> Option<chrono::NaiveDate> {
    chrono::DateTime::parse_from_rfc3339(started).ok().map(|d| d.date_naive())
}
