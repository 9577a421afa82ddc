//! Charts drawn with egui's painter, from the same derivations the report
//! draws its SVG charts from (`report::severity_trace`, `report::cadence`):
//! severity declared against the truth, and update gaps against the 15–30
//! minute band. Lines differ in width and marks as well as colour, and every
//! mark carries a word or number; label text follows the body size, so
//! presentation mode keeps it readable across a room.

use crate::gui::theme::colour;
use crate::report::{Cadence, CallRow, SeverityTrace};
use crate::scenario::Sev;
use crate::time::Dur;
use bevy_egui::egui::{self, Color32, FontId, Pos2, Rect, Stroke, pos2, vec2};

fn label_font(ui: &egui::Ui) -> FontId {
    let body = ui.style().text_styles.get(&egui::TextStyle::Body).map(|f| f.size).unwrap_or(16.0);
    FontId::proportional(body * 0.9)
}

/// Minutes between time ticks, so that about six fit.
fn tick_step(end: Dur) -> u64 {
    let mins = end.as_secs() / 60;
    [5, 10, 15, 30, 60, 120].into_iter().find(|s| mins / s <= 6).unwrap_or(240)
}

/// Time ticks along the bottom of `plot`, labelled T+Nm.
fn time_axis(ui: &egui::Ui, plot: Rect, end: Dur) {
    let p = ui.painter();
    let font = label_font(ui);
    let x = |t: u64| plot.left() + plot.width() * t as f32 / end.as_secs().max(1) as f32;
    let step = tick_step(end) * 60;
    let mut t = 0;
    while t <= end.as_secs() {
        p.line_segment(
            [pos2(x(t), plot.bottom()), pos2(x(t), plot.bottom() + 4.0)],
            Stroke::new(1.0, colour::MUTED),
        );
        p.text(
            pos2(x(t), plot.bottom() + 6.0),
            egui::Align2::CENTER_TOP,
            format!("T+{}m", t / 60),
            font.clone(),
            colour::MUTED,
        );
        t += step;
    }
}

/// The y position of a severity lane: SEV1 on top.
fn lane(plot: Rect, sev: Sev) -> f32 {
    plot.top() + plot.height() * (f32::from(sev.level()) - 0.5) / 4.0
}

/// A step line through `(time, severity)` changes up to `end`.
fn steps(plot: Rect, points: &[(Dur, Sev)], end: Dur) -> Vec<Pos2> {
    let x = |t: Dur| {
        plot.left() + plot.width() * t.as_secs().min(end.as_secs()) as f32 / end.as_secs().max(1) as f32
    };
    let mut out: Vec<Pos2> = Vec::new();
    for (i, (t, s)) in points.iter().enumerate() {
        let y = lane(plot, *s);
        if let Some(last) = out.last().copied() {
            out.push(pos2(x(*t), last.y));
        }
        out.push(pos2(x(*t), y));
        let next = points.get(i + 1).map(|(n, _)| *n).unwrap_or(end);
        out.push(pos2(x(next), y));
    }
    out
}

/// Severity declared (thin line, a dot at each call) against the truth (a
/// wide band) over the live window.
pub fn severity(ui: &mut egui::Ui, trace: &SeverityTrace) {
    severity_with_calls(ui, trace, &[]);
}

/// The severity chart with each person's calls marked and named: a filled
/// diamond where they declared, a hollow ring where they proposed; the
/// mark is green where the call matched the truth then, amber where not.
/// Room for a severity chart `lines` label-lines high, its four lanes drawn
/// and named: (the whole area, the plot inside it, the label font).
fn severity_frame(ui: &mut egui::Ui, lines: f32) -> (Rect, Rect, FontId) {
    let font = label_font(ui);
    let (rect, _) =
        ui.allocate_exact_size(vec2(ui.available_width(), font.size * lines), egui::Sense::hover());
    let gutter = font.size * 3.4;
    let plot = Rect::from_min_max(
        pos2(rect.left() + gutter, rect.top() + 4.0),
        pos2(rect.right() - 8.0, rect.bottom() - font.size * 1.6),
    );
    let p = ui.painter();
    for sev in [Sev::Sev1, Sev::Sev2, Sev::Sev3, Sev::Sev4] {
        let y = lane(plot, sev);
        p.line_segment([pos2(plot.left(), y), pos2(plot.right(), y)], Stroke::new(1.0, colour::FRAME));
        p.text(pos2(rect.left(), y), egui::Align2::LEFT_CENTER, sev.to_string(), font.clone(), colour::MUTED);
    }
    (rect, plot, font)
}

