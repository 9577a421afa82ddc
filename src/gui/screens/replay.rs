//! Replay: open a saved session, scrub its timeline of injects, facts and
//! actions, see the state and the running score at any moment, and step
//! from event to event.

use super::widgets::{notice, section, sev_badge};
use super::{Screen, root_ui};
use crate::gui::intent::{Intent, Intents};
use crate::replay::{SessionLog, replay, replay_until};
use crate::scenario::{LoadedScenario, load_file};
use crate::scoring::{Scorecard, score_engine};
use crate::sim::{Engine, Event};
use crate::time::Dur;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use egui::RichText;
use std::path::{Path, PathBuf};

#[derive(Resource)]
pub struct ReplayView {
    pub path: PathBuf,
    pub loaded: LoadedScenario,
    pub log: SessionLog,
    /// The moment shown.
    pub cursor: Dur,
    pub end: Dur,
    /// Every moment something happened, for stepping.
    pub moments: Vec<Dur>,
    /// The session at the cursor and its score then.
    pub at: Engine,
    pub card: Scorecard,
    /// The timeline strip under the scrubber.
    pub strip: super::replay_strip::Strip,
    /// Why the last "Play from here" did not start, shown until the next.
    pub notice: Option<String>,
    /// The moments a fork can start from (`replay::fork_window`).
    pub window: (Dur, Option<Dur>),
}

impl ReplayView {
    pub fn open(path: &Path, start: Option<Dur>) -> Result<ReplayView, String> {
        let log = SessionLog::load(path).map_err(|e| e.to_string())?;
        let loaded = load_file(Path::new(&log.header.scenario_path))
            .map_err(|d| format!("the scenario of this session cannot be loaded: {}", d[0].message))?;
        let full = replay(&loaded, &log).map_err(|e| e.to_string())?;
        let end = full.now();
        let mut moments: Vec<Dur> = full.events().iter().map(|e| e.at).collect();
        moments.sort();
        moments.dedup();
        let cursor = start.unwrap_or(end).min(end);
        let strip = super::replay_strip::Strip::of(&full, &score_engine(&full), &loaded, &log);
        let at = replay_until(&loaded, &log, cursor).map_err(|e| e.to_string())?;
        let card = score_engine(&at);
        Ok(ReplayView {
            path: path.to_path_buf(),
            loaded,
            log,
            cursor,
            end,
            moments,
            at,
            card,
            strip,
            notice: None,
            window: crate::replay::fork_window(&full),
        })
    }

    /// Moves the cursor and recomputes the state and score there.
    pub fn seek(&mut self, t: Dur) {
        let t = t.min(self.end);
        if let Ok(at) = replay_until(&self.loaded, &self.log, t) {
            self.card = score_engine(&at);
            self.at = at;
            self.cursor = t;
        }
    }

    pub fn next_moment(&self) -> Option<Dur> {
        self.moments.iter().copied().find(|m| *m > self.cursor)
    }

    pub fn previous_moment(&self) -> Option<Dur> {
        self.moments.iter().rev().copied().find(|m| *m < self.cursor)
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, draw.run_if(in_state(Screen::Replay)));
}

fn draw(
    mut contexts: EguiContexts,
    view: Option<ResMut<ReplayView>>,
    mut intents: ResMut<Intents>,
) -> Result {
    let Some(mut view) = view else { return Ok(()) };
    let ctx = contexts.ctx_mut()?;
    let mut ui = root_ui(ctx);
    egui::CentralPanel::default().show(&mut ui, |ui| intents.extend(show(ui, &mut view)));
    Ok(())
}

