//! Debrief reports of one saved session: everything a team pastes into its
//! retrospective and an auditor asks for — who took part, the timeline, how
//! severity and communication went (with charts), the scored findings and
//! the review's output — as Markdown, self-contained HTML or JSON.

pub mod chart;
pub mod compare;
mod compare_view;
mod html;
mod markdown;
pub mod recommend;
pub mod trends;
pub mod trends_view;

pub use compare_view::{
    Row as CompareRow, compare_to_html, compare_to_markdown, compare_to_text, rows as compare_rows,
};
pub use html::to_html;
pub use markdown::to_markdown;

use crate::authoring::par::{Par, par_of};
use crate::replay::{ReplayError, SessionLog, replay};
use crate::scenario::{LoadedScenario, Sev};
use crate::scoring::{Scorecard, score_engine};
use crate::sim::{ActionItem, Engine, Event, ImpactRecord, Phase, Timeline};
use crate::time::Dur;
use serde::Serialize;

/// A session, replayed and scored, arranged for reading.
#[derive(Debug, Clone, Serialize)]
pub struct SessionReport {
    pub evidence: Evidence,
    pub timeline: Vec<TimelineEntry>,
    pub severity: SeverityTrace,
    /// Every declaration and proposal, person by person (`sim::calls`).
    pub calls: Vec<CallRow>,
    pub cadence: Cadence,
    pub scorecard: Scorecard,
    /// The same scenario and seed played by the careful team, beside this session.
    pub par: Par,
    pub review: ReviewOutput,
    /// A fork's parent beside it; `None` for a session that is not a fork.
    pub beside_parent: Option<BesideParent>,
}

/// A fork and its parent, or why the parent could not be put beside it.
#[derive(Debug, Clone, Serialize)]
pub struct BesideParent {
    pub parent: String,
    pub cut: Dur,
    pub comparison: Option<compare::Comparison>,
    pub problem: Option<String>,
}

/// A commitment from the team's last review, as carried into this drill.
#[derive(Debug, Clone, Serialize)]
pub struct CarriedRow {
    pub description: String,
    pub owner: String,
    pub due: String,
    /// Whether its due date had passed by the day of this drill.
    pub overdue: bool,
    /// The drill it was written in: log file, day and scenario.
    pub from_file: String,
    pub from_started: String,
    pub from_scenario: String,
}

/// What an auditor asks for: that the drill took place, with whom, on
/// which exact scenario, and what came of it.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    pub scenario: String,
    pub title: String,
    pub difficulty: String,
    /// SHA-256 of the scenario file the session was played on.
    pub scenario_version: String,
    pub seed: u64,
    /// When the drill was run (real time, RFC 3339).
    pub held_on: String,
    /// Simulated time from T+0 to the end of the live phase.
    pub live_duration: Dur,
    /// Simulated time from T+0 to the last recorded action.
    pub session_length: Dur,
    pub facilitator: Option<String>,
    pub team: Option<String>,
    pub attendees: Vec<Attendee>,
    pub outcome: Outcome,
    pub action_items: usize,
    /// What the team had committed to in its last review, shown at this briefing.
    pub carried: Vec<CarriedRow>,
    /// The parent session and the cut, when this session is a fork.
    pub fork: Option<crate::replay::ForkOf>,
    /// Whether the review was finished (the session reached the debrief).
    pub complete: bool,
    pub log_file: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Attendee {
    pub name: String,
    pub roles: Vec<String>,
    /// Actions taken from their own seat (a hosted session's browser).
    pub from_seat: usize,
    /// Actions taken at the trainer's keyboard ("acting as").
    pub at_trainer: usize,
}

impl Attendee {
    /// Where they took part, in words, when any of it was from a seat.
    pub fn seat_words(&self) -> Option<String> {
        (self.from_seat > 0).then(|| match self.at_trainer {
            0 => format!("own seat: {} actions", self.from_seat),
            n => format!("own seat: {} actions; at the trainer: {n}", self.from_seat),
        })
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub score: f64,
    pub resolved_at: Option<Dur>,
    pub worst_true_severity: Sev,
    pub declared_severities: Vec<Sev>,
}

/// One line of the timeline.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry {
    pub at: Dur,
    /// The scenario's wall-clock time, e.g. "19:58".
    pub clock: String,
    pub kind: EntryKind,
    pub who: String,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum EntryKind {
    Inject,
    Fact,
    Action,
    Reply,
    Severity,
    Resolution,
    Phase,
}

impl EntryKind {
    pub fn label(self) -> &'static str {
        match self {
            EntryKind::Inject => "arrived",
            EntryKind::Fact => "learnt",
            EntryKind::Action => "did",
            EntryKind::Reply => "reply",
            EntryKind::Severity => "severity",
            EntryKind::Resolution => "resolved",
            EntryKind::Phase => "phase",
        }
    }
}

