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
    /// CPU ticks spent from one live-screen frame to the next, summed, and
    /// how many such steps: what a frame costs in CPU, every thread and the
    /// renderer's included, is steadier on a busy machine than how long it takes.
    live_cpu: (u64, usize),
    /// The CPU ticks at the last frame, while frames follow one another on
    /// the live screen.
    previous_ticks: Option<u64>,
}

impl FrameStats {
    pub fn new(started: Instant) -> FrameStats {
        FrameStats {
            started,
            first_frame: None,
            live_frames: Vec::new(),
            picture_frames: 0,
            all_frames: Vec::new(),
            live_cpu: (0, 0),
            previous_ticks: None,
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
        // Ticks are 10 ms: over a hundred frames that is a fraction of a millisecond a frame.
        let (ticks, steps) = self.live_cpu;
        let cpu = ticks as f64 * 1000.0 / ticks_per_second() / steps.max(1) as f64;
        format!(
            "start-up to first frame: {:.0} ms; live-screen frames: {} (mean {mean:.1} ms, median {:.1} ms, p95 {:.1} ms, max {:.1} ms; {} taking a screenshot left out, p95 with them {:.1} ms; CPU {cpu:.1} ms a frame, all threads)",
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
    let counted = *screen.get() == Screen::Live && *frames > 2 && time.delta() < Duration::from_secs(1);
    let now = counted.then(cpu_ticks);
    if let (Some(now), Some(before)) = (now, stats.previous_ticks) {
        stats.live_cpu.0 += now.saturating_sub(before);
        stats.live_cpu.1 += 1;
    }
    stats.previous_ticks = now;
    if counted {
        stats.all_frames.push(time.delta());
        if pictures.is_empty() {
            stats.live_frames.push(time.delta());
        } else {
            stats.picture_frames += 1;
        }
    }
}

/// CPU time this process has used, in USER_HZ ticks (user + system), from
/// `/proc/self/stat`; 0 where there is no such file.
pub fn cpu_ticks() -> u64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The command name may hold spaces; the fields after it are plain.
    let after = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    // utime and stime are fields 14 and 15, the 12th and 13th after the name.
    let field = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok()).unwrap_or(0);
    field(11) + field(12)
}

/// Clock ticks a second for `/proc/self/stat` (USER_HZ): 100 on Linux.
fn ticks_per_second() -> f64 {
    100.0
}
