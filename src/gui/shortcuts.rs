//! Keyboard control: the clock and every live action category have a key;
//! `?` or F1 shows them. Letter keys act only while no text field has focus.

use super::intent::{HelpShown, Intent, Intents};
use super::screens::Screen;
use super::screens::live::{LiveForms, Tab};
use super::session::Speed;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use egui::Key;

/// Every shortcut, for the help overlay and the README.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("? or F1", "show or hide this help"),
    ("Space", "pause / resume the clock"),
    ("1 2 3 4", "clock at 1×, 2×, 5×, 10×"),
    ("N", "jump to the next event"),
    ("S", "severity"),
    ("H", "incident channel (read history, post)"),
    ("A", "ask the responders"),
    ("B", "share business context"),
    ("E", "escalate"),
    ("C", "communicate"),
    ("D", "decide"),
    ("O", "coordinate teams"),
    ("T", "timeline notes"),
    ("R", "mark the feed read"),
    ("F11", "presentation mode"),
    ("Tab (in setup)", "move between fields"),
];

pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, (keys, help_overlay).chain());
}

/// Maps this frame's key presses to intents (and tab switches).
pub fn read_keys(
    ctx: &egui::Context,
    screen: Screen,
    paused: bool,
    forms: Option<&mut LiveForms>,
) -> Vec<Intent> {
    let mut out = Vec::new();
    let typing = ctx.egui_wants_keyboard_input();
    ctx.input(|i| {
        if i.key_pressed(Key::F1) || (!typing && i.key_pressed(Key::Questionmark)) {
            out.push(Intent::ToggleHelp);
        }
        if i.key_pressed(Key::F11) {
            out.push(Intent::TogglePresentation);
        }
        if typing || screen != Screen::Live {
            return;
        }
        if i.key_pressed(Key::Space) {
            out.push(Intent::SetSpeed(if paused { Speed::X1 } else { Speed::Paused }));
        }
        for (key, speed) in
            [(Key::Num1, Speed::X1), (Key::Num2, Speed::X2), (Key::Num3, Speed::X5), (Key::Num4, Speed::X10)]
        {
            if i.key_pressed(key) {
                out.push(Intent::SetSpeed(speed));
            }
        }
        if i.key_pressed(Key::N) {
            out.push(Intent::JumpToNextEvent);
        }
        if i.key_pressed(Key::R) {
            out.push(Intent::MarkRead);
        }
    });
    if !typing
        && screen == Screen::Live
        && let Some(forms) = forms
    {
        let keys = [
            (Key::S, Tab::Severity),
            (Key::H, Tab::Channel),
            (Key::A, Tab::Ask),
            (Key::B, Tab::Context),
            (Key::E, Tab::Escalate),
            (Key::C, Tab::Communicate),
            (Key::D, Tab::Decide),
            (Key::O, Tab::Coordinate),
            (Key::T, Tab::Notes),
        ];
        ctx.input(|i| {
            for (key, tab) in keys {
                if i.key_pressed(key) {
                    forms.tab = tab;
                }
            }
        });
    }
    out
}

fn keys(
    mut contexts: EguiContexts,
    screen: Res<State<Screen>>,
    session: Option<Res<super::session::Session>>,
    forms: Option<ResMut<LiveForms>>,
    mut intents: ResMut<Intents>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let paused = session.is_none_or(|s| s.speed == Speed::Paused);
    let mut forms = forms;
    intents.extend(read_keys(ctx, *screen.get(), paused, forms.as_deref_mut()));
    Ok(())
}

fn help_overlay(mut contexts: EguiContexts, mut shown: ResMut<HelpShown>) -> Result {
    if !shown.0 {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let mut open = true;
    egui::Window::new("Keyboard shortcuts").open(&mut open).collapsible(false).show(ctx, |ui| {
        egui::Grid::new("keys").striped(true).show(ui, |ui| {
            for (k, what) in SHORTCUTS {
                ui.label(egui::RichText::new(*k).monospace().strong());
                ui.label(*what);
                ui.end_row();
            }
        });
    });
    if !open {
        shown.0 = false;
    }
    Ok(())
}
