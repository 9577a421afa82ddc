//! The post-incident review workbench: blameless rewrites, the why-chain,
//! contributing factors, action items, the impact and the review meeting.

use super::widgets::{multiline, notice, section, single};
use super::{Screen, root_ui};
use crate::gui::intent::{Intent, Intents};
use crate::gui::session::Session;
use crate::gui::theme::colour;
use crate::scenario::FactorCategory;
use crate::sim::{Action, ActionItem, ImpactRecord, ItemKind};
use crate::time::Dur;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use egui::RichText;
use std::collections::BTreeMap;

#[derive(Resource, Debug, Clone)]
pub struct ReviewForms {
    pub rewrites: BTreeMap<String, String>,
    pub why: String,
    pub factor: String,
    pub category: FactorCategory,
    pub item: ActionItem,
    pub users: u64,
    pub minutes: u64,
    pub revenue: u64,
    pub reputation: String,
    pub meeting: String,
}

impl Default for ReviewForms {
    fn default() -> Self {
        ReviewForms {
            rewrites: BTreeMap::new(),
            why: String::new(),
            factor: String::new(),
            category: FactorCategory::Technical,
            item: ActionItem {
                description: String::new(),
                owner: String::new(),
                due: String::new(),
                tracking: String::new(),
                kind: ItemKind::Prevent,
            },
            users: 0,
            minutes: 0,
            revenue: 0,
            reputation: String::new(),
            meeting: String::new(),
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ReviewForms>()
        .add_systems(OnEnter(Screen::Review), |mut f: ResMut<ReviewForms>| *f = ReviewForms::default())
        .add_systems(EguiPrimaryContextPass, draw.run_if(in_state(Screen::Review)));
}

fn draw(
    mut contexts: EguiContexts,
    session: Option<Res<Session>>,
    mut forms: ResMut<ReviewForms>,
    mut intents: ResMut<Intents>,
) -> Result {
    let Some(session) = session else { return Ok(()) };
    let ctx = contexts.ctx_mut()?;
    let mut ui = root_ui(ctx);
    egui::CentralPanel::default().show(&mut ui, |ui| intents.extend(view(ui, &session, &mut forms)));
    Ok(())
}

pub fn view(ui: &mut egui::Ui, s: &Session, f: &mut ReviewForms) -> Vec<Intent> {
    let mut acts: Vec<Action> = Vec::new();
    let st = s.engine.state();
    ui.heading("Post-incident review");
    notice(ui, &s.notice);
    egui::ScrollArea::vertical().max_height(ui.available_height() - 60.0).show(ui, |ui| {
        ui.columns(2, |cols| {
            let ui = &mut cols[0];
            section(ui, "Rewrite blamefully worded statements");
            ui.label(RichText::new("Describe systems and processes, not people.").small());
            for b in &s.scenario().review.blameful_statements {
                ui.label(RichText::new(format!("“{}”", b.text)).italics());
                match st.review.rewrites.get(&b.id) {
                    Some(done) => {
                        ui.label(RichText::new(format!("✔ {done}")).color(colour::GOOD));
                    }
                    None => {
                        let text = f.rewrites.entry(b.id.clone()).or_default();
                        single(ui, text, "rewrite it blamelessly");
                        if ui
                            .add_enabled(!text.trim().is_empty(), egui::Button::new("Save rewrite"))
                            .clicked()
                        {
                            acts.push(Action::Rewrite { statement: b.id.clone(), text: text.clone() });
                        }
                    }
                }
            }
            section(ui, "Why-chain (five whys)");
            for (i, w) in st.review.whys.iter().enumerate() {
                ui.label(format!("{}. {w}", i + 1));
            }
            single(ui, &mut f.why, "Why…? Because…");
            if ui.add_enabled(!f.why.trim().is_empty(), egui::Button::new("Add why")).clicked() {
                acts.push(Action::AddWhy(std::mem::take(&mut f.why)));
            }
            section(ui, "Contributing factors");
            for (c, t) in &st.review.factors {
                ui.label(format!("[{c:?}] {t}"));
            }
            ui.horizontal(|ui| {
                egui::ComboBox::from_id_salt("factor-cat")
                    .selected_text(format!("{:?}", f.category))
                    .show_ui(ui, |ui| {
                        for c in [
                            FactorCategory::Technical,
                            FactorCategory::Process,
                            FactorCategory::Human,
                            FactorCategory::Organisational,
                            FactorCategory::Environment,
                        ] {
                            ui.selectable_value(&mut f.category, c, format!("{c:?}"));
                        }
                    });
                ui.add(egui::TextEdit::singleline(&mut f.factor).hint_text("factor").desired_width(320.0));
                if ui.add_enabled(!f.factor.trim().is_empty(), egui::Button::new("Add")).clicked() {
                    acts.push(Action::AddFactor {
                        category: f.category,
                        text: std::mem::take(&mut f.factor),
                    });
                }
            });

            let ui = &mut cols[1];
            section(ui, "Action items");
            for i in &st.review.action_items {
                ui.label(format!(
                    "[{:?}] {} — {} by {} ({})",
                    i.kind, i.description, i.owner, i.due, i.tracking
                ));
            }
            single(ui, &mut f.item.description, "what will be done");
            ui.horizontal(|ui| {
                ui.add(egui::TextEdit::singleline(&mut f.item.owner).hint_text("owner").desired_width(160.0));
                ui.add(
                    egui::TextEdit::singleline(&mut f.item.due)
                        .hint_text("due YYYY-MM-DD")
                        .desired_width(160.0),
                );
                ui.add(
                    egui::TextEdit::singleline(&mut f.item.tracking)
                        .hint_text("ticket / link")
                        .desired_width(160.0),
                );
            });
            ui.horizontal(|ui| {
                for k in [ItemKind::Prevent, ItemKind::Detect, ItemKind::Respond] {
                    ui.selectable_value(&mut f.item.kind, k, format!("{k:?}"));
                }
                if ui
                    .add_enabled(!f.item.description.trim().is_empty(), egui::Button::new("Add item"))
                    .clicked()
                {
                    let kind = f.item.kind;
                    let item = std::mem::replace(
                        &mut f.item,
                        ActionItem {
                            description: String::new(),
                            owner: String::new(),
                            due: String::new(),
                            tracking: String::new(),
                            kind,
                        },
                    );
                    acts.push(Action::AddActionItem(item));
                }
            });
            section(ui, "Impact");
            egui::Grid::new("impact").num_columns(2).show(ui, |ui| {
                ui.label("Users affected");
                ui.add(egui::DragValue::new(&mut f.users));
                ui.end_row();
                ui.label("Duration (minutes)");
                ui.add(egui::DragValue::new(&mut f.minutes));
                ui.end_row();
                ui.label(format!("Revenue lost ({})", s.scenario().context.currency));
                ui.add(egui::DragValue::new(&mut f.revenue));
                ui.end_row();
            });
            multiline(ui, &mut f.reputation, "reputational impact");
            if ui.button("Record impact").clicked() {
                acts.push(Action::RecordImpact(ImpactRecord {
                    users_affected: f.users,
                    duration: Dur::mins(f.minutes),
                    revenue_lost: f.revenue,
                    reputation: f.reputation.clone(),
                }));
            }
            if let Some(r) = &st.review.impact {
                ui.label(
                    RichText::new(format!(
                        "✔ recorded: {} users, {}, {} lost",
                        r.users_affected, r.duration, r.revenue_lost
                    ))
                    .color(colour::GOOD),
                );
            }
            section(ui, "Review meeting");
            single(ui, &mut f.meeting, "YYYY-MM-DD HH:MM");
            if ui.add_enabled(!f.meeting.trim().is_empty(), egui::Button::new("Schedule")).clicked() {
                acts.push(Action::ScheduleReview(f.meeting.clone()));
            }
            if let Some(m) = st.review.scheduled {
                ui.label(
                    RichText::new(format!("✔ scheduled {}", m.format("%a %d %b %H:%M"))).color(colour::GOOD),
                );
            }
        });
    });
    ui.separator();
    if ui.button(RichText::new("Finish the review and see the debrief ▶").strong()).clicked() {
        acts.push(Action::FinishReview);
    }
    let Some(actor) = s.actor_for("ic") else { return Vec::new() };
    acts.into_iter().map(|a| Intent::Act(actor.clone(), a)).collect()
}
