//! COMM — notifying early, on cadence, the right people, in the template,
//! honestly, without speculation or jargon, consistently, publicly when
//! customers feel it, and closing the loop.

use super::Outcome;
use super::card::Verdict::{self, *};
use super::context::{Ctx, comm_text, quote};
use crate::language::{WordKind, has_content};
use crate::scenario::{Audience, CustomersHit, Sev, Template};
use crate::sim::{ActionRecord, Communication, FIRST_NOTICE_WITHIN, Status};
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
        Template::StatusPage | Template::CustomerNotice => {
            &["issue", "impact", "status", "started", "next_update_in"]
        }
        Template::Resolution => &["issue", "severity", "duration", "cause", "fix", "impact", "postmortem"],
    }
}

/// The template fields a message leaves without content — empty, or only
/// filler such as "tbd" or "x": shown before sending, scored after.
pub fn missing_fields(c: &Communication) -> Vec<&'static str> {
    let f = &c.fields;
    let blank = |text: &str| !has_content(text);
    required_fields(c.template)
        .iter()
        .copied()
        .filter(|name| match *name {
            "issue" => blank(&f.issue),
            "severity" => f.severity.is_none(),
            "impact" => blank(&f.impact),
            "status" => f.status.is_none(),
            "lead" => blank(&f.lead),
            "channel" => blank(&f.channel),
            // A page that says the incident is over promises no next update.
            "next_update_in" => f.next_update_in.is_none() && f.status != Some(Status::Resolved),
            "do" => f.dos.iter().all(|d| blank(d)),
            "do_not" => f.do_not.iter().all(|d| blank(d)),
            "cause" => f.cause.as_ref().is_none_or(|c| blank(&c.text)),
            "started" => blank(&f.started),
            "duration" => blank(&f.duration),
            "fix" => blank(&f.fix),
            "postmortem" => blank(&f.postmortem),
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
    // Only messages that say something can be honest, clear or speculative.
    for (a, c) in ctx.comms().filter(|(_, c)| applies(c) && c.says_something()) {
        checked += 1;
        let found = problems(a, c);
        if !found.is_empty() {
            let evidence = format!("{}: {}", label(a, c), found.join("; "));
            findings.push(ctx.finding(id, Violated, Some(a.at), Some(a), evidence, why));
        }
    }
    if checked == 0 {
        return if ctx.comms().any(|(_, c)| applies(c)) || ctx.comms().next().is_none() {
            silent(ctx, id, why)
        } else {
            Outcome::not_applicable(id)
        };
    }
    let clean = checked - findings.len();
    // A principle with a violation is Violated whatever the rest did, so a
    // "Met" summary beside it would contradict the verdict.
    if findings.is_empty() {
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
    let first = ctx.timeline.notifications.first().copied();
    let record = first.and_then(|t| ctx.comms().find(|(a, c)| a.at == t && c.is_internal()));
    let f = match record {
        Some((a, c)) => {
            let lag = a.at.saturating_sub(ctx.first_alert);
            // Full credit within 15 minutes, then a quarter less for every
            // five minutes late, to nothing at 35.
            let late = lag.as_secs().saturating_sub(FIRST_NOTICE_WITHIN.as_secs());
            let s =
                if late == 0 { 1.0 } else { (0.75 - 0.25 * (late.saturating_sub(1) / 300) as f64).max(0.0) };
            let v = Verdict::from_score(s);
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
            Some(ctx.timeline.first_notice_due()),
            None,
            "no internal notification that said anything was ever sent",
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
        ctx.comms().filter(|(a, c)| c.is_internal() && c.says_something() && a.at <= ctx.live_end).collect();
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
    let (mut worst, mut worst_at) = (Dur::ZERO, Dur::ZERO);
    for (from, to) in ctx.timeline.update_gaps() {
        let gap = to.saturating_sub(from);
        if gap > worst {
            (worst, worst_at) = (gap, from);
        }
    }
    let mut findings = Vec::new();
    let mut broken = 0;
    // The message that keeps a promise may come after the fix (the
    // resolution message itself), so look for it among all internal messages.
    let all_internal: Vec<Dur> =
        ctx.comms().filter(|(_, c)| c.is_internal() && c.says_something()).map(|(a, _)| a.at).collect();
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

/// The audiences a severity calls for (the guide's table).
pub fn required_audiences(sev: Sev) -> Vec<Audience> {
    match sev {
        Sev::Sev1 => vec![Audience::Executives, Audience::AllStakeholders],
        Sev::Sev2 => vec![Audience::KeyStakeholders, Audience::EngineeringLeadership],
        Sev::Sev3 => vec![Audience::TeamLead, Audience::SupportLead],
        Sev::Sev4 => vec![],
    }
}

/// The audiences a message reaches beyond what the incident's worst true
/// severity calls for: executives or everyone for a SEV3 or SEV4, customers
/// when they cannot see the problem.
fn too_broad(ctx: &Ctx, c: &Communication) -> Vec<&'static str> {
    let mut out = Vec::new();
    if ctx.worst_true.level() >= 3 {
        if c.audiences.contains(&Audience::Executives) {
            out.push("the executives");
        }
        if c.audiences.contains(&Audience::AllStakeholders) {
            out.push("all stakeholders");
        }
    }
    if c.reaches_customers() && !ctx.scenario.impact.customer_visible {
        out.push("customers, who cannot see the problem");
    }
    out
}

fn audience(ctx: &Ctx) -> Outcome {
    const ID: &str = "COMM-AUDIENCE";
    let why = "Each severity has its audience: all stakeholders and executives for SEV1, key stakeholders and engineering leadership for SEV2, team and support leads for SEV3; telling more people than that spreads alarm.";
    let need = required_audiences(ctx.worst_true);
    let live: Vec<(&ActionRecord, &Communication)> =
        ctx.comms().filter(|(a, c)| a.at <= ctx.live_end && c.says_something()).collect();
    let reached: BTreeSet<Audience> = live.iter().flat_map(|(_, c)| c.audiences.iter().copied()).collect();
    let covers = |a: &Audience| {
        reached.contains(a)
            || (*a == Audience::KeyStakeholders && reached.contains(&Audience::AllStakeholders))
    };
    let mut findings = Vec::new();
    for (a, c) in &live {
        let broad = too_broad(ctx, c);
        if !broad.is_empty() {
            findings.push(ctx.finding(
                ID,
                Violated,
                Some(a.at),
                Some(a),
                format!("{} reached {} for a {} incident", label(a, c), join_and(&broad), ctx.worst_true),
                why,
            ));
        }
    }
    if need.is_empty() && findings.is_empty() {
        return Outcome::not_applicable(ID);
    }
    let got = need.iter().filter(|a| covers(a)).count();
    let score = if need.is_empty() { 1.0 } else { got as f64 / need.len() as f64 };
    if findings.is_empty() {
        let evidence = format!("a {} incident needs {:?}; reached {:?}", ctx.worst_true, need, reached);
        findings.push(ctx.finding(ID, Verdict::from_score(score), None, None, evidence, why));
    }
    Outcome::scored(ID, score, findings)
}

fn template(ctx: &Ctx) -> Outcome {
    const ID: &str = "COMM-TEMPLATE";
    let why = "A fixed structure lets readers find impact, status, owner and the next update at a glance.";
    let mut total = 0.0;
    let mut n = 0;
    let mut findings = Vec::new();
    for (a, c) in ctx.comms() {
        // A message that says nothing tells its readers they are informed
        // when they are not: an anti-pattern, not a thin message.
        if !c.says_something() {
            n += 1;
            findings.push(ctx.finding(
                ID,
                Violated,
                Some(a.at),
                Some(a),
                format!("{} said nothing: its issue, impact and text are empty or filler", label(a, c)),
                why,
            ));
            continue;
        }
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
        return silent(ctx, ID, why);
    }
    let complete = n - findings.len();
    // Beside a Violated finding a "Met" summary would contradict the verdict.
    let violated = findings.iter().any(|f| f.verdict == Violated);
    if complete > 0 && !violated {
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

/// For a message principle when nothing was sent: Missed if the incident
/// called for messages (SEV3 or worse), else not applicable. Silence must
/// not score better than speaking imperfectly.
fn silent(ctx: &Ctx, id: &'static str, why: &str) -> Outcome {
    if ctx.worst_true.level() > 3 {
        return Outcome::not_applicable(id);
    }
    Outcome::scored(
        id,
        0.0,
        vec![ctx.finding(
            id,
            Missed,
            Some(ctx.timeline.first_notice_due()),
            None,
            format!("no message was sent in a {} incident", ctx.worst_true),
            why,
        )],
    )
}

fn honest(ctx: &Ctx) -> Outcome {
    let why = "Playing impact down, hedging it, or overstating it all cost trust when the truth comes out.";
    per_message(
        ctx,
        "COMM-HONEST",
        why,
        "matched what was known",
        |_| true,
        |a, c| {
            let (snap, f) = (&a.snapshot, &c.fields);
            let mut problems = Vec::new();
            if let Some(stated) = f.severity {
                // Milder than the team's own call is playing it down; a wrong
                // call itself is SEV-UNDER's or SEV-OVER's to judge.
                if let Some(declared) = snap.declared
                    && declared.above(stated)
                {
                    problems.push(format!("stated {stated} while {declared} was declared"));
                }
                // Worse than the truth, to people outside, is alarm without cause.
                if stated.above(snap.true_sev) && c.reaches_customers() {
                    problems.push(format!("told customers {stated} while the truth was {}", snap.true_sev));
                }
            }
            if let Some(p) = f.users_percent {
                let truth = f64::from(snap.users_percent);
                if snap.users_percent >= 10 && f64::from(p) < 0.6 * truth {
                    problems
                        .push(format!("stated {p}% of users while {}% were affected", snap.users_percent));
                }
                if f64::from(p) > 1.5 * truth + 10.0 && !snap.resolved {
                    problems
                        .push(format!("stated {p}% of users while {}% were affected", snap.users_percent));
                }
            }
            if matches!(f.status, Some(Status::Resolved | Status::Monitoring)) && !snap.resolved {
                problems
                    .push(format!("said {:?} while the incident was still open", f.status.expect("matched")));
            }
            let minimising = ctx.words(WordKind::Minimising, &comm_text(c));
            if snap.users_percent >= 30 && !minimising.is_empty() && !snap.resolved {
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
    let non_technical = |c: &Communication| c.non_technical();
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
        let has_do = c.fields.dos.iter().any(|d| has_content(d));
        let has_dont = c.fields.do_not.iter().any(|d| has_content(d));
        let share = match c.template {
            Template::Initial => (f64::from(u8::from(has_do)) + f64::from(u8::from(has_dont))) / 2.0,
            Template::StatusPage | Template::CustomerNotice => f64::from(u8::from(has_do)),
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
        return silent(ctx, ID, why);
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
    let sent: Vec<(&ActionRecord, &Communication)> =
        ctx.comms().filter(|(_, c)| c.says_something()).collect();
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

/// The longest a status page may go without an update while a SEV1 that
/// customers can see is open.
const PAGE_REFRESH: Dur = Dur(60 * 60);

fn public(ctx: &Ctx) -> Outcome {
    const ID: &str = "COMM-PUBLIC";
    if !ctx.scenario.impact.customer_visible {
        return Outcome::not_applicable(ID);
    }
    let why = "Customers who can see the problem deserve a status page with what is affected, since when, and when they will hear more — and updates while it lasts.";
    let pages: Vec<(&ActionRecord, &Communication)> =
        ctx.comms().filter(|(_, c)| c.is_customer_facing() && c.says_something()).collect();
    let few = ctx.scenario.impact.customers_hit == CustomersHit::Few;
    let Some((a, c)) = pages.first().copied() else {
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
    let missing: Vec<&str> = [
        (!has_content(&f.impact), "impact"),
        (!has_content(&f.started), "start time"),
        (f.next_update_in.is_none(), "next update"),
    ]
    .into_iter()
    .filter_map(|(absent, name)| absent.then_some(name))
    .collect();
    let mut s: f64 = if lag <= Dur::mins(30) && missing.is_empty() { 1.0 } else { 0.5 };
    let what = if c.template == Template::CustomerNotice {
        "notice to the affected customers"
    } else {
        "status page"
    };
    let mut evidence = format!("{what} posted {lag} after the first alert");
    if !missing.is_empty() {
        evidence.push_str(&format!(", without {}", join_and(&missing)));
    }
    // Only a few customers hit: telling them directly is proportionate; a
    // page for everyone alarms customers who are fine.
    let notified = pages.iter().any(|(_, c)| c.template == Template::CustomerNotice);
    if few && !notified {
        s = s.min(0.5);
        evidence.push_str(
            "; only a few customers were hit, and a page for everyone told the rest too (a notice to the affected customers reaches them alone)",
        );
    }
    let mut findings = vec![ctx.finding(ID, Verdict::from_score(s), Some(a.at), Some(a), evidence, why)];
    // Through a SEV1, the page itself must keep up: customers read it, not
    // the internal updates.
    if ctx.worst_true == Sev::Sev1 {
        let mut times: Vec<Dur> = pages.iter().map(|(a, _)| a.at).filter(|t| *t <= ctx.live_end).collect();
        times.push(ctx.live_end);
        if let Some((from, gap)) =
            times.windows(2).map(|w| (w[0], w[1].saturating_sub(w[0]))).max_by_key(|(_, g)| *g)
            && gap > PAGE_REFRESH
        {
            s *= if gap.as_secs() > 2 * PAGE_REFRESH.as_secs() { 0.25 } else { 0.5 };
            findings.push(ctx.finding(
                ID,
                Partly,
                Some(from + PAGE_REFRESH),
                None,
                format!("the status page went {gap} without an update from {}", from.clock()),
                why,
            ));
        }
    }
    Outcome::scored(ID, s, findings)
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
    // An incomplete resolution message is at most Partly, whichever field it lacks.
    if !missing.is_empty() {
        score = score.min(0.8);
    }
    let mut findings = Vec::new();
    let page_posted = ctx.comms().any(|(_, c)| c.is_customer_facing());
    let page_closed = ctx.comms().any(|(b, c)| {
        c.is_customer_facing() && b.at >= resolved && c.fields.status == Some(Status::Resolved)
    });
    if page_posted && !page_closed {
        score *= 0.5;
        findings.push(ctx.finding(
            ID,
            Partly,
            Some(resolved),
            None,
            "customers who were told of the incident never heard it was resolved",
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
