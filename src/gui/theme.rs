//! Looks: a laptop style and a presentation style for projectors (body text
//! of at least 24 px at 1920×1080, high contrast). Meaning never rests on
//! colour alone: every coloured mark also has a word or symbol.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

/// Whether presentation mode is on.
#[derive(Resource, Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Presentation(pub bool);

pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, apply_style);
}

/// The laptop style's background, which also tells a styled context apart.
pub const LAPTOP_PANEL: egui::Color32 = egui::Color32::from_rgb(24, 26, 32);

/// Body text size in points for each mode.
pub fn body_size(presentation: bool) -> f32 {
    if presentation { 26.0 } else { 16.0 }
}

/// The font family presentation mode sets its text in (see `fonts`).
pub const LEGIBLE: &str = "legible";

/// egui's fonts plus Atkinson Hyperlegible (`assets/fonts`, SIL OFL 1.1) as
/// the `LEGIBLE` family, with egui's own fonts behind it for symbols and
/// emoji. Built in, so it is there wherever sevdrill runs.
pub fn fonts() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "atkinson-hyperlegible".into(),
        std::sync::Arc::new(egui::FontData::from_static(include_bytes!(
            "../../assets/fonts/AtkinsonHyperlegible-Regular.ttf"
        ))),
    );
    let mut legible = vec!["atkinson-hyperlegible".to_string()];
    legible.extend(fonts.families.get(&egui::FontFamily::Proportional).cloned().unwrap_or_default());
    fonts.families.insert(egui::FontFamily::Name(LEGIBLE.into()), legible);
    fonts
}

/// The style of each mode; presentation mode needs `fonts()` installed.
pub fn style(presentation: bool) -> egui::Style {
    use egui::{FontFamily, FontId, TextStyle};
    let body = body_size(presentation);
    let text = if presentation { FontFamily::Name(LEGIBLE.into()) } else { FontFamily::Proportional };
    let text_styles = [
        (TextStyle::Heading, FontId::new(body * 1.45, text.clone())),
        (TextStyle::Body, FontId::new(body, text.clone())),
        (TextStyle::Button, FontId::new(body, text.clone())),
        (TextStyle::Monospace, FontId::new(body * 0.92, FontFamily::Monospace)),
        (TextStyle::Small, FontId::new(body * 0.8, text)),
    ]
    .into();
    let mut style = egui::Style { text_styles, ..Default::default() };
    let mut v = egui::Visuals::dark();
    if presentation {
        v.override_text_color = Some(egui::Color32::WHITE);
        v.panel_fill = egui::Color32::from_rgb(8, 8, 12);
        v.window_fill = egui::Color32::from_rgb(16, 16, 22);
        v.extreme_bg_color = egui::Color32::BLACK;
        v.selection.bg_fill = egui::Color32::from_rgb(0, 90, 200);
        v.widgets.inactive.bg_stroke = egui::Stroke::new(1.5, egui::Color32::from_gray(170));
    } else {
        v.panel_fill = LAPTOP_PANEL;
    }
    // The window is cleared to the panel colour (see `apply_style`), so
    // panels need not fill it again: on a software renderer each full-screen
    // fill is a large share of a frame.
    v.panel_fill = egui::Color32::TRANSPARENT;
    style.visuals = v;
    style.spacing.item_spacing = egui::vec2(body * 0.5, body * 0.35);
    style.spacing.button_padding = egui::vec2(body * 0.45, body * 0.2);
    style.spacing.interact_size.y = body * 1.5;
    style
}

/// Semantic colours, each always paired with a word or symbol.
pub mod colour {
    use bevy_egui::egui::Color32;
    pub const GOOD: Color32 = Color32::from_rgb(90, 200, 120);
    pub const WARN: Color32 = Color32::from_rgb(240, 190, 60);
    pub const BAD: Color32 = Color32::from_rgb(240, 90, 80);
    pub const INFO: Color32 = Color32::from_rgb(110, 170, 250);
    pub const MUTED: Color32 = Color32::from_gray(150);
    /// The outline of a card that needs no attention.
    pub const FRAME: Color32 = Color32::from_gray(70);
}

/// The colour behind every panel in each mode.
pub fn background(presentation: bool) -> egui::Color32 {
    if presentation { egui::Color32::from_rgb(8, 8, 12) } else { LAPTOP_PANEL }
}

fn apply_style(
    mut contexts: EguiContexts,
    presentation: Res<Presentation>,
    mut applied: Local<Option<bool>>,
    mut fonts_set: Local<bool>,
    mut clear: ResMut<ClearColor>,
) {
    if *applied == Some(presentation.0) {
        return;
    }
    let [r, g, b, _] = background(presentation.0).to_array();
    clear.0 = Color::srgb_u8(r, g, b);
    if let Ok(ctx) = contexts.ctx_mut() {
        // New fonts take effect from the next pass: install them first, and
        // only then a style that names the legible family.
        if !*fonts_set {
            ctx.set_fonts(fonts());
            *fonts_set = true;
            return;
        }
        let chosen = style(presentation.0);
        ctx.all_styles_mut(|s| *s = chosen.clone());
        *applied = Some(presentation.0);
    }
}
