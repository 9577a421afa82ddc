//! GUI panels without a GPU: drawing functions are run in egui_kittest and
//! must return the intents a participant's clicks and keys mean; systems are
//! run in a headless Bevy app with a manual clock.
#![cfg(feature = "gui")]

mod common;
use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::time::TimeUpdateStrategy;
use bevy_egui::egui;
use common::*;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use sevdrill::gui::screens::library::{Catalog, view as library_view};
use sevdrill::gui::screens::live::{LiveForms, Tab, view as live_view};
use sevdrill::gui::screens::setup::{SetupForm, view as setup_view};
use sevdrill::gui::session::{Session, Speed};
use sevdrill::gui::{GuiOptions, Intent, Screen};
use sevdrill::scenario::{Sev, Template};
use sevdrill::sim::{Action, Phase};
use sevdrill::time::Dur;
use std::time::Duration;

fn live_session() -> Session {
    let mut s = Session(sevdrill::session::Session::start(minimal(), 7, team(), None).unwrap());
    s.act(&ic(), Action::StartIncident).unwrap();
    s
}

#[test]
fn the_library_lists_valid_and_broken_scenarios() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.ron"), "Scenario(id: \"x\",").unwrap();
    let options = GuiOptions { user_scenarios: Some(dir.path().into()), ..Default::default() };
    let catalog = Catalog::load(&options);
    let mut h = Harness::new_ui_state(
        |ui, (c, out): &mut (Catalog, Vec<Intent>)| out.extend(library_view(ui, c)),
        (catalog, Vec::new()),
    );
    h.set_size(egui::vec2(1600.0, 2400.0));
    h.run();
    assert!(h.query_all_by_label_contains("Cyber Monday").count() >= 1);
    h.get_by_label_contains("does not validate");
    h.get_by_label_contains("broken.ron:1:");
    h.get_by_label("🎲 Random scenario").click();
    h.run();
    let (_, out) = h.state();
    assert!(
        matches!(out.first(), Some(Intent::OpenScenario(p)) if p.extension().unwrap() == "ron"),
        "{out:?}"
    );
}

#[test]
fn setup_refuses_to_start_until_every_role_is_held() {
    let mut form = SetupForm::new(minimal());
    form.people = vec![("Dana".into(), vec!["ic".into()])];
    assert!(form.problem().unwrap().contains("nobody holds"));
    form.people.push(("Lee".into(), vec!["comms".into(), "scribe".into(), "tech".into()]));
    assert_eq!(form.problem(), None);
    let mut h = Harness::new_ui_state(
        |ui, (f, p, out): &mut (SetupForm, bool, Vec<Intent>)| out.extend(setup_view(ui, f, p)),
        (form, false, Vec::new()),
    );
    h.set_size(egui::vec2(1400.0, 900.0));
    h.run();
    h.get_by_label("Start briefing ▶").click();
    h.run();
    let (_, _, out) = h.state();
    match out.first() {
        Some(Intent::StartSession { participants, seed, .. }) => {
            assert_eq!(participants.len(), 2);
            assert_eq!(*seed, 1);
        }
        other => panic!("expected StartSession, got {other:?}"),
    }
}

#[test]
fn declaring_severity_on_the_live_screen_is_an_attributed_action() {
    let mut h = Harness::new_ui_state(
        |ui, (s, f, out): &mut (Session, LiveForms, Vec<Intent>)| out.extend(live_view(ui, s, f)),
        (live_session(), LiveForms::default(), Vec::new()),
    );
    h.set_size(egui::vec2(1920.0, 1080.0));
    h.run();
    h.get_by_label("SEV1").click();
    h.run();
    let (_, _, out) = h.state();
    assert!(
        out.iter().any(
            |i| matches!(i, Intent::Act(a, Action::Declare(Sev::Sev1)) if a.name == "Dana" && a.role == "ic")
        ),
        "{out:?}"
    );
}

#[test]
fn the_composer_shows_missing_fields_before_sending() {
    let forms = LiveForms { tab: Tab::Communicate, ..LiveForms::default() };
    let mut h = Harness::new_ui_state(
        |ui, (s, f, out): &mut (Session, LiveForms, Vec<Intent>)| out.extend(live_view(ui, s, f)),
        (live_session(), forms, Vec::new()),
    );
    h.set_size(egui::vec2(1920.0, 1400.0));
    h.run();
    h.get_by_label_contains("missing: issue, severity, impact, status, lead, channel");
    h.get_by_label("executives").click();
    h.run();
    h.get_by_label("Send").click();
    h.run();
    let (_, _, out) = h.state();
    match out.iter().find_map(|i| match i {
        Intent::Act(_, Action::Communicate(c)) => Some(c),
        _ => None,
    }) {
        Some(c) => {
            assert_eq!(c.template, Template::Initial);
            assert_eq!(c.fields.next_update_in, Some(Dur::mins(20)));
        }
        None => panic!("no message sent: {out:?}"),
    }
}

