//! The debrief: the scorecard — total, families, principles, roles,
//! metrics, par — and every finding with its moment and explanation.

use super::{Screen, root_ui};
use crate::authoring::par::{Par, par_of};
use crate::gui::intent::{Intent, Intents};
use crate::gui::session::Session;
use crate::gui::theme::colour;
use crate::report::compare::Comparison;
use crate::report::{Cadence, SeverityTrace};
use crate::scoring::{Scorecard, Verdict};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use egui::RichText;

/// The scorecard, its par, the charts' data and — for a fork — the
/// comparison with its parent, computed once when the debrief opens.
#[derive(Resource, Debug, Clone)]
pub struct Debrief(pub Scorecard, pub Par, pub Charts, pub Option<Result<Comparison, String>>);

/// What the debrief's charts draw, derived as the report derives it.
#[derive(Debug, Clone)]
pub struct Charts {
    pub severity: SeverityTrace,
    pub cadence: Cadence,
    /// Every declaration and proposal, person by person.
    pub calls: Vec<crate::report::CallRow>,
    /// Each participant and how many actions they took.
    pub people: Vec<(String, u64)>,
}

impl Charts {
    pub fn of(engine: &crate::sim::Engine) -> Charts {
        let people = engine
            .participants()
            .iter()
            .map(|p| {
                (p.name.clone(), engine.actions().iter().filter(|a| a.actor.name == p.name).count() as u64)
            })
            .collect();
        Charts {
            severity: crate::report::severity_trace(engine),
            cadence: crate::report::cadence(engine),
            calls: crate::report::call_rows(engine),
            people,
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Debrief), compute)
        .add_systems(EguiPrimaryContextPass, draw.run_if(in_state(Screen::Debrief)));
}

fn compute(mut commands: Commands, session: Option<Res<Session>>) {
    if let Some(s) = session {
        commands.insert_resource(Debrief(
            s.scorecard(),
            par_of(&s.engine),
            Charts::of(&s.engine),
            beside_parent(&s),
        ));
    }
}

/// A fork's comparison with the session it was played on from.
pub fn beside_parent(s: &Session) -> Option<Result<Comparison, String>> {
    s.fork.as_ref()?;
    let path = s.log_path.as_ref()?;
    let log = crate::replay::SessionLog::load(path).map_err(|e| e.to_string());
    match log {
        Ok(log) => crate::report::compare::beside_parent(&s.loaded, &log, &path.display().to_string()),
        Err(e) => Some(Err(e)),
    }
}

fn draw(
    mut contexts: EguiContexts,
    debrief: Option<Res<Debrief>>,
    session: Option<Res<Session>>,
    mut intents: ResMut<Intents>,
) -> Result {
    let (Some(d), Some(s)) = (debrief, session) else { return Ok(()) };
    let ctx = contexts.ctx_mut()?;
    let mut ui = root_ui(ctx);
    egui::CentralPanel::default().show(&mut ui, |ui| {
        if let Some(beside) = &d.3 {
            intents.extend(super::compare_panel::show(ui, beside));
        }
        intents.extend(view(ui, &d.0, &d.1, &d.2, &s));
    });
    Ok(())
}

pub fn verdict_text(v: Verdict) -> RichText {
    let (t, c) = match v {
        Verdict::Met => ("✔ MET", colour::GOOD),
        Verdict::Partly => ("½ PARTLY", colour::WARN),
        Verdict::Missed => ("– MISSED", colour::BAD),
        Verdict::Violated => ("✖ VIOLATED", colour::BAD),
    };
    RichText::new(t).color(c).strong()
}

