//! The seat server under load, as a measurement (not a timed test): a host
//! process on loopback, `ACTING` seats each taking `RATE` actions a second
//! (timeline notes, each with a unique mark) and `WATCHING` seats that only
//! listen, for `SECS` seconds. For every action it records the time from
//! the moment the seat sent it to the moment the last seat received the
//! update that carries it, and samples the host's resident memory.
//!
//! cargo build --release --no-default-features && \
//! cargo run --release --no-default-features --example seat_load -- [SECS] [ACTING] [WATCHING] [RATE]

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::Message;

fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .map(|l| l.split_whitespace().nth(1).unwrap_or("0").parse().unwrap_or(0))
        })
        .unwrap_or(0)
}

type Seen = Arc<Mutex<HashMap<String, (Instant, usize, Instant)>>>;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args: Vec<u64> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let secs = *args.first().unwrap_or(&60);
    let acting = *args.get(1).unwrap_or(&10) as usize;
    let watching = *args.get(2).unwrap_or(&50) as usize;
    let rate = *args.get(3).unwrap_or(&5);
    let dir = tempfile::tempdir().unwrap();
    let links = dir.path().join("links.json");
    let bin = std::env::var("SEVDRILL_BIN").unwrap_or_else(|_| "target/release/sevdrill".into());
    let bin = std::env::var("CARGO_TARGET_DIR")
        .map(|d| format!("{d}/release/sevdrill"))
        .ok()
        .filter(|p| std::path::Path::new(p).exists())
        .unwrap_or(bin);
    let mut cmd = Command::new(&bin);
    cmd.args([
        "host",
        "payments-peak-outage",
        "--no-window",
        "--listen",
        "127.0.0.1:0",
        "--speed",
        "paused",
        "--sessions",
    ])
    .arg(dir.path().join("s"))
    .arg("--links-file")
    .arg(&links);
    for i in 0..acting {
        cmd.args(["--participant", &format!("P{i}=scribe")]);
    }
    cmd.args(["--participant", "Chief=ic"]);
    let mut host = cmd.stdout(Stdio::null()).spawn().expect("the sevdrill binary (build it first)");
    while !links.exists() {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let l: Value = serde_json::from_str(&std::fs::read_to_string(&links).unwrap()).unwrap();
    let link = |name: &str| -> String {
        let s = l["seats"].as_array().unwrap().iter().find(|s| s["name"] == name).unwrap();
        let link = s["link"].as_str().unwrap();
        let (base, token) = link.split_once("/seat#t=").unwrap();
        format!("{}/ws?v=1&token={token}", base.replace("http://", "ws://"))
    };
    // Start the incident from the commander's seat.
    let (mut chief, _) = tokio_tungstenite::connect_async(link("Chief")).await.unwrap();
    chief
        .send(Message::Text(
            json!({"type":"act","id":1,"role":"ic","after":0,"action":"StartIncident"}).to_string().into(),
        ))
        .await
        .unwrap();
    while let Some(Ok(m)) = chief.next().await {
        if m.to_text().unwrap_or("").contains("\"ack\"") {
            break;
        }
    }
    let seats_total = acting + watching + 1;
    let seen: Seen = Arc::default();
    let latencies: Arc<Mutex<Vec<f64>>> = Arc::default();
    let mut tasks = Vec::new();
    // Every seat reads; each mark's latency is complete when all have seen it.
    let reader = |mut rx: futures_util::stream::SplitStream<
        tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>,
    >,
                  seen: Seen,
                  lat: Arc<Mutex<Vec<f64>>>| async move {
        while let Some(Ok(m)) = rx.next().await {
            let Ok(text) = m.to_text() else { continue };
            if !text.starts_with("{\"v\":1,\"type\":\"update\"") {
                continue;
            }
            let now = Instant::now();
            let mut start = 0;
            while let Some(i) = text[start..].find("MARK-") {
                let at = start + i;
                let end = text[at..]
                    .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
                    .map(|e| at + e)
                    .unwrap_or(text.len());
                let mark = text[at..end].to_string();
                start = end;
                let mut s = seen.lock().unwrap();
                if let Some(e) = s.get_mut(&mark) {
                    e.1 += 1;
                    e.2 = now;
                    if e.1 == seats_total {
                        lat.lock().unwrap().push(e.2.duration_since(e.0).as_secs_f64() * 1000.0);
                        s.remove(&mark);
                    }
                }
            }
        }
    };
    let (_, chief_rx) = chief.split();
    tasks.push(tokio::spawn(reader(chief_rx, seen.clone(), latencies.clone())));
    for w in 0..watching {
        // Watchers share the facilitator's link: 50 open views of the room.
        let _ = w;
        let (ws, _) = tokio_tungstenite::connect_async(link("Facilitator")).await.unwrap();
        let (_, rx) = ws.split();
        tasks.push(tokio::spawn(reader(rx, seen.clone(), latencies.clone())));
    }
    let end = Instant::now() + Duration::from_secs(secs);
    let mut senders = Vec::new();
    for i in 0..acting {
        let (ws, _) = tokio_tungstenite::connect_async(link(&format!("P{i}"))).await.unwrap();
        let (mut tx, rx) = ws.split();
        tasks.push(tokio::spawn(reader(rx, seen.clone(), latencies.clone())));
        let seen = seen.clone();
        senders.push(tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_millis(1000 / rate));
            let mut n = 0u64;
            while Instant::now() < end {
                tick.tick().await;
                let mark = format!("MARK-{i}-{n}");
                seen.lock().unwrap().insert(mark.clone(), (Instant::now(), 0, Instant::now()));
                let msg = json!({"type":"act","id":n + 1,"role":"scribe","after":n,
                    "action":{"Note":{"text": format!("load {mark} note"),"moment":null}}});
                if tx.send(Message::Text(msg.to_string().into())).await.is_err() {
                    break;
                }
                n += 1;
            }
            n
        }));
    }
    let pid = host.id();
    let mut rss = vec![rss_kib(pid)];
    let sampler = tokio::spawn(async move {
        let mut v = Vec::new();
        while Instant::now() < end {
            tokio::time::sleep(Duration::from_secs(5)).await;
            v.push(rss_kib(pid));
        }
        v
    });
    let mut sent = 0;
    for s in senders {
        sent += s.await.unwrap();
    }
    rss.extend(sampler.await.unwrap());
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mut lat = latencies.lock().unwrap().clone();
    lat.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let pct = |p: f64| {
        lat.get(((lat.len() as f64 * p) as usize).min(lat.len().saturating_sub(1)))
            .copied()
            .unwrap_or(f64::NAN)
    };
    let lost = seen.lock().unwrap().len();
    println!(
        "{acting} acting seats × {rate}/s + {watching} watching, {secs} s: {sent} actions sent, {} seen by all {seats_total} seats, {lost} not",
        lat.len()
    );
    println!(
        "action → every seat has it: p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        pct(0.5),
        pct(0.95),
        pct(0.99),
        pct(1.0)
    );
    println!(
        "host resident memory (MiB) every 5 s: {}",
        rss.iter().map(|k| format!("{:.1}", *k as f64 / 1024.0)).collect::<Vec<_>>().join(" ")
    );
    let _ = host.kill();
    let _ = host.wait();
    for t in tasks {
        t.abort();
    }
}
