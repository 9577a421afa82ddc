//! ROLE — the PM's lane: context, no technical calls, no pressure, the
//! business decisions, coordination of other teams, and the timeline.

use super::Outcome;
use super::card::Verdict::*;
use super::context::{Ctx, quote};
use crate::language::{WordKind, has_content, is_statement, pressure_phrase};
use crate::scenario::{ContextTopic, DecisionOwner, QuestionKind};
use crate::sim::{Action, ActionRecord};
use crate::time::Dur;
use std::collections::BTreeSet;

pub(super) fn score(ctx: &Ctx) -> Vec<Outcome> {
    vec![context(ctx), lane(ctx), pressure(ctx), decide(ctx), coordinate(ctx), document(ctx)]
}

/// The business topics responders should hear in this scenario.
pub fn relevant_topics(ctx: &Ctx) -> BTreeSet<ContextTopic> {
    topics_of(ctx.scenario)
}

/// The business topics a scenario's responders should hear: its `share`
/// list, else what its context holds.
pub fn topics_of(scenario: &crate::scenario::Scenario) -> BTreeSet<ContextTopic> {
    let c = &scenario.context;
    if !c.share.is_empty() {
        return c.share.iter().copied().collect();
    }
    let mut t = BTreeSet::new();
    if !c.key_customers.is_empty() {
        t.insert(ContextTopic::KeyCustomers);
    }
    if c.revenue_per_hour > 0 {
        t.insert(ContextTopic::Revenue);
    }
    if !c.commitments.is_empty() {
        t.insert(ContextTopic::Commitments);
    }
    if !c.external_events.is_empty() || scenario.impact.customer_visible {
        t.insert(ContextTopic::PublicExposure);
    }
    t
}

fn context(ctx: &Ctx) -> Outcome {
    const ID: &str = "ROLE-CONTEXT";
    let wanted = relevant_topics(ctx);
    if wanted.is_empty() {
        return Outcome::not_applicable(ID);
    }
    let mut shared = BTreeSet::new();
    let mut beside = BTreeSet::new();
    let mut first: Option<&ActionRecord> = None;
    for a in ctx.actions() {
        // Ticking topics while saying nothing about them tells nobody anything.
        if let Action::ShareContext { topics, text } = &a.action
            && a.at <= ctx.live_end
            && has_content(text)
        {
            for t in topics {
                if wanted.contains(t) {
                    shared.insert(*t);
                } else {
                    beside.insert(*t);
                }
            }
            first.get_or_insert(a);
        }
    }
    let why = "Responders prioritise better when they know which customers, money, commitments and exposure are at stake.";
    let Some(first) = first else {
        return Outcome::scored(
            ID,
            0.0,
            vec![ctx.finding(
                ID,
                Missed,
                Some(ctx.first_alert + Dur::mins(20)),
                None,
                format!("no business context shared; relevant: {wanted:?}"),
                why,
            )],
        );
    };
    // Topics the scenario does not bear out (peak traffic at 3 a.m.) mislead
    // the responders: each counts against the ones that were right.
    let mut score = shared.len() as f64 / (wanted.len() + beside.len()) as f64;
    let late = first.at > ctx.first_alert + Dur::mins(20);
    if late {
        score *= 0.5;
    }
    let missing: Vec<_> = wanted.difference(&shared).collect();
    let mut evidence = if missing.is_empty() {
        format!("shared {shared:?}{}", if late { ", but only after 20 minutes" } else { "" })
    } else {
        format!("shared {shared:?}; never mentioned {missing:?}")
    };
    if !beside.is_empty() {
        evidence.push_str(&format!("; also {beside:?}, which this incident does not bear out"));
    }
    Outcome::scored(
        ID,
        score,
        vec![ctx.finding(ID, super::Verdict::from_score(score), Some(first.at), Some(first), evidence, why)],
    )
}

fn lane(ctx: &Ctx) -> Outcome {
    const ID: &str = "ROLE-LANE";
    let why = "Technical choices belong to the engineers fixing it; the PM asks about trade-offs.";
    let mut findings = Vec::new();
    for a in ctx.actions() {
        match &a.action {
            Action::Decide(id) => {
                if let Some(d) =
                    ctx.scenario.decisions.iter().find(|d| &d.id == id && d.owner == DecisionOwner::Technical)
                {
                    findings.push(ctx.finding(
                        ID,
                        Violated,
                        Some(a.at),
                        Some(a),
                        format!("took the technical decision \"{}\"", d.title),
                        why,
                    ));
                }
            }
            Action::Ask(id) => {
                if let Some(q) =
                    ctx.scenario.questions.iter().find(|q| &q.id == id && q.kind == QuestionKind::Directive)
                {
                    findings.push(ctx.finding(
                        ID,
                        Violated,
                        Some(a.at),
                        Some(a),
                        format!("pushed a technical direction: {}", quote(&q.text)),
                        why,
                    ));
                }
            }
            _ => {}
        }
    }
    if findings.is_empty() && ctx.actions().iter().any(|a| a.at > Dur::ZERO) {
        findings.push(ctx.finding(ID, Met, None, None, "left every technical choice to the engineers", why));
    }
    Outcome::from_findings(ID, findings)
}

