//! The report as Markdown, for pasting into a retrospective document. Charts
//! are linked as SVG files written beside the report (Markdown cannot hold
//! them inline everywhere); without files, the same data is given as tables.

use super::par_rows;
use super::{EntryKind, SessionReport};
use crate::escape::{markdown as md, markdown_code as code};
use crate::scoring::Verdict;
use std::fmt::Write;

/// `charts`: file names of the severity and cadence SVGs written beside the report.
pub fn to_markdown(r: &SessionReport, charts: Option<(&str, &str)>) -> String {
    let mut o = String::new();
    let e = &r.evidence;
    let _ = writeln!(o, "# Debrief: {}\n", md(&e.title));
    let _ = writeln!(
        o,
        "Score **{:.0}/100** · {} · worst true severity {} · {}\n",
        e.outcome.score,
        e.difficulty,
        e.outcome.worst_true_severity,
        match e.outcome.resolved_at {
            Some(t) => format!("resolved at {}", t.clock()),
            None => "not resolved during the drill".into(),
        }
    );

    let _ = writeln!(o, "## Evidence of training\n");
    let _ = writeln!(o, "| | |\n|---|---|");
    let rows = [
        ("Scenario", format!("{} ({})", md(&e.title), code(&e.scenario))),
        ("Scenario version", code(&e.scenario_version)),
        ("Held on", md(&e.held_on)),
        ("Simulated duration", format!("{} live, {} in all", e.live_duration, e.session_length)),
        ("Facilitator", e.facilitator.as_deref().map(md).unwrap_or_else(|| "not recorded".into())),
        ("Team", e.team.as_deref().map(md).unwrap_or_else(|| "not recorded".into())),
        (
            "Attendees",
            e.attendees
                .iter()
                .map(|a| match a.seat_words() {
                    Some(seat) => format!("{} ({}; {})", md(&a.name), md(&a.roles.join(", ")), md(&seat)),
                    None => format!("{} ({})", md(&a.name), md(&a.roles.join(", "))),
                })
                .collect::<Vec<_>>()
                .join("; "),
        ),
        ("Seed", e.seed.to_string()),
        ("Outcome", format!("{:.1}/100; {} action items", e.outcome.score, e.action_items)),
        (
            "Review finished",
            if e.complete { "yes".into() } else { "no — the session stopped before the debrief".into() },
        ),
        ("Session log", code(&e.log_file)),
    ];
    for (k, v) in rows {
        let _ = writeln!(o, "| {k} | {v} |");
    }
    if let Some(f) = &e.fork {
        let _ = writeln!(
            o,
            "\nThis session is a fork: it plays on from {} of {}, keeping its first {} actions.",
            f.at.clock(),
            code(&f.parent),
            f.kept
        );
    }
    if !e.carried.is_empty() {
        let _ = writeln!(o, "\n### Commitments carried from the last review\n");
        let _ = writeln!(o, "| Action item | Owner | Due | From |\n|---|---|---|---|");
        for c in &e.carried {
            let _ = writeln!(
                o,
                "| {} | {} | {}{} | {} ({}) |",
                md(&c.description),
                if c.owner.trim().is_empty() { "no owner".into() } else { md(&c.owner) },
                if c.due.trim().is_empty() { "no date".into() } else { md(&c.due) },
                if c.overdue { " — **overdue**" } else { "" },
                md(&c.from_scenario),
                md(&c.from_started)
            );
        }
    }
    if let Some(b) = &r.beside_parent {
        let _ = writeln!(o, "\n## Beside its parent\n");
        match (&b.comparison, &b.problem) {
            (Some(c), _) => {
                let text = super::compare_to_markdown(c);
                // The comparison's own title line gives way to this section's.
                let _ = writeln!(
                    o,
                    "{}",
                    text.split_once('\n')
                        .map(|(_, rest)| rest.trim_start())
                        .unwrap_or(&text)
                        .replace("\n## ", "\n### ")
                );
            }
            (None, Some(p)) => {
                let _ = writeln!(o, "{}", md(p));
            }
            (None, None) => {}
        }
    }

    let card = &r.scorecard;
    let _ = writeln!(o, "\n## Scorecard\n");
    if card.harm > 0.0 {
        let _ = writeln!(o, "Anti-patterns took {:.0} points off the total.\n", card.harm);
    }
    let _ = writeln!(o, "| Family | Score |\n|---|---|");
    for f in &card.families {
        let _ = writeln!(o, "| {} | {:.0} |", md(f.title), f.score);
    }
    let _ = writeln!(o, "\n| Role | Score | Findings |\n|---|---|---|");
    for role in &card.roles {
        let _ = writeln!(o, "| {} | {:.0} | {} |", md(&role.role), role.score, role.findings);
    }

    let _ = writeln!(o, "\n## Severity over time\n");
    if let Some((sev, _)) = charts {
        let _ = writeln!(o, "![Severity declared (dashed) against the true severity (solid)]({sev})\n");
    }
    let _ = writeln!(o, "| From | True | | From | Declared |\n|---|---|---|---|---|");
    let n = r.severity.truth.len().max(r.severity.declared.len());
    for i in 0..n {
        let t = r.severity.truth.get(i).map(|(t, s)| (t.clock(), s.to_string())).unwrap_or_default();
        let d = r.severity.declared.get(i).map(|(t, s)| (t.clock(), s.to_string())).unwrap_or_default();
        let _ = writeln!(o, "| {} | {} | | {} | {} |", t.0, t.1, d.0, d.1);
    }
    if !r.calls.is_empty() {
        let _ = writeln!(o, "\n### Severity calls, person by person\n");
        let _ = writeln!(
            o,
            "| Time | Who | Call | Declared then | Truth then | Why |\n|---|---|---|---|---|---|"
        );
        for c in &r.calls {
            let _ = writeln!(
                o,
                "| {} | {} ({}) | {} {} — {} | {} | {} | {} |",
                c.at.clock(),
                md(&c.by),
                md(&c.role),
                c.kind,
                c.sev,
                c.against_truth(),
                c.declared_before.map(|s| s.to_string()).unwrap_or_else(|| "none".into()),
                c.truth,
                md(&c.reason)
            );
        }
    }

    let _ = writeln!(o, "\n## Communication cadence\n");
    if let Some((_, cad)) = charts {
        let _ =
            writeln!(o, "![Minutes between stakeholder updates against the 15–30 minute target]({cad})\n");
    }
    if !r.cadence.expected {
        let _ = writeln!(o, "The truth never reached SEV1, so the 15–30 minute cadence was not required.\n");
    }
    if r.cadence.gaps.is_empty() {
        let _ = writeln!(o, "No stakeholder messages were sent.");
    } else {
        let _ = writeln!(o, "| From | To | Silence | Against the 30 min limit |\n|---|---|---|---|");
        for g in &r.cadence.gaps {
            let verdict = if g.length().as_secs() > 1800 { "too long" } else { "within" };
            let _ = writeln!(o, "| {} | {} | {} | {verdict} |", g.from.clock(), g.to.clock(), g.length());
        }
    }

    let _ = writeln!(o, "\n## Findings\n");
    for verdict in [Verdict::Violated, Verdict::Missed, Verdict::Partly, Verdict::Met] {
        let found: Vec<_> = card.findings.iter().filter(|f| f.verdict == verdict).collect();
        if found.is_empty() {
            continue;
        }
        let _ = writeln!(o, "### {verdict:?} ({})\n", found.len());
        for f in found {
            let at = f.at.map(|t| format!("{} · ", t.clock())).unwrap_or_default();
            let _ = writeln!(
                o,
                "- **{}** — {at}{} ({})  \n  {}",
                md(f.principle),
                md(&f.evidence),
                md(&f.role),
                md(&f.why)
            );
        }
        let _ = writeln!(o);
    }

    let _ = writeln!(o, "## Metrics\n\n| Metric | Value |\n|---|---|");
    for (k, v) in card.metrics.lines() {
        let _ = writeln!(o, "| {k} | {} |", md(&v));
    }

    let _ = writeln!(o, "\n## Par: what the choices cost\n");
    let _ = writeln!(o, "The same scenario and seed, played by the careful team.\n");
    let _ = writeln!(o, "| | This session | Par |\n|---|---|---|");
    for (k, team, par) in par_rows(&r.par) {
        let _ = writeln!(o, "| {k} | {} | {} |", md(&team), md(&par));
    }
    if let Some(sentence) = r.par.cost_sentence() {
        let _ = writeln!(o, "\n{}", md(&sentence));
    }

    let _ = writeln!(o, "\n## Review output\n");
    let rv = &r.review;
    if rv.whys.is_empty() {
        let _ = writeln!(o, "No why-chain was written.\n");
    } else {
        let _ = writeln!(o, "**Why-chain**\n");
        for (i, w) in rv.whys.iter().enumerate() {
            let _ = writeln!(o, "{}. {}", i + 1, md(w));
        }
        let _ = writeln!(o);
    }
    if !rv.factors.is_empty() {
        let _ = writeln!(o, "**Contributing factors**\n\n| Category | Factor |\n|---|---|");
        for (c, t) in &rv.factors {
            let _ = writeln!(o, "| {} | {} |", md(&c.to_string()), md(t));
        }
        let _ = writeln!(o);
    }
    let _ = writeln!(o, "**Action items**\n");
    if rv.action_items.is_empty() {
        let _ = writeln!(o, "None were recorded.\n");
    } else {
        let _ = writeln!(o, "| Action | Kind | Owner | Due | Tracking |\n|---|---|---|---|---|");
        for a in &rv.action_items {
            let or_dash = |s: &str| if s.trim().is_empty() { "—".to_string() } else { md(s) };
            let _ = writeln!(
                o,
                "| {} | {:?} | {} | {} | {} |",
                md(&a.description),
                a.kind,
                or_dash(&a.owner),
                or_dash(&a.due),
                or_dash(&a.tracking)
            );
        }
        let _ = writeln!(o);
    }
    if let Some(i) = &rv.impact {
        let _ = writeln!(
            o,
            "**Impact recorded:** {} users, {} long, {} lost{}\n",
            md(&i.users_affected.to_string()),
            md(&i.duration.to_string()),
            md(&i.revenue_lost.to_string()),
            if i.reputation.is_empty() {
                String::new()
            } else {
                format!("; reputation: {}", md(&i.reputation))
            }
        );
    }
    if !rv.rewrites.is_empty() {
        let _ = writeln!(o, "**Blameful statements rewritten**\n");
        for (before, after) in &rv.rewrites {
            let _ = writeln!(o, "- ~~{}~~ → {}", md(before), md(after));
        }
        let _ = writeln!(o);
    }
    let _ = writeln!(
        o,
        "**Review meeting:** {}\n",
        rv.meeting.as_deref().map(md).unwrap_or_else(|| "not scheduled".into())
    );

    let _ = writeln!(o, "## Timeline\n\n| Time | T+ | | Who | What |\n|---|---|---|---|---|");
    for t in &r.timeline {
        if t.kind == EntryKind::Phase && t.text == "briefing" {
            continue;
        }
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} |",
            t.clock,
            t.at.clock(),
            t.kind.label(),
            md(&t.who),
            md(&t.text)
        );
    }
    o
}