pub fn severity_with_calls(ui: &mut egui::Ui, trace: &SeverityTrace, calls: &[CallRow]) {
    let (rect, plot, font) = severity_frame(ui, 9.0);
    let p = ui.painter();
    let truth = steps(plot, &trace.truth, trace.end);
    p.add(egui::Shape::line(
        truth,
        Stroke::new(font.size * 0.7, Color32::from_rgba_unmultiplied(90, 200, 120, 90)),
    ));
    if !trace.declared.is_empty() {
        let declared = steps(plot, &trace.declared, trace.end);
        p.add(egui::Shape::line(declared, Stroke::new(2.5, colour::INFO)));
        for (t, s) in &trace.declared {
            let x = plot.left()
                + plot.width() * t.as_secs().min(trace.end.as_secs()) as f32
                    / trace.end.as_secs().max(1) as f32;
            p.circle_filled(pos2(x, lane(plot, *s)), 5.0, colour::INFO);
        }
    }
    let mut placed: Vec<Rect> = Vec::new();
    for c in calls {
        let x = plot.left()
            + plot.width() * c.at.as_secs().min(trace.end.as_secs()) as f32
                / trace.end.as_secs().max(1) as f32;
        let centre = pos2(x, lane(plot, c.sev));
        let tint = if c.sev == c.truth { colour::GOOD } else { colour::WARN };
        let r = font.size * 0.35;
        if c.kind == crate::sim::CallKind::Declared.word() {
            let diamond = vec![
                centre + vec2(0.0, -r * 1.4),
                centre + vec2(r * 1.4, 0.0),
                centre + vec2(0.0, r * 1.4),
                centre + vec2(-r * 1.4, 0.0),
            ];
            p.add(egui::Shape::convex_polygon(diamond, tint, Stroke::new(1.0, Color32::BLACK)));
        } else {
            p.circle(centre, r, Color32::TRANSPARENT, Stroke::new(2.5, tint));
        }
        let galley = p.layout_no_wrap(format!("{} {}", c.by, c.sev), font.clone(), tint);
        // Under the lane's line (over it on the bottom lane), a line further
        // out while it would cover a name already drawn.
        let (start, step) = if c.sev == Sev::Sev4 {
            (centre.y - r - galley.size().y, -galley.size().y)
        } else {
            (centre.y + r, galley.size().y)
        };
        let mut at = pos2((centre.x + r * 2.0).min(rect.right() - galley.size().x), start);
        for _ in 0..3 {
            let here = Rect::from_min_size(at, galley.size());
            if !placed.iter().any(|o| o.intersects(here)) {
                break;
            }
            at.y += step;
        }
        placed.push(Rect::from_min_size(at, galley.size()));
        p.galley(at, galley, tint);
    }
    time_axis(ui, plot, trace.end);
    let legend = if calls.is_empty() {
        "wide green band: the true severity · blue line, a dot at each call: the declared one"
    } else {
        "wide green band: the true severity · blue line: the declared one · diamond: declared by, ring: proposed by (green: matched the truth then)"
    };
    ui.label(egui::RichText::new(legend).small().color(colour::MUTED));
}

/// Two sessions' severity on one chart: the original's truth as a wide
/// band and its declared severity as a solid line, the fork's declared
/// severity dashed (and its truth dotted where it differs), and a vertical
/// line where they part.
pub fn compare_severity(ui: &mut egui::Ui, a: &SeverityTrace, b: &SeverityTrace, diverge: Option<Dur>) {
    let end = a.end.max(b.end);
    let (_, plot, font) = severity_frame(ui, 8.0);
    let p = ui.painter();
    p.add(egui::Shape::line(
        steps(plot, &a.truth, end),
        Stroke::new(font.size * 0.7, Color32::from_rgba_unmultiplied(90, 200, 120, 90)),
    ));
    if b.truth != a.truth {
        p.extend(egui::Shape::dotted_line(&steps(plot, &b.truth, end), colour::GOOD, 6.0, 2.0));
    }
    if !a.declared.is_empty() {
        p.add(egui::Shape::line(steps(plot, &a.declared, end), Stroke::new(2.5, colour::INFO)));
    }
    if !b.declared.is_empty() {
        p.extend(egui::Shape::dashed_line(
            &steps(plot, &b.declared, end),
            Stroke::new(3.0, colour::WARN),
            10.0,
            5.0,
        ));
    }
    if let Some(t) = diverge {
        let x =
            plot.left() + plot.width() * t.as_secs().min(end.as_secs()) as f32 / end.as_secs().max(1) as f32;
        p.line_segment(
            [pos2(x, plot.top()), pos2(x, plot.bottom())],
            Stroke::new(2.0, ui.visuals().strong_text_color()),
        );
        p.text(
            pos2(x + 4.0, plot.top()),
            egui::Align2::LEFT_TOP,
            format!("part at {}", t.clock()),
            font.clone(),
            ui.visuals().strong_text_color(),
        );
    }
    time_axis(ui, plot, end);
    ui.label(
        egui::RichText::new("wide green band: the true severity · solid blue: declared in the original · dashed amber: declared in this fork · dotted green: the fork's truth where it differs · vertical line: where they part")
            .small()
            .color(colour::MUTED),
    );
}

