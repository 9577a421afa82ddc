//! The scorecard: totals, families, principles, roles, findings and metrics,
//! and its plain-text rendering for a terminal.

use super::metrics::Metrics;
use crate::time::Dur;
use serde::Serialize;
use std::fmt::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Verdict {
    Violated,
    Missed,
    Partly,
    Met,
}

impl Verdict {
    pub fn from_score(score: f64) -> Verdict {
        if score >= 0.85 {
            Verdict::Met
        } else if score >= 0.4 {
            Verdict::Partly
        } else {
            Verdict::Missed
        }
    }
    /// The credit one finding of this verdict is worth.
    pub fn value(self) -> f64 {
        match self {
            Verdict::Met => 1.0,
            Verdict::Partly => 0.5,
            Verdict::Missed | Verdict::Violated => 0.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub principle: &'static str,
    pub verdict: Verdict,
    /// When it happened, or when it should have happened by.
    pub at: Option<Dur>,
    pub role: String,
    /// What in the session shows it: an action, an inject, a message.
    pub evidence: String,
    /// One sentence on why this matters.
    pub why: String,
    /// The index of the action that is the evidence, if one is.
    #[serde(skip)]
    pub act: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrincipleScore {
    pub id: &'static str,
    pub family: &'static str,
    /// 0–100.
    pub score: f64,
    pub verdict: Verdict,
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FamilyScore {
    pub id: &'static str,
    pub title: &'static str,
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleScore {
    pub role: String,
    pub score: f64,
    pub findings: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scorecard {
    pub scenario: String,
    pub seed: u64,
    /// 0–100: the weighted mean of the principles, less `harm`.
    pub total: f64,
    /// Points the anti-patterns took off the total (see `scoring::harm`).
    pub harm: f64,
    pub families: Vec<FamilyScore>,
    pub principles: Vec<PrincipleScore>,
    pub roles: Vec<RoleScore>,
    pub findings: Vec<Finding>,
    pub metrics: Metrics,
}

pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn at(t: Option<Dur>) -> String {
    t.map(|t| t.clock()).unwrap_or_else(|| "   —   ".into())
}

impl Scorecard {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a scorecard always serialises")
    }

    /// A readable report: totals, families, then findings by verdict.
    pub fn to_text(&self) -> String {
        let mut o = String::new();
        let _ = writeln!(o, "sevdrill scorecard — {} (seed {})", self.scenario, self.seed);
        let _ = writeln!(o, "TOTAL  {:.0} / 100", self.total);
        if self.harm > 0.0 {
            let _ = writeln!(o, "       (anti-patterns took {:.0} points off)", self.harm);
        }
        let _ = writeln!(o);
        let _ = writeln!(o, "FAMILIES");
        for f in &self.families {
            let bar = "#".repeat((f.score / 5.0).round() as usize);
            let _ = writeln!(o, "  {:<5} {:<28} {:>5.1}  {bar}", f.id, f.title, f.score);
        }
        let _ = writeln!(o);
        let _ = writeln!(o, "ROLES");
        for r in &self.roles {
            let _ = writeln!(o, "  {:<10} {:>5.1}  ({} findings)", r.role, r.score, r.findings);
        }
        let _ = writeln!(o);
        let _ = writeln!(o, "METRICS");
        for (name, value) in self.metrics.lines() {
            let _ = writeln!(o, "  {name:<32} {value}");
        }
        for verdict in [Verdict::Violated, Verdict::Missed, Verdict::Partly, Verdict::Met] {
            let mut list: Vec<&Finding> = self.findings.iter().filter(|f| f.verdict == verdict).collect();
            if list.is_empty() {
                continue;
            }
            list.sort_by_key(|f| (f.at.is_none(), f.at, f.principle));
            let _ = writeln!(o);
            let _ = writeln!(o, "{} ({})", format!("{verdict:?}").to_uppercase(), list.len());
            for f in list {
                let _ = writeln!(o, "  {}  {:<20} [{}] {}", at(f.at), f.principle, f.role, f.evidence);
                let _ = writeln!(o, "  {:>9}  {:<20} {}", "", "", f.why);
            }
        }
        o
    }
}
