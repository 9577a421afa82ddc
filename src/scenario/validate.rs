//! Checks a parsed scenario beyond its types: ids and references, times,
//! conditions that can never hold, and size limits. Every problem is
//! reported at its position, with the nearest valid name where one exists.

use super::model::*;
use crate::rubric::weight_keys;
use crate::source::{Diagnostic, Node, Path, SourceFile, nearest};
use crate::time::Dur;
use std::collections::BTreeSet;

const MAX_ITEMS: usize = 500;
const MAX_TEXT_CHARS: usize = 8_000;
const MAX_LENGTH: Dur = Dur(12 * 3600);

struct Checker<'a> {
    tree: &'a Node,
    src: &'a SourceFile,
    out: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn error(&mut self, path: &Path, message: String, expected: Option<String>, help: Option<String>) {
        let span = self.tree.locate(&path.0);
        let mut d = self.src.error(span, message);
        d.expected = expected;
        d.help = help;
        self.out.push(d);
    }

    fn warn(&mut self, path: &Path, message: String, help: Option<String>) {
        let span = self.tree.locate(&path.0);
        let mut d = self.src.error(span, message).warning();
        d.help = help;
        self.out.push(d);
    }

    /// Reports an unknown id with the closest known one.
    fn reference(&mut self, path: &Path, what: &str, id: &str, known: &BTreeSet<&str>) {
        if known.contains(id) {
            return;
        }
        let expected = if known.is_empty() {
            format!("a {what} id, but the scenario defines none")
        } else {
            format!("the id of a {what} defined in this file")
        };
        let help = nearest(id, known.iter().copied()).map(|n| format!("did you mean \"{n}\"?"));
        self.error(path, format!("no {what} has the id \"{id}\""), Some(expected), help);
    }

    /// Checks the ids of a list (`list` is the path to it): allowed
    /// characters and no duplicates. Returns the set of ids.
    fn ids<'s>(&mut self, list: &Path, ids: impl Iterator<Item = &'s str>) -> BTreeSet<&'s str> {
        let mut seen = BTreeSet::new();
        for (i, id) in ids.enumerate() {
            let path = list.index(i).field("id");
            self.id_chars(&path, id);
            if !seen.insert(id) {
                self.error(
                    &path,
                    format!("the id \"{id}\" is used twice in `{list}`"),
                    None,
                    Some("give each entry its own id".into()),
                );
            }
        }
        seen
    }

    fn id_chars(&mut self, path: &Path, id: &str) {
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            self.error(
                path,
                format!("\"{id}\" is not a valid id"),
                Some("letters, digits, `-` and `_`, e.g. \"db-primary-down\"".into()),
                None,
            );
        }
    }

    fn time(&mut self, path: &Path, at: Dur, end: Dur, what: &str) {
        if at > end {
            self.error(
                path,
                format!("{what} at {at} comes after the scenario ends ({end})"),
                Some(format!("a time up to `ends_at` ({end})")),
                Some("move it earlier or raise `ends_at`".into()),
            );
        }
    }

    fn text(&mut self, path: &Path, text: &str, required: bool) {
        if required && text.trim().is_empty() {
            self.error(path, "this text is empty".into(), Some("a short description".into()), None);
        }
        if text.chars().count() > MAX_TEXT_CHARS {
            self.error(
                path,
                format!("this text is longer than {MAX_TEXT_CHARS} characters"),
                None,
                Some("shorten it; long texts do not fit the screen".into()),
            );
        }
    }

    fn percent(&mut self, path: &Path, v: u8) {
        if v > 100 {
            self.error(path, format!("{v} is not a percentage"), Some("a number from 0 to 100".into()), None);
        }
    }
}

struct Ids<'s> {
    facts: BTreeSet<&'s str>,
    injects: BTreeSet<&'s str>,
    questions: BTreeSet<&'s str>,
    escalations: BTreeSet<&'s str>,
    decisions: BTreeSet<&'s str>,
    coordination: BTreeSet<&'s str>,
    customers: BTreeSet<&'s str>,
}

