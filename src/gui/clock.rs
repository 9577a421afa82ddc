//! The session clock: real time times the chosen speed becomes simulated
//! seconds. `wake_interval` says how often that changes what is on screen;
//! `redraw` turns it into the window loop's sleep.

use super::session::{Session, Speed};
use bevy::prelude::*;
use std::time::Duration;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, tick);
}

/// How long the window loop may sleep at this speed: just long enough to
/// show each simulated second as it passes; forever when the clock stands.
pub fn wake_interval(speed: Speed, live: bool) -> Duration {
    match (live, speed.factor()) {
        (false, _) | (_, 0) => Duration::MAX,
        (true, f) => Duration::from_millis(1000 / f),
    }
}

// Real time, not Bevy's virtual time: virtual time caps each frame's step
// at 250 ms, and a trainer that wakes once a simulated second would then
// run its clock at a quarter of the speed chosen.
fn tick(time: Res<Time<Real>>, session: Option<ResMut<Session>>) {
    if let Some(mut s) = session {
        s.run_clock(time.delta());
    }
}
