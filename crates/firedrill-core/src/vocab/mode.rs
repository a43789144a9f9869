//! Whether a session is a drill or an incident.

use serde::{Deserialize, Serialize};

/// Whether the session is a rehearsal or the real thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Practice: time-box, targets, pause allowed, never solo.
    Drill,
    /// Live: wall-clock timeline first, no pause, may run solo.
    Incident,
}

impl Mode {
    /// The mode's name in lower case.
    pub fn key(self) -> &'static str {
        match self {
            Self::Drill => "drill",
            Self::Incident => "incident",
        }
    }
}
