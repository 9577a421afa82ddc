//! Severity calls: every declaration and every proposal, by whom, when and
//! why, with the declaration in force and the true severity at that moment.
//! The seats' views, the debrief and the report all read them from here.

use super::{Action, ActionRecord, Engine};
use crate::scenario::Sev;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallKind {
    Declared,
    Proposed,
}

impl CallKind {
    pub fn word(self) -> &'static str {
        match self {
            CallKind::Declared => "declared",
            CallKind::Proposed => "proposed",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SeverityCall<'a> {
    pub record: &'a ActionRecord,
    pub kind: CallKind,
    pub sev: Sev,
    /// A proposal's one-line reason; empty for a declaration.
    pub reason: &'a str,
    /// The declaration in force just before this call.
    pub declared_before: Option<Sev>,
    /// The true severity when the call was made.
    pub truth: Sev,
}

/// Every severity call of the session, in order.
pub fn severity_calls(engine: &Engine) -> Vec<SeverityCall<'_>> {
    engine
        .actions()
        .iter()
        .filter_map(|a| {
            let (kind, sev, reason) = match &a.action {
                Action::Declare(sev) => (CallKind::Declared, *sev, ""),
                Action::ProposeSeverity { sev, reason } => (CallKind::Proposed, *sev, reason.as_str()),
                _ => return None,
            };
            Some(SeverityCall {
                record: a,
                kind,
                sev,
                reason,
                declared_before: a.snapshot.declared,
                truth: a.snapshot.true_sev,
            })
        })
        .collect()
}
