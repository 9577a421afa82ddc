//! The scenario file's schema: the serde types a facilitator writes in RON.
//! `scenarios/FORMAT.md` documents every field; keep the two in step.

use crate::time::Dur;
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    pub summary: String,
    #[serde(default)]
    pub tags: Vec<String>,
    pub difficulty: Difficulty,
    pub expected_minutes: u32,
    /// Wall-clock time at T+0, with its UTC offset: part of the story.
    pub clock: Clock,
    /// The scenario's time limit: injects are written to fit before it, and
    /// reaching it with the incident open raises a "time limit" event so the
    /// facilitator can move to the review. The clock does not stop by itself.
    pub ends_at: Dur,
    pub context: BusinessContext,
    #[serde(default = "default_roles")]
    pub roles: Vec<RoleDef>,
    #[serde(default)]
    pub facts: Vec<Fact>,
    pub severity: SeverityTrack,
    pub impact: Impact,
    #[serde(default)]
    pub responders: Responders,
    /// What the incident channel already holds when participants join.
    #[serde(default)]
    pub channel_history: Vec<Message>,
    pub injects: Vec<Inject>,
    pub questions: Vec<Question>,
    #[serde(default)]
    pub escalations: Vec<EscalationTarget>,
    #[serde(default)]
    pub decisions: Vec<Decision>,
    #[serde(default)]
    pub coordination: Vec<Coordination>,
    pub resolution: Resolution,
    pub review: ReviewMaterial,
    #[serde(default)]
    pub language: WordLists,
    /// Metrics an on-call engineer would share on the bridge, plotted on the live screen.
    #[serde(default)]
    pub dashboards: Vec<Metric>,
    /// Relative weight of a principle (`"COMM-CADENCE"`) or family (`"COMM"`).
    #[serde(default)]
    pub weights: BTreeMap<String, f64>,
    /// Pools of alternatives the seed chooses between; text says
    /// `${pool.key}` to use the chosen option's value.
    #[serde(default)]
    pub variants: Vec<VariantPool>,
    /// The options the seed chose, once variants are resolved (never in a file).
    #[serde(skip)]
    pub chosen: Vec<VariantChoice>,
}

/// One pool of alternatives, e.g. the cause of the outage or the customer
/// who complains; each session plays exactly one of its options.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VariantPool {
    pub id: String,
    /// For authors and the facilitator: what this pool varies.
    #[serde(default)]
    pub note: String,
    pub options: Vec<VariantOption>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VariantOption {
    pub id: String,
    /// Relative chance of this option (default 1).
    #[serde(default = "default_variant_weight")]
    pub weight: u32,
    /// Text for `${pool.key}` placeholders; every option of a pool sets the same keys.
    #[serde(default)]
    pub values: BTreeMap<String, String>,
    /// Injects that happen only when this option is chosen (e.g. one red
    /// herring out of several). An inject named by any option of any pool
    /// is left out unless its option is chosen.
    #[serde(default)]
    pub injects: Vec<String>,
}

fn default_variant_weight() -> u32 {
    1
}

/// Which option a seed chose for a pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantChoice {
    pub pool: String,
    pub option: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Difficulty {
    Intro,
    Intermediate,
    Advanced,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clock {
    /// RFC 3339 with offset: `"2026-11-27T02:47:00-05:00"`.
    pub start: WallClock,
    /// A label for the offset, e.g. `"EST"`, shown next to times.
    #[serde(default)]
    pub zone: String,
}

/// A wall-clock instant with its UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WallClock(pub DateTime<FixedOffset>);

impl Serialize for WallClock {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0.to_rfc3339())
    }
}

