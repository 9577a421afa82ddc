//! Trends across drills: every saved session in a folder, replayed and
//! scored, then summed up — sessions by scenario, severity and team,
//! per-principle averages and how they move, the response metrics over
//! time, and the principles a team misses most. A damaged session, or one
//! played on a scenario that has changed since, is listed with its reason
//! and left out; it never stops the run.

use crate::replay::{ReplayError, SessionLog, replay};
use crate::rubric::PRINCIPLES;
use crate::scenario::{LoadedScenario, Sev, load_file, load_paths};
use crate::scoring::{Verdict, score_engine};
use crate::time::Dur;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One session as trends see it.
#[derive(Debug, Clone, Serialize)]
pub struct SessionSummary {
    pub file: String,
    pub scenario: String,
    pub title: String,
    pub held_on: String,
    pub team: String,
    pub worst_true_severity: Sev,
    pub score: f64,
    /// Principle id → score 0–100, for the principles the session tested.
    pub principles: BTreeMap<String, f64>,
    /// Principles found Violated or Missed.
    pub missed: Vec<String>,
    pub mttd_minutes: Option<f64>,
    pub first_communication_minutes: Option<f64>,
    pub longest_update_gap_minutes: Option<f64>,
    pub action_item_completeness: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub file: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub key: String,
    pub sessions: usize,
    pub mean_score: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct PrincipleTrend {
    pub id: String,
    pub sessions: usize,
    pub mean: f64,
    /// Mean over the earlier half of the sessions that tested it, and the later half.
    pub earlier: f64,
    pub later: f64,
    pub missed_in: usize,
    /// Its score (0–100) in each session that tested it, oldest first.
    pub series: Vec<f64>,
}

/// Which way a principle moved between the earlier and the later drills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Too few sessions to say.
    Unknown,
    Better,
    Worse,
    Steady,
}

impl PrincipleTrend {
    /// The series as a row of block characters, low to high: "▁▄█".
    pub fn sparkline(&self) -> String {
        const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
        self.series.iter().map(|v| BLOCKS[((v / 100.0) * 7.0).round().clamp(0.0, 7.0) as usize]).collect()
    }

