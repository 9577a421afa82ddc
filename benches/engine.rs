//! Benchmarks: loading and validating the shipped scenarios, playing a
//! scenario with its exemplary script from start to debrief, and scoring a
//! saved session log; and `simulate`'s bots (runs per second).

use criterion::{Criterion, criterion_group, criterion_main};
use sevdrill::authoring::simulate::{Plan, Policy, simulate};
use sevdrill::replay::{Journal, LogEntry, Script, SessionLog, header_for, replay};
use sevdrill::scenario::{load_file, load_paths};
use sevdrill::scoring::score_engine;
use sevdrill::sim::{Actor, Engine};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const SCENARIO: &str = "scenarios/payments-peak-outage.ron";
const SCRIPT: &str = "scenarios/scripts/payments-peak-outage.exemplary.ron";

fn play(scenario: &Path, script: &Path) -> Engine {
    let loaded = load_file(scenario).expect("the shipped scenario is valid");
    let (script, _, _) = Script::load(script).expect("the shipped script is valid");
    let mut engine = Engine::new(Arc::new(loaded.scenario), script.seed, script.participants);
    for s in &script.actions {
        let actor = Actor { name: s.by.clone(), role: s.role.clone() };
        engine.apply(s.at, &actor, s.action.clone()).expect("the shipped script plays");
    }
    engine
}

fn benches(c: &mut Criterion) {
    c.bench_function("load and validate every shipped scenario", |b| {
        b.iter(|| {
            let all = load_paths(&[PathBuf::from("scenarios")]);
            assert!(all.iter().all(|(_, r)| r.is_ok()));
            black_box(all)
        })
    });

    c.bench_function("play the exemplary script from start to debrief", |b| {
        b.iter(|| black_box(play(Path::new(SCENARIO), Path::new(SCRIPT))))
    });

    // Save one session, then measure re-simulating and scoring it.
    let dir = std::env::temp_dir().join(format!("sevdrill-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let log_path = dir.join("session.jsonl");
    let _ = std::fs::remove_file(&log_path);
    let loaded = load_file(Path::new(SCENARIO)).unwrap();
    let (script, _, _) = Script::load(Path::new(SCRIPT)).unwrap();
    let header = header_for(&loaded, script.seed, script.participants.clone(), "2026-01-01T00:00:00Z".into());
    let mut journal = Journal::create(&log_path, &header).unwrap();
    for s in &script.actions {
        journal
            .append(&LogEntry {
                at: s.at,
                by: s.by.clone(),
                role: s.role.clone(),
                action: s.action.clone(),
                via: None,
            })
            .unwrap();
    }
    c.bench_function("score a saved session log", |b| {
        b.iter(|| {
            let log = SessionLog::load(&log_path).unwrap();
            let engine = replay(&loaded, &log).unwrap();
            black_box(score_engine(&engine))
        })
    });
    let _ = std::fs::remove_dir_all(&dir);

    // `simulate`: runs per second is 1000 divided by the time per iteration.
    let mut group = c.benchmark_group("simulate 1000 runs on one thread");
    group.sample_size(10).throughput(criterion::Throughput::Elements(1000));
    for policy in [Policy::Exemplary, Policy::Random] {
        let script = (policy == Policy::Exemplary).then_some(&script);
        let plan = Plan { scenario: &loaded.scenario, policy, script, runs: 1000, first_seed: 1, threads: 1 };
        group.bench_function(format!("{policy:?}"), |b| b.iter(|| black_box(simulate(&plan, &mut |_| {}))));
    }
    group.finish();
}

criterion_group! {
    name = engine;
    config = Criterion::default().sample_size(30);
    targets = benches
}
criterion_main!(engine);
