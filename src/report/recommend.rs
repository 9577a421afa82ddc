//! The next drill: from a team's (or a person's) recent drills, the
//! principles it misses, and from each scenario the chances it gives those
//! principles to show (`simulate::exercise_profile`), a ranking of the
//! scenarios to play next, each with its reasons in words.
//!
//! The ranking, so a facilitator can check it by hand:
//! - the recent drills are the last `RECENT` of the team (or person);
//! - a principle's *need* is the number of recent drills that missed it
//!   (Missed or Violated); the `TOP_NEEDS` largest steer (ties: the larger
//!   share of the drills that tested it, the lower mean score, the id);
//! - a scenario's *value* is the sum over principles of need × chances,
//!   chances capped at `MAX_CHANCES` so one principle cannot swamp the rest;
//! - a scenario played in the last `REPEAT_WINDOW` drills is divided by
//!   1 + the number of those plays, so the team is not sent round the same
//!   drill;
//! - the top three by value win; ties go to the scenario id, A to Z.

use super::trends::{SessionSummary, Trends};
use crate::scenario::LoadedScenario;
use serde::Serialize;
use std::collections::BTreeMap;

/// How many of the latest drills count as recent.
pub const RECENT: usize = 5;
/// Chances counted per principle, at most.
pub const MAX_CHANCES: usize = 5;
/// How many of the most missed principles steer the choice.
pub const TOP_NEEDS: usize = 5;
/// A scenario played in this many latest drills is ranked lower.
pub const REPEAT_WINDOW: usize = 3;

/// Whose drills to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Whom {
    Everyone,
    Team(String),
    Person(String),
}

impl Whom {
    pub fn words(&self) -> String {
        match self {
            Whom::Everyone => "everyone in the folder".into(),
            Whom::Team(t) => format!("team {t}"),
            Whom::Person(p) => p.clone(),
        }
    }
}

/// A principle missed in the recent drills.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Need {
    pub principle: String,
    /// Recent drills that missed it.
    pub missed: usize,
    /// Recent drills that tested it.
    pub tested: usize,
}

/// A scenario to play next.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Pick {
    pub scenario: String,
    pub title: String,
    /// What to open it by: a built-in id's path or your file.
    pub path: String,
    pub value: f64,
    /// (principle, chances) for the needs it tests, most valuable first.
    pub tests: Vec<(String, usize)>,
    /// In how many of the last `REPEAT_WINDOW` drills it was played.
    pub recent_plays: usize,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Recommendation {
    pub whom: String,
    /// The recent drills read, oldest first (files).
    pub recent: Vec<String>,
    pub needs: Vec<Need>,
    /// At most three, best first.
    pub picks: Vec<Pick>,
}

/// A scenario as the ranking sees it.
pub struct Candidate<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub path: &'a str,
    pub chances: &'a BTreeMap<&'static str, usize>,
}

fn times(n: usize) -> String {
    match n {
        1 => "once".into(),
        2 => "twice".into(),
        n => format!("{n} times"),
    }
}

/// The drills of `whom`, oldest first, as (summary, its principles, its misses).
fn drills_of<'a>(
    t: &'a Trends,
    whom: &Whom,
) -> Vec<(&'a SessionSummary, &'a BTreeMap<String, f64>, &'a [String])> {
    let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
    t.sessions
        .iter()
        .filter_map(|s| match whom {
            Whom::Everyone => Some((s, &s.principles, s.missed.as_slice())),
            Whom::Team(team) => same(&s.team, team).then_some((s, &s.principles, s.missed.as_slice())),
            Whom::Person(name) => {
                s.people.iter().find(|p| same(&p.name, name)).map(|p| (s, &p.principles, p.missed.as_slice()))
            }
        })
        .collect()
}

