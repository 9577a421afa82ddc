//! PIR — the post-incident review: blameless language, a timeline, the
//! impact in numbers, a why-chain down to the process gap, factors across
//! categories, complete action items, and a prompt meeting.

use super::Outcome;
use super::card::Verdict::{self, *};
use super::context::{Ctx, quote};
use crate::language::{WordKind, has_content, is_statement};
use crate::scenario::{FactorCategory, Sev};
use crate::sim::{Action, Event, ItemKind, Moment};
use crate::time::Dur;
use chrono::{Datelike, Duration, Weekday};
use std::collections::BTreeSet;

pub(super) fn score(ctx: &Ctx) -> Vec<Outcome> {
    vec![
        blameless(ctx),
        timeline(ctx),
        impact(ctx),
        root_cause(ctx),
        factors(ctx),
        actions(ctx),
        schedule(ctx),
    ]
}

fn review_at(ctx: &Ctx) -> Option<Dur> {
    ctx.actions().iter().find(|a| matches!(a.action, Action::BeginReview)).map(|a| a.at)
}

fn blameless(ctx: &Ctx) -> Outcome {
    const ID: &str = "PIR-BLAMELESS";
    let why =
        "People who fear blame hide what they know; describing systems and processes keeps the facts coming.";
    let mut findings = Vec::new();
    for b in &ctx.scenario.review.blameful_statements {
        let rewrite = ctx
            .actions()
            .iter()
            .rev()
            .find(|a| matches!(&a.action, Action::Rewrite { statement, .. } if *statement == b.id));
        let f = match rewrite {
            Some(a) => {
                let Action::Rewrite { text, .. } = &a.action else { unreachable!() };
                let words = ctx.lexicon.blame(text);
                let same = text.trim().eq_ignore_ascii_case(b.text.trim());
                if !is_statement(text, 3) || same {
                    ctx.finding(
                        ID,
                        Missed,
                        Some(a.at),
                        Some(a),
                        format!("the rewrite of {} says nothing new: {}", quote(&b.text), quote(text)),
                        why,
                    )
                } else if words.is_empty() {
                    ctx.finding(
                        ID,
                        Met,
                        Some(a.at),
                        Some(a),
                        format!("rewrote {} as {}", quote(&b.text), quote(text)),
                        why,
                    )
                } else {
                    ctx.finding(
                        ID,
                        Violated,
                        Some(a.at),
                        Some(a),
                        format!("the rewrite {} still blames ({})", quote(text), words.join(", ")),
                        why,
                    )
                }
            }
            None => ctx.finding(
                ID,
                Missed,
                review_at(ctx),
                None,
                format!("never rewrote {}; e.g. {}", quote(&b.text), quote(&b.better)),
                why,
            ),
        };
        findings.push(f);
    }
    for a in ctx.actions() {
        let text = match &a.action {
            Action::AddWhy(t) => t,
            Action::AddFactor { text, .. } => text,
            Action::AddActionItem(i) => &i.description,
            _ => continue,
        };
        let words = ctx.lexicon.blame(text);
        if !words.is_empty() {
            findings.push(ctx.finding(
                ID,
                Violated,
                Some(a.at),
                Some(a),
                format!("review text {} blames people ({})", quote(text), words.join(", ")),
                why,
            ));
        }
    }
    Outcome::from_findings(ID, findings)
}

fn timeline(ctx: &Ctx) -> Outcome {
    const ID: &str = "PIR-TIMELINE";
    let want =
        [Moment::Detection, Moment::ResponseStart, Moment::Diagnosis, Moment::FixAttempt, Moment::Resolution];
    let have: BTreeSet<Moment> = ctx
        .state
        .notes
        .iter()
        .filter(|(_, text, _)| is_statement(text, 3))
        .filter_map(|(_, _, m)| *m)
        .collect();
    let missing: Vec<&Moment> = want.iter().filter(|m| !have.contains(m)).collect();
    let score = 1.0 - missing.len() as f64 / want.len() as f64;
    let evidence = if missing.is_empty() {
        format!("the timeline's {} notes cover detection to resolution", ctx.state.notes.len())
    } else {
        format!("{} notes; the timeline has nothing for {missing:?}", ctx.state.notes.len())
    };
    let why = "The review needs the sequence: detection, response, diagnosis, attempted fixes, resolution.";
    Outcome::scored(
        ID,
        score,
        vec![ctx.finding(ID, Verdict::from_score(score), review_at(ctx), None, evidence, why)],
    )
}

fn near(stated: f64, truth: f64, tolerance: f64) -> bool {
    if truth == 0.0 {
        return stated == 0.0;
    }
    (stated - truth).abs() / truth <= tolerance
}