pub fn validate(s: &Scenario, tree: &Node, src: &SourceFile) -> Vec<Diagnostic> {
    let mut c = Checker { tree, src, out: Vec::new() };
    let root = Path::root();
    let end = s.ends_at;

    c.id_chars(&root.field("id"), &s.id);
    c.text(&root.field("title"), &s.title, true);
    c.text(&root.field("summary"), &s.summary, true);
    check_word_lists(&mut c, &root.field("language"), &s.language);
    if s.ends_at < Dur::mins(5) || s.ends_at > MAX_LENGTH {
        c.error(
            &root.field("ends_at"),
            format!("`ends_at` is {}", s.ends_at),
            Some("between 5m and 12h".into()),
            None,
        );
    }
    // A trillion an hour is beyond any business; past it, money stops
    // being a figure a room can read (and sums near the integer's end).
    const MAX_REVENUE_PER_HOUR: u64 = 1_000_000_000_000;
    if s.context.revenue_per_hour > MAX_REVENUE_PER_HOUR {
        c.error(
            &root.field("context").field("revenue_per_hour"),
            format!("{} an hour is more revenue than any business earns", s.context.revenue_per_hour),
            Some(format!("at most {MAX_REVENUE_PER_HOUR}")),
            Some("give the revenue per hour in whole units of the currency".into()),
        );
    }
    if !(5..=600).contains(&s.expected_minutes) {
        c.error(
            &root.field("expected_minutes"),
            format!("{} minutes is not a playable length", s.expected_minutes),
            Some("5 to 600 minutes".into()),
            None,
        );
    }
    for (name, len) in [
        ("facts", s.facts.len()),
        ("injects", s.injects.len()),
        ("questions", s.questions.len()),
        ("decisions", s.decisions.len()),
        ("coordination", s.coordination.len()),
        ("escalations", s.escalations.len()),
    ] {
        if len > MAX_ITEMS {
            c.error(
                &root.field(name),
                format!("`{name}` has {len} entries"),
                Some(format!("at most {MAX_ITEMS}")),
                None,
            );
        }
    }
    check_dashboards(&mut c, s);
    if s.injects.is_empty() {
        c.error(
            &root.field("injects"),
            "the scenario has no injects, so nothing ever happens".into(),
            Some("at least one inject, usually the first alert".into()),
            None,
        );
    }
    if !s.injects.iter().any(|i| i.alert) {
        c.warn(
            &root.field("injects"),
            "no inject is marked `alert: true`, so detection time cannot be measured".into(),
            Some("mark the first page or monitoring alert with `alert: true`".into()),
        );
    }
    if s.questions.iter().all(|q| !q.kind.is_good()) {
        c.error(
            &root.field("questions"),
            "the question deck has no good question".into(),
            Some("at least one Factual, Helpful, Supportive or Offer question".into()),
            None,
        );
    }
    if s.roles.is_empty() {
        c.error(
            &root.field("roles"),
            "no roles are defined".into(),
            Some("leave `roles` out for the four standard roles, or list some".into()),
            None,
        );
    }
    c.ids(&root.field("roles"), s.roles.iter().map(|r| r.id.as_str()));

    let list = |name: &str| root.field(name);
    let ids = Ids {
        facts: c.ids(&list("facts"), s.facts.iter().map(|f| f.id.as_str())),
        injects: c.ids(&list("injects"), s.injects.iter().map(|f| f.id.as_str())),
        questions: c.ids(&list("questions"), s.questions.iter().map(|f| f.id.as_str())),
        escalations: c.ids(&list("escalations"), s.escalations.iter().map(|f| f.id.as_str())),
        decisions: c.ids(&list("decisions"), s.decisions.iter().map(|f| f.id.as_str())),
        coordination: c.ids(&list("coordination"), s.coordination.iter().map(|f| f.id.as_str())),
        customers: c.ids(
            &root.field("context").field("key_customers"),
            s.context.key_customers.iter().map(|k| k.id.as_str()),
        ),
    };
    c.ids(
        &root.field("review").field("blameful_statements"),
        s.review.blameful_statements.iter().map(|b| b.id.as_str()),
    );

    // Business context.
    let ctx = root.field("context");
    c.text(&ctx.field("company"), &s.context.company, true);
    if s.context.users == 0 {
        c.error(
            &ctx.field("users"),
            "`users` is 0".into(),
            Some("the number of active users at this hour".into()),
            None,
        );
    }

    // Facts and severity.
    for (i, f) in s.facts.iter().enumerate() {
        let p = root.field("facts").index(i);
        c.text(&p.field("text"), &f.text, true);
        if let Some(at) = f.reveal_at {
            c.time(&p.field("reveal_at"), at, end, "this fact's reveal");
        }
    }
    let sev = root.field("severity");
    let mut last = Dur::ZERO;
    for (i, ch) in s.severity.changes.iter().enumerate() {
        let p = sev.field("changes").index(i);
        c.time(&p.field("at"), ch.at, end, "this severity change");
        if ch.at < last {
            c.error(
                &p.field("at"),
                format!("severity changes are out of order: {} comes after {last}", ch.at),
                Some("changes listed in time order".into()),
                None,
            );
        }
        last = ch.at;
    }
    let imp = root.field("impact");
    c.percent(&imp.field("users_percent"), s.impact.users_percent);
    c.percent(&imp.field("revenue_percent"), s.impact.revenue_percent);
    if s.responders.initial_focus > 100 {
        c.percent(&root.field("responders").field("initial_focus"), s.responders.initial_focus);
    }

    // Injects.
    for (i, inj) in s.injects.iter().enumerate() {
        let p = root.field("injects").index(i);
        c.text(&p.field("text"), &inj.text, true);
        let w = p.field("when");
        match &inj.when {
            Trigger::At(at) => c.time(&w, *at, end, "this inject"),
            Trigger::Jitter { at, spread } => {
                c.time(&w.field("at"), *at + *spread, end, "this inject (with its spread)");
                if spread > at {
                    c.error(
                        &w.field("spread"),
                        format!("a spread of {spread} around {at} would reach before the start"),
                        Some(format!("a spread of at most {at}")),
                        None,
                    );
                }
            }
            Trigger::Chance { at, percent, spread } => {
                c.time(&w.field("at"), *at + *spread, end, "this inject (with its spread)");
                if *percent == 0 || *percent > 100 {
                    c.error(
                        &w.field("percent"),
                        format!("a chance of {percent}% is not a chance"),
                        Some("a chance from 1 to 99".into()),
                        Some("use `At(…)` for an inject that always fires".into()),
                    );
                } else if *percent == 100 {
                    c.warn(
                        &w.field("percent"),
                        "a chance of 100% always fires".into(),
                        Some("use `At(…)` or `Jitter(…)` to say so".into()),
                    );
                }
                if spread > at {
                    c.error(
                        &w.field("spread"),
                        format!("a spread of {spread} around {at} would reach before the start"),
                        Some(format!("a spread of at most {at}")),
                        None,
                    );
                }
            }
            Trigger::When { cond, delay } => {
                check_condition(&mut c, &w.field("cond"), cond, &ids, end);
                if *delay >= end {
                    c.error(
                        &w.field("delay"),
                        format!("a delay of {delay} is longer than the whole scenario ({end})"),
                        Some(format!("a delay shorter than `ends_at` ({end})")),
                        None,
                    );
                }
                if refers_to_inject(cond, &inj.id) {
                    c.error(
                        &w.field("cond"),
                        format!("the inject \"{}\" waits for itself to fire", inj.id),
                        None,
                        Some("a condition cannot depend on its own inject".into()),
                    );
                }
            }
        }
        for (j, r) in inj.reveals.iter().enumerate() {
            c.reference(&p.field("reveals").index(j), "fact", r, &ids.facts);
        }
        check_effects(&mut c, &p.field("effects"), &inj.effects, &ids);
    }

    // The question deck.
    for (i, q) in s.questions.iter().enumerate() {
        let p = root.field("questions").index(i);
        c.text(&p.field("text"), &q.text, true);
        c.text(&p.field("answer"), &q.answer, true);
        c.text(&p.field("reason"), &q.reason, true);
        for (j, r) in q.reveals.iter().enumerate() {
            c.reference(&p.field("reveals").index(j), "fact", r, &ids.facts);
        }
        if let Some(cond) = &q.available {
            check_condition(&mut c, &p.field("available"), cond, &ids, end);
        }
    }

    for (i, e) in s.escalations.iter().enumerate() {
        let p = root.field("escalations").index(i);
        if let Some(cond) = &e.warranted {
            check_condition(&mut c, &p.field("warranted"), cond, &ids, end);
        }
        check_effects(&mut c, &p.field("effects"), &e.effects, &ids);
    }
    for (i, d) in s.decisions.iter().enumerate() {
        let p = root.field("decisions").index(i);
        if let Some(cond) = &d.warranted {
            check_condition(&mut c, &p.field("warranted"), cond, &ids, end);
            if d.owner == DecisionOwner::Technical {
                c.warn(
                    &p.field("warranted"),
                    "a technical decision is never the PM's to take; `warranted` is ignored".into(),
                    None,
                );
            }
        }
        check_effects(&mut c, &p.field("effects"), &d.effects, &ids);
    }
    for (i, co) in s.coordination.iter().enumerate() {
        let p = root.field("coordination").index(i);
        if let Some(cond) = &co.warranted {
            check_condition(&mut c, &p.field("warranted"), cond, &ids, end);
        }
        if let Some(k) = &co.customer {
            c.reference(&p.field("customer"), "key customer", k, &ids.customers);
        }
        check_effects(&mut c, &p.field("effects"), &co.effects, &ids);
    }

    let res = root.field("resolution");
    if s.resolution.work == Dur::ZERO {
        c.error(
            &res.field("work"),
            "the fix needs no work, so the incident ends at once".into(),
            Some("a duration such as \"25m\"".into()),
            None,
        );
    }
    // At the fastest pace (focus 100) the fix takes two thirds of `work`.
    if Dur(s.resolution.work.0 * 2 / 3) > end {
        c.warn(
            &res.field("work"),
            format!("even at full focus the fix takes longer than `ends_at` ({end})"),
            Some("unless an effect resolves it, the incident cannot be resolved in time".into()),
        );
    }
    for (j, r) in s.resolution.reveals.iter().enumerate() {
        c.reference(&res.field("reveals").index(j), "fact", r, &ids.facts);
    }

    let rev = root.field("review");
    if s.review.why_chain.is_empty() {
        c.error(
            &rev.field("why_chain"),
            "the reference why-chain is empty".into(),
            Some("the whys from the trigger down to the process gap".into()),
            None,
        );
    }

    let keys = weight_keys();
    for (k, w) in &s.weights {
        let p = root.field("weights").field(k);
        if !keys.contains(&k.as_str()) {
            let help = nearest(k, &keys).map(|n| format!("did you mean \"{n}\"?"));
            c.error(
                &p,
                format!("\"{k}\" is not a principle or family of the rubric"),
                Some("an ID from rubric.md, e.g. \"COMM-CADENCE\" or \"COMM\"".into()),
                help,
            );
        }
        if !(0.0..=10.0).contains(w) || w.is_nan() {
            c.error(&p, format!("weight {w} is out of range"), Some("a weight from 0 to 10".into()), None);
        }
    }
    check_variants(&mut c, s);
    c.out
}