/// With nothing missed: the scenarios not among the recent drills, those
/// giving the most chances in all first (the broadest next test).
fn fresh_picks(
    candidates: &[Candidate],
    recent: &[(&SessionSummary, &BTreeMap<String, f64>, &[String])],
) -> Vec<Pick> {
    candidates
        .iter()
        .filter(|c| !recent.iter().any(|(s, _, _)| s.scenario == c.id))
        .map(|c| {
            let total: usize = c.chances.values().map(|n| (*n).min(MAX_CHANCES)).sum();
            Pick {
                scenario: c.id.to_string(),
                title: c.title.to_string(),
                path: c.path.to_string(),
                value: total as f64,
                tests: Vec::new(),
                recent_plays: 0,
                reasons: vec![format!(
                    "nothing was missed in the last {} drill(s); not played lately, it gives {total} chances across {} principles",
                    recent.len(),
                    c.chances.len()
                )],
            }
        })
        .collect()
}

/// Why no recommendation can be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RecommendError {
    #[error("there are no drills to learn from in {folder}")]
    NoDrills { folder: String },
    #[error("no drill in {folder} was played by {whom}; known: {known}")]
    Unknown { folder: String, whom: String, known: String },
}

/// Ranks `candidates` for `whom` from the drills in `t`.
pub fn recommend(
    t: &Trends,
    whom: &Whom,
    candidates: &[Candidate],
) -> Result<Recommendation, RecommendError> {
    if t.sessions.is_empty() {
        return Err(RecommendError::NoDrills { folder: t.folder.clone() });
    }
    let drills = drills_of(t, whom);
    if drills.is_empty() {
        let known: Vec<String> = match whom {
            Whom::Person(_) => t.people.iter().map(|p| p.name.clone()).collect(),
            _ => t.by_team.iter().map(|g| g.key.clone()).collect(),
        };
        return Err(RecommendError::Unknown {
            folder: t.folder.clone(),
            whom: whom.words(),
            known: known.join(", "),
        });
    }
    let recent = &drills[drills.len().saturating_sub(RECENT)..];
    let mean_of = |id: &str| {
        let scores: Vec<f64> = recent.iter().filter_map(|(_, pr, _)| pr.get(id).copied()).collect();
        scores.iter().sum::<f64>() / scores.len().max(1) as f64
    };
    let mut needs: Vec<Need> = crate::rubric::PRINCIPLES
        .iter()
        .map(|p| Need {
            principle: p.id.to_string(),
            missed: recent.iter().filter(|(_, _, m)| m.iter().any(|x| x == p.id)).count(),
            tested: recent.iter().filter(|(_, pr, _)| pr.contains_key(p.id)).count(),
        })
        .filter(|n| n.missed > 0)
        .collect();
    // Most missed first; among equals, the one missed in a larger share of
    // the drills that tested it, then the lower mean score (as trends rank
    // what is missed most), then by id. Only the top `TOP_NEEDS` steer.
    needs.sort_by(|a, b| {
        b.missed
            .cmp(&a.missed)
            .then((b.missed * a.tested).cmp(&(a.missed * b.tested)))
            .then(mean_of(&a.principle).total_cmp(&mean_of(&b.principle)))
            .then(a.principle.cmp(&b.principle))
    });
    needs.truncate(TOP_NEEDS);
    let latest = &drills[drills.len().saturating_sub(REPEAT_WINDOW)..];
    let mut picks: Vec<Pick> = candidates
        .iter()
        .filter_map(|c| {
            let mut tests: Vec<(String, usize, usize)> = needs
                .iter()
                .filter_map(|n| {
                    let chances = c.chances.get(n.principle.as_str()).copied().unwrap_or(0);
                    (chances > 0).then(|| (n.principle.clone(), chances, n.missed * chances.min(MAX_CHANCES)))
                })
                .collect();
            tests.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
            let raw: usize = tests.iter().map(|t| t.2).sum();
            if raw == 0 {
                return None;
            }
            let recent_plays = latest.iter().filter(|(s, _, _)| s.scenario == c.id).count();
            let value = raw as f64 / (1 + recent_plays) as f64;
            let mut reasons: Vec<String> = tests
                .iter()
                .take(2)
                .map(|(p, chances, _)| {
                    let n = needs.iter().find(|n| &n.principle == p).expect("tests come from needs");
                    format!(
                        "missed {p} in {} of the last {} drills that tested it; this scenario tests it {}",
                        n.missed,
                        n.tested,
                        times(*chances)
                    )
                })
                .collect();
            if tests.len() > 2 {
                reasons.push(format!(
                    "also tests {}, missed too",
                    tests[2..].iter().map(|t| t.0.as_str()).collect::<Vec<_>>().join(", ")
                ));
            }
            if recent_plays > 0 {
                reasons.push(format!(
                    "played in {recent_plays} of the last {} drills, so ranked lower",
                    latest.len()
                ));
            }
            Some(Pick {
                scenario: c.id.to_string(),
                title: c.title.to_string(),
                path: c.path.to_string(),
                value,
                tests: tests.into_iter().map(|(p, n, _)| (p, n)).collect(),
                recent_plays,
                reasons,
            })
        })
        .collect();
    if needs.is_empty() {
        picks = fresh_picks(candidates, recent);
    }
    picks.sort_by(|a, b| b.value.total_cmp(&a.value).then(a.scenario.cmp(&b.scenario)));
    picks.truncate(3);
    Ok(Recommendation {
        whom: whom.words(),
        recent: recent.iter().map(|(s, _, _)| s.file.clone()).collect(),
        needs,
        picks,
    })
}

