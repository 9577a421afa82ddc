//! The session clock: real time times the chosen speed becomes simulated
//! seconds. It also tells the window loop how soon to wake up, so a paused
//! or idle trainer sleeps instead of redrawing.

use super::session::{Session, Speed};
use crate::sim::Phase;
use crate::time::Dur;
use bevy::prelude::*;
use bevy::winit::{UpdateMode, WinitSettings};
use std::time::Duration;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, tick);
}

/// How long the window loop may sleep at this speed: just long enough to
/// show each simulated second as it passes.
pub fn wake_interval(speed: Speed, live: bool) -> Duration {
    match (live, speed.factor()) {
        (false, _) | (_, 0) => Duration::from_secs(5),
        (true, f) => Duration::from_millis(1000 / f),
    }
}

fn tick(
    time: Res<Time>,
    session: Option<ResMut<Session>>,
    winit: Option<ResMut<WinitSettings>>,
    autoplay: Option<Res<super::autoplay::Autoplaying>>,
) {
    let (speed, live) = match &session {
        Some(s) => (s.speed, s.phase() == Phase::Live),
        None => (Speed::Paused, false),
    };
    if let Some(mut s) = session
        && live
        && speed != Speed::Paused
    {
        // After a long sleep the first delta can be seconds long; cap it so
        // resuming never makes the clock leap.
        let delta = time.delta().min(Duration::from_millis(1000)).as_millis() as u64;
        s.carry_ms += delta * speed.factor();
        let secs = s.carry_ms / 1000;
        if secs > 0 {
            s.carry_ms -= secs * 1000;
            let t = s.engine.now() + Dur(secs);
            s.advance_to(t);
        }
    }
    if let Some(mut w) = winit.filter(|_| autoplay.is_none()) {
        let wanted = UpdateMode::reactive(wake_interval(speed, live));
        // Compare first, so change detection only fires on a real change.
        if w.focused_mode != wanted {
            w.focused_mode = wanted;
            w.unfocused_mode = wanted;
        }
    }
}
