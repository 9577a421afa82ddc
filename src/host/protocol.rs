//! The seat protocol: versioned JSON messages over one WebSocket per seat,
//! as `docs/PROTOCOL.md` documents them. Actions travel in the same serde
//! form as action scripts, so a seat's action is exactly a script's step.

use super::view::{Deck, RoomStatus, SeatCard, SeatInfo};
use crate::session::Speed;
use crate::sim::{Action, Communication};
use crate::time::Dur;
use serde::{Deserialize, Serialize};

/// Bumped on any change a client written for the old version would misread.
pub const PROTOCOL_VERSION: u32 = 1;

/// Largest message a seat may send; larger ones get an `error` reply.
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024;

/// Larger frames are cut off by the WebSocket layer itself (the connection
/// closes): the reply path above needs the message read first.
pub const MAX_FRAME_BYTES: usize = 1024 * 1024;

/// A seat may send this many messages a second on average…
pub const RATE_PER_SEC: f64 = 20.0;
/// …and this many in a burst.
pub const RATE_BURST: f64 = 40.0;

/// What a seat says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClientMsg {
    /// Take an action in one of the seat's roles. `after` is how many
    /// actions this participant had taken when the seat sent it (from the
    /// last `state`): a resend after a reconnect whose first try was
    /// already applied is acknowledged again, never applied twice.
    Act {
        id: u64,
        role: String,
        after: u64,
        action: Action,
    },
    /// What the participant is busy with, for the room view ("Rhys is
    /// writing a stakeholder update"); `null` when nothing.
    Doing {
        what: Option<Doing>,
    },
    /// Which fields of a draft message are still missing (the composer's
    /// check; the draft is not kept or shown to anyone).
    Check {
        communication: Communication,
    },
    /// Facilitator only: the clock's speed, for everyone.
    Speed {
        speed: SpeedName,
    },
    /// Facilitator only: move the clock to a moment (scripted remote play).
    AdvanceTo {
        t: Dur,
    },
    /// Facilitator only: jump to the next scheduled event.
    NextEvent,
    Ping,
}

/// The speeds, as the protocol spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeedName {
    Paused,
    X1,
    X2,
    X5,
    X10,
}

impl From<SpeedName> for Speed {
    fn from(s: SpeedName) -> Speed {
        match s {
            SpeedName::Paused => Speed::Paused,
            SpeedName::X1 => Speed::X1,
            SpeedName::X2 => Speed::X2,
            SpeedName::X5 => Speed::X5,
            SpeedName::X10 => Speed::X10,
        }
    }
}

impl From<Speed> for SpeedName {
    fn from(s: Speed) -> SpeedName {
        match s {
            Speed::Paused => SpeedName::Paused,
            Speed::X1 => SpeedName::X1,
            Speed::X2 => SpeedName::X2,
            Speed::X5 => SpeedName::X5,
            Speed::X10 => SpeedName::X10,
        }
    }
}

/// What a participant can be busy with; the room view says it in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Doing {
    WritingInitial,
    WritingUpdate,
    WritingStatusPage,
    WritingResolution,
    WritingCustomerNotice,
    Escalating,
    Asking,
    Deciding,
    Coordinating,
    SharingContext,
    PostingInChannel,
    ProposingSeverity,
    DeclaringSeverity,
    TakingNotes,
    Reviewing,
}

impl Doing {
    pub fn words(self) -> &'static str {
        match self {
            Doing::WritingInitial => "is writing the initial notification",
            Doing::WritingUpdate => "is writing a stakeholder update",
            Doing::WritingStatusPage => "is writing a status page post",
            Doing::WritingResolution => "is writing the resolution notice",
            Doing::WritingCustomerNotice => "is writing a notice to affected customers",
            Doing::Escalating => "is writing an escalation",
            Doing::Asking => "is choosing a question for the responders",
            Doing::Deciding => "is weighing a decision",
            Doing::Coordinating => "is coordinating another team",
            Doing::SharingContext => "is sharing business context",
            Doing::PostingInChannel => "is writing in the incident channel",
            Doing::ProposingSeverity => "is proposing a severity",
            Doing::DeclaringSeverity => "is choosing the severity",
            Doing::TakingNotes => "is logging a timeline note",
            Doing::Reviewing => "is working on the review",
        }
    }
}

/// What the host says. Every message carries the protocol version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServerEnvelope<'a> {
    pub v: u32,
    #[serde(flatten)]
    pub msg: &'a ServerMsg,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMsg {
    /// First message on every connection: who this seat is and what the
    /// scenario offers them (the deck, the targets, the templates).
    Welcome {
        seat: SeatInfo,
        deck: Box<Deck>,
    },
    /// The whole feed and status, on connecting and reconnecting.
    State {
        feed: Vec<SeatCard>,
        status: Box<RoomStatus>,
    },
    /// What changed: feed items from index `from` on, and the new status.
    Update {
        from: usize,
        feed: Vec<SeatCard>,
        status: Box<RoomStatus>,
    },
    /// The action `id` is in the journal, at simulated time `at`.
    /// `duplicate` says it had been applied before (a resend).
    Ack {
        id: u64,
        at: Dur,
        duplicate: bool,
    },
    /// The action `id` was not taken, and why.
    Refused {
        id: u64,
        error: String,
    },
    /// The fields the draft still misses, by the template's list.
    Checked {
        missing: Vec<&'static str>,
    },
    /// The message could not be used (malformed, too large, too many, not
    /// allowed for this seat); the session goes on.
    Error {
        message: String,
    },
    Pong,
}

impl ServerMsg {
    pub fn to_json(&self) -> String {
        serde_json::to_string(&ServerEnvelope { v: PROTOCOL_VERSION, msg: self }).expect("messages serialise")
    }
}

/// Reads a seat's message, with an error that says what was wrong.
pub fn parse_client(text: &str) -> Result<ClientMsg, String> {
    if text.len() > MAX_MESSAGE_BYTES {
        return Err(format!(
            "the message is {} bytes; the largest a seat may send is {MAX_MESSAGE_BYTES}",
            text.len()
        ));
    }
    serde_json::from_str(text).map_err(|e| {
        let mut m = format!("the message is not one this host understands ({e})");
        m.truncate(400);
        m
    })
}

/// A token bucket per seat: messages beyond the rate get an error reply.
#[derive(Debug, Clone)]
pub struct RateLimit {
    tokens: f64,
    last: std::time::Instant,
}

impl RateLimit {
    pub fn new(now: std::time::Instant) -> RateLimit {
        RateLimit { tokens: RATE_BURST, last: now }
    }

    /// Whether a message arriving at `now` is within the rate.
    pub fn allow(&mut self, now: std::time::Instant) -> bool {
        let dt = now.saturating_duration_since(self.last).as_secs_f64();
        self.last = now;
        self.tokens = (self.tokens + dt * RATE_PER_SEC).min(RATE_BURST);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}
