//! The library: shipped and user scenarios with their metadata, filters,
//! a seeded random pick, and unfinished sessions to resume. A scenario that
//! fails validation is listed with its error.

use super::widgets::notice;
use super::{Screen, root_ui};
use crate::gui::GuiOptions;
use crate::gui::intent::{Intent, Intents};
use crate::gui::theme::colour;
use crate::replay::SessionLog;
use crate::report::recommend::{Recommendation, Whom};
use crate::scenario::Difficulty;
use crate::scenario::catalog::{CatalogEntry, catalog, pick};
use crate::sim::Action;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use egui::RichText;
use std::path::{Path, PathBuf};

#[derive(Resource, Debug, Default)]
pub struct Catalog {
    pub entries: Vec<CatalogEntry>,
    pub difficulty: Option<Difficulty>,
    pub tag: Option<String>,
    pub seed: u64,
    /// Journals of sessions that never reached the debrief.
    pub resumable: Vec<(PathBuf, String)>,
    /// Finished sessions, to open as replays.
    pub finished: Vec<(PathBuf, String)>,
    pub notice: Option<String>,
    /// Where your own scenarios and sessions are, shown so people can find them.
    pub folders: Option<(PathBuf, PathBuf)>,
    /// The next drills, from the saved sessions (none before the first drill).
    pub recommender: Option<Recommender>,
}

/// The saved drills and the library's exercise profiles, and the choice of
/// whom to recommend for.
#[derive(Debug)]
pub struct Recommender {
    pub trends: crate::report::trends::Trends,
    pub lib: Vec<(crate::scenario::LoadedScenario, std::collections::BTreeMap<&'static str, usize>)>,
    pub choices: Vec<Whom>,
    pub chosen: usize,
    pub result: Result<Recommendation, String>,
}

impl Recommender {
    /// Reads the sessions folder; `None` when it holds no drill yet.
    pub fn load(sessions: &Path, yours: &Path) -> Option<Recommender> {
        let trends = crate::report::trends::gather(sessions, yours).ok()?;
        if trends.sessions.is_empty() {
            return None;
        }
        let lib = crate::report::recommend::library(yours);
        let choices = crate::report::recommend::choices(&trends);
        let chosen = crate::report::recommend::latest_team(&trends)
            .and_then(|w| choices.iter().position(|c| *c == w))
            .unwrap_or(0);
        let mut r = Recommender { trends, lib, choices, chosen, result: Err(String::new()) };
        r.choose(chosen);
        Some(r)
    }

    pub fn choose(&mut self, i: usize) {
        self.chosen = i.min(self.choices.len().saturating_sub(1));
        let whom = self.choices.get(self.chosen).cloned().unwrap_or(Whom::Everyone);
        self.result = crate::report::recommend::recommend_from(&self.trends, &whom, &self.lib)
            .map_err(|e| e.to_string());
    }
}

impl Catalog {
    pub fn load(options: &GuiOptions) -> Catalog {
        Catalog {
            entries: catalog(options.user_scenarios.as_deref()),
            seed: 1,
            resumable: unfinished_sessions(&options.sessions),
            finished: sessions(&options.sessions)
                .into_iter()
                .filter(|s| s.2)
                .map(|(p, l, _)| (p, l))
                .collect(),
            folders: options.user_scenarios.clone().map(|u| (u, options.sessions.clone())),
            recommender: Recommender::load(
                &options.sessions,
                options.user_scenarios.as_deref().unwrap_or(Path::new("")),
            ),
            ..Default::default()
        }
    }

    pub fn visible(&self) -> impl Iterator<Item = &CatalogEntry> {
        self.entries.iter().filter(|e| {
            self.difficulty.is_none_or(|d| e.difficulty() == Some(d))
                && self.tag.as_ref().is_none_or(|t| e.tags().contains(t))
        })
    }