/// The scenarios one can play, each id once (your own folder first, then
/// the built-in library), with their exercise profiles.
pub fn library(yours: &std::path::Path) -> Vec<(LoadedScenario, BTreeMap<&'static str, usize>)> {
    let mut seen = std::collections::BTreeSet::new();
    crate::scenario::load_paths(&[yours.to_path_buf()])
        .into_iter()
        .filter_map(|(_, r)| r.ok())
        .chain(crate::cli::built_in_scenarios())
        .filter(|s| seen.insert(s.scenario.id.clone()))
        .map(|s| {
            let profile = profile_of(&s);
            (s, profile)
        })
        .collect()
}

/// A scenario's exercise profile, worked out once per version in a run of
/// the program (the trainer asks each time the library opens).
fn profile_of(s: &LoadedScenario) -> BTreeMap<&'static str, usize> {
    use std::sync::{Mutex, OnceLock};
    type Cache = Mutex<std::collections::HashMap<String, BTreeMap<&'static str, usize>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(p) = cache.lock().ok().and_then(|c| c.get(&s.content_hash).cloned()) {
        return p;
    }
    let p = crate::authoring::simulate::exercise_profile(&s.scenario);
    if let Ok(mut c) = cache.lock() {
        c.insert(s.content_hash.clone(), p.clone());
    }
    p
}

/// Whom a folder of drills can be read for: each team, then each person.
pub fn choices(t: &Trends) -> Vec<Whom> {
    let mut out: Vec<Whom> = t.by_team.iter().map(|g| Whom::Team(g.key.clone())).collect();
    out.extend(t.people.iter().map(|p| Whom::Person(p.name.clone())));
    out
}

/// The team of the latest drill, the natural first choice.
pub fn latest_team(t: &Trends) -> Option<Whom> {
    t.sessions.last().map(|s| Whom::Team(s.team.clone()))
}

