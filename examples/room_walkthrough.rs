//! A game day with four people at their own browsers, end to end: each
//! opens the link their QR code on the projector holds, and they play a
//! shipped scenario through its review at the same time — the incident
//! commander declares and decides, the communications lead writes updates
//! and briefs other teams, the technical lead asks the responders, the
//! scribe keeps the timeline, and two of them propose severities with a
//! reason. Screenshots of every seat are saved as they go.
//!
//! `.ci/room-walkthrough.sh` starts the host with its window under Xvfb,
//! reads the QR codes off the room view's picture and runs this:
//!
//!     cargo run --example room_walkthrough -- LINKS_FILE OUT_DIR CHROMEDRIVER_URL
//!
//! LINKS_FILE holds one join link per line (as decoded from the QR codes).

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);

async fn browser(driver: &str, width: u32, height: u32, profile: &Path) -> Client {
    let mut options = json!({
        "binary": "/usr/bin/chromium",
        "args": [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--hide-scrollbars",
            format!("--window-size={width},{height}"),
            format!("--user-data-dir={}", profile.display()),
        ]
    });
    if width < 500 {
        options["mobileEmulation"] =
            json!({"deviceMetrics": {"width": width, "height": height, "pixelRatio": 1}});
    }
    let mut caps = serde_json::Map::new();
    caps.insert("goog:chromeOptions".into(), options);
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector).capabilities(caps).connect(driver).await.expect("ChromeDriver answers")
}

/// One person at one browser.
struct Seat {
    name: String,
    c: Client,
    out: PathBuf,
}

impl Seat {
    async fn element(&self, xpath: &str) -> fantoccini::elements::Element {
        match self.c.wait().at_most(WAIT).for_element(Locator::XPath(xpath)).await {
            Ok(e) => e,
            Err(e) => {
                let path = self.out.join(format!("seat-{}-failed.png", self.name.to_lowercase()));
                if let Ok(png) = self.c.screenshot().await {
                    let _ = std::fs::write(path, png);
                }
                panic!("{}: {xpath}: {e}", self.name)
            }
        }
    }

    async fn tab(&self, name: &str) {
        self.click(&format!("//nav//button[text()='{name}']")).await;
    }

