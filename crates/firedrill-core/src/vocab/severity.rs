//! How bad an incident is, on the common three-level scale (docs/domain.md,
//! "Severity"): set at the start of an incident, changed as an event.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// SEV1 (worst) to SEV3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Severity {
    /// A core flow is down for many users, or data is at risk.
    #[serde(rename = "SEV1", alias = "sev1")]
    Sev1,
    /// A core flow is degraded, or a part of the users is blocked.
    #[serde(rename = "SEV2", alias = "sev2")]
    Sev2,
    /// Minor, with a workaround.
    #[serde(rename = "SEV3", alias = "sev3")]
    Sev3,
}

impl Severity {
    /// The three levels, worst first.
    pub const ALL: [Self; 3] = [Self::Sev1, Self::Sev2, Self::Sev3];

    /// `SEV1`, `SEV2` or `SEV3`.
    pub fn key(self) -> &'static str {
        match self {
            Self::Sev1 => "SEV1",
            Self::Sev2 => "SEV2",
            Self::Sev3 => "SEV3",
        }
    }

    /// What the level means, in one line.
    pub fn meaning(self) -> &'static str {
        match self {
            Self::Sev1 => "a core flow is down for many users, or data is at risk",
            Self::Sev2 => "a core flow is degraded, or a part of the users is blocked",
            Self::Sev3 => "minor, with a workaround",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}
