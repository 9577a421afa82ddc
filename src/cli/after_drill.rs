//! The commands for after a game day: `fork` (play on from a moment of a
//! saved session), `compare` (two sessions side by side) and `recommend`
//! (the next drill, from what a team or a person misses).

use super::{EXIT_INVALID, Format, find_scenario, load_session, write_generated};
use crate::escape::terminal;
use crate::replay::{Journal, LogEntry, SessionLog, fork_at, parse_moment, replay};
use crate::report::compare::{Comparison, Played, comparable, compare};
use crate::scoring::score_engine;
use crate::sim::Actor;
use crate::source::Path as TreePath;
use std::io::Write;
use std::path::Path;

pub struct ForkArgs<'a> {
    pub log: &'a Path,
    pub at: &'a str,
    pub actions: Option<&'a Path>,
    pub save: Option<&'a Path>,
    /// Save in this folder under a fresh name (`--save` with no file).
    pub save_in: Option<&'a Path>,
    pub scenario: Option<&'a Path>,
    pub scenarios: &'a Path,
    pub format: Format,
}

fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// `sevdrill fork LOG --at T+27m [--actions SCRIPT] [--save [LOG]]`
pub fn fork(args: ForkArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let Some((parent, loaded)) = load_session(args.log, args.scenario, args.scenarios, err) else {
        return EXIT_INVALID;
    };
    let at = match parse_moment(args.at, loaded.scenario.clock.start.0) {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(err, "error: --at {e}");
            return EXIT_INVALID;
        }
    };
    let parent_name = args.log.display().to_string();
    let (mut log, mut engine) = match fork_at(&loaded, &parent, &parent_name, at, now_rfc3339()) {
        Ok(x) => x,
        Err(e) => {
            let _ = writeln!(err, "error: {}: {e}", args.log.display());
            return EXIT_INVALID;
        }
    };
    let wall = crate::time::wall_clock(loaded.scenario.clock.start.0, at).format("%H:%M");
    let _ = writeln!(
        err,
        "fork of {} at {} ({wall}): kept {} of its {} actions",
        terminal(&parent_name),
        at.clock(),
        log.entries.len(),
        parent.entries.len()
    );
    if let Some(script_path) = args.actions {
        let Some((script, src, tree)) =
            super::script_for(script_path, &loaded, "pass a script written for the session's scenario", err)
        else {
            return EXIT_INVALID;
        };
        let skipped = script.actions.iter().filter(|s| s.at <= at).count();
        let mut played = 0;
        for (i, step) in script.actions.iter().enumerate().filter(|(_, s)| s.at > at) {
            let actor = Actor { name: step.by.clone(), role: step.role.clone() };
            if let Err(e) = engine.apply(step.at, &actor, step.action.clone()) {
                let mut d = src.error(
                    tree.locate(&TreePath::root().field("actions").index(i).0),
                    format!("action {} at {} was refused: {e}", i + 1, step.at),
                );
                d.help = Some(
                    "the fork plays the parent's participants; fix this step (the steps before it were played)"
                        .into(),
                );
                let _ = writeln!(err, "{d}");
                return EXIT_INVALID;
            }
            log.entries.push(LogEntry {
                at: step.at,
                by: step.by.clone(),
                role: step.role.clone(),
                action: step.action.clone(),
                via: None,
            });
            played += 1;
        }
        let _ = writeln!(
            err,
            "skipped {skipped} step(s) of {} at or before {} (the parent's actions stand for them); played {played}",
            script_path.display(),
            at.clock()
        );
    }
    let fresh = args.save_in.map(|dir| {
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        dir.join(format!("{}-fork-{}m-{stamp}.jsonl", loaded.scenario.id, at.as_secs() / 60))
    });
    if let Some(path) = args.save.or(fresh.as_deref()) {
        if let Err(e) = save_log(path, &log) {
            let _ = writeln!(err, "error: cannot write the fork {}: {e}", path.display());
            let _ = writeln!(err, "  = help: logs are never overwritten; choose a new file name");
            return EXIT_INVALID;
        }
        let _ = writeln!(err, "fork saved to {}", path.display());
    }
    let played = Played { engine: &engine, log: &log, file: "this fork" };
    let full = match replay(&loaded, &parent) {
        Ok(e) => e,
        Err(e) => {
            let _ = writeln!(err, "error: {}: {e}", args.log.display());
            return EXIT_INVALID;
        }
    };
    let parent_played = Played { engine: &full, log: &parent, file: &parent_name };
    let comparison = compare(&parent_played, &played).expect("a fork has its parent's scenario version");
    match args.format {
        Format::Text => {
            let _ = super::print_scorecard(out, &engine, Format::Text);
            let _ = write!(out, "\n{}", crate::report::compare_to_text(&comparison));
        }
        Format::Json => {
            let v = serde_json::json!({
                "fork": log.header.fork,
                "scorecard": score_engine(&engine),
                "comparison": comparison,
            });
            let _ = writeln!(out, "{}", serde_json::to_string_pretty(&v).expect("serialises"));
        }
    }
    0
}

