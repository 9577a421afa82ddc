//! Trends as text for the terminal, Markdown for a retrospective, HTML with
//! inline charts, or JSON (`Trends::to_json`).

use super::chart::{principle_bars_svg, series_svg};
use super::trends::{Direction, Group, PersonTrend, PrincipleTrend, Trends};
use crate::escape::{markdown as cell, markdown_code as code, terminal};
use std::fmt::Write;

fn arrow(p: &PrincipleTrend) -> &'static str {
    match p.direction() {
        Direction::Unknown => "·",
        Direction::Better => "↑ better",
        Direction::Worse => "↓ worse",
        Direction::Steady => "→ steady",
    }
}

/// The charts of a trends report, by file-friendly name.
pub fn charts(t: &Trends) -> Vec<(&'static str, &'static str, String)> {
    let s = &t.sessions;
    let rows: Vec<(String, f64, usize)> =
        t.principles.iter().filter(|p| p.sessions > 0).map(|p| (p.id.clone(), p.mean, p.missed_in)).collect();
    vec![
        (
            "score",
            "Total score per session",
            series_svg(
                "Total score per session",
                &s.iter().map(|x| Some(x.score)).collect::<Vec<_>>(),
                100.0,
                Some((85.0, 100.0)),
                "",
            ),
        ),
        ("principles", "Mean score per principle", principle_bars_svg(&rows)),
        (
            "mttd",
            "Minutes from alert to severity declaration",
            series_svg(
                "Minutes from alert to severity declaration",
                &s.iter().map(|x| x.mttd_minutes).collect::<Vec<_>>(),
                10.0,
                Some((0.0, 5.0)),
                "m",
            ),
        ),
        (
            "first-comm",
            "Minutes to the first communication",
            series_svg(
                "Minutes to the first communication",
                &s.iter().map(|x| x.first_communication_minutes).collect::<Vec<_>>(),
                20.0,
                Some((0.0, 15.0)),
                "m",
            ),
        ),
        (
            "update-gap",
            "Longest gap between updates, minutes",
            series_svg(
                "Longest gap between updates, minutes",
                &s.iter().map(|x| x.longest_update_gap_minutes).collect::<Vec<_>>(),
                45.0,
                Some((15.0, 30.0)),
                "m",
            ),
        ),
        (
            "action-items",
            "Action-item completeness, %",
            series_svg(
                "Action-item completeness, %",
                &s.iter().map(|x| x.action_item_completeness).collect::<Vec<_>>(),
                100.0,
                Some((85.0, 100.0)),
                "%",
            ),
        ),
    ]
}

/// "COMM-CADENCE fell 80 → 50 (−30) between 2026-11-02 and 2026-11-30".
pub fn drop_words(principle: &str, d: &super::trends::Drop) -> String {
    let day = |s: &str| s.chars().take(10).collect::<String>();
    format!(
        "{principle} fell {:.0} → {:.0} (−{:.0}) between the drills of {} and {}",
        d.from,
        d.to,
        d.from - d.to,
        day(&d.before.1),
        day(&d.after.1)
    )
}

/// "Incident commander ×3, Scribe ×1".
pub fn roles_words(p: &PersonTrend) -> String {
    p.roles_held.iter().map(|(r, n)| format!("{r} ×{n}")).collect::<Vec<_>>().join(", ")
}

/// "COMM-CADENCE (2 of 3), SEV-UNDER (1 of 2)".
pub fn missed_words(p: &PersonTrend) -> String {
    if p.most_missed.is_empty() {
        return "nothing".into();
    }
    p.most_missed
        .iter()
        .map(|m| format!("{} ({} of {})", m.id, m.missed_in, m.sessions))
        .collect::<Vec<_>>()
        .join(", ")
}

fn group_rows(groups: &[Group]) -> Vec<(String, String, String)> {
    groups.iter().map(|g| (g.key.clone(), g.sessions.to_string(), format!("{:.0}", g.mean_score))).collect()
}