impl<'de> Deserialize<'de> for WallClock {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        DateTime::parse_from_rfc3339(&text).map(WallClock).map_err(|e| {
            serde::de::Error::custom(format!(
                "\"{text}\" is not a date and time with offset ({e}); write it like \"2026-11-27T02:47:00-05:00\""
            ))
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BusinessContext {
    pub company: String,
    pub product: String,
    /// Active users at this hour, for quantifying impact.
    pub users: u64,
    pub peak_hours: String,
    pub revenue_per_hour: u64,
    #[serde(default = "default_currency")]
    pub currency: String,
    #[serde(default)]
    pub key_customers: Vec<KeyCustomer>,
    #[serde(default)]
    pub external_events: Vec<String>,
    #[serde(default)]
    pub commitments: Vec<String>,
    /// The business context that responders should hear; derived from the
    /// rest of this block when left out.
    #[serde(default)]
    pub share: Vec<ContextTopic>,
}

fn default_currency() -> String {
    "USD".into()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyCustomer {
    pub id: String,
    pub name: String,
    pub account_team: String,
    #[serde(default)]
    pub notes: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ContextTopic {
    KeyCustomers,
    Revenue,
    Commitments,
    PublicExposure,
    PeakTraffic,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleDef {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub duties: String,
}

pub fn default_roles() -> Vec<RoleDef> {
    let r = |id: &str, name: &str, duties: &str| RoleDef {
        id: id.into(),
        name: name.into(),
        duties: duties.into(),
    };
    vec![
        r("ic", "Incident commander", "Leads the response, declares severity, takes the final decisions."),
        r(
            "comms",
            "Communications lead",
            "Owns every message to stakeholders, customers and the status page.",
        ),
        r("scribe", "Scribe", "Keeps the timeline of events, decisions and messages."),
        r("tech", "Technical lead", "Directs the investigation and the fix."),
    ]
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub known_at_start: bool,
    /// Knowing this fact means the root cause is confirmed.
    #[serde(default)]
    pub root_cause: bool,
    /// Becomes known at this time even if nobody asks.
    #[serde(default)]
    pub reveal_at: Option<Dur>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Sev {
    Sev1,
    Sev2,
    Sev3,
    Sev4,
}

impl Sev {
    /// 1 is the most severe.
    pub fn level(self) -> u8 {
        match self {
            Sev::Sev1 => 1,
            Sev::Sev2 => 2,
            Sev::Sev3 => 3,
            Sev::Sev4 => 4,
        }
    }
    /// True when `self` is more severe than `other`.
    pub fn above(self, other: Sev) -> bool {
        self.level() < other.level()
    }
}

impl fmt::Display for Sev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SEV{}", self.level())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeverityTrack {
    pub initial: Sev,
    /// Why this is the right severity: shown in the debrief.
    pub rationale: String,
    #[serde(default)]
    pub changes: Vec<SeverityChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeverityChange {
    pub at: Dur,
    pub to: Sev,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Impact {
    pub users_percent: u8,
    pub revenue_percent: u8,
    /// Whether customers can see the problem (a status page is owed).
    pub customer_visible: bool,
    pub summary: String,
    /// Whether the problem hits customers at large or only a few of them;
    /// for a few, a notice to those customers beats a page for everyone.
    #[serde(default)]
    pub customers_hit: CustomersHit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum CustomersHit {
    /// Customers at large: a public status page is the right place.
    #[default]
    Many,
    /// Only some customers (one region, one plan, a few accounts): tell them
    /// directly with a `CustomerNotice` rather than alarm everyone.
    Few,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Responders {
    /// Focus of the engineers fixing it, 0–100; 50 is a normal pace.
    #[serde(default = "default_focus")]
    pub initial_focus: u8,
}

impl Default for Responders {
    fn default() -> Self {
        Responders { initial_focus: default_focus() }
    }
}

fn default_focus() -> u8 {
    60
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Channel {
    Page,
    Chat,
    Ticket,
    Email,
    Social,
    Call,
    Monitoring,
}

impl Channel {
    /// The channel in one word, as the feed labels it beside its icon.
    pub fn word(self) -> &'static str {
        match self {
            Channel::Page => "PAGE",
            Channel::Chat => "CHAT",
            Channel::Ticket => "TICKET",
            Channel::Email => "EMAIL",
            Channel::Social => "SOCIAL",
            Channel::Call => "CALL",
            Channel::Monitoring => "ALERT",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Message {
    #[serde(default = "default_channel")]
    pub channel: Channel,
    pub from: String,
    pub text: String,
    /// How long before the participants joined it was posted, e.g. `"6m"`.
    #[serde(default)]
    pub ago: Dur,
}

fn default_channel() -> Channel {
    Channel::Chat
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inject {
    pub id: String,
    pub when: Trigger,
    pub channel: Channel,
    pub from: String,
    pub text: String,
    #[serde(default)]
    pub reveals: Vec<String>,
    #[serde(default)]
    pub effects: Vec<Effect>,
    /// A monitoring alert or page: the first one starts the detection clock.
    #[serde(default)]
    pub alert: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Trigger {
    /// At a fixed time.
    At(Dur),
    /// At a time drawn evenly from `at - spread` to `at + spread`.
    Jitter { at: Dur, spread: Dur },
    /// With this chance, drawn once per seed, at `at` (± `spread`).
    Chance {
        at: Dur,
        percent: u8,
        #[serde(default)]
        spread: Dur,
    },
    /// The first time the condition holds, plus `delay`.
    When {
        cond: Condition,
        #[serde(default)]
        delay: Dur,
    },
}

/// Something true or false about the session at a moment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Condition {
    After(Dur),
    Informed(Audience),
    Sent(Template),
    Asked(String),
    AskedKind(QuestionKind),
    Undeclared,
    DeclaredBelow(Sev),
    DeclaredAtLeast(Sev),
    TrueAtLeast(Sev),
    Decided(String),
    Coordinated(String),
    Escalated(String),
    Known(String),
    Fired(String),
    HistoryRead,
    ContextShared,
    Resolved,
    FocusBelow(u8),
    StakeholderTrustBelow(u8),
    CustomerTrustBelow(u8),
    Not(Box<Condition>),
    All(Vec<Condition>),
    Any(Vec<Condition>),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Effect {
    /// Change the responders' focus by this many points.
    Focus(i32),
    StakeholderTrust(i32),
    CustomerTrust(i32),
    /// The true severity becomes this.
    Severity(Sev),
    Impact {
        users_percent: u8,
        revenue_percent: u8,
        #[serde(default)]
        summary: String,
    },
    Reveal(String),
    /// Progress toward the fix, as if the team had worked this long.
    Work(Dur),
    /// Lost progress: the fix moves this much further away.
    Setback(Dur),
    /// Fire another inject now.
    Fire(String),
    /// The incident is resolved now.
    Resolve,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum QuestionKind {
    /// Good: asks for facts (current impact, what changed).
    Factual,
    /// Good: asks what blocks progress.
    Helpful,
    /// Good: asks what the responders need.
    Supportive,
    /// Good: offers information or help without demanding.
    Offer,
    /// Bad: adds pressure (ETA, money, "the CEO is asking").
    Pressure,
    /// Bad: pulls responders away from the fix (how did it happen).
    Distraction,
    /// Bad: looks for someone at fault.
    Blame,
    /// Bad: pushes a technical choice, outside the PM's lane.
    Directive,
    /// Bad: demands re-prioritisation instead of offering context.
    Demand,
}

impl QuestionKind {
    pub fn is_good(self) -> bool {
        matches!(self, Self::Factual | Self::Helpful | Self::Supportive | Self::Offer)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub text: String,
    pub kind: QuestionKind,
    /// Why this is a good or bad question, in rubric terms.
    pub reason: String,
    pub answer: String,
    #[serde(default)]
    pub reveals: Vec<String>,
    /// Change to the responders' focus; bad kinds cost focus by default.
    #[serde(default)]
    pub focus: Option<i32>,
    /// Only in the deck once this holds.
    #[serde(default)]
    pub available: Option<Condition>,
}

impl Question {
    pub fn focus_effect(&self) -> i32 {
        self.focus.unwrap_or(match self.kind {
            QuestionKind::Supportive | QuestionKind::Offer => 3,
            QuestionKind::Factual | QuestionKind::Helpful => 0,
            QuestionKind::Pressure | QuestionKind::Blame => -10,
            QuestionKind::Distraction | QuestionKind::Directive | QuestionKind::Demand => -7,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EscalationTarget {
    pub id: String,
    pub name: String,
    /// When escalating here is right; absent means never.
    #[serde(default)]
    pub warranted: Option<Condition>,
    #[serde(default = "default_within")]
    pub within: Dur,
    pub why: String,
    pub reply: String,
    #[serde(default)]
    pub effects: Vec<Effect>,
}

fn default_within() -> Dur {
    Dur::mins(15)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DecisionOwner {
    /// A product/business call: the PM's to take.
    Business,
    /// An engineering call: taking it is outside the PM's lane.
    Technical,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub id: String,
    pub title: String,
    pub description: String,
    #[serde(default = "default_owner")]
    pub owner: DecisionOwner,
    #[serde(default)]
    pub warranted: Option<Condition>,
    #[serde(default = "default_within")]
    pub within: Dur,
    pub why: String,
    pub outcome: String,
    #[serde(default)]
    pub effects: Vec<Effect>,
}

fn default_owner() -> DecisionOwner {
    DecisionOwner::Business
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Team {
    Support,
    Sales,
    Marketing,
    Legal,
    AccountTeam,
    Security,
    Executives,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Coordination {
    pub id: String,
    pub team: Team,
    pub title: String,
    /// The key customer this concerns, for account-team outreach.
    #[serde(default)]
    pub customer: Option<String>,
    #[serde(default)]
    pub warranted: Option<Condition>,
    #[serde(default = "default_within")]
    pub within: Dur,
    pub why: String,
    pub reply: String,
    #[serde(default)]
    pub effects: Vec<Effect>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resolution {
    /// Work the fix needs at focus 50; more focus is faster.
    pub work: Dur,
    pub text: String,
    #[serde(default)]
    pub reveals: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewMaterial {
    pub blameful_statements: Vec<BlamefulStatement>,
    /// The facilitator's reference why-chain, from trigger to process gap.
    pub why_chain: Vec<String>,
    pub contributing_factors: Vec<FactorRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlamefulStatement {
    pub id: String,
    pub text: String,
    /// A blameless version, shown after the participants try.
    pub better: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactorRef {
    pub category: FactorCategory,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum FactorCategory {
    Technical,
    Process,
    Human,
    Organisational,
    Environment,
}

/// Per-scenario additions to the shipped word lists.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordLists {
    #[serde(default)]
    pub jargon: Vec<String>,
    #[serde(default)]
    pub speculation: Vec<String>,
    #[serde(default)]
    pub pressure: Vec<String>,
    #[serde(default)]
    pub blame: Vec<String>,
    #[serde(default)]
    pub demand: Vec<String>,
    #[serde(default)]
    pub offer: Vec<String>,
    #[serde(default)]
    pub process: Vec<String>,
    #[serde(default)]
    pub minimising: Vec<String>,
    /// Names of people, so blame aimed at them is found ("Dana broke it").
    /// The scenario's own names (inject senders, account teams, escalation
    /// targets, participants) are added without listing them here.
    #[serde(default)]
    pub people: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Audience {
    Executives,
    AllStakeholders,
    KeyStakeholders,
    EngineeringLeadership,
    TeamLead,
    SupportLead,
    Customers,
}

impl Audience {
    /// Readers who are not engineers: plain language matters most here.
    pub fn non_technical(self) -> bool {
        matches!(self, Audience::Executives | Audience::AllStakeholders | Audience::Customers)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Template {
    Initial,
    Update,
    StatusPage,
    Resolution,
    /// A notice sent only to the customers who are hit (an email or in-app
    /// message), instead of a public page for everyone.
    CustomerNotice,
}

/// A metric on the incident's dashboard (error rate, latency, orders per
/// minute…). Its value follows the simulation: `normal` while nobody is
/// affected, `worst` when every user is (or all revenue is at stake, for
/// `follows: Revenue`), in proportion between — so the graph falls with the
/// impact, recovers when a decision cuts the impact, and returns to normal
/// at the fix. The team sees it `lag` behind; the facilitator sees it now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    pub id: String,
    pub title: String,
    /// Shown after each value: "%", "ms", "orders/min".
    #[serde(default)]
    pub unit: String,
    pub normal: f64,
    pub worst: f64,
    #[serde(default)]
    pub follows: MetricDriver,
    /// How far behind the truth the team's dashboard runs (default 1m).
    #[serde(default = "default_metric_lag")]
    pub lag: Dur,
}

fn default_metric_lag() -> Dur {
    Dur(60)
}

/// Which share of the impact a metric follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum MetricDriver {
    /// The share of users affected.
    #[default]
    Users,
    /// The share of revenue at stake.
    Revenue,
}

impl Metric {
    /// The metric's value when `users` % of users and `revenue` % of revenue are hit.
    pub fn value(&self, users: u8, revenue: u8) -> f64 {
        let share = f64::from(match self.follows {
            MetricDriver::Users => users,
            MetricDriver::Revenue => revenue,
        }) / 100.0;
        self.normal + (self.worst - self.normal) * share
    }
}