fn impact(ctx: &Ctx) -> Outcome {
    const ID: &str = "PIR-IMPACT";
    let why =
        "Numbers — users, duration, revenue, reputation — size the follow-up work and make the case for it.";
    let rec = ctx.actions().iter().rev().find_map(|a| match &a.action {
        Action::RecordImpact(r) => Some((a, r)),
        _ => None,
    });
    let Some((a, r)) = rec else {
        return Outcome::scored(
            ID,
            0.0,
            vec![ctx.finding(ID, Missed, review_at(ctx), None, "the impact was never quantified", why)],
        );
    };
    let peak = ctx
        .engine
        .events()
        .iter()
        .filter(|e| e.at <= ctx.live_end)
        .filter_map(|e| match &e.event {
            Event::ImpactChanged { users_percent, .. } => Some(*users_percent),
            _ => None,
        })
        .chain([ctx.scenario.impact.users_percent])
        .max()
        .unwrap_or(0);
    let users = ctx.scenario.context.users as f64 * f64::from(peak) / 100.0;
    let duration = ctx.state.resolved_at.unwrap_or(ctx.live_end);
    let revenue = ctx.state.revenue_lost() as f64;
    let mut wrong = Vec::new();
    if !near(r.users_affected as f64, users, 0.5) {
        wrong.push(format!("users {} vs about {:.0}", r.users_affected, users));
    }
    let d_ok = near(r.duration.as_secs() as f64, duration.as_secs() as f64, 0.25)
        || r.duration.as_secs().abs_diff(duration.as_secs()) <= 300;
    if !d_ok {
        wrong.push(format!("duration {} vs {duration}", r.duration));
    }
    if !near(r.revenue_lost as f64, revenue, 0.5) {
        wrong.push(format!("revenue {} vs about {revenue:.0}", r.revenue_lost));
    }
    if !has_content(&r.reputation) {
        wrong.push("no reputational impact".into());
    }
    let score = 1.0 - wrong.len() as f64 / 4.0;
    let evidence = if wrong.is_empty() {
        "impact recorded and consistent with the incident".into()
    } else {
        format!("impact record off: {}", wrong.join("; "))
    };
    Outcome::scored(
        ID,
        score,
        vec![ctx.finding(ID, Verdict::from_score(score), Some(a.at), Some(a), evidence, why)],
    )
}

fn root_cause(ctx: &Ctx) -> Outcome {
    const ID: &str = "PIR-ROOT-CAUSE";
    let why = "Stopping at the technical trigger fixes one symptom; the process gap behind it lets the next one through.";
    // Only whys that state something, each once; a why that lands on a
    // person stops the chain there instead of going on to the process.
    let mut seen = BTreeSet::new();
    let whys: Vec<&String> = ctx
        .state
        .review
        .whys
        .iter()
        .filter(|w| is_statement(w, 3) && seen.insert(w.trim()) && ctx.lexicon.blame(w).is_empty())
        .collect();
    let tail = whys.iter().rev().take(2).any(|w| !ctx.words(WordKind::Process, w).is_empty());
    let process_factor = ctx.state.review.factors.iter().any(|(c, t)| {
        matches!(c, FactorCategory::Process | FactorCategory::Organisational) && is_statement(t, 2)
    });
    let reaches_process = tail || process_factor;
    // A fifth for each why, up to five; a chain that never reaches a process
    // gap earns three fifths of that.
    let depth = whys.len().min(5) as f64 / 5.0;
    let s = if reaches_process { depth } else { depth * 0.6 };
    let evidence = format!(
        "{} whys{}",
        whys.len(),
        if reaches_process { ", reaching a process gap" } else { ", not reaching a process gap" }
    );
    Outcome::scored(ID, s, vec![ctx.finding(ID, Verdict::from_score(s), review_at(ctx), None, evidence, why)])
}

fn factors(ctx: &Ctx) -> Outcome {
    const ID: &str = "PIR-FACTORS";
    let why =
        "Incidents rarely have one cause: technical, process, human and organisational factors line up.";
    let want = [
        FactorCategory::Technical,
        FactorCategory::Process,
        FactorCategory::Human,
        FactorCategory::Organisational,
    ];
    let have: BTreeSet<FactorCategory> =
        ctx.state.review.factors.iter().filter(|(_, t)| is_statement(t, 2)).map(|(c, _)| *c).collect();
    let covered = want.iter().filter(|c| have.contains(c)).count();
    let s = covered as f64 / want.len() as f64;
    let missing: Vec<_> = want.iter().filter(|c| !have.contains(c)).collect();
    let evidence = if missing.is_empty() {
        "factors cover all four categories".into()
    } else {
        format!("no {missing:?} factors")
    };
    Outcome::scored(ID, s, vec![ctx.finding(ID, Verdict::from_score(s), review_at(ctx), None, evidence, why)])
}

