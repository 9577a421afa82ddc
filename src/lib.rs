//! sevdrill: an incident-response simulator and game-day trainer.
//!
//! The core — scenarios, the engine, scoring and replays — is plain Rust
//! with no GUI dependency; the Bevy front end (feature `gui`) drives it.

pub mod authoring;
pub mod bounded_read;
pub mod built_in;
pub mod cli;
pub mod data_dir;
pub mod escape;
#[doc(hidden)]
pub mod fuzz;
#[cfg(feature = "gui")]
pub mod gui;
pub mod host;
pub mod language;
pub mod replay;
pub mod report;
pub mod rng;
pub mod rubric;
pub mod scenario;
pub mod scoring;
pub mod session;
pub mod sim;
pub mod source;
pub mod time;
