//! `sevdrill report`: a debrief of a real saved session as Markdown, HTML or
//! JSON, with every section, both charts and the evidence an auditor needs;
//! damaged or out-of-date sessions are refused with a reason.

mod common;
use common::{sevdrill, text};
use std::path::{Path, PathBuf};

/// Plays a shipped script through `run --save` and returns the log's path.
fn saved_session(dir: &Path, scenario: &str, kind: &str) -> PathBuf {
    let log = dir.join(format!("{scenario}.{kind}.jsonl"));
    let out = sevdrill(&[
        "run",
        &format!("scenarios/{scenario}.ron"),
        "--actions",
        &format!("scenarios/scripts/{scenario}.{kind}.ron"),
        "--save",
        log.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    log
}

const SECTIONS: [&str; 8] = [
    "Evidence of training",
    "Scorecard",
    "Severity over time",
    "Communication cadence",
    "Findings",
    "Metrics",
    "Review output",
    "Timeline",
];

#[test]
fn the_markdown_report_has_every_section_and_links_its_charts() {
    let dir = tempfile::tempdir().unwrap();
    let log = saved_session(dir.path(), "payments-peak-outage", "exemplary");
    let printed = sevdrill(&["report", log.to_str().unwrap()]);
    assert_eq!(printed.status.code(), Some(0), "{}", text(&printed.stderr));
    let md = text(&printed.stdout);
    for s in SECTIONS {
        assert!(md.contains(&format!("## {s}")), "no section {s}:\n{md}");
    }
    let hash =
        sevdrill::scenario::load_file(Path::new("scenarios/payments-peak-outage.ron")).unwrap().content_hash;
    assert!(md.contains(&hash), "the evidence names the scenario version");
    for who in ["Dana (Incident commander)", "Lee (Communications lead, Scribe)", "Devon (Technical lead)"] {
        assert!(md.contains(who), "attendee {who} missing");
    }
    assert!(md.contains("| Action | Kind | Owner | Due | Tracking |"), "action items table");
    assert!(md.contains("1. "), "the why-chain is numbered");

    let file = dir.path().join("debrief.md");
    let out = sevdrill(&["report", log.to_str().unwrap(), "-o", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.contains("![Severity declared") && written.contains("(debrief.severity.svg)"));
    for chart in ["debrief.severity.svg", "debrief.cadence.svg"] {
        let svg = std::fs::read_to_string(dir.path().join(chart)).unwrap();
        assert!(svg.starts_with("<svg") && (svg.contains("<path") || svg.contains("<rect")), "{chart}");
    }
    // The same session always gives the same report.
    assert_eq!(text(&sevdrill(&["report", log.to_str().unwrap()]).stdout), md);
}

#[test]
fn the_html_report_is_one_self_contained_file_with_both_charts() {
    let dir = tempfile::tempdir().unwrap();
    let log = saved_session(dir.path(), "slow-burn-to-sev1", "anti-patterns");
    let file = dir.path().join("debrief.html");
    let out = sevdrill(&["report", log.to_str().unwrap(), "-o", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("name=\"viewport\""), "readable on a phone");
    assert!(html.contains("@media print"), "printable");
    assert_eq!(html.matches("<svg").count(), 2, "two inline charts");
    for id in ["evidence", "scorecard", "severity", "cadence", "findings", "metrics", "review", "timeline"] {
        assert!(html.contains(&format!("<section id=\"{id}\">")), "no section {id}");
    }
    // Nothing is fetched: no scripts, no external styles, images or links.
    for external in ["<script", "<link", "src=\"http", "href=\"http", "url("] {
        assert!(!html.contains(external), "found {external}");
    }
    // Findings link to their moment in the timeline.
    let targets: Vec<&str> = html
        .match_indices("<a href=\"#t")
        .map(|(i, _)| &html[i + 10..i + 10 + html[i + 10..].find('"').unwrap()])
        .filter(|t| t[1..].chars().all(|c| c.is_ascii_digit()))
        .collect();
    assert!(!targets.is_empty(), "findings link to the timeline");
    for target in targets {
        assert!(html.contains(&format!("<tr id=\"{target}\">")), "link target {target} exists");
    }
    // A SEV1 with silences over 30 minutes shows them as too long.
    assert!(html.contains("too long"));
}

#[test]
fn json_carries_the_evidence_for_other_tools() {
    let dir = tempfile::tempdir().unwrap();
    let log = saved_session(dir.path(), "customer-data-breach", "exemplary");
    let out = sevdrill(&["report", log.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let e = &v["evidence"];
    for field in
        ["scenario", "scenario_version", "held_on", "live_duration", "attendees", "outcome", "action_items"]
    {
        assert!(!e[field].is_null(), "evidence lacks {field}");
    }
    assert!(e["action_items"].as_u64().unwrap() >= 1);
    assert!(v["review"]["action_items"][0]["owner"].as_str().is_some_and(|o| !o.is_empty()));
    assert!(v["scorecard"]["total"].as_f64().unwrap() >= 85.0);
}

#[test]
fn a_damaged_or_outdated_session_is_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let log = saved_session(dir.path(), "payments-peak-outage", "exemplary");

    // The scenario changed since the session was played.
    let scenario = dir.path().join("payments-peak-outage.ron");
    let original = std::fs::read_to_string("scenarios/payments-peak-outage.ron").unwrap();
    std::fs::write(&scenario, original.replace("Cyber Monday", "Black Friday")).unwrap();
    let out = sevdrill(&["report", log.to_str().unwrap(), "--scenario", scenario.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("different version of scenario"), "{}", text(&out.stderr));

    // Garbage instead of a log.
    let junk = dir.path().join("junk.jsonl");
    std::fs::write(&junk, "{not json at all\n").unwrap();
    let out = sevdrill(&["report", junk.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!text(&out.stderr).contains("panicked"), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("junk.jsonl"), "{}", text(&out.stderr));

    // An existing file is not replaced without --force.
    let file = dir.path().join("mine.html");
    std::fs::write(&file, "my notes").unwrap();
    let out = sevdrill(&["report", log.to_str().unwrap(), "-o", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "my notes");
    let out = sevdrill(&["report", log.to_str().unwrap(), "-o", file.to_str().unwrap(), "--force"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(std::fs::read_to_string(&file).unwrap().starts_with("<!DOCTYPE html>"));
}

#[test]
fn a_session_cut_off_by_a_crash_is_reported_up_to_its_last_whole_line() {
    let dir = tempfile::tempdir().unwrap();
    let log = saved_session(dir.path(), "payments-peak-outage", "exemplary");
    let body = std::fs::read_to_string(&log).unwrap();
    // Cut the last line in half, as a crash mid-write would.
    let cut = body.trim_end().len() - 20;
    std::fs::write(&log, &body[..cut]).unwrap();
    let out = sevdrill(&["report", log.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("cut off"), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["evidence"]["complete"], false, "the review never finished in the cut-off log");
    // And trends still count it.
    let t = sevdrill(&["trends", dir.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(t.status.code(), Some(0), "{}", text(&t.stderr));
    let v: serde_json::Value = serde_json::from_slice(&t.stdout).unwrap();
    assert_eq!(v["sessions"].as_array().unwrap().len(), 1);
}
