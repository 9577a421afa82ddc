//! One test per class of scoring failure found by outside play (issue #8):
//! activity beating judgment, blame and pressure without list words,
//! one-sided honesty, customer words unchecked, boilerplate counted,
//! re-assessment credited that never happened, and cliffs instead of grades.

mod common;
use common::*;
use sevdrill::scenario::{Audience, Sev, Template, load_file};
use sevdrill::scoring::{Scorecard, Verdict, missing_fields, score_engine};
use sevdrill::sim::{Action, ActionItem, CommFields, Communication, Engine, Escalation, ItemKind, Status};
use sevdrill::time::Dur;
use std::path::Path;
use std::sync::Arc;

fn score_of(card: &Scorecard, id: &str) -> f64 {
    card.principles.iter().find(|p| p.id == id).map(|p| p.score).unwrap_or_else(|| panic!("{id} not scored"))
}

fn engine_on(file: &str, seed: u64) -> Engine {
    let loaded = load_file(Path::new(file)).unwrap();
    let mut e = Engine::new(Arc::new(loaded.scenario), seed, team());
    e.apply(Dur::ZERO, &ic(), Action::StartIncident).unwrap();
    e
}

fn message(template: Template, audiences: Vec<Audience>, fields: CommFields) -> Action {
    Action::Communicate(Communication { template, audiences, fields, text: String::new() })
}

fn review(e: &mut Engine, at: u64) {
    e.advance_to(Dur::mins(at));
    e.apply(Dur::mins(at), &ic(), Action::BeginReview).unwrap();
}

#[test]
fn blame_without_list_words_is_found_in_rewrites_whys_and_action_items() {
    let loaded = minimal();
    let mut e = started(&loaded, 4);
    review(&mut e, 45);
    let t = Dur::mins(46);
    let rewrite = "The engineer who ran the migration caused the outage.";
    e.apply(t, &ic(), Action::Rewrite { statement: "b1".into(), text: rewrite.into() }).unwrap();
    e.apply(t, &ic(), Action::AddWhy("Dana's change broke checkout for everyone.".into())).unwrap();
    let item = ActionItem {
        description: "Sam to be more careful with config changes".into(),
        owner: "Platform".into(),
        due: "2026-12-20".into(),
        tracking: "OPS-1".into(),
        kind: ItemKind::Prevent,
    };
    e.apply(t, &ic(), Action::AddActionItem(item)).unwrap();
    let card = score_engine(&e);
    let blamed: Vec<_> = card
        .findings
        .iter()
        .filter(|f| f.principle == "PIR-BLAMELESS" && f.verdict == Verdict::Violated)
        .collect();
    assert_eq!(blamed.len(), 3, "rewrite, why and action item all blame a person\n{}", card.to_text());
    assert!(card.harm > 0.0);
}

#[test]
fn money_against_the_clock_said_to_engineering_is_pressure() {
    let loaded = minimal();
    let mut e = started(&loaded, 4);
    e.apply(Dur::mins(3), &ic(), Action::Say("We're out $90k every hour this stays down.".into())).unwrap();
    e.apply(Dur::mins(4), &ic(), Action::Say("BigCo is our biggest account, this needs fixing now.".into()))
        .unwrap();
    let card = score_engine(&e);
    let found =
        card.findings.iter().filter(|f| f.principle == "ROLE-PRESSURE" && f.verdict == Verdict::Violated);
    assert_eq!(found.count(), 2, "{}", card.to_text());
}

#[test]
fn filler_fills_no_field() {
    let fields = CommFields {
        issue: "tbd".into(),
        severity: Some(Sev::Sev1),
        impact: "x".into(),
        status: Some(Status::Investigating),
        lead: "n/a".into(),
        channel: "...".into(),
        next_update_in: Some(Dur::mins(20)),
        dos: vec!["TODO".into()],
        do_not: vec!["-".into()],
        ..Default::default()
    };
    let c = Communication {
        template: Template::Initial,
        audiences: vec![Audience::Executives],
        fields,
        text: "".into(),
    };
    assert_eq!(missing_fields(&c), vec!["issue", "impact", "lead", "channel", "do", "do_not"]);
    // Such a message is no notification at all: COMM-FIRST still waits for one.
    let loaded = minimal();
    let mut e = started(&loaded, 4);
    e.apply(Dur::mins(3), &comms(), Action::Communicate(c)).unwrap();
    for m in 4..30 {
        e.apply(Dur::mins(m), &comms(), Action::Note { text: "note".into(), moment: None }).unwrap();
    }
    e.advance_to(Dur::mins(30));
    let card = score_engine(&e);
    assert_eq!(verdict(&card, "COMM-FIRST"), Verdict::Missed, "{}", card.to_text());
    assert_ne!(verdict(&card, "ROLE-DOCUMENT"), Verdict::Met, "content-free notes document nothing");
}