#[test]
fn keyboard_shortcuts_reach_the_clock_and_the_tabs() {
    let mut h = Harness::new_ui_state(
        |ui, (s, f, out): &mut (Session, LiveForms, Vec<Intent>)| {
            out.extend(sevdrill::gui::shortcuts::read_keys(
                ui.ctx(),
                Screen::Live,
                s.speed == Speed::Paused,
                Some(f),
            ));
        },
        (live_session(), LiveForms::default(), Vec::new()),
    );
    h.key_press(egui::Key::N);
    h.run();
    h.key_press(egui::Key::Space);
    h.run();
    h.key_press(egui::Key::C);
    h.run();
    let (_, f, out) = h.state();
    assert!(out.contains(&Intent::JumpToNextEvent), "{out:?}");
    assert!(out.contains(&Intent::SetSpeed(Speed::X1)), "{out:?}");
    assert_eq!(f.tab, Tab::Communicate);
}

/// A headless app with the trainer's systems and a manual clock.
fn app() -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin))
        .insert_resource(GuiOptions { sessions: std::env::temp_dir(), ..Default::default() })
        .insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(200)));
    sevdrill::gui::add_plugins(&mut app);
    app
}

#[test]
fn the_clock_turns_real_time_into_simulated_time_at_the_chosen_speed() {
    let mut app = app();
    let mut s = live_session();
    s.speed = Speed::X10;
    app.insert_resource(s);
    app.update(); // the first update only starts the clock
    for _ in 0..10 {
        app.update();
    }
    // Ten frames of 0.2 s at 10× is 20 simulated seconds.
    assert_eq!(app.world().resource::<Session>().engine.now(), Dur(20));
    app.world_mut().resource_mut::<Session>().speed = Speed::Paused;
    app.update();
    app.update();
    assert_eq!(app.world().resource::<Session>().engine.now(), Dur(20), "a paused clock stands still");
}

#[test]
fn intents_act_on_the_session_and_move_between_screens() {
    let mut app = app();
    app.insert_resource(live_session());
    app.update();
    app.world_mut()
        .resource_mut::<sevdrill::gui::intent::Intents>()
        .0
        .push(Intent::Act(ic(), Action::Declare(Sev::Sev1)));
    app.world_mut()
        .resource_mut::<sevdrill::gui::intent::Intents>()
        .0
        .push(Intent::Act(ic(), Action::BeginReview));
    app.update();
    app.update();
    let s = app.world().resource::<Session>();
    assert_eq!(s.engine.state().declared, Some(Sev::Sev1));
    assert_eq!(s.phase(), Phase::Review);
    assert_eq!(*app.world().resource::<State<Screen>>().get(), Screen::Review);
}

#[test]
fn a_killed_session_is_offered_for_resume_and_comes_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session(sevdrill::session::Session::start(minimal(), 7, team(), Some(dir.path())).unwrap());
    s.act(&ic(), Action::StartIncident).unwrap();
    s.advance_to(Dur::mins(2));
    s.act(&ic(), Action::Declare(Sev::Sev1)).unwrap();
    s.advance_to(Dur::mins(3));
    s.act(&ic(), Action::Ask("impact".into())).unwrap();
    let before = (s.engine.state().clone(), s.engine.events().to_vec());
    let path = s.log_path.clone().unwrap();
    // A kill -9 mid-write leaves a cut-off line after the flushed ones.
    drop(s);
    let mut f = std::fs::OpenOptions::new().append(true).open(&path).unwrap();
    std::io::Write::write_all(&mut f, b"{\"at\":\"3m10s\",\"by\":\"Da").unwrap();

    let offered = sevdrill::gui::screens::library::unfinished_sessions(dir.path());
    assert_eq!(offered.len(), 1, "the library offers the session");
    assert!(offered[0].1.contains("minimal-outage"));
    let resumed = Session(sevdrill::session::Session::resume(minimal(), &offered[0].0).unwrap());
    assert_eq!(resumed.engine.state(), &before.0, "nothing that was done is lost");
    assert_eq!(resumed.engine.events(), &before.1[..]);
    assert_eq!(resumed.phase(), Phase::Live);
}

