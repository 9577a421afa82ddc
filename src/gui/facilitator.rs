//! The facilitator's window, a second OS window for the laptop while the
//! projector shows the participants' view: the true severity, what is
//! coming, manual injects, the clock, and whether scores are shown.

use super::intent::{Intent, Intents};
use super::screens::Screen;
use super::screens::widgets::sev_badge;
use super::session::{Session, Speed};
use crate::sim::{Action, Actor, FACILITATOR};
use bevy::camera::RenderTarget;
use bevy::ecs::schedule::ScheduleLabel;
use bevy::prelude::*;
use bevy::window::{WindowRef, WindowResolution};
use bevy_egui::{EguiContext, EguiSchedule, PrimaryEguiContext, egui};
use egui::RichText;

/// Whether to open the facilitator's window when a session starts.
#[derive(Resource, Debug, Clone, Copy)]
pub struct FacilitatorWanted(pub bool);

/// The egui pass that draws into the facilitator's window.
#[derive(ScheduleLabel, Clone, Debug, PartialEq, Eq, Hash)]
pub struct FacilitatorPass;

#[derive(Component)]
pub struct FacilitatorWindow;

use super::facilitator_rate::FacilitatorCamera;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Briefing), open)
        .add_systems(OnEnter(Screen::Library), close)
        .add_systems(FacilitatorPass, draw);
}

fn open(
    mut commands: Commands,
    wanted: Option<Res<FacilitatorWanted>>,
    existing: Query<(), With<FacilitatorWindow>>,
) {
    if !wanted.is_some_and(|w| w.0) || !existing.is_empty() {
        return;
    }
    let window = commands
        .spawn((
            Window {
                title: "sevdrill — facilitator (not for the projector)".into(),
                resolution: WindowResolution::new(1000, 900),
                present_mode: bevy::window::PresentMode::AutoNoVsync,
                ..default()
            },
            FacilitatorWindow,
        ))
        .id();
    commands.spawn((
        super::egui_render::camera(
            RenderTarget::Window(WindowRef::Entity(window)),
            1,
            ClearColorConfig::Custom(laptop_background()),
        ),
        EguiSchedule::new(FacilitatorPass),
        FacilitatorCamera,
    ));
}

/// The facilitator's window keeps the laptop look in presentation mode too.
fn laptop_background() -> Color {
    let [r, g, b, _] = super::theme::background(false).to_array();
    Color::srgb_u8(r, g, b)
}

fn close(
    mut commands: Commands,
    windows: Query<Entity, With<FacilitatorWindow>>,
    cameras: Query<Entity, With<FacilitatorCamera>>,
) {
    for e in windows.iter().chain(cameras.iter()) {
        commands.entity(e).despawn();
    }
}

fn draw(
    mut ctx: Single<&mut EguiContext, (With<FacilitatorCamera>, Without<PrimaryEguiContext>)>,
    session: Option<Res<Session>>,
    mut intents: ResMut<Intents>,
) {
    let Some(session) = session else { return };
    // Laid out on every frame, drawn or not (`facilitator_rate`): egui
    // passes left empty lost glyphs newly added to the font atlas.
    let ctx = ctx.get_mut();
    // The facilitator reads this on a laptop: the laptop style, never the
    // projector's, whatever the room's screen is set to. A new window (a new
    // session) starts with egui's default, so look rather than remember.
    // egui's default fills its panels; the trainer's styles leave that to the clear colour.
    if ctx.style_of(egui::Theme::Dark).visuals.panel_fill != egui::Color32::TRANSPARENT {
        let laptop = super::theme::style(false);
        ctx.all_styles_mut(|s| *s = laptop.clone());
    }
    let mut ui = super::screens::root_ui(ctx);
    egui::CentralPanel::default().show(&mut ui, |ui| intents.extend(view(ui, &session)));
}

/// The facilitator's panel.
pub fn view(ui: &mut egui::Ui, s: &Session) -> Vec<Intent> {
    let mut out = Vec::new();
    let st = s.engine.state();
    let now = s.engine.now();
    ui.heading("Facilitator");
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("{} {}", s.wall_clock(now).format("%H:%M:%S"), now.clock())).strong());
        for speed in Speed::ALL {
            if ui.selectable_label(s.speed == speed, speed.label()).clicked() {
                out.push(Intent::SetSpeed(speed));
            }
        }
        if ui.button("next event").clicked() {
            out.push(Intent::JumpToNextEvent);
        }
    });
    ui.horizontal(|ui| {
        ui.label("true severity now:");
        ui.label(sev_badge(Some(st.true_sev)));
        ui.label("declared:");
        ui.label(sev_badge(st.declared));
    });
    ui.label(RichText::new(&s.scenario().severity.rationale).small());
    if !s.scenario().dashboards.is_empty() {
        ui.label(RichText::new("Dashboards as they truly are (the room sees them a little behind)").small());
        super::screens::status_board::dashboards(ui, s, true);
    }
    let chosen = &s.scenario().chosen;
    if !chosen.is_empty() {
        let picks: Vec<String> = chosen.iter().map(|c| format!("{} = {}", c.pool, c.option)).collect();
        ui.label(format!("this seed's variants: {}", picks.join(", ")));
    }
    ui.label(format!(
        "responder focus {} · fix {}% · revenue lost {} {} · trust {} / {}",
        st.focus,
        st.progress_percent(),
        st.revenue_lost(),
        s.scenario().context.currency,
        st.stakeholder_trust,
        st.customer_trust
    ));
    ui.horizontal(|ui| {
        let label = if s.scores_live { "Hide scores from the room" } else { "Show scores to the room" };
        if ui.button(label).clicked() {
            out.push(Intent::ToggleScores);
        }
        ui.label(RichText::new(format!("score so far: {:.0}", s.score_total())).strong());
    });
    ui.separator();
    ui.label(RichText::new("Coming up — fire any of them now").heading());
    egui::ScrollArea::vertical().show(ui, |ui| {
        for (at, inject) in s.engine.upcoming() {
            ui.horizontal_wrapped(|ui| {
                let when = match at {
                    Some(t) => s.wall_clock(t).format("%H:%M").to_string(),
                    None => "when…".into(),
                };
                if ui.button("Fire now").clicked() {
                    let facilitator = Actor { name: "Facilitator".into(), role: FACILITATOR.into() };
                    out.push(Intent::Act(facilitator, Action::FireInject(inject.id.clone())));
                }
                ui.label(RichText::new(format!("{when} {:?} {}", inject.channel, inject.from)).strong());
                ui.label(&inject.text);
            });
        }
    });
    out
}
