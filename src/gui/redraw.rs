//! When the trainer draws a frame: on input, when egui asks for one (after
//! the delay egui asks for, not at once), and when the clock changes what is
//! on screen — never continuously. On a laptop in front of a projector, a
//! frame drawn for nothing is battery spent; on software rendering it is
//! most of a core.
//!
//! Two things in bevy_egui 0.42 kept the trainer drawing without pause
//! (found with `SEVDRILL_TRACE_REDRAW`, below): it hands egui a
//! `ModifiersChanged` event on *every* frame, even when no key changed, and
//! egui wants an immediate repaint after any event — so each frame asked for
//! the next; and it turns any repaint egui wants — "in half a second", as
//! well as "now" — into an immediate redraw. This plugin drops modifier
//! events that change nothing, reads the delay egui asked for, replaces
//! bevy_egui's blanket request, and tells the window loop how long it may
//! sleep.
//!
//! `SEVDRILL_TRACE_REDRAW=1` prints, for each frame drawn, why.

use super::autoplay::Autoplaying;
use super::clock::wake_interval;
use super::room_shots::RoomShots;
use super::session::{Session, Speed};
use crate::sim::Phase;
use bevy::prelude::*;
use bevy::window::RequestRedraw;
use bevy::winit::{UpdateMode, WinitSettings};
use bevy_egui::{EguiContext, EguiFullOutput, EguiInput, EguiPostUpdateSet, EguiPreUpdateSet, egui};
use std::collections::HashMap;
use std::time::Duration;

/// The longest a screen with nothing changing sleeps between frames: input,
/// the scenario watcher and egui's own requests wake it sooner.
pub const IDLE_WAKE: Duration = Duration::from_secs(30);

/// Two planned wakes this close together are the same wake.
const SAME_WAKE: Duration = Duration::from_millis(20);

/// Repaints egui asks for sooner than this are drawn at once.
const AT_ONCE: Duration = Duration::from_millis(1);

/// What the next frame waits for, decided after each frame.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct NextFrame {
    /// Draw again as soon as possible (egui wants it now).
    pub now: bool,
    /// Otherwise sleep at most this long (input wakes earlier).
    pub wait: Duration,
    /// Frames run so far: the frame-count test reads it.
    pub frames: u64,
}

impl Default for NextFrame {
    fn default() -> Self {
        NextFrame { now: true, wait: IDLE_WAKE, frames: 0 }
    }
}

/// The wait after a frame: the sooner of what egui asked for and of the
/// clock's next visible change; `None` from egui means it wants nothing.
pub fn plan(egui_delay: Option<Duration>, speed: Speed, live: bool) -> (bool, Duration) {
    let clock = wake_interval(speed, live).min(IDLE_WAKE);
    match egui_delay {
        Some(d) if d < AT_ONCE => (true, clock),
        Some(d) => (false, d.min(clock)),
        None => (false, clock),
    }
}

/// The delay egui asked for, the soonest over every window's context, read
/// from each pass's output before bevy_egui consumes it.
#[derive(Resource, Default)]
struct EguiAsked(Option<Duration>);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<NextFrame>().init_resource::<EguiAsked>().add_message::<RequestRedraw>();
    // Headless (no egui plugin) these find no contexts and do nothing.
    app.add_systems(
        PreUpdate,
        drop_unchanged_modifiers.after(EguiPreUpdateSet::ProcessInput).before(EguiPreUpdateSet::BeginPass),
    );
    app.add_systems(
        PostUpdate,
        (
            read_egui_delay.after(EguiPostUpdateSet::EndPass).before(EguiPostUpdateSet::ProcessOutput),
            drop_blanket_redraw.after(EguiPostUpdateSet::ProcessOutput),
            schedule_next_frame,
        )
            .chain(),
    );
}

