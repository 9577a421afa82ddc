//! Golden files of whole runs: the fixture scenario played with its script
//! must keep giving exactly the recorded scorecard. A deliberate change to
//! scoring is accepted by rerunning with `UPDATE_GOLDEN=1` and reviewing the diff.

use std::process::Command;

fn check(script: &str, golden: &str) {
    let out = Command::new(env!("CARGO_BIN_EXE_sevdrill"))
        .args(["run", "tests/fixtures/minimal.ron", "--actions", script, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let actual = String::from_utf8(out.stdout).unwrap();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(golden, &actual).unwrap();
    }
    let expected =
        std::fs::read_to_string(golden).expect("golden file exists; create it with UPDATE_GOLDEN=1");
    assert!(actual == expected, "scorecard differs from {golden}; if intended, rerun with UPDATE_GOLDEN=1");
}

#[test]
fn the_fixture_session_scores_as_recorded() {
    check("tests/fixtures/minimal.good.ron", "tests/golden/minimal.good.json");
}

#[test]
fn a_flawed_session_scores_as_recorded() {
    check("tests/fixtures/minimal.mixed.ron", "tests/golden/minimal.mixed.json");
}
