//! The shipped scenario library: every file validates, every exemplary
//! script scores at least 85, every anti-patterns script at most 35, and
//! each anti-pattern the script announces (`// … PRINCIPLE-ID …` above an
//! action) shows up as a Violated or Missed finding for that principle.

use chrono::Timelike;
use sevdrill::replay::Script;
use sevdrill::rubric::PRINCIPLES;
use sevdrill::scenario::{Difficulty, LoadedScenario, load_paths};
use sevdrill::scoring::{Scorecard, Verdict, score_engine};
use sevdrill::sim::{Actor, Engine};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn shipped() -> Vec<LoadedScenario> {
    let all = load_paths(&[PathBuf::from("scenarios")]);
    assert!(all.len() >= 3, "at least three shipped scenarios");
    all.into_iter()
        .map(|(p, r)| r.unwrap_or_else(|d| panic!("{} is invalid:\n{}", p.display(), d[0])))
        .collect()
}

fn script_path(s: &LoadedScenario, kind: &str) -> PathBuf {
    let stem = Path::new(&s.path).file_stem().unwrap().to_string_lossy().into_owned();
    PathBuf::from(format!("scenarios/scripts/{stem}.{kind}.ron"))
}

fn play(s: &LoadedScenario, script: &Path) -> Scorecard {
    let (script, _, _) = Script::load(script).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(script.scenario, s.scenario.id);
    let mut engine = Engine::new(Arc::new(s.scenario.clone()), script.seed, script.participants);
    for (i, step) in script.actions.iter().enumerate() {
        let actor = Actor { name: step.by.clone(), role: step.role.clone() };
        engine
            .apply(step.at, &actor, step.action.clone())
            .unwrap_or_else(|e| panic!("{}: action {} refused: {e}", s.scenario.id, i + 1));
    }
    score_engine(&engine)
}

#[test]
fn exemplary_scripts_score_at_least_85() {
    for s in shipped() {
        let card = play(&s, &script_path(&s, "exemplary"));
        assert!(card.total >= 85.0, "{}: exemplary scored {}\n{}", s.scenario.id, card.total, card.to_text());
    }
}

#[test]
fn anti_pattern_scripts_score_at_most_35() {
    for s in shipped() {
        let card = play(&s, &script_path(&s, "anti-patterns"));
        assert!(
            card.total <= 35.0,
            "{}: anti-patterns scored {}\n{}",
            s.scenario.id,
            card.total,
            card.to_text()
        );
    }
}

/// Principle IDs named in the `//` comments of a script.
fn announced(path: &Path) -> BTreeSet<&'static str> {
    let text = std::fs::read_to_string(path).unwrap();
    let comments: String =
        text.lines().filter_map(|l| l.split_once("//").map(|(_, c)| c)).collect::<Vec<_>>().join("\n");
    PRINCIPLES.iter().map(|p| p.id).filter(|id| comments.contains(id)).collect()
}

#[test]
fn every_announced_anti_pattern_is_found() {
    for s in shipped() {
        let path = script_path(&s, "anti-patterns");
        let ids = announced(&path);
        assert!(ids.len() >= 8, "{}: the script should announce its anti-patterns", path.display());
        let card = play(&s, &path);
        for id in ids {
            assert!(
                card.findings
                    .iter()
                    .any(|f| f.principle == id && matches!(f.verdict, Verdict::Violated | Verdict::Missed)),
                "{}: announced {id} but found no Violated/Missed finding for it\n{}",
                s.scenario.id,
                card.to_text()
            );
        }
    }
}

#[test]
fn shipped_sessions_play_the_same_twice() {
    for s in shipped() {
        for kind in ["exemplary", "anti-patterns"] {
            let a = play(&s, &script_path(&s, kind));
            let b = play(&s, &script_path(&s, kind));
            assert_eq!(a.to_json(), b.to_json());
        }
    }
}

