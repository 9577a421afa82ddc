//! The shipped library — scenarios and their scripts — built into the binary
//! (see `build.rs`), so sevdrill lists and plays it from any folder and
//! after `cargo install`. A built-in file has a path of its own,
//! `built-in:NAME.ron` or `built-in:scripts/NAME.KIND.ron`, which every
//! reader of files understands (`SourceFile::read`) and session logs record.

use std::path::Path;

mod table {
    include!(concat!(env!("OUT_DIR"), "/built_in.rs"));
}

/// What a built-in path starts with.
pub const PREFIX: &str = "built-in:";

/// `(name, text)` of every shipped scenario, in name order.
pub fn scenarios() -> &'static [(&'static str, &'static str)] {
    table::SCENARIOS
}

/// `(name, text)` of every shipped action script (`scripts/NAME.KIND.ron`).
pub fn scripts() -> &'static [(&'static str, &'static str)] {
    table::SCRIPTS
}

/// The path of a built-in file by its name in the table.
pub fn path_of(name: &str) -> String {
    format!("{PREFIX}{name}")
}

/// The text of a built-in path, if `path` is one and it exists.
pub fn text(path: &Path) -> Option<&'static str> {
    let name = path.to_str()?.strip_prefix(PREFIX)?;
    table::SCENARIOS.iter().chain(table::SCRIPTS).find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// Whether `path` names the built-in library at all (existing or not).
pub fn is_built_in(path: &Path) -> bool {
    path.to_str().is_some_and(|p| p.starts_with(PREFIX))
}

/// The built-in scenario whose file is `STEM.ron`, for commands given a
/// scenario by its id where a file path was expected.
pub fn scenario_path(stem: &str) -> Option<String> {
    let name = format!("{stem}.ron");
    table::SCENARIOS.iter().any(|(n, _)| *n == name).then(|| path_of(&name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_file_is_built_in_and_readable_by_its_path() {
        let on_disk = std::fs::read_dir("scenarios")
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "ron"));
        assert_eq!(scenarios().len(), on_disk.count());
        let path = scenario_path("payments-peak-outage").unwrap();
        assert!(text(Path::new(&path)).unwrap().contains("payments-peak-outage"));
        assert!(text(Path::new("built-in:scripts/payments-peak-outage.exemplary.ron")).is_some());
        assert!(text(Path::new("built-in:nope.ron")).is_none());
        assert!(text(Path::new("scenarios/payments-peak-outage.ron")).is_none());
    }
}