    pub fn all_tags(&self) -> Vec<String> {
        let mut tags: Vec<String> = self.entries.iter().flat_map(|e| e.tags().to_vec()).collect();
        tags.sort();
        tags.dedup();
        tags
    }
}

/// Session journals whose last action is not `FinishReview`.
pub fn unfinished_sessions(dir: &Path) -> Vec<(PathBuf, String)> {
    sessions(dir).into_iter().filter(|s| !s.2).map(|(p, l, _)| (p, l)).collect()
}

/// Every readable session journal: path, a label, and whether it finished.
pub fn sessions(dir: &Path) -> Vec<(PathBuf, String, bool)> {
    let Ok(rd) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut out: Vec<(PathBuf, String, bool)> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .filter_map(|p| {
            let log = SessionLog::load(&p).ok()?;
            let finished = log.entries.last().is_some_and(|e| e.action == Action::FinishReview);
            let at = log.entries.last().map(|e| e.at.clock()).unwrap_or_else(|| "T+00:00".into());
            let label = if finished {
                format!(
                    "{} — played {}, {} actions",
                    log.header.scenario,
                    log.header.started,
                    log.entries.len()
                )
            } else {
                format!("{} — stopped at {at}, {} actions", log.header.scenario, log.entries.len())
            };
            Some((p, label, finished))
        })
        .collect();
    out.sort();
    out
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Library), refresh)
        .add_systems(EguiPrimaryContextPass, draw.run_if(in_state(Screen::Library)))
        .add_systems(Startup, open_requested_scenario);
}

fn refresh(mut commands: Commands, options: Res<GuiOptions>) {
    commands.insert_resource(Catalog::load(&options));
}

/// `sevdrill play SCENARIO` goes straight to its setup.
fn open_requested_scenario(options: Res<GuiOptions>, mut intents: ResMut<Intents>) {
    // In end-to-end mode the driver opens it, after photographing the library.
    if let Some(p) = options.scenario.as_ref().filter(|_| options.autoplay.is_none()) {
        intents.0.push(Intent::OpenScenario(p.clone()));
    }
}

fn draw(
    mut contexts: EguiContexts,
    catalog: Option<ResMut<Catalog>>,
    mut intents: ResMut<Intents>,
) -> Result {
    let Some(mut catalog) = catalog else { return Ok(()) };
    let ctx = contexts.ctx_mut()?;
    let mut ui = root_ui(ctx);
    egui::CentralPanel::default().show(&mut ui, |ui| intents.extend(view(ui, &mut catalog)));
    Ok(())
}