    /// A move of more than five points either way counts.
    pub fn direction(&self) -> Direction {
        if self.sessions < 2 {
            Direction::Unknown
        } else if self.later > self.earlier + 5.0 {
            Direction::Better
        } else if self.later + 5.0 < self.earlier {
            Direction::Worse
        } else {
            Direction::Steady
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Trends {
    pub folder: String,
    /// Oldest first.
    pub sessions: Vec<SessionSummary>,
    pub skipped: Vec<Skipped>,
    /// Sessions included whose cut-off last line (a crash mid-write) was left out.
    pub cut_off: Vec<String>,
    pub by_scenario: Vec<Group>,
    pub by_severity: Vec<Group>,
    pub by_team: Vec<Group>,
    pub principles: Vec<PrincipleTrend>,
    /// The principles missed most often, most first (at most five).
    pub most_missed: Vec<PrincipleTrend>,
}

/// Finds each log's scenario: where the log says it was, else by id in `scenarios`.
struct Scenarios {
    by_id: BTreeMap<String, Vec<LoadedScenario>>,
    by_path: BTreeMap<PathBuf, Option<LoadedScenario>>,
}

impl Scenarios {
    fn new(dir: &Path) -> Scenarios {
        let mut by_id: BTreeMap<String, Vec<LoadedScenario>> = BTreeMap::new();
        // Your folder, then the built-in library.
        let yours = load_paths(&[dir.to_path_buf()]).into_iter().filter_map(|(_, r)| r.ok());
        for s in yours.chain(crate::cli::built_in_scenarios()) {
            by_id.entry(s.scenario.id.clone()).or_default().push(s);
        }
        Scenarios { by_id, by_path: BTreeMap::new() }
    }

    /// The candidate versions of a log's scenario, the one it names first.
    fn candidates(&mut self, log: &SessionLog) -> Vec<LoadedScenario> {
        let hinted = PathBuf::from(&log.header.scenario_path);
        let mut out = Vec::new();
        if !log.header.scenario_path.is_empty() {
            let entry = self.by_path.entry(hinted.clone()).or_insert_with(|| load_file(&hinted).ok());
            if let Some(s) = entry.clone().filter(|s| s.scenario.id == log.header.scenario) {
                out.push(s);
            }
        }
        out.extend(self.by_id.get(&log.header.scenario).cloned().unwrap_or_default());
        out
    }
}

fn minutes(d: Option<Dur>) -> Option<f64> {
    d.map(|d| d.as_secs() as f64 / 60.0)
}

fn team_of(log: &SessionLog) -> String {
    match log.header.team.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => t.to_string(),
        None => {
            let mut names: Vec<&str> = log.header.participants.iter().map(|p| p.name.as_str()).collect();
            names.sort_unstable();
            names.join(", ")
        }
    }
}

fn summarise(loaded: &LoadedScenario, log: &SessionLog, file: &str) -> Result<SessionSummary, ReplayError> {
    let engine = replay(loaded, log)?;
    let card = score_engine(&engine);
    let st = engine.state();
    let worst = st.true_history.iter().map(|(_, s)| *s).min_by_key(|s| s.level()).unwrap_or(st.true_sev);
    let mut missed: Vec<String> = card
        .findings
        .iter()
        .filter(|f| matches!(f.verdict, Verdict::Violated | Verdict::Missed))
        .map(|f| f.principle.to_string())
        .collect();
    missed.sort();
    missed.dedup();
    Ok(SessionSummary {
        file: file.to_string(),
        scenario: loaded.scenario.id.clone(),
        title: loaded.scenario.title.clone(),
        held_on: log.header.started.clone(),
        team: team_of(log),
        worst_true_severity: worst,
        score: card.total,
        principles: card.principles.iter().map(|p| (p.id.to_string(), p.score)).collect(),
        missed,
        mttd_minutes: minutes(card.metrics.mttd),
        first_communication_minutes: minutes(card.metrics.time_to_first_communication),
        longest_update_gap_minutes: minutes(card.metrics.update_gap_max),
        action_item_completeness: card.metrics.action_item_completeness,
    })
}

fn groups(sessions: &[SessionSummary], key: impl Fn(&SessionSummary) -> String) -> Vec<Group> {
    let mut map: BTreeMap<String, (usize, f64)> = BTreeMap::new();
    for s in sessions {
        let e = map.entry(key(s)).or_default();
        e.0 += 1;
        e.1 += s.score;
    }
    map.into_iter().map(|(key, (n, sum))| Group { key, sessions: n, mean_score: sum / n as f64 }).collect()
}

fn mean(xs: &[f64]) -> f64 {
    if xs.is_empty() { 0.0 } else { xs.iter().sum::<f64>() / xs.len() as f64 }
}

/// Reads every `*.jsonl` session in `folder`.
pub fn gather(folder: &Path, scenarios_dir: &Path) -> Result<Trends, String> {
    let entries =
        std::fs::read_dir(folder).map_err(|e| format!("cannot read the folder {}: {e}", folder.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl") && p.is_file())
        .collect();
    files.sort();
    let mut scenarios = Scenarios::new(scenarios_dir);
    let mut sessions = Vec::new();
    let mut skipped = Vec::new();
    let mut cut_off = Vec::new();
    for path in files {
        let file = path.display().to_string();
        let log = match SessionLog::load(&path) {
            Ok(l) => l,
            Err(e) => {
                skipped.push(Skipped { file, reason: format!("damaged: {e}") });
                continue;
            }
        };
        if log.truncated_tail {
            cut_off.push(file.clone());
        }
        let candidates = scenarios.candidates(&log);
        if candidates.is_empty() {
            skipped.push(Skipped {
                file,
                reason: format!(
                    "its scenario \"{}\" was not found (looked at {} and in {})",
                    log.header.scenario,
                    if log.header.scenario_path.is_empty() { "<no path>" } else { &log.header.scenario_path },
                    scenarios_dir.display()
                ),
            });
            continue;
        }
        // The version it was played on, if any candidate is that version.
        let exact =
            candidates.iter().find(|c| c.content_hash == log.header.content_hash).unwrap_or(&candidates[0]);
        match summarise(exact, &log, &file) {
            Ok(s) => sessions.push(s),
            Err(ReplayError::ScenarioChanged { .. }) => skipped.push(Skipped {
                file,
                reason: format!(
                    "played on another version of scenario \"{}\" than the one on disk; restore that version to include it",
                    log.header.scenario
                ),
            }),
            Err(e) => skipped.push(Skipped { file, reason: format!("cannot be replayed: {e}") }),
        }
    }
    sessions.sort_by(|a, b| a.held_on.cmp(&b.held_on).then(a.file.cmp(&b.file)));

    let principles: Vec<PrincipleTrend> = PRINCIPLES
        .iter()
        .map(|p| {
            let series: Vec<f64> = sessions.iter().filter_map(|s| s.principles.get(p.id).copied()).collect();
            let half = series.len() / 2;
            let (earlier, later) = if series.len() >= 2 {
                (mean(&series[..half]), mean(&series[half..]))
            } else {
                (mean(&series), mean(&series))
            };
            PrincipleTrend {
                id: p.id.to_string(),
                sessions: series.len(),
                mean: mean(&series),
                earlier,
                later,
                missed_in: sessions.iter().filter(|s| s.missed.iter().any(|m| m == p.id)).count(),
                series,
            }
        })
        .collect();
    let mut most_missed: Vec<PrincipleTrend> =
        principles.iter().filter(|p| p.missed_in > 0).cloned().collect();
    most_missed.sort_by(|a, b| b.missed_in.cmp(&a.missed_in).then(a.mean.total_cmp(&b.mean)));
    most_missed.truncate(5);
    Ok(Trends {
        folder: folder.display().to_string(),
        by_scenario: groups(&sessions, |s| s.scenario.clone()),
        by_severity: groups(&sessions, |s| s.worst_true_severity.to_string()),
        by_team: groups(&sessions, |s| s.team.clone()),
        sessions,
        skipped,
        cut_off,
        principles,
        most_missed,
    })
}

impl Trends {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("trends always serialise")
    }
}
