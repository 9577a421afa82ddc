//! A fork beside its parent, at the top of the fork's debrief: the
//! measures side by side, both sessions' severity on one chart with the
//! moment they part, and the problems that went away or appeared.

use crate::gui::intent::Intent;
use crate::gui::theme::colour;
use crate::report::compare::{Comparison, FindingRow};
use bevy_egui::egui;
use egui::RichText;

fn finding_list(ui: &mut egui::Ui, title: &str, list: &[FindingRow], tint: egui::Color32, id: &str) {
    egui::CollapsingHeader::new(RichText::new(format!("{title} ({})", list.len())).color(tint).strong())
        .id_salt(id)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().id_salt(id).max_height(160.0).show(ui, |ui| {
                for f in list {
                    ui.label(format!(
                        "{} {:?}{} — {}",
                        f.principle,
                        f.verdict,
                        f.at.map(|t| format!(" at {}", t.clock())).unwrap_or_default(),
                        f.evidence
                    ));
                }
            });
        });
}

/// Draws the comparison (or why there is none); returns what was clicked.
pub fn show(ui: &mut egui::Ui, beside: &Result<Comparison, String>) -> Vec<Intent> {
    let mut out = Vec::new();
    egui::Frame::group(ui.style()).show(ui, |ui| {
        let c = match beside {
            Ok(c) => c,
            Err(e) => {
                ui.label(
                    RichText::new(format!(
                        "This session is a fork, but its original cannot be shown beside it: {e}"
                    ))
                    .color(colour::WARN),
                );
                return;
            }
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("What if — this fork beside the original").heading());
            if let Some(d) = &c.divergence {
                ui.label(RichText::new(format!("they part at {} ({})", d.clock, d.at.clock())).strong());
            }
            if ui.button("Open the original's replay").clicked() {
                out.push(Intent::OpenReplay {
                    path: c.a.file.clone().into(),
                    at: c.divergence.as_ref().map(|d| d.at),
                });
            }
        });
        ui.columns(2, |cols| {
            let ui = &mut cols[0];
            egui::Grid::new("compare-measures").striped(true).show(ui, |ui| {
                for h in ["", "original", "this fork", "fork against original"] {
                    ui.label(RichText::new(h).strong());
                }
                ui.end_row();
                for r in crate::report::compare_rows(c) {
                    ui.label(r.measure.trim());
                    ui.label(r.a);
                    ui.label(RichText::new(r.b).strong());
                    let tint = if r.change.contains("better") {
                        colour::GOOD
                    } else if r.change.contains("worse") {
                        colour::BAD
                    } else {
                        colour::MUTED
                    };
                    ui.label(RichText::new(r.change).color(tint));
                    ui.end_row();
                }
            });
            let ui = &mut cols[1];
            ui.label(RichText::new("Severity in the original and in this fork").strong());
            super::charts::compare_severity(
                ui,
                &c.a.severity,
                &c.b.severity,
                c.divergence.as_ref().map(|d| d.at),
            );
            finding_list(ui, "Problems that went away in this fork", &c.gone, colour::GOOD, "cmp-gone");
            finding_list(ui, "Problems that appeared in this fork", &c.appeared, colour::BAD, "cmp-appeared");
        });
    });
    out
}