/// Keeps a `ModifiersChanged` event only when the modifiers did change for
/// that context: an unchanged one is no input, and must not wake egui.
fn drop_unchanged_modifiers(
    mut inputs: Query<(Entity, &mut EguiInput)>,
    mut last: Local<HashMap<Entity, egui::Modifiers>>,
) {
    for (entity, mut input) in &mut inputs {
        let seen = last.entry(entity).or_default();
        input.events.retain(|e| match e {
            egui::Event::ModifiersChanged(m) if m == seen => false,
            egui::Event::ModifiersChanged(m) => {
                *seen = *m;
                true
            }
            _ => true,
        });
    }
}

fn read_egui_delay(outputs: Query<&EguiFullOutput>, mut asked: ResMut<EguiAsked>) {
    asked.0 = outputs
        .iter()
        .filter_map(|o| o.0.as_ref())
        .filter_map(|full| full.viewport_output.get(&egui::ViewportId::ROOT))
        .map(|v| v.repaint_delay)
        .filter(|d| *d < Duration::MAX)
        .min();
}

fn drop_blanket_redraw(mut redraws: ResMut<Messages<RequestRedraw>>, owned: Option<Res<Autoplaying>>) {
    if owned.is_none() {
        redraws.clear();
    }
}

/// What else decides frames: an autoplay driving, `host --screenshots`
/// due, the facilitator's window catching up.
type Wakers<'w> = (
    Option<Res<'w, Autoplaying>>,
    Option<Res<'w, RoomShots>>,
    Option<Res<'w, super::facilitator_rate::FacilitatorRate>>,
);

fn schedule_next_frame(
    asked: Res<EguiAsked>,
    session: Option<Res<Session>>,
    mut next: ResMut<NextFrame>,
    mut redraws: MessageWriter<RequestRedraw>,
    winit: Option<ResMut<WinitSettings>>,
    (owned, shots, facilitator): Wakers,
    (mut contexts, mut planned): (Query<&mut EguiContext>, Local<Option<std::time::Instant>>),
) {
    let (speed, live) = match &session {
        Some(s) => (s.speed, s.phase() == Phase::Live),
        None => (Speed::Paused, false),
    };
    let (mut now, mut wait) = plan(asked.0, speed, live);
    // The room's window sat a frame out for the facilitator's: draw it now.
    now |= facilitator.as_ref().is_some_and(|f| f.room_owed);
    // `host --screenshots` wakes the loop when its next picture is due.
    if let Some(shots) = shots {
        wait = wait.min(shots.due_in().max(AT_ONCE));
    }
    // The facilitator's window, when it skipped a change, catches up soon.
    if let Some(due) = facilitator.as_ref().and_then(|f| f.due_in()) {
        wait = wait.min(due.max(AT_ONCE));
    }
    next.frames += 1;
    next.now = now;
    next.wait = wait;
    if std::env::var_os("SEVDRILL_TRACE_REDRAW").is_some() {
        let causes: Vec<String> = contexts
            .iter_mut()
            .map(|mut c| {
                let ctx = c.get_mut();
                let events = ctx.input(|i| format!("{:?}", i.events));
                format!("{:?}, input events {events}", ctx.repaint_causes())
            })
            .collect();
        eprintln!(
            "frame {}: egui asked {:?}; next {}; causes {causes:?}",
            next.frames,
            asked.0,
            if now { "at once".to_string() } else { format!("in {wait:?}") }
        );
    }
    if owned.is_some() {
        return;
    }
    if now {
        redraws.write(RequestRedraw);
    }
    if let Some(mut w) = winit {
        // A wake already planned for about the same moment stands: rewriting
        // the settings with a wait a frame shorter each time counts as a
        // change, and a change wakes the window loop at once — a countdown
        // would then run a frame every few milliseconds.
        let deadline = std::time::Instant::now() + wait;
        if planned.is_some_and(|p| p.max(deadline) - p.min(deadline) < SAME_WAKE) {
            return;
        }
        *planned = Some(deadline);
        let focused = UpdateMode::reactive(wait);
        // Unfocused, mouse movement elsewhere on the desktop is no reason to wake.
        let unfocused = UpdateMode::reactive_low_power(wait);
        // Compare first, so change detection only fires on a real change.
        if w.focused_mode != focused || w.unfocused_mode != unfocused {
            w.focused_mode = focused;
            w.unfocused_mode = unfocused;
        }
    }
}