#[test]
fn the_replay_shows_the_session_as_it_stood_at_any_moment() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session(sevdrill::session::Session::start(minimal(), 7, team(), Some(dir.path())).unwrap());
    s.act(&ic(), Action::StartIncident).unwrap();
    s.advance_to(Dur::mins(4));
    s.act(&ic(), Action::Declare(Sev::Sev1)).unwrap();
    s.advance_to(Dur::mins(30));
    s.act(&ic(), Action::BeginReview).unwrap();
    let path = s.log_path.clone().unwrap();
    let mut v = sevdrill::gui::screens::replay::ReplayView::open(&path, Some(Dur::mins(2))).unwrap();
    assert_eq!(v.at.state().declared, None, "before the declaration");
    let early = v.card.total;
    let next = v.next_moment().unwrap();
    assert!(next > Dur::mins(2));
    v.seek(Dur::mins(5));
    assert_eq!(v.at.state().declared, Some(Sev::Sev1));
    assert_ne!(v.card.total, early, "the running score moves with the moment");
    v.seek(Dur::mins(999));
    assert_eq!(v.cursor, v.end, "the cursor stops at the end");
    // The strip under the scrubber: the declaration on its lane, findings as
    // markers at their moments, and the score's course.
    use sevdrill::gui::screens::replay_strip::Lane;
    assert_eq!(v.strip.declared, vec![(Dur::mins(4), Sev::Sev1)]);
    assert!(v.strip.marks.iter().any(|m| matches!(m.lane, Lane::Finding(_))));
    assert!(v.strip.score.len() > 10 && v.strip.score.windows(2).all(|w| w[0].0 < w[1].0 || w[0].0 == v.end));
}

#[test]
fn saving_the_open_scenario_reloads_it_and_a_broken_save_keeps_the_last_good_version() {
    use sevdrill::gui::hot_reload::{HotReload, ReloadStatus};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("minimal.ron");
    std::fs::write(&path, MINIMAL).unwrap();
    let save = |text: &str, age_secs: u64| {
        std::fs::write(&path, text).unwrap();
        // Some file systems keep whole-second times: make each save distinct.
        let t = std::time::SystemTime::now() - Duration::from_secs(age_secs);
        std::fs::File::options().write(true).open(&path).unwrap().set_modified(t).unwrap();
    };
    save(MINIMAL, 30);

    let mut app = app();
    let loaded = sevdrill::scenario::load_file(&path).unwrap();
    app.insert_resource(SetupForm::new(loaded));
    app.world_mut().resource_mut::<NextState<Screen>>().set(Screen::Setup);
    app.update();
    app.update();
    assert_eq!(app.world().resource::<HotReload>().path.as_deref(), Some(path.as_path()));

    save(&MINIMAL.replace("title: \"Login outage\"", "title: \"Login outage, take two\""), 20);
    app.update();
    assert_eq!(app.world().resource::<SetupForm>().loaded.scenario.title, "Login outage, take two");
    assert!(matches!(app.world().resource::<HotReload>().status, ReloadStatus::Reloaded { .. }));

    // A save that no longer validates: the error is shown, the good version stays.
    save(&MINIMAL.replace("title: \"Login outage\"", "titel: \"Broken\""), 10);
    app.update();
    match &app.world().resource::<HotReload>().status {
        ReloadStatus::Invalid(d) => {
            assert!(d[0].message.contains("titel"), "{}", d[0]);
            assert!(d[0].line > 0 && d[0].help.as_deref() == Some("did you mean `title`?"), "{}", d[0]);
        }
        _ => panic!("a broken save should be reported"),
    }
    assert_eq!(app.world().resource::<SetupForm>().loaded.scenario.title, "Login outage, take two");

    // Starting the session uses the last good version even though the file is broken.
    let form = app.world().resource::<SetupForm>().clone();
    app.world_mut().resource_mut::<sevdrill::gui::intent::Intents>().0.push(Intent::StartSession {
        path: path.clone(),
        seed: 3,
        participants: team(),
        scores_live: false,
        speed: Speed::X1,
        record: Default::default(),
    });
    app.update();
    app.update();
    let s = app.world().resource::<Session>();
    assert_eq!(s.scenario().title, form.loaded.scenario.title);

    // During a session a good save is offered, not forced.
    save(&MINIMAL.replace("title: \"Login outage\"", "title: \"Third version\""), 0);
    app.update();
    assert!(matches!(app.world().resource::<HotReload>().status, ReloadStatus::NewVersion(_)));
    assert_eq!(app.world().resource::<Session>().scenario().title, "Login outage, take two");
}

