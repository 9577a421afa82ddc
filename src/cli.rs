//! The headless commands behind the `sevdrill` binary: check, run, score,
//! simulate, generate and new.
//! Each returns an exit code and writes its report to the given streams,
//! so tests can drive them without spawning a process.

use crate::authoring::simulate::{Plan, Policy};
use crate::escape::terminal;
use crate::replay::{Journal, LogEntry, ReplayError, Script, SessionLog, header_for, replay};
use crate::scenario::{LoadedScenario, load_file, load_paths};
use crate::scoring::score_engine;
use crate::sim::{Actor, Engine, check_participants};
use crate::source::{Diagnostic, Path as TreePath};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod after_drill;
pub use after_drill::{
    CompareArgs, CompareFormat, ForkArgs, RecommendArgs, compare_cmd, comparison_of, fork, recommend,
};

/// Exit code for bad input: invalid files, refused actions, changed scenarios.
pub const EXIT_INVALID: u8 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// The scorecard of a session; as text, with its par beside it (the same
/// scenario and seed played by the careful team).
pub fn print_scorecard(out: &mut dyn Write, engine: &Engine, format: Format) -> std::io::Result<()> {
    let card = score_engine(engine);
    match format {
        Format::Text => {
            write!(out, "{}", terminal(&card.to_text()))?;
            writeln!(out, "\nPAR (the same scenario and seed, played by the careful team)")?;
            for line in crate::authoring::par::par_of(engine).lines() {
                writeln!(out, "  {line}")?;
            }
            Ok(())
        }
        Format::Json => writeln!(out, "{}", card.to_json()),
    }
}

/// `sevdrill check [PATH...]`; with no path, your own scenario folder.
pub fn check(paths: &[PathBuf], yours: &Path, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let paths = if paths.is_empty() {
        let _ = writeln!(out, "checking your scenarios in {}", yours.display());
        let any = std::fs::read_dir(yours)
            .map(|rd| rd.filter_map(|e| e.ok()).any(|e| e.path().extension().is_some_and(|x| x == "ron")))
            .unwrap_or(false);
        if !any {
            let _ = writeln!(
                out,
                "no scenarios of your own there yet: `sevdrill new \"NAME\"` writes one; the shipped library is built in (`sevdrill list`)"
            );
            return 0;
        }
        vec![yours.to_path_buf()]
    } else {
        paths.to_vec()
    };
    let results = load_paths(&paths);
    if results.is_empty() {
        let _ = writeln!(err, "error: no .ron files found in {}", show(&paths));
        return EXIT_INVALID;
    }
    let mut bad = 0;
    for (path, result) in &results {
        match result {
            Ok(s) => {
                let _ = writeln!(out, "ok     {} ({})", path.display(), s.scenario.id);
                for w in &s.warnings {
                    let _ = write!(err, "{w}");
                }
            }
            Err(diags) => {
                bad += 1;
                let n = diags.iter().filter(|d| d.is_error()).count();
                let _ =
                    writeln!(out, "FAILED {} ({n} error{})", path.display(), if n == 1 { "" } else { "s" });
                for d in diags {
                    let _ = writeln!(err, "{d}");
                }
            }
        }
    }
    let _ =
        writeln!(out, "{} file(s) checked: {} valid, {bad} with errors", results.len(), results.len() - bad);
    if bad > 0 { EXIT_INVALID } else { 0 }
}

fn show(paths: &[PathBuf]) -> String {
    paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
}

pub(crate) fn load_one(path: &Path, err: &mut dyn Write) -> Option<LoadedScenario> {
    match load_file(path) {
        Ok(s) => Some(s),
        Err(diags) => {
            for d in diags {
                let _ = writeln!(err, "{d}");
            }
            let _ = writeln!(
                err,
                "the scenario is not valid; `sevdrill check {}` lists the problems",
                path.display()
            );
            None
        }
    }
}

pub struct RunArgs<'a> {
    pub scenario: &'a Path,
    pub actions: &'a Path,
    pub seed: Option<u64>,
    pub save: Option<&'a Path>,
    /// Save the log in this folder under a fresh name (`--save` with no file).
    pub save_in: Option<&'a Path>,
    pub format: Format,
}

