//! A comparison of two sessions as text for the terminal, Markdown for a
//! retrospective, or a self-contained HTML page (JSON is
//! `Comparison::to_json`). All three read the same rows.

use super::chart::compare_severity_svg;
use super::compare::{Comparison, FindingRow, Side};
use crate::escape::{markdown as cell, terminal};
use crate::time::Dur;
use std::fmt::Write;

/// One measure: its name, A's value, B's, and B against A in words.
pub struct Row {
    pub measure: String,
    pub a: String,
    pub b: String,
    pub change: String,
}

fn change(a: f64, b: f64, higher_is_better: bool, unit: &str) -> String {
    let d = b - a;
    if d.abs() < 0.5 {
        return "same".into();
    }
    let better = (d > 0.0) == higher_is_better;
    format!(
        "{}{:.0}{unit} ({})",
        if d > 0.0 { "+" } else { "−" },
        d.abs(),
        if better { "better" } else { "worse" }
    )
}

fn fix(t: Option<Dur>) -> String {
    t.map(|t| t.clock()).unwrap_or_else(|| "not fixed".into())
}

/// The measures of the comparison, in the order every format shows them.
pub fn rows(c: &Comparison) -> Vec<Row> {
    let (a, b) = (&c.a.outcome, &c.b.outcome);
    let mut out = vec![Row {
        measure: "Score".into(),
        a: format!("{:.0}", a.total),
        b: format!("{:.0}", b.total),
        change: change(a.total, b.total, true, ""),
    }];
    for f in &c.families {
        out.push(Row {
            measure: format!("  {}", f.title),
            a: format!("{:.0}", f.a),
            b: format!("{:.0}", f.b),
            change: change(f.a, f.b, true, ""),
        });
    }
    let fix_change = match (a.resolved_at, b.resolved_at) {
        (Some(x), Some(y)) if x == y => "same".into(),
        (Some(x), Some(y)) if y < x => format!("{} sooner (better)", Dur(x.as_secs() - y.as_secs())),
        (Some(x), Some(y)) => format!("{} later (worse)", Dur(y.as_secs() - x.as_secs())),
        (None, Some(_)) => "fixed only in B (better)".into(),
        (Some(_), None) => "fixed only in A (worse)".into(),
        (None, None) => "same".into(),
    };
    out.push(Row {
        measure: "Time to fix".into(),
        a: fix(a.resolved_at),
        b: fix(b.resolved_at),
        change: fix_change,
    });
    out.push(Row {
        measure: format!("Revenue lost ({})", c.currency),
        a: a.revenue_lost.to_string(),
        b: b.revenue_lost.to_string(),
        change: change(a.revenue_lost as f64, b.revenue_lost as f64, false, ""),
    });
    out.push(Row {
        measure: "Stakeholder trust".into(),
        a: a.stakeholder_trust.to_string(),
        b: b.stakeholder_trust.to_string(),
        change: change(a.stakeholder_trust.into(), b.stakeholder_trust.into(), true, ""),
    });
    out.push(Row {
        measure: "Customer trust".into(),
        a: a.customer_trust.to_string(),
        b: b.customer_trust.to_string(),
        change: change(a.customer_trust.into(), b.customer_trust.into(), true, ""),
    });
    out.push(Row {
        measure: "Responder focus at the end".into(),
        a: a.final_focus.to_string(),
        b: b.final_focus.to_string(),
        change: change(a.final_focus.into(), b.final_focus.into(), true, ""),
    });
    out
}

/// "A — sessions/x.jsonl (2026-12-03T10:00:00Z), fork of y.jsonl at T+27:00".
pub fn side_line(s: &Side) -> String {
    let mut line = format!("{} — {} (played {})", s.label, s.file, s.started);
    if let Some(f) = &s.fork {
        let _ = write!(line, ", a fork of {} cut at {}", f.parent, f.at.clock());
    }
    if !s.complete {
        line.push_str(", review not finished");
    }
    line
}

fn finding_line(f: &FindingRow) -> String {
    format!(
        "{} {:?}{}: {}",
        f.principle,
        f.verdict,
        f.at.map(|t| format!(" at {}", t.clock())).unwrap_or_default(),
        f.evidence
    )
}

fn divergence_line(c: &Comparison) -> String {
    match &c.divergence {
        Some(d) => format!(
            "They diverge at {} ({}): {}; {} action(s) in common before it.",
            d.at.clock(),
            d.clock,
            d.how,
            d.shared_actions
        ),
        None => "The two sessions took the same actions.".into(),
    }
}

