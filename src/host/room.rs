//! The room: what the host does with what seats say, with no sockets and
//! no clock of its own. It checks each seat's token and roles, puts its
//! actions through the session (the same validation and journal as the
//! GUI's), answers, and tells every seat what changed. Whoever owns the
//! session — the GUI or the headless host — feeds it inputs and delivers
//! its outputs, so tests drive it directly.

use super::protocol::{ClientMsg, Doing, RateLimit, ServerMsg, parse_client};
use super::seats::SeatBook;
use super::view::{self, Activity, SeatInfo};
use crate::session::{ActError, Session};
use crate::sim::{Action, Actor, FACILITATOR, Phase};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A connection, numbered by the server in the order they open.
pub type ConnId = u64;

/// An activity nobody refreshed for this long is over (a closed laptop).
pub const ACTIVITY_TIMEOUT: Duration = Duration::from_secs(90);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A WebSocket opened with this token.
    Open {
        conn: ConnId,
        token: String,
    },
    /// A text message arrived.
    Text {
        conn: ConnId,
        text: String,
    },
    /// A binary message arrived (the protocol has none).
    Binary {
        conn: ConnId,
    },
    Close {
        conn: ConnId,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Out {
    Send(ConnId, Arc<str>),
    /// Close the connection after what was sent to it.
    Close(ConnId),
}

struct Conn {
    seat: usize,
    rate: RateLimit,
}

/// What was last published, to tell whether anything changed.
#[derive(Debug, Clone, PartialEq, Default)]
struct Mark {
    events: usize,
    now: u64,
    phase: Option<Phase>,
    speed: u64,
    scores_live: bool,
    activity: u64,
}

pub struct Room {
    pub book: SeatBook,
    conns: BTreeMap<ConnId, Conn>,
    activity: BTreeMap<String, (Doing, Instant)>,
    /// Bumped whenever activity or connections change.
    activity_gen: u64,
    /// How far into the engine's events the seats have been told, and how
    /// many feed items that made.
    events_seen: usize,
    feed_sent: usize,
    mark: Mark,
}

impl Room {
    /// A room for `session`, whose events so far count as published: a
    /// seat connecting gets them in its `state`.
    pub fn new(book: SeatBook, session: &Session) -> Room {
        let events = session.engine.events().len();
        Room {
            book,
            conns: BTreeMap::new(),
            activity: BTreeMap::new(),
            activity_gen: 0,
            events_seen: events,
            feed_sent: view::feed(session).count(),
            mark: Room::mark_of(session, 0),
        }
    }

    fn mark_of(s: &Session, activity: u64) -> Mark {
        Mark {
            events: s.engine.events().len(),
            now: s.engine.now().as_secs(),
            phase: Some(s.phase()),
            speed: s.speed.factor(),
            scores_live: s.scores_live,
            activity,
        }
    }

    /// Who has a seat open now, in seat order.
    pub fn connected(&self) -> Vec<String> {
        let open: BTreeSet<usize> = self.conns.values().map(|c| c.seat).collect();
        open.into_iter().map(|i| self.book.seats[i].name.clone()).collect()
    }

    /// Who is doing what, for the room view.
    pub fn activity(&self) -> Vec<Activity> {
        self.activity
            .iter()
            .map(|(name, (doing, _))| Activity {
                name: name.clone(),
                doing: *doing,
                words: doing.words().into(),
            })
            .collect()
    }

    fn status(&self, s: &Session, facilitator: bool) -> Box<view::RoomStatus> {
        Box::new(view::status(s, self.activity(), self.connected(), facilitator))
    }

    fn send(conn: ConnId, msg: &ServerMsg) -> Out {
        Out::Send(conn, msg.to_json().into())
    }

    /// Handles one input at real time `now` and Unix time `unix` (for
    /// token expiry). Returns what to send; `sync` then tells everyone
    /// what changed.
    pub fn handle(&mut self, s: &mut Session, input: Input, now: Instant, unix: i64) -> Vec<Out> {
        match input {
            Input::Open { conn, token } => match self.book.find(&token, unix) {
                Ok(seat) => {
                    self.conns.insert(conn, Conn { seat, rate: RateLimit::new(now) });
                    self.activity_gen += 1;
                    let info = &self.book.seats[seat];
                    let facilitator = info.facilitator;
                    let welcome = ServerMsg::Welcome {
                        seat: SeatInfo {
                            name: info.name.clone(),
                            roles: view::roles(s, &info.roles),
                            facilitator,
                            scenario: s.scenario().id.clone(),
                            title: s.scenario().title.clone(),
                        },
                        deck: Box::new(view::deck(s)),
                    };
                    let feed = view::feed(s).map(|e| view::card(s, e)).collect();
                    let state = ServerMsg::State { feed, status: self.status(s, facilitator) };
                    vec![Room::send(conn, &welcome), Room::send(conn, &state)]
                }
                Err(e) => {
                    vec![Room::send(conn, &ServerMsg::Error { message: e.to_string() }), Out::Close(conn)]
                }
            },
            Input::Close { conn } => {
                if let Some(c) = self.conns.remove(&conn) {
                    let name = &self.book.seats[c.seat].name;
                    if !self.conns.values().any(|o| o.seat == c.seat) {
                        self.activity.remove(name);
                    }
                    self.activity_gen += 1;
                }
                Vec::new()
            }
            Input::Binary { conn } => {
                vec![Room::send(
                    conn,
                    &ServerMsg::Error { message: "send JSON text messages, not binary ones".into() },
                )]
            }
            Input::Text { conn, text } => {
                let Some(c) = self.conns.get_mut(&conn) else { return Vec::new() };
                if !c.rate.allow(now) {
                    let message = format!(
                        "too many messages: a seat may send {} a second; this one was dropped",
                        super::protocol::RATE_PER_SEC
                    );
                    return vec![Room::send(conn, &ServerMsg::Error { message })];
                }
                let seat = c.seat;
                match parse_client(&text) {
                    Ok(msg) => self.message(s, conn, seat, msg, now),
                    Err(message) => vec![Room::send(conn, &ServerMsg::Error { message })],
                }
            }
        }
    }

    fn message(
        &mut self,
        s: &mut Session,
        conn: ConnId,
        seat: usize,
        msg: ClientMsg,
        now: Instant,
    ) -> Vec<Out> {
        let info = self.book.seats[seat].clone();
        let only_facilitator = |what: &str| {
            vec![Room::send(
                conn,
                &ServerMsg::Error { message: format!("only the facilitator's seat can {what}") },
            )]
        };
        match msg {
            ClientMsg::Ping => vec![Room::send(conn, &ServerMsg::Pong)],
            ClientMsg::Check { communication } => {
                vec![Room::send(
                    conn,
                    &ServerMsg::Checked { missing: crate::scoring::missing_fields(&communication) },
                )]
            }
            ClientMsg::Doing { what } => {
                if !info.facilitator {
                    let changed = match what {
                        Some(d) => {
                            self.activity.insert(info.name.clone(), (d, now)).map(|(old, _)| old) != Some(d)
                        }
                        None => self.activity.remove(&info.name).is_some(),
                    };
                    if changed {
                        self.activity_gen += 1;
                    }
                }
                Vec::new()
            }
            ClientMsg::Speed { speed } if info.facilitator => {
                s.set_speed(speed.into());
                Vec::new()
            }
            ClientMsg::AdvanceTo { t } if info.facilitator => {
                if t > s.engine.now() {
                    s.advance_to(t);
                    s.carry_ms = 0;
                }
                Vec::new()
            }
            ClientMsg::NextEvent if info.facilitator => {
                s.jump_to_next_event();
                Vec::new()
            }
            ClientMsg::Speed { .. } => only_facilitator("set the clock's speed"),
            ClientMsg::AdvanceTo { .. } | ClientMsg::NextEvent => only_facilitator("move the clock"),
            ClientMsg::Act { id, role, after, action } => {
                let refuse = |error: String| vec![Room::send(conn, &ServerMsg::Refused { id, error })];
                let actor = if info.facilitator {
                    if role != FACILITATOR {
                        return refuse(format!(
                            "the facilitator's seat acts as \"{FACILITATOR}\", not \"{role}\""
                        ));
                    }
                    Actor { name: "Facilitator".into(), role }
                } else {
                    if !info.roles.contains(&role) {
                        let held =
                            view::roles(s, &info.roles).into_iter().map(|r| r.name).collect::<Vec<_>>();
                        return refuse(format!(
                            "{} holds {} at this seat, not \"{role}\"; the facilitator assigns roles",
                            info.name,
                            held.join(" and ")
                        ));
                    }
                    Actor { name: info.name.clone(), role }
                };
                // A resend of an action that was applied before its
                // acknowledgement got through: say so, do not apply it again.
                if !info.facilitator && s.actions_by(&info.name) > after {
                    let at = s
                        .engine
                        .actions()
                        .iter()
                        .filter(|a| a.actor.name == info.name)
                        .nth(after as usize)
                        .map(|a| a.at);
                    return vec![Room::send(
                        conn,
                        &ServerMsg::Ack { id, at: at.unwrap_or_default(), duplicate: true },
                    )];
                }
                if !info.facilitator && s.actions_by(&info.name) < after {
                    return refuse(format!(
                        "this seat counts {after} actions by {} but the host has {}: reload the page",
                        info.name,
                        s.actions_by(&info.name)
                    ));
                }
                let starts = matches!(action, Action::StartIncident);
                match s.act_via(&actor, action, Some(crate::replay::VIA_SEAT)) {
                    Ok(at) => {
                        if starts {
                            s.speed = s.start_speed;
                            s.carry_ms = 0;
                        }
                        if self.activity.remove(&info.name).is_some() {
                            self.activity_gen += 1;
                        }
                        vec![Room::send(conn, &ServerMsg::Ack { id, at, duplicate: false })]
                    }
                    Err(ActError::Refused(e)) => refuse(e),
                    Err(ActError::NotSaved(e)) => vec![Room::send(
                        conn,
                        &ServerMsg::Error {
                            message: format!(
                                "the action was taken but the host could not write its journal: {e}"
                            ),
                        },
                    )],
                }
            }
        }
    }

    /// Tells every open seat what changed since the last call, if anything
    /// did; ends activities nobody refreshed.
    pub fn sync(&mut self, s: &Session, now: Instant) -> Vec<Out> {
        let before = self.activity.len();
        self.activity.retain(|_, (_, since)| now.saturating_duration_since(*since) < ACTIVITY_TIMEOUT);
        if self.activity.len() != before {
            self.activity_gen += 1;
        }
        let mark = Room::mark_of(s, self.activity_gen);
        if mark == self.mark {
            return Vec::new();
        }
        self.mark = mark;
        let events = s.engine.events();
        let new: Vec<_> = events[self.events_seen.min(events.len())..]
            .iter()
            .filter(|e| e.event.on_feed())
            .map(|e| view::card(s, e))
            .collect();
        let from = self.feed_sent;
        self.events_seen = events.len();
        self.feed_sent += new.len();
        if self.conns.is_empty() {
            return Vec::new();
        }
        let mut texts: [Option<Arc<str>>; 2] = [None, None];
        let mut out = Vec::new();
        for (conn, c) in &self.conns {
            let facilitator = self.book.seats[c.seat].facilitator;
            let text = texts[usize::from(facilitator)].get_or_insert_with(|| {
                ServerMsg::Update { from, feed: new.clone(), status: self.status(s, facilitator) }
                    .to_json()
                    .into()
            });
            out.push(Out::Send(*conn, Arc::clone(text)));
        }
        out
    }

    /// Forgets a connection the server had to drop (a seat too slow to
    /// read what it was sent); it reconnects and gets the whole state.
    pub fn dropped(&mut self, conn: ConnId) {
        if self.conns.remove(&conn).is_some() {
            self.activity_gen += 1;
        }
    }
}
