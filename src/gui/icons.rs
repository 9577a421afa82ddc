//! The channel icons of `assets/icons` (white shapes on transparent, built
//! into the binary), loaded once into each egui context and tinted with the
//! channel's colour where they are drawn.

use crate::scenario::Channel;
use bevy_egui::egui::{self, ColorImage, TextureHandle, TextureOptions};

/// The PNG of each channel's icon.
fn png(channel: Channel) -> (&'static str, &'static [u8]) {
    match channel {
        Channel::Page => ("page", include_bytes!("../../assets/icons/page.png")),
        Channel::Chat => ("chat", include_bytes!("../../assets/icons/chat.png")),
        Channel::Ticket => ("ticket", include_bytes!("../../assets/icons/ticket.png")),
        Channel::Email => ("email", include_bytes!("../../assets/icons/email.png")),
        Channel::Social => ("social", include_bytes!("../../assets/icons/social.png")),
        Channel::Call => ("call", include_bytes!("../../assets/icons/call.png")),
        Channel::Monitoring => ("alert", include_bytes!("../../assets/icons/alert.png")),
    }
}

pub const ALL: [Channel; 7] = [
    Channel::Page,
    Channel::Chat,
    Channel::Ticket,
    Channel::Email,
    Channel::Social,
    Channel::Call,
    Channel::Monitoring,
];

/// Decodes an icon to straight-alpha RGBA pixels.
pub fn decode(bytes: &[u8]) -> Result<ColorImage, String> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::ALPHA);
    let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
    let mut buf = vec![0; reader.output_buffer_size().ok_or("the image is too large")?];
    let info = reader.next_frame(&mut buf).map_err(|e| e.to_string())?;
    if info.color_type != png::ColorType::Rgba || info.bit_depth != png::BitDepth::Eight {
        return Err(format!("expected 8-bit RGBA, found {:?} {:?}", info.color_type, info.bit_depth));
    }
    buf.truncate(info.line_size * info.height as usize);
    Ok(ColorImage::from_rgba_unmultiplied([info.width as usize, info.height as usize], &buf))
}

/// The texture of a channel's icon in this context, loaded on first use
/// and kept in the context's memory; `None` only if the built-in file
/// does not decode (a test holds that they all do).
pub fn texture(ctx: &egui::Context, channel: Channel) -> Option<TextureHandle> {
    let (name, bytes) = png(channel);
    let id = egui::Id::new(("sevdrill-icon", name));
    if let Some(t) = ctx.data(|d| d.get_temp::<TextureHandle>(id)) {
        return Some(t);
    }
    let image = decode(bytes).ok()?;
    let handle = ctx.load_texture(format!("icon-{name}"), image, TextureOptions::LINEAR);
    ctx.data_mut(|d| d.insert_temp(id, handle.clone()));
    Some(handle)
}

/// The icon at the height of a line of text, tinted: the caller puts the
/// channel's word beside it, so meaning never rests on the picture.
pub fn show(ui: &mut egui::Ui, channel: Channel, tint: egui::Color32) {
    let side = ui.text_style_height(&egui::TextStyle::Body) * 1.1;
    if let Some(t) = texture(ui.ctx(), channel) {
        ui.add(egui::Image::new((t.id(), egui::vec2(side, side))).tint(tint));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_channel_has_an_icon_that_decodes_to_a_visible_square() {
        for c in ALL {
            let (name, bytes) = png(c);
            let img = decode(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(img.size, [64, 64], "{name}");
            let opaque = img.pixels.iter().filter(|p| p.a() > 128).count();
            // A shape, not an empty or filled square.
            assert!((300..3500).contains(&opaque), "{name}: {opaque} opaque pixels");
        }
    }
}
