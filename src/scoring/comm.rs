//! COMM — notifying early, on cadence, the right people, in the template,
//! honestly, without speculation or jargon, consistently, publicly when
//! customers feel it, and closing the loop.

use super::Outcome;
use super::card::Verdict::{self, *};
use super::context::{Ctx, comm_text, is_internal, quote};
use crate::language::WordKind;
use crate::scenario::{Audience, Sev, Template};
use crate::sim::{ActionRecord, Communication, Status};
use crate::time::Dur;
use std::collections::BTreeSet;

pub(super) fn score(ctx: &Ctx) -> Vec<Outcome> {
    vec![
        first(ctx),
        cadence(ctx),
        audience(ctx),
        template(ctx),
        honest(ctx),
        nospec(ctx),
        clear(ctx),
        helpful(ctx),
        consistent(ctx),
        public(ctx),
        resolve(ctx),
    ]
}

/// The fields a template asks for, by name.
pub fn required_fields(t: Template) -> &'static [&'static str] {
    match t {
        Template::Initial => {
            &["issue", "severity", "impact", "status", "lead", "channel", "next_update_in", "do", "do_not"]
        }
        Template::Update => &["issue", "severity", "impact", "status", "next_update_in"],
        Template::StatusPage => &["issue", "impact", "status", "started", "next_update_in"],
        Template::Resolution => &["issue", "severity", "duration", "cause", "fix", "impact", "postmortem"],
    }
}

/// The template fields left empty in a message: shown before sending, scored after.
pub fn missing_fields(c: &Communication) -> Vec<&'static str> {
    let f = &c.fields;
    required_fields(c.template)
        .iter()
        .copied()
        .filter(|name| match *name {
            "issue" => f.issue.trim().is_empty(),
            "severity" => f.severity.is_none(),
            "impact" => f.impact.trim().is_empty(),
            "status" => f.status.is_none(),
            "lead" => f.lead.trim().is_empty(),
            "channel" => f.channel.trim().is_empty(),
            "next_update_in" => f.next_update_in.is_none(),
            "do" => f.dos.iter().all(|d| d.trim().is_empty()),
            "do_not" => f.do_not.iter().all(|d| d.trim().is_empty()),
            "cause" => f.cause.as_ref().is_none_or(|c| c.text.trim().is_empty()),
            "started" => f.started.trim().is_empty(),
            "duration" => f.duration.trim().is_empty(),
            "fix" => f.fix.trim().is_empty(),
            "postmortem" => f.postmortem.trim().is_empty(),
            _ => false,
        })
        .collect()
}

fn label(a: &ActionRecord, c: &Communication) -> String {
    format!("{:?} message at {} to {:?}", c.template, a.at.clock(), c.audiences)
}

/// Scores a per-message check: the share of clean messages among those
/// `applies` selects, one Violated finding per message with problems (from
/// `problems`), and one summary finding for the clean ones.
fn per_message(
    ctx: &Ctx,
    id: &'static str,
    why: &str,
    clean_note: &str,
    applies: impl Fn(&Communication) -> bool,
    problems: impl Fn(&ActionRecord, &Communication) -> Vec<String>,
) -> Outcome {
    let mut checked = 0;
    let mut findings = Vec::new();
    for (a, c) in ctx.comms().filter(|(_, c)| applies(c)) {
        checked += 1;
        let found = problems(a, c);
        if !found.is_empty() {
            let evidence = format!("{}: {}", label(a, c), found.join("; "));
            findings.push(ctx.finding(id, Violated, Some(a.at), Some(a), evidence, why));
        }
    }
    if checked == 0 {
        return Outcome::not_applicable(id);
    }
    let clean = checked - findings.len();
    if clean > 0 {
        findings.push(ctx.finding(
            id,
            Met,
            None,
            None,
            format!("{clean} of {checked} messages {clean_note}"),
            why,
        ));
    }
    Outcome::scored(id, clean as f64 / checked as f64, findings)
}

