//! What participants can do: the actions the engine accepts, and who did them.

use crate::scenario::{Audience, ContextTopic, FactorCategory, Sev, Template};
use crate::time::Dur;
use serde::{Deserialize, Serialize};

/// A participant acting in one of their roles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    pub name: String,
    pub role: String,
}

// Actions are few and short-lived, so boxing the large message variant
// would only make scripts and tests noisier.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Action {
    /// Leave the briefing; the clock starts at T+0.
    StartIncident,
    /// Read the incident channel's history before speaking.
    ReadHistory,
    Declare(Sev),
    /// Anyone may propose a severity, with a one-line reason; only a
    /// declaration changes it. Proposals are kept for the debrief's
    /// alignment of each person's calls against the declared and the true
    /// severity, and score nothing.
    ProposeSeverity {
        sev: Sev,
        #[serde(default)]
        reason: String,
    },
    Ask(String),
    /// Tell responders the business picture.
    ShareContext {
        topics: Vec<ContextTopic>,
        #[serde(default)]
        text: String,
    },
    /// A free message in the incident channel.
    Say(String),
    Escalate(Escalation),
    Communicate(Communication),
    Decide(String),
    Coordinate {
        id: String,
        #[serde(default)]
        message: String,
    },
    Note {
        text: String,
        #[serde(default)]
        moment: Option<Moment>,
    },
    /// End the live phase and open the post-incident review.
    BeginReview,
    Rewrite {
        statement: String,
        text: String,
    },
    AddWhy(String),
    AddFactor {
        category: FactorCategory,
        text: String,
    },
    AddActionItem(ActionItem),
    RecordImpact(ImpactRecord),
    /// Date and time of the review meeting, RFC 3339 or `YYYY-MM-DD HH:MM`.
    ScheduleReview(String),
    /// Close the review and go to the debrief.
    FinishReview,
    /// Facilitator only: fire an inject now, whatever its trigger.
    FireInject(String),
}

impl Action {
    /// A short name for messages and the timeline.
    pub fn label(&self) -> &'static str {
        match self {
            Action::StartIncident => "start the incident",
            Action::ReadHistory => "read the channel history",
            Action::Declare(_) => "declare severity",
            Action::ProposeSeverity { .. } => "propose a severity",
            Action::Ask(_) => "ask a question",
            Action::ShareContext { .. } => "share business context",
            Action::Say(_) => "post in the incident channel",
            Action::Escalate(_) => "escalate",
            Action::Communicate(_) => "send a communication",
            Action::Decide(_) => "take a decision",
            Action::Coordinate { .. } => "coordinate a team",
            Action::Note { .. } => "log a timeline note",
            Action::BeginReview => "begin the review",
            Action::Rewrite { .. } => "rewrite a blameful statement",
            Action::AddWhy(_) => "add a why",
            Action::AddFactor { .. } => "add a contributing factor",
            Action::AddActionItem(_) => "add an action item",
            Action::RecordImpact(_) => "record the impact",
            Action::ScheduleReview(_) => "schedule the review meeting",
            Action::FinishReview => "finish the review",
            Action::FireInject(_) => "fire an inject",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Escalation {
    pub to: String,
    #[serde(default)]
    pub situation: String,
    #[serde(default)]
    pub need: String,
    /// Why it matters.
    #[serde(default)]
    pub why: String,
    /// The specific ask.
    #[serde(default)]
    pub ask: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Communication {
    pub template: Template,
    pub audiences: Vec<Audience>,
    #[serde(default)]
    pub fields: CommFields,
    #[serde(default)]
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Status {
    Investigating,
    Identified,
    Mitigating,
    Monitoring,
    Resolved,
}

/// The structured fields of a message; which ones a template needs is in
/// `scoring::comm::required_fields`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommFields {
    #[serde(default)]
    pub issue: String,
    #[serde(default)]
    pub severity: Option<Sev>,
    #[serde(default)]
    pub impact: String,
    #[serde(default)]
    pub users_percent: Option<u8>,
    #[serde(default)]
    pub status: Option<Status>,
    #[serde(default)]
    pub lead: String,
    #[serde(default)]
    pub channel: String,
    /// When the next update comes, counted from sending.
    #[serde(default)]
    pub next_update_in: Option<Dur>,
    #[serde(default, rename = "do")]
    pub dos: Vec<String>,
    #[serde(default)]
    pub do_not: Vec<String>,
    #[serde(default)]
    pub cause: Option<Cause>,
    /// A promised time to fix: always speculation while unresolved.
    #[serde(default)]
    pub eta: Option<Dur>,
    /// Start of impact, for the status page ("since 02:47 EST").
    #[serde(default)]
    pub started: String,
    /// For resolution messages: how long it lasted, what fixed it, the review date.
    #[serde(default)]
    pub duration: String,
    #[serde(default)]
    pub fix: String,
    #[serde(default)]
    pub postmortem: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cause {
    pub text: String,
    pub confirmed: bool,
}

/// Which moment of an incident a timeline note records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Moment {
    Detection,
    ResponseStart,
    Diagnosis,
    FixAttempt,
    Decision,
    Communication,
    Resolution,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ItemKind {
    Prevent,
    Detect,
    Respond,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionItem {
    pub description: String,
    #[serde(default)]
    pub owner: String,
    /// A calendar date, `YYYY-MM-DD`.
    #[serde(default)]
    pub due: String,
    #[serde(default)]
    pub tracking: String,
    pub kind: ItemKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImpactRecord {
    pub users_affected: u64,
    pub duration: Dur,
    pub revenue_lost: u64,
    #[serde(default)]
    pub reputation: String,
}
