//! Where your own files live: scenarios you write and sessions you play.
//! By default the platform's data folder (`~/.local/share/sevdrill` on Linux,
//! `~/Library/Application Support/org.sevdrill.sevdrill` on macOS,
//! `%APPDATA%\sevdrill\sevdrill\data` on Windows); `SEVDRILL_DATA_DIR` or
//! `--data-dir` moves it. The shipped library is built in (`built_in`).

use std::path::{Path, PathBuf};

/// The environment variable that moves the data folder.
pub const ENV: &str = "SEVDRILL_DATA_DIR";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    pub root: PathBuf,
}

impl DataDir {
    /// The flag's folder, else the environment's, else the platform's; a
    /// machine with no home folder falls back to `./sevdrill-data`.
    pub fn resolve(flag: Option<&Path>) -> DataDir {
        let root = flag
            .map(Path::to_path_buf)
            .or_else(|| std::env::var_os(ENV).filter(|v| !v.is_empty()).map(PathBuf::from))
            .or_else(|| {
                directories::ProjectDirs::from("org", "sevdrill", "sevdrill")
                    .map(|d| d.data_dir().to_path_buf())
            })
            .unwrap_or_else(|| PathBuf::from("sevdrill-data"));
        DataDir { root }
    }

    /// Your own scenarios.
    pub fn scenarios(&self) -> PathBuf {
        self.root.join("scenarios")
    }

    /// Session journals, and the reports exported beside them.
    pub fn sessions(&self) -> PathBuf {
        self.root.join("sessions")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flag_wins_and_the_folders_sit_under_the_root() {
        let d = DataDir::resolve(Some(Path::new("/tmp/x")));
        assert_eq!(d.scenarios(), Path::new("/tmp/x/scenarios"));
        assert_eq!(d.sessions(), Path::new("/tmp/x/sessions"));
    }
}
