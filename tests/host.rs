//! `sevdrill host` and `sevdrill seat` over real sockets on loopback: a
//! whole scripted session played by one seat per participant scores exactly
//! as `sevdrill run` does; what the seats receive holds no secrets; seats
//! that drop, and a host killed and resumed, lose and double nothing.

use serde_json::Value;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_sevdrill");

struct Host {
    child: Child,
    links: Value,
}

impl Drop for Host {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Host {
    fn link(&self, name: &str) -> String {
        self.links["seats"].as_array().unwrap().iter().find(|s| s["name"] == name).unwrap()["link"]
            .as_str()
            .unwrap()
            .to_string()
    }
    fn journal(&self) -> PathBuf {
        PathBuf::from(self.links["journal"].as_str().unwrap())
    }
}

fn host(dir: &Path, args: &[&str]) -> Host {
    let links =
        dir.join(format!("links-{}.json", std::process::id() as u128 + Instant::now().elapsed().as_nanos()));
    let _ = std::fs::remove_file(&links);
    let child = Command::new(BIN)
        .args(["host", "--no-window", "--sessions"])
        .arg(dir.join("sessions"))
        .arg("--links-file")
        .arg(&links)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while !links.exists() {
        assert!(start.elapsed() < Duration::from_secs(20), "the host did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(50));
    let links: Value = serde_json::from_str(&std::fs::read_to_string(&links).unwrap()).unwrap();
    Host { child, links }
}

fn seat(link: &str, script: &str, extra: &[&str]) -> Child {
    Command::new(BIN)
        .args(["seat", link, "--actions", script, "--patience", "60"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap()
}

fn finish(child: Child) -> String {
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "a seat failed: {text}");
    text
}

fn participants(script: &str) -> Vec<String> {
    let (s, _, _) = sevdrill::replay::Script::load(Path::new(script)).unwrap();
    s.participants.iter().map(|p| p.name.clone()).collect()
}

fn participant_args(script: &str) -> Vec<String> {
    let (s, _, _) = sevdrill::replay::Script::load(Path::new(script)).unwrap();
    let mut args = vec!["--seed".to_string(), s.seed.to_string(), "--speed".into(), "paused".into()];
    for p in &s.participants {
        args.push("--participant".into());
        args.push(format!("{}={}", p.name, p.roles.join(",")));
    }
    args
}

fn score_json(args: &[&str]) -> Value {
    let out = Command::new(BIN).args(args).args(["--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Plays the whole script through seats: one per participant and the facilitator driving the clock.
fn play_through(h: &Host, script: &str, dir: &Path, drops: &[(&str, &str)]) -> Vec<String> {
    let mut seats = Vec::new();
    for name in participants(script) {
        let record = dir.join(format!("{name}.jsonl"));
        let mut extra = vec!["--record".to_string(), record.display().to_string()];
        if let Some((_, steps)) = drops.iter().find(|(n, _)| *n == name) {
            extra.push("--drop-after".into());
            extra.push(steps.to_string());
        }
        let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
        seats.push(seat(&h.link(&name), script, &extra));
    }
    let driver = seat(&h.link("Facilitator"), script, &["--drive"]);
    let mut outs = vec![finish(driver)];
    outs.extend(seats.into_iter().map(finish));
    outs
}

fn journal_actions(path: &Path) -> usize {
    std::fs::read_to_string(path).unwrap().lines().filter(|l| !l.trim().is_empty()).count() - 1
}

#[test]
fn a_session_played_from_seats_scores_as_run_does_and_seats_see_no_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let script = "scenarios/scripts/slow-burn-to-sev1.exemplary.ron";
    let args = participant_args(script);
    let mut host_args = vec!["scenarios/slow-burn-to-sev1.ron", "--listen", "127.0.0.1:0"];
    host_args.extend(args.iter().map(String::as_str));
    let h = host(dir.path(), &host_args);
    play_through(&h, script, dir.path(), &[]);
    let journal = h.journal();
    let hosted = score_json(&["score", journal.to_str().unwrap()]);
    let run = score_json(&["run", "scenarios/slow-burn-to-sev1.ron", "--actions", script]);
    assert_eq!(hosted, run, "the hosted journal must replay to the script's scorecard");
    // The report says who took part from their own seat, and each person's severity calls.
    let report = Command::new(BIN).args(["report", journal.to_str().unwrap()]).output().unwrap();
    let report = String::from_utf8_lossy(&report.stdout);
    assert!(report.contains("Tara (Incident commander; own seat:"), "{report}");
    assert!(report.contains("### Severity calls, person by person"));
    assert!(report.contains("| Tara (Incident commander) | declared SEV"), "{report}");

    // Everything any participant's seat received, checked against the scenario.
    let sc = sevdrill::scenario::load_file(Path::new("scenarios/slow-burn-to-sev1.ron")).unwrap().scenario;
    let secrets: Vec<&str> = sc
        .severity
        .changes
        .iter()
        .map(|c| c.why.as_str())
        .chain([sc.severity.rationale.as_str()])
        .chain(sc.questions.iter().map(|q| q.reason.as_str()))
        .chain(sc.escalations.iter().map(|e| e.why.as_str()))
        .chain(sc.decisions.iter().map(|d| d.why.as_str()))
        .collect();
    let mut checked = 0;
    for name in participants(script) {
        let mut known: Vec<String> = Vec::new();
        let mut fired_feed = String::new();
        for line in std::fs::read_to_string(dir.path().join(format!("{name}.jsonl"))).unwrap().lines() {
            checked += 1;
            let mut msg: Value = serde_json::from_str(line).unwrap();
            for s in &secrets {
                assert!(!line.contains(s), "{name} was sent scoring or truth text: {s}");
            }
            if let Some(feed) = msg.get_mut("feed").map(Value::take) {
                fired_feed.push_str(&feed.to_string());
            }
            let status = &msg["status"];
            if status.is_null() {
                continue;
            }
            assert!(status["truth"].is_null(), "{name} was sent the truth");
            if status["phase"] != "Debrief" {
                assert!(status["score"].is_null(), "{name} was sent a score while scores are hidden");
            }
            for f in status["known_facts"].as_array().unwrap() {
                known.push(f.as_str().unwrap().to_string());
            }
            let rest = msg.to_string();
            for fact in &sc.facts {
                if rest.contains(&fact.text) {
                    assert!(
                        known.iter().any(|k| k.contains(&fact.text)),
                        "{name} saw a fact before it was known"
                    );
                }
            }
            for inject in &sc.injects {
                assert!(!rest.contains(&inject.text), "{name} saw inject {} outside the feed", inject.id);
            }
        }
        // The feed held only what fired: every inject in it is in the journal's replay.
        let engine = sevdrill::replay::replay(
            &sevdrill::scenario::load_file(Path::new("scenarios/slow-burn-to-sev1.ron")).unwrap(),
            &sevdrill::replay::SessionLog::load(&journal).unwrap(),
        )
        .unwrap();
        for inject in &sc.injects {
            if fired_feed.contains(&serde_json::to_string(&inject.text).unwrap()) {
                assert!(engine.state().fired.contains_key(&inject.id));
            }
        }
    }
    assert!(checked > 100, "only {checked} messages were recorded");
}

#[test]
fn a_seat_that_drops_reconnects_and_nothing_is_lost_or_doubled() {
    let dir = tempfile::tempdir().unwrap();
    let script = "scenarios/scripts/payments-peak-outage.exemplary.ron";
    let args = participant_args(script);
    let mut host_args = vec!["payments-peak-outage", "--listen", "127.0.0.1:0"];
    host_args.extend(args.iter().map(String::as_str));
    let h = host(dir.path(), &host_args);
    // Lee's seat drops right after sending steps 3, 12 and 30, before their acknowledgements.
    let outs = play_through(&h, script, dir.path(), &[("Lee", "3,12,30")]);
    let lee = outs.iter().find(|o| o.starts_with("Lee:")).unwrap();
    assert!(lee.contains("3 reconnects"), "{lee}");
    let steps = sevdrill::replay::Script::load(Path::new(script)).unwrap().0.actions.len();
    assert_eq!(journal_actions(&h.journal()), steps, "every step once in the journal");
    let hosted = score_json(&["score", h.journal().to_str().unwrap()]);
    let run = score_json(&["run", "payments-peak-outage", "--actions", script]);
    assert_eq!(hosted["total"], run["total"]);
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[test]
fn a_host_killed_and_resumed_keeps_its_links_and_its_journal() {
    let dir = tempfile::tempdir().unwrap();
    let script = "scenarios/scripts/payments-peak-outage.exemplary.ron";
    let args = participant_args(script);
    let listen = format!("127.0.0.1:{}", free_port());
    let mut host_args = vec!["payments-peak-outage", "--listen", &listen];
    host_args.extend(args.iter().map(String::as_str));
    let mut first = host(dir.path(), &host_args);
    let journal = first.journal();
    let mut seats: Vec<Child> =
        participants(script).iter().map(|n| seat(&first.link(n), script, &[])).collect();
    seats.push(seat(&first.link("Facilitator"), script, &["--drive"]));
    let start = Instant::now();
    while journal_actions(&journal) < 20 {
        assert!(start.elapsed() < Duration::from_secs(60), "the seats did not get going");
        std::thread::sleep(Duration::from_millis(5));
    }
    // SIGKILL: no chance to flush or say goodbye.
    first.child.kill().unwrap();
    first.child.wait().unwrap();
    let at_kill = journal_actions(&journal);
    let second =
        host(dir.path(), &["--resume", journal.to_str().unwrap(), "--listen", &listen, "--speed", "paused"]);
    assert_eq!(second.link("Dana"), first.link("Dana"), "the same links after a restart");
    for s in seats {
        let out = finish(s);
        assert!(!out.contains(" 0 reconnects") || out.contains(" 0 actions"), "{out}");
    }
    let steps = sevdrill::replay::Script::load(Path::new(script)).unwrap().0.actions.len();
    assert!(at_kill < steps);
    assert_eq!(journal_actions(&journal), steps, "every step once, before and after the restart");
    let hosted = score_json(&["score", journal.to_str().unwrap()]);
    let run = score_json(&["run", "payments-peak-outage", "--actions", script]);
    assert_eq!(hosted["total"], run["total"]);
}

fn http(addr: &str, request: &str) -> String {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut buf = vec![0u8; 64 * 1024];
    let mut got = Vec::new();
    while let Ok(n) = s.read(&mut buf) {
        if n == 0 {
            break;
        }
        got.extend_from_slice(&buf[..n]);
        if got.windows(4).any(|w| w == b"\r\n\r\n") && request.contains("Upgrade") {
            break;
        }
    }
    String::from_utf8_lossy(&got).to_string()
}

#[test]
fn pages_come_from_the_binary_with_a_strict_policy_and_foreign_origins_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let h = host(dir.path(), &["payments-peak-outage", "--listen", "127.0.0.1:0", "--participant", "Ana=ic"]);
    let addr = h.links["listening"].as_str().unwrap().to_string();
    let page = http(&addr, &format!("GET /seat HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"));
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.to_lowercase().contains("content-security-policy: default-src 'none'"));
    for asset in ["/seat", "/seat.js", "/seat.css"] {
        let body = http(&addr, &format!("GET {asset} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"));
        assert!(!body.contains("https://") && !body.contains("http://"), "{asset} fetches from elsewhere");
    }
    let token = h.link("Ana").split("#t=").nth(1).unwrap().to_string();
    let upgrade = |origin: &str| {
        http(
            &addr,
            &format!(
                "GET /ws?v=1&token={token} HTTP/1.1\r\nHost: {addr}\r\nOrigin: {origin}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
            ),
        )
    };
    assert!(upgrade("http://evil.example").starts_with("HTTP/1.1 403"));
    assert!(upgrade(&format!("http://{addr}")).starts_with("HTTP/1.1 101"));
}