fn pressure(ctx: &Ctx) -> Outcome {
    const ID: &str = "ROLE-PRESSURE";
    let why = "Deadlines, money and executive names do not make engineers faster; they cost focus.";
    let mut findings = Vec::new();
    for a in ctx.actions() {
        let text = match &a.action {
            Action::Ask(id) => {
                if let Some(q) =
                    ctx.scenario.questions.iter().find(|q| &q.id == id && q.kind == QuestionKind::Pressure)
                {
                    findings.push(ctx.finding(
                        ID,
                        Violated,
                        Some(a.at),
                        Some(a),
                        format!("asked {}", quote(&q.text)),
                        why,
                    ));
                }
                continue;
            }
            Action::Say(t) => t,
            Action::ShareContext { text, .. } => text,
            _ => continue,
        };
        let mut words = ctx.words(WordKind::Pressure, text);
        let customers: Vec<String> =
            ctx.scenario.context.key_customers.iter().map(|k| k.name.clone()).collect();
        words.extend(pressure_phrase(text, &customers));
        if !words.is_empty() {
            findings.push(ctx.finding(
                ID,
                Violated,
                Some(a.at),
                Some(a),
                format!("told engineering {} (pressure: {})", quote(text), words.join(", ")),
                why,
            ));
        }
    }
    if findings.is_empty() {
        findings.push(ctx.finding(ID, Met, None, None, "no pressure was put on the responders", why));
    }
    Outcome::from_findings(ID, findings)
}

fn decide(ctx: &Ctx) -> Outcome {
    const ID: &str = "ROLE-DECIDE";
    let mut findings = Vec::new();
    for d in ctx.scenario.decisions.iter().filter(|d| d.owner == DecisionOwner::Business) {
        let taken = ctx.actions().iter().find(|a| matches!(&a.action, Action::Decide(x) if *x == d.id));
        let key = format!("decision:{}", d.id);
        findings.extend(ctx.warranted_finding(
            ID,
            &key,
            d.warranted.is_some(),
            d.within,
            taken,
            &d.title,
            &d.why,
        ));
    }
    Outcome::from_findings(ID, findings)
}

fn coordinate(ctx: &Ctx) -> Outcome {
    coordination_outcome(ctx, "ROLE-COORDINATE", false)
}

/// Scores the coordination items that concern a key customer (for
/// ESC-KEY-CUSTOMERS) or those that do not (for ROLE-COORDINATE).
pub(super) fn coordination_outcome(ctx: &Ctx, id: &'static str, for_customers: bool) -> Outcome {
    let mut findings = Vec::new();
    for c in ctx.scenario.coordination.iter().filter(|c| c.customer.is_some() == for_customers) {
        let taken =
            ctx.actions().iter().find(|a| matches!(&a.action, Action::Coordinate { id, .. } if *id == c.id));
        let key = format!("coordination:{}", c.id);
        findings.extend(ctx.warranted_finding(
            id,
            &key,
            c.warranted.is_some(),
            c.within,
            taken,
            &c.title,
            &c.why,
        ));
    }
    Outcome::from_findings(id, findings)
}

fn document(ctx: &Ctx) -> Outcome {
    const ID: &str = "ROLE-DOCUMENT";
    let mut moments: Vec<(Dur, String)> = Vec::new();
    if ctx.scenario.injects.iter().any(|i| i.alert && ctx.state.fired.contains_key(&i.id)) {
        moments.push((ctx.first_alert, "the first alert".into()));
    }
    for a in
        ctx.actions().iter().filter(|a| a.at <= ctx.live_end.max(ctx.state.resolved_at.unwrap_or(Dur::ZERO)))
    {
        let what = match &a.action {
            Action::Declare(s) => format!("declaring {s}"),
            Action::Decide(id) => format!("the decision {id}"),
            Action::Escalate(e) => format!("the escalation to {}", e.to),
            Action::Communicate(c) => format!("the {:?} message", c.template),
            _ => continue,
        };
        moments.push((a.at, what));
    }
    if let Some(r) = ctx.state.resolved_at {
        moments.push((r, "the resolution".into()));
    }
    if moments.is_empty() {
        return Outcome::not_applicable(ID);
    }
    // A note records something only if it says something new: filler and
    // repeats of an earlier note do not count.
    let mut seen = BTreeSet::new();
    let notes: Vec<Dur> = ctx
        .state
        .notes
        .iter()
        .filter(|(_, text, _)| is_statement(text, 3) && seen.insert(text.trim()))
        .map(|(t, _, _)| *t)
        .collect();
    let uncovered: Vec<&(Dur, String)> =
        moments.iter().filter(|(t, _)| !notes.iter().any(|n| *n >= *t && *n <= *t + Dur::mins(10))).collect();
    let share = 1.0 - uncovered.len() as f64 / moments.len() as f64;
    let score = (share / 0.8).min(1.0);
    let why = "A timeline written as it happens feeds the review and any compliance questions later.";
    let evidence = if uncovered.is_empty() {
        format!("{} notes covered all {} key moments", notes.len(), moments.len())
    } else {
        let list: Vec<String> =
            uncovered.iter().take(4).map(|(t, w)| format!("{w} at {}", t.clock())).collect();
        format!(
            "{} of {} key moments had no note within 10 min, e.g. {}",
            uncovered.len(),
            moments.len(),
            list.join("; ")
        )
    };
    Outcome::scored(
        ID,
        score,
        vec![ctx.finding(ID, super::Verdict::from_score(score), None, None, evidence, why)],
    )
}
