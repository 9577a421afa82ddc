//! The HTML report in a real browser: headless Chromium parses it, renders a
//! screenshot and prints it to PDF. The rendered page must hold both charts
//! and every section. CI installs Chromium and sets
//! `SEVDRILL_BROWSER_TEST=require`; elsewhere, without Chromium, the test
//! says so and passes.

mod common;
use common::{sevdrill, text};
use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"].into_iter().find_map(|name| {
        let ok = Command::new(name).arg("--version").output().is_ok_and(|o| o.status.success());
        ok.then(|| PathBuf::from(name))
    })
}

fn headless(browser: &Path, args: &[&str]) -> std::process::Output {
    Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--no-first-run",
        ])
        .args(args)
        .output()
        .expect("chromium runs")
}

#[test]
fn the_html_report_renders_and_prints_in_chromium() {
    let Some(browser) = chromium() else {
        assert_ne!(
            std::env::var("SEVDRILL_BROWSER_TEST").as_deref(),
            Ok("require"),
            "Chromium is required here but was not found"
        );
        eprintln!("Chromium not found: the browser test did not run");
        return;
    };
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-browser");
    let _ = std::fs::remove_dir_all(&out_dir);
    std::fs::create_dir_all(&out_dir).unwrap();
    let log = out_dir.join("session.jsonl");
    let run = sevdrill(&[
        "run",
        "scenarios/slow-burn-to-sev1.ron",
        "--actions",
        "scenarios/scripts/slow-burn-to-sev1.anti-patterns.ron",
        "--save",
        log.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let html = out_dir.join("report.html");
    let made = sevdrill(&["report", log.to_str().unwrap(), "-o", html.to_str().unwrap()]);
    assert_eq!(made.status.code(), Some(0), "{}", text(&made.stderr));
    let url = format!("file://{}", html.canonicalize().unwrap().display());

    // The DOM as the browser built it.
    let dom = headless(&browser, &["--dump-dom", &url]);
    let dom = text(&dom.stdout);
    assert_eq!(dom.matches("<svg").count(), 2, "both charts are in the rendered page");
    assert!(dom.contains("<path") && dom.contains("<rect"), "the charts have their lines and bars");
    for id in
        ["evidence", "scorecard", "severity", "cadence", "findings", "metrics", "par", "review", "timeline"]
    {
        assert!(dom.contains(&format!("id=\"{id}\"")), "section {id} missing from the rendered page");
    }

    // A phone-sized and a desktop screenshot, and a PDF.
    for (name, size) in [("report-phone.png", "390,2400"), ("report-desktop.png", "1280,3000")] {
        let shot = out_dir.join(name);
        let window = format!("--window-size={size}");
        let to = format!("--screenshot={}", shot.display());
        headless(&browser, &[&window, &to, &url]);
        let bytes = std::fs::metadata(&shot).map(|m| m.len()).unwrap_or(0);
        assert!(bytes > 30_000, "{name} is missing or blank ({bytes} bytes)");
    }
    let pdf = out_dir.join("report.pdf");
    let to = format!("--print-to-pdf={}", pdf.display());
    headless(&browser, &["--no-pdf-header-footer", &to, &url]);
    let bytes = std::fs::read(&pdf).expect("the PDF was printed");
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    let pages = bytes.windows(10).filter(|w| w == b"/Type /Pag" || w == b"/Type/Page").count();
    assert!(pages >= 2, "a full report prints on several pages ({pages})");
    eprintln!("browser test output in {}", out_dir.display());
}
