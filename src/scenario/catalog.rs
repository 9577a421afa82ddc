//! The scenario library as a list: the built-in scenarios and every `.ron`
//! file of the user's folder with its metadata, or with the errors that keep
//! it from loading — an invalid file is listed, never hidden.

use super::load::{LoadedScenario, load_paths, load_str};
use super::model::Difficulty;
use crate::source::Diagnostic;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct CatalogEntry {
    pub path: PathBuf,
    /// Where it came from: "built in" or "yours".
    pub origin: &'static str,
    pub scenario: Result<LoadedScenario, Vec<Diagnostic>>,
}

impl CatalogEntry {
    pub fn title(&self) -> String {
        match &self.scenario {
            Ok(s) => s.scenario.title.clone(),
            Err(_) => self.path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default(),
        }
    }

    pub fn difficulty(&self) -> Option<Difficulty> {
        self.scenario.as_ref().ok().map(|s| s.scenario.difficulty)
    }

    pub fn tags(&self) -> &[String] {
        self.scenario.as_ref().map(|s| s.scenario.tags.as_slice()).unwrap_or(&[])
    }
}

/// Lists the built-in library and, if given, the user's folder.
pub fn catalog(user: Option<&Path>) -> Vec<CatalogEntry> {
    let mut out: Vec<CatalogEntry> = crate::built_in::scenarios()
        .iter()
        .map(|(name, text)| {
            let path = crate::built_in::path_of(name);
            CatalogEntry { scenario: load_str(&path, text), path: path.into(), origin: "built in" }
        })
        .collect();
    if let Some(dir) = user.filter(|d| d.is_dir()) {
        for (path, scenario) in load_paths(&[dir.to_path_buf()]) {
            out.push(CatalogEntry { path, origin: "yours", scenario });
        }
    }
    out
}

/// A seeded pick among the valid entries, for "random scenario".
pub fn pick(entries: &[CatalogEntry], seed: u64) -> Option<usize> {
    let valid: Vec<usize> =
        entries.iter().enumerate().filter(|(_, e)| e.scenario.is_ok()).map(|(i, _)| i).collect();
    if valid.is_empty() {
        return None;
    }
    // SplitMix64: one stable step is all a pick needs.
    let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    Some(valid[(z % valid.len() as u64) as usize])
}
