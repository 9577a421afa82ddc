//! The live incident: the clock, the feed, what is known, the timers, and
//! every action a participant can take, each attributed to a role.

use super::widgets::{multiline, notice, section, sev_badge, single};
use super::{Screen, root_ui};
use crate::gui::intent::{Intent, Intents};
use crate::gui::session::{Session, Speed};
use crate::gui::theme::colour;
use crate::scenario::{Audience, ContextTopic, Sev, Template};
use crate::scoring::missing_fields;
use crate::sim::{Action, Actor, CommFields, Communication, Escalation, Moment, Status, holds};
use crate::time::Dur;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use egui::RichText;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Severity,
    Channel,
    Ask,
    Context,
    Escalate,
    Communicate,
    Decide,
    Coordinate,
    Notes,
}

impl Tab {
    pub const ALL: [(Tab, &'static str, &'static str); 9] = [
        (Tab::Severity, "S", "Severity"),
        (Tab::Channel, "H", "Channel"),
        (Tab::Ask, "A", "Ask"),
        (Tab::Context, "B", "Business context"),
        (Tab::Escalate, "E", "Escalate"),
        (Tab::Communicate, "C", "Communicate"),
        (Tab::Decide, "D", "Decide"),
        (Tab::Coordinate, "O", "Coordinate"),
        (Tab::Notes, "T", "Timeline notes"),
    ];
}

/// What participants are typing, kept between frames.
#[derive(Resource, Debug, Clone)]
pub struct LiveForms {
    pub tab: Tab,
    pub say: String,
    pub topics: Vec<ContextTopic>,
    pub context_text: String,
    pub escalation: Escalation,
    pub template: Template,
    pub audiences: Vec<Audience>,
    pub fields: CommFields,
    pub dos: String,
    pub do_nots: String,
    pub cause_text: String,
    pub cause_confirmed: bool,
    pub next_update_mins: u64,
    pub body: String,
    pub note: String,
    pub moment: Option<Moment>,
}

impl Default for LiveForms {
    fn default() -> Self {
        LiveForms {
            tab: Tab::Severity,
            say: String::new(),
            topics: Vec::new(),
            context_text: String::new(),
            escalation: Escalation {
                to: String::new(),
                situation: String::new(),
                need: String::new(),
                why: String::new(),
                ask: String::new(),
            },
            template: Template::Initial,
            audiences: Vec::new(),
            fields: CommFields::default(),
            dos: String::new(),
            do_nots: String::new(),
            cause_text: String::new(),
            cause_confirmed: false,
            next_update_mins: 20,
            body: String::new(),
            note: String::new(),
            moment: None,
        }
    }
}

