//! The host's room without sockets: tokens, roles, resends, limits, and what
//! a seat is told — driven directly, as the GUI or the headless host does.

use serde_json::{Value, json};
use sevdrill::host::protocol::MAX_MESSAGE_BYTES;
use sevdrill::host::room::{ConnId, Input, Out, Room};
use sevdrill::host::seats::SeatBook;
use sevdrill::scenario::load_file;
use sevdrill::session::Session;
use sevdrill::sim::Participant;
use std::path::Path;
use std::time::{Duration, Instant};

struct Fixture {
    session: Session,
    room: Room,
    now: Instant,
    unix: i64,
}

fn fixture() -> Fixture {
    let loaded = load_file(Path::new("scenarios/payments-peak-outage.ron")).unwrap();
    let participants = vec![
        Participant { name: "Dana".into(), roles: vec!["ic".into()] },
        Participant { name: "Lee".into(), roles: vec!["comms".into(), "scribe".into()] },
    ];
    let session = Session::start(loaded, 7, participants, None).unwrap();
    let book = SeatBook::issue(session.engine.participants(), 1_000, 24).unwrap();
    let room = Room::new(book, &session);
    Fixture { session, room, now: Instant::now(), unix: 1_000 }
}

fn texts(outs: &[Out], conn: ConnId) -> Vec<Value> {
    outs.iter()
        .filter_map(|o| match o {
            Out::Send(c, t) if *c == conn => Some(serde_json::from_str(t).unwrap()),
            _ => None,
        })
        .collect()
}

impl Fixture {
    fn token(&self, name: &str) -> String {
        self.room.book.seats.iter().find(|s| s.name == name).unwrap().token.clone()
    }
    fn input(&mut self, input: Input) -> Vec<Out> {
        self.now += Duration::from_millis(100);
        let mut outs = self.room.handle(&mut self.session, input, self.now, self.unix);
        outs.extend(self.room.sync(&self.session, self.now));
        outs
    }
    fn open(&mut self, conn: ConnId, name: &str) -> Vec<Value> {
        let token = self.token(name);
        let outs = self.input(Input::Open { conn, token });
        texts(&outs, conn)
    }
    fn say(&mut self, conn: ConnId, msg: Value) -> Vec<Out> {
        self.input(Input::Text { conn, text: msg.to_string() })
    }
    fn reply(&mut self, conn: ConnId, msg: Value) -> Vec<Value> {
        let outs = self.say(conn, msg);
        texts(&outs, conn)
    }
}

#[test]
fn a_seat_is_welcomed_with_its_name_roles_and_the_whole_state() {
    let mut f = fixture();
    let got = f.open(1, "Lee");
    assert_eq!(got[0]["type"], "welcome");
    assert_eq!(got[0]["v"], 1);
    assert_eq!(got[0]["seat"]["name"], "Lee");
    assert_eq!(got[0]["seat"]["roles"][0]["name"], "Communications lead");
    assert_eq!(got[0]["seat"]["facilitator"], false);
    assert_eq!(got[1]["type"], "state");
    assert_eq!(got[1]["status"]["phase"], "Briefing");
    assert!(got[1]["status"]["truth"].is_null());
}

#[test]
fn a_wrong_or_expired_token_is_refused_with_a_reason_and_the_socket_closed() {
    let mut f = fixture();
    let outs = f.input(Input::Open { conn: 1, token: "0".repeat(32) });
    let got = texts(&outs, 1);
    assert_eq!(got[0]["type"], "error");
    assert!(got[0]["message"].as_str().unwrap().contains("not one of this session's"), "{got:?}");
    assert!(outs.contains(&Out::Close(1)));
    f.unix += 25 * 3600;
    let token = f.token("Dana");
    let outs = f.input(Input::Open { conn: 2, token });
    let got = texts(&outs, 2);
    assert!(got[0]["message"].as_str().unwrap().contains("expired"), "{got:?}");
    assert!(outs.contains(&Out::Close(2)));
}

#[test]
fn acting_in_a_role_one_does_not_hold_is_refused_and_nothing_is_journaled() {
    let mut f = fixture();
    f.open(1, "Lee");
    let got =
        f.reply(1, json!({"type": "act", "id": 1, "role": "ic", "after": 0, "action": "StartIncident"}));
    assert_eq!(got[0]["type"], "refused");
    assert!(
        got[0]["error"].as_str().unwrap().contains("Lee holds Communications lead and Scribe"),
        "{got:?}"
    );
    assert_eq!(f.session.engine.actions().len(), 0);
}

#[test]
fn only_the_facilitator_moves_the_clock_or_fires_injects_and_sees_the_truth() {
    let mut f = fixture();
    f.open(1, "Dana");
    let fac = f.open(2, "Facilitator");
    assert!(fac[1]["status"]["truth"]["true_sev"].is_string());
    f.reply(1, json!({"type": "act", "id": 1, "role": "ic", "after": 0, "action": "StartIncident"}));
    let got = f.reply(1, json!({"type": "speed", "speed": "x10"}));
    assert!(
        got.iter()
            .any(|m| m["type"] == "error" && m["message"].as_str().unwrap().contains("only the facilitator"))
    );
    let fired = &f.session.engine.state().fired;
    let inject = f.session.scenario().injects.iter().find(|i| !fired.contains_key(&i.id)).unwrap().id.clone();
    let got = f.reply(
        1,
        json!({"type": "act", "id": 2, "role": "ic", "after": 1, "action": {"FireInject": inject}}),
    );
    assert_eq!(got[0]["type"], "refused", "{got:?}");
    let got = f.reply(
        2,
        json!({"type": "act", "id": 1, "role": "facilitator", "after": 0, "action": {"FireInject": inject}}),
    );
    assert_eq!(got[0]["type"], "ack", "{got:?}");
    f.reply(2, json!({"type": "speed", "speed": "paused"}));
    assert_eq!(f.session.speed, sevdrill::session::Speed::Paused);
}

