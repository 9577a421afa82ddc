//! The headless seat, `sevdrill seat LINK --actions SCRIPT`: it joins a
//! hosted session with a join link and plays its participant's steps of an
//! action script over the network, each when the host's clock reaches it
//! and the script's earlier steps (anyone's) are taken, so a hosted game
//! is the same game as `sevdrill run`. With the facilitator's link and
//! `--drive` it moves the clock from step to step. It reconnects when the
//! connection drops and resends what was not acknowledged; the host
//! recognises a resend and never applies it twice.

use super::protocol::{ClientMsg, PROTOCOL_VERSION, SpeedName};
use crate::replay::Script;
use crate::sim::FACILITATOR;
use futures_util::{SinkExt, StreamExt};
use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::Message;

pub struct SeatOptions {
    pub link: String,
    pub script: Option<Script>,
    /// Move the clock to each step's time (the facilitator's link only).
    pub drive: bool,
    /// Append every message received to this file, one JSON per line.
    pub record: Option<PathBuf>,
    /// Drop the connection right after sending these actions (by the
    /// script's step number, from 1), before their acknowledgement: for
    /// the tests of reconnecting.
    pub drop_after: Vec<usize>,
    /// Give up when nothing moves for this long.
    pub patience: Duration,
}

/// What the seat did, for its summary line.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SeatReport {
    pub name: String,
    pub acted: usize,
    pub duplicates: usize,
    pub reconnects: usize,
    pub received: usize,
}

/// `http://host:port/seat#t=TOKEN` → `ws://host:port/ws?token=TOKEN&v=1`.
pub fn ws_url(link: &str) -> Result<String, String> {
    let bad = || {
        format!(
            "\"{link}\" is not a join link; they look like http://HOST:PORT/seat#t=TOKEN, as `sevdrill host` prints them"
        )
    };
    let (base, token) = link.split_once("/seat#t=").ok_or_else(bad)?;
    let rest = base
        .strip_prefix("http://")
        .map(|r| ("ws://", r))
        .or_else(|| base.strip_prefix("https://").map(|r| ("wss://", r)));
    let (scheme, host) = rest.ok_or_else(bad)?;
    if scheme == "wss://" {
        return Err(
            "the headless seat speaks plain WebSocket; give it the host's own http:// link, not the proxy's"
                .into(),
        );
    }
    if token.is_empty() || !token.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(bad());
    }
    Ok(format!("{scheme}{host}/ws?token={token}&v={PROTOCOL_VERSION}"))
}

struct Seen {
    name: String,
    facilitator: bool,
    roles: Vec<String>,
    status: Value,
}

impl Seen {
    fn now(&self) -> u64 {
        self.status["now"].as_u64().unwrap_or(0)
    }
    fn total(&self) -> usize {
        self.status["actions_total"].as_u64().unwrap_or(0) as usize
    }
    fn own(&self) -> usize {
        self.status["actions_by"][&self.name].as_u64().unwrap_or(0) as usize
    }
}