pub fn to_text(t: &Trends) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "Trends over {} session(s) in {}", t.sessions.len(), terminal(&t.folder));
    if !t.skipped.is_empty() {
        let _ = writeln!(o, "{} session(s) left out — see the end", t.skipped.len());
    }
    let _ = writeln!(o, "\nSessions (oldest first)");
    for (i, s) in t.sessions.iter().enumerate() {
        let _ = writeln!(
            o,
            "  #{:<3} {:<20} {:<30} {:<5} {:>5.1}  {}",
            i + 1,
            terminal(&s.held_on.chars().take(16).collect::<String>()),
            terminal(&s.scenario),
            s.worst_true_severity.to_string(),
            s.score,
            terminal(&s.team)
        );
    }
    for (title, groups) in
        [("By scenario", &t.by_scenario), ("By severity", &t.by_severity), ("By team", &t.by_team)]
    {
        let _ = writeln!(o, "\n{title}");
        for (k, n, m) in group_rows(groups) {
            let _ = writeln!(o, "  {:<40} {n:>3} session(s), mean {m}", terminal(&k));
        }
    }
    let _ = writeln!(o, "\nPrinciples (mean score; earlier half → later half)");
    for p in t.principles.iter().filter(|p| p.sessions > 0) {
        let _ = writeln!(
            o,
            "  {:<20} {:>5.0}   {:>3.0} → {:<3.0} {:<9} missed in {}/{}  {}",
            p.id,
            p.mean,
            p.earlier,
            p.later,
            arrow(p),
            p.missed_in,
            p.sessions,
            p.sparkline()
        );
    }
    let _ = writeln!(o, "\nMost often missed");
    if t.most_missed.is_empty() {
        let _ = writeln!(o, "  none");
    }
    for p in &t.most_missed {
        let _ = writeln!(o, "  {} — missed in {} of {} sessions", p.id, p.missed_in, p.sessions);
    }
    let _ = writeln!(
        o,
        "\nPeople (whatever roles they held; ⚠ a fall of 15 points or more between consecutive drills)"
    );
    for p in &t.people {
        let _ = writeln!(
            o,
            "  {} — {} drill(s) as {}; most missed: {}",
            terminal(&p.name),
            p.sessions,
            terminal(&roles_words(p)),
            missed_words(p)
        );
        for pr in p.principles.iter().filter(|x| x.sessions > 1) {
            let _ =
                writeln!(o, "      {:<20} {}  {:.0} → {:.0}", pr.id, pr.sparkline(), pr.earlier, pr.later);
        }
        for (id, d) in p.drops() {
            let _ = writeln!(o, "    ⚠ {}", drop_words(id, d));
        }
    }
    if !t.forks.is_empty() {
        let _ = writeln!(o, "\nForks (what-ifs, not counted above)");
        for f in &t.forks {
            let _ = writeln!(
                o,
                "  {:<30} {:>5.1}  fork of {}",
                terminal(&f.scenario),
                f.score,
                terminal(f.fork_of.as_deref().unwrap_or(""))
            );
        }
    }
    for file in &t.cut_off {
        let _ = writeln!(o, "\nNote: the last line of {} was cut off and left out", terminal(file));
    }
    if !t.skipped.is_empty() {
        let _ = writeln!(o, "\nLeft out");
        for s in &t.skipped {
            let _ = writeln!(o, "  {}: {}", terminal(&s.file), terminal(&s.reason));
        }
    }
    o
}

