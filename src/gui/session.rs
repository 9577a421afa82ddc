//! The running session as a Bevy resource: the core session
//! (`crate::session`) that the screens read and the intents act on.

use bevy::prelude::*;

pub use crate::session::{FeedItem, Record, Speed};

pub(super) fn plugin(_app: &mut App) {}

/// Made by wrapping a core session: `Session(core::Session::start(…)?)`.
#[derive(Resource, Deref, DerefMut)]
pub struct Session(pub crate::session::Session);
