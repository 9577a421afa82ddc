//! The engine as participants meet it: refused actions change nothing,
//! injects react to what was (not) done, focus moves the fix, seeds replay.

mod common;
use common::*;
use sevdrill::scenario::{Audience, Sev, Template};
use sevdrill::sim::{Action, ActionError, Actor, Communication, Event, Phase};
use sevdrill::time::Dur;

fn m(x: u64) -> Dur {
    Dur::mins(x)
}

#[test]
fn refused_actions_say_why_and_change_nothing() {
    let s = minimal();
    let mut e = started(&s, 1);
    e.advance_to(m(2));
    let before = (e.state().clone(), e.events().len(), e.actions().len());

    let err = e.apply(m(2), &ic(), Action::Ask("blockin".into())).unwrap_err();
    assert_eq!(err.to_string(), "no question has the id \"blockin\"; did you mean \"blocking\"?");
    let err = e.apply(m(2), &ic(), Action::AddWhy("why".into())).unwrap_err();
    assert!(matches!(err, ActionError::WrongPhase { phase: Phase::Live, .. }), "{err}");
    let err =
        e.apply(m(2), &Actor { name: "Zed".into(), role: "ic".into() }, Action::ReadHistory).unwrap_err();
    assert!(matches!(err, ActionError::UnknownParticipant(_)));
    let err =
        e.apply(m(2), &Actor { name: "Lee".into(), role: "ic".into() }, Action::ReadHistory).unwrap_err();
    assert!(matches!(err, ActionError::RoleNotHeld { .. }));
    let err = e.apply(m(1), &ic(), Action::ReadHistory).unwrap_err();
    assert!(matches!(err, ActionError::TimeWentBackwards { .. }));
    let err = e.apply(m(2), &ic(), Action::StartIncident).unwrap_err();
    assert!(matches!(err, ActionError::WrongPhase { .. }));
    let err = e
        .apply(
            m(2),
            &comms(),
            Action::Communicate(Communication {
                template: Template::Update,
                audiences: vec![],
                fields: Default::default(),
                text: String::new(),
            }),
        )
        .unwrap_err();
    assert!(err.to_string().contains("audience"));

    assert_eq!(before, (e.state().clone(), e.events().len(), e.actions().len()));

    e.apply(m(3), &ic(), Action::Decide("maintenance-page".into())).unwrap();
    let err = e.apply(m(4), &ic(), Action::Decide("maintenance-page".into())).unwrap_err();
    assert!(err.to_string().contains("already taken"), "{err}");
}

#[test]
fn the_ceo_writes_when_nobody_told_the_executives() {
    let s = minimal();
    let mut silent = started(&s, 1);
    let events = silent.advance_to(m(16));
    assert!(events.iter().any(|e| matches!(&e.event, Event::Inject { id, .. } if id == "ceo")));
    assert!(silent.state().stakeholder_trust < 70, "the CEO's email costs trust");

    let mut told = started(&s, 1);
    let msg = Communication {
        template: Template::Initial,
        audiences: vec![Audience::Executives],
        fields: Default::default(),
        text: "Logins are down.".into(),
    };
    told.apply(m(5), &comms(), Action::Communicate(msg)).unwrap();
    told.advance_to(m(30));
    assert!(!told.state().fired.contains_key("ceo"));
}

#[test]
fn pressure_delays_the_fix_and_support_speeds_it() {
    let s = minimal();
    let mut calm = started(&s, 1);
    calm.advance_to(m(40));
    let calm_fix = calm.state().resolved_at.expect("resolves at normal focus");
    // 25 minutes of work at focus 60: 1 500 000 units at 1 100 per second.
    assert_eq!(calm_fix, Dur(1364));

    let mut pushed = started(&s, 1);
    pushed.apply(m(1), &ic(), Action::Ask("when-fixed".into())).unwrap();
    pushed.advance_to(m(40));
    assert!(pushed.state().resolved_at.unwrap() > calm_fix, "pressure costs focus");
    assert!(pushed.state().fired.contains_key("pushback"), "the tech lead pushes back");

    let mut helped = started(&s, 1);
    helped
        .apply(
            m(1),
            &ic(),
            Action::ShareContext {
                topics: vec![sevdrill::scenario::ContextTopic::KeyCustomers],
                text: "BigCo is affected.".into(),
            },
        )
        .unwrap();
    helped.advance_to(m(40));
    assert!(helped.state().resolved_at.unwrap() < calm_fix, "context speeds the fix");
}

