//! Intents: what a screen asks for. Drawing code returns them; the `apply`
//! system is the one place that changes the session and the screen.

use super::GuiOptions;
use super::screens::{Screen, library::Catalog, setup::SetupForm};
use super::session::{Record, Session, Speed};
use super::theme::Presentation;
use crate::scenario::load_file;
use crate::sim::{Action, Actor, Participant};
use bevy::prelude::*;
use std::path::{Path, PathBuf};

// Intents live for one frame; boxing the action variant would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Intent {
    /// Library → setup for this scenario file.
    OpenScenario(PathBuf),
    /// Setup → briefing: create the engine and its journal.
    StartSession {
        path: PathBuf,
        seed: u64,
        participants: Vec<Participant>,
        scores_live: bool,
        speed: Speed,
        record: Record,
    },
    /// Open the session just started to participants' own devices.
    HostSeats,
    /// Continue an unfinished session from its journal.
    Resume(PathBuf),
    /// Briefing → live: the clock starts.
    BeginIncident,
    Act(Actor, Action),
    SetSpeed(Speed),
    JumpToNextEvent,
    SetActing(usize),
    MarkRead,
    Goto(Screen),
    TogglePresentation,
    ToggleHelp,
    ToggleScores,
    /// Write the debrief report of the session (HTML and Markdown) beside its journal.
    ExportReport,
    /// Open the trends across every saved session.
    OpenTrends,
    /// Write the trends as HTML beside the sessions.
    ExportTrends,
    /// Open a saved session in the replay, at a moment or at its end.
    OpenReplay {
        path: PathBuf,
        at: Option<crate::time::Dur>,
    },
    /// Replay → a new live session played on from this moment of the
    /// replayed one (a fork), the clock paused.
    PlayFrom {
        path: PathBuf,
        at: crate::time::Dur,
    },
}

/// Intents collected this frame, applied in order by `apply`.
#[derive(Resource, Default, Debug)]
pub struct Intents(pub Vec<Intent>);

impl Intents {
    pub fn extend(&mut self, more: impl IntoIterator<Item = Intent>) {
        self.0.extend(more);
    }
}

/// Shown over any screen when set: the keyboard help.
#[derive(Resource, Default, Debug)]
pub struct HelpShown(pub bool);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Intents>().init_resource::<HelpShown>().add_systems(PostUpdate, apply);
}

fn apply(world: &mut World) {
    let intents = std::mem::take(&mut world.resource_mut::<Intents>().0);
    for intent in intents {
        apply_one(world, intent);
    }
}

fn goto(world: &mut World, screen: Screen) {
    world.resource_mut::<NextState<Screen>>().set(screen);
}

fn notice(world: &mut World, text: String) {
    if let Some(mut s) = world.get_resource_mut::<Session>() {
        s.notice = Some(text);
    } else if let Some(mut c) = world.get_resource_mut::<Catalog>() {
        c.notice = Some(text);
    }
}

