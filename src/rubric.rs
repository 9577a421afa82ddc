//! The rubric's table, a leaf that validation and scoring both read: each
//! principle's ID, family, a one-line summary in our own words, and the role
//! that answers for it when nobody acted.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Family {
    #[serde(rename = "SEV")]
    Sev,
    #[serde(rename = "ROLE")]
    Role,
    #[serde(rename = "COMM")]
    Comm,
    #[serde(rename = "ENG")]
    Eng,
    #[serde(rename = "ESC")]
    Esc,
    #[serde(rename = "PIR")]
    Pir,
}

impl Family {
    pub const ALL: [Family; 6] =
        [Family::Sev, Family::Role, Family::Comm, Family::Eng, Family::Esc, Family::Pir];

    pub fn id(self) -> &'static str {
        match self {
            Family::Sev => "SEV",
            Family::Role => "ROLE",
            Family::Comm => "COMM",
            Family::Eng => "ENG",
            Family::Esc => "ESC",
            Family::Pir => "PIR",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Family::Sev => "Severity assessment",
            Family::Role => "The PM's lane",
            Family::Comm => "Stakeholder communication",
            Family::Eng => "Working with engineering",
            Family::Esc => "Escalation",
            Family::Pir => "Post-incident review",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Principle {
    pub id: &'static str,
    pub family: Family,
    pub summary: &'static str,
    /// The role id answering for a missed principle when no action is evidence.
    pub owner: &'static str,
}

const fn p(id: &'static str, family: Family, owner: &'static str, summary: &'static str) -> Principle {
    Principle { id, family, summary, owner }
}

use Family::*;

pub const PRINCIPLES: &[Principle] = &[
    p("SEV-PROMPT", Sev, "ic", "Name a severity quickly once the alert arrives."),
    p(
        "SEV-ACCURATE",
        Sev,
        "ic",
        "Severity tracks business impact, raised by context such as peak hours or key customers.",
    ),
    p("SEV-OVER", Sev, "ic", "Avoid calling it worse than it is; false alarms dull the team's response."),
    p("SEV-UNDER", Sev, "ic", "Avoid calling it milder than it is; that slows everyone down."),
    p("SEV-REASSESS", Sev, "ic", "Move the severity when the facts move, up or down."),
    p(
        "ROLE-CONTEXT",
        Role,
        "ic",
        "Give responders the business picture: customers, revenue, commitments, exposure.",
    ),
    p("ROLE-LANE", Role, "ic", "Leave technical choices to engineers; ask about trade-offs instead."),
    p(
        "ROLE-PRESSURE",
        Role,
        "ic",
        "Keep pressure off the responders: no ETAs, money or executive name-dropping.",
    ),
    p(
        "ROLE-DECIDE",
        Role,
        "ic",
        "Take the business calls that are yours, in time, and only the warranted ones.",
    ),
    p("ROLE-COORDINATE", Role, "comms", "Line up the other teams: support, sales, marketing, legal."),
    p("ROLE-DOCUMENT", Role, "scribe", "Write the timeline down while it happens."),
    p("COMM-FIRST", Comm, "comms", "For SEV1 and SEV2, tell people internally within the first 15 minutes."),
    p(
        "COMM-CADENCE",
        Comm,
        "comms",
        "In a SEV1, update every 15 to 30 minutes and keep the next-update promise.",
    ),
    p("COMM-AUDIENCE", Comm, "comms", "Reach the audiences that the severity calls for."),
    p(
        "COMM-TEMPLATE",
        Comm,
        "comms",
        "Give every message its structure: issue, severity, impact, status, lead, channel, next update, do and don't.",
    ),
    p("COMM-HONEST", Comm, "comms", "Report impact and status as they are known, without playing them down."),
    p("COMM-NOSPEC", Comm, "comms", "Do not guess at causes or promise fix times."),
    p("COMM-CLEAR", Comm, "comms", "Use plain words for customers and executives."),
    p("COMM-HELPFUL", Comm, "comms", "Tell readers what to do and what not to do."),
    p("COMM-CONSISTENT", Comm, "comms", "Tell the same story on every channel at the same time."),
    p(
        "COMM-PUBLIC",
        Comm,
        "comms",
        "Post a status page when customers feel it, with impact, start and cadence.",
    ),
    p("COMM-RESOLVE", Comm, "comms", "Close the loop with a resolution message and a final status page."),
    p("ENG-LISTEN", Eng, "ic", "Read the incident channel before asking anything."),
    p("ENG-GOOD-QUESTIONS", Eng, "ic", "Ask for facts, blockers and needs."),
    p("ENG-BAD-QUESTIONS", Eng, "ic", "Hold back questions that press, distract or blame."),
    p("ENG-OFFER", Eng, "ic", "Offer information and help rather than demanding new priorities."),
    p("ESC-WHEN", Esc, "ic", "Escalate when the situation calls for it, and not otherwise."),
    p(
        "ESC-HOW",
        Esc,
        "ic",
        "An escalation gives the situation, the need, why it matters and a specific ask.",
    ),
    p(
        "ESC-KEY-CUSTOMERS",
        Esc,
        "comms",
        "Reach affected key customers early through their account teams, and follow up.",
    ),
    p("PIR-BLAMELESS", Pir, "ic", "Talk about systems and processes, not about people."),
    p("PIR-TIMELINE", Pir, "scribe", "The review holds a timeline from detection to resolution."),
    p("PIR-IMPACT", Pir, "ic", "Put numbers on the impact: users, duration, revenue, reputation."),
    p("PIR-ROOT-CAUSE", Pir, "ic", "Dig past the trigger to the process gap behind it."),
    p(
        "PIR-FACTORS",
        Pir,
        "ic",
        "List contributing factors across technical, process, human and organisational causes.",
    ),
    p(
        "PIR-ACTIONS",
        Pir,
        "ic",
        "Action items have an owner, a due date and tracking, and cover prevent, detect and respond.",
    ),
    p("PIR-SCHEDULE", Pir, "ic", "Schedule the review promptly for the severity."),
];

pub fn principle(id: &str) -> Option<&'static Principle> {
    PRINCIPLES.iter().find(|p| p.id == id)
}

/// Every valid key for a scenario's `weights`: principle and family IDs.
pub fn weight_keys() -> Vec<&'static str> {
    PRINCIPLES.iter().map(|p| p.id).chain(Family::ALL.iter().map(|f| f.id())).collect()
}