/// `chart_files`: (chart name, file name) pairs written beside the Markdown.
pub fn to_markdown(t: &Trends, chart_files: &[(String, String)]) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# Drill trends\n\n{} session(s) from {}.\n", t.sessions.len(), code(&t.folder));
    let chart = |o: &mut String, name: &str, alt: &str| {
        if let Some((_, file)) = chart_files.iter().find(|(n, _)| n == name) {
            let _ = writeln!(o, "![{alt}]({file})\n");
        }
    };
    let _ = writeln!(
        o,
        "## Sessions\n\n| # | Held on | Scenario | Team | Worst severity | Score |\n|---|---|---|---|---|---|"
    );
    for (i, s) in t.sessions.iter().enumerate() {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {:.0} |",
            i + 1,
            cell(&s.held_on),
            cell(&s.title),
            cell(&s.team),
            s.worst_true_severity,
            s.score
        );
    }
    let _ = writeln!(o);
    chart(&mut o, "score", "Total score per session");
    for (title, groups) in
        [("By scenario", &t.by_scenario), ("By severity", &t.by_severity), ("By team", &t.by_team)]
    {
        let _ = writeln!(o, "## {title}\n\n| | Sessions | Mean score |\n|---|---|---|");
        for (k, n, m) in group_rows(groups) {
            let _ = writeln!(o, "| {} | {n} | {m} |", cell(&k));
        }
        let _ = writeln!(o);
    }
    let _ = writeln!(o, "## Principles\n");
    chart(&mut o, "principles", "Mean score per principle");
    let _ = writeln!(
        o,
        "| Principle | Sessions | Mean | Earlier → later | Trend | Missed in | Each session |\n|---|---|---|---|---|---|---|"
    );
    for p in t.principles.iter().filter(|p| p.sessions > 0) {
        let _ = writeln!(
            o,
            "| {} | {} | {:.0} | {:.0} → {:.0} | {} | {} | {} |",
            p.id,
            p.sessions,
            p.mean,
            p.earlier,
            p.later,
            arrow(p),
            p.missed_in,
            p.sparkline()
        );
    }
    let _ = writeln!(o, "\n## Response metrics over time\n");
    for (name, alt) in [
        ("mttd", "Minutes from alert to severity declaration"),
        ("first-comm", "Minutes to the first communication"),
        ("update-gap", "Longest gap between updates"),
        ("action-items", "Action-item completeness"),
    ] {
        chart(&mut o, name, alt);
    }
    let _ = writeln!(
        o,
        "| # | MTTD (min) | First communication (min) | Longest update gap (min) | Action items complete |\n|---|---|---|---|---|"
    );
    let f = |x: Option<f64>| x.map(|v| format!("{v:.0}")).unwrap_or_else(|| "—".into());
    for (i, s) in t.sessions.iter().enumerate() {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} |",
            i + 1,
            f(s.mttd_minutes),
            f(s.first_communication_minutes),
            f(s.longest_update_gap_minutes),
            s.action_item_completeness.map(|v| format!("{v:.0}%")).unwrap_or_else(|| "—".into())
        );
    }
    let _ = writeln!(o, "\n## Most often missed\n");
    if t.most_missed.is_empty() {
        let _ = writeln!(o, "Nothing was missed.");
    }
    for p in &t.most_missed {
        let _ = writeln!(
            o,
            "- **{}** — missed in {} of {} sessions (mean {:.0})",
            p.id, p.missed_in, p.sessions, p.mean
        );
    }
    let _ = writeln!(
        o,
        "\n## People\n\nWhatever roles they held. ⚠ marks a fall of 15 points or more on a principle between consecutive drills.\n"
    );
    let _ = writeln!(o, "| Person | Drills | Roles held | Most missed | Drops |\n|---|---|---|---|---|");
    for p in &t.people {
        let drops: Vec<String> = p.drops().map(|(id, d)| format!("⚠ {}", drop_words(id, d))).collect();
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} |",
            cell(&p.name),
            p.sessions,
            cell(&roles_words(p)),
            cell(&missed_words(p)),
            if drops.is_empty() { "none".into() } else { cell(&drops.join("; ")) }
        );
    }
    if !t.forks.is_empty() {
        let _ =
            writeln!(o, "\n## Forks\n\nWhat-ifs played on from a moment of a drill; not counted above.\n");
        for f in &t.forks {
            let _ = writeln!(
                o,
                "- {} — {:.0}, fork of {}",
                cell(&f.title),
                f.score,
                code(f.fork_of.as_deref().unwrap_or(""))
            );
        }
    }
    for file in &t.cut_off {
        let _ = writeln!(o, "\nNote: the last line of {} was cut off and left out.", code(file));
    }
    if !t.skipped.is_empty() {
        let _ = writeln!(o, "\n## Left out\n");
        for s in &t.skipped {
            let _ = writeln!(o, "- {}: {}", code(&s.file), cell(&s.reason));
        }
    }
    o
}

fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