/// Variant pools: well-formed options, consistent keys, known injects, and
/// every `${pool.key}` placeholder anywhere in the file naming a real value.
fn check_variants(c: &mut Checker, s: &Scenario) {
    let root = Path::root().field("variants");
    let pools = c.ids(&root, s.variants.iter().map(|p| p.id.as_str()));
    let injects: BTreeSet<&str> = s.injects.iter().map(|i| i.id.as_str()).collect();
    let mut keys_of: std::collections::BTreeMap<&str, BTreeSet<&str>> = Default::default();
    for (pi, pool) in s.variants.iter().enumerate() {
        let at = root.index(pi);
        if pool.options.is_empty() {
            c.error(
                &at.field("options"),
                format!("pool \"{}\" has no options", pool.id),
                Some("at least two options".into()),
                None,
            );
            continue;
        }
        if pool.options.len() == 1 {
            c.warn(
                &at.field("options"),
                format!("pool \"{}\" has one option, so it never varies", pool.id),
                Some("add another option, or write the text in place".into()),
            );
        }
        c.ids(&at.field("options"), pool.options.iter().map(|o| o.id.as_str()));
        let all_keys: BTreeSet<&str> =
            pool.options.iter().flat_map(|o| o.values.keys().map(String::as_str)).collect();
        for (oi, option) in pool.options.iter().enumerate() {
            let opt = at.field("options").index(oi);
            if option.weight == 0 {
                c.error(
                    &opt.field("weight"),
                    "an option with weight 0 is never chosen".into(),
                    Some("a weight of 1 or more".into()),
                    Some("remove the option instead".into()),
                );
            }
            let missing: Vec<&str> =
                all_keys.iter().copied().filter(|k| !option.values.contains_key(*k)).collect();
            if !missing.is_empty() {
                c.error(
                    &opt.field("id"),
                    format!(
                        "option \"{}\" has no value for {}",
                        option.id,
                        missing.iter().map(|k| format!("\"{k}\"")).collect::<Vec<_>>().join(", ")
                    ),
                    Some(
                        "every option of a pool sets the same keys, so each placeholder always has a value"
                            .into(),
                    ),
                    None,
                );
            }
            for (ii, id) in option.injects.iter().enumerate() {
                c.reference(&opt.field("injects").index(ii), "inject", id, &injects);
            }
        }
        keys_of.insert(pool.id.as_str(), all_keys);
    }
    // The longest value each placeholder can be filled with: a text's limit
    // holds for the text as shown, after filling, on every seed.
    let mut longest: std::collections::BTreeMap<(&str, &str), usize> = Default::default();
    for pool in &s.variants {
        for option in &pool.options {
            for (k, v) in &option.values {
                let e = longest.entry((pool.id.as_str(), k.as_str())).or_default();
                *e = (*e).max(v.chars().count());
            }
        }
    }
    let mut strings = Vec::new();
    collect_strings(c.tree, &mut strings);
    for node in strings {
        let crate::source::Kind::Str(text) = &node.kind else { continue };
        let found = super::variants::placeholders(text);
        if !found.is_empty() {
            let written = text.chars().count();
            let filled = found.iter().fold(written, |n, ph| {
                let placeholder = 4 + ph.pool.chars().count() + ph.key.chars().count();
                let value = longest.get(&(ph.pool.as_str(), ph.key.as_str())).copied().unwrap_or(0);
                (n + value).saturating_sub(placeholder)
            });
            if written <= MAX_TEXT_CHARS && filled > MAX_TEXT_CHARS {
                let mut d = c.src.error(
                    node.span,
                    format!(
                        "filled in, this text can be {filled} characters long, more than the {MAX_TEXT_CHARS} allowed"
                    ),
                );
                d.expected = Some(format!("at most {MAX_TEXT_CHARS} characters with the longest values"));
                d.help = Some("shorten the text or the values its placeholders take".into());
                c.out.push(d);
            }
        }
        let raw = c.src.text.get(node.span.start..node.span.end).unwrap_or("");
        let raw_offsets: Vec<usize> = raw.match_indices("${").map(|(i, _)| node.span.start + i).collect();
        for (k, ph) in super::variants::placeholders(text).into_iter().enumerate() {
            let start = raw_offsets.get(k).copied().unwrap_or(node.span.start);
            let span = crate::source::Span::new(start, start + 2 + ph.pool.len() + 1 + ph.key.len() + 1);
            let problem = match keys_of.get(ph.pool.as_str()) {
                _ if ph.key.is_empty() => Some((
                    "this placeholder is not of the form `${pool.key}`".to_string(),
                    "`${pool.key}` with a closing `}`".to_string(),
                    None,
                )),
                None => Some((
                    format!("no variant pool has the id \"{}\"", ph.pool),
                    if pools.is_empty() {
                        "a pool defined under `variants`, but the scenario defines none".into()
                    } else {
                        "the id of a pool under `variants`".into()
                    },
                    nearest(&ph.pool, pools.iter().copied())
                        .map(|n| format!("did you mean \"${{{n}.{}}}\"?", ph.key)),
                )),
                Some(keys) if !keys.contains(ph.key.as_str()) => Some((
                    format!("pool \"{}\" has no value called \"{}\"", ph.pool, ph.key),
                    format!("one of: {}", keys.iter().copied().collect::<Vec<_>>().join(", ")),
                    nearest(&ph.key, keys.iter().copied())
                        .map(|n| format!("did you mean \"${{{}.{n}}}\"?", ph.pool)),
                )),
                Some(_) => None,
            };
            if let Some((message, expected, help)) = problem {
                let mut d = c.src.error(span, message);
                d.expected = Some(expected);
                d.help = help;
                c.out.push(d);
            }
        }
    }
}

