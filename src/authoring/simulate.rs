//! `sevdrill simulate`: bot teams play a scenario over many seeds, and the
//! summary tells an author how it plays — the score spread, injects that
//! never fire, principles the scenario never tests, how long the fix takes.

use super::bots::{play_random, play_script, random_team};
use super::derived_bots::{boilerplate, careful_script, play_careful, play_reckless, play_shotgun};
use crate::replay::Script;
use crate::rubric::PRINCIPLES;
use crate::scenario::Scenario;
use crate::scoring::score_engine;
use crate::sim::Engine;
use crate::time::Dur;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Policy {
    /// Follow the scenario's exemplary script.
    Exemplary,
    /// Act at random from the whole menu of actions.
    Random,
    /// Follow the scenario's anti-patterns script.
    AntiPatterns,
    /// Do everything the scenario offers, derived from it: SEV1 at once,
    /// every question, escalation, decision and coordination, a full
    /// message to every audience every ten minutes, a note a minute.
    Shotgun,
    /// The careful team's timing and structure with filler ("tbd", "x")
    /// in every free-text field.
    Boilerplate,
    /// The careful team derived from the scenario: the par of each seed.
    Careful,
    /// The guide's anti-patterns derived from the scenario: a late call two
    /// levels off, pressure, blame, the technical calls, one minimising
    /// message in jargon, and a blameful review.
    Reckless,
}

impl Policy {
    /// The script kind in `scripts/<stem>.<kind>.ron`, for the scripted policies.
    pub fn script_kind(self) -> Option<&'static str> {
        match self {
            Policy::Exemplary => Some("exemplary"),
            Policy::AntiPatterns => Some("anti-patterns"),
            Policy::Random | Policy::Shotgun | Policy::Boilerplate | Policy::Careful | Policy::Reckless => {
                None
            }
        }
    }
}

/// What one bot session came to.
#[derive(Debug, Clone)]
struct RunResult {
    total: f64,
    principles: Vec<Option<f64>>,
    resolved_at: Option<Dur>,
    fired: Vec<bool>,
    refused: Vec<usize>,
    picks: Vec<usize>,
}

/// The spread of a set of numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spread {
    pub min: f64,
    pub p10: f64,
    pub median: f64,
    pub p90: f64,
    pub max: f64,
    pub mean: f64,
}