fn first(ctx: &Ctx) -> Outcome {
    const ID: &str = "COMM-FIRST";
    if ctx.worst_true.level() > 2 {
        return Outcome::not_applicable(ID);
    }
    let why = "For SEV1 and SEV2 people inside the company should hear it from you within 15 minutes, not from rumours.";
    let f = match ctx.comms().find(|(_, c)| is_internal(c)) {
        Some((a, c)) => {
            let lag = a.at.saturating_sub(ctx.first_alert);
            let (v, s) = if lag <= Dur::mins(15) {
                (Met, 1.0)
            } else if lag <= Dur::mins(25) {
                (Partly, 0.5)
            } else {
                (Missed, 0.0)
            };
            return Outcome::scored(
                ID,
                s,
                vec![ctx.finding(
                    ID,
                    v,
                    Some(a.at),
                    Some(a),
                    format!("first internal message ({:?}) {lag} after the first alert", c.template),
                    why,
                )],
            );
        }
        None => ctx.finding(
            ID,
            Missed,
            Some(ctx.first_alert + Dur::mins(15)),
            None,
            "no internal notification was ever sent",
            why,
        ),
    };
    Outcome::scored(ID, 0.0, vec![f])
}

fn cadence(ctx: &Ctx) -> Outcome {
    const ID: &str = "COMM-CADENCE";
    if ctx.worst_true != Sev::Sev1 {
        return Outcome::not_applicable(ID);
    }
    let why = "In a SEV1, silence longer than half an hour breeds worry and rumours; a promised update time must be kept.";
    let sent: Vec<(&ActionRecord, &Communication)> =
        ctx.comms().filter(|(a, c)| is_internal(c) && a.at <= ctx.live_end).collect();
    if sent.is_empty() {
        return Outcome::scored(
            ID,
            0.0,
            vec![ctx.finding(
                ID,
                Missed,
                Some(ctx.first_alert + Dur::mins(30)),
                None,
                "no stakeholder updates during the SEV1",
                why,
            )],
        );
    }
    let mut times: Vec<Dur> = sent.iter().map(|(a, _)| a.at).collect();
    times.push(ctx.live_end);
    let (mut worst, mut worst_at) = (Dur::ZERO, Dur::ZERO);
    for w in times.windows(2) {
        let gap = w[1].saturating_sub(w[0]);
        if gap > worst {
            (worst, worst_at) = (gap, w[0]);
        }
    }
    let mut findings = Vec::new();
    let mut broken = 0;
    // The message that keeps a promise may come after the fix (the
    // resolution message itself), so look for it among all internal messages.
    let all_internal: Vec<Dur> = ctx.comms().filter(|(_, c)| is_internal(c)).map(|(a, _)| a.at).collect();
    let grace = Dur::mins(2);
    for (a, c) in &sent {
        let Some(p) = c.fields.next_update_in else { continue };
        let due = a.at + p;
        if due >= ctx.live_end {
            continue;
        }
        // A fix that lands inside the grace period moves the deadline to
        // the resolution message's own grace period.
        let deadline = if ctx.live_end <= due + grace { ctx.live_end + grace } else { due + grace };
        let next = all_internal.iter().copied().find(|t| *t > a.at);
        if next.is_none_or(|n| n > deadline) {
            broken += 1;
            let late =
                next.map(|n| format!("the next came at {}", n.clock())).unwrap_or_else(|| "none came".into());
            findings.push(ctx.finding(
                ID,
                Missed,
                Some(due),
                Some(a),
                format!("promised the next update by {}; {late}", due.clock()),
                why,
            ));
        }
    }
    let score = if worst <= Dur::mins(30) && broken == 0 {
        1.0
    } else if worst <= Dur::mins(45) && broken <= 1 {
        0.5
    } else {
        0.0
    };
    let v = Verdict::from_score(score);
    findings.push(ctx.finding(
        ID,
        v,
        Some(worst_at),
        None,
        format!("{} updates; longest silence {worst} (from {})", sent.len(), worst_at.clock()),
        why,
    ));
    Outcome::scored(ID, score, findings)
}

fn required_audiences(sev: Sev) -> Vec<Audience> {
    match sev {
        Sev::Sev1 => vec![Audience::Executives, Audience::AllStakeholders],
        Sev::Sev2 => vec![Audience::KeyStakeholders, Audience::EngineeringLeadership],
        Sev::Sev3 => vec![Audience::TeamLead, Audience::SupportLead],
        Sev::Sev4 => vec![],
    }
}