impl LiveForms {
    /// The message as it would be sent now.
    pub fn communication(&self) -> Communication {
        let lines = |s: &str| {
            s.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect::<Vec<_>>()
        };
        let mut fields = self.fields.clone();
        fields.dos = lines(&self.dos);
        fields.do_not = lines(&self.do_nots);
        fields.next_update_in = (self.next_update_mins > 0).then(|| Dur::mins(self.next_update_mins));
        fields.cause = (!self.cause_text.trim().is_empty()).then(|| crate::sim::Cause {
            text: self.cause_text.trim().to_string(),
            confirmed: self.cause_confirmed,
        });
        Communication {
            template: self.template,
            audiences: self.audiences.clone(),
            fields,
            text: self.body.clone(),
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<LiveForms>()
        .add_systems(OnEnter(Screen::Live), |mut f: ResMut<LiveForms>| *f = LiveForms::default())
        .add_systems(EguiPrimaryContextPass, draw.run_if(in_state(Screen::Live)));
}

fn draw(
    mut contexts: EguiContexts,
    session: Option<Res<Session>>,
    host: Option<Res<crate::gui::host::HostLink>>,
    mut forms: ResMut<LiveForms>,
    mut intents: ResMut<Intents>,
) -> Result {
    let Some(session) = session else { return Ok(()) };
    let ctx = contexts.ctx_mut()?;
    let mut ui = root_ui(ctx);
    if let Some(host) = host {
        egui::Panel::top("seats").show(&mut ui, |ui| crate::gui::host::activity_line(ui, &host));
    }
    intents.extend(view(&mut ui, &session, &mut forms));
    Ok(())
}

/// The whole live screen.
pub fn view(ui: &mut egui::Ui, s: &Session, forms: &mut LiveForms) -> Vec<Intent> {
    let mut out = Vec::new();
    egui::Panel::top("clock").show(ui, |ui| clock_bar(ui, s, &mut out));
    egui::Panel::top("status-board").show(ui, |ui| super::status_board::show(ui, s));
    egui::Panel::bottom("roles").show(ui, |ui| roles_bar(ui, s));
    egui::Panel::left("feed")
        .resizable(true)
        .default_size(ui.available_width() * 0.42)
        .show(ui, |ui| feed_and_facts(ui, s, &mut out));
    egui::CentralPanel::default().show(ui, |ui| {
        if let Some(f) = &s.fork {
            let name = std::path::Path::new(&f.parent).file_name().map(|n| n.to_string_lossy().into_owned());
            ui.label(
                RichText::new(format!(
                    "WHAT IF — a fork of {} from {} ({}); the original is kept",
                    name.unwrap_or_else(|| f.parent.clone()),
                    s.wall_clock(f.at).format("%H:%M"),
                    f.at.clock()
                ))
                .color(crate::gui::theme::colour::INFO)
                .strong(),
            );
        }
        notice(ui, &s.notice);
        ui.horizontal_wrapped(|ui| {
            for (tab, key, name) in Tab::ALL {
                ui.selectable_value(&mut forms.tab, tab, format!("[{key}] {name}"));
            }
        });
        ui.separator();
        let Some(actor) = s.current_actor() else { return };
        egui::ScrollArea::vertical().show(ui, |ui| {
            let acted = match forms.tab {
                Tab::Severity => severity_tab(ui, s),
                Tab::Channel => channel_tab(ui, s, forms),
                Tab::Ask => ask_tab(ui, s),
                Tab::Context => context_tab(ui, forms),
                Tab::Escalate => escalate_tab(ui, s, forms),
                Tab::Communicate => communicate_tab(ui, s, forms),
                Tab::Decide => decide_tab(ui, s),
                Tab::Coordinate => coordinate_tab(ui, s),
                Tab::Notes => notes_tab(ui, s, forms),
            };
            out.extend(acted.into_iter().map(|a| Intent::Act(actor.clone(), a)));
            ui.add_space(16.0);
            ui.separator();
            let label = if s.engine.state().resolved_at.is_some() {
                "Incident resolved — begin the post-incident review ▶"
            } else {
                "End the live phase now and begin the review ▶"
            };
            if ui.button(label).clicked() {
                out.push(Intent::Act(actor.clone(), Action::BeginReview));
            }
        });
    });
    out
}

fn clock_bar(ui: &mut egui::Ui, s: &Session, out: &mut Vec<Intent>) {
    let now = s.engine.now();
    ui.horizontal_wrapped(|ui| {
        let wall = s.wall_clock(now).format("%H:%M:%S %a %d %b").to_string();
        ui.label(RichText::new(format!("{wall} {}", s.scenario().clock.zone)).strong());
        ui.label(RichText::new(now.clock()).monospace());
        for speed in Speed::ALL {
            if ui.selectable_label(s.speed == speed, speed.label()).clicked() {
                out.push(Intent::SetSpeed(speed));
            }
        }
        if ui.button("⏭ next event [N]").clicked() {
            out.push(Intent::JumpToNextEvent);
        }
        ui.separator();
        ui.label("declared:");
        ui.label(sev_badge(s.engine.state().declared));
        ui.separator();
        ui.label("acting as:");
        let actors = s.actors();
        let current = s.current_actor().map(|a| actor_label(s, &a)).unwrap_or_default();
        egui::ComboBox::from_id_salt("acting-as").selected_text(current).show_ui(ui, |ui| {
            for (i, a) in actors.iter().enumerate() {
                if ui.selectable_label(i == s.acting, actor_label(s, a)).clicked() {
                    out.push(Intent::SetActing(i));
                }
            }
        });
        if s.scores_live {
            ui.separator();
            ui.label(RichText::new(format!("score so far: {:.0}", s.score_total())).strong());
        }
        ui.label(RichText::new("[?] help").color(colour::MUTED));
    });
}

pub fn actor_label(s: &Session, a: &Actor) -> String {
    s.actor_label(a)
}

fn roles_bar(ui: &mut egui::Ui, s: &Session) {
    let parts: Vec<String> = s
        .engine
        .participants()
        .iter()
        .map(|p| {
            let roles: Vec<&str> = p
                .roles
                .iter()
                .map(|r| s.scenario().roles.iter().find(|x| &x.id == r).map(|x| x.name.as_str()).unwrap_or(r))
                .collect();
            format!("{}: {}", roles.join(" + "), p.name)
        })
        .collect();
    ui.label(parts.join("  ·  "));
}

fn feed_and_facts(ui: &mut egui::Ui, s: &Session, out: &mut Vec<Intent>) {
    ui.horizontal(|ui| {
        section(ui, "Feed");
        let unread = s.unread();
        if unread > 0 && ui.button(format!("{unread} new — mark read [R]")).clicked() {
            out.push(Intent::MarkRead);
        }
    });
    let h = ui.available_height();
    let shown: Vec<_> = s.feed.iter().filter(|item| super::feed::shows(&item.event.event)).collect();
    let card = |i: usize| super::feed::card(s, shown[i]).expect("only shown items are listed");
    super::feed::show(ui, "feed-scroll", shown.len(), card, h * 0.55);
    ui.separator();
    section(ui, "Known facts");
    egui::ScrollArea::vertical().id_salt("facts-scroll").max_height(h * 0.22).show(ui, |ui| {
        for f in &s.scenario().facts {
            if s.engine.state().known.contains_key(&f.id) {
                let mark = if f.root_cause { "★ confirmed cause: " } else { "· " };
                ui.label(format!("{mark}{}", f.text));
            }
        }
    });
    ui.separator();
    section(ui, "Timers");
    for t in timers(s) {
        ui.label(t);
    }
}

/// The clocks that matter now (the same list every front end shows).
pub fn timers(s: &Session) -> Vec<String> {
    s.timers()
}

fn severity_tab(ui: &mut egui::Ui, s: &Session) -> Option<Action> {
    section(ui, "Declare or change severity");
    let meaning = [
        (Sev::Sev1, "critical: outage or broken core function, most users, revenue hit now"),
        (Sev::Sev2, "high: major function impaired, many users, painful workarounds"),
        (Sev::Sev3, "medium: minor function impaired, few users, workarounds exist"),
        (Sev::Sev4, "low: cosmetic, minimal impact"),
    ];
    let mut chosen = None;
    for (sev, text) in meaning {
        ui.horizontal(|ui| {
            let current = s.engine.state().declared == Some(sev);
            if ui.selectable_label(current, sev_badge(Some(sev))).clicked() && !current {
                chosen = Some(Action::Declare(sev));
            }
            ui.label(text);
        });
    }
    section(ui, "History");
    for (t, sev) in &s.engine.state().declared_history {
        ui.label(format!("{} declared {sev}", s.wall_clock(*t).format("%H:%M")));
    }
    chosen
}

fn channel_tab(ui: &mut egui::Ui, s: &Session, forms: &mut LiveForms) -> Option<Action> {
    section(ui, "Incident channel");
    let mut act = None;
    if s.engine.state().history_read.is_none() {
        ui.label("Join quietly: read what has been said before you speak.");
        if ui.button("Read the channel history").clicked() {
            act = Some(Action::ReadHistory);
        }
    } else {
        for m in &s.scenario().channel_history {
            ui.label(format!("({} ago) {}: {}", m.ago, m.from, m.text));
        }
    }
    ui.separator();
    ui.label("Post a message to the responders:");
    multiline(ui, &mut forms.say, "e.g. Here is what I know about customer impact…");
    if ui.add_enabled(!forms.say.trim().is_empty(), egui::Button::new("Post")).clicked() {
        act = Some(Action::Say(std::mem::take(&mut forms.say)));
    }
    act
}

fn ask_tab(ui: &mut egui::Ui, s: &Session) -> Option<Action> {
    section(ui, "Ask the responders");
    let st = s.engine.state();
    let mut act = None;
    for q in &s.scenario().questions {
        let available = q.available.as_ref().is_none_or(|c| holds(c, st));
        if let Some(t) = st.asked.get(&q.id) {
            ui.label(
                RichText::new(format!("✔ {} (asked {})", q.text, s.wall_clock(*t).format("%H:%M")))
                    .color(colour::MUTED),
            );
        } else if available && ui.button(&q.text).clicked() {
            act = Some(Action::Ask(q.id.clone()));
        }
    }
    act
}

fn context_tab(ui: &mut egui::Ui, forms: &mut LiveForms) -> Option<Action> {
    section(ui, "Share business context with the responders");
    ui.horizontal_wrapped(|ui| {
        for (topic, label) in [
            (ContextTopic::KeyCustomers, "key customers"),
            (ContextTopic::Revenue, "revenue"),
            (ContextTopic::Commitments, "commitments / SLAs"),
            (ContextTopic::PublicExposure, "public exposure"),
            (ContextTopic::PeakTraffic, "peak traffic"),
        ] {
            let mut on = forms.topics.contains(&topic);
            if ui.checkbox(&mut on, label).changed() {
                if on {
                    forms.topics.push(topic);
                } else {
                    forms.topics.retain(|t| *t != topic);
                }
            }
        }
    });
    multiline(ui, &mut forms.context_text, "What the responders should know, without pressure");
    // Topics ticked with nothing said about them inform nobody (ROLE-CONTEXT).
    let ready = !forms.topics.is_empty() && crate::language::has_content(&forms.context_text);
    if ui.add_enabled(ready, egui::Button::new("Share")).clicked() {
        return Some(Action::ShareContext {
            topics: std::mem::take(&mut forms.topics),
            text: std::mem::take(&mut forms.context_text),
        });
    }
    None
}

fn escalate_tab(ui: &mut egui::Ui, s: &Session, forms: &mut LiveForms) -> Option<Action> {
    section(ui, "Escalate");
    let targets = &s.scenario().escalations;
    let e = &mut forms.escalation;
    let name =
        targets.iter().find(|t| t.id == e.to).map(|t| t.name.clone()).unwrap_or_else(|| "choose…".into());
    egui::ComboBox::from_id_salt("escalate-to").selected_text(name).show_ui(ui, |ui| {
        for t in targets {
            let done = if s.engine.state().escalated.contains_key(&t.id) { " (done)" } else { "" };
            ui.selectable_value(&mut e.to, t.id.clone(), format!("{}{done}", t.name));
        }
    });
    ui.label("Situation in brief");
    single(ui, &mut e.situation, "what is happening");
    ui.label("What you need");
    single(ui, &mut e.need, "people, a decision, resources");
    ui.label("Why it matters");
    single(ui, &mut e.why, "customers, revenue, commitments");
    ui.label("The specific ask");
    single(ui, &mut e.ask, "exactly what you want them to do");
    if ui.add_enabled(!e.to.is_empty(), egui::Button::new("Send escalation")).clicked() {
        let sent = e.clone();
        *e = Escalation {
            to: String::new(),
            situation: String::new(),
            need: String::new(),
            why: String::new(),
            ask: String::new(),
        };
        return Some(Action::Escalate(sent));
    }
    None
}

fn communicate_tab(ui: &mut egui::Ui, _s: &Session, forms: &mut LiveForms) -> Option<Action> {
    section(ui, "Communicate");
    ui.horizontal(|ui| {
        for (t, label) in [
            (Template::Initial, "Initial notification"),
            (Template::Update, "Stakeholder update"),
            (Template::StatusPage, "Status page"),
            (Template::Resolution, "Resolution"),
            (Template::CustomerNotice, "Notice to affected customers"),
        ] {
            ui.selectable_value(&mut forms.template, t, label);
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label("To:");
        for (a, label) in [
            (Audience::Executives, "executives"),
            (Audience::AllStakeholders, "all stakeholders"),
            (Audience::KeyStakeholders, "key stakeholders"),
            (Audience::EngineeringLeadership, "engineering leadership"),
            (Audience::TeamLead, "team lead"),
            (Audience::SupportLead, "support lead"),
            (Audience::Customers, "customers"),
        ] {
            let mut on = forms.audiences.contains(&a);
            if ui.checkbox(&mut on, label).changed() {
                if on {
                    forms.audiences.push(a);
                } else {
                    forms.audiences.retain(|x| *x != a);
                }
            }
        }
    });
    let f = &mut forms.fields;
    egui::Grid::new("comm-fields").num_columns(2).show(ui, |ui| {
        ui.label("Issue");
        single(ui, &mut f.issue, "what is wrong, in plain words");
        ui.end_row();
        ui.label("Severity");
        egui::ComboBox::from_id_salt("comm-sev")
            .selected_text(f.severity.map(|s| s.to_string()).unwrap_or_else(|| "—".into()))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut f.severity, None, "—");
                for s in [Sev::Sev1, Sev::Sev2, Sev::Sev3, Sev::Sev4] {
                    ui.selectable_value(&mut f.severity, Some(s), s.to_string());
                }
            });
        ui.end_row();
        ui.label("Impact");
        single(ui, &mut f.impact, "who is affected and how");
        ui.end_row();
        ui.label("Status");
        egui::ComboBox::from_id_salt("comm-status")
            .selected_text(f.status.map(|s| format!("{s:?}")).unwrap_or_else(|| "—".into()))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut f.status, None, "—");
                for s in [
                    Status::Investigating,
                    Status::Identified,
                    Status::Mitigating,
                    Status::Monitoring,
                    Status::Resolved,
                ] {
                    ui.selectable_value(&mut f.status, Some(s), format!("{s:?}"));
                }
            });
        ui.end_row();
        ui.label("Incident lead");
        single(ui, &mut f.lead, "name");
        ui.end_row();
        ui.label("Channel");
        single(ui, &mut f.channel, "#incident-…");
        ui.end_row();
        ui.label("Started");
        single(ui, &mut f.started, "e.g. 02:47 EST (status page)");
        ui.end_row();
        ui.label("Duration / fix");
        ui.horizontal(|ui| {
            ui.add(egui::TextEdit::singleline(&mut f.duration).hint_text("duration").desired_width(200.0));
            ui.add(egui::TextEdit::singleline(&mut f.fix).hint_text("what fixed it").desired_width(300.0));
        });
        ui.end_row();
        ui.label("Post-mortem");
        single(ui, &mut f.postmortem, "date and time of the review");
        ui.end_row();
    });
    ui.horizontal(|ui| {
        ui.label("Next update in (minutes, 0 = none):");
        ui.add(egui::DragValue::new(&mut forms.next_update_mins).range(0..=120));
    });
    ui.horizontal(|ui| {
        ui.label("Cause:");
        ui.add(
            egui::TextEdit::singleline(&mut forms.cause_text)
                .hint_text("leave empty while unknown")
                .desired_width(360.0),
        );
        ui.checkbox(&mut forms.cause_confirmed, "confirmed");
    });
    ui.columns(2, |c| {
        c[0].label("DO (one per line)");
        multiline(&mut c[0], &mut forms.dos, "what readers should do");
        c[1].label("DO NOT (one per line)");
        multiline(&mut c[1], &mut forms.do_nots, "what readers should avoid");
    });
    multiline(ui, &mut forms.body, "Message text");
    let msg = forms.communication();
    let missing = missing_fields(&msg);
    if missing.is_empty() {
        ui.label(RichText::new("✔ every field of this template is filled").color(colour::GOOD));
    } else {
        ui.label(RichText::new(format!("missing: {}", missing.join(", "))).color(colour::WARN));
    }
    let ready = !msg.audiences.is_empty() || msg.is_customer_facing();
    if ui.add_enabled(ready, egui::Button::new(RichText::new("Send").strong())).clicked() {
        return Some(Action::Communicate(msg));
    }
    None
}