/// Writes a whole log (header and entries) to a new file.
fn save_log(path: &Path, log: &SessionLog) -> std::io::Result<()> {
    let mut j = Journal::create(path, &log.header)?;
    for e in &log.entries {
        j.append(e)?;
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CompareFormat {
    Text,
    Md,
    Html,
    Json,
}

pub struct CompareArgs<'a> {
    pub a: &'a Path,
    pub b: &'a Path,
    pub format: Option<CompareFormat>,
    pub out_file: Option<&'a Path>,
    pub scenario: Option<&'a Path>,
    pub scenarios: &'a Path,
    pub allow_cut: bool,
    pub force: bool,
}

/// Loads both logs, refuses what cannot be compared, and replays them.
pub fn comparison_of(
    a: &Path,
    b: &Path,
    scenario: Option<&Path>,
    scenarios: &Path,
    allow_cut: bool,
    err: &mut dyn Write,
) -> Option<Comparison> {
    let mut logs = Vec::new();
    for path in [a, b] {
        match SessionLog::load(path) {
            Ok(l) if l.truncated_tail && !allow_cut => {
                let _ = writeln!(
                    err,
                    "error: the last line of {} was cut off (a crash mid-write?): the session is incomplete\n  = help: resume it in the trainer (which drops the cut line), or pass --allow-cut to compare it without that line",
                    path.display()
                );
                return None;
            }
            Ok(l) => logs.push(l),
            Err(e) => {
                let _ = writeln!(err, "error: {e}");
                return None;
            }
        }
    }
    if let Err(e) = comparable(&logs[0], &logs[1]) {
        let _ = writeln!(
            err,
            "error: {e}\n  = help: `sevdrill compare` puts two sessions of one scenario version side by side; `sevdrill trends` compares across scenarios"
        );
        return None;
    }
    let loaded = find_scenario(&logs[0], scenario, scenarios, err)?;
    let mut engines = Vec::new();
    for (path, log) in [a, b].iter().zip(&logs) {
        match replay(&loaded, log) {
            Ok(e) => engines.push(e),
            Err(e) => {
                let _ = writeln!(err, "error: {}: {e}", path.display());
                return None;
            }
        }
    }
    let (fa, fb) = (a.display().to_string(), b.display().to_string());
    let pa = Played { engine: &engines[0], log: &logs[0], file: &fa };
    let pb = Played { engine: &engines[1], log: &logs[1], file: &fb };
    compare(&pa, &pb).ok()
}

/// `sevdrill compare LOG_A LOG_B [--format text|md|html|json] [-o FILE]`
pub fn compare_cmd(args: CompareArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let Some(c) = comparison_of(args.a, args.b, args.scenario, args.scenarios, args.allow_cut, err) else {
        return EXIT_INVALID;
    };
    let format = args
        .format
        .or(args.out_file.map(|p| match super::ReportFormat::from_path(p) {
            super::ReportFormat::Html => CompareFormat::Html,
            super::ReportFormat::Json => CompareFormat::Json,
            super::ReportFormat::Md => CompareFormat::Md,
        }))
        .unwrap_or(CompareFormat::Text);
    let text = match format {
        CompareFormat::Text => crate::report::compare_to_text(&c),
        CompareFormat::Md => crate::report::compare_to_markdown(&c),
        CompareFormat::Html => crate::report::compare_to_html(&c),
        CompareFormat::Json => c.to_json() + "\n",
    };
    match args.out_file {
        None => {
            let _ = write!(out, "{text}");
        }
        Some(path) => {
            if !write_generated(path, &text, args.force, err) {
                return EXIT_INVALID;
            }
            let _ = writeln!(out, "wrote {}", path.display());
        }
    }
    0
}

pub struct RecommendArgs<'a> {
    pub folder: &'a Path,
    pub team: Option<&'a str>,
    pub person: Option<&'a str>,
    pub scenarios: &'a Path,
    pub format: Format,
}

/// `sevdrill recommend SESSIONS_DIR [--team T | --person P]`
pub fn recommend(args: RecommendArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    use crate::report::recommend::{Whom, library, recommend_from};
    let t = match crate::report::trends::gather(args.folder, args.scenarios) {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            return EXIT_INVALID;
        }
    };
    for s in &t.skipped {
        let _ = writeln!(err, "warning: left out {}: {}", terminal(&s.file), terminal(&s.reason));
    }
    if t.sessions.is_empty() {
        let _ = writeln!(
            err,
            "error: no drill in {} could be read, so there is nothing to recommend from{}\n  = help: play a drill first (`sevdrill play`, or `sevdrill run SCENARIO --actions SCRIPT --save`); sessions are the .jsonl files in your sessions folder",
            args.folder.display(),
            if t.forks.is_empty() {
                String::new()
            } else {
                format!(" (its {} fork(s) are what-ifs, not drills)", t.forks.len())
            }
        );
        return EXIT_INVALID;
    }
    let whom = match (args.team, args.person) {
        (Some(team), _) => Whom::Team(team.to_string()),
        (None, Some(p)) => Whom::Person(p.to_string()),
        (None, None) => Whom::Everyone,
    };
    let lib = library(args.scenarios);
    match recommend_from(&t, &whom, &lib) {
        Ok(r) => {
            let _ = match args.format {
                Format::Text => write!(out, "{}", terminal(&r.to_text())),
                Format::Json => writeln!(out, "{}", r.to_json()),
            };
            0
        }
        Err(e) => {
            let _ = writeln!(
                err,
                "error: {}\n  = help: pass --team or --person exactly as the sessions name them",
                terminal(&e.to_string())
            );
            EXIT_INVALID
        }
    }
}
