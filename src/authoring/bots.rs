//! Bot players for `simulate`: one that follows an action script (the
//! scenario's exemplary or anti-patterns session) and one that acts at
//! random, so an author sees how a scenario plays across many seeds.

use crate::replay::Script;
use crate::rng::{draw, stream};
use crate::scenario::{Audience, ContextTopic, FactorCategory, Scenario, Sev, Template};
use crate::sim::{
    Action, ActionItem, Actor, Cause, CommFields, Communication, Engine, Escalation, ItemKind, Participant,
    Status,
};
use crate::time::Dur;
use rand_chacha::ChaCha8Rng;

/// Plays every step of the script at its time. A step the engine refuses
/// (a question not yet available on this seed, say) is skipped and its
/// index returned, so the author learns which steps depend on luck.
pub fn play_script(engine: &mut Engine, script: &Script) -> Vec<usize> {
    let mut refused = Vec::new();
    for (i, step) in script.actions.iter().enumerate() {
        let actor = Actor { name: step.by.clone(), role: step.role.clone() };
        if engine.apply(step.at, &actor, step.action.clone()).is_err() {
            refused.push(i);
        }
    }
    refused
}

/// The random bot's single participant, holding every role.
pub fn random_team(s: &Scenario) -> Vec<Participant> {
    vec![Participant { name: "Bot".into(), roles: s.roles.iter().map(|r| r.id.clone()).collect() }]
}

/// A team that acts at random: every 30 s to 4 min it does something from
/// the whole menu — good and bad questions, any severity, messages with
/// fields right or wrong — then runs a random review. Refused actions are
/// simply lost, as a confused team's would be.
pub fn play_random(engine: &mut Engine, seed: u64) {
    let mut rng = stream(seed, "bot:random");
    let s = engine.scenario_arc().clone();
    let role = |want: &str| -> String {
        s.roles.iter().find(|r| r.id == want).or(s.roles.first()).map(|r| r.id.clone()).unwrap_or_default()
    };
    let act = |engine: &mut Engine, t: Dur, role: &str, action: Action| {
        let _ = engine.apply(t, &Actor { name: "Bot".into(), role: role.to_string() }, action);
    };
    let mut t = Dur::ZERO;
    act(engine, t, &role("ic"), Action::StartIncident);
    loop {
        t = Dur(t.as_secs() + 30 + draw(&mut rng, 211));
        let resolved = engine.state().resolved_at.is_some();
        if t >= s.ends_at || (resolved && draw(&mut rng, 4) == 0) {
            break;
        }
        let (who, action) = random_live_action(&mut rng, &s, engine);
        act(engine, t, &role(who), action);
    }
    act(engine, t, &role("ic"), Action::BeginReview);
    for _ in 0..draw(&mut rng, 9) {
        t = Dur(t.as_secs() + 60);
        let action = random_review_action(&mut rng, &s);
        act(engine, t, &role("ic"), action);
    }
    act(engine, t, &role("ic"), Action::FinishReview);
}

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> Option<&'a T> {
    if items.is_empty() { None } else { items.get(draw(rng, items.len() as u64) as usize) }
}

fn coin(rng: &mut ChaCha8Rng) -> bool {
    draw(rng, 2) == 0
}

const SEVS: [Sev; 4] = [Sev::Sev1, Sev::Sev2, Sev::Sev3, Sev::Sev4];
/// Every audience, internal ones first and customers last.
pub(super) const AUDIENCES: [Audience; 7] = [
    Audience::Executives,
    Audience::AllStakeholders,
    Audience::KeyStakeholders,
    Audience::EngineeringLeadership,
    Audience::TeamLead,
    Audience::SupportLead,
    Audience::Customers,
];
const TEMPLATES: [Template; 5] = [
    Template::Initial,
    Template::Update,
    Template::StatusPage,
    Template::Resolution,
    Template::CustomerNotice,
];
const STATUSES: [Status; 5] =
    [Status::Investigating, Status::Identified, Status::Mitigating, Status::Monitoring, Status::Resolved];
const TOPICS: [ContextTopic; 5] = [
    ContextTopic::KeyCustomers,
    ContextTopic::Revenue,
    ContextTopic::Commitments,
    ContextTopic::PublicExposure,
    ContextTopic::PeakTraffic,
];
const REMARKS: [&str; 6] = [
    "What do you need from us to keep going?",
    "We are losing money every minute, just fix it now.",
    "Support is handling the tickets; you focus on the fix.",
    "Who broke this?",
    "Our biggest customers are affected, so keep that in mind when you weigh options.",
    "Probably the database again, right?",
];

