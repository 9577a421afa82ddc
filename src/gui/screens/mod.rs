//! The trainer's screens, one file each, and what they share: the root
//! area to draw in, the notice line and the keyboard help.

pub mod briefing;
pub mod charts;
pub mod compare_panel;
pub mod debrief;
pub mod feed;
pub mod library;
pub mod live;
pub mod replay;
pub mod replay_strip;
pub mod review;
pub mod setup;
pub mod status_board;
pub mod trends;
pub mod widgets;

use bevy::prelude::*;
use bevy_egui::egui;

#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Library,
    Setup,
    Briefing,
    Live,
    Review,
    Debrief,
    Replay,
    Trends,
}

impl Screen {
    pub fn name(self) -> &'static str {
        match self {
            Screen::Library => "library",
            Screen::Setup => "setup",
            Screen::Briefing => "briefing",
            Screen::Live => "live",
            Screen::Review => "review",
            Screen::Debrief => "debrief",
            Screen::Replay => "replay",
            Screen::Trends => "trends",
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Screen>();
    app.add_plugins((
        library::plugin,
        setup::plugin,
        briefing::plugin,
        live::plugin,
        review::plugin,
        debrief::plugin,
        replay::plugin,
        trends::plugin,
    ));
}

/// A Ui covering the whole window, for screens built from panels.
impl Screen {
    /// The screen a session in `phase` is shown on.
    pub fn for_phase(phase: crate::sim::Phase) -> Screen {
        use crate::sim::Phase;
        match phase {
            Phase::Briefing => Screen::Briefing,
            Phase::Live => Screen::Live,
            Phase::Review => Screen::Review,
            Phase::Debrief => Screen::Debrief,
        }
    }
}

pub fn root_ui(ctx: &egui::Context) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        "sevdrill-root".into(),
        egui::UiBuilder::new().layer_id(egui::LayerId::background()).max_rect(ctx.content_rect()),
    )
}
