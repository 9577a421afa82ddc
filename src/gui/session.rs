//! The running session as a Bevy resource: the core session
//! (`crate::session`) that the screens read and the intents act on.

use crate::scenario::LoadedScenario;
use crate::sim::Participant;
use bevy::prelude::*;
use std::path::Path;

pub use crate::session::{FeedItem, Record, Speed};

pub(super) fn plugin(_app: &mut App) {}

#[derive(Resource, Deref, DerefMut)]
pub struct Session(pub crate::session::Session);

impl Session {
    /// See `crate::session::Session::start`.
    pub fn start(
        loaded: LoadedScenario,
        seed: u64,
        participants: Vec<Participant>,
        sessions: Option<&Path>,
    ) -> Result<Session, String> {
        crate::session::Session::start(loaded, seed, participants, sessions).map(Session)
    }

    /// See `crate::session::Session::start_recorded`.
    pub fn start_recorded(
        loaded: LoadedScenario,
        seed: u64,
        participants: Vec<Participant>,
        sessions: Option<&Path>,
        record: &Record,
    ) -> Result<Session, String> {
        crate::session::Session::start_recorded(loaded, seed, participants, sessions, record).map(Session)
    }

    /// See `crate::session::Session::resume`.
    pub fn resume(loaded: LoadedScenario, path: &Path) -> Result<Session, String> {
        crate::session::Session::resume(loaded, path).map(Session)
    }
}
