//! Setup: who plays which role (one person may hold several), the seed,
//! whether scores show live, and presentation mode.

use super::widgets::notice;
use super::{Screen, root_ui};
use crate::gui::intent::{Intent, Intents};
use crate::gui::session::{Record, Speed};
use crate::gui::theme::Presentation;
use crate::scenario::LoadedScenario;
use crate::sim::Participant;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use egui::RichText;

#[derive(Resource, Debug, Clone)]
pub struct SetupForm {
    pub loaded: LoadedScenario,
    pub people: Vec<(String, Vec<String>)>,
    pub seed: u64,
    pub scores_live: bool,
    pub speed: Speed,
    /// Facilitator and team, for the report and trends.
    pub record: Record,
    /// Host the session for participants' own devices (`gui::host`).
    pub seats: bool,
    pub notice: Option<String>,
}

impl SetupForm {
    /// One person per role to start with, named after the role.
    pub fn new(loaded: LoadedScenario) -> SetupForm {
        let people =
            vec![(String::from("Player 1"), loaded.scenario.roles.iter().map(|r| r.id.clone()).collect())];
        SetupForm {
            loaded,
            people,
            seed: 1,
            scores_live: false,
            speed: Speed::X1,
            record: Record::default(),
            seats: false,
            notice: None,
        }
    }

    /// A newer version of the same file: keeps the people (and the roles
    /// that still exist), the seed and the settings.
    pub fn replace_scenario(&mut self, loaded: LoadedScenario) {
        let roles: Vec<String> = loaded.scenario.roles.iter().map(|r| r.id.clone()).collect();
        for (_, held) in &mut self.people {
            held.retain(|r| roles.contains(r));
        }
        self.loaded = loaded;
    }

    /// Roles nobody holds yet.
    pub fn unassigned(&self) -> Vec<String> {
        self.loaded
            .scenario
            .roles
            .iter()
            .filter(|r| !self.people.iter().any(|(_, roles)| roles.contains(&r.id)))
            .map(|r| r.name.clone())
            .collect()
    }

    /// What must be fixed before starting, if anything.
    pub fn problem(&self) -> Option<String> {
        let named: Vec<&String> = self.people.iter().map(|(n, _)| n).collect();
        if self.people.iter().any(|(n, _)| n.trim().is_empty()) {
            return Some("every participant needs a name".into());
        }
        if named.iter().enumerate().any(|(i, n)| named[..i].contains(n)) {
            return Some("two participants have the same name".into());
        }
        if self.people.iter().any(|(_, r)| r.is_empty()) {
            return Some("every participant needs at least one role".into());
        }
        let missing = self.unassigned();
        (!missing.is_empty()).then(|| format!("nobody holds: {}", missing.join(", ")))
    }

    pub fn participants(&self) -> Vec<Participant> {
        self.people
            .iter()
            .map(|(n, r)| Participant { name: n.trim().to_string(), roles: r.clone() })
            .collect()
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, draw.run_if(in_state(Screen::Setup)));
}

fn draw(
    mut contexts: EguiContexts,
    form: Option<ResMut<SetupForm>>,
    mut presentation: ResMut<Presentation>,
    mut intents: ResMut<Intents>,
) -> Result {
    let Some(mut form) = form else { return Ok(()) };
    let ctx = contexts.ctx_mut()?;
    let mut ui = root_ui(ctx);
    egui::CentralPanel::default()
        .show(&mut ui, |ui| intents.extend(view(ui, &mut form, &mut presentation.0)));
    Ok(())
}

pub fn view(ui: &mut egui::Ui, form: &mut SetupForm, presentation: &mut bool) -> Vec<Intent> {
    let mut out = Vec::new();
    let roles = form.loaded.scenario.roles.clone();
    ui.heading(format!("Set up: {}", form.loaded.scenario.title));
    notice(ui, &form.notice);
    ui.label("Who is in the room, and which role does each person play? One person may hold several roles.");
    let mut remove = None;
    egui::Grid::new("participants").striped(true).show(ui, |ui| {
        ui.label(RichText::new("Name").strong());
        for r in &roles {
            ui.label(RichText::new(&r.name).strong());
        }
        ui.end_row();
        for (i, (name, held)) in form.people.iter_mut().enumerate() {
            ui.add_sized([240.0, ui.spacing().interact_size.y], egui::TextEdit::singleline(name));
            for r in &roles {
                let mut on = held.contains(&r.id);
                if ui.checkbox(&mut on, "").on_hover_text(&r.duties).changed() {
                    if on {
                        held.push(r.id.clone());
                    } else {
                        held.retain(|x| x != &r.id);
                    }
                }
            }
            if ui.button("✖ remove").clicked() {
                remove = Some(i);
            }
            ui.end_row();
        }
    });
    if let Some(i) = remove.filter(|_| form.people.len() > 1) {
        form.people.remove(i);
    }
    if ui.button("+ add participant").clicked() {
        let n = form.people.len() + 1;
        form.people.push((format!("Player {n}"), Vec::new()));
    }
    ui.separator();
    ui.horizontal(|ui| {
        ui.label("Facilitator:");
        ui.add(egui::TextEdit::singleline(&mut form.record.facilitator).hint_text("who runs the drill"));
        ui.label("Team:");
        ui.add(egui::TextEdit::singleline(&mut form.record.team).hint_text("for trends across drills"));
    })
    .response
    .on_hover_text(
        "Both go into the session's record: the report's evidence of training and the trends view.",
    );
    ui.horizontal(|ui| {
        ui.label("Seed (same seed, same incident):");
        ui.add(egui::DragValue::new(&mut form.seed));
    });
    let pools = &form.loaded.scenario.variants;
    if !pools.is_empty() {
        // Which options the seed picks stays with the facilitator, not the room.
        let parts: Vec<String> = pools
            .iter()
            .map(|p| {
                format!("{} ({} options)", if p.note.is_empty() { &p.id } else { &p.note }, p.options.len())
            })
            .collect();
        ui.label(format!("This scenario varies with the seed: {}.", parts.join("; ")))
            .on_hover_text("The facilitator window shows which options this seed picked.");
    }
    ui.horizontal(|ui| {
        ui.label("Clock speed at the start:");
        for s in Speed::ALL {
            ui.selectable_value(&mut form.speed, s, s.label());
        }
    });
    ui.checkbox(&mut form.scores_live, "Show the score live (otherwise only in the debrief)");
    ui.checkbox(presentation, "Presentation mode (large text, high contrast, for a projector)");
    ui.checkbox(&mut form.seats, "Let participants join from their own devices")
        .on_hover_text("Starts a seat server on port 8321 that this network can reach; the briefing shows a QR code per participant.");
    ui.separator();
    let problem = form.problem();
    ui.horizontal(|ui| {
        if ui.button("◀ Library").clicked() {
            out.push(Intent::Goto(Screen::Library));
        }
        let start =
            ui.add_enabled(problem.is_none(), egui::Button::new(RichText::new("Start briefing ▶").strong()));
        if start.clicked() {
            out.push(Intent::StartSession {
                path: std::path::PathBuf::from(&form.loaded.path),
                seed: form.seed,
                participants: form.participants(),
                scores_live: form.scores_live,
                speed: form.speed,
                record: form.record.clone(),
            });
            if form.seats {
                out.push(Intent::HostSeats);
            }
        }
        if let Some(p) = &problem {
            ui.label(RichText::new(format!("⚠ {p}")).color(crate::gui::theme::colour::WARN));
        }
    });
    out
}