/// A word-list entry is a word or a short phrase; a list holds at most
/// `MAX_ITEMS`. Long entries would only slow every text's matching.
const MAX_PHRASE_CHARS: usize = 80;

fn check_word_lists(c: &mut Checker, path: &Path, w: &WordLists) {
    for (name, list) in [
        ("jargon", &w.jargon),
        ("speculation", &w.speculation),
        ("pressure", &w.pressure),
        ("blame", &w.blame),
        ("demand", &w.demand),
        ("offer", &w.offer),
        ("process", &w.process),
        ("minimising", &w.minimising),
        ("people", &w.people),
    ] {
        let at = path.field(name);
        if list.len() > MAX_ITEMS {
            c.error(
                &at,
                format!("`{name}` has {} entries", list.len()),
                Some(format!("at most {MAX_ITEMS}")),
                None,
            );
        }
        for (i, entry) in list.iter().enumerate() {
            if entry.chars().count() > MAX_PHRASE_CHARS {
                c.error(
                    &at.index(i),
                    format!("this entry is {} characters long", entry.chars().count()),
                    Some(format!("a word or a short phrase, at most {MAX_PHRASE_CHARS} characters")),
                    Some("the lists hold words and phrases to look for, not sentences".into()),
                );
            }
        }
    }
}

