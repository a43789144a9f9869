//! One line of the journal after its header (a stamped event), and the
//! words every layer shares for when and how a session runs.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::EventKind;
use crate::vocab::Role;

pub use crate::vocab::Mode;

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

#[cfg(test)]
mod tests {
    /// A journal of a million events is held in 80 MB: a kind with a
    /// large payload boxes it (docs/design.md, "The events").
    #[test]
    fn an_event_is_held_in_72_bytes() {
        assert!(std::mem::size_of::<super::Event>() <= 72, "{} bytes", std::mem::size_of::<super::Event>());
    }
}
