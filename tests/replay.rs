//! Sessions replay exactly: random valid action sequences, saved through the
//! journal and re-simulated from the log, give identical events and scorecards.

mod common;
use common::*;
use proptest::prelude::*;
use sevdrill::replay::{Journal, LogEntry, SessionLog, header_for, replay};
use sevdrill::scenario::{Audience, ContextTopic, FactorCategory, Sev, Template};
use sevdrill::scoring::score_engine;
use sevdrill::sim::{
    Action, ActionItem, Actor, CommFields, Communication, Escalation, ItemKind, Moment, Status,
};
use sevdrill::time::Dur;

/// A pool of actions covering every kind, some of which will be refused
/// depending on the moment (wrong phase, repeated decision) — as in real play.
fn pool() -> Vec<(Actor, Action)> {
    let msg = |template, audiences: Vec<Audience>, status| {
        Action::Communicate(Communication {
            template,
            audiences,
            fields: CommFields {
                issue: "Login failures".into(),
                severity: Some(Sev::Sev1),
                status: Some(status),
                next_update_in: Some(Dur::mins(20)),
                ..Default::default()
            },
            text: "We are probably rolling back the deploy".into(),
        })
    };
    vec![
        (ic(), Action::ReadHistory),
        (ic(), Action::Declare(Sev::Sev1)),
        (ic(), Action::Declare(Sev::Sev2)),
        (ic(), Action::Declare(Sev::Sev3)),
        (ic(), Action::Ask("impact".into())),
        (ic(), Action::Ask("blocking".into())),
        (ic(), Action::Ask("when-fixed".into())),
        (ic(), Action::Ask("restart".into())),
        (ic(), Action::Ask("need".into())),
        (
            ic(),
            Action::ShareContext {
                topics: vec![ContextTopic::KeyCustomers, ContextTopic::Revenue],
                text: "BigCo is hit; we are losing money every minute".into(),
            },
        ),
        (ic(), Action::Say("What do you need? Happy to help.".into())),
        (
            ic(),
            Action::Escalate(Escalation {
                to: "vp-eng".into(),
                situation: "Down".into(),
                need: "Help".into(),
                why: "SLA".into(),
                ask: "Join".into(),
            }),
        ),
        (
            ic(),
            Action::Escalate(Escalation {
                to: "press".into(),
                ..Escalation {
                    to: String::new(),
                    situation: String::new(),
                    need: String::new(),
                    why: String::new(),
                    ask: String::new(),
                }
            }),
        ),
        (
            comms(),
            msg(
                Template::Initial,
                vec![Audience::Executives, Audience::AllStakeholders],
                Status::Investigating,
            ),
        ),
        (comms(), msg(Template::Update, vec![Audience::Executives], Status::Mitigating)),
        (comms(), msg(Template::StatusPage, vec![Audience::Customers], Status::Investigating)),
        (comms(), msg(Template::Resolution, vec![Audience::AllStakeholders], Status::Resolved)),
        (ic(), Action::Decide("maintenance-page".into())),
        (ic(), Action::Decide("rollback".into())),
        (comms(), Action::Coordinate { id: "support-points".into(), message: String::new() }),
        (comms(), Action::Coordinate { id: "bigco-am".into(), message: String::new() }),
        (
            Actor { name: "Lee".into(), role: "scribe".into() },
            Action::Note { text: "Something happened".into(), moment: Some(Moment::Diagnosis) },
        ),
        (ic(), Action::BeginReview),
        (ic(), Action::Rewrite { statement: "b1".into(), text: "Sam was careless".into() }),
        (ic(), Action::AddWhy("The pipeline has no validation gate".into())),
        (ic(), Action::AddFactor { category: FactorCategory::Process, text: "No checks".into() }),
        (
            ic(),
            Action::AddActionItem(ActionItem {
                description: "Add checks".into(),
                owner: "Ops".into(),
                due: "2026-03-10".into(),
                tracking: "OPS-1".into(),
                kind: ItemKind::Prevent,
            }),
        ),
        (ic(), Action::ScheduleReview("2026-03-04 10:00".into())),
        (ic(), Action::FinishReview),
    ]
}

