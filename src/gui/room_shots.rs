//! `sevdrill host --screenshots DIR`: a picture of the room view and of the
//! facilitator's window on each screen, refreshed every few seconds, so the
//! last one of each screen shows it as the room left it (the briefing with
//! everyone joined, the debrief at the end). For a handout, a record of the
//! game day, and the end-to-end check that the hosted room view draws.

use super::facilitator::FacilitatorWindow;
use super::screens::Screen;
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};
use bevy::window::RequestRedraw;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How long a new host waits before its first picture, so the first frames are drawn.
pub const SHOT_SETTLE: Duration = Duration::from_secs(2);
/// How often the pictures are refreshed.
pub const SHOT_EVERY: Duration = Duration::from_secs(3);

/// Where the pictures go and when the next is due; `redraw` wakes the
/// window loop for it, so a sleeping trainer still takes them.
#[derive(Resource, Debug, Clone)]
pub struct RoomShots {
    pub dir: PathBuf,
    pub next: Instant,
}

impl RoomShots {
    /// How long the window loop may sleep before the next picture.
    pub fn due_in(&self) -> Duration {
        self.next.saturating_duration_since(Instant::now())
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Last, take.run_if(resource_exists::<RoomShots>));
}

fn take(
    mut commands: Commands,
    mut shots: ResMut<RoomShots>,
    screen: Option<Res<State<Screen>>>,
    facilitator: Query<Entity, With<FacilitatorWindow>>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    if Instant::now() < shots.next {
        return;
    }
    shots.next = Instant::now() + SHOT_EVERY;
    let Some(screen) = screen else { return };
    if std::fs::create_dir_all(&shots.dir).is_err() {
        return;
    }
    let name = screen.get().name();
    // Written beside and renamed over the last one, so a reader never sees half a picture.
    let save = |path: PathBuf| {
        let part = path.with_extension("part.png");
        let mut saver = save_to_disk(part.clone());
        move |event: On<bevy::render::view::screenshot::ScreenshotCaptured>| {
            saver(event);
            let _ = std::fs::rename(&part, &path);
        }
    };
    commands.spawn(Screenshot::primary_window()).observe(save(shots.dir.join(format!("room-{name}.png"))));
    if let Some(window) = facilitator.iter().next() {
        commands
            .spawn(Screenshot::window(window))
            .observe(save(shots.dir.join(format!("facilitator-{name}.png"))));
    }
    redraw.write(RequestRedraw);
}
