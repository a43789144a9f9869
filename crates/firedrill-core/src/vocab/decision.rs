//! The decision at the trigger step: roll back, fix forward or restore
//! data (docs/domain.md, "Rule of thumb under stress").

use std::fmt;

use serde::{Deserialize, Serialize};

/// The choice at the trigger step (the rule of thumb: harm to users
/// or data means roll back; stable but wrong in a small area means fix
/// forward; lost or corrupted data means restore).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Put the app back on the known-good release.
    RollBack,
    /// Keep the release live and ship a patch.
    FixForward,
    /// Bring data back to a point in time.
    Restore,
}

impl Decision {
    /// All choices in the order the chooser lists them.
    pub const ALL: [Self; 3] = [Self::RollBack, Self::FixForward, Self::Restore];

    /// The choice in words.
    pub fn label(self) -> &'static str {
        match self {
            Self::RollBack => "roll back",
            Self::FixForward => "fix forward",
            Self::Restore => "restore data",
        }
    }

    /// When this is the right choice (docs/domain.md, "Words": rule of thumb under stress).
    pub fn when(self) -> &'static str {
        match self {
            Self::RollBack => "the system harms users or data: stop the bleeding with a release already trusted",
            Self::FixForward => "stable but wrong in a small area, reproducible, and the patch is low risk",
            Self::Restore => "data was lost or overwritten: a rollback cannot undo it",
        }
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}
