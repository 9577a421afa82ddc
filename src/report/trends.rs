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
    /// Each participant's part of the session.
    pub people: Vec<PersonInSession>,
    /// "parent.jsonl at T+27:00" when the session is a fork (a what-if).
    pub fork_of: Option<String>,
}

/// One participant in one session: the roles they held and how the
/// principles went in the findings that are theirs.
#[derive(Debug, Clone, Serialize)]
pub struct PersonInSession {
    pub name: String,
    /// Role names, as the scenario calls them.
    pub roles: Vec<String>,
    /// Principle id → 0–100: the mean credit of their findings on it.
    pub principles: BTreeMap<String, f64>,
    /// Principles they Violated or Missed.
    pub missed: Vec<String>,
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
    /// Falls of `DROP_POINTS` or more between consecutive drills that tested it.
    pub drops: Vec<Drop>,
}

/// A fall this large on a principle between two consecutive drills is flagged.
pub const DROP_POINTS: f64 = 15.0;

/// A principle's score falling between two consecutive drills.
#[derive(Debug, Clone, Serialize)]
pub struct Drop {
    pub from: f64,
    pub to: f64,
    /// The two sessions: (file, held on).
    pub before: (String, String),
    pub after: (String, String),
}

/// One person across the drills they took part in, whatever roles they held.
#[derive(Debug, Clone, Serialize)]
pub struct PersonTrend {
    pub name: String,
    pub sessions: usize,
    /// Role name → in how many drills they held it.
    pub roles_held: Vec<(String, usize)>,
    pub principles: Vec<PrincipleTrend>,
    /// Their principles missed most often, most first (at most five).
    pub most_missed: Vec<PrincipleTrend>,
}

impl PersonTrend {
    /// Every flagged drop, as (principle, drop).
    pub fn drops(&self) -> impl Iterator<Item = (&str, &Drop)> {
        self.principles.iter().flat_map(|p| p.drops.iter().map(move |d| (p.id.as_str(), d)))
    }
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
    /// Everyone who took part, by name, alphabetically.
    pub people: Vec<PersonTrend>,
    /// Forks (what-ifs played on from a moment of a drill): listed, but not
    /// counted in the trends above, which are about the drills themselves.
    pub forks: Vec<SessionSummary>,
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

/// Each participant's findings: those whose evidence is an action of theirs,
/// and those about a role they held that no single action is the evidence of.
fn people_of(engine: &crate::sim::Engine, card: &crate::scoring::Scorecard) -> Vec<PersonInSession> {
    let scenario = engine.scenario();
    let role_name =
        |id: &str| scenario.roles.iter().find(|r| r.id == id).map(|r| r.name.clone()).unwrap_or(id.into());
    engine
        .participants()
        .iter()
        .map(|p| {
            let mut credit: BTreeMap<String, (f64, usize)> = BTreeMap::new();
            let mut missed = Vec::new();
            for f in &card.findings {
                let theirs = match f.act.and_then(|i| engine.actions().get(i)) {
                    Some(a) => a.actor.name == p.name,
                    None => p.roles.contains(&f.role),
                };
                if !theirs {
                    continue;
                }
                let e = credit.entry(f.principle.to_string()).or_default();
                e.0 += f.verdict.value();
                e.1 += 1;
                if matches!(f.verdict, Verdict::Violated | Verdict::Missed) {
                    missed.push(f.principle.to_string());
                }
            }
            missed.sort();
            missed.dedup();
            PersonInSession {
                name: p.name.trim().to_string(),
                roles: p.roles.iter().map(|r| role_name(r)).collect(),
                principles: credit.into_iter().map(|(k, (sum, n))| (k, sum / n as f64 * 100.0)).collect(),
                missed,
            }
        })
        .collect()
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
        people: people_of(&engine, &card),
        fork_of: log.header.fork.as_ref().map(|f| {
            let parent = Path::new(&f.parent).file_name().map(|n| n.to_string_lossy().into_owned());
            format!("{} at {}", parent.unwrap_or_else(|| f.parent.clone()), f.at.clock())
        }),
    })
}

