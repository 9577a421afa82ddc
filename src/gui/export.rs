//! Writing reports from the trainer: a session's debrief (HTML, and Markdown
//! with its charts) into `reports/` beside the session journals, and the
//! trends across sessions. Each export replaces the previous one of the same
//! session, since it is made from that session alone.

use super::session::Session;
use crate::replay::SessionLog;
use crate::report::{self, chart, trends::Trends, trends_view};
use std::path::{Path, PathBuf};

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Writes the session's report; returns the HTML file's path.
pub fn report(s: &Session) -> Result<PathBuf, String> {
    let log_path = s.log_path.as_ref().ok_or("this session has no journal to report on")?;
    let log = SessionLog::load(log_path).map_err(|e| e.to_string())?;
    let file = log_path.display().to_string();
    let r = report::with_parent(report::from_engine(&s.engine, &log, &file), &s.loaded, &log, &file);
    let dir = log_path.parent().unwrap_or(Path::new(".")).join("reports");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let stem = log_path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or("session".into());
    let (sev, cad) = (format!("{stem}.severity.svg"), format!("{stem}.cadence.svg"));
    write(&dir.join(&sev), &chart::severity_calls_svg(&r.severity, &r.calls))?;
    write(&dir.join(&cad), &chart::cadence_svg(&r.cadence))?;
    write(&dir.join(format!("{stem}.md")), &report::to_markdown(&r, Some((&sev, &cad))))?;
    let html = dir.join(format!("{stem}.html"));
    write(&html, &report::to_html(&r))?;
    Ok(html)
}

/// Writes the trends as HTML beside the sessions; returns its path.
pub fn trends(t: &Trends, sessions: &Path) -> Result<PathBuf, String> {
    let dir = sessions.join("reports");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join("trends.html");
    write(&path, &trends_view::to_html(t))?;
    Ok(path)
}