fn audience(ctx: &Ctx) -> Outcome {
    const ID: &str = "COMM-AUDIENCE";
    let need = required_audiences(ctx.worst_true);
    let reached: BTreeSet<Audience> = ctx
        .comms()
        .filter(|(a, _)| a.at <= ctx.live_end)
        .flat_map(|(_, c)| c.audiences.iter().copied())
        .collect();
    let covers = |a: &Audience| {
        reached.contains(a)
            || (*a == Audience::KeyStakeholders && reached.contains(&Audience::AllStakeholders))
    };
    let too_broad = ctx.worst_true.level() >= 3
        && (reached.contains(&Audience::Executives) || reached.contains(&Audience::AllStakeholders));
    if need.is_empty() && !too_broad {
        return Outcome::not_applicable(ID);
    }
    let got: Vec<&Audience> = need.iter().filter(|a| covers(a)).collect();
    let mut score = if need.is_empty() { 1.0 } else { got.len() as f64 / need.len() as f64 };
    let mut evidence = format!("a {} incident needs {:?}; reached {:?}", ctx.worst_true, need, reached);
    if too_broad {
        score *= 0.5;
        evidence.push_str(" — executives or all stakeholders for a low-severity incident is too broad");
    }
    let why = "Each severity has its audience: all stakeholders and executives for SEV1, key stakeholders and engineering leadership for SEV2, team and support leads for SEV3.";
    Outcome::scored(ID, score, vec![ctx.finding(ID, Verdict::from_score(score), None, None, evidence, why)])
}

fn template(ctx: &Ctx) -> Outcome {
    const ID: &str = "COMM-TEMPLATE";
    let why = "A fixed structure lets readers find impact, status, owner and the next update at a glance.";
    let mut total = 0.0;
    let mut n = 0;
    let mut findings = Vec::new();
    for (a, c) in ctx.comms() {
        let need = required_fields(c.template);
        let missing = missing_fields(c);
        let share = 1.0 - missing.len() as f64 / need.len() as f64;
        total += share;
        n += 1;
        if !missing.is_empty() {
            let v = if share >= 0.6 { Partly } else { Missed };
            findings.push(ctx.finding(
                ID,
                v,
                Some(a.at),
                Some(a),
                format!("{} lacks {}", label(a, c), missing.join(", ")),
                why,
            ));
        }
    }
    if n == 0 {
        return Outcome::not_applicable(ID);
    }
    let complete = n - findings.len();
    if complete > 0 {
        findings.push(ctx.finding(
            ID,
            Met,
            None,
            None,
            format!("{complete} of {n} messages had every field of their template"),
            why,
        ));
    }
    Outcome::scored(ID, total / n as f64, findings)
}

fn honest(ctx: &Ctx) -> Outcome {
    let why = "Playing impact down or calling it fixed too early costs trust when the truth comes out.";
    per_message(
        ctx,
        "COMM-HONEST",
        why,
        "matched what was known",
        |_| true,
        |a, c| {
            let (snap, f) = (&a.snapshot, &c.fields);
            let mut problems = Vec::new();
            if let (Some(stated), Some(declared)) = (f.severity, snap.declared)
                && declared.above(stated)
            {
                problems.push(format!("stated {stated} while {declared} was declared"));
            }
            if let Some(p) = f.users_percent
                && snap.users_percent >= 10
                && f64::from(p) < 0.6 * f64::from(snap.users_percent)
            {
                problems.push(format!("stated {p}% of users while {}% were affected", snap.users_percent));
            }
            if matches!(f.status, Some(Status::Resolved | Status::Monitoring)) && !snap.resolved {
                problems
                    .push(format!("said {:?} while the incident was still open", f.status.expect("matched")));
            }
            let minimising = ctx.words(WordKind::Minimising, &comm_text(c));
            if snap.users_percent >= 30 && !minimising.is_empty() {
                let words = minimising.join(", ");
                problems.push(format!(
                    "played it down ({words}) while {}% of users were affected",
                    snap.users_percent
                ));
            }
            problems
        },
    )
}

