//! Two sessions of the same scenario version side by side — typically a
//! fork and its parent: totals and families, the findings that appeared or
//! went away, time to fix, revenue, trust, and the moment they diverge.

use super::{SeverityTrace, severity_trace};
use crate::authoring::par::{Outcome, outcome};
use crate::replay::{ForkOf, LogEntry, SessionLog};
use crate::scoring::{Finding, Verdict, score_engine};
use crate::sim::{Engine, Event, Phase};
use crate::time::Dur;
use serde::Serialize;
use std::collections::BTreeMap;

/// One of the two sessions.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    /// "A" or "B".
    pub label: &'static str,
    pub file: String,
    pub started: String,
    pub outcome: Outcome,
    pub actions: usize,
    /// Whether its review was finished.
    pub complete: bool,
    pub fork: Option<ForkOf>,
    pub severity: SeverityTrace,
}

#[derive(Debug, Clone, Serialize)]
pub struct FamilyRow {
    pub id: &'static str,
    pub title: &'static str,
    pub a: f64,
    pub b: f64,
}

/// A finding one session has and the other does not.
#[derive(Debug, Clone, Serialize)]
pub struct FindingRow {
    pub principle: &'static str,
    pub verdict: Verdict,
    pub at: Option<Dur>,
    pub evidence: String,
}

/// Where the two sessions part.
#[derive(Debug, Clone, Serialize)]
pub struct Divergence {
    pub at: Dur,
    /// The scenario's wall clock then, "10:27".
    pub clock: String,
    /// Actions both sessions share before it.
    pub shared_actions: usize,
    /// Why it is there, in words: a fork's cut, or the first different action.
    pub how: String,
}

/// An action taken after the divergence, on one side.
#[derive(Debug, Clone, Serialize)]
pub struct ActionRow {
    pub side: &'static str,
    pub at: Dur,
    pub clock: String,
    pub who: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub scenario: String,
    pub title: String,
    pub scenario_version: String,
    pub currency: String,
    pub a: Side,
    pub b: Side,
    pub families: Vec<FamilyRow>,
    /// Problems (Partly, Missed, Violated) of A that B does not have.
    pub gone: Vec<FindingRow>,
    /// Problems of B that A did not have.
    pub appeared: Vec<FindingRow>,
    /// None when the two sessions took the same actions.
    pub divergence: Option<Divergence>,
    /// Each side's actions from the divergence on, by time.
    pub after: Vec<ActionRow>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CompareError {
    #[error(
        "the two sessions are of different scenarios (\"{a}\" and \"{b}\"); only sessions of the same scenario can be compared"
    )]
    DifferentScenarios { a: String, b: String },
    #[error(
        "the two sessions were played on different versions of scenario \"{scenario}\" ({a} and {b}); their scores are not comparable"
    )]
    DifferentVersions { scenario: String, a: String, b: String },
}

/// Refuses two logs that cannot be compared, before anything is replayed.
pub fn comparable(a: &SessionLog, b: &SessionLog) -> Result<(), CompareError> {
    if a.header.scenario != b.header.scenario {
        return Err(CompareError::DifferentScenarios {
            a: a.header.scenario.clone(),
            b: b.header.scenario.clone(),
        });
    }
    if a.header.content_hash != b.header.content_hash {
        let short = |h: &str| h.chars().take(12).collect::<String>();
        return Err(CompareError::DifferentVersions {
            scenario: a.header.scenario.clone(),
            a: short(&a.header.content_hash),
            b: short(&b.header.content_hash),
        });
    }
    Ok(())
}

/// A replayed session to compare: its engine, log and file name.
pub struct Played<'a> {
    pub engine: &'a Engine,
    pub log: &'a SessionLog,
    pub file: &'a str,
}

fn file_name(path: &str) -> &str {
    std::path::Path::new(path).file_name().and_then(|n| n.to_str()).unwrap_or(path)
}

/// Whether `child` was forked from the session in `parent_file`.
pub fn is_fork_of<'a>(child: &'a SessionLog, parent_file: &str) -> Option<&'a ForkOf> {
    child.header.fork.as_ref().filter(|f| file_name(&f.parent) == file_name(parent_file))
}

fn same_action(x: &LogEntry, y: &LogEntry) -> bool {
    x.at == y.at && x.by == y.by && x.role == y.role && x.action == y.action
}

/// A finding's identity across sessions: its principle, verdict and
/// evidence with the numbers taken out ("declared below the truth for 12m"
/// and "… for 3m" are the same problem).
fn key(f: &Finding) -> (&'static str, Verdict, String) {
    let shape: String = f.evidence.chars().filter(|c| !c.is_ascii_digit()).collect();
    (f.principle, f.verdict, shape)
}