#[test]
fn an_unwarranted_escalation_earns_nothing_for_its_wording() {
    let loaded = minimal();
    let mut e = started(&loaded, 4);
    let full = Escalation {
        to: "press".into(),
        situation: "Every login fails since 14:00 for all users.".into(),
        need: "A press statement ready".into(),
        why: "Journalists may ask about the outage.".into(),
        ask: "Please draft a holding statement today.".into(),
    };
    e.apply(Dur::mins(3), &ic(), Action::Escalate(full)).unwrap();
    let card = score_engine(&e);
    assert_eq!(verdict(&card, "ESC-WHEN"), Verdict::Violated);
    assert_eq!(score_of(&card, "ESC-HOW"), 0.0, "{}", card.to_text());
}

#[test]
fn a_status_page_with_no_audience_still_reaches_customers_and_is_checked_for_jargon() {
    let loaded = minimal();
    let mut e = started(&loaded, 4);
    let fields = CommFields {
        issue: "Login outage".into(),
        impact: "The API returns 503s from the load balancer".into(),
        status: Some(Status::Investigating),
        started: "14:00".into(),
        next_update_in: Some(Dur::mins(30)),
        dos: vec!["Try again later".into()],
        ..Default::default()
    };
    e.apply(Dur::mins(5), &comms(), message(Template::StatusPage, vec![], fields)).unwrap();
    let card = score_engine(&e);
    assert_eq!(verdict(&card, "COMM-CLEAR"), Verdict::Violated, "{}", card.to_text());
}

#[test]
fn executives_for_a_sev3_and_sev1_told_to_customers_are_violations() {
    let mut e = engine_on("scenarios/regional-latency-sev3.ron", 5);
    let fields = CommFields {
        issue: "Videos slow to start in four countries".into(),
        severity: Some(Sev::Sev3),
        impact: "About a quarter of viewers in the region wait longer for videos".into(),
        status: Some(Status::Investigating),
        next_update_in: Some(Dur::mins(30)),
        ..Default::default()
    };
    e.apply(Dur::mins(5), &comms(), message(Template::Update, vec![Audience::Executives], fields.clone()))
        .unwrap();
    let overstated = CommFields { severity: Some(Sev::Sev1), started: "02:10".into(), ..fields };
    e.apply(Dur::mins(6), &comms(), message(Template::StatusPage, vec![Audience::Customers], overstated))
        .unwrap();
    let card = score_engine(&e);
    assert_eq!(verdict(&card, "COMM-AUDIENCE"), Verdict::Violated, "{}", card.to_text());
    assert_eq!(verdict(&card, "COMM-HONEST"), Verdict::Violated, "{}", card.to_text());
}

#[test]
fn a_declaration_made_long_before_a_change_is_no_reassessment() {
    // search-degradation: SEV3, SEV2 at 10m, SEV1 at 22m.
    let mut e = engine_on("scenarios/search-degradation-escalates.ron", 1);
    e.apply(Dur::mins(1), &ic(), Action::Declare(Sev::Sev1)).unwrap();
    review(&mut e, 30);
    let card = score_engine(&e);
    assert_ne!(verdict(&card, "SEV-REASSESS"), Verdict::Met, "{}", card.to_text());
    assert_eq!(verdict(&card, "SEV-OVER"), Verdict::Violated);
}