/// The true severity and the declared one, as steps over time.
#[derive(Debug, Clone, Serialize)]
pub struct SeverityTrace {
    pub truth: Vec<(Dur, Sev)>,
    pub declared: Vec<(Dur, Sev)>,
    pub end: Dur,
}

impl SeverityTrace {
    /// The most severe the truth became in the live window.
    pub fn worst_truth(&self) -> Option<Sev> {
        self.truth.iter().map(|(_, s)| *s).min_by_key(|s| s.level())
    }
}

/// One severity call as the report lists it.
#[derive(Debug, Clone, Serialize)]
pub struct CallRow {
    pub at: Dur,
    pub by: String,
    pub role: String,
    pub kind: &'static str,
    pub sev: Sev,
    pub reason: String,
    pub declared_before: Option<Sev>,
    pub truth: Sev,
}

impl CallRow {
    /// The call against the truth, in words: right, too high or too low.
    pub fn against_truth(&self) -> &'static str {
        match self.sev.level().cmp(&self.truth.level()) {
            std::cmp::Ordering::Equal => "matches the truth",
            std::cmp::Ordering::Less => "above the truth",
            std::cmp::Ordering::Greater => "below the truth",
        }
    }
}

/// The severity calls of a session, for the report and the debrief.
pub fn call_rows(engine: &Engine) -> Vec<CallRow> {
    let s = engine.scenario();
    crate::sim::severity_calls(engine)
        .into_iter()
        .map(|c| CallRow {
            at: c.record.at,
            by: c.record.actor.name.clone(),
            role: s
                .roles
                .iter()
                .find(|r| r.id == c.record.actor.role)
                .map(|r| r.name.clone())
                .unwrap_or_else(|| c.record.actor.role.clone()),
            kind: c.kind.word(),
            sev: c.sev,
            reason: c.reason.to_string(),
            declared_before: c.declared_before,
            truth: c.truth,
        })
        .collect()
}