/// What an action item lacks: a description that says something, an
/// owner, a due date on or after the incident (and within a year), tracking.
pub fn item_lacks(item: &crate::sim::ActionItem, incident_day: chrono::NaiveDate) -> Vec<&'static str> {
    let due = chrono::NaiveDate::parse_from_str(item.due.trim(), "%Y-%m-%d").ok();
    let due_ok = due.is_some_and(|d| d >= incident_day && d <= incident_day + Duration::days(366));
    [
        (!is_statement(&item.description, 3), "description"),
        (!has_content(&item.owner), "owner"),
        (!due_ok, "due date"),
        (!has_content(&item.tracking), "tracking link"),
    ]
    .into_iter()
    .filter_map(|(absent, name)| absent.then_some(name))
    .collect()
}

/// Whether an action item is complete (see `item_lacks`).
pub fn item_complete(item: &crate::sim::ActionItem, incident_day: chrono::NaiveDate) -> bool {
    item_lacks(item, incident_day).is_empty()
}

fn actions(ctx: &Ctx) -> Outcome {
    const ID: &str = "PIR-ACTIONS";
    let why = "Without an owner, a date and a ticket an action item is a wish; together the items must prevent, detect and speed the response.";
    let day = ctx.scenario.clock.start.0.date_naive();
    let items: Vec<_> = ctx
        .actions()
        .iter()
        .filter_map(|a| match &a.action {
            Action::AddActionItem(i) => Some((a, i)),
            _ => None,
        })
        .collect();
    if items.is_empty() {
        return Outcome::scored(
            ID,
            0.0,
            vec![ctx.finding(ID, Missed, review_at(ctx), None, "no action items", why)],
        );
    }
    let mut findings = Vec::new();
    let mut parts = 0.0;
    for (a, i) in &items {
        let lacks = item_lacks(i, day);
        parts += 1.0 - lacks.len() as f64 / 4.0;
        if !lacks.is_empty() {
            let v = if lacks.len() <= 2 { Partly } else { Missed };
            findings.push(ctx.finding(
                ID,
                v,
                Some(a.at),
                Some(a),
                format!("action item {} has no {}", quote(&i.description), lacks.join(", ")),
                why,
            ));
        }
    }
    let complete = items.len() - findings.len();
    let kinds: BTreeSet<ItemKind> = items.iter().map(|(_, i)| i.kind).collect();
    // Seven tenths for how complete the items are, three for covering
    // prevent, detect and respond.
    let completeness = parts / items.len() as f64;
    let score = 0.7 * completeness + 0.3 * kinds.len() as f64 / 3.0;
    findings.push(ctx.finding(
        ID,
        Verdict::from_score(score),
        review_at(ctx),
        None,
        format!("{complete} of {} items complete; they cover {kinds:?}", items.len()),
        why,
    ));
    Outcome::scored(ID, score, findings)
}

fn add_business_days(
    mut d: chrono::DateTime<chrono::FixedOffset>,
    days: u32,
) -> chrono::DateTime<chrono::FixedOffset> {
    let mut left = days;
    while left > 0 {
        d += Duration::days(1);
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    d
}

fn schedule(ctx: &Ctx) -> Outcome {
    const ID: &str = "PIR-SCHEDULE";
    let why = "A review held while memories are fresh learns more: within 3 days for SEV1, 5 business days for SEV2.";
    let ended =
        crate::time::wall_clock(ctx.scenario.clock.start.0, ctx.state.resolved_at.unwrap_or(ctx.live_end));
    let deadline = match ctx.worst_true {
        Sev::Sev1 => ended + Duration::days(3),
        Sev::Sev2 => add_business_days(ended, 5),
        _ => add_business_days(ended, 10),
    };
    let sched = ctx.actions().iter().rev().find(|a| matches!(a.action, Action::ScheduleReview(_)));
    let (Some(a), Some(when)) = (sched, ctx.state.review.scheduled) else {
        return Outcome::scored(
            ID,
            0.0,
            vec![ctx.finding(
                ID,
                Missed,
                review_at(ctx),
                None,
                format!("no review meeting was scheduled (due by {})", deadline.format("%a %d %b %H:%M")),
                why,
            )],
        );
    };
    // Late by up to as long again as the allowance is worth half; later, nothing.
    let allowance = deadline - ended;
    let (v, s, note) = if when < ended {
        (Partly, 0.5, "before the incident ended")
    } else if when <= deadline {
        (Met, 1.0, "in time")
    } else if when - deadline <= allowance {
        (Partly, 0.5, "late")
    } else {
        (Missed, 0.0, "too late")
    };
    let evidence = format!(
        "review set for {} ({note}; due by {})",
        when.format("%a %d %b %H:%M"),
        deadline.format("%a %d %b %H:%M")
    );
    Outcome::scored(ID, s, vec![ctx.finding(ID, v, Some(a.at), Some(a), evidence, why)])
}