impl Spread {
    fn of(mut values: Vec<f64>) -> Option<Spread> {
        if values.is_empty() {
            return None;
        }
        values.sort_by(f64::total_cmp);
        let at = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
        Some(Spread {
            min: values[0],
            p10: at(0.1),
            median: at(0.5),
            p90: at(0.9),
            max: values[values.len() - 1],
            mean: values.iter().sum::<f64>() / values.len() as f64,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InjectCount {
    pub id: String,
    pub fired: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrincipleCount {
    pub id: String,
    /// Runs in which the session gave the principle a chance to show.
    pub scored_runs: u64,
    pub mean_score: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RefusedStep {
    /// 1-based, as in `sevdrill run`'s messages.
    pub step: usize,
    pub at: Dur,
    pub action: String,
    pub runs: u64,
}

/// Everything `simulate` reports; identical for the same scenario, policy,
/// seeds and script, however many threads ran it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub scenario: String,
    pub policy: Policy,
    pub runs: u64,
    pub first_seed: u64,
    pub score: Spread,
    /// Runs per ten-point band: 0–9, 10–19, …, 90–100.
    pub histogram: [u64; 10],
    /// Resolution time (T+) of the runs that resolved.
    pub resolution_minutes: Option<Spread>,
    pub unresolved_runs: u64,
    pub injects: Vec<InjectCount>,
    pub never_fired: Vec<String>,
    pub principles: Vec<PrincipleCount>,
    pub never_scored: Vec<String>,
    pub refused_steps: Vec<RefusedStep>,
    /// `pool=option` → runs.
    pub variants: BTreeMap<String, u64>,
}

/// How to run the bots.
pub struct Plan<'a> {
    pub scenario: &'a Scenario,
    pub policy: Policy,
    /// Required for the scripted policies.
    pub script: Option<&'a Script>,
    pub runs: u64,
    pub first_seed: u64,
    pub threads: usize,
}

/// Runs the bots, calling `progress(done)` from this thread now and then.
pub fn simulate(plan: &Plan, progress: &mut dyn FnMut(u64)) -> Summary {
    let threads = plan.threads.clamp(1, 64) as u64;
    let done = AtomicU64::new(0);
    let mut results: Vec<(u64, RunResult)> = Vec::with_capacity(plan.runs as usize);
    // Each worker says when it is done, so a short plan returns at once
    // instead of waiting out a progress tick.
    let (finished_tx, finished_rx) = std::sync::mpsc::channel::<()>();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|w| {
                let done = &done;
                let finished_tx = finished_tx.clone();
                scope.spawn(move || {
                    let mut cache: HashMap<Vec<usize>, Arc<Scenario>> = HashMap::new();
                    let mut out = Vec::new();
                    // Interleaved seeds keep the threads' loads even.
                    let mut i = w;
                    while i < plan.runs {
                        let seed = plan.first_seed.wrapping_add(i);
                        out.push((i, one_run(plan, seed, &mut cache)));
                        done.fetch_add(1, Ordering::Relaxed);
                        i += threads;
                    }
                    let _ = finished_tx.send(());
                    out
                })
            })
            .collect();
        drop(finished_tx);
        let mut finished = 0;
        while finished < workers.len() {
            match finished_rx.recv_timeout(std::time::Duration::from_millis(100)) {
                Ok(()) => finished += 1,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => progress(done.load(Ordering::Relaxed)),
                // A worker that panicked drops its sender; join reports it.
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
        for w in workers {
            results.extend(w.join().expect("a simulation thread never panics"));
        }
    });
    progress(plan.runs);
    results.sort_by_key(|(i, _)| *i);
    summarise(plan, results.into_iter().map(|(_, r)| r).collect())
}

fn one_run(plan: &Plan, seed: u64, cache: &mut HashMap<Vec<usize>, Arc<Scenario>>) -> RunResult {
    let picks = plan.scenario.pick_variants(seed);
    let resolved =
        cache.entry(picks.clone()).or_insert_with(|| Arc::new(plan.scenario.with_variants(&picks))).clone();
    let participants = match plan.script.filter(|_| plan.policy.script_kind().is_some()) {
        Some(script) => script.participants.clone(),
        None => random_team(plan.scenario),
    };
    let mut engine = Engine::new(resolved.clone(), seed, participants);
    let refused = match (plan.policy, plan.script) {
        (Policy::Shotgun, _) => {
            play_shotgun(&mut engine);
            Vec::new()
        }
        (Policy::Careful, _) => {
            play_careful(&mut engine);
            Vec::new()
        }
        (Policy::Reckless, _) => {
            play_reckless(&mut engine);
            Vec::new()
        }
        (Policy::Boilerplate, _) => play_script(&mut engine, &boilerplate(&careful_script(&resolved, seed))),
        (Policy::Random, _) | (_, None) => {
            play_random(&mut engine, seed);
            Vec::new()
        }
        (_, Some(script)) => play_script(&mut engine, script),
    };
    let card = score_engine(&engine);
    // The card lists only the principles the session gave a chance to show.
    let scored: BTreeMap<&str, f64> = card.principles.iter().map(|p| (p.id, p.score / 100.0)).collect();
    let st = engine.state();
    RunResult {
        total: card.total,
        principles: PRINCIPLES.iter().map(|p| scored.get(p.id).copied()).collect(),
        resolved_at: st.resolved_at,
        fired: plan.scenario.injects.iter().map(|i| st.fired.contains_key(&i.id)).collect(),
        refused,
        picks,
    }
}

fn summarise(plan: &Plan, results: Vec<RunResult>) -> Summary {
    let s = plan.scenario;
    let runs = results.len() as u64;
    let mut histogram = [0u64; 10];
    for r in &results {
        histogram[((r.total / 10.0).floor() as usize).min(9)] += 1;
    }
    let injects: Vec<InjectCount> = s
        .injects
        .iter()
        .enumerate()
        .map(|(i, inj)| InjectCount {
            id: inj.id.clone(),
            fired: results.iter().filter(|r| r.fired[i]).count() as u64,
        })
        .collect();
    let principles: Vec<PrincipleCount> = PRINCIPLES
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let scores: Vec<f64> = results.iter().filter_map(|r| r.principles[i]).collect();
            PrincipleCount {
                id: p.id.to_string(),
                scored_runs: scores.len() as u64,
                mean_score: (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64),
            }
        })
        .collect();
    let mut refused: BTreeMap<usize, u64> = BTreeMap::new();
    for i in results.iter().flat_map(|r| &r.refused) {
        *refused.entry(*i).or_default() += 1;
    }
    let mut variants = BTreeMap::new();
    for r in &results {
        for (pool, &pick) in s.variants.iter().zip(&r.picks) {
            *variants.entry(format!("{}={}", pool.id, pool.options[pick].id)).or_default() += 1;
        }
    }
    Summary {
        scenario: s.id.clone(),
        policy: plan.policy,
        runs,
        first_seed: plan.first_seed,
        score: Spread::of(results.iter().map(|r| r.total).collect()).unwrap_or(Spread {
            min: 0.0,
            p10: 0.0,
            median: 0.0,
            p90: 0.0,
            max: 0.0,
            mean: 0.0,
        }),
        histogram,
        resolution_minutes: Spread::of(
            results.iter().filter_map(|r| r.resolved_at).map(|t| t.as_secs() as f64 / 60.0).collect(),
        ),
        unresolved_runs: results.iter().filter(|r| r.resolved_at.is_none()).count() as u64,
        never_fired: injects.iter().filter(|i| i.fired == 0).map(|i| i.id.clone()).collect(),
        injects,
        never_scored: principles.iter().filter(|p| p.scored_runs == 0).map(|p| p.id.clone()).collect(),
        principles,
        refused_steps: refused
            .into_iter()
            .map(|(i, n)| {
                let step = &plan.script.expect("only scripts refuse steps").actions[i];
                RefusedStep { step: i + 1, at: step.at, action: step.action.label().to_string(), runs: n }
            })
            .collect(),
        variants,
    }
}

impl Summary {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a summary always serialises")
    }

