//! Two seats in a real browser: headless Chromium, driven through
//! ChromeDriver (WebDriver), joins a hosted session twice. The incident
//! commander starts the incident and declares SEV1 from one seat; the
//! communications lead writes and sends a stakeholder update from another,
//! on a phone-wide window. The journal must attribute each action to the
//! right person and role, from a seat; screenshots of both seats and of the
//! facilitator's room page are saved under the target directory.
//!
//! CI installs `chromium` and `chromium-driver` and sets
//! `SEVDRILL_BROWSER_TEST=require`; elsewhere, without them, the test says
//! so and passes.

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_sevdrill");

struct Kill(Child);
impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn found(program: &str) -> bool {
    Command::new(program).arg("--version").output().is_ok_and(|o| o.status.success())
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn browser(driver: &str, width: u32, height: u32, profile: &Path) -> Client {
    let mut caps = serde_json::Map::new();
    // A phone's viewport is narrower than a desktop window may be: emulate it.
    let mut options = json!({
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                format!("--window-size={width},{height}"),
                format!("--user-data-dir={}", profile.display()),
            ]
    });
    if width < 500 {
        options["mobileEmulation"] =
            json!({"deviceMetrics": {"width": width, "height": height, "pixelRatio": 1}});
    }
    caps.insert("goog:chromeOptions".into(), options);
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector).capabilities(caps).connect(driver).await.expect("ChromeDriver answers")
}

async fn click(c: &Client, xpath: &str) {
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::XPath(xpath))
        .await
        .unwrap_or_else(|e| panic!("{xpath}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {xpath}: {e}"));
}

/// Types into the field labelled `label` (the composer's fields follow their labels).
async fn fill(c: &Client, label: &str, text: &str) {
    let xpath = format!("//label[text()='{label}']/following-sibling::*[1]");
    let e = c.wait().at_most(Duration::from_secs(10)).for_element(Locator::XPath(&xpath)).await.unwrap();
    e.send_keys(text).await.unwrap();
}

async fn choose(c: &Client, label: &str, value: &str) {
    let xpath = format!("//label[text()='{label}']/following-sibling::select[1]");
    let e = c.wait().at_most(Duration::from_secs(10)).for_element(Locator::XPath(&xpath)).await.unwrap();
    e.select_by_value(value).await.unwrap();
}

async fn recorded(c: &Client) {
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::XPath("//p[@id='toast' and contains(., 'Recorded')]"))
        .await
        .expect("the host confirmed the action");
}

async fn screenshot(c: &Client, path: &Path) {
    c.execute("window.scrollTo(0, 0)", vec![]).await.unwrap();
    std::fs::write(path, c.screenshot().await.unwrap()).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_seats_in_chromium_send_an_update_and_declare_sev1() {
    if !found("chromium") || !found("chromedriver") {
        assert_ne!(
            std::env::var("SEVDRILL_BROWSER_TEST").as_deref(),
            Ok("require"),
            "Chromium and ChromeDriver are required here but were not found"
        );
        eprintln!("Chromium or ChromeDriver not found: the seat browser test did not run");
        return;
    }
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("seat-browser");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    let port = free_port();
    let _driver = Kill(
        Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let links = out.join("links.json");
    let _host = Kill(
        Command::new(BIN)
            .args(["host", "payments-peak-outage", "--no-window", "--listen", "127.0.0.1:0", "--seed", "7"])
            .args(["--participant", "Ana=ic", "--participant", "Rhys=comms,scribe", "--sessions"])
            .arg(out.join("sessions"))
            .arg("--links-file")
            .arg(&links)
            .stdout(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let start = Instant::now();
    while !links.exists() {
        assert!(start.elapsed() < Duration::from_secs(20), "the host did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(100));
    let l: Value = serde_json::from_str(&std::fs::read_to_string(&links).unwrap()).unwrap();
    let link = |name: &str| {
        l["seats"].as_array().unwrap().iter().find(|s| s["name"] == name).unwrap()["link"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let driver = format!("http://127.0.0.1:{port}");
    let ana = browser(&driver, 1280, 900, &out.join("profile-ana")).await;
    let rhys = browser(&driver, 390, 844, &out.join("profile-rhys")).await;

    ana.goto(&link("Ana")).await.unwrap();
    click(&ana, "//button[contains(., 'Start the incident')]").await;
    recorded(&ana).await;
    rhys.goto(&link("Rhys")).await.unwrap();
    // The communications lead writes a stakeholder update on a phone.
    click(&rhys, "//nav//button[text()='Communicate']").await;
    choose(&rhys, "Template", "Update").await;
    click(&rhys, "//label[contains(., 'executives')]/input").await;
    fill(&rhys, "Issue", "Card payments fail for every merchant").await;
    choose(&rhys, "Severity", "Sev1").await;
    fill(&rhys, "Impact", "No merchant can take card payments; shoppers cannot pay").await;
    choose(&rhys, "Status", "Investigating").await;
    fill(&rhys, "Message", "The payments team is working on it; next update in 20 minutes.").await;
    rhys.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::XPath("//p[@id='missing' and contains(., 'every field')]"))
        .await
        .expect("the missing-field check clears when the update is complete");
    // Meanwhile the incident commander declares SEV1 from another seat.
    click(&ana, "//nav//button[text()='Severity']").await;
    click(&ana, "//button[text()='Declare SEV1']").await;
    recorded(&ana).await;
    click(&rhys, "//button[text()='Send']").await;
    recorded(&rhys).await;
    // Each sees the other's action: the declaration on Rhys's phone.
    rhys.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::XPath("//b[@id='declared' and text()='SEV1']"))
        .await
        .expect("the declared severity reaches every seat");
    screenshot(&rhys, &out.join("seat-phone.png")).await;
    screenshot(&ana, &out.join("seat-laptop.png")).await;
    let room = browser(&driver, 1920, 1080, &out.join("profile-room")).await;
    room.goto(&link("Facilitator")).await.unwrap();
    room.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::XPath("//*[contains(., 'Stakeholder') or contains(., 'sent')]"))
        .await
        .unwrap();
    screenshot(&room, &out.join("facilitator-browser.png")).await;
    for c in [ana, rhys, room] {
        c.close().await.unwrap();
    }

    // The journal attributes each action to its person, role and seat.
    let journal = PathBuf::from(l["journal"].as_str().unwrap());
    let lines: Vec<Value> = std::fs::read_to_string(&journal)
        .unwrap()
        .lines()
        .skip(1)
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let find = |by: &str, role: &str, what: &str| {
        lines.iter().find(|e| e["by"] == by && e["role"] == role && e["do"].to_string().contains(what))
    };
    let declared = find("Ana", "ic", "Declare").expect("Ana's SEV1 in the journal");
    assert_eq!(declared["do"]["Declare"], "Sev1");
    assert_eq!(declared["via"], "seat");
    let update = find("Rhys", "comms", "Communicate").expect("Rhys's update in the journal");
    assert_eq!(update["do"]["Communicate"]["template"], "Update");
    assert_eq!(update["via"], "seat");
    let scored = Command::new(BIN).args(["score", journal.to_str().unwrap()]).output().unwrap();
    assert!(scored.status.success(), "the journal replays: {}", String::from_utf8_lossy(&scored.stderr));
}
