//! A session being played: the engine, its crash-safe journal, the
//! participants and who is acting, the feed they read and the clock's
//! speed. Plain Rust with no Bevy: the GUI holds one as a resource
//! (`gui::session`), and a session host can drive the same value.

use crate::replay::{Carried, ForkOf, Journal, LogEntry, SessionLog, commitments_for, header_for, replay};
use crate::scenario::LoadedScenario;
use crate::scenario::Template;
use crate::scoring::{Scorecard, score_engine};
use crate::sim::{Action, Actor, Engine, Event, Participant, Phase, TimedEvent, Timeline};
use crate::time::Dur;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Speed {
    #[default]
    Paused,
    X1,
    X2,
    X5,
    X10,
}

impl Speed {
    pub const ALL: [Speed; 5] = [Speed::Paused, Speed::X1, Speed::X2, Speed::X5, Speed::X10];

    pub fn factor(self) -> u64 {
        match self {
            Speed::Paused => 0,
            Speed::X1 => 1,
            Speed::X2 => 2,
            Speed::X5 => 5,
            Speed::X10 => 10,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Speed::Paused => "⏸ paused",
            Speed::X1 => "▶ 1×",
            Speed::X2 => "▶ 2×",
            Speed::X5 => "▶ 5×",
            Speed::X10 => "▶ 10×",
        }
    }
}

/// A new journal's path in `dir`: the scenario, a tag ("-fork-27") and the
/// time, with a counter when two start in the same second.
fn fresh_log_path(dir: &Path, scenario: &str, tag: &str) -> PathBuf {
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
    let mut path = dir.join(format!("{scenario}{tag}-{stamp}.jsonl"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{scenario}{tag}-{stamp}-{n}.jsonl"));
        n += 1;
    }
    path
}

/// How far a session has moved: actions, events and simulated time.
type MovedTo = (usize, usize, Dur);

/// One line of the feed, with whether anyone has looked at it yet.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedItem {
    pub event: TimedEvent,
    pub unread: bool,
}

pub struct Session {
    pub loaded: LoadedScenario,
    pub engine: Engine,
    journal: Option<Journal>,
    pub log_path: Option<PathBuf>,
    pub feed: Vec<FeedItem>,
    pub speed: Speed,
    /// Real milliseconds times speed not yet turned into simulated seconds.
    pub carry_ms: u64,
    pub scores_live: bool,
    /// The speed the clock starts at when the incident begins.
    pub start_speed: Speed,
    /// Index into `actors()` of who is acting now.
    pub acting: usize,
    /// The last refusal or I/O problem, shown until the next action.
    pub notice: Option<String>,
    /// What the team committed to in its last review, shown at the briefing.
    pub carried: Vec<Carried>,
    /// The parent session and the cut, when this session is a fork.
    pub fork: Option<ForkOf>,
    /// When the session started (RFC 3339): the day overdue items are judged on.
    pub started: String,
    /// The last total worked out and what it was worked out for (actions,
    /// events, time): screens that show the score every frame reuse it.
    total_cache: std::sync::Mutex<Option<(MovedTo, f64)>>,
}

/// Why an action did not happen, or happened without reaching the disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActError {
    /// The engine refused it: the session is as it was.
    Refused(String),
    /// The engine took it but its journal line could not be written.
    NotSaved(String),
}

/// Who ran the drill and which team played, kept in the journal's header
/// for the report's evidence of training and for trends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    pub facilitator: String,
    pub team: String,
}

impl Session {
    /// Starts a new session, writing its journal under `sessions` (or not at
    /// all when `sessions` is `None`, as in tests).
    pub fn start(
        loaded: LoadedScenario,
        seed: u64,
        participants: Vec<Participant>,
        sessions: Option<&Path>,
    ) -> Result<Session, String> {
        Session::start_recorded(loaded, seed, participants, sessions, &Record::default())
    }

