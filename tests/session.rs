//! The core session without any front end: what the GUI (and a session
//! host) rely on — acting journals at once, the feed marks what is new,
//! and a session resumed from its journal is the session it was.

mod common;

use common::{minimal, team};
use sevdrill::scenario::Sev;
use sevdrill::session::Session;
use sevdrill::sim::{Action, Actor, Phase};
use sevdrill::time::Dur;

fn ic() -> Actor {
    Actor { name: "Dana".into(), role: "ic".into() }
}

#[test]
fn acting_updates_the_feed_and_the_journal_and_resume_restores_both() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(minimal(), 7, team(), Some(dir.path())).unwrap();
    s.act(&ic(), Action::StartIncident).unwrap();
    s.advance_to(Dur::mins(2));
    s.act(&ic(), Action::Declare(Sev::Sev1)).unwrap();
    assert_eq!(s.phase(), Phase::Live);
    assert!(s.unread() > 0, "the page at T+0 is new to the room");
    s.mark_all_read();
    assert_eq!(s.unread(), 0);
    // A refused action says why and changes nothing.
    let before = s.feed.len();
    assert!(s.act(&Actor { name: "Nobody".into(), role: "ic".into() }, Action::ReadHistory).is_err());
    assert_eq!(s.feed.len(), before);

    let path = s.log_path.clone().expect("a journal was written");
    let lines = std::fs::read_to_string(&path).unwrap().lines().count();
    assert_eq!(lines, 3, "a header and one flushed line per accepted action");
    let resumed = Session::resume(minimal(), &path).unwrap();
    assert_eq!(resumed.engine.state().declared, s.engine.state().declared);
    assert_eq!(resumed.scorecard().total, s.scorecard().total);
    assert_eq!(
        resumed.feed.iter().map(|f| &f.event).collect::<Vec<_>>(),
        s.feed.iter().map(|f| &f.event).take(resumed.feed.len()).collect::<Vec<_>>()
    );
}

#[test]
fn actors_are_every_participant_role_pair_in_setup_order() {
    let s = Session::start(minimal(), 7, team(), None).unwrap();
    let pairs: Vec<(String, String)> = s.actors().into_iter().map(|a| (a.name, a.role)).collect();
    assert_eq!(
        pairs,
        [("Dana", "ic"), ("Dana", "tech"), ("Lee", "comms"), ("Lee", "scribe")]
            .map(|(n, r)| (n.to_string(), r.to_string()))
    );
    assert_eq!(s.actor_for("scribe").unwrap().name, "Lee");
}

#[test]
fn the_clock_turns_real_time_times_speed_into_simulated_seconds() {
    use sevdrill::session::Speed;
    use std::time::Duration;
    let mut s = Session::start(minimal(), 7, team(), None).unwrap();
    s.start_speed = Speed::X2;
    s.run_clock(Duration::from_secs(5));
    assert_eq!(s.engine.now(), Dur::ZERO, "the clock stands before the incident starts");
    s.begin_incident().unwrap();
    assert_eq!(s.speed, Speed::X2, "it runs at the speed chosen at setup");
    s.run_clock(Duration::from_millis(750));
    assert_eq!(s.engine.now(), Dur::secs(1), "1.5 simulated seconds: one shown, half carried");
    s.run_clock(Duration::from_millis(250));
    assert_eq!(s.engine.now(), Dur::secs(2));
    // A front end waking from a long sleep: at most one real second counts.
    s.run_clock(Duration::from_secs(60));
    assert_eq!(s.engine.now(), Dur::secs(4));
    s.set_speed(Speed::Paused);
    s.run_clock(Duration::from_secs(1));
    assert_eq!(s.engine.now(), Dur::secs(4));
    // Ending the live phase stops the clock.
    s.set_speed(Speed::X10);
    s.act(&ic(), Action::BeginReview).unwrap();
    assert_eq!(s.speed, Speed::Paused);
}