/// Internal messages and the silences between them.
#[derive(Debug, Clone, Serialize)]
pub struct Cadence {
    pub messages: Vec<SentMessage>,
    /// Gaps between consecutive internal messages, ending with the gap to
    /// resolution (or the end of the live phase).
    pub gaps: Vec<Gap>,
    /// The 15–30 minute cadence is expected only when the truth reached SEV1.
    pub expected: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct SentMessage {
    pub at: Dur,
    pub template: String,
    pub audiences: Vec<String>,
    pub internal: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Gap {
    pub from: Dur,
    pub to: Dur,
}

impl Gap {
    pub fn length(&self) -> Dur {
        self.to.saturating_sub(self.from)
    }
}

/// What the post-incident review produced.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewOutput {
    pub rewrites: Vec<(String, String)>,
    pub whys: Vec<String>,
    pub factors: Vec<(String, String)>,
    pub action_items: Vec<ActionItem>,
    pub impact: Option<ImpactRecord>,
    pub meeting: Option<String>,
}

/// Replays `log` on `loaded` and arranges the result.
pub fn build(
    loaded: &LoadedScenario,
    log: &SessionLog,
    log_file: &str,
) -> Result<SessionReport, ReplayError> {
    let engine = replay(loaded, log)?;
    Ok(with_parent(from_engine(&engine, log, log_file), loaded, log, log_file))
}

fn wall(engine: &Engine, t: Dur) -> String {
    (crate::time::wall_clock(engine.scenario().clock.start.0, t)).format("%H:%M").to_string()
}

/// Severity declared against the truth over the live window: the report's
/// chart and the debrief's draw from this one derivation.
pub fn severity_trace(engine: &Engine) -> SeverityTrace {
    let st = engine.state();
    let live_end = Timeline::of(engine).live_end;
    SeverityTrace {
        truth: st.true_history.iter().copied().filter(|(t, _)| *t <= live_end).collect(),
        declared: st.declared_history.clone(),
        end: live_end.max(Dur::mins(1)),
    }
}

/// The messages sent and the update gaps between the internal ones.
pub fn cadence(engine: &Engine) -> Cadence {
    let st = engine.state();
    let messages: Vec<SentMessage> = st
        .comms
        .iter()
        .map(|(at, c)| SentMessage {
            at: *at,
            template: format!("{:?}", c.template),
            audiences: c.audiences.iter().map(|a| format!("{a:?}")).collect(),
            internal: c.is_internal() && c.says_something(),
        })
        .collect();
    let gaps = Timeline::of(engine).update_gaps().into_iter().map(|(from, to)| Gap { from, to }).collect();
    let worst_true = severity_trace(engine).worst_truth().unwrap_or(engine.scenario().severity.initial);
    Cadence { messages, gaps, expected: worst_true == Sev::Sev1 }
}

pub fn from_engine(engine: &Engine, log: &SessionLog, log_file: &str) -> SessionReport {
    let s = engine.scenario();
    let st = engine.state();
    let card = score_engine(engine);
    let role_name =
        |id: &str| s.roles.iter().find(|r| r.id == id).map(|r| r.name.clone()).unwrap_or(id.into());

    let severity = severity_trace(engine);
    let cadence = cadence(engine);

    let mut timeline = Vec::new();
    for e in engine.events() {
        let (kind, who, text) = match &e.event {
            Event::Inject { channel, from, text, .. } => {
                (EntryKind::Inject, format!("{from} ({channel:?})"), text.clone())
            }
            Event::FactRevealed { text, .. } => (EntryKind::Fact, String::new(), text.clone()),
            Event::TrueSeverityChanged { from, to, why } => {
                (EntryKind::Severity, "truth".into(), format!("{from} → {to}: {why}"))
            }
            Event::Acted { by, what } => {
                (EntryKind::Action, format!("{} ({})", by.name, role_name(&by.role)), what.clone())
            }
            Event::Reply { from, text } => (EntryKind::Reply, from.clone(), text.clone()),
            Event::SeverityDeclared { by, sev } => (
                EntryKind::Severity,
                format!("{} ({})", by.name, role_name(&by.role)),
                format!("declared {sev}"),
            ),
            Event::Resolved { text } => (EntryKind::Resolution, String::new(), text.clone()),
            Event::PhaseChanged(p) => (EntryKind::Phase, String::new(), phase_text(*p).into()),
            Event::TimeLimitReached => {
                (EntryKind::Phase, String::new(), "the scenario's time limit passed".into())
            }
            Event::ImpactChanged { summary, .. } => (EntryKind::Fact, String::new(), summary.clone()),
            Event::FocusChanged { .. } => continue,
        };
        timeline.push(TimelineEntry { at: e.at, clock: wall(engine, e.at), kind, who, text });
    }

    let r = &st.review;
    let review = ReviewOutput {
        rewrites: r
            .rewrites
            .iter()
            .map(|(id, text)| {
                let original = s
                    .review
                    .blameful_statements
                    .iter()
                    .find(|b| &b.id == id)
                    .map(|b| b.text.clone())
                    .unwrap_or_default();
                (original, text.clone())
            })
            .collect(),
        whys: r.whys.clone(),
        factors: r.factors.iter().map(|(c, t)| (format!("{c:?}"), t.clone())).collect(),
        action_items: r.action_items.clone(),
        impact: r.impact.clone(),
        meeting: r.scheduled.map(|d| d.format("%Y-%m-%d %H:%M").to_string()),
    };

    let mut declared: Vec<Sev> = Vec::new();
    for (_, sev) in &st.declared_history {
        if declared.last() != Some(sev) {
            declared.push(*sev);
        }
    }
    let evidence = Evidence {
        scenario: s.id.clone(),
        title: s.title.clone(),
        difficulty: format!("{:?}", s.difficulty),
        scenario_version: log.header.content_hash.clone(),
        seed: log.header.seed,
        held_on: log.header.started.clone(),
        live_duration: Timeline::of(engine).live_end,
        session_length: engine.actions().last().map(|a| a.at).unwrap_or(Dur::ZERO),
        facilitator: log.header.facilitator.clone().filter(|f| !f.trim().is_empty()),
        team: log.header.team.clone().filter(|t| !t.trim().is_empty()),
        attendees: log
            .header
            .participants
            .iter()
            .map(|p| {
                let mine = log.entries.iter().filter(|e| e.by == p.name);
                let from_seat =
                    mine.clone().filter(|e| e.via.as_deref() == Some(crate::replay::VIA_SEAT)).count();
                Attendee {
                    name: p.name.clone(),
                    roles: p.roles.iter().map(|r| role_name(r)).collect(),
                    from_seat,
                    at_trainer: mine.count() - from_seat,
                }
            })
            .collect(),
        outcome: Outcome {
            score: card.total,
            resolved_at: st.resolved_at,
            worst_true_severity: severity.worst_truth().unwrap_or(s.severity.initial),
            declared_severities: declared,
        },
        action_items: r.action_items.len(),
        carried: carried_rows(&log.header),
        fork: log.header.fork.clone(),
        complete: engine.phase() == Phase::Debrief,
        log_file: log_file.to_string(),
    };
    SessionReport {
        evidence,
        timeline,
        severity,
        calls: call_rows(engine),
        cadence,
        scorecard: card,
        par: par_of(engine),
        review,
        beside_parent: None,
    }
}

/// The commitments a session's header carries, with overdue ones marked
/// against the day the drill was held.
pub fn carried_rows(header: &crate::replay::LogHeader) -> Vec<CarriedRow> {
    let today = crate::replay::day_of(&header.started);
    header
        .carried
        .iter()
        .map(|c| CarriedRow {
            description: c.item.description.clone(),
            owner: c.item.owner.clone(),
            due: c.item.due.clone(),
            overdue: today.is_some_and(|d| crate::replay::is_overdue(c, d)),
            from_file: c.from_file.clone(),
            from_started: c.from_started.clone(),
            from_scenario: c.from_scenario.clone(),
        })
        .collect()
}

/// For a fork, finds its parent (where the header says, else beside the
/// fork), replays it and puts the two side by side in the report.
pub fn with_parent(
    mut report: SessionReport,
    loaded: &LoadedScenario,
    log: &SessionLog,
    log_file: &str,
) -> SessionReport {
    let Some(f) = &log.header.fork else { return report };
    let (comparison, problem) = match compare::beside_parent(loaded, log, log_file) {
        Some(Ok(c)) => (Some(c), None),
        Some(Err(e)) => (None, Some(e)),
        None => (None, None),
    };
    report.beside_parent = Some(BesideParent { parent: f.parent.clone(), cut: f.at, comparison, problem });
    report
}

fn phase_text(p: Phase) -> &'static str {
    match p {
        Phase::Briefing => "briefing",
        Phase::Live => "the incident begins",
        Phase::Review => "the post-incident review begins",
        Phase::Debrief => "the review is finished",
    }
}

impl SessionReport {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report always serialises")
    }

    /// The first twelve characters of the scenario's content hash.
    pub fn short_version(&self) -> &str {
        &self.evidence.scenario_version[..self.evidence.scenario_version.len().min(12)]
    }
}

/// The par table's rows: (measure, this session, par).
pub fn par_rows(p: &Par) -> Vec<(String, String, String)> {
    let fix = |d: Option<Dur>| d.map(|d| d.to_string()).unwrap_or_else(|| "not fixed".into());
    vec![
        ("Score".into(), format!("{:.0}", p.team.total), format!("{:.0}", p.par.total)),
        ("Time to fix".into(), fix(p.team.resolved_at), fix(p.par.resolved_at)),
        (
            format!("Revenue lost ({})", p.currency),
            p.team.revenue_lost.to_string(),
            p.par.revenue_lost.to_string(),
        ),
        (
            "Trust (stakeholders / customers)".into(),
            format!("{} / {}", p.team.stakeholder_trust, p.team.customer_trust),
            format!("{} / {}", p.par.stakeholder_trust, p.par.customer_trust),
        ),
        ("Responder focus at the end".into(), p.team.final_focus.to_string(), p.par.final_focus.to_string()),
    ]
}