/// `sevdrill run SCENARIO --actions SCRIPT`: plays a script headlessly.
pub fn run(args: RunArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let Some(loaded) = load_one(args.scenario, err) else { return EXIT_INVALID };
    let help = "pass the matching scenario file, or fix `scenario:` in the script";
    let Some((script, src, tree)) = script_for(args.actions, &loaded, help, err) else {
        return EXIT_INVALID;
    };
    let script_error = |path: TreePath, message: String, help: Option<String>| -> Diagnostic {
        let mut d = src.error(tree.locate(&path.0), message);
        d.help = help;
        d
    };
    if let Err((i, j, e)) = check_participants(&loaded.scenario, &script.participants) {
        let path = TreePath::root().field("participants").index(i).field("roles").index(j);
        let _ = writeln!(err, "{}", script_error(path, e.to_string(), None));
        return EXIT_INVALID;
    }
    let seed = args.seed.unwrap_or(script.seed);
    let started = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let fresh = args.save_in.map(|dir| {
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        dir.join(format!("{}-{stamp}-seed{seed}.jsonl", loaded.scenario.id))
    });
    let mut journal = match args.save.or(fresh.as_deref()) {
        Some(p) => match Journal::create(p, &header_for(&loaded, seed, script.participants.clone(), started))
        {
            Ok(j) => Some(j),
            Err(e) => {
                let _ = writeln!(err, "error: cannot create the session log {}: {e}", p.display());
                let _ = writeln!(err, "  = help: logs are never overwritten; choose a new file name");
                return EXIT_INVALID;
            }
        },
        None => None,
    };
    let mut engine = Engine::new(Arc::new(loaded.scenario.clone()), seed, script.participants.clone());
    for (i, step) in script.actions.iter().enumerate() {
        let actor = Actor { name: step.by.clone(), role: step.role.clone() };
        if let Err(e) = engine.apply(step.at, &actor, step.action.clone()) {
            let d = script_error(
                TreePath::root().field("actions").index(i),
                format!("action {} at {} was refused: {e}", i + 1, step.at),
                Some("fix this step of the script; the actions before it were played".into()),
            );
            let _ = writeln!(err, "{d}");
            return EXIT_INVALID;
        }
        if let Some(j) = journal.as_mut() {
            let entry = LogEntry {
                at: step.at,
                by: step.by.clone(),
                role: step.role.clone(),
                action: step.action.clone(),
                via: None,
            };
            if let Err(e) = j.append(&entry) {
                let _ = writeln!(err, "error: cannot write to the session log {}: {e}", j.path().display());
                return EXIT_INVALID;
            }
        }
    }
    let _ = print_scorecard(out, &engine, args.format);
    if let Some(j) = &journal {
        let _ = writeln!(err, "session saved to {}", j.path().display());
    }
    0
}

/// Every built-in scenario, loaded (they all validate: a test holds it).
pub fn built_in_scenarios() -> impl Iterator<Item = LoadedScenario> {
    crate::built_in::scenarios()
        .iter()
        .filter_map(|(name, text)| crate::scenario::load_str(&crate::built_in::path_of(name), text).ok())
}

/// Finds the scenario a log was recorded on: an explicit path, the path in
/// the header, or a search of your scenario folder and the built-in library
/// by id, preferring the version it was played on.
pub(crate) fn find_scenario(
    log: &SessionLog,
    explicit: Option<&Path>,
    dir: &Path,
    err: &mut dyn Write,
) -> Option<LoadedScenario> {
    if let Some(p) = explicit {
        return load_one(p, err);
    }
    let hinted = PathBuf::from(&log.header.scenario_path);
    if (hinted.is_file() || crate::built_in::is_built_in(&hinted))
        && let Ok(s) = load_file(&hinted)
        && s.scenario.id == log.header.scenario
    {
        return Some(s);
    }
    // Your folder, then the built-in library; the version the session was
    // played on first, any version of the same id after.
    let found: Vec<LoadedScenario> = load_paths(&[dir.to_path_buf()])
        .into_iter()
        .filter_map(|(_, r)| r.ok())
        .chain(built_in_scenarios())
        .filter(|s| s.scenario.id == log.header.scenario)
        .collect();
    if let Some(i) =
        found.iter().position(|s| s.content_hash == log.header.content_hash).or(found.first().map(|_| 0))
    {
        return found.into_iter().nth(i);
    }
    let _ = writeln!(
        err,
        "error: cannot find scenario \"{}\" (looked at {}, in {} and in the built-in library)\n  = help: pass it with --scenario PATH",
        log.header.scenario,
        if log.header.scenario_path.is_empty() { "<no path recorded>" } else { &log.header.scenario_path },
        dir.display()
    );
    None
}