    /// `start`, with the facilitator and team written into the journal.
    pub fn start_recorded(
        loaded: LoadedScenario,
        seed: u64,
        participants: Vec<Participant>,
        sessions: Option<&Path>,
        record: &Record,
    ) -> Result<Session, String> {
        let engine = Engine::new(Arc::new(loaded.scenario.clone()), seed, participants.clone());
        let started = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let carried = sessions.map(|dir| commitments_for(&record.team, dir)).unwrap_or_default();
        let (journal, log_path) = match sessions {
            Some(dir) => {
                let path = fresh_log_path(dir, &loaded.scenario.id, "");
                let mut header = header_for(&loaded, seed, participants, started.clone());
                let given = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
                header.facilitator = given(&record.facilitator);
                header.team = given(&record.team);
                header.carried = carried.clone();
                let j = Journal::create(&path, &header)
                    .map_err(|e| format!("cannot create the session journal {}: {e}", path.display()))?;
                (Some(j), Some(path))
            }
            None => (None, None),
        };
        let mut s = Session::new(loaded, engine, journal, log_path);
        s.carried = carried;
        s.started = started;
        Ok(s)
    }

    /// Plays on from moment `at` of the saved session `parent`: a new
    /// session on the same scenario version, seed and participants, with
    /// the parent's actions up to `at`, journaled under `sessions` as a
    /// fork that names its parent and the cut.
    pub fn fork(loaded: LoadedScenario, parent: &Path, at: Dur, sessions: &Path) -> Result<Session, String> {
        let log = SessionLog::load(parent).map_err(|e| e.to_string())?;
        let started = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let parent_name = parent.display().to_string();
        let (fork, engine) = crate::replay::fork_at(&loaded, &log, &parent_name, at, started.clone())
            .map_err(|e| e.to_string())?;
        let path = fresh_log_path(sessions, &loaded.scenario.id, &format!("-fork-{}", at.as_secs() / 60));
        let mut journal = Journal::create(&path, &fork.header)
            .map_err(|e| format!("cannot create the fork's journal {}: {e}", path.display()))?;
        for e in &fork.entries {
            journal
                .append(e)
                .map_err(|e| format!("cannot write the fork's journal {}: {e}", path.display()))?;
        }
        let mut s = Session::new(loaded, engine, Some(journal), Some(path));
        s.feed = s.engine.events().iter().cloned().map(|event| FeedItem { event, unread: false }).collect();
        s.carried = fork.header.carried.clone();
        s.fork = fork.header.fork.clone();
        s.started = started;
        Ok(s)
    }

    /// Continues a session from its journal after a crash or a quit.
    pub fn resume(loaded: LoadedScenario, path: &Path) -> Result<Session, String> {
        let log = SessionLog::load(path).map_err(|e| e.to_string())?;
        let engine = replay(&loaded, &log).map_err(|e| e.to_string())?;
        let journal = Journal::resume(path).map_err(|e| format!("cannot reopen {}: {e}", path.display()))?;
        let mut s = Session::new(loaded, engine, Some(journal), Some(path.to_path_buf()));
        s.feed = s.engine.events().iter().cloned().map(|event| FeedItem { event, unread: false }).collect();
        s.carried = log.header.carried;
        s.fork = log.header.fork;
        s.started = log.header.started;
        Ok(s)
    }

    fn new(
        loaded: LoadedScenario,
        engine: Engine,
        journal: Option<Journal>,
        log_path: Option<PathBuf>,
    ) -> Session {
        Session {
            loaded,
            engine,
            journal,
            log_path,
            feed: Vec::new(),
            speed: Speed::Paused,
            carry_ms: 0,
            scores_live: false,
            start_speed: Speed::X1,
            acting: 0,
            notice: None,
            carried: Vec::new(),
            fork: None,
            started: String::new(),
            total_cache: std::sync::Mutex::new(None),
        }
    }

    /// Every (participant, role) pair, in setup order.
    pub fn actors(&self) -> Vec<Actor> {
        self.engine
            .participants()
            .iter()
            .flat_map(|p| p.roles.iter().map(|r| Actor { name: p.name.clone(), role: r.clone() }))
            .collect()
    }

    pub fn current_actor(&self) -> Option<Actor> {
        let all = self.actors();
        all.get(self.acting.min(all.len().saturating_sub(1))).cloned()
    }