/// One drill as a principle trend reads it.
struct Point<'a> {
    file: &'a str,
    held_on: &'a str,
    principles: &'a BTreeMap<String, f64>,
    missed: &'a [String],
}

/// Every principle's trend over `points` (oldest first), and the most missed.
fn principle_trends(points: &[Point]) -> (Vec<PrincipleTrend>, Vec<PrincipleTrend>) {
    let principles: Vec<PrincipleTrend> = PRINCIPLES
        .iter()
        .map(|p| {
            let tested: Vec<(&Point, f64)> =
                points.iter().filter_map(|s| s.principles.get(p.id).map(|v| (s, *v))).collect();
            let series: Vec<f64> = tested.iter().map(|(_, v)| *v).collect();
            let half = series.len() / 2;
            let (earlier, later) = if series.len() >= 2 {
                (mean(&series[..half]), mean(&series[half..]))
            } else {
                (mean(&series), mean(&series))
            };
            let drops = tested
                .windows(2)
                .filter(|w| w[0].1 - w[1].1 >= DROP_POINTS)
                .map(|w| Drop {
                    from: w[0].1,
                    to: w[1].1,
                    before: (w[0].0.file.to_string(), w[0].0.held_on.to_string()),
                    after: (w[1].0.file.to_string(), w[1].0.held_on.to_string()),
                })
                .collect();
            PrincipleTrend {
                id: p.id.to_string(),
                sessions: series.len(),
                mean: mean(&series),
                earlier,
                later,
                missed_in: points.iter().filter(|s| s.missed.iter().any(|m| m == p.id)).count(),
                series,
                drops,
            }
        })
        .collect();
    let mut most_missed: Vec<PrincipleTrend> =
        principles.iter().filter(|p| p.missed_in > 0).cloned().collect();
    most_missed.sort_by(|a, b| b.missed_in.cmp(&a.missed_in).then(a.mean.total_cmp(&b.mean)));
    most_missed.truncate(5);
    (principles, most_missed)
}

/// Everyone across `sessions`, matched by name (ignoring case and spaces).
fn people_trends(sessions: &[SessionSummary]) -> Vec<PersonTrend> {
    let mut by_name: BTreeMap<String, Vec<(&SessionSummary, &PersonInSession)>> = BTreeMap::new();
    for s in sessions {
        for p in &s.people {
            by_name.entry(p.name.to_lowercase()).or_default().push((s, p));
        }
    }
    by_name
        .into_values()
        .map(|seen| {
            let points: Vec<Point> = seen
                .iter()
                .map(|(s, p)| Point {
                    file: &s.file,
                    held_on: &s.held_on,
                    principles: &p.principles,
                    missed: &p.missed,
                })
                .collect();
            let (principles, most_missed) = principle_trends(&points);
            let mut roles: BTreeMap<String, usize> = BTreeMap::new();
            for (_, p) in &seen {
                for r in &p.roles {
                    *roles.entry(r.clone()).or_default() += 1;
                }
            }
            let mut roles_held: Vec<(String, usize)> = roles.into_iter().collect();
            roles_held.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            PersonTrend {
                name: seen[0].1.name.clone(),
                sessions: seen.len(),
                roles_held,
                principles,
                most_missed,
            }
        })
        .collect()
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
    let (forks, sessions): (Vec<SessionSummary>, Vec<SessionSummary>) =
        sessions.into_iter().partition(|s| s.fork_of.is_some());
    let points: Vec<Point> = sessions
        .iter()
        .map(|s| Point { file: &s.file, held_on: &s.held_on, principles: &s.principles, missed: &s.missed })
        .collect();
    let (principles, most_missed) = principle_trends(&points);
    Ok(Trends {
        folder: folder.display().to_string(),
        by_scenario: groups(&sessions, |s| s.scenario.clone()),
        by_severity: groups(&sessions, |s| s.worst_true_severity.to_string()),
        by_team: groups(&sessions, |s| s.team.clone()),
        people: people_trends(&sessions),
        sessions,
        skipped,
        cut_off,
        principles,
        most_missed,
        forks,
    })
}

impl Trends {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("trends always serialise")
    }
}