    pub fn to_text(&self) -> String {
        use std::fmt::Write;
        let mut o = String::new();
        let policy = match self.policy {
            Policy::Exemplary => "exemplary script",
            Policy::Random => "random team",
            Policy::AntiPatterns => "anti-patterns script",
            Policy::Shotgun => "do-everything team",
            Policy::Boilerplate => "careful team with filler text",
            Policy::Careful => "careful team",
            Policy::Reckless => "reckless team",
        };
        let last = self.first_seed.wrapping_add(self.runs.saturating_sub(1));
        let _ =
            writeln!(o, "{}: {} runs, {policy}, seeds {}–{last}", self.scenario, self.runs, self.first_seed);
        let sc = &self.score;
        let _ = writeln!(o, "\nScore (out of 100)");
        let _ = writeln!(
            o,
            "  min {:.1}   p10 {:.1}   median {:.1}   p90 {:.1}   max {:.1}   mean {:.1}",
            sc.min, sc.p10, sc.median, sc.p90, sc.max, sc.mean
        );
        let widest = self.histogram.iter().copied().max().unwrap_or(0).max(1);
        for (band, &n) in self.histogram.iter().enumerate().rev() {
            let bar = "#".repeat(((n * 40).div_ceil(widest)) as usize);
            let label =
                if band == 9 { "90–100".to_string() } else { format!("{}–{}", band * 10, band * 10 + 9) };
            let _ = writeln!(o, "  {label:>7} | {bar:<40} {n}");
        }
        let _ = writeln!(o, "\nResolution time (T+ minutes)");
        match &self.resolution_minutes {
            Some(r) => {
                let _ = writeln!(
                    o,
                    "  min {:.0}   p10 {:.0}   median {:.0}   p90 {:.0}   max {:.0}",
                    r.min, r.p10, r.median, r.p90, r.max
                );
            }
            None => {
                let _ = writeln!(o, "  never resolved");
            }
        }
        if self.unresolved_runs > 0 {
            let _ =
                writeln!(o, "  not resolved by the end of the session in {} run(s)", self.unresolved_runs);
        }
        let _ = writeln!(o, "\nInjects");
        if self.never_fired.is_empty() {
            let _ = writeln!(o, "  every inject fired in at least one run");
        } else {
            let _ = writeln!(o, "  never fired: {}", self.never_fired.join(", "));
        }
        let rare: Vec<String> = self
            .injects
            .iter()
            .filter(|i| i.fired > 0 && i.fired * 20 < self.runs)
            .map(|i| format!("{} ({} runs)", i.id, i.fired))
            .collect();
        if !rare.is_empty() {
            let _ = writeln!(o, "  fired in under 5% of runs: {}", rare.join(", "));
        }
        let _ = writeln!(o, "\nPrinciples");
        if self.never_scored.is_empty() {
            let _ = writeln!(o, "  every principle was scored in at least one run");
        } else {
            let _ = writeln!(o, "  never given a chance to show: {}", self.never_scored.join(", "));
        }
        let weakest: Vec<String> = {
            let mut scored: Vec<&PrincipleCount> =
                self.principles.iter().filter(|p| p.mean_score.is_some_and(|m| m < 0.995)).collect();
            scored
                .sort_by(|a, b| a.mean_score.partial_cmp(&b.mean_score).unwrap_or(std::cmp::Ordering::Equal));
            scored
                .iter()
                .take(5)
                .map(|p| format!("{} {:.0}%", p.id, p.mean_score.unwrap_or(0.0) * 100.0))
                .collect()
        };
        if !weakest.is_empty() {
            let _ = writeln!(o, "  lowest mean scores: {}", weakest.join(", "));
        }
        if !self.refused_steps.is_empty() {
            let _ = writeln!(o, "\nScript steps the engine refused on some seeds");
            for r in &self.refused_steps {
                let _ =
                    writeln!(o, "  step {} at {} ({}): refused in {} run(s)", r.step, r.at, r.action, r.runs);
            }
        }
        if !self.variants.is_empty() {
            let _ = writeln!(o, "\nVariants chosen");
            for (k, n) in &self.variants {
                let _ = writeln!(o, "  {k}: {n}");
            }
        }
        o
    }
}