/// A saved session and its scenario, or the reason on `err`. A cut-off last
/// line (a crash mid-write) is reported and left out.
pub(crate) fn load_session(
    log_path: &Path,
    scenario: Option<&Path>,
    dir: &Path,
    err: &mut dyn Write,
) -> Option<(SessionLog, LoadedScenario)> {
    let log = match SessionLog::load(log_path) {
        Ok(l) => l,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            return None;
        }
    };
    if log.truncated_tail {
        let _ = writeln!(
            err,
            "warning: the last line of {} was cut off (a crash mid-write?); it was left out",
            log_path.display()
        );
    }
    let loaded = find_scenario(&log, scenario, dir, err)?;
    Some((log, loaded))
}

/// `sevdrill score LOG`: re-simulates a saved session and scores it.
pub fn score(
    log_path: &Path,
    scenario: Option<&Path>,
    dir: &Path,
    format: Format,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let Some((log, loaded)) = load_session(log_path, scenario, dir, err) else { return EXIT_INVALID };
    match replay(&loaded, &log) {
        Ok(engine) => {
            let _ = print_scorecard(out, &engine, format);
            0
        }
        Err(e @ ReplayError::ScenarioChanged { .. }) => {
            let _ = writeln!(err, "error: {e}");
            EXIT_INVALID
        }
        Err(e) => {
            let _ = writeln!(err, "error: {}: {e}", log_path.display());
            EXIT_INVALID
        }
    }
}

pub struct SimulateArgs<'a> {
    pub scenario: &'a Path,
    pub runs: u64,
    pub policy: Policy,
    pub first_seed: u64,
    /// A script to follow instead of the scenario's own for the policy.
    pub script: Option<&'a Path>,
    pub threads: Option<usize>,
    pub format: Format,
    /// Draw a progress bar on `err` (only when it is a terminal).
    pub progress: bool,
}

/// Largest `--runs`: a million runs is already minutes of work.
pub const MAX_RUNS: u64 = 1_000_000;

/// `sevdrill simulate SCENARIO --runs N --policy P`: bots over many seeds.
pub fn simulate(args: SimulateArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    if !(1..=MAX_RUNS).contains(&args.runs) {
        let _ = writeln!(err, "error: --runs {} is out of range\n  = expected: 1 to {MAX_RUNS}", args.runs);
        return EXIT_INVALID;
    }
    let Some(loaded) = load_one(args.scenario, err) else { return EXIT_INVALID };
    let script = match args.policy.script_kind() {
        None => None,
        Some(kind) => {
            let path =
                args.script.map(Path::to_path_buf).unwrap_or_else(|| script_beside(args.scenario, kind));
            if !path.is_file() && crate::built_in::text(&path).is_none() {
                let _ = writeln!(
                    err,
                    "error: the {kind} policy follows the script {}, which does not exist\n  = help: write it (scenarios/FORMAT.md, section 5), pass another with --script FILE, or use --policy random",
                    path.display()
                );
                return EXIT_INVALID;
            }
            let Some((script, src, tree)) =
                script_for(&path, &loaded, "pass the matching script with --script FILE", err)
            else {
                return EXIT_INVALID;
            };
            if let Err((i, j, e)) = check_participants(&loaded.scenario, &script.participants) {
                let path = TreePath::root().field("participants").index(i).field("roles").index(j);
                let _ = writeln!(err, "{}", src.error(tree.locate(&path.0), e.to_string()));
                return EXIT_INVALID;
            }
            Some(script)
        }
    };
    let threads = args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let plan = Plan {
        scenario: &loaded.scenario,
        policy: args.policy,
        script: script.as_ref(),
        runs: args.runs,
        first_seed: args.first_seed,
        threads,
    };
    let started = std::time::Instant::now();
    let mut draw_bar = |done: u64| {
        if args.progress {
            let filled = (done * 30 / args.runs) as usize;
            let _ = write!(
                err,
                "\r  simulating [{}{}] {done}/{}",
                "#".repeat(filled),
                ".".repeat(30 - filled),
                args.runs
            );
            let _ = err.flush();
        }
    };
    let summary = crate::authoring::simulate::simulate(&plan, &mut draw_bar);
    let seconds = started.elapsed().as_secs_f64();
    if args.progress {
        let _ = writeln!(err);
    }
    let _ = match args.format {
        Format::Text => write!(out, "{}", summary.to_text()),
        Format::Json => writeln!(out, "{}", summary.to_json()),
    };
    let _ = writeln!(
        err,
        "{} runs in {seconds:.2} s ({:.0} runs/s on {threads} thread{})",
        args.runs,
        args.runs as f64 / seconds.max(1e-9),
        if threads == 1 { "" } else { "s" }
    );
    0
}

