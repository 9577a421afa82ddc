//! ESC — escalating at the right moments, well-formed, and looking after
//! key customers through their account teams.

use super::Outcome;
use super::card::Verdict;
use super::context::Ctx;
use crate::language::is_statement;
use crate::sim::Action;

pub(super) fn score(ctx: &Ctx) -> Vec<Outcome> {
    vec![when(ctx), how(ctx), key_customers(ctx)]
}

fn when(ctx: &Ctx) -> Outcome {
    const ID: &str = "ESC-WHEN";
    let mut findings = Vec::new();
    for t in &ctx.scenario.escalations {
        let taken = ctx.actions().iter().find(|a| matches!(&a.action, Action::Escalate(e) if e.to == t.id));
        let key = format!("escalation:{}", t.id);
        findings.extend(ctx.warranted_finding(
            ID,
            &key,
            t.warranted.is_some(),
            t.within,
            taken,
            &format!("escalation to {}", t.name),
            &t.why,
        ));
    }
    Outcome::from_findings(ID, findings)
}

fn how(ctx: &Ctx) -> Outcome {
    const ID: &str = "ESC-HOW";
    let why = "An escalation is acted on fast when it says what is happening, what is needed, why it matters and exactly what to do.";
    let (mut total, mut n) = (0.0, 0);
    let mut findings = Vec::new();
    for a in ctx.actions() {
        let Action::Escalate(e) = &a.action else { continue };
        // An unwarranted escalation earns nothing for its wording: however
        // well put, it asked someone for what the incident did not need.
        let warranted_at = ctx.state.warranted.get(&format!("escalation:{}", e.to));
        if warranted_at.is_none_or(|w| a.at < *w) {
            n += 1;
            findings.push(ctx.finding(
                ID,
                Verdict::Missed,
                Some(a.at),
                Some(a),
                format!("escalation to {} was not warranted then, so how it was put earns nothing", e.to),
                why,
            ));
            continue;
        }
        let parts =
            [("situation", &e.situation, 3), ("need", &e.need, 2), ("why", &e.why, 3), ("ask", &e.ask, 3)];
        let missing: Vec<&str> =
            parts.iter().filter(|(_, v, words)| !is_statement(v, *words)).map(|(k, _, _)| *k).collect();
        let share = 1.0 - missing.len() as f64 / 4.0;
        total += share;
        n += 1;
        let evidence = if missing.is_empty() {
            format!("escalation to {} stated situation, need, why and ask", e.to)
        } else {
            format!("escalation to {} lacked {}", e.to, missing.join(", "))
        };
        findings.push(ctx.finding(ID, Verdict::from_score(share), Some(a.at), Some(a), evidence, why));
    }
    if n == 0 {
        return Outcome::not_applicable(ID);
    }
    Outcome::scored(ID, total / n as f64, findings)
}

fn key_customers(ctx: &Ctx) -> Outcome {
    super::role::coordination_outcome(ctx, "ESC-KEY-CUSTOMERS", true)
}
