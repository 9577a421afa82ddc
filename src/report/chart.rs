//! Inline SVG charts for reports: severity declared against the truth over
//! time, and the gaps between stakeholder updates against the 15–30 minute
//! target. Plain SVG, no scripts or fonts to fetch, and every series is told
//! apart by line style and a text label as well as by colour.

use super::{Cadence, CallRow, SeverityTrace};
use crate::scenario::Sev;
use crate::time::Dur;
use std::fmt::Write;

const W: f64 = 720.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 28.0;

fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A light horizontal line across the plot at height `y`, labelled on the left.
fn gridline(o: &mut String, y: f64, label: &str) {
    let _ = write!(
        o,
        r##"<line x1="{LEFT}" y1="{y:.1}" x2="{0:.1}" y2="{y:.1}" stroke="#ddd"/><text x="{1:.1}" y="{2:.1}" font-size="11" text-anchor="end" fill="#333">{3}</text>"##,
        W - RIGHT,
        LEFT - 8.0,
        y + 4.0,
        esc(label)
    );
}

/// Tick marks every 5, 10, 15 or 30 minutes, whichever gives at most ~10.
fn minute_ticks(end: Dur) -> Vec<u64> {
    let mins = end.as_secs().div_ceil(60).max(1);
    let step = [5, 10, 15, 30, 60, 120].into_iter().find(|s| mins / s <= 10).unwrap_or(240);
    (0..=mins / step).map(|i| i * step).collect()
}

/// A step chart: SEV1 at the top, SEV4 at the bottom, T+ minutes across.
pub fn severity_svg(trace: &SeverityTrace) -> String {
    severity_calls_svg(trace, &[])
}

/// Where a call's name label goes: under its lane's line (over it on the
/// bottom lane), moved a line further out at a time (up to three) while it
/// would overlap a label already placed. Returns the text's baseline.
fn place_label(placed: &mut Vec<(f64, f64, f64)>, x: f64, lane_y: f64, bottom_lane: bool, width: f64) -> f64 {
    let (mut ly, step) = if bottom_lane { (lane_y - 8.0, -12.0) } else { (lane_y + 16.0, 12.0) };
    for _ in 0..3 {
        let clash =
            placed.iter().any(|&(px, py, pw)| (ly - py).abs() < 11.0 && x < px + pw && px < x + width);
        if !clash {
            break;
        }
        ly += step;
    }
    placed.push((x, ly, width));
    ly
}