pub fn show(ui: &mut egui::Ui, v: &mut ReplayView) -> Vec<Intent> {
    let mut out = Vec::new();
    let start = v.at.scenario().clock.start.0;
    let wall = move |t: Dur| crate::time::wall_clock(start, t).format("%H:%M:%S").to_string();
    ui.horizontal(|ui| {
        ui.heading(format!("Replay — {}", v.at.scenario().title));
        if ui.button("Back to the library").clicked() {
            out.push(Intent::Goto(Screen::Library));
        }
    });
    ui.label(RichText::new(v.path.display().to_string()).small());
    if let Some(f) = &v.log.header.fork {
        ui.label(
            RichText::new(format!("A fork: played on from {} of {}", f.at.clock(), f.parent))
                .color(crate::gui::theme::colour::INFO),
        );
    }
    notice(ui, &v.notice);
    let mut secs = v.cursor.as_secs();
    let mut seek = None;
    ui.horizontal(|ui| {
        if ui.button("⏮ previous event").clicked() {
            seek = v.previous_moment();
        }
        if ui.button("next event ⏭").clicked() {
            seek = v.next_moment();
        }
        ui.label(RichText::new(format!("{} {}", wall(v.cursor), v.cursor.clock())).strong());
        ui.label(RichText::new(format!("score at this moment: {:.0}", v.card.total)).strong());
        let (end, finished) = v.window;
        let open = v.cursor <= end && finished.is_none_or(|f| v.cursor < f);
        let button = ui.add_enabled(open, egui::Button::new(RichText::new("▶ Play from here").strong()));
        let button = button
            .on_hover_text("Start a new live session from this moment, with everything done up to it: try what the team could have done instead. The original is kept.")
            .on_disabled_hover_text("The review was already finished by this moment: nothing is left to play.");
        if button.clicked() {
            out.push(Intent::PlayFrom { path: v.path.clone(), at: v.cursor });
        }
    });
    ui.spacing_mut().slider_width = (ui.available_width() - 160.0).max(200.0);
    let slider = ui.add(
        egui::Slider::new(&mut secs, 0..=v.end.as_secs())
            .show_value(false)
            .text("timeline")
            .custom_formatter(|x, _| Dur(x as u64).clock()),
    );
    if slider.changed() {
        seek = Some(Dur(secs));
    }
    if let Some(t) = super::replay_strip::show(ui, &v.strip, v.cursor) {
        seek = Some(t);
    }
    if let Some(t) = seek {
        v.seek(t);
    }
    ui.separator();
    ui.columns(2, |cols| {
        let ui = &mut cols[0];
        section(ui, "What happened up to here");
        egui::ScrollArea::vertical().id_salt("replay-feed").stick_to_bottom(true).show(ui, |ui| {
            for e in v.at.events() {
                let line = match &e.event {
                    Event::Inject { channel, from, text, .. } => format!("{:?} {from}: {text}", channel),
                    Event::Acted { by, what } => format!("ACTION {} ({}): {what}", by.name, by.role),
                    Event::Reply { from, text } => format!("REPLY {from}: {text}"),
                    Event::FactRevealed { text, .. } => format!("FACT {text}"),
                    Event::TrueSeverityChanged { to, why, .. } => format!("TRUE SEVERITY now {to}: {why}"),
                    Event::Resolved { text } => format!("RESOLVED {text}"),
                    Event::TimeLimitReached => "TIME LIMIT reached".into(),
                    _ => continue,
                };
                let current = e.at == v.cursor;
                let text = RichText::new(format!("{} {line}", wall(e.at)));
                ui.label(if current { text.strong() } else { text });
            }
        });
        let ui = &mut cols[1];
        let st = v.at.state();
        section(ui, "State at this moment");
        ui.horizontal(|ui| {
            ui.label("declared:");
            ui.label(sev_badge(st.declared));
            ui.label("true:");
            ui.label(sev_badge(Some(st.true_sev)));
        });
        ui.label(format!(
            "responder focus {} · fix {}% · revenue lost {} {} · trust {} / {}",
            st.focus,
            st.progress_percent(),
            st.revenue_lost(),
            v.at.scenario().context.currency,
            st.stakeholder_trust,
            st.customer_trust
        ));
        section(ui, "Known facts");
        for f in &v.at.scenario().facts {
            if st.known.contains_key(&f.id) {
                ui.label(format!("· {}", f.text));
            }
        }
        section(ui, "Findings so far");
        egui::ScrollArea::vertical().id_salt("replay-findings").show(ui, |ui| {
            for f in v.card.findings.iter().filter(|f| f.at.is_some_and(|t| t <= v.cursor)) {
                ui.horizontal_wrapped(|ui| {
                    ui.label(super::debrief::verdict_text(f.verdict));
                    ui.label(format!("{} {}", f.principle, f.evidence));
                });
            }
        });
    });
    out
}
