//! The replay's timeline strip, under the scrubber: severity lanes (truth
//! and declared), messages, decisions, escalations and findings as markers,
//! and the running score as a curve. Hovering a marker names it; clicking
//! it jumps the replay there.

use crate::gui::theme::colour;
use crate::replay::{SessionLog, replay_until};
use crate::scenario::{LoadedScenario, Sev};
use crate::scoring::{Scorecard, Verdict, score_engine};
use crate::sim::{Action, Engine};
use crate::time::Dur;
use bevy_egui::egui::{self, Color32, FontId, Rect, Stroke, pos2, vec2};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    Message,
    Decision,
    Escalation,
    Finding(Verdict),
}

#[derive(Debug, Clone)]
pub struct Mark {
    pub at: Dur,
    pub lane: Lane,
    pub label: String,
}

/// Everything the strip draws, computed once when the replay opens.
#[derive(Debug, Clone)]
pub struct Strip {
    pub end: Dur,
    pub truth: Vec<(Dur, Sev)>,
    pub declared: Vec<(Dur, Sev)>,
    pub marks: Vec<Mark>,
    /// The total score as it stood at moments through the session.
    pub score: Vec<(Dur, f64)>,
    /// For a fork, the moment it parts from its parent.
    pub cut: Option<Dur>,
}

/// At most this many points on the score curve: each one is a replay.
const SCORE_POINTS: usize = 40;

impl Strip {
    pub fn of(full: &Engine, card: &Scorecard, loaded: &LoadedScenario, log: &SessionLog) -> Strip {
        let end = full.now().max(Dur(60));
        let st = full.state();
        let mut marks: Vec<Mark> = full
            .actions()
            .iter()
            .filter_map(|a| {
                let (lane, label) = match &a.action {
                    Action::Communicate(c) => {
                        (Lane::Message, format!("{:?} to {:?}", c.template, c.audiences))
                    }
                    Action::Decide(id) => (Lane::Decision, format!("decided {id}")),
                    Action::Escalate(e) => (Lane::Escalation, format!("escalated to {}", e.to)),
                    _ => return None,
                };
                Some(Mark { at: a.at, lane, label: format!("{} {label}", a.actor.name) })
            })
            .collect();
        marks.extend(card.findings.iter().filter_map(|f| {
            f.at.map(|at| Mark {
                at,
                lane: Lane::Finding(f.verdict),
                label: format!("{} {}", f.principle, f.evidence),
            })
        }));
        let step = (end.as_secs() / SCORE_POINTS as u64).max(1);
        let score = (0..=SCORE_POINTS as u64)
            .map(|i| Dur((i * step).min(end.as_secs())))
            .filter_map(|t| replay_until(loaded, log, t).ok().map(|e| (t, score_engine(&e).total)))
            .collect();
        Strip {
            end,
            truth: st.true_history.clone(),
            declared: st.declared_history.clone(),
            marks,
            score,
            cut: log.header.fork.as_ref().map(|f| f.at),
        }
    }
}

fn verdict_look(v: Verdict) -> (Color32, &'static str) {
    match v {
        Verdict::Met => (colour::GOOD, "met"),
        Verdict::Partly => (colour::WARN, "partly"),
        Verdict::Missed => (colour::BAD, "missed"),
        Verdict::Violated => (colour::BAD, "VIOLATED"),
    }
}

