//! Bot teams derived from the scenario itself, not hand-written, to hold
//! the score against gaming and to give it par: `careful` does what the
//! situation warrants when it warrants it (par); `shotgun` does everything —
//! SEV1 at once, every question, escalation, decision and coordination, a
//! full message to every audience every ten minutes, a note every minute, a
//! maximal review; `boilerplate` keeps the careful timing and structure but
//! puts filler in every free-text field; `reckless` commits the guide's
//! anti-patterns.

use crate::replay::{Script, ScriptStep};
use crate::scenario::{
    Audience, ContextTopic, CustomersHit, DecisionOwner, FactorCategory, QuestionKind, Scenario, Sev,
    Template,
};
use crate::sim::{
    Action, ActionItem, Actor, Cause, CommFields, Communication, Engine, Escalation, ImpactRecord, ItemKind,
    Status,
};
use crate::time::Dur;

use super::bots::AUDIENCES as EVERYONE;

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

/// A bot's review: one action every 30 seconds from `start`, refusals ignored.
struct Reviewer {
    actor: Actor,
    t: Dur,
}

impl Reviewer {
    fn new(start: Dur, role: &str) -> Reviewer {
        Reviewer { actor: Actor { name: "Bot".into(), role: role.to_string() }, t: start }
    }

    fn act(&mut self, engine: &mut Engine, action: Action) {
        let _ = engine.apply(self.t, &self.actor, action);
        self.t = self.t + Dur(30);
    }
}

