//! Evaluating a scenario's conditions against the session state.

use super::state::State;
use crate::scenario::Condition;

pub fn holds(cond: &Condition, st: &State) -> bool {
    match cond {
        Condition::After(t) => st.now >= *t,
        Condition::Informed(a) => st.informed.contains_key(a),
        Condition::Sent(t) => st.sent_templates.contains_key(t),
        Condition::Asked(q) => st.asked.contains_key(q),
        Condition::AskedKind(k) => st.asked_kinds.contains(k),
        Condition::Undeclared => st.declared.is_none(),
        Condition::DeclaredBelow(s) => st.declared.is_some_and(|d| s.above(d)),
        Condition::DeclaredAtLeast(s) => st.declared.is_some_and(|d| d.level() <= s.level()),
        Condition::TrueAtLeast(s) => st.true_sev.level() <= s.level(),
        Condition::Decided(d) => st.decided.contains_key(d),
        Condition::Coordinated(c) => st.coordinated.contains_key(c),
        Condition::Escalated(e) => st.escalated.contains_key(e),
        Condition::Known(f) => st.known.contains_key(f),
        Condition::Fired(i) => st.fired.contains_key(i),
        Condition::HistoryRead => st.history_read.is_some(),
        Condition::ContextShared => st.context_shared.is_some(),
        Condition::Resolved => st.resolved_at.is_some(),
        Condition::FocusBelow(n) => st.focus < i32::from(*n),
        Condition::StakeholderTrustBelow(n) => st.stakeholder_trust < i32::from(*n),
        Condition::CustomerTrustBelow(n) => st.customer_trust < i32::from(*n),
        Condition::Not(c) => !holds(c, st),
        Condition::All(cs) => cs.iter().all(|c| holds(c, st)),
        Condition::Any(cs) => cs.iter().any(|c| holds(c, st)),
    }
}