fn nospec(ctx: &Ctx) -> Outcome {
    let why = "A guessed cause or a promised fix time that turns out wrong has to be taken back in public.";
    per_message(
        ctx,
        "COMM-NOSPEC",
        why,
        "kept to confirmed facts",
        |_| true,
        |a, c| {
            let mut problems = Vec::new();
            if let Some(cause) = &c.fields.cause
                && cause.confirmed
                && !a.snapshot.root_cause_known
            {
                problems.push(format!("called the cause {} confirmed before it was", quote(&cause.text)));
            }
            if let (Some(eta), false) = (c.fields.eta, a.snapshot.resolved) {
                problems.push(format!("promised a fix within {eta}"));
            }
            let words = ctx.words(WordKind::Speculation, &comm_text(c));
            if !words.is_empty() {
                problems.push(format!("speculated ({})", words.join(", ")));
            }
            problems
        },
    )
}

fn clear(ctx: &Ctx) -> Outcome {
    let why = "Customers and executives should not need an engineer to read an incident message.";
    let non_technical = |c: &Communication| c.audiences.iter().any(|x| x.non_technical());
    per_message(
        ctx,
        "COMM-CLEAR",
        why,
        "to non-technical readers were in plain language",
        non_technical,
        |_, c| {
            let words = ctx.words(WordKind::Jargon, &comm_text(c));
            if words.is_empty() { Vec::new() } else { vec![format!("used jargon: {}", words.join(", "))] }
        },
    )
}

fn helpful(ctx: &Ctx) -> Outcome {
    const ID: &str = "COMM-HELPFUL";
    let why = "Readers act better when told what to do and what to avoid, such as where to send customers and what not to promise.";
    let mut findings = Vec::new();
    let (mut total, mut n) = (0.0, 0);
    for (a, c) in ctx.comms() {
        let has_do = c.fields.dos.iter().any(|d| !d.trim().is_empty());
        let has_dont = c.fields.do_not.iter().any(|d| !d.trim().is_empty());
        let share = match c.template {
            Template::Initial => (f64::from(u8::from(has_do)) + f64::from(u8::from(has_dont))) / 2.0,
            Template::StatusPage => f64::from(u8::from(has_do)),
            _ => continue,
        };
        n += 1;
        total += share;
        if share < 1.0 {
            let v = if share > 0.0 { Partly } else { Missed };
            findings.push(ctx.finding(
                ID,
                v,
                Some(a.at),
                Some(a),
                format!(
                    "{} gave no {}",
                    label(a, c),
                    if has_do { "do-not list" } else { "guidance on what to do" }
                ),
                why,
            ));
        }
    }
    if n == 0 {
        return Outcome::not_applicable(ID);
    }
    if findings.is_empty() {
        findings.push(ctx.finding(
            ID,
            Met,
            None,
            None,
            format!("all {n} notifications said what to do and not do"),
            why,
        ));
    }
    Outcome::scored(ID, total / n as f64, findings)
}

fn consistent(ctx: &Ctx) -> Outcome {
    const ID: &str = "COMM-CONSISTENT";
    let why = "When two channels tell different stories at the same time, people trust neither.";
    let sent: Vec<(&ActionRecord, &Communication)> = ctx.comms().collect();
    let mut pairs = 0;
    let mut bad = Vec::new();
    for (i, (a, c)) in sent.iter().enumerate() {
        for (b, d) in sent.iter().skip(i + 1) {
            if b.at.saturating_sub(a.at) > Dur::mins(5) || c.audiences == d.audiences {
                continue;
            }
            // Messages either side of the fix describe different worlds.
            if a.snapshot.resolved != b.snapshot.resolved {
                continue;
            }
            pairs += 1;
            let (f, g) = (&c.fields, &d.fields);
            let (was, now) = (&a.snapshot, &b.snapshot);
            let mut diff = Vec::new();
            // A status may move on when something new was learnt in between.
            if let (Some(x), Some(y)) = (f.status, g.status)
                && x != y
                && was.facts_known == now.facts_known
            {
                diff.push(format!("status {x:?} vs {y:?}"));
            }
            if let (Some(x), Some(y)) = (f.severity, g.severity)
                && x != y
                && was.declared == now.declared
            {
                diff.push(format!("severity {x} vs {y}"));
            }
            // A resolution message counts everyone hit over the whole incident.
            let whole_incident = c.template == Template::Resolution || d.template == Template::Resolution;
            if let (Some(x), Some(y)) = (f.users_percent, g.users_percent)
                && x.abs_diff(y) > 20
                && was.users_percent == now.users_percent
                && !whole_incident
            {
                diff.push(format!("{x}% vs {y}% of users"));
            }
            if !diff.is_empty() {
                bad.push(ctx.finding(
                    ID,
                    Violated,
                    Some(b.at),
                    Some(b),
                    format!("{} and {} disagree: {}", label(a, c), label(b, d), diff.join(", ")),
                    why,
                ));
            }
        }
    }
    if sent.len() < 2 {
        return Outcome::not_applicable(ID);
    }
    let score = if pairs == 0 { 1.0 } else { 1.0 - bad.len().min(pairs) as f64 / pairs as f64 };
    if bad.is_empty() {
        bad.push(ctx.finding(ID, Met, None, None, format!("{} messages told one story", sent.len()), why));
    }
    Outcome::scored(ID, score, bad)
}

