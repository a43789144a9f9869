//! Where the team put a kill switch, and what a switch's command does
//! (docs/domain.md, "Kill switch").

use serde::{Deserialize, Serialize};

/// Where the team put a kill switch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagState {
    /// Not touched in this session.
    Untouched,
    /// Put in its safe state (`off` for most switches; journals say "off").
    #[serde(rename = "off")]
    Safe,
    /// Put back as it was before the session.
    Restored,
    /// Left in its safe state on purpose, with a reason.
    Waived,
}

/// What a kill switch's command does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SwitchAction {
    /// `safe_command`: put the switch in its safe state.
    Safe,
    /// `restore_command`: put it back as it was.
    Restore,
}
