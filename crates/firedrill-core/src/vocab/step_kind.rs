//! The five steps of a rollback, in order (docs/domain.md, "The five
//! steps").

use std::fmt;

use serde::{Deserialize, Serialize};

/// One of the five steps of a rollback, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// Agree what forces action and name the live release.
    Trigger,
    /// Pause deploys and hotfixes; assign the roles.
    Freeze,
    /// Step 3: roll back, fix forward or restore, as decided.
    Revert,
    /// Turn off the kill switches tied to the incident.
    DisableFlags,
    /// Verify the core flows.
    Verify,
}

impl StepKind {
    /// The five steps in the order they run.
    pub const ALL: [Self; 5] = [Self::Trigger, Self::Freeze, Self::Revert, Self::DisableFlags, Self::Verify];

    /// The key used in runbooks and journals (`disable_flags`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Trigger => "trigger",
            Self::Freeze => "freeze",
            Self::Revert => "revert",
            Self::DisableFlags => "disable_flags",
            Self::Verify => "verify",
        }
    }

    /// A short label for tables and the big step banner.
    pub fn label(self) -> &'static str {
        match self {
            Self::Trigger => "trigger",
            Self::Freeze => "freeze",
            Self::Revert => "revert",
            Self::DisableFlags => "disable",
            Self::Verify => "verify",
        }
    }
}

impl fmt::Display for StepKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}