#[test]
fn a_resent_action_is_acknowledged_again_and_never_applied_twice() {
    let mut f = fixture();
    f.open(1, "Dana");
    let start = json!({"type": "act", "id": 1, "role": "ic", "after": 0, "action": "StartIncident"});
    assert_eq!(f.reply(1, start.clone())[0]["duplicate"], false);
    let declare = json!({"type": "act", "id": 2, "role": "ic", "after": 1, "action": {"Declare": "Sev1"}});
    assert_eq!(f.reply(1, declare.clone())[0]["duplicate"], false);
    // The connection dropped before the acknowledgement; the seat resends.
    f.input(Input::Close { conn: 1 });
    f.open(3, "Dana");
    let again = f.reply(3, declare);
    assert_eq!(again[0]["type"], "ack");
    assert_eq!(again[0]["duplicate"], true);
    assert_eq!(f.session.engine.actions().len(), 2);
    assert_eq!(f.session.engine.state().declared_history.len(), 1);
}

#[test]
fn malformed_oversized_binary_and_too_many_messages_get_error_replies() {
    let mut f = fixture();
    f.open(1, "Dana");
    for bad in ["{", "[1,2]", r#"{"type":"act"}"#, r#"{"type":"launch_missiles"}"#] {
        let got = texts(&f.input(Input::Text { conn: 1, text: bad.into() }), 1);
        assert_eq!(got[0]["type"], "error", "{bad}: {got:?}");
    }
    let huge = format!(r#"{{"type":"doing","what":null,"x":"{}"}}"#, "a".repeat(MAX_MESSAGE_BYTES));
    let got = texts(&f.input(Input::Text { conn: 1, text: huge }), 1);
    assert!(got[0]["message"].as_str().unwrap().contains("the largest a seat may send"), "{got:?}");
    let got = texts(&f.input(Input::Binary { conn: 1 }), 1);
    assert_eq!(got[0]["type"], "error");
    // A burst far beyond the rate: some are dropped with a reason, and the
    // room still answers afterwards.
    let mut limited = 0;
    for _ in 0..100 {
        let outs = f.room.handle(
            &mut f.session,
            Input::Text { conn: 1, text: r#"{"type":"ping"}"#.into() },
            f.now,
            f.unix,
        );
        limited += texts(&outs, 1).iter().filter(|m| m["type"] == "error").count();
    }
    assert!(limited >= 50, "{limited} of 100 limited");
    f.now += Duration::from_secs(5);
    assert_eq!(f.reply(1, json!({"type": "ping"}))[0]["type"], "pong");
}

#[test]
fn drafts_stay_with_their_seat_and_only_the_activity_is_shown() {
    let mut f = fixture();
    f.open(1, "Dana");
    f.open(2, "Lee");
    f.reply(1, json!({"type": "act", "id": 1, "role": "ic", "after": 0, "action": "StartIncident"}));
    let draft = json!({"template": "Update", "audiences": ["Executives"], "text": "SECRET-DRAFT-MARKER",
        "fields": {"issue": "SECRET-DRAFT-MARKER"}});
    let outs = f.say(2, json!({"type": "check", "communication": draft}));
    let to_lee = texts(&outs, 2);
    assert_eq!(to_lee[0]["type"], "checked");
    assert!(to_lee[0]["missing"].as_array().unwrap().iter().any(|m| m == "severity"));
    let outs = f.say(2, json!({"type": "doing", "what": "writing_update"}));
    for o in &outs {
        if let Out::Send(_, t) = o {
            assert!(!t.contains("SECRET-DRAFT-MARKER"));
        }
    }
    let to_dana = texts(&outs, 1);
    let activity = &to_dana.last().unwrap()["status"]["activity"];
    assert_eq!(activity[0]["name"], "Lee");
    assert_eq!(activity[0]["words"], "is writing a stakeholder update");
}

#[test]
fn proposals_come_from_anyone_and_only_a_declaration_changes_the_severity() {
    let mut f = fixture();
    f.open(1, "Dana");
    f.open(2, "Lee");
    f.reply(1, json!({"type": "act", "id": 1, "role": "ic", "after": 0, "action": "StartIncident"}));
    let got = f.reply(
        2,
        json!({"type": "act", "id": 1, "role": "comms", "after": 0,
        "action": {"ProposeSeverity": {"sev": "Sev1", "reason": "every payment fails"}}}),
    );
    assert_eq!(got[0]["type"], "ack", "{got:?}");
    assert_eq!(f.session.engine.state().declared, None);
    let status = &got.last().unwrap()["status"];
    assert_eq!(status["proposals"][0]["by"], "Lee");
    assert_eq!(status["proposals"][0]["reason"], "every payment fails");
    let got = f.reply(
        2,
        json!({"type": "act", "id": 2, "role": "comms", "after": 1,
        "action": {"ProposeSeverity": {"sev": "Sev1", "reason": "  "}}}),
    );
    assert_eq!(got[0]["type"], "refused");
}