/// The situations the library promises facilitators, by scenario id.
const REQUIRED: [(&str, &str); 9] = [
    ("db-migration-3am", "a database migration that goes wrong at 3 AM"),
    ("customer-data-breach", "a data breach with legal, public communication and key customers"),
    ("checkout-slow-third", "checkout slow for a third of users, a true SEV2"),
    ("regional-latency-sev3", "a regional performance degradation, SEV3"),
    ("press-demo-glitch", "a cosmetic glitch during a press demo"),
    ("slow-burn-to-sev1", "an incident that starts as SEV3 and becomes SEV1"),
    ("false-alarm-red-herring", "a false alarm with a red herring"),
    ("region-loss-dr-decision", "the disaster-recovery decision"),
    ("stuck-team-escalate", "a stuck team where escalation is right"),
];

#[test]
fn the_library_covers_the_promised_situations_at_every_difficulty() {
    let all = shipped();
    assert!(all.len() >= 12, "only {} shipped scenarios", all.len());
    let ids: BTreeSet<&str> = all.iter().map(|s| s.scenario.id.as_str()).collect();
    for (id, what) in REQUIRED {
        assert!(ids.contains(id), "no scenario for {what} ({id})");
    }
    for d in [Difficulty::Intro, Difficulty::Intermediate, Difficulty::Advanced] {
        assert!(
            all.iter().filter(|s| s.scenario.difficulty == d).count() >= 2,
            "fewer than two {d:?} scenarios"
        );
    }
    let companies: BTreeSet<&str> = all.iter().map(|s| s.scenario.context.company.as_str()).collect();
    assert_eq!(companies.len(), all.len(), "every scenario is set at its own company");
    // Day and night: some start in office hours, some in the small hours.
    let hours: BTreeSet<u32> = all.iter().map(|s| s.scenario.clock.start.0.hour()).collect();
    assert!(hours.iter().any(|h| *h < 6) && hours.iter().any(|h| (9..18).contains(h)), "{hours:?}");
}

#[test]
fn between_them_the_scenarios_exercise_every_principle() {
    let mut met = BTreeSet::new();
    let mut failed = BTreeSet::new();
    for s in shipped() {
        for f in play(&s, &script_path(&s, "exemplary")).findings {
            if f.verdict == Verdict::Met {
                met.insert(f.principle.to_string());
            }
        }
        for f in play(&s, &script_path(&s, "anti-patterns")).findings {
            if matches!(f.verdict, Verdict::Violated | Verdict::Missed) {
                failed.insert(f.principle.to_string());
            }
        }
    }
    for p in PRINCIPLES {
        assert!(met.contains(p.id), "no exemplary script shows {} done well", p.id);
        assert!(failed.contains(p.id), "no anti-patterns script shows {} done badly", p.id);
    }
}

/// Dashboards: at least four shipped scenarios have them, and each metric
/// leaves normal as the incident starts and is back at normal once the
/// exemplary team's fix has landed.
#[test]
fn dashboards_fall_with_the_impact_and_recover_at_the_fix() {
    let with: Vec<LoadedScenario> =
        shipped().into_iter().filter(|s| !s.scenario.dashboards.is_empty()).collect();
    assert!(with.len() >= 4, "{} shipped scenarios have dashboards", with.len());
    for s in with {
        let (script, _, _) = Script::load(&script_path(&s, "exemplary")).unwrap();
        let mut engine = Engine::new(Arc::new(s.scenario.clone()), script.seed, script.participants);
        for step in script.actions.iter().take_while(|a| a.action != sevdrill::sim::Action::BeginReview) {
            let actor = Actor { name: step.by.clone(), role: step.role.clone() };
            engine.apply(step.at, &actor, step.action.clone()).unwrap();
        }
        let fixed = engine.state().resolved_at.expect("the exemplary team fixes it");
        for m in &s.scenario.dashboards {
            let series = sevdrill::sim::dashboard::series(&engine, m, engine.now(), sevdrill::time::Dur(30));
            let first = series.first().unwrap().1;
            let last = series.last().unwrap().1;
            assert!(
                (first - m.normal).abs() > (m.worst - m.normal).abs() * 0.01,
                "{}: {} starts at {first}",
                s.scenario.id,
                m.id
            );
            assert!(engine.now() >= fixed);
            assert_eq!(last, m.normal, "{}: {} is back to normal after the fix", s.scenario.id, m.id);
        }
    }
}
