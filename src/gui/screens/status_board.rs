//! The live screen's status board, big enough to read from the back of the
//! room: users affected and revenue at stake as the team has been told them
//! (with their course so far), responder focus, trust, and the next update
//! as a countdown bar that turns urgent. Every colour has a word beside it.

use crate::gui::session::Session;
use crate::gui::theme::colour;
use crate::time::Dur;
use bevy_egui::egui::{self, Color32, RichText, Stroke, pos2, vec2};

/// The next promised update: (when it is due, how long the promise was).
pub fn next_update(s: &Session) -> Option<(Dur, Dur)> {
    s.next_update()
}

fn big(text: String, c: Color32) -> RichText {
    RichText::new(text).heading().strong().color(c)
}

/// A small line of `values` (0–100) over `span` seconds, stepped.
fn sparkline(ui: &mut egui::Ui, points: &[(Dur, u8)], now: Dur, c: Color32) {
    let h = ui.text_style_height(&egui::TextStyle::Body) * 1.6;
    let (rect, _) = ui.allocate_exact_size(vec2(h * 4.0, h), egui::Sense::hover());
    let p = ui.painter();
    p.rect_stroke(rect, 2.0, Stroke::new(1.0, colour::FRAME), egui::StrokeKind::Inside);
    if points.is_empty() || now == Dur::ZERO {
        return;
    }
    let x = |t: Dur| rect.left() + rect.width() * (t.as_secs() as f32 / now.as_secs() as f32).min(1.0);
    let y = |v: u8| rect.bottom() - rect.height() * f32::from(v) / 100.0;
    let mut line = vec![pos2(rect.left(), y(0))];
    for (t, v) in points {
        let last = line.last().map(|p| p.y).unwrap_or(y(0));
        line.push(pos2(x(*t), last));
        line.push(pos2(x(*t), y(*v)));
    }
    let end = line.last().map(|p| p.y).unwrap_or(y(0));
    line.push(pos2(rect.right(), end));
    p.add(egui::Shape::line(line, Stroke::new(2.0, c)));
}

/// A bar `share` (0–1) full, labelled.
fn bar(ui: &mut egui::Ui, share: f32, c: Color32, text: String) {
    ui.add(
        egui::ProgressBar::new(share.clamp(0.0, 1.0))
            .fill(c)
            .text(RichText::new(text).strong())
            .desired_width(ui.text_style_height(&egui::TextStyle::Body) * 9.0),
    );
}

pub fn show(ui: &mut egui::Ui, s: &Session) {
    let st = s.engine.state();
    let now = s.engine.now();
    let course = crate::sim::dashboard::impact_course(&s.engine);
    let ctx = &s.scenario().context;
    ui.horizontal(|ui| {
        ui.vertical(|ui| {
            ui.label(RichText::new("Users affected").small().color(colour::MUTED));
            ui.horizontal(|ui| {
                let users = course.last().map(|c| c.1).unwrap_or(0);
                let c = if users >= 30 {
                    colour::BAD
                } else if users > 0 {
                    colour::WARN
                } else {
                    colour::GOOD
                };
                ui.label(big(format!("{users}%"), c));
                let points: Vec<(Dur, u8)> = course.iter().map(|(t, u, _)| (*t, *u)).collect();
                sparkline(ui, &points, now, c);
            });
        });
        ui.separator();
        ui.vertical(|ui| {
            ui.label(RichText::new("Revenue lost so far").small().color(colour::MUTED));
            ui.horizontal(|ui| {
                ui.label(big(format!("{} {}", st.revenue_lost(), ctx.currency), colour::WARN));
                let points: Vec<(Dur, u8)> = course.iter().map(|(t, _, r)| (*t, *r)).collect();
                sparkline(ui, &points, now, colour::WARN);
            });
        });
        ui.separator();
        ui.vertical(|ui| {
            let focus = st.focus.clamp(0, 100);
            let (word, c) = match focus {
                0..=29 => ("overloaded", colour::BAD),
                30..=49 => ("strained", colour::WARN),
                _ => ("steady", colour::GOOD),
            };
            ui.label(RichText::new("Responders' focus").small().color(colour::MUTED));
            bar(ui, focus as f32 / 100.0, c, format!("{focus} — {word}"));
            ui.label(RichText::new("Trust: stakeholders / customers").small().color(colour::MUTED));
            ui.label(RichText::new(format!("{} / {}", st.stakeholder_trust, st.customer_trust)).strong());
        });
        ui.separator();
        ui.vertical(|ui| {
            ui.label(RichText::new("Next update").small().color(colour::MUTED));
            match next_update(s) {
                Some((due, length)) => {
                    let left = due.as_secs() as i64 - now.as_secs() as i64;
                    let used = 1.0 - left as f32 / length.as_secs().max(1) as f32;
                    let (c, text) = if left < 0 {
                        (colour::BAD, format!("⚠ {} overdue", Dur((-left) as u64)))
                    } else if used >= 0.8 {
                        (colour::WARN, format!("due in {} — soon", Dur(left as u64)))
                    } else {
                        (colour::GOOD, format!("due in {}", Dur(left as u64)))
                    };
                    bar(ui, used, c, text);
                    ui.label(RichText::new(format!("at {}", s.wall_clock(due).format("%H:%M"))).small());
                }
                None if st.resolved_at.is_some() => {
                    ui.label(big("✔ resolved".into(), colour::GOOD));
                }
                None => {
                    ui.label(RichText::new("nothing promised yet").color(colour::MUTED));
                }
            }
        });
    });
    dashboards(ui, s, false);
}

/// The scenario's dashboard metrics up to now, as the team sees them
/// (`lag` behind) or, for the facilitator, as they truly are.
pub fn dashboards(ui: &mut egui::Ui, s: &Session, truth: bool) {
    let metrics = &s.scenario().dashboards;
    if metrics.is_empty() {
        return;
    }
    let now = s.engine.now();
    ui.horizontal_wrapped(|ui| {
        for m in metrics {
            let until = if truth { now } else { now.saturating_sub(m.lag) };
            let points = crate::sim::dashboard::series(&s.engine, m, until, Dur(30));
            super::charts::metric(ui, m, &points, now.max(Dur(60)));
            ui.add_space(8.0);
        }
    });
}
