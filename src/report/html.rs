//! The report as one self-contained HTML file: styles and charts inline, no
//! scripts, nothing fetched from the network. It reads on a phone (one
//! column, wide tables scroll) and prints to PDF (light theme, no page
//! breaks inside a finding or a chart).

use super::chart::{cadence_svg, severity_calls_svg};
use super::{EntryKind, SessionReport};
use crate::scoring::Verdict;
use crate::time::Dur;
use std::fmt::Write;

fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

pub(super) const STYLE: &str = r#"
:root { color-scheme: light; --ink:#1b1b1f; --muted:#5a5a66; --line:#d9d9e0; --bad:#b00020; --warn:#8a5a00; --ok:#2e7d32; --accent:#1a4fa0; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0 auto; padding: 16px; max-width: 980px; }
h1 { font-size: 1.6em; margin: .2em 0; } h2 { font-size: 1.25em; margin-top: 1.8em; border-bottom: 2px solid var(--line); padding-bottom: .2em; }
h3 { font-size: 1.05em; margin: 1.2em 0 .4em; }
.summary { font-size: 1.1em; } .score { font-size: 2.2em; font-weight: 700; }
.table { overflow-x: auto; } table { border-collapse: collapse; width: 100%; font-size: .92em; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
th { background: #f4f4f7; overflow-wrap: normal; } th[scope="row"] { min-width: 8em; }
.chart { width: 100%; height: auto; max-width: 720px; display: block; }
figure { margin: 0 0 1em; break-inside: avoid; } figcaption { color: var(--muted); font-size: .9em; }
.finding { border-left: 5px solid var(--line); padding: 4px 10px; margin: 8px 0; break-inside: avoid; }
.finding .tag { font-weight: 700; }
.Violated { border-color: var(--bad); } .Violated .tag { color: var(--bad); }
.Missed { border-color: var(--warn); } .Missed .tag { color: var(--warn); }
.Partly { border-color: var(--accent); } .Met { border-color: var(--ok); } .Met .tag { color: var(--ok); }
.why { color: var(--muted); }
tr:target { background: #fff4c2; }
.kind { font-variant: small-caps; color: var(--muted); white-space: nowrap; }
nav { line-height: 2; } nav a { margin-right: .6em; white-space: nowrap; }
details { margin: .8em 0; } summary { cursor: pointer; color: var(--accent); }
@media (max-width: 600px) { body { padding: 10px; font-size: 15px; } .score { font-size: 1.8em; } }
@media print { nav { display: none; } body { max-width: none; } a { color: inherit; text-decoration: none; } h2 { break-after: avoid; } }
"#;

/// The timeline row a moment links to: the last entry at or before it.
fn anchor_for(r: &SessionReport, at: Option<Dur>) -> Option<String> {
    let at = at?;
    let i = r.timeline.iter().rposition(|t| t.at <= at).unwrap_or(0);
    r.timeline.get(i).map(|_| format!("t{i}"))
}

pub fn to_html(r: &SessionReport) -> String {
    let e = &r.evidence;
    let card = &r.scorecard;
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Debrief: {}</title><style>{STYLE}</style></head><body>",
        esc(&e.title)
    );
    let _ = write!(
        o,
        "<header><p class=\"kind\">sevdrill debrief</p><h1>{}</h1><p class=\"summary\"><span class=\"score\">{:.0}</span>/100 · {} · worst true severity {} · {}</p></header>",
        esc(&e.title),
        e.outcome.score,
        esc(&e.difficulty),
        e.outcome.worst_true_severity,
        match e.outcome.resolved_at {
            Some(t) => format!("resolved at {}", t.clock()),
            None => "not resolved during the drill".into(),
        }
    );
    if r.scorecard.harm > 0.0 {
        let _ = write!(o, "<p>Anti-patterns took {:.0} points off the total.</p>", r.scorecard.harm);
    }
    o.push_str("<nav>");
    for (id, label) in [
        ("evidence", "Evidence"),
        ("scorecard", "Scorecard"),
        ("severity", "Severity"),
        ("cadence", "Cadence"),
        ("findings", "Findings"),
        ("metrics", "Metrics"),
        ("par", "Par"),
        ("review", "Review"),
        ("timeline", "Timeline"),
    ] {
        let _ = write!(o, "<a href=\"#{id}\">{label}</a> ");
    }
    if r.beside_parent.is_some() {
        o.push_str("<a href=\"#compare\">Beside its parent</a>");
    }
    o.push_str("</nav>");

    // Evidence of training.
    o.push_str("<section id=\"evidence\"><h2>Evidence of training</h2><div class=\"table\"><table>");
    let attendees = e
        .attendees
        .iter()
        .map(|a| match a.seat_words() {
            Some(seat) => format!("{} ({}; {})", esc(&a.name), esc(&a.roles.join(", ")), esc(&seat)),
            None => format!("{} ({})", esc(&a.name), esc(&a.roles.join(", "))),
        })
        .collect::<Vec<_>>()
        .join("<br>");
    let rows = [
        ("Scenario", format!("{} (<code>{}</code>)", esc(&e.title), esc(&e.scenario))),
        ("Scenario version", format!("<code>{}</code>", esc(&e.scenario_version))),
        ("Held on", esc(&e.held_on)),
        ("Simulated duration", format!("{} live, {} in all", e.live_duration, e.session_length)),
        ("Facilitator", esc(e.facilitator.as_deref().unwrap_or("not recorded"))),
        ("Team", esc(e.team.as_deref().unwrap_or("not recorded"))),
        ("Attendees and roles", attendees),
        ("Seed", e.seed.to_string()),
        ("Outcome", format!("{:.1}/100; {} action items", e.outcome.score, e.action_items)),
        (
            "Review finished",
            if e.complete { "yes".into() } else { "no — the session stopped before the debrief".into() },
        ),
        ("Session log", format!("<code>{}</code>", esc(&e.log_file))),
    ];
    for (k, v) in rows {
        let _ = write!(o, "<tr><th scope=\"row\">{k}</th><td>{v}</td></tr>");
    }
    o.push_str("</table></div>");
    if let Some(f) = &e.fork {
        let _ = write!(
            o,
            "<p>This session is a fork: it plays on from {} of <code>{}</code>, keeping its first {} actions.</p>",
            f.at.clock(),
            esc(&f.parent),
            f.kept
        );
    }
    if !e.carried.is_empty() {
        o.push_str("<h3>Commitments carried from the last review</h3><div class=\"table\"><table><tr><th>Action item</th><th>Owner</th><th>Due</th><th>From</th></tr>");
        for c in &e.carried {
            let _ = write!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}{}</td><td>{} ({})</td></tr>",
                esc(&c.description),
                if c.owner.trim().is_empty() { "no owner".into() } else { esc(&c.owner) },
                if c.due.trim().is_empty() { "no date".into() } else { esc(&c.due) },
                if c.overdue { " <strong>⚠ overdue</strong>" } else { "" },
                esc(&c.from_scenario),
                esc(&c.from_started)
            );
        }
        o.push_str("</table></div>");
    }
    o.push_str("</section>");
    if let Some(b) = &r.beside_parent {
        match (&b.comparison, &b.problem) {
            (Some(c), _) => o.push_str(&super::compare_view::compare_section_html(c, "Beside its parent")),
            (None, Some(p)) => {
                let _ = write!(
                    o,
                    "<section id=\"compare\"><h2>Beside its parent</h2><p>{}</p></section>",
                    esc(p)
                );
            }
            (None, None) => {}
        }
    }

    // Scorecard.
    o.push_str("<section id=\"scorecard\"><h2>Scorecard</h2><div class=\"table\"><table><tr><th>Family</th><th>Score</th></tr>");
    for f in &card.families {
        let _ = write!(o, "<tr><td>{}</td><td>{:.0}</td></tr>", esc(f.title), f.score);
    }
    o.push_str("</table></div><h3>By role</h3><div class=\"table\"><table><tr><th>Role</th><th>Score</th><th>Findings</th></tr>");
    for role in &card.roles {
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{:.0}</td><td>{}</td></tr>",
            esc(&role.role),
            role.score,
            role.findings
        );
    }
    let _ = write!(
        o,
        "</table></div><details><summary>All {} principles scored</summary><div class=\"table\"><table><tr><th>Principle</th><th>Verdict</th><th>Score</th></tr>",
        card.principles.len()
    );
    for p in &card.principles {
        let _ = write!(o, "<tr><td>{}</td><td>{:?}</td><td>{:.0}</td></tr>", p.id, p.verdict, p.score);
    }
    o.push_str("</table></div></details></section>");

    // Charts.
    let _ = write!(
        o,
        "<section id=\"severity\"><h2>Severity over time</h2><figure>{}<figcaption>The solid line is the true severity; the dashed line is what the team declared.{}</figcaption></figure></section>",
        severity_calls_svg(&r.severity, &r.calls),
        if r.calls.is_empty() {
            ""
        } else {
            " Each mark is one person's call, named: a diamond where they declared, a circle where they proposed; green where the call matched the truth at that moment, amber where it did not."
        }
    );
    if !r.calls.is_empty() {
        o.push_str("<section id=\"calls\"><h2>Severity calls, person by person</h2><div class=\"table\"><table><tr><th>Time</th><th>Who</th><th>Call</th><th>Declared then</th><th>Truth then</th><th>Why</th></tr>");
        for c in &r.calls {
            let _ = write!(
                o,
                "<tr><td>{}</td><td>{} ({})</td><td>{} {} — {}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                c.at.clock(),
                esc(&c.by),
                esc(&c.role),
                c.kind,
                c.sev,
                c.against_truth(),
                c.declared_before.map(|s| s.to_string()).unwrap_or_else(|| "none".into()),
                c.truth,
                esc(&c.reason)
            );
        }
        o.push_str("</table></div></section>");
    }
    let _ = write!(
        o,
        "<section id=\"cadence\"><h2>Communication cadence</h2><figure>{}<figcaption>{}</figcaption></figure></section>",
        cadence_svg(&r.cadence),
        if r.cadence.expected {
            "A SEV1 needs an update every 15 to 30 minutes; bars above the shaded band were silences that ran too long."
        } else {
            "The truth never reached SEV1, so the 15–30 minute cadence was not required; the chart shows the gaps for reference."
        }
    );

    // Findings, each tied to its moment in the timeline.
    o.push_str("<section id=\"findings\"><h2>Findings</h2>");
    for verdict in [Verdict::Violated, Verdict::Missed, Verdict::Partly, Verdict::Met] {
        let found: Vec<_> = card.findings.iter().filter(|f| f.verdict == verdict).collect();
        if found.is_empty() {
            continue;
        }
        let _ = write!(o, "<h3>{verdict:?} ({})</h3>", found.len());
        for f in found {
            let moment = match (f.at, anchor_for(r, f.at)) {
                (Some(t), Some(a)) => format!(" · <a href=\"#{a}\">{}</a>", t.clock()),
                (Some(t), None) => format!(" · {}", t.clock()),
                _ => String::new(),
            };
            let _ = write!(
                o,
                "<div class=\"finding {verdict:?}\"><span class=\"tag\">{verdict:?}</span> <strong>{}</strong>{moment} · {}<br>{}<br><span class=\"why\">{}</span></div>",
                f.principle,
                esc(&f.role),
                esc(&f.evidence),
                esc(&f.why)
            );
        }
    }
    o.push_str("</section>");

    o.push_str("<section id=\"metrics\"><h2>Metrics</h2><div class=\"table\"><table>");
    for (k, v) in card.metrics.lines() {
        let _ = write!(o, "<tr><th scope=\"row\">{k}</th><td>{}</td></tr>", esc(&v));
    }
    o.push_str("</table></div></section>");

    o.push_str("<section id=\"par\"><h2>Par: what the choices cost</h2><p>The same scenario and seed, played by the careful team.</p><div class=\"table\"><table><tr><th></th><th>This session</th><th>Par</th></tr>");
    for (k, team, par) in super::par_rows(&r.par) {
        let _ = write!(
            o,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
            esc(&k),
            esc(&team),
            esc(&par)
        );
    }
    o.push_str("</table></div>");
    if let Some(sentence) = r.par.cost_sentence() {
        let _ = write!(o, "<p>{}</p>", esc(&sentence));
    }
    o.push_str("</section>");

    // Review output.
    let rv = &r.review;
    o.push_str("<section id=\"review\"><h2>Review output</h2><h3>Why-chain</h3>");
    if rv.whys.is_empty() {
        o.push_str("<p>No why-chain was written.</p>");
    } else {
        o.push_str("<ol>");
        for w in &rv.whys {
            let _ = write!(o, "<li>{}</li>", esc(w));
        }
        o.push_str("</ol>");
    }
    o.push_str("<h3>Contributing factors</h3>");
    if rv.factors.is_empty() {
        o.push_str("<p>None were listed.</p>");
    } else {
        o.push_str("<div class=\"table\"><table><tr><th>Category</th><th>Factor</th></tr>");
        for (c, t) in &rv.factors {
            let _ = write!(o, "<tr><td>{}</td><td>{}</td></tr>", esc(c), esc(t));
        }
        o.push_str("</table></div>");
    }
    o.push_str("<h3>Action items</h3>");
    if rv.action_items.is_empty() {
        o.push_str("<p>None were recorded.</p>");
    } else {
        o.push_str("<div class=\"table\"><table><tr><th>Action</th><th>Kind</th><th>Owner</th><th>Due</th><th>Tracking</th></tr>");
        for a in &rv.action_items {
            let or_dash = |s: &str| if s.trim().is_empty() { "—".to_string() } else { esc(s) };
            let _ = write!(
                o,
                "<tr><td>{}</td><td>{:?}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&a.description),
                a.kind,
                or_dash(&a.owner),
                or_dash(&a.due),
                or_dash(&a.tracking)
            );
        }
        o.push_str("</table></div>");
    }
    if let Some(i) = &rv.impact {
        let _ = write!(
            o,
            "<p><strong>Impact recorded:</strong> {} users, {} long, {} lost{}</p>",
            i.users_affected,
            i.duration,
            i.revenue_lost,
            if i.reputation.is_empty() {
                String::new()
            } else {
                format!("; reputation: {}", esc(&i.reputation))
            }
        );
    }
    if !rv.rewrites.is_empty() {
        o.push_str("<h3>Blameful statements rewritten</h3><ul>");
        for (before, after) in &rv.rewrites {
            let _ = write!(o, "<li><del>{}</del> → {}</li>", esc(before), esc(after));
        }
        o.push_str("</ul>");
    }
    let _ = write!(
        o,
        "<p><strong>Review meeting:</strong> {}</p></section>",
        esc(rv.meeting.as_deref().unwrap_or("not scheduled"))
    );

    // Timeline.
    o.push_str("<section id=\"timeline\"><h2>Timeline</h2><div class=\"table\"><table><tr><th>Time</th><th>T+</th><th></th><th>Who</th><th>What</th></tr>");
    for (i, t) in r.timeline.iter().enumerate() {
        if t.kind == EntryKind::Phase && t.text == "briefing" {
            continue;
        }
        let _ = write!(
            o,
            "<tr id=\"t{i}\"><td>{}</td><td>{}</td><td class=\"kind\">{}</td><td>{}</td><td>{}</td></tr>",
            t.clock,
            t.at.clock(),
            t.kind.label(),
            esc(&t.who),
            esc(&t.text)
        );
    }
    o.push_str("</table></div></section>");
    let _ = writeln!(
        o,
        "<footer><p class=\"why\">Generated by sevdrill {} from <code>{}</code>.</p></footer></body></html>",
        env!("CARGO_PKG_VERSION"),
        esc(&e.log_file)
    );
    o
}