type Socket = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Plays the seat to the end of its part of the script (or, with no script,
/// watches until the session's debrief).
pub fn run(opts: SeatOptions) -> Result<SeatReport, String> {
    let url = ws_url(&opts.link)?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the seat's runtime: {e}"))?;
    rt.block_on(play(url, opts))
}

async fn connect(url: &str, patience: Duration) -> Result<Socket, String> {
    let start = Instant::now();
    loop {
        match tokio_tungstenite::connect_async(url).await {
            Ok((ws, _)) => return Ok(ws),
            Err(e) if start.elapsed() > patience => return Err(format!("cannot reach the host: {e}")),
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
}

async fn play(url: String, opts: SeatOptions) -> Result<SeatReport, String> {
    let mut record = match &opts.record {
        Some(p) => Some(
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(p)
                .map_err(|e| format!("cannot write {}: {e}", p.display()))?,
        ),
        None => None,
    };
    let steps = opts.script.as_ref().map(|s| s.actions.clone()).unwrap_or_default();
    let mut report = SeatReport::default();
    let mut seen: Option<Seen> = None;
    let mut pending: Option<(u64, String)> = None;
    let mut dropped: Vec<usize> = Vec::new();
    let mut paused = false;
    // After an acknowledgement, the status that counts the action follows;
    // until it does, the seat must not take the old count for the truth.
    let mut min_total = 0usize;
    'connection: loop {
        let mut ws = connect(&url, opts.patience).await?;
        if seen.is_some() {
            report.reconnects += 1;
        }
        // A resend after a reconnect waits for the new state, so it reads
        // its own count right.
        let mut resend = pending.clone();
        // A clock move sent just before a host died may never have happened.
        let mut driven_to: Option<u64> = None;
        let mut last_progress = Instant::now();
        loop {
            if let Some(s) = &seen {
                if let Some((_, text)) = resend.take()
                    && ws.send(Message::Text(text.into())).await.is_err()
                {
                    continue 'connection;
                }
                if pending.is_none() && s.total() >= min_total {
                    match next_move(s, &steps, opts.drive, &mut driven_to, &mut paused) {
                        Move::Done => return Ok(report),
                        Move::Wait => {}
                        Move::Send(i, msg) => {
                            let text = serde_json::to_string(&msg).expect("messages serialise");
                            if matches!(*msg, ClientMsg::Act { .. }) {
                                pending = Some(((i + 1) as u64, text.clone()));
                            }
                            if ws.send(Message::Text(text.into())).await.is_err() {
                                continue 'connection;
                            }
                            if opts.drop_after.contains(&(i + 1)) && !dropped.contains(&(i + 1)) {
                                dropped.push(i + 1);
                                drop(ws);
                                continue 'connection;
                            }
                            continue;
                        }
                    }
                }
            }
            let wait = opts.patience.saturating_sub(last_progress.elapsed());
            let msg = match tokio::time::timeout(wait, ws.next()).await {
                Err(_) => {
                    return Err(format!(
                        "nothing happened for {}s; is the host running?",
                        opts.patience.as_secs()
                    ));
                }
                Ok(None) | Ok(Some(Err(_))) => continue 'connection,
                Ok(Some(Ok(m))) => m,
            };
            let Message::Text(text) = msg else {
                if matches!(msg, Message::Close(_)) {
                    continue 'connection;
                }
                continue;
            };
            last_progress = Instant::now();
            report.received += 1;
            if let Some(f) = record.as_mut() {
                let _ = writeln!(f, "{}", text.as_str());
            }
            let v: Value = serde_json::from_str(text.as_str())
                .map_err(|e| format!("the host sent something unreadable: {e}"))?;
            match v["type"].as_str().unwrap_or("") {
                "welcome" => {
                    let seat = &v["seat"];
                    let name = seat["name"].as_str().unwrap_or("").to_string();
                    let roles = seat["roles"]
                        .as_array()
                        .map(|a| a.iter().filter_map(|r| r["id"].as_str().map(String::from)).collect())
                        .unwrap_or_default();
                    report.name = name.clone();
                    let status = seen.take().map(|s| s.status).unwrap_or(Value::Null);
                    seen = Some(Seen {
                        name,
                        facilitator: seat["facilitator"].as_bool().unwrap_or(false),
                        roles,
                        status,
                    });
                }
                "state" | "update" => {
                    if let Some(s) = seen.as_mut() {
                        s.status = v["status"].clone();
                    }
                }
                "ack" => {
                    if let Some((id, _)) = pending.as_ref().filter(|(id, _)| Some(*id) == v["id"].as_u64()) {
                        min_total = *id as usize;
                        pending = None;
                        report.acted += 1;
                        if v["duplicate"].as_bool() == Some(true) {
                            report.duplicates += 1;
                        }
                    }
                }
                "refused" => {
                    let step = v["id"].as_u64().unwrap_or(0);
                    return Err(format!(
                        "step {step} of the script was refused: {}",
                        v["error"].as_str().unwrap_or("")
                    ));
                }
                "error" => {
                    let message = v["message"].as_str().unwrap_or("").to_string();
                    if seen.is_none() {
                        return Err(message);
                    }
                    eprintln!("the host says: {message}");
                }
                _ => {}
            }
        }
    }
}

enum Move {
    Done,
    Wait,
    Send(usize, Box<ClientMsg>),
}

/// What the seat does next, from what it has seen.
fn next_move(
    s: &Seen,
    steps: &[crate::replay::ScriptStep],
    drive: bool,
    driven_to: &mut Option<u64>,
    paused: &mut bool,
) -> Move {
    if s.status.is_null() {
        return Move::Wait;
    }
    let total = s.total();
    if steps.is_empty() {
        return if s.status["phase"] == "Debrief" { Move::Done } else { Move::Wait };
    }
    if drive && !*paused {
        *paused = true;
        return Move::Send(usize::MAX - 1, Box::new(ClientMsg::Speed { speed: SpeedName::Paused }));
    }
    // Step `total` is the next the session needs; is it this seat's?
    let Some(step) = steps.get(total) else { return Move::Done };
    let mine = if s.facilitator {
        step.role == FACILITATOR
    } else {
        step.by == s.name && s.roles.contains(&step.role)
    };
    let mine_left =
        steps[total..].iter().any(|st| if s.facilitator { st.role == FACILITATOR } else { st.by == s.name });
    if !mine_left && !drive {
        return Move::Done;
    }
    let due = step.at.as_secs();
    if drive && due > s.now() && *driven_to != Some(due) {
        *driven_to = Some(due);
        return Move::Send(usize::MAX - 2, Box::new(ClientMsg::AdvanceTo { t: step.at }));
    }
    let starts = matches!(step.action, crate::sim::Action::StartIncident);
    if mine && (starts || s.now() >= due) {
        let after = if s.facilitator { 0 } else { s.own() as u64 };
        return Move::Send(
            total,
            Box::new(ClientMsg::Act {
                id: (total + 1) as u64,
                role: step.role.clone(),
                after,
                action: step.action.clone(),
            }),
        );
    }
    Move::Wait
}
