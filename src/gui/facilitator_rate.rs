//! How often the facilitator's window is drawn: at once on input in it,
//! otherwise at most every `FACILITATOR_EVERY` and only when what it shows
//! has changed. It is a reading panel on the laptop — the clock, the truth,
//! what is coming — and a quarter second is soon enough for it; on software
//! rendering every frame of it costs as much again as the room's screen.
//! A frame it skips is not rendered at all: its camera is switched off for
//! that frame, so Bevy neither renders nor presents the window, and the
//! window keeps the last picture. And the two windows never share a frame:
//! the room's window sits out the facilitator's frame and is drawn in the
//! very next one.

use super::session::Session;
use bevy::prelude::*;
use bevy_egui::{EguiInput, EguiPostUpdateSet, EguiPreUpdateSet, PrimaryEguiContext};
use std::time::{Duration, Instant};

/// The facilitator's window is redrawn at most this often, input aside.
pub const FACILITATOR_EVERY: Duration = Duration::from_secs(1);

/// The camera drawing the facilitator's window.
#[derive(Component)]
pub struct FacilitatorCamera;

/// Whether the facilitator's window still shows an older state, and when
/// it was last drawn: the redraw planner wakes the app to catch it up.
#[derive(Resource, Debug, Default)]
pub struct FacilitatorRate {
    last_drawn: Option<Instant>,
    shown: Option<Fingerprint>,
    input: bool,
    /// Whether this frame draws it.
    pub drawing: bool,
    pub stale: bool,
    /// The room's window sat this frame out for it: draw again at once.
    pub room_owed: bool,
}

impl FacilitatorRate {
    /// How long until a stale window may be drawn again; `None` when it is current.
    pub fn due_in(&self) -> Option<Duration> {
        self.stale.then(|| {
            FACILITATOR_EVERY.saturating_sub(self.last_drawn.map_or(FACILITATOR_EVERY, |t| t.elapsed()))
        })
    }
}

/// What the facilitator's window shows changes only with these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fingerprint {
    now: crate::time::Dur,
    actions: usize,
    events: usize,
    speed: super::session::Speed,
    scores_live: bool,
}

fn fingerprint(s: &Session) -> Fingerprint {
    Fingerprint {
        now: s.engine.now(),
        actions: s.engine.actions().len(),
        events: s.engine.events().len(),
        speed: s.speed,
        scores_live: s.scores_live,
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<FacilitatorRate>()
        .add_systems(
            PreUpdate,
            note_input.after(EguiPreUpdateSet::ProcessInput).before(EguiPreUpdateSet::BeginPass),
        )
        // After Update, so a picture asked for this frame is seen.
        .add_systems(PostUpdate, decide.before(EguiPostUpdateSet::EndPass));
}

/// Input in the facilitator's window is answered in the same frame.
fn note_input(inputs: Query<&EguiInput, With<FacilitatorCamera>>, mut rate: ResMut<FacilitatorRate>) {
    rate.input |= inputs.iter().any(|i| !i.events.is_empty());
}

/// Switches the facilitator's camera on for this frame or off, and the
/// room's camera off for a frame the facilitator's window is drawn in: on
/// a CPU renderer two windows in one frame cost as much as both, so each
/// gets a frame of its own and the room's follows at once. A picture being
/// taken of a window (`--screenshots`, `host --screenshots`) draws it.
fn decide(
    mut cameras: Query<&mut Camera, With<FacilitatorCamera>>,
    mut room: Query<&mut Camera, (With<PrimaryEguiContext>, Without<FacilitatorCamera>)>,
    session: Option<Res<Session>>,
    mut rate: ResMut<FacilitatorRate>,
    pictures: Query<&bevy::render::view::screenshot::Screenshot>,
    window: Query<Entity, With<super::facilitator::FacilitatorWindow>>,
) {
    let Ok(mut camera) = cameras.single_mut() else {
        *rate = FacilitatorRate::default();
        if let Ok(mut r) = room.single_mut()
            && !r.is_active
        {
            r.is_active = true;
        }
        return;
    };
    let shown = session.as_deref().map(fingerprint);
    let changed = shown != rate.shown;
    let rested = rate.last_drawn.is_none_or(|t| t.elapsed() >= FACILITATOR_EVERY);
    // A first frame, input, or a change once the window has rested.
    let pictured = window.single().is_ok_and(|w| {
        pictures.iter().any(|p| {
            matches!(&p.0, bevy::camera::RenderTarget::Window(bevy::window::WindowRef::Entity(e)) if *e == w)
        })
    });
    let room_pictured = pictures
        .iter()
        .any(|p| matches!(&p.0, bevy::camera::RenderTarget::Window(bevy::window::WindowRef::Primary)));
    // The room's window owed a frame comes first, unless the facilitator typed.
    let draw = (rate.last_drawn.is_none() || rate.input || (changed && rested) || pictured)
        && (!rate.room_owed || rate.input || pictured);
    if camera.is_active != draw {
        camera.is_active = draw;
    }
    let room_draws = !draw || room_pictured;
    if let Ok(mut r) = room.single_mut()
        && r.is_active != room_draws
    {
        r.is_active = room_draws;
    }
    rate.room_owed = !room_draws;
    if draw && std::env::var_os("SEVDRILL_TRACE_REDRAW").is_some() {
        eprintln!(
            "facilitator drawn ({:?} was {:?}): first {} input {} change {} picture {}",
            shown,
            rate.shown,
            rate.last_drawn.is_none(),
            rate.input,
            changed && rested,
            pictured
        );
    }
    rate.input = false;
    rate.drawing = draw;
    if draw {
        rate.last_drawn = Some(Instant::now());
        rate.shown = shown;
        rate.stale = false;
    } else {
        rate.stale = changed;
    }
}
