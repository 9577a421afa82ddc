//! SEV — declaring the right severity, promptly, and moving it with the facts.

use super::Outcome;
use super::card::Verdict::{self, *};
use super::context::Ctx;
use crate::scenario::Sev;
use crate::sim::{Action, ActionRecord};
use crate::time::Dur;

pub(super) fn score(ctx: &Ctx) -> Vec<Outcome> {
    vec![prompt(ctx), accurate(ctx), over_under(ctx, true), over_under(ctx, false), reassess(ctx)]
}

fn declarations<'a>(ctx: &Ctx<'a>) -> Vec<(&'a ActionRecord, Sev)> {
    ctx.actions()
        .iter()
        .filter_map(|a| match a.action {
            Action::Declare(s) => Some((a, s)),
            _ => None,
        })
        .collect()
}

/// How far ahead of a change of true severity a matching declaration
/// still counts as re-assessing it.
const ANTICIPATION: Dur = Dur(120);

/// When the declaration in force at `t` was made.
fn declared_since(ctx: &Ctx, t: Dur) -> Dur {
    ctx.state
        .declared_history
        .iter()
        .take_while(|(at, _)| *at <= t)
        .last()
        .map(|(at, _)| *at)
        .unwrap_or(Dur::ZERO)
}

fn declared_at(ctx: &Ctx, t: Dur) -> Option<Sev> {
    ctx.state.declared_history.iter().take_while(|(at, _)| *at <= t).last().map(|(_, s)| *s)
}

/// Pieces of the live window with constant (declared, true) severity.
fn segments(ctx: &Ctx) -> Vec<(Dur, Dur, Option<Sev>, Sev)> {
    let (start, end) = (ctx.first_alert, ctx.live_end);
    let mut points: Vec<Dur> = vec![start, end];
    points.extend(ctx.state.declared_history.iter().map(|(t, _)| *t));
    points.extend(ctx.state.true_history.iter().map(|(t, _)| *t));
    points.extend(ctx.state.true_history.iter().skip(1).map(|(t, _)| *t + REASSESS_GRACE));
    points.retain(|t| *t >= start && *t <= end);
    points.sort();
    points.dedup();
    points.windows(2).map(|w| (w[0], w[1], declared_at(ctx, w[0]), ctx.true_at(w[0]))).collect()
}

/// Time allowed to re-declare after the true severity changes; lag within it
/// is judged by SEV-REASSESS, not counted as over- or under-classifying.
const REASSESS_GRACE: Dur = Dur(600);

/// Whether a stretch starting at `t` with declaration `declared` is a team
/// still on the previous, then-correct severity, within the grace period.
fn catching_up(ctx: &Ctx, t: Dur, declared: Sev) -> bool {
    ctx.state.true_history.windows(2).any(|w| {
        let (before, (changed_at, _)) = (w[0].1, w[1]);
        t >= changed_at && t < changed_at + REASSESS_GRACE && declared == before
    })
}

fn prompt(ctx: &Ctx) -> Outcome {
    const ID: &str = "SEV-PROMPT";
    let why = "A named severity tells everyone how hard to respond; aim for five minutes.";
    let decl = declarations(ctx);
    let Some((a, sev)) = decl.first() else {
        return Outcome::scored(
            ID,
            0.0,
            vec![ctx.finding(
                ID,
                Missed,
                Some(ctx.first_alert + Dur::mins(5)),
                None,
                "no severity was ever declared",
                "Without a declared severity nobody knows how many people to pull in or whom to tell.",
            )],
        );
    };
    let lag = a.at.saturating_sub(ctx.first_alert);
    // Full credit within 5 minutes, half within 10, a quarter within 15.
    let mut s = if lag <= Dur::mins(5) {
        1.0
    } else if lag <= Dur::mins(10) {
        0.5
    } else if lag <= Dur::mins(15) {
        0.25
    } else {
        0.0
    };
    let truth = ctx.true_at(a.at);
    let mut evidence = format!("{sev} declared {lag} after the first alert");
    // A quick call two levels off is a guess, not an assessment.
    if sev.level().abs_diff(truth.level()) >= 2 {
        s *= 0.5;
        evidence.push_str(&format!(", two or more levels from the truth ({truth})"));
    }
    Outcome::scored(ID, s, vec![ctx.finding(ID, Verdict::from_score(s), Some(a.at), Some(*a), evidence, why)])
}

fn accurate(ctx: &Ctx) -> Outcome {
    const ID: &str = "SEV-ACCURATE";
    let segs = segments(ctx);
    let total: u64 = segs.iter().map(|(a, b, _, _)| b.as_secs() - a.as_secs()).sum();
    if total == 0 {
        return Outcome::not_applicable(ID);
    }
    let right: u64 =
        segs.iter().filter(|(_, _, d, t)| *d == Some(*t)).map(|(a, b, _, _)| b.as_secs() - a.as_secs()).sum();
    let share = right as f64 / total as f64;
    let score = (share / 0.8).min(1.0);
    let verdict = Verdict::from_score(score);
    let truth: Vec<String> =
        ctx.state.true_history.iter().map(|(t, s)| format!("{s} from {}", t.clock())).collect();
    Outcome::scored(
        ID,
        score,
        vec![ctx.finding(
            ID,
            verdict,
            None,
            None,
            format!(
                "declared severity matched the business impact for {:.0}% of the incident (truth: {})",
                share * 100.0,
                truth.join(", ")
            ),
            format!("Severity follows business impact; here: {}", ctx.scenario.severity.rationale),
        )],
    )
}

