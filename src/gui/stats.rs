//! Frame statistics for `--frame-stats`: start-up time to the first drawn
//! frame and frame times on the live screen, printed when the app exits.

use super::screens::Screen;
use bevy::prelude::*;
use std::time::{Duration, Instant};

#[derive(Resource)]
pub struct FrameStats {
    pub started: Instant,
    pub first_frame: Option<Duration>,
    pub live_frames: Vec<Duration>,
    /// Live-screen frames left out because a screenshot was being taken:
    /// reading the picture back is the test driver's cost, not the trainer's.
    pub picture_frames: usize,
    /// Every live-screen frame, those taking a picture included.
    pub all_frames: Vec<Duration>,
}

impl FrameStats {
    pub fn new(started: Instant) -> FrameStats {
        FrameStats {
            started,
            first_frame: None,
            live_frames: Vec::new(),
            picture_frames: 0,
            all_frames: Vec::new(),
        }
    }

    pub fn report(&self) -> String {
        let sorted = |frames: &[Duration]| {
            let mut f: Vec<f64> = frames.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
            f.sort_by(f64::total_cmp);
            f
        };
        let f = sorted(&self.live_frames);
        let all = sorted(&self.all_frames);
        let at =
            |f: &[f64], p: f64| f.get(((f.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or(0.0);
        let pct = |p: f64| at(&f, p);
        let mean = if f.is_empty() { 0.0 } else { f.iter().sum::<f64>() / f.len() as f64 };
        format!(
            "start-up to first frame: {:.0} ms; live-screen frames: {} (mean {mean:.1} ms, median {:.1} ms, p95 {:.1} ms, max {:.1} ms; {} taking a screenshot left out, p95 with them {:.1} ms)",
            self.first_frame.unwrap_or_default().as_secs_f64() * 1000.0,
            f.len(),
            pct(0.5),
            pct(0.95),
            f.last().copied().unwrap_or(0.0),
            self.picture_frames,
            at(&all, 0.95)
        )
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Last, record.run_if(resource_exists::<FrameStats>))
        .add_systems(OnEnter(Screen::Debrief), report.run_if(resource_exists::<FrameStats>));
}

/// Printed when the debrief opens: the live screen's frames are all in.
fn report(stats: Res<FrameStats>) {
    println!("{}", stats.report());
}

fn record(
    mut stats: ResMut<FrameStats>,
    time: Res<Time<Real>>,
    screen: Res<State<Screen>>,
    mut frames: Local<u32>,
    pictures: Query<(), With<bevy::render::view::screenshot::Screenshot>>,
) {
    *frames += 1;
    // The second frame is the first one drawn with content.
    if *frames == 2 && stats.first_frame.is_none() {
        stats.first_frame = Some(stats.started.elapsed());
    }
    // A gap of more than a second is the trainer sleeping (idle, paused),
    // not a frame's cost.
    if *screen.get() == Screen::Live && *frames > 2 && time.delta() < Duration::from_secs(1) {
        stats.all_frames.push(time.delta());
        if pictures.is_empty() {
            stats.live_frames.push(time.delta());
        } else {
            stats.picture_frames += 1;
        }
    }
}