fn apply_one(world: &mut World, intent: Intent) {
    match intent {
        Intent::OpenScenario(path) => match load_file(&path) {
            Ok(loaded) => {
                world.insert_resource(SetupForm::new(loaded));
                goto(world, Screen::Setup);
            }
            Err(d) => notice(world, format!("{} cannot be opened: {}", path.display(), d[0].message)),
        },
        Intent::StartSession { path, seed, participants, scores_live, speed, record } => {
            let sessions = world.resource::<GuiOptions>().sessions.clone();
            // The setup form holds the last version that validated, which
            // may be newer (hot reload) or better (a broken save) than the file.
            let from_form = world
                .get_resource::<SetupForm>()
                .filter(|f| std::path::Path::new(&f.loaded.path) == path)
                .map(|f| f.loaded.clone());
            let loaded = match from_form.map(Ok).unwrap_or_else(|| load_file(&path)) {
                Ok(l) => l,
                Err(d) => return notice(world, d[0].to_string()),
            };
            match crate::session::Session::start_recorded(
                loaded,
                seed,
                participants,
                Some(&sessions),
                &record,
            )
            .map(Session)
            {
                Ok(mut s) => {
                    s.scores_live = scores_live;
                    s.start_speed = speed;
                    world.insert_resource(s);
                    goto(world, Screen::Briefing);
                }
                Err(e) => notice(world, e),
            }
        }
        Intent::Resume(path) => {
            let Some(header) = crate::replay::SessionLog::load(&path).ok().map(|l| l.header) else {
                return notice(world, format!("{} is not a readable session", path.display()));
            };
            let scenario_path = PathBuf::from(&header.scenario_path);
            let loaded = match load_file(&scenario_path) {
                Ok(l) => l,
                Err(_) => return notice(world, format!("the scenario {} is gone", scenario_path.display())),
            };
            match crate::session::Session::resume(loaded, &path).map(Session) {
                Ok(s) => {
                    let screen = Screen::for_phase(s.phase());
                    world.insert_resource(s);
                    goto(world, screen);
                }
                Err(e) => notice(world, e),
            }
        }
        Intent::HostSeats => match super::host::link_for_session(world) {
            Ok(link) => world.insert_resource(link),
            Err(e) => notice(world, format!("Participants cannot join from their devices: {e}")),
        },
        Intent::BeginIncident => {
            let Some(mut s) = world.get_resource_mut::<Session>() else { return };
            match s.begin_incident() {
                Ok(()) => goto(world, Screen::Live),
                Err(e) => s.notice = Some(e),
            }
        }
        Intent::Act(actor, action) => {
            let next = match &action {
                Action::StartIncident => Some(Screen::Live),
                Action::BeginReview => Some(Screen::Review),
                Action::FinishReview => Some(Screen::Debrief),
                _ => None,
            };
            let Some(mut s) = world.get_resource_mut::<Session>() else { return };
            match s.act(&actor, action) {
                Ok(()) => {
                    if let Some(screen) = next {
                        goto(world, screen);
                    }
                }
                Err(e) => s.notice = Some(format!("Not done: {e}")),
            }
        }
        Intent::SetSpeed(speed) => {
            if let Some(mut s) = world.get_resource_mut::<Session>() {
                s.set_speed(speed);
            }
        }
        Intent::JumpToNextEvent => {
            if let Some(mut s) = world.get_resource_mut::<Session>() {
                s.jump_to_next_event();
            }
        }
        Intent::SetActing(i) => {
            if let Some(mut s) = world.get_resource_mut::<Session>() {
                s.acting = i;
            }
        }
        Intent::MarkRead => {
            if let Some(mut s) = world.get_resource_mut::<Session>() {
                s.mark_all_read();
            }
        }
        Intent::Goto(screen) => goto(world, screen),
        Intent::TogglePresentation => {
            let mut p = world.resource_mut::<Presentation>();
            p.0 = !p.0;
        }
        Intent::ToggleHelp => {
            let mut h = world.resource_mut::<HelpShown>();
            h.0 = !h.0;
        }
        Intent::OpenReplay { path, at } => match super::screens::replay::ReplayView::open(&path, at) {
            Ok(view) => {
                world.insert_resource(view);
                goto(world, Screen::Replay);
            }
            Err(e) => notice(world, e),
        },
        Intent::PlayFrom { path, at } => {
            let sessions = world.resource::<GuiOptions>().sessions.clone();
            let Some(view) = world.get_resource::<super::screens::replay::ReplayView>() else { return };
            let loaded = view.loaded.clone();
            match crate::session::Session::fork(loaded, &path, at, &sessions) {
                Ok(s) => {
                    let mut s = Session(s);
                    let clock = s.wall_clock(at).format("%H:%M").to_string();
                    s.notice = Some(format!(
                        "What if: playing on from {clock} ({}) of the session replayed, with everything done up to then. The clock is paused; start it when the room is ready.",
                        at.clock()
                    ));
                    let screen = Screen::for_phase(s.phase());
                    world.insert_resource(s);
                    goto(world, screen);
                }
                Err(e) => {
                    if let Some(mut v) = world.get_resource_mut::<super::screens::replay::ReplayView>() {
                        v.notice = Some(format!("Cannot play on from here: {e}"));
                    }
                }
            }
        }
        Intent::ExportReport => {
            let Some(mut s) = world.get_resource_mut::<Session>() else { return };
            s.notice = Some(match super::export::report(&s) {
                Ok(path) => format!("Report written to {}", path.display()),
                Err(e) => format!("The report could not be written: {e}"),
            });
        }
        Intent::OpenTrends => {
            let options = world.resource::<GuiOptions>().clone();
            match super::screens::trends::TrendsView::open(
                &options.sessions,
                options.user_scenarios.as_deref().unwrap_or(Path::new("")),
            ) {
                Ok(view) => {
                    world.insert_resource(view);
                    goto(world, Screen::Trends);
                }
                Err(e) => notice(world, e),
            }
        }
        Intent::ExportTrends => {
            let dir = world.resource::<GuiOptions>().sessions.clone();
            if let Some(mut v) = world.get_resource_mut::<super::screens::trends::TrendsView>() {
                v.notice = Some(match super::export::trends(&v.trends, &dir) {
                    Ok(path) => format!("Trends written to {}", path.display()),
                    Err(e) => format!("The trends could not be written: {e}"),
                });
            }
        }
        Intent::ToggleScores => {
            if let Some(mut s) = world.get_resource_mut::<Session>() {
                s.scores_live = !s.scores_live;
            }
        }
    }
}