/// Loads an action script and checks it is written for `loaded`, or says
/// why not on `err` (with `help` for a script of another scenario).
pub(crate) fn script_for(
    path: &Path,
    loaded: &LoadedScenario,
    help: &str,
    err: &mut dyn Write,
) -> Option<(Script, crate::source::SourceFile, crate::source::Node)> {
    let (script, src, tree) = match Script::load(path) {
        Ok(x) => x,
        Err(d) => {
            let _ = writeln!(err, "{d}");
            return None;
        }
    };
    if script.scenario != loaded.scenario.id {
        let mut d = src.error(
            tree.locate(&TreePath::root().field("scenario").0),
            format!("this script is for scenario \"{}\", not \"{}\"", script.scenario, loaded.scenario.id),
        );
        d.help = Some(help.into());
        let _ = writeln!(err, "{d}");
        return None;
    }
    Some((script, src, tree))
}

/// `scenarios/x.ron` → `scenarios/scripts/x.<kind>.ron`.
pub fn script_beside(scenario: &Path, kind: &str) -> PathBuf {
    let stem = scenario.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    if let Some(stem) = stem.strip_prefix(crate::built_in::PREFIX) {
        return PathBuf::from(crate::built_in::path_of(&format!("scripts/{stem}.{kind}.ron")));
    }
    scenario.parent().unwrap_or(Path::new("")).join("scripts").join(format!("{stem}.{kind}.ron"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DifficultyArg {
    Intro,
    Intermediate,
    Advanced,
}

impl From<DifficultyArg> for crate::scenario::Difficulty {
    fn from(d: DifficultyArg) -> Self {
        match d {
            DifficultyArg::Intro => Self::Intro,
            DifficultyArg::Intermediate => Self::Intermediate,
            DifficultyArg::Advanced => Self::Advanced,
        }
    }
}

/// Writes `text` to a new file, refusing to replace one that exists.
fn write_new(path: &Path, text: &str, err: &mut dyn Write) -> bool {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && let Err(e) = std::fs::create_dir_all(parent)
    {
        let _ = writeln!(err, "error: cannot create the folder {}: {e}", parent.display());
        return false;
    }
    let file = std::fs::OpenOptions::new().write(true).create_new(true).open(path);
    match file.and_then(|mut f| f.write_all(text.as_bytes())) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let _ = writeln!(
                err,
                "error: {} already exists\n  = help: sevdrill never overwrites a file; choose another name or move the old one",
                path.display()
            );
            false
        }
        Err(e) => {
            let _ = writeln!(err, "error: cannot write {}: {e}", path.display());
            false
        }
    }
}

/// `sevdrill generate --seed N [--difficulty D] [--out FILE]`
pub fn generate(
    seed: u64,
    difficulty: Option<crate::scenario::Difficulty>,
    file: Option<&Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let (text, recipe) = crate::authoring::generate::generate(seed, difficulty);
    match file {
        None => {
            let _ = write!(out, "{text}");
            0
        }
        Some(path) => {
            if !write_new(path, &text, err) {
                return EXIT_INVALID;
            }
            let _ = writeln!(
                out,
                "wrote {} ({:?}: {} / {} / {}{})",
                path.display(),
                recipe.difficulty,
                recipe.business,
                recipe.service,
                recipe.failure,
                recipe.complications.iter().map(|c| format!(" + {c}")).collect::<String>()
            );
            let _ = writeln!(out, "play it: sevdrill play {}", path.display());
            0
        }
    }
}

/// "Checkout outage (EU)" → "checkout-outage-eu".
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// `sevdrill new NAME`: a commented scaffold that passes `check` and plays.
pub fn new_scenario(name: &str, dir: &Path, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let id = slug(name);
    if id.is_empty() {
        let _ = writeln!(
            err,
            "error: \"{name}\" has no letters or digits to make a scenario id from\n  = expected: a name such as \"Checkout outage\""
        );
        return EXIT_INVALID;
    }
    // The title is the name on one line, as the format can hold it: no
    // control characters, no quotes or backslashes to break the string, and
    // no `${`, which would read as a placeholder.
    let title: String = name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !crate::escape::is_control(*c) && !crate::escape::is_bidi_control(*c) && *c != '\\')
        .map(|c| if c == '"' { '\'' } else { c })
        .take(200)
        .collect::<String>()
        .replace("${", "$ {");
    let text = include_str!("authoring/scaffold.ron").replace("__ID__", &id).replace("__TITLE__", &title);
    let path = dir.join(format!("{id}.ron"));
    // A scaffold that `check` would refuse is never written.
    if let Err(diags) = crate::scenario::load_str(&path.display().to_string(), &text) {
        let _ = writeln!(err, "error: a scenario named \"{name}\" cannot be written as a valid file");
        for d in diags.iter().filter(|d| d.is_error()).take(3) {
            let _ = write!(err, "{d}");
        }
        let _ = writeln!(err, "  = help: choose a plainer name");
        return EXIT_INVALID;
    }
    if !write_new(&path, &text, err) {
        return EXIT_INVALID;
    }
    let _ = writeln!(out, "wrote {}", path.display());
    let _ = writeln!(
        out,
        "next: edit it, then `sevdrill check {}` and `sevdrill play {}`",
        path.display(),
        path.display()
    );
    0
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Md,
    Html,
    Json,
}