#[test]
fn the_reload_banner_shows_errors_and_offers_the_new_version() {
    use sevdrill::gui::hot_reload::{ReloadStatus, banner_view};
    let broken = sevdrill::scenario::load_str("s.ron", &MINIMAL.replace("title:", "titel:")).unwrap_err();
    let status = ReloadStatus::Invalid(broken);
    let mut harness = Harness::new_ui(|ui| {
        banner_view(ui.ctx(), &status, "s.ron");
    });
    harness.run();
    harness.get_by_label_contains("last good version stays loaded");
    harness.get_by_label_contains("did you mean `title`?");

    let newer = ReloadStatus::NewVersion(Box::new(minimal()));
    let clicked = std::cell::RefCell::new(Vec::new());
    let mut harness = Harness::new_ui(|ui| {
        let (out, _) = banner_view(ui.ctx(), &newer, "s.ron");
        clicked.borrow_mut().extend(out);
    });
    harness.run();
    harness.get_by_label("Set up a new session on the saved version").click();
    harness.run();
    assert!(clicked.borrow().contains(&Intent::OpenScenario("s.ron".into())), "{:?}", clicked.borrow());
}

#[test]
fn the_debrief_exports_its_report_and_the_trends_screen_reads_the_sessions() {
    use sevdrill::gui::screens::trends::{TrendsView, show as trends_view};
    let dir = tempfile::tempdir().unwrap();
    let mut app = app();
    app.insert_resource(GuiOptions {
        user_scenarios: Some("tests/fixtures".into()),
        sessions: dir.path().to_path_buf(),
        ..Default::default()
    });
    let record = sevdrill::gui::session::Record { facilitator: "Robin".into(), team: "Blue".into() };
    let mut s = Session(
        sevdrill::session::Session::start_recorded(minimal(), 7, team(), Some(dir.path()), &record).unwrap(),
    );
    s.act(&ic(), Action::StartIncident).unwrap();
    s.act(&ic(), Action::Declare(Sev::Sev1)).unwrap();
    app.insert_resource(s);
    app.update();
    app.world_mut().resource_mut::<sevdrill::gui::intent::Intents>().0.push(Intent::ExportReport);
    app.update();
    let notice = app.world().resource::<Session>().notice.clone().unwrap_or_default();
    assert!(notice.starts_with("Report written to"), "{notice}");
    let reports: Vec<_> =
        std::fs::read_dir(dir.path().join("reports")).unwrap().map(|e| e.unwrap().path()).collect();
    let html = reports.iter().find(|p| p.extension().is_some_and(|x| x == "html")).expect("an HTML report");
    let text = std::fs::read_to_string(html).unwrap();
    assert!(text.contains("Robin") && text.contains("Blue"), "facilitator and team are in the evidence");
    assert_eq!(text.matches("<svg").count(), 2);
    assert_eq!(reports.iter().filter(|p| p.extension().is_some_and(|x| x == "svg")).count(), 2);

    app.world_mut().resource_mut::<sevdrill::gui::intent::Intents>().0.push(Intent::OpenTrends);
    app.update();
    app.update();
    assert_eq!(*app.world().resource::<State<Screen>>().get(), Screen::Trends);
    let view = app.world().resource::<TrendsView>().clone();
    assert_eq!(view.trends.sessions.len(), 1);
    assert_eq!(view.trends.sessions[0].team, "Blue");

    let out = std::cell::RefCell::new(Vec::new());
    let mut h = Harness::new_ui(|ui| out.borrow_mut().extend(trends_view(ui, &view)));
    h.run();
    h.get_by_label_contains("Trends across 1 drill");
    h.get_by_label("SEV-PROMPT");
    h.get_by_label("Export as HTML").click();
    h.run();
    assert!(out.borrow().contains(&Intent::ExportTrends));
}

/// Plays the window loop against the app for `secs` of wall time, the way
/// bevy_winit does in reactive mode with no input: after each frame it
/// sleeps for what `redraw` asked (a 16 ms vsync frame when it asked for
/// one at once). Returns the frames drawn.
fn frames_over(app: &mut App, secs: u64) -> u64 {
    use sevdrill::gui::redraw::NextFrame;
    let start = app.world().resource::<NextFrame>().frames;
    let mut elapsed = Duration::ZERO;
    let mut wait = Duration::from_millis(16);
    while elapsed < Duration::from_secs(secs) {
        app.insert_resource(TimeUpdateStrategy::ManualDuration(wait));
        app.update();
        elapsed += wait;
        let next = *app.world().resource::<NextFrame>();
        wait = if next.now { Duration::from_millis(16) } else { next.wait };
    }
    app.world().resource::<NextFrame>().frames - start
}

