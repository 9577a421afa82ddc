//! Hot reload for scenario authors: while the trainer has a scenario open,
//! saving the file reloads it. On the setup screen the new version replaces
//! the old at once; during a session the session keeps the version it
//! started with (its journal is bound to it) and a banner offers to restart
//! on the new one. A file that no longer validates shows its errors and the
//! last good version stays loaded.

use super::intent::{Intent, Intents};
use super::screens::{Screen, setup::SetupForm};
use super::session::Session;
use crate::scenario::{LoadedScenario, content_hash, load_file};
use crate::source::Diagnostic;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// What the reloader last saw of the open scenario's file.
#[derive(Resource, Default)]
pub struct HotReload {
    pub path: Option<PathBuf>,
    stamp: Option<(SystemTime, u64)>,
    pub status: ReloadStatus,
    /// Shared with the waker thread, which only needs to know what to watch.
    watched: Arc<Mutex<Option<PathBuf>>>,
    /// Set by the waker thread when the file changed. While that thread
    /// runs, frames skip looking at the file unless it is set; without it
    /// (headless tests) every update looks.
    changed: Arc<AtomicBool>,
    waker_running: bool,
}

#[derive(Default)]
pub enum ReloadStatus {
    #[default]
    Quiet,
    /// The setup screen now shows the saved version.
    Reloaded { at: String, title: String },
    /// A session is running; this newer version can be started instead.
    NewVersion(Box<LoadedScenario>),
    /// The saved file does not validate; the last good version stays.
    Invalid(Vec<Diagnostic>),
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<HotReload>()
        .add_systems(Startup, start_waker)
        .add_systems(Update, watch)
        .add_systems(EguiPrimaryContextPass, banner);
}

/// (modified time, length) of a file, or `None` if it cannot be read.
fn stamp(path: &Path) -> Option<(SystemTime, u64)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok()?, m.len()))
}

/// The trainer sleeps between inputs, so a thread polls the file twice a
/// second and wakes the window loop when it changes; `watch` does the rest.
fn start_waker(mut reload: ResMut<HotReload>, proxy: Option<Res<bevy::winit::EventLoopProxyWrapper>>) {
    let Some(proxy) = proxy else { return };
    let proxy = (**proxy).clone();
    let watched = reload.watched.clone();
    let flag = reload.changed.clone();
    let started = std::thread::Builder::new().name("scenario-watcher".into()).spawn(move || {
        let mut last: Option<(PathBuf, Option<(SystemTime, u64)>)> = None;
        loop {
            std::thread::sleep(Duration::from_millis(500));
            let path = watched.lock().map(|p| p.clone()).unwrap_or(None);
            let now = path.as_ref().map(|p| (p.clone(), stamp(p)));
            if now != last {
                let changed = matches!((&last, &now), (Some((a, _)), Some((b, _))) if a == b);
                last = now;
                if changed {
                    flag.store(true, Ordering::Release);
                    if proxy.send_event(bevy::winit::WinitUserEvent::WakeUp).is_err() {
                        return; // the window loop has ended
                    }
                }
            }
        }
    });
    reload.waker_running = started.is_ok();
}

/// The open scenario: the setup form's, or the running session's.
fn open_scenario<'a>(
    screen: Screen,
    form: Option<&'a SetupForm>,
    session: Option<&'a Session>,
) -> Option<&'a LoadedScenario> {
    match screen {
        Screen::Setup => form.map(|f| &f.loaded),
        Screen::Briefing | Screen::Live | Screen::Review | Screen::Debrief => session.map(|s| &s.loaded),
        Screen::Library | Screen::Replay | Screen::Trends => None,
    }
}

