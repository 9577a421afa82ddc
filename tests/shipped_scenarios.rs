//! The shipped scenario library: every file validates, every exemplary
//! script scores at least 85, every anti-patterns script at most 35, and
//! each anti-pattern the script announces (`// … PRINCIPLE-ID …` above an
//! action) shows up as a Violated or Missed finding for that principle.

use sevdrill::replay::Script;
use sevdrill::scenario::{LoadedScenario, load_paths};
use sevdrill::scoring::{Scorecard, Verdict, principles::PRINCIPLES, score_engine};
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
