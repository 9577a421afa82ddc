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

fn verdict(card: &Scorecard, id: &str) -> Verdict {
    card.principles
        .iter()
        .find(|p| p.id == id)
        .map(|p| p.verdict)
        .unwrap_or_else(|| panic!("{id} not scored"))
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
    assert_eq!(verdict(&card, "SEV-PROMPT"), Verdict::Met);
}

#[test]
fn never_declaring_misses_the_prompt_declaration() {
    let card = session(&[]);
    assert_eq!(verdict(&card, "SEV-PROMPT"), Verdict::Missed);
    assert!(card.total < 35.0, "doing nothing scores low: {}", card.total);
}
