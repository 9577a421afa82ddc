//! Briefing: the business context and the roles in play, before the clock starts.

use super::widgets::{notice, section};
use super::{Screen, root_ui};
use crate::gui::intent::{Intent, Intents};
use crate::gui::session::Session;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use egui::RichText;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, draw.run_if(in_state(Screen::Briefing)));
}

fn draw(
    mut contexts: EguiContexts,
    session: Option<Res<Session>>,
    host: Option<Res<crate::gui::host::HostLink>>,
    mut intents: ResMut<Intents>,
) -> Result {
    let Some(session) = session else { return Ok(()) };
    let ctx = contexts.ctx_mut()?;
    let mut ui = root_ui(ctx);
    if let Some(host) = host {
        egui::Panel::right("join")
            .default_size(480.0)
            .show(&mut ui, |ui| crate::gui::host::join_panel(ui, &host));
    }
    egui::CentralPanel::default().show(&mut ui, |ui| intents.extend(view(ui, &session)));
    Ok(())
}

pub fn view(ui: &mut egui::Ui, session: &Session) -> Vec<Intent> {
    let mut out = Vec::new();
    let sc = &session.scenario();
    let c = &sc.context;
    ui.heading(format!("Briefing — {}", sc.title));
    notice(ui, &session.notice);
    egui::ScrollArea::vertical().max_height(ui.available_height() - 80.0).show(ui, |ui| {
        ui.label(
            RichText::new(
                session.wall_clock(crate::time::Dur::ZERO).format("%A %d %B %Y, %H:%M").to_string()
                    + " "
                    + &sc.clock.zone,
            )
            .strong(),
        );
        ui.label(&sc.summary);
        commitments(ui, session);
        ui.columns(2, |cols| {
            let ui = &mut cols[0];
            section(ui, "The business");
            ui.label(format!("{} — {}", c.company, c.product));
            ui.label(format!("Active users now: {}", c.users));
            ui.label(format!("Peak hours: {}", c.peak_hours));
            ui.label(format!("Revenue: {} {} per hour", c.revenue_per_hour, c.currency));
            if !c.key_customers.is_empty() {
                section(ui, "Key customers");
                for k in &c.key_customers {
                    ui.label(format!("• {} — account team: {}. {}", k.name, k.account_team, k.notes));
                }
            }
            let ui = &mut cols[1];
            if !c.external_events.is_empty() {
                section(ui, "Happening today");
                for e in &c.external_events {
                    ui.label(format!("• {e}"));
                }
            }
            if !c.commitments.is_empty() {
                section(ui, "Commitments");
                for e in &c.commitments {
                    ui.label(format!("• {e}"));
                }
            }
            section(ui, "Roles in play");
            for r in &sc.roles {
                let holders: Vec<String> = session
                    .engine
                    .participants()
                    .iter()
                    .filter(|p| p.roles.contains(&r.id))
                    .map(|p| p.name.clone())
                    .collect();
                ui.label(RichText::new(format!("{}: {}", r.name, holders.join(", "))).strong());
                ui.label(RichText::new(&r.duties).small());
            }
        });
    });
    ui.separator();
    if ui.button(RichText::new("Start the incident ▶").strong()).clicked() {
        out.push(Intent::BeginIncident);
    }
    out
}

/// What the team committed to in its last review, as it wrote it, with
/// the items whose due date passed before today's drill marked overdue.
fn commitments(ui: &mut egui::Ui, session: &Session) {
    if session.carried.is_empty() {
        return;
    }
    let today = crate::replay::day_of(&session.started);
    let first = &session.carried[0];
    egui::Frame::group(ui.style()).show(ui, |ui| {
        section(
            ui,
            &format!(
                "Last time you committed to… ({}, {})",
                first.from_scenario,
                first.from_started.chars().take(10).collect::<String>()
            ),
        );
        for c in &session.carried {
            let overdue = today.is_some_and(|d| crate::replay::is_overdue(c, d));
            let owner = if c.item.owner.trim().is_empty() { "no owner" } else { c.item.owner.trim() };
            let due = if c.item.due.trim().is_empty() { "no due date" } else { c.item.due.trim() };
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(format!("• {}", c.item.description)).strong());
                ui.label(format!("— {owner}, due {due}"));
                if overdue {
                    ui.label(RichText::new("⚠ OVERDUE").color(crate::gui::theme::colour::BAD).strong());
                }
            });
        }
        ui.label(
            RichText::new("Ask the owners where each one stands before the clock starts.")
                .small()
                .color(crate::gui::theme::colour::MUTED),
        );
    });
}