pub fn compare_to_text(c: &Comparison) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "COMPARISON — {} ({})", terminal(&c.title), c.scenario);
    let _ = writeln!(o, "  {}", terminal(&side_line(&c.a)));
    let _ = writeln!(o, "  {}", terminal(&side_line(&c.b)));
    let _ = writeln!(o, "  {}", terminal(&divergence_line(c)));
    let _ = writeln!(o, "\n{:<34} {:>10} {:>10}  B against A", "", "A", "B");
    for r in rows(c) {
        let _ = writeln!(o, "{:<34} {:>10} {:>10}  {}", r.measure, r.a, r.b, r.change);
    }
    for (title, list) in
        [("Problems that went away in B", &c.gone), ("Problems that appeared in B", &c.appeared)]
    {
        let _ = writeln!(o, "\n{title} ({})", list.len());
        if list.is_empty() {
            let _ = writeln!(o, "  none");
        }
        for f in list {
            let _ = writeln!(o, "  {}", terminal(&finding_line(f)));
        }
    }
    if !c.after.is_empty() {
        let _ = writeln!(o, "\nFrom the divergence on");
        for r in &c.after {
            let _ = writeln!(
                o,
                "  {} {} {} {}: {}",
                r.side,
                r.at.clock(),
                r.clock,
                terminal(&r.who),
                terminal(&r.text)
            );
        }
    }
    o
}

pub fn compare_to_markdown(c: &Comparison) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# Comparison: {}\n", cell(&c.title));
    let _ = writeln!(o, "- {}", cell(&side_line(&c.a)));
    let _ = writeln!(o, "- {}", cell(&side_line(&c.b)));
    let _ = writeln!(o, "- {}\n", cell(&divergence_line(c)));
    let _ = writeln!(o, "| Measure | A | B | B against A |\n|---|---:|---:|---|");
    for r in rows(c) {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} |",
            cell(r.measure.trim()),
            cell(&r.a),
            cell(&r.b),
            cell(&r.change)
        );
    }
    for (title, list) in
        [("Problems that went away in B", &c.gone), ("Problems that appeared in B", &c.appeared)]
    {
        let _ = writeln!(o, "\n## {title} ({})\n", list.len());
        if list.is_empty() {
            let _ = writeln!(o, "None.");
        }
        for f in list {
            let _ = writeln!(o, "- {}", cell(&finding_line(f)));
        }
    }
    if !c.after.is_empty() {
        let _ = writeln!(
            o,
            "\n## From the divergence on\n\n| Side | T+ | Clock | Who | Action |\n|---|---|---|---|---|"
        );
        for r in &c.after {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} |",
                r.side,
                r.at.clock(),
                r.clock,
                cell(&r.who),
                cell(&r.text)
            );
        }
    }
    o
}

fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The comparison's body as HTML, for a page of its own or a report's section.
pub(super) fn compare_section_html(c: &Comparison, heading: &str) -> String {
    let mut o = String::new();
    let _ = write!(o, "<section id=\"compare\"><h2>{}</h2><ul>", esc(heading));
    for line in [side_line(&c.a), side_line(&c.b), divergence_line(c)] {
        let _ = write!(o, "<li>{}</li>", esc(&line));
    }
    o.push_str("</ul>");
    let _ = write!(
        o,
        "<figure>{}<figcaption>Severity in A and in B against the truth; the vertical line is where they diverge.</figcaption></figure>",
        compare_severity_svg(&c.a.severity, &c.b.severity, c.divergence.as_ref().map(|d| d.at))
    );
    o.push_str("<div class=\"table\"><table><thead><tr><th>Measure</th><th>A</th><th>B</th><th>B against A</th></tr></thead><tbody>");
    for r in rows(c) {
        let _ = write!(
            o,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(r.measure.trim()),
            esc(&r.a),
            esc(&r.b),
            esc(&r.change)
        );
    }
    o.push_str("</tbody></table></div>");
    for (title, list) in
        [("Problems that went away in B", &c.gone), ("Problems that appeared in B", &c.appeared)]
    {
        let _ = write!(o, "<h3>{title} ({})</h3>", list.len());
        if list.is_empty() {
            o.push_str("<p>None.</p>");
        }
        for f in list {
            let _ = write!(
                o,
                "<div class=\"finding {:?}\"><span class=\"tag\">{} {:?}</span>{} — {}</div>",
                f.verdict,
                f.principle,
                f.verdict,
                f.at.map(|t| format!(" at {}", t.clock())).unwrap_or_default(),
                esc(&f.evidence)
            );
        }
    }
    if !c.after.is_empty() {
        o.push_str("<h3>From the divergence on</h3><div class=\"table\"><table><thead><tr><th>Side</th><th>T+</th><th>Clock</th><th>Who</th><th>Action</th></tr></thead><tbody>");
        for r in &c.after {
            let _ = write!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                r.side,
                r.at.clock(),
                r.clock,
                esc(&r.who),
                esc(&r.text)
            );
        }
        o.push_str("</tbody></table></div>");
    }
    o.push_str("</section>");
    o
}

pub fn compare_to_html(c: &Comparison) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Comparison: {}</title><style>{}</style></head><body><header><p class=\"kind\">sevdrill comparison</p><h1>{}</h1></header>{}</body></html>\n",
        esc(&c.title),
        super::html::STYLE,
        esc(&c.title),
        compare_section_html(c, "A and B side by side")
    )
}