    /// The first actor holding `role`, else whoever is acting now.
    pub fn actor_for(&self, role: &str) -> Option<Actor> {
        self.actors().into_iter().find(|a| a.role == role).or_else(|| self.current_actor())
    }

    /// Applies an action now; accepted actions go to the journal at once.
    /// The clock stops when the live phase ends. A journal that cannot be
    /// written leaves a warning in `notice`: the action stands.
    pub fn act(&mut self, actor: &Actor, action: Action) -> Result<(), String> {
        match self.act_journaled(actor, action) {
            Ok(_) => Ok(()),
            Err(ActError::Refused(e)) => Err(e),
            Err(ActError::NotSaved(e)) => {
                self.notice =
                    Some(format!("WARNING: the journal could not be written ({e}); keep this window open"));
                Ok(())
            }
        }
    }

    /// Applies an action now and returns its time once its journal line is
    /// on disk — what a seat's acknowledgement waits for.
    pub fn act_journaled(&mut self, actor: &Actor, action: Action) -> Result<Dur, ActError> {
        self.act_via(actor, action, None)
    }

    /// `act_journaled`, recording where the action came from (a seat).
    pub fn act_via(&mut self, actor: &Actor, action: Action, via: Option<&str>) -> Result<Dur, ActError> {
        let at = self.engine.now();
        let events =
            self.engine.apply(at, actor, action.clone()).map_err(|e| ActError::Refused(e.to_string()))?;
        self.notice = None;
        if self.phase() != Phase::Live {
            self.speed = Speed::Paused;
        }
        self.push_events(events);
        if let Some(j) = self.journal.as_mut() {
            let entry = LogEntry {
                at,
                by: actor.name.clone(),
                role: actor.role.clone(),
                action,
                via: via.map(String::from),
            };
            j.append(&entry).map_err(|e| ActError::NotSaved(e.to_string()))?;
        }
        Ok(at)
    }

    /// How many actions `name` has taken, from the engine's record (and so
    /// from the journal after a resume): seats number their actions with it.
    pub fn actions_by(&self, name: &str) -> u64 {
        self.engine.actions().iter().filter(|a| a.actor.name == name).count() as u64
    }

    /// The incident commander starts the incident and the clock runs at
    /// the speed chosen at setup.
    pub fn begin_incident(&mut self) -> Result<(), String> {
        let ic =
            self.actor_for("ic").ok_or("nobody can start the incident: the session has no participants")?;
        self.act(&ic, Action::StartIncident)?;
        self.speed = self.start_speed;
        Ok(())
    }

    pub fn set_speed(&mut self, speed: Speed) {
        self.speed = speed;
        self.carry_ms = 0;
    }

    /// Moves the clock straight to the next thing that happens by itself.
    pub fn jump_to_next_event(&mut self) {
        if let Some(t) = self.engine.next_event_time() {
            self.advance_to(t);
            self.carry_ms = 0;
        }
    }

    /// The clock: `real` time passed at the current speed becomes simulated
    /// seconds while the incident is live. A step is capped at one real
    /// second, so a front end waking from a long sleep never makes the
    /// clock leap.
    pub fn run_clock(&mut self, real: std::time::Duration) {
        if self.phase() != Phase::Live || self.speed == Speed::Paused {
            return;
        }
        let ms = real.min(std::time::Duration::from_millis(1000)).as_millis() as u64;
        self.carry_ms += ms * self.speed.factor();
        let secs = self.carry_ms / 1000;
        if secs > 0 {
            self.carry_ms -= secs * 1000;
            let t = self.engine.now() + Dur(secs);
            self.advance_to(t);
        }
    }

    /// Lets simulated time run to `t`.
    pub fn advance_to(&mut self, t: Dur) {
        let events = self.engine.advance_to(t);
        self.push_events(events);
    }

    fn push_events(&mut self, events: Vec<TimedEvent>) {
        self.feed.extend(events.into_iter().map(|event| {
            let unread = matches!(
                event.event,
                Event::Inject { .. } | Event::Reply { .. } | Event::FactRevealed { .. }
            );
            FeedItem { event, unread }
        }));
    }

