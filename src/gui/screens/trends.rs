//! Trends across drills, in the trainer: every saved session in the
//! sessions folder, how the team scores over time, which principles improve
//! or slip, what is missed most, and which sessions could not be read.

use super::widgets::notice;
use super::{Screen, root_ui};
use crate::gui::intent::{Intent, Intents};
use crate::gui::theme::colour;
use crate::report::trends::{Direction, Trends, gather};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use egui::RichText;
use std::path::Path;

#[derive(Resource, Debug, Clone)]
pub struct TrendsView {
    pub trends: Trends,
    pub notice: Option<String>,
}

impl TrendsView {
    pub fn open(sessions: &Path, scenarios: &Path) -> Result<TrendsView, String> {
        if !sessions.is_dir() {
            return Err(format!("no sessions yet: {} does not exist", sessions.display()));
        }
        Ok(TrendsView { trends: gather(sessions, scenarios)?, notice: None })
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, draw.run_if(in_state(Screen::Trends)));
}

fn draw(mut contexts: EguiContexts, view: Option<Res<TrendsView>>, mut intents: ResMut<Intents>) -> Result {
    let Some(view) = view else { return Ok(()) };
    let ctx = contexts.ctx_mut()?;
    let mut ui = root_ui(ctx);
    egui::CentralPanel::default().show(&mut ui, |ui| intents.extend(show(ui, &view)));
    Ok(())
}

pub fn show(ui: &mut egui::Ui, v: &TrendsView) -> Vec<Intent> {
    let mut out = Vec::new();
    let t = &v.trends;
    ui.horizontal(|ui| {
        ui.heading(format!("Trends across {} drill(s)", t.sessions.len()));
        if ui.button("◀ Library").clicked() {
            out.push(Intent::Goto(Screen::Library));
        }
        if ui.button("Export as HTML").clicked() {
            out.push(Intent::ExportTrends);
        }
    });
    notice(ui, &v.notice);
    if t.sessions.is_empty() {
        ui.label("No finished or unfinished session could be read yet. Play a drill and come back.");
    }
    egui::ScrollArea::vertical().show(ui, |ui| {
        if t.sessions.len() > 1 {
            ui.label(RichText::new("Score across drills, oldest first").heading());
            let scores: Vec<f64> = t.sessions.iter().map(|s| s.score).collect();
            super::charts::series(ui, &scores, true);
        }
        ui.columns(2, |cols| {
            let ui = &mut cols[0];
            ui.label(RichText::new("Sessions, oldest first").heading());
            egui::Grid::new("trend-sessions").striped(true).show(ui, |ui| {
                for h in ["#", "Held on", "Scenario", "Team", "Worst", "Score"] {
                    ui.label(RichText::new(h).strong());
                }
                ui.end_row();
                for (i, s) in t.sessions.iter().enumerate() {
                    ui.label(format!("{}", i + 1));
                    ui.label(s.held_on.chars().take(16).collect::<String>().replace('T', " "));
                    ui.label(&s.scenario);
                    ui.label(&s.team);
                    ui.label(s.worst_true_severity.to_string());
                    ui.label(RichText::new(format!("{:.0}", s.score)).strong());
                    ui.end_row();
                }
            });
            for (title, groups) in
                [("By scenario", &t.by_scenario), ("By severity", &t.by_severity), ("By team", &t.by_team)]
            {
                ui.label(RichText::new(title).heading());
                for g in groups {
                    ui.label(format!("{} — {} session(s), mean {:.0}", g.key, g.sessions, g.mean_score));
                }
            }
            ui.label(RichText::new("Most often missed").heading());
            if t.most_missed.is_empty() {
                ui.label("Nothing was missed.");
            }
            for p in &t.most_missed {
                ui.label(
                    RichText::new(format!(
                        "– {}: missed in {} of {} sessions",
                        p.id, p.missed_in, p.sessions
                    ))
                    .color(colour::BAD),
                );
            }
            people(ui, t);
            if !t.forks.is_empty() {
                ui.label(
                    RichText::new(format!("Forks ({}): what-ifs, not counted above", t.forks.len()))
                        .heading(),
                );
                for f in &t.forks {
                    ui.label(format!(
                        "{} — {:.0}, fork of {}",
                        f.scenario,
                        f.score,
                        f.fork_of.as_deref().unwrap_or("")
                    ));
                }
            }
            if !t.skipped.is_empty() {
                ui.label(RichText::new(format!("Left out ({})", t.skipped.len())).heading());
                for s in &t.skipped {
                    ui.label(RichText::new(format!("{}: {}", s.file, s.reason)).small());
                }
            }

            let ui = &mut cols[1];
            ui.label(
                RichText::new("Principles: mean score, its line across drills, earlier then later").heading(),
            );
            for p in t.principles.iter().filter(|p| p.sessions > 0) {
                // Words, not arrows: egui's default fonts have no arrow glyphs.
                let trend = match p.direction() {
                    Direction::Unknown => "",
                    Direction::Better => "better",
                    Direction::Worse => "WORSE",
                    Direction::Steady => "steady",
                };
                ui.horizontal(|ui| {
                    ui.add_sized([180.0, 18.0], egui::Label::new(&p.id));
                    ui.add(
                        egui::ProgressBar::new((p.mean / 100.0) as f32)
                            .text(format!("{:.0}", p.mean))
                            .desired_width(160.0),
                    );
                    super::charts::series(ui, &p.series, false);
                    ui.label(format!("{:.0} then {:.0}  {trend}", p.earlier, p.later));
                });
            }
        });
    });
    out
}

/// One person at a time (chosen from everyone who took part): the roles
/// they held, what they miss most, their principles' lines across their
/// drills, and every fall of 15 points or more flagged.
fn people(ui: &mut egui::Ui, t: &Trends) {
    if t.people.is_empty() {
        return;
    }
    let id = egui::Id::new("trends-person");
    let mut chosen: usize = ui.data(|d| d.get_temp(id)).unwrap_or(0).min(t.people.len() - 1);
    ui.horizontal(|ui| {
        ui.label(RichText::new("People").heading());
        egui::ComboBox::from_id_salt("trends-person-pick").selected_text(&t.people[chosen].name).show_ui(
            ui,
            |ui| {
                for (i, p) in t.people.iter().enumerate() {
                    let flag = if p.drops().next().is_some() { "  ⚠ drop" } else { "" };
                    ui.selectable_value(&mut chosen, i, format!("{}{flag}", p.name));
                }
            },
        );
    });
    ui.data_mut(|d| d.insert_temp(id, chosen));
    let p = &t.people[chosen];
    ui.label(format!("{} drill(s) as {}", p.sessions, crate::report::trends_view::roles_words(p)));
    ui.label(format!("Most missed: {}", crate::report::trends_view::missed_words(p)));
    for (principle, d) in p.drops() {
        ui.label(
            RichText::new(format!(
                "⚠ DROP: {}",
                crate::report::trends_view::drop_words(principle, d).replace('→', "to")
            ))
            .color(colour::BAD)
            .strong(),
        );
    }
    for pr in p.principles.iter().filter(|x| x.sessions > 1) {
        ui.horizontal(|ui| {
            ui.add_sized([180.0, 18.0], egui::Label::new(&pr.id));
            super::charts::series(ui, &pr.series, false);
            ui.label(format!("{:.0} then {:.0}", pr.earlier, pr.later));
        });
    }
}