/// Draws the library; filter and seed edits change `catalog` directly.
pub fn view(ui: &mut egui::Ui, catalog: &mut Catalog) -> Vec<Intent> {
    let mut out = Vec::new();
    ui.heading("sevdrill — pick an incident to drill");
    if let Some((yours, sessions)) = &catalog.folders {
        ui.label(
            RichText::new(format!(
                "Your scenarios: {}   ·   sessions: {}   ·   the shipped library is built in",
                yours.display(),
                sessions.display()
            ))
            .small()
            .color(colour::MUTED),
        );
    }
    notice(ui, &catalog.notice);
    if !catalog.resumable.is_empty() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(RichText::new("Unfinished sessions — nothing was lost:").strong());
            for (path, label) in &catalog.resumable {
                ui.horizontal(|ui| {
                    if ui.button("Resume").clicked() {
                        out.push(Intent::Resume(path.clone()));
                    }
                    ui.label(label);
                });
            }
        });
    }
    if let Some(r) = catalog.recommender.as_mut() {
        out.extend(recommended(ui, r));
    }
    if !catalog.finished.is_empty() {
        egui::CollapsingHeader::new(format!("Replays of {} finished sessions", catalog.finished.len())).show(
            ui,
            |ui| {
                for (path, label) in catalog.finished.iter().rev().take(20) {
                    ui.horizontal(|ui| {
                        if ui.button("Open replay").clicked() {
                            out.push(Intent::OpenReplay { path: path.clone(), at: None });
                        }
                        ui.label(label);
                    });
                }
            },
        );
    }
    ui.horizontal_wrapped(|ui| {
        ui.label("Difficulty:");
        for (label, d) in [
            ("all", None),
            ("intro", Some(Difficulty::Intro)),
            ("intermediate", Some(Difficulty::Intermediate)),
            ("advanced", Some(Difficulty::Advanced)),
        ] {
            ui.selectable_value(&mut catalog.difficulty, d, label);
        }
        ui.separator();
        ui.label("Tag:");
        let tags = catalog.all_tags();
        egui::ComboBox::from_id_salt("tag-filter")
            .selected_text(catalog.tag.clone().unwrap_or_else(|| "all".into()))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut catalog.tag, None, "all");
                for t in tags {
                    ui.selectable_value(&mut catalog.tag, Some(t.clone()), t);
                }
            });
        ui.separator();
        ui.label("Random with seed");
        ui.add(egui::DragValue::new(&mut catalog.seed));
        if ui.button("🎲 Random scenario").clicked() {
            match pick(&catalog.entries, catalog.seed) {
                Some(i) => out.push(Intent::OpenScenario(catalog.entries[i].path.clone())),
                None => catalog.notice = Some("no valid scenario to pick from".into()),
            }
        }
        ui.separator();
        if ui.button("📈 Trends across drills").clicked() {
            out.push(Intent::OpenTrends);
        }
    });
    ui.separator();
    egui::ScrollArea::vertical().show(ui, |ui| {
        let visible: Vec<&CatalogEntry> = catalog.visible().collect();
        if visible.is_empty() {
            ui.label("No scenario matches these filters.");
        }
        for e in visible {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                match &e.scenario {
                    Ok(s) => {
                        let sc = &s.scenario;
                        ui.horizontal(|ui| {
                            ui.label(RichText::new(&sc.title).heading());
                            ui.label(
                                RichText::new(format!(
                                    "{:?} · about {} min · {}",
                                    sc.difficulty, sc.expected_minutes, e.origin
                                ))
                                .color(colour::MUTED),
                            );
                        });
                        ui.label(&sc.summary);
                        ui.horizontal(|ui| {
                            if !sc.tags.is_empty() {
                                ui.label(RichText::new(format!("tags: {}", sc.tags.join(", "))).small());
                            }
                            if ui.button("Open ▶").clicked() {
                                out.push(Intent::OpenScenario(e.path.clone()));
                            }
                            ui.label(
                                RichText::new(e.path.display().to_string()).small().color(colour::MUTED),
                            );
                        });
                    }
                    Err(diags) => {
                        ui.label(
                            RichText::new(format!("✖ {} — does not validate", e.title()))
                                .color(colour::BAD)
                                .strong(),
                        );
                        for d in diags.iter().filter(|d| d.is_error()).take(3) {
                            ui.label(
                                RichText::new(format!("{}:{}:{}: {}", d.file, d.line, d.column, d.message))
                                    .monospace(),
                            );
                            if let Some(h) = &d.help {
                                ui.label(RichText::new(format!("help: {h}")).small());
                            }
                        }
                    }
                }
            });
        }
    });
    out
}

/// "Recommended for team Payments": the top three next drills with their
/// reasons, and whom to recommend for.
fn recommended(ui: &mut egui::Ui, r: &mut Recommender) -> Vec<Intent> {
    let mut out = Vec::new();
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.label(RichText::new("Recommended for").heading());
            let mut chosen = r.chosen;
            egui::ComboBox::from_id_salt("recommend-for")
                .selected_text(r.choices.get(chosen).map(Whom::words).unwrap_or_default())
                .show_ui(ui, |ui| {
                    for (i, w) in r.choices.iter().enumerate() {
                        ui.selectable_value(&mut chosen, i, w.words());
                    }
                });
            if chosen != r.chosen {
                r.choose(chosen);
            }
        });
        match &r.result {
            Err(e) => {
                ui.label(RichText::new(e).color(colour::WARN));
            }
            Ok(rec) => {
                let missed: Vec<String> =
                    rec.needs.iter().map(|n| format!("{} ({} of {})", n.principle, n.missed, n.tested)).collect();
                ui.label(
                    RichText::new(if missed.is_empty() {
                        format!("Nothing was missed in the last {} drill(s): here are the broadest tests not played lately.", rec.recent.len())
                    } else {
                        format!("From the last {} drill(s), missed most: {}", rec.recent.len(), missed.join(", "))
                    })
                    .color(colour::MUTED),
                );
                for (i, p) in rec.picks.iter().enumerate() {
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(format!("{}. {}", i + 1, p.title)).strong());
                        if ui.button("Open ▶").clicked() {
                            out.push(Intent::OpenScenario(PathBuf::from(&p.path)));
                        }
                    });
                    for reason in &p.reasons {
                        ui.label(RichText::new(format!("      · {reason}")).small());
                    }
                }
            }
        }
    });
    out
}