/// Draws the strip with the cursor at `cursor`; returns a moment to jump to
/// when a marker is clicked.
pub fn show(ui: &mut egui::Ui, strip: &Strip, cursor: Dur) -> Option<Dur> {
    let body = ui.text_style_height(&egui::TextStyle::Body);
    let font = FontId::proportional(body * 0.8);
    let rows = ["truth", "declared", "messages", "decisions", "escalations", "findings", "score"];
    let row_h = body * 1.3;
    let score_h = body * 3.0;
    let h = row_h * (rows.len() - 1) as f32 + score_h;
    let (rect, _) = ui.allocate_exact_size(vec2(ui.available_width(), h), egui::Sense::hover());
    let gutter = body * 5.5;
    let left = rect.left() + gutter;
    let width = (rect.right() - 8.0 - left).max(10.0);
    let x = |t: Dur| left + width * t.as_secs().min(strip.end.as_secs()) as f32 / strip.end.as_secs() as f32;
    let row_y = |i: usize| rect.top() + row_h * (i as f32 + 0.5);
    let p = ui.painter().clone();
    for (i, name) in rows.iter().enumerate() {
        let y = if i == rows.len() - 1 { rect.bottom() - score_h / 2.0 } else { row_y(i) };
        p.text(pos2(rect.left(), y), egui::Align2::LEFT_CENTER, *name, font.clone(), colour::MUTED);
    }
    // Severity lanes: each stretch written with its level, so no colour is needed to read it.
    for (row, points, c) in [(0, &strip.truth, colour::GOOD), (1, &strip.declared, colour::INFO)] {
        for (i, (t, sev)) in points.iter().enumerate() {
            let next = points.get(i + 1).map(|(n, _)| *n).unwrap_or(strip.end);
            let band = Rect::from_min_max(
                pos2(x(*t), row_y(row) - row_h * 0.35),
                pos2(x(next), row_y(row) + row_h * 0.35),
            );
            p.rect_stroke(band, 2.0, Stroke::new(1.5, c), egui::StrokeKind::Inside);
            if band.width() > body * 2.5 {
                p.text(
                    band.left_center() + vec2(4.0, 0.0),
                    egui::Align2::LEFT_CENTER,
                    sev.to_string(),
                    font.clone(),
                    c,
                );
            }
        }
    }
    let mut jump = None;
    for m in &strip.marks {
        let (row, c) = match m.lane {
            Lane::Message => (2, colour::INFO),
            Lane::Decision | Lane::Escalation => (if m.lane == Lane::Decision { 3 } else { 4 }, colour::WARN),
            Lane::Finding(v) => (5, verdict_look(v).0),
        };
        let at = pos2(x(m.at), row_y(row));
        let r = body * 0.3;
        let hit = Rect::from_center_size(at, vec2(body * 0.9, row_h));
        // Each lane has its own shape, so the marks read without colour.
        match m.lane {
            Lane::Message => {
                p.circle_filled(at, r, c);
            }
            Lane::Decision => {
                p.rect_filled(Rect::from_center_size(at, vec2(r * 2.0, r * 2.0)), 0.0, c);
            }
            Lane::Escalation => {
                let tri = vec![at + vec2(0.0, -r * 1.2), at + vec2(r * 1.1, r), at + vec2(-r * 1.1, r)];
                p.add(egui::Shape::convex_polygon(tri, c, Stroke::NONE));
            }
            Lane::Finding(Verdict::Violated) => {
                let s = Stroke::new(2.5, c);
                p.line_segment([at + vec2(-r, -r), at + vec2(r, r)], s);
                p.line_segment([at + vec2(-r, r), at + vec2(r, -r)], s);
            }
            Lane::Finding(_) => {
                p.circle_stroke(at, r, Stroke::new(2.0, c));
            }
        }
        let id = ui.id().with(("strip-mark", m.at, row, &m.label));
        let response = ui.interact(hit, id, egui::Sense::click());
        let response = match m.lane {
            Lane::Finding(v) => {
                response.on_hover_text(format!("{} {}: {}", m.at.clock(), verdict_look(v).1, m.label))
            }
            _ => response.on_hover_text(format!("{} {}", m.at.clock(), m.label)),
        };
        if response.clicked() {
            jump = Some(m.at);
        }
    }
    // The running score: 0 at the bottom of its band, 100 at the top.
    let band = Rect::from_min_max(
        pos2(left, rect.bottom() - score_h + 4.0),
        pos2(left + width, rect.bottom() - 2.0),
    );
    p.rect_stroke(band, 2.0, Stroke::new(1.0, colour::FRAME), egui::StrokeKind::Inside);
    let y = |v: f64| band.bottom() - band.height() * (v.clamp(0.0, 100.0) / 100.0) as f32;
    let curve: Vec<_> = strip.score.iter().map(|(t, v)| pos2(x(*t), y(*v))).collect();
    p.add(egui::Shape::line(curve, Stroke::new(2.0, colour::INFO)));
    if let Some((_, last)) = strip.score.iter().rev().find(|(t, _)| *t <= cursor) {
        p.text(
            pos2(x(cursor) + 4.0, y(*last)),
            egui::Align2::LEFT_BOTTOM,
            format!("{last:.0}"),
            font.clone(),
            colour::INFO,
        );
    }
    if let Some(cut) = strip.cut {
        // Where this fork parts from the session it was played on from.
        let top = pos2(x(cut), rect.top());
        p.extend(egui::Shape::dashed_line(
            &[top, pos2(x(cut), rect.bottom())],
            Stroke::new(2.0, colour::WARN),
            6.0,
            4.0,
        ));
        p.text(top + vec2(4.0, 0.0), egui::Align2::LEFT_TOP, "fork parts here", font.clone(), colour::WARN);
    }
    p.line_segment(
        [pos2(x(cursor), rect.top()), pos2(x(cursor), rect.bottom())],
        Stroke::new(2.0, Color32::WHITE),
    );
    jump
}
