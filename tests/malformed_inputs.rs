//! `sevdrill check` on broken scenario files: every case must give a clear,
//! positioned error (and a suggestion where a name was misspelt), never a panic.

use sevdrill::scenario::load_str;
use sevdrill::source::Diagnostic;
use std::process::Command;

const BASE: &str = include_str!("fixtures/minimal.ron");

/// Loads `text` and returns its first error.
fn first_error(text: &str) -> Diagnostic {
    match load_str("case.ron", text) {
        Ok(_) => panic!("expected an error, but the scenario loaded"),
        Err(diags) => diags.into_iter().find(|d| d.is_error()).expect("an error diagnostic"),
    }
}

/// The 1-based line and column of the first occurrence of `needle`.
fn pos(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in the case"));
    let line = text[..at].matches('\n').count() + 1;
    let col = text[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col)
}

fn mutate(from: &str, to: &str) -> String {
    assert!(BASE.contains(from), "fixture lacks {from:?}");
    BASE.replacen(from, to, 1)
}

fn assert_at(d: &Diagnostic, text: &str, needle: &str) {
    let (line, col) = pos(text, needle);
    assert_eq!((d.line, d.column), (line, col), "wrong position for {needle:?}:\n{d}");
}

#[test]
fn the_fixture_itself_is_valid() {
    load_str("minimal.ron", BASE).unwrap_or_else(|d| panic!("{}", d[0]));
}

#[test]
fn empty_file() {
    let d = first_error("");
    assert!(d.message.contains("empty"), "{d}");
    assert_eq!(d.line, 1);
    assert!(d.help.is_some());
}

#[test]
fn comments_only() {
    let d = first_error("// nothing here\n");
    assert!(d.message.contains("empty"), "{d}");
}

#[test]
fn binary_garbage_is_refused_as_non_text() {
    let bytes = vec![0x53, 0x63, 0x0a, 0xff, 0xfe, 0x00, 0x81];
    let d = sevdrill::source::SourceFile::from_bytes("bin.ron".into(), bytes).unwrap_err();
    assert!(d.message.contains("not valid UTF-8"), "{d}");
    assert_eq!((d.line, d.column), (2, 1));
}

#[test]
fn ascii_garbage() {
    let text = "Scenario(id: @@@)";
    let d = first_error(text);
    assert!(d.message.contains("unexpected `@`"), "{d}");
    assert_at(&d, text, "@@@");
    assert!(d.expected.as_deref().unwrap().contains("a value"));
}

#[test]
fn deep_nesting() {
    let text = "[".repeat(200_000);
    let d = first_error(&text);
    assert!(d.message.contains("nested more than"), "{d}");
    assert_eq!(d.line, 1);
}

#[test]
fn a_50_megabyte_file_is_refused_by_size() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    std::fs::write(&path, vec![b' '; 50 * 1024 * 1024]).unwrap();
    let d = sevdrill::source::SourceFile::read(&path).unwrap_err();
    assert!(d.message.contains("larger than"), "{d}");
    assert!(d.help.is_some());
}

#[test]
fn misspelt_field_suggests_the_right_one() {
    let text = mutate("severity: (initial", "sevrity: (initial");
    let d = first_error(&text);
    assert!(d.message.contains("unknown field `sevrity`"), "{d}");
    assert_at(&d, &text, "sevrity");
    assert_eq!(d.help.as_deref(), Some("did you mean `severity`?"));
}

#[test]
fn misspelt_variant_suggests_the_right_one() {
    let text = mutate("difficulty: Intro", "difficulty: Intermediat");
    let d = first_error(&text);
    assert!(d.message.contains("unknown variant `Intermediat`"), "{d}");
    assert_at(&d, &text, "Intermediat");
    assert_eq!(d.help.as_deref(), Some("did you mean `Intermediate`?"));
    assert!(d.expected.as_deref().unwrap().contains("`Advanced`"));
}

#[test]
fn misspelt_fact_reference_suggests_the_fact() {
    let text = mutate("alert: true, reveals: [\"all-users\"]", "alert: true, reveals: [\"all-user\"]");
    let d = first_error(&text);
    assert!(d.message.contains("no fact has the id \"all-user\""), "{d}");
    assert_at(&d, &text, "\"all-user\"]");
    assert_eq!(d.help.as_deref(), Some("did you mean \"all-users\"?"));
}

#[test]
fn misspelt_question_in_a_condition() {
    let text = mutate("AskedKind(Pressure)", "Asked(\"when-fixd\")");
    let d = first_error(&text);
    assert!(d.message.contains("no question has the id \"when-fixd\""), "{d}");
    assert_at(&d, &text, "\"when-fixd\"");
    assert_eq!(d.help.as_deref(), Some("did you mean \"when-fixed\"?"));
}

#[test]
fn duplicate_ids() {
    let text = mutate("(id: \"rollback-ready\"", "(id: \"all-users\"");
    let d = first_error(&text);
    assert!(d.message.contains("used twice"), "{d}");
    let second =
        text.match_indices("\"all-users\"").find(|(i, _)| text[..*i].ends_with("(id: ")).map(|(i, _)| i);
    let _ = second;
    assert_eq!(d.line, pos(&text, "(id: \"all-users\", text: \"A rollback").0);
}

#[test]
fn duration_without_unit() {
    let text = mutate("ends_at: \"40m\"", "ends_at: \"40\"");
    let d = first_error(&text);
    assert!(d.message.contains("lacks a unit"), "{d}");
    assert_at(&d, &text, "\"40\"");
    assert!(d.message.contains("\"15m\""), "suggests the syntax: {d}");
}