fn random_live_action(rng: &mut ChaCha8Rng, s: &Scenario, engine: &Engine) -> (&'static str, Action) {
    let st = engine.state();
    match draw(rng, 11) {
        0 => ("ic", Action::ReadHistory),
        1 => ("ic", Action::Declare(SEVS[draw(rng, 4) as usize])),
        2 | 3 => match pick(rng, &s.questions) {
            Some(q) => ("ic", Action::Ask(q.id.clone())),
            None => ("ic", Action::ReadHistory),
        },
        4 => {
            let topics = TOPICS.iter().copied().filter(|_| coin(rng)).collect();
            ("ic", Action::ShareContext { topics, text: s.context.product.clone() })
        }
        5 => ("ic", Action::Say(REMARKS[draw(rng, REMARKS.len() as u64) as usize].into())),
        6 => match pick(rng, &s.escalations) {
            Some(e) => {
                let full = coin(rng);
                let text = |t: &str| if full { t.to_string() } else { String::new() };
                let escalation = Escalation {
                    to: e.id.clone(),
                    situation: text(&st.impact_summary),
                    need: text("Someone who can unblock the fix."),
                    why: text(&e.why),
                    ask: if coin(rng) {
                        "Can you join the bridge in the next ten minutes?".into()
                    } else {
                        "Help!".into()
                    },
                };
                ("ic", Action::Escalate(escalation))
            }
            None => ("ic", Action::ReadHistory),
        },
        7 | 8 => ("comms", Action::Communicate(random_message(rng, s, engine))),
        9 => match pick(rng, &s.decisions) {
            Some(d) => ("ic", Action::Decide(d.id.clone())),
            None => ("ic", Action::ReadHistory),
        },
        _ => match pick(rng, &s.coordination) {
            Some(c) if coin(rng) => {
                ("comms", Action::Coordinate { id: c.id.clone(), message: c.title.clone() })
            }
            _ => ("scribe", Action::Note { text: "Status checked.".into(), moment: None }),
        },
    }
}

fn random_message(rng: &mut ChaCha8Rng, s: &Scenario, engine: &Engine) -> Communication {
    let st = engine.state();
    let truthful = coin(rng);
    let audiences: Vec<Audience> = AUDIENCES.iter().copied().filter(|_| draw(rng, 3) == 0).collect();
    let root = s.facts.iter().find(|f| f.root_cause);
    let fields = CommFields {
        issue: if coin(rng) { s.title.clone() } else { String::new() },
        severity: coin(rng).then(|| if truthful { st.true_sev } else { SEVS[draw(rng, 4) as usize] }),
        impact: if truthful { st.impact_summary.clone() } else { "A minor blip for a few users.".into() },
        users_percent: coin(rng).then_some(if truthful { st.users_percent } else { 5 }),
        status: coin(rng).then(|| STATUSES[draw(rng, 5) as usize]),
        lead: if coin(rng) { "Bot".into() } else { String::new() },
        channel: if coin(rng) { "#incident".into() } else { String::new() },
        next_update_in: coin(rng).then(|| Dur::mins(15 * (1 + draw(rng, 4)))),
        dos: if coin(rng) { vec!["Point customers to the status page.".into()] } else { Vec::new() },
        do_not: if coin(rng) { vec!["Do not promise a fix time.".into()] } else { Vec::new() },
        cause: root.filter(|_| coin(rng)).map(|f| Cause { text: f.text.clone(), confirmed: coin(rng) }),
        eta: (draw(rng, 4) == 0).then(|| Dur::mins(30)),
        started: if coin(rng) { s.clock.start.0.format("%H:%M").to_string() } else { String::new() },
        duration: String::new(),
        fix: if st.resolved_at.is_some() { s.resolution.text.clone() } else { String::new() },
        postmortem: String::new(),
    };
    let template = TEMPLATES[draw(rng, TEMPLATES.len() as u64) as usize];
    Communication { template, audiences, fields, text: st.impact_summary.clone() }
}

fn random_review_action(rng: &mut ChaCha8Rng, s: &Scenario) -> Action {
    let r = &s.review;
    match draw(rng, 5) {
        0 => match pick(rng, &r.blameful_statements) {
            Some(b) => Action::Rewrite {
                statement: b.id.clone(),
                text: if coin(rng) { b.better.clone() } else { b.text.clone() },
            },
            None => Action::AddWhy("The alert came late.".into()),
        },
        1 => Action::AddWhy(pick(rng, &r.why_chain).cloned().unwrap_or_else(|| "Nobody noticed.".into())),
        2 => {
            let categories = [
                FactorCategory::Technical,
                FactorCategory::Process,
                FactorCategory::Human,
                FactorCategory::Organisational,
            ];
            match pick(rng, &r.contributing_factors) {
                Some(f) => Action::AddFactor { category: f.category, text: f.text.clone() },
                None => {
                    Action::AddFactor { category: categories[draw(rng, 4) as usize], text: "Unclear".into() }
                }
            }
        }
        3 => Action::AddActionItem(ActionItem {
            description: "Add an alert for this failure.".into(),
            owner: if coin(rng) { "Platform team".into() } else { String::new() },
            due: if coin(rng) { "2027-01-15".into() } else { String::new() },
            tracking: if coin(rng) { "OPS-101".into() } else { String::new() },
            kind: [ItemKind::Prevent, ItemKind::Detect, ItemKind::Respond][draw(rng, 3) as usize],
        }),
        _ => Action::ScheduleReview(
            (s.clock.start.0 + chrono::Duration::days(1 + draw(rng, 10) as i64))
                .format("%Y-%m-%d 10:00")
                .to_string(),
        ),
    }
}