pub fn to_html(t: &Trends) -> String {
    let md_like_table = |o: &mut String, head: &[&str], rows: Vec<Vec<String>>| {
        o.push_str("<div class=\"table\"><table><tr>");
        for h in head {
            let _ = write!(o, "<th>{h}</th>");
        }
        o.push_str("</tr>");
        for r in rows {
            o.push_str("<tr>");
            for c in r {
                let _ = write!(o, "<td>{}</td>", esc(&c));
            }
            o.push_str("</tr>");
        }
        o.push_str("</table></div>");
    };
    let charts = charts(t);
    let svg = |name: &str| {
        charts.iter().find(|(n, _, _)| *n == name).map(|(_, _, s)| s.clone()).unwrap_or_default()
    };
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Drill trends</title><style>{}</style></head><body>",
        super::html::STYLE
    );
    let _ = write!(
        o,
        "<header><p class=\"kind\">sevdrill trends</p><h1>Drill trends</h1><p class=\"summary\">{} session(s) from <code>{}</code>{}</p></header>",
        t.sessions.len(),
        esc(&t.folder),
        if t.skipped.is_empty() { String::new() } else { format!(" · {} left out", t.skipped.len()) }
    );
    o.push_str("<section id=\"sessions\"><h2>Sessions</h2>");
    md_like_table(
        &mut o,
        &["#", "Held on", "Scenario", "Team", "Worst severity", "Score"],
        t.sessions
            .iter()
            .enumerate()
            .map(|(i, s)| {
                vec![
                    (i + 1).to_string(),
                    s.held_on.clone(),
                    s.title.clone(),
                    s.team.clone(),
                    s.worst_true_severity.to_string(),
                    format!("{:.0}", s.score),
                ]
            })
            .collect(),
    );
    let _ = write!(
        o,
        "<figure>{}<figcaption>Total score per session, oldest first; the band is 85 and over.</figcaption></figure></section>",
        svg("score")
    );
    o.push_str("<section id=\"groups\"><h2>By scenario, severity and team</h2>");
    for (title, groups) in
        [("Scenario", &t.by_scenario), ("Worst true severity", &t.by_severity), ("Team", &t.by_team)]
    {
        md_like_table(
            &mut o,
            &[title, "Sessions", "Mean score"],
            group_rows(groups).into_iter().map(|(a, b, c)| vec![a, b, c]).collect(),
        );
    }
    o.push_str("</section><section id=\"principles\"><h2>Principles</h2>");
    let _ = write!(o, "<figure>{}</figure>", svg("principles"));
    md_like_table(
        &mut o,
        &["Principle", "Sessions", "Mean", "Earlier → later", "Trend", "Missed in", "Each session"],
        t.principles
            .iter()
            .filter(|p| p.sessions > 0)
            .map(|p| {
                vec![
                    p.id.clone(),
                    p.sessions.to_string(),
                    format!("{:.0}", p.mean),
                    format!("{:.0} → {:.0}", p.earlier, p.later),
                    arrow(p).into(),
                    p.missed_in.to_string(),
                    p.sparkline(),
                ]
            })
            .collect(),
    );
    o.push_str("</section><section id=\"metrics\"><h2>Response metrics over time</h2>");
    for (name, caption) in [
        ("mttd", "Minutes from the first alert to a severity declaration (target: within 5)."),
        ("first-comm", "Minutes to the first stakeholder communication (target: within 15)."),
        ("update-gap", "Longest silence between updates, in minutes (target: 15 to 30)."),
        ("action-items", "Share of action items with an owner, a due date and tracking."),
    ] {
        let _ = write!(o, "<figure>{}<figcaption>{caption}</figcaption></figure>", svg(name));
    }
    o.push_str("</section><section id=\"missed\"><h2>Most often missed</h2>");
    if t.most_missed.is_empty() {
        o.push_str("<p>Nothing was missed.</p>");
    } else {
        o.push_str("<ol>");
        for p in &t.most_missed {
            let _ = write!(
                o,
                "<li><strong>{}</strong> — missed in {} of {} sessions (mean {:.0})</li>",
                p.id, p.missed_in, p.sessions, p.mean
            );
        }
        o.push_str("</ol>");
    }
    o.push_str("</section><section id=\"people\"><h2>People</h2><p>Whatever roles they held. ⚠ marks a fall of 15 points or more on a principle between consecutive drills.</p>");
    for p in &t.people {
        let _ = write!(
            o,
            "<h3>{}</h3><p>{} drill(s) as {}; most missed: {}</p>",
            esc(&p.name),
            p.sessions,
            esc(&roles_words(p)),
            esc(&missed_words(p))
        );
        let drops: Vec<String> = p.drops().map(|(id, d)| drop_words(id, d)).collect();
        if !drops.is_empty() {
            o.push_str("<ul>");
            for d in drops {
                let _ = write!(o, "<li><strong>⚠ drop:</strong> {}</li>", esc(&d));
            }
            o.push_str("</ul>");
        }
        md_like_table(
            &mut o,
            &["Principle", "Drills", "Mean", "Earlier → later", "Each drill"],
            p.principles
                .iter()
                .filter(|x| x.sessions > 0)
                .map(|x| {
                    vec![
                        x.id.clone(),
                        x.sessions.to_string(),
                        format!("{:.0}", x.mean),
                        format!("{:.0} → {:.0}", x.earlier, x.later),
                        x.sparkline(),
                    ]
                })
                .collect(),
        );
    }
    o.push_str("</section>");
    if !t.forks.is_empty() {
        o.push_str("<section id=\"forks\"><h2>Forks</h2><p>What-ifs played on from a moment of a drill; not counted above.</p><ul>");
        for f in &t.forks {
            let _ = write!(
                o,
                "<li>{} — {:.0}, fork of <code>{}</code></li>",
                esc(&f.title),
                f.score,
                esc(f.fork_of.as_deref().unwrap_or(""))
            );
        }
        o.push_str("</ul></section>");
    }
    if !t.skipped.is_empty() {
        o.push_str("<section id=\"skipped\"><h2>Left out</h2><ul>");
        for s in &t.skipped {
            let _ = write!(o, "<li><code>{}</code>: {}</li>", esc(&s.file), esc(&s.reason));
        }
        o.push_str("</ul></section>");
    }
    o.push_str("</body></html>\n");
    o
}