fn play(seed: u64, steps: &[(u64, usize)], dir: &std::path::Path) -> (String, String, std::path::PathBuf) {
    let loaded = minimal();
    let pool = pool();
    let path = dir.join(format!("session-{seed}-{}.jsonl", steps.len()));
    let mut journal =
        Journal::create(&path, &header_for(&loaded, seed, team(), "2026-01-01T00:00:00Z".into())).unwrap();
    let mut engine = started(&loaded, seed);
    journal
        .append(&LogEntry {
            at: Dur::ZERO,
            by: "Dana".into(),
            role: "ic".into(),
            action: Action::StartIncident,
            via: None,
        })
        .unwrap();
    let mut t = 0;
    for (dt, pick) in steps {
        t += dt;
        let (actor, action) = pool[*pick % pool.len()].clone();
        if engine.apply(Dur(t), &actor, action.clone()).is_ok() {
            journal
                .append(&LogEntry { at: Dur(t), by: actor.name, role: actor.role, action, via: None })
                .unwrap();
        }
    }
    let events = serde_json::to_string(engine.events()).unwrap();
    let card = score_engine(&engine).to_json();
    (events, card, path)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn a_replayed_log_gives_the_same_events_and_scorecard(
        seed in 0u64..1000,
        steps in proptest::collection::vec((0u64..240, 0usize..64), 1..40),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let (events, card, path) = play(seed, &steps, dir.path());
        let log = SessionLog::load(&path).unwrap();
        let replayed = replay(&minimal(), &log).unwrap();
        prop_assert_eq!(events, serde_json::to_string(replayed.events()).unwrap());
        prop_assert_eq!(card, score_engine(&replayed).to_json());
    }
}

#[test]
fn the_same_session_played_twice_is_identical() {
    let dir = tempfile::tempdir().unwrap();
    let steps: Vec<(u64, usize)> = (0..30).map(|i| (37 + i * 11, (i * 7) as usize)).collect();
    let a = play(5, &steps, dir.path());
    let b = play(5, &steps, &dir.path().join("again"));
    assert_eq!(a.0, b.0);
    assert_eq!(a.1, b.1);
}

#[test]
fn a_cut_off_last_line_loses_only_that_line() {
    let dir = tempfile::tempdir().unwrap();
    let steps: Vec<(u64, usize)> = (0..10).map(|i| (60, i)).collect();
    let (_, card, path) = play(2, &steps, dir.path());
    let full = SessionLog::load(&path).unwrap();
    // Simulate a crash in the middle of writing one more action.
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("{\"at\":\"30m\",\"by\":\"Da");
    std::fs::write(&path, &text).unwrap();
    let cut = SessionLog::load(&path).unwrap();
    assert!(cut.truncated_tail);
    assert_eq!(cut.entries, full.entries);
    assert_eq!(score_engine(&replay(&minimal(), &cut).unwrap()).to_json(), card);
    // Resuming trims the broken line and appends after it.
    let mut j = Journal::resume(&path).unwrap();
    j.append(&LogEntry {
        at: Dur::mins(30),
        by: "Dana".into(),
        role: "ic".into(),
        action: Action::ReadHistory,
        via: None,
    })
    .unwrap();
    let resumed = SessionLog::load(&path).unwrap();
    assert!(!resumed.truncated_tail);
    assert_eq!(resumed.entries.len(), full.entries.len() + 1);
}

#[test]
fn a_log_from_a_changed_scenario_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _, path) = play(1, &[(60, 1)], dir.path());
    let log = SessionLog::load(&path).unwrap();
    let edited = sevdrill::scenario::load_str(
        "tests/fixtures/minimal.ron",
        &MINIMAL.replace("Login outage", "Login outage v2"),
    )
    .unwrap();
    let err = replay(&edited, &log).unwrap_err();
    assert!(err.to_string().contains("different version of scenario \"minimal-outage\""), "{err}");
}