fn decide_tab(ui: &mut egui::Ui, s: &Session) -> Option<Action> {
    section(ui, "Decisions");
    let mut act = None;
    for d in &s.scenario().decisions {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(&d.title).strong());
            ui.label(&d.description);
            match s.engine.state().decided.get(&d.id) {
                Some(t) => {
                    ui.label(
                        RichText::new(format!("✔ decided at {}", s.wall_clock(*t).format("%H:%M")))
                            .color(colour::MUTED),
                    );
                }
                None => {
                    if ui.button("Decide this").clicked() {
                        act = Some(Action::Decide(d.id.clone()));
                    }
                }
            }
        });
    }
    act
}

fn coordinate_tab(ui: &mut egui::Ui, s: &Session) -> Option<Action> {
    section(ui, "Coordinate other teams");
    let mut act = None;
    for c in &s.scenario().coordination {
        ui.horizontal(|ui| {
            match s.engine.state().coordinated.get(&c.id) {
                Some(t) => {
                    ui.label(
                        RichText::new(format!("✔ {}", s.wall_clock(*t).format("%H:%M"))).color(colour::MUTED),
                    );
                }
                None => {
                    if ui.button("Do it").clicked() {
                        act = Some(Action::Coordinate { id: c.id.clone(), message: String::new() });
                    }
                }
            }
            ui.label(format!("{:?}: {}", c.team, c.title));
        });
    }
    act
}