fn collect_strings<'n>(node: &'n Node, out: &mut Vec<&'n Node>) {
    use crate::source::Kind;
    match &node.kind {
        Kind::Str(_) => out.push(node),
        Kind::List(items) | Kind::Tuple { items, .. } => items.iter().for_each(|n| collect_strings(n, out)),
        Kind::Map(entries) => entries.iter().for_each(|(k, v)| {
            collect_strings(k, out);
            collect_strings(v, out);
        }),
        Kind::Struct { fields, .. } => fields.iter().for_each(|f| collect_strings(&f.value, out)),
        _ => {}
    }
}

fn check_effects(c: &mut Checker, path: &Path, effects: &[Effect], ids: &Ids) {
    for (i, e) in effects.iter().enumerate() {
        let p = path.index(i);
        match e {
            Effect::Reveal(f) => c.reference(&p.index(0), "fact", f, &ids.facts),
            Effect::Fire(inj) => c.reference(&p.index(0), "inject", inj, &ids.injects),
            Effect::Impact { users_percent, revenue_percent, .. } => {
                c.percent(&p.field("users_percent"), *users_percent);
                c.percent(&p.field("revenue_percent"), *revenue_percent);
            }
            Effect::Focus(v) | Effect::StakeholderTrust(v) | Effect::CustomerTrust(v) if v.abs() > 100 => {
                c.error(
                    &p.index(0),
                    format!("a change of {v} points is out of range"),
                    Some("a change from -100 to 100".into()),
                    None,
                );
            }
            _ => {}
        }
    }
}