    pub fn mark_all_read(&mut self) {
        for f in &mut self.feed {
            f.unread = false;
        }
    }

    pub fn unread(&self) -> usize {
        self.feed.iter().filter(|f| f.unread).count()
    }

    pub fn phase(&self) -> Phase {
        self.engine.phase()
    }

    pub fn scorecard(&self) -> Scorecard {
        score_engine(&self.engine)
    }

    /// The total score now, scored again only when the session has moved.
    pub fn score_total(&self) -> f64 {
        let key = (self.engine.actions().len(), self.engine.events().len(), self.engine.now());
        let mut cache = self.total_cache.lock().unwrap_or_else(|e| e.into_inner());
        match *cache {
            Some((k, total)) if k == key => total,
            _ => {
                let total = self.scorecard().total;
                *cache = Some((key, total));
                total
            }
        }
    }

    /// The scenario as this session plays it: variant options filled in.
    pub fn scenario(&self) -> &crate::scenario::Scenario {
        self.engine.scenario()
    }

    /// A role's name in this scenario ("Incident commander"), else its id.
    pub fn role_name(&self, role: &str) -> String {
        self.scenario()
            .roles
            .iter()
            .find(|r| r.id == role)
            .map(|r| r.name.clone())
            .unwrap_or_else(|| role.into())
    }

    /// "Dana (Incident commander)".
    pub fn actor_label(&self, a: &Actor) -> String {
        format!("{} ({})", a.name, self.role_name(&a.role))
    }

    /// The wall-clock time of the scenario at simulated time `t`.
    pub fn wall_clock(&self, t: Dur) -> chrono::DateTime<chrono::FixedOffset> {
        crate::time::wall_clock(self.scenario().clock.start.0, t)
    }

    /// The clocks that matter now: first notification, promised update, limit.
    pub fn timers(&self) -> Vec<String> {
        let s = self;
        let st = s.engine.state();
        let now = s.engine.now();
        let mut out = Vec::new();
        let fmt = |t: Dur| {
            let left = t.as_secs() as i64 - now.as_secs() as i64;
            let wall = s.wall_clock(t).format("%H:%M");
            if left >= 0 {
                format!("{wall} (in {})", Dur(left as u64))
            } else {
                format!("{wall} (⚠ {} overdue)", Dur((-left) as u64))
            }
        };
        // The same first alert and notifications that COMM-FIRST judges.
        let timeline = Timeline::of(&s.engine);
        let alerted = s.scenario().injects.iter().any(|i| i.alert && st.fired.contains_key(&i.id));
        if timeline.notifications.is_empty() && alerted {
            out.push(format!("First notification due {}", fmt(timeline.first_notice_due())));
        }
        let closed = st.comms.iter().any(|(_, c)| c.template == Template::Resolution);
        if let Some((t, c)) =
            st.comms.iter().rev().find(|(_, c)| c.fields.next_update_in.is_some()).filter(|_| !closed)
        {
            let due = *t + c.fields.next_update_in.expect("filtered");
            out.push(format!("Next update promised {}", fmt(due)));
        }
        if let Some(r) = st.resolved_at {
            out.push(format!("✔ Resolved at {}", s.wall_clock(r).format("%H:%M")));
        } else {
            out.push(format!("Scenario time limit {}", fmt(s.scenario().ends_at)));
        }
        out
    }

    /// The next promised update: (when it is due, how long the promise was).
    pub fn next_update(&self) -> Option<(Dur, Dur)> {
        let s = self;
        let st = s.engine.state();
        if st.comms.iter().any(|(_, c)| c.template == Template::Resolution) {
            return None;
        }
        let promised = st.comms.iter().rev().find_map(|(t, c)| c.fields.next_update_in.map(|d| (*t + d, d)));
        // Before any promise, the first notification's deadline (as COMM-FIRST judges it).
        promised.or_else(|| {
            let timeline = Timeline::of(&s.engine);
            timeline
                .notifications
                .is_empty()
                .then(|| (timeline.first_notice_due(), timeline.first_notice_due()))
        })
    }
}
