//! A facilitator's inject card (Google's "Wheel of Misfortune"): what goes
//! wrong during a drill, shown when its time comes or its step starts.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::core::duration::HumanDuration;
use crate::core::plan::StepKind;

/// One inject card of a runbook's `[[injects]]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Inject {
    /// The card's title, e.g. "The known-good build fails its health check".
    pub title: String,
    /// What the team is told.
    #[serde(default)]
    pub text: String,
    /// Fires this long after the start (active time).
    pub at: Option<HumanDuration>,
    /// Fires when this step starts.
    pub on: Option<StepKind>,
    /// Once shown, this check (by its name) counts as failed: checking it
    /// needs the verifier's reason, as a failed command would.
    pub fail_check: Option<String>,
}