impl ReportFormat {
    /// The format a file name asks for: `.html`, `.json`, else Markdown.
    pub fn from_path(path: &Path) -> ReportFormat {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("html" | "htm") => ReportFormat::Html,
            Some("json") => ReportFormat::Json,
            _ => ReportFormat::Md,
        }
    }
}

pub struct ReportArgs<'a> {
    pub log: &'a Path,
    pub format: Option<ReportFormat>,
    pub out_file: Option<&'a Path>,
    pub scenario: Option<&'a Path>,
    pub scenarios: &'a Path,
    /// Replace an existing output file.
    pub force: bool,
}

/// Writes a generated file; an existing one is kept unless `force`.
pub(crate) fn write_generated(path: &Path, text: &str, force: bool, err: &mut dyn Write) -> bool {
    let existing = std::fs::symlink_metadata(path).ok();
    if existing.as_ref().is_some_and(|m| m.file_type().is_symlink()) {
        // --force replaces a report, never the file a link points to.
        let _ = writeln!(
            err,
            "error: {} is a symbolic link; sevdrill does not write through links\n  = help: remove the link or choose another file name",
            path.display()
        );
        return false;
    }
    if force && existing.is_some_and(|m| m.is_file()) {
        // Written beside it and renamed over it: the old report stays whole
        // until the new one is.
        let tmp = path.with_file_name(format!(
            ".{}.sevdrill-tmp",
            path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()
        ));
        let _ = std::fs::remove_file(&tmp);
        if write_new(&tmp, text, err) && std::fs::rename(&tmp, path).is_ok() {
            return true;
        }
        let _ = std::fs::remove_file(&tmp);
        let _ = writeln!(err, "error: cannot replace {}", path.display());
        return false;
    }
    let ok = write_new(path, text, err);
    if !ok && path.exists() {
        let _ = writeln!(err, "  = help: pass --force to replace it");
    }
    ok
}

/// `sevdrill report LOG [--format md|html|json] [-o FILE]`
pub fn report(args: ReportArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let Some((log, loaded)) = load_session(args.log, args.scenario, args.scenarios, err) else {
        return EXIT_INVALID;
    };
    let report = match crate::report::build(&loaded, &log, &args.log.display().to_string()) {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(err, "error: {}: {e}", args.log.display());
            return EXIT_INVALID;
        }
    };
    let format = args.format.or(args.out_file.map(ReportFormat::from_path)).unwrap_or(ReportFormat::Md);
    let Some(path) = args.out_file else {
        let text = match format {
            ReportFormat::Md => crate::report::to_markdown(&report, None),
            ReportFormat::Html => crate::report::to_html(&report),
            ReportFormat::Json => report.to_json() + "\n",
        };
        let _ = write!(out, "{text}");
        return 0;
    };
    let text = match format {
        ReportFormat::Html => crate::report::to_html(&report),
        ReportFormat::Json => report.to_json() + "\n",
        ReportFormat::Md => {
            // Markdown links its charts as SVG files written beside it.
            let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or("report".into());
            let sev = format!("{stem}.severity.svg");
            let cad = format!("{stem}.cadence.svg");
            let dir = path.parent().unwrap_or(Path::new(""));
            for (name, svg) in [
                (&sev, crate::report::chart::severity_calls_svg(&report.severity, &report.calls)),
                (&cad, crate::report::chart::cadence_svg(&report.cadence)),
            ] {
                if !write_generated(&dir.join(name), &svg, args.force, err) {
                    return EXIT_INVALID;
                }
            }
            crate::report::to_markdown(&report, Some((&sev, &cad)))
        }
    };
    if !write_generated(path, &text, args.force, err) {
        return EXIT_INVALID;
    }
    let _ = writeln!(out, "wrote {}", path.display());
    0
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TrendsFormat {
    Text,
    Md,
    Html,
    Json,
}