fn notes_tab(ui: &mut egui::Ui, s: &Session, forms: &mut LiveForms) -> Option<Action> {
    section(ui, "Timeline notes");
    let mut act = None;
    ui.horizontal(|ui| {
        ui.label("Moment:");
        egui::ComboBox::from_id_salt("note-moment")
            .selected_text(forms.moment.map(|m| format!("{m:?}")).unwrap_or_else(|| "—".into()))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut forms.moment, None, "—");
                for m in [
                    Moment::Detection,
                    Moment::ResponseStart,
                    Moment::Diagnosis,
                    Moment::FixAttempt,
                    Moment::Decision,
                    Moment::Communication,
                    Moment::Resolution,
                ] {
                    ui.selectable_value(&mut forms.moment, Some(m), format!("{m:?}"));
                }
            });
    });
    multiline(ui, &mut forms.note, "what just happened");
    if ui.add_enabled(!forms.note.trim().is_empty(), egui::Button::new("Log note")).clicked() {
        act = Some(Action::Note { text: std::mem::take(&mut forms.note), moment: forms.moment.take() });
    }
    for (t, text, m) in s.engine.state().notes.iter().rev() {
        let tag = m.map(|m| format!(" [{m:?}]")).unwrap_or_default();
        ui.label(format!("{}{tag} {text}", s.wall_clock(*t).format("%H:%M")));
    }
    act
}
