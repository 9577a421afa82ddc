//! The trainer as a session host's room view: seats' inputs go through the
//! room into the same session the screens draw (one engine, one journal),
//! and whatever changed — from a seat or from this keyboard — goes back out
//! to every seat. The sockets live in `crate::host::server` on their own
//! runtime; this plugin only moves messages, and the join panel shows each
//! seat's link as a QR code the room can scan from the projector.

use super::room_shots::{RoomShots, SHOT_SETTLE};
use super::screens::Screen;
use super::session::Session;
use super::theme::colour;
use crate::host::command::{HostArgs, Hosted, print_links};
use crate::host::room::{Input, Room};
use crate::host::server::{Outbox, Server, Wake};
use bevy::prelude::*;
use bevy_egui::egui::{self, Color32, RichText, vec2};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tokio::sync::mpsc;

type WakeSlot = Arc<Mutex<Option<Box<dyn Fn() + Send + Sync>>>>;

/// A hosted session's link to its seats.
#[derive(Resource)]
pub struct HostLink {
    pub room: Room,
    inputs: mpsc::Receiver<Input>,
    outbox: Outbox,
    /// Kept for its runtime: dropping it stops the server.
    _server: Server,
    pub links: Vec<(String, String, String)>,
    /// Each link's QR code: (modules per side, dark or not, row by row).
    pub codes: Vec<Option<(usize, Vec<bool>)>>,
    /// Whether other devices can reach the host (not only this computer).
    pub reachable: bool,
    pub base_url: String,
    wake: WakeSlot,
}

impl HostLink {
    fn new(
        room: Room,
        mut server: Server,
        links: Vec<(String, String, String)>,
        base_url: String,
        wake: WakeSlot,
    ) -> HostLink {
        let inputs = server.take_inputs().expect("a new server has its inputs");
        HostLink {
            room,
            inputs,
            outbox: server.outbox(),
            reachable: !server.addr.ip().is_loopback(),
            _server: server,
            codes: links.iter().map(|(_, _, l)| crate::host::qr_modules(l)).collect(),
            links,
            base_url,
            wake,
        }
    }
}

/// Seats for the session just started from the setup screen: tokens kept
/// beside its journal, a server the room's network can reach on
/// `DEFAULT_PORT` (another port if that one is taken), the links printed.
pub fn link_for_session(world: &mut World) -> Result<HostLink, String> {
    use crate::host::command::{DEFAULT_PORT, base_url};
    use crate::host::seats::{DEFAULT_TOKEN_HOURS, SeatBook};
    let session = world.get_resource::<Session>().ok_or("no session is open")?;
    let journal = session.log_path.clone().ok_or("the session has no journal to keep the seats beside")?;
    let book = SeatBook::issue(session.engine.participants(), crate::host::unix_now(), DEFAULT_TOKEN_HOURS)?;
    book.save(&SeatBook::path_for(&journal)).map_err(|e| format!("cannot keep the join links: {e}"))?;
    let slot: WakeSlot = Arc::default();
    if let Some(proxy) = world.get_resource::<bevy::winit::EventLoopProxyWrapper>() {
        let proxy = (**proxy).clone();
        *slot.lock().expect("no panics hold this lock") = Some(Box::new(move || {
            let _ = proxy.send_event(bevy::winit::WinitUserEvent::WakeUp);
        }));
    }
    let for_server = Arc::clone(&slot);
    let wake: Wake = Arc::new(move || {
        if let Some(f) = for_server.lock().expect("no panics hold this lock").as_ref() {
            f();
        }
    });
    let any = |port: u16| std::net::SocketAddr::from(([0, 0, 0, 0], port));
    let server = Server::start(any(DEFAULT_PORT), Vec::new(), Some(wake.clone()))
        .or_else(|_| Server::start(any(0), Vec::new(), Some(wake)))?;
    let base = base_url(server.addr, None);
    let session = world.resource::<Session>();
    let links = crate::host::links(&book, &base, session);
    for (name, roles, link) in &links {
        println!("{} — {}\n  {link}", crate::escape::terminal(name), crate::escape::terminal(roles));
    }
    let room = Room::new(book, session);
    Ok(HostLink::new(room, server, links, base, slot))
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, (connect_wake, open_screen))
        .add_systems(PreUpdate, pump.run_if(resource_exists::<HostLink>))
        .add_systems(Last, publish.run_if(resource_exists::<HostLink>));
}

/// Starts the host for `sevdrill host` with a window, then runs the trainer on it.
pub fn run_hosted(args: HostArgs, qr: bool, screenshots: Option<PathBuf>) -> u8 {
    let slot: WakeSlot = Arc::default();
    let for_server = Arc::clone(&slot);
    let wake: Wake = Arc::new(move || {
        if let Some(f) = for_server.lock().expect("no panics hold this lock").as_ref() {
            f();
        }
    });
    let sessions = args.sessions.clone();
    let user_scenarios = args.user_scenarios.clone();
    let mut err = crate::escape::TerminalWriter(std::io::stderr());
    let hosted = match crate::host::command::start(args, Some(wake), &mut err) {
        Ok(h) => h,
        Err(code) => return code,
    };
    print_links(&hosted, qr, &mut std::io::stdout());
    let Hosted { session, room, server, links, base_url } = hosted;
    let link = HostLink::new(room, server, links, base_url, slot);
    let options = super::GuiOptions {
        user_scenarios: Some(user_scenarios),
        sessions,
        facilitator_window: true,
        screenshots: screenshots.clone(),
        ..Default::default()
    };
    let mut app = super::build(options);
    if let Some(dir) = screenshots {
        app.insert_resource(RoomShots { dir, next: Instant::now() + SHOT_SETTLE });
    }
    app.insert_resource(Session(session)).insert_resource(link);
    match app.run() {
        AppExit::Success => 0,
        AppExit::Error(code) => code.get(),
    }
}