/// Seeds the exercise profile plays: a few, so variants are seen.
const PROFILE_SEEDS: std::ops::RangeInclusive<u64> = 1..=3;

/// How many chances a scenario gives each principle to show: the most
/// times it was judged (its findings) in one session of the careful team
/// or of the reckless one, seeds 1–3. The careful team finds what the
/// scenario asks for — each warranted decision, key customer, blameful
/// statement — and the reckless one the traps it sets: every message it
/// can speculate in, every pressure question on offer. A principle absent
/// from the map is never tested.
pub fn exercise_profile(scenario: &Scenario) -> BTreeMap<&'static str, usize> {
    let most = |play: fn(&mut Engine)| {
        let mut most: BTreeMap<&'static str, usize> = BTreeMap::new();
        for seed in PROFILE_SEEDS {
            let resolved = Arc::new(scenario.with_variants(&scenario.pick_variants(seed)));
            let mut engine = Engine::new(resolved, seed, random_team(scenario));
            play(&mut engine);
            let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
            for f in score_engine(&engine).findings {
                *counts.entry(f.principle).or_default() += 1;
            }
            for (p, n) in counts {
                let e = most.entry(p).or_default();
                *e = (*e).max(n);
            }
        }
        most
    };
    let mut profile = most(play_careful);
    for (p, n) in most(play_reckless) {
        let e = profile.entry(p).or_default();
        *e = (*e).max(n);
    }
    profile
}