/// Each update gap as a bar of its length in minutes, against lines at 15
/// and 30 minutes; a gap over 30 minutes is marked "late" in words too.
pub fn cadence(ui: &mut egui::Ui, cadence: &Cadence) {
    let font = label_font(ui);
    if cadence.gaps.is_empty() {
        ui.label("No internal update was sent, so there are no gaps to show.");
        return;
    }
    let h = font.size * 9.0;
    let (rect, _) = ui.allocate_exact_size(vec2(ui.available_width(), h), egui::Sense::hover());
    let gutter = font.size * 3.4;
    let plot = Rect::from_min_max(
        pos2(rect.left() + gutter, rect.top() + font.size * 1.4),
        pos2(rect.right() - 8.0, rect.bottom() - font.size * 1.6),
    );
    let minutes: Vec<f32> = cadence.gaps.iter().map(|g| g.length().as_secs() as f32 / 60.0).collect();
    let top = minutes.iter().copied().fold(45.0_f32, f32::max);
    let y = |m: f32| plot.bottom() - plot.height() * (m / top).min(1.0);
    let p = ui.painter();
    for (m, word) in [(15.0, "15 min"), (30.0, "30 min")] {
        p.line_segment([pos2(plot.left(), y(m)), pos2(plot.right(), y(m))], Stroke::new(1.0, colour::MUTED));
        p.text(pos2(rect.left(), y(m)), egui::Align2::LEFT_CENTER, word, font.clone(), colour::MUTED);
    }
    let n = minutes.len() as f32;
    let slot = plot.width() / n;
    for (i, m) in minutes.iter().enumerate() {
        let x0 = plot.left() + slot * i as f32 + slot * 0.15;
        let bar = Rect::from_min_max(pos2(x0, y(*m)), pos2(x0 + slot * 0.7, plot.bottom()));
        let late = cadence.expected && *m > 30.0;
        let c = if late { colour::BAD } else { colour::GOOD };
        p.rect_stroke(bar, 2.0, Stroke::new(2.0, c), egui::StrokeKind::Inside);
        let text = if late { format!("{m:.0}m late") } else { format!("{m:.0}m") };
        p.text(pos2(bar.center().x, bar.top() - 2.0), egui::Align2::CENTER_BOTTOM, text, font.clone(), c);
        let from = cadence.gaps[i].from;
        p.text(
            pos2(bar.center().x, plot.bottom() + 6.0),
            egui::Align2::CENTER_TOP,
            from.clock(),
            font.clone(),
            colour::MUTED,
        );
    }
    let note = if cadence.expected {
        "each bar: the silence after an update, labelled with when it began; a SEV1 asks for one every 15–30 minutes"
    } else {
        "each bar: the silence after an update; the 15–30 minute cadence is asked of SEV1 incidents"
    };
    ui.label(egui::RichText::new(note).small().color(colour::MUTED));
}

