//! Scenarios: the RON schema, loading with positions, and validation.

pub mod catalog;
mod load;
mod model;
mod people;
mod validate;
pub mod variants;

pub use load::{LoadedScenario, content_hash, load_file, load_paths, load_str, parse_typed};
pub use model::*;
