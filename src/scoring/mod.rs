//! Scoring a session against the rubric: one module per principle family,
//! each turning the session's evidence into scored, explained findings.
//! `docs/SCORING.md` states every rule in plain words.

mod card;
mod comm;
mod context;
mod eng;
mod esc;
mod focus;
pub mod metrics;
mod pir;

mod role;
mod severity;

pub use card::{FamilyScore, Finding, PrincipleScore, RoleScore, Scorecard, Verdict};
pub use comm::{missing_fields, required_audiences, required_fields};
pub use context::{Ctx, is_internal};
pub use focus::{FocusMove, focus_lost, focus_moves};
pub use metrics::Metrics;
pub use role::topics_of;

use crate::rubric::{Family, PRINCIPLES, principle};
use crate::sim::Engine;
use card::round1;
use std::collections::BTreeMap;

/// The outcome of one principle for one session.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub id: &'static str,
    /// 0–1, or `None` when the session gave no chance to show it.
    pub score: Option<f64>,
    pub findings: Vec<Finding>,
    /// For principles whose harm grows with how much went wrong rather than
    /// with how many acts did it (a severity held too high, and for how
    /// long): the number of harm steps to charge in place of the count of
    /// violating findings.
    pub harm_steps: Option<usize>,
}

impl Outcome {
    pub fn not_applicable(id: &'static str) -> Outcome {
        Outcome { id, score: None, findings: Vec::new(), harm_steps: None }
    }
    /// Scored as the mean value of its findings (Met 1, Partly ½, else 0).
    pub fn from_findings(id: &'static str, findings: Vec<Finding>) -> Outcome {
        if findings.is_empty() {
            return Outcome::not_applicable(id);
        }
        let score = findings.iter().map(|f| f.verdict.value()).sum::<f64>() / findings.len() as f64;
        Outcome { id, score: Some(score), findings, harm_steps: None }
    }
    pub fn scored(id: &'static str, score: f64, findings: Vec<Finding>) -> Outcome {
        Outcome { id, score: Some(score.clamp(0.0, 1.0)), findings, harm_steps: None }
    }
    pub fn with_harm_steps(self, steps: usize) -> Outcome {
        Outcome { harm_steps: Some(steps), ..self }
    }
}

/// Scores a finished (or stopped) session held by an engine.
pub fn score_engine(engine: &Engine) -> Scorecard {
    let ctx = Ctx::new(engine);
    let mut outcomes = Vec::new();
    outcomes.extend(severity::score(&ctx));
    outcomes.extend(role::score(&ctx));
    outcomes.extend(comm::score(&ctx));
    outcomes.extend(eng::score(&ctx));
    outcomes.extend(esc::score(&ctx));
    outcomes.extend(pir::score(&ctx));
    assemble(&ctx, outcomes)
}

fn weight_of(ctx: &Ctx, id: &str, family: Family) -> f64 {
    let w = &ctx.scenario.weights;
    w.get(id).copied().unwrap_or(1.0) * w.get(family.id()).copied().unwrap_or(1.0)
}

/// Points an anti-pattern takes off the total, on top of its principle
/// counting 0: the first violating finding of a principle costs
/// `HARM_FIRST`, each further one `HARM_MORE`, up to `HARM_CAP` per
/// principle (all times the principle's weight). A miss loses a chance to
/// do good; an anti-pattern does harm, and a mean over 36 principles alone
/// would let volume elsewhere hide it.
pub const HARM_FIRST: f64 = 2.0;
pub const HARM_MORE: f64 = 2.0;
pub const HARM_CAP: f64 = 10.0;

/// Focus points the team's own actions may cost the responders for each
/// harm point, and the most harm such noise can do: pressure, bad questions
/// and unwarranted calls slow the fix, and that cost is the team's.
pub const FOCUS_PER_HARM: f64 = 10.0;
pub const FOCUS_HARM_CAP: f64 = 10.0;