/// The severity chart with every person's calls on it: a filled diamond
/// where someone declared, a hollow circle where someone proposed, each
/// named, so the room sees who called what against the truth and when.
pub fn severity_calls_svg(trace: &SeverityTrace, calls: &[CallRow]) -> String {
    let plot = SevPlot::new(trace.end);
    let (x, y, bottom) = (|t| plot.x(t), |s| plot.y(s), plot.bottom);
    let mut o = plot.open("Severity declared against the true severity over time");
    let steps = |points: &[(Dur, Sev)]| plot.steps(points);
    let truth = steps(&trace.truth);
    let _ = write!(o, r##"<path d="{truth}" fill="none" stroke="#b00020" stroke-width="4" opacity="0.8"/>"##);
    if trace.declared.is_empty() {
        let _ = write!(
            o,
            r##"<text x="{0:.1}" y="{1:.1}" font-size="13" fill="#1a4fa0">never declared</text>"##,
            LEFT + 12.0,
            bottom - 8.0
        );
    } else {
        let declared = steps(&trace.declared);
        let _ = write!(
            o,
            r##"<path d="{declared}" fill="none" stroke="#1a4fa0" stroke-width="3" stroke-dasharray="8 5"/>"##
        );
    }
    let mut placed = Vec::new();
    for c in calls {
        let (cx, cy) = (x(c.at), y(c.sev));
        // Matches the truth or not, in the mark's fill as well as its colour.
        let colour = if c.sev == c.truth { "#1b7a3a" } else { "#a05a00" };
        if c.kind == crate::sim::CallKind::Declared.word() {
            let _ = write!(
                o,
                r##"<path d="M{0:.1},{1:.1} l6,6 l-6,6 l-6,-6 z" fill="{colour}" stroke="#fff"/>"##,
                cx,
                cy - 6.0
            );
        } else {
            let _ = write!(
                o,
                r##"<circle cx="{cx:.1}" cy="{cy:.1}" r="5" fill="#fff" stroke="{colour}" stroke-width="2.5"/>"##
            );
        }
        let label = format!("{} {}", c.by, c.sev);
        let width = label.chars().count() as f64 * 6.2;
        let lx = (cx + 7.0).min(W - RIGHT - width);
        let ly = place_label(&mut placed, lx, cy, c.sev == Sev::Sev4, width);
        let _ = write!(
            o,
            r##"<text x="{lx:.1}" y="{ly:.1}" font-size="11" fill="{colour}">{}</text>"##,
            esc(&label)
        );
    }
    // Legend: line style and words, not colour alone.
    let _ = write!(
        o,
        r##"<line x1="{LEFT}" y1="12" x2="{0}" y2="12" stroke="#b00020" stroke-width="4"/><text x="{1}" y="16" font-size="12" fill="#333">true severity (solid)</text><line x1="{2}" y1="12" x2="{3}" y2="12" stroke="#1a4fa0" stroke-width="3" stroke-dasharray="8 5"/><text x="{4}" y="16" font-size="12" fill="#333">declared (dashed)</text>"##,
        LEFT + 28.0,
        LEFT + 34.0,
        LEFT + 190.0,
        LEFT + 218.0,
        LEFT + 224.0
    );
    if !calls.is_empty() {
        let _ = write!(
            o,
            r##"<path d="M{0},6 l6,6 l-6,6 l-6,-6 z" fill="#555"/><text x="{1}" y="16" font-size="12" fill="#333">declared by</text><circle cx="{2}" cy="12" r="5" fill="#fff" stroke="#555" stroke-width="2.5"/><text x="{3}" y="16" font-size="12" fill="#333">proposed by</text>"##,
            LEFT + 340.0,
            LEFT + 350.0,
            LEFT + 440.0,
            LEFT + 450.0
        );
    }
    o.push_str("</svg>");
    o
}

/// The frame of a severity chart: SEV1 at the top, SEV4 at the bottom, T+
/// minutes across, up to `end`.
struct SevPlot {
    h: f64,
    bottom: f64,
    end: Dur,
}

impl SevPlot {
    fn new(end: Dur) -> SevPlot {
        let h = 220.0;
        SevPlot { h, bottom: h - 36.0, end }
    }

    fn x(&self, t: Dur) -> f64 {
        let span = self.end.as_secs().max(60) as f64;
        LEFT + (t.as_secs() as f64 / span).min(1.0) * (W - LEFT - RIGHT)
    }

    fn y(&self, s: Sev) -> f64 {
        TOP + (f64::from(s.level()) - 1.0) * (self.bottom - TOP) / 3.0
    }

    /// The opening tag, the lanes and the time axis.
    fn open(&self, title: &str) -> String {
        let (h, bottom) = (self.h, self.bottom);
        let mut o = String::new();
        let _ = write!(
            o,
            r#"<svg class="chart" role="img" viewBox="0 0 {W} {h}" xmlns="http://www.w3.org/2000/svg" aria-labelledby="sev-title"><title id="sev-title">{}</title>"#,
            esc(title)
        );
        for s in [Sev::Sev1, Sev::Sev2, Sev::Sev3, Sev::Sev4] {
            let _ = write!(
                o,
                r##"<line x1="{LEFT}" y1="{0:.1}" x2="{1:.1}" y2="{0:.1}" stroke="#ccc" stroke-width="1"/><text x="{2:.1}" y="{3:.1}" font-size="12" text-anchor="end" fill="#333">{s}</text>"##,
                self.y(s),
                W - RIGHT,
                LEFT - 8.0,
                self.y(s) + 4.0
            );
        }
        for m in minute_ticks(self.end) {
            let tx = self.x(Dur::mins(m));
            let _ = write!(
                o,
                r##"<line x1="{tx:.1}" y1="{bottom}" x2="{tx:.1}" y2="{0}" stroke="#999"/><text x="{tx:.1}" y="{1}" font-size="11" text-anchor="middle" fill="#333">{m}m</text>"##,
                bottom + 4.0,
                bottom + 18.0
            );
        }
        let _ = write!(
            o,
            r##"<text x="{0:.1}" y="{1}" font-size="11" text-anchor="middle" fill="#333">minutes after the first alert (T+)</text>"##,
            LEFT + (W - LEFT - RIGHT) / 2.0,
            h - 4.0
        );
        o
    }

    /// A step line through `points`, held to the end of the chart.
    fn steps(&self, points: &[(Dur, Sev)]) -> String {
        let mut d = String::new();
        for (i, (t, s)) in points.iter().enumerate() {
            let next = points.get(i + 1).map(|p| p.0).unwrap_or(self.end);
            let _ = write!(
                d,
                "{}{:.1},{:.1} L{:.1},{:.1} ",
                if i == 0 { "M" } else { "L" },
                self.x(*t),
                self.y(*s),
                self.x(next),
                self.y(*s)
            );
        }
        d
    }
}

/// Two sessions' severity on one chart: each one's truth and declared
/// severity, told apart by line style and named in the legend, and a
/// vertical line where they diverge.
pub fn compare_severity_svg(a: &SeverityTrace, b: &SeverityTrace, diverge: Option<Dur>) -> String {
    let plot = SevPlot::new(a.end.max(b.end));
    let mut o = plot.open("Severity in session A and in session B against the truth");
    // (points, colour, width, dash, legend)
    let lines = [
        (&a.truth, "#b00020", 4.0, "", "A: true severity"),
        (&b.truth, "#e07000", 2.0, "2 3", "B: true severity"),
        (&a.declared, "#1a4fa0", 3.0, "8 5", "A: declared"),
        (&b.declared, "#1b7a3a", 3.0, "14 4 2 4", "B: declared"),
    ];
    for (i, (points, colour, width, dash, legend)) in lines.iter().enumerate() {
        if !points.is_empty() {
            let _ = write!(
                o,
                r##"<path d="{}" fill="none" stroke="{colour}" stroke-width="{width}" stroke-dasharray="{dash}" opacity="0.85"/>"##,
                plot.steps(points)
            );
        }
        let lx = LEFT + i as f64 * 160.0;
        let _ = write!(
            o,
            r##"<line x1="{lx}" y1="12" x2="{0}" y2="12" stroke="{colour}" stroke-width="{width}" stroke-dasharray="{dash}"/><text x="{1}" y="16" font-size="12" fill="#333">{legend}{2}</text>"##,
            lx + 28.0,
            lx + 34.0,
            if points.is_empty() { " (never)" } else { "" }
        );
    }
    if let Some(t) = diverge {
        let dx = plot.x(t);
        let _ = write!(
            o,
            r##"<line x1="{dx:.1}" y1="{TOP}" x2="{dx:.1}" y2="{0}" stroke="#000" stroke-width="2"/><text x="{1:.1}" y="{2}" font-size="12" font-weight="bold" fill="#000">diverge {3}</text>"##,
            plot.bottom,
            (dx + 4.0).min(W - RIGHT - 110.0),
            TOP + 12.0,
            t.clock()
        );
    }
    o.push_str("</svg>");
    o
}

/// One bar per silence between internal messages, with the 15–30 minute
/// band shaded; bars over 30 minutes are marked "too long".
pub fn cadence_svg(cadence: &Cadence) -> String {
    let h = 220.0;
    let bottom = h - 36.0;
    let longest = cadence.gaps.iter().map(|g| g.length().as_secs()).max().unwrap_or(0).max(45 * 60) as f64;
    let y = |secs: f64| bottom - secs / longest * (bottom - TOP);
    let n = cadence.gaps.len().max(1) as f64;
    let slot = (W - LEFT - RIGHT) / n;
    let mut o = String::new();
    let _ = write!(
        o,
        r#"<svg class="chart" role="img" viewBox="0 0 {W} {h}" xmlns="http://www.w3.org/2000/svg" aria-labelledby="cad-title"><title id="cad-title">Minutes between stakeholder updates against the 15 to 30 minute target</title>"#
    );
    let _ = write!(
        o,
        r##"<rect x="{LEFT}" y="{0:.1}" width="{1:.1}" height="{2:.1}" fill="#2e7d32" opacity="0.12"/><text x="{3:.1}" y="{4:.1}" font-size="11" fill="#2e7d32">target: every 15–30 min</text>"##,
        y(1800.0),
        W - LEFT - RIGHT,
        y(900.0) - y(1800.0),
        LEFT + 4.0,
        y(1800.0) + 13.0
    );
    for m in [0u64, 15, 30, 45, 60, 90, 120, 180] {
        let secs = (m * 60) as f64;
        if secs > longest {
            break;
        }
        gridline(&mut o, y(secs), &format!("{m}m"));
    }
    if cadence.gaps.is_empty() {
        let _ = write!(
            o,
            r##"<text x="{0:.1}" y="{1:.1}" font-size="13" fill="#333">no stakeholder messages were sent</text>"##,
            LEFT + 12.0,
            bottom - 12.0
        );
    }
    for (i, g) in cadence.gaps.iter().enumerate() {
        let secs = g.length().as_secs() as f64;
        let bx = LEFT + i as f64 * slot + slot * 0.2;
        let bw = slot * 0.6;
        let too_long = secs > 1800.0;
        let (fill, pattern) = if too_long {
            ("#b00020", r##" stroke="#000" stroke-dasharray="4 2""##)
        } else {
            ("#1a4fa0", "")
        };
        let _ = write!(
            o,
            r##"<rect x="{bx:.1}" y="{0:.1}" width="{bw:.1}" height="{1:.1}" fill="{fill}"{pattern}><title>{2} to {3}: {4}</title></rect>"##,
            y(secs),
            bottom - y(secs),
            g.from.clock(),
            g.to.clock(),
            g.length()
        );
        let label =
            if too_long { format!("{:.0}m too long", secs / 60.0) } else { format!("{:.0}m", secs / 60.0) };
        let _ = write!(
            o,
            r##"<text x="{0:.1}" y="{1:.1}" font-size="11" text-anchor="middle" fill="#333">{2}</text><text x="{0:.1}" y="{3:.1}" font-size="10" text-anchor="middle" fill="#555">{4}</text>"##,
            bx + bw / 2.0,
            y(secs) - 4.0,
            esc(&label),
            bottom + 14.0,
            g.from.clock()
        );
    }
    let _ = write!(
        o,
        r##"<text x="{0:.1}" y="{1}" font-size="11" text-anchor="middle" fill="#333">each bar: the silence after an update (from its time), up to the next one or the fix</text></svg>"##,
        LEFT + (W - LEFT - RIGHT) / 2.0,
        h - 4.0
    );
    o
}

/// A line over sessions in order (oldest left): one point per session that
/// has a value, an optional shaded target band, the value written at each point.
pub fn series_svg(
    title: &str,
    points: &[Option<f64>],
    max: f64,
    band: Option<(f64, f64)>,
    unit: &str,
) -> String {
    let h = 200.0;
    let bottom = h - 30.0;
    let top = TOP;
    let max = points.iter().flatten().copied().fold(max, f64::max).max(1.0);
    let y = |v: f64| bottom - v / max * (bottom - top);
    let n = points.len().max(2) as f64;
    let x = |i: usize| LEFT + i as f64 / (n - 1.0) * (W - LEFT - RIGHT);
    let mut o = String::new();
    let id = title.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_lowercase();
    let _ = write!(
        o,
        r#"<svg class="chart" role="img" viewBox="0 0 {W} {h}" xmlns="http://www.w3.org/2000/svg" aria-labelledby="{id}-title"><title id="{id}-title">{}</title>"#,
        esc(title)
    );
    if let Some((lo, hi)) = band {
        let _ = write!(
            o,
            r##"<rect x="{LEFT}" y="{0:.1}" width="{1:.1}" height="{2:.1}" fill="#2e7d32" opacity="0.12"/><text x="{3:.1}" y="{4:.1}" font-size="11" fill="#2e7d32">target</text>"##,
            y(hi.min(max)),
            W - LEFT - RIGHT,
            y(lo) - y(hi.min(max)),
            LEFT + 4.0,
            y(hi.min(max)) + 12.0
        );
    }
    for frac in [0.0, 0.5, 1.0] {
        let v = max * frac;
        gridline(&mut o, y(v), &format!("{v:.0}{unit}"));
    }
    let mut d = String::new();
    for (i, p) in points.iter().enumerate() {
        if let Some(v) = p {
            let _ = write!(d, "{}{:.1},{:.1} ", if d.is_empty() { "M" } else { "L" }, x(i), y(*v));
        }
    }
    if d.is_empty() {
        let _ = write!(
            o,
            r##"<text x="{0:.1}" y="{1:.1}" font-size="13" fill="#333">no values yet</text>"##,
            LEFT + 12.0,
            bottom - 12.0
        );
    } else {
        let _ = write!(o, r##"<path d="{d}" fill="none" stroke="#1a4fa0" stroke-width="3"/>"##);
    }
    for (i, p) in points.iter().enumerate() {
        if let Some(v) = p {
            let _ = write!(
                o,
                r##"<circle cx="{0:.1}" cy="{1:.1}" r="4" fill="#1a4fa0"/><text x="{0:.1}" y="{2:.1}" font-size="10" text-anchor="middle" fill="#333">{v:.0}</text>"##,
                x(i),
                y(*v),
                y(*v) - 8.0
            );
        }
        let _ = write!(
            o,
            r##"<text x="{0:.1}" y="{1:.1}" font-size="10" text-anchor="middle" fill="#555">#{2}</text>"##,
            x(i),
            bottom + 16.0,
            i + 1
        );
    }
    o.push_str("</svg>");
    o
}

/// One horizontal bar per principle: its mean score, with how often it was missed.
pub fn principle_bars_svg(rows: &[(String, f64, usize)]) -> String {
    let row_h = 18.0;
    let label_w = 170.0;
    let h = TOP + rows.len() as f64 * row_h + 10.0;
    let bar_w = W - label_w - RIGHT - 80.0;
    let mut o = String::new();
    let _ = write!(
        o,
        r#"<svg class="chart" role="img" viewBox="0 0 {W} {h}" xmlns="http://www.w3.org/2000/svg" aria-labelledby="pr-title"><title id="pr-title">Mean score per principle across sessions</title>"#
    );
    let _ = write!(
        o,
        r##"<text x="{label_w}" y="16" font-size="11" fill="#333">mean score (0–100); the number after each bar counts the sessions that missed it</text>"##
    );
    for (i, (id, mean, missed)) in rows.iter().enumerate() {
        let y = TOP + i as f64 * row_h;
        let fill = if *mean < 50.0 {
            "#b00020"
        } else if *mean < 85.0 {
            "#8a5a00"
        } else {
            "#2e7d32"
        };
        let _ = write!(
            o,
            r##"<text x="{0:.1}" y="{1:.1}" font-size="11" text-anchor="end" fill="#333">{2}</text><rect x="{label_w}" y="{3:.1}" width="{4:.1}" height="12" fill="{fill}"/><text x="{5:.1}" y="{1:.1}" font-size="11" fill="#333">{mean:.0}{6}</text>"##,
            label_w - 6.0,
            y + 10.0,
            esc(id),
            y,
            bar_w * (mean / 100.0).clamp(0.0, 1.0),
            label_w + bar_w * (mean / 100.0).clamp(0.0, 1.0) + 6.0,
            if *missed > 0 { format!(" · missed ×{missed}") } else { String::new() }
        );
    }
    o.push_str("</svg>");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(at: u64, by: &str, kind: &'static str, sev: Sev) -> CallRow {
        CallRow {
            at: Dur::secs(at),
            by: by.into(),
            role: "r".into(),
            kind,
            sev,
            reason: String::new(),
            declared_before: None,
            truth: Sev::Sev1,
        }
    }

    /// The y of the label that reads `text`.
    fn label_y(svg: &str, text: &str) -> f64 {
        let end = svg.find(&format!(">{text}</text>")).expect(text);
        let start = svg[..end].rfind(" y=\"").unwrap() + 4;
        svg[start..].split('"').next().unwrap().parse().unwrap()
    }

    #[test]
    fn each_persons_call_is_marked_named_and_told_apart_by_shape() {
        let trace = SeverityTrace {
            truth: vec![(Dur::secs(0), Sev::Sev1)],
            declared: vec![(Dur::secs(55), Sev::Sev1)],
            end: Dur::mins(30),
        };
        let calls = [
            call(10, "Mei", "proposed", Sev::Sev2),
            call(20, "Sam", "proposed", Sev::Sev1),
            call(25, "Ana", "declared", Sev::Sev1),
        ];
        let svg = severity_calls_svg(&trace, &calls);
        // A proposal off the truth: a hollow amber ring; a matching declaration: a filled green diamond.
        assert!(svg.contains(r##"fill="#fff" stroke="#a05a00""##), "{svg}");
        assert!(svg.contains(r##"l6,6 l-6,6 l-6,-6 z" fill="#1b7a3a""##), "{svg}");
        assert!(svg.contains("proposed by") && svg.contains("declared by"));
        // Names close together on one lane do not sit on each other.
        let (sam, ana) = (label_y(&svg, "Sam SEV1"), label_y(&svg, "Ana SEV1"));
        assert!((sam - ana).abs() >= 11.0, "Sam at {sam}, Ana at {ana}");
        assert!(label_y(&svg, "Mei SEV2") > 0.0);
        // Without calls, the chart is the plain one.
        let plain = severity_svg(&trace);
        assert!(!plain.contains("proposed by") && !plain.contains("<circle"));
    }
}