fn refers_to_inject(cond: &Condition, id: &str) -> bool {
    match cond {
        Condition::Fired(x) => x == id,
        Condition::Not(inner) => refers_to_inject(inner, id),
        Condition::All(xs) | Condition::Any(xs) => xs.iter().any(|x| refers_to_inject(x, id)),
        _ => false,
    }
}

/// Checks references inside a condition and that it can ever hold.
fn check_condition(c: &mut Checker, path: &Path, cond: &Condition, ids: &Ids, end: Dur) {
    match cond {
        Condition::After(t) => c.time(&path.index(0), *t, end, "this condition"),
        Condition::Asked(q) => c.reference(&path.index(0), "question", q, &ids.questions),
        Condition::Decided(d) => c.reference(&path.index(0), "decision", d, &ids.decisions),
        Condition::Coordinated(x) => c.reference(&path.index(0), "coordination", x, &ids.coordination),
        Condition::Escalated(x) => c.reference(&path.index(0), "escalation", x, &ids.escalations),
        Condition::Known(x) => c.reference(&path.index(0), "fact", x, &ids.facts),
        Condition::Fired(x) => c.reference(&path.index(0), "inject", x, &ids.injects),
        Condition::DeclaredBelow(Sev::Sev4) => c.error(
            path,
            "nothing can be declared below SEV4, so this never holds".into(),
            Some("`DeclaredBelow(Sev1)` … `DeclaredBelow(Sev3)`".into()),
            None,
        ),
        Condition::FocusBelow(n) | Condition::StakeholderTrustBelow(n) | Condition::CustomerTrustBelow(n)
            if *n == 0 || *n > 100 =>
        {
            let how = if *n == 0 { "never holds" } else { "always holds" };
            c.error(
                path,
                format!("levels run from 0 to 100, so this {how}"),
                Some("a level from 1 to 100".into()),
                None,
            )
        }
        Condition::Not(inner) => check_condition(c, &path.index(0), inner, ids, end),
        Condition::Any(xs) | Condition::All(xs) => {
            if xs.is_empty() {
                c.error(
                    path,
                    "an empty list of conditions".into(),
                    Some("at least one condition".into()),
                    None,
                );
            }
            for (i, x) in xs.iter().enumerate() {
                check_condition(c, &path.index(0).index(i), x, ids, end);
            }
            if let Condition::All(xs) = cond
                && let Some(why) = contradiction(xs)
            {
                c.error(
                    path,
                    format!("these conditions contradict each other: {why}"),
                    None,
                    Some("this inject or rule can never apply; remove one of them".into()),
                );
            }
        }
        _ => {}
    }
}