/// Lets the server wake the window loop when a seat says something.
fn connect_wake(link: Option<Res<HostLink>>, proxy: Option<Res<bevy::winit::EventLoopProxyWrapper>>) {
    let (Some(link), Some(proxy)) = (link, proxy) else { return };
    let proxy = (**proxy).clone();
    *link.wake.lock().expect("no panics hold this lock") = Some(Box::new(move || {
        let _ = proxy.send_event(bevy::winit::WinitUserEvent::WakeUp);
    }));
}

/// A hosted trainer opens on the session, not the library.
fn open_screen(
    session: Option<Res<Session>>,
    link: Option<Res<HostLink>>,
    mut next: ResMut<NextState<Screen>>,
) {
    let (Some(s), Some(_)) = (session, link) else { return };
    next.set(Screen::for_phase(s.phase()));
}

/// Seats' messages, handled before this frame's screens draw.
fn pump(mut link: ResMut<HostLink>, session: Option<ResMut<Session>>, mut next: ResMut<NextState<Screen>>) {
    let Some(mut session) = session else { return };
    let link = &mut *link;
    let before = session.phase();
    let now = std::time::Instant::now();
    let mut outs = Vec::new();
    while let Ok(input) = link.inputs.try_recv() {
        outs.extend(link.room.handle(&mut session.0, input, now, crate::host::unix_now()));
    }
    for conn in link.outbox.deliver(outs) {
        link.room.dropped(conn);
    }
    // A seat moved the phase: the projector follows.
    if session.phase() != before {
        next.set(Screen::for_phase(session.phase()));
    }
}

/// What changed this frame, from any front end, to every seat.
fn publish(mut link: ResMut<HostLink>, session: Option<Res<Session>>) {
    let Some(session) = session else { return };
    let link = &mut *link;
    let outs = link.room.sync(&session.0, std::time::Instant::now());
    for conn in link.outbox.deliver(outs) {
        link.room.dropped(conn);
    }
}

/// A QR code drawn with the painter, dark modules on white, `side` points wide.
pub fn qr(ui: &mut egui::Ui, code: &(usize, Vec<bool>), side: f32) {
    let (n, modules) = code;
    let quiet = 2.0;
    let cell = side / (*n as f32 + 2.0 * quiet);
    let (rect, _) = ui.allocate_exact_size(vec2(side, side), egui::Sense::hover());
    let p = ui.painter();
    p.rect_filled(rect, 0.0, Color32::WHITE);
    for (i, dark) in modules.iter().enumerate() {
        if *dark {
            let (x, y) = ((i % n) as f32 + quiet, (i / n) as f32 + quiet);
            let min = rect.min + vec2(x * cell, y * cell);
            p.rect_filled(egui::Rect::from_min_size(min, vec2(cell, cell)), 0.0, Color32::BLACK);
        }
    }
}

/// The join panel on the projector: a QR code and name per participant.
pub fn join_panel(ui: &mut egui::Ui, link: &HostLink) {
    ui.heading("Join from your own device");
    if link.reachable {
        ui.label(
            RichText::new(format!(
                "⚠ Anyone on this network can reach this host at {}; only these codes let them in.",
                link.base_url
            ))
            .color(colour::WARN),
        );
    } else {
        ui.label(RichText::new("Only this computer can open the links: start with --listen 0.0.0.0:8321 to let the room join.").color(colour::WARN));
    }
    let connected = link.room.connected();
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            for ((name, roles, _), code) in link.links.iter().zip(&link.codes) {
                // The facilitator's code is not for the room's screen.
                if link.room.book.seats.iter().any(|s| s.facilitator && &s.name == name) {
                    continue;
                }
                ui.vertical(|ui| {
                    ui.set_width(220.0);
                    let mark = if connected.contains(name) { "✔ joined" } else { "not yet joined" };
                    ui.label(RichText::new(name).strong());
                    ui.label(RichText::new(roles).small());
                    if let Some(code) = code {
                        qr(ui, code, 200.0);
                    }
                    ui.label(RichText::new(mark).color(if connected.contains(name) {
                        colour::GOOD
                    } else {
                        colour::MUTED
                    }));
                });
            }
        });
        ui.label(
            RichText::new("The facilitator works from the trainer's second window; the facilitator's browser link is printed in the terminal, never shown to the room.")
                .small()
                .color(colour::MUTED),
        );
    });
}

/// One line for the live screen: who has a seat open and who is doing what.
pub fn activity_line(ui: &mut egui::Ui, link: &HostLink) {
    let busy: Vec<String> =
        link.room.activity().into_iter().map(|a| format!("{} {}", a.name, a.words)).collect();
    let joined = link.room.connected();
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!(
                "Seats open: {}",
                if joined.is_empty() { "none".into() } else { joined.join(", ") }
            ))
            .color(colour::MUTED),
        );
        if !busy.is_empty() {
            ui.separator();
            ui.label(RichText::new(busy.join(" · ")).strong().color(colour::INFO));
        }
    });
}
