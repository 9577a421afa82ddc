//! Hosting a session for seats in browsers: `sevdrill host`. The session
//! (engine and journal) stays one value owned by one loop; the server on
//! axum and tokio only moves messages (`server`), the room decides what
//! they do (`room`), the view decides what a seat may see (`view`), and
//! `seats` keeps the tokens. `client` is the headless seat.

pub mod client;
pub mod command;
pub mod protocol;
pub mod room;
pub mod seats;
pub mod server;
pub mod view;

use room::Room;
use server::Server;
use std::time::{Duration, Instant};

/// Seconds since the Unix epoch, for token expiry.
pub fn unix_now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// One join link per seat: (name, roles in words, link).
pub fn links(
    book: &seats::SeatBook,
    base: &str,
    session: &crate::session::Session,
) -> Vec<(String, String, String)> {
    book.seats
        .iter()
        .map(|s| {
            let roles = if s.facilitator {
                "facilitator: sees the truth, fires injects, runs the clock".to_string()
            } else {
                view::roles(session, &s.roles).into_iter().map(|r| r.name).collect::<Vec<_>>().join(", ")
            };
            (s.name.clone(), roles, format!("{}/seat#t={}", base.trim_end_matches('/'), s.token))
        })
        .collect()
}

/// A link as a QR code in terminal characters (two rows of modules per line).
pub fn qr_text(link: &str) -> Option<String> {
    let code = qrcode::QrCode::new(link.as_bytes()).ok()?;
    let width = code.width();
    let dark = |x: i64, y: i64| {
        x >= 0
            && y >= 0
            && (x as usize) < width
            && (y as usize) < width
            && code[(x as usize, y as usize)] == qrcode::Color::Dark
    };
    // A quiet zone of two modules; dark modules print as spaces on a light
    // terminal background would invert, so draw the light ones.
    let mut out = String::new();
    let (lo, hi) = (-2i64, width as i64 + 2);
    let mut y = lo;
    while y < hi {
        for x in lo..hi {
            out.push(match (dark(x, y), dark(x, y + 1)) {
                (false, false) => '█',
                (false, true) => '▀',
                (true, false) => '▄',
                (true, true) => ' ',
            });
        }
        out.push('\n');
        y += 2;
    }
    Some(out)
}

/// The modules of a link's QR code, row by row, for drawing on screen.
pub fn qr_modules(link: &str) -> Option<(usize, Vec<bool>)> {
    let code = qrcode::QrCode::new(link.as_bytes()).ok()?;
    let colours = code.to_colors();
    Some((code.width(), colours.into_iter().map(|c| c == qrcode::Color::Dark).collect()))
}

/// Runs the room with no window until interrupted: the clock ticks ten
/// times a second, every input is handled as it arrives, and every seat
/// hears what changed.
pub fn run_headless(
    mut session: crate::session::Session,
    mut room: Room,
    mut server: Server,
) -> Result<(), String> {
    let mut rx = server.take_inputs().ok_or("the host's inputs are already taken")?;
    let outbox = server.outbox();
    let runtime = server.runtime();
    runtime.block_on(async {
        let mut tick = tokio::time::interval(Duration::from_millis(100));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut last = Instant::now();
        let interrupted = tokio::signal::ctrl_c();
        tokio::pin!(interrupted);
        loop {
            tokio::select! {
                input = rx.recv() => {
                    let Some(input) = input else { break };
                    let mut outs = room.handle(&mut session, input, Instant::now(), unix_now());
                    // Take whatever else is waiting before telling everyone.
                    while let Ok(more) = rx.try_recv() {
                        outs.extend(room.handle(&mut session, more, Instant::now(), unix_now()));
                    }
                    outs.extend(room.sync(&session, Instant::now()));
                    for conn in outbox.deliver(outs) {
                        room.dropped(conn);
                    }
                }
                _ = tick.tick() => {
                    let now = Instant::now();
                    session.run_clock(now - last);
                    last = now;
                    for conn in outbox.deliver(room.sync(&session, now)) {
                        room.dropped(conn);
                    }
                }
                _ = &mut interrupted => break,
            }
        }
    });
    Ok(())
}