/// A reason why every condition in `xs` can never hold at once.
fn contradiction(xs: &[Condition]) -> Option<String> {
    for x in xs {
        if let Condition::Not(inner) = x
            && xs.contains(inner)
        {
            return Some(format!("both {inner:?} and Not({inner:?})"));
        }
    }
    let below = xs.iter().filter_map(|x| match x {
        Condition::DeclaredBelow(s) => Some(*s),
        _ => None,
    });
    let at_least = xs.iter().filter_map(|x| match x {
        Condition::DeclaredAtLeast(s) => Some(*s),
        _ => None,
    });
    for b in below {
        for a in at_least.clone() {
            // Below b means level > b; at least a means level <= a.
            if a.level() <= b.level() {
                return Some(format!("declared below {b} and at least {a}"));
            }
        }
    }
    let undeclared = xs.contains(&Condition::Undeclared);
    if undeclared
        && xs.iter().any(|x| matches!(x, Condition::DeclaredAtLeast(_) | Condition::DeclaredBelow(_)))
    {
        return Some("no severity declared, yet a declared severity is tested".into());
    }
    None
}

/// Dashboard metrics: unique ids, a title, finite numbers that differ, a
/// lag shorter than the scenario, a short unit.
fn check_dashboards(c: &mut Checker, s: &Scenario) {
    let list = Path::root().field("dashboards");
    c.ids(&list, s.dashboards.iter().map(|m| m.id.as_str()));
    if s.dashboards.len() > 8 {
        c.error(
            &list,
            format!("{} dashboard metrics", s.dashboards.len()),
            Some("at most 8, so each stays readable".into()),
            None,
        );
    }
    for (i, m) in s.dashboards.iter().enumerate() {
        let p = list.index(i);
        c.text(&p.field("title"), &m.title, true);
        if m.unit.chars().count() > 16 {
            c.error(
                &p.field("unit"),
                format!("the unit \"{}\" is long", m.unit),
                Some("a short unit such as \"%\" or \"ms\"".into()),
                None,
            );
        }
        for (field, v) in [("normal", m.normal), ("worst", m.worst)] {
            if !v.is_finite() || v.abs() > 1e12 {
                c.error(
                    &p.field(field),
                    format!("{v} is not a usable value"),
                    Some("a finite number".into()),
                    None,
                );
            }
        }
        if m.normal == m.worst {
            c.error(
                &p.field("worst"),
                "`worst` equals `normal`, so the graph never moves".into(),
                Some("the value when every user is affected".into()),
                None,
            );
        }
        if m.lag >= s.ends_at {
            c.error(
                &p.field("lag"),
                format!("a lag of {} is as long as the scenario", m.lag),
                Some("a lag shorter than `ends_at`, usually 0s to 2m".into()),
                None,
            );
        }
    }
}
