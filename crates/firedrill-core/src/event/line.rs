//! One line of the journal after its header (a stamped event), and the
//! words every layer shares for when and how a session runs.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::EventKind;
use crate::roles::Role;

/// When something happened: UTC wall clock (with date, milliseconds) and
/// monotonic milliseconds since the session started. The shell reads the
/// clocks; the core only ever receives stamps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Wall-clock time in UTC.
    pub at: DateTime<Utc>,
    /// Monotonic milliseconds since the session started.
    pub t_ms: u64,
}

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

/// One line of the journal after the header (read by `line_de`, which
/// takes the same fields without copying the line first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    /// Position in the journal, from 1.
    pub seq: u64,
    /// Wall-clock time (UTC, with date and milliseconds).
    pub at: DateTime<Utc>,
    /// Monotonic milliseconds since the session started.
    pub t_ms: u64,
    /// The role acting, when one does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// What happened.
    #[serde(flatten)]
    pub kind: EventKind,
}