#[test]
fn a_severity_held_further_off_and_longer_costs_more() {
    // regional-latency: a true SEV3 throughout.
    let over = |sev: Sev, held: u64| {
        let mut e = engine_on("scenarios/regional-latency-sev3.ron", 5);
        e.apply(Dur::mins(2), &ic(), Action::Declare(sev)).unwrap();
        e.apply(Dur::mins(2 + held), &ic(), Action::Declare(Sev::Sev3)).unwrap();
        review(&mut e, 70);
        score_engine(&e)
    };
    let (brief, long, far) = (over(Sev::Sev2, 10), over(Sev::Sev2, 60), over(Sev::Sev1, 60));
    for card in [&brief, &long, &far] {
        assert_eq!(verdict(card, "SEV-OVER"), Verdict::Violated, "{}", card.to_text());
    }
    // One level for 10 minutes is one harm step, one level for the 45
    // minutes until the fix two, two levels as long four (the scenario
    // weighs SEV-OVER ×2, so a step is 4 points here).
    assert_eq!(brief.harm, 4.0, "{}", brief.to_text());
    assert_eq!(long.harm, 8.0, "{}", long.to_text());
    assert_eq!(far.harm, 16.0, "{}", far.to_text());
    assert!(brief.total > long.total && long.total > far.total);
}

#[test]
fn partial_work_earns_partial_credit() {
    let loaded = minimal();
    let mut e = started(&loaded, 4);
    review(&mut e, 45);
    let t = Dur::mins(46);
    for why in [
        "Logins failed because a config change broke the auth service.",
        "The change was not validated before it went out.",
    ] {
        e.apply(t, &ic(), Action::AddWhy(why.into())).unwrap();
    }
    let item = ActionItem {
        description: "Add schema validation to the config pipeline".into(),
        owner: "Platform team".into(),
        due: "".into(),
        tracking: "OPS-12".into(),
        kind: ItemKind::Prevent,
    };
    e.apply(t, &ic(), Action::AddActionItem(item.clone())).unwrap();
    // A due date before the incident is no due date.
    let stale = ActionItem { due: "2001-01-01".into(), kind: ItemKind::Detect, ..item };
    e.apply(t, &ic(), Action::AddActionItem(stale)).unwrap();
    let card = score_engine(&e);
    assert!(score_of(&card, "PIR-ROOT-CAUSE") > 0.0, "two whys earn something\n{}", card.to_text());
    assert!(score_of(&card, "PIR-ACTIONS") > 0.0, "items lacking only a date earn something");
    assert!(score_of(&card, "PIR-ACTIONS") < 85.0);
    assert_eq!(card.metrics.action_item_completeness, Some(0.0), "neither item is complete");
}

#[test]
fn par_shows_what_the_team_s_noise_cost_beside_the_careful_team() {
    let loaded = minimal();
    let mut e = started(&loaded, 4);
    e.apply(Dur::mins(2), &ic(), Action::Ask("when-fixed".into())).unwrap();
    e.apply(Dur::mins(3), &ic(), Action::Ask("restart".into())).unwrap();
    e.advance_to(Dur::mins(60));
    let par = sevdrill::authoring::par::par_of(&e);
    assert!(par.par.total >= 85.0, "the careful team plays the seed well: {}", par.par.total);
    assert!(par.team.total < par.par.total);
    let sentence = par.cost_sentence().expect("the pressure question cost focus");
    assert!(sentence.contains("1 pressure question"), "{sentence}");
    assert!(par.team.final_focus < par.par.final_focus, "{:?}", par);
    // Same scenario, seed and actions: the same par, every time.
    assert_eq!(par, sevdrill::authoring::par::par_of(&e));
}

#[test]
fn when_few_customers_are_hit_a_notice_to_them_beats_a_page_for_everyone() {
    let mut loaded = minimal();
    loaded.scenario.impact.customers_hit = sevdrill::scenario::CustomersHit::Few;
    let page = |template: Template| {
        let fields = CommFields {
            issue: "Some customers cannot log in".into(),
            impact: "Customers on the legacy plan cannot log in".into(),
            status: Some(Status::Investigating),
            started: "14:00".into(),
            next_update_in: Some(Dur::mins(30)),
            dos: vec!["Use the mobile app meanwhile".into()],
            ..Default::default()
        };
        message(template, vec![], fields)
    };
    let public_score = |template: Template| {
        let mut e = Engine::new(Arc::new(loaded.scenario.clone()), 4, team());
        e.apply(Dur::ZERO, &ic(), Action::StartIncident).unwrap();
        e.apply(Dur::mins(5), &comms(), page(template)).unwrap();
        score_of(&score_engine(&e), "COMM-PUBLIC")
    };
    assert_eq!(public_score(Template::CustomerNotice), 100.0);
    assert_eq!(public_score(Template::StatusPage), 50.0, "a page for everyone alarms those who are fine");
}