fn watch(
    screen: Res<State<Screen>>,
    mut reload: ResMut<HotReload>,
    mut form: Option<ResMut<SetupForm>>,
    session: Option<Res<Session>>,
) {
    let screen = *screen.get();
    let Some(open) = open_scenario(screen, form.as_deref(), session.as_deref()) else {
        if reload.path.take().is_some() {
            reload.status = ReloadStatus::Quiet;
            *reload.watched.lock().expect("the watcher never panics") = None;
        }
        return;
    };
    let path = PathBuf::from(&open.path);
    if reload.path.as_ref() != Some(&path) {
        reload.stamp = stamp(&path);
        reload.status = ReloadStatus::Quiet;
        reload.path = Some(path.clone());
        *reload.watched.lock().expect("the watcher never panics") = Some(path);
        return;
    }
    if reload.waker_running && !reload.changed.swap(false, Ordering::AcqRel) {
        return;
    }
    let now = stamp(&path);
    if now == reload.stamp {
        return;
    }
    reload.stamp = now;
    // Unreadable now (too large, not a file): `load_file` below says why.
    let text = crate::source::SourceFile::read(&path).map(|s| s.text).unwrap_or_default();
    if content_hash(&text) == open.content_hash {
        // Saved without a change, or put back as it was.
        reload.status = ReloadStatus::Quiet;
        return;
    }
    reload.status = match load_file(&path) {
        Err(diags) => ReloadStatus::Invalid(diags.into_iter().filter(|d| d.is_error()).collect()),
        Ok(new) => match (screen, form.as_deref_mut()) {
            (Screen::Setup, Some(f)) => {
                let status = ReloadStatus::Reloaded {
                    at: chrono::Local::now().format("%H:%M:%S").to_string(),
                    title: new.scenario.title.clone(),
                };
                f.replace_scenario(new);
                status
            }
            _ => ReloadStatus::NewVersion(Box::new(new)),
        },
    };
}

fn banner(mut contexts: EguiContexts, mut reload: ResMut<HotReload>, mut intents: ResMut<Intents>) -> Result {
    if matches!(reload.status, ReloadStatus::Quiet) {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let file = reload.path.as_ref().map(|p| p.display().to_string()).unwrap_or_default();
    let (out, dismiss) = banner_view(ctx, &reload.status, &file);
    intents.extend(out);
    if dismiss {
        reload.status = ReloadStatus::Quiet;
    }
    Ok(())
}

/// Draws the reload banner; returns intents and whether it was dismissed.
pub fn banner_view(ctx: &egui::Context, status: &ReloadStatus, file: &str) -> (Vec<Intent>, bool) {
    let mut out = Vec::new();
    let mut dismiss = false;
    let title = match status {
        ReloadStatus::Invalid(_) => "⚠ Scenario file has errors",
        _ => "↻ Scenario file reloaded",
    };
    egui::Window::new(title)
        .id(egui::Id::new("hot-reload"))
        .anchor(egui::Align2::RIGHT_TOP, [-16.0, 56.0])
        .collapsible(false)
        .resizable(false)
        .default_width(560.0)
        .show(ctx, |ui| {
            match status {
                ReloadStatus::Quiet => {}
                ReloadStatus::Reloaded { at, title } => {
                    ui.label(format!("{file} was saved at {at}; setup now shows \"{title}\"."));
                }
                ReloadStatus::NewVersion(new) => {
                    ui.label(format!("{file} was saved with changes (\"{}\").", new.scenario.title));
                    ui.label("This session keeps the version it started with, so its journal still replays.");
                    if ui.button("Set up a new session on the saved version").clicked() {
                        out.push(Intent::OpenScenario(PathBuf::from(file)));
                        dismiss = true;
                    }
                }
                ReloadStatus::Invalid(diags) => {
                    ui.label("The last good version stays loaded. Fix the file and save again:");
                    for d in diags.iter().take(5) {
                        let place = if d.line > 0 {
                            format!("{}:{}:{}", d.file, d.line, d.column)
                        } else {
                            d.file.clone()
                        };
                        ui.label(egui::RichText::new(format!("{place}  {}", d.message)).monospace());
                        if let Some(h) = &d.help {
                            ui.label(egui::RichText::new(format!("    help: {h}")).monospace());
                        }
                    }
                    if diags.len() > 5 {
                        ui.label(format!(
                            "… and {} more; `sevdrill check {file}` lists them all.",
                            diags.len() - 5
                        ));
                    }
                }
            }
            if ui.button("Dismiss").clicked() {
                dismiss = true;
            }
        });
    (out, dismiss)
}