#[test]
fn an_idle_trainer_draws_a_handful_of_frames_a_minute_and_a_running_clock_one_a_second() {
    let mut app = app();
    app.update();
    let idle = frames_over(&mut app, 60);
    assert!(idle <= 4, "the library left alone for a minute drew {idle} frames");
    app.insert_resource(live_session());
    app.update();
    let paused = frames_over(&mut app, 60);
    assert!(paused <= 4, "a paused live screen drew {paused} frames in a minute");
    app.world_mut().resource_mut::<Session>().speed = Speed::X1;
    let before = app.world().resource::<Session>().engine.now();
    let running = frames_over(&mut app, 60);
    let moved = app.world().resource::<Session>().engine.now().as_secs() - before.as_secs();
    assert!((55..=65).contains(&running), "at 1× the live screen drew {running} frames in a minute");
    assert!(moved >= 58, "the clock moved {moved} s in a minute at 1×");
}

#[test]
fn egui_s_delayed_repaints_wait_and_unchanged_modifier_keys_are_no_input() {
    use bevy_egui::{EguiFullOutput, EguiInput};
    use sevdrill::gui::redraw::NextFrame;
    let mut app = app();
    let mut full = egui::FullOutput::default();
    full.viewport_output.insert(
        egui::ViewportId::ROOT,
        egui::ViewportOutput {
            parent: egui::ViewportId::ROOT,
            class: egui::ViewportClass::Root,
            builder: egui::ViewportBuilder::default(),
            viewport_ui_cb: None,
            commands: Vec::new(),
            repaint_delay: Duration::from_millis(500),
        },
    );
    let ctx = app.world_mut().spawn((EguiInput::default(), EguiFullOutput(Some(full)))).id();
    app.world_mut()
        .get_mut::<EguiInput>(ctx)
        .unwrap()
        .events
        .push(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    app.update();
    let next = *app.world().resource::<NextFrame>();
    assert!(!next.now && next.wait == Duration::from_millis(500), "{next:?}");
    assert!(
        app.world().get::<EguiInput>(ctx).unwrap().events.is_empty(),
        "an unchanged modifier state reached egui"
    );
    app.world_mut()
        .get_mut::<EguiInput>(ctx)
        .unwrap()
        .events
        .push(egui::Event::ModifiersChanged(egui::Modifiers::SHIFT));
    app.update();
    assert_eq!(
        app.world().get::<EguiInput>(ctx).unwrap().events.len(),
        1,
        "a real change of modifiers is kept"
    );
}

#[test]
fn the_feed_shows_cards_with_a_word_per_channel_and_lays_out_only_what_is_in_view() {
    use sevdrill::gui::screens::feed::{Card, show};
    let cards: Vec<Card> = (0..2000)
        .map(|i| Card {
            channel: Some(sevdrill::scenario::Channel::Chat),
            icon: "💬",
            word: "CHAT",
            colour: egui::Color32::WHITE,
            from: "Technical lead".into(),
            at: "20:01".into(),
            text: format!("feed item {i} with a sentence long enough to wrap once at this width"),
            unread: i % 2 == 0,
        })
        .collect();
    let mut h = Harness::new_ui_state(
        |ui, cards: &mut Vec<Card>| show(ui, "feed", cards.len(), |i| cards[i].clone(), 800.0),
        cards,
    );
    h.set_size(egui::vec2(700.0, 900.0));
    h.run();
    let drawn = h.query_all_by_label_contains("feed item").count();
    assert!((3..80).contains(&drawn), "{drawn} of 2,000 cards were laid out");
    // The feed keeps to the newest item.
    h.get_by_label_contains("feed item 1999 ");
    assert!(h.query_all_by_label_contains("CHAT").count() >= 3, "each card names its channel in a word");
}

#[test]
fn the_status_board_counts_down_to_the_promised_update_and_the_debrief_draws_its_charts() {
    use sevdrill::gui::screens::status_board::next_update;
    use sevdrill::sim::dashboard::impact_course;
    use sevdrill::sim::{CommFields, Communication};
    let mut s = live_session();
    assert_eq!(
        impact_course(&s.engine).first().map(|c| c.0),
        Some(Dur::ZERO),
        "the board starts from the alert's impact"
    );
    s.advance_to(Dur::mins(5));
    let fields = CommFields { next_update_in: Some(Dur::mins(20)), ..Default::default() };
    let msg = Communication {
        template: Template::Initial,
        audiences: vec![sevdrill::scenario::Audience::TeamLead],
        fields,
        text: "Checkout is failing for some users; next update in 20 minutes.".into(),
    };
    s.act(&comms(), Action::Communicate(msg)).unwrap();
    assert_eq!(next_update(&s), Some((Dur::mins(25), Dur::mins(20))));

    let mut h = Harness::new_ui_state(
        |ui, s: &mut Session| {
            let charts = sevdrill::gui::screens::debrief::Charts::of(&s.engine);
            sevdrill::gui::screens::charts::severity(ui, &charts.severity);
            sevdrill::gui::screens::charts::cadence(ui, &charts.cadence);
        },
        s,
    );
    h.set_size(egui::vec2(900.0, 700.0));
    h.run();
    h.get_by_label_contains("the declared one");
    h.get_by_label_contains("silence after an update");
}

#[test]
fn the_setup_switch_opens_seats_and_a_seat_drives_the_trainers_session() {
    use futures_util::{SinkExt, StreamExt};
    use sevdrill::gui::host::HostLink;
    let dir = tempfile::tempdir().unwrap();
    let mut app = app();
    app.insert_resource(GuiOptions { sessions: dir.path().into(), ..Default::default() });
    app.update();
    let participants = vec![
        sevdrill::sim::Participant { name: "Dana".into(), roles: vec!["ic".into()] },
        sevdrill::sim::Participant { name: "Lee".into(), roles: vec!["comms".into()] },
    ];
    app.world_mut().resource_mut::<sevdrill::gui::intent::Intents>().0.extend([
        Intent::StartSession {
            path: "scenarios/payments-peak-outage.ron".into(),
            seed: 7,
            participants,
            scores_live: false,
            speed: Speed::X1,
            record: Default::default(),
        },
        Intent::HostSeats,
    ]);
    app.update();
    app.update();
    let link = app.world().get_resource::<HostLink>().expect("the switch started the seats");
    assert_eq!(link.links.len(), 3, "one link per participant and the facilitator's");
    assert!(link.codes.iter().all(Option::is_some), "every link has a QR code");
    assert!(link.reachable, "the room's network can reach the seats");
    let journal = app.world().resource::<Session>().log_path.clone().unwrap();
    assert!(sevdrill::host::seats::SeatBook::path_for(&journal).exists(), "the tokens are kept for --resume");
    // Dana's phone starts the incident; the trainer's session takes it.
    let dana = link.links.iter().find(|(n, _, _)| n == "Dana").unwrap().2.clone();
    let url = sevdrill::host::client::ws_url(&dana.replace("0.0.0.0", "127.0.0.1")).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let mut ws = rt.block_on(async {
        let host = url.split('/').nth(2).unwrap().split(':').nth(1).unwrap().to_string();
        let url = format!("ws://127.0.0.1:{host}/{}", url.splitn(4, '/').nth(3).unwrap());
        let (mut ws, _) = tokio_tungstenite::connect_async(url).await.unwrap();
        let start = r#"{"type":"act","id":1,"role":"ic","after":0,"action":"StartIncident"}"#;
        ws.send(tokio_tungstenite::tungstenite::Message::Text(start.into())).await.unwrap();
        ws
    });
    let begun = std::time::Instant::now();
    while app.world().resource::<Session>().phase() != sevdrill::sim::Phase::Live {
        assert!(begun.elapsed() < Duration::from_secs(10), "the seat's action never reached the session");
        app.update();
        std::thread::sleep(Duration::from_millis(20));
    }
    let acked = rt.block_on(async {
        while let Some(Ok(m)) = ws.next().await {
            if m.to_text().unwrap_or("").contains(r#""type":"ack""#) {
                return true;
            }
        }
        false
    });
    assert!(acked, "the seat is told once the journal has it");
    let log = std::fs::read_to_string(&journal).unwrap();
    assert!(log.contains(r#""by":"Dana","role":"ic","do":"StartIncident","via":"seat""#), "{log}");
}

/// A finished drill of the minimal scenario, journaled in `dir`: SEV1
/// declared late (at 10 minutes), then the review with one action item.
fn finished_drill(dir: &std::path::Path, team_name: &str, due: &str) -> std::path::PathBuf {
    use sevdrill::sim::{ActionItem, ItemKind};
    let record = sevdrill::gui::session::Record { facilitator: "Robin".into(), team: team_name.into() };
    let mut s = sevdrill::session::Session::start_recorded(minimal(), 7, team(), Some(dir), &record).unwrap();
    s.act(&ic(), Action::StartIncident).unwrap();
    s.advance_to(Dur::mins(10));
    s.act(&ic(), Action::Declare(Sev::Sev1)).unwrap();
    s.advance_to(Dur::mins(30));
    s.act(&ic(), Action::BeginReview).unwrap();
    let item = ActionItem {
        description: "Alert on login errors, not only on CPU".into(),
        owner: "Lee".into(),
        due: due.into(),
        tracking: "OPS-12".into(),
        kind: ItemKind::Detect,
    };
    s.act(&ic(), Action::AddActionItem(item)).unwrap();
    s.act(&ic(), Action::FinishReview).unwrap();
    s.log_path.clone().unwrap()
}

fn push(app: &mut App, intent: Intent) {
    app.world_mut().resource_mut::<sevdrill::gui::intent::Intents>().0.push(intent);
    app.update();
    app.update();
}

#[test]
fn from_a_finished_session_the_team_plays_from_a_moment_finishes_the_fork_and_sees_the_comparison() {
    use sevdrill::gui::screens::debrief::Debrief;
    use sevdrill::gui::screens::replay::{ReplayView, show as replay_show};
    let dir = tempfile::tempdir().unwrap();
    let parent = finished_drill(dir.path(), "Blue", "2026-01-01");
    let mut app = app();
    app.insert_resource(GuiOptions { sessions: dir.path().to_path_buf(), ..Default::default() });
    app.update();
    push(&mut app, Intent::OpenReplay { path: parent.clone(), at: Some(Dur::mins(2)) });
    assert_eq!(*app.world().resource::<State<Screen>>().get(), Screen::Replay);

    // The replay's button at T+02:00 asks to play on from there.
    let view = ReplayView::open(&parent, Some(Dur::mins(2))).unwrap();
    let mut h = Harness::new_ui_state(
        |ui, (v, out): &mut (ReplayView, Vec<Intent>)| out.extend(replay_show(ui, v)),
        (view, Vec::new()),
    );
    h.set_size(egui::vec2(1600.0, 1000.0));
    h.run();
    h.get_by_label("▶ Play from here").click();
    h.run();
    let asked = h.state().1.clone();
    assert_eq!(asked, vec![Intent::PlayFrom { path: parent.clone(), at: Dur::mins(2) }]);

    push(&mut app, asked[0].clone());
    assert_eq!(*app.world().resource::<State<Screen>>().get(), Screen::Live, "the fork is live");
    let s = app.world().resource::<Session>();
    assert_eq!(s.engine.now(), Dur::mins(2), "at the moment chosen");
    assert_eq!(s.speed, Speed::Paused, "with the clock paused");
    assert_eq!(s.engine.state().declared, None, "before the parent's late declaration");
    let fork_path = s.log_path.clone().unwrap();
    assert_ne!(fork_path, parent, "the parent is kept");
    let f = s.fork.clone().expect("journaled as a fork");
    assert_eq!((f.at, f.kept), (Dur::mins(2), 1));

    // This time SEV1 is declared at once; the rest goes as before.
    push(&mut app, Intent::Act(ic(), Action::Declare(Sev::Sev1)));
    app.world_mut().resource_mut::<Session>().advance_to(Dur::mins(30));
    push(&mut app, Intent::Act(ic(), Action::BeginReview));
    let item = sevdrill::sim::ActionItem {
        description: "Alert on login errors, not only on CPU".into(),
        owner: "Lee".into(),
        due: "2026-01-01".into(),
        tracking: "OPS-12".into(),
        kind: sevdrill::sim::ItemKind::Detect,
    };
    push(&mut app, Intent::Act(ic(), Action::AddActionItem(item)));
    push(&mut app, Intent::Act(ic(), Action::FinishReview));
    assert_eq!(*app.world().resource::<State<Screen>>().get(), Screen::Debrief);
    let d = app.world().resource::<Debrief>();
    let c = d.3.clone().expect("a fork's debrief compares").expect("with its parent found");
    assert_eq!(c.divergence.as_ref().map(|d| d.at), Some(Dur::mins(2)));
    assert!(c.b.outcome.total > c.a.outcome.total, "the earlier call scores better: {c:?}");
    assert!(c.gone.iter().any(|f| f.principle == "SEV-UNDER" || f.principle == "SEV-PROMPT"), "{:?}", c.gone);

    // The debrief shows it.
    let mut h = Harness::new_ui_state(
        |ui, (c, out): &mut (Result<sevdrill::report::compare::Comparison, String>, Vec<Intent>)| {
            out.extend(sevdrill::gui::screens::compare_panel::show(ui, c))
        },
        (Ok(c), Vec::new()),
    );
    h.set_size(egui::vec2(1600.0, 800.0));
    h.run();
    h.get_by_label("What if — this fork beside the original");
    h.get_by_label_contains("Problems that went away in this fork");
    // And the fork replays alone to the same score, and reports beside its parent.
    let out = sevdrill(&["report", fork_path.to_str().unwrap(), "--format", "md"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    assert!(md.contains("## Beside its parent") && md.contains("This session is a fork"), "{md}");
}

#[test]
fn the_next_briefing_opens_with_the_teams_commitments_overdue_ones_marked() {
    use sevdrill::gui::screens::briefing::view as briefing_view;
    let dir = tempfile::tempdir().unwrap();
    finished_drill(dir.path(), "Blue", "2020-01-31");
    // Another team's drill carries nothing into Blue's.
    finished_drill(dir.path(), "Green", "2020-01-31");
    let record = sevdrill::gui::session::Record { facilitator: "Robin".into(), team: " blue ".into() };
    let s = Session(
        sevdrill::session::Session::start_recorded(minimal(), 7, team(), Some(dir.path()), &record).unwrap(),
    );
    assert_eq!(s.carried.len(), 1, "only what Blue wrote");
    assert_eq!(s.carried[0].item.description, "Alert on login errors, not only on CPU");
    let header = sevdrill::replay::SessionLog::load(s.log_path.as_ref().unwrap()).unwrap().header;
    assert_eq!(header.carried, s.carried, "kept in the journal for the report");
    let mut h = Harness::new_ui_state(
        |ui, (s, out): &mut (Session, Vec<Intent>)| out.extend(briefing_view(ui, s)),
        (s, Vec::new()),
    );
    h.set_size(egui::vec2(1600.0, 1000.0));
    h.run();
    h.get_by_label_contains("Last time you committed to");
    h.get_by_label_contains("Alert on login errors, not only on CPU");
    h.get_by_label("— Lee, due 2020-01-31");
    h.get_by_label("⚠ OVERDUE");
    let none = Session(sevdrill::session::Session::start(minimal(), 7, team(), Some(dir.path())).unwrap());
    assert!(none.carried.is_empty(), "a drill with no team named carries nothing");
}

#[test]
fn the_library_recommends_the_next_drill_for_the_latest_team_with_reasons() {
    let dir = tempfile::tempdir().unwrap();
    finished_drill(dir.path(), "Blue", "2030-01-01");
    let options = GuiOptions {
        user_scenarios: Some("tests/fixtures".into()),
        sessions: dir.path().to_path_buf(),
        ..Default::default()
    };
    let catalog = Catalog::load(&options);
    let r = catalog.recommender.as_ref().expect("a drill to learn from");
    let rec = r.result.as_ref().unwrap();
    assert_eq!(rec.whom, "team Blue");
    assert_eq!(rec.picks.len(), 3);
    let mut h = Harness::new_ui_state(
        |ui, (c, out): &mut (Catalog, Vec<Intent>)| out.extend(library_view(ui, c)),
        (catalog, Vec::new()),
    );
    h.set_size(egui::vec2(1600.0, 2400.0));
    h.run();
    h.get_by_label("Recommended for");
    assert!(h.query_all_by_label_contains("this scenario tests it").count() >= 1);
    h.query_all_by_label("Open ▶").next().unwrap().click();
    h.run();
    assert!(matches!(h.state().1.first(), Some(Intent::OpenScenario(_))), "{:?}", h.state().1);
}

#[test]
fn the_facilitators_window_redraws_at_most_once_a_second_and_never_in_the_rooms_frame() {
    use sevdrill::gui::facilitator_rate::{FacilitatorCamera, FacilitatorRate};
    let mut app = app();
    app.insert_resource(live_session());
    // Past the library, which closes the facilitator's window.
    app.update();
    app.world_mut().resource_mut::<NextState<Screen>>().set(Screen::Live);
    app.update();
    let room = app.world_mut().spawn((Camera::default(), bevy_egui::PrimaryEguiContext)).id();
    let desk = app.world_mut().spawn((Camera::default(), FacilitatorCamera)).id();
    app.world_mut().insert_resource(FacilitatorRate::default());
    let active = |app: &App, e: Entity| app.world().get::<Camera>(e).unwrap().is_active;
    app.update();
    // Its first frame draws it, and the room's window sits that one out ...
    assert!(active(&app, desk) && !active(&app, room));
    assert!(app.world().resource::<FacilitatorRate>().room_owed);
    // ... and is drawn in the very next.
    app.update();
    assert!(active(&app, room) && !active(&app, desk));
    // A change within the second waits, marked stale, with a wake planned.
    app.world_mut().resource_mut::<Session>().act(&ic(), Action::Declare(Sev::Sev1)).unwrap();
    app.update();
    assert!(!active(&app, desk) && active(&app, room));
    let rate = app.world().resource::<FacilitatorRate>();
    assert!(rate.stale && rate.due_in().is_some_and(|d| d <= Duration::from_secs(1)));
    std::thread::sleep(Duration::from_millis(1050));
    app.update();
    assert!(active(&app, desk) && !active(&app, room), "caught up once rested");
    app.update();
    assert!(active(&app, room) && !app.world().resource::<FacilitatorRate>().stale);
}