/// SEV-OVER when `over`, SEV-UNDER otherwise.
fn over_under(ctx: &Ctx, over: bool) -> Outcome {
    let id = if over { "SEV-OVER" } else { "SEV-UNDER" };
    let wrong = |d: Sev, t: Sev| if over { d.above(t) } else { t.above(d) };
    let mut secs = 0;
    // Levels off times seconds: how far wrong, for how long.
    let mut level_secs = 0;
    let mut two_levels: Option<(Dur, Sev, Sev)> = None;
    let mut first: Option<Dur> = None;
    for (a, b, d, t) in segments(ctx) {
        if let Some(d) = d.filter(|d| wrong(*d, t) && !catching_up(ctx, a, *d)) {
            secs += b.as_secs() - a.as_secs();
            level_secs += u64::from(d.level().abs_diff(t.level())) * (b.as_secs() - a.as_secs());
            first.get_or_insert(a);
            if d.level().abs_diff(t.level()) >= 2 && two_levels.is_none() {
                two_levels = Some((a, d, t));
            }
        }
    }
    if declarations(ctx).is_empty() {
        return Outcome::not_applicable(id);
    }
    let (word, harm) = if over {
        ("above", "Calling everything critical wears out the people who must answer it.")
    } else {
        ("below", "Playing it down delays the people and decisions the incident needs.")
    };
    let by = first.and_then(|t| declarations(ctx).into_iter().rfind(|(a, _)| a.at <= t).map(|(a, _)| a));
    let steps = level_secs.div_ceil(LEVEL_SECS_PER_HARM_STEP).max(1) as usize;
    let f = if let Some((t, d, truth)) = two_levels {
        let long =
            format!("declared {d} while the truth was {truth}; {word} the truth for {} in all", Dur(secs));
        ctx.finding(id, Violated, Some(t), by, long, harm)
    } else if secs == 0 {
        ctx.finding(id, Met, None, None, format!("never declared {word} the true severity"), harm)
    } else if secs <= 300 {
        ctx.finding(id, Partly, first, by, format!("declared {word} the truth for {}", Dur(secs)), harm)
    } else {
        ctx.finding(id, Violated, first, by, format!("declared {word} the truth for {}", Dur(secs)), harm)
    };
    Outcome::from_findings(id, vec![f]).with_harm_steps(steps)
}

/// A severity held wrong costs one harm step per started half hour for
/// each level it is off: one level for 20 minutes is one step, SEV1 held
/// through a SEV3 night is many. The harm is the team's whole time on the
/// wrong footing, not one act.
const LEVEL_SECS_PER_HARM_STEP: u64 = 30 * 60;

fn reassess(ctx: &Ctx) -> Outcome {
    const ID: &str = "SEV-REASSESS";
    let changes: Vec<(Dur, Sev)> =
        ctx.state.true_history.iter().skip(1).filter(|(t, _)| *t <= ctx.live_end).copied().collect();
    let decl = declarations(ctx);
    let mut findings = Vec::new();
    for (i, (t, to)) in changes.iter().enumerate() {
        let next_change = changes.get(i + 1).map(|(n, _)| *n).unwrap_or(Dur(u64::MAX));
        // Already on the new severity well before the change is not a
        // re-assessment: the call was wrong until the world caught up with
        // it. A call up to two minutes ahead reads the signs, and counts.
        let ahead = t.saturating_sub(ANTICIPATION);
        if declared_at(ctx, *t) == Some(*to) && declared_since(ctx, *t) < ahead {
            let by = decl.iter().rfind(|(a, _)| a.at <= *t).map(|(a, _)| *a);
            findings.push(ctx.finding(
                ID,
                Partly,
                Some(*t),
                by,
                format!(
                    "true severity became {to} at {}; {to} had been declared before the change, so nothing was re-assessed",
                    t.clock()
                ),
                "As impact changes, the declared severity must follow it, up or down.",
            ));
            continue;
        }
        let matched = decl
            .iter()
            .find(|(a, s)| a.at >= ahead && a.at < next_change && s == to)
            .map(|(a, _)| (a.at, Some(*a)));
        let f = match matched {
            Some((when, by)) => {
                let lag = when.saturating_sub(*t);
                let v = if lag <= Dur::mins(10) {
                    Met
                } else if lag <= Dur::mins(20) {
                    Partly
                } else {
                    Missed
                };
                ctx.finding(
                    ID,
                    v,
                    Some(when),
                    by,
                    format!("true severity became {to} at {}; declared {to} {lag} later", t.clock()),
                    "As impact changes, the declared severity must follow it, up or down.",
                )
            }
            None => ctx.finding(
                ID,
                Missed,
                Some(*t),
                None,
                format!("true severity became {to} at {} and the declaration never followed", t.clock()),
                "As impact changes, the declared severity must follow it, up or down.",
            ),
        };
        findings.push(f);
    }
    Outcome::from_findings(ID, findings)
}
