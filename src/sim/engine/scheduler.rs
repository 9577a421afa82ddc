//! When things happen by themselves: the schedule of timed injects, fact
//! reveals and severity changes drawn at the start from the seed, the
//! conditional injects and warrants watched after every change, and the
//! accrual of lost revenue and fix progress as time passes.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Due {
    Inject(usize),
    Reveal(usize),
    Severity(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Scheduled {
    pub(super) at: Dur,
    pub(super) what: Due,
}

pub(super) fn warrant_conditions(s: &Scenario) -> Vec<(String, Condition)> {
    let mut out = Vec::new();
    for d in &s.decisions {
        if let Some(c) = &d.warranted {
            out.push((format!("decision:{}", d.id), c.clone()));
        }
    }
    for c in &s.coordination {
        if let Some(w) = &c.warranted {
            out.push((format!("coordination:{}", c.id), w.clone()));
        }
    }
    for e in &s.escalations {
        if let Some(w) = &e.warranted {
            out.push((format!("escalation:{}", e.id), w.clone()));
        }
    }
    out
}

/// A value in `at ± spread`, evenly drawn.
pub(super) fn jitter(rng: &mut ChaCha8Rng, at: Dur, spread: Dur) -> Dur {
    if spread == Dur::ZERO {
        return at;
    }
    let low = at.as_secs().saturating_sub(spread.as_secs());
    let high = at.as_secs() + spread.as_secs();
    Dur(low + draw(rng, high - low + 1))
}

/// Times at which a condition's time tests can flip.
pub(super) fn thresholds(cond: &Condition) -> Vec<Dur> {
    match cond {
        Condition::After(t) => vec![*t],
        Condition::Not(c) => thresholds(c),
        Condition::All(cs) | Condition::Any(cs) => cs.iter().flat_map(thresholds).collect(),
        _ => Vec::new(),
    }
}

pub(super) fn mentions_resolved(cond: &Condition) -> bool {
    match cond {
        Condition::Resolved => true,
        Condition::Not(c) => mentions_resolved(c),
        Condition::All(cs) | Condition::Any(cs) => cs.iter().any(mentions_resolved),
        _ => false,
    }
}

/// The timed items of a session, drawn once from the seed, in time order;
/// and the conditional injects to watch.
pub(super) fn initial_schedule(scenario: &Scenario, seed: u64) -> (Vec<Scheduled>, Vec<usize>) {
    let mut schedule = Vec::new();
    let mut waiting = Vec::new();
    for (i, inj) in scenario.injects.iter().enumerate() {
        // Each inject draws from its own stream, keyed by its id, so
        // adding or editing one inject never moves another's timing.
        let mut rng = stream(seed, &inj.id);
        match &inj.when {
            Trigger::At(at) => schedule.push(Scheduled { at: *at, what: Due::Inject(i) }),
            Trigger::Jitter { at, spread } => {
                schedule.push(Scheduled { at: jitter(&mut rng, *at, *spread), what: Due::Inject(i) })
            }
            Trigger::Chance { at, percent, spread } => {
                let roll = draw(&mut rng, 100) < u64::from(*percent);
                let when = jitter(&mut rng, *at, *spread);
                if roll {
                    schedule.push(Scheduled { at: when, what: Due::Inject(i) });
                }
            }
            Trigger::When { .. } => waiting.push(i),
        }
    }
    for (i, f) in scenario.facts.iter().enumerate() {
        if let Some(at) = f.reveal_at {
            schedule.push(Scheduled { at, what: Due::Reveal(i) });
        }
    }
    for (i, c) in scenario.severity.changes.iter().enumerate() {
        schedule.push(Scheduled { at: c.at, what: Due::Severity(i) });
    }
    schedule.sort_by_key(|s| (s.at, s.what));
    (schedule, waiting)
}

impl Engine {
    /// The time of the next thing that will happen by itself, if any: for
    /// the GUI's "jump to next event".
    pub fn next_event_time(&self) -> Option<Dur> {
        if self.state.phase != Phase::Live {
            return None;
        }
        // Some due moments change nothing visible (a condition that does
        // not hold after all), so look ahead on a copy until one does.
        let mut probe = self.clone();
        for _ in 0..10_000 {
            let t = probe.next_due(Dur(u64::MAX))?;
            if !probe.advance_to(t).is_empty() {
                return Some(t);
            }
        }
        None
    }

    /// Injects still to come: the timed ones with their time, then the
    /// conditional ones (no time) — what the facilitator sees ahead.
    pub fn upcoming(&self) -> Vec<(Option<Dur>, &crate::scenario::Inject)> {
        let timed = self.schedule.iter().filter_map(|s| match s.what {
            Due::Inject(i) => Some((Some(s.at), &self.scenario.injects[i])),
            _ => None,
        });
        let waiting = self.waiting.iter().map(|&i| (None, &self.scenario.injects[i]));
        timed.chain(waiting).collect()
    }

    /// Moves time forward to `to`, accruing lost revenue and fix progress.
    pub(super) fn accrue(&mut self, to: Dur) {
        let dt = to.as_secs().saturating_sub(self.state.now.as_secs());
        if self.state.incident_open() && dt > 0 {
            let s = &mut self.state;
            s.revenue_lost_scaled += u128::from(self.scenario.context.revenue_per_hour)
                * u128::from(s.revenue_percent)
                * u128::from(dt);
            s.work_done = s.work_done.saturating_add(s.work_rate() * dt);
        }
        self.state.now = self.state.now.max(to);
    }

    /// The earliest moment up to `limit` at which something happens by itself.
    pub(super) fn next_due(&self, limit: Dur) -> Option<Dur> {
        let s = &self.state;
        let mut best: Option<Dur> = None;
        let mut consider = |t: Dur| {
            if t <= limit && best.is_none_or(|b| t < b) {
                best = Some(t);
            }
        };
        if let Some(first) = self.schedule.first() {
            consider(first.at.max(s.now));
        }
        if s.incident_open() {
            let remaining = s.work_needed.saturating_sub(s.work_done);
            consider(Dur(s.now.as_secs() + remaining.div_ceil(s.work_rate())));
        }
        if !s.time_limit_hit && s.resolved_at.is_none() {
            consider(self.scenario.ends_at.max(s.now));
        }
        let watched = self.waiting.iter().filter_map(|&i| match &self.scenario.injects[i].when {
            Trigger::When { cond, .. } => Some(cond),
            _ => None,
        });
        let unwarranted = self.warrants.iter().filter(|(k, _)| !s.warranted.contains_key(k)).map(|(_, c)| c);
        for cond in watched.chain(unwarranted) {
            for t in thresholds(cond) {
                if t > s.now {
                    consider(t);
                }
            }
        }
        best
    }

    /// Fires everything due at the current time.
    pub(super) fn process_due(&mut self) {
        let now = self.state.now;
        while self.schedule.first().is_some_and(|s| s.at <= now) {
            let item = self.schedule.remove(0);
            let after_resolution = self.state.resolved_at.is_some();
            match item.what {
                Due::Inject(i) if !after_resolution || self.follows_resolution(i) => self.fire_inject(i),
                Due::Severity(i) if !after_resolution => {
                    let ch = &self.scenario.severity.changes[i];
                    let (to, why) = (ch.to, ch.why.clone());
                    self.set_true_severity(to, why);
                }
                Due::Reveal(i) => {
                    let id = self.scenario.facts[i].id.clone();
                    self.reveal(&id);
                }
                _ => {}
            }
        }
        self.settle();
    }

    /// Resolves, hits the time limit and fires conditional injects until
    /// nothing more changes at this instant.
    pub(super) fn settle(&mut self) {
        let sc = Arc::clone(&self.scenario);
        for _ in 0..=sc.injects.len() + 1 {
            let mut changed = false;
            if self.state.incident_open() && self.state.work_done >= self.state.work_needed {
                self.state.resolved_at = Some(self.state.now);
                self.push(Event::Resolved { text: sc.resolution.text.clone() });
                for f in &sc.resolution.reveals {
                    self.reveal(f);
                }
                changed = true;
            }
            if self.state.phase == Phase::Live
                && !self.state.time_limit_hit
                && self.state.resolved_at.is_none()
                && self.state.now >= sc.ends_at
            {
                self.state.time_limit_hit = true;
                self.push(Event::TimeLimitReached);
            }
            if self.state.phase != Phase::Live {
                break;
            }
            for (key, cond) in &self.warrants {
                if !self.state.warranted.contains_key(key) && holds(cond, &self.state) {
                    self.state.warranted.insert(key.clone(), self.state.now);
                }
            }
            let mut still = Vec::new();
            for i in std::mem::take(&mut self.waiting) {
                let Trigger::When { cond, delay } = &sc.injects[i].when else { continue };
                let after_resolution = self.state.resolved_at.is_some() && !mentions_resolved(cond);
                if after_resolution {
                    continue;
                }
                if holds(cond, &self.state) {
                    changed = true;
                    if *delay == Dur::ZERO {
                        self.fire_inject(i);
                    } else {
                        let at = self.state.now + *delay;
                        let pos = self.schedule.partition_point(|s| (s.at, s.what) <= (at, Due::Inject(i)));
                        self.schedule.insert(pos, Scheduled { at, what: Due::Inject(i) });
                    }
                } else {
                    still.push(i);
                }
            }
            self.waiting = still;
            if !changed {
                break;
            }
        }
    }
}
