//! The crash-safe journal: the header and each action are written and
//! flushed to disk as they happen, so a killed process loses nothing.

use super::log::{LogEntry, LogHeader};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

pub struct Journal {
    file: File,
    path: PathBuf,
}

impl Journal {
    /// Starts a new log; refuses to overwrite an existing file.
    pub fn create(path: &Path, header: &LogHeader) -> std::io::Result<Journal> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let file = OpenOptions::new().write(true).create_new(true).open(path)?;
        let mut j = Journal { file, path: path.to_path_buf() };
        j.write_line(&serde_json::to_string(header).expect("headers serialise"))?;
        Ok(j)
    }

    /// Reopens an existing log to continue a session after a crash. A
    /// cut-off last line is removed first so the file stays valid.
    pub fn resume(path: &Path) -> std::io::Result<Journal> {
        let bytes = crate::bounded_read::read_regular(path, super::log::MAX_LOG_BYTES, "a session log")
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        let text =
            String::from_utf8(bytes).map_err(|_| std::io::Error::other("the log is not UTF-8 text"))?;
        if !text.is_empty() && !text.ends_with('\n') {
            let keep = text.rfind('\n').map(|i| i + 1).unwrap_or(0);
            let f = OpenOptions::new().write(true).open(path)?;
            f.set_len(keep as u64)?;
            f.sync_all()?;
        }
        let file = OpenOptions::new().append(true).open(path)?;
        Ok(Journal { file, path: path.to_path_buf() })
    }

    pub fn append(&mut self, entry: &LogEntry) -> std::io::Result<()> {
        self.write_line(&serde_json::to_string(entry).expect("entries serialise"))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn write_line(&mut self, line: &str) -> std::io::Result<()> {
        self.file.write_all(line.as_bytes())?;
        self.file.write_all(b"\n")?;
        self.file.flush()?;
        self.file.sync_data()
    }
}
