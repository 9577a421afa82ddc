//! The interactive trainer: a thin Bevy + bevy_egui shell over the engine.
//! Screens draw from a read-only view of the session and return intents;
//! `intent::apply` turns intents into engine actions, journal lines and
//! screen changes.

pub mod autoplay;
mod clock;
pub mod egui_render;
pub mod export;
pub mod facilitator;
pub mod facilitator_rate;
pub mod host;
pub mod hot_reload;
pub mod icons;
pub mod intent;
pub mod redraw;
pub mod room_shots;
pub mod screens;
pub mod session;
pub mod shortcuts;
pub mod stats;
pub mod theme;

use bevy::camera::RenderTarget;
use bevy::prelude::*;
use bevy::window::WindowResolution;
use bevy::winit::WinitSettings;
use bevy_egui::{EguiGlobalSettings, EguiPlugin, PrimaryEguiContext};
use std::path::PathBuf;

pub use host::run_hosted;
pub use intent::Intent;
pub use screens::Screen;

/// How the trainer was started.
#[derive(Resource, Debug, Clone, Default)]
pub struct GuiOptions {
    /// Open directly on this scenario's setup screen.
    pub scenario: Option<PathBuf>,
    /// A folder of the user's own scenarios (the shipped ones are built in).
    pub user_scenarios: Option<PathBuf>,
    /// Where session journals are written.
    pub sessions: PathBuf,
    pub presentation: bool,
    /// Open the facilitator's second window when a session starts.
    pub facilitator_window: bool,
    /// End-to-end mode: play this action script through the GUI.
    pub autoplay: Option<PathBuf>,
    /// End-to-end mode: save a screenshot of each screen here.
    pub screenshots: Option<PathBuf>,
    /// Print start-up time and live-screen frame times on exit.
    pub frame_stats: bool,
    /// End-to-end mode: sit idle this long on the paused live screen.
    pub idle_secs: Option<u64>,
    /// Measurement: pad the live feed to this many items.
    pub pad_feed: Option<usize>,
}

/// Builds and runs the app; returns when the window closes.
pub fn run(options: GuiOptions) -> AppExit {
    build(options).run()
}

/// The app with its window, renderer and every plugin, not yet running.
pub fn build(options: GuiOptions) -> App {
    let started = std::time::Instant::now();
    let mut app = App::new();
    if options.frame_stats {
        app.insert_resource(stats::FrameStats::new(started));
    }
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title: "sevdrill — incident response trainer".into(),
            resolution: WindowResolution::new(1920, 1080),
            present_mode: bevy::window::PresentMode::AutoNoVsync,
            ..default()
        }),
        ..default()
    }))
    .add_plugins(EguiPlugin::default())
    // Redraw on input, on the clock's tick and when egui asks, after the
    // delay it asks for: an idle or paused trainer sleeps (see `redraw`).
    .insert_resource(WinitSettings::desktop_app())
    .insert_resource(theme::Presentation(options.presentation))
    .insert_resource(facilitator::FacilitatorWanted(options.facilitator_window))
    .insert_resource(options)
    .add_systems(Startup, spawn_camera);
    egui_render::plugin(&mut app);
    add_plugins(&mut app);
    app
}

/// Everything but the window and renderer, so tests can use `MinimalPlugins`.
pub fn add_plugins(app: &mut App) {
    app.init_resource::<theme::Presentation>();
    app.add_plugins((
        screens::plugin,
        session::plugin,
        intent::plugin,
        clock::plugin,
        theme::plugin,
        shortcuts::plugin,
        autoplay::plugin,
        facilitator::plugin,
        facilitator_rate::plugin,
        stats::plugin,
        hot_reload::plugin,
        redraw::plugin,
        host::plugin,
        room_shots::plugin,
    ));
}

/// The main window's camera carries the primary egui context; the
/// facilitator's window gets its own (see `facilitator`). Both are drawn by
/// `egui_render`, the room's on the background the theme sets.
fn spawn_camera(mut commands: Commands, mut egui: ResMut<EguiGlobalSettings>) {
    egui.auto_create_primary_context = false;
    commands.spawn((
        egui_render::camera(RenderTarget::default(), 0, ClearColorConfig::Default),
        PrimaryEguiContext,
    ));
}