fn public(ctx: &Ctx) -> Outcome {
    const ID: &str = "COMM-PUBLIC";
    if !ctx.scenario.impact.customer_visible {
        return Outcome::not_applicable(ID);
    }
    let why = "Customers who can see the problem deserve a status page with what is affected, since when, and when they will hear more.";
    let page = ctx.comms().find(|(_, c)| c.template == Template::StatusPage);
    let Some((a, c)) = page else {
        return Outcome::scored(
            ID,
            0.0,
            vec![ctx.finding(
                ID,
                Missed,
                Some(ctx.first_alert + Dur::mins(30)),
                None,
                "customers were affected and no status page was posted",
                why,
            )],
        );
    };
    let lag = a.at.saturating_sub(ctx.first_alert);
    let f = &c.fields;
    let complete = !f.impact.trim().is_empty() && !f.started.trim().is_empty() && f.next_update_in.is_some();
    let (v, s) = if lag <= Dur::mins(30) && complete { (Met, 1.0) } else { (Partly, 0.5) };
    let mut evidence = format!("status page posted {lag} after the first alert");
    let missing: Vec<&str> = [
        (f.impact.trim().is_empty(), "impact"),
        (f.started.trim().is_empty(), "start time"),
        (f.next_update_in.is_none(), "next update"),
    ]
    .into_iter()
    .filter_map(|(absent, name)| absent.then_some(name))
    .collect();
    if !missing.is_empty() {
        evidence.push_str(&format!(", without {}", join_and(&missing)));
    }
    Outcome::scored(ID, s, vec![ctx.finding(ID, v, Some(a.at), Some(a), evidence, why)])
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn resolve(ctx: &Ctx) -> Outcome {
    const ID: &str = "COMM-RESOLVE";
    let Some(resolved) = ctx.state.resolved_at else {
        return Outcome::not_applicable(ID);
    };
    let why = "People who heard about the incident need to hear it is over: how long, why, what fixed it and when the review is.";
    let msg = ctx.comms().find(|(a, c)| c.template == Template::Resolution && a.at >= resolved);
    let Some((a, c)) = msg else {
        return Outcome::scored(
            ID,
            0.0,
            vec![ctx.finding(
                ID,
                Missed,
                Some(resolved + Dur::mins(15)),
                None,
                "no resolution message after the fix",
                why,
            )],
        );
    };
    let missing = missing_fields(c);
    let mut score = 1.0 - missing.len() as f64 / required_fields(Template::Resolution).len() as f64;
    let mut findings = Vec::new();
    let page_posted = ctx.comms().any(|(_, c)| c.template == Template::StatusPage);
    let page_closed = ctx.comms().any(|(b, c)| {
        c.template == Template::StatusPage && b.at >= resolved && c.fields.status == Some(Status::Resolved)
    });
    if page_posted && !page_closed {
        score *= 0.5;
        findings.push(ctx.finding(
            ID,
            Partly,
            Some(resolved),
            None,
            "the status page was never updated to resolved",
            why,
        ));
    }
    let evidence = if missing.is_empty() {
        "resolution message complete".to_string()
    } else {
        format!("resolution message lacks {}", missing.join(", "))
    };
    findings.push(ctx.finding(ID, Verdict::from_score(score), Some(a.at), Some(a), evidence, why));
    Outcome::scored(ID, score, findings)
}
