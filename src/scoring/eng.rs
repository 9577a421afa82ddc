//! ENG — listening first, asking good questions, holding back bad ones,
//! offering rather than demanding.

use super::Outcome;
use super::card::Verdict::*;
use super::context::{Ctx, quote};
use crate::language::WordKind;
use crate::scenario::{Question, QuestionKind};
use crate::sim::{Action, ActionRecord};

pub(super) fn score(ctx: &Ctx) -> Vec<Outcome> {
    vec![listen(ctx), good_questions(ctx), bad_questions(ctx), offer(ctx)]
}

fn asked<'a>(ctx: &Ctx<'a>) -> Vec<(&'a ActionRecord, &'a Question)> {
    ctx.actions()
        .iter()
        .filter_map(|a| match &a.action {
            Action::Ask(id) => ctx.scenario.questions.iter().find(|q| &q.id == id).map(|q| (a, q)),
            _ => None,
        })
        .collect()
}

/// Actions that speak to the engineers in the incident channel.
fn speaks_to_engineering(a: &Action) -> bool {
    matches!(a, Action::Ask(_) | Action::Say(_) | Action::ShareContext { .. })
}

fn listen(ctx: &Ctx) -> Outcome {
    const ID: &str = "ENG-LISTEN";
    let why = "Reading the channel first avoids asking what has already been answered and interrupting the people fixing it.";
    let read = ctx.actions().iter().find(|a| matches!(a.action, Action::ReadHistory));
    let spoke = ctx.actions().iter().find(|a| speaks_to_engineering(&a.action));
    let f = match (read, spoke) {
        (Some(r), Some(s))
            if r.at <= s.at
                && ctx.actions().iter().position(|x| std::ptr::eq(x, r))
                    < ctx.actions().iter().position(|x| std::ptr::eq(x, s)) =>
        {
            (1.0, ctx.finding(ID, Met, Some(r.at), Some(r), "read the channel history before speaking", why))
        }
        (Some(r), Some(s)) => (
            0.5,
            ctx.finding(
                ID,
                Partly,
                Some(s.at),
                Some(s),
                format!("spoke in the channel before reading its history (read at {})", r.at.clock()),
                why,
            ),
        ),
        (Some(r), None) => (1.0, ctx.finding(ID, Met, Some(r.at), Some(r), "read the channel history", why)),
        (None, Some(s)) => (
            0.0,
            ctx.finding(
                ID,
                Missed,
                Some(s.at),
                Some(s),
                "spoke in the channel without ever reading its history",
                why,
            ),
        ),
        (None, None) => return Outcome::not_applicable(ID),
    };
    Outcome::scored(ID, f.0, vec![f.1])
}

fn good_questions(ctx: &Ctx) -> Outcome {
    const ID: &str = "ENG-GOOD-QUESTIONS";
    let why = "Questions about impact, blockers and needs give facts to communicate and show support.";
    let good_kinds = [QuestionKind::Factual, QuestionKind::Helpful, QuestionKind::Supportive];
    let in_deck = ctx.scenario.questions.iter().filter(|q| good_kinds.contains(&q.kind)).count();
    if in_deck == 0 {
        return Outcome::not_applicable(ID);
    }
    let good: Vec<_> = asked(ctx).into_iter().filter(|(_, q)| good_kinds.contains(&q.kind)).collect();
    let target = in_deck.min(3);
    // A third of the credit for each good question, up to three.
    let s = (good.len().min(target) as f64 / target as f64).min(1.0);
    let v = super::Verdict::from_score(s);
    let list: Vec<String> = good.iter().map(|(_, q)| quote(&q.text)).collect();
    let evidence = if good.is_empty() {
        "asked no factual, helpful or supportive question".into()
    } else {
        format!("asked {}", list.join(", "))
    };
    Outcome::scored(
        ID,
        s,
        vec![ctx.finding(
            ID,
            v,
            good.first().map(|(a, _)| a.at),
            good.first().map(|(a, _)| *a),
            evidence,
            why,
        )],
    )
}

fn bad_questions(ctx: &Ctx) -> Outcome {
    const ID: &str = "ENG-BAD-QUESTIONS";
    let bad_kinds = [QuestionKind::Pressure, QuestionKind::Distraction, QuestionKind::Blame];
    let mut findings = Vec::new();
    for (a, q) in asked(ctx) {
        if bad_kinds.contains(&q.kind) {
            findings.push(ctx.finding(
                ID,
                Violated,
                Some(a.at),
                Some(a),
                format!("asked {} ({:?})", quote(&q.text), q.kind),
                q.reason.clone(),
            ));
        }
    }
    if findings.is_empty() {
        let why =
            "Questions that press, distract or blame cost the responders focus in the middle of the fix.";
        findings.push(ctx.finding(
            ID,
            Met,
            None,
            None,
            "asked no pressing, distracting or blaming question",
            why,
        ));
    }
    Outcome::from_findings(ID, findings)
}

fn offer(ctx: &Ctx) -> Outcome {
    const ID: &str = "ENG-OFFER";
    let why = "Offering what you know and asking what they need leaves priorities with the engineers; demands take that away.";
    let mut demands = Vec::new();
    let mut offers = Vec::new();
    for a in ctx.actions() {
        match &a.action {
            Action::Ask(id) => match ctx.scenario.questions.iter().find(|q| &q.id == id).map(|q| (q.kind, q))
            {
                Some((QuestionKind::Demand, q)) => demands.push((a, quote(&q.text))),
                Some((QuestionKind::Offer, q)) => offers.push((a, quote(&q.text))),
                _ => {}
            },
            Action::Say(text) | Action::ShareContext { text, .. } => {
                if !ctx.words(WordKind::Demand, text).is_empty() {
                    demands.push((a, quote(text)));
                } else if !ctx.words(WordKind::Offer, text).is_empty() {
                    offers.push((a, quote(text)));
                }
            }
            _ => {}
        }
    }
    let mut findings: Vec<_> = demands
        .iter()
        .map(|(a, t)| ctx.finding(ID, Violated, Some(a.at), Some(*a), format!("demanded {t}"), why))
        .collect();
    if let Some((a, t)) = offers.first() {
        findings.push(ctx.finding(ID, Met, Some(a.at), Some(*a), format!("offered help: {t}"), why));
    }
    if findings.is_empty() {
        if !ctx.actions().iter().any(|a| speaks_to_engineering(&a.action)) {
            return Outcome::not_applicable(ID);
        }
        findings.push(ctx.finding(
            ID,
            Partly,
            None,
            None,
            "never offered information or help to the responders",
            why,
        ));
    }
    Outcome::from_findings(ID, findings)
}