/// The harm points of a principle with `violations` violating findings.
pub fn harm(violations: usize) -> f64 {
    if violations == 0 {
        return 0.0;
    }
    (HARM_FIRST + HARM_MORE * (violations - 1) as f64).min(HARM_CAP)
}

fn assemble(ctx: &Ctx, outcomes: Vec<Outcome>) -> Scorecard {
    let mut principles_out = Vec::new();
    let mut findings = Vec::new();
    let (mut sum, mut weights, mut harm_points) = (0.0, 0.0, 0.0);
    let mut charged = std::collections::BTreeSet::new();
    let mut by_family: BTreeMap<Family, (f64, f64)> = BTreeMap::new();
    for o in outcomes {
        let p = principle(o.id).expect("every outcome names a rubric principle");
        if let Some(share) = o.score {
            let weight = weight_of(ctx, p.id, p.family);
            let violating: Vec<&Finding> =
                o.findings.iter().filter(|f| f.verdict == Verdict::Violated).collect();
            // A Violated principle counts 0, whatever share of it went well.
            let (verdict, score) = if violating.is_empty() {
                (Verdict::from_score(share), share)
            } else {
                (Verdict::Violated, 0.0)
            };
            // Harm is charged once per harmful act: a pressure question that
            // is both ROLE-PRESSURE and ENG-BAD-QUESTIONS costs its harm once.
            let fresh = violating.iter().filter(|f| f.act.is_none_or(|i| charged.insert(i))).count();
            let steps = if fresh > 0 { o.harm_steps.unwrap_or(fresh) } else { 0 };
            harm_points += harm(steps) * weight;
            principles_out.push(PrincipleScore {
                id: p.id,
                family: p.family.id(),
                score: round1(score * 100.0),
                verdict,
                weight,
            });
            sum += score * weight;
            weights += weight;
            let fam = by_family.entry(p.family).or_default();
            fam.0 += score * weight;
            fam.1 += weight;
        }
        findings.extend(o.findings);
    }
    let noise =
        (f64::from(focus_lost(&focus_moves(ctx.engine))) / FOCUS_PER_HARM).floor().min(FOCUS_HARM_CAP);
    harm_points += noise;
    // Keep rubric order for principles, time order for findings.
    principles_out.sort_by_key(|p| PRINCIPLES.iter().position(|q| q.id == p.id));
    findings.sort_by(|a, b| {
        (a.at.is_none(), a.at, rank(a.principle)).cmp(&(b.at.is_none(), b.at, rank(b.principle)))
    });
    let families = Family::ALL
        .iter()
        .filter_map(|f| {
            by_family.get(f).filter(|(_, w)| *w > 0.0).map(|(s, w)| FamilyScore {
                id: f.id(),
                title: f.title(),
                score: round1(s / w * 100.0),
            })
        })
        .collect();
    let mut roles: BTreeMap<String, (f64, usize)> = BTreeMap::new();
    for f in &findings {
        let r = roles.entry(f.role.clone()).or_default();
        r.0 += f.verdict.value();
        r.1 += 1;
    }
    let roles = ctx
        .scenario
        .roles
        .iter()
        .filter_map(|r| roles.get(&r.id).map(|(v, n)| (r.id.clone(), *v, *n)))
        .map(|(role, v, n)| RoleScore { role, score: round1(v / n as f64 * 100.0), findings: n })
        .collect();
    Scorecard {
        scenario: ctx.scenario.id.clone(),
        seed: ctx.engine.seed(),
        total: if weights > 0.0 { round1((sum / weights * 100.0 - harm_points).max(0.0)) } else { 0.0 },
        harm: round1(harm_points),
        families,
        principles: principles_out,
        roles,
        findings,
        metrics: metrics::compute(ctx),
    }
}

fn rank(id: &str) -> usize {
    PRINCIPLES.iter().position(|p| p.id == id).unwrap_or(usize::MAX)
}
