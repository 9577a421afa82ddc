//! Small drawing helpers shared by the screens.

use crate::gui::theme::colour;
use crate::scenario::Sev;
use bevy_egui::egui::{self, RichText};

/// A notice line (a refusal, a warning) with a symbol, not colour alone.
pub fn notice(ui: &mut egui::Ui, text: &Option<String>) {
    if let Some(t) = text {
        ui.label(RichText::new(format!("⚠ {t}")).color(colour::WARN).strong());
    }
}

/// A severity badge: the word carries the meaning, the colour helps.
pub fn sev_badge(sev: Option<Sev>) -> RichText {
    match sev {
        Some(s) => {
            let c = match s {
                Sev::Sev1 => colour::BAD,
                Sev::Sev2 => colour::WARN,
                Sev::Sev3 => colour::INFO,
                Sev::Sev4 => colour::MUTED,
            };
            RichText::new(s.to_string()).color(c).strong()
        }
        None => RichText::new("not declared").color(colour::MUTED).italics(),
    }
}

/// A heading with a keyboard hint beside it.
pub fn section(ui: &mut egui::Ui, title: &str) {
    ui.add_space(4.0);
    ui.label(RichText::new(title).heading());
}

/// Text fields that grow with the content.
pub fn multiline(ui: &mut egui::Ui, text: &mut String, hint: &str) -> egui::Response {
    ui.add(egui::TextEdit::multiline(text).hint_text(hint).desired_rows(2).desired_width(f32::INFINITY))
}

pub fn single(ui: &mut egui::Ui, text: &mut String, hint: &str) -> egui::Response {
    ui.add(egui::TextEdit::singleline(text).hint_text(hint).desired_width(f32::INFINITY))
}
