//! What a seat may see of the session, built from it in one place: the
//! feed, the known facts, the status board, the timers and the panels'
//! choices — never the true severity, facts not yet known, injects not yet
//! fired or scores while they are hidden. Only the facilitator's view adds
//! the truth.

use super::protocol::{Doing, SpeedName};
use crate::scenario::{Audience, ContextTopic, FactorCategory, Sev, Template};
use crate::scoring::required_fields;
use crate::session::Session;
use crate::sim::{CallKind, Event, Phase, TimedEvent, holds, severity_calls};
use crate::time::Dur;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleInfo {
    pub id: String,
    pub name: String,
    pub duties: String,
}

/// Who a seat belongs to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeatInfo {
    pub name: String,
    pub roles: Vec<RoleInfo>,
    pub facilitator: bool,
    pub scenario: String,
    pub title: String,
}

/// One feed item as a seat shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeatCard {
    /// Simulated seconds since T+0.
    pub at: u64,
    /// The scenario's wall clock, `HH:MM`.
    pub time: String,
    /// The channel or kind in a word: PAGE, CHAT, TICKET, EMAIL, SOCIAL,
    /// CALL, ALERT, REPLY, FACT, ACTION, IMPACT, RESOLVED, TIME LIMIT.
    pub kind: &'static str,
    pub from: String,
    pub text: String,
}

