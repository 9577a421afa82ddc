//! The live feed as cards — an icon, a word and a colour per channel, the
//! sender, the time, a NEW mark — drawn only where the scroll area shows
//! them, so a session with thousands of items draws as fast as a short one.

use super::live::actor_label;
use crate::gui::session::{FeedItem, Session};
use crate::gui::theme::colour;
use crate::scenario::Channel;
use crate::sim::Event;
use bevy_egui::egui::{self, Color32, RichText};

/// One feed item as the room reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    /// The channel of an inject, drawn as its icon (`assets/icons`).
    pub channel: Option<Channel>,
    /// A glyph for items that are not injects (replies, facts, actions).
    pub icon: &'static str,
    /// The channel in a word: meaning never rests on the icon or colour alone.
    pub word: &'static str,
    pub colour: Color32,
    pub from: String,
    pub at: String,
    pub text: String,
    pub unread: bool,
}

const SOCIAL: Color32 = Color32::from_rgb(200, 130, 240);

fn channel_look(c: Channel) -> (&'static str, &'static str, Color32) {
    let (icon, colour) = match c {
        Channel::Page => ("📟", colour::BAD),
        Channel::Chat => ("💬", colour::INFO),
        Channel::Ticket => ("🎫", colour::WARN),
        Channel::Email => ("✉", colour::INFO),
        Channel::Social => ("📣", SOCIAL),
        Channel::Call => ("📞", colour::GOOD),
        Channel::Monitoring => ("📈", colour::BAD),
    };
    (icon, c.word(), colour)
}

/// Whether the feed shows an event at all (cheap: no text is made).
pub fn shows(e: &Event) -> bool {
    e.on_feed()
}

/// The card for a feed item, or `None` for events the feed does not show.
pub fn card(s: &Session, item: &FeedItem) -> Option<Card> {
    if !shows(&item.event.event) {
        return None;
    }
    let at = s.wall_clock(item.event.at).format("%H:%M").to_string();
    let make = |icon, word, colour, from: &str, text: &str| Card {
        channel: None,
        icon,
        word,
        colour,
        from: from.to_string(),
        at: at.clone(),
        text: text.to_string(),
        unread: item.unread,
    };
    Some(match &item.event.event {
        Event::Inject { channel, from, text, .. } => {
            let (icon, word, c) = channel_look(*channel);
            Card { channel: Some(*channel), ..make(icon, word, c, from, text) }
        }
        Event::Reply { from, text } => make("↩", "REPLY", colour::INFO, from, text),
        Event::FactRevealed { text, .. } => make("🔎", "FACT", colour::GOOD, "", text),
        Event::Acted { by, what } => make("▶", "ACTION", colour::MUTED, &actor_label(s, by), what),
        Event::ImpactChanged { summary, users_percent, .. } => {
            make("📊", "IMPACT", colour::WARN, "", &format!("{summary} ({users_percent}% of users)"))
        }
        Event::Resolved { text } => make("✔", "RESOLVED", colour::GOOD, "", text),
        Event::TimeLimitReached => make(
            "⌛",
            "TIME LIMIT",
            colour::WARN,
            "",
            "the scenario's time is up — the facilitator may move to the review",
        ),
        // `shows` said no to the rest.
        _ => return None,
    })
}

/// Draws one card and returns its height.
fn draw_card(ui: &mut egui::Ui, c: &Card) -> f32 {
    let stroke =
        if c.unread { egui::Stroke::new(2.0, c.colour) } else { egui::Stroke::new(1.0, colour::FRAME) };
    let response = egui::Frame::NONE
        .stroke(stroke)
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(8, 4))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                match c.channel {
                    Some(channel) => {
                        crate::gui::icons::show(ui, channel, c.colour);
                        ui.label(RichText::new(c.word).color(c.colour).strong());
                    }
                    None => {
                        ui.label(RichText::new(format!("{} {}", c.icon, c.word)).color(c.colour).strong());
                    }
                }
                if !c.from.is_empty() {
                    ui.label(RichText::new(&c.from).strong());
                }
                ui.label(RichText::new(&c.at).color(colour::MUTED));
                if c.unread {
                    ui.label(RichText::new("NEW").color(c.colour).strong().underline());
                }
            });
            let body = RichText::new(&c.text);
            ui.label(if c.word == "ACTION" { body.color(colour::MUTED) } else { body });
        })
        .response;
    response.rect.height() + ui.spacing().item_spacing.y
}

/// What the list remembers between frames: each card's measured height at
/// the width it was measured.
#[derive(Clone, Default)]
struct Heights {
    width: f32,
    rows: Vec<f32>,
}

/// The cards in a scroll area that keeps to the newest one, laying out only
/// those in view; heights not yet measured are estimated from the text.
/// `count` cards, made by `card(i)` only for those laid out (and once for
/// each new one, to estimate its height): a long feed costs no formatting
/// for what is out of view.
pub fn show(ui: &mut egui::Ui, id: &str, count: usize, card: impl Fn(usize) -> Card, max_height: f32) {
    let id = ui.make_persistent_id(id);
    let width = ui.available_width();
    let mut heights: Heights = ui.data(|d| d.get_temp(id)).unwrap_or_default();
    if (heights.width - width).abs() > 0.5 {
        heights = Heights { width, rows: Vec::new() };
    }
    let line = ui.text_style_height(&egui::TextStyle::Body);
    let chars_per_line = (width / (line * 0.5)).max(10.0);
    let estimate = |c: &Card| {
        let lines = (c.text.chars().count() as f32 / chars_per_line).ceil().max(1.0) + 1.0;
        lines * line * 1.15 + 12.0
    };
    heights.rows.truncate(count);
    for i in heights.rows.len()..count {
        heights.rows.push(estimate(&card(i)));
    }
    egui::ScrollArea::vertical().id_salt(id).max_height(max_height).stick_to_bottom(true).show_viewport(
        ui,
        |ui, viewport| {
            ui.set_width(width);
            let mut top = 0.0;
            let mut first = 0;
            while first < count && top + heights.rows[first] < viewport.min.y {
                top += heights.rows[first];
                first += 1;
            }
            ui.add_space(top);
            let mut y = top;
            let mut i = first;
            while i < count && y < viewport.max.y {
                let h = draw_card(ui, &card(i));
                heights.rows[i] = h;
                y += h;
                i += 1;
            }
            let rest: f32 = heights.rows[i..].iter().sum();
            ui.add_space(rest.max(0.0));
        },
    );
    ui.data_mut(|d| d.insert_temp(id, heights));
}