/// The problems of `from` that `other` does not have (counting repeats).
fn only_in(from: &[Finding], other: &[Finding]) -> Vec<FindingRow> {
    let mut left: BTreeMap<(&'static str, Verdict, String), usize> = BTreeMap::new();
    for f in other.iter().filter(|f| f.verdict != Verdict::Met) {
        *left.entry(key(f)).or_default() += 1;
    }
    let mut out = Vec::new();
    for f in from.iter().filter(|f| f.verdict != Verdict::Met) {
        match left.get_mut(&key(f)) {
            Some(n) if *n > 0 => *n -= 1,
            _ => out.push(FindingRow {
                principle: f.principle,
                verdict: f.verdict,
                at: f.at,
                evidence: f.evidence.clone(),
            }),
        }
    }
    out
}

fn side(label: &'static str, p: &Played) -> Side {
    Side {
        label,
        file: p.file.to_string(),
        started: p.log.header.started.clone(),
        outcome: outcome(p.engine),
        actions: p.log.entries.len(),
        complete: p.engine.phase() == Phase::Debrief,
        fork: p.log.header.fork.clone(),
        severity: severity_trace(p.engine),
    }
}

fn divergence(a: &Played, b: &Played) -> Option<Divergence> {
    let wall =
        |t: Dur| crate::time::wall_clock(a.engine.scenario().clock.start.0, t).format("%H:%M").to_string();
    let shared = a.log.entries.iter().zip(&b.log.entries).take_while(|(x, y)| same_action(x, y)).count();
    let cut =
        is_fork_of(b.log, a.file).map(|f| ("B", f)).or_else(|| is_fork_of(a.log, b.file).map(|f| ("A", f)));
    if let Some((child, f)) = cut {
        return Some(Divergence {
            at: f.at,
            clock: wall(f.at),
            shared_actions: shared,
            how: format!("{child} is a fork of the other, cut at {} ({})", f.at.clock(), wall(f.at)),
        });
    }
    let first = [a.log.entries.get(shared), b.log.entries.get(shared)];
    let at = first.iter().flatten().map(|e| e.at).min()?;
    Some(Divergence {
        at,
        clock: wall(at),
        shared_actions: shared,
        how: format!("the first action that differs is at {} ({})", at.clock(), wall(at)),
    })
}

/// The actions of `p` after its first `skip`, as the timeline lists them.
fn actions_after(label: &'static str, p: &Played, skip: usize) -> Vec<ActionRow> {
    let start = p.engine.scenario().clock.start.0;
    let roles = &p.engine.scenario().roles;
    p.engine
        .events()
        .iter()
        .filter_map(|e| match &e.event {
            Event::Acted { by, what } => Some((e.at, by, what)),
            _ => None,
        })
        .skip(skip)
        .map(|(at, by, what)| ActionRow {
            side: label,
            at,
            clock: crate::time::wall_clock(start, at).format("%H:%M").to_string(),
            who: format!(
                "{} ({})",
                by.name,
                roles.iter().find(|r| r.id == by.role).map(|r| r.name.as_str()).unwrap_or(&by.role)
            ),
            text: what.clone(),
        })
        .collect()
}

/// Puts `a` and `b` side by side. Both must be of the same scenario version
/// (`comparable`); the engines are the logs replayed.
pub fn compare(a: &Played, b: &Played) -> Result<Comparison, CompareError> {
    comparable(a.log, b.log)?;
    let (card_a, card_b) = (score_engine(a.engine), score_engine(b.engine));
    let families = card_a
        .families
        .iter()
        .map(|fa| FamilyRow {
            id: fa.id,
            title: fa.title,
            a: fa.score,
            b: card_b.families.iter().find(|fb| fb.id == fa.id).map(|fb| fb.score).unwrap_or(0.0),
        })
        .collect();
    let divergence = divergence(a, b);
    let mut after = Vec::new();
    if let Some(d) = &divergence {
        after.extend(actions_after("A", a, d.shared_actions));
        after.extend(actions_after("B", b, d.shared_actions));
        after.sort_by_key(|r| (r.at, r.side));
    }
    let s = a.engine.scenario();
    Ok(Comparison {
        scenario: s.id.clone(),
        title: s.title.clone(),
        scenario_version: a.log.header.content_hash.clone(),
        currency: s.context.currency.clone(),
        a: side("A", a),
        b: side("B", b),
        families,
        gone: only_in(&card_a.findings, &card_b.findings),
        appeared: only_in(&card_b.findings, &card_a.findings),
        divergence,
        after,
    })
}

impl Comparison {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a comparison always serialises")
    }
}

/// Where a fork's parent log is: the path its header names, else a file of
/// that name beside the fork (sessions folders get moved and shared).
pub fn parent_path(fork: &ForkOf, fork_file: &std::path::Path) -> Option<std::path::PathBuf> {
    let named = std::path::PathBuf::from(&fork.parent);
    if named.is_file() {
        return Some(named);
    }
    let beside = fork_file.parent()?.join(named.file_name()?);
    beside.is_file().then_some(beside)
}

/// A fork beside its parent: finds the parent (`parent_path`), replays both
/// and compares them, or says in words why it cannot.
pub fn beside_parent(
    loaded: &crate::scenario::LoadedScenario,
    log: &SessionLog,
    log_file: &str,
) -> Option<Result<Comparison, String>> {
    let f = log.header.fork.as_ref()?;
    let result = (|| {
        let path = parent_path(f, std::path::Path::new(log_file))
            .ok_or_else(|| format!("the parent session {} was not found (nor beside this file)", f.parent))?;
        let cannot = |e: String| format!("the parent session {} cannot be replayed: {e}", path.display());
        let parent = SessionLog::load(&path).map_err(|e| cannot(e.to_string()))?;
        let pe = crate::replay::replay(loaded, &parent).map_err(|e| cannot(e.to_string()))?;
        let fe = crate::replay::replay(loaded, log).map_err(|e| e.to_string())?;
        let file = path.display().to_string();
        let a = Played { engine: &pe, log: &parent, file: &file };
        let b = Played { engine: &fe, log, file: log_file };
        compare(&a, &b).map_err(|e| e.to_string())
    })();
    Some(result)
}