#[test]
fn duration_without_quotes() {
    let text = mutate("ends_at: \"40m\"", "ends_at: 40m");
    let d = first_error(&text);
    assert!(d.message.contains("not a number"), "{d}");
    assert_at(&d, &text, "40m");
    assert!(d.help.as_deref().unwrap().contains("durations are strings"));
}

#[test]
fn inject_after_the_end() {
    let text = mutate("When(cond: All([After(\"15m\")", "When(cond: All([After(\"55m\")");
    let d = first_error(&text);
    assert!(d.message.contains("after the scenario ends (40m)"), "{d}");
    assert_at(&d, &text, "\"55m\"");
    assert!(d.help.is_some());
}

#[test]
fn contradictory_condition() {
    let text = mutate("AskedKind(Pressure)", "All([Undeclared, DeclaredAtLeast(Sev2)])");
    let d = first_error(&text);
    assert!(d.message.contains("contradict"), "{d}");
    assert_at(&d, &text, "All([Undeclared");
}

#[test]
fn impossible_condition() {
    let text = mutate("AskedKind(Pressure)", "DeclaredBelow(Sev4)");
    let d = first_error(&text);
    assert!(d.message.contains("never holds"), "{d}");
    assert_at(&d, &text, "DeclaredBelow(Sev4)");
}

#[test]
fn missing_required_field() {
    let text = mutate("    summary: \"Logins fail for everyone after a configuration change.\",\n", "");
    let d = first_error(&text);
    assert!(d.message.contains("missing field `summary`"), "{d}");
    assert_at(&d, &text, "Scenario(");
}

#[test]
fn unterminated_string() {
    let text = "Scenario(\n    id: \"broken,\n)";
    let d = first_error(text);
    assert!(d.message.contains("never closed"), "{d}");
    assert_eq!((d.line, d.column), (2, 9));
}

#[test]
fn missing_comma() {
    let text = mutate("tags: [\"test\"],", "tags: [\"test\"]");
    let d = first_error(&text);
    assert!(d.message.contains("unexpected `d`"), "{d}");
    assert_at(&d, &text, "difficulty");
    assert!(d.help.as_deref().unwrap().contains("comma"));
}

#[test]
fn wrong_type() {
    let text = mutate("expected_minutes: 20", "expected_minutes: \"twenty\"");
    let d = first_error(&text);
    assert!(d.message.contains("wrong kind of value"), "{d}");
    assert_at(&d, &text, "\"twenty\"");
    assert!(d.expected.as_deref().unwrap().contains("integer"));
}

#[test]
fn chance_of_zero() {
    let text = mutate("percent: 50", "percent: 0");
    let d = first_error(&text);
    assert!(d.message.contains("chance of 0% is not a chance"), "{d}");
    assert_at(&d, &text, "0)");
}

#[test]
fn jitter_reaching_before_the_start() {
    let text = mutate("spread: \"2m\"", "spread: \"9m\"");
    let d = first_error(&text);
    assert!(d.message.contains("before the start"), "{d}");
    assert_at(&d, &text, "\"9m\"");
}

#[test]
fn misspelt_weight_key() {
    let text = mutate("    review: (", "    weights: {\"COMM-CADENSE\": 2.0},\n    review: (");
    let d = first_error(&text);
    assert!(d.message.contains("not a principle"), "{d}");
    assert_at(&d, &text, "2.0");
    assert_eq!(d.help.as_deref(), Some("did you mean \"COMM-CADENCE\"?"));
}

#[test]
fn misspelt_key_customer() {
    let text = mutate("customer: Some(\"bigco\")", "customer: Some(\"bigcorp\")");
    let d = first_error(&text);
    assert!(d.message.contains("no key customer has the id \"bigcorp\""), "{d}");
    assert_eq!(d.help.as_deref(), Some("did you mean \"bigco\"?"));
}

#[test]
fn bad_clock() {
    let text = mutate("2026-03-03T14:00:00+00:00", "2026-03-03 2pm");
    let d = first_error(&text);
    assert!(d.message.contains("not a date and time"), "{d}");
    assert_at(&d, &text, "\"2026-03-03 2pm\"");
}

#[test]
fn all_errors_are_reported_not_only_the_first() {
    let text =
        mutate("reveals: [\"all-users\"]", "reveals: [\"nope\"]").replacen("percent: 50", "percent: 0", 1);
    let diags = load_str("case.ron", &text).unwrap_err();
    assert!(diags.iter().filter(|d| d.is_error()).count() >= 2);
}

#[test]
fn the_check_command_exits_2_and_prints_file_line_column() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    let text = mutate("severity: (initial", "sevrity: (initial");
    std::fs::write(&bad, &text).unwrap();
    let good = dir.path().join("good.ron");
    std::fs::write(&good, BASE).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_sevdrill")).arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let (line, col) = pos(&text, "sevrity");
    assert!(stderr.contains(&format!("bad.ron:{line}:{col}")), "{stderr}");
    assert!(stderr.contains("did you mean `severity`?"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("1 valid, 1 with errors"), "{stdout}");

    let ok = Command::new(env!("CARGO_BIN_EXE_sevdrill")).arg("check").arg(&good).output().unwrap();
    assert_eq!(ok.status.code(), Some(0));
}

#[test]
fn check_on_a_missing_path_is_an_error_not_a_panic() {
    let out =
        Command::new(env!("CARGO_BIN_EXE_sevdrill")).args(["check", "no/such/place.ron"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
}