/// A line of `values` (0–100, oldest first) with a dot per drill and the
/// latest value written at its end; `tall` for the main score chart, else a
/// small multiple that sits in a row of text.
pub fn series(ui: &mut egui::Ui, values: &[f64], tall: bool) {
    let font = label_font(ui);
    let (w, h) =
        if tall { (ui.available_width(), font.size * 8.0) } else { (font.size * 9.0, font.size * 1.6) };
    let (rect, _) = ui.allocate_exact_size(vec2(w, h), egui::Sense::hover());
    let p = ui.painter();
    let label_w = font.size * 2.6;
    let plot = Rect::from_min_max(
        pos2(rect.left() + if tall { label_w } else { 0.0 }, rect.top() + 3.0),
        pos2(rect.right() - label_w, rect.bottom() - if tall { font.size * 1.4 } else { 3.0 }),
    );
    let y = |v: f64| plot.bottom() - plot.height() * (v.clamp(0.0, 100.0) / 100.0) as f32;
    if tall {
        for v in [0.0, 50.0, 100.0] {
            p.line_segment(
                [pos2(plot.left(), y(v)), pos2(plot.right(), y(v))],
                Stroke::new(1.0, colour::FRAME),
            );
            p.text(
                pos2(rect.left(), y(v)),
                egui::Align2::LEFT_CENTER,
                format!("{v:.0}"),
                font.clone(),
                colour::MUTED,
            );
        }
    } else {
        p.line_segment(
            [pos2(plot.left(), y(50.0)), pos2(plot.right(), y(50.0))],
            Stroke::new(1.0, colour::FRAME),
        );
    }
    if values.is_empty() {
        return;
    }
    let x = |i: usize| {
        if values.len() == 1 {
            plot.center().x
        } else {
            plot.left() + plot.width() * i as f32 / (values.len() - 1) as f32
        }
    };
    let points: Vec<Pos2> = values.iter().enumerate().map(|(i, v)| pos2(x(i), y(*v))).collect();
    p.add(egui::Shape::line(points.clone(), Stroke::new(2.0, colour::INFO)));
    for (i, pt) in points.iter().enumerate() {
        p.circle_filled(*pt, if tall { 4.0 } else { 2.5 }, colour::INFO);
        if tall {
            p.text(
                pos2(pt.x, plot.bottom() + 4.0),
                egui::Align2::CENTER_TOP,
                format!("#{}", i + 1),
                font.clone(),
                colour::MUTED,
            );
        }
    }
    let last = values[values.len() - 1];
    p.text(
        pos2(plot.right() + 4.0, y(last)),
        egui::Align2::LEFT_CENTER,
        format!("{last:.0}"),
        font,
        colour::INFO,
    );
}

/// One dashboard metric as the bridge would share it: its title, its
/// latest value with the unit, and its line from T+0 over `span`, scaled
/// between its normal and worst values (both marked).
pub fn metric(ui: &mut egui::Ui, m: &crate::scenario::Metric, points: &[(Dur, f64)], span: Dur) {
    let font = label_font(ui);
    let latest = points.last().map(|p| p.1).unwrap_or(m.normal);
    let off_normal = (latest - m.normal).abs() > (m.worst - m.normal).abs() * 0.05;
    let c = if off_normal { colour::BAD } else { colour::GOOD };
    ui.vertical(|ui| {
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(&m.title).small().color(colour::MUTED));
            let word = if off_normal { "off normal" } else { "normal" };
            ui.label(egui::RichText::new(format!("{latest:.1}{} — {word}", m.unit)).strong().color(c));
        });
        let (rect, _) = ui.allocate_exact_size(vec2(font.size * 14.0, font.size * 3.2), egui::Sense::hover());
        let p = ui.painter();
        p.rect_stroke(rect, 2.0, Stroke::new(1.0, colour::FRAME), egui::StrokeKind::Inside);
        let (lo, hi) = (m.normal.min(m.worst), m.normal.max(m.worst));
        let y = |v: f64| {
            rect.bottom() - 3.0 - (rect.height() - 6.0) * ((v - lo) / (hi - lo).max(f64::EPSILON)) as f32
        };
        let x = |t: Dur| {
            rect.left() + rect.width() * (t.as_secs() as f32 / span.as_secs().max(1) as f32).min(1.0)
        };
        p.line_segment(
            [pos2(rect.left(), y(m.normal)), pos2(rect.right(), y(m.normal))],
            Stroke::new(1.0, colour::GOOD.gamma_multiply(0.5)),
        );
        let line: Vec<Pos2> = points.iter().map(|(t, v)| pos2(x(*t), y(*v))).collect();
        p.add(egui::Shape::line(line, Stroke::new(2.0, c)));
        p.text(
            rect.right_top() + vec2(-3.0, 2.0),
            egui::Align2::RIGHT_TOP,
            format!("normal {:.0}{}", m.normal, m.unit),
            FontId::proportional(font.size * 0.75),
            colour::MUTED,
        );
    });
}
