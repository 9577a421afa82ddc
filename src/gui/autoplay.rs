//! End-to-end mode: plays an action script through the real GUI — the same
//! intents a person's clicks produce — and saves a screenshot of each
//! screen, then quits. CI uses it to check that what the GUI saves scores
//! exactly as `sevdrill score` scores it.

use super::GuiOptions;
use super::intent::{Intent, Intents};
use super::screens::Screen;
use super::screens::setup::SetupForm;
use super::session::{Session, Speed};
use super::stats::cpu_ticks;
use crate::replay::{Script, ScriptStep};
use crate::sim::{Action, Actor};
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};
use bevy::winit::WinitSettings;
use std::collections::VecDeque;
use std::path::PathBuf;

#[derive(Debug, Clone)]
enum Step {
    Intent(Intent),
    /// Fill the setup form from the script.
    Setup,
    /// Move the clock to the step's time, then act.
    Play(ScriptStep),
    Shot(&'static str),
    /// A screenshot of the facilitator's window, if it is open.
    ShotFacilitator(&'static str),
    /// Wait until the screenshot just taken is on disk.
    AwaitShot,
    /// Wait until the screen is this one.
    AwaitScreen(Screen),
    /// Sit idle (paused, reactive redraws) for this long, for measuring.
    Idle(std::time::Duration),
    /// Open the saved session's replay halfway through.
    OpenReplay,
    /// Press "Play from here" at the replay's moment.
    PlayFromHere,
    /// In the fork: play only the script's review, from BeginReview on —
    /// "what if we had stopped there" — so the fork differs from the original.
    PlayReviewOnly,
    Exit,
}

/// Present while a script drives the GUI: the clock leaves the window
/// loop alone so every frame is drawn.
#[derive(Resource)]
pub struct Autoplaying;

#[derive(Resource)]
struct Driver {
    /// While idling: since when, the process's CPU ticks and the frame count then.
    idle_since: Option<(std::time::Instant, u64, u64)>,
    script: Script,
    steps: VecDeque<Step>,
    wait: u32,
    shots: PathBuf,
    pending: Vec<PathBuf>,
    pad_feed: Option<usize>,
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, start).add_systems(Update, drive.run_if(resource_exists::<Driver>));
}

/// Setup → briefing for the script's team, always the same team so the
/// next drill carries this one's commitments.
fn start_session(scenario: &std::path::Path, script: &Script) -> Step {
    Step::Intent(Intent::StartSession {
        path: scenario.to_path_buf(),
        seed: script.seed,
        participants: script.participants.clone(),
        scores_live: false,
        speed: Speed::Paused,
        record: crate::gui::session::Record { facilitator: "Autoplay".into(), team: "End-to-end".into() },
    })
}

fn start(mut commands: Commands, options: Res<GuiOptions>) {
    let (Some(script_path), Some(scenario)) = (&options.autoplay, &options.scenario) else { return };
    let script = match Script::load(script_path) {
        Ok((s, _, _)) => s,
        Err(d) => {
            eprintln!("{d}");
            std::process::exit(2);
        }
    };
    let shots = options.screenshots.clone().unwrap_or_else(|| PathBuf::from("screenshots"));
    let _ = std::fs::create_dir_all(&shots);
    let mut steps = VecDeque::new();
    // With --idle-secs, sit idle on every screen before its screenshot and
    // say what that cost (see `Step::Idle`).
    let idle = options.idle_secs.map(std::time::Duration::from_secs);
    let shot = |steps: &mut VecDeque<Step>, name| {
        if let Some(d) = idle {
            steps.push_back(Step::Idle(d));
        }
        steps.push_back(Step::Shot(name));
        steps.push_back(Step::AwaitShot);
    };
    shot(&mut steps, "1-library");
    steps.push_back(Step::Intent(Intent::OpenScenario(scenario.clone())));
    steps.push_back(Step::AwaitScreen(Screen::Setup));
    steps.push_back(Step::Setup);
    shot(&mut steps, "2-setup");
    steps.push_back(start_session(scenario, &script));
    steps.push_back(Step::AwaitScreen(Screen::Briefing));
    shot(&mut steps, "3-briefing");
    let live: Vec<&ScriptStep> =
        script.actions.iter().take_while(|s| s.action != Action::BeginReview).collect();
    let halfway = live.len() / 2;
    for (i, s) in script.actions.iter().enumerate() {
        if s.action == Action::BeginReview {
            shot(&mut steps, "5-live-end");
        }
        if s.action == Action::FinishReview {
            shot(&mut steps, "6-review");
        }
        steps.push_back(Step::Play(s.clone()));
        match s.action {
            Action::StartIncident => steps.push_back(Step::AwaitScreen(Screen::Live)),
            Action::BeginReview => steps.push_back(Step::AwaitScreen(Screen::Review)),
            Action::FinishReview => steps.push_back(Step::AwaitScreen(Screen::Debrief)),
            _ => {}
        }
        if i == halfway {
            shot(&mut steps, "4-live");
            steps.push_back(Step::ShotFacilitator("4-facilitator"));
            steps.push_back(Step::AwaitShot);
            steps.push_back(Step::Intent(Intent::TogglePresentation));
            shot(&mut steps, "4-live-presentation");
            steps.push_back(Step::Intent(Intent::TogglePresentation));
        }
    }
    shot(&mut steps, "7-debrief");
    steps.push_back(Step::Intent(Intent::ExportReport));
    steps.push_back(Step::OpenReplay);
    steps.push_back(Step::AwaitScreen(Screen::Replay));
    shot(&mut steps, "8-replay");
    // What if: play on from the replay's moment, finish, and see the comparison.
    steps.push_back(Step::PlayFromHere);
    steps.push_back(Step::AwaitScreen(Screen::Live));
    shot(&mut steps, "10-fork-live");
    steps.push_back(Step::PlayReviewOnly);
    steps.push_back(Step::AwaitScreen(Screen::Debrief));
    shot(&mut steps, "11-fork-debrief");
    steps.push_back(Step::Intent(Intent::OpenTrends));
    steps.push_back(Step::AwaitScreen(Screen::Trends));
    shot(&mut steps, "9-trends");
    // The library now recommends the next drill, and the team's next
    // briefing opens with what it committed to in this review.
    steps.push_back(Step::Intent(Intent::Goto(Screen::Library)));
    steps.push_back(Step::AwaitScreen(Screen::Library));
    shot(&mut steps, "12-library-recommended");
    steps.push_back(Step::Intent(Intent::OpenScenario(scenario.clone())));
    steps.push_back(Step::AwaitScreen(Screen::Setup));
    steps.push_back(Step::Setup);
    steps.push_back(start_session(scenario, &script));
    steps.push_back(Step::AwaitScreen(Screen::Briefing));
    shot(&mut steps, "13-briefing-carried");
    steps.push_back(Step::Exit);
    // Draw every frame while driving, so screenshots never wait on input.
    commands.insert_resource(WinitSettings::continuous());
    commands.insert_resource(Autoplaying);
    commands.insert_resource(Driver {
        idle_since: None,
        script,
        steps,
        wait: 10,
        shots,
        pending: Vec::new(),
        pad_feed: options.pad_feed,
    });
}

// A Bevy system lists what it touches as parameters; splitting it would only hide that.
#[allow(clippy::too_many_arguments)]
fn drive(
    mut commands: Commands,
    mut driver: ResMut<Driver>,
    screen: Res<State<Screen>>,
    session: Option<ResMut<Session>>,
    form: Option<ResMut<SetupForm>>,
    mut intents: ResMut<Intents>,
    mut exit: MessageWriter<AppExit>,
    facilitator: Query<Entity, With<super::facilitator::FacilitatorWindow>>,
    frames: Res<super::redraw::NextFrame>,
    replay: Option<Res<super::screens::replay::ReplayView>>,
) {
    if driver.wait > 0 {
        driver.wait -= 1;
        return;
    }
    let Some(step) = driver.steps.front().cloned() else { return };
    match step {
        Step::AwaitScreen(s) if *screen.get() != s => return,
        Step::AwaitScreen(_) => driver.wait = 5,
        Step::Intent(i) => {
            intents.0.push(i);
            driver.wait = 3;
        }
        Step::Setup => {
            if let Some(mut f) = form {
                f.people =
                    driver.script.participants.iter().map(|p| (p.name.clone(), p.roles.clone())).collect();
                f.seed = driver.script.seed;
            }
            driver.wait = 3;
        }
        Step::Idle(d) => {
            match driver.idle_since {
                None => {
                    // Hand the window loop back to the trainer's own reactive mode.
                    commands.remove_resource::<Autoplaying>();
                    commands.insert_resource(WinitSettings::desktop_app());
                    driver.idle_since = Some((std::time::Instant::now(), cpu_ticks(), frames.frames));
                    return;
                }
                Some((since, _, _)) if since.elapsed() < d => return,
                Some((since, ticks, from)) => {
                    // Linux reports CPU time in USER_HZ ticks, 100 a second.
                    let secs = since.elapsed().as_secs_f64();
                    let permille = (cpu_ticks() - ticks) as f64 * 10.0 / secs;
                    eprintln!(
                        "autoplay: idle on the {} screen: {permille:.0}‰ of one core over {secs:.0} s, {} frames",
                        screen.get().name(),
                        frames.frames - from
                    );
                    commands.insert_resource(WinitSettings::continuous());
                    commands.insert_resource(Autoplaying);
                    driver.idle_since = None;
                }
            }
        }
        Step::OpenReplay => {
            let Some(session) = session else { return };
            if let Some(path) = session.log_path.clone() {
                // Halfway through the live phase: the moment the fork plays on from.
                let live_end = session
                    .engine
                    .actions()
                    .iter()
                    .find(|a| a.action == Action::BeginReview)
                    .map(|a| a.at)
                    .unwrap_or(session.engine.now());
                let at = Some(crate::time::Dur(live_end.as_secs() / 2));
                intents.0.push(Intent::OpenReplay { path, at });
            }
            driver.wait = 3;
        }
        Step::PlayFromHere => {
            let Some(view) = replay else { return };
            intents.0.push(Intent::PlayFrom { path: view.path.clone(), at: view.cursor });
            driver.wait = 3;
        }
        Step::PlayReviewOnly => {
            let review: Vec<ScriptStep> = driver
                .script
                .actions
                .iter()
                .skip_while(|s| s.action != Action::BeginReview)
                .cloned()
                .collect();
            driver.steps.pop_front();
            for s in review.into_iter().rev() {
                let wait_for = match s.action {
                    Action::BeginReview => Some(Screen::Review),
                    Action::FinishReview => Some(Screen::Debrief),
                    _ => None,
                };
                if let Some(screen) = wait_for {
                    driver.steps.push_front(Step::AwaitScreen(screen));
                }
                driver.steps.push_front(Step::Play(s));
            }
            return;
        }
        Step::Play(s) => {
            let Some(mut session) = session else { return };
            // Measuring a long session: repeat what the feed holds up to the size asked.
            if let Some(n) = driver.pad_feed.filter(|n| session.feed.len() < *n && !session.feed.is_empty()) {
                let copies: Vec<_> =
                    session.feed.iter().cycle().take(n - session.feed.len()).cloned().collect();
                let tail = std::mem::take(&mut session.feed);
                session.feed = copies.into_iter().chain(tail).collect();
            }
            session.speed = Speed::Paused;
            session.advance_to(s.at);
            intents.0.push(Intent::Act(Actor { name: s.by.clone(), role: s.role.clone() }, s.action.clone()));
            driver.wait = 1;
        }
        Step::Shot(name) => {
            let path = driver.shots.join(format!("{name}.png"));
            let _ = std::fs::remove_file(&path);
            commands.spawn(Screenshot::primary_window()).observe(save_to_disk(path.clone()));
            driver.pending.push(path);
            driver.wait = 2;
        }
        Step::ShotFacilitator(name) => {
            if let Some(window) = facilitator.iter().next() {
                let path = driver.shots.join(format!("{name}.png"));
                let _ = std::fs::remove_file(&path);
                commands.spawn(Screenshot::window(window)).observe(save_to_disk(path.clone()));
                driver.pending.push(path);
            }
            driver.wait = 2;
        }
        Step::AwaitShot => {
            if !driver.pending.last().is_some_and(|p| p.exists()) {
                return;
            }
            driver.wait = 2;
        }
        Step::Exit => {
            // Leave only once every screenshot is on disk.
            if driver.pending.iter().all(|p| p.exists()) {
                exit.write(AppExit::Success);
            }
            return;
        }
    }
    driver.steps.pop_front();
}
