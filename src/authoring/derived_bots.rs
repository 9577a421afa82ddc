//! Two bot teams derived from the scenario itself, not hand-written, to
//! hold the score against gaming: `shotgun` does everything — SEV1 at once,
//! every question, escalation, decision and coordination, a full message to
//! every audience every ten minutes, a note every minute, a maximal review —
//! and `boilerplate` keeps a careful script's timing and structure but puts
//! filler in every free-text field.

use crate::replay::{Script, ScriptStep};
use crate::scenario::{Audience, ContextTopic, Scenario, Sev, Template};
use crate::sim::{
    Action, ActionItem, Actor, Cause, CommFields, Communication, Engine, Escalation, ImpactRecord, ItemKind,
    Status,
};
use crate::time::Dur;

const EVERYONE: [Audience; 7] = [
    Audience::Executives,
    Audience::AllStakeholders,
    Audience::KeyStakeholders,
    Audience::EngineeringLeadership,
    Audience::TeamLead,
    Audience::SupportLead,
    Audience::Customers,
];

/// A message with every field of every template filled from what the
/// simulation shows at that moment.
fn full_message(
    s: &Scenario,
    engine: &Engine,
    template: Template,
    audiences: Vec<Audience>,
) -> Communication {
    let st = engine.state();
    let resolved = st.resolved_at.is_some();
    let started = s.clock.start.0.format("%H:%M").to_string();
    let fields = CommFields {
        issue: s.title.clone(),
        severity: Some(Sev::Sev1),
        impact: st.impact_summary.clone(),
        users_percent: Some(st.users_percent),
        status: Some(if resolved { Status::Resolved } else { Status::Investigating }),
        lead: "Bot, incident commander".into(),
        channel: "#incident".into(),
        next_update_in: (!resolved).then(|| Dur::mins(10)),
        dos: vec!["Point customers to the status page for updates".into()],
        do_not: vec!["Do not promise customers a time for the fix".into()],
        cause: Some(Cause { text: "Under investigation".into(), confirmed: false }),
        eta: None,
        started: started.clone(),
        duration: st.resolved_at.map(|r| r.to_string()).unwrap_or_default(),
        fix: if resolved { s.resolution.text.clone() } else { String::new() },
        postmortem: if resolved { "The review meeting is tomorrow at 10:00".into() } else { String::new() },
    };
    Communication { template, audiences, fields, text: st.impact_summary.clone() }
}

/// Plays the do-everything team on `engine`, a single participant holding
/// every role (see `bots::random_team`).
pub fn play_shotgun(engine: &mut Engine) {
    let s = engine.scenario_arc().clone();
    let role = |want: &str| -> String {
        s.roles.iter().find(|r| r.id == want).or(s.roles.first()).map(|r| r.id.clone()).unwrap_or_default()
    };
    let act = |engine: &mut Engine, t: Dur, who: &str, action: Action| {
        let _ = engine.apply(t, &Actor { name: "Bot".into(), role: role(who) }, action);
    };
    act(engine, Dur::ZERO, "ic", Action::StartIncident);
    act(engine, Dur(30), "ic", Action::ReadHistory);
    act(engine, Dur(60), "ic", Action::Declare(Sev::Sev1));
    let topics = vec![
        ContextTopic::KeyCustomers,
        ContextTopic::Revenue,
        ContextTopic::Commitments,
        ContextTopic::PublicExposure,
        ContextTopic::PeakTraffic,
    ];
    let context = format!(
        "For context: {} serves {} users; {}.",
        s.context.company, s.context.users, s.context.peak_hours
    );
    act(engine, Dur(90), "ic", Action::ShareContext { topics, text: context });
    // What is still to do: questions, escalations, decisions, coordination;
    // anything refused (not yet available) is tried again a minute later.
    let mut todo: Vec<(&str, Action)> = Vec::new();
    todo.extend(s.questions.iter().map(|q| ("ic", Action::Ask(q.id.clone()))));
    todo.extend(s.escalations.iter().map(|e| {
        let esc = Escalation {
            to: e.id.clone(),
            situation: s.impact.summary.clone(),
            need: "Your help and attention on this incident".into(),
            why: e.why.clone(),
            ask: "Please join the incident bridge in the next ten minutes".into(),
        };
        ("ic", Action::Escalate(esc))
    }));
    todo.extend(s.decisions.iter().map(|d| ("ic", Action::Decide(d.id.clone()))));
    todo.extend(
        s.coordination
            .iter()
            .map(|c| ("comms", Action::Coordinate { id: c.id.clone(), message: c.title.clone() })),
    );
    let mut closed = false;
    let mut minute = 2;
    loop {
        let t = Dur::mins(minute);
        if t >= s.ends_at {
            break;
        }
        let resolved_at = engine.state().resolved_at;
        if let Some(r) = resolved_at
            && t > r + Dur::mins(3)
        {
            break;
        }
        // Everything still to do, a few at a time.
        let mut left = Vec::new();
        for (n, (who, action)) in std::mem::take(&mut todo).into_iter().enumerate() {
            if n < 4 {
                let actor = Actor { name: "Bot".into(), role: role(who) };
                if engine.apply(t, &actor, action.clone()).is_err() {
                    left.push((who, action));
                }
            } else {
                left.push((who, action));
            }
        }
        todo = left;
        let latest = engine.events().last().map(|e| format!("{:?}", e.event)).unwrap_or_default();
        let note: String = format!("T+{minute}m: {}", latest.chars().take(160).collect::<String>());
        act(engine, t, "scribe", Action::Note { text: note, moment: None });
        if resolved_at.is_some() && !closed {
            let all = full_message(&s, engine, Template::Resolution, EVERYONE[..6].to_vec());
            act(engine, t, "comms", Action::Communicate(all));
            let page = full_message(&s, engine, Template::StatusPage, vec![Audience::Customers]);
            act(engine, t, "comms", Action::Communicate(page));
            closed = true;
        } else if minute % 10 == 2 && !closed {
            let template = if minute == 2 { Template::Initial } else { Template::Update };
            let msg = full_message(&s, engine, template, EVERYONE[..6].to_vec());
            act(engine, t, "comms", Action::Communicate(msg));
            let page = full_message(&s, engine, Template::StatusPage, vec![Audience::Customers]);
            act(engine, t, "comms", Action::Communicate(page));
        }
        minute += 1;
    }
    maximal_review(engine, &s, Dur::mins(minute), &role("ic"));
}