/// Every review task done in full from the scenario's own material.
fn maximal_review(engine: &mut Engine, s: &Scenario, start: Dur, role: &str) {
    let mut review = Reviewer::new(start, role);
    let mut act = |engine: &mut Engine, action: Action| review.act(engine, action);
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

/// Plays the careful team on `engine`, a single participant holding every
/// role: the par of a scenario and seed. It knows what a careful team would
/// find out — the true severity — and does what the scenario warrants, when
/// it warrants it: declares and re-declares promptly, listens, asks the good
/// questions, shares the business context without pressure, notifies the
/// audiences the severity calls for and updates them on cadence, keeps a
/// status page when customers can see the problem, takes the warranted
/// decisions, coordination and escalations, notes every key moment, closes
/// the loop and runs a full review.
pub fn play_careful(engine: &mut Engine) {
    let s = engine.scenario_arc().clone();
    let role = |want: &str| -> String {
        s.roles.iter().find(|r| r.id == want).or(s.roles.first()).map(|r| r.id.clone()).unwrap_or_default()
    };
    let actor = |who: &str| Actor { name: "Bot".into(), role: role(who) };
    let _ = engine.apply(Dur::ZERO, &actor("ic"), Action::StartIncident);
    let _ = engine.apply(Dur(20), &actor("ic"), Action::ReadHistory);
    let note = |engine: &mut Engine, t: Dur, text: String, moment: Option<crate::sim::Moment>| {
        let _ = engine.apply(t, &actor("scribe"), Action::Note { text, moment });
    };
    note(
        engine,
        Dur(40),
        format!("Alert received for {}; the team is looking into it.", s.title),
        Some(crate::sim::Moment::Detection),
    );
    let mut questions: Vec<String> = s
        .questions
        .iter()
        .filter(|q| {
            matches!(
                q.kind,
                QuestionKind::Factual
                    | QuestionKind::Helpful
                    | QuestionKind::Supportive
                    | QuestionKind::Offer
            )
        })
        .map(|q| q.id.clone())
        .collect();
    let mut taken: std::collections::BTreeSet<String> = Default::default();
    let mut reached: Vec<Audience> = Vec::new();
    let mut last_update: Option<Dur> = None;
    let mut last_page: Option<Dur> = None;
    let mut declared: Option<Sev> = None;
    let mut diagnosed = false;
    let mut step = 1u64; // every 30 s
    loop {
        let t = Dur(step * 30);
        if t >= s.ends_at {
            break;
        }
        engine.advance_to(t);
        let st = engine.state().clone();
        if let Some(r) = st.resolved_at {
            close_the_loop(engine, &s, t.max(r + Dur(60)), &reached, last_page.is_some(), &actor);
            break;
        }
        let truth = st.true_sev;
        if t >= Dur(90) && declared != Some(truth) {
            let _ = engine.apply(t, &actor("ic"), Action::Declare(truth));
            note(
                engine,
                t,
                format!("Declared {truth}: {}", st.impact_summary),
                Some(if declared.is_none() {
                    crate::sim::Moment::ResponseStart
                } else {
                    crate::sim::Moment::Decision
                }),
            );
            declared = Some(truth);
            // A change of severity is news for everyone it now concerns.
            last_update = last_update.map(|_| Dur::ZERO);
        }
        if step == 5 {
            let topics: Vec<ContextTopic> = crate::scoring::topics_of(&s).into_iter().collect();
            if !topics.is_empty() {
                let _ =
                    engine.apply(t, &actor("ic"), Action::ShareContext { topics, text: context_text(&s) });
            }
        }
        if step >= 3 && step % 2 == 1 && !questions.is_empty() {
            let q = questions.remove(0);
            if engine.apply(t, &actor("ic"), Action::Ask(q.clone())).is_err() {
                questions.push(q);
            }
        }
        // Whatever has become warranted, taken now.
        for (key, action, who) in warranted_actions(&s) {
            if taken.contains(&key) || !st.warranted.contains_key(&key) {
                continue;
            }
            if engine.apply(t, &actor(who), action).is_ok() {
                taken.insert(key.clone());
                note(
                    engine,
                    t,
                    format!("Done: {} (warranted by the situation).", key.replace(':', " ")),
                    Some(crate::sim::Moment::Decision),
                );
            }
        }
        if !diagnosed && st.root_cause_known(&s) {
            diagnosed = true;
            note(
                engine,
                t,
                "The cause is confirmed by the technical lead; the fix is under way.".into(),
                Some(crate::sim::Moment::Diagnosis),
            );
            note(
                engine,
                t,
                "The responders started the fix for the confirmed cause.".into(),
                Some(crate::sim::Moment::FixAttempt),
            );
        }
        let need = crate::scoring::required_audiences(truth);
        let due = last_update.is_none_or(|u| t >= u + Dur::mins(20));
        if t >= Dur::mins(4) && !need.is_empty() && due {
            for a in &need {
                if !reached.contains(a) {
                    reached.push(*a);
                }
            }
            let template = if last_update.is_none() { Template::Initial } else { Template::Update };
            let msg = careful_message(&s, engine, template, reached.clone(), declared);
            let _ = engine.apply(t, &actor("comms"), Action::Communicate(msg));
            note(
                engine,
                t,
                format!("Sent the {template:?} message to {reached:?}."),
                Some(crate::sim::Moment::Communication),
            );
            last_update = Some(t);
        }
        if s.impact.customer_visible && t >= Dur::mins(6) && last_page.is_none_or(|p| t >= p + Dur::mins(30))
        {
            // Few customers hit: tell them, not everyone.
            let template = if s.impact.customers_hit == CustomersHit::Few {
                Template::CustomerNotice
            } else {
                Template::StatusPage
            };
            let page = careful_message(&s, engine, template, vec![Audience::Customers], declared);
            let _ = engine.apply(t, &actor("comms"), Action::Communicate(page));
            last_page = Some(t);
        }
        step += 1;
    }
    let end = engine.state().now.max(engine.state().resolved_at.unwrap_or(Dur::ZERO)) + Dur::mins(5);
    maximal_review(engine, &s, end, &role("ic"));
}

/// The decisions, coordination and escalations a scenario can warrant, with
/// the action that takes each.
fn warranted_actions(s: &Scenario) -> Vec<(String, Action, &'static str)> {
    let mut out = Vec::new();
    for d in s.decisions.iter().filter(|d| d.owner == DecisionOwner::Business && d.warranted.is_some()) {
        out.push((format!("decision:{}", d.id), Action::Decide(d.id.clone()), "ic"));
    }
    for c in s.coordination.iter().filter(|c| c.warranted.is_some()) {
        let message = format!("{}: {}", c.title, c.why);
        out.push((
            format!("coordination:{}", c.id),
            Action::Coordinate { id: c.id.clone(), message },
            "comms",
        ));
    }
    for e in s.escalations.iter().filter(|e| e.warranted.is_some()) {
        let esc = Escalation {
            to: e.id.clone(),
            situation: format!("{} {}", s.title, s.impact.summary),
            need: format!("Your help: {}", e.why),
            why: e.why.clone(),
            ask: "Can you join the incident channel in the next ten minutes and confirm?".into(),
        };
        out.push((format!("escalation:{}", e.id), Action::Escalate(esc), "ic"));
    }
    out
}

/// The business picture for responders, without pressure.
fn context_text(s: &Scenario) -> String {
    let c = &s.context;
    let mut parts = vec![format!("For context, the business side at {}.", c.company)];
    if !c.key_customers.is_empty() {
        let names: Vec<&str> = c.key_customers.iter().map(|k| k.name.as_str()).collect();
        parts.push(format!("Key customers: {}.", names.join(", ")));
    }
    if c.revenue_per_hour > 0 {
        parts.push(format!("Revenue at this time is about {} {} an hour.", c.revenue_per_hour, c.currency));
    }
    parts.extend(c.commitments.iter().map(|x| format!("Commitment: {x}.")));
    parts.extend(c.external_events.iter().map(|x| format!("Today: {x}.")));
    parts.push("No reply needed; let me know what you need from me.".into());
    parts.join(" ")
}

/// A message that states only what is known: the declared severity, the
/// simulation's impact, the cause under investigation.
fn careful_message(
    s: &Scenario,
    engine: &Engine,
    template: Template,
    audiences: Vec<Audience>,
    declared: Option<Sev>,
) -> Communication {
    let st = engine.state();
    let known = st.root_cause_known(s);
    let fields = CommFields {
        issue: s.title.clone(),
        severity: declared,
        impact: st.impact_summary.clone(),
        users_percent: Some(st.users_percent),
        status: Some(if known { Status::Identified } else { Status::Investigating }),
        lead: "Bot, incident commander".into(),
        channel: "#incident".into(),
        next_update_in: Some(if template == Template::Update || template == Template::Initial {
            Dur::mins(20)
        } else {
            Dur::mins(30)
        }),
        dos: vec!["Point customers to the status page for updates".into()],
        do_not: vec!["Do not promise customers a time for the fix".into()],
        cause: Some(Cause { text: "Under investigation".into(), confirmed: false }),
        eta: None,
        started: s.clock.start.0.format("%H:%M").to_string(),
        ..Default::default()
    };
    Communication { template, audiences, fields, text: String::new() }
}

/// After the fix: the resolution message to everyone told, and the status page closed.
fn close_the_loop(
    engine: &mut Engine,
    s: &Scenario,
    t: Dur,
    reached: &[Audience],
    page: bool,
    actor: &dyn Fn(&str) -> Actor,
) {
    let st = engine.state().clone();
    let resolved = st.resolved_at.unwrap_or(t);
    let root = s.facts.iter().find(|f| f.root_cause && st.known.contains_key(&f.id));
    let cause = match root {
        Some(f) => Cause { text: f.text.clone(), confirmed: true },
        None => Cause { text: "Under investigation".into(), confirmed: false },
    };
    let meeting = (s.clock.start.0 + chrono::Duration::days(1)).format("%Y-%m-%d 10:00");
    let fields = CommFields {
        issue: s.title.clone(),
        severity: st.declared,
        impact: st.impact_summary.clone(),
        status: Some(Status::Resolved),
        duration: resolved.to_string(),
        cause: Some(cause),
        fix: s.resolution.text.clone(),
        postmortem: format!("The review meeting is on {meeting}"),
        ..Default::default()
    };
    if !reached.is_empty() {
        let msg = Communication {
            template: Template::Resolution,
            audiences: reached.to_vec(),
            fields: fields.clone(),
            text: String::new(),
        };
        let _ = engine.apply(t, &actor("comms"), Action::Communicate(msg));
    }
    if page {
        let page_fields = CommFields { started: s.clock.start.0.format("%H:%M").to_string(), ..fields };
        let template = if s.impact.customers_hit == CustomersHit::Few {
            Template::CustomerNotice
        } else {
            Template::StatusPage
        };
        let msg = Communication {
            template,
            audiences: vec![Audience::Customers],
            fields: page_fields,
            text: String::new(),
        };
        let _ = engine.apply(t, &actor("comms"), Action::Communicate(msg));
    }
    let _ = engine.apply(
        t,
        &actor("scribe"),
        Action::Note {
            text: format!("Resolved: {}", s.resolution.text),
            moment: Some(crate::sim::Moment::Resolution),
        },
    );
}

/// The careful team's session as a script, for the policies that start
/// from a careful session (boilerplate) on scenarios without one.
pub fn careful_script(scenario: &std::sync::Arc<Scenario>, seed: u64) -> Script {
    let team = super::bots::random_team(scenario);
    let mut engine = Engine::new(scenario.clone(), seed, team.clone());
    play_careful(&mut engine);
    let actions = engine
        .actions()
        .iter()
        .map(|a| ScriptStep {
            at: a.at,
            by: a.actor.name.clone(),
            role: a.actor.role.clone(),
            action: a.action.clone(),
        })
        .collect();
    Script { scenario: scenario.id.clone(), seed, participants: team, actions }
}

/// Plays the anti-patterns the guide warns against, derived from the
/// scenario, on `engine`: the channel never read, a severity two levels
/// off declared late and held, every pressure, blame and distraction
/// question, money and the CEO leaned on the engineers, the technical calls
/// and the unwarranted decisions taken, the warranted escalations skipped
/// and the unwarranted ones sent bare, one message to everyone in jargon
/// that minimises, promises a fix time and claims a fix, no updates, no
/// notes, and a review that blames people and commits to nothing.
pub fn play_reckless(engine: &mut Engine) {
    let s = engine.scenario_arc().clone();
    let role = |want: &str| -> String {
        s.roles.iter().find(|r| r.id == want).or(s.roles.first()).map(|r| r.id.clone()).unwrap_or_default()
    };
    let act = |engine: &mut Engine, t: Dur, who: &str, action: Action| {
        engine.apply(t, &Actor { name: "Bot".into(), role: role(who) }, action).is_ok()
    };
    act(engine, Dur::ZERO, "ic", Action::StartIncident);
    let mut todo: Vec<Action> = s
        .questions
        .iter()
        .filter(|q| {
            matches!(q.kind, QuestionKind::Pressure | QuestionKind::Blame | QuestionKind::Distraction)
        })
        .map(|q| Action::Ask(q.id.clone()))
        .collect();
    todo.extend(
        s.decisions
            .iter()
            .filter(|d| d.owner == DecisionOwner::Technical || d.warranted.is_none())
            .map(|d| Action::Decide(d.id.clone())),
    );
    todo.extend(
        s.coordination
            .iter()
            .filter(|c| c.warranted.is_none())
            .map(|c| Action::Coordinate { id: c.id.clone(), message: "Do it now.".into() }),
    );
    todo.extend(s.escalations.iter().filter(|e| e.warranted.is_none()).map(|e| {
        Action::Escalate(Escalation {
            to: e.id.clone(),
            situation: String::new(),
            need: String::new(),
            why: String::new(),
            ask: "Everyone on this now.".into(),
        })
    }));
    let pressure = format!(
        "Drop everything and fix it now. The CEO is asking and we are losing {} {} every hour this stays down.",
        s.context.revenue_per_hour.max(1000),
        s.context.currency
    );
    let mut declared = false;
    let mut told = false;
    let mut minute = 2;
    while Dur::mins(minute) < s.ends_at {
        let t = Dur::mins(minute);
        engine.advance_to(t);
        let st = engine.state().clone();
        if st.resolved_at.is_some_and(|r| t > r + Dur::mins(3)) {
            break;
        }
        let mut left = Vec::new();
        for action in std::mem::take(&mut todo) {
            if !act(engine, t, "ic", action.clone()) {
                left.push(action);
            }
        }
        todo = left;
        if minute == 6 {
            act(engine, t, "ic", Action::Say(pressure.clone()));
        }
        if !declared && t >= Dur::mins(14) {
            // Two levels from the truth, whichever way there is room for.
            let wrong = match st.true_sev {
                Sev::Sev1 => Sev::Sev3,
                Sev::Sev2 => Sev::Sev4,
                Sev::Sev3 | Sev::Sev4 => Sev::Sev1,
            };
            declared = act(engine, t, "ic", Action::Declare(wrong));
        }
        if !told && t >= Dur::mins(25) {
            told = true;
            let fields = CommFields {
                issue: "Minor glitch".into(),
                impact: "A small number of users may be seeing 5xx errors from the API; p95 latency is up."
                    .into(),
                users_percent: Some(st.users_percent / 4),
                status: Some(Status::Monitoring),
                eta: Some(Dur::mins(15)),
                ..Default::default()
            };
            let everyone = Communication {
                template: Template::Initial,
                audiences: EVERYONE[..6].to_vec(),
                fields: fields.clone(),
                text: "A fix has been deployed, it should be back within 15 minutes.".into(),
            };
            act(engine, t, "comms", Action::Communicate(everyone));
            if s.impact.customer_visible {
                let page = Communication {
                    template: Template::StatusPage,
                    audiences: vec![Audience::Customers],
                    fields,
                    text: String::new(),
                };
                act(engine, t, "comms", Action::Communicate(page));
            }
        }
        minute += 1;
    }
    blameful_review(engine, &s, Dur::mins(minute), &role("ic"));
}

/// A review that keeps the blame on people and commits to nothing checkable.
fn blameful_review(engine: &mut Engine, s: &Scenario, start: Dur, role: &str) {
    let mut review = Reviewer::new(start, role);
    let mut act = |engine: &mut Engine, action: Action| review.act(engine, action);
    let culprit = s.people().into_iter().next().unwrap_or_else(|| "The engineer".into());
    act(engine, Action::BeginReview);
    for b in &s.review.blameful_statements {
        let text = format!("{culprit} broke it and should have known better.");
        act(engine, Action::Rewrite { statement: b.id.clone(), text });
    }
    act(engine, Action::AddWhy(format!("Because {culprit} was careless and pushed a bad change.")));
    act(
        engine,
        Action::AddFactor { category: FactorCategory::Human, text: format!("{culprit} did not think.") },
    );
    act(
        engine,
        Action::AddActionItem(ActionItem {
            description: format!("{culprit} to be more careful"),
            owner: String::new(),
            due: String::new(),
            tracking: String::new(),
            kind: ItemKind::Prevent,
        }),
    );
    let record = ImpactRecord {
        users_affected: 10,
        duration: Dur::mins(5),
        revenue_lost: 0,
        reputation: String::new(),
    };
    act(engine, Action::RecordImpact(record));
    let meeting = (s.clock.start.0 + chrono::Duration::days(60)).format("%Y-%m-%d 10:00").to_string();
    act(engine, Action::ScheduleReview(meeting));
    act(engine, Action::FinishReview);
}