/// The scenario's choices for the panels, sent once per connection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deck {
    pub briefing: Vec<String>,
    pub roles: Vec<RoleInfo>,
    pub escalations: Vec<Choice>,
    pub decisions: Vec<Choice>,
    pub coordination: Vec<Choice>,
    pub templates: Vec<TemplateInfo>,
    pub audiences: Vec<Named<Audience>>,
    pub topics: Vec<Named<ContextTopic>>,
    pub factor_categories: Vec<Named<FactorCategory>>,
    pub severities: Vec<Named<Sev>>,
    pub participants: Vec<ParticipantInfo>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice {
    pub id: String,
    pub title: String,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Named<T> {
    pub id: T,
    pub name: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TemplateInfo {
    pub id: Template,
    pub name: &'static str,
    /// The fields the missing-field check asks for.
    pub fields: &'static [&'static str],
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParticipantInfo {
    pub name: String,
    pub roles: Vec<String>,
}

/// The changing part of the session, as every seat sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoomStatus {
    pub phase: Phase,
    pub now: u64,
    pub clock: String,
    pub wall: String,
    pub speed: SpeedName,
    pub declared: Option<Sev>,
    pub declared_history: Vec<Call>,
    pub proposals: Vec<Call>,
    pub known_facts: Vec<String>,
    pub timers: Vec<String>,
    pub board: Board,
    pub questions: Vec<QuestionState>,
    pub done: Done,
    pub channel_history: Vec<String>,
    /// The latest timeline notes (at most `RECENT`); every note is also
    /// in the feed, so an update's size does not grow with the session.
    pub notes: Vec<String>,
    pub notes_total: usize,
    pub review: ReviewView,
    /// How many actions each participant has taken (seats number theirs from it).
    pub actions_by: BTreeMap<String, u64>,
    /// Every action taken so far, the facilitator's included.
    pub actions_total: u64,
    /// Who is doing what right now.
    pub activity: Vec<Activity>,
    /// Who has a seat open now.
    pub connected: Vec<String>,
    /// Present while scores are shown live, and in the debrief.
    pub score: Option<ScoreView>,
    /// The facilitator's view only.
    pub truth: Option<Truth>,
}

/// A severity someone declared or proposed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Call {
    pub at: u64,
    pub time: String,
    pub by: String,
    pub role: String,
    pub sev: Sev,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Board {
    pub users_percent: u8,
    pub revenue_lost: u64,
    pub currency: String,
    pub focus: i32,
    pub focus_word: &'static str,
    pub stakeholder_trust: i32,
    pub customer_trust: i32,
    /// The next promised update: seconds left (negative when overdue) and
    /// the length of the promise, for the countdown bar.
    pub next_update_left: Option<i64>,
    pub next_update_length: Option<u64>,
    pub next_update_at: Option<String>,
    pub resolved: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionState {
    pub id: String,
    pub text: String,
    pub asked_at: Option<String>,
}

/// Which one-off actions are taken, by id.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Done {
    pub escalated: Vec<String>,
    pub decided: Vec<String>,
    pub coordinated: Vec<String>,
    pub history_read: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewView {
    /// The blameful statements to rewrite, in the review phase.
    pub statements: Vec<Choice>,
    pub rewritten: Vec<String>,
    pub whys: Vec<String>,
    pub factors: Vec<String>,
    pub action_items: Vec<String>,
    pub impact_recorded: bool,
    pub scheduled: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Activity {
    pub name: String,
    pub doing: Doing,
    pub words: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreView {
    pub total: f64,
    pub families: Vec<(String, f64)>,
    /// In the debrief: each person's severity calls against the declared
    /// severity and the truth at that moment.
    pub alignment: Vec<Alignment>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alignment {
    pub by: String,
    pub time: String,
    pub kind: &'static str,
    pub sev: Sev,
    pub declared: Option<Sev>,
    pub truth: Sev,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Truth {
    pub true_sev: Sev,
    pub hidden_facts: Vec<String>,
    pub upcoming: Vec<Choice>,
}

/// How many of the latest notes and proposals each status carries: the
/// rest are in the feed and, for the debrief, in `score.alignment`.
pub const RECENT: usize = 30;

/// The visible feed: the events a seat shows, in order.
pub fn feed(s: &Session) -> impl Iterator<Item = &TimedEvent> {
    s.engine.events().iter().filter(|e| e.event.on_feed())
}

pub fn card(s: &Session, e: &TimedEvent) -> SeatCard {
    let (kind, from, text) = match &e.event {
        Event::Inject { channel, from, text, .. } => (channel.word(), from.clone(), text.clone()),
        Event::Reply { from, text } => ("REPLY", from.clone(), text.clone()),
        Event::FactRevealed { text, .. } => ("FACT", String::new(), text.clone()),
        Event::Acted { by, what } => ("ACTION", s.actor_label(by), what.clone()),
        Event::ImpactChanged { summary, users_percent, .. } => {
            ("IMPACT", String::new(), format!("{summary} ({users_percent}% of users)"))
        }
        Event::Resolved { text } => ("RESOLVED", String::new(), text.clone()),
        Event::TimeLimitReached => (
            "TIME LIMIT",
            String::new(),
            "the scenario's time is up; the facilitator may open the review".into(),
        ),
        // Not on the feed (`Event::on_feed`); never reached.
        _ => ("", String::new(), String::new()),
    };
    SeatCard { at: e.at.as_secs(), time: hhmm(s, e.at), kind, from, text }
}

fn hhmm(s: &Session, t: Dur) -> String {
    s.wall_clock(t).format("%H:%M").to_string()
}

pub fn roles(s: &Session, ids: &[String]) -> Vec<RoleInfo> {
    ids.iter()
        .map(|id| {
            let def = s.scenario().roles.iter().find(|r| &r.id == id);
            RoleInfo {
                id: id.clone(),
                name: def.map(|r| r.name.clone()).unwrap_or_else(|| id.clone()),
                duties: def.map(|r| r.duties.clone()).unwrap_or_default(),
            }
        })
        .collect()
}

pub fn deck(s: &Session) -> Deck {
    let sc = s.scenario();
    let c = &sc.context;
    let mut briefing = vec![
        format!("{} {}", s.wall_clock(Dur::ZERO).format("%A %d %B %Y, %H:%M"), sc.clock.zone),
        sc.summary.clone(),
        format!(
            "{} — {}. Active users now: {}. Peak hours: {}.",
            c.company, c.product, c.users, c.peak_hours
        ),
        format!("Revenue: {} {} per hour.", c.revenue_per_hour, c.currency),
    ];
    briefing.extend(
        c.key_customers
            .iter()
            .map(|k| format!("Key customer: {} (account team: {}). {}", k.name, k.account_team, k.notes)),
    );
    // What the team committed to last time, as it wrote it: every seat sees it.
    let today = crate::replay::day_of(&s.started);
    briefing.extend(s.carried.iter().map(|ci| {
        let overdue = today.is_some_and(|d| crate::replay::is_overdue(ci, d));
        format!(
            "Last time you committed to: {} — {}, due {}{}",
            ci.item.description,
            if ci.item.owner.trim().is_empty() { "no owner" } else { ci.item.owner.trim() },
            if ci.item.due.trim().is_empty() { "no date" } else { ci.item.due.trim() },
            if overdue { " (OVERDUE)" } else { "" }
        )
    }));
    briefing.extend(c.external_events.iter().map(|e| format!("Happening today: {e}")));
    briefing.extend(c.commitments.iter().map(|e| format!("Commitment: {e}")));
    let templates = [
        (Template::Initial, "Initial notification"),
        (Template::Update, "Stakeholder update"),
        (Template::StatusPage, "Status page"),
        (Template::Resolution, "Resolution"),
        (Template::CustomerNotice, "Notice to affected customers"),
    ];
    Deck {
        briefing,
        roles: roles(s, &sc.roles.iter().map(|r| r.id.clone()).collect::<Vec<_>>()),
        escalations: sc
            .escalations
            .iter()
            .map(|e| Choice { id: e.id.clone(), title: e.name.clone(), detail: String::new() })
            .collect(),
        decisions: sc
            .decisions
            .iter()
            .map(|d| Choice { id: d.id.clone(), title: d.title.clone(), detail: d.description.clone() })
            .collect(),
        coordination: sc
            .coordination
            .iter()
            .map(|c| Choice { id: c.id.clone(), title: c.title.clone(), detail: format!("{:?}", c.team) })
            .collect(),
        templates: templates
            .iter()
            .map(|(id, name)| TemplateInfo { id: *id, name, fields: required_fields(*id) })
            .collect(),
        audiences: vec![
            Named { id: Audience::Executives, name: "executives" },
            Named { id: Audience::AllStakeholders, name: "all stakeholders" },
            Named { id: Audience::KeyStakeholders, name: "key stakeholders" },
            Named { id: Audience::EngineeringLeadership, name: "engineering leadership" },
            Named { id: Audience::TeamLead, name: "team lead" },
            Named { id: Audience::SupportLead, name: "support lead" },
            Named { id: Audience::Customers, name: "customers" },
        ],
        topics: vec![
            Named { id: ContextTopic::KeyCustomers, name: "key customers" },
            Named { id: ContextTopic::Revenue, name: "revenue" },
            Named { id: ContextTopic::Commitments, name: "commitments / SLAs" },
            Named { id: ContextTopic::PublicExposure, name: "public exposure" },
            Named { id: ContextTopic::PeakTraffic, name: "peak traffic" },
        ],
        factor_categories: vec![
            Named { id: FactorCategory::Technical, name: "technical" },
            Named { id: FactorCategory::Process, name: "process" },
            Named { id: FactorCategory::Human, name: "human" },
            Named { id: FactorCategory::Organisational, name: "organisational" },
            Named { id: FactorCategory::Environment, name: "environment" },
        ],
        severities: vec![
            Named {
                id: Sev::Sev1,
                name: "critical: outage or broken core function, most users, revenue hit now",
            },
            Named { id: Sev::Sev2, name: "high: major function impaired, many users, painful workarounds" },
            Named { id: Sev::Sev3, name: "medium: minor function impaired, few users, workarounds exist" },
            Named { id: Sev::Sev4, name: "low: cosmetic, minimal impact" },
        ],
        participants: s
            .engine
            .participants()
            .iter()
            .map(|p| ParticipantInfo {
                name: p.name.clone(),
                roles: p.roles.iter().map(|r| s.role_name(r)).collect(),
            })
            .collect(),
    }
}

/// What a seat needs besides the feed: `activity` and `connected` come
/// from the host, the rest from the session.
pub fn status(s: &Session, activity: Vec<Activity>, connected: Vec<String>, facilitator: bool) -> RoomStatus {
    let st = s.engine.state();
    let sc = s.scenario();
    let now = s.engine.now();
    let course = crate::sim::dashboard::impact_course(&s.engine);
    let focus = st.focus.clamp(0, 100);
    let next = s.next_update();
    let all_calls = severity_calls(&s.engine);
    let calls = |kind: CallKind| -> Vec<Call> {
        let of_kind: Vec<_> = all_calls.iter().filter(|c| c.kind == kind).collect();
        of_kind[of_kind.len().saturating_sub(RECENT)..]
            .iter()
            .map(|c| Call {
                at: c.record.at.as_secs(),
                time: hhmm(s, c.record.at),
                by: c.record.actor.name.clone(),
                role: s.role_name(&c.record.actor.role),
                sev: c.sev,
                reason: c.reason.to_string(),
            })
            .collect()
    };
    let mut actions_by = BTreeMap::new();
    for p in s.engine.participants() {
        actions_by.insert(p.name.clone(), s.actions_by(&p.name));
    }
    let show_score = s.scores_live || st.phase == Phase::Debrief;
    RoomStatus {
        phase: st.phase,
        now: now.as_secs(),
        clock: now.clock(),
        wall: format!("{} {}", s.wall_clock(now).format("%H:%M:%S %a %d %b"), sc.clock.zone),
        speed: s.speed.into(),
        declared: st.declared,
        declared_history: calls(CallKind::Declared),
        proposals: calls(CallKind::Proposed),
        known_facts: sc
            .facts
            .iter()
            .filter(|f| st.known.contains_key(&f.id))
            .map(|f| if f.root_cause { format!("★ confirmed cause: {}", f.text) } else { f.text.clone() })
            .collect(),
        timers: s.timers(),
        board: Board {
            users_percent: course.last().map(|c| c.1).unwrap_or(0),
            revenue_lost: st.revenue_lost(),
            currency: sc.context.currency.clone(),
            focus,
            focus_word: match focus {
                0..=29 => "overloaded",
                30..=49 => "strained",
                _ => "steady",
            },
            stakeholder_trust: st.stakeholder_trust,
            customer_trust: st.customer_trust,
            next_update_left: next.map(|(due, _)| due.as_secs() as i64 - now.as_secs() as i64),
            next_update_length: next.map(|(_, len)| len.as_secs()),
            next_update_at: next.map(|(due, _)| hhmm(s, due)),
            resolved: st.resolved_at.is_some(),
        },
        questions: sc
            .questions
            .iter()
            .filter(|q| st.asked.contains_key(&q.id) || q.available.as_ref().is_none_or(|c| holds(c, st)))
            .map(|q| QuestionState {
                id: q.id.clone(),
                text: q.text.clone(),
                asked_at: st.asked.get(&q.id).map(|t| hhmm(s, *t)),
            })
            .collect(),
        done: Done {
            escalated: st.escalated.keys().cloned().collect(),
            decided: st.decided.keys().cloned().collect(),
            coordinated: st.coordinated.keys().cloned().collect(),
            history_read: st.history_read.is_some(),
        },
        channel_history: if st.history_read.is_some() {
            sc.channel_history.iter().map(|m| format!("({} ago) {}: {}", m.ago, m.from, m.text)).collect()
        } else {
            Vec::new()
        },
        notes_total: st.notes.len(),
        notes: st.notes[st.notes.len().saturating_sub(RECENT)..]
            .iter()
            .map(|(t, text, m)| {
                let tag = m.map(|m| format!(" [{m:?}]")).unwrap_or_default();
                format!("{}{tag} {text}", hhmm(s, *t))
            })
            .collect(),
        review: ReviewView {
            statements: if st.phase == Phase::Review {
                sc.review
                    .blameful_statements
                    .iter()
                    .map(|b| Choice { id: b.id.clone(), title: b.text.clone(), detail: String::new() })
                    .collect()
            } else {
                Vec::new()
            },
            rewritten: st.review.rewrites.keys().cloned().collect(),
            whys: st.review.whys.clone(),
            factors: st.review.factors.iter().map(|(c, t)| format!("{c:?}: {t}")).collect(),
            action_items: st
                .review
                .action_items
                .iter()
                .map(|i| format!("{} (owner: {}, due: {})", i.description, i.owner, i.due))
                .collect(),
            impact_recorded: st.review.impact.is_some(),
            scheduled: st.review.scheduled.map(|t| t.format("%Y-%m-%d %H:%M").to_string()),
        },
        actions_by,
        actions_total: s.engine.actions().len() as u64,
        activity,
        connected,
        score: show_score.then(|| score_view(s)),
        truth: facilitator.then(|| Truth {
            true_sev: st.true_sev,
            hidden_facts: sc
                .facts
                .iter()
                .filter(|f| !st.known.contains_key(&f.id))
                .map(|f| f.text.clone())
                .collect(),
            upcoming: sc
                .injects
                .iter()
                .filter(|i| !st.fired.contains_key(&i.id))
                .map(|i| Choice {
                    id: i.id.clone(),
                    title: format!("{} ({})", i.from, i.channel.word()),
                    detail: i.text.clone(),
                })
                .collect(),
        }),
    }
}

fn score_view(s: &Session) -> ScoreView {
    let card = s.scorecard();
    let alignment = if s.phase() == Phase::Debrief {
        severity_calls(&s.engine)
            .iter()
            .map(|c| Alignment {
                by: c.record.actor.name.clone(),
                time: hhmm(s, c.record.at),
                kind: c.kind.word(),
                sev: c.sev,
                declared: c.declared_before,
                truth: c.truth,
            })
            .collect()
    } else {
        Vec::new()
    };
    ScoreView {
        total: card.total,
        families: card.families.iter().map(|f| (f.title.to_string(), f.score)).collect(),
        alignment,
    }
}