/// Every review task done in full from the scenario's own material.
fn maximal_review(engine: &mut Engine, s: &Scenario, start: Dur, role: &str) {
    let actor = Actor { name: "Bot".into(), role: role.to_string() };
    let mut t = start;
    let mut act = |engine: &mut Engine, action: Action| {
        let _ = engine.apply(t, &actor, action);
        t = t + Dur(30);
    };
    act(engine, Action::BeginReview);
    for b in &s.review.blameful_statements {
        act(engine, Action::Rewrite { statement: b.id.clone(), text: b.better.clone() });
    }
    for w in &s.review.why_chain {
        act(engine, Action::AddWhy(w.clone()));
    }
    for f in &s.review.contributing_factors {
        act(engine, Action::AddFactor { category: f.category, text: f.text.clone() });
    }
    let due = (s.clock.start.0 + chrono::Duration::days(21)).format("%Y-%m-%d").to_string();
    for (kind, what) in [
        (ItemKind::Prevent, "Add an automated check that blocks this failure before release"),
        (ItemKind::Detect, "Alert on the customer-facing symptom within five minutes"),
        (ItemKind::Respond, "Write a runbook for this failure and rehearse it"),
    ] {
        let item = ActionItem {
            description: what.into(),
            owner: "Platform team lead".into(),
            due: due.clone(),
            tracking: "OPS-100".into(),
            kind,
        };
        act(engine, Action::AddActionItem(item));
    }
    let st = engine.state();
    let peak = st.users_percent.max(s.impact.users_percent);
    let record = ImpactRecord {
        users_affected: s.context.users * u64::from(peak) / 100,
        duration: st.resolved_at.unwrap_or(st.now),
        revenue_lost: st.revenue_lost(),
        reputation: "Customers saw the problem and support heard from many of them".into(),
    };
    act(engine, Action::RecordImpact(record));
    let meeting = (s.clock.start.0 + chrono::Duration::days(1)).format("%Y-%m-%d 10:00").to_string();
    act(engine, Action::ScheduleReview(meeting));
    act(engine, Action::FinishReview);
}

/// The same script with filler in every free-text field: the structure and
/// timing of a careful session, saying nothing.
pub fn boilerplate(script: &Script) -> Script {
    const FILLER: [&str; 5] = ["tbd", "x", "n/a", "TODO", "..."];
    let mut n = 0;
    let mut fill = || {
        n += 1;
        FILLER[n % FILLER.len()].to_string()
    };
    let steps = script
        .actions
        .iter()
        .map(|step| {
            let action = match step.action.clone() {
                Action::ShareContext { topics, .. } => Action::ShareContext { topics, text: fill() },
                Action::Say(_) => Action::Say(fill()),
                Action::Escalate(e) => Action::Escalate(Escalation {
                    to: e.to,
                    situation: fill(),
                    need: fill(),
                    why: fill(),
                    ask: fill(),
                }),
                Action::Communicate(mut c) => {
                    let f = &mut c.fields;
                    for text in [
                        &mut f.issue,
                        &mut f.impact,
                        &mut f.lead,
                        &mut f.channel,
                        &mut f.started,
                        &mut f.duration,
                        &mut f.fix,
                        &mut f.postmortem,
                    ] {
                        if !text.is_empty() {
                            *text = fill();
                        }
                    }
                    f.dos = f.dos.iter().map(|_| fill()).collect();
                    f.do_not = f.do_not.iter().map(|_| fill()).collect();
                    if let Some(cause) = &mut f.cause {
                        cause.text = fill();
                    }
                    c.text = fill();
                    Action::Communicate(c)
                }
                Action::Coordinate { id, .. } => Action::Coordinate { id, message: fill() },
                Action::Note { moment, .. } => Action::Note { text: fill(), moment },
                Action::Rewrite { statement, .. } => Action::Rewrite { statement, text: fill() },
                Action::AddWhy(_) => Action::AddWhy(fill()),
                Action::AddFactor { category, .. } => Action::AddFactor { category, text: fill() },
                Action::AddActionItem(i) => Action::AddActionItem(ActionItem {
                    description: fill(),
                    owner: fill(),
                    due: fill(),
                    tracking: fill(),
                    kind: i.kind,
                }),
                Action::RecordImpact(r) => Action::RecordImpact(ImpactRecord { reputation: fill(), ..r }),
                other => other,
            };
            ScriptStep { action, ..step.clone() }
        })
        .collect();
    Script { actions: steps, ..script.clone() }
}