/// `recommend` over a whole library from `library`.
pub fn recommend_from(
    t: &Trends,
    whom: &Whom,
    lib: &[(LoadedScenario, BTreeMap<&'static str, usize>)],
) -> Result<Recommendation, RecommendError> {
    let candidates: Vec<Candidate> = lib
        .iter()
        .map(|(s, chances)| Candidate {
            id: &s.scenario.id,
            title: &s.scenario.title,
            path: &s.path,
            chances,
        })
        .collect();
    recommend(t, whom, &candidates)
}

impl Recommendation {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a recommendation always serialises")
    }

    pub fn to_text(&self) -> String {
        use std::fmt::Write;
        let mut o = String::new();
        let _ = writeln!(o, "Next drills for {} (from the last {} drill(s))", self.whom, self.recent.len());
        if self.needs.is_empty() {
            let _ =
                writeln!(o, "  nothing was missed in those drills: play anything new, or a harder scenario");
        } else {
            let _ = writeln!(
                o,
                "  missed most: {}",
                self.needs
                    .iter()
                    .take(5)
                    .map(|n| format!("{} ({} of {})", n.principle, n.missed, n.tested))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        for (i, p) in self.picks.iter().enumerate() {
            let _ = writeln!(o, "\n{}. {} — {} (value {:.1})", i + 1, p.scenario, p.title, p.value);
            for r in &p.reasons {
                let _ = writeln!(o, "   · {r}");
            }
            let _ = writeln!(o, "   play it: sevdrill play {}", p.scenario);
        }
        o
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::trends::{PersonInSession, SessionSummary};
    use crate::scenario::Sev;

    fn drill(file: &str, scenario: &str, tested: &[&str], missed: &[&str]) -> SessionSummary {
        SessionSummary {
            file: file.into(),
            scenario: scenario.into(),
            title: scenario.into(),
            held_on: format!("2026-11-{file}T10:00:00Z"),
            team: "Payments".into(),
            worst_true_severity: Sev::Sev1,
            score: 50.0,
            principles: tested.iter().map(|p| (p.to_string(), 50.0)).collect(),
            missed: missed.iter().map(|p| p.to_string()).collect(),
            mttd_minutes: None,
            first_communication_minutes: None,
            longest_update_gap_minutes: None,
            action_item_completeness: None,
            people: vec![PersonInSession {
                name: "Ana".into(),
                roles: vec!["Incident commander".into()],
                principles: Default::default(),
                missed: Vec::new(),
            }],
            fork_of: None,
        }
    }

    fn trends(sessions: Vec<SessionSummary>) -> Trends {
        Trends {
            folder: "drills".into(),
            sessions,
            skipped: Vec::new(),
            cut_off: Vec::new(),
            by_scenario: Vec::new(),
            by_severity: Vec::new(),
            by_team: Vec::new(),
            principles: Vec::new(),
            most_missed: Vec::new(),
            people: Vec::new(),
            forks: Vec::new(),
        }
    }

    /// Worked by hand. Six drills; the recent five are 02–06.
    /// Needs: COMM-CADENCE missed in 03, 04, 06 (3 of the 4 that tested it:
    /// 03, 04, 05, 06); SEV-UNDER missed in 05 (1 of 5); PIR-ACTIONS missed
    /// in 02 and 06 (2 of 2). Drill 01's COMM-CADENCE miss is too old.
    /// Values: "x" tests COMM-CADENCE twice and SEV-UNDER once:
    /// 3×2 + 1×1 = 7, played in 06 (one of the last three), so 7/2 = 3.5.
    /// "y" tests COMM-CADENCE 7 times (capped at 5): 3×5 = 15, not played
    /// in the last three: 15.
    /// "z" tests PIR-ACTIONS once and SEV-UNDER twice: 2×1 + 1×2 = 4, last
    /// played in 02, before the last three.
    /// "w" tests only ROLE-LANE, which nobody missed: left out.
    #[test]
    fn ranks_a_hand_computed_case() {
        let cc = "COMM-CADENCE";
        let t = trends(vec![
            drill("01", "y", &[cc], &[cc]),
            drill("02", "z", &["PIR-ACTIONS", "SEV-UNDER"], &["PIR-ACTIONS"]),
            drill("03", "y", &[cc, "SEV-UNDER"], &[cc]),
            drill("04", "v", &[cc, "SEV-UNDER"], &[cc]),
            drill("05", "w", &[cc, "SEV-UNDER"], &["SEV-UNDER"]),
            drill("06", "x", &[cc, "SEV-UNDER", "PIR-ACTIONS"], &[cc, "PIR-ACTIONS"]),
        ]);
        let profile = |pairs: &[(&'static str, usize)]| pairs.iter().copied().collect::<BTreeMap<_, _>>();
        let (x, y, z, w) = (
            profile(&[(cc, 2), ("SEV-UNDER", 1)]),
            profile(&[(cc, 7)]),
            profile(&[("PIR-ACTIONS", 1), ("SEV-UNDER", 2)]),
            profile(&[("ROLE-LANE", 4)]),
        );
        let c = |id: &'static str, chances| Candidate { id, title: id, path: id, chances };
        let r =
            recommend(&t, &Whom::Team("payments".into()), &[c("w", &w), c("x", &x), c("y", &y), c("z", &z)])
                .unwrap();
        assert_eq!(r.recent, ["02", "03", "04", "05", "06"]);
        assert_eq!(
            r.needs,
            [
                Need { principle: cc.into(), missed: 3, tested: 4 },
                Need { principle: "PIR-ACTIONS".into(), missed: 2, tested: 2 },
                Need { principle: "SEV-UNDER".into(), missed: 1, tested: 5 },
            ]
        );
        let order: Vec<(&str, f64)> = r.picks.iter().map(|p| (p.scenario.as_str(), p.value)).collect();
        assert_eq!(order, [("y", 15.0), ("z", 4.0), ("x", 3.5)]);
        assert_eq!(
            r.picks[0].reasons,
            ["missed COMM-CADENCE in 3 of the last 4 drills that tested it; this scenario tests it 7 times"]
        );
        assert_eq!(
            r.picks[2].reasons[0],
            "missed COMM-CADENCE in 3 of the last 4 drills that tested it; this scenario tests it twice"
        );
        assert_eq!(r.picks[2].reasons.last().unwrap(), "played in 1 of the last 3 drills, so ranked lower");
    }

    #[test]
    fn an_empty_folder_and_an_unknown_team_are_refused_with_what_is_known() {
        let none = trends(Vec::new());
        assert!(matches!(recommend(&none, &Whom::Everyone, &[]), Err(RecommendError::NoDrills { .. })));
        let mut t = trends(vec![drill("01", "y", &[], &[])]);
        t.by_team =
            vec![crate::report::trends::Group { key: "Payments".into(), sessions: 1, mean_score: 50.0 }];
        let e = recommend(&t, &Whom::Team("Search".into()), &[]).unwrap_err().to_string();
        assert!(e.contains("team Search") && e.contains("known: Payments"), "{e}");
    }

    #[test]
    fn with_nothing_missed_it_offers_the_broadest_scenarios_not_played_lately() {
        let t = trends(vec![drill("01", "y", &["SEV-PROMPT"], &[])]);
        let (y, z, w) = (
            [("SEV-PROMPT", 9usize)].into_iter().collect::<BTreeMap<_, _>>(),
            [("SEV-PROMPT", 1usize), ("COMM-FIRST", 1)].into_iter().collect::<BTreeMap<_, _>>(),
            [("SEV-PROMPT", 7usize)].into_iter().collect::<BTreeMap<_, _>>(),
        );
        let c = |id: &'static str, chances| Candidate { id, title: id, path: id, chances };
        let r = recommend(&t, &Whom::Everyone, &[c("y", &y), c("z", &z), c("w", &w)]).unwrap();
        assert!(r.needs.is_empty());
        // y was just played; w gives 7 chances capped at 5, z gives 2.
        let order: Vec<(&str, f64)> = r.picks.iter().map(|p| (p.scenario.as_str(), p.value)).collect();
        assert_eq!(order, [("w", 5.0), ("z", 2.0)]);
        assert!(r.picks[0].reasons[0].starts_with("nothing was missed in the last 1 drill(s)"));
    }
}