pub fn view(ui: &mut egui::Ui, card: &Scorecard, par: &Par, charts: &Charts, s: &Session) -> Vec<Intent> {
    let mut out = Vec::new();
    ui.horizontal(|ui| {
        ui.heading(format!("Debrief — {}", s.scenario().title));
        ui.label(RichText::new(format!("{:.0} / 100", card.total)).heading().strong());
        if card.harm > 0.0 {
            ui.label(
                RichText::new(format!("anti-patterns took {:.0} points off", card.harm)).color(colour::BAD),
            );
        }
        if ui.button("Back to the library").clicked() {
            out.push(Intent::Goto(Screen::Library));
        }
        if let Some(p) = &s.log_path
            && ui.button("Open the replay").clicked()
        {
            out.push(Intent::OpenReplay { path: p.clone(), at: None });
        }
        if s.log_path.is_some()
            && ui
                .button("Export report")
                .on_hover_text("HTML and Markdown, beside the session journal")
                .clicked()
        {
            out.push(Intent::ExportReport);
        }
    });
    super::widgets::notice(ui, &s.notice);
    if let Some(p) = &s.log_path {
        ui.label(RichText::new(format!("Session saved: {}", p.display())).small());
    }
    ui.columns(2, |cols| {
        let ui = &mut cols[0];
        ui.label(RichText::new("Families").heading());
        for f in &card.families {
            ui.horizontal(|ui| {
                ui.label(format!("{:<5} {:>5.1}", f.id, f.score));
                ui.add(egui::ProgressBar::new((f.score / 100.0) as f32).text(f.title).desired_width(360.0));
            });
        }
        ui.label(RichText::new("Roles").heading());
        for r in &card.roles {
            ui.label(format!("{}: {:.0} ({} findings)", r.role, r.score, r.findings));
        }
        ui.label(RichText::new("People and their severity calls").heading());
        for (name, actions) in &charts.people {
            ui.label(RichText::new(format!("{name}: {actions} actions")).strong());
            for c in charts.calls.iter().filter(|c| &c.by == name) {
                let (mark, colour) = match c.against_truth() {
                    "matches the truth" => ("✔", colour::GOOD),
                    _ => ("≠", colour::WARN),
                };
                let why = if c.reason.is_empty() { String::new() } else { format!(": {}", c.reason) };
                ui.label(
                    RichText::new(format!(
                        "  {mark} {} {} {} — {} (declared then {}){why}",
                        s.wall_clock(c.at).format("%H:%M"),
                        c.kind,
                        c.sev,
                        c.against_truth(),
                        c.declared_before.map(|d| d.to_string()).unwrap_or_else(|| "none".into()),
                    ))
                    .color(colour),
                );
            }
        }
        ui.label(RichText::new("Metrics").heading());
        for (name, value) in card.metrics.lines() {
            ui.label(format!("{name}: {value}"));
        }
        ui.label(RichText::new("Par: the careful team on the same seed").heading());
        egui::Grid::new("par").striped(true).show(ui, |ui| {
            ui.label("");
            ui.label(RichText::new("this session").strong());
            ui.label(RichText::new("par").strong());
            ui.end_row();
            for (k, team, p) in crate::report::par_rows(par) {
                ui.label(k);
                ui.label(team);
                ui.label(p);
                ui.end_row();
            }
        });
        if let Some(sentence) = par.cost_sentence() {
            ui.label(RichText::new(sentence).color(colour::WARN));
        }
        let ui = &mut cols[1];
        ui.label(RichText::new("Principles").heading());
        egui::ScrollArea::vertical().id_salt("principles").max_height(ui.available_height() * 0.35).show(
            ui,
            |ui| {
                for p in &card.principles {
                    ui.horizontal(|ui| {
                        ui.label(verdict_text(p.verdict));
                        ui.label(format!("{} {:.0}", p.id, p.score));
                    });
                }
            },
        );
    });
    ui.separator();
    ui.columns(2, |cols| {
        cols[0].label(RichText::new("Severity: declared against the truth").heading());
        super::charts::severity_with_calls(&mut cols[0], &charts.severity, &charts.calls);
        cols[1].label(RichText::new("Update gaps").heading());
        super::charts::cadence(&mut cols[1], &charts.cadence);
    });
    ui.separator();
    ui.label(RichText::new("Findings").heading());
    egui::ScrollArea::vertical().id_salt("findings").show(ui, |ui| {
        for v in [Verdict::Violated, Verdict::Missed, Verdict::Partly, Verdict::Met] {
            for f in card.findings.iter().filter(|f| f.verdict == v) {
                ui.horizontal_wrapped(|ui| {
                    ui.label(verdict_text(f.verdict));
                    match (f.at, &s.log_path) {
                        // Each moment opens the replay there.
                        (Some(t), Some(p)) => {
                            let when = format!("{} {}", s.wall_clock(t).format("%H:%M"), t.clock());
                            let link = ui.link(RichText::new(when).monospace());
                            if link.on_hover_text("show this moment in the replay").clicked() {
                                out.push(Intent::OpenReplay { path: p.clone(), at: Some(t) });
                            }
                        }
                        (Some(t), None) => {
                            ui.label(RichText::new(t.clock()).monospace());
                        }
                        _ => {}
                    }
                    ui.label(RichText::new(format!("{} [{}]", f.principle, f.role)).monospace());
                    ui.label(&f.evidence);
                });
                ui.label(RichText::new(format!("    {}", f.why)).small());
            }
        }
    });
    out
}
