//! Action scripts: a session written by hand (or by a bot) as RON, played
//! headlessly by `sevdrill run`. `scenarios/FORMAT.md` documents the format.

use crate::scenario::parse_typed;
use crate::sim::{Action, Participant};
use crate::source::{Diagnostic, SourceFile};
use crate::time::Dur;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Script {
    /// The scenario id this script is written for.
    pub scenario: String,
    #[serde(default)]
    pub seed: u64,
    pub participants: Vec<Participant>,
    pub actions: Vec<ScriptStep>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScriptStep {
    pub at: Dur,
    pub by: String,
    pub role: String,
    #[serde(rename = "do")]
    pub action: Action,
}

impl Script {
    pub fn load(
        path: &std::path::Path,
    ) -> Result<(Script, SourceFile, crate::source::Node), Box<Diagnostic>> {
        let src = SourceFile::read(path)?;
        let (script, tree) = parse_typed::<Script>(&src)?;
        Ok((script, src, tree))
    }
}
