//! Targeted checks of scoring rules on a scenario whose true severity
//! changes (SEV3 → SEV2 at 10m → SEV1 at 22m).

mod common;
use common::*;
use sevdrill::scenario::{Sev, load_file};
use sevdrill::scoring::{Scorecard, Verdict, score_engine};
use sevdrill::sim::{Action, Engine};
use sevdrill::time::Dur;
use std::sync::Arc;

fn session(declarations: &[(u64, Sev)]) -> Scorecard {
    let loaded = load_file(std::path::Path::new("scenarios/search-degradation-escalates.ron")).unwrap();
    let mut e = Engine::new(Arc::new(loaded.scenario), 1, team());
    e.apply(Dur::ZERO, &ic(), Action::StartIncident).unwrap();
    for (m, sev) in declarations {
        e.apply(Dur::mins(*m), &ic(), Action::Declare(*sev)).unwrap();
    }
    e.advance_to(Dur::mins(30));
    e.apply(Dur::mins(30), &ic(), Action::BeginReview).unwrap();
    score_engine(&e)
}

#[test]
fn re_declaring_within_ten_minutes_of_a_change_is_not_under_classifying() {
    let card = session(&[(2, Sev::Sev3), (15, Sev::Sev2), (27, Sev::Sev1)]);
    assert_eq!(verdict(&card, "SEV-UNDER"), Verdict::Met, "{}", card.to_text());
    assert_eq!(verdict(&card, "SEV-REASSESS"), Verdict::Met);
}

#[test]
fn staying_on_the_old_severity_is_under_classifying_and_a_missed_reassessment() {
    let card = session(&[(2, Sev::Sev3)]);
    assert_eq!(verdict(&card, "SEV-UNDER"), Verdict::Violated, "{}", card.to_text());
    assert_eq!(verdict(&card, "SEV-REASSESS"), Verdict::Missed);
}

#[test]
fn crying_sev1_for_a_sev3_is_over_classifying() {
    let card = session(&[(1, Sev::Sev1)]);
    assert_eq!(verdict(&card, "SEV-OVER"), Verdict::Violated, "{}", card.to_text());
    // Quick, but two levels off: a guess earns half the promptness credit.
    assert_eq!(verdict(&card, "SEV-PROMPT"), Verdict::Partly);
}

#[test]
fn never_declaring_misses_the_prompt_declaration() {
    let card = session(&[]);
    assert_eq!(verdict(&card, "SEV-PROMPT"), Verdict::Missed);
    assert!(card.total < 35.0, "doing nothing scores low: {}", card.total);
}

use sevdrill::scenario::{Audience, Template};
use sevdrill::sim::{CommFields, Communication, Status};

fn message(template: Template, audiences: Vec<Audience>, status: Status, next: Option<u64>) -> Action {
    Action::Communicate(Communication {
        template,
        audiences,
        fields: CommFields {
            issue: "Users cannot log in".into(),
            severity: Some(Sev::Sev1),
            impact: "Every user is unable to log in".into(),
            users_percent: Some(100),
            status: Some(status),
            lead: "Dana".into(),
            channel: "#inc-login".into(),
            next_update_in: next.map(Dur::mins),
            dos: vec!["Point customers to the status page".into()],
            do_not: vec!["Do not promise a fix time".into()],
            ..Default::default()
        },
        text: String::new(),
    })
}

/// The minimal scenario, played until just before its fix lands; returns
/// the engine and the time of the fix.
fn until_just_before_the_fix() -> (Engine, Dur) {
    let loaded = minimal();
    let mut probe = started(&loaded, 4);
    probe.advance_to(Dur::mins(39));
    let fixed = probe.state().resolved_at.expect("the minimal scenario resolves by itself");
    (started(&loaded, 4), fixed)
}

#[test]
fn an_update_before_the_fix_and_the_resolution_after_it_do_not_disagree() {
    let (mut e, fixed) = until_just_before_the_fix();
    let before = fixed.saturating_sub(Dur(60));
    e.apply(
        before,
        &comms(),
        message(Template::Update, vec![Audience::Executives], Status::Mitigating, Some(30)),
    )
    .unwrap();
    let after = fixed + Dur(30);
    e.apply(
        after,
        &comms(),
        message(Template::Resolution, vec![Audience::AllStakeholders], Status::Resolved, None),
    )
    .unwrap();
    let card = score_engine(&e);
    assert!(
        card.findings.iter().all(|f| !(f.principle == "COMM-CONSISTENT" && f.verdict == Verdict::Violated)),
        "{}",
        card.to_text()
    );

    // Two messages a minute apart that really disagree are still caught.
    let (mut e, _) = until_just_before_the_fix();
    e.apply(
        Dur::mins(5),
        &comms(),
        message(Template::Initial, vec![Audience::Executives], Status::Investigating, Some(20)),
    )
    .unwrap();
    let mut rosy = message(Template::Update, vec![Audience::AllStakeholders], Status::Monitoring, Some(20));
    if let Action::Communicate(c) = &mut rosy {
        c.fields.users_percent = Some(10);
    }
    e.apply(Dur::mins(6), &comms(), rosy).unwrap();
    let card = score_engine(&e);
    assert_eq!(verdict(&card, "COMM-CONSISTENT"), Verdict::Violated, "{}", card.to_text());
}

#[test]
fn a_promise_overtaken_by_the_fix_is_kept_by_a_prompt_resolution_message() {
    let (mut e, fixed) = until_just_before_the_fix();
    // Promise an update due a minute before the fix lands…
    let sent = fixed.saturating_sub(Dur(60) + Dur::mins(10));
    e.apply(
        sent,
        &comms(),
        message(Template::Initial, vec![Audience::Executives], Status::Investigating, Some(10)),
    )
    .unwrap();
    // …and send the resolution message a minute and a half after the fix.
    e.apply(
        fixed + Dur(90),
        &comms(),
        message(Template::Resolution, vec![Audience::Executives], Status::Resolved, None),
    )
    .unwrap();
    let card = score_engine(&e);
    assert!(
        !card.findings.iter().any(|f| f.principle == "COMM-CADENCE" && f.evidence.contains("promised")),
        "{}",
        card.to_text()
    );
}
