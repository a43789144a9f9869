//! What every screen and widget reads and nothing writes: the time of the
//! message being handled and the styles and keys to draw with. A leaf of
//! the tui, so a screen needs nothing of the app that routes to it.

use chrono::{DateTime, Utc};

use crate::keymap::Keymap;
use crate::theme::Theme;

/// The time, read once per message by the event loop: UTC wall clock and
/// monotonic milliseconds since firedrill started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    /// Wall clock, UTC.
    pub wall: DateTime<Utc>,
    /// Monotonic milliseconds since the process started.
    pub mono_ms: u64,
}

/// Shared, read-only things every screen draws with.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    /// The styles.
    pub theme: &'a Theme,
    /// The keys.
    pub keymap: &'a Keymap,
    /// The time of the last message.
    pub now: Now,
}
