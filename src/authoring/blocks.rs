//! The generator's building blocks: businesses, services, failure modes and
//! complications. Text may use `{company}`, `{product}`, `{service}`,
//! `{customer}`, `{vendor}` and `{oncall}`, filled in when composed.

/// A company and the business picture around the incident.
pub struct Business {
    pub key: &'static str,
    pub industry: &'static str,
    pub company: &'static str,
    pub product: &'static str,
    pub users: u64,
    pub peak_hours: &'static str,
    /// Local hour of the peak's start, used to place the incident in or out of it.
    pub peak_start: u32,
    pub revenue_per_hour: u64,
    pub currency: &'static str,
    pub zone: &'static str,
    pub utc_offset_hours: i32,
    /// (name, account team, notes)
    pub customers: [(&'static str, &'static str, &'static str); 2],
    pub external_event: &'static str,
    pub commitments: [&'static str; 2],
    pub oncall_names: [&'static str; 3],
}

pub const BUSINESSES: &[Business] = &[
    Business {
        key: "grocery",
        industry: "retail",
        company: "Pantrybox",
        product: "Pantrybox online grocery: web shop, mobile app and same-day delivery slots",
        users: 640_000,
        peak_hours: "17:00 to 21:00 local time, when families book next-day delivery slots",
        peak_start: 17,
        revenue_per_hour: 95_000,
        currency: "GBP",
        zone: "GMT",
        utc_offset_hours: 0,
        customers: [
            (
                "Oakridge Care Homes",
                "Business accounts: Lena Marsh",
                "Orders for 140 care homes every evening; their contract has a next-day delivery guarantee.",
            ),
            (
                "CityDesk Offices",
                "Business accounts: Tom Okafor",
                "Weekly office-pantry orders for 60 companies; renewal talks are next week.",
            ),
        ],
        external_event: "A national TV cookery show mentions Pantrybox tonight at 19:30",
        commitments: [
            "Business accounts are told about any outage within 30 minutes",
            "99.9% monthly availability for the web shop",
        ],
        oncall_names: ["Ines Duarte", "Callum Reid", "Priya Nair"],
    },
    Business {
        key: "bank",
        industry: "fintech",
        company: "Brightvale Bank",
        product: "Brightvale mobile banking: accounts, card controls and instant transfers",
        users: 1_200_000,
        peak_hours: "07:00 to 09:30 and 12:00 to 13:30 local time, and all of payday",
        peak_start: 7,
        revenue_per_hour: 60_000,
        currency: "EUR",
        zone: "CET",
        utc_offset_hours: 1,
        customers: [
            (
                "Lumen Payroll",
                "Partnerships: Anouk de Vries",
                "Pays 80,000 salaries through Brightvale on the 25th of each month.",
            ),
            (
                "Vesta Insurance",
                "Partnerships: Marco Ricci",
                "Pays out claims through instant transfers; their contract has service credits.",
            ),
        ],
        external_event: "The national regulator publishes its annual outage report this week",
        commitments: [
            "Major incidents are reported to the regulator within 4 hours",
            "Partners hear of any SEV1 within 30 minutes",
        ],
        oncall_names: ["Jonas Weber", "Sofia Marin", "Eli Cohen"],
    },
    Business {
        key: "streaming",
        industry: "media",
        company: "Reelhouse",
        product: "Reelhouse video streaming on TVs, phones and the web",
        users: 3_400_000,
        peak_hours: "19:00 to 23:00 local time, and any live sports night",
        peak_start: 19,
        revenue_per_hour: 48_000,
        currency: "USD",
        zone: "EST",
        utc_offset_hours: -5,
        customers: [
            (
                "Stadia Sports League",
                "Partner team: Grace Kim",
                "Their championship game streams exclusively on Reelhouse this weekend.",
            ),
            (
                "Northstar TV Makers",
                "Partner team: Ben Alvarez",
                "Ships Reelhouse on every new smart TV; their launch event is on Thursday.",
            ),
        ],
        external_event: "A season finale premieres tonight at 21:00 with a social-media countdown",
        commitments: [
            "Sports partners get a call within 15 minutes of any live-stream outage",
            "Subscribers get a credit for outages over 2 hours",
        ],
        oncall_names: ["Marcus Lee", "Hana Sato", "Diego Flores"],
    },
    Business {
        key: "saas",
        industry: "b2b-saas",
        company: "Ledgerly",
        product: "Ledgerly invoicing and accounting for 30,000 small businesses",
        users: 210_000,
        peak_hours: "09:00 to 17:00 local time on weekdays, busiest at month end",
        peak_start: 9,
        revenue_per_hour: 22_000,
        currency: "AUD",
        zone: "AEST",
        utc_offset_hours: 10,
        customers: [
            (
                "Koala Accounting Group",
                "Enterprise team: Ruby Nguyen",
                "Runs 2,400 client books on Ledgerly; month-end close starts tomorrow.",
            ),
            (
                "Harbourline Retail",
                "Enterprise team: Sam Patel",
                "Invoices 300 stores nightly through the API; contract includes 99.95% uptime.",
            ),
        ],
        external_event: "Quarterly tax filings are due at the end of this week",
        commitments: [
            "Enterprise customers: 99.95% availability with service credits",
            "The status page is updated every 30 minutes during a major incident",
        ],
        oncall_names: ["Chloe Bennett", "Arjun Mehta", "Liam O'Connor"],
    },
    Business {
        key: "travel",
        industry: "travel",
        company: "Skyroute",
        product: "Skyroute flight and hotel booking for consumers and travel agents",
        users: 900_000,
        peak_hours: "10:00 to 14:00 and 19:00 to 22:00 local time; sale days all day",
        peak_start: 10,
        revenue_per_hour: 130_000,
        currency: "EUR",
        zone: "CET",
        utc_offset_hours: 1,
        customers: [
            (
                "Globetrek Agencies",
                "Agency desk: Elena Popescu",
                "A network of 800 travel agents booking through the Skyroute API.",
            ),
            (
                "Meridian Hotels",
                "Supplier team: Omar Haddad",
                "Largest hotel partner; a joint summer-sale campaign starts today.",
            ),
        ],
        external_event: "Skyroute's 48-hour summer sale started this morning with a TV campaign",
        commitments: [
            "Agency partners: 99.9% API availability",
            "Any SEV1 is reported to partners within 30 minutes",
        ],
        oncall_names: ["Katrin Berg", "Yusuf Demir", "Ana Lopes"],
    },
    Business {
        key: "health",
        industry: "healthcare",
        company: "Carewell",
        product: "Carewell patient app and clinic booking for 1,100 clinics",
        users: 450_000,
        peak_hours: "08:00 to 10:00 local time, when clinics open their same-day appointments",
        peak_start: 8,
        revenue_per_hour: 18_000,
        currency: "CAD",
        zone: "EST",
        utc_offset_hours: -5,
        customers: [
            (
                "Maple Health Network",
                "Clinic success: Olivia Tremblay",
                "Runs 220 clinics on Carewell; their board reviews the contract this month.",
            ),
            (
                "Riverbend Pharmacies",
                "Clinic success: Noah Gagnon",
                "Uses Carewell for prescription pick-up slots in 90 pharmacies.",
            ),
        ],
        external_event: "A flu-vaccination campaign opened bookings for the season today",
        commitments: [
            "Clinic partners hear about outages affecting bookings within 30 minutes",
            "Patient-facing outages are posted on the status page",
        ],
        oncall_names: ["Emma Roy", "Kenji Ito", "Fatima Ali"],
    },
];

/// The part of the product that fails.
pub struct Service {
    pub key: &'static str,
    pub name: &'static str,
    /// What users see, as a sentence about all of them.
    pub symptom: &'static str,
    /// Share of revenue that depends on it when it fully fails.
    pub revenue_share: u8,
    /// Share of users who touch it.
    pub user_share: u8,
    pub alert: &'static str,
}

pub const SERVICES: &[Service] = &[
    Service {
        key: "checkout",
        name: "checkout",
        symptom: "cannot complete a purchase; payment hangs and then fails",
        revenue_share: 100,
        user_share: 70,
        alert: "Checkout success rate below threshold",
    },
    Service {
        key: "login",
        name: "sign-in",
        symptom: "cannot sign in; the app shows 'Something went wrong'",
        revenue_share: 80,
        user_share: 100,
        alert: "Sign-in error rate above threshold",
    },
    Service {
        key: "search",
        name: "search",
        symptom: "get empty or very slow search results",
        revenue_share: 45,
        user_share: 60,
        alert: "Search latency p95 above 5 s",
    },
    Service {
        key: "api",
        name: "public API",
        symptom: "get timeouts from the API that partners' systems call",
        revenue_share: 40,
        user_share: 25,
        alert: "API 5xx rate above threshold",
    },
    Service {
        key: "notifications",
        name: "notifications",
        symptom: "stop receiving emails and push notifications, including confirmations",
        revenue_share: 10,
        user_share: 80,
        alert: "Notification queue depth growing",
    },
    Service {
        key: "mobile",
        name: "mobile app backend",
        symptom: "see the mobile app load forever; the website still works",
        revenue_share: 55,
        user_share: 65,
        alert: "Mobile API latency above 10 s",
    },
];

/// How it fails: the technical story, the review material, the trap.
pub struct Failure {
    pub key: &'static str,
    pub trigger: &'static str,
    pub root_cause: &'static str,
    pub mitigation: &'static str,
    pub tech_trap_question: &'static str,
    pub tech_trap_answer: &'static str,
    pub tech_trap_decision: &'static str,
    pub blame_target: &'static str,
    /// The same point made about the system instead of a person.
    pub blame_better: &'static str,
    pub resolution_minutes: u64,
    pub resolution: &'static str,
    pub why_chain: [&'static str; 5],
    /// (technical, process, organisational)
    pub factors: [&'static str; 3],
    pub jargon: &'static [&'static str],
}

pub const FAILURES: &[Failure] = &[
    Failure {
        key: "bad-deploy",
        trigger: "A release of {service} went out 20 minutes before the first alert.",
        root_cause: "The release changed how {service} reads its settings; in production one setting is missing, so every request fails.",
        mitigation: "A rollback of the release is prepared and tested in staging.",
        tech_trap_question: "Can't you just restart all the {service} servers?",
        tech_trap_answer: "A restart would bring back the same release and the same fault. We are preparing a rollback.",
        tech_trap_decision: "Order an immediate restart of every {service} server",
        blame_target: "{oncall} shipped a broken release.",
        blame_better: "The release process has no check that production has every setting a release needs.",
        resolution_minutes: 30,
        resolution: "The release was rolled back and {service} works again for everyone.",
        why_chain: [
            "Requests to {service} failed.",
            "The new release needed a setting that production did not have.",
            "Staging had the setting, so tests passed.",
            "Settings are managed by hand in each environment.",
            "Nobody owns keeping the environments in step.",
        ],
        factors: [
            "A setting missing in production",
            "No check that environments have the same settings before a release",
            "No owner for environment configuration",
        ],
        jargon: &["rollback", "staging", "config drift"],
    },
    Failure {
        key: "certificate",
        trigger: "Connections to {service} started failing at the same minute for everyone, with no release that day.",
        root_cause: "The security certificate of {service} expired; clients refuse the connection.",
        mitigation: "A new certificate has been issued and is ready to install.",
        tech_trap_question: "Can we just turn off the certificate check for now?",
        tech_trap_answer: "That would expose customers' data. We are installing a new certificate.",
        tech_trap_decision: "Turn off certificate checks to get traffic flowing",
        blame_target: "{oncall} ignored the renewal email.",
        blame_better: "Certificate renewal depends on one reminder email and has no expiry alert.",
        resolution_minutes: 25,
        resolution: "A new certificate was installed and connections to {service} succeed again.",
        why_chain: [
            "Connections to {service} failed.",
            "Its certificate expired.",
            "The renewal reminder went to a mailbox nobody reads.",
            "Renewal is a manual yearly task.",
            "There is no inventory of certificates with owners and expiry alerts.",
        ],
        factors: [
            "An expired certificate",
            "A manual, yearly renewal task with no second reminder",
            "No team owns the certificate inventory",
        ],
        jargon: &["TLS", "cert", "handshake"],
    },
    Failure {
        key: "database",
        trigger: "The main database behind {service} is at 100% of its connections.",
        root_cause: "A new nightly report opens hundreds of database connections and never releases them, starving {service}.",
        mitigation: "The report job can be stopped and its connections released.",
        tech_trap_question: "Should we fail over to the backup database right now?",
        tech_trap_answer: "A failover takes 20 minutes and would hit the same limit. Stopping the report is faster.",
        tech_trap_decision: "Order a failover to the backup database",
        blame_target: "The analytics team's report broke production.",
        blame_better: "New jobs can use the production database without a review of their load.",
        resolution_minutes: 35,
        resolution: "The report job was stopped, connections recovered, and {service} is back to normal.",
        why_chain: [
            "{service} could not reach its database.",
            "All connections were taken.",
            "A new report held hundreds of them open.",
            "Reports run on the same database as the product.",
            "There is no review of new jobs that touch production databases.",
        ],
        factors: [
            "A report that leaks database connections",
            "No review for jobs that use the production database",
            "Analytics and product share one database by default",
        ],
        jargon: &["connection pool", "replica", "failover"],
    },
    Failure {
        key: "vendor",
        trigger: "Every call from {service} to {vendor}, an outside provider, is timing out.",
        root_cause: "{vendor} is having an outage of its own, and {service} waits for it on every request instead of carrying on without it.",
        mitigation: "{service} can be switched to a mode that skips {vendor} for now.",
        tech_trap_question: "Can we move to a different provider tonight?",
        tech_trap_answer: "A new provider needs contracts and weeks of work. We can skip {vendor} for now.",
        tech_trap_decision: "Sign up with a different provider tonight",
        blame_target: "{vendor} is useless and whoever chose them should answer for it.",
        blame_better: "{service} had no fallback for a slow outside provider.",
        resolution_minutes: 30,
        resolution: "{service} now skips {vendor} when it does not answer; users are served again.",
        why_chain: [
            "{service} stopped answering.",
            "It waited on {vendor} for every request.",
            "{vendor} had an outage.",
            "There was no fallback when {vendor} is slow.",
            "Outside dependencies are not reviewed for what happens when they fail.",
        ],
        factors: [
            "{vendor} outage",
            "No timeout or fallback around {vendor}",
            "No review of how outside dependencies fail",
        ],
        jargon: &["timeout", "circuit breaker", "upstream"],
    },
    Failure {
        key: "capacity",
        trigger: "Traffic to {service} is three times the usual level for this hour.",
        root_cause: "{service} has a fixed number of servers; automatic scaling was switched off during a cost review and never switched back on.",
        mitigation: "More servers can be added by hand; automatic scaling can be turned back on.",
        tech_trap_question: "Can we just block traffic from abroad to cut the load?",
        tech_trap_answer: "That would lock out real customers. Adding servers is under way.",
        tech_trap_decision: "Block all traffic from outside the home country",
        blame_target: "Finance made us turn off scaling, so this is their fault.",
        blame_better: "A cost change switched off scaling with no check of what it protected.",
        resolution_minutes: 30,
        resolution: "Servers were added and automatic scaling is back on; {service} keeps up with the traffic.",
        why_chain: [
            "{service} slowed down and failed.",
            "It did not have enough servers for the traffic.",
            "Automatic scaling was off.",
            "It was switched off in a cost review and not restored.",
            "Cost changes to production are not checked for their effect on capacity.",
        ],
        factors: [
            "Automatic scaling switched off",
            "No check of capacity after cost changes",
            "Cost reviews and on-call teams do not talk",
        ],
        jargon: &["autoscaling", "load balancer", "throughput"],
    },
];

/// Something that makes the incident harder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Complication {
    /// A key customer's operations team calls in.
    KeyCustomerCalls,
    /// Users post publicly; a journalist asks.
    SocialStorm,
    /// The incident grows one severity level at peak.
    Worsens,
    /// A coincidence looks like the cause and is not.
    RedHerring,
    /// The first fix fails.
    FixFails,
    /// The team is stuck without another team's help.
    StuckTeam,
}

pub const COMPLICATIONS: &[Complication] = &[
    Complication::KeyCustomerCalls,
    Complication::SocialStorm,
    Complication::Worsens,
    Complication::RedHerring,
    Complication::FixFails,
    Complication::StuckTeam,
];

impl Complication {
    pub fn key(self) -> &'static str {
        match self {
            Complication::KeyCustomerCalls => "key-customer-calls",
            Complication::SocialStorm => "social-storm",
            Complication::Worsens => "worsens",
            Complication::RedHerring => "red-herring",
            Complication::FixFails => "fix-fails",
            Complication::StuckTeam => "stuck-team",
        }
    }
}

pub const VENDORS: &[&str] = &["Paylynx", "GeoFence", "Mailstream", "Trustmark ID", "Quickrate"];