#[test]
fn severity_declarations_and_costs_are_tracked() {
    let s = minimal();
    let mut e = started(&s, 1);
    e.apply(m(2), &ic(), Action::Declare(Sev::Sev2)).unwrap();
    e.apply(m(4), &ic(), Action::Declare(Sev::Sev1)).unwrap();
    e.advance_to(m(10));
    assert_eq!(e.state().declared_history, vec![(m(2), Sev::Sev2), (m(4), Sev::Sev1)]);
    // 36 000 per hour at 100 % for 10 minutes.
    assert_eq!(e.state().revenue_lost(), 6000);
}

#[test]
fn seeds_fix_jitter_and_chance() {
    let s = minimal();
    let run = |seed| {
        let mut e = started(&s, seed);
        e.advance_to(m(20));
        (e.state().fired.get("tickets").copied(), e.state().fired.contains_key("tweet"))
    };
    for seed in 0..20 {
        assert_eq!(run(seed), run(seed), "seed {seed} must replay identically");
        let (tickets, _) = run(seed);
        let t = tickets.expect("jitter always fires");
        assert!(t >= m(6) && t <= m(10), "tickets at {t} outside 8m ± 2m");
    }
    let tweets: Vec<bool> = (0..20).map(|s| run(s).1).collect();
    assert!(tweets.contains(&true) && tweets.contains(&false), "a 50% chance varies across seeds");
}

#[test]
fn next_event_time_supports_jump_ahead() {
    let s = minimal();
    let mut e = started(&s, 3);
    let next = e.next_event_time().expect("something is scheduled");
    let events = e.advance_to(next);
    assert!(!events.is_empty(), "jumping to the next event produces it");
}

#[test]
fn review_actions_need_the_review_phase_and_then_count() {
    let s = minimal();
    let mut e = started(&s, 1);
    e.apply(m(10), &ic(), Action::BeginReview).unwrap();
    assert_eq!(e.phase(), Phase::Review);
    e.apply(
        m(11),
        &ic(),
        Action::Rewrite { statement: "b1".into(), text: "The pipeline lacked checks.".into() },
    )
    .unwrap();
    let err =
        e.apply(m(11), &ic(), Action::Rewrite { statement: "b9".into(), text: "x".into() }).unwrap_err();
    assert!(err.to_string().contains("did you mean \"b1\""), "{err}");
    let err = e.apply(m(11), &ic(), Action::ScheduleReview("next tuesday".into())).unwrap_err();
    assert!(err.to_string().contains("not a date"), "{err}");
    e.apply(m(12), &ic(), Action::FinishReview).unwrap();
    assert_eq!(e.phase(), Phase::Debrief);
    assert!(e.advance_to(m(30)).is_empty(), "time stands still in the debrief");
}

#[test]
fn the_facilitator_fires_injects_by_hand_and_nobody_else_can() {
    let s = minimal();
    let mut e = started(&s, 1);
    let facilitator = Actor { name: "Facilitator".into(), role: sevdrill::sim::FACILITATOR.into() };
    assert!(e.upcoming().iter().any(|(_, i)| i.id == "ceo"), "the CEO email is still to come");
    let err = e.apply(m(1), &ic(), Action::FireInject("ceo".into())).unwrap_err();
    assert!(err.to_string().contains("only the facilitator"));
    let err = e.apply(m(1), &facilitator, Action::Declare(Sev::Sev1)).unwrap_err();
    assert!(err.to_string().contains("can only fire injects"));
    let events = e.apply(m(2), &facilitator, Action::FireInject("ceo".into())).unwrap();
    assert!(events.iter().any(|ev| matches!(&ev.event, Event::Inject { id, .. } if id == "ceo")));
    assert!(!e.upcoming().iter().any(|(_, i)| i.id == "ceo"), "it fires once");
    let err = e.apply(m(3), &facilitator, Action::FireInject("ceo".into())).unwrap_err();
    assert!(err.to_string().contains("already fired"));
}