    /// Clicks what `xpath` finds, as a person would: scrolled into view first.
    /// Live parts of a panel are redrawn on every update from the host, so
    /// an element found just before one may be gone: find it again.
    async fn click(&self, xpath: &str) {
        let mut tries = 0;
        loop {
            let e = self.element(xpath).await;
            let scrolled = self
                .c
                .execute(
                    "arguments[0].scrollIntoView({block: 'center'});",
                    vec![serde_json::to_value(&e).unwrap()],
                )
                .await;
            match scrolled.and(Ok(())) {
                Ok(()) => match e.click().await {
                    Ok(_) => return,
                    Err(err) if tries >= 10 => panic!("{}: click {xpath}: {err}", self.name),
                    Err(_) => {}
                },
                Err(err) if tries >= 10 => panic!("{}: scroll to {xpath}: {err}", self.name),
                Err(_) => {}
            }
            tries += 1;
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    /// Clicks an action's button and waits until the host says it is recorded.
    /// On a loaded machine a click can land while the page is busy and do
    /// nothing (no message leaves the seat): then it is clicked again.
    async fn act(&self, xpath: &str) {
        self.c
            .execute(
                "const t = document.getElementById('toast'); t.textContent = ''; t.hidden = true;",
                vec![],
            )
            .await
            .unwrap();
        let acts = || async {
            self.c
                .execute("return (window.__sent || []).filter((m) => m.includes('\"act\"')).length", vec![])
                .await
                .unwrap()
                .as_u64()
                .unwrap_or(0)
        };
        let before = acts().await;
        for _ in 0..3 {
            self.click(xpath).await;
            tokio::time::sleep(Duration::from_millis(500)).await;
            if acts().await > before {
                break;
            }
        }
        let toast = match self
            .c
            .wait()
            .at_most(Duration::from_secs(60))
            .for_element(Locator::XPath("//p[@id='toast' and not(@hidden) and string-length(.) > 0]"))
            .await
        {
            Ok(t) => t,
            Err(e) => {
                self.shot("failed").await;
                let sent = self
                    .c
                    .execute("return (window.__sent || []).slice(-20).join('\\n')", vec![])
                    .await
                    .unwrap();
                panic!(
                    "{}: {xpath}: no answer from the host ({e}); sent:\n{}",
                    self.name,
                    sent.as_str().unwrap_or("")
                );
            }
        };
        let said = toast.text().await.unwrap_or_default();
        if !said.contains("Recorded") {
            let sent =
                self.c.execute("return (window.__sent || []).slice(-60).join('\\n')", vec![]).await.unwrap();
            panic!(
                "{}: {xpath}: the host said \"{said}\"; sent:\n{}",
                self.name,
                sent.as_str().unwrap_or("")
            );
        }
        // People take a moment between actions; so do these.
        tokio::time::sleep(Duration::from_millis(400)).await;
    }

    async fn fill(&self, label: &str, text: &str) {
        let e = self.element(&format!("//label[text()='{label}']/following-sibling::*[1]")).await;
        e.clear().await.unwrap();
        e.send_keys(text).await.unwrap();
    }

    async fn choose(&self, label: &str, value: &str) {
        let e = self.element(&format!("//label[text()='{label}']/following-sibling::select[1]")).await;
        e.select_by_value(value).await.unwrap();
    }

    /// Sets a control (a date, a number) and tells the page it changed.
    async fn set(&self, label: &str, value: &str) {
        let e = self.element(&format!("//label[text()='{label}']/following-sibling::*[1]")).await;
        self.c
            .execute(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
                vec![serde_json::to_value(e).unwrap(), json!(value)],
            )
            .await
            .unwrap();
    }

    async fn propose(&self, sev: &str, reason: &str) {
        self.tab("Severity").await;
        self.fill("Reason (for a proposal)", reason).await;
        self.act(&format!("//button[text()='Propose {sev}']")).await;
    }

    async fn note(&self, moment: &str, text: &str) {
        self.tab("Timeline notes").await;
        self.choose("Moment", moment).await;
        self.fill("Note", text).await;
        self.act("//button[text()='Log note']").await;
    }

    async fn shot(&self, what: &str) {
        self.c.execute("window.scrollTo(0, 0)", vec![]).await.unwrap();
        let path = self.out.join(format!("seat-{}-{what}.png", self.name.to_lowercase()));
        std::fs::write(path, self.c.screenshot().await.unwrap()).unwrap();
    }

    async fn wait_for(&self, xpath: &str, within: Duration) {
        self.c
            .wait()
            .at_most(within)
            .for_element(Locator::XPath(xpath))
            .await
            .unwrap_or_else(|e| panic!("{} waited for {xpath}: {e}", self.name));
    }
}

async fn commander(s: &Seat) {
    s.act("//button[contains(., 'Start the incident')]").await;
    s.tab("Channel").await;
    s.act("//button[text()='Read the channel history']").await;
    // Listen to the room's proposals first, then call it.
    s.tab("Severity").await;
    s.wait_for("//li[contains(., 'proposed SEV1')]", Duration::from_secs(60)).await;
    s.act("//button[text()='Declare SEV1']").await;
    s.tab("Escalate").await;
    s.choose("To", "exec-on-call").await;
    s.fill("Situation in brief", "SEV1: no card payment succeeds for any merchant since 19:49, at peak")
        .await;
    s.fill("What you need", "An executive contact for merchants' leadership").await;
    s.fill("Why it matters", "All merchants down at our busiest hour; enterprise commitments breached").await;
    s.fill(
        "The specific ask",
        "Brief the CEO and take Northway's leadership calls; written updates every 15 minutes",
    )
    .await;
    s.act("//button[text()='Send escalation']").await;
    s.shot("live").await;
    // The technical lead has found the switch-off option: the business decides.
    s.wait_for("//ul[@id='facts']/li[contains(., 'switch')]", Duration::from_secs(120)).await;
    s.tab("Decide").await;
    s.act("//div[@class='card'][b[contains(., 'device check')]]/button").await;
    // Wait for recovery before closing the live phase.
    s.wait_for("//ol[@id='feed']/li[contains(@class, 'RESOLVED')]", Duration::from_secs(240)).await;
    s.wait_for("//li[contains(., 'Resolution')]", Duration::from_secs(60)).await;
    s.tab("Timeline notes").await;
    s.act("//button[contains(., 'begin the review')]").await;
    // The review: blameless rewrites, impact and the meeting.
    s.wait_for("//nav//button[text()='Review']", WAIT).await;
    s.tab("Review").await;
    for _ in 0..2 {
        if s.c.find(Locator::XPath("//textarea[@placeholder='a blameless version']")).await.is_err() {
            break;
        }
        s.fill_first_rewrite().await;
    }
    s.set("Users affected", "4200").await;
    s.set("Duration (minutes)", "38").await;
    s.set("Revenue lost", "133000").await;
    s.fill("Reputation", "Trade press live-blogged the outage; two merchants posted about it").await;
    s.act("//button[text()='Record impact']").await;
    s.fill("When", "2026-12-08 10:00").await;
    s.act("//button[text()='Schedule']").await;
    // Everyone else has added their part: wait for the action items, then finish.
    s.wait_for("//p[contains(., '2 action items')]", Duration::from_secs(120)).await;
    s.shot("review").await;
    s.act("//button[contains(., 'Finish the review')]").await;
    s.wait_for("//nav//button[text()='Debrief']", WAIT).await;
    s.shot("debrief").await;
}

impl Seat {
    async fn fill_first_rewrite(&self) {
        let area = self.element("//textarea[@placeholder='a blameless version']").await;
        area.send_keys(
            "The release passed every check we had; nothing in the process asked for a load test of the new rule set, so the gap was in the process, not in a person.",
        )
        .await
        .unwrap();
        self.act("(//button[text()='Save rewrite'])[1]").await;
    }
}

async fn comms(s: &Seat) {
    s.wait_for("//span[@id='phase' and contains(., 'Live')]", Duration::from_secs(60)).await;
    s.tab("Communicate").await;
    s.choose("Template", "Update").await;
    s.click("//label[contains(., 'executives')]/input").await;
    s.fill("Issue", "Card payments fail for every merchant").await;
    s.choose("Severity", "Sev1").await;
    s.fill("Impact", "No merchant can take card payments; shoppers are not charged").await;
    s.choose("Status", "Investigating").await;
    s.fill("Message", "The payments team is on it; next update in 15 minutes.").await;
    s.set("Next update in (minutes, 0 = none)", "15").await;
    s.shot("writing").await;
    s.act("//button[text()='Send']").await;
    s.tab("Coordinate").await;
    for what in ["talking points", "social post", "Northway"] {
        s.act(&format!("//div[@class='card'][span[contains(., '{what}')]]/button")).await;
    }
    s.wait_for("//ol[@id='feed']/li[contains(@class, 'RESOLVED')]", Duration::from_secs(300)).await;
    s.tab("Communicate").await;
    s.choose("Template", "Resolution").await;
    s.click("//label[contains(., 'executives')]/input").await;
    s.fill("Issue", "Card payments failed for every merchant").await;
    s.choose("Severity", "Sev1").await;
    s.fill("Impact", "No merchant could take card payments for about 40 minutes").await;
    s.choose("Status", "Resolved").await;
    s.fill("Duration", "about 40 minutes").await;
    s.fill("Fix", "The new device check was switched off; payments recovered").await;
    s.fill("Post-mortem", "2026-12-08 10:00").await;
    s.fill("Message", "Payments work again for every merchant. The review is on 8 December.").await;
    s.set("Next update in (minutes, 0 = none)", "0").await;
    s.act("//button[text()='Send']").await;
    s.wait_for("//nav//button[text()='Review']", Duration::from_secs(120)).await;
    s.tab("Review").await;
    s.fill("Description", "Load-test every fraud rule set against peak traffic before release").await;
    s.fill("Owner", "Mei").await;
    s.set("Due", "2026-12-17").await;
    s.fill("Tracking", "RISK-412").await;
    s.choose("Kind", "Prevent").await;
    s.act("//button[text()='Add action item']").await;
    s.fill("Description", "Page on payment success below 90% for two minutes, not five").await;
    s.fill("Owner", "Rhys").await;
    s.set("Due", "2026-12-10").await;
    s.fill("Tracking", "OBS-77").await;
    s.choose("Kind", "Detect").await;
    s.act("//button[text()='Add action item']").await;
}

async fn tech(s: &Seat) {
    s.wait_for("//span[@id='phase' and contains(., 'Live')]", Duration::from_secs(60)).await;
    s.propose("SEV2", "Only the fraud step looks broken; card payments may be partly working").await;
    s.tab("Ask").await;
    for _ in 0..3 {
        s.act("(//div[@id='panel']//div[@class='card']/button)[1]").await;
    }
    s.shot("asking").await;
    s.propose("SEV1", "Nothing succeeds for anyone: every merchant is down at peak").await;
    s.tab("Ask").await;
    for _ in 0..3 {
        s.act("(//div[@id='panel']//div[@class='card']/button)[1]").await;
    }
    s.wait_for("//nav//button[text()='Review']", Duration::from_secs(420)).await;
    s.tab("Review").await;
    s.choose("Factor category", "Process").await;
    s.fill("Contributing factor", "The freeze allowed fraud rule changes without a load test").await;
    s.act("//button[text()='Add factor']").await;
    s.choose("Factor category", "Technical").await;
    s.fill("Contributing factor", "Retries doubled the load on the vendor once the checks slowed").await;
    s.act("//button[text()='Add factor']").await;
}

async fn scribe(s: &Seat) {
    s.wait_for("//span[@id='phase' and contains(., 'Live')]", Duration::from_secs(60)).await;
    s.note("Detection", "19:52 Page: payment success below 1% for all merchants since 19:49").await;
    s.propose("SEV1", "Every merchant's payments fail; this is the whole product at peak").await;
    s.note("ResponseStart", "Ana is incident commander; Mei leads the technical work; Rhys communicates")
        .await;
    s.wait_for("//b[@id='declared' and text()='SEV1']", Duration::from_secs(60)).await;
    s.note("Communication", "SEV1 declared; executives escalated to; first update sent").await;
    s.wait_for("//ol[@id='feed']/li[contains(@class, 'RESOLVED')]", Duration::from_secs(300)).await;
    s.note("Resolution", "Payments recovering for every merchant after the device check was switched off")
        .await;
    s.shot("notes").await;
    s.wait_for("//nav//button[text()='Review']", Duration::from_secs(120)).await;
    s.tab("Review").await;
    for why in [
        "Payments failed because the device check timed out at peak",
        "It timed out because the new rule set was never tested at peak load",
        "It was never tested because the freeze rules did not cover fraud rules",
    ] {
        s.fill("Add a why", why).await;
        s.act("//button[text()='Add why']").await;
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, links, out, driver] = &args[..] else {
        eprintln!("usage: room_walkthrough LINKS_FILE OUT_DIR CHROMEDRIVER_URL");
        std::process::exit(2);
    };
    let out = PathBuf::from(out);
    std::fs::create_dir_all(&out).unwrap();
    let links: Vec<String> = std::fs::read_to_string(links)
        .expect("the links file")
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(links.len(), 4, "four join links, one per person: {links:?}");
    // Two phones, a tablet and a laptop.
    let sizes = [(390, 844), (390, 844), (820, 1180), (1280, 900)];
    let mut seats = Vec::new();
    for (i, link) in links.iter().enumerate() {
        let (w, h) = sizes[i];
        let c = browser(driver, w, h, &out.join(format!("profile-{i}"))).await;
        c.goto(link).await.unwrap();
        c.execute("const o = WebSocket.prototype.send; window.__sent = []; WebSocket.prototype.send = function (m) { window.__sent.push(Date.now() + ' ' + m.slice(0, 60)); return o.call(this, m); };", vec![]).await.unwrap();
        // Who this link is for, as the seat's header says.
        let who = c.wait().at_most(WAIT).for_element(Locator::Id("who")).await.unwrap();
        let mut text = String::new();
        for _ in 0..50 {
            text = who.text().await.unwrap();
            if !text.is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let name = text.split(" · ").next().unwrap_or_default().to_string();
        println!("{name} joined from a {w}×{h} browser");
        seats.push(Seat { name, c, out: out.clone() });
    }
    let by = |n: &str| seats.iter().find(|s| s.name == n).unwrap_or_else(|| panic!("no seat for {n}"));
    for s in &seats {
        s.shot("joined").await;
    }
    // Let the room view show everyone joined before the incident starts.
    tokio::time::sleep(Duration::from_secs(7)).await;
    tokio::join!(commander(by("Ana")), comms(by("Rhys")), tech(by("Mei")), scribe(by("Sam")));
    for s in seats {
        s.c.close().await.unwrap();
    }
    println!("all four finished; the review is done");
}