pub struct TrendsArgs<'a> {
    pub folder: &'a Path,
    pub format: Option<TrendsFormat>,
    pub out_file: Option<&'a Path>,
    pub scenarios: &'a Path,
    pub force: bool,
}

/// `sevdrill trends DIR`: every saved session in a folder, summed up.
pub fn trends(args: TrendsArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    use crate::report::{trends, trends_view};
    let t = match trends::gather(args.folder, args.scenarios) {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            return EXIT_INVALID;
        }
    };
    for s in &t.skipped {
        let _ = writeln!(err, "warning: left out {}: {}", s.file, s.reason);
    }
    for file in &t.cut_off {
        let _ = writeln!(
            err,
            "warning: the last line of {file} was cut off (a crash mid-write?); the session is included without it"
        );
    }
    if t.sessions.is_empty() && t.forks.is_empty() {
        let _ = writeln!(
            err,
            "error: no session in {} could be read\n  = help: sessions are the .jsonl files the trainer writes in sessions/, or `sevdrill run --save`",
            args.folder.display()
        );
        return EXIT_INVALID;
    }
    let format = args
        .format
        .or(args.out_file.map(|p| match ReportFormat::from_path(p) {
            ReportFormat::Html => TrendsFormat::Html,
            ReportFormat::Json => TrendsFormat::Json,
            ReportFormat::Md => TrendsFormat::Md,
        }))
        .unwrap_or(TrendsFormat::Text);
    let mut chart_files = Vec::new();
    if let (TrendsFormat::Md, Some(path)) = (format, args.out_file) {
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or("trends".into());
        let dir = path.parent().unwrap_or(Path::new(""));
        for (name, _, svg) in trends_view::charts(&t) {
            let file = format!("{stem}.{name}.svg");
            if !write_generated(&dir.join(&file), &svg, args.force, err) {
                return EXIT_INVALID;
            }
            chart_files.push((name.to_string(), file));
        }
    }
    let text = match format {
        TrendsFormat::Text => trends_view::to_text(&t),
        TrendsFormat::Md => trends_view::to_markdown(&t, &chart_files),
        TrendsFormat::Html => trends_view::to_html(&t),
        TrendsFormat::Json => t.to_json() + "\n",
    };
    match args.out_file {
        None => {
            let _ = write!(out, "{text}");
        }
        Some(path) => {
            if !write_generated(path, &text, args.force, err) {
                return EXIT_INVALID;
            }
            let _ = writeln!(out, "wrote {} ({} sessions)", path.display(), t.sessions.len());
        }
    }
    0
}

/// `sevdrill list`: the built-in library and your own scenarios, with the
/// path each is opened by, and where your files live.
pub fn list(data: &crate::data_dir::DataDir, out: &mut dyn Write) -> u8 {
    let _ = writeln!(out, "built in ({} scenarios):", crate::built_in::scenarios().len());
    for s in built_in_scenarios() {
        let _ = writeln!(
            out,
            "  {:<32} {:<14} {}  [{}]",
            s.scenario.id,
            format!("{:?}", s.scenario.difficulty).to_lowercase(),
            s.scenario.title,
            s.path
        );
    }
    let yours = data.scenarios();
    let mine = load_paths(std::slice::from_ref(&yours));
    let mine: Vec<_> = mine.into_iter().filter(|(p, _)| p.extension().is_some_and(|x| x == "ron")).collect();
    let _ = writeln!(out, "yours, in {} ({}):", yours.display(), mine.len());
    for (path, r) in mine {
        match r {
            Ok(s) => {
                let _ = writeln!(
                    out,
                    "  {:<32} {}  [{}]",
                    s.scenario.id,
                    terminal(&s.scenario.title),
                    terminal(&path.display().to_string())
                );
            }
            Err(d) => {
                let n = d.iter().filter(|d| d.is_error()).count();
                let _ = writeln!(
                    out,
                    "  {:<32} does not validate ({n} errors)  [{}]",
                    "-",
                    terminal(&path.display().to_string())
                );
            }
        }
    }
    let _ = writeln!(out, "sessions are saved in {}", data.sessions().display());
    0
}
